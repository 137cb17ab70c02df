use super::*;
use crate::answers::{Fact, QuestionKind};
use crate::event::{Category, FeedbackKind};
use crate::feedback::FeedbackEntry;
use crate::report::{
    AskedCount, CategoryCount, FlashSaleOutcome, KindCount, LiveReport, Marker, MarkerKind, MinuteCount, MissingFact,
    ProductCounts, Report, ReportScope, ScopeKind, TimeSlot, Totals,
};
use crate::store::{Gap, MutedUser};

/// Monday 30 November 2026, 19.00 in Jakarta (12.00 UTC).
const START: i64 = 1_796_040_000_000;
const MINUTE: i64 = 60_000;

const XSS: &str = "<img src=x onerror=alert(1)>";
const SCRIPT_PRODUCT: &str = "<script>alert(1)</script> & \"quotes\"";
const LINK: &str = "[link](http://x)";

fn entry(
    id: i64,
    kind: FeedbackKind,
    minute: i64,
    nickname: &str,
    text: &str,
    product: &str,
    note: &str,
) -> FeedbackEntry {
    FeedbackEntry {
        id,
        session: Some(12),
        comment_id: format!("c{id}"),
        comment_ts: START + minute * MINUTE + 7_000,
        unique_id: format!("user{id}"),
        nickname: nickname.to_owned(),
        text: text.to_owned(),
        kind,
        product: (!product.is_empty()).then(|| product.to_owned()),
        note: note.to_owned(),
        created_at: START + minute * MINUTE + 9_000,
        answered_at: None,
        answer: None,
        missing: vec![],
    }
}

/// Every kind of feedback, with Indonesian text, emoji and hostile text.
fn entries() -> Vec<FeedbackEntry> {
    let mut praise = entry(4, FeedbackKind::Praise, 9, "Budi", "bagus banget kak 👍", "Gamis Novilla", "");
    praise.session = None;
    let mut answered = entry(5, FeedbackKind::Question, 10, "Rina", "ada ukuran XL?", "Gamis Novilla", "sudah");
    answered.answered_at = Some(START + 12 * MINUTE);
    vec![
        entry(
            1,
            FeedbackKind::Complaint,
            2,
            "Sari 🌸",
            "paket belum sampai 😭, kurirnya ke mana?",
            "Gamis Novilla",
            "cek resi",
        ),
        entry(2, FeedbackKind::Question, 3, XSS, LINK, XSS, XSS),
        entry(3, FeedbackKind::Request, 5, "-_- Dodi", "=HYPERLINK(\"http://evil.example\",\"klik\")", "", "+62 812"),
        praise,
        answered,
    ]
}

fn dropped() -> crate::ingest::SourceReason {
    crate::ingest::SourceReason::TiktokDropped
}

