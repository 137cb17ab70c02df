//! The report's exports: [`csv`] (one row per tagged comment), [`markdown`] (the summary) and
//! [`html`] (the summary with charts, one self-contained file that prints to PDF).
//!
//! The Markdown and the HTML say the same thing: [`doc`] turns a [`Report`] into sections of
//! paragraphs, tables and charts once, and each renderer only lays them out. Headings and column
//! names are `&'static str` (Pandu's own words, written as they are); every `String` in the
//! document may hold untrusted text (nicknames, handles and comments typed by strangers;
//! products and notes typed in a hurry), so the renderers escape every one of them, our own
//! numbers and dates included: escaping is the default, not something to remember.
//!
//! Times are shown in the report's time zone, in Indonesian (`Sen, 30 Nov 2026 19.05`); the CSV
//! uses `2026-11-30 19:05:07`, which spreadsheets sort and read as a date.

mod agency;
mod charts;
mod comments_csv;
mod doc;
mod html;
mod markdown;
#[cfg(test)]
mod tests;

pub use agency::{AgencyFilters, agency_csv, agency_file, agency_html, agency_markdown, agency_page};
pub use comments_csv::csv;
pub use html::html;
pub use markdown::markdown;

use jiff::Zoned;
use jiff::tz::TimeZone;

use super::{DEFAULT_TIME_ZONE, GapTotal, MarkerKind};
use crate::answers::{Fact, QuestionKind};
use crate::event::Timestamp;
use crate::event::{Category, FeedbackKind};
use crate::store::FlashSaleEnd;

/// Formats instants in the report's time zone, in Indonesian.
struct LocalTime {
    zone: TimeZone,
}

/// Shown for an instant jiff cannot represent (a corrupt row): the export still completes.
const UNKNOWN_TIME: &str = "?";

const WEEKDAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

impl LocalTime {
    /// A report from `build` names a valid zone; a bad name (a hand-made report, a machine
    /// without that tzdb entry) falls back to WIB, then UTC, rather than failing the export.
    fn new(name: &str) -> LocalTime {
        let zone = TimeZone::get(name).or_else(|_| TimeZone::get(DEFAULT_TIME_ZONE)).unwrap_or(TimeZone::UTC);
        LocalTime { zone }
    }

    fn zoned(&self, ms: Timestamp) -> Option<Zoned> {
        jiff::Timestamp::from_millisecond(ms).ok().map(|instant| instant.to_zoned(self.zone.clone()))
    }

    /// `2026-11-30 19:05:07`: for the CSV, which spreadsheets read as a date and time.
    fn iso_seconds(&self, ms: Timestamp) -> String {
        self.zoned(ms).map_or_else(|| UNKNOWN_TIME.to_owned(), |at| at.strftime("%Y-%m-%d %H:%M:%S").to_string())
    }

    /// `Sen, 30 Nov 2026 19.05`: Indonesian writes hours with a dot.
    fn long(&self, ms: Timestamp) -> String {
        self.zoned(ms).map_or_else(
            || UNKNOWN_TIME.to_owned(),
            |at| {
                let name = weekday_name(at.weekday().to_monday_one_offset());
                let weekday = name.get(..3).unwrap_or(name);
                let month = MONTHS[usize::from(at.month().unsigned_abs()) - 1];
                format!("{weekday}, {} {month} {} {:02}.{:02}", at.day(), at.year(), at.hour(), at.minute())
            },
        )
    }

    /// `19.05`, for the timeline's axis and marker times.
    fn time(&self, ms: Timestamp) -> String {
        self.zoned(ms).map_or_else(|| UNKNOWN_TIME.to_owned(), |at| format!("{:02}.{:02}", at.hour(), at.minute()))
    }
}

/// `Senin` .. `Minggu` for an ISO weekday (1 is Monday).
fn weekday_name(iso: i8) -> &'static str {
    usize::try_from(iso - 1).ok().and_then(|index| WEEKDAYS.get(index)).copied().unwrap_or(UNKNOWN_TIME)
}

/// `19.00–20.00`: the hour a time slot covers.
fn hour_range(hour: u8) -> String {
    format!("{:02}.00–{:02}.00", hour, (hour + 1) % 24)
}

/// The kind as the CSV's `jenis` column and the tables name it.
fn kind_name(kind: FeedbackKind) -> &'static str {
    match kind {
        FeedbackKind::Complaint => "keluhan",
        FeedbackKind::Question => "pertanyaan",
        FeedbackKind::Request => "permintaan",
        FeedbackKind::Praise => "pujian",
    }
}

