//! The lexicon: the words, brands, phrases and patterns Pandu flags, in TOML.
//!
//! Two kinds of file share this format: the **rule packs** Pandu ships ([`super::packs`]: the
//! platform's rules, reviewed, versioned, each entry with the policy it protects), and the
//! **shop's own lexicon** (`lexicon.toml`), which adds its terms on top of the packs it switched
//! on and can switch a pack's entry off.
//!
//! ```toml
//! [pack]                         # a rule pack only
//! id = "tiktok-shop"
//! version = "2026.12.07"
//! name = { id = "Aturan TikTok Shop", en = "TikTok Shop rules" }
//! about = { id = "...", en = "..." }
//! on_by_default = true
//! applies_to = ["comments", "script"]     # where its flags appear
//!
//! [[source]]                     # a public document the rules come from
//! id = "live-rules"
//! title = "..."
//! url = "https://..."            # optional
//! read = "2026-12-07"            # when it was read
//!
//! [[policy]]                     # one rule, as the source states it
//! id = "sending-buyers-away"
//! source = "live-rules"
//! why = { id = "...", en = "..." }
//! points = "..."                 # optional: violation points, as the source states them
//!
//! [cues]                         # named sets of context words
//! directing = ["beli", "cek", "checkout", "lebih murah di"]
//!
//! [[term]]
//! text = "shopee"            # required: the word, brand or phrase (may be several words)
//! category = "competitor"    # required: competitor | offplatform | profanity | gambling |
//!                            # claim | provocation | any label of the shop's own
//! suggest = "aplikasi oren"  # optional: the code word to say instead
//! aliases = ["sopi", { text = "ig", exact = true }]
//!                            # optional: other spellings that count as this term; a table
//!                            # with `exact = true` is matched only as written (below)
//! exact = false              # optional: true = the term and all its aliases are matched only
//!                            # as written
//! policy = "..."             # the [[policy]] it protects: required in a pack
//! context = { cues = "directing", within = 4, otherwise = "pass" }
//!                            # optional: flagged only with a cue near it (below); also
//!                            # `unless = "SET"`: not flagged with one of those near
//! applies_to = ["script"]    # optional: overrides the pack's
//!
//! [[pattern]]
//! regex = '(?:\+?62|\b0)8[0-9]{8,11}\b'   # Rust regex, run on the original text
//! category = "offplatform"
//! label = "phone number"                 # optional: reported as the hit's term (default: the regex)
//! # policy, context and applies_to as for a term
//!
//! [[allow]]
//! text = "..."               # a phrase that is never flagged
//! [[allow]]
//! term = "obat"              # the shop's file only: switch a pack's entry off (a term's text
//!                            # or a pattern's label)
//! ```
//!
//! **Exact entries.** A term or alias is normally matched through every evasion the
//! [fold](super::fold) undoes (`sh0pee`, `s.h.o.p.e.e`, look-alike letters, repeated letters).
//! One marked `exact = true` is matched only as written, case-insensitively, as whole words,
//! with no evasion folding and no clitic after it: for the short forms that are also everyday
//! words or chat abbreviations in another spelling (`ig` as written is Instagram; `1g`, `i.g`
//! or `iggg` are not worth the false alarms).
//!
//! **Context.** Some words are innocent alone and a violation only in context: `tokopedia` is
//! the checkout TikTok Shop itself runs in Indonesia, and a rival only when the buyer is sent
//! there (`beli di tokped aja`). An entry with `context = { cues = "SET", ... }` is flagged only
//! when one of the set's words or phrases stands within `within` words of it, on either side,
//! read through the same folding as the entries (`ch3ckout` is `checkout`); one with `unless =
//! "SET"` is not flagged when one of that set's words stands near (`babi` beside `sate` or
//! `menu` is pork, not an insult). Otherwise the hit passes (`otherwise = "pass"`, the default)
//! or is shown as information only (`"info"`). The cost is paid only by the texts that hit such
//! an entry: one look at the few words around the hit.
//!
//! **Where flags appear.** A claim word in the host's script is the shop's problem; in a
//! viewer's comment it usually is not. Each pack says where its flags appear (`comments`,
//! `script`, or both) and an entry may narrow it; a shop's own entries appear in both.
//!
//! Parsing checks everything the matcher relies on (regexes compile, terms have something to
//! match, policies and cue sets exist, every pack entry has its policy), so a lexicon that
//! parses always builds. Errors say where: `FILE:LINE:COL: message`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use super::fold::fold_text;
use crate::event::{Localized, Why};

