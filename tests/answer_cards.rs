//! Answer cards through `pandu serve`: a run sheet with product facts, viewers' questions pushed
//! in, the host's next question carrying its card (the fact read out, or the fact missing), the
//! co-host's own answer, the shop's facts, the answers kept in the feedback log, and the report
//! listing what was asked most per product and which facts were missing.

mod common;

use common::{Served, run, wait_for};
use serde_json::{Value, json};

const TOKEN: &str = "j4w4b";

fn call(served: &Served, method: &str, path: &str, body: Value) -> (u16, Value) {
    served.call(method, path, TOKEN, body)
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn push(served: &Served, id: &str, text: &str) {
    let event = json!({"id": id, "ts": now_ms(), "source": "push", "type": "comment",
                       "user": {"id": format!("u-{id}"), "unique_id": format!("v{id}"), "nickname": "Rina"},
                       "text": text});
    let (status, outcome) = call(served, "POST", "/api/ingest", json!([event]));
    assert_eq!((status, outcome["accepted"].as_u64()), (200, Some(1)), "{outcome}");
}

/// Tags a pushed comment as a question once it has reached the live.
fn ask(served: &Served, id: &str) {
    wait_for("the comment to be taggable", || {
        call(served, "POST", "/api/feedback", json!({"comment_id": id, "kind": "question"})).0 == 201
    });
}

fn sheet(facts: Value) -> Value {
    json!({"name": "Live malam", "slots": [
        {"product": "Daster Kirana", "price": "Rp89.000", "seconds": 900, "facts": facts},
        {"product": "Gamis Syari", "price": "Rp149.000", "seconds": 600}
    ]})
}

#[test]
fn questions_get_cards_answers_are_logged_and_the_report_lists_what_was_asked_and_missing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("live.db");
    let served = Served::start_on(home.path(), &db, TOKEN, "none");

    // Bad facts are refused, naming the slot and field; the sheet in force stays.
    let (status, error) =
        call(&served, "PUT", "/api/run-sheet", sheet(json!({"qa": [{"question": "ada?", "answer": ""}]})));
    assert_eq!(status, 400, "{error}");
    assert!(error["error"].as_str().unwrap().starts_with("slots[0].facts.qa[0]: "), "{error}");
    let (status, error) = call(&served, "PUT", "/api/run-sheet", sheet(json!({"bahan": "voal"})));
    assert_eq!(status, 400, "an unknown fact is refused: {error}");

    let facts = json!({"material": "voal premium, adem, tidak menerawang", "cod": true});
    assert_eq!(call(&served, "PUT", "/api/run-sheet", sheet(facts.clone())).0, 200);
    assert_eq!(call(&served, "POST", "/api/run-sheet/start", Value::Null).0, 200);
    let (status, shop) = call(&served, "PUT", "/api/shop-facts", json!({"shipping": "JNE, dikirim H+1"}));
    assert_eq!((status, shop["shipping"].as_str()), (200, Some("JNE, dikirim H+1")), "{shop}");
    assert_eq!(call(&served, "GET", "/api/shop-facts", Value::Null).1, shop);

    push(&served, "q1", "kak bahannya apa? panas gak?");
    push(&served, "q2", "ukuran L ada kak?");
    push(&served, "q3", "ukurannya sampai XL?");
    push(&served, "q4", "ongkir ke medan berapa?");
    for id in ["q1", "q2", "q3", "q4"] {
        ask(&served, id);
    }

    // The co-host's own answer to the first question replaces the facts' sentence.
    let (status, card) =
        call(&served, "PUT", "/api/answer", json!({"comment_id": "q1", "answer": "Voal kak, adem banget"}));
    assert_eq!(status, 200, "{card}");
    assert_eq!((card["answer"].as_str(), card["edited"].as_bool()), (Some("Voal kak, adem banget"), Some(true)));
    for _ in 0..4 {
        let (status, answered) = call(&served, "POST", "/api/questions/next/answered", Value::Null);
        assert_eq!(status, 200, "{answered}");
    }
    let answered = call(&served, "GET", "/api/feedback?answered=true", Value::Null).1;
    let logged: Vec<(Value, Value)> =
        answered.as_array().unwrap().iter().map(|entry| (entry["answer"].clone(), entry["missing"].clone())).collect();
    assert_eq!(
        logged,
        vec![
            (json!("Voal kak, adem banget"), json!([])),
            (Value::Null, json!(["sizes"])),
            (Value::Null, json!(["sizes"])),
            (json!("Pengiriman JNE, dikirim H+1"), json!([])),
        ]
    );

    // A new sheet for the next live with the same product brings its facts along.
    let next = json!({"name": "Live besok", "slots": [{"product": "daster kirana", "price": "", "seconds": 600}]});
    let (status, state) = call(&served, "PUT", "/api/run-sheet", next);
    assert_eq!(status, 200, "{state}");
    assert_eq!(state["slots"][0]["facts"]["material"], facts["material"], "{state}");
    served.stop();

    let markdown = run(home.path(), &["report", "--db", db.to_str().unwrap(), "--session", "1", "--format", "md"]);
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    let section = |heading: &str| {
        let start = markdown.find(heading).unwrap_or_else(|| panic!("no {heading} in {markdown}"));
        let rest = &markdown[start + heading.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let asked = section("## Yang paling sering ditanyakan\n");
    let rows: Vec<&str> = asked.lines().filter(|line| line.starts_with("| Daster")).collect();
    assert_eq!(
        rows,
        [
            "| Daster Kirana | ukuran | 2 | ukurannya sampai XL? |",
            "| Daster Kirana | bahan | 1 | kak bahannya apa? panas gak? |",
            "| Daster Kirana | pengiriman | 1 | ongkir ke medan berapa? |",
        ],
        "{asked}"
    );
    let missing = section("## Info produk yang perlu dilengkapi\n");
    let rows: Vec<&str> = missing.lines().filter(|line| line.starts_with("| Daster")).collect();
    assert_eq!(rows, ["| Daster Kirana | ukuran | 2 |"], "{missing}");
}

/// A product pinned in TikTok (pushed in Pandu's own event shape, as the TikTok source makes it)
/// moves the live to its slot, linking its id; one the sheet lacks is shown, not guessed.
#[test]
fn a_product_pinned_in_tiktok_moves_the_run_sheet_to_its_slot() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_on(home.path(), home.path().join("live.db"), TOKEN, "none");
    assert_eq!(call(&served, "PUT", "/api/run-sheet", sheet(json!({}))).0, 200);
    assert_eq!(call(&served, "POST", "/api/run-sheet/start", Value::Null).0, 200);
    let pin = |id: &str, product_id: &str, title: &str| {
        let event = json!({"id": id, "ts": now_ms(), "source": "tiktok:@toko", "type": "product_shown",
                           "product_id": product_id, "title": title, "price": "Rp149.000"});
        let (status, outcome) = call(&served, "POST", "/api/ingest", json!([event]));
        assert_eq!((status, outcome["accepted"].as_u64()), (200, Some(1)), "{outcome}");
    };
    let run_sheet = || call(&served, "GET", "/api/state", Value::Null).1["run_sheet"].clone();

    pin("p1", "1729384756120384512", "GAMIS SYARI Jumbo Wolfis Premium");
    wait_for("the live to move to the pinned product", || run_sheet()["slot"] == json!(1));
    let state = run_sheet();
    assert_eq!(state["slots"][1]["tiktok_product_id"], json!("1729384756120384512"), "{state}");
    assert_eq!(state["pinned"]["slot"], json!(1), "{state}");

    pin("p2", "55", "Lampu tidur LED");
    wait_for("the mismatch", || run_sheet()["pinned"]["title"] == json!("Lampu tidur LED"));
    let state = run_sheet();
    assert_eq!((state["slot"].clone(), state["pinned"]["slot"].clone()), (json!(1), Value::Null), "{state}");
    served.stop();
}
