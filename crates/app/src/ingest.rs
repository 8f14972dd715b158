//! The ingest: items read from inputs are cleaned and analysed (on a thread pool), then
//! written to the store and the search index in batches, in input order.

use crate::index::{self, Index};
use crate::{AppError, Progress, Stderr};
use khabar_analyze::Analyzer;
use khabar_ingest::{IngestError, RawArticle};
use khabar_model::{Analysis, ArticleId, Document};
use khabar_store::{PutStatus, SeenItem, Store};
use rayon::prelude::*;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

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
    /// What a person should be told after the run (the CLI prints each line on stderr): ids
    /// kept as aliases, ids taken by other articles, and the counts of skipped inputs.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (given, stored) in &self.same_text {
            out.push(format!(
                "{given}: same text as {stored}; {given} is kept as another id of it"
            ));
        }
        for (given, stored) in &self.renamed {
            out.push(format!(
                "warning: id {given} already names a different article (other url and text); stored as {stored}"
            ));
        }
        if self.errors > 0 {
            out.push(format!(
                "{} input(s) skipped; see the messages above",
                self.errors
            ));
        }
        if self.empty > 0 {
            out.push(format!("{} file(s) gave no article", self.empty));
        }
        if self.panics > 0 {
            out.push(format!(
                "{} input(s) hit an internal error (a bug: please report it with the input)",
                self.panics
            ));
        }
        out
    }
}

fn flush(
    store: &mut dyn Store,
    index: Option<&mut index::Writer<'_>>,
    batch: &mut Vec<(Document, Option<Analysis>)>,
    taken: &mut Vec<SeenItem>,
    s: &mut Summary,
    seen: &mut HashSet<ArticleId>,
) -> Result<(), AppError> {
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
        .map_err(AppError::store("writing articles to the store"))?;
    taken.clear();
    // The index follows the store's change sequence after every batch (this run's writes and
    // any other process's), so that a stopped run leaves store and index in step.
    if let Some(index) = index {
        index::catch_up(store, index).map_err(AppError::index("updating the search index"))?;
        index
            .commit()
            .map_err(|e| AppError::index("committing the search index")(e.into()))?;
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
pub(crate) struct Ingest<'a> {
    /// The engine, once it is needed (it may still be loading while the first items are read).
    engine: EngineRef<'a>,
    /// Where the batches are written.
    sink: Sink<'a>,
    progress: &'a dyn Progress,
    /// The batch being analysed on the pool while the next one is read.
    in_flight: Option<InFlight>,
    pending: Vec<Pending>,
    batch: Vec<(Document, Option<Analysis>)>,
    /// Feed items done since the last write, each with its place in `batch` (or none).
    taken: Vec<SeenItem>,
    /// Inputs not yet finished; `files[0]` is input number `first_file`.
    files: VecDeque<FileState>,
    first_file: usize,
    summary: Summary,
    articles: usize,
}

/// The engine of an ingest, taken from its slot when the first items are analysed (so that
/// reading the first items overlaps loading it).
pub(crate) struct EngineRef<'a> {
    slot: &'a crate::EngineSlot,
    threads: usize,
}

impl<'a> EngineRef<'a> {
    pub(crate) fn new(slot: &'a crate::EngineSlot, threads: usize) -> Self {
        EngineRef { slot, threads }
    }

    fn get(&self) -> Result<&'a Engine, AppError> {
        self.slot.get(self.threads)
    }
}

/// A batch of items being cleaned and analysed on the pool: their places, and where the
/// outcomes come back (in input order).
struct InFlight {
    meta: Vec<(usize, String, Option<SeenItem>)>,
    outcomes: mpsc::Receiver<Vec<Outcome>>,
}

/// A batch for the store, with the feed items done since the last one.
type Job = (Vec<(Document, Option<Analysis>)>, Vec<SeenItem>);

/// Where an ingest's batches go: written on the calling thread (one thread: `--threads 1`),
/// or handed to the writer thread, which writes batch k while batch k+1 is analysed.
enum Sink<'a> {
    Here(Box<Writing<'a>>),
    Thread(mpsc::SyncSender<Job>),
}

/// What writes the batches: the store, the index writer, and what the store's outcomes tell
/// (the ids and counts of the summary).
pub(crate) struct Writing<'a> {
    store: &'a mut dyn Store,
    /// None: no search index is kept by this run (a shared database's servers keep theirs).
    writer: Option<index::Writer<'a>>,
    summary: Summary,
    seen: HashSet<ArticleId>,
}

