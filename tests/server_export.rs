//! End to end: articles ingested by the real `khabar` binary, exported as JSONL by
//! `khabar_server::export`, and ingested again by the binary into a fresh store, are the same
//! articles (ids, text, metadata).

mod common;

use common::*;
use khabar_server::{export, ExportFilters, ExportFormat, ExportWhat};
use khabar_store::{SqliteStore, Store};

fn export_articles(db: &std::path::Path, out: &std::path::Path) -> usize {
    let store = SqliteStore::open(db).unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    export(
        &store,
        ExportWhat::Articles,
        ExportFormat::Jsonl,
        &ExportFilters::default(),
        &mut f,
    )
    .unwrap()
}

fn same_articles(a: &std::path::Path, b: &std::path::Path) {
    let a = SqliteStore::open(a).unwrap().articles().unwrap();
    let b = SqliteStore::open(b).unwrap().articles().unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.text, y.text, "{}", x.id);
        assert_eq!(x.title, y.title, "{}", x.id);
        assert_eq!(x.url, y.url, "{}", x.id);
        assert_eq!(x.outlet, y.outlet, "{}", x.id);
        assert_eq!(x.published, y.published, "{}", x.id);
        assert_eq!(x.language, y.language, "{}", x.id);
        assert_eq!(x.authors, y.authors, "{}", x.id);
        assert_eq!(x.fingerprint, y.fingerprint, "{}", x.id);
    }
}

#[test]
fn seed_articles_survive_export_and_reingest() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let second = dir.path().join("second.db");
    let jsonl = dir.path().join("export.jsonl");
    let o = run(&["ingest", "examples/seeds"], &first);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(export_articles(&first, &jsonl), 2);
    let o = run(&["ingest", jsonl.to_str().unwrap()], &second);
    assert!(o.status.success(), "{}", stderr(&o));
    same_articles(&first, &second);
}

#[test]
fn dev_set_survives_export_and_reingest() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let src = shared.join("data/stories/hindi-covid-dev.jsonl");
    if !src.exists() {
        eprintln!("skipped: {} is absent", src.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let second = dir.path().join("second.db");
    let jsonl = dir.path().join("export.jsonl");
    let o = run(&["ingest", src.to_str().unwrap()], &first);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = export_articles(&first, &jsonl);
    assert!(n > 10);
    let o = run(&["ingest", jsonl.to_str().unwrap()], &second);
    assert!(o.status.success(), "{}", stderr(&o));
    same_articles(&first, &second);
}
