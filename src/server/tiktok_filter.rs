//! The lexicon as keywords for TikTok LIVE's own comment filter
//! ([`App::tiktok_filter`](crate::app::App::tiktok_filter)).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use super::reply::answer;
use crate::app::App;

/// The export's route (behind the token).
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/lexicon/tiktok-filter", get(tiktok_filter))
}

/// `GET /api/lexicon/tiktok-filter`: `{"lines": [...], "notes": "..."}`.
async fn tiktok_filter(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, app.tiktok_filter().await)
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn the_export_answers_its_lines_and_notes_with_the_token() {
        let dir = tempfile::tempdir().unwrap();
        let options = crate::app::AppOptions {
            db: Some(dir.path().join("pandu.db")),
            token: Some("t".into()),
            config_dir: Some(dir.path().join("config")),
            ..Default::default()
        };
        let router = super::super::router(App::open(&options).unwrap());
        let request = Request::get("/api/lexicon/tiktok-filter").header("authorization", "Bearer t");
        let response = router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value =
            serde_json::from_slice(&axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap()).unwrap();
        let lines = body["lines"].as_array().unwrap();
        assert!(!lines.is_empty() && lines.len() <= crate::moderation::tiktok_filter::MAX_KEYWORDS, "{body}");
        assert!(body["notes"].as_str().unwrap().contains("Left out"), "{body}");
    }
}
