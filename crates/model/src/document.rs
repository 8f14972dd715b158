use crate::{ArticleId, PubTime, Span};
use serde::{Deserialize, Serialize};

/// Where an article says it was filed from and who filed it: `नूर सुल्तान, रायटर।` or
/// `NEW DELHI (PTI) -`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Dateline {
    /// The place as written (`नूर सुल्तान`).
    pub place: Option<String>,
    /// The news agency or desk as written (`रायटर`, `PTI`), when the dateline names one.
    pub agency: Option<String>,
    /// Where the dateline stands in [`Document::text`].
    pub span: Option<Span>,
}

/// A line that the cleanup removed from the page, and why. Kept so that users can see what
/// was dropped and so that evaluation can check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedLine {
    pub text: String,
    pub reason: DropReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// App promotions, cookie notices, follow-us lines, banners, share bars.
    Boilerplate,
    /// Bylines, timestamps, author blocks: read into metadata.
    Metadata,
    /// The headline, or a repeat of it.
    Title,
    /// Photo captions and credits.
    Caption,
    /// Navigation and lists of links or section names.
    Navigation,
    /// A line that repeats an earlier one.
    Duplicate,
}

/// One clean article: what `ingest` hands to `analyze`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: ArticleId,
    /// The input path or URL the article came from (`path/to/file.jsonl:12` for a JSONL line).
    pub source: String,
    /// The article's own URL (canonical when the page gives one).
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// All authors joined with ", ", for readers and simple consumers.
    pub author: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
    /// ISO 639-1 code (`hi`, `en`, `mr`, `ne`, `ur`), declared or detected.
    pub language: Option<String>,
    pub dateline: Option<Dateline>,
    /// The clean body: paragraphs separated by a blank line. Every span points into this.
    pub text: String,
    /// Paragraph spans in `text`; headings inside the body are paragraphs too.
    pub paragraphs: Vec<Span>,
    /// Photo captions kept apart from the body (still readable for facts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// What the cleanup removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedLine>,
    /// Stable hash of the normalised body: two documents with the same fingerprint are the same
    /// article for de-duplication.
    pub fingerprint: String,
}

impl Document {
    /// The text of one paragraph (empty when the span is out of range).
    pub fn paragraph(&self, i: usize) -> &str {
        self.paragraphs
            .get(i)
            .and_then(|s| s.slice(&self.text))
            .unwrap_or("")
    }
}
