//! What the session knows about itself, for the status bar and `GET /api/state`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::event::{EventKind, LiveEvent, Timestamp, now_ms};
use crate::ingest::{ConnectionState, SourceNote, SourceReason};
use crate::store::Gap;

use super::gaps::Coverage;

/// The most recent gaps the state carries (the archive has them all): enough for any window
/// opened mid-live, small enough to send with every batch.
pub const RECENT_GAPS: usize = 20;

/// One of the session's sources and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SourceState {
    /// The source's spec, as its events' `source` reads (`tiktok:@shop`).
    pub source: String,
    pub state: ConnectionState,
    /// What the state means now, in plain English words (an error's reason, the next retry).
    pub detail: Option<String>,
    /// The same as data, for the UI to say in the user's language.
    pub note: Option<SourceNote>,
}

/// A live session that began because the host went live in another room: said in the status
/// bar, so nobody wonders why the counters started over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LiveSwitch {
    /// The session that ended with the old room.
    #[ts(type = "number")]
    pub previous_session: i64,
    /// The source that saw the new room (`tiktok:@shop`).
    pub source: String,
    pub from_room: String,
    pub to_room: String,
}

/// Why the archive refuses writes, in terms a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ArchiveProblem {
    /// Another program holds the database (a DB browser, a sync tool, a backup program).
    Locked,
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// Anything else: permissions, a removed drive, a damaged file.
    Unwritable,
}

impl ArchiveProblem {
    pub fn of(error: &crate::store::StoreError) -> ArchiveProblem {
        use crate::store::StoreError;
        use rusqlite::ErrorCode;
        let code = match error {
            StoreError::Sqlite { source, .. } => source.sqlite_error_code(),
            StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
                return ArchiveProblem::DiskFull;
            }
            _ => None,
        };
        match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => ArchiveProblem::Locked,
            Some(ErrorCode::DiskFull) => ArchiveProblem::DiskFull,
            _ => ArchiveProblem::Unwritable,
        }
    }
}

/// A snapshot of the session, as the UI and the local API see it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionState {
    /// The archive's id of the current (or last) live session.
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// The session's sources as one spec, e.g. `demo` or `tiktok:@shop + tikfinity`.
    pub source: String,
    /// Where the sources stand together: live while any is live, else connecting while any is,
    /// else the first of error, offline, ended, idle that any is in.
    pub source_state: ConnectionState,
    /// What that means in plain words: the one source's detail, or with several, the details
    /// of those not live, each after its spec.
    pub source_detail: Option<String>,
    /// Each source on its own, in the order they were given.
    pub sources: Vec<SourceState>,
    /// Comments received in this session.
    #[ts(type = "number")]
    pub comments: u64,
    /// Comments received in the last 60 seconds.
    pub comments_per_minute: u32,
    /// The latest viewer count the source reported.
    pub viewer_count: Option<u32>,
    /// Viewers who joined in this session (join messages, not unique viewers).
    #[ts(type = "number")]
    pub joins: u64,
    /// Likes in this session.
    #[ts(type = "number")]
    pub likes: u64,
    /// Gifts sent in this session (a streak of 5 roses counts 5).
    #[ts(type = "number")]
    pub gifts: u64,
    /// The diamonds those gifts are worth.
    #[ts(type = "number")]
    pub diamonds: u64,
    /// Events the archive has stored in this session.
    #[ts(type = "number")]
    pub archived: u64,
    /// The last archive write error, while writes keep failing (they are retried, not dropped).
    pub archive_error: Option<String>,
    /// What that error means, for the UI to say in plain words.
    pub archive_problem: Option<ArchiveProblem>,
    /// Events received but not yet written (waiting in the archive's buffer).
    #[ts(type = "number")]
    pub archive_waiting: u64,
    /// Events that could not be kept because the buffer was full while the archive refused
    /// writes (see `session::ARCHIVE_BUFFER`).
    #[ts(type = "number")]
    pub archive_dropped: u64,
    /// 99th percentile of source-to-hand-off latency over the last events, in microseconds.
    #[ts(type = "number")]
    pub latency_p99_us: u64,
    /// Messages pushed to Pandu that could not be taken (malformed, unknown, too large).
    #[ts(type = "number")]
    pub dropped_input: u64,
    /// Why the last one was dropped, in plain words.
    pub last_dropped: Option<String>,
    /// Events delivered again (a reconnect, a second source) and skipped.
    #[ts(type = "number")]
    pub duplicates: u64,
    /// This session's latest gaps (at most [`RECENT_GAPS`]), oldest first: the periods when no
    /// source was delivering and comments may be missing. The last is open (`end: null`) while
    /// every source is down.
    pub gaps: Vec<Gap>,
    /// Set when this session began because the host went live in another room.
    pub switch: Option<LiveSwitch>,
}

