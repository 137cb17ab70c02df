//! The archive's single writer thread.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::mpsc;

use super::{Archive, MAX_BATCH, StoreError};
use crate::event::{LiveEvent, now_ms};

/// How the writer's life went, returned when it finishes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriterReport {
    /// Events newly stored (re-deliveries of a stored message id are not counted).
    pub stored: u64,
    /// Transactions committed.
    pub batches: u64,
    /// Events given up on at shutdown because the archive kept refusing them.
    pub lost: u64,
}

/// Owns an [`Archive`] on a dedicated thread and writes what arrives on its channel.
///
/// Why a thread and not a tokio task: SQLite calls block, and a long-lived blocking loop
/// belongs on its own thread rather than tying up a runtime worker. `blocking_recv` waits for
/// the first event of a batch, then `try_recv` takes whatever else is already queued, so the
/// batch size adapts to the load with no timer and no added latency.
pub struct ArchiveWriter {
    sender: mpsc::Sender<Arc<LiveEvent>>,
    thread: JoinHandle<WriterReport>,
}

/// Called after each committed batch with the number of newly stored events, or with the error
/// a failed commit returned (the batch is then retried); and with how many events wait behind
/// it (the batch included).
pub type WriterObserver = Box<dyn FnMut(Result<usize, &StoreError>, usize) + Send>;

impl ArchiveWriter {
    /// How long to wait before retrying a batch whose commit failed (disk full, locked file).
    const RETRY_AFTER: Duration = Duration::from_millis(500);
    /// Retries of a failing batch once the queue is closed. While the live runs a batch is
    /// retried for as long as it takes; when the app is quitting, waiting forever on a broken
    /// disk would leave the user with a window that never closes.
    const RETRIES_AT_SHUTDOWN: u32 = 5;

    /// Starts writing into `session` of `archive`. `capacity` bounds the queue: when it is full,
    /// a sender waits (`send`) or is refused (`try_send`), its choice.
    pub fn spawn(mut archive: Archive, session: i64, capacity: usize, mut observe: WriterObserver) -> Self {
        let (sender, mut receiver) = mpsc::channel::<Arc<LiveEvent>>(capacity);
        let thread = std::thread::Builder::new()
            .name("pandu-archive".into())
            .spawn(move || {
                let mut report = WriterReport::default();
                let mut batch = Vec::with_capacity(MAX_BATCH);
                while let Some(first) = receiver.blocking_recv() {
                    batch.push(first);
                    while batch.len() < MAX_BATCH {
                        match receiver.try_recv() {
                            Ok(event) => batch.push(event),
                            Err(_) => break,
                        }
                    }
                    // Keep retrying until the archive takes the batch; the observer surfaces the
                    // error in the session state meanwhile.
                    let mut retries_at_shutdown = 0;
                    loop {
                        match archive.insert_batch(session, &batch) {
                            Ok(stored) => {
                                report.stored += stored as u64;
                                report.batches += 1;
                                observe(Ok(stored), receiver.len());
                                break;
                            }
                            Err(error) => {
                                observe(Err(&error), batch.len() + receiver.len());
                                if receiver.is_closed() {
                                    retries_at_shutdown += 1;
                                    if retries_at_shutdown > Self::RETRIES_AT_SHUTDOWN {
                                        tracing::error!("{} events could not be archived: {error}", batch.len());
                                        report.lost += batch.len() as u64;
                                        break;
                                    }
                                }
                                tracing::error!("archive write failed, retrying: {error}");
                                std::thread::sleep(Self::RETRY_AFTER);
                            }
                        }
                    }
                    batch.clear();
                }
                if let Err(error) = archive.end_session(session, now_ms()) {
                    tracing::error!("could not record the end of live session {session}: {error}");
                }
                report
            })
            .expect("the OS could not start the archive thread");
        ArchiveWriter { sender, thread }
    }

    /// A handle to queue events for writing.
    pub fn sender(&self) -> mpsc::Sender<Arc<LiveEvent>> {
        self.sender.clone()
    }

    /// Closes the queue, waits until everything queued is written and the session is closed,
    /// and reports. Returns once every other sender has been dropped too.
    pub fn finish(self) -> WriterReport {
        drop(self.sender);
        self.thread.join().expect("the archive thread panicked")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

    #[test]
    fn everything_queued_is_written_before_finish_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        let archive = Archive::open(&path).unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let writer = ArchiveWriter::spawn(archive, session, 64, Box::new(|_, _| {}));
        let sender = writer.sender();
        // Far more than the queue holds: blocking_send waits for room instead of dropping.
        for n in 0..10_000 {
            sender.blocking_send(Arc::new(comment(&format!("m{n}"), "ready kak?"))).unwrap();
        }
        drop(sender);
        let report = writer.finish();
        assert_eq!(report.stored, 10_000);
        assert!(report.batches < 10_000, "batches should coalesce under load: {report:?}");

        let archive = Archive::open(&path).unwrap();
        assert_eq!(archive.count_comments(Some(session)).unwrap(), 10_000);
        assert!(archive.sessions().unwrap()[0].ended_at.is_some());
    }

    #[test]
    fn a_refusing_archive_is_reported_and_shutdown_still_finishes() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.conn.execute_batch("PRAGMA query_only = ON").unwrap();
        let errors = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&errors);
        let observe = move |result: Result<usize, &StoreError>, _waiting: usize| {
            if result.is_err() {
                counted.fetch_add(1, Ordering::Relaxed);
            }
        };
        let writer = ArchiveWriter::spawn(archive, session, 8, Box::new(observe));
        writer.sender().blocking_send(Arc::new(comment("m1", "halo"))).unwrap();
        let report = writer.finish();
        assert_eq!((report.stored, report.lost), (0, 1));
        assert!(errors.load(Ordering::Relaxed) > ArchiveWriter::RETRIES_AT_SHUTDOWN as usize);
    }
}
