//! The built-in demo live reads like a real one: ten simulated minutes at the default rate,
//! moderated by what the app runs on every comment (the `Moderator` with the lexicon in force
//! for a new shop, the default rule packs, and the default spam settings, started for the demo's
//! shop as the session engine starts it), are mostly clean chat with a few troublemakers.
//!
//! `cargo test --test demo_realism -- --nocapture` prints the figures the README quotes.

use std::collections::{BTreeMap, HashMap, HashSet};

use pandu::event::{Comment, EventKind};
use pandu::ingest::SourceSpec;
use pandu::ingest::demo::{DemoScript, is_troublemaker};
use pandu::moderation::lexicon::Lexicon;
use pandu::moderation::{ModerationSettings, Moderator};

const SECONDS: u64 = 600;
/// When the simulated live starts (any time will do: only the gaps between comments matter).
const START_MS: i64 = 1_767_000_000_000;

/// A comment with its time in ms.
type Timed = (i64, Comment);

/// Each comment of the first ten minutes of `demo` (the default rate and seed), with its time in
/// ms, after moderation.
fn ten_minutes_moderated() -> Vec<Timed> {
    let spec: SourceSpec = "demo".parse().unwrap();
    let SourceSpec::Demo(config) = &spec else { unreachable!("demo is the demo") };
    // As `Engine::new` and `Engine::start` build and start it for a new shop.
    let moderator = Moderator::new(&Lexicon::default_indonesian(), ModerationSettings::default(), []);
    moderator.begin_session(&spec.shop_accounts());
    DemoScript::new(config.clone())
        .take_while(|scheduled| scheduled.at.as_secs() < SECONDS)
        .filter_map(|scheduled| {
            let mut event = scheduled.event;
            event.ts = START_MS + scheduled.at.as_millis() as i64;
            moderator.moderate(&mut event);
            match event.kind {
                EventKind::Comment(comment) => Some((event.ts, comment)),
                _ => None,
            }
        })
        .collect()
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

#[test]
fn ten_minutes_of_the_demo_are_mostly_clean_chat_with_a_few_troublemakers() {
    let comments = ten_minutes_moderated();
    let total = comments.len();
    let flagged: Vec<&Comment> = comments.iter().map(|(_, c)| c).filter(|c| !c.flags.is_empty()).collect();
    let share = flagged.len() as f64 * 100.0 / total as f64;

    // The figures, to be quoted.
    let mut per_category = BTreeMap::<String, usize>::new();
    let mut per_spam_kind = BTreeMap::<String, usize>::new();
    for comment in &flagged {
        let categories: HashSet<&str> = comment.flags.iter().map(|f| f.category.label()).collect();
        for category in categories {
            *per_category.entry(category.to_string()).or_default() += 1;
        }
        let spam: HashSet<&str> =
            comment.flags.iter().filter(|f| f.category.label() == "spam").map(|f| f.term.as_str()).collect();
        for term in spam {
            *per_spam_kind.entry(term.to_string()).or_default() += 1;
        }
    }
    let (troublemakers, ordinary): (Vec<&Timed>, Vec<&Timed>) =
        comments.iter().partition(|(_, c)| is_troublemaker(&c.user.unique_id));
    let accounts = |list: &[&Timed]| list.iter().map(|(_, c)| &c.user.unique_id).collect::<HashSet<_>>().len();
    eprintln!("demo, {} simulated minutes at the default rate:", SECONDS / 60);
    eprintln!("  {total} comments, {} flagged ({share:.1} %)", flagged.len());
    eprintln!("  flagged comments by category: {per_category:?}");
    eprintln!("  spam flags by kind: {per_spam_kind:?}");
    let flagged_among = |list: &[&Timed]| list.iter().filter(|(_, c)| !c.flags.is_empty()).count();
    eprintln!(
        "  ordinary viewers: {} comments from {} accounts, {} flagged; troublemakers: {} comments from {} accounts, {} flagged",
        ordinary.len(),
        accounts(&ordinary),
        flagged_among(&ordinary),
        troublemakers.len(),
        accounts(&troublemakers),
        flagged_among(&troublemakers)
    );

    // 1. A real live is mostly clean chat.
    assert!((3.0..=12.0).contains(&share), "{share:.1} % of comments flagged, not 3-12 %");

    // 2. Every flag is on a scripted troublemaker: ordinary viewers' questions, praise, requests
    // and complaints (sizes, prices, cities, COD, abbreviations) trip neither the lexicon nor the
    // spam detector, and a few fixed accounts make all the trouble.
    let wrongly_flagged: Vec<String> = ordinary
        .iter()
        .filter(|(_, c)| !c.flags.is_empty())
        .map(|(_, c)| {
            let flags: Vec<String> = c.flags.iter().map(|f| format!("{}:{}", f.category.label(), f.term)).collect();
            format!("@{}: {:?} {flags:?}", c.user.unique_id, c.text)
        })
        .collect();
    assert!(
        wrongly_flagged.is_empty(),
        "{} ordinary comments flagged, e.g. {:#?}",
        wrongly_flagged.len(),
        &wrongly_flagged[..wrongly_flagged.len().min(20)]
    );
    assert!(accounts(&troublemakers) <= 15, "{} troublemaker accounts are not a few", accounts(&troublemakers));
    assert!(accounts(&ordinary) >= 300, "only {} viewers chatted", accounts(&ordinary));

    // Viewers write their own words: long texts rarely coincide.
    let long: Vec<String> =
        ordinary.iter().map(|(_, c)| c.text.to_lowercase()).filter(|text| letters(text) >= 12).collect();
    let distinct = long.iter().collect::<HashSet<_>>().len();
    eprintln!("  ordinary comments of 12 letters or more: {}, {distinct} distinct", long.len());
    assert!(distinct * 10 >= long.len() * 8, "{distinct} distinct of {} long texts", long.len());

    // 3. Every kind of rule breaker shows up, as moderation names it.
    let has_category = |label: &str| per_category.contains_key(label);
    let has_spam = |term: &str| per_spam_kind.contains_key(term);
    for (kind, seen) in [
        ("a rival marketplace (competitor)", has_category("competitor")),
        ("an off-platform deal (offplatform)", has_category("offplatform")),
        ("profanity", has_category("profanity")),
        ("an impersonator of the shop (impersonation)", has_category("impersonation")),
        ("a flood (spam: flood)", has_spam("flood")),
        ("a copy-paste campaign (spam: repeated text)", has_spam("repeated text")),
    ] {
        assert!(seen, "no {kind} in ten minutes");
    }

    // 4. After the host asks for them, several viewers type the same short reply within seconds,
    // each once, and none of it is flagged.
    let mut by_text = HashMap::<String, Vec<(i64, &Comment)>>::new();
    for (at, comment) in &ordinary {
        let text = comment.text.trim().to_lowercase();
        if letters(&text) < 12 {
            by_text.entry(text).or_default().push((*at, comment));
        }
    }
    let mut bursts = Vec::new();
    for (text, posts) in &by_text {
        for (n, (start, _)) in posts.iter().enumerate() {
            let within: Vec<&Comment> =
                posts[n..].iter().take_while(|(at, _)| *at - start <= 10_000).map(|(_, c)| *c).collect();
            let repliers: HashSet<&str> = within.iter().map(|c| c.user.unique_id.as_str()).collect();
            if repliers.len() >= 5 {
                assert_eq!(repliers.len(), within.len(), "a viewer replied {text:?} twice in one burst");
                assert!(within.iter().all(|c| c.flags.is_empty()), "a reply {text:?} was flagged");
                bursts.push((text.clone(), repliers.len()));
                break;
            }
        }
    }
    bursts.sort();
    eprintln!("  short replies typed by 5+ viewers within 10 s, none flagged: {bursts:?}");
    assert!(!bursts.is_empty(), "no burst of identical short replies");
}
