//! The agency in the window: who hosts on this PC, the hub it sends its lives to, and where it
//! stands with the hub (also pushed on the feed's channel as it changes).

use pandu::app::{Agency, AppError};
use pandu::hub::HubStatus;
use tauri::State;

use crate::shell::Shell;

/// The host's name and the hub's settings.
#[tauri::command]
pub async fn agency_get(shell: State<'_, Shell>) -> Result<Agency, AppError> {
    Ok(shell.app()?.agency())
}

/// Checks and saves the host's name and the hub's settings; a changed hub is sent to at once.
#[tauri::command]
pub async fn agency_set(agency: Agency, shell: State<'_, Shell>) -> Result<Agency, AppError> {
    shell.app()?.save_agency(agency).await
}

/// Where this desktop stands with the hub.
#[tauri::command]
pub async fn hub_status(shell: State<'_, Shell>) -> Result<HubStatus, AppError> {
    Ok(shell.app()?.hub_status())
}
