//! `--fetch`: fetching the pages that feed items link to, politely.
//!
//! A feed often carries only a summary; the article is on the linked page. [`Fetcher`] gets those
//! pages over HTTP(S) as a well-behaved robot: it names itself in the `User-Agent`, reads each
//! host's `robots.txt` once and obeys it (RFC 9309: a 4xx answer allows everything, a 5xx answer
//! or an unreachable host disallows everything), waits between two requests to one host (the
//! larger of the configured interval and the host's `Crawl-delay`, capped), times requests out,
//! caps the body size and refuses what is not HTML. A host that cannot be reached at all is not
//! asked again in the same run, so a machine without a network falls back to the feed's own text
//! after one failed connection per host.

use std::collections::HashMap;
use std::time::{Duration, Instant};
use ureq::ResponseExt;

/// Who we are, in every request (and the name `robots.txt` groups are matched against).
pub const ROBOT_NAME: &str = "khabar";

/// How the fetcher behaves.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Least time between two requests to one host.
    pub min_interval: Duration,
    /// The longest `Crawl-delay` honoured; a longer one is taken as this.
    pub max_crawl_delay: Duration,
    /// Whole-request timeout (connect, send, read).
    pub timeout: Duration,
    /// The largest body read; a larger page is refused.
    pub max_bytes: u64,
    /// How long a host that could not be reached is left alone before it is asked again.
    pub down_for: Duration,
    /// How long a host's robots.txt is kept before it is read again (RFC 9309: at most a day).
    pub robots_for: Duration,
    /// The longest `Retry-After` of a busy answer (429, 503) honoured; a longer one is taken
    /// as this.
    pub max_retry_after: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!(
                "{ROBOT_NAME}/{} (news analysis; +https://github.com/khabar-news/khabar)",
                env!("CARGO_PKG_VERSION")
            ),
            min_interval: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(20),
            max_bytes: khabar_ingest::MAX_ARTICLE_BYTES as u64,
            down_for: Duration::from_secs(300),
            robots_for: Duration::from_secs(24 * 3600),
            max_retry_after: Duration::from_secs(3600),
        }
    }
}

/// Why a page was not fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not an http(s) URL: {0}")]
    Url(String),
    #[error("robots.txt of {host} disallows {url}")]
    Disallowed { host: String, url: String },
    #[error("{host} could not be reached a moment ago; left alone for a while")]
    HostDown { host: String },
    #[error("HTTP status {status} for {url}")]
    Status { status: u16, url: String },
    /// 429 or 503: the server asks us to come back later (`Retry-After`, when it says when).
    #[error("{url} is busy (HTTP {status}){}", retry_after.map(|d| format!("; retry after {} s", d.as_secs())).unwrap_or_default())]
    Busy {
        url: String,
        status: u16,
        retry_after: Option<Duration>,
    },
    #[error("{url} is {content_type}, not HTML")]
    NotHtml { url: String, content_type: String },
    #[error("{url} is larger than {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("fetching {url}: {message}")]
    Network { url: String, message: String },
}

