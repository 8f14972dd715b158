//! Entity mentions and linking.
//!
//! Mentions are found four ways, and the longest non-overlapping ones are kept:
//! 1. the knowledge base's names (and the surnames of its people) matched over token sequences,
//!    exactly by search key or by the name keys of the text core (`कसीम-जोमार्ट टोकायव` finds
//!    `कासिम-जोमार्ट टोकायेव`), with Devanagari acronyms read through their Latin letters;
//! 2. a run of name-like words after a title or rank (`राष्ट्रपति`, `कर्नल-जनरल`, `President`) is a
//!    person;
//! 3. the NER model's spans, for names nobody listed;
//! 4. demonyms and adjectives (`रूसी`, `Russian`) are mentions *related to* their place.
//!
//! Each mention is then linked: knowledge-base candidates are scored with the lookup's name
//! score, type agreement, the fit of a title before the mention with the entry's role, and the
//! places the article names; the best is taken when it is clear of the second. Within an article
//! a surname joins the full name it belongs to and spelling variants join each other; a name with
//! no entry becomes a new entity whose id is derived from its kind and name key, so that the same
//! name in another article gets the same id.

use crate::hashing::{HashMap, HashSet};
use crate::ner;
use khabar_kb::{titles, Entry, KbError, KnowledgeBase};
use khabar_model::{EntityId, EntityKind, EntityRef, Mention, MentionRelation, Sentence, Span};
use khabar_text::doc::Doc;
use khabar_text::names::{name_key, transliterate, PreparedName};
use khabar_text::normalize::search_key;
use khabar_text::segment::word_iter;
use khabar_text::titles::{self as title_table, Use};
use khabar_text::{en, hi};
use std::sync::{Arc, Mutex};

/// Errors creating an [`EntityLinker`].
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    #[error("knowledge base: {0}")]
    Kb(#[from] KbError),
}

/// Head words of a body's name, by search key: a place right before one is part of that name,
/// not the place (`भारतीय मजदूर संघ`, `George Washington Bridge`; `data/lang/{hi,en}/body-heads.txt`).
fn body_heads() -> &'static HashSet<String> {
    static KEYS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| keyed(&[hi::BODY_HEADS, en::BODY_HEADS]))
}

/// Compass words, by search key: a weak entry named by them alone (`उत्तर-पश्चिम`,
/// "north-west") is a direction in prose, not the subdivision (`data/lang/{hi,en}/compass.txt`).
fn compass() -> &'static HashSet<String> {
    static KEYS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| keyed(&[hi::COMPASS, en::COMPASS]))
}

/// The lists' words by [`search_key`].
fn keyed(lists: &[&[&str]]) -> HashSet<String> {
    lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|w| search_key(w))
        .collect()
}

/// Everyday words that gazetteers also list as names (`सोमवार` is a district's name in one of
/// them, `शहर` an alias of a city): never a one-word knowledge-base match, never a one-word NER
/// guess. Weekdays, months, everyday nouns and adjectives, and the words of a page's furniture.
const EVERYDAY_WORDS: [&[&str]; 7] = [
    hi::WEEKDAYS,
    hi::MONTHS,
    hi::EVERYDAY_WORDS,
    en::WEEKDAYS,
    en::MONTHS,
    en::WEEKDAY_MONTH_ABBREVIATIONS,
    en::PAGE_WORDS,
];

/// Minimum name similarity for a name-key (not exact) match of a knowledge-base name; one-word
/// names need the higher one.
const KEY_MATCH_MIN: f32 = 0.8;
const KEY_MATCH_ONE_WORD_MIN: f32 = 0.9;
/// A candidate is taken when it scores at least this ...
const ACCEPT_MIN: f32 = 0.5;
/// (for names found by title cues or NER, this) ...
const ACCEPT_OTHER_MIN: f32 = 0.7;
/// ... and at least this much above the second candidate.
const MARGIN: f32 = 0.08;
/// Two mentions in one article are spellings of one name from this similarity on.
const VARIANT_MIN: f32 = 0.88;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Devanagari or any case.
    Any,
    /// A Latin name: its first letter must be a capital in the text.
    Capital,
    /// A Latin acronym (`US`): all capitals in the text.
    Upper,
}

/// One knowledge-base name as a token sequence.
#[derive(Debug)]
struct Seq {
    keys: Box<[String]>,
    entry: u32,
    case: Case,
    /// For name-key sequences: the alias as written, for the similarity check.
    alias: Box<str>,
    /// The last word of a person's name, indexed on its own.
    surname: bool,
}

/// Where a candidate mention came from; lower ranks win ties of length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Source {
    Exact = 0,
    Demonym = 1,
    Acronym = 2,
    Key = 3,
    Cue = 4,
    Ner = 5,
}

#[derive(Debug, Clone)]
struct Cand {
    /// Token range.
    start: usize,
    end: usize,
    source: Source,
    kind: Option<EntityKind>,
    /// Knowledge-base entries this span matched (exact or by key).
    entries: Vec<u32>,
    /// Every match came from a person's surname alone.
    surname_only: bool,
}

/// One token of the article.
#[derive(Debug)]
struct Tok<'a> {
    span: Span,
    text: &'a str,
    /// The word's [`search_key`]: the document's, or its own when a possessive was cut off.
    key: &'a str,
    /// [`EntityLinker::word_is_name_like`] of the word, read once (it is asked many times).
    name_like: bool,
}

/// Finds entity mentions and links them to the knowledge base or to new entities.
pub struct EntityLinker {
    kb: &'static KnowledgeBase,
    ner: Option<ner::Model>,
    seqs: Vec<Seq>,
    /// First token's search key → exact sequences.
    exact: HashMap<String, Vec<u32>>,
    /// First token's name key → name-key sequences.
    keyed: HashMap<String, Vec<u32>>,
    /// Search key of a demonym → its place's entry.
    demonyms: HashMap<String, u32>,
    /// Title cues as token key sequences, by their last token.
    cues: HashMap<String, Vec<Box<[String]>>>,
    /// Function words of Hindi and English and words that are not names.
    stop: HashSet<String>,
    /// Every word of the title cues.
    title_words: HashSet<String>,
    /// [`EVERYDAY_WORDS`] by search key.
    common: HashSet<String>,
    /// Last words that make an English run no person (`data/lang/en/not-person-heads.tsv`),
    /// by search key, with the kind they make it.
    not_person_heads: HashMap<String, EntityKind>,
    /// Name keys of words met so far (see [`nkey`]).
    nkey_cache: Mutex<HashMap<Box<str>, Arc<str>>>,
    /// [`name_similarity`](khabar_text::names::name_similarity) of name pairs met so far (see [`EntityLinker::similarity`]).
    sim_cache: Mutex<SimCache>,
    /// Names prepared for [`name_similarity`](khabar_text::names::name_similarity) (see [`EntityLinker::prepared`]).
    prepared_cache: Mutex<HashMap<String, Arc<PreparedName>>>,
    /// Knowledge-base lookups of mention texts met so far (see [`EntityLinker::lookup`]).
    lookup_cache: Mutex<HashMap<String, Vec<khabar_kb::Candidate>>>,
    /// [`EntityLinker::acronym_len`] of words met so far.
    acronym_cache: Mutex<HashMap<String, Option<usize>>>,
    /// [`EntityLinker::is_title`] of phrases met so far.
    title_cache: Mutex<HashMap<String, bool>>,
    /// Last words of titles (for a quick test before [`titles::role_words`]).
    title_ends: HashSet<String>,
    by_id: HashMap<&'static str, u32>,
}

impl std::fmt::Debug for EntityLinker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityLinker")
            .field("kb_entries", &self.kb.len())
            .field("ner", &self.ner.is_some())
            .field("sequences", &self.seqs.len())
            .finish()
    }
}

fn token_keys_of(s: &str) -> Vec<String> {
    word_iter(s).map(|t| search_key(t.text)).collect()
}

/// A Latin letter and no Devanagari letter. Read on the bytes: a Devanagari letter (U+0900 to
/// U+097F) is `E0 A4 xx` or `E0 A5 xx` in UTF-8, and `E0` only ever leads a character.
fn is_latin(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(u8::is_ascii_alphabetic)
        && !b
            .windows(2)
            .any(|w| w[0] == 0xE0 && (w[1] == 0xA4 || w[1] == 0xA5))
}

fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097F}').contains(&c)
}

fn only_wikidata(e: &Entry) -> bool {
    e.sources.iter().all(|s| s == "wikidata")
}

/// Entries whose one-word names are often common words: untyped Wikidata labels and
/// subdivisions known only from iso-codes' translations (`पश्चिमी` "Western", `अशांति` "Ashanti").
fn weak(e: &Entry) -> bool {
    (e.kind == EntityKind::Other && only_wikidata(e))
        || (e.subtype.as_deref() == Some("subdivision")
            && e.sources.iter().all(|s| s == "iso-codes"))
}

/// Capitalised words, Hindi or English: `Vladimir Putin`.
fn capitalised(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            if c == ' ' || c == '-' {
                start = true;
            }
            out.push(c);
        }
    }
    out
}

impl EntityLinker {
    /// A linker over the embedded knowledge base, with the embedded NER model when it loads.
    pub fn new() -> Result<Self, EntityError> {
        let kb = KnowledgeBase::embedded_shared()?;
        let ner = ner::Model::embedded().ok();
        Ok(Self::with(kb, ner))
    }

    /// A linker over the embedded knowledge base without the NER model (names the knowledge
    /// base does not have are then found only after titles).
    pub fn without_ner() -> Result<Self, EntityError> {
        let kb = KnowledgeBase::embedded_shared()?;
        Ok(Self::with(kb, None))
    }

    /// Whether the NER model is in use.
    pub fn has_ner(&self) -> bool {
        self.ner.is_some()
    }

