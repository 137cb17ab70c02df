//! The search: finds the lexicon's folded needles in a text, reading a clean comment once.
//!
//! The matcher compiles every term, alias and allowed phrase to a **needle**: its folded form
//! with a leading space (`" shope"`, `" nomor rekening"`), the space pinning it to the start of
//! a word (see [`fold`](super::fold)). This module says where needles stand in a text; the
//! matcher then reads each one found against the entries it stands for.
//!
//! # Design
//!
//! Two passes, the second only for the few comments the first cannot clear.
//!
//! **The probe folds as it reads, and looks words up** ([`Probe`]). Most comments match
//! nothing, and most are plain (ASCII words between any separators and emoji). The plain fold
//! (case, leetspeak, spread letters, repeats: table lookups over the raw bytes) hands each
//! folded word straight to the probe from a buffer on the stack, never writing the folded text.
//! A needle can only start at a word, so the word there must be the needle's **opening**: its
//! one word (perhaps with a clitic), or its first two words. The probe looks each word up in a
//! table of the openings' hashes (four bytes a slot, so it stays in the cache), and before that,
//! after a word's third folded byte, in a bitmap of the needles' first three bytes
//! ([`Trigrams`], 6.9 KB): a word no needle starts with is passed over unread, at the cost of a
//! byte-class lookup a byte.
//!
//! **The full search walks an automaton from every word start** ([`Search::find`]). A comment
//! the probe could not clear, and text the plain fold does not take (letters outside ASCII,
//! invisible characters: the few comments with look-alike letters), is folded in full, with the
//! spans that lead each folded byte back to the original, and searched: the needles are one
//! `aho-corasick` automaton (a contiguous NFA: the crate's compact trie, 0.5 MB for 5,000 terms),
//! walked **anchored** from each word start for as long as the word spells the start of a needle,
//! and on into the next word for needles of several words. What the matcher reports is always
//! read from this full fold.
//!
//! **The ambiguous glyph is read, not spelled out.** Folding writes the glyphs that may be `i`
//! or `l` (`1`, a capital `I`) as the byte `1`, and repeats collapse, so one glyph in the text
//! stands for a run of one or more of `i`, `l` and `1` in a needle (`b1ibli` is `blibli`; `k1at`,
//! from `kI1at`, is `kilat`). A walk that reads the glyph branches into every such run the trie
//! holds; the probe compares such words with each run of `i`, `l` and glyph as one glyph. The
//! earlier design added every needle's spellings with the glyph instead (2^k for k `i`s and `l`s,
//! a sample beyond four), which nearly doubled the automaton and its build time and missed the
//! spellings outside the sample.
//!
//! # Trade-offs
//!
//! - The probe is sound, never exact: a comment the full search would find a needle in always
//!   goes to it, and a few go for nothing (a word that opens a needle of three words without the
//!   rest, a glyph that stood for the wrong letter, a word longer than a [`Piece`], a hash
//!   collision). The full search then finds nothing, and nothing is flagged.
//! - A comment with a hit is folded twice and read three times. Hits are rare in real chat;
//!   where they are not, the matcher is no slower than a full fold and walk.
//! - Hashing whole words instead of stepping an automaton per byte is what makes the probe fast:
//!   a transition table for 5,000 terms does not fit the cache (the anchored DFA is 9 MB, the
//!   NFA's sparse rows cost a search each), and a comment's words are few.
//! - An anchored walk finds only needles at a word boundary: the only kind there is (whole words).
//!   The automaton lists, for unanchored search, the matches of a state's proper suffixes too; a
//!   walk counts only the needle whose length is the walk's depth.
//! - [`reference`] keeps the earlier design (every glyph spelling as its own needle, one
//!   unanchored search over the full fold of every text) as the oracle the tests compare against.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind, PatternID};

use super::fold::{AMBIGUOUS_I_L, FoldSink, Piece, fold_plain_into};

const GLYPH: u8 = AMBIGUOUS_I_L as u8;

/// The letters a glyph in the text may stand for in a needle.
const GLYPH_READINGS: [u8; 3] = [b'i', b'l', GLYPH];

