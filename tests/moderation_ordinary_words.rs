//! No ordinary word may be flagged by the default lexicon unless it is, as written, a term or an
//! alias: 29,932 Indonesian root words (kata dasar) and 1,429 everyday chat words and
//! abbreviations (`lg`, `yg`, `tl`, `bibi`, `wkwk`, ...), each alone and inside sentences.
//!
//! Only a word that literally is a term or alias (case aside) is excused: never one that merely
//! folds like one, which is exactly the failure this guards against (`tali` folding to `tai`).

use std::collections::HashSet;

use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;

/// Every term and alias of `lexicon`, lowercased, as written.
fn literal_surfaces(lexicon: &Lexicon) -> HashSet<String> {
    lexicon.terms.iter().flat_map(|t| t.surfaces().map(|(surface, _)| surface.to_lowercase())).collect()
}

/// Each word alone and in sentences, with what the default lexicon wrongly flags in them.
fn wrongly_flagged<'a>(words: impl Iterator<Item = &'a str>) -> (usize, Vec<String>) {
    let lexicon = Lexicon::default_indonesian();
    let matcher = Matcher::new(&lexicon);
    let literal = literal_surfaces(&lexicon);
    let mut count = 0;
    let mut wrong = Vec::new();
    for word in words {
        count += 1;
        if literal.contains(&word.to_lowercase()) {
            continue;
        }
        for text in
            [word.to_string(), format!("kak {word} ya"), format!("{word} kak, ready?"), format!("Ada {word} gk")]
        {
            let flags = matcher.scan(&text, Surface::Comments);
            if !flags.is_empty() {
                let terms: Vec<String> = flags.iter().map(|f| format!("{} ({:?})", f.term, f.matched)).collect();
                wrong.push(format!("{text:?} -> {}", terms.join(", ")));
            }
        }
    }
    (count, wrong)
}

#[test]
fn no_root_word_is_flagged_unless_it_is_a_term() {
    let words = include_str!("fixtures/id-root-words.txt").lines().map(str::trim).filter(|w| !w.is_empty());
    let (count, wrong) = wrongly_flagged(words);
    assert_eq!(count, 29_932);
    assert!(wrong.is_empty(), "{} root-word texts flagged:\n{}", wrong.len(), wrong.join("\n"));
}

/// The chat words: `word<TAB>meaning` lines, `#` comments.
fn chat_words() -> Vec<&'static str> {
    include_str!("fixtures/id-chat-words.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').next().unwrap_or(line).trim())
        .collect()
}

#[test]
fn no_chat_word_or_abbreviation_is_flagged_unless_it_is_a_term() {
    let words = chat_words();
    for must in ["lg", "yg", "bgt", "gk", "tl", "sm", "dr", "jd", "kl", "udh", "blm", "wkwk", "tali", "bibi", "waaa"] {
        assert!(words.contains(&must), "the chat words should include {must:?}");
    }
    let (count, wrong) = wrongly_flagged(words.into_iter());
    assert!(count >= 500, "only {count} chat words");
    assert!(wrong.is_empty(), "{} chat-word texts flagged:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_reported_false_flags_are_gone() {
    let matcher = Matcher::new(&Lexicon::default_indonesian());
    for text in ["Tali tas nya kuat", "ada lg kak?", "bibi", "tl", "tili", "talk", "tal", "waaa", "Lg ada promo?"] {
        assert_eq!(matcher.scan(text, Surface::Comments), [], "{text:?}");
    }
}
