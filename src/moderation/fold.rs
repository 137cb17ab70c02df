//! Folding: turns what a viewer typed into the canonical form the matcher searches, while
//! remembering where every folded byte came from in the original.
//!
//! Viewers dodge filters on purpose, so folding undoes each trick in turn:
//!
//! | trick | example | folded |
//! | --- | --- | --- |
//! | case, width, accents | `ＳＨÕＰＥＥ` | `shope` |
//! | look-alike letters (Unicode TR39 confusables) | `ѕһорее` (Cyrillic) | `shope` |
//! | leetspeak, inside words only | `sh0pee`, `l4zada`, `$hopee` | `shope`, `lazada`, `shope` |
//! | a glyph that is `i` or `l` | `1azada`, `Iazada` | `1azada` (see below) |
//! | zero-width characters | `sho\u{200b}pee` | `shope` |
//! | letters spread out | `s.h.o.p.e.e`, `s h o p e e`, `s🔥h🔥o🔥p🔥e🔥e` | `shope` |
//! | repeated letters | `shopeeee`, `anjiiiing` | `shope`, `anjing` |
//!
//! # The rule: plain letters stay the letters they are
//!
//! A word typed in plain ASCII letters folds to itself, lowercased, with repeated letters
//! collapsed: **no letter is ever rewritten as another letter**. An earlier design folded `l` to
//! `i` everywhere so that `1azada` could never be missed; it read `tali` (strap) as `tai`, `lg`
//! (*lagi*) as `ig` and `bibi` (aunt) as `blibli`, and flagged everyday chat all day. Evasions
//! only ever change what is *not* a plain letter: a digit or symbol inside a word, a letter from
//! another script or style, an accent, an invisible character, a separator between letters.
//!
//! Three glyphs are ambiguous between `i` and `l`: the digit `1`, the capital `I` (which is a
//! lowercase `L` in most sans-serif fonts: `Iazada`) and look-alikes whose TR39 prototype is `l`
//! (Greek `Ι`, Cyrillic `Ӏ`). Inside a word with letters they all fold to the byte `1`, which
//! stands for "i or l" and is never merged with either. The search reads that byte as an `i`,
//! an `l` or a run of them (see `search`), so `1azada`, `Iazada`, `INSTAGRAM` and `bl1bl1` are
//! found while `lg` stays `lg` and never meets `ig`. The cost: `I` loses its identity as a
//! capital `i` inside the folded text (`Ini` folds to `1ni`), which matters only where a term
//! could be read there, and there the search reads it both ways.
//!
//! Runs of a repeated character collapse to one, in terms and text alike (`shopee` itself folds
//! to `shope`), so `SHOPEEEE` and `anjiiiing` need no listed variants. Collapsing can make two
//! different short words one (`tll`, an alias of *tolol*, and `tl`, everyday chat), so the
//! matcher accepts a term of fewer than three folded letters only where its letters repeat as
//! the lexicon writes them; [`fold_uncollapsed`] gives the form it compares.
//!
//! The folded form is words of lowercase ASCII (non-Latin letters kept as they are, `1` for the
//! ambiguous glyph) separated by single spaces, with a space at each end, so a word boundary is
//! always a space. Digits stay digits in words without letters (`0812`, `100`); they become
//! letters only inside words that have letters (`sh0pee`), which keeps prices and phone numbers
//! from turning into words.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::event::Evasion;

/// Folded text and, for each of its bytes, the original byte range it came from.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// Always starts and ends with a space; valid UTF-8.
    pub text: Vec<u8>,
    /// `spans[i]` is the `[start, end)` byte range in the original of `text[i]`. Separators
    /// get an empty range at their position.
    pub spans: Vec<(u32, u32)>,
}

impl Folded {
    /// Original byte range covered by folded bytes `[start, end)` (which must hold a byte that is
    /// not a separator at each end).
    pub fn original_range(&self, start: usize, end: usize) -> (u32, u32) {
        (self.spans[start].0, self.spans[end - 1].1)
    }

    /// The folded text as a string (for tests and diagnostics).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.text).expect("folding writes UTF-8")
    }
}

/// What one original character contributes.
#[derive(Debug, Clone, Copy)]
enum CharClass {
    /// Invisible: zero-width characters, combining marks.
    Ignored,
    /// Whitespace: separates words, and marks a spread-out run as spaced (`s h o p`).
    Space,
    /// Punctuation, symbols, emoji: separates words.
    Separator,
    /// One or more word characters (lowercase ASCII letters and digits, `@`, `$`, or non-Latin letters).
    Word(WordChars),
}

/// The (at most [`WordChars::MAX`]) folded characters one original character stands for, kept
/// inline: folding runs on every comment, and a heap allocation per character would cost more
/// than everything else together.
#[derive(Debug, Clone, Copy, Default)]
struct WordChars {
    chars: [char; WordChars::MAX],
    len: u8,
}

impl WordChars {
    /// Longer expansions (rare ligatures such as `ﷺ`) keep their first letters.
    const MAX: usize = 4;

    fn one(ch: char) -> Self {
        let mut word = WordChars::default();
        word.push(ch);
        word
    }

