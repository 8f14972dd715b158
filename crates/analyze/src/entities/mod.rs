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
//!
//! The module's files: `index` (the knowledge base's names as token sequences), `tokens` (the
//! article's words as the linker reads them), `candidates` (mentions found and chosen),
//! `linking` (one mention linked in context, confidences), `coreference` (mentions joined within
//! the article, the entity list), `cache` (bounded caches across articles) and `lists` (the word
//! lists, read from `data/lang/`).

mod cache;
mod candidates;
mod coreference;
mod index;
mod linking;
mod lists;
#[cfg(test)]
mod testing;
mod tokens;

use self::{cache::*, candidates::*, index::*, linking::*, lists::*, tokens::*};
use crate::hashing::{HashMap, HashSet};
use crate::ner;
use khabar_kb::{titles, Entry, KbError, KnowledgeBase};
use khabar_model::{EntityId, EntityKind, EntityRef, Mention, MentionRelation, Sentence, Span};
use khabar_text::doc::Doc;
use khabar_text::names::{name_key, PreparedName};
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
}

/// The id of a new entity: its kind and name key, so every article that writes the name (in
/// any spelling that keys alike) gets the same id.
pub fn new_entity_id(kind: EntityKind, key: &str) -> EntityId {
    EntityId::from_key(&format!("new:{}:{}", kind.as_str(), key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::*;
    use proptest::prelude::*;
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