/// The compiled needles, searched by walks from each word start.
#[derive(Debug)]
pub(super) struct Search {
    nfa: NFA,
    /// How the needles start, to pass over words that start none.
    trigrams: Trigrams,
    /// The state after a needle's leading space: where each word's walk begins.
    after_space: StateID,
}

/// One reading of the folded text so far as the start of a needle.
#[derive(Debug, Clone, Copy)]
struct Walk {
    state: StateID,
    /// The folded position of the needle's first letter (after its leading space).
    start: u32,
    /// Needle bytes read, the leading space included.
    depth: u32,
    /// A glyph was read as an `l`: a capital `I` typed there stood for `l`.
    glyph_for_l: bool,
}

/// A needle found in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NeedleHit {
    pub needle: usize,
    /// Folded `[start, end)`, without the leading space.
    pub start: usize,
    pub end: usize,
    pub glyph_for_l: bool,
}

/// The walks alive, reused from text to text so a search allocates nothing once warm.
#[derive(Debug, Default)]
pub(super) struct Walks {
    alive: Vec<Walk>,
    /// A glyph's branches, gathered before they join `alive`.
    branches: Vec<Walk>,
}

impl Walks {
    fn clear(&mut self) {
        self.alive.clear();
        self.branches.clear();
    }
}

impl Search {
    /// Compiles `needles` (folded, each with its leading space; needle `i` is pattern `i`).
    pub fn new(needles: &[Vec<u8>]) -> Search {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(needles)
            .expect("folded needles are short and few enough for any automaton");
        let start = nfa.start_state(Anchored::Yes).expect("a contiguous NFA always has an anchored start");
        let after_space = nfa.next_state(Anchored::Yes, start, b' ');
        let trigrams = Trigrams::new(needles.iter().map(Vec::as_slice));
        Search { nfa, trigrams, after_space }
    }

    /// Every needle in `folded` (a full fold: a space at each end and between words), in the
    /// order they end.
    pub fn find(&self, folded: &[u8], walks: &mut Walks, mut found: impl FnMut(NeedleHit)) {
        walks.clear();
        let mut position = 0;
        while position < folded.len() {
            let byte = folded[position];
            self.step(walks, byte, |needle, walk| {
                found(NeedleHit {
                    needle,
                    start: walk.start as usize,
                    end: position + 1,
                    glyph_for_l: walk.glyph_for_l,
                })
            });
            position += 1;
            if byte == b' ' {
                match folded.get(position..position + 3) {
                    // A word no needle starts with, and no needle under way: on to the next.
                    Some(&[a, b, c])
                        if walks.alive.is_empty()
                            && ![a, b, c].contains(&GLYPH)
                            && !self.trigrams.may_start([a, b, c]) =>
                    {
                        position += folded[position..].iter().position(|&b| b == b' ').unwrap_or(0);
                    }
                    _ => self.begin(walks, position),
                }
            }
        }
    }

    /// Starts a walk at the word beginning at folded `position`, unless the automaton is dead
    /// there (no needle at all).
    fn begin(&self, walks: &mut Walks, position: usize) {
        if !self.nfa.is_dead(self.after_space) {
            walks.alive.push(Walk { state: self.after_space, start: position as u32, depth: 1, glyph_for_l: false });
        }
    }

    /// Steps every walk with the folded `byte`, dropping those that die; `matched` gets each
    /// needle a walk completes.
    fn step(&self, walks: &mut Walks, byte: u8, mut matched: impl FnMut(usize, &Walk)) {
        let Walks { alive, branches } = walks;
        let mut kept = 0;
        for index in 0..alive.len() {
            let walk = alive[index];
            if byte == GLYPH {
                self.branch(walk, branches);
                continue;
            }
            let state = self.nfa.next_state(Anchored::Yes, walk.state, byte);
            if !self.nfa.is_dead(state) {
                alive[kept] = Walk { state, depth: walk.depth + 1, ..walk };
                kept += 1;
            }
        }
        alive.truncate(kept);
        alive.append(branches);
        for walk in alive.iter() {
            if self.nfa.is_match(walk.state) {
                self.matches(walk, &mut matched);
            }
        }
    }

