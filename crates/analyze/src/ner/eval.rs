//! Scoring a labeller against a CoNLL file with conlleval's exact-span rules: a predicted
//! mention counts only when its start, end and kind all match a gold mention.

use super::conll::{read_conll, tag_type, Sentence};
use super::error::NerError;
use super::features::Gazetteer;
use super::model::Model;
use super::tags::{chunks, il_ner_kind, parse_tagmap, Tag};
use khabar_model::EntityKind;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Scores {
    fn from_counts(gold: usize, predicted: usize, correct: usize) -> Scores {
        let precision = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let recall = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
            gold,
            predicted,
            correct,
        }
    }
}

/// Scores per kind (`person`, `place`, `organisation`) and micro-averaged over them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerReport {
    pub micro: Scores,
    pub per_type: BTreeMap<String, Scores>,
    pub sentences: usize,
    pub tokens: usize,
}

const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organisation,
];

/// Scores `model` on labelled sentences; `kind_of` says which file type is which kind (other
/// types are ignored).
pub fn eval_sentences(
    gold: &[Sentence],
    kind_of: &dyn Fn(&str) -> Option<EntityKind>,
    model: &Model,
    gaz: Option<Gazetteer>,
) -> NerReport {
    let preds: Vec<Vec<Tag>> = gold
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            model.tag_with(&toks, gaz)
        })
        .collect();
    score(gold, &preds, kind_of)
}

/// [`eval_sentences`] reading runs of `block` consecutive sentences as one document
/// ([`Model::tag_document`]: mentions made consistent across the run).
pub fn eval_documents(
    gold: &[Sentence],
    kind_of: &dyn Fn(&str) -> Option<EntityKind>,
    model: &Model,
    block: usize,
) -> NerReport {
    let mut preds: Vec<Vec<Tag>> = Vec::with_capacity(gold.len());
    for doc in gold.chunks(block.max(1)) {
        let sents: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        preds.extend(model.tag_document(&sents));
    }
    score(gold, &preds, kind_of)
}

/// Exact-span scores of predicted tags against gold sentences.
fn score(
    gold: &[Sentence],
    preds: &[Vec<Tag>],
    kind_of: &dyn Fn(&str) -> Option<EntityKind>,
) -> NerReport {
    let mut counts = [(0usize, 0usize, 0usize); 3];
    let mut tokens = 0;
    for (s, pred) in gold.iter().zip(preds) {
        tokens += s.tokens.len();
        let gold_tags: Vec<Tag> = s
            .tags
            .iter()
            .map(|t| match tag_type(t).and_then(kind_of) {
                None => Tag::O,
                Some(k) if t.starts_with("B-") => Tag::B(k),
                Some(k) => Tag::I(k),
            })
            .collect();
        let g: HashSet<(usize, usize, EntityKind)> = chunks(&gold_tags).into_iter().collect();
        let p: HashSet<(usize, usize, EntityKind)> = chunks(pred).into_iter().collect();
        for (k, c) in KINDS.iter().zip(counts.iter_mut()) {
            c.0 += g.iter().filter(|x| x.2 == *k).count();
            c.1 += p.iter().filter(|x| x.2 == *k).count();
            c.2 += p.iter().filter(|x| x.2 == *k && g.contains(x)).count();
        }
    }
    let mut per_type = BTreeMap::new();
    let (mut tg, mut tp, mut tc) = (0, 0, 0);
    for (k, c) in KINDS.iter().zip(counts) {
        per_type.insert(k.as_str().to_string(), Scores::from_counts(c.0, c.1, c.2));
        tg += c.0;
        tp += c.1;
        tc += c.2;
    }
    NerReport {
        micro: Scores::from_counts(tg, tp, tc),
        per_type,
        sentences: gold.len(),
        tokens,
    }
}

/// Scores `model` on CoNLL text. `tagmap` is the text of a tag map (see
/// [`parse_tagmap`]); without one, IL-NER's NEP, NEL and NEO are the kinds.
pub fn eval_conll(
    gold_text: &str,
    tagmap: Option<&str>,
    model: &Model,
) -> Result<NerReport, NerError> {
    let sentences = read_conll(gold_text);
    Ok(match tagmap {
        None => eval_sentences(&sentences, &il_ner_kind, model, None),
        Some(t) => {
            let map = parse_tagmap(t)?;
            eval_sentences(&sentences, &|ty| map.get(ty).copied(), model, None)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_from_counts() {
        let s = Scores::from_counts(10, 8, 6);
        assert!((s.precision - 0.75).abs() < 1e-9);
        assert!((s.recall - 0.6).abs() < 1e-9);
        assert!((s.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
        assert_eq!(Scores::from_counts(0, 0, 0).f1, 0.0);
    }
}
