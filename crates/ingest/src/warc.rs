//! WARC / WARC.gz reading: HTML responses out of crawl files (Common Crawl News and the like).
//!
//! A small streaming reader written for bad input: every record is bounded (a record body over
//! [`MAX_RECORD_BYTES`] is skipped without being held in memory, an HTTP payload that inflates
//! past [`MAX_PAYLOAD_BYTES`] is refused), and one broken record gives one `Err` item, after
//! which the reader looks for the next `WARC/` header line. Only `response` records with an
//! HTTP 2xx status and an HTML content type (or none) are returned; other records are skipped
//! silently.

use flate2::read::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Largest WARC record body read into memory.
pub const MAX_RECORD_BYTES: u64 = 32 * 1024 * 1024;
/// Largest HTTP payload after `Content-Encoding` is undone.
pub const MAX_PAYLOAD_BYTES: u64 = 32 * 1024 * 1024;
/// A record claiming more than this is taken as a broken file: reading stops there.
const MAX_SKIP_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Longest header line accepted.
const MAX_LINE: usize = 64 * 1024;

/// One HTML response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcResponse {
    pub target_uri: Option<String>,
    /// `WARC-Date` as written (RFC 3339).
    pub warc_date: Option<String>,
    pub status: u16,
    /// The HTTP `Content-Type` header (charset included), if any.
    pub content_type: Option<String>,
    /// The payload, with transfer and content encodings undone.
    pub body: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("record at byte {offset}: {message}")]
    BadRecord { offset: u64, message: String },
    #[error("record for {uri}: {message}")]
    BadPayload { uri: String, message: String },
    #[error("record at byte {offset}: {size} bytes exceeds the limit of {limit}")]
    TooLarge { offset: u64, size: u64, limit: u64 },
}

/// Iterator over the HTML responses of a WARC stream.
pub struct WarcRecords<R: BufRead> {
    r: R,
    offset: u64,
    done: bool,
}

/// Opens a `.warc` or `.warc.gz` file (gzip recognised by its magic bytes).
pub fn open_warc(path: &Path) -> std::io::Result<WarcRecords<Box<dyn BufRead>>> {
    Ok(WarcRecords::new(open_maybe_gzip(path)?))
}

/// A file's bytes, gunzipped when they start with gzip's magic bytes.
fn open_maybe_gzip(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let f = std::fs::File::open(path)?;
    let mut br = BufReader::with_capacity(1 << 16, f);
    let gz = br.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(br)))
    } else {
        Box::new(br)
    })
}

/// Bytes in memory, gunzipped when they start with gzip's magic bytes.
fn maybe_gzip(bytes: &[u8]) -> Box<dyn BufRead + '_> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(MultiGzDecoder::new(bytes)))
    } else {
        Box::new(bytes)
    }
}

/// Reads WARC records from bytes already in memory (plain or gzip).
pub fn read_warc_bytes(bytes: &[u8]) -> WarcRecords<Box<dyn BufRead + '_>> {
    WarcRecords::new(maybe_gzip(bytes))
}

impl<R: BufRead> WarcRecords<R> {
    pub fn new(r: R) -> Self {
        WarcRecords {
            r,
            offset: 0,
            done: false,
        }
    }

    /// One line without its line end; `None` at end of input.
    fn line(&mut self) -> Result<Option<Vec<u8>>, WarcError> {
        let mut buf = Vec::new();
        let n = (&mut self.r)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.offset += n as u64;
        if !buf.ends_with(b"\n") && n >= MAX_LINE {
            return Err(WarcError::BadRecord {
                offset: self.offset,
                message: "header line too long".into(),
            });
        }
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        Ok(Some(buf))
    }

    fn skip(&mut self, mut n: u64) -> Result<u64, WarcError> {
        let mut sink = [0u8; 1 << 14];
        let mut skipped = 0;
        while n > 0 {
            let want = n.min(sink.len() as u64) as usize;
            let got = self.r.read(&mut sink[..want])?;
            if got == 0 {
                break;
            }
            n -= got as u64;
            skipped += got as u64;
        }
        self.offset += skipped;
        Ok(skipped)
    }

