//! The web UI: server-rendered HTML on maud templates (every interpolated string escaped by the
//! template engine, stored text shown through [`Txt`]), no JavaScript; Atom feeds beside the
//! pages ([`crate::feeds`]); the Devanagari web font served from the binary.

use crate::api::{self, load_article, ApiError, Filters, Params};
use crate::feeds::{self, Item};
use crate::html::{
    count, day_chart, display_number, page, term, topic, url_part, Label, Noun, Txt, Ui, FONTS,
};
use crate::rank::{self, Coverage, Ranked};
use crate::snapshot::{per_day, ArticleMeta, Snapshot};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use khabar_model::{Analysis, ArticleId, ComparedFact, Document, EntityId, Span, Story, CONFIDENT};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(stories_page))
        .route("/top", get(top_page))
        .route("/top/feed.atom", get(top_feed))
        .route("/coverage", get(coverage_page))
        .route("/stories/{id}", get(story_page))
        .route("/stories/{id}/feed.atom", get(story_feed))
        .route("/articles/{id}", get(article_page))
        .route("/entities", get(entities_page))
        .route("/entities/{id}", get(entity_page))
        .route("/entities/{id}/feed.atom", get(entity_feed))
        .route("/search", get(search_page))
        .route("/search/feed.atom", get(search_feed))
        .route("/assets/{file}", get(asset))
}

/// Query parameters only the pages read (beside [`Params`]).
#[derive(Debug, Default, Deserialize)]
struct Extra {
    /// Page number, from 1.
    page: Option<String>,
}

impl Extra {
    fn page(q: &Result<Query<Extra>, QueryRejection>) -> Result<usize, ApiError> {
        match q
            .as_ref()
            .ok()
            .and_then(|q| q.page.as_deref())
            .map(str::trim)
        {
            None | Some("") => Ok(1),
            Some(p) => match p.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(ApiError::bad("`page` must be a number from 1")),
            },
        }
    }
}

/// The request context of a page: UI language (and whether to remember it).
struct Ctx {
    ui: Ui,
    remember: bool,
}

fn cookie_ui(headers: &HeaderMap) -> Option<&str> {
    let c = headers.get(header::COOKIE)?.to_str().ok()?;
    c.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == "ui").then_some(v)
    })
}

fn ctx(headers: &HeaderMap, p: &Params) -> Ctx {
    let param = p.ui.as_deref().filter(|u| matches!(*u, "hi" | "en"));
    let al = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Ctx {
        ui: Ui::pick(param.or(cookie_ui(headers)), al),
        remember: param.is_some(),
    }
}

fn respond(c: &Ctx, status: StatusCode, title: &str, feed: Option<&str>, body: Markup) -> Response {
    let feed_title = format!("{title} · {}", c.ui.t(Label::Feed));
    let markup = page(c.ui, title, feed.map(|f| (f, feed_title.as_str())), body);
    let mut r = (status, Html(markup.into_string())).into_response();
    if c.remember {
        let v = format!("ui={}; Path=/; Max-Age=31536000; SameSite=Lax", c.ui.code());
        if let Ok(v) = HeaderValue::from_str(&v) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    r
}

fn error_page(c: &Ctx, e: ApiError) -> Response {
    let title = if e.status == StatusCode::NOT_FOUND {
        c.ui.t(Label::NotFound).to_string()
    } else {
        format!("{} {}", c.ui.t(Label::Error), e.status.as_u16())
    };
    let body = html! { h1 { (title) } p { (Txt(&e.message)) } };
    respond(c, e.status, &title, None, body)
}

/// The HTML 404 for paths outside `/api`; JSON inside.
pub(crate) async fn fallback(uri: axum::http::Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api") {
        return ApiError::not_found("route").into_response();
    }
    let c = ctx(&headers, &Params::default());
    error_page(&c, ApiError::not_found("page"))
}

/// The page's query parameters and the context they give (UI language); a bad query string is an
/// error page in the language the headers ask for.
fn page_params(
    headers: &HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<(Ctx, Params), Box<Response>> {
    match q {
        Ok(Query(p)) => Ok((ctx(headers, &p), p)),
        Err(e) => Err(Box::new(error_page(
            &ctx(headers, &Params::default()),
            ApiError::from(e),
        ))),
    }
}

/// The filters, page size and page number of a list page, or its error page.
fn list_args(
    c: &Ctx,
    p: &Params,
    extra: &Result<Query<Extra>, QueryRejection>,
    snap: &Snapshot,
) -> Result<(Filters, usize, usize), Box<Response>> {
    match (p.filters(snap), p.limit(), Extra::page(extra)) {
        (Ok(f), Ok(l), Ok(n)) => Ok((f, l, n)),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(Box::new(error_page(c, e))),
    }
}

/// The served web font (long-cached: the file never changes within a build).
async fn asset(Path(file): Path<String>) -> Response {
    let path = format!("/assets/{file}");
    match FONTS.iter().find(|(p, _)| *p == path) {
        Some((_, bytes)) => {
            let mut r = (StatusCode::OK, *bytes).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("font/woff2"));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=604800"),
            );
            r
        }
        None => ApiError::not_found("asset").into_response(),
    }
}

fn time_str(t: &Option<khabar_model::PubTime>) -> String {
    t.map(|t| {
        let s = t.to_string();
        // Show minutes, not seconds and zone, in lists.
        s.get(..16).map(|x| x.replace('T', " ")).unwrap_or(s)
    })
    .unwrap_or_default()
}

fn article_link(m: &ArticleMeta) -> Markup {
    html! {
        a href={ "/articles/" (url_part(m.id.as_str())) } {
            bdi { (Txt(m.title.as_deref().unwrap_or(m.id.as_str()))) }
        }
    }
}

/// The non-empty parts of a meta line, joined with middle dots.
fn meta_line<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Markup {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    html! {
        @for (i, p) in parts.iter().enumerate() {
            @if i > 0 { " · " }
            bdi title=[long(p)] { (Txt(&short(p, NAME_CHARS))) }
        }
    }
}

/// How many characters of a name (outlet, author) lists show; the whole name is in the tooltip.
const NAME_CHARS: usize = 80;

/// The whole of a name that lists cut, for a tooltip.
fn long(s: &str) -> Option<String> {
    (s.chars().count() > NAME_CHARS).then(|| crate::html::display_text(s).into_owned())
}

