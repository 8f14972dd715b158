//! Story ids that never change once shown.
//!
//! A fresh clustering names each story after its founding article ([`StoryId::from_key`]). When
//! stories were shown before, [`keep_ids`] carries the shown ids over to the new grouping:
//!
//! * a story that grew, or took an older article that arrived late, keeps its id (the id is
//!   held by its articles, not derived from whichever article is now the earliest);
//! * a split: the part holding most of the old story's articles keeps the id (ties go to the
//!   part that comes first in founding order); the other part is a new story;
//! * a merge: the story holding articles of several old stories keeps the oldest of their ids
//!   (the one whose earliest article was published first), and each other id becomes a
//!   redirect to it;
//! * a new story's id never reuses an id that was shown before (a kept id or a redirect).

use khabar_model::{ArticleId, Document, Story, StoryId};
use std::collections::{BTreeMap, HashMap, HashSet};

/// `old → survivor` pairs: ids that no longer name a story and the story that took them over.
pub type Redirects = Vec<(StoryId, StoryId)>;

/// Give `stories` the ids shown before. `prior` maps each article to the id of the story it was
/// shown in; `taken` holds every id shown before (stories and redirects), which a new story must
/// not reuse; `docs` gives publication times (to find the oldest of merged ids). Returns the
/// redirects of merged-away ids. Deterministic: the result depends only on its inputs.
pub fn keep_ids(
    stories: &mut [Story],
    docs: &[&Document],
    prior: &HashMap<ArticleId, StoryId>,
    taken: &HashSet<StoryId>,
) -> Redirects {
    let published: HashMap<&ArticleId, Option<i64>> = docs
        .iter()
        .map(|d| (&d.id, d.published.map(|p| p.timestamp())))
        .collect();
    keep_ids_with(stories, &published, prior, &mut |id| taken.contains(id))
}

