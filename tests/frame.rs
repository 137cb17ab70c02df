//! The promo-frame renderer: the starter templates against golden images, every refusal, the
//! safe-zone warnings, text staying in its box, colour emoji, and the cache.
//!
//! Golden images: each starter rendered at half size (540×960, which also exercises scaling)
//! with its own sample `[fields]`, compared with `tests/fixtures/frame/golden/<id>.png`. A pixel
//! differs when any channel is off by more than [`CHANNEL_TOLERANCE`]; the test fails when more
//! than [`DIFFERENT_PIXELS`] of the pixels differ. The slack absorbs anti-aliasing rounding that
//! may differ between CPUs (tiny-skia picks SIMD paths at run time); a real change — a moved
//! box, another colour, different text — changes thousands of pixels by far more, which
//! `a_changed_field_fails_the_golden_comparison` proves. `PANDU_UPDATE_GOLDEN=1` rewrites them.

use std::path::PathBuf;

use pandu_frame::{Fields, FrameError, RenderOptions, Renderer, SafeZones, Template, check};

const STARTERS: &[&str] = &["novilla", "avenco", "payday-sale", "promo-harian"];
const CHANNEL_TOLERANCE: u8 = 8;
const DIFFERENT_PIXELS: f64 = 0.001;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn starter(id: &str) -> Template {
    Template::load(&repo().join("overlays").join(id)).unwrap_or_else(|error| panic!("{error}"))
}

fn half_size() -> RenderOptions {
    RenderOptions { size: Some((540, 960)), ..RenderOptions::default() }
}

fn decode(png: &[u8]) -> image::RgbaImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().into_rgba8()
}

/// The share of pixels that differ beyond the tolerance.
fn difference(a: &image::RgbaImage, b: &image::RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let differing = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > CHANNEL_TOLERANCE))
        .count();
    differing as f64 / f64::from(a.width() * a.height())
}

#[test]
fn the_starters_match_their_golden_images() {
    let mut renderer = Renderer::new();
    for id in STARTERS {
        let rendered = renderer.render(&starter(id), &Fields::new(), &half_size()).unwrap();
        let golden = repo().join(format!("tests/fixtures/frame/golden/{id}.png"));
        if std::env::var_os("PANDU_UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &rendered.png).unwrap();
            continue;
        }
        let expected = decode(&std::fs::read(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display())));
        let share = difference(&decode(&rendered.png), &expected);
        assert!(
            share <= DIFFERENT_PIXELS,
            "{id}: {:.3}% of the pixels differ from {} (PANDU_UPDATE_GOLDEN=1 rewrites it if the change is meant)",
            share * 100.0,
            golden.display()
        );
    }
}

#[test]
fn a_changed_field_fails_the_golden_comparison() {
    let golden = decode(&std::fs::read(repo().join("tests/fixtures/frame/golden/novilla.png")).unwrap());
    let mut fields = Fields::new();
    fields.set("price", "Rp 2.999.000");
    let rendered = Renderer::new().render(&starter("novilla"), &fields, &half_size()).unwrap();
    assert!(difference(&decode(&rendered.png), &golden) > DIFFERENT_PIXELS);
}

#[test]
fn the_starters_stay_out_of_tiktoks_zones_and_carry_the_notice_and_the_slots() {
    for id in STARTERS {
        let template = starter(id);
        assert_eq!(check(&template, &Fields::new(), &SafeZones::default()).unwrap(), vec![], "{id}");
        let summary = template.summary();
        for slot in ["countdown", "product_card", "pinned_comment"] {
            assert_eq!(summary.slots.get(slot), Some(&1), "{id}: {slot}");
        }
        let notice = template.file.layers.iter().any(|layer| match layer {
            pandu_frame::Layer::Text(text) => text.text.contains("Live resmi hanya di {official_account}"),
            _ => false,
        });
        assert!(notice, "{id} carries the official-account notice");
    }
}

#[test]
fn an_unchanged_frame_comes_from_the_cache_and_a_price_change_re_renders() {
    let template = starter("payday-sale");
    let mut renderer = Renderer::new();
    let mut fields = Fields::new();
    fields.set("price", "Rp 899.000");
    let first = renderer.render(&template, &fields, &RenderOptions::default()).unwrap();
    let again = renderer.render(&template, &fields, &RenderOptions::default()).unwrap();
    assert!(!first.cached && again.cached);
    assert_eq!(first.png, again.png);
    assert_eq!((first.width, first.height), (1080, 1920));

    fields.set("price", "Rp 799.000");
    let changed = renderer.render(&template, &fields, &RenderOptions::default()).unwrap();
    assert!(!changed.cached);
    assert_ne!(changed.png, first.png);
    // A field no layer shows changes nothing that shows: still the cached frame.
    fields.set("price", "Rp 899.000").set("unused", "x");
    assert!(renderer.render(&template, &fields, &RenderOptions::default()).unwrap().cached);
    // The preview is another frame.
    let preview = RenderOptions { preview: true, ..RenderOptions::default() };
    assert!(!renderer.render(&template, &fields, &preview).unwrap().cached);
}

