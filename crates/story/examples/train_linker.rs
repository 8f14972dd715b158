//! Train the story linker (`model/linker.tsv`) on the development sets and report
//! leave-one-set-out, in-set, hand-set and TF-IDF baseline B-cubed F1.
//!
//! ```text
//! mkdir -p /tmp/story-dumps
//! cargo run --release -p khabar-story --example eval_stories -- --dump /tmp/story-dumps \
//!     ../shared/data/stories/{basil,ecbplus-dev,hindi-disaster-dev,hindi-covid-dev,bilingual-disaster-dev}.jsonl
//! cargo run --release -p khabar-story --example train_linker -- /tmp/story-dumps \
//!     [--write crates/story/model/linker.tsv]
//! ```
//!
//! The dumps hold the documents and analyses exactly as the real pipeline builds them (ingest,
//! then the analyser) with their gold labels. For every set, training rows are made by
//! streaming it the way [`khabar_story::cluster`] does and grouping by the gold labels
//! ([`khabar_story::linker::training_rows`]). A logistic regression (linfa-logistic, L2 α = 0.1)
//! is fitted on the rows of the training sets, each set weighing alike; a second logistic
//! regression, on each training article's best candidate under the first ([`start_row`]), is
//! the "start a new story?" decision (it joins when its probability reaches 0.5; no cut is
//! searched). `--write` stores the model trained on every set.
//!
//! Knobs for measuring variants: `LINKER_ALPHA`, `LINKER_BALANCE=0`, `LINKER_START=0` (a cut
//! searched for the best mean B-cubed F1 over the training sets instead), `LINKER_CUT`,
//! `LINKER_DROP=a,b` (features zeroed), `LINKER_NO_BASELINE`, `LINKER_ERRORS=SET` (with
//! `LINKER_ERRORS_ALL=1` every story of two or more articles), `LINKER_STATS=1`,
//! `LINKER_EMBEDDINGS=FILE` (sentence-encoder vectors by article id, `id<TAB>v1 v2 …`: the
//! `embed` columns). `--texts` prints what the encoder reads of each article
//! (`id<TAB>text`, [`embedding_text`]) and stops.

use khabar_model::{Analysis, ArticleId, Document};
use khabar_story::linker::{
    best, embedding_text, start_row, training_rows, Embedder, Row, Start, StartRow, FEATURES,
    START_FEATURES,
};
use khabar_story::{groups_with, score, Config, Linker};
use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Sentence-encoder vectors read from `LINKER_EMBEDDINGS=FILE` (`id<TAB>v1 v2 …` lines, unit
/// vectors of [`embedding_text`]), keyed by article id.
#[derive(Clone)]
struct SideFile(Arc<HashMap<String, Vec<f32>>>);

impl Embedder for SideFile {
    fn embed(&mut self, doc: &Document) -> Option<Vec<f32>> {
        self.0.get(doc.id.as_str()).cloned()
    }
}

static SIDE: OnceLock<Option<SideFile>> = OnceLock::new();

/// The side file's encoder, when `LINKER_EMBEDDINGS` names one.
fn embedder() -> Option<Box<dyn Embedder>> {
    let side = SIDE.get_or_init(|| {
        let path = std::env::var("LINKER_EMBEDDINGS").ok()?;
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("LINKER_EMBEDDINGS {path}: {e}");
                return None;
            }
        };
        let mut map = HashMap::new();
        for line in text.lines() {
            let Some((id, v)) = line.split_once('\t') else {
                continue;
            };
            let v: Vec<f32> = v.split(' ').filter_map(|x| x.parse().ok()).collect();
            map.insert(id.to_string(), v);
        }
        eprintln!("{} embeddings from {path}", map.len());
        Some(SideFile(Arc::new(map)))
    });
    side.clone().map(|s| Box::new(s) as Box<dyn Embedder>)
}

struct Set {
    name: String,
    docs: Vec<Document>,
    analyses: Vec<Analysis>,
    gold: HashMap<String, String>,
    /// Per article, its candidate rows.
    rows: Vec<Vec<(Row, bool)>>,
}

