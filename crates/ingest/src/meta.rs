//! Metadata lines: bylines, timestamps, datelines.

use crate::boilerplate::more_words_than;
use crate::lexicon::{Role, LEX};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use khabar_model::{Dateline, PubTime, Span};
use std::sync::LazyLock;

/// What a byline or timestamp line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Byline {
    pub author: Option<String>,
    pub editor: Option<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
}

impl Byline {
    pub fn is_empty(&self) -> bool {
        self.author.is_none()
            && self.editor.is_none()
            && self.published.is_none()
            && self.updated.is_none()
    }
}

static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(LEX.byline_markers.iter().map(|(_, m)| m.as_str()))
        .expect("compiled-in byline markers build")
});

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Find the byline markers of a line, with their roles, keeping only plausible ones: a marker
/// must start at a word boundary, or be glued to the previous word with a capital letter
/// (`ChauhanEdited By:`), and a bare `by` must open the line or follow a separator.
fn markers(line: &str) -> Vec<(Role, usize, usize)> {
    let mut out = Vec::new();
    for m in MARKERS.find_iter(line) {
        let (role, marker) = &LEX.byline_markers[m.pattern().as_usize()];
        let before = line[..m.start()].chars().next_back();
        let after = line[m.end()..].chars().next();
        let first = line[m.start()..].chars().next();
        let glued_capital = is_letter(before) && first.is_some_and(|c| c.is_uppercase());
        if is_letter(before) && !glued_capital {
            continue;
        }
        // The marker must end at a word end too ("bypass" is not "by").
        if marker.chars().last().is_some_and(|c| c.is_alphanumeric()) && is_letter(after) {
            continue;
        }
        if marker == "by" || marker == "published" || marker == "updated" {
            let head = line[..m.start()].trim();
            let opens = head.is_empty() || head.ends_with(['|', ':', '-', '–', '—', '•', ',', ')']);
            if !opens && !glued_capital {
                continue;
            }
        }
        out.push((*role, m.start(), m.end()));
    }
    out
}

/// A person's name as a byline gives it: trimmed of separators, 1 to 6 words, no sentence.
pub fn clean_name(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | ',' | '-' | '|' | '–' | '—' | '•' | '/' | '.')
        })
        .trim();
    let words = khabar_text::segment::word_iter(t).take(7).count();
    if t.is_empty() || words == 0 || words > 6 || t.chars().count() > 80 {
        return None;
    }
    if t.contains(['।', '?', '!']) || t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Placeholders that content systems print where a name is missing.
    const NO_NAME: &[&str] = &[
        "unknown",
        "admin",
        "administrator",
        "anonymous",
        "guest",
        "n/a",
        "none",
    ];
    if NO_NAME.iter().any(|n| t.eq_ignore_ascii_case(n)) {
        return None;
    }
    Some(t.to_string())
}

/// Read a byline or timestamp line. Returns `None` when the line is not one (too long, no marker,
/// or the marker is inside running text).
pub fn parse_byline(line: &str) -> Option<Byline> {
    if more_words_than(line, 30) {
        return None;
    }
    let found = markers(line);
    let first = found.first()?;
    // Text before the first marker must be short (a glued name of a previous field at most).
    if more_words_than(&line[..first.1], 3) {
        return None;
    }
    let mut b = Byline::default();
    for (i, (role, _, end)) in found.iter().enumerate() {
        let stop = found.get(i + 1).map(|m| m.1).unwrap_or(line.len());
        let seg = &line[*end..stop];
        match role {
            Role::Author => {
                if b.author.is_none() {
                    // `By Asha Rao August 01, 2010`: the date may follow the name directly.
                    match timestamp(seg) {
                        Some((t, span)) => {
                            b.author = clean_name(&seg[..span.start]);
                            b.published = b.published.or(Some(t));
                        }
                        None => b.author = clean_name(seg),
                    }
                }
            }
            Role::Editor => {
                if b.editor.is_none() {
                    b.editor = clean_name(seg);
                }
            }
            Role::Published => {
                if b.published.is_none() {
                    b.published = timestamp(seg).map(|(t, _)| t);
                }
            }
            Role::Updated => {
                if b.updated.is_none() {
                    b.updated = timestamp(seg).map(|(t, _)| t);
                }
            }
        }
    }
    (!b.is_empty()).then_some(b)
}

