//! The feedback log's figures, each against a baseline in the same run:
//!
//! - **week report over 1,000,000 archived comments** (14 lives in one week): `report::build`,
//!   against one plain scan of the same comments (`SELECT MAX(ts), COUNT(unique_id)`), the floor
//!   under any report that reads them. Target: under 1 s.
//! - **full-text search over 1,000,000 comments**: `Archive::search` for a word in 49 of
//!   them, against the same search as a `LIKE '%word%'` scan (what it would cost without the
//!   FTS5 index). Target: under 50 ms.
//! - **tagging round trip**: `App::tag_comment` until the window's `feedback` message carries
//!   the tag (stored and shown), against pinning a comment (the same trip without the archive).
//!
//! Building the archive takes a while (a million inserts through the FTS triggers). Run:
//! `cargo bench --bench feedback`.

#[path = "common/timing.rs"]
mod timing;

use std::sync::Arc;
use std::time::{Duration, Instant};

use pandu::app::{App, AppOptions};
use pandu::event::FeedbackKind;
use pandu::event::{Comment, EventKind, FollowRole, LiveEvent, User};
use pandu::feedback::FeedbackRequest;
use pandu::ingest::SourceSet;
use pandu::outbound::{Audience, Outbound};
use pandu::report::{self, ScopeRequest};
use pandu::store::Archive;
use timing::median;

const COMMENTS: usize = 1_000_000;
const LIVES: usize = 14;
/// Monday 30 November 2026, 00:00 WIB: the week 2026-W49.
const WEEK_START: i64 = 1_795_971_600_000;

const TEXTS: [&str; 8] = [
    "ready kak? ukuran L ada 😍",
    "berapa ongkirnya ke medan kak",
    "bagus banget bahannya adem",
    "spill yang warna sage dong",
    "halo kak salam dari surabaya",
    "checkout 2 ya kak",
    "kapan restock yang hitam",
    "mantap harganya murah",
];

fn comment(n: usize, ts: i64) -> LiveEvent {
    // One in 20,000 mentions a broken item: the rare word searched for (49 in all).
    let text = if n.is_multiple_of(20_000) {
        format!("barangku rusak kak #{n}")
    } else {
        format!("{} #{n}", TEXTS[n % TEXTS.len()])
    };
    let flags = if n.is_multiple_of(20) {
        serde_json::from_value(serde_json::json!([{"term": "shopee", "category": "competitor", "severity": "high",
            "target": "text", "start": 0, "end": 6, "matched": "shopee", "suggest": "aplikasi oren"}]))
        .unwrap()
    } else {
        vec![]
    };
    LiveEvent {
        id: format!("m{n}"),
        ts,
        source: "tiktok:@novilla.official".into(),
        kind: EventKind::Comment(Comment {
            user: User {
                id: format!("69{n:010}"),
                unique_id: format!("viewer{}", n % 40_000),
                nickname: "Sari 🌸".into(),
                avatar_url: None,
                is_moderator: false,
                follow_role: FollowRole::Follower,
            },
            text,
            flags,
            suggested: None,
            banner: None,
            finding: None,
        }),
    }
}

