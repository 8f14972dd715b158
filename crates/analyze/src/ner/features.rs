//! Feature extraction for the sequence labeller.
//!
//! Features are 64-bit hashes: a template number mixed with the hashes of the strings it looks
//! at, so no feature string is ever built. Each token is read once ([`TokenInfo`]); the features
//! of position `i` then combine the infos of its neighbours.
//!
//! The word classes come from data files (see [`class_of`]).

use khabar_model::EntityKind;
use khabar_text::hi;
use khabar_text::script::{script_of, Script};
use khabar_text::titles::Use;

/// A token-level gazetteer: the kind of entity a single word names, when a list knows it.
pub type Gazetteer<'a> = &'a dyn Fn(&str) -> Option<EntityKind>;

/// Word classes a token may belong to (a small bit set), from the word lists
/// `data/lang/hi/{postpositions,org-cues,place-cues}.txt` and the titles tables' `ner` rows
/// (`data/lang/{hi,en}/titles.tsv`), keyed by search key. The model was trained with these
/// classes: a change to those lists needs retraining.
pub(crate) const CLASS_POSTPOSITION: u8 = 1;
pub(crate) const CLASS_TITLE: u8 = 2;
pub(crate) const CLASS_ORG_CUE: u8 = 4;
pub(crate) const CLASS_PLACE_CUE: u8 = 8;
pub(crate) const CLASS_PUNCT: u8 = 16;

fn class_table() -> &'static std::collections::HashMap<String, u8> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<String, u8>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        let titles = khabar_text::titles::words(Use::Ner);
        for (list, class) in [
            (hi::POSTPOSITIONS, CLASS_POSTPOSITION),
            (titles, CLASS_TITLE),
            (hi::ORG_CUES, CLASS_ORG_CUE),
            (hi::PLACE_CUES, CLASS_PLACE_CUE),
        ] {
            for w in list {
                *m.entry(khabar_text::search_key(w)).or_insert(0) |= class;
            }
        }
        m
    })
}

/// The classes of a word given its search key.
pub(crate) fn class_of(key: &str) -> u8 {
    let k = key.trim_end_matches('.');
    class_table().get(k).copied().unwrap_or(0)
}

/// 64-bit mixing (splitmix64 finaliser).
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[inline]
fn h(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

#[inline]
fn f1(template: u64, a: u64) -> u64 {
    mix(mix(template) ^ a)
}

#[inline]
fn f2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(template) ^ a) ^ b.rotate_left(17))
}

#[inline]
fn f3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(template) ^ a) ^ b.rotate_left(17)) ^ c.rotate_left(31))
}

/// What the features need to know about one token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TokenInfo {
    key: u64,
    raw: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    shape: u64,
    short_shape: u64,
    len: u64,
    class: u8,
    gaz: u64,
    freq: u64,
    phrase: u64,
    acronym: u64,
    /// Word cluster (`(coarse + 1) << 8 | fine`, 0 for none).
    cluster: u64,
    /// Where the word stands in the gazetteer's longer names (bits, see [`Lexicon::add_name`]).
    parts: u64,
    /// Foreign-spelling marks: nukta, candra o (loan words and foreign names).
    marks: u64,
}

impl TokenInfo {
    /// The hash of the token's search key: its [`word_hash`].
    pub(crate) fn key(&self) -> u64 {
        self.key
    }
}

/// Sentinels for positions before the start and after the end.
const BOS: u64 = 0x5A5A_0001;
const EOS: u64 = 0x5A5A_0002;

fn char_class(c: char) -> char {
    if c.is_ascii_digit() || ('\u{0966}'..='\u{096F}').contains(&c) {
        return 'd';
    }
    match script_of(c) {
        Some(Script::Devanagari) => {
            if ('\u{0900}'..='\u{0903}').contains(&c)
                || ('\u{093A}'..='\u{094F}').contains(&c)
                || ('\u{0951}'..='\u{0957}').contains(&c)
                || ('\u{0962}'..='\u{0963}').contains(&c)
            {
                'm'
            } else {
                'D'
            }
        }
        Some(Script::Latin) => {
            if c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        }
        Some(Script::Arabic) => 'A',
        Some(Script::Other) => 'O',
        None => {
            if c.is_alphabetic() {
                'a'
            } else {
                c
            }
        }
    }
}

