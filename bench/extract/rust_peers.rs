//! Runs rs-trafilatura and dom_smoothie over `DIR/html/*.html.gz`; writes
//! `OUT/<peer>-<dataset>.json` = {"texts": {id: text}, "seconds": extraction CPU time,
//! "wall_seconds": wall time}.
//! Built by bench/extract/run.sh in a scratch crate; the peers come from crates.io.
use std::io::Read;
use std::time::Instant;

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU), so a busy
/// machine does not count against the extractor.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(&args[1]);
    let out = std::path::Path::new(&args[2]);
    let ds = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir.join("html")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let id = name
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .to_string();
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap())
            .read_to_end(&mut s)
            .unwrap();
        pages.push((id, String::from_utf8_lossy(&s).into_owned()));
    }
    pages.sort();
    type F = fn(&str) -> String;
    let peers: [(&str, F); 2] = [
        ("rs-trafilatura", |h| {
            rs_trafilatura::extract(h)
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
        ("dom_smoothie", |h| {
            dom_smoothie::Readability::new(h, None, None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default()
        }),
    ];
    for (name, f) in peers {
        let mut texts = serde_json::Map::new();
        let t = Instant::now();
        let c0 = cpu_seconds();
        for (id, html) in &pages {
            texts.insert(id.clone(), serde_json::Value::String(f(html)));
        }
        let wall = t.elapsed().as_secs_f64();
        let secs = cpu_seconds().zip(c0).map_or(wall, |(b, a)| b - a);
        let v = serde_json::json!({"texts": texts, "seconds": secs, "wall_seconds": wall});
        std::fs::write(out.join(format!("{name}-{ds}.json")), v.to_string()).unwrap();
        eprintln!("{name}: {} pages of {ds} in {secs:.2} s", pages.len());
    }
}