    fn push(&mut self, ch: char) {
        if (self.len as usize) < Self::MAX {
            self.chars[self.len as usize] = ch;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[char] {
        &self.chars[..self.len as usize]
    }
}

/// A word character with its original range.
#[derive(Debug, Clone, Copy)]
struct Atom {
    ch: char,
    start: u32,
    end: u32,
}

/// A run of atoms between separators.
#[derive(Debug, Clone, Copy)]
struct Token {
    first: usize,
    len: usize,
    /// Whitespace between the previous token and this one.
    spaced: bool,
}

/// Classes of non-ASCII characters already seen (emoji and the like recur constantly).
type NonAsciiClasses = HashMap<char, CharClass, rustc_hash::FxBuildHasher>;

/// Reusable buffers, so folding a comment allocates nothing once warm.
#[derive(Default)]
struct Scratch {
    atoms: Vec<Atom>,
    tokens: Vec<Token>,
    joined: Vec<Token>,
    non_ascii: NonAsciiClasses,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Folds `text` into `out` (cleared first).
pub fn fold_into(text: &str, out: &mut Folded) {
    SCRATCH.with(|scratch| fold_with(&mut scratch.borrow_mut(), text, out, Repeats::Collapse));
}

/// The folded text alone, without the spans: through the fast path where `text` is plain.
pub fn fold_text(text: &str) -> String {
    let mut folded = Vec::new();
    if !fold_plain(text, &mut folded) {
        folded = fold(text).text;
    }
    String::from_utf8(folded).expect("folding writes UTF-8")
}

/// Folds `text` by every rule but one: repeated letters are kept (`waaa` stays `waaa`). The
/// matcher compares this form of a short term and of the text it was found in.
pub fn fold_uncollapsed(text: &str) -> String {
    let mut out = Folded::default();
    SCRATCH.with(|scratch| fold_with(&mut scratch.borrow_mut(), text, &mut out, Repeats::Keep));
    String::from_utf8(out.text).expect("folding writes UTF-8")
}

/// Whether runs of a repeated letter collapse to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeats {
    Collapse,
    Keep,
}

/// Folds `text` into `out` (cleared first) without the spans, when `text` is plain: words of
/// printable ASCII, between separators and spaces of any kind (emoji, `…`, a no-break space),
/// as most chat is. Returns `false`, leaving `out` empty, for any other text (a letter or digit
/// outside ASCII, an invisible character, and the odd text that spreads out more than 64
/// letters in a row).
///
/// It follows exactly the rules of [`fold_into`] (tested to give the same text over thousands
/// of generated inputs), in one pass over the bytes with lookup tables built from the same
/// [`map_word_char`], and the full fold's own classes for characters outside ASCII.
pub fn fold_plain(text: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    out.reserve(text.len() + 2);
    out.push(b' ');
    let plain = fold_plain_into(text, out);
    if !plain {
        out.clear();
    }
    plain
}

/// Where the plain fold writes: a buffer ([`fold_plain`]), or the matcher's probe, which reads
/// each folded word as it is made and never keeps the text (see `search`).
pub(crate) trait FoldSink {
    /// A folded word, or (`done` false) the first [`Piece::LEN`] bytes of a longer one, whose
    /// next piece follows. The folded text's spaces are implied: one after each word.
    fn word(&mut self, piece: Piece<'_>, done: bool);
    /// Whether a word that starts with these three folded bytes matters. A sink that says no
    /// never gets the word, whose rest the fold passes over at the cost of a byte-class lookup
    /// each.
    fn wants_word(&mut self, _start: [u8; 3]) -> bool {
        true
    }
}

/// A folded word as the fold hands it to its sink: bytes on the fold's stack, zero past the
/// word's length, so they can be read eight at a time.
#[derive(Clone, Copy)]
pub(crate) struct Piece<'a> {
    bytes: &'a [u8; Piece::LEN],
    len: usize,
}

impl Piece<'_> {
    pub const LEN: usize = 32;

    /// The folded bytes.
    #[inline(always)]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// The bytes as little-endian words of eight, the last padded with zeros.
    #[inline(always)]
    pub fn chunks(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.len.div_ceil(8))
            .map(|i| u64::from_le_bytes(self.bytes[i * 8..i * 8 + 8].try_into().expect("eight bytes")))
    }
}

/// Gathers a word's folded bytes for the sink. Kept apart from [`Piece`] (whose bytes the sink
/// borrows) so the lengths stay in registers while the fold runs.
struct WordWriter {
    bytes: [u8; Piece::LEN],
    len: usize,
    /// An earlier piece of this word went to the sink.
    continued: bool,
}

impl WordWriter {
    #[inline(always)]
    fn new() -> WordWriter {
        WordWriter { bytes: [0; Piece::LEN], len: 0, continued: false }
    }

    /// Adds a folded byte; `false` where the sink wants no more of this word.
    #[inline(always)]
    fn push(&mut self, byte: u8, sink: &mut impl FoldSink) -> bool {
        self.bytes[self.len % Piece::LEN] = byte;
        self.len += 1;
        if self.len == 3 && !self.continued && !sink.wants_word([self.bytes[0], self.bytes[1], self.bytes[2]]) {
            return false;
        }
        if self.len == Piece::LEN {
            sink.word(Piece { bytes: &self.bytes, len: Piece::LEN }, false);
            self.bytes = [0; Piece::LEN];
            self.len = 0;
            self.continued = true;
        }
        true
    }

