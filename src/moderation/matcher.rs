//! The matcher: finds a lexicon's terms and patterns in a text, through the viewers' evasions.
//!
//! Design:
//! - Every term, alias and allowed phrase is [folded](super::fold) once, at build time, and put
//!   in one Aho-Corasick automaton as `" " + folded`. A text is folded the same way and searched
//!   once, in time linear in its length whatever the lexicon's size.
//! - **Spellings with the ambiguous glyph.** Folding never turns `l` into `i` or back; the glyphs
//!   that may be either (`1`, a capital `I`) fold to a byte of their own. So each `i` and `l` of
//!   a term is also written with that glyph: every combination up to four of them, and beyond
//!   that the all-`i`, all-`l`, all-both and one-at-a-time spellings (`INSTAGRAM`, `Iazada`,
//!   `b1ibli`), a few needles more per term instead of a lossy fold for every text.
//! - **Whole words by default.** The folded text has a space at every word boundary, so the
//!   leading space pins a match to the start of a word; the end is checked after the match: a
//!   space, or (after a term of three letters or more) one of the Indonesian clitics `-nya`,
//!   `-lah`, `-kah`, `-pun` and then a space (`shopeenya` is still "shopee", but `wa` never
//!   fires in `warna`, `jawab` or `walah`). Overlapping search makes sure a rejected candidate
//!   never hides a good one behind it.
//! - **Each found needle is then read against the entries it stands for** ([`Rule`]): most
//!   accept any text that folds to it; a term of one or two folded letters accepts only its
//!   letters repeated as written (`wa` is not `waaa`, `tll` is not `tl`), since collapsing
//!   repeats would merge it with everyday words; an `exact` entry accepts only itself as typed.
//! - Hits map back through the fold's spans to byte offsets in the **original** text, so the
//!   UI underlines exactly what was typed (`s.h.o.p.e.e`, `ѕһорее`), and each says how it was
//!   read ([`Explain`]: the folded form, the entry, the evasions undone).
//! - An allowed phrase suppresses every term hit inside it, and every pattern hit inside it.
//! - Patterns are Rust regexes run on the original text, as their authors wrote them.
//!
//! Trade-off: repeated letters collapse for every term of three folded letters or more, so
//! `anjiiing` needs no listed variant; a word that differs from such a term only by doubled
//! letters would be read as the term. Tests run the default lexicon over 29,932 Indonesian root
//! words, 1,429 chat words and abbreviations, and 3,074 real Indonesian sentences.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxBuildHasher;

use super::fold::{AMBIGUOUS_I_L, Folded, Shape, evasions, fold, fold_into, fold_plain, fold_text, fold_uncollapsed};
use super::lexicon::Lexicon;
use crate::event::{Category, Explain, Flag};

/// Clitics that may follow a term in the same word.
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "pun"];

/// A term with fewer folded letters than this matches only with its letters repeated as written.
const FREE_REPEATS_FROM_LETTERS: usize = 3;

/// A spelling with at most this many `i`s and `l`s gets every combination of them written with
/// the ambiguous glyph (2^4 = 16 needles); longer ones get a handful (see the module docs).
const EVERY_GLYPH_COMBINATION_UP_TO: usize = 4;

/// What a needle stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// Index into `Matcher::terms`.
    Term(usize),
    Allow,
}

/// What a text found by a needle must look like to count as an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    /// Anything that folds to the needle.
    Folded,
    /// A short term: the text, folded with its repeated letters kept, must be this (the
    /// ambiguous glyph standing for its `i` or `l`).
    RepeatsAsWritten(String),
    /// `exact = true`: the text as typed, lowercased, whitespace runs as one space, must be this.
    Exact(String),
}

/// One entry a needle stands for, and how to accept it.
#[derive(Debug, Clone)]
struct Reading {
    entry: Entry,
    /// The term, alias or allowed phrase as the lexicon writes it: an index into `surfaces`.
    surface: usize,
    rule: Rule,
    /// The needle writes one of the surface's `l`s as the ambiguous glyph: a capital `I` typed
    /// there is an evasion, not just capitals.
    glyph_for_l: bool,
}

