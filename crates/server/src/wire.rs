//! The one JSON shape of each thing khabar writes: the JSON API, the CLI's `--json` and the
//! exports all serialise these types (docs/output.md describes them; the OpenAPI document is
//! generated from them).
//!
//! - Counts are `*_count` (`article_count`); a field named for things (`articles`, `entities`) is
//!   always a list of objects.
//! - Times are RFC 3339 with their offset (`2022-01-10T21:03:00+05:30`); beside each one a
//!   `*_date_only` flag says when only the day is known (the time is then midnight UTC of that
//!   day). A source time without a zone is read as UTC.
//! - Spans are [`TextSpan`]s: `start`/`end` count Unicode characters (code points) of the article's
//!   clean `text`, so `text[start:end]` in Python is the item; `byte_start`/`byte_end` are the same
//!   range in UTF-8 bytes.

use crate::snapshot::{ArticleMeta, EntityInfo, Snapshot};
use chrono::{NaiveDate, SecondsFormat, TimeZone, Utc};
use khabar_model::{Analysis, ArticleId, Document, EntityKind, PubTime, Span, Story, StoryId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// Byte offsets → character offsets of one text.
pub struct Offsets {
    /// The byte offset where each character starts, ascending.
    starts: Vec<usize>,
    len: usize,
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        Offsets {
            starts: text.char_indices().map(|(i, _)| i).collect(),
            len: text.len(),
        }
    }

    /// The character offset of byte offset `b` (a byte inside a character counts as that
    /// character; past the end, the number of characters).
    pub fn char_at(&self, b: usize) -> usize {
        if b >= self.len {
            return self.starts.len();
        }
        self.starts.partition_point(|&s| s <= b).saturating_sub(1)
    }

    /// Exclusive end: a byte inside a character counts as the end of that character.
    fn char_end(&self, b: usize) -> usize {
        if b >= self.len {
            return self.starts.len();
        }
        self.starts.partition_point(|&s| s < b)
    }

    pub fn span(&self, s: Span) -> TextSpan {
        TextSpan {
            start: self.char_at(s.start),
            end: self.char_end(s.end).max(self.char_at(s.start)),
            byte_start: s.start,
            byte_end: s.end,
        }
    }
}

/// A half-open range of an article's clean `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TextSpan {
    /// First character (Unicode code point), from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `start` in UTF-8 bytes.
    pub byte_start: usize,
    /// `end` in UTF-8 bytes.
    pub byte_end: usize,
}

/// RFC 3339 with offset: the source's own offset when it gave one, UTC (`+00:00`) for a
/// zone-less time, midnight UTC for a bare date.
pub fn rfc3339(t: &PubTime) -> String {
    match t {
        PubTime::Zoned(dt) => dt.to_rfc3339_opts(SecondsFormat::AutoSi, false),
        PubTime::Local(dt) => Utc
            .from_utc_datetime(dt)
            .to_rfc3339_opts(SecondsFormat::AutoSi, false),
        PubTime::Date(d) => date_time(*d),
    }
}

/// Milliseconds since 1970-01-01 UTC of the instant [`rfc3339`] writes.
pub fn millis(t: &PubTime) -> i64 {
    match t {
        PubTime::Date(d) => d
            .and_hms_opt(0, 0, 0)
            .map(|dt| dt.and_utc().timestamp_millis())
            .unwrap_or(0),
        other => other.approx_utc().timestamp_millis(),
    }
}

fn date_time(d: NaiveDate) -> String {
    format!("{}T00:00:00+00:00", d.format("%Y-%m-%d"))
}

/// True when only the day of `t` is known.
pub fn date_only(t: &Option<PubTime>) -> bool {
    matches!(t, Some(PubTime::Date(_)))
}

pub fn time(t: &Option<PubTime>) -> Option<String> {
    t.as_ref().map(rfc3339)
}

/// An article as lists show it (no text).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// ISO 639-1 code (`hi`, `en`, …).
    pub language: Option<String>,
    /// Publication time, RFC 3339 with offset.
    #[schema(format = DateTime)]
    pub published: Option<String>,
    /// True when only the day of `published` is known.
    pub published_date_only: bool,
    pub url: Option<String>,
    /// The story that holds the article.
    pub story: Option<String>,
}

