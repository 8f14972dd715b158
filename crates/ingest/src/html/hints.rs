//! Tag, class/id and text hints, English and Hindi. Everything here is a plain lookup: no regex
//! is compiled per node.

/// Tags whose whole subtree never holds article text.
pub(crate) fn is_dropped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "dialog"
            | "menu"
            | "head"
            | "title"
            | "label"
            | "map"
    )
}

/// Block-level tags: text on either side of them belongs to different blocks.
pub(crate) fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "form"
            | "fieldset"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "hr"
            | "br"
            | "body"
            | "html"
            | "hgroup"
            | "picture"
    )
}

/// Roles of landmark elements that are not the article.
pub(crate) fn is_dropped_role(role: &str) -> bool {
    matches!(
        role.trim(),
        "navigation"
            | "banner"
            | "contentinfo"
            | "complementary"
            | "dialog"
            | "alertdialog"
            | "menu"
            | "menubar"
            | "search"
            | "toolbar"
    )
}

/// Class/id words that mark boilerplate containers. Matched as substrings of the lower-cased
/// class + id string; chosen to be distinctive enough for that.
const NEG_SUBSTR: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscri",
    "sharing",
    "sharedaddy",
    "share-",
    "-share",
    "_share",
    "share_",
    "sharebar",
    "social",
    "related",
    "recommend",
    "trending",
    "popular",
    "mostread",
    "most-read",
    "most_read",
    "comment",
    "disqus",
    "breadcrumb",
    "sidebar",
    "promo",
    "advert",
    "sponsor",
    "taboola",
    "outbrain",
    "signup",
    "sign-up",
    "modal",
    "popup",
    "pop-up",
    "footer",
    "masthead",
    "navbar",
    "menu",
    "skip-link",
    "skiplink",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "author-bio",
    "authorbio",
    "about-author",
    "author-box",
    "byline",
    "pagination",
    "pager",
    "next-post",
    "prev-post",
    "post-nav",
    "also-read",
    "alsoread",
    "also_read",
    "readmore",
    "read-more",
    "read_more",
    "more-stories",
    "morestories",
    "more-news",
    "app-download",
    "appdownload",
    "download-app",
    "whatsapp",
    "telegram",
    "follow-us",
    "followus",
    "print-",
    "toolbar",
    "rating",
    "login",
    "copyright",
    "overlay",
    "ad-slot",
    "adslot",
    "ad-container",
    "ad-wrapper",
    "adwrapper",
    "adsbygoogle",
    "dfp",
    "banner",
    "tag-list",
    "taglist",
    "tags-",
    "post-tags",
    "entry-tags",
    "entry-meta",
    "post-meta",
    "article-meta",
    "categories",
    "subnav",
    "dropdown",
    "jp-relatedposts",
    "notification",
    "alert-",
    "survey",
    "poll",
    "donate",
    "paywall-prompt",
    "inline-links",
    "storylink",
    "story-link",
    "top-stories",
    "topstories",
    "latest-news",
    "latestnews",
    "headlines",
];

/// Class/id tokens (split at `-`, `_`, space) that mark boilerplate: too short for substrings.
const NEG_TOKEN: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "nav",
    "meta",
    "tags",
    "tag",
    "share",
    "shares",
    "aside",
    "hide",
    "print",
    "author",
    "date",
    "time",
    "header",
    "masthead",
    "credits",
    "social",
    "caption",
    "byline",
    "topics",
    "keywords",
    "source",
    "search",
    "sidebar",
    "dateline",
    "timestamp",
    "updated",
    "published",
];

/// Class/id words that mark the article body container.
const POS_SUBSTR: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "articledetail",
    "articleinner",
    "storybody",
    "storycontent",
    "storytext",
    "storydetail",
    "entrycontent",
    "entrybody",
    "postcontent",
    "postbody",
    "posttext",
    "postentry",
    "maincontent",
    "contentbody",
    "bodytext",
    "textbody",
    "richtext",
    "newsdetail",
    "newscontent",
    "newstext",
    "fullstory",
    "detailcontent",
    "articlecopy",
    "bodycopy",
    "blogpost",
    "singlecontent",
    "pagecontent",
    "contentarea",
    "articlesection",
];

/// One automaton per list: a class string is scanned once, not once per word (this was a
/// fifth of the extraction time).
static POS_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(POS_SUBSTR).ok());
static NEG_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(NEG_SUBSTR).ok());