/// The mutable side of [`SessionState`], shared by the session's tasks.
#[derive(Default)]
pub struct SessionTracker {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    session_id: Option<i64>,
    source: String,
    sources: Vec<Slot>,
    /// The state of a session without sources (idle, or ended by a pushed stream end).
    sourceless: ConnectionState,
    comments: u64,
    per_second: CommentsPerMinute,
    viewer_count: Option<u32>,
    joins: u64,
    likes: u64,
    gifts: u64,
    diamonds: u64,
    archived: u64,
    archive_error: Option<String>,
    archive_problem: Option<ArchiveProblem>,
    archive_waiting: u64,
    archive_dropped: u64,
    latencies: VecDeque<u32>,
    dropped_input: u64,
    last_dropped: Option<String>,
    duplicates: u64,
    /// Decides when a gap opens and closes; `None` once the session's gaps are closed.
    coverage: Option<Coverage>,
    gaps: VecDeque<Gap>,
    /// Where each gap goes to be archived, as it opens and as it closes.
    gap_sink: Option<std::sync::mpsc::Sender<Gap>>,
    switch: Option<LiveSwitch>,
}

impl Inner {
    /// The `slot`th source is now in `state`: a gap may open or close.
    fn cover(&mut self, slot: usize, state: ConnectionState, reason: Option<&SourceReason>) {
        let Some(gap) = self.coverage.as_mut().and_then(|coverage| coverage.update(slot, state, reason, now_ms()))
        else {
            return;
        };
        self.record_gap(gap);
    }

    fn record_gap(&mut self, gap: Gap) {
        if let Some(sink) = &self.gap_sink
            && sink.send(gap.clone()).is_err()
        {
            tracing::error!("the gap log is gone; a gap at {} was not archived", gap.start);
        }
        match self.gaps.back_mut() {
            Some(last) if last.start == gap.start => *last = gap,
            _ => {
                if self.gaps.len() == RECENT_GAPS {
                    self.gaps.pop_front();
                }
                self.gaps.push_back(gap);
            }
        }
    }
}

/// One source of the session, as the status keeps it; its English `detail` is said from the
/// note when a snapshot is taken.
struct Slot {
    source: String,
    state: ConnectionState,
    note: Option<SourceNote>,
}

impl Slot {
    fn status(&self) -> SourceState {
        SourceState {
            source: self.source.clone(),
            state: self.state,
            detail: self.note.as_ref().map(ToString::to_string),
            note: self.note.clone(),
        }
    }
}

/// How many recent latency samples the p99 is taken over.
const LATENCY_WINDOW: usize = 8192;

impl SessionTracker {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere must not take the status bar down with it: the counters stay valid.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Resets the counters for a new live session on `sources` (their specs), all live until
    /// they say otherwise; its gaps go to `gap_sink` as they open and close.
    pub(crate) fn begin(
        &self,
        session_id: i64,
        source: String,
        sources: Vec<String>,
        gap_sink: Option<std::sync::mpsc::Sender<Gap>>,
    ) {
        let coverage = Some(Coverage::new(session_id, sources.clone()));
        let sources =
            sources.into_iter().map(|source| Slot { source, state: ConnectionState::Live, note: None }).collect();
        *self.lock() = Inner { session_id: Some(session_id), source, sources, coverage, gap_sink, ..Inner::default() };
    }

    /// Sets the state of the session's `slot`th source.
    pub(crate) fn set_source_state(&self, slot: usize, state: ConnectionState, note: Option<SourceNote>) {
        let mut inner = self.lock();
        let reason = note.as_ref().map(|note| note.reason.clone());
        if let Some(source) = inner.sources.get_mut(slot) {
            source.state = state;
            source.note = note;
            inner.cover(slot, state, reason.as_ref());
        }
    }