impl Writing<'_> {
    fn write(&mut self, job: Job) -> Result<(), AppError> {
        let (mut batch, mut taken) = job;
        flush(
            self.store,
            self.writer.as_mut(),
            &mut batch,
            &mut taken,
            &mut self.summary,
            &mut self.seen,
        )
    }

    /// The summary of the run: the store's part from here, the reading's from `read`.
    fn summary(self, read: Summary) -> Summary {
        Summary {
            errors: read.errors,
            panics: read.panics,
            empty: read.empty,
            ..self.summary
        }
    }
}

impl Ingest<'_> {
    /// Writes the batch (and the feed items done) to the store and the index.
    fn flush(&mut self) -> Result<(), AppError> {
        if self.batch.is_empty() && self.taken.is_empty() {
            return Ok(());
        }
        let job = (
            std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH)),
            std::mem::take(&mut self.taken),
        );
        match &mut self.sink {
            Sink::Here(w) => w.write(job),
            // The writer thread stopped on an error, which the run reports when it joins it.
            Sink::Thread(tx) => tx.send(job).map_err(|_| AppError::WriterStopped),
        }
    }

    /// Analyses the waiting items (in parallel when there is a pool), then walks the outcomes
    /// in input order: messages, counts, and the documents to the store in batches of
    /// [`BATCH`]: the same writes, in the same order, as one thread would make. Inputs whose
    /// reading is over are then finished.
    fn analyse_pending(&mut self) -> Result<(), AppError> {
        let pending = std::mem::take(&mut self.pending);
        let mut meta = Vec::with_capacity(pending.len());
        let mut raws = Vec::with_capacity(pending.len());
        for p in pending {
            meta.push((p.file, p.origin, p.taken));
            raws.push(p.raw);
        }
        if raws.is_empty() {
            self.take_in_flight()?;
            self.finish_files();
            return Ok(());
        }
        let engine = self.engine.get()?;
        match &engine.pool {
            Some(pool) => {
                // The batch before first, in input order; this one is analysed on the pool
                // while the caller reads the next.
                self.take_in_flight()?;
                let (tx, rx) = mpsc::channel();
                let analyzer = engine.analyzer.clone();
                pool.spawn(move || {
                    let outcomes: Vec<Outcome> = raws
                        .into_par_iter()
                        .map(|raw| analyse_one(&analyzer, raw))
                        .collect();
                    // a run that stopped no longer waits for them
                    let _ = tx.send(outcomes);
                });
                self.in_flight = Some(InFlight { meta, outcomes: rx });
            }
            None => {
                let outcomes = raws
                    .into_iter()
                    .map(|raw| analyse_one(&engine.analyzer, raw))
                    .collect();
                self.take_outcomes(meta, outcomes)?;
            }
        }
        self.finish_files();
        Ok(())
    }

    /// Takes the outcomes of the batch on the pool, when there is one.
    fn take_in_flight(&mut self) -> Result<(), AppError> {
        if let Some(f) = self.in_flight.take() {
            let outcomes = f.outcomes.recv().map_err(|_| AppError::AnalysisStopped)?;
            self.take_outcomes(f.meta, outcomes)?;
        }
        Ok(())
    }

    /// Walks the outcomes of a batch in input order: messages, counts, and the documents to
    /// the store in batches of [`BATCH`].
    fn take_outcomes(
        &mut self,
        meta: Vec<(usize, String, Option<SeenItem>)>,
        outcomes: Vec<Outcome>,
    ) -> Result<(), AppError> {
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
                        self.progress
                            .message(&format!("note: {}: {note}", doc.source));
                    }
                    f.read += 1;
                    self.batch.push((doc, Some(a)));
                    if self.batch.len() >= BATCH {
                        self.flush()?;
                    }
                }
                Outcome::Failed(e) => {
                    self.progress.message(&format!("skipped: {e}"));
                    f.skipped += 1;
                    f.named |= origin.starts_with(&f.name);
                }
                Outcome::Panicked(msg) => {
                    self.progress
                        .message(&format!("skipped: {origin}: internal error: {msg}"));
                    f.named |= origin.starts_with(&f.name);
                    f.skipped += 1;
                    self.summary.panics += 1;
                }
            }
        }
        Ok(())
    }

    /// Writes the messages of the inputs whose items are all read and analysed, in input order.
    fn finish_files(&mut self) {
        while self.files.front().is_some_and(|f| f.done)
            && self
                .pending
                .first()
                .is_none_or(|p| p.file > self.first_file)
            && self
                .in_flight
                .as_ref()
                .and_then(|f| f.meta.first())
                .is_none_or(|m| m.0 > self.first_file)
        {
            let Some(f) = self.files.pop_front() else {
                break;
            };
            self.first_file += 1;
            let name = &f.name;
            let (read, skipped) = (f.read, f.skipped);
            if let Some(e) = &f.unlisted {
                self.progress.message(&format!("skipped: {e}"));
                self.summary.errors += 1;
                continue;
            }
            self.summary.errors += skipped;
            if let Some(msg) = &f.reading_panic {
                self.progress.message(&format!(
                    "skipped: {name}: internal error while reading (after {read} article(s)): {msg}"
                ));
                self.summary.errors += 1;
                self.summary.panics += 1;
            } else if read == 0 && skipped == 0 {
                self.progress
                    .message(&format!("skipped: {name}: no article found in it"));
                self.summary.errors += 1;
                self.summary.empty += 1;
            } else if read == 0 && !f.named {
                // Its items were skipped under their own names (URLs): say which file gave nothing.
                self.progress.message(&format!(
                    "{name}: no article read ({skipped} item(s) skipped, above)"
                ));
            }
            self.articles += read;
            self.progress.articles(self.articles);
        }
    }
}

