//! Timestamps as pages write them in metadata: RFC 3339 and its near misses, RFC 2822,
//! `2019/11/19`, `November 19, 2019 10:30 AM`, `19 Nov 2019`, Unix seconds, and Hindi month
//! names (`19 नवंबर 2019`). Only what metadata carries; free-text dates are another module's job.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use khabar_model::PubTime;

fn month(word: &str) -> Option<u32> {
    khabar_text::dates::month_number(word)
}

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year())
}

fn check(t: PubTime) -> Option<PubTime> {
    plausible(t.date()).then_some(t)
}

/// Parses a metadata timestamp. `None` when nothing plausible (years 1990–2100) is found.
pub fn parse_meta_time(s: &str) -> Option<PubTime> {
    let t = s.trim();
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    if let Ok(p) = PubTime::parse(t) {
        return check(p);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return check(PubTime::Zoned(dt));
    }
    // `2019-11-19T10:00:00.000+0000`, `2019-11-19T10:00Z`, `2019-11-19 10:00:00 +05:30`.
    for f in [
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%dT%H:%M:%S%.f %#z",
        "%Y-%m-%d %H:%M:%S %#z",
        "%Y-%m-%dT%H:%M:%S%.f%#z",
    ] {
        if let Ok(dt) = DateTime::<FixedOffset>::parse_from_str(t, f) {
            return check(PubTime::Zoned(dt));
        }
    }
    if let Some(rest) = t.strip_suffix('Z') {
        for f in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(rest, f) {
                return check(PubTime::Zoned(dt.and_utc().fixed_offset()));
            }
        }
    }
    // Unix seconds or milliseconds.
    if t.len() >= 9 && t.len() <= 13 && t.bytes().all(|b| b.is_ascii_digit()) {
        let mut v: i64 = t.parse().ok()?;
        if t.len() == 13 {
            v /= 1000;
        }
        let dt = DateTime::from_timestamp(v, 0)?;
        return check(PubTime::Zoned(dt.fixed_offset()));
    }
    loose(t)
}

/// Word-level parse: numbers and month names in the usual orders, time of day when present.
fn loose(t: &str) -> Option<PubTime> {
    let tokens: Vec<&str> = t
        .split(|c: char| {
            c.is_whitespace() || c == ',' || c == '|' || c == '/' || c == '-' || c == '.'
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut date: Option<NaiveDate> = None;
    let mut date_end = 0;
    'outer: for i in 0..tokens.len() {
        let a = tokens[i];
        let b = tokens.get(i + 1).copied().unwrap_or("");
        let c = tokens.get(i + 2).copied().unwrap_or("");
        let num = |w: &str| -> Option<u32> {
            let w = w.trim_end_matches(|ch: char| ch.is_ascii_alphabetic()); // 19th, 2nd
            if w.is_empty() || w.len() > 4 {
                return None;
            }
            w.parse().ok()
        };
        let cands: [Option<(i32, u32, u32)>; 4] = [
            // 2019 11 19
            (|| Some((num(a)? as i32, num(b)?, num(c)?)))()
                .filter(|(y, _, _)| *y > 1000 && a.len() == 4),
            // November 19 2019
            (|| Some((num(c)? as i32, month(a)?, num(b)?)))(),
            // 19 November 2019
            (|| Some((num(c)? as i32, month(b)?, num(a)?)))(),
            // 19 11 2019 (day first, as Indian and European pages write it)
            (|| Some((num(c)? as i32, num(b)?, num(a)?)))()
                .filter(|(y, _, _)| *y > 1000 && c.len() == 4),
        ];
        for (y, m, d) in cands.into_iter().flatten() {
            if let Some(nd) = NaiveDate::from_ymd_opt(y, m, d) {
                if plausible(nd) {
                    date = Some(nd);
                    date_end = i + 3;
                    break 'outer;
                }
            }
        }
    }
    let date = date?;
    // Optional time: `10:30`, `10:30:00`, with `AM`/`PM`.
    let rest = &tokens[date_end.min(tokens.len())..];
    for (j, w) in rest.iter().enumerate() {
        let w = w.trim_start_matches(['T', 't']);
        let mut parts = w.split(':');
        let (Some(h), Some(mi)) = (parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(mut h), Ok(mi)) = (h.parse::<u32>(), mi.get(..2).unwrap_or(mi).parse::<u32>())
        else {
            continue;
        };
        let s = parts
            .next()
            .and_then(|s| s.get(..2))
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0);
        let ampm = rest.get(j + 1).map(|x| x.to_ascii_lowercase());
        let suffix = w.to_ascii_lowercase();
        let pm = ampm.as_deref() == Some("pm") || suffix.ends_with("pm");
        let am = ampm.as_deref() == Some("am") || suffix.ends_with("am");
        if pm && h < 12 {
            h += 12;
        } else if am && h == 12 {
            h = 0;
        }
        if let Some(time) = NaiveTime::from_hms_opt(h, mi, s) {
            let local = date.and_time(time);
            let zone = rest.iter().skip(j + 1).find_map(|z| zone_offset(z));
            return Some(match zone.and_then(FixedOffset::east_opt) {
                Some(off) => match local.and_local_timezone(off).single() {
                    Some(z) => PubTime::Zoned(z),
                    None => PubTime::Local(local),
                },
                None => PubTime::Local(local),
            });
        }
        break;
    }
    Some(PubTime::Date(date))
}

