//! The web UI: server-rendered HTML, no JavaScript. Every piece of stored text goes through
//! [`Esc`]; every id in a link through [`url_part`].

use crate::api::{self, load_article, ApiError, Params};
use crate::html::{day_chart, display_number, esc, page, url_part, Esc, Ui};
use crate::snapshot::{per_day, ArticleMeta, Snapshot};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use khabar_model::{Analysis, ArticleId, ComparedFact, Document, EntityId, Span, Story};
use std::fmt::Write;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(stories_page))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/entities", get(entities_page))
        .route("/entities/{id}", get(entity_page))
        .route("/search", get(search_page))
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

fn respond(c: &Ctx, status: StatusCode, title: &str, body: &str) -> Response {
    let mut r = (status, Html(page(c.ui, title, body))).into_response();
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
        c.ui.t("not_found").to_string()
    } else {
        e.status.to_string()
    };
    let body = format!("<h1>{}</h1><p>{}</p>", Esc(&title), Esc(&e.message));
    respond(c, e.status, &title, &body)
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

fn time_str(t: &Option<khabar_model::PubTime>) -> String {
    t.map(|t| {
        let s = t.to_string();
        // Show minutes, not seconds and zone, in lists.
        s.get(..16).map(|x| x.replace('T', " ")).unwrap_or(s)
    })
    .unwrap_or_default()
}

fn article_link(m: &ArticleMeta) -> String {
    format!(
        "<a href=\"/articles/{}\">{}</a>",
        url_part(m.id.as_str()),
        Esc(m.title.as_deref().unwrap_or(m.id.as_str()))
    )
}

