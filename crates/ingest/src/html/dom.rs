//! One iterative walk over the parsed DOM: text blocks with their container chain, plus every
//! piece of metadata evidence (meta tags, JSON-LD, `<time>`, bylines, headings). No recursion,
//! so a page nested 100,000 deep is walked like any other.

use super::hints::{self, TimeHint};
use super::tree::{Attr, Data, Tree, NONE};
use super::BlockKind;
use unicode_segmentation::UnicodeSegmentation;

/// A block-level element that can hold article text.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub parent: Option<usize>,
    /// Class/id/itemprop hint: > 0 body-like, < 0 boilerplate-like (soft: may be overruled).
    pub hint: i32,
    pub tag: html5ever::LocalName,
    /// Hidden by the `hidden` attribute or an inline `display:none`: dropped unless it holds
    /// most of the page's text (streaming renderers ship the whole page in a hidden `<div>`
    /// that a script reveals).
    pub hidden: bool,
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub text: String,
    pub graphemes: usize,
    pub link_graphemes: usize,
    /// Index into [`Flat::elems`] of the innermost block element holding the text.
    pub owner: usize,
    pub kind: BlockKind,
    pub caption: bool,
    /// Inside a `<p>` (directly or through inline elements).
    pub in_p: bool,
    /// [`hints::is_boilerplate_text`] of the text.
    pub boilerplate: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Evidence {
    pub html_lang: Option<String>,
    pub title_tag: Option<String>,
    pub canonical: Option<String>,
    /// (lower-cased name/property/itemprop/http-equiv, content)
    pub metas: Vec<(String, String)>,
    pub ld_json: Vec<String>,
    pub h1: Vec<String>,
    pub headline_prop: Vec<String>,
    /// Texts of byline-like elements (itemprop=author, rel=author, class author/byline).
    pub bylines: Vec<String>,
    /// `<time>` datetime attributes (or text), with whether they look like a publication time.
    pub times: Vec<(String, TimeHint)>,
}

#[derive(Debug, Default)]
pub(crate) struct Flat {
    pub elems: Vec<Elem>,
    pub blocks: Vec<RawBlock>,
    pub evidence: Evidence,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    LdJson,
    H1,
    Headline,
    Byline,
    Time(TimeHint),
}

struct Frame {
    is_elem: bool,
    suppress: bool,
    caption: bool,
    link: bool,
    block: bool,
    kind: Option<BlockKind>,
    p: bool,
    captures: Vec<Capture>,
}

struct Walker {
    flat: Flat,
    frames: Vec<Frame>,
    block_stack: Vec<usize>,
    kind_stack: Vec<BlockKind>,
    suppress: usize,
    caption: usize,
    link: usize,
    p_depth: usize,
    buf: String,
    buf_link_chars: usize,
    buf_chars: usize,
    active: Vec<(Capture, String)>,
}

const MAX_CAPTURE: usize = 4000;
const MAX_LD_JSON: usize = 400_000;

impl Walker {
    fn push_text(&mut self, t: &str) {
        for (cap, s) in self.active.iter_mut() {
            let limit = if *cap == Capture::LdJson {
                MAX_LD_JSON
            } else {
                MAX_CAPTURE
            };
            if s.len() < limit {
                s.push_str(t);
            }
        }
        if self.suppress > 0 {
            return;
        }
        // Whitespace runs become one space; no space at the start of a block.
        for (k, piece) in t.split(char::is_whitespace).enumerate() {
            if k > 0 && !self.buf.is_empty() && !self.buf.ends_with(' ') {
                self.buf.push(' ');
                self.buf_chars += 1;
            }
            if !piece.is_empty() {
                self.buf.push_str(piece);
                let n = if piece.is_ascii() {
                    piece.len()
                } else {
                    piece.chars().count()
                };
                self.buf_chars += n;
                if self.link > 0 {
                    self.buf_link_chars += n;
                }
            }
        }
    }