    #[inline(always)]
    fn finish(&self, sink: &mut impl FoldSink) {
        if self.len > 0 || self.continued {
            sink.word(Piece { bytes: &self.bytes, len: self.len }, true);
        }
    }
}

impl FoldSink for Vec<u8> {
    #[inline]
    fn word(&mut self, piece: Piece<'_>, done: bool) {
        self.extend_from_slice(piece.bytes());
        if done {
            self.push(b' ');
        }
    }
}

/// The plain fold of `text` into `sink` (see [`fold_plain`]); `false` where `text` is not plain,
/// after which what the sink was given is to be thrown away.
pub(crate) fn fold_plain_into(text: &str, sink: &mut impl FoldSink) -> bool {
    SCRATCH.with(|scratch| fold_plain_with(&mut scratch.borrow_mut().non_ascii, text, sink))
}

/// What separates words at `index` of `text`: `Some(whitespace, its length in bytes)`, or `None`
/// where a word character (or anything the fast fold leaves to the full one) stands.
fn gap_at(text: &str, index: usize, tables: &AsciiTables, non_ascii: &mut NonAsciiClasses) -> Option<(bool, usize)> {
    let byte = text.as_bytes()[index];
    match tables.class[byte as usize] {
        ByteClass::Space => Some((true, 1)),
        ByteClass::Separator => Some((false, 1)),
        ByteClass::Word => None,
        ByteClass::NotPlain if byte.is_ascii() => None,
        ByteClass::NotPlain => {
            let ch = text[index..].chars().next().expect("a character starts at every gap");
            let after_word = index > 0 && tables.class[text.as_bytes()[index - 1] as usize] == ByteClass::Word;
            match *non_ascii.entry(ch).or_insert_with(|| non_ascii_class(ch)) {
                CharClass::Space => Some((true, ch.len_utf8())),
                CharClass::Separator => Some((false, ch.len_utf8())),
                // Invisible inside a gap (the joiners of an emoji sequence): nothing to fold. After
                // a letter it may join two halves of a word (`sho\u{200b}pee`): the full fold's job.
                CharClass::Ignored if !after_word => Some((false, ch.len_utf8())),
                CharClass::Word(_) | CharClass::Ignored => None,
            }
        }
    }
}

fn fold_plain_with(non_ascii: &mut NonAsciiClasses, text: &str, sink: &mut impl FoldSink) -> bool {
    let tables = &*ASCII_TABLES;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match tables.class[bytes[index] as usize] {
            ByteClass::Word => {
                let start = index;
                let next_is_word =
                    bytes.get(index + 1).is_some_and(|&byte| tables.class[byte as usize] == ByteClass::Word);
                if next_is_word && bytes[index].is_ascii_alphabetic() {
                    // Most words: two characters or more, starting with a letter. The word has a
                    // letter, so it is folded as it is read, in one pass.
                    index = stream_letter_word(bytes, start, tables, sink);
                    continue;
                }
                let mut has_letter = false;
                while index < bytes.len() && tables.class[bytes[index] as usize] == ByteClass::Word {
                    has_letter |= bytes[index].is_ascii_alphabetic();
                    index += 1;
                }
                if index - start == 1 {
                    match spread_run(text, start, tables, non_ascii) {
                        Spread::Joined(run) => {
                            emit_ascii_word(&run.letters[..run.len], true, tables, sink);
                            index = run.next;
                        }
                        Spread::NotJoined => emit_ascii_word(&bytes[start..index], has_letter, tables, sink),
                        Spread::TooLong => return false,
                    }
                } else {
                    emit_ascii_word(&bytes[start..index], has_letter, tables, sink);
                }
            }
            ByteClass::Space | ByteClass::Separator => index += 1,
            ByteClass::NotPlain => match gap_at(text, index, tables, non_ascii) {
                Some((_, len)) => index += len,
                None => return false,
            },
        }
    }
    true
}

/// Writes the word of two characters or more starting with the letter at `start`, and returns
/// where it ends: [`emit_ascii_word`] for a word known to have a letter, in the same pass that
/// finds its end.
#[inline]
fn stream_letter_word(bytes: &[u8], start: usize, tables: &AsciiTables, sink: &mut impl FoldSink) -> usize {
    let mut piece = WordWriter::new();
    let mut last = tables.word_start[bytes[start] as usize];
    piece.push(last, sink);
    let mut index = start + 1;
    // Inside a word with a letter every word character folds to a byte, and nothing else does
    // (tested): one lookup tells the word's end and its folded byte.
    while let Some(&byte) = bytes.get(index) {
        let ch = tables.in_word[byte as usize];
        if ch == 0 {
            break;
        }
        index += 1;
        if ch != last {
            last = ch;
            if !piece.push(ch, sink) {
                while bytes.get(index).is_some_and(|&byte| tables.in_word[byte as usize] != 0) {
                    index += 1;
                }
                return index;
            }
        }
    }
    piece.finish(sink);
    index
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Word,
    Space,
    Separator,
    /// Not printable ASCII: the full fold handles it.
    NotPlain,
}

