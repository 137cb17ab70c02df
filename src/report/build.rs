//! From a scope to a [`Report`]: resolving weeks and dates in the report's time zone, and
//! shaping what the archive aggregated into what the report says.

use std::collections::BTreeMap;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp as Instant, ToSpan};

use super::{
    AskedCount, CategoryCount, FlashSaleOutcome, GapTotal, KindCount, LiveReport, Marker, MarkerKind, MinuteCount,
    MissingFact, ProductCounts, Report, ReportScope, ScopeKind, ScopeRequest, TimeAxis, TimeSlot, Totals,
};
use crate::answers::{Fact, QuestionKind, question_kind};
use crate::event::FeedbackKind;
use crate::event::Timestamp;
use crate::feedback::FeedbackEntry;
use crate::store::{Archive, Lives, RawReport, StoreError};

/// What stops a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A scope a person typed wrong; the message names the part.
    #[error("{0}")]
    Scope(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn time_zone(name: &str) -> Result<TimeZone, ReportError> {
    TimeZone::get(name).map_err(|error| ReportError::Scope(format!("time zone '{name}': {error}")))
}

fn date(text: &str, what: &str) -> Result<Date, ReportError> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| ReportError::Scope(format!("{what}: '{text}' is not a date (YYYY-MM-DD, e.g. 2026-12-01)")))
}

/// Midnight starting `day` in `zone`, as Unix ms.
fn start_of(day: Date, zone: &TimeZone) -> Result<Timestamp, ReportError> {
    let zoned = day.to_zoned(zone.clone()).map_err(|error| ReportError::Scope(format!("{day}: {error}")))?;
    Ok(zoned.timestamp().as_millisecond())
}

/// Reads `YYYY-Www` (also `YYYY-Www-D` without the day's meaning): the ISO week's Monday.
fn iso_week_monday(text: &str) -> Result<(i16, i8, Date), ReportError> {
    let bad = || ReportError::Scope(format!("week: '{text}' is not an ISO week (YYYY-Www, e.g. 2026-W49)"));
    let (year, week) = text.trim().split_once("-W").or_else(|| text.trim().split_once("-w")).ok_or_else(bad)?;
    let year: i16 = year.parse().map_err(|_| bad())?;
    let week: i8 = week.parse().map_err(|_| bad())?;
    let monday = ISOWeekDate::new(year, week, Weekday::Monday).map_err(|_| bad())?.date();
    Ok((year, week, monday))
}

/// Resolves what a report should cover to instants in `time_zone` (an IANA name).
pub fn resolve_scope(
    archive: &Archive,
    request: &ScopeRequest,
    time_zone_name: &str,
) -> Result<ReportScope, ReportError> {
    match request {
        ScopeRequest::Session(id) => {
            time_zone(time_zone_name)?;
            let live = archive.session(*id)?;
            // A live still running reports up to now.
            let to = live.ended_at.unwrap_or_else(crate::event::now_ms);
            Ok(ReportScope {
                kind: ScopeKind::Session,
                session: Some(*id),
                label: format!("Live #{id}"),
                from: live.started_at,
                to,
                time_zone: time_zone_name.into(),
            })
        }
        _ => resolve_period(request, time_zone_name),
    }
}

/// Resolves a week or a run of dates to instants in `time_zone` (an IANA name), with no
/// archive: the agency report's period. One live is not a period.
pub fn resolve_period(request: &ScopeRequest, time_zone_name: &str) -> Result<ReportScope, ReportError> {
    let zone = time_zone(time_zone_name)?;
    let scope = |kind, label: String, from, to| ReportScope {
        kind,
        session: None,
        label,
        from,
        to,
        time_zone: time_zone_name.into(),
    };
    Ok(match request {
        ScopeRequest::Session(_) => {
            return Err(ReportError::Scope("give a week (YYYY-Www) or from and to (YYYY-MM-DD), not one live".into()));
        }
        ScopeRequest::Week(text) => {
            let (year, week, monday) = iso_week_monday(text)?;
            let next_monday = monday.checked_add(7.days()).map_err(|e| ReportError::Scope(e.to_string()))?;
            scope(
                ScopeKind::Week,
                format!("{year}-W{week:02}"),
                start_of(monday, &zone)?,
                start_of(next_monday, &zone)?,
            )
        }
        ScopeRequest::Dates { from, to } => {
            let (first, last) = (date(from, "from")?, date(to, "to")?);
            if last < first {
                return Err(ReportError::Scope(format!("to: {last} is before from: {first}")));
            }
            let after = last.checked_add(1.day()).map_err(|e| ReportError::Scope(e.to_string()))?;
            let label = if first == last { first.to_string() } else { format!("{first} – {last}") };
            scope(ScopeKind::Dates, label, start_of(first, &zone)?, start_of(after, &zone)?)
        }
    })
}

