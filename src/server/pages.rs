//! The pages the server hands to other screens: the countdown and frame overlays for streaming
//! software (no token: OBS and TikTok LIVE Studio only take a URL) and the host view (its route,
//! behind the token, is in `host_view.rs`).
//!
//! The pages are TypeScript in `ui/` (`ui/host.html`, `ui/overlay/*.html`, `ui/src/pages/`), built
//! by the window's own Vite build into `ui/dist/` (`make ui` before `cargo build`), and embedded
//! in the binary (rust-embed, debug builds too, so every build serves what it was built with):
//! the pages' HTML and `overlay/assets/`, where the build puts every script, style and font.
//! Every page is served with a Content-Security-Policy that allows only its own scripts and
//! styles and a WebSocket back to this server: with no inline script allowed, even a bug that put
//! a viewer's text into markup could not run it (the build inlines nothing: `ui/vite.config.ts`).
//!
//! Overlay pages are read-only: their WebSocket (`/overlay/events`) carries only the clock, its
//! alerts and the comment the co-host pinned (no other comment, no nickname) and ignores anything
//! sent to it.

use std::sync::Arc;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::App;
use crate::outbound::{Audience, Connection, Outbound};

/// Paths as in `ui/dist/`. The window's own entry (`index.html` and its `index-*` bundle) is left
/// out: the server never serves it.
#[derive(rust_embed::RustEmbed)]
#[folder = "ui/dist/"]
#[include = "host.html"]
#[include = "overlay/**"]
#[exclude = "overlay/assets/index-*"]
struct Pages;

/// The overlay pages and their stream (no token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/overlay/countdown", get(countdown))
        .route("/overlay/frame", get(frame))
        .route("/overlay/assets/{file}", get(asset))
        .route("/overlay/events", get(overlay_events))
}

/// `GET /overlay/countdown`.
async fn countdown(headers: HeaderMap) -> Response {
    page("overlay/countdown.html", &headers)
}

/// `GET /overlay/frame`: it also shows the pinned comment's avatar, from the source's servers.
async fn frame(headers: HeaderMap) -> Response {
    let mut response = page("overlay/frame.html", &headers);
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

/// `GET /overlay/assets/{file}`: the pages' scripts, styles and fonts.
async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    page(&format!("overlay/assets/{file}"), &headers)
}

pub(super) fn page(file: &str, headers: &HeaderMap) -> Response {
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

/// `GET /overlay/events`: what is on the stream (the clock, its alerts, the frame and the pinned
/// comment), each as it is now first.
async fn overlay_events(State(app): State<Arc<App>>, upgrade: WebSocketUpgrade) -> Response {
    let connection = app.connect(Audience::Stream);
    upgrade.on_upgrade(move |socket| forward(socket, connection))
}

/// Sends the connection's snapshot, then its stream, to one WebSocket client until it leaves;
/// anything the client sends is ignored.
pub(super) async fn forward(mut socket: WebSocket, mut connection: Connection) {
    for message in std::mem::take(&mut connection.snapshot) {
        if send(&mut socket, &message).await.is_err() {
            return;
        }
    }
    loop {
        let message = tokio::select! {
            message = connection.next() => message,
            // Reading lets us notice a client that closed.
            message = socket.recv() => match message {
                Some(Ok(_)) => continue,
                _ => return,
            },
        };
        let Some(message) = message else { return };
        if send(&mut socket, &message).await.is_err() {
            return;
        }
    }
}

async fn send(socket: &mut WebSocket, message: &Outbound) -> Result<(), axum::Error> {
    let text = serde_json::to_string(message).expect("outbound messages always serialise");
    socket.send(Message::Text(text.into())).await
}
