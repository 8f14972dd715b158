//! PostgreSQL against SQLite on real article sets (issue #20): the same puts and the same story
//! grouping must give the same stories (ids, members, every field) on both backends; and two
//! workers writing one PostgreSQL store at once must lose and twin nothing.
//!
//! Inputs: JSONL article files (`../shared/gold/seed-english.jsonl`, the story sets
//! `../shared/data/stories/*.jsonl`), folders of `.txt` + `.meta.json` (`examples/seeds`), or the
//! dumps of `khabar-story`'s `eval_stories --dump DIR` (lines of `{"doc", "analysis", "gold"}`).
//! Documents are built and analysed as the pipeline does. For each input, on both backends:
//! 1. all articles in one batch, then `regroup_stories`;
//! 2. batches of `--batch N` (50) in file order, each followed by `update_stories`.
//!
//! Then (`--two-writers`, on the first version of each id) two threads each put every batch (one in file order, the other in
//! reverse batch order, so both write the same articles at once) into one fresh PostgreSQL
//! schema and call `update_stories` after each batch; at the end one more update places what
//! a contended update left. Reported: articles stored (against one writer's), whether one
//! writer replaying the updates that placed articles (in commit order, each update's articles
//! as one batch) gives the same stories, whether a regroup afterwards gives the one pass, and
//! the B-cubed F1 against the gold stories beside one writer's in three batch orders.
//!
//! ```text
//! d=$(mktemp -d); export KHABAR_TEST_PG=$(.ci/pg start $d)
//! cargo run --release -p khabar-store --features postgres --example pg_same_stories -- \
//!     --two-writers examples/seeds ../shared/gold/seed-english.jsonl ../shared/data/stories/*.jsonl
//! ```

use khabar_analyze::Analyzer;
use khabar_model::{Analysis, ArticleId, Document, Story};
use khabar_store::{PgStore, SqliteStore, Store};
use khabar_story::{score, Config};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

type Item = (Document, Option<Analysis>);
type Error = Box<dyn std::error::Error + Send + Sync>;

/// The documents of one input, with gold story labels when it has them.
fn read(path: &Path, analyzer: &Analyzer) -> Result<(Vec<Item>, HashMap<String, String>), Error> {
    let mut items = Vec::new();
    let mut gold = HashMap::new();
    let label = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_string)
            .or_else(|| v.as_i64().map(|i| i.to_string()))
    };
    if path.is_file() {
        let text = std::fs::read_to_string(path)?;
        let dump = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .is_some_and(|v| v.get("doc").is_some());
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)?;
            let (doc, analysis) = if dump {
                let doc: Document = serde_json::from_value(v["doc"].clone())?;
                (doc, serde_json::from_value(v["analysis"].clone())?)
            } else {
                let raw = khabar_ingest::jsonl::parse_line(line, &path.to_string_lossy(), n + 1)?;
                match khabar_ingest::build_document(raw) {
                    Ok(doc) => {
                        let a = analyzer.analyze(&doc);
                        (doc, Some(a))
                    }
                    Err(e) => {
                        eprintln!("{}:{}: left out: {e}", path.display(), n + 1);
                        continue;
                    }
                }
            };
            if let Some(g) = v.get("gold").or_else(|| v.get("story")).and_then(label) {
                gold.insert(doc.id.0.clone(), g);
            }
            items.push((doc, analysis));
        }
    } else {
        for input in khabar_ingest::list_inputs(&[path.to_path_buf()]) {
            let input = input?;
            let mut raws = Vec::new();
            khabar_ingest::read_file(&input, &mut |r| raws.push(r));
            for raw in raws {
                match raw
                    .map_err(Error::from)
                    .and_then(|r| khabar_ingest::build_document(r).map_err(Error::from))
                {
                    Ok(doc) => {
                        let a = analyzer.analyze(&doc);
                        items.push((doc, Some(a)));
                    }
                    Err(e) => eprintln!("{}: left out: {e}", input.display()),
                }
            }
        }
    }
    Ok((items, gold))
}

