//! The feedback log in the window: tagging comments, the questions queue, search over every
//! live, reports with their exports, and backups.

use pandu::app::{AppError, FeedbackState, NextQuestion, ReportRequest};
use pandu::feedback::{FeedbackEntry, FeedbackFilter, FeedbackPatch, FeedbackRequest};
use pandu::report::{Report, ReportFile, ReportFormat};
use pandu::store::{LiveSession, SearchHit};
use tauri::State;

use crate::console::Console;

/// Tags a comment (again: changes its tag); the product is the current slot's unless given.
#[tauri::command]
pub async fn feedback_tag(request: FeedbackRequest, console: State<'_, Console>) -> Result<FeedbackEntry, AppError> {
    console.app()?.tag_comment(request).await
}

/// Changes a tag's kind, note, product or answered state.
#[tauri::command]
pub async fn feedback_update(
    id: i64,
    patch: FeedbackPatch,
    console: State<'_, Console>,
) -> Result<FeedbackEntry, AppError> {
    console.app()?.update_feedback(id, patch).await
}

/// Removes a tag.
#[tauri::command]
pub async fn feedback_delete(id: i64, console: State<'_, Console>) -> Result<(), AppError> {
    console.app()?.delete_feedback(id).await
}

/// Marks the question the host view shows answered, moving to the next.
#[tauri::command]
pub async fn question_answer_next(console: State<'_, Console>) -> Result<Option<FeedbackEntry>, AppError> {
    console.app()?.answer_next_question().await
}

/// The current live's tags.
#[tauri::command]
pub async fn feedback_state(console: State<'_, Console>) -> Result<FeedbackState, AppError> {
    Ok(console.app()?.feedback_state())
}

/// The question the host should answer next.
#[tauri::command]
pub async fn question_next(console: State<'_, Console>) -> Result<Option<NextQuestion>, AppError> {
    Ok(console.app()?.next_question())
}

/// Tags over every live, filtered.
#[tauri::command]
pub async fn feedback_list(
    filter: FeedbackFilter,
    console: State<'_, Console>,
) -> Result<Vec<FeedbackEntry>, AppError> {
    console.app()?.feedback(filter).await
}

/// Comments, nicknames and notes with every word of `query`, over every live, newest first.
#[tauri::command]
pub async fn archive_search(
    query: String,
    limit: u32,
    console: State<'_, Console>,
) -> Result<Vec<SearchHit>, AppError> {
    console.app()?.search(query, limit as usize).await
}

/// Every live in the archive, oldest first (the report's picker).
#[tauri::command]
pub async fn archive_sessions(console: State<'_, Console>) -> Result<Vec<LiveSession>, AppError> {
    console.app()?.sessions().await
}

/// A report on a live, a week or dates (this week by default).
#[tauri::command]
pub async fn report_get(request: ReportRequest, console: State<'_, Console>) -> Result<Report, AppError> {
    console.app()?.report(request).await
}

/// A report as a Markdown, CSV or HTML file to save.
#[tauri::command]
pub async fn report_export(
    request: ReportRequest,
    format: ReportFormat,
    console: State<'_, Console>,
) -> Result<ReportFile, AppError> {
    console.app()?.export_report(request, format).await
}

/// Makes today's backup now if there is none yet; the file, or `null` when today's exists.
#[tauri::command]
pub async fn backup_now(console: State<'_, Console>) -> Result<Option<String>, AppError> {
    Ok(console.app()?.daily_backup().await?.map(|path| path.display().to_string()))
}
