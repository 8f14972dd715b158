//! One byte scan before the HTML5 parse that removes what the extractor never reads, so the
//! tokenizer does not have to: comments, the bodies of `<script>` (except JSON-LD), `<style>`,
//! `<noscript>`, `<iframe>`, `<noembed>` and `<noframes>`, and the attributes no rule looks at
//! (`src`, `srcset`, `data-*`, `onclick`, link targets …). It also bounds element nesting (see
//! [`super::MAX_DEPTH`]).
//!
//! The scan follows the HTML5 tokenizer's own rules for where a tag, a comment or a raw-text body
//! ends (quoted attribute values, `--!>`, bogus comments, the script-data escape states), so what
//! it keeps parses into the same tree as before, minus what it removed. The parse that follows is
//! still html5ever's.

/// Attributes the walker reads (see `dom.rs`), plus those that change how the tree is built
/// (`type` for `<input type=hidden>` in tables; `color`, `face`, `size` for `<font>` leaving
/// SVG/MathML).
const KEEP_ATTRS: &[&[u8]] = &[
    b"id",
    b"class",
    b"itemprop",
    b"role",
    b"datetime",
    b"content",
    b"name",
    b"property",
    b"http-equiv",
    b"rel",
    b"lang",
    b"xml:lang",
    b"type",
    b"pubdate",
    b"hidden",
    b"aria-hidden",
    b"style",
    b"color",
    b"face",
    b"size",
];

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn eq_ic(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_ascii_lowercase() == *y)
}

/// A start or end tag as the tokenizer reads it.
struct Tag {
    /// Index just past the closing `>`.
    end: usize,
    name: (usize, usize),
    /// Raw text of each attribute (`name`, `name=value`, `name="value"`) and its name.
    attrs: Vec<Attr>,
    self_closing: bool,
}

struct Attr {
    raw: (usize, usize),
    name: (usize, usize),
    value: (usize, usize),
}

/// Lexes the tag whose name starts at `start` (just after `<` or `</`). `None` at end of input
/// (the tokenizer drops an unfinished tag).
fn lex_tag(b: &[u8], start: usize, attrs: &mut Vec<Attr>) -> Option<Tag> {
    attrs.clear();
    let mut i = start;
    while i < b.len() && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = (start, i);
    let mut self_closing = false;
    loop {
        // Before attribute name.
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        let c = *b.get(i)?;
        if c == b'>' {
            return Some(Tag {
                end: i + 1,
                name,
                attrs: std::mem::take(attrs),
                self_closing,
            });
        }
        if c == b'/' {
            // Self-closing start tag state: `>` ends the tag, anything else starts over as an
            // attribute name.
            i += 1;
            if b.get(i) == Some(&b'>') {
                self_closing = true;
            }
            continue;
        }
        self_closing = false;
        // Attribute name: the first character may be `=`.
        let a0 = i;
        i += 1;
        while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name_end = i;
        // After attribute name.
        let mut j = i;
        while j < b.len() && is_ws(b[j]) {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            attrs.push(Attr {
                raw: (a0, name_end),
                name: (a0, name_end),
                value: (name_end, name_end),
            });
            i = j;
            continue;
        }
        j += 1;
        while j < b.len() && is_ws(b[j]) {
            j += 1;
        }
        let q = *b.get(j)?;
        let (v0, v1, after) = if q == b'"' || q == b'\'' {
            let close = memchr::memchr(q, &b[j + 1..])? + j + 1;
            (j + 1, close, close + 1)
        } else if q == b'>' {
            // Missing value: the tag ends here.
            (j, j, j)
        } else {
            let mut k = j;
            while k < b.len() && !is_ws(b[k]) && b[k] != b'>' {
                k += 1;
            }
            (j, k, k)
        };
        attrs.push(Attr {
            raw: (a0, after),
            name: (a0, name_end),
            value: (v0, v1),
        });
        i = after;
    }
}

/// Index of `</name` followed by a tag delimiter at or after `from` (case-insensitive), or the
/// end of input.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        if is_end_tag_at(b, at, name) {
            return at;
        }
        i = at + 1;
    }
    b.len()
}

