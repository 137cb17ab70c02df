//! The live's last comments, kept in memory so a comment that arrived a moment ago can be found
//! by id (to tag it, or to pin it on the frame) without waiting for the archive's writer.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::event::{EventKind, LiveEvent};

/// The last comments of the live, for picking one by id (to tag it, or to pin it on the frame).
/// Older ones are in the archive; a co-host pins what is on screen now.
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
