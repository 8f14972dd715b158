//! HTML building on [maud] templates (every interpolated string is escaped by the template
//! engine): the UI labels of both languages as one exhaustive type ([`Label`]), counts with the
//! right plural ([`count`]), Hindi for the engine's English terms ([`terms_hi`]), display-safe
//! text ([`Txt`]: bidirectional controls removed), the page frame (CSS with the served
//! Devanagari web font, responsive) and the SVG chart of articles per day.

use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped, Render};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

/// A path segment or query value percent-encoded (everything but unreserved ASCII).
pub fn url_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Whether `c` is a bidirectional formatting control (embeddings, overrides, isolates and the
/// implicit marks): in stored text they can reorder what a reader sees (`abc\u{202E}gpj.exe`
/// shows as `abcexe.jpg`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` without bidirectional controls (borrowed when it has none).
pub fn display_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_bidi_control) {
        std::borrow::Cow::Owned(s.chars().filter(|&c| !is_bidi_control(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Stored text as the pages show it: escaped by the template, bidirectional controls removed.
pub struct Txt<'a>(pub &'a str);

impl Render for Txt<'_> {
    fn render_to(&self, buffer: &mut String) {
        display_text(self.0).as_ref().render_to(buffer);
    }
}

/// A plain integer as a reader expects to see it: digits grouped in threes (`8000` → `8,000`), the
/// Indian way in the Hindi UI (`150000` → `1,50,000`). Anything else (decimals, words, ranges,
/// already grouped numbers) is returned as it is. For counts and amounts, not years.
pub fn display_number(ui: Ui, s: &str) -> String {
    let t = s.trim();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", t),
    };
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 2 + 1);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        let left = n - i;
        let comma = match ui {
            Ui::En => left % 3 == 0,
            // Indian grouping: the last three digits, then pairs.
            Ui::Hi => left == 3 || (left > 3 && (left - 3) % 2 == 0),
        };
        if i > 0 && comma {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    En,
    Hi,
}

impl Ui {
    /// From `?ui=` first, then the `Accept-Language` header (Hindi when it comes before English).
    pub fn pick(param: Option<&str>, accept_language: Option<&str>) -> Ui {
        match param.map(str::trim) {
            Some("hi") => return Ui::Hi,
            Some("en") => return Ui::En,
            _ => {}
        }
        let al = accept_language.unwrap_or("").to_ascii_lowercase();
        let hi = al.find("hi");
        let en = al.find("en");
        match (hi, en) {
            (Some(h), Some(e)) if h < e => Ui::Hi,
            (Some(_), None) => Ui::Hi,
            _ => Ui::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Ui::En => "en",
            Ui::Hi => "hi",
        }
    }

    /// A UI label.
    pub fn t(self, l: Label) -> &'static str {
        l.text(self)
    }

    /// The name of a language code (`hi` → Hindi / हिन्दी); other codes as they are.
    pub fn language_name(self, code: &str) -> String {
        let (en, hi) = match code.trim().to_ascii_lowercase().as_str() {
            "hi" => ("Hindi", "हिन्दी"),
            "en" => ("English", "अंग्रेज़ी"),
            "ur" => ("Urdu", "उर्दू"),
            "mr" => ("Marathi", "मराठी"),
            "bn" => ("Bengali", "बांग्ला"),
            "ne" => ("Nepali", "नेपाली"),
            _ => return code.to_string(),
        };
        match self {
            Ui::En => en.to_string(),
            Ui::Hi => hi.to_string(),
        }
    }
}

macro_rules! labels {
    ($($name:ident => $en:expr, $hi:expr;)*) => {
        /// Every label of the UI; [`Label::text`] gives it in both UI languages (the match is
        /// exhaustive, so a new label cannot miss its Hindi).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Label { $($name),* }

        impl Label {
            /// All labels (for tests).
            #[cfg(test)]
            pub const ALL: &'static [Label] = &[$(Label::$name),*];

            pub fn text(self, ui: Ui) -> &'static str {
                match (self, ui) {
                    $((Label::$name, Ui::En) => $en, (Label::$name, Ui::Hi) => $hi,)*
                }
            }
        }
    };
}

