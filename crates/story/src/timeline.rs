//! A story's timeline: its dated happenings in resolved-date order, with the articles that
//! report each.
//!
//! Entries come from events with a resolved date, and from sentences that carry a resolved
//! date and a count or a quote but no dated event. Reports of the same happening are grouped
//! by (date, event kind, actor, target) across articles (for quotes: date and speaker; for
//! counts: date, kind and value), so two outlets reporting one happening give one entry with
//! two sources. An entry's text is the sentence of its earliest source. Undated events are
//! left out: an article's publication date is not the date of what it reports.

use khabar_model::{Analysis, Document, Granularity, Provenance, TimelineEntry, CONFIDENT};
use std::collections::{BTreeMap, HashSet};

/// An entry being gathered: text, event kind, sources, how precisely they date it.
type Gathered = (String, Option<String>, Vec<Provenance>, Granularity);

/// How precisely sentence `sentence` of an article gives `date`: its date expression's
/// granularity (the finest, if several give that date), else that of the article's date
/// expressions that give the date (an event dated by an earlier sentence's "in January"); a
/// date no expression gives (the publication date) is a day.
fn granularity_of(a: &Analysis, sentence: usize, date: chrono::NaiveDate) -> Granularity {
    let rank = |g: &Granularity| match g {
        Granularity::Day => 0,
        Granularity::Week => 1,
        Granularity::Month => 2,
        Granularity::Year => 3,
    };
    let finest = |same_sentence: bool| {
        a.dates
            .iter()
            .filter(|d| d.date == date && (!same_sentence || d.sentence == sentence))
            .map(|d| d.granularity)
            .min_by_key(rank)
    };
    finest(true)
        .or_else(|| finest(false))
        .unwrap_or(Granularity::Day)
}

/// Longest entry text, in characters.
const MAX_TEXT: usize = 300;

fn sentence_text(doc: &Document, a: &Analysis, i: usize) -> String {
    let t = a
        .sentences
        .get(i)
        .and_then(|s| s.span.slice(&doc.text))
        .unwrap_or("")
        .trim();
    if t.chars().count() <= MAX_TEXT {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(MAX_TEXT).collect();
        s.push('…');
        s
    }
}

/// The timeline of a story. `members` are its articles with their analyses, oldest first (the
/// earliest source of an entry gives its text).
pub fn timeline(members: &[(&Document, &Analysis)]) -> Vec<TimelineEntry> {
    // (date, kind, key) → (text, kind, sources).
    let mut entries: BTreeMap<(_, String, String), Gathered> = BTreeMap::new();
    let mut add = |key: (_, String, String),
                   kind: Option<String>,
                   text: String,
                   p: Provenance,
                   g: Granularity| {
        let e = entries
            .entry(key)
            .or_insert_with(|| (text, kind, Vec::new(), g));
        if g == Granularity::Day {
            e.3 = g;
        }
        // One source per article and sentence.
        if !e
            .2
            .iter()
            .any(|s| s.article == p.article && s.sentence == p.sentence)
        {
            e.2.push(p);
        }
    };
    for (doc, a) in members {
        let mut dated_event_sentences: HashSet<usize> = HashSet::new();
        for e in &a.events {
            // Only events the analysis is sure of: the timeline states what happened.
            let Some(date) = e.date.filter(|_| e.confidence >= CONFIDENT) else {
                continue;
            };
            dated_event_sentences.insert(e.sentence);
            let key = format!(
                "{}|{}",
                e.actor.as_ref().map_or("", |x| x.0.as_str()),
                e.target.as_ref().map_or("", |x| x.0.as_str())
            );
            add(
                (date, e.kind.clone(), key),
                Some(e.kind.clone()),
                sentence_text(doc, a, e.sentence),
                Provenance {
                    article: doc.id.clone(),
                    sentence: e.sentence,
                    span: a.sentences.get(e.sentence).map_or(e.trigger, |s| s.span),
                },
                granularity_of(a, e.sentence, date),
            );
        }
        // Dated sentences with a quote or a count and no dated event.
        for d in &a.dates {
            if d.granularity != Granularity::Day || dated_event_sentences.contains(&d.sentence) {
                continue;
            }
            let span = match a.sentences.get(d.sentence) {
                Some(s) => s.span,
                None => continue,
            };
            let prov = Provenance {
                article: doc.id.clone(),
                sentence: d.sentence,
                span,
            };
            for q in a.quotes.iter().filter(|q| q.sentence == d.sentence) {
                let speaker = q.speaker.as_ref().map_or("", |s| s.0.as_str());
                add(
                    (d.date, "quote".into(), speaker.to_string()),
                    None,
                    sentence_text(doc, a, d.sentence),
                    prov.clone(),
                    Granularity::Day,
                );
            }
            for q in a.quantities.iter().filter(|q| q.sentence == d.sentence) {
                let (Some(v), false) = (q.value, q.vague) else {
                    continue;
                };
                add(
                    (d.date, "count".into(), format!("{:?}|{v}", q.kind)),
                    None,
                    sentence_text(doc, a, d.sentence),
                    prov.clone(),
                    Granularity::Day,
                );
            }
        }
        // Quotes the analysis dated, in sentences without a dated event.
        for q in &a.quotes {
            let (Some(date), Some(s)) = (q.date, a.sentences.get(q.sentence)) else {
                continue;
            };
            if dated_event_sentences.contains(&q.sentence) {
                continue;
            }
            let speaker = q.speaker.as_ref().map_or("", |s| s.0.as_str());
            add(
                (date, "quote".into(), speaker.to_string()),
                None,
                sentence_text(doc, a, q.sentence),
                Provenance {
                    article: doc.id.clone(),
                    sentence: q.sentence,
                    span: s.span,
                },
                granularity_of(a, q.sentence, date),
            );
        }
    }
    let mut out: Vec<TimelineEntry> = entries
        .into_iter()
        .map(
            |((date, _, _), (text, kind, sources, granularity))| TimelineEntry {
                date,
                granularity,
                text,
                kind,
                sources,
            },
        )
        .collect();
    out = merge_same_sentences(out);
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
    out
}

