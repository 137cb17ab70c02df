//! What a shop knows about a product and about itself, as the co-host types it: the facts an
//! answer card reads from.
//!
//! Facts are phrases, not numbers: "voal premium, adem, tidak menerawang", "S, M, L (LD 100)",
//! "tinggal 20". The card puts them into a sentence as typed, so a shop never fights a form to
//! say what it would say out loud. Only COD is a yes or no.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A fact is a line or two; anything longer is a wrong paste.
pub const MAX_FACT_CHARS: usize = 1_000;
/// Free-form questions and answers per product.
pub const MAX_QA_PAIRS: usize = 50;

/// One free-form question and its answer ("bisa buat hamil?" → "bisa kak, bahannya melar").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct QaPair {
    pub question: String,
    pub answer: String,
}

/// A product's facts; every one optional, and an empty one is the same as none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ProductFacts {
    pub material: Option<String>,
    /// The sizes, with the size chart as text.
    pub sizes: Option<String>,
    pub colours: Option<String>,
    pub stock: Option<String>,
    /// The normal price; the slot's price when not set.
    pub price: Option<String>,
    /// The live's price; the slot's flash sale's when not set.
    pub promo_price: Option<String>,
    /// Couriers, dispatch time, free-shipping threshold; the shop's when not set.
    pub shipping: Option<String>,
    /// Cash on delivery; the shop's when not set.
    pub cod: Option<bool>,
    pub warranty: Option<String>,
    /// The returns policy; the shop's when not set.
    pub returns: Option<String>,
    pub qa: Vec<QaPair>,
}

/// The shop's own facts (Pengaturan, `[shop_facts]`), for every product whose facts do not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ShopFacts {
    pub shipping: Option<String>,
    pub cod: Option<bool>,
    pub warranty: Option<String>,
    pub returns: Option<String>,
    /// When customer service answers, e.g. "Senin–Sabtu 08.00–17.00".
    pub service_hours: Option<String>,
}

/// A fact a card can need, to say which one is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Fact {
    Material,
    Sizes,
    Colours,
    Stock,
    Price,
    PromoPrice,
    Shipping,
    Cod,
    Warranty,
    Returns,
}

impl Fact {
    pub const ALL: [Fact; 10] = [
        Fact::Material,
        Fact::Sizes,
        Fact::Colours,
        Fact::Stock,
        Fact::Price,
        Fact::PromoPrice,
        Fact::Shipping,
        Fact::Cod,
        Fact::Warranty,
        Fact::Returns,
    ];

    /// The fact's key in the API, the CSV and the reports.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Material => "material",
            Fact::Sizes => "sizes",
            Fact::Colours => "colours",
            Fact::Stock => "stock",
            Fact::Price => "price",
            Fact::PromoPrice => "promo_price",
            Fact::Shipping => "shipping",
            Fact::Cod => "cod",
            Fact::Warranty => "warranty",
            Fact::Returns => "returns",
        }
    }
}

impl std::str::FromStr for Fact {
    type Err = String;

    fn from_str(text: &str) -> Result<Fact, String> {
        Fact::ALL.into_iter().find(|fact| fact.key() == text).ok_or_else(|| {
            let keys: Vec<&str> = Fact::ALL.iter().map(|fact| fact.key()).collect();
            format!("no fact '{text}' (the facts are {})", keys.join(", "))
        })
    }
}

/// `Some` only for text with something in it.
fn filled(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|text| !text.is_empty())
}

impl ProductFacts {
    /// A text fact as typed, `None` when empty (`Cod` is not text: see [`ProductFacts::cod`]).
    pub fn text(&self, fact: Fact) -> Option<&str> {
        filled(match fact {
            Fact::Material => &self.material,
            Fact::Sizes => &self.sizes,
            Fact::Colours => &self.colours,
            Fact::Stock => &self.stock,
            Fact::Price => &self.price,
            Fact::PromoPrice => &self.promo_price,
            Fact::Shipping => &self.shipping,
            Fact::Warranty => &self.warranty,
            Fact::Returns => &self.returns,
            Fact::Cod => return None,
        })
    }

    /// A text fact to set; `None` for `Cod`, which is a yes or no.
    pub fn text_mut(&mut self, fact: Fact) -> Option<&mut Option<String>> {
        Some(match fact {
            Fact::Material => &mut self.material,
            Fact::Sizes => &mut self.sizes,
            Fact::Colours => &mut self.colours,
            Fact::Stock => &mut self.stock,
            Fact::Price => &mut self.price,
            Fact::PromoPrice => &mut self.promo_price,
            Fact::Shipping => &mut self.shipping,
            Fact::Warranty => &mut self.warranty,
            Fact::Returns => &mut self.returns,
            Fact::Cod => return None,
        })
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        Fact::ALL.into_iter().all(|fact| self.text(fact).is_none()) && self.cod.is_none() && self.qa.is_empty()
    }

