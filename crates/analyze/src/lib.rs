//! Analyze: the per-article reading — sentences, then (as the knowledge base, NER and fact
//! extraction land) entities, quantities, dates, quotes and events. Pure: the same document
//! gives the same analysis.

pub mod entities;
pub mod facts;
mod hashing;
pub mod ner;

use khabar_model::{Analysis, DateMention, Document, Sentence};
use khabar_text::doc::Doc;

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

/// What every step may read besides the document: the language and the publication day.
struct Context<'d> {
    language: &'d str,
    published: Option<chrono::NaiveDate>,
}

/// One analysis step: reads the document (and what earlier steps put in the analysis), adds
/// to the analysis.
type Step = fn(&Analyzer, &Doc<'_>, &Context<'_>, &mut Analysis);

/// The steps of [`Analyzer::analyze`], in the order they run. Each reads the shared
/// [`Doc`] and what the steps before it wrote.
const STEPS: [(&str, Step); 4] = [
    ("sentences", Analyzer::sentences),
    ("dates", Analyzer::dates),
    ("entities", Analyzer::entities),
    ("facts", Analyzer::facts),
];

impl Analyzer {
    /// An analyzer with the knowledge base and models that ship with khabar.
    pub fn new() -> Result<Self, AnalyzeError> {
        Ok(Analyzer {
            linker: entities::EntityLinker::new()?,
            facts: facts::FactExtractor::new(),
        })
    }

    /// The names of the analysis steps in the order [`Analyzer::analyze`] runs them.
    pub fn steps() -> impl Iterator<Item = &'static str> {
        STEPS.iter().map(|(name, _)| *name)
    }

    /// Analyse one clean document: sentences, resolved dates, entity mentions and links, and
    /// facts (quantities, quotes, events), every one with its byte span in `doc.text`. The text
    /// is read once into a [`Doc`]; the steps ([`Analyzer::steps`]) read it in order.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let language = doc.language.as_deref().unwrap_or("und");
        let mut a = Analysis::empty(doc.id.clone(), language);
        let cx = Context {
            language,
            published: doc.published.map(|p| p.date()),
        };
        let d = Doc::new(&doc.text);
        for (_, step) in STEPS {
            step(self, &d, &cx, &mut a);
        }
        a
    }

    /// Sentences of the whole text, paragraph by paragraph.
    fn sentences(&self, d: &Doc<'_>, _: &Context<'_>, a: &mut Analysis) {
        a.sentences = d
            .sentences()
            .iter()
            .map(|&span| Sentence { span })
            .collect();
    }

    /// Dates resolved against the publication day (none when the day is unknown).
    fn dates(&self, d: &Doc<'_>, cx: &Context<'_>, a: &mut Analysis) {
        let Some(published) = cx.published else {
            return;
        };
        let text = d.text();
        a.dates = khabar_text::dates::find_dates_in(d, published)
            .into_iter()
            .map(|f| DateMention {
                sentence: a.sentence_at(f.span.start).unwrap_or(0),
                text: f.span.slice(text).unwrap_or_default().to_string(),
                span: f.span,
                date: f.date,
                granularity: f.granularity,
                resolution: f.resolution.to_string(),
            })
            .collect();
    }

    /// Entity mentions and the entities they link to.
    fn entities(&self, d: &Doc<'_>, cx: &Context<'_>, a: &mut Analysis) {
        let (mentions, entities) = self.linker.link_doc(d, &a.sentences, cx.language);
        a.mentions = mentions;
        a.entities = entities;
    }

    /// Quantities, quotes and events. The dates are resolved above whenever the publication
    /// day is known: the extractor is not given the day, or it would look for dates again in
    /// an article that has none.
    fn facts(&self, d: &Doc<'_>, cx: &Context<'_>, a: &mut Analysis) {
        let f = self
            .facts
            .extract_doc(d, &a.sentences, &a.mentions, &a.dates, None, cx.language);
        a.quantities = f.quantities;
        a.quotes = f.quotes;
        a.events = f.events;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_the_documented_order() {
        let names: Vec<&str> = Analyzer::steps().collect();
        assert_eq!(names, ["sentences", "dates", "entities", "facts"]);
    }
}
