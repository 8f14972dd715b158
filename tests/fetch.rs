//! `khabar run FEED --fetch`: feed items are replaced by the pages they link to, served here by a
//! loopback HTTP server; a link nobody answers keeps the feed's own text.
#![cfg(feature = "fetch")]

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// Serve `page` at `/news/1`, a robots.txt that forbids `/private/`, 404 elsewhere; record the
/// paths asked for.
fn serve(page: &'static str) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some(common::Request { path, .. }) = common::read_request(&stream) else {
                continue;
            };
            seen.lock().unwrap().push(path.clone());
            let (status, ct, body) = match path.as_str() {
                "/robots.txt" => (200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
                "/news/1" | "/private/2" => (200, "text/html; charset=utf-8", page),
                _ => (404, "text/plain", "not found"),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, log)
}

const PAGE: &str = r#"<!doctype html><html lang="hi"><head><title>बाढ़ से तीन गांव डूबे - समाचार</title></head>
<body><nav><a href="/">होम</a> <a href="/desh">देश</a></nav>
<article><h1>बाढ़ से तीन गांव डूबे</h1>
<p>जिले में लगातार बारिश के बाद नदी का जलस्तर बढ़ने से तीन गांव पानी में डूब गए। प्रशासन ने दो सौ परिवारों को सुरक्षित स्थानों पर पहुंचाया।</p>
<p>जिलाधिकारी ने बताया कि राहत शिविरों में भोजन और दवाओं की व्यवस्था की गई है और स्थिति पर नजर रखी जा रही है।</p>
</article><footer>सर्वाधिकार सुरक्षित</footer></body></html>"#;

#[test]
fn feed_items_are_read_from_the_linked_pages() {
    let (base, log) = serve(PAGE);
    // a port nobody listens on: the item keeps its summary
    let dead = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.rss");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>समाचार</title><link>{base}/</link><description>d</description>
<item><title>बाढ़ से तीन गांव डूबे</title><link>{base}/news/1</link><pubDate>Mon, 10 Jan 2022 08:00:00 +0530</pubDate><description>सारांश: गांव डूबे।</description></item>
<item><title>निजी पन्ना</title><link>{base}/private/2</link><description>यह सारांश ही रहेगा क्योंकि पन्ना मना है।</description></item>
<item><title>बंद सर्वर</title><link>http://{dead}/x</link><description>सर्वर बंद होने पर यह सारांश बचा रहता है।</description></item>
</channel></rss>"#
        ),
    )
    .unwrap();
    let db = dir.path().join("k.db");
    let out = common::run(
        &[
            "run",
            feed.to_str().unwrap(),
            "--fetch",
            "--fetch-interval",
            "0",
            "--json",
        ],
        &db,
    );
    let v = common::json(&out);
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3, "{}", common::stderr(&out));
    let text_of = |title: &str| {
        articles
            .iter()
            .find(|a| a["title"] == title)
            .map(|a| a["text"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no article titled {title}: {articles:?}"))
    };
    let fetched = text_of("बाढ़ से तीन गांव डूबे");
    assert!(fetched.contains("दो सौ परिवारों"), "{fetched}");
    assert!(fetched.contains("जिलाधिकारी ने बताया"), "{fetched}");
    assert!(!fetched.contains("सर्वाधिकार"), "{fetched}");
    // the feed's date is kept
    let item = articles
        .iter()
        .find(|a| a["title"] == "बाढ़ से तीन गांव डूबे")
        .unwrap();
    assert!(
        item["published"]
            .as_str()
            .unwrap()
            .starts_with("2022-01-10"),
        "{item}"
    );
    assert!(text_of("निजी पन्ना").contains("पन्ना मना है"));
    assert!(text_of("बंद सर्वर").contains("सारांश बचा रहता है"));
    let err = common::stderr(&out);
    assert!(err.contains("robots.txt"), "{err}");
    let log = log.lock().unwrap().clone();
    assert!(!log.iter().any(|p| p.starts_with("/private/")), "{log:?}");
    assert_eq!(
        log.iter().filter(|p| *p == "/robots.txt").count(),
        1,
        "{log:?}"
    );
}

#[test]
fn without_fetch_nothing_is_asked() {
    let (base, log) = serve(PAGE);
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>शीर्षक</title><link>{base}/news/1</link><description>केवल सारांश का पाठ यहाँ है और कुछ नहीं।</description></item>
</channel></rss>"#
        ),
    )
    .unwrap();
    let out = common::run(
        &["run", feed.to_str().unwrap(), "--json"],
        &dir.path().join("k.db"),
    );
    let v = common::json(&out);
    assert!(v["articles"][0]["text"]
        .as_str()
        .unwrap()
        .contains("केवल सारांश"));
    assert!(log.lock().unwrap().is_empty());
}
