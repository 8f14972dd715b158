//! Articles per second of the per-article reading that fact extraction needs, on the webcorpus
//! (108 Hindi pages): sentence split + date resolution + quantities, quotes and events.
//! Entity linking is not included (it lives in `entities/`; add it here once it lands).
//!
//! `cargo bench -p khabar-analyze --bench facts`. The corpus is read from
//! `../shared/data/hindi-news/webcorpus/*/*` (or `$KHABAR_WEBCORPUS`); without it a built-in
//! sample is used and a note is printed.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar_analyze::facts::FactExtractor;
use khabar_model::Sentence;
use std::hint::black_box;
use std::path::{Path, PathBuf};

const SAMPLE: &str =
    "शनिवार को, कज़ाख़स्तान के राष्ट्रपति टोकायव ने पुतिन को फोन किया। अभी तक करीब आठ हजार लोग \
गिरफ्तार किए गए हैं। आगामी दंगों में 20 कज़ाख सुरक्षाकर्मी मारे गए। पुतिन ने कहा, \"हम सफल रहे।\"\n\n\
Police said 8,000 people were detained, according to officials.\n";

fn corpus() -> Vec<String> {
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
    if files.is_empty() {
        println!("note: webcorpus not found (set KHABAR_WEBCORPUS); using a built-in sample x20");
        return vec![SAMPLE.repeat(20)];
    }
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let fx = FactExtractor::new();
    let published = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let mut g = c.benchmark_group("facts");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("sentences+dates+facts per article", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let sentences: Vec<Sentence> = khabar_text::sentences(t)
                    .into_iter()
                    .map(|span| Sentence { span })
                    .collect();
                // dates resolved inside extract (no dates given, publication day known)
                let f = fx.extract(t, &sentences, &[], &[], &[], Some(published), "hi");
                n += f.quantities.len() + f.quotes.len() + f.events.len();
            }
            black_box(n)
        })
    });
    g.bench_function("facts only (sentences given) per article", |b| {
        let prepared: Vec<(String, Vec<Sentence>)> = texts
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    khabar_text::sentences(t)
                        .into_iter()
                        .map(|span| Sentence { span })
                        .collect(),
                )
            })
            .collect();
        b.iter(|| {
            let mut n = 0;
            for (t, s) in &prepared {
                let f = fx.extract(t, s, &[], &[], &[], None, "hi");
                n += f.quantities.len() + f.quotes.len() + f.events.len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