/// Hint from class, id and itemprop: > 0 body-like, < 0 boilerplate-like.
pub(crate) fn class_hint(class: &str, id: &str, itemprop: &str) -> i32 {
    if itemprop.eq_ignore_ascii_case("articleBody") || itemprop.eq_ignore_ascii_case("text") {
        return 3;
    }
    if class.is_empty() && id.is_empty() {
        return 0;
    }
    // Lower-cased `class id`, and the same without `-` and `_`, in stack buffers when they fit.
    let len = class.len() + 1 + id.len();
    let mut jbuf = [0u8; 256];
    let mut sbuf = [0u8; 256];
    let mut jvec = Vec::new();
    let mut svec = Vec::new();
    let (joined, squashed): (&mut [u8], &mut [u8]) = if len <= jbuf.len() {
        (&mut jbuf[..], &mut sbuf[..])
    } else {
        jvec.resize(len, 0);
        svec.resize(len, 0);
        (&mut jvec[..], &mut svec[..])
    };
    let mut n = 0;
    let mut m = 0;
    for &c in class.as_bytes().iter().chain(b" ").chain(id.as_bytes()) {
        let c = c.to_ascii_lowercase();
        joined[n] = c;
        n += 1;
        if c != b'-' && c != b'_' {
            squashed[m] = c;
            m += 1;
        }
    }
    let joined = &joined[..n];
    let squashed = &squashed[..m];
    let mut score = 0;
    if POS_AC.as_ref().is_some_and(|ac| ac.is_match(squashed)) {
        score += 2;
    }
    let neg_sub = NEG_AC.as_ref().is_some_and(|ac| ac.is_match(joined));
    let neg = neg_sub
        || joined
            .split(|&c| c == b'-' || c == b'_' || c.is_ascii_whitespace() || c == 0x0B)
            .any(|t| NEG_TOKEN.iter().any(|n| n.as_bytes() == t));
    if neg {
        score -= 2;
    }
    score
}

/// Lower-cased class of a byline element: `author`, `byline`, but not an author's bio or photo.
pub(crate) fn is_byline_class(lc_class: &str) -> bool {
    (lc_class.contains("author") || lc_class.contains("byline"))
        && !lc_class.contains("bio")
        && !lc_class.contains("avatar")
        && !lc_class.contains("image")
}

/// What a `<time>` element (or a date element's `itemprop`) says its time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeHint {
    Published,
    Modified,
    Unknown,
}

/// What the lower-cased class of a `<time>` says it is.
pub(crate) fn time_class_hint(lc_class: &str) -> TimeHint {
    let c = lc_class;
    if c.contains("publish") || c.contains("posted") || c.contains("entry-date") {
        TimeHint::Published
    } else if c.contains("modif") || c.contains("updated") {
        TimeHint::Modified
    } else {
        TimeHint::Unknown
    }
}

/// Words that any class rule above looks for, apart from [`POS_SUBSTR`] (matched without `-`
/// and `_`). A class token (split at whitespace) that contains none of these, in any case, and
/// none of the body words once `-` and `_` are gone, changes no rule: no rule word holds
/// whitespace, so every match lies inside one token. `prepare` drops such tokens before
/// parsing; the proptest `class_filter_changes_no_rule` holds the two together.
const CLASS_WORDS_ELSEWHERE: &[&str] = &[
    "author",
    "byline",
    "bio",
    "avatar",
    "image",
    "publish",
    "posted",
    "entry-date",
    "modif",
    "updated",
    "caption",
    "credit",
];

static CLASS_WORD_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(
                NEG_SUBSTR
                    .iter()
                    .chain(NEG_TOKEN)
                    .chain(CLASS_WORDS_ELSEWHERE),
            )
            .ok()
    });

