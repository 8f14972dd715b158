//! Atom feeds (RFC 4287, written by `atom_syndication`): the new articles of a story, of a search
//! and of an entity, and the top stories. Entry ids are the absolute URLs of the pages they point
//! to (stable for articles; a story's id can change when the store is re-clustered).

use crate::html::display_text;
use crate::snapshot::ArticleMeta;
use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Offset, Utc};
use khabar_model::PubTime;

/// Most entries in a feed.
pub const FEED_ENTRIES: usize = 100;

/// The absolute base URL of this server as the client reached it (`http://` + Host header;
/// loopback when there is none or it is not a plain host name).
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::trim)
        .filter(|h| {
            !h.is_empty()
                && h.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// A publication time as an Atom date (a bare date is midnight UTC).
pub fn atom_time(t: Option<PubTime>) -> DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).unwrap_or_else(|| Utc.fix());
    match t {
        Some(PubTime::Zoned(z)) => z,
        Some(other) => other.approx_utc().with_timezone(&utc),
        None => DateTime::<Utc>::UNIX_EPOCH.with_timezone(&utc),
    }
}

fn text(s: &str) -> Text {
    Text::plain(display_text(s).into_owned())
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_string));
    l
}

/// One feed entry.
pub struct Item {
    /// Path of the page (`/articles/…`), made absolute with the base URL.
    pub path: String,
    pub title: String,
    pub updated: DateTime<FixedOffset>,
    pub author: Option<String>,
    pub summary: Option<String>,
}

impl Item {
    pub fn article(m: &ArticleMeta, summary: Option<String>) -> Item {
        Item {
            path: format!("/articles/{}", crate::html::url_part(m.id.as_str())),
            title: m.title.clone().unwrap_or_else(|| m.id.0.clone()),
            updated: atom_time(m.published),
            author: m.outlet.clone().filter(|o| !o.trim().is_empty()),
            summary,
        }
    }
}

/// A whole feed: `path` is the page the feed follows, `self_path` the feed itself (with query).
pub fn feed(base: &str, title: &str, path: &str, self_path: &str, items: Vec<Item>) -> String {
    let updated = items
        .iter()
        .map(|i| i.updated)
        .max()
        .unwrap_or_else(|| atom_time(None));
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|i| {
            let url = format!("{base}{}", i.path);
            let mut e = Entry::default();
            e.set_id(url.clone());
            e.set_title(text(&i.title));
            e.set_updated(i.updated);
            e.set_published(Some(i.updated));
            e.set_links(vec![link(url, "alternate", Some("text/html"))]);
            if let Some(a) = i.author {
                let mut p = Person::default();
                p.set_name(display_text(&a).into_owned());
                e.set_authors(vec![p]);
            }
            e.set_summary(i.summary.as_deref().map(text));
            e
        })
        .collect();
    let mut author = Person::default();
    author.set_name("khabar");
    let mut f = Feed::default();
    f.set_id(format!("{base}{self_path}"));
    f.set_title(text(title));
    f.set_updated(updated);
    f.set_authors(vec![author]);
    f.set_links(vec![
        link(format!("{base}{path}"), "alternate", Some("text/html")),
        link(
            format!("{base}{self_path}"),
            "self",
            Some("application/atom+xml"),
        ),
    ]);
    f.set_entries(entries);
    f.to_string()
}

/// The feed as an HTTP response.
pub fn respond(xml: String) -> Response {
    let mut r = (StatusCode::OK, xml).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_parses_back_with_its_entries() {
        let items = vec![
            Item {
                path: "/articles/a%201".into(),
                title: "कज़ाख़स्तान <में> \u{202E}exe & हिंसा".into(),
                updated: atom_time(PubTime::parse("2022-01-10T10:00:00+05:30").ok()),
                author: Some("Dainik Jagran".into()),
                summary: Some("hi".into()),
            },
            Item {
                path: "/articles/b".into(),
                title: "B".into(),
                updated: atom_time(PubTime::parse("2022-01-09").ok()),
                author: None,
                summary: None,
            },
        ];
        let xml = feed(
            "http://h:1",
            "T & t",
            "/stories/s",
            "/stories/s/feed.atom",
            items,
        );
        let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("the feed parses");
        assert_eq!(parsed.entries.len(), 2);
        let e = &parsed.entries[0];
        assert_eq!(
            e.title.as_ref().map(|t| t.content.as_str()),
            Some("कज़ाख़स्तान <में> exe & हिंसा")
        );
        assert_eq!(e.links[0].href, "http://h:1/articles/a%201");
        assert_eq!(e.authors[0].name.as_deref(), Some("Dainik Jagran"));
        assert_eq!(
            e.updated.map(|u| u.timestamp()),
            PubTime::parse("2022-01-10T10:00:00+05:30")
                .ok()
                .map(|t| t.timestamp())
        );
        assert!(
            xml.contains("2022-01-10T10:00:00+05:30"),
            "the offset is kept: {xml}"
        );
    }

    #[test]
    fn base_url_from_host() {
        let mut h = HeaderMap::new();
        assert_eq!(base_url(&h), "http://localhost");
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert_eq!(base_url(&h), "http://127.0.0.1:8080");
        h.insert(header::HOST, HeaderValue::from_static("evil\"/><x"));
        assert_eq!(base_url(&h), "http://localhost");
    }
}
