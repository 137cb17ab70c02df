//! Reports after the live: per live, per week (Monday to Sunday in the report's time zone,
//! Asia/Jakarta by default) or over any dates, from the archive alone.
//!
//! [`build`] turns a [`ReportScope`] into a [`Report`]: the numbers and lists the marketing
//! manager's weekly report needs, computed by SQL over the archive's indexes (so a week of a
//! million comments reports in well under a second). What the report *says* is decided here;
//! the app's Laporan tab and the exports in [`render`] only lay it out:
//! - CSV: one row per tagged comment, UTF-8 with a BOM so Excel reads Indonesian text and emoji;
//! - Markdown: the summary;
//! - HTML: one self-contained file, charts included, that prints cleanly to PDF.

mod build;
mod export;
pub mod render;

use serde::Serialize;
use ts_rs::TS;

pub use build::{ReportError, build, date_in, resolve_period, resolve_scope, tagged_in, week_of};
pub use export::{ReportFile, ReportFormat, export, file_safe};

use crate::event::FeedbackKind;
use crate::event::Timestamp;
use crate::feedback::FeedbackEntry;
use crate::store::{FlashSaleEnd, Gap, MutedUser};

/// The report's default time zone: Indonesian lives are planned in WIB.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Jakarta";

/// What a report covers, as asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeRequest {
    /// One live session.
    Session(i64),
    /// An ISO week, `YYYY-Www` (Monday to Sunday).
    Week(String),
    /// From one date to another, both included, `YYYY-MM-DD`.
    Dates { from: String, to: String },
}

/// What a report covers, resolved to instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportScope {
    pub kind: ScopeKind,
    /// The live, for a report on one.
    #[ts(type = "number | null")]
    pub session: Option<i64>,
    /// How the report names it: `Live #12`, `2026-W49`, `2026-11-01 – 2026-11-30`.
    pub label: String,
    /// From (included) and to (excluded), Unix ms.
    #[ts(type = "number")]
    pub from: Timestamp,
    #[ts(type = "number")]
    pub to: Timestamp,
    /// The IANA time zone days, weeks and hours are counted in.
    pub time_zone: String,
}

/// What kind of scope a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ScopeKind {
    Session,
    Week,
    Dates,
}

/// A report over a scope.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub scope: ReportScope,
    /// When it was made, Unix ms.
    #[ts(type = "number")]
    pub generated_at: Timestamp,
    pub totals: Totals,
    /// Each live in the scope, oldest first.
    pub lives: Vec<LiveReport>,
    /// Flagged comments by moderation category, most first.
    pub flagged: Vec<CategoryCount>,
    /// Users put on the mute list during the scope.
    pub muted: Vec<MutedUser>,
    pub flash_sales: Vec<FlashSaleOutcome>,
    pub feedback_by_kind: Vec<KindCount>,
    /// Tagged comments per product (no product: `null`), most first.
    pub feedback_by_product: Vec<ProductCounts>,
    /// Every complaint, oldest first.
    pub complaints: Vec<FeedbackEntry>,
    /// Every question not marked answered, oldest first.
    pub open_questions: Vec<FeedbackEntry>,
    /// What viewers asked most about each product: the tagged questions by the kind of fact
    /// they ask for (the answer cards' rules), most asked first within each product.
    pub asked: Vec<AskedCount>,
    /// The facts answer cards lacked when questions were answered, per product, most asked
    /// first: what to add before the next live.
    pub missing_facts: Vec<MissingFact>,
    /// "Kapan sebaiknya live": every live in the archive up to the scope's end, by weekday and
    /// start hour, best comment rate first.
    pub best_times: Vec<TimeSlot>,
}

