//! khabar-server: the HTTP JSON API, the web UI and the exports.
//!
//! - [`serve`] runs the server on an address; [`router`] builds the same [`axum::Router`] for
//!   in-process use (tests call it with `tower::ServiceExt::oneshot`, no port needed).
//! - The server keeps a [`snapshot::Snapshot`] in memory (story list, article metadata, the entity
//!   index), built from the store at start and rebuilt whenever the store's change sequence moves
//!   (an ingest through the API, or by another process: checked every second, see `watch`).
//! - Writes go through the application layer (`khabar-app`): one [`khabar_app::Library`] owns
//!   the write connection, the search index and the analyzer (loaded once), and runs the same
//!   ingest as the CLI (store → index → stories); this crate keeps HTTP only.
//! - Search goes through a tantivy index ([`search`], the library's `index` module): next to a SQLite store (`<db>.search/`),
//!   in a folder of the server's own for a store without a local file (PostgreSQL: each server
//!   keeps its own index, see [`search::default_dir`]); opened at start (rebuilt when out of
//!   step with the store), caught up with the store's change sequence and updated by every
//!   ingest. Article texts and analyses are read from the store per request, through a small
//!   pool of connections (`Box<dyn Store>`; SQLite's WAL mode lets readers run side by side).
//! - Read-only by default: `POST /api/articles` answers 403 unless the server was started with
//!   `allow_ingest`.
//! - [`export()`] streams articles, stories, entities or facts as JSONL or CSV;
//!   [`export_parquet`] as Parquet (cargo feature `parquet`).

mod api;
pub mod export;
mod feeds;
mod gate;
mod html;
mod pages;
#[cfg(feature = "parquet")]
pub mod parquet_export;
mod rank;
/// The search index kept in step with the store (the application layer's [`khabar_app::index`]).
pub use khabar_app::index as search;
pub mod snapshot;
pub mod wire;

pub use export::{export, ExportError, ExportFilters, ExportFormat, ExportWhat};
#[cfg(feature = "parquet")]
pub use parquet_export::export_parquet;

/// Without the `parquet` feature: an error that says how to get it.
#[cfg(not(feature = "parquet"))]
pub fn export_parquet<W: std::io::Write + Send>(
    _store: &dyn khabar_store::Store,
    _what: ExportWhat,
    _filters: &ExportFilters,
    _out: W,
) -> Result<usize, ExportError> {
    Err(ExportError::BadArgument(
        "this khabar was built without Parquet support: build it with `--features parquet`".into(),
    ))
}

use axum::Router;
use khabar_app::Library;
use khabar_store::{DbSpec, Store, StoreError};
use snapshot::Snapshot;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

/// The largest request body accepted (POST ingest), in bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// The default and largest page sizes of list endpoints.
pub const DEFAULT_PAGE: usize = 50;
pub const MAX_PAGE: usize = 500;
/// Requests that take longer than this are answered 408 (ingests excepted: see
/// `timeout_unless_writing`).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// `POST /api/articles` requests that may wait for (or hold) the ingest at once; more are
/// answered 429 with `Retry-After`.
pub const INGEST_QUEUE: usize = 8;

/// How `khabar serve` runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store: a SQLite file or a PostgreSQL URL.
    pub db: DbSpec,
    /// The search index's folder; None: beside a SQLite file (`<db>.search/`), else a
    /// folder per database under the user's cache ([`search::default_dir`]).
    pub index: Option<PathBuf>,
    /// Where to listen (`127.0.0.1:8080` by default).
    pub addr: SocketAddr,
    /// Accept `POST /api/articles`.
    pub allow_ingest: bool,
    /// Reader connections to the database (at least 1).
    pub readers: usize,
    /// How often to look for changes made by other processes (a `khabar ingest` run while the
    /// server runs): when the store's change sequence moved, the search index is caught up and
    /// reloaded and the in-memory snapshot rebuilt. None: never.
    pub watch: Option<Duration>,
    /// Headers not in after this long, or a connection idle this long: closed.
    pub header_timeout: Duration,
    /// Bearer tokens that may `POST /api/articles` (None: no token asked when ingest is
    /// allowed; Some: ingest allowed, with one of these tokens only).
    pub ingest_tokens: Option<Vec<String>>,
}

