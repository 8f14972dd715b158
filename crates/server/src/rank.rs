//! "Top stories now": stories ranked by how many independent outlets report them, how fast they
//! grow and how recent they are; and the language coverage view (stories only Hindi or only
//! English outlets report).
//!
//! - **Independent outlets**: the distinct outlets of the story's articles that are not wire
//!   copies or reprints (every article of a [`khabar_model::CopyGroup`] but its original counts
//!   once, as the original); an article without an outlet counts as its own outlet.
//! - **Growth**: independent articles published in the 24 hours before "now".
//! - **Recency**: the score halves for every 24 hours between the story's last article and "now".
//!
//! `score = (independent outlets + growth / 2) × 0.5^(age in hours / 24)`.
//!
//! "Now" is the newest publication time in the store (not the clock), so that the same store
//! always gives the same ranking and an archive is ranked as it stood when its last article came.

use crate::snapshot::Snapshot;
use khabar_model::{ArticleId, Story};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// How long, in hours, growth looks back and the score takes to halve.
pub const WINDOW_HOURS: f64 = 24.0;

/// A story with its rank and the parts of it.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub story: Arc<Story>,
    pub score: f64,
    pub independent_outlets: usize,
    pub growth: usize,
}

/// The newest publication time (Unix seconds) among the articles, if any is dated.
pub fn now_of(snap: &Snapshot) -> Option<i64> {
    snap.articles
        .iter()
        .filter_map(|a| a.published.map(|p| p.timestamp()))
        .max()
}

/// Ranks one story as of `now` (Unix seconds).
pub fn rank_story(snap: &Snapshot, s: &Arc<Story>, now: i64) -> Ranked {
    let copies: HashSet<&ArticleId> = s.copies.iter().flat_map(|g| g.copies.iter()).collect();
    let mut outlets: BTreeSet<String> = BTreeSet::new();
    let mut growth = 0;
    let window = (WINDOW_HOURS * 3600.0) as i64;
    for a in s.articles.iter().filter(|a| !copies.contains(a)) {
        let meta = snap.article(a.as_str());
        let outlet = meta
            .and_then(|m| m.outlet.as_deref())
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_lowercase)
            .unwrap_or_else(|| format!("\u{0}{}", a.as_str()));
        outlets.insert(outlet);
        if let Some(t) = meta.and_then(|m| m.published).map(|p| p.timestamp()) {
            if t <= now && now - t < window {
                growth += 1;
            }
        }
    }
    let age_hours = s
        .last_published
        .map(|t| ((now - t.timestamp()).max(0)) as f64 / 3600.0);
    let decay = match age_hours {
        Some(h) => 0.5f64.powf(h / WINDOW_HOURS),
        // Undated stories sink below every dated one of the same size.
        None => 0.0,
    };
    let independent_outlets = outlets.len();
    let score = (independent_outlets as f64 + growth as f64 / 2.0) * decay;
    Ranked {
        story: s.clone(),
        score,
        independent_outlets,
        growth,
    }
}

/// The stories passing `keep`, best first (ties: more outlets, then the list order).
pub fn top(snap: &Snapshot, now: i64, keep: impl Fn(&Story) -> bool) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = snap
        .stories
        .iter()
        .filter(|s| keep(s))
        .map(|s| rank_story(snap, s, now))
        .collect();
    // The list order (a stable sort keeps it for ties) is itself deterministic.
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.independent_outlets.cmp(&a.independent_outlets))
    });
    out
}

/// Which languages a story's outlets write in, for the coverage view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    OnlyHindi,
    OnlyEnglish,
    Both,
    Other,
}

