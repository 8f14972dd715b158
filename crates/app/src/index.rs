//! The search index of a store: the tantivy index of `khabar-search` kept in step with the
//! store, for the CLI and the server alike (it was the server's `search` module; the server
//! re-exports it under that name).
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
use khabar_store::{DbSpec, PutOutcome, PutStatus, Store, StoreError};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

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

/// Rebuilds the index from every article of the store; returns how many were indexed. The
/// index records the store change it holds everything up to.
pub fn reindex(store: &dyn Store, index: &Index) -> Result<usize, SyncError> {
    let mut w = index.bulk_writer()?;
    w.clear()?;
    let n = apply_changes(store, &mut w, 0)?;
    w.commit()?;
    Ok(n)
}

/// Puts every change of the store after `after` into `w` and records the store change they
/// reach; returns how many articles were (re)indexed. The caller commits.
fn apply_changes(store: &dyn Store, w: &mut Writer<'_>, after: i64) -> Result<usize, SyncError> {
    let mut failed: Option<SearchError> = None;
    let mut n = 0;
    let mut removed = Vec::new();
    let seq = store.changes_since(after, &mut |id| removed.push(id), &mut |doc, analysis| {
        // A removed id that came back is put again after its removal below.
        match w.put(&doc, analysis.as_ref()) {
            Ok(()) => {
                n += 1;
                ControlFlow::Continue(())
            }
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let Some(seq) = seq else {
        return Ok(n);
    };
    // tantivy applies deletes before the documents added after them only; a removal that is
    // older than a re-insertion must not hide it, so removals of ids that are stored again
    // are skipped.
    for id in removed {
        if store.resolve(&id)?.as_ref() != Some(&id) {
            w.delete(&id);
        }
    }
    w.set_applied(seq);
    Ok(n)
}

/// Brings `w`'s index up to the store: the changes after the one it last applied (any
/// process's writes, a batch whose index commit failed), or everything when it does not know
/// (or knows a change the store has not made: another store file). The caller commits.
/// Returns how many articles were (re)indexed.
pub fn catch_up(store: &dyn Store, w: &mut Writer<'_>) -> Result<usize, SyncError> {
    let now = store.seq()?;
    match w.applied() {
        Some(a) if a == now => Ok(0),
        Some(a) if a < now => apply_changes(store, w, a),
        _ => {
            w.clear()?;
            apply_changes(store, w, 0)
        }
    }
}

/// Catches the index up with the store and commits, when another process does not hold the
/// index's write lock (then that process catches up itself, or a later call does): Ok(None).
pub fn follow(store: &dyn Store, index: &Index) -> Result<Option<usize>, SyncError> {
    if index.applied_seq() == Some(store.seq()?) {
        return Ok(Some(0));
    }
    let mut w = match index.try_writer() {
        Ok(w) => w,
        Err(SearchError::Busy) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let n = catch_up(store, &mut w)?;
    w.commit()?;
    Ok(Some(n))
}

/// Opens the index of the store at `db` (creating it), caught up with `store` (rebuilt when
/// it is not current).
pub fn open_for_store(db: &Path, store: &dyn Store) -> Result<Index, SyncError> {
    open_at(&Index::dir_for(db), store)
}

/// Opens (creating) the index in the folder `dir`, caught up with `store` (rebuilt when it
/// is not current, e.g. a new folder: the index of a server against a shared database is
/// built from the store on first start, then follows its change sequence).
pub fn open_at(dir: &Path, store: &dyn Store) -> Result<Index, SyncError> {
    let index = Index::open(dir)?;
    ensure_in_step(store, &index)?;
    Ok(index)
}

/// Where the search index of the store `db` lives unless told: beside a SQLite file
/// (`<db>.search/`, shared by every process on that file); for a database without a local
/// file (PostgreSQL), a folder per database of this user's own,
/// `$XDG_CACHE_HOME/khabar/index-<key>` (else `~/.cache/khabar/…`, else `./khabar-index-<key>`),
/// `<key>` naming the database ([`DbSpec::key`], the password left out). Each server against
/// a shared database keeps its own index there and follows the store.
pub fn default_dir(db: &DbSpec) -> PathBuf {
    match db.path() {
        Some(path) => Index::dir_for(path),
        None => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME")
                        .filter(|v| !v.is_empty())
                        .map(|h| PathBuf::from(h).join(".cache"))
                });
            match cache {
                Some(c) => c.join("khabar").join(format!("index-{}", db.key())),
                None => PathBuf::from(format!("khabar-index-{}", db.key())),
            }
        }
    }
}

/// Brings `index` up to `store`: rebuilt when written by another format, caught up from the
/// store's change sequence otherwise. An index from before the sequence existed that holds as
/// many articles as the store is taken as in step. Returns whether anything was indexed.
pub fn ensure_in_step(store: &dyn Store, index: &Index) -> Result<bool, SyncError> {
    let articles = store.article_count()?;
    let now = store.seq()?;
    let count_ok = usize::try_from(index.num_docs()).ok() == Some(articles);
    if index.is_current() {
        match index.applied_seq() {
            Some(a) if a == now && count_ok => return Ok(false),
            Some(a) if a < now => {
                let mut w = index.writer()?;
                let n = catch_up(store, &mut w)?;
                w.commit()?;
                if usize::try_from(index.num_docs()).ok() == Some(store.article_count()?) {
                    return Ok(n > 0);
                }
            }
            None if count_ok => {
                let mut w = index.writer()?;
                w.set_applied(now);
                w.commit()?;
                return Ok(false);
            }
            _ => {}
        }
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
pub fn in_memory_for_store(store: &dyn Store) -> Result<Index, SyncError> {
    let index = Index::in_memory()?;
    reindex(store, &index)?;
    Ok(index)
}

/// Indexes what a `put_articles` batch changed: inserted and updated articles are read back
/// from the store (they may have been merged with stored ones), articles folded into others
/// are removed. The caller commits `w`. Returns how many articles were (re)indexed.
pub fn sync_outcomes(
    store: &dyn Store,
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
        if matches!(o.status, PutStatus::Unchanged | PutStatus::SameText) {
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
    use khabar_model::{PubTime, Span};

    fn doc(id: &str, title: &str, text: &str) -> (Document, Option<Analysis>) {
        let d = Document {
            id: ArticleId::from(id),
            source: format!("test:{id}"),
            url: Some(format!("https://example.com/{id}")),
            outlet: Some("Dainik".into()),
            title: Some(title.into()),
            author: None,
            authors: vec![],
            published: PubTime::parse("2022-01-05T10:00:00+05:30").ok(),
            updated: None,
            language: Some("hi".into()),
            dateline: None,
            text: text.into(),
            paragraphs: vec![Span::new(0, text.len())],
            captions: vec![],
            dropped: vec![],
            fingerprint: format!("fp-{id}"),
        };
        (d, None)
    }

    fn fixture_docs() -> Vec<(Document, Option<Analysis>)> {
        vec![
            doc(
                "a1",
                "मोदी ने बाढ़ राहत की घोषणा की",
                "प्रधानमंत्री मोदी ने कहा कि बाढ़ से दस हज़ार लोग प्रभावित हुए।",
            ),
            doc(
                "a2",
                "Modi announces flood relief",
                "Prime Minister Modi said 12,000 people were affected by floods.",
            ),
        ]
    }

    #[test]
    fn index_follows_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let mut store = khabar_store::SqliteStore::open(&db).unwrap();
        store.put_articles(&fixture_docs()).unwrap();
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
        // The change sequence: the same article again, and the index records the change.
        assert_eq!(catch_up(&store, &mut w).unwrap(), 1);
        assert_eq!(w.applied(), Some(store.seq().unwrap()));
        assert_eq!(catch_up(&store, &mut w).unwrap(), 0, "nothing new");
        w.commit().unwrap();
        drop(w);
        assert_eq!(ix.applied_seq(), Some(store.seq().unwrap()));
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