fn load(path: &std::path::Path) -> Result<Set, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    let mut analyses = Vec::new();
    let mut gold = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let doc: Document = serde_json::from_value(v["doc"].clone())?;
        if let Some(a) = v.get("analysis").filter(|a| !a.is_null()) {
            analyses.push(serde_json::from_value::<Analysis>(a.clone())?);
        }
        if let Some(g) = v["gold"].as_str() {
            gold.insert(doc.id.0.clone(), g.to_string());
        }
        docs.push(doc);
    }
    let name = path
        .file_stem()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let d: Vec<&Document> = docs.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let rows = training_rows(&d, &a, &gold, &hand(), embedder());
    Ok(Set {
        name,
        docs,
        analyses,
        gold,
        rows,
    })
}

/// The hand-set configuration (no linker): the current figures.
fn hand() -> Config {
    Config {
        linker: None,
        ..Config::default()
    }
}

/// Who is with whom (the stories' assembly is not needed to score them).
type Grouping = Vec<Vec<ArticleId>>;

fn run(set: &Set, config: &Config) -> Grouping {
    let d: Vec<&Document> = set.docs.iter().collect();
    let a: Vec<&Analysis> = set.analyses.iter().collect();
    groups_with(&d, &a, config, embedder())
}

fn f1(set: &Set, stories: &Grouping) -> f64 {
    let predicted: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| s.iter().map(ArticleId::as_str).collect())
        .collect();
    score(&predicted, &set.gold).bcubed.f1
}

/// Bilingual set: (English reports with a Hindi article of their incident in their story,
/// English reports of an incident, look-alikes merged with anything, look-alikes).
fn bilingual(set: &Set, stories: &Grouping) -> (usize, usize, usize, usize) {
    let lang: HashMap<&str, &str> = set
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.language.as_deref().unwrap_or("")))
        .collect();
    let (mut joined, mut reports, mut merged, mut traps) = (0, 0, 0, 0);
    for s in stories {
        for a in s {
            if lang.get(a.as_str()) != Some(&"en") {
                continue;
            }
            let Some(g) = set.gold.get(a.as_str()) else {
                continue;
            };
            if g.starts_with("en-trap") {
                traps += 1;
                if s.len() > 1 {
                    merged += 1;
                }
            } else {
                reports += 1;
                if s.iter().any(|b| {
                    lang.get(b.as_str()) != Some(&"en") && set.gold.get(b.as_str()) == Some(g)
                }) {
                    joined += 1;
                }
            }
        }
    }
    (joined, reports, merged, traps)
}

/// `LINKER_ERRORS=SET`: print the left-out grouping's mixed stories and split gold stories
/// (language, gold label, date, headline), to read what goes wrong.
fn errors(set: &Set, stories: &Grouping) {
    let doc: HashMap<&str, &Document> = set.docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let line = |a: &ArticleId| {
        let d = doc.get(a.as_str());
        format!(
            "    {} [{}] {} {}",
            set.gold.get(a.as_str()).map_or("-", String::as_str),
            d.and_then(|d| d.language.as_deref()).unwrap_or("?"),
            d.and_then(|d| d.published)
                .map_or("undated".into(), |p| p.to_string()),
            d.and_then(|d| d.title.as_deref())
                .unwrap_or("")
                .chars()
                .take(90)
                .collect::<String>()
        )
    };
    let mut parts: HashMap<&str, usize> = HashMap::new();
    let (mut multi, mut mixed) = (0, 0);
    for s in stories {
        if s.len() > 1 {
            multi += 1;
            if std::env::var("LINKER_ERRORS_ALL").is_ok() {
                eprintln!("STORY {multi} of {}:", s.len());
                for a in s {
                    eprintln!("{}", line(a));
                }
            }
        }
        let mut labels: Vec<&str> = s
            .iter()
            .filter_map(|a| set.gold.get(a.as_str()).map(String::as_str))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        for l in &labels {
            *parts.entry(l).or_default() += 1;
        }
        if labels.len() > 1 {
            mixed += 1;
            eprintln!("MIXED story of {}:", s.len());
            for a in s {
                eprintln!("{}", line(a));
            }
        }
    }
    eprintln!(
        "{}: {multi} stories of two or more articles, {mixed} of them mixed",
        set.name
    );
    for s in stories {
        if let Some(l) = s.first().and_then(|a| set.gold.get(a.as_str())) {
            if parts.get(l.as_str()).copied().unwrap_or(0) > 1 {
                eprintln!("SPLIT part of {l} ({} articles):", s.len());
                for a in s {
                    eprintln!("{}", line(a));
                }
            }
        }
    }
}

