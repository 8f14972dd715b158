//! Absolute, weekday, relative and anaphoric dates in Hindi and English.
//!
//! * [`parse_timestamp`] reads the first absolute date or date-time of a metadata line
//!   (`Published: Mon, 10 Jan 2022 09:03 PM (IST)`, `जनवरी 10, 2022`, `2022-01-10T10:00:00Z`,
//!   `10/01/2022`). It needs a month name with day and year, or a full numeric date, so it does
//!   not fire on ordinary numbers.
//! * [`find_dates`] finds every date expression of a body text and resolves it against the
//!   publication date.
//!
//! Resolution rules (documented behaviour):
//!
//! * **absolute**: `6 जनवरी`, `10 Jan 2022`, `जनवरी 10, 2022`, `2022-01-10`, `10/01/2022` (day
//!   first, Indian order; month first only when the day first cannot be), `सोमवार, 10 जनवरी 2022`.
//!   Without a year, the year that puts the day closest to publication (a day after publication
//!   counts double unless the clause is in the future tense). A month with a year (`जनवरी 2022`)
//!   or alone (`जनवरी में`) has month granularity; a month alone resolves to the last such month
//!   on or before publication (the next one in future tense). `मार्च`/`मई`/`March`/`May` and
//!   abbreviations are dates only next to a day number or a year (`मार्च` is also "a march").
//! * **weekday**: `सोमवार को`, `on Sunday` → the most recent such day on or before publication,
//!   or the next one on or after publication when the clause is in the future tense;
//!   `पिछले/बीते सोमवार`, `last Monday` → strictly before; `अगले/आगामी सोमवार`, `next Monday` →
//!   strictly after.
//! * **relative**: `आज`/`today` (publication day), `कल` (yesterday in past or unknown tense,
//!   tomorrow in future tense), `परसों` (±2 days likewise), `yesterday`, `tomorrow`, `बीती रात`/
//!   `last night`, `N दिन पहले`/`N days ago`; `पिछले/बीते/गत सप्ताह`, `last week` (week
//!   granularity, dated on the Monday of that week), `इस/अगले सप्ताह`, the same for month and year;
//!   `बीते/पिछले दिनों` ("recently") → the previous week, week granularity.
//! * **anaphoric**: `उसी दिन`, `उस दिन`, `the same day`, `that day` → the last date of day
//!   granularity found before it in the text.
//!
//! Tense is read from the clause holding the expression: its sentence, cut at the complementiser
//! `कि`/`that` (so in "रविवार को रूस ने घोषणा की कि पुतिन भाग लेंगे" the weekday goes with the
//! past `घोषणा की`, not with the reported future `लेंगे`), and within it from the part between
//! commas around the expression when that part has a tense marker. Future: a verb in `-गा/-गी/-गे`
//! after a vowel sign (`लेंगे`, `होगा`, `जाएगी`) or `will`/`shall`; past: `था/थी/थे`, `ने`,
//! `गया/गई/गए`, `किया`, `कहा`, `हुआ/हुई/हुए`, or an English past form. Spans exclude the
//! postposition `को` and the preposition `on`.

use crate::lex::{tokens, Tok, TokKind};
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use khabar_model::{Granularity, PubTime, Span};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A date expression resolved to the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    /// Byte span in the text (without `को` / `on`).
    pub span: Span,
    /// The day; the first day of the week (Monday), month or year for coarser granularity.
    pub date: NaiveDate,
    pub granularity: Granularity,
    /// `absolute`, `weekday`, `relative` or `anaphoric`.
    pub resolution: &'static str,
}

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
const ZONES: &[(&str, i32)] = &[
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
fn month_at(text: &str, toks: &[Tok], i: usize) -> Option<(u32, usize, bool)> {
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

fn weekday_at(toks: &[Tok], i: usize, abbr: bool) -> Option<(u32, usize)> {
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

fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
    matches!((toks.get(a), toks.get(b)), (Some(x), Some(y)) if x.end == y.start)
}

fn int_at(toks: &[Tok], i: usize, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Digits && digits.contains(&t.digit_count()) {
        t.digit_int()
    } else {
        None
    }
}

fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    int_at(toks, i, 4..=4)
        .filter(|y| (1900..=2100).contains(y))
        .and_then(|y| i32::try_from(y).ok())
}

/// A day number at `i`, with an optional `st/nd/rd/th` glued on: (day, tokens used).
fn day_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let d = int_at(toks, i, 1..=2).filter(|d| (1..=31).contains(d))?;
    // not glued to a preceding word or number part (G20, 1.5)
    if i > 0
        && adjacent(toks, i - 1, i)
        && (toks[i - 1].kind != TokKind::Punct
            || matches!(toks[i - 1].key(), "." | "," | "-" | "/"))
    {
        return None;
    }
    if adjacent(toks, i, i + 1) {
        let n = &toks[i + 1];
        if n.kind == TokKind::Word {
            return if matches!(n.key(), "st" | "nd" | "rd" | "th") {
                Some((d, 2))
            } else {
                None
            };
        }
    }
    Some((d, 1))
}

