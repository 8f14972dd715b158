use super::*;
use crate::testkit::{dump, Raw};
use khabar_model::{
    Analysis, ArticleId, Comparison, Document, EntityId, EntityKind, PubTime, Span, Story,
    StoryEntity, StoryId,
};

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

/// A test article (other test modules of the crate build theirs with it).
pub(crate) fn doc(id: &str, url: Option<&str>, fingerprint: &str, text: &str) -> Document {
    Document {
        id: ArticleId(id.to_string()),
        source: format!("test:{id}"),
        url: url.map(str::to_string),
        outlet: Some("Outlet".into()),
        title: Some(format!("Title {id}")),
        author: None,
        authors: Vec::new(),
        published: None,
        updated: None,
        language: Some("hi".into()),
        dateline: None,
        text: text.to_string(),
        paragraphs: vec![Span::new(0, text.len())],
        captions: Vec::new(),
        dropped: Vec::new(),
        fingerprint: fingerprint.to_string(),
    }
}

fn dated(mut d: Document, when: &str) -> Document {
    d.published = Some(PubTime::parse(when).unwrap());
    d
}

fn analysis(id: &str) -> Analysis {
    Analysis::empty(ArticleId(id.to_string()), "hi")
}

fn story(id: &str, articles: &[&str], last: Option<&str>) -> Story {
    Story {
        id: StoryId(id.to_string()),
        title: format!("Story {id}"),
        articles: articles.iter().map(|a| ArticleId(a.to_string())).collect(),
        outlets: vec!["Outlet".into()],
        languages: vec!["hi".into()],
        first_published: last.map(|l| PubTime::parse(l).unwrap()),
        last_published: last.map(|l| PubTime::parse(l).unwrap()),
        shared_terms: vec!["पुतिन".into()],
        entities: vec![StoryEntity {
            id: EntityId("e1".into()),
            name: "पुतिन".into(),
            kind: EntityKind::Person,
            mentions: 3,
            articles: 2,
            salience: 0.75,
        }],
        copies: Vec::new(),
        timeline: Vec::new(),
        comparison: Comparison::default(),
    }
}

fn put1(s: &mut impl Store, d: Document, a: Option<Analysis>) -> PutOutcome {
    let mut out = s.put_articles(&[(d, a)]).unwrap();
    assert_eq!(out.len(), 1);
    out.remove(0)
}

fn updated_at(s: &impl Raw, id: &str) -> String {
    s.rows(&format!(
        "SELECT updated_at FROM articles WHERE id = '{id}'"
    ))
    .concat()
}

both!(insert_and_read_back, s, {
    let d1 = doc("a1", Some("https://x/1"), "f1", "पहला लेख");
    let d2 = doc("a2", None, "f2", "दूसरा लेख");
    let out = s
        .put_articles(&[(d1.clone(), Some(analysis("a1"))), (d2.clone(), None)])
        .unwrap();
    assert_eq!(out[0].status, PutStatus::Inserted);
    assert_eq!(out[1].status, PutStatus::Inserted);
    assert_eq!(out[0].id, d1.id);
    assert_eq!(out[0].replaced_id, None);
    assert_eq!(s.article_count().unwrap(), 2);
    assert_eq!(s.article(&d1.id).unwrap(), Some(d1.clone()));
    assert_eq!(s.article(&d2.id).unwrap(), Some(d2));
    assert_eq!(s.analysis(&d1.id).unwrap(), Some(analysis("a1")));
    assert_eq!(s.analysis(&ArticleId("a2".into())).unwrap(), None);
    assert_eq!(s.article(&ArticleId("nope".into())).unwrap(), None);
    assert_eq!(s.article_text(&d1.id).unwrap().as_deref(), Some("पहला लेख"));
    assert_eq!(s.article_text(&ArticleId("nope".into())).unwrap(), None);
});

// An export reads each article's story while it streams the articles: a callback of a
// streaming read may read the same store (PostgreSQL serves it on a second connection).
both!(a_streaming_callback_may_read_the_store, s, {
    let d1 = doc("a1", Some("https://x/1"), "f1", "पहला लेख");
    let d2 = doc("a2", None, "f2", "दूसरा लेख");
    s.put_articles(&[(d1, None), (d2, None)]).unwrap();
    let mut seen = Vec::new();
    let n = s
        .for_each_article(&crate::ArticleFilter::default(), &mut |d, _| {
            let text = s.article_text(&d.id).unwrap();
            let story = s.story_of(&d.id).unwrap();
            seen.push((d.id.0, text.is_some(), story));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        seen,
        vec![
            ("a1".to_string(), true, None),
            ("a2".to_string(), true, None)
        ]
    );
});

both!(article_text_is_the_stored_text_with_quotes_and_lines, s, {
    let text = "उन्होंने कहा, \"बाढ़\" आई।\nदूसरी पंक्ति \\ और \u{200D} ZWJ।";
    let d = doc("q1", None, "fq", text);
    put1(&mut s, d.clone(), None);
    assert_eq!(s.article_text(&d.id).unwrap().as_deref(), Some(text));
    assert_eq!(
        s.article_text(&d.id).unwrap(),
        s.article(&d.id).unwrap().map(|d| d.text)
    );
});

both!(identical_reput_is_unchanged_and_writes_nothing, s, {
    let d = doc("a1", Some("https://x/1"), "f1", "text");
    put1(&mut s, d.clone(), Some(analysis("a1")));
    s.raw("UPDATE articles SET updated_at = 5");
    let out = put1(&mut s, d.clone(), Some(analysis("a1")));
    assert_eq!(out.status, PutStatus::Unchanged);
    // No write happened: the marker survives.
    assert_eq!(updated_at(&s, "a1"), "[Int(5)]");
    // Without an analysis, an unchanged document keeps its stored analysis.
    let out = put1(&mut s, d, None);
    assert_eq!(out.status, PutStatus::Unchanged);
    assert_eq!(
        s.analysis(&ArticleId("a1".into())).unwrap(),
        Some(analysis("a1"))
    );
});

both!(update_by_id_rewrites_the_article, s, {
    put1(&mut s, doc("a1", None, "f1", "old"), Some(analysis("a1")));
    let mut new = doc("a1", None, "f1b", "new text");
    new.title = Some("New title".into());
    let out = put1(&mut s, new.clone(), None);
    assert_eq!(out.status, PutStatus::Updated);
    assert_eq!(s.article(&new.id).unwrap(), Some(new));
    assert_eq!(s.article_count().unwrap(), 1);
    // The old analysis pointed into the old text: it is gone.
    assert_eq!(s.analysis(&ArticleId("a1".into())).unwrap(), None);
    assert_eq!(
        s.rows("SELECT title FROM articles WHERE id='a1'"),
        ["[Text(\"New title\")]"]
    );
});

both!(analysis_only_change_is_an_update, s, {
    let d = doc("a1", None, "f1", "text");
    put1(&mut s, d.clone(), Some(analysis("a1")));
    let mut a = analysis("a1");
    a.language = "en".into();
    let out = put1(&mut s, d, Some(a.clone()));
    assert_eq!(out.status, PutStatus::Updated);
    assert_eq!(s.analysis(&ArticleId("a1".into())).unwrap(), Some(a));
});

both!(dedup_by_url_keeps_the_stored_id, s, {
    put1(&mut s, doc("a1", Some("https://x/1"), "f1", "v1"), None);
    let out = put1(
        &mut s,
        doc("a9", Some("https://x/1"), "f9", "v2"),
        Some(analysis("a9")),
    );
    assert_eq!(out.status, PutStatus::Updated);
    assert_eq!(out.id, ArticleId("a1".into()));
    assert_eq!(out.replaced_id, Some(ArticleId("a9".into())));
    assert_eq!(s.article_count().unwrap(), 1);
    let stored = s.article(&ArticleId("a1".into())).unwrap().unwrap();
    assert_eq!(stored.id.as_str(), "a1");
    assert_eq!(stored.text, "v2");
    // The given id answers with the article it was kept as.
    assert_eq!(s.article(&ArticleId("a9".into())).unwrap(), Some(stored));
    // The analysis was re-keyed to the kept id.
    let a = s.analysis(&ArticleId("a1".into())).unwrap().unwrap();
    assert_eq!(a.article.as_str(), "a1");
});

both!(dedup_by_fingerprint_keeps_id_and_url, s, {
    put1(&mut s, doc("a1", Some("https://x/1"), "same", "v1"), None);
    // Same text, from a file without a url.
    let out = put1(&mut s, doc("a7", None, "same", "v1"), None);
    assert_eq!(out.id.as_str(), "a1");
    assert_eq!(out.replaced_id, Some(ArticleId("a7".into())));
    // The stored article is kept as it was; a7 names it.
    assert_eq!(out.status, PutStatus::SameText);
    assert_eq!(s.article_count().unwrap(), 1);
    let stored = s.article(&ArticleId("a1".into())).unwrap().unwrap();
    assert_eq!(stored.url.as_deref(), Some("https://x/1"));
    assert_eq!(stored.source, "test:a1");
    assert_eq!(s.article(&ArticleId("a7".into())).unwrap(), Some(stored));
    // Stored without url, incoming with one: the url is adopted.
    put1(&mut s, doc("b1", None, "other", "w"), None);
    let out = put1(&mut s, doc("b2", Some("https://y/2"), "other", "w"), None);
    assert_eq!(out.id.as_str(), "b1");
    let stored = s.article(&ArticleId("b1".into())).unwrap().unwrap();
    assert_eq!(stored.url.as_deref(), Some("https://y/2"));
    assert_eq!(s.article_count().unwrap(), 2);
});

both!(same_text_at_two_urls_stays_two_articles, s, {
    put1(
        &mut s,
        doc("a1", Some("https://x/1"), "wire", "PTI text"),
        None,
    );
    let out = put1(
        &mut s,
        doc("a2", Some("https://y/1"), "wire", "PTI text"),
        None,
    );
    assert_eq!(out.status, PutStatus::Inserted);
    assert_eq!(s.article_count().unwrap(), 2);
});

both!(dedup_inside_one_batch, s, {
    let out = s
        .put_articles(&[
            (doc("a1", Some("https://x/1"), "f1", "v1"), None),
            (doc("a2", Some("https://x/1"), "f2", "v2"), None),
            (doc("a3", None, "f2", "v2"), None),
        ])
        .unwrap();
    let statuses: Vec<_> = out.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [PutStatus::Inserted, PutStatus::Updated, PutStatus::SameText]
    );
    assert!(out.iter().all(|o| o.id.as_str() == "a1"));
    assert_eq!(s.article_count().unwrap(), 1);
});

