//! Quantities: a number (from the text core) attached to what it counts and to the verb that
//! says what happened to it.
//!
//! * A number with a unit: `%`/`प्रतिशत` → percent; rupees, dollars → money; years, weeks, days,
//!   months, hours, minutes → duration, or age when the phrase says so (`25 वर्षीय`,
//!   `30-year-old`, `aged 30`, `उम्र 30 साल`).
//! * Otherwise the counted noun is looked for in the three words after the number (`20 कज़ाख
//!   सुरक्षाकर्मी`, `20 of the protesters`) and the verb in the number's clause: first after it,
//!   as Hindi puts it (`करीब आठ हजार लोग गिरफ्तार किए गए`), then just before it (`killed 20
//!   people`, `death toll rose to 156`). The verb decides the kind (`20 सुरक्षाकर्मी मारे गए` is
//!   killed, not troops); without one the noun does (`सैकड़ों प्रदर्शनकारियों` → protesters).
//! * A number with neither a known noun nor a verb is kept as a plain count only when a content
//!   word follows it; years (`2020`) and parts of dates are never counts.

use super::lexicon::{rows, Tok};
use super::words::{Lang, Words};
use super::{Ctx, FactExtractor};
use khabar_model::{Quantity, QuantityKind, Span};
use khabar_text::fold_word as fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const CONTEXT_TSV: &str = include_str!("../../lexicons/quantity-context.tsv");

/// The words of `lexicons/quantity-context.tsv` by role, folded.
fn context() -> &'static HashMap<String, HashSet<String>> {
    static WORDS: OnceLock<HashMap<String, HashSet<String>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m: HashMap<String, HashSet<String>> = HashMap::new();
        for f in rows(CONTEXT_TSV, 2) {
            m.entry(f[0].to_string()).or_default().insert(fold(f[1]));
        }
        m
    })
}

fn is(role: &str, key: &str) -> bool {
    context().get(role).is_some_and(|s| s.contains(key))
}

/// Kinds as the quantity lexicon names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QKind {
    Killed,
    Arrested,
    Injured,
    Missing,
    Evacuated,
    Protesters,
    Troops,
    Count,
}

impl QKind {
    pub fn parse(s: &str) -> Option<QKind> {
        Some(match s {
            "killed" => QKind::Killed,
            "arrested" => QKind::Arrested,
            "injured" => QKind::Injured,
            "missing" => QKind::Missing,
            "evacuated" => QKind::Evacuated,
            "protesters" => QKind::Protesters,
            "troops" => QKind::Troops,
            "count" => QKind::Count,
            _ => return None,
        })
    }

    fn kind(self) -> QuantityKind {
        match self {
            QKind::Killed => QuantityKind::Killed,
            QKind::Arrested => QuantityKind::Arrested,
            QKind::Injured => QuantityKind::Injured,
            QKind::Missing => QuantityKind::Missing,
            QKind::Evacuated => QuantityKind::Evacuated,
            QKind::Protesters => QuantityKind::Protesters,
            QKind::Troops => QuantityKind::Troops,
            QKind::Count => QuantityKind::Count,
        }
    }
}

