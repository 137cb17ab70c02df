//! The app core: everything a running Pandu has, started the same way by both front ends.
//!
//! `pandu serve` and the desktop shell each start an [`App`] with `launch::launch`
//! (which opens it with [`App::open`] and gives it to the local server) and then only talk to it:
//! the shell turns Tauri commands into calls on it and forwards its [`Outbox`] to the window's
//! channel; the local server's state *is* the app, so every route sees the same engine, lexicon
//! and mute list as the window. The app knows nothing of HTTP: it only records where its server
//! listens (or why not) and stops it at shut-down.
//!
//! ```text
//!            ┌───────────────────────────── App ─────────────────────────────┐
//!  settings ─┤ Settings · LexiconFile · Engine (sources, moderation, archive, │──► Outbox ──► window Channel
//!  options  ─┤ mute list) · LiveClock · HostView · Frames · FeedbackLog       │          └──► /api/events, overlays
//!            └───────────────────────────────────────────────────────────────┘
//! ```
//!
//! **Adding a capability**: give it a module of its own, a field here built in [`App::open`],
//! methods on `App` for what front ends may ask of it (both the shell's commands and the
//! server's routes call those), and an [`Outbound`](crate::outbound::Outbound) variant for what
//! it shows. ARCHITECTURE.md walks through one end to end.

mod answers;
mod clock;
mod error;
mod feedback;
mod frame;
mod host_view;
mod hub;
mod lexicon;
mod secrets;
mod tiktok_filter;
mod tokens;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use serde::Serialize;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

pub use clock::{ApiState, Preferences};
pub use error::{AppError, ErrorCode};
pub use feedback::ReportRequest;
pub use host_view::HostLink;
pub use hub::{Agency, HostChoices};
pub use lexicon::{LexiconDocument, LexiconFile, LexiconSummary};
pub use tokens::{Grant, Scope, token_of};

use crate::clock::LiveClock;
use crate::clock::time::Clock;
use crate::config::{self, Settings};
use crate::event::Flag;
use crate::ingest::SourceSet;
use crate::moderation::lexicon::{Lexicon, Surface, word_list_to_toml};
use crate::moderation::matcher::Matcher;
use crate::moderation::packs::{self, RulePack};
use crate::moderation::script::{ScriptReport, check_script};
use crate::outbound::{Audience, Connection, Outbound, Outbox};
use crate::session::{Engine, SessionState};
use crate::store::{MutedUser, WriterReport};

/// How a front end starts the app; `None` means the settings' value (or the platform default).
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The archive file [default: `pandu.db` in the platform's local data folder].
    pub db: Option<PathBuf>,
    /// The local server's port [default: the settings' port, 47800]; 0 picks a free one.
    pub port: Option<u16>,
    /// The control API's token [default: the settings' token].
    pub token: Option<String>,
    /// The source to start on [default: the settings' source].
    pub source: Option<SourceSet>,
    /// The folder holding `config.toml` and `lexicon.toml` [default: the platform's config
    /// folder]. Tests point it at a temporary folder.
    pub config_dir: Option<PathBuf>,
}

/// What a front end shows about this run of the app.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The local server's address, when it is running.
    pub server_url: Option<String>,
    /// Why the local server is not running.
    pub server_error: Option<AppError>,
    /// Token for the local control API.
    pub token: String,
    pub archive_path: String,
    /// The source the app started on.
    pub source: String,
    /// Why the app cannot run a session (settings or archive unusable); the code `archive`
    /// lets the window offer a new archive or another one.
    pub startup_error: Option<AppError>,
    /// Why the last daily backup failed, while it keeps failing.
    pub backup_problem: Option<AppError>,
    /// Why the user's lexicon is not in force (the shipped one is used meanwhile), and where.
    pub lexicon_problem: Option<AppError>,
    /// Why the TikTok `sessionid` cannot be used, or sits in `config.toml` as plain text.
    pub sessionid_problem: Option<AppError>,
}

