//! Promo frames: the templates designers edit, the renderer that turns one into a PNG, and the
//! template library a running Pandu keeps ([`Library`]).
//!
//! A frame is what a live wears over the camera: the brand's colours and logo, the promo of the
//! day, the product and price, and the line saying the shop lives only on its one official
//! account. A template is a folder, `overlays/<id>/`, holding `template.toml` (a canvas, sample
//! `[fields]` and `[[layer]]`s: `rect`, `image`, `text`, and the live widget slots `countdown`,
//! `product_card` and `pinned_comment`) and its assets. The file contract is documented for
//! designers in `overlays/README.md`.
//!
//! ```text
//!  template.toml + assets ──Template::load──► Template ──Renderer::render(fields)──► PNG
//!   (parsed, checked, images decoded,          │           (cached by content)
//!    fonts read; refused with file:line:layer)  └──check(fields, zones)──► warnings
//! ```
//!
//! # Design
//!
//! - **Refuse early, name the place.** Loading parses and checks everything that does not depend
//!   on the fields: TOML syntax, layer kinds, unknown properties, values, boxes inside the
//!   canvas, assets inside the folder and decodable, fonts known. Rendering then only fails for
//!   a field nothing sets. Every [`FrameError`] names `template.toml`, the line and the layer;
//!   the app keeps the previous good frame on air when one comes back.
//! - **The same pixels everywhere.** Only bundled fonts (and a template's own) are used; the
//!   fallback order is fixed ([`fonts`]); drawing is tiny-skia, pure Rust with no GPU or OS
//!   rasterizer. So the golden-image tests hold on every machine, and the PNG the designer
//!   previews is the one the stream shows.
//! - **Why tiny-skia + cosmic-text + image.** tiny-skia is a small, pure-Rust Skia subset:
//!   anti-aliased paths, gradients, image patterns with good filtering, and it builds for
//!   Windows without a C toolchain. cosmic-text does what real text needs and is hard to do by
//!   hand: shaping with HarfRust (kerning, ligatures, complex scripts), bidi, line breaking,
//!   font fallback per character, and an ellipsis; its swash rasterizer draws colour emoji
//!   bitmaps (CBDT, as in Noto Color Emoji) and gives glyph outlines, which tiny-skia fills and
//!   strokes for true outlines. The alternatives: `ab_glyph`/`fontdue` rasterize but neither
//!   shapes nor falls back; resvg would mean generating SVG and still needs a text stack;
//!   a browser would be a 100 MB dependency. `image` decodes PNG/JPEG assets and encodes the
//!   frame with fast deflate (a frame is mostly transparent).
//! - **Widget slots are not drawn into the frame.** The countdown, product card and pinned
//!   comment change every second; the overlay page draws them in HTML over the frame PNG, in
//!   the slots' boxes with their style. The preview ([`RenderOptions::preview`]) draws each as
//!   a labelled box.
//! - **Cache whole frames, not layers.** A full re-render at 1080×1920 takes a few milliseconds
//!   plus the PNG encode, so the [`Renderer`] caches only finished PNGs, keyed by content.
//!
//! # Use
//!
//! ```no_run
//! use pandu_frame::{Fields, RenderOptions, Renderer, Template};
//! let template = Template::load("overlays/novilla".as_ref())?;
//! let mut fields = Fields::new();
//! fields.set("price", "Rp 1.299.000").set("official_account", "@novilla.official");
//! let mut renderer = Renderer::new();
//! let frame = renderer.render(&template, &fields, &RenderOptions::default())?;
//! std::fs::write("frame.png", &frame.png)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod color;
pub mod edit;
mod error;
mod fields;
pub mod fonts;
mod library;
mod load;
mod model;
mod paint;
mod render;
mod text;
mod view;
mod zones;

pub use color::Color;
pub use error::{FrameError, LayerRef, Warning};
pub use fields::{Fields, KNOWN_FIELDS};
pub use library::{FrameDocument, FrameEdit, FramePreview, FrameTemplateEntry, Library, LibraryError, OnAir};
pub use load::{TEMPLATE_FILE, Template, TemplateSummary};
pub use model::{
    Align, Border, Bounds, Fit, Gradient, ImageLayer, Layer, Outline, RectLayer, Shadow, SlotLayer, SlotStyle,
    TemplateFile, TemplateInfo, TextLayer, VAlign, Weight,
};
pub use render::{CACHE_SIZE, RenderOptions, Rendered, Renderer, check};
pub use view::{FrameView, FrameWidget};
pub use zones::SafeZones;
