//! The JSON shapes other tools send, turned into [`LiveEvent`]s.
//!
//! | shape | recognised by | example |
//! | --- | --- | --- |
//! | Pandu's own `LiveEvent` | `id`, `ts` and a Pandu `type` | `{"id":"m1","ts":1,"source":"x","type":"comment",...}` |
//! | TikFinity / TikTok-Live-Connector, wrapped | `event` + `data` | `{"event":"chat","data":{"comment":"hi","uniqueId":"sari",...}}` |
//! | TikTok-Live-Connector, bare | `uniqueId` + an event's own field | `{"comment":"hi","uniqueId":"sari","msgId":"7"}` |
//! | Social Stream Ninja | `chatname` / `chatmessage` | `{"id":5,"chatname":"Sari","chatmessage":"hi","type":"tiktok"}` |
//!
//! Anything else is a [`Rejection`] saying why, so the caller can count it and carry on.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::event::{Comment, EventKind, FollowRole, LiveEvent, Timestamp, User, now_ms};

/// The largest WebSocket frame taken, in bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Why a pushed message was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("not valid JSON: {0}")]
    Malformed(String),
    #[error("a frame over {MAX_FRAME_BYTES} bytes")]
    TooLarge,
    #[error("not a shape Pandu knows: {0}")]
    UnknownShape(String),
    #[error("event type '{0}' is not one Pandu takes")]
    UnsupportedEvent(String),
    #[error("{0}")]
    MissingField(String),
}

/// What one pushed message becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Event(Box<LiveEvent>),
    /// Understood but deliberately not taken (a gift streak still counting up): not an error.
    Ignored,
}

/// Parses one WebSocket frame: a message no larger than [`MAX_FRAME_BYTES`].
pub fn parse_frame(text: &str, source: &str) -> Vec<Result<Parsed, Rejection>> {
    if text.len() > MAX_FRAME_BYTES {
        return vec![Err(Rejection::TooLarge)];
    }
    parse_message(text, source)
}

/// Parses one message (a JSON object, or an array of them) into events. `source` tags events
/// from shapes that do not name their own source.
pub fn parse_message(text: &str, source: &str) -> Vec<Result<Parsed, Rejection>> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items.into_iter().map(|item| parse_value(item, source)).collect(),
        Ok(value) => vec![parse_value(value, source)],
        Err(error) => vec![Err(Rejection::Malformed(error.to_string()))],
    }
}

/// Parses one JSON value into an event.
pub fn parse_value(value: Value, source: &str) -> Result<Parsed, Rejection> {
    let Value::Object(object) = value else {
        return Err(Rejection::UnknownShape("expected a JSON object".into()));
    };
    if object.contains_key("ts")
        && object.contains_key("id")
        && object.get("type").is_some_and(Value::is_string)
        && let Ok(event) = serde_json::from_value::<LiveEvent>(Value::Object(object.clone()))
    {
        return Ok(Parsed::Event(Box::new(event)));
    }
    if let (Some(Value::String(event)), Some(Value::Object(data))) = (object.get("event"), object.get("data")) {
        return from_connector(event, data, source);
    }
    if object.contains_key("chatname") || object.contains_key("chatmessage") {
        return from_social_stream(&object, source);
    }
    if object.contains_key("uniqueId") {
        let event = [("comment", "chat"), ("giftId", "gift"), ("likeCount", "like"), ("displayType", "social")]
            .into_iter()
            .find(|(field, _)| object.contains_key(*field))
            .map(|(_, event)| event)
            .ok_or_else(|| {
                Rejection::UnknownShape("a TikTok-Live-Connector object whose event type cannot be told; send it as {\"event\": ..., \"data\": ...}".into())
            })?;
        return from_connector(event, &object, source);
    }
    if object.contains_key("viewerCount") {
        return from_connector("roomUser", &object, source);
    }
    Err(Rejection::UnknownShape(
        "not a Pandu event, a TikFinity / TikTok-Live-Connector event or a Social Stream Ninja message".into(),
    ))
}