/// A short line that credits a desk or a correspondent (`छत्तीसगढ़ संवाददाता`, `Lucknow Bureau`):
/// the byline of outlets that name no reporter.
pub fn desk_line(line: &str) -> Option<String> {
    let t = line.trim();
    let words = khabar_text::segment::word_iter(t).take(5).count();
    if words == 0 || words > 4 || t.contains(['।', '.', '?', '!', ':']) {
        return None;
    }
    let lower = t.to_lowercase();
    let desk = LEX.desks.iter().any(|sp| {
        lower == *sp
            || lower
                .strip_suffix(sp.as_str())
                .is_some_and(|head| head.ends_with(' '))
    });
    desk.then(|| t.to_string())
}

/// The first date or date-time in `s`.
pub fn timestamp(s: &str) -> Option<(PubTime, Span)> {
    khabar_text::dates::parse_timestamp(s)
}

/// A line that is a date or a date-time and little else (`जनवरी 10, 2022`, `09 Apr, 2018 11:22 AM`).
pub fn date_line(line: &str) -> Option<PubTime> {
    if more_words_than(line, 10) {
        return None;
    }
    let (t, span) = timestamp(line)?;
    let covered: usize = line[span.start..span.end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let total: usize = line.chars().filter(|c| !c.is_whitespace()).count();
    (covered * 10 >= total * 6).then_some(t)
}

/// Words that never make up a dateline place: function words and speech verbs.
const NOT_PLACE: &[&str] = &[
    "ने",
    "को",
    "से",
    "में",
    "है",
    "हैं",
    "था",
    "थे",
    "थी",
    "कहा",
    "बताया",
    "यह",
    "वह",
    "इस",
    "उस",
    "कि",
    "और",
    "का",
    "की",
    "के",
    "पर",
    "भी",
    "तो",
    "उन्होंने",
    "हम",
    "मैं",
    "आप",
    "जब",
    "अब",
    "लेकिन",
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "said",
    "says",
    "and",
    "but",
    "in",
    "on",
    "of",
    "to",
    "for",
    "this",
    "that",
    "i",
    "you",
];

fn agency_of(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '[' | ']'))
        .trim();
    if t.is_empty() {
        return None;
    }
    LEX.agencies
        .iter()
        .any(|(_, spelling)| spelling.eq_ignore_ascii_case(t))
        .then(|| t.to_string())
}

fn plausible_place(s: &str) -> bool {
    let words = khabar_text::words(s);
    if words.is_empty() || words.len() > 4 || s.chars().count() > 40 {
        return false;
    }
    if s.chars().any(|c| c.is_numeric()) {
        return false;
    }
    words
        .iter()
        .all(|w| !NOT_PLACE.iter().any(|n| n.eq_ignore_ascii_case(w.text)))
        && s.trim().chars().next().is_some_and(|c| c.is_alphabetic())
}

