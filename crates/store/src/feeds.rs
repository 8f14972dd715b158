//! What `khabar watch` remembers across restarts: the feed items it has taken and each feed's
//! conditional-GET validators.
//!
//! An item is recorded in the transaction that stores the article it gave
//! (`put_articles_seen`), so a watcher killed at any moment either has the item
//! and its article, or neither: after a restart it takes the item again, once.

use crate::db::Db;
use crate::error::{Context, StoreError};
use crate::PutOutcome;
use khabar_model::ArticleId;

/// A feed item taken by the watcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenItem {
    /// The feed's URL, as the user gave it.
    pub feed: String,
    /// The item's key in the feed (its guid, else its link, else a hash of its content).
    pub item: String,
    /// The item's link, when it has one.
    pub link: Option<String>,
    /// The position in the batch of the article it gave; `None` when it gave none (no text,
    /// or a link already stored).
    pub article: Option<usize>,
    /// The item's "updated" time in the feed (Unix seconds), when it gives one.
    pub updated: Option<i64>,
}

/// What the store knows of a feed item taken before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// The article it gave, if any.
    pub article: Option<ArticleId>,
    /// Its "updated" time when it was last taken (Unix seconds).
    pub updated: Option<i64>,
}

/// What the watcher knows about one feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    /// The `ETag` of the last answer, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last answer, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When the feed was last asked (Unix seconds).
    pub polled_at: Option<i64>,
    /// Failed polls in a row (the back-off grows with it; 0 after a success).
    pub failures: u32,
}

/// Records `seen` inside the batch's transaction (see `put_articles_seen`).
pub(crate) fn record_seen(
    db: &mut dyn Db,
    outcomes: &[PutOutcome],
    seen: &[SeenItem],
    now: i64,
) -> Result<(), StoreError> {
    for s in seen {
        let article = s
            .article
            .and_then(|i| outcomes.get(i))
            .map(|o| o.id.as_str());
        db.exec(
            "INSERT INTO feed_items (feed, item, link, article_id, updated_ts, seen_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (feed, item) DO UPDATE SET \
             article_id = coalesce(excluded.article_id, feed_items.article_id), \
             updated_ts = coalesce(excluded.updated_ts, feed_items.updated_ts), \
             seen_at = excluded.seen_at",
            &[
                s.feed.as_str().into(),
                s.item.as_str().into(),
                (&s.link).into(),
                article.into(),
                s.updated.into(),
                now.into(),
            ],
        )
        .ctx(|| format!("recording item {} of {}", s.item, s.feed))?;
    }
    Ok(())
}

pub(crate) fn item_seen(
    db: &mut dyn Db,
    feed: &str,
    item: &str,
) -> Result<Option<ItemRecord>, StoreError> {
    let ctx = || format!("looking up item {item} of {feed}");
    let Some(mut r) = db
        .row(
            "SELECT article_id, updated_ts FROM feed_items WHERE feed = ?1 AND item = ?2",
            &[feed.into(), item.into()],
        )
        .ctx(ctx)?
    else {
        return Ok(None);
    };
    Ok(Some(ItemRecord {
        article: r.opt_text(0).ctx(ctx)?.map(ArticleId),
        updated: r.opt_int(1).ctx(ctx)?,
    }))
}

pub(crate) fn link_seen(db: &mut dyn Db, link: &str) -> Result<bool, StoreError> {
    db.exists(
        "SELECT 1 FROM feed_items WHERE link = ?1 UNION ALL \
         SELECT 1 FROM articles WHERE url = ?1 LIMIT 1",
        &[link.into()],
    )
    .ctx(|| format!("looking up link {link}"))
}

pub(crate) fn seen_count(db: &mut dyn Db, feed: Option<&str>) -> Result<usize, StoreError> {
    let n = db
        .int(
            "SELECT count(*) FROM feed_items WHERE CAST(?1 AS TEXT) IS NULL OR feed = ?1",
            &[feed.into()],
        )
        .ctx(|| "counting feed items".into())?;
    Ok(usize::try_from(n.unwrap_or(0)).unwrap_or(0))
}

pub(crate) fn ungrouped_count(db: &mut dyn Db) -> Result<usize, StoreError> {
    let n = db
        .int(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS \
             (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)",
            &[],
        )
        .ctx(|| "counting articles without a story".into())?;
    Ok(usize::try_from(n.unwrap_or(0)).unwrap_or(0))
}

