//! Rule packs: the platform's rules, shipped inside the app, switched on per shop.
//!
//! A pack is a lexicon file ([`super::lexicon`]) with a `[pack]` header: an id, a version that
//! changes with every reviewed edit, where its flags appear (comments, script, or both), and
//! for every entry the policy it protects with the public document that policy comes from.
//! Packs live in `src/moderation/packs/`, one file each, and each has its own tests of what it
//! must and must not flag (`tests/moderation_packs.rs`).
//!
//! The lexicon in force is the switched-on packs, in the order below, followed by the shop's
//! own lexicon file ([`lexicon_in_force`]). The shop's file adds terms, allowed phrases, and
//! `[[allow]] term = "..."` switch-offs of pack entries (a shop that sells *obat* legally is not
//! flagged on its own product). A switch-off must name an entry of a shipped pack, switched on
//! or not, so a typo is reported rather than silently doing nothing.

use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use super::lexicon::{Lexicon, LexiconError, Source, Surface};
use crate::event::Localized;

/// Every shipped pack, by file: the order the lexicon in force lists their entries in, so the
/// platform's rules come before the claim packs where both name a word.
const SHIPPED: [(&str, &str); 6] = [
    ("tiktok-shop", include_str!("packs/tiktok-shop.toml")),
    ("judi-online", include_str!("packs/judi-online.toml")),
    ("kata-kasar", include_str!("packs/kata-kasar.toml")),
    ("provokasi", include_str!("packs/provokasi.toml")),
    ("klaim-kosmetik", include_str!("packs/klaim-kosmetik.toml")),
    ("klaim-pangan", include_str!("packs/klaim-pangan.toml")),
];

/// A shipped pack's file as written, by id: for tools that need the TOML itself (benches).
pub fn pack_text(id: &str) -> Option<&'static str> {
    SHIPPED.iter().find(|(file, _)| *file == id).map(|(_, text)| *text)
}

/// The shipped packs, parsed once.
pub fn shipped_packs() -> &'static [Lexicon] {
    static PACKS: OnceLock<Vec<Lexicon>> = OnceLock::new();
    PACKS.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(file, text)| {
                let pack = Lexicon::parse(text, &format!("rule pack {file}.toml"))
                    .unwrap_or_else(|error| panic!("a shipped rule pack is valid (tested): {error}"));
                assert_eq!(
                    pack.pack.as_ref().map(|header| header.id.as_str()),
                    Some(*file),
                    "a pack is named by its id"
                );
                pack
            })
            .collect()
    })
}

fn pack_id(pack: &Lexicon) -> &str {
    pack.pack.as_ref().map_or("", |header| header.id.as_str())
}

/// The ids of the packs a new shop starts with.
pub fn default_pack_ids() -> Vec<String> {
    shipped_packs()
        .iter()
        .filter(|pack| pack.pack.as_ref().is_some_and(|header| header.on_by_default))
        .map(|pack| pack_id(pack).to_string())
        .collect()
}

/// Checks that every id names a shipped pack.
pub fn check_pack_ids(ids: &[String]) -> Result<(), String> {
    let known: Vec<&str> = shipped_packs().iter().map(pack_id).collect();
    match ids.iter().find(|id| !known.contains(&id.as_str())) {
        Some(unknown) => Err(format!("no rule pack is called {unknown:?} (the packs are: {})", known.join(", "))),
        None => Ok(()),
    }
}

/// `[moderation] packs` as read from the settings: known ids only, each once.
pub fn deserialize_ids<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let mut ids = Vec::<String>::deserialize(deserializer)?;
    check_pack_ids(&ids).map_err(serde::de::Error::custom)?;
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(ids)
}

/// The lexicon in force: the packs `enabled` (in their shipped order) and then `shop`, with the
/// shop's switch-offs applied. Fails on a switch-off that names no shipped pack's entry, at
/// the line that says it.
pub fn lexicon_in_force(enabled: &[String], shop: &Lexicon) -> Result<Lexicon, LexiconError> {
    check_switch_offs(shop)?;
    let switched_off = |pack: &str, name: &str| {
        shop.switched_off.iter().any(|off| {
            off.pack.as_deref().is_none_or(|only| only == pack) && off.term.to_lowercase() == name.to_lowercase()
        })
    };
    let mut combined = Lexicon::default();
    // No pack switched on: the shipped packs need not even be parsed (`pandu scan --packs none`).
    let packs = if enabled.is_empty() { &[][..] } else { shipped_packs() };
    for pack in packs.iter().filter(|pack| enabled.iter().any(|id| id == pack_id(pack))) {
        let id = pack_id(pack);
        let mut kept = pack.clone();
        kept.pack = None;
        kept.terms.retain(|term| !switched_off(id, &term.text));
        kept.patterns.retain(|pattern| !switched_off(id, &pattern.label));
        combined.extend(&kept);
    }
    combined.extend(shop);
    Ok(combined)
}

