//! The data types that flow between khabar's stages.
//!
//! ```text
//! ingest -> Document -> analyze -> Analysis -> story -> Story -> store / serve
//! ```
//!
//! Everything here is plain data with serde support. Byte spans always point into
//! [`Document::text`], the clean body of one article, so every extracted thing can be
//! traced back to the exact bytes it came from.

mod analysis;
mod document;
mod id;
mod span;
mod story;
mod time;

pub use analysis::*;
pub use document::*;
pub use id::*;
pub use span::Span;
pub use story::*;
pub use time::{PubTime, PubTimeError};
