//! Where live events come from.
//!
//! Each source turns its own feed into [`LiveEvent`]s and hands them to the session through a
//! [`SourceContext`]. Sources know nothing of moderation, the archive or the UI.

mod backoff;
pub mod demo;
pub mod note;
pub mod replay;
pub mod shapes;
pub mod tiktok;
pub mod tiktok_shop;
pub mod websocket;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Instant;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::event::LiveEvent;
pub use note::{ConnectionState, NextTry, SourceNote, SourceReason};

/// An event as it leaves its source, stamped with the instant it did, so the session can
/// measure its own latency from that point on.
#[derive(Debug)]
pub struct Incoming {
    pub event: LiveEvent,
    pub received: Instant,
}

/// Where a source tells the session how it is doing (the session's status implements it).
pub trait SourceReport: Send + Sync {
    /// Input the source skipped (malformed, unknown), with why: counted and shown.
    fn dropped(&self, reason: String);
    /// The source's connection state, with why.
    fn state(&self, state: ConnectionState, note: SourceNote);
    /// The host is live in another room than the one the source joined first (a new live):
    /// the source has stopped, and its session should end and a new one begin.
    fn new_live(&self, from_room: String, to_room: String);
}

/// A [`SourceReport`] that listens to nothing: for running a source outside a session.
pub struct Unobserved;

impl SourceReport for Unobserved {
    fn dropped(&self, _reason: String) {}
    fn state(&self, _state: ConnectionState, _note: SourceNote) {}
    fn new_live(&self, _from_room: String, _to_room: String) {}
}

/// A [`SourceReport`] that keeps everything it is told, in order: for running a source outside
/// a session and reading afterwards what it said.
#[derive(Default)]
pub struct Kept {
    dropped: std::sync::Mutex<Vec<String>>,
    states: std::sync::Mutex<Vec<(ConnectionState, String)>>,
    new_lives: std::sync::Mutex<Vec<(String, String)>>,
}

