//! The lexicon: the words, brands, phrases and patterns Pandu flags, in one TOML file.
//!
//! ```toml
//! [[term]]
//! text = "shopee"            # required: the word, brand or phrase (may be several words)
//! category = "competitor"    # required: competitor | offplatform | profanity | claim | any label
//! suggest = "aplikasi oren"  # optional: the code word to say instead
//! aliases = ["sopi", { text = "ig", exact = true }]
//!                            # optional: other spellings that count as this term; a table
//!                            # with `exact = true` is matched only as written (below)
//! exact = false              # optional: true = the term and all its aliases are matched only
//!                            # as written
//!
//! [[pattern]]
//! regex = '(?:\+?62|\b0)8[0-9]{8,11}\b'   # Rust regex, run on the original text
//! category = "offplatform"
//! label = "phone number"                 # optional: reported as the hit's term (default: the regex)
//!
//! [[allow]]
//! text = "..."               # phrases that are never flagged
//! ```
//!
//! **Exact entries.** A term or alias is normally matched through every evasion the
//! [fold](super::fold) undoes (`sh0pee`, `s.h.o.p.e.e`, look-alike letters, repeated letters).
//! One marked `exact = true` is matched only as written, case-insensitively, as whole words,
//! with no evasion folding and no clitic after it: for the short forms that are also everyday
//! words or chat abbreviations in another spelling (`ig` as written is Instagram; `1g`, `i.g`
//! or `iggg` are not worth the false alarms).
//!
//! Parsing checks everything the matcher relies on (regexes compile, terms have something to
//! match), so a lexicon that parses always builds. Errors say where: `FILE:LINE:COL: message`.

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fold::fold_text;

/// The lexicon that ships with Pandu: Indonesian live-selling's forbidden words and brands.
pub const DEFAULT_LEXICON: &str = include_str!("default_lexicon.toml");

/// A parsed, checked lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub terms: Vec<Term>,
    pub patterns: Vec<Pattern>,
    pub allow: Vec<Allow>,
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
}

impl Term {
    /// A term matched through evasions, with no code word and no aliases.
    pub fn new(text: &str, category: &str) -> Term {
        Term { text: text.into(), category: category.into(), suggest: None, aliases: Vec::new(), exact: false }
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
}

/// A phrase that is never flagged, even when it contains a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    regex: String,
    category: String,
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    term: Vec<Spanned<Term>>,
    #[serde(default)]
    pattern: Vec<Spanned<RawPattern>>,
    #[serde(default)]
    allow: Vec<Spanned<Allow>>,
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

impl Lexicon {
    /// Parses and checks a lexicon. `origin` names it in errors (a file path, "default lexicon").
    pub fn parse(text: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let error_at = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            LexiconError { origin: origin.to_string(), line, column, message }
        };
        let raw: RawLexicon = toml::from_str(text).map_err(|e| error_at(e.span(), e.message().trim().to_string()))?;

        let mut lexicon = Lexicon::default();
        for (index, entry) in raw.term.into_iter().enumerate() {
            let span = entry.span();
            let term = entry.into_inner();
            let at = |message: String| {
                error_at(Some(span.clone()), format!("[[term]] #{} ({:?}): {message}", index + 1, term.text))
            };
            check_label("category", &term.category).map_err(&at)?;
            for (surface, _) in term.surfaces() {
                check_matchable(surface).map_err(&at)?;
            }
            lexicon.terms.push(term);
        }
        for (index, entry) in raw.pattern.into_iter().enumerate() {
            let span = entry.span();
            let RawPattern { regex, category, label } = entry.into_inner();
            let at = |message: String| error_at(Some(span.clone()), format!("[[pattern]] #{}: {message}", index + 1));
            check_label("category", &category).map_err(&at)?;
            let compiled = regex::Regex::new(&regex).map_err(|e| at(format!("bad regex: {e}")))?;
            if compiled.is_match("") {
                return Err(at(format!("the regex {regex:?} matches empty text, so it would flag every comment")));
            }
            lexicon.patterns.push(Pattern { regex: compiled, category, label: label.unwrap_or(regex) });
        }
        for (index, entry) in raw.allow.into_iter().enumerate() {
            let span = entry.span();
            let allow = entry.into_inner();
            check_matchable(&allow.text)
                .map_err(|message| error_at(Some(span), format!("[[allow]] #{}: {message}", index + 1)))?;
            lexicon.allow.push(allow);
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

    /// The lexicon that ships with Pandu.
    pub fn default_indonesian() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON, "default lexicon").expect("the shipped lexicon is valid (tested)")
    }
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
        for category in ["competitor", "offplatform", "profanity", "claim", "provocation"] {
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
