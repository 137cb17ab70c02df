//! The frame overlay: its data for the page (no token: streaming software only takes a URL, and
//! nothing here changes state), the switch between templates and the pinned comment (token).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use super::reply::{answer, parse};
use crate::app::App;

/// The frame's routes that change what is on air (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/pin", post(pin).delete(unpin))
        .route("/api/frame", put(use_frame))
        .route("/api/frames", get(list))
}

/// What the frame overlay page reads (no token).
pub(super) fn overlay_routes() -> Router<Arc<App>> {
    Router::new().route("/overlay/frame.json", get(view)).route("/overlay/frame.png", get(png))
}

/// The body of a pin request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pin {
    comment_id: String,
}

/// `POST /api/pin`: `{"comment_id": "..."}`, one of the live's recent comments → `{"pinned": comment}`.
async fn pin(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let pinned = parse::<Pin>(&body).and_then(|pin| app.pin(&pin.comment_id));
    answer(StatusCode::OK, pinned.map(|comment| json!({ "pinned": comment })))
}

/// `DELETE /api/pin`: takes the pinned comment off the frame → `{"pinned": null}`.
async fn unpin(State(app): State<Arc<App>>) -> Response {
    app.unpin();
    answer(StatusCode::OK, Ok::<Value, crate::app::AppError>(json!({ "pinned": null })))
}

/// `?template=NAME`: a template other than the one on air.
#[derive(Deserialize)]
pub(super) struct Which {
    template: Option<String>,
}

/// `GET /overlay/frame.json[?template=NAME]`: where the overlay page puts its widgets.
async fn view(State(app): State<Arc<App>>, Query(which): Query<Which>) -> Response {
    answer(StatusCode::OK, app.frame_view(which.template.as_deref()))
}

/// `GET /overlay/frame.png[?template=NAME]`: the frame with the live's fields (the last good one
/// while the template is refused).
async fn png(State(app): State<Arc<App>>, Query(which): Query<Which>) -> Response {
    match app.frame_png(which.template).await {
        Ok(png) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "no-cache")],
            png.as_ref().clone(),
        )
            .into_response(),
        Err(error) => answer::<()>(StatusCode::OK, Err(error)),
    }
}

/// The body of a frame switch.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Use {
    template: String,
}

/// `PUT /api/frame`: `{"template": "payday-sale"}` puts it on air.
async fn use_frame(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<Use>(&body) {
        Ok(chosen) => app.use_frame(chosen.template).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `GET /api/frames`: every template, with why one cannot be used.
async fn list(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok::<_, crate::app::AppError>(app.frame_templates().await))
}
