//! The moderation CLI contract: `pandu scan` and `pandu check-script`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const PANDU: &str = env!("CARGO_BIN_EXE_pandu");

fn pandu(home: &std::path::Path, args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(PANDU)
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written from another thread: a long input and its output do not both fit in the pipes. A
    // command that fails before reading (a broken lexicon) closes its stdin: not an error here.
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.as_ref().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn scan_answers_each_line_in_order_echoing_its_fields() {
    let home = tempfile::tempdir().unwrap();
    let input = concat!(
        r#"{"id": "c1", "text": "di sh0pee lebih murah", "user": "sari"}"#,
        "\n",
        "WA aku 0812-3456-7890 kak\n",
        "ready kak?\n",
        r#"{"id": "c4"}"#,
        "\n",
        "\n",
        r#"{"id": 5, "text": "s🔥h🔥o🔥p🔥e🔥e"}"#,
        "\n",
    );
    let output = pandu(home.path(), &["scan"], input);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = lines(&output);
    assert_eq!(out.len(), 6, "one line out per line in");

    assert_eq!(out[0]["id"], "c1");
    assert_eq!(out[0]["user"], "sari");
    let flag = &out[0]["flags"][0];
    assert_eq!(
        (flag["term"].as_str(), flag["category"].as_str(), flag["matched"].as_str(), flag["suggest"].as_str()),
        (Some("shopee"), Some("competitor"), Some("sh0pee"), Some("aplikasi oren"))
    );
    assert_eq!((flag["start"].as_u64(), flag["end"].as_u64()), (Some(3), Some(9)));

    let terms: Vec<&str> = out[1]["flags"].as_array().unwrap().iter().map(|f| f["term"].as_str().unwrap()).collect();
    assert_eq!(terms, ["wa", "phone number"]);
    assert_eq!(out[1]["text"], "WA aku 0812-3456-7890 kak");
    assert_eq!(out[2]["flags"], serde_json::json!([]));
    assert!(out[3]["error"].as_str().unwrap().contains("text"), "{}", out[3]);
    assert_eq!(out[4], serde_json::json!({"text": "", "flags": []}));
    assert_eq!(out[5]["id"], 5);
    assert_eq!(out[5]["flags"][0]["matched"], "s🔥h🔥o🔥p🔥e🔥e");
}

#[test]
fn scan_keeps_the_order_and_line_numbers_of_a_long_input() {
    // Long enough to be cut into many batches scanned on several threads.
    let home = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for n in 1..=60_000 {
        match n {
            45_001 => input.push_str("{\"id\": 45001}\n"),
            n if n % 1000 == 0 => input.push_str(&format!("{{\"id\": {n}, \"text\": \"cek sh0pee {n}\"}}\n")),
            n => input.push_str(&format!("komentar {n} ready kak\n")),
        }
    }
    let output = pandu(home.path(), &["scan"], &input);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = lines(&output);
    assert_eq!(out.len(), 60_000);
    for (index, record) in out.iter().enumerate() {
        let n = index + 1;
        match n {
            45_001 => assert_eq!(record["line"], 45_001, "{record}"),
            n if n % 1000 == 0 => {
                assert_eq!(record["id"], n, "{record}");
                assert_eq!(record["flags"][0]["term"], "shopee");
            }
            n => assert_eq!(record["text"], format!("komentar {n} ready kak")),
        }
    }
    assert!(String::from_utf8_lossy(&output.stderr).contains("stdin line 45001:"));
}

#[test]
fn scan_names_the_line_that_is_not_utf8_text() {
    let home = tempfile::tempdir().unwrap();
    // Past the first block of input that is read at once.
    let mut input = "ready kak\n".repeat(20_000).into_bytes();
    input.extend_from_slice(b"harga \xff kak\nmasih ada?\n");
    let output = pandu(home.path(), &["scan"], input);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("stdin line 20001: not UTF-8 text"), "{stderr}");
}

#[test]
fn scan_explain_says_how_each_hit_was_read() {
    let home = tempfile::tempdir().unwrap();
    let input = "di s.h.0.p.e.e murah\nIazada aja\nWA 0812-3456-7890\nready kak?\n";
    let plain = lines(&pandu(home.path(), &["scan"], input));
    assert!(plain[0]["flags"][0].get("explain").is_none(), "only asked for: {}", plain[0]);

    let output = pandu(home.path(), &["scan", "--explain"], input);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = lines(&output);
    assert_eq!(
        out[0]["flags"][0]["explain"],
        serde_json::json!({ "read_as": "shope", "entry": "shopee", "evasions": ["leet", "spread"] })
    );
    assert_eq!(
        out[1]["flags"][0]["explain"],
        serde_json::json!({ "read_as": "1azada", "entry": "lazada", "evasions": ["leet"] })
    );
    let wa = &out[2]["flags"][0];
    assert_eq!((wa["term"].as_str(), wa["explain"]["read_as"].as_str()), (Some("wa"), Some("wa")));
    assert_eq!(out[2]["flags"][1]["explain"]["read_as"], "0812-3456-7890", "a pattern hit is read as typed");
    assert_eq!(out[3]["flags"], serde_json::json!([]));
}