    /// The walks that read the glyph as one more of `i`, `l` or `1`, and as a run of them.
    fn branch(&self, walk: Walk, into: &mut Vec<Walk>) {
        for letter in GLYPH_READINGS {
            let state = self.nfa.next_state(Anchored::Yes, walk.state, letter);
            if !self.nfa.is_dead(state) {
                let next =
                    Walk { state, depth: walk.depth + 1, glyph_for_l: walk.glyph_for_l || letter == b'l', ..walk };
                into.push(next);
                self.branch(next, into);
            }
        }
    }

    /// The needles that end at a walk's state and begin where it began.
    fn matches(&self, walk: &Walk, matched: &mut impl FnMut(usize, &Walk)) {
        for index in 0..self.nfa.match_len(walk.state) {
            let pattern: PatternID = self.nfa.match_pattern(walk.state, index);
            if self.nfa.pattern_len(pattern) == walk.depth as usize {
                matched(pattern.as_usize(), walk);
            }
        }
    }
}

/// Whether a needle of `letters` folded bytes, followed in its word by `rest`, closes the word:
/// nothing follows, or (after three letters or more) a clitic does.
pub(super) fn closes_word(rest: &[u8], letters: usize, suffixes: &[Vec<u8>]) -> bool {
    rest.is_empty() || (letters >= 3 && suffixes.iter().any(|suffix| suffix == rest))
}

/// The first three folded bytes of the needles' first words, as a bitmap small enough to stay
/// in the first-level cache: a word whose first three bytes (with no glyph among them) are not
/// here can start no needle, and is passed over unread. With a glyph, or fewer than three
/// bytes, a word is always read.
#[derive(Debug)]
struct Trigrams {
    bits: Vec<u64>,
}

impl Trigrams {
    /// Folded bytes in classes: `a`–`z`, `0`–`9`, and one class for anything else (the bytes
    /// of letters outside ASCII), so the bitmap is 38³ bits, 6.9 KB.
    const CLASSES: usize = 38;

    fn new<'n>(needles: impl Iterator<Item = &'n [u8]>) -> Trigrams {
        let mut trigrams = Trigrams { bits: vec![0; (Trigrams::CLASSES.pow(3)).div_ceil(64)] };
        for needle in needles {
            // A needle shorter than three bytes starts only a word as short: the space after it
            // is its third byte.
            let mut first = [b' '; 3];
            for (into, &byte) in first.iter_mut().zip(&needle[1..]) {
                *into = byte;
            }
            let index = Trigrams::index(first);
            trigrams.bits[index / 64] |= 1 << (index % 64);
        }
        trigrams
    }

    #[inline(always)]
    fn class(byte: u8) -> usize {
        match byte {
            b'a'..=b'z' => usize::from(byte - b'a'),
            b'0'..=b'9' => 26 + usize::from(byte - b'0'),
            _ => 36 + usize::from(byte != b' '),
        }
    }

    #[inline(always)]
    fn index([a, b, c]: [u8; 3]) -> usize {
        (Trigrams::class(a) * Trigrams::CLASSES + Trigrams::class(b)) * Trigrams::CLASSES + Trigrams::class(c)
    }

    /// Whether a needle could start with a word whose first three folded bytes are these (with
    /// no glyph among them).
    #[inline(always)]
    fn may_start(&self, first: [u8; 3]) -> bool {
        let index = Trigrams::index(first);
        self.bits[index / 64] & 1 << (index % 64) != 0
    }
}

/// How every needle that can raise a hit on one surface begins: for each key (a word, or two
/// words, as [`word_hash`]es), whether a needle opens with it and whether a needle of several
/// words starts with it. See [`Probe`].
#[derive(Debug)]
pub(super) struct Openings {
    trigrams: Trigrams,
    /// The clitics, each as its last bytes packed in a `u32` (see [`Openings::stems`]).
    clitics: Vec<(u32, usize)>,
    /// Open addressing, at most half full: a 30-bit fingerprint of the key over the two bits of
    /// [`Openings::OPENS`] and [`Openings::LEADS`]; 0 is an empty slot. Four bytes a slot keep
    /// the table small enough to stay in the cache, probed once for nearly every word.
    slots: Vec<u32>,
}

impl Openings {
    /// A needle opens with the key: a needle of one word, or the first two words of one.
    const OPENS: u32 = 1;
    /// The key is the first word of a needle of several words.
    const LEADS: u32 = 2;