/// A running Pandu.
pub struct App {
    config_dir: PathBuf,
    settings: RwLock<Settings>,
    tokens: tokens::Tokens,
    lexicon: LexiconFile,
    lexicon_problem: RwLock<Option<AppError>>,
    sessionid_problem: RwLock<Option<AppError>>,
    engine: Arc<Engine>,
    outbox: Outbox,
    server: Mutex<Server>,
    started_source: RwLock<String>,
    clock: Arc<LiveClock>,
    host: host_view::HostView,
    frames: frame::Frames,
    feedback: feedback::FeedbackLog,
    hub: hub::HubLink,
    /// Stops the app's own tasks ([`App::start_background`]) at shut-down.
    background: CancellationToken,
}

/// The local server as the app knows it (the server module starts it, given the app): where it
/// listens, or why it does not, and its task.
#[derive(Default)]
struct Server {
    address: Option<SocketAddr>,
    error: Option<AppError>,
    shutdown: CancellationToken,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl App {
    /// Reads the settings and the lexicon and opens the archive; nothing runs yet. Fails when the
    /// settings or the archive cannot be used.
    pub fn open(options: &AppOptions) -> Result<Arc<App>, AppError> {
        let config_dir = match &options.config_dir {
            Some(dir) => dir.clone(),
            None => config::default_config_dir()?,
        };
        let mut settings = Settings::load_or_init(&config_dir.join(config::SETTINGS_FILE))?;
        let sessionid = config::sessionid::open_at_start(&config_dir.join(config::SETTINGS_FILE), &mut settings);
        let tokens = tokens::Tokens::new(
            options.token.clone().unwrap_or_else(|| settings.token.clone()),
            settings.host_token.clone(),
        )?;
        let lexicon = LexiconFile::new(config_dir.join(config::LEXICON_FILE));
        let (compiled, lexicon_problem) = lexicon.load(&settings.moderation.packs);
        let archive_path = archive_path(options, &settings)?;
        let outbox = Outbox::default();
        let engine = Engine::new(archive_path.clone(), outbox.publisher(), &compiled, settings.moderation.clone())?;
        engine.set_credentials(crate::ingest::Credentials { tiktok_session: sessionid.sessionid });
        engine.set_host(&settings.live.host);
        let clock = LiveClock::open(archive_path.clone(), outbox.publisher(), settings.clock.clone(), Clock::system())?;
        let host = host_view::HostView::open(&config_dir);
        let frames = frame::Frames::open(&config_dir);
        let feedback = feedback::FeedbackLog::open(&archive_path)?;
        Ok(Arc::new(App {
            config_dir,
            settings: RwLock::new(settings),
            tokens,
            lexicon,
            lexicon_problem: RwLock::new(lexicon_problem),
            sessionid_problem: RwLock::new(
                sessionid.problem.map(|problem| AppError::new(ErrorCode::Settings, problem)),
            ),
            engine,
            outbox,
            server: Mutex::new(Server::default()),
            started_source: RwLock::new(String::new()),
            clock,
            host,
            frames,
            feedback,
            hub: hub::HubLink::new(),
            background: CancellationToken::new(),
        }))
    }

    /// The settings in force.
    pub fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the settings in `config.toml` and in force as one step: `change` edits a copy and
    /// writes the file (at the path it is given), and the copy is put in force only if that
    /// worked. The settings stay locked meanwhile, so two changes (a token rotation and a
    /// preferences save) never write over each other's. Blocks on the file: call it from
    /// [`blocking`], and never read [`App::settings`] inside `change`.
    fn change_settings<T>(
        &self,
        change: impl FnOnce(&mut Settings, &std::path::Path) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut in_force = self.settings.write().unwrap_or_else(|p| p.into_inner());
        let mut changed = in_force.clone();
        let value = change(&mut changed, &self.config_dir.join(config::SETTINGS_FILE))?;
        *in_force = changed;
        Ok(value)
    }

    /// Starts the app's own background tasks (the clock's ticker, the comment watcher, the
    /// pinned-product watcher, the frame-field watcher, the daily backup, the hub's uploader), all
    /// stopped by [`App::shut_down`].
    pub fn start_background(self: &Arc<Self>) {
        self.start_uploader();
        tokio::spawn(Arc::clone(&self.clock).run(self.background.clone()));
        tokio::spawn(Arc::clone(self).watch_comments(self.background.clone()));
        tokio::spawn(Arc::clone(self).watch_pinned_products(self.background.clone()));
        tokio::spawn(Arc::clone(self).watch_frame_fields(self.background.clone()));
        tokio::spawn(Arc::clone(self).run_daily_backups(self.background.clone()));
    }

    /// The source a start with `options` begins on: `--source`, else the settings' one.
    pub fn first_source(&self, options: &AppOptions) -> Result<SourceSet, AppError> {
        match &options.source {
            Some(source) => Ok(source.clone()),
            None => Ok(self.settings().source.parse()?),
        }
    }

    /// Records that the local server listens at `address`, running as `task` until
    /// [`App::server_shutdown`] fires; [`App::shut_down`] fires it and waits for the task.
    pub fn server_started(&self, address: SocketAddr, task: JoinHandle<std::io::Result<()>>) {
        let mut server = self.server.lock().unwrap_or_else(|p| p.into_inner());
        (server.address, server.error, server.task) = (Some(address), None, Some(task));
    }

    /// Records why the local server is not running, for [`AppInfo::server_error`].
    pub fn server_failed(&self, error: AppError) {
        self.server.lock().unwrap_or_else(|p| p.into_inner()).error = Some(error);
    }

    /// Fires when the app shuts down: the local server then stops taking requests.
    pub fn server_shutdown(&self) -> CancellationToken {
        self.server.lock().unwrap_or_else(|p| p.into_inner()).shutdown.clone()
    }

    /// Where this machine reaches the local server, once it listens (127.0.0.1 also when it
    /// listens on every interface).
    pub fn server_address(&self) -> Option<SocketAddr> {
        let bound = self.server.lock().unwrap_or_else(|p| p.into_inner()).address?;
        Some(if bound.ip().is_unspecified() { SocketAddr::from(([127, 0, 0, 1], bound.port())) } else { bound })
    }

    /// Whether the running server listens beyond this machine (the `lan` setting as it was when
    /// it started: a change takes effect at the next start).
    pub fn listens_on_network(&self) -> bool {
        self.server.lock().unwrap_or_else(|p| p.into_inner()).address.is_some_and(|bound| bound.ip().is_unspecified())
    }

    /// Ends the current session and starts a new one on `sources`; the new session's id.
    pub async fn start_source(self: &Arc<Self>, sources: &SourceSet) -> Result<i64, AppError> {
        let session = self.engine.start(sources).await?;
        *self.started_source.write().unwrap_or_else(|p| p.into_inner()) = sources.to_string();
        self.clock.begin_session(session);
        // A new live starts with an empty queue and no tags.
        self.forget_last_live();
        self.publish_feedback().await;
        Ok(session)
    }

    /// Parses `spec` and starts a session on it, hosted by `host` when one is picked (then
    /// remembered for the next lives); nothing starts when either is refused.
    pub async fn start_source_spec(self: &Arc<Self>, spec: &str, host: Option<&str>) -> Result<i64, AppError> {
        let sources: SourceSet = spec.parse()?;
        if let Some(host) = host {
            self.pick_host(host).await?;
        }
        self.start_source(&sources).await
    }

    /// Reconnects the session's sources at once ("sambung ulang"); `false` with nothing to do.
    pub async fn reconnect_source(&self) -> Result<bool, AppError> {
        Ok(self.engine.reconnect().await?)
    }

    /// Ends the current session, archiving everything received.
    pub async fn stop_source(&self) -> Option<WriterReport> {
        self.engine.stop().await
    }

    /// Stops the server (open requests finish) and ends the session; what the archive stored.
    pub async fn shut_down(&self) -> Option<WriterReport> {
        self.background.cancel();
        let task = {
            let mut server = self.server.lock().unwrap_or_else(|p| p.into_inner());
            server.shutdown.cancel();
            server.task.take()
        };
        if let Some(task) = task {
            match task.await {
                Ok(Err(error)) => tracing::error!("the local server failed: {error}"),
                Err(error) => tracing::error!("the local server's task failed: {error}"),
                Ok(Ok(())) => {}
            }
        }
        self.engine.stop().await
    }

    /// How every front end starts (the window, `/api/events`, the overlay pages, the host
    /// view): what is true now ([`App::snapshot`]), then every message from now on, both
    /// filtered to what `audience` may see. Subscribed before the snapshot is taken, so nothing
    /// falls between the two.
    pub fn connect(&self, audience: Audience) -> Connection {
        self.outbox.connect(audience, || self.snapshot())
    }

    /// Every message from now on, unfiltered, for the app's own watchers.
    pub(crate) fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Arc<Outbound>> {
        self.outbox.subscribe()
    }
}

/// The next message on `outbound` that `keep` keeps, skipping the others and any stretch lost to
/// lag; `None` once `cancel` fires or the stream closes. The app's watchers follow the stream
/// with it.
async fn next_outbound<T>(
    outbound: &mut tokio::sync::broadcast::Receiver<Arc<Outbound>>,
    cancel: &CancellationToken,
    keep: impl Fn(&Outbound) -> Option<T>,
) -> Option<T> {
    loop {
        let message = tokio::select! {
            _ = cancel.cancelled() => return None,
            message = outbound.recv() => message,
        };
        match message {
            Ok(message) => {
                if let Some(kept) = keep(&message) {
                    return Some(kept);
                }
            }
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
        }
    }
}

/// A batch of events, for [`next_outbound`].
fn events_of(message: &Outbound) -> Option<Vec<Arc<crate::event::LiveEvent>>> {
    match message {
        Outbound::Events { events } => Some(events.clone()),
        _ => None,
    }
}

impl App {
    /// Where capabilities publish what the front ends show.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The engine: sessions, moderation, the archive.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    pub fn state(&self) -> SessionState {
        self.engine.state()
    }

