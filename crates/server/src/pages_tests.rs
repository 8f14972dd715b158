//! Web UI tests through the router: filters, counts, plurals, paging, labels, display safety,
//! feeds, top stories and coverage. (The fixtures are those of `crate::tests`.)

use crate::tests::{fixture_docs, fixture_stories};
use crate::{router, AppState};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use khabar_model::{Document, PubTime, Story};
use khabar_store::Store;
use tower::ServiceExt;

fn app_with(docs: Vec<(Document, Option<khabar_model::Analysis>)>, stories: Vec<Story>) -> Router {
    let mut s = khabar_store::SqliteStore::open_in_memory().unwrap();
    s.put_articles(&docs).unwrap();
    s.replace_stories(&stories).unwrap();
    router(AppState::new(vec![s], false).unwrap())
}

fn app() -> Router {
    app_with(fixture_docs(), fixture_stories())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    let r = app
        .clone()
        .oneshot(
            Request::get(uri)
                .header("host", "example.test:8080")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = r.status();
    let ctype = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, ctype, String::from_utf8_lossy(&bytes).into_owned())
}

/// The text of the first element with `class` (markup removed).
fn text_of(body: &str, class: &str) -> String {
    let Some(i) = body.find(&format!("class=\"{class}\"")) else {
        return String::new();
    };
    let rest = &body[i..];
    let start = rest.find('>').map(|j| j + 1).unwrap_or(0);
    let end = rest.find("</p>").unwrap_or(rest.len());
    let mut out = String::new();
    let mut tag = false;
    for c in rest[start..end].chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn counts_honour_the_filters() {
    let app = app();
    let (_, _, body) = get(&app, "/").await;
    assert!(
        text_of(&body, "muted counts").starts_with("3 stories · 5 articles"),
        "{}",
        text_of(&body, "muted counts")
    );
    let (_, _, body) = get(&app, "/?language=hi").await;
    let counts = text_of(&body, "muted counts");
    assert!(counts.starts_with("1 story · 3 articles"), "{counts}");
    let (_, _, body) = get(&app, "/?since=2022-02-02").await;
    let counts = text_of(&body, "muted counts");
    assert!(counts.starts_with("1 story · 1 article "), "{counts}");
    // Outlet names match whatever their case.
    let (_, _, body) = get(&app, "/?outlet=the%20hindu").await;
    let counts = text_of(&body, "muted counts");
    assert!(counts.starts_with("1 story · 3 articles"), "{counts}");
}

#[tokio::test]
async fn plurals_in_story_meta() {
    let (_, _, body) = get(&app(), "/").await;
    assert!(body.contains("1 article"));
    assert!(!body.contains("1 articles"), "a wrong plural");
    assert!(body.contains("3 articles"));
}

#[tokio::test]
async fn filters_are_choices_by_name_with_counts() {
    let (_, _, body) = get(&app(), "/").await;
    assert!(body.contains("<select name=\"outlet\">"), "{body}");
    assert!(
        body.contains("<option value=\"Amar Ujala\">Amar Ujala (1)</option>"),
        "{body}"
    );
    assert!(body.contains("<option value=\"hi\">Hindi (1)</option>"));
    assert!(body.contains("<option value=\"en\">English (3)</option>"));
    // The active choice is selected; the other filter's counts follow it.
    let (_, _, body) = get(&app(), "/?language=hi").await;
    assert!(
        body.contains("<option value=\"hi\" selected>Hindi (1)</option>"),
        "{body}"
    );
    // The outlet choices follow the other filters: no story after February has Amar Ujala.
    let (_, _, body) = get(&app(), "/?since=2022-02-01").await;
    assert!(!body.contains("Amar Ujala ("), "{body}");
}

#[tokio::test]
async fn numbered_paging_keeps_the_filters() {
    let app = app();
    let (_, _, body) = get(&app, "/?limit=1&language=en").await;
    assert!(body.contains("aria-current=\"page\">1<"), "{body}");
    assert!(
        body.contains("href=\"/?limit=1&amp;language=en&amp;page=2\""),
        "{body}"
    );
    assert!(body.contains("href=\"/?limit=1&amp;language=en&amp;page=3\""));
    let (_, _, p3) = get(&app, "/?limit=1&language=en&page=3").await;
    assert!(p3.contains("aria-current=\"page\">3<"));
    assert!(p3.contains("rel=\"prev\""));
    assert!(!p3.contains("rel=\"next\""));
    let (s, _, _) = get(&app, "/?page=0").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_hindi_ui_translates_kinds_and_topics() {
    let (_, _, body) = get(&app(), "/stories/s-flood?ui=hi").await;
    // The timeline's event kind and the comparison's labels.
    assert!(body.contains("आपदा"), "the event kind `disaster` in Hindi");
    assert!(!body.contains(">disaster<"));
    assert!(body.contains("3 लेख"));
    assert!(body.contains("हिन्दी, अंग्रेज़ी"), "language names in Hindi");
    assert!(body.contains("विरोध"), "the conflict label in Hindi");
}

#[tokio::test]
async fn each_source_is_named_once() {
    let mut stories = fixture_stories();
    let p = |a: &str, s: usize| khabar_model::Provenance {
        article: a.into(),
        sentence: s,
        span: khabar_model::Span::new(0, 1),
    };
    // Three sentences of one article and one of another article of another outlet.
    stories[0].timeline[0].sources = vec![p("a1", 0), p("a1", 1), p("a1", 2), p("a3", 0)];
    stories[0].outlets.push("Amar Ujala".into());
    let app = app_with(fixture_docs(), stories);
    let (_, _, body) = get(&app, "/stories/s-flood").await;
    let tl = &body[body.find("class=\"list timeline\"").unwrap()..];
    let tl = &tl[..tl.find("</ul>").unwrap()];
    assert_eq!(tl.matches(">Amar Ujala<").count(), 1, "{tl}");
    assert_eq!(tl.matches(">The Hindu<").count(), 1, "{tl}");
    let meta = text_of(&body, "meta");
    assert_eq!(meta.matches("Amar Ujala").count(), 1, "{meta}");
}

#[tokio::test]
async fn one_day_story_chart() {
    let (_, _, body) = get(&app(), "/stories/s-cricket").await;
    let svg = &body[body.find("<svg").unwrap()..body.find("</svg>").unwrap()];
    assert_eq!(svg.matches("2022-02-01</text>").count(), 1, "{svg}");
}

#[tokio::test]
async fn bidi_controls_and_long_words_are_safe() {
    let mut docs = fixture_docs();
    docs[3].0.title = Some("abc\u{202E}gpj.exe".into());
    docs[3].0.outlet = Some("x".repeat(5000));
    let mut stories = fixture_stories();
    stories[1].title = "abc\u{202E}gpj.exe".into();
    let app = app_with(docs, stories);
    for uri in [
        "/",
        "/stories/s-cricket",
        "/articles/a4",
        "/search?q=cricket",
    ] {
        let (s, _, body) = get(&app, uri).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!body.contains('\u{202E}'), "{uri} shows a bidi override");
    }
    let (_, _, body) = get(&app, "/stories/s-cricket").await;
    assert!(body.contains("abcgpj.exe"));
    // A name of 5,000 letters is cut in lists, whole in the tooltip.
    let (_, _, list) = get(&app, "/stories/s-cricket").await;
    assert!(
        list.contains(&format!(">{}…<", "x".repeat(80))),
        "the long outlet name is cut"
    );
    assert!(list.contains(&format!("title=\"{}\"", "x".repeat(5000))));
    assert!(body.contains("overflow-wrap:anywhere"));
}

#[tokio::test]
async fn the_font_is_served() {
    let (s, ctype, body) = get(&app(), "/assets/noto-sans-devanagari-400.woff2").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(ctype, "font/woff2");
    assert!(body.starts_with("wOF2"));
    let (s, _, _) = get(&app(), "/assets/nope.woff2").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

fn parse_feed(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}: {xml}"))
}

#[tokio::test]
async fn feeds_for_story_search_entity_and_top() {
    let app = app();
    let (s, ctype, xml) = get(&app, "/stories/s-flood/feed.atom").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("application/atom+xml"));
    let f = parse_feed(&xml);
    let links: Vec<&str> = f.entries.iter().map(|e| e.links[0].href.as_str()).collect();
    // Newest first, absolute.
    assert_eq!(
        links,
        [
            "http://example.test:8080/articles/a3",
            "http://example.test:8080/articles/a2",
            "http://example.test:8080/articles/a1"
        ]
    );
    let (_, _, xml) = get(&app, "/entities/Q1058/feed.atom").await;
    assert_eq!(parse_feed(&xml).entries.len(), 3);
    let (s, _, xml) = get(&app, "/search/feed.atom?q=modi").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!parse_feed(&xml).entries.is_empty());
    let (s, _, _) = get(&app, "/search/feed.atom").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, _, xml) = get(&app, "/top/feed.atom").await;
    let f = parse_feed(&xml);
    assert_eq!(f.entries.len(), 3);
    assert!(!xml.contains("<script>"), "titles are escaped in the feed");
    let (s, _, _) = get(&app, "/stories/nope/feed.atom").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Pages name their feeds.
    let (_, _, body) = get(&app, "/stories/s-flood").await;
    assert!(body.contains("type=\"application/atom+xml\" href=\"/stories/s-flood/feed.atom\""));
}

