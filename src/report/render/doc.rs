//! What the summary says, laid out once for both the Markdown and the HTML.
//!
//! `&'static str` fields are Pandu's own words and are written as they are; every `String` may
//! hold untrusted text and is escaped by the renderer.

use super::{
    LocalTime, category_name, charts, clock_duration, decimal, duration, end_name, fact_name, gap_line, gap_reason,
    hour_range, kind_name, marker_name, number, question_kind_name, weekday_name,
};
use crate::event::FeedbackKind;
use crate::feedback::FeedbackEntry;
use crate::report::{LiveReport, Report};

/// Said wherever a section has nothing to show.
pub(super) const NO_DATA: &str = "Belum ada data.";

/// The best time slots shown: enough to choose from, few enough to read.
const TOP_SLOTS: usize = 10;

pub(super) struct Doc {
    pub title: String,
    /// Lines under the title: period, time zone, when it was made.
    pub meta: Vec<String>,
    pub sections: Vec<Section>,
}

pub(super) struct Section {
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

pub(super) enum Block {
    Paragraph(String),
    Subheading(String),
    Table(Table),
    /// An inline `<svg>` from [`charts`]: HTML only, the Markdown leaves it out.
    Chart {
        caption: String,
        svg: String,
    },
}

pub(super) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Copy)]
pub(super) struct Column {
    pub name: &'static str,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

pub(super) const fn text(name: &'static str) -> Column {
    Column { name, numeric: false }
}

pub(super) const fn num(name: &'static str) -> Column {
    Column { name, numeric: true }
}

/// Lays the report out; `charts` draws the HTML's charts (the Markdown has none).
pub(super) fn build(report: &Report, charts: bool) -> Doc {
    let local = LocalTime::new(&report.scope.time_zone);
    let mut summary = vec![];
    if !has_data(report) {
        summary.push(Block::Paragraph("Belum ada data untuk periode ini.".to_owned()));
    }
    summary.push(Block::Table(totals(report, &local)));
    Doc {
        title: format!("Laporan Live — {}", report.scope.label),
        meta: vec![
            // `to` is excluded: the period ends the millisecond before (Sunday 23.59, not Monday 00.00).
            format!("Periode: {} – {}", local.long(report.scope.from), local.long(report.scope.to.saturating_sub(1))),
            format!("Zona waktu: {}", report.scope.time_zone),
            format!("Dibuat: {}", local.long(report.generated_at)),
        ],
        sections: vec![
            Section { heading: "Ringkasan", blocks: summary },
            Section { heading: "Live", blocks: lives(report, &local, charts) },
            Section { heading: "Komentar yang ditandai moderasi", blocks: flagged(report) },
            Section { heading: "Flash sale", blocks: flash_sales(report, &local) },
            Section { heading: "Masukan penonton", blocks: feedback(report, charts) },
            Section { heading: "Keluhan", blocks: entries(&report.complaints, &local) },
            Section { heading: "Pertanyaan yang belum dijawab", blocks: entries(&report.open_questions, &local) },
            Section { heading: "Yang paling sering ditanyakan", blocks: asked(report) },
            Section { heading: "Info produk yang perlu dilengkapi", blocks: missing_facts(report) },
            Section { heading: "Pengguna yang dibisukan", blocks: muted(report, &local) },
            Section { heading: "Kapan sebaiknya live", blocks: best_times(report, charts) },
        ],
    }
}

/// Whether the scope saw anything at all (the best times cover the whole archive, so they do
/// not count).
fn has_data(report: &Report) -> bool {
    !report.lives.is_empty()
        || report.totals.comments > 0
        || report.totals.feedback > 0
        || !report.flash_sales.is_empty()
        || !report.complaints.is_empty()
        || !report.open_questions.is_empty()
}

/// A table, or [`NO_DATA`] when it would have no rows.
pub(super) fn table_or_empty(columns: Vec<Column>, rows: Vec<Vec<String>>) -> Block {
    if rows.is_empty() { Block::Paragraph(NO_DATA.to_owned()) } else { Block::Table(Table { columns, rows }) }
}

fn optional<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
    value.map_or_else(|| "–".to_owned(), show)
}

