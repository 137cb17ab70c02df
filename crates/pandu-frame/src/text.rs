//! Text layers: laid out in their box with cosmic-text, drawn with tiny-skia.
//!
//! Layout: the text is shaped (HarfRust: kerning, ligatures, every script's rules) and wrapped
//! at word boundaries in the box's width at `size`. If it does not fit (more lines than
//! `max_lines`, taller than the box, or a word wider than the box), the largest size between
//! `min_size` and `size` that fits is found by bisection, in half-pixel steps. If even
//! `min_size` does not fit, long words break between letters and the last line that fits ends
//! with "…" (cosmic-text's ellipsizing). Text therefore never leaves its box.
//!
//! Drawing: glyph outlines become one tiny-skia path per layer, filled (and stroked first, for
//! an outline, so the stroke stays outside the letters), which gives exact anti-aliasing at any
//! size and a true outline rather than a dilated bitmap. Glyphs without an outline — colour
//! emoji, stored as bitmaps — are drawn from swash's rasterized image instead. The layer is
//! drawn into a pixmap of its own box (plus a margin), so the shadow can be made from its alpha
//! (tinted, box-blurred three times, which approximates a Gaussian) and the layer's opacity
//! applies once to the whole, outline included, as a designer expects.

use cosmic_text::{
    Align as CtAlign, Attrs, Buffer, Command, Ellipsize, EllipsizeHeightLimit, Family, FontSystem, LetterSpacing,
    Metrics, Shaping, Style, SwashCache, SwashContent, Wrap,
};
use tiny_skia::{Paint, PathBuilder, Pixmap, PixmapPaint, Stroke, Transform};

use super::color::Color;
use super::model::{Align, TextLayer, VAlign};

/// The box a text is laid out in, on the canvas, px.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextBox {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// The fonts and the glyph cache, borrowed for one render.
pub(crate) struct Typesetter<'a> {
    pub fonts: &'a mut FontSystem,
    pub glyphs: &'a mut SwashCache,
}

