//! In-process tests of the API and the pages (no port: `tower::ServiceExt::oneshot`).

use super::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use khabar_model::*;
use khabar_store::Store;
use serde_json::Value;
use tower::ServiceExt;

pub(crate) fn doc(
    id: &str,
    outlet: &str,
    lang: &str,
    published: &str,
    title: &str,
    text: &str,
) -> Document {
    Document {
        id: ArticleId::from(id),
        source: format!("test:{id}"),
        url: Some(format!("https://example.com/{id}")),
        outlet: Some(outlet.into()),
        title: Some(title.into()),
        author: None,
        authors: vec![],
        published: Some(PubTime::parse(published).unwrap()),
        updated: None,
        language: Some(lang.into()),
        dateline: None,
        text: text.into(),
        paragraphs: vec![Span::new(0, text.len())],
        captions: vec![],
        dropped: vec![],
        fingerprint: format!("fp-{id}"),
    }
}

fn modi() -> EntityRef {
    EntityRef {
        id: EntityId::from("Q1058"),
        kind: EntityKind::Person,
        name: "Narendra Modi".into(),
        name_hi: Some("नरेंद्र मोदी".into()),
        in_kb: true,
        key: "nrndr md".into(),
        confidence: 1.0,
    }
}

/// An analysis with sentences, a Modi mention wherever `needle` occurs, and one quote.
pub(crate) fn analysis(d: &Document, needle: &str, quote: Option<&str>) -> Analysis {
    let mut a = Analysis::empty(d.id.clone(), d.language.as_deref().unwrap_or("und"));
    a.sentences = khabar_text::sentences(&d.text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect();
    if let Some(pos) = d.text.find(needle) {
        let span = Span::new(pos, pos + needle.len());
        a.mentions.push(Mention {
            span,
            sentence: a.sentence_at(pos).unwrap_or(0),
            text: needle.into(),
            kind: EntityKind::Person,
            entity: Some(modi().id),
            relation: MentionRelation::Names,
            confidence: 1.0,
        });
        a.entities.push(modi());
    }
    if let Some(q) = quote {
        if let Some(pos) = d.text.find(q) {
            let span = Span::new(pos, pos + q.len());
            a.quotes.push(khabar_model::Quote {
                sentence: a.sentence_at(pos).unwrap_or(0),
                span,
                text: q.into(),
                direct: false,
                cue: "कहा".into(),
                cue_span: span,
                speaker: Some(modi().id),
                speaker_text: Some("मोदी".into()),
                speaker_span: None,
                date: None,
                unnamed_source: None,
                confidence: 1.0,
            });
        }
    }
    if let Some(pos) = d.text.find("हज़ार").or_else(|| d.text.find("12,000")) {
        a.quantities.push(khabar_model::Quantity {
            span: Span::new(pos, pos + 3),
            sentence: a.sentence_at(pos).unwrap_or(0),
            text: "10000".into(),
            value: Some(10000.0),
            approximate: false,
            vague: false,
            kind: QuantityKind::Count,
            unit: None,
            what: Some("लोग".into()),
            confidence: 1.0,
        });
    }
    a
}

pub(crate) fn fixture_docs() -> Vec<(Document, Option<Analysis>)> {
    let d1 = doc(
        "a1",
        "Amar Ujala",
        "hi",
        "2022-01-05T10:00:00+05:30",
        "मोदी ने बाढ़ राहत की घोषणा की",
        "प्रधानमंत्री मोदी ने कहा कि बाढ़ से दस हज़ार लोग प्रभावित हुए। राहत कार्य जारी है।",
    );
    let d2 = doc(
        "a2",
        "Dainik",
        "hi",
        "2022-01-06T09:00:00+05:30",
        "बाढ़ पीड़ितों से मिले मोदीजी",
        "मोदीजी ने बाढ़ पीड़ितों से मुलाक़ात की। पाँच हजार घर डूबे।",
    );
    let d3 = doc(
        "a3",
        "The Hindu",
        "en",
        "2022-01-06T12:00:00+05:30",
        "Modi announces flood relief",
        "Prime Minister Modi said 12,000 people were affected by floods.",
    );
    let d4 = doc(
        "a4",
        "Sports Daily",
        "en",
        "2022-02-01",
        "India win in Mumbai",
        "India won the cricket match in Mumbai.",
    );
    let d5 = doc(
        "a5",
        "\"><img src=x onerror=alert(1)>",
        "en",
        "2022-02-02",
        "<script>alert(1)</script>",
        "A <b>bold</b> claim & more.",
    );
    let a1 = analysis(&d1, "मोदी", Some("बाढ़ से दस हज़ार लोग प्रभावित हुए"));
    let a2 = analysis(&d2, "मोदीजी", None);
    let a3 = analysis(&d3, "Modi", None);
    vec![
        (d1, Some(a1)),
        (d2, Some(a2)),
        (d3, Some(a3)),
        (d4, None),
        (d5, None),
    ]
}

pub(crate) fn fixture_stories() -> Vec<Story> {
    let t = |s: &str| PubTime::parse(s).ok();
    let prov = |a: &str, s: usize| Provenance {
        article: ArticleId::from(a),
        sentence: s,
        span: Span::new(0, 1),
    };
    let flood = Story {
        id: StoryId::from("s-flood"),
        title: "मोदी ने बाढ़ राहत की घोषणा की".into(),
        articles: vec!["a1".into(), "a2".into(), "a3".into()],
        outlets: vec!["Amar Ujala".into(), "Dainik".into(), "The Hindu".into()],
        languages: vec!["hi".into(), "en".into()],
        first_published: t("2022-01-05T10:00:00+05:30"),
        last_published: t("2022-01-06T12:00:00+05:30"),
        shared_terms: vec!["बाढ़".into()],
        entities: vec![StoryEntity {
            id: EntityId::from("Q1058"),
            name: "Narendra Modi".into(),
            kind: EntityKind::Person,
            mentions: 3,
            articles: 3,
            salience: 1.0,
        }],
        copies: vec![CopyGroup {
            original: "a1".into(),
            copies: vec!["a2".into()],
            agency: Some("PTI".into()),
        }],
        timeline: vec![TimelineEntry {
            date: chrono::NaiveDate::from_ymd_opt(2022, 1, 5).unwrap(),
            granularity: khabar_model::Granularity::Day,
            text: "बाढ़ से दस हज़ार लोग प्रभावित".into(),
            kind: Some("disaster".into()),
            sources: vec![prov("a1", 0)],
        }],
        comparison: Comparison {
            agree: vec![],
            conflict: vec![ComparedFact {
                topic: "affected".into(),
                claims: vec![
                    Claim {
                        outlet: "Amar Ujala".into(),
                        value: "10000".into(),
                        source: prov("a1", 0),
                    },
                    Claim {
                        outlet: "The Hindu".into(),
                        value: "12000".into(),
                        source: prov("a3", 0),
                    },
                ],
            }],
            only_in: vec![],
        },
    };
    let single = |id: &str, a: &str, title: &str, when: &str| Story {
        id: StoryId::from(id),
        title: title.into(),
        articles: vec![a.into()],
        outlets: vec![],
        languages: vec!["en".into()],
        first_published: t(when),
        last_published: t(when),
        shared_terms: vec![],
        entities: vec![],
        copies: vec![],
        timeline: vec![],
        comparison: Comparison::default(),
    };
    vec![
        flood,
        single("s-cricket", "a4", "India win in Mumbai", "2022-02-01"),
        single("s-xss", "a5", "<script>alert(1)</script>", "2022-02-02"),
    ]
}

pub(crate) fn fixture_store() -> khabar_store::SqliteStore {
    let mut s = khabar_store::SqliteStore::open_in_memory().unwrap();
    s.put_articles(&fixture_docs()).unwrap();
    s.replace_stories(&fixture_stories()).unwrap();
    s
}

fn app(allow_ingest: bool) -> (AppState, Router) {
    let st = AppState::new(vec![fixture_store()], allow_ingest).unwrap();
    (st.clone(), router(st))
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
    let r = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = r.status();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (s, body) = get(app, uri).await;
    let v = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
    (s, v)
}

#[tokio::test]
async fn story_list_pages_with_cursors() {
    let (_, app) = app(false);
    let (s, v) = get_json(&app, "/api/stories").await;
    assert_eq!(s, StatusCode::OK);
    let all: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    // Newest first.
    assert_eq!(all, vec!["s-xss", "s-cricket", "s-flood"]);
    assert!(v["next_cursor"].is_null());
    assert_eq!(v["items"][2]["article_count"], 3);
    assert_eq!(v["total"], 3);

    let mut seen = Vec::new();
    let mut uri = "/api/stories?limit=1".to_string();
    loop {
        let (s, v) = get_json(&app, &uri).await;
        assert_eq!(s, StatusCode::OK);
        let items = v["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        // `total` counts the whole list, not the page
        assert_eq!(v["total"], 3);
        seen.push(items[0]["id"].as_str().unwrap().to_string());
        match v["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/stories?limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn story_filters() {
    let (_, app) = app(false);
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, v) = get_json(&app, "/api/stories?language=hi").await;
    assert_eq!(ids(&v), vec!["s-flood"]);
    let (_, v) = get_json(&app, "/api/stories?entity=Q1058").await;
    assert_eq!(ids(&v), vec!["s-flood"]);
    let (_, v) = get_json(&app, "/api/stories?since=2022-02-01&until=2022-02-02").await;
    assert_eq!(ids(&v), vec!["s-cricket"]);
    let (_, v) = get_json(&app, "/api/stories?outlet=the%20hindu").await;
    assert_eq!(ids(&v), vec!["s-flood"]);
}

#[tokio::test]
async fn story_article_entity_endpoints() {
    let (_, app) = app(false);
    let (s, v) = get_json(&app, "/api/stories/s-flood").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["timeline"][0]["kind"], "disaster");
    assert_eq!(v["comparison"]["conflict"][0]["topic"], "affected");
    assert_eq!(v["articles"].as_array().unwrap().len(), 3);
    assert_eq!(v["article_count"], 3);
    assert_eq!(v["articles"][0]["id"], "a1");
    assert_eq!(v["per_day"].as_array().unwrap().len(), 2);
    assert!(v["per_day"][0]["article_count"].as_u64().unwrap() >= 1);

    let (s, v) = get_json(&app, "/api/articles/a1").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["article"]["outlet"], "Amar Ujala");
    assert_eq!(v["analysis"]["quotes"][0]["speaker"], "Q1058");
    assert_eq!(v["article"]["story"], "s-flood");
    // no server path, one author field
    assert!(v["article"].get("source").is_none());
    assert!(v["article"].get("author").is_none());

    let (s, v) = get_json(&app, "/api/entities/Q1058").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["name"], "Narendra Modi");
    assert_eq!(v["article_count"], 3);
    assert_eq!(v["mention_count"], 3);
    assert_eq!(v["stories"][0]["id"], "s-flood");

    let (s, v) = get_json(&app, "/api/entities").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"][0]["id"], "Q1058");
    assert_eq!(v["total"], 1);

    let (_, v) = get_json(&app, "/api/articles?limit=2").await;
    assert_eq!(v["items"][0]["id"], "a1");
    let c = v["next_cursor"].as_str().unwrap().to_string();
    let (_, v) = get_json(&app, &format!("/api/articles?limit=10&cursor={c}")).await;
    let rest: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(rest, vec!["a3", "a4", "a5"]);
}

