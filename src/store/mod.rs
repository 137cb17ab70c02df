//! The archive: every live session and every event, in one SQLite file the user owns.
//!
//! Design:
//! - **One writer.** [`ArchiveWriter`] owns a connection on its own thread and drains a bounded
//!   channel in batches: under load a batch grows to [`MAX_BATCH`] events in one transaction
//!   (SQLite's cost is per commit, not per row), at a trickle each event commits at once. The
//!   channel applies back-pressure instead of dropping, so the archive never loses a comment.
//! - **WAL mode**, so readers (export, reports, the UI's history) never block the writer.
//! - **Refuse, never clobber.** A file that is not SQLite, or that a newer Pandu wrote, is an
//!   error naming the file, checked before anything is written to it.

mod migrations;
mod writer;

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::Serialize;

use crate::event::{Comment, EventKind, FollowRole, LiveEvent, Timestamp, User};
pub use migrations::SCHEMA_VERSION;
pub use writer::{ArchiveWriter, WriterReport};

/// The most events written in one transaction.
pub const MAX_BATCH: usize = 4096;

/// What can go wrong with an archive file. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a Pandu archive (the file is not an SQLite database); it was left untouched")]
    NotSqlite { path: PathBuf },
    #[error(
        "{path}: written by a newer Pandu (archive schema v{found}, this build knows up to v{supported}); \
         it was left untouched — update Pandu to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: no archive here")]
    Missing { path: PathBuf },
    #[error("{path}: no live session {session} in this archive")]
    NoSuchSession { path: PathBuf, session: i64 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

/// A live session as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveSession {
    pub id: i64,
    pub source: String,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub comments: u64,
}

/// A user on the co-host's mute list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MutedUser {
    /// The @handle, without the `@`, in lowercase.
    pub unique_id: String,
    pub nickname: String,
    #[ts(type = "number")]
    pub muted_at: Timestamp,
}

/// One archived comment, in the shape `pandu export` writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchivedComment {
    /// The source's message id.
    pub id: String,
    pub session: i64,
    pub ts: Timestamp,
    pub source: String,
    pub user: User,
    pub text: String,
    pub flags: Vec<crate::event::Flag>,
}

/// An open archive file.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

