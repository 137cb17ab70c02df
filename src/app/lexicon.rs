//! The shop's own lexicon file: reading it for the editor, saving it, and putting it in force
//! on top of the rule packs the shop switched on and the agency's lexicon.
//!
//! In force, in order: the rule packs switched on, the agency's lexicon (the newest version the
//! hub sent that checked out here, kept in `agency-lexicon.json` beside `lexicon.toml`), then the
//! desk's own `lexicon.toml`. A push from the agency replaces only its own layer: the desk's
//! own edits stay.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use super::AppError;
use crate::hub::lexicon::AgencyLexicon;
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

/// `lexicon.toml` in the settings folder, and the agency's layer beside it.
pub struct LexiconFile {
    path: PathBuf,
    agency_path: PathBuf,
}

impl LexiconFile {
    pub fn new(path: PathBuf) -> LexiconFile {
        let agency_path = path.with_file_name("agency-lexicon.json");
        LexiconFile { path, agency_path }
    }

    /// The agency's lexicon this desk took last, if any.
    pub fn agency(&self) -> Option<AgencyLexicon> {
        let text = std::fs::read_to_string(&self.agency_path).ok()?;
        match serde_json::from_str(&text) {
            Ok(agency) => Some(agency),
            Err(error) => {
                tracing::warn!("{}: {error}; the agency's lexicon is left out", self.agency_path.display());
                None
            }
        }
    }

    /// The agency's layer as a lexicon (empty without one; one this Pandu no longer reads is left
    /// out, with a warning).
    fn agency_layer(&self) -> Lexicon {
        match self.agency().map(|agency| agency.validate()) {
            Some(Ok(lexicon)) => lexicon,
            Some(Err(error)) => {
                tracing::warn!("{error}; the agency's lexicon is left out");
                Lexicon::default()
            }
            None => Lexicon::default(),
        }
    }

    /// The packs `enabled`, the agency's layer, then `shop`.
    fn in_force(&self, enabled: &[String], agency: &Lexicon, shop: &Lexicon) -> Result<Lexicon, LexiconError> {
        let mut layers = agency.clone();
        layers.extend(shop);
        packs::lexicon_in_force(enabled, &layers)
    }

    /// The lexicon in force: the rule packs `enabled`, the agency's layer and the shop's file on
    /// top. A file that does not load is reported (the packs and the agency's layer alone are in
    /// force meanwhile, and the file is left as it is).
    pub fn load(&self, enabled: &[String]) -> (Lexicon, Option<AppError>) {
        let agency = self.agency_layer();
        let without_shop = || {
            self.in_force(enabled, &agency, &Lexicon::default())
                .or_else(|_| packs::lexicon_in_force(enabled, &Lexicon::default()))
                .expect("the packs alone switch nothing off")
        };
        if !self.path.exists() {
            return (without_shop(), None);
        }
        match Lexicon::load(&self.path).and_then(|shop| self.in_force(enabled, &agency, &shop)) {
            Ok(lexicon) => (lexicon, None),
            Err(error) => (without_shop(), Some(error.into())),
        }
    }

    /// Checks the agency's `lexicon` with its packs and the desk's own file on top and, when it
    /// checks out, keeps it as the agency's layer; the lexicon then in force. One that does not
    /// check out changes nothing.
    pub fn take_agency(&self, agency: &AgencyLexicon) -> Result<Lexicon, LexiconError> {
        let layer = agency.validate()?;
        let shop = if self.path.exists() { Lexicon::load(&self.path).ok() } else { None };
        let in_force = self.in_force(&agency.packs, &layer, &shop.unwrap_or_default())?;
        let origin = self.agency_path.display().to_string();
        let io_error = |error: std::io::Error| LexiconError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message: error.to_string(),
        };
        if let Some(parent) = self.agency_path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        let temporary = self.agency_path.with_extension("json.tmp");
        std::fs::write(&temporary, serde_json::to_string_pretty(agency).expect("a lexicon serialises"))
            .map_err(io_error)?;
        std::fs::rename(&temporary, &self.agency_path).map_err(io_error)?;
        Ok(in_force)
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
        let in_force = self.in_force(enabled, &self.agency_layer(), &lexicon)?;
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
    fn the_agencys_lexicon_is_a_layer_under_the_desks_own_and_a_broken_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = LexiconFile::new(dir.path().join("lexicon.toml"));
        file.save("[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n", &[]).unwrap();
        let agency = AgencyLexicon {
            version: 4,
            shop: String::new(),
            lexicon: "[[term]]\ntext = \"belanjain\"\ncategory = \"competitor\"\n".into(),
            packs: vec![],
        };
        let in_force = file.take_agency(&agency).unwrap();
        let texts: Vec<&str> = in_force.terms.iter().map(|term| term.text.as_str()).collect();
        assert_eq!(texts, ["belanjain", "pasarku"], "the agency's layer, then the desk's own");
        assert_eq!(file.load(&[]).0.terms.len(), 2, "kept across starts");
        assert_eq!(file.agency().unwrap().version, 4);

        let broken = AgencyLexicon { version: 5, lexicon: "[[term]]\ntext = 1\n".into(), ..agency };
        assert!(file.take_agency(&broken).is_err());
        assert_eq!(file.agency().unwrap().version, 4, "the last good version stays");
        assert_eq!(file.load(&[]).0.terms.len(), 2);
    }

    #[test]
    fn the_starter_file_is_a_valid_lexicon_with_no_entries() {
        let starter = Lexicon::parse(DEFAULT_LEXICON, "starter").unwrap();
        assert!(starter.terms.is_empty() && starter.patterns.is_empty() && starter.pack.is_none());
    }
}
