//! Stories kept current as articles arrive (issue #17).
//!
//! [`crate::SqliteStore::update_stories`] places the articles written since the last update (by this
//! process or any other: it follows the change sequence) into stories, touching only what it
//! must: the stories near the new articles' dates are rebuilt from what the stream recorded of
//! their members (`story_features`, no article is read or weighed again), the new articles are
//! pushed among them in (time, id) order with the one-pass stream's decision, and only the
//! stories that changed are assembled again and written. A new article older than stored ones
//! (a late report, a backfill, an archive loaded out of order) takes its place in that order: the
//! stored members after it whose decision it could change are decided again as the one pass
//! would decide them, so stories it bridges merge and stories it pulls apart split. Ids never
//! change once shown: stories keep theirs (on a merge the older survives and the other
//! redirects; on a split the larger part keeps it), a new story is named after its founding
//! article (never an id shown before).
//!
//! [`crate::SqliteStore::regroup_stories`] is the full run over every stored article (the first
//! update of a store, or `khabar regroup`): the same one-pass grouping as before, keeping shown
//! ids by [`khabar_story::keep_ids`] (merges leave redirects), and it records what later
//! updates need.

use crate::codec;
use crate::db::{Backend, Db, Val};
use crate::error::{Context, StoreError};
use crate::ops::{self, next_seq, write_redirects, write_stories};
use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use khabar_story::{Clusterer, Config, Recorded, Redirects, VocabEntry, Vocabulary};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What a story update did.
#[derive(Debug, Default)]
pub struct StoryUpdate {
    /// The whole store was grouped again (the first update of a store, or a regroup).
    pub full: bool,
    /// Articles placed: written since the last update (every article on a full run).
    pub articles: usize,
    /// The ids of those articles, in change order (store order on a full run).
    pub placed: Vec<ArticleId>,
    /// The change sequence value the stories are now up to (what was read before deciding):
    /// updates committed one after another carry rising values, whichever process ran them.
    pub up_to: i64,
    /// Stored articles whose records were read to rebuild the stories around the new ones.
    pub replayed: usize,
    /// Of those, the ones decided again because a new article older than them arrived (the
    /// rest joined their stored stories with no decision).
    pub redecided: usize,
    /// The stories written, in founding order: every story on a full run, else those that
    /// took or lost an article.
    pub stories: Vec<Story>,
    /// Ids merged into another story (`old → survivor`), also stored as redirects.
    pub redirects: Redirects,
}

/// Tries of an update or a regroup when another one wrote stories while it was deciding.
const ATTEMPTS: usize = 4;

/// Stories read per key for an undated new article (the most a common word can open).
const UNDATED_STORIES_PER_KEY: i64 = 2_000;

const TERM: i64 = 0;
const ENTITY: i64 = 1;

fn meta(db: &mut dyn Db, key: &str) -> Result<Option<f64>, StoreError> {
    let ctx = || format!("reading the story state's {key}");
    match db
        .row("SELECT value FROM story_meta WHERE key = ?1", &[key.into()])
        .ctx(ctx)?
    {
        Some(mut r) => r.real(0).map(Some).ctx(ctx),
        None => Ok(None),
    }
}

fn set_meta(db: &mut dyn Db, key: &str, value: f64) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO story_meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[key.into(), value.into()],
    )
    .map(|_| ())
    .ctx(|| format!("writing the story state's {key}"))
}

/// A record as it is written: its JSON when short, else a zstd frame of it ([`codec::pack`]).
enum PackedRecord {
    Plain(String),
    Frame(Vec<u8>),
}

/// The records serialised and packed, on the threads of the current rayon pool, in order.
fn pack_records(records: &[(ArticleId, Recorded)]) -> Result<Vec<PackedRecord>, StoreError> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|(id, rec)| {
            let json = serde_json::to_string(rec).ctx(|| format!("recording article {id}"))?;
            let frame =
                match codec::pack(&json).ctx(|| format!("packing the record of article {id}"))? {
                    codec::Packed::Plain(_) => None,
                    codec::Packed::Frame(f) => Some(f),
                };
            Ok(frame.map_or(PackedRecord::Plain(json), PackedRecord::Frame))
        })
        .collect()
}

