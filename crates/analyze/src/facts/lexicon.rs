//! Word-sequence lexicons: the team's trigger, cue and noun lists (`crates/analyze/lexicons/`),
//! parsed once and matched on folded tokens.

use crate::hashing::HashMap;

/// A word of the article with its folded key.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// [`khabar_text::fold_word`] of the word.
    pub key: String,
    pub number: bool,
}

/// The words of a document, folded.
pub(crate) fn tokenize(doc: &khabar_text::doc::Doc<'_>) -> Vec<Tok> {
    doc.words()
        .iter()
        .zip(doc.norms())
        .map(|(t, norm)| Tok {
            start: t.span.start,
            end: t.span.end,
            key: norm.to_string(),
            number: t.kind == khabar_text::TokenKind::Number,
        })
        .collect()
}

/// True when only spaces (or a hyphen) separate two tokens: they can belong to one phrase.
pub(crate) fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|g| g.len() <= 8 && g.chars().all(|c| c.is_whitespace() || c == '-'))
}

/// Expand `{a,b,}` alternatives (nested groups allowed, empty alternatives drop the part).
pub(crate) fn expand(s: &str) -> Vec<String> {
    let Some(open) = s.find('{') else {
        return vec![s.split_whitespace().collect::<Vec<_>>().join(" ")];
    };
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in s[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return vec![s.replace(['{', '}'], "")];
    };
    let inner = &s[open + 1..close];
    let mut alts = Vec::new();
    let mut depth = 0usize;
    let mut last = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                alts.push(&inner[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    alts.push(&inner[last..]);
    let mut out = Vec::new();
    for alt in alts {
        let joined = format!("{}{}{}", &s[..open], alt, &s[close + 1..]);
        for e in expand(&joined) {
            if !e.is_empty() && !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// A phrase list keyed by its first folded word.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
    len: usize,
}

impl<T: Clone> Lexicon<T> {
    pub fn new() -> Self {
        Lexicon {
            by_first: HashMap::default(),
            len: 0,
        }
    }

    /// Add a phrase (with `{…}` alternatives) for `value`.
    pub fn add(&mut self, phrase: &str, value: T) {
        for p in expand(phrase) {
            let keys: Vec<String> = tokenize(&khabar_text::doc::Doc::new(&p))
                .into_iter()
                .map(|t| t.key)
                .collect();
            let Some(first) = keys.first().cloned() else {
                continue;
            };
            let list = self.by_first.entry(first).or_default();
            if list.iter().any(|(k, _)| *k == keys) {
                continue;
            }
            list.push((keys, value.clone()));
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
            self.len += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The longest phrase starting at token `i` and ending before token `limit`:
    /// (number of tokens, value).
    pub fn match_at(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        limit: usize,
    ) -> Option<(usize, &T)> {
        let list = self.by_first.get(&toks.get(i)?.key)?;
        'outer: for (keys, v) in list {
            if i + keys.len() > limit.min(toks.len()) {
                continue;
            }
            for (k, key) in keys.iter().enumerate().skip(1) {
                let t = &toks[i + k];
                if t.key != *key || !joined(text, &toks[i + k - 1], t) {
                    continue 'outer;
                }
            }
            return Some((keys.len(), v));
        }
        None
    }

    /// Longest non-overlapping matches in tokens `from..to`, left to right: (start, len, value).
    pub fn find_all(
        &self,
        text: &str,
        toks: &[Tok],
        from: usize,
        to: usize,
    ) -> Vec<(usize, usize, &T)> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            if let Some((n, v)) = self.match_at(text, toks, i, to) {
                out.push((i, n, v));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// Parse a tab-separated lexicon: comment lines start with `#`; returns the fields of each line.
pub(crate) fn rows(data: &str, fields: usize) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(move |f| f.len() == fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_alternatives() {
        assert_eq!(expand("a {b,c} d"), vec!["a b d", "a c d"]);
        assert_eq!(expand("x {y,}"), vec!["x y", "x"]);
        assert_eq!(expand("{p {q,r},s}"), vec!["p q", "p r", "s"]);
    }

    #[test]
    fn folds_nukta_and_case() {
        let fold = khabar_text::fold_word;
        assert_eq!(fold("कज़ाख़"), fold("कजाख"));
        assert_eq!(fold("\u{095B}"), "ज");
        assert_eq!(fold("Said"), "said");
    }

    #[test]
    fn longest_match_wins_and_needs_adjacent_words() {
        let mut l = Lexicon::new();
        l.add("आपातकाल", 1);
        l.add("आपातकाल की घोषणा", 2);
        let text = "टोकायव ने आपातकाल की घोषणा की";
        let toks = tokenize(&khabar_text::doc::Doc::new(text));
        let m = l.find_all(text, &toks, 0, toks.len());
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].1, *m[0].2), (3, 2));
        let text = "आपातकाल की, घोषणा";
        let toks = tokenize(&khabar_text::doc::Doc::new(text));
        let m = l.find_all(text, &toks, 0, toks.len());
        assert_eq!((m[0].1, *m[0].2), (1, 1));
    }
}
