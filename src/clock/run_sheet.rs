//! The mix-session run sheet: products in turn, each for a set slot, and where the live stands.
//!
//! Like a drop, the position is kept as instants (when the slot started, when it was paused,
//! how long it has been paused), so the time left is a pure function of "now" and survives a
//! restart.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::flash_sale::FlashSaleRequest;
use super::urgency::{Marks, SlotPhase};
use crate::answers::ProductFacts;
use crate::event::Timestamp;

/// The longest slot or drop window Pandu takes: a whole day. Anything longer is a typo.
pub const MAX_SECONDS: u32 = 24 * 60 * 60;

/// A flash sale planned for a slot; `None` fields take the defaults when it is started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SlotDrop {
    /// The promo price, e.g. `Rp149.000`.
    pub price: String,
    /// The payment window [default: the setting].
    pub seconds: Option<u32>,
    pub stock: Option<u32>,
}

/// One product's turn.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Slot {
    pub product: String,
    /// The normal price, as typed.
    #[serde(default)]
    pub price: String,
    /// How long the slot runs.
    pub seconds: u32,
    /// What the host says about it; several lines.
    #[serde(default)]
    pub talking_points: String,
    #[serde(default)]
    pub drop: Option<SlotDrop>,
    /// The promo frame to put on air for this slot (a template's id); the settings' frame when
    /// `None`.
    #[serde(default)]
    pub template: Option<String>,
    /// What the host can answer viewers' questions from (material, sizes, shipping, …).
    #[serde(default)]
    pub facts: ProductFacts,
}

/// A named, ordered list of slots, saved and reused across lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RunSheet {
    pub name: String,
    pub slots: Vec<Slot>,
}

/// A saved run sheet in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RunSheetSummary {
    pub name: String,
    pub slots: u32,
    #[ts(type = "number")]
    pub updated_at: Timestamp,
}

impl RunSheet {
    /// Checks what a person could get wrong; the message names the slot and the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("name: a run sheet needs a name".into());
        }
        for (index, slot) in self.slots.iter().enumerate() {
            let at = |field: &str| format!("slots[{index}].{field}");
            if slot.product.trim().is_empty() {
                return Err(format!("{}: slot {} has no product", at("product"), index + 1));
            }
            if slot.seconds == 0 || slot.seconds > MAX_SECONDS {
                return Err(format!("{}: a slot lasts from 1 second to 24 hours, not {}", at("seconds"), slot.seconds));
            }
            if let Some(drop) = &slot.drop
                && let Some(seconds) = drop.seconds
                && (seconds == 0 || seconds > MAX_SECONDS)
            {
                return Err(format!(
                    "{}: a payment window lasts from 1 second to 24 hours, not {seconds}",
                    at("drop.seconds")
                ));
            }
            slot.facts.validate(&at("facts"))?;
        }
        Ok(())
    }
}

/// A run-sheet control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RunSheetAction {
    /// From the first slot (again).
    Start,
    Next,
    Previous,
    Pause,
    Resume,
}

impl std::str::FromStr for RunSheetAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(text.into()))
            .map_err(|_| format!("no run-sheet action '{text}' (start, next, previous, pause, resume)"))
    }
}

/// The sheet in force and where the live stands in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub sheet: RunSheet,
    /// The current slot; `None` before the start.
    pub slot: Option<usize>,
    pub slot_started_at: Timestamp,
    /// Set while paused.
    pub paused_at: Option<Timestamp>,
    /// Time spent paused in this slot, before the current pause.
    pub paused_ms: i64,
    /// Seconds added to this slot.
    pub extra_seconds: u32,
}

impl Position {
    /// The current slot.
    pub fn current(&self) -> Option<&Slot> {
        self.slot.and_then(|index| self.sheet.slots.get(index))
    }

    /// The current slot's length, extensions included.
    pub fn slot_seconds(&self) -> Option<u32> {
        self.current().map(|slot| slot.seconds.saturating_add(self.extra_seconds))
    }

    /// Time left in the current slot at `now`; negative once it is over time.
    pub fn remaining_ms(&self, now: Timestamp) -> Option<i64> {
        let seconds = self.slot_seconds()?;
        let elapsed = self.paused_at.unwrap_or(now) - self.slot_started_at - self.paused_ms;
        Some(i64::from(seconds) * 1000 - elapsed)
    }