impl Archive {
    /// Opens the archive at `path`, creating the file (and its folder) if needed and migrating
    /// an older schema forward.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        refuse_non_sqlite(&path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let conn = Connection::open(&path).map_err(|source| sqlite_error(&path, source))?;
        Self::init(conn, path)
    }

    /// Opens an archive that must already exist (for export and reports: a typo in the path
    /// should not quietly create an empty archive).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        Self::open(path)
    }

    /// A throwaway archive in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn =
            Connection::open_with_flags(&path, OpenFlags::default()).map_err(|source| sqlite_error(&path, source))?;
        Self::init(conn, path)
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Self, StoreError> {
        let mut archive = Archive { conn, path };
        let found = archive.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: archive.path, found, supported: SCHEMA_VERSION });
        }
        archive
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;",
            )
            .map_err(|source| sqlite_error(&archive.path, source))?;
        archive.apply_migrations(migrations::MIGRATIONS, found)?;
        Ok(archive)
    }

    /// The file this archive lives in (`:memory:` for in-memory ones).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file (0 for a new, empty file).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|source| sqlite_error(&self.path, source))
    }

    fn apply_migrations(&mut self, migrations: &[&str], from: i64) -> Result<(), StoreError> {
        for (index, sql) in migrations.iter().enumerate().skip(from as usize) {
            let version = index as i64 + 1;
            let tx = self.conn.transaction().map_err(|source| sqlite_error(&self.path, source))?;
            tx.execute_batch(sql).map_err(|source| sqlite_error(&self.path, source))?;
            tx.pragma_update(None, "user_version", version).map_err(|source| sqlite_error(&self.path, source))?;
            tx.commit().map_err(|source| sqlite_error(&self.path, source))?;
        }
        Ok(())
    }

    /// Records the start of a live session and returns its id.
    pub fn begin_session(&self, source: &str, started_at: Timestamp) -> Result<i64, StoreError> {
        self.conn
            .execute("INSERT INTO live_sessions (source, started_at) VALUES (?1, ?2)", params![source, started_at])
            .map_err(|source| sqlite_error(&self.path, source))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of a live session. A session that archived nothing is removed instead,
    /// so starting and stopping a source without a single event leaves no clutter.
    pub fn end_session(&self, session: i64, ended_at: Timestamp) -> Result<(), StoreError> {
        self.conn
            .unchecked_transaction()
            .and_then(|tx| {
                tx.execute(
                    "DELETE FROM live_sessions WHERE id = ?1
                       AND NOT EXISTS (SELECT 1 FROM comments WHERE session_id = ?1)
                       AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = ?1)",
                    params![session],
                )?;
                tx.execute("UPDATE live_sessions SET ended_at = ?2 WHERE id = ?1", params![session, ended_at])?;
                tx.commit()
            })
            .map_err(|source| sqlite_error(&self.path, source))
    }

    /// Writes `events` to `session` in one transaction and returns how many were new (a message
    /// id already stored for the session is skipped).
    pub fn insert_batch<E: std::borrow::Borrow<LiveEvent>>(
        &mut self,
        session: i64,
        events: &[E],
    ) -> Result<usize, StoreError> {
        let path = &self.path;
        let tx = self.conn.transaction().map_err(|source| sqlite_error(path, source))?;
        let mut inserted = 0;
        {
            let mut comment_stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO comments (session_id, msg_id, ts, source, user_id, unique_id, nickname,
                         avatar_url, is_moderator, follow_role, text, flags)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(|source| sqlite_error(path, source))?;
            let mut event_stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO events (session_id, msg_id, ts, source, type, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(|source| sqlite_error(path, source))?;
            for event in events {
                let event = event.borrow();
                let written = match &event.kind {
                    EventKind::Comment(Comment { user, text, flags }) => comment_stmt.execute(params![
                        session,
                        event.id,
                        event.ts,
                        event.source,
                        user.id,
                        user.unique_id,
                        user.nickname,
                        user.avatar_url,
                        user.is_moderator,
                        follow_role_name(user.follow_role),
                        text,
                        serde_json::to_string(flags).expect("flags always serialise"),
                    ]),
                    _ => event_stmt.execute(params![
                        session,
                        event.id,
                        event.ts,
                        event.source,
                        event.kind_name(),
                        serde_json::to_string(event).expect("events always serialise"),
                    ]),
                }
                .map_err(|source| sqlite_error(path, source))?;
                inserted += written;
            }
        }
        tx.commit().map_err(|source| sqlite_error(path, source))?;
        Ok(inserted)
    }

    /// Every live session, oldest first, with its comment count.
    pub fn sessions(&self) -> Result<Vec<LiveSession>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.id, s.source, s.started_at, s.ended_at,
                        (SELECT COUNT(*) FROM comments c WHERE c.session_id = s.id)
                 FROM live_sessions s ORDER BY s.id",
            )
            .map_err(|source| sqlite_error(&self.path, source))?;
        let rows = stmt
            .query_map([], |row| {
                Ok(LiveSession {
                    id: row.get(0)?,
                    source: row.get(1)?,
                    started_at: row.get(2)?,
                    ended_at: row.get(3)?,
                    comments: row.get::<_, i64>(4)? as u64,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|source| sqlite_error(&self.path, source))?;
        Ok(rows)
    }

    /// Calls `visit` with each archived comment, in the order they were archived; of one
    /// session, or of all when `session` is `None`. Streams: memory stays flat however long
    /// the live was. Stops at the first error `visit` returns.
    pub fn for_each_comment<E>(
        &self,
        session: Option<i64>,
        mut visit: impl FnMut(ArchivedComment) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError> {
        if let Some(id) = session {
            self.require_session(id)?;
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT msg_id, session_id, ts, source, user_id, unique_id, nickname, avatar_url,
                        is_moderator, follow_role, text, flags
                 FROM comments WHERE ?1 IS NULL OR session_id = ?1 ORDER BY id",
            )
            .map_err(|source| sqlite_error(&self.path, source))?;
        let mut rows = stmt.query([session]).map_err(|source| sqlite_error(&self.path, source))?;
        while let Some(row) = rows.next().map_err(|source| sqlite_error(&self.path, source))? {
            let comment = read_comment(row).map_err(|source| sqlite_error(&self.path, source))?;
            if let Err(error) = visit(comment) {
                return Ok(Err(error));
            }
        }
        Ok(Ok(()))
    }

    /// Calls `visit` with every event of `session` (comments and everything else) as a
    /// [`LiveEvent`], in time order: the session's recording, as `replay:` plays it.
    pub fn for_each_event<E>(
        &self,
        session: i64,
        mut visit: impl FnMut(LiveEvent) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError> {
        self.require_session(session)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT ts, 0 AS kind, id, msg_id, session_id, ts, source, user_id, unique_id, nickname, avatar_url,
                        is_moderator, follow_role, text, flags, NULL AS payload
                   FROM comments WHERE session_id = ?1
                 UNION ALL
                 SELECT ts, 1, id, msg_id, session_id, ts, source, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, payload
                   FROM events WHERE session_id = ?1
                 ORDER BY ts, kind, id",
            )
            .map_err(|source| sqlite_error(&self.path, source))?;
        let mut rows = stmt.query([session]).map_err(|source| sqlite_error(&self.path, source))?;
        while let Some(row) = rows.next().map_err(|source| sqlite_error(&self.path, source))? {
            let event = read_event(row).map_err(|source| sqlite_error(&self.path, source))?;
            if let Err(error) = visit(event) {
                return Ok(Err(error));
            }
        }
        Ok(Ok(()))
    }

    fn require_session(&self, session: i64) -> Result<(), StoreError> {
        let known: Option<i64> = self
            .conn
            .query_row("SELECT id FROM live_sessions WHERE id = ?1", [session], |row| row.get(0))
            .optional()
            .map_err(|source| sqlite_error(&self.path, source))?;
        known.map(drop).ok_or_else(|| StoreError::NoSuchSession { path: self.path.clone(), session })
    }

    /// Adds `unique_id` to the mute list (updating the nickname if already there).
    pub fn mute(&self, unique_id: &str, nickname: &str, at: Timestamp) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO muted_users (unique_id, nickname, muted_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (unique_id) DO UPDATE SET nickname = excluded.nickname",
                params![unique_id.trim_start_matches('@').to_lowercase(), nickname, at],
            )
            .map(drop)
            .map_err(|source| sqlite_error(&self.path, source))
    }

    /// Takes `unique_id` off the mute list; `false` if it was not on it.
    pub fn unmute(&self, unique_id: &str) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM muted_users WHERE unique_id = ?1", [unique_id.trim_start_matches('@').to_lowercase()])
            .map(|removed| removed > 0)
            .map_err(|source| sqlite_error(&self.path, source))
    }

    /// The mute list, most recently muted first.
    pub fn muted_users(&self) -> Result<Vec<MutedUser>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT unique_id, nickname, muted_at FROM muted_users ORDER BY muted_at DESC, unique_id")
            .map_err(|source| sqlite_error(&self.path, source))?;
        stmt.query_map([], |row| Ok(MutedUser { unique_id: row.get(0)?, nickname: row.get(1)?, muted_at: row.get(2)? }))
            .and_then(|rows| rows.collect())
            .map_err(|source| sqlite_error(&self.path, source))
    }

    /// How many comments `session` holds (all sessions when `None`).
    #[cfg(test)]
    pub(crate) fn count_comments(&self, session: Option<i64>) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM comments WHERE ?1 IS NULL OR session_id = ?1", [session], |row| {
                row.get::<_, i64>(0)
            })
            .map(|count| count as u64)
            .map_err(|source| sqlite_error(&self.path, source))
    }
}