fn write_record(
    db: &mut dyn Db,
    id: &ArticleId,
    rec: &Recorded,
    packed: PackedRecord,
) -> Result<(), StoreError> {
    let plain;
    let json = match packed {
        PackedRecord::Plain(s) => {
            plain = s;
            codec::Packed::Plain(&plain)
        }
        PackedRecord::Frame(f) => codec::Packed::Frame(f),
    };
    db.exec(
        "INSERT INTO story_features (article_id, ts, features) VALUES (?1, ?2, ?3) \
         ON CONFLICT (article_id) DO UPDATE SET ts = excluded.ts, features = excluded.features",
        &[id.as_str().into(), rec.ts().into(), (&json).into()],
    )
    .map(|_| ())
    .ctx(|| format!("recording article {id}"))
}

fn write_vocabulary(db: &mut dyn Db, v: &Vocabulary) -> Result<(), StoreError> {
    for (kind, entries) in [(TERM, &v.terms), (ENTITY, &v.entities)] {
        for e in entries {
            db.exec(
                "INSERT INTO story_vocab (kind, key, id, display, df) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, key) DO UPDATE SET \
                 id = excluded.id, display = excluded.display, df = excluded.df",
                &[
                    kind.into(),
                    e.key.as_str().into(),
                    i64::from(e.id).into(),
                    e.display.as_str().into(),
                    f64::from(e.df).into(),
                ],
            )
            .ctx(|| format!("writing the vocabulary entry {}", e.key))?;
        }
    }
    set_meta(db, "docs", f64::from(v.docs))?;
    set_meta(db, "entity_docs", f64::from(v.entity_docs))?;
    set_meta(db, "next_term", f64::from(v.next_term))?;
    set_meta(db, "next_entity", f64::from(v.next_entity))
}

/// What the next update reads, written with the stories: the new articles' records, the
/// vocabulary, and the change value the grouping read up to (articles written after it are placed
/// by the next update).
fn write_state(
    db: &mut dyn Db,
    records: &[(ArticleId, Recorded)],
    vocab: &Vocabulary,
    seq_read: i64,
) -> Result<(), StoreError> {
    for ((id, rec), packed) in records.iter().zip(pack_records(records)?) {
        write_record(db, id, rec, packed)?;
    }
    write_vocabulary(db, vocab)?;
    set_meta(db, "grouped_seq", seq_read as f64)
}

/// Files each story under the keys of its members (see [`Recorded::index_keys`]). A story
/// rewritten in place ([`ops::rewrite_stories`]) keeps the keys it is filed under: only those it
/// gained are added and those it lost removed, so an update writes pages of this large index
/// for what changed, not for every key of every story it touches.
fn write_story_keys(
    db: &mut dyn Db,
    stories: &[Story],
    keys: &HashMap<ArticleId, Vec<i64>>,
) -> Result<(), StoreError> {
    for s in stories {
        let ctx = || format!("indexing story {}", s.id);
        let mut all: BTreeSet<i64> = BTreeSet::new();
        for a in &s.articles {
            all.extend(keys.get(a).into_iter().flatten().copied());
        }
        let mut stored: BTreeSet<i64> = BTreeSet::new();
        for mut r in db
            .query(
                "SELECT key FROM story_keys WHERE story_id = ?1",
                &[s.id.as_str().into()],
            )
            .ctx(ctx)?
        {
            stored.insert(r.int(0).ctx(ctx)?);
        }
        for k in stored.difference(&all) {
            db.exec(
                "DELETE FROM story_keys WHERE key = ?1 AND story_id = ?2",
                &[(*k).into(), s.id.as_str().into()],
            )
            .ctx(ctx)?;
        }
        for k in all.difference(&stored) {
            db.exec(
                "INSERT INTO story_keys (key, story_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                &[(*k).into(), s.id.as_str().into()],
            )
            .ctx(ctx)?;
        }
    }
    Ok(())
}

