//! Applying the labeller: emission scores of each token's features, BIO-constrained Viterbi
//! decoding, agreement of a document's mentions, and the byte spans of mentions in a text
//! (Latin-script sentences go to the English rules).

use super::features::{
    context_features, sentence_infos_cached, token_features, Gazetteer, TokenInfo,
};
use super::model::{allowed, Model};
use super::tags::{chunks, Tag};
use super::tokens::tokenize_in;
use super::util::FastMap;
use khabar_model::{EntityKind, Span};
use std::collections::HashMap;

impl Model {
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
            let toks = tokenize_in(doc, sent);
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
            for (a, b, k) in chunks(&tags) {
                out.push((
                    Span::new(start + toks[a].0.start, start + toks[b - 1].0.end),
                    k,
                ));
            }
        }
        out
    }
}

/// Makes a document's mentions agree (see [`Model::tag_document`]): `keys` are the word
/// hashes of each sentence, `is_common` tells a word too common to be a name on its own.
fn agree(keys: &[Vec<u64>], tags: &mut [Vec<Tag>], is_common: &dyn Fn(u64) -> bool) {
    // Mention (word hashes) → votes per kind.
    let mut votes: HashMap<&[u64], [u32; 3]> = HashMap::new();
    for (s, t) in keys.iter().zip(tags.iter()) {
        for (a, b, k) in chunks(t) {
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

#[inline]
pub(super) fn emission(index: &FastMap<u32>, w: &[f32], l: usize, feats: &[u64], out: &mut [f32]) {
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
pub(super) fn viterbi(em: &[f32], trans: &[f32], l: usize, n: usize) -> Vec<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::word_hash;

    /// The plain reading of [`agree`]'s propagation: every mention, longest first, scanned over
    /// every sentence left to right.
    fn agree_by_scanning(
        keys: &[Vec<u64>],
        tags: &mut [Vec<Tag>],
        is_common: &dyn Fn(u64) -> bool,
    ) {
        let mut votes: HashMap<&[u64], [u32; 3]> = HashMap::new();
        for (s, t) in keys.iter().zip(tags.iter()) {
            for (a, b, k) in chunks(t) {
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