/// The scope's totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Totals {
    pub lives: u32,
    /// Minutes live (each live from its start to its end or its last event).
    pub minutes: u32,
    #[ts(type = "number")]
    pub comments: u64,
    /// Different accounts that commented.
    #[ts(type = "number")]
    pub commenters: u64,
    /// The busiest minute of the scope.
    pub peak_per_minute: Option<MinuteCount>,
    /// The highest viewer count a source reported.
    pub viewers_peak: Option<u32>,
    /// The mean of the viewer counts the sources reported.
    pub viewers_average: Option<f64>,
    /// Comments with at least one moderation flag.
    #[ts(type = "number")]
    pub flagged: u64,
    pub muted: u32,
    pub flash_sales: u32,
    pub feedback: u32,
    /// The gaps of every live in scope, against their total time live.
    pub gaps: GapTotal,
}

/// How much of a live (or of every live in a scope) had no source delivering: the comments of
/// that time may be missing from every count in the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GapTotal {
    pub count: u32,
    /// Their total length, ms (a gap still open counts up to the report's making).
    #[ts(type = "number")]
    pub total_ms: i64,
    /// That length over the time live, 0 to 1.
    pub share: f64,
}

impl GapTotal {
    /// `gaps` over `live_ms` of live; an open gap counts up to `now`.
    pub fn of(gaps: &[Gap], live_ms: i64, now: Timestamp) -> GapTotal {
        let total_ms: i64 = gaps.iter().map(|gap| (gap.end.unwrap_or(now) - gap.start).max(0)).sum();
        let share = if live_ms > 0 { (total_ms as f64 / live_ms as f64).min(1.0) } else { 0.0 };
        GapTotal { count: gaps.len() as u32, total_ms, share }
    }
}

/// One live in a report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LiveReport {
    #[ts(type = "number")]
    pub session: i64,
    pub source: String,
    #[ts(type = "number")]
    pub started_at: Timestamp,
    #[ts(type = "number | null")]
    pub ended_at: Option<Timestamp>,
    pub minutes: u32,
    #[ts(type = "number")]
    pub comments: u64,
    #[ts(type = "number")]
    pub commenters: u64,
    pub peak_per_minute: Option<MinuteCount>,
    pub viewers_peak: Option<u32>,
    pub viewers_average: Option<f64>,
    pub feedback: u32,
    /// Comments per minute, every minute from the first comment to the last (quiet ones as 0).
    pub timeline: Vec<MinuteCount>,
    /// Flash sales and run-sheet slots on the timeline.
    pub markers: Vec<Marker>,
    /// The periods no source was delivering, oldest first: shaded on the timeline.
    pub gaps: Vec<Gap>,
    /// How much of the live they cover.
    pub gap_total: GapTotal,
    /// The chart's time axis (`None` with no comment): the timeline's minutes, the last one
    /// whole, widened to take in the markers so a drop opened before the first comment still
    /// shows. Every chart of the live (the Laporan tab's, the HTML report's) uses this one.
    pub axis: Option<TimeAxis>,
}

/// A time axis, in Unix milliseconds, and where it is labelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TimeAxis {
    #[ts(type = "number")]
    pub from: Timestamp,
    #[ts(type = "number")]
    pub to: Timestamp,
    /// The instants to label, oldest first: whole minutes on a step a clock reads easily (see
    /// [`clock_ticks`]), so no two labels read the same, whatever the live's length.
    #[ts(type = "number[]")]
    pub ticks: Vec<Timestamp>,
}

impl TimeAxis {
    /// The axis of a live with these minutes and markers, widened to take in `gaps` (an open
    /// one up to `now`), labelled on the clock of `zone`.
    pub fn of(
        timeline: &[MinuteCount],
        markers: &[Marker],
        gaps: &[Gap],
        now: Timestamp,
        zone: &jiff::tz::TimeZone,
    ) -> Option<TimeAxis> {
        let (first, last) = (timeline.first()?.minute, timeline.last()?.minute);
        let starts = markers.iter().map(|marker| marker.at).chain(gaps.iter().map(|gap| gap.start));
        let ends = markers.iter().map(|marker| marker.at).chain(gaps.iter().map(|gap| gap.end.unwrap_or(now)));
        let (from, to) = (starts.fold(first, i64::min), ends.fold(last + MINUTE_MS, i64::max));
        let offset = jiff::Timestamp::from_millisecond(from)
            .map_or(0, |instant| i64::from(zone.to_offset(instant).seconds()) * 1000);
        Some(TimeAxis { from, to, ticks: clock_ticks(from, to, offset) })
    }
}