/// The first `n` characters of `s` (with an ellipsis when cut).
fn short(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

fn article_item(ui: Ui, m: &ArticleMeta) -> Markup {
    let published = time_str(&m.published);
    let lang = m.language.as_deref().map(|l| ui.language_name(l));
    html! {
        li {
            (article_link(m)) " "
            div.meta { (meta_line([m.outlet.as_deref(), lang.as_deref(), Some(published.as_str())])) }
        }
    }
}

/// An entity's name in the UI language (its Hindi name in the Hindi UI when it has one).
fn entity_label(ui: Ui, snap: &Snapshot, id: &EntityId, name: &str) -> String {
    if ui == Ui::Hi {
        if let Some(h) = snap
            .entity(id.as_str())
            .and_then(|e| e.entity.name_hi.as_deref())
            .filter(|h| !h.trim().is_empty())
        {
            return h.to_string();
        }
    }
    name.to_string()
}

fn kind_label(kind: khabar_model::EntityKind) -> Label {
    match kind.as_str() {
        "person" => Label::Person,
        "place" => Label::Place,
        "organisation" => Label::Organisation,
        _ => Label::Other,
    }
}

/// Size, outlets, languages, first and last seen of a story; parts the story lacks are left out.
fn story_meta(ui: Ui, s: &Story) -> Markup {
    let langs: Vec<String> = s.languages.iter().map(|l| ui.language_name(l)).collect();
    let first = time_str(&s.first_published);
    let last = time_str(&s.last_published);
    let outlets = dedup_names(&s.outlets);
    html! {
        (count(ui, s.articles.len(), Noun::Article))
        @if !outlets.is_empty() {
            " · " (ui.t(Label::Outlets)) ": "
            @for (i, o) in outlets.iter().enumerate() {
                @if i > 0 { ", " }
                bdi title=[long(o)] { (Txt(&short(o, NAME_CHARS))) }
            }
        }
        @if !langs.is_empty() { " · " (ui.t(Label::Languages)) ": " (langs.join(", ")) }
        @if !first.is_empty() { " · " (ui.t(Label::FirstSeen)) ": " (first) }
        @if !last.is_empty() { " · " (ui.t(Label::LastSeen)) ": " (last) }
    }
}

/// Names without repeats (case and surrounding space ignored), first spelling kept.
fn dedup_names(names: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && seen.insert(n.to_lowercase()))
        .collect()
}

fn entity_chip(snap: &Snapshot, id: &EntityId, label: &str) -> Markup {
    let kind = snap.entity_kind(id).map(|k| k.as_str()).unwrap_or("other");
    html! {
        a class={ "chip " (kind) } href={ "/entities/" (url_part(id.as_str())) } { bdi { (Txt(label)) } }
    }
}

/// Items below the confidence bar (`khabar_model::CONFIDENT`), listed apart inside a closed
/// section whose summary says why they are less certain and how many there are (issue #15: a
/// reader sees first what the analysis is sure of; the rest only on request). Nothing when
/// there are none.
fn folded(ui: Ui, why: Label, n: usize, items: Markup) -> Markup {
    html! {
        @if n > 0 {
            details.uncertain {
                summary { (ui.t(why)) " (" (display_number(ui, &n.to_string())) ")" }
                (items)
            }
        }
    }
}

/// Whether an entity's links are sure somewhere in the store: its best mention is at or above
/// the confidence bar (an entity the snapshot does not know is taken as sure).
fn sure_entity(snap: &Snapshot, id: &EntityId) -> bool {
    snap.entity(id.as_str())
        .is_none_or(|e| e.entity.confidence >= CONFIDENT)
}

fn story_item(ui: Ui, snap: &Snapshot, s: &Story, extra: Option<Markup>) -> Markup {
    html! {
        li {
            a href={ "/stories/" (url_part(s.id.as_str())) } { strong { bdi { (Txt(&s.title)) } } }
            div.meta { (story_meta(ui, s)) }
            @if let Some(x) = extra { div.meta { (x) } }
            @if !s.entities.is_empty() {
                div {
                    @for e in s.entities.iter().filter(|e| sure_entity(snap, &e.id)).take(6) {
                        a class={ "chip " (e.kind.as_str()) } href={ "/entities/" (url_part(e.id.as_str())) } {
                            bdi { (Txt(&entity_label(ui, snap, &e.id, &e.name))) }
                        }
                    }
                }
            }
        }
    }
}

/// The query string of a page link: the filters kept, `page` set (left out for page 1).
fn page_link(path: &str, p: &Params, page: usize) -> String {
    let mut q: Vec<String> = Vec::new();
    for (k, v) in [
        ("q", &p.q),
        ("mode", &p.mode),
        ("limit", &p.limit),
        ("since", &p.since),
        ("until", &p.until),
        ("outlet", &p.outlet),
        ("language", &p.language),
        ("entity", &p.entity),
        ("story", &p.story),
        ("kind", &p.kind),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            q.push(format!("{k}={}", url_part(v)));
        }
    }
    if page > 1 {
        q.push(format!("page={page}"));
    }
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}

/// Numbered paging: first, last, and the pages around the current one, with gaps between.
fn pager(ui: Ui, path: &str, p: &Params, current: usize, pages: usize) -> Markup {
    if pages <= 1 {
        return html! {};
    }
    let mut shown: Vec<usize> = vec![1, pages];
    for n in current.saturating_sub(2)..=current + 2 {
        if (1..=pages).contains(&n) {
            shown.push(n);
        }
    }
    shown.sort_unstable();
    shown.dedup();
    html! {
        nav.pager aria-label=(ui.t(Label::Pages)) {
            @if current > 1 {
                a rel="prev" href=(page_link(path, p, current - 1)) { "← " (ui.t(Label::Previous)) }
            }
            @for (i, &n) in shown.iter().enumerate() {
                @if i > 0 && shown[i - 1] + 1 < n { span.gap { "…" } }
                @if n == current {
                    span aria-current="page" { (n) }
                } @else {
                    a href=(page_link(path, p, n)) { (n) }
                }
            }
            @if current < pages {
                a rel="next" href=(page_link(path, p, current + 1)) { (ui.t(Label::Next)) " →" }
            }
        }
    }
}

/// Choices of a filter: (value, label, count), most first.
type Choices = Vec<(String, String, usize)>;

/// Outlets and languages of the stories (or articles) that pass every filter but the one the
/// choice sets, with how many pass with it.
fn facets<'a, T: 'a>(
    items: impl Iterator<Item = &'a T>,
    f: &Filters,
    ok: impl Fn(&Filters, &T) -> bool,
    outlets_of: impl Fn(&T) -> Vec<&str>,
    languages_of: impl Fn(&T) -> Vec<&str>,
) -> (BTreeMap<String, (String, usize)>, BTreeMap<String, usize>) {
    let mut no_outlet = f.clone();
    no_outlet.outlet = None;
    let mut no_language = f.clone();
    no_language.language = None;
    let mut outlets: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    for it in items {
        if ok(&no_outlet, it) {
            let mut seen = std::collections::HashSet::new();
            for o in outlets_of(it) {
                let o = o.trim();
                let key = o.to_lowercase();
                if !o.is_empty() && seen.insert(key.clone()) {
                    outlets.entry(key).or_insert_with(|| (o.to_string(), 0)).1 += 1;
                }
            }
        }
        if ok(&no_language, it) {
            let mut seen = std::collections::HashSet::new();
            for l in languages_of(it) {
                let l = l.trim().to_lowercase();
                if !l.is_empty() && seen.insert(l.clone()) {
                    *languages.entry(l).or_insert(0) += 1;
                }
            }
        }
    }
    (outlets, languages)
}

