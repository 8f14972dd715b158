//! Streaming reads: every article (with its analysis) one row at a time, in constant memory,
//! for exports and for building in-memory indexes.

use crate::error::{Context, StoreError};
use crate::SqliteStore;

/// Which articles `for_each_article` visits. Empty = all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Published at or after this Unix time (undated articles are left out when set).
    pub since_ts: Option<i64>,
    /// Published before this Unix time (undated articles are left out when set).
    pub until_ts: Option<i64>,
    /// Only the articles of this story.
    pub story: Option<String>,
}

impl SqliteStore {
    /// SQLite's `PRAGMA data_version`: it changes when another connection (another process, or
    /// another connection of this one) commits to the database. Servers poll it to notice an
    /// ingest made elsewhere.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .ctx(|| "reading the data version".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use khabar_model::{Analysis, ArticleId, Document, PubTime, Span};
    use std::ops::ControlFlow;

    fn doc(id: &str, published: Option<&str>) -> Document {
        Document {
            id: ArticleId::from(id),
            source: "test".into(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            authors: vec![],
            published: published.map(|p| PubTime::parse(p).unwrap()),
            updated: None,
            language: Some("hi".into()),
            dateline: None,
            text: format!("text of {id}"),
            paragraphs: vec![Span::new(0, 8)],
            captions: vec![],
            dropped: vec![],
            fingerprint: format!("fp-{id}"),
        }
    }

    #[test]
    fn data_version_changes_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let watcher = SqliteStore::open(&path).unwrap();
        let mut writer = SqliteStore::open(&path).unwrap();
        let before = watcher.data_version().unwrap();
        assert_eq!(watcher.data_version().unwrap(), before);
        writer.put_articles(&[(doc("x", None), None)]).unwrap();
        assert_ne!(watcher.data_version().unwrap(), before);
    }

    both!(streams_in_order_with_filters_and_stops_on_break, s, {
        s.put_articles(&[
            (doc("c", None), None),
            (doc("b", Some("2022-01-11")), None),
            (
                doc("a", Some("2022-01-10")),
                Some(Analysis::empty(ArticleId::from("a"), "hi")),
            ),
        ])
        .unwrap();
        let mut seen = Vec::new();
        let n = s
            .for_each_article(&ArticleFilter::default(), &mut |d, a| {
                seen.push((d.id.0, a.is_some()));
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            seen,
            vec![("a".into(), true), ("b".into(), false), ("c".into(), false)]
        );

        let since = PubTime::parse("2022-01-11").unwrap().timestamp() - 3600;
        let mut ids = Vec::new();
        s.for_each_article(
            &ArticleFilter {
                since_ts: Some(since),
                ..Default::default()
            },
            &mut |d, _| {
                ids.push(d.id.0);
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(ids, vec!["b".to_string()]);

        let mut first = Vec::new();
        s.for_each_article(&ArticleFilter::default(), &mut |d, _| {
            first.push(d.id.0);
            ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(first, vec!["a".to_string()]);
    });
}
