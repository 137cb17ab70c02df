//! Acceptance: a source killed for 30 s in the middle of a live leaves one gap of about 30 s in
//! the archive (`pandu export --gaps`), in what the feed receives (the `/api/events` stream's
//! session state), and in the reports (Markdown and HTML).
//!
//! The source is real: `pandu serve` reads a TikFinity-shaped WebSocket server on 127.0.0.1,
//! which this test kills (every connection dropped, the port closed) and brings back 30 s later
//! on the same port; Pandu's own client notices, retries and reconnects by itself. This is the
//! one test that waits real time (~40 s); the gap rule's cases run in `session::gaps`'s unit
//! tests.

mod common;

use std::time::{Duration, Instant};

use common::{Served, json_lines, run};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const TOKEN: &str = "gaps-token";
const DOWN: Duration = Duration::from_secs(30);

/// A stand-in for TikFinity on `port`: every connection gets a comment every 100 ms, with ids
/// that go on counting across connections (as a live's comments do). Dropping it kills it:
/// the listener closes and every connection is cut.
struct Tool {
    tasks: JoinSet<()>,
}

impl Tool {
    async fn start(port: u16, first_id: u64) -> Tool {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let mut tasks = JoinSet::new();
        let next_id = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(first_id));
        let (connections_tx, mut connections_rx) = tokio::sync::mpsc::unbounded_channel();
        tasks.spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                connections_tx.send(stream).unwrap();
            }
        });
        let mut served = JoinSet::new();
        tasks.spawn(async move {
            while let Some(stream) = connections_rx.recv().await {
                let next_id = std::sync::Arc::clone(&next_id);
                served.spawn(async move {
                    let Ok(mut socket) = tokio_tungstenite::accept_async(stream).await else { return };
                    loop {
                        let id = next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let frame = format!(
                            r#"{{"event":"chat","data":{{"comment":"ready kak? {id}","uniqueId":"sari","nickname":"Sari","msgId":"tf-{id}"}}}}"#
                        );
                        if socket.send(Message::text(frame)).await.is_err() {
                            return;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                });
            }
            // Kept alive with the task: aborting this task drops `served`, which cuts every
            // connection.
            drop(served);
        });
        Tool { tasks }
    }

    async fn kill(mut self) {
        self.tasks.shutdown().await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The `/api/events` stream, read in the background: the latest session state's `gaps`.
fn watch_feed(port: u16) -> tokio::sync::watch::Receiver<serde_json::Value> {
    let (tx, rx) = tokio::sync::watch::channel(serde_json::Value::Null);
    tokio::spawn(async move {
        let mut request = format!("ws://127.0.0.1:{port}/api/events").into_client_request().unwrap();
        request.headers_mut().insert("Authorization", format!("Bearer {TOKEN}").parse().unwrap());
        let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        while let Some(Ok(message)) = socket.next().await {
            let Ok(text) = message.to_text() else { continue };
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { continue };
            if value["type"] == "session" {
                tx.send_replace(value["state"].clone());
            }
        }
    });
    rx
}

async fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn seconds(gap: &serde_json::Value) -> f64 {
    gap["duration_ms"].as_f64().unwrap_or_else(|| panic!("a closed gap has a length: {gap}")) / 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_killed_for_30_s_mid_live_leaves_one_gap_of_about_30_s_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let port = free_port();
    let tool = Tool::start(port, 1).await;
    let source = format!("tikfinity:ws://127.0.0.1:{port}");
    let served = Served::start_on(home.path(), &db, TOKEN, &source);
    let feed = watch_feed(served.port);

    // The live runs: comments arrive, no gap yet.
    wait_until("comments", Duration::from_secs(20), || feed.borrow()["comments"].as_u64().unwrap_or(0) >= 10).await;
    assert_eq!(feed.borrow()["gaps"], serde_json::json!([]));

    // The source dies for 30 s.
    tool.kill().await;
    let killed = Instant::now();
    wait_until("the open gap in the feed", Duration::from_secs(5), || {
        feed.borrow()["gaps"].as_array().is_some_and(|gaps| gaps.len() == 1 && gaps[0]["end"].is_null())
    })
    .await;
    let comments_when_killed = feed.borrow()["comments"].as_u64().unwrap();
    tokio::time::sleep(DOWN.saturating_sub(killed.elapsed())).await;
    assert_eq!(feed.borrow()["comments"].as_u64().unwrap(), comments_when_killed, "nothing came while it was down");
    let tool = Tool::start(port, 10_000).await;

    // Pandu reconnects by itself; the gap closes.
    wait_until("the gap to close", Duration::from_secs(15), || {
        feed.borrow()["gaps"].as_array().is_some_and(|gaps| gaps.len() == 1 && !gaps[0]["end"].is_null())
    })
    .await;
    let reconnected_after = killed.elapsed().as_secs_f64();
    wait_until("comments again", Duration::from_secs(10), || {
        feed.borrow()["comments"].as_u64().unwrap() >= comments_when_killed + 10
    })
    .await;
    let state = feed.borrow().clone();
    let session = state["session_id"].as_i64().unwrap();
    let gaps = state["gaps"].as_array().unwrap().clone();
    served.stop();
    tool.kill().await;

    // What the feed received: one gap, from the kill to the reconnection.
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let in_feed = &gaps[0];
    let length = seconds(in_feed);
    eprintln!("source down {} s: a gap of {length:.1} s, seen back after {reconnected_after:.1} s", DOWN.as_secs());
    assert!((29.0..=36.0).contains(&length), "a gap of {length} s for a source down 30 s");
    assert!((length - reconnected_after).abs() < 1.5, "{length} s, seen back after {reconnected_after} s");
    assert_eq!(in_feed["session"], session);
    assert_eq!(in_feed["source"], source);
    assert!(
        matches!(in_feed["reason"]["kind"].as_str(), Some("tool_closed" | "tool_failed")),
        "the drop's reason: {in_feed}"
    );

    // The archive: exactly that gap.
    let home_path = home.path();
    let db_arg = db.to_str().unwrap();
    let archived = json_lines(home_path, &["export", "--db", db_arg, "--gaps"]);
    assert_eq!(archived, std::slice::from_ref(in_feed), "the archive keeps the gap the feed showed");
    let only_this = json_lines(home_path, &["export", "--db", db_arg, "--session", &session.to_string(), "--gaps"]);
    assert_eq!(only_this.len(), 1);

    // The comments around it are there, none inside it.
    let comments = json_lines(home_path, &["export", "--db", db_arg, "--session", &session.to_string()]);
    let (start, end) = (in_feed["start"].as_i64().unwrap(), in_feed["end"].as_i64().unwrap());
    assert!(comments.iter().any(|c| c["ts"].as_i64().unwrap() < start));
    assert!(comments.iter().any(|c| c["ts"].as_i64().unwrap() > end));

    // The reports: one gap, its length, and its share of the live.
    let markdown = report(home_path, db_arg, session, "md");
    let shown = format!("{}:{:02}", (length.round() as u64) / 60, (length.round() as u64) % 60);
    assert!(markdown.contains(&format!("| Sumber terputus | 1 kali terputus, total {shown} \\(")), "{markdown}");
    assert!(markdown.contains("komentar selama itu mungkin tidak masuk"), "{markdown}");
    assert!(markdown.contains("| koneksi terputus |"), "{markdown}");
    assert_eq!(markdown.matches(&format!("| {shown} |")).count(), 1, "one row in the gap table:\n{markdown}");
    let html = report(home_path, db_arg, session, "html");
    assert!(html.contains(&format!("1 kali terputus, total {shown}")), "the HTML says it too");
    assert!(html.contains("saat sumber terputus (abu-abu)"), "and shades it on the timeline");
}

fn report(home: &std::path::Path, db: &str, session: i64, format: &str) -> String {
    let output = run(home, &["report", "--db", db, "--session", &session.to_string(), "--format", format]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}
