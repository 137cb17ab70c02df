//! The control API of the live's clock: flash sales and the run sheet. For the console's
//! buttons' equivalents on a Stream Deck, Bitfocus Companion or a script.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, post, put};
use serde::Deserialize;

use super::reply::{answer, parse};
use crate::app::{App, AppError, ErrorCode};
use crate::clock::flash_sale::FlashSaleRequest;
use crate::clock::run_sheet::{RunSheet, RunSheetAction};

/// The clock's routes (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/flash-sales", post(start_flash_sale))
        .route("/api/flash-sales/for-slot", post(start_flash_sale_for_slot))
        .route("/api/flash-sales/{id}", delete(close_flash_sale))
        .route("/api/flash-sales/{id}/extend", post(extend_flash_sale))
        .route("/api/run-sheet", put(use_run_sheet))
        .route("/api/run-sheet/extend", post(extend_slot))
        .route("/api/run-sheet/{action}", post(run_sheet_control))
}

/// The body of an extend request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Extend {
    seconds: u32,
}

/// `POST /api/flash-sales`: `{"product", "price", "seconds", "stock", "starts_in"}` → 201
/// `{"id", "deadline", ...}` (the whole flash sale).
async fn start_flash_sale(State(app): State<Arc<App>>, body: Bytes) -> Response {
    answer(StatusCode::CREATED, parse::<FlashSaleRequest>(&body).and_then(|request| app.start_flash_sale(request)))
}

/// `POST /api/flash-sales/for-slot`: starts the drop the current slot plans (its product, promo
/// price, window and stock), as the drop hotkey does; no body needed.
async fn start_flash_sale_for_slot(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::CREATED, app.start_flash_sale_for_slot())
}

/// `DELETE /api/flash-sales/{id}`: closes it.
async fn close_flash_sale(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    answer(StatusCode::OK, app.close_flash_sale(&id))
}

/// `POST /api/flash-sales/{id}/extend`: `{"seconds": 60}`.
async fn extend_flash_sale(State(app): State<Arc<App>>, Path(id): Path<String>, body: Bytes) -> Response {
    answer(StatusCode::OK, parse::<Extend>(&body).and_then(|extend| app.extend_flash_sale(&id, extend.seconds)))
}

/// `POST /api/run-sheet/{start,next,previous,pause,resume}`.
async fn run_sheet_control(State(app): State<Arc<App>>, Path(action): Path<String>) -> Response {
    let action = action.parse::<RunSheetAction>().map_err(|message| AppError::new(ErrorCode::NotFound, message));
    answer(StatusCode::OK, action.and_then(|action| app.run_sheet_control(action)))
}

/// `POST /api/run-sheet/extend`: `{"seconds": 60}` more for the current slot.
async fn extend_slot(State(app): State<Arc<App>>, body: Bytes) -> Response {
    answer(StatusCode::OK, parse::<Extend>(&body).and_then(|extend| app.extend_slot(extend.seconds)))
}

/// `PUT /api/run-sheet`: a run sheet to save by name and put in force.
async fn use_run_sheet(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<RunSheet>(&body) {
        Ok(sheet) => app.use_run_sheet(sheet).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}
