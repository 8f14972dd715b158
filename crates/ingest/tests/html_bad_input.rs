//! Hostile and broken HTML never panics and stays bounded.

use khabar_ingest::charset::decode_html;
use khabar_ingest::html::{extract, MAX_HTML_BYTES};
use std::time::Instant;

#[test]
fn nesting_100k_deep() {
    let mut s = String::from("<html><body>");
    for _ in 0..100_000 {
        s.push_str("<div>");
    }
    s.push_str(
        "<p>A paragraph at the very bottom of a deeply nested page, long enough to count.</p>",
    );
    let e = extract(&s, None);
    assert!(e.text().contains("very bottom"));
}

#[test]
fn huge_page_is_cut_not_fatal() {
    let para =
        "<p>Lorem ipsum dolor sit amet, a long enough sentence to be a paragraph of text.</p>\n";
    let mut s = String::with_capacity(100 << 20);
    s.push_str("<html><body><article>");
    while s.len() < 100 << 20 {
        s.push_str(para);
    }
    let t = Instant::now();
    let e = extract(&s, None);
    assert!(!e.blocks.is_empty());
    assert!(e.text().len() <= MAX_HTML_BYTES);
    eprintln!("100 MB page in {:?}", t.elapsed());
}

#[test]
fn binary_served_as_html() {
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let html = decode_html(&bytes, Some("text/html"));
    let e = extract(&html, Some("https://example.com/x"));
    assert!(e.text().len() < html.len());
}

#[test]
fn empty_and_tiny_inputs() {
    for s in [
        "",
        "<",
        "<html",
        "<p>",
        "</p></div></body>",
        "<script>var a = '<p>x</p>'</script>",
        "\u{0}\u{0}",
    ] {
        let e = extract(s, None);
        assert!(e.blocks.is_empty(), "{s:?} gave {:?}", e.blocks);
    }
}
