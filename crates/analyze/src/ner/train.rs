//! Training the labeller: the averaged perceptron's passes over labelled sentences, the
//! choice of the number of passes and of the bias against `O` on a dev set, and the gazetteer
//! of the knowledge base's names.

use super::conll::{read_conll, tag_type, Sentence};
use super::decode::{emission, viterbi};
use super::error::NerError;
use super::eval::{eval_sentences, NerReport};
use super::features::{features, sentence_infos, word_hash, Gazetteer, InfoCache, Lexicon};
use super::model::{allowed, kind_from_name, Model};
use super::silver::SilverSentence;
use super::tags::il_ner_kind;
use super::util::{FastMap, Rng};
use khabar_model::EntityKind;
use std::path::Path;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data (the best pass on the dev set is kept when one is given).
    pub epochs: usize,
    /// Seed of the shuffling of sentences between passes (training is deterministic).
    pub seed: u64,
    /// Weights smaller than this (in absolute value) are dropped when saving.
    pub prune: f32,
    /// Word clusters (search-key hash → cluster), [`TrainConfig::default`] takes the shipped
    /// ones (`data/ner/hi-clusters.tsv`).
    pub clusters: FastMap<u16>,
    /// Cost added to every wrong label while decoding in training (a margin: the gold
    /// sequence must win by this much per token, not merely win).
    pub margin: f32,
    /// Partially labelled sentences ([`super::silver`]): only their marked names are known.
    /// Each is learnt like a labelled sentence, towards the best labels that keep its names,
    /// with updates of `silver_weight` instead of 1.
    pub silver: Vec<SilverSentence>,
    pub silver_weight: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            seed: 0x6b68_6162_6172,
            prune: 0.02,
            clusters: super::clusters::shipped_clusters(),
            margin: 1.0,
            silver: Vec::new(),
            silver_weight: 1.0,
        }
    }
}

/// What training did and how well the model reads the dev set.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub sentences: usize,
    pub tokens: usize,
    /// Silver sentences read beside the labelled ones (see [`super::silver`]).
    pub silver_sentences: usize,
    /// Passes made, and the pass kept.
    pub epochs: usize,
    pub best_epoch: usize,
    /// Dev-set scores per pass (empty without a dev set).
    pub dev_f1_by_epoch: Vec<f64>,
    pub dev: Option<NerReport>,
    /// Feature rows in the saved model, and its size in bytes.
    pub features: usize,
    pub model_bytes: u64,
    pub seconds: f64,
}

/// Training weights with the averaging trick: the average is `w - u / c`.
struct Trainer {
    n_labels: usize,
    index: FastMap<u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Trainer {
    fn row(&mut self, f: u64) -> usize {
        let n = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(n) as usize;
        if r == n as usize {
            self.w.extend(std::iter::repeat_n(0.0, self.n_labels));
            self.u.extend(std::iter::repeat_n(0.0, self.n_labels));
        }
        r
    }

    fn update(&mut self, feats: &[u64], label: usize, delta: f32) {
        let c = self.c;
        for &f in feats {
            let r = self.row(f) * self.n_labels + label;
            self.w[r] += delta;
            self.u[r] += c * delta;
        }
    }

    fn update_trans(&mut self, prev: Option<usize>, cur: usize, delta: f32) {
        let p = prev.unwrap_or(self.n_labels);
        let i = p * self.n_labels + cur;
        self.tw[i] += delta;
        self.tu[i] += self.c * delta;
    }

    fn averaged(
        &self,
        types: &[String],
        kinds: &[Option<EntityKind>],
        prune: f32,
        lex: &Lexicon,
    ) -> Model {
        let l = self.n_labels;
        let c = self.c.max(1.0);
        let mut index = FastMap::default();
        let mut weights = Vec::new();
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        rows.sort_unstable();
        for (f, r) in rows {
            let r = r as usize * l;
            let avg: Vec<f32> = (0..l).map(|k| self.w[r + k] - self.u[r + k] / c).collect();
            if avg.iter().all(|x| x.abs() < prune) {
                continue;
            }
            index.insert(f, (weights.len() / l) as u32);
            weights.extend(avg.iter().map(|&x| if x.abs() < prune { 0.0 } else { x }));
        }
        let trans = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(w, u)| w - u / c)
            .collect();
        Model {
            types: types.to_vec(),
            kinds: kinds.to_vec(),
            n_labels: l,
            index,
            weights,
            trans,
            lex: lex.clone(),
            o_bias: 0.0,
            infos: InfoCache::default(),
        }
    }
}

