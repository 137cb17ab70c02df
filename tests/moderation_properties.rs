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

/// Words a lexicon with many `i`s and `l`s, terms of several words, short and exact entries
/// and allowed phrases is made of: where the glyph reading, the probe's openings and clitics
/// could go wrong.
const GLYPH_WORDS: &[&str] = &[
    "lazada", "blibli", "kilat", "milik", "bilibili", "lili", "ig", "lg", "tll", "il", "li", "ilmu", "lilin", "bali",
    "nomor", "rekening", "link", "di", "bio", "wa", "kak",
];

fn glyph_lexicon() -> Lexicon {
    Lexicon::parse(
        r#"
        [[term]]
        text = "lazada"
        category = "competitor"
        aliases = ["l4z", "bilibili", { text = "ig", exact = true }]

        [[term]]
        text = "blibli"
        category = "competitor"

        [[term]]
        text = "kilat milik lili"
        category = "claim"

        [[term]]
        text = "nomor rekening"
        category = "offplatform"

        [[term]]
        text = "link di bio"
        category = "offplatform"

        [[term]]
        text = "tolol"
        category = "profanity"
        aliases = ["tll"]

        [[term]]
        text = "ilmu lilin"
        category = "claim"
        applies_to = ["script"]

        [[term]]
        text = "wa"
        category = "offplatform"

        [[term]]
        text = "lg"
        category = "test"

        [[allow]]
        text = "wa ode"

        [[allow]]
        text = "bali lazada"
        "#,
        "test",
    )
    .expect("the test lexicon parses")
}

/// Texts made of `words` spelled every way folding reads: cases, leetspeak, the ambiguous
/// glyphs, spread letters, repeats, clitics, look-alikes, between any separators.
fn evasive_text(rng: &mut ChaCha8Rng, words: &[&str]) -> String {
    const SEPARATORS: &[&str] = &[" ", "  ", ".", "-", "🔥", "\u{a0}", "!", "\t", ""];
    (0..rng.random_range(0..7))
        .map(|_| {
            let word = if rng.random_bool(0.2) {
                PIECES[rng.random_range(0..PIECES.len())].to_string()
            } else {
                words[rng.random_range(0..words.len())].to_string()
            };
            let spelled: String = match rng.random_range(0..8) {
                0 => word.to_uppercase(),
                1 => word.replace('i', "1").replace('l', "I"),
                2 => word.replace('l', "1").replace('i', "I"),
                3 => word.chars().map(String::from).collect::<Vec<_>>().join("."),
                4 => word.replace('a', "aaa").replace('o', "0"),
                5 => format!("{word}{}", ["nya", "lah", "kah", "pun", "x"][rng.random_range(0..5)]),
                6 => word.replace('a', "а").replace('i', "і"), // Cyrillic look-alikes
                _ => word,
            };
            spelled + SEPARATORS[rng.random_range(0..SEPARATORS.len())]
        })
        .collect()
}

/// The matcher finds exactly what the reference finds: the earlier design, which writes every
/// spelling of a term with the glyph as a needle of its own and searches a full fold of every
/// text. Folding in the probe, the glyph read in the walk and the clitic and opening checks
/// must change nothing a user sees: the same flags, spans, readings and evasions.
#[test]
fn the_matcher_flags_exactly_what_the_reference_flags() {
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    let shipped = Lexicon::default_indonesian();
    let shipped_words: Vec<String> = shipped
        .terms
        .iter()
        .flat_map(|term| term.surfaces().map(|(surface, _)| surface.to_string()).collect::<Vec<_>>())
        .chain(shipped.allow.iter().map(|allow| allow.text.clone()))
        .collect();
    let shipped_words: Vec<&str> = shipped_words.iter().map(String::as_str).collect();
    let mut flagged = 0;
    for (lexicon, words) in [(glyph_lexicon(), GLYPH_WORDS), (shipped, shipped_words.as_slice())] {
        let (matcher, reference) = (Matcher::new(&lexicon), Matcher::reference(&lexicon));
        for _ in 0..20_000 {
            let text = evasive_text(&mut rng, words);
            for surface in [Surface::Comments, Surface::Script] {
                let flags = matcher.scan(&text, surface);
                assert_eq!(flags, reference.scan(&text, surface), "{text:?} on {surface:?}");
                flagged += usize::from(!flags.is_empty());
            }
        }
    }
    assert!(flagged > 20_000, "the texts raised too few flags ({flagged}) to compare anything");
}
