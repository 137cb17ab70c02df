//! TikTok's safe zones: the parts of the portrait frame its own viewer UI covers.
//!
//! TikTok publishes no pixel figures for LIVE, so the defaults follow the common guidance for
//! portrait video at 1080×1920: the host's name and viewer count across the top 250 px, the
//! button column down the right 170 px, the bottom 420 px (comment box, gifts, shopping bag),
//! and above that the comment list on the bottom-left (x < 720, from y = 1150). They are
//! settings (`[frame.safe_zones]`), given for 1080×1920 and scaled for other canvases.
//!
//! Text and widget slots in a zone are warned about, not refused: a designer may know better for
//! a particular stream. Images and rectangles may sit in a zone: decoration under TikTok's UI
//! hides nothing that matters.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::Warning;
use super::load::Template;
use super::model::Bounds;

/// The zones, in px of a 1080×1920 canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, rename = "FrameSafeZones")]
pub struct SafeZones {
    /// Host name and viewer count: y < top.
    pub top: u32,
    /// The button column: x ≥ 1080 − right.
    pub right: u32,
    /// Comment box, gifts, shopping bag: y ≥ 1920 − bottom.
    pub bottom: u32,
    /// The comment list above the bottom zone: x < comments_width, from y = comments_top.
    pub comments_width: u32,
    pub comments_top: u32,
}

impl Default for SafeZones {
    fn default() -> SafeZones {
        SafeZones { top: 250, right: 170, bottom: 420, comments_width: 720, comments_top: 1150 }
    }
}

const REFERENCE: (f64, f64) = (1080.0, 1920.0);

/// A zone as a rectangle on the actual canvas, with how a message describes it.
struct Zone {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    describe: String,
}

impl SafeZones {
    /// The zones on a `width`×`height` canvas.
    fn zones(&self, width: u32, height: u32) -> [Zone; 4] {
        let (sx, sy) = (f64::from(width) / REFERENCE.0, f64::from(height) / REFERENCE.1);
        let (w, h) = (f64::from(width), f64::from(height));
        let top = f64::from(self.top) * sy;
        let right = w - f64::from(self.right) * sx;
        let bottom = h - f64::from(self.bottom) * sy;
        let comments_right = f64::from(self.comments_width) * sx;
        let comments_top = f64::from(self.comments_top) * sy;
        [
            Zone { left: 0.0, top: 0.0, right: w, bottom: top, describe: format!("the top bar (y < {top:.0})") },
            Zone {
                left: right,
                top: 0.0,
                right: w,
                bottom: h,
                describe: format!("the right button column (x ≥ {right:.0})"),
            },
            Zone {
                left: 0.0, top: bottom, right: w, bottom: h, describe: format!("the bottom bar (y ≥ {bottom:.0})")
            },
            Zone {
                left: 0.0,
                top: comments_top,
                right: comments_right,
                bottom,
                describe: format!("the comment area (x < {comments_right:.0}, {comments_top:.0} ≤ y < {bottom:.0})"),
            },
        ]
    }
}

fn enters(b: Bounds, zone: &Zone) -> bool {
    let (left, top) = (f64::from(b.x), f64::from(b.y));
    let (right, bottom) = (left + f64::from(b.w), top + f64::from(b.h));
    left < zone.right && right > zone.left && top < zone.bottom && bottom > zone.top
}

/// A warning for each text layer or widget slot that enters a zone, one per zone.
pub fn zone_warnings(template: &Template, zones: &SafeZones) -> Vec<Warning> {
    let info = &template.file.template;
    let zones = zones.zones(info.width, info.height);
    let mut warnings = Vec::new();
    for (index, layer) in template.file.layers.iter().enumerate() {
        if !(layer.is_slot() || matches!(layer, super::model::Layer::Text(_))) {
            continue;
        }
        for zone in zones.iter().filter(|zone| enters(layer.bounds(), zone)) {
            warnings.push(Warning {
                path: template.path.clone(),
                line: template.layer_lines.get(index).copied(),
                layer: template.layer_ref(index),
                message: format!("enters {}", zone.describe),
            });
        }
    }
    warnings
}
