//! The session engine: wires a source through moderation to everyone who needs its events.
//!
//! ```text
//!  source ──► [incoming, bounded] ──► pipeline ──┬─► archive writer (buffer of ARCHIVE_BUFFER)
//!                                      moderate  └─► batcher (bounded; skips when full) ──► Outbox
//!                                                    every ~30 ms: Outbound::Events + ::Session
//! ```
//!
//! The archive is the record: its writer takes whatever has queued in one transaction, so it
//! keeps up with any live, and while it cannot write (another program locked the file, the disk
//! is full) events wait in a buffer of [`ARCHIVE_BUFFER`] and the writer retries on its own. The
//! live never waits on the disk; only an outage long enough to fill the buffer loses events, and
//! those are counted (`archive_dropped`) and shown. The front ends are views: the batcher hands the
//! app's `Outbox` one batch every ~30 ms rather than one message per comment, and a view that
//! falls behind skips (it can read history back from the archive).
//!
//! One [`Engine`] lives as long as the app or `pandu serve`; live sessions come and go under
//! it as the user picks sources, each recorded as its own row in the archive. A source that
//! finds the host live in another room ends its session and the engine starts the next, so two
//! lives never share a record. While no source delivers, the session records a gap ([`gaps`]):
//! in the archive, in the state the front ends get, and so in the reports.

pub(crate) mod gaps;
mod status;

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use status::{ArchiveProblem, LiveSwitch, RECENT_GAPS, SessionState, SessionTracker, SourceState};

use crate::ingest::ConnectionState;

use crate::event::{LiveEvent, now_ms};
use crate::ingest::{Credentials, Incoming, Source, SourceContext, SourceSet, SpecError};
use crate::moderation::lexicon::Lexicon;
use crate::moderation::{ModerationSettings, Moderator};
use crate::publish::Publisher;
use crate::store::{Archive, ArchiveWriter, MutedUser, StoreError, WriterReport};

/// How often the front ends get a batch.
pub const BATCH_INTERVAL: Duration = Duration::from_millis(30);
/// How often the front ends get the state when no events arrive.
const IDLE_REFRESH: Duration = Duration::from_secs(1);
const INCOMING_CAPACITY: usize = 4096;
/// Events that may wait for the archive while it refuses writes (locked by another program, disk
/// full): about 50 s of a 2,000 comments/s burst, close to an hour of a busy live's 30/s, and at
/// most some 100 MB of memory. The live goes on meanwhile; beyond this an event is counted in
/// `archive_dropped` instead of stalling the feed.
pub const ARCHIVE_BUFFER: usize = 100_000;
const VIEW_CAPACITY: usize = 16_384;

/// What the engine publishes; the app's outbox sends each as its `Outbound` variant.
#[derive(Debug, Clone)]
pub enum SessionUpdate {
    /// The events since the last batch, after moderation.
    Events(Vec<Arc<LiveEvent>>),
    /// The live session's state now (boxed: it is far bigger than a batch's `Vec`).
    State(Box<SessionState>),
}

/// The long-lived engine behind the app and `pandu serve`.
pub struct Engine {
    /// Itself, for the sources' reports: a new live starts a new session from a source's task.
    me: std::sync::Weak<Engine>,
    archive_path: PathBuf,
    moderator: Arc<Moderator>,
    status: Arc<SessionTracker>,
    outbox: Publisher<SessionUpdate>,
    credentials: std::sync::RwLock<Credentials>,
    /// Who hosts the lives this engine starts (recorded on each session).
    host: std::sync::RwLock<String>,
    running: Mutex<Option<Running>>,
}

struct Running {
    session_id: i64,
    sources: SourceSet,
    cancel: CancellationToken,
    /// One per spec of `sources`, in order: a source's slot in the status.
    running_sources: Vec<RunningSource>,
    pipeline: JoinHandle<()>,
    batcher: JoinHandle<()>,
    writer: ArchiveWriter,
    /// Archives the session's gaps (periods when no source delivered).
    gaps: gaps::GapLog,
    /// Kept so the pipeline stays open for pushed events while no source runs.
    incoming: mpsc::Sender<Incoming>,
}

