//! The lexicon as TikTok LIVE's own comment keyword filter takes it: the best 200 lines to paste
//! there, and the reasoning behind them (`pandu lexicon export --tiktok-filter`, the button beside
//! the lexicon, `GET /api/lexicon/tiktok-filter`).
//!
//! TikTok hides a comment that contains a keyword of the host's list before any viewer sees it,
//! which Pandu cannot do (it only warns the host). So the list should hold what this shop's
//! viewers actually type: the rule packs' and the shop's terms and aliases, and every spelling
//! that Pandu flagged in this shop's archived lives (the flags' `matched` text, lowercased),
//! since TikTok's filter undoes none of the evasions Pandu's matcher reads through (`sh0pee`,
//! `s.h.o.p.e.e`, look-alike letters, repeated letters, clitics as in `shopeenya`).
//!
//! ## TikTok's rules, as far as they are documented
//!
//! Read 2026-12-07; where TikTok documents nothing, the rule below is a conservative choice, and
//! the notes file says so.
//!
//! - **At most 200 keywords** ([`MAX_KEYWORDS`]). TikTok's LIVE announcement of 27 July 2021:
//!   "hosts can turn off comments or add up to 200 terms into the keyword filter to limit those
//!   comments in the chat. Words can be added to the list throughout the livestream by hosts and
//!   the person helping them" (quoted in full by
//!   <https://itnerd.blog/2021/07/27/guest-post-tiktok-introduces-new-live-features-to-promote-kindness-on-the-app/>;
//!   reported by <https://www.mediapost.com/publications/article/365460/tiktok-live-expands-with-discovery-200-keyword-fi.html>).
//! - **Words or phrases.** TikTok's help centre, "Comments on TikTok LIVE": a host can "block
//!   comments that contain your chosen keywords or phrases", and viewers do not see "comments that
//!   contain keywords that are blocked by the host"
//!   (<https://support.tiktok.com/en/live-gifts-wallet/tiktok-live/comments-on-tiktok-live>). So
//!   a keyword may have spaces; it says nothing about length or characters.
//! - **Length: not documented for LIVE.** TikTok's keyword filter for video comments took
//!   "keywords and phrases of up to 30 characters" when it was launched
//!   (<https://www.gizmodo.co.uk/2019/02/tiktok-comment-filters/>). Pandu keeps every keyword to
//!   [`MAX_KEYWORD_LENGTH`] = 30, counted in UTF-16 code units (what a phone's text field
//!   counts; never fewer than the characters), and to at least [`MIN_KEYWORD_LENGTH`] = 2 (a
//!   one-letter keyword would hide every comment with that letter as a word: Pandu's choice).
//! - **Characters: not documented.** Pandu exports only letters (of any script), the digits 0-9
//!   and single spaces between words: no punctuation, symbols or emoji, which a keyword box may
//!   refuse or, as in Ads Manager below, ignore (`wa.me`, `s.h.o.p.e.e` and `$hopee` are left
//!   out and listed in the notes).
//! - **Matching: not documented for LIVE.** The one TikTok page that documents how blocked words
//!   match, Ads Manager's "About blocked words" (comments on ads, updated February 2025,
//!   <https://ads.tiktok.com/help/article/about-blocked-words?lang=it>), matches whole words
//!   and phrases, case-insensitively (`I love` blocks "I Love You" and "I, love you" but not
//!   "Iloved" or "I loved"; `567` does not block "1234567"). Pandu assumes LIVE's filter reads
//!   the same: keywords are written in lowercase and listed once whatever their case, and each
//!   spelling viewers use must be listed on its own, since neither evasions nor other word
//!   forms are caught.
//!
//! ## What is left out
//!
//! - **Context-gated terms** (`context = { ... }`: `tokopedia`, flagged only when a directing cue
//!   is near it): TikTok's filter has no context, so it would hide every comment with the word,
//!   the innocent ones included ("checkout di Tokopedia kok kak").
//! - **Script-only terms** (`applies_to = ["script"]`: the claim words the host must not say):
//!   the filter hides viewers' comments, not the host's words.
//! - **Patterns** (regular expressions: phone numbers, links): the filter takes words, not
//!   patterns.
//! - Spellings that break the length or character rules above, case-insensitive duplicates, and
//!   everything ranked after the 200th.
//!
//! - Keywords that an allowed phrase (`[[allow]] text`) contains: TikTok's filter has no
//!   exceptions, so `wa` would hide every "wa alaikumsalam".
//!
//! ## Ranking
//!
//! By how often the spelling was flagged in this shop's archived lives, then by how often its
//! term was (so the never-typed aliases of a term viewers do use come before terms never seen),
//! then by severity ([`Category::severity`]), then in lexicon order (the term's own text, then
//! its aliases as listed, then the typed spellings, most typed first).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use serde::Serialize;
use ts_rs::TS;

