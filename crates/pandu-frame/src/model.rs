//! The layer model: what `template.toml` holds, as the editor sees and saves it.
//!
//! Every struct refuses properties it does not know (`deny_unknown_fields`), so a typo such as
//! `colour = ...` is an error that names its line rather than a setting silently ignored. Each
//! optional property has its default here, in one place; the designers' documentation of the
//! same contract is `overlays/README.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::color::Color;

/// The `[template]` table.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TemplateInfo {
    /// The display name ("Novilla — Sofa & Living").
    pub name: String,
    /// The canvas, in px: TikTok LIVE's portrait 1080×1920 unless set.
    #[serde(default = "default_width")]
    pub width: u32,
    #[serde(default = "default_height")]
    pub height: u32,
}

fn default_width() -> u32 {
    1080
}

fn default_height() -> u32 {
    1920
}

/// The whole file: `[template]`, `[fields]` (sample values) and the `[[layer]]`s in drawing order.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "FrameTemplateFile")]
pub struct TemplateFile {
    pub template: TemplateInfo,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default, rename = "layer")]
    pub layers: Vec<Layer>,
}

/// One layer, drawn in file order (later layers on top).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export, rename = "FrameLayer")]
pub enum Layer {
    Rect(RectLayer),
    Image(ImageLayer),
    Text(TextLayer),
    /// The flash-sale payment countdown, drawn live by the overlay page.
    Countdown(SlotLayer),
    /// The run sheet's current product, drawn live by the overlay page.
    ProductCard(SlotLayer),
    /// The comment the co-host pinned, drawn live by the overlay page.
    PinnedComment(SlotLayer),
}

/// Where a layer sits on the canvas, in px.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
}

impl Layer {
    /// The `kind` as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Layer::Rect(_) => "rect",
            Layer::Image(_) => "image",
            Layer::Text(_) => "text",
            Layer::Countdown(_) => "countdown",
            Layer::ProductCard(_) => "product_card",
            Layer::PinnedComment(_) => "pinned_comment",
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Layer::Rect(l) => l.name.as_deref(),
            Layer::Image(l) => l.name.as_deref(),
            Layer::Text(l) => l.name.as_deref(),
            Layer::Countdown(l) | Layer::ProductCard(l) | Layer::PinnedComment(l) => l.name.as_deref(),
        }
    }

    pub fn bounds(&self) -> Bounds {
        let (x, y, w, h) = match self {
            Layer::Rect(l) => (l.x, l.y, l.w, l.h),
            Layer::Image(l) => (l.x, l.y, l.w, l.h),
            Layer::Text(l) => (l.x, l.y, l.w, l.h),
            Layer::Countdown(l) | Layer::ProductCard(l) | Layer::PinnedComment(l) => (l.x, l.y, l.w, l.h),
        };
        Bounds { x, y, w, h }
    }

    /// A live widget slot: drawn by the overlay page, not into the frame.
    pub fn is_slot(&self) -> bool {
        matches!(self, Layer::Countdown(_) | Layer::ProductCard(_) | Layer::PinnedComment(_))
    }
}

/// A filled rectangle: a band, a card, a badge.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "FrameRect")]
pub struct RectLayer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
    /// A flat fill; transparent if neither this nor `gradient` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<Color>,
    /// A linear gradient; wins over `fill`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gradient: Option<Gradient>,
    #[serde(default)]
    pub radius: f32,
    #[serde(default = "one")]
    pub opacity: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<Border>,
}

/// `from` at the start, `to` at the end, along `angle` degrees (0 = left→right, 90 = top→bottom).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Gradient {
    pub from: Color,
    pub to: Color,
    #[serde(default)]
    pub angle: f32,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Border {
    pub color: Color,
    pub width: f32,
}

/// A PNG or JPEG from the template's folder.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "FrameImage")]
pub struct ImageLayer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Relative to the template's folder, inside it.
    pub file: String,
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
    #[serde(default)]
    pub fit: Fit,
    #[serde(default = "one")]
    pub opacity: f32,
    #[serde(default)]
    pub radius: f32,
}

