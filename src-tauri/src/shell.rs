//! Start-up and what the window is told about it.
//!
//! The window always opens: settings, an archive or a port that cannot be used are reported in
//! it, in plain words, instead of the app failing before the user sees anything.

use std::path::PathBuf;
use std::sync::Arc;

use pandu::app::{App, AppError, AppInfo, AppOptions, ErrorCode};
use pandu::ingest::SourceSet;
use tauri::{AppHandle, State};

/// Command-line options of the desktop app.
#[derive(Debug, clap::Parser)]
#[command(name = "pandu-desktop", version, about = "Pandu: a co-host for TikTok LIVE sellers")]
pub struct Options {
    /// The archive file [default: pandu.db in the platform's local data folder]
    #[arg(long)]
    db: Option<PathBuf>,
    /// The source to start on: tiktok:@HANDLE, tikfinity[:URL], ssn:URL, replay:FILE[:SPEED],
    /// demo[:RATE[:SEED]], none, or several joined by " + " [default: the settings' source, demo]
    #[arg(long)]
    source: Option<SourceSet>,
    /// Port of the local server on 127.0.0.1 [default: the settings' port, 47800]
    #[arg(long)]
    port: Option<u16>,
}

/// The shell's state: the running app, or why it could not start. (Not `Console`: that is the
/// window's feed screen.)
pub struct Shell {
    app: Result<Arc<App>, AppError>,
    /// The archive it opened, or failed to open.
    archive: Option<PathBuf>,
}

impl Shell {
    /// Starts the app core the way `pandu serve` does.
    pub fn start(options: Options) -> Shell {
        let options = AppOptions { db: options.db, port: options.port, source: options.source, ..Default::default() };
        let app = tauri::async_runtime::block_on(pandu::launch::launch(&options));
        if let Err(error) = &app {
            tracing::error!("{error}");
        }
        Shell { app, archive: App::archive_path_for(&options).ok() }
    }

    /// The app, or the reason there is none.
    pub fn app(&self) -> Result<&Arc<App>, AppError> {
        self.app.as_ref().map_err(|error| AppError { code: ErrorCode::NotRunning, ..error.clone() })
    }

    /// Stops the server and ends the session, archiving everything received.
    pub fn shut_down(&self) {
        if let Ok(app) = &self.app {
            tauri::async_runtime::block_on(app.shut_down());
        }
    }
}

#[tauri::command]
pub fn app_info(shell: State<'_, Shell>) -> AppInfo {
    match &shell.app {
        Ok(app) => app.info(),
        Err(error) => AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            startup_error: Some(error.clone()),
            archive_path: shell.archive.as_ref().map(|path| path.display().to_string()).unwrap_or_default(),
            ..AppInfo::default()
        },
    }
}

/// After an archive the app could not use: starts a new archive beside it (which is left
/// untouched) and restarts on it.
#[tauri::command]
pub fn archive_start_new(app: AppHandle, shell: State<'_, Shell>) -> Result<(), AppError> {
    let failed = shell
        .archive
        .clone()
        .ok_or_else(|| AppError::new(ErrorCode::Settings, "no archive location is known to start beside"))?;
    App::choose_archive(None, App::new_archive_path(&failed))?;
    app.restart()
}

/// After an archive the app could not use: lets the user pick another archive file and
/// restarts on it; `false` when they cancel.
#[tauri::command]
pub async fn archive_open_other(app: AppHandle) -> Result<bool, AppError> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app.dialog().file().add_filter("Arsip Pandu", &["db", "sqlite", "sqlite3"]).blocking_pick_file();
    let Some(picked) = picked else { return Ok(false) };
    let path = picked.into_path().map_err(|error| {
        AppError::new(ErrorCode::Io, format!("the picked file has no path on this computer: {error}"))
    })?;
    App::choose_archive(None, path)?;
    app.restart()
}