    /// Reads one record; `Ok(None)` at the end, `Ok(Some(None))` for a record that is skipped.
    #[allow(clippy::type_complexity)]
    fn record(&mut self) -> Result<Option<Option<WarcResponse>>, WarcError> {
        // Find the version line, skipping blank lines and garbage (resynchronisation).
        let start;
        loop {
            let Some(l) = self.line()? else {
                return Ok(None);
            };
            if l.starts_with(b"WARC/") {
                start = self.offset;
                break;
            }
        }
        let mut length: Option<u64> = None;
        let mut wtype = String::new();
        let mut uri = None;
        let mut date = None;
        let mut record_type = None;
        loop {
            let Some(l) = self.line()? else {
                return Err(WarcError::BadRecord {
                    offset: start,
                    message: "truncated header".into(),
                });
            };
            if l.is_empty() {
                break;
            }
            let l = String::from_utf8_lossy(&l);
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.parse().ok(),
                "warc-type" => wtype = v.to_ascii_lowercase(),
                "warc-target-uri" => uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => date = Some(v.to_string()),
                "content-type" => record_type = Some(v.to_string()),
                _ => {}
            }
        }
        let Some(len) = length else {
            return Err(WarcError::BadRecord {
                offset: start,
                message: "no Content-Length".into(),
            });
        };
        // A `resource` record holds the document itself (no HTTP envelope): read when HTML.
        let resource = wtype == "resource" && is_html_type(record_type.as_deref());
        let wanted = wtype == "response" || resource;
        if !wanted || len > MAX_RECORD_BYTES {
            if len > MAX_SKIP_BYTES {
                self.done = true;
                return Err(WarcError::TooLarge {
                    offset: start,
                    size: len,
                    limit: MAX_SKIP_BYTES,
                });
            }
            let got = self.skip(len)?;
            if got < len {
                return Err(WarcError::BadRecord {
                    offset: start,
                    message: "truncated body".into(),
                });
            }
            if wanted {
                return Err(WarcError::TooLarge {
                    offset: start,
                    size: len,
                    limit: MAX_RECORD_BYTES,
                });
            }
            return Ok(Some(None));
        }
        let mut body = Vec::with_capacity(len.min(1 << 20) as usize);
        let got = (&mut self.r).take(len).read_to_end(&mut body)?;
        self.offset += got as u64;
        if (got as u64) < len {
            return Err(WarcError::BadRecord {
                offset: start,
                message: "truncated body".into(),
            });
        }
        if resource {
            return Ok(Some(Some(WarcResponse {
                target_uri: uri,
                warc_date: date,
                status: 200,
                content_type: record_type,
                body,
            })));
        }
        let uri_s = uri.clone().unwrap_or_default();
        let resp = parse_http(&body).map_err(|message| WarcError::BadPayload {
            uri: uri_s,
            message,
        })?;
        let Some((status, ct, payload)) = resp else {
            return Ok(Some(None));
        };
        Ok(Some(Some(WarcResponse {
            target_uri: uri,
            warc_date: date,
            status,
            content_type: ct,
            body: payload,
        })))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<WarcResponse, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => continue,
                Ok(Some(Some(r))) => return Some(Ok(r)),
                Err(WarcError::Io(e)) => {
                    // A broken gzip stream or a read error cannot be resynchronised.
                    self.done = true;
                    return Some(Err(WarcError::Io(e)));
                }
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

/// Iterator over the HTML responses of an ARC file (the Internet Archive's format before WARC):
/// each record is a header line `URL IP DATE CONTENT-TYPE … LENGTH` and LENGTH bytes (an HTTP
/// response, or the document itself); the `filedesc://` record that opens the file is skipped.
pub struct ArcRecords<R: BufRead> {
    r: R,
    offset: u64,
    done: bool,
}

/// Opens an `.arc` or `.arc.gz` file (gzip recognised by its magic bytes).
pub fn open_arc(path: &Path) -> std::io::Result<ArcRecords<Box<dyn BufRead>>> {
    Ok(ArcRecords {
        r: open_maybe_gzip(path)?,
        offset: 0,
        done: false,
    })
}

/// Reads ARC records from bytes already in memory (plain or gzip).
pub fn read_arc_bytes(bytes: &[u8]) -> ArcRecords<Box<dyn BufRead + '_>> {
    ArcRecords {
        r: maybe_gzip(bytes),
        offset: 0,
        done: false,
    }
}

