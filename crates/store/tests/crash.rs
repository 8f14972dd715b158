//! Crash safety: a child process writes batch after batch and is killed (SIGKILL) at an
//! arbitrary moment; the database must be sound and hold every batch the child reported as
//! committed, each complete, and no partial batch.
//!
//! The child is this same test binary, re-run on the `crash_child_writer` test with an
//! environment variable that tells it to write instead of returning at once.

use khabar_model::{Analysis, ArticleId, Document, Span};
use khabar_store::{SqliteStore, Store};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "KHABAR_STORE_CRASH_CHILD_DB";
const BATCH: usize = 200;

fn doc(batch: usize, i: usize) -> Document {
    let id = format!("b{batch:05}-{i:04}");
    // Some bulk per row so that a batch takes long enough to be caught mid-write.
    let text = format!("{id} ").repeat(60);
    Document {
        id: ArticleId(id.clone()),
        source: format!("crash:{id}"),
        url: Some(format!("https://example.org/{id}")),
        outlet: Some("Crash Times".into()),
        title: Some(format!("Batch {batch} item {i}")),
        author: None,
        authors: Vec::new(),
        published: None,
        updated: None,
        language: Some("en".into()),
        dateline: None,
        paragraphs: vec![Span::new(0, text.len())],
        text,
        captions: Vec::new(),
        dropped: Vec::new(),
        fingerprint: format!("fp-{id}"),
    }
}

/// Batch `k` inserts BATCH new articles and rewrites the first article of batch 0 with the
/// number `k`, so an update is in flight in every transaction too.
fn batch(k: usize) -> Vec<(Document, Option<Analysis>)> {
    let mut items: Vec<_> = (0..BATCH)
        .map(|i| {
            let d = doc(k, i);
            let a = Analysis::empty(d.id.clone(), "en");
            (d, Some(a))
        })
        .collect();
    if k > 0 {
        let mut first = doc(0, 0);
        first.title = Some(format!("rewritten by batch {k}"));
        items.push((first, None));
    }
    items
}

/// The child: writes batches until killed, printing each committed batch number.
#[test]
fn crash_child_writer() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return; // an ordinary test run: nothing to do
    };
    let mut store = SqliteStore::open(Path::new(&path)).unwrap();
    for k in 0.. {
        store.put_articles(&batch(k)).unwrap();
        println!("committed {k}");
    }
}

#[test]
fn killed_writer_loses_no_committed_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let exe = std::env::current_exe().unwrap();
    let target_commits = 6;
    let mut child = Command::new(exe)
        .args([
            "crash_child_writer",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut reported: Option<usize> = None;
    let started = Instant::now();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            reported = Some(n.trim().parse().unwrap());
            if reported >= Some(target_commits) {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the child writer is too slow"
        );
    }
    // Kill it while it is most likely in the middle of the next batch.
    std::thread::sleep(Duration::from_millis(37));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let reported = reported.expect("the child never committed a batch");

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    let docs = store.articles().unwrap();
    let mut per_batch = std::collections::BTreeMap::<usize, usize>::new();
    for d in &docs {
        let k: usize = d.id.as_str()[1..6].parse().unwrap();
        *per_batch.entry(k).or_default() += 1;
    }
    let batches: Vec<usize> = per_batch.keys().copied().collect();
    let last = *batches.last().unwrap();
    assert!(
        last >= reported,
        "batch {reported} was reported committed but is missing"
    );
    assert_eq!(
        batches,
        (0..=last).collect::<Vec<_>>(),
        "a gap in the batches"
    );
    for (k, n) in &per_batch {
        assert_eq!(*n, BATCH, "batch {k} is partial");
    }
    // The rewrite done by the last committed batch is there, and every article has its analysis.
    let first = store
        .article(&ArticleId("b00000-0000".into()))
        .unwrap()
        .unwrap();
    let expected = if last == 0 {
        "Batch 0 item 0".to_string()
    } else {
        format!("rewritten by batch {last}")
    };
    assert_eq!(first.title.as_deref(), Some(expected.as_str()));
    for d in docs.iter().step_by(97) {
        if d.id.as_str() != "b00000-0000" {
            assert!(
                store.analysis(&d.id).unwrap().is_some(),
                "{} lost its analysis",
                d.id
            );
        }
    }
    eprintln!(
        "killed after {reported} reported commits; {} complete batches on disk",
        last + 1
    );
}
