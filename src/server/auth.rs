//! Who may call a route: the token a request carries, and the scope that token has.
//!
//! Each group of routes is put behind a [`Door`]: the scope it needs (the host view's routes take
//! the host token or the control token; every other protected route only the control token),
//! and whether the token may come in the URL. Only the host view's page and its stream take
//! `?token=`: a phone opens them from a link or a QR code and a browser's WebSocket cannot send
//! a header. Everywhere else the token goes in `Authorization: Bearer`, so it never sits in a
//! URL that a proxy, a history or a log keeps. No or a wrong token is `401`; the host token on a
//! control route is `403`, naming the scope needed. Tokens are compared in constant time
//! ([`App::authorize`]) and never logged.
//!
//! The request goes on with its [`Grant`] in its extensions: a WebSocket handler ends its
//! connection when the grant is revoked ([`until_revoked`]), so rotating a token ends at once
//! every session opened with the old one.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::{App, Grant, Scope};

/// How a group of routes is guarded.
#[derive(Clone)]
pub(super) struct Door {
    app: Arc<App>,
    /// The least scope it opens for (`Host`: the host token or the control token).
    needs: Scope,
    /// Whether `?token=` is taken, for pages opened from a link.
    token_in_url: bool,
}

impl Door {
    /// Routes for the control token, sent as a header.
    pub(super) fn control(app: &Arc<App>) -> Door {
        Door { app: Arc::clone(app), needs: Scope::Control, token_in_url: false }
    }

    /// Routes the host view calls (the host token or the control token), sent as a header.
    pub(super) fn host(app: &Arc<App>) -> Door {
        Door { app: Arc::clone(app), needs: Scope::Host, token_in_url: false }
    }

    /// The host view's page and stream: the host token or the control token, in a header or
    /// in the URL.
    pub(super) fn host_page(app: &Arc<App>) -> Door {
        Door { app: Arc::clone(app), needs: Scope::Host, token_in_url: true }
    }
}

/// Lets a request through if its token opens the door, with the token's [`Grant`] attached.
pub(super) async fn require_token(State(door): State<Door>, mut request: Request, next: Next) -> Response {
    let from_header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    let from_query = request.uri().query().and_then(token_in_query);
    let candidate = match (from_header, from_query) {
        (Some(token), _) => Some(token),
        (None, Some(token)) if door.token_in_url => Some(token),
        (None, Some(_)) => return refused_in_url(),
        (None, None) => None,
    };
    let Some(grant) = candidate.and_then(|candidate| door.app.authorize(candidate)) else {
        return unauthorized(door.token_in_url);
    };
    if door.needs == Scope::Control && grant.scope != Scope::Control {
        return forbidden(door.needs);
    }
    request.extensions_mut().insert(grant);
    next.run(request).await
}

/// The value of `token=` in a query string.
fn token_in_query(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("token="))
}

/// Runs `connection` until it ends by itself or `grant`'s token is rotated away; then it is
/// dropped, which closes its socket.
pub(super) async fn until_revoked(grant: Grant, connection: impl Future<Output = ()>) {
    tokio::select! {
        () = connection => {}
        () = grant.revoked.cancelled() => {}
    }
}

fn unauthorized(token_in_url: bool) -> Response {
    let how = if token_in_url {
        "open the host view's link from Pandu's window (its QR code), or send 'Authorization: Bearer TOKEN'"
    } else {
        "send 'Authorization: Bearer TOKEN'; the control token is in Pandu's window (Server lokal), \
         and `pandu token show` prints it"
    };
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        Json(json!({ "error": format!("missing or wrong token: {how}") })),
    )
        .into_response()
}

fn refused_in_url() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        Json(json!({
            "error": "a token in the URL is taken only by the host view's page and its stream; \
                      send it as 'Authorization: Bearer TOKEN'"
        })),
    )
        .into_response()
}

fn forbidden(needs: Scope) -> Response {
    (
        StatusCode::FORBIDDEN,
        Json(json!({
            "error": format!(
                "this route needs the {needs} token (scope: {needs}); the host token only opens the host view \
                 and marks questions answered"
            ),
            "scope": needs.name(),
        })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_its_own_query_parameter_only() {
        assert_eq!(token_in_query("token=abc"), Some("abc"));
        assert_eq!(token_in_query("lang=en&token=abc"), Some("abc"));
        assert_eq!(token_in_query("mytoken=abc"), None);
        assert_eq!(token_in_query("lang=en"), None);
    }
}
