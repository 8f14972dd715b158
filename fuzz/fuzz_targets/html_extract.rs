#![no_main]
//! Charset decoding and HTML extraction on arbitrary bytes; the first byte may also pick a
//! re-encoding of the rest (UTF-16/UTF-32 with or without a byte-order mark, or a `<meta
//! charset>` naming another charset) so that declared-encoding paths are reached.
use khabar_ingest::charset::decode_html;
use khabar_ingest::html::{DefaultExtractor, Extractor};
use libfuzzer_sys::fuzz_target;

#[path = "../variants.rs"]
mod variants;

fuzz_target!(|data: &[u8]| {
    let bytes = variants::html_variant(data).unwrap_or_else(|| data.to_vec());
    let html = decode_html(&bytes, None);
    let _ = DefaultExtractor.extract(&html, Some("https://example.com/2024/01/02/x"));
});