/// The stored vocabulary entries of these keys (those it has), with the counters.
fn read_vocabulary(
    db: &mut dyn Db,
    terms: &BTreeSet<String>,
    entities: &BTreeSet<String>,
) -> Result<Vocabulary, StoreError> {
    let mut v = Vocabulary {
        docs: meta(db, "docs")?.unwrap_or(0.0) as f32,
        entity_docs: meta(db, "entity_docs")?.unwrap_or(0.0) as f32,
        next_term: meta(db, "next_term")?.unwrap_or(0.0) as u32,
        next_entity: meta(db, "next_entity")?.unwrap_or(0.0) as u32,
        ..Vocabulary::default()
    };
    for (kind, keys, out) in [
        (TERM, terms, &mut v.terms),
        (ENTITY, entities, &mut v.entities),
    ] {
        for key in keys {
            let ctx = || format!("reading the vocabulary entry {key}");
            let row = db
                .row(
                    "SELECT id, display, df FROM story_vocab WHERE kind = ?1 AND key = ?2",
                    &[kind.into(), key.as_str().into()],
                )
                .ctx(ctx)?;
            if let Some(mut r) = row {
                out.push(VocabEntry {
                    key: key.clone(),
                    id: u32::try_from(r.int(0).ctx(ctx)?).unwrap_or(u32::MAX),
                    display: r.text(1).ctx(ctx)?,
                    df: r.real(2).ctx(ctx)? as f32,
                });
            }
        }
    }
    Ok(v)
}

/// A stored story id or a redirect: shown before, so never given to a new story.
fn shown(db: &mut dyn Db, id: &StoryId) -> bool {
    db.exists(
        "SELECT 1 FROM stories WHERE id = ?1 UNION ALL SELECT 1 FROM story_redirects WHERE old_id = ?1",
        &[id.as_str().into()],
    )
    // When the lookup fails the id counts as taken: a new story then takes a suffixed id.
    .unwrap_or(true)
}

