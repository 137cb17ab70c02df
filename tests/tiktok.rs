//! The native TikTok source against a local stand-in for TikTok: the room lookup, room info,
//! the `ttwid` cookie and the webcast WebSocket, speaking the real wire format (protobuf
//! `WebcastPushFrame`s around gzip'd `WebcastResponse`s, encoded with the connector's schema).
//! Everything runs on 127.0.0.1; nothing reaches TikTok.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pandu::event::{EventKind, LiveEvent};
use pandu::ingest::shapes::{Parsed, parse_frame};
use pandu::ingest::tiktok::{SessionId, TikTokSource};
use pandu::ingest::{ConnectionState, Kept, Source, SourceContext};
use piratetok_live_rs::structs::proto::*;
use prost::Message as _;
use tokio_util::sync::CancellationToken;

/// How the stand-in answers.
#[derive(Clone)]
struct Script {
    /// The room lookup's HTTP status and body.
    room: (u16, String),
    /// Room info's body.
    room_info: String,
    /// Binary frames sent on each WebSocket connection, after which the server hangs up
    /// unless `hold_open`.
    frames: Vec<Vec<u8>>,
    hold_open: bool,
    /// The room lookup's answer from the second lookup on (the host went live again), if not
    /// the same.
    later_room: Option<(u16, String)>,
}

#[derive(Default)]
struct Seen {
    room_lookups: usize,
    sockets: usize,
    /// The Cookie headers of room-info and WebSocket requests.
    cookies: Vec<String>,
    /// Frame types the client sent on the socket (`hb`, `im_enter_room`, `ack`).
    client_frames: Vec<String>,
}

#[derive(Clone)]
struct Mock {
    script: Arc<Script>,
    seen: Arc<Mutex<Seen>>,
}

const ROOM_ID: &str = "7437000000000000001";

fn live_room() -> (u16, String) {
    (
        200,
        format!(
            r#"{{"statusCode":0,"data":{{"user":{{"id":"6800","roomId":"{ROOM_ID}","status":2}},"liveRoom":{{"status":2}}}}}}"#
        ),
    )
}

fn open_room_info() -> String {
    r#"{"status_code":0,"data":{"title":"Flash sale jam 8","user_count":321,"stats":{"like_count":10,"total_user":900}}}"#.into()
}

