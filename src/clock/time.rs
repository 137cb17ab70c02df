//! The clock's idea of "now", and how instants are written for people and APIs.
//!
//! Deadlines are wall-clock instants (they must survive a restart), but *between* restarts the
//! clock runs on the monotonic clock from one wall-clock reading taken at start-up: a system
//! clock adjusted mid-live (NTP, a user fixing the time zone) then cannot make a countdown jump.
//! Because it is tokio's monotonic clock, tests pause and advance it and every countdown follows.

use tokio::time::Instant;

use crate::event::{Timestamp, now_ms};

/// Wall-clock milliseconds, advancing with tokio's clock.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    wall_at_start: Timestamp,
    start: Instant,
}

impl Clock {
    /// A clock reading the system's wall clock now.
    pub fn system() -> Clock {
        Clock::starting_at(now_ms())
    }

    /// A clock that reads `wall` now (tests pick their epoch).
    pub fn starting_at(wall: Timestamp) -> Clock {
        Clock { wall_at_start: wall, start: Instant::now() }
    }

    pub fn now(&self) -> Timestamp {
        self.wall_at_start + self.start.elapsed().as_millis() as Timestamp
    }
}

/// `ms` (Unix milliseconds) as RFC 3339 in UTC, e.g. `2026-12-02T13:09:05.123Z`.
pub fn rfc3339(ms: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |instant| instant.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_clock_follows_tokio_time() {
        let clock = Clock::starting_at(1_000);
        tokio::time::advance(std::time::Duration::from_millis(2_500)).await;
        assert_eq!(clock.now(), 3_500);
    }

    #[test]
    fn instants_are_written_as_rfc3339_utc() {
        assert_eq!(rfc3339(1_764_680_945_123), "2025-12-02T13:09:05.123Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
