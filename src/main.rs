//! `pandu`: the headless engine and tools around the archive.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use pandu::app::{AppOptions, LexiconFile, Scope, token_of};
use pandu::config;
use pandu::ingest::{SourceSet, SourceSpec};
use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use pandu::moderation::script::check_script;
use pandu::store::Archive;

#[derive(Parser)]
#[command(name = "pandu", version, about = "Pandu: a co-host for TikTok LIVE sellers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the engine and the local server without a window, until Ctrl-C.
    Serve {
        /// The archive file [default: ~/.local/share/pandu/pandu.db; Windows: %LOCALAPPDATA%\pandu\data\pandu.db]
        #[arg(long)]
        db: Option<PathBuf>,
        /// Port on 127.0.0.1 [default: the settings' port, 47800]
        #[arg(long)]
        port: Option<u16>,
        /// Token for the control API [default: the one in the settings, ~/.config/pandu/config.toml]
        #[arg(long)]
        token: Option<String>,
        /// Where comments come from: tiktok:@HANDLE, tikfinity[:URL], ssn:URL,
        /// replay:FILE[:SPEED], demo[:RATE[:SEED]] or none. Give it more than once to merge
        /// several sources into one feed [default: the settings' source, demo]
        #[arg(long)]
        source: Vec<SourceSpec>,
    },
    /// Print or rotate the local API's tokens: the host view's (its links and QR code carry it)
    /// and the control token (everything).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write archived comments as JSON lines; with --events, a session's recording to replay.
    Export {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
        /// Only this live session [default: all]
        #[arg(long)]
        session: Option<i64>,
        /// Every event of the session (comments, gifts, joins, ...) as Pandu events, in time
        /// order: a recording for `--source replay:FILE`
        #[arg(long, requires = "session")]
        events: bool,
        /// The gaps instead: each period no source was delivering (comments may be missing), with
        /// its sources, start, end, length and reason
        #[arg(long, conflicts_with = "events")]
        gaps: bool,
    },
    /// List the live sessions in an archive.
    Sessions {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
    },
    /// Flag comments read from stdin, one per line (a JSON object with `text`, or plain text);
    /// writes one JSON object per line, in order, with their `flags`.
    Scan {
        /// The shop's own lexicon, on top of the rule packs [default: ~/.config/pandu/lexicon.toml]
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Rule packs to check with, comma-separated (tiktok-shop,judi-online,...), or `none`
        /// [default: the settings' `[moderation] packs`]
        #[arg(long)]
        packs: Option<PackList>,
        /// Say how each hit was read: an `explain` field per flag with the folded text that
        /// matched (`read_as`), the lexicon entry (`entry`), the evasions undone (`evasions`)
        /// and the cue that made a context-gated entry fire (`cue`). The rule a pack's entry
        /// protects is always in `why`.
        #[arg(long)]
        explain: bool,
    },
    /// Check the host's script: one `FILE:LINE:COL: category: term 'matched' -> suggest` line
    /// per hit, followed by the cue that made a context-gated entry fire and the rule it
    /// breaks; exits 1 if there is any, 0 if the script is clean.
    CheckScript {
        /// The script, a text file
        file: PathBuf,
        /// The shop's own lexicon, on top of the rule packs [default: ~/.config/pandu/lexicon.toml]
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Rule packs to check with, comma-separated, or `none` [default: the settings']
        #[arg(long)]
        packs: Option<PackList>,
        /// Rewrite FILE with each hit replaced by its suggested code word
        #[arg(long)]
        fix: bool,
    },
    /// The lexicon in force (the rule packs and the shop's own terms), for other tools.
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Search every live's comments, nicknames and feedback notes; one JSON object per hit,
    /// newest first.
    Search {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
        /// Words that must all appear (each as a word or the start of one: "ongkir" finds
        /// "ongkirnya")
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many hits
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=pandu::store::MAX_SEARCH_HITS as i64))]
        limit: u32,
    },
    /// Write a consistent copy of an archive (safe while Pandu runs). To restore: quit Pandu and
    /// put the copy in the archive's place.
    Backup {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
        /// The copy to write
        #[arg(long)]
        out: PathBuf,
    },
    /// A report on one live, an ISO week or dates, as Markdown, CSV (one row per tagged comment,
    /// for Excel), one self-contained HTML file or JSON (for scripts); to stdout, or to --out.
    Report {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
        /// One live session [default: this week]
        #[arg(long, conflicts_with_all = ["week", "from"])]
        session: Option<i64>,
        #[command(flatten)]
        period: Period,
        /// md, csv, html or json
        #[arg(long, default_value = "md")]
        format: pandu::report::ReportFormat,
        /// The time zone days and weeks are counted in [default: the settings', Asia/Jakarta]
        #[arg(long)]
        time_zone: Option<String>,
        /// The file to write [default: stdout]
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The agency hub: every shop's lives in one PostgreSQL
    Hub {
        #[command(subcommand)]
        command: HubCommand,
    },
    /// The settings: export and import them without any token or secret (for a new PC, or to
    /// send to support), and the TikTok sessionid, kept in the OS credential store.
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Render a promo-frame template to a PNG; with --check, list its safe-zone warnings (one
    /// per line on stdout). Exits 1 if the template is refused.
    Render {
        /// The template's folder (holding template.toml), e.g. overlays/novilla
        #[arg(long)]
        template: PathBuf,
        /// A field's value, e.g. --set price="Rp 1.299.000"; give it once per field [default:
        /// shop and official_account from the settings' [frame], then the template's [fields]]
        #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_field)]
        set: Vec<(String, String)>,
        /// The output size, e.g. 540x960 [default: the template's canvas]
        #[arg(long, value_name = "WxH", value_parser = parse_size)]
        size: Option<(u32, u32)>,
        /// Draw the widget slots (countdown, product card, pinned comment) as labelled boxes
        #[arg(long)]
        preview: bool,
        /// Check the template and list the warnings; renders only if --out is given too
        #[arg(long)]
        check: bool,
        /// The PNG to write
        #[arg(long, required_unless_present = "check")]
        out: Option<PathBuf>,
    },
}

/// A report's period: a week or a run of dates [default: this week].
#[derive(clap::Args)]
struct Period {
    /// An ISO week, Monday to Sunday, e.g. 2026-W49
    #[arg(long, conflicts_with = "from")]
    week: Option<String>,
    /// The first day, YYYY-MM-DD (with --to)
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// The last day, included
    #[arg(long, requires = "from")]
    to: Option<String>,
}

#[derive(Subcommand)]
enum HubCommand {
    /// Set up the hub's tables in PostgreSQL, or bring them to this Pandu's version; a database a
    /// later Pandu set up is refused and left as it is
    Migrate {
        /// The hub's database, e.g. postgresql://pandu@localhost/pandu_hub (or key=value pairs)
        #[arg(long)]
        postgres: String,
    },
    /// Run the hub: desktops send their events to it, on every network interface, until Ctrl-C
    Serve {
        /// The hub's database, migrated with `pandu hub migrate`
        #[arg(long)]
        postgres: String,
        /// The port to listen on (0: any free one)
        #[arg(long, default_value_t = 47900)]
        port: u16,
        /// The token desktops send (`[hub] token` in their settings); at least 16 characters
        #[arg(long)]
        token: String,
    },
    /// Push a lexicon and the rule packs to switch on to every desktop (or one shop's): they take
    /// it within seconds, on top of their own lexicon, if it checks out there too
    Lexicon {
        /// The lexicon (lexicon.toml); a broken one is refused, naming the line
        file: PathBuf,
        /// The hub's database
        #[arg(long)]
        postgres: String,
        /// Rule packs to switch on, comma-separated, or `none` [default: Pandu's default packs]
        #[arg(long)]
        packs: Option<PackList>,
        /// Only this shop's desktops [default: every shop]
        #[arg(long, default_value = "")]
        shop: String,
    },
    /// Write the agency report: every shop's lives over a period, from the hub's summaries
    Report {
        /// The hub's database
        #[arg(long)]
        postgres: String,
        #[command(flatten)]
        period: Period,
        /// Only this shop
        #[arg(long)]
        shop: Option<String>,
        /// Only the lives of this host
        #[arg(long)]
        host: Option<String>,
        /// Only the tags and flash sales about this product
        #[arg(long)]
        product: Option<String>,
        /// md, csv, html or json
        #[arg(long, default_value = "md")]
        format: pandu::report::ReportFormat,
        /// The time zone days, weeks and hours of day are counted in
        #[arg(long, default_value = pandu::report::DEFAULT_TIME_ZONE)]
        time_zone: String,
        /// The file to write [default: stdout]
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Write the settings as TOML, without the tokens, the TikTok sessionid or the archive's
    /// path
    Export {
        /// The file to write, or - for stdout
        #[arg(default_value = "-")]
        file: PathBuf,
    },
    /// Check FILE and make it the settings, keeping this machine's tokens, TikTok sessionid and
    /// archive; a bad file changes nothing. Quit Pandu first: a running Pandu saves its own.
    Import {
        /// A file `pandu settings export` (or Pengaturan → Ekspor) wrote
        file: PathBuf,
    },
    /// The TikTok sessionid, kept in the OS credential store, never in config.toml
    Sessionid {
        #[command(subcommand)]
        command: SessionidCommand,
    },
}

#[derive(Subcommand)]
enum SessionidCommand {
    /// Store the sessionid read from stdin (its first line) in the credential store; refused
    /// where this machine has none
    Set,
    /// Remove the sessionid from the credential store and the settings
    Clear,
    /// Where the sessionid is (and its last four characters), and where a new one would go
    Status,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "pandu=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    if !matches!(cli.command, Command::Serve { .. }) {
        die_on_closed_pipe();
    }
    let result = match cli.command {
        Command::Serve { db, port, token, source } => serve(db, port, token, source).map(|()| ExitCode::SUCCESS),
        Command::Export { db, session, events, gaps } => export(&db, session, events, gaps).map(|()| ExitCode::SUCCESS),
        Command::Sessions { db } => sessions(&db).map(|()| ExitCode::SUCCESS),
        Command::Token { command } => token(command).map(|()| ExitCode::SUCCESS),
        Command::Scan { lexicon, packs, explain } => scan(lexicon.as_deref(), packs.as_ref(), explain),
        Command::CheckScript { file, lexicon, packs, fix } => {
            check_script_file(&file, lexicon.as_deref(), packs.as_ref(), fix)
        }
        Command::Lexicon { command: LexiconCommand::Export { tiktok_filter: _, lexicon, packs, db, out } } => {
            export_tiktok_filter(lexicon.as_deref(), packs.as_ref(), db.as_deref(), &out).map(|()| ExitCode::SUCCESS)
        }
        Command::Hub { command } => hub(command).map(|()| ExitCode::SUCCESS),
        Command::Settings { command } => settings_command(command).map(|()| ExitCode::SUCCESS),
        Command::Render { template, set, size, preview, check, out } => {
            render(&template, set, size, preview, check, out.as_deref())
        }
        Command::Search { db, query, limit } => search(&db, &query.join(" "), limit).map(|()| ExitCode::SUCCESS),
        Command::Backup { db, out } => backup(&db, &out).map(|()| ExitCode::SUCCESS),
        Command::Report { db, session, period: Period { week, from, to }, format, time_zone, out } => {
            let request = pandu::app::ReportRequest { session, week, from, to };
            report(&db, &request, format, time_zone, out.as_deref()).map(|()| ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|error| {
        if !error.message.is_empty() {
            eprintln!("pandu: {}", error.message);
        }
        ExitCode::from(error.code)
    })
}

/// Lets a command that writes to stdout end the way grep does when its reader goes away
/// (`pandu scan < big.txt | head -1`): killed quietly by SIGPIPE, which the shell reports as
/// 128 + 13, instead of a "Broken pipe" error or a panic from `println!`. Rust ignores SIGPIPE
/// by default so that servers see write errors instead; `pandu serve` keeps that. Elsewhere
/// (Windows has no SIGPIPE) a closed pipe is a write error, which ends the command quietly
/// ([`CliError`]).
fn die_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called at start-up, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A failure and the exit code it ends the command with: 2 for bad input the user must fix
/// before anything can run (a broken lexicon), 1 for everything else. A closed stdout (the
/// reader went away) ends it quietly: no message, and the status a reader that stopped early
/// expects (`EPIPE_STATUS`).
struct CliError {
    code: u8,
    message: String,
}

/// The status after a closed pipe where no signal says it: 128 + SIGPIPE, as a shell reports
/// grep killed by it.
const EPIPE_STATUS: u8 = 141;

impl<E: std::fmt::Display + 'static> From<E> for CliError {
    fn from(error: E) -> Self {
        let closed_pipe = (&error as &dyn std::any::Any).downcast_ref::<std::io::Error>().is_some_and(is_closed_pipe);
        if closed_pipe {
            return CliError { code: EPIPE_STATUS, message: String::new() };
        }
        CliError { code: 1, message: error.to_string() }
    }
}

/// Whether a write failed because the reader went away. Windows says so in more than one way:
/// Rust reads ERROR_BROKEN_PIPE and ERROR_NO_DATA ("the pipe is being closed") as `BrokenPipe`,
/// but not ERROR_PIPE_NOT_CONNECTED (233), which a pipe whose reader has already closed gives
/// (seen under Wine in `tests/windows/wine-smoke.sh`).
fn is_closed_pipe(error: &std::io::Error) -> bool {
    const ERROR_PIPE_NOT_CONNECTED: i32 = 233;
    error.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && error.raw_os_error() == Some(ERROR_PIPE_NOT_CONNECTED))
}

type CliResult<T = ()> = Result<T, CliError>;

/// The lexicon in force for a CLI command: the rule packs `packs` (else the settings', else
/// the default ones) and the shop's lexicon at `path` (else the user's) on top.
fn lexicon(path: Option<&std::path::Path>, packs: Option<&PackList>) -> CliResult<Lexicon> {
    let config_dir = config::default_config_dir()?;
    let enabled = match packs {
        Some(PackList(ids)) => ids.clone(),
        None => config::Settings::read(&config_dir.join(config::SETTINGS_FILE))?.moderation.packs,
    };
    let lexicon_error =
        |error: pandu::moderation::lexicon::LexiconError| CliError { code: 2, message: error.to_string() };
    match path {
        Some(path) => {
            let shop = Lexicon::load(path).map_err(lexicon_error)?;
            pandu::moderation::packs::lexicon_in_force(&enabled, &shop).map_err(lexicon_error)
        }
        None => {
            let (lexicon, problem) = LexiconFile::new(config_dir.join(config::LEXICON_FILE)).load(&enabled);
            if let Some(problem) = problem {
                eprintln!("pandu: {problem}");
            }
            Ok(lexicon)
        }
    }
}

/// `--packs`: rule pack ids, comma-separated, or `none`.
#[derive(Debug, Clone)]
struct PackList(Vec<String>);

impl std::str::FromStr for PackList {
    type Err = String;
    fn from_str(text: &str) -> Result<PackList, String> {
        if text.trim() == "none" {
            return Ok(PackList(Vec::new()));
        }
        let ids: Vec<String> = text.split(',').map(str::trim).filter(|id| !id.is_empty()).map(str::to_string).collect();
        pandu::moderation::packs::check_pack_ids(&ids)?;
        Ok(PackList(ids))
    }
}

fn serve(db: Option<PathBuf>, port: Option<u16>, token: Option<String>, source: Vec<SourceSpec>) -> CliResult {
    let source = if source.is_empty() {
        None
    } else {
        Some(SourceSet::new(source).map_err(|error| CliError { code: 2, message: error.to_string() })?)
    };
    let options = AppOptions { db, port, token, source, config_dir: None };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let app = pandu::launch::launch(&options).await?;
        let info = app.info();
        if let Some(problem) = &info.lexicon_problem {
            eprintln!("pandu: {problem}; using the default lexicon");
        }
        if let Some(problem) = &info.sessionid_problem {
            eprintln!("pandu: warning: {problem}");
        }
        let Some(address) = app.server_address() else {
            app.shut_down().await;
            return Err(info.server_error.map(|error| error.message).unwrap_or_default().into());
        };
        let stop = pandu::shutdown::stop_signal()?;
        println!("pandu serving on http://{address}");
        if app.listens_on_network()
            && let Ok(link) = app.host_link()
        {
            eprintln!("  on the network (lan = true): {}", link.urls[1..].join(", "));
        }
        // Never the tokens themselves: this output ends up in service logs.
        eprintln!(
            "  source:  {}\n  archive: {}\n  tokens:  `pandu token show --scope control` (or host)",
            info.source, info.archive_path
        );
        std::io::stdout().flush()?;

        stop.await;
        eprintln!("pandu: stopping…");
        if let Some(report) = app.shut_down().await {
            eprintln!("pandu: stopped; {} events archived in {}", report.stored, info.archive_path);
            if report.lost > 0 {
                return Err(format!("{} events could not be archived (see the errors above)", report.lost).into());
            }
        }
        Ok(())
    })
}

