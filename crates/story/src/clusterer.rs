//! The streaming [`Clusterer`]: candidate stories, the join decision, and the open state
//! bounded by the time window.

use crate::features::*;
use crate::{copies, linker, Config, Linker, Map, Set};
use khabar_model::{Analysis, ArticleId, Document, StoryId};
use std::collections::{BTreeMap, HashMap};

pub(crate) struct Forming {
    pub(crate) id: StoryId,
    /// Founding order.
    pub(crate) seq: usize,
    /// Stream positions of the members.
    pub(crate) members: Vec<usize>,
    pub(crate) articles: Vec<ArticleId>,
    /// Body vectors of the members (for the shared terms).
    pub(crate) vectors: Vec<Vector>,
    pub(crate) body: Centroid,
    pub(crate) title: Centroid,
    pub(crate) entities: Centroid,
    pub(crate) facts: Set<u64>,
    pub(crate) years: Set<u16>,
    pub(crate) fact_kinds: Set<u64>,
    pub(crate) values: Set<u64>,
    pub(crate) events: Set<u64>,
    pub(crate) days: Set<i32>,
    /// Sum of the members' sentence-encoder vectors (empty until a member has one).
    pub(crate) embedding: Vec<f32>,
    pub(crate) languages: Vec<Box<str>>,
    /// Gold label when the story was formed by [`Clusterer::push_labelled`] (training only).
    pub(crate) label: Option<Box<str>>,
    /// Its id is a stored story's ([`Clusterer::push_recorded`]), not derived from its founder.
    pub(crate) kept: bool,
    pub(crate) last: Option<i64>,
    /// Dated members and the sum of their times (for the mean time).
    pub(crate) dated: u32,
    pub(crate) ts_sum: f64,
    pub(crate) indexed: Set<u32>,
    pub(crate) indexed_entities: Set<u32>,
    /// (original member, copy member) stream positions.
    pub(crate) copies: Vec<(usize, usize)>,
}

impl Forming {
    /// Mean publication time of the dated members (Unix seconds).
    pub(crate) fn mean_time(&self) -> Option<f64> {
        (self.dated > 0).then(|| self.ts_sum / f64::from(self.dated))
    }
}

/// A story as the stream grouped it: its articles in arrival order and why they are together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: StoryId,
    /// Articles in the order they were pushed.
    pub articles: Vec<ArticleId>,
    /// Near-duplicates: (original, copy) as indexes into `articles`.
    pub copies: Vec<(usize, usize)>,
    /// Terms that two or more members share, strongest first.
    pub shared_terms: Vec<String>,
    /// Publication time (Unix seconds) of the latest member, when dated.
    pub last: Option<i64>,
    /// Stream positions of the members (for [`cluster`]'s assembly).
    pub(crate) positions: Vec<usize>,
    /// The id is a stored story's, handed in by [`Clusterer::push_recorded`]; otherwise it is
    /// derived from the founding article and may still have to give way to an id shown before.
    pub kept: bool,
}

/// An article made ready for the comparison with open stories.
pub(crate) struct Prepared {
    pub(crate) f: Features,
    pub(crate) body: Vector,
    pub(crate) title: Vector,
    pub(crate) ents: Vector,
    /// Stream position of the article it copies.
    pub(crate) copy: Option<usize>,
    /// The sentence encoder's unit vector of its headline and lead, when an encoder is set.
    pub(crate) embedding: Option<Vec<f32>>,
}

/// An article of a story that is still open.
pub(crate) struct LiveArticle {
    pub(crate) story: usize,
    pub(crate) ts: Option<i64>,
    pub(crate) sig: Option<copies::Signature>,
}

