//! The agency hub's tables on a real PostgreSQL (tests/common/postgres.rs): set up, upgraded
//! once however many migrate at the same time, a database a later Pandu migrated refused, and
//! the CLI's `pandu hub migrate` with its errors (a password never printed).

mod common;

use common::postgres::Postgres;
use common::run;

const TABLES: [&str; 7] =
    ["hub_devices", "hub_events", "hub_events_default", "hub_hourly", "hub_lexicons", "hub_lives", "hub_schema"];

async fn tables(url: &str) -> Vec<String> {
    let client = pandu::hub::connect(url).await.unwrap();
    client
        .query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

#[tokio::test]
async fn migrate_sets_up_the_tables_once_even_when_started_twice_at_the_same_time() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    assert_eq!(pandu::hub::schema_version(&url).await.unwrap(), 0, "a new database");

    let (first, second) = tokio::join!(pandu::hub::migrate(&url), pandu::hub::migrate(&url));
    let (first, second) = (first.unwrap(), second.unwrap());
    let versions = [(first.from, first.to), (second.from, second.to)];
    assert!(versions.contains(&(0, pandu::hub::SCHEMA_VERSION)), "{versions:?}");
    assert!(versions.iter().all(|(_, to)| *to == pandu::hub::SCHEMA_VERSION), "{versions:?}");
    assert_eq!(tables(&url).await, TABLES);

    let again = pandu::hub::migrate(&url).await.unwrap();
    assert_eq!((again.from, again.to), (pandu::hub::SCHEMA_VERSION, pandu::hub::SCHEMA_VERSION));
}

#[tokio::test]
async fn a_database_a_later_pandu_migrated_is_refused_and_left_as_it_is() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    pandu::hub::migrate(&url).await.unwrap();
    let client = pandu::hub::connect(&url).await.unwrap();
    client.execute("UPDATE hub_schema SET version = 99", &[]).await.unwrap();
    let error = pandu::hub::migrate(&url).await.unwrap_err().to_string();
    assert!(error.contains("version 99, newer than this Pandu knows"), "{error}");
    assert_eq!(pandu::hub::schema_version(&url).await.unwrap(), 99);
}

#[test]
fn the_cli_migrates_and_says_what_went_wrong_without_the_password() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["hub", "migrate", "--postgres", &url]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "the hub's tables went from version 0 to 3\n");
    let output = run(home.path(), &["hub", "migrate", "--postgres", &url]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "the hub's tables are at version 3: nothing to do\n");

    // Nothing listens there: the error names the address, not the password.
    let nowhere = format!("host={} port=5999 user=pandu password=rahasia dbname=hub", postgres.socket_dir().display());
    let output = run(home.path(), &["hub", "migrate", "--postgres", &nowhere]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("password=*** dbname=hub: cannot connect to PostgreSQL"), "{stderr}");
    assert!(!stderr.contains("rahasia"), "{stderr}");
}

use pandu::hub::intake::{Ack, HubEvent, Partitions, accept};

/// Wednesday 2 December 2026, 13:00 UTC (20.00 in Jakarta).
const WEDNESDAY: i64 = 1_796_216_400_000;

/// Events `seqs` of a desktop: comments a second apart, from `start`.
fn events(seqs: std::ops::RangeInclusive<i64>, start: i64) -> Vec<HubEvent> {
    seqs.map(|seq| HubEvent {
        seq,
        ts: start + seq * 1_000,
        session_id: Some(1),
        host: "Rina".into(),
        kind: "comment".into(),
        product: Some("Daster Kirana".into()),
        category: None,
        payload: serde_json::json!({"text": format!("komentar {seq} 🌸")}),
    })
    .collect()
}

/// Raw rows and the hourly summaries' total, for one shop.
async fn counts(client: &tokio_postgres::Client, shop: &str) -> (i64, i64) {
    let raw: i64 = client.query_one("SELECT count(*) FROM hub_events WHERE shop = $1", &[&shop]).await.unwrap().get(0);
    let summed: i64 = client
        .query_one("SELECT coalesce(sum(events), 0)::bigint FROM hub_hourly WHERE shop = $1", &[&shop])
        .await
        .unwrap()
        .get(0);
    (raw, summed)
}

