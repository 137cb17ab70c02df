//! What a question asks about, read by rules: the kind of fact that answers it.
//!
//! Why rules, as for [`crate::feedback::suggest`]: live chat is short slangy Indonesian with no
//! openly licensed corpus to learn from, and a rule that misfires can be read and fixed. The
//! rules read the same words the suggestions read (lower-cased, stretched letters squeezed, so
//! `ongkirrr` is `ongkir`), and decide in three steps:
//!
//! 1. **COD wins**: a question that names cash on delivery (`cod`, `bayar di tempat`) is about
//!    COD, whatever else it names ("kirim ke Medan bisa cod?").
//! 2. **The first strong cue**: a word that names one kind of fact (`bahan`, `ukuran`, `warna`,
//!    `stok`, `ready`, `harga`, `ongkir`, `garansi` and their chat spellings), the first in the
//!    question winning: "harga sama ongkir berapa?" asks the price first.
//! 3. **Else a weak cue, in a short question**: a word that only leans one way: `berapa` alone is
//!    a price in live chat ("brp kak?"), a colour's name a colour ("yang hitam?"), a letter size
//!    a size ("XL ada?"). In a longer question `berapa` asks how long or how many as often as a
//!    price, and `XL` is also a telco.
//!
//! A question about the viewer's own order ("paket saya kapan sampai?", "refund saya gimana?")
//! is not about the shop's shipping or returns policy, so those cues are not read in it.
//!
//! Precision and recall on real, hand-labelled questions are measured by
//! `tests/answer_kinds.rs` and stated in `docs/measurements.md`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::feedback::suggest::{squeeze, words};

/// What a viewer's question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionKind {
    Material,
    Size,
    Colour,
    Stock,
    /// Ready stock or pre-order: can it be bought now.
    Ready,
    Price,
    Shipping,
    Cod,
    /// Warranty, returns, exchanges.
    Warranty,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 9] = [
        QuestionKind::Material,
        QuestionKind::Size,
        QuestionKind::Colour,
        QuestionKind::Stock,
        QuestionKind::Ready,
        QuestionKind::Price,
        QuestionKind::Shipping,
        QuestionKind::Cod,
        QuestionKind::Warranty,
    ];

    /// The kind's id, as in the API and the evaluation set.
    pub fn key(self) -> &'static str {
        match self {
            QuestionKind::Material => "material",
            QuestionKind::Size => "size",
            QuestionKind::Colour => "colour",
            QuestionKind::Stock => "stock",
            QuestionKind::Ready => "ready",
            QuestionKind::Price => "price",
            QuestionKind::Shipping => "shipping",
            QuestionKind::Cod => "cod",
            QuestionKind::Warranty => "warranty",
        }
    }
}

use QuestionKind::*;

