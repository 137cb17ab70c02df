//! Moderation in the window: the lexicon editor, the script checker and the mute list.

use pandu::config;
use pandu::event::Flag;
use pandu::moderation::lexicon::{DEFAULT_LEXICON, Lexicon, LexiconError, word_list_to_toml};
use pandu::moderation::matcher::Matcher;
use pandu::moderation::script::{ScriptReport, check_script};
use pandu::store::MutedUser;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::console::Console;

/// The lexicon as the editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LexiconDocument {
    /// The lexicon in force, as TOML text.
    pub text: String,
    /// Where saving writes it.
    pub path: String,
    /// The text is the lexicon Pandu ships (the user has not saved one of their own).
    pub is_default: bool,
    /// The lexicon Pandu ships, for "restore the default".
    pub default_text: String,
    /// Why the user's own file is not in force, when it is broken.
    pub problem: Option<String>,
}

/// What a saved lexicon holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LexiconSummary {
    pub terms: u32,
    pub patterns: u32,
    pub allow: u32,
}

fn lexicon_path() -> Result<std::path::PathBuf, LexiconError> {
    config::default_lexicon_path().map_err(|error| LexiconError {
        origin: "lexicon".into(),
        line: 0,
        column: 0,
        message: error.to_string(),
    })
}

#[tauri::command]
pub fn lexicon_get() -> Result<LexiconDocument, LexiconError> {
    let path = lexicon_path()?;
    let (_, problem) = config::load_lexicon();
    let own = std::fs::read_to_string(&path).ok();
    Ok(LexiconDocument {
        is_default: own.is_none(),
        text: own.unwrap_or_else(|| DEFAULT_LEXICON.to_string()),
        path: path.display().to_string(),
        default_text: DEFAULT_LEXICON.to_string(),
        problem,
    })
}

/// Checks `text` and, if it is a valid lexicon, saves it and puts it in force for the running
/// session from the next comment on. A broken lexicon changes nothing and says where it breaks.
#[tauri::command]
pub fn lexicon_save(text: String, console: State<'_, Console>) -> Result<LexiconSummary, LexiconError> {
    let path = lexicon_path()?;
    let lexicon = Lexicon::parse(&text, &path.display().to_string())?;
    let io_error = |error: std::io::Error| LexiconError {
        origin: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!("could not save: {error}"),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error)?;
    }
    std::fs::write(&path, &text).map_err(io_error)?;
    if let Ok(engine) = console.engine() {
        engine.moderator().set_lexicon(&lexicon);
    }
    Ok(LexiconSummary {
        terms: lexicon.terms.len() as u32,
        patterns: lexicon.patterns.len() as u32,
        allow: lexicon.allow.len() as u32,
    })
}

/// What the draft lexicon `text` flags in `sentence` (the editor's live test).
#[tauri::command]
pub fn lexicon_test(text: String, sentence: String) -> Result<Vec<Flag>, LexiconError> {
    let lexicon = Lexicon::parse(&text, "draft")?;
    Ok(Matcher::new(&lexicon).scan(&sentence))
}

/// `[[term]]` entries for a plain word list, as TOML to append to the draft.
#[tauri::command]
pub fn lexicon_import(words: String, category: String, suggest: Option<String>) -> Result<String, LexiconError> {
    word_list_to_toml(&words, &category, suggest.as_deref())
}

/// Checks the host's script against the lexicon in force.
#[tauri::command]
pub fn script_check(script: String, console: State<'_, Console>) -> Result<ScriptReport, String> {
    Ok(check_script(&console.engine()?.moderator().matcher(), &script))
}

#[tauri::command]
pub fn mute_user(unique_id: String, nickname: String, console: State<'_, Console>) -> Result<(), String> {
    console.engine()?.mute(&unique_id, &nickname).map_err(|error| error.to_string())
}

#[tauri::command]
pub fn unmute_user(unique_id: String, console: State<'_, Console>) -> Result<bool, String> {
    console.engine()?.unmute(&unique_id).map_err(|error| error.to_string())
}

#[tauri::command]
pub fn muted_users(console: State<'_, Console>) -> Result<Vec<MutedUser>, String> {
    console.engine()?.muted_users().map_err(|error| error.to_string())
}