impl Kept {
    /// The reasons of the input dropped so far.
    pub fn dropped(&self) -> Vec<String> {
        self.dropped.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// The states reported so far, each with its note in English.
    pub fn states(&self) -> Vec<(ConnectionState, String)> {
        self.states.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// The new lives reported so far, each as (the room joined first, the new room).
    pub fn new_lives(&self) -> Vec<(String, String)> {
        self.new_lives.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

impl SourceReport for Kept {
    fn dropped(&self, reason: String) {
        self.dropped.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(reason);
    }
    fn state(&self, state: ConnectionState, note: SourceNote) {
        self.states.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((state, note.to_string()));
    }
    fn new_live(&self, from_room: String, to_room: String) {
        self.new_lives.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((from_room, to_room));
    }
}

/// What a running source may use.
pub struct SourceContext {
    events: mpsc::Sender<Incoming>,
    /// Fires when the session stops this source.
    pub cancel: CancellationToken,
    report: std::sync::Arc<dyn SourceReport>,
}

impl SourceContext {
    pub fn new(
        events: mpsc::Sender<Incoming>,
        cancel: CancellationToken,
        report: std::sync::Arc<dyn SourceReport>,
    ) -> Self {
        SourceContext { events, cancel, report }
    }

    /// Reports input the source skipped; the source carries on.
    pub fn report_dropped(&self, reason: String) {
        self.report.dropped(reason);
    }

    /// Reports the source's connection state and why it is in it.
    pub fn set_state(&self, state: ConnectionState, note: SourceNote) {
        self.report.state(state, note);
    }

    /// Reports that the host went live again in another room: the source then returns, and
    /// the session starts a new one (two lives never share a record).
    pub fn new_live(&self, from_room: String, to_room: String) {
        self.report.new_live(from_room, to_room);
    }

    /// Hands `event` to the session, waiting while the session is busy. Returns `false` once
    /// the session is gone: the source should return.
    pub async fn emit(&self, event: LiveEvent) -> bool {
        let incoming = Incoming { event, received: Instant::now() };
        self.events.send(incoming).await.is_ok()
    }
}

/// A running feed of live events.
pub trait Source: Send {
    /// Produces events until the feed ends or `ctx.cancel` fires.
    fn run(self: Box<Self>, ctx: SourceContext) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// What sources may need from the user's settings to sign in, kept apart from the spec so a
/// spec can be shown, logged and archived without them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    /// The `sessionid` cookie for `tiktok:@handle`, when the user is logged in.
    pub tiktok_session: Option<tiktok::SessionId>,
}

/// Which source to run, as written on the command line and in settings:
/// `tiktok:@handle`, `tikfinity[:URL]`, `ssn:URL`, `replay:FILE[:SPEED]`, `demo[:RATE[:SEED]]`,
/// or `none`.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceSpec {
    /// No source: the session only takes what is pushed to it.
    None,
    Demo(demo::DemoConfig),
    /// A TikTok LIVE, by the host's handle (without the `@`).
    TikTok {
        handle: String,
    },
    /// A recorded live, played at `speed` times real time.
    Replay {
        path: std::path::PathBuf,
        speed: f64,
    },
    /// TikFinity's local event WebSocket.
    TikFinity {
        url: String,
    },
    /// Social Stream Ninja's WebSocket.
    SocialStreamNinja {
        url: String,
    },
}

impl SourceSpec {
    /// The shop accounts this source's live belongs to, when the source knows them (the demo
    /// live's shop); otherwise the settings name them.
    pub fn shop_accounts(&self) -> Vec<String> {
        match self {
            SourceSpec::Demo(_) => vec![demo::SHOP_HANDLE.to_string(), demo::SHOP_NICKNAME.to_string()],
            SourceSpec::None
            | SourceSpec::TikTok { .. }
            | SourceSpec::Replay { .. }
            | SourceSpec::TikFinity { .. }
            | SourceSpec::SocialStreamNinja { .. } => Vec::new(),
        }
    }

    /// Prepares the source, if there is one; a recording that cannot be read is an error here,
    /// before any session starts.
    pub fn build(&self, credentials: &Credentials) -> Result<Option<Box<dyn Source>>, SpecError> {
        Ok(match self {
            SourceSpec::None => None,
            SourceSpec::TikTok { handle } => {
                Some(Box::new(tiktok::TikTokSource::new(handle, credentials.tiktok_session.clone(), self.to_string())))
            }
            SourceSpec::Demo(config) => Some(Box::new(demo::DemoSource::new(config.clone(), self.to_string()))),
            SourceSpec::Replay { path, speed } => Some(Box::new(replay::ReplaySource::open(path, *speed)?)),
            SourceSpec::TikFinity { url } => {
                Some(Box::new(websocket::WebSocketSource::new(url, websocket::Tool::TikFinity, self.to_string())))
            }
            SourceSpec::SocialStreamNinja { url } => Some(Box::new(websocket::WebSocketSource::new(
                url,
                websocket::Tool::SocialStreamNinja,
                self.to_string(),
            ))),
        })
    }
}

/// The sources of one live session, merged into one feed: none (only what is pushed), one, or
/// several, written `tiktok:@shop + tikfinity` (a `+` between spaces; or as repeated
/// `--source`). Each event
/// keeps the spec of the source it came from in its `source` field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceSet {
    specs: Vec<SourceSpec>,
}

/// How the specs of a [`SourceSet`] are written together.
const SET_SEPARATOR: &str = " + ";

impl SourceSet {
    /// The sources in `specs`; `none` alone means no source, and may not be mixed with others.
    /// The same source twice is refused: it would only deliver everything twice.
    pub fn new(specs: Vec<SourceSpec>) -> Result<SourceSet, SpecError> {
        let everything = specs.iter().map(ToString::to_string).collect::<Vec<_>>().join(SET_SEPARATOR);
        let error = |reason: &str| SpecError { spec: everything.clone(), reason: reason.to_string() };
        if specs.len() > 1 && specs.contains(&SourceSpec::None) {
            return Err(error("'none' cannot be combined with other sources"));
        }
        for (n, spec) in specs.iter().enumerate() {
            if specs[..n].contains(spec) {
                return Err(error(&format!("'{spec}' is listed twice")));
            }
        }
        Ok(SourceSet { specs: specs.into_iter().filter(|spec| *spec != SourceSpec::None).collect() })
    }

    /// The sources to run; empty for `none`.
    pub fn specs(&self) -> &[SourceSpec] {
        &self.specs
    }

    /// The shop accounts the sources know of (the demo live's shop).
    pub fn shop_accounts(&self) -> Vec<String> {
        self.specs.iter().flat_map(SourceSpec::shop_accounts).collect()
    }
}

impl From<SourceSpec> for SourceSet {
    fn from(spec: SourceSpec) -> SourceSet {
        SourceSet::new(vec![spec]).expect("one source is always a valid set")
    }
}

impl FromStr for SourceSet {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        SourceSet::new(text.split(SET_SEPARATOR).map(|spec| spec.trim().parse()).collect::<Result<_, _>>()?)
    }
}

impl fmt::Display for SourceSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.specs.is_empty() {
            return f.write_str("none");
        }
        let specs: Vec<String> = self.specs.iter().map(ToString::to_string).collect();
        f.write_str(&specs.join(SET_SEPARATOR))
    }
}