fn zone_offset(z: &str) -> Option<i32> {
    match z.to_ascii_uppercase().as_str() {
        "IST" => Some(5 * 3600 + 1800),
        "UTC" | "GMT" | "Z" => Some(0),
        "EST" => Some(-5 * 3600),
        "EDT" => Some(-4 * 3600),
        "CST" => Some(-6 * 3600),
        "CDT" => Some(-5 * 3600),
        "PST" => Some(-8 * 3600),
        "PDT" => Some(-7 * 3600),
        "BST" => Some(3600),
        "CET" => Some(3600),
        "CEST" => Some(7200),
        _ => None,
    }
}

/// A date written as a short line of page text (`Updated March 13, 2024`, `05 Nov 2025.`,
/// `By Jane Doe, 09 Mar 2026`). Longer lines are sentences, not date lines.
pub fn parse_text_date(s: &str) -> Option<PubTime> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return None;
    }
    let has_month_or_sep = t
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .any(|w| month(w).is_some())
        || t.contains('/')
        || t.bytes().filter(|b| *b == b'-').count() >= 2
        || t.bytes().filter(|b| *b == b'.').count() >= 2;
    if !has_month_or_sep {
        return None;
    }
    if let Some(p) = parse_meta_time(t) {
        return Some(p);
    }
    loose(t)
}

/// A `/2019/11/19/` date in a URL path.
pub fn date_from_url(url: &str) -> Option<PubTime> {
    let segs: Vec<&str> = url.split(['/', '-', '_']).collect();
    for w in segs.windows(3) {
        if w[0].len() == 4
            && w[1].len() <= 2
            && w[2].len() <= 2
            && !w[1].is_empty()
            && !w[2].is_empty()
        {
            let (Ok(y), Ok(m), Ok(d)) = (
                w[0].parse::<i32>(),
                w[1].parse::<u32>(),
                w[2].parse::<u32>(),
            ) else {
                continue;
            };
            if let Some(nd) = NaiveDate::from_ymd_opt(y, m, d) {
                if plausible(nd) {
                    return Some(PubTime::Date(nd));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(x: &str) -> String {
        parse_meta_time(x)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn formats() {
        assert_eq!(s("2022-01-10T21:03:00+05:30"), "2022-01-10T21:03:00+05:30");
        assert_eq!(
            s("2022-01-10T21:03:00.000+0530"),
            "2022-01-10T21:03:00+05:30"
        );
        assert_eq!(
            s("Mon, 10 Jan 2022 21:03:00 +0530"),
            "2022-01-10T21:03:00+05:30"
        );
        assert_eq!(s("2022/01/10"), "2022-01-10");
        assert_eq!(s("January 10, 2022"), "2022-01-10");
        assert_eq!(s("Jan. 10, 2022 9:03 PM IST"), "2022-01-10T21:03:00+05:30");
        assert_eq!(s("10 जनवरी 2022"), "2022-01-10");
        assert_eq!(s("Published: 10 January 2022"), "2022-01-10");
        assert_eq!(s("1641828780"), "2022-01-10T15:33:00+00:00");
        assert_eq!(s("not a date"), "");
        assert_eq!(s("3015-01-01"), "");
        assert_eq!(
            date_from_url("https://x.com/2019/11/19/story").map(|t| t.to_string()),
            Some("2019-11-19".into())
        );
        assert_eq!(
            date_from_url("https://x.com/kali-linux-2026-1-release"),
            None
        );
    }

    proptest! {
        #[test]
        fn never_panics(x in "\\PC{0,60}") {
            let _ = parse_meta_time(&x);
            let _ = date_from_url(&x);
        }
    }
}