/// A comment from a row whose columns, from `first` on, are: msg_id, session_id, ts, source,
/// user_id, unique_id, nickname, avatar_url, is_moderator, follow_role, text, flags.
fn read_comment_at(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ArchivedComment> {
    let follow_role: String = row.get(first + 9)?;
    let flags: String = row.get(first + 11)?;
    Ok(ArchivedComment {
        id: row.get(first)?,
        session: row.get(first + 1)?,
        ts: row.get(first + 2)?,
        source: row.get(first + 3)?,
        user: User {
            id: row.get(first + 4)?,
            unique_id: row.get(first + 5)?,
            nickname: row.get(first + 6)?,
            avatar_url: row.get(first + 7)?,
            is_moderator: row.get(first + 8)?,
            follow_role: parse_follow_role(&follow_role),
        },
        text: row.get(first + 10)?,
        flags: serde_json::from_str(&flags).map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(first + 11, rusqlite::types::Type::Text, Box::new(error))
        })?,
    })
}

fn read_comment(row: &rusqlite::Row<'_>) -> rusqlite::Result<ArchivedComment> {
    read_comment_at(row, 0)
}

/// An event from a row of [`Archive::for_each_event`]'s query.
fn read_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<LiveEvent> {
    let kind: i64 = row.get(1)?;
    if kind == 0 {
        let comment = read_comment_at(row, 3)?;
        return Ok(LiveEvent {
            id: comment.id,
            ts: comment.ts,
            source: comment.source,
            kind: EventKind::Comment(Comment { user: comment.user, text: comment.text, flags: comment.flags }),
        });
    }
    let payload: String = row.get(15)?;
    serde_json::from_str(&payload)
        .map_err(|error| rusqlite::Error::FromSqlConversionFailure(15, rusqlite::types::Type::Text, Box::new(error)))
}

