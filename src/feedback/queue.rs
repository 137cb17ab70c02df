//! The host's questions queue: the live's tags as the console shows them, and the one question
//! the host should answer next.
//!
//! The next question is the queue's oldest open one; while the queue is empty, the newest clean
//! comment the suggestion rules ([`super::suggest`]) read as a question, until it is tagged.
//! Both are decided here, below the app, so the outbound stream carries them without knowing
//! the app.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::FeedbackEntry;
use crate::event::{EventKind, FeedbackKind, LiveEvent, Timestamp};

/// The tags of the current live, for the console (tag chips, the "Belum dijawab" lane).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FeedbackState {
    #[ts(type = "number | null")]
    pub session: Option<i64>,
    /// Every tag of the live, oldest comment first.
    pub entries: Vec<FeedbackEntry>,
}

/// The question the host should answer next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NextQuestion {
    /// The tag, for a question in the queue; `null` for one the rules suggested while the
    /// queue is empty (answering it tags it).
    #[ts(type = "number | null")]
    pub feedback_id: Option<i64>,
    pub comment_id: String,
    #[ts(type = "number")]
    pub ts: Timestamp,
    /// Untrusted text.
    pub nickname: String,
    pub text: String,
    pub product: Option<String>,
    /// Questions in the queue after this one.
    pub waiting: u32,
}

impl NextQuestion {
    /// The queue's oldest open question in `entries` (the live's tags), else `suggested` (the
    /// newest clean comment the rules read as a question) unless it was tagged.
    pub fn pick(entries: &[FeedbackEntry], suggested: Option<Arc<LiveEvent>>) -> Option<NextQuestion> {
        let mut open =
            entries.iter().filter(|entry| entry.kind == FeedbackKind::Question && entry.answered_at.is_none());
        if let Some(first) = open.next() {
            return Some(NextQuestion {
                feedback_id: Some(first.id),
                comment_id: first.comment_id.clone(),
                ts: first.comment_ts,
                nickname: first.nickname.clone(),
                text: first.text.clone(),
                product: first.product.clone(),
                waiting: open.count() as u32,
            });
        }
        let event = suggested?;
        let EventKind::Comment(comment) = &event.kind else { return None };
        if entries.iter().any(|entry| entry.comment_id == event.id) {
            return None;
        }
        Some(NextQuestion {
            feedback_id: None,
            comment_id: event.id.clone(),
            ts: event.ts,
            nickname: comment.user.nickname.clone(),
            text: comment.text.clone(),
            product: None,
            waiting: 0,
        })
    }
}

/// Whether `event` is a clean viewer comment (nothing flagged, author not muted) that the
/// feedback rules read as a question: the kind the host view offers as the next one to answer.
fn is_open_question(event: &LiveEvent) -> bool {
    matches!(&event.kind, EventKind::Comment(comment)
        if comment.flags.is_empty() && comment.suggested == Some(FeedbackKind::Question))
}

/// The newest open question in `events`, if any.
pub fn newest_question(events: &[Arc<LiveEvent>]) -> Option<&Arc<LiveEvent>> {
    events.iter().rev().find(|event| is_open_question(event))
}
