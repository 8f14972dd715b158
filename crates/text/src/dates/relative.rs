//! Dates relative to publication: a month named alone (`जनवरी में`, `पिछले साल मई में`), a
//! direction word with a weekday or a unit (`पिछले सप्ताह`, `last Monday`, `बीती रात`), a
//! weekday alone (by the clause's tense), `N दिन पहले`/`N days ago`, and single words (`आज`,
//! `कल`, `परसों`, `yesterday`); and the calendar arithmetic they share.

use super::absolute::year_at;
use super::calendar::{month_at, weekday_at};
use super::tense::Tense;
use super::{Read, Scan};
use crate::lex::{Tok, TokKind};
use crate::numbers::parse::parse_number;
use chrono::{Datelike, Duration, NaiveDate};
use khabar_model::Granularity;

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
pub(super) fn resolve_year(
    month: u32,
    day: u32,
    published: NaiveDate,
    t: Tense,
) -> Option<NaiveDate> {
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
    let v = parse_number(t.key())?;
    if v.fract() == 0.0 && (1.0..=400.0).contains(&v) {
        Some(v as i64)
    } else {
        None
    }
}

/// A month named alone at `i` (unambiguous names, or `मार्च`/`May` with `महीने`/`month` or
/// `की शुरुआत` after it): the last such month on or before publication (the next one in the
/// future tense), or the one a direction word (`गत फरवरी`), `इस/पिछले साल` or a written year
/// (`वर्ष 2019 के मई माह में`) picks.
#[inline]
pub(super) fn month_alone(s: &Scan<'_, '_>, i: usize) -> Read {
    let (text, toks, published) = (s.text, s.toks, s.published);
    let (m, n, ambiguous) = month_at(text, toks, i)?;
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
    let capital_or_hindi =
        !toks[i].key().is_ascii() || text[toks[i].start..].starts_with(|c: char| c.is_uppercase());
    if !((!ambiguous || (month_word && capital_or_hindi)) && prev_dir != Some(0)) {
        return None;
    }
    let future = s.tense(i) == Tense::Future;
    let y = published.year();
    let start = if prev_dir.is_some() { i - 1 } else { i };
    let pm = published.month();
    // "वर्ष 2019 के मई माह में"
    let written_year = (i >= 2 && (toks[i - 1].is_word("के") || toks[i - 1].is_word("की")))
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
    let found = NaiveDate::from_ymd_opt(year, m, 1).map(|date| {
        let resolution = if (start < i || year_before.is_some()) && written_year.is_none() {
            "relative"
        } else {
            "absolute"
        };
        s.found((start, i + n), date, Granularity::Month, resolution)
    });
    Some((found, i + n))
}

/// A direction word at `i` with a weekday or a unit after it: पिछले सप्ताह, last Monday,
/// बीते दिनों, बीती रात.
#[inline]
pub(super) fn directed(s: &Scan<'_, '_>, i: usize) -> Read {
    let (toks, published) = (s.toks, s.published);
    let dir = direction(toks[i].key())?;
    let next = toks.get(i + 1)?;
    if let Some((wd, n)) = weekday_at(toks, i + 1, false) {
        let rule = match dir {
            -1 => -2,
            1 => 2,
            _ => {
                if s.tense(i) == Tense::Future {
                    1
                } else {
                    -1
                }
            }
        };
        let date = weekday_date(published, wd, rule);
        return Some((
            Some(s.found((i, i + 1 + n), date, Granularity::Day, "weekday")),
            i + 1 + n,
        ));
    }
    let d = i64::from(dir);
    let (date, granularity) = match unit_word(next.key()) {
        Some(Unit::Week) => Some((monday(published) + Duration::days(7 * d), Granularity::Week)),
        Some(Unit::Month) => {
            month_start(published.year(), published.month(), dir).map(|x| (x, Granularity::Month))
        }
        Some(Unit::Year) => {
            NaiveDate::from_ymd_opt(published.year() + dir, 1, 1).map(|x| (x, Granularity::Year))
        }
        Some(Unit::Days) if dir == -1 => {
            Some((monday(published - Duration::days(7)), Granularity::Week))
        }
        Some(Unit::Night) if dir == -1 => Some((published - Duration::days(1), Granularity::Day)),
        Some(Unit::Night) if dir == 0 => Some((published, Granularity::Day)),
        _ => None,
    }?;
    Some((
        Some(s.found((i, i + 2), date, granularity, "relative")),
        i + 2,
    ))
}

/// A weekday alone at `i`: the most recent such day on or before publication, or the next one
/// on or after it in the future tense.
#[inline]
pub(super) fn weekday_alone(s: &Scan<'_, '_>, i: usize) -> Read {
    let (wd, n) = weekday_at(s.toks, i, false)?;
    let rule = if s.tense(i) == Tense::Future { 1 } else { -1 };
    let date = weekday_date(s.published, wd, rule);
    Some((
        Some(s.found((i, i + n), date, Granularity::Day, "weekday")),
        i + n,
    ))
}

/// `N दिन पहले` / `N days ago` (also weeks) at `i`.
#[inline]
pub(super) fn days_ago(s: &Scan<'_, '_>, i: usize) -> Read {
    let toks = s.toks;
    let unit_next = toks.get(i + 1).is_some_and(|u| {
        matches!(
            u.key(),
            "दिन" | "days" | "day" | "सप्ताह" | "हफ्ते" | "weeks" | "week"
        )
    });
    // (The count is read only before a unit: reading every word as a number is slow.)
    if !unit_next {
        return None;
    }
    let n = small_count(&toks[i])?;
    let unit = toks.get(i + 1).map(|u| u.key());
    let ago = toks.get(i + 2).map(|u| u.key());
    let days = match unit {
        Some("दिन" | "days" | "day") => Some(n),
        Some("सप्ताह" | "हफ्ते" | "weeks" | "week") => Some(7 * n),
        _ => None,
    };
    match (days, ago) {
        (Some(days), Some("पहले" | "ago")) => {
            let date = s.published - Duration::days(days);
            Some((
                Some(s.found((i, i + 3), date, Granularity::Day, "relative")),
                i + 3,
            ))
        }
        _ => None,
    }
}

/// One relative word at `i`: `आज`/`today`, `कल` (yesterday, or tomorrow in the future tense),
/// `परसों` (±2 days likewise), `yesterday`, `tomorrow`, `the day before yesterday`.
#[inline]
pub(super) fn relative_word(s: &Scan<'_, '_>, i: usize) -> Read {
    let toks = s.toks;
    let t = &toks[i];
    let glued_hyphen = toks
        .get(i + 1)
        .is_some_and(|n| n.is_punct('-') && n.start == t.end)
        || (i > 0 && toks[i - 1].is_punct('-') && toks[i - 1].end == t.start);
    let (delta, n): (i64, usize) = match t.key() {
        "आज" if !toks.get(i + 1).is_some_and(|n| n.is_word("कल")) => Some((0, 1)),
        "today" | "tonight" => Some((0, 1)),
        "कल" if !(glued_hyphen || (i > 0 && toks[i - 1].is_word("आज"))) => {
            Some((if s.tense(i) == Tense::Future { 1 } else { -1 }, 1))
        }
        "परसों" | "परसो" => {
            Some((if s.tense(i) == Tense::Future { 2 } else { -2 }, 1))
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
    }?;
    let date = s.published + Duration::days(delta);
    Some((
        Some(s.found((i, i + n), date, Granularity::Day, "relative")),
        i + n,
    ))
}
