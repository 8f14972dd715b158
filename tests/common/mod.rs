//! Helpers for the end-to-end tests: run the real `khabar` binary.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn khabar() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khabar"));
    c.env_remove("KHABAR_DB").current_dir(repo());
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repo, when it exists (CI has it; a fresh clone may not).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

pub fn run(args: &[&str], db: &Path) -> Output {
    let out = khabar()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("khabar runs");
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "khabar failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

/// Normalise the way khabar's clean text is normalised (NFC, NBSP as a space) for comparing
/// gold strings with output.
pub fn norm(s: &str) -> String {
    khabar_text::normalize(s)
}

/// An HTTP/1.1 request read by the tests' loopback servers: its path and its headers (names
/// in lower case).
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a request's line and headers from `stream` (the body, if any, is left unread).
pub fn read_request(stream: &std::net::TcpStream) -> Option<Request> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(stream.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let path = first.split_whitespace().nth(1)?.to_string();
    Some(Request { path, headers })
}

/// A `khabar serve` child process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The status line of `GET path` on `port`, when the server answers.
pub fn get_status(port: u16, path: &str) -> Option<String> {
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

/// Starts `khabar serve` (with `extra` arguments) on a free port and waits until it answers (a few tries: another
/// process may take the port between choosing and binding it).
pub fn serve_with(db: &Path, extra: &[&str]) -> Server {
    for _ in 0..3 {
        let port = free_port();
        let child = khabar()
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--db"])
            .arg(db)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("khabar serve starts");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            port,
        };
        // Long enough for a debug build on a loaded machine to open a large store.
        let until = Instant::now() + Duration::from_secs(120);
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

/// One HTTP/1.1 request; (status, body). None when the server does not answer.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(120))).ok()?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

/// `GET path` as JSON: (status, body; Null when the body is not JSON). Panics when the server
/// does not answer.
pub fn get_json(port: u16, path: &str) -> (u16, serde_json::Value) {
    let (s, body) = request(port, "GET", path, None).expect("the server answers");
    (
        s,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    )
}

/// Does `/api/search?q=word` list the article `id`?
pub fn found_by_search(port: u16, word: &str, id: &str) -> bool {
    let (s, v) = get_json(port, &format!("/api/search?q={word}"));
    s == 200
        && v["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|h| h["id"] == id))
}
