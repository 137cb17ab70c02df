//! The app's frame capability: the templates in the user's folder, the one on air, its PNG with
//! the live fields, and what the frame overlay page needs to place its widgets.
//!
//! - **Templates live with the settings** (`templates/<id>/` in the config folder), where a
//!   designer edits them. The starters Pandu ships are copied there when missing, never over a
//!   designer's edits.
//! - **The previous good frame stays on air.** A template is re-read when its `template.toml`
//!   changes on disk; one that is now refused (or a field nothing sets) leaves the last good PNG
//!   on air, and the reason is published as the frame's `problem`.
//! - **One version number** counts every change that shows (another template, a saved edit, a
//!   new product or price from the run sheet). Overlay pages reload the PNG when it moves.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, blocking};
use crate::config;
use crate::frame::{
    Fields, FrameError, Layer, RenderOptions, Renderer, SlotLayer, TEMPLATE_FILE, Template, TemplateFile,
    TemplateSummary,
};
use crate::outbound::Outbound;

/// The starter templates, embedded from `overlays/`.
#[derive(rust_embed::RustEmbed)]
#[folder = "overlays/"]
#[exclude = "pages/*"]
#[exclude = "fonts/*"]
#[exclude = "*.md"]
struct Starters;

/// The templates folder's name, in the config folder.
const TEMPLATES: &str = "templates";

/// A live widget's box on the frame, for the overlay page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameWidget {
    /// `countdown`, `product_card` or `pinned_comment`.
    pub kind: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub slot: SlotLayer,
}

/// The frame on air, as overlay pages and the window show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameView {
    /// The template's id (its folder's name).
    pub template: String,
    pub name: String,
    /// Moves with every change that shows; `/overlay/frame.png?v=VERSION` is the PNG for it.
    #[ts(type = "number")]
    pub version: u64,
    pub width: u32,
    pub height: u32,
    pub widgets: Vec<FrameWidget>,
    /// Why the frame on air is an older one (the template is refused now), in plain words.
    pub problem: Option<String>,
}

/// A template in the list: its summary, or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameTemplateEntry {
    pub id: String,
    pub summary: Option<TemplateSummary>,
    pub error: Option<String>,
}

/// A template as the editor opens it: its file's text and the model parsed from it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FrameDocument {
    pub id: String,
    pub text: String,
    pub file: TemplateFile,
}

/// An edit as the editor sends it: the model, and for each layer the index of the file's layer
/// it was edited from (`null` for a new one), so comments travel with moved layers.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, TS)]
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
    pub warnings: Vec<crate::frame::Warning>,
}

/// A template as last loaded, with its file's modification time then.
type Loaded = (Arc<Template>, Option<SystemTime>);

/// The frames of a running Pandu.
pub(super) struct Frames {
    dir: PathBuf,
    renderer: Mutex<Renderer>,
    /// The last good load of each template, with its file's modification time.
    good: Mutex<HashMap<String, Loaded>>,
    /// The last good PNG of each template, kept on air when a newer render fails.
    pngs: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    problem: Mutex<Option<String>>,
    version: AtomicU64,
}

impl Frames {
    /// The frames in `config_dir/templates`, with any missing starter copied in.
    pub(super) fn open(config_dir: &Path) -> Frames {
        let dir = config_dir.join(TEMPLATES);
        if let Err(error) = install_starters(&dir) {
            tracing::warn!("{}: the starter templates could not be copied: {error}", dir.display());
        }
        Frames {
            dir,
            renderer: Mutex::new(Renderer::new()),
            good: Mutex::new(HashMap::new()),
            pngs: Mutex::new(HashMap::new()),
            problem: Mutex::new(None),
            version: AtomicU64::new(1),
        }
    }

