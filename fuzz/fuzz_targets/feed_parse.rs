#![no_main]
//! RSS/Atom/JSON Feed parsing on arbitrary bytes.
use khabar_ingest::feed::parse_feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_feed(data);
});
