//! Runs rs-trafilatura and dom_smoothie over `DIR/html/*.html.gz`; writes
//! `OUT/<peer>-<dataset>.json` = {"texts": {id: text}, "seconds": extraction time}.
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(&args[1]);
    let out = std::path::Path::new(&args[2]);
    let ds = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir.join("html")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let id = name.trim_end_matches(".gz").trim_end_matches(".html").to_string();
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap()).read_to_end(&mut s).unwrap();
        pages.push((id, String::from_utf8_lossy(&s).into_owned()));
    }
    type F = fn(&str) -> String;
    let peers: [(&str, F); 2] = [
        ("rs-trafilatura", |h| rs_trafilatura::extract(h).map(|r| r.content_text).unwrap_or_default()),
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
        for (id, html) in &pages {
            texts.insert(id.clone(), serde_json::Value::String(f(html)));
        }
        let secs = t.elapsed().as_secs_f64();
        let v = serde_json::json!({"texts": texts, "seconds": secs});
        std::fs::write(out.join(format!("{name}-{ds}.json")), v.to_string()).unwrap();
    }
}
