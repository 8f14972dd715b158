//! Main-content extraction from HTML: article body blocks, captions and metadata.
//!
//! One HTML5 parse (`scraper`/html5ever) and one iterative walk per page ([`dom`]); structured
//! data first for metadata ([`meta`]); a content score per container over text counted in
//! grapheme clusters ([`content`]); then block-level cleanup of related-link labels,
//! promotions and notices, in Hindi and English ([`hints`]).

mod content;
pub mod date;
mod dom;
mod hints;
mod meta;
mod prepare;
mod tree;

use khabar_model::PubTime;
use serde::{Deserialize, Serialize};

pub use hints_public::is_boilerplate_html_line;

/// Pages larger than this are cut (at a character boundary) before parsing: no article needs
/// more, and it bounds time and memory on hostile input.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// What extraction found on one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// The headline, without the site-name suffix.
    pub title: Option<String>,
    /// Bylines as written (`शुभायन चक्रवर्ती`), never the outlet's name.
    pub authors: Vec<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
    /// ISO 639-1 code: declared by the page, or detected from the body.
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    /// The outlet (`og:site_name`, JSON-LD publisher, or the host name).
    pub site_name: Option<String>,
    /// The article body in reading order.
    pub blocks: Vec<Block>,
    /// Photo captions and credits, kept apart from the body.
    pub captions: Vec<String>,
    /// Extraction went past [`PAGE_TIME_BUDGET`] and stopped early: the body is missing or was
    /// chosen without the second pass.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub over_budget: bool,
    /// The page's markup built a tree nested deeper or larger than the parser's work bound
    /// (misnested tags that reopen elements without end): only the part before was read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
}

impl Extracted {
    /// The body as plain text, blocks separated by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub text: String,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
}

/// Turns an HTML page (already decoded, see [`crate::charset::decode_html`]) into an
/// [`Extracted`]. Implementations never panic on any input.
pub trait Extractor {
    fn extract(&self, html: &str, url: Option<&str>) -> Extracted;
}

/// khabar's own extractor.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultExtractor;

impl Extractor for DefaultExtractor {
    fn extract(&self, html: &str, url: Option<&str>) -> Extracted {
        extract(html, url)
    }
}

/// Deeper element nesting than this is flattened before parsing: the HTML5 tree builder's
/// scope checks walk the stack of open elements, so its work per tag grows with the nesting
/// (a page nested 100,000 deep took minutes; 60 KB of `<div>x` nested 2,000 deep, half a second).
/// The deepest of the 974 pages of the two extraction sets nests 56 deep as this bound counts it
/// (WCXB 0491, `extract_bench depth DIR`, also with main's `prepare` of 2026-12-07; an earlier
/// count gave 109). A tag's work in the tree builder, and so the worst page's work per byte, is in
/// proportion to this bound: 256 keeps four times the deepest real nesting (512 spent twice the
/// work on crafted nesting, with no real page the better for it).
pub const MAX_DEPTH: usize = 256;

fn cut(html: &str, max: usize) -> &str {
    if html.len() <= max {
        return html;
    }
    let mut end = max;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// Time one page may take in extraction. Every stage is meant to be near-linear in the page's
/// size, and the largest page read (8 MB, [`MAX_HTML_BYTES`]) takes about a second in a release
/// build; this is the backstop against an input nobody foresaw: past it after parsing, the page
/// gives no body ([`Extracted::over_budget`]) and the caller reports it. It is generous (a
/// debug build on a loaded machine must not reach it with real pages) because a clock-based
/// cut is the one thing here that could make the same input give other output.
pub const PAGE_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// The extraction itself (what [`DefaultExtractor`] does).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    extract_within(html, url, PAGE_TIME_BUDGET)
}

