//! Picking the source: each start opens a new live session in the archive.

use pandu::ingest::SourceSet;
use tauri::State;

use crate::console::Console;

/// Ends the current session and starts a new one on `spec` (`demo`, `tiktok:@shop`, several
/// joined by ` + `, or `none`); resolves to the new session's id, or rejects with what is
/// wrong, in plain words.
#[tauri::command]
pub async fn start_source(spec: String, console: State<'_, Console>) -> Result<i64, String> {
    let engine = console.engine()?;
    let sources: SourceSet = spec.parse().map_err(|error: pandu::ingest::SpecError| error.to_string())?;
    engine.start(&sources).await.map_err(|error| error.to_string())
}

/// Drops the source's connection and connects again at once ("sambung ulang"), in the same
/// session; resolves to `false` when there is nothing to reconnect.
#[tauri::command]
pub async fn reconnect_source(console: State<'_, Console>) -> Result<bool, String> {
    console.engine()?.reconnect().await.map_err(|error| error.to_string())
}

/// Ends the current session; everything received is archived first.
#[tauri::command]
pub async fn stop_source(console: State<'_, Console>) -> Result<(), String> {
    console.engine()?.stop().await;
    Ok(())
}
