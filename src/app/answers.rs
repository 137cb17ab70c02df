//! The app's answers capability: the answer card beside the host's next question, the
//! co-host's edits of it, the shop's own facts (Pengaturan), and the answer given, logged with
//! the question.

use std::sync::Arc;

use super::{App, AppError, ErrorCode, blocking};
use crate::answers::{AnswerCard, Product, ShopFacts, answer_card};
use crate::feedback::{FeedbackPatch, MAX_NOTE_CHARS, NextQuestion};

impl App {
    /// The card for `question`: the facts of the product it names or the one on air (a tag's
    /// own product first), with the co-host's edit when there is one.
    pub fn answer_card(&self, question: &NextQuestion) -> Option<AnswerCard> {
        let run_sheet = self.clock.state().run_sheet;
        let products: Vec<Product> = run_sheet
            .slots
            .iter()
            .map(|slot| Product {
                name: &slot.product,
                facts: &slot.facts,
                price: &slot.price,
                promo_price: slot.drop.as_ref().map(|drop| drop.price.as_str()),
            })
            .collect();
        let tagged = question.product.as_deref().and_then(|product| products.iter().position(|p| p.name == product));
        let on_air = tagged.or(run_sheet.slot.map(|index| index as usize));
        let shop = self.settings().shop_facts;
        let edited = self.host.edited_answer(&question.comment_id);
        let mut card = answer_card(&question.comment_id, &question.text, &products, on_air, &shop);
        if let Some(answer) = edited {
            let card = card.get_or_insert_with(|| AnswerCard {
                comment_id: question.comment_id.clone(),
                kind: None,
                product: on_air.and_then(|index| products.get(index)).map(|p| p.name.to_string()),
                answer: None,
                missing: vec![],
                edited: true,
            });
            card.answer = Some(answer);
            card.missing.clear();
            card.edited = true;
        }
        card
    }

    /// The co-host's own answer to the question `comment_id` (what the host view shows instead
    /// of the facts' sentence); an empty one goes back to the facts.
    pub fn edit_answer(&self, comment_id: &str, answer: &str) -> Result<Option<AnswerCard>, AppError> {
        if answer.chars().count() > MAX_NOTE_CHARS {
            return Err(AppError::new(ErrorCode::Invalid, format!("answer: at most {MAX_NOTE_CHARS} characters")));
        }
        self.host.set_edited_answer(comment_id, answer.trim());
        self.publish_question();
        Ok(self.next_question().filter(|next| next.comment_id == comment_id).and_then(|next| self.answer_card(&next)))
    }

    /// The shop's own facts, for every product whose facts do not say.
    pub fn shop_facts(&self) -> ShopFacts {
        self.settings().shop_facts
    }

    /// Saves the shop's facts; the card on screen follows at once.
    pub async fn set_shop_facts(self: &Arc<Self>, facts: ShopFacts) -> Result<ShopFacts, AppError> {
        facts.validate().map_err(|message| AppError::new(ErrorCode::Invalid, message))?;
        let app = Arc::clone(self);
        let saved = facts.clone();
        blocking(move || {
            app.change_settings(|settings, path| {
                settings.shop_facts = saved;
                Ok(settings.save(path)?)
            })
        })
        .await?;
        self.publish_question();
        Ok(facts)
    }

    /// What the log keeps of the answer to `question`: the sentence given, else the facts the
    /// card lacked.
    pub(super) fn answer_given(&self, question: &NextQuestion) -> FeedbackPatch {
        let card = self.answer_card(question);
        FeedbackPatch {
            answer: card.as_ref().and_then(|card| card.answer.clone()),
            missing: card.map(|card| card.missing.iter().map(|fact| fact.key().to_string()).collect()),
            ..Default::default()
        }
    }
}