impl Model {
    /// Trains on labelled sentences whose tags are IL-NER's (`NEP`, `NEL`, `NEO` are the
    /// kinds; other types are learnt but never reported).
    pub fn train(sentences: &[Sentence], config: &TrainConfig) -> Model {
        Self::train_full(sentences, None, config, &il_ner_kind, None, &[]).0
    }

    /// Trains with a tag map (file type → kind), an optional dev set for choosing the number of
    /// passes, and an optional gazetteer (which must then be given when tagging too).
    pub fn train_full(
        sentences: &[Sentence],
        dev: Option<&[Sentence]>,
        config: &TrainConfig,
        kind_of: &dyn Fn(&str) -> Option<EntityKind>,
        gaz: Option<Gazetteer>,
        names: &[(String, EntityKind)],
    ) -> (Model, Vec<f64>, usize) {
        // The lexicon: training-word frequencies and the gazetteer's names.
        let mut lex = Lexicon::default();
        let mut counts: FastMap<u32> = FastMap::default();
        for s in sentences {
            for t in &s.tokens {
                *counts.entry(word_hash(t)).or_insert(0) += 1;
            }
        }
        for (w, c) in counts {
            if c >= 2 {
                lex.vocab.insert(w, (32 - c.leading_zeros()).min(12) as u8);
            }
        }
        for (name, kind) in names {
            lex.add_name(name, *kind);
        }
        lex.clusters = config.clusters.clone();
        // Types: the kinds first (fixed order), then the other types in order of appearance.
        let mut types: Vec<String> = vec!["person".into(), "place".into(), "organisation".into()];
        for s in sentences {
            for t in &s.tags {
                if let Some(ty) = tag_type(t) {
                    let name = kind_of(ty).map_or(ty, |k| k.as_str());
                    if !types.iter().any(|x| x == name) {
                        types.push(name.to_string());
                    }
                }
            }
        }
        let kinds: Vec<Option<EntityKind>> = types.iter().map(|t| kind_from_name(t)).collect();
        let n_labels = 1 + 2 * types.len();
        let label_of = |tag: &str| -> usize {
            let Some(ty) = tag_type(tag) else { return 0 };
            let name = kind_of(ty).map_or(ty, |k| k.as_str());
            let t = types.iter().position(|x| x == name).unwrap_or(0);
            if tag.starts_with("B-") {
                1 + 2 * t
            } else {
                2 + 2 * t
            }
        };
        // Features are computed once.
        let data: Vec<(Vec<Vec<u64>>, Vec<usize>)> = sentences
            .iter()
            .map(|s| {
                let feats = sentence_features(&s.tokens, gaz, &lex);
                let mut gold: Vec<usize> = s.tags.iter().map(|t| label_of(t)).collect();
                // An I that does not continue its type starts a mention (conlleval).
                for i in 0..gold.len() {
                    let g = gold[i];
                    if g != 0
                        && g.is_multiple_of(2)
                        && !allowed(i.checked_sub(1).map(|p| gold[p]), g)
                    {
                        gold[i] = g - 1;
                    }
                }
                (feats, gold)
            })
            .collect();
        // Silver sentences: features, and per token the labels its marked names allow (a bit
        // set; the kinds are the first three types).
        let all_labels = if n_labels < 64 {
            (1u64 << n_labels) - 1
        } else {
            0
        };
        let silver: Vec<(Vec<Vec<u64>>, Vec<u64>)> = if all_labels == 0 {
            Vec::new()
        } else {
            config
                .silver
                .iter()
                .map(|s| {
                    let feats = sentence_features(&s.tokens, gaz, &lex);
                    let n = s.tokens.len();
                    let mut masks = vec![all_labels; n];
                    for &(a, b, k) in &s.spans {
                        let Some(t) = types.iter().position(|x| x == k.as_str()) else {
                            continue;
                        };
                        if a >= b || b > n {
                            continue;
                        }
                        masks[a] = 1 << (1 + 2 * t);
                        for m in &mut masks[a + 1..b] {
                            *m = 1 << (2 + 2 * t);
                        }
                        if let Some(m) = masks.get_mut(b) {
                            *m &= !(1 << (2 + 2 * t));
                        }
                    }
                    (feats, masks)
                })
                .collect()
        };
        let mut tr = Trainer {
            n_labels,
            index: FastMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tw: vec![0.0; (n_labels + 1) * n_labels],
            tu: vec![0.0; (n_labels + 1) * n_labels],
            c: 1.0,
        };
        let mut order: Vec<usize> = (0..data.len() + silver.len()).collect();
        let mut rng = Rng(config.seed | 1);
        let mut best: Option<(f64, Model, usize)> = None;
        let mut dev_scores = Vec::new();
        let mut scratch = Vec::new();
        for epoch in 1..=config.epochs.max(1) {
            rng.shuffle(&mut order);
            for &si in &order {
                if let Some((feats, masks)) = si.checked_sub(data.len()).map(|j| &silver[j]) {
                    silver_step(&mut tr, feats, masks, config, &mut scratch);
                    tr.c += 1.0;
                    continue;
                }
                let (feats, gold) = &data[si];
                let n = gold.len();
                scratch.clear();
                scratch.resize(n * n_labels, 0.0f32);
                for (i, f) in feats.iter().enumerate() {
                    emission(
                        &tr.index,
                        &tr.w,
                        n_labels,
                        f,
                        &mut scratch[i * n_labels..(i + 1) * n_labels],
                    );
                }
                if config.margin > 0.0 {
                    for (i, &g) in gold.iter().enumerate() {
                        for (k, x) in scratch[i * n_labels..(i + 1) * n_labels]
                            .iter_mut()
                            .enumerate()
                        {
                            if k != g {
                                *x += config.margin;
                            }
                        }
                    }
                }
                let pred = viterbi(&scratch, &tr.tw, n_labels, n);
                if pred != *gold {
                    for i in 0..n {
                        if pred[i] != gold[i] {
                            tr.update(&feats[i], gold[i], 1.0);
                            tr.update(&feats[i], pred[i], -1.0);
                        }
                        let pp = i.checked_sub(1).map(|p| pred[p]);
                        let gp = i.checked_sub(1).map(|p| gold[p]);
                        if pp != gp || pred[i] != gold[i] {
                            tr.update_trans(gp, gold[i], 1.0);
                            tr.update_trans(pp, pred[i], -1.0);
                        }
                    }
                }
                tr.c += 1.0;
            }
            if let Some(dev) = dev {
                let m = tr.averaged(&types, &kinds, config.prune, &lex);
                let f1 = eval_sentences(dev, &|ty| kind_of(ty), &m, gaz).micro.f1;
                dev_scores.push(f1);
                if best.as_ref().is_none_or(|b| f1 > b.0) {
                    best = Some((f1, m, epoch));
                }
            }
        }
        match best {
            Some((f1, mut m, e)) => {
                // The bias against O that reads the dev set best.
                let mut best_bias = (f1, 0.0f32);
                for bias in [-0.5f32, -0.2, 0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0, 3.0] {
                    m.o_bias = bias;
                    let f = eval_sentences(dev.unwrap_or(&[]), &|ty| kind_of(ty), &m, gaz)
                        .micro
                        .f1;
                    if f > best_bias.0 {
                        best_bias = (f, bias);
                    }
                }
                m.o_bias = best_bias.1;
                (m, dev_scores, e)
            }
            None => {
                let e = config.epochs.max(1);
                (
                    tr.averaged(&types, &kinds, config.prune, &lex),
                    dev_scores,
                    e,
                )
            }
        }
    }
}

