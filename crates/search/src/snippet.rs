//! Excerpts around query matches, for result lists.

use crate::analyzer::{QueryMatcher, QueryWord};
use khabar_model::Span;
use khabar_text::segment::{word_iter, Words};
use khabar_text::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// A short excerpt of `text` (about `width` bytes) around the first word that matches the
/// query, with the byte ranges of matching words inside the excerpt (for highlighting).
/// (For many texts and one query, [`Snippets`] remembers word matches across texts.)
pub fn snippet(text: &str, query: &[QueryWord], width: usize) -> Excerpt {
    Snippets::new(query).snippet(text, width)
}

/// Most distinct words a [`Snippets`] remembers.
const MEMO_WORDS: usize = 50_000;

/// Snippets of many texts for one query (a page of search results): whether a word matches
/// is computed once per distinct word, not once per occurrence.
#[derive(Debug)]
pub struct Snippets<'q> {
    m: QueryMatcher<'q>,
    /// Keyed by the word with a fast hasher: the lookup runs once per word of every excerpt.
    seen: FxHashMap<String, bool>,
}

impl<'q> Snippets<'q> {
    pub fn new(query: &'q [QueryWord]) -> Self {
        Snippets {
            m: QueryMatcher::new(query),
            seen: FxHashMap::default(),
        }
    }

    fn matches(&mut self, t: &Token<'_>) -> bool {
        // Numbers are matched through their word term only: cheap, and not remembered.
        if t.kind == TokenKind::Number {
            return self.m.matches(t.text, t.kind);
        }
        if let Some(&hit) = self.seen.get(t.text) {
            return hit;
        }
        let hit = self.m.matches(t.text, t.kind);
        if self.seen.len() < MEMO_WORDS {
            self.seen.insert(t.text.to_string(), hit);
        }
        hit
    }

    /// The excerpt of `text` and its marks, as [`snippet`].
    pub fn snippet(&mut self, text: &str, width: usize) -> Excerpt {
        // A &str is UTF-8: reading it cannot fail.
        self.snippet_utf8(text.as_bytes(), width)
            .unwrap_or_else(|_| (String::new(), Vec::new()))
    }

    /// The excerpt of a text stored as UTF-8 bytes, as [`Snippets::snippet`] of the whole
    /// text, reading (checking the UTF-8 of, and segmenting) only as much as it needs: the text
    /// up to a little past the first match and the end of the excerpt, once. An error when the
    /// bytes read are not UTF-8.
    ///
    /// Each word is matched at most once, with only the terms that can equal a query term
    /// ([`QueryMatcher`]).
    pub fn snippet_utf8(
        &mut self,
        bytes: &[u8],
        width: usize,
    ) -> Result<Excerpt, std::str::Utf8Error> {
        self.snippet_read(bytes, width, FIRST_READ.max(width.saturating_mul(2)), true)
    }

    /// The excerpt of a text in which no word matches the query (the search index says so:
    /// [`crate::Hits::in_text`]): its lead, as [`Snippets::snippet_utf8`] would give it after
    /// looking through the whole text.
    pub fn lead_utf8(
        &mut self,
        bytes: &[u8],
        width: usize,
    ) -> Result<Excerpt, std::str::Utf8Error> {
        self.snippet_read(bytes, width, FIRST_READ.max(width.saturating_mul(2)), false)
    }

