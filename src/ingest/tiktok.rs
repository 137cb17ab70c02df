//! A real TikTok LIVE, by the host's @handle (`tiktok:@handle`).
//!
//! The wire protocol (the room lookup, the `ttwid` cookie, the webcast WebSocket carrying
//! protobuf `WebcastPushFrame`s, gzip'd `WebcastResponse`s inside, heartbeats and acks) is
//! `piratetok-live-rs`'s job: it is maintained against TikTok's changes, needs no signing
//! server, and ships the protobuf schema. This module is Pandu's side of it:
//!
//! - **Mapping.** Chat, gifts (a combo streak once, at its end), likes, joins, follows, shares,
//!   viewer counts and the end of the stream become [`LiveEvent`]s, with TikTok's `msgId` as the
//!   event id, so a comment that also arrives through TikFinity is stored once.
//! - **Honest status.** Every way the connection can fail is told apart and said in plain
//!   words: the handle does not exist, the host is not live, the room is 18+, TikTok blocked
//!   the request or wants a CAPTCHA, TikTok is rate-limiting, the network is down.
//! - **Reconnecting.** The connector's own retry loop is turned off (`max_retries(0)`) so every
//!   dropped connection comes back here, where it is retried with Pandu's backoff (jitter, capped
//!   at 60 s) after looking the room up again: that lookup is what tells a network blip from the
//!   host ending the live. An ended live is watched for the host's next one, at the same pace;
//!   a handle that does not exist or an 18+ room without a usable login is not retried at all.
//! - **One live, one session.** The room joined first is this source's live. When a later
//!   visit finds another room (the host ended the live and started a new one), the source says
//!   so ([`SourceContext::new_live`]) and stops: the session ends and a new one begins, so two
//!   lives never mix in one record. A room that is not the host's (room info names another
//!   owner, or the socket carries another room's messages) is never followed: the source stops
//!   with an error saying whose room it was.
//! - **The `sessionid` cookie** of a logged-in account, when the user sets one, goes to TikTok
//!   (room info and the WebSocket) and nowhere else: [`SessionId`] cannot be printed.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use piratetok_live_rs::TikTokLive;
use piratetok_live_rs::errors::TikTokLiveError;
use piratetok_live_rs::http::api::{FetchParams, fetch_room_info};
use piratetok_live_rs::structs::TikTokLiveEvent;
use piratetok_live_rs::structs::config::Endpoints;
use piratetok_live_rs::structs::proto::{CommonMessageData, UserIdentity};
use serde::{Deserialize, Serialize};

use super::backoff::Backoff;
use super::note::{NextTry, SourceNote, SourceReason};
use super::tiktok_shop;
use super::{ConnectionState, Source, SourceContext};
use crate::event::{Comment, EventKind, FollowRole, LiveEvent, User, now_ms};

/// The `sessionid` cookie of a logged-in TikTok account: logged-in viewers see more comments and
/// may enter 18+ rooms. It is a password in all but name, so it has no `Display` and its `Debug`
/// hides it; it lives in the user's settings file and is sent only to TikTok.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(String);

impl SessionId {
    /// `None` for an empty value, so a blank setting means "not logged in".
    pub fn new(value: &str) -> Option<SessionId> {
        let value = value.trim();
        (!value.is_empty()).then(|| SessionId(value.to_string()))
    }

    /// The cookie's value, for the credential store that keeps it (src/secrets.rs) and nothing
    /// else.
    pub fn value(&self) -> &str {
        &self.0
    }

    fn cookie(&self) -> String {
        format!("sessionid={}", self.0)
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionId(<hidden>)")
    }
}

/// A TikTok handle as people write it: `@shop`, `shop`, or a profile or live link.
pub fn parse_handle(text: &str) -> Result<String, String> {
    let text = text.trim();
    let handle = match text.find("tiktok.com/@") {
        Some(at) => text[at + "tiktok.com/@".len()..].split(['/', '?', '#']).next().unwrap_or_default(),
        None => text.strip_prefix('@').unwrap_or(text),
    };
    let valid = (2..=24).contains(&handle.len())
        && handle.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !handle.ends_with('.');
    if valid {
        Ok(handle.to_string())
    } else {
        Err(format!(
            "'{text}' is not a TikTok handle: expected @name (2 to 24 letters, digits, '_' or '.') or a tiktok.com/@name link"
        ))
    }
}

