//! Charset detection and decoding of HTML bytes to UTF-8.
//!
//! Order of evidence: byte-order mark, the HTTP `Content-Type` charset, a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first 4 KiB (HTML5 prescan), then statistical
//! detection with `chardetng`. A declared charset that does not decode cleanly while UTF-8 does
//! is overruled (pages that claim `iso-8859-1` but are written in UTF-8 are common, and
//! Devanagari in such pages would otherwise become mojibake).

use encoding_rs::{Encoding, UTF_8};

/// How many bytes the `<meta>` prescan reads, as in the HTML5 spec (1024) with margin.
const PRESCAN: usize = 4096;

/// Decodes HTML bytes to a UTF-8 string. Never fails: invalid sequences become U+FFFD.
pub fn decode_html(bytes: &[u8], http_content_type: Option<&str>) -> String {
    let (enc, _why) = detect_encoding(bytes, http_content_type);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// Where the chosen encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    Bom,
    Http,
    Meta,
    Detected,
}

/// The encoding to decode `bytes` with, and which evidence chose it.
pub fn detect_encoding(
    bytes: &[u8],
    http_content_type: Option<&str>,
) -> (&'static Encoding, EncodingSource) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, EncodingSource::Bom);
    }
    let declared = http_content_type
        .and_then(charset_from_content_type)
        .map(|e| (e, EncodingSource::Http))
        .or_else(|| {
            meta_charset(&bytes[..bytes.len().min(PRESCAN)]).map(|e| (e, EncodingSource::Meta))
        });
    if let Some((enc, src)) = declared {
        // A page declared as UTF-8 (or as a single-byte charset) whose bytes are valid UTF-8
        // with some non-ASCII is UTF-8.
        if enc == UTF_8 {
            if std::str::from_utf8(bytes).is_ok() || !looks_like_other_than_utf8(bytes) {
                return (UTF_8, src);
            }
            return (sniff(bytes), EncodingSource::Detected);
        }
        if is_non_ascii_utf8(bytes) {
            return (UTF_8, EncodingSource::Detected);
        }
        return (enc, src);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, EncodingSource::Detected);
    }
    (sniff(bytes), EncodingSource::Detected)
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Feed a bounded prefix: detection quality saturates long before megabytes.
    let slice = &bytes[..bytes.len().min(1 << 20)];
    det.feed(slice, slice.len() == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// Valid UTF-8 with at least one multi-byte sequence.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    let prefix = &bytes[..bytes.len().min(1 << 20)];
    let valid = match std::str::from_utf8(prefix) {
        Ok(_) => true,
        // A cut at the end of the prefix is fine.
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > prefix.len(),
    };
    valid && prefix.iter().any(|&b| b >= 0x80)
}

/// Declared UTF-8 but mostly invalid: many invalid sequences among the non-ASCII bytes.
fn looks_like_other_than_utf8(bytes: &[u8]) -> bool {
    let prefix = &bytes[..bytes.len().min(1 << 20)];
    let mut invalid = 0usize;
    let mut rest = prefix;
    while let Err(e) = std::str::from_utf8(rest) {
        match e.error_len() {
            Some(n) => {
                invalid += 1;
                rest = &rest[e.valid_up_to() + n..];
            }
            None => break,
        }
    }
    let high = prefix.iter().filter(|&&b| b >= 0x80).count();
    invalid > 8 && invalid * 4 > high
}

/// The `charset=` parameter of a Content-Type value.
pub fn charset_from_content_type(ct: &str) -> Option<&'static Encoding> {
    let lower = ct.to_ascii_lowercase();
    let pos = lower.find("charset")?;
    let rest = lower[pos + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace())
        .unwrap_or(rest.len());
    let label = &rest[..end];
    // An HTML page cannot really be UTF-16 when read as a byte stream without a BOM.
    Encoding::for_label(label.as_bytes()).map(|e| e.output_encoding())
}

/// HTML5-style prescan for `<meta charset=…>` and `<meta http-equiv=content-type content=…>`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut i = 0;
    while let Some(off) = find(&lower[i..], b"<meta") {
        let start = i + off + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        let tag = &lower[start..end];
        if let Some(p) = find(tag, b"charset") {
            let s = String::from_utf8_lossy(&tag[p..]);
            if let Some(enc) = charset_from_attr(&s) {
                return Some(enc);
            }
        }
        i = end.max(start);
        if i >= lower.len() {
            break;
        }
    }
    None
}

fn charset_from_attr(s: &str) -> Option<&'static Encoding> {
    // `charset="utf-8"` or `content="text/html; charset=utf-8"`: both forms end up here.
    let rest = s.strip_prefix("charset")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end]).map(|e| e.output_encoding())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<meta charset=latin1>नमस्ते".as_bytes());
        assert!(decode_html(&b, Some("text/html; charset=iso-8859-1")).contains("नमस्ते"));
    }

    #[test]
    fn http_header_charset() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("<p>café</p>");
        assert_eq!(
            decode_html(&bytes, Some("text/html; charset=windows-1252")),
            "<p>café</p>"
        );
    }

    #[test]
    fn meta_charset_prescan() {
        let (body, _, _) = encoding_rs::SHIFT_JIS.encode("<p>日本語のテキスト</p>");
        let mut b = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head>".to_vec();
        b.extend_from_slice(&body);
        assert!(decode_html(&b, None).contains("日本語のテキスト"));
        let mut b = b"<meta charset='shift_jis'>".to_vec();
        b.extend_from_slice(&body);
        assert!(decode_html(&b, None).contains("日本語のテキスト"));
    }

    #[test]
    fn wrong_declared_charset_is_overruled_by_valid_utf8() {
        let html = "<meta charset=\"iso-8859-1\"><p>प्रधानमंत्री ने कहा</p>";
        assert!(decode_html(html.as_bytes(), None).contains("प्रधानमंत्री ने कहा"));
        assert!(
            decode_html(html.as_bytes(), Some("text/html; charset=latin1")).contains("प्रधानमंत्री")
        );
    }

    #[test]
    fn undeclared_legacy_is_detected() {
        let text = "<p>Le gouvernement français a annoncé mercredi une série de mesures économiques pour \
                    soutenir les entreprises touchées par la crise énergétique, a déclaré le ministre.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode_html(&bytes, None), text);
    }

    #[test]
    fn declared_utf8_but_latin1_bytes() {
        let text = "<meta charset=utf-8><p>Réunion à Genève: les délégués étaient très préoccupés, \
                    déclarait-on après la séance, où l'on évoqua également les intérêts français.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode_html(&bytes, None), text);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), ct in "[ -~]{0,40}") {
            let _ = decode_html(&bytes, Some(&ct));
        }

        #[test]
        fn utf8_roundtrips(s in "\\PC{0,200}") {
            prop_assert_eq!(decode_html(s.as_bytes(), None), s);
        }
    }
}