/// The starter for a shop's own lexicon: no entries, the format explained. Pandu's rules come
/// from the rule packs ([`super::packs`]).
pub const DEFAULT_LEXICON: &str = include_str!("default_lexicon.toml");

/// Where a flag can appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Surface {
    /// Viewers' comments (and everything read like one: `pandu scan`).
    Comments,
    /// The host's script (check-script, the teleprompter).
    Script,
}

impl Surface {
    /// Both surfaces: where a shop's own entries, and a pack that does not say, appear.
    pub const ALL: [Surface; 2] = [Surface::Comments, Surface::Script];
}

/// A parsed, checked lexicon: a rule pack, a shop's own file, or the two combined.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The header, for a rule pack.
    pub pack: Option<PackHeader>,
    pub sources: Vec<Source>,
    pub terms: Vec<Term>,
    pub patterns: Vec<Pattern>,
    pub allow: Vec<Allow>,
    /// Pack entries the shop switched off (`[[allow]] term = "..."`).
    pub switched_off: Vec<SwitchOff>,
}

/// A rule pack's `[pack]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    pub id: String,
    pub version: String,
    pub name: Localized,
    pub about: Localized,
    #[serde(default)]
    pub on_by_default: bool,
    #[serde(default = "all_surfaces")]
    pub applies_to: Vec<Surface>,
}

fn all_surfaces() -> Vec<Surface> {
    Surface::ALL.to_vec()
}

/// A public document a pack's rules come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    pub id: String,
    /// The document's title, as published.
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    /// When it was read (YYYY-MM-DD).
    pub read: String,
}

/// A word, brand or phrase to flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub text: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggest: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Match the term and all its aliases only as written (see the module docs).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
    /// The id of the `[[policy]]` it protects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Vec<Surface>>,
    /// What parsing resolved: the policy's why, the cue set's words, the surfaces.
    #[serde(skip)]
    pub rule: Rule,
}

/// What an entry's `policy`, `context` and `applies_to` come to once the file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub why: Option<Arc<Why>>,
    pub gate: Option<Gate>,
    pub applies_to: Vec<Surface>,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule { why: None, gate: None, applies_to: all_surfaces() }
    }
}

/// `context = { cues = "...", unless = "...", within = N, otherwise = "pass" }` as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The name of a set in `[cues]`: flagged only with one of its words near.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cues: Option<String>,
    /// The name of a set in `[cues]`: not flagged with one of its words near (`babi` beside
    /// `sate` or `menu` is food, not an insult).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<String>,
    /// How many words away, on either side, a cue may stand.
    pub within: u32,
    #[serde(default)]
    pub otherwise: Otherwise,
}

/// What a context-gated hit with no cue near it becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Otherwise {
    /// Nothing: the word alone is innocent.
    #[default]
    Pass,
    /// A flag marked information only: shown, never raised.
    Info,
}

/// A context rule resolved: the cue sets' words, ready for the matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    /// The `cues` set's name, for explanations (empty without one).
    pub set: String,
    /// Words one of which must stand near (none: no such condition).
    pub cues: Vec<String>,
    /// Words none of which may stand near.
    pub unless: Vec<String>,
    pub within: usize,
    pub otherwise: Otherwise,
}

/// The most words a cue may stand away from its entry: beyond that it belongs to another clause.
pub const MAX_CONTEXT_WORDS: u32 = 10;

impl Term {
    /// A term matched through evasions, with no code word and no aliases.
    pub fn new(text: &str, category: &str) -> Term {
        Term {
            text: text.into(),
            category: category.into(),
            suggest: None,
            aliases: Vec::new(),
            exact: false,
            policy: None,
            context: None,
            applies_to: None,
            rule: Rule::default(),
        }
    }

