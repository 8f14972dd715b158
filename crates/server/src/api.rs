//! The JSON API under `/api`. Every route is registered with its OpenAPI description
//! ([`utoipa::path`] on the handler, the types' [`utoipa::ToSchema`]): the document served at
//! `/api/openapi.json` is generated from the same handlers the router serves.

use crate::snapshot::{article_key, per_day, story_key, ArticleMeta, Snapshot};
use crate::wire::{
    days, AnalysisJson, ArticleJson, ArticleSummary, EntityDetail, EntitySummary, StoryJson,
    StorySummary,
};
use crate::{search, AppState, DEFAULT_PAGE, MAX_PAGE};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use khabar_ingest::{Body, RawArticle};
use khabar_model::{ArticleId, Document, EntityId, PubTime, Story, StoryId};
use khabar_store::PutStatus;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's routes with their OpenAPI paths.
pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(index))
        .routes(routes!(health))
        .routes(routes!(openapi))
        .routes(routes!(list_stories))
        .routes(routes!(get_story))
        .routes(routes!(list_articles, post_articles))
        .routes(routes!(get_article))
        .routes(routes!(list_entities))
        .routes(routes!(get_entity))
        .routes(routes!(search_api))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "khabar API",
        description = "Stories, articles, entities and search over news in Hindi and English. \
            Spans count characters (Unicode code points) of an article's clean `text`, with the \
            same range in UTF-8 bytes beside them; times are RFC 3339 with their offset, with a \
            `*_date_only` flag where only the day is known (docs/output.md)."
    ),
    components(schemas(ErrorBody, SearchMode)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "a token from the file given to `khabar serve --ingest-tokens`",
            ))
            .build();
        api.components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The OpenAPI document of [`routes`], built once.
pub(crate) fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| routes().split_for_parts().1)
}

/// An error answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    /// What was wrong, in words.
    pub error: String,
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

/// Query parameters every list understands (the pages' too); all optional, all checked by hand
/// so that a bad value gives a clear 400.
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

/// The query of `GET /api/stories` and `GET /api/articles`. A parameter not named here is a 400.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Opaque cursor from `next_cursor` of the previous page.
    #[param(pattern = r"^([ud]-?[0-9]+\.([0-9a-f]{2})*)?$")]
    cursor: Option<String>,
    /// Page size, 1 to 500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// Published at or after: a date (`2022-01-10`, the start of that day in UTC) or an RFC 3339 time.
    since: Option<String>,
    /// Published before: a date or an RFC 3339 time.
    until: Option<String>,
    /// An outlet by name, case-insensitive (`dainik jagran`); a name no article has is a 400.
    outlet: Option<String>,
    /// A language by ISO 639-1 code or name (`hi`, `Hindi`, `हिंदी`); an unknown one is a 400.
    language: Option<String>,
    /// An entity by id or name (English or Hindi, case-insensitive; the most reported of
    /// equal names); an unknown one is a 400.
    entity: Option<String>,
    /// A story id; an unknown one is a 400.
    story: Option<String>,
}

/// A typed parameter (a number, a choice or a cursor) given empty or with white space around it
/// is a 400 in the API (the pages take an empty form field as not given). An empty `cursor` is
/// the first page.
fn typed_not_empty(params: &[(&str, &Option<String>)]) -> Result<(), ApiError> {
    for (name, v) in params {
        let Some(v) = v.as_deref() else { continue };
        if v.is_empty() && *name == "cursor" {
            continue;
        }
        if v.trim().is_empty() {
            return Err(ApiError::bad(format!("`{name}` is empty")));
        }
        if v.trim() != v {
            return Err(ApiError::bad(format!("`{name}` has white space around it")));
        }
    }
    Ok(())
}

impl From<ListQuery> for Params {
    fn from(q: ListQuery) -> Params {
        Params {
            cursor: q.cursor,
            limit: q.limit,
            since: q.since,
            until: q.until,
            outlet: q.outlet,
            language: q.language,
            entity: q.entity,
            story: q.story,
            ..Params::default()
        }
    }
}