/// An absolute date (or date-time) found at a token position.
#[derive(Debug, Clone, PartialEq)]
struct Abs {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
    time: Option<NaiveTime>,
    offset: Option<FixedOffset>,
}

fn skip_comma(toks: &[Tok], j: usize) -> usize {
    if toks.get(j).is_some_and(|t| t.is_punct(',')) {
        j + 1
    } else {
        j
    }
}

/// Date (no time) at `i`.
fn date_at(text: &str, toks: &[Tok], i: usize) -> Option<Abs> {
    let abs = |end, year, month, day| Abs {
        start: i,
        end,
        year,
        month,
        day,
        time: None,
        offset: None,
    };
    // ISO 2022-01-10
    if let Some(y) = year_at(toks, i) {
        if toks.get(i + 1).is_some_and(|t| t.is_punct('-'))
            && toks.get(i + 3).is_some_and(|t| t.is_punct('-'))
            && (i..i + 4).all(|k| adjacent(toks, k, k + 1))
        {
            if let (Some(m), Some(d)) = (int_at(toks, i + 2, 1..=2), int_at(toks, i + 4, 1..=2)) {
                if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                    return Some(abs(i + 5, Some(y), m, Some(d)));
                }
            }
        }
    }
    // numeric 10/01/2022, 10-01-2022, 10.01.2022 (day first)
    if let (Some(a), Some(sep)) = (int_at(toks, i, 1..=2), toks.get(i + 1)) {
        if sep.kind == TokKind::Punct
            && matches!(sep.key(), "/" | "-" | ".")
            && toks.get(i + 3).is_some_and(|t| t.key() == sep.key())
            && (i..i + 4).all(|k| adjacent(toks, k, k + 1))
            && !(i > 0 && adjacent(toks, i - 1, i) && toks[i - 1].kind != TokKind::Punct)
        {
            if let (Some(b), Some(y)) = (int_at(toks, i + 2, 1..=2), year_at(toks, i + 4)) {
                if NaiveDate::from_ymd_opt(y, b, a).is_some() {
                    return Some(abs(i + 5, Some(y), b, Some(a)));
                }
                if NaiveDate::from_ymd_opt(y, a, b).is_some() {
                    return Some(abs(i + 5, Some(y), a, Some(b)));
                }
            }
        }
    }
    // 6 जनवरी [2022], 10 Jan, 2022, 10th of January, 24-Mar-2019, तीन अगस्त
    let word_day = toks
        .get(i)
        .filter(|t| t.kind == TokKind::Word && month_at(text, toks, i + 1).is_some())
        .and_then(|t| crate::numbers::parse_number(t.key()))
        .filter(|v| v.fract() == 0.0 && (1.0..=31.0).contains(v))
        .map(|v| (v as u32, 1usize));
    if let Some((d, n)) = day_at(toks, i).or(word_day) {
        let mut j = i + n;
        let mut sep: Option<&str> = None;
        if toks.get(j).is_some_and(|t| t.is_word("of")) {
            j += 1;
        } else if toks
            .get(j)
            .is_some_and(|t| (t.is_punct('-') || t.is_punct('/')) && adjacent(toks, j - 1, j))
        {
            sep = Some(toks[j].key());
            j += 1;
        }
        if let Some((m, k, ambiguous)) = month_at(text, toks, j) {
            let mut end = j + k;
            let year = if let Some(sep) = sep {
                // 24-Mar-2019: the year must follow with the same separator
                if toks.get(end).is_some_and(|t| t.key() == sep) {
                    year_at(toks, end + 1)
                } else {
                    None
                }
            } else {
                year_at(toks, skip_comma(toks, end))
            };
            let ok = if sep.is_some() {
                year.is_some()
            } else {
                word_day.is_none()
                    || !ambiguous
                    || year.is_some()
                    || toks
                        .get(end)
                        .is_some_and(|t| matches!(t.key(), "को" | "से" | "तक"))
            };
            if ok {
                if year.is_some() {
                    end = if sep.is_some() {
                        end + 2
                    } else {
                        skip_comma(toks, end) + 1
                    };
                }
                return Some(abs(end, year, m, Some(d)));
            }
        }
    }
    // जनवरी 10, 2022 / January 10 / जनवरी 2022
    if let Some((m, k, _)) = month_at(text, toks, i) {
        let j = i + k;
        if let Some((d, n)) = day_at(toks, j) {
            let c = skip_comma(toks, j + n);
            if let Some(y) = year_at(toks, c) {
                return Some(abs(c + 1, Some(y), m, Some(d)));
            }
            // a bare "मई 5" needs no year, but the day must not be a count ("मई 5 लोगों")
            let next_is_word = toks.get(j + n).is_some_and(|t| t.kind == TokKind::Word);
            if !next_is_word {
                return Some(abs(j + n, None, m, Some(d)));
            }
        }
        let c = skip_comma(toks, j);
        if let Some(y) = year_at(toks, c) {
            return Some(abs(c + 1, Some(y), m, None));
        }
    }
    None
}

