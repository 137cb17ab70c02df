//! The live's clock: flash-sale payment windows and the mix-session run sheet.
//!
//! In TikTok Shop's flash sales a buyer who taps "Beli Sekarang" has a few minutes (5 by
//! default) to pay before the order is cancelled; a live runs several products in turn, each for
//! a set slot. [`LiveClock`] keeps both, for the console, the host view and the stream overlay:
//!
//! - **Instants, not timers.** A drop is a window between two wall-clock instants and a slot a
//!   start plus pauses, all stored in the archive at every change, so a killed app or machine
//!   comes back with the right time left and a closed drop stays closed. States are pure
//!   functions of "now" ([`flash_sale`], [`run_sheet`]).
//! - **One ticker** ([`LiveClock::run`]) checks every [`TICK`] for what must be said out loud
//!   (a drop opening, 60 s and 30 s left, a drop expiring, a slot's heads-up, a slot over time)
//!   and publishes the clock into the app's outbox once a second while anything counts. Front
//!   ends count down on their own between messages; they never decide what a state means.
//! - **One time source** ([`time::Clock`]): tokio's monotonic clock from one wall-clock
//!   reading, so tests run every countdown on a paused clock.

mod archive;
pub mod csv;
pub mod flash_sale;
pub mod run_sheet;
pub mod time;
pub mod urgency;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use flash_sale::{FlashSale, FlashSaleEnd, FlashSaleRequest, SaleWindow};
use run_sheet::{MAX_SECONDS, Position, RunSheet, RunSheetAction, RunSheetState, RunSheetSummary};
use time::{Clock, rfc3339};
use urgency::{Marks, SlotPhase};

use crate::event::Timestamp;
use crate::publish::Publisher;
use crate::store::{Archive, StoreError};

/// How often the ticker looks for what is due.
pub const TICK: Duration = Duration::from_millis(250);
/// How often the clock is published while something counts.
const PUBLISH_EVERY: Duration = Duration::from_secs(1);

/// The clock's settings: the `[clock]` table of the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClockSettings {
    /// The payment window a drop gets unless told otherwise (TikTok's "Harga Guncang": 5 min).
    pub window_seconds: u32,
    /// The final stretch of a window shown as `ending`.
    pub ending_seconds: u32,
    /// Seconds left at which a warning is said, e.g. `[60, 30]`.
    pub warn_at: Vec<u32>,
    /// How long before a slot's end the host is told to wrap up.
    pub heads_up_seconds: u32,
    /// When the host pins a product in TikTok LIVE's shopping bag, move the run sheet to that
    /// product's slot (the frame, the host view and the answer cards follow).
    pub follow_pinned_product: bool,
}

impl Default for ClockSettings {
    fn default() -> Self {
        ClockSettings {
            window_seconds: 300,
            ending_seconds: 60,
            warn_at: vec![60, 30],
            heads_up_seconds: 60,
            follow_pinned_product: true,
        }
    }
}

impl ClockSettings {
    /// Checks values a person could get wrong; the message names the setting.
    pub fn validate(&self) -> Result<(), String> {
        if self.window_seconds == 0 || self.window_seconds > MAX_SECONDS {
            return Err(format!("window_seconds: from 1 to {MAX_SECONDS}, not {}", self.window_seconds));
        }
        if self.ending_seconds > MAX_SECONDS || self.heads_up_seconds > MAX_SECONDS {
            return Err(format!("ending_seconds and heads_up_seconds: at most {MAX_SECONDS}"));
        }
        if let Some(bad) = self.warn_at.iter().find(|&&mark| mark == 0 || mark > MAX_SECONDS) {
            return Err(format!("warn_at: each mark from 1 to {MAX_SECONDS} seconds, not {bad}"));
        }
        Ok(())
    }
}

/// The whole clock, as front ends show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClockState {
    /// When this was taken, RFC 3339.
    pub now: String,
    /// Every drop of the current session (closed ones too) and any still open from before,
    /// oldest first.
    pub flash_sales: Vec<FlashSale>,
    pub run_sheet: RunSheetState,
}

/// What an [`Alert`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AlertKind {
    /// A drop's payment window opened.
    FlashSaleStarted,
    /// A drop reached one of the `warn_at` marks.
    FlashSaleWarning,
    /// A drop's window ran out (not said for one closed by hand).
    FlashSaleClosed,
    /// The slot ends in `heads_up_seconds`.
    SlotHeadsUp,
    /// The slot has run over its time.
    SlotOverTime,
}

