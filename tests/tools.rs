//! The tools people already run, through the `pandu` binary: a stand-in TikFinity serves its
//! event WebSocket, hangs up and comes back re-sending the same messages; Pandu reconnects and
//! archives each comment once.

mod common;

use futures_util::SinkExt;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

use common::{Served, json_lines, wait_for};

const TOKEN: &str = "tools-token";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tikfinity_comments_are_archived_once_across_reconnects() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&connections);
    let tool = tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut socket = tokio_tungstenite::accept_async(stream).await.unwrap();
            for frame in [
                r#"{"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari","nickname":"Sari","msgId":"7001"}}"#,
                r#"{"event":"roomUser","data":{"viewerCount":512}}"#,
                r#"{"event":"chat","data":{"comment":"di sh0pee lebih murah","uniqueId":"budi","msgId":"7002"}}"#,
            ] {
                socket.send(Message::text(frame)).await.unwrap();
            }
            // TikFinity restarting: the connection drops.
            socket.close(None).await.ok();
        }
    });

    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("tikfinity.db");
    let db = db.to_str().unwrap().to_string();
    let spec = format!("tikfinity:{url}");
    let served = tokio::task::spawn_blocking({
        let (home, db) = (home.path().to_path_buf(), db.clone());
        move || Served::start_on(&home, &db, TOKEN, &spec)
    })
    .await
    .unwrap();
    let served = tokio::task::spawn_blocking(move || {
        // The first retry comes within a second; the second connection re-sends both comments.
        wait_for("a reconnect", || served.get("/api/state", Some(TOKEN)).1["duplicates"].as_u64() >= Some(2));
        let state = served.get("/api/state", Some(TOKEN)).1;
        assert_eq!(state["comments"], 2, "{state}");
        assert_eq!(state["viewer_count"], 512, "{state}");
        served.stop();
    });
    served.await.unwrap();
    assert!(connections.load(std::sync::atomic::Ordering::SeqCst) >= 2);
    tool.abort();

    let comments = json_lines(home.path(), &["export", "--db", &db]);
    let ids: Vec<&str> = comments.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["7001", "7002"]);
    assert_eq!(comments[0]["source"], format!("tikfinity:{url}"));
    assert_eq!(comments[1]["flags"][0]["term"], "shopee", "pushed comments are moderated like any other");
}
