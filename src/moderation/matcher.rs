//! The matcher: finds a lexicon's terms and patterns in a text, through the viewers' evasions.
//!
//! Design:
//! - Every term, alias and allowed phrase is [folded](super::fold) once, at build time, and put
//!   in one Aho-Corasick automaton as `" " + folded`. A text is folded the same way and searched
//!   once, in time linear in its length whatever the lexicon's size.
//! - **Whole words by default.** The folded text has a space at every word boundary, so the
//!   leading space pins a match to the start of a word; the end is checked after the match: a
//!   space, or (after a term of three letters or more) one of the Indonesian clitics `-nya`,
//!   `-lah`, `-kah`, `-pun` and then a space (`shopeenya` is still "shopee", but `wa` never
//!   fires in `warna`, `jawab` or `walah`). Overlapping
//!   search makes sure a rejected candidate never hides a good one behind it.
//! - Hits map back through the fold's spans to byte offsets in the **original** text, so the
//!   UI underlines exactly what was typed (`s.h.o.p.e.e`, `ѕһорее`).
//! - An allowed phrase suppresses every term hit inside it, and every pattern hit inside it.
//! - Patterns are Rust regexes run on the original text, as their authors wrote them.
//!
//! Trade-off: folding conflates `l`/`i`/`1` and collapses repeated letters for every term and
//! text alike. This catches `1azada` and `anjiiing` with no per-term variants, at the cost of
//! rare coincidences between different words (tested against 29,932 Indonesian root words).

use std::cell::RefCell;

use aho_corasick::{AhoCorasick, MatchKind};

use super::fold::{Folded, fold, fold_into, fold_plain_ascii};
use super::lexicon::Lexicon;
use crate::event::Flag;

/// Clitics that may follow a term in the same word.
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "pun"];

/// What a pattern in the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// Index into `Matcher::terms`.
    Term(usize),
    Allow,
}

#[derive(Debug, Clone)]
struct TermInfo {
    text: String,
    category: String,
    suggest: Option<String>,
}

/// A compiled lexicon, ready to scan text. Cheap to share (`Arc<Matcher>`); scanning needs only
/// `&self`.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    entries: Vec<Entry>,
    terms: Vec<TermInfo>,
    patterns: Vec<super::lexicon::Pattern>,
    suffixes: Vec<Vec<u8>>,
}

