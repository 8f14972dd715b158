//! The comparison across outlets: which facts two or more outlets agree on, which facts of one
//! kind they give with different values, and which facts only one outlet reports.
//!
//! Each outlet's articles give a set of facts, each under a key that is stable across outlets
//! and languages:
//! - counts and measures: the quantity kind, its unit and (for plain counts) the counted noun;
//!   photo captions are read for measures too (a caption kept apart from the body is still a
//!   fact of the article);
//! - descriptive roles of places: `राजधानी अल्माटी`, `Almaty, the largest city` (cue words in
//!   `lexicons/roles.txt`), keyed by the linked place;
//! - events keyed by kind, actor and target (only events with an actor);
//! - quotes keyed by speaker (these only count towards what one outlet alone reports).
//!
//! Two outlets agree on a key when some pair of their values is compatible (equal numbers, or
//! within [`TOLERANCE`] when either is approximate; the same role); they conflict when no pair
//! is. Keys of one outlet alone are listed per outlet, most salient first, at most
//! [`ONLY_IN_CAP`] per outlet.

use khabar_model::{
    Analysis, Claim, ComparedFact, Comparison, Document, EntityId, MentionRelation, Provenance,
    QuantityKind, Span, CONFIDENT,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// Relative difference allowed between two values when either is approximate.
pub const TOLERANCE: f64 = 0.1;
/// Facts listed per outlet in `only_in`.
pub const ONLY_IN_CAP: usize = 8;

/// Cue words of the roles lexicon, as search keys.
struct Lexicon {
    /// (role, cue keys), longest cue first.
    before: Vec<(String, Vec<String>)>,
    after: Vec<(String, Vec<String>)>,
    /// (unit, word key).
    units: Vec<(String, String)>,
}

fn keys(text: &str) -> Vec<String> {
    khabar_text::words(text)
        .into_iter()
        .map(|t| khabar_text::search_key(t.text))
        .collect()
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon {
        before: Vec::new(),
        after: Vec::new(),
        units: Vec::new(),
    };
    for line in include_str!("../lexicons/roles.txt").lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(role), Some(side), Some(cue)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let cue = keys(cue);
        if cue.is_empty() {
            continue;
        }
        match side {
            "before" => lex.before.push((role.to_string(), cue)),
            "after" => lex.after.push((role.to_string(), cue)),
            "unit" => lex.units.push((role.to_string(), cue.concat())),
            _ => {}
        }
    }
    lex.before.sort_by_key(|(_, c)| std::cmp::Reverse(c.len()));
    lex.after.sort_by_key(|(_, c)| std::cmp::Reverse(c.len()));
    lex
});

/// The name an outlet is shown under: the document's outlet, else the URL's host, else the
/// source file's name.
pub fn outlet_name(doc: &Document) -> String {
    if let Some(o) = doc.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        return o.trim().to_string();
    }
    if let Some(host) = doc.url.as_deref().and_then(url_host) {
        return host.to_string();
    }
    let file = doc.source.rsplit(['/', '\\']).next().unwrap_or(&doc.source);
    // `file.jsonl:12` names a line of a file.
    file.split(':').next().unwrap_or(file).to_string()
}

fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number {
        value: f64,
        approximate: bool,
    },
    Role(String),
    /// An event with its stated day: two reports agree only on the same day (or when neither
    /// states one).
    Event(Option<chrono::NaiveDate>),
    /// The fact is reported (quotes): only its presence is compared.
    Reported,
}

impl Value {
    fn compatible(&self, other: &Value) -> bool {
        match (self, other) {
            (
                Value::Number {
                    value: a,
                    approximate: x,
                },
                Value::Number {
                    value: b,
                    approximate: y,
                },
            ) => {
                let tol = if *x || *y { TOLERANCE } else { 0.0 };
                (a - b).abs() <= a.abs().max(b.abs()) * tol + 1e-9
            }
            (Value::Role(a), Value::Role(b)) => a == b,
            (Value::Event(a), Value::Event(b)) => a == b,
            (Value::Reported, Value::Reported) => true,
            _ => false,
        }
    }
}

