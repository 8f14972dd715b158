//! A small tokenizer shared by the number and date finders.
//!
//! Tokens keep byte spans into the original text (no normalisation is applied to the text,
//! so spans stay valid); each token carries a folded `key` used for table look-ups:
//! NFC, lowercase, nukta dropped, chandrabindu as anusvara, a nasal consonant + virama before a
//! consonant as anusvara (`पन्द्रह` = `पंद्रह`, `सितम्बर` = `सितंबर`), zero-width joiners dropped.

use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Digits (ASCII or Devanagari), with `,` grouping and at most one `.` decimal point; the
    /// key holds ASCII digits without grouping commas.
    Digits,
    /// Letters and marks (any script).
    Word,
    /// One other non-space character.
    Punct,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub key: String,
}

impl Tok {
    pub fn is_word(&self, key: &str) -> bool {
        self.kind == TokKind::Word && self.key == key
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.key.starts_with(c)
    }
    /// The number a digit token stands for.
    pub fn digit_value(&self) -> Option<f64> {
        if self.kind != TokKind::Digits {
            return None;
        }
        self.key.parse::<f64>().ok()
    }
    /// The integer a digit token stands for, when it has no decimal point.
    pub fn digit_int(&self) -> Option<u32> {
        if self.kind != TokKind::Digits || self.key.contains('.') || self.key.len() > 9 {
            return None;
        }
        self.key.parse::<u32>().ok()
    }
    /// Number of digits written (without separators), for digit tokens.
    pub fn digit_count(&self) -> usize {
        self.key.chars().filter(|c| c.is_ascii_digit()).count()
    }
}

pub(crate) fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0966}'..='\u{096F}' => char::from_u32(c as u32 - 0x0966 + u32::from(b'0')),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    if ascii_digit(c).is_some() {
        return false;
    }
    match c {
        '\u{0964}' | '\u{0965}' | '\u{0970}' => false,
        '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' | '\u{1CD0}'..='\u{1CFF}' => true,
        '\u{200C}' | '\u{200D}' | '\u{0300}'..='\u{036F}' => true,
        c => c.is_alphabetic(),
    }
}

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}')
}

/// Fold one word for look-ups (see the module documentation).
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        // Nothing below applies to ASCII but lowercasing.
        return word.to_ascii_lowercase();
    }
    // ASCII and Devanagari (caseless) in NFC, the common case: folded straight from the text,
    // or copied when nothing in it folds (no capital, nukta, candrabindu, nukta letter, or
    // nasal consonant + virama).
    let mut plain = true;
    let mut prev = '\0';
    let mut simple = true;
    for c in word.chars() {
        if c.is_ascii() {
            plain &= !c.is_ascii_uppercase();
        } else if ('\u{0900}'..='\u{097F}').contains(&c) {
            plain &= !(matches!(
                c,
                '\u{093C}' | '\u{0901}' | '\u{0929}' | '\u{0931}' | '\u{0934}' | '\u{0958}'
                    ..='\u{095F}'
            ) || (c == '\u{094D}' && matches!(prev, 'ङ' | 'ञ' | 'ण' | 'न' | 'म')));
        } else {
            simple = false;
            break;
        }
        prev = c;
    }
    if simple && crate::normalize::is_nfc_fast(word) {
        if plain {
            return word.to_string();
        }
        return fold_chars(word.chars().map(|c| c.to_ascii_lowercase()), word.len());
    }
    // Lowercase: ASCII and Devanagari (caseless) without the Unicode tables.
    fn lower(c: char, out: &mut Vec<char>) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{0900}'..='\u{097F}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    let mut chars: Vec<char> = Vec::with_capacity(word.len());
    // Most words are already in NFC: the quick check spares the recomposition.
    if crate::normalize::is_nfc_fast(word) {
        word.chars().for_each(|c| lower(c, &mut chars));
    } else {
        word.nfc().for_each(|c| lower(c, &mut chars));
    }
    fold_chars(chars.iter().copied(), chars.len())
}

