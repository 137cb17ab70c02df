//! An answer card: the sentence the host reads out for a viewer's question, from the facts of
//! the product it is about, or the fact that is missing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facts::{Fact, ProductFacts, ShopFacts};
use super::kinds::{QuestionKind, question_kind};
use crate::feedback::suggest::words;

/// What the host view and the console show beside a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnswerCard {
    pub comment_id: String,
    /// What the question asks about; `None` when a product's own question and answer matched
    /// it instead.
    pub kind: Option<QuestionKind>,
    /// The product it answers for: the one the question names, else the one on air.
    pub product: Option<String>,
    /// The sentence to read out; `None` while a fact is missing.
    pub answer: Option<String>,
    /// The facts the answer needs that nobody has typed yet, to add on the spot.
    pub missing: Vec<Fact>,
    /// The co-host changed the answer; it no longer follows the facts.
    pub edited: bool,
}

/// A product of the run sheet, as the card reads it.
#[derive(Debug, Clone, Copy)]
pub struct Product<'a> {
    pub name: &'a str,
    pub facts: &'a ProductFacts,
    /// The slot's price, when the facts have none.
    pub price: &'a str,
    /// The slot's flash sale's price, when the facts have no promo price.
    pub promo_price: Option<&'a str>,
}

/// Words a question wraps around what it asks, left out when comparing it to a product's own
/// questions.
const FILLER: &[&str] = &[
    "kak", "ka", "kakak", "kk", "min", "gan", "sis", "ya", "yah", "dong", "sih", "nih", "apa", "apakah", "ini", "itu",
    "yg", "yang", "aja", "deh", "kah", "ga", "gak", "gk", "nggak", "ngga", "engga", "tidak", "mau", "tanya", "nanya",
];

/// How much of a product's own question must be in the viewer's for its answer to be used.
const QA_OVERLAP: f64 = 0.6;

fn content_words(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|word| word.len() >= 2 && !FILLER.contains(&word.as_str())).collect()
}

/// The product among `products` the question names: the one with the most of its name's own
/// words (those no other product's name has) in the question.
fn named_product(question: &[String], products: &[Product]) -> Option<usize> {
    let names: Vec<Vec<String>> = products
        .iter()
        .map(|product| words(product.name).into_iter().filter(|word| word.chars().count() >= 4).collect())
        .collect();
    let own_words = |index: usize| {
        names[index]
            .iter()
            .filter(|word| names.iter().enumerate().all(|(other, name)| other == index || !name.contains(word)))
            .filter(|word| question.contains(word))
            .count()
    };
    let scores: Vec<usize> = (0..products.len()).map(own_words).collect();
    let best = *scores.iter().max()?;
    (best > 0 && scores.iter().filter(|score| **score == best).count() == 1)
        .then(|| scores.iter().position(|score| *score == best))
        .flatten()
}

/// The product's own answer whose question the viewer's asks.
fn own_answer<'a>(question: &[String], facts: &'a ProductFacts) -> Option<&'a str> {
    facts
        .qa
        .iter()
        .filter_map(|pair| {
            let asked = content_words(&pair.question);
            let shared = asked.iter().filter(|word| question.contains(word)).count();
            let overlap = shared as f64 / asked.len().max(1) as f64;
            (shared > 0 && overlap >= QA_OVERLAP).then_some((overlap, pair.answer.trim()))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, answer)| answer)
}

/// The card for the question `text` (comment `comment_id`), about the product it names among
/// `products`, else `on_air`; `None` when the question asks nothing a fact answers.
pub fn answer_card(
    comment_id: &str,
    text: &str,
    products: &[Product],
    on_air: Option<usize>,
    shop: &ShopFacts,
) -> Option<AnswerCard> {
    let question = content_words(text);
    let product = named_product(&question, products).or(on_air).and_then(|index| products.get(index));
    let card = |kind, answer: Result<String, Vec<Fact>>| AnswerCard {
        comment_id: comment_id.to_string(),
        kind,
        product: product.map(|product| product.name.to_string()),
        missing: answer.as_ref().err().cloned().unwrap_or_default(),
        answer: answer.ok(),
        edited: false,
    };
    if let Some(answer) = product.and_then(|product| own_answer(&question, product.facts)) {
        return Some(card(None, Ok(answer.to_string())));
    }
    let kind = question_kind(text)?;
    let empty = ProductFacts::default();
    let facts = product.map_or(&empty, |product| product.facts);
    Some(card(Some(kind), sentence(kind, facts, product, shop)))
}

