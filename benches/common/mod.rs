//! The chat both moderation benches scan: made-up terms nobody types, and demo chat with one
//! comment in twenty carrying a term, half of those spelled to dodge filters.

use pandu::ingest::demo::{DemoConfig, DemoScript};
use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A made-up word no chat uses: three or four syllables and a trailing `x`.
pub fn generated_word(rng: &mut ChaCha8Rng) -> String {
    const ONSETS: &[&str] = &["b", "d", "g", "k", "m", "p", "r", "s", "t", "z", "br", "kr", "tr", "sw", "gh"];
    const VOWELS: &[&str] = &["a", "e", "o", "u", "ai", "ou"];
    let syllables = rng.random_range(3..=4);
    (0..syllables)
        .map(|_| format!("{}{}", ONSETS[rng.random_range(0..ONSETS.len())], VOWELS[rng.random_range(0..VOWELS.len())]))
        .collect::<String>()
        + "x"
}

/// The term spelled to dodge a filter.
fn evade(term: &str, rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..4) {
        0 => term.replace('o', "0").replace('a', "4"),
        1 => term.chars().map(String::from).collect::<Vec<_>>().join("."),
        2 => term.replace('o', "о").replace('e', "е").replace('a', "а"), // Cyrillic look-alikes
        _ => term.to_uppercase() + "!!",
    }
}

/// `count` comments of about 40 bytes: the demo stream's clean chat (what the default lexicon
/// does not flag, two demo comments a line), one in twenty carrying one of `terms`, half of
/// those evading.
pub fn comments(terms: &[String], count: usize, rng: &mut ChaCha8Rng) -> Vec<String> {
    let shipped = Matcher::new(&Lexicon::default_indonesian());
    let chat: Vec<String> = DemoScript::new(DemoConfig::default())
        .filter_map(|s| s.event.as_comment().map(|c| c.text.replace(['\n', '\r'], " ")))
        .filter(|text| shipped.scan(text, Surface::Comments).is_empty())
        .take(2_000)
        .collect();
    // Live chat runs short; pairs of demo comments make the ~40-byte comments the issue asks for.
    let chat: Vec<String> = chat.chunks(2).map(|pair| pair.join(" ")).collect();
    (0..count)
        .map(|n| {
            if n % 20 != 0 {
                return chat[n % chat.len()].clone();
            }
            let term = &terms[rng.random_range(0..terms.len())];
            let word = if n % 40 == 0 { evade(term, rng) } else { term.clone() };
            format!("kak {word} lebih murah ya")
        })
        .collect()
}
