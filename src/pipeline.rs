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
    /// Inputs (files, lines, records, items) skipped with a message, `panics` and `empty`
    /// included.
    pub errors: usize,
    /// Inputs whose reading or analysis panicked (caught; the run went on).
    pub panics: usize,
    /// Files that gave no article and no other error.
    pub empty: usize,
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
        if self.empty > 0 {
            eprintln!("{} file(s) gave no article", self.empty);
        }
        if self.panics > 0 {
            eprintln!(
                "{} input(s) hit an internal error (a bug: please report it with the input)",
                self.panics
            );
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
    /// No progress bar (`--quiet`).
    pub quiet: bool,
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

/// The message of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Read, clean and analyse every input, writing the articles to the store and the search
/// index in batches of [`BATCH`] as they stream (a large file is never held whole: memory is
/// bounded by the batch, and a stopped run loses at most one batch). A bad input is reported on
/// stderr and skipped; a panic while reading or analysing one input is caught, reported with the
/// input's name and counted, and the run goes on. A file that gives no article and no error is
/// reported as empty.
#[cfg_attr(not(feature = "fetch"), allow(unused_variables))]
pub fn ingest_with(
    store: &mut SqliteStore,
    index: &search::Index,
    paths: &[PathBuf],
    options: &mut Options,
) -> Result<Summary> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let analyzer = Analyzer::new().context("loading the knowledge base and models")?;
    let mut writer = index
        .writer()
        .context("opening the search index for writing")?;
    let inputs = khabar_ingest::list_inputs(paths);
    let target = if options.quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(inputs.len() as u64), target);
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
        let name = path.display().to_string();
        #[cfg(feature = "fetch")]
        let mut fetcher = options.fetcher.as_mut().filter(|_| is_feed(&path));
        // Items of this file: read, skipped; a store failure ends the run after the file.
        // `named`: a message so far names this file (so an empty result is not silent).
        let (mut read, mut skipped, mut named) = (0usize, 0usize, false);
        let mut fatal: Option<anyhow::Error> = None;
        let outer = catch_unwind(AssertUnwindSafe(|| {
            khabar_ingest::read_file(&path, &mut |raw| {
                if fatal.is_some() {
                    return;
                }
                #[cfg(feature = "fetch")]
                let raw = raw.map(|mut raw| {
                    if let Some(f) = fetcher.as_deref_mut() {
                        if let Err(e) = crate::fetch::fetch_linked(f, &mut raw) {
                            pb.suspend(|| eprintln!("not fetched, the feed's text is kept: {e}"));
                        }
                    }
                    raw
                });
                let origin = match &raw {
                    Ok(r) => r.source.clone(),
                    Err(e) => e.origin().to_string(),
                };
                // One item's cleanup and analysis: a panic there costs that item only.
                let item = catch_unwind(AssertUnwindSafe(|| {
                    raw.and_then(khabar_ingest::build_document_noted)
                        .map(|(doc, notes)| {
                            for note in notes {
                                pb.suspend(|| eprintln!("note: {}: {note}", doc.source));
                            }
                            let a = analyzer.analyze(&doc);
                            (doc, a)
                        })
                }));
                match item {
                    Ok(Ok((doc, a))) => {
                        batch.push((doc, Some(a)));
                        read += 1;
                        if batch.len() >= BATCH {
                            if let Err(e) =
                                flush(store, &mut writer, &mut batch, &mut summary, &mut seen)
                            {
                                fatal = Some(e);
                            }
                        }
                    }
                    Ok(Err(e)) => {
                        pb.suspend(|| eprintln!("skipped: {e}"));
                        skipped += 1;
                        named |= origin.starts_with(&name);
                    }
                    Err(p) => {
                        let msg = panic_message(p.as_ref());
                        pb.suspend(|| eprintln!("skipped: {origin}: internal error: {msg}"));
                        named |= origin.starts_with(&name);
                        skipped += 1;
                        summary.panics += 1;
                    }
                }
            })
        }));
        summary.errors += skipped;
        if let Err(p) = outer {
            let msg = panic_message(p.as_ref());
            pb.suspend(|| {
                eprintln!("skipped: {name}: internal error while reading (after {read} article(s)): {msg}")
            });
            summary.errors += 1;
            summary.panics += 1;
        } else if read == 0 && skipped == 0 {
            pb.suspend(|| eprintln!("skipped: {name}: no article found in it"));
            summary.errors += 1;
            summary.empty += 1;
        } else if read == 0 && !named {
            // Its items were skipped under their own names (URLs): say which file gave nothing.
            pb.suspend(|| eprintln!("{name}: no article read ({skipped} item(s) skipped, above)"));
        }
        if let Some(e) = fatal {
            return Err(e);
        }
        articles += read;
        pb.set_message(format!("{articles} articles"));
        pb.inc(1);
    }
    flush(store, &mut writer, &mut batch, &mut summary, &mut seen)?;
    pb.finish_and_clear();
    Ok(summary)
}

/// Group every stored article into stories and store them. Stories keep the ids they were
/// shown with (growth, late older articles, regrouping); a story merged into another leaves a
/// redirect to the survivor ([`khabar_story::keep_ids`]).
pub fn regroup(store: &mut SqliteStore) -> Result<Vec<Story>> {
    let all = store
        .articles_with_analyses()
        .context("reading articles from the store")?;
    let docs: Vec<&Document> = all.iter().map(|(d, _)| d).collect();
    let analyses: Vec<&Analysis> = all.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let mut stories = khabar_story::cluster(&docs, &analyses, &khabar_story::Config::default());
    let (shown, taken) = store
        .shown_story_ids()
        .context("reading the story ids shown before")?;
    let redirects = khabar_story::keep_ids(&mut stories, &docs, &shown, &taken);
    store
        .replace_stories(&stories)
        .context("writing stories to the store")?;
    store
        .add_story_redirects(&redirects)
        .context("recording merged story ids")?;
    Ok(stories)
}