impl ArticleSummary {
    pub fn of(m: &ArticleMeta) -> ArticleSummary {
        ArticleSummary {
            id: m.id.0.clone(),
            title: m.title.clone(),
            outlet: m.outlet.clone(),
            language: m.language.clone(),
            published: time(&m.published),
            published_date_only: date_only(&m.published),
            url: m.url.clone(),
            story: m.story.as_ref().map(|s| s.0.clone()),
        }
    }

    pub fn of_doc(d: &Document, story: Option<&StoryId>) -> ArticleSummary {
        ArticleSummary {
            id: d.id.0.clone(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            language: d.language.clone(),
            published: time(&d.published),
            published_date_only: date_only(&d.published),
            url: d.url.clone(),
            story: story.map(|s| s.0.clone()),
        }
    }
}

/// Where an article says it was filed from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DatelineJson {
    pub place: Option<String>,
    pub agency: Option<String>,
    pub span: Option<TextSpan>,
}

/// A line the cleanup removed, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DroppedJson {
    pub text: String,
    /// `boilerplate`, `metadata`, `title`, `caption`, `navigation` or `duplicate`.
    pub reason: String,
}

/// One article whole (`GET /api/articles/{id}`, the articles export, `khabar run --json`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleJson {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    #[schema(format = DateTime)]
    pub published: Option<String>,
    pub published_date_only: bool,
    /// Last update, when the page gives one.
    #[schema(format = DateTime)]
    pub updated: Option<String>,
    pub updated_date_only: bool,
    pub language: Option<String>,
    pub dateline: Option<DatelineJson>,
    /// The clean body: paragraphs separated by one blank line. Every span points into it.
    pub text: String,
    pub paragraphs: Vec<TextSpan>,
    pub captions: Vec<String>,
    pub dropped: Vec<DroppedJson>,
    /// 16 hex digits: equal fingerprints, same text.
    pub fingerprint: String,
    /// The story that holds the article.
    pub story: Option<String>,
}

fn to_string<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

impl ArticleJson {
    pub fn of(d: &Document, story: Option<&StoryId>) -> ArticleJson {
        let o = Offsets::new(&d.text);
        ArticleJson {
            id: d.id.0.clone(),
            url: d.url.clone(),
            outlet: d.outlet.clone(),
            title: d.title.clone(),
            authors: d.authors.clone(),
            published: time(&d.published),
            published_date_only: date_only(&d.published),
            updated: time(&d.updated),
            updated_date_only: date_only(&d.updated),
            language: d.language.clone(),
            dateline: d.dateline.as_ref().map(|dl| DatelineJson {
                place: dl.place.clone(),
                agency: dl.agency.clone(),
                span: dl.span.map(|s| o.span(s)),
            }),
            text: d.text.clone(),
            paragraphs: d.paragraphs.iter().map(|&s| o.span(s)).collect(),
            captions: d.captions.clone(),
            dropped: d
                .dropped
                .iter()
                .map(|l| DroppedJson {
                    text: l.text.clone(),
                    reason: to_string(&l.reason),
                })
                .collect(),
            fingerprint: d.fingerprint.clone(),
            story: story.map(|s| s.0.clone()),
        }
    }
}

/// An entity as one article links it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntityJson {
    pub id: String,
    pub kind: EntityKindJson,
    pub name: String,
    pub name_hi: Option<String>,
    /// A knowledge-base entry (else an entity formed from the article's names).
    pub in_kb: bool,
    /// The cross-script name key that joins mentions of new entities across articles.
    pub key: String,
    pub confidence: f32,
}

/// The kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKindJson {
    Person,
    Place,
    Organisation,
    Other,
}

