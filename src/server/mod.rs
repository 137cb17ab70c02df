//! The local HTTP/WebSocket server: one port on 127.0.0.1 (every interface with the `lan`
//! setting) for overlays, the host view, tools and scripts.
//!
//! Every route, its token rule, request and answer are in `docs/api.md`, the one route table:
//! `tests/docs_reference.rs` fails when a `.route(…)` here has no entry there, or an entry no
//! route, or an entry's token rule is not what the server does. Add a route there in the same
//! change. The health check and the overlay pages need no token; the host view (its page, its
//! stream, marking questions answered) takes the host token or the control token; everything
//! else only the control token (`auth.rs` says how a token is read and checked).
//!
//! The router's state is the [`App`]: every route sees the same engine, lexicon and mute list
//! as the window, and a capability's routes call the same `App` methods as its Tauri commands.

mod agency;
mod answers;
mod auth;
mod clock;
mod feedback;
mod frame;
mod host_view;
pub mod hub;
mod ingest;
mod packs;
mod pages;
mod reply;
mod tiktok_filter;
mod tokens;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::json;
use tokio::net::TcpListener;

use crate::app::{App, AppError, ErrorCode, Grant};
use crate::outbound::Audience;

/// The server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("port {port} is already in use (another Pandu, or another program); pick another with --port")]
    PortInUse { port: u16 },
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

impl From<&ServerError> for AppError {
    fn from(error: &ServerError) -> Self {
        match error {
            ServerError::PortInUse { port } => {
                AppError { subject: Some(port.to_string()), ..AppError::new(ErrorCode::PortInUse, error) }
            }
            ServerError::Bind { .. } => AppError::new(ErrorCode::Server, error),
        }
    }
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

/// Binds `port` (every interface with `lan`) and serves `app` there until the app shuts down;
/// tells the app where it listens, or why it cannot.
pub async fn start(app: &Arc<App>, port: u16, lan: bool) -> Result<SocketAddr, ServerError> {
    let bound = bind(port, lan).await.and_then(|listener| {
        let address =
            listener.local_addr().map_err(|source| ServerError::Bind { addr: listen_address(port, lan), source })?;
        Ok((listener, address))
    });
    match bound {
        Ok((listener, address)) => {
            let shutdown = app.server_shutdown().cancelled_owned();
            app.server_started(address, tokio::spawn(serve(listener, Arc::clone(app), shutdown)));
            Ok(address)
        }
        Err(error) => {
            app.server_failed(AppError::from(&error));
            Err(error)
        }
    }
}

/// The routes, for serving or for testing without a socket.
pub fn router(app: Arc<App>) -> Router {
    let behind = |routes: Router<Arc<App>>, door: auth::Door| {
        routes.route_layer(axum::middleware::from_fn_with_state(door, auth::require_token))
    };
    // Each capability's routes sit with their handlers; here only who may call them.
    let control = Router::new()
        .route("/api/state", get(state))
        .route("/api/events", get(events))
        .merge(answers::routes())
        .merge(agency::routes())
        .merge(clock::routes())
        .merge(host_view::routes())
        .merge(tokens::routes())
        .merge(frame::routes())
        .merge(feedback::routes())
        .merge(ingest::routes())
        .merge(tiktok_filter::routes())
        .merge(packs::routes());
    let host = feedback::host_routes();
    let host_page = host_view::page_routes();
    let overlays = pages::routes().merge(frame::overlay_routes());
    Router::new()
        .route("/api/health", get(health))
        .merge(overlays)
        .merge(behind(host_page, auth::Door::host_page(&app)))
        .merge(behind(host, auth::Door::host(&app)))
        .merge(behind(control, auth::Door::control(&app)))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(reply::json_errors))
        .with_state(app)
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

/// `GET /api/events`: everything, until the client leaves or the control token is rotated.
async fn events(
    State(app): State<Arc<App>>,
    Extension(grant): Extension<Grant>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let connection = app.connect(Audience::Control);
    upgrade.on_upgrade(move |socket| auth::until_revoked(grant, pages::forward(socket, connection)))
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
        let (status, body) = call(&router, "/api/state?token=s3cret", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a token in the URL only opens the host view");
        assert!(body["error"].as_str().unwrap().contains("Authorization: Bearer"), "{body}");
    }

    #[tokio::test]
    async fn the_host_token_opens_the_host_view_and_is_refused_elsewhere_naming_the_scope() {
        let (_dir, app) = app("s3cret");
        let host = app.token(crate::app::Scope::Host);
        let router = router(app);
        // The page takes the token in its URL; without the built pages it is a 404, never a 401.
        for token in [host.as_str(), "s3cret"] {
            let status = router
                .clone()
                .oneshot(Request::get(format!("/host?token={token}")).body(Body::empty()).unwrap())
                .await
                .unwrap()
                .status();
            assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{status}");
        }
        let status = router.clone().oneshot(Request::get("/host?token=nope").body(Body::empty()).unwrap()).await;
        assert_eq!(status.unwrap().status(), StatusCode::UNAUTHORIZED);

        let (status, body) = call(&router, "/api/state", Some(&host)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["scope"], "control");
        assert!(body["error"].as_str().unwrap().contains("control token"), "{body}");

        let answered = |token: &str| {
            Request::post("/api/questions/next/answered")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap()
        };
        let response = router.clone().oneshot(answered(&host)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "the host marks questions answered");
        let response = router.clone().oneshot(answered("nope")).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
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