/// `Some` only for text with something in it.
fn typed(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// The answer to a question of `kind`, or the facts it lacks.
fn sentence(
    kind: QuestionKind,
    facts: &ProductFacts,
    product: Option<&Product>,
    shop: &ShopFacts,
) -> Result<String, Vec<Fact>> {
    let own = |fact: Fact| facts.text(fact);
    let shared = |fact: Fact| own(fact).or_else(|| shop.text(fact));
    let say = |fact: Fact, text: Option<&str>, lead: &str| text.map(|text| format!("{lead}{text}")).ok_or(vec![fact]);
    match kind {
        QuestionKind::Material => say(Fact::Material, own(Fact::Material), "Bahannya "),
        QuestionKind::Size => say(Fact::Sizes, own(Fact::Sizes), "Ukurannya "),
        QuestionKind::Colour => say(Fact::Colours, own(Fact::Colours), "Warnanya ada "),
        QuestionKind::Stock => say(Fact::Stock, own(Fact::Stock), "Stoknya "),
        QuestionKind::Ready => say(Fact::Stock, own(Fact::Stock), "Ready kak, stoknya "),
        QuestionKind::Shipping => say(Fact::Shipping, shared(Fact::Shipping), "Pengiriman "),
        QuestionKind::Cod => match facts.cod.or(shop.cod) {
            Some(true) => Ok("Bisa COD kak".into()),
            Some(false) => Ok("Belum bisa COD ya kak".into()),
            None => Err(vec![Fact::Cod]),
        },
        QuestionKind::Price => {
            let price = own(Fact::Price).or_else(|| typed(product.map(|product| product.price)));
            let promo = own(Fact::PromoPrice).or_else(|| typed(product.and_then(|product| product.promo_price)));
            match (price, promo) {
                (Some(price), Some(promo)) if price != promo => Ok(format!("Harga normal {price}, harga live {promo}")),
                (_, Some(promo)) => Ok(format!("Harga live {promo}")),
                (Some(price), None) => Ok(format!("Harganya {price}")),
                (None, None) => Err(vec![Fact::Price]),
            }
        }
        QuestionKind::Warranty => {
            let hours = shop.service_hours().map(|hours| format!(". CS buka {hours}")).unwrap_or_default();
            match (shared(Fact::Warranty), shared(Fact::Returns)) {
                (Some(warranty), Some(returns)) => Ok(format!("Garansi {warranty}. Retur: {returns}{hours}")),
                (Some(warranty), None) => Ok(format!("Garansi {warranty}{hours}")),
                (None, Some(returns)) => Ok(format!("Retur: {returns}{hours}")),
                (None, None) => Err(vec![Fact::Warranty, Fact::Returns]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::facts::QaPair;

    fn daster() -> ProductFacts {
        ProductFacts {
            material: Some("voal premium, adem, tidak menerawang".into()),
            colours: Some("hitam, navy, maroon".into()),
            qa: vec![QaPair {
                question: "bisa buat ibu hamil?".into(),
                answer: "Bisa kak, potongannya longgar".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_card_reads_the_fact_of_the_product_on_air() {
        let facts = daster();
        let products =
            [Product { name: "Daster Kirana", facts: &facts, price: "Rp89.000", promo_price: Some("Rp59.000") }];
        let shop = ShopFacts { cod: Some(true), ..Default::default() };
        let card = answer_card("c1", "kak bahannya apa? panas gak?", &products, Some(0), &shop).unwrap();
        assert_eq!(card.answer.as_deref(), Some("Bahannya voal premium, adem, tidak menerawang"));
        assert_eq!((card.kind, card.product.as_deref()), (Some(QuestionKind::Material), Some("Daster Kirana")));
        let card = answer_card("c2", "ukuran L ada?", &products, Some(0), &shop).unwrap();
        assert_eq!((card.answer, card.missing), (None, vec![Fact::Sizes]));
        let card = answer_card("c3", "brp kak", &products, Some(0), &shop).unwrap();
        assert_eq!(card.answer.as_deref(), Some("Harga normal Rp89.000, harga live Rp59.000"));
        let card = answer_card("c4", "bisa cod?", &products, Some(0), &shop).unwrap();
        assert_eq!(card.answer.as_deref(), Some("Bisa COD kak"), "the shop's COD when the product does not say");
        let card = answer_card("c5", "kak ini bisa buat ibu hamil ga?", &products, Some(0), &shop).unwrap();
        assert_eq!((card.kind, card.answer.as_deref()), (None, Some("Bisa kak, potongannya longgar")));
        assert_eq!(answer_card("c6", "halo kak salam kenal", &products, Some(0), &shop), None);
    }

    #[test]
    fn a_question_that_names_another_product_is_answered_for_it() {
        let (daster, gamis) = (daster(), ProductFacts { material: Some("wolfis".into()), ..Default::default() });
        let products = [
            Product { name: "Daster Kirana", facts: &daster, price: "", promo_price: None },
            Product { name: "Gamis Kirana Syari", facts: &gamis, price: "", promo_price: None },
        ];
        let card = answer_card("c", "gamisnya bahan apa? yg gamis", &products, Some(0), &ShopFacts::default()).unwrap();
        assert_eq!(
            (card.product.as_deref(), card.answer.as_deref()),
            (Some("Gamis Kirana Syari"), Some("Bahannya wolfis"))
        );
        let card = answer_card("c", "kirana bahannya apa", &products, Some(0), &ShopFacts::default()).unwrap();
        assert_eq!(card.product.as_deref(), Some("Daster Kirana"), "a word both names share names neither");
        let card = answer_card("c", "bahannya apa", &[], None, &ShopFacts::default()).unwrap();
        assert_eq!((card.product, card.missing), (None, vec![Fact::Material]));
    }
}
