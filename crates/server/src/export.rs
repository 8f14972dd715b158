//! `khabar export`: articles, stories, entities or facts as JSONL or CSV, streamed row by row
//! from the store (constant memory for articles and facts; entities are aggregated, so memory
//! grows with the number of distinct entities, not of articles). No caps.
//!
//! The articles JSONL holds each stored document as JSON (the fields of docs/output.md), which
//! `khabar ingest` reads back: the same ids, text and metadata.

use crate::wire;
use khabar_model::{Analysis, Document, EntityId, EntityRef, PubTime, Story, StoryId};
use khabar_store::{ArticleFilter, Store, StoreError};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::ControlFlow;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    Articles,
    Stories,
    Entities,
    Facts,
}

impl FromStr for ExportWhat {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "articles" => Ok(ExportWhat::Articles),
            "stories" => Ok(ExportWhat::Stories),
            "entities" => Ok(ExportWhat::Entities),
            "facts" => Ok(ExportWhat::Facts),
            other => Err(ExportError::BadArgument(format!(
                "cannot export {other:?}: use articles, stories, entities or facts"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

impl FromStr for ExportFormat {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(ExportError::BadArgument(format!(
                "unknown export format {other:?}: use jsonl or csv"
            ))),
        }
    }
}

/// Which rows to export. Times are dates or RFC 3339 times; `until` is exclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilters {
    pub since: Option<String>,
    pub until: Option<String>,
    pub story: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot serialise a row: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    BadArgument(String),
}

fn time_arg(name: &str, s: &Option<String>) -> Result<Option<i64>, ExportError> {
    let Some(s) = s.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let t = PubTime::parse(s).map_err(|_| {
        ExportError::BadArgument(format!("--{name} {s:?} is not a date or RFC 3339 time"))
    })?;
    Ok(Some(match t {
        PubTime::Date(d) => d
            .and_hms_opt(0, 0, 0)
            .map(|dt| dt.and_utc().timestamp())
            .unwrap_or(0),
        other => other.timestamp(),
    }))
}

impl ExportFilters {
    pub(crate) fn to_store(&self) -> Result<ArticleFilter, ExportError> {
        Ok(ArticleFilter {
            since_ts: time_arg("since", &self.since)?,
            until_ts: time_arg("until", &self.until)?,
            story: self
                .story
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}

/// One CSV field, quoted when it holds a comma, quote or line break.
///
/// A field that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, and is not a plain number such as `-5` or `+91`) gets a leading `'`, the
/// usual guard against CSV formula injection: article text comes from outside and exports are
/// opened in spreadsheets.
pub fn csv_field(s: &str) -> String {
    let guarded;
    let s = if looks_like_formula(s) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn looks_like_formula(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    let rest = s.trim_start_matches(['+', '-']);
    let numeric = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        && rest.chars().any(|c| c.is_ascii_digit())
        && matches!(first, '+' | '-');
    !numeric
}

fn csv_row(w: &mut dyn Write, fields: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

fn jsonl_row(w: &mut dyn Write, v: &impl Serialize) -> Result<(), ExportError> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")?;
    Ok(())
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// RFC 3339 with offset (docs/output.md), empty when unknown.
fn time(t: &Option<PubTime>) -> String {
    wire::time(t).unwrap_or_default()
}

fn to_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The columns of the articles CSV (`authors` joined with `; `).
pub const ARTICLE_COLUMNS: [&str; 10] = [
    "id",
    "url",
    "outlet",
    "title",
    "authors",
    "published",
    "published_date_only",
    "language",
    "story",
    "text",
];

/// The columns of the stories CSV (lists joined with `; `; `entities`: their names).
pub const STORY_COLUMNS: [&str; 10] = [
    "id",
    "title",
    "article_count",
    "outlets",
    "languages",
    "first_published",
    "first_published_date_only",
    "last_published",
    "last_published_date_only",
    "entities",
];

/// The columns of the entities CSV: the fields of [`wire::EntitySummary`].
pub const ENTITY_COLUMNS: [&str; 9] = [
    "id",
    "name",
    "name_hi",
    "kind",
    "in_kb",
    "key",
    "mention_count",
    "article_count",
    "story_count",
];

/// Streams `what` in `format` to `writer`; returns the number of rows written (header excluded).
pub fn export(
    store: &dyn Store,
    what: ExportWhat,
    format: ExportFormat,
    filters: &ExportFilters,
    writer: &mut dyn Write,
) -> Result<usize, ExportError> {
    let filter = filters.to_store()?;
    let mut rows = 0usize;
    let mut failed: Option<ExportError> = None;
    match what {
        ExportWhat::Articles => {
            if format == ExportFormat::Csv {
                csv_row(writer, &ARTICLE_COLUMNS.map(String::from))?;
            }
            store.for_each_article(&filter, &mut |doc, _| {
                let r = (|| -> Result<(), ExportError> {
                    let story = store.story_of(&doc.id)?;
                    match format {
                        ExportFormat::Jsonl => {
                            jsonl_row(writer, &wire::ArticleJson::of(&doc, story.as_ref()))?
                        }
                        ExportFormat::Csv => csv_row(
                            writer,
                            &[
                                doc.id.0.clone(),
                                opt(&doc.url),
                                opt(&doc.outlet),
                                opt(&doc.title),
                                doc.authors.join("; "),
                                time(&doc.published),
                                wire::date_only(&doc.published).to_string(),
                                opt(&doc.language),
                                story.map(|s| s.0).unwrap_or_default(),
                                doc.text.clone(),
                            ],
                        )?,
                    }
                    rows += 1;
                    Ok(())
                })();
                guard(r, &mut failed)
            })?;
        }
        ExportWhat::Facts => {
            if format == ExportFormat::Csv {
                csv_row(writer, &FACT_COLUMNS.map(String::from))?;
            }
            store.for_each_article(&filter, &mut |doc, analysis| {
                let r = (|| -> Result<(), ExportError> {
                    let Some(a) = analysis else { return Ok(()) };
                    for fact in facts(&doc, &a) {
                        match format {
                            ExportFormat::Jsonl => jsonl_row(writer, &fact)?,
                            ExportFormat::Csv => {
                                let cells: Vec<String> = FACT_COLUMNS
                                    .iter()
                                    .map(|c| match fact.get(*c) {
                                        Some(Value::String(s)) => s.clone(),
                                        Some(Value::Null) | None => String::new(),
                                        Some(v) => v.to_string(),
                                    })
                                    .collect();
                                csv_row(writer, &cells)?
                            }
                        }
                        rows += 1;
                    }
                    Ok(())
                })();
                guard(r, &mut failed)
            })?;
        }
        ExportWhat::Entities => {
            let ents = entity_rows(store, &filter)?;
            if format == ExportFormat::Csv {
                csv_row(writer, &ENTITY_COLUMNS.map(String::from))?;
            }
            for e in ents {
                match format {
                    ExportFormat::Jsonl => jsonl_row(writer, &e)?,
                    ExportFormat::Csv => csv_row(
                        writer,
                        &[
                            e.id,
                            e.name,
                            e.name_hi.unwrap_or_default(),
                            to_text(&e.kind),
                            e.in_kb.to_string(),
                            e.key,
                            e.mention_count.to_string(),
                            e.article_count.to_string(),
                            e.story_count.to_string(),
                        ],
                    )?,
                }
                rows += 1;
            }
        }
        ExportWhat::Stories => {
            if format == ExportFormat::Csv {
                csv_row(writer, &STORY_COLUMNS.map(String::from))?;
            }
            store.for_each_story(&mut |s: Story| {
                if !story_matches(&s, &filter) {
                    return ControlFlow::Continue(());
                }
                let r = (|| -> Result<(), ExportError> {
                    match format {
                        ExportFormat::Jsonl => {
                            jsonl_row(writer, &wire::StoryJson::from_store(store, &s)?)?
                        }
                        ExportFormat::Csv => csv_row(
                            writer,
                            &[
                                s.id.0.clone(),
                                s.title.clone(),
                                s.articles.len().to_string(),
                                s.outlets.join("; "),
                                s.languages.join("; "),
                                time(&s.first_published),
                                wire::date_only(&s.first_published).to_string(),
                                time(&s.last_published),
                                wire::date_only(&s.last_published).to_string(),
                                s.entities
                                    .iter()
                                    .map(|e| e.name.as_str())
                                    .collect::<Vec<_>>()
                                    .join("; "),
                            ],
                        )?,
                    }
                    rows += 1;
                    Ok(())
                })();
                guard(r, &mut failed)
            })?;
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    writer.flush()?;
    Ok(rows)
}

/// Every entity linked in the articles under `filter` (its Hindi name from any article that has
/// one), with its mentions, articles and the stories of those articles; most articles first.
pub(crate) fn entity_rows(
    store: &dyn Store,
    filter: &ArticleFilter,
) -> Result<Vec<wire::EntitySummary>, ExportError> {
    struct Acc {
        e: EntityRef,
        mentions: usize,
        articles: usize,
        stories: HashSet<StoryId>,
    }
    let mut ents: Vec<Acc> = Vec::new();
    let mut pos: HashMap<EntityId, usize> = HashMap::new();
    let mut failed: Option<ExportError> = None;
    store.for_each_article(filter, &mut |doc, analysis| {
        let Some(a) = analysis else {
            return ControlFlow::Continue(());
        };
        let story = match store.story_of(&doc.id) {
            Ok(s) => s,
            Err(e) => {
                failed = Some(e.into());
                return ControlFlow::Break(());
            }
        };
        let mut counts: HashMap<&EntityId, usize> = HashMap::new();
        for m in &a.mentions {
            if let Some(e) = &m.entity {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        for e in &a.entities {
            let i = *pos.entry(e.id.clone()).or_insert_with(|| {
                ents.push(Acc {
                    e: e.clone(),
                    mentions: 0,
                    articles: 0,
                    stories: HashSet::new(),
                });
                ents.len() - 1
            });
            let acc = &mut ents[i];
            acc.mentions += counts.get(&e.id).copied().unwrap_or(0);
            acc.articles += 1;
            if let Some(s) = &story {
                acc.stories.insert(s.clone());
            }
            if acc.e.name_hi.is_none() {
                acc.e.name_hi = e.name_hi.clone();
            }
        }
        ControlFlow::Continue(())
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    ents.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.e.id.cmp(&b.e.id)));
    Ok(ents
        .into_iter()
        .map(|a| wire::EntitySummary {
            id: a.e.id.0,
            name: a.e.name,
            name_hi: a.e.name_hi,
            kind: a.e.kind.into(),
            in_kb: a.e.in_kb,
            key: a.e.key,
            mention_count: a.mentions,
            article_count: a.articles,
            story_count: a.stories.len(),
        })
        .collect())
}

pub(crate) fn guard(
    r: Result<(), ExportError>,
    failed: &mut Option<ExportError>,
) -> ControlFlow<()> {
    match r {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            *failed = Some(e);
            ControlFlow::Break(())
        }
    }
}

pub(crate) fn story_matches(s: &Story, f: &ArticleFilter) -> bool {
    if let Some(id) = &f.story {
        if &s.id.0 != id {
            return false;
        }
    }
    if let Some(since) = f.since_ts {
        if s.last_published.is_none_or(|t| t.timestamp() < since) {
            return false;
        }
    }
    if let Some(until) = f.until_ts {
        if s.first_published.is_none_or(|t| t.timestamp() >= until) {
            return false;
        }
    }
    true
}

/// The columns of the facts export.
pub const FACT_COLUMNS: [&str; 21] = [
    "article",
    "outlet",
    "published",
    "published_date_only",
    "type",
    "kind",
    "text",
    "value",
    "unit",
    "what",
    "approximate",
    "date",
    "speaker",
    "speaker_text",
    "sentence",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "sentence_text",
    "confidence",
];

fn sentence_text(doc: &Document, a: &Analysis, i: usize) -> String {
    a.sentences
        .get(i)
        .and_then(|s| s.span.slice(&doc.text))
        .unwrap_or("")
        .to_string()
}

/// Every fact of one article as a flat JSON object with the [`FACT_COLUMNS`]: `start`/`end` in
/// characters of the article's text, `byte_start`/`byte_end` in its UTF-8 bytes.
pub fn facts(doc: &Document, a: &Analysis) -> Vec<Value> {
    let offsets = wire::Offsets::new(&doc.text);
    let base = |ty: &str, sentence: usize, span: khabar_model::Span| {
        let s = offsets.span(span);
        json!({
            "article": doc.id, "outlet": doc.outlet, "published": wire::time(&doc.published),
            "published_date_only": wire::date_only(&doc.published),
            "type": ty, "sentence": sentence, "start": s.start, "end": s.end,
            "byte_start": s.byte_start, "byte_end": s.byte_end,
            "sentence_text": sentence_text(doc, a, sentence),
        })
    };
    let mut out = Vec::new();
    let set = |v: &mut Value, k: &str, x: Value| {
        if let Some(o) = v.as_object_mut() {
            o.insert(k.to_string(), x);
        }
    };
    for q in &a.quantities {
        let mut v = base("quantity", q.sentence, q.span);
        set(
            &mut v,
            "kind",
            serde_json::to_value(&q.kind).unwrap_or(Value::Null),
        );
        set(&mut v, "text", json!(q.text));
        set(&mut v, "value", json!(q.value));
        set(&mut v, "unit", json!(q.unit));
        set(&mut v, "what", json!(q.what));
        set(&mut v, "approximate", json!(q.approximate || q.vague));
        set(&mut v, "confidence", json!(q.confidence));
        out.push(v);
    }
    for d in &a.dates {
        let mut v = base("date", d.sentence, d.span);
        set(&mut v, "kind", json!(d.resolution));
        set(&mut v, "text", json!(d.text));
        set(&mut v, "date", json!(d.date));
        set(
            &mut v,
            "unit",
            serde_json::to_value(d.granularity).unwrap_or(Value::Null),
        );
        out.push(v);
    }
    for q in &a.quotes {
        let mut v = base("quote", q.sentence, q.span);
        set(
            &mut v,
            "kind",
            json!(if q.direct { "direct" } else { "reported" }),
        );
        set(&mut v, "text", json!(q.text));
        set(&mut v, "what", json!(q.cue));
        set(&mut v, "speaker", json!(q.speaker));
        set(&mut v, "speaker_text", json!(q.speaker_text));
        set(&mut v, "date", json!(q.date));
        set(&mut v, "confidence", json!(q.confidence));
        out.push(v);
    }
    for e in &a.events {
        let mut v = base("event", e.sentence, e.trigger);
        set(&mut v, "kind", json!(e.kind));
        set(&mut v, "text", json!(e.trigger_text));
        set(&mut v, "speaker", json!(e.actor));
        set(&mut v, "date", json!(e.date));
        if let Some(q) = e.quantity.and_then(|i| a.quantities.get(i)) {
            set(&mut v, "value", json!(q.value));
            set(&mut v, "what", json!(q.what));
        }
        set(&mut v, "confidence", json!(e.confidence));
        out.push(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{fixture_docs, fixture_store};
    use std::io::BufRead;

    fn run(store: &dyn Store, what: &str, format: &str, f: &ExportFilters) -> (usize, String) {
        let mut out = Vec::new();
        let n = export(
            store,
            what.parse().unwrap(),
            format.parse().unwrap(),
            f,
            &mut out,
        )
        .unwrap();
        (n, String::from_utf8(out).unwrap())
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn csv_fields_that_spreadsheets_would_run_are_guarded() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("+cmd"), "'+cmd");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("\tx"), "'\tx");
        // plain numbers and ordinary text are left alone
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_field("+91"), "+91");
        assert_eq!(csv_field("-1,500.5"), "\"-1,500.5\"");
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!("people".parse::<ExportWhat>().is_err());
        assert!("xml".parse::<ExportFormat>().is_err());
        let s = fixture_store();
        let f = ExportFilters {
            since: Some("last week".into()),
            ..Default::default()
        };
        let mut out = Vec::new();
        assert!(matches!(
            export(&s, ExportWhat::Articles, ExportFormat::Jsonl, &f, &mut out),
            Err(ExportError::BadArgument(_))
        ));
    }

    #[test]
    fn every_kind_in_both_formats() {
        let s = fixture_store();
        let all = ExportFilters::default();
        let (n, jsonl) = run(&s, "articles", "jsonl", &all);
        assert_eq!(n, 5);
        assert_eq!(jsonl.lines().count(), 5);
        let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
        let want = serde_json::to_value(wire::ArticleJson::of(
            &fixture_docs()[0].0,
            Some(&StoryId::from("s-flood")),
        ))
        .unwrap();
        assert_eq!(first, want);

        let (n, csv) = run(&s, "articles", "csv", &all);
        assert_eq!(n, 5);
        assert!(csv.starts_with(
            "id,url,outlet,title,authors,published,published_date_only,language,story,text\r\n"
        ));
        assert!(csv.contains("a1,https://example.com/a1,Amar Ujala,"));
        assert!(csv.contains(",s-flood,"));

        let (n, stories) = run(&s, "stories", "jsonl", &all);
        assert_eq!(n, 3);
        let st: wire::StoryJson = serde_json::from_str(stories.lines().last().unwrap()).unwrap();
        assert_eq!(st.id, "s-flood");
        assert_eq!(st.article_count, 3);
        assert_eq!(st.articles[0].id, "a1");
        let (n, _) = run(&s, "stories", "csv", &all);
        assert_eq!(n, 3);

        let (n, ents) = run(&s, "entities", "jsonl", &all);
        assert_eq!(n, 1);
        let e: Value = serde_json::from_str(ents.trim()).unwrap();
        assert_eq!(e["article_count"], 3);
        assert_eq!(e["mention_count"], 3);
        assert_eq!(e["story_count"], 1);

        let (n, facts) = run(&s, "facts", "jsonl", &all);
        // a1: quantity + quote; a3: quantity (the fixture finds no number in a2).
        assert_eq!(n, 3);
        let q: Vec<Value> = facts
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let quote = q.iter().find(|f| f["type"] == "quote").unwrap();
        assert_eq!(quote["speaker"], "Q1058");
        assert!(quote["sentence_text"].as_str().unwrap().contains("मोदी"));
        // every quantity, quote and event carries its confidence (issue #15)
        for f in q.iter().filter(|f| f["type"] != "date") {
            let c = f["confidence"].as_f64().expect("a confidence");
            assert!((0.0..=1.0).contains(&c), "{f}");
        }
        let (n, csv) = run(&s, "facts", "csv", &all);
        assert_eq!(n, 3);
        assert_eq!(csv.lines().next().unwrap(), FACT_COLUMNS.join(","));
    }

    #[test]
    fn filters_by_time_and_story() {
        let s = fixture_store();
        let (n, _) = run(
            &s,
            "articles",
            "jsonl",
            &ExportFilters {
                since: Some("2022-01-06".into()),
                until: Some("2022-02-01".into()),
                story: None,
            },
        );
        assert_eq!(n, 2);
        let (n, out) = run(
            &s,
            "articles",
            "jsonl",
            &ExportFilters {
                story: Some("s-cricket".into()),
                ..Default::default()
            },
        );
        assert_eq!(n, 1);
        assert!(out.contains("\"id\":\"a4\""));
        let (n, _) = run(
            &s,
            "stories",
            "jsonl",
            &ExportFilters {
                since: Some("2022-02-01".into()),
                ..Default::default()
            },
        );
        assert_eq!(n, 2);
    }

    /// Articles read from real JSONL, exported and read again give the same articles.
    #[test]
    fn articles_export_reingests_to_the_same_articles() {
        let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
        let mut docs = Vec::new();
        for name in [
            "stories/hindi-disaster-dev.jsonl",
            "stories/hindi-covid-dev.jsonl",
        ] {
            let path = std::path::Path::new(base).join(name);
            let Ok(f) = std::fs::File::open(&path) else {
                eprintln!("skipped: {} is absent", path.display());
                return;
            };
            for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
                let line = line.unwrap();
                if line.trim().is_empty() {
                    continue;
                }
                let Ok(raw) = khabar_ingest::jsonl::parse_line(&line, name, i + 1) else {
                    continue;
                };
                if let Ok(d) = khabar_ingest::build_document(raw) {
                    docs.push((d, None));
                }
            }
        }
        assert!(docs.len() > 20, "only {} articles read", docs.len());
        let mut store = khabar_store::SqliteStore::open_in_memory().unwrap();
        store.put_articles(&docs).unwrap();
        let mut out = Vec::new();
        let n = export(
            &store,
            ExportWhat::Articles,
            ExportFormat::Jsonl,
            &ExportFilters::default(),
            &mut out,
        )
        .unwrap();
        assert_eq!(n, store.article_count().unwrap());
        let mut differ = Vec::new();
        for (i, line) in String::from_utf8(out).unwrap().lines().enumerate() {
            let raw = khabar_ingest::jsonl::parse_line(line, "export", i + 1).unwrap();
            let again = khabar_ingest::build_document(raw).unwrap();
            let orig = store
                .article(&again.id)
                .unwrap()
                .unwrap_or_else(|| panic!("re-ingested id {} is not a stored id", again.id));
            let same = (
                &again.text,
                &again.title,
                &again.url,
                &again.outlet,
                // as the exports write it (a zone-less time comes back as UTC)
                (
                    wire::time(&again.published),
                    wire::date_only(&again.published),
                ),
                &again.language,
                &again.authors,
                &again.fingerprint,
            ) == (
                &orig.text,
                &orig.title,
                &orig.url,
                &orig.outlet,
                (
                    wire::time(&orig.published),
                    wire::date_only(&orig.published),
                ),
                &orig.language,
                &orig.authors,
                &orig.fingerprint,
            );
            if !same {
                differ.push(orig.id.0.clone());
            }
        }
        assert!(
            differ.is_empty(),
            "{} of {n} differ: {differ:?}",
            differ.len()
        );
    }
}
