//! The host's script, checked before the live: every hit with its line and column, and the
//! script rewritten with the lexicon's code words.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::lexicon::Surface;
use super::matcher::Matcher;
use crate::event::{Category, CueHit, Severity, Why, utf16_offset};

/// One hit in a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScriptHit {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// UTF-8 byte offsets of the hit in the whole script.
    pub start: u32,
    pub end: u32,
    /// The same span in UTF-16 code units, as JavaScript strings index it.
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub category: Category,
    pub severity: Severity,
    pub term: String,
    pub matched: String,
    pub suggest: Option<String>,
    /// The rule the hit breaks, for a rule pack's entry.
    pub why: Option<Arc<Why>>,
    /// The cue that made a context-gated entry fire.
    pub cue: Option<CueHit>,
}

/// A checked script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScriptReport {
    pub hits: Vec<ScriptHit>,
    /// The script with every hit that has a suggestion replaced by it.
    pub fixed: String,
    /// Hits with no suggestion, still in `fixed`.
    pub unfixed: u32,
}

/// Checks `script` line by line (a term never spans lines in a script read aloud), with the
/// entries flagged in scripts ([`Surface::Script`]). Information-only hits are left out: a
/// script is either fine to read aloud or not.
pub fn check_script(matcher: &Matcher, script: &str) -> ScriptReport {
    let mut hits = Vec::new();
    let mut line_start = 0;
    for (index, line) in script.split_inclusive('\n').enumerate() {
        let mut taken_until = 0;
        for flag in matcher.scan(line, Surface::Script) {
            // Where a pattern and a term overlap, the first one reported stands. A provocation
            // is what a troll says to the shop, not a word the host must avoid.
            if flag.start < taken_until || flag.category == Category::Provocation || flag.info {
                continue;
            }
            taken_until = flag.end;
            hits.push(ScriptHit {
                line: index as u32 + 1,
                column: line[..flag.start as usize].chars().count() as u32 + 1,
                start: line_start + flag.start,
                end: line_start + flag.end,
                start_utf16: utf16_offset(script, (line_start + flag.start) as usize),
                end_utf16: utf16_offset(script, (line_start + flag.end) as usize),
                category: flag.category,
                severity: flag.severity,
                cue: flag.explain.and_then(|explain| explain.cue),
                why: flag.why,
                term: flag.term,
                matched: flag.matched,
                suggest: flag.suggest,
            });
        }
        line_start += line.len() as u32;
    }
    let mut fixed = String::with_capacity(script.len());
    let mut copied_until = 0;
    let mut unfixed = 0;
    for hit in &hits {
        match &hit.suggest {
            Some(suggest) => {
                fixed.push_str(&script[copied_until..hit.start as usize]);
                fixed.push_str(suggest);
                copied_until = hit.end as usize;
            }
            None => unfixed += 1,
        }
    }
    fixed.push_str(&script[copied_until..]);
    ScriptReport { hits, fixed, unfixed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::moderation::lexicon::Lexicon;

    fn with_claims() -> Matcher {
        let mut packs = crate::moderation::packs::default_pack_ids();
        packs.push("klaim-pangan".into());
        Matcher::new(&crate::moderation::packs::lexicon_in_force(&packs, &Lexicon::default()).unwrap())
    }

    #[test]
    fn hits_have_lines_columns_and_the_fix_uses_code_words() {
        let matcher = with_claims();
        let script = "Halo semuanya!\nDi sh0pee harganya beda, kak.\nÉ, yang ini dijamin sembuh dan anjing lucu.\n";
        let report = check_script(&matcher, script);
        let found: Vec<(u32, u32, &str, &str)> =
            report.hits.iter().map(|h| (h.line, h.column, h.term.as_str(), h.matched.as_str())).collect();
        assert_eq!(
            found,
            [(2, 4, "shopee", "sh0pee"), (3, 13, "pasti sembuh", "dijamin sembuh"), (3, 32, "anjing", "anjing")]
        );
        assert_eq!(
            report.fixed,
            "Halo semuanya!\nDi aplikasi oren harganya beda, kak.\nÉ, yang ini membantu menjaga kesehatan dan anjing lucu.\n"
        );
        assert_eq!(report.unfixed, 1);
        let utf16: Vec<u16> = script.encode_utf16().collect();
        for hit in &report.hits {
            assert_eq!(&script[hit.start as usize..hit.end as usize], hit.matched);
            let (start, end) = (hit.start_utf16 as usize, hit.end_utf16 as usize);
            assert_eq!(
                String::from_utf16(&utf16[start..end]).unwrap(),
                hit.matched,
                "É counts one unit, not two bytes"
            );
        }
    }

    #[test]
    fn each_hit_carries_its_rule_and_a_pack_for_scripts_stays_out_of_comments() {
        let matcher = with_claims();
        let report = check_script(&matcher, "Teh ini dijamin sembuh dari maag.");
        assert_eq!(report.hits.len(), 1);
        let why = report.hits[0].why.as_ref().expect("a pack's hit says why");
        assert_eq!(why.pack, "klaim-pangan");
        assert!(!why.rule.id.is_empty() && !why.rule.en.is_empty() && !why.source.is_empty());
        assert!(
            matcher.scan("Teh ini dijamin sembuh dari maag.", Surface::Comments).is_empty(),
            "a viewer's claim is not the shop's"
        );
    }

    #[test]
    fn provocations_are_not_forbidden_words_in_a_script() {
        let matcher = Matcher::new(&Lexicon::default_indonesian());
        let script = "Ada yang bilang kami penipu? Semua barang kami original, bukan barang KW.";
        assert_eq!(
            matcher.scan(script, Surface::Comments).iter().filter(|f| f.category == Category::Provocation).count(),
            2
        );
        let report = check_script(&matcher, script);
        assert!(report.hits.is_empty(), "{:?}", report.hits);
        assert_eq!(report.fixed, script);
    }

    #[test]
    fn a_clean_script_comes_back_unchanged() {
        let matcher = Matcher::new(&Lexicon::default_indonesian());
        let report = check_script(&matcher, "Selamat datang di live kami\ncheckout lewat keranjang kuning ya");
        assert!(report.hits.is_empty());
        assert_eq!(report.fixed, "Selamat datang di live kami\ncheckout lewat keranjang kuning ya");
    }
}
