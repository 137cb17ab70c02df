//! Bearer-token check for the control API.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use subtle::ConstantTimeEq;

/// The expected token, shared by every request.
#[derive(Clone)]
pub(super) struct Token(Arc<str>);

impl Token {
    pub(super) fn new(token: &str) -> Self {
        Token(token.into())
    }

    /// Constant-time, so response timing does not leak how much of a guess was right.
    fn matches(&self, candidate: &str) -> bool {
        self.0.as_bytes().ct_eq(candidate.as_bytes()).into()
    }
}

/// Lets a request through if it carries the token, in the `Authorization` header or the
/// `token` query parameter.
pub(super) async fn require_token(State(token): State<Token>, request: Request, next: Next) -> Response {
    let from_header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    let from_query =
        request.uri().query().into_iter().flat_map(|q| q.split('&')).find_map(|pair| pair.strip_prefix("token="));
    if from_header.or(from_query).is_some_and(|candidate| token.matches(candidate)) {
        return next.run(request).await;
    }
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        Json(json!({
            "error": "missing or wrong token: send 'Authorization: Bearer TOKEN' or add '?token=TOKEN'; \
                      the token is in Pandu's window (Server lokal) and in config.toml in Pandu's settings folder"
        })),
    )
        .into_response()
}
