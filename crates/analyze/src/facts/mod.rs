//! Facts with provenance: quantities (a number with what it counts and what happened to it),
//! quotes (direct and reported speech with speaker and cue) and events (a small PLOVER-like
//! ontology with actor, target, place, date and count), from Hindi and English text.
//!
//! Every fact carries its sentence index and byte spans into the article text; the article id
//! is the [`khabar_model::Analysis::article`] the facts are stored in.
//!
//! The word lists are data written by the team (`crates/analyze/lexicons/*.tsv`, compiled in):
//! `events.tsv` (triggers), `quantities.tsv` (casualty verbs and counted nouns); the quote lists
//! are per language in `data/lang/{hi,en}/` (`speech-verbs.tsv`, `generic-sources.tsv`,
//! `roles.tsv`), and so are the function words all three read (`fact-words.tsv`: auxiliaries,
//! case markers, prepositions, time and circumstance words, negations, age words, …) and the
//! pronouns (`pronouns.tsv`, with person, number, case and sex). [`FactExtractor::new`] and
//! `words::Words` parse them once.
//!
//! Dates: `extract` uses the article's resolved dates when given; when none are given and the
//! publication day is known it resolves them itself with [`khabar_text::dates::find_dates`]. A
//! fact takes the date stated in its sentence (the nearest before it, else the first after it),
//! else the last date stated earlier in the same paragraph; otherwise none.

mod events;
mod lexicon;
mod plover;
mod quantities;
mod quotes;
mod words;

pub use events::{plover_type, EVENT_KINDS};
pub use plover::{eval_plover, PloverError, PloverReport, TypeScore};

use chrono::NaiveDate;
use khabar_model::{
    DateMention, EntityKind, EntityRef, Event, Granularity, Mention, MentionRelation, Quantity,
    Quote, Sentence, Span,
};
use lexicon::{tokenize, Lexicon, Tok};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The facts of one article.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facts {
    pub quantities: Vec<Quantity>,
    pub quotes: Vec<Quote>,
    /// `Event::quantity` indexes [`Facts::quantities`].
    pub events: Vec<Event>,
}

/// Reads quantities, quotes and events. Holds the parsed lexicons; build it once.
#[derive(Debug, Clone)]
pub struct FactExtractor {
    event_triggers: Lexicon<&'static str>,
    quote_cues: Lexicon<quotes::CueType>,
    qty_verbs: Lexicon<quantities::QKind>,
    qty_nouns: Lexicon<quantities::QKind>,
}

impl Default for FactExtractor {
    fn default() -> Self {
        Self::new()
    }
}

const EVENTS_TSV: &str = include_str!("../../lexicons/events.tsv");
/// Speech cues, sources that name nobody and roles that speak, by language (`data/lang/`).
const SPEECH_VERBS: [&str; 2] = [
    include_str!("../../../../data/lang/hi/speech-verbs.tsv"),
    include_str!("../../../../data/lang/en/speech-verbs.tsv"),
];
const QUANTITIES_TSV: &str = include_str!("../../lexicons/quantities.tsv");

impl FactExtractor {
    pub fn new() -> Self {
        let mut event_triggers = Lexicon::new();
        for f in lexicon::rows(EVENTS_TSV, 3) {
            if let Some(kind) = EVENT_KINDS.iter().find(|k| **k == f[0]) {
                event_triggers.add(f[2], *kind);
            }
        }
        let mut quote_cues = Lexicon::new();
        for f in SPEECH_VERBS.iter().flat_map(|t| lexicon::rows(t, 2)) {
            if let Some(t) = quotes::CueType::parse(f[0]) {
                quote_cues.add(f[1], t);
            }
        }
        let mut qty_verbs = Lexicon::new();
        let mut qty_nouns = Lexicon::new();
        for f in lexicon::rows(QUANTITIES_TSV, 4) {
            let Some(kind) = quantities::QKind::parse(f[1]) else {
                continue;
            };
            match f[0] {
                "verb" => qty_verbs.add(f[3], kind),
                "noun" => qty_nouns.add(f[3], kind),
                _ => {}
            }
        }
        FactExtractor {
            event_triggers,
            quote_cues,
            qty_verbs,
            qty_nouns,
        }
    }

