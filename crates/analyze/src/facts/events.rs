//! Events: a trigger from the team's lexicon (`lexicons/events.tsv`) with actor, target, place,
//! date and count, one event per kind and sentence.
//!
//! Hindi: the actor is the ने-phrase before the trigger (`टोकायव ने … पुतिन को फोन किया`), else
//! a `द्वारा` phrase or a bare subject; the target is the nearest name before the trigger marked
//! by को/से/की/के/पर; the place a place name followed by में. English: the actor is the first
//! name before the trigger that is not inside a prepositional phrase, the target the first name
//! after it, the place a place name after `in`/`at`. A trigger negated nearby (`not`, `नहीं`) is
//! not an event.
//!
//! Confidence (issue #15): an event is shown by default (confidence at least
//! [`khabar_model::CONFIDENT`]) only with evidence that it happened as stated
//! (`lexicons/event-evidence.tsv`): a verb, not a noun (`हत्या की गई`, a headline's `17 की मौत`;
//! `attacked`, not `the attack`), not inside a quotation, not only ordered or planned (`गिरफ्तार
//! करने का आदेश`, `to meet`, `when asked`), and in English its actor the subject right before the
//! verb (`Mr. McCain defended`), else no actor but a count (`11 were killed`). The rest stays in the
//! output below the bar. Roles read from a noun are mended: `X के बयान` makes X the speaker, not
//! the target; a Hindi bare subject is an actor only of an active verb (`भाजपा नेता … की हत्या`:
//! the victim); an English actor that is not the verb's subject is dropped.

use super::lexicon::rows;
use super::words::{Lang, Words};
use super::{next_key, prev_key, Ctx, FactExtractor};
use khabar_model::{EntityKind, Event, Mention, Quantity, QuantityKind, Span};
use khabar_text::fold_word as fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const EVIDENCE_TSV: &str = include_str!("../../lexicons/event-evidence.tsv");

/// The evidence words (`lexicons/event-evidence.tsv`) by `lang/role`, folded.
struct Evidence(HashMap<String, HashSet<String>>);

impl Evidence {
    fn get() -> &'static Evidence {
        static WORDS: OnceLock<Evidence> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut m: HashMap<String, HashSet<String>> = HashMap::new();
            for f in rows(EVIDENCE_TSV, 3) {
                m.entry(format!("{}/{}", f[0], f[1]))
                    .or_default()
                    .insert(fold(f[2]));
            }
            Evidence(m)
        })
    }

    fn is(&self, set: &str, key: &str) -> bool {
        self.0.get(set).is_some_and(|s| s.contains(key))
    }
}