fn is_end_tag_at(b: &[u8], at: usize, name: &[u8]) -> bool {
    b.get(at + 1) == Some(&b'/')
        && b.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| eq_ic(n, name))
        && b.get(at + 2 + name.len())
            .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
}

fn is_start_tag_at(b: &[u8], at: usize, name: &[u8]) -> bool {
    b.get(at + 1..at + 1 + name.len())
        .is_some_and(|n| eq_ic(n, name))
        && b.get(at + 1 + name.len())
            .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
}

/// Where a `<script>` body that starts at `from` ends (the index of its `</script`), following
/// the tokenizer's script-data escape states (`<!--`, nested `<script>`, `-->`).
fn find_script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum S {
        Data,
        Escaped,
        Double,
    }
    let mut s = S::Data;
    let mut i = from;
    while i < b.len() {
        match s {
            S::Data => {
                let Some(off) = memchr::memchr(b'<', &b[i..]) else {
                    return b.len();
                };
                let at = i + off;
                if is_end_tag_at(b, at, b"script") {
                    return at;
                }
                if b[at..].starts_with(b"<!--") {
                    // `<!-->`, `<!--->` … go straight back to script data.
                    i = at + 4;
                    while b.get(i) == Some(&b'-') {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'>') {
                        i += 1;
                    } else {
                        s = S::Escaped;
                    }
                    continue;
                }
                i = at + 1;
            }
            S::Escaped | S::Double => {
                let c = b[i];
                if c == b'-' && b[i..].starts_with(b"-->") {
                    s = S::Data;
                    i += 3;
                    continue;
                }
                if c == b'<' {
                    if is_end_tag_at(b, i, b"script") {
                        if s == S::Escaped {
                            return i;
                        }
                        s = S::Escaped;
                        i += 8;
                        continue;
                    }
                    if s == S::Escaped && is_start_tag_at(b, i, b"script") {
                        s = S::Double;
                        i += 7;
                        continue;
                    }
                }
                i += 1;
            }
        }
    }
    b.len()
}

/// How the tokenizer reads the body of an element, and whether the extractor needs it.
enum Body {
    Normal,
    /// Raw text or RCDATA ending at `</name` (`name` lower-cased); `keep` when the extractor
    /// reads it.
    Raw {
        name: &'static [u8],
        keep: bool,
    },
    Script,
    /// `<plaintext>`: everything after is text.
    Rest,
}

fn body_of(name: &[u8]) -> Body {
    let mut low = [0u8; 10];
    if name.len() > low.len() {
        return Body::Normal;
    }
    for (d, s) in low.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    match &low[..name.len()] {
        b"script" => Body::Script,
        b"plaintext" => Body::Rest,
        n => RAW_TEXT
            .iter()
            .find(|(raw, _)| *raw == n)
            .map_or(Body::Normal, |&(name, keep)| Body::Raw { name, keep }),
    }
}

/// Elements whose body the tokenizer reads as raw text up to their end tag, and whether the
/// extractor reads that text (a title does; a style or noscript body is emptied).
const RAW_TEXT: [(&[u8], bool); 8] = [
    (b"style", false),
    (b"noscript", false),
    (b"iframe", false),
    (b"noembed", false),
    (b"noframes", false),
    (b"title", true),
    (b"textarea", true),
    (b"xmp", true),
];

fn keep_attr(b: &[u8], a: &Attr, tag_is_link: bool) -> bool {
    let Some((buf, n)) = lower_name(&b[a.name.0..a.name.1]) else {
        return false;
    };
    let n = &buf[..n];
    KEEP_ATTRS.contains(&n) || (tag_is_link && n == b"href")
}

/// A tag or attribute name lower-cased into a small buffer; `None` when longer than any name
/// the scan looks for.
fn lower_name(name: &[u8]) -> Option<([u8; 12], usize)> {
    let mut buf = [0u8; 12];
    if name.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    Some((buf, name.len()))
}