    /// Every spelling that counts as this term, the term's own first: `(text, exact)`.
    pub fn surfaces(&self) -> impl Iterator<Item = (&str, bool)> {
        std::iter::once((self.text.as_str(), self.exact))
            .chain(self.aliases.iter().map(|alias| (alias.text.as_str(), self.exact || alias.exact)))
    }
}

/// Another spelling of a term: a string in the file, or `{ text = "...", exact = true }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawAlias", into = "RawAlias")]
pub struct Alias {
    pub text: String,
    /// Matched only as written.
    pub exact: bool,
}

impl From<&str> for Alias {
    fn from(text: &str) -> Alias {
        Alias { text: text.into(), exact: false }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields, expecting = "an alias: a string, or a table { text = \"...\", exact = true }")]
enum RawAlias {
    Text(String),
    Table {
        text: String,
        #[serde(default)]
        exact: bool,
    },
}

impl From<RawAlias> for Alias {
    fn from(raw: RawAlias) -> Alias {
        match raw {
            RawAlias::Text(text) => Alias { text, exact: false },
            RawAlias::Table { text, exact } => Alias { text, exact },
        }
    }
}

impl From<Alias> for RawAlias {
    fn from(alias: Alias) -> RawAlias {
        if alias.exact { RawAlias::Table { text: alias.text, exact: true } } else { RawAlias::Text(alias.text) }
    }
}

/// A regular expression to flag, run on the original text.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: regex::Regex,
    pub category: String,
    pub label: String,
    pub rule: Rule,
}

/// A phrase that is never flagged, even when it contains a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub text: String,
}

/// `[[allow]] term = "..."`: a pack's entry the shop switched off, and where it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchOff {
    /// A pack term's text or a pack pattern's label.
    pub term: String,
    /// Only in this pack, when given.
    pub pack: Option<String>,
    pub origin: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    regex: String,
    category: String,
    label: Option<String>,
    policy: Option<String>,
    context: Option<Context>,
    applies_to: Option<Vec<Surface>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    text: Option<String>,
    term: Option<String>,
    pack: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    id: String,
    source: String,
    why: Localized,
    points: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    pack: Option<Spanned<PackHeader>>,
    #[serde(default)]
    source: Vec<Spanned<Source>>,
    #[serde(default)]
    policy: Vec<Spanned<RawPolicy>>,
    #[serde(default)]
    cues: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    #[serde(default)]
    term: Vec<Spanned<Term>>,
    #[serde(default)]
    pattern: Vec<Spanned<RawPattern>>,
    #[serde(default)]
    allow: Vec<Spanned<RawAllow>>,
}

/// A lexicon that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, ts_rs::TS)]
#[error("{origin}:{line}:{column}: {message}")]
#[ts(export)]
pub struct LexiconError {
    /// The file (or other origin) the lexicon came from.
    pub origin: String,
    /// 1-based line of the offending entry or syntax error.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    pub message: String,
}

/// The pack id a shop's own policies are reported under.
pub const SHOP_PACK: &str = "shop";

/// Reads `[[source]]`, `[[policy]]` and `[cues]` and resolves each entry's rule against them.
struct Resolver {
    pack: String,
    in_pack: bool,
    pack_surfaces: Vec<Surface>,
    policies: BTreeMap<String, Arc<Why>>,
    cues: BTreeMap<String, Vec<String>>,
}

