//! Spam, floods and impersonators: what is wrong with who posts, not with the words.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::fold::skeleton;
use crate::event::{Category, Flag, Timestamp, User};

/// Thresholds for spam detection, in `[moderation.spam]` of the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpamSettings {
    /// One user posting more than this many comments ...
    pub max_comments: u32,
    /// ... within this many seconds is a flood.
    pub per_seconds: u32,
    /// The same (or near-same) text from this many different accounts ...
    pub same_text_accounts: u32,
    /// ... within this many seconds is a copy-paste campaign.
    pub same_text_seconds: u32,
    /// Texts shorter than this many letters never count as copy-paste ("ready kak" from many
    /// viewers at once is a live going well, not spam).
    pub same_text_min_letters: u32,
    /// A comment with at least this many letters ...
    pub caps_min_letters: u32,
    /// ... of which at least this percentage are capitals is shouting.
    pub caps_percent: u32,
    /// A comment of at least this many characters ...
    pub symbols_min_chars: u32,
    /// ... of which at least this percentage are symbols or emoji is a symbol flood.
    pub symbols_percent: u32,
    /// One account posting the same (folded) text this many times ... (0: never)
    pub repeat_count: u32,
    /// ... within this many seconds is a troll repeating themselves, even below the flood rate.
    pub repeat_seconds: u32,
}

impl Default for SpamSettings {
    fn default() -> Self {
        SpamSettings {
            max_comments: 5,
            per_seconds: 10,
            same_text_accounts: 3,
            same_text_seconds: 30,
            same_text_min_letters: 12,
            caps_min_letters: 12,
            caps_percent: 70,
            symbols_min_chars: 10,
            symbols_percent: 60,
            repeat_count: 3,
            repeat_seconds: 30,
        }
    }
}

/// The spam flag of an account posting the same text again and again.
pub const REPEAT: &str = "repeat";

/// Remembers recent comments to spot floods, repeats and copy-paste campaigns.
#[derive(Debug, Default)]
pub struct SpamDetector {
    settings: SpamSettings,
    by_user: HashMap<String, VecDeque<Timestamp>>,
    /// Each account's recent texts (their skeleton keys), for `repeat`.
    texts_by_user: HashMap<String, VecDeque<(Timestamp, String)>>,
    by_text: HashMap<String, TextWindow>,
    last_pruned: Timestamp,
}

/// Who posted one (folded) text within the window: every check is O(1), however hard the
/// chat is flooded with it.
#[derive(Debug, Default)]
struct TextWindow {
    posts: VecDeque<(Timestamp, String)>,
    posts_by_account: HashMap<String, u32>,
}

impl TextWindow {
    /// A flood of one text keeps at most this many posts in mind (the oldest go first): far
    /// more than any threshold needs.
    const MAX_POSTS: usize = 10_000;

    fn add(&mut self, at: Timestamp, account: String) {
        if self.posts.len() == Self::MAX_POSTS {
            self.drop_oldest();
        }
        *self.posts_by_account.entry(account.clone()).or_default() += 1;
        self.posts.push_back((at, account));
    }

    fn forget_before(&mut self, cutoff: Timestamp) {
        while self.posts.front().is_some_and(|(at, _)| *at <= cutoff) {
            self.drop_oldest();
        }
    }

    fn drop_oldest(&mut self) {
        if let Some((_, account)) = self.posts.pop_front()
            && let Some(count) = self.posts_by_account.get_mut(&account)
        {
            *count -= 1;
            if *count == 0 {
                self.posts_by_account.remove(&account);
            }
        }
    }

    fn accounts(&self) -> usize {
        self.posts_by_account.len()
    }
}

impl SpamDetector {
    pub fn new(settings: SpamSettings) -> Self {
        SpamDetector { settings, ..SpamDetector::default() }
    }

