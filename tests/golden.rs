//! The golden table: what the core sends the front ends, made by the core's own code.
//!
//! Each front end renders the core's decisions and never re-derives them, but a front end still
//! reads them: a banner kept on screen by its priority, a countdown re-coloured by the marks it
//! carries between two messages, a flag's UTF-16 span sliced out of a comment, a duration typed
//! into a form. This test writes representative messages (every `Outbound` variant, with the edge
//! cases: emoji before a flagged word, a drop in its final seconds, a slot over time, settings
//! other than the defaults) and the run sheet's duration grammar to `ui/src/lib/golden/`, which
//! the Vitest suite (`ui/src/lib/golden.test.ts`) reads and renders. Rust and TypeScript can then
//! never disagree unseen: a change here changes the files (CI fails on files that differ from the
//! commit, as for the bindings), and a change there fails the Vitest suite.

use std::path::Path;
use std::sync::Arc;

use pandu::answers::{Product, ProductFacts, ShopFacts, answer_card};
use pandu::clock::csv::parse_duration;
use pandu::clock::flash_sale::{FlashSaleEnd, SaleWindow};
use pandu::clock::run_sheet::{PinnedProduct, Position, RunSheet, Slot, SlotDrop};
use pandu::clock::urgency::{Marks, SlotPhase, Urgency};
use pandu::clock::{Alert, AlertKind, ClockSettings, ClockState};
use pandu::event::{BannerKind, Comment, EventKind, FeedbackKind, FollowRole, LiveEvent, User};
use pandu::feedback::{FeedbackEntry, FeedbackState, NextQuestion};
use pandu::hub::{HubState, HubStatus};
use pandu::moderation::lexicon::Lexicon;
use pandu::moderation::{ModerationSettings, Moderator};
use pandu::outbound::Outbound;
use pandu::session::SessionTracker;
use pandu_frame::{FrameView, SafeZones, Template};
use serde_json::{Value, json};

/// 2026-12-07 10:00:00 WIB, in Unix milliseconds.
const NOW: i64 = 1_796_612_400_000;

fn user(unique_id: &str, nickname: &str) -> User {
    User {
        id: format!("id-{unique_id}"),
        unique_id: unique_id.into(),
        nickname: nickname.into(),
        avatar_url: None,
        is_moderator: false,
        follow_role: FollowRole::None,
    }
}

fn comment(id: &str, who: User, text: &str) -> LiveEvent {
    LiveEvent {
        id: id.into(),
        ts: NOW,
        source: "demo".into(),
        kind: EventKind::Comment(Comment {
            user: who,
            text: text.into(),
            flags: vec![],
            suggested: None,
            banner: None,
            finding: None,
        }),
    }
}

/// A live's comments as the pipeline's moderator leaves them.
fn moderated_comments() -> Vec<Arc<LiveEvent>> {
    let settings = ModerationSettings { shop_accounts: vec!["novilla.official".into()], ..Default::default() };
    let moderator = Moderator::new(&Lexicon::default_indonesian(), settings, ["troll.akun".to_string()]);
    let mut events = vec![
        comment("golden-emoji", user("sari.belanja", "Sari 🌸"), "🔥🔥 cek sh0pee kak, lebih murah 😍"),
        comment("golden-clean", user("budi_77", "Budi"), "ukuran L ada kak?"),
        comment("golden-provocation", user("anon123", "anon"), "dasar penipu"),
        comment(
            "golden-impersonation",
            user("novi11a.official", "Novilla Official"),
            "transfer ke rekening ini ya kak",
        ),
        comment("golden-muted", user("troll.akun", "troll"), "beli di shopee aja"),
        comment("golden-whatsapp", user("rina.r", "Rina"), "Kak 🙏🏽 wa aja 0812-3456-7890"),
    ];
    for event in &mut events {
        moderator.moderate(event);
    }
    events.push(LiveEvent {
        id: "golden-gift".into(),
        ts: NOW,
        source: "demo".into(),
        kind: EventKind::Gift { user: user("budi_77", "Budi"), gift_name: "Rose".into(), count: 3, diamonds: 3 },
    });
    events.into_iter().map(Arc::new).collect()
}

