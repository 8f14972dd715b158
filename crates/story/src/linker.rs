//! The learned "same story?" decision.
//!
//! An article is compared with each open candidate story through [`FEATURES`]: similarities
//! that carry across outlets and languages (words of body and headline, linked entities by
//! knowledge-base id, counts of the same kind agreeing or conflicting, the same numbers in any
//! script, event kinds, stated event days and years, the publication gap). A logistic model
//! turns them into the probability that the article reports the candidate's story; the article
//! joins the most probable candidate when that probability reaches [`Linker::cut`], and starts
//! a new story otherwise (the learned "new story" decision).
//!
//! The weights are a generated data file, `model/linker.tsv`, made by
//! `cargo run --release -p khabar-story --example train_linker` from the development sets
//! (see that example); the cut is chosen there too, on the training sets only.

use crate::{order, Clusterer, Config};
use khabar_model::{Analysis, Document};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Names of the features, in the order of a [`Row`].
pub const FEATURES: [&str; 24] = [
    "body",
    "title",
    "entities",
    "entities_shared",
    "no_entities",
    "facts_shared",
    "facts_conflict",
    "values_shared",
    "events",
    "day_shared",
    "day_conflict",
    "year_shared",
    "year_conflict",
    "gap",
    "cross_language",
    "cross_entities",
    "hindi",
    "size",
    "body_margin",
    "title_margin",
    "entities_margin",
    "candidates",
    "embed",
    "embed_margin",
];

/// Features a model file may leave out (their weight is then 0): the sentence-encoder columns,
/// which only a model trained with an encoder carries.
pub const OPTIONAL: [&str; 2] = ["embed", "embed_margin"];

/// Columns compared with the article's other candidates by [`relate`]: (raw column, margin column).
const RELATED: [(usize, usize); 4] = [(0, 18), (1, 19), (2, 20), (EMBED, 23)];
/// Column of the sentence-encoder cosine (0 without an encoder).
pub(crate) const EMBED: usize = 22;
/// Column of the number of candidates.
const CANDIDATES: usize = 21;
/// Columns of the cross-language flag and of "no entities to compare".
const CROSS: usize = 14;
const NO_ENTITIES: usize = 4;

/// Fill the relative features of an article's candidate rows: for body, headline and entity
/// similarity, the margin over the best *other* candidate (positive only for the clear best;
/// raw similarities run on other scales in other languages and outlets, a margin less so), and
/// how many candidates the article has. Rows in any order give the same values.
pub fn relate<K>(rows: &mut [(K, Row)]) {
    let n = rows.len();
    for (raw, margin) in RELATED {
        // Best and second best of the column, to give each row the best of the others.
        let (mut first, mut second) = (0.0f32, 0.0f32);
        for (_, r) in rows.iter() {
            let x = r[raw];
            if x > first {
                second = first;
                first = x;
            } else if x > second {
                second = x;
            }
        }
        for (_, r) in rows.iter_mut() {
            let other = if r[raw] >= first { second } else { first };
            r[margin] = r[raw] - other;
        }
    }
    let c = ((1 + n) as f32).ln() / 65f32.ln();
    for (_, r) in rows.iter_mut() {
        r[CANDIDATES] = c;
    }
}

/// A sentence encoder for the linker: an article's headline and lead ([`embedding_text`]) as
/// a unit vector. The same text must always give the same vector (the grouping stays
/// deterministic). Without one, the encoder columns are 0 and a model trained without them
/// decides.
pub trait Embedder: Send {
    /// The article's unit vector, or `None` when it has no text to embed or the encoder fails.
    fn embed(&mut self, doc: &Document) -> Option<Vec<f32>>;
}

/// multilingual-e5-small ([`khabar_encoder::Encoder`], loaded from a model file the user
/// gives) as the linker's encoder: the unit vector of [`embedding_text`] with the `query: `
/// prefix (e5's prefix for comparing texts with each other). Each article is embedded once, when
/// it is pushed; a story keeps the sum of its members' vectors.
#[cfg(feature = "encoder")]
pub struct E5(pub std::sync::Arc<khabar_encoder::Encoder>);

