//! The public moderation cases in `tests/fixtures/moderation-cases.toml`, against the default
//! lexicon: evasions that must be caught (with the exact span the viewer typed) and clean
//! Indonesian live-selling chat that must not be flagged.

use pandu::moderation::lexicon::Lexicon;
use pandu::moderation::matcher::Matcher;
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
    let matcher = Matcher::new(&Lexicon::default_indonesian());
    let mut failures = Vec::new();
    for case in cases().catch {
        let flags = matcher.scan(&case.text);
        let hit = flags.iter().find(|f| f.term == case.term);
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
            let flags = matcher.scan(&case.text);
            (!flags.is_empty()).then(|| format!("{:?}: {:?}", case.text, flags))
        })
        .collect();
    assert!(flagged.is_empty(), "{} flagged:\n{}", flagged.len(), flagged.join("\n"));
}