const MINUTE_MS: i64 = 60_000;
/// The steps a time axis is labelled at, in minutes: those a clock reads easily.
const TICK_STEPS: [i64; 10] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240];
/// Labels along an axis, at most: more crowd each other at a chart's width.
const MAX_TICKS: i64 = 10;

/// Where to label an axis from `from` to `to` whose clock is `offset_ms` ahead of UTC: whole
/// minutes, every step of [`TICK_STEPS`] (the smallest that keeps at most [`MAX_TICKS`]), at the
/// clock's multiples of the step (19.00, 19.15, 19.30), so no two labels read the same whether
/// the live lasted a minute or eight hours. An axis within one minute gets its start.
pub fn clock_ticks(from: Timestamp, to: Timestamp, offset_ms: i64) -> Vec<Timestamp> {
    let span = to.saturating_sub(from).max(0);
    let step_minutes = TICK_STEPS
        .into_iter()
        .find(|step| span / (step * MINUTE_MS) < MAX_TICKS)
        .unwrap_or(TICK_STEPS[TICK_STEPS.len() - 1]);
    let step = step_minutes * MINUTE_MS;
    let first = (from + offset_ms).div_euclid(step) * step - offset_ms;
    let ticks: Vec<Timestamp> =
        (0..).map(|n| first + n * step).skip_while(|at| *at < from).take_while(|at| *at <= to).collect();
    if ticks.is_empty() { vec![from] } else { ticks }
}

/// Comments in the minute starting at `minute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MinuteCount {
    #[ts(type = "number")]
    pub minute: Timestamp,
    pub comments: u32,
}

/// What a timeline marker marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MarkerKind {
    FlashSale,
    Slot,
}

/// A moment on a live's timeline: a drop opening, a slot starting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Marker {
    #[ts(type = "number")]
    pub at: Timestamp,
    pub kind: MarkerKind,
    /// The product: untrusted text.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CategoryCount {
    /// The moderation category (a named one, or a user's own label).
    pub category: crate::event::Category,
    #[ts(type = "number")]
    pub comments: u64,
}

/// A flash sale and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FlashSaleOutcome {
    pub product: String,
    pub price: String,
    pub stock: Option<u32>,
    #[ts(type = "number")]
    pub starts_at: Timestamp,
    pub window_seconds: u32,
    #[ts(type = "number | null")]
    pub ended_at: Option<Timestamp>,
    /// How it ended; `null` while open.
    pub end_reason: Option<FlashSaleEnd>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindCount {
    pub kind: FeedbackKind,
    pub count: u32,
}

/// Tagged comments about one product, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductCounts {
    pub product: Option<String>,
    pub complaint: u32,
    pub question: u32,
    pub request: u32,
    pub praise: u32,
    pub total: u32,
}

/// Questions of one kind about one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AskedCount {
    pub product: Option<String>,
    /// `None`: questions no fact answers (an order's status, anything else).
    pub kind: Option<crate::answers::QuestionKind>,
    pub questions: u32,
    /// The latest such question, as asked: untrusted text.
    pub example: String,
}

/// A fact an answer card lacked for one product, and how many questions it left unanswered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingFact {
    pub product: Option<String>,
    pub fact: crate::answers::Fact,
    pub questions: u32,
}