/// The elements a page leaves open, as far as the tags tell: an upper bound of the tree builder's
/// stack of open elements, whose depth bounds its work per tag (every scope check walks that
/// stack). A start tag opens an element; an end tag closes the nearest open element of its name
/// and those opened after it. An end tag with no open element of its name closes nothing: the
/// tree builder ignores it (or opens and closes an element of its own, as for a stray `</p>`),
/// so counting it as a close would let `<b>x</p>` repeated nest without bound.
#[derive(Default)]
struct OpenElements {
    /// Name keys, outermost first.
    stack: Vec<u64>,
    /// Open elements per name key.
    count: rustc_hash::FxHashMap<u64, u32>,
}

impl OpenElements {
    /// A tag name, ASCII case folded, as a key (FNV-1a).
    fn key(name: &[u8]) -> u64 {
        name.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
            (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
        })
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn open(&mut self, name: &[u8]) {
        let k = Self::key(name);
        // A `p`, `li`, `dt`, `dd`, `option`, `tr`, `td` or `th` start tag closes an element of its
        // kind that is the current one (`<p>a<p>b`, `<li>a<li>b`), as the tree builder does.
        if self.stack.last() == Some(&k) && Self::closes_its_kind(name) {
            self.close(name);
        }
        self.stack.push(k);
        *self.count.entry(k).or_insert(0) += 1;
    }

    fn close(&mut self, name: &[u8]) {
        let k = Self::key(name);
        if self.count.get(&k).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.count.get_mut(&top) {
                *n -= 1;
            }
            if top == k {
                break;
            }
        }
    }

    fn closes_its_kind(name: &[u8]) -> bool {
        ["p", "li", "dt", "dd", "option", "tr", "td", "th"]
            .iter()
            .any(|n| eq_ic(name, n.as_bytes()))
    }

    /// Inside an `<svg>` or `<math>` element, where `/>` closes an element.
    fn in_foreign(&self) -> bool {
        [&b"svg"[..], b"math"]
            .iter()
            .any(|n| self.count.get(&Self::key(n)).is_some_and(|&c| c > 0))
    }
}

/// The page with comments, unread raw-text bodies and unread attributes removed, and opening
/// tags deeper than `max_depth` dropped (with as many closing tags after them).
pub(crate) fn prepare(html: &str, max_depth: usize) -> String {
    prepare_deepest(html, max_depth).0
}

