//! The ingest endpoint through the `pandu` binary: tools push TikFinity, TikTok-Live-Connector,
//! Social Stream Ninja and Pandu events over HTTP and WebSocket; bad input is dropped and
//! counted, a wrong token stores nothing, and every comment is archived once.

mod common;

use std::time::Duration;

use common::{Served, json_lines};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

const TOKEN: &str = "ingest-token";

fn exported_texts(home: &std::path::Path, db: &str) -> Vec<String> {
    json_lines(home, &["export", "--db", db]).iter().map(|line| line["text"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn pushed_events_of_every_shape_are_archived_once_and_bad_input_is_counted() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("pushed.db");
    let served = Served::start_on(home.path(), &db, TOKEN, "none");

    // A wrong or missing token is refused and nothing is stored.
    let tikfinity =
        r#"{"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari","nickname":"Sari","msgId":"tf-1"}}"#;
    assert_eq!(served.post("/api/ingest", Some("wrong"), tikfinity).0, 401);
    assert_eq!(served.post("/api/ingest", None, tikfinity).0, 401);

    let (status, body) = served.post("/api/ingest", Some(TOKEN), tikfinity);
    assert_eq!((status, body["accepted"].as_u64()), (200, Some(1)), "{body}");

    let batch = r#"[
        {"comment":"di sh0pee lebih murah","uniqueId":"budi","msgId":"tf-2"},
        {"id":7,"chatname":"Dewi","chatmessage":"paket belum sampai <img src=x>","type":"tiktok","userid":"u7"},
        {"id":"own-1","ts":1732330000000,"source":"script","type":"comment","user":{"id":"1","unique_id":"rina","nickname":"Rina"},"text":"ukuran L ada?"},
        {"event":"battle","data":{}},
        42,
        {"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari","nickname":"Sari","msgId":"tf-1"}}
    ]"#;
    let (status, body) = served.post("/api/ingest", Some(TOKEN), batch);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["accepted"], 4, "{body}");
    let rejected: Vec<u64> =
        body["rejected"].as_array().unwrap().iter().map(|r| r["index"].as_u64().unwrap()).collect();
    assert_eq!(rejected, [3, 4]);
    assert_eq!(served.post("/api/ingest", Some(TOKEN), "{oops").0, 400);

    // The WebSocket: one message per frame; problems are answered and the connection stays up.
    let url = format!("ws://127.0.0.1:{}/ingest", served.port);
    assert!(tokio_tungstenite::connect_async(common::ws_request(&url, "wrong")).await.is_err());
    let (mut socket, _) = tokio_tungstenite::connect_async(common::ws_request(&url, TOKEN)).await.unwrap();
    socket
        .send(Message::text(
            r#"{"event":"chat","data":{"comment":"cara checkout gimana","uniqueId":"eka","msgId":"ws-1"}}"#,
        ))
        .await
        .unwrap();
    socket
        .send(Message::text(
            r#"{"event":"chat","data":{"comment":"cara checkout gimana","uniqueId":"eka","msgId":"ws-1"}}"#,
        ))
        .await
        .unwrap();
    let oversized =
        format!(r#"{{"event":"chat","data":{{"comment":"{}","uniqueId":"x","msgId":"big"}}}}"#, "a".repeat(70 * 1024));
    socket.send(Message::text(oversized)).await.unwrap();
    let reply = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap().unwrap();
    assert!(reply.to_text().unwrap().contains("over 65536 bytes"), "{reply}");
    socket.send(Message::text("not json at all")).await.unwrap();
    let reply = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap().unwrap();
    assert!(reply.to_text().unwrap().contains("not valid JSON"), "{reply}");
    socket
        .send(Message::text(r#"{"event":"chat","data":{"comment":"masih nyambung","uniqueId":"eka","msgId":"ws-2"}}"#))
        .await
        .unwrap();
    socket.close(None).await.unwrap();

    // Everything pushed reaches the pipeline before the state is read.
    let mut state = serde_json::Value::Null;
    common::wait_for("the pushed comments", || {
        state = served.get("/api/state", Some(TOKEN)).1;
        state["comments"].as_u64() == Some(6)
    });
    assert_eq!(state["duplicates"], 2, "{state}");
    assert_eq!(state["dropped_input"], 5, "{state}");
    assert!(state["last_dropped"].as_str().unwrap().contains("not valid JSON"), "{state}");
    served.stop();

    let mut texts = exported_texts(home.path(), db.to_str().unwrap());
    texts.sort();
    assert_eq!(
        texts,
        [
            "cara checkout gimana",
            "di sh0pee lebih murah",
            "masih nyambung",
            "paket belum sampai",
            "ready kak?",
            "ukuran L ada?"
        ]
    );
}

#[test]
fn a_wrong_token_never_reaches_the_session() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), TOKEN);
    let (status, body) = served.post("/api/ingest", Some("nope"), r#"{"comment":"x","uniqueId":"y"}"#);
    assert_eq!(status, 401);
    assert!(body["error"].as_str().unwrap().contains("token"));
    assert_eq!(served.get("/api/state", Some(TOKEN)).1["comments"], 0);
    served.stop();
}
