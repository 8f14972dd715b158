#![allow(dead_code)]
//! Re-encodings of fuzz input shared by the targets: the first byte chooses one, the rest is
//! the document (read as UTF-8, lossily).

fn encode(text: &str, how: u8) -> Vec<u8> {
    match how % 7 {
        0 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        1 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        2 => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        3 => text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect(),
        4 => [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(text.chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect(),
        5 => {
            let (b, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            b.into_owned()
        }
        _ => text.as_bytes().to_vec(),
    }
}

const CHARSETS: [&str; 7] = [
    "utf-16",
    "utf-16le",
    "UTF-16BE",
    "utf-32",
    "windows-1252",
    "koi8-r",
    "bogus-charset",
];

/// `None` for first bytes that mean "as it is".
pub fn xml_variant(data: &[u8]) -> Option<Vec<u8>> {
    let (&sel, rest) = data.split_first()?;
    if sel < 0x80 {
        return None;
    }
    let body = String::from_utf8_lossy(rest);
    let label = CHARSETS[(sel as usize >> 3) % CHARSETS.len()];
    let doc = format!("<?xml version=\"1.0\" encoding=\"{label}\"?>{body}");
    Some(encode(&doc, sel))
}

pub fn html_variant(data: &[u8]) -> Option<Vec<u8>> {
    let (&sel, rest) = data.split_first()?;
    if sel < 0x80 {
        return None;
    }
    let body = String::from_utf8_lossy(rest);
    let label = CHARSETS[(sel as usize >> 3) % CHARSETS.len()];
    let doc = format!("<meta charset=\"{label}\">{body}");
    Some(encode(&doc, sel))
}
