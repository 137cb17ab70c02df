//! Moderation: where every event is inspected before anyone sees it.
//!
//! The session calls [`moderate`] on each event between its source and the fan-out, so flags
//! reach the UI, the overlays and the archive together. The lexicon matcher, spam and
//! impersonation detection plug in here; until they do, events pass through unflagged.

use crate::event::LiveEvent;

/// Inspects `event` and records what it finds in its flags.
pub fn moderate(_event: &mut LiveEvent) {}
