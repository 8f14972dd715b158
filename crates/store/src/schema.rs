//! The schema and its migrations.
//!
//! The schema version lives in `PRAGMA user_version`. [`MIGRATIONS`]`[i]` brings a database
//! from version `i` to version `i + 1`; each step runs in its own transaction together with the
//! version bump, so a failed step leaves the database at the version before it. Steps are
//! append-only: never edit a released step, add a new one.

use crate::error::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// Ordered migration steps; step `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles and their analyses. Indexed columns for lookups and ordering, plus the whole
    // document as compact JSON (`doc`), so that later tables (facts, entities, full-text search)
    // can be derived from the blobs by a migration without re-ingesting.
    r#"
    CREATE TABLE articles (
        id           TEXT PRIMARY KEY NOT NULL,
        url          TEXT UNIQUE,
        fingerprint  TEXT NOT NULL,
        outlet       TEXT,
        title        TEXT,
        language     TEXT,
        published    TEXT,
        published_ts INTEGER,
        source       TEXT NOT NULL,
        doc          TEXT NOT NULL,
        updated_at   INTEGER NOT NULL
    );
    CREATE INDEX articles_fingerprint ON articles(fingerprint);
    CREATE INDEX articles_published ON articles(published_ts, id);
    CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        analysis   TEXT NOT NULL
    );
    "#,
    // 2: stories and which articles they hold.
    r#"
    CREATE TABLE stories (
        id       TEXT PRIMARY KEY NOT NULL,
        title    TEXT NOT NULL,
        first_ts INTEGER,
        last_ts  INTEGER,
        story    TEXT NOT NULL
    );
    CREATE INDEX stories_last ON stories(last_ts, id);
    CREATE TABLE story_articles (
        story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        position   INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_article ON story_articles(article_id, story_id);
    "#,
    // 3: the article text in its own column; `doc` keeps every other field (and `"text":""`).
    // Search snippets read the text without parsing the document, and only as far as they
    // need; the text is the column after the (now small) document, so reading it walks few
    // overflow pages.
    r#"
    ALTER TABLE articles ADD COLUMN text TEXT NOT NULL DEFAULT '';
    UPDATE articles SET text = coalesce(json_extract(doc, '$.text'), ''),
                        doc = json_set(doc, '$.text', '');
    "#,
    // 4: a change sequence, aliases and removals.
    // - `store_seq` holds one counter, bumped by every write (an article written, removed or
    //   aliased, the stories replaced); `articles.seq` is the value of the write that last
    //   changed the row, `removed_articles.seq` that of its removal. Followers (the search
    //   index, a server's snapshot) remember the last value they applied and catch up from it.
    // - `article_aliases`: ids that name a stored article without being its id (a given id
    //   whose text equals a stored article's, an article merged into another), so that every
    //   id a client gave keeps answering.
    r#"
    ALTER TABLE articles ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET seq = rowid;
    CREATE INDEX articles_seq ON articles(seq);
    CREATE TABLE store_seq (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL
    );
    INSERT INTO store_seq (id, value) VALUES (1, (SELECT coalesce(max(seq), 0) FROM articles));
    CREATE TABLE removed_articles (
        article_id TEXT PRIMARY KEY NOT NULL,
        seq        INTEGER NOT NULL
    );
    CREATE INDEX removed_articles_seq ON removed_articles(seq);
    CREATE TABLE article_aliases (
        alias      TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL,
        seq        INTEGER NOT NULL
    );
    CREATE INDEX article_aliases_article ON article_aliases(article_id);
    "#,
    // 5: ids of stories merged into another: the old id answers with the survivor's.
    r#"
    CREATE TABLE story_redirects (
        old_id TEXT PRIMARY KEY NOT NULL,
        new_id TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 6: what `khabar watch` has seen. `feed_items` holds every feed item taken (by feed URL and
    // item key: its guid, else its link, else a hash of its content), written in the same
    // transaction as the article it gave (`article_id`, NULL when it gave none), so a watcher
    // killed at any moment neither loses nor repeats an item; `updated_ts` is the item's own
    // "updated" time when the feed gives one (a later one takes the item again). `feeds` keeps
    // each feed's conditional-GET validators and its error count across restarts.
    r#"
    CREATE TABLE feed_items (
        feed       TEXT NOT NULL,
        item       TEXT NOT NULL,
        link       TEXT,
        article_id TEXT,
        updated_ts INTEGER,
        seen_at    INTEGER NOT NULL,
        PRIMARY KEY (feed, item)
    ) WITHOUT ROWID;
    CREATE INDEX feed_items_link ON feed_items(link);
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        polled_at     INTEGER,
        failures      INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    "#,
    // 7: what incremental story assignment needs (issue #17), written by a full regroup and kept
    // up by every update: per article what the stream decided with (`features`, JSON of
    // `khabar_story::Recorded`, with its publication time for the window lookups), the stream's
    // vocabulary (kind 0 terms, 1 entities: id, display form, document frequency) and its
    // counters (`story_meta`: documents counted, next ids, and `grouped_seq`, the change
    // sequence the stories are up to), and the stories by the terms and entities of their
    // members (`story_keys`, the stream's inverted index: an undated article is compared with
    // every story it shares one with). A store migrated from version 6 or before has no `grouped_seq`:
    // its first update regroups everything once and fills these tables.
    r#"
    CREATE TABLE story_features (
        article_id TEXT PRIMARY KEY NOT NULL,
        ts         INTEGER,
        features   TEXT NOT NULL
    );
    CREATE INDEX story_features_ts ON story_features(ts);
    CREATE TABLE story_vocab (
        kind    INTEGER NOT NULL,
        key     TEXT NOT NULL,
        id      INTEGER NOT NULL,
        display TEXT NOT NULL,
        df      REAL NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX story_vocab_id ON story_vocab(kind, id);
    CREATE TABLE story_meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE story_keys (
        key      INTEGER NOT NULL,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_story ON story_keys(story_id);
    "#,
    // 8: feeds handed out among several watchers (issue #20): the worker polling a feed holds a
    // lease on it (`lease_owner`, until `lease_until`, Unix seconds), taken and checked in one
    // IMMEDIATE transaction (`SqliteStore::claim_feed`), so two watchers never poll one feed at
    // once; a lease left by a killed watcher runs out.
    r#"
    ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
    ALTER TABLE feeds ADD COLUMN lease_until INTEGER;
    "#,
    // 9: the large values (analyses, stream records, stories, article texts) may be zstd
    // frames (`codec.rs`, issue #17); SQLite's columns hold them as they are, so the step changes
    // no table: the version tells an older khabar, which would read a frame as text, that the
    // file is not for it. Rows written before stay plain and are read as before.
    r#"
    SELECT 1;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to [`SCHEMA_VERSION`]; refuses a database from a newer version.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies the steps up to `target` (tests use it to build an old database).
///
/// Each step takes the write lock first (IMMEDIATE) and re-reads the version under it, so two
/// processes opening a fresh file at the same moment apply every step exactly once.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    // Fast path without the write lock: an up-to-date database can be opened read-only.
    if user_version(conn).ok() == Some(target) {
        return Ok(());
    }
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sqlite {
                context: "locking the database to check its schema".into(),
                source,
            })?;
        let found = user_version(&tx).map_err(|source| StoreError::Sqlite {
            context: "reading the schema version".into(),
            source,
        })?;
        if found < 0 {
            return Err(StoreError::SchemaUnknown { found });
        }
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found >= target {
            return Ok(()); // dropping the transaction releases the lock, nothing was written
        }
        let version = found + 1;
        let step = MIGRATIONS[(version - 1) as usize];
        let apply = |tx: rusqlite::Transaction<'_>| -> Result<(), rusqlite::Error> {
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()
        };
        apply(tx).map_err(|source| StoreError::Migration { version, source })?;
    }
}
