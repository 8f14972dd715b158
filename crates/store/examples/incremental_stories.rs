//! Incremental story assignment against the one-pass grouping, on labelled story sets (#17).
//!
//! Input: the JSONL dumps of `khabar-story`'s `eval_stories --dump DIR` (each line a built
//! document, its analysis and its gold story). For each set:
//! - one pass: every article stored in one batch, then [`SqliteStore::regroup_stories`];
//! - incremental, date order: batches of `--batch N` (100) articles in the stream's order
//!   ((time, id), undated last), each stored and placed with [`SqliteStore::update_stories`];
//! - incremental, shuffled: the same in shuffled orders (fixed seeds, `--seeds 17,18,19`);
//! - and a full regroup after the shuffled run (ids shown are kept; the grouping equals the
//!   one pass).
//!
//! B-cubed F1 of each against the gold stories, and the time and articles replayed per batch.
//!
//! ```text
//! cargo run --release -p khabar-story --example eval_stories -- --dump /tmp/story-dumps \
//!     ../shared/data/stories/{basil,ecbplus-dev,hindi-disaster-dev,hindi-covid-dev,bilingual-disaster-dev}.jsonl
//! cargo run --release -p khabar-store --example incremental_stories -- /tmp/story-dumps/*.jsonl
//! ```

use khabar_model::{Analysis, ArticleId, Document};
use khabar_store::{SqliteStore, Store};
use khabar_story::{score, Config};
use std::collections::HashMap;

type Item = (Document, Option<Analysis>);
type Gold = HashMap<String, String>;
type Error = Box<dyn std::error::Error>;

fn read(path: &str) -> Result<(Vec<Item>, Gold), Error> {
    let mut items = Vec::new();
    let mut gold = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let doc: Document = serde_json::from_value(v["doc"].clone())?;
        let a: Option<Analysis> = serde_json::from_value(v["analysis"].clone())?;
        if let Some(g) = v["gold"].as_str() {
            gold.insert(doc.id.0.clone(), g.to_string());
        }
        items.push((doc, a));
    }
    Ok((items, gold))
}

/// What one run of batches gave.
struct Run {
    f1: f64,
    /// Seconds spent placing (all batches).
    secs: f64,
    /// Stored articles read back, and of those decided again (all batches).
    replayed: usize,
    redecided: usize,
    store: SqliteStore,
}

/// Stores `batches` one after another, placing each (or regrouping each when `full`).
fn run(batches: &[Vec<Item>], gold: &HashMap<String, String>, full: bool) -> Result<Run, Error> {
    let mut store = SqliteStore::open_in_memory()?;
    let config = Config::default();
    let mut gold_stored: HashMap<String, String> = HashMap::new();
    let (mut secs, mut replayed, mut redecided) = (0.0, 0, 0);
    for b in batches {
        let outcomes = store.put_articles(b)?;
        for ((d, _), o) in b.iter().zip(&outcomes) {
            if let Some(g) = gold.get(d.id.as_str()) {
                gold_stored.insert(o.id.0.clone(), g.clone());
            }
        }
        let t = std::time::Instant::now();
        let u = if full {
            store.regroup_stories(&config)?
        } else {
            store.update_stories(&config)?
        };
        secs += t.elapsed().as_secs_f64();
        replayed += u.replayed;
        redecided += u.redecided;
    }
    Ok(Run {
        f1: f1(&store, &gold_stored)?,
        secs,
        replayed,
        redecided,
        store,
    })
}

fn f1(store: &SqliteStore, gold: &Gold) -> Result<f64, Error> {
    let stories = store.stories()?;
    let predicted: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
        .collect();
    Ok(score(&predicted, gold).bcubed.f1)
}

fn stream_order(items: &mut [Item]) {
    items.sort_by(|a, b| {
        let k = |d: &Document| {
            (
                d.published.is_none(),
                d.published.map(|p| p.timestamp()),
                d.id.clone(),
            )
        };
        k(&a.0).cmp(&k(&b.0))
    });
}

