//! Excerpts around query matches, for result lists.

use crate::analyzer::{word_matches, QueryWord};
use khabar_text::words;

/// A short excerpt of `text` (about `width` bytes) around the first word that matches the
/// query, with the byte ranges of matching words inside the excerpt (for highlighting).
pub fn snippet(text: &str, query: &[QueryWord], width: usize) -> (String, Vec<(usize, usize)>) {
    let ws = words(text);
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
    // Start and end on word edges when possible.
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

    proptest! {
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