impl ServeConfig {
    /// A configuration for the store `db` (a path, or anything [`DbSpec`] is made from).
    pub fn new(db: impl Into<DbSpec>) -> Self {
        ServeConfig {
            db: db.into(),
            index: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            allow_ingest: false,
            readers: 4,
            watch: Some(Duration::from_secs(1)),
            header_timeout: HEADER_TIMEOUT,
            ingest_tokens: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot load the analyzer for ingest: {0}")]
    Analyzer(#[source] khabar_app::AppError),
    #[error(transparent)]
    Search(#[from] search::SyncError),
    #[error(transparent)]
    Open(#[from] khabar_store::OpenError),
}

impl ServeConfig {
    /// The search index's folder: [`ServeConfig::index`] when set, else
    /// [`search::default_dir`] of the store.
    pub fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| search::default_dir(&self.db))
    }
}

/// How much of the database file each server connection maps into memory for reads (SQLite
/// caps it at its own limit, 2 GB by default); the mapping shares the kernel's page cache.
const READ_MAP_BYTES: i64 = 1 << 34;

/// The connections the server reads through, and the library that writes (its own connection,
/// the search index, the analyzer).
pub(crate) struct Db {
    conns: Vec<Mutex<Box<dyn Store>>>,
    next: AtomicUsize,
    library: Mutex<Library>,
}

impl Db {
    /// The library, for a write (one at a time). A panic while it was held cannot leave its
    /// connection half-written (transactions roll back on drop), so it is still usable.
    pub(crate) fn library(&self) -> std::sync::MutexGuard<'_, Library> {
        match self.library.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Runs `f` on one of the read connections (the first free one, else round robin), or on
    /// the library's when there is no other (a state over one store). Never call it while
    /// holding [`Db::library`].
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut dyn Store) -> T) -> T {
        if self.conns.is_empty() {
            return f(self.library().store_mut());
        }
        for c in &self.conns {
            if let Ok(mut g) = c.try_lock() {
                return f(g.as_mut());
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len();
        let mut g = match self.conns[i].lock() {
            Ok(g) => g,
            // A panic while holding the lock cannot leave a connection half-written
            // (transactions roll back on drop), so the connection is still usable.
            Err(poisoned) => poisoned.into_inner(),
        };
        f(g.as_mut())
    }
}

pub(crate) struct Inner {
    pub(crate) db: Db,
    pub(crate) snap: RwLock<Arc<Snapshot>>,
    /// The library's search index, searched by requests while ingests write it.
    pub(crate) search: Arc<search::Index>,
    pub(crate) allow_ingest: bool,
    pub(crate) ingest_lock: tokio::sync::Mutex<()>,
    /// POSTs waiting for or holding `ingest_lock`; one more is answered 429.
    pub(crate) ingest_queue: tokio::sync::Semaphore,
    /// Bearer tokens that may ingest (unset: none asked).
    pub(crate) ingest_tokens: OnceLock<Vec<String>>,
    /// One permit per connection for blocking reads ([`AppState::read_blocking`]).
    pub(crate) reads: tokio::sync::Semaphore,
}

/// What every handler shares: the store connections and the current snapshot.
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

impl AppState {
    /// A state over already-open stores (the first one is the library's, which writes; the
    /// others read, or the first one too when it is alone), with a search index built in
    /// memory. Builds the snapshot.
    pub fn new(
        stores: Vec<impl Into<Box<dyn Store>>>,
        allow_ingest: bool,
    ) -> Result<AppState, ServerError> {
        let stores: Vec<Box<dyn Store>> = stores.into_iter().map(Into::into).collect();
        let Some(first) = stores.first() else {
            return Err(ServerError::Io(std::io::Error::other(
                "no database connection",
            )));
        };
        let index = search::in_memory_for_store(first.as_ref())?;
        AppState::with_index(stores, allow_ingest, index)
    }

    /// A state over already-open stores and a search index in step with them.
    pub fn with_index(
        stores: Vec<impl Into<Box<dyn Store>>>,
        allow_ingest: bool,
        index: search::Index,
    ) -> Result<AppState, ServerError> {
        let mut stores: Vec<Box<dyn Store>> = stores.into_iter().map(Into::into).collect();
        if stores.is_empty() {
            return Err(ServerError::Io(std::io::Error::other(
                "no database connection",
            )));
        }
        let writer = stores.remove(0);
        let snap = Snapshot::build(writer.as_ref())?;
        let permits = stores.len().max(1);
        // the server analyses a request's articles on its own blocking thread
        let library = Library::new(writer, Some(index)).with_threads(1);
        let Some(search) = library.index().cloned() else {
            return Err(ServerError::Io(std::io::Error::other("no search index")));
        };
        Ok(AppState {
            inner: Arc::new(Inner {
                db: Db {
                    conns: stores.into_iter().map(Mutex::new).collect(),
                    next: AtomicUsize::new(0),
                    library: Mutex::new(library),
                },
                snap: RwLock::new(Arc::new(snap)),
                search,
                allow_ingest,
                ingest_lock: tokio::sync::Mutex::new(()),
                ingest_queue: tokio::sync::Semaphore::new(INGEST_QUEUE),
                ingest_tokens: OnceLock::new(),
                reads: tokio::sync::Semaphore::new(permits),
            }),
        })
    }

    /// Opens `readers` connections to the store `config.db` to read, one more for the library
    /// that writes, and the search index (see [`ServeConfig::index`]; rebuilt when out of step
    /// with the store, else caught up).
    pub fn open(config: &ServeConfig) -> Result<AppState, ServerError> {
        let n = config.readers.max(1) + 1;
        let mut stores: Vec<Box<dyn Store>> = Vec::with_capacity(n);
        for _ in 0..n {
            let store = khabar_store::open(&config.db)?;
            if let Some(sqlite) = store.as_sqlite() {
                // Reads copy pages from a mapping of the file instead of a system call per page.
                sqlite.map_for_reads(READ_MAP_BYTES)?;
            }
            stores.push(store);
        }
        let dir = config.index_dir();
        let index = search::open_at(&dir, stores[0].as_ref())?;
        let allow = config.allow_ingest || config.ingest_tokens.is_some();
        let state = AppState::with_index(stores, allow, index)?;
        if let Some(tokens) = &config.ingest_tokens {
            state.require_tokens(tokens.clone());
        }
        if allow {
            state.load_analyzer()?;
        }
        Ok(state)
    }

    /// Runs the blocking reads `f` (store, search index) on the blocking pool, at most one task
    /// per connection at a time, first come first served: a burst of requests queues in the
    /// order it came (tokio's semaphore is fair) instead of crowding the cores and fighting
    /// over the connection locks, which made the slowest requests several times slower than the
    /// median.
    pub(crate) async fn read_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        // acquire fails only on a closed semaphore, and this one is never closed.
        let _permit = self.inner.reads.acquire().await.ok();
        tokio::task::spawn_blocking(f).await
    }

    /// From now on `POST /api/articles` needs `Authorization: Bearer T` with T one of
    /// `tokens` (401 otherwise), and is allowed. Set once; a second call changes nothing.
    pub fn require_tokens(&self, tokens: Vec<String>) {
        let _ = self.inner.ingest_tokens.set(tokens);
    }

    /// The current snapshot (cheap: one `Arc` clone).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.inner.snap.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    pub(crate) fn set_snapshot(&self, s: Snapshot) {
        let mut g = match self.inner.snap.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        *g = Arc::new(s);
    }

    /// Loads the library's analyzer (the knowledge base and models) now, not at the first
    /// ingest.
    pub(crate) fn load_analyzer(&self) -> Result<(), ServerError> {
        self.inner
            .db
            .library()
            .engine()
            .map(|_| ())
            .map_err(ServerError::Analyzer)
    }

    /// Rebuilds the snapshot from the store and sees the last commit of the search index
    /// (after a `khabar ingest` run elsewhere, say).
    pub fn reload(&self) -> Result<(), ServerError> {
        let snap = self.inner.db.with(|s| Snapshot::build(s))?;
        self.inner
            .search
            .reload()
            .map_err(|e| ServerError::Search(e.into()))?;
        let (articles, indexed) = (snap.articles.len(), self.inner.search.num_docs());
        if usize::try_from(indexed).ok() != Some(articles) {
            tracing::warn!(
                articles,
                indexed,
                "the search index is out of step with the store; run `khabar reindex`"
            );
        }
        self.set_snapshot(snap);
        Ok(())
    }

    /// The search index.
    pub fn search_index(&self) -> &search::Index {
        &self.inner.search
    }
}

/// The whole application: JSON API under `/api`, web pages elsewhere, with body-size limits and
/// a request timeout.
pub fn router(state: AppState) -> Router {
    use axum::extract::DefaultBodyLimit;
    use tower_http::limit::RequestBodyLimitLayer;
    Router::new()
        .merge(api::routes().split_for_parts().0)
        .merge(pages::routes())
        .fallback(pages::fallback)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(timeout_unless_writing))
        // Outermost, so that the answers of the limits (413, 408) carry the headers too.
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Answers 408 to a request that takes longer than [`REQUEST_TIMEOUT`], except an ingest
/// (`POST /api/articles`): cutting one off after its write began would answer "failed" for articles
/// that are stored. An ingest is bounded instead by its queue (429), the store's busy timeout (503)
/// and the body limit, and always answers what it stored.
async fn timeout_unless_writing(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if req.method() == axum::http::Method::POST && req.uri().path() == "/api/articles" {
        return next.run(req).await;
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => axum::http::StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// Headers on every response: no MIME sniffing, no framing, and a content security policy that
/// allows only the inline stylesheet of the pages (they carry no script).
async fn security_headers(mut r: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = r.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; form-action 'self'; base-uri 'none'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// How long a client may take to send a request's headers, and how long a kept-alive
/// connection may sit idle before its next request: then the connection is closed (a
/// slow-loris client ties up nothing for longer).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` resolves: HTTP/1.1 (and HTTP/2 by prior
/// knowledge), each connection closed when its headers take longer than `header_timeout` or it
/// stays idle that long between requests.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServerError> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        // A connection whose read side ends (a client that shuts down its writing, or the
        // gate after a refused head) still gets the answers to the requests before.
        .half_close(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(header_timeout))
        .keep_alive_timeout(header_timeout);
    let builder = Arc::new(builder);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(s) => s,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let builder = builder.clone();
        tokio::spawn(async move {
            // The first request line (which also tells HTTP/1 from HTTP/2) within the header
            // timeout; hyper's own timer covers the rest of the headers and idle keep-alive gaps.
            // Every request head goes through the gate (`gate.rs`), which answers the heads
            // hyper would refuse, with the security headers.
            let mut gate = gate::Gate::new(stream);
            match tokio::time::timeout(header_timeout, gate.first_line()).await {
                // (A refused head is answered when hyper is done with the requests before it.)
                Ok(Ok(())) => {}
                // Too slow or broken: closed without an answer.
                _ => return,
            }
            let io = TokioIo::new(gate);
            if let Err(e) = builder.serve_connection_with_upgrades(io, service).await {
                tracing::debug!("connection closed: {e}");
            }
        });
    }
}

/// Longest request line taken before its end is seen (see [`gate::MAX_REQUEST_LINE`]).
pub use gate::MAX_REQUEST_LINE;

/// Runs the server until Ctrl-C.
pub async fn serve(config: ServeConfig) -> Result<(), ServerError> {
    let cfg = config.clone();
    let state = tokio::task::spawn_blocking(move || AppState::open(&cfg))
        .await
        .map_err(|e| ServerError::Io(std::io::Error::other(e.to_string())))??;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })?;
    tracing::info!(addr = %config.addr, allow_ingest = config.allow_ingest, "khabar serve");
    if let Some(every) = config.watch {
        tokio::spawn(watch(state.clone(), config.db.clone(), every));
    }
    serve_on(listener, router(state), config.header_timeout, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Follows the store: every `every`, when the store's change sequence moved past the
/// snapshot's (an ingest by another process, a POST), the search index is caught up (when no
/// other process is writing it), the search reader sees the index's last commit and the
/// snapshot is rebuilt; an index left behind (its writer was busy, a commit failed) is caught
/// up on the next tick it can be.
async fn watch(state: AppState, db: DbSpec, every: Duration) {
    let opened = tokio::task::spawn_blocking(move || khabar_store::open(&db)).await;
    let Ok(Ok(watcher)) = opened else {
        tracing::warn!(
            "cannot open a watcher connection; changes by other processes need a restart"
        );
        return;
    };
    let watcher = Arc::new(Mutex::new(watcher));
    let mut seen_index: Option<i64> = state.inner.search.applied_seq();
    loop {
        tokio::time::sleep(every).await;
        let (w, st) = (watcher.clone(), state.clone());
        let step = tokio::task::spawn_blocking(move || {
            let w = match w.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            follow_step(&st, w.as_ref(), seen_index)
        })
        .await;
        match step {
            Ok(Ok(applied)) => seen_index = applied,
            Ok(Err(e)) => tracing::warn!("following the store: {e}"),
            Err(e) => tracing::warn!("following the store: {e}"),
        }
    }
}

/// One look at the store (see [`watch`]); returns the index's applied change seen.
fn follow_step(
    st: &AppState,
    store: &dyn Store,
    seen_index: Option<i64>,
) -> Result<Option<i64>, ServerError> {
    let now = store.seq()?;
    let index = &st.inner.search;
    if index.applied_seq().is_none_or(|a| a < now) {
        match search::follow(store, index) {
            Ok(Some(n)) if n > 0 => tracing::info!(articles = n, "search index caught up"),
            Ok(_) => {}
            Err(e) => tracing::warn!("catching the search index up: {e}"),
        }
    }
    let applied = index.applied_seq();
    let snap_behind = st.snapshot().seq != now;
    if applied != seen_index || snap_behind {
        // Another process committed the index, or the store moved: see both.
        index.reload().map_err(|e| ServerError::Search(e.into()))?;
    }
    if snap_behind {
        st.reload()?;
        tracing::info!(seq = now, "store changed: snapshot rebuilt");
    }
    Ok(applied)
}

#[cfg(test)]
mod tests;