    /// The template `id`, re-read if its file changed; a refused re-read keeps the last good one
    /// and says why in the error.
    fn template(&self, id: &str) -> Result<Arc<Template>, FrameError> {
        let folder = template_folder(&self.dir, id)
            .map_err(|message| FrameError::new(&self.dir.join(id).display().to_string(), message))?;
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
    fn on_air(&self, id: &str) -> Result<Arc<Template>, FrameError> {
        self.template(id).or_else(|error| {
            let good = self.good.lock().unwrap_or_else(|p| p.into_inner());
            good.get(id).map(|(template, _)| Arc::clone(template)).ok_or(error)
        })
    }
}

/// `dir/id`, for an id that names a folder inside `dir` (no separators, no `..`).
fn template_folder(dir: &Path, id: &str) -> Result<PathBuf, String> {
    let valid = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && dir.join(id).join(TEMPLATE_FILE).is_file();
    valid.then(|| dir.join(id)).ok_or_else(|| format!("no template '{id}' in {}", dir.display()))
}

/// Lists the starters already copied in, so one a designer deleted stays deleted.
const INSTALLED: &str = ".starters";

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

fn frame_error(error: FrameError) -> AppError {
    AppError::new(ErrorCode::Frame, error)
}

impl App {
    /// Every template in the folder, with why one cannot be used.
    pub async fn frame_templates(self: &Arc<Self>) -> Vec<FrameTemplateEntry> {
        let app = Arc::clone(self);
        blocking(move || {
            let mut ids: Vec<String> = std::fs::read_dir(&app.frames.dir)
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
                .map(|id| match app.frames.template(&id) {
                    Ok(template) => FrameTemplateEntry { id, summary: Some(template.summary()), error: None },
                    Err(error) => FrameTemplateEntry { id, summary: None, error: Some(error.to_string()) },
                })
                .collect()
        })
        .await
    }

    /// The template on air: the one the run sheet's current slot names, else the settings' one.
    pub fn active_frame(&self) -> String {
        let run_sheet = self.clock.state().run_sheet;
        run_sheet
            .slot
            .and_then(|index| run_sheet.slots.get(index as usize)?.template.clone())
            .filter(|id| template_folder(&self.frames.dir, id).is_ok())
            .unwrap_or_else(|| self.settings().frame.template)
    }

    /// Puts template `id` on air (and in the settings, for the next start; a run-sheet slot that
    /// names a template still wins while it is on). A template that cannot be used is refused and
    /// the one on air stays.
    pub async fn use_frame(self: &Arc<Self>, id: String) -> Result<FrameView, AppError> {
        let app = Arc::clone(self);
        let chosen = id.clone();
        blocking(move || app.frames.template(&chosen).map_err(frame_error)).await?;
        let mut settings = self.settings();
        settings.frame.template = id;
        let path = self.config_dir.join(config::SETTINGS_FILE);
        let to_save = settings.clone();
        blocking(move || to_save.save(&path)).await?;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        Ok(self.publish_frame())
    }

    /// What the overlay needs to show template `id` (the one on air by default).
    pub fn frame_view(&self, id: Option<&str>) -> Result<FrameView, AppError> {
        let id = id.map_or_else(|| self.active_frame(), str::to_string);
        let template = self.frames.on_air(&id).map_err(frame_error)?;
        let widgets = template
            .file
            .layers
            .iter()
            .filter_map(|layer| match layer {
                Layer::Countdown(slot) | Layer::ProductCard(slot) | Layer::PinnedComment(slot) => {
                    Some(FrameWidget { kind: layer.kind().into(), slot: slot.clone() })
                }
                _ => None,
            })
            .collect();
        Ok(FrameView {
            template: id,
            name: template.file.template.name.clone(),
            version: self.frames.version.load(Ordering::Relaxed),
            width: template.file.template.width,
            height: template.file.template.height,
            widgets,
            problem: self.frames.problem.lock().unwrap_or_else(|p| p.into_inner()).clone(),
        })
    }

    /// The fields the live fills: the run sheet's current slot, then the settings. The
    /// template's own `[fields]` fill the rest.
    pub fn frame_fields(&self) -> Fields {
        let settings = self.settings();
        let mut fields = Fields::new();
        let run_sheet = self.clock.state().run_sheet;
        if let Some(slot) = run_sheet.slot.and_then(|index| run_sheet.slots.get(index as usize)) {
            fields.set("product", slot.product.clone()).set("price", slot.price.clone());
            if let Some(remaining) = run_sheet.slot_remaining_ms {
                fields.set("slot_ends", slot_ends(self.clock_now() + remaining));
            }
        }
        for (name, value) in [("shop", &settings.frame.shop), ("official_account", &settings.frame.official_account)] {
            if !value.trim().is_empty() {
                fields.set(name, value.clone());
            }
        }
        fields
    }

