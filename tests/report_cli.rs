//! Reports, search and backups from the command line, over an archive that a real `pandu serve`
//! wrote: comments pushed through the API, some tagged, then a clean stop; then `pandu report`,
//! `pandu search`, `pandu backup` and `pandu sessions` on the file.

mod common;

use std::path::{Path, PathBuf};

use common::{Served, json_lines, run, wait_for};
use serde_json::{Value, json};

const TOKEN: &str = "l4p0r4n";
const ZONE: &str = "Asia/Jakarta";
const BOM: &str = "\u{FEFF}";

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn call(served: &Served, method: &str, path: &str, body: Value) -> (u16, Value) {
    served.request(method, path, Some(TOKEN), &if body.is_null() { String::new() } else { body.to_string() })
}

/// One pushed comment and how it gets tagged (if it does).
struct Said {
    id: &'static str,
    handle: &'static str,
    nickname: &'static str,
    text: &'static str,
    /// kind, product, note, answered
    tag: Option<(&'static str, &'static str, &'static str, bool)>,
}

const FIRST_LIVE: [Said; 6] = [
    Said {
        id: "k-1",
        handle: "sari.id",
        nickname: "Sari 🌸",
        text: "paket belum sampai kak 😭 udah seminggu",
        tag: Some(("complaint", "Gamis Novilla", "telat — cek ekspedisi 🚚", false)),
    },
    Said { id: "u-1", handle: "budi", nickname: "Budi", text: "halo kak salam kenal", tag: None },
    Said {
        id: "q-1",
        handle: "dewi",
        nickname: "Dewi",
        text: "berapa ongkirnya ke medan kak",
        tag: Some(("question", "Gamis Novilla", "", false)),
    },
    Said {
        id: "k-2",
        handle: "rina_",
        nickname: "Rina",
        text: "=HYPERLINK(\"http://x.co\",\"klik\") ukuran kekecilan",
        tag: Some(("complaint", "Hijab Pashmina", "ukuran", false)),
    },
    Said {
        id: "q-2",
        handle: "ayu",
        nickname: "Ayu 🌷",
        text: "ready ukuran L kak?",
        tag: Some(("question", "Gamis Novilla", "", true)),
    },
    Said {
        id: "p-1",
        handle: "tono",
        nickname: "Tono",
        text: "bahannya adem bgt 👍🏼 mantap",
        tag: Some(("praise", "Gamis Novilla", "minta gratis ongkir 🙏", false)),
    },
];

const SECOND_LIVE: [Said; 1] = [Said {
    id: "k-3",
    handle: "lina",
    nickname: "Lina",
    text: "resletingnya rusak kak 😡",
    tag: Some(("complaint", "Kursi Avenco", "retur", false)),
}];

/// A live through `pandu serve`: pushes `said` (timestamps from now, a millisecond apart),
/// tags what it says, stops cleanly. The comments' timestamps.
fn live(home: &Path, db: &Path, said: &[Said]) -> Vec<i64> {
    let served = Served::start_on(home, db, TOKEN, "none");
    let start = now_ms();
    let stamps: Vec<i64> = (0..said.len() as i64).map(|i| start + i).collect();
    let events: Vec<Value> = said
        .iter()
        .zip(&stamps)
        .map(|(s, ts)| {
            json!({"id": s.id, "ts": ts, "source": "push", "type": "comment",
                   "user": {"id": format!("u-{}", s.handle), "unique_id": s.handle, "nickname": s.nickname},
                   "text": s.text})
        })
        .collect();
    let (status, outcome) = call(&served, "POST", "/api/ingest", Value::Array(events));
    assert_eq!((status, outcome["accepted"].as_u64()), (200, Some(said.len() as u64)), "{outcome}");
    for s in said {
        let Some((kind, product, note, answered)) = s.tag else { continue };
        let request = json!({"comment_id": s.id, "kind": kind, "product": product, "note": note});
        let mut answer = (0, Value::Null);
        wait_for("the comment to be taggable", || {
            answer = call(&served, "POST", "/api/feedback", request.clone());
            answer.0 != 400
        });
        assert_eq!(answer.0, 201, "{request}: {}", answer.1);
        if answered {
            let id = answer.1["id"].as_i64().unwrap();
            assert_eq!(call(&served, "POST", &format!("/api/feedback/{id}/answered"), Value::Null).0, 200);
        }
    }
    let stderr = served.stop();
    assert!(stderr.contains(&format!("{} events archived", said.len())), "{stderr}");
    stamps
}

struct Archive {
    home: tempfile::TempDir,
    db: PathBuf,
    first: Vec<i64>,
    second: Vec<i64>,
    week: String,
}

impl Archive {
    /// Two lives: the first with six comments (five tagged), the second with one (tagged).
    fn build() -> Archive {
        let home = tempfile::tempdir().unwrap();
        let db = home.path().join("arsip.db");
        let first = live(home.path(), &db, &FIRST_LIVE);
        let second = live(home.path(), &db, &SECOND_LIVE);
        // Both lives started this week (in WIB), which is the week the reports below ask for.
        let week = pandu::report::week_of(first[0], ZONE).unwrap();
        assert_eq!(pandu::report::week_of(second[0], ZONE).unwrap(), week, "the test ran across a week's end");
        Archive { home, db, first, second, week }
    }