    fn with(kb: &'static KnowledgeBase, ner: Option<ner::Model>) -> Self {
        let mut stop: HashSet<String> = HashSet::default();
        for w in khabar_text::hi::STOPWORDS
            .iter()
            .chain(khabar_text::en::STOPWORDS)
            .chain(hi::NOT_NAMES)
        {
            stop.insert(search_key(w));
        }
        let mut cues: HashMap<String, Vec<Box<[String]>>> = HashMap::default();
        let mut title_words: HashSet<String> = HashSet::default();
        for c in title_table::words(Use::Cue) {
            let keys = token_keys_of(c);
            title_words.extend(keys.iter().cloned());
            if let Some(last) = keys.last() {
                cues.entry(last.clone())
                    .or_default()
                    .push(keys.clone().into_boxed_slice());
            }
        }
        for c in title_table::words(Use::Loose) {
            title_words.extend(token_keys_of(c));
        }
        for v in cues.values_mut() {
            v.sort_by_key(|k| std::cmp::Reverse(k.len()));
        }
        let mut me = EntityLinker {
            kb,
            ner,
            seqs: Vec::new(),
            exact: HashMap::default(),
            keyed: HashMap::default(),
            demonyms: HashMap::default(),
            cues,
            stop,
            title_words,
            common: keyed(&EVERYDAY_WORDS),
            not_person_heads: not_person_heads(),
            nkey_cache: Mutex::new(HashMap::default()),
            sim_cache: Mutex::new(SimCache::default()),
            prepared_cache: Mutex::new(HashMap::default()),
            lookup_cache: Mutex::new(HashMap::default()),
            acronym_cache: Mutex::new(HashMap::default()),
            title_cache: Mutex::new(HashMap::default()),
            // the last words of the titles the knowledge base knows roles for, and of the cues
            title_ends: title_table::all()
                .filter(|t| !t.roles.is_empty() || t.has(Use::Cue))
                .filter_map(|t| token_keys_of(t.title).pop())
                .collect(),
            by_id: HashMap::default(),
        };
        me.index();
        me
    }

