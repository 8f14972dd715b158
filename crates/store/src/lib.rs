//! khabar-store: where articles, their analyses and the stories built from them are kept.
//!
//! The [`Store`] trait is what the rest of khabar calls; [`SqliteStore`] implements it on one
//! SQLite file (`./khabar.db` by default, see [`DEFAULT_DB`]).
//!
//! # Guarantees
//! - **Schema migrations**: the version is `PRAGMA user_version`; [`schema::MIGRATIONS`] is an
//!   ordered, append-only list of SQL steps, each applied in a transaction with its version bump.
//!   A database from a newer khabar is refused with [`StoreError::SchemaTooNew`].
//! - **Atomic batches**: [`Store::put_articles`] and [`Store::replace_stories`] run in one
//!   transaction each; an error (or a killed process) leaves the store as it was before the call.
//!   The file runs in WAL mode with `synchronous=NORMAL`: a committed batch survives the process
//!   being killed; after a power cut the last few commits may be rolled back, never torn.
//! - **De-duplication**: an incoming document is the same article as a stored one when its `id`
//!   matches, or its `url` matches, or its `fingerprint` (hash of the normalised text) matches and
//!   the two do not carry different URLs (the same wire text published at two addresses stays two
//!   articles, so that stories can show it as a copy). The stored id is kept.
//! - **Every given id answers**: an incoming id that is not kept (its text or url matched a
//!   stored article under another id, or it was merged away) is recorded as an alias, and
//!   [`Store::article`], [`Store::analysis`] and [`Store::story_of`] follow aliases. Two
//!   different articles under one id (different urls and texts) are both kept, the second
//!   under `given~hash` ([`PutOutcome::id_taken`]).
//! - **Change sequence**: every write bumps one counter ([`SqliteStore::seq`]); each article
//!   row holds the value of its last change and removals are recorded, so a follower (the
//!   search index, a server) that remembers the last value it applied catches up with
//!   [`SqliteStore::changes_since`], whichever process wrote.
//! - **Determinism**: rows hold compact JSON produced from the values alone; the same puts in a
//!   fresh database give byte-identical rows, except the `articles.updated_at` column (wall-clock
//!   seconds of the last write, for operators), which is deliberately left out of equality.
//!
//! # Backends
//! [`Store`] (with its supertrait [`StoreOps`]) is everything the CLI, the feed watcher and the
//! server ask of a store; they hold a `Box<dyn Store>` / `&dyn Store` and never name a backend.
//! [`open`] picks the backend from the `--db` spec ([`DbSpec`]): a `postgres://` or
//! `postgresql://` URL is PostgreSQL (behind the cargo feature `postgres`), anything else a
//! SQLite file. What only a SQLite file has (WAL checkpoint, integrity check, memory-mapped
//! reads, the busy timeout, `data_version`) stays on [`SqliteStore`] and is reached through
//! [`StoreOps::as_sqlite`]: a PostgreSQL store has no such knob, and a default that pretended
//! (an integrity check that always says "ok") would mislead.
//!
//! # PostgreSQL (feature `postgres`)
//! `PgStore` implements [`Store`] on a PostgreSQL server, for several ingest workers and read
//! servers sharing one store (issue #20). Both backends run one logic (`ops`, `feeds`, `live`,
//! over the small `db::Db`/`db::Backend` layer) and offer the same public methods (one macro,
//! `methods.rs`), so the same puts give the same rows and the same stories on both. The schema is
//! `pg::PG_MIGRATIONS` (version in a one-row `schema_version` table); every write transaction
//! starts by locking the change counter's row (commit-ordered change numbers, no twins from two
//! workers); story updates also take a transaction-level advisory lock. See `pg.rs`.

mod backend;
mod codec;
#[macro_use]
mod methods;
#[cfg(test)]
#[macro_use]
mod testkit;
mod db;
mod error;
mod feeds;
mod lease;
mod live;
mod open;
mod ops;
#[cfg(feature = "postgres")]
mod pg;
pub mod schema;
mod sqlite;
mod stream;

pub use error::StoreError;
pub use feeds::{FeedState, ItemRecord, SeenItem};
pub use lease::Claim;
pub use live::StoryUpdate;
pub use open::{open, DbSpec, OpenError};
#[cfg(feature = "postgres")]
pub use pg::{PgStore, PG_MIGRATIONS, PG_SCHEMA_VERSION};
pub use sqlite::{SqliteStore, PAGE_SIZE};
pub use stream::ArticleFilter;

use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

/// The database file used when neither `--db` nor `KHABAR_DB` says otherwise.
pub const DEFAULT_DB: &str = "khabar.db";

/// What [`Store::put_articles`] did with one incoming document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PutStatus {
    /// A new article.
    Inserted,
    /// An existing article (same id, url or fingerprint) was rewritten.
    Updated,
    /// An existing article was byte-identical (document and analysis): nothing was written.
    Unchanged,
    /// The text equals a stored article's (same fingerprint, no url to tell them apart) under
    /// another id: the stored article was left as it is and the incoming id
    /// ([`PutOutcome::replaced_id`]) recorded as an alias of it, so that it keeps answering.
    SameText,
}