/// What the model knows besides its weights: how often words were seen in training, and the
/// names of a gazetteer (phrases of search keys).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// Word (search-key hash) → frequency bucket (words seen at least twice).
    pub vocab: crate::ner::util::FastMap<u8>,
    /// Phrase hash → bit set of kinds (1 person, 2 place, 4 organisation).
    pub phrases: crate::ner::util::FastMap<u8>,
    pub max_phrase: usize,
    /// Word (search-key hash) → cluster (see [`super::clusters`]).
    pub clusters: crate::ner::util::FastMap<u16>,
    /// Word (search-key hash) → places in the gazetteer's names of two words or more: 1 first
    /// word of a person's name, 2 last word of a person's name, 4 word of an organisation's name,
    /// 8 last word of an organisation's name, 16 word of a place's name.
    pub parts: crate::ner::util::FastMap<u8>,
}

/// The hash of a phrase from the hashes of its words' search keys.
pub(crate) fn phrase_hash(keys: impl Iterator<Item = u64>) -> u64 {
    keys.fold(0x7068_7261_7365u64, |acc, k| mix(acc ^ k))
}

/// The search keys of a name's words.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    khabar_text::words(name)
        .iter()
        .map(|w| khabar_text::search_key(w.text))
        .collect()
}

/// Bit of a kind in a phrase's kind set.
pub(crate) fn kind_bit(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 1,
        EntityKind::Place => 2,
        EntityKind::Organisation => 4,
        EntityKind::Other => 0,
    }
}

impl Lexicon {
    /// Adds a name to the gazetteer.
    pub fn add_name(&mut self, name: &str, kind: EntityKind) {
        let bit = kind_bit(kind);
        if bit == 0 {
            return;
        }
        let keys = name_keys(name);
        if keys.is_empty() || keys.len() > 6 {
            return;
        }
        if keys.len() == 1
            && (khabar_text::hi::contains(khabar_text::hi::STOPWORDS, &keys[0])
                || khabar_text::en::contains_ignore_case(khabar_text::en::STOPWORDS, &keys[0])
                || class_of(&keys[0]) & CLASS_POSTPOSITION != 0
                || keys[0].chars().count() < 2)
        {
            return;
        }
        if keys.len() >= 2 {
            let last = keys.len() - 1;
            for (j, k) in keys.iter().enumerate() {
                if k.chars().count() < 2 || class_of(k) & CLASS_POSTPOSITION != 0 {
                    continue;
                }
                let bits = match kind {
                    EntityKind::Person if j == 0 => 1,
                    EntityKind::Person if j == last => 2,
                    EntityKind::Organisation if j == last => 4 | 8,
                    EntityKind::Organisation => 4,
                    EntityKind::Place => 16,
                    _ => 0,
                };
                if bits != 0 {
                    *self.parts.entry(h(k)).or_insert(0) |= bits;
                }
            }
        }
        let hash = phrase_hash(keys.iter().map(|k| h(k)));
        *self.phrases.entry(hash).or_insert(0) |= bit;
        self.max_phrase = self.max_phrase.max(keys.len());
    }
}

/// How many English letter names (`एम`, `टी`, `आई`) a Devanagari word is made of, when it is
/// made only of them and of at least two (`ईबीआरडी` → 4); 0 otherwise.
pub(crate) fn acronym_letters(key: &str) -> usize {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        khabar_text::hi::LATIN_LETTER_NAMES
            .iter()
            .map(|n| khabar_text::search_key(n))
            .collect()
    });
    let n = key.len();
    if n == 0
        || n > 60
        || !names.iter().any(|name| key.starts_with(name.as_str()))
        || !key.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    {
        return 0;
    }
    // best[i]: fewest letters that spell key[..i].
    let mut best = [usize::MAX; 61];
    best[0] = 0;
    for i in 0..n {
        if best[i] == usize::MAX || !key.is_char_boundary(i) {
            continue;
        }
        for name in names {
            if key[i..].starts_with(name.as_str()) {
                let j = i + name.len();
                best[j] = best[j].min(best[i] + 1);
            }
        }
    }
    match best[n] {
        x if x >= 2 && x != usize::MAX => x,
        _ => 0,
    }
}

