//! Answer cards in the window: the co-host's own answer to the host's next question, and the
//! shop's own facts (Pengaturan) that every product's card falls back on.

use pandu::answers::{AnswerCard, ShopFacts};
use pandu::app::AppError;
use tauri::State;

use crate::shell::Shell;

/// Puts the co-host's `answer` on the card of the question `comment_id` (the host view follows);
/// an empty one goes back to the facts' sentence. The card, while that question is the next.
#[tauri::command]
pub async fn answer_edit(
    comment_id: String,
    answer: String,
    shell: State<'_, Shell>,
) -> Result<Option<AnswerCard>, AppError> {
    shell.app()?.edit_answer(&comment_id, &answer)
}

/// The shop's own facts: shipping, COD, warranty, returns, customer service hours.
#[tauri::command]
pub async fn shop_facts_get(shell: State<'_, Shell>) -> Result<ShopFacts, AppError> {
    Ok(shell.app()?.shop_facts())
}

/// Checks and saves the shop's facts; the card on screen follows at once.
#[tauri::command]
pub async fn shop_facts_set(facts: ShopFacts, shell: State<'_, Shell>) -> Result<ShopFacts, AppError> {
    shell.app()?.set_shop_facts(facts).await
}
