//! The one event model every source is normalised into.
//!
//! TikTok's webcast protocol, TikFinity, Social Stream Ninja, recorded sessions and the demo
//! stream all describe the same things with different field names. Each source maps its own
//! shape onto [`LiveEvent`] once, at the edge, so moderation, the archive, the local server and
//! the UI only ever see this type.
//!
//! The JSON form is flat: the envelope fields (`id`, `ts`, `source`) sit beside a `type` tag and
//! that kind's fields, e.g.
//! `{"id":"m1","ts":1732330000000,"source":"demo","type":"comment","user":{..},"text":"ready kak?","flags":[]}`.
//! The TypeScript types in `ui/src/lib/bindings/` are generated from these definitions by ts-rs
//! (`cargo test` writes them), so the UI cannot drift from the core.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// Something that happened in a live, from any source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LiveEvent {
    /// The source's message id (TikTok's `msgId`); unique within a source, used to dedupe.
    pub id: String,
    /// When it happened, in Unix milliseconds.
    #[ts(type = "number")]
    pub ts: Timestamp,
    /// Which source delivered it, as its spec reads (`demo`, `tiktok:@shop`, ...).
    pub source: String,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened. Serialised with a `type` tag beside the kind's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    Comment(Comment),
    Gift {
        user: User,
        gift_name: String,
        /// How many of the gift in this message (TikTok's `repeatCount`).
        count: u32,
        /// Diamond value of one gift.
        diamonds: u32,
    },
    Like {
        user: User,
        /// Likes in this message.
        count: u32,
    },
    Join {
        user: User,
    },
    Follow {
        user: User,
    },
    Share {
        user: User,
    },
    ViewerCount {
        count: u32,
    },
    StreamEnd {
        /// Why the stream ended, in the source's words, when it says.
        reason: Option<String>,
    },
    /// The host pinned a product from the live's shopping bag: what viewers now see on screen.
    ProductShown {
        /// TikTok's product id, as decimal text (it exceeds what a JSON number holds exactly).
        product_id: Option<String>,
        /// The product's title in the shop, as the seller wrote it: untrusted text.
        title: String,
        /// Its price as TikTok formats it (`Rp89.000`), when given.
        price: Option<String>,
    },
}

/// A viewer's chat message.
///
/// Read back (the archive, a recording, another Pandu), what follows from the flags is decided
/// again rather than trusted: the flags' UTF-16 offsets and the [`banner`](Comment::banner).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Comment {
    pub user: User,
    pub text: String,
    /// What moderation found in `text`; empty when nothing was flagged.
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// What the comment reads as for the feedback log (a question, a complaint, ...), by the
    /// rules of [`crate::feedback::suggest`]; the co-host confirms it with one key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub suggested: Option<FeedbackKind>,
    /// Whether the host is warned about this comment, and how ([`Banner::for_flags`]); set
    /// with the flags by moderation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub banner: Option<Banner>,
    /// The most urgent finding's category, the one a row is shown by; none when nothing was
    /// found (a muted author is no finding). Set with the flags by moderation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finding: Option<Category>,
}

impl Comment {
    /// Decides what follows from the flags: each text flag's UTF-16 offsets, the finding the
    /// comment is shown by and the banner. Moderation calls it once the flags are final.
    pub fn settle(&mut self) {
        place_utf16(&self.text, &mut self.flags);
        self.finding = most_urgent(&self.flags, Severity::Low).map(|flag| flag.category.clone());
        self.banner = Banner::for_flags(&self.flags);
    }
}

#[derive(Deserialize)]
struct StoredComment {
    user: User,
    text: String,
    #[serde(default)]
    flags: Vec<Flag>,
    #[serde(default)]
    suggested: Option<FeedbackKind>,
}

impl<'de> Deserialize<'de> for Comment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Comment, D::Error> {
        StoredComment::deserialize(deserializer).map(Comment::from)
    }
}

