//! Quotes: direct and reported speech with its cue, speaker and date.
//!
//! Hindi: `X ने कहा कि "…"` / `X ने कहा कि …` / `X ने कहा, …` (the speaker is the ने-phrase
//! before the cue; the quote follows), `X का कहना है कि …`, `X के मुताबिक/अनुसार, …`, and
//! `"…," उन्होंने कहा` (quote before). English: `X said (that) …`, `X told reporters …`,
//! `"…," X said` / `"…," said X`, `…, X said.`, `according to X, …` and `…, according to X`.
//! A pronoun or role speaker (`उन्होंने`, `he`, `the minister`) resolves to the nearest fitting
//! person (or organisation) before it. Text inside quote marks is direct; a कि/that clause is
//! reported; Hindi `कहा, …` without marks is direct (the words follow as spoken).
//!
//! A speaker must be a person, an organisation or a role (`पुलिस`, `officials`: the lists in
//! `data/lang/{hi,en}/roles.tsv`). A source that names nobody (`जानकारी`, `सूत्रों`, `media
//! reports`: `generic-sources.tsv`) is never a speaker: after a speech verb the quote keeps it as
//! [`Quote::unnamed_source`]; after `के मुताबिक`/`according to` the sentence is a reported fact,
//! not a quote. Every quote carries a confidence from the evidence: quote marks, a named speaker,
//! a role, a pronoun, or nobody.

use super::lexicon::rows;
use super::words::{Lang, Sex as WordSex, Words};
use super::{next_key, prev_key, Ctx, FactExtractor};
use khabar_model::{EntityKind, Mention, Quote, Span};
use khabar_text::fold_word as fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a source that names nobody is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// Information, reports, sources: words from someone not named.
    Unnamed,
    /// No source of words (`योजना के अनुसार`, "as planned").
    None,
}

/// Who a role word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleKind {
    /// One holder (`मंत्री`, `minister`): a bare one is someone named before.
    Person,
    /// One holder who speaks for someone else (`प्रवक्ता`, `spokesman`, `official`, `lawyer`):
    /// a bare one is only the person the article introduced with that role, never the nearest
    /// person named (who is more often the one spoken for).
    Agent,
    Group,
    Organisation,
}

/// The generic sources and roles of `data/lang/{hi,en}/`, by folded word; parsed once.
#[derive(Debug, Default)]
pub(crate) struct SpeakerWords {
    generic: HashMap<String, SourceKind>,
    roles: HashMap<String, RoleKind>,
}

const GENERIC_TSV: [&str; 2] = [
    include_str!("../../../../data/lang/hi/generic-sources.tsv"),
    include_str!("../../../../data/lang/en/generic-sources.tsv"),
];
const ROLES_TSV: [&str; 2] = [
    include_str!("../../../../data/lang/hi/roles.tsv"),
    include_str!("../../../../data/lang/en/roles.tsv"),
];

impl SourceKind {
    fn parse(s: &str) -> Option<SourceKind> {
        match s {
            "unnamed" => Some(SourceKind::Unnamed),
            "none" => Some(SourceKind::None),
            _ => None,
        }
    }
}

impl RoleKind {
    fn parse(s: &str) -> Option<RoleKind> {
        match s {
            "person" => Some(RoleKind::Person),
            "agent" => Some(RoleKind::Agent),
            "group" => Some(RoleKind::Group),
            "organisation" => Some(RoleKind::Organisation),
            _ => None,
        }
    }
}

