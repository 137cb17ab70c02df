//! Pinning a comment on the frame overlay through `pandu serve`'s control API.

mod common;

use common::{Served, wait_for};
use serde_json::{Value, json};

const TOKEN: &str = "p1n";

#[test]
fn a_recent_comment_is_pinned_by_id_shown_in_the_state_and_taken_off() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), TOKEN);
    let comment = json!({"event": "chat", "data": {"comment": "<img src=x onerror=alert(1)> bagus 🔥", "uniqueId": "sari",
        "nickname": "Sari <b>", "msgId": "pin-1"}});
    assert_eq!(served.post("/api/ingest", Some(TOKEN), &comment.to_string()).0, 200);
    let pin = json!({"comment_id": "pin-1"}).to_string();

    assert_eq!(served.post("/api/pin", None, &pin).0, 401);
    assert_eq!(served.get("/api/state", Some(TOKEN)).1["pinned"], Value::Null, "nothing pinned without the token");
    // The comment reaches the pin list once the session has handed it on.
    let mut answer = (0, Value::Null);
    wait_for("the comment to be pinnable", || {
        answer = served.post("/api/pin", Some(TOKEN), &pin);
        answer.0 == 200
    });
    assert_eq!(answer.1["pinned"]["text"], "<img src=x onerror=alert(1)> bagus 🔥");
    let state = served.get("/api/state", Some(TOKEN)).1;
    assert_eq!((state["pinned"]["id"].as_str(), state["pinned"]["type"].as_str()), (Some("pin-1"), Some("comment")));
    assert_eq!(state["pinned"]["user"]["nickname"], "Sari <b>", "kept as typed: the pages show it as text");

    let (status, error) = served.post("/api/pin", Some(TOKEN), &json!({"comment_id": "nope"}).to_string());
    assert_eq!(status, 404);
    assert!(error["error"].as_str().unwrap().contains("'nope'"), "{error}");
    assert_eq!(served.post("/api/pin", Some(TOKEN), "{}").0, 400);
    assert_eq!(served.get("/api/state", Some(TOKEN)).1["pinned"]["id"], "pin-1", "a bad request changes nothing");

    let (status, body) = served.request("DELETE", "/api/pin", Some(TOKEN), "");
    assert_eq!((status, body), (200, json!({"pinned": null})));
    assert_eq!(served.get("/api/state", Some(TOKEN)).1["pinned"], Value::Null);
    served.stop();
}
