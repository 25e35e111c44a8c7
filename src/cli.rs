//! The `carrefour` command line. With no subcommand it serves the embedded hub.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::app::{self, ServeOptions};
use crate::config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "carrefour",
    version,
    about = "Carrefour: the social-innovation hub of a collective of partners"
)]
struct Cli {
    /// Settings file (default: ./carrefour.toml when present).
    #[arg(long, global = true, env = "CARREFOUR_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web hub (and, by default, run the job worker in the same process).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(CommonArgs),
    /// Run the job worker only (production: separate from web nodes).
    Worker(CommonArgs),
    /// Seed demo partners and projects into an empty database.
    Demo(CommonArgs),
}

#[derive(Debug, Args, Default)]
struct CommonArgs {
    /// Data directory (SQLite file, search index, mail outbox).
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:3000.
    #[arg(long)]
    bind: Option<SocketAddr>,
    #[command(flatten)]
    common: CommonArgs,
    /// Do not seed demo content.
    #[arg(long)]
    no_demo: bool,
    /// Do not run the job worker in this process.
    #[arg(long)]
    no_worker: bool,
}

fn load_settings(config: Option<&PathBuf>, common: &CommonArgs) -> Result<Settings, String> {
    let env: std::collections::HashMap<String, String> = std::env::vars().collect();
    let mut settings =
        Settings::load(config.map(|p| p.as_path()), &env).map_err(|e| e.to_string())?;
    if let Some(dir) = &common.data_dir {
        settings.server.data_dir = dir.clone();
    }
    Ok(settings)
}

fn init_logging(settings: &Settings) {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&settings.log.filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    let _ = if settings.log.format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs::default()));
    let common = match &command {
        Command::Serve(args) => &args.common,
        Command::Migrate(args) | Command::Worker(args) | Command::Demo(args) => args,
    };
    let mut settings = match load_settings(cli.config.as_ref(), common) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("carrefour: {message}");
            return ExitCode::from(2);
        }
    };
    if let Command::Serve(args) = &command {
        if let Some(bind) = args.bind {
            settings.server.bind = bind;
        }
        if args.no_demo {
            settings.demo.enabled = false;
        }
        if args.no_worker {
            settings.worker.in_process = false;
        }
    }
    init_logging(&settings);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("carrefour: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("carrefour: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    match command {
        Command::Serve(_) => {
            let options = ServeOptions {
                worker: settings.worker.in_process,
                demo: settings.demo.enabled,
            };
            let bind = settings.server.bind;
            let state = app::prepare(settings, options.demo).await?;
            let listener = tokio::net::TcpListener::bind(bind)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
            tracing::info!("Carrefour listens on http://{}", listener.local_addr()?);
            app::cancel_on_signal(shutdown.clone());
            app::serve(state, listener, options, shutdown).await
        }
        Command::Migrate(_) => {
            let db = crate::db::connect(&settings).await?;
            crate::db::migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Worker(_) => {
            let state = app::prepare(settings, false).await?;
            app::cancel_on_signal(shutdown.clone());
            let tasks = app::spawn_background(&state, &shutdown);
            for task in tasks {
                task.await?;
            }
            Ok(())
        }
        Command::Demo(_) => {
            let count = settings.demo.projects;
            let state = app::prepare(settings, false).await?;
            let created = crate::demo::seed::seed_if_empty(&state.db, count).await?;
            crate::demo::accounts::ensure(&state.db).await?;
            if created == 0 {
                println!(
                    "demo content not seeded: the database already holds projects or demo data"
                );
            } else {
                println!("{created} demo projects seeded");
            }
            Ok(())
        }
    }
}