#[test]
fn scan_with_a_broken_lexicon_exits_2_naming_the_entry() {
    let home = tempfile::tempdir().unwrap();
    let lexicon = home.path().join("mine.toml");
    std::fs::write(
        &lexicon,
        "[[term]]\ntext = \"x\"\ncategory = \"c\"\n\n[[pattern]]\nregex = '(oops'\ncategory = \"c\"\n",
    )
    .unwrap();
    let output = pandu(home.path(), &["scan", "--lexicon", lexicon.to_str().unwrap()], "halo\n");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("mine.toml:5:1") && stderr.contains("[[pattern]] #1"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn scan_uses_a_custom_lexicon() {
    let home = tempfile::tempdir().unwrap();
    let lexicon = home.path().join("mine.toml");
    std::fs::write(
        &lexicon,
        "[[term]]\ntext = \"pasar sebelah\"\ncategory = \"competitor\"\nsuggest = \"toko lain\"\n",
    )
    .unwrap();
    let output = pandu(
        home.path(),
        &["scan", "--packs", "none", "--lexicon", lexicon.to_str().unwrap()],
        "beli di PASAR   sebelah aja\ncek shopee\n",
    );
    let out = lines(&output);
    assert_eq!(out[0]["flags"][0]["matched"], "PASAR   sebelah");
    assert_eq!(out[1]["flags"], serde_json::json!([]), "only the given lexicon is used");

    // With the packs (the default ones: no settings file), the shop's terms come on top.
    let output = pandu(home.path(), &["scan", "--lexicon", lexicon.to_str().unwrap()], "cek shopee\n");
    assert_eq!(lines(&output)[0]["flags"][0]["why"]["pack"], "tiktok-shop");
    let output = pandu(home.path(), &["scan", "--packs", "tiktok-shopp"], "x\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("tiktok-shopp"));
}

#[test]
fn scan_names_the_rule_and_the_cue_behind_a_flag() {
    let home = tempfile::tempdir().unwrap();
    let output = pandu(
        home.path(),
        &["scan", "--explain"],
        "Saya checkout di Tokopedia kok kak\nbeli di tokped aja lebih murah\ncek tokopedia link ini\n",
    );
    let out = lines(&output);
    assert_eq!(out[0]["flags"], serde_json::json!([]), "the shop's own checkout is not a rival");
    for (record, cue) in [(&out[1], "lebih murah"), (&out[2], "cek")] {
        let flag = &record["flags"][0];
        assert_eq!(
            (flag["category"].as_str(), flag["explain"]["cue"]["matched"].as_str()),
            (Some("competitor"), Some(cue)),
            "{record}"
        );
        assert_eq!(flag["why"]["pack"], "tiktok-shop");
        assert!(flag["why"]["rule"]["id"].as_str().is_some_and(|rule| !rule.is_empty()), "{flag}");
    }
}

#[test]
fn check_script_lists_hits_exits_1_and_fixes_in_place() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("naskah.txt");
    std::fs::write(&script, "Halo semua!\nYang di sh0pee beda ya.\nSerum ini dijamin sembuh, transfer juga bisa.\n")
        .unwrap();
    let path = script.to_str().unwrap();

    let output = pandu(home.path(), &["check-script", path], "");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = [
        format!("{path}:2:9: competitor: shopee 'sh0pee' -> aplikasi oren -- "),
        format!("{path}:3:11: claim: dijamin 'dijamin' -> insyaallah -- "),
        format!("{path}:3:27: offplatform: transfer 'transfer' -> checkout di keranjang kuning [cue 'bisa'] -- "),
    ];
    let found: Vec<&str> = stdout.lines().collect();
    assert_eq!(found.len(), expected.len(), "{stdout}");
    for (line, start) in found.iter().zip(&expected) {
        // Each hit, then the rule it breaks and the document that says so, with its date.
        assert!(line.starts_with(start.as_str()) && line.contains(", read 20"), "{line}");
    }

    let output = pandu(home.path(), &["check-script", path, "--fix"], "");
    assert_eq!(output.status.code(), Some(1), "hits were found, even though they are fixed now");
    assert_eq!(
        std::fs::read_to_string(&script).unwrap(),
        "Halo semua!\nYang di aplikasi oren beda ya.\nSerum ini insyaallah sembuh, checkout di keranjang kuning juga bisa.\n"
    );
    let output = pandu(home.path(), &["check-script", path], "");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    assert!(output.stdout.is_empty());
}

#[test]
fn check_script_of_a_missing_file_says_so() {
    let home = tempfile::tempdir().unwrap();
    let output = pandu(home.path(), &["check-script", "tidak-ada.txt"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("tidak-ada.txt"));
}
