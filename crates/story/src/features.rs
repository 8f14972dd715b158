//! What one article brings to the comparison: its words as term ids (TF-IDF vectors with
//! document frequencies counted over the stream), its linked entities, counts, years, event
//! kinds and stated days, and its copy signature.

use crate::{copies, Map};
use khabar_model::{
    Analysis, Document, EntityId, EntityKind, MentionRelation, PubTime, QuantityKind,
};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub(crate) static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../lexicons/stopwords.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(khabar_text::search_key)
        .collect()
});

/// Words of the body counted as the lead (weighted like a second headline half).
pub(crate) const LEAD_WORDS: usize = 60;

/// Year (1900–2099) a number token spells, in Latin or Devanagari digits.
pub(crate) fn year_of(word: &str) -> Option<u16> {
    let mut n = 0u32;
    let mut len = 0;
    for c in word.chars() {
        let d = match c {
            '०'..='९' => c as u32 - '०' as u32,
            _ => c.to_digit(10)?,
        };
        n = n * 10 + d;
        len += 1;
        if len > 4 {
            return None;
        }
    }
    (len == 4 && (1900..2100).contains(&n)).then_some(n as u16)
}

/// A line that starts with a web address (spaces inside it allowed: tokenised sets write
/// `http : / / www . site . com / ...`).
pub(crate) fn is_web_address(line: &str) -> bool {
    let head: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(8)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")
}

/// What the clustering takes from one written word, worked out once per distinct spelling.
#[derive(Clone, Copy)]
pub(crate) struct WordInfo {
    /// The number of the word's search key in the [`Lexicon`] when the word is a content word
    /// or a number (function words and one-letter words have none).
    pub(crate) term: Option<u32>,
    /// Hash of the search key (for the copy shingles, which keep function words).
    pub(crate) key_hash: u64,
    pub(crate) year: Option<u16>,
}

/// Written words seen so far → what they give, and the search keys of the content words. Search
/// keys are computed once per spelling, so a reader pays one hash lookup per word. A cache and
/// nothing more: what [`extract`] gives does not depend on what it held before, so each thread
/// may keep one of its own.
#[derive(Default)]
pub struct Lexicon {
    pub(crate) words: Map<Box<str>, WordInfo>,
    /// The content words' search keys, numbered in the order this cache first met them.
    pub(crate) keys: Vec<Box<str>>,
    key_number: Map<Box<str>, u32>,
}

impl Lexicon {
    pub(crate) fn info(&mut self, token: &khabar_text::Token<'_>) -> WordInfo {
        if let Some(w) = self.words.get(token.text) {
            return *w;
        }
        let key = khabar_text::search_key(token.text);
        let number = token.kind == khabar_text::TokenKind::Number;
        let content =
            (number || token.text.chars().count() >= 2) && !STOPWORDS.contains(key.as_str());
        let info = WordInfo {
            key_hash: copies::key_hash(&key),
            term: content.then(|| self.key_number(key)),
            year: if number { year_of(token.text) } else { None },
        };
        self.words.insert(token.text.into(), info);
        info
    }

    fn key_number(&mut self, key: String) -> u32 {
        if let Some(&n) = self.key_number.get(key.as_str()) {
            return n;
        }
        let n = self.keys.len() as u32;
        let key: Box<str> = key.into();
        self.keys.push(key.clone());
        self.key_number.insert(key, n);
        n
    }
}

/// Term ids given in first-seen order (deterministic for a given processing order). The ids of
/// an incremental run come from the store ([`crate::Clusterer::seed_vocabulary`]); new ones continue
/// from the stored `next`.
#[derive(Default)]
pub(crate) struct Interner {
    pub(crate) ids: Map<String, u32>,
    pub(crate) display: Map<u32, String>,
    pub(crate) next: u32,
}

impl Interner {
    pub(crate) fn id(&mut self, key: &str, display: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.next;
        self.next += 1;
        self.ids.insert(key.to_string(), id);
        self.display.insert(id, display.to_string());
        id
    }
}

/// A sparse vector sorted by term id, unit length (or empty).
pub(crate) type Vector = Vec<(u32, f32)>;

