//! Extraction benchmarks on `../shared/data/extraction` (skipped when absent).
//!
//! `cargo test -p khabar-ingest --release --test html_eval -- --ignored --nocapture` prints the
//! full reports; `KHABAR_EVAL_DETAILS=1` adds per-page scores. The non-ignored test runs a
//! small slice and guards against regressions.

use khabar_ingest::eval::eval_extract_with;
use khabar_ingest::html::DefaultExtractor;
use std::path::PathBuf;

fn data(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction"
    ))
    .join(name);
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipping: {} is absent", p.display());
        None
    }
}

#[test]
#[ignore = "full benchmark run; use --ignored"]
fn full_benchmarks() {
    let details = std::env::var("KHABAR_EVAL_DETAILS").is_ok();
    for name in ["scrapinghub", "wcxb-dev-articles"] {
        let Some(dir) = data(name) else { continue };
        let r = eval_extract_with(&dir, &DefaultExtractor, details).expect("eval");
        println!("{}", serde_json::to_string(&r).expect("json"));
    }
}

#[test]
fn scrapinghub_floor() {
    let Some(dir) = data("scrapinghub") else {
        return;
    };
    let r = eval_extract_with(&dir, &DefaultExtractor, false).expect("eval");
    assert_eq!(r.pages, 181);
    assert!(r.f1 > 0.95, "ScrapingHub F1 fell to {:.3}", r.f1);
}

#[test]
fn external_texts_are_scored_like_the_eval() {
    let Some(dir) = data("scrapinghub") else {
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json")).expect("gold"),
    )
    .expect("json");
    let texts: std::collections::HashMap<String, String> = gold
        .as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), v["articleBody"].as_str().unwrap_or("").into()))
        .collect();
    let s = khabar_ingest::eval::score_texts(&dir, &texts).expect("score");
    assert_eq!(s.pages, 181);
    assert!(s.f1 > 0.999, "gold scored against itself: {}", s.f1);
    let none = khabar_ingest::eval::score_texts(&dir, &Default::default()).expect("score");
    assert_eq!(none.f1, 0.0);
    assert_eq!(none.per_page.len(), 181);
}
