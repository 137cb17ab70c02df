//! Imports run one way: front ends → app → capabilities → store → the event model.
//!
//! This test reads every `crate::…` (and, in `src/main.rs`, `pandu::…`) path under `src/`, outside
//! comments and `#[cfg(test)]` code, and holds each one between two top-level modules to the
//! table below: a module may use only modules of a lower layer. So an import cycle between two
//! modules cannot come back, and a new upward arrow must be argued for here, in the table, rather
//! than slip in. ARCHITECTURE.md ("Which way the arrows run") says the same in words.
//!
//! Inside one module (`src/app/*.rs`, `src/report/render/*.rs`, ...) files may use each other;
//! `farm-studio look src` shows those and every arrow drawn.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, top first. A module may import only modules of a later entry.
const LAYERS: &[(&str, &[&str])] = &[
    ("the CLI", &["main"]),
    ("start-up: the app and the server that serves it", &["launch"]),
    ("the local server (a front end)", &["server"]),
    ("the app core", &["app"]),
    ("the outbound stream, the settings", &["outbound", "config"]),
    (
        "capabilities, and the credential store the settings keep secrets in",
        &["clock", "session", "report", "teleprompter", "secrets"],
    ),
    // The reports render the agency's report; the hub reads the archive it uploads from.
    ("the agency hub", &["hub"]),
    ("the archive, moderation, answers", &["store", "moderation", "answers"]),
    // The sources know only the event model, so the archive may keep what they say (a gap's
    // reason is the source's own `SourceReason`).
    ("models, the sources and leaf modules", &["feedback", "ingest", "publish", "shutdown"]),
    ("the event model", &["event"]),
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
        .unwrap_or_else(|| panic!("src/{module}: a top-level module missing from LAYERS in {}", file!()))
}

/// The top-level module a file under `src/` belongs to (`None` for `lib.rs`).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// The file's code without comments and without what only tests compile: a `#[cfg(test)]` item
/// (a `mod tests { … }` runs to the end of the file, where tests live in this repository).
fn code_outside_tests(text: &str) -> Vec<&str> {
    let mut lines = text.lines().map(str::trim_start).filter(|line| !line.starts_with("//"));
    let mut code = Vec::new();
    while let Some(line) = lines.next() {
        if line.starts_with("#[cfg(test)]") {
            match lines.next() {
                Some(item) if item.contains("mod ") && item.ends_with('{') => break,
                _ => continue,
            }
        }
        code.push(line);
    }
    code
}

/// The top-level modules a line names after `root::`.
fn named_modules<'a>(line: &'a str, root: &str) -> Vec<&'a str> {
    let prefix = format!("{root}::");
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(&prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end > 0 {
            names.push(&rest[..end]);
        }
    }
    names
}

/// Every arrow between two top-level modules: (from, to) → a file that draws it.
fn arrows() -> BTreeMap<(String, String), String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut arrows = BTreeMap::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let is_tests = path.file_stem().is_some_and(|stem| stem == "tests");
            if path.extension().is_none_or(|ext| ext != "rs") || is_tests {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap();
            let Some(from) = module_of(relative) else { continue };
            let root = if from == "main" { "pandu" } else { "crate" };
            let text = std::fs::read_to_string(&path).unwrap();
            for line in code_outside_tests(&text) {
                for to in named_modules(line, root) {
                    if to != from {
                        arrows.entry((from.clone(), to.to_string())).or_insert_with(|| relative.display().to_string());
                    }
                }
            }
        }
    }
    arrows
}

#[test]
fn imports_run_down_the_layers_only() {
    let arrows = arrows();
    assert!(arrows.contains_key(&("app".into(), "clock".into())), "the scan finds imports at all: {arrows:?}");
    let upward: Vec<String> = arrows
        .iter()
        .filter(|((from, to), _)| layer_of(to) <= layer_of(from))
        .map(|((from, to), file)| {
            format!("src/{file}: {from} ({}) uses {to} ({})", LAYERS[layer_of(from)].0, LAYERS[layer_of(to)].0)
        })
        .collect();
    assert!(upward.is_empty(), "imports that run up or sideways:\n  {}", upward.join("\n  "));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let modules: BTreeSet<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap()
        .filter_map(|entry| module_of(Path::new(&entry.unwrap().file_name())))
        .collect();
    for module in &modules {
        layer_of(module);
    }
}

#[test]
fn the_reader_sees_paths_and_skips_comments_and_tests() {
    let text = "use crate::event::Timestamp;\n// crate::app in a comment\nlet x = crate::store::Archive::open(p);\n\
                #[cfg(test)]\nmod tests {\n    use crate::server::bind;\n}\n";
    let names: Vec<&str> = code_outside_tests(text).into_iter().flat_map(|line| named_modules(line, "crate")).collect();
    assert_eq!(names, ["event", "store"]);
    assert_eq!(named_modules("use notcrate::x; use pandu::app::App;", "pandu"), ["app"]);
}
