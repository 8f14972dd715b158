//! Stories: many reports of one happening, grouped.
//!
//! Streaming clustering. Articles are taken in publication order (then by id; undated articles
//! last), so the same set of articles gives the same stories whatever order it is handed in, and
//! articles appended later in time never change the stories formed before them. Each article:
//!
//! 1. becomes a TF-IDF vector over the search keys of its words and numbers (function words left
//!    out, the headline and the lead weighted up), cut to its [`Config::vector_terms`] strongest
//!    terms so that long and short reports compare on their key terms. Document frequencies are counted incrementally over
//!    the articles seen so far, with a prior of [`Config::idf_prior`] pseudo-documents, so a
//!    decision never depends on articles that come later;
//! 2. finds candidate stories through an inverted index from its strongest terms and its linked
//!    entities to the stories that contain them (so it is compared with a few candidates, not
//!    with every story), plus the stories of near-duplicate articles found by MinHash LSH;
//! 3. scores each candidate whose latest article is inside the time window: a weighted mean of
//!    the cosine to the story's centroid (not to its closest member, which guards against
//!    chaining), the cosine of headlines, and the overlap of linked entities (people and places
//!    weigh most) when the analyses carry them, plus a bonus for shared facts (the same count of
//!    the same kind), multiplied by a time decay `exp(-days / decay_days)` (days from the
//!    story's mean publication time, so a story cannot chain on for ever);
//! 4. joins the best candidate when its score passes [`Config::threshold`], or founds a new
//!    story. A near-duplicate (estimated 5-gram Jaccard ≥ [`Config::copy_jaccard`]) always
//!    joins the story of the article it copies and is recorded in a [`CopyGroup`].
//!
//! [`Clusterer`] runs this over an endless stream: push articles in publication order and call
//! [`Clusterer::finished`] now and then; stories whose latest article has left the time window
//! are handed out and dropped, so memory follows the window, not the stream (plus the
//! vocabulary with its document frequencies). [`cluster`] is the same run over a given set.
//!
//! A story's id is derived from its founding article ([`StoryId::from_key`]), so it never
//! changes as the story grows. A story records why its articles are together: the terms and the
//! entities they share.
//!
//! The weights and the threshold were tuned on the development sets in `../shared/data/stories/`
//! (BASIL, ECB+ topics 1–30, hindi-covid-dev, hindi-disaster-dev). There is no separate held-out
//! evaluation set here, so the scores measured on those sets are development scores.

pub mod compare;
mod copies;
mod correct;
pub mod eval;
mod ids;
pub mod linker;
pub mod live;
pub mod timeline;

pub use compare::{compare, outlet_name};
pub use copies::{agency, jaccard, key_hash, signature, signature_of_keys, CopyIndex, Signature};
pub use correct::{apply_corrections, Correction};
pub use eval::{eval_docs, score, Prf, StoryEvalReport};
pub use ids::{keep_ids, keep_ids_with, Redirects};
pub use linker::{Linker, LinkerError};
pub use live::{assemble, cluster_recording, vocabulary_keys, Recorded, VocabEntry, Vocabulary};
pub use timeline::timeline;

use khabar_model::{
    Analysis, ArticleId, CopyGroup, Document, EntityId, EntityKind, MentionRelation, PubTime,
    QuantityKind, Story, StoryEntity, StoryId,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// Tunables of the grouping.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The learned "same story?" decision ([`Linker`]); `None` falls back to the hand-set
    /// weighted score below and its thresholds.
    pub linker: Option<Linker>,
    /// Score needed to join a story.
    pub threshold: f32,
    /// Score needed to join a story for an article in Hindi (language `hi`). Similarities run
    /// on another scale in another language (inflection, compounds, function-word coverage),
    /// so the cut is calibrated per language on the development sets.
    pub threshold_hi: f32,
    /// An article joins only stories whose latest article is at most this many days away.
    pub window_days: i64,
    /// Time decay: the score is multiplied by `exp(-days / decay_days)`, days counted from the
    /// story's mean publication time.
    pub decay_days: f32,
    /// Weight of the body cosine in the weighted mean.
    pub text_weight: f32,
    /// Between 0 (cosine to the story centroid) and 1 (mean cosine to its members, average
    /// linkage): how much a story's spread counts against joining it.
    pub linkage: f32,
    /// Weight of the headline cosine in the weighted mean (when the article has a headline).
    pub title_weight: f32,
    /// Weight of the linked-entity overlap in the weighted mean (when the article has entities).
    pub entity_weight: f32,
    /// Bonus per shared fact (same count of the same kind), capped at two facts, added before
    /// the time decay (0 = off). With the analyser's current counts it gains on all four
    /// development sets at 0.06.
    pub fact_bonus: f32,
    /// Factor applied when the article and the story both mention years and share none (1 = off:
    /// it cost F1 on every development set).
    pub year_conflict: f32,
    /// Estimated 5-gram Jaccard similarity from which an article is a copy of another.
    pub copy_jaccard: f32,
    /// Pseudo-documents added to the document count in the IDF, so the first articles of a
    /// stream do not see every word as rare.
    pub idf_prior: f32,
    /// Strongest terms kept in an article's vector (0 = all): long reports of one happening
    /// share their key terms, not their whole vocabulary.
    pub vector_terms: usize,
    /// Terms per article entered in the inverted index and used to look up candidates.
    pub index_terms: usize,
    /// Candidate stories scored per article.
    pub max_candidates: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            linker: Linker::shipped(),
            threshold: 0.2,
            threshold_hi: 0.28,
            window_days: 7,
            decay_days: 15.0,
            text_weight: 1.0,
            linkage: 0.0,
            title_weight: 0.25,
            entity_weight: 0.4,
            fact_bonus: 0.06,
            year_conflict: 1.0,
            copy_jaccard: 0.5,
            idf_prior: 20.0,
            vector_terms: 15,
            index_terms: 30,
            max_candidates: 64,
        }
    }
}

