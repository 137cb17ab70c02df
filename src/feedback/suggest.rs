//! Suggested kinds: rules that read a comment and say whether it looks like a complaint, a
//! request, a question or praise, so the co-host confirms a tag with one key instead of
//! hunting for it in a fast chat.
//!
//! Why rules and not a model: the chat is short, slangy Indonesian (`brp`, `gk`, `udh`, `kak`),
//! there is no openly licensed live-shopping chat to train on, and a rule that misfires can be
//! read and fixed. The rules read words, not substrings, after folding case and squeezing
//! repeated letters (`bagusss` and `bagus` are one word; `maaf` and `maf` too), and they decide
//! in this order, the first that holds winning:
//!
//! 1. **Complaint**: a word of trouble (`rusak`, `kecewa`, `zonk`, `telat`, `penipu`), something
//!    not done yet (`belum sampai`, `blm dikirim`, `gak nyampe`), something not working or not
//!    as shown (`gak bisa dipakai`, `tidak sesuai`), or `kok` with a delay ("kok lama"). A
//!    question about a problem ("kok belum sampai?") is a complaint: that is what the team needs
//!    to hear.
//!    An interrogative followed by `sih` ("gimana sih") is exasperation, a complaint too.
//! 2. **Request**: asking the host or shop to do something (`dong`, `tolong`, `spill`, `zoom`,
//!    `restock`, `cek dm`, `minta`, `please`).
//!    An interrogative word (below) outweighs a polite `dong` or `mohon`.
//! 3. **Question**: a question mark, an interrogative word (`berapa`, `gimana`, `kapan` and
//!    their spellings `brp`, `gmn`, `kpn`), `ready` opening the comment, or an availability word
//!    asked with a trailing negation (`ready gak`, `bisa cod ga`, `masih ada nggak`).
//! 4. **Praise**: a word of approval (`bagus`, `mantap`, `keren`, `puas`, `rekomended`)
//!    not negated.
//!
//! Precision and recall on 428 real, hand-labelled comments are measured by
//! `tests/feedback_suggest.rs` and stated in `docs/measurements.md`; the host reads a suggestion aloud only
//! after the co-host confirms it, so the rules favour precision for questions.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::event::FeedbackKind;

/// A word list, squeezed (see [`squeeze`]) into a set on first use.
type Set = LazyLock<HashSet<String>>;

macro_rules! set {
    ($($word:expr),* $(,)?) => {
        LazyLock::new(|| [$($word),*].iter().map(|word: &&str| squeeze(word)).collect())
    };
}

/// Interrogative words and their usual chat spellings.
static QUESTION_WORDS: Set = set![
    "apa",
    "apakah",
    "apaan",
    "berapa",
    "brp",
    "brapa",
    "brpa",
    "gimana",
    "gmn",
    "gmana",
    "gmna",
    "bagaimana",
    "bgmn",
    "kapan",
    "kpn",
    "dimana",
    "dmn",
    "mana",
    "kenapa",
    "knp",
    "napa",
    "mengapa",
    "siapa",
    "bisakah",
    "bolehkah",
    "adakah",
    "tanya",
    "nanya",
    "tny",
];

/// Words that ask about availability when a negation follows them ("ready gak?").
static AVAILABILITY_WORDS: Set = set![
    "ready", "redy", "ada", "bisa", "bs", "masih", "msh", "boleh", "blh", "cocok", "muat", "dapat", "dapet", "free",
    "gratis", "cod", "sisa", "termasuk", "sudah", "udah", "udh", "sdh",
];

/// "Not", in chat.
static NEGATIONS: Set = set![
    "ga", "gak", "gk", "g", "nggak", "ngga", "ngak", "enggak", "engga", "tidak", "tdk", "ndak", "kagak", "nda", "gaa",
    "tak", "gx", "kaga", "nga",
];

/// "Not yet".
static NOT_YET: Set = set!["belum", "blm", "blum", "belom", "blom", "lom"];

