//! Helpers for the end-to-end tests: run the real `khabar` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn khabar() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khabar"));
    c.env_remove("KHABAR_DB").current_dir(repo());
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repo, when it exists (CI has it; a fresh clone may not).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

pub fn run(args: &[&str], db: &Path) -> Output {
    let out = khabar()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("khabar runs");
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "khabar failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

/// Normalise the way khabar's clean text is normalised (NFC, NBSP as a space) for comparing
/// gold strings with output.
pub fn norm(s: &str) -> String {
    khabar_text::normalize(s)
}
