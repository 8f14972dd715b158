//! Word clusters learnt from unlabelled text, for the labeller's features.
//!
//! Each frequent word is described by the words around it (the most frequent words one and two
//! places to its left and right, weighted by positive pointwise mutual information), and the
//! descriptions are grouped by spherical k-means twice: first into coarse clusters, then each
//! coarse cluster into fine ones. A word's cluster is `(coarse + 1) << 8 | fine`, so its upper
//! byte is the coarse cluster; words too rare to be described have none (0).
//!
//! Everything is deterministic: ties are broken by order, seeds come from a fixed generator.
//! The clusters ship as `data/ner/hi-clusters.tsv` (`word<TAB>coarse<TAB>fine`, search keys).

use super::util::Rng;
use std::collections::HashMap;

/// Settings of [`learn_clusters`].
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times get no cluster.
    pub min_count: usize,
    /// At most this many words are clustered (the most frequent).
    pub max_words: usize,
    /// Context words: the most frequent words (plus sentence ends).
    pub contexts: usize,
    /// Coarse clusters, and fine clusters within each (at most 256).
    pub coarse: usize,
    pub fine: usize,
    /// Passes of k-means at each level.
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            max_words: 60_000,
            contexts: 600,
            coarse: 32,
            fine: 16,
            iterations: 15,
        }
    }
}

/// A number in [0, 1) from the generator.
fn unit(rng: &mut Rng) -> f64 {
    (rng.next() >> 11) as f64 / (1u64 << 53) as f64
}

/// A word's description: sorted (dimension, weight), L2-normalised.
type Sparse = Vec<(u32, f32)>;

fn dot(a: &Sparse, centre: &[f32]) -> f32 {
    a.iter().map(|&(d, x)| x * centre[d as usize]).sum()
}

/// Spherical k-means of `items` (indices into `vecs`) into at most `k` groups; returns each
/// item's group. Seeds by k-means++ (cosine distance) from a fixed generator.
fn kmeans(
    vecs: &[Sparse],
    items: &[usize],
    k: usize,
    dims: usize,
    iters: usize,
    seed: u64,
) -> Vec<usize> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    let k = k.min(n).max(1);
    let mut rng = Rng(seed | 1);
    let dense = |v: &Sparse| {
        let mut c = vec![0.0f32; dims];
        for &(d, x) in v {
            c[d as usize] = x;
        }
        c
    };
    // k-means++: each next seed drawn with probability proportional to its distance to the
    // nearest seed so far.
    let mut centres: Vec<Vec<f32>> = vec![dense(&vecs[items[0]])];
    let mut near: Vec<f32> = items
        .iter()
        .map(|&i| (1.0 - dot(&vecs[i], &centres[0])).max(0.0))
        .collect();
    while centres.len() < k {
        let total: f64 = near.iter().map(|&x| x as f64).sum();
        if total <= 0.0 {
            break;
        }
        let mut r = unit(&mut rng) * total;
        let mut pick = n - 1;
        for (j, &x) in near.iter().enumerate() {
            r -= x as f64;
            if r <= 0.0 {
                pick = j;
                break;
            }
        }
        let c = dense(&vecs[items[pick]]);
        for (j, &i) in items.iter().enumerate() {
            let d = (1.0 - dot(&vecs[i], &c)).max(0.0);
            if d < near[j] {
                near[j] = d;
            }
        }
        centres.push(c);
    }
    let k = centres.len();
    let mut assign = vec![0usize; n];
    for it in 0..iters.max(1) {
        let mut changed = false;
        for (j, &i) in items.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0);
            for (c, centre) in centres.iter().enumerate() {
                let s = dot(&vecs[i], centre);
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[j] != best.1 || it == 0 {
                changed |= assign[j] != best.1;
                assign[j] = best.1;
            }
        }
        if it > 0 && !changed {
            break;
        }
        for c in centres.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (j, &i) in items.iter().enumerate() {
            let c = &mut centres[assign[j]];
            for &(d, x) in &vecs[i] {
                c[d as usize] += x;
            }
        }
        for c in centres.iter_mut() {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    debug_assert!(assign.iter().all(|&a| a < k));
    assign
}

