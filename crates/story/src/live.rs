//! What incremental story assignment needs from the stream (issue #17).
//!
//! A live store cannot re-run the whole stream for every new batch. What the stream decides
//! with is small and kept per article once it is pushed: its weighed vectors (body, headline,
//! entities), its facts, years, days, language, time and copy signature ([`Recorded`]). The
//! vectors are weighed with the document frequencies of the moment the article arrives and
//! never again, as in the one-pass stream; the frequencies and the term ids live in the store
//! too ([`Vocabulary`]).
//!
//! An incremental run rebuilds the open stories near the new articles' dates from their
//! members' records ([`Clusterer::push_recorded`]: each member joins the story it is stored in,
//! no decision is taken again) and pushes the new articles among them in (time, id) order with
//! the same decision as the one-pass stream ([`Clusterer::push_recording`]). The stories that
//! took a new article are then assembled again from their members ([`assemble`]).

use crate::{
    extract, Analysis, ArticleId, Assembly, Clusterer, Document, Extracted, Features, Group,
    Interner, Lexicon, Prepared, Story, StoryId, Vector,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What the stream kept of one article: enough to rebuild the stories it belongs to without
/// reading or weighing it again. Serialisable, to be stored beside the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    f: Features,
    body: Vector,
    title: Vector,
    ents: Vector,
    /// The earlier article this one was found to copy (so a replay need not look again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    copy_of: Option<ArticleId>,
    /// The sentence encoder's vector of its headline and lead, when an encoder was set (a
    /// replay then compares with it again instead of reading the article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    embedding: Option<Vec<f32>>,
}

impl Recorded {
    /// Publication time (Unix seconds), when dated.
    pub fn ts(&self) -> Option<i64> {
        self.f.ts
    }

    /// The keys under which the article's story is found: its body terms (`id`) and linked
    /// entities (`1 << 32 | id`), as the stream's inverted index files them.
    pub fn index_keys(&self) -> impl Iterator<Item = i64> + '_ {
        self.body
            .iter()
            .map(|(t, _)| i64::from(*t))
            .chain(self.ents.iter().map(|(e, _)| (1i64 << 32) | i64::from(*e)))
    }

    fn prepared(&self) -> Prepared {
        Prepared {
            f: self.f.clone(),
            body: self.body.clone(),
            title: self.title.clone(),
            ents: self.ents.clone(),
            copy: None,
            embedding: self.embedding.clone(),
        }
    }
}

/// One entry of the vocabulary: a term's search key (or an entity's id), its id in the
/// stream, the form shown for it, and how many articles held it.
#[derive(Clone, Debug, PartialEq)]
pub struct VocabEntry {
    pub key: String,
    pub id: u32,
    pub display: String,
    pub df: f32,
}

/// The part of the vocabulary an incremental run needs (the entries of its new articles' words
/// and entities), or all of it after a full run, with the document counts and the next free
/// ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    pub terms: Vec<VocabEntry>,
    pub entities: Vec<VocabEntry>,
    /// Articles counted in the term and the entity document frequencies.
    pub docs: f32,
    pub entity_docs: f32,
    pub next_term: u32,
    pub next_entity: u32,
}

/// The term keys (search keys of content words and numbers) and entity ids an article brings
/// to the stream: what [`Clusterer::seed_vocabulary`] must be given for it.
pub fn vocabulary_keys(doc: &Document, analysis: Option<&Analysis>) -> (Vec<String>, Vec<String>) {
    extract(doc, analysis, &mut Lexicon::default()).vocabulary_keys()
}

impl Extracted {
    /// The term keys and entity ids of the article, each sorted ([`vocabulary_keys`]).
    pub fn vocabulary_keys(&self) -> (Vec<String>, Vec<String>) {
        let mut t: Vec<String> = self.terms.iter().map(|(k, _)| k.to_string()).collect();
        let mut e: Vec<String> = self.entities.iter().map(|(k, _)| k.clone()).collect();
        t.sort_unstable();
        e.sort_unstable();
        (t, e)
    }
}

