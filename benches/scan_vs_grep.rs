//! `pandu scan` end to end against GNU grep's literal word match, in one run.
//!
//! The `matcher` bench times the matcher in process; this one times what a user runs: the release
//! `pandu` binary reading a file of comments on stdin and writing JSON Lines, against the fastest
//! blacklist filter a shell offers, `LC_ALL=C grep -Fiw -f terms.txt` (fixed strings, ASCII case
//! folding, whole words; no evasion handling). Both sides pay for their start-up, building their
//! automaton from 5,000 terms, reading and writing files. (`LC_ALL=C` is grep at its fastest: in a
//! UTF-8 locale GNU grep's `-i` with this many terms runs hundreds of times slower.)
//!
//! - 5,000-term lexicon: generated words (plus the default rule packs' real terms, aliases and
//!   allow-list), no patterns; written as a lexicon TOML file for `pandu scan --packs none
//!   --lexicon`, and as
//!   every term and alias, lowercased, one per line for `grep -f`.
//! - 200,000 comments, one per line: the demo stream's clean chat (what the default lexicon does
//!   not flag, two demo comments a line), one comment in twenty carrying a term, half of those
//!   spelled to dodge filters (`sh0pee`, `s.h.o.p.e.e`, look-alike letters, capitals).
//! - Commands, output to files (GNU grep stops at the first match when its output is /dev/null):
//!   `pandu scan --packs none --lexicon lex.toml < comments.txt > out.jsonl`,
//!   `LC_ALL=C grep -Fiw -f terms.txt comments.txt > grep.txt`, and, if `rg` is on PATH,
//!   `rg -Fiw -f terms.txt comments.txt > rg.txt` as a second reference.
//! - One warm-up run each, then the sides interleaved (pandu, grep, rg, pandu, ...) so drift in the
//!   machine's load hits them alike. Prints the median and best wall time of each side,
//!   comments/s, the ratio pandu/grep, and how many lines each side flagged. It never fails on
//!   speed; it exits non-zero only if a command fails.
//!
//! Run: `cargo bench --bench scan_vs_grep` (`-- ROUNDS` to change the 9 timed rounds).

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{comments, generated_word};
use pandu::moderation::packs::{default_pack_ids, pack_text};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use toml::{Table, Value};

const TERMS: usize = 5_000;
const COMMENTS: usize = 200_000;

/// The default packs' terms and allowed phrases as one plain lexicon (no patterns, policies,
/// context rules or surfaces: every term flagged everywhere, as grep flags it), topped up to
/// `TERMS` terms with generated words. Built as TOML values, not `Term`s, so that the file is
/// what a user would write; scanned with `--packs none`, so these are all the terms there are.
fn lexicon(rng: &mut ChaCha8Rng) -> Result<Table, String> {
    let (mut terms, mut allow) = (Vec::new(), Vec::new());
    for id in default_pack_ids() {
        let pack: Table = pack_text(&id)
            .ok_or_else(|| format!("no pack {id}"))?
            .parse()
            .map_err(|e| format!("the pack {id}: {e}"))?;
        for mut term in pack.get("term").and_then(Value::as_array).cloned().unwrap_or_default() {
            if let Some(table) = term.as_table_mut() {
                for key in ["policy", "context", "applies_to"] {
                    table.remove(key);
                }
            }
            terms.push(term);
        }
        allow.extend(pack.get("allow").and_then(Value::as_array).cloned().unwrap_or_default());
    }
    let mut seen: HashSet<String> = terms.iter().filter_map(|t| t.get("text")?.as_str().map(str::to_string)).collect();
    while terms.len() < TERMS {
        let word = generated_word(rng);
        if seen.insert(word.clone()) {
            let mut term = Table::new();
            term.insert("text".into(), Value::String(word));
            term.insert("category".into(), Value::String("competitor".into()));
            terms.push(Value::Table(term));
        }
    }
    let mut lexicon = Table::new();
    lexicon.insert("term".into(), Value::Array(terms));
    lexicon.insert("allow".into(), Value::Array(allow));
    Ok(lexicon)
}

fn term_tables(lexicon: &Table) -> impl Iterator<Item = &Table> {
    lexicon.get("term").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_table)
}

/// Every term's text, in file order.
fn term_texts(lexicon: &Table) -> Vec<String> {
    term_tables(lexicon).filter_map(|t| t.get("text")?.as_str().map(str::to_string)).collect()
}

