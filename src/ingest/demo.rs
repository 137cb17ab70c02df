//! The built-in demo live: an Indonesian live-selling chat as a real one reads.
//!
//! A new co-host rehearses with it and tests rely on it, so it is modelled on real TikTok Shop
//! lives rather than on a list of everything that can go wrong:
//!
//! - **Mostly ordinary viewers**, each with a handle of their own (some 670 chat in ten minutes
//!   at the default rate, most of them several times), writing their own words: questions
//!   ("ready kak?", "ongkir ke Medan berapa kak?", "BB 60 TB 158 cocoknya size apa?"),
//!   greetings, praise, requests, orders, complaints ("paket belum sampai"), short reactions and
//!   replies to each other, from templates over products, colours, sizes, cities, names and
//!   numbers, with the abbreviations of real chat (`yg`, `bgt`, `udh`). Two viewers rarely write
//!   the same long text and never within 40 seconds; no viewer repeats themselves within 40
//!   seconds or posts twice within 6.
//! - **Bursts of identical short replies**: when the host asks ("ketik 999 kalau mau"), several
//!   viewers answer `999`, `+1`, `mau`, `ready` within seconds, each once. They are under the
//!   spam detector's floor of 12 letters: a live going well, not spam.
//! - **A few troublemakers**, all from fixed accounts ([`is_troublemaker`]), at a small share of
//!   the chat: rival marketplaces spelled to dodge filters (`sh0pee`, `s.h.o.p.e.e`, Cyrillic
//!   `ѕһорее`, `l4zada`, `t0kped`), off-platform deals (`wawa`, a WA number, "transfer
//!   langsung", a bank account), profanity, gambling spam, one account flooding the chat, a
//!   copy-paste campaign (the same long text from several fake accounts within half a minute),
//!   and an account impersonating the shop with its scam. The shop's own account posts now and
//!   then (never flagged).
//! - **Joins, likes, follows, shares, gifts** and the viewer count every 5 seconds.
//!
//! Moderated as the app moderates it (default rule packs, default spam settings), ten minutes at
//! the default rate hold 3,411 comments of which 154 (4.5 %) are flagged, every flag on a
//! troublemaker (`tests/demo_realism.rs` holds it to 3–12 % with none on an ordinary viewer, and
//! prints the figures). The troublemakers' pace follows the rate from 1 to 25 comments a second,
//! so their share stays about the same there; at higher rates it shrinks.
//!
//! [`DemoScript`] is the pure part: given a seed it always yields the same events at the same
//! offsets, with no clock involved, so tests are deterministic. [`DemoSource`] plays a script
//! against the real clock.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Source, SourceContext};
use crate::event::{Comment, EventKind, FollowRole, LiveEvent, User, now_ms};

/// The fastest demo rate accepted, in comments per second.
pub const MAX_RATE: f64 = 10_000.0;
/// The default rate, in comments per second.
const DEFAULT_RATE: f64 = 5.0;

/// How the demo stream runs.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoConfig {
    /// Average comments per second from ordinary viewers, outside the bursts of replies.
    pub rate: f64,
    /// The same seed always gives the same stream.
    pub seed: u64,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { rate: DEFAULT_RATE, seed: 2026 }
    }
}

/// The shop the demo live belongs to.
pub const SHOP_HANDLE: &str = "novilla.official";
pub const SHOP_NICKNAME: &str = "Novilla Official";

// ---- What ordinary viewers write ------------------------------------------------------------
//
// Templates: `{p}` a product, `{c}` and `{c2}` colours, `{s}` a size, `{city}`, `{n}` a number in
// the yellow basket, `{ld}` a chest width, `{bb}` a weight, `{tb}` a height, `{d}` days, `{q}` a
// quantity, `{name}` another viewer, `{a}` how a viewer addresses the host ("kak", "sis", ...).
// None of it may trip the default rule packs or the spam detector (`tests/demo_realism.rs`):
// no "WA", "transfer", "rekening", "tele", "line", "ig", "bio", no rival, no slurs, no words in
// capitals of 12 letters or more, no rows of emoji.

