//! What the host view shows besides the clock: the next question to answer and the script as a
//! teleprompter with its forbidden words.
//!
//! The next question is the oldest tagged question not yet answered (the queue, in
//! `app::feedback`); while the queue is empty, the newest clean comment the feedback rules
//! ([`crate::feedback::suggest`]) read as a question.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::event::{EventKind, LiveEvent};
use crate::feedback::FeedbackKind;
use crate::moderation::script::ScriptHit;

/// The host's script and its forbidden words, for the teleprompter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostScript {
    pub text: String,
    /// Each forbidden word, by UTF-8 byte offsets into `text`, with its code word.
    pub hits: Vec<ScriptHit>,
}

/// Whether `event` is a clean viewer comment (nothing flagged, author not muted) that the
/// feedback rules read as a question: the kind the host view offers as the next one to answer.
pub fn is_open_question(event: &LiveEvent) -> bool {
    matches!(&event.kind, EventKind::Comment(comment)
        if comment.flags.is_empty() && comment.suggested == Some(FeedbackKind::Question))
}

/// The newest open question in `events`, if any.
pub fn newest_question(events: &[Arc<LiveEvent>]) -> Option<&Arc<LiveEvent>> {
    events.iter().rev().find(|event| is_open_question(event))
}

/// The last comments of the live, for picking one by id (to pin it on the frame). Older ones are
/// in the archive; a co-host pins what is on screen now.
pub struct RecentComments {
    comments: VecDeque<Arc<LiveEvent>>,
    capacity: usize,
}

impl RecentComments {
    pub fn new(capacity: usize) -> RecentComments {
        RecentComments { comments: VecDeque::with_capacity(capacity), capacity }
    }

    /// Keeps the comments of `events`, forgetting the oldest beyond the capacity.
    pub fn extend(&mut self, events: &[Arc<LiveEvent>]) {
        for event in events.iter().filter(|event| matches!(event.kind, EventKind::Comment(_))) {
            if self.comments.len() == self.capacity {
                self.comments.pop_front();
            }
            self.comments.push_back(Arc::clone(event));
        }
    }

    /// The newest comment with `id`.
    pub fn find(&self, id: &str) -> Option<&Arc<LiveEvent>> {
        self.comments.iter().rev().find(|event| event.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_comments_are_found_by_id_until_they_age_out() {
        let comment = |id: &str| {
            let mut event = crate::store::tests::comment(id, "ready kak?");
            event.id = id.into();
            Arc::new(event)
        };
        let viewers = Arc::new(LiveEvent { kind: EventKind::ViewerCount { count: 3 }, ..(*comment("j")).clone() });
        let mut recent = RecentComments::new(2);
        recent.extend(&[comment("a"), viewers, comment("b")]);
        assert!(recent.find("a").is_some() && recent.find("j").is_none(), "only comments are kept");
        recent.extend(&[comment("c")]);
        assert!(recent.find("a").is_none(), "the oldest went");
        assert_eq!(recent.find("c").unwrap().id, "c");
    }
}
