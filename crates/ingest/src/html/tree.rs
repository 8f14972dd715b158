//! A compact DOM for the extractor, built by html5ever's tree builder through [`TreeSink`].
//!
//! Nodes live in one `Vec` linked by `u32` indices; an element keeps its name and only the
//! attributes the walker reads ([`Attr`]), all in one shared `Vec`; comments, doctypes and
//! processing instructions are not kept. Template contents are a separate fragment, never a
//! child (the walker drops templates anyway).

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

pub(crate) const NONE: u32 = u32::MAX;

/// The attributes the walker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attr {
    Id,
    Class,
    Itemprop,
    Role,
    Datetime,
    Content,
    Name,
    Property,
    HttpEquiv,
    Rel,
    Lang,
    XmlLang,
    Type,
    Pubdate,
    Hidden,
    AriaHidden,
    Style,
    Href,
}

fn attr_key(name: &QualName) -> Option<Attr> {
    Some(match &*name.local {
        "id" => Attr::Id,
        "class" => Attr::Class,
        "itemprop" => Attr::Itemprop,
        "role" => Attr::Role,
        "datetime" => Attr::Datetime,
        "content" => Attr::Content,
        "name" => Attr::Name,
        "property" => Attr::Property,
        "http-equiv" => Attr::HttpEquiv,
        "rel" => Attr::Rel,
        "lang" if name.ns.is_empty() => Attr::Lang,
        "lang" => Attr::XmlLang,
        "xml:lang" => Attr::XmlLang,
        "type" => Attr::Type,
        "pubdate" => Attr::Pubdate,
        "hidden" => Attr::Hidden,
        "aria-hidden" => Attr::AriaHidden,
        "style" => Attr::Style,
        "href" => Attr::Href,
        _ => return None,
    })
}

#[derive(Debug)]
pub(crate) enum Data {
    Document,
    Element {
        name: QualName,
        /// Range in [`Tree::attrs`].
        attrs: (u32, u32),
        /// The template contents (a fragment) of a `<template>`.
        template: u32,
    },
    Text(StrTendril),
    /// Comment, processing instruction: kept as a node only so that handles stay valid.
    Other,
}

#[derive(Debug)]
pub(crate) struct Node {
    pub parent: u32,
    pub first: u32,
    pub last: u32,
    pub prev: u32,
    pub next: u32,
    /// Depth below the document where the node was last placed (moving a subtree does not
    /// update its descendants: this only has to notice nesting that keeps growing).
    depth: u32,
    pub data: Data,
}

#[derive(Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    attrs: Vec<(Attr, StrTendril)>,
    /// The deepest placement so far (see [`Node::depth`]).
    deepest: u32,
    /// The sum of the depths of every placement so far: the tree builder's scope checks walk
    /// its stack of open elements, about as deep as where the node is placed, so this follows
    /// the parse's work (see [`MAX_WORK`]).
    pub work: u64,
    /// Returned by `elem_name` for a handle that is not an element (the tree builder never asks).
    no_name: QualName,
}

impl Tree {
    fn new() -> Tree {
        Tree {
            nodes: vec![Node::new(Data::Document)],
            attrs: Vec::new(),
            deepest: 0,
            work: 0,
            no_name: QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div")),
        }
    }

    /// The element's name (lower case for HTML elements); `""` for other nodes.
    pub fn tag(&self, n: u32) -> &str {
        match &self.nodes[n as usize].data {
            Data::Element { name, .. } => &name.local,
            _ => "",
        }
    }

