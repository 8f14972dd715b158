//! Development driver: cluster a JSONL file of articles with gold `story` labels and print
//! B-cubed and pairwise scores.
//!
//! ```text
//! cargo run -p khabar-story --example eval_stories -- ../shared/data/stories/basil.jsonl [--json] [--errors]
//! ```
//!
//! Documents are built the way the real pipeline builds them (`khabar_ingest::jsonl::parse_line`
//! and `build_document`, then `Analyzer::analyze`). Gold labels are read apart and never seen by
//! the clustering. Tunables can be overridden from the environment for tuning runs:
//! `STORY_THRESHOLD`, `STORY_DECAY_DAYS`, `STORY_WINDOW_DAYS`, `STORY_TITLE_WEIGHT`,
//! `STORY_ENTITY_WEIGHT`, `STORY_FACT_BONUS`, `STORY_IDF_PRIOR`, `STORY_YEAR_CONFLICT`,
//! `STORY_LINKAGE`, `STORY_VECTOR_TERMS`, `STORY_THRESHOLD_HI`.

use khabar_model::{Analysis, ArticleId, Document};
use khabar_story::{cluster, score, Config};
use std::collections::HashMap;

fn env_f32(name: &str) -> Option<f32> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn config_from_env() -> Config {
    let mut c = Config::default();
    if let Some(v) = env_f32("STORY_THRESHOLD") {
        c.threshold = v;
    }
    if let Some(v) = env_f32("STORY_DECAY_DAYS") {
        c.decay_days = v;
    }
    if let Some(v) = env_f32("STORY_WINDOW_DAYS") {
        c.window_days = v as i64;
    }
    if let Some(v) = env_f32("STORY_TITLE_WEIGHT") {
        c.title_weight = v;
    }
    if let Some(v) = env_f32("STORY_ENTITY_WEIGHT") {
        c.entity_weight = v;
    }
    if let Some(v) = env_f32("STORY_FACT_BONUS") {
        c.fact_bonus = v;
    }
    if let Some(v) = env_f32("STORY_IDF_PRIOR") {
        c.idf_prior = v;
    }
    if let Some(v) = env_f32("STORY_YEAR_CONFLICT") {
        c.year_conflict = v;
    }
    if let Some(v) = env_f32("STORY_LINKAGE") {
        c.linkage = v;
    }
    if let Some(v) = env_f32("STORY_VECTOR_TERMS") {
        c.vector_terms = v as usize;
    }
    if let Some(v) = env_f32("STORY_THRESHOLD_HI") {
        c.threshold_hi = v;
    }
    c
}

