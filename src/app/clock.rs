//! The app's clock capability: flash sales, the run sheet, and the preferences behind them. The
//! shell's commands and the server's routes both call these.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, blocking, events_of, next_outbound};
use crate::clock::flash_sale::{FlashSale, FlashSaleRequest};
use crate::clock::run_sheet::{RunSheet, RunSheetAction, RunSheetState, RunSheetSummary};
use crate::clock::{ClockSettings, ClockState, csv};
use crate::config::Hotkeys;
use crate::event::EventKind;
use crate::session::SessionState;

/// `GET /api/state`: the session, the flash sales and the run sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ApiState {
    #[serde(flatten)]
    pub session: SessionState,
    pub flash_sales: Vec<FlashSale>,
    pub run_sheet: RunSheetState,
    /// The comment pinned on the frame overlay.
    pub pinned: Option<Arc<crate::event::LiveEvent>>,
    /// The frame on air: `{"template": id}`.
    pub frame: serde_json::Value,
}

/// The settings the window edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Preferences {
    /// A drop's payment window unless told otherwise.
    pub flash_sale_seconds: u32,
    /// The final stretch of a window shown as `ending`.
    pub ending_seconds: u32,
    /// Seconds left at which a warning is said.
    pub warn_at: Vec<u32>,
    /// A sound with each alert.
    pub sound: bool,
    /// Let devices on the same network open the host view (after a restart).
    pub lan: bool,
    /// Global hotkeys (after a restart).
    pub hotkeys: Hotkeys,
}

impl App {
    /// The clock now.
    pub fn clock_state(&self) -> ClockState {
        self.clock.state()
    }

    /// `GET /api/state`.
    pub fn api_state(&self) -> ApiState {
        let clock = self.clock.state();
        ApiState {
            session: self.state(),
            flash_sales: clock.flash_sales,
            run_sheet: clock.run_sheet,
            pinned: self.pinned(),
            frame: serde_json::json!({ "template": self.active_frame() }),
        }
    }

    pub fn start_flash_sale(&self, request: FlashSaleRequest) -> Result<FlashSale, AppError> {
        Ok(self.clock.start_flash_sale(request)?)
    }

    /// Starts a drop for the current slot, as the slot plans it (the drop hotkey).
    pub fn start_flash_sale_for_slot(&self) -> Result<FlashSale, AppError> {
        let request = self.clock.current_slot_flash_sale().ok_or_else(|| {
            AppError::new(ErrorCode::Invalid, "the run sheet has not started: there is no current product for a drop")
        })?;
        self.start_flash_sale(request)
    }

    pub fn close_flash_sale(&self, id: &str) -> Result<FlashSale, AppError> {
        Ok(self.clock.close_flash_sale(id)?)
    }

    pub fn extend_flash_sale(&self, id: &str, seconds: u32) -> Result<FlashSale, AppError> {
        Ok(self.clock.extend_flash_sale(id, seconds)?)
    }

    /// Moves through the run sheet; the answer card follows the product on air.
    pub fn run_sheet_control(&self, action: RunSheetAction) -> Result<RunSheetState, AppError> {
        let state = self.clock.control(action)?;
        self.publish_question();
        Ok(state)
    }

    /// Pauses a running slot, resumes a paused one (the pause hotkey).
    pub fn toggle_run_sheet_pause(&self) -> Result<RunSheetState, AppError> {
        let action = if self.clock.state().run_sheet.paused { RunSheetAction::Resume } else { RunSheetAction::Pause };
        self.run_sheet_control(action)
    }

    pub fn extend_slot(&self, seconds: u32) -> Result<RunSheetState, AppError> {
        Ok(self.clock.extend_slot(seconds)?)
    }

    /// Follows the outbound stream until `cancel`: each product the host pins in TikTok goes to
    /// the run sheet ([`LiveClock::pin_product`]), which moves to its slot unless
    /// `[clock] follow_pinned_product` is off; the answer card follows the product on air.
    pub(super) async fn watch_pinned_products(self: Arc<Self>, cancel: CancellationToken) {
        let mut outbound = self.subscribe();
        while let Some(events) = next_outbound(&mut outbound, &cancel, events_of).await {
            for event in &events {
                let EventKind::ProductShown { product_id, title, .. } = &event.kind else { continue };
                let follow = self.settings().clock.follow_pinned_product;
                match self.clock.pin_product(product_id.clone(), title, follow) {
                    Ok(_) => self.publish_question(),
                    Err(error) => tracing::error!("the product pinned in TikTok ({title}): {error}"),
                }
            }
        }
    }

    /// Saves `sheet` by name and puts it in force; the answer card reads its facts at once.
    pub async fn use_run_sheet(self: &Arc<Self>, sheet: RunSheet) -> Result<RunSheetState, AppError> {
        let app = Arc::clone(self);
        let state = blocking(move || Ok::<_, AppError>(app.clock.use_sheet(sheet)?)).await?;
        self.publish_question();
        Ok(state)
    }

    pub async fn run_sheets(self: &Arc<Self>) -> Result<Vec<RunSheetSummary>, AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.clock.sheets()?)).await
    }

    pub async fn run_sheet(self: &Arc<Self>, name: String) -> Result<RunSheet, AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.clock.sheet(&name)?)).await
    }

    pub async fn delete_run_sheet(self: &Arc<Self>, name: String) -> Result<bool, AppError> {
        let app = Arc::clone(self);
        blocking(move || Ok(app.clock.delete_sheet(&name)?)).await
    }

    /// Reads a CSV as the run sheet `name` (not saved: the editor shows it first).
    pub fn run_sheet_from_csv(name: &str, text: &str) -> Result<RunSheet, AppError> {
        Ok(csv::from_csv(name, text)?)
    }

    pub fn run_sheet_to_csv(sheet: &RunSheet) -> String {
        csv::to_csv(sheet)
    }

    /// The preferences in force.
    pub fn preferences(&self) -> Preferences {
        let settings = self.settings();
        Preferences {
            flash_sale_seconds: settings.clock.window_seconds,
            ending_seconds: settings.clock.ending_seconds,
            warn_at: settings.clock.warn_at,
            sound: settings.alerts.sound,
            lan: settings.lan,
            hotkeys: settings.hotkeys,
        }
    }

    /// Checks and saves `preferences` into the settings file; the clock's take effect at once,
    /// network access and hotkeys at the next start. Bad values change nothing.
    pub async fn save_preferences(self: &Arc<Self>, preferences: Preferences) -> Result<Preferences, AppError> {
        let settings = self.settings();
        let clock = ClockSettings {
            window_seconds: preferences.flash_sale_seconds,
            ending_seconds: preferences.ending_seconds,
            warn_at: preferences.warn_at,
            ..settings.clock
        };
        clock.validate().map_err(|message| AppError::new(ErrorCode::Invalid, message))?;
        for (name, accelerator) in [
            ("drop", &preferences.hotkeys.drop),
            ("next_slot", &preferences.hotkeys.next_slot),
            ("pause", &preferences.hotkeys.pause),
        ] {
            if accelerator.trim().is_empty() {
                return Err(AppError::new(ErrorCode::Invalid, format!("hotkeys.{name}: must not be empty")));
            }
        }
        let app = Arc::clone(self);
        let in_force = clock.clone();
        blocking(move || {
            app.change_settings(|settings, path| {
                settings.clock = in_force;
                settings.alerts.sound = preferences.sound;
                settings.lan = preferences.lan;
                settings.hotkeys = preferences.hotkeys;
                Ok(settings.save(path)?)
            })
        })
        .await?;
        self.clock.set_settings(clock);
        Ok(self.preferences())
    }
}