/// What analyses articles: the analyzer (its knowledge base and models, loaded once) and the
/// threads it runs on. A long-running caller (`khabar watch`) keeps one across ingests.
pub struct Engine {
    analyzer: Arc<Analyzer>,
    /// `None`: analyse on the calling thread only.
    pub(crate) pool: Option<rayon::ThreadPool>,
}

impl Engine {
    /// Loads the analyzer and starts `threads` analysis threads (0: every core; 1: none, the
    /// calling thread analyses).
    pub fn new(threads: usize) -> Result<Engine, AppError> {
        let analyzer = Arc::new(Analyzer::new().map_err(AppError::Analyzer)?);
        let pool = if threads == 1 {
            None
        } else {
            // 0: rayon's default, every core (or RAYON_NUM_THREADS)
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("khabar-analyse-{i}"))
                    .build()
                    .map_err(AppError::Threads)?,
            )
        };
        Ok(Engine { analyzer, pool })
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }
}

/// Where an input's items go: each with the feed item it came from, if any.
type Emit<'e> = dyn FnMut(Result<RawArticle, IngestError>, Option<SeenItem>) + 'e;

impl Ingest<'_> {
    /// Reads one input named `name` through `read`, which emits its items. A panic while
    /// reading is caught and reported with the input's name; a store failure ends the run.
    pub(crate) fn input(
        &mut self,
        name: String,
        read: impl FnOnce(&mut Emit<'_>),
    ) -> Result<(), AppError> {
        use std::panic::{catch_unwind, AssertUnwindSafe};
        let file = self.first_file + self.files.len();
        self.files.push_back(FileState::new(name));
        // A store failure ends the run after the input.
        let mut fatal: Option<AppError> = None;
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
        self.progress.input_read();
        Ok(())
    }

    /// Analyses and writes what is left; the run's summary.
    /// Analyses and hands over what is left; the reading's part of the summary.
    fn finish(&mut self) -> Result<Summary, AppError> {
        self.analyse_pending()?;
        self.take_in_flight()?;
        self.finish_files();
        self.flush()?;
        Ok(std::mem::take(&mut self.summary))
    }
}

