//! The feedback log through `pandu serve`'s control API: tagging pushed comments, listing,
//! changing and removing tags, answering questions (one at a time, oldest first), search, the
//! run sheet's product, and Indonesian text with emoji kept byte for byte.

mod common;

use std::time::{Duration, Instant};

use common::{Served, wait_for};
use futures_util::StreamExt;
use serde_json::{Value, json};

const TOKEN: &str = "m4suk4n";

fn serve(home: &std::path::Path) -> Served {
    Served::start_bare(home, TOKEN)
}

fn call(served: &Served, method: &str, path: &str, body: Value) -> (u16, Value) {
    served.call(method, path, TOKEN, body)
}

fn error_of(answer: (u16, Value)) -> (u16, String) {
    (answer.0, answer.1["error"].as_str().unwrap_or_else(|| panic!("no error in {}", answer.1)).to_string())
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// A comment in Pandu's own event shape, with its own id and time.
fn comment(id: &str, ts: i64, handle: &str, nickname: &str, text: &str) -> Value {
    json!({"id": id, "ts": ts, "source": "push", "type": "comment",
           "user": {"id": format!("u-{handle}"), "unique_id": handle, "nickname": nickname}, "text": text})
}

/// Pushes events through `POST /api/ingest`; every one must be taken.
fn push(served: &Served, events: &[Value]) {
    let (status, outcome) = call(served, "POST", "/api/ingest", Value::Array(events.to_vec()));
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["accepted"].as_u64(), Some(events.len() as u64), "{outcome}");
    assert_eq!(outcome["rejected"], json!([]), "{outcome}");
}

/// `POST /api/feedback`, once the pushed comment has reached the live (it goes through the
/// session asynchronously): retried while the answer is "no such comment".
fn tag(served: &Served, request: Value) -> (u16, Value) {
    let mut answer = (0, Value::Null);
    wait_for("the comment to be taggable", || {
        answer = call(served, "POST", "/api/feedback", request.clone());
        !(answer.0 == 400 && answer.1["error"].as_str().is_some_and(|e| e.starts_with("comment_id: no comment")))
    });
    answer
}

/// Tags and expects 201; the tag's id.
fn tagged(served: &Served, request: Value) -> i64 {
    let (status, entry) = tag(served, request.clone());
    assert_eq!(status, 201, "{request}: {entry}");
    entry["id"].as_i64().unwrap()
}

fn list(served: &Served, query: &str) -> Vec<Value> {
    let (status, entries) = call(served, "GET", &format!("/api/feedback{query}"), Value::Null);
    assert_eq!(status, 200, "{query}: {entries}");
    entries.as_array().unwrap().clone()
}

fn ids(entries: &[Value]) -> Vec<i64> {
    entries.iter().map(|entry| entry["id"].as_i64().unwrap()).collect()
}

fn comment_ids(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|hit| hit["comment_id"].as_str().unwrap().to_string()).collect()
}

/// The `/api/events` WebSocket, read from a sync test.
struct Events {
    runtime: tokio::runtime::Runtime,
    socket: tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
}

impl Events {
    fn open(served: &Served) -> Events {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let url = format!("ws://127.0.0.1:{}/api/events", served.port);
        let (socket, _) = runtime.block_on(tokio_tungstenite::connect_async(common::ws_request(&url, TOKEN))).unwrap();
        Events { runtime, socket }
    }

    /// The first message `wanted` accepts.
    fn until(&mut self, what: &str, mut wanted: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out waiting for {what}");
            let socket = &mut self.socket;
            let message = self
                .runtime
                .block_on(async { tokio::time::timeout(left, socket.next()).await })
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
                .expect("the socket closed")
                .unwrap();
            if let Ok(text) = message.to_text()
                && !text.is_empty()
            {
                let message: Value = serde_json::from_str(text).unwrap();
                if wanted(&message) {
                    return message;
                }
            }
        }
    }
}