impl Resolver {
    fn rule(
        &self,
        policy: Option<&str>,
        context: Option<&Context>,
        applies_to: Option<&[Surface]>,
    ) -> Result<Rule, String> {
        let why = match policy {
            Some(id) => Some(self.policies.get(id).cloned().ok_or_else(|| {
                let known: Vec<&str> = self.policies.keys().map(String::as_str).collect();
                format!("`policy = {id:?}` names no [[policy]] of this file (it has: {})", list_or_none(&known))
            })?),
            None if self.in_pack => {
                return Err(format!(
                    "every entry of a rule pack names the `policy` it protects (pack {:?})",
                    self.pack
                ));
            }
            None => None,
        };
        let gate = context
            .map(|context| {
                let set = |name: &String, key: &str| {
                    self.cues.get(name).cloned().ok_or_else(|| {
                        let known: Vec<&str> = self.cues.keys().map(String::as_str).collect();
                        format!("`context.{key} = {name:?}` names no set in [cues] (it has: {})", list_or_none(&known))
                    })
                };
                if context.cues.is_none() && context.unless.is_none() {
                    return Err("`context` needs `cues` (words that must be near), `unless` (words that must not), \
                                or both"
                        .to_string());
                }
                if !(1..=MAX_CONTEXT_WORDS).contains(&context.within) {
                    return Err(format!(
                        "`context.within = {}`: a cue counts from 1 to {MAX_CONTEXT_WORDS} words away",
                        context.within
                    ));
                }
                Ok(Gate {
                    set: context.cues.clone().unwrap_or_default(),
                    cues: context.cues.as_ref().map(|name| set(name, "cues")).transpose()?.unwrap_or_default(),
                    unless: context.unless.as_ref().map(|name| set(name, "unless")).transpose()?.unwrap_or_default(),
                    within: context.within as usize,
                    otherwise: context.otherwise,
                })
            })
            .transpose()?;
        let applies_to = match applies_to {
            Some([]) => return Err("`applies_to` is empty, so the entry would never be flagged".into()),
            Some(surfaces) => surfaces.to_vec(),
            None => self.pack_surfaces.clone(),
        };
        Ok(Rule { why, gate, applies_to })
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() { "none".into() } else { items.join(", ") }
}

impl Lexicon {
    /// Parses and checks a lexicon. `origin` names it in errors (a file path, "default lexicon").
    pub fn parse(text: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let error_at = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            LexiconError { origin: origin.to_string(), line, column, message }
        };
        let raw: RawLexicon = toml::from_str(text).map_err(|e| error_at(e.span(), e.message().trim().to_string()))?;