/// One ingest: `body` reads the inputs into `Ingest::input`; the batches are written on this
/// thread with one thread (`--threads 1`), else on a writer thread of their own, in order, while
/// the next batches are read and analysed. The store, the index, the ids and the messages are
/// the same either way.
fn run(
    engine: EngineRef<'_>,
    store: &mut dyn Store,
    index: Option<&Index>,
    progress: &dyn Progress,
    body: impl FnOnce(&mut Ingest<'_>) -> Result<(), AppError>,
) -> Result<Summary, AppError> {
    let writer = index
        .map(Index::writer)
        .transpose()
        .map_err(|e| AppError::index("opening the search index for writing")(e.into()))?;
    let writing = Writing {
        store,
        writer,
        summary: Summary::default(),
        seen: HashSet::new(),
    };
    let new = |engine, sink, progress| Ingest {
        engine,
        sink,
        progress,
        in_flight: None,
        pending: Vec::with_capacity(BATCH),
        batch: Vec::with_capacity(BATCH),
        taken: Vec::new(),
        files: VecDeque::new(),
        first_file: 0,
        summary: Summary::default(),
        articles: 0,
    };
    if engine.threads == 1 {
        let mut run = new(engine, Sink::Here(Box::new(writing)), progress);
        body(&mut run)?;
        let read = run.finish()?;
        let Sink::Here(writing) = run.sink else {
            return Err(AppError::WriterStopped);
        };
        return Ok((*writing).summary(read));
    }
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Job>(1);
        let writer = std::thread::Builder::new()
            .name("khabar-write".into())
            .spawn_scoped(scope, move || {
                let mut writing = writing;
                for job in rx {
                    writing.write(job)?;
                }
                Ok::<_, AppError>(writing)
            })
            .map_err(AppError::WriterThread)?;
        let mut run = new(engine, Sink::Thread(tx), progress);
        let read = body(&mut run).and_then(|()| run.finish());
        // the writer ends when the last batch is written
        drop(run);
        let written = writer.join().map_err(|_| AppError::WriterStopped)?;
        match (read, written) {
            // a store failure is the cause of anything the reading saw after it
            (_, Err(e)) => Err(e),
            (Err(e), Ok(_)) => Err(e),
            (Ok(read), Ok(writing)) => Ok(writing.summary(read)),
        }
    })
}

impl Ingest<'_> {}

impl Ingest<'_> {
    /// An input that could not be listed: reported in its turn, counted as skipped.
    fn unlisted(&mut self, error: String) {
        let mut f = FileState::new(String::new());
        f.unlisted = Some(error);
        f.done = true;
        self.files.push_back(f);
        self.finish_files();
        self.progress.input_read();
    }
}

/// Ingests the items of one feed poll (`khabar watch`) as one input named `name`: each
/// item is cleaned, analysed and stored as the items of a file are, and the feed item it
/// came from is recorded in the transaction that stores its article.
pub(crate) fn ingest_items(
    engine: EngineRef<'_>,
    store: &mut dyn Store,
    index: Option<&Index>,
    name: &str,
    items: Vec<(Result<RawArticle, IngestError>, SeenItem)>,
) -> Result<Summary, AppError> {
    run(engine, store, index, &Stderr, |run| {
        run.input(name.to_string(), |emit| {
            for (raw, taken) in items {
                emit(raw, Some(taken));
            }
        })
    })
}

/// What is done to each item read from a file before its cleanup (the CLI's `--fetch`
/// replaces a feed item's body by the page it links to): the file, the item.
pub type EachItem<'a> = dyn FnMut(&Path, RawArticle) -> RawArticle + 'a;

/// Reads, cleans and analyses every input, writing the articles to the store and the search
/// index in batches of [`BATCH`] as they stream (a large file is never held whole: memory is
/// bounded by the batch, and a stopped run loses at most one batch). Items are read on this
/// thread and cleaned and analysed in batches of [`BATCH`] on the engine's threads; the
/// outcomes are taken in input order, so the store, the ids, the messages and every output are
/// those of one thread. A bad input is reported through `progress` and skipped; a panic while
/// reading or analysing one input is caught, reported with the input's name and counted, and
/// the run goes on. A file that gives no article and no error is reported as empty.
pub(crate) fn ingest_paths(
    engine: EngineRef<'_>,
    store: &mut dyn Store,
    index: Option<&Index>,
    paths: &[PathBuf],
    each_item: Option<&mut EachItem<'_>>,
    progress: &dyn Progress,
) -> Result<Summary, AppError> {
    let inputs = khabar_ingest::list_inputs(paths);
    progress.start(inputs.len());
    run(engine, store, index, progress, |run| {
        read_inputs(run, inputs, each_item)
    })
}

fn read_inputs(
    run: &mut Ingest<'_>,
    inputs: Vec<Result<PathBuf, IngestError>>,
    mut each_item: Option<&mut EachItem<'_>>,
) -> Result<(), AppError> {
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                run.unlisted(e.to_string());
                continue;
            }
        };
        let each = each_item.as_deref_mut();
        run.input(path.display().to_string(), |emit| {
            let mut each = each;
            khabar_ingest::read_file(&path, &mut |raw| {
                let raw = match each.as_deref_mut() {
                    Some(f) => raw.map(|r| f(&path, r)),
                    None => raw,
                };
                emit(raw, None)
            })
        })?;
    }
    Ok(())
}
