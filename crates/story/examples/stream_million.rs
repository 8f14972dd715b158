//! Scale benchmark: stream 1,000,000 articles made from real texts through the streaming
//! clusterer ([`khabar_story::Clusterer`]) and report the time per article as the stream grows,
//! the total time, the peak memory and a sanity score against the copies' known groups.
//!
//! ```text
//! nice -n 10 cargo run --release -p khabar-story --example stream_million -- [N] [--variants V]
//! ```
//!
//! `N` defaults to 1,000,000 and `V` (variants per real text) to 3. Checkpoints are printed at
//! 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90 and 100 % of `N`.
//!
//! What is streamed:
//!
//! 1. **Pool.** Every article of `../shared/data/stories/*.jsonl` (BASIL, ECB+ topics 1–30,
//!    hindi-covid-dev, hindi-disaster-dev; grouped by their gold `story`), the 108 Hindi web
//!    articles of `../shared/data/hindi-news/webcorpus/` and the article bodies of the two
//!    extraction benchmarks (`extraction/wcxb-dev-articles`, `extraction/scrapinghub`), each of
//!    those a group of its own. Documents are built by the real ingest path
//!    (`khabar_ingest::jsonl::parse_line` + `build_document`); inputs it rejects are left out.
//! 2. **Edited variants.** Variant 0 is the text as built; variants 1.. each apply two light
//!    edits drawn at random: drop a sentence (never the first), swap two neighbouring sentences,
//!    change one digit of a number, swap two neighbouring words. Every variant, edited or not, is
//!    analysed once with the real `khabar_analyze::Analyzer`, so what the clusterer reads
//!    (words, linked entities, counted facts, years, copy signature) is derived from the edited
//!    text itself.
//! 3. **Copies.** The stream is the pool repeated: copy `e` of a group starts at
//!    `e * P + phase(family) + jitter` (P = window + 5 days, phase uniform in [0, P), jitter
//!    under a day), its articles keep their offsets from the group's first article (capped at
//!    3 days; undated sets get offsets under 2 days), and each article takes a random variant.
//!    A family is one group, except that the two look-alike events of an ECB+ topic form one
//!    family: they start together in every copy (the hard case: apart by content alone).
//!    So copies of one family are more than the time window apart and must form new stories,
//!    while other groups interleave freely. Articles
//!    are pushed in publication order; `finished()` is called every 1,000 articles, and closed
//!    stories are scored and dropped at once.
//!
//! The sanity score covers the articles of the four sets with hand-made story labels (copy `e`
//! of gold story `g` is gold story `(g, e)`); the web and extraction pages load the stream but
//! are not scored (many are evergreen pages on one topic, with no story labels), as unlabelled
//! articles are ignored by `khabar_story::score`.
//!
//! Timing covers `push` and `finished` only (building each copy's `Document` — a clone with a
//! new id and date — is the harness's work). Peak memory is `VmHWM` of the whole process, which
//! includes the pool (texts, variants and analyses) and the scorer's per-story counters.

use khabar_model::{ArticleId, Document, PubTime};
use khabar_story::{Clusterer, Config};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::time::{Duration, Instant};

#[path = "pool/mod.rs"]
mod pool;
use pool::{analysed_variants, hash2, load_pool, Rng, DAY};

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU seconds (user + system) this process has used: the machine is shared, so wall time
/// alone overstates the cost.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// B-cubed and pairwise counts accumulated story by story.
#[derive(Default)]
struct Scorer {
    /// (gold key, articles of that gold group in the predicted story, predicted story size).
    cells: Vec<(u64, u32, u32)>,
    gold_size: HashMap<u64, u32>,
}

impl Scorer {
    fn add(&mut self, keys: &[u64]) {
        if keys.is_empty() {
            return;
        }
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for k in keys {
            *counts.entry(*k).or_insert(0) += 1;
            *self.gold_size.entry(*k).or_insert(0) += 1;
        }
        let size = keys.len() as u32;
        self.cells
            .extend(counts.into_iter().map(|(k, n)| (k, n, size)));
    }