impl FetchError {
    /// Might the same request succeed a little later (the network, a busy or failing server),
    /// as opposed to an answer that will stay the same (404, not HTML, disallowed, too large)?
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Network { .. } | FetchError::HostDown { .. } | FetchError::Busy { .. } => {
                true
            }
            FetchError::Status { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// A feed as the server answered a conditional GET.
#[derive(Debug, Clone)]
pub enum FeedFetch {
    /// 304: nothing new since the validators sent.
    NotModified,
    /// The feed's bytes and its new validators.
    Fetched {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// What we know about one host (scheme + authority).
#[derive(Default)]
struct Host {
    /// `None` until robots.txt has been asked for; with when it was read.
    robots: Option<(Robots, Instant)>,
    last_request: Option<Instant>,
    /// Not asked again before this instant (it could not be reached).
    down_until: Option<Instant>,
    /// Not asked again before this instant, as its busy answer (the status) asked with
    /// `Retry-After`.
    busy_until: Option<(Instant, u16)>,
}

impl Host {
    fn is_down(&self) -> bool {
        self.down_until.is_some_and(|t| Instant::now() < t)
    }
}

enum Robots {
    AllowAll,
    DisallowAll,
    Rules(Box<texting_robots::Robot>),
}

impl Robots {
    fn allowed(&self, url: &str) -> bool {
        match self {
            Robots::AllowAll => true,
            Robots::DisallowAll => false,
            Robots::Rules(r) => r.allowed(url),
        }
    }

    fn delay(&self) -> Option<Duration> {
        match self {
            Robots::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(3600.0))),
            _ => None,
        }
    }
}

/// A polite HTTP(S) page fetcher (blocking; one request at a time).
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    hosts: HashMap<String, Host>,
    /// Stand-in for sleeping, so tests can observe the waits.
    sleep: fn(Duration),
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.timeout.min(Duration::from_secs(10))))
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Fetcher {
            agent,
            config,
            hosts: HashMap::new(),
            sleep: std::thread::sleep,
        }
    }

    /// The origin (scheme and authority) of an http(s) URL whose host may be asked now.
    fn origin_to_ask(&self, url: &str) -> Result<String, FetchError> {
        let parsed = url::Url::parse(url).map_err(|_| FetchError::Url(url.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(FetchError::Url(url.to_string()));
        }
        let origin = parsed.origin().ascii_serialization();
        if let Some(host) = self.hosts.get(&origin) {
            if host.is_down() {
                return Err(FetchError::HostDown { host: origin });
            }
            if let Some((until, status)) = host.busy_until {
                let left = until.saturating_duration_since(Instant::now());
                if !left.is_zero() {
                    return Err(FetchError::Busy {
                        url: url.to_string(),
                        status,
                        retry_after: Some(left),
                    });
                }
            }
        }
        Ok(origin)
    }

    /// Fetch one HTML page, after robots.txt and the host's wait.
    pub fn get(&mut self, url: &str) -> Result<Fetched, FetchError> {
        let origin = self.origin_to_ask(url)?;
        let robots_for = self.config.robots_for;
        if self
            .hosts
            .get(&origin)
            .is_none_or(|h| h.robots.as_ref().is_none_or(|r| r.1.elapsed() > robots_for))
        {
            let robots = self.read_robots(&origin)?;
            self.hosts.entry(origin.clone()).or_default().robots = Some((robots, Instant::now()));
        }
        let host = self.hosts.entry(origin.clone()).or_default();
        if !host.robots.as_ref().is_none_or(|r| r.0.allowed(url)) {
            return Err(FetchError::Disallowed {
                host: origin,
                url: url.to_string(),
            });
        }
        self.wait_for(&origin);
        let fetched = self.request(url, &origin, &[])?;
        check_status(&fetched, url)?;
        if let Some(ct) = &fetched.page.content_type {
            let ct_lower = ct.to_ascii_lowercase();
            if !(ct_lower.contains("html") || ct_lower.starts_with("text/plain")) {
                return Err(FetchError::NotHtml {
                    url: url.to_string(),
                    content_type: ct.clone(),
                });
            }
        }
        Ok(fetched.page)
    }

    /// A feed, with a conditional GET (`If-None-Match`, `If-Modified-Since` from the validators
    /// of the last answer), after the host's wait. robots.txt is not asked: a feed is listed
    /// by the user, as in a feed reader (the pages it links to obey robots.txt).
    pub fn get_feed(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<FeedFetch, FetchError> {
        let origin = self.origin_to_ask(url)?;
        let mut headers = Vec::new();
        if let Some(e) = etag {
            headers.push(("If-None-Match", e));
        }
        if let Some(m) = last_modified {
            headers.push(("If-Modified-Since", m));
        }
        self.wait_for(&origin);
        let r = self.request(url, &origin, &headers)?;
        if r.status == 304 {
            return Ok(FeedFetch::NotModified);
        }
        check_status(&r, url)?;
        Ok(FeedFetch::Fetched {
            body: r.page.body,
            etag: r.etag,
            last_modified: r.last_modified,
        })
    }

    /// robots.txt of `origin` (read again after [`FetchConfig::robots_for`]).
    fn read_robots(&mut self, origin: &str) -> Result<Robots, FetchError> {
        let url = format!("{origin}/robots.txt");
        self.wait_for(origin);
        let r = match self.request(&url, origin, &[]) {
            Ok(r) => r,
            Err(FetchError::TooLarge { .. }) => return Ok(Robots::AllowAll),
            Err(e) => return Err(e),
        };
        Ok(match r.status {
            200..=299 => match texting_robots::Robot::new(ROBOT_NAME, &r.page.body) {
                Ok(robot) => Robots::Rules(Box::new(robot)),
                Err(_) => Robots::AllowAll,
            },
            400..=499 => Robots::AllowAll,
            _ => Robots::DisallowAll,
        })
    }

    /// Sleep until this host may be asked again, then note the request.
    fn wait_for(&mut self, origin: &str) {
        let cfg = &self.config;
        let host = self.hosts.entry(origin.to_string()).or_default();
        let crawl_delay = host
            .robots
            .as_ref()
            .and_then(|r| r.0.delay())
            .map(|d| d.min(cfg.max_crawl_delay))
            .unwrap_or_default();
        let interval = cfg.min_interval.max(crawl_delay);
        if let Some(last) = host.last_request {
            let since = last.elapsed();
            if since < interval {
                (self.sleep)(interval - since);
            }
        }
        host.last_request = Some(Instant::now());
    }

    fn request(
        &mut self,
        url: &str,
        origin: &str,
        headers: &[(&str, &str)],
    ) -> Result<Response, FetchError> {
        let mut req = self.agent.get(url);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        tracing::debug!(url, "GET");
        let mut resp = match req.call() {
            Ok(r) => r,
            Err(e) => {
                let unreachable = matches!(
                    e,
                    ureq::Error::Io(_)
                        | ureq::Error::HostNotFound
                        | ureq::Error::ConnectionFailed
                        | ureq::Error::Timeout(_)
                );
                if unreachable {
                    self.hosts.entry(origin.to_string()).or_default().down_until =
                        Some(Instant::now() + self.config.down_for);
                }
                return Err(FetchError::Network {
                    url: url.to_string(),
                    message: e.to_string(),
                });
            }
        };
        let status = resp.status().as_u16();
        let final_url = resp.get_uri().to_string();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
        // A busy host that says when to come back is not asked before then (within the cap),
        // whichever page or feed of it is asked next.
        if let (429 | 503, Some(wait)) = (status, retry_after) {
            let wait = wait.min(self.config.max_retry_after);
            self.hosts.entry(origin.to_string()).or_default().busy_until =
                Some((Instant::now() + wait, status));
        }
        // a 304 has no body to read
        let body = match resp
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
        {
            Ok(b) => b,
            Err(_) if status == 304 => Vec::new(),
            Err(ureq::Error::BodyExceedsLimit(_)) => {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit: self.config.max_bytes,
                })
            }
            Err(e) => {
                return Err(FetchError::Network {
                    url: url.to_string(),
                    message: e.to_string(),
                })
            }
        };
        Ok(Response {
            status,
            etag,
            last_modified,
            retry_after,
            page: Fetched {
                url: final_url,
                content_type,
                body,
            },
        })
    }
}

