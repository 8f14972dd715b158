//! Compiles the per-language word lists (`data/lang/<lang>/*.txt`: one entry a line, `#`
//! comment lines at the top document the list) into `pub const NAME: &[&str]` slices, one file
//! per language (`$OUT_DIR/lang_<lang>.rs`, included by `hi.rs` and `en.rs`), so a list is a
//! data change and its users keep plain slices. Tables with columns (`*.tsv`) are read by their
//! own modules.

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
        }
        let out = Path::new(&out_dir).join(format!("lang_{lang}.rs"));
        std::fs::write(&out, code)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    }
}