fn seed(interner: &mut Interner, entries: Vec<VocabEntry>, next: u32, df: &mut crate::Df) {
    interner.next = interner.next.max(next);
    for e in entries {
        interner.next = interner.next.max(e.id + 1);
        interner.display.insert(e.id, e.display);
        interner.ids.insert(e.key, e.id);
        df.df.insert(e.id, e.df);
    }
}

fn export(interner: &Interner, df: &crate::Df) -> Vec<VocabEntry> {
    let mut out: Vec<VocabEntry> = interner
        .ids
        .iter()
        .map(|(k, &id)| VocabEntry {
            key: k.clone(),
            id,
            display: interner.display.get(&id).cloned().unwrap_or_default(),
            df: df.df.get(&id).copied().unwrap_or(0.0),
        })
        .collect();
    out.sort_by_key(|e| e.id);
    out
}

impl Clusterer {
    /// Start from a stored vocabulary (term and entity ids, document frequencies, counts):
    /// new articles then get the ids and weights the one stream would have given them.
    pub fn seed_vocabulary(&mut self, v: Vocabulary) {
        self.df.n = v.docs;
        self.edf.n = v.entity_docs;
        seed(&mut self.terms, v.terms, v.next_term, &mut self.df);
        seed(
            &mut self.ent_names,
            v.entities,
            v.next_entity,
            &mut self.edf,
        );
    }

    /// The vocabulary as it stands: every entry this clusterer knows (seeded or new), with its
    /// document frequency now, sorted by id.
    pub fn vocabulary_state(&self) -> Vocabulary {
        Vocabulary {
            terms: export(&self.terms, &self.df),
            entities: export(&self.ent_names, &self.edf),
            docs: self.df.n,
            entity_docs: self.edf.n,
            next_term: self.terms.next,
            next_entity: self.ent_names.next,
        }
    }

    /// [`Clusterer::push`], also handing back what must be stored to rebuild the article's
    /// story later without reading it again.
    pub fn push_recording(
        &mut self,
        doc: &Document,
        analysis: Option<&Analysis>,
    ) -> (StoryId, Recorded) {
        // `prepare` adds the sentence embedding, which needs the document.
        let p = self.prepare(doc, analysis);
        self.push_recording_prepared(&doc.id, p)
    }

    /// [`Clusterer::push_recording`] of an article extracted already ([`crate::extract`]; no
    /// sentence embedding: the encoder reads the document).
    pub fn push_recording_extracted(
        &mut self,
        article: &ArticleId,
        x: Extracted,
    ) -> (StoryId, Recorded) {
        let p = self.prepare_extracted(x);
        self.push_recording_prepared(article, p)
    }

    fn push_recording_prepared(&mut self, article: &ArticleId, p: Prepared) -> (StoryId, Recorded) {
        let copy_of = p.copy.and_then(|j| self.article_at(j)).cloned();
        let rec = Recorded {
            f: p.f.clone(),
            body: p.body.clone(),
            title: p.title.clone(),
            ents: p.ents.clone(),
            copy_of,
            embedding: p.embedding.clone(),
        };
        let id = self.decide(article, p);
        self.by_article.insert(article.clone(), self.next_pos - 1);
        (id, rec)
    }

    /// Replay a stored article into the story it is stored in (`story`), taking no decision:
    /// the story is opened under that id when this is its first member here. Push in the
    /// stream's order ((time, id), undated last), among the new articles.
    pub fn push_recorded(&mut self, article: &ArticleId, rec: &Recorded, story: &StoryId) {
        let p = self.replayed(rec);
        let target = self
            .by_story
            .get(story)
            .copied()
            .filter(|k| self.stories.contains_key(k));
        self.insert(article, p, target, None);
        self.by_article.insert(article.clone(), self.next_pos - 1);
        if target.is_none() {
            let k = self.next_story - 1;
            if let Some(s) = self.stories.get_mut(&k) {
                s.id = story.clone();
                s.kept = true;
            }
            self.by_story.insert(story.clone(), k);
        }
    }