/// The ISO week (`YYYY-Www`) that `at` falls in, in `time_zone`: the app's "this week".
pub fn week_of(at: Timestamp, time_zone_name: &str) -> Result<String, ReportError> {
    let zone = time_zone(time_zone_name)?;
    let day = Instant::from_millisecond(at).map_err(|e| ReportError::Scope(e.to_string()))?.to_zoned(zone).date();
    let week = day.iso_week_date();
    Ok(format!("{}-W{:02}", week.year(), week.week()))
}

/// The date (`YYYY-MM-DD`) `at` falls on in `time_zone`: the daily backup's name.
pub fn date_in(at: Timestamp, time_zone_name: &str) -> Result<String, ReportError> {
    let zone = time_zone(time_zone_name)?;
    let day = Instant::from_millisecond(at).map_err(|e| ReportError::Scope(e.to_string()))?.to_zoned(zone).date();
    Ok(day.to_string())
}

/// The lives `scope` covers.
fn lives_of(scope: &ReportScope) -> Lives {
    match scope.session {
        Some(id) => Lives::Session(id),
        None => Lives::StartedBetween(scope.from, scope.to),
    }
}

/// Every tag in `scope`, oldest comment first: the CSV export's rows.
pub fn tagged_in(archive: &Archive, scope: &ReportScope) -> Result<Vec<crate::feedback::FeedbackEntry>, ReportError> {
    Ok(archive.feedback_in(lives_of(scope))?)
}

/// Builds the report for `scope` at `now`.
pub fn build(archive: &Archive, scope: ReportScope, now: Timestamp) -> Result<Report, ReportError> {
    let zone = time_zone(&scope.time_zone)?;
    let raw = archive.report_data(lives_of(&scope))?;
    let muted_to = scope.to.min(now.saturating_add(1));
    let muted = archive.muted_between(scope.from, muted_to)?;
    let best_until = scope.to.min(now.saturating_add(1));
    let best_times = best_times(&archive.live_summaries(best_until)?, &zone);
    Ok(shape(raw, scope, now, &zone, muted, best_times))
}

