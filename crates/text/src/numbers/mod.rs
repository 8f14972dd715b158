//! Numbers in digits and words, Hindi and English.
//!
//! [`find_numbers`] finds every count or amount in a text; [`parse_number`] reads one whole
//! phrase. Both understand:
//!
//! * digits, ASCII or Devanagari (`०`–`९`), Western and Indian grouping (`8,000`, `1,00,000`),
//!   decimals (`1.5`, `12.80`);
//! * Hindi number words 0–99 with the spellings news actually uses (`उनतालीस`/`उन्तालीस`,
//!   `अड़तीस`/`अडतीस`, `पंचानबे`/`पचानवे`, with and without nukta, chandrabindu or anusvara);
//! * multipliers सौ, हज़ार/हजार, लाख, करोड़, अरब, खरब, मिलियन, बिलियन, दर्जन and `hundred`,
//!   `thousand`, `lakh`, `crore`, `million`, `billion`, `trillion`, `dozen`, also stacked
//!   (`एक लाख करोड़` = 10¹²) and after digits (`2.5 लाख`, `1.5 million`);
//! * fractions साढ़े (+½), सवा (+¼), पौने (−¼), डेढ़ (1½), ढाई (2½): `साढ़े तीन हज़ार` = 3500,
//!   `सवा सौ` = 125;
//! * English number words (`eight thousand`, `twenty-five`, `one hundred and five`, `a million`).
//!
//! Decisions (documented behaviour):
//!
//! * **Approximate markers** before (`करीब`, `लगभग`, `तकरीबन`, `about`, `nearly`, `around`,
//!   `approximately`, `almost`, `over`, `more than`, `at least`, `कम से कम`) or after the number
//!   (`से अधिक`, `से ज्यादा`, `के करीब`, `के आसपास`, `से ऊपर`) set `approximate` and are
//!   **included in `span`**; `number_span` covers the number alone.
//! * **Ranges** `दो-तीन`, `10-12 हजार`, `20 to 25`, `50 से 65`: `value` is the lower end, `range_end` the upper,
//!   `approximate` is true. A repeated number (`दो-दो लाख`, "two lakh each") is one exact number.
//! * **Vague amounts** (`सैकड़ों`, `हजारों`, `लाखों`, `करोड़ों`, `दर्जनों`, `dozens`, `hundreds`,
//!   `thousands`, `millions`, also `हजारों करोड़`) are returned with `vague: true`, `value: None`.
//!   `कई` / `several` / `many` are not reported.
//! * **Ordinals are not counts**: `पहला`, `दूसरे`, `10वीं`, `1st`, `21st` are not reported.
//! * Not reported either: a lone `एक` / `one` (mostly the article "a"; kept after an
//!   approximate marker, before a unit or a casualty word: `करीब एक किमी`, `एक शख्स की मौत`),
//!   a lone multiplier other
//!   than `सौ`, `हजार`, `दर्जन` (`अरब` is also "Arab"), digits glued to letters (`G20`, `4G`)
//!   or hyphened to a word (`HR-26`, `COVID-19`, `चंद्रयान-2`: names and codes), clock times in
//!   words (`करीब चार बजे`),
//!   and the parts of dates and clock times (`6 जनवरी`, `2022-01-10`, `09:03`).
//! * A bare four-digit integer between 1800 and 2100 is reported with `year_like: true`.

pub(crate) mod parse;

pub use parse::{hindi_spellings, parse_number};

use crate::lex::{Tok, TokKind};
use crate::numbers::parse::{adjacent, core_at, marker_after, marker_before};
use khabar_model::Span;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// Byte span of the whole expression, approximate markers included.
    pub span: Span,
    /// Byte span of the number itself (digits, words, multipliers, fractions).
    pub number_span: Span,
    /// The value (lower end for a range); `None` for vague amounts.
    pub value: Option<f64>,
    /// Upper end of a range (`दो-तीन` → 3).
    pub range_end: Option<f64>,
    pub approximate: bool,
    pub vague: bool,
    /// A bare integer 1800–2100 written in digits: probably a year.
    pub year_like: bool,
    /// Unit or currency next to the number: `years`, `weeks`, `days`, `months`, `hours`,
    /// `minutes`, `percent`, `INR`, `USD`, `km`.
    pub unit_hint: Option<&'static str>,
}

