//! Moderation: every comment is inspected before anyone sees it.
//!
//! The session calls [`Moderator::moderate`] on each event between its source and the fan-out,
//! so flags reach the UI, the overlays and the archive together. A comment can be flagged for:
//!
//! - its **words**: the lexicon's terms and patterns, through evasions ([`matcher`], [`fold`]),
//!   including provocations (`penipu`, `barang KW`: [`Category::Provocation`]);
//! - its **author's behaviour**: floods, one account repeating itself, copy-paste campaigns,
//!   shouting, symbol floods ([`spam`]);
//! - its **author's name**: look-alikes of the shop's official accounts (`impersonation`);
//! - its **author being muted** by the co-host (`muted`: the feed collapses and counts it).
//!
//! Moderators (optionally) and the shop's own accounts are exempt from all of it.
//!
//! Flags about the author rather than the words say so ([`FlagTarget::Author`](crate::event::FlagTarget))
//! and have an empty span.

pub mod fold;
pub mod lexicon;
pub mod matcher;
pub mod packs;
pub mod script;
pub mod search;
pub mod spam;
pub mod tiktok_filter;

use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};

use crate::event::{Category, EventKind, Flag, LiveEvent};
use lexicon::{Lexicon, Surface};
use matcher::Matcher;
use spam::{ImpersonationGuard, SpamDetector, SpamSettings};

/// Moderation settings, `[moderation]` in the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModerationSettings {
    /// The shop's official account handles and display names: their look-alikes are flagged as
    /// impersonators, and the accounts themselves are never flagged.
    pub shop_accounts: Vec<String>,
    /// Leave the live's moderators' comments unflagged.
    pub exempt_moderators: bool,
    /// The rule packs switched on, by id ([`packs`]); the shop's own lexicon adds to them.
    #[serde(deserialize_with = "packs::deserialize_ids")]
    pub packs: Vec<String>,
    pub spam: SpamSettings,
}

impl Default for ModerationSettings {
    fn default() -> Self {
        ModerationSettings {
            shop_accounts: Vec::new(),
            exempt_moderators: true,
            packs: packs::default_pack_ids(),
            spam: SpamSettings::default(),
        }
    }
}

/// Inspects events. Shared by the session's pipeline and the commands that change it (new
/// lexicon, mute); every change applies from the next event on, without pausing the feed.
pub struct Moderator {
    matcher: RwLock<Arc<Matcher>>,
    settings: ModerationSettings,
    shop: RwLock<ImpersonationGuard>,
    spam: Mutex<SpamDetector>,
    muted: RwLock<HashSet<String>>,
}

impl Moderator {
    pub fn new(lexicon: &Lexicon, settings: ModerationSettings, muted: impl IntoIterator<Item = String>) -> Self {
        Moderator {
            matcher: RwLock::new(Arc::new(Matcher::new(lexicon))),
            shop: RwLock::new(ImpersonationGuard::new(&settings.shop_accounts)),
            spam: Mutex::new(SpamDetector::new(settings.spam.clone())),
            muted: RwLock::new(muted.into_iter().map(|id| id.to_lowercase()).collect()),
            settings,
        }
    }

    /// Replaces the lexicon. Events being moderated finish with the old one; the next event
    /// uses the new one. Nothing is dropped or re-ordered.
    pub fn set_lexicon(&self, lexicon: &Lexicon) {
        let compiled = Arc::new(Matcher::new(lexicon));
        *self.matcher.write().unwrap_or_else(|p| p.into_inner()) = compiled;
    }

