//! Ingest and analyse files or folders (any format the ingest reads) and print one JSON line per
//! article: `{"id", "title", "language", "text", "analysis"}`; for reading the analysis by eye
//! (issue #15's precision samples).
//!
//! ```text
//! cargo run -p khabar-analyze --example analyze_dump -- PATH... > out.jsonl
//! ```

use khabar_analyze::Analyzer;
use khabar_ingest::{build_document, list_inputs, read_file};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let analyzer = match Analyzer::new() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("analyze_dump: {e}");
            return ExitCode::FAILURE;
        }
    };
    for input in list_inputs(&paths) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                eprintln!("analyze_dump: {e}");
                continue;
            }
        };
        read_file(&path, &mut |raw| {
            let doc = match raw.and_then(build_document) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("analyze_dump: {e}");
                    return;
                }
            };
            let analysis = analyzer.analyze(&doc);
            let line = serde_json::json!({
                "id": doc.id,
                "source": path.display().to_string(),
                "title": doc.title,
                "language": doc.language,
                "text": doc.text,
                "analysis": analysis,
            });
            println!("{line}");
        });
    }
    ExitCode::SUCCESS
}
