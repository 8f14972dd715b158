//! Anaphoric dates: `उसी दिन`, `उस दिन`, `the same day`, `that day` take the last date of day
//! granularity found before them in the text (none before: the phrase is read and dropped).

use super::{FoundDate, Read, Scan};
use khabar_model::Granularity;

/// An anaphoric phrase at `i`, dated by the last day-granular date in `before`.
#[inline]
pub(super) fn anaphoric(s: &Scan<'_, '_>, i: usize, before: &[FoundDate]) -> Read {
    let toks = s.toks;
    let key = toks[i].key();
    let day_next = |w: &str| toks.get(i + 1).is_some_and(|n| n.is_word(w));
    let n = match key {
        "उसी" | "उस" if day_next("दिन") => 2,
        "same" | "that" if day_next("day") => 2,
        _ => return None,
    };
    let start = if key == "same" && i > 0 && matches!(toks[i - 1].key(), "the" | "that") {
        i - 1
    } else {
        i
    };
    let found = before
        .iter()
        .rev()
        .find(|f| f.granularity == Granularity::Day)
        .map(|prev| s.found((start, i + n), prev.date, Granularity::Day, "anaphoric"));
    Some((found, i + n))
}
