use crate::{ArticleId, EntityId, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Items at or above this [confidence](Mention::confidence) are shown and compared by default;
/// the rest are shown on request only.
pub const CONFIDENT: f32 = 0.6;

/// The confidence of items stored before confidences were recorded: they were shown as sure.
fn sure() -> f32 {
    1.0
}

/// The kinds of entity khabar links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
    Other,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "nep" => Some(EntityKind::Person),
            "place" | "loc" | "location" | "gpe" | "nel" => Some(EntityKind::Place),
            "organisation" | "organization" | "org" | "neo" => Some(EntityKind::Organisation),
            "other" | "misc" => Some(EntityKind::Other),
            _ => None,
        }
    }
}

/// A sentence of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MentionRelation {
    /// The mention names the entity (`पुतिन`, `कज़ाख़स्तान`).
    #[default]
    Names,
    /// A demonym or adjective related to a place (`रूसी`, `Russian`): not the place itself.
    RelatedTo,
}

/// A span of text that names an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub sentence: usize,
    pub text: String,
    pub kind: EntityKind,
    /// The linked entity, when linking found or formed one.
    pub entity: Option<EntityId>,
    #[serde(default)]
    pub relation: MentionRelation,
    /// How sure the analysis is of the link, 0 to 1 (see [`CONFIDENT`]): a clear
    /// knowledge-base match in the article's context is near 1, a guess from a single word near
    /// 0.5.
    #[serde(default = "sure")]
    pub confidence: f32,
}

/// An entity as one article knows it: a knowledge-base entry, or a new entity formed from
/// names that the knowledge base does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    pub id: EntityId,
    pub kind: EntityKind,
    /// Canonical English name (from the knowledge base, or a transliteration for new entities).
    pub name: String,
    /// Canonical Hindi name, when known.
    pub name_hi: Option<String>,
    /// True when the entity is a knowledge-base entry.
    pub in_kb: bool,
    /// The cross-script name key used to join mentions of new entities across articles.
    pub key: String,
    /// The highest [`Mention::confidence`] of the article's mentions of the entity.
    #[serde(default = "sure")]
    pub confidence: f32,
}

/// What a number counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Arrested,
    Killed,
    Injured,
    Missing,
    Evacuated,
    Protesters,
    Troops,
    Money,
    Percent,
    Duration,
    Age,
    /// Anything else: the counted noun is in [`Quantity::what`].
    Count,
}

/// A number attached to what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    pub sentence: usize,
    pub text: String,
    /// The value; `None` for vague amounts (`सैकड़ों`, `dozens`).
    pub value: Option<f64>,
    pub approximate: bool,
    pub vague: bool,
    pub kind: QuantityKind,
    /// Unit when the number measures (`weeks`, `years`, `INR`, `percent`).
    pub unit: Option<String>,
    /// The counted noun as written (`लोग`, `सुरक्षाकर्मी`, `people`).
    pub what: Option<String>,
    /// How sure the analysis is that the number counts what [`Quantity::kind`] says, 0 to 1.
    #[serde(default = "sure")]
    pub confidence: f32,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    #[default]
    Day,
    Week,
    Month,
    Year,
}

impl Granularity {
    /// `date` (the first day of its week, month or year) written as precisely as it is known:
    /// `2018-04-09`, `2018-W15` (ISO week), `2018-03`, `2017`. A year is never shown as its
    /// first of January.
    pub fn show(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Granularity::Day => date.format("%Y-%m-%d").to_string(),
            Granularity::Week => {
                let w = date.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Granularity::Month => date.format("%Y-%m").to_string(),
            Granularity::Year => date.format("%Y").to_string(),
        }
    }
}

/// A date expression resolved to the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    pub sentence: usize,
    pub text: String,
    /// The resolved day (the first day of the week, month or year for coarser granularity).
    pub date: NaiveDate,
    pub granularity: Granularity,
    /// How it was resolved: `absolute`, `weekday`, `relative`, `anaphoric`, `publication`.
    pub resolution: String,
}