#[tokio::test]
async fn missing_things_are_404_json() {
    let (_, app) = app(false);
    for uri in [
        "/api/stories/nope",
        "/api/articles/nope",
        "/api/entities/nope",
        "/api/nothing-here",
    ] {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(v["error"].is_string());
    }
    let (s, body) = get(&app, "/no/such/page").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(body.contains("<!doctype html>"));
}

#[tokio::test]
async fn bad_query_strings_are_400_not_panics() {
    let (_, app) = app(false);
    for uri in [
        "/api/stories?limit=abc",
        "/api/stories?limit=0",
        "/api/stories?limit=-1",
        "/api/stories?cursor=zzz",
        "/api/stories?cursor=d12.zz",
        "/api/stories?cursor=d99999999999999999999999.00",
        "/api/stories?since=yesterday",
        "/api/articles?until=2022-13-40",
        "/api/entities?kind=planet",
        "/api/entities?cursor=x",
        "/api/search?q=a&cursor=o-1",
        "/api/stories?limit=1&limit=2",
        "/api/stories?limit=",
        "/api/search?q=a&mode=",
        "/api/entities?kind=",
        "/api/entities?cursor=%0B",
        "/api/stories?limit=%205",
    ] {
        let (s, body) = get(&app, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {body}");
    }
    // A query over 500 characters is refused even when most of it is line breaks or spaces
    // (trimmed before the search, but counted as sent).
    let uri = format!("/api/search?q=h8{}", "%0D".repeat(600));
    let (s, body) = get(&app, &uri).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    // Pages answer bad parameters with an HTML 400.
    let (s, body) = get(&app, "/?limit=abc").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("limit"));
    // A page size above the maximum is clamped, not refused.
    let (s, _) = get(&app, "/api/stories?limit=500").await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = get_json(&app, "/api/stories?limit=100000").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("at most 500"));
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let (_, app) = app(false);
    let (s, v) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/api",
        "/api/health",
        "/api/openapi.json",
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/entities",
        "/api/entities/{id}",
        "/api/search",
    ] {
        assert!(v["paths"][p].is_object(), "{p} missing");
    }
    assert!(v["paths"]["/api/articles"]["post"].is_object());
    // real parameter types
    let limit = v["paths"]["/api/stories"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert!(limit["schema"].to_string().contains("integer"), "{limit}");
}

