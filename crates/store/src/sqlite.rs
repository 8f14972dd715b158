use crate::error::{Context, StoreError};
use crate::schema;
use crate::{PutOutcome, PutStatus, Store};
use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

    /// The text of an article (its `text` field), without building the whole document. None
    /// when there is no such article.
    pub fn article_text(&self, id: &ArticleId) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT text FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.as_str()], |r| r.get(0)).optional())
            .ctx(|| format!("reading the text of article {id}"))
    }

    /// Calls `f` with the stored bytes of an article's text (UTF-8, not checked here: `f`
    /// checks as much as it reads), without copying them: for search snippets, which need
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
        Ok(Some(f(bytes)))
    }

    /// Article → id of the story it is stored in (a regrouping hands these ids on), and every
    /// story id ever shown (stored stories and redirected ids), which a new story must not
    /// reuse.
    pub fn shown_story_ids(
        &self,
    ) -> Result<(HashMap<ArticleId, StoryId>, HashSet<StoryId>), StoreError> {
        let ctx = || "reading the shown story ids".to_string();
        let mut by_article = HashMap::new();
        let mut taken = HashSet::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, story_id FROM story_articles ORDER BY story_id")
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .ctx(ctx)?;
        for row in rows {
            let (a, s) = row.ctx(ctx)?;
            taken.insert(StoryId(s.clone()));
            by_article.entry(ArticleId(a)).or_insert(StoryId(s));
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT old_id FROM story_redirects UNION SELECT id FROM stories")
            .ctx(ctx)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).ctx(ctx)?;
        for row in rows {
            taken.insert(StoryId(row.ctx(ctx)?));
        }
        Ok((by_article, taken))
    }

    /// Record merged-away story ids (`old → survivor`). Earlier redirects to an id that is now
    /// merged away are pointed at its survivor, so a lookup takes one step.
    pub fn add_story_redirects(
        &mut self,
        redirects: &[(StoryId, StoryId)],
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(|| "starting a redirect transaction".into())?;
        write_redirects(&tx, redirects)?;
        tx.commit().ctx(|| "committing redirects".into())
    }

    /// The stored story a story id names now: itself when stored, the survivor it was merged
    /// into when it redirects, None when unknown.
    pub fn resolve_story(&self, id: &StoryId) -> Result<Option<StoryId>, StoreError> {
        let ctx = || format!("resolving story {id}");
        let mut current = id.clone();
        // Redirects point at survivors directly; the bound only guards against a damaged table.
        for _ in 0..8 {
            let stored: Option<i64> = self
                .conn
                .prepare_cached("SELECT 1 FROM stories WHERE id = ?1")
                .and_then(|mut s| s.query_row([current.as_str()], |r| r.get(0)).optional())
                .ctx(ctx)?;
            if stored.is_some() {
                return Ok(Some(current));
            }
            let next: Option<String> = self
                .conn
                .prepare_cached("SELECT new_id FROM story_redirects WHERE old_id = ?1")
                .and_then(|mut s| s.query_row([current.as_str()], |r| r.get(0)).optional())
                .ctx(ctx)?;
            match next {
                Some(n) => current = StoryId(n),
                None => return Ok(None),
            }
        }
        Ok(None)
    }

    /// How many stories are stored.
    pub fn story_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))
            .ctx(|| "counting stories".into())?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The store's change sequence: the value of the last write (0 for an empty store). Every
    /// write of an article, alias or the stories raises it, in whichever process.
    pub fn seq(&self) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM store_seq WHERE id = 1")
            .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
            .map(|v| v.unwrap_or(0))
            .ctx(|| "reading the change sequence".into())
    }

    /// The stored id an id names: itself when an article has it, else the article it is an
    /// alias of (a given id whose text was already stored, an article merged into another).
    pub fn resolve(&self, id: &ArticleId) -> Result<Option<ArticleId>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT id FROM articles WHERE id = ?1 UNION ALL \
                 SELECT a.id FROM article_aliases x JOIN articles a ON a.id = x.article_id \
                 WHERE x.alias = ?1 LIMIT 1",
            )
            .and_then(|mut s| s.query_row([id.as_str()], |r| r.get(0)).optional())
            .map(|v: Option<String>| v.map(ArticleId))
            .ctx(|| format!("looking up id {id}"))
    }

    /// The article stored under exactly this id (aliases not followed).
    fn read_article(&self, id: &ArticleId) -> Result<Option<Document>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT doc, text FROM articles WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .ctx(|| format!("reading article {id}"))?;
        row.map(|(json, text)| parse_doc(&json, text)).transpose()
    }

    fn read_analysis(&self, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT analysis FROM analyses WHERE article_id = ?1")
            .and_then(|mut s| s.query_row([id.as_str()], |r| r.get(0)).optional())
            .ctx(|| format!("reading the analysis of {id}"))?;
        json.as_deref()
            .map(|j| serde_json::from_str(j).ctx(|| format!("reading the analysis of {id}")))
            .transpose()
    }

    fn read_story_of(&self, article: &ArticleId) -> Result<Option<StoryId>, StoreError> {
        let id: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT story_id FROM story_articles WHERE article_id = ?1 ORDER BY story_id LIMIT 1",
            )
            .and_then(|mut s| s.query_row([article.as_str()], |r| r.get(0)).optional())
            .ctx(|| format!("finding the story of {article}"))?;
        Ok(id.map(StoryId))
    }

    /// The article id an alias stands for (None when `id` is no alias).
    fn alias_target(&self, id: &ArticleId) -> Result<Option<ArticleId>, StoreError> {
        self.conn
            .prepare_cached("SELECT article_id FROM article_aliases WHERE alias = ?1")
            .and_then(|mut s| s.query_row([id.as_str()], |r| r.get(0)).optional())
            .map(|v: Option<String>| v.map(ArticleId))
            .ctx(|| format!("looking up alias {id}"))
    }

    /// What changed after `after` (a value of [`SqliteStore::seq`]), read in one consistent
    /// snapshot of the store: `removed` gets each article removed since (its id may have come
    /// back: `changed` is called after every `removed`), `changed` each article written since
    /// with its analysis, in sequence order. Returns the sequence value the reads saw, which the
    /// follower records as applied. `changed` stops the walk with `ControlFlow::Break` (the
    /// returned value is then None: nothing may be recorded).
    pub fn changes_since(
        &self,
        after: i64,
        removed: &mut dyn FnMut(ArticleId),
        changed: &mut dyn FnMut(Document, Option<Analysis>) -> std::ops::ControlFlow<()>,
    ) -> Result<Option<i64>, StoreError> {
        let ctx = || format!("reading the changes after {after}");
        // One read transaction: the sequence value and the rows belong to one state.
        let tx = self.conn.unchecked_transaction().ctx(ctx)?;
        let seq = self.seq()?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT article_id FROM removed_articles WHERE seq > ?1 ORDER BY seq",
                )
                .ctx(ctx)?;
            let mut rows = stmt.query([after]).ctx(ctx)?;
            while let Some(row) = rows.next().ctx(ctx)? {
                removed(ArticleId(row.get(0).ctx(ctx)?));
            }
            let mut stmt = tx
                .prepare_cached(
                    "SELECT a.doc, a.text, n.analysis FROM articles a \
                     LEFT JOIN analyses n ON n.article_id = a.id WHERE a.seq > ?1 ORDER BY a.seq",
                )
                .ctx(ctx)?;
            let mut rows = stmt.query([after]).ctx(ctx)?;
            while let Some(row) = rows.next().ctx(ctx)? {
                let doc = parse_doc(&row.get::<_, String>(0).ctx(ctx)?, row.get(1).ctx(ctx)?)?;
                let analysis = row
                    .get::<_, Option<String>>(2)
                    .ctx(ctx)?
                    .as_deref()
                    .map(|j| {
                        serde_json::from_str(j)
                            .ctx(|| format!("reading the analysis of {}", doc.id))
                    })
                    .transpose()?;
                if changed(doc, analysis).is_break() {
                    return Ok(None);
                }
            }
        }
        tx.finish().ctx(ctx)?;
        Ok(Some(seq))
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

