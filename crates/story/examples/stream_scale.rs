//! Scale check: cluster a synthetic stream of N articles and report the time per article as
//! the stream grows (it should stay flat: each article is compared with candidate stories from
//! the inverted index, and stories out of the time window leave the index).
//!
//! ```text
//! cargo run --release -p khabar-story --example stream_scale -- 20000 40000 80000
//! ```
//!
//! Articles are made of story key words plus Zipf-distributed background words; about 400
//! stories start per day, each with 1–8 reports over two days. The stream's own gold labels give
//! a sanity score.

use khabar_model::{ArticleId, Document, PubTime, Span};
use khabar_story::{cluster, score, Config};
use std::collections::HashMap;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Roughly Zipf over `n` ranks.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as u64
    }
}

fn word(i: u64) -> String {
    // Letters only, so the tokenizer sees one word.
    let mut s = String::new();
    let mut x = i + 1;
    while x > 0 {
        s.push(char::from(b'a' + (x % 26) as u8));
        x /= 26;
    }
    s.push('x');
    s
}

fn stream(n: usize) -> (Vec<Document>, HashMap<String, String>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::with_capacity(n);
    let mut gold = HashMap::new();
    let mut story = 0u64;
    let base = PubTime::parse("2024-01-01")
        .map(|p| p.timestamp())
        .unwrap_or(0);
    while docs.len() < n {
        story += 1;
        let day = story / 400;
        let keys: Vec<String> = (0..8)
            .map(|_| word(100_000 + rng.below(2_000_000)))
            .collect();
        let reports = 1 + rng.below(8);
        for r in 0..reports {
            if docs.len() >= n {
                break;
            }
            let ts = base + (day * 86_400 + rng.below(2 * 86_400)) as i64;
            let mut text = String::new();
            for k in 0..5 {
                text.push_str(&keys[(k + r as usize) % keys.len()]);
                text.push(' ');
            }
            for _ in 0..60 {
                text.push_str(&word(rng.zipf(50_000)));
                text.push(' ');
            }
            let title = keys[..3].join(" ");
            let id = format!("s{story}-r{r}");
            gold.insert(id.clone(), format!("s{story}"));
            let published = chrono::DateTime::from_timestamp(ts, 0)
                .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .and_then(|s: String| PubTime::parse(&s).ok());
            docs.push(Document {
                id: ArticleId(id.clone()),
                source: String::new(),
                url: None,
                outlet: Some(format!("o{}", rng.below(50))),
                title: Some(title),
                author: None,
                authors: vec![],
                published,
                updated: None,
                language: Some("en".into()),
                dateline: None,
                paragraphs: vec![Span::new(0, text.len())],
                text,
                captions: vec![],
                dropped: vec![],
                fingerprint: id,
            });
        }
    }
    (docs, gold)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![5_000, 10_000, 20_000]
    } else {
        sizes
    };
    for n in sizes {
        let (docs, gold) = stream(n);
        let refs: Vec<&Document> = docs.iter().collect();
        let started = std::time::Instant::now();
        let stories = cluster(&refs, &[], &Config::default());
        let secs = started.elapsed().as_secs_f64();
        let predicted: Vec<Vec<&str>> = stories
            .iter()
            .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
            .collect();
        let r = score(&predicted, &gold);
        println!(
            "{n} articles: {:.2} s, {:.1} µs/article, {} stories ({} gold), B3 F1 {:.4}",
            secs,
            secs * 1e6 / n as f64,
            r.predicted_stories,
            r.gold_stories,
            r.bcubed.f1
        );
    }
}