#[cfg(feature = "encoder")]
impl Embedder for E5 {
    fn embed(&mut self, doc: &Document) -> Option<Vec<f32>> {
        let text = embedding_text(doc);
        (!text.trim().is_empty()).then(|| self.0.embed(&text, khabar_encoder::Role::Query))
    }
}

/// Characters of the body taken after the headline by [`embedding_text`].
const LEAD_CHARS: usize = 300;

/// What the encoder reads of an article: its headline, then its body's first characters up to
/// the end of a word near [`LEAD_CHARS`] (the lead names what happened, where and to whom).
pub fn embedding_text(doc: &Document) -> String {
    let mut out = doc.title.as_deref().unwrap_or("").trim().to_string();
    let body = doc.text.trim();
    if !out.is_empty() && !body.is_empty() {
        out.push_str(". ");
    }
    let mut taken = 0;
    for word in body.split_whitespace() {
        if taken > 0 && taken + word.chars().count() > LEAD_CHARS {
            break;
        }
        if taken > 0 {
            out.push(' ');
        }
        out.push_str(word);
        taken += word.chars().count() + 1;
    }
    out
}

/// Sentence-encoder cosine that unrelated reports reach: multilingual-e5's vectors share a
/// large common direction, so two unrelated reports are near 0.8 (the median over the
/// development sets' pairs of different stories is 0.78–0.84) and the same story above 0.9.
pub const EMBED_FLOOR: f32 = 0.8;

/// The `embed` column: the cosine of an article's unit vector with a story's sum of unit
/// vectors, put on the scale of the other similarities (0 at [`EMBED_FLOOR`] and below, 1 for
/// the same text), so that its margin over the other candidates, and a lone candidate's lead,
/// mean what the word similarities' do. 0 when either side has no vector.
pub(crate) fn embed_similarity(unit: &[f32], sum: &[f32]) -> f32 {
    if unit.len() != sum.len() || unit.is_empty() {
        return 0.0;
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm <= 0.0 {
        return 0.0;
    }
    let cosine = unit.iter().zip(sum).map(|(a, b)| a * b).sum::<f32>() / norm;
    ((cosine - EMBED_FLOOR) / (1.0 - EMBED_FLOOR)).clamp(0.0, 1.0)
}

/// One article × story comparison.
pub type Row = [f32; FEATURES.len()];

/// Names of the features of the "start a new story?" decision ([`Start`]), taken over all the
/// candidates of one article: the best candidate's probability, the second best's, how many
/// candidates there are, and whether the best is in another language or has no entities to
/// compare.
pub const START_FEATURES: [&str; 5] = ["best", "second", "candidates", "cross", "no_entities"];

/// One article's "start a new story?" comparison.
pub type StartRow = [f32; START_FEATURES.len()];

/// A logistic "join the best candidate, or start a new story?" decision (Miranda et al. 2018: a
/// second classifier on the best candidate, instead of a cut on its score).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Start {
    pub bias: f32,
    pub weights: StartRow,
}

/// A logistic "same story?" model with its joining decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linker {
    pub bias: f32,
    pub weights: Row,
    /// Probability from which an article joins its best candidate (when there is no [`Start`]).
    pub cut: f32,
    /// The learned "start a new story?" decision; when present it decides instead of the cut.
    pub start: Option<Start>,
}

/// Why a model file was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LinkerError {
    #[error("line {line}: expected `name<TAB>number`")]
    Syntax { line: usize },
    #[error("unknown feature `{0}`")]
    Unknown(String),
    #[error("missing `{0}`")]
    Missing(String),
}

static SHIPPED: LazyLock<Option<Linker>> =
    LazyLock::new(|| Linker::parse(include_str!("../model/linker.tsv")).ok());
static SHIPPED_E5: LazyLock<Option<Linker>> =
    LazyLock::new(|| Linker::parse(include_str!("../model/linker-e5.tsv")).ok());

impl Linker {
    /// The model shipped with the crate (`model/linker.tsv`).
    pub fn shipped() -> Option<Linker> {
        *SHIPPED
    }

    /// The model trained with the sentence encoder's columns (`model/linker-e5.tsv`), for a
    /// [`crate::Clusterer::with_embedder`] given multilingual-e5-small ([`E5`] under the
    /// `encoder` feature). Without an encoder its `embed` columns read 0 and it joins too
    /// little: use [`Linker::shipped`] then.
    pub fn shipped_with_encoder() -> Option<Linker> {
        *SHIPPED_E5
    }

