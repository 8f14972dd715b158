//! The search evaluation: queries written for a known story, does the top of the ranking hold
//! that story's articles?
//!
//! Query files are TSV: `story-id<TAB>query<TAB>kind` (kind: `hindi` or `roman`, any label
//! works); blank lines and lines starting with `#` are skipped.

use crate::{parse_query, Filters, Mode, SearchError, SearchIndex};
use khabar_model::ArticleId;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One query of a query file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryLine {
    pub story: String,
    pub query: String,
    pub kind: String,
}

/// Reads a query file; errors name the line.
pub fn parse_queries(tsv: &str) -> Result<Vec<QueryLine>, String> {
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(story), Some(query)) = (parts.next(), parts.next()) else {
            return Err(format!("line {}: expected story<TAB>query<TAB>kind", i + 1));
        };
        let kind = parts.next().unwrap_or("").trim();
        if story.trim().is_empty() || query.trim().is_empty() {
            return Err(format!("line {}: empty story or query", i + 1));
        }
        out.push(QueryLine {
            story: story.trim().to_string(),
            query: query.trim().to_string(),
            kind: if kind.is_empty() { "-" } else { kind }.to_string(),
        });
    }
    Ok(out)
}

/// What one query found.
#[derive(Debug, Clone, Serialize)]
pub struct QueryOutcome {
    #[serde(flatten)]
    pub line: QueryLine,
    /// Matching articles in the whole collection.
    pub total: usize,
    /// The story's articles among the top k.
    pub found: usize,
    /// The story's articles in the collection.
    pub story_articles: usize,
    /// At least one of them in the top k.
    pub hit: bool,
    /// `found / min(story_articles, k)`.
    pub recall: f64,
    /// The rank (1-based) of the first article of the story, if ranked at all.
    pub first_rank: Option<usize>,
    /// The top k article ids.
    pub top: Vec<ArticleId>,
}

/// Figures over a query file.
#[derive(Debug, Clone, Serialize)]
pub struct KindFigures {
    pub queries: usize,
    pub hits: usize,
    pub hit_at_k: f64,
    pub recall_at_k: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchEvalReport {
    pub k: usize,
    pub mode: String,
    pub articles: u64,
    pub all: KindFigures,
    pub per_kind: BTreeMap<String, KindFigures>,
    pub queries: Vec<QueryOutcome>,
}

fn figures<'a>(outcomes: impl Iterator<Item = &'a QueryOutcome>) -> KindFigures {
    let (mut n, mut hits, mut recall) = (0usize, 0usize, 0f64);
    for o in outcomes {
        n += 1;
        hits += usize::from(o.hit);
        recall += o.recall;
    }
    let d = n.max(1) as f64;
    KindFigures {
        queries: n,
        hits,
        hit_at_k: hits as f64 / d,
        recall_at_k: recall / d,
    }
}

/// Runs every query against `index`; `stories` maps a story id to its articles. Queries of an
/// unknown story count as misses.
pub fn evaluate(
    index: &SearchIndex,
    stories: &HashMap<String, Vec<ArticleId>>,
    queries: &[QueryLine],
    mode: Mode,
    k: usize,
) -> Result<SearchEvalReport, SearchError> {
    let mut outcomes = Vec::with_capacity(queries.len());
    for q in queries {
        let hits = index.search(&parse_query(&q.query), mode, &Filters::default(), k)?;
        let wanted: HashSet<&ArticleId> = stories
            .get(&q.story)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let found = hits.hits.iter().filter(|(a, _)| wanted.contains(a)).count();
        let first_rank = hits
            .hits
            .iter()
            .position(|(a, _)| wanted.contains(a))
            .map(|r| r + 1);
        outcomes.push(QueryOutcome {
            line: q.clone(),
            total: hits.total,
            found,
            story_articles: wanted.len(),
            hit: found > 0,
            recall: if wanted.is_empty() {
                0.0
            } else {
                found as f64 / wanted.len().min(k).max(1) as f64
            },
            first_rank,
            top: hits.hits.into_iter().map(|(a, _)| a).collect(),
        });
    }
    let mut kinds: Vec<&str> = outcomes.iter().map(|o| o.line.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let per_kind = kinds
        .iter()
        .map(|k| {
            (
                k.to_string(),
                figures(outcomes.iter().filter(|o| o.line.kind == *k)),
            )
        })
        .collect();
    Ok(SearchEvalReport {
        k,
        mode: match mode {
            Mode::All => "all",
            Mode::Any => "any",
            Mode::Strict => "strict",
        }
        .to_string(),
        articles: index.num_docs(),
        all: figures(outcomes.iter()),
        per_kind,
        queries: outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_files() {
        let q = parse_queries("# comment\ns1\tबाढ़ असम\thindi\n\ns2\tkedarnath baadh\troman\r\n")
            .unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].query, "kedarnath baadh");
        assert_eq!(q[1].kind, "roman");
        assert!(parse_queries("only-one-field").is_err());
        assert!(parse_queries("s1\t \thindi").is_err());
    }
}
