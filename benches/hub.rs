//! The agency hub under a studio's load, on a real PostgreSQL that flushes to disk
//! (tests/common/postgres.rs, `fsync` on).
//!
//! 1. **Ingest**: DESKTOPS simulated desktops, each numbering RATE comments a second, post
//!    batches of 1,000 from their acknowledged mark to an in-process hub (`server::hub`, the
//!    router `pandu hub serve` runs) for SECONDS. A third of the way in, ten uploaders are killed
//!    mid-request and restarted from the mark they had kept (so they resend); two thirds in,
//!    PostgreSQL is stopped at once and started again. Afterwards: the hub's count equals the sum
//!    of the desktops' sequences, no (device, sequence) twice, the summaries equal the raw
//!    count. The baseline, in the same run: the same batches inserted as plain rows into a
//!    table with no key, no partitions and no summaries (what exactly-once and the summaries
//!    cost).
//! 2. **Catch-up**: a real archive holding an hour of a live at 30 comments/s (108,000), sent by
//!    the real uploader (`hub::uploader::run`) over HTTP: the time until the hub holds it all.
//! 3. **The week's report over 100 million comments**: the summaries of 110 million comments
//!    across 50 shops (written as the intake writes them), read by `agency_report`; and one
//!    shop's raw week (its 2,000,000 events in `hub_events`) drilled into by the hour. The week
//!    runs Monday to Monday in UTC here, as the summaries were written.
//!
//! Run: `cargo bench --bench hub` (`-- SECONDS DESKTOPS RATE` to change 600, 50, 2000).

#[path = "../tests/common/postgres.rs"]
#[allow(dead_code)] // the tests' fast server is not used here
mod postgres;
#[path = "common/viewer.rs"]
mod viewer;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use pandu::event::LiveEvent;
use pandu::hub::uploader::{Desk, HubSettings, HubState, HubStatus};
use pandu::store::HubEvent;
use postgres::Postgres;

const TOKEN: &str = "bench-token-0123456789";
const BATCH: i64 = 1_000;

/// One simulated desktop: what it has numbered (from its start and rate) and the mark it keeps.
struct Desktop {
    id: String,
    shop: String,
    /// Acknowledged by the hub, as the desktop's archive would keep it.
    acked: AtomicI64,
}

fn events(desktop: &Desktop, from: i64, to: i64, start_ms: i64, rate: i64) -> Vec<HubEvent> {
    (from..=to)
        .map(|seq| HubEvent {
            seq,
            ts: start_ms + seq * 1000 / rate,
            session_id: Some(1),
            host: format!("host-{}", &desktop.shop[5..]),
            kind: "comment".into(),
            product: None,
            category: (seq % 20 == 0).then(|| "competitor".into()),
            payload: serde_json::json!({ "id": format!("{}-{seq}", desktop.id), "text": "ready kak? bahannya apa" }),
        })
        .collect()
}

/// What every simulated desktop of a run shares.
struct Run {
    client: reqwest::Client,
    base: String,
    started: Instant,
    start_ms: i64,
    rate: i64,
    /// Set when the run ends: desktops then send what they numbered by then, and stop.
    stop: AtomicBool,
    numbered_at_stop: AtomicI64,
}

/// Posts `desktop`'s batches until the run stops and it has sent all it numbered by then.
async fn upload(run: Arc<Run>, desktop: Arc<Desktop>) {
    loop {
        let numbered = if run.stop.load(Ordering::SeqCst) {
            run.numbered_at_stop.load(Ordering::SeqCst)
        } else {
            (run.started.elapsed().as_millis() as i64 * run.rate / 1000).max(0)
        };
        let acked = desktop.acked.load(Ordering::SeqCst);
        if acked >= numbered {
            if run.stop.load(Ordering::SeqCst) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        }
        let batch = events(&desktop, acked + 1, numbered.min(acked + BATCH), run.start_ms, run.rate);
        let body = serde_json::json!({ "device_id": desktop.id, "shop": desktop.shop, "events": batch });
        let answer =
            run.client.post(format!("{}/hub/v1/batches", run.base)).bearer_auth(TOKEN).json(&body).send().await;
        match answer {
            Ok(answer) if answer.status().is_success() => {
                let ack: serde_json::Value = answer.json().await.unwrap();
                desktop.acked.fetch_max(ack["held"].as_i64().unwrap(), Ordering::SeqCst);
            }
            // The hub or its database is down: wait and send again, as the uploader does.
            _ => tokio::time::sleep(Duration::from_secs(1)).await,
        }
    }
}