/// The longest wait between attempts.
const RETRY_CAP: Duration = Duration::from_secs(60);
/// How long TikTok's HTTP lookups may take.
const HTTP_TIMEOUT: Duration = Duration::from_secs(15);
/// The shortest wait after TikTok said "too many requests" or blocked us: asking again at once
/// only prolongs the block.
const BLOCKED_MIN_DELAY: Duration = Duration::from_secs(30);

/// The native TikTok LIVE source.
pub struct TikTokSource {
    handle: String,
    session: Option<SessionId>,
    /// The `source` of the events it delivers: the spec it runs as.
    source: String,
    endpoints: Endpoints,
    first_retry: Duration,
}

impl TikTokSource {
    pub fn new(handle: &str, session: Option<SessionId>, source: String) -> Self {
        TikTokSource {
            handle: handle.to_string(),
            session,
            source,
            endpoints: Endpoints::tiktok(),
            first_retry: Duration::from_secs(2),
        }
    }

    /// Talks to other servers than TikTok's: `web` for the room lookup (`.../` ending in a
    /// slash), `webcast` for room info, `ws` for the event WebSocket. For a test double or a
    /// relay; the defaults are TikTok's own.
    pub fn with_endpoints(mut self, web: &str, webcast: &str, ws: &str) -> Self {
        self.endpoints = Endpoints { web: web.to_string(), webcast: webcast.to_string(), ws: Some(ws.to_string()) };
        self
    }

    /// The first wait before trying again (2 s unless set), doubling up to 60 s.
    pub fn with_first_retry(mut self, first_retry: Duration) -> Self {
        self.first_retry = first_retry;
        self
    }
}

impl Source for TikTokSource {
    fn run(self: Box<Self>, ctx: SourceContext) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move {
            tokio::select! {
                () = ctx.cancel.cancelled() => {}
                () = self.watch(&ctx) => {}
            }
        })
    }
}

/// How one visit to the live ended.
enum Visit {
    /// The host ended the live (TikTok said so on the socket).
    Ended,
    /// The connection dropped; `delivered` if events had come through it.
    Dropped { delivered: bool },
    /// It never got in, or had to leave.
    Failed(Failure),
    /// The host is live in another room than the one this source joined first.
    NewLive { from_room: String, to_room: String },
    /// The session is gone.
    SessionGone,
}

/// Why the source could not get into the live, told apart so each can be said plainly.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    NotFound,
    NotLive,
    AgeRestricted,
    /// A 403, or a page that was not the JSON asked for: an IP or fingerprint block, or a CAPTCHA.
    Blocked(String),
    RateLimited,
    Network(String),
    /// TikTok answered, but not in a way the connector understands.
    Unexpected(String),
    /// The room handed over is not the host's: room info names `owner`, or messages came from
    /// another room.
    ForeignRoom {
        room: String,
        owner: Option<String>,
    },
}

impl From<TikTokLiveError> for Failure {
    fn from(error: TikTokLiveError) -> Self {
        match error {
            TikTokLiveError::UserNotFound(_) | TikTokLiveError::ProfileNotFound(_) => Failure::NotFound,
            TikTokLiveError::HostNotOnline(_) | TikTokLiveError::RoomIdMissing => Failure::NotLive,
            TikTokLiveError::AgeRestricted(_) => Failure::AgeRestricted,
            // The connector folds 403, 429 and non-JSON answers into one variant; its message
            // keeps the HTTP status, and a rate limit wants different words and a longer wait.
            TikTokLiveError::TikTokBlocked(why) if why.contains("http 429") => Failure::RateLimited,
            TikTokLiveError::TikTokBlocked(why) => Failure::Blocked(why),
            TikTokLiveError::DeviceBlocked => Failure::Blocked("the connection's device id was flagged".into()),
            TikTokLiveError::Http(error) if error.status().is_some_and(|s| s.as_u16() == 429) => Failure::RateLimited,
            TikTokLiveError::Http(error) => Failure::Network(with_causes(&error.without_url())),
            TikTokLiveError::WebSocket(error) => Failure::Network(with_causes(&error)),
            TikTokLiveError::Io(error) => Failure::Network(with_causes(&error)),
            TikTokLiveError::Proxy(error) => Failure::Network(error),
            other => Failure::Unexpected(other.to_string()),
        }
    }
}