    /// [`Snippets::snippet_utf8`] reading `first` bytes (to the next word edge) first; with
    /// `look` false, as if no word of the text matched.
    fn snippet_read(
        &mut self,
        bytes: &[u8],
        width: usize,
        first: usize,
        look: bool,
    ) -> Result<Excerpt, std::str::Utf8Error> {
        let len = bytes.len();
        let look = look && !self.m.is_empty();
        // Words up to the first match (or all of them), with whether each matched (None: not
        // looked at yet).
        let mut ws: Vec<(Token<'_>, Option<bool>)> = Vec::new();
        let mut it = TextWords::new(bytes, first);
        let mut center = None;
        if look {
            while let Some(t) = it.next_word()? {
                let hit = self.matches(&t);
                let start = t.span.start;
                ws.push((t, Some(hit)));
                if hit {
                    center = Some(start);
                    break;
                }
            }
        } else if let Some(t) = it.next_word()? {
            ws.push((t, Some(false)));
        }
        // No match: the excerpt starts at the first word.
        let center = center
            .or_else(|| ws.first().map(|(t, _)| t.span.start))
            .unwrap_or(0);
        let mut start = center.saturating_sub(width / 3);
        while start > 0 && !is_char_start(bytes, start) {
            start -= 1;
        }
        let mut end = start.saturating_add(width).min(len);
        while end < len && !is_char_start(bytes, end) {
            end += 1;
        }
        // The words that reach into the excerpt (one past its end is enough).
        if ws.last().is_none_or(|(t, _)| t.span.start < end) {
            while let Some(t) = it.next_word()? {
                let past = t.span.start >= end;
                ws.push((t, None));
                if past {
                    break;
                }
            }
        }
        // Start and end on word edges when possible.
        if start > 0 {
            if let Some((t, _)) = ws.iter().find(|(t, _)| t.span.start >= start) {
                if t.span.start < end {
                    start = t.span.start;
                }
            }
        }
        if end < len {
            if let Some((t, _)) = ws.iter().rev().find(|(t, _)| t.span.end <= end) {
                if t.span.end > start {
                    end = t.span.end;
                }
            }
        }
        let excerpt = match bytes.get(start..end) {
            Some(b) => utf8(b)?.replace('\n', " "),
            None => String::new(),
        };
        let marks = if !look {
            Vec::new()
        } else {
            ws.iter()
                .filter(|(t, _)| t.span.start >= start && t.span.end <= end)
                .filter(|(t, hit)| hit.unwrap_or_else(|| self.matches(t)))
                .map(|(t, _)| (t.span.start - start, t.span.end - start))
                .collect()
        };
        Ok((excerpt, marks))
    }
}

/// `bytes` as text, checked with SIMD (`simdutf8`: several times faster than the standard
/// library on Devanagari, where most bytes are not ASCII); the standard library's error, with
/// its details, when they are not UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// Is byte `i` of UTF-8 `bytes` the first byte of a character (or the end)?
fn is_char_start(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|&b| !(0x80..0xC0).contains(&b))
}

/// The words of a text stored as UTF-8 bytes, read in growing parts that each end just after a
/// space or line break (words never cross one, so a part's words are the whole text's words
/// there); each part is checked as UTF-8 when it is read.
struct TextWords<'a> {
    bytes: &'a [u8],
    /// Bytes read so far (checked and handed to `words`).
    read: usize,
    /// How many bytes the next part should reach, at least.
    want: usize,
    /// Words of the last part read, and where that part starts.
    words: Option<(Words<'a>, usize)>,
}

impl<'a> TextWords<'a> {
    fn new(bytes: &'a [u8], first: usize) -> Self {
        TextWords {
            bytes,
            read: 0,
            want: first,
            words: None,
        }
    }

    /// The next word with its span in the whole text, None at the end, an error when a part
    /// read is not UTF-8.
    fn next_word(&mut self) -> Result<Option<Token<'a>>, std::str::Utf8Error> {
        loop {
            if let Some((words, offset)) = &mut self.words {
                if let Some(t) = words.next() {
                    return Ok(Some(Token {
                        span: Span::new(t.span.start + *offset, t.span.end + *offset),
                        ..t
                    }));
                }
            }
            if self.read >= self.bytes.len() {
                return Ok(None);
            }
            let cut = word_cut(self.bytes, self.want.max(self.read));
            let part = utf8(self.bytes.get(self.read..cut).unwrap_or_default())?;
            self.words = Some((word_iter(part), self.read));
            self.read = cut;
            self.want = cut.saturating_mul(2);
        }
    }
}

