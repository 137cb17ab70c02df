//! The matcher against a `regex`-crate baseline, in one run.
//!
//! - 5,000-term lexicon: generated words (plus the default rule packs' real terms, their context
//!   rules and surfaces as shipped), no patterns.
//! - 100,000 comments of about 40 bytes: the demo stream's clean chat (what the default lexicon
//!   does not flag), one comment in twenty carrying a term, half of those spelled to dodge
//!   filters (`sh0pee`, `s.h.o.p.e.e`, look-alike letters, capitals).
//! - Baselines: the same terms (and aliases) as one case-insensitive, word-bounded alternation,
//!   no evasion handling; what a blacklist without folding does. Two forms are run: the regex
//!   as usually written, `(?i)\b(?:t1|t2|...)\b` (Unicode word boundaries: on text with emoji
//!   or other non-ASCII characters the regex crate's DFA cannot run and a slower engine takes
//!   over), and the fastest form, with ASCII word boundaries (`(?-u:\b)`), whose DFA always runs.
//!
//! Criterion measures each side; a final summary times Pandu and the fastest regex in nine
//! alternating rounds (so drift in the machine's load hits both alike) and prints the medians'
//! comments/s, their ratio, what each side caught, and the lexicon rebuild time. With valgrind
//! installed it also counts each side's instructions over one warm pass (callgrind, which does
//! not depend on the machine's load; `--side pandu|regex|rebuild [ROUNDS]` runs one side, or the
//! lexicon's rebuild, alone after one uncounted pass: for it, or for a profiler).
//!
//! Run: `cargo bench --bench matcher` (the figures go in `docs/measurements.md`).

use std::hint::black_box;
use std::time::{Duration, Instant};

mod common;

use common::{comments, generated_word};
use criterion::{Criterion, Throughput};
use pandu::moderation::lexicon::{Lexicon, Surface, Term};
use pandu::moderation::matcher::Matcher;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const TERMS: usize = 5_000;
const COMMENTS: usize = 100_000;

fn lexicon(rng: &mut ChaCha8Rng) -> Lexicon {
    let mut lexicon = Lexicon::default_indonesian();
    lexicon.patterns.clear();
    let mut seen: std::collections::HashSet<String> = lexicon.terms.iter().map(|t| t.text.clone()).collect();
    while lexicon.terms.len() < TERMS {
        let word = generated_word(rng);
        if seen.insert(word.clone()) {
            lexicon.terms.push(Term::new(&word, "competitor"));
        }
    }
    lexicon
}

/// `(?i)\b(?:t1|t2|...)\b`, with Unicode or ASCII word boundaries.
fn baseline(lexicon: &Lexicon, unicode_boundaries: bool) -> regex::Regex {
    let alternation = lexicon
        .terms
        .iter()
        .flat_map(|t| t.surfaces().map(|(surface, _)| regex::escape(surface)))
        .collect::<Vec<_>>()
        .join("|");
    let boundary = if unicode_boundaries { r"\b" } else { r"(?-u:\b)" };
    regex::RegexBuilder::new(&format!(r"(?i){boundary}(?:{alternation}){boundary}"))
        .size_limit(1 << 30)
        .dfa_size_limit(1 << 30)
        .build()
        .expect("the baseline compiles")
}

fn rate(elapsed: Duration) -> f64 {
    COMMENTS as f64 / elapsed.as_secs_f64()
}

fn best_of<T>(rounds: usize, mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..rounds {
        let started = Instant::now();
        last = Some(run());
        best = best.min(started.elapsed());
    }
    (best, last.expect("at least one round"))
}

/// One pass of each side over the comments, kept out of line so that an instruction counter
/// (`valgrind --tool=callgrind --toggle-collect=...`) can count exactly one side.
#[inline(never)]
fn pandu_side(matcher: &Matcher, comments: &[String]) -> usize {
    comments.iter().filter(|c| !matcher.scan(black_box(c), Surface::Comments).is_empty()).count()
}

#[inline(never)]
fn regex_side(regex: &regex::Regex, comments: &[String]) -> usize {
    comments.iter().filter(|c| regex.is_match(black_box(c))).count()
}

