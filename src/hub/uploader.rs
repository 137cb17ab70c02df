//! The desktop's side: sends the archive's events to the hub in the background, and says how
//! far behind it is.
//!
//! The archive is the queue: events are numbered in it ([`Archive::number_for_hub`]) and the
//! hub's acknowledgement is kept in it, so a crash, a `kill -9` or a week offline loses nothing:
//! the next run sends from the acknowledged mark. A batch the hub already holds (sent, but the
//! answer lost) is taken again without doubling, since the hub keys events by (device,
//! sequence). Nothing here blocks the live: the uploader reads the archive through its own
//! connection, and a hub out of reach only makes it wait (1 s, doubling to 30 s) and try again.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::intake::Ack;
use super::lexicon::AgencyLexicon;
use crate::event::now_ms;
use crate::store::{Archive, HubMark, StoreError};

/// Events per batch.
pub const BATCH: usize = 1_000;

/// How long a quiet uploader waits before looking for new events.
const IDLE: Duration = Duration::from_secs(1);

/// The longest wait between tries while the hub is out of reach.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The `[hub]` table of the settings: the agency hub this desktop sends its lives to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct HubSettings {
    /// The hub's address, e.g. `http://192.168.1.10:47900`; empty: no hub.
    pub url: String,
    /// The hub's token (`pandu hub serve --token`).
    pub token: String,
    /// The shop this desktop's lives are for, as the agency's reports name it.
    pub shop: String,
}

/// The longest shop name.
pub const MAX_SHOP_CHARS: usize = 80;

impl HubSettings {
    /// Whether a hub is set.
    pub fn is_set(&self) -> bool {
        !self.url.trim().is_empty()
    }

    /// What is wrong with these settings, naming the field; none without a hub.
    pub fn validate(&self) -> Result<(), String> {
        if !self.is_set() {
            return Ok(());
        }
        let url = self.url.trim();
        let parsed = reqwest::Url::parse(url).map_err(|error| format!("url: '{url}': {error}"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!("url: '{url}': the hub's address starts with http:// or https:// and names a host"));
        }
        if self.token.trim().is_empty() {
            return Err("token: the hub's token is needed with its url".into());
        }
        let shop = self.shop.trim();
        if shop.is_empty() {
            return Err("shop: the shop's name is needed with the hub's url".into());
        }
        if shop.chars().count() > MAX_SHOP_CHARS {
            return Err(format!("shop: at most {MAX_SHOP_CHARS} characters"));
        }
        Ok(())
    }
}

/// Where this desktop stands with the hub, as the status bar says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HubState {
    /// No hub is set.
    Off,
    /// Set; not heard from yet.
    Connecting,
    /// The hub answered the last try.
    Connected,
    /// The hub (or its network) is out of reach: events wait in the archive.
    Unreachable,
    /// The hub answered but refused (a wrong token, a bad batch): events wait in the archive
    /// until the settings are fixed.
    Refused,
}

/// The uploader's state, pushed to front ends whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HubStatus {
    pub state: HubState,
    /// The shop this desktop sends for.
    pub shop: String,
    /// Events archived that the hub does not hold yet.
    #[ts(type = "number")]
    pub behind: u64,
    /// Why the hub is out of reach or refused, as the last try said.
    pub problem: Option<String>,
    /// Since when (Unix ms) the hub has been out of reach or refusing.
    #[ts(type = "number | null")]
    pub since: Option<i64>,
    /// The version of the agency's lexicon in force on this desktop (none: none taken yet).
    #[ts(type = "number | null")]
    pub lexicon_version: Option<i64>,
    /// Why the agency's newest lexicon was not taken (the last good one stays in force).
    pub lexicon_problem: Option<String>,
}

impl HubStatus {
    /// With no hub set.
    pub fn off() -> HubStatus {
        HubStatus {
            state: HubState::Off,
            shop: String::new(),
            behind: 0,
            problem: None,
            since: None,
            lexicon_version: None,
            lexicon_problem: None,
        }
    }
}

/// How often the desktop asks the hub for a newer lexicon.
const LEXICON_EVERY: Duration = Duration::from_secs(5);

/// What the uploader needs of the desktop it runs on.
pub trait Desk: Send + Sync + 'static {
    /// Shows `status` (the status bar).
    fn report(&self, status: HubStatus);
    /// The version of the agency's lexicon this desktop holds; 0 for none.
    fn lexicon_version(&self) -> i64;
    /// Checks and puts `lexicon` in force; why not, keeping the last good one. Blocks (files,
    /// compiling the matcher).
    fn apply_lexicon(&self, lexicon: AgencyLexicon) -> Result<(), String>;
}

