//! The labeller: a structured averaged perceptron over BIO labels, Viterbi decoding.

use super::conll::{read_conll, tag_type, Sentence};
use super::eval::{eval_sentences, NerReport};
use super::features::{
    context_features, features, sentence_infos, sentence_infos_cached, token_features, word_hash,
    Gazetteer, InfoCache, Lexicon, TokenInfo,
};
use super::util::FastMap;
use super::util::Rng;
use super::{il_ner_kind, NerError, Tag};
use khabar_model::{EntityKind, Span};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"KHNER\x00\x02\x00";

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
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            seed: 0x6b68_6162_6172,
            prune: 0.02,
            clusters: super::clusters::shipped_clusters(),
            margin: 1.0,
        }
    }
}

/// What training did and how well the model reads the dev set.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub sentences: usize,
    pub tokens: usize,
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

/// A trained labeller.
#[derive(Debug, Clone)]
pub struct Model {
    /// Entity types: `person`, `place`, `organisation` for the kinds, other types by their tag
    /// name (they are learnt, which helps, but never reported).
    types: Vec<String>,
    kinds: Vec<Option<EntityKind>>,
    n_labels: usize,
    index: FastMap<u32>,
    weights: Vec<f32>,
    /// `(n_labels + 1) × n_labels`: row `p` holds the scores of moving from label `p`; the last
    /// row is the start of a sentence.
    trans: Vec<f32>,
    lex: Lexicon,
    /// Subtracted from the score of `O` at every token: trades precision for recall (chosen on
    /// the dev set).
    o_bias: f32,
    /// Token infos met so far (see [`InfoCache`]).
    infos: InfoCache,
}