impl<R: BufRead> ArcRecords<R> {
    #[allow(clippy::type_complexity)]
    fn record(&mut self) -> Result<Option<Option<WarcResponse>>, WarcError> {
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = (&mut self.r)
                .take(MAX_LINE as u64)
                .read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(None);
            }
            self.offset += n as u64;
            if !line.ends_with(b"\n") && n >= MAX_LINE {
                return Err(WarcError::BadRecord {
                    offset: self.offset,
                    message: "header line too long".into(),
                });
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        let start = self.offset;
        let head = String::from_utf8_lossy(&line);
        let fields: Vec<&str> = head.split_whitespace().collect();
        let bad = |message: &str| WarcError::BadRecord {
            offset: start,
            message: message.to_string(),
        };
        if fields.len() < 5 {
            return Err(bad("not an ARC record header"));
        }
        let len: u64 = fields[fields.len() - 1]
            .parse()
            .map_err(|_| bad("no record length"))?;
        // Version 1 headers are `URL IP DATE TYPE LENGTH`, and a URL may hold spaces; version 2
        // headers have more fields after the type.
        let n = fields.len();
        let v1 = fields[n - 2].contains('/') && fields[n - 3].bytes().all(|b| b.is_ascii_digit());
        let (url, date, content_type) = if v1 {
            (fields[..n - 4].join(" "), fields[n - 3], fields[n - 2])
        } else {
            (fields[0].to_string(), fields[2], fields[3])
        };
        let url = url.as_str();
        if len > MAX_SKIP_BYTES {
            self.done = true;
            return Err(WarcError::TooLarge {
                offset: start,
                size: len,
                limit: MAX_SKIP_BYTES,
            });
        }
        if url.starts_with("filedesc:") || len > MAX_RECORD_BYTES {
            let mut sink = std::io::sink();
            let got = std::io::copy(&mut (&mut self.r).take(len), &mut sink)?;
            self.offset += got;
            if got < len {
                return Err(bad("truncated body"));
            }
            if url.starts_with("filedesc:") {
                return Ok(Some(None));
            }
            return Err(WarcError::TooLarge {
                offset: start,
                size: len,
                limit: MAX_RECORD_BYTES,
            });
        }
        let mut body = Vec::with_capacity(len.min(1 << 20) as usize);
        let got = (&mut self.r).take(len).read_to_end(&mut body)?;
        self.offset += got as u64;
        if (got as u64) < len {
            return Err(bad("truncated body"));
        }
        let date = Some(date.to_string());
        if body.starts_with(b"HTTP/") {
            let resp = parse_http(&body).map_err(|message| WarcError::BadPayload {
                uri: url.to_string(),
                message,
            })?;
            return Ok(Some(resp.map(|(status, ct, payload)| WarcResponse {
                target_uri: Some(url.to_string()),
                warc_date: date,
                status,
                content_type: ct,
                body: payload,
            })));
        }
        if !is_html_type(Some(content_type)) {
            return Ok(Some(None));
        }
        Ok(Some(Some(WarcResponse {
            target_uri: Some(url.to_string()),
            warc_date: date,
            status: 200,
            content_type: Some(content_type.to_string()),
            body,
        })))
    }
}