    /// Number of phrases in the trigger, cue and quantity lexicons (for reports).
    pub fn lexicon_sizes(&self) -> [usize; 4] {
        [
            self.event_triggers.len(),
            self.quote_cues.len(),
            self.qty_verbs.len(),
            self.qty_nouns.len(),
        ]
    }

    /// Facts of one article. `mentions`/`entities` come from entity linking (may be empty);
    /// `dates` are the article's resolved dates (may be empty); `published` the publication day
    /// if known.
    #[allow(clippy::too_many_arguments)]
    pub fn extract(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        _entities: &[EntityRef],
        dates: &[DateMention],
        published: Option<NaiveDate>,
        language: &str,
    ) -> Facts {
        let spans = sentences.iter().map(|s| s.span).collect();
        let doc = khabar_text::doc::Doc::with_sentences(text, spans);
        self.extract_doc(&doc, sentences, mentions, dates, published, language)
    }

    /// [`FactExtractor::extract`] over an article's [`khabar_text::doc::Doc`] (its words,
    /// lexemes and paragraphs are read from the document, not computed again); `sentences` are
    /// the document's sentences as the analysis stores them.
    pub fn extract_doc(
        &self,
        doc: &khabar_text::doc::Doc<'_>,
        sentences: &[Sentence],
        mentions: &[Mention],
        dates: &[DateMention],
        published: Option<NaiveDate>,
        language: &str,
    ) -> Facts {
        let ctx = Ctx::new(doc, sentences, mentions, dates, published, language);
        let quantities = quantities::extract(self, &ctx);
        let quotes = quotes::extract(self, &ctx);
        let events = events::extract(self, &ctx, &quantities);
        Facts {
            quantities,
            quotes,
            events,
        }
    }
}

