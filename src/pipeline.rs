//! The CLI's side of an ingest: the progress bar, `--fetch`, and the library (`khabar-app`)
//! over the store and index `--db` / `--index` name. The ingest itself (read, clean, analyse,
//! store, index, stories) is the library's.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use khabar_app::{Index, Library, Progress};
use khabar_store::{Store, StoryUpdate};
use std::path::{Path, PathBuf};

pub use khabar_app::Summary;

/// Prints the notes of an ingest's summary on stderr (aliases, renamed ids, skipped inputs).
pub fn exit_note(summary: &Summary) {
    for line in summary.notes() {
        eprintln!("{line}");
    }
}

/// Opens the search index in `dir`, rebuilt first when it is out of step with the store.
pub fn open_index(dir: &Path, store: &dyn Store) -> Result<Index> {
    khabar_app::index::open_at(dir, store)
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

/// The progress bar of an ingest: messages are printed above it.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, inputs: usize) {
        self.0.set_length(inputs as u64);
    }
    fn message(&self, line: &str) {
        self.0.suspend(|| eprintln!("{line}"));
    }
    fn input_read(&self) {
        self.0.inc(1);
    }
    fn articles(&self, count: usize) {
        self.0.set_message(format!("{count} articles"));
    }
}

/// The ingest of `run` and `ingest`: read, clean, analyse and store `paths` through the
/// library (progress on stderr unless quiet; `--fetch` applied to the items of feeds), then
/// keep the stories current, or group the whole store again with `regroup`.
#[cfg_attr(not(feature = "fetch"), allow(unused_mut))]
pub fn ingest(
    lib: &mut Library,
    paths: &[PathBuf],
    options: &mut Options,
    regroup: bool,
) -> Result<(Summary, StoryUpdate)> {
    let target = if options.quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(0), target);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {msg} [{elapsed}]")
    {
        pb.set_style(style);
    }
    let bar = Bar(pb.clone());
    #[cfg(feature = "fetch")]
    let result = {
        let mut last: Option<(PathBuf, bool)> = None;
        let mut fetch_feed_items = |path: &Path, mut raw: khabar_ingest::RawArticle| {
            let Some(fetcher) = options.fetcher.as_mut() else {
                return raw;
            };
            let feed = match &last {
                Some((p, feed)) if p == path => *feed,
                _ => {
                    let feed = is_feed(path);
                    last = Some((path.to_path_buf(), feed));
                    feed
                }
            };
            if feed {
                if let Err(e) = crate::fetch::fetch_linked(fetcher, &mut raw) {
                    pb.suspend(|| eprintln!("not fetched, the feed's text is kept: {e}"));
                }
            }
            raw
        };
        lib.ingest(paths, Some(&mut fetch_feed_items), &bar, regroup)
    };
    #[cfg(not(feature = "fetch"))]
    let result = lib.ingest(paths, None, &bar, regroup);
    pb.finish_and_clear();
    Ok(result?)
}
