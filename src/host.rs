//! What the host view shows besides the clock: the next question to answer and the script as a
//! teleprompter with its forbidden words.
//!
//! Until the feedback log (with its questions queue) exists, the next question is simply the
//! newest clean comment that reads as a question. [`reads_as_question`] is a small set of rules
//! for Indonesian live-selling chat: a question mark, an interrogative word (`berapa`, `gimana`,
//! `kapan`, ... and their chat spellings `brp`, `gmn`, `kpn`), or an availability word asked with a
//! trailing negation (`ready gak`, `bisa cod ga`, `masih ada nggak`). It errs towards missing a
//! question rather than showing a statement: the host reads it aloud.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::event::{EventKind, LiveEvent};
use crate::moderation::script::ScriptHit;

/// The host's script and its forbidden words, for the teleprompter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostScript {
    pub text: String,
    /// Each forbidden word, by UTF-8 byte offsets into `text`, with its code word.
    pub hits: Vec<ScriptHit>,
}

/// Interrogative words and their usual chat spellings.
const QUESTION_WORDS: &[&str] = &[
    "apa",
    "apakah",
    "apaan",
    "berapa",
    "brp",
    "brapa",
    "brpa",
    "gimana",
    "gmn",
    "gmana",
    "bagaimana",
    "bgmn",
    "kapan",
    "kpn",
    "dimana",
    "dmn",
    "mana",
    "kenapa",
    "knp",
    "napa",
    "mengapa",
    "siapa",
    "bisakah",
    "bolehkah",
    "adakah",
    "gmna",
];

/// Words that ask about availability when a negation follows them ("ready gak?").
const AVAILABILITY_WORDS: &[&str] = &[
    "ready", "redy", "ada", "bisa", "bs", "masih", "msh", "boleh", "blh", "cocok", "muat", "dapat", "dapet", "free",
    "gratis", "cod", "sisa",
];

/// Trailing "or not" in chat.
const NEGATIONS: &[&str] = &[
    "ga", "gak", "gk", "g", "nggak", "ngga", "ngak", "enggak", "engga", "tidak", "tdk", "ndak", "kagak", "nda", "gaa",
];

/// Whether a viewer's `text` reads as a question to the host.
pub fn reads_as_question(text: &str) -> bool {
    if text.contains('?') {
        return text.chars().any(char::is_alphanumeric);
    }
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_lowercase).collect();
    let is = |word: &str, list: &[&str]| list.contains(&word);
    if words.iter().any(|word| is(word, QUESTION_WORDS)) {
        return true;
    }
    if words.first().is_some_and(|first| first == "ready" || first == "redy") {
        return true;
    }
    let asks_availability = words.iter().position(|word| is(word, AVAILABILITY_WORDS));
    asks_availability.is_some_and(|at| words[at + 1..].iter().any(|word| is(word, NEGATIONS)))
}

/// Whether `event` is a clean viewer comment (nothing flagged, author not muted) that reads as a
/// question: the kind the host view offers as the next one to answer.
pub fn is_open_question(event: &LiveEvent) -> bool {
    matches!(&event.kind, EventKind::Comment(comment) if comment.flags.is_empty() && reads_as_question(&comment.text))
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
    fn questions_from_live_selling_chat() {
        for question in [
            "ready kak?",
            "ukuran L ada?",
            "berapa ongkirnya",
            "brp harganya kak",
            "ready gak kak",
            "bisa cod ga",
            "masih ada nggak yg warna abu",
            "gimana cara checkoutnya",
            "kapan restock",
            "ready",
            "kak yg coklat sisa berapa",
            "Apakah bisa dikirim ke Medan",
            "dimana beli kursinya",
        ] {
            assert!(reads_as_question(question), "{question}");
        }
    }

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

    #[test]
    fn statements_are_not_questions() {
        for statement in [
            "bagus bgt kak",
            "sudah checkout ya",
            "mantap 👍",
            "aku udh beli kemarin, ready stok",
            "gak sabar nunggu paketnya",
            "ada yg lagi live juga",
            "???",
            "ga jadi deh",
            "wkwkwk",
            "makasih kak",
            "barangnya bagus, ga nyesel",
        ] {
            assert!(!reads_as_question(statement), "{statement}");
        }
    }
}