struct AsciiTables {
    class: [ByteClass; 256],
    /// A word character's fold inside a word with letters (0: dropped).
    in_word: [u8; 256],
    /// ... as the word's first character.
    word_start: [u8; 256],
    /// ... inside a word without letters.
    in_number: [u8; 256],
}

static ASCII_TABLES: std::sync::LazyLock<AsciiTables> = std::sync::LazyLock::new(|| {
    let mut tables =
        AsciiTables { class: [ByteClass::NotPlain; 256], in_word: [0; 256], word_start: [0; 256], in_number: [0; 256] };
    let fold = |ch: char, has_letter, first| map_word_char(ch, has_letter, first).map_or(0, |c| c as u8);
    for byte in 0..=127u8 {
        let ch = byte as char;
        tables.class[byte as usize] = match ascii_class(ch) {
            CharClass::Word(_) => ByteClass::Word,
            CharClass::Space => ByteClass::Space,
            CharClass::Separator => ByteClass::Separator,
            CharClass::Ignored => ByteClass::NotPlain,
        };
        if let CharClass::Word(chars) = ascii_class(ch) {
            let lower = chars.as_slice()[0];
            tables.in_word[byte as usize] = fold(lower, true, false);
            tables.word_start[byte as usize] = fold(lower, true, true);
            tables.in_number[byte as usize] = fold(lower, false, false);
        }
    }
    tables
});

/// Letters spread out with separators, joined (see [`join_spread_letters`]).
struct SpreadRun {
    letters: [u8; SpreadRun::MAX],
    len: usize,
    /// Where scanning resumes.
    next: usize,
}

impl SpreadRun {
    /// A run this long is left to the full fold (no real evasion spells out this many letters).
    const MAX: usize = 64;
}

enum Spread {
    Joined(SpreadRun),
    NotJoined,
    TooLong,
}

/// The run of one-character words starting at `first`, by the same rules as
/// [`join_spread_letters`].
fn spread_run(text: &str, first: usize, tables: &AsciiTables, non_ascii: &mut NonAsciiClasses) -> Spread {
    let bytes = text.as_bytes();
    let mut run = SpreadRun { letters: [0; SpreadRun::MAX], len: 1, next: first + 1 };
    run.letters[0] = bytes[first];
    // For each word after the first: whether whitespace precedes it, and where it ends.
    let mut gaps = [(false, 0usize); SpreadRun::MAX];
    let mut index = first + 1;
    loop {
        let mut spaced = false;
        while let Some((space, len)) = (index < bytes.len()).then(|| gap_at(text, index, tables, non_ascii)).flatten() {
            spaced |= space;
            index += len;
        }
        let is_single = index < bytes.len()
            && tables.class[bytes[index] as usize] == ByteClass::Word
            && bytes.get(index + 1).is_none_or(|&b| tables.class[b as usize] != ByteClass::Word);
        if !is_single {
            break;
        }
        if run.len == SpreadRun::MAX {
            return Spread::TooLong;
        }
        gaps[run.len] = (spaced, index + 1);
        run.letters[run.len] = bytes[index];
        run.len += 1;
        index += 1;
    }
    let (words, any_space) = spread_run_extent(gaps[1..run.len].iter().map(|&(spaced, _)| spaced));
    run.len = words;
    if words > 1 {
        run.next = gaps[words - 1].1;
    }
    let has_letter = run.letters[..run.len].iter().any(u8::is_ascii_alphabetic);
    if joins(run.len, any_space, has_letter) { Spread::Joined(run) } else { Spread::NotJoined }
}

fn emit_ascii_word(word: &[u8], has_letter: bool, tables: &AsciiTables, sink: &mut impl FoldSink) {
    let mut piece = WordWriter::new();
    let mut last = 0;
    for (index, &byte) in word.iter().enumerate() {
        let ch = match (has_letter, index) {
            (true, 0) => tables.word_start[byte as usize],
            (true, _) => tables.in_word[byte as usize],
            // Numbers keep their repeats (`100`).
            (false, _) => tables.in_number[byte as usize],
        };
        if ch != 0 && (ch != last || !has_letter) {
            last = ch;
            if !piece.push(ch, sink) {
                return;
            }
        }
    }
    piece.finish(sink);
}

/// Folds `text` into a new [`Folded`].
pub fn fold(text: &str) -> Folded {
    let mut out = Folded::default();
    fold_into(text, &mut out);
    out
}