impl Typesetter<'_> {
    /// Draws `text` as `layer` says, in `area`, with every length multiplied by `scale`.
    pub(crate) fn draw(&mut self, canvas: &mut Pixmap, layer: &TextLayer, text: &str, area: TextBox, scale: f32) {
        let text = if layer.uppercase { text.to_uppercase() } else { text.to_string() };
        let buffer = self.layout(layer, &text, area, scale);
        let outline = layer.outline.as_ref().map(|o| (o.color, o.width * scale)).filter(|(_, width)| *width > 0.0);
        let shadow = layer.shadow.as_ref().map(|s| (s.color, s.x * scale, s.y * scale, s.blur * scale));
        let margin =
            (outline.map_or(0.0, |o| o.1) + shadow.map_or(0.0, |s| 2.0 * s.3) + layer.size * scale * 0.5).ceil() + 2.0;
        let (width, height) = ((area.w + 2.0 * margin).ceil() as u32, (area.h + 2.0 * margin).ceil() as u32);
        let Some(mut local) = Pixmap::new(width, height) else { return };

        let lines: Vec<_> = buffer.layout_runs().collect();
        let used = lines.last().map_or(0.0, |run| run.line_top + run.line_height);
        let top = match layer.valign {
            VAlign::Top => 0.0,
            VAlign::Middle => (area.h - used) / 2.0,
            VAlign::Bottom => area.h - used,
        };
        let mut path = PathBuilder::new();
        let mut bitmaps = Vec::new();
        for run in &lines {
            for glyph in run.glyphs {
                let physical = glyph.physical((margin, margin + top + run.line_y), 1.0);
                if let Some(commands) = self.glyphs.get_outline_commands(self.fonts, physical.cache_key) {
                    let x = margin + glyph.x + glyph.font_size * glyph.x_offset;
                    let y = margin + top + run.line_y - glyph.font_size * glyph.y_offset;
                    append_outline(&mut path, commands, x, y);
                } else if let Some(image) = self.glyphs.get_image(self.fonts, physical.cache_key) {
                    let at = (physical.x + image.placement.left, physical.y - image.placement.top);
                    bitmaps.push((glyph_pixmap(image, layer.color), at));
                }
            }
        }
        if let Some(path) = path.finish() {
            if let Some((color, width)) = outline {
                let stroke = Stroke { width: 2.0 * width, line_join: tiny_skia::LineJoin::Round, ..Stroke::default() };
                local.stroke_path(&path, &paint(color), &stroke, Transform::identity(), None);
            }
            local.fill_path(&path, &paint(layer.color), tiny_skia::FillRule::Winding, Transform::identity(), None);
        }
        for (bitmap, (x, y)) in bitmaps.iter().filter_map(|(bitmap, at)| bitmap.as_ref().map(|b| (b, at))) {
            local.draw_pixmap(*x, *y, bitmap.as_ref(), &PixmapPaint::default(), Transform::identity(), None);
        }

        let (left, top) = ((area.x - margin).round() as i32, (area.y - margin).round() as i32);
        if let Some((color, dx, dy, blur)) = shadow
            && let Some(shadow) = shadow_of(&local, color, blur)
        {
            let (x, y) = (left + dx.round() as i32, top + dy.round() as i32);
            let paint = PixmapPaint { opacity: layer.opacity, ..PixmapPaint::default() };
            canvas.draw_pixmap(x, y, shadow.as_ref(), &paint, Transform::identity(), None);
        }
        let paint = PixmapPaint { opacity: layer.opacity, ..PixmapPaint::default() };
        canvas.draw_pixmap(left, top, local.as_ref(), &paint, Transform::identity(), None);
    }

    /// The text shaped and wrapped at the largest size that fits, else ellipsized at the smallest.
    fn layout(&mut self, layer: &TextLayer, text: &str, area: TextBox, scale: f32) -> Buffer {
        let largest = layer.size * scale;
        let smallest = layer.min_size.unwrap_or(layer.size) * scale;
        let (buffer, fits) = self.shape(layer, text, area, largest);
        if fits {
            return buffer;
        }
        // Bisect in half-pixel steps: sizes `smallest + step * 0.5`, the largest that fits.
        let steps = ((largest - smallest) * 2.0).floor() as u32;
        let (mut low, mut high) = (0, steps); // fits(low) unknown until tried; fits(high) is false
        let mut best = None;
        while low < high {
            let middle = (low + high) / 2;
            let (buffer, fits) = self.shape(layer, text, area, smallest + middle as f32 * 0.5);
            if fits {
                best = Some(buffer);
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if let Some(buffer) = best {
            return buffer;
        }
        // Nothing fits: the smallest size, words broken if need be, cut with an ellipsis.
        let (mut buffer, _) = self.shape(layer, text, area, smallest);
        let line_height = smallest * layer.line_height;
        let room = ((area.h + 0.5) / line_height).floor().max(1.0) as usize;
        let lines = layer.max_lines.map_or(room, |max| room.min(max as usize));
        buffer.set_wrap(Wrap::WordOrGlyph);
        buffer.set_ellipsize(Ellipsize::End(EllipsizeHeightLimit::Lines(lines)));
        buffer.shape_until_scroll(self.fonts, false);
        buffer
    }

    /// `text` laid out at `size`, and whether it fits the box and `max_lines`.
    fn shape(&mut self, layer: &TextLayer, text: &str, area: TextBox, size: f32) -> (Buffer, bool) {
        let line_height = size * layer.line_height;
        let mut buffer = Buffer::new_empty(Metrics::new(size, line_height));
        let mut attrs = Attrs::new()
            .family(Family::Name(&layer.font))
            .weight(cosmic_text::Weight(layer.weight.0))
            .style(if layer.italic { Style::Italic } else { Style::Normal });
        if layer.letter_spacing != 0.0 {
            attrs.letter_spacing_opt = Some(LetterSpacing(layer.letter_spacing / layer.size));
        }
        let align = match layer.align {
            Align::Left => CtAlign::Left,
            Align::Center => CtAlign::Center,
            Align::Right => CtAlign::Right,
        };
        buffer.set_wrap(Wrap::Word);
        buffer.set_size(Some(area.w), None);
        buffer.set_text(text, &attrs, Shaping::Advanced, Some(align));
        buffer.shape_until_scroll(self.fonts, false);
        let (mut lines, mut widest) = (0usize, 0.0f32);
        for run in buffer.layout_runs() {
            lines += 1;
            widest = widest.max(run.line_w);
        }
        let fits = widest <= area.w + 0.5
            && lines as f32 * line_height <= area.h + 0.5
            && layer.max_lines.is_none_or(|max| lines <= max as usize);
        (buffer, fits)
    }
}

fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color.to_skia(1.0));
    paint.anti_alias = true;
    paint
}

