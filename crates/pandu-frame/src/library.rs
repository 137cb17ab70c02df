//! The template library of a running Pandu: the templates folder a designer edits, kept in step
//! with what is on disk.
//!
//! - **Starters are copied once.** The templates Pandu ships (`overlays/<id>/` at the workspace
//!   root, embedded) are copied into the folder when missing, never over a designer's edits; one
//!   a designer deleted stays deleted (`.starters` lists those copied).
//! - **A cache that follows the files.** A template is re-read when its `template.toml`'s
//!   modification time changes; until then the parsed, checked template is shared.
//! - **The last good frame stays on air.** A template refused on re-reading keeps the last good
//!   load and the last good PNG of it, and the reason comes back with them ([`OnAir`]).
//! - **The editor's side**: open a template's text and model, preview an edit, save it into the
//!   file keeping the designer's comments ([`crate::edit`]), copy, rename, delete, add an image.
//!
//! What is on air, which fields the live fills and telling the front ends belong to the app; the
//! library only answers for the folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    Fields, FrameError, RenderOptions, Renderer, SafeZones, TEMPLATE_FILE, Template, TemplateFile, TemplateSummary,
    Warning,
};

/// The starter templates, embedded from `overlays/` at the workspace root.
#[derive(rust_embed::RustEmbed)]
#[folder = "../../overlays/"]
#[exclude = "fonts/*"]
#[exclude = "*.md"]
struct Starters;

/// Lists the starters already copied in, so one a designer deleted stays deleted.
const INSTALLED: &str = ".starters";

/// A template in the list: its summary, or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameTemplateEntry {
    pub id: String,
    pub summary: Option<TemplateSummary>,
    pub error: Option<String>,
}

/// A template as the editor opens it: its file's text and the model parsed from it, with the
/// safe zones in force, which the editor draws as guides.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameDocument {
    pub id: String,
    pub text: String,
    pub file: TemplateFile,
    pub safe_zones: SafeZones,
}

/// An edit as the editor sends it: the model, and for each layer the index of the file's layer
/// it was edited from (`null` for a new one), so comments travel with moved layers.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct FrameEdit {
    pub file: TemplateFile,
    pub origins: Vec<Option<u32>>,
}

/// What the editor shows of an edit: the renderer's output (widget slots drawn as labelled
/// boxes), as a `data:` URL, and the safe-zone warnings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FramePreview {
    pub png: String,
    pub warnings: Vec<Warning>,
    /// The safe zones the warnings were found by: the editor's guides follow them.
    pub safe_zones: SafeZones,
}

/// What the library could not do, by kind, so the app can say which (and answer 404 or 400).
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// No template of that id in the folder; the message names it and the folder.
    #[error("{0}")]
    NotFound(String),
    /// A value is wrong (a new id, an image's name or content); the message names the field.
    #[error("{0}")]
    Invalid(String),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// The template is refused, or cannot be rendered with these fields.
    #[error(transparent)]
    Frame(#[from] FrameError),
}

/// A template's PNG as it can be put on air now.
#[derive(Debug)]
pub enum OnAir {
    /// Rendered now.
    Fresh(Arc<Vec<u8>>),
    /// The template cannot be rendered now (`problem`); its last good PNG stays on air.
    LastGood { png: Arc<Vec<u8>>, problem: LibraryError },
    /// It cannot be rendered and never was.
    Nothing(LibraryError),
}

/// A template as last loaded, with its file's modification time then.
type Loaded = (Arc<Template>, Option<SystemTime>);

/// The templates folder of a running Pandu, with one renderer and what is known good.
pub struct Library {
    dir: PathBuf,
    renderer: Mutex<Renderer>,
    /// The last good load of each template, with its file's modification time.
    good: Mutex<HashMap<String, Loaded>>,
    /// The last good PNG of each template, kept on air when a newer render fails.
    pngs: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LibraryError + '_ {
    move |source| LibraryError::Io { path: path.to_path_buf(), source }
}

impl Library {
    /// The templates in `dir`, with any missing starter copied in (a failure to copy is logged:
    /// the designer's own templates still work).
    pub fn open(dir: PathBuf) -> Library {
        if let Err(error) = install_starters(&dir) {
            tracing::warn!("{}: the starter templates could not be copied: {error}", dir.display());
        }
        Library {
            dir,
            renderer: Mutex::new(Renderer::new()),
            good: Mutex::new(HashMap::new()),
            pngs: Mutex::new(HashMap::new()),
        }
    }

    /// `error` as said to anyone who can reach the overlay pages, which need no token: the
    /// template's files by their names inside the folder, never the folder itself, whose path
    /// holds the user's name. The log keeps the whole message.
    pub fn without_folder(&self, error: &dyn std::fmt::Display) -> String {
        let dir = self.dir.display().to_string();
        error
            .to_string()
            .replace(&format!(" in {dir}"), "")
            .replace(&format!("{dir}{}", std::path::MAIN_SEPARATOR), "")
            .replace(&dir, "the templates folder")
    }