    /// The openings of `needles` (folded, each with its leading space), and the `clitics` (of
    /// three or four bytes) that may follow a needle in its word.
    pub fn new<'n>(needles: impl Iterator<Item = &'n [u8]> + Clone, clitics: &[Vec<u8>]) -> Openings {
        let clitics = clitics
            .iter()
            .map(|clitic| {
                assert!((3..=4).contains(&clitic.len()), "a clitic is three or four bytes");
                let mut packed = [0; 4];
                packed[4 - clitic.len()..].copy_from_slice(clitic);
                (u32::from_le_bytes(packed) >> (8 * (4 - clitic.len())), clitic.len())
            })
            .collect();
        let mut keys: Vec<(u64, u32)> = Vec::new();
        for needle in needles.clone() {
            let mut words = needle[1..].split(|&b| b == b' ');
            let first = words.next().unwrap_or_default();
            let second = words.next();
            // A word with no `i`, `l` or glyph reads the same loosely: a text word with a glyph
            // can never be it.
            let looseness: &[bool] =
                if first.iter().chain(second.unwrap_or_default()).any(|&b| matches!(b, b'i' | b'l' | GLYPH)) {
                    &[false, true]
                } else {
                    &[false]
                };
            for &loose in looseness {
                let first = word_hash(first, loose);
                match second {
                    None => keys.push((first, Openings::OPENS)),
                    Some(second) => {
                        keys.push((first, Openings::LEADS));
                        keys.push((pair(first, word_hash(second, loose)), Openings::OPENS));
                    }
                }
            }
        }
        let trigrams = Trigrams::new(needles);
        let mut openings = Openings { trigrams, clitics, slots: vec![0; (keys.len() * 2).next_power_of_two().max(16)] };
        for (key, flags) in keys {
            let (mut slot, fingerprint) = openings.locate(key);
            loop {
                match openings.slots[slot] {
                    0 => {
                        openings.slots[slot] = fingerprint | flags;
                        break;
                    }
                    found if found & !3 == fingerprint => {
                        openings.slots[slot] |= flags;
                        break;
                    }
                    _ => slot = (slot + 1) & (openings.slots.len() - 1),
                }
            }
        }
        openings
    }

    /// `word` without each clitic it ends in (never empty).
    #[inline]
    fn stems<'w>(&self, word: &'w [u8]) -> impl Iterator<Item = &'w [u8]> {
        // A word of three bytes or fewer has no stem before a clitic of three or four.
        let tail = match word.len() {
            4.. => u32::from_le_bytes(word[word.len() - 4..].try_into().expect("four bytes")),
            _ => 0,
        };
        self.clitics
            .iter()
            .filter(move |&&(clitic, len)| tail != 0 && word.len() > len && tail >> (8 * (4 - len)) == clitic)
            .map(move |&(_, len)| &word[..word.len() - len])
    }

    /// The key's first slot and its fingerprint (never 0).
    #[inline]
    fn locate(&self, key: u64) -> (usize, u32) {
        let key = key.wrapping_mul(MIX);
        ((key >> 32) as usize & (self.slots.len() - 1), (key as u32 & !3).max(4))
    }

    /// The flags of `key` (0 where no needle begins with it). Two keys with the same
    /// fingerprint merge: that only sends a comment to the full search for nothing.
    #[inline]
    fn flags(&self, key: u64) -> u32 {
        let (mut slot, fingerprint) = self.locate(key);
        loop {
            match self.slots[slot] {
                0 => return 0,
                found if found & !3 == fingerprint => return found & 3,
                _ => slot = (slot + 1) & (self.slots.len() - 1),
            }
        }
    }
}

const MIX: u64 = 0xf135_7aea_2e62_a9c5;

/// The key of two words.
#[inline]
fn pair(first: u64, second: u64) -> u64 {
    (first.rotate_left(26) ^ second).wrapping_mul(MIX) ^ 0x5bd1_e995
}