/// A document straight from a JSONL record's fields, for records ingest rejects for having no
/// body apart from the headline.
fn short_document(line: &str) -> Option<Document> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let id = s("id")?;
    let text = s("text")
        .filter(|t| !t.trim().is_empty())
        .or_else(|| s("title"))?;
    let text = text.trim().to_string();
    Some(Document {
        id: ArticleId(id.clone()),
        source: String::new(),
        url: s("url"),
        outlet: s("outlet"),
        title: s("title"),
        author: None,
        authors: vec![],
        published: s("date").and_then(|d| khabar_model::PubTime::parse(&d).ok()),
        updated: None,
        language: s("language").or_else(|| khabar_ingest::lang::detect(&text)),
        dateline: None,
        paragraphs: vec![khabar_model::Span::new(0, text.len())],
        fingerprint: khabar_ingest::fingerprint(&text),
        text,
        captions: vec![],
        dropped: vec![],
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let show_errors = args.iter().any(|a| a == "--errors");
    let analyze = !args.iter().any(|a| a == "--no-analysis");
    let config = config_from_env();
    let analyzer = khabar_analyze::Analyzer::new()?;
    let dump_dir = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .cloned();
    for path in args
        .iter()
        .filter(|a| !a.starts_with("--") && Some(*a) != dump_dir.as_ref())
    {
        let text = std::fs::read_to_string(path)?;
        let mut docs: Vec<(Document, Option<Analysis>)> = Vec::new();
        let mut gold: HashMap<String, String> = HashMap::new();
        let mut short = 0usize;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let label = serde_json::from_str::<serde_json::Value>(line)?
                .get("story")
                .and_then(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .or_else(|| v.as_i64().map(|i| i.to_string()))
                });
            let raw = khabar_ingest::jsonl::parse_line(line, path, n + 1)?;
            let doc = match khabar_ingest::build_document(raw) {
                Ok(d) => d,
                // Ingest drops a record whose whole text is its headline (one-sentence reports,
                // as in ECB+). For clustering they still count: keep them with the headline as
                // their text, so they are scored (as the misses they may be), not left out.
                Err(e) => match short_document(line) {
                    Some(d) => {
                        short += 1;
                        d
                    }
                    None => {
                        eprintln!("skipped: {e}");
                        continue;
                    }
                },
            };
            if let Some(l) = label {
                gold.insert(doc.id.0.clone(), l);
            }
            let a = analyze.then(|| analyzer.analyze(&doc));
            docs.push((doc, a));
        }
        // `--dump DIR`: write the built documents, analyses and gold labels as JSONL for offline runs.
        if let Some(dir) = args
            .iter()
            .position(|a| a == "--dump")
            .and_then(|i| args.get(i + 1))
        {
            let name = std::path::Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let mut out = String::new();
            for (d, a) in &docs {
                let g = gold.get(d.id.as_str());
                out.push_str(&serde_json::to_string(
                    &serde_json::json!({"doc": d, "analysis": a, "gold": g}),
                )?);
                out.push('\n');
            }
            std::fs::write(std::path::Path::new(dir).join(name), out)?;
            continue;
        }
        if short > 0 {
            eprintln!(
                "{path}: {short} records kept with their headline as text (ingest finds no body)"
            );
        }
        let refs: Vec<&Document> = docs.iter().map(|(d, _)| d).collect();
        let analyses: Vec<&Analysis> = docs.iter().filter_map(|(_, a)| a.as_ref()).collect();
        // Tuning: `STORY_THRESHOLDS="0.2 0.25 0.3"` scores each threshold in one run.
        if let Ok(list) = std::env::var("STORY_THRESHOLDS") {
            for t in list
                .split_whitespace()
                .filter_map(|v| v.parse::<f32>().ok())
            {
                let c = Config {
                    threshold: t,
                    ..config
                };
                let stories = cluster(&refs, &analyses, &c);
                let predicted: Vec<Vec<&str>> = stories
                    .iter()
                    .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
                    .collect();
                let r = score(&predicted, &gold);
                println!(
                    "{path} t={t:.3}: pred {} | B3 P {:.4} R {:.4} F1 {:.4} | pw F1 {:.4}",
                    r.predicted_stories,
                    r.bcubed.precision,
                    r.bcubed.recall,
                    r.bcubed.f1,
                    r.pairwise.f1
                );
            }
            continue;
        }
        let started = std::time::Instant::now();
        let stories = cluster(&refs, &analyses, &config);
        let elapsed = started.elapsed();
        let predicted: Vec<Vec<&str>> = stories
            .iter()
            .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
            .collect();
        let report = score(&predicted, &gold);
        if json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            let copies: usize = stories
                .iter()
                .map(|s| s.copies.iter().map(|c| c.copies.len()).sum::<usize>())
                .sum();
            println!(
                "{path}: {} articles, {} gold, {} predicted, {copies} copies | B3 P {:.4} R {:.4} F1 {:.4} | pairwise P {:.4} R {:.4} F1 {:.4} | {:.0} ms",
                report.articles,
                report.gold_stories,
                report.predicted_stories,
                report.bcubed.precision,
                report.bcubed.recall,
                report.bcubed.f1,
                report.pairwise.precision,
                report.pairwise.recall,
                report.pairwise.f1,
                elapsed.as_secs_f64() * 1000.0
            );
        }
        if show_errors {
            let title: HashMap<&str, &str> = docs
                .iter()
                .map(|(d, _)| (d.id.as_str(), d.title.as_deref().unwrap_or("")))
                .collect();
            for s in &stories {
                let labels: Vec<&str> = s
                    .articles
                    .iter()
                    .filter_map(|a| gold.get(a.as_str()).map(String::as_str))
                    .collect();
                let mut distinct = labels.clone();
                distinct.sort();
                distinct.dedup();
                if distinct.len() > 1 {
                    println!("MERGED {:?}", distinct);
                    for a in &s.articles {
                        println!(
                            "    {} [{}] {}",
                            a,
                            gold.get(a.as_str()).map_or("-", String::as_str),
                            title[a.as_str()]
                        );
                    }
                }
            }
            let mut story_of: HashMap<&str, usize> = HashMap::new();
            for (k, s) in stories.iter().enumerate() {
                for a in &s.articles {
                    story_of.insert(a.as_str(), k);
                }
            }
            let mut by_gold: HashMap<&str, Vec<&str>> = HashMap::new();
            for (a, g) in &gold {
                by_gold.entry(g.as_str()).or_default().push(a.as_str());
            }
            let mut split: Vec<(&str, Vec<&str>)> = by_gold.into_iter().collect();
            split.sort();
            for (g, mut arts) in split {
                arts.sort_by_key(|a| story_of.get(a).copied());
                let mut ks: Vec<usize> = arts
                    .iter()
                    .filter_map(|a| story_of.get(a).copied())
                    .collect();
                ks.dedup();
                if ks.len() > 1 {
                    println!("SPLIT {g}");
                    for a in arts {
                        println!(
                            "    {} (story {}) {}",
                            a,
                            story_of.get(a).copied().unwrap_or(usize::MAX),
                            title[a]
                        );
                    }
                }
            }
        }
    }
    Ok(())
}
