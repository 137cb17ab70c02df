//! The default rule packs on real Indonesian text nobody here wrote (3,074 sentences of kumparan
//! news, with its quoted everyday speech): every flag it raises is listed, checked by hand, in
//! the fixture's expectations, and nothing else may be flagged. A folding change that reads an
//! ordinary word as a term fails here (before the fold was reworked, `tali` was read as `tai`
//! twice, `bertele-tele` as telegram and `police line` as the LINE app), and so does one that
//! stops catching a listed hit.

use std::collections::BTreeSet;

use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    flag: Vec<ExpectedFlag>,
}

#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct ExpectedFlag {
    line: usize,
    term: String,
    matched: String,
}

#[test]
fn every_flag_on_real_news_text_is_listed_and_nothing_else() {
    let text = include_str!("fixtures/id-real-text-news.txt");
    let expected: Expected =
        toml::from_str(include_str!("fixtures/id-real-text-news-flags.toml")).expect("the expectations parse");
    let matcher = Matcher::new(&Lexicon::default_indonesian());
    let mut lines = 0;
    let mut found = BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        lines += 1;
        // Information-only marks (a context-gated word with no cue near) claim nothing.
        for flag in matcher.scan(line, Surface::Comments).into_iter().filter(|flag| !flag.info) {
            found.insert(ExpectedFlag { line: index + 1, term: flag.term, matched: flag.matched });
        }
    }
    assert!(lines >= 2_000, "only {lines} lines of real text");
    let expected: BTreeSet<ExpectedFlag> = expected.flag.into_iter().collect();
    let describe = |flags: Vec<&ExpectedFlag>| {
        flags
            .iter()
            .map(|f| format!("line {}: {} {:?} in {:?}", f.line, f.term, f.matched, text.lines().nth(f.line - 1)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let unexpected: Vec<&ExpectedFlag> = found.difference(&expected).collect();
    let missed: Vec<&ExpectedFlag> = expected.difference(&found).collect();
    assert!(unexpected.is_empty(), "{} flags nobody checked:\n{}", unexpected.len(), describe(unexpected));
    assert!(missed.is_empty(), "{} listed flags no longer raised:\n{}", missed.len(), describe(missed));
}

/// The matcher flags exactly what its reference (the earlier design) flags on every line of
/// the real news text, as a comment and as a script.
#[test]
fn the_matcher_and_its_reference_agree_on_real_news_text() {
    let lexicon = Lexicon::default_indonesian();
    let (matcher, reference) = (Matcher::new(&lexicon), Matcher::reference(&lexicon));
    let mut flagged = 0;
    for line in include_str!("fixtures/id-real-text-news.txt").lines() {
        for surface in [Surface::Comments, Surface::Script] {
            let flags = matcher.scan(line, surface);
            assert_eq!(flags, reference.scan(line, surface), "{line:?} on {surface:?}");
            flagged += usize::from(!flags.is_empty());
        }
    }
    assert!(flagged > 10, "only {flagged} lines flagged: too few to compare");
}