/// [`extract`] with another time budget.
pub fn extract_within(html: &str, url: Option<&str>, budget: std::time::Duration) -> Extracted {
    let started = std::time::Instant::now();
    let html = cut(html, MAX_HTML_BYTES);
    let html = prepare::prepare(html, MAX_DEPTH);
    let parsed = tree::parse(&html);
    drop(html);
    let flat = dom::flatten(&parsed.tree);
    let cut_short = parsed.cut;
    drop(parsed);
    let m = meta::resolve(&flat.evidence, url);
    if started.elapsed() > budget {
        return Extracted {
            title: m.title,
            authors: m.authors,
            published: m.published,
            updated: m.updated,
            language: m.language,
            canonical_url: m.canonical_url,
            site_name: m.site_name,
            over_budget: true,
            cut: cut_short,
            ..Extracted::default()
        };
    }

    let mut sel = content::select(&flat, true);
    let over_budget = started.elapsed() > budget;
    if sel.good < 200.0 && !over_budget {
        // Class/id hints can be wrong (a theme that calls the body wrapper "sidebar-content");
        // try once without them and keep whichever finds more body text.
        let alt = content::select(&flat, false);
        if alt.good > sel.good * 1.5 + 50.0 {
            sel = alt;
        }
    }
    let mut m = m;
    let shown = text_date(&flat, sel.first);
    if m.published.is_none() {
        m.published = shown;
    }
    let mut blocks = sel.blocks;
    // The headline repeated at the top of the body.
    if let Some(t) = &m.title {
        let tk = t.trim();
        while blocks.first().is_some_and(|b| b.text.trim() == tk) {
            blocks.remove(0);
        }
    }
    // Byline and date lines left at the top of the body (old layouts without markup).

    let mut i = 0;
    while i < blocks.len().min(4) {
        let t = blocks[i].text.trim();
        let short = t.chars().count() <= 80;
        if m.title.as_deref().is_some_and(|x| x.trim() == t)
            || (short && date::parse_text_date(t).is_some())
        {
            blocks.remove(i);
            continue;
        }
        if short && is_byline_line(t) {
            if m.authors.is_empty() {
                meta::clean_authors(t, m.site_name.as_deref(), &mut m.authors);
            }
            blocks.remove(i);
            continue;
        }
        i += 1;
    }
    let language = pick_language(m.language.as_deref(), &blocks, m.title.as_deref());
    Extracted {
        title: m.title,
        authors: m.authors,
        published: m.published,
        updated: m.updated,
        language,
        canonical_url: m.canonical_url,
        site_name: m.site_name,
        blocks,
        captions: sel.captions,
        over_budget,
        cut: cut_short,
    }
}

/// A date line in the page text: the nearest one before the body, else the first one after
/// its start.
fn text_date(flat: &dom::Flat, first: Option<usize>) -> Option<PubTime> {
    let start = first.unwrap_or(0);
    let before = flat.blocks[..start.min(flat.blocks.len())]
        .iter()
        .rev()
        .take(80)
        .find_map(|b| date::parse_text_date(&b.text));
    before.or_else(|| {
        flat.blocks
            .iter()
            .skip(start)
            .take(200)
            .find_map(|b| date::parse_text_date(&b.text))
    })
}

/// `लेखक: मनोज तिवारी`, `By Jane Doe`, `रिपोर्ट: …`.
fn is_byline_line(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "लेखक",
        "रिपोर्ट",
        "रिपोर्टर",
        "संवाददाता",
        "द्वारा",
        "एडिटेड बाय",
        "by ",
        "written by",
        "posted by",
        "reported by",
        "edited by",
        "author:",
    ];
    let lower = t.to_lowercase();
    LABELS.iter().any(|l| lower.starts_with(l)) && t.split_whitespace().count() <= 8
}

/// The dominant script family of a text: `Some('d')` Devanagari, `Some('a')` Arabic,
/// `Some('l')` Latin.
fn dominant_script(text: &str) -> Option<char> {
    let (mut d, mut a, mut l) = (0usize, 0usize, 0usize);
    for c in text.chars().take(5000) {
        match c as u32 {
            0x0900..=0x097F | 0xA8E0..=0xA8FF => d += 1,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => a += 1,
            _ if c.is_ascii_alphabetic() => l += 1,
            _ => {}
        }
    }
    let max = d.max(a).max(l);
    if max < 20 {
        None
    } else if max == d {
        Some('d')
    } else if max == a {
        Some('a')
    } else {
        Some('l')
    }
}

fn script_of_lang(code: &str) -> Option<char> {
    match code {
        "hi" | "mr" | "ne" | "sa" | "mai" | "bho" | "kok" => Some('d'),
        "ur" | "ar" | "fa" | "ps" | "sd" => Some('a'),
        "en" | "fr" | "de" | "es" | "it" | "pt" | "nl" | "id" | "ms" | "sv" | "da" | "no"
        | "nb" | "pl" | "cs" | "ro" | "tr" | "vi" | "fi" => Some('l'),
        _ => None,
    }
}

