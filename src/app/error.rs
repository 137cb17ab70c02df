//! The one error type that crosses from the core to a front end.

use serde::Serialize;
use ts_rs::TS;

use crate::clock::ClockError;
use crate::clock::csv::CsvError;
use crate::config::ConfigError;
use crate::ingest::SpecError;
use crate::moderation::lexicon::LexiconError;
use crate::report::ReportError;
use crate::session::{NoSession, StartError};
use crate::store::StoreError;

/// What kind of failure an [`AppError`] is, so a front end can say it in the user's language
/// (the UI keeps one sentence per code) and decide what to offer (fix the lexicon, pick another
/// port, open another archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The settings file is unreadable or invalid.
    Settings,
    /// The archive cannot be opened, read or written.
    Archive,
    /// A lexicon does not parse or check; `line` and `column` say where.
    Lexicon,
    /// A source spec is wrong, or the source cannot start.
    Source,
    /// The local server cannot listen.
    Server,
    /// The local server's port is taken (another Pandu, or another program); `subject` is the
    /// port.
    PortInUse,
    /// Nothing is running that could take the request (no live session, or the app could not
    /// start at all).
    NotRunning,
    /// A file the user named cannot be read or written.
    Io,
    /// A request's value is wrong (an empty product, a zero-second window); the message names
    /// the field.
    Invalid,
    /// No such thing (a flash sale's id, a saved run sheet's name); the message names it.
    NotFound,
    /// A run sheet's CSV cannot be read; `line` and `column` say where. Nothing was imported.
    RunSheet,
    /// A frame template is refused (the message names `template.toml`, the line and the layer)
    /// or cannot be rendered; the frame on air stays.
    Frame,
    /// The agency hub: none set, out of reach, or it refused.
    Hub,
}

/// A failure or a standing problem as a front end receives it: `{code, message}` (plus where,
/// for a lexicon, and what, where the code's sentence names something). A front end says the
/// code in the user's language, with `subject` in it; the message says in plain English what
/// went wrong and where (the file, the entry), as detail and for logs and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// For a lexicon error: 1-based line of the offending entry; 0 when it is not at a place in
    /// the text (the file could not be saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line: Option<u32>,
    /// For a lexicon error: 1-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<u32>,
    /// What the code's sentence names, for the codes that name something (the port of
    /// `port_in_use`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub subject: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl std::fmt::Display) -> AppError {
        AppError { code, message: message.to_string(), line: None, column: None, subject: None }
    }
}

impl From<ConfigError> for AppError {
    fn from(error: ConfigError) -> Self {
        AppError::new(ErrorCode::Settings, error)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        AppError::new(ErrorCode::Archive, error)
    }
}

impl From<SpecError> for AppError {
    fn from(error: SpecError) -> Self {
        AppError::new(ErrorCode::Source, error)
    }
}

impl From<StartError> for AppError {
    fn from(error: StartError) -> Self {
        match error {
            StartError::Archive(error) => error.into(),
            StartError::Source(error) => error.into(),
        }
    }
}

impl From<NoSession> for AppError {
    fn from(error: NoSession) -> Self {
        AppError::new(ErrorCode::NotRunning, error)
    }
}

impl From<ClockError> for AppError {
    fn from(error: ClockError) -> Self {
        match error {
            ClockError::Invalid(message) => AppError::new(ErrorCode::Invalid, message),
            ClockError::NotFound(message) => AppError::new(ErrorCode::NotFound, message),
            ClockError::Store(error) => error.into(),
        }
    }
}

impl From<CsvError> for AppError {
    fn from(error: CsvError) -> Self {
        AppError {
            code: ErrorCode::RunSheet,
            line: Some(error.line),
            column: Some(error.column),
            // Where it is goes in line and column (column 0: the whole row), as for a lexicon.
            message: error.message,
            subject: None,
        }
    }
}

impl From<ReportError> for AppError {
    fn from(error: ReportError) -> Self {
        match error {
            ReportError::Scope(message) => AppError::new(ErrorCode::Invalid, message),
            ReportError::Store(StoreError::NoSuchSession { session, .. }) => {
                AppError::new(ErrorCode::NotFound, format!("session: no live {session} in the archive"))
            }
            ReportError::Store(error) => error.into(),
        }
    }
}

impl From<LexiconError> for AppError {
    fn from(error: LexiconError) -> Self {
        AppError {
            code: ErrorCode::Lexicon,
            line: Some(error.line),
            column: Some(error.column),
            message: if error.line == 0 { error.to_string() } else { error.message },
            subject: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_as_code_and_message_with_the_place_of_a_lexicon_error() {
        let broken =
            crate::moderation::lexicon::Lexicon::parse("[[term]]\ntext = \"wa\"\n", "lexicon.toml").unwrap_err();
        let json = serde_json::to_value(AppError::from(broken)).unwrap();
        assert_eq!(json["code"], "lexicon");
        assert_eq!(json["line"], 1);
        assert!(json["message"].as_str().unwrap().contains("category"), "{json}");

        let json = serde_json::to_value(AppError::from(NoSession)).unwrap();
        assert_eq!(json["code"], "not_running");
        assert!(json.get("line").is_none());
    }
}