#[derive(Debug, Clone)]
struct TermInfo {
    text: String,
    category: Category,
    suggest: Option<String>,
}

/// A compiled lexicon, ready to scan text. Cheap to share (`Arc<Matcher>`); scanning needs only
/// `&self`.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each needle (the automaton's pattern id), the entries it stands for, in lexicon order.
    readings: Vec<Vec<Reading>>,
    /// Every term, alias and allowed phrase as written, with its shape.
    surfaces: Vec<(String, Shape)>,
    terms: Vec<TermInfo>,
    patterns: Vec<super::lexicon::Pattern>,
    suffixes: Vec<Vec<u8>>,
}

/// A needle found at a word boundary, in folded coordinates.
#[derive(Debug, Clone, Copy)]
struct Found {
    needle: usize,
    start: usize,
    end: usize,
}

/// A term hit that passed its reading's rule.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    needle: usize,
    reading: usize,
    term: usize,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Scratch {
    plain: Vec<u8>,
    folded: Folded,
    found: Vec<Found>,
    candidates: Vec<Candidate>,
    allowed: Vec<(usize, usize)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// `text` lowercased with each run of whitespace as one space: how an exact entry is compared.
fn as_typed(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// `text` folded as a needle: `" word word"`, the leading space its left word boundary.
fn folded_needle(text: &str) -> Vec<u8> {
    let mut folded = fold_text(text).into_bytes();
    folded.pop();
    folded
}

/// The spellings of a folded needle that write its `i`s and `l`s as the ambiguous glyph, the
/// needle itself first: `(spelling, writes an l so)`. Derived from the folded bytes, where `i`
/// and `l` are themselves and the glyph is `1`; a glyph next to a glyph collapses, as folding
/// collapses it in the text (`l1` and `Il` are both typed `1`).
fn glyph_spellings(needle: &[u8]) -> Vec<(Vec<u8>, bool)> {
    let positions: Vec<usize> = (0..needle.len()).filter(|&i| matches!(needle[i], b'i' | b'l')).collect();
    let k = positions.len();
    let masks: Vec<u32> = if k <= EVERY_GLYPH_COMBINATION_UP_TO {
        (0..1u32 << k).collect()
    } else {
        let of = |letter: u8| {
            positions
                .iter()
                .enumerate()
                .filter(|&(_, &p)| needle[p] == letter)
                .fold(0, |mask, (bit, _)| mask | 1 << bit)
        };
        let mut masks = vec![0, of(b'i'), of(b'l'), (1u32 << k) - 1];
        masks.extend((0..k).map(|bit| 1u32 << bit));
        masks.sort_unstable();
        masks.dedup();
        masks
    };
    masks
        .into_iter()
        .map(|mask| {
            let mut spelling = Vec::with_capacity(needle.len());
            let (mut glyph_for_l, mut last_substituted) = (false, false);
            let mut next_position = positions.iter().enumerate().peekable();
            for (index, &byte) in needle.iter().enumerate() {
                let substituted =
                    next_position.next_if(|&(_, &p)| p == index).is_some_and(|(bit, _)| mask & 1 << bit != 0);
                let byte = if substituted { AMBIGUOUS_I_L as u8 } else { byte };
                glyph_for_l |= substituted && needle[index] == b'l';
                if byte == AMBIGUOUS_I_L as u8 && spelling.last() == Some(&byte) && (substituted || last_substituted) {
                    continue;
                }
                last_substituted = substituted;
                spelling.push(byte);
            }
            (spelling, glyph_for_l)
        })
        .collect()
}

/// Whether `typed` has the letters of `written` (both folded with their repeats kept), the
/// ambiguous glyph standing for an `i` or an `l`.
fn same_letters(typed: &str, written: &str) -> bool {
    typed.len() == written.len()
        && typed
            .bytes()
            .zip(written.bytes())
            .all(|(t, w)| t == w || (t == AMBIGUOUS_I_L as u8 && matches!(w, b'i' | b'l')))
}

/// Builds the needles and their readings.
#[derive(Default)]
struct Needles {
    needles: Vec<Vec<u8>>,
    readings: Vec<Vec<Reading>>,
    index: HashMap<Vec<u8>, usize, FxBuildHasher>,
    /// Every term, alias and allowed phrase as written, with its shape; readings point into it.
    surfaces: Vec<(String, Shape)>,
}

impl Needles {
    /// Adds every spelling of `surface` that could be typed for `entry`.
    fn add(&mut self, surface: &str, entry: Entry, exact: bool) {
        let needle = folded_needle(surface);
        let letters = needle.iter().filter(|&&b| b != b' ').count();
        let rule = if exact {
            Rule::Exact(as_typed(surface))
        } else if letters < FREE_REPEATS_FROM_LETTERS {
            Rule::RepeatsAsWritten(fold_uncollapsed(surface).trim().to_string())
        } else {
            Rule::Folded
        };
        self.surfaces.push((surface.to_string(), Shape::of(surface)));
        let surface_index = self.surfaces.len() - 1;
        self.add_spellings(&needle, surface_index, entry, &rule);
        // A phrase spelled out letter by letter with spaces (`p a s t i s e m b u h`) folds to
        // one word: match that too.
        if !exact && needle[1..].contains(&b' ') {
            let joined: String = surface.split_whitespace().collect();
            self.add_spellings(&folded_needle(&joined), surface_index, entry, &rule);
        }
    }

    fn add_spellings(&mut self, needle: &[u8], surface: usize, entry: Entry, rule: &Rule) {
        for (spelling, glyph_for_l) in glyph_spellings(needle) {
            let next = self.needles.len();
            let index = *self.index.entry(spelling).or_insert_with_key(|spelling| {
                self.needles.push(spelling.clone());
                self.readings.push(Vec::new());
                next
            });
            let readings = &mut self.readings[index];
            let same = |r: &Reading| r.surface == surface && r.rule == *rule && r.entry == entry;
            if !readings.iter().any(same) {
                readings.push(Reading { entry, surface, rule: rule.clone(), glyph_for_l });
            }
        }
    }
}

impl Reading {
    /// Whether `typed` (the original text the needle was found in) counts as this entry;
    /// `clitic_free`: no clitic follows it in the same word.
    fn accepts(&self, typed: &str, clitic_free: bool) -> bool {
        match &self.rule {
            Rule::Folded => true,
            Rule::RepeatsAsWritten(written) => same_letters(fold_uncollapsed(typed).trim(), written),
            Rule::Exact(written) => clitic_free && as_typed(typed) == *written,
        }
    }
}

impl Matcher {
    /// Compiles `lexicon`. A lexicon that parsed always compiles.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut needles = Needles::default();
        let mut terms = Vec::with_capacity(lexicon.terms.len());
        for term in &lexicon.terms {
            let index = terms.len();
            terms.push(TermInfo {
                text: term.text.clone(),
                category: Category::from_label(&term.category),
                suggest: term.suggest.clone(),
            });
            for (surface, exact) in term.surfaces() {
                needles.add(surface, Entry::Term(index), exact);
            }
        }
        for allow in &lexicon.allow {
            needles.add(&allow.text, Entry::Allow, false);
        }
        let automaton = (!needles.needles.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&needles.needles)
                .expect("folded needles are short and few enough for any automaton")
        });
        let suffixes = SUFFIXES.iter().map(|s| fold(s).as_str().trim().as_bytes().to_vec()).collect();
        let Needles { readings, surfaces, .. } = needles;
        Matcher { automaton, readings, surfaces, terms, patterns: lexicon.patterns.clone(), suffixes }
    }

    /// Every hit in `text`, ordered by position. Term hits never overlap each other (the longest
    /// wins); pattern hits may overlap term hits.
    pub fn scan(&self, text: &str) -> Vec<Flag> {
        let mut flags = Vec::new();
        SCRATCH.with(|scratch| self.scan_with(&mut scratch.borrow_mut(), text, &mut flags));
        flags
    }

    fn scan_with(&self, scratch: &mut Scratch, text: &str, flags: &mut Vec<Flag>) {
        let Scratch { plain, folded, found, candidates, allowed } = scratch;
        found.clear();
        candidates.clear();
        allowed.clear();
        folded.text.clear();
        folded.spans.clear();
        if let Some(automaton) = &self.automaton {
            // Most comments match nothing. Plain text (ASCII words, any separators and emoji:
            // most chat) is searched in a fold without spans, and folded again with spans only
            // when there is a hit to read;
            // both folds give the same text, so the hits' positions hold in either.
            let is_plain = fold_plain(text, plain);
            if !is_plain {
                fold_into(text, folded);
            }
            let haystack = if is_plain { plain.as_slice() } else { folded.text.as_slice() };
            for hit in automaton.find_overlapping_iter(haystack) {
                let (start, end) = (hit.start() + 1, hit.end());
                if self.ends_a_word(haystack, start, end) {
                    found.push(Found { needle: hit.pattern().as_usize(), start, end });
                }
            }
            if is_plain && !found.is_empty() {
                fold_into(text, folded);
                debug_assert_eq!(folded.text, *plain, "the two folds disagree on {text:?}");
            }
            for hit in found.iter() {
                let (a, b) = folded.original_range(hit.start, hit.end);
                let typed = &text[a as usize..b as usize];
                let clitic_free = folded.text[hit.end] == b' ';
                let mut accepted = None;
                for (index, reading) in self.readings[hit.needle].iter().enumerate() {
                    if !reading.accepts(typed, clitic_free) {
                        continue;
                    }
                    match reading.entry {
                        Entry::Allow => {
                            allowed.push((hit.start, hit.end));
                            accepted = None;
                            break;
                        }
                        Entry::Term(term) if accepted.is_none() => accepted = Some((index, term)),
                        Entry::Term(_) => {}
                    }
                }
                if let Some((reading, term)) = accepted {
                    candidates.push(Candidate { needle: hit.needle, reading, term, start: hit.start, end: hit.end });
                }
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
                let matched = &text[start as usize..end as usize];
                let term = &self.terms[candidate.term];
                let reading = &self.readings[candidate.needle][candidate.reading];
                let (entry, shape) = &self.surfaces[reading.surface];
                let read_as = std::str::from_utf8(&folded.text[candidate.start..candidate.end])
                    .expect("a hit starts and ends at a character boundary of the fold");
                flags.push(Flag::text_hit(
                    &term.text,
                    term.category.clone(),
                    text,
                    (start, end),
                    term.suggest.clone(),
                    Explain {
                        read_as: read_as.to_string(),
                        entry: entry.clone(),
                        evasions: evasions(matched, shape, reading.glyph_for_l),
                    },
                ));
            }
        }
        let allowed_original: Vec<(u32, u32)> = allowed.iter().map(|&(a, b)| folded.original_range(a, b)).collect();
        for pattern in &self.patterns {
            for hit in pattern.regex.find_iter(text) {
                let (start, end) = (hit.start() as u32, hit.end() as u32);
                if start == end || allowed_original.iter().any(|&(a, b)| a <= start && end <= b) {
                    continue;
                }
                flags.push(Flag::text_hit(
                    &pattern.label,
                    Category::from_label(&pattern.category),
                    text,
                    (start, end),
                    None,
                    Explain {
                        read_as: hit.as_str().to_string(),
                        entry: pattern.regex.as_str().to_string(),
                        evasions: Vec::new(),
                    },
                ));
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
    fn the_i_or_l_glyphs_read_as_either_letter_and_plain_letters_as_themselves() {
        for (text, term) in [
            ("1azada murah", "lazada"),
            ("Iazada murah", "lazada"),
            ("cek INSTAGRAM aku", "instagram"),
            ("b1ibli", "blibli"),
            ("bl1bl1", "blibli"),
            ("BLIBLI", "blibli"),
            ("t0l0l", "tolol"),
            ("TOLOL", "tolol"),
        ] {
            assert_eq!(hits(text).iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), [term], "{text}");
        }
        for text in ["Tali tas nya kuat", "ada lg kak?", "bibi", "tl", "tili", "talk", "tal", "Lg ready?", "Ini bagus"]
        {
            assert_eq!(hits(text), [], "{text}");
        }
    }

    #[test]
    fn a_term_of_one_or_two_letters_repeats_only_as_written() {
        let lexicon = Lexicon::parse(
            "[[term]]\ntext = \"tolol\"\ncategory = \"p\"\naliases = [\"tll\"]\n\
             [[term]]\ntext = \"wa\"\ncategory = \"o\"\n",
            "test",
        )
        .unwrap();
        let matcher = Matcher::new(&lexicon);
        for text in ["tll", "TLL", "t.l.l", "wa", "W.A", "w🔥a"] {
            assert_eq!(matcher.scan(text).len(), 1, "{text}");
        }
        for text in ["tl", "tlll", "waaa", "wwa", "w.a.a"] {
            assert!(matcher.scan(text).is_empty(), "{text}");
        }
        // From three letters on, repeats are an evasion like any other.
        assert_eq!(hits("taiiii"), [("tai".into(), "taiiii".into())]);
    }

    #[test]
    fn an_exact_entry_matches_only_as_written() {
        let lexicon = Lexicon::parse(
            "[[term]]\ntext = \"instagram\"\ncategory = \"o\"\naliases = [{ text = \"ig\", exact = true }]\n\
             [[term]]\ntext = \"cod luar\"\ncategory = \"o\"\nexact = true\n",
            "test",
        )
        .unwrap();
        let matcher = Matcher::new(&lexicon);
        for text in ["ig", "IG aku", "follow Ig ya", "bisa cod  LUAR?"] {
            assert_eq!(matcher.scan(text).len(), 1, "{text}");
        }
        for text in ["1g", "i.g", "igg", "ignya", "c.o.d luar", "cod luarnya", "insta1g"] {
            assert!(matcher.scan(text).is_empty(), "{text}");
        }
        assert_eq!(matcher.scan("1nstagram").len(), 1, "the term itself is not exact");
    }

    #[test]
    fn each_hit_says_how_it_was_read() {
        use crate::event::Evasion;
        let flags = matcher().scan("di s.h.0.p.e.e.e aja, atau Iazada, atau shopee");
        let explained: Vec<(&str, &str, Vec<Evasion>)> = flags
            .iter()
            .map(|f| {
                let explain = f.explain.as_ref().expect("term hits are explained");
                (explain.read_as.as_str(), explain.entry.as_str(), explain.evasions.clone())
            })
            .collect();
        assert_eq!(
            explained,
            [
                ("shope", "shopee", vec![Evasion::Leet, Evasion::Spread, Evasion::Repeats]),
                ("1azada", "lazada", vec![Evasion::Leet]),
                ("shope", "shopee", vec![]),
            ]
        );
        let alias = matcher().scan("cek tokped");
        assert_eq!(alias[0].explain.as_ref().unwrap().entry, "tokped");
        let phone = matcher().scan("0812-3456-7890");
        let explain = phone[0].explain.as_ref().unwrap();
        assert_eq!((explain.read_as.as_str(), explain.evasions.len()), ("0812-3456-7890", 0));
        assert!(explain.entry.contains("8"), "a pattern names its regex: {}", explain.entry);
    }

    #[test]
    fn an_empty_lexicon_flags_nothing() {
        assert!(Matcher::new(&Lexicon::default()).scan("shopee").is_empty());
    }
}
