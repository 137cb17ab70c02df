//! The feedback log's control API: tag comments, change and remove tags, answer questions, and
//! search. For a Stream Deck key ("sudah dijawab") or a script as much as the console.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::reply::{answer, parse};
use crate::app::{App, AppError, ErrorCode};
use crate::feedback::{FeedbackFilter, FeedbackPatch, FeedbackRequest};
use crate::store::MAX_SEARCH_HITS;

/// The feedback log's routes (behind the control token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/feedback", post(tag).get(list))
        .route("/api/feedback/{id}", axum::routing::patch(update).delete(delete))
        .route("/api/search", get(search))
}

/// Marking questions answered: the host view's one write (behind the host token too).
pub(super) fn host_routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/feedback/{id}/answered", post(answered))
        .route("/api/questions/next/answered", post(answer_next))
}

/// A tag's id from the path; anything else is no such tag.
fn tag_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::new(ErrorCode::NotFound, format!("no feedback {id}")))
}

/// `POST /api/feedback`: `{"comment_id", "kind", "note", "product"}` → 201 with the tag.
async fn tag(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<FeedbackRequest>(&body) {
        Ok(request) => app.tag_comment(request).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::CREATED, result)
}

/// `GET /api/feedback?kind=&session=&answered=`.
async fn list(State(app): State<Arc<App>>, Query(query): Query<HashMap<String, String>>) -> Response {
    let result = match filter(&query) {
        Ok(filter) => app.feedback(filter).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// The query's filter; a bad value or an unknown parameter is named.
fn filter(query: &HashMap<String, String>) -> Result<FeedbackFilter, AppError> {
    let invalid = |message: String| AppError::new(ErrorCode::Invalid, message);
    let mut filter = FeedbackFilter::default();
    for (name, value) in query {
        if value.is_empty() {
            continue;
        }
        match name.as_str() {
            "kind" => filter.kind = Some(value.parse().map_err(invalid)?),
            "session" => {
                filter.session =
                    Some(value.parse().map_err(|_| invalid(format!("session: '{value}' is not a live's number")))?)
            }
            "answered" => {
                filter.answered = Some(match value.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(invalid(format!("answered: '{value}' is not true or false"))),
                })
            }
            other => return Err(invalid(format!("{other}: not a filter (kind, session, answered)"))),
        }
    }
    Ok(filter)
}

/// `PATCH /api/feedback/{id}`: `{"kind", "note", "product", "answered"}`, each optional.
async fn update(State(app): State<Arc<App>>, Path(id): Path<String>, body: Bytes) -> Response {
    let result = match (tag_id(&id), parse::<FeedbackPatch>(&body)) {
        (Ok(id), Ok(patch)) => app.update_feedback(id, patch).await,
        (Err(error), _) | (_, Err(error)) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `DELETE /api/feedback/{id}`.
async fn delete(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let result = match tag_id(&id) {
        Ok(id) => app.delete_feedback(id).await.map(|()| serde_json::json!({ "deleted": id })),
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `POST /api/feedback/{id}/answered`.
async fn answered(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let result = match tag_id(&id) {
        Ok(id) => app.answer_feedback(id).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}

/// `POST /api/questions/next/answered`: answers the question the host view shows (one key for
/// the host); `null` when there was none.
async fn answer_next(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, app.answer_next_question().await)
}

/// `GET /api/search?q=WORDS&limit=N`: comments and notes over every live, newest first.
async fn search(State(app): State<Arc<App>>, Query(query): Query<HashMap<String, String>>) -> Response {
    let words = query.get("q").cloned().unwrap_or_default();
    let limit = match query.get("limit").map(|limit| limit.parse::<usize>()) {
        None => Ok(100),
        Some(Ok(limit)) if (1..=MAX_SEARCH_HITS).contains(&limit) => Ok(limit),
        Some(_) => Err(AppError::new(ErrorCode::Invalid, format!("limit: from 1 to {MAX_SEARCH_HITS}"))),
    };
    let result = match limit {
        Ok(limit) => app.search(words, limit).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}
