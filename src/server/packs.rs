//! The rule packs' routes: which packs exist and which are on, for tools that switch them.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::reply::{answer, parse};
use crate::app::App;

/// The rule packs' routes (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/packs", get(list).put(switch))
}

/// `GET /api/packs`: every shipped pack, and whether it is on.
async fn list(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok(app.rule_packs()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Switch {
    packs: Vec<String>,
}

/// `PUT /api/packs` `{"packs": [...]}`: exactly these packs on, from the next comment on.
async fn switch(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<Switch>(&body) {
        Ok(Switch { packs }) => app.set_rule_packs(packs).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}
