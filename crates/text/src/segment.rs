//! Words and sentences, with byte spans into the text they came from.
//!
//! Words follow the spirit of Unicode word segmentation (UAX #29): letters, digits and combining
//! marks make words (so Devanagari vowel signs, virama and nukta stay inside them); `.` joins
//! letters (`U.S`, `ए.के`) and digits (`1.5`), `'` joins Latin letters (`don't`), `,` joins digit
//! groups only when they form a real grouping (`1,00,000`, `12,345`; not the list `5,6`).
//!
//! Sentences end at `।` `॥` `?` `!` and `.`, at every line break, and the closing quotes or
//! brackets right after the terminator belong to the sentence. A `.` does not end a sentence after
//! abbreviations and honorifics (`डॉ.`, `श्री.`, `Mr.`, `Rs.`), initials (`ए. के.`, `A. K.`),
//! dotted acronyms (`U.S.`, `आई.ए.एस.`), inside numbers (`1.5`) or when the next word starts in
//! lowercase; an ellipsis ends a sentence only at a line end.

use crate::normalize::decode_at;
use crate::{en, hi};
use khabar_model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits): `भारत`, `U.S`, `10वीं`.
    Word,
    /// Digits of any script with `,`/`.` separators: `1,00,000`, `१२`, `3.5`.
    Number,
}

/// A word or number with its byte span in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokenKind,
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Letters, digits and combining marks: the characters words are made of.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0900}'..='\u{097F}').contains(&c) {
        return !matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}');
    }
    match c {
        // Latin-1 letters, Latin Extended, Cyrillic: all letters or marks
        '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{024F}' => true,
        '\u{0400}'..='\u{052F}' => true,
        // general punctuation, arrows, box drawing, shapes, symbols: never
        '\u{2000}'..='\u{206F}' | '\u{2190}'..='\u{2BFF}' => false,
        _ => c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c),
    }
}

/// Decimal digits of any script (ASCII, Devanagari, …).
#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && is_decimal_digit(c))
}

/// Non-ASCII decimal digits of the common Indic and Arabic scripts.
#[inline]
fn is_decimal_digit(c: char) -> bool {
    matches!(c, '\u{0966}'..='\u{096F}' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '\u{09E6}'..='\u{09EF}'
        | '\u{0A66}'..='\u{0A6F}' | '\u{0AE6}'..='\u{0AEF}' | '\u{0B66}'..='\u{0B6F}'
        | '\u{0BE6}'..='\u{0BEF}' | '\u{0C66}'..='\u{0C6F}' | '\u{0CE6}'..='\u{0CEF}'
        | '\u{0D66}'..='\u{0D6F}' | '\u{FF10}'..='\u{FF19}')
}

