//! Scoring a clustering against gold story labels: B-cubed and pairwise precision, recall, F1.
//!
//! Both are computed from the contingency table of gold stories × predicted stories, so the cost
//! is linear in the number of articles.
//!
//! * **B-cubed** (Bagga & Baldwin 1998; Amigó et al. 2009): for each article, precision is the
//!   share of its predicted story that shares its gold story, recall the share of its gold story
//!   that shares its predicted story; both are averaged over articles and F1 is their harmonic
//!   mean.
//! * **Pairwise** ("standard" F1 of the news-clustering literature): precision and recall over
//!   the pairs of articles put together. When there are no predicted pairs precision is 1, and
//!   when there are no gold pairs recall is 1 (a set where every article is its own story is
//!   scored by precision alone).
//!
//! Only articles that carry a gold label are scored. A labelled article missing from the
//! prediction counts as a story of its own.

use crate::{cluster, Config};
use khabar_model::{Analysis, ArticleId, Document};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// What `khabar eval stories --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvalReport {
    /// Articles scored (those with a gold label).
    pub articles: usize,
    pub gold_stories: usize,
    /// Predicted stories among the scored articles.
    pub predicted_stories: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Score predicted clusters (lists of article ids) against gold labels (article id → story label).
pub fn score<S: AsRef<str>>(
    predicted: &[Vec<S>],
    gold: &HashMap<String, String>,
) -> StoryEvalReport {
    // Predicted cluster of each gold article; first occurrence wins if an id is listed twice.
    let mut pred_of: HashMap<&str, usize> = HashMap::new();
    for (k, c) in predicted.iter().enumerate() {
        for id in c {
            if let Some((key, _)) = gold.get_key_value(id.as_ref()) {
                pred_of.entry(key.as_str()).or_insert(k);
            }
        }
    }
    // Missing articles become singletons, numbered after the real clusters.
    let mut next = predicted.len();
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let mut table: BTreeMap<(&str, usize), u64> = BTreeMap::new();
    let mut gold_size: HashMap<&str, u64> = HashMap::new();
    let mut pred_size: HashMap<usize, u64> = HashMap::new();
    for id in ids {
        let p = match pred_of.get(id.as_str()) {
            Some(&p) => p,
            None => {
                next += 1;
                next - 1
            }
        };
        let g = gold[id].as_str();
        *table.entry((g, p)).or_insert(0) += 1;
        *gold_size.entry(g).or_insert(0) += 1;
        *pred_size.entry(p).or_insert(0) += 1;
    }
    let n = gold.len() as f64;
    let (mut bp, mut br, mut tp) = (0.0, 0.0, 0u64);
    for (&(g, p), &nij) in &table {
        let nij_f = nij as f64;
        bp += nij_f * nij_f / pred_size[&p] as f64;
        br += nij_f * nij_f / gold_size[g] as f64;
        tp += pairs(nij);
    }
    let bcubed = if n > 0.0 {
        Prf::new(bp / n, br / n)
    } else {
        Prf::new(1.0, 1.0)
    };
    let pred_pairs: u64 = pred_size.values().map(|&s| pairs(s)).sum();
    let gold_pairs: u64 = gold_size.values().map(|&s| pairs(s)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    StoryEvalReport {
        articles: gold.len(),
        gold_stories: gold_size.len(),
        predicted_stories: pred_size.len(),
        bcubed,
        pairwise: Prf::new(ratio(tp, pred_pairs), ratio(tp, gold_pairs)),
    }
}

/// Cluster documents from scratch and score them against gold labels. The gold labels are not
/// seen by the clustering. `docs` carry their analysis when one was made.
pub fn eval_docs(
    docs: &[(Document, Option<Analysis>)],
    gold: &[(ArticleId, String)],
    config: &Config,
) -> StoryEvalReport {
    let refs: Vec<&Document> = docs.iter().map(|(d, _)| d).collect();
    let analyses: Vec<&Analysis> = docs.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let stories = cluster(&refs, &analyses, config);
    let predicted: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| s.articles.iter().map(ArticleId::as_str).collect())
        .collect();
    let gold: HashMap<String, String> = gold
        .iter()
        .map(|(id, g)| (id.0.clone(), g.clone()))
        .collect();
    score(&predicted, &gold)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let r = score(&[vec!["a", "b"], vec!["c"]], &g);
        assert_eq!((r.articles, r.gold_stories, r.predicted_stories), (3, 2, 2));
        assert!(close(r.bcubed.f1, 1.0) && close(r.pairwise.f1, 1.0));
    }

    #[test]
    fn hand_computed_bcubed_and_pairwise() {
        // Gold: {a,b,c} {d,e}. Predicted: {a,b} {c,d,e}.
        // B-cubed precision: a,b 1; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
        // B-cubed recall: a,b 2/3; c 1/3; d,e 1 → (2/3+2/3+1/3+1+1)/5 = 11/15.
        // Pairs: gold ab ac bc de (4); predicted ab cd ce de (4); shared ab de (2) → P = R = 1/2.
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]);
        let r = score(&[vec!["a", "b"], vec!["c", "d", "e"]], &g);
        assert!(close(r.bcubed.precision, 11.0 / 15.0), "{r:?}");
        assert!(close(r.bcubed.recall, 11.0 / 15.0), "{r:?}");
        assert!(
            close(r.pairwise.precision, 0.5) && close(r.pairwise.recall, 0.5),
            "{r:?}"
        );
    }

    #[test]
    fn everything_in_one_story() {
        // Gold: {a,b} {c} {d}. All predicted together.
        // B-cubed P: a,b 2/4; c,d 1/4 → 1.5/4 = 0.375. R = 1.
        // Pairs: predicted 6, gold 1, shared 1 → P = 1/6, R = 1.
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "z")]);
        let r = score(&[vec!["a", "b", "c", "d"]], &g);
        assert!(
            close(r.bcubed.precision, 0.375) && close(r.bcubed.recall, 1.0),
            "{r:?}"
        );
        assert!(
            close(r.pairwise.precision, 1.0 / 6.0) && close(r.pairwise.recall, 1.0),
            "{r:?}"
        );
        assert_eq!(r.predicted_stories, 1);
    }

    #[test]
    fn all_singletons_gold_and_prediction() {
        // No pairs anywhere: pairwise precision and recall are 1 by convention.
        let g = gold(&[("a", "x"), ("b", "y")]);
        let r = score(&[vec!["a"], vec!["b"]], &g);
        assert!(close(r.pairwise.f1, 1.0) && close(r.bcubed.f1, 1.0));
        // Merging two different stories costs precision.
        let r = score(&[vec!["a", "b"]], &g);
        assert!(
            close(r.pairwise.precision, 0.0) && close(r.bcubed.precision, 0.5),
            "{r:?}"
        );
    }

    #[test]
    fn missing_and_unlabelled_articles() {
        // `c` is missing from the prediction (a singleton); `z` has no gold label (ignored).
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "x")]);
        let r = score(&[vec!["a", "b", "z"]], &g);
        assert_eq!((r.articles, r.predicted_stories), (3, 2));
        // Recall: a,b 2/3, c 1/3 → 5/9. Precision 1 (z is not scored).
        assert!(
            close(r.bcubed.recall, 5.0 / 9.0) && close(r.bcubed.precision, 1.0),
            "{r:?}"
        );
    }

    #[test]
    fn json_field_names() {
        let g = gold(&[("a", "x")]);
        let v = serde_json::to_value(score(&[vec!["a"]], &g)).unwrap();
        for k in [
            "articles",
            "gold_stories",
            "predicted_stories",
            "bcubed",
            "pairwise",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
        for k in ["precision", "recall", "f1"] {
            assert!(v["bcubed"].get(k).is_some() && v["pairwise"].get(k).is_some());
        }
    }
}