    /// Read a model: `name<TAB>value` lines for `bias`, `cut` and every feature; `#` comments.
    pub fn parse(text: &str) -> Result<Linker, LinkerError> {
        let mut values: HashMap<&str, f32> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(name), Some(v), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(LinkerError::Syntax { line: n + 1 });
            };
            let v: f32 = v
                .trim()
                .parse()
                .map_err(|_| LinkerError::Syntax { line: n + 1 })?;
            if !v.is_finite() {
                return Err(LinkerError::Syntax { line: n + 1 });
            }
            let name = name.trim();
            let start = name
                .strip_prefix("start_")
                .is_some_and(|n| n == "bias" || START_FEATURES.contains(&n));
            if name != "bias" && name != "cut" && !start && !FEATURES.contains(&name) {
                return Err(LinkerError::Unknown(name.to_string()));
            }
            values.insert(name, v);
        }
        let get = |k: &str| {
            values
                .get(k)
                .copied()
                .ok_or_else(|| LinkerError::Missing(k.to_string()))
        };
        let mut weights = [0.0; FEATURES.len()];
        for (w, name) in weights.iter_mut().zip(FEATURES) {
            *w = match get(name) {
                Err(_) if OPTIONAL.contains(&name) => 0.0,
                v => v?,
            };
        }
        let start = if values.contains_key("start_bias") {
            let mut w = [0.0; START_FEATURES.len()];
            for (w, name) in w.iter_mut().zip(START_FEATURES) {
                *w = get(&format!("start_{name}"))?;
            }
            Some(Start {
                bias: get("start_bias")?,
                weights: w,
            })
        } else {
            None
        };
        Ok(Linker {
            bias: get("bias")?,
            weights,
            cut: get("cut")?,
            start,
        })
    }

    /// The model as a file [`Linker::parse`] reads back.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("bias\t{}\ncut\t{}\n", self.bias, self.cut);
        for (name, w) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w}\n"));
        }
        if let Some(st) = &self.start {
            out.push_str(&format!("start_bias\t{}\n", st.bias));
            for (name, w) in START_FEATURES.iter().zip(st.weights) {
                out.push_str(&format!("start_{name}\t{w}\n"));
            }
        }
        out
    }

    /// The candidate an article joins, from its candidates' `(key, probability, row)`: the most
    /// probable (ties to the smaller key, the older story) when the "start a new story?"
    /// decision says join, or, without one, when its probability reaches the cut. `None`: start
    /// a new story.
    pub fn choose<K: Copy + Ord>(&self, scored: &[(K, f32, Row)]) -> Option<K> {
        let best = best(scored)?;
        let join = match &self.start {
            Some(st) => st.probability(&start_row(scored)) >= 0.5,
            None => best.1 >= self.cut,
        };
        join.then_some(best.0)
    }

    /// Probability that the article belongs to the story.
    pub fn probability(&self, row: &Row) -> f32 {
        logistic(self.bias, &self.weights, row)
    }
}

impl Start {
    /// Probability that the article belongs to its best candidate's story.
    pub fn probability(&self, row: &StartRow) -> f32 {
        logistic(self.bias, &self.weights, row)
    }
}