/// Something the host should hear or see at once (the UI beeps unless sound is off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Alert {
    pub kind: AlertKind,
    /// The drop's id, for flash-sale alerts.
    pub flash_sale: Option<String>,
    /// The drop's or the slot's product.
    pub product: String,
    /// The mark reached (warnings, heads-up); 0 otherwise.
    pub seconds_left: u32,
}

/// What a clock request got wrong. Each says what, naming the field or the id.
#[derive(Debug, thiserror::Error)]
pub enum ClockError {
    /// A value out of range or missing.
    #[error("{0}")]
    Invalid(String),
    /// No drop (or saved run sheet) by that name.
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the clock publishes; the app's outbox sends each as its `Outbound` variant.
#[derive(Debug, Clone)]
pub enum ClockUpdate {
    /// The flash sales and the run sheet now.
    State(Box<ClockState>),
    /// Something to tell the host at once.
    Alert(Alert),
}

/// The flash sales and the run sheet of a running Pandu.
pub struct LiveClock {
    archive_path: PathBuf,
    outbox: Publisher<ClockUpdate>,
    clock: Clock,
    settings: RwLock<ClockSettings>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    sales: Vec<SaleWindow>,
    /// What has been said about each open drop, so each alert is said once.
    said: HashMap<String, Said>,
    position: Position,
    /// For the current slot: the heads-up and over-time alerts said.
    slot_said: (bool, bool),
    session_id: Option<i64>,
}

#[derive(Default)]
struct Said {
    started: bool,
    /// The `warn_at` marks already passed.
    marks: Vec<u32>,
}

impl Said {
    /// What is said of a window as it opens with `remaining_ms` to go: that it opened, and no
    /// mark it starts inside (a 45-s window gets no "1:00 left").
    fn opening(remaining_ms: i64, warn_at: &[u32]) -> Said {
        Said { started: true, marks: passed(remaining_ms, warn_at) }
    }
}

/// The marks of `warn_at` at or above `remaining_ms`.
fn passed(remaining_ms: i64, warn_at: &[u32]) -> Vec<u32> {
    warn_at.iter().copied().filter(|&mark| remaining_ms <= i64::from(mark) * 1000).collect()
}

impl LiveClock {
    /// Opens the clock on the archive at `archive_path`: open drops come back (one that ran out
    /// while Pandu was down is recorded as expired at its deadline), and so does the run sheet
    /// in force. Nothing is said about what passed while Pandu was down.
    pub fn open(
        archive_path: PathBuf,
        outbox: Publisher<ClockUpdate>,
        settings: ClockSettings,
        clock: Clock,
    ) -> Result<Arc<LiveClock>, StoreError> {
        let archive = Archive::open(&archive_path)?;
        let now = clock.now();
        let mut inner = Inner { position: archive.run_position()?.unwrap_or_default(), ..Inner::default() };
        for mut sale in archive.open_flash_sales()? {
            if !sale.is_open(now) {
                sale.ended_at = Some(sale.deadline);
                sale.end_reason = Some(FlashSaleEnd::Expired);
                archive.save_flash_sale(&sale)?;
            }
            inner.sales.push(sale);
        }
        let live_clock =
            LiveClock { archive_path, outbox, clock, settings: RwLock::new(settings), inner: Mutex::new(inner) };
        {
            let mut inner = live_clock.lock();
            let settings = live_clock.settings();
            inner.mark_passed(now, &settings);
        }
        Ok(Arc::new(live_clock))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn settings(&self) -> ClockSettings {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts new settings in force (the next drop gets the new window; states follow at once).
    pub fn set_settings(&self, settings: ClockSettings) {
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        self.publish();
    }

    /// Wall-clock milliseconds now, as the clock counts them.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// A new live session began: drops closed in earlier sessions leave the list (the archive
    /// keeps them); open ones stay until they close.
    pub fn begin_session(&self, session_id: i64) {
        let now = self.now();
        {
            let mut inner = self.lock();
            inner.session_id = Some(session_id);
            inner.sales.retain(|sale| sale.is_open(now) || sale.session_id == Some(session_id));
        }
        self.publish();
    }

    /// The clock now.
    pub fn state(&self) -> ClockState {
        let now = self.now();
        let marks = Marks::of(&self.settings());
        let inner = self.lock();
        ClockState {
            now: rfc3339(now),
            flash_sales: inner.sales.iter().map(|sale| sale.view(now, &marks)).collect(),
            run_sheet: inner.position.view(now, &marks),
        }
    }

    /// Tells every front end the clock now.
    fn publish(&self) {
        self.outbox.publish(ClockUpdate::State(Box::new(self.state())));
    }

    fn archive(&self) -> Result<Archive, StoreError> {
        Archive::open(&self.archive_path)
    }

    // Flash sales.

    /// Starts a drop: its window opens after `starts_in` seconds (at once by default) and lasts
    /// `seconds` (the setting by default).
    pub fn start_flash_sale(&self, request: FlashSaleRequest) -> Result<FlashSale, ClockError> {
        let product = request.product.trim();
        if product.is_empty() {
            return Err(ClockError::Invalid("product: must not be empty".into()));
        }
        let settings = self.settings();
        let seconds = request.seconds.unwrap_or(settings.window_seconds);
        if seconds == 0 || seconds > MAX_SECONDS {
            return Err(ClockError::Invalid(format!(
                "seconds: the window lasts from 1 to {MAX_SECONDS} seconds, not {seconds}"
            )));
        }
        let starts_in = request.starts_in.unwrap_or(0);
        if starts_in > MAX_SECONDS {
            return Err(ClockError::Invalid(format!("starts_in: at most {MAX_SECONDS} seconds, not {starts_in}")));
        }
        let now = self.now();
        let starts_at = now + i64::from(starts_in) * 1000;
        let sale = SaleWindow {
            id: new_id(),
            session_id: self.lock().session_id,
            product: product.into(),
            price: request.price.trim().into(),
            stock: request.stock,
            created_at: now,
            starts_at,
            deadline: starts_at + i64::from(seconds) * 1000,
            ended_at: None,
            end_reason: None,
        };
        self.archive()?.save_flash_sale(&sale)?;
        let view = sale.view(now, &Marks::of(&settings));
        let started = (starts_in == 0).then(|| Alert {
            kind: AlertKind::FlashSaleStarted,
            flash_sale: Some(sale.id.clone()),
            product: sale.product.clone(),
            seconds_left: 0,
        });
        {
            let mut inner = self.lock();
            let said =
                if started.is_some() { Said::opening(sale.deadline - now, &settings.warn_at) } else { Said::default() };
            inner.said.insert(sale.id.clone(), said);
            inner.sales.push(sale);
        }
        self.publish();
        if let Some(alert) = started {
            self.outbox.publish(ClockUpdate::Alert(alert));
        }
        Ok(view)
    }

    /// Closes the drop `id` by hand. Closing a closed one changes nothing.
    pub fn close_flash_sale(&self, id: &str) -> Result<FlashSale, ClockError> {
        self.change_flash_sale(id, |sale, now| {
            if sale.is_open(now) {
                sale.ended_at = Some(now);
                sale.end_reason = Some(FlashSaleEnd::Closed);
            }
            Ok(())
        })
    }

    /// Gives the drop `id` `seconds` more (an upcoming one opens no later; it lasts longer).
    pub fn extend_flash_sale(&self, id: &str, seconds: u32) -> Result<FlashSale, ClockError> {
        if seconds == 0 || seconds > MAX_SECONDS {
            return Err(ClockError::Invalid(format!("seconds: from 1 to {MAX_SECONDS}, not {seconds}")));
        }
        self.change_flash_sale(id, |sale, now| {
            if !sale.is_open(now) {
                return Err(ClockError::Invalid(format!("flash sale {id} is closed; start a new one")));
            }
            sale.deadline += i64::from(seconds) * 1000;
            Ok(())
        })
    }

    fn change_flash_sale(
        &self,
        id: &str,
        change: impl FnOnce(&mut SaleWindow, Timestamp) -> Result<(), ClockError>,
    ) -> Result<FlashSale, ClockError> {
        let now = self.now();
        let settings = self.settings();
        let changed = {
            let mut inner = self.lock();
            let sale = inner
                .sales
                .iter_mut()
                .find(|sale| sale.id == id)
                .ok_or_else(|| ClockError::NotFound(format!("no flash sale '{id}'")))?;
            let mut changed = sale.clone();
            change(&mut changed, now)?;
            self.archive()?.save_flash_sale(&changed)?;
            *sale = changed.clone();
            // Marks the extension moved back above are said again when reached.
            let remaining = changed.deadline - now;
            if let Some(said) = inner.said.get_mut(id) {
                said.marks = passed(remaining, &said.marks);
            }
            changed
        };
        self.publish();
        Ok(changed.view(now, &Marks::of(&settings)))
    }

    /// The current slot's product (what a feedback tag is about unless said otherwise).
    pub fn current_product(&self) -> Option<String> {
        self.lock().position.current().map(|slot| slot.product.clone())
    }

    /// What starting a drop for the current slot takes ([`Position::drop_request`]).
    pub fn current_slot_flash_sale(&self) -> Option<FlashSaleRequest> {
        self.lock().position.drop_request()
    }

    // The run sheet.

    /// Applies a run-sheet control (start, next, previous, pause, resume).
    pub fn control(&self, action: RunSheetAction) -> Result<RunSheetState, ClockError> {
        self.change_position(|position, now| position.apply(action, now).map_err(ClockError::Invalid))
    }

    /// The host pinned a product in TikTok ([`Position::pin_product`]): the live moves to its
    /// slot when `follow`, and an id newly linked to a slot is saved with the sheet.
    pub fn pin_product(
        &self,
        product_id: Option<String>,
        title: &str,
        follow: bool,
    ) -> Result<RunSheetState, ClockError> {
        let mut linked = None;
        let state = self.change_position(|position, now| {
            if position.pin_product(product_id, title, follow, now) {
                linked = Some(position.sheet.clone());
            }
            Ok(())
        })?;
        if let Some(sheet) = linked {
            self.archive()?.save_run_sheet(&sheet, self.now())?;
        }
        Ok(state)
    }

    /// Adds `seconds` to the current slot.
    pub fn extend_slot(&self, seconds: u32) -> Result<RunSheetState, ClockError> {
        if seconds == 0 || seconds > MAX_SECONDS {
            return Err(ClockError::Invalid(format!("seconds: from 1 to {MAX_SECONDS}, not {seconds}")));
        }
        self.change_position(|position, _| position.extend(seconds).map_err(ClockError::Invalid))
    }

    /// Saves `sheet` under its name and puts it in force, staying on the current slot when it
    /// is still there.
    pub fn use_sheet(&self, mut sheet: RunSheet) -> Result<RunSheetState, ClockError> {
        sheet.validate().map_err(ClockError::Invalid)?;
        let archive = self.archive()?;
        // A product back on a new sheet with no facts brings the facts typed for it before.
        for slot in sheet.slots.iter_mut().filter(|slot| slot.facts.is_empty()) {
            if let Some(known) = archive.known_facts(&slot.product, &sheet.name)? {
                slot.facts = known;
            }
        }
        archive.save_run_sheet(&sheet, self.now())?;
        self.change_position(|position, _| {
            position.replace_sheet(sheet);
            Ok(())
        })
    }

    fn change_position(
        &self,
        change: impl FnOnce(&mut Position, Timestamp) -> Result<(), ClockError>,
    ) -> Result<RunSheetState, ClockError> {
        let now = self.now();
        let state = {
            let mut inner = self.lock();
            let mut position = inner.position.clone();
            change(&mut position, now)?;
            let archive = self.archive()?;
            archive.save_run_position(&position)?;
            let same_slot =
                (position.slot, position.slot_started_at) == (inner.position.slot, inner.position.slot_started_at);
            // Each slot's start is logged: the reports mark it on the live's timeline.
            if let (false, Some(index), Some(slot)) = (same_slot, position.slot, position.current()) {
                archive.log_slot_start(inner.session_id, index, &slot.product, position.slot_started_at)?;
            }
            inner.position = position;
            if !same_slot {
                inner.slot_said = (false, false);
            }
            let settings = self.settings();
            inner.mark_slot_passed(now, &settings);
            inner.position.view(now, &Marks::of(&settings))
        };
        self.publish();
        Ok(state)
    }

    /// The saved run sheets.
    pub fn sheets(&self) -> Result<Vec<RunSheetSummary>, ClockError> {
        Ok(self.archive()?.run_sheets()?)
    }

    /// The saved run sheet `name`.
    pub fn sheet(&self, name: &str) -> Result<RunSheet, ClockError> {
        self.archive()?.run_sheet(name)?.ok_or_else(|| ClockError::NotFound(format!("no saved run sheet '{name}'")))
    }

    /// Deletes the saved run sheet `name` (the one in force stays in force); `false` if none.
    pub fn delete_sheet(&self, name: &str) -> Result<bool, ClockError> {
        Ok(self.archive()?.delete_run_sheet(name)?)
    }

    // The ticker.

    /// Says what is due and publishes the clock, every [`TICK`], until `cancel`.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        let mut ticks = tokio::time::interval(TICK);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut last_published = tokio::time::Instant::now();
        loop {
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let (alerts, counting) = self.tick();
            let changed = !alerts.is_empty();
            if changed || (counting && last_published.elapsed() >= PUBLISH_EVERY) {
                self.publish();
                last_published = tokio::time::Instant::now();
            }
            for alert in alerts {
                self.outbox.publish(ClockUpdate::Alert(alert));
            }
        }
    }

    /// What is due now (recording expired drops), and whether anything is counting.
    fn tick(&self) -> (Vec<Alert>, bool) {
        let now = self.now();
        let settings = self.settings();
        let mut alerts = Vec::new();
        let mut expired = Vec::new();
        let counting = {
            let mut inner = self.lock();
            let Inner { sales, said, position, slot_said, .. } = &mut *inner;
            for sale in sales.iter_mut().filter(|sale| sale.ended_at.is_none()) {
                let said = said.entry(sale.id.clone()).or_default();
                let alert = |kind, seconds_left| Alert {
                    kind,
                    flash_sale: Some(sale.id.clone()),
                    product: sale.product.clone(),
                    seconds_left,
                };
                if now >= sale.deadline {
                    sale.ended_at = Some(sale.deadline);
                    sale.end_reason = Some(FlashSaleEnd::Expired);
                    alerts.push(alert(AlertKind::FlashSaleClosed, 0));
                    expired.push(sale.clone());
                    continue;
                }
                if now < sale.starts_at {
                    continue;
                }
                let remaining = sale.deadline - now;
                if !said.started {
                    *said = Said::opening(remaining, &settings.warn_at);
                    alerts.push(alert(AlertKind::FlashSaleStarted, 0));
                }
                // Only the nearest mark reached is said: two at once would be noise.
                if let Some(&mark) = settings
                    .warn_at
                    .iter()
                    .filter(|&&mark| remaining <= i64::from(mark) * 1000 && !said.marks.contains(&mark))
                    .min()
                {
                    said.marks.extend(settings.warn_at.iter().filter(|&&m| m >= mark));
                    alerts.push(alert(AlertKind::FlashSaleWarning, mark));
                }
            }
            said.retain(|id, _| sales.iter().any(|sale| &sale.id == id && sale.ended_at.is_none()));
            let slot_counting = position.paused_at.is_none() && position.current().is_some();
            if let (Some(remaining), Some(slot), true) = (position.remaining_ms(now), position.current(), slot_counting)
            {
                let alert =
                    |kind, seconds_left| Alert { kind, flash_sale: None, product: slot.product.clone(), seconds_left };
                // Said as the phase the front ends show changes, so the voice and the colour agree.
                match Marks::of(&settings).slot_phase(remaining) {
                    SlotPhase::Over if !slot_said.1 => {
                        *slot_said = (true, true);
                        alerts.push(alert(AlertKind::SlotOverTime, 0));
                    }
                    SlotPhase::HeadsUp if !slot_said.0 => {
                        slot_said.0 = true;
                        alerts.push(alert(AlertKind::SlotHeadsUp, settings.heads_up_seconds));
                    }
                    SlotPhase::OnTime => *slot_said = (false, false),
                    _ => {}
                }
            }
            slot_counting || sales.iter().any(|sale| sale.ended_at.is_none())
        };
        if !expired.is_empty() {
            // The alerts are said even if the archive fails: the live goes on; the error is logged.
            if let Err(error) =
                self.archive().and_then(|archive| expired.iter().try_for_each(|s| archive.save_flash_sale(s)))
            {
                tracing::error!("recording an expired flash sale: {error}");
            }
        }
        (alerts, counting || !expired.is_empty())
    }
}

impl Inner {
    /// Marks as said what was due before now (at start-up), so a restart repeats nothing.
    fn mark_passed(&mut self, now: Timestamp, settings: &ClockSettings) {
        for sale in self.sales.iter().filter(|sale| sale.is_open(now)) {
            let remaining = sale.deadline - now;
            let said =
                if now >= sale.starts_at { Said::opening(remaining, &settings.warn_at) } else { Said::default() };
            self.said.insert(sale.id.clone(), said);
        }
        self.mark_slot_passed(now, settings);
    }

    /// The current slot's alerts already due at `now` are not said again.
    fn mark_slot_passed(&mut self, now: Timestamp, settings: &ClockSettings) {
        if let Some(remaining) = self.position.remaining_ms(now) {
            let heads_up = remaining <= i64::from(settings.heads_up_seconds) * 1000;
            self.slot_said = (heads_up || self.slot_said.0, remaining <= 0 || self.slot_said.1);
            if !heads_up {
                self.slot_said = (false, false);
            }
        }
    }
}

/// `fs-` and 8 random hex digits: short enough to type in a curl command.
fn new_id() -> String {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the OS random source is unavailable");
    format!("fs-{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[cfg(test)]
mod tests;
