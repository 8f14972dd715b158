use crate::{ArticleId, EntityId, PubTime, Span, StoryId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a fact came from: the article, the sentence and the exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    pub article: ArticleId,
    pub sentence: usize,
    pub span: Span,
}

/// One entry of a story's timeline: something dated, with the articles that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The day, or the first day of the week, month or year the sources name.
    pub date: NaiveDate,
    /// How precisely the sources date it (`2017` is a year, not its first of January).
    #[serde(default)]
    pub granularity: crate::Granularity,
    /// A short statement of what happened on that date (the sentence, or the event summary).
    pub text: String,
    /// The event kind when an event was recognised.
    pub kind: Option<String>,
    pub sources: Vec<Provenance>,
}

/// A fact as the comparison across outlets sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedFact {
    /// What the fact is about, stable across outlets (`arrested`, `killed`, `Almaty is`, …).
    pub topic: String,
    /// The value or claim as each outlet gives it.
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub outlet: String,
    pub value: String,
    pub source: Provenance,
}

/// How the outlets reporting a story agree and differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Comparison {
    /// Facts that two or more outlets give with the same value.
    pub agree: Vec<ComparedFact>,
    /// Facts of one kind that outlets give with different values.
    pub conflict: Vec<ComparedFact>,
    /// Facts that only one outlet gives.
    pub only_in: Vec<ComparedFact>,
}

/// An entity of a story, with how central it is to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    pub id: EntityId,
    pub name: String,
    pub kind: crate::EntityKind,
    pub mentions: usize,
    pub articles: usize,
    pub salience: f32,
}

/// Articles that are copies of one report (the same wire text with small edits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The earliest copy, taken as the original.
    pub original: ArticleId,
    pub copies: Vec<ArticleId>,
    /// The agency credited, when one is.
    pub agency: Option<String>,
}

/// Many reports of one happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    /// Article ids, oldest first.
    pub articles: Vec<ArticleId>,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    pub first_published: Option<PubTime>,
    pub last_published: Option<PubTime>,
    /// Why the articles are together: the terms and names they share most.
    pub shared_terms: Vec<String>,
    #[serde(default)]
    pub entities: Vec<StoryEntity>,
    #[serde(default)]
    pub copies: Vec<CopyGroup>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub comparison: Comparison,
}
