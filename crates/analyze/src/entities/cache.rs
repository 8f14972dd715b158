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
        cached(&self.acronym_cache, token, NAME_KEY_CACHE, || {
            khabar_kb::acronym::devanagari_to_latin(token).map(|l| l.len())
        })
    }

    /// Whether a phrase is a title the knowledge base knows roles for
    /// ([`titles::role_words`]), remembered across articles.
    pub(super) fn is_title(&self, phrase: &str) -> bool {
        cached(&self.title_cache, phrase, NAME_KEY_CACHE, || {
            titles::role_words(phrase).is_some()
        })
    }

    /// [`name_key`] through the cross-article cache of [`nkey`].
    pub(super) fn name_key(&self, s: &str) -> String {
        cached(&self.nkey_cache, s, NAME_KEY_CACHE, || name_key(s).into()).to_string()
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
        cached(&self.prepared_cache, s, PREPARED_CACHE, || {
            Arc::new(PreparedName::new(s))
        })
    }

    /// [`KnowledgeBase::lookup`], remembered across articles in a bounded cache.
    pub(super) fn lookup(&self, s: &str) -> Vec<khabar_kb::Candidate> {
        cached(&self.lookup_cache, s, LOOKUP_CACHE, || self.kb.lookup(s))
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
        cached(cache, t, NAME_KEY_CACHE, || name_key(t).into())
    })
}

/// The value of `key` in a bounded cache shared across articles: the one met before, else
/// `compute()` (run outside the lock), stored (the cache emptied first when it holds `bound`
/// entries) and returned. A poisoned lock only skips the cache.
fn cached<K, V: Clone>(
    cache: &Mutex<HashMap<K, V>>,
    key: &str,
    bound: usize,
    compute: impl FnOnce() -> V,
) -> V
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq + for<'k> From<&'k str>,
{
    if let Ok(c) = cache.lock() {
        if let Some(v) = c.get(key) {
            return v.clone();
        }
    }
    let v = compute();
    if let Ok(mut c) = cache.lock() {
        if c.len() >= bound {
            c.clear();
        }
        c.insert(K::from(key), v.clone());
    }
    v
}

/// Most words kept in the name-key cache.
pub(super) const NAME_KEY_CACHE: usize = 200_000;