/// What the aggregates say, as a report.
fn shape(
    raw: RawReport,
    scope: ReportScope,
    now: Timestamp,
    zone: &TimeZone,
    muted: Vec<crate::store::MutedUser>,
    best_times: Vec<TimeSlot>,
) -> Report {
    let mut live_ms_total = 0;
    let lives: Vec<LiveReport> = raw
        .lives
        .iter()
        .map(|live| {
            let end = live.ended_at.or(live.last_event_at).unwrap_or(live.started_at).max(live.started_at);
            let timeline = every_minute(&live.minutes);
            let peak_per_minute = peak(&timeline);
            let mut markers = live
                .flash_sales
                .iter()
                .map(|(at, product)| Marker { at: *at, kind: MarkerKind::FlashSale, label: product.clone() })
                .chain(live.slots.iter().map(|(at, product)| Marker {
                    at: *at,
                    kind: MarkerKind::Slot,
                    label: product.clone(),
                }))
                .collect::<Vec<_>>();
            markers.sort_by_key(|marker| marker.at);
            let live_ms = live.gaps.iter().map(|gap| gap.end.unwrap_or(now)).fold(end, i64::max) - live.started_at;
            live_ms_total += live_ms.max(0);
            LiveReport {
                session: live.session,
                source: live.source.clone(),
                started_at: live.started_at,
                ended_at: live.ended_at,
                minutes: minutes_between(live.started_at, end),
                comments: live.comments,
                commenters: live.commenters,
                peak_per_minute,
                viewers_peak: live.viewers_peak,
                viewers_average: live.viewers_average,
                feedback: live.feedback,
                axis: TimeAxis::of(&timeline, &markers, &live.gaps, now, zone),
                timeline,
                markers,
                gap_total: GapTotal::of(&live.gaps, live_ms, now),
                gaps: live.gaps.clone(),
            }
        })
        .collect();

    let mut by_kind: BTreeMap<FeedbackKind, u32> = FeedbackKind::ALL.into_iter().map(|kind| (kind, 0)).collect();
    let mut by_product: BTreeMap<Option<String>, ProductCounts> = BTreeMap::new();
    for entry in &raw.feedback {
        *by_kind.entry(entry.kind).or_default() += 1;
        let counts = by_product.entry(entry.product.clone()).or_insert_with(|| ProductCounts {
            product: entry.product.clone(),
            complaint: 0,
            question: 0,
            request: 0,
            praise: 0,
            total: 0,
        });
        match entry.kind {
            FeedbackKind::Complaint => counts.complaint += 1,
            FeedbackKind::Question => counts.question += 1,
            FeedbackKind::Request => counts.request += 1,
            FeedbackKind::Praise => counts.praise += 1,
        }
        counts.total += 1;
    }
    let mut feedback_by_product: Vec<ProductCounts> = by_product.into_values().collect();
    feedback_by_product.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.product.cmp(&b.product)));

    let totals = Totals {
        lives: lives.len() as u32,
        minutes: lives.iter().map(|live| live.minutes).sum(),
        comments: lives.iter().map(|live| live.comments).sum(),
        commenters: raw.commenters,
        peak_per_minute: lives
            .iter()
            .filter_map(|live| live.peak_per_minute)
            .max_by(|a, b| a.comments.cmp(&b.comments).then(b.minute.cmp(&a.minute))),
        viewers_peak: raw.viewers_peak,
        viewers_average: raw.viewers_average,
        flagged: raw.flagged,
        muted: muted.len() as u32,
        flash_sales: raw.flash_sales.len() as u32,
        feedback: raw.feedback.len() as u32,
        gaps: GapTotal::of(&lives.iter().flat_map(|live| live.gaps.clone()).collect::<Vec<_>>(), live_ms_total, now),
    };
    Report {
        scope,
        generated_at: now,
        totals,
        lives,
        flagged: raw
            .flagged_by_category
            .into_iter()
            .map(|(category, comments)| CategoryCount { category: category.into(), comments })
            .collect(),
        muted,
        flash_sales: raw
            .flash_sales
            .into_iter()
            .map(|sale| FlashSaleOutcome {
                window_seconds: ((sale.deadline - sale.starts_at).max(0) / 1000) as u32,
                product: sale.product,
                price: sale.price,
                stock: sale.stock,
                starts_at: sale.starts_at,
                ended_at: sale.ended_at,
                end_reason: sale.end_reason,
            })
            .collect(),
        feedback_by_kind: by_kind.into_iter().map(|(kind, count)| KindCount { kind, count }).collect(),
        feedback_by_product,
        complaints: raw.feedback.iter().filter(|entry| entry.kind == FeedbackKind::Complaint).cloned().collect(),
        open_questions: raw
            .feedback
            .iter()
            .filter(|entry| entry.kind == FeedbackKind::Question && entry.answered_at.is_none())
            .cloned()
            .collect(),
        asked: asked(&raw.feedback),
        missing_facts: missing_facts(&raw.feedback),
        best_times,
    }
}

