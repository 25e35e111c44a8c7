//! The `carrefour` command line. With no subcommand it serves the embedded hub.
use anyhow::Context as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::app::{self, ServeOptions};
use crate::config::Settings;
use crate::web::templates::Templates;

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
    /// Data directory (SQLite file, search index, mail outbox); default: the settings'
    /// `server.data_dir`.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command, `carrefour` serves: these are `serve`'s options.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web hub (and, by default, run the job worker in the same process).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Run the job worker only (production: separate from web nodes).
    Worker,
    /// Seed the demo partners and their sources into an empty database (collected by `serve`).
    Demo,
    /// Import or export partners' sources (format: docs/sources.md).
    Sources {
        #[command(subcommand)]
        action: SourcesAction,
    },
    /// Crawl sources now, with a progress bar per source and a summary table.
    Crawl(CrawlArgs),
    /// Consolidate collected records into projects now (what the worker does after each
    /// crawl), with a report per source.
    Consolidate(ConsolidateArgs),
    /// Benchmarks run inside the hub (docs/benchmarks.md).
    Bench {
        #[command(subcommand)]
        action: BenchAction,
    },
    /// Rebuild this node's search index from the database into a new directory and swap
    /// it in at once (a running hub keeps answering, then moves to it).
    Reindex,
    /// Export collected records.
    Records {
        #[command(subcommand)]
        action: RecordsAction,
    },
    /// Governance: check the hash-chained vote log.
    Governance {
        #[command(subcommand)]
        action: GovernanceAction,
    },
    /// Read one mail (RFC 5322) on standard input, as a mail server's pipe delivers it: a
    /// reply to a conversation's notification is added to the conversation; anything
    /// else is answered with a bounce (docs/messaging.md).
    MailIn(MailInArgs),
}

#[derive(Debug, Subcommand)]
enum GovernanceAction {
    /// Recompute every hash of the governance log; fails when the chain is broken.
    Verify,
}

#[derive(Debug, Args)]
struct MailInArgs {
    /// The envelope recipient (Postfix: `${original_recipient}`); else read from the headers.
    #[arg(long, env = "ORIGINAL_RECIPIENT")]
    recipient: Option<String>,
    /// The envelope sender, who gets the bounce (Postfix: `${sender}`); else `Return-Path` or `From`.
    #[arg(long, env = "SENDER")]
    sender: Option<String>,
}

#[derive(Debug, Subcommand)]
enum SourcesAction {
    /// Create or update (by name) the sources of a file for one partner; nothing is
    /// written unless every entry is valid.
    Import {
        /// The partner's slug.
        #[arg(long)]
        partner: String,
        file: PathBuf,
    },
    /// Write sources (of one partner, or all) as a sources file; uploaded CSV files go
    /// to `<output stem>-files/` beside it.
    Export {
        #[arg(long)]
        partner: Option<String>,
        /// Output file (default: standard output; uploaded files then need --output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct CrawlArgs {
    /// Sources, each as its id or as partner-slug/source name.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    sources: Vec<String>,
    /// Every enabled source of every active partner.
    #[arg(long)]
    all: bool,
    /// At most this many pages per source (the run is then partial if more remain).
    #[arg(long)]
    max_pages: Option<u32>,
    /// Sources crawled at once.
    #[arg(long, default_value_t = 4)]
    jobs: usize,
    /// No delay between requests and 16 connections per host, robots.txt still obeyed:
    /// only for benchmarks against your own servers.
    #[arg(long)]
    politeness_off: bool,
}

#[derive(Debug, Args)]
struct ConsolidateArgs {
    /// Sources, each as its id or as partner-slug/source name.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    sources: Vec<String>,
    /// Every enabled source of every active partner.
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Subcommand)]
enum BenchAction {
    /// The bench harness's faceted queries (`queries.txt`) on this node's index: top 20,
    /// total and every criterion's counts, p50/p95 over `--repeat` rounds; then the same
    /// queries on a bare tantivy index of the same projects (the peer, built in memory).
    Search {
        /// The queries file (one per line: words, then optionally TAB theme=… or region=…).
        queries: PathBuf,
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// Also write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Also write each query as URL parameters, one per line (for HTTP load runs).
        #[arg(long)]
        paths: Option<PathBuf>,
    },
    /// The same queries on the board's index (top 20, total, every criterion's counts),
    /// then on the project search of this hub; p50/p95 over `--repeat` rounds and the
    /// ratio of the two p95.
    Board {
        /// The queries file (as for `bench search`).
        queries: PathBuf,
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// First top the board up to this many published requests written from the
        /// hub's projects (a bench hub only: they stay in its database).
        #[arg(long)]
        fill: Option<u64>,
        /// Also write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum RecordsAction {
    /// Raw records as JSON Lines (one object per record).
    Export {
        #[arg(long)]
        partner: Option<String>,
        /// A source id.
        #[arg(long)]
        source: Option<i64>,
        /// Also records gone from their source.
        #[arg(long)]
        include_gone: bool,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args, Default, PartialEq)]
struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:3000.
    #[arg(long)]
    bind: Option<SocketAddr>,
    /// Do not seed demo content.
    #[arg(long)]
    no_demo: bool,
    /// Do not run the job worker in this process.
    #[arg(long)]
    no_worker: bool,
}