/// A folded word's hash, read eight bytes at a time. `loose`: with each run of `i`, `l` and the
/// glyph as one glyph, which is the same for a needle's word and for any text that reads as it
/// through glyphs.
fn word_hash(word: &[u8], loose: bool) -> u64 {
    let mut normalized = [0u8; Piece::LEN + 8];
    let mut len = 0;
    for &byte in word.iter().take(Piece::LEN) {
        let byte = if loose && matches!(byte, b'i' | b'l') { GLYPH } else { byte };
        if !(loose && byte == GLYPH && len > 0 && normalized[len - 1] == GLYPH) {
            normalized[len] = byte;
            len += 1;
        }
    }
    let chunks =
        (0..len.div_ceil(8)).map(|i| u64::from_le_bytes(normalized[i * 8..i * 8 + 8].try_into().expect("eight bytes")));
    mix_word(chunks, len, loose)
}

/// Whether eight folded bytes hold the glyph (the zeros that pad a word never look like one).
#[inline(always)]
fn has_glyph(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let diff = chunk ^ (ONES * u64::from(GLYPH));
    diff.wrapping_sub(ONES) & !diff & (ONES << 7) != 0
}

#[inline(always)]
fn mix_word(chunks: impl Iterator<Item = u64>, len: usize, loose: bool) -> u64 {
    let hash = chunks.fold(0u64, |hash, chunk| (hash.rotate_left(26) ^ chunk).wrapping_mul(MIX));
    (hash.rotate_left(26) ^ (len as u64) << 1 ^ u64::from(loose)).wrapping_mul(MIX)
}

/// The fold's sink that decides, word by word as it folds, whether a plain comment could raise
/// a hit at all. See the module docs.
///
/// A needle found by the full search starts at a word boundary, so the comment's words there
/// are the needle's opening: its one word (or that word and a clitic), or its first two words
/// (the second with a clitic, where the needle ends there); with glyphs, the same once each run
/// of `i`, `l` and glyph is one glyph. So each folded word is hashed as it is written and looked
/// up once (a word that starts a needle of several words is looked up again with the next
/// word; a word that ends in a clitic, without it). This is sound (a comment the full search
/// would find a needle in is always sent to it) and loose only where it is cheap to be: a
/// comment that opens a needle of three words but does not finish it, or reads as a needle only
/// through a glyph that stood for the wrong letter, is searched in full for nothing.
pub(super) struct Probe<'a> {
    openings: &'a Openings,
    /// The word before, where it starts a needle of several words.
    leader: Option<Leader>,
    /// The word being written is longer than a [`Piece`]: it goes to the full search.
    long: bool,
    hit: bool,
}

/// A word that starts a needle of several words, waiting for the next.
struct Leader {
    word: [u8; Piece::LEN],
    len: usize,
    glyph: bool,
    /// Its hash as written.
    exact: u64,
}

