//! The public moderation cases in `tests/fixtures/moderation-cases.toml`, against the rule packs
//! on by default (or the packs a case names, on the surface it names): evasions that must be
//! caught (with the exact span the viewer typed; an information-only mark does not count) and
//! clean Indonesian live-selling chat that must not be flagged, not even as information.

use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use pandu::moderation::packs::lexicon_in_force;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    catch: Vec<Catch>,
    clean: Vec<Clean>,
}

#[derive(Deserialize)]
struct Catch {
    text: String,
    term: String,
    matched: String,
    /// Where the text is read: a viewer's comment unless it says the host's script.
    #[serde(default)]
    surface: Option<Surface>,
    /// The packs switched on for this case, instead of the default ones (the claim packs).
    #[serde(default)]
    packs: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Clean {
    text: String,
}

fn cases() -> Cases {
    toml::from_str(include_str!("fixtures/moderation-cases.toml")).expect("the cases file parses")
}

#[test]
fn there_are_at_least_a_hundred_public_cases() {
    let cases = cases();
    assert!(cases.catch.len() + cases.clean.len() >= 100);
    assert!(cases.catch.len() >= 50 && cases.clean.len() >= 50);
}

#[test]
fn every_evasion_is_caught_where_it_was_typed() {
    let defaults = Matcher::new(&Lexicon::default_indonesian());
    let mut failures = Vec::new();
    for case in cases().catch {
        let own;
        let matcher = match &case.packs {
            Some(ids) => {
                own = Matcher::new(&lexicon_in_force(ids, &Lexicon::default()).expect("the case names shipped packs"));
                &own
            }
            None => &defaults,
        };
        let flags = matcher.scan(&case.text, case.surface.unwrap_or(Surface::Comments));
        // A flag, not an information-only mark (a context-gated entry with no cue near it).
        let hit = flags.iter().find(|f| f.term == case.term && !f.info);
        match hit {
            Some(flag) if flag.matched == case.matched => {
                assert_eq!(&case.text[flag.start as usize..flag.end as usize], flag.matched);
            }
            _ => failures.push(format!("{:?}: want {} {:?}, got {:?}", case.text, case.term, case.matched, flags)),
        }
    }
    assert!(failures.is_empty(), "{} missed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn clean_chat_is_not_flagged() {
    let matcher = Matcher::new(&Lexicon::default_indonesian());
    let flagged: Vec<String> = cases()
        .clean
        .iter()
        .filter_map(|case| {
            let flags = matcher.scan(&case.text, Surface::Comments);
            (!flags.is_empty()).then(|| format!("{:?}: {:?}", case.text, flags))
        })
        .collect();
    assert!(flagged.is_empty(), "{} flagged:\n{}", flagged.len(), flagged.join("\n"));
}