fn load_settings(config: Option<&PathBuf>, data_dir: Option<&PathBuf>) -> Result<Settings, String> {
    let env: std::collections::HashMap<String, String> = std::env::vars().collect();
    let mut settings =
        Settings::load(config.map(|p| p.as_path()), &env).map_err(|e| e.to_string())?;
    if let Some(dir) = data_dir {
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
    let command = match cli.command {
        None => Command::Serve(cli.serve),
        Some(command) if cli.serve == ServeArgs::default() => command,
        Some(_) => {
            eprintln!(
                "carrefour: --bind, --no-demo and --no-worker before a command only go with serving; put them after `serve`"
            );
            return ExitCode::from(2);
        }
    };
    let mut settings = match load_settings(cli.config.as_ref(), cli.data_dir.as_ref()) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("carrefour: {message}");
            return ExitCode::from(2);
        }
    };
    if let Command::Serve(args) = &command {
        if let Some(bind) = args.bind {
            settings.server.bind = bind;
            // Links in mails name the hub: left at its default, the public address
            // follows the address it listens on.
            if settings.server.public_url == crate::config::ServerSettings::default().public_url {
                settings.server.public_url = format!("http://{bind}");
            }
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
            // sysexits' EX_TEMPFAIL: a mail server keeps the message queued and retries.
            if err
                .downcast_ref::<crate::messaging::mail_in::TemporaryFailure>()
                .is_some()
            {
                ExitCode::from(75)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Commands that work on a hub's data refuse to start an empty one: a missing or
/// mistyped data directory would otherwise create a new database without a word.
fn require_database(settings: &Settings) -> anyhow::Result<()> {
    if settings.database.url.is_none() {
        let file = settings.server.data_dir.join("carrefour.db");
        if !file.exists() {
            anyhow::bail!(
                "no hub database at {}: give the hub's --data-dir (or --config), or create one with `carrefour migrate` or by starting `carrefour`",
                file.display()
            );
        }
    }
    Ok(())
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    let shutdown = CancellationToken::new();
    if !matches!(
        command,
        Command::Serve(_) | Command::Migrate | Command::Demo
    ) {
        require_database(&settings)?;
    }
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
        Command::Migrate => {
            let db = crate::db::connect(&settings).await?;
            crate::db::migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Worker => {
            let state = app::prepare(settings, false).await?;
            app::cancel_on_signal(shutdown.clone());
            let tasks = app::spawn_background(&state, &shutdown);
            for task in tasks {
                task.await?;
            }
            Ok(())
        }
        Command::Demo => {
            let Some(loopback) = crate::demo::feeds::loopback_of(settings.server.bind) else {
                anyhow::bail!("the demo needs the hub to listen on loopback (server.bind)");
            };
            let state = app::prepare(settings, false).await?;
            let created = crate::demo::seed::seed_if_empty(&state.db, loopback).await?;
            // Their feeds exist only while `serve` runs in demo mode, which enables them;
            // until then `crawl --all` leaves them alone.
            crate::demo::pipeline::park(&state.db).await?;
            crate::demo::accounts::ensure(&state.db).await?;
            if created == 0 {
                println!(
                    "demo content not seeded: the database already holds partners, projects or demo data"
                );
            } else {
                println!(
                    "{created} demo partners and sources seeded; `carrefour serve` collects their projects"
                );
            }
            Ok(())
        }
        Command::MailIn(args) => mail_in(args, settings).await,
        Command::Sources { action } => sources(action, settings).await,
        Command::Governance {
            action: GovernanceAction::Verify,
        } => {
            let db = crate::db::connect(&settings).await?;
            let report = crate::governance::log::verify(&db).await?;
            match report.broken {
                None => {
                    println!(
                        "governance log intact: {} entries, head {}",
                        report.entries, report.head
                    );
                    Ok(())
                }
                Some(broken) => anyhow::bail!(
                    "governance log broken at entry {} ({}); {} entries before it are intact",
                    broken.seq,
                    broken.reason,
                    report.entries
                ),
            }
        }
        Command::Crawl(args) => crawl(args, settings).await,
        Command::Consolidate(args) => consolidate(args, settings).await,
        Command::Reindex => reindex(settings).await,
        Command::Bench {
            action:
                BenchAction::Board {
                    queries,
                    repeat,
                    fill,
                    json,
                },
        } => bench_board(settings, &queries, repeat, fill, json).await,
        Command::Bench {
            action:
                BenchAction::Search {
                    queries,
                    repeat,
                    json,
                    paths,
                },
        } => {
            let db = crate::db::connect(&settings).await?;
            crate::db::migrate(&db).await?;
            let queries = crate::search::bench::read_queries(&db, &queries).await?;
            if let Some(path) = paths {
                let lines: Vec<String> = queries.iter().map(|q| q.to_query()).collect();
                std::fs::write(&path, lines.join("\n") + "\n")
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            }
            let index = crate::search::SearchIndex::new(&settings.server.data_dir.join("index"));
            let carrefour = crate::search::bench::run(&index, &queries, repeat)?;
            println!("{}", carrefour.line());
            let bare = crate::search::bench_bare::run(&db, &queries, repeat).await?;
            println!("{}", bare.line());
            let report = crate::search::bench::BenchRun {
                p95_ratio_to_bare: carrefour.p95_ms / bare.p95_ms,
                carrefour,
                bare,
            };
            println!(
                "carrefour p95 / bare tantivy p95: {:.2}",
                report.p95_ratio_to_bare
            );
            if let Some(path) = json {
                std::fs::write(&path, serde_json::to_string_pretty(&report)?)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            }
            Ok(())
        }
        Command::Records {
            action:
                RecordsAction::Export {
                    partner,
                    source,
                    include_gone,
                    output,
                    ..
                },
        } => {
            let db = crate::db::connect(&settings).await?;
            crate::db::migrate(&db).await?;
            let selection = crate::crawler::records::Selection {
                partner,
                source_id: source,
                include_gone,
            };
            let count = match &output {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    let mut out = std::io::BufWriter::new(file);
                    crate::crawler::records::export_jsonl(&db, &selection, &mut out).await?
                }
                None => {
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    crate::crawler::records::export_jsonl(&db, &selection, &mut out).await?
                }
            };
            eprintln!("{count} records exported");
            Ok(())
        }
    }
}

async fn mail_in(args: MailInArgs, settings: Settings) -> anyhow::Result<()> {
    use std::io::Read as _;

    use crate::messaging::mail_in::{self, Outcome};
    let limit = mail_in::MAX_MESSAGE_BYTES;
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut raw)?;
    if raw.len() > limit {
        anyhow::bail!("the message is larger than {} MiB", limit / (1024 * 1024));
    }
    // Templates are compiled only if a mail is written (a notification or a bounce).
    let state = app::prepare_with(settings, false, Templates::on_demand())
        .await
        .context(mail_in::TemporaryFailure)?;
    let outcome = mail_in::receive(
        &state,
        &raw,
        args.recipient.as_deref(),
        args.sender.as_deref(),
    )
    .await?;
    match outcome {
        Outcome::Appended {
            conversation_id,
            message_id,
        } => eprintln!("reply added to conversation {conversation_id} (message {message_id})"),
        Outcome::Bounced { to, refusal } => eprintln!("refused ({refusal:?}); bounce sent to {to}"),
        Outcome::Ignored(why) => eprintln!("ignored: {why}"),
    }
    Ok(())
}

fn sources_word(n: usize) -> &'static str {
    if n == 1 { "source" } else { "sources" }
}

