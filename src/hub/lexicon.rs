//! The agency's lexicon, flowing down: a manager pushes a lexicon and the rule packs to switch on
//! (for every shop, or one), the hub keeps each push as a new version, and desktops pull the
//! newest since the version they hold.
//!
//! A push is checked before it is kept (`pandu hub lexicon push` refuses a broken file, naming
//! the line). A desktop checks again before applying, since it may be an older Pandu that reads
//! less, and keeps its last good lexicon when a version does not validate; it asks again at the
//! next version. On a desktop the agency's lexicon is a layer of its own, under the desk's own
//! `lexicon.toml`: the desk's local edits stay local, and a push never overwrites them.

use serde::{Deserialize, Serialize};
use tokio_postgres::Client;

use super::{HubError, database};
use crate::moderation::lexicon::{Lexicon, LexiconError};
use crate::moderation::packs;

/// One version of the agency's lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyLexicon {
    pub version: i64,
    /// The shop it is for; empty: every shop.
    pub shop: String,
    /// The lexicon, as `lexicon.toml` text.
    pub lexicon: String,
    /// The rule packs to switch on.
    pub packs: Vec<String>,
}

impl AgencyLexicon {
    /// Checks that this Pandu reads the lexicon and knows the packs: the lexicon in force it
    /// makes, on top of them.
    pub fn validate(&self) -> Result<Lexicon, LexiconError> {
        let origin = format!("the agency's lexicon v{}", self.version);
        let lexicon = Lexicon::parse(&self.lexicon, &origin)?;
        packs::check_pack_ids(&self.packs).map_err(|message| LexiconError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message,
        })?;
        packs::lexicon_in_force(&self.packs, &lexicon)?;
        Ok(lexicon)
    }
}

/// Why a push was refused.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Invalid(#[from] LexiconError),
    #[error(transparent)]
    Hub(#[from] HubError),
}

/// Checks `lexicon` with `packs` and keeps it as the next version for `shop` (empty: every
/// shop); the version.
pub async fn push(client: &Client, url: &str, shop: &str, lexicon: &str, packs: &[String]) -> Result<i64, PushError> {
    // `version: 0`: a push's errors name the text, not a version it does not have yet.
    AgencyLexicon { version: 0, shop: shop.into(), lexicon: lexicon.into(), packs: packs.to_vec() }.validate()?;
    let row = client
        .query_one(
            "INSERT INTO hub_lexicons (shop, lexicon, packs) VALUES ($1, $2, $3) RETURNING version",
            &[&shop, &lexicon, &packs],
        )
        .await
        .map_err(database(url, "keeping the lexicon"))?;
    Ok(row.get(0))
}

/// The newest version for `shop` (its own, or every shop's) newer than `since`, if any.
pub async fn newest(client: &Client, url: &str, shop: &str, since: i64) -> Result<Option<AgencyLexicon>, HubError> {
    let row = client
        .query_opt(
            "SELECT version, shop, lexicon, packs FROM hub_lexicons
             WHERE shop IN ($1, '') AND version > $2 ORDER BY version DESC LIMIT 1",
            &[&shop, &since],
        )
        .await
        .map_err(database(url, "reading the lexicon"))?;
    Ok(row.map(|row| AgencyLexicon { version: row.get(0), shop: row.get(1), lexicon: row.get(2), packs: row.get(3) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_this_pandu_cannot_read_is_refused_where_it_breaks() {
        let good = AgencyLexicon {
            version: 3,
            shop: String::new(),
            lexicon: "[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n".into(),
            packs: packs::default_pack_ids(),
        };
        assert_eq!(good.validate().unwrap().terms.len(), 1);
        let broken = AgencyLexicon { lexicon: "[[term]]\ntext = \"x\"\n".into(), ..good.clone() };
        let error = broken.validate().unwrap_err();
        assert_eq!((error.origin.as_str(), error.line), ("the agency's lexicon v3", 1), "{error}");
        let unknown = AgencyLexicon { packs: vec!["no-such-pack".into()], ..good };
        assert!(unknown.validate().unwrap_err().message.contains("no-such-pack"));
    }
}
