//! The built-in demo live: Indonesian live-selling chat as it really reads.
//!
//! A new co-host can rehearse with it and every test can rely on it, so it carries what a real
//! TikTok Shop live throws at a team: questions ("ready kak?"), praise, complaints ("paket belum
//! sampai"), joins, likes, gifts, floods from a few fake accounts, rival marketplaces spelled to
//! dodge filters (`sh0pee`, `s.h.o.p.e.e`, Cyrillic look-alikes), phone numbers and "WA" deals,
//! and an account impersonating the shop.
//!
//! [`DemoScript`] is the pure part: given a seed it always yields the same events at the same
//! offsets, with no clock involved, so tests are deterministic. [`DemoSource`] plays a script
//! against the real clock.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Source, SourceContext};
use crate::event::{Comment, EventKind, FollowRole, LiveEvent, User, now_ms};

/// The fastest demo rate accepted, in comments per second.
pub const MAX_RATE: f64 = 10_000.0;

/// How the demo stream runs.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoConfig {
    /// Average comments per second outside bursts and floods.
    pub rate: f64,
    /// The same seed always gives the same stream.
    pub seed: u64,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { rate: 5.0, seed: 2026 }
    }
}

/// The shop the demo live belongs to.
pub const SHOP_HANDLE: &str = "novilla.official";
pub const SHOP_NICKNAME: &str = "Novilla Official";

const QUESTIONS: &[&str] = &[
    "ready kak?",
    "ukuran L ada?",
    "cara checkout gimana kak",
    "ongkir ke Medan berapa kak?",
    "bahannya apa kak? panas ga?",
    "warna navy masih ada?",
    "bisa COD ga kak?",
    "ini ori kak?",
    "size XL ready ga?",
    "kak spill harga yang putih dong",
    "keranjang kuning nomor berapa kak?",
    "kapan restock kak?",
    "buat kulit berminyak cocok ga kak?",
    "beli 2 dapet diskon ga kak?",
    "ada ukuran anak ga?",
    "LD nya berapa kak?",
    "yang flash sale jam berapa kak?",
    "voucher ongkir masih ada kak?",
];
const GREETINGS: &[&str] = &[
    "halo kak",
    "hadir kak 🙋‍♀️",
    "salam dari Surabaya",
    "assalamualaikum kak",
    "baru join kak, lagi bahas apa?",
    "semangat live nya kak 💪",
];
const PRAISE: &[&str] = &[
    "cantik banget kak 😍",
    "udah checkout kak, makasih",
    "langganan di sini, bahannya bagus",
    "hostnya ramah banget",
    "mantap kak 🔥🔥",
    "paketku udah sampai, rapi banget packingnya",
    "suka warnanya kak",
    "murah bgt 😭",
    "serumnya cocok di mukaku kak ✨",
];
const COMPLAINTS: &[&str] = &[
    "paket belum sampai kak udah seminggu",
    "kemarin dapet warna salah kak",
    "kok checkout gagal terus ya",
    "voucher ga bisa dipake kak",
    "resi ga update dari kemarin",
    "jahitannya lepas kak, gimana klaimnya?",
    "admin slow respon banget",
];
const REQUESTS: &[&str] = &[
    "kak coba pake yang hitam dong",
    "spill yang motif bunga kak",
    "tolong diulang harganya kak",
    "kak zoom bahannya",
    "kak cobain yang ukuran M",
    "tunjukin yang sage kak",
];
/// Rival marketplaces, off-platform deals and phone numbers, spelled the way viewers dodge filters.
const EVASIONS: &[&str] = &[
    "di sh0pee lebih murah kak",
    "s.h.o.p.e.e ada yg 50rb",
    "cek l4zada aja",
    "t0kped lagi promo tuh",
    "ѕһорее lebih murah wkwk",
    "s🔥h🔥o🔥p🔥e🔥e gratis ongkir",
    "lazadaaa lebih murah",
    "l-a-z-a-d-a ada cashback",
    "wawa aja kak biar cepet",
    "WA aku 0812-3456-7890 kak",
    "transfer langsung bisa kak?",
    "order lewat 085712345678 ya",
    "kirim nomor rekening dong kak",
];
const PROFANITY: &[&str] = &["anjiiing mahal amat", "goblok hostnya lama", "anjir ribet checkoutnya"];
/// What fake accounts flood the chat with: spam, provocation, fake bad reviews.
const FLOOD: &[&str] = &[
    "MURAHHH!!! cek bio aku 🔥🔥🔥",
    "barang KW jangan beli!!!",
    "penipu toko ini",
    "barangnya jelek nyesel beli",
    "jual followers murah cek bio",
];
const FAKE_ACCOUNTS: &[(&str, &str)] =
    &[("user8837261", "user8837261"), ("promo_murah88", "PROMO MURAH"), ("cek.bio.aku", "cek bio 🔥")];
