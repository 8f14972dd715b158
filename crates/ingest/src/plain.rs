//! Cleanup of a page given as plain text: find the headline, the byline and dates, the body
//! paragraphs, and leave page furniture behind.
//!
//! The page is read line by line. Each line is first judged alone (furniture, byline, date,
//! caption, credit, author label, content), then in context: the headline is the first content
//! line of headline shape, a repeat of it is dropped, a line just above an image credit is its
//! caption, runs of short lines are menus, an author label takes the short lines after it, a
//! paragraph repeated inside a longer one (a summary above the body) is dropped.

use crate::boilerplate::{
    dominant_script, ends_like_sentence, ends_truncated, is_author_label, is_boilerplate_counted,
    is_caption_line, is_credit_line, is_foreign_script, word_count,
};
use crate::meta::{self, clean_name, Byline};
use khabar_model::{Dateline, DropReason, DroppedLine, PubTime};
use khabar_text::script::Script;

/// What the caller already knows about the article (from JSONL fields or a feed).
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub title: Option<String>,
}

/// The result of cleaning one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PubTime>,
    pub updated: Option<PubTime>,
    pub dateline: Option<Dateline>,
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
    pub dropped: Vec<DroppedLine>,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Content,
    Title,
    Byline(Byline),
    Date(PubTime),
    AuthorLabel,
    Author,
    Caption,
    Dropped(DropReason),
}

struct Line {
    text: String,
    words: usize,
    kind: Kind,
    /// [`compare_key`] of the text, made when first asked for.
    key: std::cell::OnceCell<String>,
}

impl Line {
    fn new(text: String, words: usize, kind: Kind) -> Line {
        Line {
            text,
            words,
            kind,
            key: std::cell::OnceCell::new(),
        }
    }

    fn key(&self) -> &str {
        self.key.get_or_init(|| compare_key(&self.text))
    }
}

/// Lines shorter than this (in words) are "short": menus, labels, subheadings.
const SHORT: usize = 6;

/// The line's words as search keys, one space between them.
fn compare_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, t) in khabar_text::words(s).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        khabar_text::normalize::search_key_into(t.text, &mut out);
    }
    out
}

/// Clean a page of plain text.
pub fn clean_text(raw: &str, hints: &Hints) -> Cleaned {
    let text = khabar_text::normalize(raw);
    let doc_script = dominant_script(&text);
    let mut lines: Vec<Line> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let words = word_count(l);
            Line::new(l.to_string(), words, judge(l, words, doc_script))
        })
        .collect();

    author_blocks(&mut lines);
    let title = pick_title(&mut lines, hints);
    captions_above_credits(&mut lines);
    menus(&mut lines);
    teaser_runs(&mut lines);
    let hinted = hints.title.as_deref().is_some_and(|t| !t.trim().is_empty());
    header_and_trailer(&mut lines, doc_script, hinted);
    repeats(&mut lines);

    collect(lines, title)
}

/// Cleanup of the text blocks an HTML extractor chose: the line-level rules (furniture, bylines,
/// dates, captions, credits, author blocks, repeats) without the page-shape rules (menus, header,
/// trailer), which are the extractor's business. A block with line breaks is judged line by line.
pub fn clean_blocks(blocks: &[String], hints: &Hints) -> Cleaned {
    let all: String = blocks.join("\n");
    let doc_script = dominant_script(&all);
    let mut lines: Vec<Line> = blocks
        .iter()
        .flat_map(|b| b.lines())
        .map(|l| khabar_text::normalize(l.trim()))
        .filter(|l| !l.is_empty())
        .map(|l| {
            let words = word_count(&l);
            let kind = judge(&l, words, doc_script);
            Line::new(l, words, kind)
        })
        .collect();
    author_blocks(&mut lines);
    let title = pick_title(&mut lines, hints);
    captions_above_credits(&mut lines);
    repeats(&mut lines);
    collect(lines, title)
}

/// Judge a line alone.
fn judge(line: &str, words: usize, doc_script: Option<Script>) -> Kind {
    if is_author_label(line) {
        return Kind::AuthorLabel;
    }
    if let Some(b) = meta::parse_byline(line) {
        return Kind::Byline(b);
    }
    if let Some(desk) = meta::desk_line(line) {
        return Kind::Byline(Byline {
            author: Some(desk),
            ..Byline::default()
        });
    }
    if let Some(t) = meta::date_line(line) {
        return Kind::Date(t);
    }
    if is_credit_line(line) {
        return Kind::Dropped(DropReason::Caption);
    }
    if is_boilerplate_counted(line, words) {
        return Kind::Dropped(DropReason::Boilerplate);
    }
    if is_caption_line(line) {
        return Kind::Caption;
    }
    // A short line in another script than the page (a Latin label on a Hindi page) is furniture.
    if words <= 8 && is_foreign_script(line, doc_script) {
        return Kind::Dropped(DropReason::Boilerplate);
    }
    Kind::Content
}

