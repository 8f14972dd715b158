//! The store's logic, once for both backends: de-duplication, aliases, the change sequence,
//! stories and redirects, the reads. Each function runs on a [`Db`] (a connection or a
//! transaction) or opens what it needs from a [`Backend`].

use crate::codec;
use crate::db::{Backend, Db, Row, Val};
use crate::error::{Context, StoreError};
use crate::{PutOutcome, PutStatus};
use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::time::{SystemTime, UNIX_EPOCH};

pub(crate) fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn count(n: Option<i64>) -> usize {
    usize::try_from(n.unwrap_or(0)).unwrap_or(0)
}

/// A stored article: its JSON (`doc`, with an empty text) and its `text` column.
pub(crate) fn parse_doc(json: &str, text: String) -> Result<Document, StoreError> {
    let mut doc: Document = serde_json::from_str(json).ctx(|| "reading a stored article".into())?;
    doc.text = text;
    Ok(doc)
}

pub(crate) fn parse_story(json: &str) -> Result<Story, StoreError> {
    serde_json::from_str(json).ctx(|| "reading a stored story".into())
}

fn parse_analysis(json: Option<&str>, id: &str) -> Result<Option<Analysis>, StoreError> {
    json.map(|j| serde_json::from_str(j).ctx(|| format!("reading the analysis of {id}")))
        .transpose()
}

/// A row of `doc, text, analysis` (the analysis may be NULL).
fn doc_row(
    mut row: Row,
    ctx: &dyn Fn() -> String,
) -> Result<(Document, Option<Analysis>), StoreError> {
    let json = row.text(0).ctx(ctx)?;
    let text = row.packed(1).ctx(ctx)?;
    let analysis = row.opt_packed(2).ctx(ctx)?;
    let doc = parse_doc(&json, text)?;
    let analysis = parse_analysis(analysis.as_deref(), doc.id.as_str())?;
    Ok((doc, analysis))
}

// ---------------------------------------------------------------------------------------------
// writes

/// Bumps the store's change counter and returns the new value (the caller holds the write lock).
pub(crate) fn next_seq(db: &mut dyn Db) -> Result<i64, StoreError> {
    db.int(
        "UPDATE store_seq SET value = value + 1 WHERE id = 1 RETURNING value",
        &[],
    )
    .ctx(|| "advancing the change sequence".into())?
    .ok_or_else(|| StoreError::Value {
        context: "advancing the change sequence".into(),
        detail: "the counter row is missing".into(),
    })
}

/// Records merged-away story ids inside a transaction: earlier redirects to an id that is now
/// merged away are pointed at its survivor, so a lookup takes one step.
pub(crate) fn write_redirects(
    db: &mut dyn Db,
    redirects: &[(StoryId, StoryId)],
) -> Result<(), StoreError> {
    for (old, new) in redirects {
        db.exec(
            "UPDATE story_redirects SET new_id = ?2 WHERE new_id = ?1",
            &[old.as_str().into(), new.as_str().into()],
        )
        .ctx(|| format!("re-pointing redirects to {old}"))?;
        db.exec(
            "INSERT INTO story_redirects (old_id, new_id) VALUES (?1, ?2) \
             ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id",
            &[old.as_str().into(), new.as_str().into()],
        )
        .ctx(|| format!("redirecting {old} to {new}"))?;
        // An id that names a story again is no longer a redirect.
        db.exec(
            "DELETE FROM story_redirects WHERE old_id = ?1",
            &[new.as_str().into()],
        )
        .ctx(|| format!("clearing the redirect of {new}"))?;
    }
    Ok(())
}

/// Writes stories and their membership rows inside a transaction (the caller removed what
/// they replace).
pub(crate) fn write_stories(db: &mut dyn Db, stories: &[Story]) -> Result<(), StoreError> {
    rewrite_stories(db, stories, &HashSet::new())
}