pub(crate) fn extract(fx: &FactExtractor, cx: &Ctx) -> Vec<Quantity> {
    let mut out = Vec::new();
    for n in cx.numbers.iter().cloned() {
        if n.year_like {
            continue;
        }
        if cx.dates.iter().any(|d| d.span.overlaps(&n.number_span)) {
            continue;
        }
        if cx.in_code(n.number_span.start) || day_of_month_or_part(cx, n.number_span.start) {
            continue;
        }
        let Some(s) = cx.sentence_of(n.number_span.start) else {
            continue;
        };
        let (sa, sb) = cx.sent_toks[s];
        // first token of the number, first token after it
        let i0 = cx.toks.partition_point(|t| t.start < n.span.start).max(sa);
        let j = cx.toks.partition_point(|t| t.start < n.span.end).min(sb);
        if i0 >= j {
            continue;
        }
        if label_not_amount(cx, &n, i0, sa) || clock_digits(cx, &n) {
            continue;
        }
        // `a 52-48 split`: the second number of a tally or score counts nothing by itself
        if i0 > sa && cx.toks[i0 - 1].number && cx.gap(i0 - 1, i0) == "-" {
            continue;
        }
        let mut q = Quantity {
            span: n.span,
            sentence: s,
            text: String::new(),
            value: n.value,
            approximate: n.approximate,
            vague: n.vague,
            kind: QuantityKind::Count,
            unit: None,
            what: None,
            confidence: 1.0,
        };
        let unit = n.unit_hint;
        match unit {
            Some("percent") => {
                q.kind = QuantityKind::Percent;
                q.unit = Some("percent".into());
                q.span = extend_to(cx, q.span, j, sb, unit_token_len(cx, j, sb));
            }
            Some(u @ ("INR" | "USD")) => {
                q.kind = QuantityKind::Money;
                q.unit = Some(u.into());
                // `$84,000 to the Treasury`: the sign came first, the next word is not the unit
                let sign_before = cx
                    .slice(n.span.start.saturating_sub(4), n.number_span.start)
                    .contains(['$', '₹', '€', '£']);
                if !sign_before {
                    q.span = extend_to(cx, q.span, j, sb, unit_token_len(cx, j, sb));
                }
            }
            Some(u @ ("years" | "weeks" | "days" | "months" | "hours" | "minutes")) => {
                let ut = unit_token_len(cx, j, sb);
                if matches!(u, "minutes" | "hours") && clock_time(cx, i0, j + ut, sa, sb) {
                    continue;
                }
                q.unit = Some(u.into());
                q.span = extend_to(cx, q.span, j, sb, ut);
                let after = j + ut;
                let w = Words::get();
                let age_before = |k: usize| w.any("age-before", cx.key(k));
                let age = (u == "years"
                    && (after < sb
                        && (w.is(Lang::Hi, "age-suffix", cx.key(after))
                            || w.is(Lang::En, "age-after-unit", cx.key(after)))
                        || (i0 > sa && age_before(i0 - 1))
                        || (i0 > sa + 1 && age_before(i0 - 2))))
                    || (j < sb && w.is(Lang::Hi, "age-suffix", cx.key(j)))
                    || u == "years" && (parenthesised(cx, &n) || after_name(cx, &n));
                // `आठ साल की बच्ची`, `30 साल का युवक`: the age of the person named next
                // (past `एक`: `60 साल के एक शख्स`; a doer marked by ने is someone: `26 साल की
                // सुरभि ने`)
                let x = if cx.key(after + 1) == "एक" {
                    after + 2
                } else {
                    after + 1
                };
                let of_person = matches!(u, "years" | "months")
                    && x < sb
                    && matches!(cx.key(after), "की" | "का" | "के")
                    && (w.is(Lang::Hi, "age-noun", cx.key(x))
                        || cx
                            .mention_at(cx.toks[x].start)
                            .is_some_and(|m| m.kind == khabar_model::EntityKind::Person)
                        || x + 1 < sb && cx.key(x + 1) == "ने" && !cx.breaks(x, x + 1));
                q.kind = if age || of_person {
                    QuantityKind::Age
                } else {
                    QuantityKind::Duration
                };
            }
            Some(u) => {
                q.unit = Some(u.into());
                q.span = extend_to(cx, q.span, j, sb, unit_token_len(cx, j, sb));
            }
            None => {
                // a clock time in words (`आठ बज चुके थे`) is no count
                // nor a year of an era (`1492 ईसवी`)
                let w = Words::get();
                if j < sb && w.any("clock-or-era", cx.key(j)) {
                    continue;
                }
                if j < sb && is("rupees", cx.key(j)) {
                    q.kind = QuantityKind::Money;
                    q.unit = Some("INR".into());
                    q.span = extend_to(cx, q.span, j, sb, 1);
                } else if j < sb
                    && cx
                        .mention_at(cx.toks[j].start)
                        .is_some_and(|m| m.span.start == cx.toks[j].start)
                {
                    // a number before a name labels it (`12487 जोगबनी-आनंद विहार एक्सप्रेस`, `20
                    // डोगरा रेजिमेंट`) unless the name is an adjective of a counted noun the
                    // lexicon knows (`3 पाकिस्तानी राजनयिकों` has no mention: a demonym)
                    continue;
                } else if let Some(unit) = (j < sb).then(|| long_unit(cx.key(j))).flatten() {
                    q.kind = QuantityKind::Duration;
                    q.unit = Some(unit.into());
                    q.span = extend_to(cx, q.span, j, sb, 1);
                } else if j < sb && w.is(Lang::Hi, "age-suffix", cx.key(j))
                    || j < sb && w.any("age-before", cx.key(j)) && !cx.breaks(j - 1, j)
                {
                    q.kind = QuantityKind::Age;
                    q.unit = Some("years".into());
                    q.span = extend_to(cx, q.span, j, sb, 1);
                } else if i0 >= sa + 3
                    && matches!(cx.key(i0 - 1), "and" | "or" | "और" | "व")
                    && cx.toks[i0 - 2].number
                    && w.any("age-before", cx.key(i0 - 3))
                {
                    // `aged 16 and 13`: a number listed after an age is an age
                    q.kind = QuantityKind::Age;
                    q.unit = Some("years".into());
                } else if !count_of(fx, cx, &mut q, i0, j, sa, sb) {
                    continue;
                }
            }
        }
        if q.kind == QuantityKind::Count && near_magnitude_word(cx, i0, j, sa, sb) {
            // `6.4 तीव्रता का भूकंप`, `तीव्रता 3.2 रही`, `a magnitude 7.5 quake`
            q.unit = Some("magnitude".into());
            q.what = None;
            q.span = n.span;
        }
        q.text = q.span.slice(cx.text).unwrap_or("").to_string();
        q.confidence = confidence(&q);
        // `an 80-foot-long room`, `a four-nation tour`: a number inside an adjective compound
        // describes, it does not count
        let compound =
            q.kind == QuantityKind::Count && q.unit.is_none() && j < sb && cx.gap(j - 1, j) == "-";
        if compound {
            q.confidence = q.confidence.min(0.55);
        }
        out.push(q);
    }
    out
}

