//! The JSON API under `/api`.

use crate::snapshot::{article_key, per_day, story_key, ArticleMeta, Snapshot, StorySummary};
use crate::{search, AppState, DEFAULT_PAGE, MAX_PAGE};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use khabar_ingest::{Body, RawArticle};
use khabar_model::{ArticleId, Document, EntityId, PubTime, Story, StoryId};
use khabar_store::{PutStatus, Store};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", get(index))
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi))
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/articles", get(list_articles).post(post_articles))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/entities", get(list_entities))
        .route("/api/entities/{id}", get(get_entity))
        .route("/api/search", get(search_api))
}

/// An error answered as `{"error": "..."}` with a status.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    pub fn not_found(what: &str) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("{what} not found"),
        }
    }
    /// 503 with `Retry-After`: another process holds the store's or the index's write lock.
    pub fn busy() -> Self {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the store is being written by another process; try again shortly".into(),
        }
    }
    /// A store error: 503 when the write lock is held elsewhere, else 500.
    pub fn store(e: khabar_store::StoreError) -> Self {
        if e.is_busy() {
            tracing::warn!("{e}");
            ApiError::busy()
        } else if e.is_full() {
            tracing::error!("{e}");
            ApiError {
                status: StatusCode::INSUFFICIENT_STORAGE,
                message: "the disk of the store is full; nothing was stored".into(),
            }
        } else {
            ApiError::internal(e)
        }
    }
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!("{e}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error; see the server log".into(),
        }
    }
}

/// What a 503 asks the client to wait, in seconds.
const RETRY_AFTER_SECS: &str = "5";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(json!({ "error": self.message }))).into_response();
        if matches!(
            self.status,
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS
        ) {
            r.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER_SECS),
            );
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"khabar ingest\""),
            );
        }
        r
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::bad(format!("bad query string: {}", r.body_text()))
    }
}

/// Query parameters every list understands; all optional, all checked by hand so that a bad
/// value gives a clear 400.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    pub cursor: Option<String>,
    pub limit: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub entity: Option<String>,
    pub story: Option<String>,
    pub kind: Option<String>,
    pub q: Option<String>,
    /// Search: `all` (default: every word must match) or `any`.
    pub mode: Option<String>,
    /// The UI language of web pages (`hi` or `en`).
    pub ui: Option<String>,
}

/// Longest value of a filter in a query string.
const MAX_PARAM_BYTES: usize = 1024;

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Parsed list filters.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filters {
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub entity: Option<EntityId>,
    pub story: Option<StoryId>,
}

fn parse_time(name: &str, s: &str) -> Result<i64, ApiError> {
    PubTime::parse(s)
        .map(|t| match t {
            // A bare date means the start of that day (UTC) for ranges.
            PubTime::Date(d) => d
                .and_hms_opt(0, 0, 0)
                .map(|dt| dt.and_utc().timestamp())
                .unwrap_or(0),
            other => other.timestamp(),
        })
        .map_err(|_| ApiError::bad(format!("`{name}` is not a date or RFC 3339 time")))
}

impl Params {
    pub fn limit(&self) -> Result<usize, ApiError> {
        match nonempty(&self.limit) {
            None => Ok(DEFAULT_PAGE),
            Some(l) => match l.parse::<usize>() {
                Ok(0) => Err(ApiError::bad("`limit` must be at least 1")),
                Ok(n) => Ok(n.min(MAX_PAGE)),
                Err(_) => Err(ApiError::bad("`limit` must be a number")),
            },
        }
    }

    pub fn filters(&self) -> Result<Filters, ApiError> {
        for (name, v) in [
            ("cursor", &self.cursor),
            ("since", &self.since),
            ("until", &self.until),
            ("outlet", &self.outlet),
            ("language", &self.language),
            ("entity", &self.entity),
            ("story", &self.story),
            ("kind", &self.kind),
        ] {
            if v.as_ref().is_some_and(|v| v.len() > MAX_PARAM_BYTES) {
                return Err(ApiError::bad(format!(
                    "`{name}` is longer than {MAX_PARAM_BYTES} bytes"
                )));
            }
        }
        Ok(Filters {
            since: nonempty(&self.since)
                .map(|s| parse_time("since", s))
                .transpose()?,
            until: nonempty(&self.until)
                .map(|s| parse_time("until", s))
                .transpose()?,
            outlet: nonempty(&self.outlet).map(str::to_string),
            language: nonempty(&self.language).map(str::to_lowercase),
            entity: nonempty(&self.entity).map(|e| EntityId(e.to_string())),
            story: nonempty(&self.story).map(|e| StoryId(e.to_string())),
        })
    }

