//! Archive write throughput: Pandu's batching writer against the naive baseline, in one run.
//!
//! - **writer**: the real path: events queued on the [`ArchiveWriter`]'s channel, written by its
//!   thread in adaptive batches, into a WAL-mode file on disk, the full-text search index
//!   (`comments_fts`) kept as it is written (one index statement per batch).
//! - **baseline**: the same archive and statements, one transaction per comment (what a
//!   straightforward "insert each comment as it arrives" gives).
//!
//! Run: `cargo bench --bench archive` (the figures go in `docs/measurements.md`).

#[path = "common/viewer.rs"]
mod viewer;

use std::sync::Arc;
use std::time::{Duration, Instant};

use pandu::event::LiveEvent;
use pandu::store::{Archive, ArchiveWriter};

const WRITER_COMMENTS: usize = 200_000;
const BASELINE_COMMENTS: usize = 5_000;
const ROUNDS: usize = 5;

fn comments(count: usize) -> Vec<Arc<LiveEvent>> {
    (0..count as i64).map(|n| Arc::new(viewer::comment(n, 1_700_000_000_000 + n, "bench"))).collect()
}

fn fresh_archive(dir: &tempfile::TempDir, round: usize, name: &str) -> (Archive, i64) {
    let archive = Archive::open(dir.path().join(format!("{name}-{round}.db"))).unwrap();
    let session = archive.begin_session("bench", 0).unwrap();
    (archive, session)
}

/// Comments per second, median of the rounds.
fn median_rate(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

fn rate(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// The CPU time this process has used (every thread, live or joined), from `/proc/self/stat`
/// (`utime` + `stime`, in Linux's fixed USER_HZ of 100 ticks a second); `None` elsewhere.
///
/// Why: on a machine shared with other work (a soak, a build) the wall-clock rates above fall
/// with the load, while comments per CPU-second stay what the archive's work costs.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let writer_input = comments(WRITER_COMMENTS);
    let baseline_input = comments(BASELINE_COMMENTS);
    let (mut writer_rates, mut baseline_rates) = (Vec::new(), Vec::new());
    let (mut writer_cpu_rates, mut baseline_cpu_rates) = (Vec::new(), Vec::new());

    for round in 0..ROUNDS {
        let (archive, session) = fresh_archive(&dir, round, "writer");
        let (started, cpu) = (Instant::now(), cpu_time());
        let writer = ArchiveWriter::spawn(archive, session, 16_384, Box::new(|_, _| {}));
        let sender = writer.sender();
        for event in &writer_input {
            sender.blocking_send(Arc::clone(event)).unwrap();
        }
        drop(sender);
        let report = writer.finish();
        writer_rates.push(rate(WRITER_COMMENTS, started.elapsed()));
        writer_cpu_rates.extend(cpu.zip(cpu_time()).map(|(before, after)| rate(WRITER_COMMENTS, after - before)));
        assert_eq!(report.stored as usize, WRITER_COMMENTS);

        let (mut archive, session) = fresh_archive(&dir, round, "baseline");
        let (started, cpu) = (Instant::now(), cpu_time());
        for event in &baseline_input {
            archive.insert_batch(session, std::slice::from_ref(event)).unwrap();
        }
        baseline_rates.push(rate(BASELINE_COMMENTS, started.elapsed()));
        baseline_cpu_rates.extend(cpu.zip(cpu_time()).map(|(before, after)| rate(BASELINE_COMMENTS, after - before)));
    }

    let (writer, baseline) = (median_rate(writer_rates), median_rate(baseline_rates));
    println!("archive write throughput, median of {ROUNDS} rounds, WAL file on disk");
    println!("  pandu batching writer   {WRITER_COMMENTS:>7} comments  {writer:>12.0} comments/s");
    println!("  baseline (1 tx/comment) {BASELINE_COMMENTS:>7} comments  {baseline:>12.0} comments/s");
    println!("  ratio                   {:>31.1}x", writer / baseline);
    if writer_cpu_rates.len() == ROUNDS && baseline_cpu_rates.len() == ROUNDS {
        let (writer, baseline) = (median_rate(writer_cpu_rates), median_rate(baseline_cpu_rates));
        println!("per CPU-second of the process (what the load of a shared machine leaves alone)");
        println!("  pandu batching writer   {WRITER_COMMENTS:>7} comments  {writer:>12.0} comments/CPU-s");
        println!("  baseline (1 tx/comment) {BASELINE_COMMENTS:>7} comments  {baseline:>12.0} comments/CPU-s");
        println!("  ratio                   {:>31.1}x", writer / baseline);
    }
}