impl SpeakerWords {
    /// The lists, parsed on first use (the header row `word kind` has no kind and is skipped).
    pub(crate) fn get() -> &'static SpeakerWords {
        static WORDS: OnceLock<SpeakerWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut w = SpeakerWords::default();
            for f in GENERIC_TSV.iter().flat_map(|t| rows(t, 2)) {
                if let Some(k) = SourceKind::parse(f[1]) {
                    w.generic.insert(fold(f[0]), k);
                }
            }
            for f in ROLES_TSV.iter().flat_map(|t| rows(t, 2)) {
                if let Some(k) = RoleKind::parse(f[1]) {
                    w.roles.insert(fold(f[0]), k);
                }
            }
            w
        })
    }

    pub(crate) fn generic(&self, key: &str) -> Option<SourceKind> {
        self.generic.get(key).copied()
    }

    pub(crate) fn role(&self, key: &str) -> Option<RoleKind> {
        self.roles.get(key).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueType {
    Say,
    According,
}

impl CueType {
    pub fn parse(s: &str) -> Option<CueType> {
        match s {
            "say" => Some(CueType::Say),
            "according" => Some(CueType::According),
            _ => None,
        }
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '»')
}

pub(crate) fn extract(fx: &FactExtractor, cx: &Ctx) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    for (s, sent) in cx.sentences.iter().enumerate() {
        let (sa, sb) = cx.sent_toks[s];
        let cues = fx.quote_cues.find_all(cx.text, &cx.toks, sa, sb);
        for &(c, len, cue) in &cues {
            let cue_span = Span::new(cx.toks[c].start, cx.toks[c + len - 1].end);
            // a cue inside a quote found before belongs to the quoted words, and so does one
            // inside quotation marks that close later in its sentence (`"What he said is
            // wrong," McConnell said`)
            if out.iter().any(|q| q.span.contains(&cue_span))
                || inside_quote_marks(cx.text, sent.span, cue_span)
            {
                continue;
            }
            // `“…,” Mr. Johnson said, according to one of his aides`: the source reports words
            // the sentence already gives with their speaker
            let hindi = cx.hindi.get(s).copied().unwrap_or(true);
            if *cue == CueType::According
                && !hindi
                && cues.iter().any(|&(k, _, t)| k < c && *t == CueType::Say)
            {
                continue;
            }
            let found = match (cue, hindi) {
                (CueType::Say, true) => hindi_say(cx, s, sent.span, c, len),
                (CueType::Say, false) => english_say(cx, s, sent.span, c, len),
                (CueType::According, true) => according(cx, sent.span, c, len, true),
                (CueType::According, false) => according(cx, sent.span, c, len, false),
            };
            let Some(mut f) = found else { continue };
            // reported words (no quotation marks) end at a semicolon, and before another
            // reporting clause in the sentence (`Though Weiner said the incident was no crime,
            // the former official said …`): what follows is someone else's, or the writer's
            if !f.direct && *cue == CueType::Say && f.span.start >= cue_span.end {
                let later = cues
                    .iter()
                    .map(|&(k, _, _)| k)
                    .filter(|&k| cx.toks[k].start > f.span.start && cx.toks[k].start < f.span.end)
                    .min();
                let mut end = f.span.end;
                if let Some(k) = later {
                    let p = cx.toks[k].start;
                    if let Some(comma) = cx.slice(f.span.start, p).rfind(',') {
                        // (not when only adverbs stand between the comma and the verb: `Sen.
                        // John Cornyn, head of the campaign arm, already has told Akin` goes on
                        // with the words said)
                        let at = f.span.start + comma;
                        let first = cx.toks.partition_point(|t| t.start < at);
                        let new_clause = (first..k).any(|j| {
                            let w = cx.key(j);
                            !Words::get().is(Lang::En, "subject-gap", w) && !w.ends_with("ly")
                        });
                        if new_clause {
                            end = at;
                        }
                    }
                }
                if let Some(k) = cx.slice(f.span.start, end).find(';') {
                    end = f.span.start + k;
                }
                if end < f.span.end {
                    let Some(cut) = trim(cx, Span::new(f.span.start, end)) else {
                        continue;
                    };
                    f.span = cut;
                }
            }
            // `WASHINGTON — Donald Trump Jr. had …`: a dateline is no part of the words
            if let Some(t) = f.span.slice(cx.text) {
                if let Some(k) = dateline_len(t) {
                    f.span = Span::new(f.span.start + k, f.span.end);
                }
            }
            let Some(text) = f.span.slice(cx.text) else {
                continue;
            };
            if cx.toks[cx.toks.partition_point(|t| t.start < f.span.start)..]
                .iter()
                .take_while(|t| t.end <= f.span.end)
                .count()
                < 2
            {
                continue;
            }
            let who = classify(cx, &f.speaker);
            let resolved_pronoun = match &f.speaker {
                Speaker::Resolved(span, Some(m)) => Some((*span, *m)),
                _ => None,
            };
            let mut unnamed_source = None;
            let (speaker, speaker_text, speaker_span) = match (&who, f.speaker) {
                (Who::Generic(SourceKind::None), _) => continue,
                // `जानकारी के मुताबिक …`: a fact the outlet was told, not anyone's words
                (Who::Generic(SourceKind::Unnamed), _) if *cue == CueType::According => continue,
                (Who::Generic(SourceKind::Unnamed), Speaker::Resolved(span, _)) => {
                    unnamed_source = span.slice(cx.text).map(str::to_string);
                    (None, None, None)
                }
                (Who::Unknown | Who::Generic(_), _) => (None, None, None),
                (_, Speaker::Mention(m)) => (m.entity.clone(), Some(m.text.clone()), Some(m.span)),
                (_, Speaker::Resolved(span, m)) => (
                    m.and_then(|m| m.entity.clone()),
                    span.slice(cx.text).map(str::to_string),
                    Some(span),
                ),
                (_, Speaker::None) => (None, None, None),
            };
            let country = speaker
                .as_ref()
                .is_some_and(|id| id.0.starts_with("place:country:"));
            let mut confidence = confidence(&who, country, f.direct, *cue);
            // `he`/`she` stands for the nearest fitting person, which is right only about two
            // times in three on the development half of BASIL (issue #15, session 7). It is
            // trusted when that person is the one speaking: named right before a speech verb
            // (`Trump said …`) or the speaker of the last quote named (`“…,” Trump said. “…,”
            // he added`); else the quote stays below the bar.
            if let Some((span, m)) = resolved_pronoun {
                let words = Words::get();
                let pronoun = span
                    .slice(cx.text)
                    .and_then(|w| words.pronoun(Lang::En, &fold(w)))
                    .is_some_and(|p| matches!(p.sex, Some(WordSex::Male | WordSex::Female)));
                let last_named = out
                    .iter()
                    .rev()
                    .find(|q| {
                        q.speaker.is_some()
                            && q.speaker_text
                                .as_deref()
                                .is_some_and(|t| !words.en_third(&fold(t)))
                    })
                    .and_then(|q| q.speaker.as_ref());
                let speaking = cx.next_word_is_say(m.span.end)
                    || (m.entity.is_some() && last_named == m.entity.as_ref());
                if pronoun && !speaking {
                    confidence = confidence.min(UNSURE_PRONOUN);
                }
            }
            out.push(Quote {
                sentence: s,
                span: f.span,
                text: text.to_string(),
                direct: f.direct,
                cue: cue_span.slice(cx.text).unwrap_or("").to_string(),
                cue_span,
                speaker,
                speaker_text,
                speaker_span,
                date: cx.date_for(s, cue_span.start, Some(f.span)),
                unnamed_source,
                confidence,
            });
        }
    }
    out
}

/// Whether `cue` lies inside quotation marks of its sentence: an odd number of straight marks
/// (or more curly openings than closings) before it, and a closing mark after it; or the last
/// mark before it opens a quotation that runs on past the sentence (`“He says he is a
/// Christian. …”`: the cue is the quoted speaker's, not the article's).
fn inside_quote_marks(text: &str, sent: Span, cue: Span) -> bool {
    let (Some(before), Some(rest)) = (text.get(sent.start..cue.start), text.get(cue.end..sent.end))
    else {
        return false;
    };
    let straight = before.matches('"').count() % 2 == 1 && rest.contains('"');
    let curly = before.matches(['“', '«']).count() > before.matches(['”', '»']).count()
        && rest.contains(['”', '»']);
    straight || curly || opens_last(before) && !rest.contains(is_close_quote)
}

/// Whether the last quotation mark of `head` opens a quotation: a curly opening mark, or a
/// straight one at the start or after a space or bracket with a word right after it.
fn opens_last(head: &str) -> bool {
    let Some((k, c)) = head
        .char_indices()
        .rev()
        .find(|(_, c)| is_open_quote(*c) || is_close_quote(*c))
    else {
        return false;
    };
    match c {
        '“' | '«' | '„' => true,
        '"' => {
            let prev = head[..k].chars().next_back();
            let next = head[k + 1..].chars().next();
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['))
                && next.is_some_and(|n| !n.is_whitespace())
        }
        _ => false,
    }
}

/// The confidence of a quote whose `he`/`she` stands for someone not shown speaking.
const UNSURE_PRONOUN: f32 = 0.55;

/// What kind of speaker a quote has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// A mention of an entity (or a pronoun or role resolved to one), of this kind.
    Named(EntityKind),
    /// A role not resolved to a name (`पुलिस`, `एक अधिकारी`, `officials`).
    Role,
    /// A pronoun not resolved to a name.
    Pronoun,
    /// A source that names nobody.
    Generic(SourceKind),
    /// Words before the cue that are neither (`एक`, `लोगों से`): no speaker.
    Unknown,
    /// No speaker written (`कहा गया`, `बयान में कहा गया`).
    Nobody,
}

fn classify(cx: &Ctx, sp: &Speaker) -> Who {
    match sp {
        Speaker::Mention(m) | Speaker::Resolved(_, Some(m)) => Who::Named(m.kind),
        Speaker::None => Who::Nobody,
        Speaker::Resolved(span, None) => {
            let words = SpeakerWords::get();
            let fact_words = Words::get();
            let first = cx.toks.partition_point(|t| t.start < span.start);
            let last = cx.toks.partition_point(|t| t.start < span.end);
            let keys: Vec<&str> = (first..last).map(|k| cx.key(k)).collect();
            let Some(&head) = keys.last() else {
                return Who::Nobody;
            };
            if let Some(k) = keys.iter().rev().find_map(|k| words.generic(k)) {
                // `मिली जानकारी`, `media reports`, `the statement`; a role before it
                // (`पुलिस की जानकारी`) does not make it a speaker
                if words.generic(head).is_some() || k == SourceKind::None {
                    return Who::Generic(k);
                }
            }
            if words.role(head).is_some() {
                Who::Role
            } else if fact_words.hi_ergative(head, true)
                || fact_words.hi_genitive(head)
                || fact_words.en_third(head)
            {
                Who::Pronoun
            } else {
                Who::Unknown
            }
        }
    }
}

