//! `pandu`: the headless engine and tools around the archive.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use pandu::config::{self, Settings};
use pandu::ingest::SourceSpec;
use pandu::session::Engine;
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
        /// The archive file [default: ~/.local/share/pandu/pandu.db]
        #[arg(long)]
        db: Option<PathBuf>,
        /// Port on 127.0.0.1 [default: the settings' port, 47800]
        #[arg(long)]
        port: Option<u16>,
        /// Token for the control API [default: the one in ~/.config/pandu/config.toml]
        #[arg(long)]
        token: Option<String>,
        /// Where comments come from: demo[:RATE[:SEED]] or none [default: the settings' source, demo]
        #[arg(long)]
        source: Option<SourceSpec>,
    },
    /// Write archived comments as JSON lines.
    Export {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
        /// Only this live session [default: all]
        #[arg(long)]
        session: Option<i64>,
    },
    /// List the live sessions in an archive.
    Sessions {
        /// The archive file
        #[arg(long)]
        db: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "pandu=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Serve { db, port, token, source } => serve(db, port, token, source),
        Command::Export { db, session } => export(&db, session),
        Command::Sessions { db } => sessions(&db),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pandu: {error}");
            ExitCode::FAILURE
        }
    }
}

type CliResult = Result<(), Box<dyn std::error::Error>>;

fn serve(db: Option<PathBuf>, port: Option<u16>, token: Option<String>, source: Option<SourceSpec>) -> CliResult {
    // Settings are read (and created on first run) only for what the command line leaves open.
    let settings = match (&port, &token, &source) {
        (Some(_), Some(_), Some(_)) => None,
        _ => Some(Settings::load_or_init(&config::default_settings_path()?)?),
    };
    let port = port.or(settings.as_ref().map(|s| s.port)).unwrap_or(config::DEFAULT_PORT);
    let token =
        token.or(settings.as_ref().map(|s| s.token.clone())).expect("settings were read when no token was given");
    if token.is_empty() {
        return Err("the token must not be empty".into());
    }
    let source = match source {
        Some(source) => source,
        None => settings.as_ref().map_or("demo", |s| &s.source).parse()?,
    };
    let db = match db {
        Some(db) => db,
        None => config::default_archive_path()?,
    };

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let engine = Engine::new(db.clone(), None)?;
        let listener = pandu::server::bind(port).await?;
        let port = listener.local_addr()?.port();
        engine.start(&source).await?;
        let shutdown = tokio_util::sync::CancellationToken::new();
        let server = tokio::spawn({
            let (engine, token, shutdown) = (engine.clone(), token.clone(), shutdown.clone());
            async move { pandu::server::serve(listener, engine, &token, shutdown.cancelled_owned()).await }
        });
        println!("pandu serving on http://127.0.0.1:{port}");
        eprintln!("  source:  {source}\n  archive: {}\n  token:   {token}", db.display());
        std::io::stdout().flush()?;

        wait_for_stop_signal().await?;
        eprintln!("pandu: stopping…");
        shutdown.cancel();
        server.await??;
        if let Some(report) = engine.stop().await {
            eprintln!("pandu: stopped; {} events archived in {}", report.stored, db.display());
            if report.lost > 0 {
                return Err(format!("{} events could not be archived (see the errors above)", report.lost).into());
            }
        }
        Ok(())
    })
}

async fn wait_for_stop_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result,
        _ = terminate.recv() => Ok(()),
    }
}

fn export(db: &std::path::Path, session: Option<i64>) -> CliResult {
    let archive = Archive::open_existing(db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    archive.for_each_comment(session, |comment| {
        serde_json::to_writer(&mut out, &comment)?;
        out.write_all(b"\n")
    })??;
    out.flush()?;
    Ok(())
}

fn sessions(db: &std::path::Path) -> CliResult {
    let archive = Archive::open_existing(db)?;
    let mut out = std::io::stdout().lock();
    for session in archive.sessions()? {
        serde_json::to_writer(&mut out, &session)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
