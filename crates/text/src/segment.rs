//! Words and sentences.

use khabar_model::Span;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// A word or number with its byte span in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokenKind,
}

/// Words and numbers, by Unicode word segmentation (Devanagari marks stay inside words).
pub fn words(text: &str) -> Vec<Token<'_>> {
    text.unicode_word_indices()
        .map(|(i, w)| Token {
            span: Span::new(i, i + w.len()),
            text: w,
            kind: if w.chars().all(|c| c.is_numeric() || c == ',' || c == '.') {
                TokenKind::Number
            } else {
                TokenKind::Word
            },
        })
        .collect()
}

/// Sentence spans: split after `।`, `॥`, `?`, `!`, `.` and at line breaks.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '।' | '॥' | '?' | '!' | '.' | '\n') {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}