#[test]
fn tagging_a_pushed_comment_needs_the_token_names_bad_fields_and_tagging_again_changes_the_tag() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let ts = now_ms() - 5_000;
    push(&served, &[comment("fb-1", ts, "sari.id", "Sari 🌸", "paket belum sampai kak 😭 udah seminggu")]);
    let request = json!({"comment_id": "fb-1", "kind": "complaint", "note": "paket telat", "product": "Gamis"});

    // Without the token, or with a wrong one: 401, and nothing is stored.
    assert_eq!(served.request("POST", "/api/feedback", None, &request.to_string()).0, 401);
    assert_eq!(served.request("POST", "/api/feedback", Some("salah"), &request.to_string()).0, 401);
    assert_eq!(served.get("/api/feedback", None).0, 401);

    let before = now_ms();
    let (status, entry) = tag(&served, request.clone());
    assert_eq!(status, 201, "{entry}");
    let id = entry["id"].as_i64().expect("a numeric id");
    assert_eq!(
        (entry["comment_id"].as_str(), entry["comment_ts"].as_i64(), entry["unique_id"].as_str()),
        (Some("fb-1"), Some(ts), Some("sari.id"))
    );
    assert_eq!(entry["text"], "paket belum sampai kak 😭 udah seminggu", "the comment's text is copied");
    assert_eq!(entry["nickname"], "Sari 🌸", "the comment's nickname is copied");
    assert_eq!(
        (entry["kind"].as_str(), entry["note"].as_str(), entry["product"].as_str()),
        (Some("complaint"), Some("paket telat"), Some("Gamis"))
    );
    assert_eq!(entry["answered_at"], Value::Null);
    assert!(entry["session"].is_i64(), "{entry}");
    let created_at = entry["created_at"].as_i64().unwrap();
    assert!((before..=now_ms()).contains(&created_at), "{entry}");
    assert_eq!(list(&served, ""), vec![entry.clone()], "exactly the one tag the token's request made");

    // Bad requests name the field (and the unknown id), and change nothing.
    let (status, message) =
        error_of(call(&served, "POST", "/api/feedback", json!({"comment_id": "tidak-ada-77", "kind": "complaint"})));
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("comment_id") && message.contains("tidak-ada-77"), "{message}");
    for (body, field) in [
        (json!({"comment_id": "fb-1", "kind": "keluhan"}), "kind"),
        (json!({"comment_id": "fb-1", "kind": "complaint", "note": "x".repeat(501)}), "note"),
        (json!({"comment_id": "fb-1", "kind": "complaint", "note": "é".repeat(501)}), "note"),
        (json!({"comment_id": "fb-1", "kind": "complaint", "product": "p".repeat(201)}), "product"),
        (json!({"comment_id": "fb-1", "kind": "complaint", "catatan": "x"}), "catatan"),
        (json!({"kind": "complaint"}), "comment_id"),
        (json!({"comment_id": "fb-1"}), "kind"),
    ] {
        let (status, message) = error_of(call(&served, "POST", "/api/feedback", body.clone()));
        assert_eq!(status, 400, "{body}: {message}");
        assert!(message.contains(field), "{body}: '{message}' does not name {field}");
    }
    assert!(
        error_of(call(&served, "POST", "/api/feedback", json!({"comment_id": "fb-1", "kind": "keluhan"})))
            .1
            .contains("keluhan")
    );
    assert_eq!(served.request("POST", "/api/feedback", Some(TOKEN), &request.to_string()[..20]).0, 400);
    assert_eq!(list(&served, ""), vec![entry.clone()], "the bad requests changed nothing");

    // Tagging the same comment again changes its tag: the same id, the new kind, note and
    // product, and when it was first tagged. 500 characters (not bytes) is the longest note.
    let note = "é".repeat(500);
    let (status, again) =
        tag(&served, json!({"comment_id": "fb-1", "kind": "question", "note": note, "product": "Gamis Novilla"}));
    assert_eq!(status, 201, "{again}");
    assert_eq!(again["id"].as_i64(), Some(id));
    assert_eq!(
        (again["kind"].as_str(), again["note"].as_str(), again["product"].as_str()),
        (Some("question"), Some(note.as_str()), Some("Gamis Novilla"))
    );
    assert_eq!(again["created_at"].as_i64(), Some(created_at));
    assert_eq!(again["text"], entry["text"]);
    assert_eq!(list(&served, ""), vec![again]);
    served.stop();
}

