//! The headless engine end to end, through the `pandu` binary: `serve` on a demo stream,
//! the local API, a clean stop on SIGTERM, then `export` of what was archived.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Served, json_lines, run, wait_for};
use futures_util::StreamExt;

fn exported(home: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    common::json_lines(home, &[&["export"], args].concat())
}

#[test]
fn serve_archives_the_demo_stream_and_export_returns_every_comment() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let db_arg = db.to_str().unwrap();
    let served = Served::start_on(home.path(), db_arg, "t0k3n", "demo:50");

    let (status, health) = served.get("/api/health", None);
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    assert_eq!(served.get("/api/state", None).0, 401);
    assert_eq!(served.get("/api/state", Some("nope")).0, 401);
    let mut comments_seen = 0;
    // Three seconds of the demo at 50 comments a second: its first rival marketplace comes
    // within two.
    wait_for("150 comments", || {
        let (status, state) = served.get("/api/state", Some("t0k3n"));
        assert_eq!(status, 200);
        assert_eq!(state["source_state"], "live");
        comments_seen = state["comments"].as_u64().unwrap();
        comments_seen >= 150
    });
    let stderr = served.stop();
    assert!(stderr.contains("events archived"), "{stderr}");

    let lines = exported(home.path(), &["--db", db_arg]);
    assert!(lines.len() as u64 >= comments_seen, "{} exported, {comments_seen} seen live", lines.len());
    for line in &lines {
        assert!(line["id"].as_str().unwrap().starts_with("demo-"), "{line}");
        assert!(line["ts"].as_i64().unwrap() > 1_700_000_000_000, "{line}");
        assert!(!line["user"]["unique_id"].as_str().unwrap().is_empty(), "{line}");
        assert!(line["user"]["nickname"].is_string(), "{line}");
        let text = line["text"].as_str().unwrap();
        assert!(!text.is_empty(), "{line}");
        for flag in line["flags"].as_array().unwrap() {
            let (start, end) = (flag["start"].as_u64().unwrap() as usize, flag["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[start..end], flag["matched"].as_str().unwrap(), "{line}");
        }
    }
    // The demo's evasions arrive flagged, with the rival brand and its code word.
    let flagged: Vec<_> = lines.iter().flat_map(|l| l["flags"].as_array().unwrap().clone()).collect();
    assert!(
        flagged.iter().any(|f| f["category"] == "competitor" && f["suggest"].is_string()),
        "no competitor flag in {} comments",
        lines.len()
    );
    let ids: std::collections::HashSet<_> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "a comment was archived twice");

    // The session list and a per-session export agree.
    let sessions = run(home.path(), &["sessions", "--db", db_arg]);
    let session: serde_json::Value = serde_json::from_slice(&sessions.stdout).unwrap();
    assert_eq!(session["comments"].as_u64(), Some(lines.len() as u64));
    assert!(session["ended_at"].is_i64(), "the session was not closed: {session}");
    assert_eq!(exported(home.path(), &["--db", db_arg, "--session", "1"]), lines);
}

#[test]
fn without_a_token_serve_creates_one_in_the_settings_and_uses_it() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let served = Served::start(home.path(), &["--db", db.to_str().unwrap(), "--port", "0", "--source", "none"]);
    let settings = std::fs::read_to_string(home.path().join("config/pandu/config.toml")).unwrap();
    let token = settings.lines().find_map(|l| l.strip_prefix("token = \"")).unwrap().trim_end_matches('"').to_string();
    assert_eq!(token.len(), 64);
    let (status, state) = served.get("/api/state", Some(&token));
    assert_eq!((status, state["source_state"].as_str()), (200, Some("idle")));
    served.stop();
}

