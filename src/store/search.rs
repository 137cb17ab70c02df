//! Full-text search over every live: comment text and nicknames (`comments_fts`) and the
//! co-host's notes (`feedback_fts`), both SQLite FTS5 indexes: comments added by the archive's
//! writer once per batch (`Archive::insert_batch`), notes and every deletion by triggers.
//!
//! What a person types is never FTS5 syntax: each word (a run of letters and digits, as the
//! tokenizer reads text) becomes a quoted prefix term (`"ongkir"*` finds "ongkirnya"), all of
//! them required, so `"`, `*`, `-` or `OR` in a query are just separators or words.
//! Diacritics are folded (`unicode61 remove_diacritics 2`), so "cafe" finds "café".

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::{Archive, Context, StoreError};
use crate::event::FeedbackKind;
use crate::event::Timestamp;

/// The most hits one search returns, newest first.
pub const MAX_SEARCH_HITS: usize = 500;

/// A comment a search found, with its tag when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub session: i64,
    pub comment_id: String,
    #[ts(type = "number")]
    pub ts: Timestamp,
    pub unique_id: String,
    pub nickname: String,
    pub text: String,
    #[ts(type = "number | null")]
    pub feedback_id: Option<i64>,
    pub kind: Option<FeedbackKind>,
    pub note: Option<String>,
}

/// `query` as an FTS5 expression: every word a quoted prefix term. `None` when it has no word.
///
/// Words are split as the index's tokenizer splits text (runs of letters and digits), so each
/// term is one token: the index keeps no positions (`detail = none`), which rules out phrases,
/// and `50rb-an` must not become one.
fn fts_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