/// Prepares one token.
fn token_info(raw: &str, key: String, gaz: Option<EntityKind>, lex: &Lexicon) -> TokenInfo {
    // Byte offsets of the first 5 and last 5 character boundaries.
    let n = key.chars().count();
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 4];
    let mut heads = key.char_indices().map(|(i, _)| i).skip(1);
    let mut tails = key.char_indices().rev().map(|(i, _)| i);
    for k in 1..=4 {
        let head = heads.next();
        let tail = tails.next();
        if n > k {
            if let (Some(hd), Some(tl)) = (head, tail) {
                prefixes[k - 1] = h(&key[..hd]);
                suffixes[k - 1] = h(&key[tl..]);
            }
        }
    }
    let mut shape = String::with_capacity(8);
    let mut shape_chars = 0;
    let mut short = String::with_capacity(8);
    for c in raw.chars() {
        let cc = char_class(c);
        if shape_chars < 8 {
            shape.push(cc);
            shape_chars += 1;
        }
        if !short.ends_with(cc) {
            short.push(cc);
        }
    }
    let key_hash = h(&key);
    let marks = raw.chars().fold(0u64, |m, c| match c {
        '\u{093C}' => m | 1,
        '\u{0911}' | '\u{0949}' => m | 2,
        _ => m,
    });
    let class = class_of(&key)
        | if !raw.is_empty() && raw.chars().all(|c| !c.is_alphanumeric()) {
            CLASS_PUNCT
        } else {
            0
        };
    TokenInfo {
        key: key_hash,
        raw: h(raw),
        prefixes,
        suffixes,
        shape: h(&shape),
        short_shape: h(&short),
        len: n.min(12) as u64,
        class,
        gaz: gaz.map_or(0, |k| k as u64 + 1),
        freq: lex.vocab.get(&key_hash).map_or(0, |&b| b as u64),
        phrase: 0,
        acronym: acronym_letters(&key).min(5) as u64,
        cluster: lex.clusters.get(&key_hash).map_or(0, |&c| c as u64),
        parts: lex.parts.get(&key_hash).map_or(0, |&b| b as u64),
        marks,
    }
}

/// Token infos met so far, by the hash of the raw token (the token is kept to check a hit):
/// a token's info depends only on its text and the model's vocabulary, and words repeat from
/// sentence to sentence and article to article. Gazetteer and phrase marks are not kept (they
/// depend on the sentence). A clone starts empty.
#[derive(Default)]
pub(crate) struct InfoCache(std::sync::Mutex<crate::ner::util::FastMap<CachedToken>>);

/// One token in an [`InfoCache`]: its text (to check a hit), its info, and the scores its own
/// features ([`token_features`]) give each label.
struct CachedToken {
    raw: Box<str>,
    info: TokenInfo,
    scores: Box<[f32]>,
}

/// Most tokens kept in an [`InfoCache`] (then it starts over).
const INFO_CACHE: usize = 100_000;

impl Clone for InfoCache {
    fn clone(&self) -> Self {
        InfoCache::default()
    }
}

impl std::fmt::Debug for InfoCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|c| c.len()).unwrap_or(0);
        write!(f, "InfoCache({n} tokens)")
    }
}

/// Prepares a sentence: each token, then gazetteer phrases (longest match first, each token
/// marked with the kinds and whether it begins the phrase).
pub(crate) fn sentence_infos(
    tokens: &[&str],
    gaz: Option<Gazetteer>,
    lex: &Lexicon,
) -> Vec<TokenInfo> {
    let infos = tokens
        .iter()
        .map(|t| token_info(t, khabar_text::search_key(t), None, lex))
        .collect();
    mark_sentence(infos, tokens, gaz, lex)
}

