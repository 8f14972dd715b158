//! JSONL: one article per line.
//!
//! Fields (all optional but `text` or `html`): `id` (string or number), `url`, `outlet`, `title`,
//! `published` (or `date`), `author` (string or list), `language`, `text`, `html`. Unknown fields
//! are ignored. `published_date_only: true` (as khabar's own exports write it) keeps only the day
//! of `published`. A malformed line is an error item; the other lines still load.

use crate::raw::{Body, RawArticle, MAX_ARTICLE_BYTES};
use crate::IngestError;
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, Read};

#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<Value>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    date: Option<String>,
    /// Only the day of `published` is known (khabar's exports write midnight UTC then).
    #[serde(default)]
    published_date_only: Option<bool>,
    #[serde(default)]
    author: Option<Value>,
    #[serde(default)]
    authors: Option<Vec<String>>,
    language: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

fn id_string(v: Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn author_string(v: Option<Value>, list: Option<Vec<String>>) -> Option<String> {
    let names: Vec<String> = match v {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(a)) => a
            .into_iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => list.unwrap_or_default(),
    };
    let names: Vec<String> = names
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The `YYYY-MM-DD` a time starts with, if it starts with one.
fn day_of(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let ok = d.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then(|| d.to_string())
}

/// Parse one JSONL line into a raw article.
pub fn parse_line(line: &str, origin: &str, lineno: usize) -> Result<RawArticle, IngestError> {
    let bad = |message: String| IngestError::BadLine {
        origin: origin.to_string(),
        line: lineno,
        message,
    };
    let l: Line =
        serde_json::from_str(line).map_err(|e| bad(format!("not a JSON article: {e}")))?;
    let body = match (l.text, l.html) {
        (Some(t), _) if !t.trim().is_empty() => Body::Text(t),
        (_, Some(h)) if !h.trim().is_empty() => Body::Html(h),
        _ => return Err(bad("no `text` or `html`".to_string())),
    };
    Ok(RawArticle {
        source: format!("{origin}:{lineno}"),
        id: l.id.and_then(id_string),
        url: l.url.filter(|u| !u.trim().is_empty()),
        outlet: l.outlet.filter(|s| !s.trim().is_empty()),
        title: l.title.filter(|s| !s.trim().is_empty()),
        author: author_string(l.author, l.authors),
        published: l
            .published
            .or(l.date)
            .filter(|s| !s.trim().is_empty())
            .map(|s| match l.published_date_only {
                // `2022-01-10T00:00:00+00:00` → `2022-01-10`
                Some(true) => day_of(&s).unwrap_or(s),
                _ => s,
            }),
        language: l.language.filter(|s| !s.trim().is_empty()),
        body,
    })
}

/// Read JSONL from `reader`, one item per non-blank line. A line longer than
/// [`MAX_ARTICLE_BYTES`] is skipped with an error; reading goes on at the next line.
pub fn read_jsonl(
    mut reader: impl BufRead,
    origin: &str,
    emit: &mut dyn FnMut(Result<RawArticle, IngestError>),
) {
    let mut lineno = 0usize;
    let mut buf = Vec::new();
    loop {
        lineno += 1;
        buf.clear();
        let n = match (&mut reader)
            .take(MAX_ARTICLE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
            Ok(n) => n,
            Err(e) => {
                return emit(Err(IngestError::Io {
                    path: origin.to_string(),
                    error: e,
                }))
            }
        };
        if n == 0 {
            return;
        }
        if buf.len() > MAX_ARTICLE_BYTES && buf.last() != Some(&b'\n') {
            emit(Err(IngestError::TooLarge {
                origin: format!("{origin}:{lineno}"),
                size: buf.len() as u64,
                limit: MAX_ARTICLE_BYTES,
            }));
            // Skip the rest of the long line.
            let mut sink = Vec::new();
            if reader.read_until(b'\n', &mut sink).is_err() {
                return;
            }
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(s) => s.trim(),
            Err(e) => {
                emit(Err(IngestError::BadLine {
                    origin: origin.to_string(),
                    line: lineno,
                    message: format!("not valid UTF-8 at byte {}", e.valid_up_to()),
                }));
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        emit(parse_line(line, origin, lineno));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let input = concat!(
            r#"{"id": 7, "title": "T", "text": "Body text here.", "author": ["A", "B"], "date": "2020-04-02"}"#,
            "\n",
            "{not json}\n",
            "\n",
            r#"{"title": "no body"}"#,
            "\n",
            r#"{"url": "https://x.in/a", "html": "<p>hi</p>"}"#,
        );
        let mut items = Vec::new();
        read_jsonl(input.as_bytes(), "f.jsonl", &mut |r| items.push(r));
        assert_eq!(items.len(), 4);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.author.as_deref(), Some("A, B"));
        assert_eq!(a.published.as_deref(), Some("2020-04-02"));
        let b = parse_line(
            r#"{"text": "Body.", "published": "2020-04-02T00:00:00+00:00", "published_date_only": true}"#,
            "x.jsonl",
            2,
        )
        .unwrap();
        assert_eq!(b.published.as_deref(), Some("2020-04-02"));
        let c = parse_line(
            r#"{"text": "Body.", "published": "2020-04-02T10:00:00+05:30", "published_date_only": false}"#,
            "x.jsonl",
            3,
        )
        .unwrap();
        assert_eq!(c.published.as_deref(), Some("2020-04-02T10:00:00+05:30"));
        assert_eq!(a.source, "f.jsonl:1");
        assert!(matches!(
            items[1],
            Err(IngestError::BadLine { line: 2, .. })
        ));
        assert!(matches!(
            items[2],
            Err(IngestError::BadLine { line: 4, .. })
        ));
        assert!(matches!(items[3].as_ref().unwrap().body, Body::Html(_)));
    }
}
