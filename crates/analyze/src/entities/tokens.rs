//! The linker's tokens: the article's words with their search keys, an English possessive cut
//! off (`Trump’s` → `Trump`), and what lies between two tokens (one name, a title's gap, a
//! hyphen).

use super::*;

/// One token of the article.
#[derive(Debug)]
pub(super) struct Tok<'a> {
    pub(super) span: Span,
    pub(super) text: &'a str,
    /// The word's [`search_key`]: the document's, or its own when a possessive was cut off.
    pub(super) key: &'a str,
    /// [`EntityLinker::word_is_name_like`] of the word, read once (it is asked many times).
    pub(super) name_like: bool,
}

pub(super) fn token_keys_of(s: &str) -> Vec<String> {
    word_iter(s).map(|t| search_key(t.text)).collect()
}

/// A Latin letter and no Devanagari letter. Read on the bytes: a Devanagari letter (U+0900 to
/// U+097F) is `E0 A4 xx` or `E0 A5 xx` in UTF-8, and `E0` only ever leads a character.
pub(super) fn is_latin(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(u8::is_ascii_alphabetic)
        && !b
            .windows(2)
            .any(|w| w[0] == 0xE0 && (w[1] == 0xA4 || w[1] == 0xA5))
}

pub(super) fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097F}').contains(&c)
}

/// English endings cut from a word before lookup (possessives and contractions).
pub(super) const POSSESSIVE_ENDS: [&str; 16] = [
    "'s", "’s", "'S", "’S", "'d", "’d", "'m", "’m", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'",
    "’",
];

/// A token without an English possessive or clitic ending (`Trump’s`, `Obama's`, `states'`,
/// `I’d`): the name is what is looked up and shown.
pub(super) fn without_possessive(span: Span, word: &str) -> (Span, &str) {
    // Every ending of [`POSSESSIVE_ENDS`] ends in one of these bytes (`’` is `E2 80 99`) and
    // holds an apostrophe: most words are let through without trying them all.
    if !word
        .as_bytes()
        .last()
        .is_some_and(|b| matches!(b, b's' | b'S' | b'd' | b'm' | b'l' | b'e' | b'\'' | 0x99))
        || !has_apostrophe(word.as_bytes())
    {
        return (span, word);
    }
    cut_possessive(span, word)
}

/// Whether the bytes hold `'` or `’` (`E2 80 99`).
pub(super) fn has_apostrophe(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| {
        c == b'\'' || (c == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99))
    })
}

/// [`without_possessive`] without its quick tests.
pub(super) fn cut_possessive(span: Span, word: &str) -> (Span, &str) {
    if !is_latin(word) {
        return (span, word);
    }
    for end in POSSESSIVE_ENDS {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.chars().count() >= 1 {
                return (Span::new(span.start, span.start + stem.len()), stem);
            }
        }
    }
    (span, word)
}

/// Whether two consecutive tokens belong to one name: only spaces, a hyphen or the dot of an
/// initial between them, on one line.
pub(super) fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    let Some(gap) = text.get(a.span.end..b.span.start) else {
        return false;
    };
    let initial = a.text.chars().count() <= 2;
    gap.len() <= 4
        && gap
            .chars()
            .all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '‐' | '‑') || (c == '.' && initial))
}

/// The gap between a title and the name after it may also hold a comma
/// (`राष्ट्रपति, कसीम-जोमार्ट टोकायव`).
pub(super) fn cue_gap(text: &str, a: &Tok, b: &Tok) -> bool {
    let Some(gap) = text.get(a.span.end..b.span.start) else {
        return false;
    };
    gap.len() <= 4 && gap.chars().all(|c| matches!(c, ' ' | '\u{a0}' | ',' | '.'))
}

/// Whether a hyphen ties token `i` to the one before it (`अल्मा-अता`).
pub(super) fn hyphen_before(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && i < toks.len()
        && text
            .get(toks[i - 1].span.end..toks[i].span.start)
            .is_some_and(|g| matches!(g, "-" | "‐" | "‑"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::*;

    proptest::proptest! {
        #[test]
        fn possessives_cut_as_without_the_quick_test(w in "[a-zA-Z'’ा-ौक-ह]{0,6}(['’](s|S|d|m|ll|re|ve)?)?") {
            let span = Span::new(3, 3 + w.len());
            proptest::prop_assert_eq!(without_possessive(span, &w), cut_possessive(span, &w));
        }
    }

    proptest::proptest! {
        #[test]
        fn is_latin_reads_the_bytes_as_the_chars(s in "[a-zA-Z0-9 .\u{0900}-\u{097F}\u{0980}-\u{09FF}\u{0800}-\u{08FF}é]{0,12}") {
            let by_chars = s.chars().any(|c| c.is_ascii_alphabetic()) && !s.chars().any(is_devanagari);
            proptest::prop_assert_eq!(is_latin(&s), by_chars);
        }
    }

    #[test]
    fn possessives_are_stripped_and_kept_out_of_spans() {
        let text = "Obama’s plan";
        let (ms, _) = link(text);
        let m = find(&ms, "Obama");
        assert_eq!(&text[m.span.start..m.span.end], "Obama");
        assert_eq!(
            without_possessive(Span::new(0, 7), "states'"),
            (Span::new(0, 6), "states")
        );
        assert_eq!(
            without_possessive(Span::new(3, 9), "भारत"),
            (Span::new(3, 9), "भारत")
        );
        assert_eq!(
            without_possessive(Span::new(0, 5), "I’d"),
            (Span::new(0, 1), "I")
        );
    }
}