/// Event kinds from most to least telling, for an entry that several kinds of one sentence
/// were merged into. Kinds not listed come after these.
const KIND_ORDER: &[&str] = &[
    "kill",
    "arrest",
    "disaster",
    "emergency",
    "resign",
    "deploy",
    "protest",
    "assault",
    "accuse",
    "condemn",
    "deny",
    "consult",
    "statement",
    "praise",
    "cooperate",
];

fn kind_rank(kind: Option<&str>) -> usize {
    match kind {
        Some(k) => KIND_ORDER
            .iter()
            .position(|x| *x == k)
            .unwrap_or(KIND_ORDER.len()),
        None => KIND_ORDER.len() + 1,
    }
}

fn same_sentence(a: &Provenance, b: &Provenance) -> bool {
    a.article == b.article && a.sentence == b.sentence
}

/// Several events read from one sentence are one report: an entry whose sources all lie in
/// the sources of another entry of the same date is merged into it. The merged entry takes the
/// more telling kind only when the sentence it shows (its first source) reports that kind: a
/// killing read in the third of three sentences about violence does not make the first one a
/// killing; it stays an entry of its own.
fn merge_same_sentences(mut entries: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    // Widest entries first, so narrower ones fold into them.
    entries.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(b.sources.len().cmp(&a.sources.len()))
            .then(kind_rank(a.kind.as_deref()).cmp(&kind_rank(b.kind.as_deref())))
    });
    let mut kept: Vec<TimelineEntry> = Vec::with_capacity(entries.len());
    for e in entries {
        let covering = kept
            .iter_mut()
            .rev()
            .take_while(|k| k.date == e.date)
            .find(|k| {
                !k.sources.is_empty()
                    && e.sources
                        .iter()
                        .all(|s| k.sources.iter().any(|t| same_sentence(s, t)))
            });
        match covering {
            Some(k) if kind_rank(e.kind.as_deref()) >= kind_rank(k.kind.as_deref()) => {}
            // The sentence the entry shows reports the more telling kind: the entry takes it.
            Some(k)
                if k.sources
                    .first()
                    .is_some_and(|f| e.sources.iter().any(|s| same_sentence(s, f))) =>
            {
                k.kind = e.kind;
            }
            // The more telling kind is read elsewhere than in the sentence shown: an entry of its
            // own, so the killing stays on the timeline without naming the shown sentence so.
            Some(_) | None => kept.push(e),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::{ArticleId, DateMention, EntityId, Event, Quote, Sentence, Span};

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: ArticleId::from(id),
            source: id.into(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            authors: vec![],
            published: None,
            updated: None,
            language: None,
            dateline: None,
            text: text.to_string(),
            paragraphs: vec![Span::new(0, text.len())],
            captions: vec![],
            dropped: vec![],
            fingerprint: String::new(),
        }
    }

    fn analysis(d: &Document) -> Analysis {
        let mut a = Analysis::empty(d.id.clone(), "en");
        let mut start = 0;
        for part in d.text.split_inclusive(". ") {
            a.sentences.push(Sentence {
                span: Span::new(start, start + part.len()),
            });
            start += part.len();
        }
        a
    }

    fn event(kind: &str, sentence: usize, actor: &str, date: Option<&str>) -> Event {
        Event {
            kind: kind.into(),
            sentence,
            trigger: Span::new(0, 1),
            trigger_text: kind.into(),
            actor: Some(EntityId(actor.into())),
            target: None,
            place: None,
            date: date.map(|d| d.parse().expect("date")),
            quantity: None,
            confidence: 1.0,
        }
    }

    #[test]
    fn same_happening_in_two_articles_is_one_entry_in_date_order() {
        let d1 = doc(
            "a",
            "On Sunday X called Y. On Monday Z spoke. Later W resigned. ",
        );
        let d2 = doc("b", "X phoned Y on Sunday. ");
        let (mut a1, mut a2) = (analysis(&d1), analysis(&d2));
        a1.events
            .push(event("statement", 1, "person:z", Some("2022-01-10")));
        a1.events
            .push(event("consult", 0, "person:x", Some("2022-01-09")));
        a1.events.push(event("resign", 2, "person:w", None));
        a2.events
            .push(event("consult", 0, "person:x", Some("2022-01-09")));
        let t = timeline(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(t.len(), 2, "undated event left out: {t:?}");
        assert_eq!(t[0].date.to_string(), "2022-01-09");
        assert_eq!(t[0].kind.as_deref(), Some("consult"));
        assert_eq!(t[0].sources.len(), 2);
        assert_eq!(t[0].text, "On Sunday X called Y.");
        assert_eq!(t[1].kind.as_deref(), Some("statement"));
        assert_eq!(t[1].sources.len(), 1);
    }

    #[test]
    fn events_of_one_sentence_are_one_entry_with_the_most_telling_kind() {
        let d1 = doc("a", "Police fired and killed two. ");
        let d2 = doc("b", "Police fired. Two died. ");
        let (mut a1, mut a2) = (analysis(&d1), analysis(&d2));
        a1.events
            .push(event("assault", 0, "org:police", Some("2022-01-06")));
        a1.events
            .push(event("kill", 0, "org:other", Some("2022-01-06")));
        a2.events
            .push(event("assault", 0, "org:police", Some("2022-01-06")));
        // Another sentence of the same date stays its own entry.
        a2.events
            .push(event("kill", 1, "org:third", Some("2022-01-06")));
        let t = timeline(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(t.len(), 2, "{t:?}");
        let merged = t
            .iter()
            .find(|e| e.sources.len() == 2)
            .expect("merged entry");
        assert_eq!(merged.kind.as_deref(), Some("kill"), "{t:?}");
        assert_eq!(merged.text, "Police fired and killed two.");
    }

    /// An event dated by "last year" is an entry of that year, shown as the year and never as
    /// its first of January.
    #[test]
    fn an_event_dated_by_a_year_keeps_the_year() {
        let d = doc("a", "Last year police killed nine. On Sunday they spoke. ");
        let mut a = analysis(&d);
        a.dates.push(DateMention {
            span: Span::new(0, 9),
            sentence: 0,
            text: "Last year".into(),
            date: "2021-01-01".parse().expect("date"),
            granularity: Granularity::Year,
            resolution: "relative".into(),
        });
        a.events
            .push(event("kill", 0, "org:police", Some("2021-01-01")));
        a.events
            .push(event("statement", 1, "org:police", Some("2022-01-09")));
        let t = timeline(&[(&d, &a)]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].granularity, Granularity::Year);
        assert_eq!(t[0].granularity.show(t[0].date), "2021");
        assert_eq!(t[1].granularity, Granularity::Day);
        assert_eq!(t[1].granularity.show(t[1].date), "2022-01-09");
    }

    #[test]
    fn dated_quotes_without_events_are_entries() {
        let d = doc("a", "On Sunday the ministry said calm returned. ");
        let mut a = analysis(&d);
        a.dates.push(DateMention {
            span: Span::new(3, 9),
            sentence: 0,
            text: "Sunday".into(),
            date: "2022-01-09".parse().expect("date"),
            granularity: Granularity::Day,
            resolution: "weekday".into(),
        });
        a.quotes.push(Quote {
            sentence: 0,
            span: Span::new(28, 41),
            text: "calm returned".into(),
            direct: false,
            cue: "said".into(),
            cue_span: Span::new(23, 27),
            speaker: Some(EntityId("org:ministry".into())),
            speaker_text: None,
            speaker_span: None,
            date: None,
            unnamed_source: None,
            confidence: 1.0,
        });
        let t = timeline(&[(&d, &a)]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, None);
        assert_eq!(t[0].sources[0].sentence, 0);
    }

    /// A killing read in one sentence of an entry about violence is no reason to call the
    /// sentence shown (another one) a killing: the killing is an entry of its own.
    #[test]
    fn a_more_telling_kind_read_in_another_sentence_is_its_own_entry() {
        let d = doc("a", "The city was hit hardest by the violence. Mourners honoured those killed in the violence. ");
        let mut a = analysis(&d);
        a.events
            .push(event("assault", 0, "org:x", Some("2022-01-10")));
        a.events
            .push(event("assault", 1, "org:x", Some("2022-01-10")));
        a.events.push(event("kill", 1, "org:y", Some("2022-01-10")));
        let mut unsure = event("kill", 0, "org:z", Some("2022-01-10"));
        unsure.confidence = 0.5;
        a.events.push(unsure);
        let t = timeline(&[(&d, &a)]);
        assert_eq!(t.len(), 2, "{t:?}");
        let violence = t.iter().find(|e| e.sources.len() == 2).expect("violence");
        assert_eq!(violence.kind.as_deref(), Some("assault"), "{t:?}");
        let killing = t
            .iter()
            .find(|e| e.kind.as_deref() == Some("kill"))
            .expect("killing");
        assert_eq!(killing.sources.len(), 1);
        assert!(killing.text.starts_with("Mourners"), "{t:?}");
    }
}