fn export(db: &std::path::Path, session: Option<i64>, events: bool, gaps: bool) -> CliResult {
    let archive = Archive::open_existing(db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match (events, gaps, session) {
        (true, _, Some(session)) => archive.for_each_event(session, |event| write_json_line(&mut out, &event))??,
        (_, true, _) => {
            if let Some(session) = session {
                archive.session(session)?;
            }
            for gap in archive.gaps(session)? {
                write_json_line(&mut out, &gap)?;
            }
        }
        _ => archive.for_each_comment(session, |comment| write_json_line(&mut out, &comment))??,
    }
    out.flush()?;
    Ok(())
}

fn sessions(db: &std::path::Path) -> CliResult {
    let archive = Archive::open_existing(db)?;
    let mut out = std::io::stdout().lock();
    for session in archive.sessions()? {
        write_json_line(&mut out, &session)?;
    }
    Ok(())
}

fn hub(command: HubCommand) -> CliResult {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match command {
        HubCommand::Migrate { postgres } => {
            let migrated = runtime.block_on(pandu::hub::migrate(&postgres))?;
            if migrated.from == migrated.to {
                println!("the hub's tables are at version {}: nothing to do", migrated.to);
            } else {
                println!("the hub's tables went from version {} to {}", migrated.from, migrated.to);
            }
        }
        HubCommand::Serve { postgres, port, token } => {
            // A hub listens on the office network: a short token is guessed.
            if token.trim().chars().count() < 16 {
                return Err(CliError { code: 2, message: "--token: at least 16 characters".into() });
            }
            runtime.block_on(async {
                let pool = pandu::server::hub::pool(&postgres).await?;
                let listener = tokio::net::TcpListener::bind(("0.0.0.0", port)).await?;
                println!("pandu hub serving on http://{}", listener.local_addr()?);
                let stop = pandu::shutdown::stop_signal()?;
                axum::serve(listener, pandu::server::hub::router(pool, token)).with_graceful_shutdown(stop).await?;
                Ok::<_, CliError>(())
            })?;
        }
        HubCommand::Lexicon { file, postgres, packs, shop } => {
            let text = std::fs::read_to_string(&file).map_err(|error| format!("{}: {error}", file.display()))?;
            let packs = packs.map_or_else(pandu::moderation::packs::default_pack_ids, |PackList(ids)| ids);
            let pushed = runtime.block_on(async {
                pandu::hub::require_migrated(&postgres).await?;
                let client = pandu::hub::connect(&postgres).await?;
                pandu::hub::lexicon::push(&client, &postgres, shop.trim(), &text, &packs).await
            });
            let version = match pushed {
                Ok(version) => version,
                // Bad input the user must fix: named by the file, exit code 2 as `pandu scan` does.
                Err(pandu::hub::lexicon::PushError::Invalid(error)) => {
                    let error =
                        pandu::moderation::lexicon::LexiconError { origin: file.display().to_string(), ..error };
                    return Err(CliError { code: 2, message: error.to_string() });
                }
                Err(pandu::hub::lexicon::PushError::Hub(error)) => return Err(error.into()),
            };
            let to = if shop.trim().is_empty() { "every shop".to_string() } else { shop.trim().to_string() };
            println!("lexicon version {version} pushed to {to}");
        }
        HubCommand::Report {
            postgres,
            period: Period { week, from, to },
            shop,
            host,
            product,
            format,
            time_zone,
            out,
        } => {
            let now = pandu::event::now_ms();
            let request = pandu::hub::fetch::AgencyRequest { week, from, to, shop, host, product };
            let scope = request.scope(now, &time_zone)?;
            let report = runtime.block_on(async {
                pandu::hub::require_migrated(&postgres).await?;
                let client = pandu::hub::connect(&postgres).await?;
                pandu::hub::report::agency_report(&client, &postgres, scope, now).await
            })?;
            let content = pandu::report::render::agency_file(&report, format);
            match out {
                Some(path) => std::fs::write(&path, content).map_err(|error| format!("{}: {error}", path.display()))?,
                None => std::io::stdout().lock().write_all(content.as_bytes())?,
            }
        }
    }
    Ok(())
}

fn search(db: &std::path::Path, query: &str, limit: u32) -> CliResult {
    let archive = Archive::open_existing(db)?;
    let mut out = std::io::stdout().lock();
    for hit in archive.search(query, limit as usize)? {
        write_json_line(&mut out, &hit)?;
    }
    Ok(())
}

fn backup(db: &std::path::Path, out: &std::path::Path) -> CliResult {
    Archive::open_existing(db)?.backup_to(out)?;
    eprintln!("pandu: {} backed up to {}", db.display(), out.display());
    Ok(())
}

fn report(
    db: &std::path::Path,
    request: &pandu::app::ReportRequest,
    format: pandu::report::ReportFormat,
    time_zone: Option<String>,
    out: Option<&std::path::Path>,
) -> CliResult {
    let time_zone = match time_zone {
        Some(zone) => zone,
        None => existing_settings()?.map(|settings| settings.reports).unwrap_or_default().time_zone,
    };
    let archive = Archive::open_existing(db)?;
    let now = pandu::event::now_ms();
    let scope = pandu::report::resolve_scope(&archive, &request.scope(now, &time_zone)?, &time_zone)?;
    let report = pandu::report::build(&archive, scope, now)?;
    let file = pandu::report::export(&archive, &report, format)?;
    match out {
        Some(path) => std::fs::write(path, file.content).map_err(|error| format!("{}: {error}", path.display()))?,
        None => std::io::stdout().lock().write_all(file.content.as_bytes())?,
    }
    Ok(())
}

/// The user's settings when there are any; a command that only reads them creates none.
fn existing_settings() -> CliResult<Option<config::Settings>> {
    let settings_file = config::default_config_dir()?.join(config::SETTINGS_FILE);
    Ok(match settings_file.is_file() {
        true => Some(config::Settings::load_or_init(&settings_file)?),
        false => None,
    })
}

/// `pandu settings …`: export, import and the TikTok sessionid (src/config/transfer.rs,
/// src/config/sessionid.rs).
fn settings_command(command: SettingsCommand) -> CliResult {
    use config::{sessionid, transfer};
    let path = config::default_config_dir()?.join(config::SETTINGS_FILE);
    match command {
        SettingsCommand::Export { file } => {
            let text = transfer::export_text(&config::Settings::read(&path)?);
            match file.as_os_str() == "-" {
                true => std::io::stdout().write_all(text.as_bytes())?,
                false => std::fs::write(&file, text).map_err(|error| format!("{}: {error}", file.display()))?,
            }
        }
        SettingsCommand::Import { file } => {
            transfer::import_file(&path, &file)?;
            eprintln!(
                "pandu: imported {} into {}; this machine's tokens, TikTok sessionid and archive were kept",
                file.display(),
                path.display()
            );
        }
        SettingsCommand::Sessionid { command } => {
            let mut settings = config::Settings::load_or_init(&path)?;
            match command {
                SessionidCommand::Set => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    let cookie = pandu::ingest::tiktok::SessionId::new(&line)
                        .ok_or("no sessionid on stdin (give it as the first line; `clear` removes it)")?;
                    let store = sessionid::set(&path, &mut settings, Some(&cookie))?;
                    let store = store.map(|kind| kind.name()).unwrap_or_default();
                    eprintln!("pandu: the sessionid is stored in {store}; {} records only that", path.display());
                }
                SessionidCommand::Clear => {
                    sessionid::set(&path, &mut settings, None)?;
                    eprintln!("pandu: the sessionid is removed");
                }
                SessionidCommand::Status => print_sessionid_status(&sessionid::status(&path, &settings))?,
            }
        }
    }
    Ok(())
}

