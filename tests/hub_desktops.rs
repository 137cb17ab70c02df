//! Desktops and the agency hub end to end: real `pandu serve` desktops on the built-in demo
//! stream with `[hub]` set, a real `pandu hub serve`, a real PostgreSQL
//! (tests/common/postgres.rs). The agency's report equals the sum of the desktops' own reports;
//! a hub out of reach for a while, and a desktop killed meanwhile, lose and double nothing.

mod common;

use std::path::Path;

use common::postgres::Postgres;
use common::{Served, run, wait_for};
use serde_json::Value;

const HUB_TOKEN: &str = "rahasia-agensi-2026";
const TOKEN: &str = "desk-token";

/// Writes a desktop's settings: who hosts, and the hub on `hub_port` for `shop`.
fn configure(home: &Path, hub_port: u16, shop: &str, host: &str) {
    let dir = home.join("config/pandu");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[live]\nhost = \"{host}\"\n\n[hub]\nurl = \"http://127.0.0.1:{hub_port}\"\ntoken = \"{HUB_TOKEN}\"\nshop = \"{shop}\"\n"
        ),
    )
    .unwrap();
}

fn desktop(home: &Path, source: &str) -> Served {
    Served::start_on(home, home.join("live.db"), TOKEN, source)
}

fn hub_status(desk: &Served) -> Value {
    let (status, body) = desk.get("/api/hub", Some(TOKEN));
    assert_eq!(status, 200, "{body}");
    body
}

/// Waits until the hub holds every event `desk` archived.
fn caught_up(desk: &Served) {
    wait_for("the desktop to catch up with the hub", || {
        let status = hub_status(desk);
        status["state"] == "connected" && status["behind"] == 0
    });
}