/// How sure a quantity is of what it counts: a casualty verb, a unit or a counted noun the
/// lexicon knows says it plainly; a vague amount (`सैकड़ों`) or a count with no noun less so.
fn confidence(q: &Quantity) -> f32 {
    let base: f32 = match q.kind {
        QuantityKind::Count if q.unit.as_deref() == Some("magnitude") => 0.85,
        QuantityKind::Count if q.what.is_none() => 0.55,
        QuantityKind::Count => 0.8,
        QuantityKind::Duration | QuantityKind::Age => 0.85,
        _ => 0.9,
    };
    let vague = if q.value.is_none() { 0.2 } else { 0.0 };
    let approx = if q.approximate { 0.05 } else { 0.0 };
    (base - vague - approx).clamp(0.0, 1.0)
}

/// A number that labels rather than counts: a phone number, pin code or id written as a long
/// run of digits (`284304`, `9876543210`), a number after a label word (`धारा 151`, `ward 12`),
/// or a spelled-out number inside a capitalised name (`Frankie Five Angels`).
fn label_not_amount(cx: &Ctx, n: &khabar_text::numbers::NumberMatch, i0: usize, sa: usize) -> bool {
    let digits = n.number_span.slice(cx.text).unwrap_or("");
    if digits.len() >= 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // `वार्ड सं. 62`: the label may be abbreviated (and the sentence splitter may have cut
    // after its full stop)
    if i0 > 0
        && is("id-before", cx.key(i0 - 1))
        && (!cx.breaks(i0 - 1, i0) || cx.gap(i0 - 1, i0).trim() == ".")
    {
        return true;
    }
    // `धारा 151, 107-16`: a list after a label word labels on
    if i0 >= 2
        && cx.toks[i0 - 1].number
        && cx.gap(i0 - 1, i0).contains(',')
        && is("id-before", cx.key(i0 - 2))
    {
        return true;
    }
    // `501 c3`, `F-16 4`: a number next to a code of letters and digits labels with it, and so
    // does a list after one (`c3,4,5`)
    let code = |k: usize| {
        cx.toks.get(k).is_some_and(|t| {
            let w = cx.slice(t.start, t.end);
            w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
        })
    };
    let j = cx.toks.partition_point(|t| t.start < n.span.end);
    if code(j) && !cx.breaks(j - 1, j)
        || i0 > 0 && code(i0 - 1) && matches!(cx.gap(i0 - 1, i0), "," | "-" | "")
    {
        return true;
    }
    if i0 >= 2
        && cx.toks[i0 - 1].number
        && cx.gap(i0 - 1, i0) == ","
        && code(i0 - 2)
        && cx.gap(i0 - 2, i0 - 1) == ","
    {
        return true;
    }
    let capital_word = digits.chars().next().is_some_and(char::is_uppercase);
    capital_word && i0 > sa && !cx.breaks(i0 - 1, i0)
}