const QUESTIONS: &[&str] = &[
    "ready {a}?",
    "ready {a}?",
    "{p} {c} ready {a}?",
    "size {s} masih ada {a}?",
    "ukuran {s} ada?",
    "ongkir ke {city} berapa {a}?",
    "ongkir ke {city} berapa {a}?",
    "kirim ke {city} berapa hari {a}?",
    "BB {bb} TB {tb} cocoknya size apa {a}?",
    "BB {bb} muat yang {s} ga {a}?",
    "LD {ld} muat ga {a}?",
    "LD nya berapa {a}?",
    "yang nomor {n} bahannya apa {a}?",
    "keranjang {n} ada warna {c}?",
    "keranjang kuning nomor berapa {a}?",
    "{p} ada size {s}?",
    "bisa COD ke {city} ga {a}?",
    "bisa COD ga {a}?",
    "bahan {p}nya panas ga {a}?",
    "bahannya apa {a}? panas ga?",
    "yang {c} tinggal berapa {a}?",
    "harga {p} {c} berapa {a}?",
    "beli {q} dapet diskon ga {a}?",
    "voucher ongkir masih ada {a}?",
    "kapan restock {c} {a}?",
    "ini ori {a}?",
    "cara checkout yang {c} gimana {a}?",
    "warna {c} masih ada?",
    "{p} yang {c} bahannya tebel ga {a}?",
    "host pake size apa {a}?",
    "tinggi host berapa {a}?",
    "panjang {p}nya berapa cm {a}?",
    "yang flash sale jam berapa {a}?",
    "{p} {c} sama {c2} bedanya apa {a}?",
    "ada ukuran anak ga {a}?",
    "bisa request warna {c} ga?",
    "pengiriman dari kota mana {a}?",
    "kalau pesan sekarang sampai {city} kapan {a}?",
    "ada yang jumbo ga {a}? BB {bb}",
    "{p} nya melar ga {a}?",
    "{p} {c} stoknya tinggal berapa {a}?",
];
const GREETINGS: &[&str] = &[
    "halo {a}",
    "halo {a} dari {city} 👋",
    "hadir {a} 🙋‍♀️",
    "salam dari {city}",
    "assalamualaikum {a}",
    "baru join {a}, lagi bahas apa?",
    "semangat live nya {a} 💪",
    "nyimak dari {city} {a}",
    "malam {a}, hadir",
    "absen dari {city} ✋",
    "{city} hadir {a}",
    "pertama kali nonton live ini {a}",
    "udah nungguin live dari tadi {a}",
    "hai {a}, baru pulang kerja langsung nonton",
];
const PRAISE: &[&str] = &[
    "cantik banget {a} 😍",
    "{p} {c}nya cantik banget {a} 😍",
    "udah checkout {q} {a}, makasih",
    "langganan di sini, bahannya bagus",
    "hostnya ramah banget",
    "mantap {a} 🔥",
    "paketku udah sampai di {city}, rapi packingnya",
    "suka warna {c}nya {a}",
    "murah bgt 😭",
    "kemarin beli {p} {c}, adem dipake",
    "cocok buat lebaran nih",
    "{p} dari sini awet, udah dicuci berkali kali",
    "host nya cocok pake {c} {a}",
    "jahitannya rapi {a}, aku udah punya {q}",
    "worth it banget harga segitu",
    "udah {q}x order di sini ga pernah kecewa",
];
const REQUESTS: &[&str] = &[
    "{a} coba pake yang {c} dong",
    "spill yang {c} {a}",
    "tolong diulang harganya {a}",
    "tolong diulang harga yang nomor {n} {a}",
    "{a} zoom bahannya",
    "{a} cobain yang ukuran {s}",
    "tunjukin {p} {c} dong {a}",
    "bandingin yang {c} sama {c2} {a}",
    "puterin badan {a}, mau liat belakangnya",
    "{a} spill {p} yang keranjang {n}",
    "minta dipakein yang {s} {a}",
    "{a} deketin ke kamera yang {c}",
    "bacain size chart {p} dong {a}",
];
const COMPLAINTS: &[&str] = &[
    "paket belum sampai {a} udah {d} hari",
    "kemarin dapet warna {c} padahal pesen {c2}",
    "checkout gagal terus {a}",
    "kok checkout gagal terus ya",
    "voucher ga bisa dipake {a}",
    "resi ga update dari kemarin {a}",
    "jahitannya lepas {a}, gimana klaimnya?",
    "admin slow respon banget",
    "size {s} kekecilan {a}, bisa tukar?",
    "pesanan ke {city} nyangkut di gudang {a}",
    "kok harganya naik dari kemarin {a}",
    "live nya putus putus {a}",
    "suaranya kecil {a}",
];
const REACTIONS: &[&str] = &[
    "wkwk",
    "wkwkwk",
    "😍😍",
    "🔥🔥",
    "❤️",
    "cakep",
    "mantul",
    "gemes",
    "lucu bgt",
    "aku juga mau",
    "sama {a}",
    "ikut nyimak",
    "keren",
    "adem liatnya",
    "mau semua 😭",
    "{c} cakep",
    "aduh pengen",
    "auto co",
    "ya ampun lucu",
    "👍",
    "🙏",
];
const ORDERS: &[&str] = &[
    "udah co {q} {a}",
    "co yang {c} size {s} ya {a}",
    "udah bayar {a}, yang {c} {s}",
    "aku ambil {q} yang {c}",
    "keep {c} {s} {a}",
    "udah masuk keranjang {a}",
    "berhasil co {a} 🙏",
    "co {p} {c} {q} pcs",
];
const CHATTER: &[&str] = &[
    "@{name} ada {a}, di keranjang {n}",
    "@{name} aku pake {s} pas kok",
    "@{name} bahannya adem, aku udah punya",
    "sama aku juga nunggu yang {c}",
    "@{name} ongkir ke {city} aku kemarin gratis",
];
/// What the host asks viewers to type, and how they type it: the first most often.
const REPLY_BURSTS: &[&[&str]] = &[
    &["999", "+999", "999 kak", "9999"],
    &["+1", "+1 kak", "+ 1"],
    &["mau", "MAU", "mau kak", "aku mau", "mauu"],
    &["ready", "ready kak", "READY"],
    &["done", "done kak", "done co"],
    &["gas", "gass", "gas kak"],
    &["keep", "keep 1", "keep kak"],
    &["co", "udah co", "co kak"],
    &["L", "L kak", "size L"],
    &["hitam", "hitam kak", "yg hitam"],
];

const PRODUCTS: &[&str] = &[
    "gamis",
    "tunik",
    "kemeja",
    "rok plisket",
    "pashmina",
    "kulot",
    "blouse",
    "dress",
    "cardigan",
    "outer",
    "set piyama",
    "mukena",
    "bergo",
    "abaya",
    "khimar",
    "celana kulot",
];
const COLOURS: &[&str] = &[
    "hitam",
    "navy",
    "putih",
    "sage",
    "mocca",
    "maroon",
    "dusty pink",
    "army",
    "lilac",
    "cream",
    "abu",
    "coksu",
    "olive",
    "terracotta",
    "mint",
    "denim",
    "salem",
    "broken white",
];
const SIZES: &[&str] = &["S", "M", "L", "XL", "XXL"];
const CITIES: &[&str] = &[
    "Medan",
    "Makassar",
    "Surabaya",
    "Bandung",
    "Pontianak",
    "Balikpapan",
    "Jogja",
    "Semarang",
    "Malang",
    "Palembang",
    "Pekanbaru",
    "Kupang",
    "Manado",
    "Banjarmasin",
    "Lampung",
    "Padang",
    "Aceh",
    "Bali",
    "Jayapura",
    "Batam",
    "Bekasi",
    "Depok",
    "Bogor",
    "Tangerang",
    "Sidoarjo",
    "Solo",
    "Cirebon",
    "Garut",
    "Kediri",
    "Jember",
];
const ADDRESSES: &[&str] = &["kak", "kak", "kak", "kak", "ka", "kakak", "sis", "min", "bund", "mbak", "say", ""];
const EMOJI: &[&str] = &["😍", "🙏", "😭", "🥰", "✨", "👍", "🤩", "😁"];
/// Real chat's abbreviations (a filter that flags them is useless to a co-host).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("yang", "yg"),
    ("banget", "bgt"),
    ("udah", "udh"),
    ("sudah", "udh"),
    ("gimana", "gmn"),
    ("berapa", "brp"),
    ("ga", "gk"),
    ("kalau", "kalo"),
    ("sama", "sm"),
    ("dari", "dr"),
];

