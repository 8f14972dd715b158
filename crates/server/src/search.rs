//! Full-text search kept in memory (first version; a tantivy or SQLite FTS5 backend can stand
//! behind the same calls later).
//!
//! Every word of an article's title (counted twice) and text is indexed under two terms:
//! - `w:` + a light stem of its search key ([`khabar_text::search_key`] folds nukta,
//!   chandrabindu/anusvara, vowel length and case, so हज़ार and हजार are one term), stemmed with
//!   a light Hindi suffix stripper (honorific `जी` first: मोदीजी → मोदी) or a light English one;
//! - `k:` + its romanisation key ([`khabar_text::names::fold`]: Devanagari transliterated, Latin
//!   spelling variants merged), for Devanagari words and capitalised Latin words, so that the
//!   query `modi` finds मोदी and मोदी finds Modi.
//!
//! A query matches an article when every query word matches (through either term); articles
//! are ranked by BM25 with romanisation matches weighted lower than search-key matches.

use khabar_model::{Analysis, Document};
use khabar_text::names::fold;
use khabar_text::{search_key, words, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

const TITLE_BOOST: u32 = 2;
const KEY_WEIGHT: f32 = 0.7;
const NAME_WEIGHT: f32 = 0.8;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Hindi suffixes, longest first, as search keys (folded like the words they end).
fn hindi_suffixes() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let raw = [
            "ियों",
            "ियां",
            "ियाँ",
            "ाओं",
            "ाएं",
            "ाएँ",
            "ुओं",
            "ुएं",
            "ाइयों",
            "ाइयां",
            "ियो",
            "ाओ",
            "ाए",
            "िया",
            "ाया",
            "ाते",
            "ाती",
            "ाता",
            "ाना",
            "ाने",
            "ानी",
            "ों",
            "ें",
            "ीं",
            "ां",
            "ी",
            "े",
            "ा",
            "ि",
            "ो",
            "ु",
            "ू",
        ];
        let mut v: Vec<String> = raw.iter().map(|s| search_key(s)).collect();
        v.retain(|s| !s.is_empty());
        v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        v.dedup();
        v
    })
}

fn is_devanagari_word(s: &str) -> bool {
    s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// A light stem of a search key: Hindi inflection suffixes or English plural/verb endings.
pub fn stem(key: &str) -> String {
    if is_devanagari_word(key) {
        let honor = search_key("जी");
        let mut k = key;
        if k.ends_with(honor.as_str()) && k.chars().count() > honor.chars().count() + 1 {
            k = &k[..k.len() - honor.len()];
        }
        for suf in hindi_suffixes() {
            if k.ends_with(suf.as_str()) && k.chars().count() >= suf.chars().count() + 2 {
                return k[..k.len() - suf.len()].to_string();
            }
        }
        return k.to_string();
    }
    if !key.is_ascii() {
        return key.to_string();
    }
    let k = key.strip_suffix("'s").unwrap_or(key);
    let n = k.len();
    if n > 4 && k.ends_with("ies") {
        return format!("{}y", &k[..n - 3]);
    }
    if n > 5 && k.ends_with("ing") {
        return k[..n - 3].to_string();
    }
    if n > 4 && k.ends_with("ed") && !k.ends_with("eed") {
        return k[..n - 2].to_string();
    }
    if n > 3
        && k.ends_with("es")
        && (k.ends_with("ses") || k.ends_with("xes") || k.ends_with("ches") || k.ends_with("shes"))
    {
        return k[..n - 2].to_string();
    }
    if n > 3 && k.ends_with('s') && !k.ends_with("ss") && !k.ends_with("us") && !k.ends_with("is") {
        return k[..n - 1].to_string();
    }
    k.to_string()
}

/// The romanisation key of a word ([`fold`]), the honorific `जी`/`ji` left out, so that
/// मोदीजी, मोदी and Modi share one key. None for keys shorter than 3 letters.
pub fn roman_key(word: &str) -> Option<String> {
    let base = if is_devanagari_word(word) {
        word.strip_suffix("जी")
            .filter(|b| b.chars().count() >= 2)
            .unwrap_or(word)
    } else {
        word.strip_suffix("ji")
            .or_else(|| word.strip_suffix("Ji"))
            .filter(|b| b.len() >= 3)
            .unwrap_or(word)
    };
    let f = fold(base);
    (f.len() >= 3).then(|| format!("k:{f}"))
}

/// The romanisation term of a word: `k:` for Devanagari words, `K:` for capitalised Latin words
/// (names). A query word looks up the other script's namespace, so a Latin query reaches
/// Devanagari text and a Devanagari query reaches English names, while words of one script
/// match each other only through their search keys (romanisations of common Hindi words
/// collide too often: बाढ़ and बढ़ both read `badh`).
fn roman_term(word: &str, for_query: bool) -> Option<String> {
    let deva = is_devanagari_word(word);
    let capital = word.chars().next().is_some_and(|c| c.is_uppercase());
    let key = if deva || capital || (for_query && word.is_ascii()) {
        roman_key(word)?
    } else {
        return None;
    };
    let f = &key[2..];
    Some(match (deva, for_query) {
        (true, false) | (false, true) => format!("k:{f}"),
        (false, false) | (true, true) => format!("K:{f}"),
    })
}

/// The search-key term of a word (`w:` + light stem).
fn key_term(word: &str) -> Option<String> {
    let key = search_key(word);
    (!key.is_empty()).then(|| format!("w:{}", stem(&key)))
}

/// Name terms (`n:`): the romanisation keys ([`roman_key`]) of the words of an entity's
/// canonical names, in the same namespace for both scripts (Putin, पुतिन → `n:putin`). Vowels
/// are kept: consonant skeletons alone make Putin and Patna one name.
fn name_terms(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| roman_key(t.text))
        .map(|k| format!("n:{}", &k[2..]))
        .collect()
}

