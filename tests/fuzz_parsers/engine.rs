//! The runner: feeds a target its regression cases, its seeds, then mutations of them, each on
//! a worker thread under a watchdog, and checks the four properties of every input: no panic, no
//! hang, bounded memory, and the target's own check (an error that names what and where).
//!
//! Deterministic: the same seed (`PANDU_FUZZ_SEED`, printed at the start) and budget give the
//! same inputs in the same order. A failing input is written to `target/fuzz-crashes/<target>/`;
//! copied into `tests/fixtures/fuzz/<target>/`, it is replayed first on every run. The input
//! being run is also kept in `target/fuzz-crashes/<target>/in-flight.bin`, so an input that kills
//! the process (a stack overflow, an allocation over the hard cap) is found and replayed first
//! by the next run.

use std::fs::{self, File};
use std::io::{Seek, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::memory;
use crate::mutate::{Rng, mutate};

/// What a target checks of one input: `Err` is a broken property, never a parser's own error.
pub type Check = Box<dyn FnMut(&[u8]) -> Result<(), String>>;

/// Makes one input from the seeds.
pub type Generate = fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>;

/// One parser of untrusted input.
pub struct Target {
    pub name: &'static str,
    /// Real and fixture files, unmutated; also the material mutations splice from.
    pub seeds: Vec<Vec<u8>>,
    /// Tokens of the input's language, inserted by mutations (`"uniqueId"`, `[[layer]]`, …).
    pub dictionary: Vec<Vec<u8>>,
    /// Structure-aware generation, for inputs random bytes rarely reach (a gzip'd protobuf, a
    /// PNG with a valid checksum): used for a share of the iterations.
    pub generate: Option<Generate>,
    /// Iterations after the seeds when no budget is set: what `make test` runs.
    pub default_iterations: u64,
    /// Peak heap allowed for one input besides [`HEAP_PER_INPUT_BYTE`] per byte of it.
    pub heap_base: usize,
    /// The longest input mutation makes ([`MAX_INPUT`] for most).
    pub max_len: usize,
    /// Built on the worker thread (the API target's runtime and app live there).
    pub setup: Box<dyn FnOnce() -> Check + Send>,
}

/// The largest input made by mutation, for most targets.
pub const MAX_INPUT: usize = 64 * 1024;
/// Peak heap per input allowed over what the worker held before it: a parser may take some
/// multiple of its input, never hundreds of megabytes for a small one.
pub const HEAP_BASE: usize = 64 << 20;
const HEAP_PER_INPUT_BYTE: usize = 64;
/// Failures kept per target before it stops.
const MAX_FAILURES: usize = 8;

struct Budget {
    iterations: Option<u64>,
    seconds: Option<f64>,
}

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    let value = std::env::var(name).ok()?;
    Some(value.trim().parse().unwrap_or_else(|_| panic!("{name}={value:?} is not a number")))
}

fn seed_for(name: &str) -> u64 {
    let base = env_number::<u64>("PANDU_FUZZ_SEED").unwrap_or(0x5eed_2026);
    name.bytes().fold(base, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crash_dir(target: &str) -> PathBuf {
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repository().join("target"), PathBuf::from);
    target_dir.join("fuzz-crashes").join(target)
}

/// FNV-1a, for crash file names: stable across runs.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Files of a folder, sorted by name, skipping README.md.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file() && path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    paths.sort();
    paths.into_iter().map(|path| (path.clone(), fs::read(&path).unwrap())).collect()
}

/// The worker's answer for one input.
struct Outcome {
    result: Result<(), String>,
    peak: usize,
}

/// Runs the worker side: the target's check on each input it is sent, panics caught, memory
/// measured, the input kept on disk while it runs.
fn worker(
    setup: Box<dyn FnOnce() -> Check + Send>,
    in_flight: PathBuf,
) -> (mpsc::Sender<Vec<u8>>, mpsc::Receiver<Outcome>) {
    let (input_tx, input_rx) = mpsc::channel::<Vec<u8>>();
    let (outcome_tx, outcome_rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("fuzz-worker".into())
        .stack_size(8 << 20)
        .spawn(move || {
            let mut check = setup();
            let mut keep = File::create(&in_flight).unwrap();
            for input in input_rx {
                keep.rewind().and_then(|_| keep.write_all(&input)).unwrap();
                keep.set_len(input.len() as u64).unwrap();
                let mark = memory::mark();
                let result = catch_unwind(AssertUnwindSafe(|| check(&input))).unwrap_or_else(|panic| {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "(not a string)".into());
                    Err(format!("panicked: {message}"))
                });
                let peak = memory::peak_since(mark);
                if outcome_tx.send(Outcome { result, peak }).is_err() {
                    break;
                }
            }
            drop(keep);
            let _ = fs::remove_file(&in_flight);
        })
        .unwrap();
    (input_tx, outcome_rx)
}

