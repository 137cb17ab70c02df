//! Start-up and what the window is told about it.
//!
//! The window always opens: settings, an archive or a port that cannot be used are reported in
//! it, in plain words, instead of the app failing before the user sees anything.

use std::path::PathBuf;
use std::sync::Arc;

use pandu::app::{App, AppError, AppInfo, AppOptions, ErrorCode};
use pandu::ingest::SourceSet;
use tauri::State;

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

/// The running app, or why it could not start.
pub struct Console {
    app: Result<Arc<App>, AppError>,
}

impl Console {
    /// Starts the app core the way `pandu serve` does.
    pub fn start(options: Options) -> Console {
        let options = AppOptions { db: options.db, port: options.port, source: options.source, ..Default::default() };
        let app = tauri::async_runtime::block_on(App::launch(&options));
        if let Err(error) = &app {
            tracing::error!("{error}");
        }
        Console { app }
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
pub fn app_info(console: State<'_, Console>) -> AppInfo {
    match &console.app {
        Ok(app) => app.info(),
        Err(error) => AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            startup_error: Some(error.message.clone()),
            ..AppInfo::default()
        },
    }
}
