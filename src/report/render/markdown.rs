//! The Markdown summary: what goes to the marketing manager as text.

use std::fmt::Write as _;

use super::doc::{self, Block, Doc, Table};
use crate::report::Report;

/// The summary in Bahasa Indonesia, as (GitHub-flavoured) Markdown: totals, each live, flagged
/// comments, flash sales, feedback, complaints, open questions, muted users and the best times
/// to go live. Charts are in the HTML only.
pub fn markdown(report: &Report) -> String {
    write(&doc::build(report, false))
}

pub(super) fn write(doc: &Doc) -> String {
    let mut out = format!("# {}\n\n", escape(&doc.title));
    if !doc.meta.is_empty() {
        // A backslash before the line end is CommonMark's hard line break: one paragraph, one
        // line each.
        let meta: Vec<String> = doc.meta.iter().map(|line| escape(line)).collect();
        let _ = write!(out, "{}\n\n", meta.join("\\\n"));
    }
    for section in &doc.sections {
        let _ = write!(out, "## {}\n\n", section.heading);
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    let _ = write!(out, "{}\n\n", escape(text));
                }
                Block::Subheading(text) => {
                    let _ = write!(out, "### {}\n\n", escape(text));
                }
                Block::Table(table) => write_table(&mut out, table),
                Block::Chart { .. } => {}
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn write_table(out: &mut String, table: &Table) {
    let names: Vec<&str> = table.columns.iter().map(|column| column.name).collect();
    let rules: Vec<&str> = table.columns.iter().map(|column| if column.numeric { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "| {} |", names.join(" | "));
    let _ = writeln!(out, "| {} |", rules.join(" | "));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| escape(cell)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// Escapes text for Markdown so that it reads as written: no links, images, emphasis, code,
/// headings, list items or raw HTML, and no `|` or line break to end a table cell or a line.
/// CommonMark lets a backslash escape any ASCII punctuation, so escaping one that needed no
/// escape is harmless. `&` is escaped so entities (`&lt;`) stay literal, `~` so GFM shows no
/// strikethrough. Control characters (newlines, tabs) become spaces.
///
/// A bare `http://...` may still be shown as a link by GFM's autolinking: it shows its true
/// address, so it cannot disguise one the way `[text](url)` could.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!' | '|' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
