//! The app's frame capability: which template is on air, the live's fields, and telling the
//! front ends. The templates themselves (the folder, the starters, the cache, the last good frame,
//! the editor's operations) are the frame crate's [`Library`].
//!
//! - **Templates live with the settings** (`templates/<id>/` in the config folder), where a
//!   designer edits them.
//! - **The previous good frame stays on air.** One that is now refused (or a field nothing sets)
//!   leaves the last good PNG on air, and the reason is published as the frame's `problem`.
//! - **One version number** counts every change that shows (another template, a saved edit, a
//!   new product or price from the run sheet). Overlay pages reload the PNG when it moves.
//! - **The safe zones in force** (`[frame.safe_zones]`) are read from the settings at each use:
//!   the renderer warns by them, and the view, the editor's document and each preview carry them,
//!   so the editor's guides are the renderer's.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use pandu_frame::{
    Fields, FrameDocument, FrameEdit, FramePreview, FrameTemplateEntry, FrameView, Library, LibraryError, OnAir,
    RenderOptions,
};
use tokio_util::sync::CancellationToken;

use super::{App, AppError, ErrorCode, blocking, next_outbound};
use crate::outbound::Outbound;

/// The templates folder's name, in the config folder.
const TEMPLATES: &str = "templates";

/// The frames of a running Pandu.
pub(super) struct Frames {
    library: Library,
    problem: Mutex<Option<String>>,
    version: AtomicU64,
}

impl Frames {
    /// The frames in `config_dir/templates`, with any missing starter copied in.
    pub(super) fn open(config_dir: &Path) -> Frames {
        Frames {
            library: Library::open(config_dir.join(TEMPLATES)),
            problem: Mutex::new(None),
            version: AtomicU64::new(1),
        }
    }
}

impl From<LibraryError> for AppError {
    fn from(error: LibraryError) -> Self {
        let code = match &error {
            LibraryError::NotFound(_) => ErrorCode::NotFound,
            LibraryError::Invalid(_) => ErrorCode::Invalid,
            LibraryError::Io { .. } => ErrorCode::Io,
            LibraryError::Frame(_) => ErrorCode::Frame,
        };
        AppError::new(code, error)
    }
}

impl App {
    /// Every template in the folder, with why one cannot be used.
    pub async fn frame_templates(self: &Arc<Self>) -> Vec<FrameTemplateEntry> {
        let app = Arc::clone(self);
        blocking(move || app.frames.library.list()).await
    }

    /// The template on air: the one the run sheet's current slot names, else the settings' one.
    pub fn active_frame(&self) -> String {
        let run_sheet = self.clock.state().run_sheet;
        run_sheet
            .slot
            .and_then(|index| run_sheet.slots.get(index as usize)?.template.clone())
            .filter(|id| self.frames.library.contains(id))
            .unwrap_or_else(|| self.settings().frame.template)
    }

    /// Puts template `id` on air (and in the settings, for the next start; a run-sheet slot that
    /// names a template still wins while it is on). A template that cannot be used is refused and
    /// the one on air stays.
    pub async fn use_frame(self: &Arc<Self>, id: String) -> Result<FrameView, AppError> {
        let app = Arc::clone(self);
        let chosen = id.clone();
        blocking(move || app.frames.library.template(&chosen).map_err(LibraryError::from)).await?;
        let app = Arc::clone(self);
        blocking(move || {
            app.change_settings(|settings, path| {
                settings.frame.template = id;
                Ok(settings.save(path)?)
            })
        })
        .await?;
        Ok(self.publish_frame())
    }

