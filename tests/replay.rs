//! Record and replay through the `pandu` binary: a demo live is archived, exported as a
//! recording (`export --events`), replayed at speed into a fresh archive, and the two archives
//! hold the same comments.

mod common;

use common::{Served, json_lines, run, wait_for};

const TOKEN: &str = "replay-token";

#[test]
fn a_recorded_live_replays_to_the_same_archive_content() {
    let home = tempfile::tempdir().unwrap();
    let original = home.path().join("original.db");
    let original = original.to_str().unwrap();
    let served = Served::start_on(home.path(), original, TOKEN, "demo:80:3");
    wait_for("40 comments", || served.get("/api/state", Some(TOKEN)).1["comments"].as_u64() >= Some(40));
    served.stop();

    // The recording: every event of session 1, comments and the rest, in time order.
    let recording = json_lines(home.path(), &["export", "--db", original, "--session", "1", "--events"]);
    assert!(recording.iter().any(|e| e["type"] == "join") && recording.iter().any(|e| e["type"] == "comment"));
    assert!(recording.windows(2).all(|pair| pair[0]["ts"].as_i64() <= pair[1]["ts"].as_i64()));
    let file = home.path().join("live.jsonl");
    std::fs::write(&file, recording.iter().map(|e| e.to_string() + "\n").collect::<String>()).unwrap();

    let replayed = home.path().join("replayed.db");
    let replayed = replayed.to_str().unwrap();
    let spec = format!("replay:{}:20", file.display());
    let served = Served::start_on(home.path(), replayed, TOKEN, &spec);
    wait_for("the replay to end", || served.get("/api/state", Some(TOKEN)).1["source_state"] == "ended");
    served.stop();

    let comments = |db: &str| -> Vec<(String, i64, String, serde_json::Value)> {
        json_lines(home.path(), &["export", "--db", db])
            .into_iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().into(),
                    c["ts"].as_i64().unwrap(),
                    c["text"].as_str().unwrap().into(),
                    c["flags"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(comments(replayed), comments(original));
    let events = json_lines(home.path(), &["export", "--db", replayed, "--session", "1", "--events"]);
    assert_eq!(events.len(), recording.len(), "every event, not only comments, is replayed");
}

#[test]
fn a_recording_that_cannot_be_read_is_named() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("x.db");
    let output = run(
        home.path(),
        &[
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--port",
            "0",
            "--token",
            "t",
            "--source",
            "replay:/no/such/live.jsonl",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/no/such/live.jsonl") && stderr.contains("cannot read"), "{stderr}");
}
