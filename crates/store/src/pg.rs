//! The PostgreSQL implementation of [`crate::Store`] (feature `postgres`, issue #20): the same
//! logic as [`crate::SqliteStore`] ([`crate::ops`], [`crate::live`]) on a shared server, so that
//! several ingest workers and read servers can use one store.
//!
//! - **Schema**: [`PG_MIGRATIONS`], an ordered, append-only list, applied under an advisory
//!   lock in one transaction per open (DDL is transactional in PostgreSQL); the version is the
//!   one row of `schema_version`. Step 1 is the whole schema of SQLite's version 7. Keys and
//!   texts that are sorted or compared use `COLLATE "C"` (byte order, as SQLite's `BINARY`), so
//!   both backends list articles and stories in the same order. JSON blobs stay `TEXT`: reads
//!   give back the very bytes written, as on SQLite.
//! - **Writes**: every write transaction starts by locking the one row of `store_seq`
//!   (`SELECT … FOR UPDATE`), the store's write lock: writers queue as they do on SQLite, the
//!   de-duplication lookups (id, url, fingerprint) see every committed article, so two workers
//!   putting the same article never insert twins, and change numbers are handed out in commit
//!   order (a follower reading `changes_since` never skips a row committed later with a
//!   smaller number).
//! - **Stories**: the write phase of `update_stories`/`regroup_stories` also takes a
//!   transaction-level advisory lock ([`STORY_LOCK`]); with the `grouped_seq` check the same
//!   algorithm uses on SQLite, two workers never start two stories for one event.
//! - **Reads** that must agree (`changes_since`, the read phase of a story update) run in one
//!   `REPEATABLE READ READ ONLY` transaction; single-statement reads run as they come.
//!
//! The client is the synchronous `postgres` crate: it runs its own small runtime, so a
//! `PgStore` must not be called from inside an async task (use `spawn_blocking` or a thread).