    /// What the overlay needs to show template `id` (the one on air by default).
    pub fn frame_view(&self, id: Option<&str>) -> Result<FrameView, AppError> {
        let id = id.map_or_else(|| self.active_frame(), str::to_string);
        let template = self.frames.library.on_air(&id).map_err(|error| {
            tracing::warn!("frame overlay: {error}");
            self.overlay_error(error.into())
        })?;
        let version = self.frames.version.load(Ordering::Relaxed);
        let problem = self.frames.problem.lock().unwrap_or_else(|p| p.into_inner()).clone();
        Ok(FrameView::of(id, &template, version, self.settings().frame.safe_zones, problem))
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
                fields.set("slot_ends", slot_ends(self.clock.now() + remaining));
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
            let active = app.active_frame();
            let id = id.unwrap_or_else(|| active.clone());
            // Only the template on air is the frame's problem: a page asking for another one
            // (anyone may, with no token) cannot put an error on the console.
            let on_air = id == active;
            let options = RenderOptions { safe_zones: app.settings().frame.safe_zones, ..Default::default() };
            match app.frames.library.png(&id, &app.frame_fields(), &options) {
                OnAir::Fresh(png) => {
                    if on_air {
                        app.set_frame_problem(None);
                    }
                    Ok(png)
                }
                OnAir::LastGood { png, problem } => {
                    app.frame_failed(&problem, on_air);
                    Ok(png)
                }
                OnAir::Nothing(problem) => {
                    app.frame_failed(&problem, on_air);
                    Err(app.overlay_error(problem))
                }
            }
        })
        .await
    }

    /// Logs why a frame cannot be rendered now and, for the one on air, publishes it as the
    /// frame's problem (without the folder: the overlay pages show it).
    fn frame_failed(&self, problem: &LibraryError, on_air: bool) {
        tracing::error!("{problem}");
        if on_air {
            self.set_frame_problem(Some(self.frames.library.without_folder(problem)));
        }
    }

    /// An error for the overlay's routes, which need no token: without the templates folder's
    /// path (the caller logs it whole).
    fn overlay_error(&self, error: LibraryError) -> AppError {
        let message = self.frames.library.without_folder(&error);
        AppError { message, ..AppError::from(error) }
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
            safe_zones: self.settings().frame.safe_zones,
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
        let clock_changed = |message: &Outbound| matches!(message, Outbound::Clock { .. }).then_some(());
        while next_outbound(&mut outbound, &cancel, clock_changed).await.is_some() {
            let now = (self.active_frame(), self.frame_fields());
            if now != last {
                last = now;
                self.publish_frame();
            }
        }
    }

    // The editor.

    /// Template `id` for the editor, with the safe zones in force.
    pub async fn frame_document(self: &Arc<Self>, id: String) -> Result<FrameDocument, AppError> {
        let app = Arc::clone(self);
        Ok(blocking(move || app.frames.library.document(&id, app.settings().frame.safe_zones)).await?)
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
            let mut all = fields;
            for (name, value) in app.frame_fields().0 {
                all.or_set(name, value);
            }
            let options =
                RenderOptions { preview: slots, safe_zones: app.settings().frame.safe_zones, ..Default::default() };
            Ok(app.frames.library.preview(&id, &edit, &all, &options)?)
        })
        .await
    }

    /// Saves `edit` into template `id`'s `template.toml` (comments and layout kept), after
    /// checking it: a refused edit changes nothing. The frame on air follows at once.
    pub async fn save_frame(self: &Arc<Self>, id: String, edit: FrameEdit) -> Result<FrameDocument, AppError> {
        let app = Arc::clone(self);
        let saved = blocking(move || app.frames.library.save(&id, &edit, app.settings().frame.safe_zones)).await?;
        if saved.id == self.active_frame() {
            self.publish_frame();
        }
        Ok(saved)
    }

    /// A new template `id`, a copy of template `from` (a starter or any other).
    pub async fn copy_frame(self: &Arc<Self>, from: String, id: String) -> Result<FrameTemplateEntry, AppError> {
        let app = Arc::clone(self);
        Ok(blocking(move || app.frames.library.copy(&from, &id)).await?)
    }

    /// Renames template `from` to `id` (the settings follow if it is on air).
    pub async fn rename_frame(self: &Arc<Self>, from: String, id: String) -> Result<(), AppError> {
        let app = Arc::clone(self);
        let (renamed, to) = (from.clone(), id.clone());
        blocking(move || app.frames.library.rename(&renamed, &to)).await?;
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
        Ok(blocking(move || app.frames.library.delete(&id)).await?)
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
        Ok(blocking(move || app.frames.library.add_image(&id, &name, &bytes)).await?)
    }
}

/// When the slot ends, as the host's clock reads it (`14:30`).
fn slot_ends(at: crate::event::Timestamp) -> String {
    jiff::Timestamp::from_millisecond(at)
        .map(|instant| instant.to_zoned(jiff::tz::TimeZone::system()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use pandu_frame::{Layer, SafeZones, TemplateFile, TextLayer};

    use super::*;
    use crate::clock::run_sheet::{RunSheet, RunSheetAction, Slot};

    async fn app(dir: &Path) -> Arc<App> {
        crate::launch::launch(&crate::app::tests::options(dir)).await.unwrap()
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
        broken.file.layers.push(Layer::Text(TextLayer { x: 5000, ..text_layer(&moved) }));
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

    #[tokio::test]
    async fn the_view_the_document_and_the_preview_carry_the_safe_zones_in_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), "[frame.safe_zones]\ntop = 300\nright = 200\n").unwrap();
        let app = app(dir.path()).await;
        let configured = SafeZones { top: 300, right: 200, ..SafeZones::default() };
        assert_eq!(app.frame_view(None).unwrap().safe_zones, configured);
        let document = app.frame_document("novilla".into()).await.unwrap();
        assert_eq!(document.safe_zones, configured);
        let origins = (0..document.file.layers.len() as u32).map(Some).collect();
        let edit = FrameEdit { file: document.file, origins };
        let preview = app.frame_preview("novilla".into(), edit, Fields::new(), true).await.unwrap();
        assert_eq!(preview.safe_zones, configured);
        app.shut_down().await;
    }

    /// A copy of the first text layer of `file`.
    fn text_layer(file: &TemplateFile) -> TextLayer {
        file.layers
            .iter()
            .find_map(|layer| if let Layer::Text(text) = layer { Some(text.clone()) } else { None })
            .unwrap()
    }
}
