//! RSS 0.9x/1.0/2.0 / Atom 0.3/1.0 / JSON Feed reading (via `feed-rs`): one item per entry with
//! its link, title, date, authors and content (or summary) HTML. Fetching linked pages is the
//! caller's business (`--fetch`); this module never touches the network.
//!
//! Before `feed-rs` sees them, the bytes are decoded to UTF-8 here ([`crate::charset::decode_xml`]:
//! UTF-16/32 with or without a byte-order mark, declared legacy charsets) and the dialects it
//! does not know are mapped onto the ones it does ([`normalize_dialect`]): Atom 0.3's namespace
//! and date elements, RSS 0.90's namespace, and `<rss>` roots of any version (or none).

use khabar_model::PubTime;
use std::borrow::Cow;

/// Feeds larger than this are refused before parsing.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedItem {
    /// The item's own id as the feed gives it (RSS `guid`, Atom `id`, JSON Feed `id`); `None`
    /// when the feed gives none.
    pub guid: Option<String>,
    /// The item's link (`rel=alternate` first), absolute as the feed wrote it.
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
    pub authors: Vec<String>,
    /// Full content (`content:encoded`, Atom `content`, JSON Feed `content_html`).
    pub content_html: Option<String>,
    /// Description / summary, HTML or text.
    pub summary: Option<String>,
    /// The feed's own title (the outlet), when it has one.
    pub feed_title: Option<String>,
}

impl FeedItem {
    /// The best HTML the feed carries for the item: content, else summary.
    pub fn html(&self) -> Option<&str> {
        self.content_html.as_deref().or(self.summary.as_deref())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("feed is {size} bytes, over the limit of {MAX_FEED_BYTES}")]
    TooLarge { size: usize },
    #[error("not a feed: {0}")]
    Parse(String),
}

/// The feed's bytes (any charset `feed-rs` recognises) → its items, in feed order.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<FeedItem>, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge { size: bytes.len() });
    }
    let text = crate::charset::decode_xml(bytes);
    let text = normalize_dialect(&text);
    let text = space_emails(&text);
    // No made-up ids: an item without one gets an empty id here (feed-rs would hash its link
    // and title, or draw a random UUID), so `guid` is only ever what the feed said.
    // feed-rs can panic on text it slices by bytes (see `space_emails`; an escaped character,
    // `&#2404;`, is decoded after that pre-pass): a panic is this feed's error, not the run's.
    let parsed = std::panic::catch_unwind(|| {
        feed_rs::parser::Builder::new()
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(text.as_bytes())
    })
    .map_err(|_| FeedError::Parse("the feed parser failed on this feed".into()))?;
    let feed = parsed.map_err(|e| FeedError::Parse(e.to_string()))?;
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut out = Vec::with_capacity(feed.entries.len());
    for e in feed.entries {
        let url = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty())
            .or_else(|| {
                (e.id.starts_with("http://") || e.id.starts_with("https://")).then(|| e.id.clone())
            });
        let to_pub = |d: chrono::DateTime<chrono::Utc>| PubTime::Zoned(d.fixed_offset());
        let authors = e
            .authors
            .iter()
            .map(|p| p.name.as_deref().unwrap_or("").trim().to_string())
            .filter(|n| !n.is_empty() && !n.contains('@'))
            .collect();
        let guid = Some(e.id.trim().to_string()).filter(|g| !g.is_empty());
        out.push(FeedItem {
            guid,
            url,
            title: e
                .title
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            published: e.published.map(to_pub).or(e.updated.map(to_pub)),
            updated: e.updated.map(to_pub),
            authors,
            content_html: e
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty()),
            summary: e
                .summary
                .map(|s| s.content)
                .filter(|b| !b.trim().is_empty()),
            feed_title: feed_title.clone(),
        });
    }
    Ok(out)
}

