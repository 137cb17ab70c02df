//! Every CLI command that writes to stdout ends at once, quietly, when its reader goes away
//! early (`pandu scan < big.txt | head -1`), as grep does: no hang, no error message, no panic,
//! and the status of a process stopped by SIGPIPE.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::pandu;
use pandu::event::{Comment, EventKind, FollowRole, LiveEvent, User};
use pandu::store::Archive;

/// An archive with enough comments that every command's output outgrows a pipe's buffer.
fn big_archive(path: &std::path::Path) {
    let mut archive = Archive::open(path).unwrap();
    let session = archive.begin_session("demo", 1_700_000_000_000).unwrap();
    let events: Vec<LiveEvent> = (0..20_000)
        .map(|n| LiveEvent {
            id: format!("c{n}"),
            ts: 1_700_000_000_000 + n,
            source: "demo".into(),
            kind: EventKind::Comment(Comment {
                user: User {
                    id: n.to_string(),
                    unique_id: format!("penonton{n}"),
                    nickname: format!("Penonton {n}"),
                    avatar_url: None,
                    is_moderator: false,
                    follow_role: FollowRole::None,
                },
                text: format!("ready kak ukuran L warna navy masih ada? nomor {n}"),
                flags: vec![],
                suggested: None,
                banner: None,
                finding: None,
            }),
        })
        .collect();
    archive.insert_batch(session, &events).unwrap();
}

/// Reads one line of `child`'s stdout, closes it, and waits (at most 20 s) for the child.
fn read_one_line_and_close(mut child: Child, what: &str) {
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{what}: wrote nothing");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{what}: still running 20 s after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.is_empty(), "{what}: said {stderr:?}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(libc::SIGPIPE), "{what}: {status:?}");
    }
    #[cfg(not(unix))]
    assert_eq!(status.code(), Some(141), "{what}: {status:?}");
}

#[test]
fn scan_stops_at_once_when_its_reader_goes_away() {
    let home = tempfile::tempdir().unwrap();
    let mut child = pandu(home.path())
        .args(["scan"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The input is written from a thread: the child stops reading once it stops.
    let feeder = std::thread::spawn(move || {
        for n in 0..400_000 {
            if writeln!(stdin, "di sh0pee lebih murah kak {n}").is_err() {
                break;
            }
        }
    });
    read_one_line_and_close(child, "scan");
    feeder.join().unwrap();
}

#[test]
fn archive_commands_stop_at_once_when_their_reader_goes_away() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("pandu.db");
    big_archive(&db);
    let db = db.to_str().unwrap();
    for args in [
        vec!["export", "--db", db],
        vec!["export", "--db", db, "--session", "1", "--events"],
        vec!["search", "--db", db, "ready", "--limit", "500"],
    ] {
        let child = pandu(home.path())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        read_one_line_and_close(child, &args.join(" "));
    }
}
