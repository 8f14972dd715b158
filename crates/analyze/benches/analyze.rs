//! Articles per second of the whole per-article analysis ([`Analyzer::analyze`]: sentences,
//! dates, entity linking with NER, quantities, quotes and events) on the webcorpus (108 Hindi
//! pages), with documents built once by `khabar_ingest`; plus `build_document` on its own.
//!
//! `cargo bench -p khabar-analyze --bench analyze`. The corpus is read from
//! `../shared/data/hindi-news/webcorpus/*/*` (or `$KHABAR_WEBCORPUS`); without it a built-in
//! sample is used and a note is printed.
//!
//! Profiling: `KHABAR_PROFILE_ONCE=1 valgrind --tool=callgrind <bench binary> --bench` analyses
//! every document once (after building them) and exits without criterion, so instruction
//! counts are deterministic (`=2`: twice, to see the cost of a pass with warm caches).
//! `KHABAR_DUMP=<file>` writes the analyses as JSON lines instead (to diff two versions).

use criterion::{criterion_group, Criterion, Throughput};
use khabar_analyze::Analyzer;
use khabar_ingest::{build_document, RawArticle};
use khabar_model::Document;
use std::hint::black_box;
use std::path::{Path, PathBuf};

const SAMPLE: &str =
    "शनिवार को, कज़ाख़स्तान के राष्ट्रपति टोकायव ने पुतिन को फोन किया। अभी तक करीब आठ हजार लोग \
गिरफ्तार किए गए हैं। आगामी दंगों में 20 कज़ाख सुरक्षाकर्मी मारे गए। पुतिन ने कहा, \"हम सफल रहे।\"\n\n\
Police said 8,000 people were detained, according to officials.\n";

/// The raw articles of the webcorpus, in path order.
fn raw_articles() -> Vec<RawArticle> {
    let dir = match std::env::var_os("KHABAR_WEBCORPUS") {
        Some(d) => PathBuf::from(d),
        None => {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/hindi-news/webcorpus")
        }
    };
    let mut files = Vec::new();
    if let Ok(sites) = std::fs::read_dir(&dir) {
        for site in sites.flatten() {
            if let Ok(entries) = std::fs::read_dir(site.path()) {
                files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
            }
        }
    }
    files.sort();
    let mut raws = Vec::new();
    for f in &files {
        khabar_ingest::read_file(f, &mut |r| {
            if let Ok(raw) = r {
                raws.push(raw);
            }
        });
    }
    if raws.is_empty() {
        println!("note: webcorpus not found (set KHABAR_WEBCORPUS); using a built-in sample x20");
        let dir = std::env::temp_dir().join(format!("khabar-bench-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("sample.txt");
        if std::fs::write(&path, SAMPLE.repeat(20)).is_ok() {
            khabar_ingest::read_file(&path, &mut |r| {
                if let Ok(raw) = r {
                    raws.push(raw);
                }
            });
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    raws
}

fn documents(raws: &[RawArticle]) -> Vec<Document> {
    raws.iter()
        .filter_map(|r| build_document(r.clone()).ok())
        .collect()
}

fn analyze_all(analyzer: &Analyzer, docs: &[Document]) -> usize {
    let mut n = 0;
    for d in docs {
        let a = analyzer.analyze(d);
        n += a.sentences.len()
            + a.dates.len()
            + a.mentions.len()
            + a.quantities.len()
            + a.quotes.len()
            + a.events.len();
    }
    n
}

fn bench(c: &mut Criterion) {
    let raws = raw_articles();
    let docs = documents(&raws);
    let analyzer = Analyzer::new().expect("analyzer");
    let dated = docs.iter().filter(|d| d.published.is_some()).count();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "{} documents ({} with a publication time), {} bytes of clean text",
        docs.len(),
        dated,
        bytes
    );
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("Analyzer::analyze per article", |b| {
        b.iter(|| black_box(analyze_all(&analyzer, &docs)))
    });
    g.bench_function("build_document per article", |b| {
        b.iter(|| black_box(documents(&raws).len()))
    });
    g.finish();
}

fn profile_once() -> bool {
    if std::env::var_os("KHABAR_PROFILE_ONCE").is_none() {
        return false;
    }
    let docs = documents(&raw_articles());
    let analyzer = Analyzer::new().expect("analyzer");
    // KHABAR_PROFILE_ONCE=2 analyses the corpus twice: the difference from one pass is the cost
    // of a pass with the cross-article caches warm.
    let passes: usize = std::env::var("KHABAR_PROFILE_ONCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut n = 0;
    for _ in 0..passes.max(1) {
        n = analyze_all(&analyzer, &docs);
    }
    println!("{} documents analysed {passes}x, {n} items", docs.len());
    true
}

/// `KHABAR_DUMP=<file>`: writes every document's analysis as one JSON line and exits (to
/// compare the output of two versions of the code: it must not change when only speed does).
fn dump() -> bool {
    let Some(path) = std::env::var_os("KHABAR_DUMP") else {
        return false;
    };
    let docs = documents(&raw_articles());
    let analyzer = Analyzer::new().expect("analyzer");
    let mut out = String::new();
    for d in &docs {
        let a = analyzer.analyze(d);
        out.push_str(&serde_json::to_string(&a).expect("analysis serialises"));
        out.push('\n');
    }
    std::fs::write(&path, out).expect("write the dump");
    println!("{} analyses written", docs.len());
    true
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}

fn main() {
    if profile_once() || dump() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