/// Letters (word characters that are not digits, including combining marks).
#[inline]
fn is_letter(c: char) -> bool {
    is_word_char(c) && !is_digit(c)
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Words and numbers in order, without allocating. See the module documentation.
pub fn word_iter(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator behind [`word_iter`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let mut start = self.pos;
        loop {
            let c = decode_at(text, start)?;
            if is_word_char(c) {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = start;
        let mut prev = ' ';
        let mut all_digits = true;
        let mut pos = start;
        let bytes = text.as_bytes();
        loop {
            // Fast path: ASCII letters and digits, Devanagari word characters.
            while let Some(&b) = bytes.get(pos) {
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    all_digits &= b.is_ascii_digit();
                    prev = b as char;
                    pos += 1;
                } else if b == 0xE0 && matches!(bytes.get(pos + 1), Some(0xA4 | 0xA5)) {
                    let Some(c) = decode_at(text, pos) else {
                        break;
                    };
                    if matches!(c, '\u{0964}' | '\u{0965}' | '\u{0970}') {
                        break;
                    }
                    all_digits &= ('\u{0966}'..='\u{096F}').contains(&c);
                    prev = c;
                    pos += 3;
                } else {
                    break;
                }
                end = pos;
            }
            let Some(c) = decode_at(text, pos) else {
                break;
            };
            if is_word_char(c) || ((c == ZWJ || c == ZWNJ) && !prev.is_ascii()) {
                if all_digits && !is_digit(c) {
                    all_digits = false;
                }
                prev = c;
                pos += c.len_utf8();
                end = pos;
                continue;
            }
            let next = char_at(text, pos + c.len_utf8());
            match (c, next) {
                ('.' | '॰', Some(n)) if is_letter(prev) && is_letter(n) && !is_combining(n) => {}
                ('.', Some(n)) if is_digit(prev) && is_digit(n) => {}
                ('\'' | '’', Some(n)) if prev.is_alphabetic() && n.is_ascii_alphabetic() => {}
                (',', Some(_)) if is_digit(prev) && all_digits => {
                    let groups = digit_groups(text, pos);
                    if groups == pos {
                        break;
                    }
                    end = groups;
                    pos = groups;
                    prev = '0';
                    continue;
                }
                _ => break,
            }
            // a joiner: the word goes on with the character after it
            prev = c;
            pos += c.len_utf8();
        }
        self.pos = end;
        let word = &text[start..end];
        let kind = if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        Some(Token {
            span: Span::new(start, end),
            text: word,
            kind,
        })
    }
}

#[inline]
fn is_combining(c: char) -> bool {
    crate::normalize::is_devanagari_sign(c) || unicode_normalization::char::is_combining_mark(c)
}

/// At a `,` after digits at byte `i`: the end of the comma digit groups that make a well-formed
/// grouping (groups of 2 or 3 digits, the last of 3, not followed by another digit), or `i`.
fn digit_groups(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut pos = i;
    let mut best = i;
    loop {
        if bytes.get(pos) != Some(&b',') {
            break;
        }
        let mut j = pos + 1;
        let mut n = 0;
        while let Some(c) = char_at(text, j) {
            if !is_digit(c) {
                break;
            }
            n += 1;
            j += c.len_utf8();
        }
        if n == 3 {
            best = j;
        } else if n != 2 {
            break;
        }
        pos = j;
    }
    // the grouping must not run on into more digits or a letter
    match char_at(text, best) {
        Some(c) if best > i && is_word_char(c) => i,
        _ => best,
    }
}

/// Words and numbers, with byte spans (see the module documentation).
pub fn words(text: &str) -> Vec<Token<'_>> {
    word_iter(text).collect()
}

/// Closing quotes and brackets that stay with the sentence they follow.
#[inline]
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

#[inline]
fn is_terminator(c: char) -> bool {
    matches!(c, '।' | '॥' | '?' | '!' | '.' | '…' | '؟' | '۔')
}

/// Sentence spans (see the module documentation): sorted, non-overlapping, trimmed of
/// whitespace, never empty.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let b = bytes[i];
        if b == b'\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        // Only `.` `?` `!` and the lead bytes of `।` `॥` `…` `؟` `۔` can start a terminator.
        let is_start = match b {
            b'.' | b'?' | b'!' => true,
            // । ॥ (E0 A5 A4/A5), … (E2 80 A6), ؟ (D8 9F), ۔ (DB 94)
            0xE0 => {
                bytes.get(i + 1) == Some(&0xA5) && matches!(bytes.get(i + 2), Some(0xA4 | 0xA5))
            }
            0xE2 => bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6),
            0xD8 => bytes.get(i + 1) == Some(&0x9F),
            0xDB => bytes.get(i + 1) == Some(&0x94),
            _ => false,
        };
        if !is_start {
            // skip the whole character (`i` stays on character boundaries)
            i += match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            continue;
        }
        // The run of terminators, then closing quotes/brackets.
        let mut j = i;
        let mut dots = 0;
        let mut strong = false;
        let mut question = false;
        while let Some(t) = char_at(text, j).filter(|&t| is_terminator(t)) {
            match t {
                '.' => dots += 1,
                '…' => dots += 2,
                '?' | '!' | '؟' => question = true,
                _ => strong = true,
            }
            j += t.len_utf8();
        }
        let run_end = j;
        while let Some(q) = char_at(text, j).filter(|&q| is_closing(q)) {
            j += q.len_utf8();
        }
        let quoted = j > run_end;
        let next = char_at(text, j);
        let split = if strong {
            true
        } else if question {
            !matches!(next, Some(n) if n.is_ascii_alphanumeric() || matches!(n, '=' | '&' | '/' | '_' | '%'))
        } else if dots > 1 {
            // an ellipsis: the sentence goes on unless the line ends (handled by `\n`)
            false
        } else {
            match next {
                None => true,
                Some(n) if !n.is_whitespace() => quoted && !n.is_alphanumeric(),
                Some(_) if quoted => true,
                Some(_) => !period_continues(text, start, i, j),
            }
        };
        if split {
            push_trimmed(text, start, j, &mut out);
            start = j;
        }
        i = j.max(i + 1);
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The sentence (from [`sentences`]) that contains byte `offset`, if any. Never panics: an
/// offset past the end or between sentences gives `None`.
pub fn sentence_containing(sentences: &[Span], offset: usize) -> Option<Span> {
    let i = sentences.partition_point(|s| s.end <= offset);
    sentences
        .get(i)
        .filter(|s| s.start <= offset && offset < s.end)
        .copied()
}