/// Every spelling grep is given: each term and alias (a string or `{ text = ... }`), lowercased.
fn grep_patterns(lexicon: &Table) -> Vec<String> {
    let mut seen = HashSet::new();
    term_tables(lexicon)
        .flat_map(|term| {
            let aliases = term.get("aliases").and_then(Value::as_array).into_iter().flatten();
            term.get("text").into_iter().chain(aliases.map(|a| a.get("text").unwrap_or(a)))
        })
        .filter_map(Value::as_str)
        .map(str::to_lowercase)
        .filter(|surface| seen.insert(surface.clone()))
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut out = BufWriter::new(File::create(path).map_err(fail)?);
    for line in lines {
        writeln!(out, "{line}").map_err(fail)?;
    }
    out.flush().map_err(fail)
}

/// One side of the comparison: a command line, its output file and how to count what it flagged.
struct Side {
    name: &'static str,
    program: PathBuf,
    args: Vec<String>,
    env: Option<(&'static str, &'static str)>,
    stdin: Option<PathBuf>,
    stdout: PathBuf,
    /// Exit codes that mean success (grep and rg exit 1 when nothing matched).
    ok: &'static [i32],
    count: fn(&Path) -> Result<usize, String>,
    times: Vec<Duration>,
}

impl Side {
    fn run(&self) -> Result<Duration, String> {
        let open =
            |path: &Path| File::open(path).map_err(|e| format!("{}: cannot open {}: {e}", self.name, path.display()));
        let mut command = Command::new(&self.program);
        command.args(&self.args).stderr(Stdio::inherit());
        command.stdin(match &self.stdin {
            Some(path) => Stdio::from(open(path)?),
            None => Stdio::null(),
        });
        let out = File::create(&self.stdout)
            .map_err(|e| format!("{}: cannot create {}: {e}", self.name, self.stdout.display()))?;
        command.stdout(Stdio::from(out));
        if let Some((key, value)) = self.env {
            command.env(key, value);
        }
        let started = Instant::now();
        let status =
            command.status().map_err(|e| format!("{}: cannot run {}: {e}", self.name, self.program.display()))?;
        let elapsed = started.elapsed();
        match status.code() {
            Some(code) if self.ok.contains(&code) => Ok(elapsed),
            _ => Err(format!("{} failed ({status}): {}", self.name, self.command_line())),
        }
    }

    fn command_line(&self) -> String {
        let env = self.env.map(|(k, v)| format!("{k}={v} ")).unwrap_or_default();
        let stdin = self.stdin.as_ref().map(|p| format!(" < {}", p.display())).unwrap_or_default();
        format!("{env}{} {}{stdin} > {}", self.program.display(), self.args.join(" "), self.stdout.display())
    }

    fn median(&self) -> Duration {
        let mut sorted = self.times.clone();
        sorted.sort();
        let mid = sorted.len() / 2;
        if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2 }
    }

    fn best(&self) -> Duration {
        self.times.iter().copied().min().unwrap_or_default()
    }
}

fn count_lines(path: &Path) -> Result<usize, String> {
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(BufReader::new(file).split(b'\n').count())
}

/// Records of `pandu scan`'s output with a non-empty `flags`; checks there is one per comment.
fn count_flagged(path: &Path) -> Result<usize, String> {
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (mut records, mut flagged) = (0, 0);
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let record: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{}:{}: not JSON: {e}", path.display(), records + 1))?;
        records += 1;
        match record.get("flags").and_then(serde_json::Value::as_array) {
            Some(flags) if !flags.is_empty() => flagged += 1,
            Some(_) => {}
            None => return Err(format!("{}:{records}: a record without flags: {line}", path.display())),
        }
    }
    if records != COMMENTS {
        return Err(format!("pandu scan wrote {records} records for {COMMENTS} comments"));
    }
    Ok(flagged)
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(program)).find(|path| path.is_file())
}

