//! The founding example: the two seed articles in, one story out, checked against the gold file.

mod common;
use common::*;
use serde_json::Value;

fn gold() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/data/seed-story.json"))
        .expect("gold file in the repo");
    serde_json::from_str(&text).expect("gold is JSON")
}

fn seed_run() -> (Value, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &["run", "examples/seeds", "--json"],
        &dir.path().join("k.db"),
    );
    (json(&out), dir)
}

fn article_for<'a>(run: &'a Value, file: &str) -> &'a Value {
    run["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("no article from {file}"))
}

#[test]
fn metadata_matches_gold() {
    let (run, _dir) = seed_run();
    let gold = gold();
    for (file, g) in gold["articles"].as_object().unwrap() {
        let a = article_for(&run, file);
        assert_eq!(
            a["title"].as_str().map(norm),
            g["title"].as_str().map(norm),
            "{file} title"
        );
        let authors: Vec<&str> = a["authors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str())
            .collect();
        let author = (!authors.is_empty()).then(|| authors.join(", "));
        assert_eq!(author.as_deref(), g["author"].as_str(), "{file} author");
        // RFC 3339 with offset; a date-only gold time is that day with the flag set
        let published = a["published"].as_str().unwrap();
        let want = g["published"].as_str().unwrap();
        if want.len() == 10 {
            assert_eq!(
                published,
                format!("{want}T00:00:00+00:00"),
                "{file} published"
            );
            assert_eq!(a["published_date_only"], true, "{file}");
        } else {
            assert_eq!(published, want, "{file} published");
            assert_eq!(a["published_date_only"], false, "{file}");
        }
        assert_eq!(a["outlet"], g["outlet"], "{file} outlet");
        assert_eq!(a["language"], g["language"], "{file} language");
        if let Some(d) = g.get("dateline") {
            assert_eq!(a["dateline"]["place"], d["place"], "{file} dateline place");
            assert_eq!(
                a["dateline"]["agency"], d["agency"],
                "{file} dateline agency"
            );
            // The dateline span points at the dateline in the text.
            let text = a["text"].as_str().unwrap();
            let (s, e) = (
                a["dateline"]["span"]["byte_start"].as_u64().unwrap() as usize,
                a["dateline"]["span"]["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(text[s..e].contains(d["place"].as_str().unwrap()));
            // the same span in characters
            let (cs, ce) = (
                a["dateline"]["span"]["start"].as_u64().unwrap() as usize,
                a["dateline"]["span"]["end"].as_u64().unwrap() as usize,
            );
            let by_chars: String = text.chars().skip(cs).take(ce - cs).collect();
            assert_eq!(by_chars, &text[s..e]);
        }
        if let Some(u) = g.get("updated") {
            assert_eq!(&a["updated"], u, "{file} updated");
        }
    }
}

#[test]
fn body_is_clean_and_complete() {
    let (run, _dir) = seed_run();
    let gold = gold();
    for (file, g) in gold["articles"].as_object().unwrap() {
        let a = article_for(&run, file);
        let text = a["text"].as_str().unwrap();
        for key in ["boilerplate_lines", "metadata_lines"] {
            for line in g[key].as_array().unwrap() {
                let l = norm(line.as_str().unwrap());
                assert!(
                    !text.contains(&l),
                    "{file}: {key} entry left in the body: {l}"
                );
            }
        }
        for line in g["body_must_keep"].as_array().unwrap() {
            let l = norm(line.as_str().unwrap());
            assert!(text.contains(&l), "{file}: body lost: {l}");
        }
        // Paragraph spans cover the text exactly.
        for p in a["paragraphs"].as_array().unwrap() {
            let (s, e) = (
                p["byte_start"].as_u64().unwrap() as usize,
                p["byte_end"].as_u64().unwrap() as usize,
            );
            assert!(text.get(s..e).is_some_and(|t| !t.trim().is_empty()));
        }
    }
}

#[test]
fn one_story_holds_both_articles() {
    let (run, _dir) = seed_run();
    let stories = run["stories"].as_array().unwrap();
    assert_eq!(
        stories.len(),
        1,
        "expected one story, got {}",
        serde_json::to_string_pretty(stories).unwrap()
    );
    let ids: Vec<&str> = run["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let members: Vec<&str> = stories[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(stories[0]["article_count"], 2);
    assert_eq!(ids.len(), 2);
    for id in ids {
        assert!(members.contains(&id));
    }
}

#[test]
fn readable_report_and_story_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = run(&["run", "examples/seeds"], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("2 articles read"), "{text}");
    assert!(text.contains("Statecraft"), "{text}");
    let list = run(&["stories"], &db);
    assert!(list.status.success());
    let stories = json(&run(&["stories", "--json"], &db));
    let id = stories[0]["id"].as_str().unwrap().to_string();
    // A unique prefix finds the story.
    let one = run(&["story", &id[..8]], &db);
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(stdout(&one).contains(&id));
    let missing = run(&["story", "no-such-story"], &db);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no story"));
}
