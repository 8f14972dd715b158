//! `bench_update grow SRC DST N`: a store of N articles made from a `bench_update build` store of
//! n articles (N a multiple of n) as the product would have written the stream continued: the
//! source kept as copy 0, then copies 1 … N/n − 1 of every row, each later in time than the one
//! before.
//!
//! Copy k of an article `p{i}e{e}` (text i of the pool in stream epoch e) is `p{i}e{e + k·E}`:
//! E is one more than the epochs the source reaches, so the copies never share an id and copy
//! k + 1 starts after copy k ends (dates shifted by k·E stream periods, a whole number of days).
//! Its url names the new id, its fingerprint is a hash of the source's and k (copy k holds
//! texts of its own: a store of a year of news does not hold the same text a hundred times),
//! its change sequence number is the source's + k·S (S the source's sequence value), so copy k
//! was written after copy k − 1. Stories are copied, not regrouped: story s of copy k is
//! `StoryId::from_key("{s}/copy{k}")` (an id of the product's shape), holding the copies of its
//! articles, with its dates shifted; its stream records (`story_features`), its keys
//! (`story_keys`), redirects and aliases follow. The vocabulary is shared by the copies (the same
//! texts): every document frequency and document count is multiplied by N/n, and `grouped_seq`
//! moves to the last copy's. The values that name an article (its document, analysis, stream
//! record, story) are unpacked, renamed, shifted and packed again as the store packs them.
//!
//! Bulk work in one transaction per copy with the secondary indexes dropped and built again at
//! the end; the result is checked by opening it with the real store (counts, one
//! `update_stories`, the last copy's last article found by id, in a story that holds it).

use khabar_model::{Analysis, Document, PubTime, Story, StoryId};
use khabar_store::{SqliteStore, Store};
use khabar_story::{Config, Recorded};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

type Error = Box<dyn std::error::Error>;

/// The first four bytes of a zstd frame: how the store tells a packed value from plain text.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];
/// The store packs values of at least this many bytes, at this zstd level (`codec.rs`).
const PACK_FROM: usize = 256;
const PACK_LEVEL: i32 = 3;

/// Tables the grow copies, renames or leaves alone; any other table with rows stops it (a
/// table added to the schema needs a rule here).
const COPIED: &[&str] = &[
    "articles",
    "analyses",
    "story_features",
    "stories",
    "story_articles",
    "story_keys",
    "story_redirects",
    "article_aliases",
    "removed_articles",
];
const KEPT: &[&str] = &["store_seq", "story_vocab", "story_meta"];

/// How copy k renames and shifts.
struct Shift {
    k: i64,
    /// Stream epochs per copy.
    epochs: i64,
    /// Seconds per stream epoch.
    period: i64,
    /// Change sequence values per copy.
    seq: i64,
}

impl Shift {
    fn secs(&self) -> i64 {
        self.k * self.epochs * self.period
    }

    fn article(&self, id: &str) -> Result<String, Error> {
        let (i, e) = parse_stream_id(id)
            .ok_or_else(|| format!("{id:?} is not an id of bench_update's stream (p<i>e<e>)"))?;
        Ok(format!("p{i}e{}", e + self.k * self.epochs))
    }

    fn story(&self, id: &str) -> String {
        StoryId::from_key(&format!("{id}/copy{}", self.k)).0
    }

    fn url(&self, url: &str, old: &str, new: &str) -> String {
        match url.strip_suffix(old) {
            Some(base) => format!("{base}{new}"),
            None => format!("{url}#copy{}", self.k),
        }
    }

    fn fingerprint(&self, fp: &str) -> String {
        khabar_model::stable_hex(format!("{fp}/copy{}", self.k).as_bytes())
    }

    fn time(&self, t: PubTime) -> Result<PubTime, Error> {
        let d = chrono::Duration::seconds(self.secs());
        let out = match t {
            PubTime::Date(x) => x
                .checked_add_signed(chrono::Duration::days(self.secs() / 86_400))
                .map(PubTime::Date),
            PubTime::Local(x) => x.checked_add_signed(d).map(PubTime::Local),
            PubTime::Zoned(x) => x.checked_add_signed(d).map(PubTime::Zoned),
        };
        out.ok_or_else(|| format!("{t} shifted by {} s is out of range", self.secs()).into())
    }

