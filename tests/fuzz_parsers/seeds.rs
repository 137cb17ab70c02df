//! Seeds from what the repository already holds: the shipped templates and rule packs, the
//! fixtures, and the examples in the docs (fenced blocks, `curl -d` bodies). A file added
//! there becomes a seed without touching the harness.

use std::fs;

use crate::engine::{files_in, repository};

/// Every file of `dir` (relative to the repository) whose name ends with `suffix`.
pub fn files(dir: &str, suffix: &str) -> Vec<Vec<u8>> {
    files_in(&repository().join(dir))
        .into_iter()
        .filter(|(path, _)| path.to_string_lossy().ends_with(suffix))
        .map(|(_, bytes)| bytes)
        .collect()
}

/// `path/*/name` for every folder of `dir`: the starter templates' `template.toml`.
pub fn in_each_folder(dir: &str, name: &str) -> Vec<Vec<u8>> {
    let mut folders: Vec<_> =
        fs::read_dir(repository().join(dir)).unwrap().filter_map(|entry| entry.ok().map(|e| e.path())).collect();
    folders.sort();
    folders.iter().filter_map(|folder| fs::read(folder.join(name)).ok()).collect()
}

/// The fenced blocks of the docs tagged `lang` (```toml …```).
pub fn doc_blocks(lang: &str) -> Vec<Vec<u8>> {
    let mut blocks = Vec::new();
    for doc in doc_files() {
        let text = fs::read_to_string(&doc).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            let fence = line.trim_start();
            match &mut current {
                None if fence.starts_with("```") && fence[3..].trim() == lang => current = Some(String::new()),
                Some(block) if fence.starts_with("```") => {
                    blocks.push(std::mem::take(block).into_bytes());
                    current = None;
                }
                Some(block) => {
                    block.push_str(line);
                    block.push('\n');
                }
                None => {}
            }
        }
    }
    blocks
}

fn doc_files() -> Vec<std::path::PathBuf> {
    let root = repository();
    let mut docs: Vec<_> = fs::read_dir(root.join("docs"))
        .unwrap()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    docs.extend(
        ["README.md", "ARCHITECTURE.md", "overlays/README.md", "tests/fixtures/README.md"].map(|f| root.join(f)),
    );
    docs.retain(|path| path.exists());
    docs
}

/// One route of `docs/api.md` that takes a body, and the bodies its examples send.
pub struct DocRoute {
    pub method: String,
    pub path: String,
    pub examples: Vec<Vec<u8>>,
}

/// Every `POST`, `PUT` and `PATCH` route of `docs/api.md` with its `-d '…'` example bodies: the
/// route table the docs test holds to the code, so a route added there is fuzzed too.
pub fn api_routes() -> Vec<DocRoute> {
    let text = fs::read_to_string(repository().join("docs/api.md")).unwrap();
    let mut routes: Vec<DocRoute> = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("\n### `") {
        rest = &rest[at + 6..];
        let heading = &rest[..rest.find('`').unwrap_or(0)];
        let section = &rest[..rest.find("\n### ").or_else(|| rest.find("\n## ")).unwrap_or(rest.len())];
        let Some((method, path)) = heading.split_once(' ') else { continue };
        if !["POST", "PUT", "PATCH"].contains(&method) {
            continue;
        }
        let mut examples = Vec::new();
        let mut body_rest = section;
        while let Some(start) = body_rest.find(" -d '") {
            body_rest = &body_rest[start + 5..];
            let end = body_rest.find('\'').unwrap_or(body_rest.len());
            examples.push(body_rest.as_bytes()[..end].to_vec());
            body_rest = &body_rest[end..];
        }
        routes.push(DocRoute { method: method.into(), path: path.into(), examples });
    }
    assert!(
        routes.len() >= 10,
        "docs/api.md: found only {} routes with a body; did its headings change?",
        routes.len()
    );
    routes
}

/// Text lines of a fixture, in pieces of about `lines` lines: comments and scripts to scan.
pub fn text_chunks(file: &str, lines: usize, max_chunks: usize) -> Vec<Vec<u8>> {
    let text = fs::read_to_string(repository().join(file)).unwrap();
    let all: Vec<&str> = text.lines().collect();
    all.chunks(lines).take(max_chunks).map(|chunk| chunk.join("\n").into_bytes()).collect()
}