/// Records merged-away story ids inside a transaction (see [`SqliteStore::add_story_redirects`]).
pub(crate) fn write_redirects(
    tx: &Transaction<'_>,
    redirects: &[(StoryId, StoryId)],
) -> Result<(), StoreError> {
    for (old, new) in redirects {
        tx.execute(
            "UPDATE story_redirects SET new_id = ?2 WHERE new_id = ?1",
            params![old.as_str(), new.as_str()],
        )
        .ctx(|| format!("re-pointing redirects to {old}"))?;
        tx.execute(
            "INSERT OR REPLACE INTO story_redirects (old_id, new_id) VALUES (?1, ?2)",
            params![old.as_str(), new.as_str()],
        )
        .ctx(|| format!("redirecting {old} to {new}"))?;
        // An id that names a story again is no longer a redirect.
        tx.execute(
            "DELETE FROM story_redirects WHERE old_id = ?1",
            params![new.as_str()],
        )
        .ctx(|| format!("clearing the redirect of {new}"))?;
    }
    Ok(())
}

/// Writes stories and their membership rows inside a transaction (the caller removed what
/// they replace).
pub(crate) fn write_stories(tx: &Transaction<'_>, stories: &[Story]) -> Result<(), StoreError> {
    for story in stories {
        let json =
            serde_json::to_string(story).ctx(|| format!("serialising story {}", story.id))?;
        tx.prepare_cached(
            "INSERT INTO stories (id, title, first_ts, last_ts, story) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| {
            s.execute(params![
                story.id.as_str(),
                story.title,
                story.first_published.map(|p| p.timestamp()),
                story.last_published.map(|p| p.timestamp()),
                json,
            ])
        })
        .ctx(|| format!("writing story {}", story.id))?;
        for (position, article) in story.articles.iter().enumerate() {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO story_articles (story_id, article_id, position) \
                     VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    story.id.as_str(),
                    article.as_str(),
                    i64::try_from(position).unwrap_or(i64::MAX)
                ])
            })
            .ctx(|| format!("linking story {} to article {article}", story.id))?;
        }
    }
    Ok(())
}