impl PutStatus {
    /// The word summaries and the API use: `inserted`, `updated`, `unchanged`, `same_text`.
    pub fn as_str(self) -> &'static str {
        match self {
            PutStatus::Inserted => "inserted",
            PutStatus::Updated => "updated",
            PutStatus::Unchanged => "unchanged",
            PutStatus::SameText => "same_text",
        }
    }
}

/// The outcome for one incoming document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutOutcome {
    /// The id the article has in the store (the stored one when it matched an existing article).
    pub id: ArticleId,
    pub status: PutStatus,
    /// The incoming document's own id when it differs from [`PutOutcome::id`] (it matched a
    /// stored article by url or fingerprint): callers that keep the incoming id must map it.
    pub replaced_id: Option<ArticleId>,
    /// Other stored articles that turned out to be this same article (one matched by id, another
    /// holding the same url) and were folded into it: they are gone from the store, and their
    /// ids are aliases of this one.
    pub merged: Vec<ArticleId>,
    /// The given id already named a different article (another url and another text): this
    /// one was stored under a derived id ([`PutOutcome::id`], `given~hash`) instead of over it.
    pub id_taken: Option<ArticleId>,
}

/// Storage for articles, analyses and stories: the records. Object-safe and `Send`, so that
/// the CLI picks a backend at run time ([`open`]) and the server keeps a pool of
/// `Box<dyn Store>` across threads; the rest of what callers need is in the supertrait
/// [`StoreOps`], whose methods are callable on `dyn Store` as well.
pub trait Store: StoreOps + Send {
    /// One transaction for the whole batch. Dedup: an incoming document whose `id`, or `url`
    /// (when Some), or `fingerprint` matches a stored article updates that article (keeping the
    /// stored id; the returned [`PutOutcome::id`] is the stored id) instead of inserting a
    /// duplicate. Analysis (if Some) is stored alongside (its `article` field rewritten to the
    /// kept id). When the analysis is None, a stored analysis is kept if the document did not
    /// change and removed if it did (its spans would point into the old text). An incoming
    /// document without a url keeps the stored url.
    fn put_articles(
        &mut self,
        items: &[(Document, Option<Analysis>)],
    ) -> Result<Vec<PutOutcome>, StoreError>;
    fn article(&self, id: &ArticleId) -> Result<Option<Document>, StoreError>;
    fn analysis(&self, id: &ArticleId) -> Result<Option<Analysis>, StoreError>;
    /// All articles ordered by (published timestamp, id), articles without a date last.
    fn articles(&self) -> Result<Vec<Document>, StoreError>;
    fn article_count(&self) -> Result<usize, StoreError>;
    /// Every article with its analysis (None when it has none), in the order of
    /// [`Store::articles`]: what rebuilding the stories from the store needs, in one read.
    fn articles_with_analyses(&self) -> Result<Vec<(Document, Option<Analysis>)>, StoreError>;
    /// Replace the stored stories with these (one transaction), keeping story ↔ article
    /// membership rows.
    fn replace_stories(&mut self, stories: &[Story]) -> Result<(), StoreError>;
    /// Ordered by last_published desc, then id; stories without a date last.
    fn stories(&self) -> Result<Vec<Story>, StoreError>;
    fn story(&self, id: &StoryId) -> Result<Option<Story>, StoreError>;
    /// The story holding this article (the smallest story id if several do).
    fn story_of(&self, article: &ArticleId) -> Result<Option<StoryId>, StoreError>;
}

