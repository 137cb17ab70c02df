//! The clock on a paused tokio clock: every countdown advances exactly as far as a test says.

use std::time::Duration;

use tokio::sync::broadcast;

use super::flash_sale::FlashSaleState;
use super::run_sheet::tests::sheet;
use super::urgency::Urgency;
use super::*;
use crate::outbound::{Outbound, Outbox};

const EPOCH: Timestamp = 1_800_000_000_000;

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    outbox: Outbox,
    clock: Arc<LiveClock>,
    cancel: CancellationToken,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pandu.db");
    let outbox = Outbox::default();
    let clock =
        LiveClock::open(path.clone(), outbox.publisher(), ClockSettings::default(), Clock::starting_at(EPOCH)).unwrap();
    let cancel = CancellationToken::new();
    tokio::spawn(Arc::clone(&clock).run(cancel.clone()));
    Fixture { _dir: dir, path, outbox, clock, cancel }
}

fn request(product: &str) -> FlashSaleRequest {
    FlashSaleRequest { product: product.into(), price: "Rp99.000".into(), ..Default::default() }
}

/// Advances time by `seconds`, letting the ticker run at every tick on the way.
async fn advance(seconds: f64) {
    let ticks = (seconds / TICK.as_secs_f64()).round() as u32;
    for _ in 0..ticks {
        tokio::time::advance(TICK).await;
        tokio::task::yield_now().await;
    }
}

/// The alerts published since the last call.
fn alerts(receiver: &mut broadcast::Receiver<Arc<Outbound>>) -> Vec<(AlertKind, u32)> {
    let mut found = Vec::new();
    while let Ok(message) = receiver.try_recv() {
        if let Outbound::Alert { alert } = &*message {
            found.push((alert.kind, alert.seconds_left));
        }
    }
    found
}

fn sale(clock: &LiveClock, id: &str) -> FlashSale {
    clock.state().flash_sales.into_iter().find(|sale| sale.id == id).unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_drop_runs_ends_and_expires_with_its_warnings() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    let started = f.clock.start_flash_sale(request("Sofa Novilla")).unwrap();
    assert_eq!((started.state, started.remaining_ms, started.window_seconds), (FlashSaleState::Running, 300_000, 300));
    assert_eq!(started.deadline, rfc3339(EPOCH + 300_000));
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleStarted, 0)]);

    advance(239.0).await;
    assert_eq!(sale(&f.clock, &started.id).state, FlashSaleState::Running);
    assert!(alerts(&mut outbound).is_empty());
    advance(1.0).await;
    assert_eq!(sale(&f.clock, &started.id).state, FlashSaleState::Ending, "the last 60 s");
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleWarning, 60)]);
    advance(30.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleWarning, 30)]);
    advance(30.0).await;
    let ended = sale(&f.clock, &started.id);
    assert_eq!(
        (ended.state, ended.end_reason, ended.remaining_ms),
        (FlashSaleState::Closed, Some(FlashSaleEnd::Expired), 0)
    );
    assert_eq!(ended.ended_at, Some(rfc3339(EPOCH + 300_000)), "it ended at its deadline");
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleClosed, 0)]);
    advance(5.0).await;
    assert!(alerts(&mut outbound).is_empty(), "each alert is said once");
    let logged = Archive::open(&f.path).unwrap().open_flash_sales().unwrap();
    assert!(logged.is_empty(), "the expiry is in the archive");
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn a_lead_in_counts_down_to_the_window() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    let upcoming = f
        .clock
        .start_flash_sale(FlashSaleRequest { starts_in: Some(120), seconds: Some(60), ..request("Kursi") })
        .unwrap();
    assert_eq!((upcoming.state, upcoming.remaining_ms), (FlashSaleState::Upcoming, 120_000));
    assert!(alerts(&mut outbound).is_empty(), "nothing opens yet");
    advance(120.0).await;
    let opened = sale(&f.clock, &upcoming.id);
    // A 60-s window is all "ending"; it opens at its 60-s mark, which is not said as a warning.
    assert_eq!((opened.state, opened.remaining_ms), (FlashSaleState::Ending, 60_000));
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleStarted, 0)]);
    advance(30.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleWarning, 30)]);
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn a_short_window_or_slot_is_not_warned_of_a_mark_it_starts_inside() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    f.clock.start_flash_sale(FlashSaleRequest { seconds: Some(45), ..request("Lampu") }).unwrap();
    advance(14.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleStarted, 0)], "no \"1:00 left\" with 0:45 to go");
    advance(2.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleWarning, 30)]);
    let mut short = sheet();
    short.slots[0].seconds = 40;
    f.clock.use_sheet(short).unwrap();
    f.clock.control(RunSheetAction::Start).unwrap();
    advance(39.0).await;
    assert!(alerts(&mut outbound).iter().all(|(kind, _)| *kind != AlertKind::SlotHeadsUp));
    advance(1.0).await;
    assert!(alerts(&mut outbound).contains(&(AlertKind::SlotOverTime, 0)));
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn extending_moves_the_deadline_and_rearms_the_warnings() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    let id = f.clock.start_flash_sale(request("Lampu")).unwrap().id;
    advance(250.0).await;
    assert_eq!(alerts(&mut outbound).last(), Some(&(AlertKind::FlashSaleWarning, 60)));
    let extended = f.clock.extend_flash_sale(&id, 60).unwrap();
    assert_eq!(
        (extended.state, extended.remaining_ms, extended.window_seconds),
        (FlashSaleState::Running, 110_000, 360)
    );
    advance(50.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::FlashSaleWarning, 60)], "the 60-s mark again");
    assert!(matches!(f.clock.extend_flash_sale(&id, 0), Err(ClockError::Invalid(m)) if m.starts_with("seconds")));
    assert!(matches!(f.clock.extend_flash_sale("fs-nope", 5), Err(ClockError::NotFound(m)) if m.contains("fs-nope")));
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn closing_by_hand_stays_closed_and_says_nothing_more() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    let id = f.clock.start_flash_sale(request("Meja")).unwrap().id;
    advance(10.0).await;
    let closed = f.clock.close_flash_sale(&id).unwrap();
    assert_eq!((closed.state, closed.end_reason), (FlashSaleState::Closed, Some(FlashSaleEnd::Closed)));
    assert_eq!(closed.ended_at, Some(rfc3339(EPOCH + 10_000)));
    assert_eq!(f.clock.close_flash_sale(&id).unwrap(), closed, "closing twice changes nothing");
    assert!(matches!(f.clock.extend_flash_sale(&id, 30), Err(ClockError::Invalid(m)) if m.contains("closed")));
    alerts(&mut outbound);
    advance(300.0).await;
    assert!(alerts(&mut outbound).is_empty());
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn several_drops_run_at_once() {
    let f = fixture();
    let a = f.clock.start_flash_sale(request("A")).unwrap().id;
    advance(100.0).await;
    let b =
        f.clock.start_flash_sale(FlashSaleRequest { seconds: Some(600), stock: Some(20), ..request("B") }).unwrap().id;
    advance(200.0).await;
    let state = f.clock.state();
    assert_eq!(
        state.flash_sales.iter().map(|s| (s.id.clone(), s.state)).collect::<Vec<_>>(),
        vec![(a, FlashSaleState::Closed), (b, FlashSaleState::Running)]
    );
    assert_eq!(state.flash_sales[1].stock, Some(20));
    f.cancel.cancel();
}

