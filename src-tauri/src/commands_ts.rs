//! The window's side of every command, generated from the Rust signatures.
//!
//! `cargo test` reads each `#[tauri::command]` in this crate's modules (with `syn`), keeps the
//! arguments the window sends (not `State`, which Tauri injects), maps each Rust type to the
//! TypeScript type ts-rs generates for it, and writes `ui/src/lib/bindings/commands.ts`: one typed
//! function per command registered in `main.rs`. A command's signature is written once, in Rust;
//! CI fails when the committed file differs from what the signatures give (like the ts-rs types).
//!
//! Hand-written rather than tauri-specta because Pandu's shared types already come from ts-rs:
//! specta would generate a second copy of each of them.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use syn::{FnArg, GenericArgument, Item, PathArguments, ReturnType, Type};

/// The modules whose commands the window calls, as `generate_handler!` names them.
const MODULES: [&str; 11] =
    ["shell", "feed", "source", "moderation", "clock", "host", "frame", "feedback", "answers", "agency", "settings"];

/// A Rust type as the window sees it, and the generated types it names.
fn typescript(ty: &Type, imports: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Reference(reference) => typescript(&reference.elem, imports),
        Type::Tuple(tuple) if tuple.elems.is_empty() => "void".into(),
        Type::Path(path) => {
            let segment = path.path.segments.last().expect("a type path has a segment");
            let inner: Vec<&Type> = match &segment.arguments {
                PathArguments::AngleBracketed(arguments) => arguments
                    .args
                    .iter()
                    .filter_map(|argument| match argument {
                        GenericArgument::Type(ty) => Some(ty),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let name = segment.ident.to_string();
            match (name.as_str(), inner.as_slice()) {
                ("String" | "str", []) => "string".into(),
                ("bool", []) => "boolean".into(),
                ("u8" | "i32" | "i64" | "u16" | "u32" | "u64" | "usize" | "f64", []) => "number".into(),
                ("Option", [inner]) => format!("{} | null", typescript(inner, imports)),
                ("Vec", [inner]) => match typescript(inner, imports) {
                    union if union.contains(' ') => format!("({union})[]"),
                    element => format!("{element}[]"),
                },
                // A command's error is always an `AppError`: the promise rejects with it.
                ("Result", [ok, _]) => typescript(ok, imports),
                ("Arc", [inner]) => typescript(inner, imports),
                ("Channel", [inner]) => format!("Channel<{}>", typescript(inner, imports)),
                (named, []) => {
                    imports.insert(named.to_string());
                    named.to_string()
                }
                _ => panic!("commands_ts: no TypeScript for {}", quote_type(ty)),
            }
        }
        _ => panic!("commands_ts: no TypeScript for {}", quote_type(ty)),
    }
}

fn quote_type(ty: &Type) -> String {
    quote::ToTokens::to_token_stream(ty).to_string()
}

/// `State<'_, T>` and the app handle are Tauri's to inject, not the window's to send.
fn is_injected(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "State" || s.ident == "AppHandle"))
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

fn doc_comment(attributes: &[syn::Attribute]) -> Vec<String> {
    attributes
        .iter()
        .filter_map(|attribute| match &attribute.meta {
            syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) => Some(text.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The commands `main.rs` registers, in order, as `module::name`.
fn registered(source_dir: &Path) -> Vec<(String, String)> {
    let main = std::fs::read_to_string(source_dir.join("main.rs")).unwrap();
    let list = main.split("generate_handler![").nth(1).and_then(|rest| rest.split(']').next()).unwrap();
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let (module, name) = entry.split_once("::").expect("commands are registered as module::name");
            (module.to_string(), name.to_string())
        })
        .collect()
}

fn generate(source_dir: &Path) -> String {
    let mut imports = BTreeSet::new();
    let mut functions = String::new();
    let registered = registered(source_dir);
    for module in MODULES {
        let file = syn::parse_file(&std::fs::read_to_string(source_dir.join(format!("{module}.rs"))).unwrap()).unwrap();
        for item in file.items {
            let Item::Fn(function) = item else { continue };
            if !function.attrs.iter().any(|a| a.path().segments.iter().any(|s| s.ident == "command")) {
                continue;
            }
            let name = function.sig.ident.to_string();
            assert!(
                registered.iter().any(|(m, n)| m == module && *n == name),
                "{module}::{name} is a command but main.rs does not register it"
            );
            let mut parameters = Vec::new();
            let mut keys = Vec::new();
            for argument in &function.sig.inputs {
                let FnArg::Typed(argument) = argument else { continue };
                if is_injected(&argument.ty) {
                    continue;
                }
                let syn::Pat::Ident(ident) = &*argument.pat else { panic!("{name}: a pattern argument") };
                let key = camel_case(&ident.ident.to_string());
                parameters.push(format!("{key}: {}", typescript(&argument.ty, &mut imports)));
                keys.push(key);
            }
            let resolves = match &function.sig.output {
                ReturnType::Default => "void".to_string(),
                ReturnType::Type(_, ty) => typescript(ty, &mut imports),
            };
            let docs = doc_comment(&function.attrs);
            if !docs.is_empty() {
                writeln!(functions, "/**").unwrap();
                for line in docs {
                    writeln!(functions, " * {line}").unwrap();
                }
                writeln!(functions, " */").unwrap();
            }
            let arguments = if keys.is_empty() { String::new() } else { format!(", {{ {} }}", keys.join(", ")) };
            writeln!(
                functions,
                "export function {}({}): Promise<{resolves}> {{\n  return invoke<{resolves}>(\"{name}\"{arguments});\n}}\n",
                camel_case(&name),
                parameters.join(", ")
            )
            .unwrap();
        }
    }
    let mut out = String::from(
        "// Generated by `cargo test -p pandu-desktop` (src-tauri/src/commands_ts.rs) from the\n\
         // #[tauri::command] signatures; do not edit. Every command rejects with an `AppError`.\n\n",
    );
    let uses_channel = functions.contains("Channel<");
    writeln!(out, "import {{ {}invoke }} from \"@tauri-apps/api/core\";", if uses_channel { "Channel, " } else { "" })
        .unwrap();
    for name in &imports {
        writeln!(out, "import type {{ {name} }} from \"./{name}\";").unwrap();
    }
    out.push('\n');
    out.push_str(functions.trim_end());
    out.push('\n');
    out
}

#[test]
fn the_windows_commands_are_generated_from_their_rust_signatures() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = generate(&crate_dir.join("src"));
    for (module, name) in registered(&crate_dir.join("src")) {
        assert!(generated.contains(&format!("\"{name}\"")), "{module}::{name} is registered but was not generated");
    }
    std::fs::write(crate_dir.join("../ui/src/lib/bindings/commands.ts"), generated).unwrap();
}

#[test]
fn rust_types_map_to_the_types_the_window_sees() {
    let mut imports = BTreeSet::new();
    let map = |ty: &str, imports: &mut BTreeSet<String>| typescript(&syn::parse_str(ty).unwrap(), imports);
    assert_eq!(map("Result<Vec<Flag>, AppError>", &mut imports), "Flag[]");
    assert_eq!(map("Option<String>", &mut imports), "string | null");
    assert_eq!(map("Vec<Option<u32>>", &mut imports), "(number | null)[]");
    assert_eq!(map("Channel<Arc<Outbound>>", &mut imports), "Channel<Outbound>");
    assert_eq!(map("Result<(), AppError>", &mut imports), "void");
    assert_eq!(imports.into_iter().collect::<Vec<_>>(), ["Flag", "Outbound"]);
    assert!(is_injected(&syn::parse_str("State<'_, Shell>").unwrap()));
    assert_eq!(camel_case("unique_id"), "uniqueId");
}
