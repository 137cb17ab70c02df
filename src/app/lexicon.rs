//! The user's lexicon file: reading it for the editor, saving it, and putting it in force.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::moderation::lexicon::{DEFAULT_LEXICON, Lexicon, LexiconError};

/// The lexicon as the editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LexiconDocument {
    /// The lexicon in force, as TOML text.
    pub text: String,
    /// Where saving writes it.
    pub path: String,
    /// The text is the lexicon Pandu ships (the user has not saved one of their own).
    pub is_default: bool,
    /// The lexicon Pandu ships, for "restore the default".
    pub default_text: String,
    /// Why the user's own file is not in force, when it is broken, and where.
    pub problem: Option<AppError>,
}

/// What a saved lexicon holds.
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

    /// The user's lexicon if they have one, else the shipped one; a broken file is reported
    /// (the shipped lexicon is used meanwhile, and the file is left as it is).
    /// The lexicon in force: the user's, or the shipped one while the user's does not load
    /// (with why, and where).
    pub fn load(&self) -> (Lexicon, Option<AppError>) {
        if !self.path.exists() {
            return (Lexicon::default_indonesian(), None);
        }
        match Lexicon::load(&self.path) {
            Ok(lexicon) => (lexicon, None),
            Err(error) => (Lexicon::default_indonesian(), Some(error.into())),
        }
    }

    pub fn document(&self) -> LexiconDocument {
        let (_, problem) = self.load();
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
    /// over it, so a crash never leaves half a lexicon) and returns it compiled-ready. A broken
    /// lexicon writes nothing and says where it breaks.
    pub fn save(&self, text: &str) -> Result<(Lexicon, LexiconSummary), LexiconError> {
        let origin = self.path.display().to_string();
        let lexicon = Lexicon::parse(text, &origin)?;
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
            allow: lexicon.allow.len() as u32,
        };
        Ok((lexicon, summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_lexicon_is_read_back_and_a_broken_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = LexiconFile::new(dir.path().join("pandu/lexicon.toml"));
        assert!(file.document().is_default);

        let good = "[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n";
        let (_, summary) = file.save(good).unwrap();
        assert_eq!((summary.terms, summary.patterns, summary.allow), (1, 0, 0));
        let document = file.document();
        assert_eq!((document.text.as_str(), document.is_default, document.problem), (good, false, None));

        let error = file.save("[[term]]\ntext = \"x\"\n").unwrap_err();
        assert_eq!(error.line, 1);
        assert_eq!(std::fs::read_to_string(dir.path().join("pandu/lexicon.toml")).unwrap(), good);
    }

    #[test]
    fn a_broken_file_on_disk_is_reported_and_the_shipped_lexicon_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lexicon.toml");
        std::fs::write(&path, "[[term]]\ntext = 1\n").unwrap();
        let (lexicon, problem) = LexiconFile::new(path).load();
        let problem = problem.unwrap();
        assert_eq!(problem.code, super::super::ErrorCode::Lexicon);
        assert!(problem.message.contains("lexicon.toml") || problem.line.is_some_and(|line| line > 0), "{problem:?}");
        assert_eq!(lexicon.terms.len(), Lexicon::default_indonesian().terms.len());
    }
}