    /// This session began because the host went live in another room.
    pub(crate) fn switched(&self, switch: LiveSwitch) {
        self.lock().switch = Some(switch);
    }

    /// The `slot`th source's spec.
    pub(crate) fn source_of(&self, slot: usize) -> Option<String> {
        self.lock().sources.get(slot).map(|source| source.source.clone())
    }

    /// The session is ending: closes a gap still open at `now` and lets go of the gap log, so it
    /// can finish.
    pub(crate) fn end_gaps(&self, now: crate::event::Timestamp) {
        let mut inner = self.lock();
        if let Some(gap) = inner.coverage.take().and_then(|mut coverage| coverage.close(now)) {
            inner.record_gap(gap);
        }
        inner.gap_sink = None;
    }

    /// Every source (and the session without any) is idle: the session stopped.
    pub(crate) fn stopped(&self) {
        let mut inner = self.lock();
        inner.sourceless = ConnectionState::Idle;
        for source in &mut inner.sources {
            source.state = ConnectionState::Idle;
            source.note = None;
        }
    }

    pub(crate) fn observe(&self, event: &LiveEvent) {
        let mut inner = self.lock();
        match &event.kind {
            EventKind::Comment(_) => {
                inner.comments += 1;
                inner.per_second.add(now_ms());
            }
            EventKind::ViewerCount { count } => inner.viewer_count = Some(*count),
            EventKind::Join { .. } => inner.joins += 1,
            EventKind::Like { count, .. } => inner.likes += u64::from(*count),
            EventKind::Gift { count, diamonds, .. } => {
                inner.gifts += u64::from(*count);
                inner.diamonds += u64::from(*count) * u64::from(*diamonds);
            }
            EventKind::StreamEnd { .. } if inner.sources.is_empty() => inner.sourceless = ConnectionState::Ended,
            EventKind::StreamEnd { .. } => {
                // Only the source it came from has ended; pushed events end none.
                if let Some(slot) = inner.sources.iter().position(|s| s.source == event.source) {
                    inner.sources[slot].state = ConnectionState::Ended;
                    inner.cover(slot, ConnectionState::Ended, None);
                }
            }
            _ => {}
        }
    }

    pub(crate) fn record_latency(&self, latency: Duration) {
        let mut inner = self.lock();
        if inner.latencies.len() == LATENCY_WINDOW {
            inner.latencies.pop_front();
        }
        inner.latencies.push_back(latency.as_micros().min(u128::from(u32::MAX)) as u32);
    }

    pub(crate) fn input_dropped(&self, reason: String) {
        let mut inner = self.lock();
        inner.dropped_input += 1;
        inner.last_dropped = Some(reason);
    }

    pub(crate) fn duplicate(&self) {
        self.lock().duplicates += 1;
    }

    /// A batch's commit (and how many events still wait behind it), or why it failed.
    pub(crate) fn archive_result(&self, result: Result<usize, &crate::store::StoreError>, waiting: usize) {
        let mut inner = self.lock();
        inner.archive_waiting = waiting as u64;
        match result {
            Ok(stored) => {
                inner.archived += stored as u64;
                inner.archive_error = None;
                inner.archive_problem = None;
            }
            Err(error) => {
                inner.archive_error = Some(error.to_string());
                inner.archive_problem = Some(ArchiveProblem::of(error));
            }
        }
    }

    /// Events now waiting for the archive.
    pub(crate) fn archive_waiting(&self, waiting: usize) {
        self.lock().archive_waiting = waiting as u64;
    }

    /// An event could not be kept: the archive's buffer was full.
    pub(crate) fn archive_dropped(&self) {
        self.lock().archive_dropped += 1;
    }

    pub fn snapshot(&self) -> SessionState {
        let inner = self.lock();
        let sources: Vec<SourceState> = inner.sources.iter().map(Slot::status).collect();
        let (source_state, source_detail) = overall(&sources, inner.sourceless);
        SessionState {
            session_id: inner.session_id,
            source: if inner.source.is_empty() { "none".into() } else { inner.source.clone() },
            source_state,
            source_detail,
            sources,
            comments: inner.comments,
            comments_per_minute: inner.per_second.count(now_ms()),
            viewer_count: inner.viewer_count,
            joins: inner.joins,
            likes: inner.likes,
            gifts: inner.gifts,
            diamonds: inner.diamonds,
            archived: inner.archived,
            archive_error: inner.archive_error.clone(),
            archive_problem: inner.archive_problem,
            archive_waiting: inner.archive_waiting,
            archive_dropped: inner.archive_dropped,
            latency_p99_us: percentile(&inner.latencies, 0.99),
            dropped_input: inner.dropped_input,
            last_dropped: inner.last_dropped.clone(),
            duplicates: inner.duplicates,
            gaps: inner.gaps.iter().cloned().collect(),
            switch: inner.switch.clone(),
        }
    }
}

