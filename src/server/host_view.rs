//! The host view's routes: its page and its stream (opened with the host token, from the link
//! or QR code), and the host's script (the teleprompter), which only the control token sets.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, put};
use axum::{Extension, Router};

use super::auth::until_revoked;
use super::pages::{forward, page};
use super::reply::answer;
use crate::app::{App, AppError, ErrorCode, Grant};
use crate::outbound::Audience;

/// The host view's page and stream (the host token or the control token, also as `?token=`).
pub(super) fn page_routes() -> Router<Arc<App>> {
    Router::new().route("/host", get(host)).route("/host/events", get(events))
}

/// The script (the control token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/script", put(set_script))
}

/// `GET /host`: the host's own screen.
async fn host(headers: HeaderMap) -> Response {
    page("host.html", &headers)
}

/// `GET /host/events`: what the host's screen shows, as it is now first, then as it changes;
/// it ends when the token it was opened with is rotated.
async fn events(
    State(app): State<Arc<App>>,
    Extension(grant): Extension<Grant>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let connection = app.connect(Audience::Host);
    upgrade.on_upgrade(move |socket| until_revoked(grant, forward(socket, connection)))
}

/// `PUT /api/script`: the host's script, as plain text.
async fn set_script(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match String::from_utf8(body.to_vec()) {
        Ok(text) => app.set_host_script(text).await,
        Err(_) => Err(AppError::new(ErrorCode::Invalid, "script: the body is not UTF-8 text")),
    };
    answer(StatusCode::OK, result)
}