fn choices(
    ui: Ui,
    outlets: BTreeMap<String, (String, usize)>,
    languages: BTreeMap<String, usize>,
) -> (Choices, Choices) {
    let mut o: Choices = outlets
        .into_values()
        .map(|(n, c)| (n.clone(), n, c))
        .collect();
    o.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    let mut l: Choices = languages
        .into_iter()
        .map(|(code, c)| {
            let name = ui.language_name(&code);
            (code, name, c)
        })
        .collect();
    l.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    (o, l)
}

/// A choice list; the current value is selected (and kept as a choice even when nothing has it).
fn select(
    ui: Ui,
    name: &str,
    label: Label,
    any: Label,
    current: Option<&str>,
    opts: &Choices,
) -> Markup {
    let cur = current.map(str::trim).filter(|c| !c.is_empty());
    let missing = cur.filter(|c| !opts.iter().any(|(v, _, _)| v.eq_ignore_ascii_case(c)));
    html! {
        label {
            (ui.t(label))
            select name=(name) {
                option value="" selected[cur.is_none()] { (ui.t(any)) }
                @if let Some(m) = missing {
                    option value=(m) selected { (Txt(m)) " (0)" }
                }
                @for (v, l, n) in opts {
                    option value=(v) selected[cur.is_some_and(|c| c.eq_ignore_ascii_case(v))] {
                        (Txt(&short(l, NAME_CHARS))) " (" (display_number(ui, &n.to_string())) ")"
                    }
                }
            }
        }
    }
}

fn filter_form(
    ui: Ui,
    action: &str,
    p: &Params,
    with_q: bool,
    outlets: &Choices,
    languages: &Choices,
) -> Markup {
    let v = |s: &Option<String>| s.clone().unwrap_or_default();
    html! {
        form.filters action=(action) method="get" {
            @if with_q {
                input type="search" name="q" value=(v(&p.q)) aria-label=(ui.t(Label::Query)) placeholder=(ui.t(Label::Query));
                " "
            }
            (select(ui, "outlet", Label::Outlet, Label::AnyOutlet, p.outlet.as_deref(), outlets))
            (select(ui, "language", Label::Language, Label::AnyLanguage, p.language.as_deref(), languages))
            label { (ui.t(Label::From)) " " input type="date" name="since" value=(v(&p.since)); }
            label { (ui.t(Label::Until)) " " input type="date" name="until" value=(v(&p.until)); }
            button { @if with_q { (ui.t(Label::Search)) } @else { (ui.t(Label::Filter)) } }
        }
    }
}

fn feed_link(ui: Ui, href: &str) -> Markup {
    html! { p.feed { a href=(href) type="application/atom+xml" { "⟲ " (ui.t(Label::Follow)) } } }
}

// ---- story list ----------------------------------------------------------------------------

fn story_outlets(s: &Arc<Story>) -> Vec<&str> {
    s.outlets.iter().map(String::as_str).collect()
}

async fn stories_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
    extra: Result<Query<Extra>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let (f, limit, n) = match list_args(&c, &p, &extra, &snap) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let matching: Vec<&Arc<Story>> = snap
        .stories
        .iter()
        .filter(|s| f.story_ok(s, &snap))
        .collect();
    let articles: usize = matching.iter().map(|s| s.articles.len()).sum();
    let (o, l) = facets(
        snap.stories.iter(),
        &f,
        |f, s| f.story_ok(s, &snap),
        story_outlets,
        |s| s.languages.iter().map(String::as_str).collect(),
    );
    let (outlets, languages) = choices(ui, o, l);
    let pages = matching.len().div_ceil(limit).max(1);
    let filtered = p.outlet.is_some()
        || p.language.is_some()
        || p.since.is_some()
        || p.until.is_some()
        || p.entity.is_some();
    let body = html! {
        h1 { (ui.t(Label::Stories)) }
        p.muted.counts {
            (count(ui, matching.len(), Noun::Story)) " · " (count(ui, articles, Noun::Article))
            @if filtered { " " (ui.t(Label::Matching)) }
        }
        (filter_form(ui, "/", &p, false, &outlets, &languages))
        @if matching.is_empty() { p { (ui.t(Label::NoResults)) } }
        ul.list {
            @for s in matching.iter().skip((n - 1).saturating_mul(limit)).take(limit) {
                (story_item(ui, &snap, s, None))
            }
        }
        (pager(ui, "/", &p, n, pages))
    };
    respond(&c, StatusCode::OK, ui.t(Label::Stories), None, body)
}

// ---- top stories and coverage --------------------------------------------------------------

fn rank_line(ui: Ui, r: &Ranked) -> Markup {
    html! {
        span.rank {
            (ui.t(Label::Score)) ": " (format!("{:.2}", r.score))
            " · " (count(ui, r.independent_outlets, Noun::IndependentOutlet))
            " · " (count(ui, r.growth, Noun::Article)) " " (ui.t(Label::LastDay))
        }
    }
}

/// The stories passing the filters, ranked (a store with no dated article ranks by outlets alone).
fn ranked_stories(snap: &Snapshot, f: &Filters) -> Vec<Ranked> {
    let now = rank::now_of(snap).unwrap_or(0);
    rank::top(snap, now, |s| f.story_ok(s, snap))
}

async fn top_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
    extra: Result<Query<Extra>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let (f, limit, n) = match list_args(&c, &p, &extra, &snap) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ranked = ranked_stories(&snap, &f);
    let pages = ranked.len().div_ceil(limit).max(1);
    let body = html! {
        h1 { (ui.t(Label::Top)) }
        p.muted { (ui.t(Label::RankHow)) }
        (feed_link(ui, "/top/feed.atom"))
        @if ranked.is_empty() { p { (ui.t(Label::NoResults)) } }
        ol.list.top start=((n - 1).saturating_mul(limit) + 1) {
            @for r in ranked.iter().skip((n - 1).saturating_mul(limit)).take(limit) {
                (story_item(ui, &snap, &r.story, Some(rank_line(ui, r))))
            }
        }
        (pager(ui, "/top", &p, n, pages))
    };
    respond(
        &c,
        StatusCode::OK,
        ui.t(Label::Top),
        Some("/top/feed.atom"),
        body,
    )
}