async fn sources(action: SourcesAction, settings: Settings) -> anyhow::Result<()> {
    use crate::sources::transfer;
    let db = crate::db::connect(&settings).await?;
    crate::db::migrate(&db).await?;
    match action {
        SourcesAction::Import { partner, file, .. } => {
            let parsed = transfer::read_file(&file)?;
            let report = transfer::import(&db, &partner, parsed, &file).await?;
            for name in &report.created {
                println!("created  {name}");
            }
            for name in &report.updated {
                println!("updated  {name}");
            }
            println!(
                "{} {} created, {} updated for partner {partner}",
                report.created.len(),
                sources_word(report.created.len()),
                report.updated.len()
            );
            Ok(())
        }
        SourcesAction::Export {
            partner, output, ..
        } => {
            let files_dir = match &output {
                Some(path) => format!(
                    "{}-files",
                    path.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "sources".into())
                ),
                None => "sources-files".into(),
            };
            let (file, uploads) = transfer::export(&db, partner.as_deref(), &files_dir).await?;
            let json = serde_json::to_string_pretty(&file)? + "\n";
            match &output {
                Some(path) => {
                    let base = path.parent().unwrap_or(std::path::Path::new("."));
                    for (relative, bytes) in &uploads {
                        let target = base.join(relative);
                        if let Some(dir) = target.parent() {
                            std::fs::create_dir_all(dir)?;
                        }
                        std::fs::write(&target, bytes).map_err(|e| {
                            anyhow::anyhow!("cannot write {}: {e}", target.display())
                        })?;
                    }
                    std::fs::write(path, json)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    eprintln!(
                        "{} {} exported to {}",
                        file.sources.len(),
                        sources_word(file.sources.len()),
                        path.display()
                    );
                }
                None if !uploads.is_empty() => anyhow::bail!(
                    "{} sources have uploaded files: give --output so they can be written beside it",
                    uploads.len()
                ),
                None => print!("{json}"),
            }
            Ok(())
        }
    }
}

