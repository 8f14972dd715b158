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

/// The byte stream under both record formats: lines, skips and bodies, with the offset kept.
struct Stream<R: BufRead> {
    r: R,
    offset: u64,
}

/// What reading one record gave: the end of the input, a record passed over, or a response.
enum Record {
    End,
    Skipped,
    Response(WarcResponse),
}

impl<R: BufRead> Stream<R> {
    /// One line as read (line end included); `None` at end of input.
    fn raw_line(&mut self) -> Result<Option<Vec<u8>>, WarcError> {
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
        Ok(Some(buf))
    }

    /// Skips `n` bytes; false when the input ended first.
    fn skip(&mut self, n: u64) -> Result<bool, WarcError> {
        let got = std::io::copy(&mut (&mut self.r).take(n), &mut std::io::sink())?;
        self.offset += got;
        Ok(got == n)
    }

    /// The next `len` bytes; `None` when the input ended first.
    fn body(&mut self, len: u64) -> Result<Option<Vec<u8>>, WarcError> {
        // Memory follows what arrives, not what the record claims: a header claiming a megabyte
        // before a few bytes and the end reserves no megabyte (`read_to_end` grows the buffer).
        let mut body = Vec::with_capacity(len.min(BODY_RESERVE) as usize);
        let got = (&mut self.r).take(len).read_to_end(&mut body)?;
        self.offset += got as u64;
        Ok(((got as u64) == len).then_some(body))
    }
}

/// Bytes reserved for a body before it is read (the rest as it arrives).
const BODY_RESERVE: u64 = 8 * 1024;

/// A record claiming more than [`MAX_SKIP_BYTES`] is taken as a broken file: one error, and
/// the reading ends.
fn check_length(done: &mut bool, start: u64, len: u64) -> Result<(), WarcError> {
    if len > MAX_SKIP_BYTES {
        *done = true;
        return Err(WarcError::TooLarge {
            offset: start,
            size: len,
            limit: MAX_SKIP_BYTES,
        });
    }
    Ok(())
}

fn truncated(offset: u64) -> WarcError {
    WarcError::BadRecord {
        offset,
        message: "truncated body".into(),
    }
}

/// Iterator over the HTML responses of a WARC or ARC stream.
pub struct Records<R: BufRead> {
    s: Stream<R>,
    done: bool,
    arc: bool,
}

/// The HTML responses of a WARC stream.
pub type WarcRecords<R> = Records<R>;

/// The HTML responses of an ARC file (the Internet Archive's format before WARC): each record is
/// a header line `URL IP DATE CONTENT-TYPE … LENGTH` and LENGTH bytes (an HTTP response, or the
/// document itself); the `filedesc://` record that opens the file is skipped.
pub type ArcRecords<R> = Records<R>;

impl<R: BufRead> Records<R> {
    /// Reads WARC records from `r`.
    pub fn new(r: R) -> Self {
        Records {
            s: Stream { r, offset: 0 },
            done: false,
            arc: false,
        }
    }