/// [`sentence_infos`] with the infos of known tokens taken from `cache` (the same result),
/// and row `i` of `scores` (`l` labels a row) set to the label scores of token `i`'s own
/// features, computed by `own_scores` (and cached with the info).
pub(crate) fn sentence_infos_cached(
    tokens: &[&str],
    gaz: Option<Gazetteer>,
    lex: &Lexicon,
    cache: &InfoCache,
    own_scores: &dyn Fn(&TokenInfo, &mut [f32]),
    l: usize,
    scores: &mut [f32],
) -> Vec<TokenInfo> {
    let hashes: Vec<u64> = tokens.iter().map(|t| h(t)).collect();
    let mut found: Vec<Option<TokenInfo>> = vec![None; tokens.len()];
    if let Ok(c) = cache.0.lock() {
        for (i, (slot, (t, hash))) in found.iter_mut().zip(tokens.iter().zip(&hashes)).enumerate() {
            if let Some(e) = c.get(hash) {
                if &*e.raw == *t && e.scores.len() == l {
                    *slot = Some(e.info.clone());
                    scores[i * l..(i + 1) * l].copy_from_slice(&e.scores);
                }
            }
        }
    }
    let mut fresh: Vec<(u64, CachedToken)> = Vec::new();
    let mut infos: Vec<TokenInfo> = Vec::with_capacity(tokens.len());
    for (i, (slot, (t, &hash))) in found
        .into_iter()
        .zip(tokens.iter().zip(&hashes))
        .enumerate()
    {
        let info = match slot {
            Some(info) => info,
            None => {
                let info = token_info(t, khabar_text::search_key(t), None, lex);
                let row = &mut scores[i * l..(i + 1) * l];
                own_scores(&info, row);
                fresh.push((
                    hash,
                    CachedToken {
                        raw: (*t).into(),
                        info: info.clone(),
                        scores: row.into(),
                    },
                ));
                info
            }
        };
        infos.push(info);
    }
    if !fresh.is_empty() {
        if let Ok(mut c) = cache.0.lock() {
            if c.len() + fresh.len() > INFO_CACHE {
                c.clear();
            }
            c.extend(fresh);
        }
    }
    mark_sentence(infos, tokens, gaz, lex)
}

/// Adds the gazetteer's kinds and the lexicon's phrases to a sentence's token infos.
fn mark_sentence(
    mut infos: Vec<TokenInfo>,
    tokens: &[&str],
    gaz: Option<Gazetteer>,
    lex: &Lexicon,
) -> Vec<TokenInfo> {
    if let Some(f) = gaz {
        for (info, t) in infos.iter_mut().zip(tokens) {
            info.gaz = f(t).map_or(0, |k| k as u64 + 1);
        }
    }
    if lex.max_phrase > 0 {
        let n = infos.len();
        let mut i = 0;
        while i < n {
            let mut matched = 0;
            for len in (1..=lex.max_phrase.min(n - i)).rev() {
                let hash = phrase_hash(infos[i..i + len].iter().map(|x| x.key));
                if let Some(&bits) = lex.phrases.get(&hash) {
                    infos[i].phrase = 16 | bits as u64;
                    for x in &mut infos[i + 1..i + len] {
                        x.phrase = 32 | bits as u64;
                    }
                    matched = len;
                    break;
                }
            }
            i += matched.max(1);
        }
    }
    infos
}

/// Hash of a word's search key (the key of the vocabulary table).
pub(crate) fn word_hash(word: &str) -> u64 {
    h(&khabar_text::search_key(word))
}

/// The features of position `i`, appended to `out`.
pub(crate) fn features(infos: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    token_features(&infos[i], out);
    context_features(infos, i, out);
}

/// The first features of [`features`]: those of the token alone (the same wherever it is).
pub(crate) fn token_features(t: &TokenInfo, out: &mut Vec<u64>) {
    out.push(f1(0, 0));
    out.push(f1(1, t.key));
    out.push(f1(2, t.raw));
    for k in 0..4 {
        if t.prefixes[k] != 0 {
            out.push(f1(3 + k as u64, t.prefixes[k]));
        }
        if t.suffixes[k] != 0 {
            out.push(f1(7 + k as u64, t.suffixes[k]));
        }
    }
    out.push(f1(11, t.shape));
    out.push(f1(12, t.short_shape));
    out.push(f1(13, t.len));
    if t.cluster != 0 {
        out.push(f1(60, t.cluster));
        out.push(f1(61, t.cluster >> 8));
    }
    if t.parts != 0 {
        out.push(f1(62, t.parts));
    }
    if t.marks != 0 {
        out.push(f1(63, t.marks));
    }
}