/// [`write_stories`], where the stories named in `in_place` are stored already and are
/// rewritten in place: their row updated, their membership rows changed only where they differ.
/// Deleting a story row would take its keys (`story_keys`, ON DELETE CASCADE) with it, and
/// writing them all again touches a page of that large index per key, so an update's writes
/// would grow with the store (issue #17).
pub(crate) fn rewrite_stories(
    db: &mut dyn Db,
    stories: &[Story],
    in_place: &HashSet<&StoryId>,
) -> Result<(), StoreError> {
    for story in stories {
        let json =
            serde_json::to_string(story).ctx(|| format!("serialising story {}", story.id))?;
        let json = codec::pack(&json).ctx(|| format!("packing story {}", story.id))?;
        let ctx = || format!("writing story {}", story.id);
        let row = [
            story.id.as_str().into(),
            story.title.as_str().into(),
            story.first_published.map(|p| p.timestamp()).into(),
            story.last_published.map(|p| p.timestamp()).into(),
            (&json).into(),
        ];
        let updated = in_place.contains(&story.id)
            && db
                .exec(
                    "UPDATE stories SET title = ?2, first_ts = ?3, last_ts = ?4, story = ?5 \
                     WHERE id = ?1",
                    &row,
                )
                .ctx(ctx)?
                > 0;
        if updated {
            let mut stored: HashSet<String> = HashSet::new();
            for mut r in db
                .query(
                    "SELECT article_id FROM story_articles WHERE story_id = ?1",
                    &[story.id.as_str().into()],
                )
                .ctx(ctx)?
            {
                stored.insert(r.text(0).ctx(ctx)?);
            }
            let now: HashSet<&str> = story.articles.iter().map(ArticleId::as_str).collect();
            for gone in stored.iter().filter(|a| !now.contains(a.as_str())) {
                db.exec(
                    "DELETE FROM story_articles WHERE story_id = ?1 AND article_id = ?2",
                    &[story.id.as_str().into(), gone.into()],
                )
                .ctx(ctx)?;
            }
        } else {
            db.exec(
                "INSERT INTO stories (id, title, first_ts, last_ts, story) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &row,
            )
            .ctx(ctx)?;
        }
        for (position, article) in story.articles.iter().enumerate() {
            // A member kept changes only its position: its row, not the index by article.
            db.exec(
                "INSERT INTO story_articles (story_id, article_id, position) \
                 VALUES (?1, ?2, ?3) ON CONFLICT (story_id, article_id) \
                 DO UPDATE SET position = excluded.position",
                &[
                    story.id.as_str().into(),
                    article.as_str().into(),
                    i64::try_from(position).unwrap_or(i64::MAX).into(),
                ],
            )
            .ctx(|| format!("linking story {} to article {article}", story.id))?;
        }
    }
    Ok(())
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

fn find_target(db: &mut dyn Db, doc: &Document) -> Result<Option<(String, Match)>, StoreError> {
    let ctx = || format!("looking up article {}", doc.id);
    let by_id = db
        .text(
            "SELECT id FROM articles WHERE id = ?1",
            &[doc.id.as_str().into()],
        )
        .ctx(ctx)?;
    if let Some(id) = by_id {
        return Ok(Some((id, Match::Id)));
    }
    if let Some(url) = &doc.url {
        let by_url = db
            .text("SELECT id FROM articles WHERE url = ?1", &[url.into()])
            .ctx(ctx)?;
        if let Some(id) = by_url {
            return Ok(Some((id, Match::Url)));
        }
    }
    // Same normalised text, unless both sides carry different URLs (the same text at two
    // addresses is a copy, not a re-ingestion).
    let by_text = db
        .text(
            "SELECT id FROM articles WHERE fingerprint = ?1 AND (CAST(?2 AS TEXT) IS NULL OR url IS NULL OR url = ?2) \
             ORDER BY id LIMIT 1",
            &[doc.fingerprint.as_str().into(), (&doc.url).into()],
        )
        .ctx(ctx)?;
    Ok(by_text.map(|id| (id, Match::Fingerprint)))
}

/// Records `alias` as another name of the stored article `target` (a later alias of the same
/// name wins). An alias never shadows an article id: lookups try ids first.
fn write_alias(db: &mut dyn Db, alias: &str, target: &str, seq: i64) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO article_aliases (alias, article_id, seq) VALUES (?1, ?2, ?3) \
         ON CONFLICT (alias) DO UPDATE SET article_id = excluded.article_id, seq = excluded.seq",
        &[alias.into(), target.into(), seq.into()],
    )
    .ctx(|| format!("recording {alias} as another id of {target}"))?;
    Ok(())
}