/// A fresh schema on the server for one run, and the URL that opens stores in it.
struct Schema {
    admin: String,
    name: String,
    url: String,
}

impl Schema {
    fn new(admin: &str, name: &str) -> Result<Self, Error> {
        let mut c = postgres::Client::connect(admin, postgres::NoTls)?;
        c.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ))?;
        let sep = if admin.contains('?') { '&' } else { '?' };
        Ok(Schema {
            admin: admin.to_string(),
            name: name.to_string(),
            url: format!("{admin}{sep}options=-c%20search_path%3D{name}"),
        })
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

/// The two store types' shared methods this check calls.
trait Grouping: Store {
    fn regroup(&mut self, c: &Config) -> Result<(), khabar_store::StoreError>;
    fn update(&mut self, c: &Config) -> Result<usize, khabar_store::StoreError>;
}

impl Grouping for SqliteStore {
    fn regroup(&mut self, c: &Config) -> Result<(), khabar_store::StoreError> {
        self.regroup_stories(c).map(|_| ())
    }
    fn update(&mut self, c: &Config) -> Result<usize, khabar_store::StoreError> {
        self.update_stories(c).map(|u| u.articles)
    }
}

impl Grouping for PgStore {
    fn regroup(&mut self, c: &Config) -> Result<(), khabar_store::StoreError> {
        self.regroup_stories(c).map(|_| ())
    }
    fn update(&mut self, c: &Config) -> Result<usize, khabar_store::StoreError> {
        self.update_stories(c).map(|u| u.articles)
    }
}

/// Run 1 (`batch` None: one batch and a regroup) or run 2 (batches and updates); the stories
/// and the seconds taken.
fn run(
    s: &mut impl Grouping,
    items: &[Item],
    batch: Option<usize>,
) -> Result<(Vec<Story>, f64), Error> {
    let config = Config::default();
    let t = Instant::now();
    match batch {
        None => {
            s.put_articles(items)?;
            s.regroup(&config)?;
        }
        Some(n) => {
            for b in items.chunks(n.max(1)) {
                s.put_articles(b)?;
                s.update(&config)?;
            }
        }
    }
    Ok((s.stories()?, t.elapsed().as_secs_f64()))
}

fn f1(stories: &[Story], gold: &HashMap<String, String>) -> f64 {
    let predicted: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
        .collect();
    score(&predicted, gold).bcubed.f1
}

/// Where the two lists of stories differ (first few).
fn differences(a: &[Story], b: &[Story]) -> Vec<String> {
    let by = |v: &[Story]| -> BTreeMap<String, Story> {
        v.iter().map(|s| (s.id.0.clone(), s.clone())).collect()
    };
    let (a, b) = (by(a), by(b));
    let mut out = Vec::new();
    for (id, s) in &a {
        match b.get(id) {
            None => out.push(format!("{id} only on SQLite")),
            Some(t) if t != s => out.push(format!("{id} differs")),
            _ => {}
        }
    }
    for id in b.keys().filter(|id| !a.contains_key(*id)) {
        out.push(format!("{id} only on PostgreSQL"));
    }
    out.truncate(5);
    out
}

/// The batches in the order two writers (one from the first, one from the last) hand them in
/// when they keep the same pace: first, last, second, second last, …
fn interleaved(items: &[Item], batch: usize) -> Vec<Item> {
    let batches: Vec<&[Item]> = items.chunks(batch.max(1)).collect();
    let (mut lo, mut hi) = (0usize, batches.len());
    let mut out = Vec::with_capacity(items.len());
    while lo < hi {
        out.extend_from_slice(batches[lo]);
        lo += 1;
        if lo < hi {
            hi -= 1;
            out.extend_from_slice(batches[hi]);
        }
    }
    out
}

