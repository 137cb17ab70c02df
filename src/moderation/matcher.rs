//! The matcher: finds a lexicon's terms and patterns in a text, through the viewers' evasions.
//!
//! Design:
//! - Every term, alias and allowed phrase is [folded](super::fold) once, at build time, into a
//!   needle, `" " + folded`, found by [`search`](super::search): a comment is folded as it is
//!   read, a word at a time, and each word looked up among the ways the needles begin, in time
//!   linear in its length whatever the lexicon's size; only a comment with a candidate is folded
//!   again in full, with the spans that lead back to the original, and searched by an automaton.
//! - **The ambiguous glyph.** Folding never turns `l` into `i` or back; the glyphs that may be
//!   either (`1`, a capital `I`) fold to a byte of their own, which the search reads as either
//!   letter (`INSTAGRAM`, `Iazada`, `b1ibli`).
//! - **Whole words by default.** The folded text has a space at every word boundary, so the
//!   leading space pins a match to the start of a word; the end is checked after the match: a
//!   space, or (after a term of three letters or more) one of the Indonesian clitics `-nya`,
//!   `-lah`, `-kah`, `-pun` and then a space (`shopeenya` is still "shopee", but `wa` never
//!   fires in `warna`, `jawab` or `walah`). Every needle found is read, so a rejected candidate
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
//! - **Context-gated entries** ([`Gate`]) are read last, and only when found: the few folded
//!   words on either side of the hit are searched for the entry's cues (whole words, folded
//!   like the entries), so an innocent word alone costs nothing more than any other hit.
//! - **Surfaces.** Each entry says where it is flagged ([`Surface`]); a scan names the surface
//!   it reads, and an entry of another surface is read past, so it never hides one that applies.
//!
//! Trade-off: repeated letters collapse for every term of three folded letters or more, so
//! `anjiiing` needs no listed variant; a word that differs from such a term only by doubled
//! letters would be read as the term. Tests run the default lexicon over 29,932 Indonesian root
//! words, 1,429 chat words and abbreviations, and 3,074 real Indonesian sentences.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use super::fold::{AMBIGUOUS_I_L, Folded, Shape, evasions, fold, fold_into, fold_text, fold_uncollapsed};
use super::lexicon::{Gate, Lexicon, Otherwise, Surface};
use super::search::{NeedleHit, Openings, Probe, Search, Walks, closes_word, reference};
use crate::event::{Category, CueHit, Explain, Flag, Severity, Why};

/// Clitics that may follow a term in the same word.
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "pun"];

/// A term with fewer folded letters than this matches only with its letters repeated as written.
const FREE_REPEATS_FROM_LETTERS: usize = 3;

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
}

#[derive(Debug, Clone)]
struct TermInfo {
    text: String,
    category: Category,
    suggest: Option<String>,
    why: Option<Arc<Why>>,
    gate: Option<CompiledGate>,
    applies_to: Vec<Surface>,
}

/// A pattern with its rule compiled.
#[derive(Debug, Clone)]
struct PatternInfo {
    pattern: super::lexicon::Pattern,
    category: Category,
    gate: Option<CompiledGate>,
}

/// A context rule with its cues folded: each as written, and folded with its leading space
/// (`" lebih murah di"`).
#[derive(Debug, Clone)]
struct CompiledGate {
    /// One of these must stand near (none: no such condition).
    cues: Vec<(String, Vec<u8>)>,
    /// None of these may stand near.
    unless: Vec<(String, Vec<u8>)>,
    within: usize,
    otherwise: Otherwise,
}

/// What a context gate says about one hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gated {
    /// The entry has no context rule.
    Open,
    /// Cue `index` of the gate stands at folded `[start, end)`.
    Cue { index: usize, start: usize, end: usize },
    /// No cue near; shown as information only.
    InfoOnly,
}

/// How a context gate read one hit.
enum GateRead {
    Fire(Gated),
    /// No cue near, or (`by_unless`) one of the `unless` words near.
    Quiet {
        by_unless: bool,
    },
}

