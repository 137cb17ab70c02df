//! The agency report ([`AgencyReport`], from the hub's summaries) as Markdown, HTML and CSV, in
//! the same words and layout as a desktop's own report.

use super::charts;
use super::comments_csv::{BOM, guard};
use super::doc::{Block, Doc, Section, Table, num, table_or_empty, text};
use super::{LocalTime, category_name, decimal, hour_range, number};
use crate::event::Category;
use crate::hub::report::{AgencyReport, AgencyTotals};
use crate::report::ReportFormat;

/// Bars a chart shows at most: fifty shops would make a chart taller than a page.
const CHART_ROWS: usize = 15;

/// The agency report as Markdown.
pub fn agency_markdown(report: &AgencyReport) -> String {
    super::markdown::write(&build(report, false))
}

/// The agency report as one self-contained HTML file.
pub fn agency_html(report: &AgencyReport) -> String {
    super::html::write(&build(report, true))
}

/// The agency report in `format`, as `pandu hub report` writes it and the hub serves it.
pub fn agency_file(report: &AgencyReport, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => agency_markdown(report),
        ReportFormat::Html => agency_html(report),
        ReportFormat::Csv => agency_csv(report),
        ReportFormat::Json => serde_json::to_string_pretty(report).expect("reports always serialise") + "\n",
    }
}

/// The filters of the hub's report page, as the manager last set them.
#[derive(Debug, Clone, Default)]
pub struct AgencyFilters {
    /// The hub's token, sent again with each change of filter (the page has no login).
    pub token: String,
    pub from: String,
    pub to: String,
    pub shop: String,
    pub host: String,
    pub product: String,
}

