//! Search for the server and the CLI: the tantivy index of `khabar-search` kept in step with the
//! store.
//!
//! - [`open_for_store`] opens the index next to a store (`<db>.search/`) and rebuilds it when
//!   it was written by another analyzer version or does not hold as many articles as the store;
//! - [`reindex`] rebuilds it from the store (`khabar reindex`);
//! - [`sync_outcomes`] indexes what one `put_articles` batch changed (every ingest path calls
//!   it: `khabar ingest`, `khabar run`, `POST /api/articles`).
//!
//! Story ids are not indexed (they change when articles are re-clustered): the API resolves a
//! story filter to the story's current articles and groups hits by the current stories.

use khabar_model::{Analysis, ArticleId, Document};
use khabar_store::{ArticleFilter, PutOutcome, PutStatus, SqliteStore, Store, StoreError};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

pub use khabar_search::analyzer::{roman_key, stem};
/// The tantivy index (the name [`SearchIndex`] stays with the numbered in-memory index of the
/// first version).
pub use khabar_search::SearchIndex as Index;
pub use khabar_search::{
    parse_query, snippet, Filters, Hits, Mode, QueryWord, SearchError, Snippets, Writer,
};

/// Keeping the index in step with the store failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Rebuilds the index from every article of the store; returns how many were indexed.
pub fn reindex(store: &SqliteStore, index: &Index) -> Result<usize, SyncError> {
    let mut w = index.bulk_writer()?;
    w.clear()?;
    let mut failed: Option<SearchError> = None;
    let n = store.for_each_article(&ArticleFilter::default(), &mut |doc, analysis| match w
        .put(&doc, analysis.as_ref())
    {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    w.commit()?;
    Ok(n)
}

/// Opens the index of the store at `db` (creating it), rebuilt from `store` when it is not
/// current or holds another number of articles than the store.
pub fn open_for_store(db: &Path, store: &SqliteStore) -> Result<Index, SyncError> {
    let index = Index::open(&Index::dir_for(db))?;
    ensure_in_step(store, &index)?;
    Ok(index)
}

/// Rebuilds `index` from `store` unless it is current and holds as many articles.
pub fn ensure_in_step(store: &SqliteStore, index: &Index) -> Result<bool, SyncError> {
    let articles = store.article_count()?;
    if index.is_current() && usize::try_from(index.num_docs()).ok() == Some(articles) {
        return Ok(false);
    }
    tracing::info!(
        articles,
        indexed = index.num_docs(),
        "rebuilding the search index"
    );
    reindex(store, index)?;
    Ok(true)
}

/// A fresh in-memory index of every article of `store`.
pub fn in_memory_for_store(store: &SqliteStore) -> Result<Index, SyncError> {
    let index = Index::in_memory()?;
    reindex(store, &index)?;
    Ok(index)
}

/// Indexes what a `put_articles` batch changed: inserted and updated articles are read back
/// from the store (they may have been merged with stored ones), articles folded into others
/// are removed. The caller commits `w`. Returns how many articles were (re)indexed.
pub fn sync_outcomes(
    store: &SqliteStore,
    w: &mut Writer<'_>,
    outcomes: &[PutOutcome],
) -> Result<usize, SyncError> {
    let mut n = 0;
    for o in outcomes {
        for gone in o
            .merged
            .iter()
            .chain(o.replaced_id.iter())
            .filter(|g| **g != o.id)
        {
            w.delete(gone);
        }
        if o.status == PutStatus::Unchanged {
            continue;
        }
        match store.article(&o.id)? {
            Some(doc) => {
                let analysis = store.analysis(&o.id)?;
                w.put(&doc, analysis.as_ref())?;
                n += 1;
            }
            None => w.delete(&o.id),
        }
    }
    Ok(n)
}

/// The in-memory index of the first version, kept for callers that number articles: add
/// articles with increasing numbers, [`SearchIndex::finish`], then search. Backed by a tantivy
/// index in memory.
#[derive(Default)]
pub struct SearchIndex {
    pending: Vec<(usize, Document, Option<Analysis>)>,
    numbers: HashMap<ArticleId, usize>,
    index: Option<Index>,
}

impl SearchIndex {
    pub fn add(&mut self, doc_no: usize, doc: &Document, analysis: Option<&Analysis>) {
        self.pending.push((doc_no, doc.clone(), analysis.cloned()));
    }

    /// Builds the index (errors are logged; the index stays empty).
    pub fn finish(&mut self) {
        let built = (|| -> Result<Index, SearchError> {
            let ix = Index::in_memory()?;
            let mut w = ix.bulk_writer()?;
            for (no, d, a) in &self.pending {
                w.put(d, a.as_ref())?;
                self.numbers.insert(d.id.clone(), *no);
            }
            w.commit()?;
            Ok(ix)
        })();
        match built {
            Ok(ix) => self.index = Some(ix),
            Err(e) => tracing::error!("building the search index: {e}"),
        }
        self.pending = Vec::new();
    }

    pub fn docs(&self) -> usize {
        self.numbers.len()
    }

    /// Articles matching every query word, best first: (article number, score).
    pub fn search(&self, query: &[QueryWord]) -> Vec<(usize, f32)> {
        self.search_mode(query, Mode::All)
    }

    /// Articles matching any query word, best first.
    pub fn search_any(&self, query: &[QueryWord]) -> Vec<(usize, f32)> {
        self.search_mode(query, Mode::Any)
    }

    fn search_mode(&self, query: &[QueryWord], mode: Mode) -> Vec<(usize, f32)> {
        let Some(ix) = &self.index else {
            return Vec::new();
        };
        match ix.search(query, mode, &Filters::default(), self.numbers.len().max(1)) {
            Ok(h) => h
                .hits
                .into_iter()
                .filter_map(|(id, s)| self.numbers.get(&id).map(|&n| (n, s)))
                .collect(),
            Err(e) => {
                tracing::error!("search: {e}");
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{fixture_docs, fixture_stories};

    #[test]
    fn index_follows_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let mut store = SqliteStore::open(&db).unwrap();
        store.put_articles(&fixture_docs()).unwrap();
        store.replace_stories(&fixture_stories()).unwrap();
        let n = store.article_count().unwrap();
        let ix = open_for_store(&db, &store).unwrap();
        assert_eq!(ix.num_docs() as usize, n);
        assert!(!ensure_in_step(&store, &ix).unwrap(), "in step: no rebuild");
        drop(ix);
        // A new article through put_articles and sync_outcomes.
        let mut d = fixture_docs().remove(0);
        d.0.id = ArticleId::from("new-1");
        d.0.url = Some("https://example.com/new-1".into());
        d.0.fingerprint = "fp-new-1".into();
        d.0.text = "भूकंप से इमारत गिरी।".into();
        d.0.paragraphs = vec![khabar_model::Span::new(0, d.0.text.len())];
        d.1 = None;
        let out = store.put_articles(&[d]).unwrap();
        let ix = Index::open(&Index::dir_for(&db)).unwrap();
        let mut w = ix.writer().unwrap();
        assert_eq!(sync_outcomes(&store, &mut w, &out).unwrap(), 1);
        w.commit().unwrap();
        let hits = ix
            .search(&parse_query("भूकंप"), Mode::All, &Filters::default(), 5)
            .unwrap();
        assert_eq!(hits.hits[0].0.as_str(), "new-1");
        assert!(!ensure_in_step(&store, &ix).unwrap());
    }

    #[test]
    fn numbered_index_maps_hits_back_to_numbers() {
        let mut ix = SearchIndex::default();
        for (i, (d, a)) in fixture_docs().iter().enumerate() {
            ix.add(i + 10, d, a.as_ref());
        }
        ix.finish();
        assert_eq!(ix.docs(), fixture_docs().len());
        let hits = ix.search(&parse_query("modi"));
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|(n, _)| *n >= 10));
    }
}