    /// An attribute of an element.
    pub fn attr(&self, n: u32, key: Attr) -> Option<&str> {
        let Data::Element { attrs, .. } = &self.nodes[n as usize].data else {
            return None;
        };
        self.attrs[attrs.0 as usize..attrs.1 as usize]
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| &**v)
    }

    fn push(&mut self, data: Data) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node::new(data));
        id
    }

    fn detach(&mut self, n: u32) {
        let (parent, prev, next) = {
            let x = &self.nodes[n as usize];
            (x.parent, x.prev, x.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last = prev;
        }
        let x = &mut self.nodes[n as usize];
        x.parent = NONE;
        x.prev = NONE;
        x.next = NONE;
    }

    fn append_node(&mut self, parent: u32, child: u32) {
        self.detach(child);
        let last = self.nodes[parent as usize].last;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first = child;
        }
        self.nodes[parent as usize].last = child;
        self.place(child, self.nodes[parent as usize].depth + 1);
    }

    fn place(&mut self, n: u32, depth: u32) {
        self.nodes[n as usize].depth = depth;
        self.deepest = self.deepest.max(depth);
        self.work += u64::from(depth);
    }

    fn insert_before(&mut self, sibling: u32, child: u32) {
        self.detach(child);
        let (parent, prev) = {
            let s = &self.nodes[sibling as usize];
            (s.parent, s.prev)
        };
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.nodes[sibling as usize].prev = child;
        if prev != NONE {
            self.nodes[prev as usize].next = child;
        } else {
            self.nodes[parent as usize].first = child;
        }
        self.place(child, self.nodes[sibling as usize].depth);
    }

    /// Appends text to `n` when it is a text node.
    fn merge_text(&mut self, n: u32, text: &StrTendril) -> bool {
        if n == NONE {
            return false;
        }
        match &mut self.nodes[n as usize].data {
            Data::Text(t) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
            data,
        }
    }
}

