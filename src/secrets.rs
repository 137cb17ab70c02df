//! The operating system's credential store, where the TikTok `sessionid` lives.
//!
//! A `sessionid` is a password in all but name, and `config.toml` is a file people zip and send
//! to each other for support, so the cookie is kept where the OS keeps passwords: the Windows
//! Credential Manager; on Linux the Secret Service (GNOME Keyring, KWallet) or, where none runs
//! (a server, a bare window manager), the kernel's user keyring (`@u`), which forgets at reboot.
//! The settings file keeps only which store holds it (`[tiktok] sessionid_in`, see
//! docs/settings.md). The `keyring` crate speaks to the first two; the kernel keyring is used
//! directly, as keyring's own keyutils store fails where the persistent keyring is not writable.
//!
//! Each settings folder has its own entry (service `pandu`, user `tiktok-sessionid:<folder>`),
//! so a second Pandu with `--config-dir` or a test never reads or overwrites the user's cookie.
//! Where no store can be reached, [`Keychain::best`] says why and nothing is stored: the callers
//! then run without a login and say so; they never write the cookie to a file instead.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::ingest::tiktok::SessionId;

/// The service name of Pandu's entries in the credential store.
const SERVICE: &str = "pandu";

/// A credential store Pandu can keep the `sessionid` in, as the settings file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum StoreKind {
    /// The Windows Credential Manager (per user, kept across restarts).
    WindowsCredentialManager,
    /// The Secret Service over D-Bus (GNOME Keyring, KWallet), kept across restarts.
    SecretService,
    /// The Linux kernel's user keyring: gone at reboot.
    KernelKeyring,
}

impl StoreKind {
    /// How the store is called, for messages.
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::WindowsCredentialManager => "the Windows Credential Manager",
            StoreKind::SecretService => "the Secret Service (the desktop's keyring)",
            StoreKind::KernelKeyring => "the kernel keyring (kept until reboot)",
        }
    }
}

/// Why a credential store cannot be used, or an operation on it failed; the message names the
/// store and the OS's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SecretError(String);

/// The credential store entry of one settings folder's `sessionid`, in a store that answered,
/// or why there is none.
pub struct Keychain {
    state: Result<(StoreKind, Entry), SecretError>,
}

/// An entry in one of the stores.
enum Entry {
    /// In a store the `keyring` crate speaks to.
    Keyring(keyring::Entry),
    /// In the kernel's user keyring, by its description.
    #[cfg(target_os = "linux")]
    Kernel(String),
}

impl fmt::Debug for Keychain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.state {
            Ok((kind, _)) => write!(f, "Keychain({kind:?})"),
            Err(error) => write!(f, "Keychain(unavailable: {error})"),
        }
    }
}

impl Keychain {
    /// The best store this machine has for the settings in `config_dir`: the first of the
    /// platform's stores (see the module docs) that answers a read.
    pub fn best(config_dir: &Path) -> Keychain {
        let mut reasons = Vec::new();
        for kind in platform_stores() {
            let keychain = Keychain::at(kind, config_dir);
            match keychain.probe() {
                Ok(()) => return keychain,
                Err(error) => reasons.push(error.0),
            }
        }
        if reasons.is_empty() {
            reasons.push(format!("Pandu has no credential store support for {}", std::env::consts::OS));
        }
        Keychain { state: Err(SecretError(format!("no credential store is available: {}", reasons.join("; ")))) }
    }

    /// The entry for the settings in `config_dir` in the store `kind` (where the settings say
    /// the cookie is), whether or not the store answers.
    pub fn at(kind: StoreKind, config_dir: &Path) -> Keychain {
        let user = format!("tiktok-sessionid:{}", config_dir.display());
        Keychain { state: entry(kind, &user).map(|entry| (kind, entry)) }
    }

    /// The store, or why there is none.
    pub fn kind(&self) -> Result<StoreKind, SecretError> {
        self.state.as_ref().map(|(kind, _)| *kind).map_err(Clone::clone)
    }

    /// The stored `sessionid`; `None` when the store has none for these settings.
    pub fn get(&self) -> Result<Option<SessionId>, SecretError> {
        let (kind, entry) = self.state.as_ref().map_err(Clone::clone)?;
        let value = match entry {
            Entry::Keyring(entry) => match entry.get_password() {
                Ok(value) => Some(value),
                Err(keyring::Error::NoEntry) => None,
                Err(error) => return Err(describe(*kind, &error)),
            },
            #[cfg(target_os = "linux")]
            Entry::Kernel(description) => kernel::get(description).map_err(|error| describe(*kind, &error))?,
        };
        Ok(value.as_deref().and_then(SessionId::new))
    }

    /// Stores `sessionid`, replacing any before it.
    pub fn set(&self, sessionid: &SessionId) -> Result<(), SecretError> {
        let (kind, entry) = self.state.as_ref().map_err(Clone::clone)?;
        match entry {
            Entry::Keyring(entry) => entry.set_password(sessionid.value()).map_err(|error| describe(*kind, &error)),
            #[cfg(target_os = "linux")]
            Entry::Kernel(description) => {
                kernel::set(description, sessionid.value()).map_err(|error| describe(*kind, &error))
            }
        }
    }

    /// Removes the stored `sessionid`; nothing stored is not an error.
    pub fn delete(&self) -> Result<(), SecretError> {
        let (kind, entry) = self.state.as_ref().map_err(Clone::clone)?;
        match entry {
            Entry::Keyring(entry) => match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(error) => Err(describe(*kind, &error)),
            },
            #[cfg(target_os = "linux")]
            Entry::Kernel(description) => kernel::delete(description).map_err(|error| describe(*kind, &error)),
        }
    }

    /// Whether the store answers at all: a read that finds the entry or finds none.
    fn probe(&self) -> Result<(), SecretError> {
        self.get().map(drop)
    }
}