pub(crate) fn normalise(v: &mut Vector) {
    v.sort_by_key(|(id, _)| *id);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// A centroid: summed unit vectors, with its squared norm kept up to date.
#[derive(Default)]
pub(crate) struct Centroid {
    pub(crate) weights: Map<u32, f32>,
    pub(crate) norm2: f32,
}

impl Centroid {
    pub(crate) fn add(&mut self, v: &Vector) {
        let mut dot = 0.0;
        let mut sq = 0.0;
        for (t, w) in v {
            let e = self.weights.entry(*t).or_insert(0.0);
            dot += *e * w;
            sq += w * w;
            *e += w;
        }
        self.norm2 += 2.0 * dot + sq;
    }

    /// Cosine with a unit vector.
    pub(crate) fn cosine(&self, v: &Vector) -> f32 {
        self.linked(v, 0, 0.0)
    }

    /// Similarity of a unit vector to a centroid of `n` unit vectors: `dot / (|c|^(1-a) n^a)`.
    /// `a = 0` is the cosine to the centroid; `a = 1` is the mean cosine to the members (average
    /// linkage), which a diffuse story (small `|c|` for its size) cannot inflate.
    pub(crate) fn linked(&self, v: &Vector, n: usize, a: f32) -> f32 {
        if self.norm2 <= 0.0 || v.is_empty() {
            return 0.0;
        }
        let dot: f32 = v
            .iter()
            .map(|(t, w)| self.weights.get(t).map_or(0.0, |x| x * w))
            .sum();
        let norm = self.norm2.sqrt();
        let den = if a > 0.0 && n > 0 {
            norm.powf(1.0 - a) * (n as f32).powf(a)
        } else {
            norm
        };
        (dot / den).clamp(0.0, 1.0)
    }
}

/// What one article brings to the comparison. The raw counts are dropped once the article's
/// vectors are weighed; the rest is kept (and stored by an incremental run, see [`crate::live`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Features {
    pub(crate) ts: Option<i64>,
    /// Raw term counts (title and lead weighted), in first-seen order.
    #[serde(skip)]
    pub(crate) counts: Vec<(u32, f32)>,
    #[serde(skip)]
    pub(crate) title: Vec<u32>,
    /// Linked entities with a weight by kind.
    #[serde(skip)]
    pub(crate) entities: Vec<(u32, f32)>,
    /// Hashed (kind, value) of counted facts.
    pub(crate) facts: Vec<u64>,
    /// Years the headline and body mention.
    pub(crate) years: Vec<u16>,
    /// Hashed (kind, counted noun) of the counted facts, beside `facts` (for conflicts).
    pub(crate) fact_kinds: Vec<u64>,
    /// Hashed values of counts (any counted noun, any language): script-independent evidence.
    pub(crate) values: Vec<u64>,
    /// Hashed event kinds.
    pub(crate) events: Vec<u64>,
    /// Event days stated in the text (day precision, not the publication date), as day numbers.
    pub(crate) days: Vec<i32>,
    pub(crate) language: Option<Box<str>>,
    /// Whether the article came with an analysis (the linker is trained on analysed articles).
    pub(crate) analysed: bool,
    #[serde(with = "crate::live::signature_serde")]
    pub(crate) sig: Option<copies::Signature>,
}

pub(crate) fn entity_weight(kind: EntityKind) -> f32 {
    match kind {
        EntityKind::Person | EntityKind::Place => 1.0,
        EntityKind::Organisation => 0.7,
        EntityKind::Other => 0.4,
    }
}

/// What one article gives the stream before the stream's vocabulary is applied: its
/// features with term and entity numbers local to the article, and the keys those numbers
/// stand for in first-seen order. Pure (the same for an article whatever was read before), so
/// articles can be extracted on any thread and in any order; [`Extracted`] values are then
/// pushed in the stream's order ([`crate::Clusterer::push_extracted`]), which gives the terms
/// their ids.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// Distinct term keys (search keys of content words and numbers) in the order the article
    /// first spells them, each with that first spelling (its display form).
    pub(crate) terms: Vec<(Box<str>, Box<str>)>,
    /// Distinct linked entities in mention order, each with the text of its first mention.
    pub(crate) entities: Vec<(String, String)>,
    /// The features, with `counts` and `title` numbering `terms` and `entities` numbering
    /// `entities`.
    pub(crate) f: Features,
}