/// The hub's report page: the agency report as HTML with a form to change its period and
/// filters, and links to the same report as CSV, Markdown and JSON. No script runs: the form
/// is a plain GET back to the page.
pub fn agency_page(report: &AgencyReport, filters: &AgencyFilters) -> String {
    use std::fmt::Write as _;
    let escape = super::html::escape;
    let mut form = String::from("<form method=\"get\" action=\"/hub/\" class=\"meta\">\n");
    let _ = writeln!(form, "<input type=\"hidden\" name=\"token\" value=\"{}\">", escape(&filters.token));
    for (name, label, kind, value) in [
        ("from", "Dari", "date", &filters.from),
        ("to", "Sampai", "date", &filters.to),
        ("shop", "Toko", "text", &filters.shop),
        ("host", "Host", "text", &filters.host),
        ("product", "Produk", "text", &filters.product),
    ] {
        let _ = writeln!(
            form,
            "<label>{label} <input type=\"{kind}\" name=\"{name}\" value=\"{}\"></label>",
            escape(value)
        );
    }
    form.push_str("<button type=\"submit\">Tampilkan</button>\n</form>\n<p class=\"meta\">Unduh:");
    for (format, label) in [("csv", "CSV"), ("html", "HTML"), ("md", "Markdown"), ("json", "JSON")] {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("format", format);
        for (name, value) in [
            ("token", &filters.token),
            ("from", &filters.from),
            ("to", &filters.to),
            ("shop", &filters.shop),
            ("host", &filters.host),
            ("product", &filters.product),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        let _ = write!(form, " <a href=\"/hub/v1/report?{}\">{label}</a>", escape(&query.finish()));
    }
    form.push_str("</p>\n");
    super::html::write_page(&build(report, true), &form)
}

/// The figures for a spreadsheet, in the desktop CSV's form (UTF-8 with a BOM, CRLF, RFC 4180,
/// typed text guarded against formulas): the total, then one row per shop, per host and per
/// product, `jenis` saying which.
pub fn agency_csv(report: &AgencyReport) -> String {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let header = [
        "jenis",
        "nama",
        "live",
        "menit",
        "komentar",
        "ditandai",
        "hadiah",
        "pertanyaan",
        "keluhan",
        "permintaan",
        "pujian",
        "flash_sale",
        "habis_waktu",
    ];
    // Writing to a Vec fails only on a row of the wrong length, which these cannot be.
    writer.write_record(header).expect("the header row");
    let mut line = |kind: &str, name: &str, totals: &AgencyTotals| {
        let figures = [
            totals.lives,
            totals.minutes,
            totals.comments,
            totals.flagged,
            totals.gifts,
            totals.questions,
            totals.complaints,
            totals.requests,
            totals.praise,
            totals.flash_sales,
            totals.lapsed,
        ];
        let row = [kind.to_owned(), guard(name)].into_iter().chain(figures.map(|figure| figure.to_string()));
        writer.write_record(row).expect("a row as long as the header");
    };
    line("total", "", &report.totals);
    for shop in &report.shops {
        line("toko", &shop.shop, &shop.totals);
    }
    for host in &report.hosts {
        line("host", &host.name, &host.totals);
    }
    for product in &report.products {
        line("produk", &product.name, &product.totals);
    }
    let bytes = writer.into_inner().expect("a Vec accepts every write");
    format!("{BOM}{}", String::from_utf8(bytes).expect("UTF-8 cells"))
}

/// Lays the report out; `charts` draws the HTML's charts (the Markdown has none).
fn build(report: &AgencyReport, charts: bool) -> Doc {
    let local = LocalTime::new(&report.scope.time_zone);
    let mut meta = vec![
        format!("Periode: {} – {}", local.long(report.scope.from), local.long(report.scope.to.saturating_sub(1))),
        format!("Zona waktu: {}", report.scope.time_zone),
    ];
    for (name, value) in [("Toko", &report.scope.shop), ("Host", &report.scope.host), ("Produk", &report.scope.product)]
    {
        if let Some(value) = value {
            meta.push(format!("{name}: {value}"));
        }
    }
    meta.push(format!("Dibuat: {}", local.long(report.generated_at)));
    let mut summary = vec![];
    if report.shops.is_empty() {
        summary.push(Block::Paragraph("Belum ada data untuk periode ini.".to_owned()));
    }
    summary.push(Block::Table(totals(&report.totals)));
    let shops: Vec<_> = report.shops.iter().map(|shop| (named(&shop.shop), &shop.totals)).collect();
    let hosts: Vec<_> = report.hosts.iter().map(|host| (named(&host.name), &host.totals)).collect();
    let products: Vec<_> = report.products.iter().map(|product| (product.name.clone(), &product.totals)).collect();
    let flagged = flagged_counts(report);
    let best_hours: Vec<_> = report
        .best_hours
        .iter()
        .map(|hour| (format!("{} · {}", hour.shop, hour_range(hour.hour)), hour.comments_per_hour))
        .collect();
    let chart = |caption: &str, rows: Vec<(String, f64)>, show: fn(f64) -> String| {
        charts.then(|| top_chart(caption, rows, show)).flatten()
    };
    let count = |value: f64| number(value as u64);
    let comments = |rows: &[(String, &AgencyTotals)]| {
        rows.iter().map(|(name, totals)| (name.clone(), totals.comments as f64)).collect::<Vec<_>>()
    };
    Doc {
        title: format!("Laporan Agensi — {}", report.scope.label),
        meta,
        sections: vec![
            Section { heading: "Ringkasan", blocks: summary },
            Section {
                heading: "Per toko",
                blocks: chart("Komentar per toko", comments(&shops), count)
                    .into_iter()
                    .chain([figures(&shops, "Toko", PER_PERSON)])
                    .collect(),
            },
            Section {
                heading: "Per host",
                blocks: chart("Komentar per host", comments(&hosts), count)
                    .into_iter()
                    .chain([figures(&hosts, "Host", PER_PERSON)])
                    .collect(),
            },
            Section { heading: "Per produk", blocks: vec![figures(&products, "Produk", PER_PRODUCT)] },
            Section {
                heading: "Komentar yang ditandai moderasi",
                blocks: chart(
                    "Komentar ditandai per kategori",
                    flagged.iter().map(|(label, comments)| (label.clone(), *comments as f64)).collect(),
                    count,
                )
                .into_iter()
                .chain([table_or_empty(
                    vec![text("Kategori"), num("Komentar")],
                    flagged.iter().map(|(label, comments)| vec![label.clone(), number(*comments)]).collect(),
                )])
                .collect(),
            },
            Section {
                heading: "Kapan sebaiknya live",
                blocks: chart("Komentar per jam menurut toko dan jam live", best_hours, decimal)
                    .into_iter()
                    .chain([best_hours_table(report)])
                    .collect(),
            },
        ],
    }
}

/// Bars for the first [`CHART_ROWS`] rows (they come most first); the caption says when the
/// table under the chart has more.
fn top_chart(caption: &str, mut rows: Vec<(String, f64)>, show: fn(f64) -> String) -> Option<Block> {
    let caption = if rows.len() > CHART_ROWS {
        rows.truncate(CHART_ROWS);
        format!("{caption} ({CHART_ROWS} teratas)")
    } else {
        caption.to_owned()
    };
    charts::bars(&rows, show).map(|svg| Block::Chart { caption, svg })
}

/// A shop or a host with no name set (a desktop that never said) reads as such.
fn named(name: &str) -> String {
    if name.is_empty() { "(belum diisi)".to_owned() } else { name.to_owned() }
}

fn totals(totals: &AgencyTotals) -> Table {
    let row = |name: &str, value: u64| vec![name.to_owned(), number(value)];
    Table {
        columns: vec![text("Ukuran"), num("Nilai")],
        rows: vec![
            row("Jumlah live", totals.lives),
            row("Menit live", totals.minutes),
            row("Komentar", totals.comments),
            row("Komentar ditandai moderasi", totals.flagged),
            row("Hadiah", totals.gifts),
            row("Pertanyaan", totals.questions),
            row("Keluhan", totals.complaints),
            row("Permintaan", totals.requests),
            row("Pujian", totals.praise),
            row("Flash sale", totals.flash_sales),
            row("Flash sale habis waktu", totals.lapsed),
        ],
    }
}

/// A figure column of the per-shop, per-host and per-product tables.
type Figure = (&'static str, fn(&AgencyTotals) -> u64);

/// What a shop's or a host's row shows: its lives and what they drew.
const PER_PERSON: &[Figure] = &[
    ("Live", |t| t.lives),
    ("Menit", |t| t.minutes),
    ("Komentar", |t| t.comments),
    ("Ditandai", |t| t.flagged),
    ("Pertanyaan", |t| t.questions),
    ("Keluhan", |t| t.complaints),
    ("Flash sale", |t| t.flash_sales),
    ("Habis waktu", |t| t.lapsed),
];

/// What a product's row shows: the feedback tagged to it and its flash sales.
const PER_PRODUCT: &[Figure] = &[
    ("Pertanyaan", |t| t.questions),
    ("Keluhan", |t| t.complaints),
    ("Permintaan", |t| t.requests),
    ("Pujian", |t| t.praise),
    ("Flash sale", |t| t.flash_sales),
    ("Habis waktu", |t| t.lapsed),
];

fn figures(rows: &[(String, &AgencyTotals)], name: &'static str, figures: &[Figure]) -> Block {
    let columns = std::iter::once(text(name)).chain(figures.iter().map(|(column, _)| num(column))).collect();
    let rows = rows
        .iter()
        .map(|(who, totals)| {
            std::iter::once(who.clone()).chain(figures.iter().map(|(_, figure)| number(figure(totals)))).collect()
        })
        .collect();
    table_or_empty(columns, rows)
}

/// Flagged comments per category.
fn flagged_counts(report: &AgencyReport) -> Vec<(String, u64)> {
    report
        .flagged
        .iter()
        // The hub keeps the category as the desktop named it; one this Pandu does not know (a
        // shop's own, or a newer desktop's) shows as it came.
        .map(|count| (category_name(&Category::from_label(&count.category)).to_owned(), count.comments))
        .collect()
}

fn best_hours_table(report: &AgencyReport) -> Block {
    let rows = report
        .best_hours
        .iter()
        .map(|hour| vec![hour.shop.clone(), hour_range(hour.hour), decimal(hour.comments_per_hour), number(hour.hours)])
        .collect();
    table_or_empty(vec![text("Toko"), text("Jam"), num("Komentar per jam"), num("Jam live")], rows)
}