    /// The document of copy k (every field that names or dates it).
    fn doc(&self, mut d: Document) -> Result<Document, Error> {
        let old = d.id.0.clone();
        d.id.0 = self.article(&old)?;
        d.url = d.url.map(|u| self.url(&u, &old, &d.id.0));
        d.fingerprint = self.fingerprint(&d.fingerprint);
        d.published = d.published.map(|t| self.time(t)).transpose()?;
        d.updated = d.updated.map(|t| self.time(t)).transpose()?;
        Ok(d)
    }

    /// A JSON text with every string that is a stream article id renamed.
    fn json_ids(&self, json: &str) -> Result<String, Error> {
        let b = json.as_bytes();
        let mut out = String::with_capacity(json.len() + 64);
        let mut last = 0;
        let mut at = 0;
        while let Some(off) = json[at..].find("\"p") {
            let open = at + off;
            at = open + 1;
            // A structural quote (compact JSON: a string starts after one of these); a quote
            // inside a string is always escaped.
            if open == 0 || !matches!(b[open - 1], b'[' | b',' | b':' | b'{') {
                continue;
            }
            let Some(len) = json[open + 1..].find('"') else {
                break;
            };
            let inner = &json[open + 1..open + 1 + len];
            if parse_stream_id(inner).is_some() {
                out.push_str(&json[last..=open]);
                out.push_str(&self.article(inner)?);
                last = open + 1 + len;
                at = last + 1;
            }
        }
        out.push_str(&json[last..]);
        Ok(out)
    }
}

/// (i, e) of a stream id `p{i}e{e}`.
fn parse_stream_id(id: &str) -> Option<(u64, i64)> {
    let (i, e) = id.strip_prefix('p')?.split_once('e')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !digits(i) || !digits(e) {
        return None;
    }
    Some((i.parse().ok()?, e.parse().ok()?))
}

fn unpack(v: Value) -> Result<String, Error> {
    let bytes = match v {
        Value::Text(s) => return Ok(s),
        Value::Blob(b) => b,
        other => return Err(format!("a packed column holds {other:?}").into()),
    };
    let bytes = if bytes.starts_with(&ZSTD_MAGIC) {
        zstd::stream::decode_all(bytes.as_slice())?
    } else {
        bytes
    };
    Ok(String::from_utf8(bytes)?)
}

/// As the store writes a large value: plain text when short, else a zstd frame.
fn pack(s: String) -> Result<Value, Error> {
    if s.len() < PACK_FROM {
        return Ok(Value::Text(s));
    }
    Ok(Value::Blob(zstd::bulk::compress(s.as_bytes(), PACK_LEVEL)?))
}

/// The number after `{"f":{"ts":` (a stream record's time) moved by `secs`, checked by reading
/// the record back.
fn shift_record(json: &str, secs: i64) -> Result<String, Error> {
    const HEAD: &str = r#"{"f":{"ts":"#;
    let rest = json
        .strip_prefix(HEAD)
        .ok_or("a stream record that does not start with its time")?;
    let end = rest.find([',', '}']).ok_or("a stream record cut short")?;
    let out = match &rest[..end] {
        "null" => json.to_string(),
        n => format!("{HEAD}{}{}", n.parse::<i64>()? + secs, &rest[end..]),
    };
    Ok(out)
}

fn count(conn: &Connection, table: &str) -> Result<i64, Error> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

/// The largest stream epoch among the source's article ids.
fn max_epoch(conn: &Connection) -> Result<i64, Error> {
    let mut stmt = conn.prepare("SELECT id FROM src.articles")?;
    let mut rows = stmt.query([])?;
    let mut max = -1;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let (_, e) = parse_stream_id(&id)
            .ok_or_else(|| format!("{id:?} is not an id of bench_update's stream"))?;
        max = max.max(e);
    }
    Ok(max)
}