pub(crate) fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The stored row of an article that an incoming document matched.
struct Existing {
    id: String,
    url: Option<String>,
    fingerprint: String,
    doc: String,
    text: String,
    analysis: Option<String>,
}

/// How an incoming document matched a stored article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Id,
    Url,
    Fingerprint,
}

fn find_target(
    tx: &Transaction<'_>,
    doc: &Document,
) -> Result<Option<(String, Match)>, StoreError> {
    let ctx = || format!("looking up article {}", doc.id);
    let by_id: Option<String> = tx
        .prepare_cached("SELECT id FROM articles WHERE id = ?1")
        .and_then(|mut s| s.query_row([doc.id.as_str()], |r| r.get(0)).optional())
        .ctx(ctx)?;
    if let Some(id) = by_id {
        return Ok(Some((id, Match::Id)));
    }
    if let Some(url) = &doc.url {
        let by_url: Option<String> = tx
            .prepare_cached("SELECT id FROM articles WHERE url = ?1")
            .and_then(|mut s| s.query_row([url], |r| r.get(0)).optional())
            .ctx(ctx)?;
        if let Some(id) = by_url {
            return Ok(Some((id, Match::Url)));
        }
    }
    // Same normalised text, unless both sides carry different URLs (the same text at two
    // addresses is a copy, not a re-ingestion).
    let by_text: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM articles WHERE fingerprint = ?1 AND (?2 IS NULL OR url IS NULL OR url = ?2) \
             ORDER BY id LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row(params![doc.fingerprint, doc.url], |r| r.get(0))
                .optional()
        })
        .ctx(ctx)?;
    Ok(by_text.map(|id| (id, Match::Fingerprint)))
}