/// A source's task, stoppable on its own (to reconnect) or with its session.
struct RunningSource {
    cancel: CancellationToken,
    task: JoinHandle<()>,
}

impl Engine {
    /// An engine archiving to `archive_path`, moderating with `lexicon` and `moderation`, and
    /// publishing what front ends show into `outbox`. The archive is opened here (and its mute
    /// list read) so a bad file is reported at start-up, before any source runs; gaps a crash
    /// left open are closed here too (see [`gaps`]).
    pub fn new(
        archive_path: PathBuf,
        outbox: Publisher<SessionUpdate>,
        lexicon: &Lexicon,
        moderation: ModerationSettings,
    ) -> Result<Arc<Self>, StoreError> {
        let archive = Archive::open(&archive_path)?;
        let closed = archive.close_gaps_left_open()?;
        if closed > 0 {
            tracing::warn!("{closed} gap(s) left open when Pandu last stopped were closed");
        }
        let muted = archive.muted_users()?;
        let moderator = Arc::new(Moderator::new(lexicon, moderation, muted.into_iter().map(|m| m.unique_id)));
        Ok(Arc::new_cyclic(|me| Engine {
            me: me.clone(),
            archive_path,
            moderator,
            status: Arc::new(SessionTracker::default()),
            outbox,
            credentials: Default::default(),
            host: Default::default(),
            running: Mutex::new(None),
        }))
    }

    /// Sets what sources sign in with (the TikTok `sessionid`), from the user's settings; the
    /// next source started or reconnected uses it.
    pub fn set_credentials(&self, credentials: Credentials) {
        *self.credentials.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = credentials;
    }

    /// Sets who hosts the next lives started, from the user's settings.
    pub fn set_host(&self, host: &str) {
        *self.host.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = host.to_string();
    }

    /// Prepares every source of `sources`, or none if one cannot start.
    fn build_sources(&self, sources: &SourceSet) -> Result<Vec<Box<dyn Source>>, SpecError> {
        let credentials = self.credentials.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let built: Vec<Option<Box<dyn Source>>> =
            sources.specs().iter().map(|spec| spec.build(&credentials)).collect::<Result<_, _>>()?;
        Ok(built.into_iter().flatten().collect())
    }

    /// The moderation in force: swap its lexicon, read its matcher.
    pub fn moderator(&self) -> &Moderator {
        &self.moderator
    }

    /// Puts a user on the mute list (kept in the archive across lives); their comments from the
    /// next one on carry the `muted` flag.
    pub fn mute(&self, unique_id: &str, nickname: &str) -> Result<(), StoreError> {
        Archive::open(&self.archive_path)?.mute(unique_id, nickname, now_ms())?;
        self.moderator.set_muted(unique_id, true);
        Ok(())
    }

    /// Takes a user off the mute list; `false` if they were not on it.
    pub fn unmute(&self, unique_id: &str) -> Result<bool, StoreError> {
        let removed = Archive::open(&self.archive_path)?.unmute(unique_id)?;
        self.moderator.set_muted(unique_id, false);
        Ok(removed)
    }

    /// Hands events pushed from outside (the ingest endpoint) to the running session, waiting
    /// while it is busy. Fails only when no session is running.
    pub async fn push(&self, events: impl IntoIterator<Item = LiveEvent>) -> Result<(), NoSession> {
        let incoming = self.running.lock().await.as_ref().map(|running| running.incoming.clone()).ok_or(NoSession)?;
        for event in events {
            incoming.send(Incoming { event, received: Instant::now() }).await.map_err(|_| NoSession)?;
        }
        Ok(())
    }

    /// Counts a pushed message that could not be taken, with the reason, for the status bar.
    pub fn record_dropped_input(&self, reason: String) {
        self.status.input_dropped(reason);
    }

    /// The mute list, most recent first.
    pub fn muted_users(&self) -> Result<Vec<MutedUser>, StoreError> {
        Archive::open(&self.archive_path)?.muted_users()
    }