/// Lives that started on one weekday in one hour, compared.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TimeSlot {
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    pub weekday: u8,
    /// The start hour, 0–23, in the report's time zone.
    pub hour: u8,
    pub lives: u32,
    /// Comments per live minute, over those lives.
    pub comments_per_minute: f64,
    /// The mean of their viewer counts.
    pub viewers_average: Option<f64>,
    /// Tagged comments per live.
    pub feedback_per_live: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(axis: Option<TimeAxis>) -> Option<(i64, i64)> {
        axis.map(|axis| (axis.from, axis.to))
    }

    #[test]
    fn the_time_axis_takes_in_the_last_minute_whole_every_marker_and_every_gap() {
        let utc = jiff::tz::TimeZone::UTC;
        let minute = |at: i64| MinuteCount { minute: at * 60_000, comments: 1 };
        let marker = |at: i64| Marker { at, kind: MarkerKind::FlashSale, label: String::new() };
        let timeline = [minute(10), minute(11), minute(12)];
        assert_eq!(bounds(TimeAxis::of(&timeline, &[], &[], 0, &utc)), Some((600_000, 780_000)));
        let axis = TimeAxis::of(&timeline, &[marker(540_000), marker(900_000)], &[], 0, &utc);
        assert_eq!(bounds(axis), Some((540_000, 900_000)), "a drop before the first comment");
        assert_eq!(TimeAxis::of(&[], &[marker(1)], &[], 0, &utc), None, "no comment, no chart");

        let reason = crate::ingest::SourceReason::TiktokDropped;
        let gap = |start, end| Gap::new(1, "tiktok:@toko".into(), start, end, reason.clone());
        let axis = TimeAxis::of(&timeline, &[], &[gap(500_000, Some(530_000))], 0, &utc);
        assert_eq!(bounds(axis), Some((500_000, 780_000)));
        let axis = TimeAxis::of(&timeline, &[], &[gap(700_000, None)], 900_000, &utc);
        assert_eq!(bounds(axis), Some((600_000, 900_000)), "open: up to now");
    }

    /// Issue 25: a short live's axis read "15.00, 15.00, 15.01, 15.01, 15.02".
    #[test]
    fn the_axis_is_labelled_at_distinct_clock_times_for_a_live_of_a_minute_to_eight_hours() {
        // 19.00 in Jakarta, and a start off the minute in a zone off the hour (Nepal, +05:45).
        let jakarta = 1_796_040_000_000;
        for (start, offset) in [(jakarta, 7 * 3_600_000), (jakarta + 37_000 + 13 * MINUTE_MS, 20_700_000)] {
            for minutes in [1, 2, 3, 5, 7, 13, 30, 45, 60, 90, 150, 240, 365, 480] {
                let end = start + minutes * MINUTE_MS;
                let ticks = clock_ticks(start, end, offset);
                let label = |at: i64| (at + offset).div_euclid(MINUTE_MS);
                let fewest = if minutes < 2 { 1 } else { 2 };
                assert!((fewest..=MAX_TICKS as usize).contains(&ticks.len()), "{minutes} min: {ticks:?}");
                assert!(ticks.iter().all(|at| (start..=end).contains(at)), "{minutes} min: inside the axis");
                assert!(ticks.iter().all(|at| (at + offset) % MINUTE_MS == 0), "{minutes} min: whole minutes");
                assert!(ticks.windows(2).all(|pair| label(pair[0]) < label(pair[1])), "{minutes} min: distinct");
                let step = ticks.get(1).map_or(1, |second| (second - ticks[0]) / MINUTE_MS);
                assert!(TICK_STEPS.contains(&step), "{minutes} min: a step of {step}");
                assert!(ticks.iter().all(|at| label(*at) % step == 0), "{minutes} min: on the clock's multiples");
            }
        }
        assert_eq!(clock_ticks(1_000, 31_000, 0), [1_000], "within a minute: its start");
    }

    #[test]
    fn gaps_are_totalled_against_the_live() {
        let reason = crate::ingest::SourceReason::TiktokDropped;
        let gap = |start, end| Gap::new(1, "tiktok:@toko".into(), start, end, reason.clone());
        let total = GapTotal::of(&[gap(0, Some(42_000)), gap(100_000, Some(130_000))], 3_600_000, 0);
        assert_eq!((total.count, total.total_ms), (2, 72_000));
        assert!((total.share - 0.02).abs() < 1e-9, "{}", total.share);
        assert_eq!(GapTotal::of(&[], 0, 0), GapTotal::default());
    }
}