fn report() -> Report {
    let entries = entries();
    let timeline: Vec<MinuteCount> = (0..20)
        .map(|m| MinuteCount { minute: START + m * MINUTE, comments: [3, 8, 15, 30, 12][m as usize % 5] })
        .collect();
    let markers = vec![
        Marker { at: START + 4 * MINUTE, kind: MarkerKind::FlashSale, label: SCRIPT_PRODUCT.to_owned() },
        Marker { at: START + 10 * MINUTE, kind: MarkerKind::Slot, label: "Gamis Novilla".to_owned() },
    ];
    let gaps = vec![
        Gap::new(12, "tiktok".to_owned(), START + 8 * MINUTE, Some(START + 8 * MINUTE + 42_000), dropped()),
        Gap::new(12, "tiktok".to_owned(), START + 15 * MINUTE, Some(START + 15 * MINUTE + 30_000), dropped()),
    ];
    let live = LiveReport {
        session: 12,
        source: "tiktok".to_owned(),
        started_at: START,
        ended_at: Some(START + 20 * MINUTE),
        minutes: 20,
        comments: 360,
        commenters: 41,
        peak_per_minute: Some(MinuteCount { minute: START + 3 * MINUTE, comments: 30 }),
        viewers_peak: Some(1_250),
        viewers_average: Some(812.4),
        feedback: 5,
        axis: crate::report::TimeAxis::of(
            &timeline,
            &markers,
            &[],
            START,
            &jiff::tz::TimeZone::get("Asia/Jakarta").unwrap(),
        ),
        timeline,
        markers,
        gap_total: crate::report::GapTotal::of(&gaps, 20 * MINUTE, START + 20 * MINUTE),
        gaps,
    };
    Report {
        scope: ReportScope {
            kind: ScopeKind::Session,
            session: Some(12),
            label: "Live #12".to_owned(),
            from: START,
            to: START + 20 * MINUTE,
            time_zone: "Asia/Jakarta".to_owned(),
        },
        generated_at: START + 60 * MINUTE,
        totals: Totals {
            lives: 1,
            minutes: 20,
            comments: 360,
            commenters: 41,
            peak_per_minute: Some(MinuteCount { minute: START + 3 * MINUTE, comments: 30 }),
            viewers_peak: Some(1_250),
            viewers_average: Some(812.4),
            flagged: 3,
            muted: 1,
            flash_sales: 2,
            feedback: 5,
            gaps: crate::report::GapTotal { count: 2, total_ms: 72_000, share: 0.06 },
        },
        lives: vec![live],
        flagged: vec![CategoryCount { category: crate::event::Category::Competitor, comments: 3 }],
        muted: vec![MutedUser { unique_id: "spammer88".to_owned(), nickname: XSS.to_owned(), muted_at: START }],
        flash_sales: vec![
            FlashSaleOutcome {
                product: SCRIPT_PRODUCT.to_owned(),
                price: "Rp99.000".to_owned(),
                stock: Some(20),
                starts_at: START + 4 * MINUTE,
                window_seconds: 300,
                ended_at: Some(START + 9 * MINUTE),
                end_reason: Some(crate::store::FlashSaleEnd::Expired),
            },
            FlashSaleOutcome {
                product: "Hijab Pashmina".to_owned(),
                price: "Rp45.000".to_owned(),
                stock: None,
                starts_at: START + 15 * MINUTE,
                window_seconds: 90,
                ended_at: None,
                end_reason: None,
            },
        ],
        feedback_by_kind: vec![
            KindCount { kind: FeedbackKind::Complaint, count: 1 },
            KindCount { kind: FeedbackKind::Question, count: 2 },
            KindCount { kind: FeedbackKind::Request, count: 1 },
            KindCount { kind: FeedbackKind::Praise, count: 1 },
        ],
        feedback_by_product: vec![
            ProductCounts {
                product: Some("Gamis Novilla".to_owned()),
                complaint: 1,
                question: 1,
                request: 0,
                praise: 1,
                total: 3,
            },
            ProductCounts { product: Some(XSS.to_owned()), complaint: 0, question: 1, request: 0, praise: 0, total: 1 },
            ProductCounts { product: None, complaint: 0, question: 0, request: 1, praise: 0, total: 1 },
        ],
        complaints: vec![entries[0].clone()],
        open_questions: vec![entries[1].clone()],
        asked: vec![
            AskedCount {
                product: Some("Gamis Novilla".to_owned()),
                kind: Some(QuestionKind::Size),
                questions: 7,
                example: "ukuran XL ada kak? 🙏".to_owned(),
            },
            AskedCount { product: Some("Gamis Novilla".to_owned()), kind: None, questions: 2, example: XSS.to_owned() },
        ],
        missing_facts: vec![MissingFact { product: Some(XSS.to_owned()), fact: Fact::Sizes, questions: 3 }],
        best_times: vec![
            TimeSlot {
                weekday: 1,
                hour: 19,
                lives: 4,
                comments_per_minute: 18.25,
                viewers_average: Some(800.0),
                feedback_per_live: 5.5,
            },
            TimeSlot {
                weekday: 7,
                hour: 23,
                lives: 2,
                comments_per_minute: 9.0,
                viewers_average: None,
                feedback_per_live: 1.0,
            },
        ],
    }
}

