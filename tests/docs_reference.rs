//! The references in `docs/` checked against the code, so that each fact is kept in one place
//! and a reference that drifts from the code fails the tests:
//!
//! - `docs/api.md`: every `.route("…", …)` in the sources (every `.rs` file under `src/` and
//!   `crates/`, outside comments and `#[cfg(test)]` code) has a `### \`METHOD /path\`` entry
//!   with a token rule and an example, and every entry is a route; a real `pandu serve` then
//!   answers each route as its entry says: without a token `401` for "host token" and
//!   "control token", anything else for "none"; with the host token `403` for "control token",
//!   neither `401` nor `403` for "host token".
//! - `docs/settings.md`: every key of the settings Pandu reads with no file (the defaults), with
//!   its default value, and nothing else; keys that are absent by default are real keys (they
//!   survive a read and a write); every range stated is enforced by reading a `config.toml` at
//!   its limits and one past them, and every number Pandu refuses somewhere has its range
//!   stated; the lexicon example is read by Pandu's lexicon reader and its key table matches.
//! - `docs/schema.md`: the tables, columns (with their declared types), indexes, triggers and
//!   version of an archive freshly made by `Archive::open`, and nothing that is not there.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use pandu::config::Settings;
use pandu::moderation::lexicon::{Alias, Allow, Context, Lexicon, Otherwise, Surface, Term};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_doc(name: &str) -> String {
    std::fs::read_to_string(root().join("docs").join(name)).unwrap_or_else(|e| panic!("docs/{name}: {e}"))
}

/// A Markdown file cut at its headings: `(level, heading text, the lines up to the next heading)`.
/// Lines inside fenced code blocks are never headings.
fn sections(doc: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut out: Vec<(usize, String, Vec<String>)> = vec![(0, String::new(), Vec::new())];
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if !in_code && level > 0 && line[level..].starts_with(' ') {
            out.push((level, line[level..].trim().to_string(), Vec::new()));
        } else {
            out.last_mut().unwrap().2.push(line.to_string());
        }
    }
    out
}

/// The lines of the section headed `heading` and of its subsections.
fn section_with_subsections(doc: &str, heading: &str) -> Vec<(usize, String, Vec<String>)> {
    let all = sections(doc);
    let start = all
        .iter()
        .position(|(_, text, _)| text == heading)
        .unwrap_or_else(|| panic!("no section '{heading}' in the document"));
    let level = all[start].0;
    let end = all[start + 1..].iter().position(|(l, _, _)| *l <= level).map_or(all.len(), |i| start + 1 + i);
    all[start..end].to_vec()
}

/// Every line of the section headed `heading`, its subsections' too.
fn section_lines(doc: &str, heading: &str) -> Vec<String> {
    section_with_subsections(doc, heading).into_iter().flat_map(|(_, _, body)| body).collect()
}

/// The text of the first ```toml example among `lines`.
fn toml_example(lines: &[String]) -> String {
    let start = lines.iter().position(|line| line.starts_with("```toml")).expect("a ```toml example");
    let end = start + 1 + lines[start + 1..].iter().position(|line| line.starts_with("```")).unwrap();
    lines[start + 1..end].iter().map(|line| format!("{line}\n")).collect()
}

/// The cells of a Markdown table row (the first ones are enough: they never hold a `|`).
fn cells(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if !line.starts_with('|') || line.starts_with("| ---") {
        return None;
    }
    Some(line.trim_matches('|').split('|').map(|cell| cell.trim().to_string()).collect())
}

/// `` `x` `` → `x`, for a cell that is one code span.
fn code(cell: &str) -> Option<String> {
    let inner = cell.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.contains('`')).then(|| inner.to_string())
}

/// Reports every problem at once.
fn assert_none(problems: &[String], what: &str) {
    assert!(problems.is_empty(), "{what}:\n  - {}", problems.join("\n  - "));
}