impl CompiledGate {
    fn new(gate: &Gate) -> CompiledGate {
        let fold = |words: &[String]| words.iter().map(|cue| (cue.clone(), folded_needle(cue))).collect();
        CompiledGate {
            cues: fold(&gate.cues),
            unless: fold(&gate.unless),
            within: gate.within,
            otherwise: gate.otherwise,
        }
    }

    /// Reads the hit at folded `[start, end)`: it fires with a cue within `within` words of it
    /// and none of the `unless` words.
    fn read(&self, folded: &[u8], start: usize, end: usize) -> GateRead {
        let cue = match self.cues.is_empty() {
            true => None,
            false => match self.nearest(&self.cues, folded, start, end) {
                Some(cue) => Some(cue),
                None => return GateRead::Quiet { by_unless: false },
            },
        };
        if !self.unless.is_empty() && self.nearest(&self.unless, folded, start, end).is_some() {
            return GateRead::Quiet { by_unless: true };
        }
        GateRead::Fire(cue.map_or(Gated::Open, |(index, start, end)| Gated::Cue { index, start, end }))
    }

    /// What a hit that does not fire becomes: an information-only mark, or nothing (`None`).
    fn quiet(&self) -> Option<Gated> {
        (self.otherwise == Otherwise::Info).then_some(Gated::InfoOnly)
    }

    /// The nearest of `words`, as whole words, within the words around folded `[start, end)`
    /// and not inside it: `(index in words, start, end)` in folded coordinates.
    fn nearest(
        &self,
        words: &[(String, Vec<u8>)],
        folded: &[u8],
        start: usize,
        end: usize,
    ) -> Option<(usize, usize, usize)> {
        // The folded text has a space at every word boundary and at both ends, so words are
        // counted by spaces: from the space before the hit, `within` more to the left, and
        // from the space after it (past any clitic), `within` more to the right.
        let mut left = start.saturating_sub(1);
        for _ in 0..self.within {
            match folded[..left].iter().rposition(|&b| b == b' ') {
                Some(space) => left = space,
                None => break,
            }
        }
        let mut right = end + folded[end..].iter().position(|&b| b == b' ').unwrap_or(folded.len() - end);
        for _ in 0..self.within {
            match folded.get(right + 1..).and_then(|rest| rest.iter().position(|&b| b == b' ')) {
                Some(offset) => right += 1 + offset,
                None => break,
            }
        }
        // A cue of several words counts when its nearest word is in range. The nearest cue is
        // the one named: it is the likeliest reading of the sentence.
        let mut nearest: Option<(usize, (usize, usize, usize))> = None;
        for (index, (_, needle)) in words.iter().enumerate() {
            let from = left.saturating_sub(needle.len());
            let to = (right + needle.len()).min(folded.len());
            for at in from..to.saturating_sub(needle.len()) {
                let (cue_start, cue_end) = (at + 1, at + needle.len());
                let in_range = cue_end > left && cue_start <= right;
                let overlaps_hit = cue_start < end && start < cue_end;
                if in_range && !overlaps_hit && folded.get(cue_end) == Some(&b' ') && same_bytes(&folded[at..], needle)
                {
                    let distance = if cue_end <= start { start - cue_end } else { cue_start - end };
                    if nearest.is_none_or(|(best, _)| distance < best) {
                        nearest = Some((distance, (index, cue_start, cue_end)));
                    }
                }
            }
        }
        nearest.map(|(_, cue)| cue)
    }
}

/// Whether `typed` starts with `needle` (both folded), the ambiguous glyph standing for `i` or `l`.
fn same_bytes(typed: &[u8], needle: &[u8]) -> bool {
    typed.len() >= needle.len()
        && typed.iter().zip(needle).all(|(&t, &n)| t == n || (t == AMBIGUOUS_I_L as u8 && matches!(n, b'i' | b'l')))
}