/// Bumps the store's change counter and returns the new value (the caller holds the write lock).
pub(crate) fn next_seq(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    tx.prepare_cached("UPDATE store_seq SET value = value + 1 WHERE id = 1 RETURNING value")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .ctx(|| "advancing the change sequence".into())
}

/// Records `alias` as another name of the stored article `target` (a later alias of the same
/// name wins). An alias never shadows an article id: lookups try ids first.
fn write_alias(
    tx: &Transaction<'_>,
    alias: &str,
    target: &str,
    seq: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO article_aliases (alias, article_id, seq) VALUES (?1, ?2, ?3) \
         ON CONFLICT(alias) DO UPDATE SET article_id = excluded.article_id, seq = excluded.seq",
    )
    .and_then(|mut s| s.execute(params![alias, target, seq]))
    .ctx(|| format!("recording {alias} as another id of {target}"))?;
    Ok(())
}

/// The article an alias names, inside a write.
fn alias_of(tx: &Transaction<'_>, alias: &str) -> Result<Option<String>, StoreError> {
    tx.prepare_cached("SELECT article_id FROM article_aliases WHERE alias = ?1")
        .and_then(|mut s| s.query_row([alias], |r| r.get(0)).optional())
        .ctx(|| format!("looking up alias {alias}"))
}

/// An id for a second, different article that arrived under an id already taken: the given
/// id with a short hash of what tells the two apart (the url, else the text's fingerprint).
fn derived_id(doc: &Document) -> ArticleId {
    let key = doc.url.as_deref().unwrap_or(&doc.fingerprint);
    let hex = khabar_model::stable_hex(key.as_bytes());
    ArticleId(format!("{}~{}", doc.id, &hex[..hex.len().min(8)]))
}

fn load_existing(tx: &Transaction<'_>, id: &str) -> Result<Option<Existing>, StoreError> {
    tx.prepare_cached(
        "SELECT a.id, a.url, a.fingerprint, a.doc, a.text, n.analysis FROM articles a \
         LEFT JOIN analyses n ON n.article_id = a.id WHERE a.id = ?1",
    )
    .and_then(|mut s| {
        s.query_row([id], |r| {
            Ok(Existing {
                id: r.get(0)?,
                url: r.get(1)?,
                fingerprint: r.get(2)?,
                doc: r.get(3)?,
                text: r.get(4)?,
                analysis: r.get(5)?,
            })
        })
        .optional()
    })
    .ctx(|| format!("reading article {id}"))
}

/// Removes article `id`, folded into `into`: its id (and every alias of it) becomes an alias of
/// `into`, and the removal is recorded for followers.
fn merge_article(tx: &Transaction<'_>, id: &str, into: &str) -> Result<(), StoreError> {
    let ctx = || format!("removing article {id}, merged into {into}");
    let seq = next_seq(tx)?;
    tx.execute("DELETE FROM story_articles WHERE article_id = ?1", [id])
        .ctx(ctx)?;
    tx.execute("DELETE FROM story_features WHERE article_id = ?1", [id])
        .ctx(ctx)?;
    // analyses go with it (ON DELETE CASCADE).
    tx.execute("DELETE FROM articles WHERE id = ?1", [id])
        .ctx(ctx)?;
    tx.execute(
        "INSERT INTO removed_articles (article_id, seq) VALUES (?1, ?2) \
         ON CONFLICT(article_id) DO UPDATE SET seq = excluded.seq",
        params![id, seq],
    )
    .ctx(ctx)?;
    tx.execute(
        "UPDATE article_aliases SET article_id = ?2, seq = ?3 WHERE article_id = ?1",
        params![id, into, seq],
    )
    .ctx(ctx)?;
    write_alias(tx, id, into, seq)
}

