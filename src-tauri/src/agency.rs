//! The agency in the window: who hosts on this PC, the hub it sends its lives to, and where it
//! stands with the hub (also pushed on the feed's channel as it changes); the agency's report
//! from the hub.

use pandu::app::{Agency, AppError, HostChoices};
use pandu::hub::HubStatus;
use pandu::hub::fetch::AgencyRequest;
use pandu::hub::report::AgencyReport;
use pandu::report::{ReportFile, ReportFormat};
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

/// The hosts to pick from when a live starts: who hosts now, and who hosted here lately.
#[tauri::command]
pub async fn host_choices(shell: State<'_, Shell>) -> Result<HostChoices, AppError> {
    shell.app()?.host_choices().await
}

/// Where this desktop stands with the hub.
#[tauri::command]
pub async fn hub_status(shell: State<'_, Shell>) -> Result<HubStatus, AppError> {
    Ok(shell.app()?.hub_status())
}

/// The agency's report from the hub (the Laporan tab's "Agensi" scope).
#[tauri::command]
pub async fn agency_report_get(request: AgencyRequest, shell: State<'_, Shell>) -> Result<AgencyReport, AppError> {
    shell.app()?.agency_report(request).await
}

/// The agency's report as a Markdown, CSV, HTML or JSON file to save, as the hub writes it.
#[tauri::command]
pub async fn agency_report_export(
    request: AgencyRequest,
    format: ReportFormat,
    shell: State<'_, Shell>,
) -> Result<ReportFile, AppError> {
    shell.app()?.export_agency_report(request, format).await
}
