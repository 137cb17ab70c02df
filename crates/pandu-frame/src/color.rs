//! Colours as designers write them: `#RGB`, `#RRGGBB` or `#RRGGBBAA`.

use std::fmt;
use std::str::FromStr;

/// A straight (not premultiplied) sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const WHITE: Color = Color { r: 255, g: 255, b: 255, a: 255 };
    pub const BLACK: Color = Color { r: 0, g: 0, b: 0, a: 255 };

    /// The colour for tiny-skia, with `opacity` (0..=1) multiplied into its alpha.
    pub(crate) fn to_skia(self, opacity: f32) -> tiny_skia::Color {
        tiny_skia::Color::from_rgba8(
            self.r,
            self.g,
            self.b,
            (f32::from(self.a) * opacity.clamp(0.0, 1.0)).round() as u8,
        )
    }
}

impl FromStr for Color {
    type Err = String;

    fn from_str(text: &str) -> Result<Color, String> {
        let bad = || format!("bad colour {text:?}: write #RGB, #RRGGBB or #RRGGBBAA");
        let hex = text.strip_prefix('#').filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit())).ok_or_else(bad)?;
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).expect("checked hex digits");
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex digits");
        match hex.len() {
            3 => Ok(Color { r: digit(0) * 17, g: digit(1) * 17, b: digit(2) * 17, a: 255 }),
            6 => Ok(Color { r: byte(0), g: byte(2), b: byte(4), a: 255 }),
            8 => Ok(Color { r: byte(0), g: byte(2), b: byte(4), a: byte(6) }),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)?;
        if self.a != 255 {
            write!(f, "{:02X}", self.a)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Color, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl ts_rs::TS for Color {
    type WithoutGenerics = Color;
    type OptionInnerType = Color;

    fn name(_: &ts_rs::Config) -> String {
        "string".into()
    }

    fn inline(_: &ts_rs::Config) -> String {
        "string".into()
    }
}

#[cfg(test)]
mod tests {
    use super::Color;

    #[test]
    fn parses_the_three_forms_and_prints_the_short_one_back() {
        assert_eq!("#fff".parse(), Ok(Color::WHITE));
        assert_eq!("#1F3B2D".parse(), Ok(Color { r: 0x1F, g: 0x3B, b: 0x2D, a: 255 }));
        let translucent: Color = "#00000080".parse().unwrap();
        assert_eq!(translucent.a, 0x80);
        assert_eq!(translucent.to_string(), "#00000080");
        for bad in ["fff", "#ffff", "#12345g", "red", "#"] {
            assert!(bad.parse::<Color>().unwrap_err().contains("bad colour"), "{bad}");
        }
    }
}