/// Words (or two- and three-word phrases) that name one kind of fact.
const STRONG: &[(&str, QuestionKind)] = &[
    ("bahan", Material),
    ("bahannya", Material),
    ("bhn", Material),
    ("material", Material),
    ("kain", Material),
    ("kainnya", Material),
    ("komposisi", Material),
    ("tebal", Material),
    ("tebel", Material),
    ("tipis", Material),
    ("adem", Material),
    ("panas", Material),
    ("gerah", Material),
    ("nerawang", Material),
    ("menerawang", Material),
    ("nrawang", Material),
    ("transparan", Material),
    ("melar", Material),
    ("stretch", Material),
    ("lentur", Material),
    ("licin", Material),
    ("katun", Material),
    ("cotton", Material),
    ("polyester", Material),
    ("spandek", Material),
    ("spandex", Material),
    ("rayon", Material),
    ("wolfis", Material),
    ("voal", Material),
    ("linen", Material),
    ("ukuran", Size),
    ("ukurannya", Size),
    ("ukuranya", Size),
    ("uk", Size),
    ("size", Size),
    ("sizenya", Size),
    ("sz", Size),
    ("ld", Size),
    ("pb", Size),
    ("lingkar", Size),
    ("panjang", Size),
    ("panjangnya", Size),
    ("lebar", Size),
    ("lebarnya", Size),
    ("cm", Size),
    ("muat", Size),
    ("berat badan", Size),
    ("kapasitas", Size),
    ("dimensi", Size),
    ("jumbo", Size),
    ("allsize", Size),
    ("all size", Size),
    ("kekecilan", Size),
    ("kebesaran", Size),
    ("warna", Colour),
    ("warnanya", Colour),
    ("wrn", Colour),
    ("color", Colour),
    ("colour", Colour),
    ("motif", Colour),
    ("motifnya", Colour),
    ("stok", Stock),
    ("stoknya", Stock),
    ("stock", Stock),
    ("stocknya", Stock),
    ("sisa", Stock),
    ("sisanya", Stock),
    ("tersisa", Stock),
    ("tersedia", Stock),
    ("available", Stock),
    ("masih ada", Stock),
    ("msh ada", Stock),
    ("ready", Ready),
    ("redy", Ready),
    ("ready stock", Ready),
    ("readystock", Ready),
    ("po", Ready),
    ("preorder", Ready),
    ("pre order", Ready),
    ("inden", Ready),
    ("harga", Price),
    ("harganya", Price),
    ("hrg", Price),
    ("hrga", Price),
    ("price", Price),
    ("pricelist", Price),
    ("diskon", Price),
    ("diskonnya", Price),
    ("disc", Price),
    ("discount", Price),
    ("promo", Price),
    ("promonya", Price),
    ("potongan", Price),
    ("voucher", Price),
    ("voucer", Price),
    ("vocer", Price),
    ("cashback", Price),
    ("ongkir", Shipping),
    ("ongkirnya", Shipping),
    ("ongkos kirim", Shipping),
    ("kirim", Shipping),
    ("dikirim", Shipping),
    ("kirimnya", Shipping),
    ("ngirim", Shipping),
    ("pengiriman", Shipping),
    ("pengirimannya", Shipping),
    ("kurir", Shipping),
    ("ekspedisi", Shipping),
    ("jne", Shipping),
    ("jnt", Shipping),
    ("sicepat", Shipping),
    ("anteraja", Shipping),
    ("gosend", Shipping),
    ("gratong", Shipping),
    ("berapa hari", Shipping),
    ("brp hari", Shipping),
    ("garansi", Warranty),
    ("garansinya", Warranty),
    ("warranty", Warranty),
    ("retur", Warranty),
    ("return", Warranty),
    ("tukar", Warranty),
    ("ditukar", Warranty),
    ("tuker", Warranty),
    ("refund", Warranty),
    ("klaim", Warranty),
    ("claim", Warranty),
    ("uang kembali", Warranty),
    ("pengembalian", Warranty),
    ("dikembalikan", Warranty),
    ("mengembalikan", Warranty),
];

/// Words that name cash on delivery.
const COD: &[&str] =
    &["cod", "codnya", "ditempat", "bayar ditempat", "bayar di tempat", "bayar ditujuan", "bayar di tujuan"];

/// Words that only lean one way.
const WEAK: &[(&str, QuestionKind)] = &[
    ("berapa", Price),
    ("brp", Price),
    ("brapa", Price),
    ("brpa", Price),
    ("berapaan", Price),
    ("hitam", Colour),
    ("putih", Colour),
    ("merah", Colour),
    ("biru", Colour),
    ("hijau", Colour),
    ("kuning", Colour),
    ("pink", Colour),
    ("ungu", Colour),
    ("coklat", Colour),
    ("cokelat", Colour),
    ("abu", Colour),
    ("navy", Colour),
    ("maroon", Colour),
    ("krem", Colour),
    ("cream", Colour),
    ("mocca", Colour),
    ("army", Colour),
    ("tosca", Colour),
    ("silver", Colour),
    ("gold", Colour),
];

/// Letter sizes: a size in a short question only.
const LETTER_SIZES: &[&str] = &["s", "m", "l", "xl", "xxl", "2xl", "3xl", "4xl", "5xl"];
/// Weak cues are read only in a question this short: live chat's "brp kak?", "yg hitam?". In a
/// longer one `berapa` asks how long, how many, what time as often as a price.
const SHORT_QUESTION_WORDS: usize = 5;

/// Phrases that hold a cue's word but ask something else: the "keranjang kuning" is TikTok's
/// shopping bag, not a colour; "nomor berapa" asks which one, "jam berapa" when, not a price.
const NOT_CUES: &[&str] = &[
    "keranjang kuning",
    "kranjang kuning",
    "nomor berapa",
    "nomer berapa",
    "no berapa",
    "jam berapa",
    "tanggal berapa",
    "tgl berapa",
];

