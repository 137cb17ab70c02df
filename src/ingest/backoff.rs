//! When to try a dropped connection again: exponential backoff with jitter, capped, shared by
//! every source that reconnects (the tools' WebSockets, TikTok).

use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Exponential backoff with jitter, capped.
pub(crate) struct Backoff {
    first: Duration,
    cap: Duration,
    failures: u32,
    rng: ChaCha8Rng,
}

impl Backoff {
    pub(crate) fn new(first: Duration, cap: Duration) -> Self {
        let seed = crate::event::now_ms() as u64;
        Backoff { first, cap, failures: 0, rng: ChaCha8Rng::seed_from_u64(seed) }
    }

    /// The wait before the next attempt: doubling per failure, capped, and spread over the
    /// upper half so many clients that failed together do not retry together.
    pub(crate) fn next_delay(&mut self) -> Duration {
        let exponential = self.first.saturating_mul(1u32 << self.failures.min(16)).min(self.cap);
        self.failures += 1;
        exponential.mul_f64(self.rng.random_range(0.5..=1.0))
    }

    /// Starts again from the first delay, after a connection that worked.
    pub(crate) fn reset(&mut self) {
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        let delays: Vec<Duration> = (0..10).map(|_| backoff.next_delay()).collect();
        for (n, delay) in delays.iter().enumerate() {
            let full = Duration::from_secs(1u64 << n).min(Duration::from_secs(60));
            assert!(*delay >= full / 2 && *delay <= full, "attempt {n}: {delay:?}");
        }
        backoff.reset();
        assert!(backoff.next_delay() <= Duration::from_secs(1));
    }
}
