//! The app's outbound stream, forwarded to the window over a Tauri channel.

use std::sync::{Arc, Mutex};

use pandu::app::AppError;
use pandu::outbound::Outbound;
use pandu::session::SessionState;
use tauri::State;
use tauri::ipc::Channel;
use tokio::sync::broadcast::error::RecvError;

use crate::console::Console;

/// The task forwarding to the window's current channel.
#[derive(Default)]
pub struct Forwarder {
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

/// Sends the outbound stream to `on_update` from now on (replacing an earlier subscription, e.g.
/// after a reload) and returns the session's state now.
#[tauri::command]
pub async fn subscribe_feed(
    on_update: Channel<Arc<Outbound>>,
    forwarder: State<'_, Forwarder>,
    console: State<'_, Console>,
) -> Result<SessionState, AppError> {
    let app = console.app()?;
    let mut outbound = app.subscribe();
    let task = tauri::async_runtime::spawn(async move {
        loop {
            match outbound.recv().await {
                Ok(message) => {
                    if on_update.send(message).is_err() {
                        // The page went away; it subscribes again when it is back.
                        return;
                    }
                }
                Err(RecvError::Lagged(skipped)) => {
                    tracing::warn!("the window fell behind and skipped {skipped} messages")
                }
                Err(RecvError::Closed) => return,
            }
        }
    });
    if let Some(previous) = forwarder.task.lock().unwrap_or_else(|p| p.into_inner()).replace(task) {
        previous.abort();
    }
    Ok(app.state())
}