#[tokio::test]
async fn batches_land_once_summaries_stay_exact_and_the_ack_waits_for_every_hole() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    pandu::hub::migrate(&url).await.unwrap();
    let mut client = pandu::hub::connect(&url).await.unwrap();
    let partitions = Partitions::default();

    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(1..=1000, WEDNESDAY)).await.unwrap(),
        Ack { held: 1000, inserted: 1000 }
    );
    // The same batch again (the desktop never saw the answer): nothing doubles.
    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(1..=1000, WEDNESDAY)).await.unwrap(),
        Ack { held: 1000, inserted: 0 }
    );
    // A later batch first: held, but the acknowledgement stops at the hole.
    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(1501..=2000, WEDNESDAY)).await.unwrap(),
        Ack { held: 1000, inserted: 500 }
    );
    // Half the hole, overlapping what is held.
    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(900..=1200, WEDNESDAY)).await.unwrap(),
        Ack { held: 1200, inserted: 200 }
    );
    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(1201..=1500, WEDNESDAY)).await.unwrap(),
        Ack { held: 2000, inserted: 300 }
    );
    assert_eq!(counts(&client, "toko-a").await, (2000, 2000));

    // The hub's PostgreSQL restarts (as a crash would) mid-upload: a new connection goes on.
    postgres.restart();
    assert!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(2001..=2100, WEDNESDAY)).await.is_err(),
        "the old connection is gone"
    );
    let mut client = pandu::hub::connect(&url).await.unwrap();
    assert_eq!(
        accept(&mut client, &partitions, "pc-1", "toko-a", &events(2001..=2100, WEDNESDAY)).await.unwrap(),
        Ack { held: 2100, inserted: 100 }
    );
    assert_eq!(counts(&client, "toko-a").await, (2100, 2100));
}

#[tokio::test]
async fn two_desktops_across_a_week_boundary_each_get_their_partition_and_their_own_count() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    pandu::hub::migrate(&url).await.unwrap();
    let (mut one, mut two) = (pandu::hub::connect(&url).await.unwrap(), pandu::hub::connect(&url).await.unwrap());
    let partitions = Partitions::default();
    // Sunday 6 December 2026, 23:59:00 UTC: a batch that runs into the next week.
    let sunday_night = 1_796_601_540_000;
    let batch = events(1..=300, sunday_night);
    let (a, b) = tokio::join!(
        accept(&mut one, &partitions, "pc-1", "toko-a", &batch),
        accept(&mut two, &partitions, "pc-2", "toko-b", &batch)
    );
    assert_eq!((a.unwrap().held, b.unwrap().held), (300, 300));
    assert_eq!(counts(&one, "toko-a").await, (300, 300));
    assert_eq!(counts(&one, "toko-b").await, (300, 300));
    let tables: Vec<String> = one
        .query("SELECT tablename::text FROM pg_tables WHERE tablename LIKE 'hub_events_2%' ORDER BY 1", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(tables, ["hub_events_20261130", "hub_events_20261207"]);
    let defaulted: i64 = one.query_one("SELECT count(*) FROM hub_events_default", &[]).await.unwrap().get(0);
    assert_eq!(defaulted, 0, "every event in its week's partition");

    let error =
        accept(&mut one, &partitions, "pc-1", "toko-a", &events(0..=1, sunday_night)).await.unwrap_err().to_string();
    assert_eq!(error, "seq 0: sequences start at 1");
    assert_eq!(counts(&one, "toko-a").await, (300, 300), "a refused batch keeps nothing");
}

