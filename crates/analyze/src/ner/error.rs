//! The errors of the NER module.

use std::path::PathBuf;

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