/// Where one source of the session reports.
pub(crate) struct SlotReport {
    pub(crate) status: std::sync::Arc<SessionTracker>,
    pub(crate) slot: usize,
    /// The session the source runs in, and the engine that starts the next one on a new live.
    pub(crate) session: i64,
    pub(crate) engine: std::sync::Weak<super::Engine>,
}

impl crate::ingest::SourceReport for SlotReport {
    fn dropped(&self, reason: String) {
        self.status.input_dropped(reason);
    }

    fn state(&self, state: ConnectionState, note: SourceNote) {
        self.status.set_source_state(self.slot, state, Some(note));
    }

    fn new_live(&self, from_room: String, to_room: String) {
        let Some(engine) = self.engine.upgrade() else { return };
        let (session, slot) = (self.session, self.slot);
        tokio::spawn(async move { engine.follow_new_live(session, slot, from_room, to_room).await });
    }
}

/// The sources' states taken together, for the status bar's one dot.
fn overall(sources: &[SourceState], sourceless: ConnectionState) -> (ConnectionState, Option<String>) {
    match sources {
        [] => (sourceless, None),
        [one] => (one.state, one.detail.clone()),
        several => {
            const PRECEDENCE: [ConnectionState; 6] = [
                ConnectionState::Live,
                ConnectionState::Connecting,
                ConnectionState::Error,
                ConnectionState::Offline,
                ConnectionState::Ended,
                ConnectionState::Idle,
            ];
            let state = PRECEDENCE.into_iter().find(|s| several.iter().any(|x| x.state == *s)).unwrap_or_default();
            let details: Vec<String> = several
                .iter()
                .filter(|source| source.state != ConnectionState::Live)
                .filter_map(|source| source.detail.as_ref().map(|detail| format!("{}: {detail}", source.source)))
                .collect();
            (state, (!details.is_empty()).then(|| details.join("; ")))
        }
    }
}

/// The `q` quantile (0..=1) of `samples`, 0 when there are none.
fn percentile(samples: &VecDeque<u32>, q: f64) -> u64 {
    if samples.is_empty() {
        return 0;
    }
    let mut sorted: Vec<u32> = samples.iter().copied().collect();
    sorted.sort_unstable();
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    u64::from(sorted[rank - 1])
}

/// Comments in the last 60 seconds, counted in one-second buckets.
struct CommentsPerMinute {
    /// (second, count) per slot, indexed by second % 60.
    buckets: [(i64, u32); 60],
}

impl Default for CommentsPerMinute {
    fn default() -> Self {
        CommentsPerMinute { buckets: [(0, 0); 60] }
    }
}

impl CommentsPerMinute {
    fn add(&mut self, at: Timestamp) {
        let second = at.div_euclid(1000);
        let slot = &mut self.buckets[second.rem_euclid(60) as usize];
        if slot.0 != second {
            *slot = (second, 0);
        }
        slot.1 += 1;
    }