impl From<StoredComment> for Comment {
    fn from(stored: StoredComment) -> Comment {
        let StoredComment { user, text, flags, suggested } = stored;
        let mut comment = Comment { user, text, flags, suggested, banner: None, finding: None };
        comment.settle();
        comment
    }
}

/// The most urgent of `flags` of at least `floor` severity: by severity, then in the order of
/// [`Category::NAMED`] (a user's own labels after).
fn most_urgent(flags: &[Flag], floor: Severity) -> Option<&Flag> {
    flags
        .iter()
        .filter(|flag| flag.severity >= floor)
        .min_by_key(|flag| (std::cmp::Reverse(flag.severity), flag.category.list_index()))
}

/// Sets each text flag's UTF-16 span from its UTF-8 one in `text`, the comment it was found in.
pub fn place_utf16(text: &str, flags: &mut [Flag]) {
    for flag in flags.iter_mut().filter(|flag| flag.target == FlagTarget::Text) {
        (flag.start_utf16, flag.end_utf16) =
            (utf16_offset(text, flag.start as usize), utf16_offset(text, flag.end as usize));
    }
}

/// The UTF-16 offset of the UTF-8 byte offset `byte` of `text` (the end when past it, the
/// character's start when inside one): what a JavaScript string is indexed by. Every offset a
/// front end slices with is converted here, once.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count() as u32
}

/// How long a banner stays up, unless a more urgent one replaces it.
pub const BANNER_MS: u32 = 8_000;

/// The warning a flagged comment raises on the host's screens (the window and the host view),
/// decided once here from its flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Banner {
    pub kind: BannerKind,
    /// The most urgent category among the flags that raise it.
    pub category: Category,
    /// How long it stays up once raised, measured on the screen's own clock.
    pub duration_ms: u32,
    /// A banner replaces the one showing unless that one has not expired and has a higher
    /// priority: an ordinary flagged comment must not push a scam warning away.
    pub priority: u8,
    /// The rule the most urgent flag protects, when a rule pack's entry raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub why: Option<Arc<Why>>,
}

/// What a [`Banner`] warns about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BannerKind {
    /// Do not read this comment aloud (a banned word, a rival, an off-platform deal, ...).
    Flagged,
    /// The author copies the shop's official account: warn the buyers.
    Impersonation,
}

impl Banner {
    /// The banner a comment with `flags` raises: one when a flag of medium severity or more is
    /// there and the author is not muted (spam is low-severity noise the feed already marks;
    /// muted authors are hidden on purpose).
    pub fn for_flags(flags: &[Flag]) -> Option<Banner> {
        if flags.iter().any(|flag| flag.category == Category::Muted) {
            return None;
        }
        let most_urgent = most_urgent(flags, Severity::Medium)?;
        let kind = if most_urgent.category == Category::Impersonation {
            BannerKind::Impersonation
        } else {
            BannerKind::Flagged
        };
        Some(Banner {
            kind,
            category: most_urgent.category.clone(),
            duration_ms: BANNER_MS,
            priority: match kind {
                BannerKind::Impersonation => 1,
                BannerKind::Flagged => 0,
            },
            why: most_urgent.why.clone(),
        })
    }
}

/// The person behind an event, as the source describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct User {
    /// Stable numeric-or-opaque user id, as a string (TikTok ids overflow JavaScript numbers).
    pub id: String,
    /// The @handle, without the `@`.
    pub unique_id: String,
    /// The display name; anything the user typed, so never render it as markup.
    pub nickname: String,
    /// Profile picture URL, when the source gives one.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// A moderator of this live.
    #[serde(default)]
    pub is_moderator: bool,
    #[serde(default)]
    pub follow_role: FollowRole,
}

/// The viewer's relation to the host account (TikTok's `followRole` 0, 1, 2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FollowRole {
    #[default]
    None,
    Follower,
    Friend,
}

