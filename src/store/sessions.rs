//! Live sessions: one row per time a source was started, with its comment count.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Archive, Context, StoreError};
use crate::event::Timestamp;

/// A live session as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LiveSession {
    #[ts(type = "number")]
    pub id: i64,
    pub source: String,
    #[ts(type = "number")]
    pub started_at: Timestamp,
    #[ts(type = "number | null")]
    pub ended_at: Option<Timestamp>,
    #[ts(type = "number")]
    pub comments: u64,
}

impl Archive {
    /// Records the start of a live session and returns its id.
    pub fn begin_session(&self, source: &str, started_at: Timestamp) -> Result<i64, StoreError> {
        self.conn
            .execute("INSERT INTO live_sessions (source, started_at) VALUES (?1, ?2)", params![source, started_at])
            .context(&self.path, "recording the start of a live session")?;
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
                       AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = ?1)
                       AND NOT EXISTS (SELECT 1 FROM flash_sales WHERE session_id = ?1)",
                    params![session],
                )?;
                tx.execute("UPDATE live_sessions SET ended_at = ?2 WHERE id = ?1", params![session, ended_at])?;
                tx.commit()
            })
            .context(&self.path, "recording the end of a live session")
    }

    /// Every live session, oldest first, with its comment count.
    pub fn sessions(&self) -> Result<Vec<LiveSession>, StoreError> {
        self.sessions_where(None)
    }

    /// The live session `session`.
    pub fn session(&self, session: i64) -> Result<LiveSession, StoreError> {
        self.sessions_where(Some(session))?
            .pop()
            .ok_or_else(|| StoreError::NoSuchSession { path: self.path.clone(), session })
    }

    fn sessions_where(&self, session: Option<i64>) -> Result<Vec<LiveSession>, StoreError> {
        self.conn
            .prepare(
                "SELECT s.id, s.source, s.started_at, s.ended_at,
                        (SELECT COUNT(*) FROM comments c WHERE c.session_id = s.id)
                 FROM live_sessions s WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.id",
            )
            .and_then(|mut stmt| {
                stmt.query_map([session], |row| {
                    Ok(LiveSession {
                        id: row.get(0)?,
                        source: row.get(1)?,
                        started_at: row.get(2)?,
                        ended_at: row.get(3)?,
                        comments: row.get::<_, i64>(4)? as u64,
                    })
                })?
                .collect()
            })
            .context(&self.path, "listing the live sessions")
    }

    /// Fails with [`StoreError::NoSuchSession`] unless `session` is in the archive.
    pub(super) fn require_session(&self, session: i64) -> Result<(), StoreError> {
        let known: Option<i64> = self
            .conn
            .query_row("SELECT id FROM live_sessions WHERE id = ?1", [session], |row| row.get(0))
            .optional()
            .context(&self.path, "looking up a live session")?;
        known.map(drop).ok_or_else(|| StoreError::NoSuchSession { path: self.path.clone(), session })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

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
}