fn empty_report() -> Report {
    let mut report = report();
    report.totals = Totals::default();
    report.lives.clear();
    report.flagged.clear();
    report.muted.clear();
    report.flash_sales.clear();
    report.feedback_by_kind.clear();
    report.feedback_by_product.clear();
    report.complaints.clear();
    report.open_questions.clear();
    report.asked.clear();
    report.missing_facts.clear();
    report.best_times.clear();
    report
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{FEFF}').expect("a BOM");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_csv_has_a_bom_crlf_and_reads_back_cell_for_cell() {
    let text = csv(&entries(), "Asia/Jakarta");
    assert!(text.starts_with("\u{FEFF}waktu,jenis,produk,nama,akun,komentar,catatan,dijawab,live\r\n"));
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[1],
        [
            "2026-11-30 19:02:07",
            "keluhan",
            "Gamis Novilla",
            "Sari 🌸",
            "'@user1",
            "paket belum sampai 😭, kurirnya ke mana?",
            "cek resi",
            "",
            "12"
        ]
    );
    assert_eq!(rows[2][5], LINK);
    assert_eq!(rows[2][3], XSS);
    assert_eq!(rows[4][1], "pujian");
    assert_eq!(rows[4][8], "", "no session, no live");
    assert_eq!(rows[5][7], "2026-11-30 19:12:00");
}

#[test]
fn the_csv_neutralises_formulas_in_typed_text() {
    let rows = parse_csv(&csv(&entries(), "Asia/Jakarta"));
    let request = &rows[3];
    assert_eq!(request[5], "'=HYPERLINK(\"http://evil.example\",\"klik\")");
    assert_eq!(request[3], "'-_- Dodi");
    assert_eq!(request[6], "'+62 812");
    assert_eq!(request[2], "", "no product");
    for row in &rows[1..] {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "unguarded cell {cell:?}");
        }
    }
}

#[test]
fn the_csv_falls_back_to_jakarta_for_an_unknown_zone() {
    let rows = parse_csv(&csv(&entries()[..1], "Mars/Olympus"));
    assert_eq!(rows[1][0], "2026-11-30 19:02:07");
    assert_eq!(parse_csv(&csv(&entries()[..1], "UTC"))[1][0], "2026-11-30 12:02:07");
}

#[test]
fn the_markdown_has_every_section_in_indonesian() {
    let text = markdown(&report());
    for heading in [
        "# Laporan Live — Live \\#12",
        "## Ringkasan",
        "## Live",
        "### Live \\#12 — Sen, 30 Nov 2026 19.00",
        "## Komentar yang ditandai moderasi",
        "## Flash sale",
        "## Masukan penonton",
        "### Per jenis",
        "### Per produk",
        "## Keluhan",
        "## Pertanyaan yang belum dijawab",
        "## Yang paling sering ditanyakan",
        "## Info produk yang perlu dilengkapi",
        "## Pengguna yang dibisukan",
        "## Kapan sebaiknya live",
    ] {
        assert!(text.contains(&format!("{heading}\n")), "missing {heading:?} in\n{text}");
    }
    assert!(text.contains("| Komentar | 360 |"));
    assert!(text.contains("| Rata\\-rata penonton | 812,4 |"));
    assert!(
        text.contains("| Sari 🌸 | @user1 | paket belum sampai 😭, kurirnya ke mana? | Gamis Novilla | cek resi |")
    );
    assert!(text.contains("habis waktu"));
    assert!(text.contains("masih berjalan"));
    assert!(text.contains("| Senin | 19.00–20.00 | 4 | 18,3 |"));
    assert!(text.contains("| Minggu | 23.00–00.00 | 2 | 9,0 |"));
    assert!(text.contains("| Pertanyaan | 2 |"));
    assert!(text.contains("| Gamis Novilla | ukuran | 7 | ukuran XL ada kak? 🙏 |"), "{text}");
    assert!(text.contains("| Gamis Novilla | lainnya | 2 |"));
    assert!(text.contains("| ukuran | 3 |"), "the missing fact, in Indonesian");
    assert!(!text.contains("<svg"));
}