/// An author label takes the next short line as the author, and the short unpunctuated lines
/// after that (a role, a team name) as part of the block.
fn author_blocks(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::AuthorLabel {
            let mut j = i + 1;
            let mut took_name = false;
            while j < lines.len() && lines[j].words <= SHORT && !ends_like_sentence(&lines[j].text)
            {
                let plain = matches!(
                    lines[j].kind,
                    Kind::Content | Kind::Dropped(DropReason::Boilerplate)
                );
                if plain || matches!(lines[j].kind, Kind::Byline(_)) {
                    if !took_name && plain && clean_name(&lines[j].text).is_some() {
                        lines[j].kind = Kind::Author;
                        took_name = true;
                    } else if took_name {
                        lines[j].kind = Kind::Dropped(DropReason::Metadata);
                    } else {
                        break;
                    }
                }
                j += 1;
                if j - i > 4 {
                    break;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The headline: the caller's title, or the first content line of headline shape (3 to 40 words).
/// A headline has at most this many words.
const TITLE_WORDS: usize = 40;

/// The title of a page without a headline: the first sentence of its text of at least three
/// words (a dateline such as `धार।` is not one), cut to [`TITLE_WORDS`] words (an ellipsis
/// marks the cut).
fn lead_title(text: &str) -> Option<String> {
    let first = khabar_text::segment::sentences(text)
        .into_iter()
        .map(|s| &text[s.start..s.end])
        .find(|s| khabar_text::segment::word_iter(s).nth(2).is_some())?;
    Some(
        match khabar_text::segment::word_iter(first).nth(TITLE_WORDS) {
            Some(t) => format!("{}…", first[..t.span.start].trim_end()),
            None => first.to_string(),
        },
    )
}

fn pick_title(lines: &mut [Line], hints: &Hints) -> Option<String> {
    let title = match &hints.title {
        Some(t) if !t.trim().is_empty() => khabar_text::normalize(t.trim()),
        _ => {
            // The headline stands above the running text: a headline-shaped line after the
            // first paragraph is a subheading or another article's teaser. A page that starts
            // with its text (the crawl lost the headline) is titled by its first sentence,
            // which stays in the body.
            let body = lines
                .iter()
                .position(|l| l.kind == Kind::Content && l.words > TITLE_WORDS)
                .unwrap_or(lines.len());
            match lines[..body]
                .iter()
                .position(|l| l.kind == Kind::Content && (3..=TITLE_WORDS).contains(&l.words))
            {
                Some(first) => lines[first].text.clone(),
                None if lines
                    .iter()
                    .filter(|l| l.kind == Kind::Content && l.words > TITLE_WORDS)
                    .count()
                    >= 2 =>
                {
                    return lines[body..].iter().find_map(|l| lead_title(&l.text));
                }
                // One block of text at most: the first line of headline length anywhere,
                // else the first line.
                None => {
                    let first = lines
                        .iter()
                        .position(|l| {
                            l.kind == Kind::Content && (3..=TITLE_WORDS).contains(&l.words)
                        })
                        .or_else(|| lines.iter().position(|l| l.kind == Kind::Content))?;
                    lines[first].text.clone()
                }
            }
        }
    };
    let key = compare_key(&title);
    if !key.is_empty() {
        for l in lines.iter_mut() {
            if matches!(l.kind, Kind::Content | Kind::Caption) && l.key() == key {
                l.kind = Kind::Title;
            }
        }
    }
    Some(title)
}

/// A line just above an image credit is the photo's caption.
fn captions_above_credits(lines: &mut [Line]) {
    for i in 1..lines.len() {
        if lines[i].kind == Kind::Dropped(DropReason::Caption)
            && lines[i - 1].kind == Kind::Content
            && lines[i - 1].words <= 40
        {
            lines[i - 1].kind = Kind::Caption;
        }
    }
}

fn is_short_unpunctuated(l: &Line) -> bool {
    l.words <= 5 && !ends_like_sentence(&l.text)
}

/// Four or more short unpunctuated lines in a row (dropped furniture in between does not break
/// the run) are a menu or a list of section names.
fn menus(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::Content && is_short_unpunctuated(&lines[i]) {
            let mut j = i;
            let mut content = Vec::new();
            while j < lines.len()
                && ((lines[j].kind == Kind::Content && is_short_unpunctuated(&lines[j]))
                    || matches!(lines[j].kind, Kind::Dropped(_)))
            {
                if lines[j].kind == Kind::Content {
                    content.push(j);
                }
                j += 1;
            }
            if content.len() >= 4 {
                for k in content {
                    lines[k].kind = Kind::Dropped(DropReason::Navigation);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Before the headline only furniture stands; after the last paragraph of running text, short
/// lines and lines in another script are furniture (tags, related links, footers).
fn header_and_trailer(lines: &mut [Line], doc_script: Option<Script>, hinted: bool) {
    if let Some(t) = lines.iter().position(|l| l.kind == Kind::Title) {
        for l in lines[..t].iter_mut() {
            if l.kind == Kind::Content && l.words <= SHORT {
                l.kind = Kind::Dropped(DropReason::Navigation);
            }
        }
    } else if let Some(t) = lines
        .iter()
        .position(|l| l.kind == Kind::Content && l.words > TITLE_WORDS)
        .filter(|_| !hinted)
    {
        // No headline at all (a crawl that lost it; a body given with its title apart, as a
        // JSONL line or an export read again, is left as it is, so cleaning what was cleaned
        // changes nothing): before the first paragraph, short unfinished lines are section
        // names and breadcrumbs; a short sentence is the article's first.
        for l in lines[..t].iter_mut() {
            if l.kind == Kind::Content && l.words <= SHORT && !ends_like_sentence(&l.text) {
                l.kind = Kind::Dropped(DropReason::Navigation);
            }
        }
    }
    let body_start = lines
        .iter()
        .position(|l| l.kind == Kind::Content && l.words >= 15)
        .unwrap_or(lines.len());
    // Between the headline and the first paragraph, a long line in another script is a caption.
    for l in lines[..body_start].iter_mut() {
        if l.kind == Kind::Content && l.words > 8 && is_foreign_script(&l.text, doc_script) {
            l.kind = Kind::Caption;
        }
    }
    // The last paragraph of running text: a finished sentence, or a line long enough to be a
    // paragraph whose writer left off the full stop. A teaser cut short with an ellipsis is
    // neither, whatever its length. A page without one is a listing: all its lines are trailer.
    let trailer = lines
        .iter()
        .rposition(|l| {
            l.kind == Kind::Content
                && !ends_truncated(&l.text)
                && (l.words >= RUNNING || ends_like_sentence(&l.text))
        })
        .map(|last| last + 1);
    // Short lines and lines in another script there are furniture; so are unfinished lines
    // (headlines of other articles, teasers), when there are two or more of them: a single
    // one may be the article's last sentence written without its full stop. On a page without
    // a finished paragraph it takes four, as for a menu (a short text cut off in mid-sentence
    // is no list).
    let unfinished = |l: &Line| {
        l.kind == Kind::Content && (ends_truncated(&l.text) || !ends_like_sentence(&l.text))
    };
    let (trailer, least) = trailer.map_or((0, 4), |t| (t, 2));
    let list = lines[trailer..]
        .iter()
        .filter(|l| unfinished(l) && l.words > SHORT)
        .count()
        >= least;
    for l in lines[trailer..].iter_mut() {
        if l.kind == Kind::Content
            && (l.words <= SHORT
                || is_foreign_script(&l.text, doc_script)
                || (list && unfinished(l)))
        {
            l.kind = Kind::Dropped(DropReason::Boilerplate);
        }
    }
}

/// A line of at least this many words is running text even without a full stop at its end;
/// shorter unfinished lines after the last paragraph are headlines of other articles.
const RUNNING: usize = 30;

/// Three or more teasers (lines cut short with an ellipsis) in one run, with nothing between them
/// but headline-shaped lines (unfinished and shorter than running text) and dropped furniture,
/// are a list of other articles: their headlines and first lines, wherever it stands.
fn teaser_runs(lines: &mut [Line]) {
    let teaser = |l: &Line| l.kind == Kind::Content && l.words <= 60 && ends_truncated(&l.text);
    let headline =
        |l: &Line| l.kind == Kind::Content && l.words < RUNNING && !ends_like_sentence(&l.text);
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        let mut run = Vec::new();
        let mut teasers = 0;
        while j < lines.len()
            && (teaser(&lines[j])
                || headline(&lines[j])
                || matches!(lines[j].kind, Kind::Dropped(_)))
        {
            if lines[j].kind == Kind::Content {
                run.push(j);
                teasers += usize::from(teaser(&lines[j]));
            }
            j += 1;
        }
        if teasers >= 3 {
            for k in run {
                lines[k].kind = Kind::Dropped(DropReason::Navigation);
            }
        }
        i = j.max(i + 1);
    }
}

/// Drop a content line that repeats an earlier one, or that (having at least 8 words) stands
/// whole inside a longer paragraph (a summary printed above the body).
fn repeats(lines: &mut [Line]) {
    let keys: Vec<Option<&str>> = lines
        .iter()
        .map(|l| (l.kind == Kind::Content).then(|| l.key()))
        .collect();
    let inside = inside_longer(lines, &keys);
    let mut seen = rustc_hash::FxHashSet::default();
    let dropped: Vec<bool> = keys
        .iter()
        .zip(lines.iter())
        .zip(inside)
        .map(|((k, line), inside)| {
            k.is_some_and(|k| !seen.insert(k) || (line.words >= 8 && inside))
        })
        .collect();
    for (line, drop) in lines.iter_mut().zip(dropped) {
        if drop {
            line.kind = Kind::Dropped(DropReason::Duplicate);
        }
    }
}

/// For each line, whether it has at least 8 words and its key stands whole inside a strictly
/// longer key of a content line. A sieve ([`may_stand_inside`]) keeps the keys that can; one
/// Aho-Corasick automaton over those is run over each distinct content key (overlapping
/// matches), so the work grows with the size of the page and the number of matches, not with
/// the square of the line count, and a page without repeats builds no automaton.
fn inside_longer(lines: &[Line], keys: &[Option<&str>]) -> Vec<bool> {
    use rustc_hash::{FxHashMap, FxHashSet};
    let texts: FxHashSet<&str> = keys.iter().flatten().copied().collect();
    let sieve = Sieve::new(&texts);
    let mut pattern_of: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns: Vec<&str> = Vec::new();
    for (line, key) in lines.iter().zip(keys) {
        if let Some(k) = *key {
            if line.words >= 8
                && !k.is_empty()
                && !pattern_of.contains_key(k)
                && sieve.may_stand_inside(k)
            {
                pattern_of.insert(k, patterns.len());
                patterns.push(k);
            }
        }
    }
    // The empty key (a line of symbols only) stands inside every non-empty key.
    let any_nonempty = texts.iter().any(|t| !t.is_empty());
    let mut marked = vec![false; patterns.len()];
    if let Some(shortest) = patterns.iter().map(|p| p.len()).min() {
        let longer: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| t.len() > shortest)
            .collect();
        if !scan(&patterns, &longer, &mut marked) {
            // The automaton could not be built (beyond its size limits): compare directly.
            for (p, m) in patterns.iter().zip(marked.iter_mut()) {
                *m = longer.iter().any(|t| t.len() > p.len() && t.contains(p));
            }
        }
    }
    lines
        .iter()
        .zip(keys)
        .map(|(line, key)| match *key {
            Some(k) if line.words >= 8 => {
                if k.is_empty() {
                    any_nonempty
                } else {
                    pattern_of.get(k).is_some_and(|&p| marked[p])
                }
            }
            _ => false,
        })
        .collect()
}

/// Bytes of a key compared by [`Sieve`].
const SIEVE_WINDOW: usize = 32;

/// Which keys could stand inside a longer text, without building an automaton: for every
/// text, the [`SIEVE_WINDOW`] bytes that follow each of its spaces, with the length of the
/// longest text holding them. A key that stands inside a text holds a space (its words are
/// joined by one) and the window after its first space stands in the text right after a
/// space, so a key whose window no longer text holds stands inside none. Keys without such a
/// window (no space, or too short) always pass.
struct Sieve<'a> {
    longest: rustc_hash::FxHashMap<&'a [u8], usize>,
}

impl<'a> Sieve<'a> {
    fn new<'t>(texts: impl IntoIterator<Item = &'t &'a str>) -> Sieve<'a>
    where
        'a: 't,
    {
        let mut longest: rustc_hash::FxHashMap<&'a [u8], usize> = Default::default();
        for t in texts {
            let b = t.as_bytes();
            for space in memchr::memchr_iter(b' ', b) {
                let Some(w) = b.get(space + 1..space + 1 + SIEVE_WINDOW) else {
                    break;
                };
                let n = longest.entry(w).or_insert(0);
                *n = (*n).max(b.len());
            }
        }
        Sieve { longest }
    }

    fn may_stand_inside(&self, key: &str) -> bool {
        let b = key.as_bytes();
        let window = memchr::memchr(b' ', b).and_then(|s| b.get(s + 1..s + 1 + SIEVE_WINDOW));
        match window {
            Some(w) => self.longest.get(w).is_some_and(|&n| n > b.len()),
            None => true,
        }
    }
}

/// Mark every pattern found inside a strictly longer text. False when the automaton cannot be
/// built or run.
fn scan(patterns: &[&str], texts: &[&str], marked: &mut [bool]) -> bool {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(patterns)
    else {
        return false;
    };
    for t in texts {
        let Ok(found) = ac.try_find_overlapping_iter(*t) else {
            return false;
        };
        for m in found {
            if m.len() < t.len() {
                marked[m.pattern().as_usize()] = true;
            }
        }
    }
    true
}

/// The first form of [`repeats`], every candidate against every line with `str::contains`
/// (quadratic): the oracle the fast form is tested against.
#[cfg(test)]
fn repeats_reference(lines: &mut [Line]) {
    let keys: Vec<Option<String>> = lines
        .iter()
        .map(|l| (l.kind == Kind::Content).then(|| compare_key(&l.text)))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for i in 0..lines.len() {
        let Some(k) = &keys[i] else { continue };
        if !seen.insert(k.clone()) {
            lines[i].kind = Kind::Dropped(DropReason::Duplicate);
            continue;
        }
        if lines[i].words < 8 {
            continue;
        }
        let inside_longer = keys.iter().enumerate().any(|(j, other)| {
            j != i
                && other
                    .as_ref()
                    .is_some_and(|o| o.len() > k.len() && o.contains(k.as_str()))
        });
        if inside_longer {
            lines[i].kind = Kind::Dropped(DropReason::Duplicate);
        }
    }
}

fn collect(lines: Vec<Line>, title: Option<String>) -> Cleaned {
    let mut out = Cleaned {
        title,
        ..Cleaned::default()
    };
    let mut editor = None;
    let mut block_author = None;
    let mut first_date = None;
    for l in lines {
        match l.kind {
            Kind::Content => out.paragraphs.push(l.text),
            Kind::Title => out.dropped.push(dropped(l.text, DropReason::Title)),
            Kind::Caption => out.captions.push(l.text),
            Kind::Byline(b) => {
                if let Some(a) = b.author {
                    if !out.authors.contains(&a) {
                        out.authors.push(a);
                    }
                }
                editor = editor.or(b.editor);
                out.published = out.published.or(b.published);
                out.updated = out.updated.or(b.updated);
                out.dropped.push(dropped(l.text, DropReason::Metadata));
            }
            Kind::Date(t) => {
                first_date = first_date.or(Some(t));
                out.dropped.push(dropped(l.text, DropReason::Metadata));
            }
            Kind::Author => {
                block_author = block_author.or(clean_name(&l.text));
                out.dropped.push(dropped(l.text, DropReason::Metadata));
            }
            Kind::AuthorLabel => out.dropped.push(dropped(l.text, DropReason::Metadata)),
            Kind::Dropped(r) => out.dropped.push(dropped(l.text, r)),
        }
    }
    if out.authors.is_empty() {
        if let Some(a) = block_author.or(editor) {
            out.authors.push(a);
        }
    }
    // A bare date line gives the publication day when no byline did; an update time alone
    // stands for publication too (it is the only time the page gives).
    out.published = out.published.or(first_date).or(out.updated);
    if let Some(first) = out.paragraphs.first() {
        out.dateline = meta::parse_dateline(first);
    }
    out
}

fn dropped(text: String, reason: DropReason) -> DroppedLine {
    DroppedLine { text, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
Home
Download the App

मुंबई में भारी बारिश से जनजीवन ठप, कई इलाकों में पानी भरा

शहर में लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में पानी भर गया और लोकल ट्रेनें देर से चलीं।

By Meera Joshi Published: Tue, 05 Jul 2022 10:15 AM (IST)
मुंबई में भारी बारिश से जनजीवन ठप, कई इलाकों में पानी भरा
बारिश के दौरान सड़क पर खड़ी गाड़ियों की फाइल फोटो

मुंबई, पीटीआई। शहर में लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में पानी भर गया और लोकल ट्रेनें देर से चलीं। मौसम विभाग ने अगले दो दिनों के लिए चेतावनी जारी की है।

ट्रेनें देर से चलीं

नगर निगम ने बताया कि 120 से अधिक पंप लगाए गए हैं और राहत दल तैनात हैं।

ये भी पढ़ें: दिल्ली में गर्मी का कहर जारी
Facebook
Twitter
WhatsApp
";

    #[test]
    fn cleans_a_hindi_page() {
        let c = clean_text(PAGE, &Hints::default());
        assert_eq!(
            c.title.as_deref(),
            Some("मुंबई में भारी बारिश से जनजीवन ठप, कई इलाकों में पानी भरा")
        );
        assert_eq!(c.authors, vec!["Meera Joshi".to_string()]);
        assert_eq!(
            c.published.map(|t| t.to_string()).as_deref(),
            Some("2022-07-05T10:15:00+05:30")
        );
        let d = c.dateline.clone().unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref()),
            (Some("मुंबई"), Some("पीटीआई"))
        );
        assert_eq!(
            c.captions,
            vec!["बारिश के दौरान सड़क पर खड़ी गाड़ियों की फाइल फोटो".to_string()]
        );
        assert_eq!(c.paragraphs.len(), 3, "{:#?}", c.paragraphs);
        assert!(c.paragraphs[0].starts_with("मुंबई, पीटीआई।"));
        assert_eq!(c.paragraphs[1], "ट्रेनें देर से चलीं");
        let body = c.paragraphs.join("\n");
        for gone in [
            "Home",
            "Download the App",
            "ये भी पढ़ें",
            "Facebook",
            "WhatsApp",
            "By Meera",
        ] {
            assert!(!body.contains(gone), "{gone} left in body");
        }
    }

    /// Cleaning what was cleaned changes nothing: an article exported (its paragraphs and
    /// title) and read again is the same article, for the pages of these tests.
    #[test]
    fn cleaning_twice_is_cleaning_once() {
        let pages = [
            PAGE.to_string(),
            "नगर निगम ने शहर में सफाई अभियान शुरू किया\n\nकिसान\nएजेंसियां\nरामपुर।\n\n\
             नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया। आयुक्त ने बताया कि \
             अभियान एक महीने तक चलेगा और हर वार्ड में दस कर्मचारी लगाए गए हैं जो सुबह छह बजे से \
             दोपहर दो बजे तक काम करेंगे और कूड़ा उठाने वाली गाड़ियां हर गली में दो बार आएंगी।\n\n\
             स्कूल की छत गिरने से तीन बच्चे घायल\nकिसानों ने मंडी में धरना दिया, फसल के दाम को लेकर...\n"
                .to_string(),
        ];
        for page in pages {
            let once = clean_text(&page, &Hints::default());
            let again = clean_text(
                &once.paragraphs.join("\n\n"),
                &Hints {
                    title: once.title.clone(),
                },
            );
            assert_eq!(again.paragraphs, once.paragraphs, "{page}");
        }
    }

    /// An article followed by the site's list of other headlines, some cut short with an
    /// ellipsis, one not: the list goes, the article stays whole.
    #[test]
    fn other_headlines_after_the_article_are_dropped() {
        let page = "\
नगर निगम ने शहर में सफाई अभियान शुरू किया

नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया। आयुक्त ने बताया कि अभियान एक महीने तक चलेगा और हर वार्ड में दस कर्मचारी लगाए गए हैं।

उन्होंने कहा कि नागरिकों से भी सहयोग की अपील की गई है।

स्कूल की छत गिरने से तीन बच्चे घायल, प्रशासन ने दिए जांच के आदेश

किसानों ने मंडी में धरना दिया, फसल के दाम को लेकर...

रेलवे ने त्योहारों के लिए चलाई विशेष ट्रेनें, देखें पूरी...

बारिश से कई गांवों का संपर्क टूटा
";
        let c = clean_text(page, &Hints::default());
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
        assert!(c.paragraphs[1].starts_with("उन्होंने कहा कि"));
        let body = c.paragraphs.join("\n");
        for gone in ["स्कूल की छत", "किसानों ने", "रेलवे ने", "बारिश से"]
        {
            assert!(!body.contains(gone), "{gone} left in body");
        }
    }

    /// One unfinished line after the last sentence may be the article's own last sentence
    /// written without its full stop: it stays.
    #[test]
    fn a_single_unfinished_last_line_stays() {
        let page = "\
नगर निगम ने शहर में सफाई अभियान शुरू किया

नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया। आयुक्त ने बताया कि अभियान एक महीने तक चलेगा।

अभियान की निगरानी के लिए हर वार्ड में एक अधिकारी नियुक्त किया गया है
";
        let c = clean_text(page, &Hints::default());
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
    }

    /// Headline and teaser pairs between paragraphs (a "related" box inside the article) are
    /// dropped when three or more teasers are cut short; the paragraphs around them stay.
    #[test]
    fn a_run_of_teasers_inside_the_article_is_dropped() {
        let page = "\
नगर निगम ने शहर में सफाई अभियान शुरू किया

नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया। आयुक्त ने बताया कि अभियान एक महीने तक चलेगा।

स्कूल की छत गिरने से तीन बच्चे घायल
जिले के एक सरकारी स्कूल में मंगलवार को छत का हिस्सा गिर गया जिससे तीन बच्चे...
किसानों ने मंडी में धरना दिया
मंडी में फसल के दाम को लेकर किसानों ने आज सुबह से धरना शुरू किया और…
रेलवे ने चलाई विशेष ट्रेनें
त्योहारों को देखते हुए रेलवे ने कई शहरों के बीच विशेष ट्रेनें चलाने का...

उन्होंने कहा कि नागरिकों से भी सहयोग की अपील की गई है।
";
        let c = clean_text(page, &Hints::default());
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
        assert!(c.paragraphs[1].starts_with("उन्होंने कहा कि"));
    }

    /// A page that is only a list of headlines and teasers has no article text.
    #[test]
    fn a_listing_page_leaves_no_body() {
        let page = "\
Home > National News
स्कूल की छत गिरने से तीन बच्चे घायल, प्रशासन ने दिए जांच के आदेश
जिले के एक सरकारी स्कूल में मंगलवार को छत का हिस्सा गिर गया जिससे तीन बच्चे घायल हो गए और...
किसानों ने मंडी में धरना दिया
मंडी में फसल के दाम को लेकर किसानों ने आज सुबह से धरना शुरू किया और प्रशासन से...
रेलवे ने चलाई विशेष ट्रेनें
त्योहारों को देखते हुए रेलवे ने कई शहरों के बीच विशेष ट्रेनें चलाने का फैसला किया है...
<< 1 2 3 4 5 Next >>
";
        let c = clean_text(page, &Hints::default());
        assert!(c.paragraphs.is_empty(), "{:#?}", c.paragraphs);
    }

    /// A crawl that lost the headline: a headline-shaped line after the first paragraph is a
    /// subheading or a teaser, not the title; the first sentence is, and it stays in the body.
    #[test]
    fn a_page_without_a_headline_is_titled_by_its_first_sentence() {
        let long = "नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया। \
                    आयुक्त ने बताया कि अभियान एक महीने तक चलेगा और हर वार्ड में दस कर्मचारी लगाए \
                    गए हैं जो सुबह छह बजे से दोपहर दो बजे तक काम करेंगे और कूड़ा उठाने वाली \
                    गाड़ियां हर गली में दो बार आएंगी।";
        let page = format!("टेक्नोलॉजी\n\n{long}\n\nरेलवे ने त्योहारों के लिए चलाई विशेष ट्रेनें\n\n{long}\n");
        let c = clean_text(&page, &Hints::default());
        assert_eq!(
            c.title.as_deref(),
            Some("नगर निगम ने सोमवार से शहर के सभी वार्डों में सफाई अभियान शुरू किया।")
        );
        assert!(
            c.paragraphs[0].starts_with("नगर निगम ने सोमवार"),
            "{:#?}",
            c.paragraphs
        );
    }

    #[test]
    fn author_block_at_the_end() {
        let page = "\
नई नीति पर संसद में बहस तेज हुई

संसद में नई शिक्षा नीति पर आज लंबी बहस हुई और कई सदस्यों ने अपनी बात रखी। सरकार ने कहा कि सुझावों पर विचार होगा।

Author
Priya Nair
Senior Correspondent
";
        let c = clean_text(page, &Hints::default());
        assert_eq!(c.authors, vec!["Priya Nair".to_string()]);
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn menus_are_dropped() {
        let page = "\
देश
विदेश
खेल
मनोरंजन
कारोबार
बाढ़ से दस गांव प्रभावित हुए

जिले में नदी का जलस्तर बढ़ने से दस गांवों में पानी भर गया है और प्रशासन ने राहत शिविर लगाए हैं।
";
        let c = clean_text(page, &Hints::default());
        assert_eq!(c.title.as_deref(), Some("बाढ़ से दस गांव प्रभावित हुए"));
        assert_eq!(c.paragraphs.len(), 1);
    }

    fn line(text: &str, words: usize, kind: Kind) -> Line {
        Line::new(text.to_string(), words, kind)
    }

    fn kinds_after(f: fn(&mut [Line]), spec: &[(String, usize, Kind)]) -> Vec<Kind> {
        let mut lines: Vec<Line> = spec
            .iter()
            .map(|(t, w, k)| line(t, *w, k.clone()))
            .collect();
        f(&mut lines);
        lines.into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn repeats_drop_copies_and_summaries_only() {
        let body = "शहर में लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में पानी भर गया।";
        let summary = "लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में";
        let short = "भारी बारिश के कारण";
        let other = "Relief camps were set up in ten villages after the river rose overnight.";
        let spec: Vec<(String, usize, Kind)> = [
            (summary, Kind::Content),
            (short, Kind::Content),
            (body, Kind::Content),
            (other, Kind::Content),
            (body, Kind::Content),
            (other, Kind::Caption),
        ]
        .into_iter()
        .map(|(t, k)| (t.to_string(), word_count(t), k))
        .collect();
        let dup = Kind::Dropped(DropReason::Duplicate);
        let want = vec![
            dup.clone(),
            Kind::Content,
            Kind::Content,
            Kind::Content,
            dup,
            Kind::Caption,
        ];
        assert_eq!(kinds_after(repeats, &spec), want);
        assert_eq!(kinds_after(repeats_reference, &spec), want);
    }

    /// Words chosen so that some stand inside others, in both scripts, plus symbols that give
    /// an empty key.
    const VOCAB: [&str; 16] = [
        "राम",
        "रामपुर",
        "में",
        "बारिश",
        "पानी",
        "पानीपत",
        "ने",
        "ram",
        "rampur",
        "Rain",
        "rain",
        "a",
        "an",
        "—",
        "।",
        "2024",
    ];

    type Spec = (u8, Vec<usize>, Index, Index, Index, u8, Option<usize>);

    fn build(specs: Vec<Spec>) -> Vec<(String, usize, Kind)> {
        let mut out: Vec<(String, usize, Kind)> = Vec::new();
        for (op, words, src, a, b, kind, words_override) in specs {
            let fresh = || {
                words
                    .iter()
                    .map(|&w| VOCAB[w])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let text = match (out.is_empty(), op) {
                (false, 0..=1) => out[src.index(out.len())].0.clone(),
                (false, 2..=4) => {
                    // A run of words from an earlier line.
                    let ws: Vec<&str> = out[src.index(out.len())].0.split(' ').collect();
                    let (x, y) = (a.index(ws.len() + 1), b.index(ws.len() + 1));
                    ws[x.min(y)..x.max(y)].join(" ")
                }
                (false, 5) => {
                    // A slice cut anywhere (mid-word) from an earlier line.
                    let cs: Vec<char> = out[src.index(out.len())].0.chars().collect();
                    let (x, y) = (a.index(cs.len() + 1), b.index(cs.len() + 1));
                    cs[x.min(y)..x.max(y)].iter().collect()
                }
                (false, 6) => format!("{} {}", out[src.index(out.len())].0, fresh()),
                _ => fresh(),
            };
            let kind = match kind {
                0..=6 => Kind::Content,
                7 => Kind::Caption,
                8 => Kind::Title,
                _ => Kind::Dropped(DropReason::Boilerplate),
            };
            let n = words_override.unwrap_or_else(|| word_count(&text));
            out.push((text, n, kind));
        }
        out
    }

    use proptest::prelude::*;
    use proptest::sample::Index;

    proptest! {
        #[test]
        fn repeats_match_the_reference(
            specs in prop::collection::vec(
                (
                    0u8..10,
                    prop::collection::vec(0..VOCAB.len(), 0..20),
                    any::<Index>(),
                    any::<Index>(),
                    any::<Index>(),
                    0u8..10,
                    prop::option::of(0usize..16),
                ),
                0..30,
            )
        ) {
            let spec = build(specs);
            prop_assert_eq!(kinds_after(repeats, &spec), kinds_after(repeats_reference, &spec));
        }
    }

    /// Keys over a few letters (one of them three bytes long) and spaces, so that windows
    /// repeat and cut letters in two.
    fn small_key() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(vec!["a", "b", "क", " ", "  "]), 0..60)
            .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn the_sieve_never_drops_a_key_that_stands_inside_a_longer_text(
            key in small_key(),
            others in prop::collection::vec(small_key(), 0..6),
            around in prop::collection::vec((small_key(), small_key()), 0..3),
        ) {
            let mut texts: Vec<String> = others;
            texts.push(key.clone());
            texts.extend(around.into_iter().map(|(a, b)| format!("{a}{key}{b}")));
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let sieve = Sieve::new(refs.iter());
            let inside = refs.iter().any(|t| t.len() > key.len() && t.contains(key.as_str()));
            if inside {
                prop_assert!(sieve.may_stand_inside(&key), "{:?} in {:?}", key, refs);
            }
        }
    }

    #[test]
    fn the_sieve_lets_repeats_through_and_stops_the_rest() {
        let body = "शहर में लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में पानी भर गया";
        let summary = "लगातार तीसरे दिन हुई भारी बारिश के कारण कई निचले इलाकों में";
        let other = "नगर निगम ने बताया कि एक सौ बीस से अधिक पंप लगाए गए हैं और राहत दल तैनात हैं";
        let texts = [body, summary, other];
        let sieve = Sieve::new(texts.iter());
        // The summary stands inside the body (from its second word on, at a space there too).
        assert!(sieve.may_stand_inside(summary));
        // The body stands in no longer text, nor the other line.
        assert!(!sieve.may_stand_inside(body));
        assert!(!sieve.may_stand_inside(other));
        // A key shorter than a window after its first space always passes.
        assert!(sieve.may_stand_inside("a b c"));
        assert!(sieve.may_stand_inside("नोस्पेस"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n\n",
            "।।।",
            "a",
            "By",
            "लेखक",
            "Published:",
            "\u{0301}\u{094d}",
        ] {
            let _ = clean_text(s, &Hints::default());
        }
    }
}