pub(crate) fn feed_state(db: &mut dyn Db, url: &str) -> Result<Option<FeedState>, StoreError> {
    let ctx = || format!("reading the state of feed {url}");
    let Some(mut r) = db
        .row(
            "SELECT etag, last_modified, polled_at, failures FROM feeds WHERE url = ?1",
            &[url.into()],
        )
        .ctx(ctx)?
    else {
        return Ok(None);
    };
    Ok(Some(FeedState {
        etag: r.opt_text(0).ctx(ctx)?,
        last_modified: r.opt_text(1).ctx(ctx)?,
        polled_at: r.opt_int(2).ctx(ctx)?,
        failures: u32::try_from(r.int(3).ctx(ctx)?).unwrap_or(u32::MAX),
    }))
}

pub(crate) fn set_feed_state(
    db: &mut dyn Db,
    url: &str,
    state: &FeedState,
) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO feeds (url, etag, last_modified, polled_at, failures) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (url) DO UPDATE SET \
         etag = excluded.etag, last_modified = excluded.last_modified, \
         polled_at = excluded.polled_at, failures = excluded.failures",
        &[
            url.into(),
            (&state.etag).into(),
            (&state.last_modified).into(),
            state.polled_at.into(),
            i64::from(state.failures).into(),
        ],
    )
    .ctx(|| format!("recording the state of feed {url}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Raw;
    use crate::{PutStatus, Store};
    use khabar_model::{ArticleId, Document};

    fn doc(id: &str, url: &str) -> Document {
        crate::tests::doc(id, Some(url), &format!("fp-{id}"), &format!("{id} text"))
    }

    fn seen(item: &str, link: Option<&str>, article: Option<usize>) -> SeenItem {
        SeenItem {
            feed: "http://f/rss".into(),
            item: item.into(),
            link: link.map(str::to_string),
            article,
            updated: None,
        }
    }

    both!(items_are_recorded_with_their_articles, s, {
        let items = vec![
            (doc("a", "http://x/a"), None),
            (doc("b", "http://x/b"), None),
        ];
        let out = s
            .put_articles_seen(
                &items,
                &[
                    seen("g1", Some("http://x/a"), Some(0)),
                    seen("g2", None, None),
                    seen("g3", Some("http://x/b"), Some(1)),
                ],
            )
            .unwrap();
        assert!(out.iter().all(|o| o.status == PutStatus::Inserted));
        let rec = |item: &str| s.item_seen("http://f/rss", item).unwrap();
        assert_eq!(rec("g1").unwrap().article, Some(ArticleId("a".into())));
        assert_eq!(rec("g2").unwrap().article, None);
        assert!(rec("g4").is_none());
        assert!(s.item_seen("http://other/rss", "g1").unwrap().is_none());
        assert!(s.link_seen("http://x/b").unwrap());
        assert!(!s.link_seen("http://x/c").unwrap());
        assert_eq!(s.seen_count(None).unwrap(), 3);
        assert_eq!(s.seen_count(Some("http://other/rss")).unwrap(), 0);
        assert_eq!(
            s.rows("SELECT article_id FROM feed_items WHERE item = 'g3'"),
            ["[Text(\"b\")]"]
        );
        // recording an item again keeps its link and article, and takes a new "updated"
        let mut again = seen("g1", Some("http://x/z"), None);
        again.updated = Some(1_700_000_000);
        s.put_articles_seen(&[], &[again]).unwrap();
        assert!(!s.link_seen("http://x/z").unwrap());
        let g1 = s.item_seen("http://f/rss", "g1").unwrap().unwrap();
        assert_eq!(g1.article, Some(ArticleId("a".into())));
        assert_eq!(g1.updated, Some(1_700_000_000));
        assert_eq!(s.article_count().unwrap(), 2);
        assert_eq!(s.ungrouped_count().unwrap(), 2);
    });

    both!(a_failed_batch_records_no_item, s, {
        s.refuse_articles("id = 'bad'");
        let items = vec![
            (doc("good", "http://x/good"), None),
            (doc("bad", "http://x/bad"), None),
        ];
        let r = s.put_articles_seen(
            &items,
            &[
                seen("g1", Some("http://x/good"), Some(0)),
                seen("g2", Some("http://x/bad"), Some(1)),
            ],
        );
        assert!(r.is_err());
        assert_eq!(s.seen_count(None).unwrap(), 0);
        assert_eq!(s.article_count().unwrap(), 0);
    });

    both!(feed_state_round_trips, s, {
        assert_eq!(s.feed_state("http://f/rss").unwrap(), None);
        let st = FeedState {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Thu, 02 Apr 2020 10:00:00 GMT".into()),
            polled_at: Some(1_700_000_000),
            failures: 2,
        };
        s.set_feed_state("http://f/rss", &st).unwrap();
        assert_eq!(s.feed_state("http://f/rss").unwrap(), Some(st.clone()));
        let next = FeedState {
            failures: 0,
            etag: None,
            ..st
        };
        s.set_feed_state("http://f/rss", &next).unwrap();
        assert_eq!(s.feed_state("http://f/rss").unwrap(), Some(next));
    });
}
