//! Stories kept current as articles arrive (issue #17).
//!
//! [`SqliteStore::update_stories`] places the articles written since the last update (by this
//! process or any other: it follows the change sequence) into stories, touching only what it
//! must: the stories near the new articles' dates are rebuilt from what the stream recorded of
//! their members (`story_features`, no article is read or weighed again), the new articles are
//! pushed among them in (time, id) order with the one-pass stream's decision, and only the
//! stories that changed are assembled again and written. Ids never change once shown: stories
//! keep theirs, a new story is named after its founding article (never an id shown before).
//!
//! [`SqliteStore::regroup_stories`] is the full run over every stored article (the first
//! update of a store, or `khabar regroup`): the same one-pass grouping as before, keeping shown
//! ids by [`khabar_story::keep_ids`] (merges leave redirects), and it records what later
//! updates need.

use crate::error::{Context, StoreError};
use crate::sqlite::{next_seq, write_redirects, write_stories};
use crate::{SqliteStore, Store};
use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use khabar_story::{Clusterer, Config, Recorded, Redirects, VocabEntry, Vocabulary};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What a story update did.
#[derive(Debug, Default)]
pub struct StoryUpdate {
    /// The whole store was grouped again (the first update of a store, or a regroup).
    pub full: bool,
    /// Articles placed: written since the last update (every article on a full run).
    pub articles: usize,
    /// Stored articles whose records were read to rebuild the stories around the new ones.
    pub replayed: usize,
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

fn meta(tx: &Transaction<'_>, key: &str) -> Result<Option<f64>, StoreError> {
    tx.prepare_cached("SELECT value FROM story_meta WHERE key = ?1")
        .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
        .ctx(|| format!("reading the story state's {key}"))
}

fn set_meta(tx: &Transaction<'_>, key: &str, value: f64) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR REPLACE INTO story_meta (key, value) VALUES (?1, ?2)")
        .and_then(|mut s| s.execute(params![key, value]))
        .map(|_| ())
        .ctx(|| format!("writing the story state's {key}"))
}

fn store_seq(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    tx.prepare_cached("SELECT value FROM store_seq WHERE id = 1")
        .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
        .map(|v| v.unwrap_or(0))
        .ctx(|| "reading the change sequence".into())
}

fn write_record(tx: &Transaction<'_>, id: &ArticleId, rec: &Recorded) -> Result<(), StoreError> {
    let json = serde_json::to_string(rec).ctx(|| format!("recording article {id}"))?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO story_features (article_id, ts, features) VALUES (?1, ?2, ?3)",
    )
    .and_then(|mut s| s.execute(params![id.as_str(), rec.ts(), json]))
    .map(|_| ())
    .ctx(|| format!("recording article {id}"))
}

fn write_vocabulary(tx: &Transaction<'_>, v: &Vocabulary) -> Result<(), StoreError> {
    for (kind, entries) in [(TERM, &v.terms), (ENTITY, &v.entities)] {
        for e in entries {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO story_vocab (kind, key, id, display, df) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| s.execute(params![kind, e.key, e.id, e.display, f64::from(e.df)]))
            .ctx(|| format!("writing the vocabulary entry {}", e.key))?;
        }
    }
    set_meta(tx, "docs", f64::from(v.docs))?;
    set_meta(tx, "entity_docs", f64::from(v.entity_docs))?;
    set_meta(tx, "next_term", f64::from(v.next_term))?;
    set_meta(tx, "next_entity", f64::from(v.next_entity))
}

/// Files each story under the keys of its members (see [`Recorded::index_keys`]).
fn write_story_keys(
    tx: &Transaction<'_>,
    stories: &[Story],
    keys: &HashMap<ArticleId, Vec<i64>>,
) -> Result<(), StoreError> {
    let mut stmt = tx
        .prepare_cached("INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?1, ?2)")
        .ctx(|| "indexing stories".into())?;
    for s in stories {
        let mut all: BTreeSet<i64> = BTreeSet::new();
        for a in &s.articles {
            all.extend(keys.get(a).into_iter().flatten().copied());
        }
        for k in all {
            stmt.execute(params![k, s.id.as_str()])
                .ctx(|| format!("indexing story {}", s.id))?;
        }
    }
    Ok(())
}