/// Whether a number of years follows a person's name and a comma (`हीरा देवी, 47 वर्ष`): an
/// age given in apposition.
fn after_name(cx: &Ctx, n: &khabar_text::numbers::NumberMatch) -> bool {
    let head = cx.slice(0, n.span.start).trim_end();
    let Some(before) = head.strip_suffix(',') else {
        return false;
    };
    cx.mention_ending_at(before.trim_end().len())
        .is_some_and(|m| m.kind == khabar_model::EntityKind::Person)
}

/// Whether a number and its unit stand alone in brackets (`विजय कुमार (32 वर्ष)`): after a
/// name, an age.
fn parenthesised(cx: &Ctx, n: &khabar_text::numbers::NumberMatch) -> bool {
    let before = cx.slice(0, n.span.start).trim_end().ends_with('(');
    let after = cx.text.get(n.span.end..).unwrap_or("");
    // past the unit word
    let rest = after
        .trim_start()
        .trim_start_matches(|c: char| c.is_alphabetic() || khabar_text::segment::is_word_char(c));
    before && rest.trim_start().starts_with(')')
}

/// A time of day written as digits with a leading zero and two after the point (`07.00`,
/// `09.20 प्रात`, `06:30`): a schedule's clock time, never an amount.
fn clock_digits(cx: &Ctx, n: &khabar_text::numbers::NumberMatch) -> bool {
    let d = n.number_span.slice(cx.text).unwrap_or("").as_bytes();
    d.len() == 5
        && d[0] == b'0'
        && d[1].is_ascii_digit()
        && matches!(d[2], b'.' | b':')
        && d[3].is_ascii_digit()
        && d[4].is_ascii_digit()
}

/// A time of day written with minutes or hours: `सुबह 3.58 मिनट पर`, `3 बजकर 52 मिनट पर`.
/// `i0` is the number's first token, `after` the first token after its unit.
fn clock_time(cx: &Ctx, i0: usize, after: usize, sa: usize, sb: usize) -> bool {
    let before = (i0.saturating_sub(2).max(sa)..i0).any(|k| is("clock-before", cx.key(k)));
    let marked_after = after < sb && is("clock-after", cx.key(after));
    before || marked_after
}

/// Whether a magnitude word (`तीव्रता`, `magnitude`, `रिक्टर`) stands within five words before or two after the
/// number in its clause.
fn near_magnitude_word(cx: &Ctx, i0: usize, j: usize, sa: usize, sb: usize) -> bool {
    let mut k = i0;
    let mut n = 0;
    while k > sa && n < 5 && !cx.breaks(k - 1, k) {
        k -= 1;
        n += 1;
        if is("magnitude", cx.key(k)) {
            return true;
        }
    }
    (j..(j + 2).min(sb)).any(|k| is("magnitude", cx.key(k)) && !cx.breaks(k - 1, k))
}

/// A number that is a day after a month (`Jan. 11`, `June 19`) or the second part of a slashed
/// name (`9/11`): no count.
fn day_of_month_or_part(cx: &Ctx, start: usize) -> bool {
    let mut from = start.saturating_sub(8);
    while from > 0 && !cx.text.is_char_boundary(from) {
        from -= 1;
    }
    let before = cx.slice(from, start);
    if before.ends_with('/') {
        return true;
    }
    // a day after a month written in full (`June 19 election`, `March 16 request`)
    let mut wide = start.saturating_sub(12);
    while wide > 0 && !cx.text.is_char_boundary(wide) {
        wide -= 1;
    }
    let last_word = cx
        .slice(wide, start)
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let day = cx
        .slice(start, (start + 3).min(cx.text.len()))
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|d| (1..=31).contains(&d));
    if day
        && matches!(
            last_word,
            "January"
                | "February"
                | "March"
                | "April"
                | "May"
                | "June"
                | "July"
                | "August"
                | "September"
                | "October"
                | "November"
                | "December"
        )
    {
        return true;
    }
    let Some(head) = before.trim_end().strip_suffix('.') else {
        return false;
    };
    let word = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Decades and centuries (the text core's units stop at years).
fn long_unit(key: &str) -> Option<&'static str> {
    match key {
        "दशक" | "दशकों" | "decade" | "decades" => Some("decades"),
        "वर्षो" | "सालो" => Some("years"),
        "सदी" | "सदियों" | "शताब्दी" | "century" | "centuries" => {
            Some("centuries")
        }
        _ => None,
    }
}

