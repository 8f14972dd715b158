//! End to end (issue #17): `khabar run --threads 1` and `--threads 2` give the same store and the
//! same output, byte for byte: the report, the messages on stderr (in input order), and
//! `khabar export` of articles, entities, facts and stories. The inputs are the seeds, the Hindi
//! disaster and COVID development sets and part of BASIL (more than one batch of 256 items),
//! with a file that has a bad line and an empty file among them.

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// The first `n` lines of `src`, written to `dst`.
fn head(src: &Path, dst: &Path, n: usize) {
    let text = std::fs::read_to_string(src).unwrap();
    let lines: Vec<&str> = text.lines().take(n).collect();
    std::fs::write(dst, lines.join("\n") + "\n").unwrap();
}

struct Outputs {
    report: Vec<u8>,
    stderr: Vec<u8>,
    exports: Vec<(&'static str, Vec<u8>)>,
}

fn run_with(threads: &str, inputs: &[PathBuf], dir: &Path) -> Outputs {
    let db = dir.join(format!("t{threads}.db"));
    let out = khabar()
        .args(["run", "--quiet", "--json", "--threads", threads])
        .args(inputs)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("khabar runs");
    // some inputs are skipped on purpose: exit 3
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let mut exports = Vec::new();
    for what in ["articles", "entities", "facts", "stories"] {
        let e = run(&["export", "--what", what], &db);
        assert!(e.status.success(), "export {what}: {}", stderr(&e));
        assert!(!e.stdout.is_empty(), "export {what} is empty");
        exports.push((what, e.stdout));
    }
    Outputs {
        report: out.stdout,
        stderr: out.stderr,
        exports,
    }
}

#[test]
fn one_thread_and_two_give_the_same_bytes() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent (the development sets live there)");
        return;
    };
    let stories = shared.join("data/stories");
    let sets = [
        "hindi-disaster-dev.jsonl",
        "hindi-covid-dev.jsonl",
        "basil.jsonl",
    ];
    if let Some(missing) = sets.iter().find(|s| !stories.join(s).exists()) {
        eprintln!("skipped: {} is absent", stories.join(missing).display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let basil = dir.path().join("basil-part.jsonl");
    head(&stories.join("basil.jsonl"), &basil, 80);
    let bad = dir.path().join("bad.jsonl");
    let first = std::fs::read_to_string(stories.join("hindi-covid-dev.jsonl")).unwrap();
    let first = first
        .lines()
        .next()
        .unwrap()
        .replace("\"id\":", "\"id_was\":");
    std::fs::write(&bad, format!("{first}\n{{not json\n")).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let inputs = vec![
        repo().join("examples/seeds"),
        stories.join("hindi-disaster-dev.jsonl"),
        bad,
        empty,
        stories.join("hindi-covid-dev.jsonl"),
        basil,
    ];
    let one = run_with("1", &inputs, dir.path());
    let two = run_with("2", &inputs, dir.path());
    let report: serde_json::Value = serde_json::from_slice(&one.report).unwrap();
    let n = report["articles"].as_array().map_or(0, Vec::len);
    assert!(n > 256, "only {n} articles: the test must cross a batch");
    assert!(
        String::from_utf8_lossy(&one.stderr).contains("empty.txt"),
        "the empty file is reported"
    );
    assert!(
        one.report == two.report,
        "the reports differ between 1 and 2 threads"
    );
    assert!(
        one.stderr == two.stderr,
        "stderr differs:\n--- 1 thread\n{}\n--- 2 threads\n{}",
        String::from_utf8_lossy(&one.stderr),
        String::from_utf8_lossy(&two.stderr)
    );
    for ((what, a), (_, b)) in one.exports.iter().zip(&two.exports) {
        assert!(
            a == b,
            "export --what {what} differs between 1 and 2 threads"
        );
    }
}

#[test]
fn threads_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &["ingest", "--threads", "0", "examples/seeds"],
        &dir.path().join("t.db"),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join("t.db").exists());
}