use crate::db::{Backend, Cell, Db, DbError, Row, Val};
use crate::error::{Context, StoreError};
use khabar_model::ArticleId;
use postgres::error::SqlState;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::cell::{OnceCell, RefCell, RefMut};
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Ordered migration steps for PostgreSQL; step `i` takes the schema from version `i` to
/// `i + 1`. Append-only: never edit a released step.
pub const PG_MIGRATIONS: &[&str] = &[
    // 1: everything SQLite's steps 1 to 7 build (see `schema::MIGRATIONS` for what each table
    // is for), with BIGINT for SQLite's INTEGER and DOUBLE PRECISION for its REAL.
    r#"
    CREATE TABLE articles (
        id           TEXT COLLATE "C" PRIMARY KEY,
        url          TEXT COLLATE "C" UNIQUE,
        fingerprint  TEXT COLLATE "C" NOT NULL,
        outlet       TEXT,
        title        TEXT,
        language     TEXT,
        published    TEXT,
        published_ts BIGINT,
        source       TEXT NOT NULL,
        doc          TEXT NOT NULL,
        updated_at   BIGINT NOT NULL,
        text         TEXT NOT NULL DEFAULT '',
        seq          BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_fingerprint ON articles(fingerprint);
    CREATE INDEX articles_published ON articles(published_ts, id);
    CREATE INDEX articles_seq ON articles(seq);
    CREATE TABLE analyses (
        article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        analysis   TEXT NOT NULL
    );
    CREATE TABLE stories (
        id       TEXT COLLATE "C" PRIMARY KEY,
        title    TEXT NOT NULL,
        first_ts BIGINT,
        last_ts  BIGINT,
        story    TEXT NOT NULL
    );
    CREATE INDEX stories_last ON stories(last_ts, id);
    CREATE TABLE story_articles (
        story_id   TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT COLLATE "C" NOT NULL,
        position   BIGINT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_article ON story_articles(article_id, story_id);
    CREATE TABLE store_seq (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        value BIGINT NOT NULL
    );
    INSERT INTO store_seq (id, value) VALUES (1, 0);
    CREATE TABLE removed_articles (
        article_id TEXT COLLATE "C" PRIMARY KEY,
        seq        BIGINT NOT NULL
    );
    CREATE INDEX removed_articles_seq ON removed_articles(seq);
    CREATE TABLE article_aliases (
        alias      TEXT COLLATE "C" PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL,
        seq        BIGINT NOT NULL
    );
    CREATE INDEX article_aliases_article ON article_aliases(article_id);
    CREATE TABLE story_redirects (
        old_id TEXT COLLATE "C" PRIMARY KEY,
        new_id TEXT COLLATE "C" NOT NULL
    );
    CREATE TABLE feed_items (
        feed       TEXT COLLATE "C" NOT NULL,
        item       TEXT COLLATE "C" NOT NULL,
        link       TEXT COLLATE "C",
        article_id TEXT COLLATE "C",
        updated_ts BIGINT,
        seen_at    BIGINT NOT NULL,
        PRIMARY KEY (feed, item)
    );
    CREATE INDEX feed_items_link ON feed_items(link);
    CREATE TABLE feeds (
        url           TEXT COLLATE "C" PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        polled_at     BIGINT,
        failures      BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE story_features (
        article_id TEXT COLLATE "C" PRIMARY KEY,
        ts         BIGINT,
        features   TEXT NOT NULL
    );
    CREATE INDEX story_features_ts ON story_features(ts);
    CREATE TABLE story_vocab (
        kind    BIGINT NOT NULL,
        key     TEXT COLLATE "C" NOT NULL,
        id      BIGINT NOT NULL,
        display TEXT NOT NULL,
        df      DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (kind, key)
    );
    CREATE UNIQUE INDEX story_vocab_id ON story_vocab(kind, id);
    CREATE TABLE story_meta (
        key   TEXT COLLATE "C" PRIMARY KEY,
        value DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE story_keys (
        key      BIGINT NOT NULL,
        story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (key, story_id)
    );
    CREATE INDEX story_keys_story ON story_keys(story_id);
    "#,
    // 2: SQLite's step 8 — the lease a `khabar watch` worker holds on a feed while it polls it
    // (`lease_owner`, until `lease_until`, Unix seconds; see `lease.rs`).
    r#"
    ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
    ALTER TABLE feeds ADD COLUMN lease_until BIGINT;
    "#,
    // 3: SQLite's step 9 — the large values may be zstd frames (`codec.rs`, issue #17): the
    // columns that hold them become BYTEA, each old row keeping its UTF-8 bytes (read as
    // before: the codec tells a frame by its magic number).
    r#"
    ALTER TABLE analyses ALTER COLUMN analysis TYPE BYTEA USING convert_to(analysis, 'UTF8');
    ALTER TABLE story_features ALTER COLUMN features TYPE BYTEA USING convert_to(features, 'UTF8');
    ALTER TABLE stories ALTER COLUMN story TYPE BYTEA USING convert_to(story, 'UTF8');
    ALTER TABLE articles ALTER COLUMN text DROP DEFAULT;
    ALTER TABLE articles ALTER COLUMN text TYPE BYTEA USING convert_to(text, 'UTF8');
    ALTER TABLE articles ALTER COLUMN text SET DEFAULT ''::bytea;
    "#,
];

/// The PostgreSQL schema version this build writes.
pub const PG_SCHEMA_VERSION: i64 = PG_MIGRATIONS.len() as i64;

/// Advisory lock taken while migrating (all khabar stores of a database share it).
const MIGRATE_LOCK: i64 = 0x6b68_6162_6172_0001;
/// Transaction-level advisory lock serialising story assignment across workers.
pub const STORY_LOCK: i64 = 0x6b68_6162_6172_0002;

/// Is this a failure that trying the transaction again can cure (a serialization failure, a
/// deadlock, a lock not available past `lock_timeout`)?
pub(crate) fn is_retryable(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE
            || *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::LOCK_NOT_AVAILABLE
    )
}

/// The server's disk is full.
pub(crate) fn is_disk_full(e: &postgres::Error) -> bool {
    e.code() == Some(&SqlState::DISK_FULL)
}

/// The URL with its password masked, for messages.
fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_string(),
    }
}

/// `?N` placeholders (the dialect the store's SQL is written in) as PostgreSQL's `$N`.
fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

struct Inner {
    client: Client,
    /// Prepared statements by their SQL (as the store writes it).
    statements: HashMap<String, Statement>,
}

/// The store on a PostgreSQL server. Opened from a URL (`postgres://user@host:port/db`,
/// `options=-c search_path=…` picks a schema); see the module documentation.
pub struct PgStore {
    inner: RefCell<Inner>,
    /// A second connection, opened the first time a callback of a streaming read
    /// (`for_each_article`, `changes_since`, …) calls the store while the first is reading
    /// (an export looks up each article's story): it sees what is committed, not the outer
    /// read's snapshot.
    side: OnceCell<RefCell<Inner>>,
    /// The URL as given (password included), for the second connection.
    connect: String,
    url: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.url).finish()
    }
}