/// How sure a quote is, from its evidence: a named person or organisation in quote marks is
/// near certain; a role, a pronoun, a place speaking for its government less; no speaker or a
/// source that names nobody leaves it below [`khabar_model::CONFIDENT`].
fn confidence(who: &Who, country: bool, direct: bool, cue: CueType) -> f32 {
    let base: f32 = match who {
        Who::Named(EntityKind::Person | EntityKind::Organisation) => 0.9,
        // a country speaks for its government; a city or district does not speak
        Who::Named(EntityKind::Place) if country => 0.75,
        Who::Named(EntityKind::Place) => 0.5,
        Who::Named(EntityKind::Other) => 0.65,
        Who::Role => 0.75,
        // `उन्होंने कहा`, `he said` with nobody to stand for: the speaker shown would be a pronoun
        Who::Pronoun => 0.5,
        Who::Unknown | Who::Nobody => 0.5,
        Who::Generic(_) => 0.4,
    };
    let marks = if direct { 0.05 } else { 0.0 };
    let according = if cue == CueType::According { 0.05 } else { 0.0 };
    (base + marks - according).clamp(0.0, 1.0)
}

enum Speaker<'a> {
    Mention(&'a Mention),
    /// Written as this span (a pronoun, role or unlinked name), resolved to this mention if any.
    Resolved(Span, Option<&'a Mention>),
    None,
}

struct Found<'a> {
    span: Span,
    direct: bool,
    speaker: Speaker<'a>,
}

/// The speaker written just before byte `pos` (a ने-phrase, a genitive, a subject): a mention
/// ending there, else up to three words; roles resolve to the nearest earlier person.
fn speaker_before<'a>(cx: &Ctx<'a>, pos: usize, sa: usize) -> Speaker<'a> {
    if let Some(m) = cx.mention_ending_at(pos) {
        if role_as_name(cx, m) {
            return Speaker::Resolved(m.span, introduced_as(cx, m));
        }
        return Speaker::Mention(m);
    }
    let end = cx.toks.partition_point(|t| t.end <= pos);
    let mut start = end;
    while start > sa && start + 3 > end {
        let k = start - 1;
        if Words::get().any("speaker-stop", cx.key(k)) || cx.toks[k].number {
            break;
        }
        if start < end && cx.breaks(k, start) {
            break;
        }
        start = k;
    }
    if start == end {
        return Speaker::None;
    }
    let span = Span::new(cx.toks[start].start, cx.toks[end - 1].end);
    if let Some(m) = cx.mention_at(cx.toks[end - 1].start) {
        if role_as_name(cx, m) {
            return Speaker::Resolved(m.span, introduced_as(cx, m));
        }
        return Speaker::Mention(m);
    }
    let last = cx.key(end - 1);

    let fact_words = Words::get();
    if fact_words.en_third(last) || fact_words.hi_genitive(last) {
        let s = Span::new(cx.toks[end - 1].start, cx.toks[end - 1].end);
        return Speaker::Resolved(s, resolve_pronoun(cx, s, last));
    }
    if fact_words.not_third(Lang::En, last) || fact_words.not_third(Lang::Hi, last) {
        return Speaker::None;
    }
    // a bare role (`मंत्री ने`, `the minister said`) is someone named before; a ministry or a
    // longer description is its own speaker
    let role_kind = SpeakerWords::get().role(last);
    let role = matches!(role_kind, Some(RoleKind::Person | RoleKind::Agent)) && end - start <= 2;
    let resolved = if role {
        // the person the article introduced with this role (`डीएम आन्जनेय कुमार`), else, when
        // a genitive says whose role it is (`रामपुर के डीएम`), nobody named before; else the
        // nearest person
        // `a Ryan spokesman`: a name before the role owns it too
        let owned = start > sa && matches!(cx.key(start - 1), "के" | "की" | "का" | "of")
            || (start + 1 < end && cx.mention_at(cx.toks[start].start).is_some())
            || cx
                .slice(span.start, cx.toks[end - 1].start)
                .trim_end()
                .ends_with(['s', 'S'])
                && cx
                    .slice(span.start, cx.toks[end - 1].start)
                    .contains(['\'', '’']);
        let persons_before = || {
            cx.mentions
                .iter()
                .rev()
                .filter(move |m| m.span.end <= span.start && m.kind == EntityKind::Person)
        };
        if owned {
            // `रामपुर के डीएम`, `Strzok’s lawyer`: only the person the article introduced with
            // the same words (`Aitan Goelman, Mr. Strzok’s lawyer,`)
            let genitive = start > sa + 1 && matches!(cx.key(start - 1), "के" | "की" | "का" | "of");
            let from = if genitive {
                cx.toks[start - 2].start
            } else {
                span.start
            };
            let phrase = cx.slice(from, span.end);
            // a name that owns the role (`बीजेपी सांसद`, `Clinton spokesman`)
            let owner = cx
                .mention_at(cx.toks[start].start)
                .filter(|o| o.span.end <= cx.toks[end - 1].start)
                .and_then(|o| o.entity.as_ref());
            persons_before()
                .find(|m| {
                    // right next to the name, with only a comma or a title between
                    let rest = cx.slice(m.span.end, span.end);
                    let head = cx.slice(
                        cx.sentences.get(m.sentence).map_or(0, |x| x.span.start),
                        m.span.start,
                    );
                    // or the same owner by another spelling before the role (`भाजपा सांसद
                    // किरीट सोमैया` for `बीजेपी सांसद`)
                    let i = cx.toks.partition_point(|t| t.end <= m.span.start);
                    let same_owner = owner.is_some()
                        && i >= 2
                        && cx.key(i - 1) == last
                        && cx
                            .mention_at(cx.toks[i - 2].start)
                            .and_then(|o| o.entity.as_ref())
                            == owner;
                    m.span.end <= from
                        && (strip_titles(rest, true).starts_with(phrase)
                            || strip_titles(head, false).ends_with(phrase)
                            || same_owner)
                })
                .copied()
        } else {
            // the person the article introduced with this role (`डीएम आन्जनेय कुमार`: the role
            // right before the name, or before a title of it; `lawyer for X` names the client),
            // else the nearest person
            persons_before()
                .find(|m| {
                    let i = cx.toks.partition_point(|t| t.end <= m.span.start);
                    i > 0
                        && (cx.key(i - 1) == last
                            || i > 1
                                && cx.key(i - 2) == last
                                && !fact_words.any("speaker-stop", cx.key(i - 1)))
                })
                .copied()
                .or_else(|| {
                    (role_kind == Some(RoleKind::Person))
                        .then(|| cx.resolve(span.start, false))
                        .flatten()
                })
        }
    } else {
        None
    };

    Speaker::Resolved(span, resolved)
}

