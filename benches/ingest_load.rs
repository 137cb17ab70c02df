//! Load test of the ingest endpoint: 2,000 comments/s for 60 s over `ws://…/ingest` into a real
//! `pandu serve`, then every comment must be archived exactly once.
//!
//! Reports the ingest-to-archive latency (from sending a comment to finding it committed in the
//! archive, read through a second, read-only connection polled every 5 ms, so figures are ±5 ms)
//! and the server's memory (peak resident set, from /proc).
//!
//! Run: `cargo bench --bench ingest_load` (`-- SECONDS RATE` to change the defaults).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use tokio_tungstenite::tungstenite::Message;

const TOKEN: &str = "load-test";

fn memory_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[u64], q: f64) -> u64 {
    sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(60);
    let rate: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let total = seconds * rate;

    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("load.db");
    let mut server = Command::new(env!("CARGO_BIN_EXE_pandu"))
        .args(["serve", "--db", db.to_str().unwrap(), "--port", "0", "--token", TOKEN, "--source", "none"])
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port: u16 = line.trim().rsplit(':').next().unwrap().parse().unwrap();
    let pid = server.id();

    // Watch the archive from the start, on its own thread: when did each comment show up?
    let sending_done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = std::thread::spawn({
        let (db, sending_done) = (db.clone(), std::sync::Arc::clone(&sending_done));
        move || {
            let reader =
                rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let mut arrivals: Vec<(String, Instant)> = Vec::with_capacity(total as usize);
            let mut last_row = 0i64;
            let mut last_progress = Instant::now();
            // Until every comment is there, or a minute after sending ended with nothing new.
            while (arrivals.len() as u64) < total
                && !(sending_done.load(std::sync::atomic::Ordering::SeqCst)
                    && last_progress.elapsed() > Duration::from_secs(60))
            {
                let mut stmt =
                    reader.prepare_cached("SELECT id, msg_id FROM comments WHERE id > ?1 ORDER BY id").unwrap();
                let rows: Vec<(i64, String)> = stmt
                    .query_map([last_row], |row| Ok((row.get(0)?, row.get(1)?)))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                let now = Instant::now();
                for (row, id) in rows {
                    last_row = row;
                    last_progress = now;
                    arrivals.push((id, now));
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            arrivals
        }
    });

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sent_at: HashMap<String, Instant> = runtime.block_on(async {
        let mut request = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(format!(
            "ws://127.0.0.1:{port}/ingest"
        ))
        .unwrap();
        request.headers_mut().insert("authorization", format!("Bearer {TOKEN}").parse().unwrap());
        let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        let mut sent_at = HashMap::with_capacity(total as usize);
        let started = Instant::now();
        let mut tick = tokio::time::interval(Duration::from_millis(10));
        let per_tick = rate / 100;
        let mut n = 0;
        while n < total {
            tick.tick().await;
            for _ in 0..per_tick.min(total - n) {
                let id = format!("load-{n}");
                let frame = format!(
                    r#"{{"event":"chat","data":{{"comment":"kak ukuran L ready? nomor {n}","uniqueId":"viewer{}","nickname":"Viewer","msgId":"{id}"}}}}"#,
                    n % 5_000
                );
                sent_at.insert(id, Instant::now());
                socket.send(Message::text(frame)).await.unwrap();
                n += 1;
            }
        }
        println!("sent {total} comments in {:.1} s over /ingest ({rate}/s)", started.elapsed().as_secs_f64());
        socket.close(None).await.ok();
        sent_at
    });
    sending_done.store(true, std::sync::atomic::Ordering::SeqCst);
    let arrivals = watcher.join().unwrap();

    let mut seen = std::collections::HashSet::new();
    let mut duplicates = 0;
    let mut latencies = Vec::with_capacity(arrivals.len());
    for (id, arrived) in &arrivals {
        if !seen.insert(id.as_str()) {
            duplicates += 1;
        }
        if let Some(sent) = sent_at.get(id) {
            latencies.push(arrived.saturating_duration_since(*sent).as_millis() as u64);
        }
    }
    let peak_kib = memory_kib(pid, "VmHWM:");
    let now_kib = memory_kib(pid, "VmRSS:");
    Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    server.wait().unwrap();

    latencies.sort_unstable();
    let lost = total - seen.len() as u64;
    println!("archived {} of {total} ({lost} lost, {duplicates} stored twice)", seen.len());
    println!(
        "ingest-to-archive latency: p50 {} ms, p99 {} ms, max {} ms (±5 ms)",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        latencies.last().unwrap()
    );
    println!("server memory: peak {:.1} MiB, at the end {:.1} MiB", peak_kib as f64 / 1024.0, now_kib as f64 / 1024.0);
    assert_eq!((lost, duplicates), (0, 0), "every comment must be archived exactly once");
}
