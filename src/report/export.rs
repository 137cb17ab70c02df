//! A report as a file to save or send: Markdown, CSV, HTML or JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Report, ReportError, render, tagged_in};
use crate::store::Archive;

/// A report's export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFormat {
    Md,
    Csv,
    Html,
    /// The report itself, as the API and `pandu report` give it to scripts.
    Json,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "md" | "markdown" => Ok(ReportFormat::Md),
            "csv" => Ok(ReportFormat::Csv),
            "html" => Ok(ReportFormat::Html),
            "json" => Ok(ReportFormat::Json),
            other => Err(format!("format: '{other}' is not md, csv, html or json")),
        }
    }
}

impl ReportFormat {
    /// The file name's extension, which is also the format's name in the API and the CLI.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Html => "html",
            ReportFormat::Json => "json",
        }
    }
}

/// A report exported: the file's suggested name and its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportFile {
    pub file_name: String,
    pub content: String,
}

/// `report` as a file: CSV rows are every tag in its scope (so the archive is read again).
pub fn export(archive: &Archive, report: &Report, format: ReportFormat) -> Result<ReportFile, ReportError> {
    let file_name = format!("laporan-pandu-{}.{}", file_safe(&report.scope.label), format.extension());
    let content = match format {
        ReportFormat::Md => render::markdown(report),
        ReportFormat::Html => render::html(report),
        ReportFormat::Json => serde_json::to_string_pretty(report).expect("reports always serialise"),
        ReportFormat::Csv => render::csv(&tagged_in(archive, &report.scope)?, &report.scope.time_zone),
    };
    Ok(ReportFile { file_name, content })
}

/// `label` as part of a file name: letters, digits and dashes.
pub fn file_safe(label: &str) -> String {
    let name: String =
        label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    name.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_safe("Live #12"), "live-12");
        assert_eq!(file_safe("2026-11-01 – 2026-11-30"), "2026-11-01-2026-11-30");
    }
}
