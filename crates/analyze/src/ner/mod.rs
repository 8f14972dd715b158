//! Named-entity recognition: people, places and organisations in Hindi and English text.
//!
//! Hindi is read by a sequence labeller trained here on IL-NER (see `data/ner/README.md`): a
//! structured averaged perceptron over BIO labels with Viterbi decoding (so label transitions
//! are features too), on hashed features of each word and its neighbours — search-key form,
//! prefixes and suffixes, word shape, postpositions after it, titles before it, and an optional
//! gazetteer. English (Latin-script sentences) is read by capitalisation rules
//! ([`english`]).
//!
//! ```no_run
//! let model = khabar_analyze::ner::Model::embedded().unwrap();
//! for (span, kind) in model.spans("प्रधानमंत्री नरेंद्र मोदी ने दिल्ली में कहा") {
//!     println!("{span:?} {kind:?}");
//! }
//! ```

pub mod clusters;
pub mod conll;
pub mod english;
pub mod eval;
mod features;
mod model;
mod util;

pub use conll::{read_conll, Sentence};
pub use eval::{eval_conll, eval_documents, eval_sentences, NerReport, Scores};
pub use features::Gazetteer;
pub use model::{kb_names, train_from_files, Model, TrainConfig, TrainReport};
pub use util::{FastMap, PassHasher};

use khabar_model::EntityKind;
use std::path::PathBuf;

/// One token's label: outside, beginning or inside a mention of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityKind),
    I(EntityKind),
}

impl Tag {
    /// The kind of entity, if the tag is inside a mention.
    pub fn kind(&self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(*k),
        }
    }
}

/// Errors of the NER module: reading and writing model files, reading training data.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("cannot read NER file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write NER model {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("NER model {path} is corrupt or not a khabar NER model: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("NER training data {path}: {reason}")]
    Data { path: PathBuf, reason: String },
    #[error("tag map: {0}")]
    TagMap(String),
}

/// The kinds the IL-NER tags name (NEP, NEL, NEO), `None` for the others.
pub fn il_ner_kind(tag_type: &str) -> Option<EntityKind> {
    match tag_type {
        "NEP" => Some(EntityKind::Person),
        "NEL" => Some(EntityKind::Place),
        "NEO" => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// Parses a tag map: `file-tag<TAB>person|place|organisation` lines (blank lines and `#`
/// comments skipped). A file tag may be given with or without its `B-`/`I-` prefix.
pub fn parse_tagmap(text: &str) -> Result<std::collections::HashMap<String, EntityKind>, NerError> {
    let mut map = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t').map(str::trim).filter(|s| !s.is_empty());
        let (Some(tag), Some(kind)) = (parts.next(), parts.next()) else {
            return Err(NerError::TagMap(format!(
                "line {}: expected `file-tag<TAB>person|place|organisation`, got {line:?}",
                n + 1
            )));
        };
        let kind = match kind.to_ascii_lowercase().as_str() {
            "person" | "per" => EntityKind::Person,
            "place" | "location" | "loc" => EntityKind::Place,
            "organisation" | "organization" | "org" => EntityKind::Organisation,
            other => {
                return Err(NerError::TagMap(format!(
                    "line {}: unknown kind {other:?} (person, place or organisation)",
                    n + 1
                )))
            }
        };
        let tag = tag
            .strip_prefix("B-")
            .or_else(|| tag.strip_prefix("I-"))
            .unwrap_or(tag);
        map.insert(tag.to_string(), kind);
    }
    Ok(map)
}

/// Tokens of a text for tagging: the words of [`khabar_text::words`] plus each punctuation
/// character between them (the labeller was trained on text whose punctuation is tokenised).
pub fn tokenize(text: &str) -> Vec<(khabar_model::Span, &str)> {
    let doc = khabar_text::doc::Doc::new(text);
    let mut out = Vec::new();
    let mut pos = 0;
    for w in doc.words() {
        push_gap(text, pos, w.span.start, 0, &mut out);
        out.push((w.span, w.text));
        pos = w.span.end;
    }
    push_gap(text, pos, text.len(), 0, &mut out);
    out
}

/// [`tokenize`] of one sentence of a document, from the document's words (spans relative to
/// the sentence start, as [`tokenize`] of the sentence's text gives them). A word that runs
/// past the sentence end is cut there.
pub fn tokenize_in<'t>(
    doc: &khabar_text::doc::Doc<'t>,
    sentence: khabar_model::Span,
) -> Vec<(khabar_model::Span, &'t str)> {
    let text = doc.text();
    let base = sentence.start;
    let mut out = Vec::new();
    let mut pos = sentence.start;
    for w in &doc.words()[doc.words_in(sentence)] {
        let end = w.span.end.min(sentence.end);
        push_gap(text, pos, w.span.start, base, &mut out);
        if let Some(word) = text.get(w.span.start..end) {
            out.push((
                khabar_model::Span::new(w.span.start - base, end - base),
                word,
            ));
        }
        pos = end;
    }
    push_gap(text, pos, sentence.end, base, &mut out);
    out
}

