//! Timing helpers the benches that time closures share (included with `#[path]`, as
//! `common/mod.rs` is, since each bench is its own crate).

use std::time::{Duration, Instant};

/// The median of `times` timed runs of `run`.
pub fn median(mut run: impl FnMut(), times: usize) -> Duration {
    let mut samples: Vec<Duration> = (0..times)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[times / 2]
}