/// `LINKER_STATS=1`: per set and feature, the share of candidate rows where the feature is
/// non-zero, among rows of the article's own story and among the others (what a feature could
/// tell apart before any model weighs it).
fn stats(sets: &[Set]) {
    for s in sets {
        eprintln!(
            "{}: feature  nonzero|same  nonzero|other  mean|same  mean|other",
            s.name
        );
        for (k, name) in FEATURES.iter().enumerate() {
            let (mut n, mut nz, mut sum) = ([0usize; 2], [0usize; 2], [0f64; 2]);
            for (row, same) in s.rows.iter().flatten() {
                let i = usize::from(!*same);
                n[i] += 1;
                nz[i] += usize::from(row[k] != 0.0);
                sum[i] += f64::from(row[k]);
            }
            let share = |i: usize| nz[i] as f64 / n[i].max(1) as f64;
            let mean = |i: usize| sum[i] / n[i].max(1) as f64;
            eprintln!(
                "  {name:<20} {:.3} {:.3} {:.3} {:.3}",
                share(0),
                share(1),
                mean(0),
                mean(1)
            );
        }
    }
}

fn env_f64(name: &str) -> Option<f64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn fit(sets: &[&Set]) -> Result<Linker, Box<dyn std::error::Error>> {
    // Tuning knobs: `LINKER_ALPHA` (L2 strength), `LINKER_CUT` (a fixed cut instead of the
    // searched one), `LINKER_DROP` (comma-separated features left out: their column is zero).
    let drop: Vec<String> = std::env::var("LINKER_DROP")
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect();
    // Every set weighs alike (a set's rows are repeated up to the largest set's count), so the
    // biggest set does not decide alone; `LINKER_BALANCE=0`: each row once.
    let balance = std::env::var("LINKER_BALANCE").map_or(true, |v| v != "0");
    let rows: Vec<&(Row, bool)> = balanced(
        sets.iter()
            .map(|s| s.rows.iter().flatten().collect())
            .collect(),
        balance,
    );
    let keep: Vec<bool> = FEATURES
        .iter()
        .map(|f| !drop.iter().any(|d| d == f))
        .collect();
    let rows: Vec<(&[f32], bool)> = rows.iter().map(|(r, t)| (&r[..], *t)).collect();
    let (bias, fitted) = logistic_fit(&rows, &keep)?;
    let mut weights = [0.0f32; FEATURES.len()];
    weights.copy_from_slice(&fitted);
    let mut linker = Linker {
        bias,
        weights,
        cut: 0.5,
        start: None,
    };
    // The "start a new story?" decision is a second logistic model on the best candidate,
    // trained on what the first model gives each training article; `LINKER_START=0`: a cut
    // searched on the training sets instead.
    if std::env::var("LINKER_START").map_or(true, |v| v != "0") {
        linker.start = Some(fit_start(sets, &linker, balance)?);
        return Ok(linker);
    }
    if let Some(cut) = env_f64("LINKER_CUT") {
        linker.cut = cut as f32;
        return Ok(linker);
    }
    // The "new story" decision: the cut with the best mean B-cubed F1 over the training sets.
    let mut best = (f64::MIN, 0.5);
    for step in 4..=19 {
        let cut = step as f32 * 0.05;
        let config = Config {
            linker: Some(Linker { cut, ..linker }),
            ..Config::default()
        };
        let mean = sets.iter().map(|s| f1(s, &run(s, &config))).sum::<f64>() / sets.len() as f64;
        if mean > best.0 + 1e-9 {
            best = (mean, cut);
        }
    }
    linker.cut = best.1;
    Ok(linker)
}