/// How many tokens the unit takes at `j` (`30-year` → 1; `per cent` → 2; `%` → 0).
fn unit_token_len(cx: &Ctx, j: usize, sb: usize) -> usize {
    if j >= sb {
        return 0;
    }
    if cx.key(j) == "per" && cx.key(j + 1) == "cent" {
        return 2;
    }
    let gap = cx.slice(
        cx.toks
            .get(j.wrapping_sub(1))
            .map(|t: &Tok| t.end)
            .unwrap_or(0),
        cx.toks[j].start,
    );
    if gap.contains('%') {
        0
    } else {
        1
    }
}

/// Extend `span` to the end of token `j + n - 1` (or over a `%` sign).
fn extend_to(cx: &Ctx, span: Span, j: usize, sb: usize, n: usize) -> Span {
    if n > 0 && j + n <= sb {
        return Span::new(span.start, cx.toks[j + n - 1].end.max(span.end));
    }
    let rest = cx.text.get(span.end..).unwrap_or("");
    let trimmed = rest.trim_start();
    if trimmed.starts_with('%') {
        return Span::new(span.start, span.end + (rest.len() - trimmed.len()) + 1);
    }
    span
}

/// Attach a plain number to its noun and verb. False when it counts nothing recognisable.
fn count_of(
    fx: &FactExtractor,
    cx: &Ctx,
    q: &mut Quantity,
    i0: usize,
    j: usize,
    sa: usize,
    sb: usize,
) -> bool {
    // the clause after the number: up to 7 words, to a clause break or the next number
    let mut end = j;
    while end < sb && end < j + 7 {
        if end > j && (cx.toks[end].number || cx.breaks(end - 1, end)) {
            break;
        }
        if end == j && j > 0 && cx.breaks(j - 1, j) {
            break;
        }
        end += 1;
    }
    // `दर्जन भर मंदिर`: a particle after the number stands before the counted noun
    let j = if j < end && is("particle", cx.key(j)) && !cx.breaks(j - 1, j) {
        j + 1
    } else {
        j
    };
    // the counted noun: a lexicon noun in the first three words
    let mut noun: Option<(usize, usize, QKind)> = None;
    for k in j..end.min(j + 3) {
        if let Some((len, kind)) = fx.qty_nouns.match_at(cx.text, &cx.toks, k, end) {
            noun = Some((k, len, *kind));
            break;
        }
    }
    // the verb: after the number, else just before it in the same clause
    let mut start = i0;
    while start > sa && start + 5 > i0 && !cx.breaks(start - 1, start) {
        start -= 1;
    }
    let before = fx
        .qty_verbs
        .find_all(cx.text, &cx.toks, start, i0)
        .last()
        .map(|&(k, len, v)| (k, len, *v));
    // `killed 3 people and injured 23`: with a verb before the number, a verb after a
    // conjunction is the next number's
    let verb_end = if before.is_some() {
        (j..end)
            .find(|&k| Words::get().any("conjunction", cx.key(k)))
            .unwrap_or(end)
    } else {
        end
    };
    let verb = fx
        .qty_verbs
        .find_all(cx.text, &cx.toks, j, verb_end)
        .first()
        .map(|&(k, len, v)| (k, len, *v))
        .or(before);
    let mut kind = match (verb, noun) {
        (Some((_, _, v)), _) => v.kind(),
        (None, Some((_, _, n))) => n.kind(),
        (None, None) => QuantityKind::Count,
    };
    // "the protesters' 3 demands": a verb of protest only counts protesters with a person noun
    if kind == QuantityKind::Protesters && noun.is_none() && verb.is_some() {
        kind = QuantityKind::Count;
    }
    let content = |k: usize| {
        k < end
            && !cx.toks[k].number
            && !Words::get().any("function", cx.key(k))
            && (adjective(cx, k) || !english_verb(cx.key(k)))
            && verb.is_none_or(|(v, _, _)| v != k)
            && letters_of_text_script(cx, k)
    };
    let what = match noun {
        Some((k, len, _)) => Some((k, len)),
        None => content(j).then(|| (head_noun(cx, j, &content), 1)),
    };
    if let Some((k, len)) = what {
        q.what = Some(
            cx.slice(cx.toks[k].start, cx.toks[k + len - 1].end)
                .to_string(),
        );
    }
    if kind == QuantityKind::Count && what.is_none() {
        return false;
    }
    // `three more years`: a time unit past a modifier is a duration, not a count of years
    if let (QuantityKind::Count, Some((k, 1))) = (&kind, what) {
        let next_or_past_modifier = k == j || k == j + 1 && is("modifier", cx.key(j));
        if let Some(u @ ("years" | "weeks" | "days" | "months" | "hours" | "minutes")) =
            khabar_text::numbers::unit_of(cx.key(k)).filter(|_| next_or_past_modifier)
        {
            kind = QuantityKind::Duration;
            q.unit = Some(u.into());
            q.what = None;
        }
    }
    // the span runs from the number over the noun and a following verb (not a preceding one)
    let mut last = what.map(|(k, len)| k + len - 1);
    if let Some((k, len, _)) = verb {
        if k >= j {
            last = Some(last.map_or(k + len - 1, |l| l.max(k + len - 1)));
        }
    }
    if let Some(l) = last {
        q.span = Span::new(q.span.start, cx.toks[l].end.max(q.span.end));
    }
    q.kind = kind;
    true
}

