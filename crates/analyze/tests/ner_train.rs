//! Rebuilds the shipped Hindi NER model (ignored by default: it trains for about a minute in a
//! release build). Run with
//! `cargo test --release -p khabar-analyze --test ner_train -- --ignored --nocapture`.

use khabar_analyze::ner::{eval_conll, train_from_files, Model};
use std::path::Path;

#[test]
#[ignore]
fn rebuild_shipped_model() {
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi"
    ));
    if !shared.exists() {
        eprintln!("skipped: {} is absent", shared.display());
        return;
    }
    let out = std::env::var("KHABAR_NER_OUT").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ner/hi-ner.bin").to_string()
    });
    let report = train_from_files(
        &shared.join("train.txt"),
        Some(&shared.join("dev.txt")),
        Path::new(&out),
    )
    .unwrap();
    println!("dev F1 by epoch: {:?}", report.dev_f1_by_epoch);
    println!(
        "best epoch {} of {}; {} features; {} bytes; {:.1}s",
        report.best_epoch, report.epochs, report.features, report.model_bytes, report.seconds
    );
    if let Some(d) = &report.dev {
        println!("dev (train-only model): micro {:?}", d.micro);
        for (k, s) in &d.per_type {
            println!("  {k}: {s:?}");
        }
    }
    let model = Model::load(Path::new(&out)).unwrap();
    let test = std::fs::read_to_string(shared.join("test.txt")).unwrap();
    let r = eval_conll(&test, None, &model).unwrap();
    println!("test (shipped model): micro {:?}", r.micro);
    for (k, s) in &r.per_type {
        println!("  {k}: {s:?}");
    }
}