/// Every path of the OpenAPI document answers (not 404) with each of its methods, with the ids of
/// the fixture put in; and every route the router serves under `/api` is in the document (the
/// API router is built from the documented handlers; this checks what a client sees).
#[tokio::test]
async fn every_openapi_path_answers_and_every_api_route_is_in_it() {
    let (_, app) = app(false);
    let (_, v) = get_json(&app, "/api/openapi.json").await;
    let paths = v["paths"].as_object().unwrap();
    let mut answered = 0;
    for (path, item) in paths {
        let uri = path
            .replace("/stories/{id}", "/stories/s-flood")
            .replace("/articles/{id}", "/articles/a1")
            .replace("/entities/{id}", "/entities/Q1058");
        assert!(!uri.contains('{'), "a path parameter not filled: {path}");
        for method in item.as_object().unwrap().keys() {
            let req = Request::builder()
                .method(method.to_ascii_uppercase().as_str())
                .uri(uri.as_str())
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let r = app.clone().oneshot(req).await.unwrap();
            assert_ne!(r.status(), StatusCode::NOT_FOUND, "{method} {uri}");
            assert_ne!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            answered += 1;
        }
    }
    assert!(answered >= 11, "{answered}");
    // The index lists exactly the documented paths.
    let (_, idx) = get_json(&app, "/api").await;
    let listed: Vec<&str> = idx["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    let mut listed = listed;
    listed.sort_unstable();
    documented.sort_unstable();
    assert_eq!(listed, documented);
    // A path under /api not in the document is a 404.
    let (s, _) = get(&app, "/api/story").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn one_json_shape_counts_times_and_character_spans() {
    let (_, app) = app(false);
    let (_, v) = get_json(&app, "/api/stories").await;
    for s in v["items"].as_array().unwrap() {
        assert!(s["article_count"].is_u64(), "{s}");
        assert!(s.get("articles").is_none(), "{s}");
        assert!(s["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e.is_object()));
        let t = s["last_published"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
        assert!(s["last_published_date_only"].is_boolean());
    }
    let (_, v) = get_json(&app, "/api/articles/a1").await;
    let text = v["article"]["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let analysis = &v["analysis"];
    let mut checked = 0;
    for m in analysis["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(analysis["quotes"].as_array().unwrap())
    {
        let sp = &m["span"];
        let (a, b) = (
            sp["start"].as_u64().unwrap() as usize,
            sp["end"].as_u64().unwrap() as usize,
        );
        let by_chars: String = chars[a..b].iter().collect();
        assert_eq!(by_chars, m["text"].as_str().unwrap());
        let (ba, bb) = (
            sp["byte_start"].as_u64().unwrap() as usize,
            sp["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[ba..bb], by_chars);
        checked += 1;
    }
    assert!(checked >= 2, "{checked}");
    let p = v["article"]["published"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(p).is_ok(), "{p}");
    let (_, h) = get_json(&app, "/api/health").await;
    assert_eq!(h["article_count"], 5);
    assert_eq!(h["story_count"], 3);
}

#[tokio::test]
async fn filters_take_names_and_unknown_values_or_parameters_are_400() {
    let (_, app) = app(false);
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    for q in [
        "language=Hindi",
        "language=%E0%A4%B9%E0%A4%BF%E0%A4%82%E0%A4%A6%E0%A5%80",
        "language=HI",
    ] {
        let (s, v) = get_json(&app, &format!("/api/stories?{q}")).await;
        assert_eq!(s, StatusCode::OK, "{q}");
        assert_eq!(ids(&v), vec!["s-flood"], "{q}");
    }
    for q in ["entity=Narendra%20Modi", "entity=narendra%20%20modi", "entity=%E0%A4%A8%E0%A4%B0%E0%A5%87%E0%A4%82%E0%A4%A6%E0%A5%8D%E0%A4%B0%20%E0%A4%AE%E0%A5%8B%E0%A4%A6%E0%A5%80"] {
        let (s, v) = get_json(&app, &format!("/api/articles?{q}")).await;
        assert_eq!(s, StatusCode::OK, "{q}");
        assert_eq!(v["total"], 3, "{q}");
    }
    let (_, v) = get_json(&app, "/api/articles?outlet=AMAR%20ujala").await;
    assert_eq!(ids(&v), vec!["a1"]);
    for (q, says) in [
        ("/api/stories?outlet=Nowhere%20Times", "outlet"),
        ("/api/stories?language=Klingon", "language"),
        ("/api/articles?entity=Vladimir%20Putin", "entity"),
        ("/api/search?q=modi&story=s-nope", "story"),
        ("/api/stories?colour=red", "colour"),
        ("/api/search?q=modi&ui=hi", "ui"),
        ("/api/entities?outlet=x", "outlet"),
    ] {
        let (s, v) = get_json(&app, q).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}");
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains(says), "{q}: {msg}");
    }
}

#[tokio::test]
async fn search_understands_hindi_variants_and_romanised_queries() {
    let (_, app) = app(false);
    let ids = |v: &Value| -> Vec<String> {
        let mut x: Vec<String> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect();
        x.sort();
        x
    };
    for q in ["%E0%A4%AE%E0%A5%8B%E0%A4%A6%E0%A5%80", "modi", "Modi"] {
        let (s, v) = get_json(&app, &format!("/api/search?q={q}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(ids(&v), vec!["a1", "a2", "a3"], "q={q}");
        assert_eq!(v["stories"][0]["id"], "s-flood");
    }
    // हजार finds हज़ार and हजार.
    let (_, v) = get_json(&app, "/api/search?q=%E0%A4%B9%E0%A4%9C%E0%A4%BE%E0%A4%B0").await;
    assert_eq!(ids(&v), vec!["a1", "a2"]);
    let snippet = v["items"][0]["snippet"].as_str().unwrap();
    let mark = &v["items"][0]["marks"][0];
    let (a, b) = (
        mark[0].as_u64().unwrap() as usize,
        mark[1].as_u64().unwrap() as usize,
    );
    // marks count characters of the snippet
    let marked: String = snippet.chars().skip(a).take(b - a).collect();
    assert!(marked.starts_with('ह'), "{marked}");
    assert!(["हज़ार", "हजार"].contains(&marked.as_str()), "{marked}");
    // Filters.
    let (_, v) = get_json(&app, "/api/search?q=modi&language=en").await;
    assert_eq!(ids(&v), vec!["a3"]);
    let (_, v) = get_json(&app, "/api/search?q=modi&since=2022-01-06").await;
    assert_eq!(ids(&v), vec!["a2", "a3"]);
    let (_, v) = get_json(&app, "/api/search?q=cricket&story=s-flood").await;
    assert!(ids(&v).is_empty());
    let (_, v) = get_json(&app, "/api/search?q=").await;
    assert_eq!(v["total"], 0);
    // No article holds both words: strict finds none; the default lists the partial matches,
    // with `full` saying none holds every word.
    let (_, v) = get_json(&app, "/api/search?q=modi+cricket&mode=strict").await;
    assert_eq!(v["total"], 0);
    let (_, v) = get_json(&app, "/api/search?q=modi+cricket").await;
    assert_eq!(v["full"], 0);
    assert_eq!(v["total"], 4);
    let (_, v) = get_json(&app, "/api/search?q=modi+cricket&mode=any").await;
    assert_eq!(ids(&v), vec!["a1", "a2", "a3", "a4"]);
    let (s, _) = get(&app, "/api/search?q=modi&mode=some").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pages_render_and_escape() {
    let (_, app) = app(false);
    for uri in [
        "/",
        "/stories/s-flood",
        "/stories/s-xss",
        "/articles/a1",
        "/articles/a5",
        "/entities",
        "/entities/Q1058",
        "/search?q=modi",
        "/search",
        "/?ui=hi",
    ] {
        let (s, body) = get(&app, uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(body.starts_with("<!doctype html>"), "{uri}");
        assert!(!body.contains("<script>alert"), "{uri} leaks markup");
        assert!(!body.contains("<img src=x"), "{uri} leaks markup");
        assert!(!body.contains("<b>bold"), "{uri} leaks markup");
        assert!(body.contains("Noto Sans Devanagari"));
    }
    let (_, body) = get(&app, "/articles/a5").await;
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn story_page_shows_timeline_comparison_quotes_and_links_to_sentences() {
    let (_, app) = app(false);
    let (_, body) = get(&app, "/stories/s-flood").await;
    assert!(body.contains("<svg class=\"chart\""));
    assert!(body.contains("class=\"conflict\""));
    assert!(body.contains("href=\"/articles/a1#s0\""));
    assert!(body.contains("href=\"/articles/a3#s0\""));
    assert!(body.contains("बाढ़ से दस हज़ार लोग प्रभावित हुए"), "quote shown");
    assert!(body.contains("href=\"/entities/Q1058\""));
    assert!(body.contains("PTI"), "copy group shown");

    let (_, body) = get(&app, "/articles/a1").await;
    // Sentences carry ids the facts link to; the Modi mention links to the entity.
    assert!(body.contains("<span class=\"s\" id=\"s0\">"));
    assert!(body.contains("<span class=\"s\" id=\"s1\">"));
    assert!(body.contains("<a class=\"m\" href=\"/entities/Q1058\">मोदी</a>"));
    assert!(body.contains("href=\"/articles/a1#s0\""));

    let (_, body) = get(&app, "/?ui=hi").await;
    assert!(body.contains("<html lang=\"hi\">"));
    assert!(body.contains("ख़बरें"));
}

#[tokio::test]
async fn ui_language_is_remembered_in_a_cookie() {
    let (_, app) = app(false);
    let r = app
        .clone()
        .oneshot(Request::get("/?ui=hi").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("ui=hi"));
    let r = app
        .clone()
        .oneshot(
            Request::get("/entities")
                .header("cookie", "x=1; ui=hi")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("<html lang=\"hi\">"));
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let (_, app) = app(false);
    for uri in ["/", "/api/stories", "/nope"] {
        let r = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
    }
}

#[tokio::test]
async fn ingest_is_refused_when_read_only() {
    let (_, app) = app(false);
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "application/json")
                .body(Body::from(r#"{"text":"x"}"#))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let (_, app) = app(true);
    let big = vec![b'a'; MAX_BODY_BYTES + 10];
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "text/plain")
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn ingest_through_the_api_updates_stories_and_search() {
    let (st, app) = app(true);
    let before = st.snapshot().articles.len();
    let body = serde_json::json!([
        {"id": "n1", "outlet": "Navbharat", "language": "hi", "published": "2022-03-01",
         "title": "जयपुर में भारी बारिश",
         "text": "जयपुर में रविवार को भारी बारिश हुई और कई इलाकों में पानी भर गया। नगर निगम ने राहत शिविर खोले।"},
        {"outlet": "x"}
    ]);
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = r.status();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["id"], "n1");
    assert_eq!(v["results"][0]["status"], "inserted");
    assert!(v["results"][1]["error"].is_string());
    assert_eq!(st.snapshot().articles.len(), before + 1);
    // A request of which no article can be read is refused whole, with the reason.
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "application/json")
                .body(Body::from(r#"[{"title": "no body"}]"#))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(v["error"].as_str().unwrap().contains("article 1"), "{v}");
    let (_, v) = get_json(
        &app,
        "/api/search?q=%E0%A4%9C%E0%A4%AF%E0%A4%AA%E0%A5%81%E0%A4%B0",
    )
    .await;
    assert_eq!(v["items"][0]["id"], "n1");
    let (s, v) = get_json(&app, "/api/articles/n1").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["analysis"]["sentences"].as_array().unwrap().len() >= 2);
    assert!(
        v["article"]["story"].is_string(),
        "regrouped into a story: {v}"
    );
}

#[tokio::test]
async fn ingest_while_another_process_writes_is_a_503_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let s = khabar_store::SqliteStore::open(&db).unwrap();
    s.set_busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let st = AppState::new(vec![s], true).unwrap();
    let app = router(st);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let post = || {
        Request::post("/api/articles")
            .header("content-type", "application/json")
            .body(Body::from(
                serde_json::json!([{"id": "w1", "outlet": "Navbharat", "language": "hi",
                    "published": "2022-03-01", "title": "जयपुर में भारी बारिश",
                    "text": "जयपुर में रविवार को भारी बारिश हुई और कई इलाकों में पानी भर गया। \
                             नगर निगम ने राहत शिविर खोले।"}])
                .to_string(),
            ))
            .unwrap()
    };
    let r = app.clone().oneshot(post()).await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "5");
    other.execute_batch("ROLLBACK").unwrap();
    let r = app.clone().oneshot(post()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["results"][0]["status"], "inserted", "{v}");
}

#[test]
fn state_over_a_file_with_several_readers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    {
        let mut s = khabar_store::SqliteStore::open(&db).unwrap();
        s.put_articles(&fixture_docs()).unwrap();
        s.replace_stories(&fixture_stories()).unwrap();
    }
    let mut cfg = ServeConfig::new(db);
    cfg.readers = 3;
    let st = AppState::open(&cfg).unwrap();
    assert_eq!(st.inner.db.conns.len(), 3);
    assert_eq!(st.snapshot().stories.len(), 3);
    assert_eq!(st.snapshot().entities.len(), 1);
    st.reload().unwrap();
    assert_eq!(st.snapshot().articles.len(), 5);
}

// ---- truthful writes, aliases, following the store, HTTP hygiene (#19, #17) ----------------

async fn post_json(app: &Router, body: Value, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = Request::post("/api/articles").header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let r = app
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = r.status();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    let v = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, v)
}

fn article_json(id: &str, word: &str) -> Value {
    serde_json::json!({"id": id, "outlet": "Navbharat", "language": "hi", "published": "2022-03-01",
        "title": format!("{word} जयपुर में भारी बारिश"),
        "text": format!("जयपुर में रविवार को भारी बारिश हुई और {word} इलाके में पानी भर गया। \
                         नगर निगम ने राहत शिविर खोले।")})
}

#[tokio::test]
async fn a_given_id_with_stored_text_answers_and_is_said_to_be_the_same_text() {
    let (_, app) = app(true);
    let (s, v) = post_json(&app, article_json("mine-1", "zorblax"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = post_json(&app, article_json("mine-dup-2", "zorblax"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["status"], "same_text", "{v}");
    assert_eq!(v["results"][0]["id"], "mine-1");
    assert_eq!(v["results"][0]["given_id"], "mine-dup-2");
    assert_eq!(v["results"][0]["same_text_as"], "mine-1");
    let (s, v) = get_json(&app, "/api/articles/mine-dup-2").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["article"]["id"], "mine-1");
    assert!(v["article"]["story"].is_string(), "{v}");
}

#[tokio::test]
async fn a_post_whose_fields_have_the_wrong_json_types_is_refused_whole() {
    let (_, app) = app(true);
    let good = article_json("typed-1", "zorblax");
    let mut bad = article_json("typed-2", "quixotrel");
    bad["author"] = serde_json::json!({"name": "X"});
    let (s, v) = post_json(&app, serde_json::json!([good.clone(), bad]), None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error"]
            .as_str()
            .unwrap_or_default()
            .contains("article 2: `author`"),
        "{v}"
    );
    let (s, _) = get_json(&app, "/api/articles/typed-1").await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "nothing of a refused request is stored"
    );
    let mut nulls = article_json("typed-3", "vembrith");
    nulls["authors"] = serde_json::json!(["A", null]);
    let (s, _) = post_json(&app, nulls, None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // What the document allows is taken: a numeric id, an author list, unknown fields.
    let mut fine = article_json("x", "zorblax");
    fine["id"] = serde_json::json!(42);
    fine["author"] = serde_json::json!(["A", "B"]);
    fine["extra"] = serde_json::json!({"any": "thing"});
    let (s, v) = post_json(&app, fine, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["id"], "42", "{v}");
}

#[tokio::test]
async fn a_post_while_another_process_writes_the_index_is_stored_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    {
        let mut s = khabar_store::SqliteStore::open(&db).unwrap();
        s.put_articles(&fixture_docs()).unwrap();
    }
    let cfg = {
        let mut c = ServeConfig::new(db.clone());
        c.allow_ingest = true;
        c.readers = 2;
        c
    };
    let st = AppState::open(&cfg).unwrap();
    let app = router(st.clone());
    // Another process's writer holds the index's lock (as `khabar ingest` does for a run).
    let other = search::Index::open(&search::Index::dir_for(&db)).unwrap();
    let held = other.writer().unwrap();
    let (s, v) = post_json(&app, article_json("p1", "quixotrel"), None).await;
    assert_eq!(s, StatusCode::OK, "stored, so not an error: {v}");
    assert_eq!(v["results"][0]["status"], "inserted", "{v}");
    assert_eq!(v["indexed"], false, "{v}");
    assert_eq!(v["stored"], 1, "{v}");
    let (s, _) = get_json(&app, "/api/articles/p1").await;
    assert_eq!(s, StatusCode::OK);
    let (_, v) = get_json(&app, "/api/search?q=quixotrel").await;
    assert_eq!(v["total"], 0, "not indexed while the lock is held: {v}");
    // The retry answers `unchanged`: it was stored the first time.
    let (_, v) = post_json(&app, article_json("p1", "quixotrel"), None).await;
    assert_eq!(v["results"][0]["status"], "unchanged", "{v}");
    drop(held);
    // The watcher's next look catches the index up from the store's change sequence.
    let watcher = khabar_store::SqliteStore::open(&db).unwrap();
    follow_step(&st, &watcher, None).unwrap();
    let (_, v) = get_json(&app, "/api/search?q=quixotrel").await;
    assert_eq!(v["items"][0]["id"], "p1", "{v}");
    let ix = search::Index::open(&search::Index::dir_for(&db)).unwrap();
    assert_eq!(ix.applied_seq(), Some(watcher.seq().unwrap()));
}

#[tokio::test]
async fn the_server_follows_writes_by_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    {
        let mut s = khabar_store::SqliteStore::open(&db).unwrap();
        s.put_articles(&fixture_docs()).unwrap();
        s.replace_stories(&fixture_stories()).unwrap();
    }
    let st = AppState::open(&ServeConfig::new(db.clone())).unwrap();
    let app = router(st.clone());
    let before = st.snapshot().articles.len();
    // Another process stores an article and does not touch the index (killed before it could).
    {
        let mut other = khabar_store::SqliteStore::open(&db).unwrap();
        let mut d = doc(
            "x1",
            "Jagran",
            "hi",
            "2022-03-02",
            "फ्लम्बरी बाढ़",
            "फ्लम्बरी गांव में बाढ़ आई।",
        );
        d.fingerprint = "fp-x1".into();
        other.put_articles(&[(d, None)]).unwrap();
    }
    let (s, _) = get_json(
        &app,
        "/api/search?q=%E0%A4%AB%E0%A5%8D%E0%A4%B2%E0%A4%AE%E0%A5%8D%E0%A4%AC%E0%A4%B0%E0%A5%80",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let watcher = khabar_store::SqliteStore::open(&db).unwrap();
    follow_step(&st, &watcher, None).unwrap();
    assert_eq!(st.snapshot().articles.len(), before + 1);
    assert_eq!(st.snapshot().seq, watcher.seq().unwrap());
    let (_, v) = get_json(
        &app,
        "/api/search?q=%E0%A4%AB%E0%A5%8D%E0%A4%B2%E0%A4%AE%E0%A5%8D%E0%A4%AC%E0%A4%B0%E0%A5%80",
    )
    .await;
    assert_eq!(v["items"][0]["id"], "x1", "{v}");
    let (_, v) = get_json(&app, "/api/articles?limit=500").await;
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "x1"));
}

#[tokio::test]
async fn ingest_tokens_are_required_when_given() {
    let (st, app) = app(false);
    st.require_tokens(vec!["0123456789abcdef-token".into()]);
    let (s, _) = post_json(&app, article_json("t1", "tokword"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "application/json")
                .header("authorization", "Bearer wrong-token-of-some-length")
                .body(Body::from(article_json("t1", "tokword").to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let (s, v) = post_json(
        &app,
        article_json("t1", "tokword"),
        Some("0123456789abcdef-token"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["status"], "inserted");
}

#[tokio::test]
async fn oversized_fields_and_parameters_are_400() {
    let (_, app) = app(true);
    let mut a = article_json("f1", "fieldword");
    a["title"] = Value::String("क".repeat(1001));
    let (s, v) = post_json(&app, a, None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["error"].as_str().unwrap().contains("title"), "{v}");
    let long = "a".repeat(2000);
    let (s, _) = get(&app, &format!("/api/stories?outlet={long}")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn refusals_by_the_limits_carry_security_headers() {
    let (_, app) = app(true);
    let big = vec![b'a'; MAX_BODY_BYTES + 10];
    let r = app
        .clone()
        .oneshot(
            Request::post("/api/articles")
                .header("content-type", "text/plain")
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
}

/// Starts [`serve_on`] with a short header timeout on a free port.
async fn serve_with_timeout(timeout: std::time::Duration) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (_, app) = app(false);
    tokio::spawn(serve_on(listener, app, timeout, std::future::pending()));
    addr
}

/// Reads until the server closes the connection; how long that took (None: still open
/// after `wait`).
async fn closed_within(
    s: &mut tokio::net::TcpStream,
    wait: std::time::Duration,
) -> Option<std::time::Duration> {
    use tokio::io::AsyncReadExt;
    let t = std::time::Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(wait.saturating_sub(t.elapsed()), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(t.elapsed()),
            Ok(Ok(_)) => continue,
            Err(_) => return None,
        }
    }
}

#[tokio::test]
async fn a_slow_loris_client_is_cut_off() {
    use tokio::io::AsyncWriteExt;
    let timeout = std::time::Duration::from_millis(400);
    let addr = serve_with_timeout(timeout).await;
    // Headers sent one byte at a time, never finished.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    let t = std::time::Instant::now();
    let cut = async {
        for b in b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
            .iter()
            .cycle()
        {
            if slow.write_all(&[*b]).await.is_err() {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            if t.elapsed() > std::time::Duration::from_secs(5) {
                return false;
            }
        }
        false
    }
    .await;
    let cut = cut
        || closed_within(&mut slow, std::time::Duration::from_secs(2))
            .await
            .is_some();
    assert!(
        cut,
        "a client trickling its headers is still connected after 5 s"
    );
    assert!(
        t.elapsed() < std::time::Duration::from_secs(4),
        "{:?}",
        t.elapsed()
    );
    // A connection that sends nothing is closed too.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    let took = closed_within(&mut idle, std::time::Duration::from_secs(3)).await;
    assert!(took.is_some(), "an idle connection is still open after 3 s");
    // A prompt client is served.
    let mut ok = tokio::net::TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    use tokio::io::AsyncReadExt;
    ok.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer
        .to_ascii_lowercase()
        .contains("x-content-type-options: nosniff"));
}

/// Sends `request` on a new connection and reads the answer until the server closes it.
async fn answer_to(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer (and close) before it has read everything: a failed write is fine.
    let _ = c.write_all(request).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        c.read_to_end(&mut answer),
    )
    .await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn an_over_long_request_line_is_answered_414_with_the_security_headers() {
    let addr = serve_with_timeout(std::time::Duration::from_secs(5)).await;
    let request = |target_len: usize| {
        let target = format!("/api/health?q={}", "a".repeat(target_len - 14));
        format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes()
    };
    // Over hyper's limit for a request target (65,534 bytes): answered before hyper sees it.
    for len in [65_535, 70_000, 300_000] {
        let answer = answer_to(addr, &request(len)).await;
        assert!(answer.starts_with("HTTP/1.1 414"), "{len}: {answer}");
        let lower = answer.to_ascii_lowercase();
        assert!(
            lower.contains("x-content-type-options: nosniff"),
            "{answer}"
        );
        assert!(lower.contains("content-security-policy: "), "{answer}");
    }
    // A long target within the limit is served.
    let answer = answer_to(addr, &request(60_000)).await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    // Requests after the first on a kept-alive connection (sent in one write, so that the
    // bytes read before hyper hold more than the first line) are served too.
    let two = b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let answer = answer_to(addr, two).await;
    assert_eq!(answer.matches("HTTP/1.1 200").count(), 2, "{answer}");
}

/// An answer's status and whether it carries the security headers.
type Answer = (u16, bool);

/// Each answer in `raw` (answers on one connection, in order): its status and whether it
/// carries the security headers.
fn answers(raw: &str) -> Vec<Answer> {
    raw.split("HTTP/1.1 ")
        .skip(1)
        .map(|a| {
            let status = a.get(..3).and_then(|s| s.parse().ok()).unwrap_or(0);
            let head = a
                .split("\r\n\r\n")
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let secured = head.contains("x-content-type-options: nosniff")
                && head.contains("x-frame-options: deny")
                && head.contains("content-security-policy: ")
                && head.contains("referrer-policy: no-referrer");
            (status, secured)
        })
        .collect()
}

#[tokio::test]
async fn heads_hyper_would_refuse_are_answered_with_the_security_headers() {
    let addr = serve_with_timeout(std::time::Duration::from_secs(5)).await;
    let get = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
    let many: String = (0..150).map(|i| format!("x-h{i}: v\r\n")).collect();
    let too_many = format!("GET /api/health HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    let too_big = format!(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nx-big: {}\r\n\r\n",
        "b".repeat(200_000)
    );
    let long_line = format!("GET /api/health?q={} HTTP/1.1\r\n\r\n", "a".repeat(70_000));
    let cases: Vec<(&str, String, Vec<Answer>)> = vec![
        // hyper's own 431: too many headers, a head too large.
        ("too many headers", too_many.clone(), vec![(431, true)]),
        ("head too large", too_big.clone(), vec![(431, true)]),
        // hyper's own 400: a malformed request line, header or length.
        ("bad line", "GET /a b c\r\n\r\n".into(), vec![(400, true)]),
        ("bad target", "GET /\x01 HTTP/1.1\r\n\r\n".into(), vec![(400, true)]),
        (
            "bad header",
            "GET / HTTP/1.1\r\nbad header: x\r\n\r\n".into(),
            vec![(400, true)],
        ),
        (
            "bad length",
            "POST /api/articles HTTP/1.1\r\nContent-Length: 12x\r\n\r\n".into(),
            vec![(400, true)],
        ),
        // The second request of a kept-alive connection: the first is answered, then the
        // refusal of the second (414 over the request line's limit, 431, 400).
        (
            "second line too long",
            format!("{get}{long_line}"),
            vec![(200, true), (414, true)],
        ),
        (
            "second head too large",
            format!("{get}{too_many}"),
            vec![(200, true), (431, true)],
        ),
        (
            "second line malformed",
            format!("{get}GET /a b c\r\n\r\n"),
            vec![(200, true), (400, true)],
        ),
        // A body is skipped by its length, so the head after it is checked (chunked bodies:
        // `gate::tests`; hyper closes a connection whose chunked body the handler left unread).
        (
            "after a body",
            format!(
                "POST /api/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nGET /{get}GET /a b c\r\n\r\n"
            ),
            vec![(404, true), (200, true), (400, true)],
        ),
    ];
    for (what, request, want) in cases {
        let raw = answer_to(addr, request.as_bytes()).await;
        assert_eq!(
            answers(&raw),
            want,
            "{what}: {}",
            &raw[..raw.len().min(600)]
        );
    }
    // A client sending its request a byte at a time is served.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    for b in "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".bytes() {
        c.write_all(&[b]).await.unwrap();
    }
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).await.unwrap();
    assert_eq!(answers(&String::from_utf8_lossy(&raw)), vec![(200, true)]);
}