struct Sink(RefCell<Tree>);

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Tree;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |t| match &t.nodes[*target as usize].data {
            Data::Element { name, .. } => name,
            _ => &t.no_name,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> u32 {
        let mut t = self.0.borrow_mut();
        let start = t.attrs.len() as u32;
        for a in attrs {
            if let Some(k) = attr_key(&a.name) {
                t.attrs.push((k, a.value));
            }
        }
        let end = t.attrs.len() as u32;
        let template = if name.ns == html5ever::ns!(html) && &*name.local == "template" {
            t.push(Data::Document)
        } else {
            NONE
        };
        t.push(Data::Element {
            name,
            attrs: (start, end),
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.0.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.0.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut t = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(c) => t.append_node(*parent, c),
            NodeOrText::AppendText(text) => {
                let last = t.nodes[*parent as usize].last;
                if !t.merge_text(last, &text) {
                    let c = t.push(Data::Text(text));
                    t.append_node(*parent, c);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self.0.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &u32) -> u32 {
        let mut t = self.0.borrow_mut();
        match t.nodes[*target as usize].data {
            Data::Element { template, .. } if template != NONE => template,
            // Never asked for a non-template; give it a detached fragment all the same.
            _ => t.push(Data::Document),
        }
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut t = self.0.borrow_mut();
        if t.nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(c) => t.insert_before(*sibling, c),
            NodeOrText::AppendText(text) => {
                let prev = t.nodes[*sibling as usize].prev;
                if !t.merge_text(prev, &text) {
                    let c = t.push(Data::Text(text));
                    t.insert_before(*sibling, c);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut t = self.0.borrow_mut();
        let Data::Element { attrs: range, .. } = t.nodes[*target as usize].data else {
            return;
        };
        let mut new: Vec<(Attr, StrTendril)> = Vec::new();
        for a in attrs {
            if let Some(k) = attr_key(&a.name) {
                let have = t.attrs[range.0 as usize..range.1 as usize]
                    .iter()
                    .chain(new.iter())
                    .any(|(x, _)| *x == k);
                if !have {
                    new.push((k, a.value));
                }
            }
        }
        if new.is_empty() {
            return;
        }
        // The element's attributes move to the end of the shared list, followed by the new ones.
        let start = t.attrs.len() as u32;
        for i in range.0..range.1 {
            let a = t.attrs[i as usize].clone();
            t.attrs.push(a);
        }
        t.attrs.extend(new);
        let end = t.attrs.len() as u32;
        if let Data::Element { attrs: r, .. } = &mut t.nodes[*target as usize].data {
            *r = (start, end);
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut t = self.0.borrow_mut();
        let mut c = t.nodes[*node as usize].first;
        while c != NONE {
            let next = t.nodes[c as usize].next;
            t.append_node(*new_parent, c);
            c = next;
        }
    }
}

/// Parses a whole document (html5ever, scripting on, as browsers do).
/// Nesting deeper than this in the tree being built stops the parse (see [`parse`]).
pub(crate) const MAX_TREE_DEPTH: u32 = 2 * super::MAX_DEPTH as u32;
/// More nodes than this stop the parse (see [`parse`]).
pub(crate) const MAX_NODES: usize = 1 << 20;
/// More work than this ([`Tree::work`], the sum of the depths of all placements) stops the
/// parse. Nesting under [`MAX_TREE_DEPTH`] still lets every tag cost hundreds of steps: 8 MB of
/// `<p>x</p>` inside 250 `div`s took 1.1 s (release build) before this bound, 0.35 s with it.
/// The most of any of the 974 pages of the extraction sets is 152,274, 440 times less (WCXB
/// 4340; `extract_bench depth DIR`).
pub(crate) const MAX_WORK: u64 = 1 << 26;
/// Bytes handed to the parser between two looks at the tree.
const CHUNK: usize = 16 * 1024;

/// The parse of a page, and whether it stopped early.
pub(crate) struct Parsed {
    pub tree: Tree,
    /// The tree went past [`MAX_TREE_DEPTH`], [`MAX_NODES`] or [`MAX_WORK`]: the rest of the page
    /// was not read.
    pub cut: bool,
}

/// Parses a page, fed to the parser [`CHUNK`] bytes at a time. The tree builder's work per tag
/// grows with the nesting of what it has built (its scope checks walk the stack of open
/// elements), and misnested markup makes it build elements no tag names (reopened formatting
/// elements, adoption-agency clones), which the nesting bound of `prepare` cannot count. So the
/// tree itself is watched: once it nests deeper than [`MAX_TREE_DEPTH`], holds more than
/// [`MAX_NODES`] nodes or has cost more than [`MAX_WORK`], no more input is fed and the page is
/// what was built. This bounds the
/// work per page by its size, without a clock (same page, same result).
pub(crate) fn parse(html: &str) -> Parsed {
    parse_within(html, MAX_WORK)
}

/// [`parse`] with another work bound.
fn parse_within(html: &str, max_work: u64) -> Parsed {
    let mut parser = html5ever::parse_document(Sink(RefCell::new(Tree::new())), Default::default());
    let mut at = 0;
    let mut cut = false;
    while at < html.len() {
        let mut end = (at + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[at..end]));
        at = end;
        let t = parser.tokenizer.sink.sink.0.borrow();
        if at < html.len()
            && (t.deepest > MAX_TREE_DEPTH || t.nodes.len() > MAX_NODES || t.work > max_work)
        {
            cut = true;
            break;
        }
    }
    Parsed {
        tree: parser.finish(),
        cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misnested_markup_stops_the_parse_at_its_bound() {
        // An `<a>` closed across a `<div>`: the adoption agency leaves each `div` open and
        // clones the `a` into it, so the tree nests one level deeper per repeat whatever the
        // tags' own nesting says.
        let page: String = (0..3000)
            .map(|i| format!("<a class=c{i}>x<div>y</a>"))
            .collect();
        let p = parse(&page);
        assert!(p.cut);
        assert!(p.tree.deepest > MAX_TREE_DEPTH);
        assert!(p.tree.deepest < 2 * MAX_TREE_DEPTH, "{}", p.tree.deepest);
        // A wide page of the same size is read whole.
        let flat: String = (0..3000)
            .map(|i| format!("<p class=c{i}>x y</p>"))
            .collect();
        let p = parse(&flat);
        assert!(!p.cut);
        assert_eq!(
            p.tree
                .nodes
                .iter()
                .filter(|n| matches!(n.data, Data::Element { .. }))
                .count(),
            3003
        );
    }

    #[test]
    fn deep_pages_stop_at_the_work_bound_and_wide_ones_do_not() {
        // Every `<p>` under 200 open `div`s costs the tree builder a walk of its stack.
        let deep = format!("{}{}", "<div>".repeat(200), "<p>x</p>".repeat(6000));
        let wide = format!("{}{}", "<div></div>".repeat(200), "<p>x</p>".repeat(6000));
        assert!(deep.len() > 2 * CHUNK);
        let bound = 200 * 1500;
        let p = parse_within(&deep, bound);
        assert!(p.cut);
        // Stopped at the first look past the bound: within one chunk's work of it.
        assert!(p.tree.work > bound && p.tree.work < bound + 200 * CHUNK as u64);
        assert!(!parse(&deep).cut);
        let p = parse_within(&wide, bound);
        assert!(!p.cut, "{}", p.tree.work);
        assert_eq!(
            p.tree
                .nodes
                .iter()
                .filter(|n| matches!(n.data, Data::Text(_)))
                .count(),
            6000
        );
    }

    #[test]
    fn a_page_fed_in_chunks_parses_as_one_piece() {
        let body: String = (0..2000)
            .map(|i| format!("<p>पैरा {i}\r\n&amp; <b>text</b>\r</p>"))
            .collect();
        let page = format!("<html><body><table>{body}</table></body></html>");
        assert!(page.len() > 3 * CHUNK);
        let whole = html5ever::parse_document(Sink(RefCell::new(Tree::new())), Default::default())
            .one(page.as_str());
        let mut a = String::new();
        let mut b = String::new();
        show(&whole, 0, &mut a);
        show(&parse(&page).tree, 0, &mut b);
        assert_eq!(a, b);
    }

    /// The tree as nested `tag(children)` with text in quotes, for comparisons.
    fn show(t: &Tree, n: u32, out: &mut String) {
        match &t.nodes[n as usize].data {
            Data::Text(s) => {
                out.push('"');
                out.push_str(s);
                out.push('"');
                return;
            }
            Data::Element { .. } => out.push_str(t.tag(n)),
            _ => {}
        }
        out.push('(');
        let mut c = t.nodes[n as usize].first;
        while c != NONE {
            show(t, c, out);
            c = t.nodes[c as usize].next;
        }
        out.push(')');
    }

    fn tree(html: &str) -> String {
        let t = parse(html).tree;
        let mut s = String::new();
        show(&t, 0, &mut s);
        s
    }

    #[test]
    fn builds_html5_trees() {
        // Implied elements, a closed paragraph, adoption agency, foster parenting.
        assert_eq!(tree("<p>a<p>b"), r#"(html(head()body(p("a")p("b"))))"#);
        assert_eq!(
            tree("<b>1<p>2</b>3</p>"),
            r#"(html(head()body(b("1")p(b("2")"3"))))"#
        );
        assert_eq!(
            tree("<table><tr><td>x</td></tr>text</table>"),
            r#"(html(head()body("text"table(tbody(tr(td("x")))))))"#
        );
    }

    #[test]
    fn keeps_read_attributes_only() {
        let t = parse("<div class='c' data-x='1' id=i hidden><a href='/x' onclick='y'>l</a></div>")
            .tree;
        let div = (0..t.nodes.len() as u32)
            .find(|&n| t.tag(n) == "div")
            .unwrap();
        assert_eq!(t.attr(div, Attr::Class), Some("c"));
        assert_eq!(t.attr(div, Attr::Id), Some("i"));
        assert_eq!(t.attr(div, Attr::Hidden), Some(""));
        assert_eq!(t.attr(div, Attr::Role), None);
        let a = (0..t.nodes.len() as u32)
            .find(|&n| t.tag(n) == "a")
            .unwrap();
        assert_eq!(t.attr(a, Attr::Href), Some("/x"));
    }

    #[test]
    fn merges_attributes_of_repeated_body() {
        let t = parse("<body class='a'><p>x</p><body id='b' class='z'>").tree;
        let body = (0..t.nodes.len() as u32)
            .find(|&n| t.tag(n) == "body")
            .unwrap();
        assert_eq!(t.attr(body, Attr::Class), Some("a"));
        assert_eq!(t.attr(body, Attr::Id), Some("b"));
    }
}
