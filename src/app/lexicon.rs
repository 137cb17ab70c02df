//! The shop's own lexicon file: reading it for the editor, saving it, and putting it in force
//! on top of the rule packs the shop switched on.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::moderation::lexicon::{DEFAULT_LEXICON, Lexicon, LexiconError};
use crate::moderation::packs;

/// The lexicon as the editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LexiconDocument {
    /// The shop's own lexicon, as TOML text (the rule packs come on top: Pengaturan).
    pub text: String,
    /// Where saving writes it.
    pub path: String,
    /// The text is the starter Pandu ships (the user has not saved one of their own).
    pub is_default: bool,
    /// The starter Pandu ships, for "restore the default".
    pub default_text: String,
    /// Why the user's own file is not in force, when it is broken, and where.
    pub problem: Option<AppError>,
}

/// What a saved lexicon file holds (its own entries, not the packs').
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LexiconSummary {
    pub terms: u32,
    pub patterns: u32,
    pub allow: u32,
}

/// `lexicon.toml` in the settings folder.
pub struct LexiconFile {
    path: PathBuf,
}

impl LexiconFile {
    pub fn new(path: PathBuf) -> LexiconFile {
        LexiconFile { path }
    }

    /// The lexicon in force: the rule packs `enabled` and the shop's file on top. A file that
    /// does not load is reported (the packs alone are in force meanwhile, and the file is left
    /// as it is).
    pub fn load(&self, enabled: &[String]) -> (Lexicon, Option<AppError>) {
        let packs_alone =
            || packs::lexicon_in_force(enabled, &Lexicon::default()).expect("the packs alone switch nothing off");
        if !self.path.exists() {
            return (packs_alone(), None);
        }
        match Lexicon::load(&self.path).and_then(|shop| packs::lexicon_in_force(enabled, &shop)) {
            Ok(lexicon) => (lexicon, None),
            Err(error) => (packs_alone(), Some(error.into())),
        }
    }

    pub fn document(&self, enabled: &[String]) -> LexiconDocument {
        let (_, problem) = self.load(enabled);
        let own = std::fs::read_to_string(&self.path).ok();
        LexiconDocument {
            is_default: own.is_none(),
            text: own.unwrap_or_else(|| DEFAULT_LEXICON.to_string()),
            path: self.path.display().to_string(),
            default_text: DEFAULT_LEXICON.to_string(),
            problem,
        }
    }

    /// Checks `text` and, when it is a valid lexicon, writes it (beside the file, then renamed
    /// over it, so a crash never leaves half a lexicon) and returns the lexicon in force with
    /// the packs `enabled`. A broken lexicon writes nothing and says where it breaks.
    pub fn save(&self, text: &str, enabled: &[String]) -> Result<(Lexicon, LexiconSummary), LexiconError> {
        let origin = self.path.display().to_string();
        let lexicon = Lexicon::parse(text, &origin)?;
        let in_force = packs::lexicon_in_force(enabled, &lexicon)?;
        let io_error = |error: std::io::Error| LexiconError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message: format!("could not save: {error}"),
        };
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        let temporary = self.path.with_extension("toml.tmp");
        std::fs::write(&temporary, text).map_err(io_error)?;
        std::fs::rename(&temporary, &self.path).map_err(io_error)?;
        let summary = LexiconSummary {
            terms: lexicon.terms.len() as u32,
            patterns: lexicon.patterns.len() as u32,
            allow: (lexicon.allow.len() + lexicon.switched_off.len()) as u32,
        };
        Ok((in_force, summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<String> {
        packs::default_pack_ids()
    }

    #[test]
    fn a_saved_lexicon_is_read_back_and_a_broken_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = LexiconFile::new(dir.path().join("pandu/lexicon.toml"));
        assert!(file.document(&defaults()).is_default);

        let good = "[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n";
        let (in_force, summary) = file.save(good, &defaults()).unwrap();
        assert_eq!((summary.terms, summary.patterns, summary.allow), (1, 0, 0));
        assert_eq!(in_force.terms.len(), Lexicon::default_indonesian().terms.len() + 1, "the packs and the shop's own");
        let document = file.document(&defaults());
        assert_eq!((document.text.as_str(), document.is_default, document.problem), (good, false, None));

        let error = file.save("[[term]]\ntext = \"x\"\n", &defaults()).unwrap_err();
        assert_eq!(error.line, 1);
        let error = file.save("\n[[allow]]\nterm = \"no such entry\"\n", &defaults()).unwrap_err();
        assert_eq!(error.line, 2, "a switch-off naming nothing is reported where it is");
        assert_eq!(std::fs::read_to_string(dir.path().join("pandu/lexicon.toml")).unwrap(), good);
    }

    #[test]
    fn a_broken_file_on_disk_is_reported_and_the_packs_alone_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lexicon.toml");
        std::fs::write(&path, "[[term]]\ntext = 1\n").unwrap();
        let (lexicon, problem) = LexiconFile::new(path).load(&defaults());
        let problem = problem.unwrap();
        assert_eq!(problem.code, super::super::ErrorCode::Lexicon);
        assert!(problem.message.contains("lexicon.toml") || problem.line.is_some_and(|line| line > 0), "{problem:?}");
        assert_eq!(lexicon.terms.len(), Lexicon::default_indonesian().terms.len());
    }

    #[test]
    fn the_starter_file_is_a_valid_lexicon_with_no_entries() {
        let starter = Lexicon::parse(DEFAULT_LEXICON, "starter").unwrap();
        assert!(starter.terms.is_empty() && starter.patterns.is_empty() && starter.pack.is_none());
    }
}
