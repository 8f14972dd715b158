//! RSS 2.0 / Atom / JSON Feed reading (via `feed-rs`): one item per entry with its link, title,
//! date, authors and content (or summary) HTML. Fetching linked pages is the caller's business
//! (`--fetch`); this module never touches the network.

use khabar_model::PubTime;
use std::io::Read;

/// Feeds larger than this are refused before parsing.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedItem {
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
    let feed = feed_rs::parser::parse(bytes.take(MAX_FEED_BYTES as u64))
        .map_err(|e| FeedError::Parse(e.to_string()))?;
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
        out.push(FeedItem {
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

/// The file looks like a feed (RSS, Atom or JSON Feed) from its first bytes.
pub fn sniff_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || head.contains("jsonfeed.org/version")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://e.com/j","content_html":"<p>x</p>","date_published":"2022-01-10T10:00:00Z"}]}"#;
        let items = parse_feed(json.as_bytes()).unwrap();
        assert_eq!(items[0].url.as_deref(), Some("https://e.com/j"));
        assert_eq!(items[0].content_html.as_deref(), Some("<p>x</p>"));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        let broken = &RSS[..RSS.len() / 2];
        let _ = parse_feed(broken.as_bytes());
        let _ = parse_feed(b"<rss><channel><item><title>x</titl");
        assert!(parse_feed(b"\x00\x01binary").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..500)) {
            let _ = parse_feed(&bytes);
        }
    }
}
