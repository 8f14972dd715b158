//! `khabar`: news articles in Hindi and English into stories.

mod eval;
#[cfg(feature = "fetch")]
mod fetch;
mod pipeline;
mod report;

/// mimalloc: the server and the pipeline make many small, short-lived allocations, which it
/// serves faster than the system allocator (search requests: about a fifth more per second).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use khabar_store::{SqliteStore, Store};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about = "Turn news articles (Hindi first, English second) into stories",
    long_about = "khabar reads news articles (plain text, JSONL; HTML, WARC and feeds as they land), cleans them, \
                  reads who, what, where, when and how many out of them, groups reports of one happening into \
                  stories, and keeps everything in a SQLite store."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct StoreArgs {
    /// The store file (SQLite).
    #[arg(long, env = "KHABAR_DB", default_value = "khabar.db", global = true)]
    db: PathBuf,
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
        #[command(flatten)]
        fetch: FetchArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Ingest and analyse files or folders into the store, without grouping or a report.
    Ingest {
        /// Files or folders to read (the same formats as `run`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        fetch: FetchArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Rebuild the search index of the store (`<db>.search/`) from every stored article.
    Reindex {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List the stories in the store.
    Stories {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Serve the JSON API (described at /api/openapi.json) and the web UI.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Accept `POST /api/articles` (the server is read-only without it).
        #[arg(long)]
        allow_ingest: bool,
        /// Read connections to the store.
        #[arg(long, default_value_t = 4)]
        readers: usize,
        /// Accept `POST /api/articles` only with `Authorization: Bearer TOKEN`, TOKEN one of the
        /// lines of this file (blank lines and lines starting with # are skipped; each token at
        /// least 16 characters). Implies --allow-ingest.
        #[arg(long, value_name = "FILE")]
        ingest_tokens: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Export articles, stories, entities or facts as JSONL, CSV or Parquet (a build with
    /// `--features parquet`), streaming, without caps.
    Export {
        #[arg(long, value_parser = ["articles", "stories", "entities", "facts"])]
        what: String,
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv", "parquet"])]
        format: String,
        /// Only items published at or after this time (RFC 3339 or a date).
        #[arg(long)]
        since: Option<String>,
        /// Only items published before this time.
        #[arg(long)]
        until: Option<String>,
        /// Only this story's items.
        #[arg(long)]
        story: Option<String>,
        /// Write here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Show what the store holds: articles, stories, schema version.
    Status {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Measure quality on labelled data (transliteration, NER, events, stories).
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model that ships with khabar.
    #[command(subcommand)]
    Train(eval::TrainCommand),
    /// Show one story (id or unique id prefix).
    Story {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KHABAR_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(e) = real_main() {
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
        std::process::exit(1);
    }
}

fn open_store(args: &StoreArgs) -> Result<SqliteStore> {
    SqliteStore::open(&args.db).with_context(|| format!("opening the store {}", args.db.display()))
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

fn real_main() -> Result<()> {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Run {
            paths,
            json,
            fetch,
            store,
        } => {
            let mut options = fetch.options()?;
            let mut st = open_store(&store)?;
            let index = pipeline::open_index(&store.db, &st)?;
            let summary = pipeline::ingest_with(&mut st, &index, &paths, &mut options)?;
            let stories = pipeline::regroup(&mut st)?;
            let wanted: Vec<_> = stories
                .iter()
                .filter(|s| s.articles.iter().any(|a| summary.ids.contains(a)))
                .cloned()
                .collect();
            let mut articles = Vec::with_capacity(summary.ids.len());
            for id in &summary.ids {
                if let Some(d) = st.article(id)? {
                    articles.push((d, st.analysis(id)?));
                }
            }
            if json {
                report::write_json(&mut out, &articles, &wanted, &summary)?;
            } else {
                report::write_run(&mut out, &st, &wanted, &summary)?;
            }
            summary.exit_note();
        }
        Command::Ingest {
            paths,
            fetch,
            store,
        } => {
            let mut options = fetch.options()?;
            let mut st = open_store(&store)?;
            let index = pipeline::open_index(&store.db, &st)?;
            let summary = pipeline::ingest_with(&mut st, &index, &paths, &mut options)?;
            writeln!(
                out,
                "{} articles read ({} new, {} updated, {} unchanged, {} same text as a stored one), {} errors",
                summary.inserted + summary.updated + summary.unchanged + summary.same_text.len(),
                summary.inserted,
                summary.updated,
                summary.unchanged,
                summary.same_text.len(),
                summary.errors
            )?;
            summary.exit_note();
        }
        Command::Reindex { store } => {
            let st = open_store(&store)?;
            let dir = khabar_server::search::Index::dir_for(&store.db);
            let t = std::time::Instant::now();
            let index = khabar_server::search::Index::open(&dir)
                .with_context(|| format!("opening the search index {}", dir.display()))?;
            let n = khabar_server::search::reindex(&st, &index).context("reindexing")?;
            writeln!(
                out,
                "{n} articles indexed in {:.1} s → {}",
                t.elapsed().as_secs_f64(),
                dir.display()
            )?;
        }
        Command::Stories { json, store } => {
            let st = open_store(&store)?;
            let stories = st.stories()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &stories)?;
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
            store,
        } => {
            let mut cfg = khabar_server::ServeConfig::new(store.db.clone());
            cfg.addr = addr;
            cfg.allow_ingest = allow_ingest;
            cfg.ingest_tokens = ingest_tokens.as_deref().map(read_tokens).transpose()?;
            cfg.readers = readers.max(1);
            eprintln!("khabar: serving {} on http://{addr}/", store.db.display());
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
            store,
        } => {
            let st = open_store(&store)?;
            let what: khabar_server::ExportWhat = what.parse()?;
            let filters = khabar_server::ExportFilters {
                since,
                until,
                story,
            };
            if format == "parquet" {
                let n = match output {
                    Some(path) => {
                        let f = std::fs::File::create(&path)
                            .with_context(|| format!("creating {}", path.display()))?;
                        khabar_server::export_parquet(
                            &st,
                            what,
                            &filters,
                            std::io::BufWriter::new(f),
                        )?
                    }
                    None => khabar_server::export_parquet(
                        &st,
                        what,
                        &filters,
                        std::io::BufWriter::new(std::io::stdout()),
                    )?,
                };
                eprintln!("{n} rows exported");
                return Ok(());
            }
            let format: khabar_server::ExportFormat = format.parse()?;
            let n = match output {
                Some(path) => {
                    let f = std::fs::File::create(&path)
                        .with_context(|| format!("creating {}", path.display()))?;
                    let mut w = std::io::BufWriter::new(f);
                    let n = khabar_server::export(&st, what, format, &filters, &mut w)?;
                    w.flush()?;
                    n
                }
                None => {
                    let mut w = std::io::BufWriter::new(&mut out);
                    let n = khabar_server::export(&st, what, format, &filters, &mut w)?;
                    w.flush()?;
                    n
                }
            };
            eprintln!("{n} rows exported");
        }
        Command::Eval(cmd) => eval::eval(cmd, &mut out)?,
        Command::Train(cmd) => eval::train(cmd, &mut out)?,
        Command::Status { json, store } => {
            let st = open_store(&store)?;
            let articles = st.article_count()?;
            let stories = st.stories()?.len();
            let schema = st.schema_version()?;
            if json {
                let v = serde_json::json!({"db": store.db, "articles": articles, "stories": stories, "schema_version": schema});
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {articles} articles, {stories} stories (schema {schema})",
                    store.db.display()
                )?;
            }
        }
        Command::Story { id, json, store } => {
            let st = open_store(&store)?;
            let story = report::find_story(&st, &id)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &story)?;
                writeln!(out)?;
            } else {
                report::write_story(&mut out, &st, &story)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