    /// Decide again for a stored article from its record, as [`Clusterer::push`] decides for a
    /// new one (the vectors stay those weighed when it arrived), and return the story it joins
    /// or founds. For an update that must place a late, older article the way the one pass
    /// would: the stored members before it in the stream's order are replayed with
    /// [`Clusterer::push_recorded`], the new article is pushed, and the stored members after it
    /// are pushed with this (their ids kept by [`crate::keep_ids_with`]), so the open stories
    /// come out as one pass over all their articles gives them.
    pub fn push_redecided(&mut self, article: &ArticleId, rec: &Recorded) -> StoryId {
        let mut p = self.replayed(rec);
        // Its copy is looked for again among the articles open here, as the stream looks for a
        // new article's (an older article that arrived after it may be its original).
        p.copy = p.f.sig.as_ref().and_then(|s| self.copy_of(p.f.ts, s));
        let id = self.decide(article, p);
        self.by_article.insert(article.clone(), self.next_pos - 1);
        id
    }

    /// Replay a stored article into the open story that holds `with` (an article pushed before),
    /// taking no decision, as [`Clusterer::push_recorded`] does into a story named by its stored
    /// id. For an update whose stored story's first member was decided again (its story is no
    /// longer opened under the stored id). False, and nothing pushed, when `with` is in no open
    /// story here.
    pub fn push_recorded_beside(
        &mut self,
        article: &ArticleId,
        rec: &Recorded,
        with: &ArticleId,
    ) -> bool {
        let Some(k) = self
            .by_article
            .get(with)
            .and_then(|p| self.live.get(p))
            .map(|a| a.story)
        else {
            return false;
        };
        let p = self.replayed(rec);
        self.insert(article, p, Some(k), None);
        self.by_article.insert(article.clone(), self.next_pos - 1);
        true
    }

    /// The open stories a stored article would be weighed against if it were decided again now
    /// (the candidates the stream scores for it inside the window, and the story of the open
    /// article it copies, looked for again), each named by its first article here
    /// ([`Clusterer::anchor_of`]). An update decides a stored article again only when one of
    /// these changed since it was decided: otherwise the decision would be the stored one.
    pub fn rivals(&mut self, rec: &Recorded) -> Vec<ArticleId> {
        let p = rec.prepared();
        let copy =
            p.f.sig
                .as_ref()
                .and_then(|s| self.copy_of(p.f.ts, s))
                .and_then(|j| self.live.get(&j))
                .map(|a| a.story);
        let candidates = self.candidates(p.f.ts, &p.body, &p.ents);
        let mut out = Vec::with_capacity(candidates.len() + 1);
        for k in copy.into_iter().chain(candidates) {
            let Some(s) = self.stories.get(&k) else {
                continue;
            };
            if Some(k) == copy || self.in_window(p.f.ts, s) && self.near_mean(&p, s) {
                out.extend(s.articles.first().cloned());
            }
        }
        out
    }

    /// The first article of the open story that holds `article` (pushed before): a name for
    /// the story that does not change as it grows.
    pub fn anchor_of(&self, article: &ArticleId) -> Option<&ArticleId> {
        let pos = self.by_article.get(article)?;
        self.stories
            .get(&self.live.get(pos)?.story)?
            .articles
            .first()
    }

    /// A stored article made ready again from its record: the stream's time moves on to it, and
    /// the copy found when it arrived is its copy again if that article is open here.
    fn replayed(&mut self, rec: &Recorded) -> Prepared {
        let mut p = rec.prepared();
        if let Some(ts) = p.f.ts {
            self.newest = Some(self.newest.map_or(ts, |n| n.max(ts)));
        }
        p.copy = rec
            .copy_of
            .as_ref()
            .and_then(|a| self.by_article.get(a).copied())
            .filter(|j| self.live.contains_key(j));
        p
    }

    /// The article at a stream position, while its story is open.
    fn article_at(&self, pos: usize) -> Option<&ArticleId> {
        let s = self.stories.get(&self.live.get(&pos)?.story)?;
        let i = s.members.iter().position(|&m| m == pos)?;
        s.articles.get(i)
    }