/// The query of `GET /api/search`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// Query words (at most 500 characters; 32 words are used). Hindi spelling variants,
    /// honorifics and romanised Hindi match.
    #[param(max_length = 500)]
    q: Option<String>,
    /// `all` (default): articles holding every query word first (`full` of them), then those
    /// holding some; `strict`: every word must match; `any`: at least one.
    #[param(value_type = Option<SearchMode>)]
    mode: Option<String>,
    /// Offset cursor (`o50`) from `next_cursor`.
    #[param(pattern = "^(o[0-9]+)?$")]
    cursor: Option<String>,
    /// Page size, 1 to 500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// As in the lists.
    since: Option<String>,
    /// As in the lists.
    until: Option<String>,
    /// As in the lists.
    outlet: Option<String>,
    /// As in the lists.
    language: Option<String>,
    /// As in the lists.
    entity: Option<String>,
    /// As in the lists: the story's current articles.
    story: Option<String>,
}

/// How query words must match.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub(crate) enum SearchMode {
    All,
    Strict,
    Any,
}

impl From<SearchQuery> for Params {
    fn from(q: SearchQuery) -> Params {
        Params {
            cursor: q.cursor,
            limit: q.limit,
            since: q.since,
            until: q.until,
            outlet: q.outlet,
            language: q.language,
            entity: q.entity,
            story: q.story,
            q: q.q,
            mode: q.mode,
            ..Params::default()
        }
    }
}

/// The query of `GET /api/entities`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct EntityQuery {
    /// Offset cursor (`o50`) from `next_cursor`.
    #[param(pattern = "^(o[0-9]+)?$")]
    cursor: Option<String>,
    /// Page size, 1 to 500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    limit: Option<String>,
    /// `person`, `place`, `organisation` or `other`.
    #[param(value_type = Option<crate::wire::EntityKindJson>)]
    kind: Option<String>,
}

/// Longest value of a filter in a query string.
const MAX_PARAM_BYTES: usize = 1024;

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Parsed list filters, resolved against the snapshot (names to the values stored).
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

/// Lower case with runs of white space as one space: how names are compared.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The language table (`data/languages.tsv`): each name (folded) and its code.
fn language_names() -> &'static HashMap<String, String> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/languages.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cells = line.split('\t').map(str::trim);
            let Some(code) = cells.next() else { continue };
            m.insert(fold(code), code.to_string());
            for name in cells.filter(|c| !c.is_empty()) {
                m.insert(fold(name), code.to_string());
            }
        }
        m
    })
}

/// At most ten of `names`, for a message.
fn some_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = names.collect();
    v.sort_unstable();
    v.dedup();
    let more = v.len() > 10;
    v.truncate(10);
    let mut s = v.join(", ");
    if more {
        s.push_str(", …");
    }
    if s.is_empty() {
        s.push_str("none");
    }
    s
}

fn resolve_outlet(snap: &Snapshot, o: &str) -> Result<String, ApiError> {
    let want = fold(o);
    snap.articles
        .iter()
        .filter_map(|a| a.outlet.as_deref())
        .find(|x| fold(x) == want)
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::bad(format!(
                "no article has the outlet {o:?} (outlets: {})",
                some_of(
                    snap.stories
                        .iter()
                        .flat_map(|s| s.outlets.iter().map(String::as_str))
                )
            ))
        })
}

fn resolve_language(snap: &Snapshot, l: &str) -> Result<String, ApiError> {
    let want = fold(l);
    if let Some(code) = language_names().get(&want) {
        return Ok(code.clone());
    }
    snap.articles
        .iter()
        .filter_map(|a| a.language.as_deref())
        .find(|x| fold(x) == want)
        .map(str::to_lowercase)
        .ok_or_else(|| {
            ApiError::bad(format!(
                "unknown language {l:?}: give an ISO 639-1 code or a name (hi, Hindi, en, English, …)"
            ))
        })
}

fn resolve_entity(snap: &Snapshot, e: &str) -> Result<EntityId, ApiError> {
    if let Some(info) = snap.entity(e) {
        return Ok(info.entity.id.clone());
    }
    let want = fold(e);
    // Entities are most reported first: equal names go to the most reported.
    snap.entities
        .iter()
        .find(|x| {
            fold(&x.entity.name) == want
                || x.entity.name_hi.as_deref().is_some_and(|n| fold(n) == want)
        })
        .map(|x| x.entity.id.clone())
        .ok_or_else(|| ApiError::bad(format!("no entity has the id or name {e:?}")))
}

