#![no_main]
//! JSONL reading and document building on arbitrary bytes: never panics.
use khabar_ingest::jsonl::read_jsonl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    read_jsonl(data, "fuzz.jsonl", &mut |r| {
        if let Ok(raw) = r {
            let _ = khabar_ingest::build_document(raw);
        }
    });
});
