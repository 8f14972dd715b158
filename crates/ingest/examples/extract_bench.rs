//! khabar's side of `bench/extract/run.sh`.
//!
//! * `extract_bench run DIR OUT` extracts every page of the benchmark folder `DIR` with khabar
//!   and writes `OUT/khabar-<dataset>.json` = `{"texts": {id: text}, "seconds": s,
//!   "wall_seconds": w}`, the same shape the peers write: `seconds` is the thread's CPU time over
//!   charset decoding and extraction (not file reading or gzip), `wall_seconds` the wall time.
//! * `extract_bench table DATA OUT MD [DATASET...]` scores every `OUT/<peer>-<dataset>.json` with
//!   one metric (`khabar_ingest::eval::score_texts`, the one `khabar eval extract` uses), prints a
//!   Markdown table and writes it into the file `MD` as the section "Extraction".
//! * `extract_bench worst DIR OUT PEER [N]` lists the N worst pages of one peer by F1.
//! * `extract_bench dates DIR` lists the WCXB pages whose publication date is missed.
//! * `extract_bench depth DIR` lists every page's deepest tag nesting (as `MAX_DEPTH` counts it),
//!   the parse's work (as `tree::MAX_WORK` counts it) and whether the parse was cut.
//! * `extract_bench blocks PAGE` prints the raw blocks of one page, for debugging.
//! * `extract_bench prepared DIR OUT` writes every page as the HTML5 parser gets it.
//! * `extract_bench dump DIR OUT` writes everything extraction gives for every page as JSON lines.
//! * `extract_bench charsets FILE...` prints the charset each file is read in as HTML and as XML.
//! * `extract_bench time PAGE...` decodes and extracts each page once and prints its CPU seconds,
//!   size, block count and whether the parse was cut (with `/usr/bin/time -f %M` for memory).

use khabar_ingest::charset::decode_html;
use khabar_ingest::eval::{load_pages, score_texts};
use khabar_ingest::html::extract;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

const PEERS: [&str; 5] = [
    "khabar",
    "trafilatura",
    "readability-lxml",
    "rs-trafilatura",
    "dom_smoothie",
];
const SECTION: &str = "## Extraction (bench/extract/run.sh)";

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn dataset_name(dir: &Path) -> String {
    dir.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn run(dir: &Path, out: &Path) -> Res<()> {
    let pages = load_pages(dir)?;
    let mut texts = serde_json::Map::new();
    let mut total = Duration::ZERO;
    let c0 = cpu_seconds();
    for (id, url, bytes) in &pages {
        let t0 = Instant::now();
        let html = decode_html(bytes, None);
        let text = extract(&html, url.as_deref()).text();
        total += t0.elapsed();
        texts.insert(id.clone(), serde_json::Value::String(text));
    }
    // CPU time of the whole loop (so a busy machine does not count); wall time of extraction.
    let wall = total.as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map_or(wall, |(b, a)| b - a);
    let v = serde_json::json!({"texts": texts, "seconds": cpu, "wall_seconds": wall});
    let path = out.join(format!("khabar-{}.json", dataset_name(dir)));
    std::fs::write(&path, v.to_string())?;
    eprintln!(
        "khabar: {} pages of {} in {cpu:.2} s CPU ({wall:.2} s wall)",
        pages.len(),
        dataset_name(dir),
    );
    Ok(())
}

/// A page's bytes, from `.html` or `.html.gz`.
fn read_page(path: &str) -> Res<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if !path.ends_with(".gz") {
        return Ok(raw);
    }
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)?;
    Ok(out)
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

struct PeerRun {
    texts: HashMap<String, String>,
    seconds: f64,
}

fn read_run(path: &Path) -> Res<PeerRun> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let texts = v
        .get("texts")
        .and_then(|t| t.as_object())
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default();
    let seconds = v.get("seconds").and_then(|s| s.as_f64()).unwrap_or(0.0);
    Ok(PeerRun { texts, seconds })
}