/// A term candidate in folded coordinates.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    term: usize,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Scratch {
    plain: Vec<u8>,
    folded: Folded,
    candidates: Vec<Candidate>,
    allowed: Vec<(usize, usize)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Matcher {
    /// Compiles `lexicon`. A lexicon that parsed always compiles.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut needles: Vec<Vec<u8>> = Vec::new();
        let mut entries = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let mut add = |surface: &str, entry: Entry, needles: &mut Vec<Vec<u8>>, entries: &mut Vec<Entry>| {
            let folded = fold(surface);
            // " word " -> " word": the leading space is the left word boundary.
            let needle = folded.text[..folded.text.len() - 1].to_vec();
            match seen.get(&needle) {
                // The first term listed wins a tie; an allowed phrase overrides any term.
                Some(&index) => {
                    if matches!(entry, Entry::Allow) {
                        entries[index] = Entry::Allow;
                    }
                }
                None => {
                    seen.insert(needle.clone(), entries.len());
                    needles.push(needle);
                    entries.push(entry);
                }
            }
        };
        let mut terms = Vec::with_capacity(lexicon.terms.len());
        for term in &lexicon.terms {
            let index = terms.len();
            terms.push(TermInfo {
                text: term.text.clone(),
                category: term.category.clone(),
                suggest: term.suggest.clone(),
            });
            for surface in std::iter::once(&term.text).chain(&term.aliases) {
                add(surface, Entry::Term(index), &mut needles, &mut entries);
                // A phrase spelled out letter by letter with spaces (`p a s t i s e m b u h`)
                // folds to one word: match that too.
                if fold(surface).as_str().trim().contains(' ') {
                    add(
                        &surface.split_whitespace().collect::<String>(),
                        Entry::Term(index),
                        &mut needles,
                        &mut entries,
                    );
                }
            }
        }
        for allow in &lexicon.allow {
            add(&allow.text, Entry::Allow, &mut needles, &mut entries);
        }
        let automaton = (!needles.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&needles)
                .expect("folded needles are short and few enough for any automaton")
        });
        let suffixes = SUFFIXES.iter().map(|s| fold(s).as_str().trim().as_bytes().to_vec()).collect();
        Matcher { automaton, entries, terms, patterns: lexicon.patterns.clone(), suffixes }
    }

    /// Every hit in `text`, ordered by position. Term hits never overlap each other (the longest
    /// wins); pattern hits may overlap term hits.
    pub fn scan(&self, text: &str) -> Vec<Flag> {
        let mut flags = Vec::new();
        SCRATCH.with(|scratch| self.scan_with(&mut scratch.borrow_mut(), text, &mut flags));
        flags
    }

    fn scan_with(&self, scratch: &mut Scratch, text: &str, flags: &mut Vec<Flag>) {
        let Scratch { plain, folded, candidates, allowed } = scratch;
        candidates.clear();
        allowed.clear();
        if let Some(automaton) = &self.automaton {
            // Most comments match nothing. Plain-ASCII text (most chat) is searched in a fold
            // without spans, and folded again with spans only when there is a hit to locate;
            // both folds give the same text, so the hits' positions hold in either.
            let plain_ascii = fold_plain_ascii(text, plain);
            if !plain_ascii {
                fold_into(text, folded);
            }
            let haystack = if plain_ascii { plain.as_slice() } else { folded.text.as_slice() };
            for found in automaton.find_overlapping_iter(haystack) {
                let (start, end) = (found.start() + 1, found.end());
                if !self.ends_a_word(haystack, start, end) {
                    continue;
                }
                match self.entries[found.pattern().as_usize()] {
                    Entry::Term(term) => candidates.push(Candidate { term, start, end }),
                    Entry::Allow => allowed.push((start, end)),
                }
            }
            if plain_ascii && !(candidates.is_empty() && allowed.is_empty()) {
                fold_into(text, folded);
                debug_assert_eq!(folded.text, *plain, "the two folds disagree on {text:?}");
            }
            // Longest first among those starting at the same place, then greedy left to right.
            candidates.sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
            let mut taken_until = 0;
            for candidate in candidates.iter() {
                if candidate.start < taken_until
                    || allowed.iter().any(|&(a, b)| a <= candidate.start && candidate.end <= b)
                {
                    continue;
                }
                taken_until = candidate.end;
                let (start, end) = folded.original_range(candidate.start, candidate.end);
                let term = &self.terms[candidate.term];
                flags.push(Flag {
                    term: term.text.clone(),
                    category: term.category.clone(),
                    start,
                    end,
                    matched: text[start as usize..end as usize].to_string(),
                    suggest: term.suggest.clone(),
                    explain: None,
                });
            }
        }
        let allowed_original: Vec<(u32, u32)> = allowed.iter().map(|&(a, b)| folded.original_range(a, b)).collect();
        for pattern in &self.patterns {
            for found in pattern.regex.find_iter(text) {
                let (start, end) = (found.start() as u32, found.end() as u32);
                if start == end || allowed_original.iter().any(|&(a, b)| a <= start && end <= b) {
                    continue;
                }
                flags.push(Flag {
                    term: pattern.label.clone(),
                    category: pattern.category.clone(),
                    start,
                    end,
                    matched: found.as_str().to_string(),
                    suggest: None,
                    explain: None,
                });
            }
        }
        flags.sort_by_key(|flag| (flag.start, std::cmp::Reverse(flag.end)));
    }

    /// Whether a match of folded `[start, end)` closes a word: a space follows, or a clitic and
    /// then a space. Not after words of one or two letters, which clitics would turn into other
    /// words (`wa` + `lah` is the interjection `walah`).
    fn ends_a_word(&self, folded: &[u8], start: usize, end: usize) -> bool {
        if folded[end] == b' ' {
            return true;
        }
        if end - start < 3 {
            return false;
        }
        let rest = &folded[end..];
        let word_rest = &rest[..rest.iter().position(|&b| b == b' ').unwrap_or(rest.len())];
        self.suffixes.iter().any(|suffix| suffix == word_rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        Matcher::new(&Lexicon::default_indonesian())
    }

    /// (term, matched) pairs of the hits in `text`.
    fn hits(text: &str) -> Vec<(String, String)> {
        matcher().scan(text).into_iter().map(|f| (f.term, f.matched)).collect()
    }

    #[test]
    fn evasions_are_caught_with_the_original_spelling_reported() {
        for (text, matched) in [
            ("di sh0pee lebih murah", "sh0pee"),
            ("s.h.o.p.e.e ada yg 50rb", "s.h.o.p.e.e"),
            ("ѕһорее lebih murah", "ѕһорее"),
            ("s🔥h🔥o🔥p🔥e🔥e gratis ongkir", "s🔥h🔥o🔥p🔥e🔥e"),
            ("SHOPEEEE murah", "SHOPEEEE"),
            ("di shopeenya ada", "shopee"),
        ] {
            assert_eq!(hits(text), [("shopee".to_string(), matched.to_string())], "{text}");
        }
    }

    #[test]
    fn whole_words_only() {
        for text in ["warna navy ada?", "jawab dong kak", "informasi lengkap", "sopir paket belum datang", "kawan"] {
            assert_eq!(hits(text), [], "{text}");
        }
        assert_eq!(hits("wa aku ya"), [("wa".into(), "wa".into())]);
        assert_eq!(hits("sopi lebih murah"), [("shopee".into(), "sopi".into())]);
    }

    #[test]
    fn a_term_never_fires_inside_a_longer_word() {
        let lexicon = Lexicon::parse(
            "[[term]]\ntext = \"informa\"\ncategory = \"competitor\"\n\
             [[term]]\ntext = \"x\"\ncategory = \"c\"\naliases = [\"sopi\"]\n",
            "test",
        )
        .unwrap();
        let matcher = Matcher::new(&lexicon);
        for text in ["informasi lengkap", "sopir paket", "xenia", "ada informan"] {
            assert!(matcher.scan(text).is_empty(), "{text}");
        }
        assert_eq!(matcher.scan("beli di informa aja").len(), 1);
        assert_eq!(matcher.scan("informanya tutup").len(), 1, "a clitic after the word is still the word");
        assert_eq!(matcher.scan("sopi").len(), 1);
    }

    #[test]
    fn multi_word_terms_match_across_any_whitespace() {
        assert_eq!(hits("kirim nomor   rekening dong"), [("rekening".into(), "nomor   rekening".into())]);
        assert_eq!(hits("ini pasti\tsembuh"), [("pasti sembuh".into(), "pasti\tsembuh".into())]);
    }

    #[test]
    fn allowed_phrases_are_never_flagged() {
        assert_eq!(hits("salam buat wa ode"), []);
        assert_eq!(hits("wa aku, bukan wa ode"), [("wa".into(), "wa".into())]);
    }

    #[test]
    fn patterns_report_original_offsets() {
        let text = "WA aku 0812-3456-7890 kak";
        let flags = matcher().scan(text);
        let phone = flags.iter().find(|f| f.term == "phone number").expect("phone number");
        assert_eq!(&text[phone.start as usize..phone.end as usize], "0812-3456-7890");
        assert_eq!(flags[0].term, "wa");
    }

    #[test]
    fn offsets_slice_the_original_text() {
        for text in ["Ｋａｋ ｓｈｏｐｅｅ!!", "🙋‍♀️ l-a-z-a-d-a 🙋‍♀️", "ɑnjiiing", "tf ke rek aku"]
        {
            for flag in matcher().scan(text) {
                assert_eq!(&text[flag.start as usize..flag.end as usize], flag.matched, "{text}");
            }
        }
    }

    #[test]
    fn an_empty_lexicon_flags_nothing() {
        assert!(Matcher::new(&Lexicon::default()).scan("shopee").is_empty());
    }
}
