//! Metadata from the evidence the walk gathered: JSON-LD first, then OpenGraph and `<meta>`
//! article tags, then `<time>`, bylines and the URL.

use super::date::{date_from_url, parse_meta_time};
use super::dom::{collapse_ws, Evidence};
use super::hints::TimeHint;
use khabar_model::PubTime;
use serde_json::Value;

#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
}

#[derive(Default)]
struct Ld {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    /// `datePublished` of any object (a `WebPage` in a `@graph` often carries it alone).
    any_published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

fn is_article_type(v: &Value) -> bool {
    let check = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("article")
            || s == "blogposting"
            || s == "report"
            || s == "posting"
            || s == "liveblogposting"
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@value"))),
        _ => None,
    }
}

fn names_of(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => out.push(collapse_ws(s)),
        Some(Value::Array(a)) => a.iter().for_each(|x| names_of(Some(x), out)),
        Some(Value::Object(o)) => {
            if let Some(n) = str_of(o.get("name")) {
                out.push(n);
            } else if let (Some(g), Some(f)) =
                (str_of(o.get("givenName")), str_of(o.get("familyName")))
            {
                out.push(format!("{g} {f}"));
            }
        }
        _ => {}
    }
}

/// Collects article-typed objects from JSON-LD (top level, arrays, `@graph`, `mainEntity`).
fn collect_articles<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_articles(x, out, depth + 1)),
        Value::Object(o) => {
            if is_article_type(v) {
                out.push(v);
            }
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let Some(x) = o.get(key) {
                    collect_articles(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The first `datePublished` of any JSON-LD object, depth-first.
fn any_date_published(v: &Value, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(a) => a.iter().find_map(|x| any_date_published(x, depth + 1)),
        Value::Object(o) => str_of(o.get("datePublished"))
            .or_else(|| o.values().find_map(|x| any_date_published(x, depth + 1))),
        _ => None,
    }
}

fn read_ld(ev: &Evidence) -> Ld {
    let mut ld = Ld::default();
    for raw in &ev.ld_json {
        let txt = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let Ok(v) = serde_json::from_str::<Value>(txt) else {
            continue;
        };
        if ld.any_published.is_none() {
            ld.any_published = any_date_published(&v, 0);
        }
        let mut arts = Vec::new();
        collect_articles(&v, &mut arts, 0);
        for a in arts {
            if ld.headline.is_none() {
                ld.headline = str_of(a.get("headline")).or_else(|| str_of(a.get("name")));
            }
            if ld.authors.is_empty() {
                names_of(a.get("author"), &mut ld.authors);
                if ld.authors.is_empty() {
                    names_of(a.get("creator"), &mut ld.authors);
                }
            }
            if ld.published.is_none() {
                ld.published =
                    str_of(a.get("datePublished")).or_else(|| str_of(a.get("dateCreated")));
            }
            if ld.modified.is_none() {
                ld.modified = str_of(a.get("dateModified"));
            }
            if ld.publisher.is_none() {
                ld.publisher = str_of(a.get("publisher"));
            }
            if ld.url.is_none() {
                ld.url = str_of(a.get("url"));
            }
            if ld.lang.is_none() {
                ld.lang = str_of(a.get("inLanguage"));
            }
        }
        // A bare WebSite/Organization still names the outlet.
        if ld.publisher.is_none() {
            if let Value::Object(o) = &v {
                let t = o.get("@type").and_then(|t| t.as_str()).unwrap_or("");
                if t == "WebSite" || t == "NewsMediaOrganization" || t == "Organization" {
                    ld.publisher = str_of(o.get("name"));
                }
            }
        }
    }
    ld
}

fn meta<'a>(ev: &'a Evidence, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some((_, c)) = ev
            .metas
            .iter()
            .find(|(n, c)| n == k && !c.trim().is_empty())
        {
            return Some(c.as_str());
        }
    }
    None
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " • ", " · ", " « ", " » ", " / ",
];