/// Declared language when it fits the body's script; otherwise detected.
fn pick_language(declared: Option<&str>, blocks: &[Block], title: Option<&str>) -> Option<String> {
    let mut sample = String::new();
    if let Some(t) = title {
        sample.push_str(t);
        sample.push('\n');
    }
    for b in blocks {
        if sample.len() > 4000 {
            break;
        }
        sample.push_str(&b.text);
        sample.push('\n');
    }
    let script = dominant_script(&sample);
    if let Some(d) = declared {
        match (script_of_lang(d), script) {
            (Some(a), Some(b)) if a != b => {}
            _ => return Some(d.to_string()),
        }
    }
    detect_language(&sample)
}

/// Language of a text (ISO 639-1 where one exists), by `whatlang` within the text's script.
pub fn detect_language(text: &str) -> Option<String> {
    use whatlang::Lang;
    let script = dominant_script(text)?;
    let allow: Option<Vec<Lang>> = match script {
        'd' => Some(vec![Lang::Hin, Lang::Mar, Lang::Nep]),
        'a' => Some(vec![Lang::Urd, Lang::Ara, Lang::Pes]),
        _ => None,
    };
    let det = match allow {
        Some(list) => whatlang::Detector::with_allowlist(list).detect(text),
        None => whatlang::detect(text),
    }?;
    let code = match det.lang() {
        Lang::Hin => "hi",
        Lang::Mar => "mr",
        Lang::Nep => "ne",
        Lang::Urd => "ur",
        Lang::Eng => "en",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Rus => "ru",
        Lang::Ben => "bn",
        Lang::Guj => "gu",
        Lang::Pan => "pa",
        Lang::Tam => "ta",
        Lang::Tel => "te",
        Lang::Kan => "kn",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Nld => "nl",
        other => return Some(other.code().to_string()),
    };
    Some(code.to_string())
}

mod hints_public {
    /// The line reads as a related-links label, a promotion, a cookie notice or a legal footer
    /// (English and Hindi), by the same lists the HTML cleanup uses.
    pub fn is_boilerplate_html_line(line: &str) -> bool {
        super::hints::is_boilerplate_text(line) || super::hints::is_related_label(line)
    }
}

/// The page as the HTML5 parser gets it (see `prepare.rs`), for debugging and measurement.
#[doc(hidden)]
pub fn debug_prepare(html: &str) -> String {
    prepare::prepare(cut(html, MAX_HTML_BYTES), MAX_DEPTH)
}

/// The deepest nesting of a page's tags, as the nesting bound ([`MAX_DEPTH`]) counts it.
#[doc(hidden)]
pub fn debug_depth(html: &str) -> usize {
    prepare::prepare_deepest(cut(html, MAX_HTML_BYTES), usize::MAX).1
}

/// The parse's work (the sum of the depths of its placements, as the parser's work bound counts
/// it) and whether the parse was cut.
#[doc(hidden)]
pub fn debug_work(html: &str) -> (u64, bool) {
    let parsed = tree::parse(&prepare::prepare(cut(html, MAX_HTML_BYTES), MAX_DEPTH));
    (parsed.tree.work, parsed.cut)
}

