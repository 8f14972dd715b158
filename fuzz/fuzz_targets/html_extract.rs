#![no_main]
//! Charset decoding and HTML extraction on arbitrary bytes.
use khabar_ingest::charset::decode_html;
use khabar_ingest::html::{DefaultExtractor, Extractor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = decode_html(data, None);
    let _ = DefaultExtractor.extract(&html, Some("https://example.com/2024/01/02/x"));
});