/// Learns clusters from sentences of words (any spelling: words are compared by their search
/// keys). Returns `(search key, coarse, fine)` sorted by key.
pub fn learn_clusters(sentences: &[Vec<String>], cfg: &ClusterConfig) -> Vec<(String, u8, u8)> {
    let keyed: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| khabar_text::search_key(w)).collect())
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in &keyed {
        for w in s {
            if !w.is_empty() {
                *counts.entry(w.as_str()).or_insert(0) += 1;
            }
        }
    }
    let mut by_freq: Vec<(&str, usize)> = counts.iter().map(|(&w, &c)| (w, c)).collect();
    by_freq.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // Context ids: 0 start, 1 end, then the frequent words.
    let ctx: HashMap<&str, u32> = by_freq
        .iter()
        .take(cfg.contexts)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32 + 2))
        .collect();
    let n_ctx = cfg.contexts as u32 + 2;
    let words: Vec<&str> = by_freq
        .iter()
        .filter(|(_, c)| *c >= cfg.min_count)
        .take(cfg.max_words)
        .map(|(w, _)| *w)
        .collect();
    let word_id: HashMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    // Co-occurrence counts: dimension = offset slot × n_ctx + context id.
    let mut co: Vec<HashMap<u32, f32>> = vec![HashMap::new(); words.len()];
    for s in &keyed {
        let ctx_at = |j: isize| -> Option<u32> {
            if j < 0 {
                Some(0)
            } else if j as usize >= s.len() {
                Some(1)
            } else {
                ctx.get(s[j as usize].as_str()).copied()
            }
        };
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = word_id.get(w.as_str()) else {
                continue;
            };
            for (slot, off) in [-2isize, -1, 1, 2].iter().enumerate() {
                if let Some(c) = ctx_at(i as isize + off) {
                    *co[wi].entry(slot as u32 * n_ctx + c).or_insert(0.0) += 1.0;
                }
            }
        }
    }
    let dims = (4 * n_ctx) as usize;
    // PPMI weights.
    let mut dim_total = vec![0.0f64; dims];
    let mut total = 0.0f64;
    for row in &co {
        for (&d, &x) in row {
            dim_total[d as usize] += x as f64;
            total += x as f64;
        }
    }
    let vecs: Vec<Sparse> = co
        .iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&x| x as f64).sum();
            let mut v: Sparse = row
                .iter()
                .filter_map(|(&d, &x)| {
                    let pmi = ((x as f64 * total) / (row_total * dim_total[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|x| x.1 /= norm);
            }
            v
        })
        .collect();
    let all: Vec<usize> = (0..words.len()).filter(|&i| !vecs[i].is_empty()).collect();
    let coarse = kmeans(
        &vecs,
        &all,
        cfg.coarse.min(255),
        dims,
        cfg.iterations,
        0x636c_7573,
    );
    let mut out = Vec::with_capacity(all.len());
    for c in 0..cfg.coarse.min(255) {
        let members: Vec<usize> = all
            .iter()
            .zip(&coarse)
            .filter(|(_, &a)| a == c)
            .map(|(&i, _)| i)
            .collect();
        let fine = kmeans(
            &vecs,
            &members,
            cfg.fine.min(256),
            dims,
            cfg.iterations,
            0x6669_6e65 + c as u64,
        );
        for (&i, &f) in members.iter().zip(&fine) {
            out.push((words[i].to_string(), c as u8, f as u8));
        }
    }
    out.sort_unstable();
    out
}

/// The clusters as `word<TAB>coarse<TAB>fine` lines.
pub fn clusters_to_tsv(clusters: &[(String, u8, u8)]) -> String {
    let mut s = String::new();
    for (w, c, f) in clusters {
        s.push_str(&format!("{w}\t{c}\t{f}\n"));
    }
    s
}

/// Reads `word<TAB>coarse<TAB>fine` lines (others are skipped) into search-key hash → cluster
/// id (`(coarse + 1) << 8 | fine`).
pub(crate) fn parse_clusters(text: &str) -> crate::ner::util::FastMap<u16> {
    let mut map = crate::ner::util::FastMap::default();
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(w), Some(c), Some(f)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(c), Ok(f)) = (c.trim().parse::<u8>(), f.trim().parse::<u8>()) else {
            continue;
        };
        if c == 255 || w.is_empty() {
            continue;
        }
        map.insert(
            super::features::word_hash(w),
            ((c as u16 + 1) << 8) | f as u16,
        );
    }
    map
}

/// The clusters shipped in `data/ner/hi-clusters.tsv`.
pub(crate) fn shipped_clusters() -> crate::ner::util::FastMap<u16> {
    parse_clusters(include_str!("../../../../data/ner/hi-clusters.tsv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_like_contexts_share_clusters() {
        // Names before "ने", places after "में जाकर" ... and numbers before "लोग".
        let names = ["राम", "श्याम", "गीता", "सीता"];
        let places = ["दिल्ली", "पटना", "मुंबई", "लखनऊ"];
        let mut sents = Vec::new();
        for _ in 0..5 {
            for n in names {
                for p in places {
                    sents.push(
                        format!("कल {n} ने कहा कि वह {p} में रहता है")
                            .split(' ')
                            .map(String::from)
                            .collect::<Vec<_>>(),
                    );
                }
            }
        }
        // More clusters than kinds of context: each kind gets its own.
        let cfg = ClusterConfig {
            coarse: 16,
            fine: 2,
            ..Default::default()
        };
        let cl = learn_clusters(&sents, &cfg);
        let of = |w: &str| {
            let k = khabar_text::search_key(w);
            cl.iter().find(|x| x.0 == k).map(|x| (x.1, x.2))
        };
        assert_eq!(of("राम"), of("सीता"));
        assert_eq!(of("दिल्ली"), of("लखनऊ"));
        assert_ne!(of("राम"), of("दिल्ली"));
        // Deterministic, and the TSV reads back.
        assert_eq!(cl, learn_clusters(&sents, &cfg));
        let map = parse_clusters(&clusters_to_tsv(&cl));
        assert_eq!(map.len(), cl.len());
        let id = map[&crate::ner::features::word_hash("राम")];
        assert_eq!(id >> 8, of("राम").unwrap().0 as u16 + 1);
    }

    #[test]
    fn parse_skips_bad_lines() {
        let m = parse_clusters("a\t1\t2\nbad line\nb\tx\t1\nc\t255\t0\n\n");
        assert_eq!(m.len(), 1);
        assert_eq!(m[&crate::ner::features::word_hash("a")], (2 << 8) | 2);
    }
}
