//! The agency hub's tables on a real PostgreSQL (tests/common/postgres.rs): set up, upgraded
//! once however many migrate at the same time, a database a later Pandu migrated refused, and
//! the CLI's `pandu hub migrate` with its errors (a password never printed).

mod common;

use common::postgres::Postgres;
use common::run;

const TABLES: [&str; 5] = ["hub_devices", "hub_events", "hub_events_default", "hub_hourly", "hub_schema"];

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
    assert_eq!(String::from_utf8_lossy(&output.stdout), "the hub's tables went from version 0 to 1\n");
    let output = run(home.path(), &["hub", "migrate", "--postgres", &url]);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "the hub's tables are at version 1: nothing to do\n");

    // Nothing listens there: the error names the address, not the password.
    let nowhere = format!("host={} port=5999 user=pandu password=rahasia dbname=hub", postgres.socket_dir().display());
    let output = run(home.path(), &["hub", "migrate", "--postgres", &nowhere]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("password=*** dbname=hub: cannot connect to PostgreSQL"), "{stderr}");
    assert!(!stderr.contains("rahasia"), "{stderr}");
}
