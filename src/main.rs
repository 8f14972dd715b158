//! `khabar`: news articles in Hindi and English into stories.

mod eval;
#[cfg(feature = "fetch")]
mod fetch;
mod pipeline;
mod report;
#[cfg(feature = "fetch")]
mod watch;

/// mimalloc: the server and the pipeline make many small, short-lived allocations, which it
/// serves faster than the system allocator (search requests: about a fifth more per second).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use khabar_store::{DbSpec, Store};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about = "Turn news articles (Hindi first, English second) into stories",
    long_about = "khabar reads news articles (plain text, JSONL; HTML, WARC and feeds as they land), cleans them, \
                  reads who, what, where, when and how many out of them, groups reports of one happening into \
                  stories, and keeps everything in a store: a SQLite file, or a PostgreSQL database shared by \
                  several workers and servers (docs/deployment.md)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    store: StoreArgs,
    /// Print no report and no progress: only the one-line summary (and errors on stderr).
    #[arg(short, long, global = true)]
    quiet: bool,
}

/// The store, given before or after the subcommand (`khabar --db x.db run …` or
/// `khabar run … --db x.db`).
#[derive(Args, Clone)]
struct StoreArgs {
    /// The store: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db`, for several
    /// workers and servers on one database). `run`, `ingest`, `watch` and
    /// `serve --allow-ingest` create a missing SQLite file; every other command refuses one.
    #[arg(long, env = "KHABAR_DB", default_value = "khabar.db", global = true)]
    db: PathBuf,
    /// The search index's folder. Default: beside a SQLite file (`<db>.search/`); for a
    /// PostgreSQL store, `serve` and `reindex` keep one of their own per database under the
    /// user's cache folder (`~/.cache/khabar/index-<key>`), and `run`, `ingest` and `watch`
    /// keep none unless given this (the servers index what the workers store).
    #[arg(long, env = "KHABAR_INDEX", value_name = "DIR", global = true)]
    index: Option<PathBuf>,
    /// `run`, `ingest`, `watch`: keep no search index (workers beside read servers that keep
    /// their own with `serve --index DIR`, which follow what the workers store).
    #[arg(long, global = true, conflicts_with = "index")]
    no_index: bool,
}

impl StoreArgs {
    /// What `--db` names: a PostgreSQL URL or a SQLite file.
    fn spec(&self) -> DbSpec {
        DbSpec::from(self.db.as_path())
    }

    /// The search index a writing command keeps in step with the store: `--index`, else the
    /// one beside a SQLite file; None for a PostgreSQL store without `--index`.
    fn writer_index(&self, store: &dyn Store) -> Result<Option<khabar_app::Index>> {
        let spec = self.spec();
        if self.no_index {
            return Ok(None);
        }
        let dir = match (&self.index, spec.path()) {
            (Some(dir), _) => dir.clone(),
            (None, Some(_)) => khabar_app::index::default_dir(&spec),
            (None, None) => return Ok(None),
        };
        pipeline::open_index(&dir, store).map(Some)
    }

    /// The search index a reading command uses: `--index`, else the default folder of the
    /// store ([`khabar_app::index::default_dir`]).
    fn index_dir(&self) -> Result<PathBuf> {
        if self.no_index {
            anyhow::bail!("--no-index is for the commands that write (run, ingest, watch): this one reads the index");
        }
        Ok(self
            .index
            .clone()
            .unwrap_or_else(|| khabar_app::index::default_dir(&self.spec())))
    }
}

/// Exit codes (README, "Exit codes"): 0 every input read; 1 an error; 2 a usage error;
/// 3 some inputs were skipped (missing, unreadable, no article in them) while others were read;
/// 4 nothing was read; 5 an unknown id or a missing store.
mod code {
    pub const ERROR: i32 = 1;
    pub const SOME_SKIPPED: i32 = 3;
    pub const NOTHING_READ: i32 = 4;
    pub const NOT_FOUND: i32 = 5;
}

/// A failure with an exit code of its own.
#[derive(Debug, thiserror::Error)]
pub enum Exit {
    /// An id that names nothing, or a store that does not exist (exit 5).
    #[error("{0}")]
    NotFound(String),
}

