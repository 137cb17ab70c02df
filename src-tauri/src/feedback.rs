//! The feedback log in the window: tagging comments, the questions queue, search over every
//! live, reports with their exports, and backups.

use pandu::app::{AppError, ReportRequest};
use pandu::feedback::{FeedbackEntry, FeedbackFilter, FeedbackPatch, FeedbackRequest};
use pandu::report::{Report, ReportFile, ReportFormat};
use pandu::store::{LiveSession, SearchHit};
use tauri::State;

use crate::shell::Shell;

/// Tags a comment (again: changes its tag); the product is the current slot's unless given.
#[tauri::command]
pub async fn feedback_tag(request: FeedbackRequest, shell: State<'_, Shell>) -> Result<FeedbackEntry, AppError> {
    shell.app()?.tag_comment(request).await
}

/// Changes a tag's kind, note, product or answered state.
#[tauri::command]
pub async fn feedback_update(
    id: i64,
    patch: FeedbackPatch,
    shell: State<'_, Shell>,
) -> Result<FeedbackEntry, AppError> {
    shell.app()?.update_feedback(id, patch).await
}

/// Removes a tag.
#[tauri::command]
pub async fn feedback_delete(id: i64, shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.delete_feedback(id).await
}

/// Marks the question the host view shows answered, moving to the next.
#[tauri::command]
pub async fn question_answer_next(shell: State<'_, Shell>) -> Result<Option<FeedbackEntry>, AppError> {
    shell.app()?.answer_next_question().await
}

/// Tags over every live, filtered.
#[tauri::command]
pub async fn feedback_list(filter: FeedbackFilter, shell: State<'_, Shell>) -> Result<Vec<FeedbackEntry>, AppError> {
    shell.app()?.feedback(filter).await
}

/// Comments, nicknames and notes with every word of `query`, over every live, newest first.
#[tauri::command]
pub async fn archive_search(query: String, limit: u32, shell: State<'_, Shell>) -> Result<Vec<SearchHit>, AppError> {
    shell.app()?.search(query, limit as usize).await
}

/// Every live in the archive, oldest first (the report's picker).
#[tauri::command]
pub async fn archive_sessions(shell: State<'_, Shell>) -> Result<Vec<LiveSession>, AppError> {
    shell.app()?.sessions().await
}

/// A report on a live, a week or dates (this week by default).
#[tauri::command]
pub async fn report_get(request: ReportRequest, shell: State<'_, Shell>) -> Result<Report, AppError> {
    shell.app()?.report(request).await
}

/// A report as a Markdown, CSV or HTML file to save.
#[tauri::command]
pub async fn report_export(
    request: ReportRequest,
    format: ReportFormat,
    shell: State<'_, Shell>,
) -> Result<ReportFile, AppError> {
    shell.app()?.export_report(request, format).await
}

/// Makes today's backup now if there is none yet; the file, or `null` when today's exists.
#[tauri::command]
pub async fn backup_now(shell: State<'_, Shell>) -> Result<Option<String>, AppError> {
    Ok(shell.app()?.daily_backup().await?.map(|path| path.display().to_string()))
}