    /// Records a comment by `user` at `ts` and adds a flag for each kind of spam it is.
    pub fn check(&mut self, user: &User, text: &str, ts: Timestamp, flags: &mut Vec<Flag>) {
        let account = user.unique_id.to_lowercase();
        let key = skeleton(text);
        self.check_repeat(&account, &key, text, ts, flags);
        let settings = &self.settings;
        let window = i64::from(settings.per_seconds) * 1000;
        let recent = self.by_user.entry(account.clone()).or_default();
        recent.push_back(ts);
        while recent.front().is_some_and(|&at| at <= ts - window) {
            recent.pop_front();
        }
        if recent.len() > settings.max_comments as usize {
            flags.push(Flag::about_author("flood", Category::Spam));
        }

        let key: String = key.chars().filter(|c| c.is_alphabetic()).collect();
        if key.chars().count() >= settings.same_text_min_letters as usize {
            let window = i64::from(settings.same_text_seconds) * 1000;
            let posts = self.by_text.entry(key).or_default();
            posts.add(ts, account);
            posts.forget_before(ts - window);
            if posts.accounts() >= settings.same_text_accounts as usize {
                flags.push(Flag::about_author("repeated text", Category::Spam));
            }
        }

        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = text.chars().filter(|c| c.is_uppercase()).count();
        if letters >= settings.caps_min_letters as usize && capitals * 100 >= letters * settings.caps_percent as usize {
            flags.push(Flag::about_author("caps", Category::Spam));
        }
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        let symbols = text.chars().filter(|c| !c.is_whitespace() && !c.is_alphanumeric()).count();
        if visible >= settings.symbols_min_chars as usize
            && symbols * 100 >= visible * settings.symbols_percent as usize
        {
            flags.push(Flag::about_author("symbols", Category::Spam));
        }
        self.prune(ts);
    }

    /// Flags `repeat` when `account` has now posted `key` (the text's skeleton) `repeat_count`
    /// times within `repeat_seconds`. Texts with nothing to fold (emoji only) count as typed.
    fn check_repeat(&mut self, account: &str, key: &str, text: &str, ts: Timestamp, flags: &mut Vec<Flag>) {
        let settings = &self.settings;
        if settings.repeat_count == 0 {
            return;
        }
        /// An account's texts kept in mind: far more than any sensible threshold needs.
        const KEPT: usize = 64;
        let key = if key.is_empty() { text.trim() } else { key };
        let window = i64::from(settings.repeat_seconds) * 1000;
        let recent = self.texts_by_user.entry(account.to_string()).or_default();
        while recent.front().is_some_and(|(at, _)| *at <= ts - window) || recent.len() >= KEPT {
            recent.pop_front();
        }
        recent.push_back((ts, key.to_string()));
        if recent.iter().filter(|(_, earlier)| earlier == key).count() >= settings.repeat_count as usize {
            flags.push(Flag::about_author(REPEAT, Category::Spam));
        }
    }

    /// Forgets what has left every window, at most once a minute, so memory stays bounded over
    /// a six-hour live.
    fn prune(&mut self, now: Timestamp) {
        if now - self.last_pruned < 60_000 {
            return;
        }
        self.last_pruned = now;
        let user_window = i64::from(self.settings.per_seconds) * 1000;
        self.by_user.retain(|_, times| times.back().is_some_and(|&at| at > now - user_window));
        let repeat_window = i64::from(self.settings.repeat_seconds) * 1000;
        self.texts_by_user.retain(|_, texts| texts.back().is_some_and(|(at, _)| *at > now - repeat_window));
        let text_window = i64::from(self.settings.same_text_seconds) * 1000;
        self.by_text.retain(|_, window| window.posts.back().is_some_and(|(at, _)| *at > now - text_window));
    }
}

/// Spots accounts that look like the shop's official ones.
///
/// Names are compared by their folded key (the same folding as the matcher: look-alike letters,
/// leetspeak, `l`/`I`/`1`, repeats and separators all fold away), so `novi11a_0fficial` and
/// `Novilla OfficiaI` are `novilla.official`. A key equal to an official one, containing it, or
/// within a small edit distance (1 for short names, 2 from 10 letters) is an impersonation.
#[derive(Debug, Default)]
pub struct ImpersonationGuard {
    /// (the official name as configured, its key, its handle in lowercase)
    official: Vec<(String, String, String)>,
}

fn name_key(name: &str) -> String {
    skeleton(name)
}