    fn index(&mut self) {
        let kb = self.kb;
        let mut seen: HashSet<(u32, bool, Vec<String>)> = HashSet::default();
        for (ei, e) in kb.entries().iter().enumerate() {
            let ei = ei as u32;
            self.by_id.insert(e.id.as_str(), ei);
            let listed = e.sources.iter().any(|s| s.starts_with("lists/"));
            let mut names: Vec<&str> = e.names().collect();
            // The surnames of people: `पुतिन`, `Tokayev`.
            let mut surnames: Vec<&str> = Vec::new();
            if e.kind == EntityKind::Person {
                for n in &names {
                    if let Some(t) = word_iter(n).last() {
                        if t.span.start > 0 && t.text.chars().count() >= 3 {
                            surnames.push(t.text);
                        }
                    }
                }
            }
            let full = names.len();
            names.extend(surnames);
            for (ni, name) in names.into_iter().enumerate() {
                let surname = ni >= full;
                let keys = token_keys_of(name);
                if keys.is_empty() {
                    continue;
                }
                let single = keys.len() == 1;
                if single && self.stop.contains(&keys[0]) {
                    continue;
                }
                // Weak entries' one-word names are often common words: only their longer names,
                // and not those made of common words alone (`दक्षिण-पश्चिम`, "south-west").
                if weak(e)
                    && (single
                        || keys.iter().all(|k| {
                            self.common.contains(k)
                                || khabar_kb::is_common_word(k)
                                || compass().contains(k)
                        }))
                {
                    continue;
                }
                // A one-word alias of a body or a person that is an ordinary word (the Hindi
                // Wikidata label of ICE is बर्फ़, "ice") names it only as its main name.
                let main = name == e.name_en || Some(name) == e.name_hi.as_deref();
                if single
                    && !main
                    && e.kind != EntityKind::Place
                    && (khabar_kb::is_common_word(&khabar_kb::alias_key(name))
                        || (name.chars().all(|c| !c.is_uppercase())
                            && khabar_kb::is_common_en_word(name)))
                {
                    continue;
                }
                let latin = is_latin(name);
                if single && !latin && keys[0].chars().count() < 2 {
                    continue;
                }
                let case = if !latin {
                    Case::Any
                } else if single
                    && name.chars().filter(|c| c.is_alphabetic()).count() <= 5
                    && name
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase())
                {
                    Case::Upper
                } else {
                    Case::Capital
                };
                if seen.insert((ei, false, keys.clone())) {
                    let si = self.seqs.len() as u32;
                    self.exact.entry(keys[0].clone()).or_default().push(si);
                    self.seqs.push(Seq {
                        keys: keys.into_boxed_slice(),
                        entry: ei,
                        case,
                        alias: name.into(),
                        surname,
                    });
                }
                // Name keys: spelling variants of well-known names.
                let strong = listed
                    || matches!(
                        (e.kind, e.subtype.as_deref()),
                        (EntityKind::Place, Some("country" | "city" | "state"))
                    );
                if !strong || (latin && e.kind != EntityKind::Person) {
                    continue;
                }
                let nkeys: Vec<String> = word_iter(name).map(|t| name_key(t.text)).collect();
                let letters: usize = nkeys.iter().map(|k| k.chars().count()).sum();
                if nkeys.iter().any(|k| k.is_empty()) || letters < 3 {
                    continue;
                }
                if seen.insert((ei, true, nkeys.clone())) {
                    let si = self.seqs.len() as u32;
                    self.keyed.entry(nkeys[0].clone()).or_default().push(si);
                    self.seqs.push(Seq {
                        keys: nkeys.into_boxed_slice(),
                        entry: ei,
                        case,
                        alias: name.into(),
                        surname,
                    });
                }
            }
            for d in &e.demonyms {
                let k = search_key(d);
                if k.contains(' ') || self.demonyms.contains_key(&k) {
                    continue;
                }
                if let Some(&pi) = kb
                    .demonym(d)
                    .and_then(|id| self.by_id_lookup(kb, id))
                    .as_ref()
                {
                    self.demonyms.insert(k, pi);
                }
            }
        }
        for v in self.exact.values_mut().chain(self.keyed.values_mut()) {
            let seqs = &self.seqs;
            v.sort_by_key(|&si| std::cmp::Reverse(seqs[si as usize].keys.len()));
        }
    }

    fn by_id_lookup(&self, kb: &KnowledgeBase, id: &str) -> Option<u32> {
        self.by_id.get(id).copied().or_else(|| {
            kb.entries()
                .binary_search_by(|e| e.id.as_str().cmp(id))
                .ok()
                .map(|i| i as u32)
        })
    }

    fn entry(&self, ei: u32) -> &'static Entry {
        &self.kb.entries()[ei as usize]
    }

    /// Mentions and entities of one article's clean text; `sentences` are the article's
    /// sentence spans (for [`Mention::sentence`]). Deterministic: the same text gives the same
    /// mentions and ids. Builds a [`Doc`] of the text; [`EntityLinker::link_doc`] reads one
    /// already built.
    pub fn link(
        &self,
        text: &str,
        sentences: &[Sentence],
        language: &str,
    ) -> (Vec<Mention>, Vec<EntityRef>) {
        self.link_doc(&Doc::new(text), sentences, language)
    }

    /// [`EntityLinker::link`] over an article's [`Doc`]: its words, their search keys and (for
    /// the NER) its sentences are read from the document, not computed again.
    pub fn link_doc(
        &self,
        doc: &Doc<'_>,
        sentences: &[Sentence],
        language: &str,
    ) -> (Vec<Mention>, Vec<EntityRef>) {
        let text = doc.text();
        let words = doc.words();
        let keys = doc.search_keys();
        // Keys of the words an English possessive was cut from (rare): owned here, borrowed
        // by the tokens below.
        let stripped: Vec<String> = words
            .iter()
            .filter_map(|w| {
                let (span, word) = without_possessive(w.span, w.text);
                (span != w.span && !word.is_empty()).then(|| search_key(word))
            })
            .collect();
        let mut stripped_keys = stripped.iter();
        let mut toks: Vec<Tok> = Vec::with_capacity(words.len());
        for (w, key) in words.iter().zip(keys) {
            let (span, word) = without_possessive(w.span, w.text);
            if word.is_empty() {
                continue;
            }
            let key: &str = if span == w.span {
                key
            } else {
                match stripped_keys.next() {
                    Some(k) => k.as_str(),
                    None => continue,
                }
            };
            toks.push(Tok {
                span,
                text: word,
                key,
                name_like: self.word_is_name_like(word, key),
            });
        }
        if toks.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let mut nkeys: Vec<Option<Arc<str>>> = vec![None; toks.len()];
        let mut cands: Vec<Cand> = Vec::new();
        for i in 0..toks.len() {
            self.match_exact(text, &toks, i, &mut cands);
            self.match_keyed(text, &toks, i, &mut nkeys, &mut cands);
            self.match_other(&toks, i, &mut cands);
        }
        // Tokens where a knowledge-base place or organisation starts: a name after a title
        // stops there.
        let mut stops = vec![false; toks.len()];
        for c in &cands {
            if c.entries
                .iter()
                .any(|&e| self.entry(e).kind != EntityKind::Person)
            {
                stops[c.start] = true;
            }
        }
        for i in 0..toks.len() {
            self.match_cue(text, &toks, i, &stops, &mut cands);
        }
        if let Some(model) = &self.ner {
            self.ner_cands(doc, &toks, model, &mut cands);
        }
        let mut chosen = choose(cands, &toks, text, |e| self.entry(e).kind);
        self.add_surnames(text, &toks, &mut chosen);
        self.resolve(text, &toks, chosen, sentences, language)
    }

    fn case_ok(&self, case: Case, tok: &Tok) -> bool {
        match case {
            Case::Any => true,
            Case::Capital => tok.text.chars().next().is_some_and(|c| c.is_uppercase()),
            Case::Upper => tok
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
        }
    }

    fn match_exact(&self, text: &str, toks: &[Tok], i: usize, cands: &mut Vec<Cand>) {
        let Some(list) = self.exact.get(toks[i].key) else {
            return;
        };
        let mut best_len = 0;
        for &si in list {
            let s = &self.seqs[si as usize];
            let n = s.keys.len();
            if n < best_len || i + n > toks.len() {
                continue;
            }
            let ok = (0..n).all(|j| {
                toks[i + j].key == s.keys[j]
                    && self.case_ok(s.case, &toks[i + j])
                    && (j == 0 || joined(text, &toks[i + j - 1], &toks[i + j]))
            });
            if !ok || (n == 1 && self.common.contains(toks[i].key)) {
                continue;
            }
            best_len = n;
            push_cand(cands, i, i + n, Source::Exact, s.entry, s.surname);
        }
    }

    fn match_keyed(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        nkeys: &mut [Option<Arc<str>>],
        cands: &mut Vec<Cand>,
    ) {
        if !self.name_like(&toks[i]) || self.demonyms.contains_key(toks[i].key) {
            return;
        }
        // an English word in lower case is no name found by its sound (`written` is not Britain)
        if toks[i]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
        {
            return;
        }
        let k0 = nkey(&self.nkey_cache, toks, nkeys, i);
        let Some(list) = self.keyed.get(k0) else {
            return;
        };
        for &si in list {
            let s = &self.seqs[si as usize];
            let n = s.keys.len();
            if i + n > toks.len() {
                continue;
            }
            let mut ok = true;
            for j in 0..n {
                if !(self.case_ok(s.case, &toks[i + j])
                    && (j == 0 || joined(text, &toks[i + j - 1], &toks[i + j]))
                    && self.name_like(&toks[i + j]))
                {
                    ok = false;
                    break;
                }
                if nkey(&self.nkey_cache, toks, nkeys, i + j) != &*s.keys[j] {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            let span_text = &text[toks[i].span.start..toks[i + n - 1].span.end];
            let min = if n == 1 {
                KEY_MATCH_ONE_WORD_MIN
            } else {
                KEY_MATCH_MIN
            };
            if n == 1
                && (self.common.contains(toks[i].key)
                    || hi::ends_with_any(hi::NOT_NAME_ENDINGS, span_text))
            {
                continue;
            }
            if self.similarity(span_text, &s.alias) < min {
                continue;
            }
            // One word alike by key: people and countries, or long words only (`कोचिंग` is
            // not Kuching).
            // A short word is alike by key with too many everyday words to be a variant of a
            // name on sound alone (`कट्टर`, "hardline", is not Khattar): people and countries
            // need four letters of key.
            if n == 1 {
                let e = self.entry(s.entry);
                let letters = s.keys[0].chars().count();
                let country = e.subtype.as_deref() == Some("country");
                let least = if e.kind == EntityKind::Person || country {
                    4
                } else {
                    5
                };
                if letters < least {
                    continue;
                }
            }
            push_cand(cands, i, i + n, Source::Key, s.entry, s.surname);
        }
    }

    /// Acronyms in Devanagari letters, demonyms, and names after titles.
    fn match_other(&self, toks: &[Tok], i: usize, cands: &mut Vec<Cand>) {
        let t = &toks[i];
        if let Some(&pi) = self.demonyms.get(t.key) {
            let latin_ok = !is_latin(t.text) || self.case_ok(Case::Capital, t);
            if latin_ok {
                push_cand(cands, i, i + 1, Source::Demonym, pi, false);
            }
        }
        if !self.exact.contains_key(t.key) && t.text.chars().count() >= 2 {
            if let Some(latin_len) = self.acronym_len(t.text) {
                let before = cands.len();
                for c in self.kb.lookup_acronym(t.text).iter().take(3) {
                    if let Some(&ei) = self.by_id.get(c.id.as_str()) {
                        push_cand(cands, i, i + 1, Source::Acronym, ei, false);
                    }
                }
                // An acronym the knowledge base does not have names an organisation, most
                // often (`एनएसयूआई`); it waits behind everything else.
                if cands.len() == before && latin_len >= 3 {
                    cands.push(Cand {
                        start: i,
                        end: i + 1,
                        source: Source::Ner,
                        kind: Some(EntityKind::Organisation),
                        entries: Vec::new(),
                        surname_only: false,
                    });
                }
            }
        }
    }

    /// A title ending at token i: the name-like run after it is a person.
    fn match_cue(&self, text: &str, toks: &[Tok], i: usize, stops: &[bool], cands: &mut Vec<Cand>) {
        let t = &toks[i];
        if let Some(list) = self.cues.get(t.key) {
            let is_cue = list.iter().any(|keys| {
                let n = keys.len();
                i + 1 >= n
                    && (0..n).all(|j| {
                        let ti = i + 1 - n + j;
                        toks[ti].key == keys[j]
                            && (j == 0 || joined(text, &toks[ti - 1], &toks[ti]))
                    })
            });
            if is_cue {
                let mut end = i + 1;
                while end < toks.len()
                    && end - i <= 3
                    && self.name_like(&toks[end])
                    && !self.cues.contains_key(toks[end].key)
                    && !self.title_words.contains(toks[end].key)
                    && !self.demonyms.contains_key(toks[end].key)
                    && !stops[end]
                    // `राष्ट्रपति डोनाल्ड ट्रंप तूफान …`: a common word after the name ends it
                    && !(end > i + 1 && self.common_word(&toks[end]))
                    && (if end == i + 1 {
                        cue_gap(text, t, &toks[end])
                    } else {
                        joined(text, &toks[end - 1], &toks[end])
                    })
                    && (!is_latin(t.text) || self.case_ok(Case::Capital, &toks[end]))
                {
                    end += 1;
                }
                // A run of ordinary words (`राष्ट्रपति निवास`, `राष्ट्रपति चुनावों`) names nobody.
                if end > i + 1 && !toks[i + 1..end].iter().all(|t| self.common_word(t)) {
                    cands.push(Cand {
                        start: i + 1,
                        end,
                        source: Source::Cue,
                        kind: Some(EntityKind::Person),
                        entries: Vec::new(),
                        surname_only: false,
                    });
                }
            }
        }
    }

    /// The last word of a person's full name, met again on its own in the article
    /// (`वोल्कोनोव` after `अर्काडी वोल्कोनोव`), is a mention of that person.
    fn add_surnames(&self, text: &str, toks: &[Tok], chosen: &mut Vec<Cand>) {
        let mut last: HashSet<&str> = HashSet::default();
        for c in chosen.iter() {
            // NER guesses are not spread: a wrong one would multiply.
            let person = (c.source == Source::Cue && c.kind == Some(EntityKind::Person))
                || c.entries
                    .iter()
                    .any(|&e| self.entry(e).kind == EntityKind::Person);
            if person && c.end - c.start > 1 && c.source != Source::Demonym {
                let t = &toks[c.end - 1];
                if t.text.chars().count() >= 3 && self.name_like(t) {
                    last.insert(t.key);
                }
            }
        }
        if last.is_empty() {
            return;
        }
        let mut taken = vec![false; toks.len()];
        for c in chosen.iter() {
            for t in &mut taken[c.start..c.end] {
                *t = true;
            }
        }
        let before = chosen.len();
        for i in 0..toks.len() {
            if !taken[i]
                && last.contains(toks[i].key)
                && (!is_latin(toks[i].text) || self.case_ok(Case::Capital, &toks[i]))
                && !hyphen_before(text, toks, i)
                && !hyphen_before(text, toks, i + 1)
            {
                chosen.push(Cand {
                    start: i,
                    end: i + 1,
                    source: Source::Cue,
                    kind: Some(EntityKind::Person),
                    entries: Vec::new(),
                    surname_only: false,
                });
            }
        }
        if chosen.len() > before {
            chosen.sort_by_key(|c| c.start);
        }
    }

    /// Whether a token is a word of ordinary prose: the Hindi common words of the knowledge
    /// base and of [`EVERYDAY_WORDS`], or an English word written in lower case far more often
    /// than not ([`khabar_kb::is_common_en_word`]).
    fn common_word(&self, t: &Tok) -> bool {
        if is_latin(t.text) {
            khabar_kb::is_common_en_word(t.text)
        } else {
            self.common.contains(t.key) || khabar_kb::is_common_word(t.key)
        }
    }

    /// Whether a token can be part of a name (see [`EntityLinker::word_is_name_like`]).
    fn name_like(&self, t: &Tok) -> bool {
        t.name_like
    }

    /// Whether a word (with its search key) can be part of a name: letters, not a function
    /// word.
    fn word_is_name_like(&self, text: &str, key: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| is_devanagari(c) || c.is_alphabetic())
            && !text.bytes().any(|b| b.is_ascii_digit())
            && !self.stop.contains(key)
    }

    fn ner_cands(&self, doc: &Doc<'_>, toks: &[Tok], model: &ner::Model, cands: &mut Vec<Cand>) {
        let text = doc.text();
        for (span, kind) in model.spans_in(doc, None) {
            let start = toks.partition_point(|t| t.span.end <= span.start);
            let mut end = toks.partition_point(|t| t.span.start < span.end);
            let mut start = start;
            // Titles, demonyms and function words at the edges are not part of the name.
            while start < end
                && (!self.name_like(&toks[start])
                    || self.title_words.contains(toks[start].key)
                    || self.demonyms.contains_key(toks[start].key))
            {
                start += 1;
            }
            while end > start
                && (!self.name_like(&toks[end - 1]) || self.title_words.contains(toks[end - 1].key))
            {
                end -= 1;
            }
            // A Hindi common word the model glued to a person's name is no part of it: after
            // it (`डोनाल्ड ट्रंप तूफान`, "storm"; `सीताराम निवासी`, "resident"), or before it when
            // two words stay (`अफसर सारिका जैन`, "officer").
            if kind == EntityKind::Person {
                // a person's name holds no function word: `राम औतार निवासी ब्रह्मनी` is a name
                // and a village
                if let Some(k) =
                    (start + 1..end).find(|&k| !is_latin(toks[k].text) && !self.name_like(&toks[k]))
                {
                    end = k;
                }
                let hindi_common = |t: &Tok| !is_latin(t.text) && self.common_word(t);
                while end > start + 1 && hindi_common(&toks[end - 1]) {
                    end -= 1;
                }
                while end > start + 2 && hindi_common(&toks[start]) {
                    start += 1;
                }
            }
            // `Harry Reid of Nevada`, `Gov. Jay Nixon of Missouri`, `Republican of Arizona`: a
            // person (or a party's member) and their place, not one name; a body's name keeps
            // its place (`University of Texas`)
            if let Some(k) = (start + 1..end.saturating_sub(1)).find(|&k| toks[k].key == "of") {
                if is_latin(toks[start].text) && self.person_of_place(text, toks, start, k, end) {
                    end = k;
                }
            }
            if start >= end || !(start + 1..end).all(|j| joined(text, &toks[j - 1], &toks[j])) {
                continue;
            }
            // A party and state tag after a US politician's name (`R-Fla`, `D-N.Y`) is no name.
            let party = |i: usize| matches!(toks[i].text, "R" | "D" | "I");
            if (party(start) && hyphen_before(text, toks, start + 1))
                || (start > 0 && party(start - 1) && hyphen_before(text, toks, start))
            {
                continue;
            }
            let all_caps = toks[start..end]
                .iter()
                .all(|t| is_latin(t.text) && !t.text.chars().any(|c| c.is_lowercase()));
            if all_caps {
                continue;
            }
            // Words of ordinary prose are a name only with more than the model's word for it:
            // one alone is dropped, and a run of them is no person (`मिली खबरों`; `Election
            // Day` and `First Amendment` are other things). Organisations and places are
            // often made of ordinary words (`आपदा प्रबंधन प्राधिकरण`).
            let mut kind = kind;
            if toks[start..end].iter().all(|t| self.common_word(t)) {
                let latin = is_latin(toks[start].text);
                if end - start == 1 || (kind == EntityKind::Person && !latin) {
                    continue;
                }
                if kind == EntityKind::Person {
                    kind = EntityKind::Other;
                }
            }
            // `First Amendment`, `Congressional Black Caucus`: the last word says what it is.
            if kind == EntityKind::Person && end - start > 1 {
                if let Some(&k) = self.not_person_heads.get(toks[end - 1].key) {
                    kind = k;
                }
            }
            if end - start == 1 {
                let w = toks[start].text;
                let latin = is_latin(w);
                let short_caps = latin && w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase());
                if w.chars().count() < 2
                    || short_caps
                    || (latin && !w.starts_with(|c: char| c.is_uppercase()))
                    || self.common.contains(toks[start].key)
                    || hi::ends_with_any(hi::NOT_NAME_ENDINGS, w)
                {
                    continue;
                }
            }
            cands.push(Cand {
                start,
                end,
                source: Source::Ner,
                kind: Some(kind),
                entries: Vec::new(),
                surname_only: false,
            });
        }
    }

    /// Whether the run `start..end` with `of` at `k` is a person or a party's member and their
    /// place: the words after `of` are exactly a knowledge-base place, the words before hold no
    /// body's head word, and they are two or more words, follow a title, or name a party.
    fn person_of_place(
        &self,
        text: &str,
        toks: &[Tok],
        start: usize,
        k: usize,
        end: usize,
    ) -> bool {
        let mut found = Vec::new();
        self.match_exact(text, toks, k + 1, &mut found);
        let place = found.iter().any(|c| {
            c.end == end
                && c.entries
                    .iter()
                    .any(|&e| self.entry(e).kind == EntityKind::Place)
        });
        let party = k == start + 1 && en::PARTY_MEMBERS.contains(&toks[start].key);
        let titled = start > 0
            && (self.title_words.contains(toks[start - 1].key)
                || personal_title(toks[start - 1].text));
        place
            && (k - start >= 2 || titled || party)
            && !toks[start..k].iter().any(|t| body_heads().contains(t.key))
            && !self.not_person_heads.contains_key(toks[k - 1].key)
    }

    /// Link the chosen mentions, join them within the article, and build the entity list.
    fn resolve(
        &self,
        text: &str,
        toks: &[Tok],
        chosen: Vec<Cand>,
        sentences: &[Sentence],
        language: &str,
    ) -> (Vec<Mention>, Vec<EntityRef>) {
        let wh = self.whereabouts(&chosen, language);
        let n = chosen.len();
        // Last words of the people the article names in full: the same word alone, which the
        // English rules leave untyped (`Comey` after `James Comey`), is that person.
        let full_people: HashSet<&str> = chosen
            .iter()
            .filter(|c| {
                c.end - c.start > 1
                    && (c.kind == Some(EntityKind::Person)
                        || (!c.entries.is_empty()
                            && c.entries
                                .iter()
                                .all(|&e| self.entry(e).kind == EntityKind::Person)))
            })
            .map(|c| toks[c.end - 1].key)
            .collect();
        let mut chosen = chosen;
        for c in chosen.iter_mut() {
            if c.end - c.start == 1
                && c.source == Source::Ner
                && c.kind == Some(EntityKind::Other)
                && full_people.contains(toks[c.start].key)
            {
                c.kind = Some(EntityKind::Person);
            }
        }
        let mut links: Vec<Link> = Vec::with_capacity(n);
        let mut kinds: Vec<EntityKind> = Vec::with_capacity(n);
        let mut confs: Vec<f32> = Vec::with_capacity(n);
        let mut texts: Vec<&str> = Vec::with_capacity(n);
        type MemoKey<'t> = (&'t str, Option<String>, Source, Option<EntityKind>);
        let mut memo: HashMap<MemoKey, (Link, EntityKind, f32)> = HashMap::default();
        for c in &chosen {
            let span_text = &text[toks[c.start].span.start..toks[c.end - 1].span.end];
            texts.push(span_text);
            if c.source == Source::Demonym {
                let pi = c.entries[0];
                links.push(Link::Kb(pi));
                kinds.push(self.entry(pi).kind);
                confs.push(DEMONYM_CONFIDENCE);
                continue;
            }
            // a role title (`President`), else an honorific only people bear (`Mr.`, `श्री`)
            let title = self.title_before(toks, c.start).or_else(|| {
                let t = toks.get(c.start.checked_sub(1)?)?;
                personal_title(t.text).then(|| t.text.to_string())
            });
            let (link, kind, conf) = *memo
                .entry((span_text, title.clone(), c.source, c.kind))
                .or_insert_with(|| self.link_one(span_text, c, title.as_deref(), &wh));
            links.push(link);
            kinds.push(kind);
            confs.push(conf);
        }
        // Join within the article: surnames to full names, spelling variants to each other.
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        let ntok = |c: &Cand| c.end - c.start;
        let names: Vec<usize> = (0..n)
            .filter(|&i| chosen[i].source != Source::Demonym)
            .collect();
        let keys: Vec<String> = (0..n)
            .map(|i| {
                if chosen[i].source == Source::Demonym {
                    String::new()
                } else {
                    self.name_key(texts[i])
                }
            })
            .collect();
        let last_keys: Vec<Option<String>> = (0..n)
            .map(|i| (ntok(&chosen[i]) > 1).then(|| self.name_key(toks[chosen[i].end - 1].text)))
            .collect();
        // Keys that could be spellings of each other: same first letter, similar length.
        let close = |x: &str, y: &str| {
            x.chars().next() == y.chars().next() && x.len().abs_diff(y.len()) <= 3
        };
        let mut sims: HashMap<(&str, &str), f32> = HashMap::default();
        // the full names (more than one word) of each group, by name key
        let mut fulls: HashMap<usize, Vec<&str>> = HashMap::default();
        for &i in &names {
            if ntok(&chosen[i]) > 1 {
                fulls.entry(i).or_default().push(keys[i].as_str());
            }
        }
        // knowledge-base people the article names in full (`Donald Trump`): their surname alone
        // is theirs, not a relative's named in full as well (`Melania Trump`)
        let named_in_full: HashSet<u32> = names
            .iter()
            .filter(|&&i| ntok(&chosen[i]) > 1)
            .filter_map(|&i| match links[i] {
                Link::Kb(e) => Some(e),
                Link::New => None,
            })
            .collect();
        for ai in 0..names.len() {
            for bi in ai + 1..names.len() {
                let (a, b) = (names[ai], names[bi]);
                if kinds[a] != kinds[b] || texts[a] == texts[b] {
                    continue;
                }
                if matches!((links[a], links[b]), (Link::Kb(_), Link::Kb(_))) {
                    continue;
                }
                let (short, long) = if ntok(&chosen[a]) <= ntok(&chosen[b]) {
                    (a, b)
                } else {
                    (b, a)
                };
                let surname = ntok(&chosen[short]) == 1
                    && kinds[a] == EntityKind::Person
                    && last_keys[long].as_deref().is_some_and(|lk| {
                        lk == keys[short]
                            || (close(lk, &keys[short]) && {
                                let last = toks[chosen[long].end - 1].text;
                                *sims
                                    .entry((texts[short], last))
                                    .or_insert_with(|| self.similarity(texts[short], last))
                                    >= VARIANT_MIN
                            })
                    });
                if surname
                    && matches!(links[short], Link::Kb(e) if named_in_full.contains(&e)
                        && links[long] != Link::Kb(e))
                {
                    continue;
                }
                if surname {
                    // A surname linked on its own to an entry the full name does not fit
                    // belongs to the new person the full name names.
                    if let (Link::Kb(e), Link::New) = (links[short], links[long]) {
                        if self.similarity(texts[long], &self.entry(e).name_en) < KEY_MATCH_MIN {
                            links[short] = Link::New;
                        }
                    }
                }
                let variant = !surname
                    && (links[a] == Link::New || links[b] == Link::New)
                    && close(&keys[a], &keys[b])
                    && *sims
                        .entry((texts[a], texts[b]))
                        .or_insert_with(|| self.similarity(texts[a], texts[b]))
                        >= VARIANT_MIN;
                if surname || variant {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    // a lone surname joins one full name: it never makes one person of two
                    // (`सिंह` between कबीर सिंह and शिवलेख सिंह)
                    let two_people = surname
                        && fulls.get(&ra).is_some_and(|x| {
                            fulls
                                .get(&rb)
                                .is_some_and(|y| x.iter().any(|k| !y.contains(k)))
                        });
                    if ra != rb && !two_people {
                        let (keep, gone) = (ra.min(rb), ra.max(rb));
                        parent[gone] = keep;
                        if let Some(moved) = fulls.remove(&gone) {
                            let into = fulls.entry(keep).or_default();
                            for k in moved {
                                if !into.contains(&k) {
                                    into.push(k);
                                }
                            }
                        }
                    }
                }
            }
        }
        // Each group takes one entity: its knowledge-base entry (only one may be present), else a
        // new entity named by its longest mention.
        let mut group_kb: HashMap<usize, u32> = HashMap::default();
        let mut group_rep: HashMap<usize, usize> = HashMap::default();
        let mut conflicted: HashSet<usize> = HashSet::default();
        for &i in &names {
            let r = find(&mut parent, i);
            if let Link::Kb(e) = links[i] {
                match group_kb.get(&r) {
                    Some(&x) if x != e => {
                        conflicted.insert(r);
                    }
                    _ => {
                        group_kb.insert(r, e);
                    }
                }
            }
            let rep = group_rep.entry(r).or_insert(i);
            let better = ntok(&chosen[i]) > ntok(&chosen[*rep])
                || (ntok(&chosen[i]) == ntok(&chosen[*rep]) && texts[i].len() > texts[*rep].len());
            if better {
                *rep = i;
            }
        }
        // Groups with a full name (more than one word) in them.
        let mut has_full: HashSet<usize> = HashSet::default();
        for &i in &names {
            if ntok(&chosen[i]) > 1 {
                has_full.insert(find(&mut parent, i));
            }
        }
        let mut mentions: Vec<Mention> = Vec::with_capacity(n);
        let mut entities: Vec<EntityRef> = Vec::new();
        let mut seen: HashMap<EntityId, usize> = HashMap::default();
        for i in 0..n {
            let c = &chosen[i];
            let span = Span::new(toks[c.start].span.start, toks[c.end - 1].span.end);
            let r = find(&mut parent, i);
            let (eref, relation) = if c.source == Source::Demonym {
                let Link::Kb(pi) = links[i] else { continue };
                (self.kb_ref(pi), MentionRelation::RelatedTo)
            } else {
                // A surname that fits several people and no full name in the article: whose it
                // is cannot be told, and it is often a common word (`कुमार`, `बॉस`).
                let lone = c.surname_only
                    && c.source != Source::Demonym
                    && !has_full.contains(&r)
                    && !group_kb.contains_key(&r);
                if lone {
                    continue;
                }
                let kb = if conflicted.contains(&r) {
                    match links[i] {
                        Link::Kb(e) => Some(e),
                        Link::New => None,
                    }
                } else {
                    group_kb.get(&r).copied()
                };
                let eref = match kb {
                    Some(e) => self.kb_ref(e),
                    None => {
                        let rep = if conflicted.contains(&r) {
                            i
                        } else {
                            group_rep.get(&r).copied().unwrap_or(i)
                        };
                        new_ref(texts[rep], kinds[i], self.name_key(texts[rep]))
                    }
                };
                (eref, MentionRelation::Names)
            };
            // A mention joined to a knowledge-base entry through its group (a surname, a
            // variant) is as sure as the join; one of a new entity as its own link. A new entity
            // the model found as one word and nothing else in the article names more fully
            // (`छलावा`, `Republican`, `Quiz`) is a guess: below the bar.
            // a place inside a body's name (`भारतीय मजदूर संघ`: the word after it, or the one
            // after that, heads a body's name) is no mention of the place
            let in_body_name = eref.kind == EntityKind::Place
                && (c.end..(c.end + 2).min(toks.len())).any(|k| body_heads().contains(toks[k].key));
            let confidence = match (links[i], eref.in_kb) {
                _ if in_body_name => confs[i].min(LONE_GUESS_CONFIDENCE),
                (Link::New, true) => confs[i].max(JOINED_CONFIDENCE),
                (Link::New, false)
                    if c.source == Source::Ner && ntok(c) == 1 && !has_full.contains(&r) =>
                {
                    confs[i].min(LONE_GUESS_CONFIDENCE)
                }
                _ => confs[i],
            };
            let sentence = sentences
                .partition_point(|s| s.span.end <= span.start)
                .min(sentences.len().saturating_sub(1));
            mentions.push(Mention {
                span,
                sentence,
                text: texts[i].to_string(),
                kind: eref.kind,
                entity: Some(eref.id.clone()),
                relation,
                confidence,
            });
            match seen.get(&eref.id) {
                Some(&k) => {
                    let e: &mut EntityRef = &mut entities[k];
                    e.confidence = e.confidence.max(confidence);
                }
                None => {
                    seen.insert(eref.id.clone(), entities.len());
                    entities.push(EntityRef { confidence, ..eref });
                }
            }
        }
        (mentions, entities)
    }

    /// Where the article is: the countries and places its unambiguous knowledge-base mentions
    /// put it in. A place counts for itself, its parent and its country; a person or an
    /// organisation for its country and parent. A name that fits entries of several countries
    /// (`Congress`) counts for none.
    fn whereabouts(&self, chosen: &[Cand], language: &str) -> Whereabouts {
        let mut wh = Whereabouts {
            hindi: language.starts_with("hi"),
            ..Whereabouts::default()
        };
        for c in chosen {
            if !matches!(
                c.source,
                Source::Exact | Source::Demonym | Source::Acronym | Source::Key
            ) || c.surname_only
            {
                continue;
            }
            let countries: HashSet<u32> = c
                .entries
                .iter()
                .filter_map(|&e| self.country_of(e))
                .collect();
            if countries.len() != 1 {
                continue;
            }
            if let [ei] = c.entries[..] {
                let e = self.entry(ei);
                if e.kind == EntityKind::Place {
                    *wh.counts.entry(ei).or_default() += 1;
                }
                if let Some(p) = e.parent.as_deref().and_then(|p| self.by_id.get(p)) {
                    *wh.counts.entry(*p).or_default() += 1;
                }
            }
            for cty in countries {
                if !c.entries.contains(&cty) {
                    *wh.counts.entry(cty).or_default() += 1;
                }
                wh.countries += 1;
            }
        }
        wh
    }

    /// The country of an entry: itself for a country, else its `country`.
    fn country_of(&self, ei: u32) -> Option<u32> {
        let e = self.entry(ei);
        if e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country") {
            return Some(ei);
        }
        e.country
            .as_deref()
            .and_then(|c| self.by_id.get(c).copied())
    }

    /// How well an entry fits where the article is: its parent place named (`अमरावती` with
    /// `महाराष्ट्र`), its country named or not; a name that is also an everyday English word
    /// (`Treasury`) needs its country named.
    fn context_fit(&self, ei: u32, span_text: &str, wh: &Whereabouts) -> f32 {
        let e = self.entry(ei);
        let mut fit = 0.0;
        let parent_named = e
            .parent
            .as_deref()
            .and_then(|p| self.by_id.get(p))
            .is_some_and(|p| wh.counts.contains_key(p));
        if parent_named {
            fit += PARENT_FIT;
        }
        let country = self.country_of(ei);
        let named = country.is_some_and(|c| wh.counts.contains_key(&c));
        let is_country = country == Some(ei);
        let word = !span_text.contains(' ') && is_latin(span_text);
        if named && !is_country {
            fit += COUNTRY_FIT;
        } else if country.is_some() && !is_country && wh.countries >= 2 && !named {
            fit -= if e.kind == EntityKind::Person {
                PERSON_ABROAD
            } else if word {
                // one word (`House`, `Senate`) names a body of the article's own country
                COUNTRY_MISFIT_WORD
            } else {
                COUNTRY_MISFIT
            };
        }
        // A town named by an everyday word (`Center`) needs its state named too.
        let local = e.kind == EntityKind::Place && !is_country && !parent_named;
        if word && (!named || local) && khabar_kb::is_common_en_word(span_text) {
            fit -= COMMON_ALIAS_MISFIT;
        }
        if wh.hindi && wh.countries == 0 && country.is_some_and(|c| self.entry(c).id == INDIA) {
            fit += HOME_FIT;
        }
        fit
    }

    /// The title (`राष्ट्रपति`, `उप रक्षा मंत्री`, `President`) right before token `i`, if any.
    fn title_before(&self, toks: &[Tok], i: usize) -> Option<String> {
        if i == 0 || !self.title_ends.contains(toks[i - 1].key) {
            return None;
        }
        let mut best = None;
        for k in 1..=3 {
            if k > i {
                break;
            }
            let phrase: Vec<&str> = toks[i - k..i].iter().map(|t| t.text).collect();
            let phrase = phrase.join(" ");
            if self.is_title(&phrase) {
                best = Some(phrase);
            }
        }
        best
    }

    /// The entity a mention names: a knowledge-base entry when one is clearly best.
    fn link_one(
        &self,
        span_text: &str,
        c: &Cand,
        title: Option<&str>,
        wh: &Whereabouts,
    ) -> (Link, EntityKind, f32) {
        let mut scored: Vec<(f32, u32)> = Vec::new();
        // Names after titles and NER spans that matched no knowledge-base name as a whole could
        // only get a fuzzy likeness from a lookup, which is not enough to link them.
        let mut cands = if matches!(c.source, Source::Cue | Source::Ner) {
            Vec::new()
        } else {
            self.lookup(span_text)
        };
        if cands.is_empty() && c.source == Source::Acronym {
            cands = self.kb.lookup_acronym(span_text);
        }
        for cand in &cands {
            if let Some(&ei) = self.by_id.get(cand.id.as_str()) {
                scored.push((cand.score, ei));
            }
        }
        for &ei in &c.entries {
            if !scored.iter().any(|s| s.1 == ei) {
                scored.push((0.9 * self.entry(ei).prior(), ei));
            }
        }
        let hint = c.kind;
        let single = c.end - c.start == 1;
        scored.retain(|&(_, ei)| {
            let e = self.entry(ei);
            // An untyped Wikidata label is taken only for a longer name matched exactly.
            // and a name after a person's title (`Mr. Jordan`, `Mr. Bloomberg`) is a person,
            // never a place or a body of that name
            let wrong_kind = (c.source == Source::Cue || title.is_some_and(personal_title))
                && e.kind != EntityKind::Person;
            !(weak(e) && single || wrong_kind)
        });
        for s in scored.iter_mut() {
            let e = self.entry(s.1);
            if let Some(k) = hint {
                if k != e.kind {
                    s.0 *= 0.6;
                }
            }
            if let Some(t) = title {
                match titles::title_fits(e, t) {
                    Some(true) => s.0 += 0.2,
                    Some(false) => s.0 -= 0.15,
                    None => {}
                }
                if e.kind != EntityKind::Person {
                    s.0 -= 0.2;
                }
            }
            s.0 += self.context_fit(s.1, span_text, wh);
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.entry(a.1).id.cmp(&self.entry(b.1).id))
        });
        // Entries sharing one id cannot happen; equal scores of two entries are ambiguous.
        // A surname alone (one the knowledge base does not list as a name by itself) is not
        // linked on its own: many people share it (`ठाकुर`, `अंबानी`). It joins a full name
        // in the article, or is linked when a title before it fits one person's role.
        if c.surname_only {
            let fitting: Vec<u32> = scored
                .iter()
                .filter(|&&(_, ei)| {
                    title.is_some_and(|t| titles::title_fits(self.entry(ei), t) == Some(true))
                })
                .map(|&(_, ei)| ei)
                .collect();
            return match fitting.as_slice() {
                [one] => (Link::Kb(*one), self.entry(*one).kind, TITLE_FIT_CONFIDENCE),
                _ => (Link::New, EntityKind::Person, SURNAME_CONFIDENCE),
            };
        }
        let top = scored.first().copied();
        let second = scored.get(1).map(|s| s.0).unwrap_or(0.0);
        // A name the knowledge base did not match itself needs more than a fuzzy likeness.
        let min = if matches!(c.source, Source::Cue | Source::Ner) {
            ACCEPT_OTHER_MIN
        } else {
            ACCEPT_MIN
        };
        match top {
            Some((s, ei)) if s >= min && s - second >= MARGIN => {
                let mut confidence = link_confidence(s, second);
                // A name alike by sound only, not spelled as the knowledge base spells it
                // (`उत्तर खीरी` is not `उत्तर कोरिया`), with nothing else in the article for it:
                // a guess, shown only on request.
                let fit = self.context_fit(ei, span_text, wh);
                // (the mention itself counts once in the article's whereabouts: named again
                // elsewhere, the entity is at least twice there)
                let supported = fit > HOME_FIT || wh.counts.get(&ei).is_some_and(|&n| n >= 2);
                if c.source == Source::Key && s - fit < VARIANT_MIN && !supported {
                    confidence = confidence.min(LONE_GUESS_CONFIDENCE);
                }
                (Link::Kb(ei), self.entry(ei).kind, confidence)
            }
            _ => (
                Link::New,
                if title.is_some_and(personal_title) {
                    EntityKind::Person
                } else {
                    hint.or_else(|| top.map(|t| self.entry(t.1).kind))
                        .unwrap_or(EntityKind::Other)
                },
                new_confidence(c, top.is_some()),
            ),
        }
    }

    fn kb_ref(&self, ei: u32) -> EntityRef {
        let e = self.entry(ei);
        EntityRef {
            id: EntityId(e.id.clone()),
            kind: e.kind,
            name: e.name_en.clone(),
            name_hi: e.name_hi.clone(),
            in_kb: true,
            key: self.name_key(&e.name_en),
            confidence: 1.0,
        }
    }

    /// The number of Latin letters of a token written as Devanagari letter names
    /// ([`khabar_kb::acronym::devanagari_to_latin`]), remembered across articles (most words
    /// are not acronyms, and finding that out costs a scan of the letter table).
    fn acronym_len(&self, token: &str) -> Option<usize> {
        if let Ok(c) = self.acronym_cache.lock() {
            if let Some(&v) = c.get(token) {
                return v;
            }
        }
        let v = khabar_kb::acronym::devanagari_to_latin(token).map(|l| l.len());
        if let Ok(mut c) = self.acronym_cache.lock() {
            if c.len() >= NAME_KEY_CACHE {
                c.clear();
            }
            c.insert(token.to_string(), v);
        }
        v
    }

    /// Whether a phrase is a title the knowledge base knows roles for
    /// ([`titles::role_words`]), remembered across articles.
    fn is_title(&self, phrase: &str) -> bool {
        if let Ok(c) = self.title_cache.lock() {
            if let Some(&v) = c.get(phrase) {
                return v;
            }
        }
        let v = titles::role_words(phrase).is_some();
        if let Ok(mut c) = self.title_cache.lock() {
            if c.len() >= NAME_KEY_CACHE {
                c.clear();
            }
            c.insert(phrase.to_string(), v);
        }
        v
    }

    /// [`name_key`] through the cross-article cache of [`nkey`].
    fn name_key(&self, s: &str) -> String {
        if let Ok(c) = self.nkey_cache.lock() {
            if let Some(k) = c.get(s) {
                return k.to_string();
            }
        }
        let k = name_key(s);
        if let Ok(mut c) = self.nkey_cache.lock() {
            if c.len() >= NAME_KEY_CACHE {
                c.clear();
            }
            c.insert(s.into(), k.as_str().into());
        }
        k
    }

    /// [`name_similarity`](khabar_text::names::name_similarity), remembered across articles in a bounded cache (it tokenises and
    /// transliterates both names each time; the same pairs recur within and across articles).
    fn similarity(&self, a: &str, b: &str) -> f32 {
        if let Ok(c) = self.sim_cache.lock() {
            if let Some(&v) = c.pairs.get(a).and_then(|m| m.get(b)) {
                return v;
            }
        }
        let v = self.prepared(a).name_similarity(&self.prepared(b));
        if let Ok(mut c) = self.sim_cache.lock() {
            if c.len >= NAME_KEY_CACHE {
                *c = SimCache::default();
            }
            let slot = c.pairs.entry(a.to_string()).or_default();
            if slot.insert(b.to_string(), v).is_none() {
                c.len += 1;
            }
        }
        v
    }

    /// A name tokenised and keyed for [`name_similarity`](khabar_text::names::name_similarity), remembered across articles in a
    /// bounded cache (a name meets many others).
    fn prepared(&self, s: &str) -> Arc<PreparedName> {
        if let Ok(c) = self.prepared_cache.lock() {
            if let Some(p) = c.get(s) {
                return Arc::clone(p);
            }
        }
        let p = Arc::new(PreparedName::new(s));
        if let Ok(mut c) = self.prepared_cache.lock() {
            if c.len() >= PREPARED_CACHE {
                c.clear();
            }
            c.insert(s.to_string(), Arc::clone(&p));
        }
        p
    }

    /// [`KnowledgeBase::lookup`], remembered across articles in a bounded cache.
    fn lookup(&self, s: &str) -> Vec<khabar_kb::Candidate> {
        if let Ok(c) = self.lookup_cache.lock() {
            if let Some(v) = c.get(s) {
                return v.clone();
            }
        }
        let v = self.kb.lookup(s);
        if let Ok(mut c) = self.lookup_cache.lock() {
            if c.len() >= LOOKUP_CACHE {
                c.clear();
            }
            c.insert(s.to_string(), v.clone());
        }
        v
    }
}

