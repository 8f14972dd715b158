//! The library's ingest, end to end on small inputs.

use super::*;
use khabar_store::SqliteStore;

/// Collects the messages of an ingest.
#[derive(Default)]
struct Lines(Mutex<Vec<String>>);

impl Progress for Lines {
    fn message(&self, line: &str) {
        if let Ok(mut g) = self.0.lock() {
            g.push(line.to_string());
        }
    }
}

fn write_inputs(dir: &std::path::Path) -> Vec<PathBuf> {
    let a = dir.join("a.txt");
    std::fs::write(
        &a,
        "दिल्ली में भारी बारिश से जलभराव\n\nदिल्ली में सोमवार को भारी बारिश हुई। कई इलाकों में जलभराव हो गया और यातायात धीमा रहा।\n",
    )
    .unwrap();
    let b = dir.join("b.jsonl");
    std::fs::write(
        &b,
        concat!(
            r#"{"id":"x1","title":"Heavy rain floods Delhi roads","text":"Heavy rain lashed Delhi on Monday. Several roads were waterlogged and traffic slowed.","published":"2024-07-01","outlet":"Daily"}"#,
            "\n",
            "not json\n",
            r#"{"id":"x2","title":"Delhi rain: traffic slows","text":"Traffic slowed across Delhi after heavy rain on Monday, with waterlogging on several roads.","published":"2024-07-01","outlet":"Times"}"#,
            "\n"
        ),
    )
    .unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    vec![a, b, empty, dir.join("missing.txt")]
}

fn run(threads: usize) -> (Vec<String>, Summary, Vec<Story>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let db = dir.path().join("k.db");
    let store = SqliteStore::open(&db).unwrap();
    let index = index::open_for_store(&db, &store).unwrap();
    let mut lib = Library::new(Box::new(store), Some(index)).with_threads(threads);
    lib.load_engine_in_background();
    let lines = Lines::default();
    let (summary, update) = lib.ingest(&inputs, None, &lines, false).unwrap();
    assert!(update.full, "the first update groups the store whole");
    let stories = lib.stories_of(&summary.ids).unwrap();
    // taken from the regroup's own stories: the same as read back from the store
    assert_eq!(lib.stories_after(&update, &summary.ids).unwrap(), stories);
    assert_eq!(
        lib.stories_after(&update, &summary.ids[..1]).unwrap(),
        lib.stories_of(&summary.ids[..1]).unwrap()
    );
    let indexed = lib.index().unwrap().num_docs() as usize;
    // the same messages but for the temporary folder's name
    let here = dir.path().display().to_string();
    let lines = lines.0.into_inner().unwrap();
    let lines = lines.iter().map(|l| l.replace(&here, "DIR")).collect();
    (lines, summary, stories, indexed)
}

#[test]
fn an_ingest_reads_stores_indexes_and_groups_the_same_on_any_number_of_threads() {
    let (lines, summary, stories, indexed) = run(1);
    assert_eq!(summary.ids.len(), 3, "{lines:?}");
    assert_eq!(summary.inserted, 3);
    // the bad line, the empty file and the missing path
    assert_eq!(summary.errors, 3, "{lines:?}");
    assert_eq!(indexed, 3, "the index follows the store");
    assert!(lines.iter().any(|l| l.contains("empty.txt")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("missing.txt")), "{lines:?}");
    assert!(!stories.is_empty());
    let placed: usize = stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(placed, 3, "every article is in a story");
    let (lines2, summary2, stories2, indexed2) = run(2);
    assert_eq!(lines, lines2, "messages in input order");
    assert_eq!(summary.ids, summary2.ids);
    assert_eq!(indexed, indexed2);
    let ids = |s: &[Story]| {
        s.iter()
            .map(|s| (s.id.clone(), s.articles.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&stories), ids(&stories2));
}

#[test]
fn stored_documents_are_indexed_and_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let store = SqliteStore::open(&db).unwrap();
    let index = index::open_for_store(&db, &store).unwrap();
    let mut lib = Library::new(Box::new(store), Some(index)).with_threads(1);
    let raw = khabar_ingest::jsonl::parse_line(
        r#"{"id":"p1","title":"Flood in Assam","text":"Floods hit Assam on Tuesday, displacing thousands of people.","published":"2024-07-02"}"#,
        "test",
        1,
    )
    .unwrap();
    let doc = khabar_ingest::build_document(raw).unwrap();
    let a = lib.engine().unwrap().analyzer().analyze(&doc);
    let stored = lib.store_documents(&[(doc, Some(a))]).unwrap();
    assert_eq!(stored.outcomes.len(), 1);
    assert!(matches!(stored.indexed, Ok(true)));
    assert_eq!(stored.story_count.unwrap(), 1);
    assert_eq!(lib.index().unwrap().num_docs(), 1);
    // a second time: unchanged, nothing new
    let again = lib.store_documents(&[]).unwrap();
    assert!(again.outcomes.is_empty());
    assert_eq!(lib.reindex().unwrap(), 1);
}