async fn crawl(args: CrawlArgs, mut settings: Settings) -> anyhow::Result<()> {
    use crate::crawler::{batch, fetch::SourcePoliteness, run::RunOptions};
    if args.politeness_off {
        settings.crawler.per_host_delay_ms = 0;
        settings.crawler.per_host_connections = 16;
    }
    if settings.is_sqlite() {
        // SQLite has one writer at a time: more connections only add page caches (and
        // a thread each); one is as fast here (docs/benchmarks.md).
        settings.database.max_connections = 1;
    }
    // Templates are compiled only if a run sends a warning mail.
    let state = app::prepare_with(settings, false, Templates::on_demand()).await?;
    let sources = batch::select(&state, &args.sources, args.all).await?;
    if sources.is_empty() {
        println!("no source to crawl");
        return Ok(());
    }
    let options = RunOptions {
        max_pages: args.max_pages,
        politeness: args.politeness_off.then_some(SourcePoliteness {
            per_host_delay: Some(std::time::Duration::ZERO),
            per_host_connections: Some(16),
        }),
        progress: None,
    };
    let started = std::time::Instant::now();
    let outcomes = batch::crawl_all(&state, sources, options, args.jobs).await;
    print!("{}", batch::summary(&outcomes));
    println!("{}", batch::throughput(&outcomes, started.elapsed()));
    let failed = outcomes
        .iter()
        .filter(|o| o.run.as_ref().is_ok_and(|r| r.status == "failed") || o.run.is_err())
        .count();
    if failed > 0 {
        anyhow::bail!("{failed} of {} crawls failed", outcomes.len());
    }
    Ok(())
}