/// An error with the causes under it ("error sending request: … dns error: …"): the top line
/// alone rarely says what to fix.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        let line = error.to_string();
        if !text.contains(&line) {
            text = format!("{text}: {line}");
        }
        cause = error.source();
    }
    text
}

impl Failure {
    fn state(&self) -> ConnectionState {
        match self {
            Failure::NotLive => ConnectionState::Offline,
            _ => ConnectionState::Error,
        }
    }

    /// What is wrong, for the status bar.
    fn reason(&self, handle: &str, logged_in: bool) -> SourceReason {
        let handle = handle.to_string();
        match self.clone() {
            Failure::NotFound => SourceReason::TiktokNotFound { handle },
            Failure::NotLive => SourceReason::TiktokNotLive { handle },
            Failure::AgeRestricted => SourceReason::TiktokAgeRestricted { handle, logged_in },
            Failure::Blocked(why) => SourceReason::TiktokBlocked { why },
            Failure::RateLimited => SourceReason::TiktokRateLimited,
            Failure::Network(error) => SourceReason::TiktokUnreachable { error },
            Failure::Unexpected(error) => SourceReason::TiktokUnexpected { error },
            Failure::ForeignRoom { room, owner } => SourceReason::TiktokForeignRoom { handle, room, owner },
        }
    }

    /// `false` when trying again cannot help until the user changes something.
    fn worth_retrying(&self) -> bool {
        !matches!(self, Failure::NotFound | Failure::AgeRestricted | Failure::ForeignRoom { .. })
    }

    fn min_delay(&self) -> Duration {
        match self {
            Failure::Blocked(_) | Failure::RateLimited => BLOCKED_MIN_DELAY,
            _ => Duration::ZERO,
        }
    }
}

impl TikTokSource {
    /// Visits the live, again and again, until the session stops the source.
    async fn watch(&self, ctx: &SourceContext) {
        let mut backoff = Backoff::new(self.first_retry, RETRY_CAP);
        let handle = &self.handle;
        // Once a live ended, looking for the next one is "ended", not "offline".
        let mut ended = false;
        // The room of this source's live: the first one joined.
        let mut live_room: Option<String> = None;
        loop {
            if !ended {
                ctx.set_state(
                    ConnectionState::Connecting,
                    SourceReason::TiktokLookingUp { handle: handle.clone() }.into(),
                );
            }
            let (state, reason, min_delay) = match self.visit(ctx, &mut live_room).await {
                Visit::SessionGone => return,
                Visit::NewLive { from_room, to_room } => {
                    ctx.new_live(from_room, to_room);
                    return;
                }
                Visit::Ended => {
                    ended = true;
                    backoff.reset();
                    (ConnectionState::Ended, SourceReason::TiktokEnded { handle: handle.clone() }, Duration::ZERO)
                }
                Visit::Dropped { delivered } => {
                    if delivered {
                        backoff.reset();
                    }
                    (ConnectionState::Error, SourceReason::TiktokDropped, Duration::ZERO)
                }
                Visit::Failed(Failure::NotLive) if ended => {
                    (ConnectionState::Ended, SourceReason::TiktokEnded { handle: handle.clone() }, Duration::ZERO)
                }
                Visit::Failed(failure) => {
                    let reason = failure.reason(handle, self.session.is_some());
                    if !failure.worth_retrying() {
                        // Parked until the user changes the handle or the settings and
                        // reconnects: asking again would get the same answer.
                        ctx.set_state(failure.state(), reason.into());
                        return std::future::pending().await;
                    }
                    (failure.state(), reason, failure.min_delay())
                }
            };
            let delay = backoff.next_delay().max(min_delay);
            let seconds = delay.as_secs_f64().ceil() as u32;
            let next = if state == ConnectionState::Error {
                NextTry::RetryIn { seconds }
            } else {
                NextTry::CheckAgainIn { seconds }
            };
            ctx.set_state(state, SourceNote { reason, next: Some(next) });
            tokio::time::sleep(delay).await;
        }
    }