labels! {
    Stories => "Stories", "ख़बरें";
    Articles => "Articles", "लेख";
    Entities => "Entities", "नाम";
    Search => "Search", "खोज";
    Top => "Top stories now", "अभी की मुख्य ख़बरें";
    TopNav => "Top", "मुख्य";
    Coverage => "Coverage by language", "भाषा के हिसाब से कवरेज";
    CoverageNav => "Coverage", "कवरेज";
    OnlyHindi => "Reported only in Hindi outlets", "केवल हिन्दी स्रोतों में";
    OnlyEnglish => "Reported only in English outlets", "केवल अंग्रेज़ी स्रोतों में";
    Outlets => "Outlets", "स्रोत";
    Languages => "Languages", "भाषाएँ";
    FirstSeen => "First seen", "पहली बार";
    LastSeen => "Last seen", "आख़िरी बार";
    Timeline => "Timeline", "घटनाक्रम";
    SideBySide => "Outlets side by side", "स्रोतों की तुलना";
    Agree => "agree", "सहमत";
    Conflict => "conflict", "विरोध";
    OnlyIn => "only one outlet", "केवल एक स्रोत";
    Copies => "Wire reprints and copies", "एजेंसी की प्रतियाँ";
    Original => "original", "मूल";
    Quotes => "Quotes", "उद्धरण";
    Facts => "Facts", "तथ्य";
    Numbers => "Numbers", "संख्याएँ";
    Dates => "Dates", "तारीख़ें";
    Events => "Events", "घटनाएँ";
    PerDay => "Articles per day", "प्रति दिन लेख";
    Next => "Next", "अगला";
    Previous => "Previous", "पिछला";
    Pages => "Pages", "पन्ने";
    NoResults => "Nothing found.", "कुछ नहीं मिला।";
    Query => "Search articles", "लेख खोजें";
    UnknownSpeaker => "unknown speaker", "अज्ञात वक्ता";
    UncertainQuotes => "Less certain quotes: the speaker or the quotation is unclear", "कम निश्चित उद्धरण: वक्ता या उद्धरण स्पष्ट नहीं";
    UncertainNames => "Less certain names: which entity is meant is unclear", "कम निश्चित नाम: कौन-सी इकाई है, स्पष्ट नहीं";
    UncertainNumbers => "Less certain numbers: what is counted is unclear", "कम निश्चित संख्याएँ: क्या गिना गया, स्पष्ट नहीं";
    UncertainEvents => "Less certain events: whether it happened as stated, or who did it, is unclear", "कम निश्चित घटनाएँ: घटना या उसका कर्ता स्पष्ट नहीं";
    UncertainArticles => "Articles where the name may mean another entity", "लेख जिनमें यह नाम किसी और इकाई का हो सकता है";
    NotFound => "Not found", "नहीं मिला";
    Mentions => "Mentions", "उल्लेख";
    Source => "Source", "स्रोत";
    InStory => "In story", "इस ख़बर में";
    From => "from", "से";
    Until => "until", "तक";
    Language => "Language", "भाषा";
    Outlet => "Outlet", "स्रोत";
    AnyOutlet => "all outlets", "सभी स्रोत";
    AnyLanguage => "all languages", "सभी भाषाएँ";
    Filter => "Filter", "छाँटें";
    Person => "person", "व्यक्ति";
    Place => "place", "स्थान";
    Organisation => "organisation", "संगठन";
    Other => "other", "अन्य";
    Kind => "Kind", "प्रकार";
    Feed => "Atom feed", "एटम फ़ीड";
    Follow => "Follow (Atom feed)", "फ़ॉलो करें (एटम फ़ीड)";
    Score => "Rank score", "क्रम अंक";
    RankHow => "Ranked by independent outlets (copies count once), articles in the last 24 hours and how recent the story is, as of the newest article in the store",
        "स्वतंत्र स्रोतों (प्रतियाँ एक बार गिनी गईं), पिछले 24 घंटों के लेखों और ख़बर कितनी ताज़ा है — इनके आधार पर क्रम; समय भंडार के सबसे नए लेख से";
    LastDay => "in the last 24 h", "पिछले 24 घंटों में";
    Matching => "matching the filters", "छँटाई से मेल खाती";
    Error => "Error", "त्रुटि";
}

/// A thing counted in the UI, for [`count`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Article,
    Story,
    Mention,
    Result,
    Entity,
    /// An outlet that is not a copy of another's report.
    IndependentOutlet,
}

