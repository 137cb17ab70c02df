//! The local HTTP/WebSocket server: one port on 127.0.0.1 for overlays, tools and scripts.
//!
//! | route | auth | what |
//! | --- | --- | --- |
//! | `GET /api/health` | none | liveness and version |
//! | `GET /api/state` | token | the session's [`SessionState`](crate::session::SessionState) |
//! | `GET /api/events` | token | WebSocket: the app's outbound stream, one [`Outbound`] JSON message per text frame (the window's channel gets the same) |
//! | `POST /api/ingest` | token | push events: one JSON object or an array (see [`ingest::shapes`](crate::ingest::shapes)) |
//! | `GET /ingest` | token | WebSocket: push events, one JSON object (or array) per text frame |
//!
//! The token goes in `Authorization: Bearer TOKEN`, or as `?token=TOKEN` for tools that can
//! only open a URL (streaming software's browser sources).
//!
//! The router's state is the [`App`]: every route sees the same engine, lexicon and mute list
//! as the window, and a capability's routes call the same `App` methods as its Tauri commands.

mod auth;
mod ingest;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::broadcast::error::RecvError;

use crate::app::App;
use crate::outbound::Outbound;

/// The server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("port {port} on 127.0.0.1 is already in use (another Pandu, or another program); pick another with --port")]
    PortInUse { port: u16 },
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

/// Binds the server's port on 127.0.0.1 (port 0 picks a free one).
pub async fn bind(port: u16) -> Result<TcpListener, ServerError> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpListener::bind(addr).await.map_err(|source| match source.kind() {
        std::io::ErrorKind::AddrInUse => ServerError::PortInUse { port },
        _ => ServerError::Bind { addr, source },
    })
}

/// The routes, for serving or for testing without a socket.
pub fn router(app: Arc<App>) -> Router {
    let token = auth::Token::new(app.token());
    let protected = Router::new()
        .route("/api/state", get(state))
        .route("/api/events", get(events))
        .route(
            "/api/ingest",
            axum::routing::post(ingest::post).layer(axum::extract::DefaultBodyLimit::max(ingest::MAX_BODY_BYTES)),
        )
        .route("/ingest", get(ingest::websocket))
        .route_layer(axum::middleware::from_fn_with_state(token, auth::require_token));
    Router::new().route("/api/health", get(health)).merge(protected).fallback(not_found).with_state(app)
}

/// Serves until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown).await
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn state(State(app): State<Arc<App>>) -> Response {
    Json(app.state()).into_response()
}

async fn events(State(app): State<Arc<App>>, upgrade: WebSocketUpgrade) -> Response {
    let receiver = app.subscribe();
    upgrade.on_upgrade(move |socket| forward_outbound(socket, receiver))
}

/// Sends the outbound stream to one WebSocket client until it leaves, one message per frame. A
/// client too slow to keep up skips what it missed rather than holding the live back.
async fn forward_outbound(mut socket: WebSocket, mut outbound: tokio::sync::broadcast::Receiver<Arc<Outbound>>) {
    loop {
        let message = tokio::select! {
            received = outbound.recv() => received,
            // Reading lets us notice a client that closed; anything it sends is ignored.
            message = socket.recv() => match message {
                Some(Ok(_)) => continue,
                _ => return,
            },
        };
        let message = match message {
            Ok(message) => message,
            Err(RecvError::Lagged(skipped)) => {
                tracing::warn!("a WebSocket client fell behind and skipped {skipped} messages");
                continue;
            }
            Err(RecvError::Closed) => return,
        };
        let text = serde_json::to_string(&*message).expect("outbound messages always serialise");
        if socket.send(Message::Text(text.into())).await.is_err() {
            return;
        }
    }
}

async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, Json(json!({ "error": "no such route" })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn call(router: &Router, uri: &str, bearer: Option<&str>) -> (StatusCode, serde_json::Value) {
        let mut request = Request::get(uri);
        if let Some(token) = bearer {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, serde_json::from_slice(&body).unwrap())
    }

    fn app(token: &str) -> (tempfile::TempDir, Arc<App>) {
        let dir = tempfile::tempdir().unwrap();
        let options = crate::app::AppOptions {
            db: Some(dir.path().join("pandu.db")),
            token: Some(token.into()),
            config_dir: Some(dir.path().join("config")),
            ..Default::default()
        };
        let app = App::open(&options).unwrap();
        (dir, app)
    }

    #[tokio::test]
    async fn health_is_open_and_state_needs_the_token() {
        let (_dir, app) = app("s3cret");
        let router = router(app);
        let (status, body) = call(&router, "/api/health", None).await;
        assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("ok")));

        let (status, body) = call(&router, "/api/state", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body["error"].as_str().unwrap().contains("token"));
        assert_eq!(call(&router, "/api/state", Some("wrong")).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(call(&router, "/api/state?token=wrong", None).await.0, StatusCode::UNAUTHORIZED);

        let (status, body) = call(&router, "/api/state", Some("s3cret")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["source_state"], "idle");
        assert_eq!(call(&router, "/api/state?token=s3cret", None).await.0, StatusCode::OK);
    }

    #[tokio::test]
    async fn unknown_routes_answer_404_in_json() {
        let (_dir, app) = app("t");
        let (status, body) = call(&router(app), "/nope", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"], "no such route");
    }

    #[tokio::test]
    async fn a_busy_port_is_named_in_the_error() {
        let taken = bind(0).await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = bind(port).await.unwrap_err();
        assert!(matches!(error, ServerError::PortInUse { port: p } if p == port));
        assert!(error.to_string().contains(&port.to_string()));
    }
}
