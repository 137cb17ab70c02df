//! `pandu render`: the frame CLI, run as a user would.

use std::path::Path;
use std::process::{Command, Output};

const PANDU: &str = env!("CARGO_BIN_EXE_pandu");

fn pandu(args: &[&str]) -> Output {
    Command::new(PANDU).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn renders_a_starter_with_fields_at_a_size() {
    let out = tempfile::tempdir().unwrap();
    let png = out.path().join("frame.png");
    let output = pandu(&[
        "render",
        "--template",
        "overlays/novilla",
        "--set",
        "price=Rp 2.499.000",
        "--set",
        "official_account=@novilla.official",
        "--size",
        "540x960",
        "--preview",
        "--out",
        png.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "", "a starter renders without warnings");
    let frame = image::open(&png).unwrap();
    assert_eq!((frame.width(), frame.height()), (540, 960));
}

#[test]
fn check_lists_nothing_for_the_starters_and_each_warning_for_others() {
    for starter in ["novilla", "avenco", "payday-sale", "promo-harian"] {
        let output = pandu(&["render", "--template", &format!("overlays/{starter}"), "--check"]);
        assert!(output.status.success(), "{starter}: {}", text(&output.stderr));
        assert_eq!(text(&output.stdout), "", "{starter}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("template.toml"),
        "[template]\nname = \"Zona\"\n\n[[layer]]\nkind = \"text\"\nname = \"Harga\"\ntext = \"Rp 1\"\n\
         x = 800\ny = 100\nw = 200\nh = 60\nsize = 30\n",
    )
    .unwrap();
    let output = pandu(&["render", "--template", dir.path().to_str().unwrap(), "--check"]);
    assert!(output.status.success());
    let path = dir.path().join("template.toml");
    assert_eq!(
        text(&output.stdout),
        format!(
            "{0}:4: layer \"Harga\" enters the top bar (y < 250)\n{0}:4: layer \"Harga\" enters the right button column (x ≥ 910)\n",
            path.display()
        )
    );
}

#[test]
fn a_refused_template_exits_1_naming_the_file_line_and_layer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("template.toml"),
        "[template]\nname = \"Rusak\"\n\n[[layer]]\nkind = \"text\"\nname = \"Harga\"\ntext = \"{harga}\"\n\
         x = 100\ny = 300\nw = 200\nh = 60\nsize = 30\n",
    )
    .unwrap();
    let out = dir.path().join("frame.png");
    for args in [vec!["--check"], vec!["--out", out.to_str().unwrap()]] {
        let output = pandu(&[&["render", "--template", dir.path().to_str().unwrap()], &args[..]].concat());
        assert_eq!(output.status.code(), Some(1));
        let expected = format!(
            "{}:7: layer \"Harga\": the field {{harga}} has no value",
            dir.path().join("template.toml").display()
        );
        assert!(text(&output.stderr).contains(&expected), "{}", text(&output.stderr));
    }
    assert!(!Path::new(&out).exists());
}
