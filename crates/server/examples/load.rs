//! Load test: starts the server in-process on a free port, then runs keep-alive HTTP/1.1
//! clients against a mix of pages and API calls and prints requests per second and latency
//! percentiles.
//!
//! ```text
//! cargo run --release -p khabar-server --example load -- [--db khabar.db] [--articles 5000]
//!     [--clients 32] [--seconds 10]
//! ```
//! Without `--db` a synthetic database is generated in a temporary folder. `--db` takes a
//! SQLite file or a PostgreSQL URL.
//!
//! `--target HOST:PORT[,HOST:PORT…]` runs the clients against servers already running (e.g.
//! several `khabar serve` on one store, `bench/scale/run.sh`), client `i` on target
//! `i mod n`, with the paths of `--db`; the figures are the sum over the targets.
//!
//! `--make-db PATH --articles N` only writes a synthetic database; `--export PATH` only streams
//! exports of it to nowhere and prints rows per second and the peak memory (VmHWM).

use khabar_model::*;
use khabar_server::{router, AppState, ServeConfig};
use khabar_store::{DbSpec, SqliteStore, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const WORDS: &[&str] = &[
    "बाढ़",
    "राहत",
    "सरकार",
    "मंत्री",
    "पुलिस",
    "लोग",
    "गांव",
    "बारिश",
    "नदी",
    "सड़क",
    "हजार",
    "घोषणा",
    "मुख्यमंत्री",
    "जिला",
    "अधिकारी",
    "टीम",
    "बचाव",
    "नुकसान",
    "दिल्ली",
    "पटना",
];

fn synth(n: usize, path: &std::path::Path) -> Vec<String> {
    let mut store = SqliteStore::open(path).expect("open db");
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut stories: Vec<Story> = Vec::new();
    let mut docs = Vec::with_capacity(1000);
    let flush = |docs: &mut Vec<(Document, Option<Analysis>)>,
                 store: &mut SqliteStore,
                 stories: &mut Vec<Story>| {
        store.put_articles(docs).expect("put");
        for c in docs.chunks(5) {
            stories.push(Story {
                id: StoryId::from_key(c[0].0.id.as_str()),
                title: c[0].0.title.clone().unwrap_or_default(),
                articles: c.iter().map(|(d, _)| d.id.clone()).collect(),
                outlets: c.iter().filter_map(|(d, _)| d.outlet.clone()).collect(),
                languages: vec!["hi".into()],
                first_published: c[0].0.published,
                last_published: c[c.len() - 1].0.published,
                shared_terms: vec![],
                entities: vec![],
                copies: vec![],
                timeline: vec![],
                comparison: Comparison::default(),
            });
        }
        docs.clear();
    };
    for i in 0..n {
        let mut text = String::new();
        for s in 0..8 {
            for _ in 0..12 {
                text.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
                text.push(' ');
            }
            text.push_str(if s % 4 == 3 { "।\n\n" } else { "। " });
        }
        let text = text.trim().to_string();
        let day = 1 + (i / 50) % 28;
        let d = Document {
            id: ArticleId(format!("a{i:06}")),
            source: "synthetic".into(),
            url: None,
            outlet: Some(format!("Outlet {}", i % 7)),
            title: Some(format!(
                "{} {} {i}",
                WORDS[i % WORDS.len()],
                WORDS[(i * 7) % WORDS.len()]
            )),
            author: None,
            authors: vec![],
            published: PubTime::parse(&format!("2022-01-{day:02}T10:00:00+05:30")).ok(),
            updated: None,
            language: Some("hi".into()),
            dateline: None,
            paragraphs: vec![Span::new(0, text.len())],
            text,
            captions: vec![],
            dropped: vec![],
            fingerprint: format!("{i}"),
        };
        let mut a = Analysis::empty(d.id.clone(), "hi");
        a.sentences = khabar_text::sentences(&d.text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        docs.push((d, Some(a)));
        if docs.len() == 1000 {
            flush(&mut docs, &mut store, &mut stories);
        }
    }
    if !docs.is_empty() {
        flush(&mut docs, &mut store, &mut stories);
    }
    store.replace_stories(&stories).expect("stories");
    let mut paths = vec!["/api/stories".to_string(), "/".to_string()];
    for (i, s) in stories.iter().enumerate().take(200) {
        paths.push(format!("/api/stories/{}", s.id));
        paths.push(format!("/stories/{}", s.id));
        paths.push(format!("/api/articles/{}", s.articles[0]));
        paths.push(format!("/articles/{}", s.articles[0]));
        if i % 10 == 0 {
            paths.push(format!("/api/search?q={}", url(WORDS[i % WORDS.len()])));
        }
    }
    paths
}

fn url(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn one(
    r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    w: &mut tokio::net::tcp::OwnedWriteHalf,
    path: &str,
) -> std::io::Result<u16> {
    w.write_all(format!("GET {path} HTTP/1.1\r\nHost: load\r\n\r\n").as_bytes())
        .await?;
    let mut line = String::new();
    r.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut len = 0usize;
    loop {
        line.clear();
        r.read_line(&mut line).await?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).await?;
    Ok(status)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let clients: usize = arg(&args, "--clients")
        .and_then(|s| s.parse().ok())
        .unwrap_or(32);
    let seconds: u64 = arg(&args, "--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let n: usize = arg(&args, "--articles")
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    if let Some(path) = arg(&args, "--make-db") {
        let t = Instant::now();
        synth(n, std::path::Path::new(&path));
        eprintln!("{path}: {n} synthetic articles in {:?}", t.elapsed());
        return;
    }
    if let Some(path) = arg(&args, "--export") {
        let store = SqliteStore::open(std::path::Path::new(&path)).expect("open db");
        for (what, format) in [("articles", "jsonl"), ("articles", "csv"), ("facts", "csv")] {
            let t = Instant::now();
            let mut out = std::io::BufWriter::new(std::io::sink());
            let rows = khabar_server::export(
                &store,
                what.parse().expect("what"),
                format.parse().expect("format"),
                &Default::default(),
                &mut out,
            )
            .expect("export");
            println!(
                "export {what} {format}: {rows} rows in {:.2} s ({:.0} rows/s)",
                t.elapsed().as_secs_f64(),
                rows as f64 / t.elapsed().as_secs_f64()
            );
        }
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        for l in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("{l}");
        }
        return;
    }
    let dir = tempfile_dir();
    let (db, paths) = match arg(&args, "--db") {
        Some(db) => {
            let db = DbSpec::parse(&db);
            let s = khabar_store::open(&db).expect("open db");
            let mut paths = vec!["/api/stories".to_string(), "/".to_string()];
            for (i, st) in s.stories().expect("stories").iter().take(200).enumerate() {
                if i % 10 == 0 {
                    paths.push(format!("/api/search?q={}", url(WORDS[i % WORDS.len()])));
                }
                paths.push(format!("/api/stories/{}", st.id));
                paths.push(format!("/stories/{}", st.id));
                if let Some(a) = st.articles.first() {
                    paths.push(format!("/api/articles/{}", url(a.as_str())));
                    paths.push(format!("/articles/{}", url(a.as_str())));
                }
            }
            (db, paths)
        }
        None => {
            let db = dir.join("load.db");
            let t = Instant::now();
            let paths = synth(n, &db);
            eprintln!("synthetic db: {n} articles in {:?}", t.elapsed());
            (DbSpec::Sqlite(db), paths)
        }
    };
    let targets: Vec<std::net::SocketAddr> = arg(&args, "--target")
        .map(|t| {
            t.split(',')
                .map(|a| a.trim().parse().expect("--target HOST:PORT[,HOST:PORT…]"))
                .collect()
        })
        .unwrap_or_default();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let targets = if targets.is_empty() {
            let mut cfg = ServeConfig::new(db);
            cfg.readers = 4;
            let t = Instant::now();
            let state = AppState::open(&cfg).expect("state");
            eprintln!("snapshot built in {:?}", t.elapsed());
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().expect("addr");
            tokio::spawn(async move {
                let _ = axum::serve(listener, router(state)).await;
            });
            vec![addr]
        } else {
            targets
        };
        let n_targets = targets.len();
        let stop = Arc::new(AtomicBool::new(false));
        let paths = Arc::new(paths);
        let mut handles = Vec::new();
        for c in 0..clients {
            let stop = stop.clone();
            let paths = paths.clone();
            let addr = targets[c % targets.len()];
            handles.push(tokio::spawn(async move {
                let s = TcpStream::connect(addr).await.expect("connect");
                s.set_nodelay(true).ok();
                let (r, mut w) = s.into_split();
                let mut r = BufReader::new(r);
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let mut i = c * 7919;
                while !stop.load(Ordering::Relaxed) {
                    let p = &paths[i % paths.len()];
                    i += 1;
                    let t = Instant::now();
                    match one(&mut r, &mut w, p).await {
                        Ok(200) => lat.push(t.elapsed()),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            break;
                        }
                    }
                }
                (lat, errors)
            }));
        }
        let t = Instant::now();
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        let mut errors = 0;
        for h in handles {
            let (l, e) = h.await.expect("client");
            all.extend(l);
            errors += e;
        }
        let secs = t.elapsed().as_secs_f64();
        all.sort();
        let pct = |p: f64| {
            all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
                .copied()
                .unwrap_or_default()
        };
        println!(
            "{} requests in {secs:.1} s: {:.0} req/s, p50 {:?}, p99 {:?}, max {:?}, errors {errors} \
             ({clients} keep-alive clients, {} distinct paths, {n_targets} server(s))",
            all.len(),
            all.len() as f64 / secs,
            pct(0.50),
            pct(0.99),
            all.last().copied().unwrap_or_default(),
            paths.len()
        );
    });
}

fn tempfile_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}
