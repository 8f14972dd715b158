//! End-to-end browser test of the web UI: the real binary builds stores from the seed articles
//! (and from the Hindi disaster development set when `../shared` has it), `khabar serve` serves
//! them on loopback, and `tests/browser/e2e.mjs` drives headless Chromium through story list →
//! story → article → entity → search, filters, paging, the Hindi UI, top stories, coverage and
//! feeds, and through a store of display-hostile articles, then again in a Chromium that sees no
//! system Devanagari font, asserting what a user sees. Screenshots go to
//! `target/browser-screenshots/`.
//!
//! `feeds_validate_with_feedparser` fetches every kind of Atom feed from a running server and
//! parses it with Python's feedparser (skips when python3 or feedparser is missing).
//!
//! Needs /usr/bin/chromium (Debian's `chromium`; `KHABAR_CHROMIUM` names another), `node`, and
//! `npm ci --prefix tests/browser`; skips with the reason printed when one is missing.

mod common;
use common::*;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> PathBuf {
    std::env::var_os("KHABAR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    let chromium = chromium();
    if !chromium.is_file() {
        return Some(format!(
            "{} is missing (apt-get install chromium)",
            chromium.display()
        ));
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        return Some("node is not on PATH".into());
    }
    let pw = repo().join("tests/browser/node_modules/playwright-core");
    if !pw.is_dir() {
        return Some(format!(
            "{} is missing (npm ci --prefix tests/browser)",
            pw.display()
        ));
    }
    None
}

fn serve(db: &Path) -> Server {
    serve_with(db, &[])
}

/// `khabar run PATH` into `db`.
fn build_store(path: &Path, db: &Path) {
    let t = Instant::now();
    let out = run(&["run", path.to_str().expect("a UTF-8 path")], db);
    assert!(
        out.status.success(),
        "khabar run {} failed: {}",
        path.display(),
        stderr(&out)
    );
    println!("store from {} in {:.1?}", path.display(), t.elapsed());
}

#[test]
fn web_ui_in_a_browser() {
    if let Some(why) = missing() {
        println!("skipping the browser test: {why}");
        eprintln!("skipping the browser test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let seed_db = dir.path().join("seed.db");
    build_store(&repo().join("examples/seeds"), &seed_db);
    let seed = serve(&seed_db);

    let disaster_set = shared().map(|s| s.join("data/stories/hindi-disaster-dev.jsonl"));
    let disaster = match disaster_set.filter(|p| p.is_file()) {
        Some(set) => {
            let db = dir.path().join("disaster.db");
            build_store(&set, &db);
            Some(serve(&db))
        }
        None => {
            println!("skipping the disaster-set part: ../shared/data/stories/hindi-disaster-dev.jsonl is absent");
            None
        }
    };

    let hostile_db = dir.path().join("hostile.db");
    let hostile_set = dir.path().join("hostile.jsonl");
    std::fs::write(&hostile_set, hostile_jsonl()).expect("writing the hostile set");
    build_store(&hostile_set, &hostile_db);
    let hostile = serve(&hostile_db);

    let shots = repo().join("target/browser-screenshots");
    let mut node = Command::new("node");
    node.arg(repo().join("tests/browser/e2e.mjs"))
        .args(["--seed", &seed.base])
        .arg("--shots")
        .arg(&shots)
        .arg("--chromium")
        .arg(chromium())
        .args(["--hostile", &hostile.base])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = &disaster {
        node.args(["--disaster", &d.base]);
    }
    let mut child = node.spawn().expect("node runs");
    // Read the output on threads so a chatty child never blocks on a full pipe.
    let mut out_pipe = child.stdout.take().expect("stdout piped");
    let mut err_pipe = child.stderr.take().expect("stderr piped");
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let until = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Some(s) = child.try_wait().expect("waiting for node") {
            break Some(s);
        }
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let out = out_t.join().unwrap_or_default();
    let err = err_t.join().unwrap_or_default();
    println!("{out}");
    if !err.is_empty() {
        println!("stderr:\n{err}");
    }
    drop(seed);
    drop(disaster);
    drop(hostile);
    let status = status.expect("the browser test finished within 5 minutes");
    assert!(
        status.success(),
        "the browser test failed ({status}); screenshots in {}",
        shots.display()
    );
    assert!(
        out.contains("0 failed"),
        "the browser test did not report its checks"
    );
    assert!(
        shots.join("seed-2-story.png").is_file(),
        "no screenshot of the story page"
    );
}

/// Articles that try to break the page: a title with a right-to-left override, an outlet name of
/// 5,000 letters without a break, and enough separate stories for several pages of two.
fn hostile_jsonl() -> String {
    let mut lines = vec![serde_json::json!({
        "id": "bidi-title",
        "title": "abc\u{202E}gpj.exe harbour fire",
        "outlet": "x".repeat(5000),
        "language": "en",
        "published": "2024-03-01T10:00:00+00:00",
        "text": "A fire broke out in the harbour of Kochi on Friday. Firefighters said 12 boats burned.",
    })];
    let topics = [
        (
            "Flooding closes schools in Assam",
            "Heavy rain flooded roads in Guwahati and schools were closed for two days.",
        ),
        (
            "New metro line opens in Pune",
            "The city opened a metro line between Swargate and Pimpri with twelve stations.",
        ),
        (
            "Tea exports rise in the first quarter",
            "Exporters in Darjeeling reported higher sales of tea to Europe this spring.",
        ),
        (
            "Chess olympiad begins in Chennai",
            "Players from ninety countries arrived in Chennai for the chess olympiad.",
        ),
        (
            "Heatwave warning for Rajasthan",
            "The weather office warned of temperatures above 46 degrees in Barmer and Jaisalmer.",
        ),
    ];
    for (i, (title, text)) in topics.iter().enumerate() {
        lines.push(serde_json::json!({
            "id": format!("plain-{i}"),
            "title": title,
            "outlet": format!("Outlet {i}"),
            "language": "en",
            "published": format!("2024-03-0{}T09:00:00+05:30", i + 2),
            "text": text,
        }));
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The body of `GET path` from the server on `base` (`http://127.0.0.1:PORT`), with its status
/// line and content type.
fn http_get(base: &str, path: &str) -> (String, String, Vec<u8>) {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("the server accepts");
    s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("the answer is read");
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head.lines().next().unwrap_or("").to_string();
    let ctype = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-type")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_default();
    let body = buf[split + 4..].to_vec();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(&body)
    } else {
        body
    };
    (status, ctype, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        let start = i + 2;
        out.extend_from_slice(&b[start..(start + n).min(b.len())]);
        b = &b[(start + n + 2).min(b.len())..];
    }
    out
}

/// Why feedparser cannot run here, if it cannot.
fn feedparser_missing() -> Option<String> {
    let ok = Command::new("python3")
        .args(["-c", "import feedparser"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match ok {
        Ok(s) if s.success() => None,
        Ok(_) => Some("python3 has no feedparser (pip install feedparser)".into()),
        Err(_) => Some("python3 is not on PATH".into()),
    }
}

/// Parses `xml` with feedparser: (version, entries) or the parser's complaint.
fn feedparser(xml: &[u8]) -> Result<(String, usize), String> {
    let script = r#"
import sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
if d.bozo:
    print('bozo:', d.bozo_exception)
    sys.exit(1)
for e in d.entries:
    assert e.get('title') and e.get('link') and e.get('id') and e.get('updated_parsed'), e
print(d.version, len(d.entries))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(xml)
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!("{text}{}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut parts = text.split_whitespace();
    let version = parts.next().unwrap_or("").to_string();
    let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    Ok((version, n))
}

#[test]
fn feeds_validate_with_feedparser() {
    if let Some(why) = feedparser_missing() {
        println!("skipping the feed test: {why}");
        eprintln!("skipping the feed test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.db");
    build_store(&repo().join("examples/seeds"), &db);
    let server = serve(&db);
    let (_, _, stories) = http_get(&server.base, "/api/stories");
    let stories: serde_json::Value = serde_json::from_slice(&stories).expect("story list JSON");
    let story = stories["items"][0]["id"]
        .as_str()
        .expect("a story")
        .to_string();
    let (_, _, entities) = http_get(&server.base, "/api/entities");
    let entities: serde_json::Value = serde_json::from_slice(&entities).expect("entity list JSON");
    let entity = entities["items"][0]["id"]
        .as_str()
        .expect("an entity")
        .to_string();
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    for (path, at_least) in [
        (format!("/stories/{}/feed.atom", enc(&story)), 2),
        (format!("/entities/{}/feed.atom", enc(&entity)), 1),
        (format!("/search/feed.atom?q={}", enc("कज़ाख़स्तान")), 1),
        ("/top/feed.atom".to_string(), 1),
    ] {
        let (status, ctype, body) = http_get(&server.base, &path);
        assert!(status.contains(" 200"), "{path}: {status}");
        assert!(ctype.starts_with("application/atom+xml"), "{path}: {ctype}");
        match feedparser(&body) {
            Ok((version, n)) => {
                println!("{path}: {version}, {n} entries");
                assert_eq!(version, "atom10", "{path}");
                assert!(n >= at_least, "{path}: {n} entries");
            }
            Err(e) => panic!("feedparser rejects {path}: {e}"),
        }
    }
}
