//! Rebuilds the shipped Hindi NER model (ignored by default: it trains for about a minute in a
//! release build). Run with
//! `cargo test --release -p khabar-analyze --test ner_train -- --ignored --nocapture`.

use khabar_analyze::ner::{eval_conll, train_from_files_with, Model};
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
    // The unlabelled development news read as silver sentences (data/ner/silver-sources.txt).
    let Some((texts, held)) = silver_texts() else {
        eprintln!("skipped: the silver texts of data/ner/silver-sources.txt are absent");
        return;
    };
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let held: Vec<&str> = held.iter().map(String::as_str).collect();
    let report = train_from_files_with(
        &shared.join("train.txt"),
        Some(&shared.join("dev.txt")),
        Path::new(&out),
        &texts,
        &held,
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
    // `KHABAR_NER_BASELINE=PATH`: this model and the one at PATH, alternately, three rounds
    // each (CPU time of this thread, so that the two share the machine's load).
    if let Ok(base) = std::env::var("KHABAR_NER_BASELINE") {
        let old = Model::load(Path::new(&base)).unwrap();
        let rate = |m: &Model| {
            let cpu0 = thread_cpu_ns();
            let mut n = 0usize;
            for s in &sentences {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                n += toks.len();
                std::hint::black_box(m.tag(&toks));
            }
            let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
            cpu.map_or(0.0, |c| n as f64 / c)
        };
        for round in 1..=3 {
            let (new_rate, old_rate) = (rate(&model), rate(&old));
            println!(
                "round {round}: shipped {new_rate:.0} tokens/s per core, baseline {old_rate:.0} ({:.3}x)",
                new_rate / old_rate
            );
        }
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

/// Trains on IL-NER train only and prints the dev scores per type (for trying features: the
/// test set is never looked at). `KHABAR_NER_EPOCHS` sets the number of passes (default 20).
/// `cargo test --release -p khabar-analyze --test ner_train dev_experiment -- --ignored --nocapture`
#[test]
#[ignore]
fn dev_experiment() {
    use khabar_analyze::ner::{eval_sentences, il_ner_kind, kb_names, read_conll, TrainConfig};
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi"
    ));
    let (Ok(train), Ok(dev)) = (
        std::fs::read_to_string(shared.join("train.txt")),
        std::fs::read_to_string(shared.join("dev.txt")),
    ) else {
        eprintln!("skipped: IL-NER is absent");
        return;
    };
    let (train, dev) = (read_conll(&train), read_conll(&dev));
    let epochs = std::env::var("KHABAR_NER_EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(20);
    let seeds: u64 = std::env::var("KHABAR_NER_SEEDS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(1);
    let names = kb_names().unwrap();
    let margin: f32 = std::env::var("KHABAR_NER_MARGIN")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0.0);
    let mut mean = 0.0;
    for seed in 1..seeds {
        let cfg = TrainConfig {
            epochs,
            seed: seed * 0x9E37_79B9,
            margin,
            ..Default::default()
        };
        let (m, _, best) = Model::train_full(&train, Some(&dev), &cfg, &il_ner_kind, None, &names);
        let r = eval_sentences(&dev, &il_ner_kind, &m, None);
        println!(
            "seed {seed}: best epoch {best}, dev micro {:.3}",
            r.micro.f1
        );
        mean += r.micro.f1;
    }
    let cfg = TrainConfig {
        epochs,
        margin,
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let (m, scores, best) = Model::train_full(&train, Some(&dev), &cfg, &il_ner_kind, None, &names);
    let r = eval_sentences(&dev, &il_ner_kind, &m, None);
    mean += r.micro.f1;
    println!(
        "DEV mean micro over {seeds} seeds: {:.4}",
        mean / seeds as f64
    );
    for block in [5, 10, 20, 50] {
        let d = khabar_analyze::ner::eval_documents(&dev, &il_ner_kind, &m, block);
        println!(
            "DEV documents of {block} sentences: micro {:.3} / {:.3} / {:.3}; person {:.3} place {:.3} organisation {:.3}",
            d.micro.precision,
            d.micro.recall,
            d.micro.f1,
            d.per_type["person"].f1,
            d.per_type["place"].f1,
            d.per_type["organisation"].f1
        );
    }
    println!(
        "dev by epoch {:?}",
        scores
            .iter()
            .map(|x| (x * 1000.0).round() / 1000.0)
            .collect::<Vec<_>>()
    );
    println!(
        "best epoch {best}; o_bias {}; {} features; {:.0}s",
        m.o_bias(),
        m.n_features(),
        started.elapsed().as_secs_f64()
    );
    let f = |s: &khabar_analyze::ner::Scores| {
        format!("{:.3} / {:.3} / {:.3}", s.precision, s.recall, s.f1)
    };
    println!("DEV micro {}", f(&r.micro));
    for (k, s) in &r.per_type {
        println!("DEV {k} {}", f(s));
    }
}

/// Learns the word clusters shipped in `data/ner/hi-clusters.tsv` from unlabelled Hindi: the
/// words of IL-NER train and dev (labels ignored; never test), the Hindi web articles and the
/// Hindi story sets of `../shared/data` (only the derived clusters ship, never the texts).
/// `cargo test --release -p khabar-analyze --test ner_train build_clusters -- --ignored --nocapture`
#[test]
#[ignore]
fn build_clusters() {
    use khabar_analyze::ner::clusters::{clusters_to_tsv, learn_clusters, ClusterConfig};
    use khabar_analyze::ner::{read_conll, tokenize};
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if !data.exists() {
        eprintln!("skipped: {} is absent", data.display());
        return;
    }
    let mut sents: Vec<Vec<String>> = Vec::new();
    for f in ["train.txt", "dev.txt"] {
        let text = std::fs::read_to_string(data.join("ner/il-ner-hindi").join(f)).unwrap();
        sents.extend(read_conll(&text).into_iter().map(|s| s.tokens));
    }
    let conll = sents.len();
    let mut add_text = |text: &str| {
        for line in text.lines() {
            let toks: Vec<String> = tokenize(line)
                .into_iter()
                .map(|t| t.1.to_string())
                .collect();
            if toks.len() >= 3 {
                sents.push(toks);
            }
        }
    };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(data.join("hindi-news/webcorpus"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|outlet| {
            std::fs::read_dir(outlet.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in &files {
        if let Ok(t) = std::fs::read_to_string(f) {
            add_text(&t);
        }
    }
    let mut stories: Vec<std::path::PathBuf> = std::fs::read_dir(data.join("stories"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with("hindi-") && n.ends_with(".jsonl")
        })
        .collect();
    stories.sort();
    for f in &stories {
        for line in std::fs::read_to_string(f).unwrap_or_default().lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    add_text(t);
                }
            }
        }
    }
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let started = std::time::Instant::now();
    let cl = learn_clusters(&sents, &ClusterConfig::default());
    println!(
        "{} sentences ({conll} from IL-NER, {} web files, {} story files), {tokens} tokens: {} words clustered in {:.1}s",
        sents.len(),
        files.len(),
        stories.len(),
        cl.len(),
        started.elapsed().as_secs_f64()
    );
    let out = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/ner/hi-clusters.tsv"
    );
    std::fs::write(out, clusters_to_tsv(&cl)).unwrap();
}

/// The unlabelled development texts of `data/ner/silver-sources.txt` (paths under
/// `../shared/data`; a `.jsonl` file gives each line's `text`) and the held-back pages it names
/// (lines starting with `!`), or `None` when absent.
fn silver_texts() -> Option<(Vec<String>, Vec<String>)> {
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    let list = include_str!("../../../data/ner/silver-sources.txt");
    let (mut texts, mut held) = (Vec::new(), Vec::new());
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (rel, out) = match line.strip_prefix('!') {
            Some(rel) => (rel, &mut held),
            None => (line, &mut texts),
        };
        let text = std::fs::read_to_string(data.join(rel)).ok()?;
        if rel.ends_with(".jsonl") {
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).ok()?;
                out.push(v.get("text")?.as_str()?.to_string());
            }
        } else {
            out.push(text);
        }
    }
    Some((texts, held))
}