    /// The lexicon in force, compiled.
    pub fn matcher(&self) -> Arc<Matcher> {
        Arc::clone(&self.matcher.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Starts a new live session: spam history is forgotten, and the shop's accounts are
    /// `shop_accounts` (the settings' own when they name any, else these).
    pub fn begin_session(&self, fallback_shop_accounts: &[String]) {
        *self.spam.lock().unwrap_or_else(|p| p.into_inner()) = SpamDetector::new(self.settings.spam.clone());
        let accounts =
            if self.settings.shop_accounts.is_empty() { fallback_shop_accounts } else { &self.settings.shop_accounts };
        *self.shop.write().unwrap_or_else(|p| p.into_inner()) = ImpersonationGuard::new(accounts);
    }

    /// Mutes (`true`) or unmutes a user by @handle, from the next event on.
    pub fn set_muted(&self, unique_id: &str, muted: bool) {
        let mut set = self.muted.write().unwrap_or_else(|p| p.into_inner());
        let id = unique_id.trim_start_matches('@').to_lowercase();
        if muted {
            set.insert(id);
        } else {
            set.remove(&id);
        }
    }

    /// Adds what moderation finds to `event`'s flags (comments only).
    pub fn moderate(&self, event: &mut LiveEvent) {
        let ts = event.ts;
        let EventKind::Comment(comment) = &mut event.kind else { return };
        let user = &comment.user;
        if self.muted.read().unwrap_or_else(|p| p.into_inner()).contains(&user.unique_id.to_lowercase()) {
            comment.flags.push(Flag::about_author("muted", Category::Muted));
        }
        let shop = self.shop.read().unwrap_or_else(|p| p.into_inner());
        if !(shop.is_official(user) || (self.settings.exempt_moderators && user.is_moderator)) {
            comment.flags.extend(self.matcher().scan(&comment.text, Surface::Comments));
            self.spam.lock().unwrap_or_else(|p| p.into_inner()).check(user, &comment.text, ts, &mut comment.flags);
            comment.flags.extend(shop.check(user));
        }
        comment.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Comment, FollowRole, User};

    fn comment(unique_id: &str, text: &str, moderator: bool) -> LiveEvent {
        LiveEvent {
            id: "m".into(),
            ts: 1_000,
            source: "test".into(),
            kind: EventKind::Comment(Comment {
                user: User {
                    id: "1".into(),
                    unique_id: unique_id.into(),
                    nickname: unique_id.into(),
                    avatar_url: None,
                    is_moderator: moderator,
                    follow_role: FollowRole::None,
                },
                text: text.into(),
                flags: vec![],
                suggested: None,
                banner: None,
                finding: None,
            }),
        }
    }

    fn categories(moderator: &Moderator, event: LiveEvent) -> Vec<String> {
        let mut event = event;
        moderator.moderate(&mut event);
        event.as_comment().unwrap().flags.iter().map(|f| f.category.label().to_string()).collect()
    }

    fn moderator() -> Moderator {
        let settings = ModerationSettings { shop_accounts: vec!["novilla.official".into()], ..Default::default() };
        Moderator::new(&Lexicon::default_indonesian(), settings, ["muted.one".to_string()])
    }

    #[test]
    fn words_names_and_mutes_are_all_flagged() {
        let m = moderator();
        assert_eq!(categories(&m, comment("sari", "di sh0pee lebih murah", false)), ["competitor"]);
        assert_eq!(categories(&m, comment("novilla.0fficial", "halo", false)), ["impersonation"]);
        assert_eq!(categories(&m, comment("Muted.One", "halo", false)), ["muted"]);
        assert!(categories(&m, comment("sari", "ready kak?", false)).is_empty());
    }

    #[test]
    fn a_session_without_configured_shop_accounts_uses_the_fallback() {
        let m = Moderator::new(&Lexicon::default_indonesian(), ModerationSettings::default(), []);
        assert!(categories(&m, comment("novilla.0fficial", "halo", false)).is_empty());
        m.begin_session(&["novilla.official".into()]);
        assert_eq!(categories(&m, comment("novilla.0fficial", "halo", false)), ["impersonation"]);
        let configured = moderator();
        configured.begin_session(&["other.shop".into()]);
        assert_eq!(categories(&configured, comment("novilla.0fficial", "halo", false)), ["impersonation"]);
    }

    #[test]
    fn moderators_and_the_shop_are_exempt() {
        let m = moderator();
        assert!(categories(&m, comment("novilla.official", "cek shopee", false)).is_empty());
        assert!(categories(&m, comment("mod", "cek shopee", true)).is_empty());
        let strict = Moderator::new(
            &Lexicon::default_indonesian(),
            ModerationSettings { exempt_moderators: false, ..Default::default() },
            [],
        );
        assert_eq!(categories(&strict, comment("mod", "cek shopee", true)), ["competitor"]);
    }

    #[test]
    fn lexicon_and_mute_changes_apply_from_the_next_comment() {
        let m = moderator();
        assert!(categories(&m, comment("sari", "beli di pasarku", false)).is_empty());
        m.set_lexicon(&Lexicon::parse("[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\n", "t").unwrap());
        assert_eq!(categories(&m, comment("sari", "beli di pasarku", false)), ["competitor"]);
        assert!(categories(&m, comment("sari", "cek shopee", false)).is_empty(), "the old lexicon is gone");
        m.set_muted("@Sari", true);
        assert_eq!(categories(&m, comment("sari", "halo", false)), ["muted"]);
        m.set_muted("sari", false);
        assert!(categories(&m, comment("sari", "halo", false)).is_empty());
    }
}
