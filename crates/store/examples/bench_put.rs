//! Throughput of the SQLite store on synthetic articles.
//!
//! `cargo run -p khabar-store --release --example bench_put -- [ARTICLES] [BATCH]`
//! (defaults 20000 and 500). Writes to a temporary file that is removed afterwards.

use khabar_model::{Analysis, ArticleId, Document, PubTime, Span};
use khabar_store::{SqliteStore, Store};
use std::time::Instant;

fn doc(i: usize, version: usize) -> Document {
    let para =
        format!("लेख {i} संस्करण {version}: पुलिस ने बताया कि घटना में {i} लोग घायल हुए और जांच जारी है। ");
    let text = [para.repeat(8), para.repeat(8), para.repeat(8)].join("\n\n");
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for p in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + p.len()));
        start += p.len() + 2;
    }
    Document {
        id: ArticleId::from_key(&format!("https://example.org/{i}")),
        source: format!("bench.jsonl:{i}"),
        url: Some(format!("https://example.org/{i}")),
        outlet: Some(format!("Outlet {}", i % 7)),
        title: Some(format!("शीर्षक {i}")),
        author: None,
        authors: Vec::new(),
        published: PubTime::parse(&format!("2022-01-{:02}T10:00:00+05:30", 1 + i % 28)).ok(),
        updated: None,
        language: Some("hi".into()),
        dateline: None,
        text,
        paragraphs,
        captions: Vec::new(),
        dropped: Vec::new(),
        fingerprint: format!("{:016x}", i.wrapping_mul(0x9e37_79b9) ^ version),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let batch: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(500)
        .max(1);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let mut store = SqliteStore::open(&path)?;

    let make = |version: usize| -> Vec<(Document, Option<Analysis>)> {
        (0..n)
            .map(|i| {
                let d = doc(i, version);
                let a = Analysis::empty(d.id.clone(), "hi");
                (d, Some(a))
            })
            .collect()
    };
    let first = make(0);
    let bytes: usize = first.iter().map(|(d, _)| d.text.len()).sum();
    let mut phase = |name: &str,
                     items: &[(Document, Option<Analysis>)]|
     -> Result<(), Box<dyn std::error::Error>> {
        let t = Instant::now();
        for chunk in items.chunks(batch) {
            store.put_articles(chunk)?;
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name:<10} {n} articles in {s:.2} s = {:.0} articles/s",
            n as f64 / s
        );
        Ok(())
    };
    phase("insert", &first)?;
    phase("unchanged", &first)?;
    phase("update", &make(1))?;
    let t = Instant::now();
    let all = store.articles()?;
    println!(
        "articles() {} read in {:.2} s",
        all.len(),
        t.elapsed().as_secs_f64()
    );
    store.checkpoint()?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "file {:.1} MB for {n} articles ({:.1} MB of body text), batch size {batch}",
        size as f64 / 1e6,
        bytes as f64 / 1e6
    );
    Ok(())
}
