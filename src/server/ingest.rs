//! The ingest endpoint: scripts and tools push events into the running live session.
//!
//! Bad input never stops it: each message that cannot be taken is counted in the session state
//! (`dropped_input`, `last_dropped`) and answered with its reason, and the rest goes through.

use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::json;

use crate::app::{App, Grant};
use crate::ingest::shapes::{Parsed, Rejection, parse_frame, parse_message};
use crate::session::Engine;

/// The largest POST body taken: a batch of some thousands of events.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Frames larger than this close the WebSocket (smaller ones over the frame limit are only
/// dropped and counted).
const MAX_WEBSOCKET_MESSAGE: usize = 1024 * 1024;
/// The `source` of pushed events in shapes that do not name one.
const SOURCE: &str = "ingest";

/// The ingest endpoint's routes (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/ingest", axum::routing::post(post).layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES)))
        .route("/ingest", get(websocket))
}

/// What one message's events came to.
struct Outcome {
    accepted: usize,
    ignored: usize,
    rejected: Vec<(usize, Rejection)>,
}

/// Pushes what parsed into the session and counts what did not.
async fn take(engine: &Engine, results: Vec<Result<Parsed, Rejection>>) -> Result<Outcome, crate::session::NoSession> {
    let mut outcome = Outcome { accepted: 0, ignored: 0, rejected: Vec::new() };
    let mut events = Vec::with_capacity(results.len());
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(Parsed::Event(event)) => events.push(*event),
            Ok(Parsed::Ignored) => outcome.ignored += 1,
            Err(rejection) => {
                engine.record_dropped_input(rejection.to_string());
                outcome.rejected.push((index, rejection));
            }
        }
    }
    outcome.accepted = events.len();
    engine.push(events).await?;
    Ok(outcome)
}

async fn post(State(app): State<Arc<App>>, body: String) -> Response {
    let engine = app.engine();
    let results = parse_message(&body, SOURCE);
    if let [Err(Rejection::Malformed(error))] = results.as_slice() {
        engine.record_dropped_input(format!("not valid JSON: {error}"));
        return (StatusCode::BAD_REQUEST, Json(json!({ "error": format!("not valid JSON: {error}") }))).into_response();
    }
    match take(engine, results).await {
        Ok(outcome) => Json(json!({
            "accepted": outcome.accepted,
            "ignored": outcome.ignored,
            "rejected": outcome.rejected.iter().map(|(index, why)| json!({ "index": index, "error": why.to_string() })).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(no_session) => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "error": no_session.to_string() }))).into_response(),
    }
}

/// `GET /ingest`: until the client leaves or the control token is rotated.
async fn websocket(
    State(app): State<Arc<App>>,
    Extension(grant): Extension<Grant>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let engine = Arc::clone(app.engine());
    upgrade
        .max_message_size(MAX_WEBSOCKET_MESSAGE)
        .on_upgrade(move |socket| super::auth::until_revoked(grant, receive(socket, engine)))
}

/// Takes frames until the client leaves; each problem is answered on the socket and counted.
async fn receive(mut socket: WebSocket, engine: Arc<Engine>) {
    while let Some(Ok(message)) = socket.recv().await {
        let results = match message {
            Message::Text(text) => parse_frame(text.as_str(), SOURCE),
            Message::Binary(_) => vec![Err(Rejection::UnknownShape("a binary frame; send JSON as text".into()))],
            Message::Close(_) => return,
            Message::Ping(_) | Message::Pong(_) => continue,
        };
        let reply = match take(&engine, results).await {
            Ok(outcome) if outcome.rejected.is_empty() => None,
            Ok(outcome) => Some(json!({
                "rejected": outcome.rejected.iter().map(|(index, why)| json!({ "index": index, "error": why.to_string() })).collect::<Vec<_>>(),
            })),
            Err(no_session) => Some(json!({ "error": no_session.to_string() })),
        };
        if let Some(reply) = reply
            && socket.send(Message::Text(reply.to_string().into())).await.is_err()
        {
            return;
        }
    }
}
