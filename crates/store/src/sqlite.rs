use crate::codec;
use crate::db::{Backend, Db, Lite};
use crate::error::{Context, StoreError};
use crate::schema;
use khabar_model::ArticleId;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Page size of new databases, in bytes.
pub const PAGE_SIZE: i64 = 16384;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The SQLite implementation of [`Store`]: one file, WAL mode, migrations on open.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(open_err)?;
        Self::configure(&conn).map_err(open_err)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory (tests, one-shot runs).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let open_err = |source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        };
        let conn = Connection::open_in_memory().map_err(open_err)?;
        Self::configure(&conn).map_err(open_err)?;
        Self::init(conn, None)
    }

    fn configure(conn: &Connection) -> Result<(), rusqlite::Error> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // 16 KiB pages for a new database (a no-op on one that has tables): most articles
        // (document JSON and text, a few KB) then fit in one page instead of spilling into a
        // chain of overflow pages that every read of the text walks.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // journal_mode answers with the mode in force ("memory" for an in-memory database).
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self, StoreError> {
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn, path })
    }

    /// The file this store lives in (None in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database (always [`schema::SCHEMA_VERSION`] after open).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::user_version(&self.conn).ctx(|| "reading the schema version".into())
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound database, otherwise the problems found.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .ctx(|| "checking integrity".into())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .ctx(|| "checking integrity".into())?;
        rows.collect::<Result<Vec<_>, _>>()
            .ctx(|| "checking integrity".into())
    }

    /// Copies the WAL into the main file (e.g. before copying the file elsewhere).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .ctx(|| "checkpointing the WAL".into())
    }

    /// Direct access for this crate's tests and read-only modules (`stream`).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Calls `f` with the stored bytes of an article's text (UTF-8, not checked here: `f`
    /// checks as much as it reads), without copying them when stored plain (a packed text is
    /// unpacked first): for search snippets, which need
    /// only the part up to the first match. None when there is no such article.
    pub fn with_article_text<T>(
        &self,
        id: &ArticleId,
        f: impl FnOnce(&[u8]) -> T,
    ) -> Result<Option<T>, StoreError> {
        let ctx = || format!("reading the text of article {id}");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM articles WHERE id = ?1")
            .ctx(ctx)?;
        let mut rows = stmt.query([id.as_str()]).ctx(ctx)?;
        let Some(row) = rows.next().ctx(ctx)? else {
            return Ok(None);
        };
        let bytes = row.get_ref(0).and_then(|v| Ok(v.as_bytes()?)).ctx(ctx)?;
        if codec::is_frame(bytes) {
            // A packed text (schema 9): unpacked whole, then handed over.
            let text = codec::unpack(bytes.to_vec()).map_err(|detail| StoreError::Value {
                context: ctx(),
                detail,
            })?;
            return Ok(Some(f(text.as_bytes())));
        }
        Ok(Some(f(bytes)))
    }

    /// How long a write waits for another connection's lock before failing with an error for
    /// which [`StoreError::is_busy`] holds (10 s when opened).
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(wait)
            .ctx(|| "setting the busy timeout".into())
    }

    /// Maps up to `bytes` of the database file into memory for reads (SQLite's `mmap_size`,
    /// capped by the library): reads then copy pages from the mapping instead of asking the
    /// kernel for each one. For read-mostly connections such as the server's; returns the size
    /// in force.
    pub fn map_for_reads(&self, bytes: i64) -> Result<i64, StoreError> {
        self.conn
            .query_row(&format!("PRAGMA mmap_size = {bytes}"), [], |r| r.get(0))
            .ctx(|| "setting mmap_size".into())
    }
}

impl Backend for SqliteStore {
    fn plain(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        Ok(Box::new(Lite::plain(&self.conn)))
    }

    fn snapshot(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        Lite::begin(&self.conn, TransactionBehavior::Deferred)
            .map(|l| Box::new(l) as Box<dyn Db + '_>)
            .ctx(|| "starting a read transaction".into())
    }

    /// IMMEDIATE: take the write lock before the dedup lookups, so that another process
    /// writing at the same time waits (busy timeout) instead of failing on a stale snapshot.
    fn write(&self) -> Result<Box<dyn Db + '_>, StoreError> {
        Lite::begin(&self.conn, TransactionBehavior::Immediate)
            .map(|l| Box::new(l) as Box<dyn Db + '_>)
            .ctx(|| "starting a write transaction".into())
    }
}

shared_methods!(SqliteStore);
