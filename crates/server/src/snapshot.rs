//! What the server keeps in memory: the story list, light article metadata and the entity index.
//! Built from the store in one pass; replaced as a whole after an ingest. (Search has its own
//! index on disk: [`crate::search`].)

use chrono::NaiveDate;
use khabar_model::{ArticleId, EntityId, EntityKind, EntityRef, PubTime, Story, StoryId};
use khabar_store::{ArticleFilter, Store, StoreError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

/// What lists show of an article (no text).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub published: Option<PubTime>,
    pub url: Option<String>,
    pub story: Option<StoryId>,
}

/// An entity across the whole store.
#[derive(Debug, Clone, Serialize)]
pub struct EntityInfo {
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Mentions across all articles.
    pub mentions: usize,
    /// Articles that mention it, oldest first.
    pub articles: Vec<ArticleId>,
    /// Stories that hold those articles, in story-list order.
    pub stories: Vec<StoryId>,
    /// The articles whose every mention of it is below the confidence bar
    /// ([`khabar_model::CONFIDENT`]): the name there may mean another entity (issue #15).
    #[serde(skip)]
    pub uncertain_in: HashSet<ArticleId>,
}

/// A story as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub title: String,
    pub articles: usize,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    pub first_published: Option<PubTime>,
    pub last_published: Option<PubTime>,
    /// The most salient entities (at most five), names only.
    pub entities: Vec<String>,
}