both!(id_and_url_matching_two_articles_merges_them, s, {
    put1(&mut s, doc("a1", Some("https://x/1"), "f1", "v1"), None);
    put1(
        &mut s,
        doc("a2", Some("https://x/2"), "f2", "v2"),
        Some(analysis("a2")),
    );
    s.replace_stories(&[story("s1", &["a1", "a2"], None)])
        .unwrap();
    let out = put1(&mut s, doc("a1", Some("https://x/2"), "f1", "v1"), None);
    assert_eq!(out.id.as_str(), "a1");
    assert_eq!(out.status, PutStatus::Updated);
    assert_eq!(out.merged, vec![ArticleId("a2".into())]);
    assert_eq!(s.article_count().unwrap(), 1);
    assert_eq!(s.analysis(&ArticleId("a2".into())).unwrap(), None);
    // a2's id now names a1 (its membership rows went with it; a1's story answers).
    assert_eq!(
        s.resolve(&ArticleId("a2".into())).unwrap(),
        Some(ArticleId("a1".into()))
    );
    assert_eq!(
        s.story_of(&ArticleId("a2".into())).unwrap(),
        Some(StoryId("s1".into()))
    );
    let stored = s.article(&ArticleId("a1".into())).unwrap().unwrap();
    assert_eq!(stored.url.as_deref(), Some("https://x/2"));
});

both!(failing_batch_leaves_the_store_as_before, s, {
    let before = doc("a1", Some("https://x/1"), "f1", "v1");
    put1(&mut s, before.clone(), Some(analysis("a1")));
    // Inject a failure on the third write of the next batch.
    s.refuse_articles("title = 'boom'");
    let mut changed = before.clone();
    changed.text = "v2".into();
    let mut bad = doc("a3", None, "f3", "x");
    bad.title = Some("boom".into());
    let err = s
        .put_articles(&[
            (changed, None),
            (doc("a2", None, "f2", "y"), None),
            (bad, None),
            (doc("a4", None, "f4", "z"), None),
        ])
        .unwrap_err();
    assert!(is_db_error(&err), "unexpected error {err:?}");
    assert!(err.to_string().contains("a3"), "{err}");
    assert_eq!(s.article_count().unwrap(), 1);
    assert_eq!(s.article(&before.id).unwrap(), Some(before.clone()));
    assert_eq!(s.analysis(&before.id).unwrap(), Some(analysis("a1")));
    // And the store still works afterwards.
    put1(&mut s, doc("a5", None, "f5", "w"), None);
    assert_eq!(s.article_count().unwrap(), 2);
});

both!(articles_are_ordered_by_time_then_id_undated_last, s, {
    s.put_articles(&[
        (doc("a0", None, "f0", "undated"), None),
        (
            dated(doc("a3", None, "f3", "t"), "2022-01-10T21:03:00+05:30"),
            None,
        ),
        (
            dated(doc("a2", None, "f2", "t"), "2022-01-10T16:00:00Z"),
            None,
        ),
        (
            dated(doc("a1", None, "f1", "t"), "2022-01-10T16:00:00Z"),
            None,
        ),
        (dated(doc("a4", None, "f4", "t"), "2021-12-31"), None),
    ])
    .unwrap();
    let ids: Vec<String> = s.articles().unwrap().into_iter().map(|d| d.id.0).collect();
    // 21:03 IST is 15:33 UTC, before 16:00 UTC.
    assert_eq!(ids, ["a4", "a3", "a1", "a2", "a0"]);
    // The joined listing has the same order and pairs each analysis with its article.
    s.put_articles(&[(
        dated(doc("a1", None, "f1", "t"), "2022-01-10T16:00:00Z"),
        Some(analysis("a1")),
    )])
    .unwrap();
    let joined = s.articles_with_analyses().unwrap();
    let ids2: Vec<&str> = joined.iter().map(|(d, _)| d.id.as_str()).collect();
    assert_eq!(ids2, ids);
    for (d, a) in &joined {
        assert_eq!(a.is_some(), d.id.as_str() == "a1", "{}", d.id);
        if let Some(a) = a {
            assert_eq!(a.article, d.id);
        }
    }
});

both!(stories_round_trip_ordering_and_membership, s, {
    let old = story("s-old", &["a1"], Some("2022-01-01"));
    let new = story("s-new", &["a2", "a3"], Some("2022-01-05T10:00:00+05:30"));
    let undated = story("s-0", &["a4"], None);
    let tie = story("s-a", &["a5"], Some("2022-01-01"));
    s.replace_stories(&[undated.clone(), old.clone(), new.clone(), tie.clone()])
        .unwrap();
    let got = s.stories().unwrap();
    let ids: Vec<&str> = got.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s-new", "s-a", "s-old", "s-0"]);
    assert_eq!(got[0], new);
    assert_eq!(s.story(&new.id).unwrap(), Some(new.clone()));
    assert_eq!(s.story(&StoryId("none".into())).unwrap(), None);
    assert_eq!(
        s.story_of(&ArticleId("a3".into())).unwrap(),
        Some(new.id.clone())
    );
    assert_eq!(s.story_of(&ArticleId("zz".into())).unwrap(), None);
    // Replacing drops the old stories and their membership.
    s.replace_stories(&[story("s-x", &["a1"], None)]).unwrap();
    assert_eq!(s.stories().unwrap().len(), 1);
    assert_eq!(s.story(&old.id).unwrap(), None);
    assert_eq!(s.story_of(&ArticleId("a3".into())).unwrap(), None);
    assert_eq!(
        s.story_of(&ArticleId("a1".into())).unwrap(),
        Some(StoryId("s-x".into()))
    );
});

both!(failing_story_replacement_keeps_the_old_stories, s, {
    let keep = story("s1", &["a1"], None);
    s.replace_stories(std::slice::from_ref(&keep)).unwrap();
    // Two stories with one id violate the primary key halfway through.
    let err = s
        .replace_stories(&[story("s2", &["a2"], None), story("s2", &["a3"], None)])
        .unwrap_err();
    assert!(err.to_string().contains("s2"), "{err}");
    assert_eq!(s.stories().unwrap(), vec![keep]);
    assert_eq!(
        s.story_of(&ArticleId("a1".into())).unwrap(),
        Some(StoryId("s1".into()))
    );
});

