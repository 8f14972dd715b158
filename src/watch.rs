//! `khabar watch`: follow RSS/Atom/JSON feeds and keep the store and its stories current.
//!
//! Each feed is asked for at its own interval with a conditional GET (the `ETag` and
//! `Last-Modified` of its last answer); a failed poll backs off exponentially (or as long as a
//! `Retry-After` says). Every new item's page is fetched ([`crate::fetch::Fetcher`]: robots.txt,
//! one request per host at a time with the host's interval, a User-Agent naming khabar), read
//! with the HTML extractor, and stored through the library's ingest ([`Library::ingest_items`]),
//! which records the feed item in the transaction that stores its article: a watcher killed at
//! any moment loses nothing and stores nothing twice. When a page cannot be had, the feed's own
//! text is taken and a warning says so. Stories are brought up to date after every write.

use crate::fetch::{FeedFetch, FetchConfig, FetchError, Fetcher};
use anyhow::{Context, Result};
use khabar_app::Library;
use khabar_ingest::feed::FeedItem;
use khabar_store::{Claim, FeedState, SeenItem};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One feed to follow.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedSpec {
    pub url: String,
    /// How often it is asked for (when it answers).
    pub every: Duration,
}

/// How the watcher runs.
pub struct WatchConfig {
    pub feeds: Vec<FeedSpec>,
    /// Poll every feed once, take what is new, and stop (for cron).
    pub once: bool,
    /// Fetch the page each item links to (else the feed's own text is taken).
    pub fetch_pages: bool,
    pub fetch: FetchConfig,
    /// The longest wait after failed polls.
    pub max_backoff: Duration,
    /// New items are written (and stories updated) at least every this many items…
    pub chunk_items: usize,
    /// …and at least this often while a feed's items are being fetched.
    pub chunk_time: Duration,
}

/// Reads a list of feeds: one URL a line, optionally followed by its interval in seconds;
/// blank lines and lines starting with `#` are skipped.
pub fn read_feed_list(path: &Path, every: Duration) -> Result<Vec<FeedSpec>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the feed list {}", path.display()))?;
    parse_feed_list(&text, every).with_context(|| format!("in the feed list {}", path.display()))
}

fn parse_feed_list(text: &str, every: Duration) -> Result<Vec<FeedSpec>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let url = fields.next().unwrap_or_default();
        check_url(url).with_context(|| format!("line {}", n + 1))?;
        let every = match fields.next() {
            None => every,
            Some(secs) => parse_interval(secs).with_context(|| format!("line {}", n + 1))?,
        };
        if let Some(extra) = fields.next() {
            anyhow::bail!("line {}: unexpected {extra:?} after the interval", n + 1);
        }
        out.push(FeedSpec {
            url: url.to_string(),
            every,
        });
    }
    Ok(out)
}