/// Writes an article row: `json` is `doc` serialised with an empty text, `text` its text.
fn write_article(
    tx: &Transaction<'_>,
    doc: &Document,
    json: &str,
    text: &str,
    now: i64,
    insert: bool,
) -> Result<(), StoreError> {
    let published = doc.published.map(|p| p.to_string());
    let published_ts = doc.published.map(|p| p.timestamp());
    let sql = if insert {
        "INSERT INTO articles (id, url, fingerprint, outlet, title, language, published, \
         published_ts, source, doc, updated_at, text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    } else {
        "UPDATE articles SET url = ?2, fingerprint = ?3, outlet = ?4, title = ?5, language = ?6, \
         published = ?7, published_ts = ?8, source = ?9, doc = ?10, updated_at = ?11, \
         text = ?12 WHERE id = ?1"
    };
    tx.prepare_cached(sql)
        .and_then(|mut s| {
            s.execute(params![
                doc.id.as_str(),
                doc.url,
                doc.fingerprint,
                doc.outlet,
                doc.title,
                doc.language,
                published,
                published_ts,
                doc.source,
                json,
                now,
                text,
            ])
        })
        .ctx(|| format!("writing article {}", doc.id))?;
    Ok(())
}

fn write_analysis(tx: &Transaction<'_>, id: &str, json: &str) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO analyses (article_id, analysis) VALUES (?1, ?2) \
         ON CONFLICT(article_id) DO UPDATE SET analysis = excluded.analysis",
    )
    .and_then(|mut s| s.execute(params![id, json]))
    .ctx(|| format!("writing the analysis of {id}"))?;
    Ok(())
}

