//! The pipeline: sources → documents → analyses → store → stories.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use khabar_analyze::Analyzer;
use khabar_model::{Analysis, ArticleId, Document, Story};
use khabar_server::search;
use khabar_store::{PutStatus, SqliteStore, Store};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Articles are written to the store in transactions of this many.
const BATCH: usize = 256;

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Summary {
    /// The stored ids of the articles read, in input order, each once.
    pub ids: Vec<ArticleId>,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (given id, stored id): the text was already stored under another id; the given id
    /// answers as an alias of it.
    pub same_text: Vec<(ArticleId, ArticleId)>,
    /// (given id, stored id): the given id already named a different article; this one was
    /// stored under a derived id.
    pub renamed: Vec<(ArticleId, ArticleId)>,
    pub errors: usize,
}

impl Summary {
    pub fn exit_note(&self) {
        for (given, stored) in &self.same_text {
            eprintln!("{given}: same text as {stored}; {given} is kept as another id of it");
        }
        for (given, stored) in &self.renamed {
            eprintln!(
                "warning: id {given} already names a different article (other url and text); stored as {stored}"
            );
        }
        if self.errors > 0 {
            eprintln!("{} input(s) skipped; see the messages above", self.errors);
        }
    }
}

fn flush(
    store: &mut SqliteStore,
    index: &mut search::Writer<'_>,
    batch: &mut Vec<(Document, Option<Analysis>)>,
    s: &mut Summary,
    seen: &mut HashSet<ArticleId>,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let outcomes = store
        .put_articles(batch)
        .context("writing articles to the store")?;
    // The index follows the store's change sequence after every batch (this run's writes and
    // any other process's), so that a stopped run leaves store and index in step.
    search::catch_up(store, index).context("updating the search index")?;
    index.commit().context("committing the search index")?;
    for o in outcomes {
        match o.status {
            PutStatus::Inserted => s.inserted += 1,
            PutStatus::Updated => s.updated += 1,
            PutStatus::Unchanged => s.unchanged += 1,
            PutStatus::SameText => {
                if let Some(given) = &o.replaced_id {
                    s.same_text.push((given.clone(), o.id.clone()));
                }
            }
        }
        if let Some(given) = &o.id_taken {
            s.renamed.push((given.clone(), o.id.clone()));
        }
        if seen.insert(o.id.clone()) {
            s.ids.push(o.id);
        }
    }
    batch.clear();
    Ok(())
}

/// Opens the search index of the store at `db` (`<db>.search/`), rebuilt first when it is out
/// of step with the store.
pub fn open_index(db: &Path, store: &SqliteStore) -> Result<search::Index> {
    search::open_for_store(db, store).with_context(|| {
        format!(
            "opening the search index {}",
            search::Index::dir_for(db).display()
        )
    })
}

/// How an ingest reads its inputs.
#[derive(Default)]
pub struct Options {
    /// Feed items are replaced by the pages they link to (`--fetch`); when a page cannot be
    /// had, the item keeps the feed's own text and a note goes to stderr.
    #[cfg(feature = "fetch")]
    pub fetcher: Option<crate::fetch::Fetcher>,
}

/// Is `path` a feed (by name, else by its first bytes; a gzipped file by its inner name,
/// `x.rss.gz`)?
#[cfg(feature = "fetch")]
fn is_feed(path: &Path) -> bool {
    use std::io::Read;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let mut head = Vec::with_capacity(4096);
    if !gz {
        if let Ok(file) = std::fs::File::open(path) {
            // an unreadable head only means the name decides
            let _ = file.take(4096).read_to_end(&mut head);
        }
    }
    khabar_ingest::source::format_of(path, &head) == khabar_ingest::Format::Feed
}

/// Read, clean and analyse every input, writing the articles to the store and the search
/// index in batches. A bad input is reported on stderr and skipped.
#[cfg_attr(not(feature = "fetch"), allow(unused_variables))]
pub fn ingest_with(
    store: &mut SqliteStore,
    index: &search::Index,
    paths: &[PathBuf],
    options: &mut Options,
) -> Result<Summary> {
    let analyzer = Analyzer::new().context("loading the knowledge base and models")?;
    let mut writer = index
        .writer()
        .context("opening the search index for writing")?;
    let inputs = khabar_ingest::list_inputs(paths);
    let pb = ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {msg} [{elapsed}]")
    {
        pb.set_style(style);
    }
    let mut summary = Summary::default();
    let mut seen = HashSet::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut articles = 0usize;
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                pb.suspend(|| eprintln!("skipped: {e}"));
                summary.errors += 1;
                pb.inc(1);
                continue;
            }
        };
        let mut pending: Vec<Result<(Document, Analysis), khabar_ingest::IngestError>> = Vec::new();
        #[cfg(feature = "fetch")]
        let mut fetcher = options.fetcher.as_mut().filter(|_| is_feed(&path));
        khabar_ingest::read_file(&path, &mut |raw| {
            #[cfg(feature = "fetch")]
            let raw = raw.map(|mut raw| {
                if let Some(f) = fetcher.as_deref_mut() {
                    if let Err(e) = crate::fetch::fetch_linked(f, &mut raw) {
                        pb.suspend(|| eprintln!("not fetched, the feed's text is kept: {e}"));
                    }
                }
                raw
            });
            pending.push(raw.and_then(khabar_ingest::build_document).map(|doc| {
                let a = analyzer.analyze(&doc);
                (doc, a)
            }));
        });
        for item in pending {
            match item {
                Ok((doc, a)) => {
                    batch.push((doc, Some(a)));
                    articles += 1;
                    if batch.len() >= BATCH {
                        flush(store, &mut writer, &mut batch, &mut summary, &mut seen)?;
                    }
                }
                Err(e) => {
                    pb.suspend(|| eprintln!("skipped: {e}"));
                    summary.errors += 1;
                }
            }
        }
        pb.set_message(format!("{articles} articles"));
        pb.inc(1);
    }
    flush(store, &mut writer, &mut batch, &mut summary, &mut seen)?;
    pb.finish_and_clear();
    Ok(summary)
}

/// Group every stored article into stories and store them.
pub fn regroup(store: &mut SqliteStore) -> Result<Vec<Story>> {
    let all = store
        .articles_with_analyses()
        .context("reading articles from the store")?;
    let docs: Vec<&Document> = all.iter().map(|(d, _)| d).collect();
    let analyses: Vec<&Analysis> = all.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let stories = khabar_story::cluster(&docs, &analyses, &khabar_story::Config::default());
    store
        .replace_stories(&stories)
        .context("writing stories to the store")?;
    Ok(stories)
}
