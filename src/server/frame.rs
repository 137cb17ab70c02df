//! The frame overlay: its data for the page (no token: streaming software only takes a URL, and
//! nothing here changes state), the switch between templates and the pinned comment (token).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::clock::{answer, parse};
use crate::app::App;

/// The body of a pin request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pin {
    comment_id: String,
}

/// `POST /api/pin`: `{"comment_id": "..."}`, one of the live's recent comments → `{"pinned": comment}`.
pub(super) async fn pin(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let pinned = parse::<Pin>(&body).and_then(|pin| app.pin(&pin.comment_id));
    answer(StatusCode::OK, pinned.map(|comment| json!({ "pinned": comment })))
}

/// `DELETE /api/pin`: takes the pinned comment off the frame → `{"pinned": null}`.
pub(super) async fn unpin(State(app): State<Arc<App>>) -> Response {
    app.unpin();
    answer(StatusCode::OK, Ok::<Value, crate::app::AppError>(json!({ "pinned": null })))
}

/// `?template=NAME`: a template other than the one on air.
#[derive(Deserialize)]
pub(super) struct Which {
    template: Option<String>,
}

/// `GET /overlay/frame.json[?template=NAME]`: where the overlay page puts its widgets.
pub(super) async fn view(State(app): State<Arc<App>>, Query(which): Query<Which>) -> Response {
    answer(StatusCode::OK, app.frame_view(which.template.as_deref()))
}

/// `GET /overlay/frame.png[?template=NAME]`: the frame with the live's fields (the last good one
/// while the template is refused).
pub(super) async fn png(State(app): State<Arc<App>>, Query(which): Query<Which>) -> Response {
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
pub(super) async fn use_frame(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<Use>(&body) {
        Ok(chosen) => app.use_frame(chosen.template).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `GET /api/frames`: every template, with why one cannot be used.
pub(super) async fn list(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok::<_, crate::app::AppError>(app.frame_templates().await))
}
