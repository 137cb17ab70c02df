//! The app's host-view capability: the next question, the teleprompter's script, and the links
//! (with a QR code) a second screen opens.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, Scope, blocking, events_of, next_outbound};
use crate::event::LiveEvent;
use crate::feedback::{RecentComments, newest_question};
use crate::outbound::Outbound;
use crate::teleprompter::HostScript;

/// The teleprompter's script, kept beside the settings so it survives a restart.
const SCRIPT_FILE: &str = "script.txt";
/// A script is a few pages read aloud; anything far bigger is a wrong paste.
const MAX_SCRIPT_BYTES: usize = 256 * 1024;

/// What the host view shows besides the clock.
pub(super) struct HostView {
    script_path: PathBuf,
    script: Mutex<HostScript>,
    question: Mutex<Option<Arc<LiveEvent>>>,
    /// The comment pinned on the frame overlay.
    pinned: Mutex<Option<Arc<LiveEvent>>>,
    /// The last comments, to pin one by id.
    recent: Mutex<RecentComments>,
    /// The co-host's own answers, by the question's comment id, for this live.
    edited_answers: Mutex<HashMap<String, String>>,
}

/// How many of the last comments can be pinned by id: about ten minutes of a busy live.
const RECENT_COMMENTS: usize = 5000;

impl HostView {
    /// Reads the saved script (its hits are found once the lexicon is known).
    pub(super) fn open(config_dir: &Path) -> HostView {
        let script_path = config_dir.join(SCRIPT_FILE);
        let text = std::fs::read_to_string(&script_path).unwrap_or_default();
        HostView {
            script_path,
            script: Mutex::new(HostScript { text, hits: vec![] }),
            question: Mutex::new(None),
            pinned: Mutex::new(None),
            recent: Mutex::new(RecentComments::new(RECENT_COMMENTS)),
            edited_answers: Mutex::new(HashMap::new()),
        }
    }

    /// The co-host's answer to the question `comment_id`, if they wrote one.
    pub(super) fn edited_answer(&self, comment_id: &str) -> Option<String> {
        self.edited_answers.lock().unwrap_or_else(|p| p.into_inner()).get(comment_id).cloned()
    }

    /// Keeps the co-host's answer to `comment_id`; an empty one is forgotten.
    pub(super) fn set_edited_answer(&self, comment_id: &str, answer: &str) {
        let mut answers = self.edited_answers.lock().unwrap_or_else(|p| p.into_inner());
        if answer.is_empty() {
            answers.remove(comment_id);
        } else {
            answers.insert(comment_id.to_string(), answer.to_string());
        }
    }
}

/// Where a second screen opens the host view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostLink {
    /// The host view's address with the host token (never the control one): this computer's
    /// first, then (with `lan` on) each address other devices on the network can reach.
    pub urls: Vec<String>,
    /// A QR code of the address a phone should open (the first network one, else this
    /// computer's), as SVG markup made here, with no user text in it.
    pub qr_svg: String,
    pub lan: bool,
}

