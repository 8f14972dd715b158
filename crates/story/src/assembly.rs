//! Assembly of a story from its group: members, outlets, entities, copies, timeline and
//! comparison.

use crate::*;
use khabar_model::{
    Analysis, ArticleId, CopyGroup, Document, EntityId, EntityKind, MentionRelation, PubTime,
    Story, StoryEntity,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The analysed members that are independent reports: a reprint of another member (a copy of
/// one wire or agency text under another name) is left out, so it counts once in the
/// comparison, under its original; the story's copy groups show the reprints.
pub(crate) fn independent<'a>(
    analysed: &[(&'a Document, &'a Analysis)],
    g: &Group,
) -> Vec<(&'a Document, &'a Analysis)> {
    let copies: HashSet<&ArticleId> = g
        .copies
        .iter()
        .filter_map(|&(_, c)| g.articles.get(c))
        .collect();
    analysed
        .iter()
        .filter(|(d, _)| !copies.contains(&d.id))
        .copied()
        .collect()
}

pub(crate) struct Assembly<'a> {
    pub(crate) docs: &'a [&'a Document],
    pub(crate) by_id: &'a HashMap<&'a str, &'a Analysis>,
    /// Stream position → index in `docs`.
    pub(crate) stream_docs: &'a [usize],
}

impl Assembly<'_> {
    pub(crate) fn assemble(&self, g: Group) -> Story {
        let members: Vec<&Document> = g
            .positions
            .iter()
            .map(|&p| self.docs[self.stream_docs[p]])
            .collect();
        self.assemble_members(&g, &members)
    }

    /// The story of a group whose members (in the group's order) are `members`.
    pub(crate) fn assemble_members(&self, g: &Group, members: &[&Document]) -> Story {
        let mut outlets: Vec<String> = members.iter().filter_map(|d| d.outlet.clone()).collect();
        outlets.sort();
        outlets.dedup();
        let mut languages: Vec<String> =
            members.iter().filter_map(|d| d.language.clone()).collect();
        languages.sort();
        languages.dedup();
        let published: Vec<PubTime> = members.iter().filter_map(|d| d.published).collect();
        let analysed: Vec<(&Document, &Analysis)> = members
            .iter()
            .filter_map(|d| Some((*d, *self.by_id.get(d.id.as_str())?)))
            .collect();
        let founder = title_source(members);
        let title = founder
            .and_then(|d| d.title.clone())
            .or_else(|| {
                founder.map(|d| {
                    d.text
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(120)
                        .collect()
                })
            })
            .unwrap_or_default();
        Story {
            id: g.id.clone(),
            title,
            articles: members.iter().map(|d| d.id.clone()).collect(),
            outlets,
            languages,
            first_published: published.iter().min().copied(),
            last_published: published.iter().max().copied(),
            shared_terms: g.shared_terms.clone(),
            entities: self.entities(members),
            copies: self.copy_groups(g, members),
            comparison: compare::compare(&independent(&analysed, g)),
            timeline: timeline::timeline(&analysed),
        }
    }

    /// The linked entities of a story, most salient first (salience = share of articles naming
    /// the entity, weighted up for people and places).
    pub(crate) fn entities(&self, members: &[&Document]) -> Vec<StoryEntity> {
        let mut acc: BTreeMap<&EntityId, (String, EntityKind, usize, usize)> = BTreeMap::new();
        for d in members {
            let Some(a) = self.by_id.get(d.id.as_str()) else {
                continue;
            };
            let mut here: HashSet<&EntityId> = HashSet::new();
            for m in &a.mentions {
                let Some(e) = &m.entity else { continue };
                if m.relation != MentionRelation::Names {
                    continue;
                }
                let r = a.entities.iter().find(|r| &r.id == e);
                let entry = acc.entry(e).or_insert_with(|| {
                    (
                        r.map_or_else(|| m.text.clone(), |r| r.name.clone()),
                        r.map_or(m.kind, |r| r.kind),
                        0,
                        0,
                    )
                });
                entry.2 += 1;
                if here.insert(e) {
                    entry.3 += 1;
                }
            }
        }
        let n = members.len().max(1) as f32;
        let mut out: Vec<StoryEntity> = acc
            .into_iter()
            .map(|(id, (name, kind, mentions, articles))| StoryEntity {
                id: id.clone(),
                name,
                kind,
                mentions,
                articles,
                salience: articles as f32 / n * entity_weight(kind),
            })
            .collect();
        out.sort_by(|a, b| {
            b.salience
                .total_cmp(&a.salience)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.id.cmp(&b.id))
        });
        out.truncate(20);
        out
    }

    /// Copies grouped under the earliest article they copy (directly or through another copy).
    pub(crate) fn copy_groups(&self, g: &Group, members: &[&Document]) -> Vec<CopyGroup> {
        let mut root: HashMap<usize, usize> = HashMap::new();
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(orig, copy) in &g.copies {
            let r = root.get(&orig).copied().unwrap_or(orig);
            root.insert(copy, r);
            groups.entry(r).or_default().push(copy);
        }
        groups
            .into_iter()
            .map(|(orig, copies)| {
                let agency = std::iter::once(orig)
                    .chain(copies.iter().copied())
                    .find_map(|i| copies::agency(members[i]));
                CopyGroup {
                    original: members[orig].id.clone(),
                    copies: copies.iter().map(|&i| members[i].id.clone()).collect(),
                    agency,
                }
            })
            .collect()
    }
}

/// The article whose headline names a story: the first member written in the language most of
/// its members are in (a tie goes to Hindi, the language khabar reads first, then to the
/// founder's), so that a story of two Hindi reports and one English wire is headed in Hindi
/// even when the wire came first.
pub(crate) fn title_source<'a>(members: &[&'a Document]) -> Option<&'a Document> {
    let founder = *members.first()?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for d in members {
        let Some(lang) = d.language.as_deref() else {
            continue;
        };
        match counts.iter_mut().find(|(l, _)| *l == lang) {
            Some(c) => c.1 += 1,
            None => counts.push((lang, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max()?;
    let tied: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| *n == most)
        .map(|(l, _)| *l)
        .collect();
    let lang = if tied.contains(&"hi") {
        "hi"
    } else if let Some(l) = founder.language.as_deref().filter(|l| tied.contains(l)) {
        l
    } else {
        tied.first().copied()?
    };
    members
        .iter()
        .find(|d| d.language.as_deref() == Some(lang) && d.title.is_some())
        .copied()
        .or(Some(founder))
}