/// The features of each token of a sentence (computed once before training).
fn sentence_features(tokens: &[String], gaz: Option<Gazetteer>, lex: &Lexicon) -> Vec<Vec<u64>> {
    let toks: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let infos = sentence_infos(&toks, gaz, lex);
    (0..toks.len())
        .map(|i| {
            let mut f = Vec::with_capacity(48);
            features(&infos, i, &mut f);
            f
        })
        .collect()
}

/// One pass over a silver sentence: if the best labels (with the margin on the marked tokens)
/// break its marks, the weights move towards the best labels that keep them.
fn silver_step(
    tr: &mut Trainer,
    feats: &[Vec<u64>],
    masks: &[u64],
    config: &TrainConfig,
    scratch: &mut Vec<f32>,
) {
    let l = tr.n_labels;
    let n = feats.len();
    scratch.clear();
    scratch.resize(n * l, 0.0);
    for (i, f) in feats.iter().enumerate() {
        emission(&tr.index, &tr.w, l, f, &mut scratch[i * l..(i + 1) * l]);
    }
    let mut kept = scratch.clone();
    for (i, &m) in masks.iter().enumerate() {
        for (k, x) in kept[i * l..(i + 1) * l].iter_mut().enumerate() {
            if m >> k & 1 == 0 {
                *x = -1e9;
            }
        }
    }
    let target = viterbi(&kept, &tr.tw, l, n);
    if config.margin > 0.0 {
        for (i, &m) in masks.iter().enumerate() {
            if m.count_ones() == 1 {
                for (k, x) in scratch[i * l..(i + 1) * l].iter_mut().enumerate() {
                    if m >> k & 1 == 0 {
                        *x += config.margin;
                    }
                }
            }
        }
    }
    let pred = viterbi(scratch, &tr.tw, l, n);
    if pred.iter().zip(masks).all(|(&p, &m)| m >> p & 1 == 1) {
        return;
    }
    let w = config.silver_weight;
    for i in 0..n {
        if pred[i] != target[i] {
            tr.update(&feats[i], target[i], w);
            tr.update(&feats[i], pred[i], -w);
        }
        let pp = i.checked_sub(1).map(|p| pred[p]);
        let tp = i.checked_sub(1).map(|p| target[p]);
        if pp != tp || pred[i] != target[i] {
            tr.update_trans(tp, target[i], w);
            tr.update_trans(pp, pred[i], -w);
        }
    }
}

