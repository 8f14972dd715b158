//! The pool of real texts the scale benchmarks replay (`stream_million`, and the store's
//! `bench_update`): every labelled story set, the Hindi webcorpus and the extraction benchmarks'
//! bodies, built by the real ingest path, with light edits for variants. Included with
//! `#[path]` (examples cannot share a module otherwise).

#![allow(dead_code)]

use khabar_model::{Document, Span};
use std::collections::HashMap;

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
pub const DAY: i64 = 86_400;

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub fn hash2(a: u64, b: u64) -> u64 {
    let mut r = Rng((a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b).max(1));
    r.next();
    r.next()
}

/// One real text of the pool.
pub struct Base {
    pub doc: Document,
    pub group: usize,
    /// Groups of one family start together in every copy.
    pub family: usize,
    /// From a set with hand-made story labels (scored); the others only load the stream.
    pub labelled: bool,
    /// Seconds after the group's first article.
    pub offset: i64,
}

pub fn build(line: &str, origin: &str, n: usize) -> Option<Document> {
    let raw = khabar_ingest::jsonl::parse_line(line, origin, n).ok()?;
    khabar_ingest::build_document(raw).ok()
}

/// The pool: documents with their group and offset inside the group.
pub fn load_pool() -> Result<Vec<Base>, Box<dyn std::error::Error>> {
    // (document, gold group, family: groups that start together in every copy, labelled)
    let mut docs: Vec<(Document, String, String, bool)> = Vec::new();
    for name in [
        "basil",
        "ecbplus-dev",
        "hindi-covid-dev",
        "hindi-disaster-dev",
    ] {
        let path = format!("{SHARED}/stories/{name}.jsonl");
        let text = std::fs::read_to_string(&path)?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)?;
            let label = v.get("story").map(|s| match s {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if let Some(d) = build(line, &path, n + 1) {
                let label = label.unwrap_or_else(|| d.id.0.clone());
                // ECB+ topics hold two look-alike events: they start together in every copy,
                // the hardest case for keeping them apart (and no chain across copies).
                let family = match v.get("topic") {
                    Some(t) => format!("{name}/topic-{t}"),
                    None => format!("{name}/{label}"),
                };
                docs.push((d, format!("{name}/{label}"), family, true));
            }
        }
    }
    let web = format!("{SHARED}/hindi-news/webcorpus");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for outlet in std::fs::read_dir(&web)? {
        for f in std::fs::read_dir(outlet?.path())? {
            files.push(f?.path());
        }
    }
    files.sort();
    for (n, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f)?;
        let id = format!("web-{n}");
        let line = serde_json::json!({"id": id, "text": text}).to_string();
        if let Some(d) = build(&line, &web, n + 1) {
            docs.push((d, id.clone(), id, false));
        }
    }
    let wcxb = format!("{SHARED}/extraction/wcxb-dev-articles/ground-truth");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&wcxb)?
        .filter_map(|f| f.ok().map(|f| f.path()))
        .collect();
    files.sort();
    for (n, f) in files.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f)?)?;
        let g = &v["ground_truth"];
        let id = format!("wcxb-{n}");
        let line = serde_json::json!({
            "id": id,
            "title": g["title"],
            "date": g["publish_date"],
            "text": g["main_content"],
        })
        .to_string();
        if let Some(d) = build(&line, &wcxb, n + 1) {
            docs.push((d, id.clone(), id, false));
        }
    }
    let sh = format!("{SHARED}/extraction/scrapinghub/ground-truth.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sh)?)?;
    if let Some(map) = v.as_object() {
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort();
        for (n, k) in keys.into_iter().enumerate() {
            let id = format!("sh-{n}");
            let line =
                serde_json::json!({"id": id, "text": map[k]["articleBody"], "url": map[k]["url"]})
                    .to_string();
            if let Some(d) = build(&line, &sh, n + 1) {
                docs.push((d, id.clone(), id, false));
            }
        }
    }
    // Groups and offsets.
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut first: Vec<Option<i64>> = Vec::new();
    let mut family_of: HashMap<String, usize> = HashMap::new();
    let mut pool = Vec::with_capacity(docs.len());
    for (d, label, family, labelled) in docs {
        let next = group_of.len();
        let g = *group_of.entry(label).or_insert(next);
        let next = family_of.len();
        let family = *family_of.entry(family).or_insert(next);
        if g == first.len() {
            first.push(None);
        }
        if let Some(ts) = d.published.map(|p| p.timestamp()) {
            first[g] = Some(first[g].map_or(ts, |f| f.min(ts)));
        }
        pool.push(Base {
            doc: d,
            group: g,
            family,
            labelled,
            offset: 0,
        });
    }
    for (i, b) in pool.iter_mut().enumerate() {
        b.offset = match (b.doc.published.map(|p| p.timestamp()), first[b.group]) {
            (Some(ts), Some(f)) => (ts - f).clamp(0, 3 * DAY),
            _ => (hash2(i as u64, 7) % (2 * DAY as u64)) as i64,
        };
    }
    Ok(pool)
}

