//! The pipeline: sources → documents → analyses → store → stories.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use khabar_analyze::Analyzer;
use khabar_ingest::{IngestError, RawArticle};
use khabar_model::{Analysis, ArticleId, Document, Story};
use khabar_server::search;
use khabar_store::{PutStatus, SeenItem, Store, StoryUpdate};
use rayon::prelude::*;
use std::collections::{HashSet, VecDeque};
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
    store: &mut dyn Store,
    index: Option<&mut search::Writer<'_>>,
    batch: &mut Vec<(Document, Option<Analysis>)>,
    taken: &mut Vec<SeenItem>,
    s: &mut Summary,
    seen: &mut HashSet<ArticleId>,
) -> Result<()> {
    if batch.is_empty() && taken.is_empty() {
        return Ok(());
    }
    tracing::debug!(
        articles = batch.len(),
        items = taken.len(),
        "writing a batch to the store"
    );
    // The feed items the articles came from are recorded in the same transaction.
    let outcomes = store
        .put_articles_seen(batch, taken)
        .context("writing articles to the store")?;
    taken.clear();
    // The index follows the store's change sequence after every batch (this run's writes and
    // any other process's), so that a stopped run leaves store and index in step.
    if let Some(index) = index {
        search::catch_up(store, index).context("updating the search index")?;
        index.commit().context("committing the search index")?;
    }
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

/// Opens the search index in `dir`, rebuilt first when it is out of step with the store.
pub fn open_index(dir: &Path, store: &dyn Store) -> Result<search::Index> {
    search::open_at(dir, store)
        .with_context(|| format!("opening the search index {}", dir.display()))
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
    /// Threads that clean and analyse articles (`--threads`): 0 every core, 1 this thread
    /// only. The output is the same for every number.
    pub threads: usize,
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

/// One item read from a file, waiting for its cleanup and analysis.
struct Pending {
    /// The file it came from: an index into the run's files, counted from the first.
    file: usize,
    /// The input it names (path with line, or URL), for messages.
    origin: String,
    raw: Result<RawArticle, IngestError>,
    /// The feed item it came from (`khabar watch`), recorded with its article.
    taken: Option<SeenItem>,
}

/// What cleanup and analysis made of one item.
enum Outcome {
    /// The document, the notes its cleanup wrote, and its analysis.
    Built(Box<(Document, Vec<String>, Analysis)>),
    Failed(IngestError),
    /// The message of a panic while cleaning or analysing it (caught: it costs that item only).
    Panicked(String),
}

/// Cleans and analyses one item; a panic there is caught and costs that item only.
fn analyse_one(analyzer: &Analyzer, raw: Result<RawArticle, IngestError>) -> Outcome {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let item = catch_unwind(AssertUnwindSafe(|| {
        raw.and_then(khabar_ingest::build_document_noted)
            .map(|(doc, notes)| {
                let a = analyzer.analyze(&doc);
                (doc, notes, a)
            })
    }));
    match item {
        Ok(Ok(built)) => Outcome::Built(Box::new(built)),
        Ok(Err(e)) => Outcome::Failed(e),
        Err(p) => Outcome::Panicked(panic_message(p.as_ref())),
    }
}

/// One input of the run (a file, or a path that could not be listed), as its items are
/// analysed; its own messages are written once every item before it and in it is done, so
/// that stderr reads in input order whatever the number of threads.
struct FileState {
    name: String,
    /// Why the input could not be listed at all (reported in its turn, counted as skipped).
    unlisted: Option<String>,
    /// Items read into documents, and items skipped.
    read: usize,
    skipped: usize,
    /// A message so far names this file (so an empty result is not silent).
    named: bool,
    /// Every item of the file has been read (its items may still wait for analysis).
    done: bool,
    /// The message of a panic while reading the file (caught; the run went on).
    reading_panic: Option<String>,
}

impl FileState {
    fn new(name: String) -> Self {
        FileState {
            name,
            unlisted: None,
            read: 0,
            skipped: 0,
            named: false,
            done: false,
            reading_panic: None,
        }
    }
}

/// The state of one ingest: items waiting for analysis, documents waiting for the store, and
/// the inputs whose messages are not yet written.
struct Ingest<'a> {
    analyzer: &'a Analyzer,
    /// `None`: analyse on this thread, one item after another.
    pool: Option<&'a rayon::ThreadPool>,
    store: &'a mut dyn Store,
    /// None: no search index is kept by this run (a shared database's servers keep theirs).
    writer: Option<search::Writer<'a>>,
    pb: ProgressBar,
    pending: Vec<Pending>,
    batch: Vec<(Document, Option<Analysis>)>,
    /// Feed items done since the last write, each with its place in `batch` (or none).
    taken: Vec<SeenItem>,
    /// Inputs not yet finished; `files[0]` is input number `first_file`.
    files: VecDeque<FileState>,
    first_file: usize,
    summary: Summary,
    seen: HashSet<ArticleId>,
    articles: usize,
}

impl Ingest<'_> {
    /// Writes the batch (and the feed items done) to the store and the index.
    fn flush(&mut self) -> Result<()> {
        flush(
            self.store,
            self.writer.as_mut(),
            &mut self.batch,
            &mut self.taken,
            &mut self.summary,
            &mut self.seen,
        )
    }

    /// Analyses the waiting items (in parallel when there is a pool), then walks the outcomes
    /// in input order: messages, counts, and the documents to the store in batches of
    /// [`BATCH`]: the same writes, in the same order, as one thread would make. Inputs whose
    /// reading is over are then finished.
    fn analyse_pending(&mut self) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let analyzer = self.analyzer;
        let mut meta = Vec::with_capacity(pending.len());
        let mut raws = Vec::with_capacity(pending.len());
        for p in pending {
            meta.push((p.file, p.origin, p.taken));
            raws.push(p.raw);
        }
        let outcomes: Vec<Outcome> = match self.pool {
            Some(pool) => pool.install(|| {
                raws.into_par_iter()
                    .map(|raw| analyse_one(analyzer, raw))
                    .collect()
            }),
            None => raws
                .into_iter()
                .map(|raw| analyse_one(analyzer, raw))
                .collect(),
        };
        for ((file, origin, taken), outcome) in meta.into_iter().zip(outcomes) {
            let Some(f) = self.files.get_mut(file - self.first_file) else {
                continue;
            };
            let built = matches!(outcome, Outcome::Built(_));
            if let Some(mut t) = taken {
                // an item that gave no article is recorded as taken too: it would give none again
                t.article = built.then_some(self.batch.len());
                self.taken.push(t);
            }
            match outcome {
                Outcome::Built(built) => {
                    let (doc, notes, a) = *built;
                    for note in notes {
                        self.pb
                            .suspend(|| eprintln!("note: {}: {note}", doc.source));
                    }
                    f.read += 1;
                    self.batch.push((doc, Some(a)));
                    if self.batch.len() >= BATCH {
                        self.flush()?;
                    }
                }
                Outcome::Failed(e) => {
                    self.pb.suspend(|| eprintln!("skipped: {e}"));
                    f.skipped += 1;
                    f.named |= origin.starts_with(&f.name);
                }
                Outcome::Panicked(msg) => {
                    self.pb
                        .suspend(|| eprintln!("skipped: {origin}: internal error: {msg}"));
                    f.named |= origin.starts_with(&f.name);
                    f.skipped += 1;
                    self.summary.panics += 1;
                }
            }
        }
        self.finish_files();
        Ok(())
    }

    /// Writes the messages of the inputs whose items are all read and analysed, in input order.
    fn finish_files(&mut self) {
        while self.files.front().is_some_and(|f| f.done)
            && self
                .pending
                .first()
                .is_none_or(|p| p.file > self.first_file)
        {
            let Some(f) = self.files.pop_front() else {
                break;
            };
            self.first_file += 1;
            let name = &f.name;
            let (read, skipped) = (f.read, f.skipped);
            if let Some(e) = &f.unlisted {
                self.pb.suspend(|| eprintln!("skipped: {e}"));
                self.summary.errors += 1;
                continue;
            }
            self.summary.errors += skipped;
            if let Some(msg) = &f.reading_panic {
                self.pb.suspend(|| {
                    eprintln!("skipped: {name}: internal error while reading (after {read} article(s)): {msg}")
                });
                self.summary.errors += 1;
                self.summary.panics += 1;
            } else if read == 0 && skipped == 0 {
                self.pb
                    .suspend(|| eprintln!("skipped: {name}: no article found in it"));
                self.summary.errors += 1;
                self.summary.empty += 1;
            } else if read == 0 && !f.named {
                // Its items were skipped under their own names (URLs): say which file gave nothing.
                self.pb.suspend(|| {
                    eprintln!("{name}: no article read ({skipped} item(s) skipped, above)")
                });
            }
            self.articles += read;
            self.pb.set_message(format!("{} articles", self.articles));
        }
    }
}