/// Look-alikes of the shop's account, posting the scam they are made for.
const IMPERSONATORS: &[(&str, &str)] =
    &[("novilla.0fficial", "Novilla OfficiaI"), ("novi11a_official", "N0villa Official")];
const SCAMS: &[&str] =
    &["Selamat kamu menang giveaway! klaim di WA 0813-9988-7766", "Pemenang kuis hubungi admin di wa.me/6281399887766"];
const GIFTS: &[(&str, u32)] = &[("Rose", 1), ("TikTok", 1), ("Finger Heart", 5), ("Doughnut", 30), ("Perfume", 20)];
const FIRST_NAMES: &[&str] = &[
    "Sari", "Dewi", "Rina", "Putri", "Ayu", "Budi", "Wulan", "Nurul", "Fitri", "Indah", "Lestari", "Maya", "Rizky",
    "Dian", "Siti", "Yuni", "Eka", "Tari", "Nisa", "Anggi", "Bayu", "Citra", "Fajar", "Gita", "Hana", "Intan",
];
const LAST_NAMES: &[&str] = &["", "Pratiwi", "Lestari", "Saputra", "Wijaya", "Rahma", "Amelia", "Kusuma", "Olshop"];
const NICK_DECORATIONS: &[&str] = &["", "", "", " 🌸", " ✨", " 💕", "_"];

/// One scheduled event: `at` is its offset from the start of the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub at: Duration,
    pub event: LiveEvent,
}

/// The demo stream's events in order, as a pure, seeded iterator (timestamps left at 0).
pub struct DemoScript {
    rng: ChaCha8Rng,
    config: DemoConfig,
    /// Virtual time, in seconds since the start.
    clock: f64,
    sequence: u64,
    scripted: VecDeque<(f64, EventKind)>,
    burst_until: f64,
    next_burst: f64,
    next_flood: f64,
    next_impersonation: f64,
    next_viewer_count: f64,
    viewers: u32,
}

impl DemoScript {
    const VIEWER_COUNT_EVERY: f64 = 5.0;
    /// Non-comment events (joins, likes, ...) per comment, on average.
    const AMBIENT_PER_COMMENT: f64 = 0.6;

