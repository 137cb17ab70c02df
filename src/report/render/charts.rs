//! The HTML report's charts, drawn by plotters' SVG backend into strings to inline.
//!
//! plotters-svg (0.3.7, `SVGBackend::escape_and_push`) XML-escapes `<`, `>`, `&`, `"` and `'`
//! both in attribute values and in the text of `<text>` elements, so labels (products from
//! the run sheet and flash sales) are handed to it raw: escaping them here as well would show
//! `&amp;lt;` on the chart. The tests check this with a hostile product name.
//!
//! Without a font feature plotters measures text with a built-in estimate and the SVG names
//! only `sans-serif`: the browser draws the glyphs with its own fonts, emoji included, and no
//! font file is embedded or fetched.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{LocalTime, marker_name};
use crate::report::{LiveReport, MarkerKind};

type Chart = Result<(), Box<dyn std::error::Error>>;

/// Charts are drawn at this width; the page's CSS scales them to fit (the viewBox keeps the
/// aspect).
const WIDTH: u32 = 900;
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const LINE: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const FLASH_SALE: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const SLOT: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
/// A gap's shading: behind the line, light enough to read it through.
const GAP: RGBColor = RGBColor(0xcc, 0xcc, 0xcc);
/// Marker labels longer than this are cut with `…`: the table under the chart has them whole.
const LABEL_CHARS: usize = 28;
/// Marker labels take turns over this many rows so that close markers do not overlap.
const LABEL_ROWS: i32 = 3;

/// Draws into an SVG string; `None` (logged) when plotters fails, so the report still renders.
fn svg(height: u32, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Chart) -> Option<String> {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(Into::into).and_then(|()| draw(&root)).and_then(|()| Ok(root.present()?))
    };
    match drawn {
        Ok(()) => Some(inline(&out)),
        Err(error) => {
            tracing::warn!(%error, "report chart not drawn");
            None
        }
    }
}

/// Inside HTML an `<svg>` is in the SVG namespace without `xmlns`; dropping it leaves the
/// file with no `http://` at all (the namespace is a name, never fetched, but a reader checking
/// the file for addresses should find none).
fn inline(svg: &str) -> String {
    svg.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1)
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// Comments per minute over a live, with a labelled vertical line at each flash sale and
/// run-sheet slot, and each gap (no source delivering) shaded. `None` when the live has no
/// comments.
pub(super) fn timeline(live: &LiveReport, local: &LocalTime) -> Option<String> {
    let axis = live.axis.as_ref()?;
    let first = live.timeline.first()?.minute;
    // x is minutes since the first minute, so the axis reads as local clock times.
    let minutes = |at: i64| (at - first) as f64 / 60_000.0;
    let (start, end) = (minutes(axis.from), minutes(axis.to));
    let peak = live.timeline.iter().map(|m| m.comments).max().unwrap_or(0).max(1);
    // Head room above the peak for the marker labels.
    let top = f64::from(peak) * 1.3 + 1.0;
    let axis_time = |x: &f64| local.time(first + (x * 60_000.0).round() as i64);
    // Labelled where the report says (whole minutes, each read once), not where plotters would
    // put round numbers of minutes ("19.00, 19.00, 19.01" on a short live).
    let x_axis = ClockAxis { minutes: (start..end).into(), ticks: axis.ticks.iter().map(|at| minutes(*at)).collect() };
    svg(320, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(32)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(x_axis, 0.0..top)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .axis_style(INK)
            .label_style(font(13))
            .y_labels(6)
            .x_label_formatter(&axis_time)
            .y_label_formatter(&|y| format!("{}", y.round() as i64))
            .y_desc("Komentar/menit")
            .axis_desc_style(font(13))
            .draw()?;
        for gap in &live.gaps {
            let span = [(minutes(gap.start), 0.0), (minutes(gap.end.unwrap_or(axis.to)), top)];
            chart.draw_series(std::iter::once(Rectangle::new(span, GAP.mix(0.6).filled())))?;
        }
        let points = live.timeline.iter().map(|m| (minutes(m.minute), f64::from(m.comments)));
        chart.draw_series(LineSeries::new(points, LINE.stroke_width(2)))?;
        for (index, marker) in live.markers.iter().enumerate() {
            let x = minutes(marker.at);
            let color = match marker.kind {
                MarkerKind::FlashSale => FLASH_SALE,
                MarkerKind::Slot => SLOT,
            };
            chart.draw_series(std::iter::once(PathElement::new(vec![(x, 0.0), (x, top)], color.stroke_width(1))))?;
            let label = format!("{}: {}", marker_name(marker.kind), shorten(&marker.label));
            // Labels near the right edge run leftwards from their line, so they stay inside.
            let (anchor, dx) = if (x - start) / (end - start) > 0.7 { (HPos::Right, -4) } else { (HPos::Left, 4) };
            let style = font(12).color(&color).pos(Pos::new(anchor, VPos::Top));
            let row = i32::try_from(index).unwrap_or(0) % LABEL_ROWS;
            let element = EmptyElement::at((x, top)) + Text::new(label, (dx, 2 + row * 15), style);
            chart.draw_series(std::iter::once(element))?;
        }
        Ok(())
    })
}