#[test]
fn the_markdown_escapes_links_html_and_table_breaks() {
    let mut report = report();
    report.complaints[0].text = "a | b\nc".to_owned();
    let text = markdown(&report);
    assert!(!text.contains(LINK));
    assert!(text.contains(r"\[link\]\(http://x\)"));
    assert!(!text.replace(r"\<", "").contains('<'), "every < is escaped");
    assert!(text.contains(r"\<img src=x onerror=alert\(1\)\>"));
    assert!(text.contains(r#"\<script\>alert\(1\)\</script\> \& "quotes""#));
    assert!(text.contains(r"a \| b c"), "the pipe is escaped and the newline is a space");
    for line in text.lines().filter(|line| line.starts_with('|')) {
        let unescaped = line.replace(r"\\", "").replace(r"\|", "");
        assert!(unescaped.ends_with('|'));
    }
}

fn html_without_user_text(html: &str) -> String {
    let mut rest = html.to_owned();
    for user_text in [XSS, SCRIPT_PRODUCT, LINK, "=HYPERLINK(\"http://evil.example\",\"klik\")"] {
        rest = rest.replace(&html::escape(user_text), "");
    }
    rest
}

#[test]
fn the_html_is_self_contained_and_runs_nothing() {
    let html = html(&report());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    assert!(!html.to_lowercase().contains("<script"));
    let rest = html_without_user_text(&html);
    assert!(!rest.to_lowercase().contains("onerror"), "no event handler outside escaped user text");
    assert!(!rest.contains("http://") && !rest.contains("https://"), "an address outside user text");
    assert!(!rest.contains("url("), "no CSS fetch");
    assert!(html.contains("@page { size: A4; margin: 14mm; }"));
    assert!(html.contains("@media print"));
    assert!(html.contains("svg { display: block; max-width: 100%; height: auto; }"));
    assert!(html.contains("tr { break-inside: avoid;"));
}

#[test]
fn the_html_escapes_untrusted_text_everywhere() {
    let html = html(&report());
    assert!(!html.contains(XSS));
    let escaped = "&lt;img src=x onerror=alert(1)&gt;";
    // Nickname and note of the open question, the product's row, the muted user, an asked
    // question's example and a product missing a fact.
    assert!(html.matches(escaped).count() >= 6, "{}", html.matches(escaped).count());
    assert!(html.contains(&format!("<td>{escaped}</td><td>@user2</td>")), "the nickname");
    assert!(!html.contains(SCRIPT_PRODUCT));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(html.contains("Sari 🌸") && html.contains("paket belum sampai 😭, kurirnya ke mana?"));
}

#[test]
fn the_html_has_charts_with_marker_labels_that_plotters_escapes() {
    let html = html(&report());
    assert_eq!(html.matches("<svg").count(), 3, "a timeline, feedback by kind, best times");
    let timeline = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(timeline.contains("Slot: Gamis Novilla"));
    // plotters escapes the text it draws: the hostile product reads as text, once escaped.
    assert!(timeline.contains("Flash sale: &lt;script&gt;alert(1)&lt;/script&gt; &amp;…"), "{timeline}");
    assert!(!timeline.contains("&amp;lt;"), "not escaped twice");
    assert!(!timeline.contains("xmlns"));
    assert!(html.contains("Senin 19.00–20.00"));
    assert!(html.contains("Keluhan"));
}

#[test]
fn plotters_svg_backend_escapes_the_text_it_draws() {
    let bars = vec![(SCRIPT_PRODUCT.to_owned(), 3.0)];
    let svg = charts::bars(&bars, |value| value.to_string()).unwrap();
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), "{svg}");
}

#[test]
fn an_empty_report_says_there_is_no_data() {
    let report = empty_report();
    let text = markdown(&report);
    assert!(text.contains("Belum ada data untuk periode ini."));
    assert!(text.contains("## Kapan sebaiknya live\n\nBelum ada data."));
    let html = html(&report);
    assert!(html.contains("Belum ada data"));
    assert!(!html.contains("<svg"));
    assert_eq!(csv(&[], "Asia/Jakarta"), "\u{FEFF}waktu,jenis,produk,nama,akun,komentar,catatan,dijawab,live\r\n");
}

#[test]
fn a_live_without_comments_or_markers_renders() {
    let mut report = report();
    report.lives[0].timeline.clear();
    report.lives[0].markers.clear();
    let html = html(&report);
    assert!(html.contains("Belum ada komentar."));
    assert!(html.contains("Tanpa flash sale atau slot."));
}