/// Sentences with their trailing whitespace (so joining them gives the text back).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_end = false;
    for (i, c) in text.char_indices() {
        if after_end && !c.is_whitespace() {
            out.push(&text[start..i]);
            start = i;
            after_end = false;
        }
        if matches!(c, '.' | '!' | '?' | '।' | '\n') {
            after_end = true;
        } else if !c.is_whitespace() {
            after_end = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// One light edit of a body text.
pub fn edit(text: &str, rng: &mut Rng) -> String {
    let mut parts: Vec<String> = sentences(text).into_iter().map(str::to_string).collect();
    let n = parts.len();
    match rng.below(4) {
        // Drop a sentence (never the lead).
        0 if n >= 3 => {
            parts.remove(1 + rng.below(n as u64 - 1) as usize);
        }
        // Swap two neighbouring sentences after the lead.
        1 if n >= 4 => {
            let i = 1 + rng.below(n as u64 - 2) as usize;
            parts.swap(i, i + 1);
        }
        // Change one digit of a number.
        2 => {
            let digits: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit() || ('०'..='९').contains(c))
                .collect();
            if !digits.is_empty() {
                let (at, c) = digits[rng.below(digits.len() as u64) as usize];
                let (zero, d) = if c.is_ascii_digit() {
                    ('0' as u32, c as u32 - '0' as u32)
                } else {
                    ('०' as u32, c as u32 - '०' as u32)
                };
                let new = char::from_u32(zero + (d + 1 + rng.below(9) as u32) % 10).unwrap_or(c);
                let mut s = String::with_capacity(text.len());
                s.push_str(&text[..at]);
                s.push(new);
                s.push_str(&text[at + c.len_utf8()..]);
                return s;
            }
        }
        // Swap two neighbouring words of one sentence.
        _ => {
            if n > 0 {
                let i = rng.below(n as u64) as usize;
                let mut words: Vec<&str> = parts[i].split(' ').collect();
                if words.len() >= 3 {
                    let j = rng.below(words.len() as u64 - 2) as usize;
                    words.swap(j, j + 1);
                    parts[i] = words.join(" ");
                }
            }
        }
    }
    parts.concat()
}

pub fn with_text(doc: &Document, text: String) -> Document {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            paragraphs.push(Span::new(at, at + line.len()));
        }
        at += line.len() + 1;
    }
    Document {
        fingerprint: khabar_ingest::fingerprint(&text),
        paragraphs,
        text,
        ..doc.clone()
    }
}

/// `per_text` variants of every pool text, each analysed: the first is the text itself, the others
/// are edited twice ([`edit`]), so that copies of one report differ as reprints do.
pub fn analysed_variants(
    pool: &[Base],
    per_text: usize,
    analyzer: &khabar_analyze::Analyzer,
    rng: &mut Rng,
) -> Vec<Vec<(Document, khabar_model::Analysis)>> {
    pool.iter()
        .map(|b| {
            (0..per_text)
                .map(|v| {
                    let doc = if v == 0 {
                        b.doc.clone()
                    } else {
                        let once = edit(&b.doc.text, rng);
                        with_text(&b.doc, edit(&once, rng))
                    };
                    let a = analyzer.analyze(&doc);
                    (doc, a)
                })
                .collect()
        })
        .collect()
}