    pub fn info(&self) -> AppInfo {
        let server_url = self.server_address().map(|address| format!("http://{address}"));
        let server = self.server.lock().unwrap_or_else(|p| p.into_inner());
        AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            server_url,
            server_error: server.error.clone(),
            token: self.token(Scope::Control),
            archive_path: self.engine.archive_path().display().to_string(),
            source: self.started_source.read().unwrap_or_else(|p| p.into_inner()).clone(),
            startup_error: None,
            backup_problem: self.backup_problem(),
            lexicon_problem: self.lexicon_problem.read().unwrap_or_else(|p| p.into_inner()).clone(),
            sessionid_problem: self.sessionid_problem.read().unwrap_or_else(|p| p.into_inner()).clone(),
        }
    }

    // Moderation: the lexicon file, the script checker, the mute list. The ones that read or
    // write files or compile a lexicon run on the blocking pool, off the caller's thread.

    /// The shop's own lexicon as the editor shows it.
    pub async fn lexicon_document(self: &Arc<Self>) -> LexiconDocument {
        let app = Arc::clone(self);
        blocking(move || app.lexicon.document(&app.settings().moderation.packs)).await
    }

    /// Checks and saves `text` as the shop's own lexicon, and puts it in force, on top of the
    /// rule packs, from the next comment on. A broken lexicon changes nothing and says where it
    /// breaks.
    pub async fn save_lexicon(self: &Arc<Self>, text: String) -> Result<LexiconSummary, AppError> {
        let app = Arc::clone(self);
        let summary = blocking(move || {
            let (lexicon, summary) = app.lexicon.save(&text, &app.settings().moderation.packs)?;
            app.engine.moderator().set_lexicon(&lexicon);
            *app.lexicon_problem.write().unwrap_or_else(|p| p.into_inner()) = None;
            Ok::<_, AppError>(summary)
        })
        .await?;
        // The teleprompter's forbidden words follow the lexicon.
        self.recheck_host_script().await;
        Ok(summary)
    }

    /// What the draft lexicon `text`, on top of the rule packs switched on, flags in `sentence`
    /// read as a comment (the editor's live test).
    pub async fn test_lexicon(self: &Arc<Self>, text: String, sentence: String) -> Result<Vec<Flag>, AppError> {
        let enabled = self.settings().moderation.packs;
        blocking(move || {
            let in_force = packs::lexicon_in_force(&enabled, &Lexicon::parse(&text, "draft")?)?;
            Ok(Matcher::new(&in_force).scan(&sentence, Surface::Comments))
        })
        .await
    }

    /// Every shipped rule pack, and whether the settings switch it on.
    pub fn rule_packs(&self) -> Vec<RulePack> {
        packs::describe(&self.settings().moderation.packs)
    }

    /// Switches on exactly the rule packs `ids`, saves that in the settings and puts the new
    /// lexicon in force from the next comment on. An unknown id changes nothing.
    pub async fn set_rule_packs(self: &Arc<Self>, ids: Vec<String>) -> Result<Vec<RulePack>, AppError> {
        packs::check_pack_ids(&ids).map_err(|message| AppError::new(ErrorCode::Invalid, message))?;
        let app = Arc::clone(self);
        blocking(move || {
            app.change_settings(|settings, path| {
                settings.moderation.packs = ids.clone();
                Ok(settings.save(path)?)
            })?;
            let (lexicon, problem) = app.lexicon.load(&ids);
            app.engine.moderator().set_lexicon(&lexicon);
            *app.lexicon_problem.write().unwrap_or_else(|p| p.into_inner()) = problem;
            Ok::<_, AppError>(())
        })
        .await?;
        self.recheck_host_script().await;
        Ok(self.rule_packs())
    }

    /// `[[term]]` entries for a plain word list, as TOML to append to the draft.
    pub fn import_word_list(words: &str, category: &str, suggest: Option<&str>) -> Result<String, AppError> {
        Ok(word_list_to_toml(words, category, suggest)?)
    }

    /// Checks the host's script against the lexicon in force.
    pub async fn check_script(self: &Arc<Self>, script: String) -> ScriptReport {
        let matcher = self.engine.moderator().matcher();
        blocking(move || check_script(&matcher, &script)).await
    }

    pub async fn mute(self: &Arc<Self>, unique_id: String, nickname: String) -> Result<(), AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.engine.mute(&unique_id, &nickname)?)).await
    }

    /// Takes a user off the mute list; `false` if they were not on it.
    pub async fn unmute(self: &Arc<Self>, unique_id: String) -> Result<bool, AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.engine.unmute(&unique_id)?)).await
    }

    /// The mute list, most recent first.
    pub async fn muted_users(self: &Arc<Self>) -> Result<Vec<MutedUser>, AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.engine.muted_users()?)).await
    }
}

