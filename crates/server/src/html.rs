//! HTML building: escaping, the page frame (CSS with a Devanagari font stack, responsive), the
//! UI labels in English and Hindi, and the SVG chart of articles per day.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

/// Text escaped for HTML element content and double-quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, c) in self.0.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + c.len_utf8();
        }
        f.write_str(&self.0[last..])
    }
}

/// Escapes `s` into a new string.
pub fn esc(s: &str) -> String {
    Esc(s).to_string()
}

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
    pub fn t(self, key: &str) -> &'static str {
        let (en, hi) = match key {
            "stories" => ("Stories", "ख़बरें"),
            "story" => ("Story", "ख़बर"),
            "articles" => ("Articles", "लेख"),
            "article" => ("Article", "लेख"),
            "entities" => ("Entities", "नाम"),
            "search" => ("Search", "खोज"),
            "outlets" => ("Outlets", "स्रोत"),
            "languages" => ("Languages", "भाषाएँ"),
            "first_seen" => ("First seen", "पहली बार"),
            "last_seen" => ("Last seen", "आख़िरी बार"),
            "size" => ("Articles", "लेख"),
            "timeline" => ("Timeline", "घटनाक्रम"),
            "side_by_side" => ("Outlets side by side", "स्रोतों की तुलना"),
            "agree" => ("agree", "सहमत"),
            "conflict" => ("conflict", "विरोध"),
            "only_in" => ("only one outlet", "केवल एक स्रोत"),
            "copies" => ("Wire reprints and copies", "एजेंसी की प्रतियाँ"),
            "original" => ("original", "मूल"),
            "quotes" => ("Quotes", "उद्धरण"),
            "facts" => ("Facts", "तथ्य"),
            "numbers" => ("Numbers", "संख्याएँ"),
            "dates" => ("Dates", "तारीख़ें"),
            "events" => ("Events", "घटनाएँ"),
            "per_day" => ("Articles per day", "प्रति दिन लेख"),
            "next" => ("Next page", "अगला पन्ना"),
            "no_results" => ("Nothing found.", "कुछ नहीं मिला।"),
            "query" => ("Search articles", "लेख खोजें"),
            "unknown_speaker" => ("unknown speaker", "अज्ञात वक्ता"),
            "not_found" => ("Not found", "नहीं मिला"),
            "mentions" => ("Mentions", "उल्लेख"),
            "published" => ("Published", "प्रकाशित"),
            "source" => ("Source", "स्रोत"),
            "in_story" => ("In story", "इस ख़बर में"),
            "from" => ("from", "से"),
            "until" => ("until", "तक"),
            "language" => ("Language", "भाषा"),
            "outlet" => ("Outlet", "स्रोत"),
            "all" => ("all", "सभी"),
            "results" => ("results", "परिणाम"),
            "filter" => ("Filter", "छाँटें"),
            "person" => ("person", "व्यक्ति"),
            "place" => ("place", "स्थान"),
            "organisation" => ("organisation", "संगठन"),
            "other" => ("other", "अन्य"),
            _ => ("", ""),
        };
        match self {
            Ui::En => en,
            Ui::Hi => hi,
        }
    }
}