/// Story memberships, as sorted lists of sorted ids (ids of stories left out).
fn memberships(v: &[Story]) -> Vec<Vec<String>> {
    let mut m: Vec<Vec<String>> = v
        .iter()
        .map(|s| {
            let mut a: Vec<String> = s.articles.iter().map(|a| a.0.clone()).collect();
            a.sort();
            a
        })
        .collect();
    m.sort();
    m
}

/// What two concurrent writers left: the stories, the articles stored, the seconds taken, the
/// stories of a full regroup afterwards, and the updates that placed articles (their change
/// value and the ids placed) in commit order.
struct TwoWriters {
    stories: Vec<Story>,
    stored: usize,
    secs: f64,
    regrouped: Vec<Story>,
    /// The articles as stored at the end (which of two texts at one url was kept is the
    /// writers' race: first come, first kept).
    stored_items: Vec<Item>,
    updates: Vec<(i64, Vec<ArticleId>)>,
}

/// One writer replaying the updates of a concurrent run: each update's articles stored as one
/// batch, then placed. Equal stories mean the concurrent updates behaved as that sequence.
fn replay(items: &[Item], updates: &[(i64, Vec<ArticleId>)]) -> Result<Vec<Story>, Error> {
    let by_id: HashMap<&str, &Item> = items.iter().map(|it| (it.0.id.as_str(), it)).collect();
    let mut s = SqliteStore::open_in_memory()?;
    let config = Config::default();
    for (_, ids) in updates {
        let batch: Vec<Item> = ids
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).map(|it| (*it).clone()))
            .collect();
        s.put_articles(&batch)?;
        s.update_stories(&config)?;
    }
    Ok(s.stories()?)
}

