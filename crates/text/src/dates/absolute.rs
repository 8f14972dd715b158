//! Absolute dates and date-times in lexemes: `6 जनवरी`, `10 Jan 2022`, `जनवरी 10, 2022`,
//! `2022-01-10`, `10/01/2022`, `सोमवार, 10 जनवरी 2022`, with a clock time and zone after a full
//! date (`09:03 PM (IST)`, `T10:00:00Z`); the table of them a [`crate::doc::Doc`] keeps; and
//! [`parse_timestamp`] for metadata lines. Reads only lexemes and the calendar's words (no
//! publication date: resolving is the finder's, in [`super`]).

use super::calendar::{month_at, weekday_at, ZONES};
use crate::lex::{tokens, Tok, TokKind};
use crate::numbers::parse::parse_number;
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use khabar_model::{PubTime, Span};

pub(super) fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
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

pub(super) fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
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
pub(super) struct Abs {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) year: Option<i32>,
    pub(super) month: u32,
    pub(super) day: Option<u32>,
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
        .and_then(|t| parse_number(t.key()))
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
    pub(super) fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<&Abs> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