    /// The PNG of template `id` (the one on air by default) with the live's fields. When it
    /// cannot be rendered now, the last good one stays on air and the problem is published.
    pub async fn frame_png(self: &Arc<Self>, id: Option<String>) -> Result<Arc<Vec<u8>>, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let id = id.unwrap_or_else(|| app.active_frame());
            let fields = app.frame_fields();
            let zones = app.settings().frame.safe_zones;
            let rendered = app.frames.template(&id).and_then(|template| {
                let mut renderer = app.frames.renderer.lock().unwrap_or_else(|p| p.into_inner());
                renderer.render(&template, &fields, &RenderOptions { safe_zones: zones, ..Default::default() })
            });
            let mut pngs = app.frames.pngs.lock().unwrap_or_else(|p| p.into_inner());
            match rendered {
                Ok(rendered) => {
                    app.set_frame_problem(None);
                    let png = Arc::new(rendered.png);
                    pngs.insert(id, Arc::clone(&png));
                    Ok(png)
                }
                Err(error) => {
                    tracing::error!("{error}");
                    app.set_frame_problem(Some(error.to_string()));
                    pngs.get(&id).cloned().ok_or_else(|| frame_error(error))
                }
            }
        })
        .await
    }

    fn set_frame_problem(&self, problem: Option<String>) {
        let mut current = self.frames.problem.lock().unwrap_or_else(|p| p.into_inner());
        if *current != problem {
            *current = problem;
            drop(current);
            self.publish_frame();
        }
    }

    /// Moves the version and tells every overlay the frame now.
    fn publish_frame(&self) -> FrameView {
        self.frames.version.fetch_add(1, Ordering::Relaxed);
        let view = self.frame_view(None).unwrap_or_else(|error| FrameView {
            template: self.active_frame(),
            name: String::new(),
            version: self.frames.version.load(Ordering::Relaxed),
            width: 1080,
            height: 1920,
            widgets: vec![],
            problem: Some(error.message),
        });
        self.outbox.publish(Outbound::Frame { frame: view.clone() });
        view
    }

    /// Follows the clock until `cancel`: a new product, price or slot end, or a slot that names
    /// another template, moves the frame.
    pub(super) async fn watch_frame_fields(self: Arc<Self>, cancel: CancellationToken) {
        let mut outbound = self.subscribe();
        let mut last = (self.active_frame(), self.frame_fields());
        loop {
            let message = tokio::select! {
                _ = cancel.cancelled() => return,
                message = outbound.recv() => message,
            };
            match message {
                Ok(message) if matches!(&*message, Outbound::Clock { .. }) => {}
                Ok(_) | Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return,
            }
            let now = (self.active_frame(), self.frame_fields());
            if now != last {
                last = now;
                self.publish_frame();
            }
        }
    }

    // The editor.

    /// Template `id` for the editor.
    pub async fn frame_document(self: &Arc<Self>, id: String) -> Result<FrameDocument, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let template = app.frames.template(&id).map_err(frame_error)?;
            let text = std::fs::read_to_string(template.dir.join(TEMPLATE_FILE))
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", template.path)))?;
            Ok(FrameDocument { id, text, file: template.file.clone() })
        })
        .await
    }

    /// `edit` merged into template `id`'s file text and checked (not saved).
    fn merged(&self, id: &str, edit: &FrameEdit) -> Result<(Template, String), AppError> {
        let folder = self.template_folder(id)?;
        let file = folder.join(TEMPLATE_FILE);
        let original = std::fs::read_to_string(&file)
            .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", file.display())))?;
        let before = Template::parse(&original, &folder).map_err(frame_error)?.file;
        let origins: Vec<Option<usize>> = edit.origins.iter().map(|origin| origin.map(|i| i as usize)).collect();
        let text = crate::frame::edit::merge(&original, &before, &edit.file, &origins)
            .map_err(|error| AppError::new(ErrorCode::Frame, format!("{}: {error}", file.display())))?;
        let template = Template::parse(&text, &folder).map_err(frame_error)?;
        Ok((template, text))
    }

    /// The editor's preview of `edit` to template `id`, with `fields` over the live's: what the
    /// stream would show, with the widget slots drawn as boxes when `slots` (the designer's view;
    /// without them, the PNG to export).
    pub async fn frame_preview(
        self: &Arc<Self>,
        id: String,
        edit: FrameEdit,
        fields: Fields,
        slots: bool,
    ) -> Result<FramePreview, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            use base64::Engine;
            let (template, _) = app.merged(&id, &edit)?;
            let mut all = fields;
            for (name, value) in app.frame_fields().0 {
                all.or_set(name, value);
            }
            let options =
                RenderOptions { preview: slots, safe_zones: app.settings().frame.safe_zones, ..Default::default() };
            let rendered =
                app.frames.renderer.lock().unwrap_or_else(|p| p.into_inner()).render(&template, &all, &options);
            let rendered = rendered.map_err(frame_error)?;
            let png =
                format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&rendered.png));
            Ok(FramePreview { png, warnings: rendered.warnings })
        })
        .await
    }

    /// Saves `edit` into template `id`'s `template.toml` (comments and layout kept), after
    /// checking it: a refused edit changes nothing. The frame on air follows at once.
    pub async fn save_frame(self: &Arc<Self>, id: String, edit: FrameEdit) -> Result<FrameDocument, AppError> {
        let app = Arc::clone(self);
        let saved = blocking(move || {
            let (template, text) = app.merged(&id, &edit)?;
            let file = template.dir.join(TEMPLATE_FILE);
            let partial = file.with_extension("toml.partial");
            std::fs::write(&partial, &text)
                .and_then(|()| std::fs::rename(&partial, &file))
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", file.display())))?;
            Ok::<_, AppError>(FrameDocument { id, text, file: template.file })
        })
        .await?;
        if saved.id == self.active_frame() {
            self.publish_frame();
        }
        Ok(saved)
    }

    /// A new template `id`, a copy of template `from` (a starter or any other).
    pub async fn copy_frame(self: &Arc<Self>, from: String, id: String) -> Result<FrameTemplateEntry, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let source = app.template_folder(&from)?;
            let target = app.new_template_folder(&id)?;
            copy_folder(&source, &target)
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", target.display())))?;
            let summary = app.frames.template(&id).map_err(frame_error)?.summary();
            Ok(FrameTemplateEntry { id, summary: Some(summary), error: None })
        })
        .await
    }

    /// Renames template `from` to `id` (the settings follow if it is on air).
    pub async fn rename_frame(self: &Arc<Self>, from: String, id: String) -> Result<(), AppError> {
        let app = Arc::clone(self);
        let (renamed, to) = (from.clone(), id.clone());
        blocking(move || {
            let source = app.template_folder(&renamed)?;
            let target = app.new_template_folder(&to)?;
            std::fs::rename(&source, &target)
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", target.display())))?;
            app.frames.good.lock().unwrap_or_else(|p| p.into_inner()).remove(&renamed);
            Ok::<_, AppError>(())
        })
        .await?;
        if self.active_frame() == from {
            self.use_frame(id).await?;
        }
        Ok(())
    }

    /// Deletes template `id`; the one on air cannot be deleted.
    pub async fn delete_frame(self: &Arc<Self>, id: String) -> Result<(), AppError> {
        if self.active_frame() == id {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!("'{id}' is on air: put another template on air first"),
            ));
        }
        let app = Arc::clone(self);
        blocking(move || {
            let folder = app.template_folder(&id)?;
            std::fs::remove_dir_all(&folder)
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", folder.display())))?;
            app.frames.good.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
            Ok(())
        })
        .await
    }

    /// Copies an image into template `id`'s folder as `name` (a PNG or JPEG that decodes); the
    /// name a layer's `file` then takes.
    pub async fn add_frame_image(
        self: &Arc<Self>,
        id: String,
        name: String,
        bytes: Vec<u8>,
    ) -> Result<String, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let folder = app.template_folder(&id)?;
            let file_name = Path::new(&name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && n != TEMPLATE_FILE)
                .ok_or_else(|| AppError::new(ErrorCode::Invalid, format!("name: '{name}' is not a file name")))?;
            image::load_from_memory(&bytes).map_err(|error| {
                AppError::new(ErrorCode::Invalid, format!("{file_name}: not an image Pandu can draw ({error})"))
            })?;
            let target = folder.join(&file_name);
            std::fs::write(&target, &bytes)
                .map_err(|error| AppError::new(ErrorCode::Io, format!("{}: {error}", target.display())))?;
            Ok(file_name)
        })
        .await
    }

    /// The folder of the existing template `id`.
    fn template_folder(&self, id: &str) -> Result<PathBuf, AppError> {
        template_folder(&self.frames.dir, id).map_err(|message| AppError::new(ErrorCode::NotFound, message))
    }

    /// `dir/id` for a new template: a valid id not yet taken.
    fn new_template_folder(&self, id: &str) -> Result<PathBuf, AppError> {
        let valid =
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!("id: '{id}' must be lowercase letters, digits, - or _"),
            ));
        }
        let folder = self.frames.dir.join(id);
        if folder.exists() {
            return Err(AppError::new(ErrorCode::Invalid, format!("id: a template '{id}' already exists")));
        }
        Ok(folder)
    }

    fn clock_now(&self) -> crate::event::Timestamp {
        self.clock.now()
    }
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

