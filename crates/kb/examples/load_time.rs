//! Measure how long loading the knowledge base takes, and a lookup's cost.
//!
//! ```text
//! cargo run --release -p khabar-kb --example load_time [-- path/to/kb.jsonl]
//! ```

use khabar_kb::KnowledgeBase;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let kb = match std::env::args().nth(1) {
        Some(p) => KnowledgeBase::load(p)?,
        None => KnowledgeBase::embedded()?,
    };
    let load = t.elapsed();
    let names = [
        "पुतिन",
        "टोकायेव",
        "सीएसटीओ",
        "रायटर",
        "कजाखस्तान",
        "Almaty",
        "लखनऊ",
        "Narnia",
    ];
    let n = 10_000;
    let t = Instant::now();
    let mut hits = 0usize;
    for i in 0..n {
        hits += kb.lookup(names[i % names.len()]).len();
    }
    let per = t.elapsed() / n as u32;
    println!(
        "{} entries loaded in {load:?}; lookup {per:?} each ({hits} candidates)",
        kb.len()
    );
    Ok(())
}
