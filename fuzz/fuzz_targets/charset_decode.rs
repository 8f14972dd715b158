#![no_main]
//! Charset detection and decoding (HTML, XML, plain text) on arbitrary bytes, with an HTTP
//! Content-Type taken from the input's first line.
use khabar_ingest::charset::{decode_html, decode_xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ct, body) = match data.iter().position(|&b| b == b'\n') {
        Some(n) if n < 100 => (
            Some(String::from_utf8_lossy(&data[..n]).into_owned()),
            &data[n + 1..],
        ),
        _ => (None, data),
    };
    let _ = decode_html(body, ct.as_deref());
    let _ = decode_xml(body);
    let _ = khabar_ingest::source::decode_text(body, "fuzz");
});