async fn start_mock(script: Script) -> (String, Arc<Mutex<Seen>>) {
    let mock = Mock { script: Arc::new(script), seen: Arc::default() };
    let seen = Arc::clone(&mock.seen);
    let app = Router::new()
        .route("/", get(|| async { ([(header::SET_COOKIE, "ttwid=1%7Cmock-ttwid; Path=/; HttpOnly")], "ok") }))
        .route("/api-live/user/room", get(room_lookup))
        .route("/webcast/room/info/", get(room_info))
        .route("/webcast/im/ws_proxy/ws_reuse_supplement/", get(webcast_socket))
        .with_state(mock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

async fn room_lookup(State(mock): State<Mock>, Query(query): Query<Vec<(String, String)>>) -> Response {
    let lookups = {
        let mut seen = mock.seen.lock().unwrap();
        seen.room_lookups += 1;
        seen.room_lookups
    };
    assert!(query.iter().any(|(k, v)| k == "uniqueId" && v == "toko.sari"), "{query:?}");
    let (status, body) = match &mock.script.later_room {
        Some(later) if lookups > 1 => later.clone(),
        _ => mock.script.room.clone(),
    };
    (StatusCode::from_u16(status).unwrap(), body).into_response()
}

async fn room_info(State(mock): State<Mock>, headers: HeaderMap) -> Response {
    record_cookie(&mock, &headers);
    mock.script.room_info.clone().into_response()
}

async fn webcast_socket(State(mock): State<Mock>, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Response {
    record_cookie(&mock, &headers);
    mock.seen.lock().unwrap().sockets += 1;
    upgrade.on_upgrade(move |socket| serve_socket(socket, mock))
}

fn record_cookie(mock: &Mock, headers: &HeaderMap) {
    let cookie = headers.get(header::COOKIE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    mock.seen.lock().unwrap().cookies.push(cookie);
}

async fn serve_socket(mut socket: WebSocket, mock: Mock) {
    for frame in &mock.script.frames {
        if socket.send(Message::Binary(frame.clone().into())).await.is_err() {
            return;
        }
    }
    // Read what the client sends (heartbeat, room entry, acks) for a moment, then hang up or hold.
    let listen_for = if mock.script.hold_open { Duration::from_secs(3600) } else { Duration::from_millis(300) };
    let _ = tokio::time::timeout(listen_for, async {
        while let Some(Ok(Message::Binary(data))) = socket.recv().await {
            let frame = WebcastPushFrame::decode(data.as_ref()).unwrap();
            mock.seen.lock().unwrap().client_frames.push(frame.payload_type);
        }
    })
    .await;
    let _ = socket.send(Message::Close(None)).await;
}

// --- Real-shaped frames ---------------------------------------------------------------------

fn common(msg_id: i64, method: &str) -> Option<CommonMessageData> {
    Some(CommonMessageData {
        method: method.into(),
        msg_id,
        room_id: ROOM_ID.parse().unwrap(),
        create_time: 1_732_330_000_000 + msg_id % 1000,
        ..Default::default()
    })
}

fn viewer(user_id: i64, handle: &str, nickname: &str) -> Option<UserIdentity> {
    Some(UserIdentity {
        user_id,
        unique_id: handle.into(),
        nickname: nickname.into(),
        avatar_thumb: Some(Image {
            url_list: vec![format!("https://p16-sign.example/{handle}.webp")],
            ..Default::default()
        }),
        follow_info: Some(FollowInfo { follow_status: 1, ..Default::default() }),
        ..Default::default()
    })
}

fn message(method: &str, payload: impl prost::Message) -> WebcastMessage {
    WebcastMessage { r#type: method.into(), payload: payload.encode_to_vec(), ..Default::default() }
}

/// A push frame as TikTok sends it: `payload_type` "msg", the response gzip'd inside.
fn push_frame(log_id: i64, messages: Vec<WebcastMessage>) -> Vec<u8> {
    let response = WebcastResponse {
        messages,
        cursor: format!("t-{log_id}"),
        internal_ext: format!("internal_src:dim|wss_push_room_id:{ROOM_ID}|log_id:{log_id}"),
        needs_ack: true,
        ..Default::default()
    };
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&response.encode_to_vec()).unwrap();
    let frame = WebcastPushFrame {
        log_id,
        payload_encoding: "pb".into(),
        payload_type: "msg".into(),
        payload: gzip.finish().unwrap(),
        headers: [("compress_type".to_string(), "gzip".to_string())].into(),
        ..Default::default()
    };
    frame.encode_to_vec()
}

fn enter_room_reply() -> Vec<u8> {
    WebcastPushFrame { payload_type: "im_enter_room_resp".into(), ..Default::default() }.encode_to_vec()
}

fn chat(msg_id: i64, handle: &str, text: &str) -> WebcastMessage {
    message(
        "WebcastChatMessage",
        WebcastChatMessage {
            common: common(msg_id, "WebcastChatMessage"),
            user: viewer(msg_id, handle, &format!("{handle} 🌸")),
            comment: text.into(),
            ..Default::default()
        },
    )
}

/// One live's worth of traffic: the room entry reply, then every kind of message Pandu maps,
/// and a few it does not, split over three frames.
fn a_live() -> Vec<Vec<u8>> {
    let rose = |msg_id, repeat_count, repeat_end| {
        message(
            "WebcastGiftMessage",
            WebcastGiftMessage {
                common: common(msg_id, "WebcastGiftMessage"),
                user: viewer(42, "budi_88", "Budi"),
                repeat_count,
                repeat_end,
                gift_details: Some(GiftDetails {
                    gift_name: "Rose".into(),
                    diamond_count: 1,
                    gift_type: 1,
                    ..Default::default()
                }),
                ..Default::default()
            },
        )
    };
    vec![
        enter_room_reply(),
        push_frame(
            1,
            vec![
                chat(7_437_100_000_000_000_001, "sari.belanja", "kak yang hitam ready?"),
                message(
                    "WebcastMemberMessage",
                    WebcastMemberMessage {
                        common: common(7_437_100_000_000_000_002, "WebcastMemberMessage"),
                        user: viewer(43, "rina", "Rina"),
                        action: 1,
                        ..Default::default()
                    },
                ),
                message(
                    "WebcastLikeMessage",
                    WebcastLikeMessage {
                        common: common(7_437_100_000_000_000_003, "WebcastLikeMessage"),
                        user: viewer(44, "dimas", "Dimas"),
                        like_count: 15,
                        total_like_count: 1200,
                        ..Default::default()
                    },
                ),
            ],
        ),
        push_frame(
            2,
            vec![
                rose(7_437_100_000_000_000_004, 2, 0),
                rose(7_437_100_000_000_000_005, 3, 1),
                message(
                    "WebcastSocialMessage",
                    WebcastSocialMessage {
                        common: common(7_437_100_000_000_000_006, "WebcastSocialMessage"),
                        user: viewer(45, "ayu", "Ayu"),
                        action: 1,
                        ..Default::default()
                    },
                ),
                message(
                    "WebcastSocialMessage",
                    WebcastSocialMessage {
                        common: common(7_437_100_000_000_000_007, "WebcastSocialMessage"),
                        user: viewer(46, "joko", "Joko"),
                        action: 3,
                        ..Default::default()
                    },
                ),
                message(
                    "WebcastRoomUserSeqMessage",
                    WebcastRoomUserSeqMessage {
                        common: common(7_437_100_000_000_000_008, "WebcastRoomUserSeqMessage"),
                        viewer_count: 321,
                        total_user: 900,
                        ..Default::default()
                    },
                ),
                WebcastMessage {
                    r#type: "WebcastNotInTheSchemaMessage".into(),
                    payload: vec![8, 1],
                    ..Default::default()
                },
            ],
        ),
        push_frame(
            3,
            vec![message(
                "WebcastControlMessage",
                WebcastControlMessage {
                    common: common(7_437_100_000_000_000_009, "WebcastControlMessage"),
                    action: 3,
                    ..Default::default()
                },
            )],
        ),
    ]
}

// --- Running the source ---------------------------------------------------------------------

/// Waits until the last state `report` got is `done`, and returns it.
async fn wait_for(
    report: &Kept,
    what: &str,
    done: impl Fn(ConnectionState, &str) -> bool,
) -> (ConnectionState, String) {
    for _ in 0..500 {
        if let Some((state, detail)) = report.states().pop()
            && done(state, &detail)
        {
            return (state, detail);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("never {what}; states: {:?}", report.states());
}

struct Running {
    events: tokio::sync::mpsc::Receiver<pandu::ingest::Incoming>,
    report: Arc<Kept>,
    cancel: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    async fn stop(self) -> Arc<Kept> {
        self.cancel.cancel();
        tokio::time::timeout(Duration::from_secs(5), self.task).await.expect("the source stops when told").unwrap();
        self.report
    }

    async fn next_event(&mut self) -> LiveEvent {
        tokio::time::timeout(Duration::from_secs(10), self.events.recv()).await.expect("an event").unwrap().event
    }
}

fn run(base: &str, session: Option<SessionId>) -> Running {
    let source = TikTokSource::new("toko.sari", session, "tiktok:@toko.sari".into())
        .with_endpoints(&format!("http://{base}/"), &format!("http://{base}/webcast/"), &format!("ws://{base}"))
        .with_first_retry(Duration::from_millis(50));
    let (tx, events) = tokio::sync::mpsc::channel(256);
    let cancel = CancellationToken::new();
    let report = Arc::new(Kept::default());
    let task = tokio::spawn(Box::new(source).run(SourceContext::new(tx, cancel.clone(), report.clone())));
    Running { events, report, cancel, task }
}

// --- Tests ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_live_is_decoded_from_the_wire_into_pandus_events_until_it_ends() {
    let (base, seen) = start_mock(Script {
        room: live_room(),
        room_info: open_room_info(),
        frames: a_live(),
        hold_open: true,
        later_room: None,
    })
    .await;
    let mut running = run(&base, None);

    let mut events = Vec::new();
    loop {
        let event = running.next_event().await;
        let end = matches!(event.kind, EventKind::StreamEnd { .. });
        events.push(event);
        if end {
            break;
        }
    }
    let kinds: Vec<String> =
        events.iter().map(|e| serde_json::to_value(e).unwrap()["type"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["comment", "join", "like", "gift", "follow", "share", "viewer_count", "stream_end"]);

    let comment = &events[0];
    assert_eq!(comment.id, "7437100000000000001", "TikTok's msgId, as TikFinity passes it on");
    // The same comment seen through TikFinity gets the same id, so a session reading both
    // stores it once.
    let via_tikfinity = r#"{"event":"chat","data":{"comment":"kak yang hitam ready?","uniqueId":"sari.belanja","msgId":"7437100000000000001"}}"#;
    let Ok(Parsed::Event(twin)) = parse_frame(via_tikfinity, "tikfinity").remove(0) else { panic!() };
    assert_eq!(twin.id, comment.id);
    assert_eq!(comment.source, "tiktok:@toko.sari");
    let text = comment.as_comment().unwrap();
    assert_eq!(text.text, "kak yang hitam ready?");
    assert_eq!(text.user.unique_id, "sari.belanja");
    assert_eq!(text.user.nickname, "sari.belanja 🌸");
    assert_eq!(text.user.avatar_url.as_deref(), Some("https://p16-sign.example/sari.belanja.webp"));
    assert!(matches!(&events[2].kind, EventKind::Like { count: 15, .. }));
    assert!(
        matches!(&events[3].kind, EventKind::Gift { gift_name, count: 3, diamonds: 1, .. } if gift_name == "Rose"),
        "the streak once, at its end: {:?}",
        events[3].kind
    );
    assert!(matches!(events[6].kind, EventKind::ViewerCount { count: 321 }));
    assert_eq!(events[7].kind, EventKind::StreamEnd { reason: Some("the host ended the live".into()) });

    let (state, detail) = wait_for(&running.report, "ended", |s, _| s == ConnectionState::Ended).await;
    assert!(detail.contains("live ended; watching for the next one"), "{state:?} {detail}");
    let report = running.stop().await;

    let states: Vec<ConnectionState> = report.states().iter().map(|(s, _)| *s).collect();
    assert!(
        states.starts_with(&[ConnectionState::Connecting, ConnectionState::Connecting, ConnectionState::Live]),
        "{states:?}"
    );
    let dropped = report.dropped();
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert!(dropped[0].contains("WebcastNotInTheSchemaMessage"));

    let seen = seen.lock().unwrap();
    assert_eq!(&seen.client_frames[..2], ["hb", "im_enter_room"]);
    assert!(seen.client_frames.iter().filter(|f| *f == "ack").count() >= 2, "acks: {:?}", seen.client_frames);
    assert!(seen.cookies.iter().any(|c| c.contains("ttwid=1%7Cmock-ttwid")), "{:?}", seen.cookies);
}

#[tokio::test]
async fn a_dropped_connection_is_said_and_rejoined() {
    let frames = vec![push_frame(1, vec![chat(1, "sari", "halo kak")])];
    let (base, seen) = start_mock(Script {
        room: live_room(),
        room_info: open_room_info(),
        frames,
        hold_open: false,
        later_room: None,
    })
    .await;
    let mut running = run(&base, None);
    assert_eq!(running.next_event().await.id, "1");
    // The stand-in hangs up after each round; the source looks the room up and joins again,
    // and the same message comes again (the session's dedupe stores it once).
    assert_eq!(running.next_event().await.id, "1");
    let report = running.stop().await;
    let states = report.states();
    let dropped = states
        .iter()
        .find(|(state, _)| *state == ConnectionState::Error)
        .map(|(_, detail)| detail.clone())
        .expect("the drop is shown");
    assert!(dropped.contains("connection to TikTok dropped") && dropped.contains("retrying in"), "{dropped}");
    let seen = seen.lock().unwrap();
    assert!(seen.sockets >= 2 && seen.room_lookups >= 2, "{} sockets, {} lookups", seen.sockets, seen.room_lookups);
}

#[tokio::test]
async fn a_host_who_is_not_live_is_offline_and_checked_again_without_a_busy_loop() {
    let room = (
        200,
        r#"{"statusCode":0,"data":{"user":{"id":"6800","roomId":"7437","status":4},"liveRoom":{"status":4}}}"#.into(),
    );
    let (base, seen) =
        start_mock(Script { room, room_info: open_room_info(), frames: vec![], hold_open: false, later_room: None })
            .await;
    let running = run(&base, None);
    let (_, detail) = wait_for(&running.report, "offline", |s, _| s == ConnectionState::Offline).await;
    assert!(detail.contains("@toko.sari is not live now; checking again in"), "{detail}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    running.stop().await;
    let lookups = seen.lock().unwrap().room_lookups;
    // 50 ms doubling (with jitter) fits a handful of lookups in ~0.6 s, not hundreds.
    assert!((2..=8).contains(&lookups), "{lookups} lookups");
}

/// Runs the source against a stand-in that answers the room lookup (and room info) as given,
/// and returns the state it settles in and how many lookups it made.
async fn settle(
    room: (u16, String),
    room_info: String,
    session: Option<SessionId>,
) -> (ConnectionState, String, usize) {
    let (base, seen) = start_mock(Script { room, room_info, frames: vec![], hold_open: true, later_room: None }).await;
    let running = run(&base, session);
    let (state, detail) = wait_for(&running.report, "settled", |s, _| {
        matches!(s, ConnectionState::Error | ConnectionState::Offline | ConnectionState::Live)
    })
    .await;
    // Long enough for a few retries at 50 ms, were any made.
    tokio::time::sleep(Duration::from_millis(400)).await;
    running.stop().await;
    let lookups = seen.lock().unwrap().room_lookups;
    (state, detail, lookups)
}

#[tokio::test]
async fn a_handle_that_does_not_exist_is_said_once_and_not_retried() {
    let (state, detail, lookups) =
        settle((200, r#"{"statusCode":19881007,"data":{}}"#.into()), open_room_info(), None).await;
    assert_eq!(state, ConnectionState::Error);
    assert_eq!(detail, "@toko.sari was not found on TikTok; check the handle");
    assert_eq!(lookups, 1);
}

#[tokio::test]
async fn an_age_restricted_room_asks_for_a_sessionid_and_waits_for_the_user() {
    let restricted = r#"{"status_code":4003110,"data":{"prompts":"This LIVE is age restricted"}}"#.to_string();
    let (state, detail, lookups) = settle(live_room(), restricted.clone(), None).await;
    assert_eq!(state, ConnectionState::Error);
    assert!(detail.contains("age-restricted (18+)") && detail.contains("[tiktok] sessionid"), "{detail}");
    assert_eq!(lookups, 1, "not retried: only a sessionid helps");

    let session = SessionId::new("s3cr3t-session");
    let (_, detail, _) = settle(live_room(), restricted, session).await;
    assert!(detail.contains("did not accept the sessionid"), "{detail}");
    assert!(!detail.contains("s3cr3t"), "{detail}");
}

#[tokio::test]
async fn blocks_captchas_and_rate_limits_are_told_apart_and_waited_out() {
    let (state, detail, lookups) = settle((429, String::new()), open_room_info(), None).await;
    assert_eq!(state, ConnectionState::Error);
    assert!(detail.starts_with("TikTok is rate-limiting requests from this connection; retrying in"), "{detail}");
    assert_eq!(lookups, 1, "at least 30 s before asking a rate limiter again");

    let captcha = (200, "<html><title>Security Check</title><div id=\"captcha-verify\"></div></html>".to_string());
    let (state, detail, _) = settle(captcha, open_room_info(), None).await;
    assert_eq!(state, ConnectionState::Error);
    assert!(detail.starts_with("TikTok blocked the request or asked for a CAPTCHA"), "{detail}");

    let (_, detail, _) = settle((403, "Forbidden".into()), open_room_info(), None).await;
    assert!(detail.contains("blocked the request") && detail.contains("http 403"), "{detail}");
}

#[tokio::test]
async fn an_unreachable_tiktok_is_a_network_error_that_is_retried() {
    let base = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("127.0.0.1:{}", listener.local_addr().unwrap().port())
    };
    let running = run(&base, None);
    let (_, detail) = wait_for(&running.report, "an error", |s, _| s == ConnectionState::Error).await;
    assert!(detail.starts_with("cannot reach TikTok (") && detail.contains("retrying in"), "{detail}");
    assert!(detail.to_lowercase().contains("connect"), "the cause, not just 'error sending request': {detail}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let report = running.stop().await;
    let attempts = report.states().iter().filter(|(s, _)| *s == ConnectionState::Connecting).count();
    assert!(attempts >= 2, "retried: {attempts} attempts");
}

#[tokio::test]
async fn the_sessionid_goes_to_tiktok_with_the_room_info_and_the_socket_and_is_never_shown() {
    let frames = vec![push_frame(1, vec![chat(5, "sari", "halo")])];
    let (base, seen) = start_mock(Script {
        room: live_room(),
        room_info: open_room_info(),
        frames,
        hold_open: true,
        later_room: None,
    })
    .await;
    let mut running = run(&base, SessionId::new("s3cr3t-session"));
    running.next_event().await;
    let report = running.stop().await;
    let cookies = seen.lock().unwrap().cookies.clone();
    assert_eq!(cookies.len(), 2, "room info and the socket: {cookies:?}");
    assert!(cookies.iter().all(|c| c.contains("sessionid=s3cr3t-session")), "{cookies:?}");
    let states = format!("{:?}", report.states());
    assert!(!states.contains("s3cr3t"), "{states}");
}

const NEXT_ROOM_ID: &str = "7437000000000000002";

fn room_with_id(room_id: &str) -> (u16, String) {
    (
        200,
        format!(
            r#"{{"statusCode":0,"data":{{"user":{{"id":"6800","roomId":"{room_id}","status":2}},"liveRoom":{{"status":2}}}}}}"#
        ),
    )
}

#[tokio::test]
async fn the_host_live_again_in_another_room_is_a_new_live_never_mixed_into_this_one() {
    // The first room delivers a comment and hangs up; looked up again, the host is live in
    // another room.
    let frames = vec![push_frame(1, vec![chat(1, "sari", "halo kak")])];
    let script = Script {
        room: live_room(),
        room_info: open_room_info(),
        frames,
        hold_open: false,
        later_room: Some(room_with_id(NEXT_ROOM_ID)),
    };
    let (base, seen) = start_mock(script).await;
    let mut running = run(&base, None);
    assert_eq!(running.next_event().await.id, "1");
    // The source says so and stops by itself: the session starts a new one.
    let stopped = tokio::time::timeout(Duration::from_secs(10), &mut running.task).await;
    assert!(stopped.is_ok(), "the source stops on a new live");
    assert_eq!(running.report.new_lives(), [(ROOM_ID.to_string(), NEXT_ROOM_ID.to_string())]);
    assert!(running.events.try_recv().is_err(), "nothing of the new room reached this session");
    assert!(seen.lock().unwrap().room_lookups >= 2, "the new room was found by looking the host up again");
}

#[tokio::test]
async fn a_room_owned_by_another_host_is_never_followed() {
    let foreign =
        r#"{"status_code":0,"data":{"title":"Bukan toko kita","owner":{"display_id":"toko.lain","id_str":"9"}}}"#;
    let frames = vec![push_frame(1, vec![chat(1, "sari", "halo kak")])];
    let script = Script { room: live_room(), room_info: foreign.into(), frames, hold_open: true, later_room: None };
    let (base, seen) = start_mock(script).await;
    let mut running = run(&base, None);
    let (state, detail) = wait_for(&running.report, "refused", |s, _| s == ConnectionState::Error).await;
    assert_eq!(state, ConnectionState::Error);
    assert!(detail.contains("which is @toko.lain's live, not @toko.sari's"), "{detail}");
    assert!(detail.contains("does not follow another host's room"), "{detail}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(running.events.try_recv().is_err(), "nothing of that room is delivered");
    running.stop().await;
    assert_eq!(seen.lock().unwrap().room_lookups, 1, "not retried: the user must check the handle");
}

#[tokio::test]
async fn messages_of_another_room_on_the_socket_stop_the_source() {
    let stray = message(
        "WebcastChatMessage",
        WebcastChatMessage {
            common: Some(CommonMessageData {
                method: "WebcastChatMessage".into(),
                msg_id: 77,
                room_id: 9_999,
                create_time: 1_732_330_000_000,
                ..Default::default()
            }),
            user: viewer(77, "orang.lain", "Orang Lain"),
            comment: "bukan live ini".into(),
            ..Default::default()
        },
    );
    let frames = vec![push_frame(1, vec![chat(1, "sari", "halo kak")]), push_frame(2, vec![stray])];
    let script = Script { room: live_room(), room_info: open_room_info(), frames, hold_open: true, later_room: None };
    let (base, _seen) = start_mock(script).await;
    let mut running = run(&base, None);
    assert_eq!(running.next_event().await.id, "1");
    let (_, detail) = wait_for(&running.report, "refused", |s, _| s == ConnectionState::Error).await;
    assert!(detail.contains("carried messages of another room (9999)"), "{detail}");
    assert!(running.events.try_recv().is_err(), "the stray comment is not delivered");
    running.stop().await;
}
