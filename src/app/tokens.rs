//! The local API's two tokens, each with its scope, and their rotation.
//!
//! The **control** token opens everything (tools, scripts, a Stream Deck); the **host** token is
//! the one the host view's links and QR code carry, over plain HTTP on a shared Wi-Fi: it opens
//! the host view, its stream, and marks questions answered, and nothing that changes the live.
//! Which route takes which scope is the server's business (`server/auth.rs`); here only what a
//! token grants, checked in constant time against both, and the rotation: a new token saved to
//! `config.toml` and in force at once, while everything holding the old one is told to end
//! (each scope's [`CancellationToken`] is cancelled and replaced, and the connections opened
//! with it select on it).

use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, blocking};
use crate::config::{self, Settings};

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Scope {
    /// The host view: its page, its stream, "Sudah dijawab".
    Host,
    /// Everything.
    Control,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Host, Scope::Control];

    /// Its name in URLs, the CLI and error messages.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Host => "host",
            Scope::Control => "control",
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(text: &str) -> Result<Scope, String> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.name() == text)
            .ok_or_else(|| format!("scope: '{text}' is not a token scope (host, control)"))
    }
}

/// What a request's token grants: its scope, and a signal that fires when that token is
/// rotated away (a connection opened with it ends then).
#[derive(Debug, Clone)]
pub struct Grant {
    pub scope: Scope,
    pub revoked: CancellationToken,
}

/// One scope's token now, and the signal its holders end on.
struct Held {
    token: Arc<str>,
    revoked: CancellationToken,
}

impl Held {
    fn new(token: String) -> Held {
        Held { token: token.into(), revoked: CancellationToken::new() }
    }
}

/// Both tokens, each behind its own lock.
pub(super) struct Tokens {
    host: RwLock<Held>,
    control: RwLock<Held>,
}

impl Tokens {
    /// The tokens in force: `control` (the settings', or `--token`) and the settings' host token.
    /// Both must be set and differ, or the host's link would open the control API.
    pub(super) fn new(control: String, host: String) -> Result<Tokens, AppError> {
        if control.trim().is_empty() || host.trim().is_empty() {
            return Err(AppError::new(ErrorCode::Settings, "the token must not be empty (token, host_token)"));
        }
        if control == host {
            return Err(AppError::new(
                ErrorCode::Settings,
                "host_token: must differ from token, or the host view's link would open the control API",
            ));
        }
        Ok(Tokens { host: RwLock::new(Held::new(host)), control: RwLock::new(Held::new(control)) })
    }

    fn held(&self, scope: Scope) -> &RwLock<Held> {
        match scope {
            Scope::Host => &self.host,
            Scope::Control => &self.control,
        }
    }
}

/// The settings' field holding the token of `scope`.
pub fn token_of(settings: &mut Settings, scope: Scope) -> &mut String {
    match scope {
        Scope::Host => &mut settings.host_token,
        Scope::Control => &mut settings.token,
    }
}

impl App {
    /// The token of `scope` now.
    pub fn token(&self, scope: Scope) -> String {
        self.tokens.held(scope).read().unwrap_or_else(|p| p.into_inner()).token.to_string()
    }

    /// What `candidate` grants, if it is one of the tokens. Compared in constant time against
    /// both, so response timing tells neither how much of a guess was right nor which scope
    /// it was near.
    pub fn authorize(&self, candidate: &str) -> Option<Grant> {
        let mut granted = None;
        for scope in Scope::ALL {
            let held = self.tokens.held(scope).read().unwrap_or_else(|p| p.into_inner());
            if bool::from(held.token.as_bytes().ct_eq(candidate.as_bytes())) {
                granted = Some(Grant { scope, revoked: held.revoked.clone() });
            }
        }
        granted
    }

