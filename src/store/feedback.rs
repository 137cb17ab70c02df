//! The feedback log: tagging comments, changing and removing tags, marking questions answered,
//! and the run sheet's slot starts (the reports' markers).

use rusqlite::{OptionalExtension, Row, params};

use super::{Archive, Context, StoreError};
use crate::event::FeedbackKind;
use crate::event::Timestamp;
use crate::feedback::{FeedbackEntry, FeedbackFilter, FeedbackPatch};

/// The comment a tag is about, as the tag keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedComment {
    pub session: Option<i64>,
    pub msg_id: String,
    pub ts: Timestamp,
    pub unique_id: String,
    pub nickname: String,
    pub text: String,
}

pub(super) const FEEDBACK_COLUMNS: &str = "id, session_id, msg_id, comment_ts, unique_id, nickname, text, kind, product, \
                                           note, created_at, answered_at, answer, missing";

/// Reads a row selected with [`FEEDBACK_COLUMNS`].
pub(super) fn read_feedback(row: &Row<'_>) -> rusqlite::Result<FeedbackEntry> {
    let kind: String = row.get(7)?;
    Ok(FeedbackEntry {
        id: row.get(0)?,
        session: row.get(1)?,
        comment_id: row.get(2)?,
        comment_ts: row.get(3)?,
        unique_id: row.get(4)?,
        nickname: row.get(5)?,
        text: row.get(6)?,
        kind: kind.parse().map_err(|message: String| {
            rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, message.into())
        })?,
        product: row.get(8)?,
        note: row.get(9)?,
        created_at: row.get(10)?,
        answered_at: row.get(11)?,
        answer: row.get(12)?,
        missing: row.get::<_, String>(13)?.split(',').filter(|key| !key.is_empty()).map(str::to_string).collect(),
    })
}

impl Archive {
    /// Tags `comment` as `kind`; tagging a comment again replaces its tag (kind, product,
    /// note) and keeps when it was first tagged.
    pub fn tag_comment(
        &self,
        comment: &TaggedComment,
        kind: FeedbackKind,
        product: Option<&str>,
        note: &str,
        at: Timestamp,
    ) -> Result<FeedbackEntry, StoreError> {
        const DOING: &str = "tagging a comment";
        self.conn
            .query_row(
                &format!(
                    "INSERT INTO feedback (session_id, msg_id, comment_ts, unique_id, nickname, text, kind, product, note,
                                       created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
                 ON CONFLICT (session_id, msg_id) DO UPDATE SET
                     kind = excluded.kind, product = excluded.product, note = excluded.note,
                     updated_at = excluded.updated_at
                 RETURNING {FEEDBACK_COLUMNS}"
                ),
                params![
                    comment.session,
                    comment.msg_id,
                    comment.ts,
                    comment.unique_id,
                    comment.nickname,
                    comment.text,
                    kind.as_str(),
                    product,
                    note,
                    at
                ],
                read_feedback,
            )
            .context(&self.path, DOING)
    }

    /// The tag `id`, if there is one.
    fn feedback_entry(&self, id: i64) -> Result<Option<FeedbackEntry>, StoreError> {
        self.conn
            .query_row(&format!("SELECT {FEEDBACK_COLUMNS} FROM feedback WHERE id = ?1"), [id], read_feedback)
            .optional()
            .context(&self.path, "reading a tag")
    }