pub fn coverage(s: &Story) -> Coverage {
    let mut hi = false;
    let mut en = false;
    let mut other = false;
    for l in &s.languages {
        match l.trim().to_ascii_lowercase().as_str() {
            "hi" => hi = true,
            "en" => en = true,
            _ => other = true,
        }
    }
    match (hi, en, other) {
        (true, false, false) => Coverage::OnlyHindi,
        (false, true, false) => Coverage::OnlyEnglish,
        (true, true, _) => Coverage::Both,
        _ => Coverage::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::ArticleMeta;
    use khabar_model::{CopyGroup, PubTime, StoryId};
    use std::collections::HashMap;

    fn meta(id: &str, outlet: &str, t: &str) -> ArticleMeta {
        ArticleMeta {
            id: ArticleId(id.into()),
            title: Some(id.into()),
            outlet: Some(outlet.into()),
            language: Some("hi".into()),
            published: PubTime::parse(t).ok(),
            url: None,
            story: None,
        }
    }

    fn story(id: &str, arts: &[&ArticleMeta], copies: Vec<CopyGroup>, langs: &[&str]) -> Story {
        let times: Vec<PubTime> = arts.iter().filter_map(|a| a.published).collect();
        Story {
            id: StoryId(id.into()),
            title: id.into(),
            articles: arts.iter().map(|a| a.id.clone()).collect(),
            outlets: Vec::new(),
            languages: langs.iter().map(|l| l.to_string()).collect(),
            first_published: times.iter().min_by_key(|t| t.timestamp()).copied(),
            last_published: times.iter().max_by_key(|t| t.timestamp()).copied(),
            shared_terms: Vec::new(),
            entities: Vec::new(),
            copies,
            timeline: Vec::new(),
            comparison: Default::default(),
        }
    }

    fn snap(articles: Vec<ArticleMeta>, stories: Vec<Story>) -> Snapshot {
        let article_pos: HashMap<ArticleId, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let stories: Vec<Arc<Story>> = stories.into_iter().map(Arc::new).collect();
        let story_pos = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Snapshot {
            stories,
            story_pos,
            articles,
            article_pos,
            ..Default::default()
        }
    }

    #[test]
    fn copies_count_once_and_outlets_rank() {
        let a1 = meta("a1", "Jagran", "2022-01-10T10:00:00+05:30");
        let a2 = meta("a2", "Amar Ujala", "2022-01-10T11:00:00+05:30");
        // a3: a wire copy of a1 in a third outlet.
        let a3 = meta("a3", "Live Hindustan", "2022-01-10T11:30:00+05:30");
        let b1 = meta("b1", "Jagran", "2022-01-10T09:00:00+05:30");
        let b2 = meta("b2", "Bhaskar", "2022-01-10T09:30:00+05:30");
        let copy = CopyGroup {
            original: a1.id.clone(),
            copies: vec![a3.id.clone()],
            agency: Some("PTI".into()),
        };
        let s1 = story("s1", &[&a1, &a2, &a3], vec![copy], &["hi"]);
        let s2 = story("s2", &[&b1, &b2], vec![], &["hi"]);
        let sn = snap(vec![a1, a2, a3, b1, b2], vec![s1, s2]);
        let now = now_of(&sn).unwrap();
        let r = top(&sn, now, |_| true);
        let s1r = r.iter().find(|r| r.story.id.0 == "s1").unwrap();
        assert_eq!(s1r.independent_outlets, 2, "the copy counts once");
        assert_eq!(s1r.growth, 2);
        // Same outlet count, but s1 is newer: it ranks first.
        assert_eq!(r[0].story.id.0, "s1");
        assert!(r[0].score > r[1].score);
    }

    #[test]
    fn old_stories_decay_below_fresh_ones() {
        let old: Vec<ArticleMeta> = (0..4)
            .map(|i| {
                meta(
                    &format!("o{i}"),
                    &format!("O{i}"),
                    "2022-01-01T10:00:00+00:00",
                )
            })
            .collect();
        let fresh = meta("f", "F", "2022-01-10T10:00:00+00:00");
        let so = story("old", &old.iter().collect::<Vec<_>>(), vec![], &["en"]);
        let sf = story("fresh", &[&fresh], vec![], &["en"]);
        let mut arts = old.clone();
        arts.push(fresh);
        let sn = snap(arts, vec![so, sf]);
        let r = top(&sn, now_of(&sn).unwrap(), |_| true);
        assert_eq!(
            r[0].story.id.0, "fresh",
            "four outlets nine days ago rank below one today"
        );
        assert_eq!(r[1].growth, 0);
    }

    #[test]
    fn undated_stories_rank_by_outlets() {
        let mut a = meta("a", "A", "2022-01-01");
        let mut b = meta("b", "B", "2022-01-01");
        let mut c = meta("c", "C", "2022-01-01");
        for m in [&mut a, &mut b, &mut c] {
            m.published = None;
        }
        let one = story("one", &[&a], vec![], &["hi"]);
        let two = story("two", &[&b, &c], vec![], &["hi"]);
        let sn = snap(vec![a, b, c], vec![one, two]);
        assert_eq!(now_of(&sn), None);
        let r = top(&sn, 0, |_| true);
        assert_eq!(r.len(), 2, "undated stories are still ranked");
        assert_eq!(r[0].story.id.0, "two");
    }

    #[test]
    fn coverage_by_language() {
        let a = meta("a", "X", "2022-01-01");
        assert_eq!(
            coverage(&story("h", &[&a], vec![], &["hi"])),
            Coverage::OnlyHindi
        );
        assert_eq!(
            coverage(&story("e", &[&a], vec![], &["en"])),
            Coverage::OnlyEnglish
        );
        assert_eq!(
            coverage(&story("b", &[&a], vec![], &["hi", "en"])),
            Coverage::Both
        );
        assert_eq!(coverage(&story("n", &[&a], vec![], &[])), Coverage::Other);
    }
}