/// A flag's category as the console names it (`category…` in ui/src/lib/i18n.svelte.ts, held
/// to it by a test); a shop's own category keeps the name the lexicon gives it.
fn category_name(category: &Category) -> &str {
    match category {
        Category::Impersonation => "Akun palsu",
        Category::Profanity => "Kata kasar",
        Category::Offplatform => "Di luar platform",
        Category::Competitor => "Pesaing",
        Category::Gambling => "Judi online",
        Category::Claim => "Klaim terlarang",
        Category::Provocation => "Provokasi",
        Category::Spam => "Spam",
        Category::Muted => "Dibisukan",
        Category::Custom(label) => label,
    }
}

/// What a question asks about, as the report names it.
fn question_kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Material => "bahan",
        QuestionKind::Size => "ukuran",
        QuestionKind::Colour => "warna",
        QuestionKind::Stock => "stok",
        QuestionKind::Ready => "ready atau PO",
        QuestionKind::Price => "harga",
        QuestionKind::Shipping => "pengiriman",
        QuestionKind::Cod => "COD",
        QuestionKind::Warranty => "garansi dan retur",
    }
}

/// A product fact, as the report names it (the console's words).
fn fact_name(fact: Fact) -> &'static str {
    match fact {
        Fact::Material => "bahan",
        Fact::Sizes => "ukuran",
        Fact::Colours => "warna",
        Fact::Stock => "stok",
        Fact::Price => "harga",
        Fact::PromoPrice => "harga promo",
        Fact::Shipping => "pengiriman",
        Fact::Cod => "COD",
        Fact::Warranty => "garansi",
        Fact::Returns => "retur",
    }
}

/// A timeline marker's kind, as the table and the chart's labels name it.
fn marker_name(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::FlashSale => "Flash sale",
        MarkerKind::Slot => "Slot",
    }
}

/// How a flash sale ended, from `FlashSaleOutcome::end_reason`.
fn end_name(reason: Option<FlashSaleEnd>) -> &'static str {
    match reason {
        None => "masih berjalan",
        Some(FlashSaleEnd::Expired) => "habis waktu",
        Some(FlashSaleEnd::Closed) => "ditutup",
    }
}

/// `0:42`, `1:12`, `1:02:05`: a gap's length, as a clock reads it.
fn clock_duration(ms: i64) -> String {
    let seconds = (ms.max(0) + 500) / 1000;
    match (seconds / 3600, seconds % 3600 / 60, seconds % 60) {
        (0, minutes, secs) => format!("{minutes}:{secs:02}"),
        (hours, minutes, secs) => format!("{hours}:{minutes:02}:{secs:02}"),
    }
}

/// `2%`, `0,4%`: a share (0 to 1) of the live, whole percents from 1% up.
fn percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent >= 1.0 || percent == 0.0 {
        format!("{}%", percent.round() as u64)
    } else {
        format!("{}%", decimal(percent))
    }
}

/// `2 kali terputus, total 1:12 (2% dari waktu live)`, or that it never was.
fn gap_line(total: &GapTotal) -> String {
    if total.count == 0 {
        return "Tidak pernah terputus".to_owned();
    }
    format!(
        "{} kali terputus, total {} ({} dari waktu live)",
        number(total.count.into()),
        clock_duration(total.total_ms),
        percent(total.share)
    )
}

/// Why a gap began, in a few Indonesian words (the status bar says it in full).
fn gap_reason(reason: &crate::ingest::SourceReason) -> &'static str {
    use crate::ingest::SourceReason as R;
    match reason {
        R::ToolClosed { .. } | R::ToolFailed { .. } | R::TiktokDropped => "koneksi terputus",
        R::ToolUnreachable { .. } | R::ToolTimedOut { .. } | R::TiktokUnreachable { .. } => "tidak dapat tersambung",
        R::TiktokBlocked { .. } | R::TiktokRateLimited => "diblokir atau dibatasi TikTok",
        R::TiktokNotFound { .. } | R::TiktokNotLive { .. } | R::TiktokEnded { .. } => "live tidak ditemukan",
        R::TiktokAgeRestricted { .. } => "live 18+",
        R::TiktokForeignRoom { .. } => "room milik host lain",
        R::TiktokUnexpected { .. } => "jawaban TikTok tidak dikenali",
        R::ToolConnecting { .. }
        | R::ToolConnected { .. }
        | R::TiktokLookingUp { .. }
        | R::TiktokJoining { .. }
        | R::TiktokConnected { .. } => "menyambung ulang",
    }
}

/// `1.234.567`: Indonesian groups thousands with dots.
fn number(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// `12,5`: one decimal, with the Indonesian decimal comma.
fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let rounded = (value * 10.0).round() / 10.0;
    let whole = number(rounded.trunc().abs() as u64);
    let tenth = ((rounded.abs() * 10.0).round() as u64) % 10;
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!("{sign}{whole},{tenth}")
}

/// `15 menit`, `1 menit 30 detik`, `45 detik`: a flash sale's window.
fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, secs) => format!("{secs} detik"),
        (mins, 0) => format!("{mins} menit"),
        (mins, secs) => format!("{mins} menit {secs} detik"),
    }
}
