//! The agency report ([`AgencyReport`], from the hub's summaries) as Markdown, HTML and CSV, in
//! the same words and layout as a desktop's own report.

use super::comments_csv::{BOM, guard};
use super::doc::{Block, Doc, Section, Table, num, table_or_empty, text};
use super::{LocalTime, decimal, hour_range, number};
use crate::event::Category;
use crate::hub::report::{AgencyReport, AgencyTotals};

/// The agency report as Markdown.
pub fn agency_markdown(report: &AgencyReport) -> String {
    super::markdown::write(&build(report))
}

/// The agency report as one self-contained HTML file.
pub fn agency_html(report: &AgencyReport) -> String {
    super::html::write(&build(report))
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
    super::html::write_page(&build(report), &form)
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

fn build(report: &AgencyReport) -> Doc {
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
    Doc {
        title: format!("Laporan Agensi — {}", report.scope.label),
        meta,
        sections: vec![
            Section { heading: "Ringkasan", blocks: summary },
            Section {
                heading: "Per toko",
                blocks: vec![rows(report.shops.iter().map(|shop| (&shop.shop, &shop.totals)), "Toko")],
            },
            Section {
                heading: "Per host",
                blocks: vec![rows(report.hosts.iter().map(|host| (&host.name, &host.totals)), "Host")],
            },
            Section { heading: "Per produk", blocks: vec![products(report)] },
            Section { heading: "Komentar yang ditandai moderasi", blocks: vec![flagged(report)] },
            Section { heading: "Kapan sebaiknya live", blocks: vec![best_hours(report)] },
        ],
    }
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

fn rows<'a>(rows: impl Iterator<Item = (&'a String, &'a AgencyTotals)>, name: &'static str) -> Block {
    let rows = rows
        .map(|(who, totals)| {
            vec![
                if who.is_empty() { "(belum diisi)".to_owned() } else { who.clone() },
                number(totals.lives),
                number(totals.minutes),
                number(totals.comments),
                number(totals.flagged),
                number(totals.questions),
                number(totals.complaints),
                number(totals.flash_sales),
                number(totals.lapsed),
            ]
        })
        .collect();
    let columns = vec![
        text(name),
        num("Live"),
        num("Menit"),
        num("Komentar"),
        num("Ditandai"),
        num("Pertanyaan"),
        num("Keluhan"),
        num("Flash sale"),
        num("Habis waktu"),
    ];
    table_or_empty(columns, rows)
}

fn products(report: &AgencyReport) -> Block {
    let rows = report
        .products
        .iter()
        .map(|product| {
            let totals = &product.totals;
            vec![
                product.name.clone(),
                number(totals.questions),
                number(totals.complaints),
                number(totals.requests),
                number(totals.praise),
                number(totals.flash_sales),
                number(totals.lapsed),
            ]
        })
        .collect();
    let columns = vec![
        text("Produk"),
        num("Pertanyaan"),
        num("Keluhan"),
        num("Permintaan"),
        num("Pujian"),
        num("Flash sale"),
        num("Habis waktu"),
    ];
    table_or_empty(columns, rows)
}

fn flagged(report: &AgencyReport) -> Block {
    let rows = report
        .flagged
        .iter()
        .map(|count| {
            // The hub keeps the category as the desktop named it; one this Pandu does not know
            // (a newer desktop's) shows as it came.
            let label = serde_json::from_value::<Category>(serde_json::Value::String(count.category.clone()))
                .map_or_else(|_| count.category.clone(), |category| category.label().to_owned());
            vec![label, number(count.comments)]
        })
        .collect();
    table_or_empty(vec![text("Kategori"), num("Komentar")], rows)
}

fn best_hours(report: &AgencyReport) -> Block {
    let rows = report
        .best_hours
        .iter()
        .map(|hour| vec![hour.shop.clone(), hour_range(hour.hour), decimal(hour.comments_per_hour), number(hour.hours)])
        .collect();
    table_or_empty(vec![text("Toko"), text("Jam"), num("Komentar per jam"), num("Jam live")], rows)
}
