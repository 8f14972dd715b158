//! The item every reader gives: an article as its source has it, before cleanup. Its own module
//! so that the readers (JSONL, WARC, feeds) and [`crate::source`], which dispatches to them,
//! do not import each other for it.

/// The largest article (one file, one JSONL line, one record) khabar reads, in bytes.
pub const MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// An article as its source gives it, before cleanup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// The input path (with `:LINE` for a JSONL line) or URL.
    pub source: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// As written by the source; parsed leniently later.
    pub published: Option<String>,
    pub language: Option<String>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Text(String),
    Html(String),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}
