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

use khabar_model::{Analysis, ArticleId, Document, PubTime, Span};
use khabar_story::{Clusterer, Config};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::time::{Duration, Instant};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
const DAY: i64 = 86_400;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn hash2(a: u64, b: u64) -> u64 {
    let mut r = Rng((a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b).max(1));
    r.next();
    r.next()
}

/// One real text of the pool.
struct Base {
    doc: Document,
    group: usize,
    /// Groups of one family start together in every copy.
    family: usize,
    /// From a set with hand-made story labels (scored); the others only load the stream.
    labelled: bool,
    /// Seconds after the group's first article.
    offset: i64,
}

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

fn build(line: &str, origin: &str, n: usize) -> Option<Document> {
    let raw = khabar_ingest::jsonl::parse_line(line, origin, n).ok()?;
    khabar_ingest::build_document(raw).ok()
}

/// The pool: documents with their group and offset inside the group.
fn load_pool() -> Result<Vec<Base>, Box<dyn std::error::Error>> {
    // (document, gold group, family: groups that start together in every copy, labelled)
    let mut docs: Vec<(Document, String, String, bool)> = Vec::new();
    for name in [
        "basil",
        "ecbplus-dev",
        "hindi-covid-dev",
        "hindi-disaster-dev",
    ] {
        let path = format!("{SHARED}/stories/{name}.jsonl");
        let text = std::fs::read_to_string(&path)?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)?;
            let label = v.get("story").map(|s| match s {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if let Some(d) = build(line, &path, n + 1) {
                let label = label.unwrap_or_else(|| d.id.0.clone());
                // ECB+ topics hold two look-alike events: they start together in every copy,
                // the hardest case for keeping them apart (and no chain across copies).
                let family = match v.get("topic") {
                    Some(t) => format!("{name}/topic-{t}"),
                    None => format!("{name}/{label}"),
                };
                docs.push((d, format!("{name}/{label}"), family, true));
            }
        }
    }
    let web = format!("{SHARED}/hindi-news/webcorpus");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for outlet in std::fs::read_dir(&web)? {
        for f in std::fs::read_dir(outlet?.path())? {
            files.push(f?.path());
        }
    }
    files.sort();
    for (n, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f)?;
        let id = format!("web-{n}");
        let line = serde_json::json!({"id": id, "text": text}).to_string();
        if let Some(d) = build(&line, &web, n + 1) {
            docs.push((d, id.clone(), id, false));
        }
    }
    let wcxb = format!("{SHARED}/extraction/wcxb-dev-articles/ground-truth");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&wcxb)?
        .filter_map(|f| f.ok().map(|f| f.path()))
        .collect();
    files.sort();
    for (n, f) in files.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f)?)?;
        let g = &v["ground_truth"];
        let id = format!("wcxb-{n}");
        let line = serde_json::json!({
            "id": id,
            "title": g["title"],
            "date": g["publish_date"],
            "text": g["main_content"],
        })
        .to_string();
        if let Some(d) = build(&line, &wcxb, n + 1) {
            docs.push((d, id.clone(), id, false));
        }
    }
    let sh = format!("{SHARED}/extraction/scrapinghub/ground-truth.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sh)?)?;
    if let Some(map) = v.as_object() {
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort();
        for (n, k) in keys.into_iter().enumerate() {
            let id = format!("sh-{n}");
            let line =
                serde_json::json!({"id": id, "text": map[k]["articleBody"], "url": map[k]["url"]})
                    .to_string();
            if let Some(d) = build(&line, &sh, n + 1) {
                docs.push((d, id.clone(), id, false));
            }
        }
    }
    // Groups and offsets.
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut first: Vec<Option<i64>> = Vec::new();
    let mut family_of: HashMap<String, usize> = HashMap::new();
    let mut pool = Vec::with_capacity(docs.len());
    for (d, label, family, labelled) in docs {
        let next = group_of.len();
        let g = *group_of.entry(label).or_insert(next);
        let next = family_of.len();
        let family = *family_of.entry(family).or_insert(next);
        if g == first.len() {
            first.push(None);
        }
        if let Some(ts) = d.published.map(|p| p.timestamp()) {
            first[g] = Some(first[g].map_or(ts, |f| f.min(ts)));
        }
        pool.push(Base {
            doc: d,
            group: g,
            family,
            labelled,
            offset: 0,
        });
    }
    for (i, b) in pool.iter_mut().enumerate() {
        b.offset = match (b.doc.published.map(|p| p.timestamp()), first[b.group]) {
            (Some(ts), Some(f)) => (ts - f).clamp(0, 3 * DAY),
            _ => (hash2(i as u64, 7) % (2 * DAY as u64)) as i64,
        };
    }
    Ok(pool)
}

