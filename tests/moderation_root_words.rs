//! No plain Indonesian word may be flagged by the default lexicon unless it is itself a term:
//! 29,932 root words (kata dasar), each scanned alone and inside a sentence.

use pandu::moderation::fold::fold;
use pandu::moderation::lexicon::Lexicon;
use pandu::moderation::matcher::Matcher;

#[test]
fn no_root_word_is_flagged_unless_it_is_a_term() {
    let lexicon = Lexicon::default_indonesian();
    let matcher = Matcher::new(&lexicon);
    // A root word that is itself a term or alias (e.g. `babi`, `tai`) may be flagged.
    let surfaces: std::collections::HashSet<String> = lexicon
        .terms
        .iter()
        .flat_map(|t| std::iter::once(&t.text).chain(&t.aliases))
        .map(|s| fold(s).as_str().trim().to_string())
        .collect();
    let words = include_str!("fixtures/id-root-words.txt");
    let mut wrongly_flagged = Vec::new();
    let mut count = 0;
    for word in words.lines().map(str::trim).filter(|w| !w.is_empty()) {
        count += 1;
        if surfaces.contains(fold(word).as_str().trim()) {
            continue;
        }
        for text in [word.to_string(), format!("kak {word} ya")] {
            let flags = matcher.scan(&text);
            if !flags.is_empty() {
                wrongly_flagged.push(format!("{text:?} -> {:?}", flags.iter().map(|f| &f.term).collect::<Vec<_>>()));
            }
        }
    }
    assert_eq!(count, 29_932);
    assert!(
        wrongly_flagged.is_empty(),
        "{} root words flagged:\n{}",
        wrongly_flagged.len(),
        wrongly_flagged.join("\n")
    );
}