/// How many threads analyse articles.
#[derive(Args, Clone)]
struct ThreadsArgs {
    /// Threads that clean and analyse articles (default: every core; 1: this thread only).
    /// The store and every output are the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

/// How feed items are read.
#[derive(Args, Clone)]
struct FetchArgs {
    /// Fetch the page each feed item links to and read the article from it (the feed's own
    /// text is kept when the page cannot be had). Polite: robots.txt is obeyed, requests name
    /// khabar in the User-Agent, and one host is asked at most once per --fetch-interval.
    #[cfg(feature = "fetch")]
    #[arg(long)]
    fetch: bool,
    /// Least seconds between two requests to one host (a longer Crawl-delay in robots.txt wins).
    #[cfg(feature = "fetch")]
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    fetch_interval: f64,
}

impl FetchArgs {
    fn options(&self) -> Result<pipeline::Options> {
        #[cfg(feature = "fetch")]
        if self.fetch {
            if !(self.fetch_interval.is_finite() && self.fetch_interval >= 0.0) {
                anyhow::bail!("--fetch-interval must be a number of seconds ≥ 0");
            }
            return Ok(pipeline::Options {
                quiet: false,
                fetcher: Some(fetch::Fetcher::new(fetch::FetchConfig {
                    min_interval: std::time::Duration::from_secs_f64(self.fetch_interval),
                    ..Default::default()
                })),
            });
        }
        Ok(pipeline::Options::default())
    }
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files or folders, analyse them, group them into stories, save everything and report the stories.
    Run {
        /// Files or folders to read: plain text, JSONL, HTML, WARC, RSS/Atom/JSON feeds (also
        /// gzipped); folders are read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the result as one JSON document on stdout (see docs/output.md).
        #[arg(long)]
        json: bool,
        /// Group every stored article into stories again in one pass, instead of placing only
        /// the new articles (see `khabar regroup`).
        #[arg(long)]
        regroup: bool,
        #[command(flatten)]
        fetch: FetchArgs,
        #[command(flatten)]
        threads: ThreadsArgs,
    },
    /// Ingest and analyse files or folders into the store and place the new articles into
    /// stories, without a report.
    Ingest {
        /// Files or folders to read (the same formats as `run`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        fetch: FetchArgs,
        #[command(flatten)]
        threads: ThreadsArgs,
    },
    /// Follow RSS/Atom/JSON feeds: poll each politely, fetch each new item's page, add the
    /// articles to the store and keep the stories current, until Ctrl-C (or once, with --once).
    #[cfg(feature = "fetch")]
    Watch {
        /// Feed URLs to follow (http or https).
        urls: Vec<String>,
        /// A file of feeds to follow: one URL a line, optionally followed by its interval in
        /// seconds; blank lines and lines starting with # are skipped.
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
        /// Seconds between two polls of a feed (unless its line in --feeds gives its own).
        #[arg(long, default_value = "300", value_name = "SECONDS")]
        interval: String,
        /// Least seconds between two requests to one host (a longer Crawl-delay in robots.txt
        /// wins).
        #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
        fetch_interval: f64,
        /// Take each item's text from the feed; do not fetch the pages items link to.
        #[arg(long)]
        no_fetch: bool,
        /// Poll every feed once, take what is new, and exit (for cron).
        #[arg(long)]
        once: bool,
        /// The longest wait, in seconds, before asking a failing feed again (the wait doubles
        /// with each failure in a row, from the feed's interval).
        #[arg(long, default_value_t = 3600.0, value_name = "SECONDS")]
        max_backoff: f64,
        #[command(flatten)]
        threads: ThreadsArgs,
    },
    /// Rebuild the search index of the store (`<db>.search/` beside a SQLite file, or --index DIR) from every stored article.
    Reindex,
    /// Group every stored article into stories again in one pass (ids shown before are kept;
    /// merged stories redirect). `run` and `ingest` place only new articles, in the stories
    /// near them in time; regroup after loading an archive out of date order (older articles
    /// than the ones stored, in many batches) or after changing the grouping model.
    Regroup,
    /// List the stories in the store.
    Stories {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Serve the JSON API (described at /api/openapi.json) and the web UI.
    Serve {
        /// Where to listen: HOST:PORT, with a host name or an address (`localhost:8080`,
        /// `0.0.0.0:80`, `[::1]:8080`).
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
        addr: String,
        /// Accept `POST /api/articles` (the server is read-only without it).
        #[arg(long)]
        allow_ingest: bool,
        /// Read connections to the store (at least 1).
        #[arg(long, default_value_t = 4)]
        readers: usize,
        /// Accept `POST /api/articles` only with `Authorization: Bearer TOKEN`, TOKEN one of the
        /// lines of this file (blank lines and lines starting with # are skipped; each token at
        /// least 16 characters). Implies --allow-ingest.
        #[arg(long, value_name = "FILE")]
        ingest_tokens: Option<PathBuf>,
    },
    /// Export articles, stories, entities or facts as JSONL, CSV or Parquet (a build with
    /// `--features parquet`), streaming, without caps.
    Export {
        /// What to export: one row per article, story, entity or fact.
        #[arg(long, value_parser = ["articles", "stories", "entities", "facts"])]
        what: String,
        /// The file format (parquet needs a build with `--features parquet`).
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv", "parquet"])]
        format: String,
        /// Only items published at or after this time (RFC 3339 or a date).
        #[arg(long)]
        since: Option<String>,
        /// Only items published before this time.
        #[arg(long)]
        until: Option<String>,
        /// Only this story's items (an unknown story is an error, exit 5).
        #[arg(long)]
        story: Option<String>,
        /// Write here instead of stdout (written to a temporary file beside it and renamed when
        /// complete, so a failed export leaves no partial file).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Show what the store holds: articles, stories, schema version.
    Status {
        /// Print JSON instead of a line.
        #[arg(long)]
        json: bool,
    },
    /// Measure quality on labelled data (transliteration, NER, events, stories).
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model that ships with khabar.
    #[command(subcommand)]
    Train(eval::TrainCommand),
    /// Show one story (id or unique id prefix).
    Story {
        /// The story's id, or a prefix of it that only one story has.
        id: String,
        /// Print JSON instead of a report.
        #[arg(long)]
        json: bool,
    },
}

fn main() {
    match real_main() {
        Ok(0) => {}
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // A reader that stops early (`khabar … | head`) is not an error.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            });
            if broken_pipe {
                std::process::exit(0);
            }
            eprintln!("error: {e:#}");
            let code = match e.downcast_ref::<Exit>() {
                Some(Exit::NotFound(_)) => code::NOT_FOUND,
                None => code::ERROR,
            };
            std::process::exit(code);
        }
    }
}

/// Opens the store for `run` and `ingest` (a SQLite file is created when it does not exist;
/// migrations run on open).
fn create_store(args: &StoreArgs) -> Result<Box<dyn Store>> {
    let spec = args.spec();
    khabar_store::open(&spec).with_context(|| format!("opening the store {spec}"))
}

/// Opens an existing store; a missing file is an error (exit 5), never a new empty store.
fn open_store(args: &StoreArgs) -> Result<Box<dyn Store>> {
    let spec = args.spec();
    if !spec.exists() {
        return Err(Exit::NotFound(format!(
            "no store at {spec} (create one with `khabar run PATH…` or `khabar ingest PATH…`, or give --db)"
        ))
        .into());
    }
    create_store(args)
}

/// The library of a writing command (`run`, `ingest`, `watch`): the store (created when
/// missing), the index it keeps in step, and the analyzer, loaded in the background from now
/// on (while the inputs are listed and read) on `--threads` threads.
fn open_library(args: &StoreArgs, threads: &ThreadsArgs) -> Result<khabar_app::Library> {
    let st = create_store(args)?;
    let index = args.writer_index(st.as_ref())?;
    let lib =
        khabar_app::Library::new(st, index).with_threads(threads.threads.map_or(0, usize::from));
    lib.load_engine_in_background();
    Ok(lib)
}

/// The exit code of an ingest: every input read, some skipped, or nothing read.
fn ingest_code(summary: &pipeline::Summary) -> i32 {
    if summary.ids.is_empty() {
        eprintln!("khabar: nothing was read");
        code::NOTHING_READ
    } else if summary.errors > 0 {
        code::SOME_SKIPPED
    } else {
        0
    }
}

/// Resolves `HOST:PORT` (a host name or an address) to the first address it names.
fn resolve_addr(addr: &str) -> Result<std::net::SocketAddr> {
    use std::net::ToSocketAddrs;
    addr.to_socket_addrs()
        .with_context(|| format!("--addr {addr:?}: expected HOST:PORT, e.g. localhost:8080"))?
        .next()
        .with_context(|| format!("--addr {addr:?}: the host name has no address"))
}

/// Writes `path` through a temporary file beside it, renamed into place only when `write`
/// succeeds, so a failed export leaves no partial file.
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<usize>,
) -> Result<usize> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".khabar-export-")
        .tempfile_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    let (file, tmp_path) = tmp.into_parts();
    let mut w = std::io::BufWriter::new(file);
    // On an error `tmp_path` is dropped here and removes the temporary file.
    let n = write(&mut w)?;
    w.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    tmp_path
        .persist(path)
        .with_context(|| format!("moving the export into {}", path.display()))?;
    Ok(n)
}

