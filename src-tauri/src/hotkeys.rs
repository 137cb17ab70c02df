//! Global hotkeys: start a drop for the current product, next slot, pause or resume, mark the
//! host's question answered, while TikTok LIVE Studio or OBS has the focus. They are read from the settings at start-up.
//!
//! A hotkey the system will not give us (another program holds it, no X display) is logged and
//! the rest still work: the window's buttons do the same.

use std::str::FromStr;
use std::sync::Arc;

use pandu::app::{App, AppError, ErrorCode};
use pandu::config::Hotkeys;
use tauri::{AppHandle, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

/// What a hotkey does.
#[derive(Clone, Copy)]
enum Action {
    Drop,
    NextSlot,
    Pause,
    Answered,
}

fn named(hotkeys: &Hotkeys) -> [(&'static str, &str, Action); 4] {
    [
        ("drop", &hotkeys.drop, Action::Drop),
        ("next_slot", &hotkeys.next_slot, Action::NextSlot),
        ("pause", &hotkeys.pause, Action::Pause),
        ("answered", &hotkeys.answered, Action::Answered),
    ]
}

/// Fails, naming the hotkey, when an accelerator does not parse (`CmdOrCtrl+Shift+D` does).
pub fn check(hotkeys: &Hotkeys) -> Result<(), AppError> {
    for (name, accelerator, _) in named(hotkeys) {
        Shortcut::from_str(accelerator).map_err(|error| {
            AppError::new(
                ErrorCode::Invalid,
                format!("hotkeys.{name}: '{accelerator}' is not a hotkey ({error}); e.g. CmdOrCtrl+Shift+D"),
            )
        })?;
    }
    Ok(())
}

/// Registers the settings' hotkeys to act on `app`.
pub fn register<R: Runtime>(handle: &AppHandle<R>, app: Arc<App>, hotkeys: &Hotkeys) {
    for (name, accelerator, action) in named(hotkeys) {
        let app = Arc::clone(&app);
        let registered = handle.global_shortcut().on_shortcut(accelerator, move |_, _, event| {
            if event.state() == ShortcutState::Pressed {
                let app = Arc::clone(&app);
                tauri::async_runtime::spawn(async move { run(&app, action).await });
            }
        });
        if let Err(error) = registered {
            tracing::warn!("hotkey {name} ({accelerator}) is not available: {error}");
        }
    }
}

async fn run(app: &Arc<App>, action: Action) {
    let result = match action {
        Action::Drop => app.start_flash_sale_for_slot().map(drop),
        Action::NextSlot => app.run_sheet_control(pandu::clock::run_sheet::RunSheetAction::Next).map(drop),
        Action::Pause => app.toggle_run_sheet_pause().map(drop),
        Action::Answered => app.answer_next_question().await.map(drop),
    };
    if let Err(error) = result {
        tracing::warn!("hotkey: {error}");
    }
}
