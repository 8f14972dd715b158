//! Turning a raw article into a clean [`Document`].

use crate::html::{DefaultExtractor, Extracted, Extractor};
use crate::plain::{clean_blocks, clean_text, Cleaned, Hints};
use crate::raw::{Body, RawArticle};
use crate::{lang, IngestError};
use khabar_model::{stable_hex, ArticleId, Dateline, Document, PubTime, Span};

/// A stable hash of the article's normalised words: the same text with other spacing,
/// invisible characters or nukta spellings gives the same fingerprint.
pub fn fingerprint(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for t in khabar_text::words(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&khabar_text::search_key(t.text));
    }
    stable_hex(key.as_bytes())
}

fn parse_time(s: &str) -> Option<PubTime> {
    PubTime::parse(s)
        .ok()
        .or_else(|| crate::meta::timestamp(s).map(|(t, _)| t))
}

/// An id given by the input is kept when it is short printable text.
fn given_id(id: &str) -> Option<ArticleId> {
    let t = id.trim();
    (!t.is_empty() && t.len() <= 128 && !t.chars().any(char::is_control))
        .then(|| ArticleId(t.to_string()))
}

fn split_authors(s: &str) -> Vec<String> {
    s.split([',', '|', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Longest title kept, in characters; a longer one is cut (with a note).
pub const MAX_TITLE_CHARS: usize = 400;
/// Longest author line kept, in characters.
pub const MAX_AUTHOR_CHARS: usize = 300;
/// Longest outlet name kept, in characters.
pub const MAX_OUTLET_CHARS: usize = 120;

/// `s` cut to at most `max` characters (an ellipsis marks the cut), and a note saying so.
fn cap(field: &str, s: String, max: usize, notes: &mut Vec<String>) -> String {
    let count = s.chars().count();
    if count <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    notes.push(format!("{field} cut from {count} to {max} characters"));
    format!("{}…", cut.trim_end())
}

/// Clean a raw article and fill in its metadata. Fields the source gave (JSONL, sidecar) win over
/// what the cleanup read from the page.
pub fn build_document(raw: RawArticle) -> Result<Document, IngestError> {
    build_document_noted(raw).map(|(d, _)| d)
}

/// [`build_document`], with notes on what was changed or left out on the way: fields cut to
/// their caps ([`MAX_TITLE_CHARS`], [`MAX_AUTHOR_CHARS`], [`MAX_OUTLET_CHARS`]) and a given
/// `published` value that is not a date.
pub fn build_document_noted(raw: RawArticle) -> Result<(Document, Vec<String>), IngestError> {
    let mut notes = Vec::new();
    let hints = Hints {
        title: raw.title.clone(),
    };
    let (cleaned, page): (Cleaned, Option<Extracted>) = match &raw.body {
        Body::Text(t) => (clean_text(t, &hints), None),
        Body::Html(h) => {
            let page = DefaultExtractor.extract(h, raw.url.as_deref());
            if page.over_budget && page.blocks.is_empty() {
                return Err(IngestError::Unsupported {
                    origin: raw.source,
                    message: format!(
                        "page skipped: extraction took over its time budget of {} s",
                        crate::html::PAGE_TIME_BUDGET.as_secs()
                    ),
                });
            }
            if page.over_budget {
                notes.push(format!(
                    "extraction took over its time budget of {} s; the body was chosen in one pass",
                    crate::html::PAGE_TIME_BUDGET.as_secs()
                ));
            }
            if page.cut {
                notes.push(
                    "page cut: its markup builds a tree past the parser's work bound (nesting or \
                     size); only the part before was read"
                        .to_string(),
                );
            }
            let hints = Hints {
                title: raw.title.clone().or_else(|| page.title.clone()),
            };
            let blocks: Vec<String> = page.blocks.iter().map(|b| b.text.clone()).collect();
            (clean_blocks(&blocks, &hints), Some(page))
        }
    };
    let mut cleaned = cleaned;
    if let Some(p) = &page {
        // What the page's markup says wins over what its text says.
        if !p.authors.is_empty() {
            cleaned.authors = p.authors.clone();
        }
        cleaned.published = p.published.or(cleaned.published);
        cleaned.updated = p.updated.or(cleaned.updated);
        let mut captions = p.captions.clone();
        captions.append(&mut cleaned.captions);
        cleaned.captions = captions;
    }
    if cleaned.paragraphs.is_empty() {
        return Err(IngestError::NoText { origin: raw.source });
    }
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(cleaned.paragraphs.len());
    for p in &cleaned.paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        paragraphs.push(Span::new(start, text.len()));
    }
    let dateline = cleaned.dateline.map(|d| Dateline {
        // The dateline was read from the first paragraph, which starts at byte 0.
        span: d.span,
        ..d
    });
    let authors = match raw.author.as_deref() {
        Some(a) => split_authors(a),
        None => cleaned.authors,
    };
    let given_published = raw.published.as_deref().and_then(|p| {
        let t = parse_time(p);
        if t.is_none() {
            let shown: String = p.chars().take(60).collect();
            notes.push(format!(
                "published value {shown:?} is not a date; {}",
                if cleaned.published.is_some() {
                    "the date read from the text is used"
                } else {
                    "left empty"
                }
            ));
        }
        t
    });
    let published = given_published.or(cleaned.published);
    let declared = raw
        .language
        .as_deref()
        .or(page.as_ref().and_then(|p| p.language.as_deref()));
    let language = declared
        .and_then(lang::normalize_declared)
        .or_else(|| lang::detect(&text));
    let fingerprint = fingerprint(&text);
    let url = raw
        .url
        .or_else(|| page.as_ref().and_then(|p| p.canonical_url.clone()))
        .map(|u| u.trim().to_string());
    let outlet = raw
        .outlet
        .or_else(|| page.as_ref().and_then(|p| p.site_name.clone()));
    let id = raw
        .id
        .as_deref()
        .and_then(given_id)
        .or_else(|| {
            url.as_deref()
                .map(|u| ArticleId::from_key(&format!("url:{u}")))
        })
        .unwrap_or_else(|| ArticleId::from_key(&format!("text:{fingerprint}")));
    let outlet = outlet.map(|o| cap("outlet", o, MAX_OUTLET_CHARS, &mut notes));
    let title = cleaned.title.map(|t| {
        cap(
            "title",
            khabar_text::normalize(&t),
            MAX_TITLE_CHARS,
            &mut notes,
        )
    });
    let authors: Vec<String> = authors
        .into_iter()
        .map(|a| cap("author", a, MAX_AUTHOR_CHARS, &mut notes))
        .collect();
    let author = (!authors.is_empty()).then(|| {
        cap(
            "author line",
            authors.join(", "),
            MAX_AUTHOR_CHARS,
            &mut notes,
        )
    });
    let doc = Document {
        id,
        source: raw.source,
        url,
        outlet,
        title,
        author,
        authors,
        published,
        updated: cleaned.updated,
        language,
        dateline,
        text,
        paragraphs,
        captions: cleaned.captions,
        dropped: cleaned.dropped,
        fingerprint,
    };
    Ok((doc, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_spacing_and_invisibles() {
        assert_eq!(
            fingerprint("पुलिस ने  कहा\u{200b}।"),
            fingerprint("पुलिस ने कहा ।")
        );
        assert_ne!(fingerprint("पुलिस ने कहा"), fingerprint("पुलिस ने नहीं कहा"));
    }

    #[test]
    fn source_fields_win_and_ids_are_stable() {
        let raw = RawArticle {
            source: "x.jsonl:1".into(),
            url: Some("https://example.in/a".into()),
            title: Some("Given title".into()),
            author: Some("A. Writer and B. Writer".into()),
            published: Some("2022-01-10".into()),
            body: Body::Text("Given title\n\nThe body of the article says something useful about the world today.".into()),
            ..RawArticle::default()
        };
        let a = build_document(raw.clone()).unwrap();
        let b = build_document(raw).unwrap();
        assert_eq!(a.id, b.id);
        assert_eq!(a.id, ArticleId::from_key("url:https://example.in/a"));
        assert_eq!(a.title.as_deref(), Some("Given title"));
        assert_eq!(a.authors, vec!["A. Writer", "B. Writer"]);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.paragraph(0), a.text);
    }

    #[test]
    fn long_fields_are_cut_and_bad_dates_noted() {
        let raw = RawArticle {
            source: "x.jsonl:1".into(),
            title: Some("शीर्षक ".repeat(200_000)),
            outlet: Some("O".repeat(5000)),
            author: Some("A".repeat(1000)),
            published: Some("yesterday-ish".into()),
            body: Body::Text(
                "The body of the article says something useful about the world today.".into(),
            ),
            ..RawArticle::default()
        };
        let (doc, notes) = build_document_noted(raw).unwrap();
        let n = doc.title.as_ref().unwrap().chars().count();
        assert!(n <= MAX_TITLE_CHARS && n > MAX_TITLE_CHARS - 10, "{n}");
        assert!(doc.title.as_ref().unwrap().ends_with('…'));
        assert_eq!(
            doc.outlet.as_ref().unwrap().chars().count(),
            MAX_OUTLET_CHARS
        );
        assert!(doc.author.as_ref().unwrap().chars().count() <= MAX_AUTHOR_CHARS);
        assert!(doc
            .authors
            .iter()
            .all(|a| a.chars().count() <= MAX_AUTHOR_CHARS));
        assert_eq!(doc.published, None);
        for want in [
            "title cut from",
            "outlet cut from 5000 to 120",
            "author cut",
            "\"yesterday-ish\" is not a date",
        ] {
            assert!(
                notes.iter().any(|n| n.contains(want)),
                "{want:?} not in {notes:?}"
            );
        }
        // Short fields and a good date give no note.
        let raw = RawArticle {
            source: "x".into(),
            title: Some("T".into()),
            published: Some("2022-01-10".into()),
            body: Body::Text(
                "The body of the article says something useful about the world today.".into(),
            ),
            ..RawArticle::default()
        };
        assert!(build_document_noted(raw).unwrap().1.is_empty());
    }

    #[test]
    fn nothing_left_is_an_error() {
        let raw = RawArticle {
            source: "x".into(),
            body: Body::Text("Share\nFacebook\n".into()),
            ..RawArticle::default()
        };
        assert!(matches!(
            build_document(raw),
            Err(IngestError::NoText { .. })
        ));
    }
}
