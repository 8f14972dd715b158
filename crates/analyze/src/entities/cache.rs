//! Bounded caches kept across articles: name keys, name similarities, prepared names,
//! knowledge-base lookups, acronym readings and title tests (words and names recur from article
//! to article; each of these costs a transliteration or a scan).

use super::*;

/// Name similarities met so far, by first name then second (looked up without allocating).
#[derive(Default)]
pub(super) struct SimCache {
    pub(super) pairs: HashMap<String, HashMap<String, f32>>,
    pub(super) len: usize,
}

/// Most names kept prepared for comparison.
pub(super) const PREPARED_CACHE: usize = 50_000;

/// Most mention texts kept in the lookup cache.
pub(super) const LOOKUP_CACHE: usize = 50_000;

impl EntityLinker {
    /// The number of Latin letters of a token written as Devanagari letter names
    /// ([`khabar_kb::acronym::devanagari_to_latin`]), remembered across articles (most words
    /// are not acronyms, and finding that out costs a scan of the letter table).
    pub(super) fn acronym_len(&self, token: &str) -> Option<usize> {
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
    pub(super) fn is_title(&self, phrase: &str) -> bool {
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
    pub(super) fn name_key(&self, s: &str) -> String {
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
    pub(super) fn similarity(&self, a: &str, b: &str) -> f32 {
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
    pub(super) fn prepared(&self, s: &str) -> Arc<PreparedName> {
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
    pub(super) fn lookup(&self, s: &str) -> Vec<khabar_kb::Candidate> {
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

/// The name key of token `i`, computed once per article, and kept across articles in a bounded
/// cache (words repeat from article to article; a name key costs a transliteration). Shared, not
/// copied, out of the cache.
pub(super) fn nkey<'a>(
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
pub(super) const NAME_KEY_CACHE: usize = 200_000;