/// One article prepared for the extractors.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    /// The numbers of the text (from the document's shared lexemes).
    pub numbers: Vec<khabar_text::numbers::NumberMatch>,
    pub toks: Vec<Tok>,
    pub sentences: &'a [Sentence],
    /// Token range of each sentence.
    pub sent_toks: Vec<(usize, usize)>,
    /// Paragraph number of each sentence.
    pub para: Vec<usize>,
    /// Mentions that name something, by start.
    pub mentions: Vec<&'a Mention>,
    pub dates: Cow<'a, [DateMention]>,
    /// Whether each sentence is written in Devanagari (Hindi patterns) or not (English).
    pub hindi: Vec<bool>,
    /// Whether each sentence looks like style sheet or script code (`{…:…}`).
    pub code_sent: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn new<'t: 'a>(
        doc: &khabar_text::doc::Doc<'t>,
        sentences: &'a [Sentence],
        mentions: &'a [Mention],
        dates: &'a [DateMention],
        published: Option<NaiveDate>,
        language: &str,
    ) -> Self {
        let text = doc.text();
        let toks = tokenize(doc);
        let sent_toks: Vec<(usize, usize)> = sentences
            .iter()
            .map(|s| {
                let a = toks.partition_point(|t| t.start < s.span.start);
                let b = toks.partition_point(|t| t.start < s.span.end);
                (a, b.max(a))
            })
            .collect();
        let para = doc.paragraphs().to_vec();
        let mut ms: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.relation == MentionRelation::Names && m.span.end <= text.len())
            .collect();
        ms.sort_by_key(|m| (m.span.start, m.span.end));
        let dates: Cow<'a, [DateMention]> = match (dates.is_empty(), published) {
            (true, Some(day)) => Cow::Owned(
                khabar_text::dates::find_dates_in(doc, day)
                    .into_iter()
                    .filter_map(|d| {
                        let s = sentence_index(sentences, d.span.start)?;
                        Some(DateMention {
                            span: d.span,
                            sentence: s,
                            text: d.span.slice(text)?.to_string(),
                            date: d.date,
                            granularity: d.granularity,
                            resolution: d.resolution.to_string(),
                        })
                    })
                    .collect(),
            ),
            _ => Cow::Borrowed(dates),
        };
        let default_hindi = !matches!(language, "en");
        let hindi = sent_toks_hindi(text, &toks, &sent_toks, default_hindi);
        let code_sent = sentences
            .iter()
            .map(|s| {
                s.span.slice(text).is_some_and(|t| {
                    let b = t.as_bytes();
                    let has = |c: u8| memchr_like(b, c);
                    has(b'{') && has(b'}') && has(b':')
                })
            })
            .collect();
        Ctx {
            text,
            numbers: khabar_text::numbers::find_numbers_in(doc),
            toks,
            code_sent,
            sentences,
            sent_toks,
            para,
            mentions: ms,
            dates,
            hindi,
        }
    }

    /// True when byte `pos` lies in a URL, a file name or style/code text (`http://…`,
    /// `1198_diabetes`, `{margin:0px}`): nothing there is a fact.
    pub fn in_code(&self, pos: usize) -> bool {
        let t = self.text;
        if pos > t.len() || !t.is_char_boundary(pos) {
            return true;
        }
        let a = t[..pos]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        let b = t[pos..]
            .find(char::is_whitespace)
            .map_or(t.len(), |k| pos + k);
        let chunk = t.get(a..b).unwrap_or("");
        if chunk.contains("://")
            || chunk.contains("www.")
            || chunk.contains('_')
            || chunk.contains('{')
            || chunk.contains('=')
        {
            return true;
        }
        self.sentence_of(pos)
            .is_some_and(|s| self.code_sent.get(s).copied().unwrap_or(false))
    }

    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    /// The text between two tokens.
    pub fn gap(&self, a: usize, b: usize) -> &'a str {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.end <= y.start => self.slice(x.end, y.start),
            _ => "",
        }
    }

    /// Whether a clause boundary (comma, danda, semicolon, colon, bracket, quote mark) lies
    /// between tokens `a` and `b = a + 1`.
    pub fn breaks(&self, a: usize, b: usize) -> bool {
        self.gap(a, b).chars().any(|c| {
            matches!(
                c,
                ',' | ';' | ':' | '।' | '|' | '(' | ')' | '"' | '“' | '”' | '!' | '?' | '\n' | '.'
            )
        })
    }

    pub fn key(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.key.as_str()).unwrap_or("")
    }

    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        sentence_index(self.sentences, pos)
    }

    /// The mention that ends right before byte `pos` (only spaces between).
    pub fn mention_ending_at(&self, pos: usize) -> Option<&'a Mention> {
        self.mentions
            .iter()
            .rev()
            .find(|m| {
                m.span.end <= pos
                    && self
                        .text
                        .get(m.span.end..pos)
                        .is_some_and(|g| g.len() <= 4 && g.trim().is_empty())
            })
            .copied()
    }

    /// The mention covering byte `pos`.
    pub fn mention_at(&self, pos: usize) -> Option<&'a Mention> {
        self.mentions
            .iter()
            .find(|m| m.span.start <= pos && pos < m.span.end)
            .copied()
    }

    /// The entity a pronoun or role at byte `pos` refers to: the nearest earlier person that
    /// was the subject of a ने-phrase or of a speech verb, else the nearest earlier person,
    /// else (when `orgs`) the nearest earlier organisation; within the last few sentences.
    pub fn resolve(&self, pos: usize, orgs: bool) -> Option<&'a Mention> {
        self.resolve_where(pos, orgs, |_| true)
    }

    /// [`Ctx::resolve`] among the mentions `fits` accepts (`she` never stands for a man).
    pub fn resolve_where(
        &self,
        pos: usize,
        orgs: bool,
        fits: impl Fn(&Mention) -> bool,
    ) -> Option<&'a Mention> {
        let s = self.sentence_of(pos).unwrap_or(0);
        let first = s.saturating_sub(4);
        let fits = &fits;
        let earlier = || {
            self.mentions
                .iter()
                .rev()
                .filter(move |m| m.span.end <= pos && m.sentence >= first && fits(m))
        };
        let subject = earlier().find(|m| {
            m.kind == EntityKind::Person && {
                let rest = self.text.get(m.span.end..).unwrap_or("").trim_start();
                rest.starts_with("ने") || self.next_word_is_say(m.span.end)
            }
        });
        subject
            .or_else(|| earlier().find(|m| m.kind == EntityKind::Person))
            .or_else(|| {
                orgs.then(|| earlier().find(|m| m.kind == EntityKind::Organisation))
                    .flatten()
            })
            .copied()
    }

    pub(crate) fn next_word_is_say(&self, pos: usize) -> bool {
        let i = self.toks.partition_point(|t| t.start < pos);
        matches!(self.key(i), "said" | "says" | "told" | "added")
    }

    /// The date of a fact at byte `pos` of sentence `s`, outside `skip` (a quoted span): the
    /// nearest date before it in the sentence, else the first after it, else the last date of
    /// an earlier sentence of the same paragraph.
    pub fn date_for(&self, s: usize, pos: usize, skip: Option<Span>) -> Option<NaiveDate> {
        let outside = |d: &&DateMention| skip.is_none_or(|k| !k.overlaps(&d.span));
        let here: Vec<&DateMention> = self
            .dates
            .iter()
            .filter(|d| d.sentence == s)
            .filter(outside)
            .collect();
        // before the fact: the finest date, the nearest among equals (`शनिवार को, … पिछले
        // सप्ताह हुई अशांति … फोन किया` is Saturday's call)
        let rank = |g: Granularity| match g {
            Granularity::Day => 0,
            Granularity::Week => 1,
            Granularity::Month => 2,
            Granularity::Year => 3,
        };
        if let Some(d) = here
            .iter()
            .enumerate()
            .filter(|(_, d)| d.span.end <= pos)
            .min_by_key(|(i, d)| (rank(d.granularity), std::cmp::Reverse(*i)))
        {
            return Some(d.1.date);
        }
        if let Some(d) = here.first() {
            return Some(d.date);
        }
        // else the paragraph's last dated sentence before this one, its finest date
        let p = *self.para.get(s)?;
        let last = self
            .dates
            .iter()
            .rev()
            .find(|d| d.sentence < s && self.para.get(d.sentence) == Some(&p))?
            .sentence;
        self.dates
            .iter()
            .enumerate()
            .filter(|(_, d)| d.sentence == last)
            .min_by_key(|(i, d)| (rank(d.granularity), std::cmp::Reverse(*i)))
            .map(|(_, d)| d.date)
    }
}

