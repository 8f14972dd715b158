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
pub const FEATURES: [&str; 18] = [
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
];

/// One article × story comparison.
pub type Row = [f32; FEATURES.len()];

/// A logistic "same story?" model with its joining cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linker {
    pub bias: f32,
    pub weights: Row,
    /// Probability from which an article joins its best candidate.
    pub cut: f32,
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

impl Linker {
    /// The model shipped with the crate (`model/linker.tsv`).
    pub fn shipped() -> Option<Linker> {
        *SHIPPED
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
            if name != "bias" && name != "cut" && !FEATURES.contains(&name) {
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
            *w = get(name)?;
        }
        Ok(Linker {
            bias: get("bias")?,
            weights,
            cut: get("cut")?,
        })
    }

    /// The model as a file [`Linker::parse`] reads back.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("bias\t{}\ncut\t{}\n", self.bias, self.cut);
        for (name, w) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w}\n"));
        }
        out
    }

    /// Probability that the article belongs to the story.
    pub fn probability(&self, row: &Row) -> f32 {
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(row)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Training rows from one labelled set: the articles are streamed in the order [`crate::cluster`]
/// takes them, grouped by their gold labels (`labels`: article id → story), and every article
/// is compared with the open candidate stories as the real stream would compare it. An article
/// without a label is a story of its own.
pub fn training_rows(
    docs: &[&Document],
    analyses: &[&Analysis],
    labels: &HashMap<String, String>,
    config: &Config,
) -> Vec<(Row, bool)> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let mut clusterer = Clusterer::new(*config);
    let mut rows = Vec::new();
    for i in order(docs) {
        let doc = docs[i];
        let own = format!("\u{0}{}", doc.id.as_str());
        let label = labels.get(doc.id.as_str()).unwrap_or(&own);
        rows.extend(clusterer.push_labelled(doc, by_id.get(doc.id.as_str()).copied(), label));
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