/// The counted noun of a number whose next word is `j`: past modifiers (`दो सगे भाई`, `three
/// other presidents`, `12 crude explosive devices`) to the noun, at most two words on; an English
/// word that is already plural, or joined to the number by a hyphen (`12-person`), is the noun.
fn head_noun(cx: &Ctx, j: usize, content: &dyn Fn(usize) -> bool) -> usize {
    let mut k = j;
    let hyphened = j > 0 && cx.gap(j - 1, j).contains('-');
    while k < j + 2 && content(k + 1) && !hyphened {
        let w = cx.key(k);
        let latin = w.bytes().all(|b| b.is_ascii_alphabetic());
        let next = cx.key(k + 1);
        let next_plain = next.bytes().all(|b| b.is_ascii_lowercase())
            && !next.ends_with("ed")
            && !next.ends_with("ing")
            && !next.ends_with("ly")
            && !khabar_text::en::STOPWORDS.contains(&next);
        let next_capital = cx
            .text
            .get(cx.toks[k + 1].start..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase);
        let step = is("modifier", w)
            || (latin && !w.ends_with('s') && next_plain && !next_capital && !cx.breaks(k, k + 1));
        if !step || cx.breaks(k, k + 1) {
            break;
        }
        k += 1;
    }
    k
}

/// Whether an English word is a verb form that never is a counted noun (`the two fought`,
/// `Senate Bill 1062 does`): a past form in -ed or one listed as `verb` in
/// `lexicons/quantity-context.tsv`.
fn english_verb(key: &str) -> bool {
    let latin = key.bytes().all(|b| b.is_ascii_lowercase());
    latin && ((key.len() > 4 && key.ends_with("ed")) || is("verb", key))
}

/// Whether an English -ed word at `k` modifies a noun after it (`11 million undocumented
/// immigrants`): the next word is a lower-case word that is no function word.
fn adjective(cx: &Ctx, k: usize) -> bool {
    let key = cx.key(k);
    let next = cx.key(k + 1);
    !is("verb", key)
        && k + 1 < cx.toks.len()
        && !cx.breaks(k, k + 1)
        && !next.is_empty()
        && next.bytes().all(|b| b.is_ascii_lowercase())
        && !khabar_text::en::STOPWORDS.contains(&next)
        && cx
            .slice(cx.toks[k + 1].start, cx.toks[k + 1].end)
            .starts_with(|c: char| c.is_ascii_lowercase())
}

/// Whether token `k` is a word of letters in the script of the text around it (not mojibake
/// such as `рд╕рд╛рд▓`, Devanagari read as the wrong code page).
fn letters_of_text_script(cx: &Ctx, k: usize) -> bool {
    use khabar_text::script::{script_of, Script};
    let Some(t) = cx.toks.get(k) else {
        return false;
    };
    cx.slice(t.start, t.end)
        .chars()
        .filter_map(script_of)
        .all(|s| matches!(s, Script::Devanagari | Script::Latin))
}
