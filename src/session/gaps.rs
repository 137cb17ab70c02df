//! Gaps in a live: the periods when no source was delivering, so comments may be missing from
//! the archive, the feed and the reports. This decides what a gap is; the archive keeps them
//! (`crate::store::Gap`), the status carries the latest to the front ends, and the reports say
//! how much of the live they cover.
//!
//! The rule, per source of the session:
//! - **delivering** once it says it is live;
//! - **down** when a source that was delivering reports connecting or an error (it dropped and
//!   is reconnecting); it stays down through its retries until it is live again;
//! - **quiet** when it says the host is not live, the live ended or it stopped: nothing is
//!   being missed from it;
//! - a source that never delivered in this session is neither: a session that cannot connect
//!   at all shows that in the status bar, and there is no live yet whose comments are missing.
//!
//! A gap opens when no source is delivering and at least one is down (with several sources
//! merged, a gap is a gap only when no source covered it), and closes when any source delivers
//! again, when none is down any more, or when the session ends. It is written to the archive
//! as it opens, so a crash still leaves it there; the next start closes it
//! (`Archive::close_gaps_left_open`).

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::event::Timestamp;
use crate::ingest::{ConnectionState, SourceReason};
use crate::store::{Archive, Gap};

/// Where one source stands, for gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cover {
    /// Has not delivered yet in this session.
    NotYet,
    Delivering,
    /// Was delivering, now reconnecting or failing.
    Down,
    /// Nothing to miss: the host is not live, the live ended, the source stopped.
    Quiet,
}

/// The session's sources, taken together, and the gap open now.
pub(crate) struct Coverage {
    session: i64,
    specs: Vec<String>,
    slots: Vec<Cover>,
    open: Option<Gap>,
}

impl Coverage {
    /// A session's sources (their specs, in slot order), none delivering yet.
    pub(crate) fn new(session: i64, specs: Vec<String>) -> Coverage {
        let slots = vec![Cover::NotYet; specs.len()];
        Coverage { session, specs, slots, open: None }
    }

    /// The `slot`th source is now in `state` (with `reason`, when the source said one) at `now`;
    /// returns the gap this opened or closed, if any. Only a source's own report, which always
    /// says why, opens a gap.
    pub(crate) fn update(
        &mut self,
        slot: usize,
        state: ConnectionState,
        reason: Option<&SourceReason>,
        now: Timestamp,
    ) -> Option<Gap> {
        let current = self.slots.get_mut(slot)?;
        *current = match (state, *current) {
            (ConnectionState::Live, _) => Cover::Delivering,
            (ConnectionState::Connecting | ConnectionState::Error, Cover::Delivering | Cover::Down) => Cover::Down,
            (ConnectionState::Connecting | ConnectionState::Error, unchanged) => unchanged,
            (ConnectionState::Offline | ConnectionState::Ended | ConnectionState::Idle, _) => Cover::Quiet,
        };
        let delivering = self.slots.contains(&Cover::Delivering);
        let down: Vec<&str> = self
            .slots
            .iter()
            .zip(&self.specs)
            .filter(|(cover, _)| **cover == Cover::Down)
            .map(|(_, spec)| spec.as_str())
            .collect();
        match (&self.open, !delivering && !down.is_empty()) {
            (None, true) => {
                let gap = Gap::new(self.session, down.join(" + "), now, None, reason?.clone());
                self.open = Some(gap.clone());
                Some(gap)
            }
            (Some(_), false) => self.close(now),
            _ => None,
        }
    }

    /// Closes the open gap at `now` (the session ends), returning it.
    pub(crate) fn close(&mut self, now: Timestamp) -> Option<Gap> {
        self.open.take().map(|gap| gap.closed_at(now))
    }
}

/// Writes a session's gaps to the archive on its own thread, in order: the sources that report
/// them never wait on the disk.
pub(crate) struct GapLog {
    sender: mpsc::Sender<Gap>,
    thread: JoinHandle<()>,
}

impl GapLog {
    /// Tries at writing one gap while the archive refuses (locked by another program, disk full).
    const ATTEMPTS: u32 = 10;
    const RETRY_AFTER: Duration = Duration::from_millis(500);

    pub(crate) fn spawn(archive: Archive) -> GapLog {
        let (sender, receiver) = mpsc::channel::<Gap>();
        let thread = std::thread::Builder::new()
            .name("pandu-gaps".into())
            .spawn(move || {
                for gap in receiver {
                    for attempt in 1..=Self::ATTEMPTS {
                        let written = archive.record_gap(&gap).and_then(|()| match gap.end {
                            Some(end) => archive.close_gap(gap.session, gap.start, end),
                            None => Ok(()),
                        });
                        match written {
                            Ok(()) => break,
                            Err(error) if attempt == Self::ATTEMPTS => {
                                tracing::error!("a gap in live session {} was not archived: {error}", gap.session)
                            }
                            Err(error) => {
                                tracing::warn!("archiving a gap failed, retrying: {error}");
                                std::thread::sleep(Self::RETRY_AFTER);
                            }
                        }
                    }
                }
            })
            .expect("the OS could not start the gap thread");
        GapLog { sender, thread }
    }

