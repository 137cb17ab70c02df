//! Every parser of untrusted input, fuzzed on stable Rust: a property runner standing in for
//! cargo-fuzz (which needs nightly and libFuzzer, which CI and a fresh machine do not have).
//!
//! One test per target: ingest frames (TikFinity, Social Stream Ninja, Pandu's own JSON),
//! TikTok webcast frames (protobuf, gzip), `template.toml` and its image assets, the run-sheet
//! CSV, the lexicon file, the settings file, every API route that takes a body, and comment
//! text through the matcher. Each input must not panic, must answer within the watchdog's
//! deadline, must stay under a heap bound, and an error must say what and where.
//!
//! `cargo test --test fuzz_parsers` (part of `make test`) runs every target for a fixed number
//! of mutations, deterministically. `make fuzz` runs each for `PANDU_FUZZ_SECONDS` in a release
//! build. Knobs: `PANDU_FUZZ_ITERS` (mutations per target), `PANDU_FUZZ_SECONDS` (time per
//! target), `PANDU_FUZZ_SEED`, `PANDU_FUZZ_TIMEOUT_MS`. A failing input lands in
//! `target/fuzz-crashes/<target>/`; once fixed, it goes to `tests/fixtures/fuzz/<target>/`,
//! which is replayed before anything else.

mod api;
mod engine;
mod mutate;
mod seeds;
mod targets;

/// Heap accounting: every allocation counted against the thread that makes it, so each input's
/// peak is measured on the worker running it while the other targets run in parallel.
mod memory {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Past this much heap in the whole process an allocation fails (and the process aborts,
    /// leaving the input in `in-flight.bin`) rather than taking the machine down.
    const HARD_CAP: usize = 4 << 30;

    static TOTAL: AtomicUsize = AtomicUsize::new(0);

    thread_local! {
        // Signed: a block freed on another thread than the one that allocated it.
        static LIVE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    pub struct Counting;

    fn grew(by: usize) {
        LIVE.with(|live| {
            let now = live.get() + by as isize;
            live.set(now);
            PEAK.with(|peak| peak.set(peak.get().max(now)));
        });
    }

    fn shrank(by: usize) {
        LIVE.with(|live| live.set(live.get() - by as isize));
    }

    // SAFETY: every call goes to the system allocator unchanged; the counters only observe.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if TOTAL.fetch_add(layout.size(), Ordering::Relaxed) + layout.size() > HARD_CAP {
                TOTAL.fetch_sub(layout.size(), Ordering::Relaxed);
                return std::ptr::null_mut();
            }
            grew(layout.size());
            unsafe { System.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if TOTAL.fetch_add(layout.size(), Ordering::Relaxed) + layout.size() > HARD_CAP {
                TOTAL.fetch_sub(layout.size(), Ordering::Relaxed);
                return std::ptr::null_mut();
            }
            grew(layout.size());
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            TOTAL.fetch_sub(layout.size(), Ordering::Relaxed);
            shrank(layout.size());
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size > layout.size() {
                let more = new_size - layout.size();
                if TOTAL.fetch_add(more, Ordering::Relaxed) + more > HARD_CAP {
                    TOTAL.fetch_sub(more, Ordering::Relaxed);
                    return std::ptr::null_mut();
                }
                grew(more);
            } else {
                TOTAL.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
                shrank(layout.size() - new_size);
            }
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// The heap this thread holds now; the peak starts again from here.
    pub struct Mark(isize);

    pub fn mark() -> Mark {
        let live = LIVE.with(Cell::get);
        PEAK.with(|peak| peak.set(live));
        Mark(live)
    }

    /// The most this thread held above `mark`, in bytes.
    pub fn peak_since(mark: Mark) -> usize {
        PEAK.with(Cell::get).saturating_sub(mark.0).max(0) as usize
    }
}

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

#[test]
fn ingest_json() {
    engine::run(targets::ingest_json());
}

#[test]
fn tiktok_webcast() {
    engine::run(targets::tiktok_webcast());
}

#[test]
fn template_toml() {
    engine::run(targets::template_toml());
}

#[test]
fn template_asset() {
    engine::run(targets::template_asset());
}

#[test]
fn run_sheet_csv() {
    engine::run(targets::run_sheet_csv());
}

#[test]
fn lexicon() {
    engine::run(targets::lexicon());
}

#[test]
fn settings() {
    engine::run(targets::settings());
}

#[test]
fn comment_text() {
    engine::run(targets::comment_text());
}

#[test]
fn api_bodies() {
    engine::run(api::target());
}
