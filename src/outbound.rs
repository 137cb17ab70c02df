//! The one typed stream from the core to every front end.
//!
//! Whatever leaves the core for a screen is an [`Outbound`] message: the window gets it over its
//! `tauri::ipc::Channel`, API clients and overlay pages over the `/api/events` WebSocket, both as
//! the same JSON (`{"type": "events", "events": [...]}`, `{"type": "session", "state": {...}}`,
//! `{"type": "clock", "clock": {...}}`, ...).
//! A capability that has something to show (flash-sale ticks, a pinned comment, a frame switch)
//! adds a variant here and publishes into the app's [`Outbox`]; no front end needs a channel of
//! its own for it, and the TypeScript type is generated from this enum. A capability below the
//! app (the clock, the session) publishes its own message type through a
//! [`crate::publish::Publisher`] from [`Outbox::publisher`], and the `From` impls here
//! turn it into its variant, so imports run one way: this stream → the capabilities.
//!
//! The outbox is a broadcast: every subscriber gets every message, and one that falls more than
//! [`OUTBOX_CAPACITY`] messages behind skips what it missed (it is a view; the archive has the
//! record) instead of holding the live back.

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::broadcast;
use ts_rs::TS;

use crate::answers::AnswerCard;
use crate::clock::{Alert, ClockState, ClockUpdate};
use crate::event::LiveEvent;
use crate::feedback::{FeedbackState, NextQuestion};
use crate::hub::HubStatus;
use crate::publish::Publisher;
use crate::session::{SessionState, SessionUpdate};
use crate::teleprompter::HostScript;
use pandu_frame::FrameView;

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
    /// With it, its answer card (`null` when the question asks nothing a fact answers).
    Question { question: Option<NextQuestion>, card: Option<AnswerCard> },
    /// The current live's tags (keluhan, pertanyaan, permintaan, pujian), whenever one changes
    /// and when a live starts.
    Feedback { feedback: FeedbackState },
    /// The host's script (the teleprompter) with its forbidden words, when it or the lexicon
    /// changes.
    Script { report: HostScript },
    /// The frame on air: another template, a saved edit, a new product or price (its `version`
    /// moves; overlay pages reload the PNG).
    Frame { frame: FrameView },
    /// The comment the co-host pinned on the frame overlay; `null` when it was taken off.
    Pinned { comment: Option<Arc<LiveEvent>> },
    /// Where this desktop stands with the agency hub, whenever that changes.
    Hub { hub: HubStatus },
}

/// Who a front end is, and so which messages it may see. Every front end starts the same way:
/// it subscribes, is sent the app's snapshot (`App::snapshot`), then the stream, both filtered
/// by its audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The window and API clients holding the control token: everything.
    Control,
    /// The host view, holding the host token: what the host's screen shows (the clock and its
    /// alerts, the next question, the script, and the comments, for the warning banner), not
    /// the session's state, the feedback log, the frame or the pinned comment.
    Host,
    /// The overlay pages in the streaming software, without a token: only what is on the
    /// stream itself (the clock and its alerts, the frame, the pinned comment). No other
    /// comment, nickname or state leaves through them.
    Stream,
}

impl Audience {
    pub fn sees(self, message: &Outbound) -> bool {
        match self {
            Audience::Control => true,
            Audience::Host => matches!(
                message,
                Outbound::Clock { .. }
                    | Outbound::Alert { .. }
                    | Outbound::Question { .. }
                    | Outbound::Script { .. }
                    | Outbound::Events { .. }
            ),
            Audience::Stream => matches!(
                message,
                Outbound::Clock { .. } | Outbound::Alert { .. } | Outbound::Pinned { .. } | Outbound::Frame { .. }
            ),
        }
    }
}

/// One front end's view of the outbound stream: the snapshot to send first, then
/// [`Connection::next`] until the app stops.
#[derive(Debug)]
pub struct Connection {
    pub audience: Audience,
    /// What is true now, filtered to the audience: send it before anything from the stream.
    pub snapshot: Vec<Outbound>,
    stream: broadcast::Receiver<Arc<Outbound>>,
}

impl Connection {
    /// The next message the audience may see; `None` once the app has stopped. A front end too
    /// slow to keep up skips what it missed (logged) rather than holding the live back.
    pub async fn next(&mut self) -> Option<Arc<Outbound>> {
        loop {
            match self.stream.recv().await {
                Ok(message) if self.audience.sees(&message) => return Some(message),
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(skipped)) => {
                    tracing::warn!("a front end fell behind and skipped {skipped} messages")
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
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

    /// A front end's start: subscribed first, then `snapshot` taken, so nothing published in
    /// between is missed (a message in both is harmless: each says a whole state).
    pub fn connect(&self, audience: Audience, snapshot: impl FnOnce() -> Vec<Outbound>) -> Connection {
        let stream = self.sender.subscribe();
        let snapshot = snapshot().into_iter().filter(|message| audience.sees(message)).collect();
        Connection { audience, snapshot, stream }
    }

    /// Every message published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Outbound>> {
        self.sender.subscribe()
    }

    /// A publisher for a capability's own messages, each sent here as its [`Outbound`].
    pub fn publisher<M: Into<Outbound>>(&self) -> Publisher<M> {
        let outbox = self.clone();
        Publisher::new(move |message: M| outbox.publish(message.into()))
    }
}

impl From<ClockUpdate> for Outbound {
    fn from(update: ClockUpdate) -> Outbound {
        match update {
            ClockUpdate::State(clock) => Outbound::Clock { clock: *clock },
            ClockUpdate::Alert(alert) => Outbound::Alert { alert },
        }
    }
}

impl From<SessionUpdate> for Outbound {
    fn from(update: SessionUpdate) -> Outbound {
        match update {
            SessionUpdate::Events(events) => Outbound::Events { events },
            SessionUpdate::State(state) => Outbound::Session { state: *state },
        }
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

    #[tokio::test]
    async fn every_front_end_starts_from_the_snapshot_then_the_stream_filtered_to_its_audience() {
        let outbox = Outbox::default();
        let pinned = || Outbound::Pinned { comment: None };
        let events = || Outbound::Events { events: vec![] };
        let mut stream = outbox.connect(Audience::Stream, || {
            // Published while the snapshot is taken: subscribed already, so not lost.
            outbox.publish(pinned());
            vec![events(), pinned()]
        });
        let type_of = |message: &Outbound| serde_json::to_value(message).unwrap()["type"].clone();
        assert_eq!(stream.snapshot.iter().map(type_of).collect::<Vec<_>>(), ["pinned"], "no comment on the stream");
        outbox.publish(events());
        outbox.publish(pinned());
        assert_eq!(type_of(&stream.next().await.unwrap()), "pinned", "the one published during the snapshot");
        assert_eq!(type_of(&stream.next().await.unwrap()), "pinned", "events skipped for the stream's audience");

        let mut control = outbox.connect(Audience::Control, || vec![events(), pinned()]);
        assert_eq!(control.snapshot.len(), 2);
        outbox.publish(events());
        assert_eq!(type_of(&control.next().await.unwrap()), "events");
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
