//! The text core: reading Hindi and English the way their readers do.
//!
//! Pure functions, no I/O. Everything that finds something in a text returns byte spans into
//! the text it was given.
//!
//! | module | what |
//! |---|---|
//! | [`normalize`] | display normalisation (NFC, spaces, invisible characters) and search keys |
//! | [`segment`] | words and sentences |
//! | [`names`] | name keys across spellings and scripts, transliteration, acronyms |
//! | [`numbers`] | numbers in digits and words, Hindi and English |
//! | [`dates`] | absolute, weekday, relative and anaphoric dates |
//! | [`script`] | which script a text is written in |
//! | [`hi`], [`en`] | per-language word lists |
//! | [`titles`] | titles before a name: one typed table per language |

pub mod dates;
pub mod doc;
pub mod en;
pub mod hi;
mod lex;
pub mod names;
pub mod normalize;
pub mod numbers;
pub mod script;
pub mod segment;
pub mod titles;

pub use normalize::{fold_word, fold_word_cow, normalize, search_key};
pub use segment::{sentences, words, Token, TokenKind};
