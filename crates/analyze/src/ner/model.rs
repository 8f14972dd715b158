//! The labeller's weights and labels: a structured averaged perceptron over BIO labels (label
//! numbering and the BIO constraint). Trained in [`super::train`], read from and written to
//! its file format in [`super::format`], applied (Viterbi decoding) in [`super::decode`].

use super::features::{InfoCache, Lexicon};
use super::util::FastMap;
use khabar_model::EntityKind;

/// A trained labeller.
#[derive(Debug, Clone)]
pub struct Model {
    /// Entity types: `person`, `place`, `organisation` for the kinds, other types by their tag
    /// name (they are learnt, which helps, but never reported).
    pub(super) types: Vec<String>,
    pub(super) kinds: Vec<Option<EntityKind>>,
    pub(super) n_labels: usize,
    pub(super) index: FastMap<u32>,
    pub(super) weights: Vec<f32>,
    /// `(n_labels + 1) × n_labels`: row `p` holds the scores of moving from label `p`; the last
    /// row is the start of a sentence.
    pub(super) trans: Vec<f32>,
    pub(super) lex: Lexicon,
    /// Subtracted from the score of `O` at every token: trades precision for recall (chosen on
    /// the dev set).
    pub(super) o_bias: f32,
    /// Token infos met so far (see [`InfoCache`]).
    pub(super) infos: InfoCache,
}

/// The kind of an entity type name (`person`, `place`, `organisation`; others have none).
pub(super) fn kind_from_name(s: &str) -> Option<EntityKind> {
    match s {
        "person" => Some(EntityKind::Person),
        "place" => Some(EntityKind::Place),
        "organisation" => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// Label numbering: 0 = O, 1 + 2t = B of type t, 2 + 2t = I of type t.
#[inline]
pub(super) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    match prev {
        None => false,
        Some(p) => p != 0 && (p == cur - 1 || p == cur),
    }
}

impl Model {
    /// The bias against `O` chosen on the dev set.
    pub fn o_bias(&self) -> f32 {
        self.o_bias
    }

    /// Sets the bias against `O` (higher: more mentions, higher recall, lower precision).
    pub fn set_o_bias(&mut self, bias: f32) {
        self.o_bias = bias;
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(0), 2));
        assert!(!allowed(Some(3), 2));
    }
}
