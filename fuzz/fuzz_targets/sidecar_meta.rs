#![no_main]
//! `NAME.meta.json` sidecars on arbitrary bytes, applied to an article and built.
use khabar_ingest::source::{apply_sidecar_bytes, Body, RawArticle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = RawArticle {
        source: "fuzz.txt".into(),
        body: Body::Text("शहर में नई बस सेवा शुरू हुई। यात्रियों ने स्वागत किया।".into()),
        ..RawArticle::default()
    };
    let _ = khabar_ingest::build_document(apply_sidecar_bytes(base, data));
});
