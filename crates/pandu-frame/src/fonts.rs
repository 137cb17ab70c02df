//! The fonts a frame may use: the ones Pandu ships in `overlays/fonts/` and the ones a template
//! ships in its own folder. Never the system's: a frame must come out the same, pixel for pixel,
//! on the designer's Linux laptop and the host's Windows PC, and a system font that happens to
//! match a family name would break that silently.
//!
//! cosmic-text's `FontSystem` is built from a `fontdb` database filled here (no fontconfig), with
//! a fixed fallback list instead of the platform's (which names Segoe UI on Windows, Noto on
//! Linux): when the chosen family lacks a character, Noto Color Emoji is tried, then DejaVu Sans
//! (Latin extensions, Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian, symbols), then every
//! other loaded font.

use cosmic_text::fontdb;

/// The family text layers and widget slots use unless they name another.
pub const MAIN_FAMILY: &str = "Plus Jakarta Sans";

/// Every family in `overlays/fonts/` (a test checks this list against the files).
pub const BUNDLED_FAMILIES: &[&str] = &[MAIN_FAMILY, "Noto Color Emoji", "DejaVu Sans"];

/// Embedded in every build.
#[derive(rust_embed::RustEmbed)]
#[folder = "../../overlays/fonts/"]
struct Bundled;

/// Whether `file` is a font file this module loads (by its extension).
pub(crate) fn is_font_file(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".ttf") || lower.ends_with(".otf")
}

/// A font system holding the bundled fonts and nothing else.
pub(crate) fn bundled_font_system() -> cosmic_text::FontSystem {
    let mut db = fontdb::Database::new();
    for file in Bundled::iter().filter(|file| is_font_file(file)) {
        let font = Bundled::get(&file).expect("an embedded file lists and loads");
        db.load_font_data(font.data.into_owned());
    }
    // A fixed locale: it steers the fallback order, which must not depend on the machine.
    cosmic_text::FontSystem::new_with_locale_and_db_and_fallback("id-ID".into(), db, Fallback)
}

/// The family names a font file holds (for validating a template's own fonts).
pub(crate) fn families_in(font: &[u8]) -> Vec<String> {
    let mut db = fontdb::Database::new();
    db.load_font_data(font.to_vec());
    db.faces().flat_map(|face| face.families.iter().map(|(name, _)| name.clone())).collect()
}

/// The same fallback order on every platform.
struct Fallback;

impl cosmic_text::Fallback for Fallback {
    fn common_fallback(&self) -> &[&'static str] {
        &["Noto Color Emoji", "DejaVu Sans"]
    }

    fn forbidden_fallback(&self) -> &[&'static str] {
        &[]
    }

    fn script_fallback(&self, _script: unicode_script::Script, _locale: &str) -> &[&'static str] {
        &[]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_families_are_the_ones_in_the_folder() {
        let system = super::bundled_font_system();
        let mut found: Vec<String> =
            system.db().faces().flat_map(|face| face.families.iter().map(|(name, _)| name.clone())).collect();
        found.sort();
        found.dedup();
        let mut expected: Vec<String> = super::BUNDLED_FAMILIES.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected);
    }
}
