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
//! - **Every error names the file and the job.** Each SQLite or I/O error goes through
//!   [`Context::context`], which wraps it with the archive's path and what was being done.
//!
//! What lives where (each file holds its own unit tests):
//! - `mod.rs` (here): the [`Archive`] type, [`StoreError`], the [`Context`] helper, the public
//!   re-exports, and the shared test fixture.
//! - `open.rs`: opening a file, a new one or an in-memory one: the not-SQLite and
//!   newer-schema checks, the pragmas (WAL), and running the migrations.
//! - `migrations.rs`: the versioned schema, as SQL (the clock's tables too: their queries live in
//!   `clock/archive.rs`, beside the clock's types).
//! - `sessions.rs`: [`LiveSession`]: beginning, ending and listing live sessions.
//! - `events.rs`: [`ArchivedComment`]: writing a batch of events, and reading them back
//!   (`for_each_comment` for export, `for_each_event` for replay).
//! - `mute.rs`: [`MutedUser`]: the co-host's mute list.
//! - `feedback.rs`: the feedback log (tags on comments) and the run sheet's slot starts.
//! - `flag_counts.rs`: [`FlagCount`]: how often each entry was flagged, in which spellings.
//! - `gaps.rs`: [`Gap`]: the periods a live's sources were all down (comments may be missing).
//! - `hub.rs`: [`HubEvent`], [`HubMark`]: the device id and the events numbered for the agency hub.
//! - `search.rs`: [`SearchHit`]: full-text search (FTS5) over comments, nicknames and notes.
//! - `report.rs`: the SQL behind the reports ([`RawReport`]); `crate::report` shapes it.
//! - `backup.rs`: consistent copies with SQLite's online backup API, and the daily rotation.
//! - `writer.rs`: [`ArchiveWriter`], the single writer thread.

mod backup;
mod events;
mod feedback;
mod flag_counts;
mod gaps;
mod hub;
mod migrations;
mod mute;
mod open;
mod report;
mod search;
mod sessions;
mod writer;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use backup::{daily_backup_path, prune_daily_backups};
pub use events::ArchivedComment;
pub use feedback::TaggedComment;
pub use flag_counts::FlagCount;
pub use gaps::Gap;
pub use hub::{HubEvent, HubMark};
pub use migrations::SCHEMA_VERSION;
pub use mute::MutedUser;
pub use report::{LiveSummary, Lives, RawFlashSale, RawLive, RawReport};
pub use search::{MAX_SEARCH_HITS, SearchHit};
pub use sessions::LiveSession;
pub use writer::{ArchiveWriter, WriterReport};

/// How a drop ended, as the archive's `flash_sales.end_reason` says it (`expired`, `closed`) and
/// every front end and report reads it, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FlashSaleEnd {
    /// Its window ran out.
    Expired,
    /// Someone closed it (sold out, wrong product, the host moved on).
    Closed,
}

impl FlashSaleEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            FlashSaleEnd::Expired => "expired",
            FlashSaleEnd::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<FlashSaleEnd> {
        match text {
            "expired" => Some(FlashSaleEnd::Expired),
            "closed" => Some(FlashSaleEnd::Closed),
            _ => None,
        }
    }
}

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
    #[error(
        "{path}: this SQLite database belongs to another program (it has tables but no Pandu schema); \
         it was left untouched — pick another file or start a new archive"
    )]
    Foreign { path: PathBuf },
    #[error(
        "{path}: the archive is damaged (SQLite: \"{detail}\"); it was left untouched — restore a backup \
         or start a new archive"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: no archive here")]
    Missing { path: PathBuf },
    #[error("{path}: no live session {session} in this archive")]
    NoSuchSession { path: PathBuf, session: i64 },
    /// A file-system error; `doing` says what the store was doing, e.g. "creating the folder".
    #[error("{path}: {doing}: {source}")]
    Io { path: PathBuf, doing: &'static str, source: std::io::Error },
    /// An SQLite error; `doing` says what the store was doing, e.g. "reading the mute list".
    #[error("{path}: {doing}: {source}")]
    Sqlite { path: PathBuf, doing: &'static str, source: rusqlite::Error },
}

/// An open archive file.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

impl Archive {
    /// The file this archive lives in (`:memory:` for in-memory ones).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for a capability that keeps the queries of its own tables beside its
    /// types (the clock's, in `clock/archive.rs`), so the store needs none of them. Errors go
    /// through [`Context`].
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// The store's one way of turning a low-level error into a [`StoreError`]: with the file it
/// concerns and what the store was doing, as in `.context(&self.path, "reading the mute list")`.
pub(crate) trait Context<T> {
    fn context(self, path: &Path, doing: &'static str) -> Result<T, StoreError>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    /// SQLite's "file is not a database" becomes [`StoreError::NotSqlite`] and "disk image is
    /// malformed" [`StoreError::Corrupt`], whatever the job.
    fn context(self, path: &Path, doing: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite { path: path.to_path_buf() },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path: path.to_path_buf(), detail: source.to_string() }
            }
            _ => StoreError::Sqlite { path: path.to_path_buf(), doing, source },
        })
    }
}

impl<T> Context<T> for std::io::Result<T> {
    fn context(self, path: &Path, doing: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Io { path: path.to_path_buf(), doing, source })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::event::{Comment, EventKind, FollowRole, LiveEvent, User};

    /// A comment by a moderator who is a friend of the host, for the store's tests.
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
                suggested: None,
                banner: None,
                finding: None,
            }),
        }
    }

    #[test]
    fn an_sqlite_error_names_the_file_and_the_job() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        let archive = Archive::open(&path).unwrap();
        archive.conn.execute_batch("PRAGMA query_only = ON").unwrap();
        let error = archive.mute("sari", "Sari", 1).unwrap_err();
        assert!(matches!(error, StoreError::Sqlite { doing: "adding to the mute list", .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.starts_with(&format!("{}: adding to the mute list: ", path.display())), "{message}");
    }

    #[test]
    fn an_io_error_names_the_file_and_the_job() {
        let path = Path::new("/no/such/folder/pandu.db");
        let error = std::fs::read(path).context(path, "reading the header").unwrap_err();
        assert!(error.to_string().starts_with("/no/such/folder/pandu.db: reading the header: "), "{error}");
    }

    #[test]
    fn not_a_database_becomes_not_sqlite_whatever_the_job() {
        let path = Path::new("x.db");
        let refused: rusqlite::Result<()> =
            Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB), None));
        assert!(matches!(refused.context(path, "listing sessions"), Err(StoreError::NotSqlite { .. })));
    }
}