/// Why one round of uploading did not go through.
#[derive(Debug)]
enum Failure {
    /// No answer: the network, the hub or its database is down. Tried again.
    Unreachable(String),
    /// The hub answered no.
    Refused(String),
    /// The archive could not be read or written.
    Archive(StoreError),
}

/// Sends `archive`'s events to the hub `settings` names until `cancel`, takes the agency's newer
/// lexicons for `desk`, and reports every change of status to it.
pub async fn run(archive_path: PathBuf, settings: HubSettings, desk: Arc<dyn Desk>, cancel: CancellationToken) {
    let report = |status: HubStatus| desk.report(status);
    let held = desk.lexicon_version();
    let mut status = HubStatus {
        state: HubState::Connecting,
        shop: settings.shop.clone(),
        lexicon_version: (held > 0).then_some(held),
        ..HubStatus::off()
    };
    report(status.clone());
    let archive = match tokio::task::spawn_blocking(move || Archive::open(&archive_path)).await {
        Ok(Ok(archive)) => Arc::new(Mutex::new(archive)),
        Ok(Err(error)) => {
            report(HubStatus { state: HubState::Refused, problem: Some(error.to_string()), ..status });
            return;
        }
        Err(error) => {
            tracing::error!("the hub's uploader could not open the archive: {error}");
            return;
        }
    };
    let client = match reqwest::Client::builder().timeout(Duration::from_secs(15)).build() {
        Ok(client) => client,
        Err(error) => {
            report(HubStatus { state: HubState::Refused, problem: Some(error.to_string()), ..status });
            return;
        }
    };
    let base = settings.url.trim().trim_end_matches('/').to_string();
    let mut backoff = IDLE;
    let mut lexicon = LexiconWatch { held, refused: 0, asked: None };
    loop {
        let mut next = status.clone();
        lexicon.check(&client, &base, &settings, &desk, &mut next).await;
        let wait = match round(&client, &base, &settings, &archive).await {
            Ok((mark, sent)) => {
                backoff = IDLE;
                next =
                    HubStatus { state: HubState::Connected, behind: mark.behind(), problem: None, since: None, ..next };
                // Catching up: the next batch at once.
                if sent > 0 && mark.behind() > 0 { Duration::ZERO } else { IDLE }
            }
            Err(failure) => {
                let (state, problem) = match failure {
                    Failure::Unreachable(problem) => (HubState::Unreachable, problem),
                    Failure::Refused(problem) => (HubState::Refused, problem),
                    Failure::Archive(error) => (HubState::Refused, error.to_string()),
                };
                let behind = pending(&archive).await.unwrap_or(status.behind);
                let since = if status.state == state { status.since } else { Some(now_ms()) };
                next = HubStatus { state, behind, problem: Some(problem), since, ..next };
                let wait = backoff;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                wait
            }
        };
        if next != status {
            if next.state != status.state {
                let problem = next.problem.as_deref().map(|p| format!(": {p}")).unwrap_or_default();
                tracing::info!("hub {base}: {:?}{problem}", next.state);
            }
            status = next;
            report(status.clone());
        }
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// Asking the hub for the agency's newer lexicons, every [`LEXICON_EVERY`].
struct LexiconWatch {
    /// The version in force here.
    held: i64,
    /// The newest version refused here: not asked for again (a newer one is).
    refused: i64,
    asked: Option<std::time::Instant>,
}

impl LexiconWatch {
    /// Asks when it is time, and puts a newer version in force through `desk`; the outcome goes
    /// in `status`. A hub out of reach is the upload's to say: nothing changes here.
    async fn check(
        &mut self,
        client: &reqwest::Client,
        base: &str,
        settings: &HubSettings,
        desk: &Arc<dyn Desk>,
        status: &mut HubStatus,
    ) {
        if self.asked.is_some_and(|asked| asked.elapsed() < LEXICON_EVERY) {
            return;
        }
        self.asked = Some(std::time::Instant::now());
        let answer = client
            .get(format!("{base}/hub/v1/lexicon"))
            .query(&[("shop", settings.shop.trim()), ("since", &self.held.max(self.refused).to_string())])
            .bearer_auth(settings.token.trim())
            .send()
            .await;
        let lexicon: AgencyLexicon = match answer {
            Ok(answer) if answer.status() == reqwest::StatusCode::OK => match answer.json().await {
                Ok(lexicon) => lexicon,
                Err(error) => {
                    status.lexicon_problem = Some(format!("the hub's lexicon could not be read: {error}"));
                    return;
                }
            },
            _ => return,
        };
        let version = lexicon.version;
        let desk = Arc::clone(desk);
        match tokio::task::spawn_blocking(move || desk.apply_lexicon(lexicon)).await {
            Ok(Ok(())) => {
                self.held = version;
                status.lexicon_version = Some(version);
                status.lexicon_problem = None;
            }
            Ok(Err(problem)) => {
                tracing::warn!("the agency's lexicon v{version} was not taken: {problem}");
                self.refused = version;
                status.lexicon_problem = Some(format!("v{version}: {problem}"));
            }
            Err(error) => tracing::error!("taking the agency's lexicon failed: {error}"),
        }
    }
}

/// Runs a blocking job on the archive.
async fn with_archive<T: Send + 'static>(
    archive: &Arc<Mutex<Archive>>,
    job: impl FnOnce(&mut Archive) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let archive = Arc::clone(archive);
    tokio::task::spawn_blocking(move || job(&mut archive.lock().unwrap_or_else(|p| p.into_inner())))
        .await
        .expect("the archive's job does not panic")
}

/// How many events wait, from the archive alone.
async fn pending(archive: &Arc<Mutex<Archive>>) -> Option<u64> {
    with_archive(archive, |archive| archive.hub_mark()).await.ok().map(|mark| mark.behind())
}

/// One round: number what is new, send the next batch after the hub's mark (or, with nothing to
/// send, ask the hub whether it is there), keep the new mark. Where the desktop then stands,
/// and how many events were sent.
async fn round(
    client: &reqwest::Client,
    base: &str,
    settings: &HubSettings,
    archive: &Arc<Mutex<Archive>>,
) -> Result<(HubMark, usize), Failure> {
    let (mut mark, events) = with_archive(archive, |archive| {
        let mark = archive.number_for_hub()?;
        let events = archive.hub_events_after(mark.acked, BATCH)?;
        Ok((mark, events))
    })
    .await
    .map_err(Failure::Archive)?;
    if events.is_empty() {
        let answer = client.get(format!("{base}/hub/v1/health")).send().await.map_err(unreachable)?;
        if !answer.status().is_success() {
            return Err(Failure::Unreachable(format!("{base}: the hub answered {}", answer.status())));
        }
        return Ok((mark, 0));
    }
    let sent = events.len();
    let last = events.last().map_or(mark.acked, |event| event.seq);
    let body = serde_json::json!({ "device_id": mark.device_id, "shop": settings.shop.trim(), "events": events });
    let answer = client
        .post(format!("{base}/hub/v1/batches"))
        .bearer_auth(settings.token.trim())
        .json(&body)
        .send()
        .await
        .map_err(unreachable)?;
    let status = answer.status();
    if status.is_server_error() {
        return Err(Failure::Unreachable(format!("{base}: {}", answer_error(answer).await)));
    }
    if !status.is_success() {
        return Err(Failure::Refused(format!("{base}: {}", answer_error(answer).await)));
    }
    let ack: Ack = answer.json().await.map_err(unreachable)?;
    if ack.held > last.max(mark.numbered) {
        return Err(Failure::Refused(format!(
            "the hub holds {} events of this desktop ({}), more than its archive has ({}): \
             was the archive restored from an older copy? Ask the agency to remove the device from the hub",
            ack.held, mark.device_id, mark.numbered
        )));
    }
    with_archive(archive, move |archive| archive.set_hub_acked(ack.held)).await.map_err(Failure::Archive)?;
    mark.acked = mark.acked.max(ack.held);
    Ok((mark, sent))
}

fn unreachable(error: reqwest::Error) -> Failure {
    Failure::Unreachable(causes(&error))
}

/// A request's error with its causes: reqwest's own message is "error sending request for url
/// (…)"; the causes say why (connection refused, timed out).
pub(super) fn causes(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    message
}

/// The hub's `{"error": …}`, or the status alone.
pub(super) async fn answer_error(answer: reqwest::Response) -> String {
    let status = answer.status();
    let body: Option<serde_json::Value> = answer.json().await.ok();
    match body.as_ref().and_then(|body| body.get("error")).and_then(|error| error.as_str()) {
        Some(error) => format!("{status}: {error}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_what_is_wrong() {
        let good =
            HubSettings { url: "http://192.168.1.10:47900".into(), token: "t".repeat(20), shop: "Novilla".into() };
        assert_eq!(good.validate(), Ok(()));
        assert_eq!(HubSettings::default().validate(), Ok(()), "no hub is fine");
        let problem = |settings: HubSettings| settings.validate().unwrap_err();
        assert!(problem(HubSettings { url: "192.168.1.10:47900".into(), ..good.clone() }).starts_with("url: "));
        assert!(problem(HubSettings { url: "ftp://hub".into(), ..good.clone() }).contains("http://"));
        assert!(problem(HubSettings { token: " ".into(), ..good.clone() }).starts_with("token: "));
        assert!(problem(HubSettings { shop: String::new(), ..good.clone() }).starts_with("shop: "));
        assert!(problem(HubSettings { shop: "x".repeat(81), ..good }).starts_with("shop: "));
    }
}