struct Response {
    status: u16,
    etag: Option<String>,
    last_modified: Option<String>,
    retry_after: Option<Duration>,
    page: Fetched,
}

/// An error for a status that is not a success: [`FetchError::Busy`] for 429 and 503.
fn check_status(r: &Response, url: &str) -> Result<(), FetchError> {
    match r.status {
        429 | 503 => Err(FetchError::Busy {
            url: url.to_string(),
            status: r.status,
            retry_after: r.retry_after,
        }),
        s if s >= 400 => Err(FetchError::Status {
            status: s,
            url: url.to_string(),
        }),
        _ => Ok(()),
    }
}

/// `Retry-After`: seconds, or an HTTP date (how long from now; a past date is no wait).
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds();
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// Replace a feed item's body with the page it links to, keeping the feed's metadata (title,
/// author, date, outlet) as given. Returns the error when the page could not be had; the item
/// is then left as the feed gave it.
pub fn fetch_linked(
    fetcher: &mut Fetcher,
    raw: &mut khabar_ingest::RawArticle,
) -> Result<(), FetchError> {
    let Some(url) = raw.url.clone() else {
        return Err(FetchError::Url(String::new()));
    };
    let page = fetcher.get(&url)?;
    raw.body = khabar_ingest::Body::Html(khabar_ingest::charset::decode_html(
        &page.body,
        page.content_type.as_deref(),
    ));
    raw.source = page.url.clone();
    raw.url = Some(page.url);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    const LAST_MODIFIED: &str = "Thu, 02 Apr 2020 10:00:00 GMT";

    /// A loopback HTTP server answering from `routes` (path → (status, content type, body)),
    /// recording every request line and User-Agent; 404 for anything else.
    fn serve(
        routes: Vec<(&'static str, u16, &'static str, String)>,
    ) -> (String, Arc<Mutex<Vec<String>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let log2 = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                if reader.read_line(&mut first).is_err() {
                    continue;
                }
                let mut agent = String::new();
                let mut inm = String::new();
                let mut ims = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if lower.starts_with("user-agent:") {
                        agent = line[11..].trim().to_string();
                    } else if lower.starts_with("if-none-match:") {
                        inm = line[14..].trim().to_string();
                    } else if lower.starts_with("if-modified-since:") {
                        ims = line[18..].trim().to_string();
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
                log2.lock().unwrap().push(format!("{path} {agent}"));
                let (mut status, ct, mut body) = routes
                    .iter()
                    .find(|r| r.0 == path)
                    .map(|r| (r.1, r.2, r.3.clone()))
                    .unwrap_or((404, "text/plain", "not found".to_string()));
                // a 200 carries an ETag (the body's length); a request that sends it back
                // gets a 304; a 503 asks to come back in two minutes
                let etag = format!("\"{}\"", body.len());
                if status == 200 && (inm == etag || ims == LAST_MODIFIED) {
                    status = 304;
                    body.clear();
                }
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\
                     ETag: {etag}\r\nLast-Modified: {LAST_MODIFIED}\r\nRetry-After: 120\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        (format!("http://{addr}"), log)
    }

    fn fetcher(interval_ms: u64) -> Fetcher {
        Fetcher::new(FetchConfig {
            min_interval: Duration::from_millis(interval_ms),
            timeout: Duration::from_secs(5),
            max_bytes: 10_000,
            ..FetchConfig::default()
        })
    }

    #[test]
    fn fetches_pages_obeying_robots_txt() {
        let page = "<html><body><article><p>खबर का पूरा पाठ।</p></article></body></html>";
        let (base, log) = serve(vec![
            (
                "/robots.txt",
                200,
                "text/plain",
                "User-agent: *\nDisallow: /private/\n".into(),
            ),
            ("/news/1", 200, "text/html; charset=utf-8", page.into()),
            ("/private/2", 200, "text/html", page.into()),
            ("/feed.xml", 200, "application/rss+xml", "<rss/>".into()),
            ("/big", 200, "text/html", "x".repeat(20_000)),
        ]);
        let mut f = fetcher(0);
        let got = f.get(&format!("{base}/news/1")).unwrap();
        assert_eq!(got.body, page.as_bytes());
        assert_eq!(got.url, format!("{base}/news/1"));
        assert!(matches!(
            f.get(&format!("{base}/private/2")),
            Err(FetchError::Disallowed { .. })
        ));
        assert!(matches!(
            f.get(&format!("{base}/feed.xml")),
            Err(FetchError::NotHtml { .. })
        ));
        assert!(matches!(
            f.get(&format!("{base}/missing")),
            Err(FetchError::Status { status: 404, .. })
        ));
        assert!(matches!(
            f.get(&format!("{base}/big")),
            Err(FetchError::TooLarge { .. })
        ));
        let log = log.lock().unwrap().clone();
        // robots.txt once, never the disallowed page, and always our name.
        assert_eq!(
            log.iter().filter(|l| l.starts_with("/robots.txt ")).count(),
            1
        );
        assert!(!log.iter().any(|l| l.starts_with("/private/")));
        assert!(log.iter().all(|l| l.contains("khabar/")), "{log:?}");
    }

    #[test]
    fn robots_status_codes_follow_rfc_9309() {
        let (base, _) = serve(vec![("/robots.txt", 503, "text/plain", "busy".into())]);
        let mut f = fetcher(0);
        assert!(matches!(
            f.get(&format!("{base}/a")),
            Err(FetchError::Disallowed { .. })
        ));
        let (base, _) = serve(vec![("/a", 200, "text/html", "<p>a</p>".into())]);
        let mut f = fetcher(0);
        // no robots.txt (404): everything is allowed
        assert!(f.get(&format!("{base}/a")).is_ok());
    }

    #[test]
    fn waits_between_requests_to_one_host() {
        static WAITS: Mutex<Vec<Duration>> = Mutex::new(Vec::new());
        let (base, _) = serve(vec![
            (
                "/robots.txt",
                200,
                "text/plain",
                "User-agent: khabar\nCrawl-delay: 2\n".into(),
            ),
            ("/a", 200, "text/html", "<p>a</p>".into()),
            ("/b", 200, "text/html", "<p>b</p>".into()),
        ]);
        let mut f = fetcher(100);
        f.sleep = |d| WAITS.lock().unwrap().push(d);
        f.get(&format!("{base}/a")).unwrap();
        f.get(&format!("{base}/b")).unwrap();
        let waits = WAITS.lock().unwrap().clone();
        // robots.txt counts as a request; before each page the crawl delay (2 s) wins over
        // the configured 100 ms
        assert_eq!(waits.len(), 2, "{waits:?}");
        assert!(
            waits.iter().all(|w| *w > Duration::from_millis(1500)),
            "{waits:?}"
        );
    }

    #[test]
    fn an_unreachable_host_is_asked_once() {
        // a port nothing listens on
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut f = fetcher(0);
        let url = format!("http://127.0.0.1:{port}/a");
        assert!(matches!(f.get(&url), Err(FetchError::Network { .. })));
        assert!(matches!(f.get(&url), Err(FetchError::HostDown { .. })));
        assert!(matches!(
            f.get("ftp://example.org/x"),
            Err(FetchError::Url(_))
        ));
        assert!(matches!(f.get("not a url"), Err(FetchError::Url(_))));
    }

    #[test]
    fn feeds_are_asked_with_a_conditional_get() {
        let rss = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>".to_string();
        let (base, log) = serve(vec![
            ("/feed.xml", 200, "application/rss+xml", rss.clone()),
            ("/busy.xml", 503, "text/plain", "later".into()),
            // robots.txt forbids everything: a listed feed is still asked for
            (
                "/robots.txt",
                200,
                "text/plain",
                "User-agent: *\nDisallow: /\n".into(),
            ),
        ]);
        let mut f = fetcher(0);
        let url = format!("{base}/feed.xml");
        let Ok(FeedFetch::Fetched {
            body,
            etag,
            last_modified,
        }) = f.get_feed(&url, None, None)
        else {
            panic!("the feed is fetched");
        };
        assert_eq!(body, rss.as_bytes());
        let etag = etag.expect("the server gave an ETag");
        assert!(matches!(
            f.get_feed(&url, Some(&etag), None),
            Ok(FeedFetch::NotModified)
        ));
        let since = last_modified.expect("the server gave a Last-Modified");
        assert!(matches!(
            f.get_feed(&url, None, Some(&since)),
            Ok(FeedFetch::NotModified)
        ));
        assert!(matches!(
            f.get_feed(&url, Some("\"other\""), None),
            Ok(FeedFetch::Fetched { .. })
        ));
        assert!(matches!(
            f.get_feed(&format!("{base}/gone.xml"), None, None),
            Err(FetchError::Status { status: 404, .. })
        ));
        match f.get_feed(&format!("{base}/busy.xml"), None, None) {
            Err(FetchError::Busy {
                status: 503,
                retry_after,
                ..
            }) => assert_eq!(retry_after, Some(Duration::from_secs(120))),
            other => panic!("{other:?}"),
        }
        // The host asked for two minutes: neither that feed nor another page of it is asked
        // before then.
        let asked = log.lock().unwrap().len();
        for path in ["/busy.xml", "/feed.xml"] {
            match f.get_feed(&format!("{base}{path}"), None, None) {
                Err(FetchError::Busy {
                    status: 503,
                    retry_after: Some(left),
                    ..
                }) => assert!(left <= Duration::from_secs(120) && left > Duration::from_secs(100)),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(log.lock().unwrap().len(), asked);
        // Within the cap: a host asking for two minutes is asked again after the cap.
        let mut capped = Fetcher::new(FetchConfig {
            min_interval: Duration::ZERO,
            max_retry_after: Duration::from_millis(50),
            ..FetchConfig::default()
        });
        assert!(matches!(
            capped.get_feed(&format!("{base}/busy.xml"), None, None),
            Err(FetchError::Busy { .. })
        ));
        std::thread::sleep(Duration::from_millis(80));
        assert!(matches!(
            capped.get_feed(&format!("{base}/gone.xml"), None, None),
            Err(FetchError::Status { status: 404, .. })
        ));
        let log = log.lock().unwrap().clone();
        assert!(!log.iter().any(|l| l.starts_with("/robots.txt")), "{log:?}");
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 30 "), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(600)).to_rfc2822();
        let d = parse_retry_after(&later).unwrap();
        assert!(
            d > Duration::from_secs(590) && d <= Duration::from_secs(600),
            "{d:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn an_unreachable_host_is_asked_again_after_a_while() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut f = Fetcher::new(FetchConfig {
            down_for: Duration::from_millis(200),
            timeout: Duration::from_secs(5),
            min_interval: Duration::ZERO,
            ..FetchConfig::default()
        });
        let url = format!("http://127.0.0.1:{port}/feed.xml");
        assert!(matches!(
            f.get_feed(&url, None, None),
            Err(FetchError::Network { .. })
        ));
        assert!(matches!(
            f.get_feed(&url, None, None),
            Err(FetchError::HostDown { .. })
        ));
        std::thread::sleep(Duration::from_millis(250));
        assert!(matches!(
            f.get_feed(&url, None, None),
            Err(FetchError::Network { .. })
        ));
    }

    #[test]
    fn feed_items_take_the_linked_page_and_keep_their_metadata() {
        let page = "<html><head><title>T</title></head><body><article><p>पूरा लेख यहाँ है।</p></article></body></html>";
        let (base, _) = serve(vec![("/story", 200, "text/html", page.into())]);
        let mut f = fetcher(0);
        let mut raw = khabar_ingest::RawArticle {
            source: format!("{base}/story"),
            url: Some(format!("{base}/story")),
            title: Some("Feed title".into()),
            body: khabar_ingest::Body::Html("<p>summary</p>".into()),
            ..Default::default()
        };
        fetch_linked(&mut f, &mut raw).unwrap();
        assert_eq!(raw.title.as_deref(), Some("Feed title"));
        match &raw.body {
            khabar_ingest::Body::Html(h) => assert!(h.contains("पूरा लेख")),
            other => panic!("{other:?}"),
        }
    }
}