    /// Term ids in the open stories' vectors that have no display form here (a stored member's
    /// terms the seeded vocabulary did not hold): give them with [`Clusterer::add_display`]
    /// before [`Clusterer::finish`], so the stories' shared terms can be named.
    pub fn missing_display(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .stories
            .values()
            .flat_map(|s| s.vectors.iter().flatten().map(|(t, _)| *t))
            .filter(|t| !self.terms.display.contains_key(t))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Display forms of term ids (see [`Clusterer::missing_display`]).
    pub fn add_display(&mut self, entries: impl IntoIterator<Item = (u32, String)>) {
        for (id, d) in entries {
            self.terms.display.entry(id).or_insert(d);
        }
    }
}

/// The story of a group from its members (in the group's order, each with its analysis when it
/// has one): the same assembly as [`crate::cluster`] gives.
pub fn assemble(group: &Group, members: &[(&Document, Option<&Analysis>)]) -> Story {
    let by_id: std::collections::HashMap<&str, &Analysis> = members
        .iter()
        .filter_map(|(d, a)| Some((d.id.as_str(), (*a)?)))
        .collect();
    let docs: Vec<&Document> = members.iter().map(|(d, _)| *d).collect();
    let ctx = Assembly {
        docs: &docs,
        by_id: &by_id,
        stream_docs: &[],
    };
    ctx.assemble_members(group, &docs)
}

/// [`crate::cluster`], also handing back each article's [`Recorded`] (in stream order) and the
/// vocabulary at the end: what a store keeps to add articles later without a full run.
pub fn cluster_recording(
    docs: &[&Document],
    analyses: &[&Analysis],
    config: &crate::Config,
) -> (Vec<Story>, Vec<(ArticleId, Recorded)>, Vocabulary) {
    cluster_recording_extracted(docs, analyses, Vec::new(), config)
}

/// [`cluster_recording`] of articles extracted already: `extracted[i]` is [`crate::extract`]
/// of `docs[i]` and its analysis, done on any thread (the same stories, records and
/// vocabulary). Given empty, each article is extracted here as it is pushed.
pub fn cluster_recording_extracted(
    docs: &[&Document],
    analyses: &[&Analysis],
    extracted: Vec<Extracted>,
    config: &crate::Config,
) -> (Vec<Story>, Vec<(ArticleId, Recorded)>, Vocabulary) {
    let by_id: std::collections::HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let order = crate::order(docs);
    let mut extracted: Vec<Option<Extracted>> = extracted.into_iter().map(Some).collect();
    let mut clusterer = Clusterer::new(*config);
    let mut recorded = Vec::with_capacity(docs.len());
    for &i in &order {
        let doc = docs[i];
        let x = match extracted.get_mut(i).and_then(Option::take) {
            Some(x) => x,
            None => extract(
                doc,
                by_id.get(doc.id.as_str()).copied(),
                &mut clusterer.lexicon,
            ),
        };
        let (_, rec) = clusterer.push_recording_extracted(&doc.id, x);
        recorded.push((doc.id.clone(), rec));
    }
    let vocab = clusterer.vocabulary_state();
    let ctx = Assembly {
        docs,
        by_id: &by_id,
        stream_docs: &order,
    };
    // each story assembled on the threads of the current rayon pool, in founding order
    let stories = clusterer
        .finish()
        .into_par_iter()
        .map(|g| ctx.assemble(g))
        .collect();
    (stories, recorded, vocab)
}

/// The copy signature as a list (serde has no arrays of 64).
pub(crate) mod signature_serde {
    use crate::copies::{Signature, SIG};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(sig: &Option<Signature>, s: S) -> Result<S::Ok, S::Error> {
        sig.as_ref().map(|v| v.as_slice()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Signature>, D::Error> {
        let v: Option<Vec<u32>> = Option::deserialize(d)?;
        match v {
            None => Ok(None),
            Some(v) => {
                let sig: Signature = v.try_into().map_err(|v: Vec<u32>| {
                    serde::de::Error::invalid_length(v.len(), &"a signature of 64 values")
                })?;
                debug_assert_eq!(sig.len(), SIG);
                Ok(Some(sig))
            }
        }
    }
}