fn follow_role_name(role: FollowRole) -> &'static str {
    match role {
        FollowRole::None => "none",
        FollowRole::Follower => "follower",
        FollowRole::Friend => "friend",
    }
}

fn parse_follow_role(name: &str) -> FollowRole {
    match name {
        "follower" => FollowRole::Follower,
        "friend" => FollowRole::Friend,
        _ => FollowRole::None,
    }
}

/// SQLite files start with this 16-byte magic string.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses an existing, non-empty file that is not SQLite, before SQLite (or WAL set-up) can
/// write anything to it.
fn refuse_non_sqlite(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
    };
    let mut header = Vec::with_capacity(SQLITE_MAGIC.len());
    (&mut file)
        .take(SQLITE_MAGIC.len() as u64)
        .read_to_end(&mut header)
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    if header.is_empty() || header == SQLITE_MAGIC {
        Ok(())
    } else {
        Err(StoreError::NotSqlite { path: path.to_path_buf() })
    }
}

fn sqlite_error(path: &Path, source: rusqlite::Error) -> StoreError {
    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        return StoreError::NotSqlite { path: path.to_path_buf() };
    }
    StoreError::Sqlite { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Flag;

    pub(crate) fn comment(id: &str, text: &str) -> LiveEvent {
        LiveEvent {
            id: id.into(),
            ts: 1_700_000_000_000,
            source: "demo".into(),
            kind: EventKind::Comment(Comment {
                user: User {
                    id: "42".into(),
                    unique_id: "dewi_olshop".into(),
                    nickname: "Dewi".into(),
                    avatar_url: Some("https://example.invalid/a.jpg".into()),
                    is_moderator: true,
                    follow_role: FollowRole::Friend,
                },
                text: text.into(),
                flags: vec![],
            }),
        }
    }

    fn exported(archive: &Archive, session: Option<i64>) -> Vec<ArchivedComment> {
        let mut out = Vec::new();
        archive
            .for_each_comment(session, |c| {
                out.push(c);
                Ok::<_, ()>(())
            })
            .unwrap()
            .unwrap();
        out
    }

    #[test]
    fn a_new_file_is_migrated_to_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/folder/pandu.db");
        let archive = Archive::open(&path).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = archive.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(archive);
        // Reopening an up-to-date file runs no migration and keeps the data.
        let archive = Archive::open(&path).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn an_empty_file_is_treated_as_a_new_archive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(Archive::open(&path).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        let content = b"catatan live: jangan sebut aplikasi oren\n".repeat(50);
        std::fs::write(&path, &content).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::NotSqlite { .. }), "{error}");
        assert!(error.to_string().contains("notes.db"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), content);
        assert!(!dir.path().join("notes.db-wal").exists());
    }

    #[test]
    fn an_archive_from_a_newer_schema_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::NewerSchema { found: 99, .. }), "{error}");
        assert!(error.to_string().contains("future.db"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn migrations_resume_from_the_recorded_version_and_keep_data() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.insert_batch(session, &[comment("a", "halo kak")]).unwrap();
        // A later build adds migration v2; opening a v1 file applies only v2.
        let later: Vec<&str> = migrations::MIGRATIONS
            .iter()
            .copied()
            .chain(["ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"])
            .collect();
        archive.apply_migrations(&later, SCHEMA_VERSION).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION + 1);
        let pinned: i64 = archive.conn.query_row("SELECT pinned FROM comments", [], |r| r.get(0)).unwrap();
        assert_eq!(pinned, 0);
        assert_eq!(archive.count_comments(None).unwrap(), 1);
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version_in_force() {
        let mut archive = Archive::open_in_memory().unwrap();
        let broken: Vec<&str> = migrations::MIGRATIONS.iter().copied().chain(["ALTER TABLE nope ADD x;"]).collect();
        assert!(archive.apply_migrations(&broken, SCHEMA_VERSION).is_err());
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_batch_is_stored_whole_and_redeliveries_are_stored_once() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 10).unwrap();
        let mut flagged = comment("b", "cek sh0pee");
        if let EventKind::Comment(c) = &mut flagged.kind {
            c.flags.push(Flag {
                term: "shopee".into(),
                category: crate::event::Category::Competitor,
                severity: crate::event::Severity::High,
                target: crate::event::FlagTarget::Text,
                imitates: None,
                start: 4,
                end: 10,
                matched: "sh0pee".into(),
                suggest: Some("aplikasi oren".into()),
                explain: None,
            });
        }
        let like =
            LiveEvent { id: "l1".into(), ts: 11, source: "demo".into(), kind: EventKind::ViewerCount { count: 300 } };
        let batch = vec![comment("a", "ready kak?"), flagged.clone(), like.clone()];
        assert_eq!(archive.insert_batch(session, &batch).unwrap(), 3);
        assert_eq!(archive.insert_batch(session, &[comment("a", "ready kak?"), like]).unwrap(), 0);

        let rows = exported(&archive, Some(session));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "ready kak?");
        assert_eq!(rows[0].user.follow_role, FollowRole::Friend);
        assert!(rows[0].user.is_moderator);
        assert_eq!(rows[1].flags, flagged.as_comment().unwrap().flags);
        let events: i64 = archive.conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(events, 1);
    }

    #[test]
    fn the_same_message_id_in_two_sessions_is_two_comments() {
        let mut archive = Archive::open_in_memory().unwrap();
        let first = archive.begin_session("demo", 1).unwrap();
        let second = archive.begin_session("demo", 2).unwrap();
        archive.insert_batch(first, &[comment("a", "x")]).unwrap();
        archive.insert_batch(second, &[comment("a", "x")]).unwrap();
        assert_eq!(exported(&archive, None).len(), 2);
        assert_eq!(exported(&archive, Some(second)).len(), 1);
    }

    #[test]
    fn sessions_are_listed_and_empty_ones_vanish_when_ended() {
        let mut archive = Archive::open_in_memory().unwrap();
        let used = archive.begin_session("demo", 1).unwrap();
        let unused = archive.begin_session("none", 2).unwrap();
        archive.insert_batch(used, &[comment("a", "x"), comment("b", "y")]).unwrap();
        archive.end_session(used, 100).unwrap();
        archive.end_session(unused, 100).unwrap();
        let sessions = archive.sessions().unwrap();
        assert_eq!(
            sessions,
            vec![LiveSession { id: used, source: "demo".into(), started_at: 1, ended_at: Some(100), comments: 2 }]
        );
    }

    #[test]
    fn exporting_an_unknown_session_names_it() {
        let archive = Archive::open_in_memory().unwrap();
        let error = archive.for_each_comment(Some(7), |_| Ok::<_, ()>(())).err().unwrap();
        assert!(error.to_string().contains("no live session 7"), "{error}");
    }

    #[test]
    fn the_mute_list_persists_and_ignores_case_and_at_signs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        {
            let archive = Archive::open(&path).unwrap();
            archive.mute("@Fake.Shop", "Novilla OfficiaI", 5).unwrap();
            archive.mute("spammer88", "PROMO", 7).unwrap();
            archive.mute("fake.shop", "renamed", 9).unwrap();
        }
        let archive = Archive::open(&path).unwrap();
        let muted = archive.muted_users().unwrap();
        assert_eq!(muted.iter().map(|m| m.unique_id.as_str()).collect::<Vec<_>>(), ["spammer88", "fake.shop"]);
        assert_eq!(muted[1].nickname, "renamed");
        assert!(archive.unmute("@SPAMMER88").unwrap());
        assert!(!archive.unmute("spammer88").unwrap());
        assert_eq!(archive.muted_users().unwrap().len(), 1);
    }

    #[test]
    fn open_existing_does_not_create_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        assert!(matches!(Archive::open_existing(&path), Err(StoreError::Missing { .. })));
        assert!(!path.exists());
    }
}