/// A source spec that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("source '{spec}': {reason}")]
pub struct SpecError {
    pub spec: String,
    pub reason: String,
}

impl FromStr for SourceSpec {
    type Err = SpecError;

    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let error = |reason: String| SpecError { spec: spec.to_string(), reason };
        let (kind, rest) = spec.split_once(':').map_or((spec, None), |(kind, rest)| (kind, Some(rest)));
        match kind.trim() {
            "none" if rest.is_none() => Ok(SourceSpec::None),
            "demo" => {
                let mut config = demo::DemoConfig::default();
                let mut parts = rest.map(|r| r.split(':')).into_iter().flatten();
                if let Some(rate) = parts.next() {
                    config.rate = rate
                        .parse::<f64>()
                        .ok()
                        .filter(|r| r.is_finite() && *r > 0.0 && *r <= demo::MAX_RATE)
                        .ok_or_else(|| {
                            error(format!(
                                "the rate '{rate}' must be comments per second, above 0 and at most {}",
                                demo::MAX_RATE
                            ))
                        })?;
                }
                if let Some(seed) = parts.next() {
                    config.seed =
                        seed.parse().map_err(|_| error(format!("the seed '{seed}' must be a whole number")))?;
                }
                if let Some(extra) = parts.next() {
                    return Err(error(format!("unexpected '{extra}': expected demo[:RATE[:SEED]]")));
                }
                Ok(SourceSpec::Demo(config))
            }
            "tiktok" => {
                let handle = rest.ok_or_else(|| error("expected tiktok:@HANDLE, the host's TikTok username".into()))?;
                Ok(SourceSpec::TikTok { handle: tiktok::parse_handle(handle).map_err(error)? })
            }
            "tikfinity" => {
                let url = rest.unwrap_or(websocket::TIKFINITY_DEFAULT_URL);
                check_websocket_url(url).map_err(error)?;
                Ok(SourceSpec::TikFinity { url: url.to_string() })
            }
            "ssn" => {
                let url = rest
                    .ok_or_else(|| error("expected ssn:URL, the WebSocket address Social Stream Ninja gives".into()))?;
                check_websocket_url(url).map_err(error)?;
                Ok(SourceSpec::SocialStreamNinja { url: url.to_string() })
            }
            "replay" => {
                let (path, speed) = replay::parse_spec(spec, rest.unwrap_or_default())?;
                Ok(SourceSpec::Replay { path, speed })
            }
            _ => Err(error(
                "unknown source; expected tiktok:@HANDLE, tikfinity[:URL], ssn:URL, replay:FILE[:SPEED], demo[:RATE[:SEED]] or none"
                    .into(),
            )),
        }
    }
}

/// A WebSocket address: `ws://` or `wss://` and a host.
fn check_websocket_url(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("ws://").or_else(|| url.strip_prefix("wss://"));
    match rest {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(format!("'{url}' is not a WebSocket address (ws://HOST:PORT or wss://HOST/...)")),
    }
}

