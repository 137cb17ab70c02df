//! Flash sales and the run sheet in the window: thin commands over the core's clock.

use pandu::app::{App, AppError, Preferences};
use pandu::clock::ClockState;
use pandu::clock::flash_sale::{FlashSale, FlashSaleRequest};
use pandu::clock::run_sheet::{RunSheet, RunSheetAction, RunSheetState, RunSheetSummary};
use tauri::State;

use crate::console::Console;
use crate::hotkeys;

/// Starts a drop; its window opens after `starts_in` seconds (at once by default).
#[tauri::command]
pub async fn flash_sale_start(request: FlashSaleRequest, console: State<'_, Console>) -> Result<FlashSale, AppError> {
    console.app()?.start_flash_sale(request)
}

/// Closes a drop by hand.
#[tauri::command]
pub async fn flash_sale_close(id: String, console: State<'_, Console>) -> Result<FlashSale, AppError> {
    console.app()?.close_flash_sale(&id)
}

/// Gives a drop `seconds` more.
#[tauri::command]
pub async fn flash_sale_extend(id: String, seconds: u32, console: State<'_, Console>) -> Result<FlashSale, AppError> {
    console.app()?.extend_flash_sale(&id, seconds)
}

/// The flash sales and the run sheet now.
#[tauri::command]
pub async fn clock_state(console: State<'_, Console>) -> Result<ClockState, AppError> {
    Ok(console.app()?.clock_state())
}

/// Start (from the first slot), next, previous, pause or resume.
#[tauri::command]
pub async fn run_sheet_control(action: RunSheetAction, console: State<'_, Console>) -> Result<RunSheetState, AppError> {
    console.app()?.run_sheet_control(action)
}

/// Gives the current slot `seconds` more.
#[tauri::command]
pub async fn run_sheet_extend(seconds: u32, console: State<'_, Console>) -> Result<RunSheetState, AppError> {
    console.app()?.extend_slot(seconds)
}

/// Saves `sheet` under its name and puts it in force (staying on the current slot when it is
/// still there).
#[tauri::command]
pub async fn run_sheet_use(sheet: RunSheet, console: State<'_, Console>) -> Result<RunSheetState, AppError> {
    console.app()?.use_run_sheet(sheet).await
}

/// The saved run sheets, by name.
#[tauri::command]
pub async fn run_sheet_list(console: State<'_, Console>) -> Result<Vec<RunSheetSummary>, AppError> {
    console.app()?.run_sheets().await
}

#[tauri::command]
pub async fn run_sheet_open(name: String, console: State<'_, Console>) -> Result<RunSheet, AppError> {
    console.app()?.run_sheet(name).await
}

/// Deletes a saved run sheet; resolves to `false` if there was none by that name.
#[tauri::command]
pub async fn run_sheet_delete(name: String, console: State<'_, Console>) -> Result<bool, AppError> {
    console.app()?.delete_run_sheet(name).await
}

/// Reads a CSV as the run sheet `name`, without saving it; a bad row rejects with its line and
/// column and nothing is imported.
#[tauri::command]
pub async fn run_sheet_from_csv(name: String, csv: String) -> Result<RunSheet, AppError> {
    App::run_sheet_from_csv(&name, &csv)
}

/// `sheet` as CSV (UTF-8 with a byte-order mark, for Excel).
#[tauri::command]
pub async fn run_sheet_to_csv(sheet: RunSheet) -> Result<String, AppError> {
    Ok(App::run_sheet_to_csv(&sheet))
}

#[tauri::command]
pub async fn preferences_get(console: State<'_, Console>) -> Result<Preferences, AppError> {
    Ok(console.app()?.preferences())
}

/// Checks and saves the preferences: the clock's at once, network access and hotkeys at the
/// next start. A hotkey the system cannot register is refused here, by name.
#[tauri::command]
pub async fn preferences_save(preferences: Preferences, console: State<'_, Console>) -> Result<Preferences, AppError> {
    hotkeys::check(&preferences.hotkeys)?;
    console.app()?.save_preferences(preferences).await
}