fn sale(id: &str, starts_at: i64, deadline: i64) -> SaleWindow {
    SaleWindow {
        id: id.into(),
        session_id: Some(1),
        product: "Novilla Sofa <b>Bed</b> 🛋️".into(),
        price: "Rp1.299.000".into(),
        stock: Some(20),
        created_at: NOW - 600_000,
        starts_at,
        deadline,
        ended_at: None,
        end_reason: None,
    }
}

fn position(started_ms_ago: i64, slot_seconds: u32, paused: bool) -> Position {
    let slot = |product: &str| Slot {
        product: product.into(),
        price: "Rp199.000".into(),
        seconds: slot_seconds,
        talking_points: String::new(),
        drop: None,
        template: None,
        facts: Default::default(),
        tiktok_product_id: None,
    };
    Position {
        sheet: RunSheet {
            name: "Payday".into(),
            slots: vec![
                Slot {
                    drop: Some(SlotDrop { price: "Rp99.000".into(), seconds: Some(180), stock: None }),
                    ..slot("Sofa")
                },
                slot("Kasur"),
            ],
        },
        slot: Some(0),
        slot_started_at: NOW - started_ms_ago,
        paused_at: paused.then_some(NOW - 1_000),
        paused_ms: 0,
        extra_seconds: 0,
        // A product pinned in TikTok that the sheet does not have: shown, not followed.
        pinned: Some(PinnedProduct {
            product_id: Some("1729384756120384512".into()),
            title: "Lampu <b>LED</b> 🌙".into(),
            slot: None,
            at: NOW - 5_000,
        }),
    }
}

/// The clock at `NOW` with `settings` in force: a drop in each stage and the slot `started_ms_ago`.
fn clock(settings: &ClockSettings, started_ms_ago: i64) -> ClockState {
    let marks = Marks::of(settings);
    let closed_by_hand = SaleWindow {
        ended_at: Some(NOW - 5_000),
        end_reason: Some(FlashSaleEnd::Closed),
        ..sale("fs-0000000c", NOW - 60_000, NOW + 240_000)
    };
    let sales = [
        sale("fs-00000001", NOW + 20_000, NOW + 320_000), // the lead-in
        sale("fs-00000002", NOW - 10_000, NOW + 290_000), // plenty left
        sale("fs-00000003", NOW - 215_000, NOW + 85_000), // ending under the custom settings only
        sale("fs-00000004", NOW - 260_000, NOW + 40_000), // ending by default, final when custom
        sale("fs-00000005", NOW - 295_500, NOW + 4_500),  // its final seconds
        sale("fs-00000006", NOW - 300_000, NOW),          // expired at this very instant
        closed_by_hand,
    ];
    ClockState {
        now: "2026-12-07T03:00:00Z".into(),
        flash_sales: sales.iter().map(|sale| sale.view(NOW, &marks)).collect(),
        run_sheet: position(started_ms_ago, 600, false).view(NOW, &marks),
    }
}

fn custom_settings() -> ClockSettings {
    ClockSettings { ending_seconds: 90, warn_at: vec![120, 45], heads_up_seconds: 120, ..ClockSettings::default() }
}