    fn db(&self) -> &str {
        self.db.to_str().unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    /// `pandu ARGS`, which must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = run(self.home.path(), args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    /// `pandu report` of the week of both lives with `more` arguments, which must succeed; its stdout.
    fn weekly(&self, more: &[&str]) -> String {
        let mut args = vec!["report", "--db", self.db(), "--week", &self.week];
        args.extend_from_slice(more);
        self.ok(&args)
    }

    /// `pandu ARGS`, which must fail with exit code 1; its stderr.
    fn fails(&self, args: &[&str]) -> String {
        let output = run(self.home.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&output.stdout));
        assert!(output.stdout.is_empty(), "{args:?} wrote: {}", String::from_utf8_lossy(&output.stdout));
        String::from_utf8(output.stderr).unwrap()
    }
}

fn zoned(ms: i64) -> jiff::Zoned {
    jiff::Timestamp::from_millisecond(ms).unwrap().to_zoned(jiff::tz::TimeZone::get(ZONE).unwrap())
}

/// `2026-11-30 19:05:07`, as the CSV writes times.
fn csv_time(ms: i64) -> String {
    zoned(ms).strftime("%Y-%m-%d %H:%M:%S").to_string()
}

/// `Sen, 30 Nov 2026 19.05`, as the Markdown writes times.
fn long_time(ms: i64) -> String {
    let at = zoned(ms);
    let weekday = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"][at.weekday().to_monday_zero_offset() as usize];
    let month =
        ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"][at.month() as usize - 1];
    format!("{weekday}, {} {month} {} {:02}.{:02}", at.day(), at.year(), at.hour(), at.minute())
}

/// The CSV's rows (header first), after checking the BOM and the CRLF line ends.
fn csv_rows(content: &str) -> Vec<Vec<String>> {
    let body = content.strip_prefix(BOM).unwrap_or_else(|| panic!("no UTF-8 BOM: {:?}", &content[..20]));
    assert!(!body.starts_with(BOM));
    assert!(body.ends_with("\r\n"), "{body:?}");
    assert!(!body.replace("\r\n", "").contains(['\n', '\r']), "a bare line end: {body:?}");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body.as_bytes());
    reader.records().map(|record| record.unwrap().iter().map(str::to_owned).collect()).collect()
}

const HEADER: [&str; 9] = ["waktu", "jenis", "produk", "nama", "akun", "komentar", "catatan", "dijawab", "live"];

/// The CSV row a tag of `said` at `ts` in live `session` should be (minus the answered time).
fn expected_row(said: &Said, ts: i64, session: i64) -> Vec<String> {
    let (kind, product, note, _) = said.tag.unwrap();
    let kind = match kind {
        "complaint" => "keluhan",
        "question" => "pertanyaan",
        "praise" => "pujian",
        other => panic!("{other}"),
    };
    let text = if said.text.starts_with('=') { format!("'{}", said.text) } else { said.text.to_owned() };
    [&csv_time(ts), kind, product, said.nickname, &format!("'@{}", said.handle), &text, note, "", &session.to_string()]
        .iter()
        .map(|cell| cell.to_string())
        .collect()
}