/// A database error (not JSON, not a schema refusal): a failed statement on either backend.
fn is_db_error(err: &StoreError) -> bool {
    match err {
        StoreError::Sqlite { .. } => true,
        #[cfg(feature = "postgres")]
        StoreError::Postgres { .. } => true,
        _ => false,
    }
}

fn scripted_run(s: &mut impl Store) {
    s.put_articles(&[
        (
            dated(doc("a1", Some("https://x/1"), "f1", "one"), "2022-01-10"),
            Some(analysis("a1")),
        ),
        (doc("a2", None, "f2", "two"), None),
    ])
    .unwrap();
    s.put_articles(&[
        (
            dated(
                doc("a9", Some("https://x/1"), "f1", "one, fixed"),
                "2022-01-10",
            ),
            Some(analysis("a9")),
        ),
        (doc("a3", None, "f2", "two"), None),
        (
            dated(
                doc("a4", Some("https://x/4"), "f4", "four"),
                "2022-01-11T08:00:00+05:30",
            ),
            None,
        ),
    ])
    .unwrap();
    s.replace_stories(&[
        story("s1", &["a1", "a4"], Some("2022-01-11T08:00:00+05:30")),
        story("s2", &["a2"], None),
    ])
    .unwrap();
}

#[test]
fn same_puts_give_identical_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = SqliteStore::open(&dir.path().join("one.db")).unwrap();
    let mut two = SqliteStore::open(&dir.path().join("two.db")).unwrap();
    scripted_run(&mut one);
    scripted_run(&mut two);
    assert_eq!(one.articles().unwrap(), two.articles().unwrap());
    assert_eq!(one.stories().unwrap(), two.stories().unwrap());
    let d1 = dump(&one);
    assert_eq!(d1, dump(&two));
    assert_eq!(d1.iter().filter(|r| r.starts_with("articles:")).count(), 3);
    // A second run over the same input changes nothing.
    scripted_run(&mut one);
    assert_eq!(d1, dump(&one));
}

#[test]
fn file_database_uses_wal_and_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        let mode: String = s
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        put1(&mut s, doc("a1", None, "f1", "t"), None);
        assert_eq!(s.path(), Some(path.as_path()));
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.article_count().unwrap(), 1);
    assert_eq!(s.integrity_check().unwrap(), ["ok"]);
    s.checkpoint().unwrap();
}

#[test]
fn old_schema_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 1).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        let d = doc("a1", None, "f1", "old row");
        conn.execute(
            "INSERT INTO articles (id, fingerprint, source, doc, updated_at) VALUES (?1, ?2, ?3, ?4, 0)",
            rusqlite::params![d.id.as_str(), d.fingerprint, d.source, serde_json::to_string(&d).unwrap()],
        )
        .unwrap();
        let no_stories: Result<i64, _> =
            conn.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0));
        assert!(no_stories.is_err());
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::SCHEMA_VERSION);
    assert_eq!(
        s.article(&ArticleId("a1".into())).unwrap().unwrap().text,
        "old row"
    );
    s.replace_stories(&[story("s1", &["a1"], None)]).unwrap();
    assert_eq!(
        s.story_of(&ArticleId("a1".into())).unwrap(),
        Some(StoryId("s1".into()))
    );
}

#[test]
fn text_moves_to_its_own_column_and_reputs_stay_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    let text = "उन्होंने कहा, \"बाढ़\" आई।\nदूसरी \\ पंक्ति \u{1} \u{200D} / end";
    let mut d = doc("a1", Some("https://x/1"), "f1", text);
    d.paragraphs = vec![khabar_model::Span::new(0, 10)];
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        schema::migrate_to(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO articles (id, url, fingerprint, source, doc, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, 5)",
            rusqlite::params![
                d.id.as_str(),
                d.url,
                d.fingerprint,
                d.source,
                serde_json::to_string(&d).unwrap()
            ],
        )
        .unwrap();
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::SCHEMA_VERSION);
    assert_eq!(s.article(&d.id).unwrap(), Some(d.clone()));
    assert_eq!(s.article_text(&d.id).unwrap().as_deref(), Some(text));
    let stored_json: String = s
        .conn()
        .query_row("SELECT doc FROM articles WHERE id = 'a1'", [], |r| r.get(0))
        .unwrap();
    assert!(!stored_json.contains("बाढ़"), "{stored_json}");
    // The migrated JSON is byte for byte what a put writes: the same document is unchanged.
    let out = put1(&mut s, d.clone(), None);
    assert_eq!(out.status, PutStatus::Unchanged);
    assert_eq!(updated_at(&s, "a1"), "[Int(5)]");
    let all = s.articles_with_analyses().unwrap();
    assert_eq!(all[0].0, d);
}

both!(text_bytes_are_lent_without_a_copy_of_the_document, s, {
    let d = doc("b1", None, "fb", "भूकंप आया।\nदूसरा पैरा");
    put1(&mut s, d.clone(), None);
    let n = s.with_article_text(&d.id, |b| b.len()).unwrap();
    assert_eq!(n, Some(d.text.len()));
    let same = s
        .with_article_text(&d.id, |b| b == d.text.as_bytes())
        .unwrap();
    assert_eq!(same, Some(true));
    assert_eq!(
        s.with_article_text(&ArticleId("nope".into()), |b| b.len())
            .unwrap(),
        None
    );
});

#[test]
fn a_write_lock_held_elsewhere_is_a_busy_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let mut s = SqliteStore::open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let err = s
        .put_articles(&[(doc("b1", None, "fb", "text"), None)])
        .unwrap_err();
    assert!(err.is_busy(), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    s.put_articles(&[(doc("b1", None, "fb", "text"), None)])
        .unwrap();
    // Other errors are not busy ones.
    let bad = SqliteStore::open(Path::new("/nonexistent-dir/x.db")).unwrap_err();
    assert!(!bad.is_busy(), "{bad}");
}

#[test]
fn new_files_get_large_pages_and_old_files_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let page_size = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap()
    };
    let new = dir.path().join("new.db");
    let mut s = SqliteStore::open(&new).unwrap();
    s.put_articles(&[(doc("p1", None, "fp", "पाठ"), None)])
        .unwrap();
    drop(s);
    assert_eq!(page_size(&new), crate::sqlite::PAGE_SIZE);
    // A database made with 4 KiB pages stays so, and opens and reads as before.
    let old = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        c.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    let mut s = SqliteStore::open(&old).unwrap();
    s.put_articles(&[(doc("p1", None, "fp", "पाठ"), None)])
        .unwrap();
    assert_eq!(
        s.article_text(&ArticleId("p1".into())).unwrap().as_deref(),
        Some("पाठ")
    );
    drop(s);
    assert_eq!(page_size(&old), 4096);
}

#[test]
fn newer_schema_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema::SCHEMA_VERSION + 7)
            .unwrap();
    }
    let err = SqliteStore::open(&path).unwrap_err();
    match &err {
        StoreError::SchemaTooNew { found, supported } => {
            assert_eq!(*found, schema::SCHEMA_VERSION + 7);
            assert_eq!(*supported, schema::SCHEMA_VERSION);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("newer"), "{err}");
    // A negative version is not ours either, and does not panic.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", -3).unwrap();
    }
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::SchemaUnknown { found: -3 })
    ));
}

#[test]
fn unopenable_path_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("k.db");
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }));
    assert!(err.to_string().contains("missing-dir"), "{err}");
}