/// Each visible character of `text[from..to]` as a token, its span less `base`.
fn push_gap<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    base: usize,
    out: &mut Vec<(khabar_model::Span, &'a str)>,
) {
    if let Some(gap) = text.get(from..to) {
        for (i, c) in gap.char_indices() {
            if !c.is_whitespace() && !khabar_text::normalize::is_invisible(c) {
                let s = from + i;
                let e = s + c.len_utf8();
                out.push((khabar_model::Span::new(s - base, e - base), &text[s..e]));
            }
        }
    }
}

/// Mentions (start token, end token exclusive, kind) in a tag sequence, by conlleval's rules:
/// a mention starts at `B`, or at an `I` that does not continue a mention of its kind.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if *k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s, i, k));
        }
        if let Some(k) = t.kind() {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_conlleval() {
        use EntityKind::*;
        let tags = [
            Tag::B(Person),
            Tag::I(Person),
            Tag::O,
            Tag::I(Place),
            Tag::I(Organisation),
            Tag::B(Place),
            Tag::B(Place),
        ];
        assert_eq!(
            chunks(&tags),
            vec![
                (0, 2, Person),
                (3, 4, Place),
                (4, 5, Organisation),
                (5, 6, Place),
                (6, 7, Place)
            ]
        );
    }

    #[test]
    fn tokenize_keeps_punctuation() {
        let t = tokenize("राम, श्याम।");
        let words: Vec<&str> = t.iter().map(|x| x.1).collect();
        assert_eq!(words, vec!["राम", ",", "श्याम", "।"]);
        for (span, w) in &t {
            assert_eq!(&"राम, श्याम।"[span.start..span.end], *w);
        }
    }

    #[test]
    fn sentence_tokens_from_the_document_equal_tokens_of_the_sentence() {
        let texts = [
            "राम, श्याम। प्रधानमंत्री ने कहा: \"हम जाएंगे\"। U.S. के J.K. Rowling ने 1,00,000 रुपये दिए।",
            "First one. Second, with (brackets) and 3.5 km! Third?\nNew line here",
            "",
        ];
        for text in texts {
            let doc = khabar_text::doc::Doc::new(text);
            for &s in doc.sentences() {
                assert_eq!(
                    tokenize_in(&doc, s),
                    tokenize(&text[s.start..s.end]),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn tagmap_parses_and_rejects() {
        let m = parse_tagmap("B-PER\tperson\nLOC\tplace\n# c\n\nORG\torganization\n").unwrap();
        assert_eq!(m["PER"], EntityKind::Person);
        assert_eq!(m["LOC"], EntityKind::Place);
        assert_eq!(m["ORG"], EntityKind::Organisation);
        assert!(parse_tagmap("PER\tanimal\n").is_err());
        assert!(parse_tagmap("PER\n").is_err());
    }
}