#[test]
fn listing_filters_by_kind_answered_and_session_and_refuses_bad_parameters() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let ts = now_ms() - 60_000;
    push(
        &served,
        &[
            comment("q-1", ts, "dewi", "Dewi", "berapa harganya kak?"),
            comment("q-2", ts + 1_000, "rina", "Rina", "ukuran XL ada ga?"),
            comment("c-1", ts + 2_000, "budi", "Budi", "barangnya rusak pas nyampe"),
            comment("p-1", ts + 3_000, "ayu", "Ayu", "bagus banget 👍"),
        ],
    );
    let q1 = tagged(&served, json!({"comment_id": "q-1", "kind": "question"}));
    let q2 = tagged(&served, json!({"comment_id": "q-2", "kind": "question"}));
    let c1 = tagged(&served, json!({"comment_id": "c-1", "kind": "complaint"}));
    let p1 = tagged(&served, json!({"comment_id": "p-1", "kind": "praise"}));
    let (status, answered) = call(&served, "POST", &format!("/api/feedback/{q1}/answered"), Value::Null);
    assert_eq!(status, 200, "{answered}");

    assert_eq!(ids(&list(&served, "")), [q1, q2, c1, p1], "oldest comment first");
    assert_eq!(ids(&list(&served, "?kind=question&answered=false")), [q2]);
    assert_eq!(ids(&list(&served, "?kind=question&answered=true")), [q1]);
    assert_eq!(ids(&list(&served, "?answered=0")), [q2, c1, p1]);
    assert_eq!(ids(&list(&served, "?kind=complaint")), [c1]);
    assert_eq!(ids(&list(&served, "?kind=request")), Vec::<i64>::new());
    let session = list(&served, "")[0]["session"].as_i64().unwrap();
    assert_eq!(ids(&list(&served, &format!("?session={session}"))), [q1, q2, c1, p1]);
    assert_eq!(ids(&list(&served, &format!("?session={session}&kind=praise"))), [p1]);
    assert_eq!(ids(&list(&served, &format!("?session={}", session + 1))), Vec::<i64>::new());
    assert_eq!(ids(&list(&served, "?kind=")), [q1, q2, c1, p1], "an empty value filters nothing");

    for (query, named) in [
        ("?answered=maybe", "answered"),
        ("?kind=keluhan", "kind"),
        ("?session=kemarin", "session"),
        ("?produk=Gamis", "produk"),
    ] {
        let (status, message) = error_of(call(&served, "GET", &format!("/api/feedback{query}"), Value::Null));
        assert_eq!(status, 400, "{query}: {message}");
        assert!(message.contains(named), "{query}: '{message}' does not name {named}");
    }
    assert_eq!(served.get("/api/feedback?kind=question", None).0, 401);
    served.stop();
}