/// Raw blocks with their flags, for debugging extraction decisions.
#[doc(hidden)]
pub fn debug_blocks(html: &str) -> Vec<String> {
    let doc = tree::parse(&prepare::prepare(cut(html, MAX_HTML_BYTES), MAX_DEPTH));
    let flat = dom::flatten(&doc.tree);
    flat.blocks
        .iter()
        .map(|b| {
            let mut chain = Vec::new();
            let mut e = Some(b.owner);
            while let Some(i) = e {
                let hidden = if flat.elems[i].hidden { "!" } else { "" };
                chain.push(format!(
                    "{hidden}{}{}",
                    flat.elems[i].tag, flat.elems[i].hint
                ));
                e = flat.elems[i].parent;
            }
            let rel = hints::is_related_label(&b.text)
                || (b.kind == BlockKind::Heading && content::is_more_heading(&b.text));
            format!(
                "cap={} rel={} g={} lg={} [{}] {}",
                b.caption,
                rel,
                b.graphemes,
                b.link_graphemes,
                chain.join("<"),
                b.text
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_page_over_its_time_budget_gives_no_body_and_says_so() {
        let page = "<html><head><title>T</title></head><body><article><p>पहला अनुच्छेद जिसमें पर्याप्त पाठ है ताकि वह लेख माना जाए।</p></article></body></html>";
        let late = extract_within(page, None, std::time::Duration::ZERO);
        assert!(late.over_budget);
        assert!(late.blocks.is_empty());
        let on_time = extract(page, None);
        assert!(!on_time.over_budget);
        assert!(!on_time.blocks.is_empty());
    }

    use super::*;

    #[test]
    fn a_page_past_the_work_bound_is_cut_and_says_so() {
        // Each `</a>` across a `<div>` leaves the div open and clones the `a` into it.
        let page: String = (0..3000)
            .map(|i| format!("<a class=c{i}>x<div>y</a>"))
            .collect();
        let e = extract(&page, None);
        assert!(e.cut);
        assert!(!e.over_budget);
        let body: String = (0..8).map(para).collect();
        assert!(!extract(&format!("<article>{body}</article>"), None).cut);
    }

    fn para(i: usize) -> String {
        format!("<p>Paragraph {i} of the story says something long enough to count as body text here.</p>")
    }

    #[test]
    fn streamed_page_in_hidden_div_is_read() {
        // Streaming renderers send the page inside `<div hidden>` and reveal it by script.
        let body: String = (0..8).map(para).collect();
        let html = format!(
            "<html><body><header><a href='/'>Home</a></header><div hidden id='S:0'><main>{body}</main></div></body></html>"
        );
        let e = extract(&html, None);
        assert!(e.text().contains("Paragraph 7"), "{:?}", e.text());
    }

    #[test]
    fn teaser_list_loses_to_the_article() {
        // Ten linked headlines with cut-off summaries hold more text than the article.
        let teasers: String = (0..10)
            .map(|i| format!("<li><a href='/s{i}'>Headline number {i} of another story</a> A summary of that other story, cut off somewhere in the middle of its second sentence so it ends...</li>"))
            .collect();
        let body: String = (0..4).map(para).collect();
        let html = format!(
            "<html><body><div><ul>{teasers}</ul></div><div><h2>The story</h2>{body}</div></body></html>"
        );
        let t = extract(&html, None).text();
        assert!(t.contains("Paragraph 3"), "{t}");
        assert!(!t.contains("Headline number"), "{t}");
    }

    #[test]
    fn repeated_short_table_cells_are_kept() {
        let rows: String = (1..=12)
            .map(|i| format!("<tr><td>{i}</td><td>Driver number {i}, who finished the last race in the top ten</td><td>0</td><td>0</td></tr>"))
            .collect();
        let html = format!(
            "<html><body><article><p>The standings after the race, with wins and top fives, for every driver in the championship.</p><table>{rows}</table></article></body></html>"
        );
        let t = extract(&html, None).text();
        assert!(t.contains("top ten\n\n0\n\n0"), "{t}");
    }

    #[test]
    fn small_hidden_block_stays_out() {
        let body: String = (0..8).map(para).collect();
        let html = format!(
            "<html><body><article>{body}<div style='display: none'><p>A hidden notice that is long enough to be a paragraph of text.</p></div></article></body></html>"
        );
        let t = extract(&html, None).text();
        assert!(t.contains("Paragraph 7"));
        assert!(!t.contains("hidden notice"));
    }

    #[test]
    fn utc_stamp_a_day_off_the_url_date_reads_as_the_local_day() {
        let body: String = (0..4).map(para).collect();
        let page = |time: &str| {
            format!(
                "<html><head><meta property='article:published_time' content='2025-12-19T03:05:00+00:00'></head><body>{time}<article>{body}</article></body></html>"
            )
        };
        let url = Some("https://blog.example/2025/12/18/a-post/");
        // The same moment in the site's zone is on the page: taken, time and zone kept.
        let e = extract(
            &page("<time datetime='2025-12-18T19:05:00-08:00'>December 18</time>"),
            url,
        );
        assert_eq!(
            e.published.map(|p| p.to_string()).as_deref(),
            Some("2025-12-18T19:05:00-08:00")
        );
        // Only the URL says which day: its day.
        let e = extract(&page(""), url);
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2025-12-18")
        );
        // Days apart: the timestamp stands.
        let e = extract(&page(""), Some("https://blog.example/2025/12/10/a-post/"));
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2025-12-19")
        );
    }

    #[test]
    fn dates_from_webpage_ld_and_site_specific_metas() {
        let body: String = (0..4).map(para).collect();
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2022-10-05T12:53:00-07:00"}]}</script>"#;
        let e = extract(
            &format!("<html><head>{ld}</head><body><article>{body}</article></body></html>"),
            None,
        );
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2022-10-05")
        );
        let e = extract(
            &format!("<html><head><meta name='w-published-date' content='2025-05-27T06:03:43.274Z'><meta name='w-updated-date' content='2025-06-01'></head><body><article>{body}</article></body></html>"),
            None,
        );
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2025-05-27")
        );
    }
}