    /// Applies `action` at `now`; the message says why it cannot.
    pub fn apply(&mut self, action: RunSheetAction, now: Timestamp) -> Result<(), String> {
        let last = self.sheet.slots.len().checked_sub(1).ok_or("the run sheet has no slots")?;
        match action {
            RunSheetAction::Start => self.enter(0, now),
            RunSheetAction::Next => match self.slot {
                None => self.enter(0, now),
                Some(index) if index < last => self.enter(index + 1, now),
                Some(_) => return Err("this is the last slot".into()),
            },
            RunSheetAction::Previous => match self.slot {
                Some(index) if index > 0 => self.enter(index - 1, now),
                Some(_) => return Err("this is the first slot".into()),
                None => return Err("the run sheet has not started".into()),
            },
            RunSheetAction::Pause => {
                if self.slot.is_none() {
                    return Err("the run sheet has not started".into());
                }
                self.paused_at.get_or_insert(now);
            }
            RunSheetAction::Resume => {
                if let Some(paused_at) = self.paused_at.take() {
                    self.paused_ms += now - paused_at;
                }
            }
        }
        Ok(())
    }

    /// Adds `seconds` to the current slot.
    pub fn extend(&mut self, seconds: u32) -> Result<(), String> {
        if self.slot.is_none() {
            return Err("the run sheet has not started".into());
        }
        self.extra_seconds = self.extra_seconds.saturating_add(seconds).min(MAX_SECONDS);
        Ok(())
    }

    /// Puts an edited `sheet` in force. The live stays on the slot it is on when that slot is
    /// still there (same product at the same place); otherwise it waits to be started again.
    pub fn replace_sheet(&mut self, sheet: RunSheet) {
        let same_slot = self
            .current()
            .zip(self.slot)
            .is_some_and(|(slot, index)| sheet.slots.get(index).is_some_and(|new| new.product == slot.product));
        self.sheet = sheet;
        if !same_slot {
            self.slot = None;
            self.paused_at = None;
            self.paused_ms = 0;
            self.extra_seconds = 0;
        }
    }

    fn enter(&mut self, index: usize, now: Timestamp) {
        self.slot = Some(index);
        self.slot_started_at = now;
        self.paused_at = None;
        self.paused_ms = 0;
        self.extra_seconds = 0;
    }

    /// What starting a drop for the current slot takes: its product and promo price (else its
    /// price), its window and stock; `None` before the run sheet starts. The console's drop form
    /// is filled from this, and the slot's hotkey starts it as it is.
    pub fn drop_request(&self) -> Option<FlashSaleRequest> {
        let slot = self.current()?;
        let drop = slot.drop.as_ref();
        Some(FlashSaleRequest {
            product: slot.product.clone(),
            price: drop.map_or(&slot.price, |d| &d.price).clone(),
            seconds: drop.and_then(|d| d.seconds),
            stock: drop.and_then(|d| d.stock),
            starts_in: None,
        })
    }

    /// What front ends show, its phase decided by the `marks` of the settings in force.
    pub fn view(&self, now: Timestamp, marks: &Marks) -> RunSheetState {
        let slot_remaining_ms = self.remaining_ms(now);
        RunSheetState {
            name: self.sheet.name.clone(),
            slot: self.slot.map(|index| index as u32),
            slots: self.sheet.slots.clone(),
            slot_remaining_ms,
            slot_seconds: self.slot_seconds(),
            paused: self.paused_at.is_some(),
            phase: slot_remaining_ms.map(|remaining| marks.slot_phase(remaining)),
            heads_up_ms: marks.heads_up_ms,
            drop_request: self.drop_request(),
        }
    }
}

