//! Engine latency: how long an event takes from leaving its source to being handed to the
//! archive writer and the batcher that feeds the outbound stream; against a bare channel hop from
//! the same source, in one run.
//!
//! The source is the demo stream at 1,000 comments/s (plus its joins, likes and gifts, bursts
//! at 3× and floods). The engine runs with everything attached: a file archive and a subscriber
//! of the outbound stream (as the window or a WebSocket client is). The baseline feeds the same source into a plain tokio
//! channel whose consumer does nothing.
//!
//! Run: `cargo bench --bench engine` (the figures go in `docs/measurements.md`).

use std::time::Duration;

use pandu::ingest::demo::DemoConfig;
use pandu::ingest::{SourceContext, SourceSpec};
use pandu::outbound::{Outbound, Outbox};
use pandu::session::Engine;
use tokio_util::sync::CancellationToken;

const RATE: f64 = 1000.0;
const SECONDS: u64 = 8;

fn percentile(samples: &mut [u64], q: f64) -> u64 {
    samples.sort_unstable();
    samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1]
}

async fn engine_p99_us() -> (u64, usize) {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::default();
    let engine = Engine::new(
        dir.path().join("bench.db"),
        outbox.publisher(),
        &pandu::moderation::lexicon::Lexicon::default_indonesian(),
        Default::default(),
    )
    .unwrap();
    let mut window = outbox.subscribe();
    let drain = tokio::spawn(async move {
        let mut delivered = 0;
        while let Ok(message) = window.recv().await {
            if let Outbound::Events { events } = &*message {
                delivered += events.len();
            }
        }
        delivered
    });
    engine.start(&SourceSpec::Demo(DemoConfig { rate: RATE, seed: 1 }).into()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(SECONDS)).await;
    // The status keeps the latest 8,192 samples: the steady state of the run.
    let p99 = engine.state().latency_p99_us;
    let report = engine.stop().await.unwrap();
    drop(engine);
    drain.abort();
    (p99, report.stored as usize)
}

async fn baseline_p99_us() -> (u64, usize) {
    let (tx, mut rx) = tokio::sync::mpsc::channel(4096);
    let cancel = CancellationToken::new();
    let source = SourceSpec::Demo(DemoConfig { rate: RATE, seed: 1 }).build(&Default::default()).unwrap().unwrap();
    let task = tokio::spawn(source.run(SourceContext::new(
        tx,
        cancel.clone(),
        std::sync::Arc::new(pandu::ingest::Unobserved),
    )));
    let consumer = tokio::spawn(async move {
        let mut samples = Vec::new();
        while let Some(incoming) = rx.recv().await {
            samples.push(incoming.received.elapsed().as_micros() as u64);
        }
        samples
    });
    tokio::time::sleep(Duration::from_secs(SECONDS)).await;
    cancel.cancel();
    task.await.unwrap();
    let mut samples = consumer.await.unwrap();
    let count = samples.len();
    let tail = samples.len().saturating_sub(8192);
    (percentile(&mut samples[tail..], 0.99), count)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let (engine, engine_events) = runtime.block_on(engine_p99_us());
    let (baseline, baseline_events) = runtime.block_on(baseline_p99_us());
    println!("engine latency, demo source at {RATE} comments/s for {SECONDS} s, p99 of the last 8,192 events");
    println!("  pandu engine (moderate + archive + outbound)      {engine:>6} µs  ({engine_events} events)");
    println!("  baseline (bare channel hop)                        {baseline:>6} µs  ({baseline_events} events)");
    println!("  ratio                                              {:>6.2}x", engine as f64 / baseline.max(1) as f64);
}