both!(the_trait_is_object_safe, fresh open, {
    let mut s: Box<dyn Store> = Box::new(open());
    s.put_articles(&[(doc("a1", None, "f1", "t"), None)])
        .unwrap();
    assert_eq!(s.article_count().unwrap(), 1);
});

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A small pool of ids, urls and fingerprints so that collisions of every kind happen.
    pub(super) fn arb_doc() -> impl Strategy<Value = Document> {
        (
            0..4usize,
            proptest::option::of(0..3usize),
            0..3usize,
            "[a-c]{0,3}",
        )
            .prop_map(|(id, url, fp, text)| {
                let url = url.map(|u| format!("https://x/{u}"));
                doc(&format!("a{id}"), url.as_deref(), &format!("f{fp}"), &text)
            })
    }

    fn arb_batches() -> impl Strategy<Value = Vec<Vec<(Document, bool)>>> {
        proptest::collection::vec(
            proptest::collection::vec((arb_doc(), any::<bool>()), 1..4),
            1..6,
        )
    }

    fn items(batch: &[(Document, bool)]) -> Vec<(Document, Option<Analysis>)> {
        batch
            .iter()
            .map(|(d, with)| (d.clone(), with.then(|| analysis(d.id.as_str()))))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn any_put_sequence_keeps_the_store_consistent(batches in arb_batches()) {
            let mut s = SqliteStore::open_in_memory().unwrap();
            let mut twin = SqliteStore::open_in_memory().unwrap();
            for batch in &batches {
                let out = s.put_articles(&items(batch)).unwrap();
                twin.put_articles(&items(batch)).unwrap();
                prop_assert_eq!(out.len(), batch.len());
                // The last write to each kept id is what the store holds.
                for (i, ((incoming, with), o)) in batch.iter().zip(&out).enumerate() {
                    prop_assert_eq!(
                        o.replaced_id.is_some() || o.id_taken.is_some(),
                        o.id != incoming.id,
                        "replaced_id or id_taken must name a differing incoming id"
                    );
                    // Every given id answers, with the article it was kept as (or a later
                    // one that took its place).
                    let answer = s.article(&incoming.id).unwrap();
                    prop_assert!(answer.is_some(), "given id {} does not answer", incoming.id);
                    if out[i + 1..].iter().any(|later| later.id == o.id || later.merged.contains(&o.id)) {
                        continue;
                    }
                    if o.status == PutStatus::SameText {
                        let stored = s.article(&o.id).unwrap();
                        prop_assert_eq!(stored.map(|d| d.fingerprint), Some(incoming.fingerprint.clone()));
                        continue;
                    }
                    let stored = s.article(&o.id).unwrap();
                    prop_assert!(stored.is_some(), "{} missing", o.id);
                    let stored = stored.unwrap();
                    prop_assert_eq!(&stored.text, &incoming.text);
                    prop_assert_eq!(&stored.fingerprint, &incoming.fingerprint);
                    if incoming.url.is_some() {
                        prop_assert_eq!(&stored.url, &incoming.url);
                    }
                    let a = s.analysis(&o.id).unwrap();
                    if *with {
                        prop_assert_eq!(a.map(|a| a.article), Some(o.id.clone()));
                    }
                }
                // Every stored document carries its own id, and dedup never leaves two
                // articles that a fresh put would treat as one by url.
                let docs = s.articles().unwrap();
                prop_assert_eq!(docs.len(), s.article_count().unwrap());
                let mut urls: Vec<_> = docs.iter().filter_map(|d| d.url.clone()).collect();
                let n = urls.len();
                urls.sort();
                urls.dedup();
                prop_assert_eq!(urls.len(), n);
                // Putting the last item again at once changes nothing.
                let last = batch.last().map(|(d, w)| vec![(d.clone(), w.then(|| analysis(d.id.as_str())))]).unwrap();
                let seq = s.seq().unwrap();
                let again = s.put_articles(&last).unwrap();
                twin.put_articles(&last).unwrap();
                prop_assert!(
                    matches!(again[0].status, PutStatus::Unchanged | PutStatus::SameText),
                    "{:?}", again[0]
                );
                prop_assert_eq!(s.seq().unwrap(), seq, "a repeated put writes nothing");
            }
            prop_assert_eq!(crate::testkit::dump_with_seq(&s), crate::testkit::dump_with_seq(&twin));
            prop_assert_eq!(s.integrity_check().unwrap(), vec!["ok".to_string()]);
        }
    }
}

#[test]
fn two_writers_on_one_file_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    SqliteStore::open(&path).unwrap();
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = SqliteStore::open(&path).unwrap();
                for b in 0..20 {
                    // Both writers also put the same shared article: dedup must hold across them.
                    let items: Vec<_> = (0..10)
                        .map(|i| {
                            (
                                doc(
                                    &format!("w{w}-{b}-{i}"),
                                    None,
                                    &format!("f{w}-{b}-{i}"),
                                    "t",
                                ),
                                None,
                            )
                        })
                        .chain([(doc("shared", Some("https://x/shared"), "fs", "t"), None)])
                        .collect();
                    s.put_articles(&items).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.article_count().unwrap(), 2 * 20 * 10 + 1);
    assert_eq!(s.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn concurrent_first_opens_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || SqliteStore::open(&path).map(|s| s.schema_version()))
        })
        .collect();
    for h in handles {
        let v = h.join().unwrap().unwrap().unwrap();
        assert_eq!(v, schema::SCHEMA_VERSION);
    }
}

both!(merged_story_ids_redirect_to_the_survivor, s, {
    s.replace_stories(&[story("s-old", &["a1"], None), story("s-new", &["a2"], None)])
        .unwrap();
    let (shown, taken) = s.shown_story_ids().unwrap();
    assert_eq!(shown[&ArticleId::from("a2")], StoryId::from("s-new"));
    assert!(taken.contains(&StoryId::from("s-old")) && taken.contains(&StoryId::from("s-new")));
    // Regrouped: one story keeps the older id, the other id redirects to it.
    s.replace_stories(&[story("s-old", &["a1", "a2"], None)])
        .unwrap();
    s.add_story_redirects(&[(StoryId::from("s-new"), StoryId::from("s-old"))])
        .unwrap();
    let resolve = |s: &S, id: &str| s.resolve_story(&StoryId::from(id)).unwrap();
    assert_eq!(resolve(&s, "s-new"), Some(StoryId::from("s-old")));
    assert_eq!(resolve(&s, "s-old"), Some(StoryId::from("s-old")));
    assert_eq!(resolve(&s, "s-none"), None);
    // A later merge of the survivor re-points the earlier redirect: one step, no chain.
    s.replace_stories(&[story("s-top", &["a1", "a2"], None)])
        .unwrap();
    s.add_story_redirects(&[(StoryId::from("s-old"), StoryId::from("s-top"))])
        .unwrap();
    assert_eq!(resolve(&s, "s-new"), Some(StoryId::from("s-top")));
    let (_, taken) = s.shown_story_ids().unwrap();
    assert!(
        taken.contains(&StoryId::from("s-new")),
        "redirected ids stay taken"
    );
});

both!(
    a_given_id_with_the_text_of_a_stored_article_answers_as_an_alias,
    s,
    {
        put1(&mut s, doc("dis-1354", None, "same", "text"), None);
        let mut second = doc("dis-1355", None, "same", "text");
        second.title = Some("another headline".into());
        let out = put1(&mut s, second, Some(analysis("dis-1355")));
        assert_eq!(out.status, PutStatus::SameText);
        assert_eq!(out.id.as_str(), "dis-1354");
        assert_eq!(out.replaced_id, Some(ArticleId("dis-1355".into())));
        // The first article keeps its title; both ids answer with it.
        let first = s.article(&ArticleId("dis-1354".into())).unwrap().unwrap();
        assert_eq!(first.title.as_deref(), Some("Title dis-1354"));
        assert_eq!(
            s.article(&ArticleId("dis-1355".into())).unwrap(),
            Some(first)
        );
        assert_eq!(
            s.resolve(&ArticleId("dis-1355".into())).unwrap(),
            Some(ArticleId("dis-1354".into()))
        );
        assert_eq!(s.resolve(&ArticleId("nope".into())).unwrap(), None);
        assert_eq!(s.article_count().unwrap(), 1);
        // The alias follows a story lookup too.
        s.replace_stories(&[story("s1", &["dis-1354"], None)])
            .unwrap();
        assert_eq!(
            s.story_of(&ArticleId("dis-1355".into())).unwrap(),
            Some(StoryId("s1".into()))
        );
    }
);