/// A clock time at `j`: (time, offset, end token).
fn time_at(toks: &[Tok], j: usize) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
    let h = int_at(toks, j, 1..=2)?;
    if !(toks.get(j + 1).is_some_and(|t| t.is_punct(':')) && adjacent(toks, j, j + 1)) {
        return None;
    }
    let mi = int_at(toks, j + 2, 2..=2)?;
    let mut end = j + 3;
    let mut s = 0;
    if toks.get(end).is_some_and(|t| t.is_punct(':')) && adjacent(toks, end - 1, end) {
        if let Some(sec) = int_at(toks, end + 1, 2..=2) {
            s = sec;
            end += 2;
            // fractions of a second
            if toks.get(end).is_some_and(|t| t.is_punct('.'))
                && toks.get(end + 1).is_some_and(|t| t.kind == TokKind::Digits)
            {
                end += 2;
            }
        }
    }
    let mut hour = h;
    let ampm = toks.get(end).map(|t| t.key());
    match ampm {
        Some("am") | Some("pm") => {
            let pm = ampm == Some("pm");
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            end += 1;
        }
        Some("a") | Some("p")
            if toks.get(end + 1).is_some_and(|t| t.is_punct('.'))
                && toks.get(end + 2).is_some_and(|t| t.is_word("m")) =>
        {
            let pm = ampm == Some("p");
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = if hour == 12 { 0 } else { hour } + if pm { 12 } else { 0 };
            end += 3;
            if toks.get(end).is_some_and(|t| t.is_punct('.')) {
                end += 1;
            }
        }
        _ => {}
    }
    let time = NaiveTime::from_hms_opt(hour, mi, s)?;
    let (offset, end) = match zone_at(toks, end) {
        Some((o, e)) => (Some(o), e),
        None => (None, end),
    };
    Some((time, offset, end))
}

/// A zone at `j`: `IST`, `(IST)`, `Z`, `+05:30`, `+0530`, `GMT+5:30`.
fn zone_at(toks: &[Tok], j: usize) -> Option<(FixedOffset, usize)> {
    let numeric = |k: usize| -> Option<(FixedOffset, usize)> {
        let sign = match toks.get(k)?.key() {
            "+" => 1,
            "-" | "−" => -1,
            _ => return None,
        };
        let (h, m, end) = if toks.get(k + 2).is_some_and(|t| t.is_punct(':')) {
            (
                int_at(toks, k + 1, 1..=2)?,
                int_at(toks, k + 3, 2..=2)?,
                k + 4,
            )
        } else {
            let v = int_at(toks, k + 1, 1..=4)?;
            if toks.get(k + 1)?.digit_count() > 2 {
                (v / 100, v % 100, k + 2)
            } else {
                (v, 0, k + 2)
            }
        };
        if h > 14 || m > 59 {
            return None;
        }
        let secs = sign * i32::try_from(h * 3600 + m * 60).ok()?;
        Some((FixedOffset::east_opt(secs)?, end))
    };
    let open = usize::from(toks.get(j).is_some_and(|t| t.is_punct('(')));
    let k = j + open;
    let t = toks.get(k)?;
    let (off, mut end) = if t.kind == TokKind::Word {
        let (_, mins) = ZONES.iter().find(|(z, _)| *z == t.key())?;
        if t.key() == "z" && !(k > 0 && adjacent(toks, k - 1, k)) {
            return None;
        }
        match numeric(k + 1) {
            Some((o, e)) if matches!(t.key(), "gmt" | "utc") && adjacent(toks, k, k + 1) => (o, e),
            _ => (FixedOffset::east_opt(mins * 60)?, k + 1),
        }
    } else if open == 0 && adjacent(toks, j - 1, j) {
        numeric(j)?
    } else {
        return None;
    };
    if open == 1 {
        if toks.get(end).is_some_and(|t| t.is_punct(')')) {
            end += 1;
        } else {
            return None;
        }
    }
    Some((off, end))
}