/// A fixed-seed shuffle (splitmix64 + Fisher–Yates): the same order on every run.
fn shuffle(items: &mut [Item], seed: u64) {
    let mut x = seed;
    let mut next = || {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let batch = flag("--batch")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(100)
        .max(1);
    let seeds: Vec<u64> = flag("--seeds").or_else(|| flag("--seed")).map_or_else(
        || vec![17],
        |v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
    );
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !(a.starts_with("--") || *i > 0 && args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let seed_list: Vec<String> = seeds.iter().map(u64::to_string).collect();
    println!(
        "| set | articles | one pass | incremental, date order | incremental, shuffled (seeds {}) | worst shuffled | regroup after shuffled (seed {}) | ms per batch (date / shuffled) | replayed per batch (date / shuffled) | decided again per batch (date / shuffled) |",
        seed_list.join(", "),
        seeds.first().copied().unwrap_or(0),
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for path in files {
        let (mut items, gold) = read(path)?;
        stream_order(&mut items);
        let one = run(std::slice::from_ref(&items), &gold, true)?.f1;
        let batches: Vec<Vec<Item>> = items.chunks(batch).map(<[Item]>::to_vec).collect();
        let dated = run(&batches, &gold, false)?;
        let mut shuffled_f1 = Vec::new();
        let (mut replayed, mut redecided, mut shuffled_batches) = (0, 0, 0);
        let mut shuffled_secs = 0.0;
        let mut again = None;
        for (n, &seed) in seeds.iter().enumerate() {
            let mut shuffled = items.clone();
            shuffle(&mut shuffled, seed);
            let sb: Vec<Vec<Item>> = shuffled.chunks(batch).map(<[Item]>::to_vec).collect();
            let mut r = run(&sb, &gold, false)?;
            shuffled_f1.push(r.f1);
            replayed += r.replayed;
            redecided += r.redecided;
            shuffled_secs += r.secs;
            shuffled_batches += sb.len();
            if n == 0 {
                again = Some(regroup_after(&mut r.store, &gold)?);
            }
        }
        let (again, kept) = again.unwrap_or((f64::NAN, 0));
        let worst = shuffled_f1.iter().copied().fold(f64::INFINITY, f64::min);
        let name = std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let shown: Vec<String> = shuffled_f1
            .iter()
            .map(|f| format!("{f:.4} ({:+.4})", f - one))
            .collect();
        let per = |n: usize, of: usize| n as f64 / of.max(1) as f64;
        println!(
            "| {name} | {} | {one:.4} | {:.4} ({:+.4}) | {} | {:+.4} | {again:.4} ({kept} ids kept) | {:.0} / {:.0} | {:.0} / {:.0} | {:.0} / {:.0} |",
            items.len(),
            dated.f1,
            dated.f1 - one,
            shown.join(", "),
            worst - one,
            dated.secs * 1000.0 / batches.len() as f64,
            shuffled_secs * 1000.0 / shuffled_batches.max(1) as f64,
            per(dated.replayed, batches.len()),
            per(replayed, shuffled_batches),
            per(dated.redecided, batches.len()),
            per(redecided, shuffled_batches),
        );
    }
    Ok(())
}

/// A full regroup of a store: its B-cubed F1 and how many of its stories kept an id shown before.
fn regroup_after(store: &mut SqliteStore, gold: &Gold) -> Result<(f64, usize), Error> {
    let before: Vec<_> = store.stories()?.into_iter().map(|s| s.id).collect();
    store.regroup_stories(&Config::default())?;
    let mut gold_stored = HashMap::new();
    for s in store.stories()? {
        for a in &s.articles {
            let given = a.as_str().split('~').next().unwrap_or(a.as_str());
            if let Some(g) = gold.get(a.as_str()).or_else(|| gold.get(given)) {
                gold_stored.insert(a.0.clone(), g.clone());
            }
        }
    }
    let kept = store
        .stories()?
        .iter()
        .filter(|s| before.contains(&s.id))
        .count();
    Ok((f1(store, &gold_stored)?, kept))
}
