//! One article read once: the [`Doc`] every analysis step reads instead of tokenising again.
//!
//! Learnt from spaCy's `Doc` (text tokenised once, per-token attributes such as `NORM` computed
//! once and shared by every component). A `Doc` borrows the clean text and computes each layer
//! the first time a step asks for it, then keeps it, so a step that needs no layer pays nothing
//! and no layer is ever computed twice for one article:
//!
//! | layer | what | used by |
//! |---|---|---|
//! | [`Doc::words`] | words and numbers of [`crate::segment`] (never split at virama or nukta) with their byte span, kind and script | NER, facts |
//! | [`Doc::norms`] | the [`crate::fold_word`] of each word: its key in every word list | fact lexicons |
//! | [`Doc::search_keys`] | the [`crate::search_key`] of each word (the key of names: knowledge base, linking, search) | entity linking |
//! | [`Doc::sentences`] | sentence spans ([`crate::sentences`]) | every step |
//! | [`Doc::paragraphs`] | paragraph of each sentence: a new paragraph where a line break separates two sentences | facts |
//! | lexemes (crate-private) | the finer tokens of the number and date finders: digit runs split from letters, one token per punctuation character | [`crate::numbers::find_numbers_in`], [`crate::dates::find_dates_in`] |
//! | absolute dates (crate-private) | the absolute date starting at each lexeme, read once | dates, and numbers (which must not count a date's day or year) |
//!
//! Spans are byte ranges into [`Doc::text`], the clean text the analysis stores, so nothing is
//! ever re-mapped.

use crate::dates::absolute::AbsoluteDates;
use crate::lex::{self, Tok};
use crate::script::{script_of, Script};
use crate::segment::{word_iter, TokenKind};
use khabar_model::Span;
use std::borrow::Cow;
use std::cell::OnceCell;

/// A word or number of the text with its shared attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    /// Byte span in [`Doc::text`].
    pub span: Span,
    /// The word as written.
    pub text: &'t str,
    pub kind: TokenKind,
    /// The script of its first letter (`None` for a number in digits only).
    pub script: Option<Script>,
}

/// One article's text with its layers, each computed once on first use. Not `Sync` (the
/// layers fill in place); build one per article per thread.
#[derive(Debug)]
pub struct Doc<'t> {
    text: &'t str,
    words: OnceCell<Vec<Word<'t>>>,
    norms: OnceCell<Vec<Cow<'t, str>>>,
    search_keys: OnceCell<Vec<Cow<'t, str>>>,
    sentences: OnceCell<Vec<Span>>,
    paragraphs: OnceCell<Vec<usize>>,
    lexemes: OnceCell<Vec<Tok<'t>>>,
    absolute: OnceCell<AbsoluteDates>,
}

impl<'t> Doc<'t> {
    /// A document over `text` (nothing is computed yet).
    pub fn new(text: &'t str) -> Self {
        Doc {
            text,
            words: OnceCell::new(),
            norms: OnceCell::new(),
            search_keys: OnceCell::new(),
            sentences: OnceCell::new(),
            paragraphs: OnceCell::new(),
            lexemes: OnceCell::new(),
            absolute: OnceCell::new(),
        }
    }

    /// A document whose sentences are already known (spans into `text`, in order).
    pub fn with_sentences(text: &'t str, sentences: Vec<Span>) -> Self {
        let doc = Doc::new(text);
        let _ = doc.sentences.set(sentences);
        doc
    }

    /// The clean text every span points into.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Words and numbers in text order.
    pub fn words(&self) -> &[Word<'t>] {
        self.words.get_or_init(|| {
            word_iter(self.text)
                .map(|t| Word {
                    span: t.span,
                    text: t.text,
                    kind: t.kind,
                    script: t.text.chars().find_map(script_of),
                })
                .collect()
        })
    }

    /// The [`crate::fold_word`] of each of [`Doc::words`] (spaCy's `NORM`), in the same order;
    /// borrowed from the text where a word is its own fold.
    pub fn norms(&self) -> &[Cow<'t, str>] {
        self.norms.get_or_init(|| {
            self.words()
                .iter()
                .map(|w| crate::normalize::fold_word_cow(w.text))
                .collect()
        })
    }

