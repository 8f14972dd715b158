//! Events: a trigger from the team's lexicon (`lexicons/events.tsv`) with actor, target, place,
//! date and count, one event per kind and sentence.
//!
//! Hindi: the actor is the ने-phrase before the trigger (`टोकायव ने … पुतिन को फोन किया`), else
//! a `द्वारा` phrase or a bare subject; the target is the nearest name before the trigger marked
//! by को/से/की/के/पर; the place a place name followed by में. English: the actor is the first
//! name before the trigger that is not inside a prepositional phrase, the target the first name
//! after it, the place a place name after `in`/`at`. A trigger negated nearby (`not`, `नहीं`) is
//! not an event.

use super::{Ctx, FactExtractor};
use khabar_model::{EntityKind, Event, Mention, Quantity, QuantityKind, Span};

/// The event kinds khabar records.
pub const EVENT_KINDS: &[&str] = &[
    "protest",
    "assault",
    "fight",
    "arrest",
    "kill",
    "deploy",
    "consult",
    "statement",
    "accuse",
    "condemn",
    "praise",
    "deny",
    "emergency",
    "resign",
    "cooperate",
    "aid",
    "repress",
    "agree",
    "demand",
    "threaten",
    "sanction",
    "investigate",
    "retreat",
    "concede",
    "disaster",
];

/// The PLOVER (v0.5, as in the PLOVER gold records) event type of a khabar event kind.
pub fn plover_type(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "protest" => "PROTEST",
        "assault" | "kill" => "ASSAULT",
        "fight" => "FIGHT",
        "arrest" | "emergency" | "repress" => "COERCE",
        "aid" => "AID",
        "deploy" => "MOBILIZE",
        "consult" => "CONSULT",
        "accuse" | "condemn" => "DISAPPROVE",
        "praise" => "SUPPORT",
        "deny" => "REJECT",
        "cooperate" => "COOPERATE",
        "agree" => "AGREE",
        "demand" => "DEMAND",
        "threaten" => "THREATEN",
        "sanction" => "SANCTION",
        "investigate" => "INVESTIGATE",
        "retreat" => "RETREAT",
        "concede" | "resign" => "CONCEDE",
        _ => return None,
    })
}

/// Which counts an event kind carries, best first.
fn counts_for(kind: &str) -> &'static [QuantityKind] {
    match kind {
        "protest" => &[QuantityKind::Protesters, QuantityKind::Arrested],
        "assault" | "fight" => &[QuantityKind::Killed, QuantityKind::Injured],
        "kill" => &[QuantityKind::Killed],
        "arrest" => &[QuantityKind::Arrested],
        "deploy" => &[QuantityKind::Troops],
        "disaster" => &[
            QuantityKind::Killed,
            QuantityKind::Injured,
            QuantityKind::Missing,
            QuantityKind::Evacuated,
        ],
        "emergency" => &[QuantityKind::Duration],
        _ => &[],
    }
}

const HI_PRONOUNS: &[&str] = &["उन्होंने", "उसने", "इन्होंने", "इसने"];
const HI_CASE: &[&str] = &["को", "से", "की", "के", "का", "पर", "में", "ने", "द्वारा"];
const EN_PREP: &[&str] = &[
    "in", "at", "of", "to", "from", "with", "by", "for", "on", "against", "into",
];

pub(crate) fn extract(fx: &FactExtractor, cx: &Ctx, quantities: &[Quantity]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for s in 0..cx.sentences.len() {
        let (sa, sb) = cx.sent_toks[s];
        let hindi = cx.hindi.get(s).copied().unwrap_or(true);
        let first_of_sentence = out.len();
        for (t, len, kind) in fx.event_triggers.find_all(cx.text, &cx.toks, sa, sb) {
            if out[first_of_sentence..].iter().any(|e| e.kind == *kind) {
                continue;
            }
            if negated(cx, t, len, sa, sb) || irrealis(cx, t, len, sb) {
                continue;
            }
            let trigger = Span::new(cx.toks[t].start, cx.toks[t + len - 1].end);
            // a trigger word inside a name (`राष्ट्रीय जांच एजेंसी`, `समझौता एक्सप्रेस`) or a URL
            // or a credit in brackets (`टोक्यो (वार्ता)।`: the agency)
            let bracketed = cx.slice(0, trigger.start).trim_end().ends_with('(')
                && cx
                    .text
                    .get(trigger.end..)
                    .is_some_and(|r| r.trim_start().starts_with(')'));
            if cx.mention_at(trigger.start).is_some() || cx.in_code(trigger.start) || bracketed {
                continue;
            }
            let sent_ms: Vec<&Mention> = cx
                .mentions
                .iter()
                .filter(|m| m.sentence == s)
                .copied()
                .collect();
            let (actor, target, place) = if hindi {
                hindi_roles(cx, &sent_ms, t, sa)
            } else {
                english_roles(cx, &sent_ms, t, len, sb)
            };
            let quantity = counts_for(kind).iter().find_map(|k| {
                quantities
                    .iter()
                    .position(|q| q.sentence == s && q.kind == *k)
            });
            // No actor, place or count and a one-word trigger stays below the bar.
            let confidence = 0.55
                + if actor.is_some() { 0.15 } else { 0.0 }
                + if target.is_some() || place.is_some() {
                    0.05
                } else {
                    0.0
                }
                + if quantity.is_some() { 0.05 } else { 0.0 }
                + if trigger.slice(cx.text).is_some_and(|t| t.contains(' ')) {
                    0.05
                } else {
                    0.0
                };
            out.push(Event {
                kind: (*kind).to_string(),
                sentence: s,
                trigger,
                trigger_text: trigger.slice(cx.text).unwrap_or("").to_string(),
                actor: actor.and_then(|m| m.entity.clone()),
                target: target.and_then(|m| m.entity.clone()),
                place: place.and_then(|m| m.entity.clone()),
                date: cx.date_for(s, trigger.start, None),
                quantity,
                confidence,
            });
        }
    }
    out
}