const ATOM_03_NS: &str = "http://purl.org/atom/ns#";
const ATOM_10_NS: &str = "http://www.w3.org/2005/Atom";
const RSS_090_NS: &str = "http://my.netscape.com/rdf/simple/0.9/";
const RSS_10_NS: &str = "http://purl.org/rss/1.0/";

/// Where the root element's start tag is: its byte range and local name. Comments, processing
/// instructions and a DOCTYPE (internal subset included) before it are passed over.
fn root_tag(text: &str) -> Option<(usize, usize, &str)> {
    let mut i = 0;
    let b = text.as_bytes();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || text[i..].starts_with('\u{feff}')) {
            i += if b[i].is_ascii() { 1 } else { 3 };
        }
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->")? + 3;
        } else if rest.starts_with("<?") {
            i += rest.find("?>")? + 2;
        } else if rest.starts_with("<!") {
            // A DOCTYPE, possibly with an internal subset in brackets.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(open), Some(gt)) if open < gt => open + rest[open..].find(']')?,
                _ => 0,
            };
            i += close + rest[close..].find('>')? + 1;
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = i + rest.find('>')? + 1;
            let name_end = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let name = &after[..name_end];
            let local = name.rsplit_once(':').map_or(name, |(_, l)| l);
            return Some((i, end, local));
        } else {
            return None;
        }
    }
}

/// The attributes of a start tag as (name, value) pairs, in order; `None` when malformed.
fn attributes(tag: &str) -> Option<Vec<(&str, &str)>> {
    let inner = tag
        .strip_prefix('<')?
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner[inner.find(char::is_whitespace).unwrap_or(inner.len())..].trim_start();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let close = after[1..].find(quote)? + 1;
        out.push((name, &after[1..close]));
        rest = after[close + 1..].trim_start();
    }
    Some(out)
}

/// An RSS 0.90/1.0 (RDF) document rewritten as RSS 2.0: `feed-rs` drops RSS 1.0 items without a
/// `<link>` (an item with only a description is common), while its RSS 2.0 reader keeps them.
/// The root becomes `<rss version="2.0">` without a default namespace, and the items, siblings of
/// `<channel>` in RDF, move inside it.
fn rdf_as_rss2(text: &str, start: usize, end: usize) -> Option<String> {
    let tag = &text[start..end];
    if tag.ends_with("/>") {
        return None;
    }
    let raw_name = &tag[1..tag.find(|c: char| c.is_whitespace() || c == '>')?];
    let mut root = String::from("<rss version=\"2.0\"");
    for (k, v) in attributes(tag)? {
        if k == "xmlns" {
            continue;
        }
        let q = if v.contains('"') { '\'' } else { '"' };
        root.push_str(&format!(" {k}={q}{v}{q}"));
    }
    root.push('>');
    let body_end = text.rfind(&format!("</{raw_name}"))?;
    if body_end < end {
        return None;
    }
    let body = text[end..body_end].replace(RSS_090_NS, RSS_10_NS);
    // The channel's end tag goes to the end, after the items.
    let body = match body.find("</channel>") {
        Some(at) => format!("{}{}", &body[..at], &body[at + "</channel>".len()..]),
        None => format!("<channel>{body}"),
    };
    Some(format!(
        "{}{root}{body}</channel></rss>",
        &text[..start].replace(RSS_090_NS, RSS_10_NS)
    ))
}

