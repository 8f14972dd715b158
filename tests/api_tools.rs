//! The JSON API and the exports read by the tools people use on them (issue #18):
//!
//! - `openapi_fuzzer_runs_clean`: schemathesis (PyPI) generates requests from
//!   `/api/openapi.json` against a throw-away `khabar serve --allow-ingest` over the seed store and
//!   checks every answer (no 5xx, statuses, content types and bodies as documented, bad input
//!   refused, good input taken; `tests/python/schemathesis.toml` says which 400s are meant).
//! - `exports_load_in_pandas_and_duckdb`: `khabar export` of articles, facts, stories and entities
//!   as CSV and JSONL (and Parquet when the binary has it) loaded by pandas and duckdb
//!   (`tests/python/check_exports.py`): typed timestamps that keep their offset, and Python slices
//!   of the article text by the character offsets give the quote and entity texts exactly.
//!
//! Each skips with the reason printed when python3 or its packages are missing (`.ci/run`
//! installs them).

mod common;
use common::*;

use std::path::Path;
use std::process::Command;

/// Why the Python tool `modules` cannot run here, if it cannot.
fn python_missing(modules: &str) -> Option<String> {
    match Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
    {
        Err(e) => Some(format!("python3 cannot run: {e}")),
        Ok(o) if !o.status.success() => Some(format!(
            "python3 cannot import {modules} (pip install {})",
            modules.replace(',', "")
        )),
        Ok(_) => None,
    }
}

fn seed_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("seed.db");
    let out = run(&["run", "examples/seeds", "--quiet"], &db);
    assert!(out.status.success(), "khabar run: {}", stderr(&out));
    db
}

#[test]
fn openapi_fuzzer_runs_clean() {
    if let Some(why) = python_missing("schemathesis") {
        println!("skipping the OpenAPI fuzzer: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = seed_store(dir.path());
    let server = serve_with(&db, &["--allow-ingest"]);
    let config = repo().join("tests/python/schemathesis.toml");
    let report = dir.path().join("report");
    let out = Command::new("python3")
        .args(["-m", "schemathesis.cli", "--no-color", "--config-file"])
        .arg(&config)
        .args(["run", &format!("{}/api/openapi.json", server.base)])
        .args(["--checks", "all", "--seed", "1", "--workers", "1"])
        .args(["--max-examples", "20", "--max-time", "120"])
        .args(["--request-timeout", "60", "--output-truncate", "true"])
        .arg("--report-dir")
        .arg(&report)
        .current_dir(dir.path())
        .output()
        .expect("schemathesis runs");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    let tail: Vec<&str> = text.lines().rev().take(60).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    println!("{}", tail.join("\n"));
    assert!(out.status.success(), "schemathesis found failures:\n{text}");
    assert!(
        text.contains("Tested: 10"),
        "schemathesis did not test the 10 operations:\n{text}"
    );
}

#[test]
fn exports_load_in_pandas_and_duckdb() {
    if let Some(why) = python_missing("pandas, duckdb") {
        println!("skipping the export test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = seed_store(dir.path());
    let files = dir.path().join("exports");
    std::fs::create_dir_all(&files).unwrap();
    for what in ["articles", "facts", "stories", "entities"] {
        for format in ["csv", "jsonl"] {
            let file = files.join(format!("{what}.{format}"));
            let out = run(
                &[
                    "export",
                    "--what",
                    what,
                    "--format",
                    format,
                    "-o",
                    file.to_str().unwrap(),
                ],
                &db,
            );
            assert!(
                out.status.success(),
                "export {what} {format}: {}",
                stderr(&out)
            );
        }
    }
    for what in ["articles", "facts"] {
        let file = files.join(format!("{what}.parquet"));
        let out = run(
            &[
                "export",
                "--what",
                what,
                "--format",
                "parquet",
                "-o",
                file.to_str().unwrap(),
            ],
            &db,
        );
        if !out.status.success() {
            println!("no Parquet: {}", stderr(&out).trim());
            assert!(!file.exists(), "a failed export left {}", file.display());
        }
    }
    let server = serve_with(&db, &[]);
    let out = Command::new("python3")
        .arg(repo().join("tests/python/check_exports.py"))
        .arg(&files)
        .arg(&server.base)
        .output()
        .expect("python3 runs");
    println!("{}{}", stdout(&out), stderr(&out));
    assert!(
        out.status.success(),
        "the export checks failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}