fn negated(cx: &Ctx, t: usize, len: usize, sa: usize, sb: usize) -> bool {
    let before = (t.saturating_sub(2).max(sa)..t)
        .any(|k| matches!(cx.key(k), "not" | "never" | "no" | "t" | "without"));
    let after = (t + len..(t + len + 3).min(sb)).any(|k| matches!(cx.key(k), "नहीं" | "न" | "नही"));
    before || after
}

/// A happening only planned, feared or attempted: `हमलों की साजिश`, `हमले की योजना`.
fn irrealis(cx: &Ctx, t: usize, len: usize, sb: usize) -> bool {
    let k = t + len;
    k + 1 < sb
        && matches!(cx.key(k), "की" | "के")
        && matches!(
            cx.key(k + 1),
            "साजिश" | "योजना" | "कोशिश" | "आशंका" | "धमकी" | "खतरा"
        )
}

fn next_key<'a>(cx: &'a Ctx, pos: usize) -> &'a str {
    let i = cx.toks.partition_point(|t| t.start < pos);
    cx.key(i)
}

fn prev_key<'a>(cx: &'a Ctx, pos: usize) -> &'a str {
    let i = cx.toks.partition_point(|t| t.end <= pos);
    if i == 0 {
        ""
    } else {
        cx.key(i - 1)
    }
}

type Roles<'a> = (
    Option<&'a Mention>,
    Option<&'a Mention>,
    Option<&'a Mention>,
);

fn hindi_roles<'a>(cx: &Ctx<'a>, ms: &[&'a Mention], t: usize, sa: usize) -> Roles<'a> {
    let tpos = cx.toks[t].start;
    // actor: the ने-phrase before the trigger (back to a कि or a semicolon), or a pronoun
    let mut actor = None;
    let mut subject_end = None;
    let mut clause_start = sa;
    let mut n = t;
    while n > sa {
        n -= 1;
        let key = cx.key(n);
        if key == "कि" || cx.gap(n, n + 1).contains(';') {
            clause_start = n + 1;
            break;
        }
        if key == "ने" || key == "द्वारा" {
            actor = cx.mention_ending_at(cx.toks[n].start);
            if actor.is_none() && n > sa {
                actor = cx.mention_at(cx.toks[n - 1].start);
            }
            subject_end = Some(cx.toks[n].end);
            break;
        }
        if HI_PRONOUNS.contains(&key) {
            actor = cx.resolve(cx.toks[n].start, true);
            subject_end = Some(cx.toks[n].end);
            break;
        }
    }
    let clause_pos = cx.toks.get(clause_start).map_or(0, |x| x.start);
    let actor_end = subject_end.unwrap_or(clause_pos);
    if subject_end.is_none() {
        // a bare subject: the first person or organisation of the clause before the trigger
        // with no case marker (an unlinked ने-phrase stays without actor)
        actor = ms
            .iter()
            .find(|m| {
                m.span.start >= clause_pos
                    && m.span.end <= tpos
                    && matches!(m.kind, EntityKind::Person | EntityKind::Organisation)
                    && !HI_CASE.contains(&next_key(cx, m.span.end))
            })
            .copied();
    }
    let target = ms
        .iter()
        .rev()
        .find(|m| {
            m.span.end <= tpos
                && m.span.start >= actor_end
                && Some(**m) != actor
                && matches!(next_key(cx, m.span.end), "को" | "से" | "की" | "के" | "पर")
                && !(m.kind == EntityKind::Place && next_key(cx, m.span.end) == "के")
        })
        .copied();
    let place = ms
        .iter()
        .find(|m| {
            m.kind == EntityKind::Place
                && Some(**m) != actor
                && Some(**m) != target
                && next_key(cx, m.span.end) == "में"
        })
        .copied();
    (actor, target, place)
}

fn english_roles<'a>(
    cx: &Ctx<'a>,
    ms: &[&'a Mention],
    t: usize,
    len: usize,
    sb: usize,
) -> Roles<'a> {
    let tpos = cx.toks[t].start;
    let tend = cx.toks[t + len - 1].end;
    let limit = cx
        .toks
        .get((t + len + 8).min(sb).saturating_sub(1))
        .map_or(tend, |x| x.end);
    let actor = ms
        .iter()
        .find(|m| m.span.end <= tpos && !EN_PREP.contains(&prev_key(cx, m.span.start)))
        .copied();
    let target = ms
        .iter()
        .find(|m| {
            m.span.start >= tend
                && m.span.end <= limit
                && !matches!(prev_key(cx, m.span.start), "in" | "at" | "by")
                && Some(**m) != actor
        })
        .copied();
    let place = ms
        .iter()
        .find(|m| {
            m.kind == EntityKind::Place
                && Some(**m) != actor
                && Some(**m) != target
                && matches!(prev_key(cx, m.span.start), "in" | "at" | "near")
        })
        .copied();
    (actor, target, place)
}