    /// One visit: look the room up, join it, deliver its events until it ends or drops. The
    /// first room joined becomes `live_room`; another one later is a new live.
    async fn visit(&self, ctx: &SourceContext, live_room: &mut Option<String>) -> Visit {
        let mut builder =
            TikTokLive::builder(&self.handle).endpoints(self.endpoints.clone()).timeout(HTTP_TIMEOUT).max_retries(0);
        if let Some(session) = &self.session {
            builder = builder.cookies(session.cookie());
        }
        let mut stream = match builder.connect().await {
            Ok(stream) => stream,
            Err(error) => return Visit::Failed(error.into()),
        };
        let mut delivered = false;
        let mut joined: Option<String> = None;
        loop {
            let Ok(event) = stream.next_event().await else { return Visit::Dropped { delivered } };
            match event {
                TikTokLiveEvent::Connected { room_id } => {
                    if let Some(first) = live_room.as_ref().filter(|first| **first != room_id) {
                        return Visit::NewLive { from_room: first.clone(), to_room: room_id };
                    }
                    let joining = SourceReason::TiktokJoining { handle: self.handle.clone(), room: room_id.clone() };
                    ctx.set_state(ConnectionState::Connecting, joining.into());
                    if let Err(failure) = self.check_room(&room_id).await {
                        return Visit::Failed(failure);
                    }
                    *live_room = Some(room_id.clone());
                    joined = Some(room_id);
                }
                TikTokLiveEvent::Disconnected => return Visit::Dropped { delivered },
                event if room_of(&event).is_some_and(|room| joined.as_ref().is_some_and(|j| *j != room)) => {
                    let room = room_of(&event).unwrap_or_default();
                    return Visit::Failed(Failure::ForeignRoom { room, owner: None });
                }
                event => match map_event(event, &self.source) {
                    Mapped::Event(event) => {
                        if !delivered {
                            delivered = true;
                            let connected = SourceReason::TiktokConnected { handle: self.handle.clone() };
                            ctx.set_state(ConnectionState::Live, connected.into());
                        }
                        let stream_ended = matches!(event.kind, EventKind::StreamEnd { .. });
                        if !ctx.emit(*event).await {
                            return Visit::SessionGone;
                        }
                        if stream_ended {
                            return Visit::Ended;
                        }
                    }
                    Mapped::Unknown(method) => {
                        ctx.report_dropped(format!("TikTok sent a message Pandu cannot read ({method})"))
                    }
                    Mapped::Skipped => {}
                },
            }
        }
    }

    /// Asks for the room's info, the one place TikTok says a room is 18+ before the socket
    /// stays silent, and whose room it is. Only those answers stop the visit (an 18+ room, or
    /// one whose owner is not the host asked for): the info is not needed otherwise, so any
    /// other trouble with it is left to the socket to show.
    async fn check_room(&self, room_id: &str) -> Result<(), Failure> {
        let cookie = self.session.as_ref().map(SessionId::cookie);
        let params = FetchParams {
            timeout: HTTP_TIMEOUT,
            cookies: cookie.as_deref(),
            user_agent: None,
            proxy: None,
            language: None,
            region: None,
            endpoints: &self.endpoints,
        };
        match fetch_room_info(room_id, params).await {
            Err(TikTokLiveError::AgeRestricted(_)) => Err(Failure::AgeRestricted),
            Err(error) => {
                tracing::debug!("room info for {room_id} unavailable: {error}");
                Ok(())
            }
            Ok(info) => match owner_of(&info.raw_json) {
                Some(owner) if !owner.eq_ignore_ascii_case(&self.handle) => {
                    Err(Failure::ForeignRoom { room: room_id.to_string(), owner: Some(owner) })
                }
                _ => Ok(()),
            },
        }
    }
}

/// The handle of a room's owner, as room info names it (`data.owner.display_id`), if it does.
fn owner_of(room_info: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(room_info).ok()?;
    let owner = json.pointer("/data/owner/display_id")?.as_str()?.trim();
    (!owner.is_empty()).then(|| owner.to_string())
}

/// The room a message says it belongs to (TikTok stamps each with it), when it says one.
fn room_of(event: &TikTokLiveEvent) -> Option<String> {
    let common = match event {
        TikTokLiveEvent::Chat(message) => message.common.as_ref(),
        TikTokLiveEvent::Gift(message) => message.common.as_ref(),
        TikTokLiveEvent::Like(message) => message.common.as_ref(),
        TikTokLiveEvent::Join(message) => message.common.as_ref(),
        TikTokLiveEvent::Follow(message) | TikTokLiveEvent::Share(message) => message.common.as_ref(),
        TikTokLiveEvent::RoomUserSeq(message) => message.common.as_ref(),
        TikTokLiveEvent::Control(message) => message.common.as_ref(),
        _ => None,
    }?;
    (common.room_id != 0).then(|| common.room_id.to_string())
}

