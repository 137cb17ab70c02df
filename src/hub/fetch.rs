//! The desktop asking its hub for the agency's report (the Laporan tab's "Agensi" scope): the
//! same report the manager's page shows, over the hub's API with the desktop's hub token.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::report::AgencyReport;
use super::uploader::HubSettings;

/// What the Laporan tab asks of the agency's report: a week, or from and to (this week when
/// none), and the filters (empty: all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct AgencyRequest {
    pub week: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub shop: Option<String>,
    pub host: Option<String>,
    pub product: Option<String>,
}

/// The report as the hub writes it in `format` (`json`, `md`, `csv`, `html`), or why not, in
/// words for the status line: no hub set, the hub out of reach, or what the hub answered.
pub async fn agency_report_text(
    settings: &HubSettings,
    request: &AgencyRequest,
    format: &str,
    time_zone: &str,
) -> Result<String, String> {
    if !settings.is_set() {
        return Err("no hub is set: Pengaturan → Agensi".into());
    }
    let base = settings.url.trim().trim_end_matches('/');
    let mut query: Vec<(&str, &str)> = vec![("format", format), ("time_zone", time_zone)];
    for (name, value) in [
        ("week", &request.week),
        ("from", &request.from),
        ("to", &request.to),
        ("shop", &request.shop),
        ("host", &request.host),
        ("product", &request.product),
    ] {
        if let Some(value) = value.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
            query.push((name, value));
        }
    }
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().map_err(|e| e.to_string())?;
    let answer = client
        .get(format!("{base}/hub/v1/report"))
        .query(&query)
        .bearer_auth(settings.token.trim())
        .send()
        .await
        .map_err(|error| format!("{base}: {}", super::uploader::causes(&error)))?;
    if !answer.status().is_success() {
        return Err(format!("{base}: {}", super::uploader::answer_error(answer).await));
    }
    answer.text().await.map_err(|error| format!("{base}: {error}"))
}

/// The report itself, for the Laporan tab to show.
pub async fn agency_report(
    settings: &HubSettings,
    request: &AgencyRequest,
    time_zone: &str,
) -> Result<AgencyReport, String> {
    let text = agency_report_text(settings, request, "json", time_zone).await?;
    serde_json::from_str(&text).map_err(|error| format!("the hub's report could not be read: {error}"))
}
