//! The feedback log: what viewers said that a team should hear about after the live.
//!
//! During a live the co-host tags a comment with one key as a
//! [`crate::event::FeedbackKind`] (a complaint, a question, a request or praise),
//! with the product it is about and a short note; the archive keeps the tag with a copy of the
//! comment (`store::feedback`), so a tag never depends on the comment's own row having been
//! written yet. Questions form the host's queue until they are marked answered. [`suggest`]
//! reads every incoming comment and marks the ones that look like a question or a complaint, so
//! the co-host confirms with one key instead of hunting for them.

mod queue;
mod recent;
pub mod suggest;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use queue::{FeedbackState, NextQuestion, newest_question};
pub use recent::RecentComments;

use crate::event::{FeedbackKind, Timestamp};

/// One tagged comment, as the console, the API and the reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FeedbackEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// The live session the comment came in.
    #[ts(type = "number | null")]
    pub session: Option<i64>,
    /// The comment's message id (as in its `LiveEvent`).
    pub comment_id: String,
    /// When the comment was sent, Unix ms.
    #[ts(type = "number")]
    pub comment_ts: Timestamp,
    /// The commenter's handle and display name, and what they wrote: untrusted text.
    pub unique_id: String,
    pub nickname: String,
    pub text: String,
    pub kind: FeedbackKind,
    /// The product it is about (the run sheet's slot when tagged, unless changed).
    pub product: Option<String>,
    /// The co-host's note; empty when none.
    pub note: String,
    #[ts(type = "number")]
    pub created_at: Timestamp,
    /// When it was marked answered (questions), Unix ms.
    #[ts(type = "number | null")]
    pub answered_at: Option<Timestamp>,
    /// The answer the host was given (the answer card's sentence, or the co-host's own).
    pub answer: Option<String>,
    /// The facts the answer card lacked when it was answered (`crate::answers::Fact` keys):
    /// what to add before the next live.
    pub missing: Vec<String>,
}

/// `POST /api/feedback`: tag a comment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FeedbackRequest {
    /// The comment's message id: one of the live's recent comments, or an archived one.
    pub comment_id: String,
    pub kind: FeedbackKind,
    #[serde(default)]
    pub note: String,
    /// The product; by default the run sheet's current slot's.
    #[serde(default)]
    pub product: Option<String>,
}

/// `PATCH /api/feedback/{id}`: what to change; a field left out stays as it is. An empty
/// `product` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FeedbackPatch {
    #[serde(default)]
    pub kind: Option<FeedbackKind>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub product: Option<String>,
    /// `false` reopens an answered question.
    #[serde(default)]
    pub answered: Option<bool>,
    /// The answer given; an empty one clears it.
    #[serde(default)]
    pub answer: Option<String>,
    /// The facts the answer lacked (`material`, `sizes`, …).
    #[serde(default)]
    pub missing: Option<Vec<String>>,
}

/// `GET /api/feedback?kind=&session=&answered=`: which entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FeedbackFilter {
    #[serde(default)]
    pub kind: Option<FeedbackKind>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session: Option<i64>,
    #[serde(default)]
    pub answered: Option<bool>,
}

impl FeedbackPatch {
    /// Checks what a person typed; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        validate_text(self.note.as_deref(), self.product.as_deref())?;
        if self.answer.as_ref().is_some_and(|answer| answer.chars().count() > MAX_NOTE_CHARS) {
            return Err(format!("answer: at most {MAX_NOTE_CHARS} characters"));
        }
        Ok(())
    }
}

/// Notes and products are a few words typed during a live; anything longer is a wrong paste.
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_PRODUCT_CHARS: usize = 200;

/// Checks a note and a product a person typed; the message names the field.
pub fn validate_text(note: Option<&str>, product: Option<&str>) -> Result<(), String> {
    if let Some(note) = note
        && note.chars().count() > MAX_NOTE_CHARS
    {
        return Err(format!("note: at most {MAX_NOTE_CHARS} characters"));
    }
    if let Some(product) = product
        && product.chars().count() > MAX_PRODUCT_CHARS
    {
        return Err(format!("product: at most {MAX_PRODUCT_CHARS} characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_and_write_their_api_names_and_an_unknown_one_is_named() {
        for kind in FeedbackKind::ALL {
            assert_eq!(kind.as_str().parse::<FeedbackKind>(), Ok(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(
            "keluhan".parse::<FeedbackKind>().unwrap_err(),
            "kind: 'keluhan' is not a feedback kind (complaint, question, request or praise)"
        );
    }

    #[test]
    fn long_notes_and_products_are_refused_naming_the_field() {
        assert!(validate_text(Some("ukuran kekecilan"), Some("Gamis Novilla")).is_ok());
        assert!(validate_text(Some(&"a".repeat(501)), None).unwrap_err().starts_with("note:"));
        assert!(validate_text(None, Some(&"b".repeat(201))).unwrap_err().starts_with("product:"));
    }
}
