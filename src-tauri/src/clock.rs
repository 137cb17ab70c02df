//! Flash sales and the run sheet in the window: thin commands over the core's clock.

use pandu::app::{App, AppError, Preferences};
use pandu::clock::flash_sale::{FlashSale, FlashSaleRequest};
use pandu::clock::run_sheet::{RunSheet, RunSheetAction, RunSheetState, RunSheetSummary};
use tauri::State;

use crate::hotkeys;
use crate::shell::Shell;

/// Starts a drop; its window opens after `starts_in` seconds (at once by default).
#[tauri::command]
pub async fn flash_sale_start(request: FlashSaleRequest, shell: State<'_, Shell>) -> Result<FlashSale, AppError> {
    shell.app()?.start_flash_sale(request)
}

/// Closes a drop by hand.
#[tauri::command]
pub async fn flash_sale_close(id: String, shell: State<'_, Shell>) -> Result<FlashSale, AppError> {
    shell.app()?.close_flash_sale(&id)
}

/// Gives a drop `seconds` more.
#[tauri::command]
pub async fn flash_sale_extend(id: String, seconds: u32, shell: State<'_, Shell>) -> Result<FlashSale, AppError> {
    shell.app()?.extend_flash_sale(&id, seconds)
}

/// Start (from the first slot), next, previous, pause or resume.
#[tauri::command]
pub async fn run_sheet_control(action: RunSheetAction, shell: State<'_, Shell>) -> Result<RunSheetState, AppError> {
    shell.app()?.run_sheet_control(action)
}

/// Gives the current slot `seconds` more.
#[tauri::command]
pub async fn run_sheet_extend(seconds: u32, shell: State<'_, Shell>) -> Result<RunSheetState, AppError> {
    shell.app()?.extend_slot(seconds)
}

/// Saves `sheet` under its name and puts it in force (staying on the current slot when it is
/// still there).
#[tauri::command]
pub async fn run_sheet_use(sheet: RunSheet, shell: State<'_, Shell>) -> Result<RunSheetState, AppError> {
    shell.app()?.use_run_sheet(sheet).await
}

/// The saved run sheets, by name.
#[tauri::command]
pub async fn run_sheet_list(shell: State<'_, Shell>) -> Result<Vec<RunSheetSummary>, AppError> {
    shell.app()?.run_sheets().await
}

#[tauri::command]
pub async fn run_sheet_open(name: String, shell: State<'_, Shell>) -> Result<RunSheet, AppError> {
    shell.app()?.run_sheet(name).await
}

/// Deletes a saved run sheet; resolves to `false` if there was none by that name.
#[tauri::command]
pub async fn run_sheet_delete(name: String, shell: State<'_, Shell>) -> Result<bool, AppError> {
    shell.app()?.delete_run_sheet(name).await
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
pub async fn preferences_get(shell: State<'_, Shell>) -> Result<Preferences, AppError> {
    Ok(shell.app()?.preferences())
}

/// Checks and saves the preferences: the clock's at once, network access and hotkeys at the
/// next start. A hotkey the system cannot register is refused here, by name.
#[tauri::command]
pub async fn preferences_save(preferences: Preferences, shell: State<'_, Shell>) -> Result<Preferences, AppError> {
    hotkeys::check(&preferences.hotkeys)?;
    shell.app()?.save_preferences(preferences).await
}