const NOT_PERSON_HEADS: &str = include_str!("../../../data/lang/en/not-person-heads.tsv");

/// [`NOT_PERSON_HEADS`] parsed: `word<TAB>kind` rows after the header, comments skipped.
fn not_person_heads() -> HashMap<String, EntityKind> {
    NOT_PERSON_HEADS
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(w, k)| Some((search_key(w.trim()), EntityKind::parse(k)?)))
        .collect()
}

/// Where an article is (see [`EntityLinker::whereabouts`]).
#[derive(Debug, Default)]
struct Whereabouts {
    /// Mentions placing the article in each place or country (by entry).
    counts: HashMap<u32, u32>,
    /// Mentions that name a country (directly or through their own country).
    countries: u32,
    /// A Hindi article.
    hindi: bool,
}

/// Context scores of a candidate (see [`EntityLinker::context_fit`]): its parent place named,
/// its country named, its country not named in an article that names others (a person, who may
/// be abroad, less), an everyday-word alias without its country, and India for a Hindi article
/// that names no country.
const PARENT_FIT: f32 = 0.3;
const COUNTRY_FIT: f32 = 0.1;
const COUNTRY_MISFIT: f32 = 0.25;
const COUNTRY_MISFIT_WORD: f32 = 0.55;
const PERSON_ABROAD: f32 = 0.1;
const COMMON_ALIAS_MISFIT: f32 = 0.3;
const HOME_FIT: f32 = 0.03;
const INDIA: &str = "place:country:india";

