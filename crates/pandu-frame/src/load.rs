//! Reading a template: `template.toml` parsed and checked, its images decoded and its fonts read,
//! once, so rendering never touches the disk and a broken template is refused before it is drawn.
//!
//! Errors are located in two steps. The TOML parser reports a byte span for a syntax error and
//! for a value of the wrong type or an unknown property; the span gives the line, and the
//! `[[layer]]` header before it gives the layer. The checks after parsing (a box outside the
//! canvas, a missing asset, an unknown font) know their layer and report the line of its
//! header, or of the offending property where it can be found.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::{FrameError, LayerRef};
use super::fields::{self, Fields, FillError};
use super::fonts::{self, BUNDLED_FAMILIES};
use super::model::{Layer, TemplateFile, TemplateInfo};

/// The file every template folder holds.
pub const TEMPLATE_FILE: &str = "template.toml";

/// The largest canvas side accepted, px (4K portrait and then some).
const MAX_SIDE: u32 = 4096;

/// A template, parsed and checked, with its assets in memory.
#[derive(Clone, Debug)]
pub struct Template {
    /// The folder's name: the template's id (`novilla`).
    pub id: String,
    pub dir: PathBuf,
    /// `template.toml`'s path as messages show it.
    pub path: String,
    /// What the file says.
    pub file: TemplateFile,
    /// Each layer's `[[layer]]` line, 1-based.
    pub(crate) layer_lines: Vec<u32>,
    /// The file's text, to find a property's line for a message.
    pub(crate) source: String,
    /// Decoded images by their `file` property, premultiplied for drawing.
    pub(crate) images: HashMap<String, Arc<tiny_skia::Pixmap>>,
    /// The fonts in the template's folder.
    pub(crate) fonts: Vec<Arc<Vec<u8>>>,
    /// A hash of the text and every asset: equal digests render equal frames.
    pub(crate) digest: u64,
}

/// What a template list shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "FrameTemplateSummary")]
pub struct TemplateSummary {
    pub id: String,
    pub name: String,
    pub width: u32,
    pub height: u32,
    /// How many widget slots of each kind it has (`countdown`, `product_card`, `pinned_comment`).
    pub slots: BTreeMap<String, u32>,
}

impl Template {
    /// Reads `dir/template.toml` and the assets it names.
    pub fn load(dir: &Path) -> Result<Template, FrameError> {
        let file = dir.join(TEMPLATE_FILE);
        let text = std::fs::read_to_string(&file)
            .map_err(|error| FrameError::new(&file.display().to_string(), format!("cannot read it: {error}")))?;
        Template::parse(&text, dir)
    }

    /// Parses `text` as `dir/template.toml` (e.g. the editor's unsaved draft), reading the assets
    /// from `dir`.
    pub fn parse(text: &str, dir: &Path) -> Result<Template, FrameError> {
        let path = dir.join(TEMPLATE_FILE).display().to_string();
        let headers = layer_headers(text);
        let file = parse_file(text, &path, &headers)?;
        let mut template = Template {
            id: dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default(),
            dir: dir.to_path_buf(),
            path,
            file,
            layer_lines: headers.iter().map(|&(_, line)| line).collect(),
            source: text.to_string(),
            images: HashMap::new(),
            fonts: Vec::new(),
            digest: 0,
        };
        let mut hasher = std::hash::DefaultHasher::new();
        text.hash(&mut hasher);
        template.load_fonts(&mut hasher)?;
        template.check_layers(&mut hasher)?;
        template.digest = hasher.finish();
        Ok(template)
    }

    pub fn summary(&self) -> TemplateSummary {
        let mut slots = BTreeMap::new();
        for layer in self.file.layers.iter().filter(|layer| layer.is_slot()) {
            *slots.entry(layer.kind().to_string()).or_insert(0) += 1;
        }
        TemplateSummary {
            id: self.id.clone(),
            name: self.file.template.name.clone(),
            width: self.file.template.width,
            height: self.file.template.height,
            slots,
        }
    }

    /// Layer `index` as messages name it.
    pub(crate) fn layer_ref(&self, index: usize) -> LayerRef {
        LayerRef { index, name: self.file.layers[index].name().map(str::to_string) }
    }