const CSS: &str = r#"
:root{--fg:#1a1a1a;--muted:#5f6368;--line:#e0e0e0;--accent:#0b57d0;--agree:#e6f4ea;--conflict:#fce8e6;--only:#fef7e0;--mark:#fff3a3}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font-family:"Noto Sans Devanagari","Noto Sans","Mangal","Nirmala UI","Kohinoor Devanagari","Lohit Devanagari",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;font-size:17px}
header{border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header a.brand{font-weight:700;font-size:1.2rem;color:var(--fg);text-decoration:none}
header nav a{margin-right:.8rem}
header form{margin-left:auto;display:flex;gap:.3rem}
input[type=search],input[type=text],input[type=date]{font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:4px;max-width:100%}
button{font:inherit;padding:.3rem .8rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px}
main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}
a{color:var(--accent)}
h1{font-size:1.6rem;line-height:1.3;margin:.4rem 0}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid var(--line)}
.muted,.meta{color:var(--muted);font-size:.9rem}
.chip{display:inline-block;padding:0 .5rem;margin:.1rem;border:1px solid var(--line);border-radius:1rem;font-size:.85rem;text-decoration:none;white-space:nowrap}
.chip.person{border-color:#a8c7fa}.chip.place{border-color:#a8dab5}.chip.organisation{border-color:#f9c89b}
ul.list{list-style:none;padding:0}
ul.list li{padding:.6rem 0;border-bottom:1px solid var(--line)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
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
.pager{margin:1rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:flex-end;margin:.6rem 0}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
form.filters input[type=search]{flex:1 1 14rem}
td.claim .n{white-space:nowrap}
@media (max-width:600px){body{font-size:16px}main{padding:.8rem}header form{margin-left:0;width:100%}header form input{flex:1;min-width:0}.timeline li{grid-template-columns:1fr;gap:0}h1{font-size:1.3rem}
form.filters input[type=text]{flex:1 1 6rem;min-width:0}form.filters label{flex:1 1 8rem}
table.cmp,table.cmp tbody,table.cmp tr,table.cmp td{display:block;width:100%}
table.cmp thead{display:none}
table.cmp tr{border:1px solid var(--line);border-radius:4px;margin:.6rem 0}
table.cmp td{border:0;border-top:1px solid var(--line)}
table.cmp td.topic{border-top:0;font-weight:600}
table.cmp td:empty{display:none}
table.cmp td[data-outlet]::before{content:attr(data-outlet);display:block;font-size:.8rem;color:var(--muted)}}
"#;

/// A whole page around `body`.
pub fn page(ui: Ui, title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · khabar</title><style>{CSS}</style></head><body>\
         <header><a class=\"brand\" href=\"/\">khabar</a><nav>\
         <a href=\"/\">{stories}</a><a href=\"/entities\">{entities}</a><a href=\"/search\">{search}</a>\
         <a href=\"?ui={other}\" lang=\"{other}\">{other_label}</a></nav>\
         <form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" \
         aria-label=\"{query}\" placeholder=\"{query}\"><button>{search}</button></form></header>\
         <main>{body}</main></body></html>",
        lang = ui.code(),
        title = Esc(title),
        stories = ui.t("stories"),
        entities = ui.t("entities"),
        search = ui.t("search"),
        query = ui.t("query"),
        other = if ui == Ui::Hi { "en" } else { "hi" },
        other_label = if ui == Ui::Hi { "English" } else { "हिन्दी" },
    );
    out
}

/// A bar chart of articles per day as inline SVG (days without articles shown as gaps; long
/// ranges are binned so the chart keeps at most 120 bars).
pub fn day_chart(days: &BTreeMap<NaiveDate, usize>, label: &str) -> String {
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value())
    else {
        return String::new();
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
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        h + pad,
        Esc(label),
        Esc(label)
    );
    for (i, &n) in bins.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let bh = (n as f64 / max as f64) * (h - 4.0);
        let day = first + chrono::Duration::days((i * bin) as i64);
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{} · {n}</title></rect>",
            i as f64 * bw + (bw - bar) / 2.0,
            h - bh,
            bar,
            bh,
            day
        );
    }
    let _ = write!(
        s,
        "<text x=\"0\" y=\"{}\">{first}</text><text x=\"{w}\" y=\"{}\" text-anchor=\"end\">{last}</text>\
         <text x=\"0\" y=\"10\">{max}</text></svg>",
        h + pad - 4.0,
        h + pad - 4.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(esc("मोदी"), "मोदी");
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

    #[test]
    fn chart_has_one_bar_per_day_with_articles() {
        let mut days = BTreeMap::new();
        let d = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        days.insert(d, 3);
        days.insert(d + chrono::Duration::days(2), 1);
        let svg = day_chart(&days, "x");
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(day_chart(&BTreeMap::new(), "x").is_empty());
    }

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(display_number(Ui::En, "8000"), "8,000");
        assert_eq!(display_number(Ui::En, "1234567"), "1,234,567");
        assert_eq!(display_number(Ui::Hi, "150000"), "1,50,000");
        assert_eq!(display_number(Ui::Hi, "12345678"), "1,23,45,678");
        assert_eq!(display_number(Ui::Hi, "8000"), "8,000");
        assert_eq!(display_number(Ui::En, "-25000"), "-25,000");
        // Small numbers, decimals, words and grouped numbers stay as they are.
        for s in ["20", "999", "2.5", "30 years", "8,000", "आठ हजार", "", "-"] {
            assert_eq!(display_number(Ui::En, s), s);
        }
    }

    #[test]
    fn one_day_chart_keeps_a_narrow_bar() {
        let mut days = BTreeMap::new();
        days.insert(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(), 2);
        let svg = day_chart(&days, "x");
        assert!(svg.contains("width=\"40.0\""), "{svg}");
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
            // The last group has three digits whenever there is a comma.
            if let Some(i) = g.rfind(',') {
                prop_assert_eq!(g.len() - i - 1, 3);
            }
        }

        #[test]
        fn escaped_text_has_no_markup(s in "\\PC{0,80}") {
            let e = esc(&s);
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"'));
        }
    }
}