/// `pandu settings sessionid status`: one `key: value` line each, for people and scripts.
fn print_sessionid_status(status: &config::sessionid::SessionIdStatus) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let place = match (status.plain_text, status.store) {
        (true, _) => "config.toml, as plain text",
        (false, Some(kind)) => kind.name(),
        (false, None) => "not set",
    };
    writeln!(out, "sessionid: {place}")?;
    if let Some(end) = &status.ends_with {
        writeln!(out, "ends with: {end}")?;
    }
    if let Some(problem) = &status.problem {
        writeln!(out, "problem: {problem}")?;
    }
    match (status.new_goes_to, &status.no_store) {
        (Some(kind), _) => writeln!(out, "a new one goes to: {}", kind.name()),
        (None, reason) => writeln!(out, "a new one is refused: {}", reason.as_deref().unwrap_or_default()),
    }
}

/// One JSON Lines record.
fn write_json_line(out: &mut impl Write, record: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// `pandu scan`: batches of lines are read here, scanned on every core, and written back in input
/// order, so a recorded live of millions of comments takes seconds.
fn scan(lexicon_path: Option<&std::path::Path>, packs: Option<&PackList>, explain: bool) -> CliResult<ExitCode> {
    use std::io::BufRead;
    use std::sync::{Mutex, mpsc};
    /// About this many bytes of whole lines go to a worker at a time.
    const BATCH_BYTES: usize = 64 * 1024;
    let matcher = Matcher::new(&lexicon(lexicon_path, packs)?);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut input = std::io::stdin().lock();
    // (sequence number, number of the batch's first line, its lines)
    let (batch_tx, batch_rx) = mpsc::sync_channel::<(usize, usize, String)>(workers * 2);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, std::io::Result<Vec<u8>>)>(workers * 2);
    // Only the workers hold the batches' receiver: once the writer stops (stdout closed) and
    // the workers with it, the reader's next send fails instead of waiting forever.
    let batch_rx = std::sync::Arc::new(Mutex::new(batch_rx));
    std::thread::scope(|scope| -> CliResult<ExitCode> {
        for _ in 0..workers {
            let (batch_rx, done_tx, matcher) = (std::sync::Arc::clone(&batch_rx), done_tx.clone(), &matcher);
            scope.spawn(move || {
                loop {
                    // Not in a `while let`: its lock guard would live through the scan.
                    let next = batch_rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok((sequence, first_line, lines)) = next else { break };
                    let mut records = Vec::with_capacity(lines.len() * 3 / 2);
                    let scanned = scan_lines(matcher, explain, first_line, &lines, &mut records).map(|()| records);
                    if done_tx.send((sequence, scanned)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((done_tx, batch_rx));
        let writer = scope.spawn(move || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // Batches finish out of order; each is written once all before it are.
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0;
            for (sequence, records) in done_rx {
                waiting.insert(sequence, records?);
                while let Some(records) = waiting.remove(&next) {
                    out.write_all(&records)?;
                    next += 1;
                }
            }
            out.flush()
        });
        // Whole lines are read a block at a time and split at the last line end: no line is
        // looked at on this thread, but for counting them.
        let (mut line_number, mut rest) = (1, Vec::new());
        for sequence in 0.. {
            let mut batch = std::mem::take(&mut rest);
            batch.reserve(BATCH_BYTES + 1024);
            let (mut end_of_input, mut has_line_end) = (false, batch.contains(&b'\n'));
            // Each block is looked at once: a line longer than a batch is not scanned over again.
            while batch.len() < BATCH_BYTES || !has_line_end {
                let block = input.fill_buf()?;
                if block.is_empty() {
                    end_of_input = true;
                    break;
                }
                has_line_end |= block.contains(&b'\n');
                let read = block.len();
                batch.extend_from_slice(block);
                input.consume(read);
            }
            if !end_of_input && let Some(last_end) = batch.iter().rposition(|&b| b == b'\n') {
                rest = batch.split_off(last_end + 1);
            }
            if batch.is_empty() {
                break;
            }
            let lines = batch.iter().filter(|&&b| b == b'\n').count() + usize::from(!batch.ends_with(b"\n"));
            let batch = String::from_utf8(batch).map_err(|error| {
                let bad = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let line = line_number + bad.iter().filter(|&&b| b == b'\n').count();
                CliError { code: 2, message: format!("stdin line {line}: not UTF-8 text") }
            })?;
            if batch_tx.send((sequence, line_number, batch)).is_err() {
                break;
            }
            line_number += lines;
        }
        drop(batch_tx);
        writer.join().expect("the writer does not panic")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Scans `lines` (whole lines, the first numbered `first_line`) and writes a JSON record per line
/// to `out`: the comment (a plain-text line, or a JSON object's fields) with its `flags`.
fn scan_lines(
    matcher: &Matcher,
    explain: bool,
    first_line: usize,
    lines: &str,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    /// A plain-text comment's record, written without building a JSON value first.
    #[derive(serde::Serialize)]
    struct Scanned<'a> {
        text: &'a str,
        flags: &'a [pandu::event::Flag],
    }
    let flags_of = |text: &str| {
        let mut flags = matcher.scan(text, Surface::Comments);
        if !explain {
            flags.iter_mut().for_each(|flag| flag.explain = None);
        }
        flags
    };
    for (index, line) in lines.lines().enumerate() {
        // Anything that is not a JSON object is a plain-text comment.
        let object = if line.trim_start().starts_with('{') {
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).ok()
        } else {
            None
        };
        match object {
            None => write_json_line(out, &Scanned { text: line, flags: &flags_of(line) })?,
            Some(mut object) => match object.get("text") {
                Some(serde_json::Value::String(text)) => {
                    let flags = flags_of(text);
                    object.insert("flags".into(), serde_json::to_value(flags)?);
                    write_json_line(out, &object)?;
                }
                _ => {
                    // One output line per input line, always: the error stands in its place.
                    let number = first_line + index;
                    eprintln!("pandu: stdin line {number}: a JSON object needs a \"text\" string");
                    let error = serde_json::json!({ "line": number, "error": "a JSON object needs a \"text\" string" });
                    write_json_line(out, &error)?;
                }
            },
        }
    }
    Ok(())
}

fn check_script_file(
    file: &std::path::Path,
    lexicon_path: Option<&std::path::Path>,
    packs: Option<&PackList>,
    fix: bool,
) -> CliResult<ExitCode> {
    let matcher = Matcher::new(&lexicon(lexicon_path, packs)?);
    let script = std::fs::read_to_string(file)
        .map_err(|error| CliError { code: 2, message: format!("{}: {error}", file.display()) })?;
    let report = check_script(&matcher, &script);
    let mut out = std::io::stdout().lock();
    for hit in &report.hits {
        write!(
            out,
            "{}:{}:{}: {}: {} '{}'",
            file.display(),
            hit.line,
            hit.column,
            hit.category,
            hit.term,
            hit.matched
        )?;
        if let Some(suggest) = &hit.suggest {
            write!(out, " -> {suggest}")?;
        }
        if let Some(cue) = &hit.cue {
            write!(out, " [cue '{}']", cue.matched)?;
        }
        match &hit.why {
            Some(why) => {
                let points = why.points.as_deref().map(|points| format!("; {points}")).unwrap_or_default();
                writeln!(out, " -- {} ({}, read {}{points})", why.rule.en, why.source, why.read)?
            }
            None => writeln!(out)?,
        }
    }
    if fix && report.fixed != script {
        // Write beside the script, then rename over it: a crash never leaves half a script.
        let temporary = file.with_extension("pandu-fix.tmp");
        std::fs::write(&temporary, &report.fixed)?;
        std::fs::rename(&temporary, file)?;
        let fixed = report.hits.len() as u32 - report.unfixed;
        eprintln!(
            "pandu: {}: replaced {fixed} hits with code words; {} have no code word and were left",
            file.display(),
            report.unfixed
        );
    }
    Ok(if report.hits.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a token.
    Show {
        /// host (the host view: its page, its stream, marking questions answered) or control
        /// (every route)
        #[arg(long, default_value = "host")]
        scope: Scope,
    },
    /// Replace a token with a new random one and print it. A Pandu running on this computer
    /// (`pandu serve` or the window) takes it at once and closes the connections holding the old
    /// one; with none running, it is written to config.toml for the next start.
    Rotate {
        /// host (default: the host view's links and QR code stop working; tools keep theirs) or
        /// control (every tool needs the new one)
        #[arg(long, default_value = "host")]
        scope: Scope,
        /// The running Pandu's port [default: the settings' port, 47800]
        #[arg(long)]
        port: Option<u16>,
    },
}

/// `pandu token show|rotate`: the token on stdout (and nowhere else), what happened on stderr.
fn token(command: TokenCommand) -> CliResult {
    let path = config::default_config_dir()?.join(config::SETTINGS_FILE);
    let mut settings = config::Settings::load_or_init(&path)?;
    let token = match command {
        TokenCommand::Show { scope } => token_of(&mut settings, scope).clone(),
        TokenCommand::Rotate { scope, port } => {
            let port = port.unwrap_or(settings.port);
            match rotate_on_running_pandu(port, &settings.token, scope)? {
                Some(token) => {
                    eprintln!("pandu: the Pandu running on port {port} uses the new {scope} token now");
                    token
                }
                None => {
                    let token = config::new_token();
                    *token_of(&mut settings, scope) = token.clone();
                    settings.save(&path)?;
                    eprintln!(
                        "pandu: no Pandu answers on port {port}; the new {scope} token is in {} from the next start",
                        path.display()
                    );
                    token
                }
            }
        }
    };
    writeln!(std::io::stdout(), "{token}")?;
    Ok(())
}

/// Asks the Pandu listening on 127.0.0.1:`port` to rotate `scope` (`POST
/// /api/tokens/{scope}/rotate` with the `control` token): the new token, or `None` when nothing
/// listens there.
fn rotate_on_running_pandu(port: u16, control: &str, scope: Scope) -> CliResult<Option<String>> {
    use std::io::Read;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let failed = |error: std::io::Error| CliError::from(format!("{address}: {error}"));
    let mut stream = match std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(2)) {
        Ok(stream) => stream,
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => return Ok(None),
        Err(error) => return Err(failed(error)),
    };
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).map_err(failed)?;
    write!(
        stream,
        "POST /api/tokens/{scope}/rotate HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {control}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .map_err(failed)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(failed)?;
    let response = String::from_utf8_lossy(&response);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).unwrap_or_default();
    let answer: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    match (status, answer["token"].as_str()) {
        ("200", Some(token)) => Ok(Some(token.to_string())),
        ("401", _) => Err(format!(
            "the Pandu on port {port} refused the control token in config.toml (started with --token?); \
             nothing was changed: rotate in its window (Pengaturan) or with POST /api/tokens/{scope}/rotate"
        )
        .into()),
        _ => Err(format!(
            "{address} answered '{}' {}: not a Pandu that rotates tokens; nothing was changed",
            head.lines().next().unwrap_or_default(),
            answer["error"].as_str().unwrap_or_default()
        )
        .into()),
    }
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Write the lexicon in force for TikTok LIVE's own comment keyword filter: its best 200
    /// keywords, ranked by how often the archive's lives were flagged for each spelling, one a
    /// line in --out, and the reasoning beside it (FILE with `.notes.txt`).
    Export {
        /// TikTok LIVE's keyword filter: at most 200 keywords within its rules
        #[arg(long, required = true)]
        tiktok_filter: bool,
        /// The shop's own lexicon, on top of the rule packs [default: ~/.config/pandu/lexicon.toml]
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Rule packs, comma-separated, or `none` [default: the settings' `[moderation] packs`]
        #[arg(long)]
        packs: Option<PackList>,
        /// The archive whose flags rank the keywords [default: the settings' archive, else
        /// ~/.local/share/pandu/pandu.db]
        #[arg(long)]
        db: Option<PathBuf>,
        /// The keyword file to write; the reasoning goes beside it, with `.notes.txt`
        #[arg(long, default_value = "tiktok-filter.txt")]
        out: PathBuf,
    },
}

/// `pandu lexicon export --tiktok-filter`: the keywords to `out`, the reasoning beside them, a
/// one-line summary on stderr.
fn export_tiktok_filter(
    lexicon_path: Option<&std::path::Path>,
    packs: Option<&PackList>,
    db: Option<&std::path::Path>,
    out: &std::path::Path,
) -> CliResult {
    let lexicon = lexicon(lexicon_path, packs)?;
    let db = match (db, existing_settings()?.and_then(|settings| settings.archive)) {
        (Some(db), _) => db.to_path_buf(),
        (None, Some(archive)) => archive,
        (None, None) => config::default_archive_path()?,
    };
    let filter = pandu::app::App::tiktok_filter_of(&lexicon, &Archive::open_existing(&db)?)?;
    let notes = out.with_extension("notes.txt");
    std::fs::write(out, filter.text()).map_err(|error| format!("{}: {error}", out.display()))?;
    std::fs::write(&notes, &filter.notes).map_err(|error| format!("{}: {error}", notes.display()))?;
    eprintln!(
        "pandu: {} keywords for TikTok LIVE's filter (at most {}) written to {}; why, and what was left out: {}",
        filter.lines.len(),
        pandu::moderation::tiktok_filter::MAX_KEYWORDS,
        out.display(),
        notes.display()
    );
    Ok(())
}

fn parse_field(text: &str) -> Result<(String, String), String> {
    let (key, value) = text.split_once('=').ok_or("write KEY=VALUE, e.g. price=Rp 99.000")?;
    Ok((key.trim().to_string(), value.to_string()))
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("bad size {text:?}: write WxH, e.g. 1080x1920");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    match (w.trim().parse(), h.trim().parse()) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(bad()),
    }
}

/// `pandu render`: warnings go to stdout with --check (they are the answer), else to stderr.
fn render(
    dir: &std::path::Path,
    set: Vec<(String, String)>,
    size: Option<(u32, u32)>,
    preview: bool,
    check: bool,
    out: Option<&std::path::Path>,
) -> CliResult<ExitCode> {
    use pandu_frame::{Fields, RenderOptions, Renderer, Template};
    let template = Template::load(dir)?;
    let mut fields = Fields::new();
    for (key, value) in set {
        fields.set(key, value);
    }
    // The shop's name, its official account and the safe zones come from the settings, when
    // there are any (rendering creates none).
    let frame = existing_settings()?.map(|settings| settings.frame).unwrap_or_default();
    for (name, value) in [("shop", frame.shop), ("official_account", frame.official_account)] {
        if !value.trim().is_empty() {
            fields.or_set(name, value);
        }
    }
    let warnings = match out {
        None => pandu_frame::check(&template, &fields, &frame.safe_zones)?,
        Some(out) => {
            let options = RenderOptions { size, preview, safe_zones: frame.safe_zones };
            let rendered = Renderer::new().render(&template, &fields, &options)?;
            std::fs::write(out, &rendered.png).map_err(|error| format!("{}: {error}", out.display()))?;
            rendered.warnings
        }
    };
    for warning in &warnings {
        if check {
            println!("{warning}");
        } else {
            eprintln!("pandu: warning: {warning}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