// ---------------------------------------------------------------------------------------------
// docs/api.md and the router

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a call's arguments: from just after its `(` to its matching `)`, skipping
/// string literals.
fn call_arguments(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (1usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced call: {}", &text[..text.len().min(200)])
}

/// The HTTP methods a method router expression such as `get(a).post(b)` or
/// `axum::routing::post(x).layer(…)` routes: the calls at the top level of the expression.
fn methods_of(expression: &str) -> Vec<String> {
    const METHODS: &[&str] = &["get", "post", "put", "delete", "patch", "head", "options", "trace"];
    let bytes = expression.as_bytes();
    let mut methods = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'(' {
            depth += 1;
        } else if c == b')' {
            depth -= 1;
        } else if depth == 0 && (c.is_ascii_alphabetic() || c == b'_') {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &expression[start..i];
            if bytes.get(i) == Some(&b'(') {
                assert!(
                    !matches!(word, "any" | "on" | "any_service" | "get_service" | "post_service"),
                    "tests/docs_reference.rs cannot tell the methods of `{expression}`: teach methods_of"
                );
                if METHODS.contains(&word) {
                    methods.push(word.to_uppercase());
                }
            }
            continue;
        }
        i += 1;
    }
    methods
}

/// `(METHOD, path)` of every route the app's server registers (docs/api.md): every source but
/// the hub's.
fn code_routes() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("crates"), &mut files);
    let hub = root().join("src/server/hub.rs");
    files.retain(|file| *file != hub);
    let routes = routes_in(files);
    assert!(routes.len() > 10, "found only {routes:?}: is the route scan still finding the router?");
    routes
}

/// `(METHOD, path)` of every route the agency hub's server registers (docs/hub.md).
fn hub_routes() -> BTreeSet<(String, String)> {
    let routes = routes_in(vec![root().join("src/server/hub.rs")]);
    assert!(!routes.is_empty(), "the route scan finds no route of the hub's server");
    routes
}

fn routes_in(files: Vec<PathBuf>) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may build routers of their own; comments may name `.route(…)`.
        let text = text.split("#[cfg(test)]").next().unwrap();
        let text: String =
            text.lines().filter(|line| !line.trim_start().starts_with("//")).map(|line| format!("{line}\n")).collect();
        for unreadable in [".route_service(", ".nest(", ".nest_service("] {
            assert!(
                !text.contains(unreadable),
                "{}: `{unreadable}` registers routes tests/docs_reference.rs cannot read; teach it",
                file.display()
            );
        }
        for (at, _) in text.match_indices(".route(") {
            let arguments = call_arguments(&text[at + ".route(".len()..]);
            let (path, expression) =
                arguments.trim().strip_prefix('"').and_then(|rest| rest.split_once('"')).unwrap_or_else(|| {
                    panic!("{}: a route whose path is not a string literal: .route({arguments})", file.display())
                });
            let expression = expression.trim().trim_start_matches(',');
            let methods = methods_of(expression);
            assert!(!methods.is_empty(), "{}: no method found in .route({arguments})", file.display());
            for method in methods {
                routes.insert((method, path.to_string()));
            }
        }
    }
    routes
}

/// Who may call a route, as docs/api.md says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenRule {
    None,
    /// The host token or the control token.
    Host,
    /// The control token only.
    Control,
    /// The agency hub's own token (docs/hub.md).
    Hub,
}

/// A route's entry in docs/api.md.
struct ApiEntry {
    rule: TokenRule,
    has_example: bool,
}

/// Every `### \`METHOD /path\`` entry of docs/api.md, with its token rule.
fn doc_routes(doc: &str) -> BTreeMap<(String, String), ApiEntry> {
    let mut routes = BTreeMap::new();
    for (level, heading, body) in sections(doc) {
        let Some(route) = code(&heading).filter(|_| level == 3) else { continue };
        let Some((method, path)) = route.split_once(' ') else { continue };
        if !method.chars().all(|c| c.is_ascii_uppercase()) || !path.starts_with('/') {
            continue;
        }
        let rule = body
            .iter()
            .find_map(|line| line.strip_prefix("Token: "))
            .unwrap_or_else(|| panic!("`{route}` has no 'Token: none|host token|control token|hub token' line"));
        let rule = match rule.trim() {
            "none" => TokenRule::None,
            "host token" => TokenRule::Host,
            "control token" => TokenRule::Control,
            "hub token" => TokenRule::Hub,
            other => panic!("`{route}`: unknown token rule '{other}' (none, host token, control token, hub token)"),
        };
        let has_example = body.iter().any(|line| line.starts_with("```"));
        let previous = routes.insert((method.to_string(), path.to_string()), ApiEntry { rule, has_example });
        assert!(previous.is_none(), "`{route}` is described twice");
    }
    routes
}

