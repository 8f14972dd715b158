//! Write `data/kb/common-words-en.txt`: English words that running text writes in lower case
//! far more often than capitalised, so that a capitalised run made only of them (`Election
//! Day`, `First Amendment`) is a phrase, not a person, and a lone one (`Well`, `Rise`) is no
//! name at all.
//!
//! ```text
//! cargo run -p khabar-kb --example common_words_en -- FILE... > data/kb/common-words-en.txt
//! ```
//!
//! A `FILE` is JSONL (each line's `text` field), a JSON object of objects (their `articleBody`
//! or `ground_truth.main_content`), a JSON file with `ground_truth.main_content`, or a folder of
//! such files. Counts only words not first in their sentence (where capitals say nothing); keeps
//! a word seen at least [`MIN_SEEN`] times there and in lower case at least [`MIN_LOWER`] of
//! them. The output is sorted, one word a line, after a header naming the inputs' file names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const MIN_SEEN: u32 = 3;
const MIN_LOWER: f64 = 0.8;

fn texts_of(path: &Path, out: &mut Vec<String>) -> Result<(), String> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            texts_of(&f, out)?;
        }
        return Ok(());
    }
    let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.to_string_lossy();
    if name.ends_with(".jsonl") {
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                out.push(t.to_string());
            }
        }
    } else if name.ends_with(".json") {
        let v: serde_json::Value =
            serde_json::from_str(&body).map_err(|e| format!("{}: {e}", path.display()))?;
        let main = |v: &serde_json::Value| {
            v.get("articleBody")
                .or_else(|| v.get("ground_truth").and_then(|g| g.get("main_content")))
                .and_then(|t| t.as_str())
                .map(str::to_string)
        };
        if let Some(t) = main(&v) {
            out.push(t);
        } else if let Some(obj) = v.as_object() {
            out.extend(obj.values().filter_map(main));
        }
    }
    Ok(())
}

/// (lower-case count, capitalised count) of each word not first in its sentence.
fn count(text: &str, counts: &mut BTreeMap<String, (u32, u32)>) {
    let mut first = true;
    let mut word = String::new();
    let mut flush = |word: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        let letters = word.chars().all(|c| c.is_ascii_alphabetic());
        let starts_upper = word.starts_with(|c: char| c.is_ascii_uppercase());
        let all_upper = word.chars().all(|c| c.is_ascii_uppercase());
        if letters && word.len() >= 2 && !*first && !all_upper {
            let slot = counts.entry(word.to_ascii_lowercase()).or_default();
            if starts_upper {
                slot.1 += 1;
            } else {
                slot.0 += 1;
            }
        }
        *first = false;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut first);
        if matches!(
            c,
            '.' | '!' | '?' | '\n' | '"' | '“' | '`' | ':' | '(' | '—'
        ) {
            first = true;
        }
    }
    flush(&mut word, &mut first);
}

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: common_words_en FILE... > data/kb/common-words-en.txt");
        return ExitCode::from(2);
    }
    let mut texts = Vec::new();
    for p in &paths {
        if let Err(e) = texts_of(p, &mut texts) {
            eprintln!("common_words_en: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for t in &texts {
        count(t, &mut counts);
    }
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            // folder and name: which split of a set was read (e.g. `wcxb-dev-articles/…`) shows
            let mut parts: Vec<String> = p
                .components()
                .rev()
                .take(2)
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.reverse();
            parts.join("/")
        })
        .collect();
    println!(
        "# English words written in lower case in at least {:.0}% of {MIN_SEEN}+ uses not first in a sentence,",
        MIN_LOWER * 100.0
    );
    println!(
        "# counted over {} texts of: {}. Written by `cargo run -p khabar-kb --example common_words_en`.",
        texts.len(),
        names.join(", ")
    );
    for (w, (lower, upper)) in &counts {
        let seen = lower + upper;
        if seen >= MIN_SEEN && f64::from(*lower) >= MIN_LOWER * f64::from(seen) {
            println!("{w}");
        }
    }
    ExitCode::SUCCESS
}