/// Kinds whose noun takes its doer in the genitive: speech acts (`X के बयान`, `X का आरोप`, `X की
/// मांग`); `X की तारीफ` or `X की हत्या` is done to X.
const SPEECH_KINDS: &[&str] = &["statement", "accuse", "demand", "deny"];

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
            let (mut actor, mut target, place) = if hindi {
                hindi_roles(cx, &sent_ms, t, sa)
            } else {
                english_roles(cx, &sent_ms, t, len, sb)
            };
            let use_ = if hindi {
                hindi_use(cx, t, len, sb)
            } else {
                english_use(cx, t, len, sa)
            };
            if hindi {
                // `साध्वी प्रज्ञा के बयान`: the genitive before a speech noun is its speaker
                if let Some(m) = target {
                    let genitive_of_trigger = matches!(next_key(cx, m.span.end), "के" | "का" | "की")
                        && next_key(cx, m.span.end) == cx.key(t.saturating_sub(1))
                        && cx
                            .toks
                            .get(t.saturating_sub(1))
                            .is_some_and(|g| g.start >= m.span.end);
                    if genitive_of_trigger && SPEECH_KINDS.contains(kind) && use_ != Use::Verb {
                        if actor.is_none() {
                            actor = Some(m);
                        }
                        target = None;
                    }
                }
                // a bare subject (no ने) is the doer only of an active verb
                if let Some(a) = actor {
                    let marked =
                        matches!(next_key(cx, a.span.end), "ने" | "द्वारा" | "के" | "का" | "की")
                            || Words::get().hi_ergative(cx.slice(a.span.start, a.span.end), false);
                    if !marked && use_ != Use::Active {
                        actor = None;
                    }
                }
            } else {
                if actor.is_some_and(|a| !english_subject(cx, a, t)) {
                    actor = None;
                }
                // `denied to the Portland Press Herald that …`: who is told is no target
                if SPEECH_KINDS.contains(kind)
                    && target.is_some_and(|m| {
                        let i = cx.toks.partition_point(|x| x.end <= m.span.start);
                        let the = matches!(cx.key(i.wrapping_sub(1)), "the" | "a" | "an");
                        cx.key(i.wrapping_sub(if the { 2 } else { 1 })) == "to"
                    })
                {
                    target = None;
                }
            }
            let quantity = counts_for(kind).iter().find_map(|k| {
                quantities
                    .iter()
                    .position(|q| q.sentence == s && q.kind == *k)
            });
            // No actor, place or count and a one-word trigger stays below the bar; so does a
            // trigger without evidence that it happened, and an English event with neither a
            // subject nor a count.
            let ev = Evidence::get();
            let lang = if hindi {
                "hi/ambiguous"
            } else {
                "en/ambiguous"
            };
            // a word with another common sense (`called`), or a phrase (`विरोध किया`: objected,
            // more often than protested)
            let phrase = (t..t + len)
                .map(|k| cx.key(k))
                .collect::<Vec<_>>()
                .join(" ");
            let ambiguous = (t..t + len).any(|k| ev.is(lang, cx.key(k))) || ev.is(lang, &phrase);
            // `सपा पर हमला, कहा-…`, `attacked him in a speech`: an attack in words
            let in_words = matches!(*kind, "assault" | "fight")
                && !fx.quote_cues.find_all(cx.text, &cx.toks, sa, sb).is_empty();
            let needs_object = !hindi && (t..t + len).any(|k| ev.is("en/needs-object", cx.key(k)));
            // `ने खुद को आग लगा ली`, `shot himself`: done to oneself, no attack on another
            let to_oneself =
                matches!(*kind, "assault" | "kill" | "fight") && reflexive(cx, t, len, sa, sb);
            let shown = use_ != Use::Unsure
                && !ambiguous
                && !to_oneself
                && (!needs_object || target.is_some())
                && !in_words
                && !question(cx, s, trigger.end)
                && !quoted(cx, s, trigger.start)
                && (hindi || actor.is_some() || quantity.is_some());
            let confidence: f32 = 0.55
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
            let confidence = if shown {
                confidence
            } else {
                confidence.min(0.5)
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

/// How a trigger is used, read from the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// A verb whose subject is its doer (`आरोप लगाया`, `attacked`).
    Active,
    /// A happening told by a verb or a headline's noun (`मौत हो गई`, `17 की मौत`, `were killed`).
    Verb,
    /// A noun, a passive, a plan or an order: nothing says it happened as stated.
    Unsure,
}