/// Whether a mention is a role read as a new name (`अपर जिलाधिकारी` → "Apar Jiladhikari",
/// `एसडीएम` → "SDM"): a name the knowledge base does not know whose last word is a one-holder role
/// (`data/lang/*/roles.tsv`). It speaks as the role, not as a person of that name.
fn role_as_name(cx: &Ctx, m: &Mention) -> bool {
    let new = m.entity.as_ref().is_some_and(|id| {
        let id = id.as_str();
        id.len() > 1 && id.starts_with('e') && id[1..].bytes().all(|b| b.is_ascii_hexdigit())
    });
    let last = cx.toks.partition_point(|t| t.start < m.span.end);
    new && last > 0
        && matches!(
            SpeakerWords::get().role(cx.key(last - 1)),
            Some(RoleKind::Person | RoleKind::Agent)
        )
}

/// The person an article introduced with the same role words right before their name
/// (`अपर जिलाधिकारी राम सिंह ने … अपर जिलाधिकारी ने कहा`), else nobody: a role is never given
/// to the nearest person by guess.
fn introduced_as<'a>(cx: &Ctx<'a>, role: &Mention) -> Option<&'a Mention> {
    let phrase = cx.slice(role.span.start, role.span.end);
    cx.mentions
        .iter()
        .rev()
        .find(|m| {
            m.span.end <= role.span.start
                && m.kind == EntityKind::Person
                && m.entity != role.entity
                && strip_titles(cx.slice(0, m.span.start), false).ends_with(phrase)
        })
        .copied()
}

/// The person (or body) a pronoun speaker stands for; English `it` (a report, a statement, a
/// body) and `they` (several people) are never one person, so they resolve to an organisation
/// or to nobody.
fn resolve_pronoun<'a>(cx: &Ctx<'a>, s: Span, key: &str) -> Option<&'a Mention> {
    // `he`/`she` are people: never an organisation named before, and never someone the
    // article calls by the other sex's title (`Mr. Trump` is no `she`)
    let pronoun = Words::get().pronoun(Lang::En, key);
    let other = match pronoun.and_then(|p| p.sex) {
        Some(WordSex::Male) => Some(Sex::Female),
        Some(WordSex::Female) => Some(Sex::Male),
        _ => None,
    };
    // and never a name the linker is unsure of (`New Mexico` read as a person's name)
    let m = cx.resolve_where(s.start, other.is_none(), |m| {
        m.confidence >= khabar_model::CONFIDENT && other.is_none_or(|o| titled(cx, m) != Some(o))
    })?;
    // `it` and `they` are a body or several people, never one person
    let not_one_person =
        pronoun.is_some_and(|p| p.plural == Some(true) || p.sex == Some(WordSex::Neuter));
    (!not_one_person || m.kind == EntityKind::Organisation).then_some(m)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
}

/// The sex the article's titles give a person's entity (`Mr. Obama`, `Ms. Pelosi`, `Mrs.
/// Clinton`), if any mention of it has one and none has the other.
fn titled(cx: &Ctx, m: &Mention) -> Option<Sex> {
    let id = m.entity.as_ref()?;
    let mut sex = None;
    for x in cx.mentions.iter().filter(|x| x.entity.as_ref() == Some(id)) {
        let i = cx.toks.partition_point(|t| t.end <= x.span.start);
        let this = match cx.key(i.wrapping_sub(1)) {
            "mr" => Sex::Male,
            "mrs" | "ms" | "miss" => Sex::Female,
            _ => continue,
        };
        if sex.is_some_and(|s| s != this) {
            return None;
        }
        sex = Some(this);
    }
    sex
}

/// Trim spaces, dandas and end punctuation (and one pair of quote marks) from a span.
fn trim(cx: &Ctx, span: Span) -> Option<Span> {
    let t = span.slice(cx.text)?;
    let lead = t.len()
        - t.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ':' | '-' | '–' | '—')
        })
        .len();
    let body = &t[lead..];
    let body_t = body.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '।' | '.' | ',' | ';' | ':' | '|')
    });
    let s = Span::new(span.start + lead, span.start + lead + body_t.len());
    (!s.is_empty()).then_some(s)
}

/// The quoted words starting at byte `from` (after a cue): inside quote marks when they open
/// here, else to the end of the sentence.
fn after(cx: &Ctx, from: usize, sent: Span) -> Option<(Span, bool)> {
    let rest = cx.text.get(from..sent.end.max(from))?;
    let skip = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '-' | '–'))
            .len();
    let at = from + skip;
    let first = cx.text.get(at..)?.chars().next()?;
    if is_open_quote(first) {
        let inner = at + first.len_utf8();
        let para_end = cx.text[inner..]
            .find("\n")
            .map_or(cx.text.len(), |k| inner + k);
        let region = &cx.text[inner..para_end];
        let mut close = sent.end.max(inner);
        let mut prev = ' ';
        let mut chars = region.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if is_close_quote(c) {
                let next = chars.peek().map_or(' ', |&(_, n)| n);
                // a straight quote between a space and a letter opens the next quotation:
                // this one was never closed, so it ends with its sentence
                let opens =
                    c == '"' && prev.is_whitespace() && khabar_text::segment::is_word_char(next);
                if !opens {
                    close = inner + k;
                }
                break;
            }
            prev = c;
        }
        return trim(cx, Span::new(inner, close)).map(|s| (s, true));
    }
    trim(cx, Span::new(at, sent.end)).map(|s| (s, false))
}

/// A quoted segment ending shortly before byte `pos` in the sentence: `"…," he said`.
fn quoted_before(cx: &Ctx, sent: Span, pos: usize) -> Option<Span> {
    let head = cx.text.get(sent.start..pos)?;
    let close = head.rfind(|c: char| is_close_quote(c))?;
    // the close quote must be near the cue (a short speaker between)
    if head[close..].chars().count() > 60 {
        return None;
    }
    let open = head[..close].rfind(|c: char| is_open_quote(c))?;
    // `in an episode of "The Late Show …," said`: a quotation after a preposition is a title
    // or a term, not words said
    if Words::get().is(Lang::En, "prep", prev_key(cx, sent.start + open)) {
        return None;
    }
    let o = sent.start + open + head[open..].chars().next()?.len_utf8();
    trim(cx, Span::new(o, sent.start + close))
}