/// Silver sentences beside IL-NER train, on IL-NER dev only (the shipped configuration: 30
/// passes, margin 1, passes and bias chosen on dev). `KHABAR_NER_SILVER_WEIGHTS` lists the
/// weights to try (default `0,0.5`; 0 trains without silver sentences), `KHABAR_NER_SEED` the
/// shuffling seed.
/// `cargo test --release -p khabar-analyze --test ner_train silver_experiment -- --ignored --nocapture`
#[test]
#[ignore]
fn silver_experiment() {
    use khabar_analyze::ner::{
        eval_sentences, il_ner_kind, kb_names, read_conll, silver_sentences, TrainConfig,
    };
    let shared = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi"
    ));
    let (Ok(train), Ok(dev), Some((texts, held))) = (
        std::fs::read_to_string(shared.join("train.txt")),
        std::fs::read_to_string(shared.join("dev.txt")),
        silver_texts(),
    ) else {
        eprintln!("skipped: IL-NER or the silver texts are absent");
        return;
    };
    let (train, dev) = (read_conll(&train), read_conll(&dev));
    let names = kb_names().unwrap();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let held: Vec<&str> = held.iter().map(String::as_str).collect();
    let silver = silver_sentences(&refs, &held, &names, &train, &il_ner_kind);
    let marked: usize = silver.iter().map(|s| s.spans.len()).sum();
    let tokens: usize = silver.iter().map(|s| s.tokens.len()).sum();
    println!(
        "silver: {} texts, {} sentences, {tokens} tokens, {marked} names marked",
        texts.len(),
        silver.len()
    );
    for s in silver.iter().take(15) {
        let marks: Vec<String> = s
            .spans
            .iter()
            .map(|&(a, b, k)| format!("{}:{}", s.tokens[a..b].join(" "), k.as_str()))
            .collect();
        println!("  {}", marks.join(" / "));
    }
    let weights = std::env::var("KHABAR_NER_SILVER_WEIGHTS").unwrap_or_else(|_| "0,0.5".into());
    for w in weights
        .split(',')
        .filter_map(|w| w.trim().parse::<f32>().ok())
    {
        let started = std::time::Instant::now();
        let mut cfg = TrainConfig {
            silver: if w > 0.0 { silver.clone() } else { Vec::new() },
            silver_weight: w,
            ..Default::default()
        };
        if let Some(seed) = std::env::var("KHABAR_NER_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
        {
            cfg.seed = seed;
        }
        let (m, _, best) = Model::train_full(&train, Some(&dev), &cfg, &il_ner_kind, None, &names);
        let r = eval_sentences(&dev, &il_ner_kind, &m, None);
        let f = |s: &khabar_analyze::ner::Scores| {
            format!("{:.3} / {:.3} / {:.3}", s.precision, s.recall, s.f1)
        };
        println!(
            "weight {w}: best pass {best}, o_bias {}, {:.0}s; DEV micro {}; person {}; place {}; organisation {}",
            m.o_bias(),
            started.elapsed().as_secs_f64(),
            f(&r.micro),
            f(&r.per_type["person"]),
            f(&r.per_type["place"]),
            f(&r.per_type["organisation"])
        );
    }
}