/// Whether a title before a name is one only people bear (`Mr.`, `Sen.`, `श्रीमती`: the titles
/// tables' `personal` rows).
fn personal_title(title: &str) -> bool {
    let key = title
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    title_table::is(&key, Use::Personal)
}

/// Confidences of links that are not scored: a demonym, a surname given to the full name
/// before it, a surname whose title fits one person, a surname alone.
const DEMONYM_CONFIDENCE: f32 = 0.9;
const JOINED_CONFIDENCE: f32 = 0.8;
const TITLE_FIT_CONFIDENCE: f32 = 0.75;
const SURNAME_CONFIDENCE: f32 = 0.6;

/// The confidence of a knowledge-base link from its score and the runner-up's: a clear,
/// uncontested match is near 1; a bare pass over the bar with a close second near 0.4.
fn link_confidence(top: f32, second: f32) -> f32 {
    let margin = ((top - second) / 0.3).clamp(0.0, 1.0);
    (0.7 * top.clamp(0.0, 1.0) + 0.3 * margin).clamp(0.0, 1.0)
}

/// The confidence of a one-word new entity only the model found, with no fuller name in the
/// article: under [`khabar_model::CONFIDENT`].
const LONE_GUESS_CONFIDENCE: f32 = 0.55;

/// The confidence of a new entity: a name after a title is a person for sure; a model's guess
/// is surer the more words it spans; a knowledge-base name whose entries the context could not
/// tell apart is a coin toss.
fn new_confidence(c: &Cand, had_candidates: bool) -> f32 {
    let words = (c.end - c.start) as f32;
    match c.source {
        Source::Cue => 0.8,
        Source::Ner => (0.5 + 0.1 * words).min(0.8),
        _ if had_candidates => 0.45,
        _ => 0.55,
    }
}

