//! Answer cards' control API: the co-host's own answer to a question, and the shop's own
//! facts. A product's facts travel with its run-sheet slot (`PUT /api/run-sheet`).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::put;
use serde::Deserialize;
use ts_rs::TS;

use super::reply::{answer, parse};
use crate::answers::ShopFacts;
use crate::app::App;

/// `PUT /api/answer`: the co-host's own answer to a question; an empty one goes back to the
/// facts' sentence.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AnswerEdit {
    pub comment_id: String,
    pub answer: String,
}

/// Behind the control token.
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new().route("/api/answer", put(edit_answer)).route("/api/shop-facts", put(set_shop_facts).get(shop_facts))
}

/// `PUT /api/answer` → 200 with the question's card as it now is (`null` when the question is
/// no longer the host's next).
async fn edit_answer(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = parse::<AnswerEdit>(&body).and_then(|edit| app.edit_answer(&edit.comment_id, &edit.answer));
    answer(StatusCode::OK, result)
}

/// `GET /api/shop-facts`.
async fn shop_facts(State(app): State<Arc<App>>) -> Response {
    answer(StatusCode::OK, Ok::<_, crate::app::AppError>(app.shop_facts()))
}

/// `PUT /api/shop-facts`: the whole `[shop_facts]`, saved in the settings.
async fn set_shop_facts(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let result = match parse::<ShopFacts>(&body) {
        Ok(facts) => app.set_shop_facts(facts).await,
        Err(error) => Err(error),
    };
    answer(StatusCode::OK, result)
}