#[test]
fn every_route_is_in_the_api_reference_and_every_entry_is_a_route() {
    let code = code_routes();
    let doc = doc_routes(&read_doc("api.md"));
    let documented: BTreeSet<_> = doc.keys().cloned().collect();
    let mut problems = Vec::new();
    for (method, path) in code.difference(&documented) {
        problems
            .push(format!("`{method} {path}` is a route but has no `### \\`{method} {path}\\`` entry in docs/api.md"));
    }
    for (method, path) in documented.difference(&code) {
        problems.push(format!("docs/api.md describes `{method} {path}`, which no `.route(…)` in the code registers"));
    }
    for ((method, path), entry) in &doc {
        if !entry.has_example {
            problems.push(format!("docs/api.md: `{method} {path}` has no example (a ``` block)"));
        }
    }
    assert_none(&problems, "docs/api.md and the router disagree");
}

#[test]
fn every_route_of_the_hub_is_in_its_reference_and_every_entry_is_a_route() {
    let code = hub_routes();
    let doc = doc_routes(&read_doc("hub.md"));
    let documented: BTreeSet<_> = doc.keys().cloned().collect();
    let mut problems = Vec::new();
    for (method, path) in code.symmetric_difference(&documented) {
        problems.push(format!("`{method} {path}` is in one of src/server/hub.rs and docs/hub.md, not both"));
    }
    for ((method, path), entry) in &doc {
        if !entry.has_example {
            problems.push(format!("docs/hub.md: `{method} {path}` has no example (a ``` block)"));
        }
        if !matches!(entry.rule, TokenRule::None | TokenRule::Hub) {
            problems.push(format!("docs/hub.md: `{method} {path}`: the hub takes no token but its own"));
        }
    }
    assert_none(&problems, "docs/hub.md and the hub's router disagree");
}

/// The status of `method path` with `token` (or none), from a raw HTTP/1.1 request.
fn status_with(port: u16, method: &str, path: &str, token: Option<&str>) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let auth = token.map(|token| format!("Authorization: Bearer {token}\r\n")).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

#[test]
fn every_route_asks_for_the_token_its_reference_entry_says() {
    let home = tempfile::tempdir().unwrap();
    let served = common::Served::start_bare(home.path(), "docs-reference-token");
    let host_token = Settings::read(&home.path().join("config/pandu/config.toml")).unwrap().host_token;
    assert_eq!(host_token.len(), 64, "serve wrote a host token");
    let mut problems = Vec::new();
    for ((method, path), entry) in doc_routes(&read_doc("api.md")) {
        // Any value for a path parameter: the token is checked before the route's own checks.
        let concrete: String = path
            .split('/')
            .map(|part| if part.starts_with('{') && part.ends_with('}') { "x1" } else { part })
            .collect::<Vec<_>>()
            .join("/");
        let status = status_with(served.port, &method, &concrete, None);
        match (entry.rule, status) {
            (TokenRule::Hub, _) => problems.push(format!("docs/api.md: `{method} {path}` is the hub's: docs/hub.md")),
            (TokenRule::Host | TokenRule::Control, 401) | (TokenRule::None, 200..=400 | 402..=599) => {}
            (TokenRule::Host | TokenRule::Control, status) => problems
                .push(format!("docs/api.md says `{method} {path}` needs a token, but without one it answers {status}")),
            (TokenRule::None, _) => problems
                .push(format!("docs/api.md says `{method} {path}` needs no token, but without one it answers 401")),
        }
        if entry.rule == TokenRule::None {
            continue;
        }
        // A path parameter of `x1` keeps the one route that could change a token from doing so.
        let status = status_with(served.port, &method, &concrete, Some(&host_token));
        match (entry.rule, status) {
            (TokenRule::Control, 403) | (TokenRule::Host, 200..=400 | 404..=599) => {}
            (TokenRule::Control, status) => problems.push(format!(
                "docs/api.md says `{method} {path}` needs the control token, but the host token gets {status}, not 403"
            )),
            (_, status) => {
                problems.push(format!("docs/api.md says the host token opens `{method} {path}`, but it gets {status}"))
            }
        }
    }
    served.stop();
    assert_none(&problems, "token rules in docs/api.md are wrong");
}