/// The rest of [`features`]: those that look at the neighbours, the gazetteer and phrases.
pub(crate) fn context_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let t = &infos[i];
    let key_at = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else {
            infos.get(j as usize).map_or(EOS, |x| x.key)
        }
    };
    let info_at = |j: isize| -> Option<&TokenInfo> {
        if j < 0 {
            None
        } else {
            infos.get(j as usize)
        }
    };
    let ii = i as isize;
    let (km2, km1, kp1, kp2) = (
        key_at(ii - 2),
        key_at(ii - 1),
        key_at(ii + 1),
        key_at(ii + 2),
    );
    out.push(f1(14, km1));
    out.push(f1(15, km2));
    out.push(f1(16, kp1));
    out.push(f1(17, kp2));
    out.push(f2(18, km1, t.key));
    out.push(f2(19, t.key, kp1));
    out.push(f2(20, kp1, kp2));
    out.push(f2(21, km2, km1));
    let prev = info_at(ii - 1);
    let next = info_at(ii + 1);
    let next2 = info_at(ii + 2);
    out.push(f1(22, prev.map_or(BOS, |p| p.suffixes[2])));
    out.push(f1(23, next.map_or(EOS, |p| p.suffixes[2])));
    out.push(f1(24, prev.map_or(BOS, |p| p.suffixes[1])));
    out.push(f1(25, next.map_or(EOS, |p| p.suffixes[1])));
    out.push(f3(
        26,
        prev.map_or(BOS, |p| p.short_shape),
        t.short_shape,
        next.map_or(EOS, |p| p.short_shape),
    ));
    out.push(f2(27, t.class as u64, 0));
    out.push(f2(28, prev.map_or(BOS, |p| p.class as u64), 1));
    out.push(f2(29, next.map_or(EOS, |p| p.class as u64), 2));
    out.push(f2(30, next2.map_or(EOS, |p| p.class as u64), 3));
    if let Some(p) = info_at(ii - 2) {
        if p.class & CLASS_TITLE != 0 {
            out.push(f1(31, 1));
        }
    }
    if t.gaz != 0 {
        out.push(f1(32, t.gaz));
        out.push(f2(33, t.gaz, kp1));
    }
    out.push(f2(34, prev.map_or(BOS, |p| p.gaz), 0));
    out.push(f2(35, next.map_or(EOS, |p| p.gaz), 0));
    out.push(f1(36, t.freq));
    out.push(f2(37, t.freq, kp1));
    out.push(f2(38, prev.map_or(BOS, |p| p.freq), t.freq));
    out.push(f2(39, next.map_or(EOS, |p| p.freq), t.freq));
    if t.phrase != 0 {
        out.push(f1(43, t.phrase));
        out.push(f2(44, t.phrase, kp1));
    }
    out.push(f2(45, prev.map_or(BOS, |p| p.phrase), t.phrase));
    if t.acronym != 0 {
        out.push(f1(47, t.acronym));
        out.push(f2(48, t.acronym, kp1));
    }
    out.push(f2(49, prev.map_or(BOS, |p| p.prefixes[2]), 0));
    out.push(f2(50, next.map_or(EOS, |p| p.prefixes[2]), 0));
    out.push(f3(51, km1, t.key, kp1));
    out.push(f2(52, t.key, next.map_or(EOS, |p| p.class as u64)));
    out.push(f2(46, next.map_or(EOS, |p| p.phrase), t.phrase));
    out.push(f2(40, t.suffixes[1], kp1));
    out.push(f2(41, km1, t.suffixes[1]));
    if i == 0 {
        out.push(f1(42, t.short_shape));
    }
    {
        let pc = prev.map_or(BOS, |p| p.cluster);
        let nc = next.map_or(EOS, |p| p.cluster);
        out.push(f1(64, pc));
        out.push(f1(65, nc));
        out.push(f2(66, pc >> 8, t.cluster >> 8));
        out.push(f2(67, t.cluster >> 8, nc >> 8));
        out.push(f2(68, t.cluster, kp1));
        out.push(f2(69, km1, t.cluster));
    }
    {
        let pp = prev.map_or(BOS, |p| p.parts);
        let np = next.map_or(EOS, |p| p.parts);
        if t.parts != 0 || pp != 0 || np != 0 {
            out.push(f3(70, pp, t.parts, np));
            out.push(f2(71, pp, t.parts));
            out.push(f2(72, t.parts, np));
        }
    }
    {
        // The nearest cue word ahead within the same noun phrase (no postposition or
        // punctuation before it): long names of organisations and places end in one.
        for (d, x) in infos.iter().enumerate().skip(i + 1).take(6) {
            let d = (d - i) as u64;
            if x.class & (CLASS_POSTPOSITION | CLASS_PUNCT) != 0 {
                break;
            }
            if x.class & CLASS_ORG_CUE != 0 {
                out.push(f1(73, d.min(4)));
                out.push(f2(74, d.min(4), t.class as u64));
                break;
            }
            if x.class & CLASS_PLACE_CUE != 0 {
                out.push(f1(75, d.min(4)));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_and_context_sensitive() {
        let a = sentence_infos(&["राम", "ने", "कहा"], None, &Lexicon::default());
        let b = sentence_infos(&["राम", "को", "कहा"], None, &Lexicon::default());
        let (mut fa, mut fb, mut fa2) = (Vec::new(), Vec::new(), Vec::new());
        features(&a, 0, &mut fa);
        features(&b, 0, &mut fb);
        features(&a, 0, &mut fa2);
        assert_eq!(fa, fa2);
        assert_ne!(fa, fb);
    }

    #[test]
    fn classes() {
        let c = |w: &str| class_of(&khabar_text::search_key(w));
        assert_ne!(c("ने") & CLASS_POSTPOSITION, 0);
        assert_ne!(c("श्री") & CLASS_TITLE, 0);
        assert_ne!(c("डॉ.") & CLASS_TITLE, 0);
        assert_ne!(c("मंत्रालय") & CLASS_ORG_CUE, 0);
        assert_eq!(c("राम"), 0);
    }
}

#[cfg(test)]
mod lexicon_tests {
    use super::*;

    #[test]
    fn cached_infos_equal_fresh_ones() {
        let mut lex = Lexicon::default();
        lex.add_name("नई दिल्ली", EntityKind::Place);
        lex.vocab.insert(word_hash("गया"), 3);
        let gaz = |w: &str| (w == "राम").then_some(EntityKind::Person);
        let cache = InfoCache::default();
        // Scores: the number of own features and the first of them.
        let own = |t: &TokenInfo, row: &mut [f32]| {
            let mut f = Vec::new();
            token_features(t, &mut f);
            row[0] = f.len() as f32;
            row[1] = (f[1] % 1000) as f32;
        };
        let sents: [&[&str]; 3] = [
            &["वह", "नई", "दिल्ली", "को", "गया", "।"],
            &["राम", "नई", "दिल्ली", "गया", "NATO", "एनडीए"],
            &["वह", "नई", "दिल्ली", "को", "गया", "।"],
        ];
        for toks in sents {
            for g in [None, Some(&gaz as Gazetteer)] {
                let fresh = sentence_infos(toks, g, &lex);
                let mut scores = vec![0.0; toks.len() * 2];
                let cached = sentence_infos_cached(toks, g, &lex, &cache, &own, 2, &mut scores);
                assert_eq!(fresh, cached, "{toks:?}");
                let mut again = vec![0.0; toks.len() * 2];
                let cached2 = sentence_infos_cached(toks, g, &lex, &cache, &own, 2, &mut again);
                assert_eq!(cached, cached2);
                assert_eq!(scores, again);
                for (i, info) in fresh.iter().enumerate() {
                    let mut row = [0.0; 2];
                    own(info, &mut row);
                    assert_eq!(row, scores[i * 2..i * 2 + 2]);
                }
            }
        }
        assert!(format!("{cache:?}").contains("tokens"));
    }

    #[test]
    fn acronym_letters_counts_letter_names() {
        assert_eq!(acronym_letters(&khabar_text::search_key("ईबीआरडी")), 4);
        assert_eq!(acronym_letters(&khabar_text::search_key("एनडीए")), 3);
        assert_eq!(acronym_letters(&khabar_text::search_key("पुतिन")), 0);
        assert_eq!(acronym_letters(&khabar_text::search_key("ए")), 0);
        assert_eq!(acronym_letters("nato"), 0);
        assert_eq!(acronym_letters(""), 0);
    }

    #[test]
    fn phrases_mark_tokens() {
        let mut lex = Lexicon::default();
        lex.add_name("नई दिल्ली", EntityKind::Place);
        lex.add_name("को", EntityKind::Place);
        let infos = sentence_infos(&["वह", "नई", "दिल्ली", "को", "गया"], None, &lex);
        let marks: Vec<u64> = infos.iter().map(|x| x.phrase).collect();
        assert_eq!(marks, vec![0, 16 | 2, 32 | 2, 0, 0]);
    }

    #[test]
    fn acronyms_spelled_in_devanagari() {
        let a = |w: &str| acronym_letters(&khabar_text::search_key(w));
        assert_eq!(a("ईबीआरडी"), 4);
        assert_eq!(a("आईडीबीआई"), 4);
        assert_eq!(a("सीएसटीओ"), 4);
        assert_eq!(a("भारत"), 0);
        assert_eq!(a("ए"), 0);
        assert_eq!(a("abc"), 0);
    }
}