fn kind_from_name(s: &str) -> Option<EntityKind> {
    match s {
        "person" => Some(EntityKind::Person),
        "place" => Some(EntityKind::Place),
        "organisation" => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// Label numbering: 0 = O, 1 + 2t = B of type t, 2 + 2t = I of type t.
#[inline]
fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    match prev {
        None => false,
        Some(p) => p != 0 && (p == cur - 1 || p == cur),
    }
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
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                let infos = sentence_infos(&toks, gaz, &lex);
                let feats = (0..toks.len())
                    .map(|i| {
                        let mut f = Vec::with_capacity(48);
                        features(&infos, i, &mut f);
                        f
                    })
                    .collect();
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
        let mut tr = Trainer {
            n_labels,
            index: FastMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tw: vec![0.0; (n_labels + 1) * n_labels],
            tu: vec![0.0; (n_labels + 1) * n_labels],
            c: 1.0,
        };
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng(config.seed | 1);
        let mut best: Option<(f64, Model, usize)> = None;
        let mut dev_scores = Vec::new();
        let mut scratch = Vec::new();
        for epoch in 1..=config.epochs.max(1) {
            rng.shuffle(&mut order);
            for &si in &order {
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

    /// Tags tokens with BIO labels over person, place and organisation.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_with(tokens, None)
    }

    /// Tags the sentences of one document, then makes its mentions agree: a word sequence the
    /// labeller tagged as a mention of one kind (more often than of any other) is tagged so
    /// wherever else in the document it stands wholly untagged. Names are often recognised in
    /// one sentence (after a title, before a verb of saying) and missed in the next.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        self.tag_document_with(sentences, None)
    }

    /// [`Model::tag_document`] with a gazetteer (see [`Model::tag_with`]).
    pub fn tag_document_with(
        &self,
        sentences: &[Vec<&str>],
        gaz: Option<Gazetteer>,
    ) -> Vec<Vec<Tag>> {
        // Each sentence's tags, and its words' hashes (`word_hash`), which the labeller has
        // already computed.
        let (mut tags, keys): (Vec<Vec<Tag>>, Vec<Vec<u64>>) = sentences
            .iter()
            .map(|s| {
                let (labels, keys) = self.labels_and_keys(s, gaz);
                (self.tags_of(&labels), keys)
            })
            .unzip();
        agree(&keys, &mut tags, &|k| {
            self.lex.vocab.get(&k).is_some_and(|&b| b > 6)
        });
        tags
    }

    /// [`Model::tag`] with a gazetteer (useful when the model was trained with one).
    pub fn tag_with(&self, tokens: &[&str], gaz: Option<Gazetteer>) -> Vec<Tag> {
        self.tags_of(&self.labels_and_keys(tokens, gaz).0)
    }

    /// Tags of labels, made well-formed.
    fn tags_of(&self, labels: &[usize]) -> Vec<Tag> {
        let mut out: Vec<Tag> = labels
            .iter()
            .map(|&l| {
                if l == 0 {
                    return Tag::O;
                }
                let t = (l - 1) / 2;
                match self.kinds.get(t).copied().flatten() {
                    None => Tag::O,
                    Some(k) if l % 2 == 1 => Tag::B(k),
                    Some(k) => Tag::I(k),
                }
            })
            .collect();
        // Keep the output well-formed: an I after something else begins a mention.
        for i in 0..out.len() {
            if let Tag::I(k) = out[i] {
                let ok = i > 0 && out[i - 1].kind() == Some(k);
                if !ok {
                    out[i] = Tag::B(k);
                }
            }
        }
        out
    }

    /// The best labels of a sentence's tokens, and each token's [`word_hash`].
    fn labels_and_keys(&self, tokens: &[&str], gaz: Option<Gazetteer>) -> (Vec<usize>, Vec<u64>) {
        let n = tokens.len();
        if n == 0 {
            return (Vec::new(), Vec::new());
        }
        let l = self.n_labels;
        // Each row starts with the scores of the token's own features (cached per word), then
        // adds those of its context: the same sums, in the same order, as all features at once.
        let mut em = vec![0.0f32; n * l];
        let own = |t: &TokenInfo, row: &mut [f32]| {
            let mut f = Vec::with_capacity(16);
            token_features(t, &mut f);
            emission(&self.index, &self.weights, l, &f, row);
        };
        let infos = sentence_infos_cached(tokens, gaz, &self.lex, &self.infos, &own, l, &mut em);
        let mut f = Vec::with_capacity(64);
        for i in 0..n {
            f.clear();
            context_features(&infos, i, &mut f);
            emission(
                &self.index,
                &self.weights,
                l,
                &f,
                &mut em[i * l..(i + 1) * l],
            );
        }
        (
            viterbi(&em, &self.trans, l, n),
            infos.iter().map(TokenInfo::key).collect(),
        )
    }

    /// Byte spans of the entity mentions in a text, with their kinds. Sentences mostly in
    /// Latin script are read by the English rules, the others by the model.
    pub fn spans(&self, text: &str) -> Vec<(Span, EntityKind)> {
        self.spans_with(text, None)
    }

    /// [`Model::spans`] with a gazetteer: the English rules take its kind for a capitalised run;
    /// the Hindi model uses it as a feature only if it was trained with one
    /// ([`Model::train_full`]; the shipped model was not: it carries its own gazetteer of the
    /// knowledge base's names). The Hindi sentences of the text are read as one document
    /// ([`Model::tag_document`]).
    pub fn spans_with(&self, text: &str, gaz: Option<Gazetteer>) -> Vec<(Span, EntityKind)> {
        self.spans_in(&khabar_text::doc::Doc::new(text), gaz)
    }

    /// [`Model::spans_with`] over an article's [`khabar_text::doc::Doc`]: its sentences and
    /// words are read from the document, not segmented again.
    pub fn spans_in(
        &self,
        doc: &khabar_text::doc::Doc<'_>,
        gaz: Option<Gazetteer>,
    ) -> Vec<(Span, EntityKind)> {
        // Each sentence: its start, its tokens (spans relative to the sentence), and its tags
        // when English.
        type Read<'t> = (usize, Vec<(Span, &'t str)>, Option<Vec<Tag>>);
        let text = doc.text();
        let mut sents: Vec<Read> = Vec::new();
        for &sent in doc.sentences() {
            let Some(s) = text.get(sent.start..sent.end) else {
                continue;
            };
            let toks = super::tokenize_in(doc, sent);
            if toks.is_empty() {
                continue;
            }
            let counts = khabar_text::script::script_counts(s);
            let latin = counts.get(khabar_text::script::Script::Latin);
            let deva = counts.get(khabar_text::script::Script::Devanagari);
            let english = (latin > deva).then(|| {
                let words: Vec<&str> = toks.iter().map(|t| t.1).collect();
                super::english::tag_with(&words, gaz)
            });
            sents.push((sent.start, toks, english));
        }
        let hindi: Vec<Vec<&str>> = sents
            .iter()
            .filter(|s| s.2.is_none())
            .map(|s| s.1.iter().map(|t| t.1).collect())
            .collect();
        let mut hindi_tags = self.tag_document_with(&hindi, gaz).into_iter();
        let mut out = Vec::new();
        for (start, toks, english) in sents {
            let Some(tags) = english.or_else(|| hindi_tags.next()) else {
                continue;
            };
            for (a, b, k) in super::chunks(&tags) {
                out.push((
                    Span::new(start + toks[a].0.start, start + toks[b - 1].0.end),
                    k,
                ));
            }
        }
        out
    }

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

    /// The model as bytes (the format [`Model::from_bytes`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_u32(&mut body, self.types.len() as u32);
        for t in &self.types {
            put_u32(&mut body, t.len() as u32);
            body.extend_from_slice(t.as_bytes());
        }
        for &x in &self.trans {
            body.extend_from_slice(&x.to_le_bytes());
        }
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        rows.sort_unstable();
        put_u32(&mut body, rows.len() as u32);
        let l = self.n_labels;
        for (f, r) in rows {
            body.extend_from_slice(&f.to_le_bytes());
            let row = &self.weights[r as usize * l..(r as usize + 1) * l];
            let nz: Vec<(usize, f32)> = row
                .iter()
                .copied()
                .enumerate()
                .filter(|x| x.1 != 0.0)
                .collect();
            body.push(nz.len() as u8);
            for (k, x) in nz {
                body.push(k as u8);
                // Weights are stored as f16-like halves of f32 (the low bits carry nothing).
                body.extend_from_slice(&((x.to_bits() >> 16) as u16).to_le_bytes());
            }
        }
        for table in [&self.lex.vocab, &self.lex.phrases, &self.lex.parts] {
            let mut v: Vec<(u64, u8)> = table.iter().map(|(&k, &b)| (k, b)).collect();
            v.sort_unstable();
            put_u32(&mut body, v.len() as u32);
            for (k, b) in v {
                body.extend_from_slice(&k.to_le_bytes());
                body.push(b);
            }
        }
        let mut v: Vec<(u64, u16)> = self.lex.clusters.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        put_u32(&mut body, v.len() as u32);
        for (k, c) in v {
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&c.to_le_bytes());
        }
        body.push(self.lex.max_phrase.min(255) as u8);
        body.extend_from_slice(&self.o_bias.to_le_bytes());
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::GzEncoder::new(&mut out, flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&body);
        let _ = enc.finish();
        out
    }

    /// Reads a model from bytes; `origin` names the file in errors.
    pub fn from_bytes(bytes: &[u8], origin: &Path) -> Result<Model, NerError> {
        let corrupt = |reason: &str| NerError::Corrupt {
            path: origin.to_path_buf(),
            reason: reason.to_string(),
        };
        let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
            return Err(corrupt("bad magic bytes"));
        };
        let mut body = Vec::new();
        flate2::read::GzDecoder::new(rest)
            .read_to_end(&mut body)
            .map_err(|e| corrupt(&format!("cannot decompress: {e}")))?;
        let mut r = Reader { b: &body, pos: 0 };
        let n_types = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
        if n_types == 0 || n_types > 100 {
            return Err(corrupt("bad number of types"));
        }
        let mut types = Vec::with_capacity(n_types);
        for _ in 0..n_types {
            let len = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
            let s = r.take(len).ok_or_else(|| corrupt("truncated"))?;
            types.push(
                std::str::from_utf8(s)
                    .map_err(|_| corrupt("type name is not UTF-8"))?
                    .to_string(),
            );
        }
        let kinds: Vec<Option<EntityKind>> = types.iter().map(|t| kind_from_name(t)).collect();
        let l = 1 + 2 * n_types;
        let mut trans = Vec::with_capacity((l + 1) * l);
        for _ in 0..(l + 1) * l {
            let b = r.take(4).ok_or_else(|| corrupt("truncated"))?;
            trans.push(f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        }
        let n_rows = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
        if n_rows > body.len() / 9 {
            return Err(corrupt("bad number of features"));
        }
        let mut index = FastMap::with_capacity_and_hasher(n_rows, Default::default());
        let mut weights = vec![0.0f32; n_rows * l];
        for row in 0..n_rows {
            let f = r.u64().ok_or_else(|| corrupt("truncated"))?;
            let nz = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
            for _ in 0..nz {
                let k = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
                if k >= l {
                    return Err(corrupt("label out of range"));
                }
                let b = r.take(2).ok_or_else(|| corrupt("truncated"))?;
                let bits = (u16::from_le_bytes([b[0], b[1]]) as u32) << 16;
                weights[row * l + k] = f32::from_bits(bits);
            }
            index.insert(f, row as u32);
        }
        let mut lex = Lexicon::default();
        let bad_table = || corrupt("truncated or bad table size");
        let byte = |b: &[u8]| b[0];
        r.table(&mut lex.vocab, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.phrases, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.parts, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.clusters, 2, |b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(bad_table)?;
        lex.max_phrase = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
        let b = r.take(4).ok_or_else(|| corrupt("truncated"))?;
        let o_bias = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if r.pos != body.len() {
            return Err(corrupt("trailing bytes"));
        }
        if trans
            .iter()
            .chain(&weights)
            .chain([&o_bias])
            .any(|x| !x.is_finite())
        {
            return Err(corrupt("non-finite weight"));
        }
        Ok(Model {
            types,
            kinds,
            n_labels: l,
            index,
            weights,
            trans,
            lex,
            o_bias,
            infos: InfoCache::default(),
        })
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| NerError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes, path)
    }

    /// The Hindi model shipped in `data/ner/hi-ner.bin`, compiled into the binary.
    pub fn embedded() -> Result<Model, NerError> {
        static BYTES: &[u8] = include_bytes!("../../../../data/ner/hi-ner.bin");
        Self::from_bytes(BYTES, Path::new("data/ner/hi-ner.bin (embedded)"))
    }
}

