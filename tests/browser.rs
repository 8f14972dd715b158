//! End-to-end browser test of the web UI: the real binary builds stores from the seed articles
//! (and from the Hindi disaster development set when `../shared` has it), `khabar serve` serves
//! them on loopback, and `tests/browser/e2e.mjs` drives headless Chromium through story list →
//! story → article → entity → search, asserting what a user sees. Screenshots go to
//! `target/browser-screenshots/`.
//!
//! Needs /usr/bin/chromium (Debian's `chromium`; `KHABAR_CHROMIUM` names another), `node`, and
//! `npm ci --prefix tests/browser`; skips with the reason printed when one is missing.

mod common;
use common::*;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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

/// A `khabar serve` child process, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The status line of `GET path` on `port`, when the server answers.
fn get_status(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).ok()?;
    let head = String::from_utf8_lossy(&buf[..n]);
    head.lines().next().map(str::to_string)
}

/// Starts `khabar serve` on a free port and waits until it answers (a few tries: another
/// process may take the port between choosing and binding it).
fn serve(db: &Path) -> Server {
    for _ in 0..3 {
        let port = free_port();
        let child = khabar()
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--db"])
            .arg(db)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("khabar serve starts");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let until = Instant::now() + Duration::from_secs(60);
        while Instant::now() < until {
            if let Some(line) = get_status(port, "/api/health") {
                assert!(line.contains(" 200"), "the server answers {line}");
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                eprintln!("khabar serve on port {port} exited ({status}); trying another port");
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("khabar serve did not come up on {}", db.display());
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

    let shots = repo().join("target/browser-screenshots");
    let mut node = Command::new("node");
    node.arg(repo().join("tests/browser/e2e.mjs"))
        .args(["--seed", &seed.base])
        .arg("--shots")
        .arg(&shots)
        .arg("--chromium")
        .arg(chromium())
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