/// The article an alias names (None when `id` is no alias).
pub(crate) fn alias_of(db: &mut dyn Db, alias: &str) -> Result<Option<String>, StoreError> {
    db.text(
        "SELECT article_id FROM article_aliases WHERE alias = ?1",
        &[alias.into()],
    )
    .ctx(|| format!("looking up alias {alias}"))
}

/// An id for a second, different article that arrived under an id already taken: the given
/// id with a short hash of what tells the two apart (the url, else the text's fingerprint).
fn derived_id(doc: &Document) -> ArticleId {
    let key = doc.url.as_deref().unwrap_or(&doc.fingerprint);
    let hex = khabar_model::stable_hex(key.as_bytes());
    ArticleId(format!("{}~{}", doc.id, &hex[..hex.len().min(8)]))
}

fn load_existing(db: &mut dyn Db, id: &str) -> Result<Option<Existing>, StoreError> {
    let ctx = || format!("reading article {id}");
    let Some(mut r) = db
        .row(
            "SELECT a.id, a.url, a.fingerprint, a.doc, a.text, n.analysis FROM articles a \
             LEFT JOIN analyses n ON n.article_id = a.id WHERE a.id = ?1",
            &[id.into()],
        )
        .ctx(ctx)?
    else {
        return Ok(None);
    };
    Ok(Some(Existing {
        id: r.text(0).ctx(ctx)?,
        url: r.opt_text(1).ctx(ctx)?,
        fingerprint: r.text(2).ctx(ctx)?,
        doc: r.text(3).ctx(ctx)?,
        text: r.packed(4).ctx(ctx)?,
        analysis: r.opt_packed(5).ctx(ctx)?,
    }))
}

/// Removes article `id`, folded into `into`: its id (and every alias of it) becomes an alias of
/// `into`, and the removal is recorded for followers.
fn merge_article(db: &mut dyn Db, id: &str, into: &str) -> Result<(), StoreError> {
    let ctx = || format!("removing article {id}, merged into {into}");
    let seq = next_seq(db)?;
    db.exec(
        "DELETE FROM story_articles WHERE article_id = ?1",
        &[id.into()],
    )
    .ctx(ctx)?;
    db.exec(
        "DELETE FROM story_features WHERE article_id = ?1",
        &[id.into()],
    )
    .ctx(ctx)?;
    // analyses go with it (ON DELETE CASCADE).
    db.exec("DELETE FROM articles WHERE id = ?1", &[id.into()])
        .ctx(ctx)?;
    db.exec(
        "INSERT INTO removed_articles (article_id, seq) VALUES (?1, ?2) \
         ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq",
        &[id.into(), seq.into()],
    )
    .ctx(ctx)?;
    db.exec(
        "UPDATE article_aliases SET article_id = ?2, seq = ?3 WHERE article_id = ?1",
        &[id.into(), into.into(), seq.into()],
    )
    .ctx(ctx)?;
    write_alias(db, id, into, seq)
}

/// Writes an article row: `json` is `doc` serialised with an empty text, `text` its text.
fn write_article(
    db: &mut dyn Db,
    doc: &Document,
    json: &str,
    text: &str,
    now: i64,
    insert: bool,
) -> Result<(), StoreError> {
    let published = doc.published.map(|p| p.to_string());
    let published_ts = doc.published.map(|p| p.timestamp());
    let text = codec::pack(text).ctx(|| format!("packing the text of article {}", doc.id))?;
    let sql = if insert {
        "INSERT INTO articles (id, url, fingerprint, outlet, title, language, published, \
         published_ts, source, doc, updated_at, text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    } else {
        "UPDATE articles SET url = ?2, fingerprint = ?3, outlet = ?4, title = ?5, language = ?6, \
         published = ?7, published_ts = ?8, source = ?9, doc = ?10, updated_at = ?11, \
         text = ?12 WHERE id = ?1"
    };
    db.exec(
        sql,
        &[
            doc.id.as_str().into(),
            (&doc.url).into(),
            doc.fingerprint.as_str().into(),
            (&doc.outlet).into(),
            (&doc.title).into(),
            (&doc.language).into(),
            (&published).into(),
            published_ts.into(),
            doc.source.as_str().into(),
            json.into(),
            now.into(),
            (&text).into(),
        ],
    )
    .ctx(|| format!("writing article {}", doc.id))?;
    Ok(())
}

