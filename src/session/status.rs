//! What the session knows about itself, for the status bar and `GET /api/state`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::event::{EventKind, LiveEvent, Timestamp, now_ms};

/// Where the current source stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceState {
    /// No source is running.
    Idle,
    /// Connecting (or reconnecting) to the source.
    Connecting,
    /// Events are flowing.
    Live,
    /// Connected, but the host is not live now; waiting for the live to start.
    Offline,
    /// The stream ended (the host ended the live, or a recording ran out).
    Ended,
    /// The source failed; `source_detail` says why and when it retries.
    Error,
}

/// A snapshot of the session, as the UI and the local API see it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionState {
    /// The archive's id of the current (or last) live session.
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// The source spec, e.g. `demo`.
    pub source: String,
    pub source_state: SourceState,
    /// What the source's state means now, in plain words (an error's reason, the next retry).
    pub source_detail: Option<String>,
    /// Comments received in this session.
    #[ts(type = "number")]
    pub comments: u64,
    /// Comments received in the last 60 seconds.
    pub comments_per_minute: u32,
    /// The latest viewer count the source reported.
    pub viewer_count: Option<u32>,
    /// Events the archive has stored in this session.
    #[ts(type = "number")]
    pub archived: u64,
    /// The last archive write error, while writes keep failing (they are retried, not dropped).
    pub archive_error: Option<String>,
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
}

/// The mutable side of [`SessionState`], shared by the session's tasks.
#[derive(Default)]
pub struct Status {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    session_id: Option<i64>,
    source: String,
    source_state: Option<SourceState>,
    source_detail: Option<String>,
    comments: u64,
    per_second: CommentsPerMinute,
    viewer_count: Option<u32>,
    archived: u64,
    archive_error: Option<String>,
    latencies: VecDeque<u32>,
    dropped_input: u64,
    last_dropped: Option<String>,
    duplicates: u64,
}

/// How many recent latency samples the p99 is taken over.
const LATENCY_WINDOW: usize = 8192;

impl Status {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere must not take the status bar down with it: the counters stay valid.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Resets the counters for a new live session.
    pub(crate) fn begin(&self, session_id: i64, source: String, state: SourceState) {
        *self.lock() = Inner { session_id: Some(session_id), source, source_state: Some(state), ..Inner::default() };
    }

    pub(crate) fn set_source_state(&self, state: SourceState, detail: Option<String>) {
        let mut inner = self.lock();
        inner.source_state = Some(state);
        inner.source_detail = detail;
    }

    pub(crate) fn observe(&self, event: &LiveEvent) {
        let mut inner = self.lock();
        match &event.kind {
            EventKind::Comment(_) => {
                inner.comments += 1;
                inner.per_second.add(now_ms());
            }
            EventKind::ViewerCount { count } => inner.viewer_count = Some(*count),
            EventKind::StreamEnd { .. } => inner.source_state = Some(SourceState::Ended),
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

    pub(crate) fn archive_result(&self, result: Result<usize, String>) {
        let mut inner = self.lock();
        match result {
            Ok(stored) => {
                inner.archived += stored as u64;
                inner.archive_error = None;
            }
            Err(error) => inner.archive_error = Some(error),
        }
    }

    pub fn snapshot(&self) -> SessionState {
        let inner = self.lock();
        SessionState {
            session_id: inner.session_id,
            source: if inner.source.is_empty() { "none".into() } else { inner.source.clone() },
            source_state: inner.source_state.unwrap_or(SourceState::Idle),
            source_detail: inner.source_detail.clone(),
            comments: inner.comments,
            comments_per_minute: inner.per_second.count(now_ms()),
            viewer_count: inner.viewer_count,
            archived: inner.archived,
            archive_error: inner.archive_error.clone(),
            latency_p99_us: percentile(&inner.latencies, 0.99),
            dropped_input: inner.dropped_input,
            last_dropped: inner.last_dropped.clone(),
            duplicates: inner.duplicates,
        }
    }
}

impl crate::ingest::SourceReport for Status {
    fn dropped(&self, reason: String) {
        self.input_dropped(reason);
    }

    fn state(&self, state: SourceState, detail: Option<String>) {
        self.set_source_state(state, detail);
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
    fn p99_is_taken_over_recent_samples() {
        let status = Status::default();
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