#[test]
fn a_tag_is_changed_cleared_and_removed_and_an_unknown_one_is_404() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    push(&served, &[comment("ed-1", now_ms(), "tono", "Tono", "warnanya beda sama di video")]);
    let id = tagged(&served, json!({"comment_id": "ed-1", "kind": "complaint", "note": "warna", "product": "Gamis"}));

    let (status, changed) = call(
        &served,
        "PATCH",
        &format!("/api/feedback/{id}"),
        json!({"note": "ganti catatan", "kind": "request", "product": "Hijab"}),
    );
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["id"].as_i64(), changed["kind"].as_str(), changed["note"].as_str(), changed["product"].as_str()),
        (Some(id), Some("request"), Some("ganti catatan"), Some("Hijab"))
    );
    // A field left out stays; an empty product clears it.
    let (status, cleared) = call(&served, "PATCH", &format!("/api/feedback/{id}"), json!({"product": ""}));
    assert_eq!(status, 200, "{cleared}");
    assert_eq!(
        (cleared["kind"].as_str(), cleared["note"].as_str(), cleared["product"].clone()),
        (Some("request"), Some("ganti catatan"), Value::Null)
    );
    assert_eq!(cleared["text"], "warnanya beda sama di video");
    assert_eq!(list(&served, ""), vec![cleared.clone()]);

    for (body, field) in [
        (json!({"note": "n".repeat(501)}), "note"),
        (json!({"kind": "keluhan"}), "kind"),
        (json!({"warna": "merah"}), "warna"),
    ] {
        let (status, message) = error_of(call(&served, "PATCH", &format!("/api/feedback/{id}"), body.clone()));
        assert_eq!(status, 400, "{body}: {message}");
        assert!(message.contains(field), "{body}: '{message}' does not name {field}");
    }
    assert_eq!(list(&served, ""), vec![cleared], "the bad patches changed nothing");

    let missing = id + 1000;
    let (status, message) = error_of(call(&served, "PATCH", &format!("/api/feedback/{missing}"), json!({"note": "x"})));
    assert_eq!(status, 404);
    assert!(message.contains(&missing.to_string()), "{message}");
    assert_eq!(error_of(call(&served, "PATCH", "/api/feedback/abc", json!({"note": "x"}))).0, 404);
    assert_eq!(error_of(call(&served, "POST", &format!("/api/feedback/{missing}/answered"), Value::Null)).0, 404);
    assert_eq!(served.request("DELETE", &format!("/api/feedback/{id}"), None, "").0, 401);

    let (status, deleted) = call(&served, "DELETE", &format!("/api/feedback/{id}"), Value::Null);
    assert_eq!((status, deleted), (200, json!({"deleted": id})));
    assert_eq!(list(&served, ""), Vec::<Value>::new());
    let (status, message) = error_of(call(&served, "DELETE", &format!("/api/feedback/{id}"), Value::Null));
    assert_eq!(status, 404);
    assert!(message.contains(&id.to_string()), "{message}");
    assert_eq!(error_of(call(&served, "PATCH", &format!("/api/feedback/{id}"), json!({"note": "x"}))).0, 404);
    served.stop();
}

#[test]
fn marking_a_question_answered_shows_in_the_list_and_the_events_snapshot() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    push(&served, &[comment("ans-1", now_ms(), "lina", "Lina", "bahannya adem gak kak?")]);
    let id = tagged(&served, json!({"comment_id": "ans-1", "kind": "question", "product": "Gamis"}));
    assert_eq!(served.request("POST", &format!("/api/feedback/{id}/answered"), None, "").0, 401);
    assert_eq!(list(&served, "")[0]["answered_at"], Value::Null, "not answered without the token");

    let before = now_ms();
    let (status, answered) = call(&served, "POST", &format!("/api/feedback/{id}/answered"), Value::Null);
    assert_eq!(status, 200, "{answered}");
    let at = answered["answered_at"].as_i64().expect("answered_at is set");
    assert!((before..=now_ms()).contains(&at), "{answered}");
    assert_eq!((answered["id"].as_i64(), answered["kind"].as_str()), (Some(id), Some("question")));
    assert_eq!(list(&served, "?answered=true"), vec![answered.clone()]);
    assert_eq!(list(&served, "?answered=false"), Vec::<Value>::new());

    // A screen that connects now gets the live's tags in its snapshot, answered included.
    let mut events = Events::open(&served);
    let feedback = events.until("the feedback snapshot", |message| message["type"] == "feedback");
    assert_eq!(feedback["feedback"]["entries"], json!([answered.clone()]), "{feedback}");
    assert_eq!(feedback["feedback"]["session"], answered["session"]);

    // Reopening it (answered: false) is published at once to connected screens.
    let (status, reopened) = call(&served, "PATCH", &format!("/api/feedback/{id}"), json!({"answered": false}));
    assert_eq!((status, reopened["answered_at"].clone()), (200, Value::Null));
    let feedback = events.until("the reopened tag", |message| message["type"] == "feedback");
    assert_eq!(feedback["feedback"]["entries"][0]["answered_at"], Value::Null, "{feedback}");
    served.stop();
}

