//! The live's clock through `pandu serve`'s control API: flash sales, the run sheet, the token,
//! bad requests, and a `kill -9` in the middle of a live.

mod common;

use std::time::Duration;

use common::Served;
use pandu::store::Archive;
use serde_json::{Value, json};

const TOKEN: &str = "j4m-tayang";

fn serve(home: &std::path::Path) -> Served {
    Served::start_bare(home, TOKEN)
}

fn call(served: &Served, method: &str, path: &str, body: Value) -> (u16, Value) {
    served.call(method, path, TOKEN, body)
}

fn state(served: &Served) -> Value {
    let (status, state) = served.get("/api/state", Some(TOKEN));
    assert_eq!(status, 200, "{state}");
    state
}

/// Milliseconds from now to an RFC 3339 instant the API wrote.
fn ms_until(rfc3339: &Value) -> i64 {
    let instant: jiff::Timestamp = rfc3339.as_str().unwrap().parse().unwrap();
    instant.as_millisecond() - jiff::Timestamp::now().as_millisecond()
}

fn error_of(answer: (u16, Value)) -> (u16, String) {
    (answer.0, answer.1["error"].as_str().unwrap_or_else(|| panic!("no error in {}", answer.1)).to_string())
}

#[test]
fn flash_sales_through_the_api_with_the_token_and_clear_errors() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let sofa = json!({"product": "Sofa Novilla", "price": "Rp3.999.000", "seconds": 300, "stock": 20, "starts_in": 0});

    // No token, a wrong one: 401 and nothing started.
    assert_eq!(served.request("POST", "/api/flash-sales", None, &sofa.to_string()).0, 401);
    assert_eq!(served.request("POST", "/api/flash-sales", Some("salah"), &sofa.to_string()).0, 401);
    assert_eq!(served.request("DELETE", "/api/flash-sales/fs-00000000", None, "").0, 401);
    assert_eq!(state(&served)["flash_sales"], json!([]));

    let (status, started) = call(&served, "POST", "/api/flash-sales", sofa.clone());
    assert_eq!(status, 201, "{started}");
    let id = started["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("fs-") && id.len() == 11, "{id}");
    assert!((295_000..=300_000).contains(&ms_until(&started["deadline"])), "{started}");
    assert_eq!((started["state"].as_str(), started["stock"].as_u64()), (Some("running"), Some(20)));

    // Bad requests say what is wrong, and change nothing.
    for (body, field) in [
        (json!({"product": " ", "price": "Rp1"}), "product"),
        (json!({"product": "x", "seconds": 0}), "seconds"),
        (json!({"product": "x", "seconds": -5}), "seconds"),
        (json!({"product": "x", "stock": "dua puluh"}), "stock"),
        (json!({"produk": "x"}), "produk"),
        (json!({"price": "Rp1"}), "product"),
    ] {
        let (status, message) = error_of(call(&served, "POST", "/api/flash-sales", body.clone()));
        assert_eq!(status, 400, "{body}: {message}");
        assert!(message.contains(field), "{body}: '{message}' does not name {field}");
    }
    assert_eq!(error_of(served.request("POST", "/api/flash-sales", Some(TOKEN), "{\"product\":")).0, 400);
    assert_eq!(
        error_of(served.request("POST", "/api/flash-sales", Some(TOKEN), "")),
        (400, "the request needs a JSON body".into())
    );

    let (status, extended) = call(&served, "POST", &format!("/api/flash-sales/{id}/extend"), json!({"seconds": 60}));
    assert_eq!((status, extended["window_seconds"].as_u64()), (200, Some(360)));
    assert!(
        error_of(call(&served, "POST", &format!("/api/flash-sales/{id}/extend"), json!({"seconds": 0})))
            .1
            .contains("seconds")
    );
    let (status, message) =
        error_of(call(&served, "POST", "/api/flash-sales/fs-deadbeef/extend", json!({"seconds": 5})));
    assert_eq!(status, 404);
    assert!(message.contains("fs-deadbeef"), "{message}");
    assert_eq!(error_of(call(&served, "DELETE", "/api/flash-sales/fs-deadbeef", Value::Null)).0, 404);

    let (status, closed) = call(&served, "DELETE", &format!("/api/flash-sales/{id}"), Value::Null);
    assert_eq!(
        (status, closed["state"].as_str(), closed["end_reason"].as_str()),
        (200, Some("closed"), Some("closed"))
    );
    // Closed drops of the session stay in the state, with how they ended.
    let sales = state(&served)["flash_sales"].clone();
    assert_eq!(sales.as_array().unwrap().len(), 1);
    assert_eq!(
        (sales[0]["id"].as_str(), sales[0]["state"].as_str(), sales[0]["remaining_ms"].as_i64()),
        (Some(id.as_str()), Some("closed"), Some(0))
    );

    // A lead-in: upcoming until the window opens.
    let (_, upcoming) = call(&served, "POST", "/api/flash-sales", json!({"product": "Kursi", "starts_in": 120}));
    assert_eq!(upcoming["state"], "upcoming");
    assert!((115_000..=120_000).contains(&upcoming["remaining_ms"].as_i64().unwrap()), "{upcoming}");
    served.stop();
}