const UNITS: &[(&str, &str)] = &[
    ("साल", "years"),
    ("सालों", "years"),
    ("वर्ष", "years"),
    ("वर्षों", "years"),
    ("बरस", "years"),
    ("year", "years"),
    ("years", "years"),
    ("yr", "years"),
    ("सप्ताह", "weeks"),
    ("सप्ताहों", "weeks"),
    ("हफ्ते", "weeks"),
    ("हफ्ता", "weeks"),
    ("हफ्तों", "weeks"),
    ("हफ्", "weeks"),
    ("week", "weeks"),
    ("weeks", "weeks"),
    ("दिन", "days"),
    ("दिनों", "days"),
    ("day", "days"),
    ("days", "days"),
    ("महीने", "months"),
    ("महीना", "months"),
    ("महीनों", "months"),
    ("माह", "months"),
    ("month", "months"),
    ("months", "months"),
    ("घंटे", "hours"),
    ("घंटा", "hours"),
    ("घंटों", "hours"),
    ("hour", "hours"),
    ("hours", "hours"),
    ("मिनट", "minutes"),
    ("minute", "minutes"),
    ("minutes", "minutes"),
    ("प्रतिशत", "percent"),
    ("फीसदी", "percent"),
    ("फीसद", "percent"),
    ("percent", "percent"),
    ("रुपये", "INR"),
    ("रुपए", "INR"),
    ("रुपया", "INR"),
    ("रूपये", "INR"),
    ("rupees", "INR"),
    ("rs", "INR"),
    ("डॉलर", "USD"),
    ("dollars", "USD"),
    ("किलोमीटर", "km"),
    ("किमी", "km"),
    ("km", "km"),
    ("kilometres", "km"),
    ("kilometers", "km"),
];

/// `एक मछुआरे की मौत`: a lone `एक` before a casualty word is a count.
fn casualty_after(toks: &[Tok], j: usize) -> bool {
    toks.iter().skip(j + 1).take(2).any(|t| {
        matches!(
            t.key(),
            "मौत"
                | "मारा"
                | "मारे"
                | "घायल"
                | "लापता"
                | "गिरफ्तार"
                | "died"
                | "killed"
                | "dead"
        )
    })
}

/// The unit a word names (`साल`, `years` → `years`; `रुपये` → `INR`), by its lower-case key.
pub fn unit_of(key: &str) -> Option<&'static str> {
    UNITS.iter().find(|(k, _)| *k == key).map(|(_, u)| *u)
}

fn unit_after(toks: &[Tok], j: usize) -> Option<&'static str> {
    let t = toks.get(j)?;
    if t.is_punct('%') {
        return Some("percent");
    }
    if t.is_punct('-') && adjacent(toks, j - 1, j) && adjacent(toks, j, j + 1) {
        return unit_after(toks, j + 1);
    }
    if t.is_word("per") && toks.get(j + 1).is_some_and(|t| t.is_word("cent")) {
        return Some("percent");
    }
    UNITS.iter().find(|(k, _)| *k == t.key()).map(|(_, u)| *u)
}

fn currency_before(text: &str, toks: &[Tok], i: usize) -> Option<&'static str> {
    let before = text.get(..toks.get(i)?.start)?.trim_end();
    if before.ends_with('₹') || before.ends_with("Rs.") || before.ends_with("Rs") {
        return Some("INR");
    }
    if before.ends_with("रु.") || before.ends_with("रुपये") {
        return Some("INR");
    }
    if before.ends_with('$') {
        return Some("USD");
    }
    None
}

