//! The live feed: batches from the engine's UI batcher, delivered over a Tauri channel.

use std::sync::{Arc, Mutex};

use pandu::session::{FeedUpdate, SessionState, UiSink};
use tauri::State;
use tauri::ipc::Channel;

use crate::console::Console;

/// Forwards the engine's batches to the window's channel, once the window has subscribed.
#[derive(Default)]
pub struct ChannelSink {
    channel: Mutex<Option<Channel<FeedUpdate>>>,
}

impl UiSink for ChannelSink {
    fn deliver(&self, update: FeedUpdate) {
        let mut channel = self.channel.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(open) = channel.as_ref()
            && open.send(update).is_err()
        {
            // The page went away (reload, closed window); it subscribes again when it is back.
            *channel = None;
        }
    }
}

/// Sends the feed to `on_update` from now on (replacing an earlier subscription, e.g. after a
/// reload) and returns the session's state now.
#[tauri::command]
pub fn subscribe_feed(
    on_update: Channel<FeedUpdate>,
    sink: State<'_, Arc<ChannelSink>>,
    console: State<'_, Console>,
) -> Option<SessionState> {
    *sink.channel.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(on_update);
    console.state()
}