/// One moderation finding on a comment: a stretch of its text, or its author.
///
/// What a flag *means* is decided here, not by its readers: [`target`](Flag::target) says
/// whether it marks text or the author, [`severity`](Flag::severity) (from the category) how
/// urgent it is, and an impersonation flag names the official handle it copies
/// ([`imitates`](Flag::imitates)). The window, overlays and reports render these fields.
///
/// For a text flag, `start`/`end` are UTF-8 byte offsets into the original text (and
/// `start_utf16`/`end_utf16` the same span for JavaScript) and `matched` is the original
/// substring, so the UI can underline exactly what the viewer typed; an author flag has an
/// empty span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Flag {
    /// The lexicon term (or pattern label, or detector name) that fired.
    pub term: String,
    pub category: Category,
    /// How urgent the finding is; follows from the category.
    pub severity: Severity,
    /// What the flag points at: a stretch of the text, or the author.
    pub target: FlagTarget,
    pub start: u32,
    pub end: u32,
    /// The same span in UTF-16 code units, as JavaScript strings index it.
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub matched: String,
    /// The code word to say instead, when the lexicon has one.
    pub suggest: Option<String>,
    /// For an impersonation flag, the official handle (without `@`) the author's name copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub imitates: Option<String>,
    /// How the words were read, for a hit in the text ("why did this fire?"); none for flags
    /// about the author (flood, repeat, impersonation, muted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub explain: Option<Explain>,
    /// The rule the flagged words break, for a hit of a rule pack's entry: the policy, in
    /// Indonesian and English, and the public document it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub why: Option<Arc<Why>>,
    /// Information only: a context-gated entry was found with no cue near it, and its lexicon
    /// says to show it anyway (`otherwise = "info"`). Its severity is then `none`: it is never
    /// the comment's finding nor a banner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub info: bool,
}

/// Text in the two languages the app speaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Localized {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

/// Why a rule pack flags an entry: the policy it protects and where that policy is written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Why {
    /// The rule pack's id (`tiktok-shop`).
    pub pack: String,
    /// The policy's id within the pack (`sending-buyers-away`).
    pub policy: String,
    /// The rule, one line in each language.
    pub rule: Localized,
    /// The public document the rule comes from, by its title.
    pub source: String,
    pub url: Option<String>,
    /// When the document was read for the pack (YYYY-MM-DD): rules change.
    pub read: String,
    /// The violation points, as the source states them; none where it states none.
    pub points: Option<String>,
}

/// The context word that let a context-gated entry fire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CueHit {
    /// The cue as the lexicon writes it (`lebih murah di`).
    pub cue: String,
    /// The cue as it was typed in the text.
    pub matched: String,
}

/// A flag as read back (the archive, a recording, another Pandu): severity is re-derived from
/// the category (and `info`), and a flag written before `target` existed is an author flag when it has no
/// span, as it was then.
#[derive(Deserialize)]
struct StoredFlag {
    term: String,
    category: Category,
    #[serde(default)]
    target: Option<FlagTarget>,
    start: u32,
    end: u32,
    matched: String,
    suggest: Option<String>,
    #[serde(default)]
    imitates: Option<String>,
    #[serde(default)]
    explain: Option<Explain>,
    #[serde(default)]
    why: Option<Arc<Why>>,
    #[serde(default)]
    info: bool,
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        StoredFlag::deserialize(deserializer).map(Flag::from)
    }
}

impl From<StoredFlag> for Flag {
    fn from(stored: StoredFlag) -> Flag {
        let spanless = stored.start == stored.end && stored.matched.is_empty();
        Flag {
            severity: if stored.info { Severity::None } else { stored.category.severity() },
            target: stored.target.unwrap_or(if spanless { FlagTarget::Author } else { FlagTarget::Text }),
            term: stored.term,
            category: stored.category,
            start: stored.start,
            end: stored.end,
            // Decided again from the comment's text (Comment::settle).
            start_utf16: 0,
            end_utf16: 0,
            matched: stored.matched,
            suggest: stored.suggest,
            imitates: stored.imitates,
            explain: stored.explain,
            why: stored.why,
            info: stored.info,
        }
    }
}

