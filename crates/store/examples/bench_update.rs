//! Benchmark of incremental stories (#17): the cost of adding a batch of 100 new articles to a
//! store of 10k, 100k, 1M articles, which should not grow with the store.
//!
//! ```text
//! # build stores: the stream of `khabar-story`'s stream_million (real texts of the shared sets,
//! # three lightly edited variants each, analysed once, replayed with shifted dates), written
//! # through the product path (put_articles + update_stories in batches); snapshots at the sizes
//! # given, each with the next 100 articles of the stream beside it (SNAP.next.jsonl)
//! nice -n 10 target/release/examples/bench_update build /tmp/live/store 10000 100000 [--batch 5000]
//! # add the 100 next articles to a copy of a snapshot (put_articles + update_stories)
//! /usr/bin/time -v target/release/examples/bench_update add /tmp/live/store-10000.db
//! # a store of 1M from the 100k one: ten copies, each later in time (see live/grow.rs)
//! nice -n 10 target/release/examples/bench_update grow /tmp/live/store-100000.db /tmp/live/store-1000000.db 1000000
//! # keep a store's file as it is while an `add` runs on it (a reader holding the state before:
//! # the add's writes stay in the WAL, deleted after `kill -9` of the holder; bench/live/run.sh)
//! target/release/examples/bench_update hold /tmp/live/store-1000000.db
//! # what the space of a store goes to: the `store_space` example
//! ```
//!
//! `bench/live/run.sh` runs both and prints the table of docs/benchmarks.md.

#[path = "live/grow.rs"]
mod grow;
#[path = "../../story/examples/pool/mod.rs"]
mod pool;

use khabar_model::{Analysis, ArticleId, Document, PubTime};
use khabar_store::{SqliteStore, Store};
use khabar_story::Config;
use pool::{analysed_variants, hash2, load_pool, Rng, DAY};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Error = Box<dyn std::error::Error>;
type Item = (Document, Option<Analysis>);

/// The replayed stream of stream_million: copies of the pool's groups every window + 5 days.
struct Stream {
    pool: Vec<pool::Base>,
    variants: Vec<Vec<(Document, Analysis)>>,
    members: Vec<Vec<usize>>,
    phase: Vec<i64>,
    period: i64,
    base_ts: i64,
    heap: BinaryHeap<Reverse<(i64, usize, u32)>>,
    epoch: u32,
}

impl Stream {
    fn new(variants_per_text: usize) -> Result<Stream, Error> {
        let pool = load_pool()?;
        let analyzer = khabar_analyze::Analyzer::new()?;
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        let variants = analysed_variants(&pool, variants_per_text, &analyzer, &mut rng);
        let groups = pool.iter().map(|b| b.group).max().map_or(0, |g| g + 1);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
        let mut family = vec![0usize; groups];
        for (i, b) in pool.iter().enumerate() {
            members[b.group].push(i);
            family[b.group] = b.family;
        }
        let period = (Config::default().window_days + 5) * DAY;
        let phase = (0..groups)
            .map(|g| (hash2(family[g] as u64, 1) % period as u64) as i64)
            .collect();
        Ok(Stream {
            pool,
            variants,
            members,
            phase,
            period,
            base_ts: PubTime::parse("2030-01-01")?.timestamp(),
            heap: BinaryHeap::new(),
            epoch: 0,
        })
    }

    fn next(&mut self) -> Item {
        loop {
            let horizon = self.base_ts + i64::from(self.epoch) * self.period;
            if let Some(Reverse((ts, i, e))) = self.heap.peek().copied() {
                if ts < horizon {
                    self.heap.pop();
                    let n = self.variants[i].len() as u64;
                    let v = (hash2(i as u64, u64::from(e) + 99) % n) as usize;
                    let (vdoc, analysis) = &self.variants[i][v];
                    let id = ArticleId(format!("p{i}e{e}"));
                    let published = chrono::DateTime::from_timestamp(ts, 0)
                        .map(|t| PubTime::Zoned(t.fixed_offset()));
                    let doc = Document {
                        id: id.clone(),
                        // A url of its own: the same text at two addresses stays two articles.
                        url: Some(format!("https://bench.invalid/{id}")),
                        published,
                        ..vdoc.clone()
                    };
                    let mut a = analysis.clone();
                    a.article = id;
                    return (doc, Some(a));
                }
            }
            let start_of = self.base_ts + i64::from(self.epoch) * self.period;
            for (g, ms) in self.members.iter().enumerate() {
                let start = start_of
                    + self.phase[g]
                    + (hash2(g as u64, u64::from(self.epoch) + 2) % DAY as u64) as i64;
                for &i in ms {
                    self.heap
                        .push(Reverse((start + self.pool[i].offset, i, self.epoch)));
                }
            }
            self.epoch += 1;
        }
    }
}

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

fn snapshot_path(prefix: &Path, n: usize) -> PathBuf {
    PathBuf::from(format!("{}-{n}.db", prefix.display()))
}