/// The features of an article, term and entity ids given by the stream's interners.
#[cfg(test)]
pub(crate) fn features(
    doc: &Document,
    analysis: Option<&Analysis>,
    lexicon: &mut Lexicon,
    terms: &mut Interner,
    ents: &mut Interner,
) -> Features {
    intern(extract(doc, analysis, lexicon), terms, ents)
}

/// Gives an extracted article's terms and entities their stream ids (new ones in the order the
/// article first names them, as a reader taking its words one by one would).
pub(crate) fn intern(x: Extracted, terms: &mut Interner, ents: &mut Interner) -> Features {
    let term_ids: Vec<u32> = x.terms.iter().map(|(k, d)| terms.id(k, d)).collect();
    let entity_ids: Vec<u32> = x.entities.iter().map(|(k, d)| ents.id(k, d)).collect();
    let mut f = x.f;
    // the local numbers index `terms` and `entities`, which `extract` filled with them
    for (t, _) in &mut f.counts {
        *t = term_ids[*t as usize];
    }
    for t in &mut f.title {
        *t = term_ids[*t as usize];
    }
    f.title.sort_unstable();
    f.title.dedup();
    for (e, _) in &mut f.entities {
        *e = entity_ids[*e as usize];
    }
    f
}

/// An article's [`Extracted`] features (see there); `lexicon` is a cache of spellings.
pub fn extract(doc: &Document, analysis: Option<&Analysis>, lexicon: &mut Lexicon) -> Extracted {
    // lexicon key number → local term number
    let mut local: Map<u32, u32> = Map::default();
    let mut terms: Vec<(Box<str>, Box<str>)> = Vec::new();
    let mut term_of = |n: u32, text: &str, lexicon: &Lexicon| -> u32 {
        if let Some(&l) = local.get(&n) {
            return l;
        }
        let l = terms.len() as u32;
        let key = lexicon.keys.get(n as usize).cloned().unwrap_or_default();
        terms.push((key, text.into()));
        local.insert(n, l);
        l
    };
    let mut counts: Vec<(u32, f32)> = Vec::new();
    let mut pos: Map<u32, usize> = Map::default();
    let mut add = |id: u32, w: f32, counts: &mut Vec<(u32, f32)>| match pos.get(&id) {
        Some(&i) => counts[i].1 += w,
        None => {
            pos.insert(id, counts.len());
            counts.push((id, w));
        }
    };
    let mut years: Vec<u16> = Vec::new();
    let mut title = Vec::new();
    if let Some(t) = doc.title.as_deref().filter(|t| !is_web_address(t)) {
        for token in khabar_text::words(t) {
            let w = lexicon.info(&token);
            if let Some(n) = w.term {
                let id = term_of(n, token.text, lexicon);
                add(id, 2.0, &mut counts);
                title.push(id);
            }
            years.extend(w.year);
        }
    }
    let mut key_hashes: Vec<u64> = Vec::with_capacity(doc.text.len() / 6);
    let mut content = 0;
    for line in doc.text.split('\n') {
        // A web address standing as a line (a scraped page's own URL) is no prose: its pieces
        // (site, path, query) would make every page of one site look alike. It still counts
        // for the copy signature.
        let prose = !is_web_address(line);
        for token in khabar_text::words(line) {
            let w = lexicon.info(&token);
            key_hashes.push(w.key_hash);
            // a content word is numbered where it is first spelled, prose or not
            let id = w.term.map(|n| term_of(n, token.text, lexicon));
            if !prose {
                continue;
            }
            years.extend(w.year);
            if let Some(id) = id {
                let weight = if content < LEAD_WORDS { 1.5 } else { 1.0 };
                add(id, weight, &mut counts);
                content += 1;
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    let mut entities: Vec<(u32, f32)> = Vec::new();
    let mut entity_names: Vec<(String, String)> = Vec::new();
    let mut facts = Vec::new();
    let mut fact_kinds = Vec::new();
    let mut values = Vec::new();
    let mut events = Vec::new();
    let mut days = Vec::new();
    if let Some(a) = analysis {
        let kinds: HashMap<&EntityId, EntityKind> =
            a.entities.iter().map(|e| (&e.id, e.kind)).collect();
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for m in &a.mentions {
            let Some(e) = &m.entity else { continue };
            if m.relation != MentionRelation::Names {
                continue;
            }
            let kind = kinds.get(e).copied().unwrap_or(m.kind);
            let id = match entity_names.iter().position(|(k, _)| *k == e.0) {
                Some(i) => i as u32,
                None => {
                    entity_names.push((e.0.clone(), m.text.clone()));
                    (entity_names.len() - 1) as u32
                }
            };
            let w = entity_weight(kind);
            match seen.get(&id) {
                Some(&i) => entities[i].1 += w,
                None => {
                    seen.insert(id, entities.len());
                    entities.push((id, w));
                }
            }
        }
        for q in &a.quantities {
            let (Some(v), false) = (q.value, q.vague) else {
                continue;
            };
            if matches!(
                q.kind,
                QuantityKind::Percent | QuantityKind::Duration | QuantityKind::Age
            ) {
                continue;
            }
            let kind = format!("{:?}|{}", q.kind, counted_key(q));
            fact_kinds.push(khabar_model::stable_hash(kind.as_bytes()));
            let key = format!("{kind}|{v}");
            facts.push(khabar_model::stable_hash(key.as_bytes()));
            if q.kind == QuantityKind::Count && v >= 3.0 && year_of(&format!("{v}")).is_none() {
                values.push(khabar_model::stable_hash(format!("{v}").as_bytes()));
            }
        }
        for e in &a.events {
            events.push(khabar_model::stable_hash(e.kind.as_bytes()));
        }
        for d in &a.dates {
            if d.granularity == khabar_model::Granularity::Day && d.resolution != "publication" {
                days.push(chrono::Datelike::num_days_from_ce(&d.date));
            }
        }
        for v in [&mut facts, &mut fact_kinds, &mut values, &mut events] {
            v.sort_unstable();
            v.dedup();
        }
        days.sort_unstable();
        days.dedup();
    }
    let f = Features {
        ts: doc.published.as_ref().map(PubTime::timestamp),
        counts,
        title,
        entities,
        facts,
        years,
        fact_kinds,
        values,
        events,
        days,
        language: doc
            .language
            .as_deref()
            .or(analysis.map(|a| a.language.as_str()))
            .map(Into::into),
        analysed: analysis.is_some(),
        sig: copies::signature_of_keys(&key_hashes),
    };
    Extracted {
        terms,
        entities: entity_names,
        f,
    }
}

/// Document frequencies counted over the stream so far.
#[derive(Default)]
pub(crate) struct Df {
    pub(crate) n: f32,
    pub(crate) df: Map<u32, f32>,
}

impl Df {
    pub(crate) fn observe(&mut self, ids: impl Iterator<Item = u32>) {
        self.n += 1.0;
        for id in ids {
            *self.df.entry(id).or_insert(0.0) += 1.0;
        }
    }

    pub(crate) fn idf(&self, id: u32, prior: f32) -> f32 {
        let df = self.df.get(&id).copied().unwrap_or(0.0);
        ((self.n + prior) / (df + 0.5)).ln().max(0.0)
    }
}

/// TF-IDF weights of the `keep` strongest terms (all when `keep` is 0), unit length.
pub(crate) fn weigh(counts: &[(u32, f32)], df: &Df, prior: f32, keep: usize) -> Vector {
    let mut v: Vector = counts
        .iter()
        .map(|&(id, c)| (id, (1.0 + c.ln()) * df.idf(id, prior)))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    if keep > 0 && v.len() > keep {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(keep);
    }
    normalise(&mut v);
    v
}

/// What a count counts, as a search key (`लोग`, `people`); empty for other quantities, whose
/// kind says what they measure. Compared across articles (features) and outlets (comparison).
pub(crate) fn counted_key(q: &khabar_model::Quantity) -> String {
    match q.kind {
        QuantityKind::Count => q
            .what
            .as_deref()
            .map(khabar_text::search_key)
            .unwrap_or_default(),
        _ => String::new(),
    }
}