/// The class token (no whitespace inside) may change a class rule; see
/// [`CLASS_WORDS_ELSEWHERE`].
pub(crate) fn class_token_may_matter(token: &[u8]) -> bool {
    let Some(ac) = CLASS_WORD_AC.as_ref() else {
        return true;
    };
    if ac.is_match(token) {
        return true;
    }
    let mut buf = [0u8; 128];
    if token.len() > buf.len() {
        return true;
    }
    let mut n = 0;
    for &c in token {
        if c != b'-' && c != b'_' {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
    }
    POS_AC.as_ref().is_none_or(|ac| ac.is_match(&buf[..n]))
}

/// For a `<p>`: a class/id token (split at space, `-`, `_`) is a boilerplate word or begins with
/// one (`byline`, `copyright`, `sharebar`); a boilerplate word inside a longer token
/// (`contextmenu`) does not count, as it does for containers.
pub(crate) fn p_class_is_boilerplate(class: &str, id: &str) -> bool {
    class
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .chain(id.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .filter(|t| !t.is_empty())
        .any(|t| {
            let t = t.to_ascii_lowercase();
            NEG_TOKEN.contains(&t.as_str())
                || NEG_SUBSTR
                    .iter()
                    .any(|n| n.chars().all(|c| c.is_ascii_alphanumeric()) && t.starts_with(n))
        })
}

/// Class/id marks a caption or a photo credit: a class token that is or ends in `caption`,
/// `credit` (`wp-caption-text`, `imageCaption`, `photo-credit`), never a feature flag inside a
/// longer token.
pub(crate) fn is_caption_class(class: &str, id: &str) -> bool {
    fn ends_with_ic(t: &str, suffix: &str) -> bool {
        t.len() >= suffix.len()
            && t.as_bytes()[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    }
    class
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .chain(id.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|t| {
            ends_with_ic(t, "caption")
                || ends_with_ic(t, "credit")
                || ends_with_ic(t, "credits")
                || t.eq_ignore_ascii_case("figcaption")
        })
}

/// Lower-cased prefixes of lines that introduce related links, promotions or notices.
const BOILER_PREFIX: &[&str] = &[
    "ये भी पढ़ें",
    "ये भी पढ़े",
    "यह भी पढ़ें",
    "यह भी पढ़े",
    "इसे भी पढ़ें",
    "इसे भी पढ़े",
    "ये भी देखें",
    "यह भी देखें",
    "इसे भी देखें",
    "पढ़ें:",
    "पढ़ें-",
    "और पढ़ें",
    "also read",
    "read also",
    "also see",
    "see also",
    "read more:",
    "read more ",
    "related:",
    "related stories",
    "related articles",
    "related news",
    "recommended:",
    "watch:",
    "click here",
    "follow us",
    "follow on",
    "subscribe to",
    "sign up for",
    "sign up to",
    "download the",
    "advertisement",
    "sponsored",
    "share this",
    "share on",
    "(this story has not been edited",
    "have a tip?",
    "got a tip?",
    "copyright ©",
    "© ",
    "all rights reserved",
];

/// Lower-cased fragments that mark a line as a notice or a promotion anywhere in it.
const BOILER_CONTAINS: &[&str] = &[
    "we use cookies",
    "uses cookies",
    "use of cookies",
    "cookie policy",
    "accept cookies",
    "accept all cookies",
    "कुकीज़",
    "कुकीज",
    "कुकी ",
    "whatsapp चैनल",
    "व्हाट्सऐप चैनल",
    "ऐप डाउनलोड",
    "एप डाउनलोड",
    "app डाउनलोड",
    "लेटेस्ट खबरों के लिए",
    "ताजा खबरों के लिए",
    "join our whatsapp",
    "follow us on",
    "download our app",
    "download the app",
    "get the app",
    "subscribe to our",
    "sign up for our",
    "all rights reserved",
    "javascript is disabled",
    "enable javascript",
    "your browser does not support",
];

const PROMO_CHANNEL: &[&str] = &[
    "whatsapp",
    "व्हाट्सएप",
    "व्हाट्सऐप",
    "वॉट्सऐप",
    "telegram",
    "टेलीग्राम",
    "youtube",
    "यूट्यूब",
    "google news",
    "गूगल न्यूज",
    "instagram",
    "इंस्टाग्राम",
    "facebook",
    "फेसबुक",
    "twitter",
    "ट्विटर",
    " ऐप",
    " app",
    "newsletter",
    "न्यूजलेटर",
];

const PROMO_ACTION: &[&str] = &[
    "फॉलो करें",
    "फॉलो कीजिए",
    "फॉलो करे",
    "जुड़ें",
    "जुड़िए",
    "जुड़े रहें",
    "ज्वाइन करें",
    "डाउनलोड करें",
    "डाउनलोड कीजिए",
    "सब्सक्राइब",
    "क्लिक करें",
    "यहां क्लिक",
    "follow us",
    "join us",
    "join our",
    "click here",
];

static CONTAINS_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(BOILER_CONTAINS).ok());
static CHANNEL_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(PROMO_CHANNEL).ok());
static ACTION_AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(PROMO_ACTION).ok());

