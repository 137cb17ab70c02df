//! The one typed stream from the core to every front end.
//!
//! Whatever leaves the core for a screen is an [`Outbound`] message: the window gets it over its
//! `tauri::ipc::Channel`, API clients and overlay pages over the `/api/events` WebSocket, both as
//! the same JSON (`{"type": "events", "events": [...]}`, `{"type": "session", "state": {...}}`,
//! `{"type": "clock", "clock": {...}}`, ...).
//! A capability that has something to show (flash-sale ticks, a pinned comment, a frame switch)
//! adds a variant here and publishes into the app's [`Outbox`]; no front end needs a channel of
//! its own for it, and the TypeScript type is generated from this enum.
//!
//! The outbox is a broadcast: every subscriber gets every message, and one that falls more than
//! [`OUTBOX_CAPACITY`] messages behind skips what it missed (it is a view; the archive has the
//! record) instead of holding the live back.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::broadcast;
use ts_rs::TS;

use crate::clock::{Alert, ClockState};
use crate::event::LiveEvent;
use crate::host::HostScript;
use crate::session::SessionState;

/// Messages a subscriber may fall behind by before it skips: at one batch every ~30 ms plus a
/// state each, about 15 seconds.
pub const OUTBOX_CAPACITY: usize = 1024;

/// One message from the core to a front end.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum Outbound {
    /// The events since the last batch (~30 ms), after moderation, in the order they arrived.
    Events { events: Vec<Arc<LiveEvent>> },
    /// The live session's state now: after each batch, once a second when quiet, and when a
    /// session starts or stops.
    Session { state: SessionState },
    /// The flash sales and the run sheet: at once on every change, and once a second while
    /// anything counts (front ends count down on their own clock in between).
    Clock { clock: ClockState },
    /// Something to tell the host at once: a drop opened, 60 or 30 s left, a drop expired, a
    /// slot's heads-up, a slot over time.
    Alert { alert: Alert },
    /// The host's next question: the oldest open one in the queue, else the newest clean comment
    /// that reads as a question; `null` when there is none. Sent whenever it may have changed.
    Question { question: Option<crate::app::NextQuestion> },
    /// The current live's tags (keluhan, pertanyaan, permintaan, pujian), whenever one changes
    /// and when a live starts.
    Feedback { feedback: crate::app::FeedbackState },
    /// The host's script (the teleprompter) with its forbidden words, when it or the lexicon
    /// changes.
    Script { report: HostScript },
    /// The frame on air: another template, a saved edit, a new product or price (its `version`
    /// moves; overlay pages reload the PNG).
    Frame { frame: crate::app::FrameView },
    /// The comment the co-host pinned on the frame overlay; `null` when it was taken off.
    Pinned { comment: Option<Arc<LiveEvent>> },
}

/// Where the core publishes [`Outbound`] messages; cheap to clone, one per app.
#[derive(Debug, Clone)]
pub struct Outbox {
    sender: broadcast::Sender<Arc<Outbound>>,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox { sender: broadcast::channel(OUTBOX_CAPACITY).0 }
    }
}

impl Outbox {
    /// Sends `message` to every subscriber. Having none is normal (no window, no overlay open).
    pub fn publish(&self, message: Outbound) {
        let _ = self.sender.send(Arc::new(message));
    }

    /// Every message published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Outbound>> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_tagged_json_and_reach_every_subscriber() {
        let outbox = Outbox::default();
        let (mut window, mut overlay) = (outbox.subscribe(), outbox.subscribe());
        outbox.publish(Outbound::Events { events: vec![] });
        for receiver in [&mut window, &mut overlay] {
            let message = receiver.try_recv().unwrap();
            assert_eq!(serde_json::to_value(&*message).unwrap(), serde_json::json!({"type": "events", "events": []}));
        }
    }

    #[test]
    fn a_subscriber_that_falls_behind_skips_instead_of_holding_the_rest() {
        let outbox = Outbox::default();
        let mut slow = outbox.subscribe();
        for _ in 0..OUTBOX_CAPACITY + 5 {
            outbox.publish(Outbound::Events { events: vec![] });
        }
        assert!(matches!(slow.try_recv(), Err(broadcast::error::TryRecvError::Lagged(5))));
        assert!(slow.try_recv().is_ok(), "it carries on with what is still there");
    }
}
