//! Reading files and folders into raw articles.

use crate::IngestError;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use crate::raw::{Body, RawArticle, MAX_ARTICLE_BYTES};

/// Input formats, by file name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
    Warc,
    /// The Internet Archive's ARC, WARC's predecessor.
    Arc,
    Feed,
}

/// Metadata that the user may put beside a text or HTML file as `NAME.meta.json`
/// (the same fields as a JSONL line, without the body).
#[derive(Debug, Default, Deserialize)]
struct Sidecar {
    id: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    date: Option<String>,
    language: Option<String>,
}

const SIDECAR_SUFFIX: &str = ".meta.json";

/// Expand paths into the files to read: folders are walked recursively in name order (hidden
/// entries and `*.meta.json` sidecars skipped); a missing path is an error item.
pub fn list_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, true);
    }
    out
}

fn walk(p: &Path, out: &mut Vec<Result<PathBuf, IngestError>>, top: bool) {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !top && (name.starts_with('.') || name.ends_with(SIDECAR_SUFFIX)) {
        return;
    }
    match std::fs::metadata(p) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Err(IngestError::Missing {
            path: p.display().to_string(),
        })),
        Err(e) => out.push(Err(IngestError::Io {
            path: p.display().to_string(),
            error: e,
        })),
        Ok(m) if m.is_dir() => match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                entries.sort();
                for e in entries {
                    walk(&e, out, false);
                }
            }
            Err(e) => out.push(Err(IngestError::Io {
                path: p.display().to_string(),
                error: e,
            })),
        },
        Ok(_) => out.push(Ok(p.to_path_buf())),
    }
}

/// The format of a file, from its name and, failing that, its first bytes.
pub fn format_of(path: &Path, head: &[u8]) -> Format {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "warc" => return Format::Warc,
        "arc" => return Format::Arc,
        "rss" | "atom" | "xml" => return Format::Feed,
        _ => {}
    }
    if crate::feed::sniff_feed(head) {
        return Format::Feed;
    }
    let start = String::from_utf8_lossy(&head[..head.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("warc/") {
        Format::Warc
    } else if start.starts_with("filedesc://") {
        Format::Arc
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
        Format::Html
    } else if start.starts_with("<?xml") || start.starts_with("<rss") || start.starts_with("<feed")
    {
        Format::Feed
    } else {
        Format::Text
    }
}

/// Read one file, handing each raw article (or error) to `emit`. Errors about the file as a
/// whole come as a single `Err`; a JSONL file gives one item per line.
pub fn read_file(path: &Path, emit: &mut dyn FnMut(Result<RawArticle, IngestError>)) {
    let origin = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return emit(Err(IngestError::Io {
                path: origin,
                error: e,
            }))
        }
    };
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::new(reader);
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            return emit(Err(IngestError::Io {
                path: origin,
                error: e,
            }))
        }
    };
    match format_of(path, &head) {
        Format::Jsonl => crate::jsonl::read_jsonl(reader, &origin, emit),
        Format::Warc => match crate::warc::open_warc(path) {
            Ok(records) => read_records(records, &origin, emit),
            Err(e) => emit(Err(IngestError::Io {
                path: origin,
                error: e,
            })),
        },
        Format::Arc => match crate::warc::open_arc(path) {
            Ok(records) => read_records(records, &origin, emit),
            Err(e) => emit(Err(IngestError::Io {
                path: origin,
                error: e,
            })),
        },
        format => {
            let bytes = match read_capped(&mut reader, &origin) {
                Ok(b) => b,
                Err(e) => return emit(Err(e)),
            };
            let sidecar = read_sidecar(path);
            match format {
                Format::Text => emit(text_article(&bytes, &origin).map(|mut a| {
                    apply_sidecar(&mut a, sidecar);
                    a
                })),
                Format::Html => {
                    let html = crate::charset::decode_html(&bytes, None);
                    let mut a = RawArticle {
                        source: origin,
                        body: Body::Html(html),
                        ..RawArticle::default()
                    };
                    apply_sidecar(&mut a, sidecar);
                    emit(Ok(a))
                }
                Format::Feed => read_feed(&bytes, &origin, emit),
                Format::Warc | Format::Arc | Format::Jsonl => {}
            }
        }
    }
}

/// Every HTML response of a WARC or ARC file (2xx, HTML or unknown content type; WARC `resource`
/// records of HTML too) as a raw article; a bad record is one error item and reading goes on.
fn read_records(
    records: impl Iterator<Item = Result<crate::warc::WarcResponse, crate::warc::WarcError>>,
    origin: &str,
    emit: &mut dyn FnMut(Result<RawArticle, IngestError>),
) {
    for (i, rec) in records.enumerate() {
        match rec {
            Ok(r) => {
                let html_like = r
                    .content_type
                    .as_deref()
                    .is_none_or(|ct| ct.to_ascii_lowercase().contains("html"));
                if !(200..300).contains(&r.status) || !html_like {
                    continue;
                }
                if r.body.len() > MAX_ARTICLE_BYTES {
                    emit(Err(IngestError::TooLarge {
                        origin: format!("{origin}#{}", i + 1),
                        size: r.body.len() as u64,
                        limit: MAX_ARTICLE_BYTES,
                    }));
                    continue;
                }
                let html = crate::charset::decode_html(&r.body, r.content_type.as_deref());
                emit(Ok(RawArticle {
                    source: r
                        .target_uri
                        .clone()
                        .unwrap_or_else(|| format!("{origin}#{}", i + 1)),
                    url: r.target_uri,
                    body: Body::Html(html),
                    ..RawArticle::default()
                }))
            }
            Err(e) => emit(Err(IngestError::Record {
                origin: origin.to_string(),
                message: e.to_string(),
            })),
        }
    }
}