/// The stream's maps hash with rustc-hash's Fx hasher (fast on short words and small ids;
/// deterministic, and nothing depends on iteration order).
type Map<K, V> = rustc_hash::FxHashMap<K, V>;
type Set<K> = rustc_hash::FxHashSet<K>;

static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../lexicons/stopwords.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(khabar_text::search_key)
        .collect()
});

/// Words of the body counted as the lead (weighted like a second headline half).
const LEAD_WORDS: usize = 60;

/// Year (1900–2099) a number token spells, in Latin or Devanagari digits.
fn year_of(word: &str) -> Option<u16> {
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
fn is_web_address(line: &str) -> bool {
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
struct WordInfo {
    /// Term id when the word is a content word or a number (function words and one-letter
    /// words have none).
    term: Option<u32>,
    /// Hash of the search key (for the copy shingles, which keep function words).
    key_hash: u64,
    year: Option<u16>,
}

/// Written words seen so far → what they give. Search keys are computed once per spelling, so
/// the stream pays one hash lookup per word.
#[derive(Default)]
struct Lexicon {
    words: Map<Box<str>, WordInfo>,
}

impl Lexicon {
    fn info(&mut self, token: &khabar_text::Token<'_>, terms: &mut Interner) -> WordInfo {
        if let Some(w) = self.words.get(token.text) {
            return *w;
        }
        let key = khabar_text::search_key(token.text);
        let number = token.kind == khabar_text::TokenKind::Number;
        let content =
            (number || token.text.chars().count() >= 2) && !STOPWORDS.contains(key.as_str());
        let info = WordInfo {
            key_hash: copies::key_hash(&key),
            term: content.then(|| terms.id(&key, token.text)),
            year: if number { year_of(token.text) } else { None },
        };
        self.words.insert(token.text.into(), info);
        info
    }
}

/// Term ids given in first-seen order (deterministic for a given processing order). The ids of
/// an incremental run come from the store ([`Clusterer::seed_vocabulary`]); new ones continue
/// from the stored `next`.
#[derive(Default)]
struct Interner {
    ids: Map<String, u32>,
    display: Map<u32, String>,
    next: u32,
}

impl Interner {
    fn id(&mut self, key: &str, display: &str) -> u32 {
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
type Vector = Vec<(u32, f32)>;

fn normalise(v: &mut Vector) {
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
struct Centroid {
    weights: Map<u32, f32>,
    norm2: f32,
}

impl Centroid {
    fn add(&mut self, v: &Vector) {
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
    fn cosine(&self, v: &Vector) -> f32 {
        self.linked(v, 0, 0.0)
    }

    /// Similarity of a unit vector to a centroid of `n` unit vectors: `dot / (|c|^(1-a) n^a)`.
    /// `a = 0` is the cosine to the centroid; `a = 1` is the mean cosine to the members (average
    /// linkage), which a diffuse story (small `|c|` for its size) cannot inflate.
    fn linked(&self, v: &Vector, n: usize, a: f32) -> f32 {
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
/// vectors are weighed; the rest is kept (and stored by an incremental run, see [`live`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Features {
    ts: Option<i64>,
    /// Raw term counts (title and lead weighted), in first-seen order.
    #[serde(skip)]
    counts: Vec<(u32, f32)>,
    #[serde(skip)]
    title: Vec<u32>,
    /// Linked entities with a weight by kind.
    #[serde(skip)]
    entities: Vec<(u32, f32)>,
    /// Hashed (kind, value) of counted facts.
    facts: Vec<u64>,
    /// Years the headline and body mention.
    years: Vec<u16>,
    /// Hashed (kind, counted noun) of the counted facts, beside `facts` (for conflicts).
    fact_kinds: Vec<u64>,
    /// Hashed values of counts (any counted noun, any language): script-independent evidence.
    values: Vec<u64>,
    /// Hashed event kinds.
    events: Vec<u64>,
    /// Event days stated in the text (day precision, not the publication date), as day numbers.
    days: Vec<i32>,
    language: Option<Box<str>>,
    /// Whether the article came with an analysis (the linker is trained on analysed articles).
    analysed: bool,
    #[serde(with = "live::signature_serde")]
    sig: Option<copies::Signature>,
}

fn entity_weight(kind: EntityKind) -> f32 {
    match kind {
        EntityKind::Person | EntityKind::Place => 1.0,
        EntityKind::Organisation => 0.7,
        EntityKind::Other => 0.4,
    }
}

fn features(
    doc: &Document,
    analysis: Option<&Analysis>,
    lexicon: &mut Lexicon,
    terms: &mut Interner,
    ents: &mut Interner,
) -> Features {
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
            let w = lexicon.info(&token, terms);
            if let Some(id) = w.term {
                add(id, 2.0, &mut counts);
                title.push(id);
            }
            years.extend(w.year);
        }
    }
    title.sort_unstable();
    title.dedup();
    let mut key_hashes: Vec<u64> = Vec::with_capacity(doc.text.len() / 6);
    let mut content = 0;
    for line in doc.text.split('\n') {
        // A web address standing as a line (a scraped page's own URL) is no prose: its pieces
        // (site, path, query) would make every page of one site look alike. It still counts
        // for the copy signature.
        let prose = !is_web_address(line);
        for token in khabar_text::words(line) {
            let w = lexicon.info(&token, terms);
            key_hashes.push(w.key_hash);
            if !prose {
                continue;
            }
            years.extend(w.year);
            if let Some(id) = w.term {
                let weight = if content < LEAD_WORDS { 1.5 } else { 1.0 };
                add(id, weight, &mut counts);
                content += 1;
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    let mut entities: Vec<(u32, f32)> = Vec::new();
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
            let id = ents.id(&e.0, &m.text);
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
            let what = match q.kind {
                QuantityKind::Count => q
                    .what
                    .as_deref()
                    .map(khabar_text::search_key)
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let kind = format!("{:?}|{}", q.kind, what);
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
    Features {
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
    }
}

/// Document frequencies counted over the stream so far.
#[derive(Default)]
struct Df {
    n: f32,
    df: Map<u32, f32>,
}

impl Df {
    fn observe(&mut self, ids: impl Iterator<Item = u32>) {
        self.n += 1.0;
        for id in ids {
            *self.df.entry(id).or_insert(0.0) += 1.0;
        }
    }

    fn idf(&self, id: u32, prior: f32) -> f32 {
        let df = self.df.get(&id).copied().unwrap_or(0.0);
        ((self.n + prior) / (df + 0.5)).ln().max(0.0)
    }
}

/// TF-IDF weights of the `keep` strongest terms (all when `keep` is 0), unit length.
fn weigh(counts: &[(u32, f32)], df: &Df, prior: f32, keep: usize) -> Vector {
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

struct Forming {
    id: StoryId,
    /// Founding order.
    seq: usize,
    /// Stream positions of the members.
    members: Vec<usize>,
    articles: Vec<ArticleId>,
    /// Body vectors of the members (for the shared terms).
    vectors: Vec<Vector>,
    body: Centroid,
    title: Centroid,
    entities: Centroid,
    facts: Set<u64>,
    years: Set<u16>,
    fact_kinds: Set<u64>,
    values: Set<u64>,
    events: Set<u64>,
    days: Set<i32>,
    languages: Vec<Box<str>>,
    /// Gold label when the story was formed by [`Clusterer::push_labelled`] (training only).
    label: Option<Box<str>>,
    /// Its id is a stored story's ([`Clusterer::push_recorded`]), not derived from its founder.
    kept: bool,
    last: Option<i64>,
    /// Dated members and the sum of their times (for the mean time).
    dated: u32,
    ts_sum: f64,
    indexed: Set<u32>,
    indexed_entities: Set<u32>,
    /// (original member, copy member) stream positions.
    copies: Vec<(usize, usize)>,
}

impl Forming {
    /// Mean publication time of the dated members (Unix seconds).
    fn mean_time(&self) -> Option<f64> {
        (self.dated > 0).then(|| self.ts_sum / f64::from(self.dated))
    }
}

/// A story as the stream grouped it: its articles in arrival order and why they are together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: StoryId,
    /// Articles in the order they were pushed.
    pub articles: Vec<ArticleId>,
    /// Near-duplicates: (original, copy) as indexes into `articles`.
    pub copies: Vec<(usize, usize)>,
    /// Terms that two or more members share, strongest first.
    pub shared_terms: Vec<String>,
    /// Publication time (Unix seconds) of the latest member, when dated.
    pub last: Option<i64>,
    /// Stream positions of the members (for [`cluster`]'s assembly).
    positions: Vec<usize>,
    /// The id is a stored story's, handed in by [`Clusterer::push_recorded`]; otherwise it is
    /// derived from the founding article and may still have to give way to an id shown before.
    pub kept: bool,
}

/// An article made ready for the comparison with open stories.
struct Prepared {
    f: Features,
    body: Vector,
    title: Vector,
    ents: Vector,
    /// Stream position of the article it copies.
    copy: Option<usize>,
}

/// An article of a story that is still open.
struct LiveArticle {
    story: usize,
    ts: Option<i64>,
    sig: Option<copies::Signature>,
}

/// Streaming clustering with state bounded by the time window.
///
/// Push articles in publication order (articles a little late are fine: they are compared with
/// the stories still open). Every so often call [`Clusterer::finished`]: stories whose latest
/// article is more than [`Config::window_days`] older than the newest article pushed can no
/// longer grow, so they are handed out and everything kept for them (centroids, index entries,
/// copy signatures) is dropped. What stays is the open stories plus the vocabulary and its
/// document frequencies.
///
/// ```
/// # use khabar_story::{Clusterer, Config};
/// let mut c = Clusterer::new(Config::default());
/// // for (doc, analysis) in stream { c.push(&doc, analysis.as_ref()); for g in c.finished() { .. } }
/// let rest = c.finish();
/// assert!(rest.is_empty());
/// ```
pub struct Clusterer {
    config: Config,
    lexicon: Lexicon,
    terms: Interner,
    ent_names: Interner,
    df: Df,
    edf: Df,
    /// Open stories by founding number.
    stories: Map<usize, Forming>,
    next_story: usize,
    by_term: Map<u32, Vec<usize>>,
    by_entity: Map<u32, Vec<usize>>,
    /// Articles of open stories by stream position.
    live: Map<usize, LiveArticle>,
    copy_index: copies::CopyIndex,
    next_pos: usize,
    newest: Option<i64>,
    /// Open stories with a stored id ([`Clusterer::push_recorded`]), by that id.
    by_story: Map<StoryId, usize>,
    /// Stream positions of the articles pushed by [`Clusterer::push_recorded`] and
    /// [`Clusterer::push_recording`] (their records name copies by article id).
    by_article: Map<ArticleId, usize>,
}

fn top_terms(v: &Vector, k: usize) -> Vec<(u32, f32)> {
    let mut top: Vec<(u32, f32)> = v.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(k);
    top
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            lexicon: Lexicon::default(),
            terms: Interner::default(),
            ent_names: Interner::default(),
            df: Df::default(),
            edf: Df::default(),
            stories: Map::default(),
            next_story: 0,
            by_term: Map::default(),
            by_entity: Map::default(),
            live: Map::default(),
            copy_index: copies::CopyIndex::default(),
            next_pos: 0,
            newest: None,
            by_story: Map::default(),
            by_article: Map::default(),
        }
    }

    /// Stories still open.
    pub fn open_stories(&self) -> usize {
        self.stories.len()
    }

    /// Articles in the stories still open.
    pub fn open_articles(&self) -> usize {
        self.live.len()
    }

    /// Distinct terms seen (the part of the state that grows with the vocabulary, not the window).
    pub fn vocabulary(&self) -> usize {
        self.terms.ids.len()
    }

    /// Distinct spellings seen (cached with their search keys).
    pub fn spellings(&self) -> usize {
        self.lexicon.words.len()
    }

    fn in_window(&self, ts: Option<i64>, s: &Forming) -> bool {
        match (ts, s.last) {
            (Some(a), Some(b)) => (a - b).abs() <= self.config.window_days * 86_400,
            _ => true,
        }
    }

    /// The linker that decides for this article: the configured one when the article was
    /// analysed (the model is trained on analysed articles: without entities, counts and dates
    /// its features mean something else), else none and the hand-set lexical score decides.
    fn linker(&self, p: &Prepared) -> Option<&Linker> {
        self.config.linker.as_ref().filter(|_| p.f.analysed)
    }

    /// With the linker: the article is at most two windows from the story's mean publication
    /// time, so a story fed every few days cannot chain on for ever (the hand-set score decays
    /// with the same distance instead).
    fn near_mean(&self, p: &Prepared, s: &Forming) -> bool {
        if self.linker(p).is_none() {
            return true;
        }
        match (p.f.ts, s.mean_time()) {
            (Some(a), Some(mean)) => {
                (a as f64 - mean).abs() <= 2.0 * self.config.window_days as f64 * 86_400.0
            }
            _ => true,
        }
    }

    /// Candidate stories for an article: by shared index terms and entities, strongest first.
    fn candidates(&mut self, ts: Option<i64>, body: &Vector, ents: &Vector) -> Vec<usize> {
        let mut acc: BTreeMap<usize, f32> = BTreeMap::new();
        let window = self.config.window_days * 86_400;
        let stories = &self.stories;
        let mut visit = |index: &mut Map<u32, Vec<usize>>, t: u32, w: f32| {
            if let Some(list) = index.get_mut(&t) {
                // Stories out of the window stay out (articles come in time order): drop them.
                list.retain(|s| {
                    stories.get(s).is_some_and(|s| match (ts, s.last) {
                        (Some(now), Some(l)) => now - l <= window,
                        _ => true,
                    })
                });
                for &s in list.iter() {
                    *acc.entry(s).or_insert(0.0) += w;
                }
            }
        };
        for (t, w) in top_terms(body, self.config.index_terms) {
            visit(&mut self.by_term, t, w);
        }
        for &(e, w) in ents {
            visit(&mut self.by_entity, e, w);
        }
        let mut ranked: Vec<(usize, f32)> = acc.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    fn score(
        &self,
        s: &Forming,
        ts: Option<i64>,
        body: &Vector,
        title: &Vector,
        ents: &Vector,
        f: &Features,
    ) -> f32 {
        let c = &self.config;
        let mut num = c.text_weight * s.body.linked(body, s.members.len(), c.linkage);
        let mut den = c.text_weight;
        if !title.is_empty() {
            num += c.title_weight * s.title.cosine(title);
            den += c.title_weight;
        }
        if !ents.is_empty() && s.entities.norm2 > 0.0 {
            num += c.entity_weight * s.entities.cosine(ents);
            den += c.entity_weight;
        }
        let mut score = num / den;
        let shared = f
            .facts
            .iter()
            .filter(|x| s.facts.contains(x))
            .count()
            .min(2);
        score += c.fact_bonus * shared as f32;
        // Both name years and none in common: most likely a look-alike from another time.
        if !f.years.is_empty()
            && !s.years.is_empty()
            && !f.years.iter().any(|y| s.years.contains(y))
        {
            score *= c.year_conflict;
        }
        // Decay from the story's mean publication time, not its latest article: a story that
        // keeps taking an article every few days drifts away from its own past and cannot chain
        // on for ever (it closes, and a later report starts a new story).
        if let (Some(a), Some(mean)) = (ts, s.mean_time()) {
            let days = (a as f64 - mean).abs() as f32 / 86_400.0;
            score *= (-days / c.decay_days.max(0.01)).exp();
        }
        score
    }

    /// The earlier article this one copies, if any: the most similar above the threshold among
    /// the articles of open stories that are themselves inside the time window (a wire text
    /// re-run months later starts a new story, even when the story of its first run is still
    /// going).
    fn copy_of(&self, ts: Option<i64>, sig: &copies::Signature) -> Option<usize> {
        self.copy_index
            .candidates(sig)
            .into_iter()
            .filter_map(|j| {
                let a = self.live.get(&j)?;
                if let (Some(now), Some(then)) = (ts, a.ts) {
                    if (now - then).abs() > self.config.window_days * 86_400 {
                        return None;
                    }
                }
                Some((j, copies::jaccard(sig, a.sig.as_ref()?)))
            })
            .filter(|(_, sim)| *sim >= self.config.copy_jaccard)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(j, _)| j)
    }

    /// The article's vectors and features, with the document frequencies updated.
    fn prepare(&mut self, doc: &Document, analysis: Option<&Analysis>) -> Prepared {
        let config = self.config;
        let mut f = features(
            doc,
            analysis,
            &mut self.lexicon,
            &mut self.terms,
            &mut self.ent_names,
        );
        self.df.observe(f.counts.iter().map(|(t, _)| *t));
        self.edf.observe(f.entities.iter().map(|(e, _)| *e));
        let body = weigh(&f.counts, &self.df, config.idf_prior, config.vector_terms);
        let title_counts: Vec<(u32, f32)> = f.title.iter().map(|&t| (t, 1.0)).collect();
        let title = weigh(&title_counts, &self.df, config.idf_prior, 0);
        let mut ents: Vector = f
            .entities
            .iter()
            .map(|&(e, w)| {
                (
                    e,
                    (1.0 + w.ln().max(0.0)) * w.min(1.0) * self.edf.idf(e, config.idf_prior),
                )
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        normalise(&mut ents);
        // The raw counts are weighed now: what is kept (and recorded) is the vectors.
        f.counts = Vec::new();
        f.title = Vec::new();
        f.entities = Vec::new();
        if let Some(ts) = f.ts {
            self.newest = Some(self.newest.map_or(ts, |n| n.max(ts)));
        }
        let copy = f.sig.as_ref().and_then(|s| self.copy_of(f.ts, s));
        Prepared {
            f,
            body,
            title,
            ents,
            copy,
        }
    }

    /// Open candidate stories inside the time window, each with its join score (the linker's
    /// probability, or the hand-set score when no linker is configured).
    fn scored(&mut self, p: &Prepared) -> Vec<(usize, f32, linker::Row)> {
        let cands = self.candidates(p.f.ts, &p.body, &p.ents);
        let mut rows: Vec<(usize, linker::Row)> = cands
            .into_iter()
            .filter_map(|k| {
                let s = self.stories.get(&k)?;
                (self.in_window(p.f.ts, s) && self.near_mean(p, s))
                    .then(|| (k, self.pair_features(s, p)))
            })
            .collect();
        linker::relate(&mut rows);
        rows.into_iter()
            .map(|(k, row)| {
                let score = match (self.linker(p), self.stories.get(&k)) {
                    (Some(l), _) => l.probability(&row),
                    (None, Some(s)) => self.score(s, p.f.ts, &p.body, &p.title, &p.ents, &p.f),
                    (None, None) => 0.0,
                };
                (k, score, row)
            })
            .collect()
    }

    /// Add one article; returns the id of the story it joined or founded.
    pub fn push(&mut self, doc: &Document, analysis: Option<&Analysis>) -> StoryId {
        let p = self.prepare(doc, analysis);
        self.decide(&doc.id, p)
    }

    /// The join decision for a prepared article, and its insertion.
    fn decide(&mut self, article: &ArticleId, p: Prepared) -> StoryId {
        let threshold = match self.linker(&p) {
            Some(l) => l.cut,
            None if p.f.language.as_deref() == Some("hi") => self.config.threshold_hi,
            None => self.config.threshold,
        };
        let target = match p.copy.and_then(|j| self.live.get(&j)) {
            Some(a) => Some(a.story),
            None => {
                let scored = self.scored(&p);
                match self.linker(&p) {
                    Some(l) => l.choose(&scored),
                    None => scored
                        .into_iter()
                        .filter(|(_, sc, _)| *sc >= threshold)
                        // Highest score; ties go to the older story.
                        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                        .map(|(k, _, _)| k),
                }
            }
        };
        self.insert(article, p, target, None)
    }

    /// Training: add one article with its gold story label, following the gold grouping (the
    /// article joins the open story of its label, or founds one), and return the linker's
    /// feature rows for every candidate story the stream would have scored, each with whether
    /// it is the article's story. Copies join their original's story as in [`Clusterer::push`]
    /// and give no rows.
    pub fn push_labelled(
        &mut self,
        doc: &Document,
        analysis: Option<&Analysis>,
        label: &str,
    ) -> Vec<(linker::Row, bool)> {
        let p = self.prepare(doc, analysis);
        let rows: Vec<(linker::Row, bool)> = if p.copy.is_some() {
            Vec::new()
        } else {
            self.scored(&p)
                .into_iter()
                .map(|(k, _, row)| {
                    let same = self
                        .stories
                        .get(&k)
                        .is_some_and(|s| s.label.as_deref() == Some(label));
                    (row, same)
                })
                .collect()
        };
        let target = self
            .stories
            .iter()
            .filter(|(_, s)| s.label.as_deref() == Some(label) && self.in_window(p.f.ts, s))
            .map(|(&k, _)| k)
            .min();
        self.insert(&doc.id, p, target, Some(label));
        rows
    }

    fn insert(
        &mut self,
        article: &ArticleId,
        p: Prepared,
        target: Option<usize>,
        label: Option<&str>,
    ) -> StoryId {
        let config = self.config;
        let Prepared {
            f,
            body,
            title,
            ents,
            copy,
        } = p;
        let copy =
            copy.filter(|j| target.is_none_or(|k| self.live.get(j).is_some_and(|a| a.story == k)));
        let pos = self.next_pos;
        self.next_pos += 1;
        let k = match target {
            Some(k) => k,
            None => {
                let k = self.next_story;
                self.next_story += 1;
                self.stories.insert(
                    k,
                    Forming {
                        id: StoryId::from_key(article.as_str()),
                        seq: k,
                        members: Vec::new(),
                        articles: Vec::new(),
                        vectors: Vec::new(),
                        body: Centroid::default(),
                        title: Centroid::default(),
                        entities: Centroid::default(),
                        facts: Set::default(),
                        years: Set::default(),
                        fact_kinds: Set::default(),
                        values: Set::default(),
                        events: Set::default(),
                        days: Set::default(),
                        languages: Vec::new(),
                        label: label.map(Into::into),
                        kept: false,
                        last: None,
                        dated: 0,
                        ts_sum: 0.0,
                        indexed: Set::default(),
                        indexed_entities: Set::default(),
                        copies: Vec::new(),
                    },
                );
                k
            }
        };
        let Some(s) = self.stories.get_mut(&k) else {
            // Unreachable: `k` is an open story or was just inserted.
            return StoryId::from_key(article.as_str());
        };
        s.members.push(pos);
        s.articles.push(article.clone());
        if let Some(j) = copy {
            s.copies.push((j, pos));
        }
        s.body.add(&body);
        s.title.add(&title);
        s.entities.add(&ents);
        s.facts.extend(f.facts.iter().copied());
        s.years.extend(f.years.iter().copied());
        s.fact_kinds.extend(f.fact_kinds.iter().copied());
        s.values.extend(f.values.iter().copied());
        s.events.extend(f.events.iter().copied());
        s.days.extend(f.days.iter().copied());
        if let Some(l) = f.language {
            if !s.languages.contains(&l) {
                s.languages.push(l);
            }
        }
        if let Some(t) = f.ts {
            s.dated += 1;
            s.ts_sum += t as f64;
        }
        s.last = match (s.last, f.ts) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for (t, _) in top_terms(&body, config.index_terms) {
            if s.indexed.insert(t) {
                self.by_term.entry(t).or_default().push(k);
            }
        }
        for &(e, _) in &ents {
            if s.indexed_entities.insert(e) {
                self.by_entity.entry(e).or_default().push(k);
            }
        }
        s.vectors.push(body);
        let id = s.id.clone();
        if let Some(sig) = &f.sig {
            self.copy_index.insert(pos, sig);
        }
        self.live.insert(
            pos,
            LiveArticle {
                story: k,
                ts: f.ts,
                sig: f.sig,
            },
        );
        id
    }

    /// The linker's features of an article against an open story (see [`linker::FEATURES`]).
    fn pair_features(&self, s: &Forming, p: &Prepared) -> linker::Row {
        let f = &p.f;
        let count = |xs: &[u64], set: &Set<u64>| xs.iter().filter(|x| set.contains(x)).count();
        let both_ents = !p.ents.is_empty() && s.entities.norm2 > 0.0;
        let ents = if both_ents {
            s.entities.cosine(&p.ents)
        } else {
            0.0
        };
        let shared_entities = p
            .ents
            .iter()
            .filter(|(e, _)| s.indexed_entities.contains(e))
            .count();
        let facts_shared = count(&f.facts, &s.facts);
        // A kind both count, with no value in common: the counts disagree.
        let conflicts = f
            .fact_kinds
            .iter()
            .filter(|k| s.fact_kinds.contains(k))
            .count()
            .saturating_sub(facts_shared);
        let values_shared = count(&f.values, &s.values);
        let events = if f.events.is_empty() || s.events.is_empty() {
            0.0
        } else {
            let shared = count(&f.events, &s.events) as f32;
            shared / (f.events.len() + s.events.len()) as f32 * 2.0
        };
        let day_near = |d: &i32| (d - 1..=d + 1).any(|x| s.days.contains(&x));
        let (day_shared, day_conflict) = if f.days.is_empty() || s.days.is_empty() {
            (0.0, 0.0)
        } else if f.days.iter().any(day_near) {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        let (year_shared, year_conflict) = if f.years.is_empty() || s.years.is_empty() {
            (0.0, 0.0)
        } else if f.years.iter().any(|y| s.years.contains(y)) {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        let gap = match (f.ts, s.mean_time()) {
            (Some(a), Some(mean)) => ((a as f64 - mean).abs() / 86_400.0) as f32,
            _ => 0.0,
        };
        let cross = match &f.language {
            Some(l) => !s.languages.is_empty() && !s.languages.contains(l),
            None => false,
        };
        let cross = if cross { 1.0 } else { 0.0 };
        let frac = |n: usize, cap: usize| n.min(cap) as f32 / cap as f32;
        [
            s.body.cosine(&p.body),
            if p.title.is_empty() {
                0.0
            } else {
                s.title.cosine(&p.title)
            },
            ents,
            frac(shared_entities, 4),
            if both_ents { 0.0 } else { 1.0 },
            frac(facts_shared, 2),
            frac(conflicts, 2),
            frac(values_shared, 3),
            events,
            day_shared,
            day_conflict,
            year_shared,
            year_conflict,
            (gap / self.config.window_days.max(1) as f32).min(4.0),
            cross,
            ents * cross,
            if f.language.as_deref() == Some("hi") {
                1.0
            } else {
                0.0
            },
            ((1 + s.members.len()) as f32).ln() / 16f32.ln(),
            // Filled by `linker::relate` once every candidate is scored.
            0.0,
            0.0,
            0.0,
            0.0,
        ]
    }

    /// Close the stories that can no longer grow (their latest article is more than the window
    /// older than the newest article pushed) and hand them out in founding order. Their state
    /// leaves memory, and the indexes are swept of them. Costs a pass over the open state, so
    /// call it every few hundred articles or once per stream day, not after every article.
    pub fn finished(&mut self) -> Vec<Group> {
        let Some(now) = self.newest else {
            return Vec::new();
        };
        let limit = now - self.config.window_days * 86_400;
        let mut closed: Vec<usize> = self
            .stories
            .iter()
            .filter(|(_, s)| s.last.is_some_and(|l| l < limit))
            .map(|(&k, _)| k)
            .collect();
        if closed.is_empty() {
            return Vec::new();
        }
        closed.sort_unstable();
        let mut out = Vec::with_capacity(closed.len());
        for k in closed {
            if let Some(s) = self.stories.remove(&k) {
                for p in &s.members {
                    self.live.remove(p);
                }
                out.push(self.group(s));
            }
        }
        let stories = &self.stories;
        for index in [&mut self.by_term, &mut self.by_entity] {
            index.retain(|_, list| {
                list.retain(|s| stories.contains_key(s));
                !list.is_empty()
            });
        }
        let live = &self.live;
        self.copy_index.retain(|p| live.contains_key(&p));
        out
    }

    /// Close every story and hand them all out in founding order.
    pub fn finish(mut self) -> Vec<Group> {
        let mut open: Vec<Forming> = self.stories.drain().map(|(_, s)| s).collect();
        open.sort_by_key(|s| s.seq);
        open.into_iter().map(|s| self.group(s)).collect()
    }

    fn group(&self, s: Forming) -> Group {
        let shared_terms = self.shared_terms(&s);
        let at: HashMap<usize, usize> =
            s.members.iter().enumerate().map(|(i, &p)| (p, i)).collect();
        Group {
            copies: s
                .copies
                .iter()
                .filter_map(|(o, c)| Some((*at.get(o)?, *at.get(c)?)))
                .collect(),
            id: s.id,
            articles: s.articles,
            shared_terms,
            last: s.last,
            positions: s.members,
            kept: s.kept,
        }
    }

    /// Terms that two or more members share, by summed weight.
    fn shared_terms(&self, s: &Forming) -> Vec<String> {
        let mut shared: HashMap<u32, (usize, f32)> = HashMap::new();
        for v in &s.vectors {
            for (t, w) in v {
                let e = shared.entry(*t).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += w;
            }
        }
        let mut ranked: Vec<(u32, f32)> = shared
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .map(|(t, (_, w))| (t, w))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(12)
            .filter_map(|(t, _)| self.terms.display.get(&t).cloned())
            .collect()
    }
}

/// Group documents into stories. `analyses` may be empty or hold analyses for some documents;
/// they are matched to documents by article id.
pub fn cluster(docs: &[&Document], analyses: &[&Analysis], config: &Config) -> Vec<Story> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let order = order(docs);
    let mut clusterer = Clusterer::new(*config);
    for &i in &order {
        let doc = docs[i];
        clusterer.push(doc, by_id.get(doc.id.as_str()).copied());
    }
    let ctx = Assembly {
        docs,
        by_id: &by_id,
        stream_docs: &order,
    };
    clusterer
        .finish()
        .into_iter()
        .map(|g| ctx.assemble(g))
        .collect()
}

/// The grouping alone, without assembling the stories (timeline, comparison): the articles of
/// each story in arrival order, stories in founding order. What [`cluster`] groups, for
/// training and scoring runs that only need who is with whom.
pub fn groups(docs: &[&Document], analyses: &[&Analysis], config: &Config) -> Vec<Vec<ArticleId>> {
    let by_id: HashMap<&str, &Analysis> =
        analyses.iter().map(|a| (a.article.as_str(), *a)).collect();
    let mut clusterer = Clusterer::new(*config);
    for i in order(docs) {
        let doc = docs[i];
        clusterer.push(doc, by_id.get(doc.id.as_str()).copied());
    }
    clusterer.finish().into_iter().map(|g| g.articles).collect()
}

/// The order articles are taken in: publication time, then id; undated articles last.
fn order(docs: &[&Document]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..docs.len()).collect();
    idx.sort_by(|&a, &b| {
        let ka = (
            docs[a].published.is_none(),
            docs[a].published.map(|p| p.timestamp()),
            &docs[a].id,
        );
        let kb = (
            docs[b].published.is_none(),
            docs[b].published.map(|p| p.timestamp()),
            &docs[b].id,
        );
        ka.cmp(&kb)
    });
    idx
}

/// The analysed members that are independent reports: a reprint of another member (a copy of
/// one wire or agency text under another name) is left out, so it counts once in the
/// comparison, under its original; the story's copy groups show the reprints.
fn independent<'a>(
    analysed: &[(&'a Document, &'a Analysis)],
    g: &Group,
) -> Vec<(&'a Document, &'a Analysis)> {
    let copies: HashSet<&ArticleId> = g
        .copies
        .iter()
        .filter_map(|&(_, c)| g.articles.get(c))
        .collect();
    analysed
        .iter()
        .filter(|(d, _)| !copies.contains(&d.id))
        .copied()
        .collect()
}

struct Assembly<'a> {
    docs: &'a [&'a Document],
    by_id: &'a HashMap<&'a str, &'a Analysis>,
    /// Stream position → index in `docs`.
    stream_docs: &'a [usize],
}

impl Assembly<'_> {
    fn assemble(&self, g: Group) -> Story {
        let members: Vec<&Document> = g
            .positions
            .iter()
            .map(|&p| self.docs[self.stream_docs[p]])
            .collect();
        self.assemble_members(&g, &members)
    }

    /// The story of a group whose members (in the group's order) are `members`.
    fn assemble_members(&self, g: &Group, members: &[&Document]) -> Story {
        let mut outlets: Vec<String> = members.iter().filter_map(|d| d.outlet.clone()).collect();
        outlets.sort();
        outlets.dedup();
        let mut languages: Vec<String> =
            members.iter().filter_map(|d| d.language.clone()).collect();
        languages.sort();
        languages.dedup();
        let published: Vec<PubTime> = members.iter().filter_map(|d| d.published).collect();
        let analysed: Vec<(&Document, &Analysis)> = members
            .iter()
            .filter_map(|d| Some((*d, *self.by_id.get(d.id.as_str())?)))
            .collect();
        let founder = members.first();
        let title = founder
            .and_then(|d| d.title.clone())
            .or_else(|| {
                founder.map(|d| {
                    d.text
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(120)
                        .collect()
                })
            })
            .unwrap_or_default();
        Story {
            id: g.id.clone(),
            title,
            articles: members.iter().map(|d| d.id.clone()).collect(),
            outlets,
            languages,
            first_published: published.iter().min().copied(),
            last_published: published.iter().max().copied(),
            shared_terms: g.shared_terms.clone(),
            entities: self.entities(members),
            copies: self.copy_groups(g, members),
            comparison: compare::compare(&independent(&analysed, g)),
            timeline: timeline::timeline(&analysed),
        }
    }

    /// The linked entities of a story, most salient first (salience = share of articles naming
    /// the entity, weighted up for people and places).
    fn entities(&self, members: &[&Document]) -> Vec<StoryEntity> {
        let mut acc: BTreeMap<&EntityId, (String, EntityKind, usize, usize)> = BTreeMap::new();
        for d in members {
            let Some(a) = self.by_id.get(d.id.as_str()) else {
                continue;
            };
            let mut here: HashSet<&EntityId> = HashSet::new();
            for m in &a.mentions {
                let Some(e) = &m.entity else { continue };
                if m.relation != MentionRelation::Names {
                    continue;
                }
                let r = a.entities.iter().find(|r| &r.id == e);
                let entry = acc.entry(e).or_insert_with(|| {
                    (
                        r.map_or_else(|| m.text.clone(), |r| r.name.clone()),
                        r.map_or(m.kind, |r| r.kind),
                        0,
                        0,
                    )
                });
                entry.2 += 1;
                if here.insert(e) {
                    entry.3 += 1;
                }
            }
        }
        let n = members.len().max(1) as f32;
        let mut out: Vec<StoryEntity> = acc
            .into_iter()
            .map(|(id, (name, kind, mentions, articles))| StoryEntity {
                id: id.clone(),
                name,
                kind,
                mentions,
                articles,
                salience: articles as f32 / n * entity_weight(kind),
            })
            .collect();
        out.sort_by(|a, b| {
            b.salience
                .total_cmp(&a.salience)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.id.cmp(&b.id))
        });
        out.truncate(20);
        out
    }

    /// Copies grouped under the earliest article they copy (directly or through another copy).
    fn copy_groups(&self, g: &Group, members: &[&Document]) -> Vec<CopyGroup> {
        let mut root: HashMap<usize, usize> = HashMap::new();
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(orig, copy) in &g.copies {
            let r = root.get(&orig).copied().unwrap_or(orig);
            root.insert(copy, r);
            groups.entry(r).or_default().push(copy);
        }
        groups
            .into_iter()
            .map(|(orig, copies)| {
                let agency = std::iter::once(orig)
                    .chain(copies.iter().copied())
                    .find_map(|i| copies::agency(members[i]));
                CopyGroup {
                    original: members[orig].id.clone(),
                    copies: copies.iter().map(|&i| members[i].id.clone()).collect(),
                    agency,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