    /// The archive file this engine writes.
    pub fn archive_path(&self) -> &std::path::Path {
        &self.archive_path
    }

    /// The session's state now.
    pub fn state(&self) -> SessionState {
        self.status.snapshot()
    }

    /// Tells the front ends the state now, at once (a session started or stopped).
    fn publish_state(&self) {
        self.outbox.publish(SessionUpdate::State(Box::new(self.status.snapshot())));
    }

    /// Starts a new live session on `sources` (one, several merged, or none), ending the
    /// current one first (its events are all archived before the new one begins). Returns the
    /// new session's archive id.
    pub async fn start(&self, sources: &SourceSet) -> Result<i64, StartError> {
        // A source that cannot start (an unreadable recording) leaves the current session running.
        let built = self.build_sources(sources)?;
        let mut running = self.running.lock().await;
        if let Some(previous) = running.take() {
            self.shut_down(previous).await;
        }
        let archive = Archive::open(&self.archive_path)?;
        let session_id = archive.begin_session(&sources.to_string(), now_ms())?;
        archive.set_session_host(session_id, &self.host.read().unwrap_or_else(|poisoned| poisoned.into_inner()))?;
        let specs = sources.specs().iter().map(ToString::to_string).collect();
        let gaps = gaps::GapLog::spawn(Archive::open(&self.archive_path)?);
        self.status.begin(session_id, sources.to_string(), specs, Some(gaps.sink()));
        self.moderator.begin_session(&sources.shop_accounts());

        let status = Arc::clone(&self.status);
        let writer = ArchiveWriter::spawn(
            archive,
            session_id,
            ARCHIVE_BUFFER,
            Box::new(move |result, waiting| status.archive_result(result, waiting)),
        );
        let cancel = CancellationToken::new();
        let (incoming, incoming_rx) = mpsc::channel(INCOMING_CAPACITY);

        let (view_tx, view_rx) = mpsc::channel(VIEW_CAPACITY);
        let batcher = tokio::spawn(batcher(view_rx, self.outbox.clone(), Arc::clone(&self.status)));
        let pipeline = tokio::spawn(pipeline(
            incoming_rx,
            Arc::clone(&self.moderator),
            writer.sender(),
            view_tx,
            Arc::clone(&self.status),
        ));
        self.publish_state();
        let running_sources = built
            .into_iter()
            .enumerate()
            .map(|(slot, source)| self.spawn_source(session_id, slot, source, &incoming, &cancel))
            .collect();
        *running = Some(Running {
            session_id,
            sources: sources.clone(),
            cancel,
            running_sources,
            pipeline,
            batcher,
            writer,
            gaps,
            incoming,
        });
        tracing::info!(session_id, source = %sources, "live session started");
        Ok(session_id)
    }

    fn spawn_source(
        &self,
        session_id: i64,
        slot: usize,
        source: Box<dyn Source>,
        incoming: &mpsc::Sender<Incoming>,
        session: &CancellationToken,
    ) -> RunningSource {
        let cancel = session.child_token();
        let report =
            status::SlotReport { status: Arc::clone(&self.status), slot, session: session_id, engine: self.me.clone() };
        let ctx = SourceContext::new(incoming.clone(), cancel.clone(), Arc::new(report));
        let status = Arc::clone(&self.status);
        let stopped = cancel.clone();
        let task = tokio::spawn(async move {
            source.run(ctx).await;
            // Ran out by itself (the live or the recording ended), not stopped by us.
            if !stopped.is_cancelled() {
                status.set_source_state(slot, ConnectionState::Ended, None);
            }
        });
        RunningSource { cancel, task }
    }