both!(two_different_articles_under_one_id_are_both_kept, s, {
    let a = doc("empty-HPO", Some("https://h/1"), "f1", "one");
    let b = doc("empty-HPO", Some("https://h/2"), "f2", "two");
    put1(&mut s, a.clone(), None);
    let out = put1(&mut s, b.clone(), None);
    assert_eq!(out.status, PutStatus::Inserted);
    assert_eq!(out.id_taken, Some(ArticleId("empty-HPO".into())));
    assert!(out.id.as_str().starts_with("empty-HPO~"), "{}", out.id);
    assert_eq!(s.article_count().unwrap(), 2);
    let first = s.article(&ArticleId("empty-HPO".into())).unwrap().unwrap();
    assert_eq!(first.text, "one");
    assert_eq!(s.article(&out.id).unwrap().unwrap().text, "two");
    // The same second article again: found under its derived id, nothing written.
    let again = put1(&mut s, b, None);
    assert_eq!((again.status, again.id), (PutStatus::Unchanged, out.id));
    // A corrected text of the first (same url) is still an update of it.
    let mut a2 = a;
    a2.text = "one, corrected".into();
    a2.fingerprint = "f1b".into();
    let upd = put1(&mut s, a2, None);
    assert_eq!(
        (upd.status, upd.id.as_str()),
        (PutStatus::Updated, "empty-HPO")
    );
});

both!(the_change_sequence_lists_what_changed_since, s, {
    assert_eq!(s.seq().unwrap(), 0);
    put1(&mut s, doc("a1", Some("https://x/1"), "f1", "v1"), None);
    put1(&mut s, doc("a2", Some("https://x/2"), "f2", "v2"), None);
    let after_two = s.seq().unwrap();
    assert!(after_two >= 2);
    // Nothing changes: the sequence stays.
    put1(&mut s, doc("a2", Some("https://x/2"), "f2", "v2"), None);
    assert_eq!(s.seq().unwrap(), after_two);
    // a2's text comes back at a1's url: a1 is folded into a2.
    put1(&mut s, doc("a2", Some("https://x/1"), "f2", "v2"), None);
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    let seen = s
        .changes_since(after_two, &mut |id| removed.push(id), &mut |d, _| {
            changed.push(d.id);
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(seen, Some(s.seq().unwrap()));
    assert_eq!(removed, vec![ArticleId("a1".into())]);
    assert_eq!(changed, vec![ArticleId("a2".into())]);
    // The merged id answers with the article it was folded into.
    assert_eq!(
        s.resolve(&ArticleId("a1".into())).unwrap(),
        Some(ArticleId("a2".into()))
    );
    // From the start: every stored article once.
    let mut all = Vec::new();
    s.changes_since(0, &mut |_| {}, &mut |d, _| {
        all.push(d.id);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(all, vec![ArticleId("a2".into())]);
    // Replacing the stories is a change too (servers rebuild their lists on it).
    let before = s.seq().unwrap();
    s.replace_stories(&[story("s1", &["a2"], None)]).unwrap();
    assert!(s.seq().unwrap() > before);
});

#[test]
fn another_connection_sees_the_sequence_move() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut writer = SqliteStore::open(&path).unwrap();
    let reader = SqliteStore::open(&path).unwrap();
    let before = reader.seq().unwrap();
    put1(&mut writer, doc("a1", None, "f1", "v1"), None);
    assert!(reader.seq().unwrap() > before);
}

// ---- incremental stories (#17) ----

/// A dated English report; reports of one `topic` share their distinctive words.
fn report(id: &str, topic: &str, when: &str) -> Document {
    let words = match topic {
        "flood" => {
            "flood river Kosi embankment breach villages submerged Supaul relief camps boats"
        }
        "quake" => {
            "earthquake magnitude tremor Uttarkashi epicentre seismic houses cracked landslide"
        }
        _ => "cricket stadium Eden Gardens innings wicket bowler century spinner boundary",
    };
    let text = format!("{words}. {id} reports: {words}, officials said on the day.");
    let mut d = doc(id, None, &format!("fp-{id}"), &text);
    d.language = Some("en".into());
    d.title = Some(format!("{words} ({id})"));
    dated(d, when)
}

fn ids_of(s: &impl Store) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<(String, Vec<String>)> = s
        .stories()
        .unwrap()
        .into_iter()
        .map(|st| {
            let mut a: Vec<String> = st.articles.iter().map(|a| a.0.clone()).collect();
            a.sort();
            (st.id.0, a)
        })
        .collect();
    v.sort();
    v
}

/// The story rows an update leaves are the rows the stories call for: membership and positions
/// from each story's article list, keys from its members' stream records (what writing every
/// story from scratch gives), and no row of a story that is not stored.
fn story_rows_match_the_stories(s: &(impl Store + Raw)) {
    let mut db = crate::db::Backend::plain(s).unwrap();
    let mut keys: std::collections::HashMap<String, Vec<i64>> = Default::default();
    for mut r in db
        .query("SELECT article_id, features FROM story_features", &[])
        .unwrap()
    {
        let rec: khabar_story::Recorded = serde_json::from_str(&r.packed(1).unwrap()).unwrap();
        keys.insert(r.text(0).unwrap(), rec.index_keys().collect());
    }
    let mut want_members = std::collections::BTreeSet::new();
    let mut want_keys = std::collections::BTreeSet::new();
    for st in s.stories().unwrap() {
        for (i, a) in st.articles.iter().enumerate() {
            want_members.insert((st.id.0.clone(), a.0.clone(), i as i64));
            for k in &keys[&a.0] {
                want_keys.insert((*k, st.id.0.clone()));
            }
        }
    }
    let mut members = std::collections::BTreeSet::new();
    for mut r in db
        .query(
            "SELECT story_id, article_id, position FROM story_articles",
            &[],
        )
        .unwrap()
    {
        members.insert((r.text(0).unwrap(), r.text(1).unwrap(), r.int(2).unwrap()));
    }
    let mut filed = std::collections::BTreeSet::new();
    for mut r in db
        .query("SELECT key, story_id FROM story_keys", &[])
        .unwrap()
    {
        filed.insert((r.int(0).unwrap(), r.text(1).unwrap()));
    }
    assert_eq!(members, want_members);
    assert!(!want_keys.is_empty());
    assert_eq!(filed, want_keys);
}

both!(update_places_new_articles_in_the_stories_near_them_and_keeps_ids, fresh open, {
    let config = khabar_story::Config::default();
    let batches = [
        vec![
            report("f1", "flood", "2024-08-01T08:00:00Z"),
            report("q1", "quake", "2024-08-01T09:00:00Z"),
        ],
        vec![
            report("f2", "flood", "2024-08-02T08:00:00Z"),
            report("c1", "cricket", "2024-08-02T10:00:00Z"),
        ],
        vec![report("f3", "flood", "2024-08-03T08:00:00Z")],
    ];
    let mut runs = Vec::new();
    for _ in 0..2 {
        let mut s = open();
        let mut updates = Vec::new();
        for b in &batches {
            let items: Vec<(Document, Option<Analysis>)> =
                b.iter().map(|d| (d.clone(), None)).collect();
            s.put_articles(&items).unwrap();
            updates.push(s.update_stories(&config).unwrap());
        }
        // The first update groups the store whole; the later ones place only the new articles.
        assert!(updates[0].full);
        assert!(!updates[1].full && !updates[2].full);
        assert_eq!(updates[1].articles, 2);
        assert_eq!(updates[2].articles, 1);
        // Only the story that took the article is written again.
        assert_eq!(updates[2].stories.len(), 1);
        assert_eq!(updates[2].stories[0].articles.len(), 3);
        // Nothing new: nothing to do.
        assert_eq!(s.update_stories(&config).unwrap().articles, 0);
        story_rows_match_the_stories(&s);
        runs.push(ids_of(&s));
    }
    // The flood story kept the id it was shown with from the first batch.
    let flood = StoryId::from_key("f1");
    let stories = &runs[0];
    assert!(
        stories
            .iter()
            .any(|(id, a)| *id == flood.0 && *a == ["f1", "f2", "f3"]),
        "{stories:?}"
    );
    assert_eq!(stories.len(), 3, "{stories:?}");
    // Same batches, same stories and ids.
    assert_eq!(runs[0], runs[1]);
    // And the one pass over everything agrees.
    let mut one = open();
    let all: Vec<(Document, Option<Analysis>)> = batches
        .iter()
        .flatten()
        .map(|d| (d.clone(), None))
        .collect();
    one.put_articles(&all).unwrap();
    one.regroup_stories(&config).unwrap();
    assert_eq!(ids_of(&one), runs[0]);
});

#[test]
fn an_old_store_upgrades_and_its_first_update_groups_it_keeping_shown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    {
        // A store as schema 5 left it: articles and stories, no story state.
        let mut s = SqliteStore::open(&path).unwrap();
        s.put_articles(&[
            (report("f1", "flood", "2024-08-01T08:00:00Z"), None),
            (report("f2", "flood", "2024-08-02T08:00:00Z"), None),
        ])
        .unwrap();
        s.replace_stories(&[story("shown-before", &["f1", "f2"], None)])
            .unwrap();
        s.conn()
            .execute_batch(
                "DROP TABLE story_keys; DROP TABLE story_features; DROP TABLE story_vocab; \
                 DROP TABLE story_meta; DROP TABLE feed_items; DROP TABLE feeds; \
                 PRAGMA user_version = 5;",
            )
            .unwrap();
    }
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::SCHEMA_VERSION);
    s.put_articles(&[(report("f3", "flood", "2024-08-03T08:00:00Z"), None)])
        .unwrap();
    let u = s.update_stories(&khabar_story::Config::default()).unwrap();
    assert!(
        u.full,
        "nothing recorded yet: the first update is a full pass"
    );
    assert_eq!(
        ids_of(&s),
        vec![(
            "shown-before".to_string(),
            vec!["f1".to_string(), "f2".to_string(), "f3".to_string()]
        )]
    );
    // From now on updates are incremental and keep the id.
    s.put_articles(&[(report("f4", "flood", "2024-08-04T08:00:00Z"), None)])
        .unwrap();
    let u = s.update_stories(&khabar_story::Config::default()).unwrap();
    assert!(!u.full);
    assert_eq!(u.stories.len(), 1);
    assert_eq!(u.stories[0].id, StoryId("shown-before".into()));
    assert_eq!(u.stories[0].articles.len(), 4);
}

