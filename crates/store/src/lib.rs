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
//! # PostgreSQL (feature `postgres`)
//! `PgStore` implements [`Store`] on a PostgreSQL server, for several ingest workers and read
//! servers sharing one store (issue #20). Both backends run one logic (`ops`, `feeds`, `live`,
//! over the small `db::Db`/`db::Backend` layer) and offer the same public methods (one macro,
//! `methods.rs`), so the same puts give the same rows and the same stories on both. The schema is
//! `pg::PG_MIGRATIONS` (version in a one-row `schema_version` table); every write transaction
//! starts by locking the change counter's row (commit-ordered change numbers, no twins from two
//! workers); story updates also take a transaction-level advisory lock. See `pg.rs`.

#[macro_use]
mod methods;
#[cfg(test)]
#[macro_use]
mod testkit;
mod db;
mod error;
mod feeds;
mod live;
mod ops;
#[cfg(feature = "postgres")]
mod pg;
pub mod schema;
mod sqlite;
mod stream;

pub use error::StoreError;
pub use feeds::{FeedState, ItemRecord, SeenItem};
pub use live::StoryUpdate;
#[cfg(feature = "postgres")]
pub use pg::{PgStore, PG_MIGRATIONS, PG_SCHEMA_VERSION};
pub use sqlite::{SqliteStore, PAGE_SIZE};
pub use stream::ArticleFilter;

use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};

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

/// Storage for articles, analyses and stories. Object-safe, so that other backends
/// (PostgreSQL later) can stand behind `Box<dyn Store>`.
pub trait Store {
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

#[cfg(test)]
mod tests;