/// What analyses articles: the analyzer (its knowledge base and models, loaded once) and the
/// threads it runs on. A long-running caller (`khabar watch`) keeps one across ingests.
pub struct Engine {
    analyzer: Analyzer,
    /// `None`: analyse on the calling thread only.
    pool: Option<rayon::ThreadPool>,
}

impl Engine {
    /// Loads the analyzer and starts `threads` analysis threads (0: every core; 1: none, the
    /// calling thread analyses).
    pub fn new(threads: usize) -> Result<Engine> {
        let analyzer = Analyzer::new().context("loading the knowledge base and models")?;
        let pool = if threads == 1 {
            None
        } else {
            // 0: rayon's default, every core (or RAYON_NUM_THREADS)
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("khabar-analyse-{i}"))
                    .build()
                    .context("starting the analysis threads")?,
            )
        };
        Ok(Engine { analyzer, pool })
    }

    fn start<'a>(
        &'a self,
        store: &'a mut dyn Store,
        index: Option<&'a search::Index>,
        pb: ProgressBar,
    ) -> Result<Ingest<'a>> {
        let writer = index
            .map(search::Index::writer)
            .transpose()
            .context("opening the search index for writing")?;
        Ok(Ingest {
            analyzer: &self.analyzer,
            pool: self.pool.as_ref(),
            store,
            writer,
            pb,
            pending: Vec::with_capacity(BATCH),
            batch: Vec::with_capacity(BATCH),
            taken: Vec::new(),
            files: VecDeque::new(),
            first_file: 0,
            summary: Summary::default(),
            seen: HashSet::new(),
            articles: 0,
        })
    }

    /// Ingests the items of one feed poll (`khabar watch`) as one input named `name`: each
    /// item is cleaned, analysed and stored as the items of a file are, and the feed item it
    /// came from is recorded in the transaction that stores its article.
    pub fn ingest_items(
        &self,
        store: &mut dyn Store,
        index: Option<&search::Index>,
        name: &str,
        items: Vec<(Result<RawArticle, IngestError>, SeenItem)>,
    ) -> Result<Summary> {
        let mut run = self.start(store, index, ProgressBar::hidden())?;
        run.input(name.to_string(), |emit| {
            for (raw, taken) in items {
                emit(raw, Some(taken));
            }
        })?;
        run.finish()
    }
}