fn hindi_use(cx: &Ctx, t: usize, len: usize, sb: usize) -> Use {
    let ev = Evidence::get();
    let last = t + len - 1;
    if ev.is(HI_ACTIVE, cx.key(last)) && len > 1 {
        return Use::Active;
    }
    if len > 1 && ev.is(HI_VERB, cx.key(last)) {
        return Use::Verb;
    }
    let next = t + len;
    // a headline's noun: the clause ends after it (`… 17 लोगों की मौत, कई घायल`), unless a
    // future stands before it (`परियोजनाओं की होगी जांच`)
    if next >= sb || cx.breaks(last, next) {
        if t > 0 && ev.is("hi/future", cx.key(t - 1)) {
            return Use::Unsure;
        }
        return Use::Verb;
    }
    let k = cx.key(next);
    if ev.is(HI_INFINITIVE, k) {
        return Use::Unsure;
    }
    // a converb (`निंदा करते हुए … प्रस्ताव किया`): done by the main verb's subject when the
    // rest of the sentence is no plan, order or future
    if ev.is(HI_CONVERB, k) && next + 1 < sb && cx.key(next + 1) == "हुए" {
        let planned = (next + 2..sb)
            .any(|j| ev.is(HI_INFINITIVE, cx.key(j)) || ev.is("hi/future", cx.key(j)));
        return if planned { Use::Unsure } else { Use::Active };
    }
    if ev.is(HI_VERB, k) {
        // `की` is a verb only when the clause goes on as one (`मुलाकात की।`, `हत्या की गई`),
        // not a genitive (`मौत की खबर`)
        if k == "की" {
            let after = next + 1;
            let verb_follows = after >= sb
                || cx.breaks(next, after)
                || ev.is(HI_VERB, cx.key(after))
                || ev.is(HI_INFINITIVE, cx.key(after));
            if !verb_follows || ev.is(HI_INFINITIVE, cx.key(after)) {
                return Use::Unsure;
            }
        }
        return if ev.is(HI_ACTIVE, k) {
            Use::Active
        } else {
            Use::Verb
        };
    }
    Use::Unsure
}

fn english_use(cx: &Ctx, t: usize, len: usize, sa: usize) -> Use {
    let ev = Evidence::get();
    let past = (t..t + len).any(|k| {
        let w = cx.key(k);
        (w.len() > 3 && w.ends_with("ed")) || ev.is(EN_PAST, w)
    });
    if !past {
        return Use::Unsure;
    }
    // the two words before: `the attack`, `was asked`, `to meet`, `when asked`, `has been accused`
    for (d, k) in (t.saturating_sub(2).max(sa)..t).rev().enumerate() {
        let w = cx.key(k);
        if cx.breaks(k, k + 1) {
            break;
        }
        if d == 0 && ev.is(EN_DETERMINER, w) {
            return Use::Unsure;
        }
        if ev.is(EN_PASSIVE, w) {
            return Use::Verb;
        }
        if ev.is(EN_IRREALIS, w) {
            return Use::Unsure;
        }
    }
    Use::Active
}

/// Whether an English actor is the subject of the trigger at token `t`: it ends right before
/// it, or only a few gap words (`also`, `on Friday`, an adverb in -ly) stand between, with no
/// clause break.
fn english_subject(cx: &Ctx, a: &Mention, t: usize) -> bool {
    let ev = Evidence::get();
    let first = cx.toks.partition_point(|x| x.start < a.span.end);
    if first > t || t - first > 3 || (first > 0 && cx.breaks(first - 1, first)) {
        return false;
    }
    (first..t).all(|k| {
        let w = cx.key(k);
        !cx.breaks(k, k + 1) && (ev.is(EN_GAP, w) || (w.len() > 4 && w.ends_with("ly")))
    })
}

/// Whether the clause of byte `pos` is a question (`अब डी राजा की कैसे होगी वापसी?`).
fn question(cx: &Ctx, s: usize, pos: usize) -> bool {
    let Some(sent) = cx.sentences.get(s) else {
        return false;
    };
    let rest = cx.slice(pos, sent.span.end);
    let clause = rest.split(['।', '.', ';', '!']).next().unwrap_or("");
    clause.contains('?')
}

/// Whether an English mention after the trigger (ending before token `after`) is its object:
/// at most two words between (`criticized current President …`, `apologized to Senator …`),
/// no clause break.
fn english_object(cx: &Ctx, m: &Mention, after: usize) -> bool {
    let first = cx.toks.partition_point(|x| x.start < m.span.start);
    // `defended Mr. Lieberman`: a title's full stop is no break
    let title = |k: usize| {
        matches!(
            cx.key(k),
            "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "gen" | "lt" | "st"
        ) && cx.gap(k, k + 1).trim() == "."
    };
    first >= after
        && first - after <= 2
        && (after.saturating_sub(1)..first).all(|k| !cx.breaks(k, k + 1) || title(k))
        && (after..first).all(|k| !Words::get().is(Lang::En, "object-stop", cx.key(k)))
        && !modifier(cx, m)
        && !clause_subject(cx, m)
}