impl Params {
    pub fn limit(&self) -> Result<usize, ApiError> {
        match nonempty(&self.limit) {
            None => Ok(DEFAULT_PAGE),
            Some(l) => match l.parse::<usize>() {
                Ok(0) => Err(ApiError::bad("`limit` must be at least 1")),
                Ok(n) if n > MAX_PAGE => {
                    Err(ApiError::bad(format!("`limit` is at most {MAX_PAGE}")))
                }
                Ok(n) => Ok(n),
                Err(_) => Err(ApiError::bad("`limit` must be a number")),
            },
        }
    }

    /// The filters, their names resolved in `snap`: an outlet, language, entity or story that
    /// names nothing there is a 400 that says so.
    pub fn filters(&self, snap: &Snapshot) -> Result<Filters, ApiError> {
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
        let story = match nonempty(&self.story) {
            Some(s) if snap.story(s).is_some() => Some(StoryId(s.to_string())),
            Some(s) => return Err(ApiError::bad(format!("no story has the id {s:?}"))),
            None => None,
        };
        Ok(Filters {
            since: nonempty(&self.since)
                .map(|s| parse_time("since", s))
                .transpose()?,
            until: nonempty(&self.until)
                .map(|s| parse_time("until", s))
                .transpose()?,
            outlet: nonempty(&self.outlet)
                .map(|o| resolve_outlet(snap, o))
                .transpose()?,
            language: nonempty(&self.language)
                .map(|l| resolve_language(snap, l))
                .transpose()?,
            entity: nonempty(&self.entity)
                .map(|e| resolve_entity(snap, e))
                .transpose()?,
            story,
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

/// One page of a list: `total` counts every item that passes the filters.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub total: usize,
    /// Give it as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

pub(crate) fn stories_page(snap: &Snapshot, p: &Params) -> Result<Page<Arc<Story>>, ApiError> {
    let limit = p.limit()?;
    let f = p.filters(snap)?;
    let start = match nonempty(&p.cursor) {
        Some(c) => {
            let key = decode_cursor(c)?;
            snap.stories.partition_point(|s| story_key(s) <= key)
        }
        None => 0,
    };
    let mut items = Vec::new();
    let mut more = false;
    let mut total = 0;
    for (i, s) in snap.stories.iter().enumerate() {
        if !f.story_ok(s, snap) {
            continue;
        }
        total += 1;
        if i < start {
            continue;
        }
        if items.len() == limit {
            more = true;
        } else if !more {
            items.push(s.clone());
        }
    }
    let next_cursor = if more {
        items.last().map(|s| encode_cursor(&story_key(s)))
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}

pub(crate) fn articles_page(snap: &Snapshot, p: &Params) -> Result<Page<ArticleMeta>, ApiError> {
    let limit = p.limit()?;
    let f = p.filters(snap)?;
    let start = match nonempty(&p.cursor) {
        Some(c) => {
            let key = decode_cursor(c)?;
            snap.articles.partition_point(|a| article_key(a) <= key)
        }
        None => 0,
    };
    let mut items = Vec::new();
    let mut more = false;
    let mut total = 0;
    for (i, a) in snap.articles.iter().enumerate() {
        if !f.article_ok(a, snap) {
            continue;
        }
        total += 1;
        if i < start {
            continue;
        }
        if items.len() == limit {
            more = true;
        } else if !more {
            items.push(a.clone());
        }
    }
    let next_cursor = if more {
        items.last().map(|a| encode_cursor(&article_key(a)))
    } else {
        None
    };
    Ok(Page {
        items,
        total,
        next_cursor,
    })
}

// ---- handlers ------------------------------------------------------------------------------

/// What the API offers.
#[derive(Debug, Serialize, ToSchema)]
struct IndexBody {
    name: String,
    /// Where the OpenAPI document is.
    openapi: String,
    /// Every path of the API.
    endpoints: Vec<String>,
}

/// The API's name, its paths and where its OpenAPI document is.
#[utoipa::path(get, path = "/api", responses((status = 200, body = IndexBody)))]
async fn index() -> Json<IndexBody> {
    Json(IndexBody {
        name: "khabar".into(),
        openapi: "/api/openapi.json".into(),
        endpoints: document().paths.paths.keys().cloned().collect(),
    })
}

/// Counts and status.
#[derive(Debug, Serialize, ToSchema)]
struct Health {
    /// `ok`.
    status: String,
    article_count: usize,
    story_count: usize,
    entity_count: usize,
    /// Whether `POST /api/articles` is open (without a token).
    allow_ingest: bool,
}

/// The server's counts.
#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health)))]
async fn health(State(st): State<AppState>) -> Json<Health> {
    let snap = st.snapshot();
    Json(Health {
        status: "ok".into(),
        article_count: snap.articles.len(),
        story_count: snap.stories.len(),
        entity_count: snap.entities.len(),
        allow_ingest: st.inner.allow_ingest,
    })
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/api/openapi.json",
    responses((status = 200, description = "OpenAPI 3.1", content_type = "application/json", body = Object)))]
async fn openapi() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
}

/// Stories, last published first.
#[utoipa::path(get, path = "/api/stories", params(ListQuery),
    responses((status = 200, body = Page<StorySummary>), (status = 400, body = ErrorBody)))]
async fn list_stories(
    State(st): State<AppState>,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Page<StorySummary>>, ApiError> {
    let Query(q) = q?;
    typed_not_empty(&[("limit", &q.limit), ("cursor", &q.cursor)])?;
    let p = Params::from(q);
    let snap = st.snapshot();
    let page = stories_page(&snap, &p)?;
    Ok(Json(Page {
        items: page.items.iter().map(|s| StorySummary::of(s)).collect(),
        total: page.total,
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

/// One story whole: its articles, entities, copies, timeline, comparison and articles per day.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = String, Path, description = "the story id")),
    responses((status = 200, body = StoryJson), (status = 404, body = ErrorBody)))]
async fn get_story(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StoryJson>, ApiError> {
    let snap = st.snapshot();
    let s = snap
        .story(&id)
        .ok_or_else(|| ApiError::not_found("story"))?
        .clone();
    let metas = story_articles(&snap, &s);
    let per_day = days(per_day(metas.iter()));
    let articles: Vec<ArticleSummary> = metas.iter().map(ArticleSummary::of).collect();
    // The texts of its articles, for the character offsets of its sources.
    let st2 = st.clone();
    let ids = s.articles.clone();
    let offsets = st
        .read_blocking(move || {
            st2.inner.db.with(|db| {
                let mut out = HashMap::new();
                for a in &ids {
                    db.with_article_text(a, |bytes| {
                        if let Ok(text) = std::str::from_utf8(bytes) {
                            out.insert(a.clone(), crate::wire::Offsets::new(text));
                        }
                    })?;
                }
                Ok::<_, khabar_store::StoreError>(out)
            })
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(Json(StoryJson::of(&s, articles, per_day, &offsets)))
}

/// Articles, oldest first.
#[utoipa::path(get, path = "/api/articles", params(ListQuery),
    responses((status = 200, body = Page<ArticleSummary>), (status = 400, body = ErrorBody)))]
async fn list_articles(
    State(st): State<AppState>,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Page<ArticleSummary>>, ApiError> {
    let Query(q) = q?;
    typed_not_empty(&[("limit", &q.limit), ("cursor", &q.cursor)])?;
    let p = Params::from(q);
    let snap = st.snapshot();
    let page = articles_page(&snap, &p)?;
    Ok(Json(Page {
        items: page.items.iter().map(ArticleSummary::of).collect(),
        total: page.total,
        next_cursor: page.next_cursor,
    }))
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

/// `GET /api/articles/{id}`.
#[derive(Serialize, ToSchema)]
struct ArticleResponse {
    article: ArticleJson,
    /// What the analysis read out of it (null when it was not analysed).
    analysis: Option<AnalysisJson>,
}

/// One article with its analysis (every span in characters and bytes of `article.text`).
#[utoipa::path(get, path = "/api/articles/{id}",
    params(("id" = String, Path, description = "the article id (or an id it was also given)")),
    responses((status = 200, body = ArticleResponse), (status = 404, body = ErrorBody)))]
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
        analysis: analysis.map(|a| AnalysisJson::of(&a, &article.text)),
        article: ArticleJson::of(&article, story.as_ref()),
    }))
}

/// Entities, most reported first.
#[utoipa::path(get, path = "/api/entities", params(EntityQuery),
    responses((status = 200, body = Page<EntitySummary>), (status = 400, body = ErrorBody)))]
