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
mod decode;
pub mod english;
mod error;
pub mod eval;
mod features;
mod format;
mod model;
pub mod silver;
mod tags;
mod tokens;
mod train;
mod util;

pub use error::NerError;

pub use conll::{read_conll, Sentence};
pub use eval::{eval_conll, eval_documents, eval_sentences, NerReport, Scores};
pub use features::Gazetteer;
pub use model::Model;
pub use silver::{silver_sentences, SilverSentence};
pub use tags::{chunks, il_ner_kind, parse_tagmap, Tag};
pub use tokens::{tokenize, tokenize_in};
pub use train::{kb_names, train_from_files, train_from_files_with, TrainConfig, TrainReport};
pub use util::{FastMap, PassHasher};