    fn report(&self) -> String {
        let n: f64 = self.gold_size.values().map(|&s| s as f64).sum();
        let pairs = |x: u64| x * x.saturating_sub(1) / 2;
        let (mut bp, mut br, mut tp) = (0.0, 0.0, 0u64);
        for &(k, nij, size) in &self.cells {
            let nij_f = nij as f64;
            bp += nij_f * nij_f / size as f64;
            br += nij_f * nij_f / self.gold_size[&k] as f64;
            tp += pairs(nij as u64);
        }
        let gold_pairs: u64 = self.gold_size.values().map(|&s| pairs(s as u64)).sum();
        // Predicted pairs: Σ over stories of C(size, 2) = Σ over cells of C(size, 2) · nij / size.
        let pred_pairs: f64 = self
            .cells
            .iter()
            .map(|&(_, nij, size)| pairs(size as u64) as f64 * nij as f64 / size as f64)
            .sum();
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (bp, br) = (bp / n.max(1.0), br / n.max(1.0));
        let pwp = if pred_pairs > 0.0 {
            tp as f64 / pred_pairs
        } else {
            1.0
        };
        let pwr = if gold_pairs > 0 {
            tp as f64 / gold_pairs as f64
        } else {
            1.0
        };
        format!(
            "B3 P {bp:.4} R {br:.4} F1 {:.4} | pairwise P {pwp:.4} R {pwr:.4} F1 {:.4} | {} gold groups",
            f1(bp, br),
            f1(pwp, pwr),
            self.gold_size.len()
        )
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let total: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let variants: usize = args
        .iter()
        .position(|a| a == "--variants")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let config = Config::default();

    let started = Instant::now();
    let pool = load_pool()?;
    let groups = pool.iter().map(|b| b.group).max().map_or(0, |g| g + 1);
    eprintln!(
        "pool: {} real texts in {groups} groups, loaded in {:.1} s",
        pool.len(),
        started.elapsed().as_secs_f64()
    );
    let analyzer = khabar_analyze::Analyzer::new()?;
    let t = Instant::now();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    // variants[i][v] = (document, analysis)
    let pool_variants = analysed_variants(&pool, variants, &analyzer, &mut rng);
    eprintln!(
        "{} variants analysed in {:.1} s; RSS {} MiB",
        pool.len() * variants,
        t.elapsed().as_secs_f64(),
        status_kib("VmRSS:") / 1024
    );

    // Groups' members, phases and spans.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    let mut family = vec![0usize; groups];
    for (i, b) in pool.iter().enumerate() {
        members[b.group].push(i);
        family[b.group] = b.family;
    }
    let period = (config.window_days + 5) * DAY;
    let phase: Vec<i64> = (0..groups)
        .map(|g| (hash2(family[g] as u64, 1) % period as u64) as i64)
        .collect();
    let base_ts = PubTime::parse("2030-01-01")?.timestamp();

    let mut heap: BinaryHeap<Reverse<(i64, usize, u32)>> = BinaryHeap::new();
    let mut epoch: u32 = 0;
    let mut clusterer = Clusterer::new(config);
    let mut scorer = Scorer::default();
    let checkpoints: Vec<usize> = [5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100]
        .iter()
        .map(|p| total * p / 100)
        .collect();
    let mut next_check = 0;
    let mut in_clusterer = Duration::ZERO;
    let mut seg_time = Duration::ZERO;
    let mut seg_start = 0usize;
    let mut pushed = 0usize;
    let stream_start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut seg_cpu = cpu_start;
    let mut biggest = 0usize;
    let score_group = |scorer: &mut Scorer, g: &khabar_story::Group| {
        let keys: Vec<u64> = g
            .articles
            .iter()
            .filter_map(|a| {
                let (p, e) = a.as_str().split_once('e')?;
                let p: usize = p.strip_prefix('p')?.parse().ok()?;
                let e: u64 = e.parse().ok()?;
                pool[p].labelled.then(|| ((pool[p].group as u64) << 32) | e)
            })
            .collect();
        scorer.add(&keys);
        // `STREAM_SHOW_MERGED=1`: print the stories that mix gold groups (titles of members).
        if std::env::var_os("STREAM_SHOW_MERGED").is_some() {
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() > 1 {
                eprintln!("MERGED {} groups:", distinct.len());
                for a in g.articles.iter().take(8) {
                    if let Some(p) = a
                        .as_str()
                        .split_once('e')
                        .and_then(|(p, _)| p.strip_prefix('p')?.parse::<usize>().ok())
                    {
                        let d = &pool[p].doc;
                        let title: String = d
                            .title
                            .as_deref()
                            .unwrap_or(&d.text)
                            .chars()
                            .take(70)
                            .collect();
                        eprintln!("    {} g{} {}", a.as_str(), pool[p].group, title);
                    }
                }
            }
        }
    };
    println!(
        "{:>9} | {:>9} | {:>13} | {:>11} | {:>11} | {:>12} | {:>13} | {:>10} | {:>8}",
        "articles",
        "stream s",
        "µs/article*",
        "CPU µs/art†",
        "open story",
        "open article",
        "vocabulary",
        "RSS MiB",
        "day"
    );
    'stream: loop {
        // Generate copy `epoch` of every group; everything before the next epoch's start is final.
        let epoch_start = base_ts + i64::from(epoch) * period;
        for (g, ms) in members.iter().enumerate() {
            let start = epoch_start
                + phase[g]
                + (hash2(g as u64, u64::from(epoch) + 2) % DAY as u64) as i64;
            for &i in ms {
                heap.push(Reverse((start + pool[i].offset, i, epoch)));
            }
        }
        epoch += 1;
        let horizon = base_ts + i64::from(epoch) * period;
        while let Some(Reverse((ts, i, e))) = heap.peek().copied() {
            if ts >= horizon {
                break;
            }
            heap.pop();
            let v = (hash2(i as u64, u64::from(e) + 99) % variants as u64) as usize;
            let (vdoc, analysis) = &pool_variants[i][v];
            let published =
                chrono::DateTime::from_timestamp(ts, 0).map(|t| PubTime::Zoned(t.fixed_offset()));
            let doc = Document {
                id: ArticleId(format!("p{i}e{e}")),
                published,
                ..vdoc.clone()
            };
            let t = Instant::now();
            clusterer.push(&doc, Some(analysis));
            pushed += 1;
            if pushed.is_multiple_of(1_000) {
                for g in clusterer.finished() {
                    score_group(&mut scorer, &g);
                    if g.articles.len() > biggest {
                        biggest = g.articles.len();
                        if std::env::var_os("STREAM_SHOW_BIG").is_some() {
                            let ids: Vec<&str> =
                                g.articles.iter().take(12).map(ArticleId::as_str).collect();
                            eprintln!(
                                "biggest so far: {biggest} articles: {ids:?} {:?}",
                                g.shared_terms
                            );
                        }
                    }
                }
            }
            let dt = t.elapsed();
            in_clusterer += dt;
            seg_time += dt;
            if next_check < checkpoints.len() && pushed == checkpoints[next_check] {
                let cpu = cpu_seconds();
                println!(
                    "{:>9} | {:>9.1} | {:>13.1} | {:>11.1} | {:>11} | {:>12} | {:>13} | {:>10} | {:>8}",
                    pushed,
                    in_clusterer.as_secs_f64(),
                    seg_time.as_secs_f64() * 1e6 / (pushed - seg_start) as f64,
                    (cpu - seg_cpu) * 1e6 / (pushed - seg_start) as f64,
                    clusterer.open_stories(),
                    clusterer.open_articles(),
                    clusterer.vocabulary(),
                    status_kib("VmRSS:") / 1024,
                    (ts - base_ts) / DAY
                );
                seg_start = pushed;
                seg_cpu = cpu;
                seg_time = Duration::ZERO;
                next_check += 1;
            }
            if pushed >= total {
                break 'stream;
            }
        }
    }
    let t = Instant::now();
    for g in clusterer.finish() {
        score_group(&mut scorer, &g);
    }
    in_clusterer += t.elapsed();
    println!("* wall µs/article over the segment since the previous checkpoint (push + finished)");
    println!("† process CPU µs/article over the segment (whole harness: copy building included)");
    println!(
        "{pushed} articles: clusterer {:.1} s wall ({:.1} µs/article), stream {:.1} s wall / {:.1} s CPU, whole run {:.1} s; largest story {biggest}; peak RSS (VmHWM) {} MiB",
        in_clusterer.as_secs_f64(),
        in_clusterer.as_secs_f64() * 1e6 / pushed.max(1) as f64,
        stream_start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_start,
        started.elapsed().as_secs_f64(),
        status_kib("VmHWM:") / 1024
    );
    println!("sanity against the copies' groups: {}", scorer.report());
    Ok(())
}