async fn list_entities(
    State(st): State<AppState>,
    q: Result<Query<EntityQuery>, QueryRejection>,
) -> Result<Json<Page<EntitySummary>>, ApiError> {
    let Query(q) = q?;
    typed_not_empty(&[
        ("limit", &q.limit),
        ("kind", &q.kind),
        ("cursor", &q.cursor),
    ])?;
    let p = Params {
        cursor: q.cursor,
        limit: q.limit,
        kind: q.kind,
        ..Params::default()
    };
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
    let matching: Vec<&crate::snapshot::EntityInfo> = snap
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.entity.kind == k))
        .collect();
    let total = matching.len();
    let items: Vec<EntitySummary> = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|e| EntitySummary::of(e))
        .collect();
    let next_cursor =
        (offset.saturating_add(limit) < total).then(|| format!("o{}", offset + limit));
    Ok(Json(Page {
        items,
        total,
        next_cursor,
    }))
}

/// One entity with its stories and its articles per day (its articles:
/// `/api/articles?entity=ID`).
#[utoipa::path(get, path = "/api/entities/{id}",
    params(("id" = String, Path, description = "the entity id")),
    responses((status = 200, body = EntityDetail), (status = 404, body = ErrorBody)))]
async fn get_entity(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EntityDetail>, ApiError> {
    let snap = st.snapshot();
    let e = snap
        .entity(&id)
        .ok_or_else(|| ApiError::not_found("entity"))?;
    Ok(Json(EntityDetail::of(e, &snap)))
}

/// One search hit (inside the server: byte marks, for the pages).
#[derive(Debug)]
pub(crate) struct Hit {
    pub article: ArticleMeta,
    pub score: f32,
    pub snippet: String,
    /// Byte ranges of matching words in `snippet`.
    pub marks: Vec<(usize, usize)>,
}

#[derive(Debug)]
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

/// A search hit: the article as lists show it, its score and a snippet.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HitJson {
    #[serde(flatten)]
    pub article: ArticleSummary,
    pub score: f32,
    pub snippet: String,
    /// Matching words in `snippet`: `[start, end)` in characters of `snippet`.
    pub marks: Vec<[usize; 2]>,
}