    fn count(&self, now: Timestamp) -> u32 {
        let second = now.div_euclid(1000);
        self.buckets.iter().filter(|(at, _)| second - at < 60 && *at <= second).map(|(_, n)| n).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceReason;

    #[test]
    fn comments_per_minute_forgets_what_is_older_than_a_minute() {
        let mut rate = CommentsPerMinute::default();
        let start = 1_700_000_000_000;
        for n in 0..120 {
            rate.add(start + n * 500); // two a second for a minute
        }
        assert_eq!(rate.count(start + 59_999), 120);
        assert_eq!(rate.count(start + 89_000), 60);
        assert_eq!(rate.count(start + 200_000), 0);
    }

    #[test]
    fn joins_likes_gifts_and_diamonds_are_session_totals_that_start_over() {
        let status = SessionTracker::default();
        status.begin(1, "demo".into(), vec!["demo".into()], None);
        let user = crate::event::User {
            id: "1".into(),
            unique_id: "sari".into(),
            nickname: "Sari".into(),
            avatar_url: None,
            is_moderator: false,
            follow_role: Default::default(),
        };
        let event = |kind| LiveEvent { id: "e".into(), ts: 1, source: "demo".into(), kind };
        status.observe(&event(EventKind::Join { user: user.clone() }));
        status.observe(&event(EventKind::Join { user: user.clone() }));
        status.observe(&event(EventKind::Like { user: user.clone(), count: 15 }));
        status.observe(&event(EventKind::Like { user: user.clone(), count: 2 }));
        status.observe(&event(EventKind::Gift { user: user.clone(), gift_name: "Rose".into(), count: 3, diamonds: 5 }));
        status.observe(&event(EventKind::ViewerCount { count: 40 }));
        let state = status.snapshot();
        assert_eq!((state.joins, state.likes, state.gifts, state.diamonds), (2, 17, 3, 15));
        status.begin(2, "demo".into(), vec!["demo".into()], None);
        let state = status.snapshot();
        assert_eq!((state.joins, state.likes, state.gifts, state.diamonds), (0, 0, 0, 0));
    }

    #[test]
    fn several_sources_show_as_one_state_and_each_on_its_own() {
        let status = SessionTracker::default();
        assert_eq!(status.snapshot().source_state, ConnectionState::Idle);
        status.begin(1, "tiktok:@toko + tikfinity".into(), vec!["tiktok:@toko".into(), "tikfinity".into()], None);
        let unreachable = SourceReason::ToolUnreachable {
            tool: "TikFinity".into(),
            url: "ws://localhost:21213".into(),
            error: "refused".into(),
        };
        status.set_source_state(1, ConnectionState::Error, Some(unreachable.into()));
        let state = status.snapshot();
        assert_eq!(state.source_state, ConnectionState::Live, "one live source keeps comments coming");
        assert_eq!(
            state.source_detail.as_deref(),
            Some("tikfinity: cannot connect to TikFinity at ws://localhost:21213 (refused); is it running?")
        );
        assert_eq!(state.sources[1].state, ConnectionState::Error);

        status.set_source_state(
            0,
            ConnectionState::Offline,
            Some(SourceReason::TiktokNotLive { handle: "toko".into() }.into()),
        );
        let state = status.snapshot();
        assert_eq!(state.source_state, ConnectionState::Error);
        assert_eq!(
            state.source_detail.as_deref(),
            Some(
                "tiktok:@toko: @toko is not live now; tikfinity: cannot connect to TikFinity at ws://localhost:21213 (refused); is it running?"
            )
        );

        // A stream end ends the source it came from, not the others.
        let end = LiveEvent {
            id: "e".into(),
            ts: 1,
            source: "tiktok:@toko".into(),
            kind: EventKind::StreamEnd { reason: None },
        };
        status.observe(&end);
        assert_eq!(status.snapshot().sources[0].state, ConnectionState::Ended);
        status.stopped();
        assert!(status.snapshot().sources.iter().all(|s| s.state == ConnectionState::Idle));
    }

    #[test]
    fn a_session_without_sources_is_idle_until_a_pushed_stream_end() {
        let status = SessionTracker::default();
        status.begin(1, "none".into(), vec![], None);
        assert_eq!(status.snapshot().source_state, ConnectionState::Idle);
        let end =
            LiveEvent { id: "e".into(), ts: 1, source: "ingest".into(), kind: EventKind::StreamEnd { reason: None } };
        status.observe(&end);
        assert_eq!(status.snapshot().source_state, ConnectionState::Ended);
    }

    #[test]
    fn p99_is_taken_over_recent_samples() {
        let status = SessionTracker::default();
        assert_eq!(status.snapshot().latency_p99_us, 0);
        for n in 1..=100 {
            status.record_latency(Duration::from_micros(n));
        }
        assert_eq!(status.snapshot().latency_p99_us, 99);
        for _ in 0..LATENCY_WINDOW {
            status.record_latency(Duration::from_micros(7));
        }
        assert_eq!(status.snapshot().latency_p99_us, 7);
    }
}
