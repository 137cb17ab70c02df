//! Why a source is in the state it is in, as data rather than a sentence.
//!
//! The status bar says it in the user's language (the UI's strings, `sourceReason*` in
//! `ui/src/lib/i18n.svelte.ts`, one per [`SourceReason`] kind), and `Display` says it in English
//! for `GET /api/state`, the CLI and logs. (TikTok is spelled `Tiktok` in the variants so their
//! snake-case kinds read `tiktok_...`.) Sources only ever build these values, so a new
//! reason is one variant here, one English sentence below and one entry per UI language.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a source stands: the state a [`SourceNote`] explains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConnectionState {
    /// No source is running.
    #[default]
    Idle,
    /// Connecting (or reconnecting) to the source.
    Connecting,
    /// Events are flowing.
    Live,
    /// Connected, but the host is not live now; waiting for the live to start.
    Offline,
    /// The stream ended (the host ended the live, or a recording ran out).
    Ended,
    /// The source failed; `source_detail` says why and when it retries.
    Error,
}

/// What a source is doing, or what is wrong, with the names and errors that go with it. Read
/// back too: the archive keeps a gap's reason as this JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SourceReason {
    /// Connecting to a tool on this computer or the network (TikFinity, Social Stream Ninja).
    ToolConnecting {
        tool: String,
        url: String,
    },
    ToolConnected {
        tool: String,
    },
    ToolTimedOut {
        tool: String,
        url: String,
        seconds: u32,
    },
    /// Nothing answered at the tool's address: usually the tool is not running.
    ToolUnreachable {
        tool: String,
        url: String,
        error: String,
    },
    ToolClosed {
        tool: String,
    },
    ToolFailed {
        tool: String,
        error: String,
    },
    TiktokLookingUp {
        handle: String,
    },
    TiktokJoining {
        handle: String,
        room: String,
    },
    TiktokConnected {
        handle: String,
    },
    TiktokNotFound {
        handle: String,
    },
    TiktokNotLive {
        handle: String,
    },
    /// An 18+ room; `logged_in` when a `sessionid` was sent and TikTok still refused.
    TiktokAgeRestricted {
        handle: String,
        logged_in: bool,
    },
    /// A 403, or a page that was not the JSON asked for: an IP or fingerprint block, or a CAPTCHA.
    TiktokBlocked {
        why: String,
    },
    TiktokRateLimited,
    TiktokUnreachable {
        error: String,
    },
    TiktokUnexpected {
        error: String,
    },
    TiktokDropped,
    TiktokEnded {
        handle: String,
    },
    /// The room TikTok handed over is not `handle`'s (room info names `owner`, or the socket
    /// carried another room's messages): never followed.
    TiktokForeignRoom {
        handle: String,
        room: String,
        owner: Option<String>,
    },
}

/// When the source tries again by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum NextTry {
    /// After a failure.
    RetryIn { seconds: u32 },
    /// Waiting for a live to start.
    CheckAgainIn { seconds: u32 },
}

/// A source's reason for its state, and when it tries again, if it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceNote {
    pub reason: SourceReason,
    pub next: Option<NextTry>,
}

impl From<SourceReason> for SourceNote {
    fn from(reason: SourceReason) -> Self {
        SourceNote { reason, next: None }
    }
}

impl fmt::Display for SourceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceReason::ToolConnecting { tool, url } => write!(f, "connecting to {tool} at {url}"),
            SourceReason::ToolConnected { tool } => write!(f, "connected to {tool}"),
            SourceReason::ToolTimedOut { tool, url, seconds } => {
                write!(f, "{tool} did not answer at {url} within {seconds} s")
            }
            SourceReason::ToolUnreachable { tool, url, error } => {
                write!(f, "cannot connect to {tool} at {url} ({error}); is it running?")
            }
            SourceReason::ToolClosed { tool } => write!(f, "{tool} closed the connection"),
            SourceReason::ToolFailed { tool, error } => write!(f, "the connection to {tool} failed ({error})"),
            SourceReason::TiktokLookingUp { handle } => write!(f, "looking up @{handle}'s live on TikTok"),
            SourceReason::TiktokJoining { handle, room } => write!(f, "joining @{handle}'s live (room {room})"),
            SourceReason::TiktokConnected { handle } => write!(f, "connected to @{handle}'s live"),
            SourceReason::TiktokNotFound { handle } => write!(f, "@{handle} was not found on TikTok; check the handle"),
            SourceReason::TiktokNotLive { handle } => write!(f, "@{handle} is not live now"),
            SourceReason::TiktokAgeRestricted { handle, logged_in: true } => write!(
                f,
                "@{handle}'s live is age-restricted (18+) and TikTok did not accept the sessionid in the settings; log in again and copy a fresh one"
            ),
            SourceReason::TiktokAgeRestricted { handle, logged_in: false } => write!(
                f,
                "@{handle}'s live is age-restricted (18+); add the sessionid of a logged-in adult account to the settings ([tiktok] sessionid) to enter"
            ),
            SourceReason::TiktokBlocked { why } => {
                write!(f, "TikTok blocked the request or asked for a CAPTCHA ({why})")
            }
            SourceReason::TiktokRateLimited => f.write_str("TikTok is rate-limiting requests from this connection"),
            SourceReason::TiktokUnreachable { error } => write!(f, "cannot reach TikTok ({error})"),
            SourceReason::TiktokUnexpected { error } => write!(f, "TikTok's answer was not understood ({error})"),
            SourceReason::TiktokDropped => f.write_str("the connection to TikTok dropped"),
            SourceReason::TiktokEnded { handle } => write!(f, "@{handle}'s live ended; watching for the next one"),
            SourceReason::TiktokForeignRoom { handle, room, owner: Some(owner) } => write!(
                f,
                "TikTok handed over room {room}, which is @{owner}'s live, not @{handle}'s; Pandu does not follow another host's room (check the handle, then reconnect)"
            ),
            SourceReason::TiktokForeignRoom { handle, room, owner: None } => write!(
                f,
                "the connection to @{handle}'s live carried messages of another room ({room}); Pandu does not follow another host's room (reconnect to join @{handle}'s again)"
            ),
        }
    }
}

impl fmt::Display for SourceNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.reason)?;
        match self.next {
            Some(NextTry::RetryIn { seconds }) => write!(f, "; retrying in {seconds} s"),
            Some(NextTry::CheckAgainIn { seconds }) => write!(f, "; checking again in {seconds} s"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_as_a_sentence_with_its_next_try() {
        let note = SourceNote {
            reason: SourceReason::TiktokNotLive { handle: "toko".into() },
            next: Some(NextTry::CheckAgainIn { seconds: 8 }),
        };
        assert_eq!(note.to_string(), "@toko is not live now; checking again in 8 s");
        let json = serde_json::to_value(&note).unwrap();
        assert_eq!(json["reason"]["kind"], "tiktok_not_live");
        assert_eq!(json["reason"]["handle"], "toko");
        assert_eq!(json["next"]["kind"], "check_again_in");
        assert_eq!(
            SourceNote::from(SourceReason::TiktokRateLimited).to_string(),
            "TikTok is rate-limiting requests from this connection"
        );
    }
}
