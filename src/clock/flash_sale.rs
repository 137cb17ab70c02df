//! One flash-sale payment window ("drop"): what it is, and where it stands at a given instant.
//!
//! A drop is stored as wall-clock instants (when its window opens, when it closes, when it was
//! closed), never as a running timer, so its state is a pure function of "now": a restart, a
//! sleeping laptop or a slow tick cannot make it lose or gain time.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::store::FlashSaleEnd;

use super::time::rfc3339;
use super::urgency::{Marks, Urgency};
use crate::event::Timestamp;

/// Where a drop stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FlashSaleState {
    /// The lead-in ("mulai dalam 2:00"): the window has not opened yet.
    Upcoming,
    /// Buyers are paying.
    Running,
    /// The last stretch of the window (60 s by default): hurry.
    Ending,
    /// Over: expired, or closed by hand.
    Closed,
}

/// A drop as the clock keeps it (and the archive stores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleWindow {
    pub id: String,
    /// The live session it was started in, for the reports.
    pub session_id: Option<i64>,
    pub product: String,
    pub price: String,
    pub stock: Option<u32>,
    pub created_at: Timestamp,
    /// When the payment window opens (after the lead-in, if any).
    pub starts_at: Timestamp,
    /// When the payment window closes; extending moves it.
    pub deadline: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub end_reason: Option<FlashSaleEnd>,
}

impl SaleWindow {
    /// Its state at `now`, with `ending_ms` the length of the final stretch. A drop past its
    /// deadline is closed whether or not the clock has recorded it yet.
    pub fn state(&self, now: Timestamp, ending_ms: i64) -> FlashSaleState {
        if self.ended_at.is_some() || now >= self.deadline {
            FlashSaleState::Closed
        } else if now < self.starts_at {
            FlashSaleState::Upcoming
        } else if self.deadline - now <= ending_ms {
            FlashSaleState::Ending
        } else {
            FlashSaleState::Running
        }
    }

    /// Milliseconds to the next change a viewer cares about: the window opening (upcoming), the
    /// window closing (running, ending), none (closed).
    pub fn remaining_ms(&self, now: Timestamp, ending_ms: i64) -> i64 {
        match self.state(now, ending_ms) {
            FlashSaleState::Upcoming => self.starts_at - now,
            FlashSaleState::Running | FlashSaleState::Ending => self.deadline - now,
            FlashSaleState::Closed => 0,
        }
    }

    /// Whether it still counts (not closed, by hand or by time).
    pub fn is_open(&self, now: Timestamp) -> bool {
        self.ended_at.is_none() && now < self.deadline
    }

    /// What front ends show, its urgency decided by the `marks` of the settings in force.
    pub fn view(&self, now: Timestamp, marks: &Marks) -> FlashSale {
        let state = self.state(now, marks.ending_ms);
        let remaining_ms = self.remaining_ms(now, marks.ending_ms);
        FlashSale {
            id: self.id.clone(),
            product: self.product.clone(),
            price: self.price.clone(),
            stock: self.stock,
            window_seconds: ((self.deadline - self.starts_at) / 1000) as u32,
            starts_at: rfc3339(self.starts_at),
            deadline: rfc3339(self.deadline),
            ended_at: self.ended_at.map(rfc3339),
            state,
            end_reason: self.end_reason,
            remaining_ms,
            urgency: match state {
                FlashSaleState::Running | FlashSaleState::Ending => marks.window_urgency(remaining_ms),
                FlashSaleState::Upcoming | FlashSaleState::Closed => Urgency::Normal,
            },
            ending_ms: marks.ending_ms,
            final_ms: marks.final_ms,
        }
    }
}