#[test]
fn the_next_question_key_answers_the_queue_oldest_first_then_the_suggested_question_then_none() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let mut events = Events::open(&served);
    let ts = now_ms() - 30_000;
    push(&served, &[comment("nq-old", ts, "dewi", "Dewi", "kapan restock warna navy?")]);
    push(&served, &[comment("nq-new", ts + 5_000, "rina", "Rina", "berapa lama pengirimannya?")]);
    push(&served, &[comment("nq-ready", ts + 10_000, "ayu", "Ayu 🌷", "ready kak? ukuran L ada")]);
    // The host view now suggests the newest comment that reads as a question.
    let suggested = events.until("the suggested question", |message| {
        message["type"] == "question" && message["question"]["comment_id"] == "nq-ready"
    });
    assert_eq!(suggested["question"]["feedback_id"], Value::Null, "{suggested}");

    // Tagged newest first: the queue still goes by when the comment was sent.
    let newer = tagged(&served, json!({"comment_id": "nq-new", "kind": "question"}));
    let older = tagged(&served, json!({"comment_id": "nq-old", "kind": "question"}));
    assert_eq!(served.request("POST", "/api/questions/next/answered", None, "").0, 401);

    let (status, first) = call(&served, "POST", "/api/questions/next/answered", Value::Null);
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["id"].as_i64(), first["comment_id"].as_str()), (Some(older), Some("nq-old")));
    assert!(first["answered_at"].is_i64(), "{first}");
    let (_, second) = call(&served, "POST", "/api/questions/next/answered", Value::Null);
    assert_eq!((second["id"].as_i64(), second["comment_id"].as_str()), (Some(newer), Some("nq-new")));
    assert!(second["answered_at"].is_i64(), "{second}");

    // The queue is empty: the suggested question is tagged as an answered question.
    let (status, third) = call(&served, "POST", "/api/questions/next/answered", Value::Null);
    assert_eq!(status, 200, "{third}");
    assert_eq!(
        (third["comment_id"].as_str(), third["kind"].as_str(), third["text"].as_str(), third["nickname"].as_str()),
        (Some("nq-ready"), Some("question"), Some("ready kak? ukuran L ada"), Some("Ayu 🌷"))
    );
    assert!(third["answered_at"].is_i64(), "{third}");
    assert!(third["id"].as_i64().is_some_and(|id| id != older && id != newer), "{third}");

    let (status, none) = call(&served, "POST", "/api/questions/next/answered", Value::Null);
    assert_eq!((status, none), (200, Value::Null));
    assert_eq!(comment_ids(&list(&served, "?kind=question&answered=true")), ["nq-old", "nq-new", "nq-ready"]);
    assert_eq!(list(&served, "?answered=false"), Vec::<Value>::new());
    served.stop();
}