fn hindi_say<'a>(cx: &Ctx<'a>, _s: usize, sent: Span, c: usize, len: usize) -> Option<Found<'a>> {
    let (sa, sb) = (
        cx.toks.partition_point(|t| t.start < sent.start),
        cx.toks.partition_point(|t| t.start < sent.end),
    );
    let cue_end = cx.toks[c + len - 1].end;
    let mut k = c + len;
    let fact_words = Words::get();
    let passive = fact_words.is(Lang::Hi, "passive", cx.key(k));
    while k < sb && fact_words.is(Lang::Hi, "aux", cx.key(k)) && !cx.breaks(k - 1, k) {
        k += 1;
    }
    let mut from = if k > c + len {
        cx.toks[k - 1].end
    } else {
        cue_end
    };
    let ki = k < sb && cx.key(k) == "कि" && !cx.breaks(k - 1, k);
    if ki {
        from = cx.toks[k].end;
    }
    // the speaker: the ने-phrase (or pronoun) before the cue, back to a कि
    let mut speaker = Speaker::None;
    let mut subject_at = None;
    if !passive {
        let mut n = c;
        while n > sa {
            n -= 1;
            let key = cx.key(n);
            if key == "कि" {
                break;
            }
            if fact_words.not_third(Lang::Hi, key) {
                return None;
            }
            if key == "ने" {
                speaker = speaker_before(cx, cx.toks[n].start, sa);
                subject_at = Some(n);
                break;
            }
            if fact_words.hi_ergative(key, true) {
                let span = Span::new(cx.toks[n].start, cx.toks[n].end);
                speaker = Speaker::Resolved(span, cx.resolve(span.start, true));
                subject_at = Some(n);
                break;
            }
        }
        if subject_at.is_none() && cx.key(c) == "कहना" && c > sa {
            // X का कहना है कि / उनका कहना है कि
            let g = c - 1;
            if fact_words.hi_genitive(cx.key(g)) {
                let span = Span::new(cx.toks[g].start, cx.toks[g].end);
                speaker = Speaker::Resolved(span, cx.resolve(span.start, true));
                subject_at = Some(g);
            } else if matches!(cx.key(g), "का" | "की" | "के") {
                speaker = speaker_before(cx, cx.toks[g].start, sa);
                subject_at = Some(g);
            }
        }
    }
    let gap = cx
        .text
        .get(cue_end..cx.toks.get(k).map_or(sent.end, |t| t.start).min(sent.end))
        .unwrap_or("");
    let (span, direct) = after(cx, from, sent)?;
    if ki || span.start > from && cx.text[from..span.start].chars().any(is_open_quote) {
        return Some(Found {
            span,
            direct,
            speaker,
        });
    }
    if gap.contains(',') || gap.contains(':') {
        return Some(Found {
            span,
            direct: true,
            speaker,
        });
    }
    // "…," उन्होंने कहा — the quote comes before the speaker
    let before_at = subject_at.map_or(cx.toks[c].start, |n| cx.toks[n].start);
    let q = quoted_before(cx, sent, before_at)?;
    Some(Found {
        span: q,
        direct: true,
        speaker,
    })
}