/// Maps feed dialects that `feed-rs` does not read onto ones it does: an `<rss>` root of
/// version 0.90–0.94, 1.0, none or any other gets `version="2.0"` and loses a default namespace
/// (Userland's and Harvard's RSS namespaces put every element out of reach); Atom 0.3's
/// namespace becomes Atom 1.0's, and its `issued`/`modified` become `published`/`updated`;
/// RSS 0.90/1.0 (RDF) is rewritten as RSS 2.0 ([`rdf_as_rss2`]). Anything else comes back as
/// it is.
pub fn normalize_dialect(text: &str) -> Cow<'_, str> {
    let Some((start, end, name)) = root_tag(text) else {
        return Cow::Borrowed(text);
    };
    match name {
        "rss" => {
            let tag = &text[start..end];
            let Some(attrs) = attributes(tag) else {
                return Cow::Borrowed(text);
            };
            let raw_name = &tag[1..tag
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(1)];
            let mut new = format!("<{raw_name} version=\"2.0\"");
            for (k, v) in attrs {
                if k == "version" || k == "xmlns" {
                    continue;
                }
                let q = if v.contains('"') { '\'' } else { '"' };
                new.push_str(&format!(" {k}={q}{v}{q}"));
            }
            new.push_str(if tag.ends_with("/>") { "/>" } else { ">" });
            Cow::Owned(format!("{}{new}{}", &text[..start], &text[end..]))
        }
        "feed" if text.contains(ATOM_03_NS) => {
            let mut t = text.replace(ATOM_03_NS, ATOM_10_NS);
            for (old, new) in [("issued", "published"), ("modified", "updated")] {
                t = t
                    .replace(&format!("<{old}>"), &format!("<{new}>"))
                    .replace(&format!("</{old}>"), &format!("</{new}>"));
            }
            Cow::Owned(t)
        }
        "RDF" => rdf_as_rss2(text, start, end).map_or(Cow::Borrowed(text), Cow::Owned),
        _ => Cow::Borrowed(text),
    }
}

