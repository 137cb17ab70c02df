//! The renderer: a template and its fields in, a PNG out, with the last few frames cached.
//!
//! A [`Renderer`] owns what is costly to build and worth keeping between frames: the font
//! system (the bundled fonts parsed once, the template fonts added as templates are used), the
//! glyph cache (outlines and emoji bitmaps), and the PNGs of the last [`CACHE_SIZE`] renders,
//! keyed by the template's digest (its text and every asset), the filled texts, the size and
//! the preview flag. An unchanged frame is a hash and a copy; a price change re-renders
//! everything, which at 1080×1920 is well inside the 50 ms budget (see `benches/frame.rs`), so
//! there is no layer-level cache to keep coherent.

use std::collections::{HashSet, VecDeque};
use std::hash::{Hash, Hasher};

use cosmic_text::{FontSystem, SwashCache};
use tiny_skia::{Pixmap, Rect};

use super::error::{FrameError, Warning};
use super::fields::Fields;
use super::load::Template;
use super::model::{Align, Layer, TextLayer, VAlign, Weight};
use super::paint;
use super::text::{TextBox, Typesetter};
use super::zones::{SafeZones, zone_warnings};

/// How many rendered frames are kept.
pub const CACHE_SIZE: usize = 8;

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// The output size; the template's canvas if `None`. Boxes scale with each side, text and
    /// corner radii with the smaller factor.
    pub size: Option<(u32, u32)>,
    /// Draw the widget slots as labelled boxes (the designer's preview).
    pub preview: bool,
    /// The zones to warn about.
    pub safe_zones: SafeZones,
}

/// A rendered frame.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// RGBA PNG, transparent where the camera shows through.
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub warnings: Vec<Warning>,
    /// Whether this came from the cache.
    pub cached: bool,
}

/// Renders frames; keep one and reuse it (it caches fonts, glyphs and recent frames).
pub struct Renderer {
    fonts: FontSystem,
    glyphs: SwashCache,
    /// Digests of the template fonts already in `fonts`.
    template_fonts: HashSet<u64>,
    /// The most recent render last.
    cache: VecDeque<(u64, Rendered)>,
}