/// The timeline's x axis, in minutes since its first minute, labelled at the report's ticks
/// only. plotters' own `WithKeyPoints` over an `f64` range keeps that range's "no default
/// formatting", which its mesh refuses; this is the same idea with default formatting (the
/// labels come from `x_label_formatter` anyway).
struct ClockAxis {
    minutes: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ranged for ClockAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.minutes.map(value, limit)
    }

    /// The ticks as the bold points (grid line and label); no light grid lines.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() { vec![] } else { self.ticks.clone() }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.minutes.range()
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        label.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
    }
}

/// Horizontal bars, one row per `(label, value)` from the top, each labelled above its bar and
/// with its value (as `show` writes it) at the bar's end. `None` when there are no rows.
pub(super) fn bars(rows: &[(String, f64)], show: impl Fn(f64) -> String) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let count = rows.len() as f64;
    let max = rows.iter().map(|(_, value)| *value).fold(0.0, f64::max);
    // Room on the right for the value after the longest bar.
    let right = if max > 0.0 { max * 1.15 } else { 1.0 };
    let height = 60 + 44 * u32::try_from(rows.len()).unwrap_or(u32::MAX / 64);
    // Counts get axis labels at whole numbers only (no `0 0 1 1 2` from rounded halves).
    let whole = rows.iter().all(|(_, value)| value.fract() == 0.0);
    let axis_label = |x: &f64| if whole && x.fract() != 0.0 { String::new() } else { show(*x) };
    svg(height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(32)
            .x_label_area_size(30)
            .build_cartesian_2d(0.0..right, 0.0..count)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .axis_style(INK)
            .label_style(font(13))
            .x_labels(6)
            .x_label_formatter(&axis_label)
            .draw()?;
        for (index, (label, value)) in rows.iter().enumerate() {
            // Row 0 is drawn at the top: its band is [count - 1, count].
            let bottom = count - 1.0 - index as f64;
            let bar = Rectangle::new([(0.0, bottom + 0.1), (*value, bottom + 0.5)], LINE.filled());
            let name = EmptyElement::at((0.0, bottom + 1.0)) + Text::new(label.clone(), (4, 3), font(14));
            let amount = EmptyElement::at((*value, bottom + 0.3))
                + Text::new(show(*value), (6, 0), font(13).pos(Pos::new(HPos::Left, VPos::Center)));
            chart.draw_series(std::iter::once(bar))?;
            chart.draw_series(std::iter::once(name))?;
            chart.draw_series(std::iter::once(amount))?;
        }
        Ok(())
    })
}