/// Every item of an RSS, Atom or JSON feed as a raw article (its content, else its summary).
fn read_feed(bytes: &[u8], origin: &str, emit: &mut dyn FnMut(Result<RawArticle, IngestError>)) {
    let items = match crate::feed::parse_feed(bytes) {
        Ok(items) => items,
        Err(e) => {
            return emit(Err(IngestError::Record {
                origin: origin.to_string(),
                message: e.to_string(),
            }))
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        emit(feed_item_article(item, origin, i + 1));
    }
}

/// Feed item number `n` (from 1) of the feed at `origin` as a raw article: its content, else
/// its summary, as HTML, with the feed's title as the outlet; an item with neither is an error.
pub fn feed_item_article(
    item: crate::feed::FeedItem,
    origin: &str,
    n: usize,
) -> Result<RawArticle, IngestError> {
    let Some(html) = item.html().map(str::to_string) else {
        return Err(IngestError::NoText {
            origin: format!("{origin}#{n}"),
        });
    };
    Ok(RawArticle {
        source: item.url.clone().unwrap_or_else(|| format!("{origin}#{n}")),
        url: item.url,
        outlet: item.feed_title,
        title: item.title,
        author: (!item.authors.is_empty()).then(|| item.authors.join(", ")),
        published: item.published.or(item.updated).map(|t| t.to_string()),
        body: Body::Html(html),
        ..RawArticle::default()
    })
}

/// Read a whole input, refusing more than [`MAX_ARTICLE_BYTES`] (also after decompression).
fn read_capped(reader: &mut dyn Read, origin: &str) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ARTICLE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Io {
            path: origin.to_string(),
            error: e,
        })?;
    if bytes.len() > MAX_ARTICLE_BYTES {
        let size = std::fs::metadata(origin)
            .map(|m| m.len())
            .unwrap_or(bytes.len() as u64);
        return Err(IngestError::TooLarge {
            origin: origin.to_string(),
            size,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    Ok(bytes)
}

/// Text from bytes: UTF-8 (a BOM is dropped), refusing binary data and invalid UTF-8 with a
/// clear error.
pub fn decode_text(bytes: &[u8], origin: &str) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            origin: origin.to_string(),
        });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary {
            origin: origin.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(crate::mojibake::repair(s).unwrap_or_else(|| s.to_string())),
        Err(e) => Err(IngestError::InvalidUtf8 {
            origin: origin.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}

/// NUL bytes, or many control characters, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len()
}

fn text_article(bytes: &[u8], origin: &str) -> Result<RawArticle, IngestError> {
    Ok(RawArticle {
        source: origin.to_string(),
        body: Body::Text(decode_text(bytes, origin)?),
        ..RawArticle::default()
    })
}

fn read_sidecar(path: &Path) -> Option<Sidecar> {
    let name = path.file_name()?.to_str()?;
    let side = path.with_file_name(format!("{name}{SIDECAR_SUFFIX}"));
    let bytes = std::fs::read(side).ok()?;
    parse_sidecar(&bytes)
}

/// A `NAME.meta.json` sidecar's bytes → its fields (`None` when it is not a JSON object of
/// them, or over 1 MiB).
fn parse_sidecar(bytes: &[u8]) -> Option<Sidecar> {
    if bytes.len() > 1 << 20 {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}

/// The fields a sidecar's bytes would give an article (for fuzzing and tests): the article
/// `base` with the sidecar's fields over it.
pub fn apply_sidecar_bytes(base: RawArticle, bytes: &[u8]) -> RawArticle {
    let mut a = base;
    apply_sidecar(&mut a, parse_sidecar(bytes));
    a
}

fn apply_sidecar(a: &mut RawArticle, s: Option<Sidecar>) {
    let Some(s) = s else { return };
    a.id = s.id.or(a.id.take());
    a.url = s.url.or(a.url.take());
    a.outlet = s.outlet.or(a.outlet.take());
    a.title = s.title.or(a.title.take());
    a.author = s.author.or(a.author.take());
    a.published = s.published.or(s.date).or(a.published.take());
    a.language = s.language.or(a.language.take());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_of(Path::new("a.jsonl"), b""), Format::Jsonl);
        assert_eq!(format_of(Path::new("a.html.gz"), b""), Format::Html);
        assert_eq!(format_of(Path::new("a.warc.gz"), b""), Format::Warc);
        assert_eq!(
            format_of(Path::new("page"), b"  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            format_of(Path::new("feed"), b"<?xml version='1.0'?><rss>"),
            Format::Feed
        );
        assert_eq!(
            format_of(Path::new("story-123"), "खबर".as_bytes()),
            Format::Text
        );
    }

    #[test]
    fn bad_bytes_are_clear_errors() {
        assert!(matches!(
            decode_text(b"", "x"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode_text(b" \n\t", "x"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode_text(b"ab\0cd", "x"),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            decode_text(b"ok \xff\xfe bad", "x"),
            Err(IngestError::InvalidUtf8 { offset: 3, .. })
        ));
        assert_eq!(decode_text("\u{feff}खबर".as_bytes(), "x").unwrap(), "खबर");
    }
}