/// A compiled lexicon, ready to scan text. Cheap to share (`Arc<Matcher>`); scanning needs only
/// `&self`.
#[derive(Debug)]
pub struct Matcher {
    /// None: no needles.
    finder: Option<Finder>,
    /// For each needle (the automaton's pattern id), the entries it stands for, in lexicon order.
    readings: Vec<Vec<Reading>>,
    /// For each needle, whether anything it stands for is read on each surface (indexed by
    /// `Surface as usize`): a comment that only finds script-only terms is then as cheap as a
    /// clean one, never folded again with spans.
    read_on: Vec<[bool; 2]>,
    /// Every term, alias and allowed phrase as written, with its shape.
    surfaces: Vec<(String, Shape)>,
    terms: Vec<TermInfo>,
    patterns: Vec<PatternInfo>,
    suffixes: Vec<Vec<u8>>,
}

/// How needles are found.
#[derive(Debug)]
enum Finder {
    /// Walks from every word start, in the full fold of the comments a probe of their words
    /// cannot clear (for each surface, indexed by `Surface as usize`).
    Walks { search: Box<Search>, openings: Box<[Openings; 2]> },
    /// The earlier design, the tests' oracle ([`Matcher::reference`]).
    Spellings(reference::Spellings),
}

/// A term hit that passed its reading's rule.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    needle: usize,
    reading: usize,
    term: usize,
    start: usize,
    end: usize,
    /// The hit reads a glyph as one of the entry's `l`s: a capital `I` typed there is an
    /// evasion, not just capitals.
    glyph_for_l: bool,
    gated: Gated,
}