/// Marks article `id` as changed by a new write of the sequence.
fn touch(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    let seq = next_seq(tx)?;
    tx.prepare_cached("UPDATE articles SET seq = ?2 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![id, seq]))
        .ctx(|| format!("marking article {id} as changed"))?;
    // A re-inserted id is no longer removed.
    tx.prepare_cached("DELETE FROM removed_articles WHERE article_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .ctx(|| format!("marking article {id} as changed"))?;
    Ok(())
}

fn put_one(
    tx: &Transaction<'_>,
    incoming: &Document,
    analysis: Option<&Analysis>,
    now: i64,
) -> Result<PutOutcome, StoreError> {
    let mut target = find_target(tx, incoming)?;
    let mut existing = match &target {
        Some((id, _)) => load_existing(tx, id)?,
        None => None,
    };
    // Two different articles under one id (both with urls, the urls and the texts differ):
    // the second is stored under an id derived from the given one, never over the first.
    let mut renamed: Option<Document> = None;
    let taken = match (&target, &existing) {
        (Some((_, Match::Id)), Some(old)) => {
            let other_url = matches!((&old.url, &incoming.url), (Some(a), Some(b)) if a != b);
            other_url && old.fingerprint != incoming.fingerprint
        }
        _ => false,
    };
    {
        if taken {
            let mut doc = incoming.clone();
            doc.id = derived_id(incoming);
            target = find_target(tx, &doc)?;
            existing = match &target {
                Some((id, _)) => load_existing(tx, id)?,
                None => None,
            };
            renamed = Some(doc);
        }
    }
    let id_taken = renamed.as_ref().map(|_| incoming.id.clone());
    let incoming = renamed.as_ref().unwrap_or(incoming);
    let how = target.as_ref().map(|(_, m)| *m);
    let kept = existing
        .as_ref()
        .map(|e| ArticleId(e.id.clone()))
        .unwrap_or_else(|| incoming.id.clone());
    let replaced_id = (incoming.id != kept).then(|| incoming.id.clone());

    // The same text under another id, the incoming bringing no url the stored one lacks: the
    // stored article stays as it is (first come, first kept), and the incoming id becomes
    // another name of it.
    let adds_url = incoming.url.is_some() && existing.as_ref().is_some_and(|e| e.url.is_none());
    if how == Some(Match::Fingerprint) && replaced_id.is_some() && !adds_url {
        if alias_of(tx, incoming.id.as_str())?.as_deref() != Some(kept.as_str()) {
            let seq = next_seq(tx)?;
            write_alias(tx, incoming.id.as_str(), kept.as_str(), seq)?;
        }
        return Ok(PutOutcome {
            id: kept,
            status: PutStatus::SameText,
            replaced_id,
            merged: Vec::new(),
            id_taken,
        });
    }

    // Another stored article holding the incoming url is this same article: fold it in.
    let mut merged = Vec::new();
    if let Some(url) = &incoming.url {
        let other: Option<String> = tx
            .prepare_cached("SELECT id FROM articles WHERE url = ?1 AND id <> ?2")
            .and_then(|mut s| {
                s.query_row(params![url, kept.as_str()], |r| r.get(0))
                    .optional()
            })
            .ctx(|| format!("looking up url {url}"))?;
        if let Some(other) = other {
            merge_article(tx, &other, kept.as_str())?;
            merged.push(ArticleId(other));
        }
    }
    // The incoming id, when another, keeps answering for the article it matched.
    if let Some(alias) = &replaced_id {
        if alias_of(tx, alias.as_str())?.as_deref() != Some(kept.as_str()) {
            let seq = next_seq(tx)?;
            write_alias(tx, alias.as_str(), kept.as_str(), seq)?;
        }
    }

    let mut doc = incoming.clone();
    doc.id = kept.clone();
    if doc.url.is_none() {
        doc.url = existing.as_ref().and_then(|e| e.url.clone());
    }
    // The text goes to its own column; the JSON keeps the other fields.
    let text = std::mem::take(&mut doc.text);
    let doc_json = serde_json::to_string(&doc).ctx(|| format!("serialising article {}", doc.id))?;
    let analysis_json = match analysis {
        Some(a) => {
            let mut a = a.clone();
            a.article = kept.clone();
            Some(serde_json::to_string(&a).ctx(|| format!("serialising the analysis of {kept}"))?)
        }
        None => None,
    };

    let status = match existing {
        None => {
            write_article(tx, &doc, &doc_json, &text, now, true)?;
            if let Some(a) = &analysis_json {
                write_analysis(tx, kept.as_str(), a)?;
            }
            touch(tx, kept.as_str())?;
            PutStatus::Inserted
        }
        Some(old) => {
            let doc_same = old.doc == doc_json && old.text == text;
            let analysis_same = match &analysis_json {
                Some(a) => old.analysis.as_deref() == Some(a.as_str()),
                None => doc_same || old.analysis.is_none(),
            };
            if !doc_same {
                write_article(tx, &doc, &doc_json, &text, now, false)?;
            }
            if !analysis_same {
                match &analysis_json {
                    Some(a) => write_analysis(tx, kept.as_str(), a)?,
                    None => {
                        tx.execute(
                            "DELETE FROM analyses WHERE article_id = ?1",
                            [kept.as_str()],
                        )
                        .ctx(|| format!("removing the stale analysis of {kept}"))?;
                    }
                }
            }
            if doc_same && analysis_same && merged.is_empty() {
                PutStatus::Unchanged
            } else {
                touch(tx, kept.as_str())?;
                PutStatus::Updated
            }
        }
    };
    Ok(PutOutcome {
        id: kept,
        status,
        replaced_id,
        merged,
        id_taken,
    })
}

/// A stored article: its JSON (`doc`, with an empty text) and its `text` column.
pub(crate) fn parse_doc(json: &str, text: String) -> Result<Document, StoreError> {
    let mut doc: Document = serde_json::from_str(json).ctx(|| "reading a stored article".into())?;
    doc.text = text;
    Ok(doc)
}

fn parse_story(json: &str) -> Result<Story, StoreError> {
    serde_json::from_str(json).ctx(|| "reading a stored story".into())
}

impl SqliteStore {
    /// [`Store::put_articles`], then `also` in the same transaction with the outcomes (what
    /// else must be recorded with these articles or not at all, e.g. the feed items they came
    /// from).
    pub(crate) fn put_batch(
        &mut self,
        items: &[(Document, Option<Analysis>)],
        also: impl FnOnce(&Transaction<'_>, &[PutOutcome]) -> Result<(), StoreError>,
    ) -> Result<Vec<PutOutcome>, StoreError> {
        // IMMEDIATE: take the write lock before the dedup lookups, so that another process
        // writing at the same time waits (busy timeout) instead of failing on a stale snapshot.
        let now = now_secs();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(|| "starting an ingestion transaction".into())?;
        let mut out = Vec::with_capacity(items.len());
        for (doc, analysis) in items {
            out.push(put_one(&tx, doc, analysis.as_ref(), now)?);
        }
        also(&tx, &out)?;
        tx.commit()
            .ctx(|| format!("committing a batch of {} articles", items.len()))?;
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn put_articles(
        &mut self,
        items: &[(Document, Option<Analysis>)],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        self.put_batch(items, |_, _| Ok(()))
    }

    fn article(&self, id: &ArticleId) -> Result<Option<Document>, StoreError> {
        match self.read_article(id)? {
            Some(doc) => Ok(Some(doc)),
            None => match self.alias_target(id)? {
                Some(target) => self.read_article(&target),
                None => Ok(None),
            },
        }
    }

    fn analysis(&self, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
        match self.read_analysis(id)? {
            Some(a) => Ok(Some(a)),
            None => match self.alias_target(id)? {
                Some(target) => self.read_analysis(&target),
                None => Ok(None),
            },
        }
    }

    fn articles(&self) -> Result<Vec<Document>, StoreError> {
        let ctx = || "listing articles".to_string();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT doc, text FROM articles ORDER BY published_ts IS NULL, published_ts, id",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .ctx(ctx)?;
        let mut out = Vec::new();
        for row in rows {
            let (json, text) = row.ctx(ctx)?;
            out.push(parse_doc(&json, text)?);
        }
        Ok(out)
    }

    fn articles_with_analyses(&self) -> Result<Vec<(Document, Option<Analysis>)>, StoreError> {
        let ctx = || "listing articles with their analyses".to_string();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.doc, a.text, n.analysis FROM articles a \
                 LEFT JOIN analyses n ON n.article_id = a.id \
                 ORDER BY a.published_ts IS NULL, a.published_ts, a.id",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .ctx(ctx)?;
        let mut out = Vec::new();
        for row in rows {
            let (doc, text, analysis) = row.ctx(ctx)?;
            let doc = parse_doc(&doc, text)?;
            let analysis = analysis
                .as_deref()
                .map(|j| {
                    serde_json::from_str(j).ctx(|| format!("reading the analysis of {}", doc.id))
                })
                .transpose()?;
            out.push((doc, analysis));
        }
        Ok(out)
    }

    fn article_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
            .ctx(|| "counting articles".into())?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn replace_stories(&mut self, stories: &[Story]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(|| "starting a story transaction".into())?;
        tx.execute_batch("DELETE FROM story_articles; DELETE FROM stories;")
            .ctx(|| "clearing the old stories".into())?;
        next_seq(&tx)?;
        write_stories(&tx, stories)?;
        tx.commit()
            .ctx(|| format!("committing {} stories", stories.len()))
    }

    fn stories(&self) -> Result<Vec<Story>, StoreError> {
        let ctx = || "listing stories".to_string();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT story FROM stories ORDER BY last_ts IS NULL, last_ts DESC, id")
            .ctx(ctx)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).ctx(ctx)?;
        let mut out = Vec::new();
        for json in rows {
            out.push(parse_story(&json.ctx(ctx)?)?);
        }
        Ok(out)
    }

    fn story(&self, id: &StoryId) -> Result<Option<Story>, StoreError> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT story FROM stories WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.as_str()], |r| r.get(0)).optional())
            .ctx(|| format!("reading story {id}"))?;
        json.as_deref().map(parse_story).transpose()
    }

    fn story_of(&self, article: &ArticleId) -> Result<Option<StoryId>, StoreError> {
        match self.read_story_of(article)? {
            Some(s) => Ok(Some(s)),
            None => match self.alias_target(article)? {
                Some(target) => self.read_story_of(&target),
                None => Ok(None),
            },
        }
    }
}