/// Where an input's items go: each with the feed item it came from, if any.
type Emit<'e> = dyn FnMut(Result<RawArticle, IngestError>, Option<SeenItem>) + 'e;

impl Ingest<'_> {
    /// Reads one input named `name` through `read`, which emits its items. A panic while
    /// reading is caught and reported with the input's name; a store failure ends the run.
    fn input(&mut self, name: String, read: impl FnOnce(&mut Emit<'_>)) -> Result<()> {
        use std::panic::{catch_unwind, AssertUnwindSafe};
        let file = self.first_file + self.files.len();
        self.files.push_back(FileState::new(name));
        // A store failure ends the run after the input.
        let mut fatal: Option<anyhow::Error> = None;
        let outer = catch_unwind(AssertUnwindSafe(|| {
            read(&mut |raw, taken| {
                if fatal.is_some() {
                    return;
                }
                let origin = match &raw {
                    Ok(r) => r.source.clone(),
                    Err(e) => e.origin().to_string(),
                };
                self.pending.push(Pending {
                    file,
                    origin,
                    raw,
                    taken,
                });
                if self.pending.len() >= BATCH {
                    if let Err(e) = self.analyse_pending() {
                        fatal = Some(e);
                    }
                }
            })
        }));
        if let Some(f) = self.files.back_mut() {
            f.done = true;
            if let Err(p) = outer {
                f.reading_panic = Some(panic_message(p.as_ref()));
            }
        }
        if let Some(e) = fatal {
            return Err(e);
        }
        self.finish_files();
        self.pb.inc(1);
        Ok(())
    }

    /// Analyses and writes what is left; the run's summary.
    fn finish(mut self) -> Result<Summary> {
        self.analyse_pending()?;
        self.flush()?;
        self.pb.finish_and_clear();
        Ok(self.summary)
    }
}