/// One query word: the terms it matches through, with their weights.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWord {
    pub text: String,
    pub terms: Vec<(String, f32)>,
}

/// Splits a query into words and their terms.
pub fn parse_query(q: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    for t in words(q) {
        let mut terms = Vec::new();
        if let Some(w) = key_term(t.text) {
            terms.push((w, 1.0));
        }
        if t.kind != TokenKind::Number {
            if let Some(k) = roman_term(t.text, true) {
                terms.push((k, KEY_WEIGHT));
            }
            for n in name_terms(t.text) {
                if !terms.iter().any(|(x, _)| x == &n) {
                    terms.push((n, NAME_WEIGHT));
                }
            }
        }
        if !terms.is_empty() && !out.iter().any(|o| o.terms == terms) {
            out.push(QueryWord {
                text: t.text.to_string(),
                terms,
            });
        }
    }
    out
}

/// The inverted index: term → (article number, term frequency), article numbers ascending.
#[derive(Debug, Default)]
pub struct SearchIndex {
    postings: HashMap<String, Vec<(u32, u32)>>,
    doc_len: Vec<u32>,
    total_len: u64,
    fold_cache: HashMap<String, Option<String>>,
}

impl SearchIndex {
    /// Indexes article number `doc_no` (numbers must be given in increasing order).
    pub fn add(&mut self, doc_no: usize, doc: &Document, analysis: Option<&Analysis>) {
        let Ok(no) = u32::try_from(doc_no) else {
            return;
        };
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut len = 0u32;
        let mut count = |text: &str, times: u32, cache: &mut HashMap<String, Option<String>>| {
            for t in words(text) {
                let Some(w) = key_term(t.text) else {
                    continue;
                };
                len = len.saturating_add(times);
                *counts.entry(w).or_insert(0) += times;
                if t.kind == TokenKind::Number {
                    continue;
                }
                let k = cache
                    .entry(t.text.to_string())
                    .or_insert_with(|| roman_term(t.text, false))
                    .clone();
                if let Some(k) = k {
                    *counts.entry(k).or_insert(0) += times;
                }
            }
        };
        if let Some(title) = &doc.title {
            count(title, TITLE_BOOST, &mut self.fold_cache);
        }
        count(&doc.text, 1, &mut self.fold_cache);
        // Linked entities under the name keys of their canonical names in both scripts, as
        // often as the article mentions them.
        if let Some(a) = analysis {
            let mut mentions: HashMap<&khabar_model::EntityId, u32> = HashMap::new();
            for m in &a.mentions {
                if let Some(e) = &m.entity {
                    *mentions.entry(e).or_insert(0) += 1;
                }
            }
            for e in &a.entities {
                let n = mentions.get(&e.id).copied().unwrap_or(1).max(1);
                let mut terms = name_terms(&e.name);
                if let Some(hi) = &e.name_hi {
                    terms.extend(name_terms(hi));
                }
                terms.sort();
                terms.dedup();
                for t in terms {
                    *counts.entry(t).or_insert(0) += n;
                }
            }
        }
        for (term, tf) in counts {
            self.postings.entry(term).or_default().push((no, tf));
        }
        if self.doc_len.len() <= doc_no {
            self.doc_len.resize(doc_no + 1, 0);
        }
        self.doc_len[doc_no] = len;
        self.total_len += u64::from(len);
    }