/// The word (letters, digits, inner dots) that ends right before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let mut start = dot;
    for (i, c) in head.char_indices().rev() {
        if is_word_char(c) || ((c == '.' || c == '॰') && i + 1 < start) {
            start = i;
        } else {
            break;
        }
    }
    // a leading dot is not part of the word
    let w = &text[start..dot];
    w.trim_start_matches(['.', '॰'])
}

/// The next word after whitespace from byte `from`, and whether a `.` follows it directly.
fn word_after(text: &str, from: usize) -> (&str, bool) {
    let rest = text[from..].trim_start();
    let start = text.len() - rest.len();
    let len = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(i, _)| i);
    let word = &text[start..start + len];
    let dotted = matches!(char_at(text, start + len), Some('.' | '॰'));
    (word, dotted)
}

/// Number of aksharas: letters not joined to the previous one by a virama.
fn akshara_count(word: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in word.chars() {
        if !crate::normalize::is_devanagari_sign(c) && is_letter(c) && prev != '\u{094D}' {
            n += 1;
        }
        prev = c;
    }
    n
}

/// Whether `word` looks like an initial: one Latin letter, a Hindi name of an English letter,
/// or a single Devanagari akshara.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_alphabetic() => return true,
        (None, _) => return false,
        _ => {}
    }
    if !word.chars().all(crate::normalize::is_devanagari) {
        return false;
    }
    hi::contains(hi::LATIN_LETTER_NAMES, word) || akshara_count(word) == 1
}