const FIRST_NAMES: &[&str] = &[
    "Sari", "Dewi", "Rina", "Putri", "Ayu", "Budi", "Wulan", "Nurul", "Fitri", "Indah", "Lestari", "Maya", "Rizky",
    "Dian", "Siti", "Yuni", "Eka", "Tari", "Nisa", "Anggi", "Bayu", "Citra", "Fajar", "Gita", "Hana", "Intan", "Rahma",
    "Lina", "Ratna", "Desi", "Mega", "Ika", "Tika", "Ani", "Agus", "Dimas", "Reza", "Nanda", "Salsa", "Aulia",
    "Nabila", "Zahra", "Kiki", "Mira", "Ulfa", "Yanti", "Sri", "Ratih", "Melati", "Cindy",
];
const LAST_NAMES: &[&str] = &[
    "",
    "",
    "",
    "Pratiwi",
    "Lestari",
    "Saputra",
    "Wijaya",
    "Rahma",
    "Amelia",
    "Kusuma",
    "Olshop",
    "Hidayat",
    "Nugraha",
    "Permata",
    "Safitri",
    "Maharani",
    "Setiawan",
    "Utami",
    "Handayani",
    "Ramadhani",
    "Anggraini",
];
const NICK_DECORATIONS: &[&str] = &["", "", "", " 🌸", " ✨", " 💕", "_"];
const GIFTS: &[(&str, u32)] = &[("Rose", 1), ("TikTok", 1), ("Finger Heart", 5), ("Doughnut", 30), ("Perfume", 20)];
/// What the shop's own account posts in the chat.
const SHOP_POSTS: &[&str] = &[
    "Keranjang {n}: {p} {c} tinggal sedikit ya kak",
    "Checkout di keranjang kuning ya kak, stok terbatas 🛒",
    "Size chart ada di foto produk keranjang {n} ya kak",
    "Makasih yang udah checkout, paket dikirim besok ya kak 🙏",
];

// ---- The troublemakers ----------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Names rival marketplaces, spelled to dodge filters.
    Rival,
    /// Takes the sale off TikTok: WhatsApp, phone numbers, transfers, bank accounts.
    OffPlatform,
    Profane,
    /// Posts spam fast, alone.
    Flooder,
    /// One of several fake accounts pasting the same text.
    Campaign,
    /// A look-alike of the shop's account, with its scam.
    Impersonator,
    /// Online-gambling spam.
    Gambler,
}

/// Every troublemaker of the demo live: (handle, nickname, what they do). Nobody else breaks a
/// rule.
const TROUBLEMAKERS: &[(&str, &str, Role)] = &[
    ("hemat.tiap.hari", "Hemat Tiap Hari", Role::Rival),
    ("bandingin.harga", "bandingin harga 🛒", Role::Rival),
    ("reseller.jkt", "Reseller JKT", Role::OffPlatform),
    ("grosir_murah.id", "GROSIR MURAH", Role::OffPlatform),
    ("bocil.kesel", "bocil kesel 😤", Role::Profane),
    ("user8837261", "user8837261", Role::Flooder),
    ("promo_murah88", "PROMO MURAH", Role::Flooder),
    ("cek.bio.aku", "cek bio 🔥", Role::Campaign),
    ("review.jujur01", "Review Jujur", Role::Campaign),
    ("akun.asli.99", "akun asli", Role::Campaign),
    ("korban.toko", "korban toko ini", Role::Campaign),
    ("novilla.0fficial", "Novilla OfficiaI", Role::Impersonator),
    ("novi11a_official", "N0villa Official", Role::Impersonator),
    ("hoki.maxwin77", "HOKI 77", Role::Gambler),
];

/// Whether `unique_id` is one of the demo's scripted troublemakers: the only accounts of the
/// demo live whose comments break a rule.
pub fn is_troublemaker(unique_id: &str) -> bool {
    TROUBLEMAKERS.iter().any(|(handle, _, _)| *handle == unique_id)
}

/// Rival marketplaces, spelled the way viewers dodge filters.
const RIVALS: &[&str] = &[
    "di sh0pee lebih murah kak",
    "s.h.o.p.e.e ada yg 50rb",
    "cek l4zada aja",
    "t0kped lagi promo tuh",
    "ѕһорее lebih murah wkwk",
    "s🔥h🔥o🔥p🔥e🔥e gratis ongkir",
    "lazadaaa lebih murah",
    "l-a-z-a-d-a ada cashback",
    "di bukalapak cuma 60rb",
    "shopee live juga ada kak",
];
/// What a rival's poster adds when nobody reacts.
const RIVAL_FOLLOW_UPS: &[&str] = &["serius, cek sh0pee aja", "di 1azada ada yg lebih murah", "mending beli di shopee"];
/// Off-platform deals and contacts.
const OFF_PLATFORM: &[&str] = &[
    "wawa aja kak biar cepet",
    "WA aku 0812-3456-7890 kak",
    "transfer langsung bisa kak?",
    "order lewat 085712345678 ya",
    "kirim nomor rekening dong kak",
    "yg mau grosir chat WA aja",
    "bisa tf langsung kan kak biar murah",
    "rekening BCA 1234567890 a.n. Grosir",
];
const PROFANITY: &[&str] = &[
    "anjiiing mahal amat",
    "goblok hostnya lama",
    "anjir ribet checkoutnya",
    "hostnya bego bgt",
    "bangsat lama bener",
];
/// What a flooder posts, fast.
const FLOOD: &[&str] = &[
    "MURAHHH!!! cek bio aku 🔥🔥🔥",
    "jual followers murah cek bio",
    "follow aku dong kak",
    "cek bio ada promo",
    "mampir ke akunku kak 🙏",
    "ayo follback",
];
/// What a copy-paste campaign pastes: provocation and fake bad reviews, 12 letters or more.
const CAMPAIGN: &[&str] = &[
    "barang KW jangan beli!!",
    "penipu toko ini, uang ga balik",
    "barangnya jelek nyesel beli",
    "jangan beli di sini, mending cari yg lain",
    "live settingan, review palsu semua",
];
/// The scams impersonators are made for.
const SCAMS: &[&str] =
    &["Selamat kamu menang giveaway! klaim di WA 0813-9988-7766", "Pemenang kuis hubungi admin di wa.me/6281399887766"];
const GAMBLING: &[&str] =
    &["slot gacor hari ini pasti maxwin", "daftar di hoki77 auto maxwin", "bocoran rtp live hari ini cek link"];

/// The troublemakers' lists of texts, each dealt like a deck of cards so that every text comes
/// round before any comes again.
#[derive(Debug, Clone, Copy)]
enum Deck {
    Rivals,
    RivalFollowUps,
    OffPlatform,
    Profanity,
    Flood,
    Campaign,
    Scams,
    Gambling,
}

