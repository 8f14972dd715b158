//! Incremental stories (#17) through the real binary: two `khabar run`s (older articles, then
//! newer ones) give the same stories, under the same ids, as one run of all of them; ids shown
//! after the first run survive the second; `ingest` keeps stories current too.

mod common;
use common::*;
use std::path::Path;

/// (id, sorted articles) of every stored story.
fn stories(db: &Path) -> Vec<(String, Vec<String>)> {
    let o = run(&["stories", "--json"], db);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let mut out: Vec<(String, Vec<String>)> = v
        .as_array()
        .expect("a list of stories")
        .iter()
        .map(|s| {
            let mut a: Vec<String> = s["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|a| {
                    a["id"]
                        .as_str()
                        .expect("each article of a story has its id")
                        .to_string()
                })
                .collect();
            assert!(!a.is_empty(), "a story without articles: {s}");
            a.sort();
            (s["id"].as_str().unwrap_or_default().to_string(), a)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn two_runs_give_the_stories_and_ids_of_one_run() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent (BASIL is read from it)");
        return;
    };
    let text = std::fs::read_to_string(shared.join("data/stories/basil.jsonl")).unwrap();
    // The first 90 BASIL reports in date order: old ones first, then the newer ones.
    let mut lines: Vec<(String, &str)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let date = ["published", "date"]
                .iter()
                .find_map(|k| v[*k].as_str().map(str::to_string))
                .unwrap_or_default();
            (date, l)
        })
        .collect();
    lines.sort();
    lines.truncate(90);
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, part: &[(String, &str)]| {
        let p = dir.path().join(name);
        let body: Vec<&str> = part.iter().map(|(_, l)| *l).collect();
        std::fs::write(&p, body.join("\n") + "\n").unwrap();
        p
    };
    // Split between two days (articles of one day are placed in (time, id) order).
    let cut = (45..lines.len())
        .find(|&i| lines[i].0 != lines[i - 1].0)
        .unwrap_or(45);
    let old = write("old.jsonl", &lines[..cut]);
    let new = write("new.jsonl", &lines[cut..]);
    let all = write("all.jsonl", &lines);
    let (two, one) = (dir.path().join("two.db"), dir.path().join("one.db"));
    let ok = |o: std::process::Output| assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    ok(run(&["-q", "run", old.to_str().unwrap()], &two));
    let first = stories(&two);
    ok(run(&["-q", "run", new.to_str().unwrap()], &two));
    let second = stories(&two);
    ok(run(&["-q", "run", all.to_str().unwrap()], &one));
    assert_eq!(second, stories(&one), "two runs vs one run of all");
    // Every id shown after the first run still names a story, holding its articles.
    for (id, articles) in &first {
        let now = second
            .iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("story {id} is gone"));
        assert!(articles.iter().all(|a| now.1.contains(a)), "{id}");
    }
    assert!(second.len() > first.len());
    // `regroup` over the whole store gives the same stories and keeps the ids.
    let o = run(&["regroup"], &two);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stories(&two), second);
}

#[test]
fn ingest_places_new_articles_into_stories() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let o = run(&["-q", "ingest", "examples/seeds"], &db);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stories(&db);
    assert_eq!(s.len(), 1, "the two seed articles are one story: {s:?}");
    assert_eq!(s[0].1.len(), 2);
}