    pub fn new(config: DemoConfig) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let viewers = rng.random_range(250..600);
        DemoScript {
            next_burst: rng.random_range(8.0..20.0),
            next_flood: rng.random_range(15.0..30.0),
            next_impersonation: rng.random_range(30.0..60.0),
            rng,
            config,
            clock: 0.0,
            sequence: 0,
            scripted: VecDeque::new(),
            burst_until: 0.0,
            next_viewer_count: 0.0,
            viewers,
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    fn viewer(&mut self) -> User {
        let first = *self.pick(FIRST_NAMES);
        let last = *self.pick(LAST_NAMES);
        let decoration = *self.pick(NICK_DECORATIONS);
        let number: u16 = self.rng.random_range(1..999);
        let unique_id = if last.is_empty() {
            format!("{}{number}", first.to_lowercase())
        } else {
            format!("{}.{}", first.to_lowercase(), last.to_lowercase())
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
            is_moderator: self.rng.random_ratio(1, 80),
            follow_role,
        }
    }

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

    fn comment_text(&mut self) -> String {
        let pool: &[&str] = match self.rng.random_range(0..100) {
            0..=29 => QUESTIONS,
            30..=39 => GREETINGS,
            40..=57 => PRAISE,
            58..=65 => COMPLAINTS,
            66..=75 => REQUESTS,
            76..=93 => EVASIONS,
            _ => PROFANITY,
        };
        let text = *self.pick(pool);
        // Real chat repeats itself with small variations.
        match self.rng.random_range(0..12) {
            0 if !text.contains("kak") => format!("{text} kak"),
            1 if text.ends_with('?') => format!("{text}?"),
            2 => text.to_uppercase(),
            _ => text.to_string(),
        }
    }

    fn ambient(&mut self) -> EventKind {
        let user = self.viewer();
        match self.rng.random_range(0..100) {
            0..=39 => EventKind::Join { user },
            40..=79 => EventKind::Like { user, count: self.rng.random_range(1..16) },
            80..=87 => EventKind::Follow { user },
            88..=92 => EventKind::Share { user },
            _ => {
                let (gift_name, diamonds) = *self.pick(GIFTS);
                EventKind::Gift { user, gift_name: gift_name.into(), count: self.rng.random_range(1..6), diamonds }
            }
        }
    }

    /// Queues a flood: a few fake accounts posting the same or near-same text, fast.
    fn queue_flood(&mut self) {
        let text = *self.pick(FLOOD);
        for n in 0..self.rng.random_range(10..20) {
            let (unique_id, nickname) = *self.pick(FAKE_ACCOUNTS);
            let text = if n % 3 == 2 { format!("{text}!!") } else { text.to_string() };
            let gap = self.rng.random_range(0.08..0.3);
            self.scripted.push_back((
                gap,
                EventKind::Comment(Comment {
                    user: Self::account(unique_id, nickname),
                    text,
                    flags: vec![],
                    suggested: None,
                    banner: None,
                    finding: None,
                }),
            ));
        }
    }

    fn queue_impersonation(&mut self) {
        let (unique_id, nickname) = *self.pick(IMPERSONATORS);
        let user = Self::account(unique_id, nickname);
        self.scripted.push_back((0.5, EventKind::Join { user: user.clone() }));
        for _ in 0..2 {
            let text = self.pick(SCAMS).to_string();
            self.scripted.push_back((
                self.rng.random_range(1.0..4.0),
                EventKind::Comment(Comment {
                    user: user.clone(),
                    text,
                    flags: vec![],
                    suggested: None,
                    banner: None,
                    finding: None,
                }),
            ));
        }
    }

    fn next_kind(&mut self) -> EventKind {
        if let Some((gap, kind)) = self.scripted.pop_front() {
            self.clock += gap;
            return kind;
        }
        if self.clock >= self.next_flood {
            self.queue_flood();
            self.next_flood = self.clock + self.rng.random_range(40.0..90.0);
            return self.next_kind();
        }
        if self.clock >= self.next_impersonation {
            self.queue_impersonation();
            self.next_impersonation = self.clock + self.rng.random_range(90.0..180.0);
            return self.next_kind();
        }
        if self.clock >= self.next_burst {
            self.burst_until = self.clock + self.rng.random_range(3.0..6.0);
            self.next_burst = self.burst_until + self.rng.random_range(15.0..35.0);
        }
        let comment_rate = if self.clock < self.burst_until { self.config.rate * 3.0 } else { self.config.rate };
        let total_rate = comment_rate + self.config.rate * Self::AMBIENT_PER_COMMENT;
        // Poisson arrivals: exponential gaps.
        let gap = -(1.0 - self.rng.random::<f64>()).ln() / total_rate;
        if self.clock + gap >= self.next_viewer_count {
            self.clock = self.clock.max(self.next_viewer_count);
            self.next_viewer_count += Self::VIEWER_COUNT_EVERY;
            let drift = self.rng.random_range(-40..=55);
            self.viewers = self.viewers.saturating_add_signed(drift).max(50);
            return EventKind::ViewerCount { count: self.viewers };
        }
        self.clock += gap;
        if self.rng.random::<f64>() < comment_rate / total_rate {
            let user = self.viewer();
            let text = self.comment_text();
            EventKind::Comment(Comment { user, text, flags: vec![], suggested: None, banner: None, finding: None })
        } else {
            self.ambient()
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

/// FNV-1a: a stable hash for demo user ids (std's hasher is randomly seeded per process).
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
        for needle in ["ready kak", "paket belum sampai", "sh0pee", "s.h.o.p.e.e", "ѕһорее", "0812-3456-7890", "wawa"]
        {
            assert!(has(needle), "no comment with {needle:?}");
        }
        let kinds: std::collections::HashSet<&str> = items.iter().map(|s| s.event.kind_name()).collect();
        for kind in ["comment", "join", "like", "gift", "follow", "share", "viewer_count"] {
            assert!(kinds.contains(kind), "no {kind} event");
        }
        // Floods: one fake account posting the same text several times in a few seconds.
        let fake_posts =
            comments(&items).filter(|c| FAKE_ACCOUNTS.iter().any(|(id, _)| c.user.unique_id == *id)).count();
        assert!(fake_posts >= 20, "only {fake_posts} flood comments");
        // An impersonator of the shop shows up with its scam.
        let scams = comments(&items).filter(|c| IMPERSONATORS.iter().any(|(id, _)| c.user.unique_id == *id));
        assert!(scams.count() >= 2, "no impersonator scams");
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