/// A drop as the window, the host view, overlays and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FlashSale {
    /// `fs-` and 8 hex digits.
    pub id: String,
    /// As typed; untrusted text, shown as text.
    pub product: String,
    /// The promo price as typed, e.g. `Rp199.000`.
    pub price: String,
    /// Units on offer ("sisa 20"), when said.
    pub stock: Option<u32>,
    /// The payment window's length, extensions included.
    pub window_seconds: u32,
    /// When the window opens, RFC 3339.
    pub starts_at: String,
    /// When the window closes, RFC 3339.
    pub deadline: String,
    /// When it was closed, RFC 3339.
    pub ended_at: Option<String>,
    pub state: FlashSaleState,
    pub end_reason: Option<FlashSaleEnd>,
    /// Upcoming: until the window opens; running or ending: until it closes; closed: 0.
    #[ts(type = "number")]
    pub remaining_ms: i64,
    /// How hard it presses now, from the user's `[clock]` settings.
    pub urgency: Urgency,
    /// The marks `urgency` was decided by (window ms left at or below which it is ending, final;
    /// 0: no such stage), for front ends that count down between messages.
    #[ts(type = "number")]
    pub ending_ms: i64,
    #[ts(type = "number")]
    pub final_ms: i64,
}

/// What starting a drop asks for; `None` takes the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FlashSaleRequest {
    pub product: String,
    #[serde(default)]
    pub price: String,
    /// The payment window [default: the setting, 300 s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stock: Option<u32>,
    /// A lead-in before the window opens [default: none].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub starts_in: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window_at(starts_at: Timestamp, deadline: Timestamp) -> SaleWindow {
        SaleWindow {
            id: "fs-00000001".into(),
            session_id: None,
            product: "Sofa".into(),
            price: "Rp1".into(),
            stock: None,
            created_at: 0,
            starts_at,
            deadline,
            ended_at: None,
            end_reason: None,
        }
    }

    #[test]
    fn the_state_follows_the_instants() {
        let drop = window_at(10_000, 310_000);
        let state = |now| (drop.state(now, 60_000), drop.remaining_ms(now, 60_000));
        assert_eq!(state(0), (FlashSaleState::Upcoming, 10_000));
        assert_eq!(state(10_000), (FlashSaleState::Running, 300_000));
        assert_eq!(state(250_000), (FlashSaleState::Ending, 60_000), "the last 60 s are the ending");
        assert_eq!(state(249_999), (FlashSaleState::Running, 60_001));
        assert_eq!(state(310_000), (FlashSaleState::Closed, 0), "closed at the deadline, recorded or not");
        assert!(!drop.is_open(310_000) && drop.is_open(309_999));
    }

    #[test]
    fn the_view_carries_its_urgency_and_the_marks_it_was_decided_by() {
        let drop = window_at(0, 300_000);
        let marks = Marks { ending_ms: 90_000, final_ms: 20_000, heads_up_ms: 0 };
        let view = drop.view(275_000, &marks);
        assert_eq!(
            (view.state, view.urgency, view.ending_ms, view.final_ms),
            (FlashSaleState::Ending, Urgency::Ending, 90_000, 20_000)
        );
        assert_eq!(drop.view(280_000, &marks).urgency, Urgency::Final);
        let lead_in = window_at(10_000, 310_000);
        assert_eq!(lead_in.view(9_000, &marks).urgency, Urgency::Normal, "a lead-in is calm");
        assert_eq!(drop.view(300_000, &marks).urgency, Urgency::Normal, "and so is a closed drop");
    }

    #[test]
    fn a_drop_closed_by_hand_is_closed_before_its_deadline() {
        let drop =
            SaleWindow { ended_at: Some(20_000), end_reason: Some(FlashSaleEnd::Closed), ..window_at(0, 300_000) };
        let view = drop.view(30_000, &Marks::default());
        assert_eq!(
            (view.state, view.remaining_ms, view.end_reason),
            (FlashSaleState::Closed, 0, Some(FlashSaleEnd::Closed))
        );
        assert_eq!(view.window_seconds, 300);
        assert_eq!(view.ended_at.as_deref(), Some("1970-01-01T00:00:20Z"));
    }
}