/// The non-empty parts of a meta line, escaped and joined with middle dots.
fn meta_parts<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(esc)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The first `n` characters of `s` (with an ellipsis when cut).
fn short(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

fn article_item(m: &ArticleMeta) -> String {
    let published = time_str(&m.published);
    format!(
        "<li>{} <div class=\"meta\">{}</div></li>",
        article_link(m),
        meta_parts([
            m.outlet.as_deref(),
            m.language.as_deref(),
            Some(published.as_str())
        ])
    )
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

/// Size, outlets, languages, first and last seen of a story; parts the story lacks are left out.
fn story_meta(ui: Ui, s: &Story) -> String {
    let mut parts = vec![format!(
        "{} {}",
        s.articles.len(),
        ui.t("size").to_lowercase()
    )];
    let mut labelled = |label: &str, value: String| {
        if !value.trim().is_empty() {
            parts.push(format!("{label}: {}", Esc(&value)));
        }
    };
    labelled(ui.t("outlets"), s.outlets.join(", "));
    labelled(ui.t("languages"), s.languages.join(", "));
    labelled(ui.t("first_seen"), time_str(&s.first_published));
    labelled(ui.t("last_seen"), time_str(&s.last_published));
    parts.join(" · ")
}

fn entity_chip(snap: &Snapshot, id: &EntityId, label: &str) -> String {
    let kind = snap.entity_kind(id).map(|k| k.as_str()).unwrap_or("other");
    format!(
        "<a class=\"chip {kind}\" href=\"/entities/{}\">{}</a>",
        url_part(id.as_str()),
        Esc(label)
    )
}

fn story_item(ui: Ui, snap: &Snapshot, s: &Story) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<li><a href=\"/stories/{}\"><strong>{}</strong></a><div class=\"meta\">{}</div>",
        url_part(s.id.as_str()),
        Esc(&s.title),
        story_meta(ui, s)
    );
    if !s.entities.is_empty() {
        out.push_str("<div>");
        for e in s.entities.iter().take(6) {
            let _ = write!(
                out,
                "<a class=\"chip {}\" href=\"/entities/{}\">{}</a>",
                e.kind.as_str(),
                url_part(e.id.as_str()),
                Esc(&entity_label(ui, snap, &e.id, &e.name))
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</li>");
    out
}

/// A query string for the next page, keeping the filters.
fn next_link(path: &str, p: &Params, cursor: &str) -> String {
    let mut q = vec![format!("cursor={}", url_part(cursor))];
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
    format!("{path}?{}", q.join("&"))
}

fn filter_form(ui: Ui, action: &str, p: &Params, with_q: bool) -> String {
    let v = |s: &Option<String>| esc(s.as_deref().unwrap_or(""));
    let mut out = format!("<form class=\"filters\" action=\"{action}\" method=\"get\">");
    if with_q {
        let _ = write!(
            out,
            "<input type=\"search\" name=\"q\" value=\"{}\" aria-label=\"{q}\" placeholder=\"{q}\"> ",
            v(&p.q),
            q = ui.t("query")
        );
    }
    let _ = write!(
        out,
        "<input type=\"text\" name=\"outlet\" value=\"{}\" placeholder=\"{}\" size=\"10\"> \
         <input type=\"text\" name=\"language\" value=\"{}\" placeholder=\"{}\" size=\"4\"> \
         <label>{} <input type=\"date\" name=\"since\" value=\"{}\"></label> \
         <label>{} <input type=\"date\" name=\"until\" value=\"{}\"></label> \
         <button>{}</button></form>",
        v(&p.outlet),
        ui.t("outlet"),
        v(&p.language),
        ui.t("language"),
        ui.t("from"),
        v(&p.since),
        ui.t("until"),
        v(&p.until),
        if with_q {
            ui.t("search")
        } else {
            ui.t("filter")
        },
    );
    out
}

// ---- story list ----------------------------------------------------------------------------

async fn stories_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let snap = st.snapshot();
    let pg = match api::stories_page(&snap, &p) {
        Ok(pg) => pg,
        Err(e) => return error_page(&c, e),
    };
    let ui = c.ui;
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">{}: {} · {}: {}</p>{}",
        ui.t("stories"),
        ui.t("stories"),
        snap.stories.len(),
        ui.t("articles"),
        snap.articles.len(),
        filter_form(ui, "/", &p, false)
    );
    if pg.items.is_empty() {
        let _ = write!(body, "<p>{}</p>", ui.t("no_results"));
    }
    body.push_str("<ul class=\"list\">");
    for s in &pg.items {
        body.push_str(&story_item(ui, &snap, s));
    }
    body.push_str("</ul>");
    if let Some(next) = &pg.next_cursor {
        let _ = write!(
            body,
            "<p class=\"pager\"><a rel=\"next\" href=\"{}\">{} →</a></p>",
            Esc(&next_link("/", &p, next)),
            ui.t("next")
        );
    }
    respond(&c, StatusCode::OK, ui.t("stories"), &body)
}

// ---- story ---------------------------------------------------------------------------------

fn source_link(snap: &Snapshot, article: &ArticleId, sentence: usize, label: &str) -> String {
    // Named by its outlet, else by the start of its title, else by its id.
    let meta = snap.article(article.as_str());
    let outlet = meta
        .and_then(|m| m.outlet.clone())
        .filter(|o| !o.trim().is_empty())
        .or_else(|| meta.and_then(|m| m.title.as_deref()).map(|t| short(t, 40)))
        .unwrap_or_else(|| article.0.clone());
    let label = if label.is_empty() { &outlet } else { label };
    format!(
        "<a href=\"/articles/{}#s{sentence}\" title=\"{}\">{}</a>",
        url_part(article.as_str()),
        Esc(&outlet),
        Esc(label)
    )
}

fn comparison_table(ui: Ui, snap: &Snapshot, s: &Story) -> String {
    let cmp = &s.comparison;
    let rows: Vec<(&str, &ComparedFact)> = cmp
        .conflict
        .iter()
        .map(|f| ("conflict", f))
        .chain(cmp.agree.iter().map(|f| ("agree", f)))
        .chain(cmp.only_in.iter().map(|f| ("only", f)))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    // Columns: the story's outlets, then any outlet only the claims name.
    let mut outlets: Vec<String> = s.outlets.clone();
    for (_, f) in &rows {
        for c in &f.claims {
            if !outlets.contains(&c.outlet) {
                outlets.push(c.outlet.clone());
            }
        }
    }
    let mut out = format!(
        "<h2>{}</h2><p class=\"meta\"><span class=\"badge conflict\">{}</span> \
         <span class=\"badge agree\">{}</span> <span class=\"badge only\">{}</span></p>\
         <div class=\"table-wrap\"><table class=\"cmp\"><thead><tr><th></th>",
        ui.t("side_by_side"),
        ui.t("conflict"),
        ui.t("agree"),
        ui.t("only_in")
    );
    for o in &outlets {
        let _ = write!(out, "<th>{}</th>", Esc(o));
    }
    out.push_str("</tr></thead><tbody>");
    for (class, f) in rows {
        let label = match class {
            "conflict" => ui.t("conflict"),
            "agree" => ui.t("agree"),
            _ => ui.t("only_in"),
        };
        let _ = write!(
            out,
            "<tr class=\"{class}\"><td class=\"topic\">{} <span class=\"badge {class}\">{}</span></td>",
            Esc(&f.topic),
            label
        );
        for o in &outlets {
            let claims: Vec<String> = f
                .claims
                .iter()
                .filter(|c| &c.outlet == o)
                .map(|c| {
                    source_link(
                        snap,
                        &c.source.article,
                        c.source.sentence,
                        &display_number(ui, &c.value),
                    )
                })
                .collect();
            if claims.is_empty() {
                out.push_str("<td></td>");
            } else {
                let _ = write!(
                    out,
                    "<td class=\"claim {class}\" data-outlet=\"{}\">{}</td>",
                    Esc(o),
                    claims.join("<br>")
                );
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
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

    let mut b = format!("<h1>{}</h1>", Esc(&s.title));
    let _ = write!(b, "<p class=\"meta\">{}</p>", story_meta(ui, &s));
    if !s.entities.is_empty() {
        b.push_str("<p>");
        for e in &s.entities {
            let _ = write!(
                b,
                "<a class=\"chip {}\" href=\"/entities/{}\" title=\"{} {}\">{}</a>",
                e.kind.as_str(),
                url_part(e.id.as_str()),
                e.mentions,
                ui.t("mentions").to_lowercase(),
                Esc(&entity_label(ui, &snap, &e.id, &e.name))
            );
        }
        b.push_str("</p>");
    }
    let days = per_day(metas.iter());
    if !days.is_empty() {
        let _ = write!(
            b,
            "<h2>{}</h2>{}",
            ui.t("per_day"),
            day_chart(&days, ui.t("per_day"))
        );
    }
    if !s.timeline.is_empty() {
        let _ = write!(
            b,
            "<h2>{}</h2><ul class=\"list timeline\">",
            ui.t("timeline")
        );
        for t in &s.timeline {
            let _ = write!(b, "<li><span class=\"meta\">{}</span><div>", t.date);
            if let Some(k) = &t.kind {
                let _ = write!(b, "<span class=\"badge\">{}</span> ", Esc(k));
            }
            let _ = write!(b, "{} <span class=\"meta\">", Esc(&t.text));
            let links: Vec<String> = t
                .sources
                .iter()
                .map(|p| source_link(&snap, &p.article, p.sentence, ""))
                .collect();
            let _ = write!(b, "{}</span></div></li>", links.join(" · "));
        }
        b.push_str("</ul>");
    }
    b.push_str(&comparison_table(ui, &snap, &s));
    if !s.copies.is_empty() {
        let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("copies"));
        for g in &s.copies {
            let name = |a: &ArticleId| {
                snap.article(a.as_str())
                    .map(article_link)
                    .unwrap_or_else(|| esc(a.as_str()))
            };
            let _ = write!(
                b,
                "<li><span class=\"badge\">{}</span> {}",
                ui.t("original"),
                name(&g.original)
            );
            if let Some(a) = &g.agency {
                let _ = write!(b, " <span class=\"chip\">{}</span>", Esc(a));
            }
            for cpy in &g.copies {
                let _ = write!(b, "<br>↳ {}", name(cpy));
            }
            b.push_str("</li>");
        }
        b.push_str("</ul>");
    }
    let quotes: Vec<(&Analysis, &khabar_model::Quote)> = analyses
        .iter()
        .flat_map(|a| a.quotes.iter().map(move |q| (a, q)))
        .collect();
    if !quotes.is_empty() {
        let _ = write!(b, "<h2>{}</h2>", ui.t("quotes"));
        for (a, q) in quotes {
            let speaker = match (&q.speaker, &q.speaker_text) {
                (Some(id), text) => entity_chip(
                    &snap,
                    id,
                    &snap
                        .entity(id.as_str())
                        .map(|e| entity_label(ui, &snap, id, &e.entity.name))
                        .or_else(|| text.clone())
                        .unwrap_or_else(|| id.0.clone()),
                ),
                (None, Some(t)) => esc(t),
                (None, None) => ui.t("unknown_speaker").to_string(),
            };
            let _ = write!(
                b,
                "<blockquote>{}{}{}<div class=\"meta\">— {} · {}</div></blockquote>",
                if q.direct { "“" } else { "" },
                Esc(&q.text),
                if q.direct { "”" } else { "" },
                speaker,
                source_link(&snap, &a.article, q.sentence, "")
            );
        }
    }
    let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("articles"));
    for m in &metas {
        b.push_str(&article_item(m));
    }
    b.push_str("</ul>");
    respond(&c, StatusCode::OK, &s.title, &b)
}

// ---- article -------------------------------------------------------------------------------

fn valid(text: &str, s: &Span) -> bool {
    s.start <= s.end && text.get(s.start..s.end).is_some()
}

/// The clean text as paragraphs, each sentence a `<span id="sN">` (the `:target` is highlighted),
/// mentions of linked entities as links to their pages.
pub(crate) fn render_text(doc: &Document, analysis: Option<&Analysis>) -> String {
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
    let mut out = String::with_capacity(text.len() * 2);
    let plain = |out: &mut String, a: usize, b: usize| {
        if a < b {
            if let Some(t) = text.get(a..b) {
                let _ = write!(out, "{}", Esc(t));
            }
        }
    };
    let mut mi = 0;
    let mut with_mentions = |out: &mut String, a: usize, b: usize| {
        let mut cur = a;
        while mi < mentions.len() && mentions[mi].0.start < b {
            let (m, e) = mentions[mi];
            mi += 1;
            if m.start < cur || m.end > b {
                continue;
            }
            plain(out, cur, m.start);
            let _ = write!(
                out,
                "<a class=\"m\" href=\"/entities/{}\">{}</a>",
                url_part(e.as_str()),
                Esc(text.get(m.start..m.end).unwrap_or(""))
            );
            cur = m.end;
        }
        plain(out, cur, b);
    };
    let mut si = 0;
    for p in paragraphs {
        out.push_str("<p>");
        let mut pos = p.start;
        while si < sentences.len() && sentences[si].1.start < p.end {
            let (i, s) = sentences[si];
            si += 1;
            if s.start < pos {
                continue;
            }
            let end = s.end.min(p.end);
            plain(&mut out, pos, s.start);
            let _ = write!(out, "<span class=\"s\" id=\"s{i}\">");
            with_mentions(&mut out, s.start, end);
            out.push_str("</span>");
            pos = end;
        }
        with_mentions(&mut out, pos, p.end);
        out.push_str("</p>");
    }
    out
}

fn fact_link(doc: &Document, sentence: usize, label: &str) -> String {
    format!(
        "<a href=\"/articles/{}#s{sentence}\">{}</a>",
        url_part(doc.id.as_str()),
        Esc(label)
    )
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
    let mut b = format!("<h1>{}</h1><p class=\"meta\">", Esc(&title));
    let mut meta: Vec<String> = Vec::new();
    if let Some(o) = &doc.outlet {
        meta.push(esc(o));
    }
    if let Some(a) = &doc.author {
        meta.push(esc(a));
    }
    if doc.published.is_some() {
        meta.push(esc(&time_str(&doc.published)));
    }
    if let Some(l) = &doc.language {
        meta.push(esc(l));
    }
    if let Some(u) = &doc.url {
        if u.starts_with("http://") || u.starts_with("https://") {
            meta.push(format!(
                "<a href=\"{}\" rel=\"nofollow noopener\">{}</a>",
                Esc(u),
                ui.t("source")
            ));
        }
    }
    if let Some(sid) = snap.article(&id).and_then(|m| m.story.as_ref()) {
        if let Some(s) = snap.story(sid.as_str()) {
            meta.push(format!(
                "{}: <a href=\"/stories/{}\">{}</a>",
                ui.t("in_story"),
                url_part(sid.as_str()),
                Esc(&s.title)
            ));
        }
    }
    b.push_str(&meta.join(" · "));
    b.push_str("</p>");
    if let Some(a) = &analysis {
        if !a.entities.is_empty() {
            b.push_str("<p>");
            for e in &a.entities {
                let label = match (ui, &e.name_hi) {
                    (Ui::Hi, Some(h)) => h.clone(),
                    _ => e.name.clone(),
                };
                let _ = write!(
                    b,
                    "<a class=\"chip {}\" href=\"/entities/{}\">{}</a>",
                    e.kind.as_str(),
                    url_part(e.id.as_str()),
                    Esc(&label)
                );
            }
            b.push_str("</p>");
        }
    }
    let _ = write!(
        b,
        "<div class=\"text\" lang=\"{}\">{}</div>",
        Esc(doc.language.as_deref().unwrap_or("")),
        render_text(&doc, analysis.as_ref())
    );
    if let Some(a) = &analysis {
        let _ = write!(b, "<h2>{}</h2>", ui.t("facts"));
        if !a.quantities.is_empty() {
            let _ = write!(b, "<h3>{}</h3><ul>", ui.t("numbers"));
            for q in &a.quantities {
                let kind = serde_json::to_value(&q.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let _ = write!(
                    b,
                    "<li>{} <span class=\"badge\">{}</span> {}</li>",
                    fact_link(&doc, q.sentence, &q.text),
                    Esc(&kind),
                    Esc(q.what.as_deref().unwrap_or(""))
                );
            }
            b.push_str("</ul>");
        }
        if !a.dates.is_empty() {
            let _ = write!(b, "<h3>{}</h3><ul>", ui.t("dates"));
            for d in &a.dates {
                let _ = write!(
                    b,
                    "<li>{} → {} <span class=\"badge\">{}</span></li>",
                    fact_link(&doc, d.sentence, &d.text),
                    d.date,
                    Esc(&d.resolution)
                );
            }
            b.push_str("</ul>");
        }
        if !a.quotes.is_empty() {
            let _ = write!(b, "<h3>{}</h3><ul>", ui.t("quotes"));
            for q in &a.quotes {
                let speaker = q
                    .speaker
                    .as_ref()
                    .map(|id| {
                        entity_chip(
                            &snap,
                            id,
                            &entity_label(ui, &snap, id, &snap.entity_name(id)),
                        )
                    })
                    .or_else(|| q.speaker_text.as_deref().map(esc))
                    .unwrap_or_else(|| ui.t("unknown_speaker").to_string());
                let _ = write!(
                    b,
                    "<li>{} — {}</li>",
                    fact_link(&doc, q.sentence, &q.text),
                    speaker
                );
            }
            b.push_str("</ul>");
        }
        if !a.events.is_empty() {
            let _ = write!(b, "<h3>{}</h3><ul>", ui.t("events"));
            for e in &a.events {
                let _ = write!(
                    b,
                    "<li><span class=\"badge\">{}</span> {}",
                    Esc(&e.kind),
                    fact_link(&doc, e.sentence, &e.trigger_text)
                );
                for who in [&e.actor, &e.target, &e.place].into_iter().flatten() {
                    let _ = write!(
                        b,
                        " {}",
                        entity_chip(
                            &snap,
                            who,
                            &entity_label(ui, &snap, who, &snap.entity_name(who))
                        )
                    );
                }
                if let Some(d) = e.date {
                    let _ = write!(b, " <span class=\"meta\">{d}</span>");
                }
                b.push_str("</li>");
            }
            b.push_str("</ul>");
        }
    }
    respond(&c, StatusCode::OK, &title, &b)
}

// ---- entities ------------------------------------------------------------------------------

async fn entities_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let limit = match p.limit() {
        Ok(l) => l,
        Err(e) => return error_page(&c, e),
    };
    let offset = match api::decode_offset(p.cursor.as_deref().filter(|c| !c.is_empty())) {
        Ok(o) => o,
        Err(e) => return error_page(&c, e),
    };
    let kind = p.kind.as_deref().and_then(khabar_model::EntityKind::parse);
    let snap = st.snapshot();
    let list: Vec<_> = snap
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.entity.kind == k))
        .skip(offset)
        .take(limit + 1)
        .collect();
    let mut b = format!(
        "<h1>{}</h1><div class=\"table-wrap\"><table><thead><tr><th></th><th></th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        ui.t("entities"),
        ui.t("mentions"),
        ui.t("articles"),
        ui.t("stories")
    );
    for e in list.iter().take(limit) {
        let _ = write!(
            b,
            "<tr><td><a class=\"chip {}\" href=\"/entities/{}\">{}</a> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.entity.kind.as_str(),
            url_part(e.entity.id.as_str()),
            Esc(&e.entity.name),
            Esc(e.entity.name_hi.as_deref().unwrap_or("")),
            ui.t(e.entity.kind.as_str()),
            e.mentions,
            e.articles.len(),
            e.stories.len()
        );
    }
    b.push_str("</tbody></table></div>");
    if list.len() > limit {
        let _ = write!(
            b,
            "<p class=\"pager\"><a rel=\"next\" href=\"{}\">{} →</a></p>",
            Esc(&next_link("/entities", &p, &format!("o{}", offset + limit))),
            ui.t("next")
        );
    }
    respond(&c, StatusCode::OK, ui.t("entities"), &b)
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
    let mut b = format!(
        "<h1>{}</h1><p class=\"meta\"><span class=\"chip {}\">{}</span> · {} {} · {} {} · {} {}</p>",
        Esc(&name),
        e.entity.kind.as_str(),
        ui.t(e.entity.kind.as_str()),
        e.mentions,
        ui.t("mentions").to_lowercase(),
        e.articles.len(),
        ui.t("articles").to_lowercase(),
        e.stories.len(),
        ui.t("stories").to_lowercase(),
    );
    let metas: Vec<&ArticleMeta> = e
        .articles
        .iter()
        .filter_map(|a| snap.article(a.as_str()))
        .collect();
    let days = per_day(metas.iter().copied());
    if !days.is_empty() {
        let _ = write!(
            b,
            "<h2>{}</h2>{}",
            ui.t("per_day"),
            day_chart(&days, ui.t("per_day"))
        );
    }
    let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("stories"));
    for sid in &e.stories {
        if let Some(s) = snap.story(sid.as_str()) {
            b.push_str(&story_item(ui, &snap, s));
        }
    }
    b.push_str("</ul>");
    let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("articles"));
    for m in metas.iter().rev() {
        b.push_str(&article_item(m));
    }
    b.push_str("</ul>");
    respond(&c, StatusCode::OK, &name, &b)
}