async fn top_feed(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let snap = st.snapshot();
    let ranked = ranked_stories(&snap, &Filters::default());
    let items = ranked
        .iter()
        .take(feeds::FEED_ENTRIES)
        .map(|r| Item {
            path: format!("/stories/{}", url_part(r.story.id.as_str())),
            title: r.story.title.clone(),
            updated: feeds::atom_time(r.story.last_published),
            author: None,
            summary: Some(format!(
                "{}; {}; {} in the last 24 h; score {:.2}",
                count(Ui::En, r.story.articles.len(), Noun::Article),
                count(Ui::En, r.independent_outlets, Noun::IndependentOutlet),
                count(Ui::En, r.growth, Noun::Article),
                r.score
            )),
        })
        .collect();
    let base = feeds::base_url(&headers);
    feeds::respond(feeds::feed(
        &base,
        "khabar: top stories now",
        "/top",
        "/top/feed.atom",
        items,
    ))
}

async fn coverage_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let (f, limit) = match (p.filters(&snap), p.limit()) {
        (Ok(f), Ok(l)) => (f, l),
        (Err(e), _) | (_, Err(e)) => return error_page(&c, e),
    };
    let ranked = ranked_stories(&snap, &f);
    let part = |want: Coverage| -> Vec<&Ranked> {
        ranked
            .iter()
            .filter(|r| rank::coverage(&r.story) == want)
            .collect()
    };
    let (hi, en) = (part(Coverage::OnlyHindi), part(Coverage::OnlyEnglish));
    let column = |id: &str, label: Label, list: &[&Ranked]| {
        html! {
            section id=(id) {
                h2 { (ui.t(label)) }
                p.muted.counts { (count(ui, list.len(), Noun::Story)) }
                ul.list {
                    @for r in list.iter().take(limit) {
                        (story_item(ui, &snap, &r.story, Some(rank_line(ui, r))))
                    }
                }
            }
        }
    };
    let body = html! {
        h1 { (ui.t(Label::Coverage)) }
        p.muted { (ui.t(Label::RankHow)) }
        div.cols {
            (column("only-hi", Label::OnlyHindi, &hi))
            (column("only-en", Label::OnlyEnglish, &en))
        }
    };
    respond(&c, StatusCode::OK, ui.t(Label::Coverage), None, body)
}

// ---- story ---------------------------------------------------------------------------------

/// The outlet an article is shown by: its outlet, else the start of its title, else its id.
fn source_name(snap: &Snapshot, article: &ArticleId) -> String {
    let meta = snap.article(article.as_str());
    meta.and_then(|m| m.outlet.as_deref())
        .filter(|o| !o.trim().is_empty())
        .map(|o| short(o, NAME_CHARS))
        .or_else(|| meta.and_then(|m| m.title.as_deref()).map(|t| short(t, 40)))
        .unwrap_or_else(|| article.0.clone())
}

fn source_link(snap: &Snapshot, article: &ArticleId, sentence: usize, label: &str) -> Markup {
    let outlet = source_name(snap, article);
    let label = if label.is_empty() { &outlet } else { label };
    html! {
        a href={ "/articles/" (url_part(article.as_str())) "#s" (sentence) } title=(Txt(&outlet)) {
            bdi { (Txt(label)) }
        }
    }
}

/// A story's quotes, each text once (reprints and copies carry the same quote), with every article
/// that carries it, in article order.
pub(crate) fn quotes_once(
    analyses: &[Analysis],
) -> Vec<(&khabar_model::Quote, Vec<khabar_model::Provenance>)> {
    let mut out: Vec<(&khabar_model::Quote, Vec<khabar_model::Provenance>)> = Vec::new();
    let mut by_text: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for a in analyses {
        for q in &a.quotes {
            let key = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let source = khabar_model::Provenance {
                article: a.article.clone(),
                sentence: q.sentence,
                span: q.span,
            };
            match by_text.get(&key) {
                Some(&i) => out[i].1.push(source),
                None => {
                    by_text.insert(key, out.len());
                    out.push((q, vec![source]));
                }
            }
        }
    }
    out
}

/// The sources of a statement, each outlet named once: its first report linked by name, further
/// reports of the same outlet as small numbered links.
fn sources_once(snap: &Snapshot, sources: &[khabar_model::Provenance]) -> Markup {
    let mut groups: Vec<(String, Vec<&khabar_model::Provenance>)> = Vec::new();
    let mut seen_articles = std::collections::HashSet::new();
    for s in sources {
        if !seen_articles.insert(&s.article) {
            continue;
        }
        let name = source_name(snap, &s.article);
        match groups
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
        {
            Some((_, g)) => g.push(s),
            None => groups.push((name, vec![s])),
        }
    }
    html! {
        @for (i, (name, g)) in groups.iter().enumerate() {
            @if i > 0 { " · " }
            (source_link(snap, &g[0].article, g[0].sentence, name))
            @if g.len() > 1 {
                sup.more {
                    @for (j, s) in g.iter().enumerate().skip(1) {
                        a href={ "/articles/" (url_part(s.article.as_str())) "#s" (s.sentence) } title=(Txt(name)) { (j + 1) }
                    }
                }
            }
        }
    }
}

/// An entity name from a topic in the UI language (its Hindi name when one entity has it).
fn name_in(ui: Ui, snap: &Snapshot, s: &Story, name: &str) -> String {
    if ui == Ui::En {
        return name.to_string();
    }
    s.entities
        .iter()
        .find(|e| e.name == name)
        .map(|e| entity_label(ui, snap, &e.id, &e.name))
        .unwrap_or_else(|| name.to_string())
}