    /// Replaces the token of `scope` with a new random one: saved in `config.toml` (the rest of
    /// the settings as they are), then in force for the next request, and every connection
    /// opened with the old one is ended. Answers the new token. Nothing changes if the file
    /// cannot be written.
    pub async fn rotate_token(self: &Arc<Self>, scope: Scope) -> Result<String, AppError> {
        let token = config::new_token();
        let app = Arc::clone(self);
        let saved = token.clone();
        // The token in force changes in the same step as the file, so two rotations at once
        // cannot leave one token saved and the other in force.
        let old = blocking(move || {
            app.change_settings(|settings, path| {
                *token_of(settings, scope) = saved.clone();
                settings.save(path)?;
                let mut held = app.tokens.held(scope).write().unwrap_or_else(|p| p.into_inner());
                Ok(std::mem::replace(&mut *held, Held::new(saved)))
            })
        })
        .await?;
        old.revoked.cancel();
        tracing::info!("the {scope} token was rotated; connections holding the old one were ended");
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::options;

    #[test]
    fn scopes_read_and_print_as_their_names() {
        for scope in Scope::ALL {
            assert_eq!(scope.name().parse::<Scope>().unwrap(), scope);
        }
        assert!("admin".parse::<Scope>().unwrap_err().contains("host, control"));
    }

    #[test]
    fn each_token_grants_its_own_scope_and_a_guess_grants_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        let (host, control) = (app.token(Scope::Host), app.token(Scope::Control));
        assert_ne!(host, control);
        assert_eq!(app.authorize(&host).unwrap().scope, Scope::Host);
        assert_eq!(app.authorize(&control).unwrap().scope, Scope::Control);
        assert!(app.authorize("").is_none());
        assert!(app.authorize(&control[..63]).is_none());
        assert!(app.authorize(&format!("{control}0")).is_none());
    }

    #[test]
    fn a_host_token_equal_to_the_control_token_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), "token = \"same\"\nhost_token = \"same\"\n").unwrap();
        let error = App::open(&options(dir.path())).err().unwrap();
        assert_eq!(error.code, ErrorCode::Settings);
        assert!(error.message.contains("host_token"), "{}", error.message);
    }

    #[tokio::test]
    async fn a_rotated_token_is_saved_in_force_at_once_and_ends_its_holders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let path = dir.path().join("config/config.toml");
        std::fs::write(&path, "port = 47999\nlan = true\n").unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        let (old_host, control) = (app.token(Scope::Host), app.token(Scope::Control));
        let held = app.authorize(&old_host).unwrap();
        let control_grant = app.authorize(&control).unwrap();

        let new_host = app.rotate_token(Scope::Host).await.unwrap();
        assert_ne!(new_host, old_host);
        assert!(held.revoked.is_cancelled(), "connections holding the old host token end");
        assert!(!control_grant.revoked.is_cancelled(), "the control token's holders are untouched");
        assert!(app.authorize(&old_host).is_none());
        assert_eq!(app.authorize(&new_host).unwrap().scope, Scope::Host);
        assert!(!app.authorize(&new_host).unwrap().revoked.is_cancelled());

        let saved = Settings::read(&path).unwrap();
        assert_eq!((saved.host_token.as_str(), saved.token.as_str()), (new_host.as_str(), control.as_str()));
        assert_eq!((saved.port, saved.lan), (47999, true), "the rest of the settings stay");
        assert_eq!(app.settings().host_token, new_host);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn rotations_and_other_saves_at_the_same_time_keep_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        let path = dir.path().join("config").join(config::SETTINGS_FILE);
        let mut preferences = app.preferences();
        preferences.sound = !preferences.sound;
        let mut tasks = Vec::new();
        for round in 0..20 {
            let app = Arc::clone(&app);
            let preferences = preferences.clone();
            tasks.push(tokio::spawn(async move {
                if round % 2 == 0 {
                    app.rotate_token(Scope::Host).await.map(drop)
                } else {
                    app.save_preferences(preferences).await.map(drop)
                }
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let saved = Settings::read(&path).unwrap();
        assert_eq!(saved.host_token, app.token(Scope::Host), "the last rotation is the one saved");
        assert_eq!(saved.alerts.sound, preferences.sound, "no rotation wrote the old preferences back");
        assert_eq!(saved, app.settings(), "the file and the settings in force agree");
    }

    #[tokio::test]
    async fn a_rotation_that_cannot_be_saved_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        let old = app.token(Scope::Control);
        // The settings file's folder becomes a file: the save fails.
        std::fs::remove_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config"), b"in the way").unwrap();
        let error = app.rotate_token(Scope::Control).await.unwrap_err();
        assert!(error.message.contains("config"), "{}", error.message);
        assert_eq!(app.token(Scope::Control), old);
        assert!(!app.authorize(&old).unwrap().revoked.is_cancelled());
    }
}
