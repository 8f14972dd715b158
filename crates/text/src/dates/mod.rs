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

//!
//! The finder reads a [`Doc`]'s lexemes once, left to right; at each lexeme it tries, in this
//! order, an absolute date (the grammar in [`absolute`], the year of a day and month resolved
//! here), then the relative expressions of [`relative`] (a month alone, a direction word with a
//! unit or weekday, a weekday alone, `N दिन पहले`, one relative word), then an anaphoric one
//! ([`anaphoric`]); the first that reads something there wins and the finder moves past it.
//! Month and weekday names are in [`calendar`], the tense of a clause in [`tense`].

pub(crate) mod absolute;
mod anaphoric;
mod calendar;
mod relative;
mod tense;

pub use absolute::parse_timestamp;
use absolute::AbsoluteDates;
pub use calendar::month_number;

use crate::doc::Doc;
use crate::lex::Tok;
use chrono::NaiveDate;
use khabar_model::{Granularity, Span};
use tense::{clauses, tense, Tense};

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

/// What every resolver reads: the text, its lexemes, the clause of each lexeme and the
/// publication day.
struct Scan<'a, 't> {
    text: &'t str,
    toks: &'a [Tok<'t>],
    clauses: Vec<(usize, usize)>,
    published: NaiveDate,
}

impl Scan<'_, '_> {
    /// The tense of the clause around lexeme `k`.
    #[inline]
    fn tense(&self, k: usize) -> Tense {
        tense(self.toks, self.clauses[k], k)
    }

    /// The byte span of lexemes `a..b`.
    #[inline]
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start, self.toks[b - 1].end)
    }

    /// A date found over lexemes `a..b`.
    #[inline]
    fn found(
        &self,
        (a, b): (usize, usize),
        date: NaiveDate,
        granularity: Granularity,
        resolution: &'static str,
    ) -> FoundDate {
        FoundDate {
            span: self.span(a, b),
            date,
            granularity,
            resolution,
        }
    }
}

/// What a resolver read at a lexeme: the date (none when the expression resolves to no
/// calendar day, which still consumes it) and the lexeme after it.
type Read = Option<(Option<FoundDate>, usize)>;

/// Every date expression in `text`, resolved against the publication date.
pub fn find_dates(text: &str, published: NaiveDate) -> Vec<FoundDate> {
    find_dates_in(&Doc::new(text), published)
}

/// [`find_dates`] over a document's shared lexemes (the same dates, spans into
/// [`Doc::text`]).
pub fn find_dates_in(doc: &Doc<'_>, published: NaiveDate) -> Vec<FoundDate> {
    let (text, toks) = (doc.text(), doc.lexemes());
    let memo = doc.absolute_dates();
    let s = Scan {
        text,
        toks,
        clauses: clauses(text, toks),
        published,
    };
    let mut out: Vec<FoundDate> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let read = absolute_at(&s, memo, i)
            .or_else(|| relative::month_alone(&s, i))
            .or_else(|| relative::directed(&s, i))
            .or_else(|| relative::weekday_alone(&s, i))
            .or_else(|| relative::days_ago(&s, i))
            .or_else(|| relative::relative_word(&s, i))
            .or_else(|| anaphoric::anaphoric(&s, i, &out));
        match read {
            Some((found, next)) => {
                out.extend(found);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// An absolute date at lexeme `i`: a day and month without a year takes the year that puts it
/// closest to publication ([`relative::resolve_year`]); a month with a year has month
/// granularity.
#[inline]
fn absolute_at(s: &Scan<'_, '_>, memo: &AbsoluteDates, i: usize) -> Read {
    let a = memo.at(s.text, s.toks, i)?;
    let (date, granularity) = match (a.year, a.day) {
        (Some(y), Some(d)) => NaiveDate::from_ymd_opt(y, a.month, d).map(|x| (x, Granularity::Day)),
        (None, Some(d)) => relative::resolve_year(a.month, d, s.published, s.tense(i))
            .map(|x| (x, Granularity::Day)),
        (Some(y), None) => NaiveDate::from_ymd_opt(y, a.month, 1).map(|x| (x, Granularity::Month)),
        (None, None) => None,
    }?;
    Some((
        Some(s.found((a.start, a.end), date, granularity, "absolute")),
        a.end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
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