fn totals(report: &Report, local: &LocalTime) -> Table {
    let totals = &report.totals;
    let row = |name: &str, value: String| vec![name.to_owned(), value];
    let peak = optional(totals.peak_per_minute, |peak| {
        format!("{} ({})", number(peak.comments.into()), local.long(peak.minute))
    });
    Table {
        columns: vec![text("Ukuran"), num("Nilai")],
        rows: vec![
            row("Jumlah live", number(totals.lives.into())),
            row("Menit live", number(totals.minutes.into())),
            row("Komentar", number(totals.comments)),
            row("Akun yang berkomentar", number(totals.commenters)),
            row("Komentar per menit tertinggi", peak),
            row("Penonton tertinggi", optional(totals.viewers_peak, |v| number(v.into()))),
            row("Rata-rata penonton", optional(totals.viewers_average, decimal)),
            row("Komentar ditandai moderasi", number(totals.flagged)),
            row("Pengguna dibisukan", number(totals.muted.into())),
            row("Flash sale", number(totals.flash_sales.into())),
            row("Komentar ditandai masukan", number(totals.feedback.into())),
            row("Sumber terputus", gap_line(&totals.gaps)),
        ],
    }
}

fn lives(report: &Report, local: &LocalTime, charts: bool) -> Vec<Block> {
    let columns = vec![
        text("Live"),
        text("Mulai"),
        num("Menit"),
        num("Komentar"),
        num("Akun"),
        num("Puncak/menit"),
        num("Penonton puncak"),
        num("Penonton rata-rata"),
        num("Masukan"),
    ];
    let rows = report
        .lives
        .iter()
        .map(|live| {
            vec![
                format!("#{} ({})", live.session, live.source),
                local.long(live.started_at),
                number(live.minutes.into()),
                number(live.comments),
                number(live.commenters),
                optional(live.peak_per_minute, |peak| format!("{} ({})", peak.comments, local.time(peak.minute))),
                optional(live.viewers_peak, |v| number(v.into())),
                optional(live.viewers_average, decimal),
                number(live.feedback.into()),
            ]
        })
        .collect();
    let mut blocks = vec![table_or_empty(columns, rows)];
    for live in &report.lives {
        blocks.extend(live_detail(live, local, charts));
    }
    blocks
}

/// A live's timeline chart and its markers (flash sales, run-sheet slots).
fn live_detail(live: &LiveReport, local: &LocalTime, charts: bool) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(format!("Live #{} — {}", live.session, local.long(live.started_at)))];
    if charts {
        match charts::timeline(live, local) {
            Some(svg) => {
                let caption = if live.gaps.is_empty() {
                    "Komentar per menit, dengan flash sale dan slot"
                } else {
                    "Komentar per menit, dengan flash sale, slot dan saat sumber terputus (abu-abu)"
                };
                blocks.push(Block::Chart { caption: caption.to_owned(), svg })
            }
            None if live.timeline.is_empty() => blocks.push(Block::Paragraph("Belum ada komentar.".to_owned())),
            None => blocks.push(Block::Paragraph("Grafik tidak dapat dibuat.".to_owned())),
        }
    }
    let rows: Vec<Vec<String>> = live
        .markers
        .iter()
        .map(|marker| vec![local.time(marker.at), marker_name(marker.kind).to_owned(), marker.label.clone()])
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Paragraph("Tanpa flash sale atau slot.".to_owned()));
    } else {
        blocks.push(Block::Table(Table { columns: vec![text("Waktu"), text("Penanda"), text("Produk")], rows }));
    }
    blocks.extend(gaps(live, local));
    blocks
}

