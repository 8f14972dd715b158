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