    fn flush(&mut self) {
        let text = self.buf.trim();
        // Markup shown as text (`<noscript>` content parsed as raw text) is not prose.
        let markup = text.starts_with('<') && text.ends_with('>') && text.contains('=');
        if !markup && !text.is_empty() && text.chars().any(|c| c.is_alphanumeric()) {
            let text = text.to_string();
            let graphemes = grapheme_count(&text);
            let boilerplate = hints::is_boilerplate_text(&text);
            let link_graphemes = if self.buf_chars == 0 {
                0
            } else {
                (self.buf_link_chars * graphemes)
                    .div_ceil(self.buf_chars)
                    .min(graphemes)
            };
            let owner = self.block_stack.last().copied().unwrap_or(0);
            self.flat.blocks.push(RawBlock {
                text,
                graphemes,
                link_graphemes,
                owner,
                kind: self
                    .kind_stack
                    .last()
                    .copied()
                    .unwrap_or(BlockKind::Paragraph),
                caption: self.caption > 0,
                in_p: self.p_depth > 0,
                boilerplate,
            });
        }
        self.buf.clear();
        self.buf_chars = 0;
        self.buf_link_chars = 0;
    }

    fn enter(&mut self, t: &Tree, n: u32) {
        let tag = t.tag(n);
        let get = |k: Attr| t.attr(n, k);
        let attr = |k: Attr| t.attr(n, k).unwrap_or("");
        let class = attr(Attr::Class);
        let id = attr(Attr::Id);
        let itemprop = attr(Attr::Itemprop);
        let mut captures = Vec::new();
        // Metadata evidence, gathered everywhere.
        match tag {
            "html" if self.flat.evidence.html_lang.is_none() => {
                let lang = get(Attr::Lang)
                    .or_else(|| get(Attr::XmlLang))
                    .unwrap_or("")
                    .trim();
                if !lang.is_empty() {
                    self.flat.evidence.html_lang = Some(lang.to_string());
                }
            }
            "meta" => {
                let key = get(Attr::Property)
                    .or_else(|| get(Attr::Name))
                    .or_else(|| get(Attr::Itemprop))
                    .or_else(|| get(Attr::HttpEquiv));
                let content = get(Attr::Content).or_else(|| get(Attr::Datetime));
                if let (Some(k), Some(c)) = (key, content) {
                    if self.flat.evidence.metas.len() < 500 {
                        self.flat
                            .evidence
                            .metas
                            .push((k.trim().to_ascii_lowercase(), c.trim().to_string()));
                    }
                }
            }
            "link" => {
                let rel = attr(Attr::Rel).to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && self.flat.evidence.canonical.is_none()
                {
                    let href = attr(Attr::Href).trim();
                    if !href.is_empty() {
                        self.flat.evidence.canonical = Some(href.to_string());
                    }
                }
            }
            "title" if self.flat.evidence.title_tag.is_none() => captures.push(Capture::Title),
            "script" if attr(Attr::Type).to_ascii_lowercase().contains("ld+json") => {
                captures.push(Capture::LdJson)
            }
            "h1" => captures.push(Capture::H1),
            _ => {}
        }
        if itemprop.eq_ignore_ascii_case("headline") {
            captures.push(Capture::Headline);
        }
        let lc_class = class.to_ascii_lowercase();
        if itemprop.eq_ignore_ascii_case("author")
            || attr(Attr::Rel).eq_ignore_ascii_case("author")
            || hints::is_byline_class(&lc_class)
        {
            captures.push(Capture::Byline);
        }
        let time_hint =
            if itemprop.eq_ignore_ascii_case("datePublished") || get(Attr::Pubdate).is_some() {
                Some(TimeHint::Published)
            } else if itemprop.eq_ignore_ascii_case("dateModified") {
                Some(TimeHint::Modified)
            } else if tag == "time" {
                Some(hints::time_class_hint(&lc_class))
            } else {
                None
            };
        if let Some(h) = time_hint {
            if let Some(dt) = get(Attr::Datetime).or_else(|| get(Attr::Content)) {
                if self.flat.evidence.times.len() < 50 {
                    self.flat.evidence.times.push((dt.trim().to_string(), h));
                }
            } else {
                captures.push(Capture::Time(h));
            }
        }
        for c in &captures {
            if !self.active.iter().any(|(a, _)| a == c) {
                self.active.push((*c, String::new()));
            }
        }

        // Content structure.
        let is_block = hints::is_block_tag(tag);
        if is_block {
            self.flush();
        }
        let hidden =
            get(Attr::Hidden).is_some() || attr(Attr::AriaHidden).eq_ignore_ascii_case("true") || {
                let st = attr(Attr::Style);
                !st.is_empty() && {
                    let s: String = st
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    s.contains("display:none") || s.contains("visibility:hidden")
                }
            };
        // A hidden block element is judged later, with the page's text in view (see `Elem::hidden`);
        // hidden inline elements go now.
        let soft_hidden = hidden && is_block && !matches!(tag, "br" | "hr");
        // Page furniture (nav, aside, header, footer, menu) is judged by its score here, not
        // dropped with its subtree: some sites put the article inside such tags.
        let hard_drop = (hidden && !soft_hidden)
            || (hints::is_dropped_tag(tag)
                && !matches!(tag, "nav" | "aside" | "footer" | "header" | "menu"))
            || is_dropped_role(attr(Attr::Role));
        let caption = tag == "figcaption"
            || tag == "figure"
            || (!matches!(tag, "html" | "body" | "main" | "article" | "section")
                && hints::is_caption_class(class, id));
        let suppress = hard_drop && self.suppress == 0;
        if suppress {
            self.suppress += 1;
        }
        if caption {
            self.caption += 1;
        }
        let link = tag == "a";
        if link {
            self.link += 1;
        }
        let p = tag == "p";
        if p {
            self.p_depth += 1;
        }
        let kind = match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "li" | "dd" | "dt" => Some(BlockKind::ListItem),
            "blockquote" => Some(BlockKind::Quote),
            _ => None,
        };
        if let Some(k) = kind {
            self.kind_stack.push(k);
        }
        let mut block = false;
        if is_block && self.suppress == 0 && !matches!(tag, "br" | "hr") {
            let mut hint = hints::class_hint(class, id, itemprop);
            if hints::is_dropped_tag(tag) && hint <= 0 {
                hint = -2;
            }
            if matches!(tag, "html" | "body") {
                hint = 0;
            }
            if tag == "p" && hint < 0 && !hints::p_class_is_boilerplate(class, id) {
                // A paragraph's class counts against it only word for word: `byline`,
                // `copyright-note`, not `contextmenu`.
                hint = 0;
            }
            if matches!(tag, "article" | "main") && hint < 0 {
                // Post classes (`tag-politics`, `category-news`) must not drop the post.
                hint = 0;
            }
            let parent = self.block_stack.last().copied();
            self.flat.elems.push(Elem {
                parent,
                hint,
                tag: match &t.nodes[n as usize].data {
                    Data::Element { name, .. } => name.local.clone(),
                    _ => html5ever::LocalName::from(""),
                },
                hidden: soft_hidden,
            });
            self.block_stack.push(self.flat.elems.len() - 1);
            block = true;
        }
        self.frames.push(Frame {
            is_elem: true,
            suppress,
            caption,
            link,
            block,
            kind,
            p,
            captures,
        });
    }

    fn leave(&mut self) {
        let Some(f) = self.frames.pop() else { return };
        if !f.is_elem {
            return;
        }
        if f.block {
            self.flush();
        }
        for c in f.captures {
            if let Some(pos) = self.active.iter().position(|(a, _)| *a == c) {
                let (_, s) = self.active.swap_remove(pos);
                self.finish_capture(c, s);
            }
        }
        if f.block {
            self.block_stack.pop();
        }
        if f.kind.is_some() {
            self.kind_stack.pop();
        }
        if f.suppress {
            self.suppress -= 1;
        }
        if f.caption {
            self.caption -= 1;
        }
        if f.link {
            self.link -= 1;
        }
        if f.p {
            self.p_depth -= 1;
        }
    }

    fn finish_capture(&mut self, c: Capture, s: String) {
        let ev = &mut self.flat.evidence;
        if c == Capture::LdJson {
            if ev.ld_json.len() < 20 {
                ev.ld_json.push(s);
            }
            return;
        }
        let t = collapse_ws(&s);
        if t.is_empty() {
            return;
        }
        match c {
            Capture::Title => ev.title_tag = Some(t),
            Capture::H1 if ev.h1.len() < 10 => ev.h1.push(t),
            Capture::Headline if ev.headline_prop.len() < 5 => ev.headline_prop.push(t),
            Capture::Byline if ev.bylines.len() < 20 && t.chars().count() < 200 => {
                ev.bylines.push(t)
            }
            Capture::Time(h) if ev.times.len() < 50 => ev.times.push((t, h)),
            _ => {}
        }
    }
}