impl PgStore {
    /// Connects to the database at `url` and brings its schema up to date (creating it in an
    /// empty database or schema).
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|source| StoreError::PgOpen {
            url: shown.clone(),
            source,
        })?;
        let store = PgStore {
            inner: RefCell::new(Inner {
                client,
                statements: HashMap::new(),
            }),
            side: OnceCell::new(),
            connect: url.to_string(),
            url: shown,
        };
        store.migrate(PG_SCHEMA_VERSION)?;
        Ok(store)
    }

    /// The URL this store was opened with, its password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn inner(&self) -> Result<RefMut<'_, Inner>, StoreError> {
        if let Ok(main) = self.inner.try_borrow_mut() {
            return Ok(main);
        }
        // A callback of a read in progress calls the store: the second connection serves it.
        let side = match self.side.get() {
            Some(side) => side,
            None => {
                let client =
                    Client::connect(&self.connect, NoTls).map_err(|source| StoreError::PgOpen {
                        url: self.url.clone(),
                        source,
                    })?;
                self.side.get_or_init(|| {
                    RefCell::new(Inner {
                        client,
                        statements: HashMap::new(),
                    })
                })
            }
        };
        side.try_borrow_mut().map_err(|_| StoreError::Value {
            context: "using the PostgreSQL connection".into(),
            detail: "both connections are in use by calls in progress (a callback of a \
                     callback called the store)"
                .into(),
        })
    }

    /// Applies the steps up to `target` in one transaction, under an advisory lock so that
    /// two processes opening a fresh database at once apply every step exactly once.
    pub(crate) fn migrate(&self, target: i64) -> Result<(), StoreError> {
        let mut inner = self.inner()?;
        let client = &mut inner.client;
        let ctx = || "checking the schema".to_string();
        let mut tx = client.transaction().ctx(ctx)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
            .ctx(ctx)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                 id      INTEGER PRIMARY KEY CHECK (id = 1),
                 version BIGINT NOT NULL
             );
             INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;",
        )
        .ctx(ctx)?;
        let found: i64 = tx
            .query_one("SELECT version FROM schema_version WHERE id = 1", &[])
            .and_then(|r| r.try_get(0))
            .ctx(ctx)?;
        if found < 0 {
            return Err(StoreError::SchemaUnknown { found });
        }
        if found > PG_SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found,
                supported: PG_SCHEMA_VERSION,
            });
        }
        for version in found + 1..=target {
            let step = PG_MIGRATIONS[(version - 1) as usize];
            tx.batch_execute(step)
                .and_then(|_| {
                    tx.execute(
                        "UPDATE schema_version SET version = $1 WHERE id = 1",
                        &[&version],
                    )
                })
                .ctx(|| format!("migrating the schema to version {version}"))?;
        }
        tx.commit().ctx(ctx)
    }

    /// The schema version of the open database (always [`PG_SCHEMA_VERSION`] after open).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut db = self.plain()?;
        db.int("SELECT version FROM schema_version WHERE id = 1", &[])
            .map(|v| v.unwrap_or(0))
            .ctx(|| "reading the schema version".into())
    }

    /// Calls `f` with the stored bytes of an article's text (read into memory first: the
    /// server sends it whole). None when there is no such article.
    pub fn with_article_text<T>(
        &self,
        id: &ArticleId,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.article_text(id)?.map(|t| f(t.as_bytes())))
    }

    /// Changes whenever a write commits, in any process: the change sequence (SQLite's
    /// `data_version` plays this part there). Servers poll it to notice an ingest elsewhere.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.seq()
    }

    /// How long a statement waits for a lock another connection holds (the store's write lock,
    /// the story lock) before failing with an error for which [`StoreError::is_busy`] holds
    /// (PostgreSQL's `lock_timeout`; by default it waits as long as it takes).
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<(), StoreError> {
        let ms = wait.as_millis().clamp(1, i32::MAX as u128);
        self.inner()?
            .client
            .batch_execute(&format!("SET lock_timeout = {ms}"))
            .ctx(|| "setting the lock timeout".into())
    }

    /// Runs one SQL statement outside the store's logic (tests, operators' checks).
    #[cfg(test)]
    pub(crate) fn batch_execute(&self, sql: &str) -> Result<(), StoreError> {
        self.inner()?
            .client
            .batch_execute(sql)
            .ctx(|| "running a statement".into())
    }

    /// Starts a transaction with `begin`; a write transaction then takes the story lock (when
    /// asked) and the write lock, always in this order (no deadlock between the two).
    fn begin(
        &self,
        begin: &str,
        write: bool,
        stories: bool,
    ) -> Result<Box<dyn Db + '_>, StoreError> {
        let mut inner = self.inner()?;
        let ctx = || "starting a transaction".to_string();
        inner.client.batch_execute(begin).ctx(ctx)?;
        // From here on, dropping `Pg` rolls back.
        let mut db = Pg { inner, in_tx: true };
        if stories {
            db.query("SELECT pg_advisory_xact_lock(?1)", &[STORY_LOCK.into()])
                .ctx(|| "taking the story lock".into())?;
        }
        if write {
            db.query(WRITE_LOCK, &[])
                .ctx(|| "taking the store's write lock".into())?;
        }
        Ok(Box::new(db))
    }
}