fn build(prefix: &Path, sizes: &[usize], batch: usize) -> Result<(), Error> {
    let t = Instant::now();
    let mut stream = Stream::new(3)?;
    eprintln!(
        "pool of {} texts analysed (3 variants each) in {:.1} s",
        stream.pool.len(),
        t.elapsed().as_secs_f64()
    );
    let work = PathBuf::from(format!("{}-building.db", prefix.display()));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", work.display()));
    }
    let mut store = SqliteStore::open(&work)?;
    let config = Config::default();
    let mut stored = 0usize;
    let mut pending: Vec<Item> = Vec::new();
    let started = Instant::now();
    let last = sizes.iter().copied().max().unwrap_or(0);
    let flush = |store: &mut SqliteStore, pending: &mut Vec<Item>| -> Result<(), Error> {
        if pending.is_empty() {
            return Ok(());
        }
        store.put_articles(pending)?;
        store.update_stories(&config)?;
        pending.clear();
        Ok(())
    };
    while stored < last {
        pending.push(stream.next());
        stored += 1;
        if pending.len() >= batch || sizes.contains(&stored) {
            flush(&mut store, &mut pending)?;
        }
        if sizes.contains(&stored) {
            store.checkpoint()?;
            let snap = snapshot_path(prefix, stored);
            std::fs::copy(&work, &snap)?;
            // The next 100 articles of the stream (they also go into the bigger stores).
            let next: Vec<Item> = (0..100).map(|_| stream.next()).collect();
            let mut out = std::io::BufWriter::new(std::fs::File::create(format!(
                "{}.next.jsonl",
                snap.display()
            ))?);
            for (d, a) in &next {
                serde_json::to_writer(&mut out, &serde_json::json!({"doc": d, "analysis": a}))?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            pending.extend(next);
            stored += 100;
            eprintln!(
                "{} articles stored and grouped in {:.0} s → {} ({} stories); peak RSS {} MiB",
                stored - 100,
                started.elapsed().as_secs_f64(),
                snap.display(),
                store.story_count()?,
                peak_rss_mib()
            );
        }
    }
    Ok(())
}

fn add(db: &Path) -> Result<(), Error> {
    /// A line of SNAP.next.jsonl, read straight into its types (no JSON tree in between).
    #[derive(serde::Deserialize)]
    struct Line {
        doc: Document,
        analysis: Option<Analysis>,
    }
    let text = std::fs::read_to_string(format!("{}.next.jsonl", db.display()))?;
    let mut items: Vec<Item> = Vec::new();
    for line in text.lines() {
        let l: Line = serde_json::from_str(line)?;
        items.push((l.doc, l.analysis));
    }
    let t0 = Instant::now();
    let mut store = SqliteStore::open(db)?;
    let articles = store.article_count()?;
    let t1 = Instant::now();
    store.put_articles(&items)?;
    let t2 = Instant::now();
    let u = store.update_stories(&Config::default())?;
    let t3 = Instant::now();
    println!(
        "store {articles} articles | open {:.0} ms | put {} articles {:.0} ms | update_stories {:.0} ms ({} placed, {} replayed, {} decided again, {} stories written, full: {}) | total {:.0} ms | peak RSS {} MiB",
        (t1 - t0).as_secs_f64() * 1e3,
        items.len(),
        (t2 - t1).as_secs_f64() * 1e3,
        (t3 - t2).as_secs_f64() * 1e3,
        u.articles,
        u.replayed,
        u.redecided,
        u.stories.len(),
        u.full,
        (t3 - t0).as_secs_f64() * 1e3,
        peak_rss_mib()
    );
    Ok(())
}

/// Holds a read transaction on `db` until killed: the WAL cannot be copied into the file past
/// the state it reads, and no other connection is the last to close, so whatever another process
/// writes meanwhile stays in the WAL (`kill -9` this one, delete `-wal` and `-shm`: the file is
/// as before). Prints `holding` once the snapshot is taken.
fn hold(db: &Path) -> Result<(), Error> {
    let conn = rusqlite::Connection::open(db)?;
    conn.execute_batch("BEGIN")?;
    let seq: i64 = conn.query_row("SELECT value FROM store_seq WHERE id = 1", [], |r| r.get(0))?;
    println!("holding {} at sequence {seq}", db.display());
    std::io::stdout().flush()?;
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let batch = args
        .iter()
        .position(|a| a == "--batch")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000usize)
        .max(1);
    match args.first().map(String::as_str) {
        Some("build") => {
            let prefix = PathBuf::from(args.get(1).ok_or("build PREFIX N…")?);
            let sizes: Vec<usize> = args[2..]
                .iter()
                .take_while(|a| !a.starts_with("--"))
                .filter_map(|a| a.parse().ok())
                .collect();
            build(&prefix, &sizes, batch)
        }
        Some("add") => add(Path::new(args.get(1).ok_or("add DB")?)),
        Some("grow") => {
            let usage = "grow SRC DST N";
            let src = PathBuf::from(args.get(1).ok_or(usage)?);
            let dst = PathBuf::from(args.get(2).ok_or(usage)?);
            let n: usize = args.get(3).ok_or(usage)?.parse()?;
            grow::grow(&src, &dst, n)
        }
        Some("hold") => hold(Path::new(args.get(1).ok_or("hold DB")?)),
        _ => Err(
            "usage: bench_update build PREFIX N… [--batch B] | add DB | grow SRC DST N | hold DB"
                .into(),
        ),
    }
}
