//! The hub's tables in PostgreSQL, as numbered migrations.
//!
//! Migration `n` (1-based) brings the schema to version `n`; `hub_schema` holds the version.
//! Each runs in its own transaction with its version bump, under a transaction-scoped advisory
//! lock, so two `pandu hub migrate` (or two hubs starting) never apply one twice and a failure
//! leaves the database at a clean version. A shipped migration is never edited: a change is a
//! new one.
//!
//! Every key starts with the shop, so the tables can later be distributed by it (Citus, on the
//! same protocol) without a redesign: `SELECT create_distributed_table('hub_events', 'shop')`.

/// The migrations, in order.
pub const MIGRATIONS: &[&str] = &[
    // v1: devices, their events (exactly once: the key is the desktop's own (device, sequence),
    // and an event's time never changes, so the time can be in the key the weekly partitions
    // need), and the hourly summaries reports read.
    r#"
    CREATE TABLE hub_devices (
        device_id   TEXT        PRIMARY KEY,
        shop        TEXT        NOT NULL,
        name        TEXT        NOT NULL DEFAULT '',
        acked_seq   BIGINT      NOT NULL DEFAULT 0,
        first_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE hub_events (
        shop        TEXT        NOT NULL,
        device_id   TEXT        NOT NULL,
        seq         BIGINT      NOT NULL,
        ts          TIMESTAMPTZ NOT NULL,
        session_id  BIGINT,
        host        TEXT        NOT NULL DEFAULT '',
        kind        TEXT        NOT NULL,
        product     TEXT,
        category    TEXT,
        payload     JSONB       NOT NULL,
        PRIMARY KEY (shop, device_id, seq, ts)
    ) PARTITION BY RANGE (ts);
    CREATE TABLE hub_events_default PARTITION OF hub_events DEFAULT;
    CREATE TABLE hub_hourly (
        shop        TEXT        NOT NULL,
        hour        TIMESTAMPTZ NOT NULL,
        host        TEXT        NOT NULL,
        product     TEXT        NOT NULL,
        category    TEXT        NOT NULL,
        kind        TEXT        NOT NULL,
        events      BIGINT      NOT NULL,
        PRIMARY KEY (shop, hour, host, product, category, kind)
    );
    "#,
    // v2: each desktop's lives (its own session numbers), with who hosted them and their first
    // and last event, kept in step with the events inserted: reports count lives and their
    // minutes per shop and host without reading raw events.
    r#"
    CREATE TABLE hub_lives (
        shop        TEXT        NOT NULL,
        device_id   TEXT        NOT NULL,
        session_id  BIGINT      NOT NULL,
        host        TEXT        NOT NULL,
        first_ts    TIMESTAMPTZ NOT NULL,
        last_ts     TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (shop, device_id, session_id)
    );
    CREATE INDEX hub_lives_by_start ON hub_lives (first_ts);
    "#,
    // v3: the agency's lexicon, one row per push (`shop` empty: every shop), versions rising
    // across shops, so a desktop asks for "newer than the one I hold".
    r#"
    CREATE TABLE hub_lexicons (
        shop        TEXT        NOT NULL,
        version     BIGINT      GENERATED ALWAYS AS IDENTITY,
        lexicon     TEXT        NOT NULL,
        packs       TEXT[]      NOT NULL,
        pushed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (shop, version)
    );
    "#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;
