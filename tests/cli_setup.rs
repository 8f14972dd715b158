//! The CLI points of issue #18 that are about getting and keeping a `khabar`, not running it: the
//! README's install step works as written, the search folder beside a store is ignored by git,
//! and the release profile carries no debug info (the profiling profile keeps line tables).

mod common;
use common::*;

use std::process::Command;

/// The README names the install command, and the package it installs (`--path .`, the
/// repository root, read through `cargo metadata`) is the one with the `khabar` binary.
#[test]
fn readme_says_how_to_install_the_binary() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    assert!(
        readme.contains("cargo install --path ."),
        "the README does not give `cargo install --path .`"
    );
    // `--path .` installs the package at the repository root: it must be the one with the
    // `khabar` binary.
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(repo())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = repo().join("Cargo.toml");
    let root_pkg = v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["manifest_path"]
                .as_str()
                .is_some_and(|m| std::path::Path::new(m) == root)
        })
        .expect("a package at the repository root");
    let bins: Vec<&str> = root_pkg["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "bin"))
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(bins.contains(&"khabar"), "root package binaries: {bins:?}");
}

/// The search index beside any store (`<db>.search/`) and the default store are ignored by git.
#[test]
fn the_search_folder_is_ignored_by_git() {
    let git = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(repo())
        .output();
    if !git.is_ok_and(|o| o.status.success()) {
        println!("skipping: not a git work tree (or no git)");
        return;
    }
    for path in [
        "khabar.db",
        "khabar.db.search/meta.json",
        "stores/news.db.search/x",
    ] {
        let o = Command::new("git")
            .args(["check-ignore", "-q", "--no-index", path])
            .current_dir(repo())
            .status()
            .expect("git runs");
        assert!(o.success(), "{path} is not ignored by .gitignore");
    }
}

/// `cargo build --release` gives a binary without debug info; `--profile profiling` keeps line
/// tables for perf and callgrind. Read from the profiles cargo itself resolves.
#[test]
fn release_binary_has_no_debug_info() {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml");
    let section = |name: &str| -> String {
        let head = format!("[profile.{name}]");
        let Some(start) = manifest.find(&head) else {
            return String::new();
        };
        let rest = &manifest[start + head.len()..];
        let end = rest.find("\n[").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    let release = section("release");
    assert!(
        release
            .lines()
            .any(|l| l.split('#').next().unwrap_or("").replace(' ', "") == "debug=false"),
        "[profile.release] does not set debug = false:\n{release}"
    );
    let profiling = section("profiling");
    assert!(
        profiling.contains("inherits = \"release\"") && profiling.contains("debug ="),
        "[profile.profiling] should inherit release and keep line tables:\n{profiling}"
    );
}
