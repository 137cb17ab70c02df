//! The one event model every source is normalised into.
//!
//! TikTok's webcast protocol, TikFinity, Social Stream Ninja, recorded sessions and the demo
//! stream all describe the same things with different field names. Each source maps its own
//! shape onto [`LiveEvent`] once, at the edge, so moderation, the archive, the local server and
//! the UI only ever see this type.
//!
//! The JSON form is flat: the envelope fields (`id`, `ts`, `source`) sit beside a `type` tag and
//! that kind's fields, e.g.
//! `{"id":"m1","ts":1732330000000,"source":"demo","type":"comment","user":{..},"text":"ready kak?","flags":[]}`.
//! The TypeScript types in `ui/src/lib/bindings/` are generated from these definitions by ts-rs
//! (`cargo test` writes them), so the UI cannot drift from the core.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// Something that happened in a live, from any source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LiveEvent {
    /// The source's message id (TikTok's `msgId`); unique within a source, used to dedupe.
    pub id: String,
    /// When it happened, in Unix milliseconds.
    #[ts(type = "number")]
    pub ts: Timestamp,
    /// Which source delivered it, as its spec reads (`demo`, `tiktok:@shop`, ...).
    pub source: String,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened. Serialised with a `type` tag beside the kind's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    Comment(Comment),
    Gift {
        user: User,
        gift_name: String,
        /// How many of the gift in this message (TikTok's `repeatCount`).
        count: u32,
        /// Diamond value of one gift.
        diamonds: u32,
    },
    Like {
        user: User,
        /// Likes in this message.
        count: u32,
    },
    Join {
        user: User,
    },
    Follow {
        user: User,
    },
    Share {
        user: User,
    },
    ViewerCount {
        count: u32,
    },
    StreamEnd {
        /// Why the stream ended, in the source's words, when it says.
        reason: Option<String>,
    },
}

/// A viewer's chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comment {
    pub user: User,
    pub text: String,
    /// What moderation found in `text`; empty when nothing was flagged.
    #[serde(default)]
    pub flags: Vec<Flag>,
}

/// The person behind an event, as the source describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct User {
    /// Stable numeric-or-opaque user id, as a string (TikTok ids overflow JavaScript numbers).
    pub id: String,
    /// The @handle, without the `@`.
    pub unique_id: String,
    /// The display name; anything the user typed, so never render it as markup.
    pub nickname: String,
    /// Profile picture URL, when the source gives one.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// A moderator of this live.
    #[serde(default)]
    pub is_moderator: bool,
    #[serde(default)]
    pub follow_role: FollowRole,
}

/// The viewer's relation to the host account (TikTok's `followRole` 0, 1, 2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FollowRole {
    #[default]
    None,
    Follower,
    Friend,
}

/// One moderation hit in a comment's text.
///
/// `start`/`end` are UTF-8 byte offsets into the original text and `matched` is the original
/// substring, so the UI can underline exactly what the viewer typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Flag {
    /// The lexicon term (or pattern label) that fired.
    pub term: String,
    /// `competitor`, `offplatform`, `profanity`, `claim`, `spam`, `impersonation`, ...
    pub category: String,
    pub start: u32,
    pub end: u32,
    pub matched: String,
    /// The code word to say instead, when the lexicon has one.
    pub suggest: Option<String>,
    /// How the words were read, for a hit in the text ("why did this fire?"); none for flags
    /// about the author (flood, repeat, impersonation, muted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub explain: Option<Explain>,
}

/// How a flagged stretch of text was read: what the matcher saw once the evasions were undone,
/// and which lexicon entry that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Explain {
    /// The matched text as the matcher read it (folded): `shope` for `s.h.0.p.e.e`; a pattern
    /// hit is read as typed.
    pub read_as: String,
    /// The entry it matched, as the lexicon writes it: the term or alias, or the pattern's regex.
    pub entry: String,
    /// The evasions undone to read it, in this order; empty when it was typed as listed.
    pub evasions: Vec<Evasion>,
}

impl Evasion {
    /// Every evasion, in the order they are listed.
    pub const ALL: [Evasion; 6] =
        [Evasion::LookAlike, Evasion::Accents, Evasion::Leet, Evasion::Invisible, Evasion::Spread, Evasion::Repeats];
}

