//! Analyze: the per-article reading — sentences, then (as the knowledge base, NER and fact
//! extraction land) entities, quantities, dates, quotes and events. Pure: the same document
//! gives the same analysis.

pub mod entities;
pub mod facts;
mod hashing;
pub mod ner;

use khabar_model::{Analysis, DateMention, Document, Sentence};

/// Why an [`Analyzer`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error("entity linking: {0}")]
    Entities(#[from] entities::EntityError),
}

/// Reads articles. Holds the resources analysis needs (the knowledge base, the NER model,
/// the fact lexicons), loaded once; share one analyzer across threads.
pub struct Analyzer {
    linker: entities::EntityLinker,
    facts: facts::FactExtractor,
}

impl Analyzer {
    /// An analyzer with the knowledge base and models that ship with khabar.
    pub fn new() -> Result<Self, AnalyzeError> {
        Ok(Analyzer {
            linker: entities::EntityLinker::new()?,
            facts: facts::FactExtractor::new(),
        })
    }

    /// Analyse one clean document: sentences, resolved dates, entity mentions and links, and
    /// facts (quantities, quotes, events), every one with its byte span in `doc.text`.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let language = doc.language.clone().unwrap_or_else(|| "und".to_string());
        let mut a = Analysis::empty(doc.id.clone(), &language);
        a.sentences = sentences(&doc.text);
        let published = doc.published.map(|p| p.date());
        if let Some(day) = published {
            a.dates = dates(&doc.text, day, &a);
        }
        let (mentions, entities) = self.linker.link(&doc.text, &a.sentences, &language);
        // The dates are resolved above whenever the publication day is known: the extractor is
        // not given the day, or it would look for dates again in an article that has none.
        let f = self.facts.extract(
            &doc.text,
            &a.sentences,
            &mentions,
            &entities,
            &a.dates,
            None,
            &language,
        );
        a.mentions = mentions;
        a.entities = entities;
        a.quantities = f.quantities;
        a.quotes = f.quotes;
        a.events = f.events;
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