fn comparison_table(ui: Ui, snap: &Snapshot, s: &Story) -> Markup {
    let cmp = &s.comparison;
    let rows: Vec<(&str, &ComparedFact)> = cmp
        .conflict
        .iter()
        .map(|f| ("conflict", f))
        .chain(cmp.agree.iter().map(|f| ("agree", f)))
        .chain(cmp.only_in.iter().map(|f| ("only", f)))
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    // Columns: the story's outlets, then any outlet only the claims name (each once).
    let mut outlets: Vec<String> = dedup_names(&s.outlets)
        .into_iter()
        .map(str::to_string)
        .collect();
    for (_, f) in &rows {
        for c in &f.claims {
            if !outlets
                .iter()
                .any(|o| o.eq_ignore_ascii_case(c.outlet.trim()))
            {
                outlets.push(c.outlet.trim().to_string());
            }
        }
    }
    let label = |class: &str| match class {
        "conflict" => ui.t(Label::Conflict),
        "agree" => ui.t(Label::Agree),
        _ => ui.t(Label::OnlyIn),
    };
    let name = |n: &str| name_in(ui, snap, s, n);
    html! {
        h2 { (ui.t(Label::SideBySide)) }
        p.meta {
            span.badge.conflict { (ui.t(Label::Conflict)) } " "
            span.badge.agree { (ui.t(Label::Agree)) } " "
            span.badge.only { (ui.t(Label::OnlyIn)) }
        }
        div.table-wrap {
            table.cmp {
                thead { tr { th {} @for o in &outlets { th title=[long(o)] { bdi { (Txt(&short(o, NAME_CHARS))) } } } } }
                tbody {
                    @for (class, f) in &rows {
                        tr class=(class) {
                            td.topic { bdi { (Txt(&topic(ui, &f.topic, &name))) } " " span class={ "badge " (class) } { (label(class)) } }
                            @for o in &outlets {
                                @let claims: Vec<_> = f.claims.iter().filter(|c| c.outlet.trim().eq_ignore_ascii_case(o)).collect();
                                @if claims.is_empty() {
                                    td {}
                                } @else {
                                    td class={ "claim " (class) } data-outlet=(Txt(o)) {
                                        @for (i, c) in claims.iter().enumerate() {
                                            @if i > 0 { br; }
                                            (source_link(snap, &c.source.article, c.source.sentence, &display_number(ui, &c.value)))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn story_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, _) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let Some(s) = snap.story(&id).cloned() else {
        return error_page(&c, ApiError::not_found("story"));
    };
    let metas = api::story_articles(&snap, &s);
    // Quotes need the analyses.
    let ids = s.articles.clone();
    let st2 = st.clone();
    let analyses: Vec<Analysis> = match st
        .read_blocking(move || {
            st2.inner.db.with(|db| {
                let mut out = Vec::new();
                for a in &ids {
                    if let Some(an) = khabar_store::Store::analysis(db, a)? {
                        out.push(an);
                    }
                }
                Ok::<_, khabar_store::StoreError>(out)
            })
        })
        .await
    {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => return error_page(&c, ApiError::internal(e)),
        Err(e) => return error_page(&c, ApiError::internal(e)),
    };
    let feed = format!("/stories/{}/feed.atom", url_part(s.id.as_str()));
    let days = per_day(metas.iter());
    let quotes = quotes_once(&analyses);
    let name = |a: &ArticleId| -> Markup {
        match snap.article(a.as_str()) {
            Some(m) => article_link(m),
            None => html! { (Txt(a.as_str())) },
        }
    };
    // Quotes below the confidence bar (speaker or quotation unclear) are listed apart, folded.
    let uncertain = quotes
        .iter()
        .filter(|(q, _)| q.confidence < CONFIDENT)
        .count();
    // So are entities whose every mention in the story's articles is below the bar (a name
    // the linker was unsure of); an entity no analysis lists is taken as sure.
    let mut best: HashMap<&EntityId, f32> = HashMap::new();
    for r in analyses.iter().flat_map(|a| &a.entities) {
        let b = best.entry(&r.id).or_insert(r.confidence);
        *b = b.max(r.confidence);
    }
    let sure = |id: &EntityId| best.get(id).is_none_or(|c| *c >= CONFIDENT);
    let unsure_entities = s.entities.iter().filter(|e| !sure(&e.id)).count();
    let story_chip = |e: &khabar_model::StoryEntity| -> Markup {
        html! {
            a class={ "chip " (e.kind.as_str()) } href={ "/entities/" (url_part(e.id.as_str())) }
                title=(count(ui, e.mentions, Noun::Mention)) {
                bdi { (Txt(&entity_label(ui, &snap, &e.id, &e.name))) }
            }
        }
    };
    let quote_block = |q: &khabar_model::Quote, sources: &[khabar_model::Provenance]| -> Markup {
        html! {
            blockquote {
                @if q.direct { "“" } bdi { (Txt(&q.text)) } @if q.direct { "”" }
                div.meta {
                    "— "
                    @match (&q.speaker, &q.speaker_text) {
                        (Some(id), text) => {
                            (entity_chip(&snap, id, &snap.entity(id.as_str())
                                .map(|e| entity_label(ui, &snap, id, &e.entity.name))
                                .or_else(|| text.clone())
                                .unwrap_or_else(|| id.0.clone())))
                        }
                        (None, Some(t)) => { bdi { (Txt(t)) } }
                        (None, None) => { (ui.t(Label::UnknownSpeaker)) }
                    }
                    " · " (sources_once(&snap, sources))
                }
            }
        }
    };
    let body = html! {
        h1 { bdi { (Txt(&s.title)) } }
        p.meta { (story_meta(ui, &s)) }
        (feed_link(ui, &feed))
        @if !s.entities.is_empty() {
            p {
                @for e in s.entities.iter().filter(|e| sure(&e.id)) { (story_chip(e)) }
            }
            (folded(ui, Label::UncertainNames, unsure_entities,
                html! { p { @for e in s.entities.iter().filter(|e| !sure(&e.id)) { (story_chip(e)) } } }))
        }
        @if !days.is_empty() {
            h2 { (ui.t(Label::PerDay)) }
            (day_chart(&days, ui.t(Label::PerDay)))
        }
        @if !s.timeline.is_empty() {
            h2 { (ui.t(Label::Timeline)) }
            ul.list.timeline {
                @for t in &s.timeline {
                    li {
                        span.meta { (t.granularity.show(t.date)) }
                        div {
                            @if let Some(k) = &t.kind { span.badge { (Txt(&term(ui, k))) } " " }
                            bdi { (Txt(&t.text)) } " "
                            span.meta.sources { (sources_once(&snap, &t.sources)) }
                        }
                    }
                }
            }
        }
        (comparison_table(ui, &snap, &s))
        @if !s.copies.is_empty() {
            h2 { (ui.t(Label::Copies)) }
            ul.list {
                @for g in &s.copies {
                    li {
                        span.badge { (ui.t(Label::Original)) } " " (name(&g.original))
                        @if let Some(a) = &g.agency { " " span.chip { bdi { (Txt(a)) } } }
                        @for cpy in &g.copies { br; "↳ " (name(cpy)) }
                    }
                }
            }
        }
        @if !quotes.is_empty() {
            h2 { (ui.t(Label::Quotes)) }
            @for (q, sources) in quotes.iter().filter(|(q, _)| q.confidence >= CONFIDENT) {
                (quote_block(q, sources))
            }
            (folded(ui, Label::UncertainQuotes, uncertain, html! {
                @for (q, sources) in quotes.iter().filter(|(q, _)| q.confidence < CONFIDENT) {
                    (quote_block(q, sources))
                }
            }))
        }
        h2 { (ui.t(Label::Articles)) " (" (display_number(ui, &metas.len().to_string())) ")" }
        ul.list.articles {
            @for m in &metas { (article_item(ui, m)) }
        }
    };
    respond(&c, StatusCode::OK, &s.title, Some(&feed), body)
}

/// Newest first, then id: the order of feed entries.
fn newest_first(metas: &mut [ArticleMeta]) {
    metas.sort_by(|a, b| {
        let ta = a.published.map(|t| t.timestamp());
        let tb = b.published.map(|t| t.timestamp());
        tb.cmp(&ta).then(a.id.cmp(&b.id))
    });
}

async fn story_feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let snap = st.snapshot();
    let Some(s) = snap.story(&id).cloned() else {
        return ApiError::not_found("story").into_response();
    };
    let mut metas = api::story_articles(&snap, &s);
    newest_first(&mut metas);
    let items = metas
        .iter()
        .take(feeds::FEED_ENTRIES)
        .map(|m| Item::article(m, m.language.clone()))
        .collect();
    let path = format!("/stories/{}", url_part(s.id.as_str()));
    feeds::respond(feeds::feed(
        &feeds::base_url(&headers),
        &s.title,
        &path,
        &format!("{path}/feed.atom"),
        items,
    ))
}

// ---- article -------------------------------------------------------------------------------

fn valid(text: &str, s: &Span) -> bool {
    s.start <= s.end && text.get(s.start..s.end).is_some()
}

/// A piece of the article text: plain, or a linked mention of an entity.
enum Piece<'a> {
    Plain(&'a str),
    Mention(&'a str, &'a EntityId),
}

/// The pieces of `text[a..b]`, mentions (from `mi` on, sorted by start) linked.
fn pieces<'a>(
    text: &'a str,
    mentions: &[(Span, &'a EntityId)],
    mi: &mut usize,
    a: usize,
    b: usize,
) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut cur = a;
    let plain = |out: &mut Vec<Piece<'a>>, x: usize, y: usize| {
        if x < y {
            if let Some(t) = text.get(x..y) {
                out.push(Piece::Plain(t));
            }
        }
    };
    while *mi < mentions.len() && mentions[*mi].0.start < b {
        let (m, e) = mentions[*mi];
        *mi += 1;
        if m.start < cur || m.end > b {
            continue;
        }
        plain(&mut out, cur, m.start);
        out.push(Piece::Mention(text.get(m.start..m.end).unwrap_or(""), e));
        cur = m.end;
    }
    plain(&mut out, cur, b);
    out
}

fn render_pieces(ps: &[Piece]) -> Markup {
    html! {
        @for p in ps {
            @match p {
                Piece::Plain(t) => { (Txt(t)) }
                Piece::Mention(t, e) => { a.m href={ "/entities/" (url_part(e.as_str())) } { (Txt(t)) } }
            }
        }
    }
}

/// The clean text as paragraphs, each sentence a `<span id="sN">` (the `:target` is highlighted),
/// mentions of linked entities as links to their pages.
pub(crate) fn render_text(doc: &Document, analysis: Option<&Analysis>) -> Markup {
    let text = doc.text.as_str();
    let sentences: Vec<(usize, Span)> = analysis
        .map(|a| {
            a.sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| valid(text, &s.span))
                .map(|(i, s)| (i, s.span))
                .collect()
        })
        .unwrap_or_default();
    let mut mentions: Vec<(Span, &EntityId)> = analysis
        .map(|a| {
            a.mentions
                .iter()
                .filter(|m| valid(text, &m.span) && !m.span.is_empty())
                .filter_map(|m| m.entity.as_ref().map(|e| (m.span, e)))
                .collect()
        })
        .unwrap_or_default();
    mentions.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut paragraphs: Vec<Span> = doc
        .paragraphs
        .iter()
        .copied()
        .filter(|p| valid(text, p))
        .collect();
    if paragraphs.is_empty() {
        paragraphs.push(Span::new(0, text.len()));
    }
    // Each paragraph: (text before a sentence, sentence number, sentence pieces)…, tail pieces.
    let mut mi = 0;
    let mut si = 0;
    let mut paras = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let mut parts: Vec<(Option<&str>, usize, Vec<Piece>)> = Vec::new();
        let mut pos = p.start;
        while si < sentences.len() && sentences[si].1.start < p.end {
            let (i, s) = sentences[si];
            si += 1;
            if s.start < pos {
                continue;
            }
            let end = s.end.min(p.end);
            let before = text.get(pos..s.start).filter(|t| !t.is_empty());
            parts.push((before, i, pieces(text, &mentions, &mut mi, s.start, end)));
            pos = end;
        }
        let tail = pieces(text, &mentions, &mut mi, pos, p.end);
        paras.push((parts, tail));
    }
    html! {
        @for (parts, tail) in &paras {
            p {
                @for (before, i, ps) in parts {
                    @if let Some(b) = before { (Txt(b)) }
                    span.s id={ "s" (i) } { (render_pieces(ps)) }
                }
                (render_pieces(tail))
            }
        }
    }
}

fn fact_link(doc: &Document, sentence: usize, label: &str) -> Markup {
    html! {
        a href={ "/articles/" (url_part(doc.id.as_str())) "#s" (sentence) } { bdi { (Txt(label)) } }
    }
}

async fn article_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, _) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let (doc, analysis) = match load_article(&st, &id).await {
        Ok(Some(x)) => x,
        Ok(None) => return error_page(&c, ApiError::not_found("article")),
        Err(e) => return error_page(&c, e),
    };
    let snap = st.snapshot();
    let title = doc.title.clone().unwrap_or_else(|| doc.id.0.clone());
    let published = doc.published.is_some().then(|| time_str(&doc.published));
    let lang = doc.language.as_deref().map(|l| ui.language_name(l));
    let url = doc
        .url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let story = snap
        .article(&id)
        .and_then(|m| m.story.as_ref())
        .and_then(|sid| snap.story(sid.as_str()));
    let speaker = |q: &khabar_model::Quote| -> Markup {
        match (&q.speaker, &q.speaker_text) {
            (Some(id), _) => entity_chip(
                &snap,
                id,
                &entity_label(ui, &snap, id, &snap.entity_name(id)),
            ),
            (None, Some(t)) => html! { bdi { (Txt(t)) } },
            (None, None) => html! { (ui.t(Label::UnknownSpeaker)) },
        }
    };
    let quantity_kind = |k: &khabar_model::QuantityKind| {
        serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    // Each list shows the items at or above the confidence bar; the rest are folded apart.
    let chip = |e: &khabar_model::EntityRef| -> Markup {
        let label = match (ui, &e.name_hi) {
            (Ui::Hi, Some(h)) => h.clone(),
            _ => e.name.clone(),
        };
        html! { a class={ "chip " (e.kind.as_str()) } href={ "/entities/" (url_part(e.id.as_str())) } { bdi { (Txt(&label)) } } }
    };
    let number = |q: &khabar_model::Quantity| -> Markup {
        html! {
            li {
                (fact_link(&doc, q.sentence, &q.text)) " "
                span.badge { (Txt(&term(ui, &quantity_kind(&q.kind)))) } " "
                (Txt(q.what.as_deref().unwrap_or("")))
            }
        }
    };
    let quote = |q: &khabar_model::Quote| -> Markup {
        html! { li { (fact_link(&doc, q.sentence, &q.text)) " — " (speaker(q)) } }
    };
    let event = |e: &khabar_model::Event| -> Markup {
        html! {
            li {
                span.badge { (Txt(&term(ui, &e.kind))) } " "
                (fact_link(&doc, e.sentence, &e.trigger_text))
                @for who in [&e.actor, &e.target, &e.place].into_iter().flatten() {
                    " " (entity_chip(&snap, who, &entity_label(ui, &snap, who, &snap.entity_name(who))))
                }
                @if let Some(d) = e.date { " " span.meta { (d.to_string()) } }
            }
        }
    };
    let body = html! {
        h1 { bdi { (Txt(&title)) } }
        p.meta {
            (meta_line([doc.outlet.as_deref(), doc.author.as_deref(), published.as_deref(), lang.as_deref()]))
            @if let Some(u) = url { " · " a href=(u) rel="nofollow noopener" { (ui.t(Label::Source)) } }
            @if let Some(s) = story {
                " · " (ui.t(Label::InStory)) ": "
                a href={ "/stories/" (url_part(s.id.as_str())) } { bdi { (Txt(&s.title)) } }
            }
        }
        @if let Some(a) = &analysis {
            @if !a.entities.is_empty() {
                p {
                    @for e in a.entities.iter().filter(|e| e.confidence >= CONFIDENT) { (chip(e)) }
                }
                (folded(ui, Label::UncertainNames,
                    a.entities.iter().filter(|e| e.confidence < CONFIDENT).count(),
                    html! { p { @for e in a.entities.iter().filter(|e| e.confidence < CONFIDENT) { (chip(e)) } } }))
            }
        }
        div.text lang=(doc.language.as_deref().unwrap_or("")) dir="auto" { (render_text(&doc, analysis.as_ref())) }
        @if let Some(a) = &analysis {
            h2 { (ui.t(Label::Facts)) }
            @if !a.quantities.is_empty() {
                h3 { (ui.t(Label::Numbers)) }
                ul {
                    @for q in a.quantities.iter().filter(|q| q.confidence >= CONFIDENT) { (number(q)) }
                }
                (folded(ui, Label::UncertainNumbers,
                    a.quantities.iter().filter(|q| q.confidence < CONFIDENT).count(),
                    html! { ul { @for q in a.quantities.iter().filter(|q| q.confidence < CONFIDENT) { (number(q)) } } }))
            }
            @if !a.dates.is_empty() {
                h3 { (ui.t(Label::Dates)) }
                ul {
                    @for d in &a.dates {
                        li {
                            (fact_link(&doc, d.sentence, &d.text)) " → " (d.date.to_string()) " "
                            span.badge { (Txt(&term(ui, &d.resolution))) }
                        }
                    }
                }
            }
            @if !a.quotes.is_empty() {
                h3 { (ui.t(Label::Quotes)) }
                ul {
                    @for q in a.quotes.iter().filter(|q| q.confidence >= CONFIDENT) { (quote(q)) }
                }
                (folded(ui, Label::UncertainQuotes,
                    a.quotes.iter().filter(|q| q.confidence < CONFIDENT).count(),
                    html! { ul { @for q in a.quotes.iter().filter(|q| q.confidence < CONFIDENT) { (quote(q)) } } }))
            }
            @if !a.events.is_empty() {
                h3 { (ui.t(Label::Events)) }
                ul {
                    @for e in a.events.iter().filter(|e| e.confidence >= CONFIDENT) { (event(e)) }
                }
                (folded(ui, Label::UncertainEvents,
                    a.events.iter().filter(|e| e.confidence < CONFIDENT).count(),
                    html! { ul { @for e in a.events.iter().filter(|e| e.confidence < CONFIDENT) { (event(e)) } } }))
            }
        }
    };
    respond(&c, StatusCode::OK, &title, None, body)
}

// ---- entities ------------------------------------------------------------------------------

async fn entities_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
    extra: Result<Query<Extra>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let (limit, n) = match (p.limit(), Extra::page(&extra)) {
        (Ok(l), Ok(n)) => (l, n),
        (Err(e), _) | (_, Err(e)) => return error_page(&c, e),
    };
    let kind = p.kind.as_deref().and_then(khabar_model::EntityKind::parse);
    let snap = st.snapshot();
    let list: Vec<_> = snap
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.entity.kind == k))
        .collect();
    let pages = list.len().div_ceil(limit).max(1);
    let body = html! {
        h1 { (ui.t(Label::Entities)) }
        p.muted.counts { (count(ui, list.len(), Noun::Entity)) }
        div.table-wrap {
            table {
                thead { tr {
                    th {} th { (ui.t(Label::Kind)) } th { (ui.t(Label::Mentions)) }
                    th { (ui.t(Label::Articles)) } th { (ui.t(Label::Stories)) }
                } }
                tbody {
                    @for e in list.iter().skip((n - 1).saturating_mul(limit)).take(limit) {
                        tr {
                            td {
                                a class={ "chip " (e.entity.kind.as_str()) } href={ "/entities/" (url_part(e.entity.id.as_str())) } {
                                    bdi { (Txt(&e.entity.name)) }
                                }
                                " " bdi { (Txt(e.entity.name_hi.as_deref().unwrap_or(""))) }
                            }
                            td { (ui.t(kind_label(e.entity.kind))) }
                            td { (display_number(ui, &e.mentions.to_string())) }
                            td { (display_number(ui, &e.articles.len().to_string())) }
                            td { (display_number(ui, &e.stories.len().to_string())) }
                        }
                    }
                }
            }
        }
        (pager(ui, "/entities", &p, n, pages))
    };
    respond(&c, StatusCode::OK, ui.t(Label::Entities), None, body)
}

async fn entity_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, _) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let Some(e) = snap.entity(&id) else {
        return error_page(&c, ApiError::not_found("entity"));
    };
    let name = match (ui, &e.entity.name_hi) {
        (Ui::Hi, Some(h)) => format!("{h} ({})", e.entity.name),
        (_, Some(h)) => format!("{} ({h})", e.entity.name),
        _ => e.entity.name.clone(),
    };
    let metas: Vec<&ArticleMeta> = e
        .articles
        .iter()
        .filter_map(|a| snap.article(a.as_str()))
        .collect();
    let days = per_day(metas.iter().copied());
    let feed = format!("/entities/{}/feed.atom", url_part(e.entity.id.as_str()));
    let body = html! {
        h1 { bdi { (Txt(&name)) } }
        p.meta {
            span class={ "chip " (e.entity.kind.as_str()) } { (ui.t(kind_label(e.entity.kind))) }
            " · " (count(ui, e.mentions, Noun::Mention))
            " · " (count(ui, e.articles.len(), Noun::Article))
            " · " (count(ui, e.stories.len(), Noun::Story))
        }
        (feed_link(ui, &feed))
        @if !days.is_empty() {
            h2 { (ui.t(Label::PerDay)) }
            (day_chart(&days, ui.t(Label::PerDay)))
        }
        h2 { (ui.t(Label::Stories)) }
        ul.list {
            @for sid in &e.stories {
                @if let Some(s) = snap.story(sid.as_str()) { (story_item(ui, &snap, s, None)) }
            }
        }
        h2 { (ui.t(Label::Articles)) }
        ul.list {
            @for m in metas.iter().rev().filter(|m| !e.uncertain_in.contains(&m.id)) { (article_item(ui, m)) }
        }
        (folded(ui, Label::UncertainArticles,
            metas.iter().filter(|m| e.uncertain_in.contains(&m.id)).count(),
            html! { ul.list { @for m in metas.iter().rev().filter(|m| e.uncertain_in.contains(&m.id)) { (article_item(ui, m)) } } }))
    };
    respond(&c, StatusCode::OK, &name, Some(&feed), body)
}

