//! Picking the source: each start opens a new live session in the archive.

use pandu::app::AppError;
use tauri::State;

use crate::console::Console;

/// Ends the current session and starts a new one on `spec` (`demo`, `tiktok:@shop`, several
/// joined by ` + `, or `none`); resolves to the new session's id.
#[tauri::command]
pub async fn start_source(spec: String, console: State<'_, Console>) -> Result<i64, AppError> {
    console.app()?.start_source_spec(&spec).await
}

/// Drops the source's connection and connects again at once ("sambung ulang"), in the same
/// session; resolves to `false` when there is nothing to reconnect.
#[tauri::command]
pub async fn reconnect_source(console: State<'_, Console>) -> Result<bool, AppError> {
    console.app()?.reconnect_source().await
}

/// Ends the current session; everything received is archived first.
#[tauri::command]
pub async fn stop_source(console: State<'_, Console>) -> Result<(), AppError> {
    console.app()?.stop_source().await;
    Ok(())
}
