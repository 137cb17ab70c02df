//! How every route reads a request body and answers: JSON in, JSON out, and an [`AppError`] as
//! the HTTP status its code means.
//!
//! Bodies are read as JSON whatever their `Content-Type` says: Stream Deck plugins and a bare
//! `curl -d` often send none or a form type, and refusing them would only confuse.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::app::{AppError, ErrorCode};

/// An [`AppError`] as an HTTP answer: `{"error": message}` with the status its code means.
fn error_response(error: AppError) -> Response {
    let status = match error.code {
        ErrorCode::Invalid | ErrorCode::RunSheet | ErrorCode::Lexicon | ErrorCode::Source | ErrorCode::Frame => {
            StatusCode::BAD_REQUEST
        }
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::NotRunning => StatusCode::CONFLICT,
        ErrorCode::Settings | ErrorCode::Archive | ErrorCode::Server | ErrorCode::PortInUse | ErrorCode::Io => {
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
