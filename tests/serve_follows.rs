//! End to end through the real binary (#19, #17): a running `khabar serve` follows what other
//! processes write, every given id answers, and `POST /api/articles` answers what was stored,
//! during a CLI ingest and on a full disk.

mod common;

use common::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn wait_for(port: u16) -> bool {
    let until = Instant::now() + Duration::from_secs(120);
    while Instant::now() < until {
        if let Some((200, _)) = request(port, "GET", "/api/health", None) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn serve(db: &Path, extra: &[&str]) -> Server {
    serve_with(db, extra)
}

/// An English article with a made-up word no other article has.
fn article(id: &str, word: &str) -> Value {
    serde_json::json!({
        "id": id, "outlet": "Test Times", "language": "en", "published": "2024-05-02",
        "title": format!("Flood waters rise in {word} district"),
        "text": format!("Flood waters rose in the {word} district on Thursday after heavy rain. \
                         Officials in {word} said relief camps were opened for families. \
                         The river crossed the danger mark near the {word} bridge."),
    })
}

fn write_jsonl(path: &Path, items: &[Value]) {
    let mut f = std::fs::File::create(path).unwrap();
    for v in items {
        writeln!(f, "{v}").unwrap();
    }
}

const WORDS: &[&str] = &[
    "zorblax",
    "quixotrel",
    "vembrith",
    "plunkatt",
    "gryzzle",
    "snorvath",
    "twindlep",
    "krumbolt",
    "flizzard",
    "mardoxen",
];

/// Polls `f` for up to `limit`; how long it took to hold.
fn within(limit: Duration, mut f: impl FnMut() -> bool) -> Option<Duration> {
    let t = Instant::now();
    while t.elapsed() < limit {
        if f() {
            return Some(t.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

#[test]
fn serve_shows_what_another_process_runs_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let first = dir.path().join("first.jsonl");
    write_jsonl(&first, &[article("f-1", WORDS[0])]);
    let out = run(&["run", first.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let server = serve(&db, &[]);
    let (_, v) = get_json(server.port, "/api/health");
    assert_eq!(v["article_count"], 1);

    let second = dir.path().join("second.jsonl");
    write_jsonl(
        &second,
        &[article("s-1", WORDS[1]), article("s-2", WORDS[2])],
    );
    let out = run(&["run", second.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let done = Instant::now();
    let seen = within(Duration::from_secs(5), || {
        let (_, v) = get_json(server.port, "/api/articles/s-2");
        let (_, h) = get_json(server.port, "/api/health");
        v["article"]["story"].is_string()
            && h["article_count"] == 3
            && found_by_search(server.port, WORDS[2], "s-2")
    });
    assert!(
        seen.is_some(),
        "the server does not show the new article, its story and its search hit within 5 s"
    );
    // The story list holds the new story.
    let (_, v) = get_json(server.port, "/api/articles/s-2");
    let story = v["article"]["story"].as_str().unwrap().to_string();
    let (s, _) = get_json(server.port, &format!("/api/stories/{story}"));
    assert_eq!(s, 200);
    println!(
        "seen by the server {:?} after `khabar run` ended",
        done.elapsed()
    );
}

#[test]
fn every_given_id_of_the_disaster_set_answers() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let set = shared.join("data/stories/hindi-disaster-dev.jsonl");
    if !set.is_file() {
        eprintln!("skipped: {} is absent", set.display());
        return;
    }
    let ids: Vec<String> = std::fs::read_to_string(&set)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = run(&["run", "--json", set.to_str().unwrap()], &db);
    let v = json(&out);
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap() as usize;
    let same = s["same_text"].as_array().unwrap().len();
    assert_eq!(
        n("inserted") + n("updated") + n("unchanged") + same + n("errors"),
        ids.len(),
        "the summary adds up to the input: {s}"
    );
    for pair in s["same_text"].as_array().unwrap() {
        println!("same text: {} → {}", pair["given"], pair["stored"]);
    }
    let server = serve(&db, &[]);
    let mut answering = std::collections::BTreeSet::new();
    for id in &ids {
        let (status, v) = get_json(server.port, &format!("/api/articles/{id}"));
        assert_eq!(status, 200, "{id} does not answer: {v}");
        answering.insert(id.clone());
    }
    assert_eq!(answering.len(), ids.len());
    println!("{} of {} given ids answer", answering.len(), ids.len());
}

#[test]
fn a_post_during_a_cli_ingest_answers_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let seed = dir.path().join("seed.jsonl");
    write_jsonl(&seed, &[article("seed-1", "seedword")]);
    assert!(run(&["run", seed.to_str().unwrap()], &db).status.success());
    let server = serve(&db, &["--allow-ingest"]);
    // A long CLI ingest: many files, written in batches while the server takes POSTs.
    let big = dir.path().join("big");
    std::fs::create_dir(&big).unwrap();
    // Long enough, on one analysis thread, that the POSTs below land while it runs even on a
    // quiet machine (the test asserts that some did).
    let items: Vec<Value> = (0..4000)
        .map(|i| {
            let mut a = article(&format!("big-{i}"), "bulkword");
            a["text"] = Value::String(format!(
                "{} Report number {i} of the series, with its own count of {} families.",
                a["text"].as_str().unwrap(),
                i * 7 + 3
            ));
            a
        })
        .collect();
    for (n, chunk) in items.chunks(50).enumerate() {
        write_jsonl(&big.join(format!("part-{n:03}.jsonl")), chunk);
    }
    let mut cli = khabar()
        .args(["ingest", "--threads", "1", big.to_str().unwrap(), "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // POST once the CLI has committed its first batch: it then holds the index's write lock.
    let started = within(Duration::from_secs(120), || {
        let (_, h) = get_json(server.port, "/api/health");
        h["article_count"].as_u64().is_some_and(|n| n > 1)
    });
    assert!(
        started.is_some(),
        "the CLI ingest stored nothing within 120 s"
    );
    let mut answers = Vec::new();
    let mut during = 0;
    for (i, word) in WORDS.iter().take(6).enumerate() {
        let id = format!("post-{i}");
        let (status, body) = request(
            server.port,
            "POST",
            "/api/articles",
            Some(&article(&id, word)),
        )
        .expect("the server answers");
        if cli.try_wait().unwrap().is_none() {
            during += 1;
        }
        answers.push((id, word, status, body));
    }
    let cli_status = cli.wait().unwrap();
    assert!(cli_status.success());
    println!(
        "{during} of {} POSTs answered while the CLI ingest ran",
        answers.len()
    );
    assert!(
        during > 0,
        "the CLI ingest ended before any POST was answered"
    );
    for (id, word, status, body) in &answers {
        let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let (got, _) = get_json(server.port, &format!("/api/articles/{id}"));
        if *status == 200 {
            assert_eq!(v["results"][0]["status"], "inserted", "{body}");
            assert_eq!(got, 200, "{id} answered as stored but is not");
            let t = within(Duration::from_secs(5), || {
                found_by_search(server.port, word, id)
            });
            assert!(
                t.is_some(),
                "{id} stored but not found by search within 5 s"
            );
        } else {
            assert_eq!(got, 404, "{id} answered {status} ({body}) but was stored");
        }
        println!("POST {id}: {status} {}", v["indexed"]);
    }
    let stored = answers.iter().filter(|a| a.2 == 200).count();
    assert_eq!(stored, answers.len(), "every POST was stored: {answers:?}");
}

#[test]
fn a_post_on_a_full_disk_answers_what_was_stored() {
    // A small tmpfs in a private mount namespace (`unshare`), filled and freed on command.
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let fifo = dir.path().join("cmd");
    let ack = dir.path().join("ack");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let probe = std::process::Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=1m tmpfs \"$1\"",
            "sh",
        ])
        .arg(&mnt)
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot mount a tmpfs in a private namespace here (unshare -rm)");
        return;
    }
    let port = free_port();
    let script = r#"
        mount -t tmpfs -o size=24m tmpfs "$1" || exit 77
        "$2" serve --addr "127.0.0.1:$3" --db "$1/k.db" --allow-ingest &
        pid=$!
        while true; do
            read cmd < "$4"
            case "$cmd" in
                fill) dd if=/dev/zero of="$1/fill" bs=16k 2>/dev/null; echo filled > "$5";;
                room) size=$(stat -c %s "$1/fill"); truncate -s $((size - 393216)) "$1/fill"; echo room > "$5";;
                free) rm -f "$1/fill"; echo freed > "$5";;
                stop) kill $pid; wait $pid; exit 0;;
            esac
        done
    "#;
    let ns = std::process::Command::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .arg(&mnt)
        .arg(env!("CARGO_BIN_EXE_khabar"))
        .arg(port.to_string())
        .arg(&fifo)
        .arg(&ack)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    /// Stops the server in the namespace however the test ends.
    struct Ns(Child, std::path::PathBuf);
    impl Drop for Ns {
        fn drop(&mut self) {
            let _ = std::fs::write(&self.1, "stop\n");
            let _ = self.0.wait();
        }
    }
    let _ns = Ns(ns, fifo.clone());
    let command = |c: &str| {
        let _ = std::fs::remove_file(&ack);
        std::fs::write(&fifo, format!("{c}\n")).unwrap();
        within(Duration::from_secs(60), || ack.exists()).expect("the namespace acknowledges");
    };
    assert!(
        wait_for(port),
        "khabar serve did not come up in the namespace"
    );
    // One article before the disk fills, so the store and index files exist.
    let (s, _) = request(
        port,
        "POST",
        "/api/articles",
        Some(&article("disk-0", WORDS[0])),
    )
    .unwrap();
    assert_eq!(s, 200);
    command("fill");
    let mut answers = Vec::new();
    // Three POSTs on a full disk, then three with 384 KiB free (room for the store's write,
    // perhaps not for the index's).
    for (i, word) in WORDS.iter().enumerate().skip(1).take(6) {
        if i == 4 {
            command("room");
        }
        let id = format!("disk-{i}");
        let (status, body) =
            request(port, "POST", "/api/articles", Some(&article(&id, word))).unwrap();
        let (got, _) = get_json(port, &format!("/api/articles/{id}"));
        println!("full disk: POST {id} → {status} {body}; GET → {got}");
        if status == 200 {
            assert_eq!(got, 200, "{id} answered as stored but is not");
        } else {
            assert!(matches!(status, 500 | 503 | 507), "{status}");
            assert_eq!(got, 404, "{id} answered {status} but was stored");
        }
        answers.push((id, *word, status));
    }
    command("free");
    // Stored articles are found within seconds of the disk having room; refused ones are
    // stored by a retry and found too.
    for (id, word, status) in &answers {
        if *status != 200 {
            let (s, body) =
                request(port, "POST", "/api/articles", Some(&article(id, word))).unwrap();
            assert_eq!(s, 200, "the retry after freeing space: {body}");
        }
        let t = within(Duration::from_secs(5), || found_by_search(port, word, id));
        assert!(
            t.is_some(),
            "{id} is not found by search within 5 s of the disk having room"
        );
    }
}
