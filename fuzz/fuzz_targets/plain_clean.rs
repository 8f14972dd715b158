#![no_main]
//! Plain-text decoding and cleanup (boilerplate lines, dateline, title) on arbitrary bytes.
use khabar_ingest::plain::{clean_text, Hints};
use khabar_ingest::source::decode_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // One cleanup per input (the work is the text's, twice would only halve the rate): inputs
    // of even length are decoded as a file is, with no title given; odd ones are read lossily
    // with a title given.
    if data.len() % 2 == 0 {
        if let Ok(text) = decode_text(data, "fuzz.txt") {
            let _ = clean_text(&text, &Hints::default());
        }
    } else {
        let _ = clean_text(
            &String::from_utf8_lossy(data),
            &Hints {
                title: Some("शीर्षक".into()),
            },
        );
    }
});