    /// Restarts the current session's sources ("sambung ulang"): drops their connections and
    /// makes new ones at once, without waiting for their next retry. The session, its archive
    /// and its memory of message ids carry on, so what a source delivers again is not stored
    /// twice. Returns `false` when there is no session or it has no source.
    pub async fn reconnect(&self) -> Result<bool, StartError> {
        let mut running = self.running.lock().await;
        let Some(running) = running.as_mut() else { return Ok(false) };
        // Built first, so a source that cannot start (a recording since deleted) leaves the
        // running ones alone.
        let fresh = self.build_sources(&running.sources)?;
        if fresh.is_empty() {
            return Ok(false);
        }
        for previous in running.running_sources.drain(..) {
            previous.cancel.cancel();
            log_join_error("source", previous.task.await);
        }
        for (slot, source) in fresh.into_iter().enumerate() {
            self.status.set_source_state(slot, ConnectionState::Live, None);
            let restarted = self.spawn_source(running.session_id, slot, source, &running.incoming, &running.cancel);
            running.running_sources.push(restarted);
        }
        tracing::info!(source = %running.sources, "sources reconnected");
        Ok(true)
    }

    /// The `slot`th source of session `previous` found the host live in another room: that
    /// session ends and a new one starts on the same sources, said in the status bar. Nothing
    /// happens if `previous` is no longer the running session (stopped, or already switched).
    pub(crate) async fn follow_new_live(&self, previous: i64, slot: usize, from_room: String, to_room: String) {
        let source = self.status.source_of(slot).unwrap_or_default();
        let sources = match self.running.lock().await.as_ref() {
            Some(running) if running.session_id == previous => running.sources.clone(),
            _ => return,
        };
        match self.start(&sources).await {
            Ok(session) => {
                tracing::info!(previous, session, %from_room, %to_room, "the host went live in another room");
                self.status.switched(LiveSwitch { previous_session: previous, source, from_room, to_room });
                self.publish_state();
            }
            Err(error) => tracing::error!("could not start a session for the host's new live: {error}"),
        }
    }

    /// Ends the current live session, if any: stops its source, lets everything already
    /// received reach the archive and the UI, and reports what the archive stored.
    pub async fn stop(&self) -> Option<WriterReport> {
        let previous = self.running.lock().await.take()?;
        let report = self.shut_down(previous).await;
        self.status.stopped();
        self.publish_state();
        Some(report)
    }

    async fn shut_down(&self, running: Running) -> WriterReport {
        let Running { cancel, running_sources, pipeline, batcher, writer, gaps, incoming, .. } = running;
        cancel.cancel();
        for source in running_sources {
            log_join_error("source", source.task.await);
        }
        // A gap still open ends with the live; written before the live's end is (which removes a
        // live that archived nothing, gaps and all).
        self.status.end_gaps(now_ms());
        if tokio::task::spawn_blocking(move || gaps.finish()).await.is_err() {
            tracing::error!("the gap log's task failed");
        }
        // With the source gone and our own sender dropped, the pipeline drains and ends,
        // which closes the archive and UI queues behind it.
        drop(incoming);
        log_join_error("pipeline", pipeline.await);
        log_join_error("batcher", batcher.await);
        let report = tokio::task::spawn_blocking(move || writer.finish()).await.expect("the archive thread panicked");
        tracing::info!(stored = report.stored, batches = report.batches, lost = report.lost, "live session ended");
        report
    }
}

/// Why a live session could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Archive(#[from] StoreError),
    #[error(transparent)]
    Source(#[from] SpecError),
}

/// Events were pushed while no live session was running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no live session is running; start one (the source may be none) and push again")]
pub struct NoSession;

/// Message ids seen lately in this session, so an event delivered twice (a reconnect, a
/// second source for the same live) goes through once. Bounded: the oldest ids are forgotten
/// first, and a re-delivery comes soon after the original.
struct RecentIds {
    seen: HashSet<String>,
    order: VecDeque<String>,
}

impl RecentIds {
    const CAPACITY: usize = 100_000;

    fn new() -> Self {
        RecentIds { seen: HashSet::new(), order: VecDeque::new() }
    }

    /// `true` the first time `id` is seen.
    fn first_sighting(&mut self, id: &str) -> bool {
        if self.seen.contains(id) {
            return false;
        }
        if self.order.len() == Self::CAPACITY
            && let Some(oldest) = self.order.pop_front()
        {
            self.seen.remove(&oldest);
        }
        self.seen.insert(id.to_string());
        self.order.push_back(id.to_string());
        true
    }
}