fn fold_with(scratch: &mut Scratch, text: &str, out: &mut Folded, repeats: Repeats) {
    let Scratch { atoms, tokens, joined, non_ascii } = scratch;
    atoms.clear();
    tokens.clear();
    out.text.clear();
    out.spans.clear();

    // 1. Classify characters into word atoms, grouped in tokens.
    let mut in_token = false;
    let mut spaced = false;
    for (start, ch) in text.char_indices() {
        let end = (start + ch.len_utf8()) as u32;
        let start = start as u32;
        let class =
            if ch.is_ascii() { ascii_class(ch) } else { *non_ascii.entry(ch).or_insert_with(|| non_ascii_class(ch)) };
        match class {
            CharClass::Ignored => {}
            CharClass::Space => {
                in_token = false;
                spaced = true;
            }
            CharClass::Separator => in_token = false,
            CharClass::Word(chars) => {
                if !in_token {
                    tokens.push(Token { first: atoms.len(), len: 0, spaced });
                    in_token = true;
                    spaced = false;
                }
                for &ch in chars.as_slice() {
                    atoms.push(Atom { ch, start, end });
                }
                tokens.last_mut().expect("a token was just started").len += chars.as_slice().len();
            }
        }
    }

    // 2. Join letters spread out with separators into one word: `s.h.o.p.e.e`, `s h o p e e`.
    join_spread_letters(tokens, joined, atoms);

    // 3. Write each token: leetspeak inside words with letters, repeated letters collapsed.
    out.text.push(b' ');
    out.spans.push((0, 0));
    for token in tokens.iter() {
        let atoms = &atoms[token.first..token.first + token.len];
        let has_letter = atoms.iter().any(|a| a.ch.is_alphabetic());
        let before = out.text.len();
        let mut last: Option<char> = None;
        for (index, atom) in atoms.iter().enumerate() {
            let Some(ch) = map_word_char(atom.ch, has_letter, index == 0) else { continue };
            if has_letter && repeats == Repeats::Collapse && last == Some(ch) {
                // Collapse the repeat into the previous character's range.
                let width = ch.len_utf8();
                let len = out.spans.len();
                for span in &mut out.spans[len - width..] {
                    span.1 = atom.end;
                }
                continue;
            }
            last = Some(ch);
            let mut buf = [0u8; 4];
            for &byte in ch.encode_utf8(&mut buf).as_bytes() {
                out.text.push(byte);
                out.spans.push((atom.start, atom.end));
            }
        }
        if out.text.len() > before {
            let at = out.spans.last().map_or(0, |span| span.1);
            out.text.push(b' ');
            out.spans.push((at, at));
        }
    }
}

/// How a stretch of text is written, counted the same way for a hit and for the lexicon entry
/// it matched, so [`evasions`] can tell what the viewer did differently.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Runs of word characters between separators.
    pub words: usize,
    /// Word characters.
    pub chars: usize,
    /// Digits, `$` and `@`: what leetspeak writes letters with.
    pub symbols: usize,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        shape_and_marks(text).0
    }
}

/// Evasions a text shows character by character, as bits of `1 << Evasion as u8`.
fn shape_and_marks(text: &str) -> (Shape, u8) {
    let mut shape = Shape::default();
    let mut marks = 0u8;
    let mut in_word = false;
    for ch in text.chars() {
        let class = if ch.is_ascii() { ascii_class(ch) } else { non_ascii_class(ch) };
        match class {
            CharClass::Ignored if unicode_normalization::char::is_combining_mark(ch) => {
                marks |= 1 << Evasion::Accents as u8;
            }
            CharClass::Ignored => marks |= 1 << Evasion::Invisible as u8,
            CharClass::Space | CharClass::Separator => in_word = false,
            CharClass::Word(_) => {
                shape.words += usize::from(!in_word);
                in_word = true;
                shape.chars += 1;
                shape.symbols += usize::from(ch.is_ascii_digit() || matches!(ch, '$' | '@'));
                if !ch.is_ascii() {
                    let evasion = if is_accented_latin(ch) { Evasion::Accents } else { Evasion::LookAlike };
                    marks |= 1 << evasion as u8;
                }
            }
        }
    }
    (shape, marks)
}

/// The evasions undone in reading `typed` (what the viewer wrote, as found) as an entry of
/// shape `entry` (the term or alias it matched, which folds the same way). `glyph_for_l`: the
/// match wrote one of the entry's `l`s as the ambiguous glyph, so a capital `I` typed there
/// stood for `l`.
pub fn evasions(typed: &str, entry: &Shape, glyph_for_l: bool) -> Vec<Evasion> {
    let (shape, mut marks) = shape_and_marks(typed);
    // Digits and symbols the entry does not have stood for letters (`100% ampuh` has its own).
    if shape.symbols > entry.symbols || (glyph_for_l && typed.contains('I')) {
        marks |= 1 << Evasion::Leet as u8;
    }
    if shape.words > entry.words {
        marks |= 1 << Evasion::Spread as u8;
    }
    if shape.chars > entry.chars {
        marks |= 1 << Evasion::Repeats as u8;
    }
    Evasion::ALL.into_iter().filter(|&evasion| marks & 1 << evasion as u8 != 0).collect()
}

/// A Latin letter with accents or other marks (`é`), as opposed to a look-alike from another
/// script or style (`е`, `ｅ`, `𝐞`).
fn is_accented_latin(ch: char) -> bool {
    let mut parts = 0;
    let mut base_is_latin = false;
    let mut marked = false;
    unicode_normalization::char::decompose_canonical(ch, |part| {
        if parts == 0 {
            base_is_latin = part.is_ascii_alphabetic();
        } else {
            marked |= unicode_normalization::char::is_combining_mark(part);
        }
        parts += 1;
    });
    base_is_latin && marked
}

/// A loose key for comparing whole texts and names rather than finding words in them:
/// `text` folded, whitespace dropped, `i`, `l` and the ambiguous glyph as one letter, repeats
/// collapsed. `Novilla OfficiaI`, `novi11a.official` and `NOVILLA OFFICIAL` share a key; so do
/// a troll's `barang KW jangan beli` and `BARANG KW JANGAN BELI!!`.
pub fn skeleton(text: &str) -> String {
    let mut key = String::new();
    for ch in fold_text(text).chars().filter(|c| !c.is_whitespace()) {
        let ch = if matches!(ch, 'i' | 'l' | AMBIGUOUS_I_L) { 'l' } else { ch };
        if !key.ends_with(ch) {
            key.push(ch);
        }
    }
    key
}

