//! The SQL behind the reports: what the archive holds about a set of lives, aggregated in
//! SQLite over its indexes. `crate::report` turns it into what a report says (time zones,
//! comparisons, rankings).

use rusqlite::params;

use super::feedback::{FEEDBACK_COLUMNS, read_feedback};
use super::{Archive, Context, FlashSaleEnd, MutedUser, StoreError};
use crate::event::Timestamp;
use crate::feedback::FeedbackEntry;

/// Which lives a report covers: one session, or those that started in `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lives {
    Session(i64),
    StartedBetween(Timestamp, Timestamp),
}

impl Lives {
    fn params(self) -> (Option<i64>, Timestamp, Timestamp) {
        match self {
            Lives::Session(id) => (Some(id), 0, 0),
            Lives::StartedBetween(from, to) => (None, from, to),
        }
    }
}

/// The lives in scope, as a CTE over `?1` (a session id or NULL), `?2` and `?3` (from, to).
const SCOPE: &str = "WITH scope AS (
    SELECT id FROM live_sessions
    WHERE (?1 IS NOT NULL AND id = ?1) OR (?1 IS NULL AND started_at >= ?2 AND started_at < ?3))";

/// A flag (`flag.value` of `json_each`) that is a finding: information-only marks (a
/// context-gated word with no cue near) are shown, never counted.
const RAISED: &str = "COALESCE(json_extract(flag.value, '$.info'), 0) = 0";

/// One live, aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLive {
    pub session: i64,
    pub source: String,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    /// The last comment's or event's time, for a live that never recorded its end.
    pub last_event_at: Option<Timestamp>,
    pub comments: u64,
    pub commenters: u64,
    pub viewers_peak: Option<u32>,
    pub viewers_average: Option<f64>,
    pub feedback: u32,
    /// (minute start, comments), only minutes that had comments, in order.
    pub minutes: Vec<(Timestamp, u32)>,
    /// (when, product) of each drop that opened in the live.
    pub flash_sales: Vec<(Timestamp, String)>,
    /// (when, product) of each run-sheet slot that started in the live.
    pub slots: Vec<(Timestamp, String)>,
    /// The periods no source was delivering, oldest first.
    pub gaps: Vec<super::Gap>,
}

/// A flash sale, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFlashSale {
    pub product: String,
    pub price: String,
    pub stock: Option<u32>,
    pub starts_at: Timestamp,
    pub deadline: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub end_reason: Option<FlashSaleEnd>,
}

/// What the archive holds about the lives in scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawReport {
    pub lives: Vec<RawLive>,
    /// Different commenters over all the lives.
    pub commenters: u64,
    pub viewers_peak: Option<u32>,
    pub viewers_average: Option<f64>,
    /// Comments with any flag.
    pub flagged: u64,
    /// (category, comments), most first.
    pub flagged_by_category: Vec<(String, u64)>,
    pub flash_sales: Vec<RawFlashSale>,
    pub feedback: Vec<FeedbackEntry>,
}

/// A past live, for comparing time slots.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSummary {
    pub started_at: Timestamp,
    pub minutes: f64,
    pub comments: u64,
    pub viewers_average: Option<f64>,
    pub feedback: u32,
}

