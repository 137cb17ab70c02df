//! The local HTTP/WebSocket server: one port on 127.0.0.1 (every interface with the `lan`
//! setting) for overlays, the host view, tools and scripts.
//!
//! | route | auth | what |
//! | --- | --- | --- |
//! | `GET /api/health` | none | liveness and version |
//! | `GET /overlay/countdown` | none | the flash-sale countdown overlay page ([`pages`]) |
//! | `GET /overlay/assets/{file}` | none | the pages' scripts and styles |
//! | `GET /overlay/events` | none | WebSocket: only the clock and its alerts, read-only |
//! | `GET /host` | token | the host view page |
//! | `GET /api/state` | token | the session's [`SessionState`](crate::session::SessionState), `flash_sales` and `run_sheet` |
//! | `GET /api/events` | token | WebSocket: the app's outbound stream, one [`Outbound`] JSON message per text frame (the window's channel gets the same), after a snapshot (session, clock, feedback, question, script, pinned, frame) |
//! | `POST /api/ingest` | token | push events: one JSON object or an array (see [`ingest::shapes`](crate::ingest::shapes)) |
//! | `GET /ingest` | token | WebSocket: push events, one JSON object (or array) per text frame |
//! | `POST /api/flash-sales`, `DELETE /api/flash-sales/{id}`, `POST /api/flash-sales/{id}/extend` | token | start, close, extend a drop ([`clock`]) |
//! | `POST /api/flash-sales/for-slot` | token | start the drop the current slot plans (one Stream Deck key) |
//! | `PUT /api/run-sheet`, `POST /api/run-sheet/{start,next,previous,pause,resume,extend}` | token | the run sheet |
//! | `PUT /api/script` | token | the host's script (teleprompter), plain text |
//! | `POST /api/pin`, `DELETE /api/pin` | token | pin a recent comment on the frame overlay, or take it off |
//! | `GET /overlay/frame[?template=NAME]` | none | the frame overlay page: the frame PNG and its live widgets |
//! | `GET /overlay/frame.json`, `GET /overlay/frame.png` (`?template=NAME`) | none | the frame's widget boxes and version; its PNG with the live's fields |
//! | `PUT /api/frame`, `GET /api/frames` | token | put a template on air; list the templates |
//! | `POST /api/feedback`, `GET /api/feedback?kind=&session=&answered=` | token | tag a comment (`{"comment_id", "kind", "note", "product"}` → 201); list tags ([`feedback`]) |
//! | `PATCH /api/feedback/{id}`, `DELETE /api/feedback/{id}`, `POST /api/feedback/{id}/answered` | token | change, remove a tag; mark a question answered |
//! | `POST /api/questions/next/answered` | token | mark the question the host view shows answered (one key) |
//! | `GET /api/search?q=WORDS[&limit=N]` | token | full-text search of comments, nicknames and notes over every live |
//!
//! The token goes in `Authorization: Bearer TOKEN`, or as `?token=TOKEN` for tools that can
//! only open a URL (streaming software's browser sources).
//!
//! The router's state is the [`App`]: every route sees the same engine, lexicon and mute list
//! as the window, and a capability's routes call the same `App` methods as its Tauri commands.

mod auth;
mod clock;
mod feedback;
mod frame;
mod ingest;
mod pages;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::json;
use tokio::net::TcpListener;

use crate::app::App;

/// The server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("port {port} is already in use (another Pandu, or another program); pick another with --port")]
    PortInUse { port: u16 },
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

/// Where the server listens: 127.0.0.1, or every IPv4 interface with `lan`.
pub fn listen_address(port: u16, lan: bool) -> SocketAddr {
    SocketAddr::from((if lan { Ipv4Addr::UNSPECIFIED } else { Ipv4Addr::LOCALHOST }, port))
}

/// Binds the server's port (port 0 picks a free one) on 127.0.0.1, or on every interface with
/// `lan`.
pub async fn bind(port: u16, lan: bool) -> Result<TcpListener, ServerError> {
    let addr = listen_address(port, lan);
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
        .route("/host", get(pages::host))
        .route("/api/flash-sales", post(clock::start_flash_sale))
        .route("/api/flash-sales/for-slot", post(clock::start_flash_sale_for_slot))
        .route("/api/flash-sales/{id}", axum::routing::delete(clock::close_flash_sale))
        .route("/api/flash-sales/{id}/extend", post(clock::extend_flash_sale))
        .route("/api/run-sheet", put(clock::use_run_sheet))
        .route("/api/run-sheet/extend", post(clock::extend_slot))
        .route("/api/run-sheet/{action}", post(clock::run_sheet_control))
        .route("/api/script", put(clock::set_script))
        .route("/api/pin", post(frame::pin).delete(frame::unpin))
        .route("/api/frame", put(frame::use_frame))
        .route("/api/frames", get(frame::list))
        .route("/api/feedback", post(feedback::tag).get(feedback::list))
        .route("/api/feedback/{id}", axum::routing::patch(feedback::update).delete(feedback::delete))
        .route("/api/feedback/{id}/answered", post(feedback::answered))
        .route("/api/questions/next/answered", post(feedback::answer_next))
        .route("/api/search", get(feedback::search))
        .route(
            "/api/ingest",
            axum::routing::post(ingest::post).layer(axum::extract::DefaultBodyLimit::max(ingest::MAX_BODY_BYTES)),
        )
        .route("/ingest", get(ingest::websocket))
        .route_layer(axum::middleware::from_fn_with_state(token, auth::require_token));
    let overlays = Router::new()
        .route("/overlay/countdown", get(pages::countdown))
        .route("/overlay/frame", get(pages::frame))
        .route("/overlay/frame.json", get(frame::view))
        .route("/overlay/frame.png", get(frame::png))
        .route("/overlay/assets/{file}", get(pages::asset))
        .route("/overlay/events", get(pages::overlay_events));
    Router::new().route("/api/health", get(health)).merge(overlays).merge(protected).fallback(not_found).with_state(app)
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
    Json(app.api_state()).into_response()
}

async fn events(State(app): State<Arc<App>>, upgrade: WebSocketUpgrade) -> Response {
    // Subscribed before the snapshot is taken, so nothing between the two is missed.
    let receiver = app.subscribe();
    let snapshot = app.snapshot();
    upgrade.on_upgrade(move |socket| pages::forward(socket, snapshot, receiver, |_| true))
}

async fn not_found() -> Response {
    no_such_route()
}

fn no_such_route() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": "no such route" }))).into_response()
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
        let taken = bind(0, false).await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = bind(port, false).await.unwrap_err();
        assert!(matches!(error, ServerError::PortInUse { port: p } if p == port));
        assert!(error.to_string().contains(&port.to_string()));
    }
}