    /// Whether `id` names a template in the folder.
    pub fn contains(&self, id: &str) -> bool {
        self.folder(id).is_ok()
    }

    /// The template `id`, re-read if its file changed. A template that is missing or refused is
    /// a [`FrameError`] naming its `template.toml`.
    pub fn template(&self, id: &str) -> Result<Arc<Template>, FrameError> {
        let folder = self
            .folder(id)
            .map_err(|error| FrameError::new(&self.dir.join(id).display().to_string(), error.to_string()))?;
        let modified = std::fs::metadata(folder.join(TEMPLATE_FILE)).and_then(|m| m.modified()).ok();
        let mut good = self.good.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((template, at)) = good.get(id)
            && *at == modified
        {
            return Ok(Arc::clone(template));
        }
        let template = Arc::new(Template::load(&folder)?);
        good.insert(id.to_string(), (Arc::clone(&template), modified));
        Ok(template)
    }

    /// The template `id` as on air: the file now, else the last good load of it.
    pub fn on_air(&self, id: &str) -> Result<Arc<Template>, FrameError> {
        self.template(id).or_else(|error| {
            let good = self.good.lock().unwrap_or_else(|p| p.into_inner());
            good.get(id).map(|(template, _)| Arc::clone(template)).ok_or(error)
        })
    }

