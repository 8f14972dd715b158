//! Ingest: from outside bytes to clean [`khabar_model::Document`]s.
//!
//! Sources ([`source`]) read files and folders (plain text, JSONL, HTML, WARC, feeds) into
//! [`RawArticle`]s; [`build_document`] cleans each one (plain-text cleanup in [`plain`], HTML
//! extraction in [`html`]) and fills in its metadata, language, fingerprint and id. One bad
//! input gives one error value; it never stops the batch.

pub mod boilerplate;
pub mod charset;
mod document;
pub mod eval;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod lang;
mod lexicon;
pub mod meta;
pub mod mojibake;
pub mod plain;
mod raw;
pub mod source;
pub mod warc;

pub use document::{
    build_document, build_document_noted, fingerprint, MAX_AUTHOR_CHARS, MAX_OUTLET_CHARS,
    MAX_TITLE_CHARS,
};
pub use source::{list_inputs, read_file, Body, Format, RawArticle, MAX_ARTICLE_BYTES};

/// Why one input (a file, a line, a record) could not become an article.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{origin}: empty input")]
    Empty { origin: String },
    #[error("{origin}: binary data, not text")]
    Binary { origin: String },
    #[error("{origin}: not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { origin: String, offset: usize },
    #[error("{origin}: {size} bytes is more than the limit of {limit} bytes for one article")]
    TooLarge {
        origin: String,
        size: u64,
        limit: usize,
    },
    #[error("{origin}: line {line}: {message}")]
    BadLine {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("{origin}: no article text left after cleanup")]
    NoText { origin: String },
    #[error("{origin}: {message}")]
    Unsupported { origin: String, message: String },
    #[error("{origin}: bad record: {message}")]
    Record { origin: String, message: String },
}

impl IngestError {
    /// The input the error is about.
    pub fn origin(&self) -> &str {
        match self {
            IngestError::Missing { path } | IngestError::Io { path, .. } => path,
            IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::InvalidUtf8 { origin, .. }
            | IngestError::TooLarge { origin, .. }
            | IngestError::BadLine { origin, .. }
            | IngestError::NoText { origin }
            | IngestError::Unsupported { origin, .. }
            | IngestError::Record { origin, .. } => origin,
        }
    }
}