impl Noun {
    /// (singular, plural) in the UI language.
    fn forms(self, ui: Ui) -> (&'static str, &'static str) {
        match (self, ui) {
            (Noun::Article, Ui::En) => ("article", "articles"),
            (Noun::Article, Ui::Hi) => ("लेख", "लेख"),
            (Noun::Story, Ui::En) => ("story", "stories"),
            (Noun::Story, Ui::Hi) => ("ख़बर", "ख़बरें"),
            (Noun::Mention, Ui::En) => ("mention", "mentions"),
            (Noun::Mention, Ui::Hi) => ("उल्लेख", "उल्लेख"),
            (Noun::Result, Ui::En) => ("result", "results"),
            (Noun::Result, Ui::Hi) => ("परिणाम", "परिणाम"),
            (Noun::Entity, Ui::En) => ("name", "names"),
            (Noun::Entity, Ui::Hi) => ("नाम", "नाम"),
            (Noun::IndependentOutlet, Ui::En) => ("independent outlet", "independent outlets"),
            (Noun::IndependentOutlet, Ui::Hi) => ("स्वतंत्र स्रोत", "स्वतंत्र स्रोत"),
        }
    }
}

/// `n` things with the right form of the noun: `1 article`, `2 articles`, `1 ख़बर`, `3 ख़बरें`;
/// the number grouped for reading.
pub fn count(ui: Ui, n: usize, noun: Noun) -> String {
    let (one, many) = noun.forms(ui);
    format!(
        "{} {}",
        display_number(ui, &n.to_string()),
        if n == 1 { one } else { many }
    )
}

/// Hindi for the English terms in event kinds, quantity kinds, units and comparison topics
/// (`assets/terms-hi.tsv`).
pub fn terms_hi() -> &'static HashMap<&'static str, &'static str> {
    static TERMS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TERMS.get_or_init(|| {
        include_str!("../assets/terms-hi.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(en, hi)| (en.trim(), hi.trim()))
            .filter(|(en, hi)| !en.is_empty() && !hi.is_empty())
            .collect()
    })
}

/// An engine term (event kind, quantity kind, unit) in the UI language; unknown terms as they are.
pub fn term(ui: Ui, en: &str) -> String {
    match ui {
        Ui::En => en.to_string(),
        Ui::Hi => terms_hi()
            .get(en.trim())
            .map(|s| s.to_string())
            .unwrap_or_else(|| en.to_string()),
    }
}

/// A comparison topic (the story crate writes them in English: `arrested`, `kill by Tokayev`,
/// `protest in Almaty`, `Almaty is` (what Almaty is: capital or largest city), `Putin says`, `duration (years)`, `count (लोग)`) in the UI
/// language: in Hindi the terms translated and the words put in Hindi order; `name` gives an
/// entity's name in the UI language.
pub fn topic(ui: Ui, topic: &str, name: &dyn Fn(&str) -> String) -> String {
    if ui == Ui::En {
        return topic.to_string();
    }
    let t = topic.trim();
    if let Some(who) = t.strip_suffix(" says") {
        return format!("{} {}", name(who), term(ui, "says"));
    }
    if let Some(who) = t.strip_suffix(" is") {
        return format!("{} {}", name(who), term(ui, "is"));
    }
    // `kind (unit)`
    if let Some((kind, rest)) = t.split_once(" (") {
        if let Some(unit) = rest.strip_suffix(')') {
            if !kind.contains(' ') {
                return format!("{} ({})", term(ui, kind), term(ui, unit));
            }
        }
    }
    let (kind, rest) = t.split_once(' ').unwrap_or((t, ""));
    let kind_hi = term(ui, kind);
    if rest.is_empty() {
        return kind_hi;
    }
    // `kind A → B` / `kind → B in P`
    if let Some((a, b)) = rest.split_once(" → ") {
        let a = a.trim();
        if a.is_empty() {
            // `kind → B in P`
            let (b, place) = match b.split_once(" in ") {
                Some((b, p)) => (b, Some(p)),
                None => (b, None),
            };
            let place = place
                .map(|p| format!("{} {} ", name(p), term(ui, "in")))
                .unwrap_or_default();
            return format!("{place}{} → {kind_hi}", name(b));
        }
        return format!("{} → {}: {kind_hi}", name(a), name(b));
    }
    if let Some(who) = rest.strip_prefix("by ") {
        return format!("{} {} {kind_hi}", name(who), term(ui, "by"));
    }
    if let Some(place) = rest.strip_prefix("in ") {
        return format!("{} {} {kind_hi}", name(place), term(ui, "in"));
    }
    format!("{kind_hi} {rest}")
}