/// One fact as one outlet gives it.
#[derive(Debug, Clone)]
struct Fact {
    key: String,
    topic: String,
    value: Value,
    shown: String,
    source: Provenance,
    /// Lower is more salient in `only_in`.
    rank: u8,
    /// Whether a difference of value between outlets is a conflict (counts of casualties and
    /// arrests, roles), or only agreement is looked for (durations, generic counts).
    conflicts: bool,
    /// Whether the fact may be listed as reported by one outlet only.
    alone: bool,
    /// Whether two outlets giving the key is an agreement (not for quotes: two outlets quoting
    /// one speaker may quote different things).
    agrees: bool,
}

fn kind_name(k: &QuantityKind) -> &'static str {
    match k {
        QuantityKind::Arrested => "arrested",
        QuantityKind::Killed => "killed",
        QuantityKind::Injured => "injured",
        QuantityKind::Missing => "missing",
        QuantityKind::Evacuated => "evacuated",
        QuantityKind::Protesters => "protesters",
        QuantityKind::Troops => "troops",
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::Duration => "duration",
        QuantityKind::Age => "age",
        QuantityKind::Count => "count",
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn entity_name(a: &Analysis, id: &EntityId) -> String {
    a.entities
        .iter()
        .find(|e| &e.id == id)
        .map_or_else(|| id.0.clone(), |e| e.name.clone())
}

fn in_kb(a: &Analysis, id: &EntityId) -> bool {
    a.entities.iter().any(|e| &e.id == id && e.in_kb)
}

fn sentence_text<'t>(doc: &'t Document, a: &Analysis, i: usize) -> &'t str {
    a.sentences
        .get(i)
        .and_then(|s| s.span.slice(&doc.text))
        .unwrap_or("")
        .trim()
}