/// What a flag points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FlagTarget {
    /// A stretch of the comment's text (`start..end`): a word or pattern hit.
    Text,
    /// The comment's author: flood, repeat, impersonation, muted.
    Author,
}

/// What kind of finding a flag is. Pandu's lexicon and detectors use the named categories; a
/// user's lexicon may add labels of its own, which stay [`Custom`](Category::Custom).
///
/// Serialised as the named category's label (`"competitor"`) or, for a user's own label, as
/// `{"custom": "merek"}`, so front ends can tell the two apart by type (a `switch` over the
/// named ones is checked as exhaustive) and no list of the named ones is kept anywhere else.
/// Read back, a bare label is taken too (archives and recordings from before, lexicons).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Category {
    /// A name copying one of the shop's official accounts: a scam aimed at buyers.
    Impersonation,
    Profanity,
    /// Taking the sale off TikTok: WhatsApp, transfers, phone numbers.
    Offplatform,
    /// A rival marketplace or brand.
    Competitor,
    /// Online gambling spam (*judi online*): slot sites, "gacor", "maxwin".
    Gambling,
    /// An exaggerated or forbidden claim, or a giveaway the platform forbids.
    Claim,
    /// A troll's bait (`penipu`, `barang KW`): answer calmly, never read out as a word to avoid.
    Provocation,
    /// Flood, repetition, copy-paste, shouting.
    Spam,
    /// The author is on the co-host's mute list: not a finding about the comment.
    Muted,
    /// A label of the user's own lexicon.
    Custom(String),
}

impl Category {
    /// Every named category, most urgent first.
    pub const NAMED: [Category; 9] = [
        Category::Impersonation,
        Category::Profanity,
        Category::Offplatform,
        Category::Competitor,
        Category::Gambling,
        Category::Claim,
        Category::Provocation,
        Category::Spam,
        Category::Muted,
    ];

    /// The category a lexicon label names: a named one, or the label as a custom category.
    pub fn from_label(label: &str) -> Category {
        Category::NAMED
            .into_iter()
            .find(|named| named.label() == label)
            .unwrap_or_else(|| Category::Custom(label.into()))
    }

    /// Where the category is listed among those of one severity: the named ones in
    /// [`NAMED`](Category::NAMED) order, a user's own after them.
    pub fn list_index(&self) -> usize {
        Category::NAMED.iter().position(|named| named == self).unwrap_or(Category::NAMED.len())
    }

    /// The label as lexicons and JSON write it.
    pub fn label(&self) -> &str {
        match self {
            Category::Impersonation => "impersonation",
            Category::Profanity => "profanity",
            Category::Offplatform => "offplatform",
            Category::Competitor => "competitor",
            Category::Gambling => "gambling",
            Category::Claim => "claim",
            Category::Provocation => "provocation",
            Category::Spam => "spam",
            Category::Muted => "muted",
            Category::Custom(label) => label,
        }
    }

    /// How urgent a finding of this category is.
    pub fn severity(&self) -> Severity {
        match self {
            Category::Impersonation => Severity::Critical,
            Category::Profanity
            | Category::Offplatform
            | Category::Competitor
            | Category::Gambling
            | Category::Claim => Severity::High,
            // A user's own label sits above spam: they cared enough to add it.
            Category::Provocation | Category::Custom(_) => Severity::Medium,
            Category::Spam => Severity::Low,
            Category::Muted => Severity::None,
        }
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Category, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Label(String),
            Custom { custom: String },
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::Label(label) => Category::from(label),
            Written::Custom { custom } => Category::from(custom),
        })
    }
}

impl PartialEq<&str> for Category {
    fn eq(&self, label: &&str) -> bool {
        self.label() == *label
    }
}

impl From<String> for Category {
    fn from(label: String) -> Category {
        Category::from_label(&label)
    }
}