#[test]
fn search_finds_prefixes_of_comment_words_and_tag_notes_newest_first() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let ts = now_ms() - 60_000;
    push(
        &served,
        &[
            comment("s-1", ts, "dewi", "Dewi", "berapa ongkirnya ke medan kak"),
            comment("s-2", ts + 1_000, "rina", "Rina", "bahannya adem gak kak"),
            comment("s-3", ts + 2_000, "budi", "Budi", "mantap jiwa"),
            comment("s-4", ts + 3_000, "tono", "Tono", "bongkir itu apa"),
        ],
    );
    let tag_id = tagged(&served, json!({"comment_id": "s-2", "kind": "question", "note": "tanya ongkir ke papua"}));
    let mut hits = Vec::new();
    wait_for("the comments to be archived and searchable", || {
        let (status, found) = call(&served, "GET", "/api/search?q=ongkir", Value::Null);
        assert_eq!(status, 200, "{found}");
        hits = found.as_array().unwrap().clone();
        hits.len() >= 2
    });
    // "ongkir" starts "ongkirnya" (not "bongkir"); the second is found by its tag's note.
    assert_eq!(comment_ids(&hits), ["s-2", "s-1"], "newest first: {hits:?}");
    assert_eq!(
        (hits[0]["feedback_id"].as_i64(), hits[0]["kind"].as_str(), hits[0]["note"].as_str()),
        (Some(tag_id), Some("question"), Some("tanya ongkir ke papua"))
    );
    assert_eq!(hits[0]["text"], "bahannya adem gak kak");
    assert_eq!(
        (
            hits[1]["text"].as_str(),
            hits[1]["nickname"].as_str(),
            hits[1]["feedback_id"].clone(),
            hits[1]["ts"].as_i64()
        ),
        (Some("berapa ongkirnya ke medan kak"), Some("Dewi"), Value::Null, Some(ts))
    );

    let search = |query: &str| {
        let (status, found) = call(&served, "GET", &format!("/api/search?{query}"), Value::Null);
        assert_eq!(status, 200, "{query}: {found}");
        comment_ids(found.as_array().unwrap())
    };
    assert_eq!(search("q=ONGKIR"), ["s-2", "s-1"], "case does not matter");
    assert_eq!(search("q=ongkir%20medan"), ["s-1"], "every word must be there");
    assert_eq!(search("q=ongkir&limit=1"), ["s-2"]);
    assert_eq!(search("q=Dewi"), ["s-1"], "nicknames are searched");
    assert_eq!(search("q=%22ongkir%20OR"), Vec::<String>::new(), "quotes and OR are just text");
    assert_eq!(search("q="), Vec::<String>::new());

    for query in ["q=ongkir&limit=0", "q=ongkir&limit=501", "q=ongkir&limit=banyak"] {
        let (status, message) = error_of(call(&served, "GET", &format!("/api/search?{query}"), Value::Null));
        assert_eq!(status, 400, "{query}: {message}");
        assert!(message.contains("limit"), "{query}: {message}");
    }
    assert_eq!(served.get("/api/search?q=ongkir", None).0, 401);

    // A comment found by its text and its note is one hit; a note changed or a tag removed is
    // searched as it is now.
    tagged(&served, json!({"comment_id": "s-1", "kind": "question", "note": "ongkir medan"}));
    assert_eq!(search("q=ongkir"), ["s-2", "s-1"]);
    let (status, _) = call(&served, "PATCH", &format!("/api/feedback/{tag_id}"), json!({"note": "tanya bahan"}));
    assert_eq!(status, 200);
    assert_eq!(search("q=ongkir"), ["s-1"], "the old note is no longer found");
    assert_eq!(search("q=bahan"), ["s-2"]);
    assert_eq!(call(&served, "DELETE", &format!("/api/feedback/{tag_id}"), Value::Null).0, 200);
    assert_eq!(search("q=tanya"), Vec::<String>::new(), "a removed tag's note is no longer found");
    served.stop();
}