/// The served Devanagari web font files: (URL path, bytes).
pub const FONTS: &[(&str, &[u8])] = &[
    (
        "/assets/noto-sans-devanagari-400.woff2",
        include_bytes!("../assets/noto-sans-devanagari-400.woff2"),
    ),
    (
        "/assets/noto-sans-devanagari-700.woff2",
        include_bytes!("../assets/noto-sans-devanagari-700.woff2"),
    ),
];

const CSS: &str = r#"
@font-face{font-family:"Noto Sans Devanagari";font-style:normal;font-weight:400;font-display:swap;src:url(/assets/noto-sans-devanagari-400.woff2) format("woff2");unicode-range:U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,U+A8E0-A8FF,U+11B00-11B09}
@font-face{font-family:"Noto Sans Devanagari";font-style:normal;font-weight:700;font-display:swap;src:url(/assets/noto-sans-devanagari-700.woff2) format("woff2");unicode-range:U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,U+A8E0-A8FF,U+11B00-11B09}
:root{--fg:#1a1a1a;--muted:#5f6368;--line:#e0e0e0;--accent:#0b57d0;--agree:#e6f4ea;--conflict:#fce8e6;--only:#fef7e0;--mark:#fff3a3}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font-family:"Noto Sans Devanagari",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;line-height:1.6;font-size:17px;overflow-wrap:anywhere}
header{border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header a.brand{font-weight:700;font-size:1.2rem;color:var(--fg);text-decoration:none}
header nav a{margin-right:.8rem}
header form{margin-left:auto;display:flex;gap:.3rem}
input[type=search],input[type=text],input[type=date],select{font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:4px;max-width:100%;background:#fff}
select{max-width:16rem}
button{font:inherit;padding:.3rem .8rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px}
main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere;min-width:0}
a{color:var(--accent)}
h1{font-size:1.6rem;line-height:1.3;margin:.4rem 0}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid var(--line)}
.muted,.meta{color:var(--muted);font-size:.9rem}
.chip{display:inline-block;max-width:100%;padding:0 .5rem;margin:.1rem;border:1px solid var(--line);border-radius:1rem;font-size:.85rem;text-decoration:none;overflow-wrap:anywhere}
details.uncertain{margin:.6rem 0}details.uncertain>summary{cursor:pointer;color:var(--muted)}
.chip.person{border-color:#a8c7fa}.chip.place{border-color:#a8dab5}.chip.organisation{border-color:#f9c89b}
ul.list{list-style:none;padding:0}
ul.list li{padding:.6rem 0;border-bottom:1px solid var(--line)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
tr.agree td.topic{background:var(--agree)}tr.conflict td.topic{background:var(--conflict)}tr.only td.topic{background:var(--only)}
td.claim.conflict{background:var(--conflict)}td.claim.agree{background:var(--agree)}
.badge{font-size:.75rem;padding:0 .35rem;border-radius:.3rem;background:var(--line)}
.badge.conflict{background:var(--conflict)}.badge.agree{background:var(--agree)}.badge.only{background:var(--only)}
.text p{margin:.8rem 0}
.text .s:target{background:var(--mark);outline:2px solid #f4b400}
mark{background:var(--mark)}
.text a.m{color:inherit;text-decoration:underline dotted}
blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:3px solid var(--line)}
svg.chart{width:100%;max-width:40rem;height:auto;display:block}
svg.chart rect{fill:#8ab4f8}svg.chart text{font-size:10px;fill:var(--muted)}
.timeline li{display:grid;grid-template-columns:7rem 1fr;gap:.5rem}
.pager{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}
.pager a,.pager span{padding:.1rem .55rem;border:1px solid var(--line);border-radius:4px;text-decoration:none}
.pager [aria-current]{background:var(--accent);color:#fff;border-color:var(--accent)}
.pager .gap{border:0}
.feed{font-size:.85rem}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.cols>section{min-width:0}
form.filters{display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:flex-end;margin:.6rem 0}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);min-width:0}
form.filters input[type=search]{flex:1 1 14rem}
td.claim .n{white-space:nowrap}
sup.more a{font-size:.75rem;margin-left:.15rem}
@media (max-width:600px){body{font-size:16px}main{padding:.8rem}header form{margin-left:0;width:100%}header form input{flex:1;min-width:0}.timeline li{grid-template-columns:1fr;gap:0}h1{font-size:1.3rem}
.cols{grid-template-columns:1fr}
form.filters input[type=text]{flex:1 1 6rem;min-width:0}form.filters select{width:100%;max-width:100%}form.filters label{flex:1 1 8rem}
table.cmp,table.cmp tbody,table.cmp tr,table.cmp td{display:block;width:100%}
table.cmp thead{display:none}
table.cmp tr{border:1px solid var(--line);border-radius:4px;margin:.6rem 0}
table.cmp td{border:0;border-top:1px solid var(--line)}
table.cmp td.topic{border-top:0;font-weight:600}
table.cmp td:empty{display:none}
table.cmp td[data-outlet]::before{content:attr(data-outlet);display:block;font-size:.8rem;color:var(--muted)}}
"#;

/// A whole page around `body`; `feed` names an Atom feed of the page (URL, title).
pub fn page(ui: Ui, title: &str, feed: Option<(&str, &str)>, body: Markup) -> Markup {
    let (other, other_label) = match ui {
        Ui::Hi => ("en", "English"),
        Ui::En => ("hi", "हिन्दी"),
    };
    html! {
        (PreEscaped("<!doctype html>"))
        html lang=(ui.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                title { (Txt(title)) " · khabar" }
                @if let Some((href, t)) = feed {
                    link rel="alternate" type="application/atom+xml" href=(href) title=(display_text(t));
                }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    a.brand href="/" { "khabar" }
                    nav {
                        a href="/" { (ui.t(Label::Stories)) }
                        a href="/top" { (ui.t(Label::TopNav)) }
                        a href="/coverage" { (ui.t(Label::CoverageNav)) }
                        a href="/entities" { (ui.t(Label::Entities)) }
                        a href="/search" { (ui.t(Label::Search)) }
                        a href={ "?ui=" (other) } lang=(other) { (other_label) }
                    }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" aria-label=(ui.t(Label::Query)) placeholder=(ui.t(Label::Query));
                        button { (ui.t(Label::Search)) }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// A bar chart of articles per day as inline SVG (days without articles shown as gaps; long
/// ranges are binned so the chart keeps at most 120 bars). A story of one day shows one bar with
/// its date under it, not the same date at both ends of an axis.
pub fn day_chart(days: &BTreeMap<NaiveDate, usize>, label: &str) -> Markup {
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value())
    else {
        return html! {};
    };
    let span = (last - first).num_days().max(0) as usize + 1;
    let bin = span.div_ceil(120).max(1);
    let nbins = span.div_ceil(bin);
    let mut bins = vec![0usize; nbins];
    for (d, n) in days {
        let i = ((*d - first).num_days().max(0) as usize) / bin;
        if let Some(b) = bins.get_mut(i) {
            *b += n;
        }
    }
    let max = bins.iter().copied().max().unwrap_or(1).max(1);
    let (w, h, pad) = (600.0f64, 120.0f64, 18.0f64);
    let bw = w / nbins as f64;
    // Bars no wider than a few days' worth, so one or two days do not fill the chart.
    let bar = (bw * 0.8).clamp(1.0, 40.0);
    let base = h + pad - 4.0;
    let bars = bins
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, &n)| {
            let bh = (n as f64 / max as f64) * (h - 4.0);
            let day = first + chrono::Duration::days((i * bin) as i64);
            (
                format!("{:.1}", i as f64 * bw + (bw - bar) / 2.0),
                format!("{:.1}", h - bh),
                format!("{bar:.1}"),
                format!("{bh:.1}"),
                format!("{day} · {n}"),
            )
        });
    html! {
        svg.chart viewBox={ "0 0 " (w) " " (h + pad) } role="img" aria-label=(label) {
            title { (label) }
            @for (x, y, bw, bh, t) in bars {
                rect x=(x) y=(y) width=(bw) height=(bh) { title { (t) } }
            }
            @if first == last {
                text x=(w / 2.0) y=(base) text-anchor="middle" { (first.to_string()) }
            } @else {
                text x="0" y=(base) { (first.to_string()) }
                text x=(w) y=(base) text-anchor="end" { (last.to_string()) }
            }
            text x="0" y="10" { (max) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn templates_escape_markup() {
        let s = "<script>alert('x') & \"y\"</script>";
        let m = html! { p title=(s) { (Txt(s)) } }.into_string();
        assert!(!m.contains("<script>"), "{m}");
        assert!(m.contains("&lt;script&gt;") && m.contains("&amp;") && m.contains("&quot;"));
        assert_eq!(html! { (Txt("मोदी")) }.into_string(), "मोदी");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(display_text("abc\u{202E}gpj.exe"), "abcgpj.exe");
        assert_eq!(
            html! { (Txt("a\u{2067}b\u{2069}\u{200F}c")) }.into_string(),
            "abc"
        );
        // Joiners (needed in Devanagari) stay.
        assert_eq!(display_text("क्\u{200D}ष"), "क्\u{200D}ष");
    }

    #[test]
    fn url_parts_are_encoded() {
        assert_eq!(url_part("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(url_part("s0123abc"), "s0123abc");
    }

    #[test]
    fn ui_language_choice() {
        assert_eq!(Ui::pick(Some("hi"), None), Ui::Hi);
        assert_eq!(Ui::pick(None, Some("hi-IN,hi;q=0.9,en;q=0.8")), Ui::Hi);
        assert_eq!(Ui::pick(None, Some("en-US,en;q=0.9,hi;q=0.5")), Ui::En);
        assert_eq!(Ui::pick(Some("en"), Some("hi")), Ui::En);
        assert_eq!(Ui::pick(None, None), Ui::En);
    }

    fn has_devanagari(s: &str) -> bool {
        s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    }

    #[test]
    fn every_label_is_in_hindi_in_the_hindi_ui() {
        for &l in Label::ALL {
            let (en, hi) = (l.text(Ui::En), l.text(Ui::Hi));
            assert!(!en.is_empty(), "{l:?} has no English");
            assert!(has_devanagari(hi), "{l:?} is not in Hindi: {hi}");
        }
    }

    #[test]
    fn plurals() {
        assert_eq!(count(Ui::En, 1, Noun::Article), "1 article");
        assert_eq!(count(Ui::En, 2, Noun::Article), "2 articles");
        assert_eq!(count(Ui::En, 0, Noun::Story), "0 stories");
        assert_eq!(count(Ui::En, 1, Noun::Story), "1 story");
        assert_eq!(count(Ui::En, 12000, Noun::Story), "12,000 stories");
        assert_eq!(count(Ui::Hi, 1, Noun::Story), "1 ख़बर");
        assert_eq!(count(Ui::Hi, 3, Noun::Story), "3 ख़बरें");
        assert_eq!(count(Ui::Hi, 150000, Noun::Article), "1,50,000 लेख");
        assert_eq!(
            count(Ui::En, 1, Noun::IndependentOutlet),
            "1 independent outlet"
        );
    }

    /// Every event kind the analyzer can write and every quantity kind has Hindi.
    #[test]
    fn every_engine_term_has_hindi() {
        let events = include_str!("../../analyze/lexicons/events.tsv");
        let mut kinds: Vec<&str> = events
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert!(kinds.len() >= 10, "{kinds:?}");
        use khabar_model::QuantityKind as Q;
        let qk: Vec<String> = [
            Q::Arrested,
            Q::Killed,
            Q::Injured,
            Q::Missing,
            Q::Evacuated,
            Q::Protesters,
            Q::Troops,
            Q::Money,
            Q::Percent,
            Q::Duration,
            Q::Age,
            Q::Count,
        ]
        .iter()
        .filter_map(|k| serde_json::to_value(k).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
        assert_eq!(qk.len(), 12);
        for k in kinds.iter().copied().chain(qk.iter().map(String::as_str)) {
            let hi = term(Ui::Hi, k);
            assert!(has_devanagari(&hi), "no Hindi for the term {k}");
            assert_eq!(term(Ui::En, k), k);
        }
    }

    #[test]
    fn topics_in_hindi() {
        let name = |s: &str| match s {
            "Tokayev" => "तोकायेव".to_string(),
            "Almaty" => "अल्माटी".to_string(),
            other => other.to_string(),
        };
        assert_eq!(topic(Ui::Hi, "arrested", &name), "गिरफ़्तार");
        assert_eq!(topic(Ui::Hi, "duration (years)", &name), "अवधि (वर्ष)");
        assert_eq!(topic(Ui::Hi, "Almaty is", &name), "अल्माटी क्या है");
        assert_eq!(topic(Ui::Hi, "Tokayev says", &name), "तोकायेव का कहना");
        assert_eq!(
            topic(Ui::Hi, "arrest by Tokayev", &name),
            "तोकायेव द्वारा गिरफ़्तारी"
        );
        assert_eq!(
            topic(Ui::Hi, "protest in Almaty", &name),
            "अल्माटी में विरोध प्रदर्शन"
        );
        assert_eq!(
            topic(Ui::Hi, "condemn Tokayev → Almaty", &name),
            "तोकायेव → अल्माटी: निंदा"
        );
        assert_eq!(
            topic(Ui::En, "arrest by Tokayev", &name),
            "arrest by Tokayev"
        );
    }

    #[test]
    fn chart_has_one_bar_per_day_with_articles() {
        let mut days = BTreeMap::new();
        let d = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        days.insert(d, 3);
        days.insert(d + chrono::Duration::days(2), 1);
        let svg = day_chart(&days, "x").into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("2022-01-05") && svg.contains("2022-01-07"));
        assert!(day_chart(&BTreeMap::new(), "x").into_string().is_empty());
    }

    #[test]
    fn one_day_chart_names_its_day_once() {
        let mut days = BTreeMap::new();
        days.insert(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(), 2);
        let svg = day_chart(&days, "x").into_string();
        assert!(svg.contains("width=\"40.0\""), "{svg}");
        assert_eq!(svg.matches("2022-01-10</text>").count(), 1, "{svg}");
    }

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(display_number(Ui::En, "8000"), "8,000");
        assert_eq!(display_number(Ui::En, "1234567"), "1,234,567");
        assert_eq!(display_number(Ui::Hi, "150000"), "1,50,000");
        assert_eq!(display_number(Ui::Hi, "12345678"), "1,23,45,678");
        assert_eq!(display_number(Ui::Hi, "8000"), "8,000");
        assert_eq!(display_number(Ui::En, "-25000"), "-25,000");
        for s in ["20", "999", "2.5", "30 years", "8,000", "आठ हजार", "", "-"] {
            assert_eq!(display_number(Ui::En, s), s);
        }
    }

    #[test]
    fn the_font_files_are_woff2() {
        for (path, bytes) in FONTS {
            assert!(bytes.starts_with(b"wOF2"), "{path} is not WOFF2");
            assert!(CSS.contains(path), "{path} is not in the stylesheet");
        }
    }

    proptest! {
        #[test]
        fn grouping_keeps_the_digits(n in 0u64..u64::MAX, hi in any::<bool>()) {
            let ui = if hi { Ui::Hi } else { Ui::En };
            let s = n.to_string();
            let g = display_number(ui, &s);
            prop_assert_eq!(g.replace(',', ""), s.clone());
            prop_assert!(!g.starts_with(',') && !g.ends_with(','));
            prop_assert!(!g.contains(",,"));
            if let Some(i) = g.rfind(',') {
                prop_assert_eq!(g.len() - i - 1, 3);
            }
        }

        #[test]
        fn rendered_text_has_no_markup_or_bidi_controls(s in "\\PC{0,80}") {
            let e = html! { (Txt(&s)) }.into_string();
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"'));
            prop_assert!(!e.chars().any(is_bidi_control));
        }

        #[test]
        fn hindi_topics_never_lose_a_name(name in "[A-Z][a-z]{2,12}", kind in "(arrest|protest|kill|statement)") {
            let id = |s: &str| s.to_string();
            for t in [format!("{kind} by {name}"), format!("{kind} in {name}"), format!("{name} says")] {
                let hi = topic(Ui::Hi, &t, &id);
                prop_assert!(hi.contains(&name), "{} → {}", t, hi);
            }
        }
    }
}