/// The hub's server through HTTP: the token, a batch landed and acknowledged, a bad batch
/// named and kept out, and PostgreSQL restarting under a running hub (503 while down, then on
/// by itself).
#[test]
fn the_hub_serves_desktops_batches_over_http() {
    let postgres = Postgres::start();
    let url = postgres.database("hub");
    let home = tempfile::tempdir().unwrap();
    let token = "rahasia-agensi-2026";
    // Not migrated: refused, naming what to run.
    let output = run(home.path(), &["hub", "serve", "--postgres", &url, "--port", "0", "--token", token]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("run `pandu hub migrate"), "{stderr}");
    let output = run(home.path(), &["hub", "serve", "--postgres", &url, "--port", "0", "--token", "pendek"]);
    assert_eq!(output.status.code(), Some(2), "a short token is refused");

    assert!(run(home.path(), &["hub", "migrate", "--postgres", &url]).status.success());
    let hub = common::Served::start_hub(home.path(), &["--postgres", &url, "--port", "0", "--token", token]);
    assert_eq!(hub.get("/hub/v1/health", None).1, serde_json::json!({"status": "ok", "schema": 3}));
    let batch = |from: i64, to: i64| serde_json::json!({"device_id": "pc-1", "shop": "toko-a", "events": events(from..=to, WEDNESDAY)});
    assert_eq!(hub.call("POST", "/hub/v1/batches", "salah", batch(1, 10)).0, 401);
    let (status, ack) = hub.call("POST", "/hub/v1/batches", token, batch(1, 100));
    assert_eq!((status, ack), (200, serde_json::json!({"held": 100, "inserted": 100})));
    let (status, problem) =
        hub.call("POST", "/hub/v1/batches", token, serde_json::json!({"device_id": "pc-1", "shop": "toko-a"}));
    assert_eq!(status, 400);
    assert!(problem["error"].as_str().unwrap().contains("missing field `events`"), "{problem}");

    postgres.restart();
    let mut answers = Vec::new();
    common::wait_for("the hub to reach PostgreSQL again", || {
        let (status, answer) = hub.call("POST", "/hub/v1/batches", token, batch(1, 150));
        answers.push(status);
        status == 200 && answer == serde_json::json!({"held": 150, "inserted": 50})
    });
    assert!(answers.iter().all(|status| [200, 503].contains(status)), "{answers:?}");
    hub.stop();
}

/// What `packaging/hub/docker-compose.yml` runs, without Docker (this machine has no engine):
/// its `migrate` and `hub` services' commands, with the credentials its PostgreSQL service is
/// given, against a PostgreSQL that asks for that password over TCP as the image's does, and
/// with no home folder (the image runs Pandu as `nobody`). A wrong password is named.
#[test]
fn the_docker_compose_commands_run_the_hub_on_a_password_protected_postgres() {
    let compose =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/hub/docker-compose.yml")).unwrap();
    let value = |key: &str| {
        let line = compose.lines().find(|line| line.trim_start().starts_with(&format!("{key}:"))).unwrap();
        line.split_once(':').unwrap().1.trim().to_string()
    };
    let (user, password, database) = (value("POSTGRES_USER"), value("POSTGRES_PASSWORD"), value("POSTGRES_DB"));
    let url = format!("host=postgres user={user} password={password} dbname={database}");
    assert_eq!(compose.matches(&url).count(), 2, "`migrate` and `hub` connect as the database was made:\n{compose}");
    assert!(compose.contains(r#"command: ["hub", "migrate", "--postgres", "#), "{compose}");
    assert!(compose.contains("      - hub\n      - serve\n      - --postgres\n"), "{compose}");
    assert!(compose.contains("      - --port\n      - \"47900\"\n      - --token\n"), "{compose}");

    let (postgres, port) = Postgres::start_with_password(&password);
    postgres.database(&database);
    let scratch = tempfile::tempdir().unwrap();
    let no_home = &scratch.path().join("nonexistent");
    let over_tcp = url.replace("host=postgres", &format!("host=127.0.0.1 port={port}"));
    let output = run(no_home, &["hub", "migrate", "--postgres", &over_tcp]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let hub = common::Served::start_hub(
        no_home,
        &["--postgres", &over_tcp, "--port", "0", "--token", "compose-token-0123456789"],
    );
    assert_eq!(hub.get("/hub/v1/health", None).1, serde_json::json!({"status": "ok", "schema": 3}));
    let (status, report) = hub.get("/hub/v1/report?format=json", Some("compose-token-0123456789"));
    assert_eq!((status, &report["totals"]["comments"]), (200, &serde_json::json!(0)), "{report}");
    hub.stop();

    let wrong = over_tcp.replace(&format!("password={password}"), "password=salah");
    let output = run(no_home, &["hub", "migrate", "--postgres", &wrong]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("password authentication failed"), "{stderr}");
    assert!(!stderr.contains("salah"), "the password is never printed: {stderr}");
    assert!(!no_home.exists(), "the hub keeps nothing in a home folder");
}