/// An excerpt and the byte ranges of the matching words in it.
pub type Excerpt = (String, Vec<(usize, usize)>);

/// How many bytes [`Snippets::snippet_utf8`] reads first, at least (twice the excerpt's
/// width when that is more): most first matches are in the first lines. Each further part
/// doubles what has been read.
const FIRST_READ: usize = 512;

/// Just after the first space or line break at or after `want` in `bytes`, or the end.
fn word_cut(bytes: &[u8], want: usize) -> usize {
    bytes
        .get(want..)
        .and_then(|rest| memchr::memchr2(b' ', b'\n', rest))
        .map_or(bytes.len(), |i| want + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::parse_query;
    use proptest::prelude::*;

    #[test]
    fn marks_matches_across_spellings_and_scripts() {
        let q = parse_query("हजार");
        let (s, marks) = snippet("शुरू में कुछ नहीं। फिर दस हज़ार लोग आए।", &q, 60);
        assert_eq!(marks.len(), 1);
        let (a, b) = marks[0];
        assert_eq!(&s[a..b], "हज़ार");
        let q = parse_query("modi");
        let (s, marks) = snippet("कल मोदी ने कहा।", &q, 60);
        assert_eq!(marks.len(), 1);
        assert_eq!(&s[marks[0].0..marks[0].1], "मोदी");
    }

    #[test]
    fn excerpt_is_centred_on_the_first_match() {
        let text = format!("{} बाढ़ आई।", "शब्द ".repeat(200));
        let (s, marks) = snippet(&text, &parse_query("बाढ़"), 120);
        assert!(s.len() <= 130, "{}", s.len());
        assert_eq!(marks.len(), 1);
    }

    /// The first version: every word segmented and matched with [`word_matches`].
    fn snippet_reference(
        text: &str,
        query: &[QueryWord],
        width: usize,
    ) -> (String, Vec<(usize, usize)>) {
        use crate::analyzer::word_matches;
        let ws = khabar_text::words(text);
        let first = ws
            .iter()
            .position(|t| word_matches(t.text, t.kind, query))
            .unwrap_or(0);
        let center = ws.get(first).map(|t| t.span.start).unwrap_or(0);
        let mut start = center.saturating_sub(width / 3);
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = start.saturating_add(width).min(text.len());
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        if start > 0 {
            if let Some(t) = ws.iter().find(|t| t.span.start >= start) {
                if t.span.start < end {
                    start = t.span.start;
                }
            }
        }
        if end < text.len() {
            if let Some(t) = ws.iter().rev().find(|t| t.span.end <= end) {
                if t.span.end > start {
                    end = t.span.end;
                }
            }
        }
        let excerpt = text.get(start..end).unwrap_or("").replace('\n', " ");
        let marks = ws
            .iter()
            .filter(|t| t.span.start >= start && t.span.end <= end)
            .filter(|t| word_matches(t.text, t.kind, query))
            .map(|t| (t.span.start - start, t.span.end - start))
            .collect();
        (excerpt, marks)
    }

    #[test]
    fn same_as_the_reference_on_mixed_texts() {
        let text = "कल दिल्ली में भारी बारिश हुई। Delhi Police ने कहा कि 1,200 लोग बाढ़ से प्रभावित हुए, \
                    और मोदीजी ने दौरा किया। Modi visited flood-hit areas on Monday.\nपुलिस अलर्ट पर है।";
        for q in [
            "बाढ़",
            "modi",
            "Delhi",
            "dilli",
            "पुलिस",
            "1,200",
            "flood",
            "बारिश मोदी",
            "xyz",
            "",
        ] {
            for w in [0, 10, 40, 120, 240, 1000] {
                assert_eq!(
                    snippet(text, &parse_query(q), w),
                    snippet_reference(text, &parse_query(q), w),
                    "{q} {w}"
                );
            }
        }
    }

    #[test]
    fn reads_only_the_part_it_needs_and_checks_its_utf8() {
        let q = parse_query("बाढ़");
        let mut text = "पहली पंक्ति में बाढ़ आई।\n".as_bytes().to_vec();
        text.extend("भरने वाली पंक्ति।\n".repeat(200).as_bytes());
        let good = Snippets::new(&q).snippet_utf8(&text, 60).unwrap();
        // Bytes that are not UTF-8 far past the excerpt are never read...
        let mut broken = text.clone();
        broken.extend([0xff, 0xfe]);
        assert_eq!(Snippets::new(&q).snippet_utf8(&broken, 60).unwrap(), good);
        assert_eq!(good.1.len(), 1);
        // ...but those in the part read are an error, not a panic.
        let mut early = vec![0xff];
        early.extend(&text);
        assert!(Snippets::new(&q).snippet_utf8(&early, 60).is_err());
        // A match far down is found by reading on.
        let mut late = "भरने वाली पंक्ति।\n".repeat(300).into_bytes();
        late.extend("अंत में बाढ़।".as_bytes());
        let (s, marks) = Snippets::new(&q).snippet_utf8(&late, 60).unwrap();
        assert_eq!(marks.len(), 1, "{s}");
    }

    #[test]
    fn one_snippets_for_many_texts_is_the_same_as_one_each() {
        let texts = [
            "कल दिल्ली में बाढ़ आई। Delhi Police ने कहा।",
            "बाढ़ से 1,200 लोग प्रभावित। पुलिस तैनात।",
            "कोई मेल नहीं।",
            "Modi ने बाढ़ क्षेत्र का दौरा किया।",
        ];
        for q in ["बाढ़", "delhi पुलिस", "modi", "1,200"] {
            let pq = parse_query(q);
            let mut many = Snippets::new(&pq);
            for t in texts {
                assert_eq!(
                    many.snippet(t, 30),
                    snippet_reference(t, &pq, 30),
                    "{q} {t}"
                );
            }
        }
    }

    /// Query and text strategies for the property tests: Latin and Devanagari letters,
    /// signs, digits, separators and line breaks.
    const QUERY: &str = "[a-zA-Z क-ह ा-ौ ्ंँ़0-9]{0,12}";
    const TEXT: &str = "[a-zA-Z क-ह ा-ौ ्ंँ़0-9,.।\n]{0,600}";

    proptest! {
        /// Whatever is read first, the excerpt is the reference's (whole text segmented).
        #[test]
        fn same_as_the_reference(
            q in QUERY,
            t in TEXT,
            w in 0usize..300,
            first in 0usize..400,
        ) {
            let pq = parse_query(&q);
            let reference = snippet_reference(&t, &pq, w);
            prop_assert_eq!(&snippet(&t, &pq, w), &reference);
            let mut many = Snippets::new(&pq);
            prop_assert_eq!(many.snippet_read(t.as_bytes(), w, first, true).ok(), Some(reference));
        }

        #[test]
        fn the_lead_is_the_excerpt_of_a_text_without_a_match(
            q in QUERY,
            t in TEXT,
            w in 0usize..300,
        ) {
            let pq = parse_query(&q);
            let lead = Snippets::new(&pq).lead_utf8(t.as_bytes(), w).ok();
            prop_assert_eq!(lead.clone(), Some(snippet_reference(&t, &[], w)));
            // When no word matches, looking gives the same.
            let none = !khabar_text::words(&t)
                .iter()
                .any(|tk| crate::analyzer::word_matches(tk.text, tk.kind, &pq));
            if none {
                prop_assert_eq!(lead, Some(snippet_reference(&t, &pq, w)));
            }
        }

        #[test]
        fn marks_lie_inside_the_excerpt(q in "\\PC{0,40}", t in "\\PC{0,200}", w in 0usize..300) {
            let pq = parse_query(&q);
            let (s, marks) = snippet(&t, &pq, w);
            for (a, b) in marks {
                prop_assert!(s.get(a..b).is_some());
            }
        }
    }
}