/// Absolute date with an optional weekday before it and an optional time after it.
fn abs_at(text: &str, toks: &[Tok], i: usize) -> Option<Abs> {
    let mut start = i;
    let mut j = i;
    let mut paren = false;
    if let Some((_, n)) = weekday_at(toks, i, true) {
        let mut k = skip_comma(toks, i + n);
        // बुधवार (1 अप्रैल)
        if toks.get(k).is_some_and(|t| t.is_punct('(')) {
            k += 1;
            paren = true;
        }
        let closes = |a: &Abs| !paren || toks.get(a.end).is_some_and(|t| t.is_punct(')'));
        if date_at(text, toks, k).is_some_and(|a| a.day.is_some() && closes(&a)) {
            j = k;
        } else {
            return None;
        }
    }
    let mut a = date_at(text, toks, j)?;
    if paren {
        a.end += 1;
        a.start = start;
        return Some(a);
    }
    start = start.min(j);
    a.start = start;
    if a.day.is_some() && a.year.is_some() {
        // time: "09:03 PM (IST)", "T10:00:00Z", ", 11:22 AM", "at 5:31 PM"
        let mut k = a.end;
        if toks.get(k).is_some_and(|t| t.is_word("t")) && adjacent(toks, k - 1, k) {
            k += 1;
        } else {
            k = skip_comma(toks, k);
            if toks
                .get(k)
                .is_some_and(|t| t.is_word("at") || t.is_punct('|'))
            {
                k += 1;
            }
        }
        if let Some((time, offset, end)) = time_at(toks, k) {
            a.time = Some(time);
            a.offset = offset;
            a.end = end;
        }
    }
    Some(a)
}

/// The absolute date (or date-time) starting at each lexeme of a text, each read at most once
/// and kept: the date finder and the number finder (which skips the parts of dates) ask for the
/// same positions.
#[derive(Debug)]
pub(crate) struct AbsoluteDates {
    at: Vec<std::cell::OnceCell<Option<Abs>>>,
}