/// [`keep_ids`] for callers that know publication times (Unix seconds) rather than documents
/// and cannot list every id shown before: `taken` says whether an id was shown (a stored story
/// or a redirect). Ids given out by this call are never given twice either.
pub fn keep_ids_with(
    stories: &mut [Story],
    published: &HashMap<&ArticleId, Option<i64>>,
    prior: &HashMap<ArticleId, StoryId>,
    taken: &mut dyn FnMut(&StoryId) -> bool,
) -> Redirects {
    // Prior id → (articles in each new story, its earliest article as (undated, time, id)).
    let mut held: BTreeMap<&StoryId, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut age: HashMap<&StoryId, (bool, i64, ArticleId)> = HashMap::new();
    for (i, s) in stories.iter().enumerate() {
        for a in &s.articles {
            let Some(p) = prior.get(a) else { continue };
            *held.entry(p).or_default().entry(i).or_insert(0) += 1;
            let t = published.get(a).copied().flatten();
            let key = (t.is_none(), t.unwrap_or(0), a.clone());
            match age.get_mut(p) {
                Some(k) if *k <= key => {}
                Some(k) => *k = key,
                None => {
                    age.insert(p, key);
                }
            }
        }
    }
    // Each prior id goes to the story holding most of its articles.
    let mut won: BTreeMap<usize, Vec<&StoryId>> = BTreeMap::new();
    for (p, by_story) in &held {
        if let Some((&i, _)) = by_story
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        {
            won.entry(i).or_default().push(p);
        }
    }
    let mut redirects = Redirects::new();
    let mut used: HashSet<StoryId> = HashSet::new();
    let mut fresh = Vec::new();
    for (i, s) in stories.iter_mut().enumerate() {
        match won.get_mut(&i) {
            Some(ids) => {
                ids.sort_by_key(|p| age.get(p).cloned());
                let survivor = ids[0].clone();
                for p in &ids[1..] {
                    redirects.push(((*p).clone(), survivor.clone()));
                }
                used.insert(survivor.clone());
                s.id = survivor;
            }
            None => fresh.push(i),
        }
    }
    for i in fresh {
        let s = &mut stories[i];
        let founder = s.articles.first().map_or("", ArticleId::as_str).to_string();
        let mut id = StoryId::from_key(&founder);
        let mut n = 1;
        while used.contains(&id) || taken(&id) {
            id = StoryId::from_key(&format!("{founder}#{n}"));
            n += 1;
        }
        used.insert(id.clone());
        s.id = id;
    }
    redirects.sort();
    redirects
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::PubTime;

    fn doc(id: &str, date: &str) -> Document {
        Document {
            id: ArticleId::from(id),
            source: String::new(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            authors: vec![],
            published: PubTime::parse(date).ok(),
            updated: None,
            language: None,
            dateline: None,
            text: String::new(),
            paragraphs: vec![],
            captions: vec![],
            dropped: vec![],
            fingerprint: id.into(),
        }
    }

    fn story(articles: &[&str]) -> Story {
        Story {
            id: StoryId::from_key(articles[0]),
            title: String::new(),
            articles: articles.iter().map(|a| ArticleId::from(*a)).collect(),
            outlets: vec![],
            languages: vec![],
            first_published: None,
            last_published: None,
            shared_terms: vec![],
            entities: vec![],
            copies: vec![],
            timeline: vec![],
            comparison: khabar_model::Comparison::default(),
        }
    }

    fn prior(pairs: &[(&str, &StoryId)]) -> HashMap<ArticleId, StoryId> {
        pairs
            .iter()
            .map(|(a, s)| (ArticleId::from(*a), (*s).clone()))
            .collect()
    }

    #[test]
    fn growth_and_backfill_keep_the_id() {
        let docs = [
            doc("a", "2022-01-10"),
            doc("b", "2022-01-10"),
            doc("old", "2022-01-09"),
        ];
        let d: Vec<&Document> = docs.iter().collect();
        let shown = StoryId::from_key("a");
        // The older article now founds the story: without the prior ids it would be renamed.
        let mut now = vec![story(&["old", "a", "b"])];
        assert_ne!(now[0].id, shown);
        let p = prior(&[("a", &shown)]);
        let taken = HashSet::from([shown.clone()]);
        let r = keep_ids(&mut now, &d, &p, &taken);
        assert_eq!(now[0].id, shown);
        assert!(r.is_empty());
    }

    #[test]
    fn merge_keeps_the_older_id_and_redirects_the_other() {
        let docs = [doc("x", "2022-01-09"), doc("y", "2022-01-10")];
        let d: Vec<&Document> = docs.iter().collect();
        let (older, newer) = (StoryId::from_key("x"), StoryId::from_key("y"));
        let p = prior(&[("x", &older), ("y", &newer)]);
        let taken = HashSet::from([older.clone(), newer.clone()]);
        // Listed with the newer article first: the age decides, not the order.
        let mut now = vec![story(&["y", "x"])];
        let r = keep_ids(&mut now, &d, &p, &taken);
        assert_eq!(now[0].id, older);
        assert_eq!(r, vec![(newer, older)]);
    }

    #[test]
    fn split_larger_part_keeps_the_id_and_the_other_gets_a_new_one() {
        let docs = [
            doc("a", "2022-01-09"),
            doc("b", "2022-01-10"),
            doc("c", "2022-01-10"),
        ];
        let d: Vec<&Document> = docs.iter().collect();
        let shown = StoryId::from_key("a");
        let p = prior(&[("a", &shown), ("b", &shown), ("c", &shown)]);
        let taken = HashSet::from([shown.clone()]);
        // `a` (the founder of the shown story) leaves alone; the larger part keeps the id, and
        // the new story must not take `from_key("a")`, which is the shown id.
        let mut now = vec![story(&["a"]), story(&["b", "c"])];
        let r = keep_ids(&mut now, &d, &p, &taken);
        assert_eq!(now[1].id, shown);
        assert_ne!(now[0].id, shown);
        assert!(r.is_empty());
        // Same input, same ids.
        let mut again = vec![story(&["a"]), story(&["b", "c"])];
        keep_ids(&mut again, &d, &p, &taken);
        assert_eq!(again, now);
    }

    #[test]
    fn unseen_stories_are_named_after_their_founder() {
        let docs = [doc("n", "2022-01-09")];
        let d: Vec<&Document> = docs.iter().collect();
        let mut now = vec![story(&["n"])];
        let r = keep_ids(&mut now, &d, &HashMap::new(), &HashSet::new());
        assert_eq!(now[0].id, StoryId::from_key("n"));
        assert!(r.is_empty());
    }
}