    /// An error about layer `index`, at the line of its `property` if that can be found, else
    /// at its `[[layer]]` line.
    pub(crate) fn layer_error(&self, index: usize, property: &str, message: impl Into<String>) -> FrameError {
        let header = self.layer_lines.get(index).copied();
        let line = header.map(|header| property_line(&self.source, header, property).unwrap_or(header));
        FrameError::new(&self.path, message).at(line, Some(self.layer_ref(index)))
    }

    /// Each text layer's text with its fields filled: `fields` first, then the template's own
    /// `[fields]`.
    pub(crate) fn texts(&self, fields: &Fields) -> Result<Vec<Option<String>>, FrameError> {
        let value = |name: &str| fields.get(name).or_else(|| self.file.fields.get(name).map(String::as_str));
        let filled = self.file.layers.iter().enumerate().map(|(index, layer)| {
            let Layer::Text(text) = layer else { return Ok(None) };
            fields::fill(&text.text, value).map(Some).map_err(|error| match error {
                FillError::Missing(name) => self.layer_error(
                    index,
                    "text",
                    format!(
                        "the field {{{name}}} has no value: set it in [fields], the settings or with --set {name}=..."
                    ),
                ),
                FillError::Syntax(message) => self.layer_error(index, "text", message),
            })
        });
        filled.collect()
    }