/// [`prepare`], and the deepest nesting of the page's tags (as [`OpenElements`] counts it).
pub(crate) fn prepare_deepest(html: &str, max_depth: usize) -> (String, usize) {
    let mut deepest = 0usize;
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    // Everything before `copied` is already in `out` or dropped.
    let mut copied = 0usize;
    let mut i = 0usize;
    let mut open = OpenElements::default();
    let mut excess = 0usize;
    let mut attrs = Vec::new();
    let mut class_buf = String::new();
    let mut class_cache: rustc_hash::FxHashMap<&str, String> = Default::default();
    // Drops `b[from..to]` from the output.
    let drop = |out: &mut String, copied: &mut usize, from: usize, to: usize| {
        out.push_str(&html[*copied..from]);
        *copied = to;
    };
    // Drops a tag: where the text before it could run into what follows (`<` then `p>`, `&am`
    // then `p;`), an empty comment keeps them apart.
    let drop_token = |out: &mut String, copied: &mut usize, from: usize, to: usize| {
        out.push_str(&html[*copied..from]);
        *copied = to;
        if from > 0 && b[from - 1] != b'>' && !is_ws(b[from - 1]) {
            out.push_str("<!---->");
        }
    };
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        let Some(&n1) = b.get(at + 1) else { break };
        match n1 {
            b'!' if b[at..].starts_with(b"<!--") => {
                let body = at + 4;
                let end = if b.get(body) == Some(&b'>') {
                    body + 1
                } else if b[body..].starts_with(b"->") {
                    body + 2
                } else {
                    comment_end(b, body)
                };
                // An empty comment in its place: a comment ends pending table text, so
                // removing it outright could move whitespace around.
                drop(&mut out, &mut copied, at, end);
                out.push_str("<!---->");
                i = squeeze_ws(b, end, &mut out, &mut copied, html);
            }
            b'!' | b'?' => {
                // Doctype, CDATA outside foreign content, processing instruction: bogus up to `>`.
                i = memchr::memchr(b'>', &b[at + 1..]).map_or(b.len(), |p| at + 2 + p);
            }
            b'/' => {
                let n2 = b.get(at + 2).copied().unwrap_or(0);
                if n2.is_ascii_alphabetic() {
                    let Some(tag) = lex_tag(b, at + 2, &mut attrs) else {
                        break;
                    };
                    if excess > 0 {
                        excess -= 1;
                        drop_token(&mut out, &mut copied, at, tag.end);
                    } else {
                        open.close(&b[tag.name.0..tag.name.1]);
                    }
                    attrs = tag.attrs;
                    i = squeeze_ws(b, tag.end, &mut out, &mut copied, html);
                } else if n2 == b'>' {
                    i = at + 3;
                } else if at + 2 >= b.len() {
                    break;
                } else {
                    i = memchr::memchr(b'>', &b[at + 2..]).map_or(b.len(), |p| at + 3 + p);
                }
            }
            c if c.is_ascii_alphabetic() => {
                let Some(tag) = lex_tag(b, at + 1, &mut attrs) else {
                    break;
                };
                let name = &b[tag.name.0..tag.name.1];
                let lname = lower_name(name);
                let lname = lname.as_ref().map_or(&b""[..], |(buf, n)| &buf[..*n]);
                let void = matches!(
                    lname,
                    b"area"
                        | b"base"
                        | b"br"
                        | b"col"
                        | b"embed"
                        | b"hr"
                        | b"img"
                        | b"input"
                        | b"link"
                        | b"meta"
                        | b"source"
                        | b"track"
                        | b"wbr"
                        | b"param"
                        | b"keygen"
                );
                let is_link = lname == b"link";
                let attr_has = |key: &[u8], word: &str| {
                    tag.attrs.iter().any(|a| {
                        eq_ic(&b[a.name.0..a.name.1], key)
                            && html[a.value.0..a.value.1]
                                .to_ascii_lowercase()
                                .contains(word)
                    })
                };
                // Elements that never hold anything the extractor reads become an empty comment
                // (which, like them, ends pending table text): style and script links, scripts
                // other than JSON-LD with their bodies. (Not images: an `<img>` opens the body,
                // a comment does not.)
                let itemprop = tag
                    .attrs
                    .iter()
                    .any(|a| eq_ic(&b[a.name.0..a.name.1], b"itemprop"));
                if !itemprop && is_link && !attr_has(b"rel", "canonical") {
                    drop(&mut out, &mut copied, at, tag.end);
                    out.push_str("<!---->");
                    i = squeeze_ws(b, tag.end, &mut out, &mut copied, html);
                    attrs = tag.attrs;
                    if i >= b.len() {
                        break;
                    }
                    continue;
                }
                if lname == b"script" && open.depth() < max_depth && !attr_has(b"type", "ld+json") {
                    let body_end = find_script_end(b, tag.end);
                    let mut end_attrs = Vec::new();
                    if body_end < b.len() {
                        if let Some(et) = lex_tag(b, body_end + 2, &mut end_attrs) {
                            drop(&mut out, &mut copied, at, et.end);
                            out.push_str("<!---->");
                            i = squeeze_ws(b, et.end, &mut out, &mut copied, html);
                            attrs = tag.attrs;
                            if i >= b.len() {
                                break;
                            }
                            continue;
                        }
                    }
                }
                let mut dropped = false;
                // `/>` closes only foreign (SVG, MathML) elements: `<div/>` opens a `div`.
                let closed_at_once = void || (tag.self_closing && open.in_foreign());
                if !closed_at_once {
                    if open.depth() >= max_depth {
                        excess += 1;
                        dropped = true;
                        drop_token(&mut out, &mut copied, at, tag.end);
                    } else {
                        open.open(name);
                        deepest = deepest.max(open.depth());
                    }
                }
                // The first `class` (the one the tokenizer keeps), without the tokens no rule
                // reads.
                let class_at = tag
                    .attrs
                    .iter()
                    .position(|a| eq_ic(&b[a.name.0..a.name.1], b"class"));
                let mut class_changed = false;
                if let Some(k) = class_at {
                    let v = &html[tag.attrs[k].value.0..tag.attrs[k].value.1];
                    // Character references are decoded after this scan: leave such values alone.
                    if !v.contains(['&', '"']) {
                        // Pages repeat their classes: each distinct one is filtered once.
                        let filtered = class_cache.entry(v).or_insert_with(|| {
                            let mut f = String::new();
                            for t in v.split_ascii_whitespace() {
                                if super::hints::class_token_may_matter(t.as_bytes()) {
                                    if !f.is_empty() {
                                        f.push(' ');
                                    }
                                    f.push_str(t);
                                }
                            }
                            f
                        });
                        class_changed = filtered.len() != v.len();
                        if class_changed {
                            class_buf.clear();
                            class_buf.push_str(filtered);
                        }
                    }
                }
                if !dropped
                    && (class_changed || tag.attrs.iter().any(|a| !keep_attr(b, a, is_link)))
                {
                    drop(&mut out, &mut copied, at, tag.end);
                    out.push('<');
                    out.push_str(&html[tag.name.0..tag.name.1]);
                    for (k, a) in tag.attrs.iter().enumerate() {
                        if !keep_attr(b, a, is_link) {
                            continue;
                        }
                        // A second `class` is ignored by the tokenizer: it must not take the
                        // place of an emptied first one.
                        let is_class = eq_ic(&b[a.name.0..a.name.1], b"class");
                        if class_changed && is_class && Some(k) != class_at {
                            continue;
                        }
                        if class_changed && Some(k) == class_at {
                            if !class_buf.is_empty() {
                                out.push_str(" class=\"");
                                out.push_str(&class_buf);
                                out.push('"');
                            }
                            continue;
                        }
                        out.push(' ');
                        out.push_str(&html[a.raw.0..a.raw.1]);
                    }
                    // A space before `/>`: an unquoted value would take the `/` in.
                    out.push_str(if tag.self_closing { " />" } else { ">" });
                }
                i = tag.end;
                match body_of(name) {
                    Body::Normal => i = squeeze_ws(b, i, &mut out, &mut copied, html),
                    Body::Script => {
                        let end = find_script_end(b, i);
                        let json = tag.attrs.iter().any(|a| {
                            eq_ic(&b[a.name.0..a.name.1], b"type")
                                && html[a.value.0..a.value.1]
                                    .to_ascii_lowercase()
                                    .contains("ld+json")
                        });
                        if !json || dropped {
                            drop(&mut out, &mut copied, i, end);
                        }
                        i = end;
                    }
                    Body::Raw { name, keep } => {
                        let end = find_end_tag(b, i, name);
                        if !keep || dropped {
                            drop(&mut out, &mut copied, i, end);
                        }
                        i = end;
                    }
                    Body::Rest => {
                        i = b.len();
                    }
                }
                attrs = tag.attrs;
            }
            _ => i = at + 1,
        }
        if i >= b.len() {
            break;
        }
    }
    out.push_str(&html[copied.min(html.len())..]);
    (out, deepest)
}

