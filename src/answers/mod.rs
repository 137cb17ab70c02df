//! Answers at the host's fingertips: a product's facts, what a viewer's question asks about,
//! and the answer card that puts the one in front of the host for the other.
//!
//! No tool may post into a TikTok LIVE's chat, so an answer has to come out of the host's
//! mouth. The co-host types the facts once (on the run sheet's slots, and the shop's own in
//! Pengaturan); when a question comes in, [`kinds`] reads what it asks about and [`card`] finds
//! the fact for the product the question names or the one on air, and says it in a sentence the
//! host can read out, or names the fact nobody has typed yet. The app puts the card beside the
//! question in the host view and the console, and logs the answer given.

pub mod card;
pub mod facts;
pub mod kinds;

pub use card::{AnswerCard, Product, answer_card};
pub use facts::{Fact, ProductFacts, QaPair, ShopFacts};
pub use kinds::{QuestionKind, question_kind};