    /// Reads every font file in the folder.
    fn load_fonts(&mut self, hasher: &mut impl Hasher) -> Result<(), FrameError> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Ok(()) };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| fonts::is_font_file(&path.to_string_lossy()))
            .collect();
        files.sort();
        for file in files {
            let font = std::fs::read(&file)
                .map_err(|error| FrameError::new(&file.display().to_string(), format!("cannot read it: {error}")))?;
            font.hash(hasher);
            self.fonts.push(Arc::new(font));
        }
        Ok(())
    }

    /// Checks each layer's box, values, font and asset, decoding the images.
    fn check_layers(&mut self, hasher: &mut impl Hasher) -> Result<(), FrameError> {
        let info = &self.file.template;
        if info.width == 0 || info.height == 0 || info.width > MAX_SIDE || info.height > MAX_SIDE {
            let line = property_line(&self.source, 1, "width").or(property_line(&self.source, 1, "height"));
            return Err(FrameError::new(
                &self.path,
                format!("the canvas is {}×{}: each side must be 1..{MAX_SIDE} px", info.width, info.height),
            )
            .at(line, None));
        }
        let families: Vec<String> = BUNDLED_FAMILIES
            .iter()
            .map(|family| family.to_string())
            .chain(self.fonts.iter().flat_map(|font| fonts::families_in(font)))
            .collect();
        for index in 0..self.file.layers.len() {
            self.check_box(index)?;
            let layer = self.file.layers[index].clone();
            let font = match &layer {
                Layer::Text(text) => {
                    self.check_text(index, text)?;
                    Some(&text.font)
                }
                Layer::Countdown(slot) | Layer::ProductCard(slot) | Layer::PinnedComment(slot) => {
                    Some(&slot.style.font)
                }
                Layer::Image(image) => {
                    self.check_unit(index, "opacity", image.opacity)?;
                    self.load_image(index, &image.file, hasher)?;
                    None
                }
                Layer::Rect(rect) => {
                    self.check_unit(index, "opacity", rect.opacity)?;
                    None
                }
            };
            if let Some(font) = font
                && !families.iter().any(|family| family == font)
            {
                return Err(self.layer_error(
                    index,
                    "font",
                    format!(
                        "no font {font:?}: use one of {} or put its .ttf/.otf file in the template's folder",
                        families.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Refuses a box that is empty or reaches outside the canvas.
    fn check_box(&self, index: usize) -> Result<(), FrameError> {
        let (width, height) = (i64::from(self.file.template.width), i64::from(self.file.template.height));
        let b = self.file.layers[index].bounds();
        let (x, y, w, h) = (i64::from(b.x), i64::from(b.y), i64::from(b.w), i64::from(b.h));
        let property = if x < 0 || x + w > width {
            if x < 0 { "x" } else { "w" }
        } else if y < 0 || y + h > height {
            if y < 0 { "y" } else { "h" }
        } else if w == 0 || h == 0 {
            if w == 0 { "w" } else { "h" }
        } else {
            return Ok(());
        };
        let message = if w == 0 || h == 0 {
            format!("the box is empty ({w}×{h})")
        } else {
            format!("the box x={x} y={y} w={w} h={h} reaches outside the {width}×{height} canvas")
        };
        Err(self.layer_error(index, property, message))
    }

    fn check_text(&self, index: usize, text: &super::model::TextLayer) -> Result<(), FrameError> {
        self.check_unit(index, "opacity", text.opacity)?;
        if !(text.size > 0.0 && text.size <= 1000.0) {
            return Err(self.layer_error(index, "size", format!("bad size {}: 1..1000 px", text.size)));
        }
        if let Some(min) = text.min_size
            && !(min > 0.0 && min <= text.size)
        {
            return Err(self.layer_error(index, "min_size", format!("bad min_size {min}: above 0, at most size")));
        }
        if !(text.line_height > 0.2 && text.line_height <= 5.0) {
            return Err(self.layer_error(index, "line_height", "bad line_height: a multiple of the size, 0.2..5"));
        }
        if text.max_lines == Some(0) {
            return Err(self.layer_error(index, "max_lines", "bad max_lines 0: at least 1"));
        }
        for (property, width) in
            [("outline", text.outline.as_ref().map(|o| o.width)), ("shadow", text.shadow.as_ref().map(|s| s.blur))]
        {
            if let Some(width) = width
                && !(0.0..=100.0).contains(&width)
            {
                return Err(self.layer_error(index, property, format!("bad {property} width {width}: 0..100 px")));
            }
        }
        // A stray brace is refused now; a field without a value only when rendering.
        match fields::fill(&text.text, |_| Some("")) {
            Err(FillError::Syntax(message)) => Err(self.layer_error(index, "text", message)),
            _ => Ok(()),
        }
    }

    fn check_unit(&self, index: usize, property: &str, value: f32) -> Result<(), FrameError> {
        if (0.0..=1.0).contains(&value) {
            Ok(())
        } else {
            Err(self.layer_error(index, property, format!("bad {property} {value}: 0.0..1.0")))
        }
    }

    /// Decodes `file` (inside the template's folder) once, however many layers use it.
    fn load_image(&mut self, index: usize, file: &str, hasher: &mut impl Hasher) -> Result<(), FrameError> {
        if self.images.contains_key(file) {
            return Ok(());
        }
        let relative = Path::new(file);
        if file.is_empty() || !relative.components().all(|part| matches!(part, Component::Normal(_))) {
            return Err(self.layer_error(
                index,
                "file",
                format!("the file {file:?} must be inside the template's folder (no '..', no absolute path)"),
            ));
        }
        let path = self.dir.join(relative);
        let bytes = std::fs::read(&path).map_err(|error| {
            self.layer_error(index, "file", format!("cannot read the image {}: {error}", path.display()))
        })?;
        bytes.hash(hasher);
        let pixmap = decode_image(&bytes).map_err(|error| {
            self.layer_error(index, "file", format!("cannot decode the image {}: {error}", path.display()))
        })?;
        self.images.insert(file.to_string(), Arc::new(pixmap));
        Ok(())
    }
}

/// A PNG or JPEG as a premultiplied pixmap. Its size is read from its header and checked before
/// any pixel is: a file of a few hundred bytes can claim 20,000 × 20,000 pixels, which the
/// decoder would set aside memory for (fuzzing found 512 MiB taken for 220 bytes).
fn decode_image(bytes: &[u8]) -> Result<tiny_skia::Pixmap, String> {
    let format = image::guess_format(bytes).map_err(|error| error.to_string())?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(format!("{format:?} is not supported: use PNG or JPEG"));
    }
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (width, height) = reader().into_dimensions().map_err(|error| error.to_string())?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "it is {width}×{height} px: at most {MAX_SIDE} px a side, the largest canvas; make it smaller"
        ));
    }
    let rgba = reader().decode().map_err(|error| error.to_string())?.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("the image is empty")?;
    for (to, from) in pixmap.pixels_mut().iter_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = from.0;
        *to = tiny_skia::ColorU8::from_rgba(r, g, b, a).premultiply();
    }
    Ok(pixmap)
}

