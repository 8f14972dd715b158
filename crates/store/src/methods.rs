//! The public methods both stores share, written once: each opens what it needs through the
//! store's [`crate::db::Backend`] and runs the common logic ([`crate::ops`], [`crate::feeds`],
//! [`crate::live`]). `shared_methods!(T)` gives `T` these inherent methods and its
//! [`crate::Store`] implementation, so `SqliteStore` and `PgStore` offer the same signatures.

/// Inherent methods and `impl Store` for a type implementing `crate::db::Backend`.
macro_rules! shared_methods {
    ($t:ty) => {
        impl $t {
            /// The text of an article (its `text` field), without building the whole document.
            /// None when there is no such article.
            pub fn article_text(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<String>, crate::StoreError> {
                crate::ops::article_text(&mut *crate::db::Backend::plain(self)?, id)
            }

            /// Article → id of the story it is stored in (a regrouping hands these ids on), and
            /// every story id ever shown (stored stories and redirected ids), which a new story
            /// must not reuse.
            #[allow(clippy::type_complexity)]
            pub fn shown_story_ids(
                &self,
            ) -> Result<
                (
                    std::collections::HashMap<khabar_model::ArticleId, khabar_model::StoryId>,
                    std::collections::HashSet<khabar_model::StoryId>,
                ),
                crate::StoreError,
            > {
                crate::ops::shown_story_ids(&mut *crate::db::Backend::plain(self)?)
            }

            /// Record merged-away story ids (`old → survivor`). Earlier redirects to an id that
            /// is now merged away are pointed at its survivor, so a lookup takes one step.
            pub fn add_story_redirects(
                &mut self,
                redirects: &[(khabar_model::StoryId, khabar_model::StoryId)],
            ) -> Result<(), crate::StoreError> {
                crate::ops::add_story_redirects(self, redirects)
            }

            /// The stored story a story id names now: itself when stored, the survivor it was
            /// merged into when it redirects, None when unknown.
            pub fn resolve_story(
                &self,
                id: &khabar_model::StoryId,
            ) -> Result<Option<khabar_model::StoryId>, crate::StoreError> {
                crate::ops::resolve_story(&mut *crate::db::Backend::plain(self)?, id)
            }

            /// How many stories are stored.
            pub fn story_count(&self) -> Result<usize, crate::StoreError> {
                crate::ops::story_count(&mut *crate::db::Backend::plain(self)?)
            }

            /// The store's change sequence: the value of the last write (0 for an empty store).
            /// Every write of an article, alias or the stories raises it, in whichever process,
            /// in commit order.
            pub fn seq(&self) -> Result<i64, crate::StoreError> {
                crate::ops::seq(&mut *crate::db::Backend::plain(self)?)
            }

            /// The stored id an id names: itself when an article has it, else the article it is
            /// an alias of (a given id whose text was already stored, an article merged into
            /// another).
            pub fn resolve(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<khabar_model::ArticleId>, crate::StoreError> {
                crate::ops::resolve(&mut *crate::db::Backend::plain(self)?, id)
            }

            /// What changed after `after` (a value of `seq`), read in one consistent snapshot of
            /// the store: `removed` gets each article removed since (its id may have come back:
            /// `changed` is called after every `removed`), `changed` each article written since
            /// with its analysis, in sequence order. Returns the sequence value the reads saw,
            /// which the follower records as applied. `changed` stops the walk with
            /// `ControlFlow::Break` (the returned value is then None: nothing may be recorded).
            pub fn changes_since(
                &self,
                after: i64,
                removed: &mut dyn FnMut(khabar_model::ArticleId),
                changed: &mut dyn FnMut(
                    khabar_model::Document,
                    Option<khabar_model::Analysis>,
                ) -> std::ops::ControlFlow<()>,
            ) -> Result<Option<i64>, crate::StoreError> {
                crate::ops::changes_since(self, after, removed, changed)
            }

            /// `put_articles`, then `also` in the same transaction with the outcomes (what else
            /// must be recorded with these articles or not at all, e.g. the feed items they came
            /// from).
            #[allow(dead_code)]
            pub(crate) fn put_batch(
                &mut self,
                items: &[(khabar_model::Document, Option<khabar_model::Analysis>)],
                also: crate::ops::Also<'_>,
            ) -> Result<Vec<crate::PutOutcome>, crate::StoreError> {
                crate::ops::put_batch(self, items, also)
            }

            /// Stores `items` as `put_articles` does and records `seen` in the same transaction,
            /// each with the stored id of the article it gave. An item recorded before keeps its
            /// link; its article and "updated" time are those of the new record when it has
            /// them.
            pub fn put_articles_seen(
                &mut self,
                items: &[(khabar_model::Document, Option<khabar_model::Analysis>)],
                seen: &[crate::SeenItem],
            ) -> Result<Vec<crate::PutOutcome>, crate::StoreError> {
                let now = crate::ops::now_secs();
                crate::ops::put_batch(self, items, &mut |db, outcomes| {
                    crate::feeds::record_seen(db, outcomes, seen, now)
                })
            }

            /// What the watcher recorded of this item of this feed; `None` when it never took
            /// it.
            pub fn item_seen(
                &self,
                feed: &str,
                item: &str,
            ) -> Result<Option<crate::ItemRecord>, crate::StoreError> {
                crate::feeds::item_seen(&mut *crate::db::Backend::plain(self)?, feed, item)
            }

            /// Is this link already had: an item of any feed with it, or a stored article at
            /// that URL?
            pub fn link_seen(&self, link: &str) -> Result<bool, crate::StoreError> {
                crate::feeds::link_seen(&mut *crate::db::Backend::plain(self)?, link)
            }

            /// How many items the watcher has taken (of one feed, or of all).
            pub fn seen_count(&self, feed: Option<&str>) -> Result<usize, crate::StoreError> {
                crate::feeds::seen_count(&mut *crate::db::Backend::plain(self)?, feed)
            }

            /// How many stored articles no story holds (stored, but not grouped yet: a run
            /// stopped between its write and its grouping).
            pub fn ungrouped_count(&self) -> Result<usize, crate::StoreError> {
                crate::feeds::ungrouped_count(&mut *crate::db::Backend::plain(self)?)
            }

            /// What the watcher knows about the feed at `url`.
            pub fn feed_state(
                &self,
                url: &str,
            ) -> Result<Option<crate::FeedState>, crate::StoreError> {
                crate::feeds::feed_state(&mut *crate::db::Backend::plain(self)?, url)
            }

            /// Records what the watcher knows about the feed at `url`.
            pub fn set_feed_state(
                &self,
                url: &str,
                state: &crate::FeedState,
            ) -> Result<(), crate::StoreError> {
                crate::feeds::set_feed_state(&mut *crate::db::Backend::plain(self)?, url, state)
            }

            /// Takes the lease of the feed at `url` for `worker` for `lease` (from now), unless
            /// another worker holds one that has not run out ([`crate::Claim::Held`]); a lease
            /// held by `take_over` (a worker the caller knows is dead: a killed watcher's) is
            /// taken all the same. On success, the feed's state as the lease found it (the
            /// default for a feed never polled), read by the same statement, so the caller sees
            /// another worker's poll that ended just before. Taking a lease one holds renews it.
            pub fn claim_feed(
                &mut self,
                url: &str,
                worker: &str,
                lease: std::time::Duration,
                take_over: Option<&str>,
            ) -> Result<crate::Claim, crate::StoreError> {
                crate::lease::claim_feed(
                    &mut *crate::db::Backend::plain(self)?,
                    url,
                    worker,
                    lease,
                    take_over,
                    crate::ops::now_secs(),
                )
            }

            /// Gives back the lease of the feed at `url` when `worker` holds it (a no-op
            /// otherwise).
            pub fn release_feed(&self, url: &str, worker: &str) -> Result<(), crate::StoreError> {
                crate::lease::release_feed(&mut *crate::db::Backend::plain(self)?, url, worker)
            }

            /// Calls `f` with each article matching `filter` and its analysis, in the order of
            /// [`crate::Store::articles`], reading one row at a time. `f` stops the walk with
            /// `ControlFlow::Break`; it may read this store, never write it. Returns how many
            /// articles were visited.
            pub fn for_each_article(
                &self,
                filter: &crate::ArticleFilter,
                f: &mut dyn FnMut(
                    khabar_model::Document,
                    Option<khabar_model::Analysis>,
                ) -> std::ops::ControlFlow<()>,
            ) -> Result<usize, crate::StoreError> {
                crate::ops::for_each_article(&mut *crate::db::Backend::plain(self)?, filter, f)
            }

            /// Calls `f` with each story in list order (last published first), one row at a
            /// time; `f` may read this store, never write it.
            pub fn for_each_story(
                &self,
                f: &mut dyn FnMut(khabar_model::Story) -> std::ops::ControlFlow<()>,
            ) -> Result<usize, crate::StoreError> {
                crate::ops::for_each_story(&mut *crate::db::Backend::plain(self)?, f)
            }

            /// Group every stored article into stories again (one pass in (time, id) order),
            /// keeping the ids shown before (merged ids become redirects), and record what later
            /// `update_stories` calls need. Reads the whole store: for the first grouping of a
            /// store and for `khabar regroup`.
            pub fn regroup_stories(
                &mut self,
                config: &khabar_story::Config,
            ) -> Result<crate::StoryUpdate, crate::StoreError> {
                crate::live::regroup_stories(self, config)
            }

            /// Place the articles written since the last update (by any process) into stories,
            /// touching only the stories near them in time; see the `live` module. The first
            /// update of a store (nothing recorded yet) is a full `regroup_stories`. Reads and
            /// decides in a read transaction (other writers go on meanwhile), then writes under
            /// the story lock, unless another update wrote stories in between: then it starts
            /// again (a few times; after that the articles wait for the next update).
            pub fn update_stories(
                &mut self,
                config: &khabar_story::Config,
            ) -> Result<crate::StoryUpdate, crate::StoreError> {
                crate::live::update_stories(self, config)
            }
        }

        impl crate::Store for $t {
            fn put_articles(
                &mut self,
                items: &[(khabar_model::Document, Option<khabar_model::Analysis>)],
            ) -> Result<Vec<crate::PutOutcome>, crate::StoreError> {
                crate::ops::put_batch(self, items, &mut |_, _| Ok(()))
            }

            fn article(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<khabar_model::Document>, crate::StoreError> {
                crate::ops::article(&mut *crate::db::Backend::plain(self)?, id)
            }

            fn analysis(
                &self,
                id: &khabar_model::ArticleId,
            ) -> Result<Option<khabar_model::Analysis>, crate::StoreError> {
                crate::ops::analysis(&mut *crate::db::Backend::plain(self)?, id)
            }

            fn articles(&self) -> Result<Vec<khabar_model::Document>, crate::StoreError> {
                crate::ops::articles(&mut *crate::db::Backend::plain(self)?)
            }

            fn articles_with_analyses(
                &self,
            ) -> Result<
                Vec<(khabar_model::Document, Option<khabar_model::Analysis>)>,
                crate::StoreError,
            > {
                crate::ops::articles_with_analyses(&mut *crate::db::Backend::plain(self)?)
            }

            fn article_count(&self) -> Result<usize, crate::StoreError> {
                crate::ops::article_count(&mut *crate::db::Backend::plain(self)?)
            }

            fn replace_stories(
                &mut self,
                stories: &[khabar_model::Story],
            ) -> Result<(), crate::StoreError> {
                crate::ops::replace_stories(self, stories)
            }

            fn stories(&self) -> Result<Vec<khabar_model::Story>, crate::StoreError> {
                crate::ops::stories(&mut *crate::db::Backend::plain(self)?)
            }

            fn story(
                &self,
                id: &khabar_model::StoryId,
            ) -> Result<Option<khabar_model::Story>, crate::StoreError> {
                crate::ops::story(&mut *crate::db::Backend::plain(self)?, id)
            }

            fn story_of(
                &self,
                article: &khabar_model::ArticleId,
            ) -> Result<Option<khabar_model::StoryId>, crate::StoreError> {
                crate::ops::story_of(&mut *crate::db::Backend::plain(self)?, article)
            }
        }
    };
}