/// A desktop's own report for `day`, as JSON.
fn own_report(home: &Path, day: &str) -> Value {
    let db = home.join("live.db");
    let output = run(home, &["report", "--db", db.to_str().unwrap(), "--from", day, "--to", day, "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn agency_report(home: &Path, url: &str, day: &str) -> Value {
    let output = run(home, &["hub", "report", "--postgres", url, "--from", day, "--to", day, "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn today() -> String {
    pandu::report::date_in(pandu::event::now_ms(), pandu::report::DEFAULT_TIME_ZONE).unwrap()
}

/// Runs a demo live on `home` for a moment, then lets the desktop (restarted with no source, as
/// after a live) send what is left.
fn live_then_catch_up(home: &Path) {
    let desk = desktop(home, "demo");
    wait_for("the demo to archive comments", || {
        desk.get("/api/state", Some(TOKEN)).1["archived"].as_u64().unwrap_or(0) >= 40
    });
    desk.stop();
    let desk = desktop(home, "none");
    caught_up(&desk);
    desk.stop();
}

#[test]
fn the_agency_report_is_the_sum_of_the_desktops_own_reports() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    let hub_home = tempfile::tempdir().unwrap();
    assert!(run(hub_home.path(), &["hub", "migrate", "--postgres", &url]).status.success());
    let hub = Served::start_hub(hub_home.path(), &["--postgres", &url, "--port", "0", "--token", HUB_TOKEN]);

    // A shop's name is typed by people: markup in it stays text.
    let shops = [("Novilla Official", "Sari"), ("Batik <Dewi>", "Dewi")];
    let homes: Vec<_> = shops.iter().map(|_| tempfile::tempdir().unwrap()).collect();
    for (home, (shop, host)) in homes.iter().zip(shops) {
        configure(home.path(), hub.port, shop, host);
    }
    // Both live at once, as in a studio.
    std::thread::scope(|scope| {
        for home in &homes {
            scope.spawn(|| live_then_catch_up(home.path()));
        }
    });

    let day = today();
    let agency = agency_report(hub_home.path(), &url, &day);
    let mut sum = 0;
    for (home, (shop, host)) in homes.iter().zip(shops) {
        let own = own_report(home.path(), &day);
        let row = agency["shops"].as_array().unwrap().iter().find(|row| row["shop"] == shop).unwrap_or_else(|| {
            panic!("{shop} is in the agency report: {agency:#}");
        });
        for figure in ["comments", "flagged", "lives"] {
            assert_eq!(row[figure], own["totals"][figure], "{shop}: {figure}: hub {row} vs own {}", own["totals"]);
        }
        let host_row = agency["hosts"].as_array().unwrap().iter().find(|row| row["name"] == host).unwrap();
        assert_eq!(host_row["comments"], own["totals"]["comments"], "{host} hosted {shop}'s live");
        assert!(own["totals"]["comments"].as_u64().unwrap() > 0, "{shop}'s live archived comments: {own:#}");
        sum += own["totals"]["comments"].as_u64().unwrap();
    }
    assert_eq!(agency["totals"]["comments"], sum, "{agency:#}");

    // A desktop's Laporan tab asks the hub for the same report (the "Agensi" scope).
    let settings = pandu::hub::HubSettings {
        url: format!("http://127.0.0.1:{}", hub.port),
        token: HUB_TOKEN.into(),
        shop: shops[0].0.into(),
    };
    let request =
        pandu::hub::fetch::AgencyRequest { from: Some(day.clone()), to: Some(day.clone()), ..Default::default() };
    let fetched = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(pandu::hub::fetch::agency_report(&settings, &request, pandu::report::DEFAULT_TIME_ZONE))
        .unwrap();
    assert_eq!(serde_json::to_value(&fetched.totals).unwrap(), agency["totals"]);
    let wrong = pandu::hub::HubSettings { token: "salah-token-123456".into(), ..settings };
    let refused = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(pandu::hub::fetch::agency_report(&wrong, &request, pandu::report::DEFAULT_TIME_ZONE))
        .unwrap_err();
    assert!(refused.contains("401"), "{refused}");

    // The Markdown says the same, in Indonesian.
    let output = run(hub_home.path(), &["hub", "report", "--postgres", &url, "--from", &day, "--to", &day]);
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.starts_with(&format!("# Laporan Agensi — {}", day.replace('-', "\\-"))), "{markdown}");
    assert!(markdown.contains("| Novilla Official |") && markdown.contains("| Batik \\<Dewi\\> |"), "{markdown}");

    // The manager's page: the same report with its filters, behind the hub's token.
    let page = |query: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", hub.port)).unwrap();
        use std::io::{Read, Write};
        write!(stream, "GET /hub/?{query} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    assert!(page(&format!("token=salah&from={day}&to={day}")).starts_with("HTTP/1.1 401"));
    let html = page(&format!("token={HUB_TOKEN}&from={day}&to={day}&shop=&host="));
    assert!(html.starts_with("HTTP/1.1 200"), "{html}");
    assert!(html.contains("<form") && html.contains("Novilla Official"), "{html}");
    assert!(html.contains("Batik &lt;Dewi&gt;") && !html.contains("<Dewi>"), "markup stays text");
    assert!(html.contains("<figcaption>Komentar per toko</figcaption>\n<svg"), "the charts, drawn on the hub");
    assert!(!html.contains("<script"), "the page runs no script");
    let one_shop = page(&format!("token={HUB_TOKEN}&from={day}&to={day}&shop=Novilla+Official"));
    assert!(one_shop.contains("Toko: Novilla Official") && !one_shop.contains("Batik &lt;Dewi&gt;"), "{one_shop}");
    hub.stop();
}

#[test]
fn a_hub_out_of_reach_loses_nothing_and_the_desktop_says_so_meanwhile() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    let hub_home = tempfile::tempdir().unwrap();
    assert!(run(hub_home.path(), &["hub", "migrate", "--postgres", &url]).status.success());
    let hub = Served::start_hub(hub_home.path(), &["--postgres", &url, "--port", "0", "--token", HUB_TOKEN]);
    let port = hub.port.to_string();

    let home = tempfile::tempdir().unwrap();
    configure(home.path(), hub.port, "Novilla Official", "Sari");
    let desk = desktop(home.path(), "demo");
    wait_for("the desktop to reach the hub", || hub_status(&desk)["state"] == "connected");

    // The cable is pulled: the hub goes away while the live goes on.
    hub.stop();
    wait_for("the desktop to say the hub is out of reach", || {
        let status = hub_status(&desk);
        status["state"] == "unreachable" && status["behind"].as_u64().unwrap() > 0
    });
    let status = hub_status(&desk);
    assert!(status["since"].is_i64() && status["problem"].is_string(), "{status}");
    // A crash while events wait.
    desk.kill();

    let hub = Served::start_hub(hub_home.path(), &["--postgres", &url, "--port", &port, "--token", HUB_TOKEN]);
    let desk = desktop(home.path(), "none");
    caught_up(&desk);
    desk.stop();

    let own = own_report(home.path(), &today());
    let agency = agency_report(hub_home.path(), &url, &today());
    assert_eq!(agency["totals"]["comments"], own["totals"]["comments"], "{agency:#}\n{own:#}");
    let rows = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let client = pandu::hub::connect(&url).await.unwrap();
        client.query_one("SELECT count(*), count(DISTINCT seq), max(seq) FROM hub_events", &[]).await.unwrap()
    });
    let (events, distinct, last): (i64, i64, i64) = (rows.get(0), rows.get(1), rows.get(2));
    assert_eq!((events, distinct), (last, last), "every sequence once, none missing");
    hub.stop();
}