/// A template folder holding `toml` (and `files`), for the tests that build their own.
fn folder(toml: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("template.toml"), toml).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

const HEAD: &str = "[template]\nname = \"Uji\"\nwidth = 400\nheight = 300\n\n[fields]\nprice = \"Rp 1\"\n";

fn refused(layers: &str, files: &[(&str, &[u8])]) -> FrameError {
    let dir = folder(&format!("{HEAD}{layers}"), files);
    let template = Template::load(dir.path());
    match template {
        Err(error) => error,
        Ok(template) => Renderer::new().render(&template, &Fields::new(), &RenderOptions::default()).unwrap_err(),
    }
}

/// Asserts the error names template.toml, `line` and `layer` (if any) and says `says`.
fn assert_refusal(error: &FrameError, line: u32, layer: Option<&str>, says: &str) {
    let text = error.to_string();
    assert!(text.contains(&format!("template.toml:{line}: ")), "{text}");
    assert_eq!(error.line, Some(line), "{text}");
    if let Some(layer) = layer {
        assert!(text.contains(&format!(": {layer}: ")), "{text}");
    }
    assert!(text.contains(says), "{text}");
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 255]))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

// Line numbers below count from HEAD's 7 lines: a first [[layer]] is on line 8.

#[test]
fn refuses_bad_toml() {
    let error = refused("[[layer]]\nkind = \"rect\nx = 1\n", &[]);
    assert_refusal(&error, 9, None, "bad TOML");
}

#[test]
fn refuses_an_unknown_layer_kind() {
    let error = refused("[[layer]]\nkind = \"circle\"\nx = 0\ny = 0\nw = 1\nh = 1\n", &[]);
    assert_refusal(&error, 9, Some("layer 1"), "unknown kind \"circle\"");
}

#[test]
fn refuses_an_unknown_property() {
    let layers = "[[layer]]\nkind = \"rect\"\nx = 0\ny = 0\nw = 1\nh = 1\n\n[[layer]]\nkind = \"text\"\nname = \"Harga\"\n\
                  text = \"{price}\"\nx = 0\ny = 0\nw = 100\nh = 50\nsize = 20\ncolour = \"#fff\"\n";
    let error = refused(layers, &[]);
    assert_refusal(&error, 24, Some("layer \"Harga\""), "unknown field 'colour'");
}

#[test]
fn refuses_bad_values() {
    let text = |property: &str| {
        format!("[[layer]]\nkind = \"text\"\ntext = \"a\"\nx = 0\ny = 0\nw = 100\nh = 50\nsize = 20\n{property}\n")
    };
    for (property, says) in [
        ("color = \"#12345\"", "bad colour"),
        ("weight = \"heavy\"", "bad weight"),
        ("weight = 950", "bad weight"),
        ("align = \"justify\"", "justify"),
        ("min_size = 30", "bad min_size"),
    ] {
        assert_refusal(&refused(&text(property), &[]), 16, Some("layer 1"), says);
    }
    let fit = "[[layer]]\nkind = \"image\"\nfile = \"a.png\"\nx = 0\ny = 0\nw = 10\nh = 10\nfit = \"stretch\"\n";
    assert_refusal(&refused(fit, &[("a.png", &png(2, 2))]), 15, Some("layer 1"), "stretch");
}

#[test]
fn refuses_a_missing_an_escaping_and_an_undecodable_asset() {
    let image = |file: &str| {
        format!("[[layer]]\nkind = \"image\"\nname = \"Logo\"\nfile = \"{file}\"\nx = 0\ny = 0\nw = 10\nh = 10\n")
    };
    assert_refusal(&refused(&image("logo.png"), &[]), 11, Some("layer \"Logo\""), "cannot read the image");
    assert_refusal(&refused(&image("../logo.png"), &[]), 11, Some("layer \"Logo\""), "inside the template's folder");
    assert_refusal(&refused(&image("/etc/logo.png"), &[]), 11, Some("layer \"Logo\""), "inside the template's folder");
    let broken = refused(&image("logo.png"), &[("logo.png", b"\x89PNG\r\n\x1a\nnot really")]);
    assert_refusal(&broken, 11, Some("layer \"Logo\""), "cannot decode the image");
}