/// An http(s) URL with a host.
pub fn check_url(url: &str) -> Result<()> {
    let parsed = url::Url::parse(url).with_context(|| format!("{url:?} is not a URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        anyhow::bail!("{url:?} is not an http(s) URL");
    }
    Ok(())
}

/// Seconds (a number > 0) as a duration.
pub fn parse_interval(s: &str) -> Result<Duration> {
    let secs: f64 = s
        .parse()
        .with_context(|| format!("{s:?} is not a number of seconds"))?;
    if !(secs.is_finite() && secs > 0.0 && secs < 1e9) {
        anyhow::bail!("an interval must be a number of seconds > 0, not {s}");
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A stop request (Ctrl-C, SIGTERM) that sleeps can wait on.
#[derive(Default)]
pub struct Stop {
    asked: Mutex<bool>,
    wake: Condvar,
}

impl Stop {
    pub fn request(&self) {
        let mut a = self.asked.lock().unwrap_or_else(|p| p.into_inner());
        *a = true;
        self.wake.notify_all();
    }

    pub fn requested(&self) -> bool {
        *self.asked.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sleeps for `d` or until a stop is asked; whether it was.
    pub fn sleep(&self, d: Duration) -> bool {
        let guard = self.asked.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .wake
            .wait_timeout_while(guard, d, |asked| !*asked)
            .unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// Asks `stop` on the first Ctrl-C or SIGTERM; a second one ends the process at once (exit 130).
pub fn stop_on_signals() -> Result<Arc<Stop>> {
    let stop = Arc::new(Stop::default());
    let s = Arc::clone(&stop);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the signal handler")?;
    std::thread::Builder::new()
        .name("khabar-signals".into())
        .spawn(move || {
            rt.block_on(async move {
                #[cfg(unix)]
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
                for n in 0.. {
                    #[cfg(unix)]
                    let term_fut = async {
                        match term.as_mut() {
                            Some(t) => {
                                t.recv().await;
                            }
                            None => std::future::pending::<()>().await,
                        }
                    };
                    #[cfg(not(unix))]
                    let term_fut = std::future::pending::<()>();
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term_fut => {}
                    }
                    if n == 0 {
                        eprintln!(
                            "khabar: stopping after the current write (Ctrl-C again to stop at once)"
                        );
                        s.request();
                    } else {
                        eprintln!("khabar: stopped at once");
                        std::process::exit(130);
                    }
                }
            });
        })
        .context("starting the signal handler")?;
    Ok(stop)
}

/// What a watch did (for the exit code and the last line).
#[derive(Debug, Default)]
pub struct WatchSummary {
    pub polls: usize,
    pub failed_polls: usize,
    /// Feeds whose last poll failed.
    pub failing_feeds: usize,
    pub items: usize,
    pub inserted: usize,
    pub updated: usize,
    pub pages_fetched: usize,
    pub pages_missed: usize,
}

/// A feed's schedule in this process.
struct Feed {
    spec: FeedSpec,
    next: Instant,
    failures: u32,
}

/// How long a worker holds a feed while it polls it (released when the poll ends; a lease
/// left by a killed watcher runs out after this).
const LEASE: Duration = Duration::from_secs(15 * 60);

/// How long a worker waits before asking again for a feed another worker is polling.
const HELD_RETRY: Duration = Duration::from_secs(30);

/// This watcher's name in the feeds' leases: host and process, unique among the watchers of
/// one store at any moment.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "localhost".to_string());
    format!("{host}:{}", std::process::id())
}

/// Is `owner` (a [`worker_name`]) a process of this machine that no longer runs? False when
/// it cannot be told (another host, no `/proc`).
fn is_dead_here(owner: &str) -> bool {
    let Some((host, pid)) = owner.rsplit_once(':') else {
        return false;
    };
    let me = worker_name();
    let Some((my_host, _)) = me.rsplit_once(':') else {
        return false;
    };
    host == my_host
        && pid.parse::<u32>().is_ok()
        && Path::new("/proc/self").exists()
        && !Path::new("/proc").join(pid).exists()
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The wait after `failures` failed polls in a row: the interval doubled each time, capped.
fn backoff(every: Duration, failures: u32, max: Duration) -> Duration {
    let factor = 2u32.saturating_pow(failures.min(20));
    every.saturating_mul(factor).min(max.max(every))
}

/// The key of a feed item: its guid, else its link, else a hash of its title and text.
fn item_key(item: &FeedItem) -> String {
    if let Some(g) = &item.guid {
        return g.clone();
    }
    if let Some(u) = &item.url {
        return u.clone();
    }
    let text = format!(
        "{}\n{}",
        item.title.as_deref().unwrap_or(""),
        item.html().unwrap_or("")
    );
    format!("text:{}", khabar_ingest::fingerprint(&text))
}

/// The watcher: the store, its search index, the analysis engine and the fetcher.
pub struct Watcher<'a> {
    config: WatchConfig,
    /// The store, its search index (none: a shared database's servers keep theirs) and the
    /// analysis engine (loaded once, kept for the watcher's life).
    lib: &'a mut Library,
    fetcher: Fetcher,
    stop: Arc<Stop>,
    summary: WatchSummary,
    /// Items whose page failed for a passing reason (network, 5xx, busy), with the failures
    /// so far: they are left for the next poll, up to [`PAGE_TRIES`] times.
    page_failures: HashMap<(String, String), u32>,
    /// Stories wait for an update the store was too busy for.
    regroup_due: bool,
    /// This watcher's name in the feeds' leases ([`worker_name`]).
    worker: String,
}

/// How many polls an item waits for its page when the failure may pass; then the feed's text
/// is taken.
const PAGE_TRIES: u32 = 3;

/// Items fetched and waiting to be written.
struct Chunk {
    items: Vec<(
        Result<khabar_ingest::RawArticle, khabar_ingest::IngestError>,
        SeenItem,
    )>,
    since: Option<Instant>,
}

impl<'a> Watcher<'a> {
    pub fn new(config: WatchConfig, lib: &'a mut Library, stop: Arc<Stop>) -> Result<Self> {
        lib.engine()?;
        let fetcher = Fetcher::new(config.fetch.clone());
        Ok(Watcher {
            config,
            lib,
            fetcher,
            stop,
            summary: WatchSummary::default(),
            page_failures: HashMap::new(),
            regroup_due: false,
            worker: worker_name(),
        })
    }

    /// Follows the feeds until a stop is asked (or, with `once`, after one poll of each).
    pub fn run(mut self) -> Result<WatchSummary> {
        // Articles stored (or rewritten) by a run that stopped before placing them get their
        // stories first: the update places everything written since the stories' last update.
        let ungrouped = self
            .lib
            .store_mut()
            .ungrouped_count()
            .context("reading the store")?;
        if ungrouped > 0 {
            tracing::info!(
                articles = ungrouped,
                "placing articles left without a story"
            );
        }
        self.regroup()?;
        let start = Instant::now();
        let mut feeds: Vec<Feed> = Vec::with_capacity(self.config.feeds.len());
        for spec in &self.config.feeds {
            // A feed asked recently (by an earlier run) waits out its interval.
            let state = self
                .lib
                .store_mut()
                .feed_state(&spec.url)
                .context("reading the store")?;
            let wait = match &state {
                Some(FeedState {
                    polled_at: Some(at),
                    failures,
                    ..
                }) if !self.config.once => {
                    let gap = if *failures > 0 {
                        backoff(spec.every, *failures, self.config.max_backoff)
                    } else {
                        spec.every
                    };
                    let since = Duration::from_secs(u64::try_from(unix_now() - at).unwrap_or(0));
                    gap.saturating_sub(since)
                }
                _ => Duration::ZERO,
            };
            feeds.push(Feed {
                spec: spec.clone(),
                next: start + wait,
                failures: state.map_or(0, |s| s.failures),
            });
        }
        tracing::info!(
            feeds = feeds.len(),
            once = self.config.once,
            "watching (Ctrl-C stops)"
        );
        loop {
            let now = Instant::now();
            for feed in &mut feeds {
                if self.stop.requested() {
                    break;
                }
                if feed.next > now {
                    continue;
                }
                let wait = self.poll(feed)?;
                feed.next = Instant::now() + wait;
            }
            if self.config.once || self.stop.requested() {
                break;
            }
            let next = feeds.iter().map(|f| f.next).min();
            let wait = next.map_or(Duration::from_secs(60), |n| {
                n.saturating_duration_since(Instant::now())
            });
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "waiting for the next poll"
            );
            if self.stop.sleep(wait) {
                break;
            }
        }
        self.summary.failing_feeds = feeds.iter().filter(|f| f.failures > 0).count();
        tracing::info!(
            polls = self.summary.polls,
            failed = self.summary.failed_polls,
            items = self.summary.items,
            inserted = self.summary.inserted,
            "stopped"
        );
        Ok(self.summary)
    }

    /// Polls one feed, when no other watcher of the store is polling it and no other polled it
    /// within its interval, and takes its new items; how long until it is asked again. The
    /// feed's lease (see `khabar_store::StoreOps::claim_feed`) is held for the poll.
    fn poll(&mut self, feed: &mut Feed) -> Result<Duration> {
        let url = feed.spec.url.clone();
        let mut claimed = self
            .lib
            .store_mut()
            .claim_feed(&url, &self.worker, LEASE, None)
            .context("claiming the feed");
        // A lease left by a watcher of this machine that is gone (killed) is taken over now
        // instead of when it runs out.
        if let Ok(Claim::Held { owner, .. }) = &claimed {
            if is_dead_here(owner) {
                tracing::info!(feed = %url, owner = %owner, "taking over the lease of a stopped watcher");
                claimed = self
                    .lib
                    .store_mut()
                    .claim_feed(&url, &self.worker, LEASE, Some(owner))
                    .context("claiming the feed");
            }
        }
        let state = match claimed {
            Ok(Claim::Got(state)) => state,
            Ok(Claim::Held { owner, .. }) => {
                tracing::info!(feed = %url, owner = %owner, "another watcher is polling it");
                return Ok(feed.spec.every.min(HELD_RETRY));
            }
            Err(e) if store_busy(&e) => {
                tracing::warn!(feed = %url, "the store is busy ({e:#}); asking again later");
                return Ok(feed.spec.every.min(HELD_RETRY));
            }
            Err(e) => return Err(e),
        };
        // Another watcher may have polled it since this one planned to.
        if let (Some(at), false) = (state.polled_at, self.config.once) {
            let gap = if state.failures > 0 {
                backoff(feed.spec.every, state.failures, self.config.max_backoff)
            } else {
                feed.spec.every
            };
            let since = Duration::from_secs(u64::try_from(unix_now() - at).unwrap_or(0));
            if since < gap {
                self.lib
                    .store_mut()
                    .release_feed(&url, &self.worker)
                    .context("releasing the feed")?;
                tracing::debug!(feed = %url, "polled by another watcher meanwhile");
                feed.failures = state.failures;
                return Ok(gap - since);
            }
        }
        let polled = self.poll_claimed(feed, state);
        let released = self
            .lib
            .store_mut()
            .release_feed(&url, &self.worker)
            .context("releasing the feed");
        let wait = polled?;
        released?;
        Ok(wait)
    }

    /// Polls a feed this watcher holds; its state as the lease found it.
    fn poll_claimed(&mut self, feed: &mut Feed, mut state: FeedState) -> Result<Duration> {
        let url = feed.spec.url.clone();
        let t = Instant::now();
        self.summary.polls += 1;
        state.polled_at = Some(unix_now());
        let got =
            self.fetcher
                .get_feed(&url, state.etag.as_deref(), state.last_modified.as_deref());
        let parsed = match got {
            Ok(FeedFetch::NotModified) => {
                tracing::info!(feed = %url, status = 304, took_ms = ms(t), "not modified");
                Ok(None)
            }
            Ok(FeedFetch::Fetched {
                body,
                etag,
                last_modified,
            }) => match khabar_ingest::feed::parse_feed(&body) {
                Ok(items) => Ok(Some((items, etag, last_modified))),
                Err(e) => Err((e.to_string(), None)),
            },
            Err(FetchError::Busy {
                retry_after,
                ref url,
                status,
            }) => Err((format!("{url} is busy (HTTP {status})"), retry_after)),
            Err(e) => Err((e.to_string(), None)),
        };
        let (items, etag, last_modified) = match parsed {
            Ok(Some(x)) => x,
            Ok(None) => {
                feed.failures = 0;
                state.failures = 0;
                self.lib
                    .store_mut()
                    .set_feed_state(&url, &state)
                    .context("writing the feed's state")?;
                return Ok(feed.spec.every);
            }
            Err((message, retry_after)) => {
                feed.failures = feed.failures.saturating_add(1);
                self.summary.failed_polls += 1;
                let wait = backoff(feed.spec.every, feed.failures, self.config.max_backoff)
                    .max(retry_after.unwrap_or_default().min(self.config.max_backoff));
                tracing::warn!(
                    feed = %url,
                    failures = feed.failures,
                    retry_in_s = wait.as_secs_f64(),
                    "poll failed: {message}"
                );
                state.failures = feed.failures;
                self.lib
                    .store_mut()
                    .set_feed_state(&url, &state)
                    .context("writing the feed's state")?;
                return Ok(wait);
            }
        };
        let listed = items.len();
        let (new, stored, complete) = self.take_items(&url, items)?;
        feed.failures = 0;
        tracing::info!(
            feed = %url,
            status = 200,
            items = listed,
            new,
            stored,
            took_ms = ms(t),
            "polled"
        );
        // The validators are kept only when every new item was taken: a poll cut short by a
        // stop asks for the whole feed again.
        if complete {
            state.etag = etag;
            state.last_modified = last_modified;
        }
        state.failures = 0;
        self.lib
            .store_mut()
            .set_feed_state(&url, &state)
            .context("writing the feed's state")?;
        Ok(feed.spec.every)
    }

    /// Takes the items not seen before, oldest first: (new items, articles stored, whether
    /// every new item was taken).
    fn take_items(&mut self, feed: &str, items: Vec<FeedItem>) -> Result<(usize, usize, bool)> {
        let mut chunk = Chunk {
            items: Vec::new(),
            since: None,
        };
        let mut keys = HashSet::new();
        let mut links = HashSet::new();
        let (mut new, mut stored) = (0, 0);
        let mut complete = true;
        let n_items = items.len();
        // Feeds list the newest first: take them in time order.
        for (pos, item) in items.into_iter().enumerate().rev() {
            let key = item_key(&item);
            if !keys.insert(key.clone()) {
                continue;
            }
            let updated = item.updated.map(|t| t.timestamp());
            // An item taken before is taken again only when the feed says it was updated since.
            let again = match self
                .lib
                .store_mut()
                .item_seen(feed, &key)
                .context("reading the store")?
            {
                None => false,
                Some(rec) => match (rec.updated, updated) {
                    (Some(was), Some(now)) if now > was => true,
                    _ => continue,
                },
            };
            if self.stop.requested() {
                complete = false;
                break;
            }
            new += 1;
            let link = item.url.clone();
            let seen = SeenItem {
                feed: feed.to_string(),
                item: key,
                link: link.clone(),
                article: None,
                updated,
            };
            if again {
                tracing::info!(feed, item = %seen.item, "updated in the feed: taken again");
            }
            // A link already had (another feed, an earlier ingest) is not fetched again.
            if let (Some(l), false) = (&link, again) {
                if !links.insert(l.clone())
                    || self
                        .lib
                        .store_mut()
                        .link_seen(l)
                        .context("reading the store")?
                {
                    tracing::debug!(feed, link = %l, "already stored");
                    let recorded = self
                        .lib
                        .store_mut()
                        .put_articles_seen(&[], &[seen])
                        .context("recording a feed item");
                    match recorded {
                        Ok(_) => {}
                        Err(e) if store_busy(&e) => complete = false,
                        Err(e) => return Err(e),
                    }
                    continue;
                }
            }
            let mut raw = khabar_ingest::source::feed_item_article(item, feed, n_items - pos);
            if let (true, Ok(r)) = (self.config.fetch_pages, raw.as_mut()) {
                if r.url.is_some() {
                    let id = (feed.to_string(), seen.item.clone());
                    match crate::fetch::fetch_linked(&mut self.fetcher, r) {
                        Ok(()) => {
                            self.summary.pages_fetched += 1;
                            self.page_failures.remove(&id);
                        }
                        Err(e) => {
                            let tries = self.page_failures.entry(id.clone()).or_insert(0);
                            *tries += 1;
                            let tries = *tries;
                            if e.is_transient() && tries < PAGE_TRIES && !self.config.once {
                                // left for the next poll (the feed's validators are not kept)
                                tracing::warn!(
                                    feed,
                                    "page not fetched (try {tries} of {PAGE_TRIES}), asked again at the next poll: {e}"
                                );
                                complete = false;
                                continue;
                            }
                            self.page_failures.remove(&id);
                            self.summary.pages_missed += 1;
                            tracing::warn!(feed, "page not fetched, the feed's text is taken: {e}");
                        }
                    }
                }
            }
            chunk.since.get_or_insert_with(Instant::now);
            chunk.items.push((raw, seen));
            let due = chunk.items.len() >= self.config.chunk_items
                || chunk
                    .since
                    .is_some_and(|s| s.elapsed() >= self.config.chunk_time);
            if due {
                stored += self.write(feed, &mut chunk, &mut complete)?;
            }
        }
        stored += self.write(feed, &mut chunk, &mut complete)?;
        Ok((new, stored, complete))
    }

    /// Writes the waiting items and brings the stories up to date; articles stored. When the
    /// store stays locked by another process past its busy timeout, nothing of the chunk is
    /// recorded and `complete` is cleared: the items are taken again at the next poll.
    fn write(&mut self, feed: &str, chunk: &mut Chunk, complete: &mut bool) -> Result<usize> {
        if chunk.items.is_empty() {
            return Ok(0);
        }
        let items = std::mem::take(&mut chunk.items);
        chunk.since = None;
        let n = items.len();
        // A long poll (many pages to fetch) keeps its lease: renewed with every chunk.
        if let Err(e) = self
            .lib
            .store_mut()
            .claim_feed(feed, &self.worker, LEASE, None)
        {
            tracing::warn!(feed, "renewing the feed's lease: {e}");
        }
        let t = Instant::now();
        let s = match self
            .lib
            .ingest_items(feed, items)
            .context("ingesting the feed's items")
        {
            Ok(s) => s,
            Err(e) if store_busy(&e) => {
                tracing::warn!(
                    feed,
                    items = n,
                    "the store is busy ({e:#}); these items are taken again at the next poll"
                );
                *complete = false;
                return Ok(0);
            }
            Err(e) => return Err(e),
        };
        self.summary.items += n;
        self.summary.inserted += s.inserted;
        self.summary.updated += s.updated;
        let changed = s.inserted + s.updated;
        if changed > 0 || self.regroup_due {
            self.regroup()?;
        }
        tracing::info!(
            feed,
            items = n,
            inserted = s.inserted,
            updated = s.updated,
            skipped = s.errors,
            took_ms = ms(t),
            "stored"
        );
        Ok(s.ids.len())
    }

    /// Brings the stories up to date; a store kept busy by another process leaves it for the
    /// next write (or the next start).
    fn regroup(&mut self) -> Result<()> {
        let t = Instant::now();
        match self.lib.update_stories().context("updating the stories") {
            Ok(update) => {
                self.regroup_due = false;
                tracing::debug!(
                    articles = update.articles,
                    stories = update.stories.len(),
                    full = update.full,
                    took_ms = ms(t),
                    "stories updated"
                );
                Ok(())
            }
            Err(e) if store_busy(&e) => {
                self.regroup_due = true;
                tracing::warn!("the store is busy ({e:#}); the stories are updated later");
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// Did the store stay locked by another process past its busy timeout?
fn store_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<khabar_store::StoreError>()
            .is_some_and(khabar_store::StoreError::is_busy)
    })
}

fn ms(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_lists_take_urls_and_intervals() {
        let every = Duration::from_secs(300);
        let list = parse_feed_list(
            "# outlets\n\nhttps://a.example/rss\n  http://b.example/feed.xml 60 \n",
            every,
        )
        .unwrap();
        assert_eq!(
            list,
            vec![
                FeedSpec {
                    url: "https://a.example/rss".into(),
                    every
                },
                FeedSpec {
                    url: "http://b.example/feed.xml".into(),
                    every: Duration::from_secs(60)
                },
            ]
        );
        for bad in [
            "ftp://x.example/rss",
            "not a url",
            "https://a.example/rss 0",
            "https://a.example/rss -5",
            "https://a.example/rss 60 extra",
        ] {
            let e = parse_feed_list(bad, every).unwrap_err();
            assert!(format!("{e:#}").contains("line 1"), "{bad}: {e:#}");
        }
    }

    #[test]
    fn a_busy_store_is_told_from_other_failures() {
        let busy = |code| khabar_store::StoreError::Sqlite {
            context: "committing a batch".into(),
            source: rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
        };
        let e = anyhow::Error::new(busy(5)).context("writing articles to the store");
        assert!(store_busy(&e));
        // SQLITE_FULL is no passing state of another process
        let e = anyhow::Error::new(busy(13)).context("writing articles to the store");
        assert!(!store_busy(&e));
        assert!(!store_busy(&anyhow::anyhow!("database is busy")));
    }

    #[test]
    fn the_example_feed_list_reads() {
        let every = Duration::from_secs(300);
        let list = parse_feed_list(include_str!("../examples/watch-feeds.txt"), every).unwrap();
        assert!(!list.is_empty());
        assert!(list.iter().all(|f| f.url.starts_with("https://")));
    }

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let every = Duration::from_secs(10);
        let max = Duration::from_secs(600);
        assert_eq!(backoff(every, 1, max), Duration::from_secs(20));
        assert_eq!(backoff(every, 3, max), Duration::from_secs(80));
        assert_eq!(backoff(every, 30, max), max);
        // an interval above the cap is never shortened by it
        assert_eq!(
            backoff(Duration::from_secs(3600), 2, max),
            Duration::from_secs(3600)
        );
    }

    #[test]
    fn items_are_keyed_by_guid_then_link_then_text() {
        let mut item = FeedItem {
            guid: Some("urn:1".into()),
            url: Some("https://a.example/1".into()),
            title: Some("T".into()),
            summary: Some("<p>x</p>".into()),
            ..FeedItem::default()
        };
        assert_eq!(item_key(&item), "urn:1");
        item.guid = None;
        assert_eq!(item_key(&item), "https://a.example/1");
        item.url = None;
        let k = item_key(&item);
        assert!(k.starts_with("text:"));
        assert_eq!(k, item_key(&item.clone()));
        item.summary = Some("<p>y</p>".into());
        assert_ne!(k, item_key(&item));
    }

    #[test]
    fn only_a_gone_process_of_this_host_is_dead() {
        let me = worker_name();
        let (host, _) = me.rsplit_once(':').unwrap();
        assert!(!is_dead_here(&me), "this process runs");
        // beyond any pid_max
        assert!(is_dead_here(&format!("{host}:99999999")));
        assert!(!is_dead_here("another-host.example:99999999"));
        assert!(!is_dead_here("no pid here"));
    }

    #[test]
    fn a_stop_wakes_a_sleep() {
        let stop = Arc::new(Stop::default());
        let s = Arc::clone(&stop);
        let t = Instant::now();
        let h = std::thread::spawn(move || s.sleep(Duration::from_secs(30)));
        std::thread::sleep(Duration::from_millis(50));
        stop.request();
        assert!(h.join().unwrap());
        assert!(t.elapsed() < Duration::from_secs(10));
        assert!(stop.requested());
        assert!(stop.sleep(Duration::from_secs(30)));
    }
}