fn log_join_error(task: &str, result: Result<(), tokio::task::JoinError>) {
    if let Err(error) = result {
        tracing::error!("the session's {task} task failed: {error}");
    }
}

async fn pipeline(
    mut incoming: mpsc::Receiver<Incoming>,
    moderator: Arc<Moderator>,
    archive: mpsc::Sender<Arc<LiveEvent>>,
    views: mpsc::Sender<Arc<LiveEvent>>,
    status: Arc<SessionTracker>,
) {
    let mut recent = RecentIds::new();
    while let Some(Incoming { mut event, received }) = incoming.recv().await {
        if !recent.first_sighting(&event.id) {
            status.duplicate();
            continue;
        }
        moderator.moderate(&mut event);
        if let crate::event::EventKind::Comment(comment) = &mut event.kind {
            comment.suggested = crate::feedback::suggest::suggest(&comment.text);
        }
        let event = Arc::new(event);
        status.observe(&event);
        // The archive's buffer is large; it fills only while the archive refuses writes, and
        // then the live must go on rather than wait for a disk to be freed.
        match archive.try_send(Arc::clone(&event)) {
            Ok(()) => status.archive_waiting(archive.max_capacity() - archive.capacity()),
            Err(mpsc::error::TrySendError::Full(_)) => status.archive_dropped(),
            Err(mpsc::error::TrySendError::Closed(_)) => {
                tracing::error!("the archive writer is gone; event {} was not archived", event.id);
            }
        }
        // A full queue means the views are not keeping up; they read history from the
        // archive, so the live view may skip rather than stall the archive.
        let _ = views.try_send(event);
        status.record_latency(received.elapsed());
    }
}