/// The operations of a store beyond the records of [`Store`]: the change sequence, ids and
/// redirects, the feed watcher's memory, streaming reads and the incremental stories. A
/// supertrait of [`Store`], so `dyn Store` has them all. Each backend implements it by
/// forwarding to its inherent methods of the same names and signatures (`SqliteStore`:
/// `backend.rs`); the methods are documented on [`SqliteStore`].
pub trait StoreOps {
    /// The schema version of the open database (always the newest this khabar knows after
    /// [`open`], which migrates).
    fn schema_version(&self) -> Result<i64, StoreError>;
    /// The change sequence: the value of the last write, in whichever process (0 when empty).
    fn seq(&self) -> Result<i64, StoreError>;
    /// What changed after `after`, read in one consistent snapshot (see
    /// [`SqliteStore::changes_since`]); the sequence value the reads saw, None when `changed`
    /// broke off.
    fn changes_since(
        &self,
        after: i64,
        removed: &mut dyn FnMut(ArticleId),
        changed: &mut dyn FnMut(Document, Option<Analysis>) -> ControlFlow<()>,
    ) -> Result<Option<i64>, StoreError>;
    /// The stored id an id names (itself, or the article it is an alias of).
    fn resolve(&self, id: &ArticleId) -> Result<Option<ArticleId>, StoreError>;
    /// The stored story a story id names now (itself, or the survivor it redirects to).
    fn resolve_story(&self, id: &StoryId) -> Result<Option<StoryId>, StoreError>;
    /// Article → its stored story id, and every story id ever shown.
    #[allow(clippy::type_complexity)]
    fn shown_story_ids(
        &self,
    ) -> Result<(HashMap<ArticleId, StoryId>, HashSet<StoryId>), StoreError>;
    /// Records merged-away story ids (`old → survivor`).
    fn add_story_redirects(&mut self, redirects: &[(StoryId, StoryId)]) -> Result<(), StoreError>;
    /// How many stories are stored.
    fn story_count(&self) -> Result<usize, StoreError>;
    /// The text of an article, without building the whole document.
    fn article_text(&self, id: &ArticleId) -> Result<Option<String>, StoreError>;
    /// Calls `f` with the stored bytes of an article's text (UTF-8, unchecked), without a copy
    /// where the backend can; false when there is no such article. Callers use the generic
    /// `with_article_text` on `dyn Store`.
    fn visit_article_text(
        &self,
        id: &ArticleId,
        f: &mut dyn FnMut(&[u8]),
    ) -> Result<bool, StoreError>;
    /// [`Store::put_articles`] with the feed items the articles came from, in one transaction.
    fn put_articles_seen(
        &mut self,
        items: &[(Document, Option<Analysis>)],
        seen: &[SeenItem],
    ) -> Result<Vec<PutOutcome>, StoreError>;
    /// What the watcher recorded of this item of this feed.
    fn item_seen(&self, feed: &str, item: &str) -> Result<Option<ItemRecord>, StoreError>;
    /// Is this link already had (an item of any feed, or a stored article at that URL)?
    fn link_seen(&self, link: &str) -> Result<bool, StoreError>;
    /// How many feed items the watcher has taken (of one feed, or of all).
    fn seen_count(&self, feed: Option<&str>) -> Result<usize, StoreError>;
    /// How many stored articles no story holds.
    fn ungrouped_count(&self) -> Result<usize, StoreError>;
    /// What the watcher knows about the feed at `url`.
    fn feed_state(&self, url: &str) -> Result<Option<FeedState>, StoreError>;
    /// Records what the watcher knows about the feed at `url`.
    fn set_feed_state(&self, url: &str, state: &FeedState) -> Result<(), StoreError>;
    /// Takes the lease of the feed at `url` for `worker` for `lease`, unless another worker
    /// (other than `take_over`, known dead) holds an unexpired one; the feed's state read with
    /// it (see [`SqliteStore::claim_feed`]).
    fn claim_feed(
        &mut self,
        url: &str,
        worker: &str,
        lease: std::time::Duration,
        take_over: Option<&str>,
    ) -> Result<Claim, StoreError>;
    /// Gives back a lease taken with [`StoreOps::claim_feed`].
    fn release_feed(&self, url: &str, worker: &str) -> Result<(), StoreError>;
    /// Each article matching `filter` with its analysis, in the order of [`Store::articles`],
    /// one row at a time; returns how many were visited.
    fn for_each_article(
        &self,
        filter: &ArticleFilter,
        f: &mut dyn FnMut(Document, Option<Analysis>) -> ControlFlow<()>,
    ) -> Result<usize, StoreError>;
    /// Each story in list order, one row at a time.
    fn for_each_story(
        &self,
        f: &mut dyn FnMut(Story) -> ControlFlow<()>,
    ) -> Result<usize, StoreError>;
    /// Places the articles written since the last update into stories.
    fn update_stories(&mut self, config: &khabar_story::Config) -> Result<StoryUpdate, StoreError>;
    /// Groups every stored article into stories again (shown ids kept).
    fn regroup_stories(&mut self, config: &khabar_story::Config)
        -> Result<StoryUpdate, StoreError>;
    /// The SQLite store behind this one, for what only a SQLite file has (checkpoint,
    /// integrity check, `mmap_size`, busy timeout, its path); None for other backends.
    fn as_sqlite(&self) -> Option<&SqliteStore> {
        None
    }
}

impl dyn Store + '_ {
    /// Calls `f` with the stored bytes of an article's text (see
    /// [`StoreOps::visit_article_text`]); None when there is no such article.
    pub fn with_article_text<T>(
        &self,
        id: &ArticleId,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<Option<T>, StoreError> {
        let mut f = Some(f);
        let mut out = None;
        self.visit_article_text(id, &mut |bytes| {
            if let Some(f) = f.take() {
                out = Some(f(bytes));
            }
        })?;
        Ok(out)
    }

    /// The file this store lives in: a SQLite store's path (None in memory and for other
    /// backends). The search index of a store with a file lives beside it.
    pub fn local_path(&self) -> Option<&std::path::Path> {
        self.as_sqlite().and_then(SqliteStore::path)
    }
}

#[cfg(test)]
mod tests;
