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
    println!("o_bias {}", model.o_bias());
    let test = std::fs::read_to_string(shared.join("test.txt")).unwrap();
    let r = eval_conll(&test, None, &model).unwrap();
    println!("test (shipped model): micro {:?}", r.micro);
    for (k, s) in &r.per_type {
        println!("  {k}: {s:?}");
    }
}

#[test]
#[ignore]
fn show_dev_errors() {
    use khabar_analyze::ner::{chunks, read_conll, Tag};
    use khabar_model::EntityKind;
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi"
    ));
    let Ok(text) = std::fs::read_to_string(shared.join("dev.txt")) else {
        return;
    };
    let train = read_conll(&std::fs::read_to_string(shared.join("train.txt")).unwrap());
    let names = khabar_analyze::ner::kb_names().unwrap();
    let cfg = khabar_analyze::ner::TrainConfig {
        epochs: 15,
        ..Default::default()
    };
    let (m, _, _) = Model::train_full(
        &train,
        None,
        &cfg,
        &khabar_analyze::ner::il_ner_kind,
        None,
        &names,
    );
    for s in read_conll(&text).iter() {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let gold: Vec<Tag> = s
            .tags
            .iter()
            .map(|t| {
                let k = match t.get(2..) {
                    Some("NEP") => Some(EntityKind::Person),
                    Some("NEL") => Some(EntityKind::Place),
                    Some("NEO") => Some(EntityKind::Organisation),
                    _ => None,
                };
                match k {
                    None => Tag::O,
                    Some(k) if t.starts_with("B-") => Tag::B(k),
                    Some(k) => Tag::I(k),
                }
            })
            .collect();
        let g = chunks(&gold);
        let p = chunks(&m.tag(&toks));
        let show = |c: &(usize, usize, EntityKind)| {
            format!("{}:{}", toks[c.0..c.1].join(" "), c.2.as_str())
        };
        let missed: Vec<String> = g.iter().filter(|c| !p.contains(c)).map(show).collect();
        let wrong: Vec<String> = p.iter().filter(|c| !g.contains(c)).map(show).collect();
        if !missed.is_empty() || !wrong.is_empty() {
            println!("MISSED {} WRONG {}", missed.join(" / "), wrong.join(" / "));
        }
    }
}

/// Tagging speed of the shipped model on IL-NER test, one thread. Run in a release build:
/// `cargo test --release -p khabar-analyze --test ner_train speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi"
    ));
    let Ok(text) = std::fs::read_to_string(shared.join("test.txt")) else {
        eprintln!("skipped: IL-NER test is absent");
        return;
    };
    let sentences = khabar_analyze::ner::read_conll(&text);
    let model = Model::embedded().unwrap();
    let mut tokens = 0usize;
    let mut mentions = 0usize;
    let cpu0 = thread_cpu_ns();
    let started = std::time::Instant::now();
    for _ in 0..5 {
        for s in &sentences {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            tokens += toks.len();
            mentions += model
                .tag(&toks)
                .iter()
                .filter(|t| t.kind().is_some())
                .count();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
    println!(
        "tag: {tokens} tokens in {secs:.2}s wall = {:.0} tokens/s",
        tokens as f64 / secs
    );
    if let Some(cpu) = cpu {
        println!(
            "tag: {cpu:.2}s on the CPU = {:.0} tokens/s per core ({mentions} tagged)",
            tokens as f64 / cpu
        );
    }
    let raw: Vec<String> = sentences.iter().map(|s| s.tokens.join(" ")).collect();
    let joined = raw.join("\n");
    let started = std::time::Instant::now();
    let n = model.spans(&joined).len();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "spans: {} bytes in {secs:.2}s = {:.0} tokens/s ({n} mentions)",
        joined.len(),
        (tokens / 5) as f64 / secs
    );
}

/// This thread's time on the CPU (Linux), so that a busy machine does not distort the figure.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