#[derive(Default)]
struct Scratch {
    walks: Walks,
    folded: Folded,
    found: Vec<NeedleHit>,
    candidates: Vec<Candidate>,
    allowed: Vec<(usize, usize)>,
    /// Terms an `unless` word showed innocent somewhere in the text.
    silenced: Vec<usize>,
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
    /// Adds the needles of `surface` for `entry`: its folded form, and for a phrase its letters
    /// run together.
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
        self.add_needle(needle.clone(), surface_index, entry, &rule);
        // A phrase spelled out letter by letter with spaces (`p a s t i s e m b u h`) folds to
        // one word: match that too.
        if !exact && needle[1..].contains(&b' ') {
            let joined: String = surface.split_whitespace().collect();
            self.add_needle(folded_needle(&joined), surface_index, entry, &rule);
        }
    }

    fn add_needle(&mut self, needle: Vec<u8>, surface: usize, entry: Entry, rule: &Rule) {
        if needle.len() < 2 {
            // Nothing but separators: no text can be found as it.
            return;
        }
        let next = self.needles.len();
        let index = *self.index.entry(needle).or_insert_with_key(|needle| {
            self.needles.push(needle.clone());
            self.readings.push(Vec::new());
            next
        });
        let readings = &mut self.readings[index];
        let same = |r: &Reading| r.surface == surface && r.rule == *rule && r.entry == entry;
        if !readings.iter().any(same) {
            readings.push(Reading { entry, surface, rule: rule.clone() });
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
        Matcher::build(lexicon, |needles, raised_on, suffixes| Finder::Walks {
            search: Box::new(Search::new(needles)),
            openings: Box::new(Surface::ALL.map(|surface| {
                let raised = needles.iter().zip(raised_on).filter(|(_, on)| on[surface as usize]);
                Openings::new(raised.map(|(needle, _)| &needle[..]), suffixes)
            })),
        })
    }

    /// The matcher of the earlier design (every spelling with the ambiguous glyph as a needle of
    /// its own, searched in a full fold of every text): the oracle the tests hold [`Matcher::new`]
    /// to. It panics on a term with more than [`reference::MAX_GLYPH_LETTERS`] `i`s and `l`s.
    #[doc(hidden)]
    pub fn reference(lexicon: &Lexicon) -> Matcher {
        Matcher::build(lexicon, |needles, _, _| Finder::Spellings(reference::Spellings::new(needles)))
    }

    /// `finder` gets the needles; for each, whether a term it stands for is flagged on each
    /// surface; and the clitics.
    fn build(lexicon: &Lexicon, finder: impl FnOnce(&[Vec<u8>], &[[bool; 2]], &[Vec<u8>]) -> Finder) -> Matcher {
        let mut needles = Needles::default();
        let mut terms = Vec::with_capacity(lexicon.terms.len());
        for term in &lexicon.terms {
            let index = terms.len();
            terms.push(TermInfo {
                text: term.text.clone(),
                category: Category::from_label(&term.category),
                suggest: term.suggest.clone(),
                why: term.rule.why.clone(),
                gate: term.rule.gate.as_ref().map(CompiledGate::new),
                applies_to: term.rule.applies_to.clone(),
            });
            for (surface, exact) in term.surfaces() {
                needles.add(surface, Entry::Term(index), exact);
            }
        }
        for allow in &lexicon.allow {
            needles.add(&allow.text, Entry::Allow, false);
        }
        let suffixes: Vec<Vec<u8>> = SUFFIXES.iter().map(|s| fold(s).as_str().trim().as_bytes().to_vec()).collect();
        let raised_on = |allow_too: bool| -> Vec<[bool; 2]> {
            needles
                .readings
                .iter()
                .map(|readings| {
                    Surface::ALL.map(|surface| {
                        readings.iter().any(|reading| match reading.entry {
                            Entry::Allow => allow_too,
                            Entry::Term(term) => terms[term].applies_to.contains(&surface),
                        })
                    })
                })
                .collect()
        };
        let read_on = raised_on(true);
        // An allowed phrase alone raises nothing: no reason to search a comment for it.
        let finder = (!needles.needles.is_empty()).then(|| finder(&needles.needles, &raised_on(false), &suffixes));
        let Needles { readings, surfaces, .. } = needles;
        let patterns = lexicon
            .patterns
            .iter()
            .map(|pattern| PatternInfo {
                category: Category::from_label(&pattern.category),
                gate: pattern.rule.gate.as_ref().map(CompiledGate::new),
                pattern: pattern.clone(),
            })
            .collect();
        Matcher { finder, readings, read_on, surfaces, terms, patterns, suffixes }
    }

    /// Every hit in `text` of the entries flagged on `surface`, ordered by position. Term hits
    /// never overlap each other (the longest wins); pattern hits may overlap term hits.
    pub fn scan(&self, text: &str, surface: Surface) -> Vec<Flag> {
        let mut flags = Vec::new();
        SCRATCH.with(|scratch| self.scan_with(&mut scratch.borrow_mut(), text, surface, &mut flags));
        flags
    }

    fn scan_with(&self, scratch: &mut Scratch, text: &str, surface: Surface, flags: &mut Vec<Flag>) {
        let Scratch { walks, folded, found, candidates, allowed, silenced } = scratch;
        silenced.clear();
        found.clear();
        candidates.clear();
        allowed.clear();
        folded.text.clear();
        folded.spans.clear();
        if let Some(finder) = &self.finder {
            let read_on = |needle: usize| self.read_on[needle][surface as usize];
            // Most comments match nothing, and most are plain (ASCII words, any separators and
            // emoji): the probe folds and searches them in one pass, and only a comment it finds
            // something in, or one it cannot fold, is folded again in full, with spans, and
            // searched there.
            let search_in_full = match finder {
                Finder::Walks { openings, .. } => Probe::new(&openings[surface as usize]).run(text) != Some(false),
                Finder::Spellings(_) => true,
            };
            if search_in_full {
                fold_into(text, folded);
                let keep = |hit: NeedleHit| {
                    if read_on(hit.needle) && self.ends_a_word(&folded.text, hit.start, hit.end) {
                        found.push(hit);
                    }
                };
                match finder {
                    Finder::Walks { search, .. } => search.find(&folded.text, walks, keep),
                    Finder::Spellings(spellings) => spellings.find(&folded.text, keep),
                }
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
                        Entry::Term(term) if accepted.is_none() => {
                            let info = &self.terms[term];
                            if !info.applies_to.contains(&surface) {
                                continue;
                            }
                            let gated = match &info.gate {
                                None => Some(Gated::Open),
                                Some(gate) => match gate.read(&folded.text, hit.start, hit.end) {
                                    GateRead::Fire(gated) => Some(gated),
                                    GateRead::Quiet { by_unless } => {
                                        if by_unless {
                                            silenced.push(term);
                                        }
                                        gate.quiet()
                                    }
                                },
                            };
                            accepted = gated.map(|gated| (index, term, gated));
                        }
                        Entry::Term(_) => {}
                    }
                }
                if let Some((reading, term, gated)) = accepted {
                    candidates.push(Candidate {
                        needle: hit.needle,
                        reading,
                        term,
                        start: hit.start,
                        end: hit.end,
                        glyph_for_l: hit.glyph_for_l,
                        gated,
                    });
                }
            }
            // One sense per text: a word an `unless` word showed innocent once (`babi` beside
            // `menu`) is read so wherever the same text repeats it, out of that word's reach
            // ("... makanan babi non-halal ... harganya reasonable untuk babi"). A comment that
            // both names the dish and insults someone with the word is the price.
            if !silenced.is_empty() {
                candidates.retain_mut(|candidate| {
                    if !silenced.contains(&candidate.term) || candidate.gated == Gated::InfoOnly {
                        return true;
                    }
                    let quiet = self.terms[candidate.term].gate.as_ref().and_then(CompiledGate::quiet);
                    quiet.inspect(|&gated| candidate.gated = gated).is_some()
                });
            }
            // Longest first among those starting at the same place (the first term in the
            // lexicon's order where one text reads as several), then greedy left to right.
            candidates.sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.term));
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
                let flag = Flag::text_hit(
                    &term.text,
                    term.category.clone(),
                    text,
                    (start, end),
                    term.suggest.clone(),
                    Explain {
                        read_as: read_as.to_string(),
                        entry: entry.clone(),
                        evasions: evasions(matched, shape, candidate.glyph_for_l),
                        cue: None,
                    },
                );
                flags.push(ruled(flag, term.why.as_ref(), term.gate.as_ref(), candidate.gated, text, folded));
            }
        }
        let allowed_original: Vec<(u32, u32)> = allowed.iter().map(|&(a, b)| folded.original_range(a, b)).collect();
        for PatternInfo { pattern, category, gate } in &self.patterns {
            if !pattern.rule.applies_to.contains(&surface) {
                continue;
            }
            for hit in pattern.regex.find_iter(text) {
                let (start, end) = (hit.start() as u32, hit.end() as u32);
                if start == end || allowed_original.iter().any(|&(a, b)| a <= start && end <= b) {
                    continue;
                }
                let gated = match gate {
                    None => Gated::Open,
                    Some(gate) => {
                        if folded.text.is_empty() {
                            fold_into(text, folded);
                        }
                        let (folded_start, folded_end) = folded_range(folded, start, end);
                        match gate.read(&folded.text, folded_start, folded_end) {
                            GateRead::Fire(gated) => gated,
                            GateRead::Quiet { .. } => match gate.quiet() {
                                Some(gated) => gated,
                                None => continue,
                            },
                        }
                    }
                };
                let flag = Flag::text_hit(
                    &pattern.label,
                    category.clone(),
                    text,
                    (start, end),
                    None,
                    Explain {
                        read_as: hit.as_str().to_string(),
                        entry: pattern.regex.as_str().to_string(),
                        evasions: Vec::new(),
                        cue: None,
                    },
                );
                flags.push(ruled(flag, pattern.rule.why.as_ref(), gate.as_ref(), gated, text, folded));
            }
        }
        flags.sort_by_key(|flag| (flag.start, std::cmp::Reverse(flag.end)));
    }

    /// The surfaces where the matcher flags anything at all.
    pub fn flags_on(&self, surface: Surface) -> bool {
        self.terms.iter().any(|term| term.applies_to.contains(&surface))
            || self.patterns.iter().any(|pattern| pattern.pattern.rule.applies_to.contains(&surface))
    }

    /// Whether a match of folded `[start, end)` closes a word: a space follows, or a clitic and
    /// then a space. Not after words of one or two letters, which clitics would turn into other
    /// words (`wa` + `lah` is the interjection `walah`).
    fn ends_a_word(&self, folded: &[u8], start: usize, end: usize) -> bool {
        let rest = &folded[end..];
        let word_rest = &rest[..rest.iter().position(|&b| b == b' ').unwrap_or(rest.len())];
        closes_word(word_rest, end - start, &self.suffixes)
    }
}