    pub fn query(&self) -> &str {
        nonempty(&self.q).unwrap_or("")
    }
}

impl Filters {
    pub fn story_ok(&self, s: &Story, snap: &Snapshot) -> bool {
        if let Some(since) = self.since {
            if s.last_published.is_none_or(|t| t.timestamp() < since) {
                return false;
            }
        }
        if let Some(until) = self.until {
            if s.first_published.is_none_or(|t| t.timestamp() >= until) {
                return false;
            }
        }
        if let Some(o) = &self.outlet {
            if !s.outlets.iter().any(|x| x.eq_ignore_ascii_case(o)) {
                return false;
            }
        }
        if let Some(l) = &self.language {
            if !s.languages.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                return false;
            }
        }
        if let Some(e) = &self.entity {
            let in_story = s.entities.iter().any(|x| &x.id == e)
                || snap
                    .entity(e.as_str())
                    .is_some_and(|info| info.stories.contains(&s.id));
            if !in_story {
                return false;
            }
        }
        if let Some(id) = &self.story {
            if &s.id != id {
                return false;
            }
        }
        true
    }

    pub fn article_ok(&self, a: &ArticleMeta, snap: &Snapshot) -> bool {
        let ts = a.published.map(|p| p.timestamp());
        if let Some(since) = self.since {
            if ts.is_none_or(|t| t < since) {
                return false;
            }
        }
        if let Some(until) = self.until {
            if ts.is_none_or(|t| t >= until) {
                return false;
            }
        }
        if let Some(o) = &self.outlet {
            if !a
                .outlet
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(o))
            {
                return false;
            }
        }
        if let Some(l) = &self.language {
            if !a
                .language
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(l))
            {
                return false;
            }
        }
        if let Some(e) = &self.entity {
            if !snap
                .entity(e.as_str())
                .is_some_and(|info| info.articles.contains(&a.id))
            {
                return false;
            }
        }
        if let Some(s) = &self.story {
            if a.story.as_ref() != Some(s) {
                return false;
            }
        }
        true
    }
}

// ---- cursors -------------------------------------------------------------------------------

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<String> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// A cursor names the sort key of the last item of the previous page, so that pages stay
/// consistent while the data changes between requests.
pub(crate) fn encode_cursor(key: &(bool, i64, String)) -> String {
    format!("{}{}.{}", if key.0 { 'u' } else { 'd' }, key.1, hex(&key.2))
}

pub(crate) fn decode_cursor(c: &str) -> Result<(bool, i64, String), ApiError> {
    let bad = || ApiError::bad("`cursor` is not a cursor this server gave");
    let (flag, rest) = match c.as_bytes().first() {
        Some(b'u') => (true, &c[1..]),
        Some(b'd') => (false, &c[1..]),
        _ => return Err(bad()),
    };
    let (ts, id) = rest.split_once('.').ok_or_else(bad)?;
    let ts: i64 = ts.parse().map_err(|_| bad())?;
    Ok((flag, ts, unhex(id).ok_or_else(bad)?))
}

/// An offset cursor (`o123`), for ranked results.
pub(crate) fn decode_offset(c: Option<&str>) -> Result<usize, ApiError> {
    match c {
        None => Ok(0),
        Some(c) => c
            .strip_prefix('o')
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| ApiError::bad("`cursor` is not a cursor this server gave")),
    }
}

/// One page of a list.
#[derive(Debug, Serialize)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

