//! Main-content selection over the flattened blocks.
//!
//! Every block is classified as body-like ("good": enough graphemes, few of them in links),
//! neutral (short text, e.g. a one-line paragraph or a sub-heading) or boilerplate-like ("bad":
//! link lists, notices). A container's score is its good text minus its bad text; the
//! best-scoring container wins, so the body's siblings are taken in when they add more good than
//! bad text and left out otherwise. Containers whose class/id says boilerplate (share bars,
//! related links, cookie banners) are removed first unless they hold most of the page's text
//! or a body-marked container.

use super::dom::{Flat, RawBlock};
use super::hints;
use super::{Block, BlockKind};

/// Graphemes a block needs before it counts as body text.
const GOOD_MIN: usize = 30;
/// A block with more of its graphemes in links than this is navigation.
const LINK_MAX: f64 = 0.33;

#[derive(Debug, Default)]
pub(crate) struct Selection {
    pub blocks: Vec<Block>,
    pub captions: Vec<String>,
    /// Body-like graphemes in the chosen container.
    pub good: f64,
    /// Index in [`Flat::blocks`] of the first body block.
    pub first: Option<usize>,
}

fn link_density(b: &RawBlock) -> f64 {
    if b.graphemes == 0 {
        0.0
    } else {
        b.link_graphemes as f64 / b.graphemes as f64
    }
}

/// (good, bad) weights of one block.
fn weigh(b: &RawBlock) -> (f64, f64) {
    let ld = link_density(b);
    let g = b.graphemes as f64;
    if b.boilerplate {
        return (0.0, g);
    }
    if ld > 0.5 {
        return (0.0, 0.5 * g);
    }
    // A teaser: a linked headline with the start of a story cut off at an ellipsis. A list of
    // them ("Breaking news", "Latest") is not the article, however much text it holds.
    if b.link_graphemes > 0 && is_cut_off(&b.text) {
        return (0.0, 0.5 * g);
    }
    let long_enough = b.graphemes >= GOOD_MIN
        || (b.in_p && b.graphemes >= 15 && b.text.ends_with(['.', '।', '?', '!', '"', '”']));
    if long_enough && ld <= LINK_MAX {
        let mut w = g * (1.0 - ld);
        if b.in_p {
            w *= 1.1;
        }
        (w, 0.0)
    } else {
        (0.0, 0.0)
    }
}