/// At a single `.` at byte `dot` followed (after closing marks up to `after`) by whitespace:
/// whether the sentence goes on.
fn period_continues(text: &str, sentence_start: usize, dot: usize, after: usize) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    if word.contains(['.', '॰']) {
        // dotted acronym (U.S., आई.ए.एस.)
        return true;
    }
    if word.chars().all(is_digit) {
        // a list number at the start of a sentence (`1. पहला बिंदु`)
        return text
            .get(sentence_start..dot - word.len())
            .is_some_and(|before| before.trim().is_empty());
    }
    let (next, next_dotted) = word_after(text, after);
    let next_first = next.chars().next();
    if word.is_ascii() {
        if word.len() == 1
            || en::contains_ignore_case(en::ABBREVIATIONS, word)
            || (en::contains_ignore_case(en::ABBREVIATIONS_BEFORE_NUMBER, word)
                && next_first.is_some_and(is_digit))
        {
            return true;
        }
    } else if hi::contains(hi::ABBREVIATIONS, word) {
        return true;
    } else if is_initial(word) {
        if !hi::contains(hi::SHORT_SENTENCE_ENDINGS, word) {
            return true;
        }
        // `है.` ends a sentence, but not inside a chain of initials (`जी. के. शर्मा`).
        let prev_dotted = text[..dot - word.len()]
            .trim_end_matches([' ', '\t'])
            .ends_with(['.', '॰']);
        if prev_dotted || (next_dotted && is_initial(next)) {
            return true;
        }
        return false;
    }
    // a lowercase English word after the full stop continues the sentence (`etc. and`)
    next_first.is_some_and(|c| c.is_ascii_lowercase())
        && next.bytes().all(|b| b.is_ascii_lowercase())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).iter().map(|t| t.text).collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn hindi_words_stay_whole() {
        assert_eq!(
            texts("प्रधानमंत्री नरेंद्र मोदी दिल्ली में।"),
            ["प्रधानमंत्री", "नरेंद्र", "मोदी", "दिल्ली", "में"]
        );
        assert_eq!(texts("कज़ाख़स्तान, कजाकिस्तान"), ["कज़ाख़स्तान", "कजाकिस्तान"]);
        assert_eq!(texts("क्\u{200D}ष"), ["क्\u{200D}ष"]);
    }

    #[test]
    fn numbers() {
        let toks = words("कीमत 1,00,000 रुपये, १२ लोग, 3.5% और 12,345 या 5,6 और 7");
        let nums: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text)
            .collect();
        assert_eq!(nums, ["1,00,000", "१२", "3.5", "12,345", "5", "6", "7"]);
        assert_eq!(
            texts("₹1,00,000.50 और १,२५,००० तथा १.५"),
            ["1,00,000.50", "और", "१,२५,०००", "तथा", "१.५"]
        );
        assert_eq!(texts("10,00"), ["10", "00"]);
        assert_eq!(texts("1,000,000,"), ["1,000,000"]);
        assert_eq!(texts("1,00x"), ["1", "00x"]);
        let t = words("10वीं");
        assert_eq!(t[0].kind, TokenKind::Word);
    }

    #[test]
    fn dotted_and_apostrophes() {
        assert_eq!(
            texts("the U.S. and ए.के. शर्मा"),
            ["the", "U.S", "and", "ए.के", "शर्मा"]
        );
        assert_eq!(texts("don't O’Brien"), ["don't", "O’Brien"]);
        assert_eq!(texts("Rs.50 e-mail"), ["Rs", "50", "e", "mail"]);
        assert_eq!(texts("यू॰के॰ में"), ["यू॰के", "में"]);
    }

    #[test]
    fn spans_point_back() {
        let text = "नमस्ते\u{00A0}दुनिया 42";
        for t in words(text) {
            assert_eq!(&text[t.span.start..t.span.end], t.text);
        }
    }

    #[test]
    fn sentence_terminators() {
        assert_eq!(
            sents("यह पहला वाक्य है। यह दूसरा है॥ क्या यह तीसरा है? हाँ! Fine."),
            [
                "यह पहला वाक्य है।",
                "यह दूसरा है॥",
                "क्या यह तीसरा है?",
                "हाँ!",
                "Fine."
            ]
        );
        assert_eq!(sents("है।अब"), ["है।", "अब"]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("डॉ. शर्मा और श्री. गुप्ता आए। Mr. Smith went to the U.S. in 2019. He paid Rs. 500."),
            [
                "डॉ. शर्मा और श्री. गुप्ता आए।",
                "Mr. Smith went to the U.S. in 2019.",
                "He paid Rs. 500."
            ]
        );
        assert_eq!(
            sents("ए. के. शर्मा ने कहा कि दर 1.5 प्रतिशत है. अब आगे."),
            ["ए. के. शर्मा ने कहा कि दर 1.5 प्रतिशत है.", "अब आगे."]
        );
        assert_eq!(
            sents("A. K. Singh and J. R. R. Tolkien met."),
            ["A. K. Singh and J. R. R. Tolkien met."]
        );
        assert_eq!(
            sents("आई.ए.एस. अधिकारी आए। No. 5 here."),
            ["आई.ए.एस. अधिकारी आए।", "No. 5 here."]
        );
        assert_eq!(
            sents("He said no. Then left."),
            ["He said no.", "Then left."]
        );
        assert_eq!(
            sents("apples, pears etc. and more."),
            ["apples, pears etc. and more."]
        );
        assert_eq!(sents("जी. के. पिल्लै आए।"), ["जी. के. पिल्लै आए।"]);
        assert_eq!(sents("वह आ गई थी. फिर"), ["वह आ गई थी.", "फिर"]);
        assert_eq!(sents("उसने ले ली. फैंस खुश"), ["उसने ले ली.", "फैंस खुश"]);
        assert_eq!(
            sents("1. पहला बिंदु है. 2. दूसरा"),
            ["1. पहला बिंदु है.", "2. दूसरा"]
        );
        assert_eq!(sents("in 2019. Then"), ["in 2019.", "Then"]);
        assert_eq!(
            sents("visit online. eZineMart is"),
            ["visit online.", "eZineMart is"]
        );
    }

    #[test]
    fn sentence_lookup_by_offset() {
        let text = "पहला। दूसरा।";
        let spans = sentences(text);
        assert_eq!(sentence_containing(&spans, 0), Some(spans[0]));
        assert_eq!(
            sentence_containing(&spans, spans[1].start + 3),
            Some(spans[1])
        );
        assert_eq!(sentence_containing(&spans, spans[0].end), None);
        assert_eq!(sentence_containing(&spans, usize::MAX), None);
        assert_eq!(sentence_containing(&[], 3), None);
    }

    #[test]
    fn quotes_stay_with_the_sentence() {
        assert_eq!(
            sents("उन्होंने कहा, \"मैं जाऊंगा।\" फिर वे गए। 'ठीक है!' (भाषा)।"),
            [
                "उन्होंने कहा, \"मैं जाऊंगा।\"",
                "फिर वे गए।",
                "'ठीक है!'",
                "(भाषा)।"
            ]
        );
        assert_eq!(sents("“Yes.” Then"), ["“Yes.”", "Then"]);
        assert_eq!(
            sents("कहा, \"सुधार हो रहा है। गतिविधियां सामान्य हैं।” बयान में"),
            ["कहा, \"सुधार हो रहा है।", "गतिविधियां सामान्य हैं।”", "बयान में"]
        );
    }

    #[test]
    fn lines_and_ellipsis() {
        assert_eq!(
            sents("शीर्षक बिना विराम\n\nपहला पैरा... जारी है।\nदूसरी पंक्ति"),
            ["शीर्षक बिना विराम", "पहला पैरा... जारी है।", "दूसरी पंक्ति"]
        );
        assert_eq!(
            sents("see example.com or a.php?id=3 now"),
            ["see example.com or a.php?id=3 now"]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n \n").is_empty());
    }

    fn mixed() -> impl Strategy<Value = String> {
        let chars = prop_oneof![
            6 => proptest::char::range('\u{0900}', '\u{097F}'),
            4 => proptest::char::range(' ', '~'),
            2 => prop_oneof![Just('.'), Just(','), Just(' '), Just('\n'), Just('।'), Just('"'), Just('’')],
            1 => proptest::char::range('\u{0300}', '\u{036F}'),
            1 => any::<char>(),
        ];
        proptest::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
    }

    fn check_spans(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
        let mut prev_end = 0;
        for s in spans {
            prop_assert!(s.start < s.end, "empty span {:?}", s);
            prop_assert!(s.start >= prev_end, "overlap or unsorted {:?}", s);
            prop_assert!(s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prev_end = s.end;
        }
        Ok(())
    }

    /// Well-formed Devanagari text: syllables (consonant + optional sign) in words, separated by
    /// spaces and punctuation.
    fn devanagari_text() -> impl Strategy<Value = String> {
        let syllable = (
            proptest::char::range('\u{0915}', '\u{0939}'),
            proptest::option::of(prop_oneof![
                proptest::char::range('\u{093E}', '\u{094C}'),
                Just('\u{094D}'),
                Just('\u{0902}'),
                Just('\u{093C}'),
            ]),
        )
            .prop_map(|(c, s)| s.map_or(c.to_string(), |s| format!("{c}{s}")));
        let word = proptest::collection::vec(syllable, 1..5).prop_map(|v| v.concat());
        let sep = prop_oneof![Just(" "), Just("। "), Just(", "), Just("\n"), Just(" - ")];
        proptest::collection::vec((word, sep), 0..12)
            .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
    }

    proptest! {
        #[test]
        fn devanagari_words_match_unicode_segmentation(s in devanagari_text()) {
            use unicode_segmentation::UnicodeSegmentation;
            let ours: Vec<(usize, &str)> = words(&s).iter().map(|t| (t.span.start, t.text)).collect();
            let uax: Vec<(usize, &str)> = s.unicode_word_indices().collect();
            prop_assert_eq!(ours, uax);
        }

        #[test]
        fn word_spans_are_sound(s in mixed()) {
            let toks = words(&s);
            let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
            check_spans(&s, &spans)?;
            for t in &toks {
                prop_assert_eq!(&s[t.span.start..t.span.end], t.text);
            }
        }

        #[test]
        fn sentence_spans_are_sound(s in mixed()) {
            let spans = sentences(&s);
            check_spans(&s, &spans)?;
            // every word lies inside exactly one sentence
            for t in words(&s) {
                prop_assert!(spans.iter().any(|x| x.start <= t.span.start && t.span.end <= x.end),
                    "word {:?} outside sentences", t.text);
            }
        }

        #[test]
        fn any_string_is_safe(s in any::<String>()) {
            check_spans(&s, &words(&s).iter().map(|t| t.span).collect::<Vec<_>>())?;
            check_spans(&s, &sentences(&s))?;
        }
    }

    #[test]
    fn long_input_without_spaces() {
        let s = "क".repeat(350_000) + &"a.".repeat(10_000) + "1,000,00";
        let w = words(&s);
        assert!(!w.is_empty());
        let sp = sentences(&s);
        assert_eq!(sp.len(), 1);
    }
}
