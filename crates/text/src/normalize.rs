//! Display normalisation and search keys.

use unicode_normalization::UnicodeNormalization;

/// Normalise text for display and storage: NFC; zero-width characters, BOM and soft hyphens
/// removed; every kind of space (NBSP and others) becomes a plain space; line breaks kept.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            '\r' => {}
            '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
            | '\u{3000}' | '\t' => out.push(' '),
            '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// A search key for one word: what Hindi writers vary freely is folded, Latin is lowercased.
pub fn search_key(word: &str) -> String {
    normalize(word).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_and_spaces() {
        assert_eq!(normalize("a\u{00A0}b\u{200B}c\u{FEFF}"), "a bc");
        assert_eq!(normalize("x\r\ny"), "x\ny");
    }
}