impl Archive {
    /// The newest comments (at most `limit`, up to [`MAX_SEARCH_HITS`]) whose text or nickname,
    /// or whose tag's note, has every word of `query` (as a word or the start of one).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        const DOING: &str = "searching the archive";
        let Some(expression) = fts_expression(query) else { return Ok(vec![]) };
        let limit = limit.clamp(1, MAX_SEARCH_HITS) as i64;
        // Comments by text or nickname, newest first straight from the index (FTS5 walks rowids
        // backwards for ORDER BY rowid DESC), then tags whose note matches; merged by time.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT * FROM (
                     SELECT c.session_id, c.msg_id, c.ts, c.unique_id, c.nickname, c.text, f.id, f.kind, f.note
                     FROM (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2) hit
                     JOIN comments c ON c.id = hit.rowid
                     LEFT JOIN feedback f ON f.session_id = c.session_id AND f.msg_id = c.msg_id
                   UNION
                     SELECT f.session_id, f.msg_id, f.comment_ts, f.unique_id, f.nickname, f.text, f.id, f.kind, f.note
                     FROM (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2) hit
                     JOIN feedback f ON f.id = hit.rowid
                     WHERE f.session_id IS NOT NULL
                 ) ORDER BY ts DESC LIMIT ?2",
            )
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map(params![expression, limit], |row| {
                let kind: Option<String> = row.get(7)?;
                Ok(SearchHit {
                    session: row.get(0)?,
                    comment_id: row.get(1)?,
                    ts: row.get(2)?,
                    unique_id: row.get(3)?,
                    nickname: row.get(4)?,
                    text: row.get(5)?,
                    feedback_id: row.get(6)?,
                    kind: kind.and_then(|kind| kind.parse().ok()),
                    note: row.get(8)?,
                })
            })
            .context(&self.path, DOING)?;
        rows.collect::<Result<_, _>>().context(&self.path, DOING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventKind, LiveEvent};
    use crate::store::feedback::TaggedComment;

    fn said(id: &str, ts: i64, nickname: &str, text: &str) -> LiveEvent {
        let mut event = crate::store::tests::comment(id, text);
        event.ts = ts;
        if let EventKind::Comment(comment) = &mut event.kind {
            comment.user.nickname = nickname.into();
        }
        event
    }

    fn searched(archive: &Archive, query: &str) -> Vec<String> {
        archive.search(query, 100).unwrap().into_iter().map(|hit| hit.comment_id).collect()
    }

    #[test]
    fn words_match_as_prefixes_in_text_and_nicknames_newest_first() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive
            .insert_batch(
                session,
                &[
                    said("a", 1, "Dewi", "berapa ongkirnya ke Medan kak?"),
                    said("b", 2, "Rina", "ongkir mahal bgt 😭"),
                    said("c", 3, "Ongky", "ready kak?"),
                    said("d", 4, "Sari", "paket belum sampai"),
                ],
            )
            .unwrap();
        assert_eq!(searched(&archive, "ongk"), ["c", "b", "a"]);
        assert_eq!(searched(&archive, "ONGKIR medan"), ["a"], "every word is needed, case aside");
        assert_eq!(searched(&archive, "sampai"), ["d"]);
        assert!(searched(&archive, "   ").is_empty());
    }

    #[test]
    fn fts_syntax_in_a_query_is_plain_text() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.insert_batch(session, &[said("a", 1, "Dewi", "harga 50\"rb* OR NOT kak")]).unwrap();
        for query in ["\"", "OR", "NOT kak", "50\"rb*", "a:b", "(", "-x", "^"] {
            archive.search(query, 10).unwrap_or_else(|error| panic!("{query}: {error}"));
        }
        assert_eq!(searched(&archive, "NOT kak"), ["a"]);
    }

    #[test]
    fn a_tags_note_finds_its_comment_and_hits_carry_their_tag() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive
            .insert_batch(session, &[said("a", 1, "Dewi", "kok belum dikirim"), said("b", 2, "Rina", "halo")])
            .unwrap();
        let tagged = TaggedComment {
            session: Some(session),
            msg_id: "a".into(),
            ts: 1,
            unique_id: "dewi".into(),
            nickname: "Dewi".into(),
            text: "kok belum dikirim".into(),
        };
        let entry = archive.tag_comment(&tagged, FeedbackKind::Complaint, None, "ekspedisi telat", 5).unwrap();
        let hits = archive.search("ekspedisi", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].comment_id.as_str(), hits[0].feedback_id, hits[0].kind),
            ("a", Some(entry.id), Some(FeedbackKind::Complaint))
        );
        assert_eq!(searched(&archive, "dikirim"), ["a"], "the comment once, though its tag matches too");
        // A changed note is found by its new words only.
        archive
            .update_feedback(
                entry.id,
                &crate::feedback::FeedbackPatch { note: Some("kurir hilang".into()), ..Default::default() },
                6,
            )
            .unwrap();
        assert!(searched(&archive, "ekspedisi").is_empty());
        assert_eq!(searched(&archive, "kurir"), ["a"]);
    }

    /// FTS5's own check that the index holds exactly the rows of `comments` (rank 1: against
    /// the content table too).
    fn assert_index_matches_comments(archive: &Archive) {
        archive
            .conn
            .execute("INSERT INTO comments_fts (comments_fts, rank) VALUES ('integrity-check', 1)", [])
            .unwrap_or_else(|error| panic!("the search index differs from the comments: {error}"));
    }

    /// Deletes a live with its comments (the app never does; a person with `sqlite3` may).
    fn delete_live(archive: &Archive, session: i64) {
        archive.conn.execute("DELETE FROM live_sessions WHERE id = ?1", [session]).unwrap();
    }

    #[test]
    fn every_batch_joins_the_index_and_deleted_lives_leave_it() {
        let mut archive = Archive::open_in_memory().unwrap();
        let first = archive.begin_session("demo", 1).unwrap();
        archive
            .insert_batch(first, &[said("a", 1, "Dewi", "ongkir medan"), said("b", 2, "Rina", "ongkir jakarta")])
            .unwrap();
        // A re-delivered comment (ignored), a new one and an event that is no comment.
        let mut viewers = said("v", 3, "x", "");
        viewers.kind = EventKind::ViewerCount { count: 12 };
        archive
            .insert_batch(
                first,
                &[said("b", 2, "Rina", "ongkir jakarta"), said("c", 4, "Sari", "ongkir bali"), viewers],
            )
            .unwrap();
        let second = archive.begin_session("demo", 5).unwrap();
        archive.insert_batch(second, &[said("d", 6, "Ongky", "ready kak?")]).unwrap();
        assert_eq!(searched(&archive, "ongk"), ["d", "c", "b", "a"]);
        assert_index_matches_comments(&archive);

        delete_live(&archive, first);
        assert_eq!(searched(&archive, "ongk"), ["d"]);
        assert_index_matches_comments(&archive);
        // Ids after a deletion of the newest rows are handed out again: still indexed once each.
        delete_live(&archive, second);
        let third = archive.begin_session("demo", 7).unwrap();
        archive.insert_batch(third, &[said("e", 8, "Dewi", "ongkir papua")]).unwrap();
        assert_eq!(searched(&archive, "ongkir"), ["e"]);
        assert_index_matches_comments(&archive);
    }

    #[test]
    fn a_batch_that_fails_midway_leaves_neither_its_comments_nor_their_index_entries() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        // The disk "fails" on the batch's last event, after its comments were written.
        archive
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER refuse BEFORE INSERT ON events WHEN new.msg_id = 'boom'
                 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;",
            )
            .unwrap();
        let mut boom = said("boom", 3, "x", "");
        boom.kind = EventKind::ViewerCount { count: 1 };
        let error = archive.insert_batch(session, &[said("a", 1, "Dewi", "ongkir medan"), boom]).unwrap_err();
        assert!(error.to_string().contains("disk I/O error"), "{error}");
        assert!(searched(&archive, "ongkir").is_empty());
        assert_index_matches_comments(&archive);
        // The retry, as the writer makes it, stores and indexes it once.
        archive.insert_batch(session, &[said("a", 1, "Dewi", "ongkir medan")]).unwrap();
        assert_eq!(searched(&archive, "ongkir"), ["a"]);
        assert_index_matches_comments(&archive);
    }

    #[test]
    fn an_archive_indexed_by_the_old_trigger_keeps_its_index_right_after_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        {
            // Schema v5: comments indexed by a trigger per row.
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            for (index, sql) in super::super::migrations::MIGRATIONS.iter().enumerate().take(5) {
                let tx = conn.transaction().unwrap();
                tx.execute_batch(sql).unwrap();
                tx.pragma_update(None, "user_version", index as i64 + 1).unwrap();
                tx.commit().unwrap();
            }
            conn.execute_batch(
                "INSERT INTO live_sessions (id, source, started_at) VALUES (1, 'demo', 1);
                 INSERT INTO comments (session_id, msg_id, ts, source, user_id, unique_id, nickname, is_moderator,
                                       follow_role, text)
                 VALUES (1, 'old', 1, 'demo', '1', 'dewi', 'Dewi', 0, 'none', 'ongkir lama');",
            )
            .unwrap();
        }
        let mut archive = Archive::open(&path).unwrap();
        archive.insert_batch(1, &[said("new", 2, "Rina", "ongkir baru")]).unwrap();
        assert_eq!(searched(&archive, "ongkir"), ["new", "old"]);
        assert_index_matches_comments(&archive);
    }
}
