//! Writing an edited template back into its `template.toml` without losing what the designer
//! wrote by hand.
//!
//! The editor works on the parsed model ([`TemplateFile`]); saving it by serializing the model
//! would spell out every default and drop every comment. Instead the change is *merged* into the
//! file's own text with `toml_edit`: only the keys whose values changed are written, keys that
//! were left out stay left out, and comments and layout stay where they were. Each edited layer
//! says which layer of the file it came from (`origins`), so a reordered, duplicated or deleted
//! layer takes its table, comments included, with it; a new layer is written out in full.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::model::TemplateFile;

/// Why an edit cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the file is not TOML any more: {0}")]
    Original(#[from] toml_edit::TomlError),
    #[error("layer {index}: it comes from layer {origin}, but the file has {count} layers")]
    Origin { index: usize, origin: usize, count: usize },
    #[error("the edited template cannot be written as TOML: {0}")]
    Serialize(String),
}

/// `original` (a template.toml's text, parsed as `before`) with `after` merged in; `origins[i]` is
/// the index in `before` that `after`'s layer `i` was edited from, `None` for a new layer.
pub fn merge(
    original: &str,
    before: &TemplateFile,
    after: &TemplateFile,
    origins: &[Option<usize>],
) -> Result<String, EditError> {
    let mut document: DocumentMut = original.parse()?;
    let before_tables = as_document(before)?;
    let after_tables = as_document(after)?;

    for section in ["template", "fields"] {
        let new = after_tables.get(section).and_then(Item::as_table);
        let old = before_tables.get(section).and_then(Item::as_table);
        match (new, document.get_mut(section).and_then(Item::as_table_mut)) {
            (Some(new), Some(table)) => apply(table, old, new),
            (Some(new), None) if !new.is_empty() => {
                document.insert(section, Item::Table(new.clone()));
            }
            _ => {}
        }
    }

    let old_layers: Vec<Table> = document
        .get("layer")
        .and_then(Item::as_array_of_tables)
        .map(|layers| layers.iter().cloned().collect())
        .unwrap_or_default();
    let before_layers = layer_tables(&before_tables);
    let after_layers = layer_tables(&after_tables);
    // Tables are written in the order of their position in the document, which a moved layer
    // carries with it: number them anew, after every other table.
    let after_others =
        document.as_table().iter().filter_map(|(_, item)| item.as_table()?.position()).max().unwrap_or(0);
    let mut position = after_others;
    let mut layers = ArrayOfTables::new();
    for (index, new) in after_layers.iter().enumerate() {
        let table = match origins.get(index).copied().flatten() {
            Some(origin) => {
                let (Some(table), Some(old)) = (old_layers.get(origin), before_layers.get(origin)) else {
                    return Err(EditError::Origin { index, origin, count: old_layers.len() });
                };
                let mut table = table.clone();
                apply(&mut table, Some(old), new);
                table
            }
            None => new.clone(),
        };
        let mut table = table;
        renumber(&mut table, &mut position);
        layers.push(table);
    }
    if layers.is_empty() {
        document.remove("layer");
    } else {
        document.insert("layer", Item::ArrayOfTables(layers));
    }
    Ok(document.to_string())
}

/// Numbers `table` and then its sub-tables (a `[layer.style]`) from `position` on, so each is
/// written under its own layer.
fn renumber(table: &mut Table, position: &mut isize) {
    *position += 1;
    table.set_position(Some(*position));
    for (_, item) in table.iter_mut() {
        if let Item::Table(child) = item {
            renumber(child, position);
        }
    }
}