/// What a parcel, an order or a reply should have done by now.
static DONE_WORDS: Set = set![
    "sampai", "sampe", "nyampe", "nyampai", "datang", "dateng", "diterima", "terima", "dikirim", "kirim", "masuk",
    "diproses", "proses", "dibalas", "balas", "bales", "direspon", "respon", "cair", "kembali", "refund", "diganti",
    "ada", "berubah", "update", "diupdate", "aktif", "bisa", "dapat", "dapet", "nyala",
];

/// Words of trouble, on their own.
static TROUBLE_WORDS: Set = set![
    "rusak",
    "cacat",
    "pecah",
    "sobek",
    "robek",
    "bocor",
    "lecet",
    "penyok",
    "luntur",
    "kecewa",
    "mengecewakan",
    "dikecewakan",
    "nyesel",
    "menyesal",
    "kapok",
    "zonk",
    "palsu",
    "penipu",
    "tipu",
    "nipu",
    "ditipu",
    "penipuan",
    "parah",
    "jelek",
    "buruk",
    "lambat",
    "lelet",
    "lemot",
    "telat",
    "terlambat",
    "error",
    "eror",
    "gagal",
    "komplain",
    "complain",
    "ketuker",
    "tertukar",
    "hilang",
    "ilang",
    "salah",
    "kurang",
    "kekecilan",
    "kebesaran",
    "kesempitan",
    "pelit",
    "boros",
    "ketipu",
    "tertipu",
    "mahal",
    "susah",
    "ribet",
    "buffer",
    "lemah",
    "mati",
    "macet",
    "bohong",
    "php",
    "dibatalkan",
    "batal",
    "cancel",
    "kecil",
    "tipis",
    "bau",
    "apek",
    "kotor",
    "patah",
    "longgar",
    "rugi",
    "ngecewain",
    "kesel",
    "kesal",
    "bete",
    "lama",
    "lamaa",
    "males",
    "malas",
    "aneh",
    "jauh",
];

/// Words that work only when negated ("tidak sesuai", "gak berfungsi").
static NEGATED_TROUBLE: Set = set![
    "sesuai",
    "berfungsi",
    "fungsi",
    "jalan",
    "nyala",
    "bisa",
    "bs",
    "sampai",
    "sampe",
    "nyampe",
    "datang",
    "dateng",
    "diterima",
    "dikirim",
    "masuk",
    "cocok",
    "muat",
    "ada",
    "respon",
    "dibalas",
    "dibales",
    "bagus",
    "enak",
    "rapi",
    "jelas",
    "aman",
    "pas",
    "dapat",
    "dapet",
    "mau",
    "work",
];

/// Asking the host or the shop to do something.
static REQUEST_WORDS: Set = set![
    "dong",
    "donk",
    "dng",
    "tolong",
    "tlg",
    "tolongin",
    "please",
    "pls",
    "plis",
    "plz",
    "minta",
    "mintak",
    "spill",
    "zoom",
    "restock",
    "restok",
    "cobain",
    "tambahin",
    "saran",
    "request",
    "req",
    "bantu",
    "bantuin",
    "dm",
    "inbox",
    "bales",
    "balas",
    "follback",
    "sapa",
    "shoutout",
    "ulang",
    "ulangi",
    "harusnya",
    "seharusnya",
    "mohon",
    "ayo",
    "yuk",
];

/// Words of approval.
static PRAISE_WORDS: Set = set![
    "bagus",
    "bgus",
    "bgs",
    "mantap",
    "mantab",
    "mantep",
    "mantul",
    "keren",
    "kren",
    "cantik",
    "cakep",
    "ganteng",
    "puas",
    "memuaskan",
    "rekomended",
    "recommended",
    "rekomen",
    "recomended",
    "recommend",
    "top",
    "terbaik",
    "best",
    "love",
    "nice",
    "jos",
    "joss",
    "kece",
    "lucu",
    "worth",
    "amanah",
    "ramah",
    "cepat",
    "cepet",
    "good",
    "awet",
    "halus",
    "lembut",
    "wangi",
    "enak",
    "nyaman",
    "murah",
    "hemat",
    "original",
    "ori",
    "asli",
    "mantull",
    "gercep",
    "fast",
    "senang",
    "seneng",
    "happy",
    "hepi",
    "mantaf",
    "thebest",
    "sukses",
    "juara",
    "berkualitas",
    "kualitas",
];

