//! The grouping's tunables.

use crate::Linker;

/// Tunables of the grouping.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The learned "same story?" decision ([`Linker`]); `None` falls back to the hand-set
    /// weighted score below and its thresholds.
    pub linker: Option<Linker>,
    /// Score needed to join a story.
    pub threshold: f32,
    /// Score needed to join a story for an article in Hindi (language `hi`). Similarities run
    /// on another scale in another language (inflection, compounds, function-word coverage),
    /// so the cut is calibrated per language on the development sets.
    pub threshold_hi: f32,
    /// An article joins only stories whose latest article is at most this many days away.
    pub window_days: i64,
    /// Time decay: the score is multiplied by `exp(-days / decay_days)`, days counted from the
    /// story's mean publication time.
    pub decay_days: f32,
    /// Weight of the body cosine in the weighted mean.
    pub text_weight: f32,
    /// Between 0 (cosine to the story centroid) and 1 (mean cosine to its members, average
    /// linkage): how much a story's spread counts against joining it.
    pub linkage: f32,
    /// Weight of the headline cosine in the weighted mean (when the article has a headline).
    pub title_weight: f32,
    /// Weight of the linked-entity overlap in the weighted mean (when the article has entities).
    pub entity_weight: f32,
    /// Bonus per shared fact (same count of the same kind), capped at two facts, added before
    /// the time decay (0 = off). With the analyser's current counts it gains on all four
    /// development sets at 0.06.
    pub fact_bonus: f32,
    /// Factor applied when the article and the story both mention years and share none (1 = off:
    /// it cost F1 on every development set).
    pub year_conflict: f32,
    /// Estimated 5-gram Jaccard similarity from which an article is a copy of another.
    pub copy_jaccard: f32,
    /// Pseudo-documents added to the document count in the IDF, so the first articles of a
    /// stream do not see every word as rare.
    pub idf_prior: f32,
    /// Strongest terms kept in an article's vector (0 = all): long reports of one happening
    /// share their key terms, not their whole vocabulary.
    pub vector_terms: usize,
    /// Terms per article entered in the inverted index and used to look up candidates.
    pub index_terms: usize,
    /// Candidate stories scored per article.
    pub max_candidates: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            linker: Linker::shipped(),
            threshold: 0.2,
            threshold_hi: 0.28,
            window_days: 7,
            decay_days: 15.0,
            text_weight: 1.0,
            linkage: 0.0,
            title_weight: 0.25,
            entity_weight: 0.4,
            fact_bonus: 0.06,
            year_conflict: 1.0,
            copy_jaccard: 0.5,
            idf_prior: 20.0,
            vector_terms: 15,
            index_terms: 30,
            max_candidates: 64,
        }
    }
}