both!(a_changed_article_leaves_its_story_and_is_placed_again, fresh open, {
    let config = khabar_story::Config::default();
    let mut s = open();
    s.put_articles(&[
        (report("f1", "flood", "2024-08-01T08:00:00Z"), None),
        (report("f2", "flood", "2024-08-01T09:00:00Z"), None),
        (
            {
                // Words of its own, which the flood story is filed under while it holds `x`.
                let mut x = report("x", "flood", "2024-08-01T10:00:00Z");
                x.text.push_str(" Bhimnagar barrage sluice gates opened at Birpur.");
                x
            },
            None,
        ),
    ])
    .unwrap();
    s.update_stories(&config).unwrap();
    story_rows_match_the_stories(&s);
    let flood = s.story_of(&ArticleId("f1".into())).unwrap().unwrap();
    // `x` is rewritten as a cricket report: it leaves the flood story for a story of its own.
    let mut x = report("x", "cricket", "2024-08-01T10:00:00Z");
    x.fingerprint = "fp-x2".into();
    assert_eq!(put1(&mut s, x, None).status, PutStatus::Updated);
    let u = s.update_stories(&config).unwrap();
    assert!(!u.full);
    assert_eq!(u.articles, 1);
    let stories = ids_of(&s);
    assert_eq!(stories.len(), 2, "{stories:?}");
    assert!(stories
        .iter()
        .any(|(id, a)| *id == flood.0 && *a == ["f1", "f2"]));
    let moved = s.story_of(&ArticleId("x".into())).unwrap().unwrap();
    assert_ne!(moved, flood);
    // The flood story, rewritten without `x`, is no longer filed under the keys only `x` had
    // (its own id among its words), and `x`'s new story is.
    story_rows_match_the_stories(&s);
});

/// An English report of these words (a title of the first few).
fn words(id: &str, words: &str, when: &str) -> Document {
    let text = format!("{words}. {id} reports: {words}, officials said on the day.");
    let mut d = doc(id, None, &format!("fp-{id}"), &text);
    d.language = Some("en".into());
    d.title = Some(words.split(' ').take(4).collect::<Vec<_>>().join(" "));
    dated(d, when)
}

both!(a_late_older_article_between_two_stories_gives_the_one_pass_stories_and_keeps_shown_ids, fresh open, {
    let config = khabar_story::Config::default();
    // Two reports of one flood that share few words, and a third, published between them, that
    // shares words with both: in the stream's order it joins the first and draws the second in.
    let first = "flood river Kosi embankment breach villages submerged Supaul district";
    let second = "rescue boats relief camps stranded families army helicopters food packets";
    let a = words("a", first, "2024-08-01T08:00:00Z");
    let b = words("b", second, "2024-08-01T12:00:00Z");
    let x = words("x", &format!("{first} {second}"), "2024-08-01T10:00:00Z");
    let mut one = open();
    one.put_articles(&[(a.clone(), None), (b.clone(), None), (x.clone(), None)])
        .unwrap();
    one.regroup_stories(&config).unwrap();
    let one_pass = ids_of(&one);
    assert_eq!(one_pass.len(), 1, "the one pass joins all three: {one_pass:?}");
    // Stored without the middle report, the two are apart and shown under their own ids.
    let mut s = open();
    s.put_articles(&[(a, None), (b, None)]).unwrap();
    s.update_stories(&config).unwrap();
    let shown = ids_of(&s);
    assert_eq!(shown.len(), 2, "{shown:?}");
    let (ida, idb) = (StoryId::from_key("a"), StoryId::from_key("b"));
    // The middle report arrives last: the stories come out as the one pass gives them, the older
    // shown id survives and the other answers with it.
    s.put_articles(&[(x, None)]).unwrap();
    let u = s.update_stories(&config).unwrap();
    assert!(!u.full);
    assert!(u.redecided >= 1, "{u:?}");
    let now = ids_of(&s);
    assert_eq!(
        now,
        vec![(ida.0.clone(), vec!["a".into(), "b".into(), "x".into()])],
        "{now:?}"
    );
    assert_eq!(u.redirects, vec![(idb.clone(), ida.clone())]);
    assert_eq!(s.resolve_story(&idb).unwrap(), Some(ida.clone()));
    assert_eq!(s.resolve_story(&ida).unwrap(), Some(ida));
    // Nothing left to place, and placing again changes nothing.
    assert_eq!(s.update_stories(&config).unwrap().articles, 0);
    assert_eq!(ids_of(&s), now);
});

both!(a_late_older_article_that_takes_a_member_away_splits_its_story_as_one_pass_does, fresh open, {
    let config = khabar_story::Config::default();
    // `b` shares some words with `a` and more with `x`, published between them: without `x` it
    // joins `a`; in the stream's order with `x` it joins `x` instead.
    let a = words("a", "flood river Kosi embankment breach villages submerged Supaul district", "2024-08-01T08:00:00Z");
    let x = words("x", "rescue boats relief camps stranded families army helicopters food packets", "2024-08-01T10:00:00Z");
    let b = words("b", "flood river Kosi embankment rescue boats relief camps stranded families army helicopters food packets", "2024-08-01T12:00:00Z");
    let mut one = open();
    one.put_articles(&[(a.clone(), None), (b.clone(), None), (x.clone(), None)])
        .unwrap();
    one.regroup_stories(&config).unwrap();
    let one_pass = ids_of(&one);
    let mut s = open();
    s.put_articles(&[(a, None), (b, None)]).unwrap();
    s.update_stories(&config).unwrap();
    let shown = ids_of(&s);
    assert_eq!(shown, vec![(StoryId::from_key("a").0, vec!["a".into(), "b".into()])], "{one_pass:?}");
    s.put_articles(&[(x, None)]).unwrap();
    let u = s.update_stories(&config).unwrap();
    assert!(u.redirects.is_empty(), "{u:?}");
    let now = ids_of(&s);
    // The one pass's stories; the shown id stays with the part that holds its founder (each part
    // holds one of its articles: the tie goes to the part founded first) and the other part is
    // a new story, never under the shown id.
    let members = |v: &[(String, Vec<String>)]| {
        let mut m: Vec<Vec<String>> = v.iter().map(|(_, a)| a.clone()).collect();
        m.sort();
        m
    };
    assert_eq!(members(&now), members(&one_pass), "{now:?} {one_pass:?}");
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(now.contains(&(StoryId::from_key("a").0, vec!["a".into()])), "{now:?}");
});

