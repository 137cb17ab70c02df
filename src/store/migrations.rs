//! Versioned schema migrations.
//!
//! The schema version lives in SQLite's `user_version` header field. Migration `n` (1-based)
//! takes a database from version `n - 1` to `n`; each runs in its own transaction together with
//! the version bump, so a crash leaves the file at a clean version. Never edit a migration that
//! has shipped: add the next one.

/// The SQL of each migration, in order. `MIGRATIONS[0]` creates version 1.
pub(super) const MIGRATIONS: &[&str] = &[
    // v1: live sessions, their comments, and every other event as JSON.
    r#"
    CREATE TABLE live_sessions (
        id          INTEGER PRIMARY KEY,
        source      TEXT    NOT NULL,
        started_at  INTEGER NOT NULL,
        ended_at    INTEGER
    );

    CREATE TABLE comments (
        id           INTEGER PRIMARY KEY,
        session_id   INTEGER NOT NULL REFERENCES live_sessions(id) ON DELETE CASCADE,
        msg_id       TEXT    NOT NULL,
        ts           INTEGER NOT NULL,
        source       TEXT    NOT NULL,
        user_id      TEXT    NOT NULL,
        unique_id    TEXT    NOT NULL,
        nickname     TEXT    NOT NULL,
        avatar_url   TEXT,
        is_moderator INTEGER NOT NULL,
        follow_role  TEXT    NOT NULL,
        text         TEXT    NOT NULL,
        flags        TEXT    NOT NULL DEFAULT '[]',
        -- A message re-delivered (reconnect, second source) is stored once.
        UNIQUE (session_id, msg_id)
    );
    CREATE INDEX comments_by_session_time ON comments (session_id, ts);
    CREATE INDEX comments_by_user ON comments (unique_id);

    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER NOT NULL REFERENCES live_sessions(id) ON DELETE CASCADE,
        msg_id      TEXT    NOT NULL,
        ts          INTEGER NOT NULL,
        source      TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        payload     TEXT    NOT NULL,
        UNIQUE (session_id, msg_id)
    );
    CREATE INDEX events_by_session_type ON events (session_id, type, ts);
    "#,
    // v2: the co-host's mute list, kept across lives.
    r#"
    CREATE TABLE muted_users (
        unique_id  TEXT    PRIMARY KEY,
        nickname   TEXT    NOT NULL,
        muted_at   INTEGER NOT NULL
    );
    "#,
    // v3: the live's clock: flash-sale payment windows (every one logged, for the reports), saved
    // run sheets, and where the live stands in the sheet in force. Instants are Unix ms.
    r#"
    CREATE TABLE flash_sales (
        id          TEXT    PRIMARY KEY,
        session_id  INTEGER REFERENCES live_sessions(id) ON DELETE SET NULL,
        product     TEXT    NOT NULL,
        price       TEXT    NOT NULL,
        stock       INTEGER,
        created_at  INTEGER NOT NULL,
        starts_at   INTEGER NOT NULL,
        deadline    INTEGER NOT NULL,
        ended_at    INTEGER,
        end_reason  TEXT    CHECK (end_reason IN ('expired', 'closed'))
    );
    CREATE INDEX flash_sales_open ON flash_sales (ended_at);
    CREATE INDEX flash_sales_by_session ON flash_sales (session_id, starts_at);

    CREATE TABLE run_sheets (
        name        TEXT    PRIMARY KEY,
        slots       TEXT    NOT NULL,
        updated_at  INTEGER NOT NULL
    );

    -- One row: the sheet in force and the position in it, as JSON.
    CREATE TABLE run_position (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        position    TEXT    NOT NULL
    );
    "#,
    // v4: the feedback log (a tag keeps a copy of its comment, so it never waits on the
    // comment's own row), the run sheet's slot starts (the reports' timeline markers), and
    // full-text search over comments (text, nickname) and feedback notes. The FTS tables index
    // the rows of their content tables through triggers; `rebuild` indexes what is there.
    // `detail = none`: search asks only "which rows have these words" (no phrases, no NEAR), so
    // the index keeps no positions: a smaller index and cheaper inserts at 2,000 comments/s.
    r#"
    CREATE TABLE feedback (
        id           INTEGER PRIMARY KEY,
        session_id   INTEGER REFERENCES live_sessions(id) ON DELETE SET NULL,
        msg_id       TEXT    NOT NULL,
        comment_ts   INTEGER NOT NULL,
        unique_id    TEXT    NOT NULL,
        nickname     TEXT    NOT NULL,
        text         TEXT    NOT NULL,
        kind         TEXT    NOT NULL CHECK (kind IN ('complaint', 'question', 'request', 'praise')),
        product      TEXT,
        note         TEXT    NOT NULL DEFAULT '',
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        answered_at  INTEGER,
        -- One tag per comment: tagging again changes it.
        UNIQUE (session_id, msg_id)
    );
    CREATE INDEX feedback_by_time ON feedback (comment_ts);

    CREATE TABLE slot_starts (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER REFERENCES live_sessions(id) ON DELETE CASCADE,
        started_at  INTEGER NOT NULL,
        slot        INTEGER NOT NULL,
        product     TEXT    NOT NULL
    );
    CREATE INDEX slot_starts_by_time ON slot_starts (started_at);

    -- The reports count commenters and flagged comments per session without reading every
    -- comment's text: commenters from this index, flags from the few rows the partial one holds.
    CREATE INDEX comments_by_session_user ON comments (session_id, unique_id);
    CREATE INDEX comments_flagged ON comments (session_id) WHERE flags != '[]';

    CREATE VIRTUAL TABLE comments_fts USING fts5(
        text, nickname, content = 'comments', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
        detail = none
    );
    CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
        INSERT INTO comments_fts (rowid, text, nickname) VALUES (new.id, new.text, new.nickname);
    END;
    CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
        INSERT INTO comments_fts (comments_fts, rowid, text, nickname) VALUES ('delete', old.id, old.text, old.nickname);
    END;
    INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');

    CREATE VIRTUAL TABLE feedback_fts USING fts5(
        note, content = 'feedback', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
        detail = none
    );
    CREATE TRIGGER feedback_fts_insert AFTER INSERT ON feedback BEGIN
        INSERT INTO feedback_fts (rowid, note) VALUES (new.id, new.note);
    END;
    CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN
        INSERT INTO feedback_fts (feedback_fts, rowid, note) VALUES ('delete', old.id, old.note);
    END;
    CREATE TRIGGER feedback_fts_update AFTER UPDATE OF note ON feedback BEGIN
        INSERT INTO feedback_fts (feedback_fts, rowid, note) VALUES ('delete', old.id, old.note);
        INSERT INTO feedback_fts (rowid, note) VALUES (new.id, new.note);
    END;
    "#,
    // v5 (gaps): every period the live's sources were all down, so the archive says where comments may
    // be missing. `end_at` is NULL while the gap is open; one left open by a crash is closed at the
    // next start (`Archive::close_gaps_left_open`). `reason` is the `SourceReason` as JSON.
    r#"
    CREATE TABLE gaps (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER NOT NULL REFERENCES live_sessions(id) ON DELETE CASCADE,
        source      TEXT    NOT NULL,
        start_at    INTEGER NOT NULL,
        end_at      INTEGER,
        reason      TEXT    NOT NULL,
        UNIQUE (session_id, start_at)
    );
    "#,
    // v6: comments join the search index once per written batch (`Archive::insert_batch`, in the
    // batch's transaction), no longer through a trigger per row: FTS5 flushed a segment at every
    // trigger run, which cut archive writes from 222,597 to 44,519 comments/s. The index keeps
    // the same rows; deleting a comment still removes it through its trigger.
    r#"
    DROP TRIGGER comments_fts_insert;
    "#,
    // v7 (answer cards): the answer a question was given, and the facts its card lacked
    // (comma-separated `Fact` keys), for the report's "facts to add before the next live".
    r#"
    ALTER TABLE feedback ADD COLUMN answer TEXT;
    ALTER TABLE feedback ADD COLUMN missing TEXT NOT NULL DEFAULT '';
    "#,
    // v8 (the agency hub): who hosted each live; this archive's device id (random, made once) and
    // how far the hub holds its events; and the events numbered for the hub, without gaps, each
    // pointing at its row (`origin`: `comment` and `event` rows by id, `feedback` by id,
    // `flash_sale` by rowid) with its time as numbered (the hub keys events by it, so it never
    // changes, even for a row removed later). Numbered only while a hub is set (`Archive::number_for_hub`).
    r#"
    ALTER TABLE live_sessions ADD COLUMN host TEXT NOT NULL DEFAULT '';
    CREATE TABLE hub_device (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        device_id   TEXT    NOT NULL,
        acked_seq   INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO hub_device (id, device_id) VALUES (1, lower(hex(randomblob(16))));
    CREATE TABLE hub_outbox (
        seq         INTEGER PRIMARY KEY,
        origin      TEXT    NOT NULL CHECK (origin IN ('comment', 'event', 'feedback', 'flash_sale')),
        row_id      INTEGER NOT NULL,
        ts          INTEGER NOT NULL,
        UNIQUE (origin, row_id)
    );
    "#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