impl Default for Renderer {
    fn default() -> Renderer {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with the bundled fonts (about 50 ms: the fonts are parsed once, here).
    pub fn new() -> Renderer {
        Renderer {
            fonts: super::fonts::bundled_font_system(),
            glyphs: SwashCache::new(),
            template_fonts: HashSet::new(),
            cache: VecDeque::with_capacity(CACHE_SIZE),
        }
    }

    /// The frame as a PNG, from the cache if nothing that shows has changed.
    pub fn render(
        &mut self,
        template: &Template,
        fields: &Fields,
        options: &RenderOptions,
    ) -> Result<Rendered, FrameError> {
        let texts = template.texts(fields)?;
        let info = &template.file.template;
        let (width, height) = options.size.unwrap_or((info.width, info.height));
        if width == 0 || height == 0 || width > 8192 || height > 8192 {
            return Err(FrameError::new(
                &template.path,
                format!("cannot render at {width}×{height}: 1..8192 px a side"),
            ));
        }
        let mut hasher = std::hash::DefaultHasher::new();
        (template.digest, &texts, width, height, options.preview, options.safe_zones).hash(&mut hasher);
        let key = hasher.finish();
        if let Some(at) = self.cache.iter().position(|(k, _)| *k == key) {
            let (key, rendered) = self.cache.remove(at).expect("found just now");
            self.cache.push_back((key, rendered.clone()));
            return Ok(Rendered { cached: true, ..rendered });
        }

        let pixmap = self.draw(template, &texts, width, height, options.preview);
        let png = encode_png(&pixmap)
            .map_err(|error| FrameError::new(&template.path, format!("cannot encode the PNG: {error}")))?;
        let rendered =
            Rendered { png, width, height, warnings: zone_warnings(template, &options.safe_zones), cached: false };
        if self.cache.len() == CACHE_SIZE {
            self.cache.pop_front();
        }
        self.cache.push_back((key, rendered.clone()));
        Ok(rendered)
    }

    /// Draws every layer, in order, on a transparent canvas.
    fn draw(
        &mut self,
        template: &Template,
        texts: &[Option<String>],
        width: u32,
        height: u32,
        preview: bool,
    ) -> Pixmap {
        for font in &template.fonts {
            let mut hasher = std::hash::DefaultHasher::new();
            font.hash(&mut hasher);
            if self.template_fonts.insert(hasher.finish()) {
                self.fonts.db_mut().load_font_data(font.to_vec());
            }
        }
        let info = &template.file.template;
        let (sx, sy) = (width as f32 / info.width as f32, height as f32 / info.height as f32);
        let scale = sx.min(sy);
        let mut canvas = Pixmap::new(width, height).expect("the size was checked");
        let mut typesetter = Typesetter { fonts: &mut self.fonts, glyphs: &mut self.glyphs };
        for (layer, text) in template.file.layers.iter().zip(texts) {
            let b = layer.bounds();
            let (x, y, w, h) = (b.x as f32 * sx, b.y as f32 * sy, b.w as f32 * sx, b.h as f32 * sy);
            let Some(area) = Rect::from_xywh(x, y, w, h) else { continue };
            match layer {
                Layer::Rect(rect) => paint::draw_rect(&mut canvas, rect, area, scale),
                Layer::Image(image) => {
                    let picture = &template.images[&image.file];
                    paint::draw_image(&mut canvas, image, picture, area, scale);
                }
                Layer::Text(layer) => {
                    let text = text.as_deref().expect("every text layer has its text");
                    typesetter.draw(&mut canvas, layer, text, TextBox { x, y, w, h }, scale);
                }
                Layer::Countdown(slot) | Layer::ProductCard(slot) | Layer::PinnedComment(slot) if preview => {
                    paint::draw_slot_box(&mut canvas, area, &slot.style, scale);
                    let label = slot_label(layer, &slot.style);
                    let inset = 12.0 * scale;
                    let inner = TextBox {
                        x: x + inset,
                        y: y + inset,
                        w: (w - 2.0 * inset).max(1.0),
                        h: (h - 2.0 * inset).max(1.0),
                    };
                    typesetter.draw(&mut canvas, &label, &label.text, inner, scale);
                }
                Layer::Countdown(_) | Layer::ProductCard(_) | Layer::PinnedComment(_) => {}
            }
        }
        canvas
    }
}

/// The preview's label for a widget slot: its kind, in the slot's font and colour.
fn slot_label(layer: &Layer, style: &super::model::SlotStyle) -> TextLayer {
    let text = match layer {
        Layer::Countdown(_) => "⏱️ countdown",
        Layer::ProductCard(_) => "product_card",
        _ => "pinned_comment",
    };
    TextLayer {
        name: None,
        text: text.to_string(),
        x: 0,
        y: 0,
        w: 1,
        h: 1,
        font: style.font.clone(),
        size: 30.0,
        min_size: Some(12.0),
        weight: Weight(700),
        italic: false,
        color: style.color,
        align: Align::Center,
        valign: VAlign::Middle,
        line_height: 1.2,
        max_lines: Some(2),
        outline: None,
        shadow: None,
        uppercase: false,
        letter_spacing: 0.0,
        opacity: 1.0,
    }
}

/// The canvas as an RGBA PNG, un-premultiplied, compressed for speed: fast deflate and the
/// `Sub` filter (a frame is mostly transparent runs and flat fills, which both pack well; the
/// adaptive filter cost 4 ms more for a few per cent of size).
fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, image::ImageError> {
    use image::ImageEncoder;
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let mut png = Vec::with_capacity(rgba.len() / 8);
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    );
    encoder.write_image(&rgba, pixmap.width(), pixmap.height(), image::ExtendedColorType::Rgba8)?;
    Ok(png)
}

/// Everything but the drawing: the fields must fill every text; then the safe-zone warnings.
pub fn check(template: &Template, fields: &Fields, zones: &SafeZones) -> Result<Vec<Warning>, FrameError> {
    template.texts(fields)?;
    Ok(zone_warnings(template, zones))
}