/// Trouble words that complain only when stressed ("lama banget", "kok lama"): alone they are
/// often neutral ("lama gak live").
static NEEDS_INTENSIFIER: Set = set!["lama", "kecil", "jauh", "mahal"];
static INTENSIFIERS_AFTER: Set = set!["banget", "bgt", "bngt", "sekali", "bener", "amat", "parah", "bet"];
static INTENSIFIERS_BEFORE: Set = set!["kok", "terlalu", "kelamaan", "kemahalan", "lumayan", "agak", "makin"];
static EXASPERATION: Set = set!["sih", "sich", "seh"];
static READY: Set = set!["ready", "redy"];
/// "Not quite", before an approval ("kurang bagus").
static NOT_QUITE: Set = set!["kurang", "kurg"];
/// Negations glued to the next word in chat ("gabisa", "gakada").
const GLUED_NEGATIONS: [&str; 8] = ["gak", "ga", "gk", "tdk", "ngga", "nggak", "blm", "belum"];

/// Emoji that praise on their own.
const PRAISE_EMOJI: &[char] = &['👍', '❤', '😍', '🥰', '💕', '💖', '🔥', '👌', '💯', '🤩', '😘', '♥'];

/// Whether `word` (already squeezed) is in `set`.
fn is(word: &str, set: &Set) -> bool {
    set.contains(word)
}

/// Folds runs of one letter into one (`bagusss` → `bagus`, `maaf` → `maf`), so chat's
/// stretched words match their dictionary spelling.
pub fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The comment's words, lower-cased and squeezed; digits and letters only. Chat's `2`
/// reduplication (`bodoh2`) and glued negations (`gabisa`, `gk bisa`) are split out.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
        let lower = raw.to_lowercase();
        let lower = lower.trim_end_matches('2');
        if lower.is_empty() {
            continue;
        }
        // "gabisa", "gakbisa", "tdkada": a negation glued to the next word.
        let glued = GLUED_NEGATIONS.iter().find_map(|neg| {
            lower.strip_prefix(neg).filter(|rest| is(&squeeze(rest), &NEGATED_TROUBLE)).map(|rest| (*neg, rest))
        });
        match glued {
            Some((neg, rest)) => {
                words.push(squeeze(neg));
                words.push(squeeze(rest));
            }
            None => words.push(squeeze(lower)),
        }
    }
    words
}

/// The kind `text` reads as, if any.
pub fn suggest(text: &str) -> Option<FeedbackKind> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    if reads_as_complaint(&words) {
        return Some(FeedbackKind::Complaint);
    }
    // An interrogative word outweighs a polite "dong" or "mohon" ("mau nanya dong, gimana?").
    if words.iter().any(|word| is(word, &QUESTION_WORDS)) {
        return Some(FeedbackKind::Question);
    }
    if words.iter().any(|word| is(word, &REQUEST_WORDS)) && !asks_availability(&words) {
        return Some(FeedbackKind::Request);
    }
    if text.contains('?') || reads_as_question(&words) {
        return Some(FeedbackKind::Question);
    }
    if praises(&words) || text.chars().any(|c| PRAISE_EMOJI.contains(&c)) {
        return Some(FeedbackKind::Praise);
    }
    None
}