    /// Sorts postings and drops build-time caches.
    pub fn finish(&mut self) {
        for p in self.postings.values_mut() {
            p.sort_unstable();
        }
        self.fold_cache = HashMap::new();
    }

    pub fn docs(&self) -> usize {
        self.doc_len.len()
    }

    /// Articles matching every query word, best first: (article number, score).
    pub fn search(&self, query: &[QueryWord]) -> Vec<(usize, f32)> {
        self.search_mode(query, true)
    }

    /// Articles matching any query word, best first (scores add up over matched words).
    pub fn search_any(&self, query: &[QueryWord]) -> Vec<(usize, f32)> {
        self.search_mode(query, false)
    }

    fn search_mode(&self, query: &[QueryWord], all: bool) -> Vec<(usize, f32)> {
        if query.is_empty() || self.doc_len.is_empty() {
            return Vec::new();
        }
        let n = self.doc_len.len() as f32;
        let avg = (self.total_len as f32 / n).max(1.0);
        let mut acc: Option<HashMap<u32, f32>> = None;
        for qw in query {
            let mut scores: HashMap<u32, f32> = HashMap::new();
            for (term, weight) in &qw.terms {
                let Some(p) = self.postings.get(term) else {
                    continue;
                };
                let idf = (1.0 + (n - p.len() as f32 + 0.5) / (p.len() as f32 + 0.5)).ln();
                for &(doc, tf) in p {
                    let dl = self.doc_len.get(doc as usize).copied().unwrap_or(0) as f32;
                    let tf = tf as f32;
                    let s = weight * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / avg));
                    let e = scores.entry(doc).or_insert(0.0);
                    if s > *e {
                        *e = s;
                    }
                }
            }
            acc = Some(match acc {
                None => scores,
                Some(prev) if all => prev
                    .into_iter()
                    .filter_map(|(d, s)| scores.get(&d).map(|t| (d, s + t)))
                    .collect(),
                Some(mut prev) => {
                    for (d, t) in scores {
                        *prev.entry(d).or_insert(0.0) += t;
                    }
                    prev
                }
            });
            if all && acc.as_ref().is_some_and(|a| a.is_empty()) {
                return Vec::new();
            }
        }
        let mut out: Vec<(usize, f32)> = acc
            .unwrap_or_default()
            .into_iter()
            .map(|(d, s)| (d as usize, s))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// Does this word of a text match a query word?
fn word_matches(word: &str, kind: TokenKind, query: &[QueryWord]) -> bool {
    let w = key_term(word);
    let k = if kind == TokenKind::Number {
        None
    } else {
        roman_term(word, false)
    };
    query.iter().any(|q| {
        q.terms
            .iter()
            .any(|(t, _)| Some(t) == w.as_ref() || Some(t) == k.as_ref())
    })
}