/// The stored vocabulary entries of these keys (those it has), with the counters.
fn read_vocabulary(
    tx: &Transaction<'_>,
    terms: &BTreeSet<String>,
    entities: &BTreeSet<String>,
) -> Result<Vocabulary, StoreError> {
    let mut v = Vocabulary {
        docs: meta(tx, "docs")?.unwrap_or(0.0) as f32,
        entity_docs: meta(tx, "entity_docs")?.unwrap_or(0.0) as f32,
        next_term: meta(tx, "next_term")?.unwrap_or(0.0) as u32,
        next_entity: meta(tx, "next_entity")?.unwrap_or(0.0) as u32,
        ..Vocabulary::default()
    };
    let mut stmt = tx
        .prepare_cached("SELECT id, display, df FROM story_vocab WHERE kind = ?1 AND key = ?2")
        .ctx(|| "reading the vocabulary".into())?;
    for (kind, keys, out) in [
        (TERM, terms, &mut v.terms),
        (ENTITY, entities, &mut v.entities),
    ] {
        for key in keys {
            let row: Option<(u32, String, f64)> = stmt
                .query_row(params![kind, key], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .ctx(|| format!("reading the vocabulary entry {key}"))?;
            if let Some((id, display, df)) = row {
                out.push(VocabEntry {
                    key: key.clone(),
                    id,
                    display,
                    df: df as f32,
                });
            }
        }
    }
    Ok(v)
}

/// A stored story id or a redirect: shown before, so never given to a new story.
fn shown(tx: &Transaction<'_>, id: &StoryId) -> bool {
    tx.prepare_cached(
        "SELECT 1 FROM stories WHERE id = ?1 UNION ALL SELECT 1 FROM story_redirects WHERE old_id = ?1",
    )
    .and_then(|mut s| s.exists([id.as_str()]))
    // When the lookup fails the id counts as taken: a new story then takes a suffixed id.
    .unwrap_or(true)
}

/// (undated last, time, id): the stream's order.
type OrderKey = (bool, i64, ArticleId);

fn order_key(ts: Option<i64>, id: &ArticleId) -> OrderKey {
    (ts.is_none(), ts.unwrap_or(0), id.clone())
}

/// What an update pushes: a stored article into its story, or a new one.
enum Replay {
    Recorded(Box<Recorded>, StoryId),
    Fresh(usize),
}

impl SqliteStore {
    /// Group every stored article into stories again (one pass in (time, id) order), keeping
    /// the ids shown before (merged ids become redirects), and record what later
    /// [`SqliteStore::update_stories`] calls need. Reads the whole store: for the first
    /// grouping of a store and for `khabar regroup`.
    pub fn regroup_stories(&mut self, config: &Config) -> Result<StoryUpdate, StoreError> {
        for _ in 0..ATTEMPTS {
            if let Some(u) = self.try_regroup(config)? {
                return Ok(u);
            }
        }
        Ok(StoryUpdate::default())
    }

    /// One regroup: read and group in a read transaction (other writers go on), then write
    /// under the write lock unless another update wrote stories meanwhile (None: try again).
    fn try_regroup(&mut self, config: &Config) -> Result<Option<StoryUpdate>, StoreError> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Deferred)
            .ctx(|| "starting a regroup transaction".into())?;
        let grouped = meta(&tx, "grouped_seq")?;
        let seq_read = store_seq(&tx)?;
        let all = self.articles_with_analyses()?;
        let docs: Vec<&Document> = all.iter().map(|(d, _)| d).collect();
        let analyses: Vec<&Analysis> = all.iter().filter_map(|(_, a)| a.as_ref()).collect();
        let (mut stories, recorded, vocab) =
            khabar_story::cluster_recording(&docs, &analyses, config);
        let (prior, taken) = self.shown_story_ids()?;
        let redirects = khabar_story::keep_ids(&mut stories, &docs, &prior, &taken);
        drop(tx);
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .ctx(|| "starting a regroup transaction".into())?;
        if meta(&tx, "grouped_seq")? != grouped {
            return Ok(None);
        }
        tx.execute_batch(
            "DELETE FROM story_keys; DELETE FROM story_articles; DELETE FROM stories; \
             DELETE FROM story_features; DELETE FROM story_vocab; DELETE FROM story_meta;",
        )
        .ctx(|| "clearing the old stories".into())?;
        next_seq(&tx)?;
        write_stories(&tx, &stories)?;
        let keys: HashMap<ArticleId, Vec<i64>> = recorded
            .iter()
            .map(|(id, rec)| (id.clone(), rec.index_keys().collect()))
            .collect();
        write_story_keys(&tx, &stories, &keys)?;
        write_redirects(&tx, &redirects)?;
        for (id, rec) in &recorded {
            write_record(&tx, id, rec)?;
        }
        write_vocabulary(&tx, &vocab)?;
        // Articles written after the read are placed by the next update.
        set_meta(&tx, "grouped_seq", seq_read as f64)?;
        tx.commit()
            .ctx(|| format!("committing {} stories", stories.len()))?;
        Ok(Some(StoryUpdate {
            full: true,
            articles: docs.len(),
            replayed: 0,
            stories,
            redirects,
        }))
    }

    /// Place the articles written since the last update (by any process) into stories,
    /// touching only the stories near them in time; see the module documentation. The first
    /// update of a store (nothing recorded yet) is a full [`SqliteStore::regroup_stories`].
    /// Reads and decides in a read transaction (other writers go on meanwhile), then writes
    /// under the write lock, unless another update wrote stories in between: then it starts
    /// again (a few times; after that the articles wait for the next update).
    pub fn update_stories(&mut self, config: &Config) -> Result<StoryUpdate, StoreError> {
        for _ in 0..ATTEMPTS {
            if let Some(u) = self.try_update(config)? {
                return Ok(u);
            }
        }
        Ok(StoryUpdate::default())
    }

    fn try_update(&mut self, config: &Config) -> Result<Option<StoryUpdate>, StoreError> {
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Deferred)
            .ctx(|| "starting a story transaction".into())?;
        let Some(grouped) = meta(&tx, "grouped_seq")? else {
            drop(tx);
            return self.try_regroup(config);
        };
        let seq_read = store_seq(&tx)?;
        let grouped = grouped as i64;
        let ctx = || "finding the articles written since the last story update".to_string();
        let fresh_ids: Vec<ArticleId> = {
            let mut stmt = tx
                .prepare_cached("SELECT id FROM articles WHERE seq > ?1 ORDER BY seq")
                .ctx(ctx)?;
            let rows = stmt.query_map([grouped], |r| r.get(0)).ctx(ctx)?;
            rows.map(|r| r.map(ArticleId))
                .collect::<Result<_, _>>()
                .ctx(ctx)?
        };
        if fresh_ids.is_empty() {
            // Nothing to place (another write moved the sequence: an alias, a removal).
            return Ok(Some(StoryUpdate::default()));
        }
        let mut fresh: Vec<(Document, Option<Analysis>)> = Vec::with_capacity(fresh_ids.len());
        for id in &fresh_ids {
            if let Some(doc) = self.article(id)? {
                let a = self.analysis(id)?;
                fresh.push((doc, a));
            }
        }
        let fresh_set: HashSet<&ArticleId> = fresh.iter().map(|(d, _)| &d.id).collect();
        // The stories the new articles were in before (an article changed since): they lose it.
        let mut before: HashMap<ArticleId, StoryId> = HashMap::new();
        for (d, _) in &fresh {
            if let Some(s) = self.story_of(&d.id)? {
                before.insert(d.id.clone(), s);
            }
        }
        // The stories that can take a new article: a member inside the window before its date.
        let window = config.window_days * 86_400;
        let dated: Vec<i64> = fresh
            .iter()
            .filter_map(|(d, _)| d.published.map(|p| p.timestamp()))
            .collect();
        let mut ranges: Vec<(i64, i64)> = Vec::new();
        if let (Some(lo), Some(hi)) = (dated.iter().min(), dated.iter().max()) {
            ranges.push((lo - window, *hi));
        }
        let undated = dated.len() < fresh.len();
        if undated {
            // An undated article is compared with the stories of the store's last window.
            let newest: Option<i64> = tx
                .query_row("SELECT max(ts) FROM story_features", [], |r| r.get(0))
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
        let vocabulary = read_vocabulary(&tx, &term_keys, &entity_keys)?;
        let mut open: BTreeSet<StoryId> = before.values().cloned().collect();
        if !undated_keys.is_empty() {
            let ctx = || "finding the stories an undated article shares words with".to_string();
            let mut stmt = tx
                .prepare_cached("SELECT story_id FROM story_keys WHERE key = ?1 LIMIT ?2")
                .ctx(ctx)?;
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
                let rows = stmt
                    .query_map(params![key, UNDATED_STORIES_PER_KEY], |r| r.get(0))
                    .ctx(ctx)?;
                for r in rows {
                    open.insert(StoryId(r.ctx(ctx)?));
                }
            }
        }
        {
            let ctx = || "finding the stories near the new articles".to_string();
            let mut stmt = tx
                .prepare_cached(
                    "SELECT DISTINCT sa.story_id FROM story_features f \
                     JOIN story_articles sa ON sa.article_id = f.article_id \
                     WHERE f.ts BETWEEN ?1 AND ?2",
                )
                .ctx(ctx)?;
            for (lo, hi) in &ranges {
                let rows = stmt.query_map([lo, hi], |r| r.get(0)).ctx(ctx)?;
                for r in rows {
                    open.insert(StoryId(r.ctx(ctx)?));
                }
            }
            if undated {
                let mut stmt = tx
                    .prepare_cached(
                        "SELECT DISTINCT sa.story_id FROM story_features f \
                         JOIN story_articles sa ON sa.article_id = f.article_id \
                         WHERE f.ts IS NULL",
                    )
                    .ctx(ctx)?;
                let rows = stmt.query_map([], |r| r.get(0)).ctx(ctx)?;
                for r in rows {
                    open.insert(StoryId(r.ctx(ctx)?));
                }
            }
        }
        // Every member of those stories, from its record.
        let mut replay: BTreeMap<OrderKey, Replay> = BTreeMap::new();
        let mut recorded_keys: HashMap<ArticleId, Vec<i64>> = HashMap::new();
        {
            let ctx = || "reading the records of the open stories".to_string();
            let mut stmt = tx
                .prepare_cached(
                    "SELECT sa.article_id, f.features FROM story_articles sa \
                     JOIN story_features f ON f.article_id = sa.article_id \
                     WHERE sa.story_id = ?1",
                )
                .ctx(ctx)?;
            for story in &open {
                let rows = stmt
                    .query_map([story.as_str()], |r| {
                        Ok((ArticleId(r.get(0)?), r.get::<_, String>(1)?))
                    })
                    .ctx(ctx)?;
                for r in rows {
                    let (id, json) = r.ctx(ctx)?;
                    if fresh_set.contains(&id) {
                        continue;
                    }
                    let rec: Recorded = serde_json::from_str(&json)
                        .ctx(|| format!("reading the record of article {id}"))?;
                    recorded_keys.insert(id.clone(), rec.index_keys().collect());
                    replay.insert(
                        order_key(rec.ts(), &id),
                        Replay::Recorded(Box::new(rec), story.clone()),
                    );
                }
            }
        }
        let replayed = replay.len();
        let mut clusterer = Clusterer::new(*config);
        clusterer.seed_vocabulary(vocabulary);
        // The stored members first, so that the open stories are whole (an article older than
        // some members of its story, arriving late, still sees them), then the new articles
        // in the stream's order.
        let mut fresh_order: Vec<(OrderKey, usize)> = fresh
            .iter()
            .enumerate()
            .map(|(i, (d, _))| (order_key(d.published.map(|p| p.timestamp()), &d.id), i))
            .collect();
        fresh_order.sort();
        let replay: Vec<(OrderKey, Replay)> = replay
            .into_iter()
            .chain(fresh_order.into_iter().map(|(k, i)| (k, Replay::Fresh(i))))
            .collect();
        let mut prior: HashMap<ArticleId, StoryId> = before.clone();
        let mut records: Vec<(ArticleId, Recorded)> = Vec::with_capacity(fresh.len());
        let mut published: HashMap<ArticleId, Option<i64>> = HashMap::new();
        for ((_, ts, id), r) in &replay {
            let ts = (!replay_undated(r, &fresh)).then_some(*ts);
            published.insert(id.clone(), ts);
            match r {
                Replay::Recorded(rec, story) => {
                    clusterer.push_recorded(id, rec, story);
                    prior.insert(id.clone(), story.clone());
                }
                Replay::Fresh(i) => {
                    let (d, a) = &fresh[*i];
                    let (_, rec) = clusterer.push_recording(d, a.as_ref());
                    recorded_keys.insert(d.id.clone(), rec.index_keys().collect());
                    records.push((d.id.clone(), rec));
                }
            }
        }
        let missing = clusterer.missing_display();
        if !missing.is_empty() {
            let ctx = || "reading term display forms".to_string();
            let mut stmt = tx
                .prepare_cached("SELECT display FROM story_vocab WHERE kind = 0 AND id = ?1")
                .ctx(ctx)?;
            let mut found = Vec::with_capacity(missing.len());
            for id in missing {
                if let Some(d) = stmt
                    .query_row([id], |r| r.get::<_, String>(0))
                    .optional()
                    .ctx(ctx)?
                {
                    found.push((id, d));
                }
            }
            clusterer.add_display(found);
        }
        let vocab = clusterer.vocabulary_state();
        let lost: HashSet<&StoryId> = before.values().collect();
        let groups: Vec<khabar_story::Group> = clusterer
            .finish()
            .into_iter()
            .filter(|g| {
                g.articles.iter().any(|a| fresh_set.contains(a)) || (g.kept && lost.contains(&g.id))
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
                    if let Some(d) = self.article(a)? {
                        let an = self.analysis(a)?;
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
        let replayed_stories: HashSet<&StoryId> = replay
            .iter()
            .filter_map(|(_, r)| match r {
                Replay::Recorded(_, s) => Some(s),
                Replay::Fresh(_) => None,
            })
            .collect();
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
                shown(&tx, id)
            });
        // Write, under the write lock: the touched stories replace the stories they held
        // before, unless another update wrote stories since the read.
        drop(tx);
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .ctx(|| "starting a story transaction".into())?;
        if meta(&tx, "grouped_seq")? != Some(grouped as f64) {
            return Ok(None);
        }
        let mut gone: BTreeSet<StoryId> = lost.iter().map(|s| (*s).clone()).collect();
        gone.extend(prior_here.values().cloned());
        {
            let ctx = || "removing the stories being rewritten".to_string();
            let mut stmt = tx
                .prepare_cached("DELETE FROM stories WHERE id = ?1")
                .ctx(ctx)?;
            for id in &gone {
                stmt.execute([id.as_str()]).ctx(ctx)?;
            }
        }
        next_seq(&tx)?;
        write_stories(&tx, &stories)?;
        write_story_keys(&tx, &stories, &recorded_keys)?;
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
        write_redirects(&tx, &redirects)?;
        for (id, rec) in &records {
            write_record(&tx, id, rec)?;
        }
        write_vocabulary(&tx, &vocab)?;
        // Articles written after the read are placed by the next update.
        set_meta(&tx, "grouped_seq", seq_read as f64)?;
        tx.commit()
            .ctx(|| format!("committing {} updated stories", stories.len()))?;
        Ok(Some(StoryUpdate {
            full: false,
            articles: fresh.len(),
            replayed,
            stories,
            redirects,
        }))
    }
}

fn replay_undated(r: &Replay, fresh: &[(Document, Option<Analysis>)]) -> bool {
    match r {
        Replay::Recorded(rec, _) => rec.ts().is_none(),
        Replay::Fresh(i) => fresh.get(*i).is_none_or(|(d, _)| d.published.is_none()),
    }
}