/// Trains on a CoNLL file (IL-NER tags), choosing the number of passes on `dev` when given,
/// then retraining on train + dev for that many passes, and writes the model to `out`.
pub fn train_from_files(
    train: &Path,
    dev: Option<&Path>,
    out: &Path,
) -> Result<TrainReport, NerError> {
    train_from_files_with(train, dev, out, &[], &[])
}

/// [`train_from_files`] with unlabelled Hindi texts read as silver sentences
/// ([`super::silver`]; the knowledge base's names marked, the training file's tags deciding
/// which one-word names are too often ordinary words), learnt in every pass beside the
/// labelled ones. No sentence that also stands in a `held` text is read.
pub fn train_from_files_with(
    train: &Path,
    dev: Option<&Path>,
    out: &Path,
    silver_texts: &[&str],
    held: &[&str],
) -> Result<TrainReport, NerError> {
    let started = std::time::Instant::now();
    let read = |p: &Path| -> Result<Vec<Sentence>, NerError> {
        let text = std::fs::read_to_string(p).map_err(|source| NerError::Read {
            path: p.to_path_buf(),
            source,
        })?;
        let s = read_conll(&text);
        if s.is_empty() {
            return Err(NerError::Data {
                path: p.to_path_buf(),
                reason: "no sentences".into(),
            });
        }
        Ok(s)
    };
    let train_s = read(train)?;
    let dev_s = dev.map(read).transpose()?;
    let names = kb_names()?;
    let config = TrainConfig {
        silver: super::silver::silver_sentences(silver_texts, held, &names, &train_s, &il_ner_kind),
        ..TrainConfig::default()
    };
    let (model, dev_f1_by_epoch, best_epoch, report) = match &dev_s {
        Some(d) => {
            let (m, scores, best) =
                Model::train_full(&train_s, Some(d), &config, &il_ner_kind, None, &names);
            let report = eval_sentences(d, &il_ner_kind, &m, None);
            let mut all = train_s.clone();
            all.extend(d.iter().cloned());
            let cfg = TrainConfig {
                epochs: best,
                ..config.clone()
            };
            let (mut full, _, _) = Model::train_full(&all, None, &cfg, &il_ner_kind, None, &names);
            full.o_bias = m.o_bias;
            (full, scores, best, Some(report))
        }
        None => {
            let (m, s, b) = Model::train_full(&train_s, None, &config, &il_ner_kind, None, &names);
            (m, s, b, None)
        }
    };
    model.save(out)?;
    let model_bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    let n_sent = train_s.len() + dev_s.as_ref().map_or(0, Vec::len);
    let tokens = train_s.iter().map(|s| s.tokens.len()).sum::<usize>()
        + dev_s
            .as_ref()
            .map_or(0, |d| d.iter().map(|s| s.tokens.len()).sum());
    Ok(TrainReport {
        sentences: n_sent,
        tokens,
        silver_sentences: config.silver.len(),
        epochs: config.epochs,
        best_epoch,
        dev_f1_by_epoch,
        dev: report,
        features: model.n_features(),
        model_bytes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The names of the embedded knowledge base (people, places, organisations) for the gazetteer.
pub fn kb_names() -> Result<Vec<(String, EntityKind)>, NerError> {
    let kb = khabar_kb::KnowledgeBase::embedded().map_err(|e| NerError::Data {
        path: "data/kb/kb.jsonl".into(),
        reason: e.to_string(),
    })?;
    let mut out = Vec::new();
    for e in kb.entries() {
        if e.kind == EntityKind::Other {
            continue;
        }
        // Single-word names of the world's provinces (ISO 3166-2) are too often ordinary words
        // in Hindi prose (अशांति, Ashanti, is also "unrest"): only their longer names are kept.
        let minor = e.subtype.as_deref() == Some("subdivision");
        for n in e.names() {
            if minor && khabar_text::words(n).len() < 2 {
                continue;
            }
            out.push((n.to_string(), e.kind));
        }
    }
    Ok(out)
}