impl Deck {
    const ALL: [Deck; 8] = [
        Deck::Rivals,
        Deck::RivalFollowUps,
        Deck::OffPlatform,
        Deck::Profanity,
        Deck::Flood,
        Deck::Campaign,
        Deck::Scams,
        Deck::Gambling,
    ];

    fn texts(self) -> &'static [&'static str] {
        match self {
            Deck::Rivals => RIVALS,
            Deck::RivalFollowUps => RIVAL_FOLLOW_UPS,
            Deck::OffPlatform => OFF_PLATFORM,
            Deck::Profanity => PROFANITY,
            Deck::Flood => FLOOD,
            Deck::Campaign => CAMPAIGN,
            Deck::Scams => SCAMS,
            Deck::Gambling => GAMBLING,
        }
    }
}

/// One scheduled event: `at` is its offset from the start of the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub at: Duration,
    pub event: LiveEvent,
}

/// Something that happens now and then, on a schedule of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Incident {
    Rival,
    OffPlatform,
    Profanity,
    Flood,
    Campaign,
    Impersonation,
    Gambling,
    /// The host asks viewers to type something: a burst of identical short replies.
    Prompt,
    /// The shop's own account posts.
    ShopPost,
}

impl Incident {
    const ALL: [Incident; 9] = [
        Incident::Rival,
        Incident::OffPlatform,
        Incident::Profanity,
        Incident::Flood,
        Incident::Campaign,
        Incident::Impersonation,
        Incident::Gambling,
        Incident::Prompt,
        Incident::ShopPost,
    ];

    /// When the first one happens, and then the gap to the next, in seconds at the default
    /// rate.
    fn first_and_every(self) -> ((f64, f64), (f64, f64)) {
        match self {
            Incident::Rival => ((4.0, 10.0), (15.0, 30.0)),
            Incident::OffPlatform => ((12.0, 25.0), (20.0, 35.0)),
            Incident::Profanity => ((35.0, 60.0), (30.0, 55.0)),
            Incident::Flood => ((45.0, 75.0), (80.0, 130.0)),
            Incident::Campaign => ((70.0, 110.0), (90.0, 150.0)),
            Incident::Impersonation => ((30.0, 60.0), (90.0, 150.0)),
            Incident::Gambling => ((120.0, 200.0), (120.0, 200.0)),
            Incident::Prompt => ((10.0, 25.0), (40.0, 80.0)),
            Incident::ShopPost => ((20.0, 40.0), (60.0, 120.0)),
        }
    }

    /// Whether it comes more often at a higher rate: the troublemakers keep their share of the
    /// chat. The host's prompts and the shop's posts keep their own pace.
    fn follows_the_rate(self) -> bool {
        !matches!(self, Incident::Prompt | Incident::ShopPost)
    }
}

/// An ordinary viewer who has chatted or joined.
#[derive(Debug, Clone)]
struct Viewer {
    user: User,
    /// When they last commented (or will, for a reply already scheduled).
    last_spoke: f64,
    /// The last burst of replies they answered.
    last_burst: u64,
    /// What they wrote lately, by key ([`chat_key`]), to never repeat themselves.
    said: VecDeque<(f64, u64)>,
}

/// The demo stream's events in order, as a pure, seeded iterator (timestamps left at 0).
pub struct DemoScript {
    rng: ChaCha8Rng,
    config: DemoConfig,
    /// Virtual time, in seconds since the start.
    clock: f64,
    sequence: u64,
    /// Events queued for later, by (µs since the start, order queued).
    scripted: BTreeMap<(u64, u64), EventKind>,
    queued: u64,
    /// When each incident next happens, in [`Incident::ALL`] order.
    next_incident: [f64; Incident::ALL.len()],
    /// How much longer than at the default rate the troublemakers wait between incidents.
    pace: f64,
    next_viewer_count: f64,
    viewers: u32,
    /// The viewers who have joined or chatted lately, at most [`Self::AUDIENCE`].
    audience: Vec<Viewer>,
    /// New viewers so far: each gets a handle of their own.
    serial: u64,
    bursts: u64,
    /// The long texts ordinary viewers wrote in the last [`Self::REMEMBER`] seconds, by key.
    recent_long: HashMap<u64, f64>,
    recent_long_order: VecDeque<(f64, u64)>,
    /// How many texts each [`Deck`] has dealt (from a random first one).
    decks: [usize; Deck::ALL.len()],
}

impl DemoScript {
    const VIEWER_COUNT_EVERY: f64 = 5.0;
    /// Non-comment events (joins, likes, ...) per comment, on average.
    const AMBIENT_PER_COMMENT: f64 = 0.6;
    /// An ordinary viewer comments at most once in this many seconds (the spam detector calls
    /// more than 5 in 10 s a flood).
    const COOLDOWN: f64 = 6.0;
    /// Ordinary viewers neither repeat themselves nor each other's long texts within this
    /// many seconds (the spam detector looks 30 s back).
    const REMEMBER: f64 = 40.0;
    /// A text whose key is at least this long counts as long (the spam detector's floor for
    /// copy-paste is 12 letters).
    const LONG_KEY: usize = 8;
    /// The viewers remembered to chat again.
    const AUDIENCE: usize = 250;
    /// How often a comment comes from someone new rather than a viewer who already chatted.
    const NEW_SPEAKER: f64 = 0.15;

    pub fn new(config: DemoConfig) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let viewers = rng.random_range(250..600);
        let pace = (DEFAULT_RATE / config.rate).clamp(0.2, 5.0);
        let decks = Deck::ALL.map(|deck| rng.random_range(0..deck.texts().len()));
        let next_incident = Incident::ALL.map(|incident| {
            let ((low, high), _) = incident.first_and_every();
            let scale = if incident.follows_the_rate() { pace } else { 1.0 };
            rng.random_range(low..high) * scale
        });
        DemoScript {
            rng,
            config,
            clock: 0.0,
            sequence: 0,
            scripted: BTreeMap::new(),
            queued: 0,
            next_incident,
            pace,
            next_viewer_count: 0.0,
            viewers,
            audience: Vec::new(),
            serial: 0,
            bursts: 0,
            recent_long: HashMap::new(),
            recent_long_order: VecDeque::new(),
            decks,
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// The next text of `deck`: every text comes round before any comes again.
    fn deal(&mut self, deck: Deck) -> &'static str {
        let texts = deck.texts();
        let dealt = &mut self.decks[deck as usize];
        *dealt += 1;
        texts[(*dealt - 1) % texts.len()]
    }

