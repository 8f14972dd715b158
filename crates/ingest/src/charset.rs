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
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return (UTF_8, EncodingSource::Detected);
    }
    (sniff(bytes), EncodingSource::Detected)
}

/// Undeclared bytes that are UTF-8 apart from a few broken sequences: at least
/// [`UTF8_PER_ERROR`] well-formed multi-byte characters for every invalid sequence. A legacy
/// encoding's non-ASCII bytes form a well-formed UTF-8 sequence only by chance (a windows-1252
/// letter is followed by ASCII; in GBK or EUC-KR about one character in seven pairs up as
/// UTF-8), so such bytes are a UTF-8 page with damage (a cut, a stray legacy byte), which the
/// detector, ruling UTF-8 out at its first error, would read as a legacy charset and turn every
/// character into two or three wrong ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (multibyte, invalid) = utf8_tally(&bytes[..bytes.len().min(1 << 20)]);
    invalid > 0 && multibyte >= UTF8_PER_ERROR * invalid
}

/// Well-formed multi-byte characters per invalid sequence that make damaged bytes UTF-8
/// ([`mostly_utf8`]).
const UTF8_PER_ERROR: usize = 4;

/// Well-formed multi-byte characters and invalid sequences of `bytes` (a sequence cut by the end
/// of `bytes` is neither).
fn utf8_tally(bytes: &[u8]) -> (usize, usize) {
    let mut multibyte = 0;
    let mut invalid = 0;
    let mut rest = bytes;
    loop {
        let (valid, after) = match std::str::from_utf8(rest) {
            Ok(_) => (rest, None),
            Err(e) => (
                &rest[..e.valid_up_to()],
                e.error_len().map(|n| &rest[e.valid_up_to() + n..]),
            ),
        };
        // Lead bytes of multi-byte characters (continuation bytes are 0x80..=0xBF).
        multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
        match after {
            Some(next) => {
                invalid += 1;
                rest = next;
            }
            None => return (multibyte, invalid),
        }
    }
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
    let (_, invalid) = utf8_tally(prefix);
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

/// The encoding of an XML document's bytes, as XML 1.0 appendix F finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlEncoding {
    Utf32Be,
    Utf32Le,
    /// Any encoding `encoding_rs` knows (UTF-8, UTF-16, the legacy single- and multi-byte ones).
    Other(&'static Encoding),
}

/// XML bytes in any encoding a feed is sent in (UTF-8/16/32 with or without a byte-order mark,
/// or the charset its declaration names) → UTF-8 text, without the byte-order mark and without
/// the XML declaration, so that an XML reader sees plain UTF-8 whatever the original said.
/// Never fails: invalid sequences become U+FFFD.
pub fn decode_xml(bytes: &[u8]) -> String {
    let (enc, skip) = detect_xml_encoding(bytes);
    let body = &bytes[skip..];
    let text = match enc {
        XmlEncoding::Utf32Be => decode_utf32(body, u32::from_be_bytes),
        XmlEncoding::Utf32Le => decode_utf32(body, u32::from_le_bytes),
        XmlEncoding::Other(e) => e.decode_without_bom_handling(body).0.into_owned(),
    };
    strip_xml_declaration(text)
}

/// The encoding of XML bytes and the length of their byte-order mark.
pub fn detect_xml_encoding(bytes: &[u8]) -> (XmlEncoding, usize) {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    let head = |n: usize| &bytes[..bytes.len().min(n)];
    match head(4) {
        [0, 0, 0xFE, 0xFF] => return (XmlEncoding::Utf32Be, 4),
        [0xFF, 0xFE, 0, 0] => return (XmlEncoding::Utf32Le, 4),
        [0, 0, 0, b'<'] => return (XmlEncoding::Utf32Be, 0),
        [b'<', 0, 0, 0] => return (XmlEncoding::Utf32Le, 0),
        _ => {}
    }
    match head(3) {
        [0xEF, 0xBB, 0xBF] => return (XmlEncoding::Other(UTF_8), 3),
        [0xFE, 0xFF, ..] => return (XmlEncoding::Other(UTF_16BE), 2),
        [0xFF, 0xFE, ..] => return (XmlEncoding::Other(UTF_16LE), 2),
        _ => {}
    }
    // Without a mark, the first characters are ASCII (`<?xml` or whitespace and `<`): their
    // zero bytes tell UTF-16 apart.
    let h = head(4);
    if h.len() == 4 && h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0 {
        return (XmlEncoding::Other(UTF_16BE), 0);
    }
    if h.len() == 4 && h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0 {
        return (XmlEncoding::Other(UTF_16LE), 0);
    }
    // ASCII-compatible: the declaration names the charset; a declared UTF-16/32 cannot be
    // right for bytes read as ASCII here, and is taken as UTF-8.
    let declared = xml_declared_encoding(head(512)).and_then(|label| {
        let l = label.to_ascii_lowercase();
        if l.starts_with("utf-16") || l.starts_with("utf-32") || l.starts_with("ucs") {
            return None;
        }
        Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(e) if e != UTF_8 => {
            if is_non_ascii_utf8(bytes) {
                (XmlEncoding::Other(UTF_8), 0)
            } else {
                (XmlEncoding::Other(e.output_encoding()), 0)
            }
        }
        _ if std::str::from_utf8(bytes).is_ok() => (XmlEncoding::Other(UTF_8), 0),
        _ => {
            let (enc, _) = detect_encoding(bytes, None);
            (XmlEncoding::Other(enc), 0)
        }
    }
}

/// The `encoding="…"` of an XML declaration at the start of `head` (ASCII-compatible bytes).
fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &head[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = find(rest, b"?>")?;
    let decl = std::str::from_utf8(&rest[..end]).ok()?;
    let at = decl.find("encoding")?;
    let after = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    let close = value.find(quote)?;
    Some(value[..close].trim().to_string())
}

fn decode_utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> String {
    let mut out = String::with_capacity(bytes.len() / 4);
    let mut chunks = bytes.chunks_exact(4);
    for c in &mut chunks {
        let v = read([c[0], c[1], c[2], c[3]]);
        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
    }
    if !chunks.remainder().is_empty() {
        out.push('\u{FFFD}');
    }
    out
}

/// Text without a leading byte-order mark and without XML declarations (`<?xml … ?>`): the
/// one at the start, and any later one (never legal there, and an XML reader may try to switch
/// encodings when it meets one: quick-xml panics on `encoding="big5"` met mid-document).
fn strip_xml_declaration(text: String) -> String {
    let t = text.trim_start_matches('\u{feff}');
    if !t.contains("<?xml") {
        return if t.len() == text.len() {
            text
        } else {
            t.to_string()
        };
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(at) = rest.find("<?xml") {
        let after = &rest[at + "<?xml".len()..];
        // `<?xml-stylesheet …?>` and other targets that merely start with `xml` stay.
        let is_decl = after.starts_with(|c: char| c.is_ascii_whitespace() || c == '?');
        match after.find("?>").filter(|_| is_decl) {
            Some(end) => {
                out.push_str(&rest[..at]);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[..at + "<?xml".len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn undeclared_utf8_with_a_few_broken_bytes_is_read_as_utf8() {
        let text = "<p>प्रधानमंत्री ने कहा कि बाढ़ से प्रभावित जिलों में राहत कार्य तेज किए जाएंगे।</p>";
        // A stray byte between two characters, and a character cut short (its last byte lost).
        let mut b = text.as_bytes().to_vec();
        b.insert(3, 0xFF);
        let at = text.find("राहत").map_or(0, |i| i + 1);
        b.remove(at + 1);
        let d = decode_html(&b, None);
        assert!(d.contains("बाढ़ से प्रभावित जिलों में"), "{d}");
        assert!(d.contains("कार्य तेज किए जाएंगे।"), "{d}");
        assert_eq!(d.matches('\u{FFFD}').count(), 2, "{d}");
        // Before: the detector ruled UTF-8 out at the first error and read a legacy charset.
        assert_ne!(sniff(&b), UTF_8);
    }

    #[test]
    fn legacy_text_is_never_taken_for_damaged_utf8() {
        use encoding_rs::*;
        let samples: [(&'static Encoding, &str); 9] = [
            (WINDOWS_1252, "Réunion à Genève: les délégués étaient très préoccupés, déclarait-on après la séance « ça suffit » — où l'on évoqua également les intérêts français."),
            (WINDOWS_1250, "Vláda České republiky dnes oznámila, že příští týden představí nový zákon o státním rozpočtu."),
            (WINDOWS_1251, "Правительство сообщило сегодня, что на следующей неделе будет представлен новый закон о бюджете."),
            (ISO_8859_7, "Η κυβέρνηση ανακοίνωσε σήμερα ότι την επόμενη εβδομάδα θα παρουσιάσει νέο νόμο για τον προϋπολογισμό."),
            (WINDOWS_1256, "أعلنت الحكومة اليوم أنها ستقدم الأسبوع المقبل قانونا جديدا للميزانية العامة للدولة."),
            (GBK, "国务院新闻办公室今天举行新闻发布会，介绍今年前三季度国民经济运行情况，并回答记者提问。"),
            (BIG5, "國務院新聞辦公室今天舉行新聞發布會，介紹今年前三季度國民經濟運行情況，並回答記者提問。"),
            (EUC_KR, "정부는 오늘 다음 주에 새로운 예산 법안을 발표할 것이라고 밝혔다. 국회는 이를 검토할 예정이다."),
            (SHIFT_JIS, "政府は本日、来週新しい予算法案を発表すると明らかにした。国会はこれを審議する予定である。"),
        ];
        for (enc, text) in samples {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{}", enc.name());
            assert!(!mostly_utf8(&bytes), "{}", enc.name());
        }
    }

    /// [`utf8_tally`] by another route: the standard library's chunks of valid and invalid bytes.
    fn tally_by_chunks(bytes: &[u8]) -> (usize, usize) {
        let chunks: Vec<_> = bytes.utf8_chunks().collect();
        let multibyte = chunks
            .iter()
            .map(|c| c.valid().chars().filter(|c| c.len_utf8() > 1).count())
            .sum();
        let mut invalid = chunks.iter().filter(|c| !c.invalid().is_empty()).count();
        // A sequence cut by the end is the last chunk's invalid part, and a prefix of a valid one.
        if let Some(last) = chunks.last() {
            let tail = last.invalid();
            if !tail.is_empty() && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none())
            {
                invalid -= 1;
            }
        }
        (multibyte, invalid)
    }

    proptest! {
        #[test]
        fn utf8_tally_counts_like_the_standard_chunks(
            parts in proptest::collection::vec(("\\PC{0,12}", proptest::collection::vec(128u8..=255, 0..3)), 0..12)
        ) {
            let mut bytes = Vec::new();
            for (text, junk) in &parts {
                bytes.extend_from_slice(text.as_bytes());
                bytes.extend_from_slice(junk);
            }
            prop_assert_eq!(utf8_tally(&bytes), tally_by_chunks(&bytes));
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), ct in "[ -~]{0,40}") {
            let _ = decode_html(&bytes, Some(&ct));
        }

        #[test]
        fn utf8_roundtrips(s in "\\PC{0,200}") {
            prop_assert_eq!(decode_html(s.as_bytes(), None), s);
        }
    }

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if be { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    fn utf32(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if be {
                [0, 0, 0xFE, 0xFF]
            } else {
                [0xFF, 0xFE, 0, 0]
            });
        }
        for c in s.chars() {
            let u = c as u32;
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn xml_in_every_unicode_form_decodes_to_the_same_text() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<rss><title>बाढ़ é</title></rss>";
        let want = "\n<rss><title>बाढ़ é</title></rss>";
        for be in [true, false] {
            for bom in [true, false] {
                assert_eq!(
                    decode_xml(&utf16(doc, be, bom)),
                    want,
                    "utf-16 be={be} bom={bom}"
                );
                assert_eq!(
                    decode_xml(&utf32(doc, be, bom)),
                    want,
                    "utf-32 be={be} bom={bom}"
                );
            }
        }
        assert_eq!(decode_xml(doc.as_bytes()), want);
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(doc.as_bytes());
        assert_eq!(decode_xml(&bom8), want);
    }

    #[test]
    fn declarations_later_in_the_document_are_dropped_too() {
        let doc = "<?xml version=\"1.0\"?><feed><?xml version=\"1.0\" encoding=\"big5\"?><a/><?xml-stylesheet href=\"s.css\"?></feed>";
        assert_eq!(
            decode_xml(doc.as_bytes()),
            "<feed><a/><?xml-stylesheet href=\"s.css\"?></feed>"
        );
        // An unclosed one stays as it is (the XML reader reports it).
        assert_eq!(decode_xml(b"<a><?xml x"), "<a><?xml x");
    }

    #[test]
    fn xml_declared_legacy_charset() {
        let mut doc = b"<?xml version='1.0' encoding='iso-8859-1'?><rss><title>caf".to_vec();
        doc.extend(b"\xe9</title></rss>");
        assert_eq!(decode_xml(&doc), "<rss><title>café</title></rss>");
        // KOI8-R, declared.
        let (koi, _, _) = encoding_rs::KOI8_R.encode("Привет");
        let mut doc = b"<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>".to_vec();
        doc.extend(koi.iter());
        doc.extend(b"</t>");
        assert_eq!(decode_xml(&doc), "<t>Привет</t>");
        // No declaration: UTF-8 as it is.
        assert_eq!(decode_xml("<t>ठीक</t>".as_bytes()), "<t>ठीक</t>");
    }

    proptest! {
        #[test]
        fn decode_xml_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode_xml(&bytes);
        }

        #[test]
        fn decode_xml_roundtrips_unicode_forms(s in "[^\u{feff}]{0,80}", be in any::<bool>(), bom in any::<bool>()) {
            let doc = format!("<?xml version=\"1.0\"?><t>{s}</t>");
            let want = format!("<t>{s}</t>");
            prop_assert_eq!(&decode_xml(&utf16(&doc, be, bom)), &want);
            prop_assert_eq!(&decode_xml(&utf32(&doc, be, bom)), &want);
            prop_assert_eq!(&decode_xml(doc.as_bytes()), &want);
        }
    }
}
