//! Settings export and import, for moving to a new PC or sending to support
//! (`pandu settings export|import`, Pengaturan → Ekspor / Impor).
//!
//! An export is the whole settings as TOML under a comment header, without what belongs to this
//! machine alone: the control and host tokens, the TikTok `sessionid` (and where it is stored)
//! and the archive's path. An import checks the whole file first (an error names the file, the
//! line and the column, and nothing is written), then writes it as the settings, keeping this
//! machine's tokens, `sessionid` and archive.

use std::path::Path;

use super::{ConfigError, Settings};

/// Keys an export leaves out: secrets, and what only this machine has.
const MACHINE_KEYS: [&str; 3] = ["token", "host_token", "archive"];

/// `settings` as an export's text.
pub fn export_text(settings: &Settings) -> String {
    let mut shared = settings.clone();
    shared.token.clear();
    shared.host_token.clear();
    shared.archive = None;
    (shared.tiktok.sessionid, shared.tiktok.sessionid_in) = (None, None);
    let mut document: toml_edit::DocumentMut =
        toml::to_string(&shared).expect("settings always serialise").parse().expect("TOML Pandu wrote parses");
    for key in MACHINE_KEYS {
        document.remove(key);
    }
    if document.get("tiktok").and_then(|tiktok| tiktok.as_table_like()).is_some_and(|tiktok| tiktok.is_empty()) {
        document.remove("tiktok");
    }
    format!(
        "# Pandu settings, exported by Pandu {} on {}.\n\
         # No token, host token or TikTok sessionid is in this file: importing it keeps the ones\n\
         # of the machine it is imported on, and its archive. Import with\n\
         # `pandu settings import FILE`, or Pengaturan → Impor.\n\n{document}",
        env!("CARGO_PKG_VERSION"),
        jiff::Zoned::now().strftime("%Y-%m-%d %H:%M %Z"),
    )
}

/// Imports the settings `text` read from `source` as the settings file `path`: the whole text
/// is checked first (an error names `source`, the line and the column; nothing is written),
/// and this machine's tokens, `sessionid` and archive stay. Returns the settings now in force.
pub fn import_text(path: &Path, text: &str, source: &Path) -> Result<Settings, ConfigError> {
    let mut imported = Settings::from_text(text, source)?;
    let here = Settings::load_or_init(path)?;
    imported.token = here.token;
    imported.host_token = here.host_token;
    imported.archive = here.archive;
    imported.tiktok.sessionid = here.tiktok.sessionid;
    imported.tiktok.sessionid_in = here.tiktok.sessionid_in;
    imported.save(path)?;
    Ok(imported)
}

/// [`import_text`] from the file `source`.
pub fn import_file(path: &Path, source: &Path) -> Result<Settings, ConfigError> {
    let text = std::fs::read_to_string(source)
        .map_err(|error| ConfigError::Io { path: source.to_path_buf(), source: error })?;
    import_text(path, &text, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_imports_back_to_the_same_settings_and_the_header_is_a_comment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut settings = Settings::load_or_init(&path).unwrap();
        settings.port = 48123;
        settings.frame.shop = "Novilla".into();
        settings.save(&path).unwrap();
        let text = export_text(&settings);
        assert!(text.starts_with("# Pandu settings, exported by Pandu "), "{text}");
        let imported = import_text(&path, &text, Path::new("export.toml")).unwrap();
        assert_eq!(imported, settings, "round trip, tokens kept");
        assert_eq!(Settings::read(&path).unwrap(), settings);
    }

    #[test]
    fn a_bad_import_names_the_line_and_column_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        Settings::load_or_init(&path).unwrap();
        let before = std::fs::read_to_string(&path).unwrap();
        let error = import_text(&path, "port = 48000\n[frame]\nshop = 12\n", Path::new("from-support.toml"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("from-support.toml") && error.contains("line 3, column 8"), "{error}");
        let error = import_text(&path, "[reports]\ntime_zone = \"Mars/Olympus\"\n", Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("time_zone") && error.contains("Mars/Olympus"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    }
}