/// English endings cut from a word before lookup (possessives and contractions).
const POSSESSIVE_ENDS: [&str; 16] = [
    "'s", "’s", "'S", "’S", "'d", "’d", "'m", "’m", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'",
    "’",
];

/// A token without an English possessive or clitic ending (`Trump’s`, `Obama's`, `states'`,
/// `I’d`): the name is what is looked up and shown.
fn without_possessive(span: Span, word: &str) -> (Span, &str) {
    // Every ending of [`POSSESSIVE_ENDS`] ends in one of these bytes (`’` is `E2 80 99`) and
    // holds an apostrophe: most words are let through without trying them all.
    if !word
        .as_bytes()
        .last()
        .is_some_and(|b| matches!(b, b's' | b'S' | b'd' | b'm' | b'l' | b'e' | b'\'' | 0x99))
        || !has_apostrophe(word.as_bytes())
    {
        return (span, word);
    }
    cut_possessive(span, word)
}

/// Whether the bytes hold `'` or `’` (`E2 80 99`).
fn has_apostrophe(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| {
        c == b'\'' || (c == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99))
    })
}

/// [`without_possessive`] without its quick tests.
fn cut_possessive(span: Span, word: &str) -> (Span, &str) {
    if !is_latin(word) {
        return (span, word);
    }
    for end in POSSESSIVE_ENDS {
        if let Some(stem) = word.strip_suffix(end) {
            if stem.chars().count() >= 1 {
                return (Span::new(span.start, span.start + stem.len()), stem);
            }
        }
    }
    (span, word)
}

/// Name similarities met so far, by first name then second (looked up without allocating).
#[derive(Default)]
struct SimCache {
    pairs: HashMap<String, HashMap<String, f32>>,
    len: usize,
}

/// Most names kept prepared for comparison.
const PREPARED_CACHE: usize = 50_000;

/// Most mention texts kept in the lookup cache.
const LOOKUP_CACHE: usize = 50_000;

/// The id of a new entity: its kind and name key, so every article that writes the name (in
/// any spelling that keys alike) gets the same id.
pub fn new_entity_id(kind: EntityKind, key: &str) -> EntityId {
    EntityId::from_key(&format!("new:{}:{}", kind.as_str(), key))
}

/// A new entity named `name`, whose [`name_key`] is `key`.
fn new_ref(name: &str, kind: EntityKind, key: String) -> EntityRef {
    let readable = if let Some(latin) = khabar_kb::acronym::devanagari_to_latin(name) {
        latin
    } else if name.chars().any(is_devanagari) {
        capitalised(&transliterate(name))
    } else {
        name.to_string()
    };
    EntityRef {
        id: new_entity_id(kind, &key),
        kind,
        name: readable,
        name_hi: name.chars().any(is_devanagari).then(|| name.to_string()),
        in_kb: false,
        key,
        confidence: 1.0,
    }
}

/// What a mention was linked to before the article's mentions are joined.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Link {
    Kb(u32),
    New,
}

/// The name key of token `i`, computed once per article, and kept across articles in a bounded
/// cache (words repeat from article to article; a name key costs a transliteration). Shared, not
/// copied, out of the cache.
fn nkey<'a>(
    cache: &Mutex<HashMap<Box<str>, Arc<str>>>,
    toks: &[Tok],
    nkeys: &'a mut [Option<Arc<str>>],
    i: usize,
) -> &'a str {
    nkeys[i].get_or_insert_with(|| {
        let t = toks[i].text;
        if let Ok(c) = cache.lock() {
            if let Some(k) = c.get(t) {
                return k.clone();
            }
        }
        let k: Arc<str> = name_key(t).into();
        if let Ok(mut c) = cache.lock() {
            if c.len() >= NAME_KEY_CACHE {
                c.clear();
            }
            c.insert(t.into(), Arc::clone(&k));
        }
        k
    })
}

/// Most words kept in the name-key cache.
const NAME_KEY_CACHE: usize = 200_000;