#[test]
fn weekly_csv_is_one_row_per_tag_with_bom_crlf_and_text_intact() {
    let archive = Archive::build();
    let out = archive.path("mingguan.csv");
    let stdout = archive.weekly(&["--format", "csv", "--time-zone", ZONE, "--out", out.to_str().unwrap()]);
    assert_eq!(stdout, "", "with --out nothing goes to stdout");
    let content = std::fs::read_to_string(&out).unwrap();
    let rows = csv_rows(&content);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 1 + 6, "one row per tag (five in the first live, one in the second): {rows:?}");
    assert_eq!(content.matches("\r\n").count(), 7);

    let tagged: Vec<(&Said, i64, i64)> = FIRST_LIVE
        .iter()
        .zip(&archive.first)
        .map(|(said, ts)| (said, *ts, 1))
        .chain(SECOND_LIVE.iter().zip(&archive.second).map(|(said, ts)| (said, *ts, 2)))
        .filter(|(said, _, _)| said.tag.is_some())
        .collect();
    for ((said, ts, session), row) in tagged.iter().zip(&rows[1..]) {
        let mut row = row.clone();
        let answered = std::mem::take(&mut row[7]);
        assert_eq!(row, expected_row(said, *ts, *session), "{}", said.id);
        if said.tag.unwrap().3 {
            // Answered within the run: the same day, a time after the comment's.
            assert!(answered.len() == 19 && answered >= csv_time(*ts), "{}: answered {answered:?}", said.id);
        } else {
            assert_eq!(answered, "", "{}", said.id);
        }
    }
    // Read back: the emoji and the Indonesian text are the bytes that were pushed.
    assert_eq!(rows[1][5], "paket belum sampai kak 😭 udah seminggu");
    assert_eq!((rows[1][3].as_str(), rows[1][6].as_str()), ("Sari 🌸", "telat — cek ekspedisi 🚚"));
    assert_eq!(rows[5][5], "bahannya adem bgt 👍🏼 mantap");
    assert_eq!(rows[3][5], "'=HYPERLINK(\"http://x.co\",\"klik\") ukuran kekecilan", "a formula is made text");

    // The same days as dates, and the settings' zone (WIB) when none is given: the same file.
    let day = zoned(archive.first[0]).date().to_string();
    let by_dates = archive.ok(&["report", "--db", archive.db(), "--from", &day, "--to", &day, "--format", "csv"]);
    if zoned(archive.second[0]).date() == zoned(archive.first[0]).date() {
        assert_eq!(by_dates, content);
    }
    let by_week = archive.weekly(&["--format", "csv"]);
    assert_eq!(by_week, content);
}