impl Archive {
    /// Aggregates the lives `lives` picks.
    pub fn report_data(&self, lives: Lives) -> Result<RawReport, StoreError> {
        const DOING: &str = "reading the archive for a report";
        let (session, from, to) = lives.params();
        let path = &self.path;
        let mut raw = RawReport::default();

        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SCOPE}
                 SELECT s.id, s.source, s.started_at, s.ended_at,
                        (SELECT MAX(ts) FROM comments WHERE session_id = s.id),
                        (SELECT MAX(ts) FROM events WHERE session_id = s.id),
                        (SELECT COUNT(*) FROM comments WHERE session_id = s.id),
                        (SELECT COUNT(DISTINCT unique_id) FROM comments WHERE session_id = s.id),
                        (SELECT MAX(json_extract(payload, '$.count')) FROM events
                          WHERE session_id = s.id AND type = 'viewer_count'),
                        (SELECT AVG(json_extract(payload, '$.count')) FROM events
                          WHERE session_id = s.id AND type = 'viewer_count'),
                        (SELECT COUNT(*) FROM feedback WHERE session_id = s.id)
                 FROM live_sessions s JOIN scope ON scope.id = s.id ORDER BY s.started_at, s.id"
            ))
            .context(path, DOING)?;
        let rows = stmt
            .query_map(params![session, from, to], |row| {
                let last_comment: Option<Timestamp> = row.get(4)?;
                let last_event: Option<Timestamp> = row.get(5)?;
                Ok(RawLive {
                    session: row.get(0)?,
                    source: row.get(1)?,
                    started_at: row.get(2)?,
                    ended_at: row.get(3)?,
                    last_event_at: last_comment.max(last_event),
                    comments: row.get::<_, i64>(6)? as u64,
                    commenters: row.get::<_, i64>(7)? as u64,
                    viewers_peak: row.get::<_, Option<i64>>(8)?.map(|n| n.clamp(0, u32::MAX as i64) as u32),
                    viewers_average: row.get(9)?,
                    feedback: row.get::<_, i64>(10)? as u32,
                    minutes: vec![],
                    flash_sales: vec![],
                    slots: vec![],
                    gaps: vec![],
                })
            })
            .context(path, DOING)?;
        raw.lives = rows.collect::<Result<_, _>>().context(path, DOING)?;

        for live in &mut raw.lives {
            let (conn, session) = (&self.conn, live.session);
            live.minutes = pairs_of_live(
                conn,
                "SELECT ts / 60000 * 60000 AS minute, COUNT(*) FROM comments WHERE session_id = ?1
                 GROUP BY minute ORDER BY minute",
                session,
            )
            .context(path, DOING)?;
            let sales = "SELECT starts_at, product FROM flash_sales WHERE session_id = ?1 ORDER BY starts_at";
            live.flash_sales = pairs_of_live(conn, sales, session).context(path, DOING)?;
            let slots = "SELECT started_at, product FROM slot_starts WHERE session_id = ?1 ORDER BY started_at";
            live.slots = pairs_of_live(conn, slots, session).context(path, DOING)?;
            live.gaps = self.gaps(Some(session))?;
        }

        let (commenters, viewers_peak, viewers_average, flagged) = self
            .conn
            .query_row(
                &format!(
                    "{SCOPE}
                     SELECT (SELECT COUNT(DISTINCT unique_id) FROM comments WHERE session_id IN scope),
                            (SELECT MAX(json_extract(payload, '$.count')) FROM events
                              WHERE session_id IN scope AND type = 'viewer_count'),
                            (SELECT AVG(json_extract(payload, '$.count')) FROM events
                              WHERE session_id IN scope AND type = 'viewer_count'),
                            (SELECT COUNT(*) FROM comments c WHERE session_id IN scope AND flags != '[]'
                              AND EXISTS (SELECT 1 FROM json_each(c.flags) AS flag WHERE {RAISED}))"
                ),
                params![session, from, to],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)? as u64,
                        row.get::<_, Option<i64>>(1)?.map(|n| n.clamp(0, u32::MAX as i64) as u32),
                        row.get::<_, Option<f64>>(2)?,
                        row.get::<_, i64>(3)? as u64,
                    ))
                },
            )
            .context(path, DOING)?;
        (raw.commenters, raw.viewers_peak, raw.viewers_average, raw.flagged) =
            (commenters, viewers_peak, viewers_average, flagged);

        let mut categories = self
            .conn
            .prepare(&format!(
                "{SCOPE}
                 SELECT category, COUNT(*) AS n FROM (
                     SELECT DISTINCT c.id, COALESCE(json_extract(flag.value, '$.category.custom'), json_extract(flag.value, '$.category')) AS category
                     FROM comments c, json_each(c.flags) AS flag
                     WHERE c.session_id IN scope AND c.flags != '[]' AND {RAISED})
                 GROUP BY category ORDER BY n DESC, category"
            ))
            .context(path, DOING)?;
        raw.flagged_by_category = categories
            .query_map(params![session, from, to], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))
            .context(path, DOING)?
            .collect::<Result<_, _>>()
            .context(path, DOING)?;

        let mut sales = self
            .conn
            .prepare(&format!(
                "{SCOPE}
                 SELECT product, price, stock, starts_at, deadline, ended_at, end_reason FROM flash_sales
                 WHERE session_id IN scope ORDER BY starts_at"
            ))
            .context(path, DOING)?;
        raw.flash_sales = sales
            .query_map(params![session, from, to], |row| {
                Ok(RawFlashSale {
                    product: row.get(0)?,
                    price: row.get(1)?,
                    stock: row.get(2)?,
                    starts_at: row.get(3)?,
                    deadline: row.get(4)?,
                    ended_at: row.get(5)?,
                    end_reason: row.get::<_, Option<String>>(6)?.as_deref().and_then(FlashSaleEnd::parse),
                })
            })
            .context(path, DOING)?
            .collect::<Result<_, _>>()
            .context(path, DOING)?;

        raw.feedback = self.feedback_in(lives)?;
        Ok(raw)
    }

    /// Every tag on the lives `lives` picks, oldest comment first.
    pub fn feedback_in(&self, lives: Lives) -> Result<Vec<FeedbackEntry>, StoreError> {
        const DOING: &str = "reading the feedback log for a report";
        let (session, from, to) = lives.params();
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SCOPE}
                 SELECT {FEEDBACK_COLUMNS} FROM feedback WHERE session_id IN scope ORDER BY comment_ts, id"
            ))
            .context(&self.path, DOING)?;
        let rows = stmt.query_map(params![session, from, to], read_feedback).context(&self.path, DOING)?;
        rows.collect::<Result<_, _>>().context(&self.path, DOING)
    }

    /// Users put on the mute list in `[from, to)`.
    pub fn muted_between(&self, from: Timestamp, to: Timestamp) -> Result<Vec<MutedUser>, StoreError> {
        Ok(self.muted_users()?.into_iter().filter(|user| (from..to).contains(&user.muted_at)).collect())
    }

    /// Every live that started before `before`, summarised, for comparing time slots.
    pub fn live_summaries(&self, before: Timestamp) -> Result<Vec<LiveSummary>, StoreError> {
        const DOING: &str = "comparing past lives";
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.started_at,
                        COALESCE(s.ended_at, (SELECT MAX(ts) FROM comments WHERE session_id = s.id), s.started_at),
                        (SELECT COUNT(*) FROM comments WHERE session_id = s.id),
                        (SELECT AVG(json_extract(payload, '$.count')) FROM events
                          WHERE session_id = s.id AND type = 'viewer_count'),
                        (SELECT COUNT(*) FROM feedback WHERE session_id = s.id)
                 FROM live_sessions s WHERE s.started_at < ?1 ORDER BY s.started_at",
            )
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map([before], |row| {
                let started_at: Timestamp = row.get(0)?;
                let ended_at: Timestamp = row.get(1)?;
                Ok(LiveSummary {
                    started_at,
                    minutes: (ended_at - started_at).max(0) as f64 / 60_000.0,
                    comments: row.get::<_, i64>(2)? as u64,
                    viewers_average: row.get(3)?,
                    feedback: row.get::<_, i64>(4)? as u32,
                })
            })
            .context(&self.path, DOING)?;
        rows.collect::<Result<_, _>>().context(&self.path, DOING)
    }
}

