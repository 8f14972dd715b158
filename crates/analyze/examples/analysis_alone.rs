//! Articles per CPU-second of the analysis alone (issue #16): loads the analyzer once, builds
//! the documents of every input outside the timing (as `khabar run` does before analysing),
//! then times [`Analyzer::analyze`] over all of them, several times, in this thread's CPU time.
//!
//! ```text
//! cargo run --profile profiling -p khabar-analyze --example analysis_alone -- [--reps N] PATH...
//! ```
//!
//! Prints one line per repetition (`rep K cpu_s X wall_s Y articles N per_cpu_s Z`), then the
//! median, and first a digest of the analyses (xxh3 of their JSON) so two builds can be shown to
//! do the same work. `bench/analysis/run.sh alone OLD NEW` alternates two builds of it.
//! `--reps 0` analyses every document once, untimed (for callgrind).

use cpu_time::ThreadTime;
use khabar_analyze::Analyzer;
use khabar_ingest::{build_document, list_inputs, read_file};
use khabar_model::Document;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// The allocator of the `khabar` binary, so the figure is the one `khabar run` gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut reps = 5usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--reps" {
            match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => reps = n,
                None => {
                    eprintln!("analysis_alone: --reps needs a number");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let load = ThreadTime::now();
    let analyzer = match Analyzer::new() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("analysis_alone: {e}");
            return ExitCode::FAILURE;
        }
    };
    let load = load.elapsed().as_secs_f64();
    let docs = documents(&paths);
    if docs.is_empty() {
        eprintln!("analysis_alone: no documents in the inputs");
        return ExitCode::FAILURE;
    }
    if reps == 0 {
        for d in &docs {
            black_box(analyzer.analyze(d));
        }
        return ExitCode::SUCCESS;
    }
    // An untimed pass: warms the caches and gives the digest of what each pass computes.
    let mut digest = xxhash_rust::xxh3::Xxh3::new();
    for d in &docs {
        match serde_json::to_vec(&analyzer.analyze(d)) {
            Ok(json) => digest.update(&json),
            Err(e) => {
                eprintln!("analysis_alone: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "documents {} digest {:016x} analyzer_load_cpu_s {load:.3}",
        docs.len(),
        digest.digest()
    );
    let mut cpu = Vec::with_capacity(reps);
    for r in 1..=reps {
        let (t, w) = (ThreadTime::now(), Instant::now());
        for d in &docs {
            black_box(analyzer.analyze(black_box(d)));
        }
        let (c, w) = (t.elapsed().as_secs_f64(), w.elapsed().as_secs_f64());
        println!(
            "rep {r} cpu_s {c:.4} wall_s {w:.4} articles {} per_cpu_s {:.0}",
            docs.len(),
            docs.len() as f64 / c
        );
        cpu.push(c);
    }
    cpu.sort_by(f64::total_cmp);
    let median = if reps % 2 == 1 {
        cpu[reps / 2]
    } else {
        (cpu[reps / 2 - 1] + cpu[reps / 2]) / 2.0
    };
    println!(
        "median cpu_s {median:.4} per_cpu_s {:.0}",
        docs.len() as f64 / median
    );
    ExitCode::SUCCESS
}

/// Every document the inputs give, in input order (items that cannot be read are reported
/// and left out, as `khabar run` leaves them out).
fn documents(paths: &[PathBuf]) -> Vec<Document> {
    let mut docs = Vec::new();
    for input in list_inputs(paths) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                eprintln!("analysis_alone: {e}");
                continue;
            }
        };
        read_file(&path, &mut |raw| match raw.and_then(build_document) {
            Ok(d) => docs.push(d),
            Err(e) => eprintln!("analysis_alone: {}: {e}", path.display()),
        });
    }
    docs
}
