//! Rectangles, images and the preview's slot boxes, drawn with tiny-skia.

use tiny_skia::{
    FillRule, FilterQuality, GradientStop, LinearGradient, Paint, Path, PathBuilder, Pattern, Pixmap, Point, Rect,
    Shader, SpreadMode, Stroke, Transform,
};

use super::model::{Fit, ImageLayer, RectLayer};

/// A rectangle with its corners rounded by `radius` (clamped to half the shorter side).
pub(crate) fn rounded_rect(rect: Rect, radius: f32) -> Option<Path> {
    let radius = radius.min(rect.width() / 2.0).min(rect.height() / 2.0).max(0.0);
    if radius < 0.5 {
        return Some(PathBuilder::from_rect(rect));
    }
    // A circle's quarter as a cubic: the control points sit this far along the tangents.
    const KAPPA: f32 = 0.552_284_8;
    let (l, t, r, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let k = radius * (1.0 - KAPPA);
    let mut path = PathBuilder::new();
    path.move_to(l + radius, t);
    path.line_to(r - radius, t);
    path.cubic_to(r - k, t, r, t + k, r, t + radius);
    path.line_to(r, b - radius);
    path.cubic_to(r, b - k, r - k, b, r - radius, b);
    path.line_to(l + radius, b);
    path.cubic_to(l + k, b, l, b - k, l, b - radius);
    path.line_to(l, t + radius);
    path.cubic_to(l, t + k, l + k, t, l + radius, t);
    path.close();
    path.finish()
}

/// A `rect` layer in `area`, lengths multiplied by `scale`.
pub(crate) fn draw_rect(canvas: &mut Pixmap, layer: &RectLayer, area: Rect, scale: f32) {
    let Some(path) = rounded_rect(area, layer.radius * scale) else { return };
    let shader = match &layer.gradient {
        Some(gradient) => {
            let (start, end) = gradient_ends(area, gradient.angle);
            let stops = vec![
                GradientStop::new(0.0, gradient.from.to_skia(layer.opacity)),
                GradientStop::new(1.0, gradient.to.to_skia(layer.opacity)),
            ];
            LinearGradient::new(start, end, stops, SpreadMode::Pad, Transform::identity())
        }
        None => layer.fill.map(|fill| Shader::SolidColor(fill.to_skia(layer.opacity))),
    };
    if let Some(shader) = shader {
        let paint = Paint { shader, anti_alias: true, ..Paint::default() };
        canvas.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
    }
    if let Some(border) = &layer.border
        && border.width > 0.0
    {
        // Inside the box: inset by half the stroke so the whole border shows.
        let inset = border.width * scale / 2.0;
        let inner =
            Rect::from_ltrb(area.left() + inset, area.top() + inset, area.right() - inset, area.bottom() - inset);
        if let Some(inner) = inner.and_then(|inner| rounded_rect(inner, (layer.radius * scale - inset).max(0.0))) {
            let mut paint = Paint::default();
            paint.set_color(border.color.to_skia(layer.opacity));
            paint.anti_alias = true;
            let stroke = Stroke { width: border.width * scale, ..Stroke::default() };
            canvas.stroke_path(&inner, &paint, &stroke, Transform::identity(), None);
        }
    }
}

/// Where a gradient at `angle` degrees (0 = left→right, 90 = top→bottom) starts and ends so
/// that it spans the whole rectangle.
fn gradient_ends(area: Rect, angle: f32) -> (Point, Point) {
    let (sin, cos) = angle.to_radians().sin_cos();
    let half = (area.width() * cos.abs() + area.height() * sin.abs()) / 2.0;
    let (cx, cy) = (area.left() + area.width() / 2.0, area.top() + area.height() / 2.0);
    (Point::from_xy(cx - cos * half, cy - sin * half), Point::from_xy(cx + cos * half, cy + sin * half))
}

/// An `image` layer's `picture` in `area`, fitted, lengths multiplied by `scale`.
pub(crate) fn draw_image(canvas: &mut Pixmap, layer: &ImageLayer, picture: &Pixmap, area: Rect, scale: f32) {
    let (pw, ph) = (picture.width() as f32, picture.height() as f32);
    let (sx, sy) = match layer.fit {
        Fit::Fill => (area.width() / pw, area.height() / ph),
        Fit::Contain => {
            let s = (area.width() / pw).min(area.height() / ph);
            (s, s)
        }
        Fit::Cover => {
            let s = (area.width() / pw).max(area.height() / ph);
            (s, s)
        }
    };
    let (dw, dh) = (pw * sx, ph * sy);
    let (dx, dy) = (area.left() + (area.width() - dw) / 2.0, area.top() + (area.height() - dh) / 2.0);
    // What shows: the picture's rectangle, cropped to the box (for `cover`).
    let Some(shown) = Rect::from_xywh(dx, dy, dw, dh).and_then(|drawn| drawn.intersect(&area)) else { return };
    let Some(path) = rounded_rect(shown, layer.radius * scale) else { return };
    let quality = if sx < 1.0 || sy < 1.0 { FilterQuality::Bicubic } else { FilterQuality::Bilinear };
    let shader = Pattern::new(
        picture.as_ref(),
        SpreadMode::Pad,
        quality,
        layer.opacity,
        Transform::from_row(sx, 0.0, 0.0, sy, dx, dy),
    );
    let paint = Paint { shader, anti_alias: true, ..Paint::default() };
    canvas.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
}

/// The preview's stand-in for a widget slot: its background, a dashed edge in its accent.
pub(crate) fn draw_slot_box(canvas: &mut Pixmap, area: Rect, style: &super::model::SlotStyle, scale: f32) {
    let Some(path) = rounded_rect(area, style.radius * scale) else { return };
    let (background, accent) = (style.background, style.accent);
    let mut paint = Paint::default();
    paint.set_color(background.to_skia(0.85));
    paint.anti_alias = true;
    canvas.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
    paint.set_color(accent.to_skia(0.9));
    let dash = tiny_skia::StrokeDash::new(vec![14.0 * scale, 8.0 * scale], 0.0);
    let stroke = Stroke { width: 3.0 * scale, dash, ..Stroke::default() };
    canvas.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
}
