//! The pages the server hands to other screens: the countdown overlay for streaming software
//! (no token: OBS and TikTok LIVE Studio only take a URL) and the host view (token).
//!
//! The pages live in `overlays/pages/` and are embedded in the binary (rust-embed, debug builds
//! too, so every build serves what it was built with). Every page is
//! served with a Content-Security-Policy that allows only its own scripts and styles and a
//! WebSocket back to this server: with no inline script allowed, even a bug that put a viewer's
//! text into markup could not run it.
//!
//! Overlay pages are read-only: their WebSocket (`/overlay/events`) carries only the clock, its
//! alerts and the comment the co-host pinned (no other comment, no nickname) and ignores anything
//! sent to it.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;

use crate::app::App;
use crate::outbound::Outbound;

#[derive(rust_embed::RustEmbed)]
#[folder = "overlays/pages/"]
struct Pages;

/// `GET /overlay/countdown`.
pub(super) async fn countdown(headers: HeaderMap) -> Response {
    page("countdown.html", &headers)
}

/// `GET /overlay/frame`: it also shows the pinned comment's avatar, from the source's servers.
pub(super) async fn frame(headers: HeaderMap) -> Response {
    let mut response = page("frame.html", &headers);
    if response.status() == StatusCode::OK {
        let policy = content_security_policy(&headers)
            .to_str()
            .unwrap_or_default()
            .replace("img-src 'self' data:", "img-src 'self' data: https:");
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("built from a valid header"),
        );
    }
    response
}

/// `GET /host` (behind the token).
pub(super) async fn host(headers: HeaderMap) -> Response {
    page("host.html", &headers)
}

/// `GET /overlay/assets/{file}`: the pages' scripts and styles.
pub(super) async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if file.ends_with(".html") {
        return super::no_such_route();
    }
    page(&file, &headers)
}

fn page(file: &str, headers: &HeaderMap) -> Response {
    let Some(content) = Pages::get(file) else {
        return super::no_such_route();
    };
    let content_type = match file.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_SECURITY_POLICY, content_security_policy(headers)),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        ],
        content.data.into_owned(),
    )
        .into_response()
}

/// Own scripts, styles and images only; WebSockets back to the host the page was loaded from
/// (named outright: older browser engines, like some streaming software's, do not count
/// `ws:` as `'self'`).
fn content_security_policy(headers: &HeaderMap) -> HeaderValue {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)));
    let websocket = host.map(|host| format!(" ws://{host} wss://{host}")).unwrap_or_default();
    HeaderValue::from_str(&format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'{websocket}; base-uri 'none'; form-action 'none'"
    ))
    .expect("built from checked characters")
}

/// `GET /overlay/events`: a WebSocket of the clock, its alerts and the pinned comment, each as
/// it is now first.
pub(super) async fn overlay_events(State(app): State<Arc<App>>, upgrade: WebSocketUpgrade) -> Response {
    // Subscribed before the snapshot is taken, so nothing between the two is missed.
    let receiver = app.subscribe();
    let mut first = vec![Outbound::Clock { clock: app.clock_state() }, Outbound::Pinned { comment: app.pinned() }];
    first.extend(app.frame_view(None).ok().map(|frame| Outbound::Frame { frame }));
    upgrade.on_upgrade(move |socket| {
        forward(socket, first, receiver, |message| {
            matches!(
                message,
                Outbound::Clock { .. } | Outbound::Alert { .. } | Outbound::Pinned { .. } | Outbound::Frame { .. }
            )
        })
    })
}

/// Sends `first`, then every message of the outbound stream that `wanted` keeps, to one
/// WebSocket client until it leaves. A client too slow to keep up skips what it missed rather
/// than holding the live back; anything it sends is ignored.
pub(super) async fn forward(
    mut socket: WebSocket,
    first: Vec<Outbound>,
    mut outbound: tokio::sync::broadcast::Receiver<Arc<Outbound>>,
    wanted: fn(&Outbound) -> bool,
) {
    for message in first {
        if send(&mut socket, &message).await.is_err() {
            return;
        }
    }
    loop {
        let message = tokio::select! {
            received = outbound.recv() => received,
            // Reading lets us notice a client that closed.
            message = socket.recv() => match message {
                Some(Ok(_)) => continue,
                _ => return,
            },
        };
        match message {
            Ok(message) if wanted(&message) => {
                if send(&mut socket, &message).await.is_err() {
                    return;
                }
            }
            Ok(_) => {}
            Err(RecvError::Lagged(skipped)) => {
                tracing::warn!("a WebSocket client fell behind and skipped {skipped} messages")
            }
            Err(RecvError::Closed) => return,
        }
    }
}

async fn send(socket: &mut WebSocket, message: &Outbound) -> Result<(), axum::Error> {
    let text = serde_json::to_string(message).expect("outbound messages always serialise");
    socket.send(Message::Text(text.into())).await
}