pub(crate) fn stories_page(snap: &Snapshot, p: &Params) -> Result<Page<Arc<Story>>, ApiError> {
    let limit = p.limit()?;
    let f = p.filters()?;
    let start = match nonempty(&p.cursor) {
        Some(c) => {
            let key = decode_cursor(c)?;
            snap.stories.partition_point(|s| story_key(s) <= key)
        }
        None => 0,
    };
    let mut items = Vec::new();
    let mut more = false;
    for s in &snap.stories[start..] {
        if !f.story_ok(s, snap) {
            continue;
        }
        if items.len() == limit {
            more = true;
            break;
        }
        items.push(s.clone());
    }
    let next_cursor = if more {
        items.last().map(|s| encode_cursor(&story_key(s)))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

pub(crate) fn articles_page(snap: &Snapshot, p: &Params) -> Result<Page<ArticleMeta>, ApiError> {
    let limit = p.limit()?;
    let f = p.filters()?;
    let start = match nonempty(&p.cursor) {
        Some(c) => {
            let key = decode_cursor(c)?;
            snap.articles.partition_point(|a| article_key(a) <= key)
        }
        None => 0,
    };
    let mut items = Vec::new();
    let mut more = false;
    for a in &snap.articles[start..] {
        if !f.article_ok(a, snap) {
            continue;
        }
        if items.len() == limit {
            more = true;
            break;
        }
        items.push(a.clone());
    }
    let next_cursor = if more {
        items.last().map(|a| encode_cursor(&article_key(a)))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

// ---- handlers ------------------------------------------------------------------------------

async fn index() -> Json<Value> {
    Json(json!({
        "name": "khabar",
        "openapi": "/api/openapi.json",
        "endpoints": ["/api/stories", "/api/stories/{id}", "/api/articles", "/api/articles/{id}",
                      "/api/entities", "/api/entities/{id}", "/api/search", "/api/health"],
    }))
}

async fn health(State(st): State<AppState>) -> Json<Value> {
    let snap = st.snapshot();
    Json(json!({
        "status": "ok",
        "articles": snap.articles.len(),
        "stories": snap.stories.len(),
        "entities": snap.entities.len(),
        "allow_ingest": st.inner.allow_ingest,
    }))
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

async fn list_stories(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Page<StorySummary>>, ApiError> {
    let Query(p) = q?;
    let snap = st.snapshot();
    let page = stories_page(&snap, &p)?;
    Ok(Json(Page {
        items: page.items.iter().map(|s| StorySummary::of(s)).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Articles of a story as lists show them, in story order.
pub(crate) fn story_articles(snap: &Snapshot, s: &Story) -> Vec<ArticleMeta> {
    s.articles
        .iter()
        .filter_map(|a| snap.article(a.as_str()).cloned())
        .collect()
}

async fn get_story(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let snap = st.snapshot();
    let s = snap
        .story(&id)
        .ok_or_else(|| ApiError::not_found("story"))?;
    let articles = story_articles(&snap, s);
    let days: Vec<Value> = per_day(articles.iter())
        .into_iter()
        .map(|(d, n)| json!({"date": d, "articles": n}))
        .collect();
    Ok(Json(json!({
        "story": s.as_ref(),
        "articles": articles,
        "per_day": days,
    })))
}

async fn list_articles(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Page<ArticleMeta>>, ApiError> {
    let Query(p) = q?;
    let snap = st.snapshot();
    Ok(Json(articles_page(&snap, &p)?))
}

/// Reads one article and its analysis from the store, off the async threads.
pub(crate) async fn load_article(
    st: &AppState,
    id: &str,
) -> Result<Option<(Document, Option<khabar_model::Analysis>)>, ApiError> {
    let st = st.clone();
    let id = ArticleId(id.to_string());
    st.clone()
        .read_blocking(move || {
            st.inner
                .db
                .with(|s| -> Result<_, khabar_store::StoreError> {
                    let Some(doc) = s.article(&id)? else {
                        return Ok(None);
                    };
                    let analysis = s.analysis(&id)?;
                    Ok(Some((doc, analysis)))
                })
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// `GET /api/articles/{id}`: serialised straight from the typed values (building a
/// `serde_json::Value` tree first cost an allocation per field and map entry).
#[derive(Serialize)]
struct ArticleResponse {
    analysis: Option<khabar_model::Analysis>,
    article: Document,
    story: Option<StoryId>,
}

async fn get_article(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleResponse>, ApiError> {
    let (article, analysis) = load_article(&st, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    let snap = st.snapshot();
    // `id` may be an alias (a given id whose text was stored under another): the stored id.
    let story = snap
        .article(article.id.as_str())
        .and_then(|m| m.story.clone());
    Ok(Json(ArticleResponse {
        analysis,
        article,
        story,
    }))
}

#[derive(Debug, Serialize)]
struct EntitySummary {
    id: EntityId,
    name: String,
    name_hi: Option<String>,
    kind: khabar_model::EntityKind,
    in_kb: bool,
    mentions: usize,
    articles: usize,
    stories: usize,
}

async fn list_entities(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Page<EntitySummary>>, ApiError> {
    let Query(p) = q?;
    let limit = p.limit()?;
    let offset = decode_offset(nonempty(&p.cursor))?;
    let kind =
        match nonempty(&p.kind) {
            Some(k) => Some(khabar_model::EntityKind::parse(k).ok_or_else(|| {
                ApiError::bad("`kind` must be person, place, organisation or other")
            })?),
            None => None,
        };
    let snap = st.snapshot();
    let matching = snap
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.entity.kind == k));
    let mut items: Vec<EntitySummary> = matching
        .skip(offset)
        .take(limit + 1)
        .map(|e| EntitySummary {
            id: e.entity.id.clone(),
            name: e.entity.name.clone(),
            name_hi: e.entity.name_hi.clone(),
            kind: e.entity.kind,
            in_kb: e.entity.in_kb,
            mentions: e.mentions,
            articles: e.articles.len(),
            stories: e.stories.len(),
        })
        .collect();
    let next_cursor = (items.len() > limit).then(|| format!("o{}", offset + limit));
    items.truncate(limit);
    Ok(Json(Page { items, next_cursor }))
}

async fn get_entity(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let snap = st.snapshot();
    let e = snap
        .entity(&id)
        .ok_or_else(|| ApiError::not_found("entity"))?;
    let stories: Vec<StorySummary> = e
        .stories
        .iter()
        .filter_map(|s| snap.story(s.as_str()))
        .map(|s| StorySummary::of(s))
        .collect();
    let articles: Vec<&ArticleMeta> = e
        .articles
        .iter()
        .filter_map(|a| snap.article(a.as_str()))
        .collect();
    let days: Vec<Value> = per_day(articles.iter().copied())
        .into_iter()
        .map(|(d, n)| json!({"date": d, "articles": n}))
        .collect();
    Ok(Json(json!({
        "entity": e,
        "stories": stories,
        "per_day": days,
    })))
}

/// One search hit.
#[derive(Debug, Serialize)]
pub(crate) struct Hit {
    #[serde(flatten)]
    pub article: ArticleMeta,
    pub score: f32,
    pub snippet: String,
    /// Byte ranges of matching words in `snippet`.
    pub marks: Vec<(usize, usize)>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SearchResult {
    pub query: String,
    /// Matching articles (in the default mode, those holding at least one content word).
    pub total: usize,
    /// Of those, how many hold every query word: the first `full` hits.
    pub full: usize,
    pub items: Vec<Hit>,
    /// Stories holding the matching articles, by their best hit (first page of hits only
    /// when paging).
    pub stories: Vec<StorySummary>,
    pub next_cursor: Option<String>,
}

/// Length of a search hit's snippet, in bytes (about 80 Devanagari letters).
const SNIPPET_BYTES: usize = 240;

/// Most hits ranked for one request: pages beyond are empty.
const MAX_RANKED: usize = 10_000;
/// Hits looked at to list the stories of a search.
const STORY_HITS: usize = 200;

pub(crate) async fn run_search(st: &AppState, p: &Params) -> Result<SearchResult, ApiError> {
    let limit = p.limit()?;
    let offset = decode_offset(nonempty(&p.cursor))?;
    let f = p.filters()?;
    let q = p.query().to_string();
    if q.chars().count() > 500 {
        return Err(ApiError::bad("`q` is longer than 500 characters"));
    }
    let mode = match nonempty(&p.mode) {
        None | Some("all") => search::Mode::All,
        Some("strict") => search::Mode::Strict,
        Some("any") => search::Mode::Any,
        Some(_) => return Err(ApiError::bad("`mode` must be all, strict or any")),
    };
    let snap = st.snapshot();
    let words = search::parse_query(&q);
    let mut filters = search::Filters {
        since: f.since,
        until: f.until,
        outlet: f.outlet.clone(),
        language: f.language.clone(),
        entity: f.entity.clone(),
        articles: None,
    };
    if let Some(sid) = &f.story {
        // Story ids change on re-clustering: the story's current articles, from the snapshot.
        filters.articles = Some(
            snap.story(sid.as_str())
                .map(|s| s.articles.clone())
                .unwrap_or_default(),
        );
    }
    let top = offset.saturating_add(limit).clamp(STORY_HITS, MAX_RANKED);
    // Ranking and the snippets of the page, off the async threads.
    let st2 = st.clone();
    let snap2 = snap.clone();
    let words2 = words.clone();
    let (total, full, ranked, excerpts) = st
        .read_blocking(move || {
            let hits = st2
                .inner
                .search
                .search(&words2, mode, &filters, top)
                .map_err(ApiError::internal)?;
            // (position in the snapshot, score, whether its text can hold a match)
            let ranked: Vec<(usize, f32, bool)> = hits
                .hits
                .iter()
                .zip(hits.in_text.iter().chain(std::iter::repeat(&true)))
                .filter_map(|((id, score), &t)| snap2.article_pos.get(id).map(|&i| (i, *score, t)))
                .collect();
            // Each snippet reads the stored text only as far as its excerpt.
            let mut snippets = search::Snippets::new(&words2);
            let excerpts = st2
                .inner
                .db
                .with(|s| {
                    ranked
                        .iter()
                        .skip(offset)
                        .take(limit)
                        .filter_map(|&(i, _, t)| snap2.articles.get(i).map(|m| (m, t)))
                        .map(|(m, in_text)| {
                            s.with_article_text(&m.id, |bytes| {
                                // A hit found by its entity names alone shows its lead.
                                let excerpt = if in_text {
                                    snippets.snippet_utf8(bytes, SNIPPET_BYTES)
                                } else {
                                    snippets.lead_utf8(bytes, SNIPPET_BYTES)
                                };
                                excerpt.unwrap_or_else(|e| {
                                    tracing::warn!("the stored text of {} is not UTF-8: {e}", m.id);
                                    (String::new(), Vec::new())
                                })
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .map_err(ApiError::internal)?;
            Ok::<_, ApiError>((hits.total, hits.full, ranked, excerpts))
        })
        .await
        .map_err(ApiError::internal)??;
    let mut stories: Vec<StorySummary> = Vec::new();
    for (i, _, _) in &ranked {
        if let Some(sid) = snap.articles.get(*i).and_then(|a| a.story.as_ref()) {
            if !stories.iter().any(|s| &s.id == sid) {
                if let Some(s) = snap.story(sid.as_str()) {
                    stories.push(StorySummary::of(s));
                }
            }
        }
        if stories.len() >= 20 {
            break;
        }
    }
    let items = ranked
        .iter()
        .skip(offset)
        .take(limit)
        .filter_map(|(i, score, _)| snap.articles.get(*i).map(|m| (m.clone(), *score)))
        .zip(excerpts)
        .map(|((article, score), excerpt)| {
            let (snippet, marks) = excerpt.unwrap_or_default();
            Hit {
                article,
                score,
                snippet,
                marks,
            }
        })
        .collect();
    let next_cursor =
        (offset + limit < total.min(MAX_RANKED)).then(|| format!("o{}", offset + limit));
    Ok(SearchResult {
        query: q,
        total,
        full,
        items,
        stories,
        next_cursor,
    })
}

async fn search_api(
    State(st): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<SearchResult>, ApiError> {
    let Query(p) = q?;
    Ok(Json(run_search(&st, &p).await?))
}

// ---- ingest --------------------------------------------------------------------------------

/// Metadata for a `text/html` or `text/plain` body, from the query string.
#[derive(Debug, Default, Deserialize)]
struct IngestMeta {
    id: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    language: Option<String>,
}

fn raw_from_json(v: &Value, n: usize) -> Result<RawArticle, String> {
    let line = serde_json::to_string(v).map_err(|e| e.to_string())?;
    khabar_ingest::jsonl::parse_line(&line, "api", n).map_err(|e| e.to_string())
}

fn raws_from_body(
    headers: &HeaderMap,
    meta: IngestMeta,
    body: &[u8],
) -> Result<Vec<Result<RawArticle, String>>, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_ascii_lowercase();
    let text = std::str::from_utf8(body).map_err(|_| ApiError::bad("the body is not UTF-8"))?;
    if ctype.starts_with("application/json") {
        let v: Value = serde_json::from_str(text)
            .map_err(|e| ApiError::bad(format!("the body is not JSON: {e}")))?;
        let items = match v {
            Value::Array(items) => items,
            Value::Object(_) => vec![v],
            _ => return Err(ApiError::bad("send an article object or an array of them")),
        };
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, v)| raw_from_json(v, i + 1))
            .collect())
    } else if ctype.starts_with("application/x-ndjson") || ctype.starts_with("application/jsonl") {
        Ok(text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                khabar_ingest::jsonl::parse_line(l, "api", i + 1).map_err(|e| e.to_string())
            })
            .collect())
    } else if ctype.starts_with("text/html") || ctype.starts_with("text/plain") {
        let body = if ctype.starts_with("text/html") {
            Body::Html(text.to_string())
        } else {
            Body::Text(text.to_string())
        };
        Ok(vec![Ok(RawArticle {
            source: meta.url.clone().unwrap_or_else(|| "api".into()),
            id: meta.id,
            url: meta.url,
            outlet: meta.outlet,
            title: meta.title,
            author: meta.author,
            published: meta.published,
            language: meta.language,
            body,
        })])
    } else {
        Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: "send application/json, application/x-ndjson, text/html or text/plain".into(),
        })
    }
}

async fn post_articles(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<IngestMeta>, QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let tokens = st.inner.ingest_tokens.get();
    if !st.inner.allow_ingest && tokens.is_none() {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server is read-only; start it with --allow-ingest or --ingest-tokens"
                .into(),
        });
    }
    if let Some(tokens) = tokens {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim);
        let ok = given.is_some_and(|g| tokens.iter().any(|t| same_secret(t, g)));
        if !ok {
            return Err(ApiError {
                status: StatusCode::UNAUTHORIZED,
                message: "send `Authorization: Bearer <token>` with a token this server was given"
                    .into(),
            });
        }
    }
    // A bounded queue: a client that sends faster than articles are analysed is told to wait.
    let Ok(_ticket) = st.inner.ingest_queue.try_acquire() else {
        return Err(ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: "too many ingests waiting; try again shortly".into(),
        });
    };
    let Query(meta) =
        q.map_err(|r| ApiError::bad(format!("bad query string: {}", r.body_text())))?;
    let raws = raws_from_body(&headers, meta, &body)?;
    if raws.is_empty() {
        return Err(ApiError::bad("no articles in the body"));
    }
    if let Some(e) = raws.iter().flatten().find_map(field_too_long) {
        return Err(ApiError::bad(e));
    }
    let _guard = st.inner.ingest_lock.lock().await;
    let st2 = st.clone();
    let out = tokio::task::spawn_blocking(move || ingest_blocking(&st2, raws))
        .await
        .map_err(ApiError::internal)??;
    Ok((StatusCode::OK, Json(out)).into_response())
}

/// Ingests a request's articles. Everything after the store's commit is reported, never turned
/// into an error: the answer says exactly what was stored. When the search index is held by
/// another process (a `khabar ingest`), the stored articles are indexed by whoever catches the
/// index up next (that process after its next batch, or this server's watcher within a
/// second of the lock being free): `"indexed": false` says so.
/// Compares a secret without stopping at the first differing byte.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Longest accepted values of an ingested article's fields, in characters: keys (id, url) and
/// metadata the pages show whole.
pub(crate) const MAX_FIELD_CHARS: &[(&str, usize)] = &[
    ("id", 256),
    ("url", 4096),
    ("title", 1000),
    ("outlet", 200),
    ("author", 500),
    ("published", 100),
    ("language", 35),
];

/// The first field of `raw` longer than [`MAX_FIELD_CHARS`] allows, as a message.
fn field_too_long(raw: &RawArticle) -> Option<String> {
    let fields = [
        raw.id.as_deref(),
        raw.url.as_deref(),
        raw.title.as_deref(),
        raw.outlet.as_deref(),
        raw.author.as_deref(),
        raw.published.as_deref(),
        raw.language.as_deref(),
    ];
    MAX_FIELD_CHARS
        .iter()
        .zip(fields)
        .find_map(|(&(name, max), v)| {
            let n = v?.chars().count();
            (n > max)
                .then(|| format!("`{name}` is {n} characters long; at most {max} are accepted"))
        })
}

fn ingest_blocking(
    st: &AppState,
    raws: Vec<Result<RawArticle, String>>,
) -> Result<Value, ApiError> {
    let analyzer = st.analyzer().map_err(ApiError::internal)?;
    let mut results: Vec<Value> = Vec::with_capacity(raws.len());
    let mut batch = Vec::new();
    let mut slots = Vec::new();
    for raw in raws {
        match raw.and_then(|r| khabar_ingest::build_document(r).map_err(|e| e.to_string())) {
            Ok(doc) => {
                let a = analyzer.analyze(&doc);
                slots.push(results.len());
                results.push(Value::Null);
                batch.push((doc, Some(a)));
            }
            Err(e) => results.push(json!({ "status": "error", "error": e })),
        }
    }
    if batch.is_empty() {
        return Ok(json!({ "results": results, "stored": 0, "indexed": true, "warnings": [] }));
    }
    let mut warnings: Vec<String> = Vec::new();
    let (stored, indexed, stories) = st.inner.db.with(|s| -> Result<_, ApiError> {
        // Nothing is stored when this fails (the transaction rolls back): an error is the truth.
        let outcomes = s.put_articles(&batch).map_err(ApiError::store)?;
        let mut stored = 0;
        for (slot, o) in slots.iter().zip(&outcomes) {
            if o.status != PutStatus::Unchanged {
                stored += 1;
            }
            let mut r = json!({ "id": o.id, "status": o.status.as_str() });
            if let Some(given) = &o.replaced_id {
                r["given_id"] = json!(given);
                if o.status == PutStatus::SameText {
                    r["same_text_as"] = json!(o.id);
                }
            }
            if let Some(given) = &o.id_taken {
                r["given_id"] = json!(given);
                r["warning"] = json!(format!(
                    "id {given} already names a different article (other url and text); stored as {}",
                    o.id
                ));
            }
            results[*slot] = r;
        }
        // From here on the articles are stored: what fails is reported beside them.
        let indexed = match search::follow(s, &st.inner.search) {
            Ok(Some(_)) => true,
            Ok(None) => {
                warnings.push(
                    "the search index is being written by another process; these articles \
                     become searchable when it is free"
                        .into(),
                );
                false
            }
            Err(e) => {
                tracing::error!("indexing stored articles: {e}");
                warnings.push(
                    "the search index could not be updated now; it catches up with the store \
                     within seconds of the cause going away"
                        .into(),
                );
                false
            }
        };
        let stories = match regroup(s) {
            Ok(n) => Some(n),
            Err(e) => {
                tracing::error!("regrouping stories after an ingest: {e}");
                warnings.push("the stories could not be regrouped now; they are on the next ingest or `khabar run`".into());
                None
            }
        };
        Ok((stored, indexed, stories))
    })?;
    if let Err(e) = st.reload() {
        tracing::error!("rebuilding the snapshot after an ingest: {e}");
        warnings.push("lists show the new articles within seconds".into());
    }
    Ok(json!({
        "results": results,
        "stored": stored,
        "indexed": indexed,
        "stories": stories,
        "warnings": warnings,
    }))
}

/// Places the articles written since the last update into stories (only the stories near them
/// in time are touched; the first update of a store groups it whole); returns how many stories
/// the store holds.
fn regroup(s: &mut khabar_store::SqliteStore) -> Result<usize, khabar_store::StoreError> {
    s.update_stories(&khabar_story::Config::default())?;
    s.story_count()
}