    fn schedule(&mut self, at: f64, kind: EventKind) {
        self.queued += 1;
        self.scripted.insert(((at.max(self.clock) * 1e6) as u64, self.queued), kind);
    }

    /// A viewer never seen before, with a handle of their own.
    fn new_viewer(&mut self) -> User {
        self.serial += 1;
        let number = scrambled(self.serial);
        let first = *self.pick(FIRST_NAMES);
        let last = *self.pick(LAST_NAMES);
        let decoration = *self.pick(NICK_DECORATIONS);
        let (f, l) = (first.to_lowercase(), last.to_lowercase());
        // Every handle ends in the viewer's own number (and no name ends in a digit), so no
        // two viewers share one.
        let unique_id = match self.rng.random_range(0..10) {
            0 => format!("user{}", 1_000_000_000 + number),
            1..=3 if !l.is_empty() => format!("{f}.{l}{number}"),
            4..=5 if !l.is_empty() => format!("{f}_{l}{number}"),
            6 => format!("{f}{f}{number}"),
            _ => format!("{f}{number}"),
        };
        let nickname = format!("{first} {last}").trim_end().to_string() + decoration;
        let follow_role = match self.rng.random_range(0..10) {
            0..=5 => FollowRole::None,
            6..=8 => FollowRole::Follower,
            _ => FollowRole::Friend,
        };
        User {
            id: format!("69{:08}", stable_hash(&unique_id) % 100_000_000),
            unique_id,
            nickname,
            avatar_url: None,
            is_moderator: self.rng.random_ratio(1, 150),
            follow_role,
        }
    }

    /// Adds a viewer to the audience (one of the older ones leaves when it is full).
    fn remember(&mut self, user: User) -> usize {
        let viewer = Viewer { user, last_spoke: f64::NEG_INFINITY, last_burst: 0, said: VecDeque::new() };
        if self.audience.len() < Self::AUDIENCE {
            self.audience.push(viewer);
            self.audience.len() - 1
        } else {
            let slot = self.rng.random_range(0..Self::AUDIENCE);
            self.audience[slot] = viewer;
            slot
        }
    }

    /// Who comments at `at`: a viewer who already chatted and may speak again, or someone new.
    fn speaker(&mut self, at: f64, burst: Option<u64>) -> usize {
        if !self.audience.is_empty() && self.rng.random::<f64>() >= Self::NEW_SPEAKER {
            for _ in 0..4 {
                let index = self.rng.random_range(0..self.audience.len());
                let viewer = &self.audience[index];
                let rested = at >= viewer.last_spoke + Self::COOLDOWN;
                if rested && burst.is_none_or(|burst| viewer.last_burst != burst) {
                    return index;
                }
            }
        }
        let user = self.new_viewer();
        self.remember(user)
    }

    /// Whether `viewer` wrote something with this key lately.
    fn said_lately(&self, index: usize, key: u64, at: f64) -> bool {
        self.audience[index].said.iter().any(|(when, said)| *said == key && *when > at - Self::REMEMBER)
    }

    /// Records that `viewer` writes a text with `key` at `at`.
    fn speak(&mut self, index: usize, key: u64, at: f64, burst: Option<u64>) {
        let viewer = &mut self.audience[index];
        viewer.last_spoke = viewer.last_spoke.max(at);
        if let Some(burst) = burst {
            viewer.last_burst = burst;
        }
        while viewer.said.front().is_some_and(|(when, _)| *when <= at - Self::REMEMBER) {
            viewer.said.pop_front();
        }
        viewer.said.push_back((at, key));
    }

    fn comment(user: User, text: String) -> EventKind {
        EventKind::Comment(Comment { user, text, flags: vec![], suggested: None, banner: None, finding: None })
    }