fn english_say<'a>(cx: &Ctx<'a>, _s: usize, sent: Span, c: usize, len: usize) -> Option<Found<'a>> {
    let fact_words = Words::get();
    let sa = cx.toks.partition_point(|t| t.start < sent.start);
    let sb = cx.toks.partition_point(|t| t.start < sent.end);
    let cue_start = cx.toks[c].start;
    let cue_end = cx.toks[c + len - 1].end;
    // "…," said X — the speaker after the cue
    let close_before = cx.text.get(sent.start..cue_start).is_some_and(|h| {
        h.trim_end()
            .ends_with(|c: char| is_close_quote(c) || c == ',')
    });
    // `…, told BuzzFeed that …`: who is told is the listener, never the speaker
    let inverts = !matches!(cx.key(c), "told" | "tells" | "asked");
    if close_before && inverts && c + len < sb {
        // past titles and roles after a quotation (`…," said Rep. Steve Israel`)
        let mut k = c + len;
        let after_quotation = cx
            .text
            .get(sent.start..cue_start)
            .is_some_and(ends_with_quotation);
        while after_quotation
            && k + 1 < sb
            && k < c + len + 3
            && cx.mention_at(cx.toks[k].start).is_none()
            && (is_title(cx.key(k)) || SpeakerWords::get().role(cx.key(k)).is_some())
        {
            k += 1;
        }
        // `said Trump's offer was …`: a name owning the next noun opens the words said
        // `…, said Trump should cancel`: a name with its own verb after it opens the words said
        // (past more capitalised words of the subject: `said Senate Democrats had`)
        let own_verb_at = |end: usize| {
            let mut j = cx.toks.partition_point(|t| t.start < end);
            while j < sb
                && !cx.breaks(j - 1, j)
                && cx
                    .slice(cx.toks[j].start, cx.toks[j].end)
                    .starts_with(|c: char| c.is_uppercase())
            {
                j += 1;
            }
            j < sb && !cx.breaks(j - 1, j) && {
                let w = cx.key(j);
                let lower = cx
                    .slice(cx.toks[j].start, cx.toks[j].end)
                    .starts_with(|c: char| c.is_lowercase());
                lower && !circumstance(w) && !time_word(w)
            }
        };
        let own_verb = |m: &Mention| own_verb_at(m.span.end);
        let sp = cx
            .mention_at(cx.toks[k].start)
            .filter(|m| {
                next_key(cx, m.span.end) != "that"
                    && !possessive_after(cx, m.span.end)
                    && !own_verb(m)
            })
            .map(Speaker::Mention)
            .or_else(|| {
                // `…, said she has signed`: a pronoun with its own verb opens the words said
                (Words::get().en_third(cx.key(k)) && !own_verb_at(cx.toks[k].end)).then(|| {
                    let s = Span::new(cx.toks[k].start, cx.toks[k].end);
                    Speaker::Resolved(s, resolve_pronoun(cx, s, cx.key(k)))
                })
            });
        if let Some(sp) = sp {
            let q = quoted_before(cx, sent, cue_start)
                .map(|s| (s, true))
                .or_else(|| trim(cx, Span::new(sent.start, cue_start)).map(|s| (s, false)))?;
            return Some(Found {
                span: q.0,
                direct: q.1,
                speaker: sp,
            });
        }
    }
    // the subject: a mention or pronoun within three words before the cue
    let mut speaker = Speaker::None;
    let mut subject_start = cue_start;
    let mut n = c;
    while n > sa && n + 4 > c {
        n -= 1;
        // `…read the Constitution," said …`: a name inside the quotation is no subject
        if cx
            .text
            .get(cx.toks[n].end..cue_start)
            .is_some_and(|g| g.contains(|ch: char| is_close_quote(ch) || is_open_quote(ch)))
        {
            break;
        }
        if let Some(m) = cx
            .mention_at(cx.toks[n].start)
            .filter(|m| !role_as_name(cx, m))
        {
            // `Jim Manley, a spokesman for Mr. Reid, said`: the name in the appositive is not
            // the speaker; the name before it is
            let prep = key_before_title(cx, m.span.start);
            let found = if matches!(prep, "for" | "of" | "to" | "at" | "with" | "by") {
                // `Roger Pilon of the Cato Institute said`: the name before `of`
                // (`Senator Rand Paul, Republican of Kentucky, said`: a party's member of a
                // state is the appositive of the name before it)
                let party =
                    |h: &Mention| khabar_text::en::PARTY_MEMBERS.contains(&fold(&h.text).as_str());
                match of_head(cx, m).filter(|h| !party(h)) {
                    Some(h) => Speaker::Mention(h),
                    None => Speaker::Mention(appositive_head(cx, m, sent)?),
                }
            } else if let Some(at) = preposition_before(cx, m.span.start) {
                // `Trump, in the Rose Garden, declared`, `Officials in Utah said`: a name in a
                // phrase of place or time is not the subject; the name set off before the
                // phrase is, else the words before the preposition
                match appositive_head(cx, m, sent) {
                    Some(h) => Speaker::Mention(h),
                    None => {
                        if at <= sa {
                            return None;
                        }
                        // `A spokeswoman for Brevard College in North Carolina`: the name
                        // before is itself in a phrase; nobody named speaks
                        let mut i = at;
                        // (back to the clause's start: a comma, not an abbreviation's dot)
                        while i > sa
                            && !cx.gap(i - 1, i).contains(|c: char| {
                                matches!(c, ',' | ';' | ':' | '(' | '\n')
                                    || is_open_quote(c)
                                    || is_close_quote(c)
                            })
                        {
                            i -= 1;
                            if fact_words.is(Lang::En, "prep", cx.key(i)) {
                                return None;
                            }
                        }
                        speaker_before(cx, cx.toks[at - 1].end, sa)
                    }
                }
            } else if let Some(h) = in_appositive(cx, m, sent) {
                // `Larry Nordvig, executive director of the Richmond Tea Party, said`
                Speaker::Mention(h)
            } else {
                Speaker::Mention(m)
            };
            subject_start = match &found {
                Speaker::Mention(h) => h.span.start,
                Speaker::Resolved(s, _) => s.start,
                Speaker::None => return None,
            };
            speaker = found;
            break;
        }
        let key = cx.key(n);
        if fact_words.en_third(key) {
            let s = Span::new(cx.toks[n].start, cx.toks[n].end);
            speaker = Speaker::Resolved(s, resolve_pronoun(cx, s, key));
            subject_start = s.start;
            break;
        }
        if fact_words.not_third(Lang::En, key) {
            return None;
        }
        if !fact_words.is(Lang::En, "subject-gap", key) {
            speaker = speaker_before(cx, cx.toks[n].end, sa);
            if let Speaker::Resolved(s, _) = &speaker {
                subject_start = s.start;
            } else if let Speaker::Mention(m) = &speaker {
                subject_start = m.span.start;
            }
            break;
        }
    }
    // `records that he said indicated …`, `what he said was …`: a reporting clause inside a
    // relative clause says nothing of its own
    if !matches!(speaker, Speaker::None) {
        let i = cx.toks.partition_point(|t| t.end <= subject_start);
        // (`that` after a verb opens what was reported: `The Post reported that Lauten had
        // confirmed`)
        let relative = match cx.key(i.wrapping_sub(1)) {
            "what" | "which" => true,
            "that" => {
                i > sa + 1 && {
                    let w = cx.key(i - 2);
                    !w.ends_with("ed") && !matches!(w, "says" | "said" | "told" | "tells")
                }
            }
            _ => false,
        };
        if i > sa && relative && !cx.breaks(i - 1, i) {
            return None;
        }
    }
    // `"…," Christie said in an interview that aired …`: a quotation closing right before the
    // speaker is the quote, whatever follows the cue
    let closes_before = cx
        .text
        .get(sent.start..subject_start)
        .is_some_and(ends_with_quotation);
    if !matches!(speaker, Speaker::None) && closes_before {
        // the sentence may start inside the quotation (`I hope he is,” Axelrod said`)
        let q = quoted_before(cx, sent, subject_start).or_else(|| {
            let head = cx.text.get(sent.start..subject_start)?;
            let close = head.rfind(is_close_quote)?;
            (!head[..close].contains(is_open_quote))
                .then(|| trim(cx, Span::new(sent.start, sent.start + close)))
                .flatten()
        });
        if let Some(q) = q {
            return Some(Found {
                span: q,
                direct: true,
                speaker,
            });
        }
    }
    // after the cue: objects and times up to "that", a colon or a quote mark
    let mut k = c + len;
    let mut from = cue_end;
    let mut that = false;
    let mut opens_quote = false;
    // (further past a circumstance: `noted in an email to supporters Saturday that`)
    let window = if circumstance(cx.key(c + len)) { 8 } else { 5 };
    while k < sb && k < c + len + window {
        // `said that was never the case`: `that` with its own verb is the subject
        let pronoun = Words::get().is(Lang::En, "clause-verb", cx.key(k + 1));
        if cx.key(k) == "that" && !pronoun {
            from = cx.toks[k].end;
            that = true;
            break;
        }
        if cx.breaks(k - 1, k) {
            // `said in a statement, "It has long been …"`
            let gap = cx.gap(k - 1, k);
            if k > c + len && gap.contains([',', ':']) && gap.chars().any(is_open_quote) {
                from = cx.toks[k - 1].end;
                opens_quote = true;
            }
            break;
        }
        k += 1;
    }
    if opens_quote {
        if let Some((span, true)) = after(cx, from, sent) {
            return Some(Found {
                span,
                direct: true,
                speaker,
            });
        }
    }
    if !that && k < sb && !cx.breaks(k.saturating_sub(1).max(c + len - 1), k) && k != c + len {
        from = cue_end;
    }
    let gap = cx
        .text
        .get(
            cue_end
                ..cx.toks
                    .get(c + len)
                    .map_or(sent.end, |t| t.start)
                    .min(sent.end),
        )
        .unwrap_or("");
    if that || gap.contains(':') || gap.chars().any(is_open_quote) {
        let (span, direct) = after(cx, from, sent)?;
        return Some(Found {
            span,
            direct,
            speaker,
        });
    }
    // "…, X said." — the quote is the sentence before the speaker
    if c + len >= sb || cx.breaks(c + len - 1, c + len) {
        if matches!(speaker, Speaker::None) {
            return None;
        }
        // `By lifting the ban, she said, Trump was …`: a reporting clause inside the
        // sentence cuts the words in two; neither half alone is what was said
        // (unless what follows is a new clause of the writer's: `…, officials said, because …`)
        let inside = c + len < sb
            && cx.gap(c + len - 1, c + len).contains(',')
            && !cx
                .text
                .get(sent.start..subject_start)
                .is_some_and(|h| h.contains(is_close_quote))
            && !fact_words.is(Lang::En, "clause-opener", cx.key(c + len));
        if inside {
            return None;
        }
        let q = quoted_before(cx, sent, subject_start)
            .map(|s| (s, true))
            .or_else(|| {
                trim(
                    cx,
                    Span::new(sent.start, before_speaker_phrase(cx, sent, subject_start)),
                )
                .map(|s| (s, false))
            })?;
        return Some(Found {
            span: q.0,
            direct: q.1,
            speaker,
        });
    }
    // `“I went way too far,” she said in a video`, `…, he said on Sunday`: the reporting
    // clause comes last and what follows the cue is its circumstance, not the quote
    if !matches!(speaker, Speaker::None) {
        let before = trim(cx, Span::new(sent.start, subject_start))
            .and_then(|s| s.slice(cx.text))
            .unwrap_or("");
        let quote_ends_here = before.ends_with(|c: char| is_close_quote(c))
            || cx
                .text
                .get(sent.start..subject_start)
                .is_some_and(|h| h.trim_end().ends_with([',', '”', '"']));
        let then_circumstance = circumstance(cx.key(c + len));
        if quote_ends_here || then_circumstance {
            if let Some(q) = quoted_before(cx, sent, subject_start) {
                return Some(Found {
                    span: q,
                    direct: true,
                    speaker,
                });
            }
        }
        if quote_ends_here && then_circumstance {
            let q = trim(cx, Span::new(sent.start, subject_start))?;
            return Some(Found {
                span: q,
                direct: false,
                speaker,
            });
        }
    }
    // "X said the talks failed" — reported speech without "that" (`said in a joint statement`
    // is a circumstance, not what was said)
    if matches!(cx.key(c), "said" | "says") && !matches!(speaker, Speaker::None) {
        // `said Thursday he has doubts`: the time phrase is the reporting clause's
        let mut k = c + len;
        while k < sb && k < c + len + 3 && !cx.breaks(k - 1, k) && time_word(cx.key(k)) {
            k += 1;
        }
        if k >= sb || circumstance(cx.key(k)) || cx.breaks(k - 1, k) {
            return None;
        }
        let (span, direct) = after(cx, cx.toks[k - 1].end, sent)?;
        return Some(Found {
            span,
            direct,
            speaker,
        });
    }
    None
}

