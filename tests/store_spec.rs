//! `--db` takes a PostgreSQL URL everywhere it takes a file (issue #20), and `--index` puts the
//! search index where it is told. Each test runs the real binary.

mod common;
use common::*;

const URL: &str = "postgres://khabar:s3cret@127.0.0.1:1/news";
const SHOWN: &str = "postgres://khabar:***@127.0.0.1:1/news";

const TEXT: &str = "नदी का जलस्तर बढ़ा, गांवों में पानी भरा\n\nजिले में लगातार बारिश के बाद नदी का जलस्तर खतरे के निशान से ऊपर पहुंच गया और कई गांवों में पानी भर गया। प्रशासन ने राहत शिविर खोले हैं।\n";

/// Every command that opens the store reaches the PostgreSQL arm: an error that names the
/// database without its password, and no SQLite file made of the URL.
#[test]
fn every_command_takes_a_postgres_url() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, TEXT).unwrap();
    let input = input.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["run", input],
        vec!["ingest", input],
        vec!["regroup"],
        vec!["reindex"],
        vec!["stories"],
        vec!["status"],
        vec!["story", "abc"],
        vec!["export", "--what", "articles"],
        vec!["serve", "--addr", "127.0.0.1:0"],
        vec!["serve", "--addr", "127.0.0.1:0", "--allow-ingest"],
        vec!["watch", "--once", "http://127.0.0.1:1/feed.xml"],
    ];
    for (i, args) in commands.iter().enumerate() {
        // by --db for some, by KHABAR_DB for the others
        let mut cmd = khabar();
        cmd.current_dir(dir.path()).args(args);
        if i % 2 == 0 {
            cmd.arg("--db").arg(URL);
        } else {
            cmd.env("KHABAR_DB", URL);
        }
        let o = cmd.output().expect("khabar runs");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(SHOWN), "{args:?} names the database: {err}");
        assert!(
            !err.contains("s3cret"),
            "{args:?} shows the password: {err}"
        );
        // This build has no PostgreSQL backend; one with it fails to connect to port 1.
        assert!(
            err.contains("built without PostgreSQL") || err.contains("connect"),
            "{args:?}: {err}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .filter(|n| n != "in.txt")
        .collect();
    assert!(
        left.is_empty(),
        "nothing created beside the input: {left:?}"
    );
}

/// `--index DIR` holds the search index instead of `<db>.search/`, for writers, `reindex` and
/// `serve`.
#[test]
fn index_goes_where_it_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(&input, TEXT).unwrap();
    let db = dir.path().join("k.db");
    let index = dir.path().join("my-index");
    let o = khabar()
        .args(["ingest", input.to_str().unwrap(), "--index"])
        .arg(&index)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(index.join("meta.json").exists(), "the index is in --index");
    assert!(
        !dir.path().join("k.db.search").exists(),
        "and not beside the db"
    );
    let o = khabar()
        .args(["reindex", "--db"])
        .arg(&db)
        .env("KHABAR_INDEX", &index)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("1 articles indexed"),
        "{}",
        stdout(&o)
    );
    assert!(!dir.path().join("k.db.search").exists());
    // A server with an index of its own builds it from the store on start.
    let own = dir.path().join("server-index");
    let server = serve_with(&db, &["--index", own.to_str().unwrap()]);
    assert!(own.join("meta.json").exists(), "the server's own index");
    drop(server);
    assert!(!dir.path().join("k.db.search").exists());
}

fn jsonl_article(path: &std::path::Path, id: &str, word: &str) {
    let v = serde_json::json!({
        "id": id, "outlet": "Test Times", "language": "en", "published": "2024-05-02",
        "title": format!("Flood waters rise in {word} district"),
        "text": format!("Flood waters rose in the {word} district on Thursday after heavy rain. \
                         Officials in {word} said relief camps were opened for families."),
    });
    std::fs::write(path, format!("{v}\n")).unwrap();
}

/// Read servers behind a load balancer: two `khabar serve` on one store, each with a search
/// index of its own (as against PostgreSQL, where no index sits beside a file), both find what
/// a worker stores afterwards, without a restart: each follows the store's change sequence.
#[test]
fn servers_with_their_own_indexes_follow_one_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let first = dir.path().join("first.jsonl");
    jsonl_article(&first, "first-1", "zorblax");
    let o = run(&["ingest", first.to_str().unwrap()], &db);
    assert!(o.status.success(), "{}", stderr(&o));
    let ix = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    let (a, b) = (ix("index-a"), ix("index-b"));
    let one = serve_with(&db, &["--index", &a]);
    let two = serve_with(&db, &["--index", &b]);
    assert!(
        found_by_search(one.port, "zorblax", "first-1")
            && found_by_search(two.port, "zorblax", "first-1")
    );
    // A worker stores another article (keeping no index the servers read).
    let second = dir.path().join("second.jsonl");
    jsonl_article(&second, "second-1", "quixotrel");
    let o = khabar()
        .args([
            "ingest",
            second.to_str().unwrap(),
            "--index",
            &ix("worker-index"),
        ])
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let (mut seen_one, mut seen_two) = (false, false);
    while std::time::Instant::now() < until && !(seen_one && seen_two) {
        seen_one = seen_one || found_by_search(one.port, "quixotrel", "second-1");
        seen_two = seen_two || found_by_search(two.port, "quixotrel", "second-1");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(
        seen_one && seen_two,
        "both servers follow: {seen_one} {seen_two}"
    );
}
