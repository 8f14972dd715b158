//! Embed `id<TAB>text` lines from stdin with multilingual-e5-small (`query: ` prefix) and write
//! `id<TAB>v1 v2 …` lines: the side file of the story linker's training
//! (`train_linker -- DUMPS --texts` gives the lines, `LINKER_EMBEDDINGS=FILE` reads the result).
//!
//! ```text
//! cargo run --release -p khabar-encoder --example embed_lines -- e5-small-q4.bin < texts.tsv > emb.tsv
//! ```

use khabar_encoder::{Encoder, Role};
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: embed_lines MODEL_FILE < id<TAB>text lines")?;
    let encoder = Encoder::load(std::path::Path::new(&path))?;
    let started = Instant::now();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0usize;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Some((id, text)) = line.split_once('\t') else {
            continue;
        };
        let v = encoder.embed(text, Role::Query);
        let v: Vec<String> = v.iter().map(|x| format!("{x:.6}")).collect();
        writeln!(out, "{id}\t{}", v.join(" "))?;
        n += 1;
    }
    out.flush()?;
    let s = started.elapsed().as_secs_f64();
    eprintln!(
        "{n} texts in {s:.1} s ({:.2} per second)",
        n as f64 / s.max(1e-9)
    );
    Ok(())
}