/// Forbidden words the desk's script check finds in `text`.
fn script_terms(desk: &Served, text: &str) -> Vec<String> {
    let (status, report) = desk.request("PUT", "/api/script", Some(TOKEN), text);
    assert_eq!(status, 200, "{report}");
    report["hits"].as_array().unwrap().iter().map(|hit| hit["term"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_lexicon_pushed_by_the_agency_reaches_every_desktop_and_a_broken_one_is_refused() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    let hub_home = tempfile::tempdir().unwrap();
    assert!(run(hub_home.path(), &["hub", "migrate", "--postgres", &url]).status.success());
    let hub = Served::start_hub(hub_home.path(), &["--postgres", &url, "--port", "0", "--token", HUB_TOKEN]);
    let homes: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let desks: Vec<Served> = homes
        .iter()
        .zip(["Novilla Official", "Batik Dewi"])
        .map(|(home, shop)| {
            configure(home.path(), hub.port, shop, "Sari");
            desktop(home.path(), "none")
        })
        .collect();
    let script = "Kak, di belanjain lebih murah lho";
    for desk in &desks {
        assert!(script_terms(desk, script).is_empty(), "not a forbidden word before the push");
    }

    // A broken file is refused at the push, naming the file and the line.
    let broken = hub_home.path().join("broken.toml");
    std::fs::write(&broken, "[[term]]\ntext = \"belanjain\"\n").unwrap();
    let output = run(hub_home.path(), &["hub", "lexicon", broken.to_str().unwrap(), "--postgres", &url]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{}:1:", broken.display())), "{stderr}");

    let good = hub_home.path().join("agency.toml");
    std::fs::write(
        &good,
        "[[term]]\ntext = \"belanjain\"\ncategory = \"competitor\"\nsuggest = \"aplikasi sebelah\"\n",
    )
    .unwrap();
    let output = run(hub_home.path(), &["hub", "lexicon", good.to_str().unwrap(), "--postgres", &url]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "lexicon version 1 pushed to every shop\n");
    for desk in &desks {
        wait_for("the agency's lexicon to reach the desktop", || hub_status(desk)["lexicon_version"] == 1);
        assert_eq!(script_terms(desk, script), ["belanjain"]);
    }

    // A version this Pandu cannot read (a newer Pandu's, written past the push's check) is
    // refused on the desktop, which keeps the last good one and says why.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let client = pandu::hub::connect(&url).await.unwrap();
        client
            .execute("INSERT INTO hub_lexicons (shop, lexicon, packs) VALUES ('', '[[term]]\ntext = 1\n', '{}')", &[])
            .await
            .unwrap();
    });
    for desk in &desks {
        wait_for("the desktop to refuse the broken version", || {
            hub_status(desk)["lexicon_problem"].as_str().is_some_and(|problem| problem.starts_with("v2: "))
        });
        assert_eq!(hub_status(desk)["lexicon_version"], 1);
        assert_eq!(script_terms(desk, script), ["belanjain"], "the last good lexicon stays in force");
    }
    for desk in desks {
        desk.stop();
    }
    hub.stop();
}