/// The archive a start with `options` uses: `--db`, else the settings' `archive`, else the
/// platform default.
fn archive_path(options: &AppOptions, settings: &Settings) -> Result<PathBuf, AppError> {
    Ok(match (&options.db, &settings.archive) {
        (Some(path), _) | (None, Some(path)) => path.clone(),
        (None, None) => config::default_archive_path()?,
    })
}

impl App {
    /// The archive the app opens (or failed to open) with `options`.
    pub fn archive_path_for(options: &AppOptions) -> Result<PathBuf, AppError> {
        let config_dir = match &options.config_dir {
            Some(dir) => dir.clone(),
            None => config::default_config_dir()?,
        };
        archive_path(options, &Settings::load_or_init(&config_dir.join(config::SETTINGS_FILE))?)
    }

    /// Makes `archive` the one the app opens from the next start on (the window's way out of
    /// an archive it cannot use: a new file, or another one picked by the user). Nothing is
    /// done to the archive that failed.
    pub fn choose_archive(config_dir: Option<PathBuf>, archive: PathBuf) -> Result<(), AppError> {
        let config_dir = match config_dir {
            Some(dir) => dir,
            None => config::default_config_dir()?,
        };
        let path = config_dir.join(config::SETTINGS_FILE);
        let mut settings = Settings::load_or_init(&path)?;
        settings.archive = Some(archive);
        Ok(settings.save(&path)?)
    }

