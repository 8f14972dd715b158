//! [`StoreOps`] for the SQLite backend, by forwarding to [`SqliteStore`]'s inherent methods.
//!
//! [`forward_store_ops!`] writes the forwarding for any type whose inherent methods have the
//! names and signatures of `SqliteStore`'s (`forward_store_ops!(PgStore);` gives the
//! PostgreSQL store its `StoreOps` in one line), so the two backends cannot drift in what
//! they offer callers.

use crate::SqliteStore;

/// Implements [`StoreOps`] for `$t` by calling `$t`'s inherent methods of the same names.
/// Items in braces after the type are added to the impl (SQLite's `as_sqlite`); the other
/// backends keep its default, None.
macro_rules! forward_store_ops {
    ($t:ty $({ $($extra:tt)* })?) => {
        impl $crate::StoreOps for $t {
            fn schema_version(&self) -> Result<i64, $crate::StoreError> {
                <$t>::schema_version(self)
            }
            fn seq(&self) -> Result<i64, $crate::StoreError> {
                <$t>::seq(self)
            }
            fn changes_since(
                &self,
                after: i64,
                removed: &mut dyn FnMut(khabar_model::ArticleId),
                changed: &mut dyn FnMut(
                    khabar_model::Document,
                    Option<khabar_model::Analysis>,
                ) -> std::ops::ControlFlow<()>,
            ) -> Result<Option<i64>, $crate::StoreError> {
                <$t>::changes_since(self, after, removed, changed)
            }
            fn resolve(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<khabar_model::ArticleId>, $crate::StoreError> {
                <$t>::resolve(self, id)
            }
            fn resolve_story(
                &self,
                id: &khabar_model::StoryId,
            ) -> Result<Option<khabar_model::StoryId>, $crate::StoreError> {
                <$t>::resolve_story(self, id)
            }
            fn shown_story_ids(
                &self,
            ) -> Result<
                (
                    std::collections::HashMap<khabar_model::ArticleId, khabar_model::StoryId>,
                    std::collections::HashSet<khabar_model::StoryId>,
                ),
                $crate::StoreError,
            > {
                <$t>::shown_story_ids(self)
            }
            fn add_story_redirects(
                &mut self,
                redirects: &[(khabar_model::StoryId, khabar_model::StoryId)],
            ) -> Result<(), $crate::StoreError> {
                <$t>::add_story_redirects(self, redirects)
            }
            fn story_count(&self) -> Result<usize, $crate::StoreError> {
                <$t>::story_count(self)
            }
            fn article_text(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<String>, $crate::StoreError> {
                <$t>::article_text(self, id)
            }
            fn visit_article_text(
                &self,
                id: &khabar_model::ArticleId,
                f: &mut dyn FnMut(&[u8]),
            ) -> Result<bool, $crate::StoreError> {
                <$t>::with_article_text(self, id, |bytes| f(bytes)).map(|o| o.is_some())
            }
            fn put_articles_seen(
                &mut self,
                items: &[(khabar_model::Document, Option<khabar_model::Analysis>)],
                seen: &[$crate::SeenItem],
            ) -> Result<Vec<$crate::PutOutcome>, $crate::StoreError> {
                <$t>::put_articles_seen(self, items, seen)
            }
            fn item_seen(
                &self,
                feed: &str,
                item: &str,
            ) -> Result<Option<$crate::ItemRecord>, $crate::StoreError> {
                <$t>::item_seen(self, feed, item)
            }
            fn link_seen(&self, link: &str) -> Result<bool, $crate::StoreError> {
                <$t>::link_seen(self, link)
            }
            fn seen_count(&self, feed: Option<&str>) -> Result<usize, $crate::StoreError> {
                <$t>::seen_count(self, feed)
            }
            fn ungrouped_count(&self) -> Result<usize, $crate::StoreError> {
                <$t>::ungrouped_count(self)
            }
            fn feed_state(
                &self,
                url: &str,
            ) -> Result<Option<$crate::FeedState>, $crate::StoreError> {
                <$t>::feed_state(self, url)
            }
            fn set_feed_state(
                &self,
                url: &str,
                state: &$crate::FeedState,
            ) -> Result<(), $crate::StoreError> {
                <$t>::set_feed_state(self, url, state)
            }
            fn claim_feed(
                &mut self,
                url: &str,
                worker: &str,
                lease: std::time::Duration,
                take_over: Option<&str>,
            ) -> Result<$crate::Claim, $crate::StoreError> {
                <$t>::claim_feed(self, url, worker, lease, take_over)
            }
            fn release_feed(&self, url: &str, worker: &str) -> Result<(), $crate::StoreError> {
                <$t>::release_feed(self, url, worker)
            }
            fn for_each_article(
                &self,
                filter: &$crate::ArticleFilter,
                f: &mut dyn FnMut(
                    khabar_model::Document,
                    Option<khabar_model::Analysis>,
                ) -> std::ops::ControlFlow<()>,
            ) -> Result<usize, $crate::StoreError> {
                <$t>::for_each_article(self, filter, f)
            }
            fn for_each_story(
                &self,
                f: &mut dyn FnMut(khabar_model::Story) -> std::ops::ControlFlow<()>,
            ) -> Result<usize, $crate::StoreError> {
                <$t>::for_each_story(self, f)
            }
            fn update_stories(
                &mut self,
                config: &khabar_story::Config,
            ) -> Result<$crate::StoryUpdate, $crate::StoreError> {
                <$t>::update_stories(self, config)
            }
            fn regroup_stories(
                &mut self,
                config: &khabar_story::Config,
            ) -> Result<$crate::StoryUpdate, $crate::StoreError> {
                <$t>::regroup_stories(self, config)
            }
            $($($extra)*)?
        }
    };
}
forward_store_ops!(SqliteStore {
    fn as_sqlite(&self) -> Option<&SqliteStore> {
        Some(self)
    }
});

#[cfg(feature = "postgres")]
forward_store_ops!(crate::PgStore);

/// A store can be handed over as `Box<dyn Store>` (the server's pool, [`crate::open`]).
impl From<SqliteStore> for Box<dyn crate::Store> {
    fn from(s: SqliteStore) -> Self {
        Box::new(s)
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use khabar_model::{ArticleId, Document};
    use std::ops::ControlFlow;

    fn doc(id: &str) -> Document {
        crate::tests::doc(
            id,
            Some(&format!("https://example.com/{id}")),
            &format!("fp-{id}"),
            &format!("{id} text of the article"),
        )
    }

    /// Every operation answers through `dyn Store` as through the SQLite store itself.
    #[test]
    fn dyn_store_reaches_every_operation() {
        let mut boxed: Box<dyn Store> = crate::SqliteStore::open_in_memory().unwrap().into();
        let st: &mut dyn Store = boxed.as_mut();
        assert_eq!(st.seq().unwrap(), 0);
        let out = st
            .put_articles_seen(
                &[(doc("a"), None), (doc("b"), None)],
                &[crate::SeenItem {
                    feed: "https://example.com/feed".into(),
                    item: "g1".into(),
                    link: Some("https://example.com/a".into()),
                    article: Some(0),
                    updated: None,
                }],
            )
            .unwrap();
        assert_eq!(out.len(), 2);
        let seq = st.seq().unwrap();
        assert!(seq > 0);
        assert!(st.link_seen("https://example.com/a").unwrap());
        assert_eq!(st.seen_count(None).unwrap(), 1);
        assert_eq!(
            st.item_seen("https://example.com/feed", "g1")
                .unwrap()
                .and_then(|r| r.article),
            Some(ArticleId::from("a"))
        );
        assert_eq!(st.ungrouped_count().unwrap(), 2);
        let text = st
            .with_article_text(&ArticleId::from("b"), |b| b.len())
            .unwrap();
        assert_eq!(text, Some("b text of the article".len()));
        assert_eq!(
            st.with_article_text(&ArticleId::from("zz"), |b| b.len())
                .unwrap(),
            None
        );
        let mut changed = Vec::new();
        let at = st
            .changes_since(0, &mut |_| {}, &mut |d, _| {
                changed.push(d.id.0);
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(at, Some(seq));
        assert_eq!(changed, vec!["a".to_string(), "b".to_string()]);
        let update = st.update_stories(&khabar_story::Config::default()).unwrap();
        assert_eq!(update.articles, 2);
        assert_eq!(st.story_count().unwrap(), update.stories.len());
        assert_eq!(st.ungrouped_count().unwrap(), 0);
        let mut n = 0;
        st.for_each_story(&mut |_| {
            n += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(n, update.stories.len());
        assert!(st.as_sqlite().is_some());
        assert_eq!(st.local_path(), None, "in memory: no file");
        assert_eq!(st.schema_version().unwrap(), crate::schema::SCHEMA_VERSION);
    }
}