#[test]
fn markdown_has_the_sections_and_the_tagged_complaints_and_html_is_one_file_without_scripts() {
    let archive = Archive::build();
    let md = archive.weekly(&["--format", "md", "--time-zone", ZONE]);
    // Markdown escapes every text it writes, its own too: "2026\-W49" reads "2026-W49".
    assert!(md.starts_with(&format!("# Laporan Live — {}\n", archive.week.replace('-', "\\-"))), "{md}");
    let headings: Vec<&str> = md.lines().filter_map(|line| line.strip_prefix("## ")).collect();
    assert_eq!(
        headings,
        [
            "Ringkasan",
            "Live",
            "Komentar yang ditandai moderasi",
            "Flash sale",
            "Masukan penonton",
            "Keluhan",
            "Pertanyaan yang belum dijawab",
            "Yang paling sering ditanyakan",
            "Info produk yang perlu dilengkapi",
            "Pengguna yang dibisukan",
            "Kapan sebaiknya live"
        ]
    );
    let section = |heading: &str| -> String {
        let start = md.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no {heading}"));
        let rest = &md[start + heading.len() + 5..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let complaints = section("Keluhan");
    let row = |said: &Said, ts: i64, escaped_text: &str| {
        let (_, product, note, _) = said.tag.unwrap();
        format!("| {} | {} | @{} | {escaped_text} | {product} | {note} |", long_time(ts), said.nickname, said.handle)
    };
    let complaint_rows: Vec<&str> = complaints.lines().filter(|line| line.starts_with("| ")).skip(2).collect();
    assert_eq!(
        complaint_rows,
        [
            row(&FIRST_LIVE[0], archive.first[0], "paket belum sampai kak 😭 udah seminggu").as_str(),
            &row(&FIRST_LIVE[3], archive.first[3], "=HYPERLINK\\(\"http://x.co\",\"klik\"\\) ukuran kekecilan")
                .replace("rina_", "rina\\_"),
            &row(&SECOND_LIVE[0], archive.second[0], "resletingnya rusak kak 😡"),
        ],
        "{complaints}"
    );
    let open = section("Pertanyaan yang belum dijawab");
    assert!(open.contains("| berapa ongkirnya ke medan kak |"), "{open}");
    assert!(!open.contains("ready ukuran L kak"), "an answered question is not open: {open}");
    assert!(!md.contains("halo kak salam kenal"), "an untagged comment is in no list");

    let out = archive.path("html-out");
    std::fs::create_dir(&out).unwrap();
    let file = out.join("laporan.html");
    archive.weekly(&["--format", "html", "--out", file.to_str().unwrap()]);
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(written, ["laporan.html"], "one file, no asset folder");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.contains("<svg"), "the charts are inline SVG");
    assert!(!html.to_ascii_lowercase().contains("<script"), "no script");
    assert!(!html.contains("<link") && !html.contains("src=\"http"), "nothing fetched");
    assert!(html.contains("paket belum sampai kak 😭 udah seminggu") && html.contains("Sari 🌸"));
    assert!(!html.contains("=HYPERLINK(\"http"), "quotes in untrusted text are escaped");
}

#[test]
fn a_report_on_one_live_and_bad_scopes_or_paths_are_refused_by_name() {
    let archive = Archive::build();
    let csv_of = |session: &str| {
        csv_rows(&archive.ok(&["report", "--db", archive.db(), "--session", session, "--format", "csv"]))
    };
    let first = csv_of("1");
    assert_eq!(
        first[1..].iter().map(|row| row[5].as_str()).collect::<Vec<_>>(),
        [
            FIRST_LIVE[0].text,
            FIRST_LIVE[2].text,
            &format!("'{}", FIRST_LIVE[3].text),
            FIRST_LIVE[4].text,
            FIRST_LIVE[5].text
        ]
    );
    assert!(first[1..].iter().all(|row| row[8] == "1"));
    let second = csv_of("2");
    assert_eq!(second.len(), 2, "{second:?}");
    assert_eq!((second[1][5].as_str(), second[1][8].as_str()), ("resletingnya rusak kak 😡", "2"));
    let md = archive.ok(&["report", "--db", archive.db(), "--session", "2", "--format", "md"]);
    assert!(md.starts_with("# Laporan Live — Live \\#2\n"), "{md}");
    assert!(md.contains("resletingnya rusak kak 😡") && !md.contains("paket belum sampai"), "{md}");

    let message = archive.fails(&["report", "--db", archive.db(), "--session", "9", "--format", "md"]);
    assert!(message.contains('9'), "{message}");
    let message = archive.fails(&["report", "--db", archive.db(), "--week", "2026-W99", "--format", "csv"]);
    assert!(message.contains("week") && message.contains("2026-W99"), "{message}");
    let message = archive.fails(&["report", "--db", archive.db(), "--from", "2026-12-09", "--to", "2026-12-01"]);
    assert!(message.contains("to") && message.contains("2026-12-01"), "{message}");
    let message =
        archive.fails(&["report", "--db", archive.db(), "--week", &archive.week, "--time-zone", "Mars/Olympus"]);
    assert!(message.contains("Mars/Olympus"), "{message}");

    // A missing archive is named, and neither it nor the report is created.
    let missing = archive.path("salah-ketik/arsip.db");
    let out = archive.path("tidak-dibuat.csv");
    let message = archive.fails(&[
        "report",
        "--db",
        missing.to_str().unwrap(),
        "--week",
        &archive.week,
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(message.contains(missing.to_str().unwrap()), "{message}");
    assert!(!missing.exists() && !missing.parent().unwrap().exists() && !out.exists());
    let missing = archive.path("arsip-lama.db");
    let message = archive.fails(&["report", "--db", missing.to_str().unwrap(), "--format", "md"]);
    assert!(message.contains("arsip-lama.db"), "{message}");
    assert!(!missing.exists());
}

#[test]
fn search_prints_json_lines_and_a_backup_is_a_working_archive() {
    let archive = Archive::build();
    let hits = json_lines(archive.home.path(), &["search", "--db", archive.db(), "ongkir"]);
    // "ongkirnya" by prefix, and the praise by its tag's note; newest first.
    assert_eq!(
        hits.iter().map(|hit| hit["comment_id"].as_str().unwrap()).collect::<Vec<_>>(),
        ["p-1", "q-1"],
        "{hits:?}"
    );
    assert_eq!(
        (hits[0]["note"].as_str(), hits[0]["kind"].as_str(), hits[0]["text"].as_str()),
        (Some("minta gratis ongkir 🙏"), Some("praise"), Some("bahannya adem bgt 👍🏼 mantap"))
    );
    assert_eq!(
        (hits[1]["text"].as_str(), hits[1]["nickname"].as_str(), hits[1]["ts"].as_i64(), hits[1]["session"].as_i64()),
        (Some("berapa ongkirnya ke medan kak"), Some("Dewi"), Some(archive.first[2]), Some(1))
    );
    let limited = json_lines(archive.home.path(), &["search", "--db", archive.db(), "ongkir", "--limit", "1"]);
    assert_eq!(limited, hits[..1]);
    assert_eq!(
        json_lines(archive.home.path(), &["search", "--db", archive.db(), "ongkir", "papua"]),
        Vec::<Value>::new()
    );
    assert_eq!(
        run(archive.home.path(), &["search", "--db", archive.db(), "ongkir", "--limit", "0"]).status.code(),
        Some(2)
    );

    let copy = archive.path("cadangan/arsip-2026.db");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    archive.ok(&["backup", "--db", archive.db(), "--out", copy.to_str().unwrap()]);
    let sessions = json_lines(archive.home.path(), &["sessions", "--db", archive.db()]);
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    assert_eq!(
        sessions.iter().map(|s| (s["id"].as_i64(), s["comments"].as_u64())).collect::<Vec<_>>(),
        [(Some(1), Some(6)), (Some(2), Some(1))]
    );
    assert_eq!(json_lines(archive.home.path(), &["sessions", "--db", copy.to_str().unwrap()]), sessions);
    assert_eq!(json_lines(archive.home.path(), &["search", "--db", copy.to_str().unwrap(), "ongkir"]), hits);
    let report = |db: &Path| archive.ok(&["report", "--db", db.to_str().unwrap(), "--session", "1", "--format", "csv"]);
    assert_eq!(report(&copy), report(&archive.db));

    // Restoring is using the copy as the archive: Pandu serves it with every tag.
    let served = Served::start_on(archive.home.path(), &copy, TOKEN, "none");
    let (status, tags) = call(&served, "GET", "/api/feedback", Value::Null);
    assert_eq!(status, 200);
    let texts: Vec<&str> = tags.as_array().unwrap().iter().map(|tag| tag["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 6, "{tags}");
    assert_eq!((texts[0], texts[5]), (FIRST_LIVE[0].text, SECOND_LIVE[0].text));
    let (_, found) = call(&served, "GET", "/api/search?q=ongkir", Value::Null);
    assert_eq!(found.as_array().unwrap().len(), 2, "{found}");
    served.stop();

    let nowhere = archive.path("tidak-ada.db");
    let not_made = archive.path("x.db");
    let message = archive.fails(&["backup", "--db", nowhere.to_str().unwrap(), "--out", not_made.to_str().unwrap()]);
    assert!(message.contains("tidak-ada.db"), "{message}");
    assert!(!nowhere.exists() && !not_made.exists());
}