/// Whether two consecutive tokens belong to one name: only spaces, a hyphen or the dot of an
/// initial between them, on one line.
fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    let Some(gap) = text.get(a.span.end..b.span.start) else {
        return false;
    };
    let initial = a.text.chars().count() <= 2;
    gap.len() <= 4
        && gap
            .chars()
            .all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '‐' | '‑') || (c == '.' && initial))
}

/// The gap between a title and the name after it may also hold a comma
/// (`राष्ट्रपति, कसीम-जोमार्ट टोकायव`).
fn cue_gap(text: &str, a: &Tok, b: &Tok) -> bool {
    let Some(gap) = text.get(a.span.end..b.span.start) else {
        return false;
    };
    gap.len() <= 4 && gap.chars().all(|c| matches!(c, ' ' | '\u{a0}' | ',' | '.'))
}

/// Whether a hyphen ties token `i` to the one before it (`अल्मा-अता`).
fn hyphen_before(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && i < toks.len()
        && text
            .get(toks[i - 1].span.end..toks[i].span.start)
            .is_some_and(|g| matches!(g, "-" | "‐" | "‑"))
}

fn push_cand(
    cands: &mut Vec<Cand>,
    start: usize,
    end: usize,
    source: Source,
    entry: u32,
    surname: bool,
) {
    if let Some(c) = cands
        .iter_mut()
        .rev()
        .take(8)
        .find(|c| c.start == start && c.end == end && c.source == source)
    {
        if !c.entries.contains(&entry) {
            c.entries.push(entry);
        }
        c.surname_only &= surname;
        return;
    }
    cands.push(Cand {
        start,
        end,
        source,
        kind: None,
        entries: vec![entry],
        surname_only: surname,
    });
}