fn short(text: &str, max: usize) -> String {
    let t = text.trim();
    if t.chars().count() <= max {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// The facts one article gives.
fn facts(doc: &Document, a: &Analysis) -> Vec<Fact> {
    let mut out = Vec::new();
    let prov = |sentence: usize, span: Span| Provenance {
        article: doc.id.clone(),
        sentence,
        span,
    };
    // Only confident items are compared (`khabar_model::CONFIDENT`): a doubtful one would
    // make a false agreement or conflict.
    for q in &a.quantities {
        let (Some(v), false, true) = (q.value, q.vague, q.confidence >= CONFIDENT) else {
            continue;
        };
        let kind = kind_name(&q.kind);
        let what = crate::features::counted_key(q);
        let unit = q.unit.clone().unwrap_or_default();
        let casualty = matches!(
            q.kind,
            QuantityKind::Arrested
                | QuantityKind::Killed
                | QuantityKind::Injured
                | QuantityKind::Missing
                | QuantityKind::Evacuated
        );
        let topic = match (unit.is_empty(), what.is_empty()) {
            (true, true) => kind.to_string(),
            (false, _) => format!("{kind} ({unit})"),
            (true, false) => format!("{kind} ({})", q.what.as_deref().unwrap_or_default()),
        };
        out.push(Fact {
            key: format!("q|{kind}|{unit}|{what}"),
            topic,
            value: Value::Number {
                value: v,
                approximate: q.approximate,
            },
            shown: format!(
                "{}{}{}",
                if q.approximate { "about " } else { "" },
                number(v),
                if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                }
            ),
            source: prov(q.sentence, q.span),
            rank: if casualty {
                0
            } else if matches!(q.kind, QuantityKind::Count | QuantityKind::Duration) {
                6
            } else {
                1
            },
            conflicts: casualty
                || matches!(q.kind, QuantityKind::Protesters | QuantityKind::Troops),
            alone: !matches!(q.kind, QuantityKind::Count | QuantityKind::Duration),
            agrees: true,
        });
    }
    out.extend(caption_facts(doc, a.sentences.len()));
    out.extend(role_facts(doc, a));
    for e in a.events.iter().filter(|e| e.confidence >= CONFIDENT) {
        // Who did it, else where it happened: an event with neither is too vague to compare.
        let (who, name) = match (&e.actor, &e.place) {
            (Some(actor), _) => (actor.0.clone(), entity_name(a, actor)),
            (None, Some(place)) => (
                format!("@{}", place.0),
                format!("in {}", entity_name(a, place)),
            ),
            (None, None) => continue,
        };
        let target = e.target.as_ref().map(|t| entity_name(a, t));
        let topic = match (&target, e.actor.is_some()) {
            (Some(t), true) => format!("{} {name} → {t}", e.kind),
            (Some(t), false) => format!("{} → {t} {name}", e.kind),
            (None, true) => format!("{} by {name}", e.kind),
            (None, false) => format!("{} {name}", e.kind),
        };
        let rank = match &e.actor {
            Some(actor) if in_kb(a, actor) && (e.date.is_some() || e.quantity.is_some()) => 2,
            Some(actor) if in_kb(a, actor) => 3,
            _ => 5,
        };
        out.push(Fact {
            key: format!(
                "e|{}|{who}|{}",
                e.kind,
                e.target.as_ref().map_or("", |t| t.0.as_str())
            ),
            topic,
            value: Value::Event(e.date),
            shown: short(sentence_text(doc, a, e.sentence), 160),
            source: prov(e.sentence, e.trigger),
            rank,
            conflicts: false,
            alone: true,
            agrees: event_can_agree(e),
        });
    }
    for q in a.quotes.iter().filter(|q| q.confidence >= CONFIDENT) {
        let Some(speaker) = &q.speaker else { continue };
        out.push(Fact {
            key: format!("s|{}", speaker.0),
            topic: format!("{} says", entity_name(a, speaker)),
            value: Value::Reported,
            shown: short(&q.text, 160),
            source: prov(q.sentence, q.span),
            rank: 4,
            conflicts: false,
            alone: true,
            agrees: false,
        });
    }
    out
}

/// Whether two outlets reporting an event of this key can be said to agree: only when the
/// event names who took part (an actor, and the target when there is one, are in the key). An
/// event known only by its kind and place ("an assault in Almaty") is too loose: clearing
/// rubble and storming a residence would agree.
fn event_can_agree(e: &khabar_model::Event) -> bool {
    e.actor.is_some()
}

/// Descriptive roles given to linked places by cue words next to their names.
fn role_facts(doc: &Document, a: &Analysis) -> Vec<Fact> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    for m in a.mentions.iter().filter(|m| m.confidence >= CONFIDENT) {
        let (Some(id), MentionRelation::Names) = (&m.entity, m.relation) else {
            continue;
        };
        if !id.0.starts_with("place:") {
            continue;
        }
        let Some(sent) = a.sentences.get(m.sentence).map(|s| s.span) else {
            continue;
        };
        let before = doc
            .text
            .get(sent.start.min(m.span.start)..m.span.start)
            .unwrap_or("");
        let after = doc
            .text
            .get(m.span.end..sent.end.max(m.span.end))
            .unwrap_or("");
        if let Some(role) = role_of(lex, before, after) {
            out.push(Fact {
                key: format!("r|{}", id.0),
                topic: format!("{} is", entity_name(a, id)),
                value: Value::Role(role.clone()),
                shown: role,
                source: Provenance {
                    article: doc.id.clone(),
                    sentence: m.sentence,
                    span: m.span,
                },
                rank: 7,
                conflicts: true,
                alone: false,
                agrees: true,
            });
        }
    }
    out
}

/// The role the text around a name gives it: a cue right before the name, or after a comma
/// right after it (with at most three words between the comma and the cue).
fn role_of(lex: &Lexicon, before: &str, after: &str) -> Option<String> {
    let b = keys(before);
    for (role, cue) in &lex.before {
        if b.ends_with(cue) {
            return Some(role.clone());
        }
    }
    let rest = after.trim_start().strip_prefix(',')?;
    let a = keys(rest);
    for (role, cue) in &lex.after {
        for skip in 0..=3 {
            if a.len() >= skip + cue.len() && a[skip..skip + cue.len()] == cue[..] {
                return Some(role.clone());
            }
        }
    }
    None
}