impl From<&str> for Category {
    fn from(label: &str) -> Category {
        Category::from_label(label)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// How urgent a finding is, least first (so `Ord` puts the most urgent last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// Not a finding (the author is muted): the row is collapsed, nothing is raised.
    None,
    /// Noise (spam): dim, never read aloud.
    Low,
    /// Handle with care (provocation, the user's own labels).
    Medium,
    /// Saying it gets the live cut or throttled (rival brands, off-platform deals, profanity,
    /// claims).
    High,
    /// A scam aimed at the buyers (an impersonator of the shop).
    Critical,
}

/// How a flagged stretch of text was read: what the matcher saw once the evasions were undone,
/// and which lexicon entry that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Explain {
    /// The matched text as the matcher read it (folded): `shope` for `s.h.0.p.e.e`; a pattern
    /// hit is read as typed.
    pub read_as: String,
    /// The entry it matched, as the lexicon writes it: the term or alias, or the pattern's regex.
    pub entry: String,
    /// The evasions undone to read it, in this order; empty when it was typed as listed.
    pub evasions: Vec<Evasion>,
    /// For a context-gated entry, the cue near it that made it fire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cue: Option<CueHit>,
}

impl Evasion {
    /// Every evasion, in the order they are listed.
    pub const ALL: [Evasion; 6] =
        [Evasion::LookAlike, Evasion::Accents, Evasion::Leet, Evasion::Invisible, Evasion::Spread, Evasion::Repeats];
}

/// A trick viewers use to get a word past a filter, which the matcher undid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Evasion {
    /// Letters from other scripts or styles that look Latin: `ѕһорее`, `ＳＨＯＰＥＥ`, `𝐬𝐡𝐨𝐩`.
    LookAlike,
    /// Accents and other marks on the letters: `shópéé`.
    Accents,
    /// Digits or symbols for letters: `sh0pee`, `$hopee`, `1azada`, a capital `I` for `l`.
    Leet,
    /// Invisible characters between the letters.
    Invisible,
    /// Letters spread out with dots, spaces or emoji: `s.h.o.p.e.e`.
    Spread,
    /// Letters repeated: `shopeeeee`.
    Repeats,
}

impl Flag {
    /// A hit on the words `start..end` (UTF-8 bytes, on character boundaries) of `text`.
    pub fn text_hit(
        term: &str,
        category: Category,
        text: &str,
        (start, end): (u32, u32),
        suggest: Option<String>,
        explain: Explain,
    ) -> Flag {
        Flag {
            term: term.into(),
            severity: category.severity(),
            category,
            target: FlagTarget::Text,
            start,
            end,
            start_utf16: utf16_offset(text, start as usize),
            end_utf16: utf16_offset(text, end as usize),
            matched: text[start as usize..end as usize].into(),
            suggest,
            imitates: None,
            explain: Some(explain),
            why: None,
            info: false,
        }
    }

    /// A flag about the comment's author (flood, repeat, muted): it points at no text.
    pub fn about_author(term: &str, category: Category) -> Flag {
        Flag {
            term: term.into(),
            severity: category.severity(),
            category,
            target: FlagTarget::Author,
            start: 0,
            end: 0,
            start_utf16: 0,
            end_utf16: 0,
            matched: String::new(),
            suggest: None,
            imitates: None,
            explain: None,
            why: None,
            info: false,
        }
    }

    /// The author's name copies the shop's official account `handle` (with or without `@`).
    pub fn impersonating(handle: &str) -> Flag {
        let handle = handle.trim_start_matches('@');
        Flag { imitates: Some(handle.into()), ..Flag::about_author(&format!("@{handle}"), Category::Impersonation) }
    }
}

impl LiveEvent {
    /// The comment, when this event is one.
    pub fn as_comment(&self) -> Option<&Comment> {
        match &self.kind {
            EventKind::Comment(comment) => Some(comment),
            _ => None,
        }
    }