/// Joins runs of one-character words into one word: `s.h.o.p.e.e`, `s h o p e e`.
fn join_spread_letters(tokens: &mut Vec<Token>, joined: &mut Vec<Token>, atoms: &[Atom]) {
    if tokens.iter().all(|t| t.len > 1) {
        return;
    }
    joined.clear();
    let mut index = 0;
    while index < tokens.len() {
        let mut run_end = index;
        while run_end < tokens.len() && tokens[run_end].len == 1 {
            run_end += 1;
        }
        let (run, any_space) = spread_run_extent(tokens[index..run_end].iter().skip(1).map(|t| t.spaced));
        let run_end = index + run;
        let has_letter = tokens[index..run_end].iter().any(|t| atoms[t.first].ch.is_alphabetic());
        if joins(run, any_space, has_letter) {
            joined.push(Token { first: tokens[index].first, len: run, spaced: tokens[index].spaced });
            index = run_end;
        } else {
            joined.push(tokens[index]);
            index += 1;
        }
    }
    std::mem::swap(tokens, joined);
}

/// How much of a run of one-character words goes together, given whether each gap after the
/// first word is whitespace: `(words, any gap is whitespace)`. Where letters are spread with
/// punctuation or emoji, whitespace between them separates words (`p.a.s.t.i s.e.m.b.u.h` is two
/// words); where only whitespace spreads them (`s h o p e e`), the words cannot be told apart.
fn spread_run_extent(gaps: impl Iterator<Item = bool> + Clone) -> (usize, bool) {
    let words = gaps.clone().count() + 1;
    let first_space = gaps.clone().position(|spaced| spaced);
    let any_punctuation = gaps.clone().any(|spaced| !spaced);
    match first_space {
        Some(at) if any_punctuation => (at + 1, false),
        Some(_) => (words, true),
        None => (words, false),
    }
}

/// Whether a run of `words` one-character words is joined into one word: at least two when the
/// separators are punctuation or emoji (`w.a`, `s🔥h`), at least three when they are whitespace
/// (`s h o`: two lone letters with a space between are too often just that), and only when
/// there is a letter among them.
fn joins(words: usize, any_space: bool, has_letter: bool) -> bool {
    words >= 2 && has_letter && (words >= 3 || !any_space)
}

/// The folded form of a word character, or `None` to drop it.
fn map_word_char(ch: char, word_has_letter: bool, first_in_word: bool) -> Option<char> {
    if !word_has_letter {
        // Numbers stay numbers; a lone `@` or `$` is punctuation.
        return match ch {
            '@' | '$' => None,
            '1' => Some('1'),
            _ => Some(ch),
        };
    }
    Some(match ch {
        '0' => 'o',
        // The glyphs that are `i` or `l`: see the module docs.
        '1' | 'I' => AMBIGUOUS_I_L,
        '3' => 'e',
        '4' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        // `@handle` is a mention, `sh@pee` an evasion.
        '@' if first_in_word => return None,
        '@' => 'a',
        other => other,
    })
}

/// What the glyphs that may be `i` or `l` fold to inside a word with letters.
pub const AMBIGUOUS_I_L: char = '1';

fn ascii_class(ch: char) -> CharClass {
    match ch {
        // A capital `I` is kept apart from `i` until it is folded: it may be an `l` (`Iazada`).
        'a'..='z' | '0'..='9' | '@' | '$' | 'I' => CharClass::Word(WordChars::one(ch)),
        'A'..='Z' => CharClass::Word(WordChars::one(ch.to_ascii_lowercase())),
        c if c.is_ascii_whitespace() => CharClass::Space,
        c if c.is_ascii_control() => CharClass::Ignored,
        _ => CharClass::Separator,
    }
}

/// Zero-width and other invisible formatting characters that viewers slip between letters.
fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E0FFF}')
}

fn non_ascii_class(ch: char) -> CharClass {
    if is_invisible(ch) {
        return CharClass::Ignored;
    }
    if ch.is_whitespace() {
        return CharClass::Space;
    }
    // Compatibility decomposition folds widths, ligatures, circled and mathematical letters;
    // dropping combining marks then folds accents.
    let mut word = WordChars::default();
    let mut separator = false;
    unicode_normalization::char::decompose_compatible(ch, |part| {
        if part.is_ascii() {
            match ascii_class(part) {
                CharClass::Word(chars) => chars.as_slice().iter().for_each(|&c| word.push(c)),
                CharClass::Space | CharClass::Separator => separator = true,
                CharClass::Ignored => {}
            }
        } else if unicode_normalization::char::is_combining_mark(part) || is_invisible(part) {
            // Accents and the like: folded away.
        } else if let Some(prototype) = latin_prototype(part) {
            prototype.into_iter().for_each(|c| word.push(c));
        } else if part.is_alphanumeric() {
            part.to_lowercase().for_each(|c| word.push(c));
        } else {
            separator = true;
        }
    });
    match (word.len == 0, separator) {
        (false, _) => CharClass::Word(word),
        (true, true) => CharClass::Separator,
        (true, false) => CharClass::Ignored,
    }
}