/// The store's write lock: the row of the change counter, held until commit.
const WRITE_LOCK: &str = "SELECT value FROM store_seq WHERE id = 1 FOR UPDATE";

impl Backend for PgStore {
    fn plain(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        Ok(Box::new(Pg {
            inner: self.inner()?,
            in_tx: false,
        }))
    }

    fn snapshot(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        self.begin(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            false,
            false,
        )
    }

    fn write(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        self.begin("BEGIN", true, false)
    }

    fn story_write(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        self.begin("BEGIN", true, true)
    }
}

shared_methods!(PgStore);

/// A connection of a [`PgStore`], inside a transaction when `in_tx` (rolled back when dropped
/// uncommitted).
struct Pg<'a> {
    inner: RefMut<'a, Inner>,
    in_tx: bool,
}

impl Drop for Pg<'_> {
    fn drop(&mut self) {
        if self.in_tx {
            // A failed rollback leaves a broken connection, which the next call reports.
            let _ = self.inner.client.batch_execute("ROLLBACK");
        }
    }
}

fn params<'v>(params: &'v [Val<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    params
        .iter()
        .map(|v| match v {
            Val::Int(x) => x as &(dyn ToSql + Sync),
            Val::Real(x) => x as &(dyn ToSql + Sync),
            Val::Text(x) => x as &(dyn ToSql + Sync),
            Val::Blob(x) => x as &(dyn ToSql + Sync),
            Val::PlainPacked(x) => x as &(dyn ToSql + Sync),
        })
        .collect()
}

fn pg_row(row: &postgres::Row) -> Result<Row, postgres::Error> {
    let mut cells = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let t = col.type_();
        let cell = if *t == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?.map(Cell::Int)
        } else if *t == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?
                .map(|v| Cell::Int(i64::from(v)))
        } else if *t == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)?
                .map(|v| Cell::Int(i64::from(v)))
        } else if *t == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i)?.map(Cell::Real)
        } else if *t == Type::FLOAT4 {
            row.try_get::<_, Option<f32>>(i)?
                .map(|v| Cell::Real(f64::from(v)))
        } else if *t == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?
                .map(|v| Cell::Int(i64::from(v)))
        } else if *t == Type::VOID {
            None
        } else if *t == Type::BYTEA {
            // The packed columns (`codec.rs`): a zstd frame, or plain UTF-8 (a value written
            // before schema 3, or too short to pack), which is text as on SQLite.
            row.try_get::<_, Option<Vec<u8>>>(i)?.map(|b| {
                if crate::codec::is_frame(&b) {
                    Cell::Blob(b)
                } else {
                    String::from_utf8(b)
                        .map(Cell::Text)
                        .unwrap_or_else(|e| Cell::Blob(e.into_bytes()))
                }
            })
        } else {
            row.try_get::<_, Option<String>>(i)?.map(Cell::Text)
        };
        cells.push(cell.unwrap_or(Cell::Null));
    }
    Ok(Row(cells))
}