impl fmt::Display for SourceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceSpec::None => f.write_str("none"),
            SourceSpec::TikTok { handle } => write!(f, "tiktok:@{handle}"),
            SourceSpec::Demo(config) if *config == demo::DemoConfig::default() => f.write_str("demo"),
            SourceSpec::Demo(config) if config.seed == demo::DemoConfig::default().seed => {
                write!(f, "demo:{}", config.rate)
            }
            SourceSpec::Demo(config) => write!(f, "demo:{}:{}", config.rate, config.seed),
            SourceSpec::Replay { path, speed } if *speed == 1.0 => write!(f, "replay:{}", path.display()),
            SourceSpec::Replay { path, speed } => write!(f, "replay:{}:{speed}", path.display()),
            SourceSpec::TikFinity { url } if url == websocket::TIKFINITY_DEFAULT_URL => f.write_str("tikfinity"),
            SourceSpec::TikFinity { url } => write!(f, "tikfinity:{url}"),
            SourceSpec::SocialStreamNinja { url } => write!(f, "ssn:{url}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_print_back() {
        for text in [
            "none",
            "demo",
            "demo:12.5:7",
            "demo:40",
            "tiktok:@toko.sari",
            "replay:live.jsonl",
            "replay:/tmp/live.jsonl:8",
            "tikfinity",
            "tikfinity:ws://192.168.1.5:21213",
            "ssn:wss://io.socialstream.ninja/join/abc",
        ] {
            let spec: SourceSpec = text.parse().unwrap();
            assert_eq!(spec.to_string(), text);
        }
        let SourceSpec::Demo(config) = "demo:40".parse().unwrap() else { panic!() };
        assert_eq!(config.rate, 40.0);
        assert_eq!(config.seed, demo::DemoConfig::default().seed);
    }

    #[test]
    fn several_sources_are_one_set() {
        let set: SourceSet = "tiktok:@toko.sari + tikfinity:ws://192.168.1.5:21213".parse().unwrap();
        assert_eq!(set.specs().len(), 2);
        assert_eq!(set.to_string(), "tiktok:@toko.sari + tikfinity:ws://192.168.1.5:21213");
        assert_eq!("tiktok:@ab   +  demo".parse::<SourceSet>().unwrap().to_string(), "tiktok:@ab + demo");
        // Only a '+' between spaces joins sources: one inside a URL or a file name does not.
        assert_eq!("ssn:wss://relay.example/join?room=a+b".parse::<SourceSet>().unwrap().specs().len(), 1);
        assert!("none".parse::<SourceSet>().unwrap().specs().is_empty());
        assert_eq!(SourceSet::default().to_string(), "none");
        for (text, needle) in [
            ("demo + none", "'none' cannot be combined"),
            ("tikfinity + tikfinity:ws://localhost:21213", "'tikfinity' is listed twice"),
            ("demo + youtube", "unknown source"),
            ("demo + ", "unknown source"),
        ] {
            let error = text.parse::<SourceSet>().unwrap_err().to_string();
            assert!(error.contains(needle), "{text}: {error}");
        }
    }

    #[test]
    fn bad_specs_say_what_is_wrong() {
        for (text, needle) in [
            ("tiktok", "expected tiktok:@HANDLE"),
            ("tik", "unknown source"),
            ("demo:fast", "rate 'fast'"),
            ("demo:0", "above 0"),
            ("demo:-3", "above 0"),
            ("demo:NaN", "rate"),
            ("demo:5:x", "seed 'x'"),
            ("demo:5:1:2", "unexpected '2'"),
            ("none:1", "unknown source"),
            ("ssn", "expected ssn:URL"),
            ("tiktok:", "not a TikTok handle"),
            ("tiktok:@x y", "not a TikTok handle"),
            ("tikfinity:localhost:21213", "not a WebSocket address"),
        ] {
            let error = text.parse::<SourceSpec>().unwrap_err().to_string();
            assert!(error.contains(needle), "{text}: {error}");
            assert!(error.contains(text), "{text}: {error}");
        }
    }
}