/// Each set's rows, every set repeated (when `balance`) up to the largest set's count, so each
/// weighs alike and the biggest set does not decide alone.
fn balanced<T>(per_set: Vec<Vec<T>>, balance: bool) -> Vec<T>
where
    T: Clone,
{
    let most = per_set.iter().map(Vec::len).max().unwrap_or(1);
    per_set
        .into_iter()
        .flat_map(|rows| {
            let times = if balance && !rows.is_empty() {
                (most as f64 / rows.len() as f64).round().max(1.0) as usize
            } else {
                1
            };
            std::iter::repeat_n(rows, times).flatten()
        })
        .collect()
}

/// The "start a new story?" model: for every training article with candidates, the features of
/// its candidates under `pair` ([`start_row`]), labelled true when its most probable candidate
/// is its own story.
fn fit_start(
    sets: &[&Set],
    pair: &Linker,
    balance: bool,
) -> Result<Start, Box<dyn std::error::Error>> {
    let per_set: Vec<Vec<(StartRow, bool)>> = sets
        .iter()
        .map(|s| {
            s.rows
                .iter()
                .filter(|r| !r.is_empty())
                .map(|r| {
                    let scored: Vec<(usize, f32, Row)> = r
                        .iter()
                        .enumerate()
                        .map(|(i, (row, _))| (i, pair.probability(row), *row))
                        .collect();
                    let best = best(&scored).map_or(0, |b| b.0);
                    (start_row(&scored), r[best].1)
                })
                .collect()
        })
        .collect();
    let rows = balanced(per_set, balance);
    let rows: Vec<(&[f32], bool)> = rows.iter().map(|(r, t)| (&r[..], *t)).collect();
    let (bias, fitted) = logistic_fit(&rows, &[true; START_FEATURES.len()])?;
    let mut weights = [0.0f32; START_FEATURES.len()];
    weights.copy_from_slice(&fitted);
    Ok(Start { bias, weights })
}

/// A logistic regression (linfa-logistic, L2 `LINKER_ALPHA`, default 0.1) of the labels on the
/// rows' columns where `keep` is true (the others are zero): the bias and one weight per column,
/// oriented so that the probability is that of `true`.
fn logistic_fit(
    rows: &[(&[f32], bool)],
    keep: &[bool],
) -> Result<(f32, Vec<f32>), Box<dyn std::error::Error>> {
    let mut x = Array2::<f64>::zeros((rows.len(), keep.len()));
    for (i, (r, _)) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            if keep.get(j) == Some(&true) {
                x[[i, j]] = f64::from(*v);
            }
        }
    }
    let y: Array1<bool> = rows.iter().map(|(_, t)| *t).collect();
    let model = LogisticRegression::default()
        .alpha(env_f64("LINKER_ALPHA").unwrap_or(0.1))
        .max_iterations(500)
        .fit(&Dataset::new(x, y))?;
    // linfa's positive class is whichever label it chose as such.
    let sign = if model.labels().pos.class { 1.0 } else { -1.0 };
    let weights = model.params().iter().map(|p| (sign * p) as f32).collect();
    Ok(((sign * model.intercept()) as f32, weights))
}