/// Removes a site-name prefix/suffix: keeps the longest part.
pub(crate) fn strip_site(title: &str, site: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for sep in TITLE_SEPS {
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).collect();
            let site_lc = site.map(|s| s.to_lowercase());
            let best = parts
                .iter()
                .filter(|p| site_lc.as_deref() != Some(p.trim().to_lowercase().as_str()))
                .max_by_key(|p| p.chars().count())
                .copied()
                .unwrap_or(parts[0]);
            // Only split off short parts (site names), never halves of a headline.
            let rest_len: usize = t.chars().count() - best.chars().count();
            if best.chars().count() >= rest_len {
                t = best.trim().to_string();
            }
        }
    }
    t
}

/// The short part a `<title>` separator splits off (`… :: जनपथ समाचार` → `जनपथ समाचार`).
fn site_from_title(title: &str) -> Option<String> {
    for sep in TITLE_SEPS {
        if let Some((a, b)) = title.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if !b.is_empty()
                && b.chars().count() * 2 < a.chars().count()
                && b.split_whitespace().count() <= 4
            {
                return Some(b.to_string());
            }
        }
    }
    None
}

fn norm_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.contains(".com/")
}

/// Cleans one author string: drops "By", roles, trailing dates; splits lists of names.
pub(crate) fn clean_authors(raw: &str, site: Option<&str>, out: &mut Vec<String>) {
    let mut s = collapse_ws(&raw.replace("&amp;", "&"));
    // `Written ByJane Doe`, `by Jane Doe`: the label, glued or not, in any case.
    for label in ["written by", "posted by", "reported by", "by"] {
        let lower = s.to_lowercase();
        if lower.starts_with(label) {
            let rest = s.get(label.len()..).unwrap_or("");
            if rest.starts_with(' ') || rest.chars().next().is_some_and(char::is_uppercase) {
                s = rest.trim().to_string();
                break;
            }
        }
    }
    for pre in [
        "By ",
        "by ",
        "BY ",
        "Written by ",
        "Posted by ",
        "Reported by ",
        "Author: ",
        "Author:",
        "लेखक:",
        "द्वारा ",
    ] {
        if let Some(r) = s.strip_prefix(pre) {
            s = r.trim().to_string();
        }
    }
    // A short label before a colon: `रिपोर्ट:`, `संवाददाता:`, `Written by:`.
    if let Some((label, rest)) = s.split_once(':') {
        if label.chars().count() <= 16
            && label.split_whitespace().count() <= 2
            && !rest.trim().is_empty()
        {
            s = rest.trim().to_string();
        }
    }
    if s.is_empty() || looks_like_url(&s) || s.chars().count() > 120 {
        return;
    }
    let site_key = site.map(norm_key);
    for part in s
        .split([',', '&', '|', ';', '/'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" और "))
    {
        let p = part
            .trim()
            .trim_matches(|c: char| c == '-' || c == ':' || c.is_whitespace());
        let n = p.chars().count();
        if !(2..=60).contains(&n) || p.chars().any(|c| c.is_ascii_digit()) || looks_like_url(p) {
            continue;
        }
        let k = norm_key(p);
        if k.is_empty() || site_key.as_deref() == Some(k.as_str()) {
            continue;
        }
        if [
            "staff", "admin", "editor", "desk", "webdesk", "web desk", "team",
        ]
        .contains(&p.to_lowercase().as_str())
        {
            // Keep desks (`वेब डेस्क`, `Web Desk`) as written only when nothing better exists.
            if !out.is_empty() {
                continue;
            }
        }
        if p.split_whitespace().count() > 5 {
            continue;
        }
        if !out.iter().any(|o| norm_key(o) == k) {
            out.push(p.to_string());
        }
    }
}