#[tokio::test]
async fn top_stories_and_coverage() {
    let app = app();
    let (s, _, body) = get(&app, "/top").await;
    assert_eq!(s, StatusCode::OK);
    // The flood story has three outlets but is a month older than the others.
    let first = body
        .find("/stories/")
        .map(|i| &body[i..i + 20])
        .unwrap_or("");
    assert!(first.starts_with("/stories/s-xss"), "{first}");
    let (_, _, body) = get(&app, "/coverage").await;
    let hi = &body[body.find("id=\"only-hi\"").unwrap()..body.find("id=\"only-en\"").unwrap()];
    let en = &body[body.find("id=\"only-en\"").unwrap()..];
    assert!(
        !hi.contains("s-flood") && !en.contains("s-flood"),
        "a story in both languages"
    );
    assert!(en.contains("s-cricket"));
    assert!(hi.contains("0 stories"));
    let _ = PubTime::parse("2022-01-01");
}

/// A direct quote of an unnamed spokesman, spanning its own text.
fn spokesman_quote(q: &str, confidence: f32) -> khabar_model::Quote {
    khabar_model::Quote {
        sentence: 0,
        span: khabar_model::Span::new(0, q.len()),
        text: q.into(),
        direct: true,
        cue: "कहा".into(),
        cue_span: khabar_model::Span::new(0, 1),
        speaker: None,
        speaker_text: Some("प्रवक्ता".into()),
        speaker_span: None,
        date: None,
        unnamed_source: None,
        confidence,
    }
}