both!(copies_found_when_stored_stay_copies_when_their_story_grows, fresh open, {
    let config = khabar_story::Config::default();
    let copy = |id: &str, when: &str| {
        let mut d = report(id, "flood", when);
        // One wire text under three names: the same words at three addresses.
        d.text = report("wire", "flood", when).text;
        d.url = Some(format!("https://example.invalid/{id}"));
        d
    };
    let mut s = open();
    s.put_articles(&[
        (copy("w1", "2024-08-01T08:00:00Z"), None),
        (copy("w2", "2024-08-01T09:00:00Z"), None),
    ])
    .unwrap();
    s.update_stories(&config).unwrap();
    s.put_articles(&[(copy("w3", "2024-08-01T10:00:00Z"), None)])
        .unwrap();
    let u = s.update_stories(&config).unwrap();
    assert!(!u.full);
    let story = &u.stories[0];
    assert_eq!(story.articles.len(), 3);
    assert_eq!(story.copies.len(), 1, "{:?}", story.copies);
    assert_eq!(story.copies[0].original, ArticleId("w1".into()));
    assert_eq!(
        story.copies[0].copies,
        vec![ArticleId("w2".into()), ArticleId("w3".into())]
    );
});

// ---- the two backends side by side (#20) ----

#[cfg(feature = "postgres")]
mod postgres_like_sqlite {
    use super::properties::arb_doc;
    use super::*;
    use crate::testkit::dump_with_seq;
    use proptest::prelude::*;

    #[test]
    fn the_same_puts_store_the_same_rows_on_both_backends() {
        let Some((_schema, mut pg)) = crate::testkit::pg_store() else {
            return;
        };
        let mut lite = SqliteStore::open_in_memory().unwrap();
        scripted_run(&mut lite);
        scripted_run(&mut pg);
        assert_eq!(lite.articles().unwrap(), pg.articles().unwrap());
        assert_eq!(lite.stories().unwrap(), pg.stories().unwrap());
        let d = dump_with_seq(&lite);
        assert!(d.len() > 8, "{d:?}");
        assert_eq!(d, dump_with_seq(&pg));
        assert_eq!(pg.schema_version().unwrap(), crate::pg::PG_SCHEMA_VERSION);
    }