impl<'a> Probe<'a> {
    pub fn new(openings: &'a Openings) -> Probe<'a> {
        Probe { openings, leader: None, long: false, hit: false }
    }

    /// Folds and reads `text`: `None` where it is not plain (the full fold's job), else whether
    /// a needle could start at one of its words.
    pub fn run(mut self, text: &str) -> Option<bool> {
        fold_plain_into(text, &mut self).then_some(self.hit)
    }

    /// Whether a word whose first three folded bytes (a shorter word's padded with spaces) are
    /// `start` can be passed over unread: no needle starts so, and no needle of several words
    /// waits for it.
    #[inline]
    fn starts_no_needle(&self, start: [u8; 3]) -> bool {
        self.leader.is_none() && !start.contains(&GLYPH) && !self.openings.trigrams.may_start(start)
    }

    /// Reads a folded word: whether a needle can open there, and the word's flags.
    fn read_word(&self, word: &[u8], exact: u64, glyph: bool) -> (bool, u32) {
        let key = |word: &[u8], exact: u64| if glyph { word_hash(word, true) } else { exact };
        let flags = self.openings.flags(key(word, exact));
        // A clitic may close a needle of three letters or more: one word that long, or two.
        let opens = flags & Openings::OPENS != 0
            || self.after_leader(word, exact, glyph)
            || self.openings.stems(word).any(|stem| {
                let exact = word_hash(stem, false);
                (stem.len() >= 3 && self.openings.flags(key(stem, exact)) & Openings::OPENS != 0)
                    || self.after_leader(stem, exact, glyph)
            });
        (opens, flags)
    }

    /// Whether the word before and `word` (of exact hash `exact`) open a needle of several words.
    fn after_leader(&self, word: &[u8], exact: u64, glyph: bool) -> bool {
        let Some(leader) = &self.leader else { return false };
        let pair = if leader.glyph || glyph {
            pair(word_hash(&leader.word[..leader.len], true), word_hash(word, true))
        } else {
            pair(leader.exact, exact)
        };
        self.openings.flags(pair) & Openings::OPENS != 0
    }
}

impl FoldSink for Probe<'_> {
    #[inline]
    fn word(&mut self, piece: Piece<'_>, done: bool) {
        if !done || self.long {
            self.long = !done;
            self.hit = true;
            return;
        }
        if self.hit {
            return;
        }
        let word = piece.bytes();
        if word.len() < 3 {
            // The fold asks only from a word's third byte: a shorter one ends with the space.
            let mut start = [b' '; 3];
            start[..word.len()].copy_from_slice(word);
            if self.starts_no_needle(start) {
                return;
            }
        }
        let mut glyph = false;
        let exact = mix_word(piece.chunks().inspect(|&chunk| glyph |= has_glyph(chunk)), word.len(), false);
        let (opens, flags) = self.read_word(word, exact, glyph);
        self.hit = opens;
        self.leader = (flags & Openings::LEADS != 0).then(|| {
            let mut bytes = [0; Piece::LEN];
            bytes[..word.len()].copy_from_slice(word);
            Leader { word: bytes, len: word.len(), glyph, exact }
        });
    }

    #[inline]
    fn wants_word(&mut self, start: [u8; 3]) -> bool {
        !self.hit && !self.starts_no_needle(start)
    }
}

/// The earlier design, kept as the tests' oracle: every spelling of a needle with the
/// ambiguous glyph as a needle of its own, one unanchored `aho-corasick` search over the full
/// fold. It finds exactly what [`Search`] finds (a differential property test and a fuzz
/// target check so), at twice the automaton and a slower scan.
pub mod reference {
    use aho_corasick::{AhoCorasick, MatchKind};
    use rustc_hash::FxHashMap;

    use super::{GLYPH, NeedleHit};

    /// A needle with more `i`s and `l`s than this is refused: its 2^k spellings would not fit.
    pub const MAX_GLYPH_LETTERS: usize = 12;

    #[derive(Debug)]
    pub(in crate::moderation) struct Spellings {
        automaton: AhoCorasick,
        /// For each spelling: the needles it spells, and whether it wrote an `l` as the glyph.
        spells: Vec<Vec<(usize, bool)>>,
    }

    impl Spellings {
        pub fn new(needles: &[Vec<u8>]) -> Spellings {
            let mut index: FxHashMap<Vec<u8>, usize> = FxHashMap::default();
            let mut spelled: Vec<Vec<u8>> = Vec::new();
            let mut spells: Vec<Vec<(usize, bool)>> = Vec::new();
            for (needle, bytes) in needles.iter().enumerate() {
                for (spelling, glyph_for_l) in glyph_spellings(bytes) {
                    let at = *index.entry(spelling.clone()).or_insert_with(|| {
                        spelled.push(spelling);
                        spells.push(Vec::new());
                        spells.len() - 1
                    });
                    if !spells[at].iter().any(|&(n, _)| n == needle) {
                        spells[at].push((needle, glyph_for_l));
                    }
                }
            }
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&spelled)
                .expect("the reference's spellings fit an automaton");
            Spellings { automaton, spells }
        }