/// Hands the front ends one batch of events per tick, each followed by the state it led to, and
/// the state alone once a second when nothing happens (the per-minute rate still moves).
async fn batcher(
    mut events: mpsc::Receiver<Arc<LiveEvent>>,
    outbox: Publisher<SessionUpdate>,
    status: Arc<SessionTracker>,
) {
    let mut tick = tokio::time::interval(BATCH_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // The runtime's clock, so tests can run it paused.
    let mut last_delivery = tokio::time::Instant::now();
    loop {
        tick.tick().await;
        let mut batch = Vec::new();
        let closed = loop {
            match events.try_recv() {
                Ok(event) => batch.push(event),
                Err(mpsc::error::TryRecvError::Empty) => break false,
                Err(mpsc::error::TryRecvError::Disconnected) => break true,
            }
        };
        let had_events = !batch.is_empty();
        if had_events {
            outbox.publish(SessionUpdate::Events(batch));
        }
        if had_events || closed || last_delivery.elapsed() >= IDLE_REFRESH {
            outbox.publish(SessionUpdate::State(Box::new(status.snapshot())));
            last_delivery = tokio::time::Instant::now();
        }
        if closed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceSpec;
    use crate::ingest::demo::DemoConfig;
    use crate::outbound::{Outbound, Outbox};

    fn fast_demo() -> SourceSpec {
        SourceSpec::Demo(DemoConfig { rate: 400.0, seed: 9 })
    }

    fn engine_in(dir: &tempfile::TempDir, lexicon: &Lexicon) -> Arc<Engine> {
        Engine::new(dir.path().join("pandu.db"), Outbox::default().publisher(), lexicon, Default::default()).unwrap()
    }

    /// Everything published so far.
    fn drain(receiver: &mut tokio::sync::broadcast::Receiver<Arc<Outbound>>) -> Vec<Arc<Outbound>> {
        std::iter::from_fn(|| receiver.try_recv().ok()).collect()
    }

    // The engine tests run on a paused clock: the runtime jumps ahead whenever every task waits,
    // so "600 ms of a live" takes no wall time and never depends on how busy the machine is.

    #[tokio::test(start_paused = true)]
    async fn a_session_archives_everything_and_batches_the_front_ends() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::default();
        let engine = Engine::new(
            dir.path().join("pandu.db"),
            outbox.publisher(),
            &Lexicon::default_indonesian(),
            Default::default(),
        )
        .unwrap();
        let mut window = outbox.subscribe();

        let session = engine.start(&fast_demo().into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(engine.state().source_state, ConnectionState::Live);
        let report = engine.stop().await.unwrap();
        assert_eq!(engine.state().source_state, ConnectionState::Idle);

        let messages = drain(&mut window);
        let batches: Vec<&Vec<Arc<LiveEvent>>> = messages
            .iter()
            .filter_map(|m| match &**m {
                Outbound::Events { events } => Some(events),
                _ => None,
            })
            .collect();
        let delivered: Vec<&LiveEvent> = batches.iter().flat_map(|b| b.iter().map(|e| &**e)).collect();
        assert!(delivered.len() > 50, "only {} events reached the front ends", delivered.len());
        assert!(batches.len() < delivered.len() / 4, "the front ends should get batches, not one message per event");
        // The front ends saw events in source order; the archive holds every one of them.
        let expected: Vec<String> = crate::ingest::demo::DemoScript::new(DemoConfig { rate: 400.0, seed: 9 })
            .take(delivered.len())
            .map(|s| s.event.id)
            .collect();
        assert_eq!(delivered.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), expected);
        assert_eq!(report.stored as usize, delivered.len());
        let archive = Archive::open(engine.archive_path()).unwrap();
        let comments = delivered.iter().filter(|e| e.as_comment().is_some()).count() as u64;
        assert_eq!(archive.count_comments(Some(session)).unwrap(), comments);
        // The first message says the session started; the last, that it stopped, with the count.
        let states: Vec<&SessionState> = messages
            .iter()
            .filter_map(|m| match &**m {
                Outbound::Session { state } => Some(state),
                _ => None,
            })
            .collect();
        assert_eq!(states.first().unwrap().session_id, Some(session));
        assert_eq!(states.last().unwrap().source_state, ConnectionState::Idle);
        assert_eq!(states.last().unwrap().comments, comments);
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_session_still_tells_its_state_once_a_second() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::default();
        let engine =
            Engine::new(dir.path().join("pandu.db"), outbox.publisher(), &Lexicon::default(), Default::default())
                .unwrap();
        let mut window = outbox.subscribe();
        engine.start(&SourceSet::default()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(3_500)).await;
        let messages = drain(&mut window);
        assert!(messages.iter().all(|m| matches!(**m, Outbound::Session { .. })), "no events, no batches");
        // One when the session started, then one per quiet second.
        assert_eq!(messages.len(), 1 + 3, "{messages:?}");
        engine.stop().await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn switching_sources_closes_one_session_and_opens_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        let first = engine.start(&fast_demo().into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let second = engine.start(&fast_demo().into()).await.unwrap();
        assert_ne!(first, second);
        assert_eq!(engine.state().session_id, Some(second));
        assert_eq!(engine.state().comments, 0, "counters start over with the new session");
        engine.stop().await.unwrap();
        let sessions = Archive::open(engine.archive_path()).unwrap().sessions().unwrap();
        assert!(sessions.iter().all(|s| s.ended_at.is_some()));
        assert_eq!(sessions[0].id, first);
        assert!(sessions[0].comments > 0);
    }

    #[tokio::test]
    async fn the_source_none_runs_an_idle_session_that_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        engine.start(&SourceSet::default()).await.unwrap();
        assert_eq!(engine.state().source_state, ConnectionState::Idle);
        assert_eq!(engine.stop().await.unwrap().stored, 0);
        assert!(Archive::open(engine.archive_path()).unwrap().sessions().unwrap().is_empty());
        assert!(engine.stop().await.is_none(), "stopping twice is harmless");
    }

    #[tokio::test]
    async fn pushed_events_are_taken_once_each_and_only_while_a_session_runs() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        let comment = |id: &str| {
            crate::ingest::demo::DemoScript::new(DemoConfig::default())
                .find_map(|s| s.event.as_comment().is_some().then_some(s.event))
                .map(|mut e| {
                    e.id = id.into();
                    e
                })
                .unwrap()
        };
        assert_eq!(engine.push([comment("a")]).await, Err(NoSession));

        let session = engine.start(&SourceSet::default()).await.unwrap();
        engine.push([comment("a"), comment("b")]).await.unwrap();
        // The same message again, as after a reconnect or from a second source.
        engine.push([comment("b"), comment("c")]).await.unwrap();
        engine.stop().await.unwrap();

        assert_eq!(Archive::open(engine.archive_path()).unwrap().count_comments(Some(session)).unwrap(), 3);
        assert_eq!(engine.state().duplicates, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn reconnecting_restarts_the_source_in_the_same_session_without_storing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        assert!(!engine.reconnect().await.unwrap(), "no session: nothing to reconnect");
        let session = engine.start(&fast_demo().into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let before = engine.state().comments;
        // The demo starts over from its first message, as a live source re-sends recent ones.
        assert!(engine.reconnect().await.unwrap());
        tokio::time::sleep(Duration::from_millis(100)).await;
        let state = engine.state();
        assert_eq!(state.session_id, Some(session), "the same session carries on");
        assert_eq!(state.source_state, ConnectionState::Live);
        assert!(state.duplicates > 0, "re-sent messages are recognised");
        engine.stop().await.unwrap();
        let archive = Archive::open(engine.archive_path()).unwrap();
        let stored = archive.count_comments(Some(session)).unwrap();
        assert!(stored >= before, "{stored} < {before}");
        let mut ids = std::collections::HashSet::new();
        archive
            .for_each_comment(Some(session), |c| {
                assert!(ids.insert(c.id), "a comment was stored twice");
                Ok::<_, ()>(())
            })
            .unwrap()
            .unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn several_sources_merge_into_one_session_each_event_tagged_with_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        let sources: SourceSet = "demo:200:1 + demo:200:2".parse().unwrap();
        let session = engine.start(&sources).await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        let state = engine.state();
        assert_eq!(state.source, "demo:200:1 + demo:200:2");
        assert_eq!(state.sources.len(), 2);
        assert!(state.sources.iter().all(|s| s.state == ConnectionState::Live));
        assert!(engine.reconnect().await.unwrap(), "both restart");
        tokio::time::sleep(Duration::from_millis(100)).await;
        engine.stop().await.unwrap();

        let archive = Archive::open(engine.archive_path()).unwrap();
        let mut per_source = std::collections::HashMap::<String, usize>::new();
        archive
            .for_each_event(session, |event| {
                assert!(
                    event.id.starts_with(&format!("demo-{}-", &event.source[9..])),
                    "{} from {}",
                    event.id,
                    event.source
                );
                *per_source.entry(event.source).or_default() += 1;
                Ok::<_, ()>(())
            })
            .unwrap()
            .unwrap();
        assert!(per_source["demo:200:1"] > 10 && per_source["demo:200:2"] > 10, "{per_source:?}");
        assert_eq!(archive.sessions().unwrap()[0].source, "demo:200:1 + demo:200:2");
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_live_of_the_host_closes_the_session_and_opens_the_next_saying_so() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        let first = engine.start(&fast_demo().into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        engine.follow_new_live(first, 0, "7437".into(), "7438".into()).await;
        let state = engine.state();
        let second = state.session_id.unwrap();
        assert_ne!(second, first, "a new session");
        let switch = state.switch.expect("the status bar says why");
        assert_eq!((switch.previous_session, switch.source.as_str()), (first, "demo:400:9"));
        assert_eq!((switch.from_room.as_str(), switch.to_room.as_str()), ("7437", "7438"));
        // A late report from the old session's source changes nothing.
        engine.follow_new_live(first, 0, "7437".into(), "7439".into()).await;
        assert_eq!(engine.state().session_id, Some(second));
        engine.stop().await.unwrap();
        let sessions = Archive::open(engine.archive_path()).unwrap().sessions().unwrap();
        assert_eq!(sessions[0].id, first);
        assert!(sessions[0].ended_at.is_some(), "the first live is closed, not mixed with the second");
    }

    #[tokio::test]
    async fn a_gap_reaches_the_state_and_the_archive_and_closes_with_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        let session = engine.start(&fast_demo().into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let dropped = crate::ingest::SourceReason::ToolClosed { tool: "TikFinity".into() };
        engine.status.set_source_state(0, ConnectionState::Live, None);
        engine.status.set_source_state(0, ConnectionState::Error, Some(dropped.clone().into()));
        let open = engine.state().gaps;
        assert_eq!(open.len(), 1);
        assert_eq!((open[0].session, open[0].end, &open[0].reason), (session, None, &dropped));
        engine.stop().await.unwrap();
        let archived = Archive::open(engine.archive_path()).unwrap().gaps(Some(session)).unwrap();
        assert_eq!(archived.len(), 1);
        assert_eq!(archived[0].start, open[0].start);
        assert!(archived[0].end.is_some(), "the session's end closed it");
        assert_eq!(engine.state().gaps, archived, "and the state says so");
    }

    #[tokio::test]
    async fn reconnecting_with_no_source_does_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_in(&dir, &Lexicon::default());
        engine.start(&SourceSet::default()).await.unwrap();
        assert!(!engine.reconnect().await.unwrap());
        engine.stop().await.unwrap();
    }

    #[test]
    fn recent_ids_forget_the_oldest_first() {
        let mut recent = RecentIds::new();
        assert!(recent.first_sighting("x"));
        assert!(!recent.first_sighting("x"));
        for n in 0..RecentIds::CAPACITY {
            recent.first_sighting(&n.to_string());
        }
        assert!(recent.first_sighting("x"), "x was the oldest and has been forgotten");
        assert!(!recent.first_sighting(&(RecentIds::CAPACITY - 1).to_string()));
    }

    #[tokio::test]
    async fn the_mute_list_is_kept_in_the_archive_and_applies_to_the_next_comment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        let comment = |who: &str| LiveEvent {
            id: "m".into(),
            ts: 1,
            source: "test".into(),
            kind: crate::event::EventKind::Comment(crate::event::Comment {
                user: crate::event::User {
                    id: "1".into(),
                    unique_id: who.into(),
                    nickname: who.into(),
                    avatar_url: None,
                    is_moderator: false,
                    follow_role: Default::default(),
                },
                text: "halo kak".into(),
                flags: vec![],
                suggested: None,
                banner: None,
                finding: None,
            }),
        };
        let categories = |engine: &Engine, who: &str| {
            let mut event = comment(who);
            engine.moderator().moderate(&mut event);
            event.as_comment().unwrap().flags.iter().map(|f| f.category.label().to_string()).collect::<Vec<_>>()
        };
        {
            let engine =
                Engine::new(path.clone(), Outbox::default().publisher(), &Lexicon::default(), Default::default())
                    .unwrap();
            engine.mute("@Spammer88", "PROMO MURAH").unwrap();
            assert_eq!(categories(&engine, "spammer88"), ["muted"]);
        }
        // A new engine on the same archive (the app restarted) still knows.
        let engine = Engine::new(path, Outbox::default().publisher(), &Lexicon::default(), Default::default()).unwrap();
        assert_eq!(engine.muted_users().unwrap()[0].unique_id, "spammer88");
        assert_eq!(categories(&engine, "spammer88"), ["muted"]);
        assert!(engine.unmute("spammer88").unwrap());
        assert!(categories(&engine, "spammer88").is_empty());
        assert!(engine.muted_users().unwrap().is_empty());
    }

    #[test]
    fn a_bad_archive_is_reported_before_anything_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.db");
        std::fs::write(&path, [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]).unwrap();
        let error =
            Engine::new(path, Outbox::default().publisher(), &Lexicon::default(), Default::default()).err().unwrap();
        assert!(matches!(error, StoreError::NotSqlite { .. }));
    }
}
