//! The lexer shared by the number and date finders (it was `numbers::tok`; its own module so
//! that dates do not reach into numbers for it).
//!
//! Tokens keep byte spans into the original text (no normalisation is applied to the text,
//! so spans stay valid); each word token carries its [`crate::normalize::fold_word`] as `key`,
//! the fold every word list is looked up with. Keys borrow the text whenever they are written as
//! they fold (most words, every punctuation mark, plain digit runs): no allocation per lexeme.

use std::borrow::Cow;

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
pub(crate) struct Tok<'t> {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    key: Cow<'t, str>,
}

impl<'t> Tok<'t> {
    /// The token's key: digits in ASCII without grouping commas, a word's
    /// [`crate::normalize::fold_word`], or the punctuation character itself.
    pub fn key(&self) -> &str {
        &self.key
    }
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

/// Split `text` into tokens with byte spans.
pub(crate) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if ascii_digit(c).is_some() {
            // digits with separators between digits
            let mut end = i + c.len_utf8();
            loop {
                match it.peek().copied() {
                    Some((j, d)) if ascii_digit(d).is_some() => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some((j, ',' | '.')) => {
                        let next = text[j + 1..].chars().next();
                        if next.is_some_and(|n| ascii_digit(n).is_some()) {
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
                key: crate::normalize::fold_word_cow(&text[i..end]),
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Punct,
                key: Cow::Borrowed(&text[i..i + c.len_utf8()]),
            });
        }
    }
    out
}

/// Push a run of digits and separators, split where the separators do not make one number:
/// more than one `.`, or `,` groups that are neither Western (3) nor Indian (2…2,3) grouping.
fn push_digit_run<'t>(text: &'t str, start: usize, end: usize, out: &mut Vec<Tok<'t>>) {
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
        let key = digit_key(run, true);
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
                key: Cow::Borrowed(&text[start + j..start + j + 1]),
            });
            s = start + j + 1;
        }
    }
    push_plain(text, s, end, out);
}

fn push_plain<'t>(text: &'t str, start: usize, end: usize, out: &mut Vec<Tok<'t>>) {
    if start < end {
        out.push(Tok {
            start,
            end,
            kind: TokKind::Digits,
            key: digit_key(&text[start..end], false),
        });
    }
}

/// The key of a run of digits: its digits in ASCII (and its decimal point when `keep_dot`),
/// other characters dropped; borrowed when the run is written so already.
fn digit_key(run: &str, keep_dot: bool) -> Cow<'_, str> {
    if run
        .bytes()
        .all(|b| b.is_ascii_digit() || (keep_dot && b == b'.'))
    {
        return Cow::Borrowed(run);
    }
    Cow::Owned(
        run.chars()
            .filter_map(|c| {
                if keep_dot && c == '.' {
                    Some('.')
                } else {
                    ascii_digit(c)
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs() {
        let t = tokens("8,000 और 1,00,000 तथा १२.५ 10.01.2022 5,6");
        let keys: Vec<&str> = t.iter().map(|t| t.key()).collect();
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
        let keys: Vec<&str> = t.iter().map(|t| t.key()).collect();
        assert_eq!(keys, ["10", "वीं", "1", "st", "g", "20"]);
    }

    proptest::proptest! {
        /// Keys borrowed from the text are the keys the lexer built as owned strings: a word's
        /// fold, the punctuation character, a digit run's ASCII digits (and decimal point).
        #[test]
        fn keys_are_the_folds_of_their_text(
            s in "[ a-zA-Z0-9.,:/।\u{0966}-\u{096F}कखगनमािीुंँ़्\u{200D}-]{0,40}"
        ) {
            for t in tokens(&s) {
                let raw = &s[t.start..t.end];
                let want: String = match t.kind {
                    TokKind::Word => crate::normalize::fold_word(raw),
                    TokKind::Punct => raw.to_string(),
                    TokKind::Digits => raw
                        .chars()
                        .filter_map(|c| if c == '.' { Some('.') } else { ascii_digit(c) })
                        .collect(),
                };
                proptest::prop_assert_eq!(t.key(), want.as_str());
            }
        }
    }
}