// ---------------------------------------------------------------------------------------------
// docs/settings.md and the settings

/// Every leaf of a TOML table as `a.b.c` → value (arrays are leaves).
fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, toml::Value>) {
    for (key, value) in table {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::Table(inner) => flatten(&path, inner, out),
            leaf => {
                out.insert(path, leaf.clone());
            }
        }
    }
}

/// `table` with `path` (dotted) set to `value`.
fn with_key(mut table: toml::Table, path: &str, value: toml::Value) -> toml::Table {
    let mut cursor = &mut table;
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    for part in parts {
        cursor = cursor
            .entry(part)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .expect("a table on the way");
    }
    cursor.insert(last.to_string(), value);
    table
}

/// What Pandu reads from an empty settings file: every default, as TOML.
fn default_settings() -> toml::Table {
    let settings: Settings = toml::from_str("").expect("every setting has a default");
    toml::Table::try_from(settings).unwrap()
}

/// Whether Pandu accepts a `config.toml` holding `table`, reading it as it does at start-up.
fn accepts(table: &toml::Table) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, toml::to_string(table).unwrap()).unwrap();
    Settings::load_or_init(&path).map(|_| ()).map_err(|error| error.to_string())
}

/// A settings row of docs/settings.md.
struct SettingEntry {
    default: String,
    range: String,
}

fn doc_settings(doc: &str) -> BTreeMap<String, SettingEntry> {
    let mut keys = BTreeMap::new();
    for (_, _, body) in section_with_subsections(doc, "Every key") {
        for row in body.iter().filter_map(|line| cells(line)) {
            let Some(key) = code(&row[0]) else { continue };
            assert!(row.len() >= 4, "docs/settings.md: the row of `{key}` needs key, default, range and what");
            let entry = SettingEntry { default: row[1].clone(), range: row[2].clone() };
            assert!(keys.insert(key.clone(), entry).is_none(), "docs/settings.md: `{key}` is listed twice");
        }
    }
    keys
}

/// The two ends of a stated range, "1 to 86400" or "each mark 1 to 86400".
fn range_ends(range: &str) -> Option<(i64, i64)> {
    let (low, high) = range.split_once(" to ")?;
    let number = |text: &str, last: bool| {
        let words: Vec<&str> = text.split_whitespace().collect();
        let word = if last { words.last()? } else { words.first()? };
        word.trim_matches(|c: char| !c.is_ascii_digit()).parse::<i64>().ok()
    };
    Some((number(low, true)?, number(high, false)?))
}

#[test]
fn every_setting_is_in_the_settings_reference_with_its_default() {
    let mut defaults = BTreeMap::new();
    flatten("", &default_settings(), &mut defaults);
    let doc = doc_settings(&read_doc("settings.md"));
    let mut problems = Vec::new();
    for (key, value) in &defaults {
        match doc.get(key) {
            None => problems.push(format!("`{key}` (default `{value}`) is a setting but not in docs/settings.md")),
            Some(entry) => {
                let stated = code(&entry.default)
                    .and_then(|literal| toml::from_str::<toml::Table>(&format!("v = {literal}")).ok())
                    .and_then(|mut table| table.remove("v"));
                if stated.as_ref() != Some(value) {
                    problems.push(format!(
                        "docs/settings.md gives `{key}` the default {}, but it is `{value}`",
                        entry.default
                    ));
                }
            }
        }
    }
    for (key, entry) in &doc {
        if defaults.contains_key(key) {
            continue;
        }
        if entry.default != "unset" {
            problems
                .push(format!("docs/settings.md lists `{key}`, which is not a setting (or say its default is unset)"));
            continue;
        }
        // A key absent by default is real if it survives a read and a write: with the first
        // value its range lists (`secret-service`, `true`, …), else any text.
        let sample = entry.range.split('`').nth(1).unwrap_or("docs-sample");
        let value = match sample {
            "true" | "false" => toml::Value::Boolean(sample == "true"),
            _ => toml::Value::String(sample.into()),
        };
        let written = with_key(default_settings(), key, value);
        let kept = toml::from_str::<Settings>(&toml::to_string(&written).unwrap())
            .ok()
            .and_then(|settings| toml::Table::try_from(settings).ok())
            .map(|table| {
                let mut flat = BTreeMap::new();
                flatten("", &table, &mut flat);
                flat.contains_key(key)
            });
        if kept != Some(true) {
            problems.push(format!("docs/settings.md lists `{key}` (unset by default), but Pandu does not read it"));
        }
    }
    assert_none(&problems, "docs/settings.md and the settings disagree");
}