async fn reindex(settings: Settings) -> anyhow::Result<()> {
    let db = crate::db::connect(&settings).await?;
    crate::db::migrate(&db).await?;
    let root = settings.server.data_dir.join("index");
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} projects ({per_sec}, {eta} left)",
        )?
        .progress_chars("=> "),
    );
    bar.set_message("indexing");
    let started = std::time::Instant::now();
    let built = crate::search::index::rebuild(&db, &root, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .await?;
    bar.finish_and_clear();
    println!(
        "{} projects indexed in {:.1} s; the index in {} is now current (a running hub moves to it within a second)",
        built.projects,
        started.elapsed().as_secs_f64(),
        root.display()
    );
    Ok(())
}

async fn consolidate(args: ConsolidateArgs, mut settings: Settings) -> anyhow::Result<()> {
    use crate::consolidation::service::{Report, consolidate_source_with};
    if settings.is_sqlite() {
        // One source after another on one connection; the indexes' pages it walks for
        // each listing stay cached instead of being read again (docs/benchmarks.md).
        settings.database.max_connections = 1;
        settings.database.sqlite_cache_kib = settings.database.sqlite_cache_kib.max(16 * 1024);
    }
    let state = app::prepare(settings, false).await?;
    let sources = crate::crawler::batch::select(&state, &args.sources, args.all).await?;
    if sources.is_empty() {
        println!("no source to consolidate");
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut total = Report::default();
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>9} {:>8} {:>8} {:>8}",
        "source", "created", "updated", "merged", "suspected", "archived", "revived", "untitled"
    );
    for src in sources {
        let report = consolidate_source_with(&state.db, src.id, state.geocoder.as_deref()).await?;
        println!(
            "{:<40} {:>8} {:>8} {:>8} {:>9} {:>8} {:>8} {:>8}",
            format!("{} ({})", src.name, src.id),
            report.created,
            report.updated,
            report.merged,
            report.suspected,
            report.archived,
            report.revived,
            report.untitled
        );
        total.add(&report);
    }
    let seconds = started.elapsed().as_secs_f64();
    let records = total.records();
    println!(
        "{records} records consolidated in {seconds:.1} s ({:.0} records/s): {} projects created, {} listings merged into another partner's project, {} suspected duplicates to review",
        records as f64 / seconds.max(1e-9),
        total.created,
        total.merged,
        total.suspected
    );
    let new_listings = total.created + total.merged;
    println!(
        "duplicate search: {:.2} s ({:.0} µs per new listing)",
        total.dedup_time.as_secs_f64(),
        total.dedup_time.as_micros() as f64 / new_listings.max(1) as f64
    );
    Ok(())
}

/// `carrefour bench board`
async fn bench_board(
    settings: Settings,
    queries: &std::path::Path,
    repeat: usize,
    fill: Option<u64>,
    json: Option<PathBuf>,
) -> anyhow::Result<()> {
    let db = crate::db::connect(&settings).await?;
    crate::db::migrate(&db).await?;
    let queries = crate::search::bench::read_queries(&db, queries).await?;
    let filled = match fill {
        Some(target) => crate::board::bench::fill(&db, target).await?,
        None => 0,
    };
    if filled > 0 {
        println!("wrote {filled} bench requests from the projects");
    }
    let (build_seconds, board) = crate::board::bench::run(&db, &queries, repeat).await?;
    println!("board index built in {build_seconds:.2} s");
    println!("{}", board.line());
    let index = crate::search::SearchIndex::new(&settings.server.data_dir.join("index"));
    let projects = crate::search::bench::run(&index, &queries, repeat)?;
    println!("{}", projects.line());
    let report = crate::board::bench::BoardBenchRun {
        filled,
        build_seconds,
        p95_ratio_to_projects: board.p95_ms / projects.p95_ms,
        board,
        projects,
    };
    println!(
        "board p95 / project search p95: {:.2}",
        report.p95_ratio_to_projects
    );
    if let Some(path) = json {
        std::fs::write(&path, serde_json::to_string_pretty(&report)?)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
