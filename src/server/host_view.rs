//! The host view's routes: its page and the host's script (the teleprompter) it shows.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, put};

use super::pages::page;
use super::reply::answer;
use crate::app::{App, AppError, ErrorCode};

/// The host view's routes (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/host", get(host)).route("/api/script", put(set_script))
}

/// `GET /host`: the host's own screen.
async fn host(headers: HeaderMap) -> Response {
    page("host.html", &headers)
}

/// `PUT /api/script`: the host's script, as plain text.
async fn set_script(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match String::from_utf8(body.to_vec()) {
        Ok(text) => app.set_host_script(text).await,
        Err(_) => Err(AppError::new(ErrorCode::Invalid, "script: the body is not UTF-8 text")),
    };
    answer(StatusCode::OK, result)
}
