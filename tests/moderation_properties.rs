//! The fuzz target's properties (`fuzz/fuzz_targets/scan.rs`), checked on seeded random text in
//! every CI run: folding and matching never panic, every span and hit lies on character
//! boundaries and slices exactly what it reports, and the fast path (ASCII words between any
//! separators) folds exactly like the full fold.

use pandu::moderation::fold::{fold, fold_plain};
use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Pieces that exercise every rule of folding, mixed at random.
const PIECES: &[&str] = &[
    "shopee",
    "sh0pee",
    "s.h.o.p.e.e",
    "ѕһорее",
    "ＳＨＯＰＥＥ",
    "𝐬𝐡𝐨𝐩𝐞𝐞",
    "l4zada",
    "wa",
    "WA",
    "w.a",
    "nya",
    "lah",
    " ",
    "  ",
    "\t",
    "\n",
    ".",
    "-",
    "!",
    "@",
    "$",
    "1",
    "0",
    "3",
    "4",
    "5",
    "7",
    "l",
    "I",
    "🔥",
    "😍",
    "…",
    "\u{a0}",
    "Ι",
    "Iazada",
    "INSTAGRAM",
    "tll",
    "🙋\u{200d}♀\u{fe0f}",
    "\u{200b}",
    "\u{301}",
    "é",
    "ß",
    "ﬁ",
    "漢",
    "ǅ",
    "\u{7}",
    "\u{7f}",
    "\u{fffd}",
    "0812-3456-7890",
    "https://x.id/a",
    "wa ode",
    "k",
    "a",
];

#[test]
fn folding_and_matching_hold_their_invariants_on_random_text() {
    let matcher = Matcher::new(&Lexicon::default_indonesian());
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut plain = Vec::new();
    let mut fast_beyond_ascii = 0;
    for _ in 0..30_000 {
        let text: String = (0..rng.random_range(0..12)).map(|_| PIECES[rng.random_range(0..PIECES.len())]).collect();
        let folded = fold(&text);
        assert_eq!(folded.text.len(), folded.spans.len());
        assert!(folded.text.starts_with(b" ") && folded.text.ends_with(b" "), "{text:?}");
        for &(start, end) in &folded.spans {
            assert!(
                start <= end && text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize),
                "{text:?}"
            );
        }
        if fold_plain(&text, &mut plain) {
            assert_eq!(plain, folded.text, "the fast path disagrees on {text:?}");
            fast_beyond_ascii += usize::from(!text.is_ascii());
        }
        for flag in matcher.scan(&text, Surface::Comments) {
            let (start, end) = (flag.start as usize, flag.end as usize);
            assert!(start <= end && end <= text.len(), "{text:?}: {flag:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}: {flag:?}");
            assert_eq!(&text[start..end], flag.matched, "{text:?}");
        }
    }
    assert!(fast_beyond_ascii > 1_000, "the fast path took only {fast_beyond_ascii} texts with emoji or the like");
}