impl StorySummary {
    pub fn of(s: &Story) -> StorySummary {
        StorySummary {
            id: s.id.clone(),
            title: s.title.clone(),
            articles: s.articles.len(),
            outlets: s.outlets.clone(),
            languages: s.languages.clone(),
            first_published: s.first_published,
            last_published: s.last_published,
            entities: s.entities.iter().take(5).map(|e| e.name.clone()).collect(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Snapshot {
    /// Stories in list order: last published first, then id; undated last.
    pub stories: Vec<Arc<Story>>,
    pub story_pos: HashMap<StoryId, usize>,
    /// Articles in store order: published first to last, undated last.
    pub articles: Vec<ArticleMeta>,
    pub article_pos: HashMap<ArticleId, usize>,
    /// Entities, most-reported first.
    pub entities: Vec<EntityInfo>,
    pub entity_pos: HashMap<EntityId, usize>,
    /// The store's change sequence when the build began: the snapshot holds at least every
    /// change up to it ([`khabar_store::StoreOps::seq`]).
    pub seq: i64,
}

/// The sort key of a story in the list: dated before undated, newest first, then id.
pub fn story_key(s: &Story) -> (bool, i64, String) {
    match s.last_published {
        Some(t) => (false, -t.timestamp(), s.id.0.clone()),
        None => (true, 0, s.id.0.clone()),
    }
}

/// The sort key of an article: dated before undated, oldest first, then id.
pub fn article_key(a: &ArticleMeta) -> (bool, i64, String) {
    match a.published {
        Some(t) => (false, t.timestamp(), a.id.0.clone()),
        None => (true, 0, a.id.0.clone()),
    }
}

/// Articles per day for a set of articles (undated ones are not counted).
pub fn per_day<'a>(metas: impl Iterator<Item = &'a ArticleMeta>) -> BTreeMap<NaiveDate, usize> {
    let mut out = BTreeMap::new();
    for m in metas {
        if let Some(p) = m.published {
            *out.entry(p.date()).or_insert(0) += 1;
        }
    }
    out
}

impl Snapshot {
    /// Reads every story, article and analysis once.
    pub fn build(store: &dyn Store) -> Result<Snapshot, StoreError> {
        let seq = store.seq()?;
        let mut stories: Vec<Arc<Story>> = store.stories()?.into_iter().map(Arc::new).collect();
        stories.sort_by_cached_key(|s| story_key(s));
        let story_pos: HashMap<StoryId, usize> = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut story_of: HashMap<&ArticleId, &StoryId> = HashMap::new();
        for s in &stories {
            for a in &s.articles {
                story_of.entry(a).or_insert(&s.id);
            }
        }

        let mut articles = Vec::new();
        let mut entities: Vec<EntityInfo> = Vec::new();
        let mut entity_pos: HashMap<EntityId, usize> = HashMap::new();
        store.for_each_article(&ArticleFilter::default(), &mut |doc, analysis| {
            let story = story_of.get(&doc.id).map(|s| (*s).clone());
            let meta = ArticleMeta {
                id: doc.id.clone(),
                title: doc.title.clone(),
                outlet: doc.outlet.clone(),
                language: doc.language.clone(),
                published: doc.published,
                url: doc.url.clone(),
                story,
            };
            if let Some(a) = &analysis {
                let mut counts: HashMap<&EntityId, usize> = HashMap::new();
                for m in &a.mentions {
                    if let Some(e) = &m.entity {
                        *counts.entry(e).or_insert(0) += 1;
                    }
                }
                for e in &a.entities {
                    let n = counts.get(&e.id).copied().unwrap_or(0);
                    let i = *entity_pos.entry(e.id.clone()).or_insert_with(|| {
                        entities.push(EntityInfo {
                            entity: e.clone(),
                            mentions: 0,
                            articles: Vec::new(),
                            stories: Vec::new(),
                            uncertain_in: HashSet::new(),
                        });
                        entities.len() - 1
                    });
                    let info = &mut entities[i];
                    info.mentions += n;
                    if info.articles.last() != Some(&doc.id) {
                        info.articles.push(doc.id.clone());
                    }
                    // Its confidence is that of its surest article.
                    info.entity.confidence = info.entity.confidence.max(e.confidence);
                    if e.confidence < khabar_model::CONFIDENT {
                        info.uncertain_in.insert(doc.id.clone());
                    }
                    // Prefer a Hindi name from any article that knows one.
                    if info.entity.name_hi.is_none() && e.name_hi.is_some() {
                        info.entity.name_hi = e.name_hi.clone();
                    }
                }
            }
            articles.push(meta);
            ControlFlow::Continue(())
        })?;
        let article_pos: HashMap<ArticleId, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        for info in &mut entities {
            let mut st: Vec<usize> = info
                .articles
                .iter()
                .filter_map(|a| article_pos.get(a))
                .filter_map(|&i| articles[i].story.as_ref())
                .filter_map(|s| story_pos.get(s).copied())
                .collect();
            st.sort_unstable();
            st.dedup();
            info.stories = st.into_iter().map(|i| stories[i].id.clone()).collect();
        }
        entities.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.mentions.cmp(&a.mentions))
                .then(a.entity.id.cmp(&b.entity.id))
        });
        let entity_pos = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.entity.id.clone(), i))
            .collect();
        Ok(Snapshot {
            stories,
            story_pos,
            articles,
            article_pos,
            entities,
            entity_pos,
            seq,
        })
    }

    pub fn story(&self, id: &str) -> Option<&Arc<Story>> {
        self.story_pos
            .get(&StoryId(id.to_string()))
            .map(|&i| &self.stories[i])
    }

    pub fn article(&self, id: &str) -> Option<&ArticleMeta> {
        self.article_pos
            .get(&ArticleId(id.to_string()))
            .map(|&i| &self.articles[i])
    }

    pub fn entity(&self, id: &str) -> Option<&EntityInfo> {
        self.entity_pos
            .get(&EntityId(id.to_string()))
            .map(|&i| &self.entities[i])
    }

    /// A short label for an entity id (its name, else the id).
    pub fn entity_name(&self, id: &EntityId) -> String {
        self.entity_pos
            .get(id)
            .map(|&i| self.entities[i].entity.name.clone())
            .unwrap_or_else(|| id.0.clone())
    }

    pub fn entity_kind(&self, id: &EntityId) -> Option<EntityKind> {
        self.entity_pos
            .get(id)
            .map(|&i| self.entities[i].entity.kind)
    }
}