fn build_archive(path: &std::path::Path) {
    let mut archive = Archive::open(path).unwrap();
    let per_live = COMMENTS / LIVES;
    let mut n = 0;
    for live in 0..LIVES {
        // Two lives a day, at 10:00 and 19:00 WIB; each two hours long.
        let start = WEEK_START + (live / 2) as i64 * 86_400_000 + if live % 2 == 0 { 10 } else { 19 } * 3_600_000;
        let session = archive.begin_session("tiktok:@novilla.official", start).unwrap();
        let batch: Vec<LiveEvent> = (0..per_live)
            .map(|i| {
                n += 1;
                comment(n, start + (i as i64 * 7_200_000 / per_live as i64))
            })
            .chain((0..120).map(|minute| LiveEvent {
                id: format!("v{live}-{minute}"),
                ts: start + minute * 60_000,
                source: "tiktok:@novilla.official".into(),
                kind: EventKind::ViewerCount { count: 300 + (minute as u32 * 7) % 400 },
            }))
            .collect();
        for chunk in batch.chunks(pandu::store::MAX_BATCH) {
            archive.insert_batch(session, chunk).unwrap();
        }
        archive.end_session(session, start + 7_200_000).unwrap();
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pandu.db");
    let built = Instant::now();
    build_archive(&path);
    println!("archive of {COMMENTS} comments in {LIVES} lives built in {:.1} s", built.elapsed().as_secs_f64());
    let archive = Archive::open(&path).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();

    let scope = report::resolve_scope(&archive, &ScopeRequest::Week("2026-W49".into()), "Asia/Jakarta").unwrap();
    let mut checked = None;
    let week_report =
        median(|| checked = Some(report::build(&archive, scope.clone(), WEEK_START + 7 * 86_400_000).unwrap()), 5);
    let report = checked.unwrap();
    assert_eq!(report.totals.comments as usize, COMMENTS / LIVES * LIVES, "the report covers every comment");
    let scan = median(
        || {
            let _: (i64, i64) = raw
                .query_row("SELECT MAX(ts), COUNT(unique_id) FROM comments", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
        },
        5,
    );

    let mut hits = 0;
    let search = median(|| hits = archive.search("rusak", 100).unwrap().len(), 21);
    let rare = COMMENTS / LIVES * LIVES / 20_000;
    assert_eq!(hits, rare);
    let like = median(
        || {
            let mut stmt = raw
                .prepare_cached("SELECT id FROM comments WHERE text LIKE '%rusak%' ORDER BY id DESC LIMIT 100")
                .unwrap();
            let found = stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().count();
            assert_eq!(found, rare);
        },
        5,
    );

    let (tag, pin) = tagging_round_trip(dir.path());

    println!();
    println!("| figure | median | baseline | ratio |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| week report, {COMMENTS} comments | {:.0} ms | {:.0} ms (one scan of the comments) | {:.2}× |",
        ms(week_report),
        ms(scan),
        ms(week_report) / ms(scan)
    );
    println!(
        "| full-text search, {COMMENTS} comments | {:.2} ms | {:.0} ms (LIKE scan) | {:.4}× |",
        ms(search),
        ms(like),
        ms(search) / ms(like)
    );
    println!(
        "| tagging round trip (stored and published) | {:.0} µs | {:.0} µs (pin: no archive) | {:.1}× |",
        tag.as_secs_f64() * 1e6,
        pin.as_secs_f64() * 1e6,
        ms(tag) / ms(pin)
    );
}

/// Median of tagging a comment until its `feedback` message arrives, and of pinning one until
/// its `pinned` message arrives, on a running app.
fn tagging_round_trip(dir: &std::path::Path) -> (Duration, Duration) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let options = AppOptions {
            db: Some(dir.join("tagging.db")),
            port: Some(0),
            token: Some("bench".into()),
            source: Some(SourceSet::default()),
            config_dir: Some(dir.join("config")),
        };
        let app: Arc<App> = pandu::launch::launch(&options).await.unwrap();
        app.engine().push((0..200).map(|n| comment(n, pandu::event::now_ms()))).await.unwrap();
        // The comments reach the recent list through the outbound stream.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut tags = Vec::new();
        let mut pins = Vec::new();
        for n in 1..100 {
            let mut outbound = app.connect(Audience::Control);
            let start = Instant::now();
            let request = FeedbackRequest {
                comment_id: format!("m{n}"),
                kind: FeedbackKind::Question,
                note: String::new(),
                product: None,
            };
            let entry = app.tag_comment(request).await.unwrap();
            loop {
                if let Outbound::Feedback { feedback } = &*outbound.next().await.unwrap()
                    && feedback.entries.iter().any(|e| e.id == entry.id)
                {
                    break;
                }
            }
            tags.push(start.elapsed());

            let mut outbound = app.connect(Audience::Control);
            let start = Instant::now();
            app.pin(&format!("m{n}")).unwrap();
            loop {
                if let Outbound::Pinned { comment: Some(_) } = &*outbound.next().await.unwrap() {
                    break;
                }
            }
            pins.push(start.elapsed());
        }
        app.shut_down().await;
        tags.sort();
        pins.sort();
        (tags[tags.len() / 2], pins[pins.len() / 2])
    })
}
