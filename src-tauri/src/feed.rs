//! The app's outbound stream, forwarded to the window over a Tauri channel.

use std::sync::{Arc, Mutex};

use pandu::app::AppError;
use pandu::outbound::{Audience, Outbound};
use tauri::State;
use tauri::ipc::Channel;

use crate::shell::Shell;

/// The task forwarding to the window's current channel.
#[derive(Default)]
pub struct Forwarder {
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

/// Starts the window as every front end starts (`App::connect`): the app's snapshot (the
/// session, the clock, the live's tags, the next question, the script, the pinned comment, the
/// frame), then the outbound stream, all through `on_update`, replacing an earlier subscription
/// (e.g. after a reload).
#[tauri::command]
pub async fn subscribe_feed(
    on_update: Channel<Arc<Outbound>>,
    forwarder: State<'_, Forwarder>,
    shell: State<'_, Shell>,
) -> Result<(), AppError> {
    let mut connection = shell.app()?.connect(Audience::Control);
    let task = tauri::async_runtime::spawn(async move {
        for message in std::mem::take(&mut connection.snapshot) {
            if on_update.send(Arc::new(message)).is_err() {
                return;
            }
        }
        while let Some(message) = connection.next().await {
            if on_update.send(message).is_err() {
                // The page went away; it subscribes again when it is back.
                return;
            }
        }
    });
    if let Some(previous) = forwarder.task.lock().unwrap_or_else(|p| p.into_inner()).replace(task) {
        previous.abort();
    }
    Ok(())
}
