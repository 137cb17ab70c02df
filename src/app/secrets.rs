//! The TikTok `sessionid` and the settings' export and import, as Pengaturan asks for them.
//!
//! The rules live in `config::sessionid` and `config::transfer`; this is the running app's side:
//! a new `sessionid` signs the next session in at once, and an import replaces the settings
//! held in memory too, so that a later save from the window does not write the old ones back.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, AppError, ErrorCode, blocking};
use crate::config::sessionid::{self, SessionIdStatus};
use crate::config::{self, transfer};
use crate::ingest::Credentials;
use crate::ingest::tiktok::SessionId;

impl App {
    fn settings_file(&self) -> PathBuf {
        self.config_dir.join(config::SETTINGS_FILE)
    }

    /// Where the `sessionid` is and where a new one would go (never the cookie).
    pub async fn sessionid_status(self: &Arc<Self>) -> SessionIdStatus {
        let app = Arc::clone(self);
        blocking(move || sessionid::status(&app.settings_file(), &app.settings())).await
    }

    /// Stores `value` as the `sessionid` in the credential store (a blank one removes it) and
    /// signs the next session in to TikTok with it. Refused where no store is available.
    pub async fn set_sessionid(self: &Arc<Self>, value: String) -> Result<SessionIdStatus, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let cookie = SessionId::new(&value);
            app.change_settings(|settings, path| Ok(sessionid::set(path, settings, cookie.as_ref())?))?;
            app.engine.set_credentials(Credentials { tiktok_session: cookie });
            *app.sessionid_problem.write().unwrap_or_else(|p| p.into_inner()) = None;
            Ok(sessionid::status(&app.settings_file(), &app.settings()))
        })
        .await
    }

    /// The settings as an export's text: no token, no `sessionid`.
    pub fn export_settings(&self) -> String {
        transfer::export_text(&self.settings())
    }

    /// Checks the settings `text` from the file `name` and writes them as this machine's
    /// settings, keeping its tokens, `sessionid` and archive; a bad file changes nothing. They
    /// are in force from the next start.
    pub async fn import_settings(self: &Arc<Self>, name: String, text: String) -> Result<(), AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            app.change_settings(|settings, path| {
                *settings = transfer::import_text(path, &text, &PathBuf::from(&name))
                    .map_err(|error| AppError::new(ErrorCode::Settings, error))?;
                Ok(())
            })
        })
        .await
    }
}