/// Every `[[layer]]` header: its byte offset and 1-based line.
fn layer_headers(text: &str) -> Vec<(usize, u32)> {
    let mut headers = Vec::new();
    let mut offset = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("[[")
            && rest.trim_start().strip_prefix("layer").is_some_and(|rest| rest.trim_start().starts_with("]]"))
        {
            headers.push((offset, number as u32 + 1));
        }
        offset += line.len();
    }
    headers
}

/// The 1-based line of `property = ...` in the layer whose header is on line `header`.
fn property_line(text: &str, header: u32, property: &str) -> Option<u32> {
    for (number, line) in text.lines().enumerate().skip(header as usize) {
        let line = line.trim_start();
        if line.starts_with("[[") {
            break;
        }
        let key = line.split('=').next().unwrap_or("").trim().trim_matches('"');
        if line.contains('=') && key == property {
            return Some(number as u32 + 1);
        }
    }
    None
}

/// The 1-based line holding byte `offset`.
fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// Parses the file into the model, locating a failure by line and layer.
///
/// The `[[layer]]`s are not parsed as one tagged enum: serde buffers such an enum's fields and
/// the parser's spans are lost, so an error could name only the array. Instead each layer's
/// text (its header up to the next) is parsed alone into the struct its `kind` names, with the
/// `kind` line blanked out, and the spans are shifted back to the whole file.
fn parse_file(text: &str, path: &str, headers: &[(usize, u32)]) -> Result<TemplateFile, FrameError> {
    #[derive(Deserialize)]
    struct Head {
        template: TemplateInfo,
        #[serde(default)]
        fields: BTreeMap<String, String>,
        #[serde(default)]
        layer: Vec<toml::Table>,
    }
    let here = |offset: usize| Locator { text, path, headers, offset };
    let head: Head = toml::from_str(text).map_err(|error| here(0).error(&error, "bad TOML"))?;
    // Each layer is read from the text between its `[[layer]]` line and the next, so every
    // layer needs that line of its own: `layer = [{…}]` has none (and used to panic here), a
    // `[[layer]]` inside a string is one too many.
    if head.layer.len() != headers.len() {
        let inline = text.lines().position(|line| {
            line.trim_start().strip_prefix("layer").is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        return Err(FrameError::new(
            path,
            format!(
                "{} layers but {} [[layer]] lines: write each layer as a [[layer]] table of its own (not \
                 layer = [...]), and no [[layer]] line inside a string",
                head.layer.len(),
                headers.len()
            ),
        )
        .at(inline.map(|index| index as u32 + 1), None));
    }
    let mut layers = Vec::with_capacity(head.layer.len());
    for (index, table) in head.layer.iter().enumerate() {
        let (start, line) = headers[index];
        let end = headers.get(index + 1).map_or(text.len(), |&(offset, _)| offset);
        let layer = LayerRef { index, name: table.get("name").and_then(|n| n.as_str()).map(str::to_string) };
        let at = |property: &str| property_line(text, line, property).unwrap_or(line);
        let refuse = |property: &str, message: String| {
            FrameError::new(path, message).at(Some(at(property)), Some(layer.clone()))
        };
        let kind = match table.get("kind") {
            Some(toml::Value::String(kind)) => kind.as_str(),
            _ => return Err(refuse("kind", format!("a layer needs kind = one of {}", LAYER_KINDS.join(", ")))),
        };
        let segment = blank_kind(&text[start..end]);
        let locate = |error: toml::de::Error| here(start).error(&error, "refused");
        let parsed = match kind {
            "rect" => one(&segment).map(Layer::Rect),
            "image" => one(&segment).map(Layer::Image),
            "text" => one(&segment).map(Layer::Text),
            "countdown" => one(&segment).map(Layer::Countdown),
            "product_card" => one(&segment).map(Layer::ProductCard),
            "pinned_comment" => one(&segment).map(Layer::PinnedComment),
            other => {
                return Err(refuse("kind", format!("unknown kind {other:?}: use one of {}", LAYER_KINDS.join(", "))));
            }
        };
        layers.push(parsed.map_err(locate)?);
    }
    Ok(TemplateFile { template: head.template, fields: head.fields, layers })
}

/// The layer kinds, as written.
const LAYER_KINDS: &[&str] = &["rect", "image", "text", "countdown", "product_card", "pinned_comment"];

/// The one layer in a `[[layer]]` segment, as `T`.
fn one<T: serde::de::DeserializeOwned>(segment: &str) -> Result<T, toml::de::Error> {
    #[derive(Deserialize)]
    struct Segment<T> {
        layer: Vec<T>,
    }
    let segment: Segment<T> = toml::from_str(segment)?;
    Ok(segment.layer.into_iter().next().expect("a segment holds its [[layer]]"))
}

/// `segment` with its layer's `kind = ...` line turned into spaces (offsets and lines kept).
fn blank_kind(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut in_layer = true;
    for line in segment.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') && !trimmed.starts_with("[[") {
            in_layer = false; // a sub-table such as [layer.style]
        }
        let key = trimmed.split('=').next().unwrap_or("").trim();
        if in_layer && key == "kind" && trimmed.contains('=') {
            out.extend(line.chars().map(|c| if c == '\n' || c == '\r' { c } else { ' ' }));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Where a parser error happened: `offset` is where the parsed text starts in the file.
struct Locator<'a> {
    text: &'a str,
    path: &'a str,
    headers: &'a [(usize, u32)],
    offset: usize,
}

impl Locator<'_> {
    /// The error with its line and, inside a `[[layer]]`, the layer.
    fn error(&self, error: &toml::de::Error, what: &str) -> FrameError {
        let message = error.message().trim().replace('`', "'");
        let message = if what == "bad TOML" && error.span().is_some_and(|_| is_syntax(&message)) {
            format!("bad TOML: {message}")
        } else {
            message
        };
        let Some(span) = error.span() else { return FrameError::new(self.path, message) };
        let start = self.offset + span.start;
        let mut line = line_of(self.text, start);
        let layer = self
            .headers
            .iter()
            .rposition(|&(offset, _)| offset <= start)
            .map(|index| LayerRef { index, name: layer_name(self.text, self.headers, index) });
        // An unknown property may be reported at its table; point at the property itself.
        if let (Some(layer), Some(property)) = (&layer, unknown_field(&message))
            && let Some(found) = property_line(self.text, self.headers[layer.index].1, property)
        {
            line = found;
        }
        FrameError::new(self.path, message).at(Some(line), layer)
    }
}

/// Whether a parser message is about syntax rather than the model.
fn is_syntax(message: &str) -> bool {
    !(message.starts_with("unknown field")
        || message.starts_with("missing field")
        || message.starts_with("invalid type")
        || message.starts_with("bad "))
}

/// Layer `index`'s `name = "..."`, read from its segment.
fn layer_name(text: &str, headers: &[(usize, u32)], index: usize) -> Option<String> {
    let line = property_line(text, headers[index].1, "name")?;
    let value = text.lines().nth(line as usize - 1)?.split_once('=')?.1.trim();
    toml::from_str::<toml::Table>(&format!("name = {value}")).ok()?.get("name")?.as_str().map(str::to_string)
}

/// The property an "unknown field 'colour', expected ..." message names.
fn unknown_field(message: &str) -> Option<&str> {
    message.strip_prefix("unknown field '")?.split('\'').next()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_layer_headers_and_properties() {
        let text = "[template]\nname = \"x\"\n\n[[layer]]\nkind = \"rect\"\n  [[ layer ]]\ncolour = 1\n";
        let headers = super::layer_headers(text);
        assert_eq!(headers.iter().map(|h| h.1).collect::<Vec<_>>(), vec![4, 6]);
        assert_eq!(super::property_line(text, 6, "colour"), Some(7));
        assert_eq!(super::property_line(text, 4, "colour"), None);
    }
}