fn text_field(object: &Map<String, Value>, field: &str) -> Option<String> {
    match object.get(field)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn number_field(object: &Map<String, Value>, field: &str) -> Option<u64> {
    match object.get(field)? {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.parse().ok(),
        _ => None,
    }
}

fn connector_user(data: &Map<String, Value>) -> Result<User, Rejection> {
    let unique_id =
        text_field(data, "uniqueId").ok_or_else(|| Rejection::MissingField("no \"uniqueId\" for the user".into()))?;
    Ok(User {
        id: text_field(data, "userId").unwrap_or_else(|| unique_id.clone()),
        nickname: text_field(data, "nickname").unwrap_or_else(|| unique_id.clone()),
        unique_id,
        avatar_url: text_field(data, "profilePictureUrl").filter(|url| !url.is_empty()),
        is_moderator: data.get("isModerator").and_then(Value::as_bool).unwrap_or(false),
        follow_role: match number_field(data, "followRole") {
            Some(1) => FollowRole::Follower,
            Some(2) => FollowRole::Friend,
            _ => FollowRole::None,
        },
    })
}

/// A TikFinity / TikTok-Live-Connector legacy event named `event` with fields `data`.
fn from_connector(event: &str, data: &Map<String, Value>, source: &str) -> Result<Parsed, Rejection> {
    let ts: Timestamp = number_field(data, "createTime").map_or_else(now_ms, |ms| ms as Timestamp);
    let kind = match event {
        "chat" => EventKind::Comment(Comment {
            user: connector_user(data)?,
            text: text_field(data, "comment")
                .ok_or_else(|| Rejection::MissingField("a chat without \"comment\"".into()))?,
            flags: vec![],
            suggested: None,
            banner: None,
            finding: None,
        }),
        "gift" => {
            // A streakable gift (giftType 1) is re-sent while the streak runs; only its end counts.
            let streaking = number_field(data, "giftType") == Some(1)
                && !data.get("repeatEnd").is_some_and(|end| end.as_bool() == Some(true) || end.as_u64() == Some(1));
            if streaking {
                return Ok(Parsed::Ignored);
            }
            EventKind::Gift {
                user: connector_user(data)?,
                gift_name: text_field(data, "giftName").unwrap_or_else(|| "gift".into()),
                count: number_field(data, "repeatCount").unwrap_or(1) as u32,
                diamonds: number_field(data, "diamondCount").unwrap_or(0) as u32,
            }
        }
        "like" => {
            EventKind::Like { user: connector_user(data)?, count: number_field(data, "likeCount").unwrap_or(1) as u32 }
        }
        "member" => EventKind::Join { user: connector_user(data)? },
        "follow" => EventKind::Follow { user: connector_user(data)? },
        "share" => EventKind::Share { user: connector_user(data)? },
        "social" => {
            let display = text_field(data, "displayType").unwrap_or_default();
            if display.contains("follow") {
                EventKind::Follow { user: connector_user(data)? }
            } else if display.contains("share") {
                EventKind::Share { user: connector_user(data)? }
            } else {
                return Err(Rejection::UnsupportedEvent(format!("social ({display})")));
            }
        }
        "roomUser" => EventKind::ViewerCount {
            count: number_field(data, "viewerCount")
                .ok_or_else(|| Rejection::MissingField("a roomUser without \"viewerCount\"".into()))?
                as u32,
        },
        "streamEnd" => {
            EventKind::StreamEnd { reason: text_field(data, "action").map(|a| format!("stream ended ({a})")) }
        }
        other => return Err(Rejection::UnsupportedEvent(other.to_string())),
    };
    let id = text_field(data, "msgId").unwrap_or_else(|| synthetic_id(event, data, ts));
    Ok(Parsed::Event(Box::new(LiveEvent { id, ts, source: source.to_string(), kind })))
}

/// An id for a message that came without one: the same message re-sent gets the same id, so
/// it is still stored once.
fn synthetic_id(event: &str, data: &Map<String, Value>, ts: Timestamp) -> String {
    let content = serde_json::to_string(data).unwrap_or_default();
    let hash = content.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{event}-{ts}-{hash:016x}")
}

/// A Social Stream Ninja message.
fn from_social_stream(message: &Map<String, Value>, source: &str) -> Result<Parsed, Rejection> {
    let name = text_field(message, "chatname").unwrap_or_default();
    let user = User {
        id: text_field(message, "userid").unwrap_or_else(|| name.clone()),
        unique_id: name.clone(),
        nickname: name,
        avatar_url: text_field(message, "chatimg").filter(|url| url.starts_with("http")),
        is_moderator: message.get("moderator").and_then(Value::as_bool).unwrap_or(false),
        follow_role: FollowRole::None,
    };
    let event = text_field(message, "event").unwrap_or_default();
    let kind = match event.as_str() {
        "" => {
            let raw = text_field(message, "chatmessage").ok_or_else(|| {
                Rejection::MissingField("a Social Stream Ninja message without \"chatmessage\"".into())
            })?;
            // Without `textonly`, SSN sends the message as HTML (emotes as <img>): keep the text.
            let textonly = message.get("textonly").and_then(Value::as_bool).unwrap_or(false);
            let text = if textonly { raw } else { html_to_text(&raw) };
            EventKind::Comment(Comment { user, text, flags: vec![], suggested: None, banner: None, finding: None })
        }
        "joined" => EventKind::Join { user },
        "followed" => EventKind::Follow { user },
        "shared" => EventKind::Share { user },
        "liked" => EventKind::Like { user, count: 1 },
        other => return Err(Rejection::UnsupportedEvent(format!("Social Stream Ninja event '{other}'"))),
    };
    let ts = number_field(message, "timestamp").map_or_else(now_ms, |ms| ms as Timestamp);
    let id = text_field(message, "id").map_or_else(|| synthetic_id("ssn", message, ts), |id| format!("ssn-{id}"));
    Ok(Parsed::Event(Box::new(LiveEvent { id, ts, source: source.to_string(), kind })))
}

/// The text of a small HTML fragment: tags removed, the common entities decoded. Enough for
/// SSN's chat messages (text with `<img>` emotes and `<span>`s); written here because a full
/// HTML parser would be a large dependency for stripping a few tags.
fn html_to_text(html: &str) -> String {
    static TAG: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"<[^>]*>").expect("valid regex"));
    let text = TAG.replace_all(html, "");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let ch = match &rest[1..end] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                entity => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((ch, end + 1))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<Parsed, Rejection> {
        parse_message(text, "ingest").pop().unwrap()
    }

    fn event(text: &str) -> LiveEvent {
        match one(text) {
            Ok(Parsed::Event(event)) => *event,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_wrapped_tikfinity_chat_becomes_a_comment() {
        let e = event(
            r#"{"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari.belanja","nickname":"Sari 🌸",
               "userId":"6812345678901234567","profilePictureUrl":"https://p16.example/a.jpg","isModerator":false,
               "followRole":1,"msgId":"7301","createTime":"1732330000123"}}"#,
        );
        assert_eq!((e.id.as_str(), e.ts, e.source.as_str()), ("7301", 1_732_330_000_123, "ingest"));
        let comment = e.as_comment().unwrap();
        assert_eq!(comment.text, "ready kak?");
        assert_eq!(comment.user.id, "6812345678901234567");
        assert_eq!(comment.user.follow_role, FollowRole::Follower);
        assert_eq!(comment.user.avatar_url.as_deref(), Some("https://p16.example/a.jpg"));
    }

    #[test]
    fn bare_connector_objects_are_told_apart_by_their_fields() {
        assert_eq!(event(r#"{"comment":"halo","uniqueId":"a","msgId":1}"#).kind_name(), "comment");
        assert_eq!(event(r#"{"likeCount":5,"uniqueId":"a","msgId":2}"#).kind_name(), "like");
        assert_eq!(event(r#"{"giftId":5655,"giftName":"Rose","repeatCount":3,"uniqueId":"a"}"#).kind_name(), "gift");
        assert_eq!(event(r#"{"viewerCount":812}"#).kind, EventKind::ViewerCount { count: 812 });
        assert!(matches!(one(r#"{"uniqueId":"a"}"#), Err(Rejection::UnknownShape(_))));
    }

    #[test]
    fn every_connector_event_maps() {
        let user = r#""uniqueId":"b","nickname":"Budi""#;
        for (name, data, kind) in [
            ("member", format!("{{{user}}}"), "join"),
            ("follow", format!("{{{user}}}"), "follow"),
            ("share", format!("{{{user}}}"), "share"),
            ("social", format!(r#"{{{user},"displayType":"pm_mt_msg_viewer_follow"}}"#), "follow"),
            ("social", format!(r#"{{{user},"displayType":"pm_mt_guidance_share"}}"#), "share"),
            ("like", format!(r#"{{{user},"likeCount":15}}"#), "like"),
            (
                "gift",
                format!(
                    r#"{{{user},"giftName":"Rose","repeatCount":2,"diamondCount":1,"giftType":1,"repeatEnd":true}}"#
                ),
                "gift",
            ),
            ("roomUser", r#"{"viewerCount":300}"#.into(), "viewer_count"),
            ("streamEnd", r#"{"action":3}"#.into(), "stream_end"),
        ] {
            let e = event(&format!(r#"{{"event":"{name}","data":{data}}}"#));
            assert_eq!(e.kind_name(), kind, "{name}");
        }
    }

    #[test]
    fn a_gift_streak_counts_once_at_its_end() {
        let streak = r#"{"event":"gift","data":{"uniqueId":"b","giftName":"Rose","giftType":1,"repeatCount":4,"repeatEnd":false}}"#;
        assert_eq!(one(streak), Ok(Parsed::Ignored));
    }

    #[test]
    fn social_stream_ninja_messages_map_and_lose_their_html() {
        let e = event(
            r#"{"id":42,"chatname":"Dewi","chatmessage":"mantap <img src=\"x.png\" alt=\":fire:\"> kak &amp; murah &#129321;","chatimg":"https://a/x.png","type":"tiktok","userid":"u9","moderator":true}"#,
        );
        assert_eq!(e.id, "ssn-42");
        let comment = e.as_comment().unwrap();
        assert_eq!(comment.text, "mantap  kak & murah 🤩");
        assert!(comment.user.is_moderator);
        assert_eq!(comment.user.unique_id, "Dewi");
        let textonly = event(r#"{"id":43,"chatname":"A","chatmessage":"<b>ini teks</b>","textonly":true}"#);
        assert_eq!(textonly.as_comment().unwrap().text, "<b>ini teks</b>", "textonly text is taken as it is");
        assert_eq!(event(r#"{"id":44,"chatname":"A","event":"joined"}"#).kind_name(), "join");
    }

    #[test]
    fn pandus_own_events_keep_their_source() {
        let e = event(
            r#"{"id":"m1","ts":5,"source":"replay","type":"join","user":{"id":"1","unique_id":"a","nickname":"A"}}"#,
        );
        assert_eq!((e.id.as_str(), e.source.as_str(), e.kind_name()), ("m1", "replay", "join"));
    }

    #[test]
    fn arrays_bad_json_unknown_events_and_oversized_frames() {
        let results = parse_message(r#"[{"comment":"a","uniqueId":"x"}, 7, {"event":"battle","data":{}}]"#, "ingest");
        assert!(matches!(results[0], Ok(Parsed::Event(_))));
        assert!(matches!(results[1], Err(Rejection::UnknownShape(_))));
        assert_eq!(results[2], Err(Rejection::UnsupportedEvent("battle".into())));
        assert!(matches!(one("{not json"), Err(Rejection::Malformed(_))));
        assert!(matches!(one(r#"{"event":"chat","data":{"uniqueId":"x"}}"#), Err(Rejection::MissingField(_))));
        let huge = format!(r#"{{"comment":"{}","uniqueId":"x"}}"#, "a".repeat(MAX_FRAME_BYTES));
        assert_eq!(parse_frame(&huge, "ingest"), [Err(Rejection::TooLarge)]);
        assert!(matches!(one(&huge), Ok(Parsed::Event(_))), "a large POST body is fine");
    }

    #[test]
    fn a_message_without_an_id_gets_the_same_id_when_re_sent() {
        let text = r#"{"event":"chat","data":{"comment":"halo","uniqueId":"x","createTime":"1000"}}"#;
        assert_eq!(event(text).id, event(text).id);
        assert_ne!(event(text).id, event(&text.replace("halo", "hai")).id);
    }
}