fn main() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let lexicon = lexicon(&mut rng);
    // Planted: the terms a comment alone can raise (not the script-only ones, nor those that
    // need a cue near them; they stay in the lexicon, as shipped).
    let terms: Vec<String> = lexicon
        .terms
        .iter()
        .filter(|t| t.rule.applies_to.contains(&Surface::Comments))
        .filter(|t| t.rule.gate.as_ref().is_none_or(|gate| gate.cues.is_empty()))
        .map(|t| t.text.clone())
        .collect();
    let comments = comments(&terms, COMMENTS, &mut rng);
    let matcher = Matcher::new(&lexicon);
    let regex = baseline(&lexicon, false);
    let regex_unicode = baseline(&lexicon, true);
    let bytes: usize = comments.iter().map(String::len).sum();

    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--side") {
        let side = args.get(at + 1).map_or("pandu", String::as_str);
        let rounds: usize = args.get(at + 2).and_then(|n| n.parse().ok()).unwrap_or(1);
        // One uncounted pass first, as the timed rounds get: the regex builds its lazy DFA's
        // states as it meets them, and that first pass costs three times a steady one
        // (188 M instructions of 252 M here), which would flatter Pandu's count.
        match side {
            "pandu" => black_box(comments.iter().filter(|c| !matcher.scan(c, Surface::Comments).is_empty()).count()),
            "regex" => black_box(comments.iter().filter(|c| regex.is_match(c)).count()),
            _ => 0,
        };
        let mut flagged = 0;
        for _ in 0..rounds {
            flagged = match side {
                "pandu" => pandu_side(&matcher, &comments),
                "rebuild" => Matcher::new(black_box(&lexicon)).flags_on(Surface::Comments).into(),
                _ => regex_side(&regex, &comments),
            };
        }
        println!("{side}: flags {flagged}");
        return;
    }
    let mut criterion =
        Criterion::default().sample_size(10).measurement_time(Duration::from_secs(4)).configure_from_args();
    let mut group = criterion.benchmark_group("scan 100k comments, 5000 terms");
    group.throughput(Throughput::Elements(COMMENTS as u64));
    group.bench_function("pandu matcher", |b| {
        b.iter(|| comments.iter().map(|c| matcher.scan(black_box(c), Surface::Comments).len()).sum::<usize>())
    });
    group.bench_function("regex baseline, ASCII word boundaries", |b| {
        b.iter(|| comments.iter().map(|c| regex.find_iter(black_box(c)).count()).sum::<usize>())
    });
    group.finish();
    criterion.bench_function("rebuild 5000-term lexicon", |b| b.iter(|| Matcher::new(black_box(&lexicon))));
    criterion.final_summary();

    let (mut pandu_times, mut ascii_times) = (Vec::new(), Vec::new());
    let (mut pandu_flagged, mut ascii_flagged) = (0, 0);
    for _ in 0..9 {
        let started = Instant::now();
        pandu_flagged = pandu_side(&matcher, &comments);
        pandu_times.push(started.elapsed());
        let started = Instant::now();
        ascii_flagged = regex_side(&regex, &comments);
        ascii_times.push(started.elapsed());
    }
    let (pandu_time, ascii_time) = (median(pandu_times), median(ascii_times));
    // Thousands of times slower: timed once, on a tenth of the comments (the mix repeats).
    let tenth = &comments[..COMMENTS / 10];
    let (unicode_time, unicode_flagged) = best_of(1, || tenth.iter().filter(|c| regex_unicode.is_match(c)).count());
    let unicode_rate = tenth.len() as f64 / unicode_time.as_secs_f64();
    let (rebuild, _) = best_of(10, || Matcher::new(&lexicon));
    let (regex_build, _) = best_of(3, || baseline(&lexicon, false));
    println!(
        "\nsummary: {COMMENTS} comments (avg {} bytes), {} terms, one core",
        bytes / COMMENTS,
        lexicon.terms.len()
    );
    println!("  pandu matcher (median of 9)            {:>11.0} comments/s  flags {pandu_flagged}", rate(pandu_time));
    println!(
        "  regex, \\b as usually written (Unicode) {:>11.0} comments/s  flags {} (of a tenth: {unicode_flagged})",
        unicode_rate,
        unicode_flagged * 10
    );
    println!(
        "  regex, ASCII \\b (its fastest form, median of 9) {:>11.0} comments/s  flags {ascii_flagged}",
        rate(ascii_time)
    );
    println!("  ratio pandu / regex as usually written  {:.2}x", rate(pandu_time) / unicode_rate);
    println!("  ratio pandu / regex fastest form        {:.2}x", rate(pandu_time) / rate(ascii_time));
    println!(
        "  rebuild: pandu {:.2} ms, regex baseline {:.1} ms",
        rebuild.as_secs_f64() * 1e3,
        regex_build.as_secs_f64() * 1e3
    );
    match (instructions("pandu"), instructions("regex")) {
        (Some(pandu), Some(regex)) => println!(
            "  instructions per pass (callgrind): pandu {pandu}, regex fastest form {regex}, ratio {:.2}",
            pandu as f64 / regex as f64
        ),
        _ => println!("  instructions: not counted (valgrind is not installed)"),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// One side's instructions over one pass, counted by callgrind on this same binary run with
/// `--side`, only inside that side's function.
fn instructions(side: &str) -> Option<u64> {
    let output = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null", &format!("--toggle-collect=*{side}_side*")])
        .arg(std::env::current_exe().ok()?)
        .args(["--side", side])
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let collected = stderr.lines().find_map(|line| line.split("Collected :").nth(1))?;
    collected.trim().replace(',', "").parse().ok()
}
