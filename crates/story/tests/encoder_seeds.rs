//! The seed story with the sentence encoder (feature `encoder`, model file in
//! `KHABAR_E5_MODEL`; skipped with a printed reason otherwise): the Hindi seeds and the
//! English reports of `../shared/gold/seed-english.jsonl` are still one story of four with the
//! encoder's model (`model/linker-e5.tsv`).
#![cfg(feature = "encoder")]

use khabar_model::{Analysis, Document};
use khabar_story::linker::E5;
use khabar_story::{cluster_with, Config, Linker};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seeds");
const ENGLISH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/gold/seed-english.jsonl"
);

fn read(paths: &[PathBuf]) -> Vec<Document> {
    let mut docs = Vec::new();
    for p in paths {
        khabar_ingest::read_file(p, &mut |r| {
            let raw = r.expect("seed reads");
            docs.push(khabar_ingest::build_document(raw).expect("seed builds"));
        });
    }
    docs
}

#[test]
fn seeds_are_one_story_of_four_with_the_encoder() {
    let Some(model) = std::env::var_os("KHABAR_E5_MODEL").map(PathBuf::from) else {
        eprintln!("skipped: KHABAR_E5_MODEL (the e5-small-q4.bin model file) is not set");
        return;
    };
    if !Path::new(ENGLISH).exists() {
        eprintln!("skipped: {ENGLISH} is absent");
        return;
    }
    let Ok(rd) = std::fs::read_dir(SEEDS) else {
        eprintln!("skipped: {SEEDS} is absent");
        return;
    };
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.push(PathBuf::from(ENGLISH));
    let docs = read(&paths);
    let analyzer = khabar_analyze::Analyzer::new().expect("analyzer");
    let analyses: Vec<Analysis> = docs.iter().map(|d| analyzer.analyze(d)).collect();
    let d: Vec<&Document> = docs.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let encoder = Arc::new(khabar_encoder::Encoder::load(&model).expect("model loads"));
    let config = Config {
        linker: Linker::shipped_with_encoder(),
        ..Config::default()
    };
    let stories = cluster_with(&d, &a, &config, Some(Box::new(E5(encoder))));
    let sizes: Vec<usize> = stories.iter().map(|s| s.articles.len()).collect();
    assert_eq!(docs.len(), 4, "the Hindi seeds and the English reports");
    assert_eq!(sizes, vec![4], "one story of four: {sizes:?}");
}