/// Token ranges of dates and clock times, whose digits are not counts.
fn date_token_mask(doc: &crate::doc::Doc<'_>) -> Vec<bool> {
    let (text, toks) = (doc.text(), doc.lexemes());
    let mut mask = vec![false; toks.len()];
    for (s, e) in doc.absolute_dates().ranges(text, toks) {
        for m in mask.iter_mut().take(e).skip(s) {
            *m = true;
        }
    }
    // clock times 09:03, 9.30 बजे
    for k in 0..toks.len() {
        if toks[k].is_punct(':')
            && k > 0
            && toks[k - 1].kind == TokKind::Digits
            && toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Digits)
            && adjacent(toks, k - 1, k)
            && adjacent(toks, k, k + 1)
        {
            mask[k - 1] = true;
            mask[k + 1] = true;
        }
        if toks[k].is_word("बजे") && k > 0 && toks[k - 1].kind == TokKind::Digits {
            mask[k - 1] = true;
        }
    }
    mask
}

/// Every number in `text`, in order, with byte spans into `text`.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    find_numbers_in(&crate::doc::Doc::new(text))
}

/// [`find_numbers`] over a document's shared lexemes (the same numbers, spans into
/// [`crate::doc::Doc::text`]).
pub fn find_numbers_in(doc: &crate::doc::Doc<'_>) -> Vec<NumberMatch> {
    let (text, toks) = (doc.text(), doc.lexemes());
    let mask = date_token_mask(doc);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if mask[i] {
            i += 1;
            continue;
        }
        let Some(core) = core_at(toks, i) else {
            i += 1;
            continue;
        };
        // a clock time in words ("करीब चार बजे")
        let clock = toks
            .get(core.end)
            .is_some_and(|t| matches!(t.key(), "बजे" | "बजकर" | "बजते"))
            || (i > 0 && toks[i - 1].is_word("बजकर"));
        let weak_ok = core.weak
            && (marker_before(toks, i).is_some()
                || unit_after(toks, core.end).is_some()
                || casualty_after(toks, core.end));
        if (core.weak && !weak_ok) || clock || (i..core.end).any(|k| mask[k]) {
            i = core.end.max(i + 1);
            continue;
        }
        let mut start_tok = i;
        let mut end_tok = core.end;
        let mut approximate = core.approximate;
        if let Some(m) = marker_before(toks, i) {
            // do not take a marker that belongs to the previous match
            let prev_end = out.last().map_or(0, |n: &NumberMatch| n.span.end);
            if toks[m].start >= prev_end {
                start_tok = m;
                approximate = true;
            }
        }
        if let Some(e) = marker_after(toks, end_tok) {
            end_tok = e;
            approximate = true;
        }
        let number_span = Span::new(toks[i].start, toks[core.end - 1].end);
        let year_like = core.plain_digits
            && toks[i].kind == TokKind::Digits
            && toks[i].key().len() == 4
            && core.value.is_some_and(|v| (1800.0..=2100.0).contains(&v));
        let unit_hint = unit_after(toks, core.end).or_else(|| currency_before(text, toks, i));
        out.push(NumberMatch {
            span: Span::new(toks[start_tok].start, toks[end_tok - 1].end),
            number_span,
            value: core.value,
            range_end: core.range_end,
            approximate,
            vague: core.vague,
            year_like,
            unit_hint,
        });
        i = core.end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> NumberMatch {
        let v = find_numbers(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v[0].clone()
    }

    #[test]
    fn hindi_words_and_multipliers() {
        assert_eq!(parse_number("आठ हजार"), Some(8000.0));
        assert_eq!(parse_number("आठ हज़ार"), Some(8000.0));
        assert_eq!(parse_number("दो लाख पचास हजार"), Some(250000.0));
        assert_eq!(parse_number("साढ़े तीन करोड़"), Some(35_000_000.0));
        assert_eq!(parse_number("साढ़े तीन हज़ार"), Some(3500.0));
        assert_eq!(parse_number("ढाई सौ"), Some(250.0));
        assert_eq!(parse_number("डेढ़ लाख"), Some(150_000.0));
        assert_eq!(parse_number("सवा सौ"), Some(125.0));
        assert_eq!(parse_number("पौने दो"), Some(1.75));
        assert_eq!(parse_number("एक सौ पाँच"), Some(105.0));
        assert_eq!(parse_number("उन्तालीस"), Some(39.0));
        assert_eq!(parse_number("अडतीस"), Some(38.0));
        assert_eq!(parse_number("पचानवे"), Some(95.0));
        assert_eq!(parse_number("एक लाख करोड़"), Some(1e12));
        assert_eq!(parse_number("एक"), Some(1.0));
        assert_eq!(parse_number("सैकड़ों"), None);
        assert_eq!(parse_number("पहला"), None);
    }

    #[test]
    fn digits_and_english() {
        assert_eq!(parse_number("8,000"), Some(8000.0));
        assert_eq!(parse_number("1,00,000"), Some(100_000.0));
        assert_eq!(parse_number("१२.५"), Some(12.5));
        assert_eq!(parse_number("2.5 लाख"), Some(250_000.0));
        assert_eq!(parse_number("1.5 million"), Some(1_500_000.0));
        assert_eq!(parse_number("eight thousand"), Some(8000.0));
        assert_eq!(parse_number("twenty-five"), Some(25.0));
        assert_eq!(parse_number("one hundred and five"), Some(105.0));
        assert_eq!(
            parse_number("three million two hundred thousand"),
            Some(3_200_000.0)
        );
    }

    #[test]
    fn approximate_marker_is_in_the_span() {
        let text = "अभी तक करीब आठ हजार लोग गिरफ्तार किए गए हैं।";
        let m = one(text);
        assert_eq!(&text[m.span.start..m.span.end], "करीब आठ हजार");
        assert_eq!(&text[m.number_span.start..m.number_span.end], "आठ हजार");
        assert_eq!(m.value, Some(8000.0));
        assert!(m.approximate);
        let m = one("nearly 1.5 million people");
        assert!(m.approximate);
        assert_eq!(m.value, Some(1_500_000.0));
        let m = one("100 से अधिक लोग");
        assert!(m.approximate);
    }

    #[test]
    fn ranges_vague_ordinals() {
        let m = one("दो-तीन दिन");
        assert_eq!(
            (m.value, m.range_end, m.approximate),
            (Some(2.0), Some(3.0), true)
        );
        let m = one("10-12 हजार लोग");
        assert_eq!((m.value, m.range_end), (Some(10_000.0), Some(12_000.0)));
        let m = one("दो-दो लाख रुपये");
        assert_eq!((m.value, m.approximate), (Some(200_000.0), false));
        let m = one("सैकड़ों प्रदर्शनकारियों");
        assert!(m.vague && m.value.is_none());
        let m = one("हजारों करोड़ रुपये");
        assert!(m.vague);
        assert!(find_numbers("पहला मैच, 10वीं कक्षा, the 1st time").is_empty());
        assert!(find_numbers("एक बयान जारी किया, सऊदी अरब").is_empty());
    }

    #[test]
    fn units_and_dates() {
        let m = one("30-year history");
        assert_eq!((m.value, m.unit_hint), (Some(30.0), Some("years")));
        let m = one("two-week emergency");
        assert_eq!((m.value, m.unit_hint), (Some(2.0), Some("weeks")));
        let m = one("दो सप्ताह के आपातकाल");
        assert_eq!((m.value, m.unit_hint), (Some(2.0), Some("weeks")));
        let m = one("₹ 2.5 लाख");
        assert_eq!(m.unit_hint, Some("INR"));
        let m = one("Published: Mon, 10 Jan 2022 09:03 PM (IST) and 20 dead");
        assert_eq!(m.value, Some(20.0));
        let m = one("6 जनवरी को 20 लोग");
        assert_eq!(m.value, Some(20.0));
        let m = one("साल 2022 में");
        assert!(m.year_like);
    }
}