/// Measures read from photo captions: a number followed by a unit word of the lexicon
/// (`30-year history`, `30 साल`). The provenance's sentence is the body's sentence count plus
/// the caption's index, and its span points into the caption.
fn caption_facts(doc: &Document, body_sentences: usize) -> Vec<Fact> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    for (ci, caption) in doc.captions.iter().enumerate() {
        let toks = khabar_text::words(caption);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != khabar_text::TokenKind::Number {
                continue;
            }
            let Some(next) = toks.get(i + 1) else {
                continue;
            };
            let key = khabar_text::search_key(next.text);
            let Some((unit, _)) = lex.units.iter().find(|(_, w)| *w == key) else {
                continue;
            };
            let digits: String = t
                .text
                .chars()
                .filter_map(|c| c.to_digit(10).map(|d| char::from(b'0' + d as u8)))
                .collect();
            let Ok(v) = digits.parse::<f64>() else {
                continue;
            };
            out.push(Fact {
                key: format!("q|duration|{unit}|"),
                topic: format!("duration ({unit})"),
                value: Value::Number {
                    value: v,
                    approximate: false,
                },
                shown: format!("{} {unit} (caption)", number(v)),
                source: Provenance {
                    article: doc.id.clone(),
                    sentence: body_sentences + ci,
                    span: Span::new(t.span.start, next.span.end),
                },
                rank: 6,
                conflicts: false,
                alone: false,
                agrees: true,
            });
        }
    }
    out
}

/// Whether some outlet gives a key only with values no other outlet gives (compatible): then
/// the outlets that agree do not settle it, and the key is a conflict.
fn some_outlet_stands_apart(given: &[(&str, &Vec<Fact>)]) -> bool {
    given.iter().enumerate().any(|(i, (_, fs))| {
        !fs.iter().any(|f| {
            given
                .iter()
                .enumerate()
                .any(|(j, (_, gs))| j != i && gs.iter().any(|g| g.value.compatible(&f.value)))
        })
    })
}

fn claim(outlet: &str, f: &Fact) -> Claim {
    Claim {
        outlet: outlet.to_string(),
        value: f.shown.clone(),
        source: f.source.clone(),
    }
}