/// Sets in `table` each key whose value differs between `old` and `new`, and removes the keys
/// `new` no longer has.
fn apply(table: &mut Table, old: Option<&Table>, new: &Table) {
    for (key, value) in new.iter() {
        let unchanged = old.and_then(|old| old.get(key)).is_some_and(|was| same(was, value));
        if !unchanged {
            let mut value = value.clone();
            // A changed value keeps the spacing and the comment after it.
            if let (Some(was), Some(new)) = (table.get(key).and_then(Item::as_value), value.as_value_mut()) {
                *new.decor_mut() = was.decor().clone();
            }
            table.insert(key, value);
        }
    }
    let gone: Vec<String> = table.iter().map(|(key, _)| key.to_string()).filter(|key| !new.contains_key(key)).collect();
    for key in gone {
        table.remove(&key);
    }
}

/// Whether two items hold the same value, whatever their formatting.
fn same(a: &Item, b: &Item) -> bool {
    a.to_string().trim() == b.to_string().trim()
        || match (a, b) {
            (Item::Value(a), Item::Value(b)) => a.to_string().trim() == b.to_string().trim(),
            _ => false,
        }
}

/// The model as a TOML document, every value spelled out.
fn as_document(file: &TemplateFile) -> Result<DocumentMut, EditError> {
    let text = toml::to_string(file).map_err(|error| EditError::Serialize(error.to_string()))?;
    text.parse::<DocumentMut>().map_err(|error| EditError::Serialize(error.to_string()))
}

fn layer_tables(document: &DocumentMut) -> Vec<Table> {
    document
        .get("layer")
        .and_then(Item::as_array_of_tables)
        .map(|layers| layers.iter().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = r##"# A frame for tests.
[template]
name = "Uji"   # the display name

[fields]
promo = "Diskon"

# The band at the top.
[[layer]]
kind = "rect"
name = "Pita"
x = 0
y = 300
w = 1080
h = 120
fill = "#1F3B2D"

# The promo line.
[[layer]]
kind = "text"
name = "Promo"
text = "{promo}"
x = 60
y = 320
w = 700
h = 80
size = 40
"##;

    fn parsed(text: &str) -> TemplateFile {
        crate::Template::parse(text, std::path::Path::new("/nowhere")).unwrap().file
    }

    #[test]
    fn a_moved_layer_changes_only_its_keys_and_keeps_every_comment() {
        let before = parsed(ORIGINAL);
        let mut after = before.clone();
        if let crate::Layer::Text(text) = &mut after.layers[1] {
            text.x = 90;
        }
        let merged = merge(ORIGINAL, &before, &after, &[Some(0), Some(1)]).unwrap();
        assert_eq!(merged, ORIGINAL.replace("x = 60", "x = 90"), "one key changed, nothing else");
        assert_eq!(parsed(&merged), after);
    }

    #[test]
    fn reordered_duplicated_deleted_and_new_layers_take_their_comments_with_them() {
        let before = parsed(ORIGINAL);
        let mut after = before.clone();
        after.layers.swap(0, 1);
        after.layers.push(before.layers[0].clone());
        after.template.name = "Uji 2".into();
        let merged = merge(ORIGINAL, &before, &after, &[Some(1), Some(0), None]).unwrap();
        assert_eq!(merge(&merged, &after, &after, &[Some(0), Some(1), Some(2)]).unwrap(), merged, "no change, no edit");
        assert_eq!(parsed(&merged), after);
        assert!(merged.find("# The promo line.").unwrap() < merged.find("# The band at the top.").unwrap(), "{merged}");
        assert!(merged.contains("name = \"Uji 2\"   # the display name"), "{merged}");

        let mut fewer = before.clone();
        fewer.layers.remove(0);
        let merged = merge(ORIGINAL, &before, &fewer, &[Some(1)]).unwrap();
        assert!(!merged.contains("Pita") && merged.contains("# The promo line."), "{merged}");
        assert_eq!(parsed(&merged), fewer);
    }

    #[test]
    fn an_origin_past_the_end_is_refused() {
        let before = parsed(ORIGINAL);
        let error = merge(ORIGINAL, &before, &before, &[Some(0), Some(5)]).unwrap_err();
        assert!(matches!(error, EditError::Origin { index: 1, origin: 5, count: 2 }), "{error}");
    }
}
