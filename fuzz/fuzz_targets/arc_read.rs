#![no_main]
//! ARC reading (plain and gzip) on arbitrary bytes: never panics, always ends.
use khabar_ingest::warc::read_arc_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in read_arc_bytes(data).take(10_000) {
        let _ = r;
    }
});