impl Pg<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.inner.statements.get(sql) {
            return Ok(s.clone());
        }
        let stmt = self.inner.client.prepare(&pg_sql(sql))?;
        self.inner.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

impl Db for Pg<'_> {
    fn exec(&mut self, sql: &str, p: &[Val<'_>]) -> Result<u64, DbError> {
        let stmt = self.statement(sql)?;
        Ok(self.inner.client.execute(&stmt, &params(p))?)
    }

    fn query(&mut self, sql: &str, p: &[Val<'_>]) -> Result<Vec<Row>, DbError> {
        let stmt = self.statement(sql)?;
        let rows = self.inner.client.query(&stmt, &params(p))?;
        Ok(rows.iter().map(pg_row).collect::<Result<_, _>>()?)
    }

    fn each(
        &mut self,
        sql: &str,
        p: &[Val<'_>],
        f: &mut dyn FnMut(Row) -> Result<ControlFlow<()>, StoreError>,
    ) -> Result<(), StoreError> {
        use postgres::fallible_iterator::FallibleIterator;
        let ctx = || "reading rows".to_string();
        let stmt = self.statement(sql).ctx(ctx)?;
        let ps = params(p);
        let mut rows = self
            .inner
            .client
            .query_raw(&stmt, ps.iter().copied())
            .ctx(ctx)?;
        while let Some(row) = rows.next().ctx(ctx)? {
            if f(pg_row(&row).ctx(ctx)?)?.is_break() {
                break;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DbError> {
        if self.in_tx {
            self.in_tx = false;
            self.inner.client.batch_execute("COMMIT")?;
        }
        Ok(())
    }
}

impl<T> Context<T> for Result<T, postgres::Error> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Postgres {
            context: context(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<PgStore>();
    }

    #[test]
    fn a_held_write_lock_is_a_busy_error_after_the_timeout() {
        let Some((_schema, mut s)) = crate::testkit::pg_store() else {
            return;
        };
        let other = PgStore::open(&_schema.url).unwrap();
        // `other` holds the write lock (an open write transaction) while `s` tries to write.
        let held = other.write().unwrap();
        s.set_busy_timeout(std::time::Duration::from_millis(50))
            .unwrap();
        let doc = khabar_model::Document {
            id: ArticleId("b1".into()),
            source: "t".into(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            authors: Vec::new(),
            published: None,
            updated: None,
            language: None,
            dateline: None,
            text: "text".into(),
            paragraphs: Vec::new(),
            captions: Vec::new(),
            dropped: Vec::new(),
            fingerprint: "fb".into(),
        };
        let err = crate::Store::put_articles(&mut s, &[(doc.clone(), None)]).unwrap_err();
        assert!(err.is_busy(), "{err}");
        drop(held);
        assert_eq!(
            crate::Store::put_articles(&mut s, &[(doc, None)])
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn placeholders_and_passwords() {
        assert_eq!(
            pg_sql("SELECT a FROM t WHERE b = ?1 AND (?2 IS NULL OR c = ?12)"),
            "SELECT a FROM t WHERE b = $1 AND ($2 IS NULL OR c = $12)"
        );
        assert_eq!(pg_sql("SELECT '?' "), "SELECT '?' ");
        assert_eq!(
            redact("postgres://u:secret@h:5432/db?x=1"),
            "postgres://u:***@h:5432/db?x=1"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("host=/tmp user=u"), "host=/tmp user=u");
    }
}
