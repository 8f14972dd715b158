//! What khabar prints: readable reports for people, JSON for programs (docs/output.md).

use crate::pipeline::Summary;
use anyhow::{bail, Result};
use khabar_model::{Analysis, Document, Story, StoryId};
use khabar_server::wire;
use khabar_store::Store;
use serde::Serialize;
use std::io::Write;

/// An article with what analysis read out of it, in the API's shape (docs/output.md).
#[derive(Serialize)]
pub struct ArticleOut {
    /// The input it was read from (`path:LINE` for a JSONL line): the run's own input.
    pub source: String,
    #[serde(flatten)]
    pub article: wire::ArticleJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<wire::AnalysisJson>,
}

#[derive(Serialize)]
struct RunJson {
    articles: Vec<ArticleOut>,
    stories: Vec<wire::StoryJson>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct SummaryJson {
    article_count: usize,
    inserted: usize,
    updated: usize,
    unchanged: usize,
    /// Given ids whose text was already stored under another id (kept as aliases of it).
    same_text: Vec<SameText>,
    /// Given ids that already named a different article: stored under a derived id.
    renamed: Vec<SameText>,
    errors: usize,
    /// Inputs whose reading or analysis hit an internal error (caught), part of `errors`.
    panics: usize,
    /// Files that gave no article and no other error, part of `errors`.
    empty: usize,
    story_count: usize,
}

#[derive(Serialize)]
struct SameText {
    given: String,
    stored: String,
}

fn pairs(v: &[(khabar_model::ArticleId, khabar_model::ArticleId)]) -> Vec<SameText> {
    v.iter()
        .map(|(g, s)| SameText {
            given: g.0.clone(),
            stored: s.0.clone(),
        })
        .collect()
}

pub fn write_json(
    out: &mut dyn Write,
    store: &dyn Store,
    articles: &[(Document, Option<Analysis>)],
    stories: &[Story],
    s: &Summary,
) -> Result<()> {
    let story_of = |d: &Document| {
        stories
            .iter()
            .find(|st| st.articles.contains(&d.id))
            .map(|st| &st.id)
    };
    let doc = RunJson {
        articles: articles
            .iter()
            .map(|(d, a)| ArticleOut {
                source: d.source.clone(),
                article: wire::ArticleJson::of(d, story_of(d)),
                analysis: a.as_ref().map(|a| wire::AnalysisJson::of(a, &d.text)),
            })
            .collect(),
        stories: stories
            .iter()
            .map(|st| wire::StoryJson::from_store(store, st))
            .collect::<Result<_, _>>()?,
        summary: SummaryJson {
            article_count: s.ids.len(),
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
            same_text: pairs(&s.same_text),
            renamed: pairs(&s.renamed),
            errors: s.errors,
            panics: s.panics,
            empty: s.empty,
            story_count: stories.len(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

fn short(s: &str, max: usize) -> String {
    let mut t: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        t.push('…');
    }
    t
}

fn dash(o: Option<impl ToString>) -> String {
    o.map(|x| x.to_string()).unwrap_or_else(|| "—".to_string())
}

/// `n` and the noun in the right number ("1 article", "2 articles").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary of an ingest, the same words for `run` and `ingest`; the parts add up
/// to the inputs read (new + updated + unchanged articles, and the inputs skipped).
pub fn summary_line(s: &Summary, stories: Option<usize>) -> String {
    let same = if s.same_text.is_empty() {
        String::new()
    } else {
        format!(", {} same text as a stored one", s.same_text.len())
    };
    let mut line = format!(
        "khabar: {} read ({} new, {} updated, {} unchanged{same}), {} skipped",
        count(
            s.inserted + s.updated + s.unchanged + s.same_text.len(),
            "article",
            "articles"
        ),
        s.inserted,
        s.updated,
        s.unchanged,
        count(s.errors, "input", "inputs"),
    );
    if let Some(n) = stories {
        line.push_str(&format!(" → {}", count(n, "story", "stories")));
    }
    line
}

pub fn write_run(
    out: &mut dyn Write,
    st: &dyn Store,
    stories: &[Story],
    s: &Summary,
    quiet: bool,
) -> Result<()> {
    writeln!(out, "{}", summary_line(s, Some(stories.len())))?;
    if quiet {
        return Ok(());
    }
    writeln!(out)?;
    for story in stories {
        write_story(out, st, story)?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn write_story(out: &mut dyn Write, st: &dyn Store, story: &Story) -> Result<()> {
    writeln!(out, "▌ {}", story.title)?;
    writeln!(
        out,
        "  story {} · {} · {} · {} · {} → {}",
        story.id,
        count(story.articles.len(), "article", "articles"),
        if story.outlets.is_empty() {
            "outlet unknown".to_string()
        } else {
            count(story.outlets.len(), "outlet", "outlets")
        },
        if story.languages.is_empty() {
            "—".to_string()
        } else {
            story.languages.join(", ")
        },
        dash(story.first_published),
        dash(story.last_published),
    )?;
    if !story.entities.is_empty() {
        let names: Vec<&str> = story
            .entities
            .iter()
            .take(8)
            .map(|e| e.name.as_str())
            .collect();
        writeln!(out, "  entities: {}", names.join(", "))?;
    }
    if !story.shared_terms.is_empty() {
        writeln!(out, "  shared: {}", story.shared_terms.join(", "))?;
    }
    if !story.timeline.is_empty() {
        writeln!(out, "  timeline:")?;
        for t in &story.timeline {
            // How many articles report it (an article may state it in several sentences).
            let mut articles: Vec<&str> = t.sources.iter().map(|p| p.article.as_str()).collect();
            articles.sort_unstable();
            articles.dedup();
            writeln!(
                out,
                "    {} {}{} ({} article{})",
                t.granularity.show(t.date),
                t.kind
                    .as_deref()
                    .map(|k| format!("[{k}] "))
                    .unwrap_or_default(),
                short(&t.text, 90),
                articles.len(),
                if articles.len() == 1 { "" } else { "s" }
            )?;
        }
    }
    let c = &story.comparison;
    for (label, facts) in [
        ("agree", &c.agree),
        ("conflict", &c.conflict),
        ("only in", &c.only_in),
    ] {
        // At most four facts per outlet in a section, so every outlet shows.
        let mut per_outlet: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::new();
        for f in facts.iter() {
            let outlet = f.claims.first().map(|c| c.outlet.as_str()).unwrap_or("");
            let n = per_outlet.entry(outlet).or_insert(0);
            *n += 1;
            if *n > 4 {
                continue;
            }
            let claims: Vec<String> = f
                .claims
                .iter()
                .map(|cl| format!("{}: {}", cl.outlet, short(&cl.value, 50)))
                .collect();
            writeln!(out, "  {label:<8} {} — {}", f.topic, claims.join(" | "))?;
        }
    }
    for id in &story.articles {
        let Some(d) = st.article(id)? else { continue };
        writeln!(
            out,
            "  • {}",
            short(d.title.as_deref().unwrap_or("(untitled)"), 90)
        )?;
        writeln!(
            out,
            "      {} · {} · by {} · {}",
            d.outlet.as_deref().unwrap_or("(outlet unknown)"),
            dash(d.published),
            d.author.as_deref().unwrap_or("—"),
            d.language.as_deref().unwrap_or("—"),
        )?;
        if let Some(dl) = &d.dateline {
            writeln!(
                out,
                "      dateline: {}{}",
                dl.place.as_deref().unwrap_or("—"),
                dl.agency
                    .as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out, "      {} · {}", d.id, d.source)?;
    }
    Ok(())
}

pub fn write_story_list(out: &mut dyn Write, stories: &[Story]) -> Result<()> {
    if stories.is_empty() {
        writeln!(
            out,
            "no stories in the store yet: run `khabar run PATH…` first"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<18} {:>4} {:>4}  {:<10}  title",
        "story", "arts", "outl", "last seen"
    )?;
    for s in stories {
        writeln!(
            out,
            "{:<18} {:>4} {:>4}  {:<10}  {}",
            s.id,
            s.articles.len(),
            if s.outlets.is_empty() {
                "?".to_string()
            } else {
                s.outlets.len().to_string()
            },
            s.last_published
                .map(|p| p.date().to_string())
                .unwrap_or_else(|| "—".into()),
            short(&s.title, 80)
        )?;
    }
    Ok(())
}

/// A story by id or by a unique prefix of its id.
pub fn find_story(st: &dyn Store, id: &str) -> Result<Story> {
    if let Some(s) = st.story(&StoryId(id.to_string()))? {
        return Ok(s);
    }
    // A story merged into another: its id leads to the survivor.
    if let Some(survivor) = st.resolve_story(&StoryId(id.to_string()))? {
        if let Some(s) = st.story(&survivor)? {
            eprintln!("story {id} was merged into {survivor}");
            return Ok(s);
        }
    }
    let matches: Vec<Story> = st
        .stories()?
        .into_iter()
        .filter(|s| s.id.as_str().starts_with(id))
        .collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one match")),
        0 => Err(crate::Exit::NotFound(format!(
            "no story with id {id:?}; `khabar stories` lists them"
        ))
        .into()),
        n => bail!("{n} stories start with {id:?}; give more of the id"),
    }
}