/// The ingest tokens of `--ingest-tokens FILE`: one a line, blank and `#` lines skipped.
fn read_tokens(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the ingest tokens {}", path.display()))?;
    let tokens: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    if tokens.is_empty() {
        anyhow::bail!("{} holds no token", path.display());
    }
    if let Some(short) = tokens.iter().position(|t| t.chars().count() < 16) {
        anyhow::bail!(
            "token {} of {} is shorter than 16 characters",
            short + 1,
            path.display()
        );
    }
    Ok(tokens)
}

/// Logs go to stderr, filtered by `KHABAR_LOG` (e.g. `debug`, `khabar::watch=debug`); by
/// default warnings, and the watcher's polls unless --quiet.
fn init_logs(cli: &Cli) {
    #[cfg(feature = "fetch")]
    let default = if matches!(cli.command, Command::Watch { .. }) && !cli.quiet {
        "warn,khabar::watch=info"
    } else {
        "warn"
    };
    #[cfg(not(feature = "fetch"))]
    let default = "warn";
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KHABAR_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// `khabar watch`: the feeds of the arguments and of --feeds, followed until a stop.
#[cfg(feature = "fetch")]
#[allow(clippy::too_many_arguments)]
fn watch_command(
    store: &StoreArgs,
    urls: Vec<String>,
    feeds: Option<PathBuf>,
    interval: &str,
    fetch_interval: f64,
    no_fetch: bool,
    once: bool,
    max_backoff: f64,
    threads: &ThreadsArgs,
) -> Result<i32> {
    use clap::CommandFactory;
    let usage = |msg: String| -> ! {
        Cli::command()
            .error(clap::error::ErrorKind::ValueValidation, msg)
            .exit()
    };
    let every =
        watch::parse_interval(interval).unwrap_or_else(|e| usage(format!("--interval: {e:#}")));
    if !(fetch_interval.is_finite() && fetch_interval >= 0.0) {
        usage("--fetch-interval must be a number of seconds ≥ 0".into());
    }
    if !(max_backoff.is_finite() && max_backoff > 0.0) {
        usage("--max-backoff must be a number of seconds > 0".into());
    }
    let mut specs = Vec::new();
    for url in urls {
        if let Err(e) = watch::check_url(&url) {
            usage(format!("{e:#}"));
        }
        specs.push(watch::FeedSpec { url, every });
    }
    if let Some(path) = &feeds {
        specs.extend(watch::read_feed_list(path, every)?);
    }
    let mut seen = std::collections::HashSet::new();
    specs.retain(|f| seen.insert(f.url.clone()));
    if specs.is_empty() {
        usage("no feed to watch: give feed URLs or --feeds FILE".into());
    }
    let stop = watch::stop_on_signals()?;
    let mut lib = open_library(store, threads)?;
    let n_feeds = specs.len();
    let config = watch::WatchConfig {
        feeds: specs,
        once,
        fetch_pages: !no_fetch,
        fetch: fetch::FetchConfig {
            min_interval: std::time::Duration::from_secs_f64(fetch_interval),
            ..Default::default()
        },
        max_backoff: std::time::Duration::from_secs_f64(max_backoff),
        chunk_items: 16,
        chunk_time: std::time::Duration::from_secs(2),
    };
    let summary = watch::Watcher::new(config, &mut lib, stop)?.run()?;
    eprintln!(
        "khabar: {} poll(s), {} failed; {} new item(s), {} article(s) stored ({} new, {} updated); \
         {} page(s) fetched, {} taken from the feed",
        summary.polls,
        summary.failed_polls,
        summary.items,
        summary.inserted + summary.updated,
        summary.inserted,
        summary.updated,
        summary.pages_fetched,
        summary.pages_missed,
    );
    Ok(if !once || summary.failing_feeds == 0 {
        0
    } else if summary.failing_feeds < n_feeds {
        code::SOME_SKIPPED
    } else {
        code::NOTHING_READ
    })
}

fn real_main() -> Result<i32> {
    let cli = Cli::parse();
    init_logs(&cli);
    let store = cli.store;
    let quiet = cli.quiet;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut exit = 0;
    match cli.command {
        Command::Run {
            paths,
            json,
            regroup,
            fetch,
            threads,
        } => {
            let mut options = fetch.options()?;
            options.quiet = quiet;
            let mut lib = open_library(&store, &threads)?;
            let (summary, update) = pipeline::ingest(&mut lib, &paths, &mut options, regroup)?;
            let wanted = lib.stories_after(&update, &summary.ids)?;
            let st = lib.store();
            if json {
                let mut articles = Vec::with_capacity(summary.ids.len());
                for id in &summary.ids {
                    if let Some(d) = st.article(id)? {
                        articles.push((d, st.analysis(id)?));
                    }
                }
                report::write_json(&mut out, st, &articles, &wanted, &summary)?;
            } else {
                report::write_run(&mut out, st, &wanted, &summary, quiet)?;
            }
            pipeline::exit_note(&summary);
            exit = ingest_code(&summary);
        }
        Command::Ingest {
            paths,
            fetch,
            threads,
        } => {
            let mut options = fetch.options()?;
            options.quiet = quiet;
            let mut lib = open_library(&store, &threads)?;
            let (summary, _) = pipeline::ingest(&mut lib, &paths, &mut options, false)?;
            writeln!(out, "{}", report::summary_line(&summary, None))?;
            pipeline::exit_note(&summary);
            exit = ingest_code(&summary);
        }
        #[cfg(feature = "fetch")]
        Command::Watch {
            urls,
            feeds,
            interval,
            fetch_interval,
            no_fetch,
            once,
            max_backoff,
            threads,
        } => {
            exit = watch_command(
                &store,
                urls,
                feeds,
                &interval,
                fetch_interval,
                no_fetch,
                once,
                max_backoff,
                &threads,
            )?;
        }
        Command::Reindex => {
            let st = open_store(&store)?;
            let dir = store.index_dir()?;
            let t = std::time::Instant::now();
            let index = khabar_app::Index::open(&dir)
                .with_context(|| format!("opening the search index {}", dir.display()))?;
            let n = khabar_app::Library::new(st, Some(index)).reindex()?;
            writeln!(
                out,
                "{n} articles indexed in {:.1} s → {}",
                t.elapsed().as_secs_f64(),
                dir.display()
            )?;
        }
        Command::Regroup => {
            let st = open_store(&store)?;
            let t = std::time::Instant::now();
            let update = khabar_app::Library::new(st, None).regroup()?;
            writeln!(
                out,
                "{} articles grouped into {} stories in {:.1} s ({} merged ids redirected)",
                update.articles,
                update.stories.len(),
                t.elapsed().as_secs_f64(),
                update.redirects.len()
            )?;
        }
        Command::Stories { json } => {
            let st = open_store(&store)?;
            let stories = st.stories()?;
            if json {
                // each story as `GET /api/stories/{id}` gives it
                let list = stories
                    .iter()
                    .map(|s| khabar_server::wire::StoryJson::from_store(st.as_ref(), s))
                    .collect::<Result<Vec<_>, _>>()?;
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else {
                report::write_story_list(&mut out, &stories)?;
            }
        }
        Command::Serve {
            addr,
            allow_ingest,
            readers,
            ingest_tokens,
        } => {
            let addr = resolve_addr(&addr)?;
            // the server opens the store itself; a missing file is refused here first, unless
            // the server takes articles (an ingest server may start from an empty store)
            if allow_ingest || ingest_tokens.is_some() {
                drop(create_store(&store)?);
            } else {
                drop(open_store(&store)?);
            }
            let mut cfg = khabar_server::ServeConfig::new(store.spec());
            cfg.index = Some(store.index_dir()?);
            cfg.addr = addr;
            cfg.allow_ingest = allow_ingest;
            cfg.ingest_tokens = ingest_tokens.as_deref().map(read_tokens).transpose()?;
            cfg.readers = readers.max(1);
            eprintln!("khabar: serving {} on http://{addr}/", store.spec());
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?
                .block_on(khabar_server::serve(cfg))
                .context("serving")?;
        }
        Command::Export {
            what,
            format,
            since,
            until,
            story,
            output,
        } => {
            let st = open_store(&store)?;
            let st = st.as_ref();
            let what: khabar_server::ExportWhat = what.parse()?;
            // an unknown story is an error (exit 5), not an empty export; a unique prefix is
            // the story it names
            let story = match story {
                Some(id) => Some(report::find_story(st, &id)?.id.as_str().to_string()),
                None => None,
            };
            let filters = khabar_server::ExportFilters {
                since,
                until,
                story,
            };
            let n = if format == "parquet" {
                match output {
                    Some(path) => write_atomically(&path, |w| {
                        Ok(khabar_server::export_parquet(st, what, &filters, w)?)
                    })?,
                    None => khabar_server::export_parquet(
                        st,
                        what,
                        &filters,
                        std::io::BufWriter::new(std::io::stdout()),
                    )?,
                }
            } else {
                let format: khabar_server::ExportFormat = format.parse()?;
                match output {
                    Some(path) => write_atomically(&path, |w| {
                        Ok(khabar_server::export(st, what, format, &filters, w)?)
                    })?,
                    None => {
                        let mut w = std::io::BufWriter::new(&mut out);
                        let n = khabar_server::export(st, what, format, &filters, &mut w)?;
                        w.flush()?;
                        n
                    }
                }
            };
            if !quiet {
                eprintln!("{n} rows exported");
            }
        }
        Command::Eval(cmd) => eval::eval(cmd, &mut out)?,
        Command::Train(cmd) => eval::train(cmd, &mut out)?,
        Command::Status { json } => {
            let st = open_store(&store)?;
            let articles = st.article_count()?;
            let stories = st.stories()?.len();
            let schema = st.schema_version()?;
            if json {
                let v = serde_json::json!({"db": store.spec().redacted(), "article_count": articles, "story_count": stories, "schema_version": schema});
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {articles} articles, {stories} stories (schema {schema})",
                    store.spec()
                )?;
            }
        }
        Command::Story { id, json } => {
            let st = open_store(&store)?;
            let st = st.as_ref();
            let story = report::find_story(st, &id)?;
            if json {
                // as `GET /api/stories/{id}`
                let whole = khabar_server::wire::StoryJson::from_store(st, &story)?;
                serde_json::to_writer_pretty(&mut out, &whole)?;
                writeln!(out)?;
            } else {
                report::write_story(&mut out, st, &story)?;
            }
        }
    }
    out.flush()?;
    Ok(exit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every argument of every command says what it is for in `--help`.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() && sub.get_long_about().is_none() {
                    missing.push(format!("{path} {} (the command)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "khabar", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }

    #[test]
    fn addresses_take_host_names() {
        assert!(
            resolve_addr("localhost:8080").is_ok_and(|a| a.port() == 8080 && a.ip().is_loopback())
        );
        assert!(resolve_addr("[::1]:80").is_ok_and(|a| a.is_ipv6()));
        assert!(resolve_addr("127.0.0.1").is_err());
    }
}