/// What one connector event means to Pandu.
#[derive(Debug, PartialEq)]
pub enum Mapped {
    /// Boxed: an event is far bigger than the other variants.
    Event(Box<LiveEvent>),
    /// A message type the connector could not decode: counted as dropped input.
    Unknown(String),
    /// Known, and not something Pandu shows (or the raw twin of a convenience event it maps).
    Skipped,
}

/// Maps a connector event onto Pandu's model. The connector fires both a raw event and a
/// convenience one for the same member, social and control messages; only one of each pair is
/// mapped, so nothing arrives twice.
pub fn map_event(event: TikTokLiveEvent, source: &str) -> Mapped {
    let (common, kind) = match event {
        TikTokLiveEvent::Chat(chat) => (
            chat.common,
            EventKind::Comment(Comment {
                user: user(chat.user.as_ref()),
                text: chat.comment,
                flags: Vec::new(),
                suggested: None,
                banner: None,
                finding: None,
            }),
        ),
        TikTokLiveEvent::Gift(gift) => {
            // A combo gift sends one message per tap; the last one (`repeat_end`) has the total.
            if !gift.is_streak_over() {
                return Mapped::Skipped;
            }
            let details = gift.gift_details.clone().unwrap_or_default();
            (
                gift.common,
                EventKind::Gift {
                    user: user(gift.user.as_ref()),
                    gift_name: details.gift_name,
                    count: gift.repeat_count.max(1) as u32,
                    diamonds: details.diamond_count.max(0) as u32,
                },
            )
        }
        TikTokLiveEvent::Like(like) => {
            (like.common, EventKind::Like { user: user(like.user.as_ref()), count: like.like_count.max(0) as u32 })
        }
        TikTokLiveEvent::Join(member) => (member.common, EventKind::Join { user: user(member.user.as_ref()) }),
        TikTokLiveEvent::Follow(social) => (social.common, EventKind::Follow { user: user(social.user.as_ref()) }),
        TikTokLiveEvent::Share(social) => (social.common, EventKind::Share { user: user(social.user.as_ref()) }),
        TikTokLiveEvent::RoomUserSeq(seq) => {
            (seq.common, EventKind::ViewerCount { count: seq.viewer_count.clamp(0, i64::from(u32::MAX)) as u32 })
        }
        TikTokLiveEvent::Control(control) => {
            // TikTok's ControlAction: 1 paused, 2 unpaused, 3 ended, 4 suspended by TikTok.
            let reason = match control.action {
                3 => "the host ended the live",
                4 => "TikTok suspended the live",
                _ => return Mapped::Skipped,
            };
            let reason =
                if control.tips.trim().is_empty() { reason.to_string() } else { format!("{reason}: {}", control.tips) };
            (control.common, EventKind::StreamEnd { reason: Some(reason) })
        }
        TikTokLiveEvent::Unknown { method, payload } if method == tiktok_shop::METHOD => {
            match tiktok_shop::decode(&payload) {
                Ok(Some(shown)) => (
                    shown.common,
                    EventKind::ProductShown { product_id: shown.product_id, title: shown.title, price: shown.price },
                ),
                Ok(None) => return Mapped::Skipped,
                Err(_) => return Mapped::Unknown(method),
            }
        }
        TikTokLiveEvent::Unknown { method, .. } => return Mapped::Unknown(method),
        _ => return Mapped::Skipped,
    };
    let common = common.unwrap_or_default();
    let ts = if common.create_time > 0 { common.create_time } else { now_ms() };
    Mapped::Event(Box::new(LiveEvent { id: message_id(&common, &kind, ts), ts, source: source.to_string(), kind }))
}