    #[test]
    fn a_schema_2_database_with_plain_rows_migrates_and_reads_as_before() {
        let Some(schema) = crate::testkit::pg_schema() else {
            return;
        };
        let (d, a) = long_report("o1", "flood", "2024-08-01T08:00:00Z");
        {
            // Rows as PostgreSQL schema 2 wrote them: plain JSON and text in TEXT columns.
            let mut c = postgres::Client::connect(&schema.url, postgres::NoTls).unwrap();
            c.batch_execute(
                "CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), \
                 version BIGINT NOT NULL); INSERT INTO schema_version VALUES (1, 2);",
            )
            .unwrap();
            for step in &crate::pg::PG_MIGRATIONS[..2] {
                c.batch_execute(step).unwrap();
            }
            let mut json_doc = d.clone();
            json_doc.text = String::new();
            c.execute(
                "INSERT INTO articles (id, fingerprint, source, doc, text, updated_at, seq) \
                 VALUES ($1, $2, $3, $4, $5, 0, 1)",
                &[
                    &d.id.as_str(),
                    &d.fingerprint,
                    &d.source,
                    &serde_json::to_string(&json_doc).unwrap(),
                    &d.text,
                ],
            )
            .unwrap();
            c.execute(
                "INSERT INTO analyses (article_id, analysis) VALUES ($1, $2)",
                &[&d.id.as_str(), &serde_json::to_string(&a).unwrap()],
            )
            .unwrap();
            c.batch_execute("UPDATE store_seq SET value = 1").unwrap();
        }
        let mut s = PgStore::open(&schema.url).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::pg::PG_SCHEMA_VERSION);
        plain_rows_read_as_before(&mut s, d, a);
    }

    #[test]
    fn concurrent_first_opens_migrate_once() {
        let Some(schema) = crate::testkit::pg_schema() else {
            return;
        };
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let url = schema.url.clone();
                std::thread::spawn(move || PgStore::open(&url).map(|s| s.schema_version()))
            })
            .collect();
        for h in handles {
            let v = h.join().unwrap().unwrap().unwrap();
            assert_eq!(v, crate::pg::PG_SCHEMA_VERSION);
        }
    }

    #[test]
    fn a_newer_schema_is_refused_clearly() {
        let Some((schema, s)) = crate::testkit::pg_store() else {
            return;
        };
        s.raw("UPDATE schema_version SET version = 99");
        drop(s);
        let err = PgStore::open(&schema.url).unwrap_err();
        assert!(
            matches!(err, StoreError::SchemaTooNew { found: 99, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn an_unreachable_server_names_the_url_without_its_password() {
        let err = PgStore::open("postgres://khabar:secret@127.0.0.1:1/none").unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, StoreError::PgOpen { .. }), "{err:?}");
        assert!(
            msg.contains("127.0.0.1:1") && !msg.contains("secret"),
            "{msg}"
        );
    }

    #[test]
    fn two_writers_putting_the_same_articles_make_no_twins() {
        let Some(schema) = crate::testkit::pg_schema() else {
            return;
        };
        PgStore::open(&schema.url).unwrap();
        let handles: Vec<_> = (0..2)
            .map(|w| {
                let url = schema.url.clone();
                std::thread::spawn(move || {
                    let mut s = PgStore::open(&url).unwrap();
                    for b in 0..10 {
                        // Each writer's own articles, the same shared ones by url, and by text
                        // without a url (dedup by fingerprint across the two writers).
                        let items: Vec<_> = (0..5)
                            .map(|i| {
                                let id = format!("w{w}-{b}-{i}");
                                (doc(&id, None, &format!("f{id}"), "t"), None)
                            })
                            .chain((0..3).map(|i| {
                                let url = format!("https://x/shared-{b}-{i}");
                                let id = format!("u{w}-{b}-{i}");
                                (doc(&id, Some(&url), &format!("fu{b}{i}"), "u"), None)
                            }))
                            .chain([(
                                doc(&format!("t{w}-{b}"), None, &format!("ft{b}"), "v"),
                                None,
                            )])
                            .collect();
                        s.put_articles(&items).unwrap();
                    }
                    s.seq().unwrap()
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let s = PgStore::open(&schema.url).unwrap();
        assert_eq!(s.article_count().unwrap(), 2 * 10 * 5 + 10 * 3 + 10);
        // Every given id answers.
        for w in 0..2 {
            for b in 0..10 {
                let id = ArticleId(format!("t{w}-{b}"));
                assert!(s.article(&id).unwrap().is_some(), "{id}");
            }
        }
    }

    #[test]
    fn change_numbers_follow_commit_order() {
        // A follower reading after every commit of two racing writers sees every article.
        let Some(schema) = crate::testkit::pg_schema() else {
            return;
        };
        let follower = PgStore::open(&schema.url).unwrap();
        let handles: Vec<_> = (0..2)
            .map(|w| {
                let url = schema.url.clone();
                std::thread::spawn(move || {
                    let mut s = PgStore::open(&url).unwrap();
                    for i in 0..40 {
                        let id = format!("w{w}-{i}");
                        s.put_articles(&[(doc(&id, None, &format!("f{id}"), "t"), None)])
                            .unwrap();
                    }
                })
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut applied = 0;
        let mut rounds = 0;
        while seen.len() < 80 {
            rounds += 1;
            assert!(
                rounds < 100_000,
                "the follower never caught up: {}",
                seen.len()
            );
            let got = follower
                .changes_since(applied, &mut |_| {}, &mut |d, _| {
                    seen.insert(d.id.0);
                    ControlFlow::Continue(())
                })
                .unwrap();
            applied = got.unwrap();
        }
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(seen.len(), 80);
        assert_eq!(
            follower.seq().unwrap(),
            applied.max(follower.seq().unwrap())
        );
    }

    #[test]
    fn concurrent_story_updates_place_every_article_once() {
        // Two workers each store reports of three events and place them, at the same time;
        // the events' reports must end in one story each, every article in exactly one story.
        let Some(schema) = crate::testkit::pg_schema() else {
            return;
        };
        PgStore::open(&schema.url).unwrap();
        let config = khabar_story::Config::default();
        let handles: Vec<_> = (0..2)
            .map(|w| {
                let url = schema.url.clone();
                std::thread::spawn(move || {
                    let mut s = PgStore::open(&url).unwrap();
                    for day in 1..=4 {
                        let when = format!("2024-08-0{day}T0{w}:00:00Z");
                        let items: Vec<(Document, Option<Analysis>)> =
                            ["flood", "quake", "cricket"]
                                .iter()
                                .map(|t| (report(&format!("{t}-{w}-{day}"), t, &when), None))
                                .collect();
                        s.put_articles(&items).unwrap();
                        s.update_stories(&config).unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let mut s = PgStore::open(&schema.url).unwrap();
        while s.update_stories(&config).unwrap().articles > 0 {}
        assert_eq!(s.ungrouped_count().unwrap(), 0);
        let stories = ids_of(&s);
        let mut members: Vec<&String> = stories.iter().flat_map(|(_, a)| a).collect();
        let n = members.len();
        members.sort();
        members.dedup();
        assert_eq!((n, members.len()), (24, 24), "{stories:?}");
        // One story per event: its reports are never split between two stories.
        assert_eq!(stories.len(), 3, "{stories:?}");
        for (_, a) in &stories {
            let topic = a[0].split('-').next().unwrap_or_default().to_string();
            assert!(a.iter().all(|id| id.starts_with(&topic)), "{a:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn any_put_sequence_gives_the_same_outcomes_and_rows(
            batches in proptest::collection::vec(
                proptest::collection::vec((arb_doc(), any::<bool>()), 1..4),
                1..6,
            )
        ) {
            let Some((_schema, mut pg)) = crate::testkit::pg_store() else {
                return Ok(());
            };
            let mut lite = SqliteStore::open_in_memory().unwrap();
            for batch in &batches {
                let items: Vec<(Document, Option<Analysis>)> = batch
                    .iter()
                    .map(|(d, with)| (d.clone(), with.then(|| analysis(d.id.as_str()))))
                    .collect();
                let a = lite.put_articles(&items).unwrap();
                let b = pg.put_articles(&items).unwrap();
                prop_assert_eq!(a, b);
            }
            prop_assert_eq!(dump_with_seq(&lite), dump_with_seq(&pg));
        }
    }
}

// ---- large values packed (zstd, schema 9 / PostgreSQL 3, issue #17) ----

/// A long report (its text, analysis, record and story are all long enough to be packed).
fn long_report(id: &str, topic: &str, when: &str) -> (Document, Option<Analysis>) {
    let mut d = report(id, topic, when);
    d.text = format!("{} बाढ़ से गाँव डूबे। ", d.text).repeat(12);
    d.paragraphs = vec![Span::new(0, d.text.len())];
    let mut a = analysis(id);
    let step = d.text.len() / 12;
    a.sentences = (0..12)
        .map(|i| khabar_model::Sentence {
            span: Span::new(i * step, (i + 1) * step),
        })
        .collect();
    (d, Some(a))
}

/// What the store gives back: articles with analyses, texts, stories.
type Reads = (
    Vec<(Document, Option<Analysis>)>,
    Vec<Option<String>>,
    Vec<Story>,
);

fn reads(s: &impl Store) -> Reads {
    let all = s.articles_with_analyses().unwrap();
    let texts = all
        .iter()
        .map(|(d, _)| s.article_text(&d.id).unwrap())
        .collect();
    (all, texts, s.stories().unwrap())
}

both!(large_values_are_stored_as_zstd_frames_and_read_back, s, {
    let (d, a) = long_report("z1", "flood", "2024-08-01T08:00:00Z");
    put1(&mut s, d.clone(), a.clone());
    s.update_stories(&khabar_story::Config::default()).unwrap();
    let frame = "[Blob([40, 181, 47, 253";
    for (table, column) in [
        ("articles", "text"),
        ("analyses", "analysis"),
        ("story_features", "features"),
        ("stories", "story"),
    ] {
        let rows = s.rows(&format!("SELECT {column} FROM {table}"));
        assert_eq!(rows.len(), 1, "{table}");
        assert!(rows[0].starts_with(frame), "{table}.{column}: {}", rows[0]);
    }
    // The small document JSON stays text.
    assert!(s.rows("SELECT doc FROM articles")[0].starts_with("[Text("));
    assert_eq!(s.article(&d.id).unwrap(), Some(d.clone()));
    assert_eq!(s.analysis(&d.id).unwrap(), a);
    assert_eq!(s.article_text(&d.id).unwrap(), Some(d.text.clone()));
    let lent = s
        .with_article_text(&d.id, |b| b == d.text.as_bytes())
        .unwrap();
    assert_eq!(lent, Some(true));
    // The same article again is unchanged (the packed values compare as their strings).
    assert_eq!(put1(&mut s, d, a).status, PutStatus::Unchanged);
});

both!(plain_values_written_before_packing_read_as_before, fresh open, {
    use crate::db::{Backend, Val};
    let config = khabar_story::Config::default();
    let first = [
        long_report("f1", "flood", "2024-08-01T08:00:00Z"),
        long_report("q1", "quake", "2024-08-01T09:00:00Z"),
        long_report("f2", "flood", "2024-08-02T08:00:00Z"),
    ];
    let later = [
        long_report("f3", "flood", "2024-08-03T08:00:00Z"),
        long_report("q2", "quake", "2024-08-03T09:00:00Z"),
    ];
    let mut runs = Vec::new();
    for rewrite in [false, true] {
        let mut s = open();
        s.put_articles(&first).unwrap();
        s.update_stories(&config).unwrap();
        let before = reads(&s);
        if rewrite {
            // Every packed value rewritten as the plain UTF-8 a store before schema 9 holds
            // (SQLite text; PostgreSQL's migration keeps those bytes in BYTEA).
            let mut db = s.plain().unwrap();
            for (table, key, column) in [
                ("articles", "id", "text"),
                ("analyses", "article_id", "analysis"),
                ("story_features", "article_id", "features"),
                ("stories", "id", "story"),
            ] {
                let rows = db
                    .query(&format!("SELECT {key}, {column} FROM {table}"), &[])
                    .unwrap();
                assert!(!rows.is_empty(), "{table}");
                for mut r in rows {
                    let k = r.text(0).unwrap();
                    let v = r.packed(1).unwrap();
                    db.exec(
                        &format!("UPDATE {table} SET {column} = ?1 WHERE {key} = ?2"),
                        &[Val::PlainPacked(v.as_bytes()), k.as_str().into()],
                    )
                    .unwrap();
                }
            }
            drop(db);
            assert!(s.rows("SELECT analysis FROM analyses")[0].starts_with("[Text("));
        }
        assert_eq!(reads(&s), before);
        // Later updates replay the plain records and place new articles as on a packed store.
        s.put_articles(&later).unwrap();
        let u = s.update_stories(&config).unwrap();
        assert!(!u.full && u.replayed > 0, "{u:?}");
        runs.push((reads(&s), ids_of(&s)));
    }
    assert_eq!(runs[0], runs[1]);
});

#[test]
fn a_schema_8_file_with_plain_rows_opens_and_reads_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    let (d, a) = long_report("o1", "flood", "2024-08-01T08:00:00Z");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    schema::migrate_to(&mut conn, 8).unwrap();
    // Rows as schema 8 wrote them: plain JSON and text.
    let mut json_doc = d.clone();
    json_doc.text = String::new();
    conn.execute(
        "INSERT INTO articles (id, url, fingerprint, source, doc, text, updated_at, seq) \
         VALUES (?1, NULL, ?2, ?3, ?4, ?5, 0, 1)",
        rusqlite::params![
            d.id.as_str(),
            d.fingerprint,
            d.source,
            serde_json::to_string(&json_doc).unwrap(),
            d.text
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO analyses (article_id, analysis) VALUES (?1, ?2)",
        rusqlite::params![d.id.as_str(), serde_json::to_string(&a).unwrap()],
    )
    .unwrap();
    conn.execute("UPDATE store_seq SET value = 1", []).unwrap();
    drop(conn);
    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::SCHEMA_VERSION);
    plain_rows_read_as_before(&mut s, d, a);
}

/// A store opened over rows an older schema wrote plain reads them as they were; its first
/// update groups the article and writes the story state packed; re-putting the same article
/// changes nothing (plain and packed compare as strings).
fn plain_rows_read_as_before(
    s: &mut (impl Store + crate::testkit::Raw),
    d: Document,
    a: Option<Analysis>,
) {
    assert_eq!(s.article(&d.id).unwrap(), Some(d.clone()));
    assert_eq!(s.analysis(&d.id).unwrap(), a);
    assert_eq!(s.article_text(&d.id).unwrap(), Some(d.text.clone()));
    assert!(
        s.update_stories(&khabar_story::Config::default())
            .unwrap()
            .full
    );
    assert!(s.rows("SELECT features FROM story_features")[0].starts_with("[Blob("));
    assert_eq!(put1(s, d, a).status, PutStatus::Unchanged);
}