    /// Where the session's status sends each gap as it opens and closes.
    pub(crate) fn sink(&self) -> mpsc::Sender<Gap> {
        self.sender.clone()
    }

    /// Waits until every gap sent is written; every other sink must be dropped first.
    pub(crate) fn finish(self) {
        drop(self.sender);
        if self.thread.join().is_err() {
            tracing::error!("the gap thread panicked");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConnectionState::*;

    fn dropped() -> SourceReason {
        SourceReason::ToolClosed { tool: "TikFinity".into() }
    }

    fn two() -> Coverage {
        Coverage::new(7, vec!["tiktok:@toko".into(), "tikfinity".into()])
    }

    #[test]
    fn one_source_down_and_back_is_one_gap_from_the_drop_to_the_return() {
        let mut coverage = Coverage::new(7, vec!["tikfinity".into()]);
        let reason = dropped();
        assert_eq!(coverage.update(0, Connecting, Some(&reason), 0), None, "not delivering yet: no gap");
        assert_eq!(coverage.update(0, Live, None, 100), None);
        let opened = coverage.update(0, Error, Some(&reason), 1_000).unwrap();
        assert_eq!(opened, Gap::new(7, "tikfinity".into(), 1_000, None, dropped()));
        // Retries while down change nothing.
        assert_eq!(coverage.update(0, Connecting, Some(&reason), 2_000), None);
        assert_eq!(coverage.update(0, Error, Some(&reason), 3_000), None);
        let closed = coverage.update(0, Live, None, 31_000).unwrap();
        assert_eq!(closed.duration_ms, Some(30_000));
        assert_eq!(coverage.close(40_000), None, "nothing open");
    }

    #[test]
    fn with_two_sources_a_gap_is_only_the_time_neither_covered() {
        let mut coverage = two();
        let reason = dropped();
        coverage.update(0, Live, None, 0);
        coverage.update(1, Live, None, 0);
        // TikTok drops at 10 s: TikFinity still covers.
        assert_eq!(coverage.update(0, Error, Some(&reason), 10_000), None);
        // TikFinity drops at 20 s: now nothing covers.
        let opened = coverage.update(1, Error, Some(&reason), 20_000).unwrap();
        assert_eq!(opened.source, "tiktok:@toko + tikfinity");
        assert_eq!(opened.start, 20_000);
        // TikTok is back at 25 s: the gap is 20–25 s, though TikFinity stays down until 40 s.
        let closed = coverage.update(0, Live, None, 25_000).unwrap();
        assert_eq!((closed.start, closed.end), (20_000, Some(25_000)));
        assert_eq!(coverage.update(1, Live, None, 40_000), None);
    }

    #[test]
    fn downs_that_do_not_overlap_leave_no_gap() {
        let mut coverage = two();
        let reason = dropped();
        coverage.update(0, Live, None, 0);
        coverage.update(1, Live, None, 0);
        assert_eq!(coverage.update(0, Error, Some(&reason), 1_000), None);
        assert_eq!(coverage.update(0, Live, None, 5_000), None);
        assert_eq!(coverage.update(1, Error, Some(&reason), 6_000), None);
        assert_eq!(coverage.update(1, Live, None, 9_000), None);
    }

    #[test]
    fn a_source_that_never_delivered_neither_covers_nor_opens_a_gap() {
        let mut coverage = two();
        let reason = dropped();
        coverage.update(1, Error, Some(&reason), 0); // TikFinity is not running
        coverage.update(0, Live, None, 0);
        let opened = coverage.update(0, Error, Some(&reason), 5_000).unwrap();
        assert_eq!(opened.source, "tiktok:@toko", "only what dropped");
    }

    #[test]
    fn an_ended_live_closes_the_gap_and_the_session_end_closes_an_open_one() {
        let mut coverage = Coverage::new(7, vec!["tiktok:@toko".into()]);
        let reason = dropped();
        coverage.update(0, Live, None, 0);
        coverage.update(0, Error, Some(&reason), 1_000).unwrap();
        let closed = coverage.update(0, Ended, None, 4_000).unwrap();
        assert_eq!(closed.end, Some(4_000));
        // Polling an ended or offline live is not a gap.
        assert_eq!(coverage.update(0, Connecting, Some(&reason), 5_000), None);
        coverage.update(0, Live, None, 6_000);
        coverage.update(0, Error, Some(&reason), 7_000).unwrap();
        assert_eq!(coverage.close(9_000).unwrap().duration_ms, Some(2_000));
    }

    #[test]
    fn the_log_writes_each_gap_open_then_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        let archive = Archive::open(&path).unwrap();
        let session = archive.begin_session("tikfinity", 1).unwrap();
        let log = GapLog::spawn(archive);
        let open = Gap::new(session, "tikfinity".into(), 1_000, None, dropped());
        log.sink().send(open.clone()).unwrap();
        log.sink().send(open.closed_at(31_000)).unwrap();
        log.finish();
        let gaps = Archive::open(&path).unwrap().gaps(Some(session)).unwrap();
        assert_eq!(gaps, [open.closed_at(31_000)]);
    }
}