/// Ranked hits and the stories that hold them.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchJson {
    pub query: String,
    /// Matching articles (in the default mode, those holding at least one content word).
    pub total: usize,
    /// Of those, how many hold every query word: the first `full` hits.
    pub full: usize,
    pub items: Vec<HitJson>,
    /// Stories holding the best hits, at most 20, by their best hit.
    pub stories: Vec<StorySummary>,
    pub next_cursor: Option<String>,
}

impl SearchJson {
    fn of(r: SearchResult) -> SearchJson {
        SearchJson {
            query: r.query,
            total: r.total,
            full: r.full,
            items: r
                .items
                .into_iter()
                .map(|h| {
                    let o = crate::wire::Offsets::new(&h.snippet);
                    HitJson {
                        marks: h
                            .marks
                            .iter()
                            .map(|&(a, b)| {
                                let s = o.span(khabar_model::Span::new(a, b));
                                [s.start, s.end]
                            })
                            .collect(),
                        article: ArticleSummary::of(&h.article),
                        score: h.score,
                        snippet: h.snippet,
                    }
                })
                .collect(),
            stories: r.stories,
            next_cursor: r.next_cursor,
        }
    }
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
    let snap = st.snapshot();
    let f = p.filters(&snap)?;
    let q = p.query().to_string();
    // The limit is on what was sent, spaces and line breaks included (they are trimmed after).
    if p.q.as_deref().unwrap_or("").chars().count() > 500 {
        return Err(ApiError::bad("`q` is longer than 500 characters"));
    }
    let mode = match nonempty(&p.mode) {
        None | Some("all") => search::Mode::All,
        Some("strict") => search::Mode::Strict,
        Some("any") => search::Mode::Any,
        Some(_) => return Err(ApiError::bad("`mode` must be all, strict or any")),
    };
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
            if !stories.iter().any(|s| s.id == sid.0) {
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

/// Full-text search over articles (and the stories that hold them).
#[utoipa::path(get, path = "/api/search", params(SearchQuery),
    responses((status = 200, body = SearchJson), (status = 400, body = ErrorBody)))]