fn copy_articles(conn: &Connection, s: &Shift) -> Result<(), Error> {
    let mut read = conn.prepare(
        "SELECT id, outlet, title, language, source, doc, updated_at, text, seq, published_ts \
         FROM src.articles ORDER BY rowid",
    )?;
    let mut write = conn.prepare(
        "INSERT INTO articles (id, url, fingerprint, outlet, title, language, published, \
         published_ts, source, doc, updated_at, text, seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let doc: Document = serde_json::from_str(&r.get::<_, String>(5)?)?;
        let ts: Option<i64> = r.get(9)?;
        let doc = s.doc(doc)?;
        if doc.published.map(|p| p.timestamp()) != ts.map(|t| t + s.secs()) {
            return Err(format!(
                "article {}: published_ts does not match its document",
                doc.id
            )
            .into());
        }
        write.execute(params![
            doc.id.0,
            doc.url,
            doc.fingerprint,
            r.get::<_, Value>(1)?,
            r.get::<_, Value>(2)?,
            r.get::<_, Value>(3)?,
            doc.published.map(|p| p.to_string()),
            doc.published.map(|p| p.timestamp()),
            r.get::<_, Value>(4)?,
            serde_json::to_string(&doc)?,
            r.get::<_, Value>(6)?,
            r.get::<_, Value>(7)?,
            r.get::<_, i64>(8)? + s.k * s.seq,
        ])?;
    }
    Ok(())
}

fn copy_analyses(conn: &Connection, s: &Shift) -> Result<(), Error> {
    let mut read = conn.prepare("SELECT article_id, analysis FROM src.analyses ORDER BY rowid")?;
    let mut write = conn.prepare("INSERT INTO analyses (article_id, analysis) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    let mut n = 0u64;
    while let Some(r) = rows.next()? {
        let id = s.article(&r.get::<_, String>(0)?)?;
        let json = s.json_ids(&unpack(r.get(1)?)?)?;
        if n.is_multiple_of(997) {
            // A sample read back whole: the rename left a valid analysis of the new id.
            let a: Analysis = serde_json::from_str(&json)?;
            if a.article.0 != id {
                return Err(format!("the analysis of {id} names {}", a.article).into());
            }
        }
        n += 1;
        write.execute(params![id, pack(json)?])?;
    }
    Ok(())
}

fn copy_records(conn: &Connection, s: &Shift) -> Result<(), Error> {
    let mut read =
        conn.prepare("SELECT article_id, ts, features FROM src.story_features ORDER BY rowid")?;
    let mut write =
        conn.prepare("INSERT INTO story_features (article_id, ts, features) VALUES (?1, ?2, ?3)")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let id = s.article(&r.get::<_, String>(0)?)?;
        let ts = r.get::<_, Option<i64>>(1)?.map(|t| t + s.secs());
        let json = shift_record(&s.json_ids(&unpack(r.get(2)?)?)?, s.secs())?;
        let rec: Recorded = serde_json::from_str(&json)?;
        if rec.ts() != ts {
            return Err(format!("the record of {id} reads {:?}, not {ts:?}", rec.ts()).into());
        }
        write.execute(params![id, ts, pack(json)?])?;
    }
    Ok(())
}

/// Copies the stories; returns source id → copy id.
fn copy_stories(conn: &Connection, s: &Shift) -> Result<HashMap<String, String>, Error> {
    let mut read =
        conn.prepare("SELECT id, title, first_ts, last_ts, story FROM src.stories ORDER BY rowid")?;
    let mut write = conn.prepare(
        "INSERT INTO stories (id, title, first_ts, last_ts, story) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut ids = HashMap::new();
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let old: String = r.get(0)?;
        let mut story: Story = serde_json::from_str(&s.json_ids(&unpack(r.get(4)?)?)?)?;
        story.id = StoryId(s.story(&old));
        story.first_published = story.first_published.map(|t| s.time(t)).transpose()?;
        story.last_published = story.last_published.map(|t| s.time(t)).transpose()?;
        let shifted = |t: Option<i64>| t.map(|t| t + s.secs());
        write.execute(params![
            story.id.0,
            r.get::<_, String>(1)?,
            shifted(r.get(2)?),
            shifted(r.get(3)?),
            pack(serde_json::to_string(&story)?)?,
        ])?;
        ids.insert(old, story.id.0);
    }
    Ok(ids)
}

