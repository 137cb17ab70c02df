//! The TikTok `sessionid` between the settings file and the OS credential store.
//!
//! The settings file holds only where the cookie is (`[tiktok] sessionid_in`); the cookie lives
//! in the credential store ([`crate::secrets`]). A start moves a plain-text `sessionid` found in
//! the file to the store, after reading it back from there, and removes that one key from the
//! file: every other byte of the file stays as the user wrote it (`toml_edit`).
//!
//! Where no store is available Pandu never writes the cookie to a file of its own accord: a
//! plain-text value the user already put in the file stays there and is used, with a warning on
//! every start (the window, `pandu serve`, Pengaturan); a new one is refused, saying why.

use std::path::Path;

use serde::Serialize;

use super::{ConfigError, Settings, write_private};
use crate::ingest::tiktok::SessionId;
use crate::secrets::{Keychain, StoreKind};

/// The `sessionid` as a start finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionIdAtStart {
    /// The cookie to sign in to TikTok with.
    pub sessionid: Option<SessionId>,
    /// What the user must be told: the cookie stays in plain text, or cannot be read.
    pub problem: Option<String>,
}

/// Where the `sessionid` is, for the settings page and `pandu settings sessionid status`;
/// never the cookie itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SessionIdStatus {
    /// The credential store holding it.
    pub store: Option<StoreKind>,
    /// It sits in the settings file as plain text (this machine has no credential store).
    pub plain_text: bool,
    /// Its last four characters, to tell which cookie it is (for a cookie of 12 or more).
    pub ends_with: Option<String>,
    /// Why the cookie in the settings cannot be used or is still plain text.
    pub problem: Option<String>,
    /// The store a new `sessionid` goes to.
    pub new_goes_to: Option<StoreKind>,
    /// Why this machine has no store for a new one (it is then refused).
    pub no_store: Option<String>,
}