/// The line is a related-links label, promotion, cookie notice or legal footer.
pub(crate) fn is_boilerplate_text(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    // The prefixes are short: the lower-cased start of the line is enough.
    let head_end = t.char_indices().nth(48).map_or(t.len(), |(i, _)| i);
    let head = t[..head_end].to_lowercase();
    if BOILER_PREFIX.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    // Promotions are short; a long paragraph that mentions cookies is probably an article
    // about cookies.
    if t.len() >= 600 {
        return false;
    }
    let lower = if head_end == t.len() {
        head
    } else {
        t.to_lowercase()
    };
    let found = |ac: &std::sync::LazyLock<Option<aho_corasick::AhoCorasick>>| {
        ac.as_ref().is_some_and(|a| a.is_match(&lower))
    };
    if found(&CONTAINS_AC) {
        return true;
    }
    // "Follow us on WhatsApp", "टेलीग्राम पर जुड़ें": a channel and a call to action together.
    // A sentence that only mentions WhatsApp ("आरोपी ने WhatsApp पर धमकी भेजी") is news.
    t.len() < 400 && found(&CHANNEL_AC) && found(&ACTION_AC)
}

/// The line only says "related"/"also read" and introduces a list of links that follows.
pub(crate) fn is_related_label(text: &str) -> bool {
    let trimmed = text.trim().trim_end_matches([':', '-', '–', '—', ' ', '|']);
    // Longer than any label (the longest is 40 bytes).
    if trimmed.len() > 64 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    matches!(
        lower.as_str(),
        "ये भी पढ़ें"
            | "ये भी पढ़े"
            | "यह भी पढ़ें"
            | "यह भी पढ़े"
            | "इसे भी पढ़ें"
            | "इसे भी पढ़े"
            | "ये भी देखें"
            | "यह भी देखें"
            | "संबंधित खबरें"
            | "संबंधित ख़बरें"
            | "संबंधित समाचार"
            | "और पढ़ें"
            | "also read"
            | "read also"
            | "read more"
            | "related"
            | "related stories"
            | "related articles"
            | "related news"
            | "related posts"
            | "more from"
            | "you may also like"
            | "you might also like"
            | "recommended"
            | "recommended stories"
            | "more stories"
            | "trending"
            | "most read"
            | "most popular"
            | "top stories"
            | "latest news"
            | "tags"
            | "topics"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert!(class_hint("entry-content clearfix", "", "") > 0);
        assert!(class_hint("social-share", "", "") < 0);
        assert!(class_hint("ad", "", "") < 0);
        assert!(class_hint("head", "", "") == 0);
        assert!(class_hint("", "", "articleBody") > 0);
        assert!(class_hint("cookie-banner", "", "") < 0);
    }

    #[test]
    fn boilerplate_lines() {
        assert!(is_boilerplate_text("ये भी पढ़ें: बिहार में बाढ़ से 12 की मौत"));
        assert!(is_boilerplate_text("Also Read: Markets rally"));
        assert!(is_boilerplate_text("हमारे WhatsApp चैनल को फॉलो करें"));
        assert!(is_boilerplate_text(
            "We use cookies to improve your experience."
        ));
        assert!(!is_boilerplate_text(
            "प्रधानमंत्री ने कहा कि सरकार किसानों के साथ है।"
        ));
        assert!(is_related_label("ये भी पढ़ें:"));
        assert!(is_related_label("Related Stories"));
        assert!(!is_related_label(
            "Related stories were published by the paper yesterday."
        ));
    }
}

