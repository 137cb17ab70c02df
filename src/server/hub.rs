//! `pandu hub serve`: the hub's HTTP API for desktops.
//!
//! - `POST /hub/v1/batches` with `Authorization: Bearer TOKEN` and `{"device_id", "shop",
//!   "events": [...]}` (at most [`MAX_BATCH`] events): lands them ([`crate::hub::intake`]) and answers
//!   the [`Ack`](crate::hub::intake::Ack). A bad batch is 400 naming what is wrong and keeps nothing;
//!   PostgreSQL out of reach is 503, so the desktop keeps the batch and tries again.
//! - `GET /hub/v1/lexicon?shop=S&since=V` with the token: the agency's newest lexicon for the
//!   shop ([`crate::hub::lexicon`]) if newer than version `V`, else 204.
//! - `GET /hub/v1/report?token=T&format=…&from=…&to=…` (or the token as a Bearer header): the
//!   agency report ([`crate::hub::report`]) as JSON, CSV, Markdown or HTML.
//! - `GET /hub/?token=T`: the manager's page, the report as HTML with its filters and exports.
//! - `GET /hub/v1/health`: `{"status": "ok", "schema": N}`, no token.
//!
//! Connections come from a pool (`deadpool-postgres`) that drops broken ones, so the hub goes on
//! by itself after PostgreSQL restarts.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use tokio_postgres::NoTls;

use crate::hub::fetch::AgencyRequest;
use crate::hub::intake::{HubEvent, IntakeError, Partitions, accept};
use crate::hub::report::AgencyReport;
use crate::hub::{HubError, Redacted, SCHEMA_VERSION};
use crate::report::ReportFormat;
use crate::report::render::AgencyFilters;

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
    partitions: Partitions,
    token: String,
}

/// A pool of connections to the hub's database at `url`, checked to be migrated to this
/// Pandu's version (else `pandu hub migrate` is named).
pub async fn pool(url: &str) -> Result<Pool, HubError> {
    crate::hub::require_migrated(url).await?;
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
        .route("/hub/v1/lexicon", get(lexicon))
        .route("/hub/v1/report", get(report))
        .route("/hub/", get(page))
        .with_state(Arc::new(Hub { pool, partitions: Partitions::default(), token }))
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok", "schema": SCHEMA_VERSION }))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// `None` when `headers` carry the hub's token, else the 401 to answer.
fn refused(hub: &Hub, headers: &HeaderMap) -> Option<Response> {
    refused_unless(hub, headers, None)
}

/// [`refused`], also taking the token from a page's query (`?token=`), as a browser sends it.
fn refused_unless(hub: &Hub, headers: &HeaderMap, query_token: Option<&str>) -> Option<Response> {
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .or(query_token);
    // Compared in constant time, so timing tells nothing of how much of a guess was right.
    if offered.is_some_and(|offered| bool::from(offered.as_bytes().ct_eq(hub.token.as_bytes()))) {
        None
    } else {
        Some(error(StatusCode::UNAUTHORIZED, "send 'Authorization: Bearer TOKEN' with the hub's token"))
    }
}

/// `GET /hub/v1/lexicon?shop=S&since=V`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconQuery {
    shop: String,
    #[serde(default)]
    since: i64,
}

async fn lexicon(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    query: Result<Query<LexiconQuery>, QueryRejection>,
) -> Response {
    if let Some(refusal) = refused(&hub, &headers) {
        return refusal;
    }
    let Query(query) = match query {
        Ok(query) => query,
        Err(problem) => return error(StatusCode::BAD_REQUEST, problem.body_text()),
    };
    let client = match hub.pool.get().await {
        Ok(client) => client,
        Err(problem) => return error(StatusCode::SERVICE_UNAVAILABLE, format!("the hub's database: {problem}")),
    };
    match crate::hub::lexicon::newest(&client, "the hub's database", &query.shop, query.since).await {
        Ok(Some(lexicon)) => Json(lexicon).into_response(),
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(problem) => error(StatusCode::SERVICE_UNAVAILABLE, problem.to_string()),
    }
}

