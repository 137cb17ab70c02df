//! The agency's control API: who hosts on this PC, the hub it sends its lives to, and how far
//! behind the hub it is.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::reply::{answer, parse};
use crate::app::{Agency, App, AppError};

/// Behind the control token.
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/agency", get(agency).put(save_agency)).route("/api/hub", get(hub_status))
}

/// `GET /api/agency`.
async fn agency(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok::<_, AppError>(app.agency()))
}

/// `PUT /api/agency`: the host's name and the whole `[hub]`, saved in the settings.
async fn save_agency(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<Agency>(&body) {
        Ok(agency) => app.save_agency(agency).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `GET /api/hub`: where this desktop stands with the hub.
async fn hub_status(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok::<_, AppError>(app.hub_status()))
}
