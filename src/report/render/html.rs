//! The HTML report: one self-contained file that opens anywhere and prints cleanly to PDF.

use std::fmt::Write as _;

use super::doc::{self, Block, Doc, Section, Table};
use crate::report::Report;

/// Nothing may run or be fetched, even when the file is opened from a chat app's download
/// folder: no scripts, no connections, images only as `data:`, styles only inline.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Dark text on white, A4 pages, rows and charts kept whole, headings kept with what follows.
const STYLE: &str = "
@page { size: A4; margin: 14mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #111; background: #fff;
  font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; padding-bottom: .15rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.meta { margin: 0; color: #444; }
p { orphans: 3; widows: 3; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 .9rem; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eee; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .4rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { margin-bottom: .25rem; color: #333; font-size: .92em; }
svg { display: block; max-width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { margin-top: 1.1rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// The summary as [`markdown`](super::markdown) has it, plus charts: each live's comments per
/// minute with its flash sales and slots, feedback by kind, and the best time slots. One file,
/// no JavaScript, nothing fetched; every piece of untrusted text is escaped.
pub fn html(report: &Report) -> String {
    write(&doc::build(report, true))
}

pub(super) fn write(doc: &Doc) -> String {
    write_page(doc, "")
}

/// [`write`], with `controls` (markup the caller built, every value in it escaped) at the end of
/// the header: the hub's page puts its filters there.
pub(super) fn write_page(doc: &Doc, controls: &str) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
        title = escape(&doc.title),
    );
    for line in &doc.meta {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(line));
    }
    out.push_str(controls);
    out.push_str("</header>\n");
    for section in &doc.sections {
        write_section(&mut out, section);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write_section(out: &mut String, section: &Section) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", section.heading);
    for block in &section.blocks {
        match block {
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Subheading(text) => {
                let _ = writeln!(out, "<h3>{}</h3>", escape(text));
            }
            Block::Table(table) => write_table(out, table),
            // The SVG comes from plotters, which escapes the text it draws (see `charts`).
            Block::Chart { caption, svg } => {
                let _ = writeln!(out, "<figure>\n<figcaption>{}</figcaption>\n{svg}</figure>", escape(caption));
            }
        }
    }
    out.push_str("</section>\n");
}

fn write_table(out: &mut String, table: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for column in &table.columns {
        let _ = write!(out, "<th{}>{}</th>", class(column.numeric), column.name);
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (cell, column) in row.iter().zip(&table.columns) {
            let _ = write!(out, "<td{}>{}</td>", class(column.numeric), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn class(numeric: bool) -> &'static str {
    if numeric { " class=\"num\"" } else { "" }
}

/// Escapes text for HTML element content and quoted attribute values: the five characters
/// that can end text or start markup. Five `match` arms need no crate, and are the same set
/// plotters' SVG backend escapes, so text reads the same in the tables and on the charts.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
