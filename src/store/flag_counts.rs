//! How often each lexicon entry was flagged in the archived lives, and in which spellings: what
//! the TikTok keyword-filter export ([`crate::moderation::tiktok_filter`]) ranks by.
//!
//! Read straight from the flags each comment row keeps (`comments.flags`, a JSON array of
//! [`Flag`](crate::event::Flag)s) with SQLite's JSON1 functions; only hits on the text count
//! (an author flag has no `matched` text), and not the information-only ones (`info`: a
//! context-gated entry seen with no cue near it, which is no finding).

use std::collections::BTreeMap;

use super::{Archive, Context, StoreError};

/// How many archived flags name one entry (a term's text, or a pattern's label) with one
/// spelling: the text the viewers typed, lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagCount {
    /// The flag's `term`: the lexicon term's text, or the pattern's label.
    pub term: String,
    /// What was typed, lowercased (`Sh0pee` and `sh0pee` count as one).
    pub matched: String,
    pub count: u64,
}

impl Archive {
    /// Every (entry, spelling) the archive's comments were flagged for, with how often: the
    /// most flagged first, then by entry and spelling.
    pub fn flag_counts(&self) -> Result<Vec<FlagCount>, StoreError> {
        const DOING: &str = "counting the archive's flags";
        // SQLite's lower() folds ASCII only: the spellings are lowercased (and merged) here.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT json_extract(f.value, '$.term'), json_extract(f.value, '$.matched'), COUNT(*)
                 FROM comments c, json_each(c.flags) AS f
                 WHERE c.flags != '[]'
                   AND json_extract(f.value, '$.matched') != ''
                   AND COALESCE(json_extract(f.value, '$.info'), 0) = 0
                 GROUP BY 1, 2",
            )
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, i64>(2)?))
            })
            .context(&self.path, DOING)?;
        let mut merged: BTreeMap<(String, String), u64> = BTreeMap::new();
        for row in rows {
            let (Some(term), Some(matched), count) = row.context(&self.path, DOING)? else { continue };
            *merged.entry((term, matched.to_lowercase())).or_default() += count.max(0) as u64;
        }
        let mut counts: Vec<FlagCount> =
            merged.into_iter().map(|((term, matched), count)| FlagCount { term, matched, count }).collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.term, &a.matched).cmp(&(&b.term, &b.matched))));
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Category, EventKind, Flag};
    use crate::store::tests::comment;

    fn flagged(id: &str, text: &str, hits: &[(&str, &str)]) -> crate::event::LiveEvent {
        let mut event = comment(id, text);
        let EventKind::Comment(c) = &mut event.kind else { unreachable!() };
        for (term, matched) in hits {
            let start = text.find(matched).unwrap() as u32;
            let mut flag = Flag::about_author(term, Category::Competitor);
            (flag.target, flag.start, flag.end, flag.matched) =
                (crate::event::FlagTarget::Text, start, start + matched.len() as u32, matched.to_string());
            c.flags.push(flag);
        }
        c.flags.push(Flag::about_author("flood", Category::Spam));
        event
    }

    #[test]
    fn flags_are_counted_by_entry_and_lowercased_spelling() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let events = [
            flagged("1", "cek Sh0pee kak", &[("shopee", "Sh0pee")]),
            flagged("2", "sh0pee aja", &[("shopee", "sh0pee")]),
            flagged("3", "SHOPEE murah, wa aku", &[("shopee", "SHOPEE"), ("whatsapp", "wa")]),
            flagged("4", "ÇEK ŞOPEE", &[("shopee", "ŞOPEE")]),
            comment("5", "halo kak"),
        ];
        archive.insert_batch(session, &events).unwrap();
        let counts = archive.flag_counts().unwrap();
        let as_tuples: Vec<(&str, &str, u64)> =
            counts.iter().map(|c| (c.term.as_str(), c.matched.as_str(), c.count)).collect();
        assert_eq!(
            as_tuples,
            [("shopee", "sh0pee", 2), ("shopee", "shopee", 1), ("shopee", "şopee", 1), ("whatsapp", "wa", 1)],
            "author flags (no matched text) are not counted"
        );
    }

    #[test]
    fn information_only_flags_are_not_counted() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let mut event = flagged("1", "checkout di tokopedia", &[("tokopedia", "tokopedia")]);
        let EventKind::Comment(c) = &mut event.kind else { unreachable!() };
        c.flags[0].info = true;
        archive
            .insert_batch(session, &[event, flagged("2", "beli di tokopedia", &[("tokopedia", "tokopedia")])])
            .unwrap();
        let counts = archive.flag_counts().unwrap();
        assert_eq!(counts, [FlagCount { term: "tokopedia".into(), matched: "tokopedia".into(), count: 1 }]);
    }
}