/// The longest non-overlapping candidates (ties: exact names before keys, demonyms, title cues
/// and NER), never cutting a hyphenated word; the entries of equal spans are merged.
fn choose(
    mut cands: Vec<Cand>,
    toks: &[Tok],
    text: &str,
    kinds_of: impl Fn(u32) -> EntityKind,
) -> Vec<Cand> {
    // Spans from cues and NER grow over hyphens; knowledge-base matches that cut a hyphenated
    // word are dropped.
    cands.retain_mut(|c| {
        let cuts = hyphen_before(text, toks, c.start) || hyphen_before(text, toks, c.end);
        if !cuts {
            return true;
        }
        if matches!(c.source, Source::Cue | Source::Ner) {
            while hyphen_before(text, toks, c.start) {
                c.start -= 1;
            }
            while c.end < toks.len() && hyphen_before(text, toks, c.end) {
                c.end += 1;
            }
            true
        } else {
            false
        }
    });
    // Knowledge-base matches first; a person's name found inside a longer name after a title
    // (`सिंह` in `अमित कुमार सिंह`) waits with the title cues and NER spans, which only fill
    // what is left.
    let tier = |c: &Cand, cands: &[Cand]| -> u8 {
        // One word naming a person, at the end of a longer NER person (`जगबंधु मांझी`).
        let one_word_person = c.end - c.start == 1
            && !c.entries.is_empty()
            && c.entries.iter().all(|&e| kinds_of(e) == EntityKind::Person);
        match c.source {
            Source::Cue | Source::Ner => 1,
            _ => {
                // (A surname alone also waits for a longer NER person: `अनिल अंबानी` is not
                // the Ambani the knowledge base lists.)
                let inside_cue = cands.iter().any(|o| {
                    (o.source == Source::Cue
                        || (o.source == Source::Ner
                            && o.kind == Some(EntityKind::Person)
                            && (c.surname_only
                                || one_word_person && o.end == c.end && o.end - o.start <= 3)))
                        && o.start <= c.start
                        && c.end <= o.end
                        && o.end - o.start > c.end - c.start
                });
                // A one-word place or organisation that ends a longer capitalised run
                // (`Center` in `Woodstock Theological Center`) is the run's head word, not the
                // place.
                let head_of_run = c.end - c.start == 1
                    && !c.entries.is_empty()
                    && c.entries.iter().all(|&e| kinds_of(e) != EntityKind::Person)
                    && is_latin(toks[c.start].text)
                    && cands
                        .iter()
                        .any(|o| o.source == Source::Ner && o.end == c.end && o.end - o.start > 1);
                u8::from(inside_cue || head_of_run)
            }
        }
    };
    let tiers: Vec<u8> = cands.iter().map(|c| tier(c, &cands)).collect();
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&cands[x], &cands[y]);
        tiers[x]
            .cmp(&tiers[y])
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.source.cmp(&b.source))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; toks.len()];
    let mut out: Vec<Cand> = Vec::new();
    for i in order {
        let c = std::mem::replace(
            &mut cands[i],
            Cand {
                start: 0,
                end: 0,
                source: Source::Ner,
                kind: None,
                entries: Vec::new(),
                surname_only: false,
            },
        );
        if (c.start..c.end).any(|i| taken[i]) {
            // The same span from another source lends its kind or entries.
            if let Some(o) = out
                .iter_mut()
                .find(|o| o.start == c.start && o.end == c.end)
            {
                if o.kind.is_none() && o.source != Source::Demonym {
                    o.kind = c.kind;
                }
                if matches!(o.source, Source::Exact | Source::Key | Source::Acronym)
                    && matches!(c.source, Source::Exact | Source::Key | Source::Acronym)
                {
                    o.surname_only &= c.surname_only;
                    for e in c.entries {
                        if !o.entries.contains(&e) {
                            o.entries.push(e);
                        }
                    }
                }
            }
            continue;
        }
        for t in &mut taken[c.start..c.end] {
            *t = true;
        }
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn linker() -> &'static EntityLinker {
        static L: OnceLock<EntityLinker> = OnceLock::new();
        L.get_or_init(|| EntityLinker::without_ner().unwrap())
    }

    /// Links `text` in `lang` with the NER model (English rules, Hindi model) in use.
    fn link_with_ner(text: &str, lang: &str) -> Vec<Mention> {
        static L: OnceLock<EntityLinker> = OnceLock::new();
        let linker = L.get_or_init(|| EntityLinker::new().unwrap());
        let sentences: Vec<Sentence> = khabar_text::sentences(text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        linker.link(text, &sentences, lang).0
    }

    fn link(text: &str) -> (Vec<Mention>, Vec<EntityRef>) {
        let sentences: Vec<Sentence> = khabar_text::sentences(text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        linker().link(text, &sentences, "hi")
    }

    fn find<'a>(ms: &'a [Mention], text: &str) -> &'a Mention {
        ms.iter()
            .find(|m| m.text == text)
            .unwrap_or_else(|| panic!("no mention {text:?} in {ms:#?}"))
    }

    fn id(m: &Mention) -> &str {
        m.entity.as_ref().map(|e| e.as_str()).unwrap_or("")
    }

    proptest::proptest! {
        #[test]
        fn possessives_cut_as_without_the_quick_test(w in "[a-zA-Z'’ा-ौक-ह]{0,6}(['’](s|S|d|m|ll|re|ve)?)?") {
            let span = Span::new(3, 3 + w.len());
            proptest::prop_assert_eq!(without_possessive(span, &w), cut_possessive(span, &w));
        }
    }

    proptest::proptest! {
        #[test]
        fn is_latin_reads_the_bytes_as_the_chars(s in "[a-zA-Z0-9 .\u{0900}-\u{097F}\u{0980}-\u{09FF}\u{0800}-\u{08FF}é]{0,12}") {
            let by_chars = s.chars().any(|c| c.is_ascii_alphabetic()) && !s.chars().any(is_devanagari);
            proptest::prop_assert_eq!(is_latin(&s), by_chars);
        }
    }

    #[test]
    fn short_institution_names_link_by_the_article_country() {
        let us = "Donald Trump met Nancy Pelosi in Washington. Congress passed the bill, and the \
                  Supreme Court heard the case. Trump's aides said Congress would act.";
        let (ms, _) = link(us);
        let congress: Vec<&str> = ms.iter().filter(|m| m.text == "Congress").map(id).collect();
        assert_eq!(congress, ["org:united-states-congress"; 2]);
        assert_eq!(
            id(find(&ms, "Supreme Court")),
            "org:supreme-court-of-the-united-states"
        );
        // the possessive is not part of the name
        assert_eq!(id(find(&ms, "Trump")), "person:donald-trump");
        assert!(ms.iter().all(|m| !m.text.ends_with("'s")), "{ms:#?}");
        let india =
            "Rahul Gandhi spoke in the Lok Sabha in New Delhi. Congress walked out, and the \
                     Supreme Court will hear the plea.";
        let (ms, _) = link(india);
        assert_eq!(id(find(&ms, "Congress")), "org:indian-national-congress");
        assert_eq!(id(find(&ms, "Supreme Court")), "org:supreme-court-of-india");
        // with no country named, the two are not told apart: no link is better than a wrong one
        let (ms, _) = link("Congress met on Tuesday.");
        let m = find(&ms, "Congress");
        assert!(!id(m).starts_with("org:"), "{m:?}");
        assert!(m.confidence < khabar_model::CONFIDENT, "{m:?}");
    }

    #[test]
    fn a_place_name_shared_inside_a_country_is_decided_by_the_other_places() {
        let (ms, _) = link("महाराष्ट्र के अमरावती में बारिश हुई।");
        assert_eq!(id(find(&ms, "अमरावती")), "place:district:amravati");
        let (ms, _) = link("आंध्र प्रदेश की राजधानी अमरावती में बैठक हुई।");
        assert_eq!(id(find(&ms, "अमरावती")), "place:city:amaravati");
    }

    /// Names alike by sound only: a part of a district named by direction (`उत्तर खीरी`) is no
    /// sure link to North Korea, an adjective (`कट्टर`, "hardline") is not the surname Khattar,
    /// and the country named in full elsewhere in the article keeps its variant sure.
    #[test]
    fn names_alike_only_by_sound_are_no_sure_links() {
        let ms = link_with_ner(
            "लखीमपुर में शिकारियों ने उत्तर खीरी के जंगल में तेंदुए को फंसा दिया। वन अधिकारी ने कहा \
             कि कट्टर शिकारी गिरोह सक्रिय है।",
            "hi",
        );
        for m in &ms {
            assert!(
                !(id(m) == "place:country:north-korea" && m.confidence >= khabar_model::CONFIDENT),
                "{m:?}"
            );
            assert_ne!(id(m), "person:manohar-lal-khattar", "{m:?}");
        }
        let ms = link_with_ner(
            "कज़ाख़स्तान में हिंसा के बाद कज़ाख़स्तान गणराज्य के राष्ट्रपति ने आपातकाल लगाया।",
            "hi",
        );
        let full = find(&ms, "कज़ाख़स्तान गणराज्य");
        assert_eq!(id(full), "place:country:kazakhstan");
        assert!(full.confidence >= khabar_model::CONFIDENT, "{full:?}");
    }

    #[test]
    fn common_words_after_titles_are_not_names() {
        let (ms, es) = link(
            "अल्माटी में राष्ट्रपति निवास पर धावा बोला गया। राष्ट्रपति चुनावों से पहले उप रक्षा मंत्री, \
             लेफ्टिनेंट-जनरल सुल्तान गामालेटदीनोव ने कहा।",
        );
        for bad in ["निवास", "चुनावों", "लेफ्टिनेंट-जनरल", "लेफ्टिनेंट"]
        {
            assert!(ms.iter().all(|m| m.text != bad), "{bad}: {ms:#?}");
        }
        assert!(es.iter().all(|e| (0.0..=1.0).contains(&e.confidence)));
    }

    #[test]
    fn possessives_are_stripped_and_kept_out_of_spans() {
        let text = "Obama’s plan";
        let (ms, _) = link(text);
        let m = find(&ms, "Obama");
        assert_eq!(&text[m.span.start..m.span.end], "Obama");
        assert_eq!(
            without_possessive(Span::new(0, 7), "states'"),
            (Span::new(0, 6), "states")
        );
        assert_eq!(
            without_possessive(Span::new(3, 9), "भारत"),
            (Span::new(3, 9), "भारत")
        );
        assert_eq!(
            without_possessive(Span::new(0, 5), "I’d"),
            (Span::new(0, 1), "I")
        );
    }

    #[test]
    fn demonyms_are_related_to_their_place() {
        let (ms, es) = link("रूसी राष्ट्रपति और बेलारूसी नेता मिले। Russian troops left.");
        for (word, place) in [
            ("रूसी", "place:country:russia"),
            ("बेलारूसी", "place:country:belarus"),
            ("Russian", "place:country:russia"),
        ] {
            let m = find(&ms, word);
            assert_eq!(m.relation, MentionRelation::RelatedTo, "{word}");
            assert_eq!(id(m), place);
        }
        assert!(es
            .iter()
            .any(|e| e.id.as_str() == "place:country:russia" && e.in_kb));
        // The place itself is a naming mention.
        let (ms, _) = link("रूस ने कहा");
        assert_eq!(find(&ms, "रूस").relation, MentionRelation::Names);
    }

    #[test]
    fn devanagari_acronyms_resolve_through_latin_letters() {
        let (ms, es) = link("सीएसटीओ की बैठक में एनएटीओ पर चर्चा हुई।");
        let csto = find(&ms, "सीएसटीओ");
        assert_eq!(id(csto), "org:collective-security-treaty-organization");
        let e = es.iter().find(|e| e.id.as_str() == id(csto)).unwrap();
        assert_eq!(e.name, "Collective Security Treaty Organization");
        assert!(e.name_hi.is_some());
        let nato = find(&ms, "एनएटीओ");
        assert!(id(nato).starts_with("org:"), "{nato:?}");
        // An acronym nobody listed is a new entity named by its letters.
        let (ms, es) = link("सम्मेलन में क्यूज़ेडएक्सवी के नेता आए।");
        let m = find(&ms, "क्यूज़ेडएक्सवी");
        let e = es
            .iter()
            .find(|e| Some(&e.id) == m.entity.as_ref())
            .unwrap();
        assert!(!e.in_kb);
        assert_eq!(e.name, "QZXV");
    }

    #[test]
    fn hyphenated_names_are_one_mention() {
        let (ms, _) = link("कासिम-जोमार्ट टोकायेव ने अल्मा-अता में कहा।");
        assert_eq!(
            id(find(&ms, "कासिम-जोमार्ट टोकायेव")),
            "person:kassym-jomart-tokayev"
        );
        assert_eq!(id(find(&ms, "अल्मा-अता")), "place:city:almaty");
        assert_eq!(ms.len(), 2, "{ms:#?}");
        // A name nobody listed, after a title.
        let (ms, es) = link("राष्ट्रपति मारी-लुईज़ डुबोआ ने कहा।");
        let m = find(&ms, "मारी-लुईज़ डुबोआ");
        assert_eq!(m.kind, EntityKind::Person);
        assert!(!es[0].in_kb);
    }

    #[test]
    fn surnames_join_full_names_in_an_article() {
        let text =
            "कर्नल-जनरल अर्काडी वोल्कोनोव ने कहा कि सेना लौटेगी। बाद में वोल्कोनोव ने बताया कि काम पूरा हुआ।";
        let (ms, es) = link(text);
        let full = find(&ms, "अर्काडी वोल्कोनोव");
        let short = find(&ms, "वोल्कोनोव");
        assert_eq!(full.entity, short.entity);
        assert_eq!(es.len(), 1);
        assert!(!es[0].in_kb);
        assert_eq!(es[0].kind, EntityKind::Person);
        assert!(es[0].name.starts_with('A'), "{}", es[0].name);
        // Known people too, across spellings: टोकायव, टोकायेव.
        let (ms, _) = link("राष्ट्रपति कसीम-जोमार्ट टोकायव ने कहा। टोकायेव ने बताया। टोकायव बोले।");
        let ids: HashSet<&str> = ms.iter().map(id).collect();
        assert_eq!(ids.len(), 1, "{ms:#?}");
        assert!(ids.contains("person:kassym-jomart-tokayev"));
    }

    #[test]
    fn titles_and_home_states_are_no_part_of_a_person() {
        let run = link_with_ner;
        // `Mr. Jordan` is a person, never the country
        let ms = run(
            "Was he sure, Mr. Jordan asked, that it never happened?",
            "en",
        );
        assert!(
            ms.iter().all(|m| id(m) != "place:country:jordan"),
            "{ms:#?}"
        );
        // `Harry Reid of Nevada`: the person and his state
        let ms = run(
            "The majority leader, Senator Harry Reid of Nevada, spoke on Monday.",
            "en",
        );
        assert!(ms.iter().any(|m| m.text == "Harry Reid"), "{ms:#?}");
        assert!(ms.iter().all(|m| !m.text.contains(" of ")), "{ms:#?}");
        // … but a body keeps its place (`University of Texas`)
        let ms = run("She studied at the University of Texas in Austin.", "en");
        assert!(ms.iter().all(|m| m.text != "University"), "{ms:#?}");
        // a loose title before a Hindi name is no part of it
        let ms = run(
            "कड़ी सुरक्षा में सीबीआई अफसर सारिका जैन की अगुवाई में टीम पहुंची।",
            "hi",
        );
        assert!(ms.iter().all(|m| !m.text.starts_with("अफसर")), "{ms:#?}");
    }

    #[test]
    fn a_surname_stays_with_the_known_person_named_in_full() {
        // `Trump` alone is Donald Trump, named in full first, not a relative named later
        let ms = link_with_ner(
            "Donald Trump spoke on Monday. His wife Melania Trump smiled. Trump left early.",
            "en",
        );
        let last = ms.iter().rev().find(|m| m.text == "Trump").expect("Trump");
        assert_eq!(id(last), "person:donald-trump", "{ms:#?}");
        let melania = find(&ms, "Melania Trump");
        assert_ne!(id(melania), "person:donald-trump");
    }

    #[test]
    fn new_entities_share_ids_across_articles() {
        let (a, ea) = link("प्रधानमंत्री अर्काडी वोल्कोनोव ने कहा।");
        let (b, eb) = link("देश के मंत्री अर्काडी वोल्कोनोव से मिले।");
        let x = find(&a, "अर्काडी वोल्कोनोव");
        let y = find(&b, "अर्काडी वोल्कोनोव");
        assert_eq!(x.entity, y.entity);
        assert_eq!(ea[0].key, eb[0].key);
        assert_eq!(
            x.entity.as_ref().unwrap(),
            &new_entity_id(EntityKind::Person, &ea[0].key)
        );
        // A different name gets a different id.
        let (c, _) = link("प्रधानमंत्री बोरिस ग्रेचको ने कहा।");
        assert_ne!(find(&c, "बोरिस ग्रेचको").entity, x.entity);
    }

    #[test]
    fn titles_pick_people_and_latin_needs_capitals() {
        let (ms, _) = link("President Vladimir Putin met the putin fans in Moscow.");
        assert_eq!(id(find(&ms, "Vladimir Putin")), "person:vladimir-putin");
        assert!(ms.iter().all(|m| m.text != "putin"));
        assert_eq!(id(find(&ms, "Moscow")), "place:city:moscow");
        // Common words that gazetteers list as names are not places.
        let (ms, _) = link("सोमवार को शहर में पूरी तैयारी थी।");
        assert!(ms.is_empty(), "{ms:#?}");
    }

    #[test]
    fn mentions_are_sorted_disjoint_and_in_their_sentence() {
        let text = "रूसी राष्ट्रपति व्लादिमीर पुतिन ने कहा।\nकज़ाख़स्तान के राष्ट्रपति टोकायव ने धन्यवाद दिया।";
        let sentences: Vec<Sentence> = khabar_text::sentences(text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        let (ms, _) = linker().link(text, &sentences, "hi");
        let mut end = 0;
        for m in &ms {
            assert!(m.span.start >= end);
            end = m.span.end;
            assert_eq!(m.span.slice(text), Some(m.text.as_str()));
            assert!(sentences[m.sentence].span.contains(&m.span));
        }
        assert_eq!(ms.len(), 4, "{ms:#?}");
        assert_eq!(
            linker().link(text, &sentences, "hi"),
            (ms.clone(), link(text).1)
        );
    }

    #[test]
    fn bad_input_does_not_panic() {
        assert_eq!(link(""), (Vec::new(), Vec::new()));
        let (ms, _) = link("   \n\n ।।। --- ");
        assert!(ms.is_empty());
        let long = "राष्ट्रपति व्लादिमीर पुतिन ने रूस में कहा। ".repeat(2000);
        let (ms, es) = link(&long);
        assert_eq!(ms.len(), 4000);
        assert_eq!(es.len(), 2);
        let (_, _) = link("Only Latin here, President Smith said in London.");
        // Sentences that do not match the text are tolerated.
        let bogus = [Sentence {
            span: Span::new(100, 50),
        }];
        let _ = linker().link("पुतिन", &bogus, "hi");
        let _ = linker().link("पुतिन", &[], "hi");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn never_panics(s in "[ a-zA-Z.,\\-।कखगचजटडतदनपबमयरलवसहािीुूेैोौंँ़्ऀ-ॿ]{0,120}") {
            let (ms, es) = link(&s);
            for m in &ms {
                prop_assert_eq!(m.span.slice(&s), Some(m.text.as_str()));
                prop_assert!(es.iter().any(|e| Some(&e.id) == m.entity.as_ref()));
            }
        }
    }
}
