//! Retrieval accuracy@1 of name matching across scripts (`khabar eval translit FILE`).
//!
//! Input: one pair a line, `latin<TAB>devanagari` or `devanagari<TAB>latin[<TAB>anything]`
//! (the Devanagari column is the one whose cells are mostly Devanagari). For each query (the
//! other column), every distinct Devanagari name of the file is scored with
//! [`name_similarity`](super::name_similarity); the query is right when a partner of it is the
//! single best. A query that occurs with several partners (Dakshina romanisations) is right with
//! any of them.

use super::PreparedName;
use std::collections::{HashMap, HashSet};

/// The result of [`eval_translit`].
#[derive(Debug, Clone, PartialEq)]
pub struct TranslitReport {
    /// Pairs read.
    pub pairs: usize,
    /// Distinct Devanagari names competing for each query.
    pub targets: usize,
    /// Pairs whose partner scored strictly best.
    pub correct: usize,
    /// Pairs whose partner shared the best score with another name (counted wrong).
    pub ties: usize,
    /// `correct / pairs` (0 when there are no pairs).
    pub accuracy_at_1: f64,
    /// Accuracy@1 if ties were broken at random (a tie among k names counts 1/k).
    pub accuracy_at_1_ties_shared: f64,
    /// Up to 20 misses: (query, expected, best-scoring name).
    pub misses: Vec<(String, String, String)>,
}

impl TranslitReport {
    /// The report as a JSON object (`pairs`, `targets`, `correct`, `ties`, `accuracy_at_1`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"pairs\":{},\"targets\":{},\"correct\":{},\"ties\":{},\"accuracy_at_1\":{:.4},\"accuracy_at_1_ties_shared\":{:.4}}}",
            self.pairs,
            self.targets,
            self.correct,
            self.ties,
            self.accuracy_at_1,
            self.accuracy_at_1_ties_shared
        )
    }
}

fn devanagari_share(s: &str) -> f32 {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0.0;
    }
    let d = letters
        .iter()
        .filter(|c| ('\u{0900}'..='\u{097F}').contains(*c))
        .count();
    d as f32 / letters.len() as f32
}

/// Read the pairs of a TSV, oriented as (query, devanagari target).
pub fn read_pairs(tsv: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = tsv
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let a = f.next()?.trim();
            let b = f.next()?.trim();
            (!a.is_empty() && !b.is_empty()).then(|| (a.to_string(), b.to_string()))
        })
        .collect();
    let first_is_deva = rows
        .iter()
        .filter(|(a, b)| devanagari_share(a) > devanagari_share(b))
        .count();
    if first_is_deva * 2 > rows.len() {
        rows.into_iter().map(|(a, b)| (b, a)).collect()
    } else {
        rows
    }
}

