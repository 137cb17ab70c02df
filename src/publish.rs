//! How a capability hands on what it has to show without knowing the stream it goes into.
//!
//! The app has one stream to every front end, [`Outbox`](crate::outbound::Outbox) of
//! `Outbound` messages, and `Outbound` names every capability's view (the clock's state, the
//! session's, ...). A capability that imported it to publish would import itself back in a
//! circle. So each capability publishes its own message type into a [`Publisher`] it is given,
//! and the outbox turns each into its `Outbound` variant (`Outbox::publisher`): the stream sits
//! above the capabilities, never beside them.

use std::sync::Arc;

/// Where a capability publishes messages of type `M`; cheap to clone.
pub struct Publisher<M>(Arc<dyn Fn(M) + Send + Sync>);

impl<M> Publisher<M> {
    /// A publisher that hands each message to `send`.
    pub fn new(send: impl Fn(M) + Send + Sync + 'static) -> Publisher<M> {
        Publisher(Arc::new(send))
    }

    /// Hands `message` on; having no one listening is normal.
    pub fn publish(&self, message: M) {
        (self.0)(message)
    }
}

impl<M> Clone for Publisher<M> {
    fn clone(&self) -> Self {
        Publisher(Arc::clone(&self.0))
    }
}

impl<M> std::fmt::Debug for Publisher<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Publisher")
    }
}