/// Story ids read by `sql` (one text column) into `out`.
fn collect_stories(
    db: &mut dyn Db,
    sql: &str,
    params: &[Val<'_>],
    out: &mut BTreeSet<StoryId>,
    ctx: &dyn Fn() -> String,
) -> Result<(), StoreError> {
    for mut r in db.query(sql, params).ctx(ctx)? {
        out.insert(StoryId(r.text(0).ctx(ctx)?));
    }
    Ok(())
}

/// [`khabar_story::extract`] of every article, on the threads of the current rayon pool (each
/// thread with its own cache of spellings), in order.
fn extract_all(all: &[(Document, Option<Analysis>)]) -> Vec<khabar_story::Extracted> {
    use rayon::prelude::*;
    // in runs of at least 64 articles: a cache serves a run, and a fresh one costs a key per
    // spelling again
    all.par_iter()
        .with_min_len(64)
        .map_init(khabar_story::Lexicon::default, |lexicon, (d, a)| {
            khabar_story::extract(d, a.as_ref(), lexicon)
        })
        .collect()
}

/// (undated last, time, id): the stream's order.
type OrderKey = (bool, i64, ArticleId);

fn order_key(ts: Option<i64>, id: &ArticleId) -> OrderKey {
    (ts.is_none(), ts.unwrap_or(0), id.clone())
}

/// What an update pushes, in the stream's order.
enum Replay {
    /// A stored article into the story it is stored in (no decision taken).
    Recorded(Box<Recorded>, StoryId),
    /// A stored article after a late, older new one: decided again (it was stored in this story).
    Redecided(Box<Recorded>, StoryId),
    /// A new article (index into the update's new articles).
    Fresh(usize),
}

impl Replay {
    /// The story a stored article was in.
    fn stored_in(&self) -> Option<&StoryId> {
        match self {
            Replay::Recorded(_, s) | Replay::Redecided(_, s) => Some(s),
            Replay::Fresh(_) => None,
        }
    }
}

/// Which stored members an update may decide again: those after the earliest new article in the
/// stream's order (the one pass decided them with it already among the stories). A dated one no
/// later than a window after the newest dated new article: every story it could join has a member
/// inside the update's range, so it is open here; a dated member further on is replayed into its
/// stored story. An undated one (the one pass takes undated articles last, by id). Of these, only
/// the ones whose decision could change are decided again ([`Placing`]). In the live stream new
/// articles are the newest, and nothing is.
struct Redecide {
    after: OrderKey,
    until: i64,
}

impl Redecide {
    fn covers(&self, key: &OrderKey) -> bool {
        *key > self.after && (key.0 || key.1 <= self.until)
    }
}

/// The full regroup (`regroup_stories` of either store).
pub(crate) fn regroup_stories(b: &dyn Backend, config: &Config) -> Result<StoryUpdate, StoreError> {
    for _ in 0..ATTEMPTS {
        if let Some(u) = try_regroup(b, config)? {
            return Ok(u);
        }
    }
    Ok(StoryUpdate::default())
}

/// The incremental update (`update_stories` of either store).
pub(crate) fn update_stories(b: &dyn Backend, config: &Config) -> Result<StoryUpdate, StoreError> {
    for _ in 0..ATTEMPTS {
        if let Some(u) = try_update(b, config)? {
            return Ok(u);
        }
    }
    Ok(StoryUpdate::default())
}

/// One regroup: read and group in a read transaction (other writers go on), then write
/// under the write lock unless another update wrote stories meanwhile (None: try again).
fn try_regroup(b: &dyn Backend, config: &Config) -> Result<Option<StoryUpdate>, StoreError> {
    let mut tx = b.snapshot()?;
    let grouped = meta(&mut *tx, "grouped_seq")?;
    let seq_read = ops::seq(&mut *tx)?;
    let all = ops::articles_with_analyses(&mut *tx)?;
    let docs: Vec<&Document> = all.iter().map(|(d, _)| d).collect();
    let analyses: Vec<&Analysis> = all.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let (mut stories, recorded, vocab) =
        khabar_story::cluster_recording_extracted(&docs, &analyses, extract_all(&all), config);
    let (prior, taken) = ops::shown_story_ids(&mut *tx)?;
    let redirects = khabar_story::keep_ids(&mut stories, &docs, &prior, &taken);
    drop(tx);
    let mut tx = b.story_write()?;
    if meta(&mut *tx, "grouped_seq")? != grouped {
        return Ok(None);
    }
    for table in [
        "story_keys",
        "story_articles",
        "stories",
        "story_features",
        "story_vocab",
        "story_meta",
    ] {
        tx.exec(&format!("DELETE FROM {table}"), &[])
            .ctx(|| "clearing the old stories".into())?;
    }
    next_seq(&mut *tx)?;
    write_stories(&mut *tx, &stories)?;
    let keys: HashMap<ArticleId, Vec<i64>> = recorded
        .iter()
        .map(|(id, rec)| (id.clone(), rec.index_keys().collect()))
        .collect();
    write_story_keys(&mut *tx, &stories, &keys)?;
    write_redirects(&mut *tx, &redirects)?;
    write_state(&mut *tx, &recorded, &vocab, seq_read)?;
    tx.commit()
        .ctx(|| format!("committing {} stories", stories.len()))?;
    Ok(Some(StoryUpdate {
        full: true,
        articles: docs.len(),
        placed: docs.iter().map(|d| d.id.clone()).collect(),
        up_to: seq_read,
        replayed: 0,
        redecided: 0,
        stories,
        redirects,
    }))
}

fn try_update(b: &dyn Backend, config: &Config) -> Result<Option<StoryUpdate>, StoreError> {
    let mut tx = b.snapshot()?;
    let Some(grouped) = meta(&mut *tx, "grouped_seq")? else {
        drop(tx);
        return try_regroup(b, config);
    };
    let seq_read = ops::seq(&mut *tx)?;
    let grouped = grouped as i64;
    let ctx = || "finding the articles written since the last story update".to_string();
    let mut fresh_ids: Vec<ArticleId> = Vec::new();
    for mut r in tx
        .query(
            "SELECT id FROM articles WHERE seq > ?1 ORDER BY seq",
            &[grouped.into()],
        )
        .ctx(ctx)?
    {
        fresh_ids.push(ArticleId(r.text(0).ctx(ctx)?));
    }
    if fresh_ids.is_empty() {
        // Nothing to place (another write moved the sequence: an alias, a removal).
        return Ok(Some(StoryUpdate::default()));
    }
    let mut fresh: Vec<(Document, Option<Analysis>)> = Vec::with_capacity(fresh_ids.len());
    for id in &fresh_ids {
        if let Some(doc) = ops::article(&mut *tx, id)? {
            let a = ops::analysis(&mut *tx, id)?;
            fresh.push((doc, a));
        }
    }
    let fresh_set: HashSet<&ArticleId> = fresh.iter().map(|(d, _)| &d.id).collect();
    // The stories the new articles were in before (an article changed since): they lose it.
    let mut before: HashMap<ArticleId, StoryId> = HashMap::new();
    for (d, _) in &fresh {
        if let Some(s) = ops::story_of(&mut *tx, &d.id)? {
            before.insert(d.id.clone(), s);
        }
    }
    // The stories that can take a new article: a member inside the window around its date.
    let window = config.window_days * 86_400;
    let dated: Vec<i64> = fresh
        .iter()
        .filter_map(|(d, _)| d.published.map(|p| p.timestamp()))
        .collect();
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    if let (Some(lo), Some(hi)) = (dated.iter().min(), dated.iter().max()) {
        // and after it: a late, older article (another worker's, a backfill) is compared with
        // the stories placed since within its window too; in the live stream nothing is newer
        ranges.push((lo - window, hi.saturating_add(window)));
    }
    let undated = dated.len() < fresh.len();
    if undated {
        // An undated article is compared with the stories of the store's last window.
        let newest = tx
            .int("SELECT max(ts) FROM story_features", &[])
            .ctx(|| "reading the newest recorded article".into())?;
        if let Some(n) = newest {
            ranges.push((n - window, n));
        }
    }
    // The vocabulary entries of the new articles' words and entities; an undated article's
    // keys also find the stories it is compared with (one pass compares it with every
    // story sharing a term or an entity with it, whatever their dates).
    let mut term_keys = BTreeSet::new();
    let mut entity_keys = BTreeSet::new();
    let mut undated_keys: BTreeSet<(bool, String)> = BTreeSet::new();
    for (d, a) in &fresh {
        let (t, e) = khabar_story::vocabulary_keys(d, a.as_ref());
        if d.published.is_none() {
            undated_keys.extend(t.iter().map(|k| (false, k.clone())));
            undated_keys.extend(e.iter().map(|k| (true, k.clone())));
        }
        term_keys.extend(t);
        entity_keys.extend(e);
    }
    let vocabulary = read_vocabulary(&mut *tx, &term_keys, &entity_keys)?;
    let mut open: BTreeSet<StoryId> = before.values().cloned().collect();
    if !undated_keys.is_empty() {
        let ctx = || "finding the stories an undated article shares words with".to_string();
        let ids = vocabulary
            .terms
            .iter()
            .filter(|e| undated_keys.contains(&(false, e.key.clone())))
            .map(|e| i64::from(e.id))
            .chain(
                vocabulary
                    .entities
                    .iter()
                    .filter(|e| undated_keys.contains(&(true, e.key.clone())))
                    .map(|e| (1i64 << 32) | i64::from(e.id)),
            );
        for key in ids {
            collect_stories(
                &mut *tx,
                "SELECT story_id FROM story_keys WHERE key = ?1 LIMIT ?2",
                &[key.into(), UNDATED_STORIES_PER_KEY.into()],
                &mut open,
                &ctx,
            )?;
        }
    }
    {
        let ctx = || "finding the stories near the new articles".to_string();
        for (lo, hi) in &ranges {
            collect_stories(
                &mut *tx,
                "SELECT DISTINCT sa.story_id FROM story_features f \
                     JOIN story_articles sa ON sa.article_id = f.article_id \
                     WHERE f.ts BETWEEN ?1 AND ?2",
                &[(*lo).into(), (*hi).into()],
                &mut open,
                &ctx,
            )?;
        }
        if undated {
            collect_stories(
                &mut *tx,
                "SELECT DISTINCT sa.story_id FROM story_features f \
                     JOIN story_articles sa ON sa.article_id = f.article_id \
                     WHERE f.ts IS NULL",
                &[],
                &mut open,
                &ctx,
            )?;
        }
    }
    // Every member of those stories, from its record: replayed into its stored story, or decided
    // again when a new article comes before it in the stream's order (see `Redecide`).
    let redecide = fresh
        .iter()
        .map(|(d, _)| order_key(d.published.map(|p| p.timestamp()), &d.id))
        .min()
        .map(|after| Redecide {
            after,
            until: dated
                .iter()
                .max()
                .map_or(i64::MIN, |hi| hi.saturating_add(window)),
        });
    let mut replay: BTreeMap<OrderKey, Replay> = BTreeMap::new();
    let mut recorded_keys: HashMap<ArticleId, Vec<i64>> = HashMap::new();
    {
        let ctx = || "reading the records of the open stories".to_string();
        for story in &open {
            let rows = tx
                .query(
                    "SELECT sa.article_id, f.features FROM story_articles sa \
                         JOIN story_features f ON f.article_id = sa.article_id \
                         WHERE sa.story_id = ?1",
                    &[story.as_str().into()],
                )
                .ctx(ctx)?;
            for mut r in rows {
                let id = ArticleId(r.text(0).ctx(ctx)?);
                let json = r.packed(1).ctx(ctx)?;
                if fresh_set.contains(&id) {
                    continue;
                }
                let rec: Recorded = serde_json::from_str(&json)
                    .ctx(|| format!("reading the record of article {id}"))?;
                recorded_keys.insert(id.clone(), rec.index_keys().collect());
                let key = order_key(rec.ts(), &id);
                let rec = Box::new(rec);
                let item = if redecide.as_ref().is_some_and(|r| r.covers(&key)) {
                    Replay::Redecided(rec, story.clone())
                } else {
                    Replay::Recorded(rec, story.clone())
                };
                replay.insert(key, item);
            }
        }
    }
    let replayed = replay.len();
    // How many members each stored story has here: a story that comes out with exactly these
    // members is unchanged and not written again.
    let mut stored_size: HashMap<StoryId, usize> = HashMap::new();
    for r in replay.values() {
        if let Some(s) = r.stored_in() {
            *stored_size.entry(s.clone()).or_insert(0) += 1;
        }
    }
    let mut clusterer = Clusterer::new(*config);
    clusterer.seed_vocabulary(vocabulary);
    // Stored and new articles together in the stream's order, as the one pass pushes them.
    for (i, (d, _)) in fresh.iter().enumerate() {
        replay.insert(
            order_key(d.published.map(|p| p.timestamp()), &d.id),
            Replay::Fresh(i),
        );
    }
    let mut prior: HashMap<ArticleId, StoryId> = before.clone();
    let mut records: Vec<(ArticleId, Recorded)> = Vec::with_capacity(fresh.len());
    let mut published: HashMap<ArticleId, Option<i64>> = HashMap::new();
    let lost: HashSet<&StoryId> = before.values().collect();
    let mut placing = Placing::default();
    for ((_, ts, id), r) in &replay {
        let ts = (!replay_undated(r, &fresh)).then_some(*ts);
        published.insert(id.clone(), ts);
        match r {
            Replay::Recorded(rec, story) | Replay::Redecided(rec, story) => {
                prior.insert(id.clone(), story.clone());
                let again = matches!(r, Replay::Redecided(..))
                    && placing.unsettled(&mut clusterer, rec, story);
                placing.push_stored(&mut clusterer, id, rec, story, again);
                if lost.contains(story) {
                    // It lost a changed article: every article after it sees another story.
                    placing.touch(&clusterer, id);
                }
            }
            Replay::Fresh(i) => {
                let (d, a) = &fresh[*i];
                let (_, rec) = clusterer.push_recording(d, a.as_ref());
                placing.touch(&clusterer, &d.id);
                recorded_keys.insert(d.id.clone(), rec.index_keys().collect());
                records.push((d.id.clone(), rec));
            }
        }
    }
    let redecided = placing.redecided;
    let missing = clusterer.missing_display();
    if !missing.is_empty() {
        let ctx = || "reading term display forms".to_string();
        let mut found = Vec::with_capacity(missing.len());
        for id in missing {
            if let Some(d) = tx
                .text(
                    "SELECT display FROM story_vocab WHERE kind = 0 AND id = ?1",
                    &[i64::from(id).into()],
                )
                .ctx(ctx)?
            {
                found.push((id, d));
            }
        }
        clusterer.add_display(found);
    }
    let vocab = clusterer.vocabulary_state();
    let groups: Vec<khabar_story::Group> = clusterer
        .finish()
        .into_iter()
        .filter(|g| {
            // Unchanged: stored members only, all of one stored story that lost none of them.
            let story = g.articles.first().and_then(|a| prior.get(a));
            let same = story.is_some_and(|s| {
                !lost.contains(s)
                    && stored_size.get(s) == Some(&g.articles.len())
                    && g.articles
                        .iter()
                        .all(|a| !fresh_set.contains(a) && prior.get(a) == Some(s))
            });
            !same
        })
        .collect();
    // Assemble the stories that changed, from their members.
    let fresh_by_id: HashMap<&ArticleId, usize> = fresh
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (&d.id, i))
        .collect();
    let mut stories = Vec::with_capacity(groups.len());
    for g in &groups {
        let mut loaded: Vec<(Document, Option<Analysis>)> = Vec::new();
        for a in &g.articles {
            if !fresh_by_id.contains_key(a) {
                if let Some(d) = ops::article(&mut *tx, a)? {
                    let an = ops::analysis(&mut *tx, a)?;
                    loaded.push((d, an));
                }
            }
        }
        let mut stored = loaded.iter();
        let mut members: Vec<(&Document, Option<&Analysis>)> = Vec::new();
        for a in &g.articles {
            match fresh_by_id.get(a) {
                Some(&i) => members.push((&fresh[i].0, fresh[i].1.as_ref())),
                None => {
                    if let Some((d, an)) = stored.next() {
                        members.push((d, an.as_ref()));
                    }
                }
            }
        }
        stories.push(khabar_story::assemble(g, &members));
    }
    // Ids: kept by the stored rules; a new story never takes an id shown before.
    let published_ref: HashMap<&ArticleId, Option<i64>> =
        published.iter().map(|(k, v)| (k, *v)).collect();
    // A changed article's old story holds it only when no stored member is left in it (an
    // article alone in its story keeps the id with it); otherwise the old story keeps its id
    // with its other members.
    let replayed_stories: HashSet<&StoryId> =
        replay.values().filter_map(Replay::stored_in).collect();
    let prior_here: HashMap<ArticleId, StoryId> = stories
        .iter()
        .flat_map(|s| s.articles.iter())
        .filter_map(|a| {
            let p = prior.get(a)?;
            let moved = fresh_set.contains(a) && replayed_stories.contains(p);
            (!moved).then(|| (a.clone(), p.clone()))
        })
        .collect();
    let redirects =
        khabar_story::keep_ids_with(&mut stories, &published_ref, &prior_here, &mut |id| {
            shown(&mut *tx, id)
        });
    // Write, under the write lock: the touched stories replace the stories they held
    // before, unless another update wrote stories since the read.
    drop(tx);
    let mut tx = b.story_write()?;
    if meta(&mut *tx, "grouped_seq")? != Some(grouped as f64) {
        return Ok(None);
    }
    let mut gone: BTreeSet<StoryId> = lost.iter().map(|s| (*s).clone()).collect();
    gone.extend(prior_here.values().cloned());
    {
        // A story written again under its id is rewritten in place by rewrite_stories (its keys
        // stay); only the ids that name no story any more are removed.
        let ctx = || "removing the stories being rewritten".to_string();
        for id in &gone {
            if !stories.iter().any(|s| &s.id == id) {
                tx.exec("DELETE FROM stories WHERE id = ?1", &[id.as_str().into()])
                    .ctx(ctx)?;
            }
        }
    }
    next_seq(&mut *tx)?;
    let in_place: HashSet<&StoryId> = stories
        .iter()
        .map(|s| &s.id)
        .filter(|id| gone.contains(*id))
        .collect();
    ops::rewrite_stories(&mut *tx, &stories, &in_place)?;
    write_story_keys(&mut *tx, &stories, &recorded_keys)?;
    // A story left with no article (its only article moved) redirects to where it went.
    let mut redirects = redirects;
    let kept: HashSet<&StoryId> = stories.iter().map(|s| &s.id).collect();
    let redirected: HashSet<StoryId> = redirects.iter().map(|(o, _)| o.clone()).collect();
    for (article, old) in &before {
        if kept.contains(old) || redirected.contains(old) {
            continue;
        }
        if let Some(now) = stories.iter().find(|s| s.articles.contains(article)) {
            redirects.push((old.clone(), now.id.clone()));
        }
    }
    redirects.sort();
    redirects.dedup_by(|a, b| a.0 == b.0);
    write_redirects(&mut *tx, &redirects)?;
    write_state(&mut *tx, &records, &vocab, seq_read)?;
    tx.commit()
        .ctx(|| format!("committing {} updated stories", stories.len()))?;
    Ok(Some(StoryUpdate {
        full: false,
        articles: fresh.len(),
        placed: fresh.iter().map(|(d, _)| d.id.clone()).collect(),
        up_to: seq_read,
        replayed,
        redecided,
        stories,
        redirects,
    }))
}

