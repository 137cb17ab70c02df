//! Events: writing a batch in one transaction, and reading comments (for export) or every
//! event of a session (for replay) back out, streamed.

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use super::{Archive, Context, StoreError};
use crate::event::{Comment, EventKind, FollowRole, LiveEvent, Timestamp, User};

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

impl Archive {
    /// Writes `events` to `session` in one transaction and returns how many were new (a message
    /// id already stored for the session is skipped).
    ///
    /// The batch's new comments join the search index (`comments_fts`) in one statement at the
    /// end, in the same transaction: a crash leaves both or neither. Why not a trigger per row
    /// (schema v4 to v5): SQLite opens a statement savepoint on the index for every trigger run,
    /// and FTS5 writes its pending terms out as a new segment at each savepoint, so every comment
    /// became a segment of its own to merge later: about 4× the cost of the insert itself. One
    /// statement per batch writes one segment per batch. New rows are the ones above the
    /// largest id before the batch (`comments.id` is a rowid, never reused below the largest).
    pub fn insert_batch<E: std::borrow::Borrow<LiveEvent>>(
        &mut self,
        session: i64,
        events: &[E],
    ) -> Result<usize, StoreError> {
        const DOING: &str = "writing a batch of events";
        let path = &self.path;
        // Immediate: the write lock is taken (or waited for, `busy_timeout`) at the start, as the
        // first INSERT would; a deferred transaction that read first could not wait for it.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).context(path, DOING)?;
        let mut inserted = 0;
        let mut comments_inserted = 0;
        let last_before: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM comments", [], |row| row.get(0)).context(path, DOING)?;
        {
            let mut comment_stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO comments (session_id, msg_id, ts, source, user_id, unique_id, nickname,
                         avatar_url, is_moderator, follow_role, text, flags)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .context(path, DOING)?;
            let mut event_stmt = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO events (session_id, msg_id, ts, source, type, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .context(path, DOING)?;
            for event in events {
                let event = event.borrow();
                let written = match &event.kind {
                    EventKind::Comment(Comment { user, text, flags, .. }) => comment_stmt.execute(params![
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
                .context(path, DOING)?;
                inserted += written;
                if matches!(event.kind, EventKind::Comment(_)) {
                    comments_inserted += written;
                }
            }
        }
        if comments_inserted > 0 {
            tx.prepare_cached(
                "INSERT INTO comments_fts (rowid, text, nickname) SELECT id, text, nickname FROM comments WHERE id > ?1",
            )
            .and_then(|mut index| index.execute([last_before]))
            .context(path, "adding a batch of comments to the search index")?;
        }
        tx.commit().context(path, DOING)?;
        Ok(inserted)
    }

    /// Calls `visit` with each archived comment, in the order they were archived; of one
    /// session, or of all when `session` is `None`. Streams: memory stays flat however long
    /// the live was. Stops at the first error `visit` returns.
    pub fn for_each_comment<E>(
        &self,
        session: Option<i64>,
        mut visit: impl FnMut(ArchivedComment) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError> {
        const DOING: &str = "reading the archived comments";
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
            .context(&self.path, DOING)?;
        let mut rows = stmt.query([session]).context(&self.path, DOING)?;
        while let Some(row) = rows.next().context(&self.path, DOING)? {
            let comment = read_comment_at(row, 0).context(&self.path, DOING)?;
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
        const DOING: &str = "reading the session's events";
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
            .context(&self.path, DOING)?;
        let mut rows = stmt.query([session]).context(&self.path, DOING)?;
        while let Some(row) = rows.next().context(&self.path, DOING)? {
            let event = read_event(row).context(&self.path, DOING)?;
            if let Err(error) = visit(event) {
                return Ok(Err(error));
            }
        }
        Ok(Ok(()))
    }

    /// How many comments `session` holds (all sessions when `None`).
    #[cfg(test)]
    pub(crate) fn count_comments(&self, session: Option<i64>) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM comments WHERE ?1 IS NULL OR session_id = ?1", [session], |row| {
                row.get::<_, i64>(0)
            })
            .map(|count| count as u64)
            .context(&self.path, "counting comments")
    }
}

/// A comment from a row whose columns, from `first` on, are: msg_id, session_id, ts, source,
/// user_id, unique_id, nickname, avatar_url, is_moderator, follow_role, text, flags.
fn read_comment_at(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ArchivedComment> {
    let follow_role: String = row.get(first + 9)?;
    let flags: String = row.get(first + 11)?;
    let text: String = row.get(first + 10)?;
    let mut flags: Vec<crate::event::Flag> =
        serde_json::from_str(&flags).map_err(|error| json_column_error(first + 11, error))?;
    crate::event::place_utf16(&text, &mut flags);
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
        text,
        flags,
    })
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
            kind: EventKind::Comment({
                let mut read = Comment {
                    user: comment.user,
                    text: comment.text,
                    flags: comment.flags,
                    suggested: None,
                    banner: None,
                    finding: None,
                };
                read.settle();
                read
            }),
        });
    }
    let payload: String = row.get(15)?;
    serde_json::from_str(&payload).map_err(|error| json_column_error(15, error))
}

/// A JSON column that does not parse, as the row error SQLite's own conversions give.
fn json_column_error(column: usize, error: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(error))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Flag;
    use crate::store::tests::comment;

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
                start_utf16: 4,
                end_utf16: 10,
                matched: "sh0pee".into(),
                suggest: Some("aplikasi oren".into()),
                explain: None,
                why: None,
                info: false,
            });
            c.settle();
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
    fn exporting_an_unknown_session_names_it() {
        let archive = Archive::open_in_memory().unwrap();
        let error = archive.for_each_comment(Some(7), |_| Ok::<_, ()>(())).err().unwrap();
        assert!(error.to_string().contains("no live session 7"), "{error}");
    }
}