fn table(data: &Path, out: &Path, md: &Path, sets: &[String]) -> Res<()> {
    let mut lines = vec![
        SECTION.to_string(),
        String::new(),
        "| Dataset | Extractor | Precision | Recall | F1 | Pages per CPU second (one thread) | vs trafilatura |"
            .to_string(),
        "|---|---|---|---|---|---|---|".to_string(),
    ];
    for ds in sets {
        let dir = data.join(ds);
        let mut rows = Vec::new();
        for peer in PEERS {
            let p = out.join(format!("{peer}-{ds}.json"));
            if !p.is_file() {
                continue;
            }
            let r = read_run(&p)?;
            let s = score_texts(&dir, &r.texts)?;
            let pps = if r.seconds > 0.0 {
                s.pages as f64 / r.seconds
            } else {
                0.0
            };
            rows.push((peer, s, pps));
        }
        let traf = rows
            .iter()
            .find(|r| r.0 == "trafilatura")
            .map(|r| r.2)
            .unwrap_or(0.0);
        for (peer, s, pps) in rows {
            let rel = if traf > 0.0 {
                format!("{:.1}x", pps / traf)
            } else {
                "–".to_string()
            };
            lines.push(format!(
                "| {ds} ({} pages) | {peer} | {:.3} | {:.3} | {:.3} | {pps:.1} | {rel} |",
                s.pages, s.precision, s.recall, s.f1
            ));
        }
    }
    let text = lines.join("\n") + "\n";
    println!("{text}");
    let old = std::fs::read_to_string(md).unwrap_or_else(|_| "# Benchmarks\n".to_string());
    let kept = match old.find(SECTION) {
        Some(start) => {
            let rest = &old[start + SECTION.len()..];
            match rest.find("\n## ") {
                Some(end) => format!("{}{}", &old[..start], &rest[end + 1..]),
                None => old[..start].to_string(),
            }
        }
        None => old,
    };
    std::fs::write(md, format!("{}\n\n{text}", kept.trim_end()))?;
    Ok(())
}

fn worst(dir: &Path, out: &Path, peer: &str, n: usize) -> Res<()> {
    let r = read_run(&out.join(format!("{peer}-{}.json", dataset_name(dir))))?;
    let s = score_texts(dir, &r.texts)?;
    for (id, f) in s.per_page.iter().take(n) {
        let len = r.texts.get(id).map(|t| t.len()).unwrap_or(0);
        println!("{f:.3}\t{id}\t{len} bytes");
    }
    Ok(())
}

/// WCXB pages whose publication date khabar gets wrong: id, gold, found, URL.
fn dates(dir: &Path) -> Res<()> {
    let (mut n, mut hit) = (0, 0);
    for (id, url, bytes) in load_pages(dir)? {
        let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
            dir.join("ground-truth").join(format!("{id}.json")),
        )?)?;
        let Some(gold) = g["ground_truth"]["publish_date"].as_str() else {
            continue;
        };
        let gold = gold.get(..10).unwrap_or(gold);
        let ex = extract(&decode_html(&bytes, None), url.as_deref());
        let got = ex
            .published
            .map(|p| p.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        n += 1;
        if got == gold {
            hit += 1;
        } else {
            println!("{id}\t{gold}\t{got}\t{}", url.unwrap_or_default());
        }
    }
    println!("date accuracy {hit}/{n}");
    Ok(())
}

