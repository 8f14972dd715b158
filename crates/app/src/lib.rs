//! khabar-app: the application layer between the stages and the interfaces.
//!
//! One [`Library`] owns what a khabar process works on: the store (`Box<dyn Store>`), its search
//! index (kept in step with the store's change sequence, [`index`]), the analyzer engine
//! (knowledge base, models and analysis threads, loaded once, on first need or in the
//! background) and the story configuration. It offers the operations both interfaces need:
//! ingest (read → clean → analyse → store → index → stories), regroup, reindex and the stories
//! of an ingest. The CLI (`khabar run`, `ingest`, `watch`, `regroup`, `reindex`) and the HTTP
//! server (`POST /api/articles`) both call it, so the ingest sequence is written once.

pub mod index;
pub mod ingest;

pub use index::{Index, SyncError};
pub use ingest::{EachItem, Engine, Summary};

use khabar_ingest::{IngestError, RawArticle};
use khabar_model::{Analysis, ArticleId, Document, Story};
use khabar_store::{PutOutcome, SeenItem, Store, StoreError, StoryUpdate};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

/// What went wrong in the application layer; each variant names the step (its `Display`) and
/// keeps the cause as its source.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("loading the knowledge base and models")]
    Analyzer(#[source] khabar_analyze::AnalyzeError),
    #[error("starting the analysis threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    #[error("{context}")]
    Store {
        context: &'static str,
        #[source]
        source: StoreError,
    },
    #[error("{context}")]
    Index {
        context: &'static str,
        #[source]
        source: SyncError,
    },
    /// The thread that loaded the analyzer in the background panicked.
    #[error("loading the knowledge base and models: the loading thread stopped")]
    LoaderPanicked,
    #[error("starting the thread that writes to the store")]
    WriterThread(#[source] std::io::Error),
    /// The writer thread stopped (after an error it reports, or a panic).
    #[error("the thread writing to the store stopped")]
    WriterStopped,
    /// The analysis threads gave no answer for a batch (a panic outside any one article).
    #[error("the analysis threads stopped")]
    AnalysisStopped,
}

impl AppError {
    /// A store failure in the step `context`.
    pub fn store(context: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |source| AppError::Store { context, source }
    }

    /// A search index failure in the step `context`.
    pub fn index(context: &'static str) -> impl FnOnce(SyncError) -> AppError {
        move |source| AppError::Index { context, source }
    }

    /// Did the store stay locked by another process past its busy timeout (a passing state:
    /// the same write may succeed later)?
    pub fn is_busy(&self) -> bool {
        match self {
            AppError::Store { source, .. } => source.is_busy(),
            AppError::Index {
                source: SyncError::Store(s),
                ..
            } => s.is_busy(),
            _ => false,
        }
    }
}

/// Where an ingest reports as it goes: the messages for a person (in input order, whatever
/// the number of threads) and its progress.
pub trait Progress: Sync {
    /// The ingest will read this many inputs (files, and paths that could not be listed).
    fn start(&self, _inputs: usize) {}
    /// A line for the person running the ingest (`skipped: …`, `note: …`).
    fn message(&self, line: &str);
    /// One more input was read.
    fn input_read(&self) {}
    /// Articles read so far from the inputs finished.
    fn articles(&self, _count: usize) {}
}

/// Messages to stderr, no progress shown.
pub struct Stderr;

impl Progress for Stderr {
    fn message(&self, line: &str) {
        eprintln!("{line}");
    }
}

/// The analyzer engine: loaded on first need, or in the background by
/// [`Library::load_engine_in_background`].
#[derive(Default)]
pub(crate) struct EngineSlot {
    engine: OnceLock<Engine>,
    loading: Mutex<Option<JoinHandle<Result<Engine, AppError>>>>,
}

impl EngineSlot {
    pub(crate) fn get(&self, threads: usize) -> Result<&Engine, AppError> {
        if let Some(e) = self.engine.get() {
            return Ok(e);
        }
        let handle = match self.loading.lock() {
            Ok(mut g) => g.take(),
            Err(p) => p.into_inner().take(),
        };
        let engine = match handle {
            Some(h) => h.join().map_err(|_| AppError::LoaderPanicked)??,
            None => Engine::new(threads)?,
        };
        Ok(self.engine.get_or_init(|| engine))
    }
}

/// What [`Library::store_documents`] did: the store's outcome of each document, then what
/// became of the index and the stories (after the store's commit; a failure there is reported,
/// the articles are stored).
#[derive(Debug)]
pub struct Stored {
    /// One per document, in order.
    pub outcomes: Vec<PutOutcome>,
    /// `Ok(true)`: the index holds them; `Ok(false)`: another process holds the index's write
    /// lock (it catches up when free); `Err`: the index could not be updated now. `Ok(true)`
    /// also when the library keeps no index.
    pub indexed: Result<bool, SyncError>,
    /// The number of stories after placing the new articles.
    pub story_count: Result<usize, StoreError>,
}

/// The store, its search index, the analyzer and the story configuration of one process; see
/// the crate documentation.
pub struct Library {
    store: Box<dyn Store>,
    index: Option<Arc<Index>>,
    engine: EngineSlot,
    /// Analysis threads (0: every core; 1: the calling thread only).
    threads: usize,
    /// The threads of the story updates when the engine's are not there (built on first need).
    story_pool: OnceLock<rayon::ThreadPool>,
    stories: khabar_story::Config,
}

impl Library {
    /// A library over `store` and, when it keeps one, its search index (already in step:
    /// [`index::open_at`]). Analysis on every core; the default story configuration.
    pub fn new(store: Box<dyn Store>, index: Option<Index>) -> Library {
        Library {
            store,
            index: index.map(Arc::new),
            engine: EngineSlot::default(),
            threads: 0,
            story_pool: OnceLock::new(),
            stories: khabar_story::Config::default(),
        }
    }

    /// Analysis on `threads` threads (0: every core; 1: the calling thread only). The output
    /// is the same for every number. Takes effect when the engine is loaded.
    pub fn with_threads(mut self, threads: usize) -> Library {
        self.threads = threads;
        self
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The store, to write.
    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    /// The search index, when this library keeps one (shared: a server searches it while
    /// ingests write it).
    pub fn index(&self) -> Option<&Arc<Index>> {
        self.index.as_ref()
    }

    /// The analyzer engine, loaded on first call (or taken from the background load).
    pub fn engine(&self) -> Result<&Engine, AppError> {
        self.engine.get(self.threads)
    }

    /// Starts loading the analyzer on a thread of its own, so that it is ready when the first
    /// items are read; [`Library::engine`] waits for it. Does nothing when it is loaded or
    /// loading.
    pub fn load_engine_in_background(&self) {
        if self.engine.engine.get().is_some() {
            return;
        }
        let mut g = match self.engine.loading.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if g.is_none() {
            let threads = self.threads;
            let spawned = std::thread::Builder::new()
                .name("khabar-load".into())
                .spawn(move || Engine::new(threads));
            // A thread that cannot start: the engine is loaded on first need instead.
            *g = spawned.ok();
        }
    }

    /// Reads, cleans, analyses and stores the inputs `paths` (files and folders) and keeps the
    /// search index in step, batch by batch; the stories are not touched (see
    /// [`Library::ingest`]). `each_item` is applied to every item read before its cleanup.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        each_item: Option<&mut EachItem<'_>>,
        progress: &dyn Progress,
    ) -> Result<Summary, AppError> {
        // the engine may still be loading: it is waited for when the first items are analysed
        ingest::ingest_paths(
            ingest::EngineRef::new(&self.engine, self.threads),
            self.store.as_mut(),
            self.index.as_deref(),
            paths,
            each_item,
            progress,
        )
    }

    /// The ingest of `run` and `ingest`: [`Library::ingest_paths`], then the stories kept
    /// current ([`Library::update_stories`]), or, with `regroup`, the whole store grouped
    /// again ([`Library::regroup`]).
    pub fn ingest(
        &mut self,
        paths: &[PathBuf],
        each_item: Option<&mut EachItem<'_>>,
        progress: &dyn Progress,
        regroup: bool,
    ) -> Result<(Summary, StoryUpdate), AppError> {
        let summary = self.ingest_paths(paths, each_item, progress)?;
        let update = if regroup {
            self.regroup()?
        } else {
            self.update_stories()?
        };
        Ok((summary, update))
    }

    /// Ingests the items of one feed poll (`khabar watch`) as one input named `name`: each
    /// item is cleaned, analysed and stored as the items of a file are, and the feed item it
    /// came from is recorded in the transaction that stores its article. Stories untouched.
    pub fn ingest_items(
        &mut self,
        name: &str,
        items: Vec<(Result<RawArticle, IngestError>, SeenItem)>,
    ) -> Result<Summary, AppError> {
        ingest::ingest_items(
            ingest::EngineRef::new(&self.engine, self.threads),
            self.store.as_mut(),
            self.index.as_deref(),
            name,
            items,
        )
    }

    /// Stores documents already analysed (one transaction), then brings the search index up
    /// to the store without waiting for another process's write lock, then places the new
    /// articles into stories (`POST /api/articles`). A store failure is an error and nothing
    /// was stored; what fails after the commit is reported in [`Stored`].
    pub fn store_documents(
        &mut self,
        batch: &[(Document, Option<Analysis>)],
    ) -> Result<Stored, AppError> {
        let outcomes = self
            .store
            .put_articles(batch)
            .map_err(AppError::store("writing articles to the store"))?;
        let indexed = match &self.index {
            Some(ix) => index::follow(self.store.as_ref(), ix).map(|n| n.is_some()),
            None => Ok(true),
        };
        let (store, config) = (&mut self.store, &self.stories);
        let story_count = on_threads(&self.engine, &self.story_pool, self.threads, || {
            store.update_stories(config)
        })
        .and_then(|_| self.store.story_count());
        Ok(Stored {
            outcomes,
            indexed,
            story_count,
        })
    }

    /// Keeps the stories current: places every article written since the last update (by this
    /// process or another) into stories, touching only the stories near them in time; the
    /// first update of a store groups it whole. Ids shown before are kept.
    pub fn update_stories(&mut self) -> Result<StoryUpdate, AppError> {
        let (store, config) = (&mut self.store, &self.stories);
        on_threads(&self.engine, &self.story_pool, self.threads, || {
            store.update_stories(config)
        })
        .map_err(AppError::store("placing the new articles into stories"))
    }

    /// Groups every stored article into stories again in one pass (`khabar regroup`, `run
    /// --regroup`). Stories keep the ids they were shown with; a story merged into another
    /// leaves a redirect to the survivor ([`khabar_story::keep_ids`]).
    pub fn regroup(&mut self) -> Result<StoryUpdate, AppError> {
        let (store, config) = (&mut self.store, &self.stories);
        on_threads(&self.engine, &self.story_pool, self.threads, || {
            store.regroup_stories(config)
        })
        .map_err(AppError::store("grouping the stored articles into stories"))
    }

    /// Rebuilds the search index from every stored article; how many were indexed. Without an
    /// index, 0.
    pub fn reindex(&self) -> Result<usize, AppError> {
        match &self.index {
            Some(ix) => {
                index::reindex(self.store.as_ref(), ix).map_err(AppError::index("reindexing"))
            }
            None => Ok(0),
        }
    }

    /// The stored stories holding any of `ids`, each once, in the stream's founding order
    /// (undated last, then by first publication and founding article).
    pub fn stories_of(&self, ids: &[ArticleId]) -> Result<Vec<Story>, AppError> {
        let store = self.store.as_ref();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for id in ids {
            let Some(sid) = store
                .story_of(id)
                .map_err(AppError::store("finding an article's story"))?
            else {
                continue;
            };
            if seen.insert(sid.clone()) {
                if let Some(s) = store
                    .story(&sid)
                    .map_err(AppError::store("reading a story"))?
                {
                    out.push(s);
                }
            }
        }
        founding_order(&mut out);
        Ok(out)
    }

    /// [`Library::stories_of`] just after `update`: a full regroup hands back every story it
    /// wrote, so they are taken from it rather than read back from the store (the same
    /// stories); after an incremental update they are read.
    pub fn stories_after(
        &self,
        update: &StoryUpdate,
        ids: &[ArticleId],
    ) -> Result<Vec<Story>, AppError> {
        if !update.full {
            return self.stories_of(ids);
        }
        let wanted: HashSet<&ArticleId> = ids.iter().collect();
        let mut out: Vec<Story> = update
            .stories
            .iter()
            .filter(|s| s.articles.iter().any(|a| wanted.contains(a)))
            .cloned()
            .collect();
        founding_order(&mut out);
        Ok(out)
    }
}

/// Stories in the stream's founding order: undated last, then by first publication and
/// founding article.
fn founding_order(stories: &mut [Story]) {
    stories.sort_by(|a, b| {
        let key = |s: &Story| {
            (
                s.first_published.is_none(),
                s.first_published.map(|p| p.timestamp()),
                s.articles.first().cloned(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// Runs `f` with the library's threads as the current rayon pool, so that the store's story
/// updates spread their per-article work (unpacking, extraction, packing) over them: the
/// engine's analysis threads when they are loaded, else a pool of `threads` built on first
/// need (`1`: one thread, so that `--threads 1` stays the single-thread baseline). When no
/// thread can be started, `f` runs on the calling thread (the same result).
fn on_threads<R: Send>(
    engine: &EngineSlot,
    story_pool: &OnceLock<rayon::ThreadPool>,
    threads: usize,
    f: impl FnOnce() -> R + Send,
) -> R {
    if let Some(pool) = engine.engine.get().and_then(|e| e.pool.as_ref()) {
        return pool.install(f);
    }
    if story_pool.get().is_none() {
        let built = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("khabar-stories-{i}"))
            .build();
        if let Ok(pool) = built {
            // another caller may have set one meanwhile: either will do
            let _ = story_pool.set(pool);
        }
    }
    match story_pool.get() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

#[cfg(test)]
mod tests;