/// A quote carried by several articles (a reprint, a copy) is listed once, with every article.
#[test]
fn a_quote_in_several_articles_is_listed_once() {
    let docs = fixture_docs();
    let quote = |i: usize, q: &str| {
        let mut a = khabar_model::Analysis::empty(docs[i].0.id.clone(), "hi");
        a.quotes.push(spokesman_quote(q, 1.0));
        a
    };
    let analyses = vec![
        quote(0, "400 लोगों को बचाया गया है"),
        quote(1, "400 लोगों को  बचाया गया है"),
        quote(2, "तूफान की गति घट गई है"),
    ];
    let once = crate::pages::quotes_once(&analyses);
    assert_eq!(once.len(), 2);
    assert_eq!(once[0].1.len(), 2, "both articles are its sources");
    assert_eq!(once[0].1[1].article, docs[1].0.id);
    assert_eq!(once[1].0.text, "तूफान की गति घट गई है");
}

/// Quotes below the confidence bar are not listed with the others: they are folded apart, under a
/// heading that says why, so a reader sees first what the analysis is sure of.
#[tokio::test]
async fn uncertain_quotes_are_folded_apart() {
    let mut docs = fixture_docs();
    let mut a = khabar_model::Analysis::empty(docs[0].0.id.clone(), "hi");
    a.quotes.push(spokesman_quote("राहत शिविर खोले गए हैं", 0.95));
    a.quotes.push(spokesman_quote("सुबह झटके महसूस किये गए", 0.5));
    docs[0].1 = Some(a);
    let app = app_with(docs, fixture_stories());
    let (status, _, body) = get(&app, "/stories/s-flood").await;
    assert_eq!(status, StatusCode::OK);
    let sure = body.find("राहत शिविर खोले गए हैं").unwrap();
    let unsure = body.find("सुबह झटके महसूस किये गए").unwrap();
    let folded = body.find("<details class=\"uncertain\">").unwrap();
    assert!(sure < folded && folded < unsure, "{body}");
    assert!(body[folded..unsure].contains("Less certain quotes"));
    assert_eq!(body.matches("<details").count(), 1);
}

