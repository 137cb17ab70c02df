//! `pandu lexicon export --tiktok-filter` over an archive a real `pandu serve` wrote: a shop's own
//! lexicon in force, comments pushed through the API (typed in several spellings, one behind a
//! context gate, one spread out with dots), a clean stop; then the export, whose keywords must be
//! ranked by what the archive holds, at most 200, each within TikTok's rules, with the reasoning
//! beside them.

mod common;

use std::fmt::Write;
use std::path::Path;

use common::{Served, pandu, run};
use serde_json::{Value, json};

const TOKEN: &str = "f1lt3r";

/// The shop's lexicon: five terms viewers type, one never typed, one context-gated, a pattern,
/// and 250 fillers (never typed, a label of the shop's own: medium severity), so that the
/// candidates are more than 200.
fn shop_lexicon() -> String {
    let mut text = String::from(
        r#"
[cues]
arah = ["beli", "cek"]

[[term]]
text = "pasarku"
category = "competitor"
aliases = ["psrku"]

[[term]]
text = "gudangmurah"
category = "offplatform"

[[term]]
text = "kepoin"
category = "gosip"

[[term]]
text = "bodohbgt"
category = "profanity"

[[term]]
text = "tokoijo"
category = "competitor"
context = { cues = "arah", within = 3 }

[[pattern]]
regex = 'KODE-[0-9]{4}'
category = "spam"
label = "kode promo"
"#,
    );
    for n in 0..250 {
        let word = format!("isian{}{}", (b'a' + (n / 26) as u8) as char, (b'a' + (n % 26) as u8) as char);
        let _ = write!(text, "\n[[term]]\ntext = \"{word}\"\ncategory = \"gosip\"\n");
    }
    text
}

/// (text, how many times it is said)
const SAID: [(&str, usize); 8] = [
    ("cek p4sarku kak", 3),
    ("PASARKU lebih murah", 2),
    ("psrku aja", 1),
    ("p.a.s.a.r.k.u dong", 4),
    ("gudangmurah ada kak", 2),
    ("kepoin dong", 2),
    ("beli di tokoijo aja", 5),
    ("pakai KODE-1234 ya", 1),
];

/// A live through `pandu serve` with the shop's lexicon in force, saying everything in `SAID`.
fn live(home: &Path, db: &Path) {
    let config = home.join("config/pandu");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("lexicon.toml"), shop_lexicon()).unwrap();
    let served = Served::start_on(home, db, TOKEN, "none");
    let mut events = Vec::new();
    for (text, times) in SAID {
        for n in 0..times {
            let id = format!("c-{}", events.len());
            events.push(json!({"id": id, "ts": 1_796_632_800_000_i64 + events.len() as i64, "source": "push",
                "type": "comment", "user": {"id": format!("u{n}"), "unique_id": format!("viewer{n}"),
                "nickname": "Viewer"}, "text": text}));
        }
    }
    events.push(json!({"id": "plain", "ts": 1_796_632_900_000_i64, "source": "push", "type": "comment",
        "user": {"id": "u", "unique_id": "sari", "nickname": "Sari"}, "text": "halo kak salam kenal"}));
    let count = events.len();
    let (status, outcome) = served.call("POST", "/api/ingest", TOKEN, Value::Array(events));
    assert_eq!((status, outcome["accepted"].as_u64()), (200, Some(count as u64)), "{outcome}");
    let stderr = served.stop();
    assert!(stderr.contains(&format!("{count} events archived")), "{stderr}");
}

#[test]
fn the_export_ranks_the_archives_spellings_keeps_200_and_says_why() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("arsip.db");
    live(home.path(), &db);
    let lexicon = home.path().join("config/pandu/lexicon.toml");
    let out = home.path().join("filter/toko.txt");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let args = [
        "lexicon",
        "export",
        "--tiktok-filter",
        "--lexicon",
        lexicon.to_str().unwrap(),
        "--packs",
        "none",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let output = run(home.path(), &args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(output.stdout.is_empty(), "the keywords go to the file: {}", String::from_utf8_lossy(&output.stdout));
    let notes_path = home.path().join("filter/toko.notes.txt");
    assert!(
        stderr.contains(&format!("200 keywords for TikTok LIVE's filter (at most 200) written to {}", out.display()))
            && stderr.contains(&notes_path.display().to_string()),
        "{stderr}"
    );

    let keywords = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = keywords.lines().collect();
    assert_eq!(lines.len(), 200, "at most 200, and there are more candidates");
    assert!(keywords.ends_with('\n'));
    assert_eq!(
        &lines[..7],
        [
            "p4sarku",     // typed 3 times
            "pasarku",     // typed twice (PASARKU), its term flagged 10 times
            "gudangmurah", // typed twice, its term twice, high
            "kepoin",      // typed twice, its term twice, medium (a shop's own label)
            "psrku",       // typed once
            "bodohbgt",    // never typed: high
            "isianaa",     // never typed: medium, in lexicon order
        ],
        "{keywords}"
    );
    assert_eq!(lines[199], "isianhl", "the fillers in lexicon order, up to the 200th");
    for line in &lines {
        assert!(
            line.encode_utf16().count() <= 30
                && line.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == ' ')
                && *line == line.to_lowercase(),
            "{line:?} breaks TikTok's rules"
        );
        assert!(!["tokoijo", "p.a.s.a.r.k.u", "kode-1234"].contains(line), "{line} must not be exported");
    }

    let notes = std::fs::read_to_string(&notes_path).unwrap();
    let first = notes.lines().find(|line| line.starts_with("  1  ")).unwrap_or_else(|| panic!("{notes}"));
    assert!(first.starts_with("  1  p4sarku") && first.contains("pasarku (shop, competitor)  3 hits  high"), "{first}");
    assert!(notes.contains("  - tokoijo (shop, competitor), flagged 5 times; cues \"arah\" within 3 words"), "{notes}");
    assert!(notes.contains("\"p.a.s.a.r.k.u\": a typed spelling of pasarku, has \".\", typed 4 times"), "{notes}");
    assert!(notes.contains("  - kode promo (spam): flagged once"), "{notes}");
    assert!(notes.contains("Over 200 (TikTok LIVE's filter takes at most 200 keywords) (56):"), "{notes}");
}

#[test]
fn the_default_file_names_and_a_missing_archive() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("arsip.db");
    live(home.path(), &db);
    // Without --lexicon: the user's lexicon.toml, as for `pandu scan`.
    let output = pandu(home.path())
        .current_dir(home.path())
        .args(["lexicon", "export", "--tiktok-filter", "--packs", "none", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let keywords = std::fs::read_to_string(home.path().join("tiktok-filter.txt")).unwrap();
    assert_eq!(keywords.lines().next(), Some("p4sarku"));
    assert!(std::fs::read_to_string(home.path().join("tiktok-filter.notes.txt")).unwrap().contains("p4sarku"));

    let missing = home.path().join("nope.db");
    let output = run(
        home.path(),
        &["lexicon", "export", "--tiktok-filter", "--db", missing.to_str().unwrap(), "--out", "/dev/null"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope.db: no archive here"));
    assert!(!missing.exists(), "a missing archive is not created");

    let without_flag = run(home.path(), &["lexicon", "export", "--db", db.to_str().unwrap()]);
    assert_eq!(without_flag.status.code(), Some(2), "clap asks for --tiktok-filter");
}