impl AbsoluteDates {
    /// Nothing read yet, for the lexemes `toks`.
    pub(crate) fn read(_text: &str, toks: &[Tok]) -> Self {
        AbsoluteDates {
            at: (0..toks.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// [`abs_at`], once per position (`text` and `toks` must be those the table was made for).
    fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<&Abs> {
        match self.at.get(i) {
            Some(cell) => cell.get_or_init(|| abs_at(text, toks, i)).as_ref(),
            None => None,
        }
    }

    /// Token ranges of absolute dates and date-times with a day or a year (used by the number
    /// finder to skip them).
    pub(crate) fn ranges(&self, text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.at(text, toks, i) {
                Some(a) if a.day.is_some() || a.year.is_some() => {
                    out.push((a.start, a.end));
                    i = a.end.max(i + 1);
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// The first absolute date or date-time in a metadata line, with its span.
///
/// Needs a day, a month and a year (month name or full numeric date). A time without a zone
/// gives [`PubTime::Local`], with a zone [`PubTime::Zoned`], no time [`PubTime::Date`].
pub fn parse_timestamp(s: &str) -> Option<(PubTime, Span)> {
    let toks = tokens(s);
    for i in 0..toks.len() {
        let Some(a) = abs_at(s, &toks, i) else {
            continue;
        };
        let (Some(y), Some(d)) = (a.year, a.day) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, a.month, d) else {
            continue;
        };
        let span = Span::new(toks[a.start].start, toks[a.end - 1].end);
        let t = match (a.time, a.offset) {
            (None, _) => PubTime::Date(date),
            (Some(t), None) => PubTime::Local(NaiveDateTime::new(date, t)),
            (Some(t), Some(o)) => match o.from_local_datetime(&NaiveDateTime::new(date, t)) {
                chrono::LocalResult::Single(z) => PubTime::Zoned(z),
                _ => PubTime::Local(NaiveDateTime::new(date, t)),
            },
        };
        return Some((t, span));
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
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
fn clauses(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
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
fn tense(toks: &[Tok], range: (usize, usize), k: usize) -> Tense {
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

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn month_start(y: i32, m: u32, delta: i32) -> Option<NaiveDate> {
    let idx = y * 12 + i32::try_from(m).ok()? - 1 + delta;
    NaiveDate::from_ymd_opt(
        idx.div_euclid(12),
        u32::try_from(idx.rem_euclid(12)).ok()? + 1,
        1,
    )
}

/// Resolve a day and month without a year.
fn resolve_year(month: u32, day: u32, published: NaiveDate, t: Tense) -> Option<NaiveDate> {
    let y = published.year();
    [y - 1, y, y + 1]
        .iter()
        .filter_map(|&yy| NaiveDate::from_ymd_opt(yy, month, day))
        .min_by_key(|d| {
            let diff = (*d - published).num_days();
            match (diff > 0, t) {
                (true, Tense::Past) => diff * 2,
                (false, Tense::Future) => -diff * 2,
                _ => diff.abs(),
            }
        })
}

fn weekday_date(published: NaiveDate, wd: u32, rule: i8) -> NaiveDate {
    // rule: -2 strictly before, -1 on or before, 1 on or after, 2 strictly after
    let p = i64::from(published.weekday().num_days_from_monday());
    let w = i64::from(wd);
    let back = (p - w).rem_euclid(7);
    let fwd = (w - p).rem_euclid(7);
    match rule {
        -2 => published - Duration::days(if back == 0 { 7 } else { back }),
        -1 => published - Duration::days(back),
        1 => published + Duration::days(fwd),
        _ => published + Duration::days(if fwd == 0 { 7 } else { fwd }),
    }
}

/// Direction words before a unit or weekday: -1 last, 0 this, 1 next.
fn direction(key: &str) -> Option<i32> {
    match key {
        "पिछले" | "पिछला" | "पिछली" | "बीते" | "बीता" | "बीती" | "गत" | "last" | "past" => {
            Some(-1)
        }
        "इस" | "this" => Some(0),
        "अगले" | "अगला" | "अगली" | "आगामी" | "आने" | "next" | "coming" => {
            Some(1)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Week,
    Month,
    Year,
    Days,
    Night,
}

fn unit_word(key: &str) -> Option<Unit> {
    Some(match key {
        "सप्ताह" | "हफ्ते" | "हफ्ता" | "week" => Unit::Week,
        "महीने" | "महीना" | "माह" | "month" => Unit::Month,
        "साल" | "वर्ष" | "year" => Unit::Year,
        "दिनों" | "दिनो" => Unit::Days,
        "रात" | "night" => Unit::Night,
        _ => return None,
    })
}

fn small_count(t: &Tok) -> Option<i64> {
    if t.kind == TokKind::Digits {
        return t.digit_int().map(i64::from).filter(|&n| n <= 400);
    }
    let v = crate::numbers::parse_number(t.key())?;
    if v.fract() == 0.0 && (1.0..=400.0).contains(&v) {
        Some(v as i64)
    } else {
        None
    }
}

/// Every date expression in `text`, resolved against the publication date.
pub fn find_dates(text: &str, published: NaiveDate) -> Vec<FoundDate> {
    find_dates_in(&crate::doc::Doc::new(text), published)
}

/// [`find_dates`] over a document's shared lexemes (the same dates, spans into
/// [`crate::doc::Doc::text`]).
pub fn find_dates_in(doc: &crate::doc::Doc<'_>, published: NaiveDate) -> Vec<FoundDate> {
    let text = doc.text();
    let toks = doc.lexemes();
    let memo = doc.absolute_dates();
    let cl = clauses(text, toks);
    let mut out: Vec<FoundDate> = Vec::new();
    let span = |a: usize, b: usize| Span::new(toks[a].start, toks[b - 1].end);
    let mut i = 0;
    while i < toks.len() {
        let t_of = |k: usize| tense(toks, cl[k], k);
        // absolute
        if let Some(a) = memo.at(text, toks, i) {
            let found = match (a.year, a.day) {
                (Some(y), Some(d)) => {
                    NaiveDate::from_ymd_opt(y, a.month, d).map(|x| (x, Granularity::Day))
                }
                (None, Some(d)) => {
                    resolve_year(a.month, d, published, t_of(i)).map(|x| (x, Granularity::Day))
                }
                (Some(y), None) => {
                    NaiveDate::from_ymd_opt(y, a.month, 1).map(|x| (x, Granularity::Month))
                }
                (None, None) => None,
            };
            if let Some((date, granularity)) = found {
                out.push(FoundDate {
                    span: span(a.start, a.end),
                    date,
                    granularity,
                    resolution: "absolute",
                });
                i = a.end;
                continue;
            }
        }
        let t = &toks[i];
        let key = t.key();
        // a month alone (unambiguous names): "जनवरी में"
        if let Some((m, n, ambiguous)) = month_at(text, toks, i) {
            let prev_dir = i.checked_sub(1).and_then(|p| direction(toks[p].key()));
            // "मार्च महीने में", "मई माह"
            let month_word = toks
                .get(i + n)
                .is_some_and(|t| matches!(t.key(), "महीने" | "महीना" | "माह" | "month"))
                // "मार्च की शुरुआत में", "मई के अंत तक"
                || (toks.get(i + n).is_some_and(|t| t.is_word("की") || t.is_word("के"))
                    && toks.get(i + n + 1).is_some_and(|t| {
                        matches!(
                            t.key(),
                            "शुरुआत" | "शुरूआत" | "शुरू" | "अंत" | "आखिर" | "आखिरी" | "मध्य" | "अंतिम"
                                | "पहले" | "दूसरे" | "तीसरे"
                        )
                    }));
            // "इस साल अक्टूबर में", "पिछले साल मई में"
            let year_before = (i >= 2)
                .then(|| (direction(toks[i - 2].key()), unit_word(toks[i - 1].key())))
                .and_then(|(d, u)| if u == Some(Unit::Year) { d } else { None });
            let capital_or_hindi = !toks[i].key().is_ascii()
                || text[toks[i].start..].starts_with(|c: char| c.is_uppercase());
            if (!ambiguous || (month_word && capital_or_hindi)) && prev_dir != Some(0) {
                let future = t_of(i) == Tense::Future;
                let y = published.year();
                let start = if prev_dir.is_some() { i - 1 } else { i };
                let pm = published.month();
                // "वर्ष 2019 के मई माह में"
                let written_year = (i >= 2
                    && (toks[i - 1].is_word("के") || toks[i - 1].is_word("की")))
                .then(|| year_at(toks, i - 2))
                .flatten();
                let year = match (year_before, prev_dir) {
                    _ if written_year.is_some() => written_year.unwrap_or(y),
                    (Some(d), _) => y + d,
                    // गत फरवरी: the last such month strictly before this one
                    (None, Some(-1)) => {
                        if m < pm {
                            y
                        } else {
                            y - 1
                        }
                    }
                    (None, Some(_)) => {
                        if m > pm {
                            y
                        } else {
                            y + 1
                        }
                    }
                    (None, None) if future => {
                        if m >= pm {
                            y
                        } else {
                            y + 1
                        }
                    }
                    (None, None) => {
                        if m <= pm {
                            y
                        } else {
                            y - 1
                        }
                    }
                };
                if let Some(date) = NaiveDate::from_ymd_opt(year, m, 1) {
                    out.push(FoundDate {
                        span: span(start, i + n),
                        date,
                        granularity: Granularity::Month,
                        resolution: if (start < i || year_before.is_some())
                            && written_year.is_none()
                        {
                            "relative"
                        } else {
                            "absolute"
                        },
                    });
                }
                i += n;
                continue;
            }
        }
        // direction + unit / weekday: पिछले सप्ताह, last Monday, बीते दिनों, बीती रात
        if let Some(dir) = direction(key) {
            if let Some(next) = toks.get(i + 1) {
                if let Some((wd, n)) = weekday_at(toks, i + 1, false) {
                    let rule = match dir {
                        -1 => -2,
                        1 => 2,
                        _ => {
                            if t_of(i) == Tense::Future {
                                1
                            } else {
                                -1
                            }
                        }
                    };
                    out.push(FoundDate {
                        span: span(i, i + 1 + n),
                        date: weekday_date(published, wd, rule),
                        granularity: Granularity::Day,
                        resolution: "weekday",
                    });
                    i += 1 + n;
                    continue;
                }
                let d = i64::from(dir);
                let found = match unit_word(next.key()) {
                    Some(Unit::Week) => {
                        Some((monday(published) + Duration::days(7 * d), Granularity::Week))
                    }
                    Some(Unit::Month) => month_start(published.year(), published.month(), dir)
                        .map(|x| (x, Granularity::Month)),
                    Some(Unit::Year) => NaiveDate::from_ymd_opt(published.year() + dir, 1, 1)
                        .map(|x| (x, Granularity::Year)),
                    Some(Unit::Days) if dir == -1 => {
                        Some((monday(published - Duration::days(7)), Granularity::Week))
                    }
                    Some(Unit::Night) if dir == -1 => {
                        Some((published - Duration::days(1), Granularity::Day))
                    }
                    Some(Unit::Night) if dir == 0 => Some((published, Granularity::Day)),
                    _ => None,
                };
                if let Some((date, granularity)) = found {
                    out.push(FoundDate {
                        span: span(i, i + 2),
                        date,
                        granularity,
                        resolution: "relative",
                    });
                    i += 2;
                    continue;
                }
            }
        }
        // weekday alone
        if let Some((wd, n)) = weekday_at(toks, i, false) {
            let rule = if t_of(i) == Tense::Future { 1 } else { -1 };
            out.push(FoundDate {
                span: span(i, i + n),
                date: weekday_date(published, wd, rule),
                granularity: Granularity::Day,
                resolution: "weekday",
            });
            i += n;
            continue;
        }
        // N दिन पहले / N days ago
        let unit_next = toks.get(i + 1).is_some_and(|u| {
            matches!(
                u.key(),
                "दिन" | "days" | "day" | "सप्ताह" | "हफ्ते" | "weeks" | "week"
            )
        });
        // (The count is read only before a unit: reading every word as a number is slow.)
        if let Some(n) = unit_next.then(|| small_count(t)).flatten() {
            let unit = toks.get(i + 1).map(|u| u.key());
            let ago = toks.get(i + 2).map(|u| u.key());
            let days = match unit {
                Some("दिन" | "days" | "day") => Some(n),
                Some("सप्ताह" | "हफ्ते" | "weeks" | "week") => Some(7 * n),
                _ => None,
            };
            if let (Some(days), Some("पहले" | "ago")) = (days, ago) {
                out.push(FoundDate {
                    span: span(i, i + 3),
                    date: published - Duration::days(days),
                    granularity: Granularity::Day,
                    resolution: "relative",
                });
                i += 3;
                continue;
            }
        }
        // single relative words
        let glued_hyphen = toks
            .get(i + 1)
            .is_some_and(|n| n.is_punct('-') && n.start == t.end)
            || (i > 0 && toks[i - 1].is_punct('-') && toks[i - 1].end == t.start);
        let rel: Option<(i64, usize)> = match key {
            "आज" if !toks.get(i + 1).is_some_and(|n| n.is_word("कल")) => Some((0, 1)),
            "today" | "tonight" => Some((0, 1)),
            "कल" if !(glued_hyphen || (i > 0 && toks[i - 1].is_word("आज"))) => {
                Some((if t_of(i) == Tense::Future { 1 } else { -1 }, 1))
            }
            "परसों" | "परसो" => {
                Some((if t_of(i) == Tense::Future { 2 } else { -2 }, 1))
            }
            "yesterday" => Some((-1, 1)),
            "tomorrow" => Some((1, 1)),
            "day"
                if toks
                    .get(i + 1)
                    .is_some_and(|n| n.is_word("before") || n.is_word("after"))
                    && toks
                        .get(i + 2)
                        .is_some_and(|n| n.is_word("yesterday") || n.is_word("tomorrow")) =>
            {
                Some((if toks[i + 1].key() == "before" { -2 } else { 2 }, 3))
            }
            _ => None,
        };
        if let Some((delta, n)) = rel {
            out.push(FoundDate {
                span: span(i, i + n),
                date: published + Duration::days(delta),
                granularity: Granularity::Day,
                resolution: "relative",
            });
            i += n;
            continue;
        }
        // anaphoric: उसी दिन, उस दिन, the same day, that day
        let ana = match key {
            "उसी" | "उस" if toks.get(i + 1).is_some_and(|n| n.is_word("दिन")) => {
                Some(2)
            }
            "same" if toks.get(i + 1).is_some_and(|n| n.is_word("day")) => Some(2),
            "that" if toks.get(i + 1).is_some_and(|n| n.is_word("day")) => Some(2),
            _ => None,
        };
        if let Some(n) = ana {
            let start = if key == "same" && i > 0 && matches!(toks[i - 1].key(), "the" | "that") {
                i - 1
            } else {
                i
            };
            if let Some(prev) = out.iter().rev().find(|f| f.granularity == Granularity::Day) {
                let date = prev.date;
                out.push(FoundDate {
                    span: span(start, i + n),
                    date,
                    granularity: Granularity::Day,
                    resolution: "anaphoric",
                });
            }
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn month_numbers() {
        assert_eq!(super::month_number("फ़रवरी"), Some(2));
        assert_eq!(super::month_number("फरवरी"), Some(2));
        assert_eq!(super::month_number("सितम्बर"), Some(9));
        assert_eq!(super::month_number("Sept."), Some(9));
        assert_eq!(super::month_number("DECEMBER"), Some(12));
        assert_eq!(super::month_number("सोमवार"), None);
    }

    use super::*;

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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn timestamps() {
        let (t, s) =
            parse_timestamp("Published: Mon, 10 Jan 2022 09:03 PM (IST)Updated: x").unwrap();
        let ist = FixedOffset::east_opt(19800).unwrap();
        assert_eq!(
            t,
            PubTime::Zoned(ist.with_ymd_and_hms(2022, 1, 10, 21, 3, 0).unwrap())
        );
        assert_eq!(
            &"Published: Mon, 10 Jan 2022 09:03 PM (IST)Updated: x"[s.start..s.end],
            "Mon, 10 Jan 2022 09:03 PM (IST)"
        );
        let (t, _) = parse_timestamp("Updated: 09 Apr, 2018 11:22 AM").unwrap();
        assert_eq!(
            t,
            PubTime::Local(d(2018, 4, 9).and_hms_opt(11, 22, 0).unwrap())
        );
        assert_eq!(
            parse_timestamp("जनवरी 10, 2022").unwrap().0,
            PubTime::Date(d(2022, 1, 10))
        );
        let (t, _) = parse_timestamp("2022-01-10T10:00:00Z").unwrap();
        assert_eq!(t.approx_utc().to_rfc3339(), "2022-01-10T10:00:00+00:00");
        assert_eq!(
            parse_timestamp("10/01/2022").unwrap().0,
            PubTime::Date(d(2022, 1, 10))
        );
        let (t, _) = parse_timestamp("April 9, 2018 5:31 PM IST").unwrap();
        assert_eq!(
            t,
            PubTime::Zoned(ist.with_ymd_and_hms(2018, 4, 9, 17, 31, 0).unwrap())
        );
        let (t, _) = parse_timestamp("अपडेटेड 09 अप्रैल 2018 06:36 PM IST").unwrap();
        assert_eq!(
            t,
            PubTime::Zoned(ist.with_ymd_and_hms(2018, 4, 9, 18, 36, 0).unwrap())
        );
        let (t, _) = parse_timestamp("10 Jan 2022 09:03 NPT").unwrap();
        assert_eq!(t.approx_utc().to_rfc3339(), "2022-01-10T03:18:00+00:00");
        let (t, _) = parse_timestamp("2022-01-10T10:00:00+05:30").unwrap();
        assert_eq!(t.approx_utc().to_rfc3339(), "2022-01-10T04:30:00+00:00");
        let (t, _) = parse_timestamp("Mon, 09 Apr 2018 11:22:33 GMT+5:30").unwrap();
        assert_eq!(t.approx_utc().to_rfc3339(), "2018-04-09T05:52:33+00:00");
        let (t, _) = parse_timestamp("Jul 24 2019  4:49PM").unwrap();
        assert_eq!(
            t,
            PubTime::Local(d(2019, 7, 24).and_hms_opt(16, 49, 0).unwrap())
        );
        let (t, _) = parse_timestamp("April 9, 2018, 5:31 p.m. EDT").unwrap();
        assert_eq!(t.approx_utc().to_rfc3339(), "2018-04-09T21:31:00+00:00");
        assert_eq!(
            parse_timestamp("Date : 20-Jul-2019").unwrap().0,
            PubTime::Date(d(2019, 7, 20))
        );
        assert_eq!(
            parse_timestamp("दिनांक 22-जुलाई-2019").unwrap().0,
            PubTime::Date(d(2019, 7, 22))
        );
        assert!(parse_timestamp("उन्होंने 20 लोगों और 2022 के बारे में कहा").is_none());
        assert!(parse_timestamp("6 जनवरी को").is_none());
    }

    #[test]
    fn weekdays_by_tense() {
        let p = d(2022, 1, 10); // Monday
        let f = find_dates("रविवार को, रूस ने घोषणा की कि पुतिन भाग लेंगे।", p);
        assert_eq!(f[0].date, d(2022, 1, 9));
        assert_eq!(f[0].resolution, "weekday");
        let f = find_dates("पुतिन बुधवार को मॉस्को जाएंगे।", p);
        assert_eq!(f[0].date, d(2022, 1, 12));
        let f = find_dates("सोमवार को शोक जताया गया।", p);
        assert_eq!(f[0].date, p);
        let f = find_dates(
            "The president will travel on Friday, officials said. On Friday, he will fly.",
            p,
        );
        assert_eq!(f[0].date, d(2022, 1, 14));
        assert_eq!(f[1].date, d(2022, 1, 14));
        let f = find_dates("He will visit on Friday. Last Monday he spoke.", p);
        assert_eq!(f[0].date, d(2022, 1, 14));
        assert_eq!(f[1].date, d(2022, 1, 3));
    }

    #[test]
    fn relative_and_anaphoric() {
        let p = d(2022, 1, 10);
        let f = find_dates("कल बैठक हुई थी। कल फिर बैठक होगी।", p);
        assert_eq!(f[0].date, d(2022, 1, 9));
        assert_eq!(f[1].date, d(2022, 1, 11));
        let f = find_dates(
            "पिछले सप्ताह हिंसा हुई। रविवार को बयान आया। उसी दिन सेना लौटी।",
            p,
        );
        assert_eq!(
            (f[0].date, f[0].granularity),
            (d(2022, 1, 3), Granularity::Week)
        );
        assert_eq!(f[2].date, d(2022, 1, 9));
        assert_eq!(f[2].resolution, "anaphoric");
        let f = find_dates("दो दिन पहले और last month", p);
        assert_eq!(f[0].date, d(2022, 1, 8));
        assert_eq!(
            (f[1].date, f[1].granularity),
            (d(2021, 12, 1), Granularity::Month)
        );
    }

    #[test]
    fn absolute_dates() {
        let p = d(2022, 1, 10);
        let f = find_dates("6 जनवरी को और 25 दिसंबर को", p);
        assert_eq!(f[0].date, d(2022, 1, 6));
        assert_eq!(f[1].date, d(2021, 12, 25));
        let f = find_dates("सोमवार, 10 जनवरी 2022", p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span, Span::new(0, "सोमवार, 10 जनवरी 2022".len()));
        let f = find_dates("जनवरी में किसानों ने मार्च निकाला", p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].granularity, Granularity::Month);
        let f = find_dates("वर्ष 2019 के मई माह में सात अभियुक्त", p);
        assert_eq!(
            (f[0].date, f[0].granularity),
            (d(2019, 5, 1), Granularity::Month)
        );
        let f = find_dates("मुलाकात मई के आखिर में हो सकती है।", d(2018, 4, 9));
        assert_eq!(f[0].date, d(2018, 5, 1));
        let f = find_dates("5 मार्च 2021", p);
        assert_eq!(f[0].date, d(2021, 3, 5));
    }
}
