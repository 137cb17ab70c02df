//! How hard a countdown presses: a drop's urgency and a slot's phase, decided here once.
//!
//! The window, the host view and the stream overlay colour a countdown by what it means (a drop
//! in its last call pulses red, a slot past its heads-up turns amber), and every one of them must
//! agree with the alerts the ticker says and with the user's `[clock]` settings. So the meaning
//! is decided in the core, from the settings in force: each [`FlashSale`](super::flash_sale::FlashSale)
//! carries its [`Urgency`] and each [`RunSheetState`](super::run_sheet::RunSheetState) its
//! [`SlotPhase`], and both carry the [`Marks`] they were decided by. Front ends count down on
//! their own clock between the core's once-a-second messages; to keep a colour from lagging the
//! number by up to a second they re-apply the same marks to the time they show
//! (`ui/src/lib/urgency.ts`, checked against this module by the golden table), and decide nothing
//! else.

use serde::Serialize;
use ts_rs::TS;

use super::ClockSettings;

/// How hard a drop's payment window presses on the buyers (and so on the host's voice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Urgency {
    /// Before the window opens, while plenty of it is left, and after it closed.
    Normal,
    /// The last `ending_seconds` of the window: remind the buyers to pay.
    Ending,
    /// The last call: at or below the smallest `warn_at` mark.
    Final,
}

/// Where the run sheet's current slot stands against its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SlotPhase {
    /// More than `heads_up_seconds` left.
    OnTime,
    /// Within `heads_up_seconds` of its end: wrap up the product.
    HeadsUp,
    /// Its time is up (0 or less left): move on.
    Over,
}

/// The thresholds, in milliseconds left, that the settings in force put on every countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// A window with this much or less left is ending (`[clock] ending_seconds`).
    pub ending_ms: i64,
    /// A window with this much or less left is in its final call: the smallest `warn_at` mark,
    /// never above a non-zero `ending_ms` (the last call comes after the reminder, not before);
    /// 0 when `warn_at` is empty.
    pub final_ms: i64,
    /// A slot with this much or less left is in its heads-up (`[clock] heads_up_seconds`).
    pub heads_up_ms: i64,
}

impl Marks {
    pub fn of(settings: &ClockSettings) -> Marks {
        let ending_ms = i64::from(settings.ending_seconds) * 1000;
        let last_warning_ms = settings.warn_at.iter().min().map_or(0, |&mark| i64::from(mark) * 1000);
        Marks {
            ending_ms,
            final_ms: if ending_ms > 0 { last_warning_ms.min(ending_ms) } else { last_warning_ms },
            heads_up_ms: i64::from(settings.heads_up_seconds) * 1000,
        }
    }

    /// The urgency of an open payment window with `remaining_ms` left (a drop in its lead-in or
    /// closed is [`Urgency::Normal`]: `SaleWindow::view` says so before asking).
    pub fn window_urgency(&self, remaining_ms: i64) -> Urgency {
        if self.final_ms > 0 && remaining_ms <= self.final_ms {
            Urgency::Final
        } else if remaining_ms <= self.ending_ms {
            Urgency::Ending
        } else {
            Urgency::Normal
        }
    }

    /// The current slot's phase with `remaining_ms` left (negative once over time).
    pub fn slot_phase(&self, remaining_ms: i64) -> SlotPhase {
        if remaining_ms <= 0 {
            SlotPhase::Over
        } else if remaining_ms <= self.heads_up_ms {
            SlotPhase::HeadsUp
        } else {
            SlotPhase::OnTime
        }
    }
}

impl Default for Marks {
    fn default() -> Self {
        Marks::of(&ClockSettings::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(ending_seconds: u32, warn_at: &[u32], heads_up_seconds: u32) -> Marks {
        Marks::of(&ClockSettings { ending_seconds, warn_at: warn_at.to_vec(), heads_up_seconds, ..Default::default() })
    }

    #[test]
    fn the_defaults_are_a_minute_of_ending_and_a_last_call_at_thirty_seconds() {
        assert_eq!(Marks::default(), Marks { ending_ms: 60_000, final_ms: 30_000, heads_up_ms: 60_000 });
    }

    #[test]
    fn the_last_call_is_the_smallest_warning_and_never_comes_before_the_ending() {
        assert_eq!(marks(90, &[120, 45], 60).final_ms, 45_000);
        assert_eq!(marks(60, &[120], 60).final_ms, 60_000, "capped at the ending");
        assert_eq!(marks(60, &[], 60).final_ms, 0, "no warning, no last call");
        assert_eq!(marks(0, &[30], 60).final_ms, 30_000, "a last call without an ending stage");
    }

    #[test]
    fn an_open_window_presses_harder_as_it_closes() {
        let marks = marks(90, &[120, 45], 60);
        let at = |remaining| marks.window_urgency(remaining);
        assert_eq!(
            [at(90_001), at(90_000), at(45_001), at(45_000), at(1)],
            [Urgency::Normal, Urgency::Ending, Urgency::Ending, Urgency::Final, Urgency::Final]
        );
        assert_eq!(self::marks(60, &[], 60).window_urgency(1), Urgency::Ending, "no warning, no last call");
    }

    #[test]
    fn a_slot_gets_its_heads_up_then_runs_over() {
        let marks = marks(60, &[30], 120);
        assert_eq!(
            [marks.slot_phase(120_001), marks.slot_phase(120_000), marks.slot_phase(1), marks.slot_phase(0)],
            [SlotPhase::OnTime, SlotPhase::HeadsUp, SlotPhase::HeadsUp, SlotPhase::Over]
        );
        assert_eq!(marks.slot_phase(-5_000), SlotPhase::Over);
    }
}
