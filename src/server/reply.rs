//! How every route reads a request body and answers: JSON in, JSON out, and an [`AppError`] as
//! the HTTP status its code means.
//!
//! Bodies are read as JSON whatever their `Content-Type` says: Stream Deck plugins and a bare
//! `curl -d` often send none or a form type, and refusing them would only confuse.

use axum::Json;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
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
        ErrorCode::Hub => StatusCode::BAD_GATEWAY,
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
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let message = match error.path().to_string() {
            path if path == "." => error.inner().to_string(),
            path => format!("{path}: {}", error.inner()),
        };
        AppError::new(ErrorCode::Invalid, format!("bad JSON body: {message}"))
    })?;
    // Anything after the value is refused too (`{"seconds":60}x`: "trailing characters at line 1
    // column 15"), as it would be by any JSON parser reading the whole body.
    deserializer.end().map_err(|error| AppError::new(ErrorCode::Invalid, format!("bad JSON body: {error}")))?;
    Ok(value)
}

/// Answers `result` as JSON with `status`, or as its error.
pub(super) fn answer<T: serde::Serialize>(status: StatusCode, result: Result<T, AppError>) -> Response {
    match result {
        Ok(value) => (status, Json(value)).into_response(),
        Err(error) => error_response(error),
    }
}

/// The router's own refusals (a method the route does not take, a path segment or a body that
/// is not UTF-8 text) come from axum in plain text, or with no body at all for a wrong method;
/// this puts them in the `{"error": "…"}` every other answer uses, so a tool reads one shape.
pub(super) async fn json_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/json"));
    if !response.status().is_client_error() || json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match text.trim() {
        "" if parts.status == StatusCode::METHOD_NOT_ALLOWED => format!("this route does not take {method}"),
        "" => parts.status.canonical_reason().unwrap_or("refused").to_string(),
        text => text.to_string(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    (parts, Json(json!({ "error": message }))).into_response()
}