fn is_dropped_role(role: &str) -> bool {
    !role.is_empty() && hints::is_dropped_role(&role.to_ascii_lowercase())
}

/// Grapheme clusters in whitespace-collapsed text. Below U+0300, and in general punctuation and
/// currency signs (U+2010–U+20CF), no character joins its neighbour (whitespace is collapsed,
/// so there is no `\r\n`): text made only of those has one cluster per character.
fn grapheme_count(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    let mut n = 0;
    for c in text.chars() {
        if (c as u32) < 0x300 || ('\u{2010}'..='\u{20CF}').contains(&c) {
            n += 1;
        } else {
            return text.graphemes(true).count();
        }
    }
    n
}

pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Walks the document once.
pub(crate) fn flatten(t: &Tree) -> Flat {
    let mut w = Walker {
        flat: Flat::default(),
        frames: Vec::new(),
        block_stack: Vec::new(),
        kind_stack: Vec::new(),
        suppress: 0,
        caption: 0,
        link: 0,
        p_depth: 0,
        buf: String::new(),
        buf_link_chars: 0,
        buf_chars: 0,
        active: Vec::new(),
    };
    // A synthetic root container so that every block has an owner.
    w.flat.elems.push(Elem {
        parent: None,
        hint: 0,
        tag: html5ever::LocalName::from("#root"),
        hidden: false,
    });
    w.block_stack.push(0);

    let nodes = &t.nodes;
    let mut node = 0u32;
    'walk: loop {
        let mut descend = false;
        match &nodes[node as usize].data {
            Data::Element { .. } => {
                w.enter(t, node);
                descend = true;
            }
            Data::Text(s) => w.push_text(s),
            Data::Document => descend = true,
            Data::Other => {}
        }
        if descend {
            let c = nodes[node as usize].first;
            if c != NONE {
                node = c;
                continue;
            }
        }
        loop {
            if matches!(nodes[node as usize].data, Data::Element { .. }) {
                w.leave();
            }
            if node == 0 {
                break 'walk;
            }
            let s = nodes[node as usize].next;
            if s != NONE {
                node = s;
                break;
            }
            let p = nodes[node as usize].parent;
            if p == NONE {
                break 'walk;
            }
            node = p;
        }
    }
    w.flush();
    w.flat
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast count agrees with full segmentation, joiners and combining marks included.
        #[test]
        fn grapheme_count_is_unicode_segmentation(
            s in "[a-zé“”—€ \u{300}\u{93e}क\u{94d}\u{200d}\u{2060}\u{20d0}\u{1f600}]{0,30}"
        ) {
            let s = collapse_ws(&s);
            prop_assert_eq!(grapheme_count(&s), s.graphemes(true).count());
        }
    }
}
