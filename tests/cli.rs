//! The command line as scripts use it: exit codes, `--quiet`, `--db` anywhere, host names in
//! `--addr`, missing stores refused, no partial files. Each test runs the real binary.

mod common;
use common::*;
use std::path::Path;
use std::process::Output;

const GOOD: &str = "नदी का जलस्तर बढ़ा, गांवों में पानी भरा\n\nजिले में लगातार बारिश के बाद नदी का जलस्तर खतरे के निशान से ऊपर पहुंच गया और कई गांवों में पानी भर गया। प्रशासन ने राहत शिविर खोले हैं।\n";

fn code(o: &Output) -> i32 {
    o.status.code().expect("khabar exits with a code")
}

fn good_file(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("good.txt");
    std::fs::write(&p, GOOD).unwrap();
    p
}

#[test]
fn exit_codes_say_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let good = good_file(dir.path());
    let missing = dir.path().join("no-such-file.txt");
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir(&empty_dir).unwrap();
    let empty_file = dir.path().join("empty.txt");
    std::fs::write(&empty_file, "").unwrap();

    for cmd in ["run", "ingest"] {
        // every input read
        let o = run(&[cmd, good.to_str().unwrap()], &db);
        assert_eq!(code(&o), 0, "{cmd}: {}", stderr(&o));
        // one read, one missing: 3
        let o = run(
            &[cmd, good.to_str().unwrap(), missing.to_str().unwrap()],
            &db,
        );
        assert_eq!(code(&o), 3, "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("no-such-file.txt"), "{}", stderr(&o));
        // only a missing path: nothing read, 4
        let o = run(&[cmd, missing.to_str().unwrap()], &db);
        assert_eq!(code(&o), 4, "{cmd}: {}", stderr(&o));
        // an empty folder: nothing read, 4
        let o = run(&[cmd, empty_dir.to_str().unwrap()], &db);
        assert_eq!(code(&o), 4, "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("nothing was read"), "{}", stderr(&o));
        // every input skipped: 4
        let o = run(&[cmd, empty_file.to_str().unwrap()], &db);
        assert_eq!(code(&o), 4, "{cmd}: {}", stderr(&o));
    }
}

#[test]
fn run_and_ingest_summaries_use_the_same_words_and_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_file(dir.path());
    let missing = dir.path().join("gone.txt");
    for cmd in ["run", "ingest"] {
        let db = dir.path().join(format!("{cmd}.db"));
        let o = run(
            &[cmd, good.to_str().unwrap(), missing.to_str().unwrap()],
            &db,
        );
        let first = stdout(&o).lines().next().unwrap_or_default().to_string();
        assert!(
            first.starts_with(
                "khabar: 1 article read (1 new, 0 updated, 0 unchanged), 1 input skipped"
            ),
            "{cmd}: {first}"
        );
    }
}

#[test]
fn quiet_run_prints_only_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let o = khabar()
        .args(["run", "examples/seeds", "--quiet", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("2 articles read") && text.contains("→ 1 story"),
        "{text}"
    );
    // without --quiet the stories are reported
    let o = run(&["run", "examples/seeds"], &db);
    assert!(stdout(&o).lines().count() > 10, "{}", stdout(&o));
}

#[test]
fn db_may_come_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let good = good_file(dir.path());
    let o = khabar()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = khabar()
        .arg("-q")
        .arg("--db")
        .arg(&db)
        .args(["status", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&o)["article_count"], 1);
    let o = run(&["status", "--json"], &db);
    assert_eq!(json(&o)["article_count"], 1);
}

#[test]
fn reading_commands_refuse_a_missing_store_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    for args in [
        &["status"][..],
        &["stories"],
        &["story", "s123"],
        &["export", "--what", "articles"],
        &["reindex"],
        &["serve", "--addr", "127.0.0.1:1"],
    ] {
        let o = run(args, &db);
        assert_eq!(code(&o), 5, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));
        assert!(!db.exists(), "{args:?} created {}", db.display());
    }
}

#[test]
fn unknown_ids_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let o = run(&["ingest", good_file(dir.path()).to_str().unwrap()], &db);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["export", "--what", "articles", "--story", "nope"], &db);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let o = run(&["story", "nope"], &db);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
}

#[test]
fn a_failed_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let o = run(&["ingest", good_file(dir.path()).to_str().unwrap()], &db);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // a good export lands whole
    let out = dir.path().join("a.jsonl");
    let o = run(
        &["export", "--what", "articles", "-o", out.to_str().unwrap()],
        &db,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);
    // a failing one (an unreadable time filter) leaves nothing behind, not even a temporary file
    let bad = dir.path().join("b.jsonl");
    let o = run(
        &[
            "export",
            "--what",
            "articles",
            "--since",
            "not a time",
            "-o",
            bad.to_str().unwrap(),
        ],
        &db,
    );
    assert_ne!(code(&o), 0, "{}", stderr(&o));
    assert!(!bad.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".khabar-export-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn serve_takes_a_host_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let o = run(&["ingest", good_file(dir.path()).to_str().unwrap()], &db);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = khabar()
        .args(["serve", "--addr", &format!("localhost:{port}"), "--db"])
        .arg(&db)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut answered = false;
    while std::time::Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            let _ = s.write_all(b"GET /api/stories HTTP/1.0\r\nHost: localhost\r\n\r\n");
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            answered = buf.starts_with("HTTP/1.0 200") || buf.starts_with("HTTP/1.1 200");
            if answered {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(answered, "no answer on localhost:{port}");
    // a malformed address is a usage error with a message, not a panic
    let o = run(&["serve", "--addr", "no-port-here"], &db);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("HOST:PORT"), "{}", stderr(&o));
}
