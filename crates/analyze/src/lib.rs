//! Analyze: the per-article reading — sentences, then (as the knowledge base, NER and fact
//! extraction land) entities, quantities, dates, quotes and events. Pure: the same document
//! gives the same analysis.

pub mod entities;
pub mod facts;
pub mod ner;

use khabar_model::{Analysis, DateMention, Document, Sentence};

/// Reads articles. Holds the resources analysis needs (the knowledge base, models), loaded once.
#[derive(Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {}
    }

    /// Analyse one clean document.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let language = doc.language.clone().unwrap_or_else(|| "und".to_string());
        let mut a = Analysis::empty(doc.id.clone(), &language);
        a.sentences = sentences(&doc.text);
        if let Some(published) = doc.published {
            a.dates = dates(&doc.text, published.date(), &a);
        }
        a
    }
}

/// Sentences of the whole text, paragraph by paragraph.
fn sentences(text: &str) -> Vec<Sentence> {
    khabar_text::sentences(text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect()
}

/// Dates resolved against the publication day.
fn dates(text: &str, published: chrono::NaiveDate, a: &Analysis) -> Vec<DateMention> {
    khabar_text::dates::find_dates(text, published)
        .into_iter()
        .map(|d| DateMention {
            sentence: a.sentence_at(d.span.start).unwrap_or(0),
            text: d.span.slice(text).unwrap_or_default().to_string(),
            span: d.span,
            date: d.date,
            granularity: d.granularity,
            resolution: d.resolution.to_string(),
        })
        .collect()
}
