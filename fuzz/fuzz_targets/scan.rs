//! Folding and matching on arbitrary text: never a panic; every hit's offsets on character
//! boundaries, slicing exactly the reported `matched`; the ASCII fast path folding exactly like
//! the full fold; the matcher flagging exactly what its reference (the earlier design) flags.
//!
//! Run: `cargo +nightly fuzz run scan` (from the repository root).

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pandu::moderation::fold::{fold, fold_plain};
use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(&Lexicon::default_indonesian()));
static REFERENCE: LazyLock<Matcher> = LazyLock::new(|| Matcher::reference(&Lexicon::default_indonesian()));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let folded = fold(text);
    assert_eq!(folded.text.len(), folded.spans.len());
    for &(start, end) in &folded.spans {
        assert!(start <= end && text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize));
    }
    let mut plain = Vec::new();
    if fold_plain(text, &mut plain) {
        assert_eq!(plain, folded.text, "the fast path disagrees on {text:?}");
    }
    let flags = MATCHER.scan(text, Surface::Comments);
    assert_eq!(flags, REFERENCE.scan(text, Surface::Comments), "the matcher and its reference disagree on {text:?}");
    for flag in flags {
        let (start, end) = (flag.start as usize, flag.end as usize);
        assert!(start <= end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(&text[start..end], flag.matched);
    }
});