    /// Checks what a person could get wrong; the message names the field (`at` is where these
    /// facts sit, e.g. `slots[2].facts`).
    pub fn validate(&self, at: &str) -> Result<(), String> {
        for fact in Fact::ALL {
            if let Some(text) = self.text(fact)
                && text.chars().count() > MAX_FACT_CHARS
            {
                return Err(format!("{at}.{}: at most {MAX_FACT_CHARS} characters", fact.key()));
            }
        }
        if self.qa.len() > MAX_QA_PAIRS {
            return Err(format!("{at}.qa: at most {MAX_QA_PAIRS} questions, not {}", self.qa.len()));
        }
        for (index, pair) in self.qa.iter().enumerate() {
            if pair.question.trim().is_empty() || pair.answer.trim().is_empty() {
                return Err(format!("{at}.qa[{index}]: a question needs both its question and its answer"));
            }
            if pair.question.chars().count() > MAX_FACT_CHARS || pair.answer.chars().count() > MAX_FACT_CHARS {
                return Err(format!("{at}.qa[{index}]: at most {MAX_FACT_CHARS} characters each"));
            }
            // One pair is one line of a spreadsheet cell, `question | answer` (src/clock/csv.rs).
            if pair.question.contains('|') || [&pair.question, &pair.answer].iter().any(|text| text.contains('\n')) {
                return Err(format!("{at}.qa[{index}]: one line each, and no '|' in the question"));
            }
        }
        Ok(())
    }

    /// These facts, each empty one taken from `older` (the product's facts from an earlier
    /// live), so a new sheet reuses what the shop already typed.
    pub fn or(mut self, older: &ProductFacts) -> ProductFacts {
        let fill = |mine: &mut Option<String>, theirs: &Option<String>| {
            if filled(mine).is_none() {
                mine.clone_from(theirs);
            }
        };
        fill(&mut self.material, &older.material);
        fill(&mut self.sizes, &older.sizes);
        fill(&mut self.colours, &older.colours);
        fill(&mut self.stock, &older.stock);
        fill(&mut self.price, &older.price);
        fill(&mut self.promo_price, &older.promo_price);
        fill(&mut self.shipping, &older.shipping);
        fill(&mut self.warranty, &older.warranty);
        fill(&mut self.returns, &older.returns);
        self.cod = self.cod.or(older.cod);
        if self.qa.is_empty() {
            self.qa.clone_from(&older.qa);
        }
        self
    }
}

impl ShopFacts {
    pub fn validate(&self) -> Result<(), String> {
        for (key, text) in [
            ("shipping", &self.shipping),
            ("warranty", &self.warranty),
            ("returns", &self.returns),
            ("service_hours", &self.service_hours),
        ] {
            if filled(text).is_some_and(|text| text.chars().count() > MAX_FACT_CHARS) {
                return Err(format!("{key}: at most {MAX_FACT_CHARS} characters"));
            }
        }
        Ok(())
    }

    /// A shop-wide text fact (shipping, warranty, returns), `None` when empty or not shop-wide.
    pub fn text(&self, fact: Fact) -> Option<&str> {
        filled(match fact {
            Fact::Shipping => &self.shipping,
            Fact::Warranty => &self.warranty,
            Fact::Returns => &self.returns,
            _ => return None,
        })
    }

    pub fn service_hours(&self) -> Option<&str> {
        filled(&self.service_hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_no_fact_and_older_facts_fill_the_gaps() {
        let new = ProductFacts { material: Some("  ".into()), sizes: Some("S, M".into()), ..Default::default() };
        assert_eq!(new.text(Fact::Material), None);
        let older = ProductFacts {
            material: Some("voal".into()),
            sizes: Some("L".into()),
            cod: Some(true),
            qa: vec![QaPair { question: "q".into(), answer: "a".into() }],
            ..Default::default()
        };
        let merged = new.or(&older);
        assert_eq!(
            (merged.text(Fact::Material), merged.text(Fact::Sizes), merged.cod, merged.qa.len()),
            (Some("voal"), Some("S, M"), Some(true), 1)
        );
        assert!(ProductFacts::default().is_empty() && !merged.is_empty());
    }

    #[test]
    fn validation_names_the_field() {
        let long = ProductFacts { stock: Some("x".repeat(MAX_FACT_CHARS + 1)), ..Default::default() };
        assert_eq!(long.validate("slots[1].facts").unwrap_err(), "slots[1].facts.stock: at most 1000 characters");
        let half =
            ProductFacts { qa: vec![QaPair { question: "ada?".into(), answer: " ".into() }], ..Default::default() };
        assert!(half.validate("f").unwrap_err().starts_with("f.qa[0]: "));
        assert_eq!("promo_price".parse::<Fact>(), Ok(Fact::PromoPrice));
        assert!("harga".parse::<Fact>().unwrap_err().contains("material, sizes"));
    }
}
