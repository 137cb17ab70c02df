//! Fields: the `{product}`, `{price}`, ... a text layer holds, and the values that fill them.
//!
//! A frame's values come from several places; the caller layers them, highest first, with
//! [`Fields::set`] then [`Fields::or_set`]: explicit overrides (`--set KEY=VALUE`, the editor's
//! sample values), then the run sheet's current slot (`product`, `price`, `slot_ends`), then the
//! settings (`shop`, `official_account`). The template's own `[fields]` come last, as samples.
//! A field nothing sets is an error, not an empty string: an empty price on air looks broken.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The fields Pandu fills; a template may also define its own in `[fields]`.
pub const KNOWN_FIELDS: &[&str] = &["product", "price", "promo", "shop", "official_account", "slot_ends"];

/// Field values by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize, TS)]
#[ts(export, rename = "FrameFields")]
pub struct Fields(pub BTreeMap<String, String>);

impl Fields {
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Sets `name`, replacing any value it had.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Fields {
        self.0.insert(name.into(), value.into());
        self
    }

    /// Sets `name` only if nothing has set it yet (a lower-precedence source).
    pub fn or_set(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Fields {
        self.0.entry(name.into()).or_insert_with(|| value.into());
        self
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

/// Why a text could not be filled.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FillError {
    /// `{name}` and no value for it.
    Missing(String),
    /// A brace that opens no field or closes none.
    Syntax(String),
}

/// `text` with each `{name}` replaced by `value(name)`; `{{` and `}}` are literal braces.
pub(crate) fn fill<'v>(text: &str, value: impl Fn(&str) -> Option<&'v str>) -> Result<String, FillError> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        if tail.starts_with('}') {
            return Err(FillError::Syntax("a lone '}' (write '}}' for a brace)".into()));
        }
        let close =
            tail.find('}').ok_or_else(|| FillError::Syntax("a '{' with no '}' (write '{{' for a brace)".into()))?;
        let name = &tail[1..close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(FillError::Syntax(format!(
                "bad field {{{name}}}: a field name is lowercase letters, digits and '_' (write '{{{{' for a brace)"
            )));
        }
        out.push_str(value(name).ok_or_else(|| FillError::Missing(name.to_string()))?);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{FillError, fill};

    fn values(name: &str) -> Option<&'static str> {
        match name {
            "price" => Some("Rp 1.299.000"),
            "shop" => Some("Novilla"),
            _ => None,
        }
    }

    #[test]
    fn fills_fields_and_keeps_escaped_braces() {
        assert_eq!(fill("{shop}: {price}", values), Ok("Novilla: Rp 1.299.000".into()));
        assert_eq!(fill("{{shop}} }}{{", values), Ok("{shop} }{".into()));
        assert_eq!(fill("no fields", values), Ok("no fields".into()));
    }

    #[test]
    fn a_field_without_a_value_or_a_stray_brace_is_an_error() {
        assert_eq!(fill("{product}", values), Err(FillError::Missing("product".into())));
        assert!(matches!(fill("{shop", values), Err(FillError::Syntax(_))));
        assert!(matches!(fill("a } b", values), Err(FillError::Syntax(_))));
        assert!(matches!(fill("{Shop Name}", values), Err(FillError::Syntax(_))));
    }

    #[test]
    fn the_first_source_to_set_a_field_wins() {
        let mut fields = super::Fields::new();
        fields.set("price", "Rp 99.000").or_set("price", "Rp 1").or_set("shop", "Avenco");
        assert_eq!((fields.get("price"), fields.get("shop")), (Some("Rp 99.000"), Some("Avenco")));
    }
}