/// Where the live's sources were all down: how much of the live, and each gap.
fn gaps(live: &LiveReport, local: &LocalTime) -> Vec<Block> {
    if live.gaps.is_empty() {
        return vec![Block::Paragraph("Sumber tidak pernah terputus.".to_owned())];
    }
    let summary = format!("{}; komentar selama itu mungkin tidak masuk.", gap_line(&live.gap_total));
    let rows = live
        .gaps
        .iter()
        .map(|gap| {
            vec![
                local.time(gap.start),
                gap.end.map_or_else(|| "masih terputus".to_owned(), |end| local.time(end)),
                gap.duration_ms.map_or_else(|| "–".to_owned(), clock_duration),
                gap.source.clone(),
                gap_reason(&gap.reason).to_owned(),
            ]
        })
        .collect();
    let columns = vec![text("Terputus"), text("Tersambung"), num("Lama"), text("Sumber"), text("Sebab")];
    vec![Block::Paragraph(summary), Block::Table(Table { columns, rows })]
}

fn flagged(report: &Report) -> Vec<Block> {
    let rows = report
        .flagged
        .iter()
        .map(|count| vec![category_name(&count.category).to_owned(), number(count.comments)])
        .collect();
    vec![table_or_empty(vec![text("Kategori"), num("Komentar")], rows)]
}

fn flash_sales(report: &Report, local: &LocalTime) -> Vec<Block> {
    let columns = vec![text("Produk"), text("Harga"), num("Stok"), text("Durasi"), text("Mulai"), text("Berakhir")];
    let rows = report
        .flash_sales
        .iter()
        .map(|sale| {
            let ended = match sale.ended_at {
                Some(at) => format!("{} ({})", end_name(sale.end_reason), local.time(at)),
                None => end_name(sale.end_reason).to_owned(),
            };
            vec![
                sale.product.clone(),
                sale.price.clone(),
                optional(sale.stock, |stock| number(stock.into())),
                duration(sale.window_seconds),
                local.long(sale.starts_at),
                ended,
            ]
        })
        .collect();
    vec![table_or_empty(columns, rows)]
}

/// The count of each kind, every kind listed (zero included) in the usual order.
fn kind_counts(report: &Report) -> Vec<(FeedbackKind, u32)> {
    FeedbackKind::ALL
        .into_iter()
        .map(|kind| {
            let count = report.feedback_by_kind.iter().filter(|c| c.kind == kind).map(|c| c.count).sum();
            (kind, count)
        })
        .collect()
}