        pub fn find(&self, folded: &[u8], mut found: impl FnMut(NeedleHit)) {
            for hit in self.automaton.find_overlapping_iter(folded) {
                for &(needle, glyph_for_l) in &self.spells[hit.pattern().as_usize()] {
                    found(NeedleHit { needle, start: hit.start() + 1, end: hit.end(), glyph_for_l });
                }
            }
        }
    }

    /// Every spelling of a folded needle with its `i`s and `l`s written as the glyph, the needle
    /// itself first: `(spelling, writes an l so)`. A glyph next to a glyph collapses, as folding
    /// collapses it in the text (`l1` and `Il` are both typed `1`).
    fn glyph_spellings(needle: &[u8]) -> Vec<(Vec<u8>, bool)> {
        let positions: Vec<usize> = (0..needle.len()).filter(|&i| matches!(needle[i], b'i' | b'l')).collect();
        assert!(positions.len() <= MAX_GLYPH_LETTERS, "the reference takes needles of at most {MAX_GLYPH_LETTERS} i/l");
        (0..1u32 << positions.len())
            .map(|mask| {
                let mut spelling = Vec::with_capacity(needle.len());
                let (mut glyph_for_l, mut last_substituted) = (false, false);
                let mut next_position = positions.iter().enumerate().peekable();
                for (index, &byte) in needle.iter().enumerate() {
                    let substituted =
                        next_position.next_if(|&(_, &p)| p == index).is_some_and(|(bit, _)| mask & 1 << bit != 0);
                    let byte = if substituted { GLYPH } else { byte };
                    glyph_for_l |= substituted && needle[index] == b'l';
                    if byte == GLYPH && spelling.last() == Some(&byte) && (substituted || last_substituted) {
                        continue;
                    }
                    last_substituted = substituted;
                    spelling.push(byte);
                }
                (spelling, glyph_for_l)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|word| format!(" {word}").into_bytes()).collect()
    }

    fn find(search: &Search, folded: &str) -> Vec<(usize, String, bool)> {
        let mut walks = Walks::default();
        let mut hits = Vec::new();
        search.find(folded.as_bytes(), &mut walks, |hit| {
            hits.push((hit.needle, folded[hit.start..hit.end].to_string(), hit.glyph_for_l))
        });
        hits
    }

    #[test]
    fn needles_are_found_only_from_a_word_start() {
        let search = Search::new(&needles(&["shope", "hope", "nomor rekening", "rekening"]));
        assert_eq!(find(&search, " shope "), [(0, "shope".into(), false)]);
        assert_eq!(
            find(&search, " nomor rekening "),
            [(2, "nomor rekening".into(), false), (3, "rekening".into(), false)],
            "a suffix needle is found by its own walk, once"
        );
        assert_eq!(find(&search, " xshope "), []);
    }

    #[test]
    fn a_glyph_reads_as_i_l_or_a_run_of_them() {
        let search = Search::new(&needles(&["lazada", "blibli", "kilat", "ig", "lg"]));
        assert_eq!(find(&search, " 1azada "), [(0, "1azada".into(), true)]);
        assert_eq!(
            find(&search, " b1ib1i "),
            [(1, "b1ib1".into(), true), (1, "b1ib1i".into(), true)],
            "the last glyph reads as `li` and as `l` (the matcher then keeps what ends the word)"
        );
        assert_eq!(find(&search, " k1at "), [(2, "k1at".into(), true)]);
        assert_eq!(find(&search, " 1g "), [(3, "1g".into(), false), (4, "1g".into(), true)]);
        assert_eq!(find(&search, " lg "), [(4, "lg".into(), false)], "a plain letter stays itself");
    }

    #[test]
    fn the_probe_sends_on_only_the_comments_a_needle_could_open_in() {
        let needles = needles(&["shope", "wa", "nomor rekening", "barang kw", "lazada"]);
        let openings = Openings::new(needles.iter().map(|n| &n[..]), &[b"nya".to_vec(), b"lah".to_vec()]);
        let probe = |text: &str| Probe::new(&openings).run(text);
        for text in [
            "di sh0pee aja",
            "shopeenya",
            "w.a aku",
            "SHOPEEEE",
            "kirim nomor rekening",
            "nomor rekeningnya",
            "barang kwlah",
            "1azada",
            "IAZADA",
            "cek Iazadanya",
        ] {
            assert_eq!(probe(text), Some(true), "{text}");
        }
        for text in ["warna navy", "shopeex", "wanya", "kak ready?", "", "nomor hp", "rekening", "lazadax", "1a"] {
            assert_eq!(probe(text), Some(false), "{text}");
        }
        assert_eq!(probe("ѕһорее"), None, "not plain: the full fold's job");
        assert_eq!(probe(&format!("{} shopee", "a".repeat(40))), Some(true), "a long word goes to the full search");
    }
}
