//! The user's settings file and Pandu's default locations.
//!
//! Settings live in `config.toml` (and the user's `lexicon.toml`) in the platform config folder:
//! `~/.config/pandu/` on Linux (`$XDG_CONFIG_HOME` is honoured), `%APPDATA%\pandu\config\` on
//! Windows. The archive defaults to `pandu.db` in the platform's *local* data folder:
//! `~/.local/share/pandu/` on Linux (`$XDG_DATA_HOME` is honoured), `%LOCALAPPDATA%\pandu\data\`
//! on Windows. Settings are small and may roam with a Windows profile; the archive grows with
//! every live and must not, so it is kept local to the machine. The settings file is created on
//! first run with a fresh random token for the local control API, readable by the user only.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub mod sessionid;
pub mod transfer;

/// The local server's default port.
pub const DEFAULT_PORT: u16 = 47800;

/// What can go wrong with settings. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("no home folder found to keep Pandu's settings and archive in (is $HOME set?)")]
    NoHome,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not valid settings (the file was left as it is; fix or remove it):\n{message}")]
    Invalid { path: PathBuf, message: String },
    /// The TikTok `sessionid` could not be stored or removed ([`sessionid`]).
    #[error("{path}: {message}")]
    Secrets { path: PathBuf, message: String },
}

/// The settings file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Bearer token for the local control API: every route.
    #[serde(default)]
    pub token: String,
    /// Bearer token of the host view (its links and QR code carry it): the host page, its
    /// stream and "answered", nothing else.
    #[serde(default)]
    pub host_token: String,
    /// Port of the local server on 127.0.0.1.
    #[serde(default = "default_port")]
    pub port: u16,
    /// The source a session starts on.
    #[serde(default = "default_source")]
    pub source: String,
    /// The archive file [default: `pandu.db` in the platform's local data folder]; set when
    /// the user starts a new archive or opens another one from the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<PathBuf>,
    /// Shop accounts, exemptions and spam thresholds.
    #[serde(default)]
    pub moderation: crate::moderation::ModerationSettings,
    /// Signing in to TikTok for `tiktok:@handle`.
    #[serde(default)]
    pub tiktok: TikTokSettings,
    /// Listen on every network interface, not only 127.0.0.1, so a tablet or phone on the same
    /// Wi-Fi can open the host view. Everything but the overlay pages still needs the token.
    #[serde(default)]
    pub lan: bool,
    /// Flash-sale windows, their warnings, and the run sheet's heads-up.
    #[serde(default)]
    pub clock: crate::clock::ClockSettings,
    /// Alerts in the window.
    #[serde(default)]
    pub alerts: AlertSettings,
    /// The app's global hotkeys.
    #[serde(default)]
    pub hotkeys: Hotkeys,
    /// The promo frame on air and what fills it.
    #[serde(default)]
    pub frame: FrameSettings,
    /// The reports' time zone.
    #[serde(default)]
    pub reports: ReportSettings,
    /// The archive's daily backups.
    #[serde(default)]
    pub backup: BackupSettings,
    /// The shop's own facts for answer cards (shipping, COD, returns, customer service's
    /// hours), where a product's facts do not say.
    #[serde(default)]
    pub shop_facts: crate::answers::ShopFacts,
    /// Who hosts the lives on this PC.
    #[serde(default)]
    pub live: LiveSettings,
    /// The agency hub this desktop sends its lives to.
    #[serde(default)]
    pub hub: crate::hub::HubSettings,
}

/// The `[live]` table of the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveSettings {
    /// Who hosts the lives started on this PC (picked at start, remembered): recorded on every
    /// live, so the agency's reports compare hosts.
    pub host: String,
}

/// The longest host name.
pub const MAX_HOST_CHARS: usize = 60;

/// The `[reports]` table of the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportSettings {
    /// The IANA time zone days, weeks (Monday to Sunday) and start hours are counted in.
    pub time_zone: String,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { time_zone: crate::report::DEFAULT_TIME_ZONE.into() }
    }
}

/// The `[backup]` table of the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupSettings {
    /// Daily backups to keep (the oldest go first); 0 turns daily backups off.
    pub keep: u32,
    /// Where they go [default: `backups/` beside the archive].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<PathBuf>,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { keep: 7, folder: None }
    }
}

/// The `[frame]` table of the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FrameSettings {
    /// The template on air: a folder in `templates/` beside this file.
    pub template: String,
    /// `{shop}`: the shop's name.
    pub shop: String,
    /// `{official_account}`: the one account the shop lives on, e.g. `@novilla.official`.
    pub official_account: String,
    /// The parts of the portrait frame TikTok's own UI covers, in px of 1080×1920.
    pub safe_zones: pandu_frame::SafeZones,
}