fn feedback(report: &Report, charts: bool) -> Vec<Block> {
    let counts = kind_counts(report);
    if counts.iter().all(|(_, count)| *count == 0) {
        return vec![Block::Paragraph(NO_DATA.to_owned())];
    }
    let mut blocks = vec![Block::Subheading("Per jenis".to_owned())];
    if charts {
        let bars: Vec<(String, f64)> =
            counts.iter().map(|(kind, count)| (capitalised(kind_name(*kind)), f64::from(*count))).collect();
        if let Some(svg) = charts::bars(&bars, |value| number(value as u64)) {
            blocks.push(Block::Chart { caption: "Masukan per jenis".to_owned(), svg });
        }
    }
    let rows = counts.iter().map(|(kind, count)| vec![capitalised(kind_name(*kind)), number((*count).into())]);
    blocks.push(Block::Table(Table { columns: vec![text("Jenis"), num("Jumlah")], rows: rows.collect() }));
    blocks.push(Block::Subheading("Per produk".to_owned()));
    let columns =
        vec![text("Produk"), num("Keluhan"), num("Pertanyaan"), num("Permintaan"), num("Pujian"), num("Total")];
    let rows = report
        .feedback_by_product
        .iter()
        .map(|p| {
            let product = product_name(&p.product);
            let counts = [p.complaint, p.question, p.request, p.praise, p.total];
            std::iter::once(product).chain(counts.map(|c| number(c.into()))).collect()
        })
        .collect();
    blocks.push(table_or_empty(columns, rows));
    blocks
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The questions per product and kind, the most asked of each product first.
fn asked(report: &Report) -> Vec<Block> {
    let columns = vec![text("Produk"), text("Yang ditanyakan"), num("Pertanyaan"), text("Contoh")];
    let rows = report
        .asked
        .iter()
        .map(|asked| {
            vec![
                product_name(&asked.product),
                asked.kind.map_or("lainnya", question_kind_name).to_owned(),
                number(asked.questions.into()),
                asked.example.clone(),
            ]
        })
        .collect();
    vec![table_or_empty(columns, rows)]
}

/// The facts answer cards lacked: what to add to the run sheet before the next live.
fn missing_facts(report: &Report) -> Vec<Block> {
    let columns = vec![text("Produk"), text("Info yang belum ada"), num("Pertanyaan")];
    let rows = report
        .missing_facts
        .iter()
        .map(|missing| {
            vec![product_name(&missing.product), fact_name(missing.fact).to_owned(), number(missing.questions.into())]
        })
        .collect();
    vec![table_or_empty(columns, rows)]
}

fn product_name(product: &Option<String>) -> String {
    product.clone().unwrap_or_else(|| "(tanpa produk)".to_owned())
}

/// Complaints or open questions, one row each.
fn entries(entries: &[FeedbackEntry], local: &LocalTime) -> Vec<Block> {
    let columns = vec![text("Waktu"), text("Nama"), text("Akun"), text("Komentar"), text("Produk"), text("Catatan")];
    let rows = entries
        .iter()
        .map(|entry| {
            vec![
                local.long(entry.comment_ts),
                entry.nickname.clone(),
                format!("@{}", entry.unique_id),
                entry.text.clone(),
                entry.product.clone().unwrap_or_default(),
                entry.note.clone(),
            ]
        })
        .collect();
    vec![table_or_empty(columns, rows)]
}

fn muted(report: &Report, local: &LocalTime) -> Vec<Block> {
    let rows = report
        .muted
        .iter()
        .map(|user| vec![user.nickname.clone(), format!("@{}", user.unique_id), local.long(user.muted_at)])
        .collect();
    vec![table_or_empty(vec![text("Nama"), text("Akun"), text("Dibisukan")], rows)]
}

/// `Senin 19.00–20.00`: a time slot's name.
pub(super) fn slot_name(weekday: u8, hour: u8) -> String {
    format!("{} {}", weekday_name(i8::try_from(weekday).unwrap_or(0)), hour_range(hour))
}

fn best_times(report: &Report, charts: bool) -> Vec<Block> {
    let slots = &report.best_times[..report.best_times.len().min(TOP_SLOTS)];
    if slots.is_empty() {
        return vec![Block::Paragraph(NO_DATA.to_owned())];
    }
    let mut blocks = vec![Block::Paragraph(format!(
        "{} waktu terbaik dari semua live di arsip sampai akhir periode ini, menurut hari dan jam \
         mulai live; komentar per menit tertinggi lebih dulu.",
        slots.len()
    ))];
    if charts {
        let bars: Vec<(String, f64)> =
            slots.iter().map(|slot| (slot_name(slot.weekday, slot.hour), slot.comments_per_minute)).collect();
        if let Some(svg) = charts::bars(&bars, decimal) {
            blocks.push(Block::Chart { caption: "Komentar per menit menurut waktu mulai live".to_owned(), svg });
        }
    }
    let columns = vec![
        text("Hari"),
        text("Jam"),
        num("Live"),
        num("Komentar/menit"),
        num("Penonton rata-rata"),
        num("Masukan/live"),
    ];
    let rows = slots
        .iter()
        .map(|slot| {
            vec![
                weekday_name(i8::try_from(slot.weekday).unwrap_or(0)).to_owned(),
                hour_range(slot.hour),
                number(slot.lives.into()),
                decimal(slot.comments_per_minute),
                optional(slot.viewers_average, decimal),
                decimal(slot.feedback_per_live),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table { columns, rows }));
    blocks
}