    /// A file name for a new archive beside `failed`, which stays as it is:
    /// `pandu-YYYYMMDD-HHMMSS.db` (UTC).
    pub fn new_archive_path(failed: &std::path::Path) -> PathBuf {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        failed.with_file_name(format!("pandu-{stamp}.db"))
    }
}

/// Runs `work` on the blocking pool. A panic there is a bug; it is passed on as one.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Options for an app under `dir`: its archive, its config folder, a free port, no source.
    pub(crate) fn options(dir: &std::path::Path) -> AppOptions {
        AppOptions {
            db: Some(dir.join("pandu.db")),
            port: Some(0),
            token: None,
            source: Some(SourceSet::default()),
            config_dir: Some(dir.join("config")),
        }
    }

    #[tokio::test]
    async fn a_saved_lexicon_is_in_force_for_the_next_comment_and_a_broken_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        let before = app.check_script("cek pasarku ya".into()).await;
        assert!(before.hits.is_empty());
        app.save_lexicon("[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n".into()).await.unwrap();
        assert_eq!(app.check_script("cek pasarku ya".into()).await.hits.len(), 1);
        let error = app.save_lexicon("[[term]]\ntext = \"x\"\n".into()).await.unwrap_err();
        assert_eq!((error.code, error.line), (ErrorCode::Lexicon, Some(1)));
        assert_eq!(app.check_script("cek pasarku ya".into()).await.hits.len(), 1, "the good one stays");
        assert!(!app.lexicon_document().await.is_default);
    }

    #[test]
    fn a_chosen_archive_is_opened_from_the_next_start_and_the_failed_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let broken = dir.path().join("pandu.db");
        std::fs::write(&broken, b"not a database, just text").unwrap();
        let options = AppOptions { db: None, config_dir: Some(dir.path().join("config")), ..options(dir.path()) };
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(
            dir.path().join("config/config.toml"),
            format!("archive = {:?}\n", broken.display().to_string()),
        )
        .unwrap();
        assert_eq!(App::open(&options).err().unwrap().code, ErrorCode::Archive);
        assert_eq!(App::archive_path_for(&options).unwrap(), broken);

        let fresh = App::new_archive_path(&broken);
        assert_eq!(fresh.parent(), broken.parent());
        assert!(fresh.file_name().unwrap().to_str().unwrap().starts_with("pandu-"));
        App::choose_archive(options.config_dir.clone(), fresh.clone()).unwrap();
        let app = App::open(&options).unwrap();
        assert_eq!(app.info().archive_path, fresh.display().to_string());
        assert_eq!(std::fs::read(&broken).unwrap(), b"not a database, just text");
    }

    #[test]
    fn an_unusable_archive_is_an_archive_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pandu.db"), b"not a database, just text").unwrap();
        let error = App::open(&options(dir.path())).err().unwrap();
        assert_eq!(error.code, ErrorCode::Archive);
        assert!(error.message.contains("pandu.db"), "{}", error.message);
    }
}
