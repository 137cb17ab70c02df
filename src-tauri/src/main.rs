//! Pandu's desktop shell.
//!
//! Thin on purpose: each module wires one feature of the `pandu` core to the window, and all
//! behaviour lives in the core, where `pandu serve` and the tests exercise it without a display.
//! - [`shell`]: the shell's state: starts the core's `App` (settings, archive, engine, local
//!   server) as `pandu serve` does, and tells the window about it.
//! - [`feed`]: the app's outbound stream, forwarded to the window over a Tauri channel.
//! - [`source`]: picking, starting and stopping the source.
//! - [`moderation`]: the lexicon editor, the script checker, the mute list.
//! - [`clock`]: flash sales, the run sheet and the preferences behind them.
//! - [`host`]: the host view's second window, its link and QR code, its script.
//! - [`hotkeys`]: global hotkeys for a drop, the next slot, pause.
//! - [`frame`]: the template on air, the pinned comment, the overlay window.
//! - [`agency`]: who hosts on this PC, the agency hub it sends its lives to, and its status.
//! - [`answers`]: the co-host's edit of an answer card, the shop's own facts.
//!
//! The window's TypeScript side of every command is generated from these signatures
//! (`commands_ts.rs`, on `cargo test`).

// Keeps Windows from opening a console window beside the app in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod agency;
mod answers;
mod clock;
#[cfg(test)]
mod commands_ts;
mod feed;
mod feedback;
mod frame;
mod host;
mod hotkeys;
mod moderation;
mod settings;
mod shell;
mod source;

use clap::Parser;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "pandu=info".into()))
        .with_writer(std::io::stderr)
        .init();
    let shell = shell::Shell::start(shell::Options::parse());

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_global_shortcut::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(shell)
        .manage(feed::Forwarder::default())
        .invoke_handler(tauri::generate_handler![
            shell::app_info,
            shell::archive_start_new,
            shell::archive_open_other,
            feed::subscribe_feed,
            source::start_source,
            source::stop_source,
            source::reconnect_source,
            moderation::lexicon_get,
            moderation::lexicon_save,
            moderation::lexicon_test,
            moderation::lexicon_import,
            moderation::export_tiktok_filter,
            moderation::rule_packs,
            moderation::set_rule_packs,
            moderation::script_check,
            moderation::mute_user,
            moderation::unmute_user,
            moderation::muted_users,
            clock::flash_sale_start,
            clock::flash_sale_close,
            clock::flash_sale_extend,
            clock::run_sheet_control,
            clock::run_sheet_extend,
            clock::run_sheet_use,
            clock::run_sheet_list,
            clock::run_sheet_open,
            clock::run_sheet_delete,
            clock::run_sheet_from_csv,
            clock::run_sheet_to_csv,
            clock::preferences_get,
            clock::preferences_save,
            host::host_script_get,
            host::host_script_set,
            host::host_link,
            host::token_rotate,
            host::open_host_window,
            frame::frame_list,
            frame::frame_current,
            frame::frame_use,
            frame::pin_comment,
            frame::unpin_comment,
            frame::open_overlay_window,
            frame::frame_open,
            frame::frame_preview,
            frame::frame_export,
            frame::frame_save,
            frame::frame_copy,
            frame::frame_rename,
            frame::frame_delete,
            frame::frame_add_image,
            feedback::feedback_tag,
            feedback::feedback_update,
            feedback::feedback_delete,
            feedback::question_answer_next,
            feedback::feedback_list,
            feedback::archive_search,
            feedback::archive_sessions,
            feedback::report_get,
            feedback::report_export,
            feedback::backup_now,
            agency::agency_get,
            agency::host_choices,
            agency::agency_set,
            agency::hub_status,
            agency::agency_report_get,
            agency::agency_report_export,
            answers::answer_edit,
            answers::shop_facts_get,
            answers::shop_facts_set,
            settings::settings_export,
            settings::settings_import,
            settings::sessionid_status,
            settings::sessionid_set,
        ])
        .setup(|app| {
            exit_on_stop_signal(app.handle().clone());
            if let Ok(core) = tauri::Manager::state::<shell::Shell>(app).app() {
                hotkeys::register(app.handle(), std::sync::Arc::clone(core), &core.settings().hotkeys);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the window could not be created");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Everything received is archived before the process ends.
            tauri::Manager::state::<shell::Shell>(handle).shut_down();
        }
    });
}

/// A stop signal (Ctrl-C in the terminal, SIGTERM on logout or `kill`, a closed console or a
/// shutdown on Windows) closes the app the same way the window's close button does, so the
/// archive is flushed either way.
fn exit_on_stop_signal(app: tauri::AppHandle) {
    // Inside the task: the handlers need the async runtime's context.
    tauri::async_runtime::spawn(async move {
        match pandu::shutdown::stop_signal() {
            Ok(stop) => {
                stop.await;
                app.exit(0);
            }
            Err(error) => tracing::warn!("stop signals cannot be caught ({error}); close the window to quit"),
        }
    });
}