#[test]
fn every_range_in_the_settings_reference_is_the_one_pandu_enforces() {
    let mut defaults = BTreeMap::new();
    flatten("", &default_settings(), &mut defaults);
    let doc = doc_settings(&read_doc("settings.md"));
    let mut problems = Vec::new();
    for (key, value) in &defaults {
        let is_list = matches!(value, toml::Value::Array(items) if !items.is_empty() && items.iter().all(toml::Value::is_integer));
        if !value.is_integer() && !is_list {
            continue;
        }
        let set = |n: i64| {
            let n = toml::Value::Integer(n);
            let value = if is_list { toml::Value::Array(vec![n]) } else { n };
            accepts(&with_key(default_settings(), key, value))
        };
        let range = doc.get(key).map(|entry| entry.range.as_str()).unwrap_or_default();
        match range_ends(range) {
            Some((low, high)) => {
                for n in [low, high] {
                    if let Err(error) = set(n) {
                        problems
                            .push(format!("docs/settings.md says `{key}` takes {range}, but {n} is refused: {error}"));
                    }
                }
                for n in [low - 1, high + 1] {
                    if n >= 0 && set(n).is_ok() {
                        problems.push(format!("docs/settings.md says `{key}` takes {range}, but {n} is accepted"));
                    }
                }
            }
            None => {
                for n in [0, 1, 86_400, 86_401] {
                    if let Err(error) = set(n) {
                        problems.push(format!(
                            "`{key}` = {n} is refused ({error}), but docs/settings.md states no range for it ('A to B')"
                        ));
                    }
                }
            }
        }
    }
    assert_none(&problems, "ranges in docs/settings.md are wrong");
}

#[test]
fn the_lexicon_reference_is_read_by_pandu_and_names_every_key() {
    let doc = read_doc("settings.md");
    let lines = section_lines(&doc, "The lexicon (`lexicon.toml`)");
    let example = toml_example(&lines);
    Lexicon::parse(&example, "docs/settings.md").unwrap_or_else(|e| panic!("the lexicon example: {e}"));

    // Keys the example uses (every one of them read: the reader refuses unknown keys).
    let mut used = BTreeSet::new();
    for (entry, items) in toml::from_str::<toml::Table>(&example).unwrap() {
        match items {
            toml::Value::Array(items) => {
                for item in items {
                    used.extend(item.as_table().unwrap().keys().map(|key| format!("{entry}.{key}")));
                }
            }
            // `[cues]`: its keys are the user's own set names.
            _ => {
                used.insert(entry);
            }
        }
    }
    // Keys a term and an allowed phrase have, every optional one set.
    let mut term = Term::new("shopee", "competitor");
    term.suggest = Some("aplikasi oren".into());
    term.aliases = vec![Alias::from("sopi")];
    term.exact = true;
    term.policy = Some("p".into());
    term.context = Some(Context { cues: Some("c".into()), unless: None, within: 2, otherwise: Otherwise::Pass });
    term.applies_to = Some(vec![Surface::Script]);
    let mut from_code: BTreeSet<String> =
        toml::Table::try_from(&term).unwrap().keys().map(|key| format!("term.{key}")).collect();
    let allow: Allow = toml::from_str("text = \"wa ode\"").unwrap();
    from_code.extend(toml::Table::try_from(&allow).unwrap().keys().map(|key| format!("allow.{key}")));

    let table: BTreeSet<String> = lines.iter().filter_map(|line| cells(line)).filter_map(|row| code(&row[0])).collect();
    let mut problems = Vec::new();
    for key in used.union(&from_code) {
        if !table.contains(key) {
            problems.push(format!("the lexicon key `{key}` is not in docs/settings.md's lexicon table"));
        }
    }
    for key in &table {
        if !used.contains(key) {
            problems.push(format!("docs/settings.md's lexicon table lists `{key}`, which its example does not use"));
        }
    }
    assert_none(&problems, "the lexicon reference is stale");
}