fn copy_story_rows(
    conn: &Connection,
    s: &Shift,
    stories: &HashMap<String, String>,
) -> Result<(), Error> {
    let story = |id: &str| -> Result<String, Error> {
        stories
            .get(id)
            .cloned()
            .ok_or_else(|| format!("a row names story {id}, which is not stored").into())
    };
    {
        let mut read = conn.prepare(
            "SELECT story_id, article_id, position FROM src.story_articles \
             ORDER BY story_id, article_id",
        )?;
        let mut write = conn.prepare(
            "INSERT INTO story_articles (story_id, article_id, position) VALUES (?1, ?2, ?3)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            write.execute(params![
                story(&r.get::<_, String>(0)?)?,
                s.article(&r.get::<_, String>(1)?)?,
                r.get::<_, i64>(2)?
            ])?;
        }
    }
    {
        let mut read =
            conn.prepare("SELECT key, story_id FROM src.story_keys ORDER BY key, story_id")?;
        let mut write = conn.prepare("INSERT INTO story_keys (key, story_id) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            write.execute(params![
                r.get::<_, i64>(0)?,
                story(&r.get::<_, String>(1)?)?
            ])?;
        }
    }
    {
        let mut read = conn.prepare("SELECT old_id, new_id FROM src.story_redirects")?;
        let mut write =
            conn.prepare("INSERT INTO story_redirects (old_id, new_id) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            // A redirect's old id names no stored story: renamed the same way.
            write.execute(params![
                s.story(&r.get::<_, String>(0)?),
                story(&r.get::<_, String>(1)?)?
            ])?;
        }
    }
    {
        let mut read = conn.prepare("SELECT alias, article_id, seq FROM src.article_aliases")?;
        let mut write = conn
            .prepare("INSERT INTO article_aliases (alias, article_id, seq) VALUES (?1, ?2, ?3)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let alias: String = r.get(0)?;
            let alias = s
                .article(&alias)
                .unwrap_or_else(|_| format!("{alias}/copy{}", s.k));
            write.execute(params![
                alias,
                s.article(&r.get::<_, String>(1)?)?,
                r.get::<_, i64>(2)? + s.k * s.seq
            ])?;
        }
    }
    {
        let mut read = conn.prepare("SELECT article_id, seq FROM src.removed_articles")?;
        let mut write =
            conn.prepare("INSERT INTO removed_articles (article_id, seq) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            write.execute(params![
                s.article(&r.get::<_, String>(0)?)?,
                r.get::<_, i64>(1)? + s.k * s.seq
            ])?;
        }
    }
    Ok(())
}

/// The next 100 articles of the source (SRC.next.jsonl) as copy k: the batch `add` puts.
fn copy_next(src: &Path, dst: &Path, s: &Shift) -> Result<(), Error> {
    let input = std::io::BufReader::new(std::fs::File::open(format!(
        "{}.next.jsonl",
        src.display()
    ))?);
    let mut out = std::io::BufWriter::new(std::fs::File::create(format!(
        "{}.next.jsonl",
        dst.display()
    ))?);
    for line in input.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let doc: Document = serde_json::from_value(v["doc"].clone())?;
        let doc = s.doc(doc)?;
        let mut analysis: Option<Analysis> = serde_json::from_value(v["analysis"].clone())?;
        if let Some(a) = &mut analysis {
            a.article = doc.id.clone();
        }
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"doc": doc, "analysis": analysis}),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