/// An analysis of fixture article 0 with one sure and one unsure item of every kind: entity
/// (`Q1058` sure, `Q99` unsure), quantity, quote and event.
fn sure_and_unsure(docs: &[(Document, Option<khabar_model::Analysis>)]) -> khabar_model::Analysis {
    use khabar_model::{EntityId, EntityKind, EntityRef, Event, Quantity, QuantityKind, Span};
    let mut a = khabar_model::Analysis::empty(docs[0].0.id.clone(), "hi");
    a.sentences = vec![khabar_model::Sentence {
        span: Span::new(0, docs[0].0.text.len()),
    }];
    let entity = |id: &str, name: &str, confidence: f32| EntityRef {
        id: EntityId::from(id),
        kind: EntityKind::Person,
        name: name.into(),
        name_hi: None,
        in_kb: true,
        key: name.to_lowercase(),
        confidence,
    };
    a.entities.push(entity("Q1058", "Sure Person", 0.9));
    a.entities.push(entity("Q99", "Nivas Chunavon", 0.55));
    let quantity = |what: &str, confidence: f32| Quantity {
        span: Span::new(0, 1),
        sentence: 0,
        text: what.into(),
        value: Some(10.0),
        approximate: false,
        vague: false,
        kind: QuantityKind::Count,
        unit: None,
        what: Some(what.into()),
        confidence,
    };
    a.quantities.push(quantity("दस घर", 0.9));
    a.quantities.push(quantity("दस सिने", 0.5));
    a.quotes.push(spokesman_quote("राहत शिविर खोले गए हैं", 0.95));
    a.quotes.push(spokesman_quote("सुबह झटके महसूस किये गए", 0.5));
    let event = |trigger: &str, confidence: f32| Event {
        kind: "protest".into(),
        sentence: 0,
        trigger: Span::new(0, 1),
        trigger_text: trigger.into(),
        actor: None,
        target: None,
        place: None,
        date: None,
        quantity: None,
        confidence,
    };
    a.events.push(event("प्रदर्शन किया", 0.8));
    a.events.push(event("विरोध की योजना", 0.5));
    a
}

/// Asserts that `sure` is listed before the folded section of `summary` and `unsure` inside it.
fn folded_after(body: &str, sure: &str, summary: &str, unsure: &str) {
    let s = body
        .find(sure)
        .unwrap_or_else(|| panic!("{sure} missing: {body}"));
    let u = body
        .find(unsure)
        .unwrap_or_else(|| panic!("{unsure} missing: {body}"));
    let f = body[..u]
        .rfind("<details class=\"uncertain\">")
        .unwrap_or_else(|| panic!("{unsure} is not folded: {body}"));
    assert!(s < f, "{sure} should come before the fold: {body}");
    assert!(
        body[f..u].contains(summary),
        "the fold before {unsure} should say {summary}"
    );
    assert!(
        !body[f..u].contains("</details>"),
        "{unsure} is outside its fold"
    );
}