/// Makes a document's mentions agree (see [`Model::tag_document`]): `keys` are the word
/// hashes of each sentence, `is_common` tells a word too common to be a name on its own.
fn agree(keys: &[Vec<u64>], tags: &mut [Vec<Tag>], is_common: &dyn Fn(u64) -> bool) {
    // Mention (word hashes) → votes per kind.
    let mut votes: HashMap<&[u64], [u32; 3]> = HashMap::new();
    for (s, t) in keys.iter().zip(tags.iter()) {
        for (a, b, k) in super::chunks(t) {
            let slot = match k {
                EntityKind::Person => 0,
                EntityKind::Place => 1,
                EntityKind::Organisation => 2,
                EntityKind::Other => continue,
            };
            votes.entry(&s[a..b]).or_insert([0; 3])[slot] += 1;
        }
    }
    let mut known: Vec<(&[u64], EntityKind)> = votes
        .into_iter()
        .filter_map(|(m, v)| {
            let best = (0..3).max_by_key(|&i| (v[i], 3 - i))?;
            let kind = [
                EntityKind::Person,
                EntityKind::Place,
                EntityKind::Organisation,
            ][best];
            let clear = (0..3).all(|i| i == best || v[i] < v[best]);
            // A lone word that is common in the training text is not propagated.
            let common = m.len() == 1 && is_common(m[0]);
            (clear && !common).then_some((m, kind))
        })
        .collect();
    if known.is_empty() {
        return;
    }
    known.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    // Where each word stands (sentence, position), in reading order, so that each mention
    // visits only the places its first word occurs: the same result as scanning every
    // sentence for every mention, longest mentions first, without the quadratic cost.
    let mut at: FastMap<Vec<(u32, u32)>> = FastMap::default();
    for &(m, _) in &known {
        at.entry(m[0]).or_default();
    }
    for (si, s) in keys.iter().enumerate() {
        for (i, w) in s.iter().enumerate() {
            if let Some(places) = at.get_mut(w) {
                places.push((si as u32, i as u32));
            }
        }
    }
    for &(m, kind) in &known {
        let n = m.len();
        let Some(places) = at.get(&m[0]) else {
            continue;
        };
        for &(si, i) in places {
            let (s, t) = (&keys[si as usize], &mut tags[si as usize]);
            let i = i as usize;
            // A match overlapping one just made fails the all-O test, as in a left-to-right scan.
            if i + n <= s.len() && &s[i..i + n] == m && t[i..i + n].iter().all(|x| *x == Tag::O) {
                t[i] = Tag::B(kind);
                for x in &mut t[i + 1..i + n] {
                    *x = Tag::I(kind);
                }
            }
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
    /// A table into `into`: a `u32` count, then that many entries of a `u64` key and a value
    /// of `value_len` bytes (decoded by `value`). None when it is truncated or its count
    /// cannot fit in the bytes left.
    fn table<V>(
        &mut self,
        into: &mut FastMap<V>,
        value_len: usize,
        value: impl Fn(&[u8]) -> V,
    ) -> Option<()> {
        let n = self.u32()? as usize;
        if n > self.b.len().saturating_sub(self.pos) / (8 + value_len) {
            return None;
        }
        into.reserve(n);
        for _ in 0..n {
            let k = self.u64()?;
            let v = value(self.take(value_len)?);
            into.insert(k, v);
        }
        Some(())
    }
}

fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[inline]
fn emission(index: &FastMap<u32>, w: &[f32], l: usize, feats: &[u64], out: &mut [f32]) {
    for f in feats {
        if let Some(&r) = index.get(f) {
            let row = &w[r as usize * l..(r as usize + 1) * l];
            for (o, x) in out.iter_mut().zip(row) {
                *o += x;
            }
        }
    }
}

/// Best label sequence under emission and transition scores, BIO-valid.
///
/// `O` and `B` may follow any label; the `I` of a type only its own `B` or `I` (see
/// [`allowed`]), so an `I` looks at two predecessors instead of all of them. Predecessors are
/// visited in ascending order and a later one wins only when strictly better, so ties break to
/// the lowest label, as in the plain quadratic loop.
fn viterbi(em: &[f32], trans: &[f32], l: usize, n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    // Transitions into label k as one contiguous row (k × l + p).
    let mut into = vec![0.0f32; l * l];
    for p in 0..l {
        for k in 0..l {
            into[k * l + p] = trans[p * l + k];
        }
    }
    let mut score = vec![f32::NEG_INFINITY; l];
    let mut back = vec![0u16; n * l];
    for k in 0..l {
        if allowed(None, k) {
            score[k] = em[k] + trans[l * l + k];
        }
    }
    let mut next = vec![f32::NEG_INFINITY; l];
    for i in 1..n {
        let em_i = &em[i * l..(i + 1) * l];
        let back_i = &mut back[i * l..(i + 1) * l];
        for k in 0..l {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            if k != 0 && k % 2 == 0 {
                // I of a type: after its B (k - 1) or I (k).
                for p in [k - 1, k] {
                    let s = score[p] + into[k * l + p];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
            } else {
                // A predecessor at -inf gives -inf, which never beats `best`.
                for (p, (&sp, &t)) in score.iter().zip(&into[k * l..(k + 1) * l]).enumerate() {
                    let s = sp + t;
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
            }
            next[k] = best + em_i[k];
            back_i[k] = arg as u16;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut last = 0;
    for k in 0..l {
        if score[k] > score[last] {
            last = k;
        }
    }
    let mut out = vec![0usize; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i * l + out[i]] as usize;
    }
    out
}

/// The textbook Viterbi over every allowed pair, kept to check [`viterbi`] against.
#[cfg(test)]
fn viterbi_plain(em: &[f32], trans: &[f32], l: usize, n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; l];
    let mut back = vec![0u16; n * l];
    for k in 0..l {
        if allowed(None, k) {
            score[k] = em[k] + trans[l * l + k];
        }
    }
    let mut next = vec![f32::NEG_INFINITY; l];
    for i in 1..n {
        for k in 0..l {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..l {
                if score[p] == f32::NEG_INFINITY || !allowed(Some(p), k) {
                    continue;
                }
                let s = score[p] + trans[p * l + k];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[k] = best + em[i * l + k];
            back[i * l + k] = arg as u16;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut last = 0;
    for k in 0..l {
        if score[k] > score[last] {
            last = k;
        }
    }
    let mut out = vec![0usize; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i * l + out[i]] as usize;
    }
    out
}

/// Trains on a CoNLL file (IL-NER tags), choosing the number of passes on `dev` when given,
/// then retraining on train + dev for that many passes, and writes the model to `out`.
pub fn train_from_files(
    train: &Path,
    dev: Option<&Path>,
    out: &Path,
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
    let config = TrainConfig::default();
    let names = kb_names()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_round_trips_and_cut_copies_are_errors() {
        let m = Model::embedded().unwrap();
        let bytes = m.to_bytes();
        let again = Model::from_bytes(&bytes, Path::new("x")).unwrap();
        assert_eq!(again.to_bytes(), bytes);
        // Cut anywhere (the tables sit at the end): an error, never a panic or a short model.
        let n = bytes.len();
        for cut in [
            0,
            1,
            8,
            n / 3,
            n / 2,
            n - 9_000_usize.min(n - 1),
            n - 100,
            n - 5,
            n - 1,
        ] {
            assert!(
                Model::from_bytes(&bytes[..cut], Path::new("x")).is_err(),
                "{cut}"
            );
        }
    }

    /// The plain reading of [`agree`]'s propagation: every mention, longest first, scanned over
    /// every sentence left to right.
    fn agree_by_scanning(
        keys: &[Vec<u64>],
        tags: &mut [Vec<Tag>],
        is_common: &dyn Fn(u64) -> bool,
    ) {
        let mut votes: HashMap<&[u64], [u32; 3]> = HashMap::new();
        for (s, t) in keys.iter().zip(tags.iter()) {
            for (a, b, k) in super::super::chunks(t) {
                let slot = match k {
                    EntityKind::Person => 0,
                    EntityKind::Place => 1,
                    EntityKind::Organisation => 2,
                    EntityKind::Other => continue,
                };
                votes.entry(&s[a..b]).or_insert([0; 3])[slot] += 1;
            }
        }
        let kinds = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organisation,
        ];
        let mut known: Vec<(&[u64], EntityKind)> = votes
            .into_iter()
            .filter_map(|(m, v)| {
                let best = (0..3).max_by_key(|&i| (v[i], 3 - i))?;
                let clear = (0..3).all(|i| i == best || v[i] < v[best]);
                let common = m.len() == 1 && is_common(m[0]);
                (clear && !common).then_some((m, kinds[best]))
            })
            .collect();
        known.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        for (s, t) in keys.iter().zip(tags.iter_mut()) {
            for &(m, kind) in &known {
                let n = m.len();
                let mut i = 0;
                while i + n <= s.len() {
                    if &s[i..i + n] == m && t[i..i + n].iter().all(|x| *x == Tag::O) {
                        t[i] = Tag::B(kind);
                        for x in &mut t[i + 1..i + n] {
                            *x = Tag::I(kind);
                        }
                        i += n;
                    } else {
                        i += 1;
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn agreement_equals_the_plain_scan(
            doc in proptest::collection::vec(
                proptest::collection::vec((0u64..6, 0u8..5), 0..12), 0..6)
        ) {
            use EntityKind::*;
            let keys: Vec<Vec<u64>> = doc.iter().map(|s| s.iter().map(|x| x.0).collect()).collect();
            let tags: Vec<Vec<Tag>> = doc
                .iter()
                .map(|s| {
                    let mut prev: Option<EntityKind> = None;
                    s.iter()
                        .map(|&(_, t)| {
                            let tag = match t {
                                0 | 1 => Tag::O,
                                2 => Tag::B(Person),
                                3 => Tag::B(Place),
                                _ => match prev { Some(k) => Tag::I(k), None => Tag::B(Organisation) },
                            };
                            prev = tag.kind();
                            tag
                        })
                        .collect()
                })
                .collect();
            let mut fast = tags.clone();
            let mut slow = tags;
            agree(&keys, &mut fast, &|k| k == 5);
            agree_by_scanning(&keys, &mut slow, &|k| k == 5);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn the_labeller_gives_each_words_hash() {
        let model = Model::embedded().unwrap();
        let tokens = [
            "प्रधानमंत्री",
            "नरेंद्र",
            "मोदी",
            "ने",
            "दिल्ली",
            "में",
            "कहा",
            "।",
            "Modi",
        ];
        for _ in 0..2 {
            // The second time from the token cache.
            let (labels, keys) = model.labels_and_keys(&tokens, None);
            assert_eq!(labels.len(), tokens.len());
            let want: Vec<u64> = tokens.iter().map(|w| word_hash(w)).collect();
            assert_eq!(keys, want);
        }
    }

    #[test]
    fn mentions_agree_across_a_document() {
        use EntityKind::*;
        let keys = vec![
            vec![1, 2, 3, 4],
            vec![9, 1, 2, 5],
            vec![1, 7, 3],
            vec![7, 8],
        ];
        let mut tags = vec![
            vec![Tag::B(Person), Tag::I(Person), Tag::O, Tag::B(Place)],
            vec![Tag::O, Tag::O, Tag::O, Tag::O],
            vec![Tag::O, Tag::B(Organisation), Tag::O],
            vec![Tag::B(Place), Tag::O],
        ];
        // Word 4 is a place once; word 7 an organisation once and a place once (no majority);
        // word 3 is common (never propagated alone, but it is never a mention here anyway).
        agree(&keys, &mut tags, &|k| k == 3);
        assert_eq!(
            tags[1],
            vec![Tag::O, Tag::B(Person), Tag::I(Person), Tag::O]
        );
        assert_eq!(tags[2], vec![Tag::O, Tag::B(Organisation), Tag::O]);
        assert_eq!(tags[3], vec![Tag::B(Place), Tag::O]);
        // A common lone word is not spread.
        let keys = vec![vec![3], vec![3]];
        let mut tags = vec![vec![Tag::B(Place)], vec![Tag::O]];
        agree(&keys, &mut tags, &|k| k == 3);
        assert_eq!(tags[1], vec![Tag::O]);
        let mut tags2 = vec![vec![Tag::B(Place)], vec![Tag::O]];
        agree(&keys, &mut tags2, &|_| false);
        assert_eq!(tags2[1], vec![Tag::B(Place)]);
    }

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

    #[test]
    fn viterbi_respects_constraints() {
        // Two labels of type 0 (B=1, I=2) plus O; emissions favour I at the start.
        let l = 3;
        let em = vec![0.0, 0.0, 5.0, 0.0, 0.0, 5.0];
        let trans = vec![0.0; (l + 1) * l];
        let p = viterbi(&em, &trans, l, 2);
        assert_ne!(p[0], 2);
    }

    proptest::proptest! {
        #[test]
        fn fast_viterbi_equals_the_plain_one(
            types in 1usize..5,
            n in 1usize..12,
            seed in proptest::collection::vec(-4i8..4, 400),
        ) {
            // Small integer scores make ties common: both must break them alike.
            let l = 1 + 2 * types;
            let at = |i: usize| f32::from(seed[i % seed.len()]) * 0.5;
            let em: Vec<f32> = (0..n * l).map(at).collect();
            let trans: Vec<f32> = (0..(l + 1) * l).map(|i| at(i * 7 + 3)).collect();
            proptest::prop_assert_eq!(viterbi(&em, &trans, l, n), viterbi_plain(&em, &trans, l, n));
        }
    }
}
