//! Streaming reads: every article (with its analysis) one row at a time, in constant memory,
//! for exports and for building in-memory indexes.

use crate::error::{Context, StoreError};
use crate::SqliteStore;
use khabar_model::{Analysis, Document, Story};
use rusqlite::types::Value;
use std::ops::ControlFlow;

/// Which articles [`SqliteStore::for_each_article`] visits. Empty = all.
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
    /// Calls `f` with each article matching `filter` and its analysis, in the order of
    /// [`crate::Store::articles`], reading one row at a time. `f` stops the walk with
    /// `ControlFlow::Break`. Returns how many articles were visited.
    pub fn for_each_article(
        &self,
        filter: &ArticleFilter,
        f: &mut dyn FnMut(Document, Option<Analysis>) -> ControlFlow<()>,
    ) -> Result<usize, StoreError> {
        let ctx = || "streaming articles".to_string();
        let mut sql = String::from(
            "SELECT a.doc, a.text, n.analysis FROM articles a \
             LEFT JOIN analyses n ON n.article_id = a.id",
        );
        let mut conds: Vec<&str> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(s) = filter.since_ts {
            conds.push("a.published_ts >= ?");
            params.push(Value::Integer(s));
        }
        if let Some(u) = filter.until_ts {
            conds.push("a.published_ts < ?");
            params.push(Value::Integer(u));
        }
        if let Some(story) = &filter.story {
            conds.push("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)");
            params.push(Value::Text(story.clone()));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY a.published_ts IS NULL, a.published_ts, a.id");
        let mut stmt = self.conn().prepare(&sql).ctx(ctx)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .ctx(ctx)?;
        let mut n = 0;
        while let Some(row) = rows.next().ctx(ctx)? {
            let doc: String = row.get(0).ctx(ctx)?;
            let text: String = row.get(1).ctx(ctx)?;
            let analysis: Option<String> = row.get(2).ctx(ctx)?;
            let doc: Document = crate::sqlite::parse_doc(&doc, text)?;
            let analysis = analysis
                .as_deref()
                .map(|j| {
                    serde_json::from_str(j).ctx(|| format!("reading the analysis of {}", doc.id))
                })
                .transpose()?;
            n += 1;
            if f(doc, analysis).is_break() {
                break;
            }
        }
        Ok(n)
    }

    /// SQLite's `PRAGMA data_version`: it changes when another connection (another process, or
    /// another connection of this one) commits to the database. Servers poll it to notice an
    /// ingest made elsewhere.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .ctx(|| "reading the data version".into())
    }

    /// Calls `f` with each story in list order (last published first), one row at a time.
    pub fn for_each_story(
        &self,
        f: &mut dyn FnMut(Story) -> ControlFlow<()>,
    ) -> Result<usize, StoreError> {
        let ctx = || "streaming stories".to_string();
        let mut stmt = self
            .conn()
            .prepare("SELECT story FROM stories ORDER BY last_ts IS NULL, last_ts DESC, id")
            .ctx(ctx)?;
        let mut rows = stmt.query([]).ctx(ctx)?;
        let mut n = 0;
        while let Some(row) = rows.next().ctx(ctx)? {
            let json: String = row.get(0).ctx(ctx)?;
            let story: Story =
                serde_json::from_str(&json).ctx(|| "reading a stored story".into())?;
            n += 1;
            if f(story).is_break() {
                break;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use khabar_model::{ArticleId, PubTime, Span};

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

    #[test]
    fn streams_in_order_with_filters_and_stops_on_break() {
        let mut s = SqliteStore::open_in_memory().unwrap();
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
    }
}