/// The Latin letters a look-alike character stands for, per Unicode TR39 (`ѕ` → `s`,
/// `һ` → `h`), when it stands for Latin letters or digits at all.
fn latin_prototype(ch: char) -> Option<Vec<char>> {
    let mut buf = [0u8; 4];
    let prototype: String = unicode_security::skeleton(ch.encode_utf8(&mut buf)).collect();
    if !prototype.chars().all(|c| c.is_ascii_alphanumeric()) || prototype.is_empty() {
        return None;
    }
    // TR39 writes some prototypes as look-alike letter pairs; the letter itself is meant. A
    // glyph whose prototype is `l` (Greek `Ι`, Cyrillic `Ӏ`) is as ambiguous as a capital `I`.
    let prototype = match prototype.as_str() {
        "rn" => "m",
        "vv" => "w",
        "cl" => "d",
        "l" => "I",
        other => other,
    };
    Some(prototype.chars().map(|c| if c == 'I' { c } else { c.to_ascii_lowercase() }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        fold(text).as_str().to_string()
    }

    #[test]
    fn plain_words_are_lowercased_and_spaced() {
        assert_eq!(folded("Ready KAK?"), " ready kak ");
        assert_eq!(folded(""), " ");
        assert_eq!(folded("   "), " ");
    }

    #[test]
    fn evasions_fold_to_the_same_word() {
        for text in [
            "shopee",
            "SHOPEE",
            "sh0pee",
            "$hopee",
            "sh0p3e",
            "ѕһорее",
            "ＳＨＯＰＥＥ",
            "𝐬𝐡𝐨𝐩𝐞𝐞",
            "shópéé",
            "sho\u{200b}pee",
            "s.h.o.p.e.e",
            "s h o p e e",
            "s-h-o-p-e-e",
            "s🔥h🔥o🔥p🔥e🔥e",
            "shopeeeee",
            "sh00pee",
        ] {
            assert_eq!(folded(text), " shope ", "{text:?}");
        }
        assert_eq!(folded("l4zada"), folded("lazadaaa"));
        assert_eq!(folded("anjiiiing"), folded("anjing"));
        assert_eq!(folded("l@zada"), folded("lazada"));
    }

    #[test]
    fn plain_letters_are_never_rewritten_as_other_letters() {
        for (text, expected) in [
            ("tali", " tali "),
            ("lg", " lg "),
            ("bibi", " bibi "),
            ("blibli", " blibli "),
            ("tl", " tl "),
            ("tll", " tl "),
            ("talk", " talk "),
            ("Tali tas nya kuat", " tali tas nya kuat "),
        ] {
            assert_eq!(folded(text), expected, "{text:?}");
        }
        assert_ne!(folded("lg"), folded("ig"));
        assert_ne!(folded("bibi"), folded("blibli"));
    }

    #[test]
    fn the_glyphs_that_may_be_i_or_l_fold_to_one_byte_of_their_own() {
        for text in ["1azada", "Iazada", "ＩAZADA", "Ιazada" /* Greek capital iota */] {
            assert_eq!(folded(text), " 1azada ", "{text:?}");
        }
        assert_eq!(folded("INSTAGRAM"), " 1nstagram ");
        assert_eq!(folded("Ini"), " 1ni ");
        assert_eq!(folded("b1ib1i"), " b1ib1i ");
        assert_eq!(folded("harga 1 juta"), " harga 1 juta ", "a number stays a number");
    }

    #[test]
    fn uncollapsed_folds_keep_repeated_letters() {
        assert_eq!(fold_uncollapsed("waaa"), " waaa ");
        assert_eq!(fold_uncollapsed("W.A"), " wa ");
        assert_eq!(fold_uncollapsed("tll"), " tll ");
        assert_eq!(folded("waaa"), " wa ");
    }

    #[test]
    fn skeletons_compare_whole_texts_and_names_loosely() {
        assert_eq!(skeleton("Novilla OfficiaI"), skeleton("novi11a.official"));
        assert_eq!(skeleton("NOVILLA OFFICIAL"), skeleton("novilla_0fficial"));
        assert_eq!(skeleton("barang KW jangan beli"), skeleton("BARANG KW JANGAN BELI!!"));
        assert_ne!(skeleton("barang KW jangan beli"), skeleton("barang ori boleh beli"));
    }

    #[test]
    fn evasions_are_named_from_what_was_typed() {
        use Evasion::*;
        for (typed, surface, glyph_for_l, expected) in [
            ("shopee", "shopee", false, vec![]),
            ("SHOPEE", "shopee", false, vec![]),
            ("sh0pee", "shopee", false, vec![Leet]),
            ("$hopee", "shopee", false, vec![Leet]),
            ("Iazada", "lazada", true, vec![Leet]),
            ("INSTAGRAM", "instagram", false, vec![]),
            ("ѕһорее", "shopee", false, vec![LookAlike]),
            ("ＳＨＯＰＥＥ", "shopee", false, vec![LookAlike]),
            ("shópéé", "shopee", false, vec![Accents]),
            ("sho\u{200b}pee", "shopee", false, vec![Invisible]),
            ("s.h.o.p.e.e", "shopee", false, vec![Spread]),
            ("s h o p e e", "shopee", false, vec![Spread]),
            ("SHOPEEEEE", "shopee", false, vec![Repeats]),
            ("s.h.0.p.e.e.e", "shopee", false, vec![Leet, Spread, Repeats]),
            ("nomor   rekening", "nomor rekening", false, vec![]),
            ("p a s t i s e m b u h", "pasti sembuh", false, vec![Spread]),
            ("100% ampuh", "100% ampuh", false, vec![]),
        ] {
            assert_eq!(evasions(typed, &Shape::of(surface), glyph_for_l), expected, "{typed:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers_outside_words() {
        assert_eq!(folded("harga 100 ribu"), " harga 100 ribu ");
        assert_eq!(folded("0812-3456-7890"), " 0812 3456 7890 ");
        assert_eq!(folded("@sari cek"), " sari cek ");
        assert_eq!(folded("$ 5"), " 5 ");
    }

    #[test]
    fn spread_letters_need_a_real_run() {
        assert_eq!(folded("w.a"), " wa ");
        assert_eq!(folded("w a"), " w a ", "two lone letters with a space stay apart");
        assert_eq!(folded("k a k"), " kak ", "three lone letters join across spaces");
        assert_eq!(folded("ya d a"), " ya d a ");
        assert_eq!(folded("p.a.s.t.i s.e.m.b.u.h"), " pasti sembuh ", "spaces between dotted words stay");
        assert_eq!(folded("p a s t i  s e m b u h"), " pastisembuh ", "spaced letters cannot show words");
        assert_eq!(folded("l-a-z-a-d-a murah"), " lazada murah ");
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "cek s.h.o.p.e.e ya";
        let f = fold(text);
        let start = f.as_str().find("shope").unwrap();
        let (a, b) = f.original_range(start, start + "shope".len());
        assert_eq!(&text[a as usize..b as usize], "s.h.o.p.e.e");

        let text = "di ѕһорееее 🔥";
        let f = fold(text);
        let start = f.as_str().find("shope").unwrap();
        let (a, b) = f.original_range(start, start + "shope".len());
        assert_eq!(&text[a as usize..b as usize], "ѕһорееее");
    }

    #[test]
    fn the_ascii_fast_path_folds_exactly_like_the_full_fold() {
        use rand::{Rng, SeedableRng};
        // Inputs made of the characters folding treats specially, in every combination.
        const ALPHABET: &[u8] = b"aAbshoepeIl1L0345$7@ .-_!?\t\nxyzwW";
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let mut fast = Vec::new();
        for _ in 0..20_000 {
            let len = rng.random_range(0..16);
            let text: String = (0..len).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
            assert!(fold_plain(&text, &mut fast));
            assert_eq!(std::str::from_utf8(&fast).unwrap(), folded(&text), "{text:?}");
        }
        for text in ["s.h.o.p.e.e", "k a k", "w a", "@sari", "sh@pee", "$ 5", "100", "l4zada!!"] {
            assert!(fold_plain(text, &mut fast));
            assert_eq!(std::str::from_utf8(&fast).unwrap(), folded(text), "{text:?}");
        }
        let long_run = "a.".repeat(100);
        assert!(!fold_plain(&long_run, &mut fast), "a run over 64 letters is the full fold's job");
        assert_eq!(folded(&long_run), " a ");
        assert!(!fold_plain("ѕһорее", &mut fast), "not ASCII: the full fold's job");
        assert!(!fold_plain("a\u{7}b", &mut fast), "control characters are ignored, not separators");
    }

    #[test]
    fn inside_a_word_exactly_the_word_characters_fold_to_a_byte() {
        let tables = &*ASCII_TABLES;
        for byte in 0..=255u8 {
            assert_eq!(
                tables.in_word[byte as usize] != 0,
                tables.class[byte as usize] == ByteClass::Word,
                "{:?}",
                byte as char
            );
        }
    }

    #[test]
    fn the_fast_path_takes_emoji_and_any_separators_and_leaves_letters_outside_ascii() {
        let mut fast = Vec::new();
        for text in ["cantik 😍 kak", "s🔥h🔥o🔥p🔥e🔥e", "ready\u{a0}kak…", "🙋\u{200d}♀\u{fe0f} hadir", "a😍b"]
        {
            assert!(fold_plain(text, &mut fast), "{text:?}");
            assert_eq!(std::str::from_utf8(&fast).unwrap(), folded(text), "{text:?}");
        }
        for text in ["shópéé", "ѕһорее", "Ιazada", "sho\u{200b}pee", "漢字"] {
            assert!(!fold_plain(text, &mut fast), "{text:?} is the full fold's job");
            assert!(fast.is_empty());
        }
    }

    #[test]
    fn every_span_is_on_char_boundaries() {
        let text = "Ｋａｋ 🙋‍♀️ sh0pee ﬁne ÿ 漢字 a\u{301}\u{200d}b";
        let f = fold(text);
        assert_eq!(f.text.len(), f.spans.len());
        for &(a, b) in &f.spans {
            assert!(text.is_char_boundary(a as usize) && text.is_char_boundary(b as usize));
            assert!(a <= b);
        }
    }
}