/// Fuzzes `target` for its budget and panics naming every failing input.
pub fn run(target: Target) {
    let Target { name, seeds, dictionary, generate, default_iterations, heap_base, max_len, setup } = target;
    let iterations_env = env_number::<u64>("PANDU_FUZZ_ITERS");
    let seconds = env_number::<f64>("PANDU_FUZZ_SECONDS");
    let budget = Budget {
        iterations: iterations_env.or(if seconds.is_some() { None } else { Some(default_iterations) }),
        seconds,
    };
    let seed = seed_for(name);
    let timeout = Duration::from_millis(env_number("PANDU_FUZZ_TIMEOUT_MS").unwrap_or(if cfg!(debug_assertions) {
        5_000
    } else {
        2_000
    }));
    let crashes = crash_dir(name);
    fs::create_dir_all(&crashes).unwrap();

    // Regression cases first: the fixtures, then an input that killed the last run.
    let mut regressions: Vec<(String, Vec<u8>)> = files_in(&repository().join("tests/fixtures/fuzz").join(name))
        .into_iter()
        .map(|(path, bytes)| (path.display().to_string(), bytes))
        .collect();
    let in_flight = crashes.join("in-flight.bin");
    if let Ok(bytes) = fs::read(&in_flight) {
        let kept = crashes.join(format!("killed-{:016x}.bin", digest(&bytes)));
        fs::rename(&in_flight, &kept).unwrap();
        eprintln!("fuzz {name}: the last run died on {} (replayed first)", kept.display());
        regressions.push((kept.display().to_string(), bytes));
    }
    eprintln!(
        "fuzz {name}: seed {seed:#x} (PANDU_FUZZ_SEED), {} regression cases, {} seeds, then {}",
        regressions.len(),
        seeds.len(),
        match (budget.iterations, budget.seconds) {
            (Some(n), Some(s)) => format!("{n} mutations or {s} s"),
            (Some(n), None) => format!("{n} mutations"),
            (None, Some(s)) => format!("mutations for {s} s"),
            (None, None) => unreachable!(),
        }
    );

    let (inputs, outcomes) = worker(setup, in_flight.clone());
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let mut failures: Vec<String> = Vec::new();
    let mut stuck = false;
    let mut ran = 0u64;
    let mut mutated = 0u64;
    let mut peak_seen = 0usize;
    let mut slowest = (Duration::ZERO, 0usize);
    let mut replay = regressions.into_iter().map(|(origin, bytes)| (Some(origin), bytes));
    let mut plain_seeds = seeds.clone().into_iter();
    loop {
        let (origin, input) = if let Some(case) = replay.next() {
            case
        } else if let Some(seed) = plain_seeds.next() {
            (None, seed)
        } else {
            let out_of_iterations = budget.iterations.is_some_and(|n| mutated >= n);
            let out_of_time = budget.seconds.is_some_and(|s| started.elapsed().as_secs_f64() >= s);
            if out_of_iterations || out_of_time {
                break;
            }
            mutated += 1;
            let input = match generate {
                Some(generate) if rng.below(4) == 0 => generate(&mut rng, &seeds),
                _ => mutate(&mut rng, &seeds, &dictionary, max_len),
            };
            (None, input)
        };
        ran += 1;
        let began = Instant::now();
        inputs.send(input.clone()).expect("the worker is running");
        let (problem, hung) = match outcomes.recv_timeout(timeout) {
            Ok(Outcome { result, peak }) => {
                peak_seen = peak_seen.max(peak);
                let bound = heap_base + HEAP_PER_INPUT_BYTE * input.len();
                match result {
                    Err(problem) => (Some(problem), false),
                    Ok(()) if peak > bound => (
                        Some(format!(
                            "took {} MiB of heap for {} bytes of input (bound {} MiB)",
                            peak >> 20,
                            input.len(),
                            bound >> 20
                        )),
                        false,
                    ),
                    Ok(()) => (None, false),
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => (Some(format!("no answer within {timeout:?} (a hang)")), true),
            Err(mpsc::RecvTimeoutError::Disconnected) => (Some("the worker died".into()), true),
        };
        let took = began.elapsed();
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        if let Some(problem) = problem {
            let file = match &origin {
                Some(origin) => origin.clone(),
                None => {
                    let file = crashes.join(format!("crash-{:016x}.bin", digest(&input)));
                    fs::write(&file, &input).unwrap();
                    file.display().to_string()
                }
            };
            let shown = String::from_utf8_lossy(&input[..input.len().min(200)]).into_owned();
            failures.push(format!("{problem}\n    input ({} bytes, {file}): {shown:?}", input.len()));
            if hung {
                // The worker is stuck on it: the crash file holds it, the next run need not.
                let _ = fs::remove_file(&in_flight);
                stuck = true;
                break;
            }
            if failures.len() >= MAX_FAILURES {
                break;
            }
        }
    }
    // The worker removes `in-flight.bin` and hangs up once its inputs end: wait for that, so
    // the process does not exit first and leave the file to look like a crash.
    drop(inputs);
    if !stuck {
        let _ = outcomes.recv();
    }
    eprintln!(
        "fuzz {name}: {ran} inputs ({mutated} mutated) in {:.1} s, largest heap peak {} KiB, slowest input {:?} ({} bytes), {} failing",
        started.elapsed().as_secs_f64(),
        peak_seen >> 10,
        slowest.0,
        slowest.1,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "fuzz {name} (seed {seed:#x}): {} failing inputs; copy each file into tests/fixtures/fuzz/{name}/ once fixed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