#[test]
fn a_tag_without_a_product_gets_the_current_slots_product() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let ts = now_ms() - 10_000;
    push(
        &served,
        &[
            comment("rs-0", ts, "a", "A", "halo kak"),
            comment("rs-1", ts + 1, "b", "B", "bahannya apa kak"),
            comment("rs-2", ts + 2, "c", "C", "ada warna hitam?"),
            comment("rs-3", ts + 3, "d", "D", "spill dong"),
            comment("rs-4", ts + 4, "e", "E", "kursinya kuat?"),
        ],
    );
    let sheet = json!({"name": "Senin malam", "slots": [
        {"product": "Gamis Syari Novilla 👗", "price": "Rp299.000", "seconds": 900, "talking_points": "", "drop": null},
        {"product": "Kursi Avenco", "price": "Rp899.000", "seconds": 600, "talking_points": "", "drop": null}
    ]});
    assert_eq!(call(&served, "PUT", "/api/run-sheet", sheet).0, 200);
    // Put in force but not started: no current slot, no product.
    let (_, before_start) = tag(&served, json!({"comment_id": "rs-0", "kind": "praise"}));
    assert_eq!(before_start["product"], Value::Null, "{before_start}");

    assert_eq!(call(&served, "POST", "/api/run-sheet/start", Value::Null).0, 200);
    let (_, first) = tag(&served, json!({"comment_id": "rs-1", "kind": "question"}));
    assert_eq!(first["product"], "Gamis Syari Novilla 👗");
    let (_, given) = tag(&served, json!({"comment_id": "rs-2", "kind": "question", "product": "Hijab Pashmina"}));
    assert_eq!(given["product"], "Hijab Pashmina", "a product given wins over the slot's");
    let (_, blank) = tag(&served, json!({"comment_id": "rs-3", "kind": "request", "product": " "}));
    assert_eq!(blank["product"], Value::Null, "a blank product is none, not the slot's");

    assert_eq!(call(&served, "POST", "/api/run-sheet/next", Value::Null).0, 200);
    let (_, second) = tag(&served, json!({"comment_id": "rs-4", "kind": "question"}));
    assert_eq!(second["product"], "Kursi Avenco");
    // Changing the slot does not move tags made before.
    assert_eq!(
        list(&served, "").iter().map(|entry| entry["product"].clone()).collect::<Vec<_>>(),
        [Value::Null, json!("Gamis Syari Novilla 👗"), json!("Hijab Pashmina"), Value::Null, json!("Kursi Avenco")]
    );
    served.stop();
}

#[test]
fn indonesian_text_and_emoji_come_back_intact_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let text = "Kak, warnanya pudar 😭🙏🏽 padahal baru dicuci sekali… ukuran “M” kekecilan 👩‍👧 bisa tukar?";
    let nickname = "Dewi 🌸 Ayu — Bandung";
    let note = "cek QC batch #12 — kirim ganti 👍🏼, jangan lupa minta maaf 🙇‍♀️";
    let product = "Gamis Ceruti 👗 Hijau Sage";
    push(&served, &[comment("id-🌸-1", now_ms(), "dewi_ayu.99", nickname, text)]);
    let (status, entry) =
        tag(&served, json!({"comment_id": "id-🌸-1", "kind": "complaint", "note": note, "product": product}));
    assert_eq!(status, 201, "{entry}");
    let id = entry["id"].as_i64().unwrap();
    let expect = |entry: &Value| {
        assert_eq!(
            (entry["comment_id"].as_str(), entry["text"].as_str(), entry["nickname"].as_str()),
            (Some("id-🌸-1"), Some(text), Some(nickname))
        );
        assert_eq!((entry["note"].as_str(), entry["product"].as_str()), (Some(note), Some(product)));
        assert_eq!(entry["unique_id"], "dewi_ayu.99");
    };
    expect(&entry);
    expect(&list(&served, "?kind=complaint")[0]);
    let (_, patched) = call(&served, "PATCH", &format!("/api/feedback/{id}"), json!({"kind": "complaint"}));
    expect(&patched);
    let mut events = Events::open(&served);
    let feedback = events.until("the feedback snapshot", |message| message["type"] == "feedback");
    expect(&feedback["feedback"]["entries"][0]);

    let mut hits = Vec::new();
    wait_for("the comment to be searchable", || {
        let (_, found) = call(&served, "GET", "/api/search?q=pudar%20kekecilan", Value::Null);
        hits = found.as_array().unwrap().clone();
        !hits.is_empty()
    });
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0]["text"].as_str(), hits[0]["nickname"].as_str(), hits[0]["note"].as_str()),
        (Some(text), Some(nickname), Some(note))
    );
    // Emoji are not words, but the notes' Indonesian words are.
    let (_, by_note) = call(&served, "GET", "/api/search?q=maaf", Value::Null);
    assert_eq!(comment_ids(by_note.as_array().unwrap()), ["id-🌸-1"]);
    served.stop();
}