fn golden_messages() -> Vec<(&'static str, Outbound)> {
    let defaults = ClockSettings::default();
    let events = moderated_comments();
    let host_script = {
        let script = "Halo semuanya 👋!\nDi sh0pee harganya beda, kak.\n";
        let matcher = pandu::moderation::matcher::Matcher::new(&Lexicon::default_indonesian());
        let report = pandu::moderation::script::check_script(&matcher, script);
        pandu::teleprompter::HostScript { text: script.into(), hits: report.hits }
    };
    let question = |feedback_id| NextQuestion {
        feedback_id,
        comment_id: "golden-clean".into(),
        ts: NOW,
        nickname: "Budi <b>".into(),
        text: "ukuran L ada kak?".into(),
        product: Some("Sofa".into()),
        waiting: 1,
    };
    let tag = FeedbackEntry {
        id: 1,
        session: Some(1),
        comment_id: "golden-clean".into(),
        comment_ts: NOW,
        unique_id: "budi_77".into(),
        nickname: "Budi <b>".into(),
        text: "ukuran L ada kak?".into(),
        kind: FeedbackKind::Question,
        product: Some("Sofa".into()),
        note: "tanya 🙏".into(),
        created_at: NOW + 1_000,
        answered_at: None,
        answer: None,
        missing: vec![],
    };
    // Cards made by the core's own rules: one with the fact missing, one with the answer.
    let daster = ProductFacts { sizes: Some("S, M, L <LD 100>".into()), ..Default::default() };
    let products = [
        Product { name: "Sofa", facts: &ProductFacts::default(), price: "Rp199.000", promo_price: None },
        Product { name: "Daster", facts: &daster, price: "Rp89.000", promo_price: None },
    ];
    let card =
        |on_air| answer_card("golden-clean", "ukuran L ada kak?", &products, Some(on_air), &ShopFacts::default());
    let starter = Template::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("overlays/novilla")).unwrap();
    vec![
        ("events: moderated comments, emoji before a flagged word", Outbound::Events { events: events.clone() }),
        (
            "session: a new session before its first comment",
            Outbound::Session { state: SessionTracker::default().snapshot() },
        ),
        (
            "question: a tagged question, its card missing a fact",
            Outbound::Question { question: Some(question(Some(1))), card: card(0) },
        ),
        (
            "question: one the rules suggested, its card answered",
            Outbound::Question { question: Some(question(None)), card: card(1) },
        ),
        ("question: none", Outbound::Question { question: None, card: None }),
        (
            "feedback: the live's tags",
            Outbound::Feedback { feedback: FeedbackState { session: Some(1), entries: vec![tag] } },
        ),
        (
            "frame: a starter on air, with the zones in force",
            Outbound::Frame { frame: FrameView::of("novilla".into(), &starter, 3, SafeZones::default(), None) },
        ),
        (
            "frame: an older frame kept on air",
            Outbound::Frame {
                frame: FrameView::of(
                    "novilla".into(),
                    &starter,
                    4,
                    SafeZones::default(),
                    Some("template.toml:3: a layer needs a name".into()),
                ),
            },
        ),
        ("clock: default settings, slot on time", Outbound::Clock { clock: clock(&defaults, 60_000) }),
        ("clock: default settings, slot in its heads-up", Outbound::Clock { clock: clock(&defaults, 545_000) }),
        ("clock: default settings, slot over time", Outbound::Clock { clock: clock(&defaults, 612_000) }),
        ("clock: custom settings, slot in its heads-up", Outbound::Clock { clock: clock(&custom_settings(), 481_000) }),
        (
            "clock: paused slot",
            Outbound::Clock {
                clock: ClockState {
                    run_sheet: position(300_000, 600, true).view(NOW, &Marks::of(&defaults)),
                    ..clock(&defaults, 0)
                },
            },
        ),
        (
            "alert: a drop's last call",
            Outbound::Alert {
                alert: Alert {
                    kind: AlertKind::FlashSaleWarning,
                    flash_sale: Some("fs-00000005".into()),
                    product: "Sofa".into(),
                    seconds_left: 30,
                },
            },
        ),
        (
            "alert: slot over time",
            Outbound::Alert {
                alert: Alert {
                    kind: AlertKind::SlotOverTime,
                    flash_sale: None,
                    product: "Sofa".into(),
                    seconds_left: 0,
                },
            },
        ),
        ("script: forbidden words after an emoji", Outbound::Script { report: host_script }),
        ("pinned: a comment with emoji", Outbound::Pinned { comment: Some(events[0].clone()) }),
        ("pinned: none", Outbound::Pinned { comment: None }),
        (
            "hub: out of reach, events waiting in the archive",
            Outbound::Hub {
                hub: HubStatus {
                    state: HubState::Unreachable,
                    shop: "Novilla Official".into(),
                    behind: 1_840,
                    problem: Some("http://192.168.1.10:47900: error sending request: Connection refused".into()),
                    since: Some(1_796_634_000_000),
                    lexicon_version: Some(3),
                    lexicon_problem: None,
                },
            },
        ),
        ("hub: none set", Outbound::Hub { hub: HubStatus::off() }),
    ]
}