/// "My order", "my parcel": the viewer asks about their own case, not the shop's policy.
const OWN_ORDER: &[&str] = &["paket", "pesanan", "orderan", "order", "barang", "refund", "dana", "uang"];
const MINE: &[&str] = &["saya", "sy", "aku", "ak", "gue", "gw", "gua", "ku", "kami"];
const TRACKING: &[&str] = &["resi", "tracking", "lacak", "status"];

/// The phrase of `length` words starting at word `at`, if there are that many.
fn phrase(words: &[String], at: usize, length: usize) -> Option<String> {
    (at + length <= words.len()).then(|| words[at..at + length].join(" "))
}

/// Whether the words starting at `at` are `cue` (one to three words, squeezed as the text is).
fn starts(words: &[String], at: usize, cue: &str) -> bool {
    let length = cue.split(' ').count();
    phrase(words, at, length).is_some_and(|phrase| phrase == squeeze_phrase(cue))
}

fn squeeze_phrase(cue: &str) -> String {
    cue.split(' ').map(squeeze).collect::<Vec<_>>().join(" ")
}

fn about_own_order(words: &[String]) -> bool {
    let has = |set: &[&str], word: &String| set.iter().any(|cue| squeeze(cue) == *word);
    words.iter().any(|word| has(TRACKING, word))
        || words.windows(2).any(|pair| has(OWN_ORDER, &pair[0]) && has(MINE, &pair[1]))
        || words.windows(3).any(|three| has(OWN_ORDER, &three[0]) && has(MINE, &three[2]))
}

/// The kind of fact `question` asks about, if the rules see one.
pub fn question_kind(question: &str) -> Option<QuestionKind> {
    let mut words = words(question);
    for phrase in NOT_CUES {
        let length = phrase.split(' ').count();
        while let Some(at) = (0..words.len()).find(|at| starts(&words, *at, phrase)) {
            words.drain(at..at + length);
        }
    }
    let at_any = |cue: &str| (0..words.len()).any(|at| starts(&words, at, cue));
    if COD.iter().any(|cue| at_any(cue)) {
        return Some(Cod);
    }
    let own_order = about_own_order(&words);
    let policy = |kind: QuestionKind| !(own_order && matches!(kind, Shipping | Warranty));
    for at in 0..words.len() {
        if let Some(&(_, kind)) = STRONG.iter().find(|(cue, kind)| policy(*kind) && starts(&words, at, cue)) {
            return Some(kind);
        }
    }
    if words.len() > SHORT_QUESTION_WORDS {
        return None;
    }
    for (at, word) in words.iter().enumerate() {
        if let Some(&(_, kind)) = WEAK.iter().find(|(cue, _)| starts(&words, at, cue)) {
            return Some(kind);
        }
        if LETTER_SIZES.iter().any(|size| squeeze(size) == *word) {
            return Some(Size);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_questions_read_as_their_kind() {
        for (question, kind) in [
            ("kak bahannya apa? panas gak?", Some(Material)),
            ("ukuran L ada?", Some(Size)),
            ("LD nya berapa kak", Some(Size)),
            ("ada warna navy?", Some(Colour)),
            ("yang hitam masih?", Some(Colour)),
            ("berapa hari sampai ke medan?", Some(Shipping)),
            ("limit transfer ke bank lain per hari brp ya?", None),
            ("stok masih banyak kak?", Some(Stock)),
            ("ready kak?", Some(Ready)),
            ("brp kak?", Some(Price)),
            ("harga sama ongkir berapa?", Some(Price)),
            ("ongkir ke Medan berapa kak?", Some(Shipping)),
            ("kirim ke medan bisa cod?", Some(Cod)),
            ("bisa bayar di tempat?", Some(Cod)),
            ("garansinya berapa lama?", Some(Warranty)),
            ("XL ada kak?", Some(Size)),
            ("paket saya kapan sampai ya?", None),
            ("resi saya gak bisa dilacak kenapa?", None),
            ("kakak asli mana?", None),
            ("keranjang kuning nomor berapa kak?", None),
            ("paket xl yang 30 gb ada promo ngga ya min, yang harga nya dibawah", Some(Price)),
        ] {
            assert_eq!(question_kind(question), kind, "{question}");
        }
    }

    #[test]
    fn every_cue_is_a_squeezed_word_the_reader_can_meet() {
        let cues = STRONG.iter().chain(WEAK).map(|(cue, _)| cue).chain(COD).chain(NOT_CUES);
        for cue in cues {
            assert_eq!(squeeze_phrase(cue), words(cue).join(" "), "{cue} is read as other words");
        }
    }
}