/// The spelling folds of [`fold`] over the characters of a word already in NFC and lower case
/// (`capacity`: a guess of the output's length in bytes).
fn fold_chars<I: Iterator<Item = char> + Clone>(mut chars: I, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    while let Some(c) = chars.next() {
        match c {
            '\u{093C}' | '\u{200C}' | '\u{200D}' => {}
            '\u{0901}' => out.push('\u{0902}'),
            '\u{0929}' => out.push('न'),
            '\u{0931}' => out.push('र'),
            '\u{0934}' => out.push('ळ'),
            '\u{0958}' => out.push('क'),
            '\u{0959}' => out.push('ख'),
            '\u{095A}' => out.push('ग'),
            '\u{095B}' => out.push('ज'),
            '\u{095C}' => out.push('ड'),
            '\u{095D}' => out.push('ढ'),
            '\u{095E}' => out.push('फ'),
            '\u{095F}' => out.push('य'),
            'ङ' | 'ञ' | 'ण' | 'न' | 'म' if nasal_cluster(chars.clone()) => {
                out.push('\u{0902}');
                chars.next(); // skip the virama too
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether the characters after a nasal consonant are a virama and a consonant.
fn nasal_cluster(mut next: impl Iterator<Item = char>) -> bool {
    next.next() == Some('\u{094D}') && next.next().is_some_and(is_consonant)
}

/// Split `text` into tokens with byte spans.
pub(crate) fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if ascii_digit(c).is_some() {
            // digits with separators between digits
            let mut end = i + c.len_utf8();
            let mut raw = String::new();
            raw.push(c);
            loop {
                match it.peek().copied() {
                    Some((j, d)) if ascii_digit(d).is_some() => {
                        raw.push(d);
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some((j, sep @ (',' | '.'))) => {
                        let next = text[j + 1..].chars().next();
                        if next.is_some_and(|n| ascii_digit(n).is_some()) {
                            raw.push(sep);
                            end = j + 1;
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            push_digit_run(text, i, end, &mut out);
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Word,
                key: fold(&text[i..end]),
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Punct,
                key: c.to_string(),
            });
        }
    }
    out
}

/// Push a run of digits and separators, split where the separators do not make one number:
/// more than one `.`, or `,` groups that are neither Western (3) nor Indian (2…2,3) grouping.
fn push_digit_run(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let run = &text[start..end];
    let dots = run.matches('.').count();
    let valid = dots <= 1 && {
        let int_part = run.split('.').next().unwrap_or("");
        let groups: Vec<usize> = int_part.split(',').map(|g| g.chars().count()).collect();
        groups.len() == 1
            || (groups[0] <= 3
                && groups.last() == Some(&3)
                && groups[1..groups.len() - 1]
                    .iter()
                    .all(|&g| g == 2 || g == 3)
                && !run.split('.').nth(1).is_some_and(|f| f.contains(',')))
    };
    if valid {
        let key: String = run
            .chars()
            .filter_map(|c| if c == '.' { Some('.') } else { ascii_digit(c) })
            .collect();
        out.push(Tok {
            start,
            end,
            kind: TokKind::Digits,
            key,
        });
        return;
    }
    // split at every separator
    let mut s = start;
    for (j, c) in run.char_indices() {
        if c == ',' || c == '.' {
            push_plain(text, s, start + j, out);
            out.push(Tok {
                start: start + j,
                end: start + j + 1,
                kind: TokKind::Punct,
                key: c.to_string(),
            });
            s = start + j + 1;
        }
    }
    push_plain(text, s, end, out);
}

fn push_plain(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    if start < end {
        out.push(Tok {
            start,
            end,
            kind: TokKind::Digits,
            key: text[start..end].chars().filter_map(ascii_digit).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_plain_definition() {
        // The fast paths (ASCII, NFC quick check, caseless Devanagari) change nothing.
        // The spelling map by index over a character array, as first written.
        fn fold_by_index(chars: &[char]) -> String {
            let mut out = String::new();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                match c {
                    '\u{093C}' | '\u{200C}' | '\u{200D}' => {}
                    '\u{0901}' => out.push('\u{0902}'),
                    '\u{0929}' => out.push('न'),
                    '\u{0931}' => out.push('र'),
                    '\u{0934}' => out.push('ळ'),
                    '\u{0958}' => out.push('क'),
                    '\u{0959}' => out.push('ख'),
                    '\u{095A}' => out.push('ग'),
                    '\u{095B}' => out.push('ज'),
                    '\u{095C}' => out.push('ड'),
                    '\u{095D}' => out.push('ढ'),
                    '\u{095E}' => out.push('फ'),
                    '\u{095F}' => out.push('य'),
                    'ङ' | 'ञ' | 'ण' | 'न' | 'म'
                        if chars.get(i + 1) == Some(&'\u{094D}')
                            && chars.get(i + 2).is_some_and(|&n| is_consonant(n)) =>
                    {
                        out.push('\u{0902}');
                        i += 1;
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            out
        }
        fn plain(word: &str) -> String {
            let chars: Vec<char> = word.nfc().flat_map(char::to_lowercase).collect();
            fold_by_index(&chars)
        }
        let mut runner = proptest::test_runner::TestRunner::default();
        for pattern in [
            "[\\u0900-\\u097FA-Za-zÀ-ÿ\\u0300-\\u036F\\u200C\\u200DΣσ]{0,12}",
            // Nasal clusters and nukta letters, often.
            "[नमङञणकतर\\u094D\\u093C\\u0901\\u0902ाि\\u0929\\u095BaZ]{0,12}",
        ] {
            runner
                .run(&pattern, |w| {
                    proptest::prop_assert_eq!(fold(&w), plain(&w));
                    Ok(())
                })
                .unwrap();
        }
    }

    #[test]
    fn folds_spelling_variants() {
        assert_eq!(fold("हज़ार"), fold("हजार"));
        assert_eq!(fold("पन्द्रह"), fold("पंद्रह"));
        assert_eq!(fold("सितम्बर"), fold("सितंबर"));
        assert_eq!(fold("पाँच"), fold("पांच"));
        assert_eq!(fold("करोड़"), "करोड");
        assert_eq!(fold("January"), "january");
    }

    #[test]
    fn digit_runs() {
        let t = tokens("8,000 और 1,00,000 तथा १२.५ 10.01.2022 5,6");
        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "8000",
                "और",
                "100000",
                "तथा",
                "12.5",
                "10",
                ".",
                "01",
                ".",
                "2022",
                "5",
                ",",
                "6"
            ]
        );
    }

    #[test]
    fn splits_digits_from_letters() {
        let t = tokens("10वीं 1st G20");
        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["10", "वीं", "1", "st", "g", "20"]);
    }
}