/// `flag` with its entry's rule: the policy it protects, and how its context read.
fn ruled(
    mut flag: Flag,
    why: Option<&Arc<Why>>,
    gate: Option<&CompiledGate>,
    gated: Gated,
    text: &str,
    folded: &Folded,
) -> Flag {
    flag.why = why.cloned();
    match (gated, gate) {
        (Gated::Cue { index, start, end }, Some(gate)) => {
            let (a, b) = folded.original_range(start, end);
            if let Some(explain) = &mut flag.explain {
                explain.cue =
                    Some(CueHit { cue: gate.cues[index].0.clone(), matched: text[a as usize..b as usize].into() });
            }
        }
        (Gated::InfoOnly, _) => {
            flag.info = true;
            flag.severity = Severity::None;
        }
        _ => {}
    }
    flag
}

/// The folded range of original bytes `[start, end)`: from the first folded letter at or after
/// `start` to the last one ending by `end` (at least one byte).
fn folded_range(folded: &Folded, start: u32, end: u32) -> (usize, usize) {
    let text = &folded.text;
    let mut first = folded.spans.partition_point(|&(a, _)| a < start);
    while first < text.len() - 1 && text[first] == b' ' {
        first += 1;
    }
    let mut last = folded.spans.partition_point(|&(_, b)| b <= end);
    while last > first + 1 && text[last - 1] == b' ' {
        last -= 1;
    }
    (first, last.max(first + 1).min(text.len() - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        Matcher::new(&Lexicon::default_indonesian())
    }

    /// (term, matched) pairs of the hits in `text`.
    fn hits(text: &str) -> Vec<(String, String)> {
        matcher().scan(text, Surface::Comments).into_iter().map(|f| (f.term, f.matched)).collect()
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
            assert!(matcher.scan(text, Surface::Comments).is_empty(), "{text}");
        }
        assert_eq!(matcher.scan("beli di informa aja", Surface::Comments).len(), 1);
        assert_eq!(
            matcher.scan("informanya tutup", Surface::Comments).len(),
            1,
            "a clitic after the word is still the word"
        );
        assert_eq!(matcher.scan("sopi", Surface::Comments).len(), 1);
    }

    #[test]
    fn multi_word_terms_match_across_any_whitespace() {
        assert_eq!(hits("kirim nomor   rekening dong"), [("rekening".into(), "nomor   rekening".into())]);
        assert_eq!(hits("ada link\tdi  bio"), [("link di bio".into(), "link\tdi  bio".into())]);
    }

    #[test]
    fn allowed_phrases_are_never_flagged() {
        assert_eq!(hits("salam buat wa ode"), []);
        assert_eq!(hits("wa aku, bukan wa ode"), [("wa".into(), "wa".into())]);
    }

    #[test]
    fn patterns_report_original_offsets() {
        let text = "WA aku 0812-3456-7890 kak";
        let flags = matcher().scan(text, Surface::Comments);
        let phone = flags.iter().find(|f| f.term == "phone number").expect("phone number");
        assert_eq!(&text[phone.start as usize..phone.end as usize], "0812-3456-7890");
        assert_eq!(flags[0].term, "wa");
    }

    #[test]
    fn offsets_slice_the_original_text() {
        for text in ["Ｋａｋ ｓｈｏｐｅｅ!!", "🙋‍♀️ l-a-z-a-d-a 🙋‍♀️", "ɑnjiiing", "tf ke rek aku"]
        {
            for flag in matcher().scan(text, Surface::Comments) {
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
            assert_eq!(matcher.scan(text, Surface::Comments).len(), 1, "{text}");
        }
        for text in ["tl", "tlll", "waaa", "wwa", "w.a.a"] {
            assert!(matcher.scan(text, Surface::Comments).is_empty(), "{text}");
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
            assert_eq!(matcher.scan(text, Surface::Comments).len(), 1, "{text}");
        }
        for text in ["1g", "i.g", "igg", "ignya", "c.o.d luar", "cod luarnya", "insta1g"] {
            assert!(matcher.scan(text, Surface::Comments).is_empty(), "{text}");
        }
        assert_eq!(matcher.scan("1nstagram", Surface::Comments).len(), 1, "the term itself is not exact");
    }

    #[test]
    fn each_hit_says_how_it_was_read() {
        use crate::event::Evasion;
        let flags = matcher().scan("di s.h.0.p.e.e.e aja, atau Iazada, atau shopee", Surface::Comments);
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
        let alias = matcher().scan("cek tokped", Surface::Comments);
        assert_eq!(alias[0].explain.as_ref().unwrap().entry, "tokped");
        let phone = matcher().scan("0812-3456-7890", Surface::Comments);
        let explain = phone[0].explain.as_ref().unwrap();
        assert_eq!((explain.read_as.as_str(), explain.evasions.len()), ("0812-3456-7890", 0));
        assert!(explain.entry.contains("8"), "a pattern names its regex: {}", explain.entry);
    }

    fn gated() -> Matcher {
        Matcher::new(
            &Lexicon::parse(
                r#"
                [[source]]
                id = "rules"
                title = "The rules"
                read = "2026-12-07"

                [[policy]]
                id = "away"
                source = "rules"
                why = { id = "Jangan arahkan pembeli keluar.", en = "Do not send buyers away." }
                points = "4 poin"

                [cues]
                directing = ["beli", "cek", "checkout", "lebih murah di"]
                gambling = ["slot", "maxwin"]
                food = ["sate", "menu", "mengandung"]

                [[term]]
                text = "tokopedia"
                category = "competitor"
                aliases = ["tokped"]
                policy = "away"
                context = { cues = "directing", within = 3 }

                [[term]]
                text = "gacor"
                category = "gambling"
                context = { cues = "gambling", within = 2, otherwise = "info" }

                [[term]]
                text = "ampuh"
                category = "claim"
                applies_to = ["script"]

                [[term]]
                text = "babi"
                category = "profanity"
                context = { unless = "food", within = 3, otherwise = "info" }

                [[pattern]]
                regex = '(?i)\b[a-z]+88\b'
                category = "gambling"
                label = "site"
                context = { cues = "gambling", within = 2 }
                "#,
                "test",
            )
            .unwrap(),
        )
    }

    #[test]
    fn a_context_gated_term_fires_only_with_a_cue_near_and_names_it() {
        let matcher = gated();
        for text in ["Saya checkout di Tokopedia kok kak", "tokopedia mantap", "makasih tokped"] {
            let flags = matcher.scan(text, Surface::Comments);
            if text.starts_with("Saya") {
                // "checkout" is three words away on the left: a cue.
                assert_eq!(flags.len(), 1, "{text}");
            } else {
                assert!(flags.is_empty(), "{text}: {flags:?}");
            }
        }
        for (text, cue, matched) in [
            ("beli di tokped aja lebih murah", "beli", "beli"),
            ("tokped aja lebih murah di sana", "lebih murah di", "lebih murah di"),
            ("c.e.k t0kopedia ya", "cek", "c.e.k"),
            ("tokopedianya cek dulu", "cek", "cek"),
        ] {
            let flags = matcher.scan(text, Surface::Comments);
            assert_eq!(flags.len(), 1, "{text}: {flags:?}");
            let found = flags[0].explain.as_ref().unwrap().cue.as_ref().expect("the cue is named");
            assert_eq!((found.cue.as_str(), found.matched.as_str()), (cue, matched), "{text}");
            let why = flags[0].why.as_ref().expect("the policy is named");
            assert_eq!((why.policy.as_str(), why.points.as_deref()), ("away", Some("4 poin")));
            assert_eq!(
                (why.source.as_str(), why.read.as_str(), why.pack.as_str()),
                ("The rules", "2026-12-07", "shop")
            );
        }
        // Too far: four words between.
        assert!(matcher.scan("beli satu dua tiga empat tokopedia", Surface::Comments).is_empty());
        // The cue inside the hit itself does not count, nor a cue glued into a longer word.
        assert!(matcher.scan("tokopedia membeli", Surface::Comments).is_empty());
    }

    #[test]
    fn information_only_hits_are_marked_and_never_a_finding() {
        let matcher = gated();
        let alone = matcher.scan("suaranya gacor kak", Surface::Comments);
        assert_eq!(alone.len(), 1);
        assert!(alone[0].info && alone[0].severity == crate::event::Severity::None);
        assert!(alone[0].explain.as_ref().unwrap().cue.is_none());
        let spam = matcher.scan("slot gacor hari ini", Surface::Comments);
        assert!(!spam[0].info && spam[0].severity == crate::event::Severity::High);
    }

    #[test]
    fn an_unless_set_near_the_hit_makes_it_information_only() {
        let matcher = gated();
        let insult = matcher.scan("dasar babi lo", Surface::Comments);
        assert!(!insult[0].info && insult[0].explain.as_ref().unwrap().cue.is_none());
        for text in ["enak sate b4bi nya", "menu 80 % babi", "bakso mengandung babi ."] {
            let flags = matcher.scan(text, Surface::Comments);
            assert!(flags.len() == 1 && flags[0].info, "{text}: {flags:?}");
        }
        // One sense per text: the second mention, out of the food word's reach, is food too.
        let review =
            matcher.scan("menu babi nya enak, tempat bersih, parkir luas, harga oke untuk babi", Surface::Comments);
        assert_eq!(review.iter().map(|flag| flag.info).collect::<Vec<_>>(), [true, true]);
        let insult = matcher.scan("dasar babi, ngomong terus dari tadi babi", Surface::Comments);
        assert!(insult.iter().all(|flag| !flag.info), "no food word anywhere: both stay");
    }

    #[test]
    fn patterns_can_be_gated_too() {
        let matcher = gated();
        assert!(matcher.scan("ukuran dewa88 kak", Surface::Comments).is_empty());
        let flags = matcher.scan("daftar dewa88 maxwin", Surface::Comments);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].explain.as_ref().unwrap().cue.as_ref().unwrap().cue, "maxwin");
        let flags = matcher.scan("slot 🔥 DEWA88 🔥", Surface::Comments);
        assert_eq!(flags.iter().map(|f| f.matched.as_str()).collect::<Vec<_>>(), ["DEWA88"]);
    }

    #[test]
    fn an_entry_is_flagged_only_on_its_surfaces() {
        let matcher = gated();
        assert!(matcher.scan("krimnya ampuh kak", Surface::Comments).is_empty());
        assert_eq!(matcher.scan("krim ini ampuh", Surface::Script).len(), 1);
        assert!(matcher.flags_on(Surface::Script) && matcher.flags_on(Surface::Comments));
    }

    #[test]
    fn an_empty_lexicon_flags_nothing() {
        assert!(Matcher::new(&Lexicon::default()).scan("shopee", Surface::Comments).is_empty());
    }
}
