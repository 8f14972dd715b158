//! khabar-search: full-text search over articles with tantivy, through an analyzer built on the
//! text core.
//!
//! - [`analyzer`]: words → terms (search keys with a light Hindi/English stemmer, romanisation
//!   keys across scripts, linked-entity name keys), the tantivy tokenizers, [`parse_query`].
//! - [`SearchIndex`]: the index, on disk next to the store (`<db>.search/`, see
//!   [`SearchIndex::dir_for`]) or in memory; [`Writer`] adds and replaces articles;
//!   [`SearchIndex::search`] ranks articles (BM25 per term, the best term per query word, words
//!   added up) under [`Filters`] (date range, outlet, language, entity, a set of articles).
//! - [`snippet()`]: an excerpt around the first match with the matching words marked.
//! - [`eval`]: the search evaluation (queries with a known story: hit@k, recall@k).
//!
//! Stories are not stored in the index: story ids change when articles are re-clustered, so
//! the caller resolves a story filter to its current articles ([`Filters::articles`]) and
//! groups hits by the current stories.

pub mod analyzer;
pub mod eval;
mod index;
mod snippet;

pub use analyzer::{parse_query, QueryWord};
pub use index::{Filters, Hits, Mode, SearchError, SearchIndex, Writer, FORMAT};
pub use snippet::{snippet, Snippets};