/// Streaming clustering with state bounded by the time window.
///
/// Push articles in publication order (articles a little late are fine: they are compared with
/// the stories still open). Every so often call [`Clusterer::finished`]: stories whose latest
/// article is more than [`Config::window_days`] older than the newest article pushed can no
/// longer grow, so they are handed out and everything kept for them (centroids, index entries,
/// copy signatures) is dropped. What stays is the open stories plus the vocabulary and its
/// document frequencies.
///
/// ```
/// # use khabar_story::{Clusterer, Config};
/// let mut c = Clusterer::new(Config::default());
/// // for (doc, analysis) in stream { c.push(&doc, analysis.as_ref()); for g in c.finished() { .. } }
/// let rest = c.finish();
/// assert!(rest.is_empty());
/// ```
pub struct Clusterer {
    pub(crate) config: Config,
    pub(crate) lexicon: Lexicon,
    pub(crate) terms: Interner,
    pub(crate) ent_names: Interner,
    pub(crate) df: Df,
    pub(crate) edf: Df,
    /// Open stories by founding number.
    pub(crate) stories: Map<usize, Forming>,
    pub(crate) next_story: usize,
    pub(crate) by_term: Map<u32, Vec<usize>>,
    pub(crate) by_entity: Map<u32, Vec<usize>>,
    /// Articles of open stories by stream position.
    pub(crate) live: Map<usize, LiveArticle>,
    pub(crate) copy_index: copies::CopyIndex,
    pub(crate) next_pos: usize,
    pub(crate) newest: Option<i64>,
    /// Open stories with a stored id ([`Clusterer::push_recorded`]), by that id.
    pub(crate) by_story: Map<StoryId, usize>,
    /// Stream positions of the articles pushed by [`Clusterer::push_recorded`] and
    /// [`Clusterer::push_recording`] (their records name copies by article id).
    pub(crate) by_article: Map<ArticleId, usize>,
    /// The sentence encoder, when one is set ([`Clusterer::with_embedder`]).
    pub(crate) embedder: Option<Box<dyn linker::Embedder>>,
}