fn write_analysis(db: &mut dyn Db, id: &str, json: &str) -> Result<(), StoreError> {
    let packed = codec::pack(json).ctx(|| format!("packing the analysis of {id}"))?;
    db.exec(
        "INSERT INTO analyses (article_id, analysis) VALUES (?1, ?2) \
         ON CONFLICT (article_id) DO UPDATE SET analysis = excluded.analysis",
        &[id.into(), (&packed).into()],
    )
    .ctx(|| format!("writing the analysis of {id}"))?;
    Ok(())
}

/// Marks article `id` as changed by a new write of the sequence.
fn touch(db: &mut dyn Db, id: &str) -> Result<(), StoreError> {
    let seq = next_seq(db)?;
    db.exec(
        "UPDATE articles SET seq = ?2 WHERE id = ?1",
        &[id.into(), seq.into()],
    )
    .ctx(|| format!("marking article {id} as changed"))?;
    // A re-inserted id is no longer removed.
    db.exec(
        "DELETE FROM removed_articles WHERE article_id = ?1",
        &[id.into()],
    )
    .ctx(|| format!("marking article {id} as changed"))?;
    Ok(())
}

fn put_one(
    db: &mut dyn Db,
    incoming: &Document,
    analysis: Option<&Analysis>,
    now: i64,
) -> Result<PutOutcome, StoreError> {
    let mut target = find_target(db, incoming)?;
    let mut existing = match &target {
        Some((id, _)) => load_existing(db, id)?,
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
    if taken {
        let mut doc = incoming.clone();
        doc.id = derived_id(incoming);
        target = find_target(db, &doc)?;
        existing = match &target {
            Some((id, _)) => load_existing(db, id)?,
            None => None,
        };
        renamed = Some(doc);
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
        if alias_of(db, incoming.id.as_str())?.as_deref() != Some(kept.as_str()) {
            let seq = next_seq(db)?;
            write_alias(db, incoming.id.as_str(), kept.as_str(), seq)?;
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
        let other = db
            .text(
                "SELECT id FROM articles WHERE url = ?1 AND id <> ?2",
                &[url.into(), kept.as_str().into()],
            )
            .ctx(|| format!("looking up url {url}"))?;
        if let Some(other) = other {
            merge_article(db, &other, kept.as_str())?;
            merged.push(ArticleId(other));
        }
    }
    // The incoming id, when another, keeps answering for the article it matched.
    if let Some(alias) = &replaced_id {
        if alias_of(db, alias.as_str())?.as_deref() != Some(kept.as_str()) {
            let seq = next_seq(db)?;
            write_alias(db, alias.as_str(), kept.as_str(), seq)?;
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
            write_article(db, &doc, &doc_json, &text, now, true)?;
            if let Some(a) = &analysis_json {
                write_analysis(db, kept.as_str(), a)?;
            }
            touch(db, kept.as_str())?;
            PutStatus::Inserted
        }
        Some(old) => {
            let doc_same = old.doc == doc_json && old.text == text;
            let analysis_same = match &analysis_json {
                Some(a) => old.analysis.as_deref() == Some(a.as_str()),
                None => doc_same || old.analysis.is_none(),
            };
            if !doc_same {
                write_article(db, &doc, &doc_json, &text, now, false)?;
            }
            if !analysis_same {
                match &analysis_json {
                    Some(a) => write_analysis(db, kept.as_str(), a)?,
                    None => {
                        db.exec(
                            "DELETE FROM analyses WHERE article_id = ?1",
                            &[kept.as_str().into()],
                        )
                        .ctx(|| format!("removing the stale analysis of {kept}"))?;
                    }
                }
            }
            if doc_same && analysis_same && merged.is_empty() {
                PutStatus::Unchanged
            } else {
                touch(db, kept.as_str())?;
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

/// What else a batch must record with its articles or not at all (the feed items they came
/// from), run in the batch's transaction with the outcomes.
pub(crate) type Also<'f> = &'f mut dyn FnMut(&mut dyn Db, &[PutOutcome]) -> Result<(), StoreError>;

/// [`crate::Store::put_articles`] (one write transaction), then `also` in it.
pub(crate) fn put_batch(
    b: &dyn Backend,
    items: &[(Document, Option<Analysis>)],
    also: Also<'_>,
) -> Result<Vec<PutOutcome>, StoreError> {
    let now = now_secs();
    let mut tx = b.write()?;
    let mut out = Vec::with_capacity(items.len());
    for (doc, analysis) in items {
        out.push(put_one(&mut *tx, doc, analysis.as_ref(), now)?);
    }
    also(&mut *tx, &out)?;
    tx.commit()
        .ctx(|| format!("committing a batch of {} articles", items.len()))?;
    Ok(out)
}

/// [`crate::Store::replace_stories`].
pub(crate) fn replace_stories(b: &dyn Backend, stories: &[Story]) -> Result<(), StoreError> {
    let mut tx = b.write()?;
    for sql in ["DELETE FROM story_articles", "DELETE FROM stories"] {
        tx.exec(sql, &[])
            .ctx(|| "clearing the old stories".into())?;
    }
    next_seq(&mut *tx)?;
    write_stories(&mut *tx, stories)?;
    tx.commit()
        .ctx(|| format!("committing {} stories", stories.len()))
}

/// Record merged-away story ids (`old → survivor`), in one write transaction.
pub(crate) fn add_story_redirects(
    b: &dyn Backend,
    redirects: &[(StoryId, StoryId)],
) -> Result<(), StoreError> {
    let mut tx = b.write()?;
    write_redirects(&mut *tx, redirects)?;
    tx.commit().ctx(|| "committing redirects".into())
}

// ---------------------------------------------------------------------------------------------
// reads

pub(crate) fn seq(db: &mut dyn Db) -> Result<i64, StoreError> {
    db.int("SELECT value FROM store_seq WHERE id = 1", &[])
        .map(|v| v.unwrap_or(0))
        .ctx(|| "reading the change sequence".into())
}

pub(crate) fn article_text(db: &mut dyn Db, id: &ArticleId) -> Result<Option<String>, StoreError> {
    db.packed(
        "SELECT text FROM articles WHERE id = ?1",
        &[id.as_str().into()],
    )
    .ctx(|| format!("reading the text of article {id}"))
}

pub(crate) fn shown_story_ids(
    db: &mut dyn Db,
) -> Result<(HashMap<ArticleId, StoryId>, HashSet<StoryId>), StoreError> {
    let ctx = || "reading the shown story ids".to_string();
    let mut by_article = HashMap::new();
    let mut taken = HashSet::new();
    for mut r in db
        .query(
            "SELECT article_id, story_id FROM story_articles ORDER BY story_id",
            &[],
        )
        .ctx(ctx)?
    {
        let a = r.text(0).ctx(ctx)?;
        let s = r.text(1).ctx(ctx)?;
        taken.insert(StoryId(s.clone()));
        by_article.entry(ArticleId(a)).or_insert(StoryId(s));
    }
    for mut r in db
        .query(
            "SELECT old_id FROM story_redirects UNION SELECT id FROM stories",
            &[],
        )
        .ctx(ctx)?
    {
        taken.insert(StoryId(r.text(0).ctx(ctx)?));
    }
    Ok((by_article, taken))
}

pub(crate) fn resolve_story(db: &mut dyn Db, id: &StoryId) -> Result<Option<StoryId>, StoreError> {
    let ctx = || format!("resolving story {id}");
    let mut current = id.clone();
    // Redirects point at survivors directly; the bound only guards against a damaged table.
    for _ in 0..8 {
        if db
            .exists(
                "SELECT 1 FROM stories WHERE id = ?1",
                &[current.as_str().into()],
            )
            .ctx(ctx)?
        {
            return Ok(Some(current));
        }
        let next = db
            .text(
                "SELECT new_id FROM story_redirects WHERE old_id = ?1",
                &[current.as_str().into()],
            )
            .ctx(ctx)?;
        match next {
            Some(n) => current = StoryId(n),
            None => return Ok(None),
        }
    }
    Ok(None)
}

pub(crate) fn story_count(db: &mut dyn Db) -> Result<usize, StoreError> {
    db.int("SELECT COUNT(*) FROM stories", &[])
        .map(count)
        .ctx(|| "counting stories".into())
}

pub(crate) fn article_count(db: &mut dyn Db) -> Result<usize, StoreError> {
    db.int("SELECT COUNT(*) FROM articles", &[])
        .map(count)
        .ctx(|| "counting articles".into())
}

pub(crate) fn resolve(db: &mut dyn Db, id: &ArticleId) -> Result<Option<ArticleId>, StoreError> {
    db.text(
        "SELECT id FROM articles WHERE id = ?1 UNION ALL \
         SELECT a.id FROM article_aliases x JOIN articles a ON a.id = x.article_id \
         WHERE x.alias = ?1 LIMIT 1",
        &[id.as_str().into()],
    )
    .map(|v| v.map(ArticleId))
    .ctx(|| format!("looking up id {id}"))
}

/// The article stored under exactly this id (aliases not followed).
fn read_article(db: &mut dyn Db, id: &ArticleId) -> Result<Option<Document>, StoreError> {
    let ctx = || format!("reading article {id}");
    let Some(mut r) = db
        .row(
            "SELECT doc, text FROM articles WHERE id = ?1",
            &[id.as_str().into()],
        )
        .ctx(ctx)?
    else {
        return Ok(None);
    };
    let json = r.text(0).ctx(ctx)?;
    let text = r.packed(1).ctx(ctx)?;
    parse_doc(&json, text).map(Some)
}

fn read_analysis(db: &mut dyn Db, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
    let json = db
        .packed(
            "SELECT analysis FROM analyses WHERE article_id = ?1",
            &[id.as_str().into()],
        )
        .ctx(|| format!("reading the analysis of {id}"))?;
    parse_analysis(json.as_deref(), id.as_str())
}

fn read_story_of(db: &mut dyn Db, article: &ArticleId) -> Result<Option<StoryId>, StoreError> {
    db.text(
        "SELECT story_id FROM story_articles WHERE article_id = ?1 ORDER BY story_id LIMIT 1",
        &[article.as_str().into()],
    )
    .map(|v| v.map(StoryId))
    .ctx(|| format!("finding the story of {article}"))
}

/// Reads `id` with `read`, else the article `id` is an alias of.
fn follow<T>(
    db: &mut dyn Db,
    id: &ArticleId,
    read: fn(&mut dyn Db, &ArticleId) -> Result<Option<T>, StoreError>,
) -> Result<Option<T>, StoreError> {
    match read(db, id)? {
        Some(v) => Ok(Some(v)),
        None => match alias_of(db, id.as_str())? {
            Some(target) => read(db, &ArticleId(target)),
            None => Ok(None),
        },
    }
}

pub(crate) fn article(db: &mut dyn Db, id: &ArticleId) -> Result<Option<Document>, StoreError> {
    follow(db, id, read_article)
}

pub(crate) fn analysis(db: &mut dyn Db, id: &ArticleId) -> Result<Option<Analysis>, StoreError> {
    follow(db, id, read_analysis)
}

pub(crate) fn story_of(db: &mut dyn Db, id: &ArticleId) -> Result<Option<StoryId>, StoreError> {
    follow(db, id, read_story_of)
}

pub(crate) fn articles(db: &mut dyn Db) -> Result<Vec<Document>, StoreError> {
    let ctx = || "listing articles".to_string();
    let mut out = Vec::new();
    for mut r in db
        .query(
            "SELECT doc, text FROM articles ORDER BY published_ts IS NULL, published_ts, id",
            &[],
        )
        .ctx(ctx)?
    {
        let json = r.text(0).ctx(ctx)?;
        out.push(parse_doc(&json, r.packed(1).ctx(ctx)?)?);
    }
    Ok(out)
}

pub(crate) fn articles_with_analyses(
    db: &mut dyn Db,
) -> Result<Vec<(Document, Option<Analysis>)>, StoreError> {
    use rayon::prelude::*;
    let ctx = || "listing articles with their analyses".to_string();
    let mut rows = Vec::new();
    db.each(
        "SELECT a.doc, a.text, n.analysis FROM articles a \
         LEFT JOIN analyses n ON n.article_id = a.id \
         ORDER BY a.published_ts IS NULL, a.published_ts, a.id",
        &[],
        &mut |r| {
            rows.push(r);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    // unpacked and parsed on the threads of the current rayon pool (order kept)
    rows.into_par_iter().map(|r| doc_row(r, &ctx)).collect()
}

pub(crate) fn stories(db: &mut dyn Db) -> Result<Vec<Story>, StoreError> {
    let mut out = Vec::new();
    for_each_story(db, &mut |s| {
        out.push(s);
        ControlFlow::Continue(())
    })?;
    Ok(out)
}

pub(crate) fn story(db: &mut dyn Db, id: &StoryId) -> Result<Option<Story>, StoreError> {
    let json = db
        .packed(
            "SELECT story FROM stories WHERE id = ?1",
            &[id.as_str().into()],
        )
        .ctx(|| format!("reading story {id}"))?;
    json.as_deref().map(parse_story).transpose()
}

/// What changed after `after`, read in one snapshot (see `SqliteStore::changes_since`).
pub(crate) fn changes_since(
    b: &dyn Backend,
    after: i64,
    removed: &mut dyn FnMut(ArticleId),
    changed: &mut dyn FnMut(Document, Option<Analysis>) -> ControlFlow<()>,
) -> Result<Option<i64>, StoreError> {
    let ctx = || format!("reading the changes after {after}");
    // One read transaction: the sequence value and the rows belong to one state.
    let mut tx = b.snapshot()?;
    let seq = seq(&mut *tx)?;
    for mut r in tx
        .query(
            "SELECT article_id FROM removed_articles WHERE seq > ?1 ORDER BY seq",
            &[after.into()],
        )
        .ctx(ctx)?
    {
        removed(ArticleId(r.text(0).ctx(ctx)?));
    }
    let mut stopped = false;
    tx.each(
        "SELECT a.doc, a.text, n.analysis FROM articles a \
         LEFT JOIN analyses n ON n.article_id = a.id WHERE a.seq > ?1 ORDER BY a.seq",
        &[after.into()],
        &mut |r| {
            let (doc, analysis) = doc_row(r, &ctx)?;
            let flow = changed(doc, analysis);
            stopped = flow.is_break();
            Ok(flow)
        },
    )?;
    if stopped {
        return Ok(None);
    }
    tx.commit().ctx(ctx)?;
    Ok(Some(seq))
}

/// Which articles [`for_each_article`] visits, as SQL: conditions and their parameters.
pub(crate) fn for_each_article(
    db: &mut dyn Db,
    filter: &crate::ArticleFilter,
    f: &mut dyn FnMut(Document, Option<Analysis>) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let ctx = || "streaming articles".to_string();
    let mut sql = String::from(
        "SELECT a.doc, a.text, n.analysis FROM articles a \
         LEFT JOIN analyses n ON n.article_id = a.id",
    );
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Val<'_>> = Vec::new();
    if let Some(s) = filter.since_ts {
        params.push(s.into());
        conds.push(format!("a.published_ts >= ?{}", params.len()));
    }
    if let Some(u) = filter.until_ts {
        params.push(u.into());
        conds.push(format!("a.published_ts < ?{}", params.len()));
    }
    if let Some(story) = &filter.story {
        params.push(story.into());
        conds.push(format!(
            "a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?{})",
            params.len()
        ));
    }
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    sql.push_str(" ORDER BY a.published_ts IS NULL, a.published_ts, a.id");
    let mut n = 0;
    db.each(&sql, &params, &mut |r| {
        let (doc, analysis) = doc_row(r, &ctx)?;
        n += 1;
        Ok(f(doc, analysis))
    })?;
    Ok(n)
}

pub(crate) fn for_each_story(
    db: &mut dyn Db,
    f: &mut dyn FnMut(Story) -> ControlFlow<()>,
) -> Result<usize, StoreError> {
    let ctx = || "streaming stories".to_string();
    let mut n = 0;
    db.each(
        "SELECT story FROM stories ORDER BY last_ts IS NULL, last_ts DESC, id",
        &[],
        &mut |mut r| {
            let story = parse_story(&r.packed(0).ctx(ctx)?)?;
            n += 1;
            Ok(f(story))
        },
    )?;
    Ok(n)
}