async fn entity_feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let snap = st.snapshot();
    let Some(e) = snap.entity(&id) else {
        return ApiError::not_found("entity").into_response();
    };
    let mut metas: Vec<ArticleMeta> = e
        .articles
        .iter()
        .filter_map(|a| snap.article(a.as_str()).cloned())
        .collect();
    newest_first(&mut metas);
    let items = metas
        .iter()
        .take(feeds::FEED_ENTRIES)
        .map(|m| Item::article(m, m.language.clone()))
        .collect();
    let path = format!("/entities/{}", url_part(e.entity.id.as_str()));
    feeds::respond(feeds::feed(
        &feeds::base_url(&headers),
        &format!("khabar: {}", e.entity.name),
        &path,
        &format!("{path}/feed.atom"),
        items,
    ))
}

// ---- search --------------------------------------------------------------------------------

fn marked(snippet: &str, marks: &[(usize, usize)]) -> Markup {
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut cur = 0;
    for &(a, b) in marks {
        if a < cur || snippet.get(a..b).is_none() || snippet.get(cur..a).is_none() {
            continue;
        }
        parts.push((&snippet[cur..a], false));
        parts.push((&snippet[a..b], true));
        cur = b;
    }
    parts.push((snippet.get(cur..).unwrap_or(""), false));
    html! {
        @for (t, m) in parts {
            @if m { mark { (Txt(t)) } } @else { (Txt(t)) }
        }
    }
}