// ---- search --------------------------------------------------------------------------------

fn marked(snippet: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut cur = 0;
    for &(a, b) in marks {
        if a < cur || snippet.get(a..b).is_none() || snippet.get(cur..a).is_none() {
            continue;
        }
        let _ = write!(
            out,
            "{}<mark>{}</mark>",
            Esc(&snippet[cur..a]),
            Esc(&snippet[a..b])
        );
        cur = b;
    }
    let _ = write!(out, "{}", Esc(snippet.get(cur..).unwrap_or("")));
    out
}

async fn search_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (c, p) = match page_params(&headers, q) {
        Ok(x) => x,
        Err(page) => return *page,
    };
    let ui = c.ui;
    let mut b = format!(
        "<h1>{}</h1>{}",
        ui.t("search"),
        filter_form(ui, "/search", &p, true)
    );
    if !p.query().is_empty() {
        let r = match api::run_search(&st, &p).await {
            Ok(r) => r,
            Err(e) => return error_page(&c, e),
        };
        let snap = st.snapshot();
        let _ = write!(b, "<p class=\"muted\">{} {}</p>", r.total, ui.t("results"));
        if !r.stories.is_empty() {
            let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("stories"));
            for s in &r.stories {
                if let Some(story) = snap.story(s.id.as_str()) {
                    b.push_str(&story_item(ui, &snap, story));
                }
            }
            b.push_str("</ul>");
        }
        if r.items.is_empty() {
            let _ = write!(b, "<p>{}</p>", ui.t("no_results"));
        } else {
            let _ = write!(b, "<h2>{}</h2><ul class=\"list\">", ui.t("articles"));
            for h in &r.items {
                let _ = write!(
                    b,
                    "<li>{}<div class=\"meta\">{} · {}</div><div>{}</div></li>",
                    article_link(&h.article),
                    Esc(h.article.outlet.as_deref().unwrap_or("—")),
                    Esc(&time_str(&h.article.published)),
                    marked(&h.snippet, &h.marks)
                );
            }
            b.push_str("</ul>");
        }
        if let Some(next) = &r.next_cursor {
            let _ = write!(
                b,
                "<p class=\"pager\"><a rel=\"next\" href=\"{}\">{} →</a></p>",
                Esc(&next_link("/search", &p, next)),
                ui.t("next")
            );
        }
    }
    let title = if p.query().is_empty() {
        ui.t("search").to_string()
    } else {
        format!("{} · {}", p.query(), ui.t("search"))
    };
    respond(&c, StatusCode::OK, &title, &b)
}