/// `GET /hub/v1/report` and `GET /hub/`: the period (a week, or from and to; this week by
/// default), the filters and the format. An empty filter (a form's empty field) is no filter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportQuery {
    token: Option<String>,
    week: Option<String>,
    from: Option<String>,
    to: Option<String>,
    shop: Option<String>,
    host: Option<String>,
    product: Option<String>,
    format: Option<ReportFormat>,
    time_zone: Option<String>,
}

fn given(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty()).map(String::from)
}

/// The report `query` asks for, or the status and why not.
async fn agency_report(hub: &Hub, query: &ReportQuery) -> Result<AgencyReport, (StatusCode, String)> {
    let time_zone = given(&query.time_zone).unwrap_or_else(|| crate::report::DEFAULT_TIME_ZONE.to_string());
    let now = crate::event::now_ms();
    let request = AgencyRequest {
        week: given(&query.week),
        from: given(&query.from),
        to: given(&query.to),
        shop: given(&query.shop),
        host: given(&query.host),
        product: given(&query.product),
    };
    let scope = request.scope(now, &time_zone).map_err(|problem| (StatusCode::BAD_REQUEST, problem.message))?;
    let unavailable = |problem: String| (StatusCode::SERVICE_UNAVAILABLE, problem);
    let client = hub.pool.get().await.map_err(|problem| unavailable(format!("the hub's database: {problem}")))?;
    crate::hub::report::agency_report(&client, "the hub's database", scope, now)
        .await
        .map_err(|problem| unavailable(problem.to_string()))
}

/// Checks the query and the token, builds the report and answers it as `render` lays it out.
async fn answer_report(
    hub: &Hub,
    headers: &HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
    render: fn(&ReportQuery, AgencyReport) -> Response,
) -> Response {
    let Query(query) = match query {
        Ok(query) => query,
        Err(problem) => return error(StatusCode::BAD_REQUEST, problem.body_text()),
    };
    if let Some(refusal) = refused_unless(hub, headers, query.token.as_deref()) {
        return refusal;
    }
    match agency_report(hub, &query).await {
        Ok(report) => render(&query, report),
        Err((status, message)) => error(status, message),
    }
}

async fn report(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    answer_report(&hub, &headers, query, |query, report| {
        let format = query.format.unwrap_or(ReportFormat::Json);
        let content_type = match format {
            ReportFormat::Json => "application/json",
            ReportFormat::Md => "text/markdown; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
        };
        ([(header::CONTENT_TYPE, content_type)], crate::report::render::agency_file(&report, format)).into_response()
    })
    .await
}

async fn page(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    answer_report(&hub, &headers, query, |query, report| {
        let local_date = |ms: i64| crate::report::date_in(ms, &report.scope.time_zone).unwrap_or_default();
        let filters = AgencyFilters {
            token: query.token.clone().unwrap_or_default(),
            from: local_date(report.scope.from),
            to: local_date(report.scope.to - 1),
            shop: given(&query.shop).unwrap_or_default(),
            host: given(&query.host).unwrap_or_default(),
            product: given(&query.product).unwrap_or_default(),
        };
        Html(crate::report::render::agency_page(&report, &filters)).into_response()
    })
    .await
}

async fn batches(State(hub): State<Arc<Hub>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refusal) = refused(&hub, &headers) {
        return refusal;
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
    match accept(&mut client, &hub.partitions, &batch.device_id, &batch.shop, &batch.events).await {
        Ok(ack) => Json(ack).into_response(),
        Err(IntakeError::Invalid(message)) => error(StatusCode::BAD_REQUEST, message),
        Err(IntakeError::Database(problem)) => {
            tracing::warn!("a batch from {}: {problem}", batch.device_id);
            error(StatusCode::SERVICE_UNAVAILABLE, format!("the hub's database: {problem}"))
        }
    }
}