/// Where the live stands in the run sheet, as front ends and the API show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RunSheetState {
    /// Empty while no sheet is loaded.
    pub name: String,
    /// The current slot's index; `None` before the start.
    pub slot: Option<u32>,
    pub slots: Vec<Slot>,
    /// Time left in the current slot; negative once it is over time.
    #[ts(type = "number | null")]
    pub slot_remaining_ms: Option<i64>,
    /// The current slot's length, extensions included.
    pub slot_seconds: Option<u32>,
    pub paused: bool,
    /// The current slot against its time (`None` before the start), from `heads_up_seconds`.
    pub phase: Option<SlotPhase>,
    /// The heads-up mark `phase` was decided by, for front ends that count down between
    /// messages.
    #[ts(type = "number")]
    pub heads_up_ms: i64,
    /// The drop the current slot plans (the console's drop form starts from it); `None` before
    /// the start.
    pub drop_request: Option<FlashSaleRequest>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sheet() -> RunSheet {
        let slot = |product: &str, seconds| Slot {
            product: product.into(),
            price: "Rp100.000".into(),
            seconds,
            talking_points: String::new(),
            drop: None,
            template: None,
            facts: ProductFacts::default(),
        };
        RunSheet { name: "Senin pagi".into(), slots: vec![slot("Sofa Novilla", 600), slot("Kursi Avenco", 300)] }
    }

    #[test]
    fn slots_count_down_pause_and_run_over() {
        let mut position = Position { sheet: sheet(), ..Default::default() };
        assert_eq!(position.remaining_ms(0), None, "nothing counts before the start");
        position.apply(RunSheetAction::Start, 1_000).unwrap();
        assert_eq!(position.remaining_ms(61_000), Some(540_000));
        position.apply(RunSheetAction::Pause, 61_000).unwrap();
        assert_eq!(position.remaining_ms(120_000), Some(540_000), "a pause stops the slot's clock");
        position.apply(RunSheetAction::Resume, 121_000).unwrap();
        assert_eq!(position.remaining_ms(181_000), Some(480_000));
        position.extend(60).unwrap();
        assert_eq!(position.remaining_ms(181_000), Some(540_000));
        assert_eq!(position.remaining_ms(781_000), Some(-60_000), "over time is negative");
        assert_eq!(position.slot_seconds(), Some(660));
    }

    #[test]
    fn next_and_previous_stop_at_the_ends_and_reset_the_slot() {
        let mut position = Position { sheet: sheet(), ..Default::default() };
        assert_eq!(position.apply(RunSheetAction::Previous, 0).unwrap_err(), "the run sheet has not started");
        position.apply(RunSheetAction::Next, 0).unwrap();
        assert_eq!(position.slot, Some(0), "next before the start starts");
        position.extend(30).unwrap();
        position.apply(RunSheetAction::Next, 5_000).unwrap();
        assert_eq!((position.slot, position.extra_seconds, position.remaining_ms(5_000)), (Some(1), 0, Some(300_000)));
        assert_eq!(position.apply(RunSheetAction::Next, 6_000).unwrap_err(), "this is the last slot");
        position.apply(RunSheetAction::Previous, 7_000).unwrap();
        assert_eq!(position.slot, Some(0));
        let mut empty = Position::default();
        assert_eq!(empty.apply(RunSheetAction::Start, 0).unwrap_err(), "the run sheet has no slots");
    }

    #[test]
    fn an_edited_sheet_keeps_the_slot_when_it_is_still_there() {
        let mut position = Position { sheet: sheet(), ..Default::default() };
        position.apply(RunSheetAction::Next, 0).unwrap();
        position.apply(RunSheetAction::Next, 0).unwrap();
        let mut edited = sheet();
        edited.slots[1].talking_points = "bahan jati".into();
        position.replace_sheet(edited.clone());
        assert_eq!(position.slot, Some(1));
        edited.slots.swap(0, 1);
        position.replace_sheet(edited);
        assert_eq!(position.slot, None, "the slot moved: wait for a start");
    }

    #[test]
    fn validation_names_the_slot_and_field() {
        let mut bad = sheet();
        bad.slots[1].seconds = 0;
        assert!(bad.validate().unwrap_err().starts_with("slots[1].seconds: "));
        bad.slots[1].seconds = 10;
        bad.slots[0].product = " ".into();
        assert!(bad.validate().unwrap_err().starts_with("slots[0].product: "));
        assert!(RunSheet { name: "".into(), slots: vec![] }.validate().unwrap_err().starts_with("name: "));
    }
}