use super::lexicon::{Lexicon, SHOP_PACK, Surface, Term};
use crate::event::{Category, Severity};

/// The most keywords TikTok LIVE's filter takes.
pub const MAX_KEYWORDS: usize = 200;

/// The longest keyword exported, in UTF-16 code units (see the module docs: not documented for
/// LIVE; the video-comment filter's limit).
pub const MAX_KEYWORD_LENGTH: usize = 30;

/// The shortest keyword exported, in characters.
pub const MIN_KEYWORD_LENGTH: usize = 2;

/// How often one spelling of a lexicon entry was flagged in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellingHits {
    /// The flag's `term`: a term's text, or a pattern's label.
    pub entry: String,
    /// What the viewers typed (the flag's `matched`), lowercased.
    pub spelling: String,
    pub hits: u64,
}

/// What to paste into TikTok LIVE's keyword filter, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TiktokFilter {
    /// The keywords, best first, at most [`MAX_KEYWORDS`], each within TikTok's rules.
    pub lines: Vec<String>,
    /// The reasoning, as a text file: one line per keyword (rank, keyword, term, hits, severity,
    /// why), then what was left out and why.
    pub notes: String,
}

impl TiktokFilter {
    /// The keywords as a text file: one a line.
    pub fn text(&self) -> String {
        self.lines.iter().map(|line| format!("{line}\n")).collect()
    }
}

/// How a candidate keyword relates to its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// The term's own text.
    Text,
    /// One of its aliases.
    Alias,
    /// A spelling viewers typed that the lexicon does not list.
    Typed,
}

/// One spelling of one term that could be exported.
#[derive(Debug, Clone)]
struct Candidate {
    keyword: String,
    /// Index into the lexicon's terms.
    term: usize,
    /// Within the term: its text first, then its aliases, then typed spellings.
    order: usize,
    origin: Origin,
    /// How often this spelling was flagged.
    hits: u64,
    /// How often the term was, in any spelling.
    term_hits: u64,
    severity: Severity,
}

/// Why a spelling breaks TikTok's rules (as Pandu reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    TooShort,
    TooLong(usize),
    Characters(String),
}

/// Groups of what was left out, in the order the notes list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum LeftOut {
    ContextGated,
    ScriptOnly,
    TooLong,
    TooShort,
    Characters,
    HidesAllowed,
    Duplicate,
    Over200,
    Pattern,
    NotInForce,
}

impl LeftOut {
    fn heading(self) -> String {
        match self {
            LeftOut::ContextGated => "Context-gated terms (flagged only with a cue near them; TikTok's filter has no \
                                      context and would hide every comment with the word, the innocent ones too)"
                .into(),
            LeftOut::ScriptOnly => "Script-only terms (flagged in the host's script only; the filter hides viewers' \
                                    comments)"
                .into(),
            LeftOut::TooLong => format!("Too long (more than {MAX_KEYWORD_LENGTH} characters)"),
            LeftOut::TooShort => format!("Too short (fewer than {MIN_KEYWORD_LENGTH} characters)"),
            LeftOut::Characters => {
                "Characters TikTok may refuse or ignore (only letters, digits 0-9 and single spaces \
                                    are exported)"
                    .into()
            }
            LeftOut::HidesAllowed => "Would hide an allowed phrase (TikTok's filter has no exceptions: `wa` would \
                                       hide every \"wa alaikumsalam\")"
                .into(),
            LeftOut::Duplicate => "Duplicates (the same keyword, whatever its case, is listed once, for the term \
                                   ranked first)"
                .into(),
            LeftOut::Over200 => {
                format!("Over {MAX_KEYWORDS} (TikTok LIVE's filter takes at most {MAX_KEYWORDS} keywords)")
            }
            LeftOut::Pattern => "Patterns (regular expressions; the filter takes words, not patterns)".into(),
            LeftOut::NotInForce => "Flagged in the archive by entries no longer in force (not exported)".into(),
        }
    }
}

