//! Readers' corrections: merge two stories, or split articles out of their story.
//!
//! Corrections are kept by the caller (for example in the store) and applied after every
//! clustering run with [`apply_corrections`], so they survive regrouping. Ids stay stable: a
//! merge keeps the id of the story merged into, and a split-off story takes the id derived from
//! its first article (`StoryId::from_key`), as a story founded by that article would.

use khabar_model::{ArticleId, CopyGroup, Document, PubTime, Story, StoryEntity, StoryId};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// Move every article of `from` into `into`.
    Merge { into: StoryId, from: StoryId },
    /// Take these articles out of their stories into one new story.
    Split { articles: Vec<ArticleId> },
}

/// Apply corrections in order. Corrections naming stories or articles that no longer exist are
/// skipped. `docs` supplies outlets, languages and dates for the rebuilt stories.
pub fn apply_corrections(
    mut stories: Vec<Story>,
    docs: &[&Document],
    corrections: &[Correction],
) -> Vec<Story> {
    let by_id: HashMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), *d)).collect();
    for c in corrections {
        match c {
            Correction::Merge { into, from } => {
                if into == from {
                    continue;
                }
                let (Some(i), Some(j)) = (
                    stories.iter().position(|s| &s.id == into),
                    stories.iter().position(|s| &s.id == from),
                ) else {
                    continue;
                };
                let donor = stories[j].clone();
                let s = &mut stories[i];
                s.articles.extend(donor.articles);
                s.copies.extend(donor.copies);
                for t in donor.shared_terms {
                    if !s.shared_terms.contains(&t) {
                        s.shared_terms.push(t);
                    }
                }
                merge_entities(&mut s.entities, donor.entities);
                refresh(s, &by_id);
                stories.remove(j);
            }
            Correction::Split { articles } => {
                let moving: HashSet<&ArticleId> = articles.iter().collect();
                let mut taken: Vec<ArticleId> = Vec::new();
                for s in stories.iter_mut() {
                    let before = s.articles.len();
                    s.articles.retain(|a| {
                        if moving.contains(a) {
                            taken.push(a.clone());
                            false
                        } else {
                            true
                        }
                    });
                    if s.articles.len() != before {
                        s.copies = prune_copies(std::mem::take(&mut s.copies), &s.articles);
                        refresh(s, &by_id);
                    }
                }
                stories.retain(|s| !s.articles.is_empty());
                if taken.is_empty() {
                    continue;
                }
                let mut s = Story {
                    id: StoryId::from_key(""),
                    title: String::new(),
                    articles: taken,
                    outlets: vec![],
                    languages: vec![],
                    first_published: None,
                    last_published: None,
                    shared_terms: vec![],
                    entities: vec![],
                    copies: vec![],
                    timeline: vec![],
                    comparison: Default::default(),
                };
                refresh(&mut s, &by_id);
                s.id = StoryId::from_key(s.articles[0].as_str());
                s.title = by_id
                    .get(s.articles[0].as_str())
                    .and_then(|d| d.title.clone())
                    .unwrap_or_default();
                stories.push(s);
            }
        }
    }
    stories
}

/// Keep copy groups whose original is still in the story, with the copies still in it.
fn prune_copies(groups: Vec<CopyGroup>, articles: &[ArticleId]) -> Vec<CopyGroup> {
    let here: HashSet<&ArticleId> = articles.iter().collect();
    groups
        .into_iter()
        .filter(|g| here.contains(&g.original))
        .map(|mut g| {
            g.copies.retain(|c| here.contains(c));
            g
        })
        .filter(|g| !g.copies.is_empty())
        .collect()
}

fn merge_entities(into: &mut Vec<StoryEntity>, from: Vec<StoryEntity>) {
    for e in from {
        match into.iter_mut().find(|x| x.id == e.id) {
            Some(x) => {
                x.mentions += e.mentions;
                x.articles += e.articles;
                x.salience = x.salience.max(e.salience);
            }
            None => into.push(e),
        }
    }
    into.sort_by(|a, b| b.salience.total_cmp(&a.salience).then(a.id.cmp(&b.id)));
}

/// Re-sort articles oldest first and recompute outlets, languages and dates.
fn refresh(s: &mut Story, by_id: &HashMap<&str, &Document>) {
    let key = |a: &ArticleId| {
        let p = by_id
            .get(a.as_str())
            .and_then(|d| d.published)
            .map(|p| p.timestamp());
        (p.is_none(), p, a.clone())
    };
    s.articles.sort_by_key(key);
    s.articles.dedup();
    let docs: Vec<&Document> = s
        .articles
        .iter()
        .filter_map(|a| by_id.get(a.as_str()).copied())
        .collect();
    let mut outlets: Vec<String> = docs.iter().filter_map(|d| d.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();
    let mut languages: Vec<String> = docs.iter().filter_map(|d| d.language.clone()).collect();
    languages.sort();
    languages.dedup();
    let published: Vec<PubTime> = docs.iter().filter_map(|d| d.published).collect();
    s.outlets = outlets;
    s.languages = languages;
    s.first_published = published.iter().min().copied();
    s.last_published = published.iter().max().copied();
}