/// The tagged questions by product and kind; within a product, most asked first.
fn asked(feedback: &[FeedbackEntry]) -> Vec<AskedCount> {
    let mut groups: BTreeMap<(Option<String>, Option<QuestionKind>), AskedCount> = BTreeMap::new();
    // Oldest first, so the example left in each group is the latest question.
    for entry in feedback.iter().filter(|entry| entry.kind == FeedbackKind::Question) {
        let kind = question_kind(&entry.text);
        let group = groups.entry((entry.product.clone(), kind)).or_insert_with(|| AskedCount {
            product: entry.product.clone(),
            kind,
            questions: 0,
            example: String::new(),
        });
        group.questions += 1;
        group.example.clone_from(&entry.text);
    }
    let mut asked: Vec<AskedCount> = groups.into_values().collect();
    asked.sort_by(|a, b| a.product.cmp(&b.product).then(b.questions.cmp(&a.questions)).then(a.kind.cmp(&b.kind)));
    asked
}

/// The facts answer cards lacked, by product; most questions first.
fn missing_facts(feedback: &[FeedbackEntry]) -> Vec<MissingFact> {
    let mut counts: BTreeMap<(Option<String>, Fact), u32> = BTreeMap::new();
    for entry in feedback {
        // Keys this build does not know (written by a later one) are left out.
        for fact in entry.missing.iter().filter_map(|key| key.parse::<Fact>().ok()) {
            *counts.entry((entry.product.clone(), fact)).or_default() += 1;
        }
    }
    let mut missing: Vec<MissingFact> =
        counts.into_iter().map(|((product, fact), questions)| MissingFact { product, fact, questions }).collect();
    missing.sort_by(|a, b| b.questions.cmp(&a.questions).then_with(|| a.product.cmp(&b.product)));
    missing
}

fn minutes_between(from: Timestamp, to: Timestamp) -> u32 {
    ((to - from).max(0) as f64 / 60_000.0).round() as u32
}

/// The minutes from the first to the last, quiet ones filled in as 0.
fn every_minute(counted: &[(Timestamp, u32)]) -> Vec<MinuteCount> {
    let (Some(&(first, _)), Some(&(last, _))) = (counted.first(), counted.last()) else { return vec![] };
    let mut counts = counted.iter().peekable();
    (first..=last)
        .step_by(60_000)
        .map(|minute| {
            let comments = match counts.peek() {
                Some(&&(at, n)) if at == minute => {
                    counts.next();
                    n
                }
                _ => 0,
            };
            MinuteCount { minute, comments }
        })
        .collect()
}

/// The busiest minute (the earliest of equals).
fn peak(timeline: &[MinuteCount]) -> Option<MinuteCount> {
    timeline
        .iter()
        .copied()
        .filter(|m| m.comments > 0)
        .max_by(|a, b| a.comments.cmp(&b.comments).then(b.minute.cmp(&a.minute)))
}

/// Past lives grouped by the weekday and hour they started, best comment rate first.
fn best_times(lives: &[crate::store::LiveSummary], zone: &TimeZone) -> Vec<TimeSlot> {
    #[derive(Default)]
    struct Group {
        lives: u32,
        comments: u64,
        minutes: f64,
        viewers: Vec<f64>,
        feedback: u32,
    }
    let mut groups: BTreeMap<(u8, u8), Group> = BTreeMap::new();
    for live in lives {
        let Ok(at) = Instant::from_millisecond(live.started_at) else { continue };
        let local = at.to_zoned(zone.clone());
        let group = groups.entry((local.weekday().to_monday_one_offset() as u8, local.hour() as u8)).or_default();
        group.lives += 1;
        group.comments += live.comments;
        group.minutes += live.minutes;
        group.viewers.extend(live.viewers_average);
        group.feedback += live.feedback;
    }
    let mut slots: Vec<TimeSlot> = groups
        .into_iter()
        .map(|((weekday, hour), group)| TimeSlot {
            weekday,
            hour,
            lives: group.lives,
            comments_per_minute: if group.minutes >= 1.0 { group.comments as f64 / group.minutes } else { 0.0 },
            viewers_average: (!group.viewers.is_empty())
                .then(|| group.viewers.iter().sum::<f64>() / group.viewers.len() as f64),
            feedback_per_live: group.feedback as f64 / group.lives as f64,
        })
        .collect();
    slots.sort_by(|a, b| {
        b.comments_per_minute.total_cmp(&a.comments_per_minute).then((a.weekday, a.hour).cmp(&(b.weekday, b.hour)))
    });
    slots
}