impl App {
    /// The host's script with its forbidden words.
    pub fn host_script(&self) -> HostScript {
        self.host.script.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts `text` on the teleprompter (saved for the next start) and shows it everywhere.
    pub async fn set_host_script(self: &Arc<Self>, text: String) -> Result<HostScript, AppError> {
        if text.len() > MAX_SCRIPT_BYTES {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!(
                    "script: {} KiB is too long for a teleprompter (at most {} KiB)",
                    text.len() / 1024,
                    MAX_SCRIPT_BYTES / 1024
                ),
            ));
        }
        let path = self.host.script_path.clone();
        let saved = text.clone();
        blocking(move || {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            std::fs::write(&path, saved)
        })
        .await
        .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", self.host.script_path.display())))?;
        Ok(self.check_host_script(text).await)
    }

    /// Finds the script's forbidden words again (the lexicon changed, or at start-up).
    pub(super) async fn recheck_host_script(self: &Arc<Self>) {
        let text = self.host_script().text;
        self.check_host_script(text).await;
    }

    async fn check_host_script(self: &Arc<Self>, text: String) -> HostScript {
        let report = self.check_script(text.clone()).await;
        let script = HostScript { text, hits: report.hits };
        *self.host.script.lock().unwrap_or_else(|p| p.into_inner()) = script.clone();
        self.outbox.publish(Outbound::Script { report: script.clone() });
        script
    }

    /// The newest clean comment the feedback rules read as a question: the host's next one
    /// while the queue is empty.
    pub(super) fn suggested_question(&self) -> Option<Arc<LiveEvent>> {
        self.host.question.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A new live: the last one's suggested question and recent comments are not this one's
    /// (a tag by id still finds an earlier live's comment in the archive).
    pub(super) fn forget_last_live(&self) {
        *self.host.question.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.host.recent.lock().unwrap_or_else(|p| p.into_inner()) = RecentComments::new(RECENT_COMMENTS);
        self.host.edited_answers.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// One of the live's last comments, by id.
    pub(super) fn recent_comment(&self, comment_id: &str) -> Option<Arc<LiveEvent>> {
        self.host.recent.lock().unwrap_or_else(|p| p.into_inner()).find(comment_id).cloned()
    }

    /// Follows the outbound stream until `cancel`: publishes each new question, and keeps the
    /// last comments for pinning.
    pub(super) async fn watch_comments(self: Arc<Self>, cancel: CancellationToken) {
        self.recheck_host_script().await;
        let mut outbound = self.subscribe();
        while let Some(events) = next_outbound(&mut outbound, &cancel, events_of).await {
            self.host.recent.lock().unwrap_or_else(|p| p.into_inner()).extend(&events);
            if let Some(question) = newest_question(&events) {
                *self.host.question.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(question));
                self.publish_question();
            }
        }
    }

    /// Pins the recent comment `comment_id` on the frame overlay (replacing the pinned one).
    pub fn pin(&self, comment_id: &str) -> Result<Arc<LiveEvent>, AppError> {
        let comment = self.recent_comment(comment_id).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("comment_id: no recent comment '{comment_id}' (only the last {RECENT_COMMENTS} can be pinned)"),
            )
        })?;
        *self.host.pinned.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&comment));
        self.outbox.publish(Outbound::Pinned { comment: Some(Arc::clone(&comment)) });
        Ok(comment)
    }

    /// Takes the pinned comment off the frame; `false` if none was pinned.
    pub fn unpin(&self) -> bool {
        let was = self.host.pinned.lock().unwrap_or_else(|p| p.into_inner()).take().is_some();
        self.outbox.publish(Outbound::Pinned { comment: None });
        was
    }

    /// The comment pinned on the frame.
    pub fn pinned(&self) -> Option<Arc<LiveEvent>> {
        self.host.pinned.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// What a front end that just connected needs before the live stream: the session, the
    /// clock, the live's tags, the next question, the script, the pinned comment and the frame on air.
    pub fn snapshot(&self) -> Vec<Outbound> {
        [
            Outbound::Session { state: self.state() },
            Outbound::Clock { clock: self.clock_state() },
            Outbound::Feedback { feedback: self.feedback_state() },
            self.question_message(),
            Outbound::Script { report: self.host_script() },
            Outbound::Pinned { comment: self.pinned() },
            Outbound::Hub { hub: self.hub_status() },
        ]
        .into_iter()
        .chain(self.frame_view(None).ok().map(|frame| Outbound::Frame { frame }))
        .collect()
    }

    /// The host view's links and QR code.
    pub fn host_link(&self) -> Result<HostLink, AppError> {
        let address = self.server_address().ok_or_else(|| {
            AppError::new(
                ErrorCode::Server,
                "the local server is not running, so no other screen can open the host view",
            )
        })?;
        let lan = self.listens_on_network();
        // The host token only: whoever reads this link (a phone's history, a shoulder, the shop's
        // Wi-Fi) can open the host view and mark questions answered, and nothing else.
        let token = self.token(Scope::Host);
        let url = |ip: IpAddr| format!("http://{}/host?token={token}", std::net::SocketAddr::new(ip, address.port()));
        let mut urls = vec![url(IpAddr::from([127, 0, 0, 1]))];
        if lan {
            urls.extend(network_addresses().into_iter().map(url));
        }
        let for_qr = urls.get(1).unwrap_or(&urls[0]);
        let qr_svg = qrcode::QrCode::new(for_qr.as_bytes())
            .map_err(|error| AppError::new(ErrorCode::Invalid, format!("QR code: {error}")))?
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build();
        Ok(HostLink { urls, qr_svg, lan })
    }
}

/// This machine's IPv4 addresses on its networks (not loopback, not link-local), for devices on
/// the same Wi-Fi.
fn network_addresses() -> Vec<IpAddr> {
    let mut addresses: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|interface| interface.ip())
        .filter(|ip| matches!(ip, IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified()))
        .collect();
    addresses.sort();
    addresses.dedup();
    addresses
}
