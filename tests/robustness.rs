//! Bad input, interrupted runs and repeated runs, through the real binary.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const GOOD: &str = "नदी का जलस्तर बढ़ा, गांवों में पानी भरा\n\nजिले में लगातार बारिश के बाद नदी का जलस्तर खतरे के निशान से ऊपर पहुंच गया और कई गांवों में पानी भर गया। प्रशासन ने राहत शिविर खोले हैं।\n";

fn status(db: &Path) -> serde_json::Value {
    json(&run(&["status", "--json"], db))
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in");
    std::fs::create_dir(&inp).unwrap();
    std::fs::write(inp.join("a-good.txt"), GOOD).unwrap();
    std::fs::write(inp.join("b-empty.txt"), "").unwrap();
    std::fs::write(inp.join("c-binary.txt"), [0u8, 1, 2, 3, 0, 255, 254, 0, 7]).unwrap();
    std::fs::write(
        inp.join("d-latin1.txt"),
        b"caf\xe9 cr\xe8me \xff\xfe broken",
    )
    .unwrap();
    // 50 MB of text in one file: more than one article may be.
    let mut big = std::fs::File::create(inp.join("e-huge.txt")).unwrap();
    let line = "बहुत लंबी फ़ाइल की एक पंक्ति जो बार बार दोहराई गई है।\n".repeat(100);
    while big.metadata().unwrap().len() < 50 * 1024 * 1024 {
        big.write_all(line.as_bytes()).unwrap();
    }
    drop(big);
    let other = "शहर में नई बस सेवा शुरू\n\nनगर निगम ने आज शहर के पांच इलाकों के लिए नई बस सेवा शुरू की। यात्रियों ने इसका स्वागत किया और किराया कम रखने की मांग की।";
    let good_json = serde_json::json!({"id": "j1", "title": "नई बस सेवा", "text": other, "outlet": "Test Daily"});
    std::fs::write(
        inp.join("f-lines.jsonl"),
        format!("{good_json}\n{{broken json\n{{\"id\": \"j3\"}}\n"),
    )
    .unwrap();
    let db = dir.path().join("k.db");
    let missing = dir.path().join("no-such-file.txt");
    let out = khabar()
        .args(["ingest"])
        .arg(&inp)
        .arg(&missing)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let err = stderr(&out);
    // some inputs skipped, others read: exit 3 (README, "Exit codes")
    assert_eq!(out.status.code(), Some(3), "{err}");
    for expect in [
        "b-empty.txt: empty input",
        "c-binary.txt: binary data",
        "d-latin1.txt: not valid UTF-8",
        "e-huge.txt: ",
        "more than the limit",
        "f-lines.jsonl: line 2",
        "f-lines.jsonl: line 3",
        "no-such-file.txt: no such file",
    ] {
        assert!(err.contains(expect), "missing {expect:?} in:\n{err}");
    }
    // The good text file and the good JSONL line made it in.
    assert_eq!(status(&db)["article_count"], 2, "{err}");
}

#[test]
fn reingesting_updates_instead_of_duplicating() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, GOOD).unwrap();
    let db = dir.path().join("k.db");
    let first = stdout(&run(&["ingest", f.to_str().unwrap()], &db));
    assert!(first.contains("1 new"), "{first}");
    let again = stdout(&run(&["ingest", f.to_str().unwrap()], &db));
    assert!(again.contains("1 unchanged"), "{again}");
    // The same text with other spacing and invisible characters is the same article.
    let g = dir.path().join("b.txt");
    std::fs::write(&g, GOOD.replace(' ', "  ").replace("नदी", "न\u{200d}दी")).unwrap();
    let third = stdout(&run(&["ingest", g.to_str().unwrap()], &db));
    assert!(!third.contains("1 new"), "{third}");
    assert_eq!(status(&db)["article_count"], 1);
}

#[test]
fn two_runs_give_the_same_rows_and_story_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let ra = json(&run(&["run", "examples/seeds", "--json"], &a));
    let rb = json(&run(&["run", "examples/seeds", "--json"], &b));
    assert_eq!(ra["articles"], rb["articles"]);
    assert_eq!(ra["stories"], rb["stories"]);
    // A second run over the same store changes nothing.
    let rc = json(&run(&["run", "examples/seeds", "--json"], &a));
    assert_eq!(rc["stories"], ra["stories"]);
    assert_eq!(rc["summary"]["unchanged"], 2);
    assert_eq!(
        json(&run(&["stories", "--json"], &a)),
        json(&run(&["stories", "--json"], &b))
    );
}

/// A run killed halfway leaves every article stored before it, and the store stays usable.
#[test]
fn killed_run_loses_nothing_already_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let first = json(&run(&["run", "examples/seeds", "--json"], &db));
    assert_eq!(first["summary"]["article_count"], 2);
    // A large batch to interrupt.
    let big = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&big).unwrap();
    for i in 0..20_000 {
        let line = serde_json::json!({
            "id": format!("m{i}"),
            "title": format!("खबर संख्या {i}"),
            "text": format!("यह परीक्षण के लिए लेख संख्या {i} है। इसमें कुछ वाक्य हैं ताकि सफाई के बाद पाठ बचा रहे। {}", "शब्द ".repeat(i % 50 + 5)),
        });
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let mut child = khabar()
        .args(["ingest"])
        .arg(&big)
        .arg("--db")
        .arg(&db)
        .spawn()
        .unwrap();
    // Kill once some batches are in (or after a few seconds at most).
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(200));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let n = rusqlite_count(&db);
        if n > 600 || start.elapsed() > Duration::from_secs(20) {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let after = status(&db);
    let n = after["article_count"].as_u64().unwrap();
    assert!(n >= 2, "articles lost: {after}");
    // The seed story is still there, and the store takes more work.
    let stories = json(&run(&["stories", "--json"], &db));
    let seed_articles: Vec<&serde_json::Value> =
        first["articles"].as_array().unwrap().iter().collect();
    for a in seed_articles {
        let id = a["id"].as_str().unwrap();
        assert!(
            stories.as_array().unwrap().iter().any(|s| s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["id"] == id)),
            "seed article {id} lost its story"
        );
    }
    let again = run(&["run", "examples/seeds", "--json"], &db);
    assert!(again.status.success(), "{}", stderr(&again));
}

/// The number of stored articles, read through the binary's status command (it opens the
/// store read-write, which also checks that the file is sound).
fn rusqlite_count(db: &Path) -> u64 {
    let out = run(&["status", "--json"], db);
    if !out.status.success() {
        return 0;
    }
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v["article_count"].as_u64())
        .unwrap_or(0)
}
