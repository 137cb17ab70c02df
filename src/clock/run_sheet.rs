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
    /// The product's id in the TikTok shop, linked the first time the host pins it (matched
    /// by title) or typed: pinning it again moves the live to this slot.
    #[serde(default)]
    pub tiktok_product_id: Option<String>,
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
            if let Some(id) = &slot.tiktok_product_id {
                check_tiktok_product_id(id).map_err(|message| format!("{}: {message}", at("tiktok_product_id")))?;
            }
        }
        Ok(())
    }
}

/// TikTok's product ids are decimal numbers, up to 20 digits (an unsigned 64-bit number).
pub fn check_tiktok_product_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.len() > 20 || !id.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("'{id}' is not a TikTok product id (its digits, as the shop shows them)"));
    }
    Ok(())
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
    /// The product the host last pinned in TikTok's shopping bag, and the slot it matched.
    #[serde(default)]
    pub pinned: Option<PinnedProduct>,
}

/// A product the host pinned in TikTok LIVE's shopping bag, as the run sheet read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PinnedProduct {
    /// TikTok's product id, as decimal text.
    pub product_id: Option<String>,
    /// Its title in the shop: untrusted text.
    pub title: String,
    /// The slot it is: by the linked id, else by its title. `None`: no slot is that product,
    /// and the live stays where it is (the mismatch is shown, never guessed).
    pub slot: Option<u32>,
    #[ts(type = "number")]
    pub at: Timestamp,
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

    /// The host pinned a product in TikTok: find its slot (by the id linked to a slot, else by
    /// title; an unclear title matches nothing), link the id to a slot found by title, and,
    /// with `follow`, move the live there. Whether the sheet changed (an id was linked).
    pub fn pin_product(&mut self, product_id: Option<String>, title: &str, follow: bool, now: Timestamp) -> bool {
        let by_id = product_id
            .as_ref()
            .and_then(|id| self.sheet.slots.iter().position(|slot| slot.tiktok_product_id.as_ref() == Some(id)));
        let slot = by_id.or_else(|| slot_titled(&self.sheet.slots, title));
        let mut linked = false;
        if let (None, Some(index), Some(id)) = (by_id, slot, &product_id)
            && self.sheet.slots[index].tiktok_product_id.is_none()
        {
            self.sheet.slots[index].tiktok_product_id = Some(id.clone());
            linked = true;
        }
        if let Some(index) = slot
            && follow
            && self.slot != Some(index)
        {
            self.enter(index, now);
        }
        self.pinned =
            Some(PinnedProduct { product_id, title: title.to_string(), slot: slot.map(|index| index as u32), at: now });
        linked
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
            pinned: self.pinned.clone(),
        }
    }
}

/// A title as compared: lower case, words of letters and digits only.
fn title_words(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one slot whose product is `title`: the same words, else the only slot whose product's
/// words all stand in the title (shop titles are long: "Daster Kirana Voal Premium Adem
/// Busui"). Two candidates, or none, match nothing.
fn slot_titled(slots: &[Slot], title: &str) -> Option<usize> {
    let title = title_words(title);
    if title.is_empty() {
        return None;
    }
    let products: Vec<String> = slots.iter().map(|slot| title_words(&slot.product)).collect();
    if let Some(index) = products.iter().position(|product| *product == title) {
        return Some(index);
    }
    let title_set: Vec<&str> = title.split(' ').collect();
    let mut within = products
        .iter()
        .enumerate()
        .filter(|(_, product)| !product.is_empty() && product.split(' ').all(|word| title_set.contains(&word)));
    match (within.next(), within.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
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
    /// The product the host last pinned in TikTok, and the slot it matched (`slot: null`: a
    /// product the sheet does not have, shown as a mismatch).
    pub pinned: Option<PinnedProduct>,
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
            tiktok_product_id: None,
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
    fn a_pinned_product_moves_the_live_to_its_slot_by_title_then_by_its_linked_id() {
        let mut position = Position { sheet: sheet(), ..Default::default() };
        position.apply(RunSheetAction::Start, 0).unwrap();
        let linked = position.pin_product(Some("7301".into()), "KURSI AVENCO – rotan sintetis, rangka besi", true, 5);
        assert!(linked, "the id is linked to the slot found by title");
        assert_eq!((position.slot, position.slot_started_at), (Some(1), 5));
        assert_eq!(position.sheet.slots[1].tiktok_product_id.as_deref(), Some("7301"));
        position.sheet.slots[1].product = "Kursi teras".into();
        position.apply(RunSheetAction::Previous, 6).unwrap();
        assert!(!position.pin_product(Some("7301".into()), "another title", true, 7), "found by its id");
        assert_eq!(position.slot, Some(1));
        assert_eq!(position.pinned.as_ref().and_then(|pinned| pinned.slot), Some(1));
    }

    #[test]
    fn a_pinned_product_the_sheet_lacks_or_cannot_tell_apart_moves_nothing() {
        let mut position = Position { sheet: sheet(), ..Default::default() };
        position.apply(RunSheetAction::Start, 0).unwrap();
        position.pin_product(Some("9".into()), "Lampu tidur LED", true, 5);
        assert_eq!((position.slot, position.pinned.as_ref().unwrap().slot), (Some(0), None), "a mismatch is shown");
        position.sheet.slots[1].product = "Sofa".into();
        position.pin_product(None, "Sofa Novilla", true, 6);
        assert_eq!(position.pinned.as_ref().unwrap().slot, Some(0), "the same words win over words within");
        position.sheet.slots[0].product = "Sofa Novilla Jati".into();
        position.sheet.slots[1].product = "Sofa Novilla Rotan".into();
        position.pin_product(None, "Sofa Novilla", true, 7);
        assert_eq!(position.pinned.as_ref().unwrap().slot, None, "two candidates: none");
        position.pin_product(None, "Sofa Novilla Rotan 3 dudukan", false, 8);
        assert_eq!(
            (position.slot, position.pinned.as_ref().unwrap().slot),
            (Some(0), Some(1)),
            "not followed when off"
        );
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