/// A keyword as it is pasted: lowercase, words separated by single spaces.
fn keyword(spelling: &str) -> String {
    spelling.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `keyword` (already [`keyword`]-shaped) keeps TikTok's rules as Pandu reads them.
fn check(keyword: &str) -> Result<(), Refusal> {
    let bad: String = keyword.chars().filter(|&c| !(c.is_alphabetic() || c.is_ascii_digit() || c == ' ')).collect();
    if !bad.is_empty() {
        let mut seen = String::new();
        for c in bad.chars() {
            if !seen.contains(c) {
                seen.push(c);
            }
        }
        return Err(Refusal::Characters(seen));
    }
    let length = keyword.encode_utf16().count();
    if length > MAX_KEYWORD_LENGTH {
        return Err(Refusal::TooLong(length));
    }
    if keyword.chars().count() < MIN_KEYWORD_LENGTH {
        return Err(Refusal::TooShort);
    }
    Ok(())
}

/// Who a term belongs to: its rule pack, or the shop's own lexicon.
fn owner(term: &Term) -> &str {
    term.rule.why.as_ref().map_or(SHOP_PACK, |why| why.pack.as_str())
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::None => "none",
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Critical => "critical",
    }
}

fn hits_label(n: u64) -> String {
    if n == 1 { "1 hit".into() } else { format!("{n} hits") }
}

fn times(n: u64) -> String {
    if n == 1 { "once".into() } else { format!("{n} times") }
}