/// How an image fills its box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// Whole image, centred, aspect kept (may leave bands).
    #[default]
    Contain,
    /// Fills the box, aspect kept, centred and cropped.
    Cover,
    /// Stretched to the box.
    Fill,
}

/// Text with fields, laid out in its box: wrapped, shrunk to fit, then cut with an ellipsis.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "FrameText")]
pub struct TextLayer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The text; `{field}` is replaced by the field's value, `{{` and `}}` write braces.
    pub text: String,
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
    #[serde(default = "default_font")]
    pub font: String,
    pub size: f32,
    /// The shrink-to-fit floor; the default is `size` (no shrinking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<f32>,
    #[serde(default)]
    pub weight: Weight,
    #[serde(default)]
    pub italic: bool,
    #[serde(default = "white")]
    pub color: Color,
    #[serde(default)]
    pub align: Align,
    #[serde(default)]
    pub valign: VAlign,
    /// A multiple of the size.
    #[serde(default = "default_line_height")]
    pub line_height: f32,
    /// After this many lines the text ends with "…"; the default is as many as fit in the box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_lines: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<Outline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow: Option<Shadow>,
    #[serde(default)]
    pub uppercase: bool,
    /// Extra space between letters, px.
    #[serde(default)]
    pub letter_spacing: f32,
    #[serde(default = "one")]
    pub opacity: f32,
}

/// A font weight: 100..=900, or a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(type = "number | \"regular\" | \"medium\" | \"semibold\" | \"bold\" | \"extrabold\"")]
pub struct Weight(pub u16);

impl Default for Weight {
    fn default() -> Weight {
        Weight(400)
    }
}

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Weight, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Number(i64),
            Name(String),
        }
        let bad = |what: &dyn std::fmt::Display| {
            serde::de::Error::custom(format!(
                "bad weight {what}: write 100..900 or regular, medium, semibold, bold, extrabold"
            ))
        };
        match Written::deserialize(deserializer)? {
            Written::Number(n) if (100..=900).contains(&n) => Ok(Weight(n as u16)),
            Written::Number(n) => Err(bad(&n)),
            Written::Name(name) => match name.as_str() {
                "thin" => Ok(Weight(100)),
                "light" => Ok(Weight(300)),
                "regular" | "normal" => Ok(Weight(400)),
                "medium" => Ok(Weight(500)),
                "semibold" => Ok(Weight(600)),
                "bold" => Ok(Weight(700)),
                "extrabold" => Ok(Weight(800)),
                "black" => Ok(Weight(900)),
                _ => Err(bad(&format!("{name:?}"))),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VAlign {
    #[default]
    Top,
    Middle,
    Bottom,
}

/// A stroke around each letter, outside it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub color: Color,
    pub width: f32,
}

/// A soft drop shadow under the text (and its outline).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Shadow {
    pub color: Color,
    #[serde(default)]
    pub x: f32,
    #[serde(default)]
    pub y: f32,
    #[serde(default)]
    pub blur: f32,
}

/// A live widget's box and how the overlay page should style it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, rename = "FrameSlot")]
pub struct SlotLayer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
    #[serde(default)]
    pub style: SlotStyle,
}

/// Every property has a default, so `[layer.style]` may be left out.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, rename = "FrameSlotStyle")]
pub struct SlotStyle {
    pub background: Color,
    pub color: Color,
    pub accent: Color,
    pub radius: f32,
    pub font: String,
}

impl Default for SlotStyle {
    fn default() -> SlotStyle {
        SlotStyle {
            background: Color { r: 0, g: 0, b: 0, a: 0xB3 },
            color: Color::WHITE,
            accent: Color { r: 0xF4, g: 0x51, b: 0x1E, a: 255 },
            radius: 24.0,
            font: default_font(),
        }
    }
}

fn one() -> f32 {
    1.0
}

fn white() -> Color {
    Color::WHITE
}

fn default_font() -> String {
    super::fonts::MAIN_FAMILY.to_string()
}

fn default_line_height() -> f32 {
    1.2
}