    /// Every template in the folder, by id, with why one cannot be used.
    pub fn list(&self) -> Vec<FrameTemplateEntry> {
        let mut ids: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.path().join(TEMPLATE_FILE).is_file())
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        ids.sort();
        ids.into_iter()
            .map(|id| match self.template(&id) {
                Ok(template) => FrameTemplateEntry { id, summary: Some(template.summary()), error: None },
                Err(error) => FrameTemplateEntry { id, summary: None, error: Some(error.to_string()) },
            })
            .collect()
    }

    /// Template `id` rendered with `fields`, kept as its last good PNG; when it cannot be
    /// rendered now, the last good one stays on air.
    pub fn png(&self, id: &str, fields: &Fields, options: &RenderOptions) -> OnAir {
        let rendered = self.template(id).and_then(|template| {
            self.renderer.lock().unwrap_or_else(|p| p.into_inner()).render(&template, fields, options)
        });
        let mut pngs = self.pngs.lock().unwrap_or_else(|p| p.into_inner());
        match rendered {
            Ok(rendered) => {
                let png = Arc::new(rendered.png);
                pngs.insert(id.to_string(), Arc::clone(&png));
                OnAir::Fresh(png)
            }
            Err(error) => match pngs.get(id) {
                Some(png) => OnAir::LastGood { png: Arc::clone(png), problem: error.into() },
                None => OnAir::Nothing(error.into()),
            },
        }
    }

    // The editor.

    /// Template `id` for the editor, with the zones in force.
    pub fn document(&self, id: &str, safe_zones: SafeZones) -> Result<FrameDocument, LibraryError> {
        let template = self.template(id)?;
        let text = std::fs::read_to_string(template.dir.join(TEMPLATE_FILE))
            .map_err(|source| LibraryError::Io { path: template.path.clone().into(), source })?;
        Ok(FrameDocument { id: id.to_string(), text, file: template.file.clone(), safe_zones })
    }

    /// `edit` merged into template `id`'s file text and checked (not saved).
    fn merged(&self, id: &str, edit: &FrameEdit) -> Result<(Template, String), LibraryError> {
        let folder = self.folder(id)?;
        let file = folder.join(TEMPLATE_FILE);
        let original = std::fs::read_to_string(&file).map_err(io(&file))?;
        let before = Template::parse(&original, &folder)?.file;
        let origins: Vec<Option<usize>> = edit.origins.iter().map(|origin| origin.map(|i| i as usize)).collect();
        let text = crate::edit::merge(&original, &before, &edit.file, &origins)
            .map_err(|error| FrameError::new(&file.display().to_string(), error.to_string()))?;
        let template = Template::parse(&text, &folder)?;
        Ok((template, text))
    }

    /// The preview of `edit` to template `id` with `fields`: what the stream would show, with the
    /// widget slots drawn as boxes when `options.preview` (the designer's view; without them, the
    /// PNG to export).
    pub fn preview(
        &self,
        id: &str,
        edit: &FrameEdit,
        fields: &Fields,
        options: &RenderOptions,
    ) -> Result<FramePreview, LibraryError> {
        let (template, _) = self.merged(id, edit)?;
        let rendered = self.renderer.lock().unwrap_or_else(|p| p.into_inner()).render(&template, fields, options)?;
        let png = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&rendered.png));
        Ok(FramePreview { png, warnings: rendered.warnings, safe_zones: options.safe_zones })
    }

    /// Saves `edit` into template `id`'s `template.toml` (comments and layout kept), after
    /// checking it: a refused edit changes nothing.
    pub fn save(&self, id: &str, edit: &FrameEdit, safe_zones: SafeZones) -> Result<FrameDocument, LibraryError> {
        let (template, text) = self.merged(id, edit)?;
        let file = template.dir.join(TEMPLATE_FILE);
        let partial = file.with_extension("toml.partial");
        std::fs::write(&partial, &text).and_then(|()| std::fs::rename(&partial, &file)).map_err(io(&file))?;
        Ok(FrameDocument { id: id.to_string(), text, file: template.file, safe_zones })
    }

    /// A new template `id`, a copy of template `from` (a starter or any other).
    pub fn copy(&self, from: &str, id: &str) -> Result<FrameTemplateEntry, LibraryError> {
        let source = self.folder(from)?;
        let target = self.new_folder(id)?;
        copy_folder(&source, &target).map_err(io(&target))?;
        let summary = self.template(id)?.summary();
        Ok(FrameTemplateEntry { id: id.to_string(), summary: Some(summary), error: None })
    }

    /// Renames template `from` to `id`.
    pub fn rename(&self, from: &str, id: &str) -> Result<(), LibraryError> {
        let source = self.folder(from)?;
        let target = self.new_folder(id)?;
        std::fs::rename(&source, &target).map_err(io(&target))?;
        self.good.lock().unwrap_or_else(|p| p.into_inner()).remove(from);
        Ok(())
    }

    /// Deletes template `id` (the app refuses the one on air first).
    pub fn delete(&self, id: &str) -> Result<(), LibraryError> {
        let folder = self.folder(id)?;
        std::fs::remove_dir_all(&folder).map_err(io(&folder))?;
        self.good.lock().unwrap_or_else(|p| p.into_inner()).remove(id);
        Ok(())
    }

    /// Copies an image into template `id`'s folder as `name` (a PNG or JPEG that decodes); the
    /// name a layer's `file` then takes.
    pub fn add_image(&self, id: &str, name: &str, bytes: &[u8]) -> Result<String, LibraryError> {
        let folder = self.folder(id)?;
        let file_name = Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && n != TEMPLATE_FILE)
            .ok_or_else(|| LibraryError::Invalid(format!("name: '{name}' is not a file name")))?;
        image::load_from_memory(bytes)
            .map_err(|error| LibraryError::Invalid(format!("{file_name}: not an image Pandu can draw ({error})")))?;
        let target = folder.join(&file_name);
        std::fs::write(&target, bytes).map_err(io(&target))?;
        Ok(file_name)
    }

    /// `dir/id`, for an id that names a template folder inside the folder (no separators, no
    /// `..`).
    fn folder(&self, id: &str) -> Result<PathBuf, LibraryError> {
        let valid = !id.is_empty()
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && self.dir.join(id).join(TEMPLATE_FILE).is_file();
        valid
            .then(|| self.dir.join(id))
            .ok_or_else(|| LibraryError::NotFound(format!("no template '{id}' in {}", self.dir.display())))
    }

    /// `dir/id` for a new template: a valid id not yet taken.
    fn new_folder(&self, id: &str) -> Result<PathBuf, LibraryError> {
        let valid =
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            return Err(LibraryError::Invalid(format!("id: '{id}' must be lowercase letters, digits, - or _")));
        }
        let folder = self.dir.join(id);
        if folder.exists() {
            return Err(LibraryError::Invalid(format!("id: a template '{id}' already exists")));
        }
        Ok(folder)
    }
}

/// Copies each starter not copied before into `dir`; a folder of that name (the designer's own)
/// is never written into.
fn install_starters(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let record = dir.join(INSTALLED);
    let installed = std::fs::read_to_string(&record).unwrap_or_default();
    let files: Vec<_> = Starters::iter().collect();
    let starters: std::collections::BTreeSet<&str> =
        files.iter().filter_map(|file| file.split_once('/').map(|(starter, _)| starter)).collect();
    let mut copied = Vec::new();
    for starter in starters {
        if installed.lines().any(|line| line == starter) || dir.join(starter).exists() {
            continue;
        }
        for file in files.iter().filter(|file| file.starts_with(&format!("{starter}/"))) {
            let target = dir.join(file.as_ref());
            std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
            let content = Starters::get(file).ok_or_else(|| {
                std::io::Error::other(format!("the starter file {file} is listed but cannot be read"))
            })?;
            std::fs::write(&target, content.data)?;
        }
        copied.push(starter);
    }
    if !copied.is_empty() {
        std::fs::write(&record, format!("{installed}{}\n", copied.join("\n")))?;
    }
    Ok(())
}

/// Copies the files of `from` into a new folder `to` (templates are flat folders).
fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
