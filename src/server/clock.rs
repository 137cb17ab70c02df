//! The control API of the live's clock: flash sales, the run sheet, the host's script. For the
//! console's buttons' equivalents on a Stream Deck, Bitfocus Companion or a script.
//!
//! Bodies are read as JSON whatever their `Content-Type` says: Stream Deck plugins and a bare
//! `curl -d` often send none or a form type, and refusing them would only confuse.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::app::{App, AppError, ErrorCode};
use crate::clock::flash_sale::FlashSaleRequest;
use crate::clock::run_sheet::{RunSheet, RunSheetAction};

/// The body of an extend request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Extend {
    seconds: u32,
}

/// An [`AppError`] as an HTTP answer: `{"error": message}` with the status its code means.
fn error_response(error: AppError) -> Response {
    let status = match error.code {
        ErrorCode::Invalid | ErrorCode::RunSheet | ErrorCode::Lexicon | ErrorCode::Source | ErrorCode::Frame => {
            StatusCode::BAD_REQUEST
        }
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::NotRunning => StatusCode::CONFLICT,
        ErrorCode::Settings | ErrorCode::Archive | ErrorCode::Server | ErrorCode::Io => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    (status, Json(json!({ "error": error.message }))).into_response()
}

/// `body` as a `T`, or what is wrong with it, naming the field (`stock: invalid value: ...`).
pub(super) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::new(ErrorCode::Invalid, "the request needs a JSON body"));
    }
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body)).map_err(|error| {
        let message = match error.path().to_string() {
            path if path == "." => error.inner().to_string(),
            path => format!("{path}: {}", error.inner()),
        };
        AppError::new(ErrorCode::Invalid, format!("bad JSON body: {message}"))
    })
}

/// Answers `result` as JSON with `status`, or as its error.
pub(super) fn answer<T: serde::Serialize>(status: StatusCode, result: Result<T, AppError>) -> Response {
    match result {
        Ok(value) => (status, Json(value)).into_response(),
        Err(error) => error_response(error),
    }
}

/// `POST /api/flash-sales`: `{"product", "price", "seconds", "stock", "starts_in"}` → 201
/// `{"id", "deadline", ...}` (the whole flash sale).
pub(super) async fn start_flash_sale(State(app): State<Arc<App>>, body: Bytes) -> Response {
    answer(StatusCode::CREATED, parse::<FlashSaleRequest>(&body).and_then(|request| app.start_flash_sale(request)))
}

/// `POST /api/flash-sales/for-slot`: starts the drop the current slot plans (its product, promo
/// price, window and stock), as the drop hotkey does; no body needed.
pub(super) async fn start_flash_sale_for_slot(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::CREATED, app.start_flash_sale_for_slot())
}

/// `DELETE /api/flash-sales/{id}`: closes it.
pub(super) async fn close_flash_sale(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    answer(StatusCode::OK, app.close_flash_sale(&id))
}

/// `POST /api/flash-sales/{id}/extend`: `{"seconds": 60}`.
pub(super) async fn extend_flash_sale(State(app): State<Arc<App>>, Path(id): Path<String>, body: Bytes) -> Response {
    answer(StatusCode::OK, parse::<Extend>(&body).and_then(|extend| app.extend_flash_sale(&id, extend.seconds)))
}

/// `POST /api/run-sheet/{start,next,previous,pause,resume}`.
pub(super) async fn run_sheet_control(State(app): State<Arc<App>>, Path(action): Path<String>) -> Response {
    let action = action.parse::<RunSheetAction>().map_err(|message| AppError::new(ErrorCode::NotFound, message));
    answer(StatusCode::OK, action.and_then(|action| app.run_sheet_control(action)))
}

/// `POST /api/run-sheet/extend`: `{"seconds": 60}` more for the current slot.
pub(super) async fn extend_slot(State(app): State<Arc<App>>, body: Bytes) -> Response {
    answer(StatusCode::OK, parse::<Extend>(&body).and_then(|extend| app.extend_slot(extend.seconds)))
}

/// `PUT /api/run-sheet`: a run sheet to save by name and put in force.
pub(super) async fn use_run_sheet(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<RunSheet>(&body) {
        Ok(sheet) => app.use_run_sheet(sheet).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `PUT /api/script`: the host's script, as plain text.
pub(super) async fn set_script(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match String::from_utf8(body.to_vec()) {
        Ok(text) => app.set_host_script(text).await,
        Err(_) => Err(AppError::new(ErrorCode::Invalid, "script: the body is not UTF-8 text")),
    };
    answer(StatusCode::OK, result)
}