/// The folded word that starts at or after byte `pos`.
pub(crate) fn next_key<'a>(cx: &'a Ctx, pos: usize) -> &'a str {
    let i = cx.toks.partition_point(|t| t.start < pos);
    cx.key(i)
}

/// The folded word that ends at or before byte `pos`.
pub(crate) fn prev_key<'a>(cx: &'a Ctx, pos: usize) -> &'a str {
    let i = cx.toks.partition_point(|t| t.end <= pos);
    if i == 0 {
        ""
    } else {
        cx.key(i - 1)
    }
}

/// Per sentence: are most of its first words Devanagari?
fn sent_toks_hindi(
    text: &str,
    toks: &[Tok],
    ranges: &[(usize, usize)],
    default: bool,
) -> Vec<bool> {
    use khabar_text::script::{script_of, Script};
    ranges
        .iter()
        .map(|&(a, b)| {
            let (mut dev, mut lat) = (0, 0);
            for t in toks[a..b].iter().filter(|t| !t.number).take(8) {
                match text
                    .get(t.start..t.end)
                    .and_then(|w| w.chars().next())
                    .and_then(script_of)
                {
                    Some(Script::Devanagari) => dev += 1,
                    Some(Script::Latin) => lat += 1,
                    _ => {}
                }
            }
            if dev == lat {
                default
            } else {
                dev > lat
            }
        })
        .collect()
}

fn memchr_like(b: &[u8], c: u8) -> bool {
    b.contains(&c)
}

pub(crate) fn sentence_index(sentences: &[Sentence], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= pos);
    (i < sentences.len() && sentences[i].span.start <= pos).then_some(i)
}