/// A trick viewers use to get a word past a filter, which the matcher undid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Evasion {
    /// Letters from other scripts or styles that look Latin: `ѕһорее`, `ＳＨＯＰＥＥ`, `𝐬𝐡𝐨𝐩`.
    LookAlike,
    /// Accents and other marks on the letters: `shópéé`.
    Accents,
    /// Digits or symbols for letters: `sh0pee`, `$hopee`, `1azada`, a capital `I` for `l`.
    Leet,
    /// Invisible characters between the letters.
    Invisible,
    /// Letters spread out with dots, spaces or emoji: `s.h.o.p.e.e`.
    Spread,
    /// Letters repeated: `shopeeeee`.
    Repeats,
}

impl Flag {
    /// A flag about the comment as a whole or its author (flood, repeat, impersonation, muted):
    /// it points at no text.
    pub fn whole_comment(term: &str, category: &str) -> Flag {
        Flag {
            term: term.into(),
            category: category.into(),
            start: 0,
            end: 0,
            matched: String::new(),
            suggest: None,
            explain: None,
        }
    }
}

impl LiveEvent {
    /// The comment, when this event is one.
    pub fn as_comment(&self) -> Option<&Comment> {
        match &self.kind {
            EventKind::Comment(comment) => Some(comment),
            _ => None,
        }
    }

    /// The `type` tag this event serialises with (`comment`, `gift`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            EventKind::Comment(_) => "comment",
            EventKind::Gift { .. } => "gift",
            EventKind::Like { .. } => "like",
            EventKind::Join { .. } => "join",
            EventKind::Follow { .. } => "follow",
            EventKind::Share { .. } => "share",
            EventKind::ViewerCount { .. } => "viewer_count",
            EventKind::StreamEnd { .. } => "stream_end",
        }
    }
}

/// The current wall-clock time as a [`Timestamp`].
pub fn now_ms() -> Timestamp {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_millis() as Timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer() -> User {
        User {
            id: "7001".into(),
            unique_id: "sari.belanja".into(),
            nickname: "Sari 🌸".into(),
            avatar_url: None,
            is_moderator: false,
            follow_role: FollowRole::Follower,
        }
    }

    #[test]
    fn comment_serialises_flat_with_a_type_tag() {
        let event = LiveEvent {
            id: "m1".into(),
            ts: 1_732_330_000_000,
            source: "demo".into(),
            kind: EventKind::Comment(Comment { user: viewer(), text: "ready kak?".into(), flags: vec![] }),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], "comment");
        assert_eq!(json["text"], "ready kak?");
        assert_eq!(json["user"]["unique_id"], "sari.belanja");
        assert_eq!(json["user"]["follow_role"], "follower");
        assert_eq!(json["flags"], serde_json::json!([]));
        assert_eq!(event.kind_name(), "comment");
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let kinds = [
            EventKind::Comment(Comment { user: viewer(), text: "ukuran L ada?".into(), flags: vec![] }),
            EventKind::Gift { user: viewer(), gift_name: "Rose".into(), count: 3, diamonds: 1 },
            EventKind::Like { user: viewer(), count: 15 },
            EventKind::Join { user: viewer() },
            EventKind::Follow { user: viewer() },
            EventKind::Share { user: viewer() },
            EventKind::ViewerCount { count: 812 },
            EventKind::StreamEnd { reason: Some("host ended the live".into()) },
        ];
        for kind in kinds {
            let event = LiveEvent { id: "x".into(), ts: 1, source: "demo".into(), kind };
            let json = serde_json::to_string(&event).unwrap();
            let back: LiveEvent = serde_json::from_str(&json).unwrap();
            assert_eq!(back, event, "{json}");
            assert!(json.contains(&format!("\"type\":\"{}\"", event.kind_name())), "{json}");
        }
    }

    #[test]
    fn optional_user_fields_default_when_a_source_omits_them() {
        let json = r#"{"id":"a","ts":5,"source":"replay","type":"join",
                       "user":{"id":"1","unique_id":"budi","nickname":"Budi"}}"#;
        let event: LiveEvent = serde_json::from_str(json).unwrap();
        let EventKind::Join { user } = event.kind else { panic!("not a join: {event:?}") };
        assert_eq!(user.follow_role, FollowRole::None);
        assert!(!user.is_moderator);
        assert_eq!(user.avatar_url, None);
    }

    #[test]
    fn an_unknown_type_is_an_error_not_a_panic() {
        let json = r#"{"id":"a","ts":5,"source":"x","type":"teleport"}"#;
        let error = serde_json::from_str::<LiveEvent>(json).unwrap_err();
        assert!(error.to_string().contains("teleport"), "{error}");
    }
}