/// Appends a glyph's outline (y up, from the baseline origin) at (`x`, `y`) on the canvas.
fn append_outline(path: &mut PathBuilder, commands: &[Command], x: f32, y: f32) {
    let at = |px: f32, py: f32| (x + px, y - py);
    for command in commands {
        match *command {
            Command::MoveTo(p) => {
                let (px, py) = at(p.x, p.y);
                path.move_to(px, py);
            }
            Command::LineTo(p) => {
                let (px, py) = at(p.x, p.y);
                path.line_to(px, py);
            }
            Command::QuadTo(c, p) => {
                let ((cx, cy), (px, py)) = (at(c.x, c.y), at(p.x, p.y));
                path.quad_to(cx, cy, px, py);
            }
            Command::CurveTo(c1, c2, p) => {
                let ((ax, ay), (bx, by), (px, py)) = (at(c1.x, c1.y), at(c2.x, c2.y), at(p.x, p.y));
                path.cubic_to(ax, ay, bx, by, px, py);
            }
            Command::Close => path.close(),
        }
    }
}

/// A rasterized glyph as a premultiplied pixmap: a colour bitmap as it is, a mask in `color`.
fn glyph_pixmap(image: &cosmic_text::SwashImage, color: Color) -> Option<Pixmap> {
    let mut pixmap = Pixmap::new(image.placement.width, image.placement.height)?;
    match image.content {
        SwashContent::Color => {
            for (to, from) in pixmap.pixels_mut().iter_mut().zip(image.data.chunks_exact(4)) {
                *to = tiny_skia::ColorU8::from_rgba(from[0], from[1], from[2], from[3]).premultiply();
            }
        }
        SwashContent::Mask => {
            for (to, &alpha) in pixmap.pixels_mut().iter_mut().zip(&image.data) {
                let a = (u16::from(alpha) * u16::from(color.a) / 255) as u8;
                *to = tiny_skia::ColorU8::from_rgba(color.r, color.g, color.b, a).premultiply();
            }
        }
        SwashContent::SubpixelMask => return None,
    }
    Some(pixmap)
}

/// `local`'s alpha, blurred by `blur` px and tinted `color`.
fn shadow_of(local: &Pixmap, color: Color, blur: f32) -> Option<Pixmap> {
    let (width, height) = (local.width() as usize, local.height() as usize);
    let mut alpha: Vec<u8> = local.pixels().iter().map(|p| p.alpha()).collect();
    let radius = (blur / 2.0).round() as usize;
    if radius > 0 {
        let mut scratch = vec![0u8; alpha.len()];
        for _ in 0..3 {
            box_blur(&alpha, &mut scratch, width, height, radius, true);
            box_blur(&scratch, &mut alpha, width, height, radius, false);
        }
    }
    let mut shadow = Pixmap::new(width as u32, height as u32)?;
    for (to, &a) in shadow.pixels_mut().iter_mut().zip(&alpha) {
        let a = (u16::from(a) * u16::from(color.a) / 255) as u8;
        *to = tiny_skia::ColorU8::from_rgba(color.r, color.g, color.b, a).premultiply();
    }
    Some(shadow)
}

/// One box-blur pass of `radius` along rows (`horizontal`) or columns, `from` into `to`.
fn box_blur(from: &[u8], to: &mut [u8], width: usize, height: usize, radius: usize, horizontal: bool) {
    let (lines, length) = if horizontal { (height, width) } else { (width, height) };
    let index = |line: usize, i: usize| if horizontal { line * width + i } else { i * width + line };
    let window = (2 * radius + 1) as u32;
    for line in 0..lines {
        let value = |i: isize| -> u32 {
            if i < 0 || i as usize >= length { 0 } else { u32::from(from[index(line, i as usize)]) }
        };
        let mut sum: u32 = (-(radius as isize)..=radius as isize).map(value).sum();
        for i in 0..length {
            to[index(line, i)] = (sum / window) as u8;
            sum += value(i as isize + radius as isize + 1);
            sum -= value(i as isize - radius as isize);
        }
    }
}