    /// The `type` tag this event serialises with (`comment`, `gift`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            EventKind::Comment(_) => "comment",
            EventKind::Gift { .. } => "gift",
            EventKind::Like { .. } => "like",
            EventKind::Join { .. } => "join",
            EventKind::Follow { .. } => "follow",
            EventKind::Share { .. } => "share",
            EventKind::ViewerCount { .. } => "viewer_count",
            EventKind::StreamEnd { .. } => "stream_end",
            EventKind::ProductShown { .. } => "product_shown",
        }
    }
}

// Part of the event model, not of `crate::feedback`, so that a `Comment` can carry what the
// suggestion rules read it as while the feedback log builds on the event model, not beside it.
/// What a viewer's comment was, as the co-host tagged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FeedbackKind {
    /// Keluhan: something went wrong (a late parcel, a broken item, a wrong size).
    Complaint,
    /// Pertanyaan: something the host should answer on air.
    Question,
    /// Permintaan: something the viewer asks the host to do or the shop to stock.
    Request,
    /// Pujian: praise.
    Praise,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 4] =
        [FeedbackKind::Complaint, FeedbackKind::Question, FeedbackKind::Request, FeedbackKind::Praise];

    /// The name the API, the archive and the exports use.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::Question => "question",
            FeedbackKind::Request => "request",
            FeedbackKind::Praise => "praise",
        }
    }
}

impl std::fmt::Display for FeedbackKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FeedbackKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        FeedbackKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .ok_or_else(|| format!("kind: '{name}' is not a feedback kind (complaint, question, request or praise)"))
    }
}

