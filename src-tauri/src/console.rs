//! Start-up (settings, archive, engine, local server) and what the window is told about it.
//!
//! The window always opens: a settings file, archive or port that cannot be used is reported
//! in it, in plain words, instead of the app failing before the user sees anything.

use std::path::PathBuf;
use std::sync::Arc;

use pandu::config::{self, Settings};
use pandu::ingest::SourceSet;
use pandu::session::{Engine, SessionState, UiSink};
use serde::Serialize;
use tauri::State;
use tauri::async_runtime::block_on;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

/// Command-line options of the desktop app.
#[derive(Debug, clap::Parser)]
#[command(name = "pandu-desktop", version, about = "Pandu: a co-host for TikTok LIVE sellers")]
pub struct Options {
    /// The archive file [default: ~/.local/share/pandu/pandu.db]
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

/// What the window needs to know about this run of the app.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The local server's address, when it is running.
    pub server_url: Option<String>,
    /// Why the local server is not running, in plain words.
    pub server_error: Option<String>,
    /// Token for the local control API.
    pub token: String,
    pub archive_path: String,
    /// The source the app started on.
    pub source: String,
    /// Why the app cannot run a session (settings or archive unusable), in plain words.
    pub startup_error: Option<String>,
    /// Why the user's lexicon is not in force (the shipped one is used meanwhile).
    pub lexicon_problem: Option<String>,
}

/// The app's long-lived state.
pub struct Console {
    engine: Option<Arc<Engine>>,
    info: AppInfo,
    server_shutdown: CancellationToken,
}

impl Console {
    /// Reads the settings, opens the archive, starts the local server and the first session.
    pub fn start(options: Options, ui: Arc<dyn UiSink>) -> Console {
        let mut console = Console {
            engine: None,
            info: AppInfo { version: env!("CARGO_PKG_VERSION").into(), ..AppInfo::default() },
            server_shutdown: CancellationToken::new(),
        };
        if let Err(error) = console.try_start(options, ui) {
            tracing::error!("{error}");
            console.info.startup_error = Some(error);
        }
        console
    }

    fn try_start(&mut self, options: Options, ui: Arc<dyn UiSink>) -> Result<(), String> {
        let settings = Settings::load_or_init(&config::default_settings_path().map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        self.info.token = settings.token.clone();
        let archive_path = match options.db {
            Some(path) => path,
            None => config::default_archive_path().map_err(|e| e.to_string())?,
        };
        self.info.archive_path = archive_path.display().to_string();
        let (lexicon, lexicon_problem) = config::load_lexicon();
        self.info.lexicon_problem = lexicon_problem;
        let engine =
            Engine::new(archive_path, Some(ui), &lexicon, settings.moderation.clone()).map_err(|e| e.to_string())?;
        engine.set_credentials(settings.credentials());
        self.engine = Some(Arc::clone(&engine));

        let port = options.port.unwrap_or(settings.port);
        match block_on(pandu::server::bind(port)) {
            Ok(listener) => {
                let port = listener.local_addr().map_or(port, |addr| addr.port());
                self.info.server_url = Some(format!("http://127.0.0.1:{port}"));
                let (engine, token, shutdown) =
                    (Arc::clone(&engine), settings.token.clone(), self.server_shutdown.clone());
                tauri::async_runtime::spawn(async move {
                    if let Err(error) = pandu::server::serve(listener, engine, &token, shutdown.cancelled_owned()).await
                    {
                        tracing::error!("the local server stopped: {error}");
                    }
                });
            }
            Err(error) => self.info.server_error = Some(error.to_string()),
        }

        let source = match options.source {
            Some(source) => source,
            None => settings.source.parse().map_err(|e: pandu::ingest::SpecError| e.to_string())?,
        };
        self.info.source = source.to_string();
        block_on(engine.start(&source)).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// The engine, or the reason there is none.
    pub fn engine(&self) -> Result<&Arc<Engine>, String> {
        self.engine.as_ref().ok_or_else(|| self.info.startup_error.clone().unwrap_or_default())
    }

    pub fn state(&self) -> Option<SessionState> {
        self.engine.as_ref().map(|engine| engine.state())
    }

    /// Stops the server and ends the session, archiving everything received.
    pub fn shut_down(&self) {
        self.server_shutdown.cancel();
        if let Some(engine) = &self.engine {
            block_on(engine.stop());
        }
    }
}

#[tauri::command]
pub fn app_info(console: State<'_, Console>) -> AppInfo {
    console.info.clone()
}