fn reads_as_complaint(words: &[String]) -> bool {
    let negated = |at: usize| at > 0 && (is(&words[at - 1], &NEGATIONS) || (at > 1 && is(&words[at - 2], &NEGATIONS)));
    let not_yet = |at: usize| {
        (at > 0 && is(&words[at - 1], &NOT_YET))
            || (at > 1 && is(&words[at - 2], &NOT_YET) && !is(&words[at - 1], &NEGATIONS))
    };
    // "gimana sih", "kenapa sih": exasperation, not a question.
    let exasperated = words.windows(2).any(|pair| is(&pair[0], &QUESTION_WORDS) && is(&pair[1], &EXASPERATION));
    exasperated
        || words.iter().enumerate().any(|(at, word)| {
            // "lama" and "kecil" alone are often neutral ("lama gak live"): they need an intensifier.
            let needs_intensifier = is(word, &NEEDS_INTENSIFIER);
            let intensified = words.get(at + 1).is_some_and(|next| is(next, &INTENSIFIERS_AFTER))
                || (at > 0 && is(&words[at - 1], &INTENSIFIERS_BEFORE));
            (is(word, &TROUBLE_WORDS) && !negated(at) && (!needs_intensifier || intensified))
                || (is(word, &NEGATED_TROUBLE) && negated(at))
                || (is(word, &DONE_WORDS) && not_yet(at))
        })
}

fn asks_availability(words: &[String]) -> bool {
    words
        .iter()
        .position(|word| is(word, &AVAILABILITY_WORDS))
        .is_some_and(|at| words[at + 1..].iter().any(|word| is(word, &NEGATIONS)))
}

fn reads_as_question(words: &[String]) -> bool {
    words.iter().any(|word| is(word, &QUESTION_WORDS))
        || words.first().is_some_and(|first| is(first, &READY))
        || asks_availability(words)
}

fn praises(words: &[String]) -> bool {
    words.iter().enumerate().any(|(at, word)| {
        is(word, &PRAISE_WORDS) && !(at > 0 && (is(&words[at - 1], &NEGATIONS) || is(&words[at - 1], &NOT_QUITE)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackKind::*;

    #[test]
    fn live_chat_reads_as_its_kind() {
        let cases = [
            ("ready kak?", Some(Question)),
            ("ready kak", Some(Question)),
            ("ukuran L ada?", Some(Question)),
            ("berapa ongkirnya", Some(Question)),
            ("bisa cod ga kak", Some(Question)),
            ("paket belum sampai", Some(Complaint)),
            ("barang rusak", Some(Complaint)),
            ("kok belum sampai sih?", Some(Complaint)),
            ("barangnya ga sesuai gambar", Some(Complaint)),
            ("gabisa dipake", Some(Complaint)),
            ("kak spill yang merah dong", Some(Request)),
            ("zoom kak", Some(Request)),
            ("bagusss bangettt kak 😍", Some(Praise)),
            ("mantap", Some(Praise)),
            ("halo kak salam dari medan", None),
            ("", None),
            ("🙏🙏", None),
        ];
        for (text, kind) in cases {
            assert_eq!(suggest(text), kind, "{text}");
        }
    }

    #[test]
    fn questions_from_live_selling_chat() {
        for question in [
            "brp harganya kak",
            "ready gak kak",
            "masih ada nggak yg warna abu",
            "gimana cara checkoutnya",
            "kapan restock",
            "ready",
            "kak yg coklat sisa berapa",
            "Apakah bisa dikirim ke Medan",
            "dimana beli kursinya",
        ] {
            assert_eq!(suggest(question), Some(Question), "{question}");
        }
    }

    #[test]
    fn statements_are_not_questions() {
        for statement in [
            "bagus bgt kak",
            "sudah checkout ya",
            "mantap 👍",
            "aku udh beli kemarin, ready stok",
            "gak sabar nunggu paketnya",
            "ada yg lagi live juga",
            "???",
            "ga jadi deh",
            "wkwkwk",
            "makasih kak",
            "barangnya bagus, ga nyesel",
        ] {
            assert_ne!(suggest(statement), Some(Question), "{statement}");
        }
    }

    #[test]
    fn a_negated_approval_is_not_praise() {
        assert_ne!(suggest("kurang bagus"), Some(Praise));
        assert_eq!(suggest("tidak bagus jahitannya"), Some(Complaint));
    }

    #[test]
    fn stretched_words_and_glued_negations_are_read() {
        assert_eq!(words("Bagusss GAKBISA bodoh2"), ["bagus", "gak", "bisa", "bodoh"]);
    }
}