/// Two workers writing every batch into one store at once.
fn two_writers(url: &str, items: &[Item], batch: usize) -> Result<TwoWriters, Error> {
    let log = std::sync::Mutex::new(Vec::new());
    PgStore::open(url)?;
    let batches: Vec<Vec<Item>> = items.chunks(batch.max(1)).map(<[Item]>::to_vec).collect();
    let t = Instant::now();
    std::thread::scope(|scope| -> Result<(), Error> {
        let handles: Vec<_> = (0..2)
            .map(|w| {
                let batches = &batches;
                let log = &log;
                scope.spawn(move || -> Result<(), Error> {
                    let mut s = PgStore::open(url)?;
                    let config = Config::default();
                    let order: Vec<&Vec<Item>> = if w == 0 {
                        batches.iter().collect()
                    } else {
                        batches.iter().rev().collect()
                    };
                    for b in order {
                        s.put_articles(b)?;
                        let u = s.update_stories(&config)?;
                        if !u.placed.is_empty() {
                            log.lock()
                                .map_err(|_| "log poisoned")?
                                .push((u.up_to, u.placed));
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join().map_err(|_| "a writer panicked")??;
        }
        Ok(())
    })?;
    let mut s = PgStore::open(url)?;
    let mut updates = log.into_inner().map_err(|_| "log poisoned")?;
    // What a contended update left waiting is placed now.
    loop {
        let u = s.update_stories(&Config::default())?;
        if u.placed.is_empty() {
            break;
        }
        updates.push((u.up_to, u.placed));
    }
    let secs = t.elapsed().as_secs_f64();
    updates.sort_by_key(|(up_to, _)| *up_to);
    let stories = s.stories()?;
    s.regroup_stories(&Config::default())?;
    Ok(TwoWriters {
        stories,
        stored: s.article_count()?,
        secs,
        regrouped: s.stories()?,
        stored_items: s.articles_with_analyses()?,
        updates,
    })
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let batch = args
        .iter()
        .position(|a| a == "--batch")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(50usize);
    let two = args.iter().any(|a| a == "--two-writers");
    let admin = std::env::var("KHABAR_TEST_PG")
        .map_err(|_| "set KHABAR_TEST_PG to a PostgreSQL URL (.ci/pg start DIR prints one)")?;
    let analyzer = Analyzer::new()?;
    let mut all_same = true;
    for (k, path) in args
        .iter()
        .enumerate()
        .filter(|(i, a)| !(a.starts_with("--") || *i > 0 && args[i - 1] == "--batch"))
        .map(|(i, a)| (i, PathBuf::from(a)))
    {
        let (items, gold) = read(&path, &analyzer)?;
        let distinct: HashSet<&str> = items.iter().map(|(d, _)| d.id.as_str()).collect();
        println!(
            "{}: {} documents ({} ids), {} gold labels",
            path.display(),
            items.len(),
            distinct.len(),
            gold.len()
        );
        for (name, b) in [
            ("one batch + regroup", None),
            ("batches + updates", Some(batch)),
        ] {
            let mut lite = SqliteStore::open_in_memory()?;
            let (a, lt) = run(&mut lite, &items, b)?;
            let schema = Schema::new(&admin, &format!("same_{k}_{}", b.unwrap_or(0)))?;
            let mut pg = PgStore::open(&schema.url)?;
            let (p, pt) = run(&mut pg, &items, b)?;
            let same = a == p;
            all_same &= same;
            let members = |v: &[Story]| v.iter().map(|s| s.articles.len()).sum::<usize>();
            println!(
                "  {name}: SQLite {} stories ({} members) in {lt:.2} s | PostgreSQL {} stories ({} members) in {pt:.2} s | identical: {same}{}",
                a.len(),
                members(&a),
                p.len(),
                members(&p),
                if gold.is_empty() {
                    String::new()
                } else {
                    format!(" | B3 F1 {:.4} / {:.4}", f1(&a, &gold), f1(&p, &gold))
                }
            );
            if !same {
                println!("    differences: {:?}", differences(&a, &p));
            }
            if two && b.is_some() {
                // One version per id (a set may hold an id twice with two texts; which one
                // stays would depend on the writers' race, and the replay could not tell).
                let mut seen = HashSet::new();
                let items: Vec<Item> = items
                    .iter()
                    .filter(|(d, _)| seen.insert(d.id.clone()))
                    .cloned()
                    .collect();
                let schema2 = Schema::new(&admin, &format!("two_{k}"))?;
                let TwoWriters {
                    stories: t,
                    stored,
                    secs,
                    regrouped,
                    stored_items,
                    updates,
                } = two_writers(&schema2.url, &items, batch)?;
                let replayed = replay(&items, &updates)?;
                let mut lite = SqliteStore::open_in_memory()?;
                let (a, _) = run(&mut lite, &items, b)?;
                let one_count = lite.article_count()?;
                // One writer handing in the batches in the order the two writers' paces give.
                let mut one = SqliteStore::open_in_memory()?;
                let (o, _) = run(&mut one, &interleaved(&items, batch), b)?;
                let mut reversed_store = SqliteStore::open_in_memory()?;
                let reversed: Vec<Item> = items
                    .chunks(batch.max(1))
                    .rev()
                    .flat_map(<[Item]>::to_vec)
                    .collect();
                let (r, _) = run(&mut reversed_store, &reversed, b)?;
                let mut whole = SqliteStore::open_in_memory()?;
                let (w, _) = run(&mut whole, &stored_items, None)?;
                println!(
                    "  two writers: {stored} articles stored (one writer: {one_count}), {} stories in {secs:.2} s, {} updates placed articles; one writer replaying those updates gives the same stories: {}; regroup afterwards = one pass over the stored articles: {}{}",
                    t.len(),
                    updates.len(),
                    replayed == t,
                    memberships(&regrouped) == memberships(&w),
                    if gold.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " | B3 F1 {:.4}; one writer: interleaved batch order {:.4} (difference {:+.4}), file order {:.4}, reversed {:.4}",
                            f1(&t, &gold),
                            f1(&o, &gold),
                            f1(&t, &gold) - f1(&o, &gold),
                            f1(&a, &gold),
                            f1(&r, &gold),
                        )
                    }
                );
            }
        }
    }
    println!("all identical: {all_same}");
    if all_same {
        Ok(())
    } else {
        Err("the backends gave different stories".into())
    }
}