/// Whether an English name after a trigger is the subject of a clause, not the object: a modal
/// or auxiliary follows it (`warned the Social Security Trust Fund will be exhausted`).
fn clause_subject(cx: &Ctx, m: &Mention) -> bool {
    let next = cx.toks.partition_point(|x| x.start < m.span.end);
    !cx.breaks(next.saturating_sub(1), next)
        && Words::get().is(Lang::En, "clause-verb", cx.key(next))
}

/// Whether an English name stands as a modifier before a lower-case noun (`ordered U.S.
/// flags`, `criticized Obama administration officials`): the noun is the object, not the name.
fn modifier(cx: &Ctx, m: &Mention) -> bool {
    let next = cx.toks.partition_point(|x| x.start < m.span.end);
    let Some(tok) = cx.toks.get(next) else {
        return false;
    };
    let word = cx.slice(tok.start, tok.end);
    // `opposed Trump’s proposed ban`: a possessive owns the object, it is not the object
    let after = cx.text.get(m.span.end..).unwrap_or("");
    if ["'s", "’s", "'S", "’S"]
        .iter()
        .any(|p| after.starts_with(p))
        || m.text.ends_with("'s")
        || m.text.ends_with("’s")
    {
        return true;
    }
    // `U.S` may end before its last full stop
    matches!(cx.slice(m.span.end, tok.start).trim(), "" | ".")
        && word.starts_with(|c: char| c.is_lowercase())
        && !Evidence::get().is(EN_NOT_NOUN, cx.key(next))
}

/// Whether the trigger at token `t` is done by its doer to itself: a Hindi reflexive object
/// (`खुद को`, `स्वयं को`, `अपने आप को`) within four words before it, or an English reflexive
/// (`himself`, `themselves`) within two words after it, in the same clause.
fn reflexive(cx: &Ctx, t: usize, len: usize, sa: usize, sb: usize) -> bool {
    let w = Words::get();
    let before = (t.saturating_sub(4).max(sa)..t).any(|k| {
        w.is(Lang::Hi, "reflexive", cx.key(k))
            && k + 1 < t
            && cx.key(k + 1) == "को"
            && (k..t).all(|j| !cx.breaks(j, j + 1))
    });
    let end = t + len;
    let after = (end..(end + 2).min(sb)).any(|k| {
        w.is(Lang::En, "reflexive", cx.key(k)) && (end - 1..k).all(|j| !cx.breaks(j, j + 1))
    });
    before || after
}

/// Whether byte `pos` of sentence `s` lies inside quotation marks (a claim in someone's words).
fn quoted(cx: &Ctx, s: usize, pos: usize) -> bool {
    let Some(sent) = cx.sentences.get(s) else {
        return false;
    };
    let before = cx.slice(sent.span.start, pos);
    let straight = before.matches('"').count();
    let open = before.matches(['“', '«']).count();
    let close = before.matches(['”', '»']).count();
    straight % 2 == 1 || open > close
}

const HI_VERB: &str = "hi/verb";
const HI_ACTIVE: &str = "hi/active";
const HI_INFINITIVE: &str = "hi/infinitive";
const HI_CONVERB: &str = "hi/converb";
const HI_DATIVE_GAP: usize = 8;
const EN_PAST: &str = "en/past";
const EN_DETERMINER: &str = "en/determiner";
const EN_PASSIVE: &str = "en/passive";
const EN_IRREALIS: &str = "en/irrealis";
const EN_GAP: &str = "en/gap";
const EN_NOT_NOUN: &str = "en/not-noun";

fn negated(cx: &Ctx, t: usize, len: usize, sa: usize, sb: usize) -> bool {
    let w = Words::get();
    let before =
        (t.saturating_sub(2).max(sa)..t).any(|k| w.is(Lang::En, "negation-before", cx.key(k)));
    let after =
        (t + len..(t + len + 3).min(sb)).any(|k| w.is(Lang::Hi, "negation-after", cx.key(k)));
    before || after
}

