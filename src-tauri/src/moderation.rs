//! Moderation in the window: the lexicon editor, the script checker and the mute list. Every
//! command runs off the main thread; the core does the file work and the compiling.

use pandu::app::{App, AppError, LexiconDocument, LexiconSummary};
use pandu::event::Flag;
use pandu::moderation::packs::RulePack;
use pandu::moderation::script::ScriptReport;
use pandu::moderation::tiktok_filter::TiktokFilter;
use pandu::store::MutedUser;
use tauri::State;

use crate::shell::Shell;

#[tauri::command]
pub async fn lexicon_get(shell: State<'_, Shell>) -> Result<LexiconDocument, AppError> {
    Ok(shell.app()?.lexicon_document().await)
}

/// Checks `text` and, if it is a valid lexicon, saves it and puts it in force for the running
/// session from the next comment on. A broken lexicon changes nothing and says where it breaks.
#[tauri::command]
pub async fn lexicon_save(text: String, shell: State<'_, Shell>) -> Result<LexiconSummary, AppError> {
    shell.app()?.save_lexicon(text).await
}

/// What the draft lexicon `text` flags in `sentence` (the editor's live test).
#[tauri::command]
pub async fn lexicon_test(text: String, sentence: String, shell: State<'_, Shell>) -> Result<Vec<Flag>, AppError> {
    shell.app()?.test_lexicon(text, sentence).await
}

/// Every shipped rule pack, and whether the settings switch it on.
#[tauri::command]
pub async fn rule_packs(shell: State<'_, Shell>) -> Result<Vec<RulePack>, AppError> {
    Ok(shell.app()?.rule_packs())
}

/// Switches on exactly the rule packs `ids` (saved in the settings, in force from the next
/// comment on); an unknown id changes nothing.
#[tauri::command]
pub async fn set_rule_packs(ids: Vec<String>, shell: State<'_, Shell>) -> Result<Vec<RulePack>, AppError> {
    shell.app()?.set_rule_packs(ids).await
}

/// `[[term]]` entries for a plain word list, as TOML to append to the draft.
#[tauri::command]
pub async fn lexicon_import(words: String, category: String, suggest: Option<String>) -> Result<String, AppError> {
    App::import_word_list(&words, &category, suggest.as_deref())
}

/// The lexicon in force as keywords for TikTok LIVE's own comment filter (at most 200, ranked
/// by the archive's flags), with the reasoning.
#[tauri::command]
pub async fn export_tiktok_filter(shell: State<'_, Shell>) -> Result<TiktokFilter, AppError> {
    shell.app()?.tiktok_filter().await
}

/// Checks the host's script against the lexicon in force.
#[tauri::command]
pub async fn script_check(script: String, shell: State<'_, Shell>) -> Result<ScriptReport, AppError> {
    Ok(shell.app()?.check_script(script).await)
}

#[tauri::command]
pub async fn mute_user(unique_id: String, nickname: String, shell: State<'_, Shell>) -> Result<(), AppError> {
    shell.app()?.mute(unique_id, nickname).await
}

#[tauri::command]
pub async fn unmute_user(unique_id: String, shell: State<'_, Shell>) -> Result<bool, AppError> {
    shell.app()?.unmute(unique_id).await
}

#[tauri::command]
pub async fn muted_users(shell: State<'_, Shell>) -> Result<Vec<MutedUser>, AppError> {
    shell.app()?.muted_users().await
}