fn article_outlets(m: &ArticleMeta) -> Vec<&str> {
    m.outlet.as_deref().into_iter().collect()
}

fn article_languages(m: &ArticleMeta) -> Vec<&str> {
    m.language.as_deref().into_iter().collect()
}

/// The search feed's query string: the query and the filters.
fn search_feed_link(p: &Params) -> String {
    page_link("/search/feed.atom", p, 1)
}

async fn search_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
    extra: Result<Query<Extra>, QueryRejection>,
) -> Response {
    let (c, mut p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let snap = st.snapshot();
    let (f, limit, n) = match list_args(&c, &p, &extra, &snap) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let (o, l) = facets(
        snap.articles.iter(),
        &f,
        |f, a| f.article_ok(a, &snap),
        article_outlets,
        article_languages,
    );
    let (outlets, languages) = choices(ui, o, l);
    let result = if p.query().is_empty() {
        None
    } else {
        // Numbered pages are offsets into the ranking.
        p.cursor = (n > 1).then(|| format!("o{}", (n - 1).saturating_mul(limit)));
        match api::run_search(&st, &p).await {
            Ok(r) => Some(r),
            Err(e) => return error_page(&c, e),
        }
    };
    p.cursor = None;
    let feed = search_feed_link(&p);
    let body = html! {
        h1 { (ui.t(Label::Search)) }
        (filter_form(ui, "/search", &p, true, &outlets, &languages))
        @if let Some(r) = &result {
            p.muted.counts { (count(ui, r.total, Noun::Result)) }
            (feed_link(ui, &feed))
            @if !r.stories.is_empty() {
                h2 { (ui.t(Label::Stories)) }
                ul.list {
                    @for s in &r.stories {
                        @if let Some(story) = snap.story(s.id.as_str()) { (story_item(ui, &snap, story, None)) }
                    }
                }
            }
            @if r.items.is_empty() {
                p { (ui.t(Label::NoResults)) }
            } @else {
                h2 { (ui.t(Label::Articles)) }
                ul.list.hits {
                    @for h in &r.items {
                        @let lang = h.article.language.as_deref().map(|l| ui.language_name(l));
                        @let published = time_str(&h.article.published);
                        li {
                            (article_link(&h.article))
                            div.meta { (meta_line([h.article.outlet.as_deref(), lang.as_deref(), Some(published.as_str())])) }
                            div { (marked(&h.snippet, &h.marks)) }
                        }
                    }
                }
            }
            (pager(ui, "/search", &p, n, r.total.min(10_000).div_ceil(limit).max(1)))
        }
    };
    let title = if p.query().is_empty() {
        ui.t(Label::Search).to_string()
    } else {
        format!("{} · {}", p.query(), ui.t(Label::Search))
    };
    let feed = result.as_ref().map(|_| feed.as_str());
    respond(&c, StatusCode::OK, &title, feed, body)
}

async fn search_feed(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let mut p = match q {
        Ok(Query(p)) => p,
        Err(e) => return ApiError::from(e).into_response(),
    };
    if p.query().is_empty() {
        return ApiError::bad("`q` is required").into_response();
    }
    p.cursor = None;
    p.limit = Some(feeds::FEED_ENTRIES.to_string());
    let r = match api::run_search(&st, &p).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let mut hits: Vec<(ArticleMeta, String)> = r
        .items
        .into_iter()
        .map(|h| (h.article, h.snippet))
        .collect();
    hits.sort_by(|(a, _), (b, _)| {
        let ta = a.published.map(|t| t.timestamp());
        let tb = b.published.map(|t| t.timestamp());
        tb.cmp(&ta).then(a.id.cmp(&b.id))
    });
    let items = hits
        .iter()
        .map(|(m, snippet)| Item::article(m, Some(snippet.clone()).filter(|s| !s.is_empty())))
        .collect();
    p.limit = None;
    let path = page_link("/search", &p, 1);
    feeds::respond(feeds::feed(
        &feeds::base_url(&headers),
        &format!("khabar: {}", p.query()),
        &path,
        &search_feed_link(&p),
        items,
    ))
}

#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