impl Default for FrameSettings {
    fn default() -> Self {
        FrameSettings {
            template: "novilla".into(),
            shop: String::new(),
            official_account: String::new(),
            safe_zones: pandu_frame::SafeZones::default(),
        }
    }
}

/// The `[alerts]` table of the settings: the window's alerts (the host view has a sound switch
/// of its own, kept on each device that opens it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct AlertSettings {
    /// A short sound with each alert (a drop's warnings, a slot's heads-up).
    pub sound: bool,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings { sound: true }
    }
}

/// The `[hotkeys]` table: global shortcuts that work while another program (TikTok LIVE Studio,
/// OBS) has the focus, as accelerators such as `CmdOrCtrl+Shift+D`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Hotkeys {
    /// Start a drop for the current slot's product.
    pub drop: String,
    /// The next slot of the run sheet.
    pub next_slot: String,
    /// Pause or resume the slot.
    pub pause: String,
    /// Mark the host's next question answered.
    pub answered: String,
}

impl Default for Hotkeys {
    fn default() -> Self {
        Hotkeys {
            drop: "CmdOrCtrl+Shift+D".into(),
            next_slot: "CmdOrCtrl+Shift+N".into(),
            pause: "CmdOrCtrl+Shift+P".into(),
            answered: "CmdOrCtrl+Shift+J".into(),
        }
    }
}

/// The `[tiktok]` table of the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TikTokSettings {
    /// The `sessionid` cookie of a logged-in TikTok account (from the browser's cookies for
    /// tiktok.com) as plain text in this file: more comments, and entry to 18+ rooms. Sent only
    /// to TikTok; never logged. A start moves it to the OS credential store and out of the file
    /// ([`sessionid`]); it stays here only where no store is available, with a warning.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "blank_is_none")]
    pub sessionid: Option<crate::ingest::tiktok::SessionId>,
    /// The OS credential store holding the `sessionid`, when one does ([`crate::secrets`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessionid_in: Option<crate::secrets::StoreKind>,
}

fn blank_is_none<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::ingest::tiktok::SessionId>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.as_deref().and_then(crate::ingest::tiktok::SessionId::new))
}

fn default_port() -> u16 {
    DEFAULT_PORT
}

fn default_source() -> String {
    "demo".into()
}

fn project_dirs() -> Result<directories::ProjectDirs, ConfigError> {
    directories::ProjectDirs::from("", "", "pandu").ok_or(ConfigError::NoHome)
}

/// The settings file's name, in the config folder.
pub const SETTINGS_FILE: &str = "config.toml";
/// The user's lexicon's name, in the config folder (once they edit it; else the shipped one).
pub const LEXICON_FILE: &str = "lexicon.toml";

/// The platform config folder, where `config.toml` and `lexicon.toml` live.
pub fn default_config_dir() -> Result<PathBuf, ConfigError> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

/// `pandu.db` in the platform's local data folder (`~/.local/share/pandu/`,
/// `%LOCALAPPDATA%\pandu\data\`): an archive stays on the machine, it does not roam.
pub fn default_archive_path() -> Result<PathBuf, ConfigError> {
    Ok(project_dirs()?.data_local_dir().join("pandu.db"))
}

impl Settings {
    /// Reads the settings at `path`, creating the file with defaults and new tokens (control and
    /// host) if it does not exist, or adding a token it lacks. A malformed file is an error and is
    /// never overwritten.
    pub fn load_or_init(path: &Path) -> Result<Settings, ConfigError> {
        let mut settings = Settings::read(path)?;
        if settings.token.is_empty() || settings.host_token.is_empty() {
            for token in [&mut settings.token, &mut settings.host_token] {
                if token.is_empty() {
                    *token = new_token();
                }
            }
            settings.save(path)?;
        }
        Ok(settings)
    }

