//! Picking the source: each start opens a new live session in the archive.

use pandu::app::AppError;
use tauri::State;

use crate::shell::Shell;

/// Ends the current session and starts a new one on `spec` (`demo`, `tiktok:@shop`, several
/// joined by ` + `, or `none`), hosted by `host` when one is picked (remembered for the next
/// lives); resolves to the new session's id.
#[tauri::command]
pub async fn start_source(spec: String, host: Option<String>, shell: State<'_, Shell>) -> Result<i64, AppError> {
    shell.app()?.start_source_spec(&spec, host.as_deref()).await
}

/// Drops the source's connection and connects again at once ("sambung ulang"), in the same
/// session; resolves to `false` when there is nothing to reconnect.
#[tauri::command]
pub async fn reconnect_source(shell: State<'_, Shell>) -> Result<bool, AppError> {
    shell.app()?.reconnect_source().await
}

/// Ends the current session; everything received is archived first.
#[tauri::command]
pub async fn stop_source(shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.stop_source().await;
    Ok(())
}