#[test]
fn numbers_times_and_names_read_as_indonesian() {
    assert_eq!(number(0), "0");
    assert_eq!(number(999), "999");
    assert_eq!(number(1_234_567), "1.234.567");
    assert_eq!(decimal(18.25), "18,3");
    assert_eq!(decimal(1234.0), "1.234,0");
    assert_eq!(duration(300), "5 menit");
    assert_eq!(duration(90), "1 menit 30 detik");
    assert_eq!(duration(45), "45 detik");
    assert_eq!(hour_range(23), "23.00–00.00");
    let local = LocalTime::new("Asia/Jakarta");
    assert_eq!(local.long(START + 5 * MINUTE), "Sen, 30 Nov 2026 19.05");
    assert_eq!(local.long(START + 6 * 86_400_000), "Min, 6 Des 2026 19.00");
    assert_eq!(local.time(START), "19.00");
    assert_eq!(local.long(i64::MAX), "?");
    assert_eq!(weekday_name(7), "Minggu");
    assert_eq!(weekday_name(0), "?");
}

#[test]
fn gaps_are_said_on_the_timeline_with_how_much_of_the_live_they_cover() {
    let report = report();
    let text = markdown(&report);
    assert!(text.contains("| Sumber terputus | 2 kali terputus, total 1:12 \\(6% dari waktu live\\) |"), "{text}");
    assert!(
        text.contains("2 kali terputus, total 1:12 \\(6% dari waktu live\\); komentar selama itu mungkin tidak masuk.")
    );
    assert!(text.contains("| 19.08 | 19.08 | 0:42 | tiktok | koneksi terputus |"), "{text}");
    assert!(text.contains("| 19.15 | 19.15 | 0:30 | tiktok | koneksi terputus |"), "{text}");
    let html = html(&report);
    assert!(html.contains("saat sumber terputus (abu-abu)"));
    // Two shaded spans behind the line, in the gap colour.
    assert_eq!(html.matches("fill=\"#CCCCCC\"").count(), 2, "the gaps are shaded on the chart");
    let empty = markdown(&empty_report());
    assert!(empty.contains("| Sumber terputus | Tidak pernah terputus |"), "{empty}");
}

#[test]
fn gap_lengths_and_shares_read_as_people_say_them() {
    assert_eq!(clock_duration(42_000), "0:42");
    assert_eq!(clock_duration(72_400), "1:12");
    assert_eq!(clock_duration(3_725_000), "1:02:05");
    assert_eq!(percent(0.02), "2%");
    assert_eq!(percent(0.004), "0,4%");
    assert_eq!(percent(0.0), "0%");
}

/// An agency of `shops` shops, one host each, the first one named by a stranger.
fn agency_report(shops: usize) -> crate::hub::report::AgencyReport {
    use crate::hub::report::{AgencyCategory, AgencyReport, AgencyRow, AgencyScope, AgencyTotals, BestHour, ShopRow};
    let totals =
        |comments: u64| AgencyTotals { lives: 1, minutes: 60, comments, flagged: comments / 10, ..Default::default() };
    let name = |index: usize| if index == 0 { XSS.to_owned() } else { format!("Toko {index}") };
    let shop_rows: Vec<ShopRow> =
        (0..shops).map(|index| ShopRow { shop: name(index), totals: totals(1_000 - index as u64) }).collect();
    AgencyReport {
        scope: AgencyScope {
            label: "2026-W49".into(),
            from: START,
            to: START + 7 * 24 * 60 * MINUTE,
            time_zone: "Asia/Jakarta".into(),
            ..Default::default()
        },
        generated_at: START,
        totals: totals(shop_rows.iter().map(|row| row.totals.comments).sum()),
        hosts: (0..shops).map(|index| AgencyRow { name: format!("Host {index}"), totals: totals(900) }).collect(),
        products: vec![AgencyRow {
            name: "Gamis Novilla".into(),
            totals: AgencyTotals { questions: 4, ..Default::default() },
        }],
        flagged: vec![
            AgencyCategory { category: "competitor".into(), comments: 30 },
            AgencyCategory { category: "from-a-newer-desktop".into(), comments: 2 },
        ],
        best_hours: vec![BestHour { shop: name(0), hour: 19, comments_per_hour: 1_234.5, hours: 3 }],
        shops: shop_rows,
    }
}