#[test]
fn the_complete_config_toml_in_the_settings_reference_is_read_by_pandu() {
    let doc = read_doc("settings.md");
    let example = toml_example(&section_lines(&doc, "A complete `config.toml`"));
    let read: Settings = toml::from_str(&example).unwrap_or_else(|e| panic!("docs/settings.md's config.toml: {e}"));
    let mut written = BTreeMap::new();
    flatten("", &toml::Table::try_from(read).unwrap(), &mut written);
    let mut in_example = BTreeMap::new();
    flatten("", &toml::from_str::<toml::Table>(&example).unwrap(), &mut in_example);
    let mut defaults = BTreeMap::new();
    flatten("", &default_settings(), &mut defaults);
    let mut problems = Vec::new();
    for key in in_example.keys() {
        if !written.contains_key(key) {
            problems.push(format!("the example sets `{key}`, which Pandu does not read"));
        }
    }
    for key in defaults.keys() {
        if !in_example.contains_key(key) {
            problems.push(format!("the example leaves out `{key}`"));
        }
    }
    assert_none(&problems, "docs/settings.md's complete config.toml is stale");
}

// ---------------------------------------------------------------------------------------------
// docs/schema.md and the archive

/// What an archive holds: table → [(column, declared type)], index → table, trigger → table.
#[derive(Default)]
struct Schema {
    version: i64,
    tables: BTreeMap<String, Vec<(String, String)>>,
    indexes: BTreeMap<String, String>,
    triggers: BTreeMap<String, String>,
}

/// A fresh archive, made by Pandu's own open function.
fn archive_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pandu.db");
    drop(pandu::store::Archive::open(&path).unwrap());
    let db = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut schema =
        Schema { version: db.query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap(), ..Schema::default() };
    let mut statement = db.prepare("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master").unwrap();
    let rows: Vec<(String, String, String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let virtual_tables: Vec<&String> = rows
        .iter()
        .filter(|(kind, _, _, sql)| kind == "table" && sql.to_uppercase().starts_with("CREATE VIRTUAL TABLE"))
        .map(|(_, name, _, _)| name)
        .collect();
    for (kind, name, table, _) in &rows {
        if name.starts_with("sqlite_") {
            continue;
        }
        match kind.as_str() {
            "table" if virtual_tables.iter().any(|vt| name.starts_with(&format!("{vt}_"))) => {} // FTS5's own
            "table" => {
                let mut columns = db.prepare(&format!("PRAGMA table_info(\"{name}\")")).unwrap();
                let columns = columns
                    .query_map([], |row| Ok((row.get::<_, String>(1)?, row.get::<_, String>(2)?)))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                schema.tables.insert(name.clone(), columns);
            }
            "index" => {
                schema.indexes.insert(name.clone(), table.clone());
            }
            "trigger" => {
                schema.triggers.insert(name.clone(), table.clone());
            }
            other => panic!("tests/docs_reference.rs does not know schema objects of type '{other}' ({name})"),
        }
    }
    schema
}