impl<R: BufRead> Iterator for ArcRecords<R> {
    type Item = Result<WarcResponse, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => continue,
                Ok(Some(Some(r))) => return Some(Ok(r)),
                // The record was read whole: the next one starts right after it.
                Err(e @ WarcError::BadPayload { .. }) => return Some(Err(e)),
                Err(e) => {
                    // ARC has no record marker to find again after a bad header or a read error.
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

fn is_html_type(ct: Option<&str>) -> bool {
    match ct {
        None => true,
        Some(c) => {
            let c = c.to_ascii_lowercase();
            c.contains("html") || c.trim().is_empty()
        }
    }
}

/// The HTTP status, content type and decoded payload of a response; `None` when the record is
/// not an HTML 2xx response.
#[allow(clippy::type_complexity)]
fn parse_http(block: &[u8]) -> Result<Option<(u16, Option<String>, Vec<u8>)>, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)))
        .ok_or("no end of HTTP headers")?;
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response: {:?}",
            status_line.chars().take(40).collect::<String>()
        ));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no HTTP status")?;
    let mut ct = None;
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ct = Some(v.trim().to_string()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    if !(200..300).contains(&status) || !is_html_type(ct.as_deref()) {
        return Ok(None);
    }
    let mut payload = block[head_end.1..].to_vec();
    if chunked {
        // Common Crawl stores payloads de-chunked but keeps the header; only de-chunk when the
        // payload really is chunked.
        if let Some(p) = dechunk(&payload) {
            payload = p;
        }
    }
    let payload = match encoding.as_str() {
        "" | "identity" | "none" | "utf-8" => payload,
        "gzip" | "x-gzip" => inflate(GzDecoder::new(&payload[..]), &payload)?,
        "deflate" => match inflate(ZlibDecoder::new(&payload[..]), &payload) {
            Ok(p) => p,
            Err(_) => inflate(DeflateDecoder::new(&payload[..]), &payload)?,
        },
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    Ok(Some((status, ct, payload)))
}

/// Undoes a content encoding with a cap on the output. Archives often store payloads already
/// decoded while keeping the header: a payload without the compressed stream's magic bytes
/// comes back unchanged.
fn inflate<D: Read>(d: D, raw: &[u8]) -> Result<Vec<u8>, String> {
    let looks_compressed =
        raw.starts_with(&[0x1f, 0x8b]) || raw.first().is_some_and(|b| *b == 0x78);
    if !looks_compressed {
        return Ok(raw.to_vec());
    }
    let mut out = Vec::new();
    match d.take(MAX_PAYLOAD_BYTES + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > MAX_PAYLOAD_BYTES => {
            Err(format!("payload inflates past {MAX_PAYLOAD_BYTES} bytes"))
        }
        Ok(_) => Ok(out),
        Err(e) => Err(format!("bad compressed payload: {e}")),
    }
}

fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let nl = find(&data[i..], b"\r\n")?;
        let size_s = std::str::from_utf8(&data[i..i + nl]).ok()?;
        let size = usize::from_str_radix(size_s.split(';').next()?.trim(), 16).ok()?;
        i += nl + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        if end > data.len() {
            return None;
        }
        out.extend_from_slice(&data[i..end]);
        i = end + 2;
        if i > data.len() {
            return Some(out);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use proptest::prelude::*;
    use std::io::Write;

    fn record(wtype: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-10T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(status: u16, ct: &str, body: &[u8]) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\n\r\n").into_bytes();
        h.extend_from_slice(body);
        h
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn reads_html_responses_and_skips_the_rest() {
        let mut w = record("warcinfo", "", b"software: x");
        w.extend(record(
            "request",
            "https://a.in/1",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "https://a.in/1",
            &http(200, "text/html; charset=utf-8", b"<p>one</p>"),
        ));
        w.extend(record(
            "response",
            "https://a.in/2",
            &http(404, "text/html", b"<p>gone</p>"),
        ));
        w.extend(record(
            "response",
            "https://a.in/3",
            &http(200, "image/jpeg", b"\xff\xd8"),
        ));
        w.extend(record(
            "response",
            "https://a.in/4",
            &http(200, "text/html", b"<p>four</p>"),
        ));
        let got: Vec<_> = read_warc_bytes(&w).collect();
        assert_eq!(got.len(), 2);
        let r0 = got[0].as_ref().unwrap();
        assert_eq!(r0.target_uri.as_deref(), Some("https://a.in/1"));
        assert_eq!(r0.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(r0.body, b"<p>one</p>");
        // The same through gzip, one member per record as Common Crawl writes them.
        let mut g = Vec::new();
        for _ in 0..3 {
            g.extend(gz(&record(
                "response",
                "https://a.in/1",
                &http(200, "text/html", b"<p>x</p>"),
            )));
        }
        assert_eq!(read_warc_bytes(&g).filter(|r| r.is_ok()).count(), 3);
    }

    #[test]
    fn bad_record_is_skipped_not_fatal() {
        let mut w = record(
            "response",
            "https://a.in/1",
            &http(200, "text/html", b"<p>one</p>"),
        );
        w.extend(b"WARC/1.0\r\nWARC-Type: response\r\n\r\ngarbage without length\r\n\r\n");
        w.extend(record("response", "https://a.in/bad", b"not http at all"));
        w.extend(record(
            "response",
            "https://a.in/2",
            &http(200, "text/html", b"<p>two</p>"),
        ));
        let got: Vec<_> = read_warc_bytes(&w).collect();
        let ok: Vec<_> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].body, b"<p>two</p>");
        assert!(got.iter().filter(|r| r.is_err()).count() >= 2);
    }

    #[test]
    fn truncated_file_gives_error_after_good_records() {
        let mut w = record(
            "response",
            "https://a.in/1",
            &http(200, "text/html", b"<p>one</p>"),
        );
        let second = record(
            "response",
            "https://a.in/2",
            &http(200, "text/html", &[b'x'; 500]),
        );
        w.extend_from_slice(&second[..200]);
        let got: Vec<_> = read_warc_bytes(&w).collect();
        assert!(got[0].is_ok());
        assert!(got[1].is_err());
        assert_eq!(got.len(), 2);
        // A truncated gzip stream too.
        let g = gz(&w);
        let got: Vec<_> = read_warc_bytes(&g[..g.len() / 2]).collect();
        assert!(got.iter().any(|r| r.is_err()));
    }

    #[test]
    fn gzip_bomb_payload_is_refused() {
        let big = vec![b'a'; (MAX_PAYLOAD_BYTES + 1024) as usize];
        let bomb = gz(&big);
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(&bomb);
        let mut w = record("response", "https://a.in/bomb", &block);
        w.extend(record(
            "response",
            "https://a.in/2",
            &http(200, "text/html", b"<p>two</p>"),
        ));
        let got: Vec<_> = read_warc_bytes(&w).collect();
        assert!(matches!(got[0], Err(WarcError::BadPayload { .. })));
        assert!(got[1].is_ok());
    }

    #[test]
    fn gzip_encoded_and_chunked_payloads() {
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(gz("<p>हिंदी</p>".as_bytes()));
        let got: Vec<_> = read_warc_bytes(&record("response", "u", &block)).collect();
        assert_eq!(got[0].as_ref().unwrap().body, "<p>हिंदी</p>".as_bytes());
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n4\r\nb</p\r\n1\r\n>\r\n0\r\n\r\n";
        let got: Vec<_> = read_warc_bytes(&record("response", "u", block)).collect();
        assert_eq!(got[0].as_ref().unwrap().body, b"<p>ab</p>");
    }

    #[test]
    fn resource_records_of_html_are_read() {
        let mut w = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://e.com/r\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 11\r\n\r\n<p>res</p>\n\r\n\r\n".to_vec();
        w.extend(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://e.com/i.png\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG\r\n\r\n");
        w.extend(record(
            "response",
            "https://a.in/2",
            &http(200, "text/html", b"<p>two</p>"),
        ));
        let got: Vec<_> = read_warc_bytes(&w).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        let r = got[0].as_ref().unwrap();
        assert_eq!(r.target_uri.as_deref(), Some("http://e.com/r"));
        assert_eq!(r.body, b"<p>res</p>\n");
        assert_eq!(r.status, 200);
        assert_eq!(got[1].as_ref().unwrap().body, b"<p>two</p>");
    }

    fn arc_record(url: &str, ct: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!("{url} 1.2.3.4 20140216050221 {ct} {}\n", body.len()).into_bytes();
        r.extend_from_slice(body);
        r.push(b'\n');
        r
    }

    #[test]
    fn arc_files_are_read_without_their_file_header() {
        let mut a = arc_record(
            "filedesc://x.arc",
            "text/plain",
            b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n",
        );
        a.extend(arc_record(
            "http://e.com/",
            "text/html",
            &http(200, "text/html", b"<p>one</p>"),
        ));
        a.extend(arc_record(
            "http://e.com/404",
            "text/html",
            &http(404, "text/html", b"no"),
        ));
        a.extend(arc_record("http://e.com/raw", "text/html", b"<p>raw</p>"));
        a.extend(arc_record("http://e.com/i.png", "image/png", b"\x89PNG"));
        let got: Vec<_> = read_arc_bytes(&a).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].as_ref().unwrap().body, b"<p>one</p>");
        assert_eq!(
            got[0].as_ref().unwrap().target_uri.as_deref(),
            Some("http://e.com/")
        );
        assert_eq!(got[1].as_ref().unwrap().body, b"<p>raw</p>");
        // gzip too; a truncated file is one error after the good records.
        assert_eq!(read_arc_bytes(&gz(&a)).filter(|r| r.is_ok()).count(), 2);
        let cut: Vec<_> = read_arc_bytes(&a[..a.len() - 3]).collect();
        assert!(cut.last().unwrap().is_err());
    }

    proptest! {
        #[test]
        fn arc_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let mut a = b"http://e.com/ 1.2.3.4 20140216050221 text/html 40\n".to_vec();
            a.extend(&bytes);
            for r in read_arc_bytes(&a).take(100) { let _ = r; }
            for r in read_arc_bytes(&bytes).take(100) { let _ = r; }
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let mut w = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n".to_vec();
            w.extend(&bytes);
            for r in read_warc_bytes(&w).take(100) { let _ = r; }
            for r in read_warc_bytes(&bytes).take(100) { let _ = r; }
        }
    }
}