/// The best [`MAX_KEYWORDS`] keywords of `lexicon` for TikTok LIVE's filter, ranked by `hits`
/// (the archive's flags, [`SpellingHits`] per entry and spelling), and the reasoning.
pub fn build(lexicon: &Lexicon, hits: &[SpellingHits]) -> TiktokFilter {
    // Every entry's hits, by spelling (shaped as a keyword).
    let mut by_entry: HashMap<&str, BTreeMap<String, u64>> = HashMap::new();
    for hit in hits {
        *by_entry.entry(hit.entry.as_str()).or_default().entry(keyword(&hit.spelling)).or_default() += hit.hits;
    }
    let total = |entry: &str| by_entry.get(entry).map_or(0, |spellings| spellings.values().sum::<u64>());

    let mut left_out: BTreeMap<LeftOut, Vec<String>> = BTreeMap::new();
    let mut candidates = Vec::new();
    for (index, term) in lexicon.terms.iter().enumerate() {
        let term_hits = total(&term.text);
        let described = format!("{} ({}, {}), flagged {}", term.text, owner(term), term.category, times(term_hits));
        if let Some(gate) = &term.rule.gate {
            left_out
                .entry(LeftOut::ContextGated)
                .or_default()
                .push(format!("{described}; cues {:?} within {} words", gate.set, gate.within));
            continue;
        }
        if !term.rule.applies_to.contains(&Surface::Comments) {
            left_out.entry(LeftOut::ScriptOnly).or_default().push(described);
            continue;
        }
        let severity = Category::from_label(&term.category).severity();
        let typed = by_entry.get(term.text.as_str());
        let mut spellings: Vec<(String, Origin)> = Vec::new();
        for (surface, _) in term.surfaces() {
            let origin = if spellings.is_empty() { Origin::Text } else { Origin::Alias };
            spellings.push((keyword(surface), origin));
        }
        if let Some(typed) = typed {
            let mut typed: Vec<(&String, &u64)> = typed.iter().collect();
            typed.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            spellings.extend(typed.into_iter().map(|(spelling, _)| (spelling.clone(), Origin::Typed)));
        }
        let mut seen: Vec<&str> = Vec::new();
        for (order, (keyword, origin)) in spellings.iter().enumerate() {
            // The same spelling twice in one term (an alias differing only in case, a typed
            // spelling the lexicon lists) is one candidate, the first.
            if seen.contains(&keyword.as_str()) {
                continue;
            }
            seen.push(keyword);
            let spelling_hits = typed.and_then(|typed| typed.get(keyword)).copied().unwrap_or(0);
            match check(keyword) {
                Ok(()) => candidates.push(Candidate {
                    keyword: keyword.clone(),
                    term: index,
                    order,
                    origin: *origin,
                    hits: spelling_hits,
                    term_hits,
                    severity,
                }),
                Err(refusal) => {
                    let (group, detail) = match refusal {
                        Refusal::TooShort => (LeftOut::TooShort, String::new()),
                        Refusal::TooLong(length) => (LeftOut::TooLong, format!(", {length} characters")),
                        Refusal::Characters(bad) => (LeftOut::Characters, format!(", has {bad:?}")),
                    };
                    left_out.entry(group).or_default().push(format!(
                        "{keyword:?}: {} of {}{detail}, typed {}",
                        origin_name(*origin),
                        term.text,
                        times(spelling_hits)
                    ));
                }
            }
        }
    }

    candidates.sort_by(|a, b| {
        (b.hits, b.term_hits, b.severity)
            .cmp(&(a.hits, a.term_hits, a.severity))
            .then_with(|| (a.term, a.order).cmp(&(b.term, b.order)))
    });

    // A keyword inside an allowed phrase would hide what the lexicon says is innocent.
    let allowed: Vec<String> = lexicon.allow.iter().map(|allow| keyword(&allow.text)).collect();
    let hides = |candidate: &Candidate| {
        let words: Vec<&str> = candidate.keyword.split(' ').collect();
        allowed.iter().find(|phrase| {
            let phrase: Vec<&str> = phrase.split(' ').collect();
            phrase.windows(words.len()).any(|window| window == words.as_slice())
        })
    };

    // Each keyword once, for the best ranked of its candidates; the first 200 are exported.
    let mut kept: Vec<&Candidate> = Vec::new();
    let mut rank_of: HashMap<&str, usize> = HashMap::new();
    for candidate in &candidates {
        if let Some(phrase) = hides(candidate) {
            left_out.entry(LeftOut::HidesAllowed).or_default().push(format!(
                "{:?} ({}): would hide {phrase:?}",
                candidate.keyword, lexicon.terms[candidate.term].text
            ));
            continue;
        }
        match rank_of.get(candidate.keyword.as_str()) {
            Some(&rank) => left_out.entry(LeftOut::Duplicate).or_default().push(format!(
                "{:?} ({} of {}): same as #{rank} ({})",
                candidate.keyword,
                origin_name(candidate.origin),
                lexicon.terms[candidate.term].text,
                lexicon.terms[kept[rank - 1].term].text,
            )),
            None => {
                kept.push(candidate);
                rank_of.insert(&candidate.keyword, kept.len());
            }
        }
    }
    let over = kept.split_off(kept.len().min(MAX_KEYWORDS));
    let exported = kept;
    for (offset, candidate) in over.iter().enumerate() {
        let term = &lexicon.terms[candidate.term];
        left_out.entry(LeftOut::Over200).or_default().push(format!(
            "#{} {:?} ({} of {}), typed {}, severity {}",
            MAX_KEYWORDS + offset + 1,
            candidate.keyword,
            origin_name(candidate.origin),
            term.text,
            times(candidate.hits),
            severity_name(candidate.severity)
        ));
    }
    for pattern in &lexicon.patterns {
        let hits = total(&pattern.label);
        left_out.entry(LeftOut::Pattern).or_default().push(format!(
            "{} ({}): flagged {}",
            pattern.label,
            pattern.category,
            times(hits)
        ));
    }
    let mut gone: Vec<(&str, u64)> = by_entry
        .keys()
        .filter(|entry| {
            !lexicon.terms.iter().any(|term| term.text == **entry)
                && !lexicon.patterns.iter().any(|pattern| pattern.label == **entry)
        })
        .map(|entry| (*entry, total(entry)))
        .collect();
    gone.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    for (entry, hits) in gone {
        left_out.entry(LeftOut::NotInForce).or_default().push(format!("{entry}: flagged {}", times(hits)));
    }

    let lines: Vec<String> = exported.iter().map(|candidate| candidate.keyword.clone()).collect();
    let notes = notes(lexicon, &exported, &left_out, hits.iter().map(|hit| hit.hits).sum());
    TiktokFilter { lines, notes }
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Text => "the term",
        Origin::Alias => "an alias",
        Origin::Typed => "a typed spelling",
    }
}

