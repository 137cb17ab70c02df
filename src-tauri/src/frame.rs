//! The promo frame in the window: which template is on air, the pinned comment, and the overlay
//! window for streaming software that cannot load a URL.

use pandu::app::{AppError, ErrorCode};
use pandu::event::LiveEvent;
use pandu_frame::Fields as FrameFields; // the name its TypeScript type has
use pandu_frame::{FrameDocument, FrameEdit, FramePreview, FrameTemplateEntry, FrameView};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::shell::Shell;

/// The overlay window's label; like the host window it has no capability: its page calls nothing.
const OVERLAY_WINDOW: &str = "overlay";

/// Every template, with why one cannot be used.
#[tauri::command]
pub async fn frame_list(shell: State<'_, Shell>) -> Result<Vec<FrameTemplateEntry>, AppError> {
    Ok(shell.app()?.frame_templates().await)
}

/// The frame on air.
#[tauri::command]
pub async fn frame_current(shell: State<'_, Shell>) -> Result<FrameView, AppError> {
    shell.app()?.frame_view(None)
}

/// Puts a template on air; one that cannot be used is refused and the frame on air stays.
#[tauri::command]
pub async fn frame_use(template: String, shell: State<'_, Shell>) -> Result<FrameView, AppError> {
    shell.app()?.use_frame(template).await
}

/// A template for the editor: its file's text and its model.
#[tauri::command]
pub async fn frame_open(template: String, shell: State<'_, Shell>) -> Result<FrameDocument, AppError> {
    shell.app()?.frame_document(template).await
}

/// The renderer's output for an unsaved edit, widget slots drawn as boxes, with `fields` over
/// the live's; a refused edit rejects with the place in `template.toml`.
#[tauri::command]
pub async fn frame_preview(
    template: String,
    edit: FrameEdit,
    fields: FrameFields,
    shell: State<'_, Shell>,
) -> Result<FramePreview, AppError> {
    shell.app()?.frame_preview(template, edit, fields, true).await
}

/// The PNG of an unsaved edit as the stream would show it (no slot boxes), for the editor's
/// export.
#[tauri::command]
pub async fn frame_export(
    template: String,
    edit: FrameEdit,
    fields: FrameFields,
    shell: State<'_, Shell>,
) -> Result<FramePreview, AppError> {
    shell.app()?.frame_preview(template, edit, fields, false).await
}

/// Saves an edit into `template.toml`, keeping its comments; a refused edit changes nothing.
#[tauri::command]
pub async fn frame_save(template: String, edit: FrameEdit, shell: State<'_, Shell>) -> Result<FrameDocument, AppError> {
    shell.app()?.save_frame(template, edit).await
}

/// A new template `id` copied from `from`.
#[tauri::command]
pub async fn frame_copy(from: String, id: String, shell: State<'_, Shell>) -> Result<FrameTemplateEntry, AppError> {
    shell.app()?.copy_frame(from, id).await
}

#[tauri::command]
pub async fn frame_rename(from: String, id: String, shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.rename_frame(from, id).await
}

/// Deletes a template (not the one on air).
#[tauri::command]
pub async fn frame_delete(template: String, shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.delete_frame(template).await
}

/// Copies an image the designer picked into the template's folder; resolves to the file name a
/// layer's `file` takes.
#[tauri::command]
pub async fn frame_add_image(
    template: String,
    name: String,
    bytes: Vec<u8>,
    shell: State<'_, Shell>,
) -> Result<String, AppError> {
    shell.app()?.add_frame_image(template, name, bytes).await
}

/// Pins a recent comment on the frame overlay.
#[tauri::command]
pub async fn pin_comment(comment_id: String, shell: State<'_, Shell>) -> Result<LiveEvent, AppError> {
    Ok(shell.app()?.pin(&comment_id)?.as_ref().clone())
}

/// Takes the pinned comment off the frame; resolves to `false` if none was pinned.
#[tauri::command]
pub async fn unpin_comment(shell: State<'_, Shell>) -> Result<bool, AppError> {
    Ok(shell.app()?.unpin())
}

/// Opens the frame overlay in a frameless window (540×960, half of TikTok's portrait frame) on a
/// chroma-key green background, for a Window Capture in TikTok LIVE Studio or OBS; or brings it
/// to the front.
#[tauri::command]
pub async fn open_overlay_window(app: AppHandle, shell: State<'_, Shell>) -> Result<(), AppError> {
    if let Some(window) = app.get_webview_window(OVERLAY_WINDOW) {
        return window.set_focus().map_err(window_error);
    }
    let address = shell.app()?.server_address().ok_or_else(|| {
        AppError::new(ErrorCode::Server, "the local server is not running, so the overlay has nothing to show")
    })?;
    let url = format!("http://{address}/overlay/frame?bg=green")
        .parse()
        .map_err(|error| AppError::new(ErrorCode::Server, format!("the overlay's address: {error}")))?;
    WebviewWindowBuilder::new(&app, OVERLAY_WINDOW, WebviewUrl::External(url))
        .title("Pandu — Overlay")
        .decorations(false)
        .inner_size(540.0, 960.0)
        .resizable(true)
        .build()
        .map(drop)
        .map_err(window_error)
}

fn window_error(error: tauri::Error) -> AppError {
    AppError::new(ErrorCode::Server, format!("the overlay window could not be opened: {error}"))
}
