//! Compiles the per-language word lists (`data/lang/<lang>/*.txt`: one entry a line, `#`
//! comment lines at the top document the list) into `pub const NAME: &[&str]` slices, one file
//! per language (`$OUT_DIR/lang_<lang>.rs`, included by `hi.rs` and `en.rs`), so a list is a
//! data change and its users keep plain slices. The titles table (`titles.tsv`: title, kind,
//! uses, roles) becomes `pub const TITLES: &[crate::titles::Title]`, checked here (a bad kind or
//! use fails the build). Other tables with columns (`*.tsv`) are read by their own modules.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lang");
    println!("cargo:rerun-if-changed={}", root.display());
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for lang in ["hi", "en"] {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut code = String::new();
        let mut names = Vec::new();
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_else(|| panic!("bad list name {}", path.display()));
            let name = stem.to_uppercase().replace('-', "_");
            let mut entries = Vec::new();
            let mut in_head = true;
            for line in text.lines() {
                if let Some(comment) = line.strip_prefix('#') {
                    if in_head {
                        let _ = writeln!(code, "///{comment}");
                    }
                    continue;
                }
                in_head = false;
                let entry = line.trim();
                if !entry.is_empty() {
                    entries.push(entry.to_string());
                }
            }
            let _ = writeln!(code, "///\n/// Data: `data/lang/{lang}/{stem}.txt`.");
            let _ = writeln!(code, "pub const {name}: &[&str] = &{entries:?};");
            names.push((stem.to_string(), name));
        }
        let _ = writeln!(
            code,
            "/// Every list above by its file's name (for the tests that check them all).\n\
             pub const LISTS: &[(&str, &[&str])] = &["
        );
        for (stem, name) in &names {
            let _ = writeln!(code, "    ({stem:?}, {name}),");
        }
        let _ = writeln!(code, "];");
        let titles = dir.join("titles.tsv");
        println!("cargo:rerun-if-changed={}", titles.display());
        titles_table(&titles, lang, &mut code);
        let out = Path::new(&out_dir).join(format!("lang_{lang}.rs"));
        std::fs::write(&out, code)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    }
}

/// `titles.tsv` as `pub const TITLES: &[crate::titles::Title]`: `#` comment lines, a header
/// row, then `title<TAB>kind<TAB>uses<TAB>roles` (uses comma-separated, roles `;`-separated,
/// `-` for none).
fn titles_table(path: &Path, lang: &str, code: &mut String) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let _ = writeln!(
        code,
        "/// Titles written before a name, with their kind, readers and role words.\n///\n\
         /// Data: `data/lang/{lang}/titles.tsv` (see [`crate::titles`])."
    );
    let _ = writeln!(code, "pub const TITLES: &[crate::titles::Title] = &[");
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if header {
            header = false;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [title, kind, uses, roles] = cols[..] else {
            panic!("{}:{}: want 4 columns: {line:?}", path.display(), n + 1);
        };
        let kind = match kind {
            "honorific" => "Honorific",
            "rank" => "Rank",
            "office" => "Office",
            "royal" => "Royal",
            "religious" => "Religious",
            "occupation" => "Occupation",
            k => panic!("{}:{}: unknown kind {k:?}", path.display(), n + 1),
        };
        let mut bits = 0u8;
        for u in uses
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty() && *u != "-")
        {
            bits |= match u {
                "cue" => 1,
                "loose" => 2,
                "ner" => 4,
                "rule" => 8,
                "personal" => 16,
                "quote" => 32,
                u => panic!("{}:{}: unknown use {u:?}", path.display(), n + 1),
            };
        }
        let roles: Vec<&str> = roles
            .split(';')
            .map(str::trim)
            .filter(|r| !r.is_empty() && *r != "-")
            .collect();
        let _ = writeln!(
            code,
            "    crate::titles::Title {{ title: {title:?}, kind: crate::titles::TitleKind::{kind}, \
             uses: {bits}, roles: &{roles:?} }},"
        );
    }
    let _ = writeln!(code, "];");
}