#[allow(clippy::field_reassign_with_default)]
pub(crate) fn resolve(ev: &Evidence, url: Option<&str>) -> Meta {
    let ld = read_ld(ev);
    let mut m = Meta::default();

    m.site_name = meta(
        ev,
        &[
            "og:site_name",
            "application-name",
            "al:android:app_name",
            "twitter:app:name:iphone",
        ],
    )
    .map(collapse_ws)
    .or(ld.publisher.clone())
    .or_else(|| ev.title_tag.as_deref().and_then(site_from_title))
    .or_else(|| {
        url.and_then(|u| url::Url::parse(u).ok()).and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
    });
    let site = m.site_name.clone();

    // Title: the on-page headline when it agrees with the metadata title.
    let meta_titles: Vec<String> = [
        ld.headline.clone(),
        meta(ev, &["og:title"]).map(collapse_ws),
        meta(ev, &["twitter:title"]).map(collapse_ws),
        ev.headline_prop.first().cloned(),
        ev.title_tag.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|t| strip_site(&t, site.as_deref()))
    .filter(|t| !t.is_empty())
    .collect();
    let h1_match = ev.h1.iter().find(|h| {
        let hk = norm_key(h);
        !hk.is_empty()
            && meta_titles.iter().any(|t| {
                let tk = norm_key(t);
                !tk.is_empty() && (tk.contains(&hk) || hk.contains(&tk)) && hk.len() * 2 >= tk.len()
            })
    });
    // A single on-page headline is the headline even when the metadata title was rewritten
    // for search engines; not when it is the outlet's name or a logo.
    let site_k = site.as_deref().map(norm_key);
    let lone_h1 = match ev.h1.as_slice() {
        [h] if (2..=30).contains(&h.split_whitespace().count())
            && site_k.as_deref() != Some(norm_key(h).as_str()) =>
        {
            Some(h)
        }
        _ => None,
    };
    m.title = h1_match
        .or(lone_h1)
        .cloned()
        .or_else(|| meta_titles.first().cloned())
        .or_else(|| ev.h1.first().cloned());

    // Authors: JSON-LD, then meta tags, then on-page bylines.
    let mut authors = Vec::new();
    for a in &ld.authors {
        clean_authors(a, site.as_deref(), &mut authors);
    }
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "byl",
            "twitter:creator",
        ] {
            for (n, c) in &ev.metas {
                if n == k && !(k == "twitter:creator" && c.starts_with('@')) {
                    clean_authors(c, site.as_deref(), &mut authors);
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        for b in &ev.bylines {
            clean_authors(b, site.as_deref(), &mut authors);
            if !authors.is_empty() {
                break;
            }
        }
    }
    authors.truncate(10);
    m.authors = authors;

    // Dates.
    let pub_metas = [
        "article:published_time",
        "og:published_time",
        "article:published",
        "datepublished",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "published-date",
        "release_date",
        "og:article:published_time",
    ];
    let url_date = url.and_then(date_from_url);
    m.published = ld
        .published
        .as_deref()
        .and_then(parse_meta_time)
        .or_else(|| {
            pub_metas
                .iter()
                .find_map(|k| meta(ev, &[k]).and_then(parse_meta_time))
        })
        .or_else(|| ld.any_published.as_deref().and_then(parse_meta_time))
        .or_else(|| {
            // Site-specific names: `w-published-date`, `published`, `cXenseParse:recs:publishtime`.
            ev.metas
                .iter()
                .filter(|(n, _)| {
                    n.contains("publish") && !n.contains("modif") && !n.contains("updat")
                })
                .find_map(|(_, c)| parse_meta_time(c))
        })
        .or_else(|| {
            ev.times
                .iter()
                .filter(|(_, h)| *h == TimeHint::Published)
                .find_map(|(t, _)| parse_meta_time(t))
        })
        .or_else(|| {
            ev.times
                .iter()
                .filter(|(_, h)| *h == TimeHint::Unknown)
                .find_map(|(t, _)| parse_meta_time(t))
        })
        .or(url_date);
    // A date in the URL is the outlet's own calendar day. A timestamp one day off it is the
    // same moment written in another zone (UTC for a site west of it, say): take the page's
    // `<time>` for that moment in the local zone, else the URL's day.
    if let (Some(p), Some(u)) = (m.published.as_ref(), url_date.as_ref()) {
        if p.has_zone() && (p.date() - u.date()).num_days().abs() == 1 {
            let instant = p.timestamp();
            let local = ev
                .times
                .iter()
                .filter_map(|(t, _)| parse_meta_time(t))
                .find(|t| {
                    t.date() == u.date() && (t.timestamp() - instant).abs() < 120 && t.has_zone()
                });
            m.published = Some(local.unwrap_or(*u));
        }
    }
    let mod_metas = [
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "last-modified",
        "dcterms.modified",
        "article:modified",
    ];
    m.updated = ld
        .modified
        .as_deref()
        .and_then(parse_meta_time)
        .or_else(|| {
            mod_metas
                .iter()
                .find_map(|k| meta(ev, &[k]).and_then(parse_meta_time))
        })
        .or_else(|| {
            ev.times
                .iter()
                .filter(|(_, h)| *h == TimeHint::Modified)
                .find_map(|(t, _)| parse_meta_time(t))
        });
    if m.published.is_none() {
        m.published = m.updated;
    }

    m.canonical_url = ev
        .canonical
        .clone()
        .or_else(|| meta(ev, &["og:url"]).map(str::to_string))
        .or(ld.url.clone())
        .map(|c| absolutize(&c, url))
        .or_else(|| url.map(str::to_string));

    m.language = ev
        .html_lang
        .clone()
        .or_else(|| {
            meta(
                ev,
                &["content-language", "language", "dc.language", "og:locale"],
            )
            .map(str::to_string)
        })
        .or(ld.lang.clone())
        .and_then(|l| normalise_lang(&l));
    m
}

fn absolutize(href: &str, base: Option<&str>) -> String {
    if let Some(b) = base.and_then(|b| url::Url::parse(b).ok()) {
        if let Ok(u) = b.join(href) {
            return u.to_string();
        }
    }
    href.to_string()
}

/// `hi-IN`, `hi_IN`, `Hindi` → `hi`.
pub(crate) fn normalise_lang(l: &str) -> Option<String> {
    let l = l.trim().to_ascii_lowercase();
    let primary = l.split(['-', '_', ',', ' ']).next().unwrap_or("");
    let code = match primary {
        "hindi" => "hi",
        "english" => "en",
        "marathi" => "mr",
        "nepali" => "ne",
        "urdu" => "ur",
        p if (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()) => p,
        _ => return None,
    };
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site("Flood kills 12 in Bihar | NDTV", Some("NDTV")),
            "Flood kills 12 in Bihar"
        );
        assert_eq!(strip_site("बिहार में बाढ़ - अमर उजाला", None), "बिहार में बाढ़");
        assert_eq!(
            strip_site("India vs Pakistan - live", None),
            "India vs Pakistan"
        );
    }

    #[test]
    fn authors_cleaned() {
        let mut v = Vec::new();
        clean_authors("By Jane Doe and John Roe", Some("Daily"), &mut v);
        assert_eq!(v, vec!["Jane Doe", "John Roe"]);
        let mut v = Vec::new();
        clean_authors("अमर उजाला", Some("अमर उजाला"), &mut v);
        assert!(v.is_empty());
        let mut v = Vec::new();
        clean_authors("शुभायन चक्रवर्ती", None, &mut v);
        assert_eq!(v, vec!["शुभायन चक्रवर्ती"]);
    }

    #[test]
    fn langs() {
        assert_eq!(normalise_lang("hi-IN").as_deref(), Some("hi"));
        assert_eq!(normalise_lang("en_US").as_deref(), Some("en"));
        assert_eq!(normalise_lang("").as_deref(), None);
    }
}