    /// Reads and checks the settings at `path` (the defaults, with no token, where there is no
    /// file) and writes nothing: for commands that only need to know them.
    pub fn read(path: &Path) -> Result<Settings, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::from_text(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Settings::from_text("", path),
            Err(source) => Err(ConfigError::Io { path: path.to_path_buf(), source }),
        }
    }

    /// Parses and checks settings `text`, read from `path` (named in errors, with the line and
    /// column where the text is wrong).
    pub fn from_text(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let settings = toml::from_str::<Settings>(text)
            .map_err(|error| ConfigError::Invalid { path: path.to_path_buf(), message: error.to_string() })?;
        settings.clock.validate().map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!("[clock] {message}"),
        })?;
        settings.shop_facts.validate().map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!("[shop_facts] {message}"),
        })?;
        settings.hub.validate().map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!("[hub] {message}"),
        })?;
        if settings.live.host.chars().count() > MAX_HOST_CHARS {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                message: format!("[live] host: at most {MAX_HOST_CHARS} characters"),
            });
        }
        if let Err(error) = jiff::tz::TimeZone::get(&settings.reports.time_zone) {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                message: format!("[reports] time_zone: '{}': {error}", settings.reports.time_zone),
            });
        }
        Ok(settings)
    }

    /// Writes the settings to `path`, readable and writable by the user only. The new file is
    /// written beside it and then renamed over it, so a crash or a full disk midway leaves the
    /// old settings whole.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        write_private(path, &toml::to_string(self).expect("settings always serialise"))
    }
}

/// Writes `text` to the settings file `path` as [`Settings::save`] does: private to the user,
/// through a file beside it renamed over it.
fn write_private(path: &Path, text: &str) -> Result<(), ConfigError> {
    let io_error = |source| ConfigError::Io { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error)?;
    }
    let partial = path.with_extension("toml.partial");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial).map_err(io_error)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).and_then(|()| file.sync_all()).map_err(io_error)?;
    drop(file);
    std::fs::rename(&partial, path).map_err(io_error)
}

/// 32 random bytes from the OS, as 64 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source is unavailable");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_creates_private_settings_with_a_token_that_sticks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu/config.toml");
        let first = Settings::load_or_init(&path).unwrap();
        assert_eq!(first.token.len(), 64);
        assert!(first.token.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(first.host_token.len(), 64);
        assert_ne!(first.host_token, first.token, "two tokens, each its own");
        assert_eq!(first.port, DEFAULT_PORT);
        assert_eq!(first.source, "demo");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(Settings::load_or_init(&path).unwrap(), first);
        assert_ne!(new_token(), first.token);
    }

    #[test]
    fn a_settings_file_without_a_token_gets_one_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "port = 48000\n").unwrap();
        let settings = Settings::load_or_init(&path).unwrap();
        assert_eq!(settings.port, 48000);
        assert_eq!(settings.token.len(), 64);
        assert_eq!(Settings::load_or_init(&path).unwrap().token, settings.token);
        // A file from before host tokens gets one, and its control token stays.
        std::fs::write(&path, "token = \"tools\"\n").unwrap();
        let settings = Settings::load_or_init(&path).unwrap();
        assert_eq!((settings.token.as_str(), settings.host_token.len()), ("tools", 64));
        assert_eq!(Settings::load_or_init(&path).unwrap().host_token, settings.host_token);
    }

    #[test]
    fn a_tiktok_sessionid_is_read_but_never_printed_and_a_blank_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[tiktok]\nsessionid = \"s3cr3t-cookie\"\n").unwrap();
        let settings = Settings::load_or_init(&path).unwrap();
        assert!(settings.tiktok.sessionid.is_some());
        assert!(!format!("{settings:?}").contains("s3cr3t-cookie"));
        assert!(std::fs::read_to_string(&path).unwrap().contains("sessionid = \"s3cr3t-cookie\""), "kept on save");
        std::fs::write(&path, "[tiktok]\nsessionid = \"  \"\n").unwrap();
        assert_eq!(Settings::load_or_init(&path).unwrap().tiktok.sessionid, None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn settings_go_to_the_config_folder_and_the_archive_to_the_local_data_folder() {
        let home = PathBuf::from(std::env::var_os("HOME").expect("HOME is set"));
        let xdg = |var: &str, fallback: &str| {
            std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| home.join(fallback))
        };
        let config = xdg("XDG_CONFIG_HOME", ".config").join("pandu");
        assert_eq!(default_config_dir().unwrap().join(SETTINGS_FILE), config.join("config.toml"));
        assert_eq!(default_config_dir().unwrap().join(LEXICON_FILE), config.join("lexicon.toml"));
        assert_eq!(default_archive_path().unwrap(), xdg("XDG_DATA_HOME", ".local/share").join("pandu/pandu.db"));
    }

    #[test]
    fn a_broken_settings_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "port = \"lima\"\n").unwrap();
        let error = Settings::load_or_init(&path).unwrap_err().to_string();
        assert!(error.contains("config.toml") && error.contains("port"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "port = \"lima\"\n");
    }
}