/// The current wall-clock time as a [`Timestamp`].
pub fn now_ms() -> Timestamp {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_millis() as Timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer() -> User {
        User {
            id: "7001".into(),
            unique_id: "sari.belanja".into(),
            nickname: "Sari 🌸".into(),
            avatar_url: None,
            is_moderator: false,
            follow_role: FollowRole::Follower,
        }
    }

    #[test]
    fn comment_serialises_flat_with_a_type_tag() {
        let event = LiveEvent {
            id: "m1".into(),
            ts: 1_732_330_000_000,
            source: "demo".into(),
            kind: EventKind::Comment(Comment {
                user: viewer(),
                text: "ready kak?".into(),
                flags: vec![],
                suggested: None,
                banner: None,
                finding: None,
            }),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], "comment");
        assert_eq!(json["text"], "ready kak?");
        assert_eq!(json["user"]["unique_id"], "sari.belanja");
        assert_eq!(json["user"]["follow_role"], "follower");
        assert_eq!(json["flags"], serde_json::json!([]));
        assert_eq!(event.kind_name(), "comment");
    }

    fn flagged(text: &str, flags: Vec<Flag>) -> Comment {
        let mut comment =
            Comment { user: viewer(), text: text.into(), flags, suggested: None, banner: None, finding: None };
        comment.settle();
        comment
    }

    fn hit(text: &str, word: &str, category: Category) -> Flag {
        let start = text.find(word).unwrap() as u32;
        let explain = Explain { read_as: word.into(), entry: word.into(), evasions: vec![], cue: None };
        Flag::text_hit(word, category, text, (start, start + word.len() as u32), None, explain)
    }

    #[test]
    fn a_flag_carries_its_span_in_utf16_for_javascript() {
        let text = "🔥🔥 cek sh0pee kak";
        let flag = hit(text, "sh0pee", Category::Competitor);
        assert_eq!((flag.start, flag.end), (13, 19), "UTF-8 bytes: each emoji is 4");
        assert_eq!((flag.start_utf16, flag.end_utf16), (9, 15), "UTF-16 units: each emoji is 2");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[9..15]).unwrap(), "sh0pee");
        assert_eq!(utf16_offset("é", 1), 0, "inside a character: its start");
        assert_eq!(utf16_offset("ab", 99), 2, "past the end: the end");
    }

    #[test]
    fn offsets_and_the_banner_are_decided_again_when_read_back() {
        let text = "Kak 🙏 wa aja";
        let mut stored = serde_json::to_value(flagged(text, vec![hit(text, "wa", Category::Offplatform)])).unwrap();
        stored["flags"][0]["start_utf16"] = 99.into();
        stored.as_object_mut().unwrap().remove("banner");
        let read: Comment = serde_json::from_value(stored).unwrap();
        assert_eq!((read.flags[0].start_utf16, read.flags[0].end_utf16), (7, 9));
        assert_eq!(read.banner.map(|banner| banner.category), Some(Category::Offplatform));
    }

    #[test]
    fn a_comment_is_shown_by_its_most_urgent_finding_then_by_the_list_order() {
        let text = "penipu, barang kw, pasti sembuh, beli, wa";
        let finding = |hits: &[(&str, Category)], authors: Vec<Flag>| {
            let mut flags: Vec<Flag> = hits.iter().map(|(word, category)| hit(text, word, category.clone())).collect();
            flags.extend(authors);
            flagged(text, flags).finding
        };
        let custom = || Category::Custom("lainnya".into());
        let spam = || Flag::about_author("repeat", Category::Spam);
        assert_eq!(
            finding(
                &[("beli", custom()), ("penipu", Category::Provocation), ("pasti sembuh", Category::Claim)],
                vec![spam()]
            ),
            Some(Category::Claim)
        );
        assert_eq!(
            finding(&[("penipu", Category::Provocation), ("beli", custom())], vec![spam()]),
            Some(Category::Provocation)
        );
        assert_eq!(finding(&[("beli", custom())], vec![spam()]), Some(custom()), "a user's own label above spam");
        assert_eq!(
            finding(&[("beli", Category::Competitor), ("wa", Category::Offplatform)], vec![]),
            Some(Category::Offplatform),
            "of one severity, the list order"
        );
        assert_eq!(
            finding(&[("beli", Category::Competitor)], vec![Flag::impersonating("shop")]),
            Some(Category::Impersonation)
        );
        assert_eq!(finding(&[], vec![]), None);
    }

    #[test]
    fn the_banner_follows_the_most_urgent_finding_and_never_a_muted_author() {
        let text = "penipu! beli di shopee";
        let both =
            flagged(text, vec![hit(text, "penipu", Category::Provocation), hit(text, "shopee", Category::Competitor)]);
        let banner = both.banner.unwrap();
        assert_eq!(
            (banner.kind, banner.category, banner.duration_ms, banner.priority),
            (BannerKind::Flagged, Category::Competitor, BANNER_MS, 0)
        );
        let scam = flagged("halo", vec![Flag::impersonating("novilla.official")]).banner.unwrap();
        assert_eq!((scam.kind, scam.priority), (BannerKind::Impersonation, 1), "a scam warning outranks the rest");
        let spam = flagged("spam", vec![Flag::about_author("flood", Category::Spam)]);
        assert_eq!((spam.banner, spam.finding), (None, Some(Category::Spam)), "noise: shown, never raised");
        assert_eq!(both.finding, Some(Category::Competitor), "the row is shown by the most urgent finding");
        let muted = vec![Flag::about_author("muted", Category::Muted), hit(text, "shopee", Category::Competitor)];
        assert_eq!(flagged(text, muted).banner, None, "a muted author is hidden on purpose");
        let only_muted = flagged("halo", vec![Flag::about_author("muted", Category::Muted)]);
        assert_eq!(only_muted.finding, None, "muted is no finding");
        assert_eq!(
            flagged("ok", vec![hit("ok", "ok", Category::Custom("merek".into()))]).banner.unwrap().category,
            "merek"
        );
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let kinds = [
            EventKind::Comment(Comment {
                user: viewer(),
                text: "ukuran L ada?".into(),
                flags: vec![],
                suggested: None,
                banner: None,
                finding: None,
            }),
            EventKind::Gift { user: viewer(), gift_name: "Rose".into(), count: 3, diamonds: 1 },
            EventKind::Like { user: viewer(), count: 15 },
            EventKind::Join { user: viewer() },
            EventKind::Follow { user: viewer() },
            EventKind::Share { user: viewer() },
            EventKind::ViewerCount { count: 812 },
            EventKind::StreamEnd { reason: Some("host ended the live".into()) },
        ];
        for kind in kinds {
            let event = LiveEvent { id: "x".into(), ts: 1, source: "demo".into(), kind };
            let json = serde_json::to_string(&event).unwrap();
            let back: LiveEvent = serde_json::from_str(&json).unwrap();
            assert_eq!(back, event, "{json}");
            assert!(json.contains(&format!("\"type\":\"{}\"", event.kind_name())), "{json}");
        }
    }

    #[test]
    fn optional_user_fields_default_when_a_source_omits_them() {
        let json = r#"{"id":"a","ts":5,"source":"replay","type":"join",
                       "user":{"id":"1","unique_id":"budi","nickname":"Budi"}}"#;
        let event: LiveEvent = serde_json::from_str(json).unwrap();
        let EventKind::Join { user } = event.kind else { panic!("not a join: {event:?}") };
        assert_eq!(user.follow_role, FollowRole::None);
        assert!(!user.is_moderator);
        assert_eq!(user.avatar_url, None);
    }

    #[test]
    fn a_flag_says_what_it_marks_how_urgent_it_is_and_whom_an_impersonator_copies() {
        let impersonator = serde_json::to_value(Flag::impersonating("@Novilla.Official")).unwrap();
        assert_eq!(impersonator["category"], "impersonation");
        assert_eq!(impersonator["severity"], "critical");
        assert_eq!(impersonator["target"], "author");
        assert_eq!(impersonator["imitates"], "Novilla.Official");
        let custom: Flag = serde_json::from_value(serde_json::json!({
            "term": "kaos", "category": "merek_saya", "severity": "critical", "target": "text",
            "start": 0, "end": 4, "matched": "kaos", "suggest": null
        }))
        .unwrap();
        assert_eq!(custom.category, Category::Custom("merek_saya".into()));
        assert_eq!(custom.severity, Severity::Medium, "severity follows the category, not what was sent");
        assert_eq!(Category::from("spam"), Category::Spam);
        assert!(Severity::Critical > Severity::High && Severity::Low > Severity::None);
    }

    #[test]
    fn flags_archived_before_targets_existed_read_back_by_their_span() {
        let old = |start: u32, end: u32, matched: &str| {
            serde_json::from_value::<Flag>(serde_json::json!({
                "term": "flood", "category": "spam", "start": start, "end": end,
                "matched": matched, "suggest": null
            }))
            .unwrap()
        };
        assert_eq!(old(0, 0, "").target, FlagTarget::Author);
        assert_eq!(old(4, 10, "sh0pee").target, FlagTarget::Text);
        assert_eq!(old(0, 0, "").severity, Severity::Low);
    }

    #[test]
    fn a_users_own_category_is_told_apart_from_the_named_ones_by_its_shape() {
        let custom = Category::from_label("merek");
        assert_eq!(serde_json::to_value(&custom).unwrap(), serde_json::json!({"custom": "merek"}));
        assert_eq!(serde_json::to_value(Category::Competitor).unwrap(), "competitor");
        for written in [serde_json::json!({"custom": "merek"}), serde_json::json!("merek")] {
            assert_eq!(serde_json::from_value::<Category>(written).unwrap(), custom, "both forms read back");
        }
        let named: Category = serde_json::from_value(serde_json::json!({"custom": "spam"})).unwrap();
        assert_eq!(named, Category::Spam, "a custom label that names a category is that category");
    }

    #[test]
    fn an_unknown_type_is_an_error_not_a_panic() {
        let json = r#"{"id":"a","ts":5,"source":"x","type":"teleport"}"#;
        let error = serde_json::from_str::<LiveEvent>(json).unwrap_err();
        assert!(error.to_string().contains("teleport"), "{error}");
    }
}