pub(crate) fn top_terms(v: &Vector, k: usize) -> Vec<(u32, f32)> {
    let mut top: Vec<(u32, f32)> = v.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(k);
    top
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            lexicon: Lexicon::default(),
            terms: Interner::default(),
            ent_names: Interner::default(),
            df: Df::default(),
            edf: Df::default(),
            stories: Map::default(),
            next_story: 0,
            by_term: Map::default(),
            by_entity: Map::default(),
            live: Map::default(),
            copy_index: copies::CopyIndex::default(),
            next_pos: 0,
            newest: None,
            by_story: Map::default(),
            by_article: Map::default(),
            embedder: None,
        }
    }

    /// The same, comparing headlines and leads with a sentence encoder too (the linker's
    /// `embed` columns; give it a model trained with them).
    pub fn with_embedder(config: Config, embedder: Box<dyn linker::Embedder>) -> Self {
        Clusterer {
            embedder: Some(embedder),
            ..Clusterer::new(config)
        }
    }

    /// Stories still open.
    pub fn open_stories(&self) -> usize {
        self.stories.len()
    }

    /// Articles in the stories still open.
    pub fn open_articles(&self) -> usize {
        self.live.len()
    }

    /// Distinct terms seen (the part of the state that grows with the vocabulary, not the window).
    pub fn vocabulary(&self) -> usize {
        self.terms.ids.len()
    }

    /// Distinct spellings seen (cached with their search keys).
    pub fn spellings(&self) -> usize {
        self.lexicon.words.len()
    }

    pub(crate) fn in_window(&self, ts: Option<i64>, s: &Forming) -> bool {
        match (ts, s.last) {
            (Some(a), Some(b)) => (a - b).abs() <= self.config.window_days * 86_400,
            _ => true,
        }
    }

    /// The linker that decides for this article: the configured one when the article was
    /// analysed (the model is trained on analysed articles: without entities, counts and dates
    /// its features mean something else), else none and the hand-set lexical score decides.
    pub(crate) fn linker(&self, p: &Prepared) -> Option<&Linker> {
        self.config.linker.as_ref().filter(|_| p.f.analysed)
    }

    /// With the linker: the article is at most two windows from the story's mean publication
    /// time, so a story fed every few days cannot chain on for ever (the hand-set score decays
    /// with the same distance instead).
    pub(crate) fn near_mean(&self, p: &Prepared, s: &Forming) -> bool {
        if self.linker(p).is_none() {
            return true;
        }
        match (p.f.ts, s.mean_time()) {
            (Some(a), Some(mean)) => {
                (a as f64 - mean).abs() <= 2.0 * self.config.window_days as f64 * 86_400.0
            }
            _ => true,
        }
    }

    /// Candidate stories for an article: by shared index terms and entities, strongest first.
    pub(crate) fn candidates(
        &mut self,
        ts: Option<i64>,
        body: &Vector,
        ents: &Vector,
    ) -> Vec<usize> {
        let mut acc: BTreeMap<usize, f32> = BTreeMap::new();
        let window = self.config.window_days * 86_400;
        let stories = &self.stories;
        let mut visit = |index: &mut Map<u32, Vec<usize>>, t: u32, w: f32| {
            if let Some(list) = index.get_mut(&t) {
                // Stories out of the window stay out (articles come in time order): drop them.
                list.retain(|s| {
                    stories.get(s).is_some_and(|s| match (ts, s.last) {
                        (Some(now), Some(l)) => now - l <= window,
                        _ => true,
                    })
                });
                for &s in list.iter() {
                    *acc.entry(s).or_insert(0.0) += w;
                }
            }
        };
        for (t, w) in top_terms(body, self.config.index_terms) {
            visit(&mut self.by_term, t, w);
        }
        for &(e, w) in ents {
            visit(&mut self.by_entity, e, w);
        }
        let mut ranked: Vec<(usize, f32)> = acc.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    pub(crate) fn score(
        &self,
        s: &Forming,
        ts: Option<i64>,
        body: &Vector,
        title: &Vector,
        ents: &Vector,
        f: &Features,
    ) -> f32 {
        let c = &self.config;
        let mut num = c.text_weight * s.body.linked(body, s.members.len(), c.linkage);
        let mut den = c.text_weight;
        if !title.is_empty() {
            num += c.title_weight * s.title.cosine(title);
            den += c.title_weight;
        }
        if !ents.is_empty() && s.entities.norm2 > 0.0 {
            num += c.entity_weight * s.entities.cosine(ents);
            den += c.entity_weight;
        }
        let mut score = num / den;
        let shared = f
            .facts
            .iter()
            .filter(|x| s.facts.contains(x))
            .count()
            .min(2);
        score += c.fact_bonus * shared as f32;
        // Both name years and none in common: most likely a look-alike from another time.
        if !f.years.is_empty()
            && !s.years.is_empty()
            && !f.years.iter().any(|y| s.years.contains(y))
        {
            score *= c.year_conflict;
        }
        // Decay from the story's mean publication time, not its latest article: a story that
        // keeps taking an article every few days drifts away from its own past and cannot chain
        // on for ever (it closes, and a later report starts a new story).
        if let (Some(a), Some(mean)) = (ts, s.mean_time()) {
            let days = (a as f64 - mean).abs() as f32 / 86_400.0;
            score *= (-days / c.decay_days.max(0.01)).exp();
        }
        score
    }

    /// The earlier article this one copies, if any: the most similar above the threshold among
    /// the articles of open stories that are themselves inside the time window (a wire text
    /// re-run months later starts a new story, even when the story of its first run is still
    /// going).
    pub(crate) fn copy_of(&self, ts: Option<i64>, sig: &copies::Signature) -> Option<usize> {
        self.copy_index
            .candidates(sig)
            .into_iter()
            .filter_map(|j| {
                let a = self.live.get(&j)?;
                if let (Some(now), Some(then)) = (ts, a.ts) {
                    if (now - then).abs() > self.config.window_days * 86_400 {
                        return None;
                    }
                }
                Some((j, copies::jaccard(sig, a.sig.as_ref()?)))
            })
            .filter(|(_, sim)| *sim >= self.config.copy_jaccard)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(j, _)| j)
    }

    /// The article's vectors and features, with the document frequencies updated.
    pub(crate) fn prepare(&mut self, doc: &Document, analysis: Option<&Analysis>) -> Prepared {
        let x = extract(doc, analysis, &mut self.lexicon);
        let embedding = self.embedder.as_mut().and_then(|e| e.embed(doc));
        let mut p = self.prepare_extracted(x);
        p.embedding = embedding;
        p
    }

    /// [`Clusterer::prepare`] of an article extracted already ([`crate::extract`]), without a
    /// sentence embedding (the encoder reads the document: [`Clusterer::prepare`] adds it).
    pub(crate) fn prepare_extracted(&mut self, x: Extracted) -> Prepared {
        let config = self.config;
        let mut f = intern(x, &mut self.terms, &mut self.ent_names);
        self.df.observe(f.counts.iter().map(|(t, _)| *t));
        self.edf.observe(f.entities.iter().map(|(e, _)| *e));
        let body = weigh(&f.counts, &self.df, config.idf_prior, config.vector_terms);
        let title_counts: Vec<(u32, f32)> = f.title.iter().map(|&t| (t, 1.0)).collect();
        let title = weigh(&title_counts, &self.df, config.idf_prior, 0);
        let mut ents: Vector = f
            .entities
            .iter()
            .map(|&(e, w)| {
                (
                    e,
                    (1.0 + w.ln().max(0.0)) * w.min(1.0) * self.edf.idf(e, config.idf_prior),
                )
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        normalise(&mut ents);
        // The raw counts are weighed now: what is kept (and recorded) is the vectors.
        f.counts = Vec::new();
        f.title = Vec::new();
        f.entities = Vec::new();
        if let Some(ts) = f.ts {
            self.newest = Some(self.newest.map_or(ts, |n| n.max(ts)));
        }
        let copy = f.sig.as_ref().and_then(|s| self.copy_of(f.ts, s));
        Prepared {
            f,
            body,
            title,
            ents,
            copy,
            embedding: None,
        }
    }

    /// Open candidate stories inside the time window, each with its join score (the linker's
    /// probability, or the hand-set score when no linker is configured).
    pub(crate) fn scored(&mut self, p: &Prepared) -> Vec<(usize, f32, linker::Row)> {
        let cands = self.candidates(p.f.ts, &p.body, &p.ents);
        let mut rows: Vec<(usize, linker::Row)> = cands
            .into_iter()
            .filter_map(|k| {
                let s = self.stories.get(&k)?;
                (self.in_window(p.f.ts, s) && self.near_mean(p, s))
                    .then(|| (k, self.pair_features(s, p)))
            })
            .collect();
        linker::relate(&mut rows);
        rows.into_iter()
            .map(|(k, row)| {
                let score = match (self.linker(p), self.stories.get(&k)) {
                    (Some(l), _) => l.probability(&row),
                    (None, Some(s)) => self.score(s, p.f.ts, &p.body, &p.title, &p.ents, &p.f),
                    (None, None) => 0.0,
                };
                (k, score, row)
            })
            .collect()
    }

    /// Add one article; returns the id of the story it joined or founded.
    pub fn push(&mut self, doc: &Document, analysis: Option<&Analysis>) -> StoryId {
        let p = self.prepare(doc, analysis);
        self.decide(&doc.id, p)
    }

    /// [`Clusterer::push`] of an article extracted already, on any thread ([`crate::extract`]
    /// of the document and its analysis): the same decision and the same ids as `push`.
    pub fn push_extracted(&mut self, article: &ArticleId, x: Extracted) -> StoryId {
        let p = self.prepare_extracted(x);
        self.decide(article, p)
    }

    /// The join decision for a prepared article, and its insertion.
    pub(crate) fn decide(&mut self, article: &ArticleId, p: Prepared) -> StoryId {
        let threshold = match self.linker(&p) {
            Some(l) => l.cut,
            None if p.f.language.as_deref() == Some("hi") => self.config.threshold_hi,
            None => self.config.threshold,
        };
        let target = match p.copy.and_then(|j| self.live.get(&j)) {
            Some(a) => Some(a.story),
            None => {
                let scored = self.scored(&p);
                match self.linker(&p) {
                    Some(l) => l.choose(&scored),
                    None => scored
                        .into_iter()
                        .filter(|(_, sc, _)| *sc >= threshold)
                        // Highest score; ties go to the older story.
                        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                        .map(|(k, _, _)| k),
                }
            }
        };
        self.insert(article, p, target, None)
    }

    /// Training: add one article with its gold story label, following the gold grouping (the
    /// article joins the open story of its label, or founds one), and return the linker's
    /// feature rows for every candidate story the stream would have scored, each with whether
    /// it is the article's story. Copies join their original's story as in [`Clusterer::push`]
    /// and give no rows.
    pub fn push_labelled(
        &mut self,
        doc: &Document,
        analysis: Option<&Analysis>,
        label: &str,
    ) -> Vec<(linker::Row, bool)> {
        let p = self.prepare(doc, analysis);
        let rows: Vec<(linker::Row, bool)> = if p.copy.is_some() {
            Vec::new()
        } else {
            self.scored(&p)
                .into_iter()
                .map(|(k, _, row)| {
                    let same = self
                        .stories
                        .get(&k)
                        .is_some_and(|s| s.label.as_deref() == Some(label));
                    (row, same)
                })
                .collect()
        };
        let target = self
            .stories
            .iter()
            .filter(|(_, s)| s.label.as_deref() == Some(label) && self.in_window(p.f.ts, s))
            .map(|(&k, _)| k)
            .min();
        self.insert(&doc.id, p, target, Some(label));
        rows
    }

    pub(crate) fn insert(
        &mut self,
        article: &ArticleId,
        p: Prepared,
        target: Option<usize>,
        label: Option<&str>,
    ) -> StoryId {
        let config = self.config;
        let Prepared {
            f,
            body,
            title,
            ents,
            copy,
            embedding,
        } = p;
        let copy =
            copy.filter(|j| target.is_none_or(|k| self.live.get(j).is_some_and(|a| a.story == k)));
        let pos = self.next_pos;
        self.next_pos += 1;
        let k = match target {
            Some(k) => k,
            None => {
                let k = self.next_story;
                self.next_story += 1;
                self.stories.insert(
                    k,
                    Forming {
                        id: StoryId::from_key(article.as_str()),
                        seq: k,
                        members: Vec::new(),
                        articles: Vec::new(),
                        vectors: Vec::new(),
                        body: Centroid::default(),
                        title: Centroid::default(),
                        entities: Centroid::default(),
                        facts: Set::default(),
                        years: Set::default(),
                        fact_kinds: Set::default(),
                        values: Set::default(),
                        events: Set::default(),
                        days: Set::default(),
                        embedding: Vec::new(),
                        languages: Vec::new(),
                        label: label.map(Into::into),
                        kept: false,
                        last: None,
                        dated: 0,
                        ts_sum: 0.0,
                        indexed: Set::default(),
                        indexed_entities: Set::default(),
                        copies: Vec::new(),
                    },
                );
                k
            }
        };
        let Some(s) = self.stories.get_mut(&k) else {
            // Unreachable: `k` is an open story or was just inserted.
            return StoryId::from_key(article.as_str());
        };
        s.members.push(pos);
        s.articles.push(article.clone());
        if let Some(j) = copy {
            s.copies.push((j, pos));
        }
        s.body.add(&body);
        s.title.add(&title);
        s.entities.add(&ents);
        s.facts.extend(f.facts.iter().copied());
        s.years.extend(f.years.iter().copied());
        s.fact_kinds.extend(f.fact_kinds.iter().copied());
        s.values.extend(f.values.iter().copied());
        s.events.extend(f.events.iter().copied());
        s.days.extend(f.days.iter().copied());
        if let Some(e) = embedding {
            if s.embedding.is_empty() {
                s.embedding = e;
            } else if s.embedding.len() == e.len() {
                s.embedding.iter_mut().zip(&e).for_each(|(a, b)| *a += b);
            }
        }
        if let Some(l) = f.language {
            if !s.languages.contains(&l) {
                s.languages.push(l);
            }
        }
        if let Some(t) = f.ts {
            s.dated += 1;
            s.ts_sum += t as f64;
        }
        s.last = match (s.last, f.ts) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (t, _) in top_terms(&body, config.index_terms) {
            if s.indexed.insert(t) {
                self.by_term.entry(t).or_default().push(k);
            }
        }
        for &(e, _) in &ents {
            if s.indexed_entities.insert(e) {
                self.by_entity.entry(e).or_default().push(k);
            }
        }
        s.vectors.push(body);
        let id = s.id.clone();
        if let Some(sig) = &f.sig {
            self.copy_index.insert(pos, sig);
        }
        self.live.insert(
            pos,
            LiveArticle {
                story: k,
                ts: f.ts,
                sig: f.sig,
            },
        );
        id
    }

    /// The linker's features of an article against an open story (see [`linker::FEATURES`]).
    pub(crate) fn pair_features(&self, s: &Forming, p: &Prepared) -> linker::Row {
        let f = &p.f;
        let count = |xs: &[u64], set: &Set<u64>| xs.iter().filter(|x| set.contains(x)).count();
        let both_ents = !p.ents.is_empty() && s.entities.norm2 > 0.0;
        let ents = if both_ents {
            s.entities.cosine(&p.ents)
        } else {
            0.0
        };
        let shared_entities = p
            .ents
            .iter()
            .filter(|(e, _)| s.indexed_entities.contains(e))
            .count();
        let facts_shared = count(&f.facts, &s.facts);
        // A kind both count, with no value in common: the counts disagree.
        let conflicts = f
            .fact_kinds
            .iter()
            .filter(|k| s.fact_kinds.contains(k))
            .count()
            .saturating_sub(facts_shared);
        let values_shared = count(&f.values, &s.values);
        let events = if f.events.is_empty() || s.events.is_empty() {
            0.0
        } else {
            let shared = count(&f.events, &s.events) as f32;
            shared / (f.events.len() + s.events.len()) as f32 * 2.0
        };
        let day_near = |d: &i32| (d - 1..=d + 1).any(|x| s.days.contains(&x));
        let (day_shared, day_conflict) = if f.days.is_empty() || s.days.is_empty() {
            (0.0, 0.0)
        } else if f.days.iter().any(day_near) {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        let (year_shared, year_conflict) = if f.years.is_empty() || s.years.is_empty() {
            (0.0, 0.0)
        } else if f.years.iter().any(|y| s.years.contains(y)) {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        let gap = match (f.ts, s.mean_time()) {
            (Some(a), Some(mean)) => ((a as f64 - mean).abs() / 86_400.0) as f32,
            _ => 0.0,
        };
        let cross = match &f.language {
            Some(l) => !s.languages.is_empty() && !s.languages.contains(l),
            None => false,
        };
        let cross = if cross { 1.0 } else { 0.0 };
        let frac = |n: usize, cap: usize| n.min(cap) as f32 / cap as f32;
        [
            s.body.cosine(&p.body),
            if p.title.is_empty() {
                0.0
            } else {
                s.title.cosine(&p.title)
            },
            ents,
            frac(shared_entities, 4),
            if both_ents { 0.0 } else { 1.0 },
            frac(facts_shared, 2),
            frac(conflicts, 2),
            frac(values_shared, 3),
            events,
            day_shared,
            day_conflict,
            year_shared,
            year_conflict,
            (gap / self.config.window_days.max(1) as f32).min(4.0),
            cross,
            ents * cross,
            if f.language.as_deref() == Some("hi") {
                1.0
            } else {
                0.0
            },
            ((1 + s.members.len()) as f32).ln() / 16f32.ln(),
            // Filled by `linker::relate` once every candidate is scored.
            0.0,
            0.0,
            0.0,
            0.0,
            p.embedding
                .as_deref()
                .map_or(0.0, |e| linker::embed_similarity(e, &s.embedding)),
            0.0,
        ]
    }

    /// Close the stories that can no longer grow (their latest article is more than the window
    /// older than the newest article pushed) and hand them out in founding order. Their state
    /// leaves memory, and the indexes are swept of them. Costs a pass over the open state, so
    /// call it every few hundred articles or once per stream day, not after every article.
    pub fn finished(&mut self) -> Vec<Group> {
        let Some(now) = self.newest else {
            return Vec::new();
        };
        let limit = now - self.config.window_days * 86_400;
        let mut closed: Vec<usize> = self
            .stories
            .iter()
            .filter(|(_, s)| s.last.is_some_and(|l| l < limit))
            .map(|(&k, _)| k)
            .collect();
        if closed.is_empty() {
            return Vec::new();
        }
        closed.sort_unstable();
        let mut out = Vec::with_capacity(closed.len());
        for k in closed {
            if let Some(s) = self.stories.remove(&k) {
                for p in &s.members {
                    self.live.remove(p);
                }
                out.push(self.group(s));
            }
        }
        let stories = &self.stories;
        for index in [&mut self.by_term, &mut self.by_entity] {
            index.retain(|_, list| {
                list.retain(|s| stories.contains_key(s));
                !list.is_empty()
            });
        }
        let live = &self.live;
        self.copy_index.retain(|p| live.contains_key(&p));
        out
    }

    /// Close every story and hand them all out in founding order.
    pub fn finish(mut self) -> Vec<Group> {
        let mut open: Vec<Forming> = self.stories.drain().map(|(_, s)| s).collect();
        open.sort_by_key(|s| s.seq);
        open.into_iter().map(|s| self.group(s)).collect()
    }

    pub(crate) fn group(&self, s: Forming) -> Group {
        let shared_terms = self.shared_terms(&s);
        let at: HashMap<usize, usize> =
            s.members.iter().enumerate().map(|(i, &p)| (p, i)).collect();
        Group {
            copies: s
                .copies
                .iter()
                .filter_map(|(o, c)| Some((*at.get(o)?, *at.get(c)?)))
                .collect(),
            id: s.id,
            articles: s.articles,
            shared_terms,
            last: s.last,
            positions: s.members,
            kept: s.kept,
        }
    }

    /// Terms that two or more members share, by summed weight.
    pub(crate) fn shared_terms(&self, s: &Forming) -> Vec<String> {
        let mut shared: HashMap<u32, (usize, f32)> = HashMap::new();
        for v in &s.vectors {
            for (t, w) in v {
                let e = shared.entry(*t).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut ranked: Vec<(u32, f32)> = shared
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .map(|(t, (_, w))| (t, w))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(12)
            .filter_map(|(t, _)| self.terms.display.get(&t).cloned())
            .collect()
    }
}