fn main() -> Res<()> {
    let a: Vec<String> = std::env::args().collect();
    let arg = |i: usize| a.get(i).map(String::as_str).unwrap_or("");
    match arg(1) {
        "run" if a.len() == 4 => run(Path::new(arg(2)), Path::new(arg(3))),
        "table" if a.len() >= 5 => {
            let mut sets: Vec<String> = a[5..].to_vec();
            if sets.is_empty() {
                sets = vec!["scrapinghub".into(), "wcxb-dev-articles".into()];
            }
            table(
                Path::new(arg(2)),
                Path::new(arg(3)),
                Path::new(arg(4)),
                &sets,
            )
        }
        "dates" if a.len() == 3 => dates(Path::new(arg(2))),
        "prepared" if a.len() == 4 => {
            // Every page as the HTML5 parser gets it, into OUT/<id>.html (for measurement).
            let out = Path::new(arg(3));
            std::fs::create_dir_all(out)?;
            for (id, _, bytes) in load_pages(Path::new(arg(2)))? {
                let p = khabar_ingest::html::debug_prepare(&decode_html(&bytes, None));
                std::fs::write(out.join(format!("{id}.html")), p)?;
            }
            Ok(())
        }
        "depth" if a.len() == 3 => {
            // The deepest tag nesting of every page (as `MAX_DEPTH` counts it), deepest last,
            // with the parse's work (as `MAX_WORK` counts it) and whether the parse was cut.
            let mut d: Vec<(usize, u64, bool, String)> = load_pages(Path::new(arg(2)))?
                .into_iter()
                .map(|(id, _, bytes)| {
                    let html = decode_html(&bytes, None);
                    let (work, cut) = khabar_ingest::html::debug_work(&html);
                    (khabar_ingest::html::debug_depth(&html), work, cut, id)
                })
                .collect();
            d.sort();
            for (depth, work, cut, id) in d {
                println!("{depth}\t{work}\tcut={cut}\t{id}");
            }
            Ok(())
        }
        "dump" if a.len() == 4 => {
            // Everything extraction gives for every page (one JSON object a line), to compare
            // two builds' output byte for byte.
            let mut out = String::new();
            for (id, url, bytes) in load_pages(Path::new(arg(2)))? {
                let e = extract(&decode_html(&bytes, None), url.as_deref());
                out.push_str(&serde_json::json!({"id": id, "extracted": e}).to_string());
                out.push('\n');
            }
            std::fs::write(arg(3), out)?;
            Ok(())
        }
        "charsets" if a.len() >= 3 => {
            // The charset each file would be read in, as HTML and as XML (to compare builds).
            for path in &a[2..] {
                let bytes = read_page(path)?;
                let (html, why) = khabar_ingest::charset::detect_encoding(&bytes, None);
                let (xml, _) = khabar_ingest::charset::detect_xml_encoding(&bytes);
                println!("{}\t{why:?}\t{xml:?}\t{path}", html.name());
            }
            Ok(())
        }
        "time" if a.len() >= 3 => {
            for path in &a[2..] {
                let bytes = read_page(path)?;
                let c0 = cpu_seconds();
                let e = extract(&decode_html(&bytes, None), None);
                let cpu = cpu_seconds().zip(c0).map_or(0.0, |(b, a)| b - a);
                println!(
                    "{cpu:.3} s\t{} bytes\t{} blocks\tcut={}\tover_budget={}\t{path}",
                    bytes.len(),
                    e.blocks.len(),
                    e.cut,
                    e.over_budget
                );
            }
            Ok(())
        }
        "blocks" if a.len() == 3 => {
            // Raw blocks of one page (`.html` or `.html.gz`) with their flags and containers.
            let bytes = read_page(arg(2))?;
            for l in khabar_ingest::html::debug_blocks(&decode_html(&bytes, None)) {
                println!("{l}");
            }
            Ok(())
        }
        "worst" if a.len() >= 5 => worst(
            Path::new(arg(2)),
            Path::new(arg(3)),
            arg(4),
            arg(5).parse().unwrap_or(20),
        ),
        _ => {
            eprintln!(
                "usage: extract_bench run DIR OUT | table DATA OUT MD [DATASET...] | worst DIR OUT PEER [N] | dates DIR | depth DIR | blocks PAGE | prepared DIR OUT | dump DIR OUT | charsets FILE... | time PAGE..."
            );
            std::process::exit(2)
        }
    }
}
