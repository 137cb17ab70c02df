//! The tokens' control routes: the host view's links for tools, and rotating a token.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::reply::answer;
use crate::app::{App, AppError, ErrorCode, Scope};

/// The routes (behind the control token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/host-link", get(host_link)).route("/api/tokens/{scope}/rotate", post(rotate))
}

/// `GET /api/host-link`: the host view's addresses and QR code, carrying the host token.
async fn host_link(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, app.host_link())
}

/// `POST /api/tokens/{scope}/rotate`: a new token for `scope`, in force at once; sessions
/// holding the old one end.
async fn rotate(State(app): State<Arc<App>>, Path(scope): Path<String>) -> Response {
    let result = match scope.parse::<Scope>() {
        Ok(scope) => app.rotate_token(scope).await.map(|token| serde_json::json!({ "scope": scope, "token": token })),
        Err(message) => Err(AppError::new(ErrorCode::NotFound, message)),
    };
    answer(StatusCode::OK, result)
}