pub(crate) fn select(flat: &Flat, use_hints: bool) -> Selection {
    let n = flat.elems.len();
    if n == 0 {
        return Selection::default();
    }
    let weights: Vec<(f64, f64)> = flat
        .blocks
        .iter()
        .map(|b| if b.caption { (0.0, 0.0) } else { weigh(b) })
        .collect();

    // Subtree sums of good text and whether a body-marked container lies below.
    let mut sub_good = vec![0.0f64; n];
    let mut has_pos = vec![false; n];
    for (b, w) in flat.blocks.iter().zip(&weights) {
        sub_good[b.owner] += w.0;
    }
    for e in (0..n).rev() {
        if flat.elems[e].hint > 0 {
            has_pos[e] = true;
        }
        if let Some(p) = flat.elems[e].parent {
            sub_good[p] += sub_good[e];
            has_pos[p] |= has_pos[e];
        }
    }
    let total_good = sub_good[0];

    let mut dropped = vec![false; n];
    for e in 0..n {
        let parent_dropped = flat.elems[e].parent.is_some_and(|p| dropped[p]);
        let minor = sub_good[e] < 0.6 * total_good;
        let own = (use_hints && flat.elems[e].hint < 0 && !has_pos[e] && minor)
            || (flat.elems[e].hidden && minor);
        dropped[e] = parent_dropped || own;
    }

    // Container scores over the blocks that survive.
    let mut score = vec![0.0f64; n];
    let mut good = vec![0.0f64; n];
    for (b, w) in flat.blocks.iter().zip(&weights) {
        if !dropped[b.owner] {
            score[b.owner] += w.0 - w.1;
            good[b.owner] += w.0;
        }
    }
    for e in (1..n).rev() {
        if let Some(p) = flat.elems[e].parent {
            score[p] += score[e];
            good[p] += good[e];
        }
    }
    let mut best = 0;
    for e in 0..n {
        if !dropped[e] && score[e] >= score[best] && good[e] > 0.0 {
            // `>=` in document order: among equal scores the innermost wins.
            best = e;
        }
    }
    // Blocks under the best container.
    let mut inside = vec![false; n];
    for e in 0..n {
        inside[e] = !dropped[e] && (e == best || flat.elems[e].parent.is_some_and(|p| inside[p]));
    }

    // Blocks per subtree.
    let mut nblocks = vec![0usize; n];
    for b in &flat.blocks {
        nblocks[b.owner] += 1;
    }
    for e in (1..n).rev() {
        if let Some(p) = flat.elems[e].parent {
            nblocks[p] += nblocks[e];
        }
    }
    let mut sel = Selection {
        good: good[best],
        ..Selection::default()
    };
    let mut in_related = false;
    let mut related_scope: Option<usize> = None;
    for (i, b) in flat.blocks.iter().enumerate() {
        if b.caption {
            if !dropped[b.owner] && !sel.captions.contains(&b.text) && sel.captions.len() < 100 {
                sel.captions.push(b.text.clone());
            }
            continue;
        }
        if !inside[b.owner] {
            continue;
        }
        let ld = link_density(b);
        if let Some(scope) = related_scope {
            if is_within(flat, b.owner, scope) {
                continue;
            }
            related_scope = None;
        }
        let more_heading = b.kind == BlockKind::Heading && is_more_heading(&b.text);
        if hints::is_related_label(&b.text) || more_heading {
            in_related = true;
            // The section this label titles: everything in the label's parent container,
            // unless that container is the body itself.
            // Climb while the container holds nothing but the label.
            let mut scope = flat.elems[b.owner].parent;
            while let Some(p) = scope {
                // Never the body itself, nor a container holding much of its text (a "Read
                // more" button inside the article's own wrapper).
                if p == best || is_within(flat, best, p) || good[p] > 0.6 * good[best] {
                    scope = None;
                    break;
                }
                if nblocks[p] > 1 {
                    break;
                }
                scope = flat.elems[p].parent;
            }
            related_scope = scope;
            continue;
        }
        if in_related {
            // A related-links list goes on while its items are links.
            if ld > 0.5 || b.graphemes < 8 {
                continue;
            }
            in_related = false;
        }
        if b.boilerplate {
            continue;
        }
        let non_link = b.graphemes.saturating_sub(b.link_graphemes);
        if ld > 0.5 && non_link < 80 {
            continue;
        }
        // A line repeated at once (a headline in a desktop and a mobile copy) is kept once;
        // not a short cell of a table of results (`0`, `0`, `12`).
        if b.graphemes > 3 && sel.blocks.last().is_some_and(|l: &Block| l.text == b.text) {
            continue;
        }
        sel.first.get_or_insert(i);
        sel.blocks.push(Block {
            text: b.text.clone(),
            kind: b.kind,
        });
    }
    trim_tail(&mut sel.blocks);
    sel
}

/// The text ends in an ellipsis (`...`, `…`), as summaries cut to length do.
fn is_cut_off(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("...") || t.ends_with('…') || t.ends_with("[…]") || t.ends_with("[...]")
}

/// `e` is `anc` or lies below it.
fn is_within(flat: &Flat, mut e: usize, anc: usize) -> bool {
    loop {
        if e == anc {
            return true;
        }
        match flat.elems[e].parent {
            Some(p) => e = p,
            None => return false,
        }
    }
}

/// A short heading introducing more stories: `More from …`, `More Washington Examiner`,
/// `और खबरें`.
pub(crate) fn is_more_heading(t: &str) -> bool {
    let lower = t.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    words <= 5
        && (lower.starts_with("more ")
            || lower.starts_with("और खबर")
            || lower.starts_with("और भी")
            || lower.starts_with("अन्य खबर")
            || lower.starts_with("you may")
            || lower.starts_with("you might")
            || lower.starts_with("recommended"))
}

/// Drops trailing headings and list items left dangling at the end (a "Comments" or
/// "More on this" heading whose list was removed).
fn trim_tail(blocks: &mut Vec<Block>) {
    while let Some(last) = blocks.last() {
        if last.kind == BlockKind::Heading {
            blocks.pop();
        } else {
            break;
        }
    }
}