/// Why a keyword is where it is, in a few words.
fn why(candidate: &Candidate, term: &Term) -> String {
    let what = match candidate.origin {
        Origin::Text => "the term as listed".to_string(),
        Origin::Alias => format!("an alias of {}", term.text),
        Origin::Typed => format!("a spelling viewers typed for {}", term.text),
    };
    match (candidate.hits, candidate.term_hits) {
        (0, 0) => format!("{what}; never flagged in the archive, ranked by severity"),
        (0, term_hits) => format!("{what}; never typed so, but the term was flagged {}", times(term_hits)),
        (hits, term_hits) if hits == term_hits => format!("{what}; typed so {}", times(hits)),
        (hits, term_hits) => format!("{what}; typed so {} of the term's {term_hits} hits", times(hits)),
    }
}

fn notes(lexicon: &Lexicon, exported: &[&Candidate], left_out: &BTreeMap<LeftOut, Vec<String>>, flags: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Pandu: keywords for TikTok LIVE's comment keyword filter");
    let _ = writeln!(out, "=========================================================");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} keywords (TikTok LIVE takes at most {MAX_KEYWORDS}), from {} terms and {} patterns in force and {} \
         flagged words in the archive.",
        exported.len(),
        lexicon.terms.len(),
        lexicon.patterns.len(),
        flags
    );
    let _ = writeln!(
        out,
        "Paste the keyword file's lines into the keyword filter of your LIVE's comment settings (the host or a \
         moderator can edit it, also during the live)."
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "How the list is made");
    let _ = writeln!(
        out,
        "- Candidates: every term and alias of the rule packs in force and of your own lexicon, and every spelling \
         viewers typed that Pandu flagged in this shop's archived lives, lowercased. TikTok's filter undoes none of \
         the evasions Pandu reads through (sh0pee, s.h.o.p.e.e, shopeeee, shopeenya), so each spelling is its own \
         keyword."
    );
    let _ = writeln!(
        out,
        "- Ranked by how often the spelling was flagged, then how often its term was, then severity, then lexicon order."
    );
    let _ = writeln!(
        out,
        "- TikTok's rules: at most {MAX_KEYWORDS} keywords, words or phrases (TikTok's LIVE announcement, 2021; \
         support.tiktok.com, Comments on TikTok LIVE). Not documented for LIVE, so kept conservative: at most \
         {MAX_KEYWORD_LENGTH} characters (the video-comment filter's limit), at least {MIN_KEYWORD_LENGTH}; only \
         letters, digits 0-9 and single spaces; matched as whole words whatever the case (as TikTok Ads Manager's \
         blocked words are)."
    );
    let _ = writeln!(
        out,
        "- TikTok hides a matching comment unconditionally: a keyword here hides innocent comments with the same word \
         too. Check the list before pasting it."
    );
    let _ = writeln!(out);

    let _ = writeln!(out, "Exported: rank, keyword, term (pack, category), hits, severity, why");
    let width = exported.iter().map(|c| c.keyword.chars().count()).max().unwrap_or(0);
    for (index, candidate) in exported.iter().enumerate() {
        let term = &lexicon.terms[candidate.term];
        let _ = writeln!(
            out,
            "{:>3}  {:<width$}  {} ({}, {})  {}  {}  {}",
            index + 1,
            candidate.keyword,
            term.text,
            owner(term),
            term.category,
            hits_label(candidate.hits),
            severity_name(candidate.severity),
            why(candidate, term),
        );
    }
    if exported.is_empty() {
        let _ = writeln!(out, "  (none)");
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Left out");
    if left_out.is_empty() {
        let _ = writeln!(out, "  (nothing)");
    }
    for (group, entries) in left_out {
        let _ = writeln!(out);
        let _ = writeln!(out, "{} ({}):", group.heading(), entries.len());
        for entry in entries {
            let _ = writeln!(out, "  - {entry}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> Lexicon {
        Lexicon::parse(text, "test").unwrap()
    }

    fn hit(entry: &str, spelling: &str, hits: u64) -> SpellingHits {
        SpellingHits { entry: entry.into(), spelling: spelling.into(), hits }
    }

    const SHOP: &str = r#"
        [cues]
        directing = ["beli", "cek"]

        [[term]]
        text = "shopee"
        category = "competitor"
        aliases = ["sopi"]

        [[term]]
        text = "penipu"
        category = "provocation"

        [[term]]
        text = "anjing"
        category = "profanity"

        [[term]]
        text = "tokopedia"
        category = "competitor"
        aliases = ["tokped"]
        context = { cues = "directing", within = 4 }

        [[term]]
        text = "paling ampuh"
        category = "claim"
        applies_to = ["script"]

        [[pattern]]
        regex = '08[0-9]{8,11}'
        category = "offplatform"
        label = "phone number"

        [[allow]]
        text = "sopir manis"
    "#;

    #[test]
    fn spellings_rank_by_hits_then_their_terms_hits_then_severity_then_lexicon_order() {
        let filter = build(
            &lexicon(SHOP),
            &[
                hit("shopee", "SH0PEE", 5),
                hit("shopee", "sh0pee", 2),
                hit("shopee", "shopee", 3),
                hit("penipu", "penipu", 4),
            ],
        );
        assert_eq!(
            filter.lines,
            [
                "sh0pee", // 7 hits, typed
                "penipu", // 4
                "shopee", // 3
                "sopi",   // never typed, but its term was flagged 10 times
                "anjing", // never flagged: high severity
            ]
        );
    }

    #[test]
    fn without_hits_severity_then_lexicon_order_decides() {
        let filter = build(
            &lexicon(
                "[[term]]\ntext = \"kw\"\ncategory = \"mine\"\n\
                 [[term]]\ntext = \"spammy\"\ncategory = \"spam\"\n\
                 [[term]]\ntext = \"bodoh\"\ncategory = \"profanity\"\naliases = [\"bdh\"]\n\
                 [[term]]\ntext = \"shopee\"\ncategory = \"competitor\"\n",
            ),
            &[],
        );
        assert_eq!(filter.lines, ["bodoh", "bdh", "shopee", "kw", "spammy"]);
    }

    #[test]
    fn context_gated_and_script_only_terms_and_patterns_are_left_out_and_said_so() {
        let filter = build(&lexicon(SHOP), &[hit("tokopedia", "tokped", 9), hit("phone number", "08123456789", 3)]);
        for gone in ["tokopedia", "tokped", "paling ampuh", "08123456789"] {
            assert!(!filter.lines.iter().any(|line| line == gone), "{gone} exported: {:?}", filter.lines);
        }
        let notes = &filter.notes;
        assert!(notes.contains("Context-gated terms"), "{notes}");
        assert!(
            notes.contains("  - tokopedia (shop, competitor), flagged 9 times; cues \"directing\" within 4 words"),
            "{notes}"
        );
        assert!(notes.contains("Script-only terms") && notes.contains("  - paling ampuh (shop, claim)"), "{notes}");
        assert!(notes.contains("  - phone number (offplatform): flagged 3 times"), "{notes}");
    }

    #[test]
    fn a_keyword_inside_an_allowed_phrase_is_left_out_with_the_phrase() {
        let filter = build(
            &lexicon(
                "[[term]]\ntext = \"wa\"\ncategory = \"offplatform\"\naliases = [\"whatsapp\"]\n\
                 [[allow]]\ntext = \"wa alaikumsalam\"\n",
            ),
            &[hit("wa", "wa", 5)],
        );
        assert_eq!(filter.lines, ["whatsapp"]);
        assert!(filter.notes.contains("\"wa\" (wa): would hide \"wa alaikumsalam\""), "{}", filter.notes);
    }

    #[test]
    fn spellings_outside_the_rules_are_left_out_with_the_reason() {
        let filter = build(
            &lexicon(SHOP),
            &[
                hit("shopee", "s.h.o.p.e.e", 50),
                hit("shopee", "$hopee", 40),
                hit("shopee", "shopee🛒", 30),
                hit("shopee", "shopeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", 20),
                hit("shopee", "ѕһорее", 10),
                hit("shopee", "Shop   Ee", 5),
            ],
        );
        assert_eq!(&filter.lines[..3], ["ѕһорее", "shop ee", "shopee"], "look-alike letters are letters");
        let notes = &filter.notes;
        assert!(notes.contains("\"s.h.o.p.e.e\": a typed spelling of shopee, has \".\", typed 50 times"), "{notes}");
        assert!(notes.contains("\"$hopee\": a typed spelling of shopee, has \"$\""), "{notes}");
        assert!(notes.contains("has \"🛒\""), "{notes}");
        assert!(notes.contains("Too long (more than 30 characters)") && notes.contains("37 characters"), "{notes}");
        for line in &filter.lines {
            assert!(check(line).is_ok() && line.encode_utf16().count() <= MAX_KEYWORD_LENGTH, "{line}");
        }
        assert_eq!(check("a"), Err(Refusal::TooShort));
        assert_eq!(check(&"x".repeat(30)), Ok(()));
        assert_eq!(check(&"𝐬".repeat(16)), Err(Refusal::TooLong(32)), "counted in UTF-16 units");
    }

    #[test]
    fn duplicates_are_removed_whatever_their_case_keeping_the_best_ranked() {
        let filter = build(
            &lexicon(
                "[[term]]\ntext = \"Shopee\"\ncategory = \"competitor\"\naliases = [\"SHOPEE\", \"sopi\"]\n\
                 [[term]]\ntext = \"SOPI\"\ncategory = \"mine\"\n",
            ),
            &[hit("SOPI", "Sopi", 3)],
        );
        assert_eq!(filter.lines, ["sopi", "shopee"]);
        assert!(filter.notes.contains("\"sopi\" (an alias of Shopee): same as #1 (SOPI)"), "{}", filter.notes);
    }

    #[test]
    fn at_most_200_keywords_and_the_rest_are_listed() {
        let mut text = String::new();
        for n in 0..260 {
            let _ = write!(text, "[[term]]\ntext = \"kata{n}\"\ncategory = \"profanity\"\n");
        }
        let filter = build(&lexicon(&text), &[hit("kata259", "kata259", 1)]);
        assert_eq!(filter.lines.len(), MAX_KEYWORDS);
        assert_eq!(filter.lines[0], "kata259", "the one flagged comes first");
        assert_eq!(filter.lines[1], "kata0");
        assert_eq!(filter.lines[199], "kata198");
        assert!(
            filter.notes.contains("Over 200 (TikTok LIVE's filter takes at most 200 keywords) (60):"),
            "{}",
            filter.notes
        );
        assert!(filter.notes.contains("  - #201 \"kata199\" (the term of kata199), typed 0 times, severity high"));
        assert_eq!(filter.text().lines().count(), MAX_KEYWORDS);
    }

    #[test]
    fn the_notes_give_each_keyword_its_rank_term_hits_severity_and_why() {
        let filter =
            build(&lexicon(SHOP), &[hit("shopee", "sh0pee", 2), hit("shopee", "shopee", 1), hit("gone", "gone", 4)]);
        let notes = &filter.notes;
        let line =
            |rank: &str| notes.lines().find(|l| l.trim_start().starts_with(rank)).unwrap_or_else(|| panic!("{notes}"));
        assert_eq!(
            line("1  "),
            "  1  sh0pee  shopee (shop, competitor)  2 hits  high  a spelling viewers typed for shopee; typed so 2 times of the term's 3 hits"
        );
        assert_eq!(
            line("2  "),
            "  2  shopee  shopee (shop, competitor)  1 hit  high  the term as listed; typed so once of the term's 3 hits"
        );
        assert!(
            line("3  ").contains("sopi")
                && line("3  ").ends_with("an alias of shopee; never typed so, but the term was flagged 3 times")
        );
        assert!(line("4  ").ends_with("the term as listed; never flagged in the archive, ranked by severity"));
        assert!(
            notes.contains(
                "Flagged in the archive by entries no longer in force (not exported) (1):\n  - gone: flagged 4 times"
            ),
            "{notes}"
        );
    }

    #[test]
    fn exact_terms_are_exported_as_written() {
        let filter = build(
            &lexicon(
                "[[term]]\ntext = \"instagram\"\ncategory = \"offplatform\"\naliases = [{ text = \"IG\", exact = true }]\n",
            ),
            &[hit("instagram", "ig", 2)],
        );
        assert_eq!(filter.lines, ["ig", "instagram"]);
    }
}