/// When the slot ends, as the host's clock reads it (`14:30`).
fn slot_ends(at: crate::event::Timestamp) -> String {
    jiff::Timestamp::from_millisecond(at)
        .map(|instant| instant.to_zoned(jiff::tz::TimeZone::system()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppOptions;
    use crate::clock::run_sheet::{RunSheet, RunSheetAction, Slot};
    use crate::ingest::SourceSet;

    async fn app(dir: &Path) -> Arc<App> {
        let options = AppOptions {
            db: Some(dir.join("pandu.db")),
            port: Some(0),
            token: None,
            source: Some(SourceSet::default()),
            config_dir: Some(dir.join("config")),
        };
        App::launch(&options).await.unwrap()
    }

    #[tokio::test]
    async fn the_starters_are_copied_once_and_a_designers_edits_and_deletions_stay() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("config/templates");
        let first = app(dir.path()).await;
        let ids: Vec<String> = first.frame_templates().await.into_iter().map(|entry| entry.id).collect();
        assert_eq!(ids, ["avenco", "novilla", "payday-sale", "promo-harian"]);
        first.shut_down().await;

        let novilla = templates.join("novilla/template.toml");
        let edited = std::fs::read_to_string(&novilla).unwrap().replace("Novilla — Sofa & Living", "Novilla Baru");
        std::fs::write(&novilla, &edited).unwrap();
        std::fs::remove_dir_all(templates.join("avenco")).unwrap();
        let again = app(dir.path()).await;
        assert_eq!(std::fs::read_to_string(&novilla).unwrap(), edited, "a designer's edit is never overwritten");
        assert!(!templates.join("avenco").exists(), "a deleted starter stays deleted");
        assert_eq!(again.frame_view(None).unwrap().name, "Novilla Baru");
        again.shut_down().await;
    }

    #[tokio::test]
    async fn the_frame_follows_the_run_sheet_and_a_broken_edit_keeps_the_last_good_frame_on_air() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path()).await;
        let view = app.frame_view(None).unwrap();
        assert_eq!(view.template, "novilla");
        let kinds: Vec<&str> = view.widgets.iter().map(|widget| widget.kind.as_str()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        let sample = app.frame_png(None).await.unwrap();
        assert!(sample.starts_with(b"\x89PNG"));

        let slot =
            Slot { product: "Kursi Rotan Bali".into(), price: "Rp 799.000".into(), seconds: 600, ..Default::default() };
        app.use_run_sheet(RunSheet { name: "Live".into(), slots: vec![slot] }).await.unwrap();
        app.run_sheet_control(RunSheetAction::Start).unwrap();
        assert_eq!(app.frame_fields().get("product"), Some("Kursi Rotan Bali"));
        let live = app.frame_png(None).await.unwrap();
        assert_ne!(live, sample, "the slot's product and price are drawn");

        let file = dir.path().join("config/templates/novilla/template.toml");
        let good = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, good.replacen("kind = \"rect\"", "kind = \"circle\"", 1)).unwrap();
        // A later modification time, whatever the file system's resolution.
        let written = std::fs::File::options().write(true).open(&file).unwrap();
        written.set_modified(SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
        assert_eq!(app.frame_png(None).await.unwrap(), live, "the last good frame stays on air");
        let problem = app.frame_view(None).unwrap().problem.unwrap();
        assert!(problem.contains("template.toml") && problem.contains("circle"), "{problem}");

        let refused = app.use_frame("tidak-ada".into()).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::Frame);
        assert!(refused.message.contains("tidak-ada"), "{}", refused.message);
        let switched = app.use_frame("payday-sale".into()).await.unwrap();
        assert_eq!((switched.template.as_str(), app.active_frame().as_str()), ("payday-sale", "payday-sale"));
        assert!(switched.version > view.version);

        // A slot that names a template puts it on air while it is the slot on air.
        let slot = |product: &str, template: Option<&str>| Slot {
            product: product.into(),
            seconds: 600,
            template: template.map(str::to_string),
            ..Default::default()
        };
        let slots = vec![slot("Sofa", Some("avenco")), slot("Kursi", None), slot("Meja", Some("tidak-ada"))];
        app.use_run_sheet(RunSheet { name: "Campur".into(), slots }).await.unwrap();
        app.run_sheet_control(RunSheetAction::Start).unwrap();
        assert_eq!(app.active_frame(), "avenco");
        app.run_sheet_control(RunSheetAction::Next).unwrap();
        assert_eq!(app.active_frame(), "payday-sale", "back to the settings' frame");
        app.run_sheet_control(RunSheetAction::Next).unwrap();
        assert_eq!(app.active_frame(), "payday-sale", "a template that is not there is not put on air");
        app.shut_down().await;
    }

    #[tokio::test]
    async fn the_editor_previews_saves_with_comments_kept_and_manages_templates() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path()).await;
        let document = app.frame_document("novilla".into()).await.unwrap();
        let origins: Vec<Option<u32>> = (0..document.file.layers.len() as u32).map(Some).collect();
        let mut moved = document.file.clone();
        let Some(Layer::Text(text)) = moved.layers.iter_mut().find(|layer| matches!(layer, Layer::Text(_))) else {
            panic!("novilla has a text layer")
        };
        text.x += 10;
        let edit = FrameEdit { file: moved.clone(), origins: origins.clone() };

        let preview = app.frame_preview("novilla".into(), edit.clone(), Fields::new(), true).await.unwrap();
        assert!(preview.png.starts_with("data:image/png;base64,"));
        let clean = app.frame_preview("novilla".into(), edit.clone(), Fields::new(), false).await.unwrap();
        assert_ne!(clean.png, preview.png, "the export has no slot boxes");
        let mut broken = edit.clone();
        broken.file.layers.push(Layer::Text(crate::frame::TextLayer { x: 5000, ..text_layer(&moved) }));
        broken.origins.push(None);
        let refused = app.save_frame("novilla".into(), broken).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::Frame, "{}", refused.message);
        assert_eq!(
            app.frame_document("novilla".into()).await.unwrap().text,
            document.text,
            "a refused edit changes nothing"
        );

        let version = app.frame_view(None).unwrap().version;
        let saved = app.save_frame("novilla".into(), edit).await.unwrap();
        assert_eq!(saved.file, moved);
        let comments = |text: &str| text.lines().filter(|line| line.trim_start().starts_with('#')).count();
        assert_eq!(comments(&saved.text), comments(&document.text), "every comment kept");
        assert!(app.frame_view(None).unwrap().version > version, "the frame on air follows");

        let copied = app.copy_frame("payday-sale".into(), "gajian-desember".into()).await.unwrap();
        assert_eq!(
            copied.summary.unwrap().name,
            app.frame_document("payday-sale".into()).await.unwrap().file.template.name
        );
        assert_eq!(
            app.copy_frame("novilla".into(), "Gajian Desember".into()).await.unwrap_err().code,
            ErrorCode::Invalid
        );
        assert_eq!(
            app.copy_frame("novilla".into(), "gajian-desember".into()).await.unwrap_err().code,
            ErrorCode::Invalid
        );
        app.rename_frame("novilla".into(), "novilla-2026".into()).await.unwrap();
        assert_eq!(app.active_frame(), "novilla-2026", "the frame on air follows its rename");
        assert_eq!(
            app.delete_frame("novilla-2026".into()).await.unwrap_err().code,
            ErrorCode::Invalid,
            "not the one on air"
        );
        app.delete_frame("gajian-desember".into()).await.unwrap();
        assert_eq!(app.delete_frame("gajian-desember".into()).await.unwrap_err().code, ErrorCode::NotFound);

        let png = std::fs::read(dir.path().join("config/templates/avenco/logo.png")).unwrap();
        assert_eq!(
            app.add_frame_image("avenco".into(), "/tmp/Logo Baru.png".into(), png).await.unwrap(),
            "Logo Baru.png"
        );
        let refused = app.add_frame_image("avenco".into(), "x.png".into(), b"bukan gambar".to_vec()).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::Invalid);
        app.shut_down().await;
    }

    /// A copy of the first text layer of `file`.
    fn text_layer(file: &TemplateFile) -> crate::frame::TextLayer {
        file.layers
            .iter()
            .find_map(|layer| if let Layer::Text(text) = layer { Some(text.clone()) } else { None })
            .unwrap()
    }
}
