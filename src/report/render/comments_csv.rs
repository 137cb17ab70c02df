//! The CSV export: one row per tagged comment, for Excel and Google Sheets.

use super::{LocalTime, kind_name};
use crate::feedback::FeedbackEntry;

/// Excel reads a CSV as the machine's ANSI code page unless it starts with a UTF-8 byte order
/// mark; with it, Indonesian text and emoji come through intact. Google Sheets ignores it.
pub(super) const BOM: &str = "\u{FEFF}";

const HEADER: [&str; 9] = ["waktu", "jenis", "produk", "nama", "akun", "komentar", "catatan", "dijawab", "live"];

/// One row per entry, in the order given, times in `time_zone` (an IANA name; an unknown one
/// falls back to Asia/Jakarta): UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and every
/// cell of typed text guarded against formula injection.
pub fn csv(entries: &[FeedbackEntry], time_zone: &str) -> String {
    let local = LocalTime::new(time_zone);
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a Vec fails only on a row of the wrong length, which `row` cannot make.
    writer.write_record(HEADER).expect("the header row");
    for entry in entries {
        writer.write_record(row(entry, &local)).expect("a row as long as the header");
    }
    let bytes = writer.into_inner().expect("a Vec accepts every write");
    // Every cell is a &str, so the bytes are UTF-8.
    format!("{BOM}{}", String::from_utf8(bytes).expect("UTF-8 cells"))
}

fn row(entry: &FeedbackEntry, local: &LocalTime) -> [String; 9] {
    [
        local.iso_seconds(entry.comment_ts),
        kind_name(entry.kind).to_owned(),
        guard(entry.product.as_deref().unwrap_or_default()),
        guard(&entry.nickname),
        guard(&format!("@{}", entry.unique_id)),
        guard(&entry.text),
        guard(&entry.note),
        entry.answered_at.map(|at| local.iso_seconds(at)).unwrap_or_default(),
        entry.session.map(|session| session.to_string()).unwrap_or_default(),
    ]
}

/// Neutralises CSV (formula) injection, as OWASP advises: a spreadsheet runs a cell starting
/// with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)` in a comment would become a link
/// in the manager's sheet), and a leading tab or line break hides such a start; a leading `'`
/// makes the cell text. The handle column starts with our own `@`, which Excel would also read
/// as a formula, so it is guarded too.
pub(super) fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}