async fn count(client: &tokio_postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).await.unwrap().get(0)
}

fn now_ms() -> i64 {
    pandu::event::now_ms()
}

/// Phase 1's baseline: the same batches as plain rows, no key, no partitions, no summaries.
async fn plain_inserts(url: &str, desktops: usize, seconds: u64) -> f64 {
    let setup = pandu::hub::connect(url).await.unwrap();
    setup
        .batch_execute(
            "CREATE TABLE plain_events (shop TEXT, device_id TEXT, seq BIGINT, ts TIMESTAMPTZ, session_id BIGINT,
                 host TEXT, kind TEXT, product TEXT, category TEXT, payload JSONB)",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let inserted = Arc::new(AtomicI64::new(0));
    let mut tasks = Vec::new();
    // As many writers as the hub's pool has connections.
    for writer in 0..8usize {
        let (url, inserted) = (url.to_string(), Arc::clone(&inserted));
        tasks.push(tokio::spawn(async move {
            let client = pandu::hub::connect(&url).await.unwrap();
            let mut round = 0i64;
            while started.elapsed() < Duration::from_secs(seconds) {
                let desktop = Desktop {
                    id: format!("pc-{}", (writer + 8 * round as usize) % desktops),
                    shop: format!("shop-{:02}", writer),
                    acked: AtomicI64::new(0),
                };
                let batch = events(&desktop, round * BATCH + 1, (round + 1) * BATCH, now_ms(), 2_000);
                let seqs: Vec<i64> = batch.iter().map(|e| e.seq).collect();
                let ts: Vec<jiff::Timestamp> =
                    batch.iter().map(|e| jiff::Timestamp::from_millisecond(e.ts).unwrap()).collect();
                let hosts: Vec<String> = batch.iter().map(|e| e.host.clone()).collect();
                let categories: Vec<Option<String>> = batch.iter().map(|e| e.category.clone()).collect();
                let payloads: Vec<serde_json::Value> = batch.iter().map(|e| e.payload.clone()).collect();
                let rows = client
                    .execute(
                        "INSERT INTO plain_events (shop, device_id, seq, ts, session_id, host, kind, product, category, payload)
                         SELECT $1, $2, seq, ts, 1, host, 'comment', NULL, category, payload
                         FROM UNNEST($3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::jsonb[])
                             AS e(seq, ts, host, category, payload)",
                        &[&desktop.shop, &desktop.id, &seqs, &ts, &hosts, &categories, &payloads],
                    )
                    .await
                    .unwrap();
                inserted.fetch_add(rows as i64, Ordering::SeqCst);
                round += 1;
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let rate = inserted.load(Ordering::SeqCst) as f64 / started.elapsed().as_secs_f64();
    setup.batch_execute("DROP TABLE plain_events").await.unwrap();
    rate
}

/// The desk the real uploader reports to in phase 2.
struct Watch {
    caught_up: AtomicBool,
}

impl Desk for Watch {
    fn report(&self, status: HubStatus) {
        if status.state == HubState::Connected && status.behind == 0 {
            self.caught_up.store(true, Ordering::SeqCst);
        }
    }
    fn lexicon_version(&self) -> i64 {
        0
    }
    fn apply_lexicon(&self, _: pandu::hub::lexicon::AgencyLexicon) -> Result<(), String> {
        Ok(())
    }
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(600);
    let desktops: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(50);
    let rate: i64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2_000);

    let pg = Arc::new(Postgres::start_durable());
    let url = pg.database("hub");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        pandu::hub::migrate(&url).await.unwrap();
        let pool = pandu::server::hub::pool(&url).await.unwrap();
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, pandu::server::hub::router(pool, TOKEN.into())).await });
        let db = pandu::hub::connect(&url).await.unwrap();

        // 1. Ingest.
        let baseline_seconds = (seconds / 10).clamp(10, 60);
        println!("baseline: plain inserts for {baseline_seconds} s …");
        let baseline = plain_inserts(&url, desktops, baseline_seconds).await;
        println!(
            "ingest: {desktops} desktops × {rate} comments/s for {seconds} s, uploaders killed at 1/3, PostgreSQL restarted at 2/3 …"
        );
        let run = Arc::new(Run {
            client: reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap(),
            base: base.clone(),
            started: Instant::now(),
            start_ms: now_ms(),
            rate,
            stop: AtomicBool::new(false),
            numbered_at_stop: AtomicI64::new(0),
        });
        let started = run.started;
        let fleet: Vec<Arc<Desktop>> = (0..desktops)
            .map(|n| {
                Arc::new(Desktop { id: format!("pc-{n:02}"), shop: format!("shop-{n:02}"), acked: AtomicI64::new(0) })
            })
            .collect();
        let spawn = |desktop: &Arc<Desktop>| tokio::spawn(upload(Arc::clone(&run), Arc::clone(desktop)));
        let mut tasks: Vec<_> = fleet.iter().map(spawn).collect();
        let progress = {
            let url = url.clone();
            tokio::spawn(async move {
                let mut last = 0i64;
                loop {
                    tokio::time::sleep(Duration::from_secs(10)).await;
                    let Ok(client) = pandu::hub::connect(&url).await else { continue };
                    let Ok(row) = client.query_one("SELECT count(*) FROM hub_events", &[]).await else { continue };
                    let held: i64 = row.get(0);
                    println!("  {:>4} s: the hub holds {held} ({} rows/s over the last 10 s)", started.elapsed().as_secs(), (held - last) / 10);
                    last = held;
                }
            })
        };
        tokio::time::sleep(Duration::from_secs(seconds / 3)).await;
        for (task, desktop) in tasks.iter_mut().zip(&fleet).take(10) {
            task.abort();
            *task = spawn(desktop);
        }
        println!("  {:>4} s: ten uploaders killed and restarted", started.elapsed().as_secs());
        tokio::time::sleep(Duration::from_secs(seconds / 3)).await;
        let restarting = Arc::clone(&pg);
        tokio::task::spawn_blocking(move || restarting.restart()).await.unwrap();
        println!("  {:>4} s: PostgreSQL stopped (immediate) and started again", started.elapsed().as_secs());
        let remaining = Duration::from_secs(seconds).saturating_sub(started.elapsed());
        tokio::time::sleep(remaining).await;
        let run_seconds = started.elapsed().as_secs_f64();
        run.numbered_at_stop.store((run_seconds * 1000.0) as i64 * rate / 1000, Ordering::SeqCst);
        run.stop.store(true, Ordering::SeqCst);
        let db = match db.is_closed() {
            true => pandu::hub::connect(&url).await.unwrap(),
            false => db,
        };
        let held_in_run = count(&db, "SELECT count(*) FROM hub_events").await;
        let draining = Instant::now();
        for task in tasks {
            task.await.unwrap();
        }
        let drain_seconds = draining.elapsed().as_secs_f64();
        progress.abort();
        let numbered = run.numbered_at_stop.load(Ordering::SeqCst) * desktops as i64;
        let held = count(&db, "SELECT count(*) FROM hub_events").await;
        // Each device's rows and highest sequence: with every device acknowledged up to what it
        // numbered (checked below: the hub holds each of 1..N), N rows means none twice.
        let per_device = db
            .query("SELECT device_id, count(*), max(seq) FROM hub_events GROUP BY device_id", &[])
            .await
            .unwrap();
        let distinct: i64 = per_device.iter().map(|row| row.get::<_, i64>(2)).sum();
        for row in &per_device {
            let (device, rows, last): (String, i64, i64) = (row.get(0), row.get(1), row.get(2));
            assert_eq!(rows, last, "{device}: one row per sequence");
        }
        let summed = count(&db, "SELECT coalesce(sum(events), 0)::bigint FROM hub_hourly").await;
        let sustained = held_in_run as f64 / run_seconds;
        println!("  offered {:.0} comments/s in all", (desktops as i64 * rate) as f64);
        println!("  held by the hub at the end of the run: {held_in_run} ({sustained:.0} rows/s sustained)");
        println!("  then {drain_seconds:.1} s to take the backlog");
        println!("  baseline, plain inserts (no key, no summaries): {baseline:.0} rows/s");
        println!("  ratio, exactly-once with summaries / plain: {:.2}", sustained / baseline);
        println!("  desktops' sequences: {numbered}; hub's rows: {held}; sequences held once each: {distinct}; summaries: {summed}");
        assert_eq!(held, numbered, "the hub holds every event the desktops numbered");
        assert_eq!(distinct, held, "no event twice");
        assert_eq!(summed, held, "the summaries equal the raw count");
        for desktop in &fleet {
            assert_eq!(desktop.acked.load(Ordering::SeqCst), run.numbered_at_stop.load(Ordering::SeqCst), "{} fully acked", desktop.id);
        }

        // 2. Catch-up after an hour offline at 30 comments/s.
        let home = tempfile::tempdir().unwrap();
        let path = home.path().join("pandu.db");
        let hour = 3_600 * 30;
        {
            let mut archive = pandu::store::Archive::open(&path).unwrap();
            let session = archive.begin_session("tiktok:@bench", now_ms() - 3_600_000).unwrap();
            let start = now_ms() - 3_600_000;
            let comments: Vec<LiveEvent> =
                (0..hour).map(|n| viewer::comment(n, start + n * 1000 / 30, "tiktok:@bench")).collect();
            for chunk in comments.chunks(4_000) {
                archive.insert_batch(session, chunk).unwrap();
            }
        }
        let watch = Arc::new(Watch { caught_up: AtomicBool::new(false) });
        let settings = HubSettings { url: base.clone(), token: TOKEN.into(), shop: "shop-offline".into() };
        let cancel = tokio_util::sync::CancellationToken::new();
        let catching = Instant::now();
        tokio::spawn(pandu::hub::uploader::run(path, settings, Arc::clone(&watch) as Arc<dyn Desk>, cancel.clone()));
        while !watch.caught_up.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let catch_up = catching.elapsed().as_secs_f64();
        cancel.cancel();
        let landed = count(&db, "SELECT count(*) FROM hub_events WHERE shop = 'shop-offline'").await;
        assert_eq!(landed, hour);
        println!("catch-up: an hour at 30 comments/s ({hour}) sent in {catch_up:.1} s ({:.1}% of the hour; goal ≤ 10%)", catch_up / 36.0);

        // 3. A week of 100,000,000 comments in the summaries; one shop's raw week.
        db.batch_execute(
            "TRUNCATE hub_events, hub_hourly, hub_lives, hub_devices;
             -- 50 shops × 168 hours × 2 hosts: the summaries of 110 million comments
             -- (a twentieth flagged) and their tags, written as the intake writes them.
             INSERT INTO hub_hourly (shop, hour, host, product, category, kind, events)
             SELECT format('shop-%s', lpad(s::text, 2, '0')), '2026-11-30T00:00:00Z'::timestamptz + h * interval '1 hour',
                    format('host-%s', host), '', category, 'comment',
                    CASE WHEN category = '' THEN 5655 ELSE 297 END + CASE WHEN (s + h + host) % 7 = 0 THEN 1 ELSE 0 END
             FROM generate_series(0, 49) s, generate_series(0, 167) h, generate_series(0, 1) host,
                  unnest(ARRAY['', 'competitor', 'offplatform', 'spam']) category;
             INSERT INTO hub_hourly (shop, hour, host, product, category, kind, events)
             SELECT format('shop-%s', lpad(s::text, 2, '0')), '2026-11-30T00:00:00Z'::timestamptz + h * interval '1 hour',
                    'host-0', format('Produk %s', p), kind, 'feedback', 3
             FROM generate_series(0, 49) s, generate_series(0, 167) h, generate_series(0, 2) p,
                  unnest(ARRAY['question', 'complaint']) kind;
             INSERT INTO hub_lives (shop, device_id, session_id, host, first_ts, last_ts)
             SELECT format('shop-%s', lpad(s::text, 2, '0')), 'pc', d, 'host-0',
                    '2026-11-30T12:00:00Z'::timestamptz + d * interval '1 day',
                    '2026-11-30T16:00:00Z'::timestamptz + d * interval '1 day'
             FROM generate_series(0, 49) s, generate_series(0, 6) d;
             ANALYZE hub_hourly; ANALYZE hub_lives;",
        )
        .await
        .unwrap();
        let comments = count(&db, "SELECT sum(events)::bigint FROM hub_hourly WHERE kind = 'comment'").await;
        println!("report: {comments} comments in the summaries; one shop's raw week being written …");
        let raw = 2_000_000i64;
        db.batch_execute(&format!(
            "CREATE TABLE IF NOT EXISTS hub_events_20261130 PARTITION OF hub_events
                 FOR VALUES FROM ('2026-11-30T00:00:00Z') TO ('2026-12-07T00:00:00Z');
             INSERT INTO hub_events (shop, device_id, seq, ts, session_id, host, kind, product, category, payload)
             SELECT 'shop-07', 'pc-07', n, '2026-11-30T00:00:00Z'::timestamptz + n * interval '302 milliseconds', 1,
                    'host-0', 'comment', NULL, CASE WHEN n % 20 = 0 THEN 'competitor' END,
                    jsonb_build_object('text', 'ready kak? bahannya apa')
             FROM generate_series(1, {raw}) n;
             ANALYZE hub_events;"
        ))
        .await
        .unwrap();
        let monday = "2026-11-30T00:00:00Z".parse::<jiff::Timestamp>().unwrap().as_millisecond();
        let scope = |shop: Option<&str>| pandu::hub::report::AgencyScope {
            label: "2026-W49".into(),
            from: monday,
            to: monday + 7 * 86_400_000,
            time_zone: "Asia/Jakarta".into(),
            shop: shop.map(String::from),
            host: None,
            product: None,
        };
        let mut week = Vec::new();
        for _ in 0..5 {
            let timing = Instant::now();
            let report = pandu::hub::report::agency_report(&db, &url, scope(None), now_ms()).await.unwrap();
            week.push(timing.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(report.totals.comments as i64, comments);
        }
        let mut drill = Vec::new();
        for _ in 0..5 {
            let timing = Instant::now();
            let rows = db
                .query(
                    "SELECT date_trunc('hour', ts), count(*), count(*) FILTER (WHERE category IS NOT NULL)
                     FROM hub_events WHERE shop = 'shop-07' AND ts >= '2026-11-30T00:00:00Z' AND ts < '2026-12-07T00:00:00Z'
                     GROUP BY 1 ORDER BY 1",
                    &[],
                )
                .await
                .unwrap();
            drill.push(timing.elapsed().as_secs_f64() * 1000.0);
            let total: i64 = rows.iter().map(|row| row.get::<_, i64>(1)).sum();
            assert_eq!(total, raw);
        }
        println!("  the agency's week report from the summaries: {:.0} ms (median of 5; goal < 1,000 ms)", median(week));
        println!("  one shop's raw week ({raw} events) by the hour: {:.0} ms (median of 5; goal < 2,000 ms)", median(drill));
    });
}
