//! Pengaturan's settings file commands: export and import without secrets, and the TikTok
//! `sessionid` kept in the OS credential store (`pandu::config::{transfer, sessionid}`).

use pandu::app::AppError;
use pandu::config::sessionid::SessionIdStatus;
use tauri::State;

use crate::shell::Shell;

/// The settings as an export's TOML text (no token, no `sessionid`), for the window to save.
#[tauri::command]
pub async fn settings_export(shell: State<'_, Shell>) -> Result<String, AppError> {
    Ok(shell.app()?.export_settings())
}

/// Checks the settings `text` picked as the file `name` and makes them this machine's (keeping
/// its tokens, `sessionid` and archive), in force from the next start; a bad file changes
/// nothing and says where it breaks.
#[tauri::command]
pub async fn settings_import(name: String, text: String, shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.import_settings(name, text).await
}

/// Where the TikTok `sessionid` is, and where a new one would go (never the cookie).
#[tauri::command]
pub async fn sessionid_status(shell: State<'_, Shell>) -> Result<SessionIdStatus, AppError> {
    Ok(shell.app()?.sessionid_status().await)
}

/// Stores `value` as the TikTok `sessionid` in the credential store (blank removes it); refused
/// where there is no store.
#[tauri::command]
pub async fn sessionid_set(value: String, shell: State<'_, Shell>) -> Result<SessionIdStatus, AppError> {
    shell.app()?.set_sessionid(value).await
}
