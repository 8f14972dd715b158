//! The tense of the clause around a date expression (which way `कल`, a weekday or a month
//! without a year points): clauses end at sentence ends and at the complementiser `कि`/`that`;
//! within a clause the part between commas around the expression decides when it has a
//! tense marker.

use super::absolute::adjacent;
use crate::lex::{Tok, TokKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
}

fn is_future_verb(key: &str) -> bool {
    // "हो सकती है" (may happen) looks forward too
    if matches!(
        key,
        "will" | "shall" | "won't" | "tomorrow" | "might" | "सकता" | "सकती" | "सकते"
    ) {
        return true;
    }
    let chars: Vec<char> = key.chars().collect();
    let n = chars.len();
    if n < 3 || chars[n - 2] != 'ग' || !matches!(chars[n - 1], 'ा' | 'ी' | 'े') {
        // -गीं / -गें
        if n >= 4 && chars[n - 3] == 'ग' && matches!(chars[n - 2], 'ी' | 'े') && chars[n - 1] == 'ं'
        {
            return matches!(chars[n - 4], 'े' | 'ो' | 'ू' | 'ए' | 'ं' | 'ओ');
        }
        return false;
    }
    matches!(chars[n - 3], 'े' | 'ो' | 'ू' | 'ए' | 'ं' | 'ओ')
}

fn is_past_marker(key: &str) -> bool {
    matches!(
        key,
        "था" | "थी"
            | "थे"
            | "थीं"
            | "ने"
            | "गया"
            | "गई"
            | "गए"
            | "गयी"
            | "गये"
            | "किया"
            | "किए"
            | "किये"
            | "कहा"
            | "हुआ"
            | "हुई"
            | "हुए"
            | "दिया"
            | "लिया"
            | "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "yesterday"
    ) || (key.is_ascii() && key.len() > 4 && key.ends_with("ed"))
}

/// Clause boundaries: sentence ends and complementisers.
fn is_sentence_end(text: &str, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if t.kind == TokKind::Punct && matches!(t.key(), "।" | "॥" | "?" | "!" | "|") {
        return true;
    }
    if t.is_punct('.') && !adjacent(toks, k, k + 1) {
        return true;
    }
    if let Some(n) = toks.get(k + 1) {
        if text[t.end..n.start].contains('\n') {
            return true;
        }
    }
    false
}

/// For each token, the (start, end) token range of its clause.
pub(super) fn clauses(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); toks.len()];
    let mut start = 0;
    for k in 0..toks.len() {
        let boundary_after = is_sentence_end(text, toks, k);
        let comp = toks[k].is_word("कि") || toks[k].is_word("that");
        if comp || boundary_after || k + 1 == toks.len() {
            let end = k + 1;
            for o in out.iter_mut().take(end).skip(start) {
                *o = (start, end);
            }
            start = end;
        }
    }
    out
}

/// Tense markers of a token range: (future, past).
fn markers(toks: &[Tok], from: usize, to: usize) -> (bool, bool) {
    let slice = toks.get(from..to).unwrap_or(&[]);
    (
        slice.iter().any(|t| is_future_verb(t.key())),
        slice.iter().any(|t| is_past_marker(t.key())),
    )
}

/// The tense for the expression at token `k` in clause `range`: read from the comma-bounded
/// part of the clause around `k` when that part has a verb ("The president will travel on
/// Friday, officials said"), else from the whole clause ("रविवार को, रूस ने घोषणा की").
pub(super) fn tense(toks: &[Tok], range: (usize, usize), k: usize) -> Tense {
    let comma = |t: &Tok| t.is_punct(',');
    let from = (range.0..k)
        .rev()
        .find(|&x| comma(&toks[x]))
        .map_or(range.0, |x| x + 1);
    let to = (k..range.1).find(|&x| comma(&toks[x])).unwrap_or(range.1);
    let (mut future, mut past) = markers(toks, from, to);
    if !future && !past {
        (future, past) = markers(toks, range.0, range.1);
    }
    if future && !past {
        Tense::Future
    } else {
        Tense::Past
    }
}