/// TikTok's `msgId`, the same id TikFinity and the other connector-based tools pass on, so
/// one comment seen through two sources is one comment. Messages without one get an id made
/// of what they say, stable if the same message is delivered again.
fn message_id(common: &CommonMessageData, kind: &EventKind, ts: i64) -> String {
    if common.msg_id != 0 {
        return common.msg_id.to_string();
    }
    let what = serde_json::to_string(kind).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a: stable across runs, unlike std's hasher.
    for byte in what.bytes().chain(ts.to_le_bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("tiktok-{ts}-{hash:016x}")
}

fn user(identity: Option<&UserIdentity>) -> User {
    let Some(identity) = identity else {
        return User {
            id: String::new(),
            unique_id: String::new(),
            nickname: String::new(),
            avatar_url: None,
            is_moderator: false,
            follow_role: FollowRole::None,
        };
    };
    let attributes = identity.user_attr.as_ref();
    User {
        id: identity.user_id.to_string(),
        unique_id: identity.unique_id.clone(),
        nickname: identity.nickname.clone(),
        avatar_url: identity.avatar_thumb.as_ref().and_then(|image| image.url_list.first().cloned()),
        is_moderator: attributes.is_some_and(|a| a.is_admin || a.is_super_admin),
        follow_role: match identity.follow_info.as_ref().map(|f| f.follow_status) {
            Some(1) => FollowRole::Follower,
            Some(2) => FollowRole::Friend,
            _ => FollowRole::None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piratetok_live_rs::structs::proto::{
        FollowInfo, GiftDetails, Image, UserAttr, WebcastChatMessage, WebcastControlMessage, WebcastGiftMessage,
    };

    fn common(msg_id: i64) -> Option<CommonMessageData> {
        Some(CommonMessageData { msg_id, create_time: 1_732_330_000_123, ..Default::default() })
    }

    fn identity() -> UserIdentity {
        UserIdentity {
            user_id: 7_123_456_789_012_345_678,
            unique_id: "sari.belanja".into(),
            nickname: "Sari <b>".into(),
            avatar_thumb: Some(Image { url_list: vec!["https://p16.example/a.webp".into()], ..Default::default() }),
            follow_info: Some(FollowInfo { follow_status: 2, ..Default::default() }),
            user_attr: Some(UserAttr { is_admin: true, ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn a_chat_keeps_tiktoks_id_time_and_the_viewer_as_typed() {
        let chat = WebcastChatMessage {
            common: common(7_400_000_000_000_000_001),
            user: Some(identity()),
            comment: "ready kak?".into(),
            ..Default::default()
        };
        let Mapped::Event(event) = map_event(TikTokLiveEvent::Chat(chat), "tiktok:@toko") else { panic!() };
        assert_eq!(event.id, "7400000000000000001");
        assert_eq!(event.ts, 1_732_330_000_123);
        assert_eq!(event.source, "tiktok:@toko");
        let comment = event.as_comment().unwrap();
        assert_eq!(comment.text, "ready kak?");
        assert_eq!(comment.user.id, "7123456789012345678", "kept whole, not rounded through a float");
        assert_eq!(comment.user.nickname, "Sari <b>");
        assert_eq!(comment.user.avatar_url.as_deref(), Some("https://p16.example/a.webp"));
        assert!(comment.user.is_moderator);
        assert_eq!(comment.user.follow_role, FollowRole::Friend);
    }

    #[test]
    fn a_combo_gift_counts_once_at_the_end_of_its_streak() {
        let gift = |repeat_count, repeat_end| WebcastGiftMessage {
            common: common(10 + i64::from(repeat_count)),
            user: Some(identity()),
            repeat_count,
            repeat_end,
            gift_details: Some(GiftDetails {
                gift_name: "Rose".into(),
                diamond_count: 1,
                gift_type: 1,
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(map_event(TikTokLiveEvent::Gift(gift(3, 0)), "t"), Mapped::Skipped);
        let Mapped::Event(event) = map_event(TikTokLiveEvent::Gift(gift(5, 1)), "t") else { panic!() };
        assert!(
            matches!(event.kind, EventKind::Gift { count: 5, diamonds: 1, ref gift_name, .. } if gift_name == "Rose")
        );
    }

    #[test]
    fn only_an_end_or_a_suspension_ends_the_stream() {
        let control = |action, tips: &str| {
            TikTokLiveEvent::Control(WebcastControlMessage {
                common: common(99),
                action,
                tips: tips.into(),
                ..Default::default()
            })
        };
        assert_eq!(map_event(control(1, ""), "t"), Mapped::Skipped, "a pause is not an end");
        let Mapped::Event(event) = map_event(control(3, ""), "t") else { panic!() };
        assert_eq!(event.kind, EventKind::StreamEnd { reason: Some("the host ended the live".into()) });
        let Mapped::Event(event) = map_event(control(4, "Pelanggaran pedoman"), "t") else { panic!() };
        assert_eq!(
            event.kind,
            EventKind::StreamEnd { reason: Some("TikTok suspended the live: Pelanggaran pedoman".into()) }
        );
    }

    #[test]
    fn a_message_without_an_id_gets_one_that_is_stable_across_deliveries() {
        let chat = || {
            TikTokLiveEvent::Chat(WebcastChatMessage {
                common: common(0),
                user: Some(identity()),
                comment: "halo".into(),
                ..Default::default()
            })
        };
        let (Mapped::Event(first), Mapped::Event(again)) = (map_event(chat(), "a"), map_event(chat(), "b")) else {
            panic!()
        };
        assert!(first.id.starts_with("tiktok-"));
        assert_eq!(first.id, again.id);
    }

    #[test]
    fn unknown_messages_are_reported_and_raw_twins_skipped() {
        let unknown = TikTokLiveEvent::Unknown { method: "WebcastNewThingMessage".into(), payload: vec![1, 2] };
        assert_eq!(map_event(unknown, "t"), Mapped::Unknown("WebcastNewThingMessage".into()));
        let raw_control = TikTokLiveEvent::LiveEnded(WebcastControlMessage { action: 3, ..Default::default() });
        assert_eq!(map_event(raw_control, "t"), Mapped::Skipped, "mapped from its Control twin");
    }

    #[test]
    fn a_pinned_product_becomes_a_product_shown_event_with_tiktoks_id_and_time() {
        let method = String::from(tiktok_shop::METHOD);
        let payload = tiktok_shop::tests::message(1, "Daster Kirana Voal", 1_729_384_756_120_384_512, "");
        let Mapped::Event(event) = map_event(TikTokLiveEvent::Unknown { method: method.clone(), payload }, "t") else {
            panic!("the pinned product is an event")
        };
        assert_eq!((event.id.as_str(), event.ts), ("7441000000000000009", 1_764_590_460_000));
        assert_eq!(
            event.kind,
            EventKind::ProductShown {
                product_id: Some("1729384756120384512".into()),
                title: "Daster Kirana Voal".into(),
                price: Some("Rp89.000".into()),
            }
        );
        let nothing = tiktok_shop::tests::message(3, "", 0, "");
        assert_eq!(
            map_event(TikTokLiveEvent::Unknown { method: method.clone(), payload: nothing }, "t"),
            Mapped::Skipped
        );
        let broken = TikTokLiveEvent::Unknown { method: method.clone(), payload: vec![0x22, 0x05, 0x0a] };
        assert_eq!(
            map_event(broken, "t"),
            Mapped::Unknown(method),
            "a message that is not the schema's is dropped input"
        );
    }

    #[test]
    fn handles_are_read_as_people_write_them() {
        for text in ["@toko.sari", "toko.sari", " https://www.tiktok.com/@toko.sari/live?lang=id "] {
            assert_eq!(parse_handle(text).unwrap(), "toko.sari", "{text}");
        }
        for text in ["@", "@a", "toko sari", "@toko.", "@<script>", "https://www.tiktok.com/"] {
            assert!(parse_handle(text).unwrap_err().contains("not a TikTok handle"), "{text}");
        }
    }

    #[test]
    fn a_session_id_never_prints() {
        let session = SessionId::new(" abc123secret ").unwrap();
        assert!(!format!("{session:?}").contains("abc123secret"));
        assert_eq!(session.cookie(), "sessionid=abc123secret");
        assert_eq!(SessionId::new("   "), None);
    }

    #[test]
    fn failures_are_told_apart() {
        let failure = |error| Failure::from(error);
        assert_eq!(failure(TikTokLiveError::UserNotFound("x".into())), Failure::NotFound);
        assert_eq!(failure(TikTokLiveError::HostNotOnline("x".into())), Failure::NotLive);
        assert_eq!(failure(TikTokLiveError::TikTokBlocked("http 429".into())), Failure::RateLimited);
        assert!(matches!(failure(TikTokLiveError::TikTokBlocked("http 403".into())), Failure::Blocked(_)));
        assert!(!Failure::NotFound.worth_retrying() && !Failure::AgeRestricted.worth_retrying());
        assert!(Failure::NotLive.worth_retrying() && Failure::RateLimited.worth_retrying());
        assert_eq!(Failure::NotLive.state(), ConnectionState::Offline);
        assert!(Failure::AgeRestricted.reason("toko", false).to_string().contains("sessionid"));
    }
}