/// A run of whitespace after a tag shrinks to its first character (indentation between tags is
/// a sixth of a page; the walker reads any run as one space). Returns where the run ends.
fn squeeze_ws(b: &[u8], from: usize, out: &mut String, copied: &mut usize, html: &str) -> usize {
    let mut j = from;
    while j < b.len() && is_ws(b[j]) {
        j += 1;
    }
    if j >= from + 2 {
        out.push_str(&html[*copied..from + 1]);
        *copied = j;
    }
    j
}

/// End of a comment whose text starts at `from`: just past `-->` or `--!>`, or the end of input.
fn comment_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'>', &b[i..]) {
        let gt = i + off;
        let before = &b[from..gt];
        if before.ends_with(b"--") || before.ends_with(b"--!") {
            return gt + 1;
        }
        i = gt + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::super::tree::{parse, Attr, Data, Tree, NONE};
    use super::*;
    use proptest::prelude::*;

    const READ: [Attr; 17] = [
        Attr::Id,
        Attr::Class,
        Attr::Itemprop,
        Attr::Role,
        Attr::Datetime,
        Attr::Content,
        Attr::Name,
        Attr::Property,
        Attr::HttpEquiv,
        Attr::Rel,
        Attr::Lang,
        Attr::XmlLang,
        Attr::Type,
        Attr::Pubdate,
        Attr::Hidden,
        Attr::AriaHidden,
        Attr::Style,
    ];

    /// What the walker can see of a tree: elements with the attributes it reads, text with
    /// adjacent pieces joined and whitespace runs collapsed, nothing of unread raw-text bodies.
    fn view(t: &Tree) -> String {
        fn go(t: &Tree, n: u32, out: &mut String) {
            let tag = t.tag(n);
            let is_json = tag == "script"
                && t.attr(n, Attr::Type)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("ld+json"));
            let skip_text = matches!(
                tag,
                "script" | "style" | "noscript" | "iframe" | "noembed" | "noframes"
            ) && !is_json;
            if !tag.is_empty() {
                out.push('<');
                out.push_str(tag);
                for k in READ {
                    if let Some(v) = t.attr(n, k) {
                        if k == Attr::Class {
                            // Compared as the rules see it (see `class_filter_changes_no_rule`).
                            let kept: Vec<&str> = v
                                .split_ascii_whitespace()
                                .filter(|t| {
                                    super::super::hints::class_token_may_matter(t.as_bytes())
                                })
                                .collect();
                            if !kept.is_empty() {
                                out.push_str(&format!(" class={:?}", kept.join(" ")));
                            }
                            continue;
                        }
                        out.push_str(&format!(" {k:?}={v:?}"));
                    }
                }
                if tag == "link" {
                    out.push_str(&format!(" href={:?}", t.attr(n, Attr::Href)));
                }
                out.push('>');
            }
            let mut text = String::new();
            let mut c = t.nodes[n as usize].first;
            while c != NONE {
                match &t.nodes[c as usize].data {
                    Data::Text(s) if !skip_text => text.push_str(s),
                    // Replaced by a comment: splits no text for the walker.
                    Data::Element { .. } if replaced(t, c) => {}
                    Data::Element { .. } => {
                        flush(&mut text, out);
                        go(t, c, out);
                    }
                    _ => {}
                }
                c = t.nodes[c as usize].next;
            }
            flush(&mut text, out);
            if !tag.is_empty() {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
        /// Elements `prepare` replaces by a comment.
        fn replaced(t: &Tree, n: u32) -> bool {
            let tag = t.tag(n);
            let has = |k: Attr, w: &str| {
                t.attr(n, k)
                    .is_some_and(|v| v.to_ascii_lowercase().contains(w))
            };
            let itemprop = t.attr(n, Attr::Itemprop).is_some();
            (tag == "script" && !has(Attr::Type, "ld+json"))
                || (!itemprop && tag == "link" && !has(Attr::Rel, "canonical"))
        }
        fn flush(text: &mut String, out: &mut String) {
            // Whitespace-only text can move with table foster parenting when a comment no
            // longer splits it; the walker reads it as a space either way.
            if text.split_whitespace().next().is_some() {
                out.push_str(&format!(
                    "{:?}",
                    text.split_whitespace().collect::<Vec<_>>()
                ));
            }
            text.clear();
        }
        let mut out = String::new();
        go(t, 0, &mut out);
        out
    }

    fn same_view(html: &str) -> Result<(), TestCaseError> {
        let prepared = prepare(html, usize::MAX);
        prop_assert_eq!(
            view(&parse(html).tree),
            view(&parse(&prepared).tree),
            "input {:?}\nprepared {:?}",
            html,
            prepared
        );
        Ok(())
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "<p>",
            "</p>",
            "<div class=\"a b\" data-x='1' id=z>",
            "<div class='x post-body Byline'>",
            "</div>",
            "<DIV CLASS=up>",
            "<span onclick=\"f('<p>')\" class=s>",
            "</span>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<a href=\"/x\" title='t>u'>",
            "</a>",
            "<table>",
            "<tr>",
            "<td>",
            "</table>",
            "<script>",
            "<SCRIPT type=text/javascript>",
            "</script>",
            "</script ",
            "</scripts>",
            "<script type=\"application/ld+json\">",
            "<!--",
            "-->",
            "--!>",
            "<!-->",
            "<!--->",
            "<style>",
            "</style>",
            "</STYLE>",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<noscript>",
            "</noscript>",
            "<iframe src=x>",
            "</iframe>",
            "<xmp>",
            "</xmp>",
            "<plaintext>",
            "<br/>",
            "<img src=a.png alt='x'>",
            "<input type=hidden>",
            "<link rel=canonical href='/c'>",
            "<meta property=og:title content='T'>",
            "<li>",
            "<h2>",
            "</h2>",
            "<template>",
            "</template>",
            "<!DOCTYPE html>",
            "<?xml x?>",
            "</ x>",
            "</>",
            "<",
            ">",
            "\"",
            "'",
            "=",
            "/",
            "</",
            "<!",
            "<3",
            " ",
            "\n  \t",
            "\r\n",
            "word",
            "Wörd",
            "दो",
            "&amp;",
            "<div hidden style='display: none'>",
            "<p data-a=1 data-b data-c = '2' id=q/>",
            "<a/b>",
            "<a =x>",
            "<div class=",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever the markup, the prepared page parses into the tree the walker would have
        /// seen without preparation.
        #[test]
        fn prepared_page_parses_the_same(parts in proptest::collection::vec(piece(), 0..40)) {
            same_view(&parts.concat())?;
        }
    }

    #[test]
    fn removes_unread_parts() {
        let p = prepare(
            "<!-- c --><script src=a>var x = '</div>';</script><style>p{}</style><p class='a entry-content' data-x=1 onclick='y'>t</p><script type='application/ld+json'>{\"a\":1}</script>",
            usize::MAX,
        );
        assert_eq!(
            p,
            "<!----><!----><style></style><p class=\"entry-content\">t</p><script type='application/ld+json'>{\"a\":1}</script>"
        );
    }

    #[test]
    fn script_escape_states() {
        // `</script>` inside `<!--<script>` … `</script>` does not end the script.
        let html = "<script><!--<script>a</script>b--></script><p>after</p>";
        let p = prepare(html, usize::MAX);
        assert_eq!(p, "<!----><p>after</p>");
        same_view(html).unwrap();
    }

    #[test]
    fn stray_end_tags_do_not_undo_the_nesting_bound() {
        // `</p>` with no open `p` closes nothing: the `b`s nest on.
        let html = "<b>x</p>".repeat(5);
        let p = prepare(&html, 3);
        assert_eq!(p.matches("<b>").count(), 3, "{p}");
        // `<div/>` opens a div; inside SVG, `<path/>` opens nothing.
        assert_eq!(prepare(&"<div/>".repeat(5), 2).matches("<div/>").count(), 2);
        let svg = format!("<svg>{}</svg><p>x</p>", "<path/>".repeat(5));
        assert_eq!(prepare(&svg, 3), svg);
        // `<p>a<p>b` nests nothing.
        assert_eq!(prepare(&"<p>a".repeat(5), 2), "<p>a".repeat(5));
        // An end tag closes what was opened after its element.
        assert_eq!(
            prepare("<div><b><i>x</div><p>y</p><p>z</p>", 3),
            "<div><b><i>x</div><p>y</p><p>z</p>"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let html = "<div><div><div><p>x</p></div></div></div>";
        // The dropped `</p>` follows text: an empty comment keeps `x` apart from what comes next.
        assert_eq!(prepare(html, 2), "<div><div>x<!----></div></div>");
    }
}