        let mut lexicon = Lexicon::default();
        if let Some(header) = raw.pack {
            let span = header.span();
            let header = header.into_inner();
            let valid_id = !header.id.is_empty()
                && header.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid_id {
                return Err(error_at(Some(span), format!("[pack] id {:?}: use a-z, 0-9 and -", header.id)));
            }
            if header.applies_to.is_empty() {
                return Err(error_at(Some(span), "[pack] applies_to is empty: say comments, script or both".into()));
            }
            lexicon.pack = Some(header);
        }
        let mut resolver = Resolver {
            pack: lexicon.pack.as_ref().map_or(SHOP_PACK.to_string(), |pack| pack.id.clone()),
            in_pack: lexicon.pack.is_some(),
            pack_surfaces: lexicon.pack.as_ref().map_or_else(all_surfaces, |pack| pack.applies_to.clone()),
            policies: BTreeMap::new(),
            cues: BTreeMap::new(),
        };
        for entry in raw.source {
            let span = entry.span();
            let source = entry.into_inner();
            let at = |message: String| error_at(Some(span.clone()), format!("[[source]] {:?}: {message}", source.id));
            if !is_date(&source.read) {
                return Err(at(format!("`read = {:?}`: write the date it was read as YYYY-MM-DD", source.read)));
            }
            if lexicon.sources.iter().any(|known| known.id == source.id) {
                return Err(at("a second [[source]] with this id".into()));
            }
            lexicon.sources.push(source);
        }
        for entry in raw.policy {
            let span = entry.span();
            let policy = entry.into_inner();
            let at = |message: String| error_at(Some(span.clone()), format!("[[policy]] {:?}: {message}", policy.id));
            let source = lexicon.sources.iter().find(|source| source.id == policy.source).ok_or_else(|| {
                let known: Vec<&str> = lexicon.sources.iter().map(|s| s.id.as_str()).collect();
                at(format!(
                    "`source = {:?}` names no [[source]] of this file (it has: {})",
                    policy.source,
                    list_or_none(&known)
                ))
            })?;
            if policy.why.id.trim().is_empty() || policy.why.en.trim().is_empty() {
                return Err(at("`why` needs both `id` (Indonesian) and `en` (English)".into()));
            }
            if resolver.policies.contains_key(&policy.id) {
                return Err(at("a second [[policy]] with this id".into()));
            }
            let why = Why {
                pack: resolver.pack.clone(),
                policy: policy.id.clone(),
                rule: policy.why,
                source: source.title.clone(),
                url: source.url.clone(),
                read: source.read.clone(),
                points: policy.points.filter(|points| !points.trim().is_empty()),
            };
            resolver.policies.insert(policy.id, Arc::new(why));
        }
        if let Some(cues) = raw.cues {
            let span = cues.span();
            for (name, words) in cues.into_inner() {
                let at = |message: String| error_at(Some(span.clone()), format!("[cues] {name:?}: {message}"));
                if words.is_empty() {
                    return Err(at("the set has no cues".into()));
                }
                for word in &words {
                    check_matchable(word).map_err(&at)?;
                }
                resolver.cues.insert(name, words);
            }
        }
        for (index, entry) in raw.term.into_iter().enumerate() {
            let span = entry.span();
            let mut term = entry.into_inner();
            let at = |message: String| {
                error_at(Some(span.clone()), format!("[[term]] #{} ({:?}): {message}", index + 1, term.text))
            };
            check_label("category", &term.category).map_err(&at)?;
            for (surface, _) in term.surfaces() {
                check_matchable(surface).map_err(&at)?;
            }
            term.rule = resolver
                .rule(term.policy.as_deref(), term.context.as_ref(), term.applies_to.as_deref())
                .map_err(&at)?;
            lexicon.terms.push(term);
        }
        for (index, entry) in raw.pattern.into_iter().enumerate() {
            let span = entry.span();
            let RawPattern { regex, category, label, policy, context, applies_to } = entry.into_inner();
            let at = |message: String| error_at(Some(span.clone()), format!("[[pattern]] #{}: {message}", index + 1));
            check_label("category", &category).map_err(&at)?;
            let compiled = regex::Regex::new(&regex).map_err(|e| at(format!("bad regex: {e}")))?;
            if compiled.is_match("") {
                return Err(at(format!("the regex {regex:?} matches empty text, so it would flag every comment")));
            }
            let rule = resolver.rule(policy.as_deref(), context.as_ref(), applies_to.as_deref()).map_err(&at)?;
            lexicon.patterns.push(Pattern { regex: compiled, category, label: label.unwrap_or(regex), rule });
        }
        for (index, entry) in raw.allow.into_iter().enumerate() {
            let span = entry.span();
            let at = |message: String| error_at(Some(span.clone()), format!("[[allow]] #{}: {message}", index + 1));
            match entry.into_inner() {
                RawAllow { text: Some(text), term: None, pack: None } => {
                    check_matchable(&text).map_err(&at)?;
                    lexicon.allow.push(Allow { text });
                }
                RawAllow { text: None, term: Some(term), pack } => {
                    if lexicon.pack.is_some() {
                        return Err(at("a rule pack cannot switch entries off; only a shop's lexicon can".into()));
                    }
                    let (line, column) = line_column(text, span.start);
                    lexicon.switched_off.push(SwitchOff { term, pack, origin: origin.to_string(), line, column });
                }
                _ => {
                    return Err(at(
                        "give either `text` (a phrase never flagged) or `term` (a pack's entry to switch off, \
                         optionally with its `pack`)"
                            .into(),
                    ));
                }
            }
        }
        Ok(lexicon)
    }

    /// Reads and parses the lexicon file at `path`.
    pub fn load(path: &Path) -> Result<Lexicon, LexiconError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| LexiconError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read the lexicon: {error}"),
        })?;
        Lexicon::parse(&text, &origin)
    }

    /// The rule packs Pandu switches on by default, combined: what a new shop's comments and
    /// script are checked against.
    pub fn default_indonesian() -> Lexicon {
        super::packs::lexicon_in_force(&super::packs::default_pack_ids(), &Lexicon::default())
            .expect("the shipped packs are valid (tested)")
    }

    /// Entries, allowed phrases and switch-offs of `self` followed by `other`'s.
    pub fn extend(&mut self, other: &Lexicon) {
        self.sources.extend(other.sources.iter().cloned());
        self.terms.extend(other.terms.iter().cloned());
        self.patterns.extend(other.patterns.iter().cloned());
        self.allow.extend(other.allow.iter().cloned());
        self.switched_off.extend(other.switched_off.iter().cloned());
    }
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