#[tokio::test]
async fn the_events_websocket_streams_the_outbound_messages_and_refuses_a_wrong_token() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let served = Served::start_on(home.path(), &db, "w", "demo:100");
    let url = format!("ws://127.0.0.1:{}/api/events", served.port);

    assert!(tokio_tungstenite::connect_async(common::ws_request(&url, "wrong")).await.is_err());
    assert!(tokio_tungstenite::connect_async(format!("{url}?token=w")).await.is_err(), "no token in its URL");

    let (mut socket, _) = tokio_tungstenite::connect_async(common::ws_request(&url, "w")).await.unwrap();
    let mut next = async || -> serde_json::Value {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap().unwrap();
        serde_json::from_str(message.to_text().unwrap()).unwrap()
    };
    // First what a screen that just connected needs, then the live stream.
    let mut snapshot = Vec::new();
    for _ in 0..8 {
        snapshot.push(next().await["type"].as_str().unwrap().to_string());
    }
    assert_eq!(snapshot, ["session", "clock", "feedback", "question", "script", "pinned", "hub", "frame"]);
    // The same outbound stream the window gets: batches of events, each followed by the state.
    let (mut events, mut states) = (Vec::new(), Vec::new());
    while events.len() < 20 || states.is_empty() {
        let message = next().await;
        match message["type"].as_str() {
            Some("events") => {
                let batch = message["events"].as_array().unwrap();
                assert!(!batch.is_empty(), "an events message is never empty");
                events.extend(batch.iter().cloned());
            }
            Some("session") => states.push(message["state"].clone()),
            // The demo's questions become the host's next question (suggested: nothing is tagged).
            Some("question") => {
                assert!(message["question"]["comment_id"].is_string(), "{message}");
                assert_eq!(message["question"]["feedback_id"], serde_json::Value::Null);
            }
            other => panic!("an unknown outbound message {other:?}: {message}"),
        }
    }
    assert!(events.iter().all(|e| e["source"] == "demo:100" && e["type"].is_string()));
    assert!(states.iter().all(|s| s["source"] == "demo:100" && s["comments"].is_u64()));
    served.stop();
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let db = home.path().join("live.db");
    let output =
        run(home.path(), &["serve", "--db", db.to_str().unwrap(), "--port", &port, "--token", "t", "--source", "none"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("port {port}")) && stderr.contains("already in use"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_file_that_is_not_an_archive_is_refused_by_name_and_left_untouched() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("rekap-mingguan.xlsx");
    let content = b"PK\x03\x04 not a database, a spreadsheet".repeat(20);
    std::fs::write(&db, &content).unwrap();
    for args in [
        vec!["serve", "--db", db.to_str().unwrap(), "--port", "0", "--token", "t", "--source", "none"],
        vec!["export", "--db", db.to_str().unwrap()],
    ] {
        let output = run(home.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("rekap-mingguan.xlsx") && stderr.contains("not a Pandu archive"), "{stderr}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), content);
}

#[test]
fn an_archive_from_a_newer_pandu_is_refused_and_left_untouched() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("future.db");
    pandu::store::Archive::open(&db).unwrap();
    claim_a_newer_schema(&db);
    let before = std::fs::read(&db).unwrap();
    let output = run(home.path(), &["export", "--db", db.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("future.db") && stderr.contains("newer Pandu"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// Sets the file's schema version (SQLite's `user_version`, a big-endian u32 at byte 60 of the
/// header) beyond what this build knows, as a future Pandu would leave it.
fn claim_a_newer_schema(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&(pandu::store::SCHEMA_VERSION as u32 + 1).to_be_bytes());
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn export_of_a_missing_file_or_session_says_which() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["export", "--db", home.path().join("typo.db").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("typo.db: no archive here"));
    assert!(!home.path().join("typo.db").exists());

    let db = home.path().join("a.db");
    pandu::store::Archive::open(&db).unwrap();
    let output = run(home.path(), &["export", "--db", db.to_str().unwrap(), "--session", "9"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no live session 9"));
}

#[test]
fn a_bad_source_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["serve", "--source", "youtube:@toko", "--token", "t", "--port", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown source"));
}

#[test]
fn several_sources_merge_into_one_session_and_the_same_one_twice_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("merged.db");
    let args = ["--db", db.to_str().unwrap(), "--port", "0", "--token", "t"];
    let served = Served::start(home.path(), &[&args[..], &["--source", "demo:80", "--source", "demo:80:2"]].concat());
    wait_for("events from both sources", || {
        let (_, state) = served.get("/api/state", Some("t"));
        state["comments"].as_u64().unwrap() > 20
    });
    let (_, state) = served.get("/api/state", Some("t"));
    assert_eq!(state["source"], "demo:80 + demo:80:2");
    let sources: Vec<&str> =
        state["sources"].as_array().unwrap().iter().map(|s| s["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["demo:80", "demo:80:2"]);
    assert!(state["sources"].as_array().unwrap().iter().all(|s| s["state"] == "live"), "{state}");
    served.stop();

    let events = json_lines(home.path(), &["export", "--db", db.to_str().unwrap(), "--session", "1", "--events"]);
    let tagged = |source: &str| events.iter().filter(|e| e["source"] == source).count();
    assert!(tagged("demo:80") > 0 && tagged("demo:80:2") > 0);
    assert_eq!(tagged("demo:80") + tagged("demo:80:2"), events.len());

    let output =
        run(home.path(), &[&["serve"], &args[..], &["--source", "tikfinity", "--source", "tikfinity"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("'tikfinity' is listed twice"));
}
