//! The archive never loses the live: a crash loses at most the last unflushed batch, and a
//! locked database or a full disk only delays writing (the live goes on, events wait in the
//! buffer, the state says why, writes resume by themselves). Each runs the real `pandu serve`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Served, wait_for};
use serde_json::{Value, json};

const TOKEN: &str = "arsip";

fn serve(home: &Path, db: &Path) -> Served {
    Served::start_on(home, db, TOKEN, "none")
}

/// `count` chat messages with ids `{prefix}{n}` from `from`.
fn chats(prefix: &str, from: usize, count: usize) -> String {
    let events: Vec<Value> = (from..from + count)
        .map(|n| {
            json!({"event": "chat", "data": {"comment": format!("ready kak? ukuran L ada 😍 #{n}"),
                "uniqueId": format!("viewer{}", n % 300), "nickname": "Sari 🌸", "msgId": format!("{prefix}{n}")}})
        })
        .collect();
    Value::Array(events).to_string()
}

fn stored_comments(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(10)).unwrap();
    conn.query_row("SELECT COUNT(*) FROM comments", [], |row| row.get(0)).unwrap()
}

fn state(served: &Served) -> Value {
    served.get("/api/state", Some(TOKEN)).1
}

#[test]
fn kill_9_during_a_2000_per_second_ingest_loses_at_most_100_ms_of_comments() {
    const PER_SECOND: usize = 2000;
    const PER_REQUEST: usize = 20;
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let served = serve(home.path(), &db);
    let started = Instant::now();
    let mut acknowledged = 0;
    // Two seconds at 2,000 comments/s, paced: 20 every 10 ms.
    while started.elapsed() < Duration::from_secs(2) {
        let due = started + Duration::from_millis((acknowledged / PER_REQUEST * 10) as u64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let (status, _) = served.post("/api/ingest", Some(TOKEN), &chats("k", acknowledged, PER_REQUEST));
        assert_eq!(status, 200);
        acknowledged += PER_REQUEST;
    }
    served.kill();
    let stored = stored_comments(&db) as usize;
    let lost = acknowledged - stored;
    let lost_ms = lost as f64 * 1000.0 / PER_SECOND as f64;
    println!(
        "kill -9 after {acknowledged} acknowledged comments: {stored} stored, {lost} lost = {lost_ms:.1} ms at {PER_SECOND}/s"
    );
    assert!(stored <= acknowledged);
    assert!(lost_ms <= 100.0, "lost {lost} comments ({lost_ms:.1} ms) to kill -9");
}

#[test]
fn a_locked_database_delays_writing_the_live_goes_on_and_writing_resumes() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let served = serve(home.path(), &db);
    served.post("/api/ingest", Some(TOKEN), &chats("before", 0, 10));
    wait_for("the first comments to be archived", || state(&served)["archived"] == 10);

    // Another program (a DB browser, a sync tool) takes the write lock and keeps it.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; INSERT INTO run_sheets VALUES ('lock', '[]', 0);").unwrap();
    assert_eq!(served.post("/api/ingest", Some(TOKEN), &chats("locked", 0, 500)).0, 200);
    wait_for("the state to say the archive is locked", || state(&served)["archive_problem"] == "locked");
    let during = state(&served);
    assert_eq!(during["comments"], 510, "the live goes on: every comment reached the feed");
    assert_eq!(during["archived"], 10);
    assert!(during["archive_waiting"].as_u64().unwrap() >= 500, "{during}");
    assert_eq!(during["archive_dropped"], 0);

    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    wait_for("writing to resume by itself", || state(&served)["archived"] == 510);
    let after = state(&served);
    assert_eq!(after["archive_problem"], Value::Null);
    assert_eq!(after["archive_error"], Value::Null);
    assert_eq!(after["archive_waiting"], 0);
    served.stop();
    assert_eq!(stored_comments(&db), 510);
}

/// A full disk: the archive lives on a small tmpfs that a filler file fills up; deleting the
/// filler frees the space. Needs root for `mount` (as CI and `make test` run).
#[test]
fn a_full_disk_delays_writing_and_writing_resumes_when_space_is_freed() {
    let home = tempfile::tempdir().unwrap();
    let disk = home.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.to_str().unwrap()])
        .status()
        .is_ok_and(|status| status.success());
    assert!(mounted, "this test mounts a 4 MB tmpfs and needs root (make test runs as root)");
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg("-l").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&disk);

    let db = disk.join("live.db");
    let served = serve(home.path(), &db);
    served.post("/api/ingest", Some(TOKEN), &chats("before", 0, 10));
    wait_for("the first comments to be archived", || state(&served)["archived"] == 10);
    // Fill what is left of the disk.
    let filler = disk.join("filler");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
    }
    let mut pushed = 10;
    wait_for("the state to say the disk is full", || {
        served.post("/api/ingest", Some(TOKEN), &chats("full", pushed, 200));
        pushed += 200;
        state(&served)["archive_problem"] == "disk_full"
    });
    wait_for("the live to go on: every comment reaches the feed", || state(&served)["comments"] == pushed);
    let during = state(&served);
    assert!(during["archived"].as_u64().unwrap() < pushed as u64, "{during}");
    assert_eq!(during["archive_problem"], "disk_full");

    std::fs::remove_file(&filler).unwrap();
    wait_for("writing to resume once space is free", || state(&served)["archived"] == pushed);
    assert_eq!(state(&served)["archive_problem"], Value::Null);
    served.stop();
    assert_eq!(stored_comments(&db) as usize, pushed);
}