/// `1 / (1 + e^-(bias + w·x))`.
fn logistic(bias: f32, weights: &[f32], row: &[f32]) -> f32 {
    let z: f32 = bias + weights.iter().zip(row).map(|(w, x)| w * x).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// The most probable of an article's scored candidates (`(key, probability, row)`); ties go to
/// the smaller key (the older story).
pub fn best<K: Copy + Ord>(scored: &[(K, f32, Row)]) -> Option<&(K, f32, Row)> {
    scored
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

/// The "start a new story?" features of an article's scored candidates (`(key, probability,
/// row)`; at least one, else all zero).
pub fn start_row<K: Copy + Ord>(scored: &[(K, f32, Row)]) -> StartRow {
    let Some(best) = best(scored) else {
        return [0.0; START_FEATURES.len()];
    };
    let second = scored
        .iter()
        .filter(|c| c.0 != best.0)
        .map(|c| c.1)
        .fold(0.0f32, f32::max);
    [
        best.1,
        second,
        best.2[CANDIDATES],
        best.2[CROSS],
        best.2[NO_ENTITIES],
    ]
}

/// Training rows from one labelled set, one list per article: the articles are streamed in the order [`crate::cluster`]
/// takes them, grouped by their gold labels (`labels`: article id → story), and every article
/// is compared with the open candidate stories as the real stream would compare it (with the
/// sentence encoder `embedder`, when given). An article without a label is a story of its own.
pub fn training_rows(
    docs: &[&Document],
    analyses: &[&Analysis],
    labels: &HashMap<String, String>,
    config: &Config,
    embedder: Option<Box<dyn Embedder>>,
) -> Vec<Vec<(Row, bool)>> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let mut clusterer = Clusterer::new(*config);
    clusterer.embedder = embedder;
    let mut rows = Vec::new();
    for i in order(docs) {
        let doc = docs[i];
        let own = format!("\u{0}{}", doc.id.as_str());
        let label = labels.get(doc.id.as_str()).unwrap_or(&own);
        rows.push(clusterer.push_labelled(doc, by_id.get(doc.id.as_str()).copied(), label));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_reads_and_round_trips() {
        let l = Linker::shipped().expect("model/linker.tsv parses");
        assert!(l.cut > 0.0 && l.cut < 1.0, "{l:?}");
        assert_eq!(Linker::parse(&l.to_tsv()), Ok(l));
        // More word overlap never lowers the probability of the same story.
        let mut low = [0.0; FEATURES.len()];
        low[0] = 0.1;
        let mut high = low;
        high[0] = 0.8;
        assert!(l.probability(&high) > l.probability(&low));
    }

    #[test]
    fn shipped_model_has_its_start_decision() {
        let l = Linker::shipped().expect("shipped");
        let st = l.start.expect("model/linker.tsv has start_* lines");
        // A more probable best candidate never makes starting a new story more likely.
        let mut low = [0.0; START_FEATURES.len()];
        low[0] = 0.2;
        let mut high = low;
        high[0] = 0.9;
        assert!(st.probability(&high) > st.probability(&low));
        // Without start_* lines the cut decides (and the file still reads).
        let without = |prefix: &str| -> String {
            l.to_tsv()
                .lines()
                .filter(|x| !x.starts_with(prefix))
                .map(|x| format!("{x}\n"))
                .collect()
        };
        assert_eq!(Linker::parse(&without("start_")).map(|x| x.start), Ok(None));
        // One start_* line missing is an error, not a silent zero.
        assert_eq!(
            Linker::parse(&without("start_second")),
            Err(LinkerError::Missing("start_second".into()))
        );
    }

    fn row(body: f32, title: f32, entities: f32) -> Row {
        let mut r = [0.0; FEATURES.len()];
        r[0] = body;
        r[1] = title;
        r[2] = entities;
        r
    }

    #[test]
    fn margins_compare_each_candidate_with_the_best_other() {
        let mut rows = vec![
            (0, row(0.6, 0.5, 0.1)),
            (1, row(0.2, 0.5, 0.0)),
            (2, row(0.1, 0.1, 0.4)),
        ];
        relate(&mut rows);
        let m = |i: usize, c: usize| rows[i].1[c];
        // Body: the best leads the second by 0.4; the others trail the best.
        assert!((m(0, 18) - 0.4).abs() < 1e-6);
        assert!((m(1, 18) + 0.4).abs() < 1e-6);
        assert!((m(2, 18) + 0.5).abs() < 1e-6);
        // A tie for the best headline is no lead for either.
        assert!(m(0, 19).abs() < 1e-6 && m(1, 19).abs() < 1e-6);
        assert!((m(2, 20) - 0.3).abs() < 1e-6);
        // Same count of candidates on every row; the order of the rows changes nothing.
        assert!(rows
            .iter()
            .all(|(_, r)| (r[CANDIDATES] - 4f32.ln() / 65f32.ln()).abs() < 1e-6));
        let mut reversed: Vec<(usize, Row)> = rows
            .iter()
            .rev()
            .map(|(k, r)| (*k, row(r[0], r[1], r[2])))
            .collect();
        relate(&mut reversed);
        for (k, r) in reversed {
            assert_eq!(r, rows[k].1);
        }
        // A lone candidate leads by its whole similarity.
        let mut one = vec![(0, row(0.3, 0.0, 0.0))];
        relate(&mut one);
        assert!((one[0].1[18] - 0.3).abs() < 1e-6);
    }

    #[test]
    fn choose_joins_the_most_probable_or_starts_a_story() {
        let l = Linker::shipped().expect("shipped");
        let no_start = Linker { start: None, ..l };
        let r = [0.0; FEATURES.len()];
        let scored = [(3usize, 0.55, r), (1, 0.9, r), (2, 0.9, r)];
        // Ties go to the older (smaller) story.
        assert_eq!(no_start.choose(&scored), Some(1));
        assert_eq!(no_start.choose(&[(1usize, no_start.cut - 0.01, r)]), None);
        assert_eq!(no_start.choose::<usize>(&[]), None);
        // The start decision joins a clear best and starts a story for a hopeless one.
        assert_eq!(l.choose(&[(4usize, 0.99, r)]), Some(4));
        assert_eq!(l.choose(&[(4usize, 0.01, r)]), None);
    }

    #[test]
    fn embed_similarity_is_zero_at_the_floor_and_one_for_the_same_text() {
        let a = [0.6f32, 0.8];
        assert!((embed_similarity(&a, &[1.2, 1.6]) - 1.0).abs() < 1e-5);
        // Cosine 0.8: the floor.
        let floor = [1.0f32, 0.0];
        assert!(embed_similarity(&[0.8, 0.6], &floor).abs() < 1e-5);
        assert_eq!(embed_similarity(&[0.0, 1.0], &floor), 0.0);
        let mid = embed_similarity(&[0.9, (1.0f32 - 0.81).sqrt()], &floor);
        assert!((mid - 0.5).abs() < 1e-4, "{mid}");
        // Nothing to compare: 0.
        assert_eq!(embed_similarity(&a, &[]), 0.0);
        assert_eq!(embed_similarity(&[], &[]), 0.0);
        assert_eq!(embed_similarity(&a, &[0.0, 0.0]), 0.0);
    }

    #[test]
    fn encoder_model_weighs_the_encoder_and_the_plain_one_does_not() {
        let plain = Linker::shipped().expect("shipped");
        let e5 = Linker::shipped_with_encoder().expect("model/linker-e5.tsv parses");
        assert_eq!(plain.weights[EMBED], 0.0);
        assert!(e5.weights[EMBED] > 0.0, "{e5:?}");
        assert!(e5.start.is_some());
        // Closer headlines and leads never lower the probability of the same story.
        let mut low = [0.0; FEATURES.len()];
        low[EMBED] = 0.2;
        let mut high = low;
        high[EMBED] = 0.9;
        assert!(e5.probability(&high) > e5.probability(&low));
    }

    #[test]
    fn model_files_without_encoder_columns_read_them_as_zero() {
        let l = Linker::shipped().expect("shipped");
        let without: String = l
            .to_tsv()
            .lines()
            .filter(|x| !x.starts_with("embed"))
            .map(|x| format!("{x}\n"))
            .collect();
        let read = Linker::parse(&without).expect("reads");
        assert_eq!(read.weights[EMBED], 0.0);
        assert_eq!(read.weights[EMBED + 1], 0.0);
    }

    #[test]
    fn broken_files_are_errors() {
        let l = Linker::shipped().expect("shipped");
        let tsv = l.to_tsv();
        let missing: String =
            tsv.lines()
                .filter(|x| !x.starts_with("body\t"))
                .fold(String::new(), |mut acc, x| {
                    acc.push_str(x);
                    acc.push('\n');
                    acc
                });
        assert_eq!(
            Linker::parse(&missing),
            Err(LinkerError::Missing("body".into()))
        );
        assert_eq!(
            Linker::parse("bias 1\n"),
            Err(LinkerError::Syntax { line: 1 })
        );
        assert_eq!(
            Linker::parse(&format!("{tsv}weird\t1\n")),
            Err(LinkerError::Unknown("weird".into()))
        );
        assert!(Linker::parse(&format!("{tsv}cut\tNaN\n")).is_err());
    }
}