    /// The [`crate::search_key`] of each of [`Doc::words`], in the same order; borrowed from
    /// the text where a word is its own key (each key is built in one reused buffer and copied
    /// out only when it differs from the word).
    pub fn search_keys(&self) -> &[Cow<'t, str>] {
        self.search_keys.get_or_init(|| {
            let mut buf = String::new();
            self.words()
                .iter()
                .map(|w| {
                    buf.clear();
                    crate::normalize::search_key_into(w.text, &mut buf);
                    if buf == w.text {
                        Cow::Borrowed(w.text)
                    } else {
                        Cow::Owned(buf.clone())
                    }
                })
                .collect()
        })
    }

    /// Sentence spans in text order.
    pub fn sentences(&self) -> &[Span] {
        self.sentences
            .get_or_init(|| crate::segment::sentences(self.text))
    }

    /// The paragraph number of each sentence (0 for the first): a sentence starts a new
    /// paragraph when a line break lies between it and the sentence before.
    pub fn paragraphs(&self) -> &[usize] {
        self.paragraphs.get_or_init(|| {
            let sentences = self.sentences();
            let mut out = Vec::with_capacity(sentences.len());
            let mut p = 0;
            for (i, s) in sentences.iter().enumerate() {
                if i > 0 {
                    let prev = sentences[i - 1].end;
                    if self
                        .text
                        .get(prev..s.start)
                        .is_some_and(|g| g.contains('\n'))
                    {
                        p += 1;
                    }
                }
                out.push(p);
            }
            out
        })
    }

    /// The range of [`Doc::words`] inside a byte span (words that start in it).
    pub fn words_in(&self, span: Span) -> std::ops::Range<usize> {
        let w = self.words();
        let a = w.partition_point(|t| t.span.start < span.start);
        let b = w.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }

    /// The number and date lexemes.
    pub(crate) fn lexemes(&self) -> &[Tok<'t>] {
        self.lexemes.get_or_init(|| lex::tokens(self.text))
    }

    /// The absolute date at each lexeme.
    pub(crate) fn absolute_dates(&self) -> &AbsoluteDates {
        self.absolute
            .get_or_init(|| AbsoluteDates::read(self.text, self.lexemes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_agree_with_the_plain_functions() {
        let text =
            "नई दिल्ली, 10 जनवरी। प्रधानमंत्री ने 3 बजे कहा।\nAnother paragraph here. And one more.";
        let doc = Doc::new(text);
        assert_eq!(doc.sentences(), crate::segment::sentences(text).as_slice());
        let plain: Vec<_> = crate::segment::words(text);
        assert_eq!(doc.words().len(), plain.len());
        for (w, p) in doc.words().iter().zip(&plain) {
            assert_eq!((w.span, w.text, w.kind), (p.span, p.text, p.kind));
            assert_eq!(&text[w.span.start..w.span.end], w.text);
        }
        let norms: Vec<String> = plain.iter().map(|p| crate::fold_word(p.text)).collect();
        assert_eq!(doc.norms(), norms.as_slice());
        let keys: Vec<String> = plain.iter().map(|p| crate::search_key(p.text)).collect();
        assert_eq!(doc.search_keys(), keys.as_slice());
        assert_eq!(doc.paragraphs(), &[0, 0, 1, 1]);
        let second = doc.sentences()[1];
        let r = doc.words_in(second);
        let ws: Vec<&str> = doc.words()[r].iter().map(|w| w.text).collect();
        assert_eq!(ws, ["प्रधानमंत्री", "ने", "3", "बजे", "कहा"]);
        assert_eq!(doc.words()[0].script, Some(Script::Devanagari));
        assert_eq!(
            doc.words().last().map(|w| w.script),
            Some(Some(Script::Latin))
        );
    }

    #[test]
    fn given_sentences_are_kept() {
        let text = "a b. c d.";
        let doc = Doc::with_sentences(text, vec![Span::new(0, text.len())]);
        assert_eq!(doc.sentences(), &[Span::new(0, text.len())]);
        assert_eq!(doc.paragraphs(), &[0]);
    }
}