impl From<EntityKind> for EntityKindJson {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Person => EntityKindJson::Person,
            EntityKind::Place => EntityKindJson::Place,
            EntityKind::Organisation => EntityKindJson::Organisation,
            EntityKind::Other => EntityKindJson::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MentionJson {
    pub span: TextSpan,
    /// Index into `sentences`.
    pub sentence: usize,
    pub text: String,
    pub kind: EntityKindJson,
    pub entity: Option<String>,
    /// `names` (the mention names the entity) or `related_to` (a demonym: `रूसी`, `Russian`).
    pub relation: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuantityJson {
    pub span: TextSpan,
    pub sentence: usize,
    pub text: String,
    /// None for vague amounts (`सैकड़ों`, `dozens`).
    pub value: Option<f64>,
    pub approximate: bool,
    pub vague: bool,
    /// `arrested`, `killed`, `injured`, `missing`, `evacuated`, `protesters`, `troops`, `money`,
    /// `percent`, `duration`, `age` or `count`.
    pub kind: String,
    pub unit: Option<String>,
    /// The counted noun as written.
    pub what: Option<String>,
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DateJson {
    pub span: TextSpan,
    pub sentence: usize,
    pub text: String,
    /// The resolved day (the first of the week, month or year for coarser ones).
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// `day`, `week`, `month` or `year`.
    pub granularity: String,
    /// `absolute`, `weekday`, `relative`, `anaphoric` or `publication`.
    pub resolution: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuoteJson {
    pub sentence: usize,
    /// The quoted words.
    pub span: TextSpan,
    pub text: String,
    pub direct: bool,
    pub cue: String,
    pub cue_span: TextSpan,
    /// The speaker's entity id.
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_span: Option<TextSpan>,
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    /// A source that names nobody, as written.
    pub unnamed_source: Option<String>,
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EventJson {
    pub kind: String,
    pub sentence: usize,
    pub trigger: TextSpan,
    pub trigger_text: String,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub place: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    /// Index into `quantities` of the count the event carries.
    pub quantity: Option<usize>,
    pub confidence: f32,
}

/// What the analysis read out of one article; every span into the article's `text`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AnalysisJson {
    pub article: String,
    pub language: String,
    pub sentences: Vec<TextSpan>,
    pub entities: Vec<EntityJson>,
    pub mentions: Vec<MentionJson>,
    pub quantities: Vec<QuantityJson>,
    pub dates: Vec<DateJson>,
    pub quotes: Vec<QuoteJson>,
    pub events: Vec<EventJson>,
}

fn id<T: std::fmt::Display>(x: &Option<T>) -> Option<String> {
    x.as_ref().map(|x| x.to_string())
}

impl AnalysisJson {
    pub fn of(a: &Analysis, text: &str) -> AnalysisJson {
        let o = Offsets::new(text);
        AnalysisJson {
            article: a.article.0.clone(),
            language: a.language.clone(),
            sentences: a.sentences.iter().map(|s| o.span(s.span)).collect(),
            entities: a
                .entities
                .iter()
                .map(|e| EntityJson {
                    id: e.id.0.clone(),
                    kind: e.kind.into(),
                    name: e.name.clone(),
                    name_hi: e.name_hi.clone(),
                    in_kb: e.in_kb,
                    key: e.key.clone(),
                    confidence: e.confidence,
                })
                .collect(),
            mentions: a
                .mentions
                .iter()
                .map(|m| MentionJson {
                    span: o.span(m.span),
                    sentence: m.sentence,
                    text: m.text.clone(),
                    kind: m.kind.into(),
                    entity: id(&m.entity),
                    relation: to_string(&m.relation),
                    confidence: m.confidence,
                })
                .collect(),
            quantities: a
                .quantities
                .iter()
                .map(|q| QuantityJson {
                    span: o.span(q.span),
                    sentence: q.sentence,
                    text: q.text.clone(),
                    value: q.value,
                    approximate: q.approximate,
                    vague: q.vague,
                    kind: to_string(&q.kind),
                    unit: q.unit.clone(),
                    what: q.what.clone(),
                    confidence: q.confidence,
                })
                .collect(),
            dates: a
                .dates
                .iter()
                .map(|d| DateJson {
                    span: o.span(d.span),
                    sentence: d.sentence,
                    text: d.text.clone(),
                    date: d.date,
                    granularity: to_string(&d.granularity),
                    resolution: d.resolution.clone(),
                })
                .collect(),
            quotes: a
                .quotes
                .iter()
                .map(|q| QuoteJson {
                    sentence: q.sentence,
                    span: o.span(q.span),
                    text: q.text.clone(),
                    direct: q.direct,
                    cue: q.cue.clone(),
                    cue_span: o.span(q.cue_span),
                    speaker: id(&q.speaker),
                    speaker_text: q.speaker_text.clone(),
                    speaker_span: q.speaker_span.map(|s| o.span(s)),
                    date: q.date,
                    unnamed_source: q.unnamed_source.clone(),
                    confidence: q.confidence,
                })
                .collect(),
            events: a
                .events
                .iter()
                .map(|e| EventJson {
                    kind: e.kind.clone(),
                    sentence: e.sentence,
                    trigger: o.span(e.trigger),
                    trigger_text: e.trigger_text.clone(),
                    actor: id(&e.actor),
                    target: id(&e.target),
                    place: id(&e.place),
                    date: e.date,
                    quantity: e.quantity,
                    confidence: e.confidence,
                })
                .collect(),
        }
    }
}

/// An entity named on a story (a summary keeps the five most salient).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StoryEntityJson {
    pub id: String,
    pub name: String,
    pub kind: EntityKindJson,
    pub mention_count: usize,
    pub article_count: usize,
    pub salience: f32,
}

/// A story as lists show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StorySummary {
    pub id: String,
    pub title: String,
    pub article_count: usize,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    #[schema(format = DateTime)]
    pub first_published: Option<String>,
    pub first_published_date_only: bool,
    #[schema(format = DateTime)]
    pub last_published: Option<String>,
    pub last_published_date_only: bool,
    /// The most salient entities, at most five.
    pub entities: Vec<StoryEntityJson>,
}

fn story_entities(s: &Story, n: usize) -> Vec<StoryEntityJson> {
    s.entities
        .iter()
        .take(n)
        .map(|e| StoryEntityJson {
            id: e.id.0.clone(),
            name: e.name.clone(),
            kind: e.kind.into(),
            mention_count: e.mentions,
            article_count: e.articles,
            salience: e.salience,
        })
        .collect()
}

impl StorySummary {
    pub fn of(s: &Story) -> StorySummary {
        StorySummary {
            id: s.id.0.clone(),
            title: s.title.clone(),
            article_count: s.articles.len(),
            outlets: s.outlets.clone(),
            languages: s.languages.clone(),
            first_published: time(&s.first_published),
            first_published_date_only: date_only(&s.first_published),
            last_published: time(&s.last_published),
            last_published_date_only: date_only(&s.last_published),
            entities: story_entities(s, 5),
        }
    }
}

/// Where a fact of a story came from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SourceJson {
    pub article: String,
    pub sentence: usize,
    /// Into that article's `text`.
    pub span: TextSpan,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimelineEntryJson {
    /// The day, or the first day of the week, month or year the sources name (see `granularity`).
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// How precisely the sources date it: `day`, `week`, `month` or `year`.
    #[serde(default)]
    #[schema(value_type = String)]
    pub granularity: khabar_model::Granularity,
    pub text: String,
    pub kind: Option<String>,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClaimJson {
    pub outlet: String,
    pub value: String,
    pub source: SourceJson,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComparedFactJson {
    pub topic: String,
    pub claims: Vec<ClaimJson>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ComparisonJson {
    pub agree: Vec<ComparedFactJson>,
    pub conflict: Vec<ComparedFactJson>,
    pub only_in: Vec<ComparedFactJson>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CopyGroupJson {
    /// The earliest copy's article id.
    pub original: String,
    /// The other copies' article ids.
    pub copies: Vec<String>,
    pub agency: Option<String>,
}

/// Articles per day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayCount {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub article_count: usize,
}

pub fn days(per_day: BTreeMap<NaiveDate, usize>) -> Vec<DayCount> {
    per_day
        .into_iter()
        .map(|(date, article_count)| DayCount {
            date,
            article_count,
        })
        .collect()
}

/// One story whole (`GET /api/stories/{id}`, the stories export, `khabar story --json`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StoryJson {
    pub id: String,
    pub title: String,
    pub article_count: usize,
    /// Its articles, oldest first.
    pub articles: Vec<ArticleSummary>,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    #[schema(format = DateTime)]
    pub first_published: Option<String>,
    pub first_published_date_only: bool,
    #[schema(format = DateTime)]
    pub last_published: Option<String>,
    pub last_published_date_only: bool,
    /// Why the articles are together: the words they share that weigh most.
    pub shared_terms: Vec<String>,
    /// Entities by salience.
    pub entities: Vec<StoryEntityJson>,
    pub copies: Vec<CopyGroupJson>,
    pub timeline: Vec<TimelineEntryJson>,
    pub comparison: ComparisonJson,
    pub per_day: Vec<DayCount>,
}

impl StoryJson {
    /// `articles`: the story's articles as lists show them (in story order); `offsets`: the
    /// character offsets of each article's text (sources in an article not given keep their
    /// byte offsets as characters: never the case for a story read whole from its store).
    pub fn of(
        s: &Story,
        articles: Vec<ArticleSummary>,
        per_day: Vec<DayCount>,
        offsets: &HashMap<ArticleId, Offsets>,
    ) -> StoryJson {
        let source = |p: &khabar_model::Provenance| SourceJson {
            article: p.article.0.clone(),
            sentence: p.sentence,
            span: match offsets.get(&p.article) {
                Some(o) => o.span(p.span),
                None => TextSpan {
                    start: p.span.start,
                    end: p.span.end,
                    byte_start: p.span.start,
                    byte_end: p.span.end,
                },
            },
        };
        let facts = |v: &[khabar_model::ComparedFact]| -> Vec<ComparedFactJson> {
            v.iter()
                .map(|f| ComparedFactJson {
                    topic: f.topic.clone(),
                    claims: f
                        .claims
                        .iter()
                        .map(|c| ClaimJson {
                            outlet: c.outlet.clone(),
                            value: c.value.clone(),
                            source: source(&c.source),
                        })
                        .collect(),
                })
                .collect()
        };
        StoryJson {
            id: s.id.0.clone(),
            title: s.title.clone(),
            article_count: s.articles.len(),
            articles,
            outlets: s.outlets.clone(),
            languages: s.languages.clone(),
            first_published: time(&s.first_published),
            first_published_date_only: date_only(&s.first_published),
            last_published: time(&s.last_published),
            last_published_date_only: date_only(&s.last_published),
            shared_terms: s.shared_terms.clone(),
            entities: story_entities(s, usize::MAX),
            copies: s
                .copies
                .iter()
                .map(|c| CopyGroupJson {
                    original: c.original.0.clone(),
                    copies: c.copies.iter().map(|a| a.0.clone()).collect(),
                    agency: c.agency.clone(),
                })
                .collect(),
            timeline: s
                .timeline
                .iter()
                .map(|t| TimelineEntryJson {
                    date: t.date,
                    granularity: t.granularity,
                    text: t.text.clone(),
                    kind: t.kind.clone(),
                    sources: t.sources.iter().map(source).collect(),
                })
                .collect(),
            comparison: ComparisonJson {
                agree: facts(&s.comparison.agree),
                conflict: facts(&s.comparison.conflict),
                only_in: facts(&s.comparison.only_in),
            },
            per_day,
        }
    }

    /// The story read whole from a store: its articles' metadata and texts (for the character
    /// offsets of its sources).
    pub fn from_store(
        store: &dyn khabar_store::Store,
        s: &Story,
    ) -> Result<StoryJson, khabar_store::StoreError> {
        let mut articles = Vec::with_capacity(s.articles.len());
        let mut offsets = HashMap::new();
        let mut metas = Vec::with_capacity(s.articles.len());
        for a in &s.articles {
            if let Some(d) = store.article(a)? {
                articles.push(ArticleSummary::of_doc(&d, Some(&s.id)));
                offsets.insert(a.clone(), Offsets::new(&d.text));
                metas.push(ArticleMeta {
                    id: d.id.clone(),
                    title: None,
                    outlet: None,
                    language: None,
                    published: d.published,
                    url: None,
                    story: None,
                });
            }
        }
        let per_day = days(crate::snapshot::per_day(metas.iter()));
        Ok(StoryJson::of(s, articles, per_day, &offsets))
    }
}

/// An entity across the store.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    pub name_hi: Option<String>,
    pub kind: EntityKindJson,
    pub in_kb: bool,
    pub key: String,
    pub mention_count: usize,
    pub article_count: usize,
    pub story_count: usize,
}

impl EntitySummary {
    pub fn of(e: &EntityInfo) -> EntitySummary {
        EntitySummary {
            id: e.entity.id.0.clone(),
            name: e.entity.name.clone(),
            name_hi: e.entity.name_hi.clone(),
            kind: e.entity.kind.into(),
            in_kb: e.entity.in_kb,
            key: e.entity.key.clone(),
            mention_count: e.mentions,
            article_count: e.articles.len(),
            story_count: e.stories.len(),
        }
    }
}

/// One entity with its stories and its articles per day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntityDetail {
    #[serde(flatten)]
    pub entity: EntitySummary,
    /// The stories that hold its articles (its articles: `GET /api/articles?entity=ID`).
    pub stories: Vec<StorySummary>,
    pub per_day: Vec<DayCount>,
}

impl EntityDetail {
    pub fn of(e: &EntityInfo, snap: &Snapshot) -> EntityDetail {
        let metas: Vec<&ArticleMeta> = e
            .articles
            .iter()
            .filter_map(|a| snap.article(a.as_str()))
            .collect();
        EntityDetail {
            entity: EntitySummary::of(e),
            stories: e
                .stories
                .iter()
                .filter_map(|s| snap.story(s.as_str()))
                .map(|s| StorySummary::of(s))
                .collect(),
            per_day: days(crate::snapshot::per_day(metas.into_iter())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn times_carry_their_offset_and_say_when_only_a_day_is_known() {
        let t = |s: &str| PubTime::parse(s).unwrap();
        assert_eq!(
            rfc3339(&t("2022-01-10T21:03:00+05:30")),
            "2022-01-10T21:03:00+05:30"
        );
        assert_eq!(
            rfc3339(&t("2022-01-10T21:03:00")),
            "2022-01-10T21:03:00+00:00"
        );
        assert_eq!(rfc3339(&t("2022-01-10")), "2022-01-10T00:00:00+00:00");
        assert!(date_only(&Some(t("2022-01-10"))));
        assert!(!date_only(&Some(t("2022-01-10T21:03:00Z"))));
        assert!(!date_only(&None));
        // every form reads back as RFC 3339
        for s in [
            "2022-01-10T21:03:00+05:30",
            "2022-01-10T21:03:00",
            "2022-01-10",
        ] {
            assert!(chrono::DateTime::parse_from_rfc3339(&rfc3339(&t(s))).is_ok());
        }
    }

    #[test]
    fn hindi_spans_count_characters() {
        let text = "पुतिन ने कहा";
        let o = Offsets::new(text);
        let s = o.span(Span::new("पुतिन ".len(), "पुतिन ने".len()));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!((s.start, s.end), (6, 8));
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "ने");
        assert_eq!((s.byte_start, s.byte_end), (16, 22));
    }

    proptest! {
        /// For any text and any span on character boundaries, the characters `start..end` are
        /// the bytes `byte_start..byte_end`.
        #[test]
        fn char_and_byte_spans_agree(text in "\\PC{0,40}", a in 0usize..60, b in 0usize..60) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (a, b) = (a.min(b), a.max(b));
            let s = Offsets::new(&text).span(Span::new(a, b));
            let by_chars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            prop_assert_eq!(by_chars.as_str(), &text[a..b]);
        }
    }
}