/// On the article page every kind of item below the confidence bar (entity chips, numbers,
/// quotes, events) is folded apart under a heading that says why, in both UI languages.
#[tokio::test]
async fn uncertain_items_of_every_kind_are_folded_on_the_article_page() {
    let mut docs = fixture_docs();
    docs[0].1 = Some(sure_and_unsure(&docs));
    let app = app_with(docs, fixture_stories());
    let (status, _, body) = get(&app, "/articles/a1").await;
    assert_eq!(status, StatusCode::OK);
    folded_after(&body, "Sure Person", "Less certain names", "Nivas Chunavon");
    folded_after(&body, "दस घर", "Less certain numbers", "दस सिने");
    folded_after(
        &body,
        "राहत शिविर खोले गए हैं",
        "Less certain quotes",
        "सुबह झटके महसूस किये गए",
    );
    folded_after(
        &body,
        "प्रदर्शन किया",
        "Less certain events",
        "विरोध की योजना",
    );
    assert_eq!(body.matches("<details class=\"uncertain\">").count(), 4);
    assert!(body.contains("Less certain numbers: what is counted is unclear (1)"));
    let (_, _, body) = get(&app, "/articles/a1?ui=hi").await;
    folded_after(&body, "दस घर", "कम निश्चित संख्याएँ", "दस सिने");
    folded_after(&body, "प्रदर्शन किया", "कम निश्चित घटनाएँ", "विरोध की योजना");
    folded_after(&body, "Sure Person", "कम निश्चित नाम", "Nivas Chunavon");
    // An article whose items are all sure shows no fold.
    let (_, _, body) = get(&app, "/articles/a2").await;
    assert!(!body.contains("<details"), "{body}");
}

/// On the story page an entity whose every mention in the story is unsure is folded apart from
/// the sure ones; on the story list it is left out of the story's chips.
#[tokio::test]
async fn uncertain_entities_are_folded_on_the_story_page() {
    let mut docs = fixture_docs();
    docs[0].1 = Some(sure_and_unsure(&docs));
    let mut stories = fixture_stories();
    let unsure = khabar_model::StoryEntity {
        id: khabar_model::EntityId::from("Q99"),
        name: "Nivas Chunavon".into(),
        kind: khabar_model::EntityKind::Person,
        mentions: 1,
        articles: 1,
        salience: 0.5,
    };
    let flood = stories
        .iter_mut()
        .find(|s| s.id.as_str() == "s-flood")
        .unwrap();
    flood.entities.push(unsure);
    let app = app_with(docs, stories);
    let (_, _, body) = get(&app, "/stories/s-flood").await;
    folded_after(
        &body,
        "Narendra Modi",
        "Less certain names",
        "Nivas Chunavon",
    );
    let (_, _, body) = get(&app, "/stories/s-flood?ui=hi").await;
    folded_after(&body, "नरेंद्र मोदी", "कम निश्चित नाम", "Nivas Chunavon");
    let (_, _, body) = get(&app, "/").await;
    assert!(body.contains("Narendra Modi"), "{body}");
    assert!(!body.contains("Nivas Chunavon"), "{body}");
}

/// On an entity's page the articles where its every mention is unsure (the name may mean
/// another entity) are folded apart from those where the link is sure.
#[tokio::test]
async fn articles_with_an_uncertain_link_are_folded_on_the_entity_page() {
    let mut docs = fixture_docs();
    // a1 names Q1058 only below the bar; a2 and a3 name it surely (the fixture's analyses)
    let mut a = sure_and_unsure(&docs);
    a.entities.retain(|e| e.id.as_str() == "Q1058");
    a.entities[0].confidence = 0.4;
    docs[0].1 = Some(a);
    let app = app_with(docs, fixture_stories());
    let (_, _, body) = get(&app, "/entities/Q1058").await;
    let sure = body.find("/articles/a2").unwrap();
    folded_after(
        &body,
        "/articles/a2",
        "Articles where the name may mean another entity",
        "/articles/a1",
    );
    assert!(sure < body.find("/articles/a1").unwrap());
    let (_, _, body) = get(&app, "/entities/Q1058?ui=hi").await;
    folded_after(
        &body,
        "/articles/a3",
        "लेख जिनमें यह नाम किसी और इकाई का हो सकता है",
        "/articles/a1",
    );
}