#[test]
fn the_run_sheet_through_the_api() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let sheet = json!({"name": "Senin pagi", "slots": [
        {"product": "Sofa Novilla", "price": "Rp4.999.000", "seconds": 900, "talking_points": "Rangka jati",
         "drop": {"price": "Rp3.999.000", "seconds": 300, "stock": 20}},
        {"product": "Kursi Avenco", "price": "Rp899.000", "seconds": 600, "talking_points": "", "drop": null}
    ]});

    assert_eq!(served.request("PUT", "/api/run-sheet", None, &sheet.to_string()).0, 401);
    assert_eq!(served.request("POST", "/api/run-sheet/start", Some("salah"), "").0, 401);
    let mut bad = sheet.clone();
    bad["slots"][1]["seconds"] = json!(0);
    let (status, message) = error_of(call(&served, "PUT", "/api/run-sheet", bad));
    assert_eq!(status, 400);
    assert!(message.contains("slots[1].seconds"), "{message}");
    assert_eq!(state(&served)["run_sheet"]["name"], "", "nothing was put in force");
    assert!(error_of(call(&served, "POST", "/api/run-sheet/start", Value::Null)).1.contains("no slots"));
    let (status, message) = error_of(call(&served, "POST", "/api/flash-sales/for-slot", Value::Null));
    assert_eq!(status, 400);
    assert!(message.contains("has not started"), "{message}");

    let (status, in_force) = call(&served, "PUT", "/api/run-sheet", sheet);
    assert_eq!((status, in_force["name"].as_str(), in_force["slot"].clone()), (200, Some("Senin pagi"), Value::Null));
    let (_, started) = call(&served, "POST", "/api/run-sheet/start", Value::Null);
    assert_eq!(started["slot"], 0);
    assert!((895_000..=900_000).contains(&started["slot_remaining_ms"].as_i64().unwrap()), "{started}");
    let (_, next) = call(&served, "POST", "/api/run-sheet/next", Value::Null);
    assert_eq!((next["slot"].as_u64(), next["slot_seconds"].as_u64()), (Some(1), Some(600)));
    let (status, message) = error_of(call(&served, "POST", "/api/run-sheet/next", Value::Null));
    assert_eq!((status, message.as_str()), (400, "this is the last slot"));
    let (_, paused) = call(&served, "POST", "/api/run-sheet/pause", Value::Null);
    assert_eq!(paused["paused"], true);
    let (_, extended) = call(&served, "POST", "/api/run-sheet/extend", json!({"seconds": 60}));
    assert_eq!(extended["slot_seconds"], 660);
    let (_, resumed) = call(&served, "POST", "/api/run-sheet/resume", Value::Null);
    assert_eq!(resumed["paused"], false);
    let (_, previous) = call(&served, "POST", "/api/run-sheet/previous", Value::Null);
    assert_eq!(previous["slot"], 0);
    let (status, message) = error_of(call(&served, "POST", "/api/run-sheet/rewind", Value::Null));
    assert_eq!(status, 404);
    assert!(message.contains("rewind"), "{message}");

    let run_sheet = state(&served)["run_sheet"].clone();
    assert_eq!(
        (run_sheet["name"].as_str(), run_sheet["slot"].as_u64(), run_sheet["paused"].as_bool()),
        (Some("Senin pagi"), Some(0), Some(false))
    );

    // One key for "the drop this slot plans": its product, promo price, window and stock.
    let (status, drop) = call(&served, "POST", "/api/flash-sales/for-slot", Value::Null);
    assert_eq!(status, 201, "{drop}");
    assert_eq!((drop["product"].as_str(), drop["price"].as_str()), (Some("Sofa Novilla"), Some("Rp3.999.000")));
    assert_eq!((drop["window_seconds"].as_u64(), drop["stock"].as_u64()), (Some(300), Some(20)));
    assert_eq!(run_sheet["slots"][0]["drop"]["stock"], 20);

    let (status, script) = served.request("PUT", "/api/script", Some(TOKEN), "Harga di shopee lebih mahal");
    assert_eq!((status, script["hits"][0]["suggest"].as_str()), (200, Some("aplikasi oren")));
    served.stop();
}