    /// Reads ARC records from `r`.
    pub fn new_arc(r: R) -> Self {
        Records {
            arc: true,
            ..Records::new(r)
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<WarcResponse, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = if self.arc {
                arc_record(&mut self.s, &mut self.done)
            } else {
                warc_record(&mut self.s, &mut self.done)
            };
            match read {
                Ok(Record::End) => self.done = true,
                Ok(Record::Skipped) => continue,
                Ok(Record::Response(r)) => return Some(Ok(r)),
                Err(e) => {
                    // A read error (a broken gzip stream) cannot be resynchronised. After a bad
                    // WARC record the reader looks for the next `WARC/` line; an ARC record read
                    // whole (a bad HTTP payload) leaves the next one right after it, but ARC has
                    // no record marker to find again after a bad header.
                    let recoverable = if self.arc {
                        matches!(e, WarcError::BadPayload { .. })
                    } else {
                        !matches!(e, WarcError::Io(_))
                    };
                    self.done |= !recoverable;
                    return Some(Err(e));
                }
            }
        }
        None
    }
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

/// One line of a WARC header, without its line end; `None` at end of input.
fn warc_line<R: BufRead>(s: &mut Stream<R>) -> Result<Option<Vec<u8>>, WarcError> {
    let mut line = s.raw_line()?;
    if let Some(buf) = &mut line {
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
    }
    Ok(line)
}

/// Reads one WARC record.
fn warc_record<R: BufRead>(s: &mut Stream<R>, done: &mut bool) -> Result<Record, WarcError> {
    // Find the version line, skipping blank lines and garbage (resynchronisation).
    let start;
    loop {
        let Some(l) = warc_line(s)? else {
            return Ok(Record::End);
        };
        if l.starts_with(b"WARC/") {
            start = s.offset;
            break;
        }
    }
    let mut length: Option<u64> = None;
    let mut wtype = String::new();
    let mut uri = None;
    let mut date = None;
    let mut record_type = None;
    loop {
        let Some(l) = warc_line(s)? else {
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
    check_length(done, start, len)?;
    if !wanted || len > MAX_RECORD_BYTES {
        if !s.skip(len)? {
            return Err(truncated(start));
        }
        if wanted {
            return Err(WarcError::TooLarge {
                offset: start,
                size: len,
                limit: MAX_RECORD_BYTES,
            });
        }
        return Ok(Record::Skipped);
    }
    let body = s.body(len)?.ok_or_else(|| truncated(start))?;
    if resource {
        return Ok(Record::Response(WarcResponse {
            target_uri: uri,
            warc_date: date,
            status: 200,
            content_type: record_type,
            body,
        }));
    }
    http_response(&body, uri, date)
}

/// A record's HTTP response as a [`WarcResponse`]; skipped when not an HTML 2xx response.
fn http_response(
    block: &[u8],
    uri: Option<String>,
    date: Option<String>,
) -> Result<Record, WarcError> {
    let resp = parse_http(block).map_err(|message| WarcError::BadPayload {
        uri: uri.clone().unwrap_or_default(),
        message,
    })?;
    Ok(match resp {
        None => Record::Skipped,
        Some((status, ct, payload)) => Record::Response(WarcResponse {
            target_uri: uri,
            warc_date: date,
            status,
            content_type: ct,
            body: payload,
        }),
    })
}

/// Opens an `.arc` or `.arc.gz` file (gzip recognised by its magic bytes).
pub fn open_arc(path: &Path) -> std::io::Result<ArcRecords<Box<dyn BufRead>>> {
    Ok(Records::new_arc(open_maybe_gzip(path)?))
}

/// Reads ARC records from bytes already in memory (plain or gzip).
pub fn read_arc_bytes(bytes: &[u8]) -> ArcRecords<Box<dyn BufRead + '_>> {
    Records::new_arc(maybe_gzip(bytes))
}

/// Reads one ARC record.
fn arc_record<R: BufRead>(s: &mut Stream<R>, done: &mut bool) -> Result<Record, WarcError> {
    let line = loop {
        let Some(line) = s.raw_line()? else {
            return Ok(Record::End);
        };
        if !line.iter().all(u8::is_ascii_whitespace) {
            break line;
        }
    };
    let start = s.offset;
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
    check_length(done, start, len)?;
    let filedesc = url.starts_with("filedesc:");
    if filedesc || len > MAX_RECORD_BYTES {
        if !s.skip(len)? {
            return Err(truncated(start));
        }
        if filedesc {
            return Ok(Record::Skipped);
        }
        return Err(WarcError::TooLarge {
            offset: start,
            size: len,
            limit: MAX_RECORD_BYTES,
        });
    }
    let body = s.body(len)?.ok_or_else(|| truncated(start))?;
    let date = Some(date.to_string());
    if body.starts_with(b"HTTP/") {
        return http_response(&body, Some(url), date);
    }
    if !is_html_type(Some(content_type)) {
        return Ok(Record::Skipped);
    }
    Ok(Record::Response(WarcResponse {
        target_uri: Some(url),
        warc_date: date,
        status: 200,
        content_type: Some(content_type.to_string()),
        body,
    }))
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

    #[test]
    fn a_body_is_read_as_it_arrives_whatever_its_record_claims() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        // Longer than the first reservation: read whole.
        let mut s = Stream {
            r: &bytes[..],
            offset: 0,
        };
        assert_eq!(s.body(100_000).unwrap().as_deref(), Some(&bytes[..]));
        assert_eq!(s.offset, 100_000);
        // A claim far past what arrives: a truncated body, its bytes counted.
        let mut s = Stream {
            r: &bytes[..10],
            offset: 0,
        };
        assert_eq!(s.body(u64::MAX).unwrap(), None);
        assert_eq!(s.offset, 10);
    }
    use flate2::Compression;
    use proptest::prelude::*;
    use std::io::Write;

    fn record(wtype: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        typed_record(wtype, uri, None, block)
    }

    /// A WARC record, with a `Content-Type` header when `ct` is given.
    fn typed_record(wtype: &str, uri: &str, ct: Option<&str>, block: &[u8]) -> Vec<u8> {
        let ct = ct
            .map(|c| format!("Content-Type: {c}\r\n"))
            .unwrap_or_default();
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-10T10:00:00Z\r\n{ct}Content-Length: {}\r\n\r\n",
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

    /// One generated record: (kind 0 response / 1 resource / 2 request, HTML or not, status
    /// 200 or 404, body) in both formats, and what the reader must give for it.
    fn generated(
        i: usize,
        (kind, html, ok, body): &(u8, bool, bool, Vec<u8>),
    ) -> (Vec<u8>, Vec<u8>, Option<Vec<u8>>) {
        let uri = format!("http://e.com/{i}");
        let ct = if *html { "text/html" } else { "image/png" };
        let status = if *ok { 200 } else { 404 };
        let (warc, arc, want) = match kind % 3 {
            0 => {
                let block = http(status, ct, body);
                let want = (*html && *ok).then(|| body.clone());
                (
                    record("response", &uri, &block),
                    arc_record(&uri, ct, &block),
                    want,
                )
            }
            1 => {
                let w = typed_record("resource", &uri, Some(ct), body);
                // An ARC record without an HTTP envelope is the document itself.
                let raw = !body.starts_with(b"HTTP/");
                let want = (*html && raw).then(|| body.clone());
                (w, arc_record(&uri, ct, body), want)
            }
            _ => {
                let block = b"GET / HTTP/1.1\r\n\r\n".to_vec();
                (record("request", &uri, &block), Vec::new(), None)
            }
        };
        (warc, arc, want)
    }

    proptest! {
        #[test]
        fn every_record_is_read_in_both_formats(
            recs in proptest::collection::vec(
                (0u8..3, any::<bool>(), any::<bool>(), proptest::collection::vec(any::<u8>(), 0..200)),
                0..12,
            ),
            gzip in any::<bool>(),
        ) {
            let (mut warc, mut arc, mut want) = (Vec::new(), Vec::new(), Vec::new());
            for (i, r) in recs.iter().enumerate() {
                let (w, a, body) = generated(i, r);
                warc.extend(w);
                arc.extend(a);
                // A request record has no ARC form and gives nothing in either.
                want.extend(body.map(|b| (format!("http://e.com/{i}"), b)));
            }
            let (warc, arc) = if gzip { (gz(&warc), gz(&arc)) } else { (warc, arc) };
            for (name, got) in [
                ("warc", read_warc_bytes(&warc).collect::<Vec<_>>()),
                ("arc", read_arc_bytes(&arc).collect::<Vec<_>>()),
            ] {
                let got: Vec<(String, Vec<u8>)> = got
                    .into_iter()
                    .map(|r| r.map(|r| (r.target_uri.unwrap_or_default(), r.body)))
                    .collect::<Result<_, _>>()
                    .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
                prop_assert_eq!(&got, &want, "{}", name);
            }
        }

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