#[test]
fn refuses_a_field_nothing_sets() {
    let layers = "[[layer]]\nkind = \"text\"\nname = \"Produk\"\ntext = \"{product} {price}\"\nx = 0\ny = 0\nw = 100\nh = 50\nsize = 20\n";
    let error = refused(layers, &[]);
    assert_refusal(&error, 11, Some("layer \"Produk\""), "the field {product} has no value");
    // Set from outside, it renders.
    let dir = folder(&format!("{HEAD}{layers}"), &[]);
    let mut fields = Fields::new();
    fields.set("product", "Sofa");
    Renderer::new().render(&Template::load(dir.path()).unwrap(), &fields, &RenderOptions::default()).unwrap();
}

#[test]
fn refuses_a_box_outside_the_canvas() {
    for (position, line) in [("x = 350\ny = 0\nw = 100\nh = 10", 13), ("x = 0\ny = -5\nw = 10\nh = 10", 12)] {
        let layers = format!("[[layer]]\nkind = \"countdown\"\nname = \"Timer\"\n{position}\n");
        assert_refusal(&refused(&layers, &[]), line, Some("layer \"Timer\""), "reaches outside the 400×300 canvas");
    }
}

#[test]
fn refuses_an_unknown_font() {
    let layers = "[[layer]]\nkind = \"text\"\ntext = \"a\"\nx = 0\ny = 0\nw = 100\nh = 50\nsize = 20\nfont = \"Comic Sans MS\"\n";
    assert_refusal(&refused(layers, &[]), 16, Some("layer 1"), "no font \"Comic Sans MS\"");
}

#[test]
fn warns_about_text_and_slots_in_a_zone_but_not_decoration() {
    let dir = folder(
        "[template]\nname = \"Zona\"\n\n[[layer]]\nkind = \"rect\"\nx = 0\ny = 0\nw = 1080\nh = 200\nfill = \"#000\"\n\n\
         [[layer]]\nkind = \"text\"\nname = \"Harga\"\ntext = \"Rp 1\"\nx = 800\ny = 600\nw = 200\nh = 60\nsize = 30\n\n\
         [[layer]]\nkind = \"pinned_comment\"\nx = 40\ny = 1200\nw = 500\nh = 100\n",
        &[],
    );
    let template = Template::load(dir.path()).unwrap();
    let warnings: Vec<String> =
        check(&template, &Fields::new(), &SafeZones::default()).unwrap().iter().map(|w| w.to_string()).collect();
    let path = dir.path().join("template.toml").display().to_string();
    assert_eq!(
        warnings,
        vec![
            format!("{path}:12: layer \"Harga\" enters the right button column (x ≥ 910)"),
            format!("{path}:22: layer 3 enters the comment area (x < 720, 1150 ≤ y < 1500)"),
        ]
    );
}

/// A one-text-layer template on a 600×400 canvas, the box at (100, 100), 300×120.
fn single_text(properties: &str) -> Template {
    let dir = folder(
        &format!(
            "[template]\nname = \"Teks\"\nwidth = 600\nheight = 400\n\n[[layer]]\nkind = \"text\"\nx = 100\ny = 100\n\
             w = 300\nh = 120\n{properties}\n"
        ),
        &[],
    );
    Template::load(dir.path()).unwrap()
}

#[test]
fn long_text_shrinks_then_ends_with_an_ellipsis_inside_its_box() {
    let long = "Sofa Minimalis Oslo tiga dudukan dengan bantal bulu angsa, kaki kayu jati solid dan kain linen \
                anti noda, garansi lima tahun";
    for properties in [
        format!("text = \"{long}\"\nsize = 60\nmin_size = 20"),
        format!("text = \"{long}\"\nsize = 40\nmax_lines = 2"),
        "text = \"Supercalifragilisticexpialidocious-Panjang-Sekali\"\nsize = 80\nmin_size = 30".to_string(),
    ] {
        let frame = decode(
            &Renderer::new().render(&single_text(&properties), &Fields::new(), &RenderOptions::default()).unwrap().png,
        );
        let mut inked = 0;
        for (x, y, pixel) in frame.enumerate_pixels() {
            if pixel.0[3] > 0 {
                inked += 1;
                assert!((100..400).contains(&x) && (96..224).contains(&y), "{properties}: ink at ({x}, {y})");
            }
        }
        assert!(inked > 1000, "{properties}: the text is drawn");
    }
}

#[test]
fn emoji_are_drawn_in_colour_from_the_bundled_emoji_font() {
    let template = single_text("text = \"🔥👍\"\nsize = 80\ncolor = \"#FFFFFF\"");
    let frame = decode(&Renderer::new().render(&template, &Fields::new(), &RenderOptions::default()).unwrap().png);
    let coloured = frame.pixels().filter(|p| p.0[3] > 200 && p.0[0].abs_diff(p.0[2]) > 80).count();
    assert!(coloured > 500, "only {coloured} coloured pixels: the emoji fell back to a monochrome glyph");
}