/// A short excerpt of `text` around the first word that matches the query, with the byte
/// ranges of matching words inside the excerpt (for highlighting).
pub fn snippet(text: &str, query: &[QueryWord], width: usize) -> (String, Vec<(usize, usize)>) {
    let ws = words(text);
    let first = ws
        .iter()
        .position(|t| word_matches(t.text, t.kind, query))
        .unwrap_or(0);
    let center = ws.get(first).map(|t| t.span.start).unwrap_or(0);
    let mut start = center.saturating_sub(width / 3);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + width).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    // Start and end on word edges when possible.
    if start > 0 {
        if let Some(t) = ws.iter().find(|t| t.span.start >= start) {
            if t.span.start < end {
                start = t.span.start;
            }
        }
    }
    if end < text.len() {
        if let Some(t) = ws.iter().rev().find(|t| t.span.end <= end) {
            if t.span.end > start {
                end = t.span.end;
            }
        }
    }
    let excerpt = text.get(start..end).unwrap_or("").replace('\n', " ");
    let marks = ws
        .iter()
        .filter(|t| t.span.start >= start && t.span.end <= end)
        .filter(|t| word_matches(t.text, t.kind, query))
        .map(|t| (t.span.start - start, t.span.end - start))
        .collect();
    (excerpt, marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::{ArticleId, Span};
    use proptest::prelude::*;

    fn doc(title: &str, text: &str) -> Document {
        Document {
            id: ArticleId::from("x"),
            source: "t".into(),
            url: None,
            outlet: None,
            title: Some(title.into()),
            author: None,
            authors: vec![],
            published: None,
            updated: None,
            language: None,
            dateline: None,
            text: text.into(),
            paragraphs: vec![Span::new(0, text.len())],
            captions: vec![],
            dropped: vec![],
            fingerprint: String::new(),
        }
    }

    fn index(texts: &[&str]) -> SearchIndex {
        let mut ix = SearchIndex::default();
        for (i, t) in texts.iter().enumerate() {
            ix.add(i, &doc("", t), None);
        }
        ix.finish();
        ix
    }

    fn hits(ix: &SearchIndex, q: &str) -> Vec<usize> {
        let mut v: Vec<usize> = ix
            .search(&parse_query(q))
            .into_iter()
            .map(|h| h.0)
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn hindi_variants_match() {
        let ix = index(&[
            "प्रधानमंत्री मोदी ने कहा कि दस हज़ार लोग आए।",
            "मोदीजी की रैली में पाँच हजार लोग थे।",
            "Prime Minister Modi spoke to reporters.",
            "बारिश से नुकसान हुआ।",
        ]);
        assert_eq!(hits(&ix, "मोदी"), vec![0, 1, 2]);
        assert_eq!(hits(&ix, "मोदीजी"), vec![0, 1, 2]);
        assert_eq!(hits(&ix, "modi"), vec![0, 1, 2]);
        assert_eq!(hits(&ix, "हजार"), vec![0, 1]);
        assert_eq!(hits(&ix, "हज़ार"), vec![0, 1]);
        assert_eq!(hits(&ix, "मोदी बारिश"), Vec::<usize>::new());
        assert_eq!(hits(&ix, "बारिश"), vec![3]);
    }

    #[test]
    fn one_script_matches_only_through_search_keys() {
        // बाढ़ (flood) and बढ़ (rise) romanise alike; a Hindi query must not mix them up.
        let ix = index(&["नदी में बाढ़ आई।", "पानी का स्तर बढ़ गया।"]);
        assert_eq!(hits(&ix, "बाढ़"), vec![0]);
    }

    #[test]
    fn linked_entities_are_found_by_their_names_in_either_script() {
        use khabar_model::{EntityId, EntityKind, EntityRef, Mention, MentionRelation};
        let d = doc("", "कजाखस्तान में प्रदर्शन हुए।");
        let mut a = Analysis::empty(d.id.clone(), "hi");
        let id = EntityId::from("Q232");
        a.entities.push(EntityRef {
            id: id.clone(),
            kind: EntityKind::Place,
            name: "Kazakhstan".into(),
            name_hi: Some("कज़ाख़स्तान".into()),
            in_kb: true,
            key: String::new(),
        });
        a.mentions.push(Mention {
            span: Span::new(0, "कजाखस्तान".len()),
            sentence: 0,
            text: "कजाखस्तान".into(),
            kind: EntityKind::Place,
            entity: Some(id),
            relation: MentionRelation::Names,
        });
        let mut ix = SearchIndex::default();
        ix.add(0, &d, Some(&a));
        ix.add(1, &doc("", "दूसरी ख़बर।"), None);
        ix.finish();
        assert_eq!(hits(&ix, "kazakhstan"), vec![0]);
        assert_eq!(hits(&ix, "Kazakhstan"), vec![0]);
        assert_eq!(hits(&ix, "कज़ाख़स्तान"), vec![0]);
    }

    #[test]
    fn english_stemming_and_ranking() {
        let ix = index(&[
            "Floods killed people; flooding continues.",
            "The flood.",
            "Nothing here.",
        ]);
        assert_eq!(hits(&ix, "floods"), vec![0, 1]);
        assert_eq!(hits(&ix, "FLOOD"), vec![0, 1]);
        let r = ix.search(&parse_query("flood"));
        assert_eq!(r[0].0, 0, "more occurrences rank first: {r:?}");
        assert!(hits(&ix, "").is_empty());
    }

    #[test]
    fn hindi_stems() {
        assert_eq!(stem(&search_key("लड़कियों")), stem(&search_key("लड़की")));
        assert_eq!(stem(&search_key("मोदीजी")), stem(&search_key("मोदी")));
        // Short words keep their endings.
        assert_eq!(stem(&search_key("ने")), search_key("ने"));
    }

    #[test]
    fn snippet_marks_matches() {
        let q = parse_query("हजार");
        let (s, marks) = snippet("शुरू में कुछ नहीं। फिर दस हज़ार लोग आए।", &q, 60);
        assert_eq!(marks.len(), 1);
        let (a, b) = marks[0];
        assert_eq!(&s[a..b], "हज़ार");
    }

    proptest! {
        #[test]
        fn never_panics(q in "\\PC{0,40}", t in "\\PC{0,200}") {
            let ix = index(&[t.as_str()]);
            let pq = parse_query(&q);
            let _ = ix.search(&pq);
            let (s, marks) = snippet(&t, &pq, 50);
            for (a, b) in marks {
                prop_assert!(s.get(a..b).is_some());
            }
        }
    }
}
