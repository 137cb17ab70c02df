//! Gaps: the periods a live's sources were all down, when comments may be missing from the
//! archive. The session decides when a gap opens and closes (`crate::session::gaps`); this is
//! where they are kept: written open at once (so a crash still leaves a trace), closed when a
//! source is back or the live ends, and read back for the reports and `pandu export`.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::{Archive, Context, StoreError};
use crate::event::Timestamp;
use crate::ingest::SourceReason;

/// A period of a live when no source was delivering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    /// The live session it belongs to.
    #[ts(type = "number")]
    pub session: i64,
    /// The sources that were down, as their events' `source` reads (several joined by ` + `).
    pub source: String,
    /// When the last delivering source went down, Unix ms.
    #[ts(type = "number")]
    pub start: Timestamp,
    /// When a source was back (or the live ended), Unix ms; `null` while the gap is open.
    #[ts(type = "number | null")]
    pub end: Option<Timestamp>,
    /// `end - start`; `null` while open.
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    /// Why the last source went down.
    pub reason: SourceReason,
}

impl Gap {
    /// A gap of `session`, open when `end` is `None`.
    pub fn new(session: i64, source: String, start: Timestamp, end: Option<Timestamp>, reason: SourceReason) -> Gap {
        Gap { session, source, start, end, duration_ms: end.map(|end| (end - start).max(0)), reason }
    }

    /// The same gap, closed at `end` (never before its start).
    pub fn closed_at(&self, end: Timestamp) -> Gap {
        Gap::new(self.session, self.source.clone(), self.start, Some(end.max(self.start)), self.reason.clone())
    }
}

impl Archive {
    /// Records `gap` as it opens (or, already closed, whole). A gap already recorded at the same
    /// start is left as it is.
    pub fn record_gap(&self, gap: &Gap) -> Result<(), StoreError> {
        let reason = serde_json::to_string(&gap.reason).expect("a reason always serialises");
        self.conn
            .execute(
                "INSERT OR IGNORE INTO gaps (session_id, source, start_at, end_at, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![gap.session, gap.source, gap.start, gap.end, reason],
            )
            .context(&self.path, "recording a gap in the live")?;
        Ok(())
    }

    /// Closes the gap of `session` that opened at `start`.
    pub fn close_gap(&self, session: i64, start: Timestamp, end: Timestamp) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE gaps SET end_at = MAX(?3, start_at) WHERE session_id = ?1 AND start_at = ?2",
                params![session, start, end],
            )
            .context(&self.path, "recording the end of a gap in the live")?;
        Ok(())
    }

    /// Closes every gap a crash left open, at the last moment the archive knows its live was
    /// running (the live's end, its last event, or the gap's own start): the gap lasted at least
    /// that long. Returns how many were closed.
    pub fn close_gaps_left_open(&self) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "UPDATE gaps SET end_at = MAX(
                     start_at,
                     COALESCE((SELECT ended_at FROM live_sessions WHERE id = gaps.session_id), start_at),
                     COALESCE((SELECT MAX(ts) FROM comments WHERE session_id = gaps.session_id), start_at),
                     COALESCE((SELECT MAX(ts) FROM events WHERE session_id = gaps.session_id), start_at))
                 WHERE end_at IS NULL",
                [],
            )
            .context(&self.path, "closing the gaps a crash left open")
    }

    /// The gaps of `session` (every session's with `None`), oldest first.
    pub fn gaps(&self, session: Option<i64>) -> Result<Vec<Gap>, StoreError> {
        const DOING: &str = "reading the gaps";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT session_id, source, start_at, end_at, reason FROM gaps
                 WHERE ?1 IS NULL OR session_id = ?1 ORDER BY session_id, start_at",
            )
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map([session], |row| {
                let reason: String = row.get(4)?;
                let reason = serde_json::from_str(&reason).map_err(|error| {
                    rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(error))
                })?;
                Ok(Gap::new(row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, reason))
            })
            .context(&self.path, DOING)?;
        rows.collect::<Result<_, _>>().context(&self.path, DOING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

    fn closed() -> SourceReason {
        SourceReason::ToolClosed { tool: "TikFinity".into() }
    }

    #[test]
    fn a_gap_is_written_open_closed_later_and_read_back_typed() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("tikfinity", 1_000).unwrap();
        archive.insert_batch(session, &[comment("a", "halo")]).unwrap();
        let gap = Gap::new(session, "tikfinity".into(), 10_000, None, closed());
        archive.record_gap(&gap).unwrap();
        assert_eq!(archive.gaps(Some(session)).unwrap(), std::slice::from_ref(&gap));
        archive.close_gap(session, 10_000, 40_500).unwrap();
        let gaps = archive.gaps(None).unwrap();
        assert_eq!(gaps, [gap.closed_at(40_500)]);
        assert_eq!(gaps[0].duration_ms, Some(30_500));
        assert_eq!(gaps[0].reason, closed());
        // Ending the live keeps it (the live has an event); deleting the live takes it along.
        archive.end_session(session, 50_000).unwrap();
        assert_eq!(archive.gaps(Some(session)).unwrap().len(), 1);
    }

    #[test]
    fn a_gap_left_open_by_a_crash_is_closed_at_the_last_moment_the_live_is_known_to_have_run() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("tikfinity", 1).unwrap();
        let mut late = comment("a", "halo");
        late.ts = 1_700_000_090_000;
        archive.insert_batch(session, &[late]).unwrap();
        archive.record_gap(&Gap::new(session, "tikfinity".into(), 1_700_000_060_000, None, closed())).unwrap();
        // Another gap with nothing after it: it lasted at least 0 s, and is no longer open.
        archive.record_gap(&Gap::new(session, "tikfinity".into(), 1_700_000_095_000, None, closed())).unwrap();
        assert_eq!(archive.close_gaps_left_open().unwrap(), 2);
        let ends: Vec<_> = archive.gaps(Some(session)).unwrap().iter().map(|gap| gap.end).collect();
        assert_eq!(ends, [Some(1_700_000_090_000), Some(1_700_000_095_000)]);
        assert_eq!(archive.close_gaps_left_open().unwrap(), 0);
    }

    #[test]
    fn a_reason_that_is_not_one_pandu_wrote_is_an_error_naming_the_job() {
        let archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("tikfinity", 1).unwrap();
        archive
            .conn
            .execute(
                "INSERT INTO gaps (session_id, source, start_at, reason) VALUES (?1, 'x', 5, '{\"kind\":\"nope\"}')",
                [session],
            )
            .unwrap();
        let error = archive.gaps(None).unwrap_err();
        assert!(error.to_string().contains("reading the gaps"), "{error}");
    }
}
