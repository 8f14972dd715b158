#![no_main]
//! RSS/Atom/JSON Feed parsing on arbitrary bytes, as sent and re-encoded: the first byte picks
//! the bytes as they are, or the rest (read as UTF-8) wrapped in an XML declaration naming
//! UTF-16/UTF-32 or a legacy charset and encoded that way, with and without a byte-order mark.
use khabar_ingest::feed::parse_feed;
use libfuzzer_sys::fuzz_target;

#[path = "../variants.rs"]
mod variants;

fuzz_target!(|data: &[u8]| {
    let _ = parse_feed(data);
    if let Some(bytes) = variants::xml_variant(data) {
        let _ = parse_feed(&bytes);
    }
});
