//! The host's script as the teleprompter shows it: the text and its forbidden words.
//!
//! The app reads and saves the script (`script.txt`, `app/host_view.rs`) and checks it against
//! the lexicon in force ([`crate::moderation::script`]); this is what the window and the host
//! view receive.

use serde::Serialize;
use ts_rs::TS;

use crate::moderation::script::ScriptHit;

/// The host's script and its forbidden words, for the teleprompter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostScript {
    pub text: String,
    /// Each forbidden word, by UTF-8 byte offsets into `text`, with its code word.
    pub hits: Vec<ScriptHit>,
}