    /// Fills a template's slots.
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        let mut colour = "";
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("templates close their slots");
            let value = match &rest[open + 1..close] {
                "p" => self.pick(PRODUCTS).to_string(),
                "c" | "c2" => {
                    // `{c2}` is another colour than `{c}`.
                    let mut pick = *self.pick(COLOURS);
                    while pick == colour {
                        pick = *self.pick(COLOURS);
                    }
                    colour = pick;
                    pick.to_string()
                }
                "s" => self.pick(SIZES).to_string(),
                "city" => self.pick(CITIES).to_string(),
                "a" => self.pick(ADDRESSES).to_string(),
                "n" => self.rng.random_range(1..=40).to_string(),
                "ld" => (self.rng.random_range(44..=65) * 2).to_string(),
                "bb" => self.rng.random_range(42..=95).to_string(),
                "tb" => self.rng.random_range(148..=176).to_string(),
                "d" => self.rng.random_range(3..=14).to_string(),
                "q" => self.rng.random_range(1..=4).to_string(),
                "name" => self.pick(FIRST_NAMES).to_lowercase(),
                slot => unreachable!("no template slot {{{slot}}}"),
            };
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        // An empty `{a}` leaves a double space or a space before the punctuation.
        let mut text = out.split_whitespace().collect::<Vec<_>>().join(" ");
        for punctuation in ["?", ",", "!"] {
            text = text.replace(&format!(" {punctuation}"), punctuation);
        }
        text
    }

    /// An ordinary viewer's comment, as they would type it.
    fn chat_text(&mut self) -> String {
        let pool: &[&str] = match self.rng.random_range(0..100) {
            0..=29 => QUESTIONS,
            30..=40 => GREETINGS,
            41..=54 => PRAISE,
            55..=65 => REQUESTS,
            66..=71 => COMPLAINTS,
            72..=85 => REACTIONS,
            86..=94 => ORDERS,
            _ => CHATTER,
        };
        let template = *self.pick(pool);
        let mut text = self.fill(template);
        if self.rng.random_ratio(35, 100) {
            text = text
                .split(' ')
                .map(|word| {
                    ABBREVIATIONS.iter().find(|(long, _)| *long == word).map_or(word, |(_, short)| *short).to_string()
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        match self.rng.random_range(0..20) {
            0 | 1 if text.ends_with('?') => text.push('?'),
            2 if text.ends_with('?') => {
                text.pop();
            }
            3 | 4 if !text.ends_with(|c: char| !c.is_ascii()) => {
                let emoji = *self.pick(EMOJI);
                text.push(' ');
                text.push_str(emoji);
            }
            5 => {
                let mut chars = text.chars();
                if let Some(first) = chars.next() {
                    text = first.to_uppercase().chain(chars).collect();
                }
            }
            // Capitals only on short texts: 12 letters or more in capitals is shouting.
            6 if text.chars().filter(|c| c.is_alphabetic()).count() < 12 => text = text.to_uppercase(),
            _ => {}
        }
        text
    }

    /// An ordinary viewer's comment at the current time: nobody repeats themselves, and no long
    /// text is one another viewer wrote lately.
    fn chat(&mut self) -> EventKind {
        let at = self.clock;
        while self.recent_long_order.front().is_some_and(|(when, _)| *when <= at - Self::REMEMBER) {
            let (when, key) = self.recent_long_order.pop_front().expect("checked");
            if self.recent_long.get(&key) == Some(&when) {
                self.recent_long.remove(&key);
            }
        }
        let index = self.speaker(at, None);
        let mut chosen = None;
        for _ in 0..20 {
            let text = self.chat_text();
            let (key, long) = chat_key(&text);
            let taken = long && self.recent_long.get(&key).is_some_and(|when| *when > at - Self::REMEMBER);
            if !taken && !self.said_lately(index, key, at) {
                chosen = Some((text, key, long));
                break;
            }
        }
        // A chat so busy that every long text was taken: a short one, new to this viewer.
        let (text, key, long) = chosen.unwrap_or_else(|| {
            let short = REACTIONS.iter().chain(REPLY_BURSTS.iter().flat_map(|replies| replies.iter()));
            let text = short
                .map(|text| text.replace("{a}", "kak").replace("{c}", "hitam"))
                .find(|text| {
                    let (key, long) = chat_key(text);
                    !long && !self.said_lately(index, key, at)
                })
                .unwrap_or_else(|| "👍".into());
            let (key, long) = chat_key(&text);
            (text, key, long)
        });
        if long {
            self.recent_long.insert(key, at);
            self.recent_long_order.push_back((at, key));
        }
        self.speak(index, key, at, None);
        Self::comment(self.audience[index].user.clone(), text)
    }

    fn ambient(&mut self) -> EventKind {
        let roll = self.rng.random_range(0..100);
        if roll < 40 || self.audience.is_empty() {
            // Most who join only watch; some of them chat later.
            let user = self.new_viewer();
            if self.rng.random_ratio(1, 4) {
                self.remember(user.clone());
            }
            return EventKind::Join { user };
        }
        let user = if self.rng.random_ratio(4, 5) {
            let index = self.rng.random_range(0..self.audience.len());
            self.audience[index].user.clone()
        } else {
            self.new_viewer()
        };
        match roll {
            40..=79 => EventKind::Like { user, count: self.rng.random_range(1..16) },
            80..=87 => EventKind::Follow { user },
            88..=92 => EventKind::Share { user },
            _ => {
                let (gift_name, diamonds) = *self.pick(GIFTS);
                EventKind::Gift { user, gift_name: gift_name.into(), count: self.rng.random_range(1..6), diamonds }
            }
        }
    }

    /// A troublemaker of `role`.
    fn troublemaker(&mut self, role: Role) -> User {
        let accounts: Vec<&(&str, &str, Role)> =
            TROUBLEMAKERS.iter().filter(|(_, _, account_role)| *account_role == role).collect();
        let (handle, nickname, _) = **self.pick(&accounts);
        account(handle, nickname)
    }

    /// Queues what happens in `incident`, from now on.
    fn start(&mut self, incident: Incident) {
        let now = self.clock;
        match incident {
            Incident::Rival => {
                let user = self.troublemaker(Role::Rival);
                let text = self.deal(Deck::Rivals);
                self.schedule(now, Self::comment(user.clone(), text.into()));
                if self.rng.random_ratio(1, 3) {
                    let text = self.deal(Deck::RivalFollowUps);
                    let later = now + self.rng.random_range(4.0..9.0);
                    self.schedule(later, Self::comment(user, text.into()));
                }
            }
            Incident::OffPlatform => {
                let user = self.troublemaker(Role::OffPlatform);
                let text = self.deal(Deck::OffPlatform);
                self.schedule(now, Self::comment(user, text.into()));
            }
            Incident::Profanity => {
                let user = self.troublemaker(Role::Profane);
                let text = self.deal(Deck::Profanity);
                self.schedule(now, Self::comment(user, text.into()));
            }
            Incident::Flood => {
                // One account, ten-odd posts in as many seconds.
                let user = self.troublemaker(Role::Flooder);
                let mut at = now;
                for n in 0..self.rng.random_range(9..14) {
                    let text = self.deal(Deck::Flood);
                    let text = if n % 3 == 2 { format!("{text}!!") } else { text.to_string() };
                    self.schedule(at, Self::comment(user.clone(), text));
                    at += self.rng.random_range(0.4..1.2);
                }
            }
            Incident::Campaign => {
                // The same long text from several fake accounts within half a minute.
                let text = self.deal(Deck::Campaign);
                let mut accounts: Vec<(&str, &str)> = TROUBLEMAKERS
                    .iter()
                    .filter(|(_, _, role)| *role == Role::Campaign)
                    .map(|(handle, nickname, _)| (*handle, *nickname))
                    .collect();
                let mut at = now;
                for n in 0..self.rng.random_range(3..=accounts.len()) {
                    let (handle, nickname) = accounts.swap_remove(self.rng.random_range(0..accounts.len()));
                    let text = match n % 3 {
                        1 => format!("{text}!!"),
                        2 => text.to_lowercase(),
                        _ => text.to_string(),
                    };
                    self.schedule(at, Self::comment(account(handle, nickname), text));
                    at += self.rng.random_range(2.0..7.0);
                }
            }
            Incident::Impersonation => {
                let user = self.troublemaker(Role::Impersonator);
                self.schedule(now, EventKind::Join { user: user.clone() });
                let mut at = now + 0.5;
                for _ in 0..2 {
                    at += self.rng.random_range(1.0..4.0);
                    let text = self.deal(Deck::Scams);
                    self.schedule(at, Self::comment(user.clone(), text.into()));
                }
            }
            Incident::Gambling => {
                let user = self.troublemaker(Role::Gambler);
                let text = self.deal(Deck::Gambling);
                self.schedule(now, Self::comment(user, text.into()));
            }
            Incident::Prompt => self.burst_of_replies(),
            Incident::ShopPost => {
                let template = *self.pick(SHOP_POSTS);
                let text = self.fill(template);
                self.schedule(now, Self::comment(account(SHOP_HANDLE, SHOP_NICKNAME), text));
            }
        }
    }

    /// The host asks for a reply ("ketik 999 kalau mau"): within a few seconds several viewers
    /// type it, each once, most of them the same way.
    fn burst_of_replies(&mut self) {
        self.bursts += 1;
        let burst = self.bursts;
        let replies = *self.pick(REPLY_BURSTS);
        let count = ((self.config.rate * self.rng.random_range(1.6..3.2)).round() as usize).clamp(5, 400);
        let spread = self.rng.random_range(4.0..8.0);
        for _ in 0..count {
            let at = self.clock + self.rng.random_range(0.8..spread);
            let index = self.speaker(at, Some(burst));
            let text = if self.rng.random_ratio(2, 3) { replies[0] } else { *self.pick(replies) };
            let key = chat_key(text).0;
            if self.said_lately(index, key, at) {
                continue;
            }
            self.speak(index, key, at, Some(burst));
            let user = self.audience[index].user.clone();
            self.schedule(at, Self::comment(user, text.into()));
        }
    }

    fn next_kind(&mut self) -> EventKind {
        loop {
            let comment_rate = self.config.rate;
            let total_rate = comment_rate * (1.0 + Self::AMBIENT_PER_COMMENT);
            // Poisson arrivals: exponential gaps. Whatever comes first below, the next gap is
            // drawn afresh (the exponential has no memory), so the average rate holds.
            let gap = -(1.0 - self.rng.random::<f64>()).ln() / total_rate;
            let arrival = self.clock + gap;
            let (due, incident) = Incident::ALL
                .iter()
                .zip(self.next_incident)
                .map(|(incident, at)| (at, *incident))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .expect("there are incidents");
            let queued = self.scripted.first_key_value().map(|(&(at, _), _)| at as f64 / 1e6);
            let earliest = [arrival, due, self.next_viewer_count, queued.unwrap_or(f64::INFINITY)]
                .into_iter()
                .fold(f64::INFINITY, f64::min);
            if due == earliest {
                self.clock = self.clock.max(due);
                self.start(incident);
                let (_, (low, high)) = incident.first_and_every();
                let scale = if incident.follows_the_rate() { self.pace } else { 1.0 };
                let slot = Incident::ALL.iter().position(|i| *i == incident).expect("listed");
                self.next_incident[slot] = self.clock + self.rng.random_range(low..high) * scale;
                continue;
            }
            if queued == Some(earliest) {
                let ((at, _), kind) = self.scripted.pop_first().expect("checked");
                self.clock = self.clock.max(at as f64 / 1e6);
                return kind;
            }
            if self.next_viewer_count == earliest {
                self.clock = self.clock.max(self.next_viewer_count);
                self.next_viewer_count += Self::VIEWER_COUNT_EVERY;
                let drift = self.rng.random_range(-40..=55);
                self.viewers = self.viewers.saturating_add_signed(drift).max(50);
                return EventKind::ViewerCount { count: self.viewers };
            }
            self.clock = arrival;
            return if self.rng.random::<f64>() < comment_rate / total_rate { self.chat() } else { self.ambient() };
        }
    }
}

impl Iterator for DemoScript {
    type Item = Scheduled;

    fn next(&mut self) -> Option<Scheduled> {
        let kind = self.next_kind();
        self.sequence += 1;
        Some(Scheduled {
            at: Duration::from_secs_f64(self.clock),
            event: LiveEvent {
                id: format!("demo-{}-{}", self.config.seed, self.sequence),
                ts: 0,
                source: "demo".into(),
                kind,
            },
        })
    }
}

/// A fixed account: the shop's own, or a troublemaker's.
fn account(unique_id: &str, nickname: &str) -> User {
    User {
        id: format!("69{:08}", stable_hash(unique_id) % 100_000_000),
        unique_id: unique_id.into(),
        nickname: nickname.into(),
        avatar_url: None,
        is_moderator: false,
        follow_role: FollowRole::None,
    }
}

/// A text's key for telling repeats apart, looser than the spam detector's: lower case, letters
/// only (`i` and `l` as one; "BB 60" and "BB 84" are one text to the detector), repeats
/// collapsed, without the words for the host ("kak", "sis"); texts with no letter keep what
/// they have ("999", emoji). Also whether the text is long enough to count as copy-paste,
/// erring on the long side: every letter and digit counts, the words for the host too.
fn chat_key(text: &str) -> (u64, bool) {
    let lower = text.to_lowercase();
    let collapsed = |chars: &mut dyn Iterator<Item = char>| {
        let mut key = String::new();
        for ch in chars {
            let ch = if ch == 'l' { 'i' } else { ch };
            if !key.ends_with(ch) {
                key.push(ch);
            }
        }
        key
    };
    let long = collapsed(&mut lower.chars().filter(|c| c.is_alphanumeric())).chars().count() >= DemoScript::LONG_KEY;
    // How a viewer addresses the host makes no other text.
    let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|word| !ADDRESSES.contains(word));
    let mut key = collapsed(&mut words.flat_map(str::chars).filter(|c| c.is_alphabetic()));
    if key.is_empty() {
        key = text.trim().to_string();
    }
    (stable_hash(&key), long)
}

/// A viewer's own number: `serial` (1, 2, 3, ...) shuffled so that handles look random, one
/// number per serial (a three-round Feistel permutation of each million).
fn scrambled(serial: u64) -> u64 {
    let (block, within) = (serial / 1_000_000, serial % 1_000_000);
    let (mut left, mut right) = (within / 1000, within % 1000);
    for round in 0..3u64 {
        let mixed = (right * 7919 + round * 104_729 + 613) ^ (right >> 3);
        (left, right) = (right, (left + mixed) % 1000);
    }
    block * 1_000_000 + left * 1000 + right
}

/// FNV-1a: a stable hash for demo user ids and texts (std's hasher is randomly seeded per
/// process).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Plays a [`DemoScript`] in real time.
pub struct DemoSource {
    config: DemoConfig,
    /// The `source` of the events it delivers: the spec it runs as, so two demos merged into
    /// one session (`demo + demo:5:2`) stay told apart.
    source: String,
}

impl DemoSource {
    pub fn new(config: DemoConfig, source: String) -> Self {
        DemoSource { config, source }
    }
}

impl Source for DemoSource {
    fn run(self: Box<Self>, ctx: SourceContext) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move {
            let start = tokio::time::Instant::now();
            for Scheduled { at, mut event } in DemoScript::new(self.config) {
                event.source.clone_from(&self.source);
                // Sleeping until an absolute instant keeps the average rate exact even when
                // the timer is coarser than the gaps (at high rates several events fall due
                // per tick and go out back to back).
                tokio::select! {
                    () = ctx.cancel.cancelled() => return,
                    () = tokio::time::sleep_until(start + at) => {}
                }
                event.ts = now_ms();
                if !ctx.emit(event).await {
                    return;
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(seed: u64, rate: f64, seconds: f64) -> Vec<Scheduled> {
        DemoScript::new(DemoConfig { rate, seed }).take_while(|s| s.at.as_secs_f64() < seconds).collect()
    }

    fn comments(items: &[Scheduled]) -> impl Iterator<Item = &Comment> {
        items.iter().filter_map(|s| s.event.as_comment())
    }

    #[test]
    fn the_same_seed_gives_the_same_stream() {
        assert_eq!(script(7, 5.0, 300.0), script(7, 5.0, 300.0));
        assert_ne!(script(7, 5.0, 60.0), script(8, 5.0, 60.0));
    }

    #[test]
    fn offsets_never_go_backwards_and_ids_are_unique() {
        let items = script(1, 20.0, 600.0);
        assert!(items.windows(2).all(|pair| pair[0].at <= pair[1].at));
        let ids: std::collections::HashSet<_> = items.iter().map(|s| &s.event.id).collect();
        assert_eq!(ids.len(), items.len());
    }

    #[test]
    fn the_comment_rate_follows_the_setting_with_bursts_on_top() {
        for rate in [2.0, 5.0, 50.0] {
            let minutes = 10.0;
            let count = comments(&script(3, rate, minutes * 60.0)).count() as f64;
            let per_second = count / (minutes * 60.0);
            assert!(per_second >= rate * 0.9 && per_second <= rate * 1.8, "rate {rate}: {per_second}/s");
        }
    }

    #[test]
    fn ten_minutes_hold_everything_a_real_live_throws_at_a_team() {
        let items = script(2026, 5.0, 600.0);
        let texts: Vec<&str> = comments(&items).map(|c| c.text.as_str()).collect();
        let has = |needle: &str| texts.iter().any(|t| t.to_lowercase().contains(needle));
        for needle in [
            "ready kak",
            "ongkir ke medan",
            "paket belum sampai",
            "sh0pee",
            "s.h.o.p.e.e",
            "ѕһорее",
            "l4zada",
            "0812-3456-7890",
            "wawa",
            "transfer langsung",
            "rekening",
        ] {
            assert!(has(needle), "no comment with {needle:?}");
        }
        let kinds: std::collections::HashSet<&str> = items.iter().map(|s| s.event.kind_name()).collect();
        for kind in ["comment", "join", "like", "gift", "follow", "share", "viewer_count"] {
            assert!(kinds.contains(kind), "no {kind} event");
        }
        let posts = |role: Role| {
            comments(&items)
                .filter(|c| TROUBLEMAKERS.iter().any(|(id, _, of)| *of == role && c.user.unique_id == *id))
                .count()
        };
        // Floods: one fake account posting ten-odd times in as many seconds, several times.
        assert!(posts(Role::Flooder) >= 20, "only {} flood comments", posts(Role::Flooder));
        // Copy-paste campaigns, and an impersonator of the shop with its scam.
        assert!(posts(Role::Campaign) >= 6, "only {} campaign comments", posts(Role::Campaign));
        assert!(posts(Role::Impersonator) >= 2, "no impersonator scams");
        // The troublemakers are a small share of the chat.
        let trouble = comments(&items).filter(|c| is_troublemaker(&c.user.unique_id)).count();
        assert!(trouble * 100 < texts.len() * 10, "{trouble} of {} comments from troublemakers", texts.len());
    }

    #[test]
    fn every_new_viewer_has_a_handle_of_their_own() {
        let mut seen = vec![false; 1_000_000];
        for serial in 0..1_000_000 {
            let number = scrambled(serial) as usize;
            assert!(!seen[number], "{serial} shares its number");
            seen[number] = true;
        }
        assert_eq!(scrambled(1_000_007) / 1_000_000, 1);
        let mut names = std::collections::HashMap::new();
        for comment in comments(&script(4, 50.0, 120.0)) {
            let nickname = names.entry(comment.user.unique_id.clone()).or_insert(comment.user.nickname.clone());
            assert_eq!(*nickname, comment.user.nickname, "two viewers are @{}", comment.user.unique_id);
        }
    }

    #[test]
    fn ordinary_viewers_pace_themselves_and_answer_a_burst_once() {
        let items = script(11, 20.0, 300.0);
        let mut by_viewer = std::collections::HashMap::<&str, Vec<f64>>::new();
        for item in &items {
            if let Some(comment) = item.event.as_comment()
                && !is_troublemaker(&comment.user.unique_id)
                && comment.user.unique_id != SHOP_HANDLE
            {
                by_viewer.entry(&comment.user.unique_id).or_default().push(item.at.as_secs_f64());
            }
        }
        for (viewer, times) in &by_viewer {
            for pair in times.windows(2) {
                assert!(pair[1] - pair[0] >= DemoScript::COOLDOWN - 1e-6, "@{viewer} at {pair:?}");
            }
        }
        assert!(by_viewer.values().any(|times| times.len() >= 3), "nobody chats more than twice");
    }

    #[tokio::test(start_paused = true)]
    async fn the_source_paces_the_script_in_real_time_and_stops_when_cancelled() {
        let (tx, mut rx) = tokio::sync::mpsc::channel(1024);
        let cancel = tokio_util::sync::CancellationToken::new();
        let source = Box::new(DemoSource::new(DemoConfig { rate: 10.0, seed: 5 }, "demo:10:5".into()));
        let task = tokio::spawn(source.run(SourceContext::new(
            tx,
            cancel.clone(),
            std::sync::Arc::new(crate::ingest::Unobserved),
        )));
        tokio::time::sleep(Duration::from_secs(30)).await;
        cancel.cancel();
        task.await.unwrap();
        let mut received = Vec::new();
        while let Ok(incoming) = rx.try_recv() {
            received.push(incoming.event);
        }
        // Everything due before the 30 s mark was sent; an event due exactly at it may be too.
        let due_before = script(5, 10.0, 30.0).len();
        let expected = script(5, 10.0, 30.001);
        assert!((due_before..=expected.len()).contains(&received.len()), "{} vs {due_before}", received.len());
        for (got, want) in received.iter().zip(&expected) {
            assert_eq!(got.id, want.event.id);
            assert_eq!(got.kind, want.event.kind);
            assert!(got.ts > 0);
        }
    }
}
