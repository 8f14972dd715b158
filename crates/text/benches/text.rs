//! Throughput of normalise + tokenise + sentence split on the webcorpus Hindi news text, next to
//! the floor of reading the same files and validating them as UTF-8.
//!
//! `cargo bench -p khabar-text --bench text`. The corpus is read from
//! `/work/shared/data/hindi-news/webcorpus/*/*` (the `shared` folder next to the repository, or
//! `$KHABAR_WEBCORPUS`); without it a small built-in sample is used and a note is printed.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const SAMPLE: &str = "नई दिल्ली, 10 सितंबर (भाषा)। पेट्रोल और डीज़ल की कीमतों में बढ़ोतरी के ख़िलाफ़ \
कांग्रेस ने आज भारत बंद का आह्वान किया | डॉ. मनमोहन सिंह और श्री. राहुल गांधी भी शामिल हुए।\n\n\
Serena Williams ने चेयर अंपायर को गुस्से में \"चोर\" कहा। बीस साल की ओसाका ने 6-2, 6-4 से जीत दर्ज की।\u{00A0}\
सरकार ने 1,00,000 करोड़ रुपये और १२ नई योजनाओं की घोषणा की. Mr. Smith of the U.S. said prices rose 1.5 per cent.\n";

fn corpus_dir() -> Option<PathBuf> {
    const REL: &str = "../../../shared/data/hindi-news/webcorpus";
    let mut candidates: Vec<PathBuf> = std::env::var_os("KHABAR_WEBCORPUS")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(REL));
    // `cargo bench` runs benchmarks from the package directory
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join(REL));
    }
    candidates.into_iter().find(|d| d.is_dir())
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(sites) = std::fs::read_dir(dir) else {
        return files;
    };
    for site in sites.flatten() {
        if let Ok(entries) = std::fs::read_dir(site.path()) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

fn bench(c: &mut Criterion) {
    let files = corpus_dir().map(|d| corpus_files(&d)).unwrap_or_default();
    let texts: Vec<String> = if files.is_empty() {
        println!(
            "note: webcorpus not found (set KHABAR_WEBCORPUS); using the built-in sample x200"
        );
        vec![SAMPLE.repeat(200)]
    } else {
        files
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    };
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    println!("corpus: {} texts, {} bytes", texts.len(), bytes);

    if !files.is_empty() {
        interleaved_summary(&files, bytes);
    }

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes));
    if !files.is_empty() {
        g.bench_function("floor: read + utf8 validation", |b| {
            b.iter(|| black_box(read_validate(&files)))
        });
    }
    g.bench_function("floor: utf8 validation (in memory)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| std::str::from_utf8(black_box(t.as_bytes())).map_or(0, str::len))
                .sum::<usize>()
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| khabar_text::normalize(black_box(t)).len())
                .sum::<usize>()
        })
    });
    let normalized: Vec<String> = texts.iter().map(|t| khabar_text::normalize(t)).collect();
    g.bench_function("words", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|t| khabar_text::segment::word_iter(black_box(t)).count())
                .sum::<usize>()
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|t| khabar_text::sentences(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("search_key per word", |b| {
        let mut key = String::new();
        b.iter(|| {
            let mut n = 0;
            for t in &normalized {
                for w in khabar_text::segment::word_iter(t) {
                    key.clear();
                    khabar_text::normalize::search_key_into(w.text, &mut key);
                    n += key.len();
                }
            }
            black_box(n)
        })
    });
    g.bench_function("pipeline: normalize + words + sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let norm = khabar_text::normalize(black_box(t));
                n += khabar_text::words(&norm).len();
                n += khabar_text::sentences(&norm).len();
            }
            black_box(n)
        })
    });
    if !files.is_empty() {
        g.bench_function(
            "pipeline from disk: read + utf8 + normalize + words + sentences",
            |b| b.iter(|| black_box(read_pipeline(&files))),
        );
    }
    g.finish();
}

fn read_validate(files: &[PathBuf]) -> usize {
    let mut n = 0usize;
    for p in files {
        let data = std::fs::read(p).unwrap_or_default();
        n += std::str::from_utf8(&data).map_or(0, str::len);
    }
    n
}

fn read_pipeline(files: &[PathBuf]) -> usize {
    let mut n = 0;
    for p in files {
        let data = std::fs::read(p).unwrap_or_default();
        let Ok(t) = std::str::from_utf8(&data) else {
            continue;
        };
        let norm = khabar_text::normalize(t);
        n += khabar_text::words(&norm).len();
        n += khabar_text::sentences(&norm).len();
    }
    n
}

/// On-CPU time of this thread in nanoseconds (Linux `schedstat`), if available.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// The floor and the whole pipeline (both from disk) run alternately, 30 times each; reported is
/// the total on-CPU time of each (from `schedstat`), which a shared, loaded machine disturbs far
/// less than wall time (a short run such as the floor often fits between preemptions, a long one
/// seldom does, so even best-of-N wall times favour the floor).
fn interleaved_summary(files: &[PathBuf], bytes: u64) {
    const RUNS: u32 = 30;
    let (mut floor_cpu, mut pipe_cpu) = (0u64, 0u64);
    let mut cpu_ok = true;
    for _ in 0..RUNS {
        let c0 = thread_cpu_ns();
        black_box(read_validate(files));
        let c1 = thread_cpu_ns();
        black_box(read_pipeline(files));
        let c2 = thread_cpu_ns();
        match (c0, c1, c2) {
            (Some(a), Some(b), Some(c)) => {
                floor_cpu += b.saturating_sub(a);
                pipe_cpu += c.saturating_sub(b);
            }
            _ => cpu_ok = false,
        }
    }
    let mib = |secs: f64| bytes as f64 / secs / (1024.0 * 1024.0);
    if cpu_ok && floor_cpu > 0 {
        let per_run = |ns: u64| ns as f64 / 1e9 / f64::from(RUNS);
        println!(
            "interleaved, on-CPU time over {RUNS}: floor (read + utf8) {:.0} MiB/s, read + normalize + words + sentences {:.0} MiB/s, ratio {:.1}x",
            mib(per_run(floor_cpu)),
            mib(per_run(pipe_cpu)),
            pipe_cpu as f64 / floor_cpu as f64
        );
    } else {
        println!("note: on-CPU time (/proc/thread-self/schedstat) not available; see the criterion figures");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
