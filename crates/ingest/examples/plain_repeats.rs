//! Time `clean_text` on a generated plain-text page of many lines (a crawled dump), the case the
//! repeat check (`repeats` in `plain.rs`) must handle in near-linear time.
//!
//! `cargo run --release -p khabar-ingest --example plain_repeats [LINES]` (default 5,000 lines)
//! prints the page size, the time of one `clean_text` call, the paragraph and dropped counts
//! and a fingerprint of the result.

use khabar_ingest::plain::{clean_text, Hints};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

const WORDS: [&str; 24] = [
    "सरकार",
    "ने",
    "आज",
    "कहा",
    "कि",
    "बारिश",
    "से",
    "शहर",
    "में",
    "पानी",
    "भर",
    "गया",
    "और",
    "लोकल",
    "ट्रेनें",
    "देर",
    "chalin",
    "police",
    "report",
    "district",
    "officer",
    "relief",
    "camp",
    "river",
];

/// A small deterministic generator (xorshift), so every run times the same page.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` lines: mostly paragraphs of 8 to 40 words, with exact repeats of earlier lines and
/// summaries (a run of words cut from an earlier paragraph) mixed in.
fn page(n: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut lines: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let roll = rng.below(10);
        let line = if i > 0 && roll == 0 {
            lines[rng.below(i)].clone()
        } else if i > 0 && roll == 1 {
            let src: Vec<&str> = lines[rng.below(i)].split(' ').collect();
            let len = src.len().min(8 + rng.below(8));
            let start = rng.below(src.len() - len + 1);
            src[start..start + len].join(" ")
        } else {
            let len = 8 + rng.below(33);
            let mut words: Vec<String> = (0..len)
                .map(|_| WORDS[rng.below(WORDS.len())].to_string())
                .collect();
            // A number makes most paragraphs unique, as running text is.
            words.push(format!("{}।", rng.below(1_000_000)));
            words.join(" ")
        };
        lines.push(line);
    }
    lines.join("\n")
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000);
    let text = page(n);
    let start = Instant::now();
    let cleaned = clean_text(&text, &Hints::default());
    let took = start.elapsed();
    // A fingerprint of the whole result, to check that a faster version gives the same output.
    let mut h = DefaultHasher::new();
    format!("{cleaned:?}").hash(&mut h);
    println!(
        "{n} lines, {} bytes: clean_text took {:.3} s ({} paragraphs, {} dropped, output {:016x})",
        text.len(),
        took.as_secs_f64(),
        cleaned.paragraphs.len(),
        cleaned.dropped.len(),
        h.finish()
    );
}