#[cfg(test)]
mod automaton_tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition `is_boilerplate_text` must agree with.
    fn boilerplate_oracle(text: &str) -> bool {
        let t = text.trim();
        if t.is_empty() {
            return false;
        }
        let lower = t.to_lowercase();
        if BOILER_PREFIX.iter().any(|p| lower.starts_with(p)) {
            return true;
        }
        if t.len() < 600 && BOILER_CONTAINS.iter().any(|p| lower.contains(p)) {
            return true;
        }
        t.len() < 400
            && PROMO_CHANNEL.iter().any(|p| lower.contains(p))
            && PROMO_ACTION.iter().any(|p| lower.contains(p))
    }

    fn phrase() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(BOILER_PREFIX.to_vec()).prop_map(str::to_uppercase),
            proptest::sample::select(BOILER_PREFIX.to_vec()).prop_map(str::to_string),
            proptest::sample::select(BOILER_CONTAINS.to_vec()).prop_map(str::to_string),
            proptest::sample::select(PROMO_CHANNEL.to_vec()).prop_map(str::to_uppercase),
            proptest::sample::select(PROMO_ACTION.to_vec()).prop_map(str::to_string),
            "[ a-zA-Zक-ह\\u{93e}-\\u{94d}.]{0,40}",
            "[a-z ]{300,700}",
        ]
    }

    proptest! {
        /// The fast line test (prefix on the lower-cased head, automata) says what the plain
        /// definition says.
        #[test]
        fn boilerplate_matches_oracle(parts in proptest::collection::vec(phrase(), 0..5)) {
            let s = parts.concat();
            prop_assert_eq!(is_boilerplate_text(&s), boilerplate_oracle(&s), "{:?}", s);
        }

        /// Dropping the class tokens `class_token_may_matter` rejects changes no class rule.
        #[test]
        fn class_filter_changes_no_rule(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(NEG_SUBSTR.to_vec()).prop_map(str::to_string),
                    proptest::sample::select(NEG_TOKEN.to_vec()).prop_map(str::to_uppercase),
                    proptest::sample::select(POS_SUBSTR.to_vec()).prop_map(str::to_string),
                    proptest::sample::select(CLASS_WORDS_ELSEWHERE.to_vec()).prop_map(str::to_string),
                    Just("-".to_string()),
                    Just("_".to_string()),
                    Just("Caption".to_string()),
                    "[a-zA-Z0-9:/-]{0,9}",
                    "[ \t\n]{1,2}",
                ],
                0..8,
            ),
            id in "[a-z-]{0,8}",
        ) {
            let class = parts.concat();
            let kept: Vec<&str> = class
                .split_ascii_whitespace()
                .filter(|t| class_token_may_matter(t.as_bytes()))
                .collect();
            let kept = kept.join(" ");
            let lc = class.to_ascii_lowercase();
            let lk = kept.to_ascii_lowercase();
            prop_assert_eq!(class_hint(&class, &id, ""), class_hint(&kept, &id, ""), "{:?} -> {:?}", class, kept);
            prop_assert_eq!(is_caption_class(&class, &id), is_caption_class(&kept, &id));
            prop_assert_eq!(p_class_is_boilerplate(&class, &id), p_class_is_boilerplate(&kept, &id));
            prop_assert_eq!(is_byline_class(&lc), is_byline_class(&lk));
            prop_assert_eq!(time_class_hint(&lc), time_class_hint(&lk));
        }

        /// Caption classes are found case-insensitively, token by token.
        #[test]
        fn caption_class_oracle(class in "[a-zA-Z_ -]{0,30}(caption|Credit|credits)?[a-z -]{0,6}") {
            let naive = class
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|t| {
                    let t = t.to_ascii_lowercase();
                    t.ends_with("caption") || t.ends_with("credit") || t.ends_with("credits")
                });
            prop_assert_eq!(is_caption_class(&class, ""), naive);
        }

        /// The automata find exactly what one `contains` per word finds.
        #[test]
        fn automata_match_plain_search(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(NEG_SUBSTR.to_vec()).prop_map(str::to_string),
                    proptest::sample::select(POS_SUBSTR.to_vec()).prop_map(str::to_string),
                    "[a-z_ -]{0,8}",
                ],
                0..6,
            )
        ) {
            let s = parts.concat();
            let naive_neg = NEG_SUBSTR.iter().any(|n| s.contains(n));
            let naive_pos = POS_SUBSTR.iter().any(|p| s.contains(p));
            prop_assert_eq!(NEG_AC.as_ref().map(|a| a.is_match(&s)), Some(naive_neg));
            prop_assert_eq!(POS_AC.as_ref().map(|a| a.is_match(&s)), Some(naive_pos));
        }
    }
}
