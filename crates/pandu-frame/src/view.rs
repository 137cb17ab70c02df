//! What the frame overlay page and the window are told about the frame on air: its size, the
//! boxes of its live widgets, its version and the safe zones in force.

use serde::Serialize;
use ts_rs::TS;

use super::load::Template;
use super::model::{Layer, SlotLayer};
use super::zones::SafeZones;

/// A live widget's box on the frame, for the overlay page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameWidget {
    /// `countdown`, `product_card` or `pinned_comment`.
    pub kind: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub slot: SlotLayer,
}

/// The frame on air, as overlay pages and the window show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameView {
    /// The template's id (its folder's name).
    pub template: String,
    pub name: String,
    /// Moves with every change that shows; `/overlay/frame.png?v=VERSION` is the PNG for it.
    #[ts(type = "number")]
    pub version: u64,
    pub width: u32,
    pub height: u32,
    pub widgets: Vec<FrameWidget>,
    /// The safe zones in force (`[frame.safe_zones]`, for 1080×1920), which the renderer warns
    /// by and the editor draws as guides.
    pub safe_zones: SafeZones,
    /// Why the frame on air is an older one (the template is refused now), in plain words.
    pub problem: Option<String>,
}

impl FrameView {
    /// The view of `template` (whose id is `id`) at `version`, with the zones in force.
    pub fn of(id: String, template: &Template, version: u64, safe_zones: SafeZones, problem: Option<String>) -> Self {
        let widgets = template
            .file
            .layers
            .iter()
            .filter_map(|layer| match layer {
                Layer::Countdown(slot) | Layer::ProductCard(slot) | Layer::PinnedComment(slot) => {
                    Some(FrameWidget { kind: layer.kind().into(), slot: slot.clone() })
                }
                _ => None,
            })
            .collect();
        FrameView {
            template: id,
            name: template.file.template.name.clone(),
            version,
            width: template.file.template.width,
            height: template.file.template.height,
            widgets,
            safe_zones,
            problem,
        }
    }
}