/// Checks that each of `shop`'s switch-offs names an entry of a shipped pack.
pub fn check_switch_offs(shop: &Lexicon) -> Result<(), LexiconError> {
    for off in &shop.switched_off {
        let error = |message: String| LexiconError {
            origin: off.origin.clone(),
            line: off.line,
            column: off.column,
            message: format!("[[allow]] term = {:?}: {message}", off.term),
        };
        let packs: Vec<&Lexicon> = match &off.pack {
            Some(id) => {
                let pack = shipped_packs().iter().find(|pack| pack_id(pack) == id);
                vec![pack.ok_or_else(|| error(check_pack_ids(std::slice::from_ref(id)).unwrap_err()))?]
            }
            None => shipped_packs().iter().collect(),
        };
        let names = |pack: &&Lexicon| {
            pack.terms.iter().any(|term| term.text.eq_ignore_ascii_case(&off.term))
                || pack.patterns.iter().any(|pattern| pattern.label.eq_ignore_ascii_case(&off.term))
        };
        if !packs.iter().any(names) {
            let place = off.pack.as_deref().map_or("any rule pack".to_string(), |id| format!("the rule pack {id:?}"));
            return Err(error(format!(
                "{place} has no entry called that (name a term's `text` or a pattern's `label`)"
            )));
        }
    }
    Ok(())
}

/// A shipped pack as Pengaturan lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RulePack {
    pub id: String,
    pub version: String,
    pub name: Localized,
    pub about: Localized,
    pub on_by_default: bool,
    /// Switched on in the settings.
    pub enabled: bool,
    /// Where its flags appear.
    pub applies_to: Vec<Surface>,
    pub terms: u32,
    pub patterns: u32,
    /// The public documents its rules come from.
    pub sources: Vec<Source>,
}

/// Every shipped pack, in order, with whether `enabled` switches it on.
pub fn describe(enabled: &[String]) -> Vec<RulePack> {
    shipped_packs()
        .iter()
        .filter_map(|pack| {
            let header = pack.pack.as_ref()?;
            Some(RulePack {
                id: header.id.clone(),
                version: header.version.clone(),
                name: header.name.clone(),
                about: header.about.clone(),
                on_by_default: header.on_by_default,
                enabled: enabled.contains(&header.id),
                applies_to: header.applies_to.clone(),
                terms: pack.terms.len() as u32,
                patterns: pack.patterns.len() as u32,
                sources: pack.sources.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_pack_parses_with_a_policy_for_every_entry() {
        let packs = shipped_packs();
        assert_eq!(packs.len(), SHIPPED.len());
        for pack in packs {
            let header = pack.pack.as_ref().unwrap();
            assert!(!pack.sources.is_empty(), "{} names its sources", header.id);
            assert!(pack.terms.iter().all(|term| term.rule.why.is_some()), "{}: a term without why", header.id);
            assert!(pack.patterns.iter().all(|pattern| pattern.rule.why.is_some()), "{}", header.id);
        }
        let defaults = default_pack_ids();
        for id in ["tiktok-shop", "judi-online"] {
            assert!(defaults.contains(&id.to_string()), "{id} is on by default");
        }
        for id in ["klaim-kosmetik", "klaim-pangan"] {
            assert!(!defaults.contains(&id.to_string()), "{id} is the shop's choice");
        }
    }

    #[test]
    fn unknown_pack_ids_are_named_with_the_known_ones() {
        let error = check_pack_ids(&["tiktok-shop".into(), "tiktokshop".into()]).unwrap_err();
        assert!(error.contains("\"tiktokshop\"") && error.contains("klaim-pangan"), "{error}");
        assert!(check_pack_ids(&default_pack_ids()).is_ok());
    }

    #[test]
    fn a_shop_switches_a_pack_entry_off_and_a_typo_is_reported_where_it_is() {
        let term = |lexicon: &Lexicon, text: &str| lexicon.terms.iter().any(|term| term.text == text);
        let all: Vec<String> = shipped_packs().iter().map(|pack| pack_id(pack).to_string()).collect();
        let everything = lexicon_in_force(&all, &Lexicon::default()).unwrap();
        let claim = shipped_packs().iter().find(|pack| pack_id(pack) == "klaim-pangan").unwrap().terms[0].text.clone();
        assert!(term(&everything, &claim));

        let shop = Lexicon::parse(&format!("[[allow]]\nterm = {claim:?}\n"), "lexicon.toml").unwrap();
        assert!(!term(&lexicon_in_force(&all, &shop).unwrap(), &claim));

        let shop = Lexicon::parse("\n[[allow]]\nterm = \"shopee\"\npack = \"klaim-pangan\"\n", "lexicon.toml").unwrap();
        let error = lexicon_in_force(&all, &shop).unwrap_err();
        assert_eq!((error.origin.as_str(), error.line), ("lexicon.toml", 2));
        assert!(error.message.contains("klaim-pangan"), "{error}");
        let shop = Lexicon::parse("[[allow]]\nterm = \"x\"\npack = \"nope\"\n", "lexicon.toml").unwrap();
        assert!(lexicon_in_force(&all, &shop).unwrap_err().message.contains("no rule pack"));
    }

    #[test]
    fn the_lexicon_in_force_has_only_the_enabled_packs_and_the_shop_after_them() {
        let shop = Lexicon::parse("[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n", "lexicon.toml").unwrap();
        let only_gambling = lexicon_in_force(&["judi-online".into()], &shop).unwrap();
        let judi = &shipped_packs().iter().find(|pack| pack_id(pack) == "judi-online").unwrap().terms;
        assert_eq!(only_gambling.terms.len(), judi.len() + 1);
        assert_eq!(only_gambling.terms.last().unwrap().text, "pasarku");
        assert!(only_gambling.pack.is_none());
        let described = describe(&["judi-online".into()]);
        assert_eq!(described.iter().filter(|pack| pack.enabled).count(), 1);
    }
}