/// Sentences with their trailing whitespace (so joining them gives the text back).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_end = false;
    for (i, c) in text.char_indices() {
        if after_end && !c.is_whitespace() {
            out.push(&text[start..i]);
            start = i;
            after_end = false;
        }
        if matches!(c, '.' | '!' | '?' | '।' | '\n') {
            after_end = true;
        } else if !c.is_whitespace() {
            after_end = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// One light edit of a body text.
fn edit(text: &str, rng: &mut Rng) -> String {
    let mut parts: Vec<String> = sentences(text).into_iter().map(str::to_string).collect();
    let n = parts.len();
    match rng.below(4) {
        // Drop a sentence (never the lead).
        0 if n >= 3 => {
            parts.remove(1 + rng.below(n as u64 - 1) as usize);
        }
        // Swap two neighbouring sentences after the lead.
        1 if n >= 4 => {
            let i = 1 + rng.below(n as u64 - 2) as usize;
            parts.swap(i, i + 1);
        }
        // Change one digit of a number.
        2 => {
            let digits: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit() || ('०'..='९').contains(c))
                .collect();
            if !digits.is_empty() {
                let (at, c) = digits[rng.below(digits.len() as u64) as usize];
                let (zero, d) = if c.is_ascii_digit() {
                    ('0' as u32, c as u32 - '0' as u32)
                } else {
                    ('०' as u32, c as u32 - '०' as u32)
                };
                let new = char::from_u32(zero + (d + 1 + rng.below(9) as u32) % 10).unwrap_or(c);
                let mut s = String::with_capacity(text.len());
                s.push_str(&text[..at]);
                s.push(new);
                s.push_str(&text[at + c.len_utf8()..]);
                return s;
            }
        }
        // Swap two neighbouring words of one sentence.
        _ => {
            if n > 0 {
                let i = rng.below(n as u64) as usize;
                let mut words: Vec<&str> = parts[i].split(' ').collect();
                if words.len() >= 3 {
                    let j = rng.below(words.len() as u64 - 2) as usize;
                    words.swap(j, j + 1);
                    parts[i] = words.join(" ");
                }
            }
        }
    }
    parts.concat()
}

fn with_text(doc: &Document, text: String) -> Document {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            paragraphs.push(Span::new(at, at + line.len()));
        }
        at += line.len() + 1;
    }
    Document {
        fingerprint: khabar_ingest::fingerprint(&text),
        paragraphs,
        text,
        ..doc.clone()
    }
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
    let mut pool_variants: Vec<Vec<(Document, Analysis)>> = Vec::with_capacity(pool.len());
    for b in &pool {
        let mut vs = Vec::with_capacity(variants);
        for v in 0..variants {
            let doc = if v == 0 {
                b.doc.clone()
            } else {
                let once = edit(&b.doc.text, &mut rng);
                with_text(&b.doc, edit(&once, &mut rng))
            };
            let a = analyzer.analyze(&doc);
            vs.push((doc, a));
        }
        pool_variants.push(vs);
    }
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
