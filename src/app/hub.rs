//! The app's agency capability: who hosts the lives on this PC, the hub it sends them to
//! (Pengaturan → Agensi, `GET/PUT /api/agency`), and the uploader running in the background
//! while a hub is set, whose status the status bar shows.

use std::sync::{Arc, Mutex, RwLock, Weak};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, ReportRequest, blocking};
use crate::config::MAX_HOST_CHARS;
use crate::event::now_ms;
use crate::hub::fetch::{self, AgencyRequest};
use crate::hub::lexicon::AgencyLexicon;
use crate::hub::report::{AgencyReport, AgencyScope};
use crate::hub::uploader::{self, Desk};
use crate::hub::{HubSettings, HubStatus};
use crate::outbound::Outbound;
use crate::report::{self, ReportFile, ReportFormat};
use crate::store::Archive;

/// What Pengaturan → Agensi edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Agency {
    /// Who hosts the lives started on this PC (the `[live] host` setting).
    pub host: String,
    /// The hub (the `[hub]` settings); an empty `url` sends nothing.
    pub hub: HubSettings,
}

/// The hosts the console offers when a live starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HostChoices {
    /// Who hosts the next live on this PC (the `[live] host` setting): the picker's value.
    pub current: String,
    /// Who hosted lives on this PC, the latest first (at most [`RECENT_HOSTS`]).
    pub recent: Vec<String>,
    /// The longest name taken, in characters.
    #[ts(type = "number")]
    pub max_chars: usize,
}

/// The recent hosts offered: a studio PC's rotation, not its whole history.
const RECENT_HOSTS: usize = 12;

impl AgencyRequest {
    /// What the agency report covers: the period asked for (this week in `time_zone` when
    /// none is), resolved with no archive, and the filters.
    pub fn scope(&self, now: i64, time_zone: &str) -> Result<AgencyScope, AppError> {
        let period =
            ReportRequest { session: None, week: self.week.clone(), from: self.from.clone(), to: self.to.clone() };
        let period = report::resolve_period(&period.scope(now, time_zone)?, time_zone)?;
        Ok(AgencyScope {
            label: period.label,
            from: period.from,
            to: period.to,
            time_zone: time_zone.to_string(),
            shop: self.shop.clone(),
            host: self.host.clone(),
            product: self.product.clone(),
        })
    }
}

/// A host's name as kept: trimmed, and refused when too long.
fn host_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.chars().count() > MAX_HOST_CHARS {
        return Err(AppError::new(ErrorCode::Invalid, format!("host: at most {MAX_HOST_CHARS} characters")));
    }
    Ok(name.to_string())
}

/// The uploader as the app runs it: its status, and the token that stops it.
pub(super) struct HubLink {
    status: RwLock<HubStatus>,
    running: Mutex<Option<CancellationToken>>,
}

impl HubLink {
    pub(super) fn new() -> HubLink {
        HubLink { status: RwLock::new(HubStatus::off()), running: Mutex::new(None) }
    }
}

impl App {
    /// Who hosts, and the hub.
    pub fn agency(&self) -> Agency {
        let settings = self.settings();
        Agency { host: settings.live.host, hub: settings.hub }
    }

    /// Checks and saves `agency`; the host is recorded from the next live on, a changed hub is
    /// sent to at once (the events not yet sent go to the new one). Bad values change nothing.
    pub async fn save_agency(self: &Arc<Self>, agency: Agency) -> Result<Agency, AppError> {
        let agency = Agency {
            host: host_name(&agency.host)?,
            hub: HubSettings {
                url: agency.hub.url.trim().to_string(),
                token: agency.hub.token.trim().to_string(),
                shop: agency.hub.shop.trim().to_string(),
            },
        };
        agency.hub.validate().map_err(|message| AppError::new(ErrorCode::Invalid, format!("hub.{message}")))?;
        let app = Arc::clone(self);
        let saved = agency.clone();
        let hub_changed = blocking(move || {
            app.change_settings(|settings, path| {
                let hub_changed = settings.hub != saved.hub;
                settings.live.host = saved.host;
                settings.hub = saved.hub;
                settings.save(path)?;
                Ok(hub_changed)
            })
        })
        .await?;
        self.engine.set_host(&agency.host);
        if hub_changed {
            self.start_uploader();
        }
        Ok(agency)
    }

    /// The hosts to pick from when a live starts: who hosts now, and who hosted here lately.
    pub async fn host_choices(&self) -> Result<HostChoices, AppError> {
        let current = self.settings().live.host;
        let archive_path = self.engine.archive_path().to_path_buf();
        let recent = blocking(move || Archive::open(archive_path)?.recent_hosts(RECENT_HOSTS)).await?;
        Ok(HostChoices { current, recent, max_chars: MAX_HOST_CHARS })
    }

    /// Makes `host` who hosts the lives started from now on, remembered in the settings (the
    /// host picked as a live starts). A name too long changes nothing.
    pub(super) async fn pick_host(self: &Arc<Self>, host: &str) -> Result<(), AppError> {
        let host = host_name(host)?;
        if self.settings().live.host != host {
            let (app, saved) = (Arc::clone(self), host.clone());
            blocking(move || {
                app.change_settings(|settings, path| {
                    settings.live.host = saved;
                    Ok(settings.save(path)?)
                })
            })
            .await?;
        }
        self.engine.set_host(&host);
        Ok(())
    }