/// The message for `error` from the store `kind`.
fn describe(kind: StoreKind, error: &dyn fmt::Display) -> SecretError {
    SecretError(format!("{}: {error}", kind.name()))
}

/// The stores this build can use, best first.
fn platform_stores() -> Vec<StoreKind> {
    if cfg!(target_os = "linux") {
        vec![StoreKind::SecretService, StoreKind::KernelKeyring]
    } else if cfg!(windows) {
        vec![StoreKind::WindowsCredentialManager]
    } else {
        Vec::new()
    }
}

/// The entry `user` of Pandu's service in the store `kind`: only the platform's own stores,
/// never the `keyring` crate's in-memory stand-in (which would lose the cookie at exit).
fn entry(kind: StoreKind, user: &str) -> Result<Entry, SecretError> {
    let from_keyring = |credential: keyring::Result<Box<keyring::Credential>>| {
        credential
            .map(|credential| Entry::Keyring(keyring::Entry::new_with_credential(credential)))
            .map_err(|error| describe(kind, &error))
    };
    match kind {
        #[cfg(target_os = "linux")]
        StoreKind::SecretService => from_keyring(
            keyring::secret_service::SsCredential::new_with_target(None, SERVICE, user).map(|c| Box::new(c) as _),
        ),
        #[cfg(target_os = "linux")]
        StoreKind::KernelKeyring => Ok(Entry::Kernel(format!("{SERVICE}:{user}"))),
        #[cfg(windows)]
        StoreKind::WindowsCredentialManager => from_keyring(
            keyring::windows::WinCredential::new_with_target(None, SERVICE, user).map(|c| Box::new(c) as _),
        ),
        _ => {
            let _ = (from_keyring, user);
            Err(describe(kind, &format!("not available on {}", std::env::consts::OS)))
        }
    }
}

/// The kernel's user keyring (`@u`, see keyrings(7)): the user's own, kept until reboot,
/// readable by the user's processes only.
#[cfg(target_os = "linux")]
mod kernel {
    use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};

    fn user_keyring() -> Result<KeyRing, KeyError> {
        KeyRing::from_special_id(KeyRingIdentifier::User, true)
    }

    pub fn get(description: &str) -> Result<Option<String>, String> {
        let key = match user_keyring().and_then(|ring| ring.search(description)) {
            Ok(key) => key,
            Err(KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked) => return Ok(None),
            Err(error) => return Err(error.to_string()),
        };
        let bytes = key.read_to_vec().map_err(|error| error.to_string())?;
        String::from_utf8(bytes).map(Some).map_err(|_| "the stored value is not UTF-8 text".into())
    }

    pub fn set(description: &str, value: &str) -> Result<(), String> {
        user_keyring().and_then(|ring| ring.add_key(description, value)).map(drop).map_err(|error| error.to_string())
    }

    pub fn delete(description: &str) -> Result<(), String> {
        match user_keyring().and_then(|ring| ring.search(description)) {
            Ok(key) => key.invalidate().map_err(|error| error.to_string()),
            Err(KeyError::KeyDoesNotExist | KeyError::KeyExpired | KeyError::KeyRevoked) => Ok(()),
            Err(error) => Err(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A settings folder no other test (nor the user's own Pandu) shares.
    fn private_folder(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("pandu-secrets-test-{name}-{}", crate::config::new_token()))
    }

    /// Against the real store this machine has: stores, reads back from a second handle (as a
    /// second start would), replaces and deletes. Where no store answers, the test says so on
    /// stderr and checks that the unavailable store refuses every operation with its reason.
    #[test]
    fn the_sessionid_round_trips_through_this_machines_credential_store() {
        let folder = private_folder("round-trip");
        let keychain = Keychain::best(&folder);
        let Ok(kind) = keychain.kind() else {
            let reason = keychain.kind().unwrap_err().to_string();
            eprintln!("NOT CHECKED: no credential store on this machine ({reason}); checking the refusals instead");
            assert!(reason.contains("no credential store is available"), "{reason}");
            let cookie = SessionId::new("never-stored").unwrap();
            assert_eq!(keychain.set(&cookie).unwrap_err().to_string(), reason);
            assert_eq!(keychain.get().unwrap_err().to_string(), reason);
            return;
        };
        eprintln!("checked against {}", kind.name());
        assert_eq!(keychain.get().unwrap(), None, "a new folder has no sessionid");
        let cookie = SessionId::new("abc123-real-store").unwrap();
        keychain.set(&cookie).unwrap();
        let again = Keychain::at(kind, &folder);
        assert_eq!(again.get().unwrap(), Some(cookie));
        let newer = SessionId::new("def456-replaced").unwrap();
        again.set(&newer).unwrap();
        assert_eq!(keychain.get().unwrap(), Some(newer));
        assert_eq!(Keychain::at(kind, &private_folder("other")).get().unwrap(), None, "per folder");
        keychain.delete().unwrap();
        assert_eq!(again.get().unwrap(), None);
        keychain.delete().expect("deleting nothing is fine");
    }

    #[test]
    fn a_store_this_platform_lacks_names_itself_in_the_refusal() {
        let absent = if cfg!(windows) { StoreKind::KernelKeyring } else { StoreKind::WindowsCredentialManager };
        let error = Keychain::at(absent, &private_folder("absent")).get().unwrap_err().to_string();
        assert!(error.contains(absent.name()) && error.contains("not available on"), "{error}");
    }
}