/// A clock on the system time in `dir`, publishing to no one.
fn unwatched_clock(dir: &std::path::Path) -> Arc<LiveClock> {
    LiveClock::open(dir.join("p.db"), Outbox::default().publisher(), ClockSettings::default(), Clock::system()).unwrap()
}

#[test]
fn bad_requests_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let clock = unwatched_clock(dir.path());
    let invalid = |request| match clock.start_flash_sale(request) {
        Err(ClockError::Invalid(message)) => message,
        other => panic!("{other:?}"),
    };
    assert!(invalid(request("  ")).starts_with("product:"));
    assert!(invalid(FlashSaleRequest { seconds: Some(0), ..request("x") }).starts_with("seconds:"));
    assert!(invalid(FlashSaleRequest { starts_in: Some(MAX_SECONDS + 1), ..request("x") }).starts_with("starts_in:"));
    assert!(clock.state().flash_sales.is_empty(), "nothing was started");
}

#[tokio::test(start_paused = true)]
async fn a_restart_brings_open_drops_back_with_their_time_and_keeps_closed_ones_closed() {
    let f = fixture();
    let running = f.clock.start_flash_sale(request("Sofa")).unwrap().id;
    let short = f.clock.start_flash_sale(FlashSaleRequest { seconds: Some(20), ..request("Kursi") }).unwrap().id;
    let closed = f.clock.start_flash_sale(request("Meja")).unwrap().id;
    f.clock.close_flash_sale(&closed).unwrap();
    f.cancel.cancel();
    drop(f.clock);

    // The app was down for 40 s: the short drop ran out meanwhile.
    let outbox = Outbox::default();
    let mut outbound = outbox.subscribe();
    let again = LiveClock::open(
        f.path.clone(),
        outbox.publisher(),
        ClockSettings::default(),
        Clock::starting_at(EPOCH + 40_000),
    )
    .unwrap();
    let state = again.state();
    let find = |id: &str| state.flash_sales.iter().find(|s| s.id == id).cloned();
    let back = find(&running).unwrap();
    assert_eq!((back.state, back.remaining_ms), (FlashSaleState::Running, 260_000));
    let expired = find(&short).unwrap();
    assert_eq!((expired.state, expired.end_reason), (FlashSaleState::Closed, Some(FlashSaleEnd::Expired)));
    assert_eq!(expired.ended_at, Some(rfc3339(EPOCH + 20_000)), "recorded as expired at its deadline");
    assert_eq!(find(&closed), None, "closed before the restart: in the archive, not on screen");
    let cancel = CancellationToken::new();
    tokio::spawn(Arc::clone(&again).run(cancel.clone()));
    advance(2.0).await;
    assert!(alerts(&mut outbound).is_empty(), "nothing is said again for what happened before");
    cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn the_run_sheet_counts_down_warns_and_comes_back_after_a_restart() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    f.clock.use_sheet(sheet()).unwrap();
    let started = f.clock.control(RunSheetAction::Start).unwrap();
    assert_eq!((started.slot, started.slot_remaining_ms, started.paused), (Some(0), Some(600_000), false));
    let prefill = f.clock.current_slot_flash_sale().unwrap();
    assert_eq!((prefill.product.as_str(), prefill.price.as_str()), ("Sofa Novilla", "Rp100.000"));

    advance(540.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::SlotHeadsUp, 60)]);
    f.clock.control(RunSheetAction::Pause).unwrap();
    advance(120.0).await;
    assert!(alerts(&mut outbound).is_empty(), "a paused slot says nothing");
    assert_eq!(f.clock.state().run_sheet.slot_remaining_ms, Some(60_000));
    f.clock.control(RunSheetAction::Resume).unwrap();
    advance(61.0).await;
    assert_eq!(alerts(&mut outbound), vec![(AlertKind::SlotOverTime, 0)]);
    assert_eq!(f.clock.state().run_sheet.slot_remaining_ms, Some(-1_000));
    let next = f.clock.control(RunSheetAction::Next).unwrap();
    assert_eq!((next.slot, next.slot_remaining_ms), (Some(1), Some(300_000)));
    f.cancel.cancel();

    let again = LiveClock::open(
        f.path.clone(),
        Outbox::default().publisher(),
        ClockSettings::default(),
        Clock::starting_at(EPOCH + 721_000 + 30_000),
    )
    .unwrap();
    let state = again.state().run_sheet;
    assert_eq!((state.name.as_str(), state.slot, state.slot_remaining_ms), ("Senin pagi", Some(1), Some(270_000)));
    assert_eq!(again.sheets().unwrap().len(), 1, "saved by name");
}