async fn search_api(
    State(st): State<AppState>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<SearchJson>, ApiError> {
    let Query(q) = q?;
    typed_not_empty(&[
        ("limit", &q.limit),
        ("mode", &q.mode),
        ("cursor", &q.cursor),
    ])?;
    let p = Params::from(q);
    Ok(Json(SearchJson::of(run_search(&st, &p).await?)))
}

// ---- ingest --------------------------------------------------------------------------------

/// Metadata for a `text/html` or `text/plain` body, from the query string.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct IngestMeta {
    /// Article id (text and HTML bodies).
    id: Option<String>,
    /// Article URL (text and HTML bodies).
    url: Option<String>,
    /// Outlet (text and HTML bodies).
    outlet: Option<String>,
    /// Headline (text and HTML bodies).
    title: Option<String>,
    /// Author (text and HTML bodies).
    author: Option<String>,
    /// Publication time: RFC 3339 or a date (text and HTML bodies).
    published: Option<String>,
    /// Language code (text and HTML bodies).
    language: Option<String>,
}

/// An article sent to `POST /api/articles` (the JSONL input fields; `text` or `html` needed).
#[derive(Debug, Serialize, ToSchema)]
#[allow(dead_code)]
struct ArticleInput {
    id: Option<IdInput>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    /// RFC 3339 or a date.
    published: Option<String>,
    /// Another name for `published`.
    date: Option<String>,
    /// Only the day of `published` is known (khabar's exports write midnight UTC then).
    published_date_only: Option<bool>,
    author: Option<AuthorInput>,
    authors: Option<Vec<String>>,
    language: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

/// An article's id as sent: a string or a whole number.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum IdInput {
    Text(String),
    Number(i64),
}

/// An article's author as sent: one name or a list of names.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum AuthorInput {
    One(String),
    Many(Vec<String>),
}

/// The JSON types [`ArticleInput`] documents for each field it names (other fields are
/// ignored): a value of another type is the client's mistake, refused with a 400 rather than
/// read half (an object as `author` would silently lose the author).
fn input_type_error(v: &Value) -> Option<String> {
    let Some(fields) = v.as_object() else {
        return Some("is not a JSON object".into());
    };
    let strings = |x: &Value| x.as_array().is_some_and(|a| a.iter().all(Value::is_string));
    fields.iter().find_map(|(name, x)| {
        let (ok, want) = match name.as_str() {
            "id" => (
                x.is_null() || x.is_string() || x.is_i64() || x.is_u64(),
                "a string or a whole number",
            ),
            "url" | "outlet" | "title" | "published" | "date" | "language" | "text" | "html" => {
                (x.is_null() || x.is_string(), "a string")
            }
            "published_date_only" => (x.is_null() || x.is_boolean(), "true or false"),
            "author" => (
                x.is_null() || x.is_string() || strings(x),
                "a string or a list of strings",
            ),
            "authors" => (x.is_null() || strings(x), "a list of strings"),
            _ => (true, ""),
        };
        (!ok).then(|| format!("`{name}` must be {want}"))
    })
}

/// One article or several.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ArticleInputs {
    One(Box<ArticleInput>),
    Many(Vec<ArticleInput>),
}