/// The length of a dateline opening `text` (`WASHINGTON — `, `DES MOINES – `): words in
/// capitals (and commas, full stops) before a dash, and the spaces after it.
fn dateline_len(text: &str) -> Option<usize> {
    let (k, dash) = text.char_indices().find(|(_, c)| matches!(c, '—' | '–'))?;
    let head = &text[..k];
    let caps = head
        .chars()
        .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, ',' | '.' | '\''))
        && head.chars().filter(|c| c.is_uppercase()).count() >= 3;
    let rest = &text[k + dash.len_utf8()..];
    let after = rest.len() - rest.trim_start().len();
    caps.then_some(k + dash.len_utf8() + after)
}

/// Whether an English possessive ending (`'s`, `’s`, `'`) follows byte `pos`.
fn possessive_after(cx: &Ctx, pos: usize) -> bool {
    let rest = cx.text.get(pos..).unwrap_or("");
    ["'s ", "’s ", "' ", "’ "]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// The token of the English preposition that opens the phrase of a name at byte `pos` (`in
/// the Rose Garden`), past titles and articles, with no punctuation between.
fn preposition_before(cx: &Ctx, pos: usize) -> Option<usize> {
    let mut i = cx.toks.partition_point(|t| t.end <= pos);
    while i > 0
        && matches!(
            cx.key(i - 1),
            "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "the" | "a" | "an"
        )
    {
        i -= 1;
    }
    let at = i.checked_sub(1)?;
    let between = cx.slice(cx.toks[at].end, pos);
    (Words::get().is(Lang::En, "prep", cx.key(at))
        && !between.contains(|c: char| {
            matches!(c, ',' | ';' | ':' | '(' | ')') || is_open_quote(c) || is_close_quote(c)
        }))
    .then_some(at)
}

/// The word before byte `pos`, past English titles (`for Mr. Reid` → `for`).
fn key_before_title<'a>(cx: &'a Ctx, pos: usize) -> &'a str {
    let mut i = cx.toks.partition_point(|t| t.end <= pos);
    while i > 0
        && matches!(
            cx.key(i - 1),
            "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "the"
        )
    {
        i -= 1;
    }
    if i == 0 {
        ""
    } else {
        cx.key(i - 1)
    }
}

/// Whether `head` ends with a quotation and at most a short name with titles and roles
/// (`"…," Ms. Lagarde`, `“…,” Treasury Secretary Jacob Lew`, `"…,"`): the reporting clause
/// comes after the quoted words.
fn ends_with_quotation(head: &str) -> bool {
    let Some(close) = head.rfind(is_close_quote) else {
        return false;
    };
    let quote = head[..close].trim_end();
    let tail = &head[close..];
    let tail = tail
        .get(tail.chars().next().map_or(0, char::len_utf8)..)
        .unwrap_or("");
    let comma = quote.ends_with([',', '?', '!']) || tail.trim_start().starts_with(',');
    let words = SpeakerWords::get();
    comma
        && tail.chars().count() <= 60
        && tail.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.starts_with(char::is_uppercase)
                || words.role(&fold(w)).is_some()
                || is_title(&fold(w))
        })
}

fn time_word(key: &str) -> bool {
    Words::get().is(Lang::En, "time", key) || khabar_text::en::WEEKDAYS.contains(&key)
}

fn circumstance(key: &str) -> bool {
    Words::get().is(Lang::En, "circumstance", key) || khabar_text::en::WEEKDAYS.contains(&key)
}

/// `text` without the commas, spaces and titles at its start (`front`) or end, to read an
/// appositive next to a name (`Aitan Goelman, Mr. Strzok’s lawyer`).
fn strip_titles(text: &str, front: bool) -> &str {
    let mut t = text;
    loop {
        let before = t.len();
        t = if front {
            t.trim_start_matches([',', ' ', '\n'])
        } else {
            t.trim_end_matches([',', ' ', '\n'])
        };
        for w in ["Mr.", "Ms.", "Mrs.", "Dr.", "the", "a"] {
            let cut = if front {
                t.strip_prefix(w).filter(|r| r.starts_with(' '))
            } else {
                t.strip_suffix(w)
                    .filter(|r| r.ends_with(' ') || r.is_empty())
            };
            if let Some(r) = cut {
                t = r;
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// Where the words said end before a reporting clause that comes last: at the comma that
/// opens the speaker's phrase (`…, the Treasury said`, `…, Alexandria Police Chief Michael
/// Brown said`), when that phrase is short and quotes nothing; else at the speaker.
fn before_speaker_phrase(cx: &Ctx, sent: Span, subject_start: usize) -> usize {
    let Some(head) = cx.text.get(sent.start..subject_start) else {
        return subject_start;
    };
    match head.rfind(',') {
        Some(k)
            if head[k..].split_whitespace().count() <= 6
                && !head[k..].contains(|c: char| is_open_quote(c) || is_close_quote(c)) =>
        {
            // `…, its editor, Ben Smith, said`: the role set before the name is the
            // speaker's phrase too (a role word, or a possessive's noun: `his lawyer`)
            let words = SpeakerWords::get();
            match head[..k].rfind(',') {
                Some(j)
                    if head[j + 1..k].split_whitespace().count() <= 3
                        && (head[j + 1..k]
                            .split_whitespace()
                            .any(|w| words.role(&fold(w)).is_some())
                            || head[j + 1..k]
                                .split_whitespace()
                                .next()
                                .is_some_and(|w| matches!(w, "its" | "his" | "her" | "their"))) =>
                {
                    sent.start + j
                }
                _ => sent.start + k,
            }
        }
        _ => subject_start,
    }
}

/// The person or body named right before `of`/`for` (`the`) that opens `m`: `Roger Pilon of
/// the Cato Institute` → Roger Pilon.
fn of_head<'a>(cx: &Ctx<'a>, m: &Mention) -> Option<&'a Mention> {
    let mut i = cx.toks.partition_point(|t| t.end <= m.span.start);
    while i > 0 && (cx.key(i - 1) == "the" || is_title(cx.key(i - 1))) {
        i -= 1;
    }
    if i == 0 || !matches!(cx.key(i - 1), "of" | "for") || cx.breaks(i - 1, i) {
        return None;
    }
    let of = &cx.toks[i - 1];
    cx.mention_ending_at(of.start)
        .or_else(|| {
            cx.mentions
                .iter()
                .rev()
                .find(|x| {
                    x.span.end <= of.start && cx.slice(x.span.end, of.start).trim().is_empty()
                })
                .copied()
        })
        .filter(|h| h.kind == EntityKind::Person)
}

/// The person a comma-set appositive holding `m` describes, when the appositive is a phrase
/// with a preposition before `m` (`Larry Nordvig, executive director of the Richmond Tea Party,`
/// → Larry Nordvig): `m` names where they work, not who speaks.
fn in_appositive<'a>(cx: &Ctx<'a>, m: &Mention, sent: Span) -> Option<&'a Mention> {
    let head = cx.text.get(sent.start..m.span.start)?;
    let comma = sent.start + head.rfind(',')?;
    let first = cx.toks.partition_point(|t| t.start < comma);
    let last = cx.toks.partition_point(|t| t.end <= m.span.start);
    let prep = (first..last).any(|k| Words::get().is(Lang::En, "prep", cx.key(k)));
    let h = appositive_head(cx, m, sent)?;
    (prep && h.kind == EntityKind::Person && h.span.end <= comma).then_some(h)
}