    /// The tags `filter` picks, oldest comment first.
    pub fn feedback(&self, filter: &FeedbackFilter) -> Result<Vec<FeedbackEntry>, StoreError> {
        const DOING: &str = "reading the feedback log";
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FEEDBACK_COLUMNS} FROM feedback
                 WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR session_id = ?2)
                   AND (?3 IS NULL OR (answered_at IS NOT NULL) = ?3)
                 ORDER BY comment_ts, id"
            ))
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map(params![filter.kind.map(FeedbackKind::as_str), filter.session, filter.answered], read_feedback)
            .context(&self.path, DOING)?;
        rows.collect::<Result<_, _>>().context(&self.path, DOING)
    }

    /// Changes the tag `id` as `patch` says; `None` if there is no such tag.
    pub fn update_feedback(
        &self,
        id: i64,
        patch: &FeedbackPatch,
        at: Timestamp,
    ) -> Result<Option<FeedbackEntry>, StoreError> {
        let answered_at = patch.answered.map(|answered| answered.then_some(at));
        let product = patch.product.as_deref().map(|product| Some(product).filter(|p| !p.trim().is_empty()));
        let changed = self
            .conn
            .execute(
                "UPDATE feedback SET
                     kind = COALESCE(?2, kind),
                     note = COALESCE(?3, note),
                     product = CASE WHEN ?4 THEN ?5 ELSE product END,
                     answered_at = CASE WHEN ?6 THEN ?7 ELSE answered_at END,
                     updated_at = ?8,
                     answer = CASE WHEN ?9 THEN ?10 ELSE answer END,
                     missing = COALESCE(?11, missing)
                 WHERE id = ?1",
                params![
                    id,
                    patch.kind.map(FeedbackKind::as_str),
                    patch.note,
                    product.is_some(),
                    product.flatten(),
                    answered_at.is_some(),
                    answered_at.flatten(),
                    at,
                    patch.answer.is_some(),
                    patch.answer.as_deref().map(str::trim).filter(|answer| !answer.is_empty()),
                    patch.missing.as_ref().map(|missing| missing.join(",")),
                ],
            )
            .context(&self.path, "changing a tag")?;
        if changed == 0 { Ok(None) } else { self.feedback_entry(id) }
    }

    /// Removes the tag `id`; `false` if there was none.
    pub fn delete_feedback(&self, id: i64) -> Result<bool, StoreError> {
        let removed =
            self.conn.execute("DELETE FROM feedback WHERE id = ?1", [id]).context(&self.path, "removing a tag")?;
        Ok(removed > 0)
    }

    /// Notes that the run sheet's slot `slot` (about `product`) started at `at`.
    pub fn log_slot_start(
        &self,
        session: Option<i64>,
        slot: usize,
        product: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO slot_starts (session_id, started_at, slot, product) VALUES (?1, ?2, ?3, ?4)",
                params![session, at, slot as i64, product],
            )
            .context(&self.path, "logging a slot's start")?;
        Ok(())
    }

    /// The archived comment `msg_id`: of `session`, else the latest one by that id in any
    /// session.
    pub fn find_comment(&self, session: Option<i64>, msg_id: &str) -> Result<Option<TaggedComment>, StoreError> {
        self.conn
            .query_row(
                "SELECT session_id, msg_id, ts, unique_id, nickname, text FROM comments
                 WHERE msg_id = ?2 AND (?1 IS NULL OR session_id = ?1)
                 ORDER BY session_id DESC LIMIT 1",
                params![session, msg_id],
                |row| {
                    Ok(TaggedComment {
                        session: row.get(0)?,
                        msg_id: row.get(1)?,
                        ts: row.get(2)?,
                        unique_id: row.get(3)?,
                        nickname: row.get(4)?,
                        text: row.get(5)?,
                    })
                },
            )
            .optional()
            .context(&self.path, "finding a comment")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(session: i64, msg_id: &str, text: &str) -> TaggedComment {
        TaggedComment {
            session: Some(session),
            msg_id: msg_id.into(),
            ts: 1_000,
            unique_id: "sari".into(),
            nickname: "Sari 🌸".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_comment_is_tagged_once_and_tagging_again_changes_the_tag() {
        let archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let first = archive
            .tag_comment(&comment(session, "m1", "ukuran L ada?"), FeedbackKind::Question, Some("Gamis"), "", 10)
            .unwrap();
        assert_eq!(
            (first.kind, first.product.as_deref(), first.created_at),
            (FeedbackKind::Question, Some("Gamis"), 10)
        );
        let again = archive
            .tag_comment(&comment(session, "m1", "ukuran L ada?"), FeedbackKind::Request, None, "stok L", 20)
            .unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(
            (again.kind, again.product, again.note.as_str(), again.created_at),
            (FeedbackKind::Request, None, "stok L", 10)
        );
        assert_eq!(archive.feedback(&FeedbackFilter::default()).unwrap().len(), 1);
    }

    #[test]
    fn the_log_is_filtered_by_kind_session_and_answered() {
        let archive = Archive::open_in_memory().unwrap();
        let one = archive.begin_session("demo", 1).unwrap();
        let two = archive.begin_session("demo", 2).unwrap();
        let q1 = archive.tag_comment(&comment(one, "a", "ready kak?"), FeedbackKind::Question, None, "", 1).unwrap();
        archive.tag_comment(&comment(one, "b", "paket belum sampai"), FeedbackKind::Complaint, None, "", 1).unwrap();
        archive.tag_comment(&comment(two, "c", "berapa ongkirnya"), FeedbackKind::Question, None, "", 1).unwrap();
        archive.update_feedback(q1.id, &FeedbackPatch { answered: Some(true), ..Default::default() }, 5).unwrap();

        let ids = |filter: FeedbackFilter| -> Vec<String> {
            archive.feedback(&filter).unwrap().into_iter().map(|entry| entry.comment_id).collect()
        };
        assert_eq!(ids(FeedbackFilter { kind: Some(FeedbackKind::Question), ..Default::default() }), ["a", "c"]);
        assert_eq!(ids(FeedbackFilter { session: Some(one), ..Default::default() }), ["a", "b"]);
        assert_eq!(
            ids(FeedbackFilter { kind: Some(FeedbackKind::Question), answered: Some(false), ..Default::default() }),
            ["c"]
        );
        assert_eq!(ids(FeedbackFilter { answered: Some(true), ..Default::default() }), ["a"]);
    }

    #[test]
    fn a_patch_changes_only_what_it_names_and_an_empty_product_clears_it() {
        let archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let entry = archive
            .tag_comment(&comment(session, "a", "ready kak?"), FeedbackKind::Question, Some("Gamis"), "x", 1)
            .unwrap();
        let patched = archive
            .update_feedback(entry.id, &FeedbackPatch { note: Some("ditanya 3x".into()), ..Default::default() }, 2)
            .unwrap()
            .unwrap();
        assert_eq!(
            (patched.note.as_str(), patched.product.as_deref(), patched.kind),
            ("ditanya 3x", Some("Gamis"), FeedbackKind::Question)
        );
        let answered = archive
            .update_feedback(
                entry.id,
                &FeedbackPatch { answered: Some(true), product: Some(" ".into()), ..Default::default() },
                3,
            )
            .unwrap()
            .unwrap();
        assert_eq!((answered.answered_at, answered.product), (Some(3), None));
        let reopened = archive
            .update_feedback(entry.id, &FeedbackPatch { answered: Some(false), ..Default::default() }, 4)
            .unwrap()
            .unwrap();
        assert_eq!(reopened.answered_at, None);
        assert_eq!(archive.update_feedback(999, &FeedbackPatch::default(), 5).unwrap(), None);
        assert!(archive.delete_feedback(entry.id).unwrap());
        assert!(!archive.delete_feedback(entry.id).unwrap());
    }

    #[test]
    fn a_comment_is_found_in_its_session_or_the_latest_one() {
        let mut archive = Archive::open_in_memory().unwrap();
        let one = archive.begin_session("demo", 1).unwrap();
        let two = archive.begin_session("demo", 2).unwrap();
        archive.insert_batch(one, &[crate::store::tests::comment("m1", "di sesi satu")]).unwrap();
        archive.insert_batch(two, &[crate::store::tests::comment("m1", "di sesi dua")]).unwrap();
        assert_eq!(archive.find_comment(Some(one), "m1").unwrap().unwrap().text, "di sesi satu");
        assert_eq!(archive.find_comment(None, "m1").unwrap().unwrap().text, "di sesi dua");
        assert_eq!(archive.find_comment(None, "nope").unwrap(), None);
    }
}