#[test]
fn after_a_kill_9_running_windows_come_back_with_the_right_time_and_closed_ones_stay_closed() {
    let home = tempfile::tempdir().unwrap();
    let served = serve(home.path());
    let (_, running) = call(&served, "POST", "/api/flash-sales", json!({"product": "Sofa", "seconds": 300}));
    let (_, short) = call(&served, "POST", "/api/flash-sales", json!({"product": "Kursi", "seconds": 1}));
    let (_, closed) = call(&served, "POST", "/api/flash-sales", json!({"product": "Meja", "seconds": 300}));
    call(&served, "DELETE", &format!("/api/flash-sales/{}", closed["id"].as_str().unwrap()), Value::Null);
    let sheet = json!({"name": "Live", "slots": [{"product": "Sofa", "price": "", "seconds": 600, "talking_points": "", "drop": null}]});
    call(&served, "PUT", "/api/run-sheet", sheet);
    call(&served, "POST", "/api/run-sheet/start", Value::Null);
    served.kill();

    // Down for two seconds: the short window runs out meanwhile.
    std::thread::sleep(Duration::from_secs(2));
    let served = serve(home.path());
    let sales = state(&served)["flash_sales"].as_array().unwrap().clone();
    let back: Vec<&Value> = sales.iter().filter(|sale| sale["id"] == running["id"]).collect();
    assert_eq!(back.len(), 1, "the running window is back: {sales:?}");
    assert_eq!(back[0]["state"], "running");
    assert_eq!(back[0]["deadline"], running["deadline"], "same deadline, not a new timer");
    let remaining = back[0]["remaining_ms"].as_i64().unwrap();
    assert!((285_000..=298_000).contains(&remaining), "{remaining} ms left");
    assert!(sales.iter().all(|sale| sale["id"] != closed["id"] && sale["id"] != short["id"]), "{sales:?}");
    let run_sheet = state(&served)["run_sheet"].clone();
    assert_eq!(run_sheet["slot"], 0);
    assert!((585_000..=598_000).contains(&run_sheet["slot_remaining_ms"].as_i64().unwrap()), "{run_sheet}");
    served.stop();

    // Every drop is logged with how it ended; the short one expired at its deadline.
    let archive = Archive::open_existing(home.path().join("live.db")).unwrap();
    let logged = archive.session_flash_sales(1).unwrap();
    let ended = |id: &Value| logged.iter().find(|sale| sale.id == id.as_str().unwrap()).unwrap().clone();
    let short = ended(&short["id"]);
    assert_eq!((short.end_reason.map(|r| r.as_str()), short.ended_at), (Some("expired"), Some(short.deadline)));
    assert_eq!(ended(&closed["id"]).end_reason.map(|r| r.as_str()), Some("closed"));
    assert_eq!(ended(&running["id"]).ended_at, None);
}
