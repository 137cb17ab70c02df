//! `pandu hub serve`: the hub's HTTP API for desktops.
//!
//! - `POST /hub/v1/batches` with `Authorization: Bearer TOKEN` and `{"device_id", "shop",
//!   "events": [...]}` (at most [`MAX_BATCH`] events): lands them ([`super::intake`]) and answers
//!   the [`Ack`](super::intake::Ack). A bad batch is 400 naming what is wrong and keeps nothing;
//!   PostgreSQL out of reach is 503, so the desktop keeps the batch and tries again.
//! - `GET /hub/v1/health`: `{"status": "ok", "schema": N}`, no token.
//!
//! Connections come from a pool (`deadpool-postgres`) that drops broken ones, so the hub goes on
//! by itself after PostgreSQL restarts.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use tokio_postgres::NoTls;

use super::intake::{HubEvent, IntakeError, accept};
use super::{HubError, Redacted, SCHEMA_VERSION};

/// Events per batch: a desktop sends about 1,000; more is a client gone wrong.
pub const MAX_BATCH: usize = 5_000;

/// A batch as a desktop posts it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    device_id: String,
    shop: String,
    events: Vec<HubEvent>,
}

struct Hub {
    pool: Pool,
    token: String,
}

/// A pool of connections to the hub's database at `url`, checked to be migrated to this
/// Pandu's version (else `pandu hub migrate` is named).
pub async fn pool(url: &str) -> Result<Pool, HubError> {
    let version = super::schema_version(url).await?;
    if version != SCHEMA_VERSION {
        return Err(HubError::Database {
            url: Redacted::new(url),
            doing: "checking the hub's tables",
            message: format!(
                "they are at version {version}, this Pandu needs {SCHEMA_VERSION}: run `pandu hub migrate --postgres …`"
            ),
        });
    }
    let config: tokio_postgres::Config = url.parse().map_err(|error: tokio_postgres::Error| HubError::Connect {
        url: Redacted::new(url),
        message: error.to_string(),
    })?;
    let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Verified });
    Pool::builder(manager)
        .max_size(8)
        .build()
        .map_err(|error| HubError::Connect { url: Redacted::new(url), message: error.to_string() })
}

/// The hub's routes over `pool`, taking `token`.
pub fn router(pool: Pool, token: String) -> Router {
    Router::new()
        .route("/hub/v1/health", get(health))
        .route("/hub/v1/batches", post(batches))
        .with_state(Arc::new(Hub { pool, token }))
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok", "schema": SCHEMA_VERSION }))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn batches(State(hub): State<Arc<Hub>>, headers: HeaderMap, body: Bytes) -> Response {
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    // Compared in constant time, so timing tells nothing of how much of a guess was right.
    if !offered.is_some_and(|offered| bool::from(offered.as_bytes().ct_eq(hub.token.as_bytes()))) {
        return error(StatusCode::UNAUTHORIZED, "send 'Authorization: Bearer TOKEN' with the hub's token");
    }
    let batch: Batch = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(problem) => return error(StatusCode::BAD_REQUEST, format!("the batch: {problem}")),
    };
    if batch.events.len() > MAX_BATCH {
        return error(
            StatusCode::BAD_REQUEST,
            format!("events: at most {MAX_BATCH} a batch, not {}", batch.events.len()),
        );
    }
    let mut client = match hub.pool.get().await {
        Ok(client) => client,
        Err(problem) => return error(StatusCode::SERVICE_UNAVAILABLE, format!("the hub's database: {problem}")),
    };
    match accept(&mut client, &batch.device_id, &batch.shop, &batch.events).await {
        Ok(ack) => Json(ack).into_response(),
        Err(IntakeError::Invalid(message)) => error(StatusCode::BAD_REQUEST, message),
        Err(IntakeError::Database(problem)) => {
            tracing::warn!("a batch from {}: {problem}", batch.device_id);
            error(StatusCode::SERVICE_UNAVAILABLE, format!("the hub's database: {problem}"))
        }
    }
}