/// The name an appositive describes: `Jim Manley, a spokesman for Mr. Reid,` → Jim Manley
/// (`Democracy for America, the committee founded by Howard Dean,` → the committee), the
/// mention that ends right before the comma opening the appositive that holds `m`.
fn appositive_head<'a>(cx: &Ctx<'a>, m: &Mention, sent: Span) -> Option<&'a Mention> {
    let head = cx.text.get(sent.start..m.span.start)?;
    let comma = sent.start + head.rfind(',')?;
    cx.mentions
        .iter()
        .rev()
        .find(|x| {
            x.span.end <= comma
                && x.span.start >= sent.start
                && cx
                    .text
                    .get(x.span.end..comma)
                    .is_some_and(|g| g.trim().is_empty())
                && matches!(x.kind, EntityKind::Person | EntityKind::Organisation)
        })
        .copied()
}

fn according<'a>(cx: &Ctx<'a>, sent: Span, c: usize, len: usize, hindi: bool) -> Option<Found<'a>> {
    let sa = cx.toks.partition_point(|t| t.start < sent.start);
    let sb = cx.toks.partition_point(|t| t.start < sent.end);
    let cue_start = cx.toks[c].start;
    let cue_end = cx.toks[c + len - 1].end;
    if hindi {
        if c > sa && SpeakerWords::get().generic(cx.key(c - 1)) == Some(SourceKind::None) {
            return None;
        }
        let speaker = speaker_before(cx, cue_start, sa);
        let at_end = c + len >= sb;
        if at_end {
            let sp_start = match &speaker {
                Speaker::Mention(m) => m.span.start,
                Speaker::Resolved(s, _) => s.start,
                Speaker::None => cue_start,
            };
            let span = trim(cx, Span::new(sent.start, sp_start))?;
            return Some(Found {
                span,
                direct: false,
                speaker,
            });
        }
        let (span, direct) = after(cx, cue_end, sent)?;
        return Some(Found {
            span,
            direct,
            speaker,
        });
    }
    // according to X, …  /  …, according to X
    let k = c + len;
    if k >= sb {
        return None;
    }
    // `according to White House pool reports`, `… White House officials`: a name owning a
    // source or a role is not the source itself
    let owned = |m: &Mention| {
        let j = cx.toks.partition_point(|t| t.start < m.span.end);
        let w = SpeakerWords::get();
        (j..(j + 2).min(sb)).any(|x| {
            !cx.breaks(x - 1, x) && (w.generic(cx.key(x)).is_some() || w.role(cx.key(x)).is_some())
        })
    };
    let (speaker, sp_end) = if let Some(m) = cx.mention_at(cx.toks[k].start).filter(|m| !owned(m)) {
        (Speaker::Mention(m), m.span.end)
    } else {
        let mut e = k;
        while e < sb && e < k + 5 && (e == k || !cx.breaks(e - 1, e)) {
            e += 1;
        }
        let span = Span::new(cx.toks[k].start, cx.toks[e - 1].end);
        (Speaker::Resolved(span, None), span.end)
    };
    if c == sa
        || cx
            .text
            .get(sent.start..cue_start)
            .is_some_and(|h| h.trim().is_empty())
    {
        let (span, direct) = after(cx, sp_end, sent)?;
        Some(Found {
            span,
            direct,
            speaker,
        })
    } else {
        // `The declaration, according to White House officials, enables …`: the source set
        // inside the sentence cuts the words in two; neither half alone is what was said
        let rest = cx.slice(sp_end, sent.end);
        let inside = rest.find(',').is_some_and(|k| {
            rest[..k].split_whitespace().count() <= 3
                && rest[k..].chars().any(char::is_alphanumeric)
        });
        if inside {
            return None;
        }
        let span = trim(cx, Span::new(sent.start, cue_start))?;
        Some(Found {
            span,
            direct: false,
            speaker,
        })
    }
}

/// An abbreviated English title before a name (`Rep. Steve Israel`): the shared titles table's
/// rows for the quote reader (`data/lang/en/titles.tsv`, use `quote`).
fn is_title(key: &str) -> bool {
    khabar_text::titles::is(key, khabar_text::titles::Use::Quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH_VERBS: [&str; 2] = [
        include_str!("../../../../data/lang/hi/speech-verbs.tsv"),
        include_str!("../../../../data/lang/en/speech-verbs.tsv"),
    ];

    /// Every row of every list is typed (its kind parses) and no word is listed twice, within
    /// a list or across the sources and roles (a word cannot be both).
    #[test]
    fn speaker_lists_are_typed_and_free_of_duplicates() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let lists = GENERIC_TSV
            .iter()
            .map(|t| (t, "source"))
            .chain(ROLES_TSV.iter().map(|t| (t, "role")));
        for (text, what) in lists {
            for (i, f) in rows(text, 2).enumerate() {
                if i == 0 {
                    assert_eq!(f, ["word", "kind"], "header of a {what} list");
                    continue;
                }
                let typed = match what {
                    "source" => SourceKind::parse(f[1]).is_some(),
                    _ => RoleKind::parse(f[1]).is_some(),
                };
                assert!(typed, "{what} {:?}: unknown kind {:?}", f[0], f[1]);
                if let Some(before) = seen.insert(fold(f[0]), what) {
                    panic!("{:?} listed twice ({before}, {what})", f[0]);
                }
            }
        }
        let mut cues: HashMap<String, ()> = HashMap::new();
        for text in SPEECH_VERBS {
            for (i, f) in rows(text, 2).enumerate() {
                if i == 0 {
                    assert_eq!(f, ["type", "phrase"]);
                    continue;
                }
                assert!(CueType::parse(f[0]).is_some(), "cue type {:?}", f[0]);
                assert!(
                    cues.insert(fold(f[1]), ()).is_none(),
                    "cue {:?} twice",
                    f[1]
                );
            }
        }
        let w = SpeakerWords::get();
        assert_eq!(w.generic("जानकारी"), Some(SourceKind::Unnamed));
        assert_eq!(w.generic("योजना"), Some(SourceKind::None));
        assert_eq!(w.role("पुलिस"), Some(RoleKind::Organisation));
        assert_eq!(w.role("officials"), Some(RoleKind::Group));
    }
}