/// Direct or reported speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub sentence: usize,
    /// The quoted words.
    pub span: Span,
    pub text: String,
    pub direct: bool,
    /// The speaking verb or phrase (`कहा`, `according to`).
    pub cue: String,
    pub cue_span: Span,
    pub speaker: Option<EntityId>,
    /// The speaker as written (may be a pronoun or a role resolved to `speaker`).
    pub speaker_text: Option<String>,
    pub speaker_span: Option<Span>,
    pub date: Option<NaiveDate>,
    /// A source that is not named (`जानकारी के मुताबिक`, `मीडिया रिपोर्ट्स`, `sources`), as
    /// written; such a source is never a speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unnamed_source: Option<String>,
    /// How sure the analysis is that these are someone's words and that the speaker is right,
    /// 0 to 1.
    #[serde(default = "sure")]
    pub confidence: f32,
}

/// Something that happened, in a PLOVER-like ontology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `protest`, `assault`, `arrest`, `kill`, `deploy`, `consult`, `statement`, `accuse`,
    /// `condemn`, `praise`, `deny`, `emergency`, `resign`, `cooperate`, `disaster`, …
    pub kind: String,
    pub sentence: usize,
    pub trigger: Span,
    pub trigger_text: String,
    pub actor: Option<EntityId>,
    pub target: Option<EntityId>,
    pub place: Option<EntityId>,
    pub date: Option<NaiveDate>,
    /// Index into [`Analysis::quantities`] of the count this event carries.
    pub quantity: Option<usize>,
    /// How sure the analysis is of the event and its actor, 0 to 1.
    #[serde(default = "sure")]
    pub confidence: f32,
}

/// Everything `analyze` reads out of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub article: ArticleId,
    pub language: String,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<EntityRef>,
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
}

impl Analysis {
    /// An analysis with nothing found yet.
    pub fn empty(article: ArticleId, language: &str) -> Self {
        Analysis {
            article,
            language: language.to_string(),
            sentences: Vec::new(),
            entities: Vec::new(),
            mentions: Vec::new(),
            quantities: Vec::new(),
            dates: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The sentence that contains byte `pos`, by binary search.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::Granularity;

    #[test]
    fn dates_are_shown_as_precisely_as_known() {
        let d = chrono::NaiveDate::from_ymd_opt(2018, 4, 9).expect("a date");
        assert_eq!(Granularity::Day.show(d), "2018-04-09");
        assert_eq!(Granularity::Week.show(d), "2018-W15");
        assert_eq!(Granularity::Month.show(d), "2018-04");
        assert_eq!(Granularity::Year.show(d), "2018");
        // the ISO week of a day early in January can belong to the year before
        let jan1 = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("a date");
        assert_eq!(Granularity::Week.show(jan1), "2020-W53");
    }

    use super::*;

    #[test]
    fn sentence_lookup() {
        let mut a = Analysis::empty(ArticleId::from("a1"), "hi");
        a.sentences = vec![
            Sentence {
                span: Span::new(0, 10),
            },
            Sentence {
                span: Span::new(11, 20),
            },
        ];
        assert_eq!(a.sentence_at(0), Some(0));
        assert_eq!(a.sentence_at(9), Some(0));
        assert_eq!(a.sentence_at(10), None);
        assert_eq!(a.sentence_at(15), Some(1));
        assert_eq!(a.sentence_at(25), None);
    }

    #[test]
    fn old_json_without_confidences_reads_as_sure() {
        let m: Mention = serde_json::from_str(
            r#"{"span":{"start":0,"end":3},"sentence":0,"text":"abc","kind":"person","entity":null}"#,
        )
        .unwrap();
        assert_eq!(m.confidence, 1.0);
        let q: Quote = serde_json::from_str(
            r#"{"sentence":0,"span":{"start":0,"end":3},"text":"abc","direct":true,"cue":"said","cue_span":{"start":4,"end":8},"speaker":null,"speaker_text":null,"speaker_span":null,"date":null}"#,
        )
        .unwrap();
        assert_eq!((q.confidence, q.unnamed_source), (1.0, None));
    }

    #[test]
    fn kinds_parse_common_tag_names() {
        assert_eq!(EntityKind::parse("NEP"), Some(EntityKind::Person));
        assert_eq!(
            EntityKind::parse("organization"),
            Some(EntityKind::Organisation)
        );
        assert_eq!(EntityKind::parse("GPE"), Some(EntityKind::Place));
        assert_eq!(EntityKind::parse("NEN"), None);
    }
}