/// Read, clean and analyse every input, writing the articles to the store and the search
/// index in batches of [`BATCH`] as they stream (a large file is never held whole: memory is
/// bounded by the batch, and a stopped run loses at most one batch). Items are read on this
/// thread and cleaned and analysed in batches of [`BATCH`] on `options.threads` threads; the
/// outcomes are taken in input order, so the store, the ids, the messages and every output are
/// those of one thread. A bad input is reported on stderr and skipped; a panic while reading or
/// analysing one input is caught, reported with the input's name and counted, and the run goes
/// on. A file that gives no article and no error is reported as empty.
#[cfg_attr(not(feature = "fetch"), allow(unused_variables))]
pub fn ingest_with(
    store: &mut dyn Store,
    index: Option<&search::Index>,
    paths: &[PathBuf],
    options: &mut Options,
) -> Result<Summary> {
    let engine = Engine::new(options.threads)?;
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
    let mut run = engine.start(store, index, pb.clone())?;
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                let mut f = FileState::new(String::new());
                f.unlisted = Some(e.to_string());
                f.done = true;
                run.files.push_back(f);
                run.finish_files();
                run.pb.inc(1);
                continue;
            }
        };
        #[cfg(feature = "fetch")]
        let mut fetcher = options.fetcher.as_mut().filter(|_| is_feed(&path));
        let pb = pb.clone();
        run.input(path.display().to_string(), |emit| {
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
                emit(raw, None)
            })
        })?;
    }
    run.finish()
}

/// Keep the stories current: place every article written since the last update (by this
/// process or another) into stories, touching only the stories near them in time
/// ([`khabar_store::StoreOps::update_stories`]); the first update of a store groups it whole. Ids shown
/// before are kept.
pub fn update_stories(store: &mut dyn Store) -> Result<StoryUpdate> {
    store
        .update_stories(&khabar_story::Config::default())
        .context("placing the new articles into stories")
}

/// Group every stored article into stories again in one pass (`khabar regroup`, `run
/// --regroup`). Stories keep the ids they were shown with (growth, late older articles,
/// regrouping); a story merged into another leaves a redirect to the survivor
/// ([`khabar_story::keep_ids`]).
pub fn regroup(store: &mut dyn Store) -> Result<StoryUpdate> {
    store
        .regroup_stories(&khabar_story::Config::default())
        .context("grouping the stored articles into stories")
}

/// The ingest every interface uses (`run`, `ingest`, a feed watcher): read, analyse and store
/// `paths` ([`ingest_with`]), then keep the stories current ([`update_stories`]).
pub fn ingest(
    store: &mut dyn Store,
    index: Option<&search::Index>,
    paths: &[PathBuf],
    options: &mut Options,
) -> Result<(Summary, StoryUpdate)> {
    let summary = ingest_with(store, index, paths, options)?;
    let update = update_stories(store)?;
    Ok((summary, update))
}

/// The stored stories holding any of `ids`, each once, in the stream's founding order
/// (undated last, then by first publication and founding article).
pub fn stories_of(store: &dyn Store, ids: &[ArticleId]) -> Result<Vec<Story>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ids {
        let Some(sid) = store.story_of(id).context("finding an article's story")? else {
            continue;
        };
        if seen.insert(sid.clone()) {
            if let Some(s) = store.story(&sid).context("reading a story")? {
                out.push(s);
            }
        }
    }
    out.sort_by(|a, b| {
        let key = |s: &Story| {
            (
                s.first_published.is_none(),
                s.first_published.map(|p| p.timestamp()),
                s.articles.first().cloned(),
            )
        };
        key(a).cmp(&key(b))
    });
    Ok(out)
}