/// Plain TF-IDF single pass: the body cosine alone against a threshold, tuned on the set itself.
fn baseline(set: &Set) -> (f64, f32) {
    let mut best = (f64::MIN, 0.0);
    for step in 1..=16 {
        let t = step as f32 * 0.05;
        let config = Config {
            linker: None,
            threshold: t,
            threshold_hi: t,
            title_weight: 0.0,
            entity_weight: 0.0,
            fact_bonus: 0.0,
            decay_days: 1e9,
            ..Config::default()
        };
        let d: Vec<&Document> = set.docs.iter().collect();
        let f = f1(set, &groups_with(&d, &[], &config, None));
        if f > best.0 {
            best = (f, t);
        }
    }
    best
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != write.as_ref())
        .ok_or("usage: train_linker DUMP_DIR [--write FILE]")?;
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    if args.iter().any(|a| a == "--texts") {
        // What the encoder reads of each article, `id<TAB>text`, for making the side file.
        for p in &paths {
            for line in std::fs::read_to_string(p)?.lines() {
                let v: serde_json::Value = serde_json::from_str(line)?;
                let doc: Document = serde_json::from_value(v["doc"].clone())?;
                let text = embedding_text(&doc).replace(['\t', '\n'], " ");
                println!("{}\t{text}", doc.id.as_str());
            }
        }
        return Ok(());
    }
    let sets: Vec<Set> = paths.iter().map(|p| load(p)).collect::<Result<_, _>>()?;
    for s in &sets {
        let pos = s.rows.iter().flatten().filter(|(_, t)| *t).count();
        eprintln!(
            "{}: {} articles, {} rows ({} same story)",
            s.name,
            s.docs.len(),
            s.rows.iter().map(Vec::len).sum::<usize>(),
            pos
        );
    }
    if std::env::var("LINKER_STATS").is_ok() {
        stats(&sets);
    }
    let all: Vec<&Set> = sets.iter().collect();
    let full = fit(&all)?;
    println!("| set | hand-set (current) | TF-IDF baseline (own threshold) | learned, in-set | learned, left out (cut) |");
    println!("|---|---|---|---|---|");
    let mut extra = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        let others: Vec<&Set> = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| s)
            .collect();
        let loso = fit(&others)?;
        let hand_stories = run(s, &hand());
        let in_stories = run(
            s,
            &Config {
                linker: Some(full),
                ..Config::default()
            },
        );
        let out_stories = run(
            s,
            &Config {
                linker: Some(loso),
                ..Config::default()
            },
        );
        let (b, t) = if std::env::var("LINKER_NO_BASELINE").is_ok() {
            (0.0, 0.0)
        } else {
            baseline(s)
        };
        println!(
            "| {} | {:.4} | {:.4} (t={t:.2}) | {:.4} | {:.4} ({:.2}) |",
            s.name,
            f1(s, &hand_stories),
            b,
            f1(s, &in_stories),
            f1(s, &out_stories),
            loso.cut
        );
        if std::env::var("LINKER_ERRORS").is_ok_and(|v| v == s.name) {
            errors(s, &out_stories);
        }
        if s.name.starts_with("bilingual") {
            for (what, st) in [
                ("hand-set", &hand_stories),
                ("learned, in-set", &in_stories),
                ("learned, left out", &out_stories),
            ] {
                let (j, r, m, n) = bilingual(s, st);
                extra.push(format!(
                    "{what}: {j}/{r} English reports with their Hindi incident; {m}/{n} look-alikes merged"
                ));
            }
        }
    }
    for e in extra {
        println!("\n{e}");
    }
    println!("\nModel trained on every set:\n```\n{}```", full.to_tsv());
    if let Some(path) = write {
        let head = "# The story linker: logistic weights over khabar_story::linker::FEATURES and the\n\
                    # joining cut. Generated by `cargo run --release -p khabar-story --example\n\
                    # train_linker -- DUMP_DIR --write crates/story/model/linker.tsv` from the\n\
                    # development sets in ../shared/data/stories (see that example). Do not edit.\n";
        let head = match std::env::var("LINKER_EMBEDDINGS") {
            Ok(_) => format!(
                "{head}# Trained with the sentence encoder's columns (LINKER_EMBEDDINGS: multilingual-e5-small\n\
                 # vectors of linker::embedding_text); for use with an encoder only.\n"
            ),
            Err(_) => head.to_string(),
        };
        std::fs::write(&path, format!("{head}{}", full.to_tsv()))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