impl ImpersonationGuard {
    /// `official` are the shop's account handles (with or without `@`) and display names.
    pub fn new(official: &[String]) -> Self {
        let official = official
            .iter()
            .map(|name| name.trim().trim_start_matches('@'))
            .filter(|name| !name_key(name).is_empty())
            .map(|name| (name.to_string(), name_key(name), name.to_lowercase()))
            .collect();
        ImpersonationGuard { official }
    }

    /// Whether `user` is one of the shop's own accounts.
    pub fn is_official(&self, user: &User) -> bool {
        let handle = user.unique_id.trim_start_matches('@').to_lowercase();
        self.official.iter().any(|(_, _, official_handle)| *official_handle == handle)
    }

    /// The flag for `user` if their handle or nickname imitates an official account.
    pub fn check(&self, user: &User) -> Option<Flag> {
        if self.is_official(user) {
            return None;
        }
        for candidate in [&user.unique_id, &user.nickname] {
            let key = name_key(candidate);
            if key.chars().count() < 4 {
                continue;
            }
            for (name, official, _) in &self.official {
                let allowed = if official.chars().count() >= 10 { 2 } else { 1 };
                let close = key == *official
                    || (official.chars().count() >= 6 && key.contains(official.as_str()))
                    || strsim::levenshtein(&key, official) <= allowed;
                if close {
                    return Some(Flag::impersonating(name));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::FollowRole;

    fn user(unique_id: &str, nickname: &str) -> User {
        User {
            id: "1".into(),
            unique_id: unique_id.into(),
            nickname: nickname.into(),
            avatar_url: None,
            is_moderator: false,
            follow_role: FollowRole::None,
        }
    }

    fn terms(detector: &mut SpamDetector, who: &str, text: &str, ts: Timestamp) -> Vec<String> {
        let mut flags = Vec::new();
        detector.check(&user(who, who), text, ts, &mut flags);
        flags.into_iter().map(|f| f.term).collect()
    }

    #[test]
    fn a_user_posting_too_fast_is_a_flood_and_the_window_slides() {
        let mut detector = SpamDetector::new(SpamSettings::default());
        for n in 0..5 {
            assert!(terms(&mut detector, "spammer", &format!("promo {n}"), n * 1000).is_empty());
        }
        assert_eq!(terms(&mut detector, "spammer", "promo 5", 5000), ["flood"]);
        // Ten seconds after the first burst started, the window has moved on.
        assert!(terms(&mut detector, "spammer", "promo 6", 16_000).is_empty());
        assert!(terms(&mut detector, "someone.else", "promo", 5000).is_empty());
    }

    #[test]
    fn the_same_text_from_many_accounts_is_repeated_text() {
        let mut detector = SpamDetector::new(SpamSettings::default());
        assert!(terms(&mut detector, "a", "barang KW jangan beli", 0).is_empty());
        assert!(terms(&mut detector, "b", "barang kw jangan beli!!", 1000).is_empty());
        assert_eq!(terms(&mut detector, "c", "BARANG KW JANGAN BELI", 2000), ["repeated text", "caps"]);
        // Short common chat is never copy-paste.
        for who in ["d", "e", "f", "g"] {
            assert!(terms(&mut detector, who, "ready kak", 3000).is_empty());
        }
    }

    #[test]
    fn one_account_repeating_itself_is_a_repeat_below_the_flood_rate() {
        let mut detector = SpamDetector::new(SpamSettings::default());
        assert!(terms(&mut detector, "troll", "barang KW jangan beli", 0).is_empty());
        assert!(terms(&mut detector, "troll", "ada yg mau?", 5_000).is_empty());
        assert!(terms(&mut detector, "troll", "Barang kw, jangan beli!!", 10_000).is_empty());
        // The third time within 30 s, however it is spelled: one comment every 5-10 s is no flood.
        assert_eq!(terms(&mut detector, "troll", "BARANG KW JANGAN BELI", 20_000), ["repeat", "caps"]);
        assert_eq!(terms(&mut detector, "troll", "barang k.w jangan beli", 25_000), ["repeat"]);
        // Another account saying it once is not repeating itself.
        assert!(terms(&mut detector, "viewer", "barang KW jangan beli", 25_000).is_empty());
        // Once the earlier ones have left the window, it starts over.
        assert!(terms(&mut detector, "troll", "barang KW jangan beli", 80_000).is_empty());
        // Emoji-only comments count as typed: the same emoji thrice is a repeat, three
        // different ones are not.
        let mut detector = SpamDetector::new(SpamSettings::default());
        for (n, text) in ["🔥", "😍", "🙏"].into_iter().enumerate() {
            assert!(terms(&mut detector, "fan", text, n as i64 * 1000).is_empty());
        }
        for n in 0..2 {
            assert!(terms(&mut detector, "fan2", "🔥🔥", n * 1000).is_empty());
        }
        assert_eq!(terms(&mut detector, "fan2", "🔥🔥", 2000), ["repeat"]);
    }

    #[test]
    fn repeats_are_configurable_and_can_be_off() {
        let settings = SpamSettings { repeat_count: 2, repeat_seconds: 5, ..SpamSettings::default() };
        let mut detector = SpamDetector::new(settings);
        assert!(terms(&mut detector, "a", "ready kak?", 0).is_empty());
        assert!(terms(&mut detector, "a", "ready kak?", 6_000).is_empty(), "outside the 5 s window");
        assert_eq!(terms(&mut detector, "a", "ready kak?", 7_000), ["repeat"]);
        let mut off = SpamDetector::new(SpamSettings { repeat_count: 0, ..SpamSettings::default() });
        for n in 0..5 {
            assert!(terms(&mut off, "a", "ready kak?", n * 3000).is_empty());
        }
    }

    #[test]
    fn a_long_flood_of_one_text_stays_cheap_and_counts_accounts_right() {
        let mut detector = SpamDetector::new(SpamSettings::default());
        for n in 0..50_000 {
            // Two accounts alternate the same text for a while: below the threshold of three.
            terms(&mut detector, if n % 2 == 0 { "a" } else { "b" }, "barang KW jangan beli", n);
        }
        // However long the flood, one text's window stays bounded and knows its accounts.
        let window = detector.by_text.values().next().unwrap();
        assert!(window.posts.len() <= TextWindow::MAX_POSTS);
        assert_eq!(window.accounts(), 2);
        assert!(!terms(&mut detector, "a", "barang KW jangan beli", 50_000).contains(&"repeated text".to_string()));
        assert!(terms(&mut detector, "c", "barang KW jangan beli", 50_001).contains(&"repeated text".to_string()));
    }

    #[test]
    fn shouting_and_symbol_floods() {
        let mut detector = SpamDetector::new(SpamSettings::default());
        assert_eq!(terms(&mut detector, "a", "MURAHHH CEK BIO AKU SEKARANG", 0), ["caps"]);
        assert_eq!(terms(&mut detector, "b", "🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥", 0), ["symbols"]);
        assert!(terms(&mut detector, "c", "OK kak", 0).is_empty());
        assert!(terms(&mut detector, "d", "cantik banget kak 😍", 0).is_empty());
    }

    #[test]
    fn look_alikes_of_the_shop_are_impersonators_and_the_shop_is_not() {
        let guard = ImpersonationGuard::new(&["@novilla.official".into(), "Novilla Official".into()]);
        for (handle, nickname) in [
            ("novilla.0fficial", "Novilla"),
            ("novi11a_official", "x"),
            ("budi", "Novilla OfficiaI"),
            ("budi", "N0villa Official"),
            ("novilla.offcial", "x"),
            ("novilla.official.cs", "CS"),
            ("budi", "Ｎｏｖｉｌｌａ Ｏｆｆｉｃｉａｌ"),
        ] {
            let flag = guard.check(&user(handle, nickname));
            assert_eq!(flag.map(|f| f.category), Some("impersonation".into()), "{handle} / {nickname}");
        }
        assert!(guard.check(&user("novilla.official", "Novilla Official")).is_none());
        assert!(guard.is_official(&user("Novilla.Official", "whatever")));
        for (handle, nickname) in
            [("sari.belanja", "Sari"), ("novi", "Novi"), ("villa.ku", "Villa"), ("fans.novilla", "ok")]
        {
            assert!(guard.check(&user(handle, nickname)).is_none(), "{handle} / {nickname}");
        }
    }
}