#[test]
fn the_agency_html_charts_shops_hosts_flags_and_best_hours_with_names_as_text() {
    let html = agency_html(&agency_report(3));
    assert_eq!(html.matches("<svg").count(), 4, "comments per shop and per host, flags, best hours");
    for caption in ["Komentar per toko", "Komentar per host", "Komentar ditandai per kategori", "Komentar per jam"] {
        assert!(html.contains(&format!("<figcaption>{caption}")), "{caption}");
    }
    let shops = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(shops.contains("&lt;img src=x onerror=alert(1)&gt;") && shops.contains("Toko 2"), "{shops}");
    assert!(!html.contains(XSS) && !html.contains("&amp;lt;"), "text, escaped once");
    assert!(html.contains("<td>Pesaing</td>") && !html.contains(">competitor<"), "the console's name for it");
    assert!(html.contains("<td>from-a-newer-desktop</td>"), "one this Pandu does not know, as it came");
    assert!(html.contains("1.234,5"), "comments per hour as the report writes decimals");
    assert!(!agency_markdown(&agency_report(3)).contains("<svg"), "the Markdown has tables only");
}

#[test]
fn a_chart_of_fifty_shops_shows_the_top_fifteen_and_the_table_has_them_all() {
    let html = agency_html(&agency_report(50));
    assert!(html.contains("<figcaption>Komentar per toko (15 teratas)</figcaption>"));
    let shops = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(shops.contains("Toko 14") && !shops.contains("Toko 15"), "the fifteen with the most comments");
    assert!(html.contains("<td>Toko 49</td>"), "the table has every shop");
}

#[test]
fn an_agency_report_in_each_format_is_what_its_own_renderer_writes() {
    let report = agency_report(2);
    assert_eq!(agency_file(&report, crate::report::ReportFormat::Csv), agency_csv(&report));
    assert_eq!(agency_file(&report, crate::report::ReportFormat::Md), agency_markdown(&report));
    let json: serde_json::Value =
        serde_json::from_str(&agency_file(&report, crate::report::ReportFormat::Json)).unwrap();
    assert_eq!(json["totals"]["comments"], 1_999);
    assert_eq!(json["shops"][1]["shop"], "Toko 1");
}

/// Categories read in the report's language, by the names the console gives them, never by the
/// ids lexicons and JSON use (issue 25: `spam`, `competitor` in an Indonesian page).
#[test]
fn the_reports_name_categories_as_the_console_does() {
    let mut report = report();
    report.flagged = Category::NAMED
        .into_iter()
        .chain([Category::Custom("kata_toko".into())])
        .map(|category| CategoryCount { category, comments: 2 })
        .collect();
    let (html, markdown) = (html(&report), markdown(&report));
    let i18n = include_str!("../../../ui/src/lib/i18n.svelte.ts");
    let console = &i18n[..i18n.find("const en").expect("the English strings follow the Indonesian")];
    for category in Category::NAMED {
        let id = category.label();
        let key = format!("category{}{}: '", id[..1].to_uppercase(), &id[1..]);
        let start = console.find(&key).unwrap_or_else(|| panic!("no {key} in the console's strings")) + key.len();
        let label = &console[start..start + console[start..].find('\'').unwrap()];
        assert_eq!(category_name(&category), label, "{id}");
        assert!(html.contains(&format!("<td>{label}</td>")), "{id} in the HTML");
        assert!(markdown.contains(&format!("| {label} |")), "{id} in the Markdown");
        if label.to_lowercase() != id {
            assert!(!html.contains(&format!("<td>{id}</td>")) && !markdown.contains(&format!("| {id} |")), "{id}");
        }
    }
    assert!(html.contains("<td>kata_toko</td>"), "a shop's own category keeps its name");
}

/// Issue 25: a short live's axis read "19.00, 19.00, 19.01, 19.01, 19.02".
#[test]
fn a_short_lives_timeline_labels_each_minute_once() {
    let mut report = report();
    let live = &mut report.lives[0];
    live.timeline.truncate(3);
    live.markers.clear();
    live.gaps.clear();
    let jakarta = jiff::tz::TimeZone::get("Asia/Jakarta").unwrap();
    live.axis = crate::report::TimeAxis::of(&live.timeline, &[], &[], START, &jakarta);
    let html = html(&report);
    let timeline = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    for label in ["19.00", "19.01", "19.02", "19.03"] {
        assert_eq!(timeline.matches(&format!(">\n{label}\n</text>")).count(), 1, "{label} once:\n{timeline}");
    }
}