/// `[[term]]` entries for a plain word list (one word or phrase per line; blank lines and lines
/// starting with `#` skipped), as TOML text to append to a lexicon file. Terms that would
/// not parse are reported by line instead.
pub fn word_list_to_toml(words: &str, category: &str, suggest: Option<&str>) -> Result<String, LexiconError> {
    let at = |line: usize, message: String| LexiconError {
        origin: "word list".into(),
        line: line as u32 + 1,
        column: 1,
        message,
    };
    check_label("category", category).map_err(|m| at(0, m))?;
    let mut out = String::new();
    for (line, word) in words.lines().enumerate() {
        let word = word.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        check_matchable(word).map_err(|m| at(line, format!("{word:?}: {m}")))?;
        let term =
            Term { suggest: suggest.filter(|s| !s.trim().is_empty()).map(str::to_string), ..Term::new(word, category) };
        #[derive(Serialize)]
        struct One<'a> {
            term: [&'a Term; 1],
        }
        out.push('\n');
        out.push_str(&toml::to_string(&One { term: [&term] }).expect("terms serialise"));
    }
    Ok(out)
}

fn check_label(field: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() { Err(format!("`{field}` must not be empty")) } else { Ok(()) }
}

fn check_matchable(text: &str) -> Result<(), String> {
    if fold_text(text).trim().is_empty() { Err(format!("{text:?} has no letters or digits to match")) } else { Ok(()) }
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_lexicon_parses_and_covers_every_category() {
        let lexicon = Lexicon::default_indonesian();
        for category in ["competitor", "offplatform", "profanity", "claim", "provocation", "gambling"] {
            assert!(lexicon.terms.iter().any(|t| t.category == category), "no {category} terms");
        }
        assert!(lexicon.patterns.iter().any(|p| p.label == "phone number"));
        assert!(lexicon.terms.iter().any(|t| t.text == "shopee" && t.suggest.is_some()));
    }

    #[test]
    fn a_full_entry_parses() {
        let lexicon = Lexicon::parse(
            r#"
            [[term]]
            text = "shopee"
            category = "competitor"
            suggest = "aplikasi oren"
            aliases = ["sopi"]

            [[pattern]]
            regex = '(?:\+?62|\b0)8[0-9]{8,11}\b'
            category = "offplatform"
            label = "phone number"

            [[allow]]
            text = "wa ode"
            "#,
            "test",
        )
        .unwrap();
        assert_eq!(lexicon.terms[0].aliases, [Alias::from("sopi")]);
        assert!(lexicon.patterns[0].regex.is_match("WA 081234567890"));
        assert_eq!(lexicon.allow[0].text, "wa ode");
    }

    #[test]
    fn exact_terms_and_aliases_parse_and_write_back_the_same() {
        let text = "[[term]]\ntext = \"instagram\"\ncategory = \"offplatform\"\n\
                    aliases = [{ text = \"ig\", exact = true }, \"insta\", { text = \"igeh\" }]\n\
                    [[term]]\ntext = \"tl\"\ncategory = \"x\"\nexact = true\n";
        let lexicon = Lexicon::parse(text, "test").unwrap();
        let surfaces: Vec<(&str, bool)> = lexicon.terms[0].surfaces().collect();
        assert_eq!(surfaces, [("instagram", false), ("ig", true), ("insta", false), ("igeh", false)]);
        assert_eq!(lexicon.terms[1].surfaces().collect::<Vec<_>>(), [("tl", true)], "a term's exact covers it all");
        #[derive(Serialize)]
        struct Terms<'a> {
            term: &'a [Term],
        }
        let written = toml::to_string(&Terms { term: &lexicon.terms }).unwrap();
        assert_eq!(Lexicon::parse(&written, "written").unwrap().terms, lexicon.terms, "{written}");

        let typo = error("[[term]]\ntext = \"x\"\ncategory = \"c\"\naliases = [{ text = \"y\", exakt = true }]\n");
        assert!(typo.message.contains("alias"), "{typo}");
    }

    fn error(text: &str) -> LexiconError {
        Lexicon::parse(text, "lexicon.toml").unwrap_err()
    }

    #[test]
    fn broken_entries_are_reported_with_their_position() {
        let bad_regex = error(
            "[[term]]\ntext = \"wa\"\ncategory = \"offplatform\"\n\n[[pattern]]\nregex = '(unclosed'\ncategory = \"x\"\n",
        );
        assert_eq!((bad_regex.line, bad_regex.origin.as_str()), (5, "lexicon.toml"));
        assert!(bad_regex.message.contains("[[pattern]] #1") && bad_regex.message.contains("bad regex"), "{bad_regex}");

        let missing = error("[[term]]\ntext = \"wa\"\n");
        assert!(missing.message.contains("category"), "{missing}");
        assert_eq!(missing.line, 1);

        let syntax = error("[[term]]\ntext = \"wa\ncategory = \"x\"\n");
        assert_eq!(syntax.line, 2, "{syntax}");

        let typo = error("[[term]]\ntext = \"wa\"\ncategory = \"x\"\nsugest = \"y\"\n");
        assert!(typo.message.contains("sugest"), "{typo}");

        let empty = error("[[term]]\ntext = \"wa\"\ncategory = \"x\"\n[[term]]\ntext = \"!!!\"\ncategory = \"x\"\n");
        assert_eq!(empty.line, 4);
        assert!(empty.message.contains("[[term]] #2") && empty.message.contains("no letters"), "{empty}");

        let matches_everything = error("[[pattern]]\nregex = 'x*'\ncategory = \"x\"\n");
        assert!(matches_everything.message.contains("empty text"), "{matches_everything}");

        assert!(error("[[term]]\ntext = \"wa\"\ncategory = \" \"\n").message.contains("category"));
    }

    const RULES: &str = "[[source]]\nid = \"doc\"\ntitle = \"Doc\"\nread = \"2026-12-07\"\n\
                         [[policy]]\nid = \"p\"\nsource = \"doc\"\nwhy = { id = \"x\", en = \"y\" }\n\
                         [cues]\nnear = [\"beli\"]\n";

    #[test]
    fn policies_cues_and_surfaces_resolve_onto_each_entry() {
        let lexicon = Lexicon::parse(
            &format!(
                "{RULES}[[term]]\ntext = \"tokped\"\ncategory = \"competitor\"\npolicy = \"p\"\n\
                 context = {{ cues = \"near\", within = 2, otherwise = \"info\" }}\napplies_to = [\"script\"]\n\
                 [[pattern]]\nregex = 'x+y'\ncategory = \"spam\"\npolicy = \"p\"\n"
            ),
            "lexicon.toml",
        )
        .unwrap();
        let rule = &lexicon.terms[0].rule;
        let why = rule.why.as_ref().unwrap();
        assert_eq!(
            (why.pack.as_str(), why.policy.as_str(), why.rule.en.as_str(), why.source.as_str()),
            (SHOP_PACK, "p", "y", "Doc")
        );
        let gate = rule.gate.as_ref().unwrap();
        assert_eq!(
            (gate.set.as_str(), gate.cues.as_slice(), gate.within, gate.otherwise),
            ("near", &["beli".to_string()][..], 2, Otherwise::Info)
        );
        assert_eq!(rule.applies_to, [Surface::Script]);
        assert_eq!(lexicon.patterns[0].rule.applies_to, Surface::ALL);
    }

    #[test]
    fn broken_rules_are_reported_with_their_position() {
        let at = |text: &str| error(&format!("{RULES}{text}"));
        let unknown_policy = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\npolicy = \"q\"\n");
        assert_eq!(unknown_policy.line, 11);
        assert!(
            unknown_policy.message.contains("\"q\"") && unknown_policy.message.contains("it has: p"),
            "{unknown_policy}"
        );
        let unknown_cues = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\ncontext = { cues = \"far\", within = 2 }\n");
        let neither = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\ncontext = { within = 2 }\n");
        assert!(neither.message.contains("unless"), "{neither}");
        let unknown_unless =
            at("[[term]]\ntext = \"a\"\ncategory = \"c\"\ncontext = { unless = \"far\", within = 2 }\n");
        assert!(unknown_unless.message.contains("context.unless = \"far\""), "{unknown_unless}");
        assert!(unknown_cues.message.contains("\"far\"") && unknown_cues.message.contains("near"), "{unknown_cues}");
        let too_far = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\ncontext = { cues = \"near\", within = 40 }\n");
        assert!(too_far.message.contains("within = 40"), "{too_far}");
        let bad_otherwise = at(
            "[[term]]\ntext = \"a\"\ncategory = \"c\"\ncontext = { cues = \"near\", within = 2, otherwise = \"warn\" }\n",
        );
        assert!(bad_otherwise.message.contains("warn"), "{bad_otherwise}");
        let nowhere = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\napplies_to = []\n");
        assert!(nowhere.message.contains("applies_to"), "{nowhere}");
        let bad_surface = at("[[term]]\ntext = \"a\"\ncategory = \"c\"\napplies_to = [\"chat\"]\n");
        assert!(bad_surface.message.contains("chat"), "{bad_surface}");
        let bad_date = error("[[source]]\nid = \"d\"\ntitle = \"D\"\nread = \"7 Dec\"\n");
        assert!(bad_date.message.contains("YYYY-MM-DD"), "{bad_date}");
        let no_source = error("[[policy]]\nid = \"p\"\nsource = \"nope\"\nwhy = { id = \"x\", en = \"y\" }\n");
        assert!(no_source.message.contains("nope"), "{no_source}");
        let half_why = at("[[policy]]\nid = \"p2\"\nsource = \"doc\"\nwhy = { id = \"x\", en = \" \" }\n");
        assert!(half_why.message.contains("English"), "{half_why}");
        let both = error("[[allow]]\ntext = \"a\"\nterm = \"b\"\n");
        assert!(both.message.contains("either"), "{both}");
    }

    #[test]
    fn a_pack_entry_must_name_its_policy_and_a_pack_cannot_switch_entries_off() {
        let header = "[pack]\nid = \"mine\"\nversion = \"1\"\nname = { id = \"a\", en = \"b\" }\n\
                      about = { id = \"a\", en = \"b\" }\n";
        let missing = error(&format!("{header}{RULES}[[term]]\ntext = \"a\"\ncategory = \"c\"\n"));
        assert!(missing.message.contains("policy"), "{missing}");
        let off = error(&format!("{header}[[allow]]\nterm = \"a\"\n"));
        assert!(off.message.contains("only a shop"), "{off}");
        let id = error(
            "[pack]\nid = \"Mine Pack\"\nversion = \"1\"\nname = { id = \"a\", en = \"b\" }\nabout = { id = \"a\", en = \"b\" }\n",
        );
        assert!(id.message.contains("a-z"), "{id}");
        let pack =
            Lexicon::parse(&format!("{header}{RULES}[[term]]\ntext = \"a\"\ncategory = \"c\"\npolicy = \"p\"\n"), "x")
                .unwrap();
        assert_eq!(pack.terms[0].rule.why.as_ref().unwrap().pack, "mine");
        assert_eq!(pack.pack.unwrap().applies_to, Surface::ALL, "a pack that does not say applies to both");
    }

    #[test]
    fn word_lists_become_terms() {
        let toml = word_list_to_toml(
            "# rival apps\nshopee\n\n  tokopedia  \nbukalapak \"x\"\n",
            "competitor",
            Some("aplikasi lain"),
        )
        .unwrap();
        let lexicon = Lexicon::parse(&toml, "import").unwrap();
        let texts: Vec<&str> = lexicon.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["shopee", "tokopedia", "bukalapak \"x\""]);
        assert!(lexicon.terms.iter().all(|t| t.suggest.as_deref() == Some("aplikasi lain")));
        let error = word_list_to_toml("ok\n???\n", "x", None).unwrap_err();
        assert_eq!(error.line, 2);
    }
}
