//! What goes wrong with a template, said so a designer can find it: the file, the line (from the
//! TOML parser's spans) and the layer (by its `name`, else its number counting from 1).

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

/// A layer as messages name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "FrameLayerRef")]
pub struct LayerRef {
    /// Its position in the file, from 0.
    pub index: usize,
    pub name: Option<String>,
}

impl fmt::Display for LayerRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "layer {name:?}"),
            None => write!(f, "layer {}", self.index + 1),
        }
    }
}

/// A template refused, e.g. `overlays/novilla/template.toml:12: layer "Harga": unknown field 'colour'`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
pub struct FrameError {
    /// The file at fault: the template's `template.toml` (or the asset, for an unreadable one).
    pub path: String,
    /// 1-based, when the parser could point at one.
    pub line: Option<u32>,
    pub layer: Option<LayerRef>,
    pub message: String,
}

impl FrameError {
    pub(crate) fn new(path: &str, message: impl Into<String>) -> FrameError {
        FrameError { path: path.to_string(), line: None, layer: None, message: message.into() }
    }

    pub(crate) fn at(mut self, line: Option<u32>, layer: Option<LayerRef>) -> FrameError {
        self.line = line;
        self.layer = layer;
        self
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(layer) = &self.layer {
            write!(f, ": {layer}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Something a template may do but probably should not, e.g. text under TikTok's buttons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "FrameWarning")]
pub struct Warning {
    pub path: String,
    pub line: Option<u32>,
    pub layer: LayerRef,
    /// What is wrong, after the layer: `enters the right button column (x ≥ 910)`.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {} {}", self.layer, self.message)
    }
}