/// A space between an e-mail address and a non-ASCII character beside it. feed-rs (3.0.0) reads a
/// person as "name + e-mail" by slicing one byte past the address and one byte before it, which
/// panics when that byte is inside a multi-byte character (`desk@example.com।`, `‘me@x.com`).
/// The address is taken as what its characters can be (`[A-Za-z0-9._%+-]@[A-Za-z0-9.-]`), with
/// the delimiters feed-rs accepts around it (`<[(`, `mailto:`, `>])`); the space changes no word.
fn space_emails(text: &str) -> Cow<'_, str> {
    if !text.contains('@') || text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut cuts: Vec<usize> = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && local(b[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < b.len() && domain(b[end]) {
            end += 1;
        }
        if start == at || end == at + 1 {
            continue;
        }
        if text[..start].ends_with("mailto:") {
            start -= "mailto:".len();
        }
        if text[..start].ends_with("<[(") {
            start -= 3;
        }
        if text[end..].starts_with(">])") {
            end += 3;
        }
        if start > 0 && !b[start - 1].is_ascii() {
            cuts.push(start);
        }
        if end < b.len() && !b[end].is_ascii() {
            cuts.push(end);
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut from = 0;
    for cut in cuts {
        // Every cut is beside an ASCII byte of the address, so it is a character boundary.
        out.push_str(&text[from..cut]);
        out.push(' ');
        from = cut;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The file looks like a feed (RSS, Atom or JSON Feed) from its first bytes.
pub fn sniff_feed(bytes: &[u8]) -> bool {
    let head = crate::charset::decode_xml(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || head.contains("jsonfeed.org/version")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_email_beside_non_ascii_punctuation_is_read_not_a_panic() {
        // feed-rs 3.0.0 slices a person's text one byte past (or before) an e-mail address; a
        // curly quote or a danda there is not a character boundary (found by the fuzzer).
        for person in [
            "me@example.com‘ Editor",
            "संपादक: desk@example.com।",
            "“mailto:desk@example.com”",
            "‘desk@example.com",
        ] {
            let xml = format!(
                "<rss version=\"2.0\"><channel><title>T</title><webMaster>{person}</webMaster>\
                 <item><title>A</title><link>http://example.com/a</link>\
                 <author>{person}</author></item></channel></rss>"
            );
            let items = parse_feed(xml.as_bytes()).expect("a feed");
            assert_eq!(items.len(), 1, "{person}");
        }
        // Escaped, the danda reaches feed-rs after the pre-pass: an error for this feed, not a
        // panic out of the reader.
        let xml = "<rss version=\"2.0\"><channel><title>T</title>\
                   <webMaster>desk@example.com&#2404;</webMaster></channel></rss>";
        assert!(parse_feed(xml.as_bytes()).is_err());
    }

    #[test]
    fn spaces_go_only_between_an_address_and_non_ascii() {
        assert_eq!(
            space_emails("a desk@example.com। b"),
            "a desk@example.com । b"
        );
        assert_eq!(space_emails("‘desk@example.com’"), "‘ desk@example.com ’");
        assert_eq!(
            space_emails("(desk@example.com) कहा"),
            "(desk@example.com) कहा"
        );
        assert!(matches!(space_emails("no address। here"), Cow::Borrowed(_)));
        assert!(matches!(space_emails("ascii me@x.com"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn spacing_emails_only_adds_spaces(s in "[a-z@.।‘ ]{0,40}") {
            let out = space_emails(&s);
            prop_assert_eq!(out.replace(' ', ""), s.replace(' ', ""));
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>समाचार</title><link>https://news.example.in/</link>
<item><title>बिहार में बाढ़</title><link>https://news.example.in/a/1</link>
<pubDate>Mon, 10 Jan 2022 21:03:00 +0530</pubDate><dc:creator>शुभायन चक्रवर्ती</dc:creator>
<description>छोटा सार</description>
<content:encoded><![CDATA[<p>पटना में भारी बारिश हुई।</p>]]></content:encoded></item>
<item><title>Second</title><link>https://news.example.in/a/2</link><description>only summary</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let items = parse_feed(RSS.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].url.as_deref(), Some("https://news.example.in/a/1"));
        assert_eq!(items[0].title.as_deref(), Some("बिहार में बाढ़"));
        assert_eq!(items[0].authors, vec!["शुभायन चक्रवर्ती".to_string()]);
        assert_eq!(
            items[0].published.map(|p| p.date().to_string()).as_deref(),
            Some("2022-01-10")
        );
        assert!(items[0].html().unwrap().contains("पटना"));
        assert_eq!(items[1].html(), Some("only summary"));
        assert_eq!(items[0].feed_title.as_deref(), Some("समाचार"));
        // no guid in the feed: none is made up (the watcher keys such items by their link)
        assert_eq!(items[0].guid, None);
        assert!(sniff_feed(RSS.as_bytes()));
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2022-01-10T10:00:00Z</updated>
<entry><title>A</title><id>urn:1</id><link rel="alternate" href="https://e.com/a"/><updated>2022-01-10T10:00:00Z</updated>
<author><name>Jane Doe</name></author><summary>S</summary></entry></feed>"#;
        let items = parse_feed(atom.as_bytes()).unwrap();
        assert_eq!(items[0].url.as_deref(), Some("https://e.com/a"));
        assert_eq!(items[0].authors, vec!["Jane Doe".to_string()]);
        assert_eq!(items[0].guid.as_deref(), Some("urn:1"));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://e.com/j","content_html":"<p>x</p>","date_published":"2022-01-10T10:00:00Z"}]}"#;
        let items = parse_feed(json.as_bytes()).unwrap();
        assert_eq!(items[0].url.as_deref(), Some("https://e.com/j"));
        assert_eq!(items[0].content_html.as_deref(), Some("<p>x</p>"));
        assert_eq!(items[0].guid.as_deref(), Some("1"));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        let broken = &RSS[..RSS.len() / 2];
        let _ = parse_feed(broken.as_bytes());
        let _ = parse_feed(b"<rss><channel><item><title>x</titl");
        assert!(parse_feed(b"\x00\x01binary").is_err());
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf16_and_utf32_feeds_with_declaration() {
        // Once a panic in the XML reader ("set_encoding() called after prefix buffer was
        // drained") that ended the whole run.
        let doc = RSS.replace("UTF-8", "utf-16");
        let items = parse_feed(&utf16be(&doc)).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("बिहार में बाढ़"));
        let mut with_bom = vec![0xFE, 0xFF];
        with_bom.extend(utf16be(&doc));
        assert_eq!(parse_feed(&with_bom).unwrap().len(), 2);
        let le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(parse_feed(&le).unwrap().len(), 2);
        let doc32 = RSS.replace("UTF-8", "utf-32");
        let be32: Vec<u8> = doc32
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(
            parse_feed(&be32).unwrap()[1].title.as_deref(),
            Some("Second")
        );
        assert!(sniff_feed(&utf16be(&doc)));
    }

    #[test]
    fn a_declaration_mid_document_is_not_a_panic() {
        // Found by the feed_parse fuzz target: quick-xml panicked ("set_encoding() called after
        // prefix buffer was drained") at `<?xml … encoding="big5"?>` inside an Atom 0.3 feed.
        let bytes = include_bytes!("../tests/data/feed-declaration-mid-document.xml");
        let _ = parse_feed(bytes);
    }

    #[test]
    fn atom_03() {
        let atom = r#"<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
<entry><title>Entry one</title><link rel="alternate" type="text/html" href="http://e.com/1"/>
<issued>2004-01-10T10:00:00Z</issued><modified>2004-01-11T10:00:00Z</modified>
<summary type="text/html" mode="escaped">&lt;p&gt;Some text.&lt;/p&gt;</summary></entry>
<entry><title>Entry two</title><content type="text/html" mode="escaped">&lt;p&gt;More.&lt;/p&gt;</content></entry>
</feed>"#;
        let items = parse_feed(atom.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title.as_deref(), Some("Entry one"));
        assert_eq!(items[0].url.as_deref(), Some("http://e.com/1"));
        assert_eq!(
            items[0].published.map(|p| p.date().to_string()).as_deref(),
            Some("2004-01-10")
        );
        assert!(items[0].html().unwrap().contains("Some text."));
        assert!(items[1].html().unwrap().contains("More."));
        assert_eq!(items[0].feed_title.as_deref(), Some("Old Atom"));
    }

    #[test]
    fn rss_090_091_10_and_versionless() {
        let rss10 = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://e.com/"><title>C</title></channel>
<item rdf:about="http://e.com/1"><description>Only a description.</description></item></rdf:RDF>"#;
        let items = parse_feed(rss10.as_bytes()).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].html(), Some("Only a description."));
        let rss090 = rss10.replace(
            "http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/",
        );
        assert_eq!(parse_feed(rss090.as_bytes()).unwrap().len(), 1);
        for root in [
            "<rss>",
            r#"<rss version="0.94">"#,
            r#"<rss version="0.91">"#,
            r#"<rss version="2.0" xmlns="http://backend.userland.com/rss2">"#,
            r#"<!-- a comment --><!DOCTYPE rss [<!ENTITY x "y">]><rss version='0.93'>"#,
        ] {
            let feed = format!("{root}<channel><title>C</title><item><title>T</title><description>D</description></item></channel></rss>");
            let items = parse_feed(feed.as_bytes()).unwrap_or_default();
            assert_eq!(items.len(), 1, "{root}");
            assert_eq!(items[0].title.as_deref(), Some("T"), "{root}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..500)) {
            let _ = parse_feed(&bytes);
        }

        #[test]
        fn never_panics_in_other_encodings(body in "[ -~\u{900}-\u{97f}]{0,200}", enc in 0usize..4) {
            let doc = format!("<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><item><title>{body}</title></item></channel></rss>");
            let bytes: Vec<u8> = match enc {
                0 => utf16be(&doc),
                1 => doc.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                2 => doc.chars().flat_map(|c| (c as u32).to_be_bytes()).collect(),
                _ => doc.chars().flat_map(|c| (c as u32).to_le_bytes()).collect(),
            };
            let _ = parse_feed(&bytes);
            let _ = parse_feed(&bytes[..bytes.len() / 2]);
        }
    }
}