#[test]
fn a_bad_sheet_is_refused_and_the_one_in_force_stays() {
    let dir = tempfile::tempdir().unwrap();
    let clock = unwatched_clock(dir.path());
    clock.use_sheet(sheet()).unwrap();
    let mut bad = sheet();
    bad.slots[0].seconds = 0;
    assert!(matches!(clock.use_sheet(bad), Err(ClockError::Invalid(m)) if m.starts_with("slots[0].seconds")));
    assert_eq!(clock.state().run_sheet.slots, sheet().slots);
    assert!(matches!(clock.sheet("nope"), Err(ClockError::NotFound(m)) if m.contains("nope")));
    assert!(matches!(clock.control(RunSheetAction::Previous), Err(ClockError::Invalid(_))));
}

#[tokio::test(start_paused = true)]
async fn the_clock_is_published_once_a_second_while_something_counts_and_not_when_idle() {
    let f = fixture();
    let mut outbound = f.outbox.subscribe();
    advance(3.0).await;
    assert!(outbound.try_recv().is_err(), "idle: nothing to say");
    f.clock.start_flash_sale(request("A")).unwrap();
    while outbound.try_recv().is_ok() {}
    advance(5.0).await;
    let clocks =
        std::iter::from_fn(|| outbound.try_recv().ok()).filter(|m| matches!(&**m, Outbound::Clock { .. })).count();
    assert!((4..=6).contains(&clocks), "{clocks} clock messages in 5 s");
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn a_new_session_clears_closed_drops_but_keeps_open_ones() {
    let f = fixture();
    let archive = Archive::open(&f.path).unwrap();
    f.clock.begin_session(archive.begin_session("demo", EPOCH).unwrap());
    let open = f.clock.start_flash_sale(request("A")).unwrap().id;
    let closed = f.clock.start_flash_sale(request("B")).unwrap().id;
    f.clock.close_flash_sale(&closed).unwrap();
    f.clock.begin_session(archive.begin_session("demo", EPOCH).unwrap());
    let ids: Vec<_> = f.clock.state().flash_sales.into_iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![open]);
    tokio::time::advance(Duration::from_secs(1)).await;
    f.cancel.cancel();
}

#[tokio::test(start_paused = true)]
async fn changed_settings_change_every_decision_at_once() {
    let f = fixture();
    let drop = f.clock.start_flash_sale(request("A")).unwrap();
    advance(250.0).await;
    assert_eq!(sale(&f.clock, &drop.id).urgency, Urgency::Ending, "50 s left: the default ending");
    let mut outbound = f.outbox.subscribe();
    f.clock.set_settings(ClockSettings { warn_at: vec![55], ..ClockSettings::default() });
    let published = std::iter::from_fn(|| outbound.try_recv().ok())
        .find_map(|message| match &*message {
            Outbound::Clock { clock } => Some(clock.flash_sales[0].clone()),
            _ => None,
        })
        .expect("the new decisions are published without waiting for a tick");
    assert_eq!((published.urgency, published.final_ms), (Urgency::Final, 55_000));
    f.cancel.cancel();
}