pub fn grow(src: &Path, dst: &Path, target: usize) -> Result<(), Error> {
    let started = Instant::now();
    // The source as the store leaves it: current schema, WAL copied in.
    let (n, src_stories) = {
        let store = SqliteStore::open(src)?;
        store.checkpoint()?;
        (store.article_count()?, store.story_count()?)
    };
    if n == 0 || !target.is_multiple_of(n) || target < n {
        return Err(format!("{target} is not a multiple of the source's {n} articles").into());
    }
    let copies = (target / n) as i64;
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", dst.display()));
    }
    std::fs::copy(src, dst)?;
    let conn = Connection::open(dst)?;
    // A scratch file being filled: no journal, no syncs, a large page cache.
    let _: String = conn.query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;")?;
    let src_uri = format!("file:{}?mode=ro", src.display());
    conn.execute("ATTACH DATABASE ?1 AS src", [src_uri])?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for t in &tables {
        if !COPIED.contains(&t.as_str()) && !KEPT.contains(&t.as_str()) && count(&conn, t)? > 0 {
            return Err(format!("table {t} has rows and grow has no rule for it").into());
        }
    }
    let seq: i64 = conn.query_row("SELECT value FROM src.store_seq WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    let epochs = max_epoch(&conn)? + 2;
    let period = (Config::default().window_days + 5) * 86_400;
    // Secondary indexes are built again once the rows are in (a sort instead of scattered
    // inserts into large B-trees).
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX {name}"))?;
    }
    eprintln!(
        "source {n} articles, {src_stories} stories, sequence {seq}, {epochs} epochs of {} days per copy; {copies} copies",
        period / 86_400
    );
    for k in 1..copies {
        let t = Instant::now();
        let s = Shift {
            k,
            epochs,
            period,
            seq,
        };
        conn.execute_batch("BEGIN")?;
        copy_articles(&conn, &s)?;
        copy_analyses(&conn, &s)?;
        copy_records(&conn, &s)?;
        let ids = copy_stories(&conn, &s)?;
        copy_story_rows(&conn, &s, &ids)?;
        conn.execute_batch("COMMIT")?;
        eprintln!(
            "copy {k}: {:.0} s ({:.0} s in all)",
            t.elapsed().as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    let last = Shift {
        k: copies - 1,
        epochs,
        period,
        seq,
    };
    conn.execute_batch("BEGIN")?;
    conn.execute("UPDATE story_vocab SET df = df * ?1", [copies as f64])?;
    conn.execute(
        "UPDATE story_meta SET value = value * ?1 WHERE key IN ('docs', 'entity_docs')",
        [copies as f64],
    )?;
    conn.execute(
        "UPDATE story_meta SET value = value + ?1 WHERE key = 'grouped_seq'",
        [(last.k * seq) as f64],
    )?;
    conn.execute(
        "UPDATE store_seq SET value = ?1 WHERE id = 1",
        [copies * seq],
    )?;
    conn.execute_batch("COMMIT")?;
    let t = Instant::now();
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    eprintln!(
        "{} indexes built in {:.0} s",
        indexes.len(),
        t.elapsed().as_secs_f64()
    );
    conn.execute_batch("DETACH DATABASE src")?;
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    drop(conn);
    copy_next(src, dst, &last)?;
    check(
        src,
        dst,
        &last,
        copies as usize * n,
        copies as usize * src_stories,
    )?;
    eprintln!(
        "{} grown to {target} articles in {:.0} s",
        dst.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The grown store read by the real store: counts, an update with nothing to place, and the
/// last copy's newest article found by id, in a story that holds it.
fn check(
    src: &Path,
    dst: &Path,
    last: &Shift,
    articles: usize,
    stories: usize,
) -> Result<(), Error> {
    let newest: String = Connection::open(src)?.query_row(
        "SELECT id FROM articles ORDER BY seq DESC LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let mut store = SqliteStore::open(dst)?;
    let (a, s) = (store.article_count()?, store.story_count()?);
    if (a, s) != (articles, stories) {
        return Err(
            format!("{a} articles and {s} stories, expected {articles} and {stories}").into(),
        );
    }
    let u = store.update_stories(&Config::default())?;
    if u.full || u.articles != 0 {
        return Err(format!(
            "an update of the grown store placed {} articles (full: {})",
            u.articles, u.full
        )
        .into());
    }
    let id = khabar_model::ArticleId(last.article(&newest)?);
    let doc = store
        .article(&id)?
        .ok_or_else(|| format!("article {id} not found"))?;
    let story = store
        .story_of(&id)?
        .ok_or_else(|| format!("article {id} is in no story"))?;
    let held = store
        .story(&story)?
        .is_some_and(|st| st.articles.contains(&id));
    if !held {
        return Err(format!("story {story} does not list article {id}").into());
    }
    eprintln!(
        "checked: {a} articles, {s} stories; update placed 0; {id} ({}) is in story {story}",
        doc.published.map(|p| p.to_string()).unwrap_or_default()
    );
    Ok(())
}