/// Accuracy@1 of finding each query's Devanagari partner among all Devanagari names of the file.
pub fn eval_translit(tsv: &str) -> TranslitReport {
    let pairs = read_pairs(tsv);
    let mut targets: Vec<&str> = Vec::new();
    let mut target_ix: HashMap<&str, usize> = HashMap::new();
    for (_, t) in &pairs {
        if !target_ix.contains_key(t.as_str()) {
            target_ix.insert(t, targets.len());
            targets.push(t);
        }
    }
    let mut partners: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (q, t) in &pairs {
        if let Some(&ix) = target_ix.get(t.as_str()) {
            partners.entry(q).or_default().insert(ix);
        }
    }
    let prepared: Vec<PreparedName> = targets.iter().map(|t| PreparedName::new(t)).collect();
    // Per query: right, tied, best target, share of the best that are partners.
    let mut cache: HashMap<&str, (bool, bool, usize, f64)> = HashMap::new();
    let mut shared = 0.0f64;
    let mut correct = 0;
    let mut ties = 0;
    let mut misses = Vec::new();
    for (q, t) in &pairs {
        let (ok, tie, best_ix, share) = *cache.entry(q.as_str()).or_insert_with(|| {
            let pq = PreparedName::new(q);
            let mut best = f32::MIN;
            let mut best_ixs: Vec<usize> = Vec::new();
            for (ix, pt) in prepared.iter().enumerate() {
                let s = pq.similarity(pt);
                if s > best {
                    best = s;
                    best_ixs.clear();
                    best_ixs.push(ix);
                } else if s == best {
                    best_ixs.push(ix);
                }
            }
            let mine = partners.get(q.as_str());
            let hit = |ix: &usize| mine.is_some_and(|m| m.contains(ix));
            let first = best_ixs.first().copied().unwrap_or(0);
            let any_hit = best_ixs.iter().any(hit);
            let all_hit = best_ixs.iter().all(hit);
            let hits = best_ixs.iter().filter(|ix| hit(ix)).count();
            let share = if best_ixs.is_empty() {
                0.0
            } else {
                hits as f64 / best_ixs.len() as f64
            };
            (
                all_hit && !best_ixs.is_empty(),
                any_hit && !all_hit,
                first,
                share,
            )
        });
        shared += share;
        if ok {
            correct += 1;
        } else {
            if tie {
                ties += 1;
            }
            if misses.len() < 20 {
                let got = targets.get(best_ix).copied().unwrap_or_default();
                misses.push((q.clone(), t.clone(), got.to_string()));
            }
        }
    }
    let n = pairs.len();
    TranslitReport {
        pairs: n,
        targets: targets.len(),
        correct,
        ties,
        accuracy_at_1: if n == 0 {
            0.0
        } else {
            correct as f64 / n as f64
        },
        accuracy_at_1_ties_shared: if n == 0 { 0.0 } else { shared / n as f64 },
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_and_scoring() {
        let tsv = "Vladimir Putin\tव्लादिमीर पुतिन\nNarendra Modi\tनरेंद्र मोदी\nKazakhstan\tकज़ाख़स्तान\n";
        let r = eval_translit(tsv);
        assert_eq!(r.pairs, 3);
        assert_eq!(r.targets, 3);
        assert_eq!(r.correct, 3, "{:?}", r.misses);
        assert!((r.accuracy_at_1 - 1.0).abs() < 1e-9);
        // Devanagari first, with a count column.
        let flipped = "पुतिन\tputin\t3\nमोदी\tmodi\t1\n";
        let r = eval_translit(flipped);
        assert_eq!(read_pairs(flipped)[0].0, "putin");
        assert_eq!(r.correct, 2);
        assert!(r.to_json().contains("\"accuracy_at_1\":1.0000"));
    }

    #[test]
    fn empty_input() {
        let r = eval_translit("");
        assert_eq!(r.pairs, 0);
        assert_eq!(r.accuracy_at_1, 0.0);
    }

    fn shared(rel: &str) -> Option<String> {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/translit/"
        );
        match std::fs::read_to_string(format!("{p}{rel}")) {
            Ok(s) => Some(s),
            Err(e) => {
                println!("skipped: {p}{rel} not readable ({e})");
                None
            }
        }
    }

    /// The acceptance aim of the issue: ≥ 0.95 on the cricketers.
    #[test]
    fn cricketers_accuracy() {
        let Some(tsv) = shared("cricketers-en-hi.tsv") else {
            return;
        };
        let r = eval_translit(&tsv);
        println!("cricketers: {}", r.to_json());
        for m in &r.misses {
            println!("  miss: {} → want {} got {}", m.0, m.1, m.2);
        }
        assert!(r.pairs > 400);
        assert!(r.accuracy_at_1 >= 0.95, "{}", r.to_json());
    }

    /// Slow in debug builds: `cargo test -p khabar-text --release -- --ignored dakshina`.
    #[test]
    #[ignore]
    fn dakshina_accuracy() {
        for split in ["dev", "test"] {
            let Some(tsv) = shared(&format!("dakshina-hi/{split}.tsv")) else {
                return;
            };
            let r = eval_translit(&tsv);
            println!("dakshina {split}: {}", r.to_json());
            for m in &r.misses {
                println!("  miss: {} → want {} got {}", m.0, m.1, m.2);
            }
            assert!(r.pairs > 4000);
            assert!(r.accuracy_at_1 > 0.8, "{}", r.to_json());
        }
    }
}
