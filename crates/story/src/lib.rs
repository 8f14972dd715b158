//! Stories: many reports of one happening, grouped.
//!
//! Streaming clustering. Articles are taken in publication order (then by id; undated articles
//! last), so the same set of articles gives the same stories whatever order it is handed in, and
//! articles appended later in time never change the stories formed before them. Each article:
//!
//! 1. becomes a TF-IDF vector over the search keys of its words and numbers (function words left
//!    out, the headline and the lead weighted up), cut to its [`Config::vector_terms`] strongest
//!    terms so that long and short reports compare on their key terms. Document frequencies are counted incrementally over
//!    the articles seen so far, with a prior of [`Config::idf_prior`] pseudo-documents, so a
//!    decision never depends on articles that come later;
//! 2. finds candidate stories through an inverted index from its strongest terms and its linked
//!    entities to the stories that contain them (so it is compared with a few candidates, not
//!    with every story), plus the stories of near-duplicate articles found by MinHash LSH;
//! 3. scores each candidate whose latest article is inside the time window: a weighted mean of
//!    the cosine to the story's centroid (not to its closest member, which guards against
//!    chaining), the cosine of headlines, and the overlap of linked entities (people and places
//!    weigh most) when the analyses carry them, plus a bonus for shared facts (the same count of
//!    the same kind), multiplied by a time decay `exp(-days / decay_days)` (days from the
//!    story's mean publication time, so a story cannot chain on for ever);
//! 4. joins the best candidate when its score passes [`Config::threshold`], or founds a new
//!    story. A near-duplicate (estimated 5-gram Jaccard ≥ [`Config::copy_jaccard`]) always
//!    joins the story of the article it copies and is recorded in a [`CopyGroup`].
//!
//! [`Clusterer`] runs this over an endless stream: push articles in publication order and call
//! [`Clusterer::finished`] now and then; stories whose latest article has left the time window
//! are handed out and dropped, so memory follows the window, not the stream (plus the
//! vocabulary with its document frequencies). [`cluster`] is the same run over a given set.
//!
//! A story's id is derived from its founding article ([`StoryId::from_key`]), so it never
//! changes as the story grows. A story records why its articles are together: the terms and the
//! entities they share.
//!
//! The weights and the threshold were tuned on the development sets in `../shared/data/stories/`
//! (BASIL, ECB+ topics 1–30, hindi-covid-dev, hindi-disaster-dev). There is no separate held-out
//! evaluation set here, so the scores measured on those sets are development scores.

mod assembly;
mod clusterer;
pub mod compare;
mod config;
mod copies;
mod correct;
pub mod eval;
mod features;
mod ids;
pub mod linker;
pub mod live;
pub mod timeline;

pub use clusterer::{Clusterer, Group};
pub use compare::{compare, outlet_name};
pub use config::Config;
pub use copies::{agency, jaccard, key_hash, signature, signature_of_keys, CopyIndex, Signature};
pub use correct::{apply_corrections, Correction};
pub use eval::{eval_docs, score, Prf, StoryEvalReport};
pub use features::{extract, Extracted, Lexicon};
pub use ids::{keep_ids, keep_ids_with, Redirects};
pub use linker::{Embedder, Linker, LinkerError};
pub use live::{
    assemble, cluster_recording, cluster_recording_extracted, vocabulary_keys, Recorded,
    VocabEntry, Vocabulary,
};
pub use timeline::timeline;

use assembly::Assembly;
pub(crate) use clusterer::Prepared;
pub(crate) use features::*;
use khabar_model::{Analysis, ArticleId, Document, Story, StoryId};
use std::collections::HashMap;

/// The stream's maps hash with rustc-hash's Fx hasher (fast on short words and small ids;
/// deterministic, and nothing depends on iteration order).
pub(crate) type Map<K, V> = rustc_hash::FxHashMap<K, V>;
pub(crate) type Set<K> = rustc_hash::FxHashSet<K>;

/// Group documents into stories. `analyses` may be empty or hold analyses for some documents;
/// they are matched to documents by article id.
pub fn cluster(docs: &[&Document], analyses: &[&Analysis], config: &Config) -> Vec<Story> {
    cluster_with(docs, analyses, config, None)
}

/// [`cluster`] with a sentence encoder for the linker's `embed` columns, when given (pair it
/// with a model trained with them, [`Linker::shipped_with_encoder`]).
pub fn cluster_with(
    docs: &[&Document],
    analyses: &[&Analysis],
    config: &Config,
    embedder: Option<Box<dyn linker::Embedder>>,
) -> Vec<Story> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let order = order(docs);
    let clusterer = streamed(docs, &by_id, &order, config, embedder);
    let ctx = Assembly {
        docs,
        by_id: &by_id,
        stream_docs: &order,
    };
    clusterer
        .finish()
        .into_iter()
        .map(|g| ctx.assemble(g))
        .collect()
}

/// The grouping alone, without assembling the stories (timeline, comparison): the articles of
/// each story in arrival order, stories in founding order. What [`cluster`] groups, for
/// training and scoring runs that only need who is with whom.
pub fn groups(docs: &[&Document], analyses: &[&Analysis], config: &Config) -> Vec<Vec<ArticleId>> {
    groups_with(docs, analyses, config, None)
}

/// [`groups`] with a sentence encoder for the linker's `embed` columns, when given.
pub fn groups_with(
    docs: &[&Document],
    analyses: &[&Analysis],
    config: &Config,
    embedder: Option<Box<dyn linker::Embedder>>,
) -> Vec<Vec<ArticleId>> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    streamed(docs, &by_id, &order(docs), config, embedder)
        .finish()
        .into_iter()
        .map(|g| g.articles)
        .collect()
}

/// A clusterer (with the encoder, when given) after every document was pushed in `order`, each
/// with its analysis.
fn streamed(
    docs: &[&Document],
    by_id: &HashMap<&str, &Analysis>,
    order: &[usize],
    config: &Config,
    embedder: Option<Box<dyn linker::Embedder>>,
) -> Clusterer {
    let mut clusterer = Clusterer::new(*config);
    clusterer.embedder = embedder;
    for &i in order {
        let doc = docs[i];
        clusterer.push(doc, by_id.get(doc.id.as_str()).copied());
    }
    clusterer
}

/// The order articles are taken in: publication time, then id; undated articles last.
pub(crate) fn order(docs: &[&Document]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..docs.len()).collect();
    idx.sort_by(|&a, &b| {
        let ka = (
            docs[a].published.is_none(),
            docs[a].published.map(|p| p.timestamp()),
            &docs[a].id,
        );
        let kb = (
            docs[b].published.is_none(),
            docs[b].published.map(|p| p.timestamp()),
            &docs[b].id,
        );
        ka.cmp(&kb)
    });
    idx
}

#[cfg(test)]
mod tests;