/// A happening only planned, feared or attempted: `हमलों की साजिश`, `हमले की योजना`.
fn irrealis(cx: &Ctx, t: usize, len: usize, sb: usize) -> bool {
    let k = t + len;
    k + 1 < sb
        && matches!(cx.key(k), "की" | "के")
        && Words::get().is(Lang::Hi, "irrealis-noun", cx.key(k + 1))
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
        if Words::get().hi_ergative(key, false) {
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
                    && !Words::get().is(Lang::Hi, "case", next_key(cx, m.span.end))
            })
            .copied();
    }
    let ev = Evidence::get();
    let target = ms
        .iter()
        .rev()
        .find(|m| {
            m.span.end <= tpos
                && m.span.start >= actor_end
                && Some(**m) != actor
                && matches!(next_key(cx, m.span.end), "को" | "से" | "की" | "के" | "पर")
                && !(m.kind == EntityKind::Place && next_key(cx, m.span.end) == "के")
                && object_of(cx, ev, m, t)
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

/// Whether a mention marked by a case word is the object of the trigger at token `t`: the
/// trigger follows within three words with no clause break, and the case word does not start a
/// compound postposition (`ढाबा के पास`, `NIA के अनुसार`).
fn object_of(cx: &Ctx, ev: &Evidence, m: &Mention, t: usize) -> bool {
    let case = cx.toks.partition_point(|x| x.start < m.span.end);
    if case >= t || ev.is("hi/after", cx.key(case + 1)) {
        return false;
    }
    // a dative object may stand further off, past a reason or purpose phrase with no verb,
    // conjunction or other subject or object (`रूस को उनके समर्थन के लिए भी धन्यवाद दिया`)
    let far_dative = cx.key(case) == "को"
        && t - case <= HI_DATIVE_GAP
        && (case + 1..t).all(|k| {
            let w = cx.key(k);
            // `के लिए` is a postposition, not the verb `लिए`
            let postposition = cx.key(k - 1) == "के" && ev.is("hi/after", w);
            (postposition || !ev.is(HI_VERB, w) && !ev.is(HI_INFINITIVE, w))
                && !matches!(w, "को" | "ने" | "और" | "तथा" | "एवं" | "व")
        });
    if t - case > 3 && !far_dative {
        return false;
    }
    // `जांच सी.बी.आई. से कराने का आग्रह`: a name before an infinitive (`कराने का`, `करने की`)
    // is that verb's, not the trigger's (the request is made of someone else)
    let infinitive = (case + 1..t).any(|k| {
        let w = cx.key(k);
        ev.is(HI_INFINITIVE, w)
            || w.len() > "ने".len() && w.ends_with("ने") && matches!(cx.key(k + 1), "का" | "की" | "के")
    });
    !infinitive && (case..t).all(|k| !cx.breaks(k, k + 1))
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
        .find(|m| {
            m.span.end <= tpos && !Words::get().is(Lang::En, "prep", prev_key(cx, m.span.start))
        })
        .copied();
    let target = ms
        .iter()
        .find(|m| {
            m.span.start >= tend
                && m.span.end <= limit
                && !matches!(prev_key(cx, m.span.start), "in" | "at" | "by")
                && Some(**m) != actor
        })
        .filter(|m| english_object(cx, m, t + len))
        .copied();
    // the place: `in`/`at`/`near` a place in the trigger's clause (no break between), within a
    // few words of it
    let place = ms
        .iter()
        .find(|m| {
            m.kind == EntityKind::Place
                && Some(**m) != actor
                && Some(**m) != target
                && matches!(prev_key(cx, m.span.start), "in" | "at" | "near")
                && same_clause(
                    cx,
                    t,
                    cx.toks.partition_point(|x| x.start < m.span.start),
                    8,
                )
        })
        .copied();
    (actor, target, place)
}

/// Whether tokens `a` and `b` lie at most `max` words apart with no clause break between.
fn same_clause(cx: &Ctx, a: usize, b: usize, max: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    hi - lo <= max && (lo..hi).all(|k| !cx.breaks(k, k + 1))
}