/// The (first column, second column) rows `sql` reads for one live (`?1`).
fn pairs_of_live<A: rusqlite::types::FromSql, B: rusqlite::types::FromSql>(
    conn: &rusqlite::Connection,
    sql: &str,
    session: i64,
) -> rusqlite::Result<Vec<(A, B)>> {
    conn.prepare_cached(sql)?.query_map([session], |row| Ok((row.get(0)?, row.get(1)?)))?.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventKind;
    use crate::moderation::lexicon::{Lexicon, Surface};
    use crate::moderation::matcher::Matcher;
    use crate::store::tests::comment;

    #[test]
    fn information_only_marks_are_not_counted_as_flagged() {
        let matcher = Matcher::new(
            &Lexicon::parse(
                "[cues]\nnear = [\"slot\"]\n\
                 [[term]]\ntext = \"gacor\"\ncategory = \"gambling\"\n\
                 context = { cues = \"near\", within = 2, otherwise = \"info\" }\n",
                "test",
            )
            .unwrap(),
        );
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 10).unwrap();
        let batch: Vec<_> = [("a", "suaranya gacor kak"), ("b", "slot gacor maxwin"), ("c", "halo")]
            .into_iter()
            .map(|(id, text)| {
                let mut event = comment(id, text);
                if let EventKind::Comment(c) = &mut event.kind {
                    c.flags = matcher.scan(text, Surface::Comments);
                }
                event
            })
            .collect();
        assert!(batch[0].as_comment().unwrap().flags[0].info, "the mark is there");
        archive.insert_batch(session, &batch).unwrap();
        let report = archive.report_data(Lives::Session(session)).unwrap();
        assert_eq!(report.flagged, 1, "only the spam with its cue");
        assert_eq!(report.flagged_by_category, [("gambling".to_string(), 1)]);
    }
}
