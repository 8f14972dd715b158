//! The calendar's words: month and weekday names and abbreviations (Hindi and English) and
//! zone abbreviations, and the lexemes that name a month or a weekday.

use crate::lex::{Tok, TokKind};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const MONTHS: &[(&str, u32)] = &[
    ("जनवरी", 1),
    ("फरवरी", 2),
    ("मार्च", 3),
    ("अप्रैल", 4),
    ("अप्रेल", 4),
    ("अप्रील", 4),
    ("मई", 5),
    ("जून", 6),
    ("जुलाई", 7),
    ("अगस्त", 8),
    ("सितंबर", 9),
    ("सितमबर", 9),
    ("अक्टूबर", 10),
    ("अक्तूबर", 10),
    ("अक्तुबर", 10),
    ("नवंबर", 11),
    ("दिसंबर", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

const MONTH_ABBR: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekdays, Monday = 0.
const WEEKDAYS: &[(&str, u32)] = &[
    ("सोमवार", 0),
    ("मंगलवार", 1),
    ("बुधवार", 2),
    ("गुरुवार", 3),
    ("गुरूवार", 3),
    ("बृहस्पतिवार", 3),
    ("वीरवार", 3),
    ("शुक्रवार", 4),
    ("शनिवार", 5),
    ("रविवार", 6),
    ("इतवार", 6),
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
];

const WEEKDAY_ABBR: &[(&str, u32)] = &[
    ("mon", 0),
    ("tue", 1),
    ("tues", 1),
    ("wed", 2),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("fri", 4),
    ("sat", 5),
    ("sun", 6),
];

/// Zone abbreviations → offset in minutes east of UTC. BST is British Summer Time.
pub(super) const ZONES: &[(&str, i32)] = &[
    ("ist", 330),
    ("आईएसटी", 330),
    ("gmt", 0),
    ("utc", 0),
    ("z", 0),
    ("pkt", 300),
    ("npt", 345),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("msk", 180),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("jst", 540),
];

/// The month a month name or abbreviation names, in Hindi or English, in any case and with or
/// without nukta or a trailing dot (`जनवरी`, `फ़रवरी`, `Sept.`, `december`).
pub fn month_number(word: &str) -> Option<u32> {
    let key = crate::normalize::fold_word(word.trim().trim_end_matches('.'));
    MONTHS
        .iter()
        .chain(MONTH_ABBR.iter())
        .find(|(k, _)| *k == key)
        .map(|(_, m)| *m)
}

/// What a word is in the calendar tables: the value of its first entry in each (`None` when
/// the table does not have it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Calendar {
    month: Option<u32>,
    month_abbr: Option<u32>,
    weekday: Option<u32>,
    weekday_abbr: Option<u32>,
}

/// A word table, and the field of [`Calendar`] it fills.
type Table = &'static [(&'static str, u32)];
type Field = fn(&mut Calendar) -> &mut Option<u32>;

/// The calendar tables of `key`, through one hash map built once over all four tables (a
/// scan of the tables at every token was a tenth of date finding; a map per table cost a
/// lookup per table, and most words are in none).
fn calendar(key: &str) -> Option<&'static Calendar> {
    static MAP: OnceLock<FxHashMap<&'static str, Calendar>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: FxHashMap<&'static str, Calendar> = FxHashMap::default();
        let tables: [(Table, Field); 4] = [
            (MONTHS, |c| &mut c.month),
            (MONTH_ABBR, |c| &mut c.month_abbr),
            (WEEKDAYS, |c| &mut c.weekday),
            (WEEKDAY_ABBR, |c| &mut c.weekday_abbr),
        ];
        for (table, field) in tables {
            for &(k, v) in table {
                // The first entry of a word wins, as in a scan.
                field(m.entry(k).or_default()).get_or_insert(v);
            }
        }
        m
    })
    .get(key)
}

/// Month of the token at `i`: (month, tokens used, needs a day or year next to it).
pub(super) fn month_at(text: &str, toks: &[Tok], i: usize) -> Option<(u32, usize, bool)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let c = calendar(t.key())?;
    if let Some(m) = c.month {
        let latin = t.key().is_ascii();
        let capital = text[t.start..].starts_with(|c: char| c.is_uppercase());
        let ambiguous = matches!(t.key(), "मार्च" | "मई" | "march" | "may") || (latin && !capital);
        return Some((m, 1, ambiguous));
    }
    if let Some(m) = c.month_abbr {
        let dot = usize::from(
            toks.get(i + 1)
                .is_some_and(|d| d.is_punct('.') && d.start == t.end),
        );
        return Some((m, 1 + dot, true));
    }
    None
}

pub(super) fn weekday_at(toks: &[Tok], i: usize, abbr: bool) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let c = calendar(t.key())?;
    if let Some(d) = c.weekday {
        return Some((d, 1));
    }
    if abbr {
        if let Some(d) = c.weekday_abbr {
            let dot = usize::from(
                toks.get(i + 1)
                    .is_some_and(|d| d.is_punct('.') && d.start == t.end),
            );
            return Some((d, 1 + dot));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_numbers() {
        assert_eq!(month_number("फ़रवरी"), Some(2));
        assert_eq!(month_number("फरवरी"), Some(2));
        assert_eq!(month_number("सितम्बर"), Some(9));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("DECEMBER"), Some(12));
        assert_eq!(month_number("सोमवार"), None);
    }

    #[test]
    fn table_maps_answer_like_a_scan() {
        let scan = |table: &[(&str, u32)], key: &str| {
            table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
        };
        let keys = [MONTHS, MONTH_ABBR, WEEKDAYS, WEEKDAY_ABBR]
            .into_iter()
            .flat_map(|t| t.iter().map(|(k, _)| *k))
            .chain(["", "x", "जनवरीi", "mond"]);
        for key in keys {
            let c = calendar(key).copied().unwrap_or_default();
            assert_eq!(c.month, scan(MONTHS, key), "{key}");
            assert_eq!(c.month_abbr, scan(MONTH_ABBR, key), "{key}");
            assert_eq!(c.weekday, scan(WEEKDAYS, key), "{key}");
            assert_eq!(c.weekday_abbr, scan(WEEKDAY_ABBR, key), "{key}");
        }
    }
}