/// What an update's replay keeps track of to decide a stored article again only when its
/// decision could change: the stories that differ from the stored grouping so far (a new article
/// joined or founded them, a stored one left or came), named by their first article here.
#[derive(Default)]
struct Placing {
    /// Stories (by their first article) that differ from the stored grouping.
    touched: HashSet<ArticleId>,
    /// Stored stories whose members no longer all went where the stored grouping put them.
    moved: HashSet<StoryId>,
    /// The first member pushed of each stored story (the others follow it).
    home: HashMap<StoryId, ArticleId>,
    /// Stored articles decided again.
    redecided: usize,
}

impl Placing {
    fn touch(&mut self, c: &Clusterer, article: &ArticleId) {
        if let Some(a) = c.anchor_of(article) {
            self.touched.insert(a.clone());
        }
    }

    /// Whether a stored article's decision could differ from the stored one: its stored story
    /// was split or left, or a story it would be weighed against changed.
    fn unsettled(&self, c: &mut Clusterer, rec: &Recorded, story: &StoryId) -> bool {
        self.moved.contains(story) || c.rivals(rec).iter().any(|a| self.touched.contains(a))
    }

    /// Pushes a stored article: decided again (`again`), or into the story that holds the
    /// members of its stored story pushed before it (opened under the stored id for the first).
    fn push_stored(
        &mut self,
        c: &mut Clusterer,
        id: &ArticleId,
        rec: &Recorded,
        story: &StoryId,
        again: bool,
    ) {
        let home = self.home.get(story).cloned();
        if again {
            self.redecided += 1;
            let open = c.open_stories();
            c.push_redecided(id, rec);
            let now = c.anchor_of(id).cloned();
            let stayed = match &home {
                Some(w) => c.anchor_of(w).cloned() == now,
                // The first member of its stored story: the stored grouping founded it.
                None => c.open_stories() > open,
            };
            if !stayed {
                self.moved.insert(story.clone());
                self.touched.extend(now);
                if let Some(w) = &home {
                    self.touch(c, w);
                }
            }
        } else if !home
            .as_ref()
            .is_some_and(|w| c.push_recorded_beside(id, rec, w))
        {
            c.push_recorded(id, rec, story);
        }
        if home.is_none() {
            self.home.insert(story.clone(), id.clone());
        }
    }
}

fn replay_undated(r: &Replay, fresh: &[(Document, Option<Analysis>)]) -> bool {
    match r {
        Replay::Recorded(rec, _) | Replay::Redecided(rec, _) => rec.ts().is_none(),
        Replay::Fresh(i) => fresh.get(*i).is_none_or(|(d, _)| d.published.is_none()),
    }
}