/// Compare the outlets of a story. `members` are the story's articles with their analyses,
/// oldest first; articles of one outlet are pooled.
pub fn compare(members: &[(&Document, &Analysis)]) -> Comparison {
    // outlet → key → facts (in article and text order).
    let mut by_outlet: BTreeMap<String, BTreeMap<String, Vec<Fact>>> = BTreeMap::new();
    for (doc, a) in members {
        let outlet = outlet_name(doc);
        let keyed = by_outlet.entry(outlet).or_default();
        for f in facts(doc, a) {
            keyed.entry(f.key.clone()).or_default().push(f);
        }
    }
    let mut comparison = Comparison::default();
    if by_outlet.len() < 2 {
        return comparison;
    }
    // key → outlets giving it, in outlet order.
    let mut keys: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (outlet, keyed) in &by_outlet {
        for k in keyed.keys() {
            keys.entry(k.as_str()).or_default().push(outlet.as_str());
        }
    }
    let mut alone: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for (key, outlets) in &keys {
        let given: Vec<(&str, &Vec<Fact>)> = outlets
            .iter()
            .filter_map(|o| Some((*o, by_outlet.get(*o)?.get(*key)?)))
            .collect();
        let Some(first) = given.first().and_then(|(_, fs)| fs.first()) else {
            continue;
        };
        if given.len() == 1 || !first.agrees {
            if given.len() == 1 && first.alone {
                alone.entry(given[0].0).or_default().push(first);
            }
            continue;
        }
        // The first fact of each outlet that is compatible with some fact of another outlet.
        let mut agreeing: Vec<Claim> = Vec::new();
        for (i, (o, fs)) in given.iter().enumerate() {
            let hit = fs.iter().find(|f| {
                given
                    .iter()
                    .enumerate()
                    .any(|(j, (_, gs))| j != i && gs.iter().any(|g| g.value.compatible(&f.value)))
            });
            if let Some(f) = hit {
                agreeing.push(claim(o, f));
            }
        }
        if agreeing.len() >= 2 && !(first.conflicts && some_outlet_stands_apart(&given)) {
            comparison.agree.push(ComparedFact {
                topic: first.topic.clone(),
                claims: agreeing,
            });
        } else if first.conflicts {
            // Every outlet's value, the agreeing ones included: a third value is a conflict
            // with both of them.
            comparison.conflict.push(ComparedFact {
                topic: first.topic.clone(),
                claims: given
                    .iter()
                    .filter_map(|(o, fs)| fs.first().map(|f| claim(o, f)))
                    .collect(),
            });
        }
    }
    for (outlet, mut fs) in alone.into_iter().collect::<BTreeMap<_, _>>() {
        fs.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then(a.source.sentence.cmp(&b.source.sentence))
                .then(a.key.cmp(&b.key))
        });
        // One fact per sentence: a sentence with several events is one report.
        let mut seen: HashSet<(&khabar_model::ArticleId, usize)> = HashSet::new();
        fs.retain(|f| seen.insert((&f.source.article, f.source.sentence)));
        for f in fs.into_iter().take(ONLY_IN_CAP) {
            comparison.only_in.push(ComparedFact {
                topic: f.topic.clone(),
                claims: vec![claim(outlet, f)],
            });
        }
    }
    comparison
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::{ArticleId, EntityKind, EntityRef, Event, Mention, Quantity, Sentence};

    fn doc(id: &str, outlet: &str, text: &str) -> Document {
        Document {
            id: ArticleId::from(id),
            source: format!("/x/{id}.txt"),
            url: None,
            outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
            title: None,
            author: None,
            authors: vec![],
            published: None,
            updated: None,
            language: Some("hi".into()),
            dateline: None,
            text: text.to_string(),
            paragraphs: vec![Span::new(0, text.len())],
            captions: vec![],
            dropped: vec![],
            fingerprint: String::new(),
        }
    }

    fn analysis(d: &Document) -> Analysis {
        let mut a = Analysis::empty(d.id.clone(), "hi");
        a.sentences = vec![Sentence {
            span: Span::new(0, d.text.len()),
        }];
        a
    }

    fn count(d: &Document, kind: QuantityKind, v: f64, approx: bool) -> Quantity {
        Quantity {
            span: Span::new(0, d.text.len()),
            sentence: 0,
            text: number(v),
            value: Some(v),
            approximate: approx,
            vague: false,
            kind,
            unit: None,
            what: None,
            confidence: 1.0,
        }
    }

    fn place(a: &mut Analysis, d: &Document, name: &str) {
        let start = d.text.find(name).expect("name in text");
        a.entities.push(EntityRef {
            id: EntityId("place:city:almaty".into()),
            kind: EntityKind::Place,
            name: "Almaty".into(),
            name_hi: None,
            in_kb: true,
            key: String::new(),
            confidence: 1.0,
        });
        a.mentions.push(Mention {
            span: Span::new(start, start + name.len()),
            sentence: 0,
            text: name.into(),
            kind: EntityKind::Place,
            entity: Some(EntityId("place:city:almaty".into())),
            relation: MentionRelation::Names,
            confidence: 1.0,
        });
    }

    #[test]
    fn counts_agree_within_tolerance_only_when_approximate() {
        let (d1, d2) = (doc("a", "A", "x"), doc("b", "B", "y"));
        let (mut a1, mut a2) = (analysis(&d1), analysis(&d2));
        a1.quantities
            .push(count(&d1, QuantityKind::Arrested, 8000.0, true));
        a2.quantities
            .push(count(&d2, QuantityKind::Arrested, 7600.0, false));
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(c.agree.len(), 1, "{c:?}");
        assert!(c.conflict.is_empty());
        // Exact counts that differ conflict.
        a1.quantities[0].approximate = false;
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert!(c.agree.is_empty());
        assert_eq!(c.conflict.len(), 1);
        assert_eq!(c.conflict[0].topic, "arrested");
        assert_eq!(c.conflict[0].claims.len(), 2);
    }

    #[test]
    fn capital_and_largest_city_conflict() {
        let d1 = doc("a", "A", "हिंसा राजधानी अल्माटी में हुई");
        let d2 = doc(
            "b",
            "B",
            "Protests in Almaty, the country's largest city, grew.",
        );
        let (mut a1, mut a2) = (analysis(&d1), analysis(&d2));
        place(&mut a1, &d1, "अल्माटी");
        place(&mut a2, &d2, "Almaty");
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(c.conflict.len(), 1, "{c:?}");
        let values: Vec<&str> = c.conflict[0]
            .claims
            .iter()
            .map(|x| x.value.as_str())
            .collect();
        assert_eq!(values, ["capital", "largest city"]);
        assert_eq!(c.conflict[0].topic, "Almaty is");
        // The same role in both agrees.
        let d3 = doc("c", "C", "सबसे बड़े शहर अल्माटी में");
        let mut a3 = analysis(&d3);
        place(&mut a3, &d3, "अल्माटी");
        let c = compare(&[(&d2, &a2), (&d3, &a3)]);
        assert_eq!(c.agree.len(), 1, "{c:?}");
        assert!(c.conflict.is_empty());
    }

    #[test]
    fn longest_cue_wins_and_plain_mentions_have_no_role() {
        let lex = &*LEXICON;
        assert_eq!(
            role_of(lex, "भारत की आर्थिक राजधानी ", "").as_deref(),
            Some("financial capital")
        );
        assert_eq!(role_of(lex, "लोग ", " में").as_deref(), None);
        assert_eq!(role_of(lex, "the ", " capital of").as_deref(), None);
    }

    #[test]
    fn only_in_ranks_casualties_first_and_caps() {
        let (d1, d2) = (doc("a", "A", "x"), doc("b", "B", "y"));
        let (mut a1, a2) = (analysis(&d1), analysis(&d2));
        a1.entities.push(EntityRef {
            id: EntityId("person:p".into()),
            kind: EntityKind::Person,
            name: "P".into(),
            name_hi: None,
            in_kb: true,
            key: String::new(),
            confidence: 1.0,
        });
        for k in 0..12 {
            a1.events.push(Event {
                kind: format!("k{k:02}"),
                sentence: k + 1,
                trigger: Span::new(0, 1),
                trigger_text: "x".into(),
                actor: Some(EntityId("person:p".into())),
                target: None,
                place: None,
                date: None,
                quantity: None,
                confidence: 1.0,
            });
        }
        a1.quantities
            .push(count(&d1, QuantityKind::Killed, 20.0, false));
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(c.only_in.len(), ONLY_IN_CAP);
        assert_eq!(c.only_in[0].topic, "killed");
        assert_eq!(c.only_in[0].claims[0].outlet, "A");
        assert_eq!(c.only_in[0].claims[0].value, "20");
        // Several facts of one sentence are one report.
        for e in &mut a1.events {
            e.sentence = 1;
        }
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(c.only_in.len(), 2, "{c:?}");
    }

    #[test]
    fn caption_measures_agree_with_body_measures() {
        let mut d1 = doc("a", "A", "x");
        d1.captions = vec!["The worst protests in the country’s 30-year history.".into()];
        let d2 = doc("b", "", "30 साल में सबसे भीषण");
        let (a1, mut a2) = (analysis(&d1), analysis(&d2));
        let mut q = count(&d2, QuantityKind::Duration, 30.0, false);
        q.unit = Some("years".into());
        a2.quantities.push(q);
        let c = compare(&[(&d1, &a1), (&d2, &a2)]);
        assert_eq!(c.agree.len(), 1, "{c:?}");
        assert_eq!(c.agree[0].topic, "duration (years)");
        assert_eq!(
            c.agree[0].claims[0].source.sentence, 1,
            "caption after the body"
        );
        assert_eq!(c.agree[0].claims[1].outlet, "b.txt");
    }

    #[test]
    fn outlet_names_fall_back_to_host_then_file() {
        let mut d = doc("a", "", "x");
        assert_eq!(outlet_name(&d), "a.txt");
        d.url = Some("https://www.example.com/news/1".into());
        assert_eq!(outlet_name(&d), "example.com");
        d.outlet = Some("Example News".into());
        assert_eq!(outlet_name(&d), "Example News");
    }
}