/// The folder whose entry in the credential store belongs to the settings file `path`.
fn folder(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// Moves a plain-text `sessionid` in the settings file `path` (read into `settings`) to the
/// best credential store, then reads the cookie from where the settings say it is. Never
/// fails: a problem leaves the app without a login (or with the plain-text cookie) and says so.
pub fn open_at_start(path: &Path, settings: &mut Settings) -> SessionIdAtStart {
    if let Some(plain) = settings.tiktok.sessionid.clone() {
        return match move_to_store(path, &plain) {
            Ok(kind) => {
                (settings.tiktok.sessionid, settings.tiktok.sessionid_in) = (None, Some(kind));
                SessionIdAtStart { sessionid: Some(plain), problem: None }
            }
            Err(reason) => SessionIdAtStart {
                sessionid: Some(plain),
                problem: Some(format!(
                    "{}: the TikTok sessionid stays in this file as plain text, where anyone who gets the file can use it ({reason})",
                    path.display()
                )),
            },
        };
    }
    let Some(kind) = settings.tiktok.sessionid_in else {
        return SessionIdAtStart { sessionid: None, problem: None };
    };
    let without_login =
        "Pandu runs without a TikTok login until it is set again (Pengaturan, or `pandu settings sessionid set`)";
    match Keychain::at(kind, folder(path)).get() {
        Ok(Some(sessionid)) => SessionIdAtStart { sessionid: Some(sessionid), problem: None },
        Ok(None) => SessionIdAtStart {
            sessionid: None,
            problem: Some(format!("the TikTok sessionid is no longer in {}; {without_login}", kind.name())),
        },
        Err(error) => SessionIdAtStart {
            sessionid: None,
            problem: Some(format!("the TikTok sessionid cannot be read: {error}; {without_login}")),
        },
    }
}

/// Stores `plain` in the best store, checks it reads back, and only then takes it out of the
/// file: the cookie is never in neither place.
fn move_to_store(path: &Path, plain: &SessionId) -> Result<StoreKind, String> {
    let keychain = Keychain::best(folder(path));
    let kind = keychain.kind().map_err(|error| error.to_string())?;
    keychain.set(plain).map_err(|error| error.to_string())?;
    match keychain.get() {
        Ok(Some(back)) if &back == plain => {}
        Ok(_) => return Err(format!("{} did not give the stored sessionid back", kind.name())),
        Err(error) => return Err(format!("stored, but reading it back failed: {error}")),
    }
    record_in_file(path, Some(kind))
        .map_err(|error| format!("stored in {}, but the file could not be rewritten: {error}", kind.name()))?;
    Ok(kind)
}

/// Sets the `sessionid` of the settings file `path` (read into `settings`) to `value`, or
/// removes it with `None`: the cookie goes to the best credential store and the file records
/// only which. Where no store is available a new cookie is refused, and nothing changes.
pub fn set(path: &Path, settings: &mut Settings, value: Option<&SessionId>) -> Result<Option<StoreKind>, ConfigError> {
    let secret_error = |message: String| ConfigError::Secrets { path: path.to_path_buf(), message };
    let previous = settings.tiktok.sessionid_in;
    let stored = match value {
        Some(cookie) => {
            let keychain = Keychain::best(folder(path));
            let kind = keychain.kind().map_err(|error| {
                secret_error(format!(
                    "the sessionid was not saved: {error}; Pandu does not write it to the settings file as plain text"
                ))
            })?;
            keychain.set(cookie).map_err(|error| secret_error(format!("the sessionid was not saved: {error}")))?;
            Some(kind)
        }
        None => None,
    };
    if let Some(old) = previous.filter(|old| Some(*old) != stored) {
        Keychain::at(old, folder(path))
            .delete()
            .map_err(|error| secret_error(format!("the old sessionid could not be removed: {error}")))?;
    }
    record_in_file(path, stored)?;
    (settings.tiktok.sessionid, settings.tiktok.sessionid_in) = (None, stored);
    Ok(stored)
}

/// Where the `sessionid` of the settings file `path` (read into `settings`) is, and where a
/// new one would go.
pub fn status(path: &Path, settings: &Settings) -> SessionIdStatus {
    let best = Keychain::best(folder(path));
    let (new_goes_to, no_store) = match best.kind() {
        Ok(kind) => (Some(kind), None),
        Err(error) => (None, Some(error.to_string())),
    };
    let mut copy = settings.clone();
    let found = match (&settings.tiktok.sessionid, settings.tiktok.sessionid_in) {
        (Some(plain), _) => SessionIdAtStart {
            sessionid: Some(plain.clone()),
            problem: Some(format!("{}: the TikTok sessionid is in this file as plain text", path.display())),
        },
        (None, _) => open_at_start(path, &mut copy),
    };
    SessionIdStatus {
        store: settings.tiktok.sessionid.is_none().then_some(settings.tiktok.sessionid_in).flatten(),
        plain_text: settings.tiktok.sessionid.is_some(),
        ends_with: found.sessionid.as_ref().and_then(ends_with),
        problem: found.problem,
        new_goes_to,
        no_store,
    }
}

/// The last four characters of a cookie long enough that they give nothing away.
fn ends_with(sessionid: &SessionId) -> Option<String> {
    let chars: Vec<char> = sessionid.value().chars().collect();
    (chars.len() >= 12).then(|| chars[chars.len() - 4..].iter().collect())
}

/// Rewrites only `[tiktok]`'s `sessionid` (removed) and `sessionid_in` (set to `store`, or
/// removed) in the settings file `path`; every other byte stays.
fn record_in_file(path: &Path, store: Option<StoreKind>) -> Result<(), ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(ConfigError::Io { path: path.to_path_buf(), source }),
    };
    let invalid = |message: String| ConfigError::Invalid { path: path.to_path_buf(), message };
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|error: toml_edit::TomlError| invalid(error.to_string()))?;
    let tiktok = document
        .entry("tiktok")
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or_else(|| invalid("tiktok: expected a table".into()))?;
    tiktok.remove("sessionid");
    match store {
        Some(kind) => {
            let name = toml::Value::try_from(kind).expect("a store's name is a string");
            tiktok.insert("sessionid_in", toml_edit::value(name.as_str().expect("a store's name is a string")));
        }
        None => drop(tiktok.remove("sessionid_in")),
    }
    write_private(path, &document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) -> Settings {
        std::fs::write(path, text).unwrap();
        Settings::read(path).unwrap()
    }

    #[test]
    fn only_the_sessionid_keys_change_and_every_other_byte_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let before = "# my settings\ntoken = \"t0k\"   # for the Stream Deck\n\n[tiktok]\nsessionid = \"s3cr3t\"\n\n[frame]\nshop  =  'Novilla'\n";
        std::fs::write(&path, before).unwrap();
        record_in_file(&path, Some(StoreKind::KernelKeyring)).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            "# my settings\ntoken = \"t0k\"   # for the Stream Deck\n\n[tiktok]\nsessionid_in = \"kernel-keyring\"\n\n[frame]\nshop  =  'Novilla'\n"
        );
        assert_eq!(Settings::read(&path).unwrap().tiktok.sessionid_in, Some(StoreKind::KernelKeyring));
        record_in_file(&path, None).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# my settings\ntoken = \"t0k\"   # for the Stream Deck\n\n[tiktok]\n\n[frame]\nshop  =  'Novilla'\n"
        );
    }

    #[test]
    fn a_file_without_a_tiktok_table_gets_one_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "port = 48000\n").unwrap();
        record_in_file(&path, Some(StoreKind::WindowsCredentialManager)).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "port = 48000\n\n[tiktok]\nsessionid_in = \"windows-credential-manager\"\n"
        );
    }

    /// The whole path against this machine's real store, or, where there is none, the promise
    /// that nothing is moved, nothing new is stored, and the user is told (said on stderr).
    #[test]
    fn a_start_moves_a_plain_sessionid_to_the_store_or_says_why_it_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let before = "port = 48000\n\n[tiktok]\nsessionid = \"plain-cookie-0123456789\"\n";
        let mut settings = write(&path, before);
        let store = Keychain::best(dir.path()).kind();
        let start = open_at_start(&path, &mut settings);
        assert_eq!(start.sessionid, SessionId::new("plain-cookie-0123456789"), "the cookie is used either way");
        let Ok(kind) = store else {
            eprintln!(
                "NOT CHECKED: no credential store on this machine; checked that the plain text stays, with a warning"
            );
            let problem = start.problem.expect("the user is told");
            assert!(problem.contains("stays in this file as plain text"), "{problem}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "left as it was");
            let refused = set(&path, &mut settings, SessionId::new("new-cookie").as_ref()).unwrap_err().to_string();
            assert!(refused.contains("not saved") && refused.contains("no credential store"), "{refused}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "nothing written");
            return;
        };
        eprintln!("checked against {}", kind.name());
        assert_eq!(start.problem, None);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("plain-cookie"), "{text}");
        assert_eq!(settings.tiktok.sessionid, None);
        assert_eq!(settings.tiktok.sessionid_in, Some(kind));
        // A second start reads it from the store.
        let mut again = Settings::read(&path).unwrap();
        assert_eq!(open_at_start(&path, &mut again).sessionid, SessionId::new("plain-cookie-0123456789"));
        let shown = status(&path, &again);
        assert_eq!((shown.store, shown.plain_text, shown.ends_with.as_deref()), (Some(kind), false, Some("6789")));
        // Saving the settings the whole way (as the window does) writes no cookie back.
        again.save(&path).unwrap();
        assert!(!std::fs::read_to_string(&path).unwrap().contains("plain-cookie"));
        // Removing it empties the store's entry.
        set(&path, &mut again, None).unwrap();
        assert_eq!(Keychain::at(kind, dir.path()).get().unwrap(), None);
        assert_eq!(
            open_at_start(&path, &mut Settings::read(&path).unwrap()),
            SessionIdAtStart { sessionid: None, problem: None }
        );
    }

    #[test]
    fn a_sessionid_the_store_lost_is_said_and_the_app_runs_without_a_login() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let absent = if cfg!(windows) { "kernel-keyring" } else { "windows-credential-manager" };
        let mut settings = write(&path, &format!("[tiktok]\nsessionid_in = \"{absent}\"\n"));
        let start = open_at_start(&path, &mut settings);
        assert_eq!(start.sessionid, None);
        let problem = start.problem.unwrap();
        assert!(problem.contains("cannot be read") && problem.contains("without a TikTok login"), "{problem}");
    }
}
