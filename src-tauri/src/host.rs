//! The host view: its second window, its link and QR code for a tablet, its script, and the
//! tokens (the host view's link carries the host token; Pengaturan rotates either).

use pandu::app::{AppError, ErrorCode, HostLink, Scope};
use pandu::teleprompter::HostScript;
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::shell::Shell;

/// The host window's label; it has no capability, so its page cannot call any command.
const HOST_WINDOW: &str = "host";

/// The script on the host view's teleprompter (kept from the last live), with its forbidden words.
#[tauri::command]
pub async fn host_script_get(shell: State<'_, Shell>) -> Result<HostScript, AppError> {
    Ok(shell.app()?.host_script())
}

/// Puts `script` on the host view's teleprompter, with its forbidden words.
#[tauri::command]
pub async fn host_script_set(script: String, shell: State<'_, Shell>) -> Result<HostScript, AppError> {
    shell.app()?.set_host_script(script).await
}

/// The host view's addresses (with the host token) and a QR code for a phone or tablet.
#[tauri::command]
pub async fn host_link(shell: State<'_, Shell>) -> Result<HostLink, AppError> {
    shell.app()?.host_link()
}

/// Replaces the token of `scope` with a new one, saved and in force at once; the connections
/// holding the old one (a phone's host view, a tool's stream) are closed. The host window here
/// is sent to the new link; the main window reads the new link and token again afterwards.
#[tauri::command]
pub async fn token_rotate(scope: Scope, app: AppHandle, shell: State<'_, Shell>) -> Result<(), AppError> {
    let core = shell.app()?;
    core.rotate_token(scope).await?;
    if scope == Scope::Host
        && let Some(window) = app.get_webview_window(HOST_WINDOW)
    {
        let link = core.host_link()?;
        let url = link.urls[0]
            .parse()
            .map_err(|error| AppError::new(ErrorCode::Server, format!("{}: {error}", link.urls[0])))?;
        window.navigate(url).map_err(window_error)?;
    }
    Ok(())
}

/// Opens the host view in a second window (for a second monitor), or brings it to the front.
/// It is the same page a tablet opens, served by the local server.
#[tauri::command]
pub async fn open_host_window(app: AppHandle, shell: State<'_, Shell>) -> Result<(), AppError> {
    if let Some(window) = app.get_webview_window(HOST_WINDOW) {
        return window.set_focus().map_err(window_error);
    }
    let link = shell.app()?.host_link()?;
    let url =
        link.urls[0].parse().map_err(|error| AppError::new(ErrorCode::Server, format!("{}: {error}", link.urls[0])))?;
    WebviewWindowBuilder::new(&app, HOST_WINDOW, WebviewUrl::External(url))
        .title("Pandu — Host")
        .inner_size(1280.0, 760.0)
        .min_inner_size(480.0, 480.0)
        .build()
        .map(drop)
        .map_err(window_error)
}

fn window_error(error: tauri::Error) -> AppError {
    AppError::new(ErrorCode::Server, format!("the host window could not be opened: {error}"))
}
