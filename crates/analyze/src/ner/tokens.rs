//! The tokens the labeller reads: the words of a text or of one sentence of a [`Doc`], plus
//! each punctuation character between them.

use khabar_model::Span;
use khabar_text::doc::Doc;

/// Tokens of a text for tagging: the words of [`khabar_text::words`] plus each punctuation
/// character between them (the labeller was trained on text whose punctuation is tokenised).
pub fn tokenize(text: &str) -> Vec<(Span, &str)> {
    let doc = Doc::new(text);
    let mut out = Vec::new();
    let mut pos = 0;
    for w in doc.words() {
        push_gap(text, pos, w.span.start, 0, &mut out);
        out.push((w.span, w.text));
        pos = w.span.end;
    }
    push_gap(text, pos, text.len(), 0, &mut out);
    out
}

/// [`tokenize`] of one sentence of a document, from the document's words (spans relative to
/// the sentence start, as [`tokenize`] of the sentence's text gives them). A word that runs
/// past the sentence end is cut there.
pub fn tokenize_in<'t>(doc: &Doc<'t>, sentence: Span) -> Vec<(Span, &'t str)> {
    let text = doc.text();
    let base = sentence.start;
    let mut out = Vec::new();
    let mut pos = sentence.start;
    for w in &doc.words()[doc.words_in(sentence)] {
        let end = w.span.end.min(sentence.end);
        push_gap(text, pos, w.span.start, base, &mut out);
        if let Some(word) = text.get(w.span.start..end) {
            out.push((Span::new(w.span.start - base, end - base), word));
        }
        pos = end;
    }
    push_gap(text, pos, sentence.end, base, &mut out);
    out
}

/// Each visible character of `text[from..to]` as a token, its span less `base`.
fn push_gap<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    base: usize,
    out: &mut Vec<(Span, &'a str)>,
) {
    if let Some(gap) = text.get(from..to) {
        for (i, c) in gap.char_indices() {
            if !c.is_whitespace() && !khabar_text::normalize::is_invisible(c) {
                let s = from + i;
                let e = s + c.len_utf8();
                out.push((Span::new(s - base, e - base), &text[s..e]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenize_keeps_punctuation() {
        let t = tokenize("राम, श्याम।");
        let words: Vec<&str> = t.iter().map(|x| x.1).collect();
        assert_eq!(words, vec!["राम", ",", "श्याम", "।"]);
        for (span, w) in &t {
            assert_eq!(&"राम, श्याम।"[span.start..span.end], *w);
        }
    }

    #[test]
    fn sentence_tokens_from_the_document_equal_tokens_of_the_sentence() {
        let texts = [
            "राम, श्याम। प्रधानमंत्री ने कहा: \"हम जाएंगे\"। U.S. के J.K. Rowling ने 1,00,000 रुपये दिए।",
            "First one. Second, with (brackets) and 3.5 km! Third?\nNew line here",
            "",
        ];
        for text in texts {
            let doc = Doc::new(text);
            for &s in doc.sentences() {
                assert_eq!(
                    tokenize_in(&doc, s),
                    tokenize(&text[s.start..s.end]),
                    "{text:?}"
                );
            }
        }
    }
}