fn run(rounds: usize) -> Result<(), String> {
    let dir = tempfile::Builder::new()
        .prefix("pandu-scan-vs-grep-")
        .tempdir_in(std::env::temp_dir())
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let path = |name: &str| dir.path().join(name);

    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let lexicon = lexicon(&mut rng)?;
    let comments = comments(&term_texts(&lexicon), COMMENTS, &mut rng);
    let patterns = grep_patterns(&lexicon);
    let toml = toml::to_string(&lexicon).map_err(|e| format!("cannot write the lexicon as TOML: {e}"))?;
    std::fs::write(path("lex.toml"), toml).map_err(|e| format!("cannot write lex.toml: {e}"))?;
    write_lines(&path("terms.txt"), &patterns)?;
    write_lines(&path("comments.txt"), &comments)?;
    let bytes: usize = comments.iter().map(|c| c.len() + 1).sum();

    let arg = |p: PathBuf| p.to_string_lossy().into_owned();
    let grep_args = || vec!["-Fiw".into(), "-f".into(), arg(path("terms.txt")), arg(path("comments.txt"))];
    let mut sides = vec![
        Side {
            name: "pandu scan",
            program: PathBuf::from(env!("CARGO_BIN_EXE_pandu")),
            args: vec!["scan".into(), "--packs".into(), "none".into(), "--lexicon".into(), arg(path("lex.toml"))],
            env: None,
            stdin: Some(path("comments.txt")),
            stdout: path("out.jsonl"),
            ok: &[0],
            count: count_flagged,
            times: Vec::new(),
        },
        Side {
            name: "grep -Fiw",
            program: PathBuf::from("grep"),
            args: grep_args(),
            env: Some(("LC_ALL", "C")),
            stdin: None,
            stdout: path("grep.txt"),
            ok: &[0, 1],
            count: count_lines,
            times: Vec::new(),
        },
    ];
    let rg = on_path("rg");
    if let Some(rg) = &rg {
        sides.push(Side {
            name: "rg -Fiw",
            program: rg.clone(),
            args: grep_args(),
            env: None,
            stdin: None,
            stdout: path("rg.txt"),
            ok: &[0, 1],
            count: count_lines,
            times: Vec::new(),
        });
    }

    println!(
        "scan_vs_grep: {COMMENTS} comments ({:.1} MB, avg {} bytes), {} terms ({} spellings for grep), {rounds} rounds",
        bytes as f64 / 1e6,
        bytes / COMMENTS - 1,
        term_texts(&lexicon).len(),
        patterns.len(),
    );
    for side in &sides {
        println!("  {:<11} {}", side.name, side.command_line());
    }
    if rg.is_none() {
        println!("  rg -Fiw     skipped: rg (ripgrep) is not on PATH");
    }

    for side in &sides {
        side.run()?; // warm-up: page cache, binary loaded
    }
    for round in 1..=rounds {
        for side in &mut sides {
            let elapsed = side.run()?;
            side.times.push(elapsed);
        }
        let times: Vec<String> =
            sides.iter().map(|s| format!("{} {:.3} s", s.name, s.times[round - 1].as_secs_f64())).collect();
        println!("  round {round}: {}", times.join(", "));
    }

    println!("\nsummary (wall time per run over {rounds} rounds, lower is better):");
    println!("  {:<11} {:>10} {:>10} {:>14} {:>9}", "", "median", "best", "comments/s", "flagged");
    for side in &sides {
        let flagged = (side.count)(&side.stdout)?;
        println!(
            "  {:<11} {:>8.3} s {:>8.3} s {:>14.0} {:>9}",
            side.name,
            side.median().as_secs_f64(),
            side.best().as_secs_f64(),
            COMMENTS as f64 / side.median().as_secs_f64(),
            flagged,
        );
    }
    let pandu = sides[0].median().as_secs_f64();
    for side in &sides[1..] {
        println!(
            "  ratio pandu/{} (median): {:.2}x",
            side.name.split(' ').next().unwrap_or(side.name),
            pandu / side.median().as_secs_f64()
        );
    }
    println!(
        "  (flagged: pandu counts records with flags, grep/rg count matching lines; {} comments carry a term, \
         half of them spelled to dodge filters: grep misses those that swap or split letters)",
        COMMENTS / 20,
    );
    dir.close().map_err(|e| format!("cannot remove the temporary directory: {e}"))
}

fn main() -> ExitCode {
    let rounds =
        std::env::args().skip(1).find(|a| !a.starts_with('-')).and_then(|s| s.parse().ok()).unwrap_or(9).max(1);
    match run(rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("scan_vs_grep: {message}");
            ExitCode::FAILURE
        }
    }
}