/// What docs/schema.md says the archive holds.
fn doc_schema(doc: &str) -> Schema {
    let version = doc
        .lines()
        .find_map(|line| line.split("The schema version is **").nth(1))
        .and_then(|rest| rest.split("**").next())
        .and_then(|number| number.parse().ok())
        .expect("docs/schema.md: a line 'The schema version is **N**'");
    let mut schema = Schema { version, ..Schema::default() };
    for (level, heading, body) in section_with_subsections(doc, "Tables") {
        let Some(table) = code(&heading).filter(|_| level == 3) else { continue };
        let columns = body
            .iter()
            .filter_map(|line| cells(line))
            .filter_map(|row| {
                let name = code(&row[0])?;
                let declared = row.get(1).map(|t| if t == "—" { String::new() } else { t.clone() });
                Some((name, declared.unwrap_or_default()))
            })
            .collect();
        assert!(schema.tables.insert(table.clone(), columns).is_none(), "docs/schema.md: `{table}` twice");
    }
    for (heading, into) in [("Indexes", &mut schema.indexes), ("Triggers", &mut schema.triggers)] {
        for (_, _, body) in section_with_subsections(doc, heading) {
            for row in body.iter().filter_map(|line| cells(line)) {
                if let (Some(name), Some(table)) = (code(&row[0]), row.get(1).and_then(|cell| code(cell))) {
                    into.insert(name, table);
                }
            }
        }
    }
    schema
}

#[test]
fn the_schema_reference_lists_exactly_what_a_fresh_archive_holds() {
    let real = archive_schema();
    let doc = doc_schema(&read_doc("schema.md"));
    let mut problems = Vec::new();
    if real.version != doc.version {
        problems.push(format!("docs/schema.md says version {}, the archive is at {}", doc.version, real.version));
    }
    for (table, columns) in &real.tables {
        let Some(documented) = doc.tables.get(table) else {
            problems.push(format!("table `{table}` is not in docs/schema.md"));
            continue;
        };
        let real_names: BTreeSet<&String> = columns.iter().map(|(name, _)| name).collect();
        for (name, declared) in columns {
            match documented.iter().find(|(doc_name, _)| doc_name == name) {
                None => problems.push(format!("column `{table}.{name}` is not in docs/schema.md")),
                Some((_, doc_type)) if !doc_type.eq_ignore_ascii_case(declared) => problems.push(format!(
                    "docs/schema.md gives `{table}.{name}` the type '{doc_type}', it is declared '{declared}' ('—' for none)"
                )),
                Some(_) => {}
            }
        }
        for (name, _) in documented {
            if !real_names.contains(name) {
                problems.push(format!("docs/schema.md lists `{table}.{name}`, which the archive does not have"));
            }
        }
    }
    for table in doc.tables.keys() {
        if !real.tables.contains_key(table) {
            problems.push(format!("docs/schema.md lists the table `{table}`, which the archive does not have"));
        }
    }
    for (what, real_objects, doc_objects) in
        [("index", &real.indexes, &doc.indexes), ("trigger", &real.triggers, &doc.triggers)]
    {
        for (name, table) in real_objects {
            match doc_objects.get(name) {
                None => problems.push(format!("{what} `{name}` on `{table}` is not in docs/schema.md")),
                Some(doc_table) if doc_table != table => problems
                    .push(format!("docs/schema.md puts the {what} `{name}` on `{doc_table}`, it is on `{table}`")),
                Some(_) => {}
            }
        }
        for name in doc_objects.keys() {
            if !real_objects.contains_key(name) {
                problems.push(format!("docs/schema.md lists the {what} `{name}`, which the archive does not have"));
            }
        }
    }
    assert_none(&problems, "docs/schema.md and the archive disagree");
}

// ---------------------------------------------------------------------------------------------
// Links

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_link_and_picture_in_the_readme_and_docs_is_there() {
    let mut documents = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            documents.push(path);
        }
    }
    let mut problems = Vec::new();
    for document in &documents {
        let text = std::fs::read_to_string(document).unwrap();
        let name = document.strip_prefix(root()).unwrap().display().to_string();
        for (at, _) in text.match_indices("](") {
            let target = text[at + 2..].split(')').next().unwrap();
            if target.contains("://") || target.contains(' ') || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path = if file.is_empty() { document.clone() } else { document.parent().unwrap().join(file) };
            if !path.exists() {
                problems.push(format!("{name}: ({target}) points at nothing"));
                continue;
            }
            if !fragment.is_empty() && path.extension().is_some_and(|e| e == "md") {
                let linked = std::fs::read_to_string(&path).unwrap();
                if !sections(&linked).iter().any(|(level, heading, _)| *level > 0 && anchor(heading) == fragment) {
                    problems.push(format!("{name}: ({target}): no such heading"));
                }
            }
        }
    }
    assert_none(&problems, "broken links");
}