/// What became of one sent article.
#[derive(Debug, Default, Serialize, ToSchema)]
struct IngestResult {
    /// The stored id.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    /// `inserted`, `updated`, `unchanged`, `same_text` or `error`.
    status: String,
    /// The id sent, when another was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    given_id: Option<String>,
    /// `same_text`: the text was already stored under this id, and the given id now answers
    /// for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    same_text_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Exactly what was stored.
#[derive(Debug, Serialize, ToSchema)]
struct IngestResponse {
    /// One per sent article, in order.
    results: Vec<IngestResult>,
    /// Articles stored (inserted, updated or same text).
    stored: usize,
    /// Whether the search index already holds them (else it catches up within seconds of its
    /// lock being free).
    indexed: bool,
    /// The number of stories after grouping (null when they could not be regrouped now).
    story_count: Option<usize>,
    warnings: Vec<String>,
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
        if let Some(e) = items
            .iter()
            .enumerate()
            .find_map(|(i, v)| input_type_error(v).map(|e| format!("article {}: {e}", i + 1)))
        {
            return Err(ApiError::bad(e));
        }
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

/// Ingest articles (only when the server runs with `--allow-ingest` or `--ingest-tokens`).
/// `application/json`: one article object or an array; `application/x-ndjson`: one per line;
/// `text/html` or `text/plain`: one article, its metadata in the query string.
#[utoipa::path(post, path = "/api/articles", params(IngestMeta),
    request_body(content(
        (ArticleInputs = "application/json"),
        // the raw text of the body, whatever it holds
        (Value = "application/x-ndjson"),
        (Value = "text/html"),
        (Value = "text/plain"))),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = IngestResponse),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody, description = "the server takes ingest tokens and none (or an unknown one) was sent"),
        (status = 403, body = ErrorBody, description = "the server is read-only"),
        (status = 413, description = "body larger than 16 MiB"),
        (status = 415, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many ingests waiting; retry after the seconds in Retry-After"),
        (status = 503, body = ErrorBody, description = "another process holds the store's write lock; retry after the seconds in Retry-After"),
        (status = 507, body = ErrorBody, description = "the store's disk is full; nothing was stored")))]
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
) -> Result<IngestResponse, ApiError> {
    let mut results: Vec<IngestResult> = Vec::with_capacity(raws.len());
    let mut warnings: Vec<String> = Vec::new();
    // The library writes (one ingest at a time); it is let go before the snapshot is rebuilt,
    // which may read through its connection.
    let (stored, indexed, stories) = {
        let mut lib = st.inner.db.library();
        let analyzer = lib.engine().map_err(ApiError::internal)?.analyzer();
        let mut batch = Vec::new();
        let mut slots = Vec::new();
        for raw in raws {
            match raw.and_then(|r| khabar_ingest::build_document(r).map_err(|e| e.to_string())) {
                Ok(doc) => {
                    let a = analyzer.analyze(&doc);
                    slots.push(results.len());
                    results.push(IngestResult::default());
                    batch.push((doc, Some(a)));
                }
                Err(e) => results.push(IngestResult {
                    status: "error".into(),
                    error: Some(e),
                    ..IngestResult::default()
                }),
            }
        }
        if batch.is_empty() {
            // Nothing could be read: the request is refused whole, with each article's reason.
            let why: Vec<String> = results
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.error.as_ref().map(|e| format!("article {}: {e}", i + 1)))
                .take(5)
                .collect();
            return Err(ApiError::bad(format!(
                "no article could be read ({})",
                why.join("; ")
            )));
        }
        // Nothing is stored when this fails (the transaction rolls back): an error is the truth.
        let out = lib.store_documents(&batch).map_err(|e| match e {
            khabar_app::AppError::Store { source, .. } => ApiError::store(source),
            other => ApiError::internal(other),
        })?;
        let mut stored = 0;
        for (slot, o) in slots.iter().zip(&out.outcomes) {
            if o.status != PutStatus::Unchanged {
                stored += 1;
            }
            let mut r = IngestResult {
                id: Some(o.id.0.clone()),
                status: o.status.as_str().to_string(),
                ..IngestResult::default()
            };
            if let Some(given) = &o.replaced_id {
                r.given_id = Some(given.to_string());
                if o.status == PutStatus::SameText {
                    r.same_text_as = Some(o.id.0.clone());
                }
            }
            if let Some(given) = &o.id_taken {
                r.given_id = Some(given.to_string());
                r.warning = Some(format!(
                    "id {given} already names a different article (other url and text); stored as {}",
                    o.id
                ));
            }
            results[*slot] = r;
        }
        // From here on the articles are stored: what fails is reported beside them.
        let indexed = match out.indexed {
            Ok(true) => true,
            Ok(false) => {
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
        let stories = match out.story_count {
            Ok(n) => Some(n),
            Err(e) => {
                tracing::error!("regrouping stories after an ingest: {e}");
                warnings.push("the stories could not be regrouped now; they are on the next ingest or `khabar run`".into());
                None
            }
        };
        (stored, indexed, stories)
    };
    if let Err(e) = st.reload() {
        tracing::error!("rebuilding the snapshot after an ingest: {e}");
        warnings.push("lists show the new articles within seconds".into());
    }
    Ok(IngestResponse {
        results,
        stored,
        indexed,
        story_count: stories,
        warnings,
    })
}