/// What a co-host may type as a duration, and what the run sheet's CSV makes of it.
const DURATIONS: &[&str] = &[
    "5",
    "15",
    "4:05",
    "4:5",
    "4:60",
    "0",
    "0:00",
    "0:01",
    "1:02:03",
    "1:00:00",
    "24:00:00",
    "24:00:01",
    "25:00:00",
    "1440",
    "1441",
    "01:05",
    " 4:05 ",
    "4 : 05",
    "+5",
    "-1",
    "lima",
    "",
    ":",
    "4:",
    ":05",
    "1:2:03",
    "1:02:3",
    "4:05:",
    "99999999",
    "1193047:00:00",
    "71582789:00",
    "١:٠٥",
    "4.5",
    "4,5",
    "1e3",
];

fn durations() -> Value {
    Value::Array(DURATIONS.iter().map(|text| json!([text, parse_duration(text).ok()])).collect())
}

/// Writes `value` to `ui/src/lib/golden/<name>` when it differs from what is there.
fn write_golden(name: &str, value: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/golden").join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn the_golden_table_is_written_for_the_front_ends() {
    let messages = golden_messages();
    let table =
        Value::Array(messages.iter().map(|(name, message)| json!({"name": name, "message": message})).collect());
    write_golden("outbound.json", &table);
    write_golden("durations.json", &durations());
}

#[test]
fn the_table_holds_the_edge_cases_it_promises() {
    let events = moderated_comments();
    let banner = |index: usize| events[index].as_comment().unwrap().banner.clone();
    let emoji = events[0].as_comment().unwrap();
    assert!(emoji.flags.iter().any(|flag| flag.start_utf16 != flag.start), "an emoji shifts the UTF-16 span");
    assert_eq!(banner(0).map(|b| b.kind), Some(BannerKind::Flagged));
    assert_eq!(banner(1), None, "a clean question raises nothing");
    assert_eq!(banner(3).map(|b| b.kind), Some(BannerKind::Impersonation));
    assert_eq!(banner(4), None, "a muted author");

    let urgencies = |clock: &ClockState| clock.flash_sales.iter().map(|sale| sale.urgency).collect::<Vec<_>>();
    use Urgency::{Ending, Final, Normal};
    assert_eq!(
        urgencies(&clock(&ClockSettings::default(), 0)),
        [Normal, Normal, Normal, Ending, Final, Normal, Normal]
    );
    assert_eq!(urgencies(&clock(&custom_settings(), 0)), [Normal, Normal, Ending, Final, Final, Normal, Normal]);
    let phase = |settings: &ClockSettings, ago| clock(settings, ago).run_sheet.phase;
    assert_eq!(phase(&ClockSettings::default(), 60_000), Some(SlotPhase::OnTime));
    assert_eq!(phase(&ClockSettings::default(), 545_000), Some(SlotPhase::HeadsUp));
    assert_eq!(phase(&ClockSettings::default(), 612_000), Some(SlotPhase::Over));
    assert_eq!(phase(&custom_settings(), 481_000), Some(SlotPhase::HeadsUp), "119 s left: a heads-up only at 120");
    assert_eq!(phase(&ClockSettings::default(), 481_000), Some(SlotPhase::OnTime));
    assert_eq!(parse_duration("1:02:03"), Ok(3723));
}