/// A dateline at the head of a paragraph: `नूर सुल्तान, रायटर। …`, `नई दिल्ली, 10 जनवरी (भाषा) …`,
/// `श्रीनगर : …`, `NEW DELHI (Reuters) - …`. The span covers the dateline in `para`.
pub fn parse_dateline(para: &str) -> Option<Dateline> {
    // The head ends at the first danda, colon or dash separator within the first 100 bytes.
    let limit = para
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= 100)
        .unwrap_or(para.len());
    let head_window = &para[..limit];
    let (sep_at, sep_len) = [("।", 3usize), (":", 1), (" - ", 3), (" – ", 5), (" — ", 5)]
        .iter()
        .filter_map(|(sep, len)| head_window.find(sep).map(|i| (i, *len)))
        .min_by_key(|(i, _)| *i)?;
    let head = &para[..sep_at];
    let rest = &para[sep_at + sep_len..];
    if !more_words_than(rest, 4) || more_words_than(head, 7) {
        return None;
    }
    let (mut place, mut agency) = (head.trim(), None);
    if let (Some(open), Some(close)) = (head.find('('), head.rfind(')')) {
        if open < close {
            agency = agency_of(&head[open + 1..close]);
            place = head[..open].trim();
        }
    }
    if let Some((p, after)) = place.split_once([',', '،']) {
        if agency.is_none() {
            agency = agency_of(after);
        }
        place = p.trim();
    }
    if !plausible_place(place) {
        return None;
    }
    // Without an agency, only a short place before a colon or danda counts (`श्रीनगर :`).
    if agency.is_none() && (more_words_than(place, 2) || sep_len > 3) {
        return None;
    }
    Some(Dateline {
        place: Some(place.to_string()),
        agency,
        span: Some(Span::new(0, sep_at + sep_len)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_byline_fields() {
        let b = parse_byline("By Asha Verma SharmaEdited By: Published: Mon, 10 Jan 2022 09:03 PM (IST)Updated: Tue, 11 Jan 2022 10:00 AM (IST)")
            .unwrap();
        assert_eq!(b.author.as_deref(), Some("Asha Verma Sharma"));
        assert_eq!(b.editor, None);
        assert_eq!(
            b.published.map(|t| t.to_string()).as_deref(),
            Some("2022-01-10T21:03:00+05:30")
        );
        assert_eq!(
            b.updated.map(|t| t.to_string()).as_deref(),
            Some("2022-01-11T10:00:00+05:30")
        );
    }

    #[test]
    fn editor_and_updated_lines() {
        let b = parse_byline("Edited By Ravi Kumar,").unwrap();
        assert_eq!(b.editor.as_deref(), Some("Ravi Kumar"));
        let u = parse_byline("Updated: 09 Apr, 2018 11:22 AM").unwrap();
        assert!(u.updated.is_some());
    }

    #[test]
    fn by_inside_a_sentence_is_not_a_byline() {
        assert_eq!(
            parse_byline("The building was damaged by the storm on Monday."),
            None
        );
        assert_eq!(
            parse_byline("बैठक में कई मुद्दों पर चर्चा हुई और फैसले लिए गए।"),
            None
        );
    }

    #[test]
    fn datelines() {
        let d =
            parse_dateline("मुंबई, पीटीआई। शहर में भारी बारिश के कारण कई इलाकों में पानी भर गया।").unwrap();
        assert_eq!(d.place.as_deref(), Some("मुंबई"));
        assert_eq!(d.agency.as_deref(), Some("पीटीआई"));
        let d = parse_dateline(
            "NEW DELHI (Reuters) - India's central bank kept rates unchanged on Friday, it said.",
        )
        .unwrap();
        assert_eq!(d.place.as_deref(), Some("NEW DELHI"));
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        let d = parse_dateline("श्रीनगर : घाटी में सुरक्षा बलों ने तलाशी अभियान तेज कर दिया है।").unwrap();
        assert_eq!((d.place.as_deref(), d.agency), (Some("श्रीनगर"), None));
        assert_eq!(
            parse_dateline("उन्होंने कहा: हम सरकार के साथ मिलकर काम करेंगे और आगे बढ़ेंगे।"),
            None
        );
        assert_eq!(parse_dateline("कोशिश को नाकाम करने में हम रहे सफल: पुतिन"), None);
    }

    #[test]
    fn byline_with_a_date_after_the_name() {
        let b = parse_byline("By  Unknown  August 01, 2010").unwrap();
        assert_eq!(b.author, None);
        assert_eq!(
            b.published.map(|t| t.to_string()).as_deref(),
            Some("2010-08-01")
        );
        let b = parse_byline("By Kavita Rao August 01, 2010").unwrap();
        assert_eq!(b.author.as_deref(), Some("Kavita Rao"));
    }

    #[test]
    fn desk_credits() {
        assert_eq!(
            desk_line("छत्तीसगढ़ संवाददाता").as_deref(),
            Some("छत्तीसगढ़ संवाददाता")
        );
        assert_eq!(
            desk_line("Lucknow Bureau").as_deref(),
            Some("Lucknow Bureau")
        );
        assert_eq!(desk_line("संवाददाता ने बताया कि हालात सामान्य हैं।"), None);
        assert_eq!(desk_line("बाढ़ से दस गांव प्रभावित"), None);
    }

    #[test]
    fn pipe_separated_byline() {
        let b = parse_byline("By अनीता शर्मा | Publish Date: Jul 24 2019  4:52PM").unwrap();
        assert_eq!(b.author.as_deref(), Some("अनीता शर्मा"));
        assert!(b.published.is_some());
    }

    #[test]
    fn names() {
        assert_eq!(
            clean_name(" : राजेश कुमार सिंह | ").as_deref(),
            Some("राजेश कुमार सिंह")
        );
        assert_eq!(clean_name("यह एक बहुत लंबा वाक्य है जो नाम नहीं है।"), None);
        assert_eq!(clean_name(""), None);
    }
}