    /// The agency's report from the hub (the Laporan tab's "Agensi" scope), in the settings'
    /// time zone.
    pub async fn agency_report(&self, request: AgencyRequest) -> Result<AgencyReport, AppError> {
        let settings = self.settings();
        fetch::agency_report(&settings.hub, &request, &settings.reports.time_zone)
            .await
            .map_err(|message| AppError::new(ErrorCode::Hub, message))
    }

    /// The agency's report as a file in `format`, as the hub writes it.
    pub async fn export_agency_report(
        &self,
        request: AgencyRequest,
        format: ReportFormat,
    ) -> Result<ReportFile, AppError> {
        let settings = self.settings();
        let time_zone = settings.reports.time_zone;
        let label = request.scope(now_ms(), &time_zone)?.label;
        let content = fetch::agency_report_text(&settings.hub, &request, format.extension(), &time_zone)
            .await
            .map_err(|message| AppError::new(ErrorCode::Hub, message))?;
        let file_name = format!("laporan-agensi-{}.{}", report::file_safe(&label), format.extension());
        Ok(ReportFile { file_name, content })
    }

    /// Where this desktop stands with the hub.
    pub fn hub_status(&self) -> HubStatus {
        self.hub.status.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// (Re)starts the uploader on the hub the settings name, or stops it when none is.
    pub(super) fn start_uploader(self: &Arc<Self>) {
        let settings = self.settings().hub;
        let cancel = self.background.child_token();
        if let Some(previous) = self.hub.running.lock().unwrap_or_else(|p| p.into_inner()).replace(cancel.clone()) {
            previous.cancel();
        }
        if !settings.is_set() {
            self.report_hub(HubStatus::off());
            return;
        }
        let desk = Arc::new(AppDesk { app: Arc::downgrade(self), stopped: cancel.clone() });
        tokio::spawn(uploader::run(self.engine.archive_path().to_path_buf(), settings, desk, cancel));
    }

    /// Puts the agency's `lexicon` in force when it checks out here: its layer under the desk's
    /// own lexicon, and its rule packs switched on (a manager's push decides them; the desk may
    /// change them again after). One that does not check out changes nothing.
    fn take_agency_lexicon(self: &Arc<Self>, lexicon: AgencyLexicon) -> Result<(), String> {
        let in_force = self.lexicon.take_agency(&lexicon).map_err(|error| error.to_string())?;
        self.change_settings(|settings, path| {
            settings.moderation.packs = lexicon.packs.clone();
            Ok(settings.save(path)?)
        })
        .map_err(|error| error.message)?;
        self.engine.moderator().set_lexicon(&in_force);
        *self.lexicon_problem.write().unwrap_or_else(|p| p.into_inner()) = None;
        tracing::info!("the agency's lexicon v{} is in force", lexicon.version);
        // The teleprompter's forbidden words follow the lexicon.
        let app = Arc::clone(self);
        tokio::runtime::Handle::current().spawn(async move { app.recheck_host_script().await });
        Ok(())
    }

    fn report_hub(&self, status: HubStatus) {
        *self.hub.status.write().unwrap_or_else(|p| p.into_inner()) = status.clone();
        self.outbox.publish(Outbound::Hub { hub: status });
    }
}

/// The app as the uploader sees it. Weak, so a running uploader keeps no app alive; a replaced
/// uploader's last word is not the new one's (`stopped`).
struct AppDesk {
    app: Weak<App>,
    stopped: CancellationToken,
}

impl AppDesk {
    fn app(&self) -> Option<Arc<App>> {
        self.app.upgrade().filter(|_| !self.stopped.is_cancelled())
    }
}

impl Desk for AppDesk {
    fn report(&self, status: HubStatus) {
        if let Some(app) = self.app() {
            app.report_hub(status);
        }
    }

    fn lexicon_version(&self) -> i64 {
        self.app.upgrade().and_then(|app| app.lexicon.agency()).map_or(0, |agency| agency.version)
    }

    fn apply_lexicon(&self, lexicon: AgencyLexicon) -> Result<(), String> {
        match self.app() {
            Some(app) => app.take_agency_lexicon(lexicon),
            None => Err("the app has stopped".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::options;

    #[tokio::test]
    async fn the_host_picked_as_a_live_starts_is_recorded_and_remembered_and_a_long_name_starts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&options(dir.path())).unwrap();
        // A live that archived nothing is not kept: each one gets comments before the next.
        let live = |host: Option<&'static str>| {
            let app = Arc::clone(&app);
            async move {
                let session = app.start_source_spec("demo:2000", host).await.unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                session
            }
        };
        live(Some("  Sari ")).await;
        live(None).await;
        let last = live(Some("Budi")).await;
        let choices = app.host_choices().await.unwrap();
        assert_eq!(choices.current, "Budi");
        assert_eq!(choices.recent, ["Budi", "Sari"], "each host once, the latest first");
        assert_eq!(choices.max_chars, MAX_HOST_CHARS);

        let error = app.start_source_spec("none", Some(&"x".repeat(MAX_HOST_CHARS + 1))).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
        assert_eq!(app.state().session_id, Some(last), "the live goes on");
        app.shut_down().await;

        let reopened = App::open(&options(dir.path())).unwrap();
        assert_eq!(reopened.agency().host, "Budi", "remembered on this PC");
        assert_eq!(reopened.host_choices().await.unwrap().recent, ["Budi", "Sari"]);
    }
}
