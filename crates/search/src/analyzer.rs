//! The analyzer: how words of articles and queries become index terms.
//!
//! Words come from the text core's segmentation ([`khabar_text::word_iter`]: virama, nukta and
//! vowel signs stay inside words). Every word gives:
//! - a **word term** (field `body`): a light stem of its search key ([`khabar_text::search_key`]
//!   folds nukta, chandrabindu/anusvara, vowel length and case, so हज़ार and हजार are one term),
//!   stemmed by a light Hindi suffix stripper (honorific `जी` first: मोदीजी → मोदी) or a light
//!   English one (plurals, `-ing`, `-ed`);
//! - for Devanagari words and capitalised Latin words, a **romanisation term** (field `roman`):
//!   [`khabar_text::names::fold`] of the word (Devanagari transliterated, Latin spelling variants
//!   merged), `d:` + key for Devanagari words, `l:` + key for Latin ones. A query word looks up
//!   the *other* script's keys, so `modi` reaches मोदी and मोदी reaches Modi, while words of one
//!   script match each other only through their search keys (romanisations of common Hindi
//!   words collide: बाढ़ and बढ़ both read `badh`). Devanagari words also get a **skeleton term**
//!   (`s:` + [`khabar_text::names::skeleton`], consonants only, at least 3 of them): romanised
//!   Hindi is typed with or without the inherent vowels and with any vowel spelling
//!   (`himskhalan`/हिमस्खलन, `express`/एक्सप्रेस), so a Latin query word falls back to it, at a
//!   lower weight. Skeletons shorter than [`MIN_SKELETON`] letters are too ambiguous alone
//!   (`putin`, पत्नी, पटना all read `ptn`): a **vowel skeleton term** (`v:`, see
//!   [`vowel_skeleton_term`]) keeps the vowels romanised Hindi keeps apart;
//! - for Devanagari words, a **loose term** (`h:`, [`loose_term`]) that also folds the vowels
//!   writers trade in names and loanwords (ai/e/a, au/o, ऑ) and nasalisation, so कटरीना meets
//!   कैटरीना; Devanagari query words look it up at a lower weight;
//! - the names of entities linked in an article, in both scripts, are indexed under their
//!   romanisation keys in one namespace (field `names`): Putin and पुतिन are both `putin`.

use khabar_text::names::{fold, skeleton};
use khabar_text::segment::{sentences, word_iter};
use khabar_text::{search_key, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

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
    roman_key_min(word, 3)
}

/// [`roman_key`] with another minimum length.
fn roman_key_min(word: &str, min: usize) -> Option<String> {
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
    (f.len() >= min).then_some(f)
}

/// The word term of a word (light stem of its search key).
pub fn word_term(word: &str) -> Option<String> {
    let key = search_key(word);
    (!key.is_empty()).then(|| stem(&key))
}

/// The shortest romanisation key of a Devanagari word indexed (आग reads `ag`); a Latin query
/// word looks such keys up only when it has [`MIN_SHORT_QUERY`] letters or more, so English
/// `in`, `to`, `he` keep away from इन, तो, है.
pub const MIN_DEVA_KEY: usize = 2;
pub const MIN_SHORT_QUERY: usize = 3;

/// The romanisation term of a word of an article: `d:` + key for Devanagari words, `l:` + key
/// for capitalised Latin words (names); None for other words.
pub fn roman_term(word: &str) -> Option<String> {
    if is_devanagari_word(word) {
        return roman_key_min(word, MIN_DEVA_KEY).map(|k| format!("d:{k}"));
    }
    if word.chars().next().is_some_and(|c| c.is_uppercase()) {
        return roman_key(word).map(|k| format!("l:{k}"));
    }
    None
}

/// A Latin word starting with a capital letter.
fn is_capitalised_latin(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase()) && !is_devanagari_word(word)
}

/// A text in title case ("Good And Bad News For Banks"): at least three Latin words of four
/// letters or more, all capitalised. Headlines are often written so; prose never is.
fn is_title_case(text: &str) -> bool {
    let mut long = 0;
    for t in word_iter(text) {
        if t.text.len() >= 4 && t.text.bytes().all(|b| b.is_ascii_alphabetic()) {
            if !t.text.as_bytes()[0].is_ascii_uppercase() {
                return false;
            }
            long += 1;
        }
    }
    long >= 3
}

/// A word without the honorific `जी` (Devanagari words with at least 2 letters left).
fn without_honorific(word: &str) -> &str {
    if is_devanagari_word(word) {
        word.strip_suffix("जी")
            .filter(|b| b.chars().count() >= 2)
            .unwrap_or(word)
    } else {
        word
    }
}

/// The fewest letters of a consonant skeleton used alone (`s:`): shorter skeletons meet too
/// many unrelated words (`putin`, पत्नी "wife" and पटना all read `ptn`), so they match only
/// with their vowels ([`vowel_skeleton_term`]).
pub const MIN_SKELETON: usize = 4;

/// The skeleton term of a word (`s:` + consonant skeleton), for skeletons of at least
/// [`MIN_SKELETON`] letters; the honorific `जी`/`ji` is left out as in [`roman_key`].
pub fn skeleton_term(word: &str) -> Option<String> {
    let s = skeleton(without_honorific(word));
    (s.len() >= MIN_SKELETON).then(|| format!("s:{s}"))
}

/// The vowel skeleton of a word (`v:` + key), for skeletons of at least 3 letters: the
/// consonant skeleton with the vowels that romanised Hindi keeps apart. `a`, `e` and `ai` are
/// one class and left out (the inherent vowel is typed or not, ऐ is typed `a`, `ai` or `e`:
/// katrina/कैटरीना); `i` stays, `o`/`u`/`au` are one class written `u` (mount/माउंट). So
/// `putin` (`putin`) keeps away from पत्नी (`ptni`) and पटना (`ptn`). An `i` before a vowel is
/// a glide and left out too (सियालदह/sealdah). Nasal plural endings are stemmed off.
pub fn vowel_skeleton_term(word: &str) -> Option<String> {
    let base = without_honorific(word);
    if skeleton(base).len() < 3 {
        return None;
    }
    // Devanagari plurals without their nasal ending (तूफानों reads like तूफान); other endings
    // stay, as a final vowel keeps words apart (पत्नी `ptni` is not `patna`).
    let folded = if is_devanagari_word(base) && base.ends_with(['\u{0902}', '\u{0901}']) {
        fold(&stem(&search_key(base)))
    } else {
        fold(base)
    };
    let bytes = folded.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let glide = bytes
            .get(i + 1)
            .is_some_and(|&n| n == b'y' || is_ascii_vowel(n));
        let c = match b {
            _ if i == 0 && is_ascii_vowel(b) => b'a',
            b'a' | b'e' | b'h' | b'y' => continue,
            // i before a vowel is a glide, typed `i`, `e` or `y` (सियालदह/sealdah)
            b'i' if glide => continue,
            b'o' | b'u' => b'u',
            _ => b,
        };
        out.push(c);
    }
    out.dedup();
    let key = String::from_utf8(out).ok()?;
    Some(format!("v:{key}"))
}

fn is_ascii_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The fewest letters (consonants, `ि`, `ु`, `ृ`) of a loose key.
pub const MIN_LOOSE: usize = 4;

/// Nasal consonants written with a virama before a consonant, as an anusvara would write them
/// (हिन्दी → हिंदी, चम्पा → चंपा).
fn nasals_as_anusvara(word: &str) -> String {
    const VIRAMA: char = '\u{094D}';
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let consonant = |c: Option<&char>| c.is_some_and(|&c| ('क'..='ह').contains(&c));
        if matches!(c, 'न' | 'म' | 'ण' | 'ङ' | 'ञ')
            && chars.get(i + 1) == Some(&VIRAMA)
            && consonant(chars.get(i + 2))
        {
            out.push('\u{0902}');
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The loose key of a Devanagari word (`h:` + key): its stemmed search key (nukta, vowel
/// length, chandrabindu folded) without the vowels writers trade for one another in names and
/// loanwords: `ा`, `े`, `ै`, `ो`, `ौ`, `ॉ` and the inherent vowel (कैटरीना, कटरीना and
/// केटरीना meet), and without nasalisation (anusvara, chandrabindu, a nasal consonant before
/// a consonant: हिन्दी/हिंदी). `ि`/`ी` and `ु`/`ू` stay. At least 3 letters; None for other
/// words.
pub fn loose_term(word: &str) -> Option<String> {
    if !is_devanagari_word(word) {
        return None;
    }
    let key = stem(&search_key(&nasals_as_anusvara(without_honorific(word))));
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        match c {
            // vowel signs of the a/e/o classes, anusvara, visarga
            '\u{093E}' | '\u{0947}' | '\u{0948}' | '\u{094B}' | '\u{094C}' | '\u{0949}'
            | '\u{0945}' | '\u{0946}' | '\u{094A}' | '\u{0902}' | '\u{0901}' | '\u{0903}' => {}
            'आ' | 'ए' | 'ऐ' | 'ओ' | 'औ' | 'ऑ' | 'ऍ' | 'ऎ' | 'ऒ' => out.push('अ'),
            _ => out.push(c),
        }
    }
    (out.chars().count() >= MIN_LOOSE).then(|| format!("h:{out}"))
}

/// The romanisation term a query word looks up: the other script's namespace. Any Latin
/// query word (capitalised or not) reaches Devanagari words.
pub fn roman_query_term(word: &str) -> Option<String> {
    if is_devanagari_word(word) {
        return roman_key(word).map(|k| format!("l:{k}"));
    }
    if word.chars().all(|c| !c.is_alphabetic() || c.is_ascii()) {
        let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let min = if letters >= MIN_SHORT_QUERY {
            MIN_DEVA_KEY
        } else {
            3
        };
        return roman_key_min(word, min).map(|k| format!("d:{k}"));
    }
    None
}

/// Name terms of a name: the romanisation keys of its words, one namespace for both scripts
/// (Putin, पुतिन → `putin`). Vowels are kept: consonant skeletons alone make Putin and Patna
/// one name.
pub fn name_terms(name: &str) -> Vec<String> {
    word_iter(name)
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| roman_key(t.text))
        .collect()
}

/// The fields a query term is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermField {
    Body,
    Roman,
    Names,
}

/// Weights of a query word's terms: a search-key match counts fully, a romanisation match
/// less (it is coarser), a linked-name match in between.
pub const ROMAN_WEIGHT: f32 = 0.7;
pub const NAME_WEIGHT: f32 = 0.8;
/// A consonant-skeleton match (Latin query word → Devanagari word) counts least; a vowel
/// skeleton match ([`vowel_skeleton_term`]) a little more.
pub const SKELETON_WEIGHT: f32 = 0.4;
pub const VOWEL_SKELETON_WEIGHT: f32 = 0.5;
/// A loose-key match ([`loose_term`], Devanagari query word → Devanagari word).
pub const LOOSE_WEIGHT: f32 = 0.6;

/// One query word: the terms it matches through, with their weights.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryWord {
    pub text: String,
    pub terms: Vec<(TermField, String, f32)>,
}

/// The longest query handled, in words; the rest is ignored.
pub const MAX_QUERY_WORDS: usize = 32;

/// Splits a query into words and their terms (at most [`MAX_QUERY_WORDS`]; words that give
/// the same terms as an earlier one are dropped).
pub fn parse_query(q: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    for t in word_iter(q) {
        let mut terms = Vec::new();
        if let Some(w) = word_term(t.text) {
            terms.push((TermField::Body, w, 1.0));
        }
        if t.kind != TokenKind::Number {
            if let Some(k) = roman_query_term(t.text) {
                let latin = k.starts_with("d:");
                terms.push((TermField::Roman, k, ROMAN_WEIGHT));
                if latin {
                    if let Some(sk) = skeleton_term(t.text) {
                        terms.push((TermField::Roman, sk, SKELETON_WEIGHT));
                    }
                    if let Some(v) = vowel_skeleton_term(t.text) {
                        terms.push((TermField::Roman, v, VOWEL_SKELETON_WEIGHT));
                    }
                }
            }
            if let Some(l) = loose_term(t.text) {
                terms.push((TermField::Roman, l, LOOSE_WEIGHT));
            }
            if let Some(n) = roman_key(t.text) {
                terms.push((TermField::Names, n, NAME_WEIGHT));
            }
        }
        if !terms.is_empty() && !out.iter().any(|o| o.terms == terms) {
            out.push(QueryWord {
                text: t.text.to_string(),
                terms,
            });
            if out.len() == MAX_QUERY_WORDS {
                break;
            }
        }
    }
    out
}

/// Does a word of a text match one of the query words (through its word or romanisation term)?
/// (For many words, build a [`QueryMatcher`] once.)
pub fn word_matches(word: &str, kind: TokenKind, query: &[QueryWord]) -> bool {
    QueryMatcher::new(query).matches(word, kind)
}

/// [`word_matches`] for one query and many words: it computes only the terms of a word that
/// can equal a query term (a Devanagari query word looks up `l:` romanisation keys, which no
/// Devanagari word of a text has, so such words need only their word term).
#[derive(Debug, Clone, Default)]
pub struct QueryMatcher<'q> {
    body: Vec<&'q str>,
    /// `d:` terms (Devanagari words of the text), `l:` terms (Latin words), `s:` and `v:`
    /// terms (skeletons of Devanagari words), `h:` terms (loose keys of Devanagari words).
    deva: Vec<&'q str>,
    latin: Vec<&'q str>,
    skeleton: Vec<&'q str>,
    vowels: Vec<&'q str>,
    loose: Vec<&'q str>,
}

impl<'q> QueryMatcher<'q> {
    pub fn new(query: &'q [QueryWord]) -> Self {
        let mut m = QueryMatcher::default();
        for (f, t, _) in query.iter().flat_map(|q| q.terms.iter()) {
            let list = match f {
                TermField::Body => &mut m.body,
                TermField::Roman if t.starts_with("d:") => &mut m.deva,
                TermField::Roman if t.starts_with("l:") => &mut m.latin,
                TermField::Roman if t.starts_with("s:") => &mut m.skeleton,
                TermField::Roman if t.starts_with("v:") => &mut m.vowels,
                TermField::Roman if t.starts_with("h:") => &mut m.loose,
                TermField::Roman | TermField::Names => continue,
            };
            list.push(t.as_str());
        }
        m
    }

    /// Could any word match at all?
    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
            && self.deva.is_empty()
            && self.latin.is_empty()
            && self.skeleton.is_empty()
            && self.vowels.is_empty()
            && self.loose.is_empty()
    }

    pub fn matches(&self, word: &str, kind: TokenKind) -> bool {
        let has = |list: &[&str], t: Option<String>| t.is_some_and(|t| list.contains(&t.as_str()));
        if !self.body.is_empty() && has(&self.body, word_term(word)) {
            return true;
        }
        if kind == TokenKind::Number {
            return false;
        }
        if is_devanagari_word(word) {
            (!self.deva.is_empty() && has(&self.deva, roman_term(word)))
                || (!self.skeleton.is_empty() && has(&self.skeleton, skeleton_term(word)))
                || (!self.vowels.is_empty() && has(&self.vowels, vowel_skeleton_term(word)))
                || (!self.loose.is_empty() && has(&self.loose, loose_term(word)))
        } else {
            !self.latin.is_empty() && has(&self.latin, roman_term(word))
        }
    }
}

// ---- tantivy tokenizers ---------------------------------------------------------------------

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Names the tokenizers are registered under.
pub const WORDS_TOKENIZER: &str = "khabar_words";
pub const ROMAN_TOKENIZER: &str = "khabar_roman";
pub const NAMES_TOKENIZER: &str = "khabar_names";

/// Tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
    empty: Token,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        self.next
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .unwrap_or(&self.empty)
    }
    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

/// Most distinct words a tokenizer remembers the terms of (article vocabularies repeat a lot).
const CACHE_MAX: usize = 100_000;

/// Which terms a [`KhabarTokenizer`] emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Word terms of every word and number.
    Words,
    /// Romanisation terms of Devanagari and capitalised Latin words, and skeleton, vowel
    /// skeleton and loose terms of Devanagari words.
    Roman,
    /// Name keys of every word.
    Names,
}

/// The tokenizer registered in tantivy, one per [`Kind`].
#[derive(Clone)]
pub struct KhabarTokenizer {
    kind: Kind,
    cache: HashMap<String, Vec<String>>,
}

impl KhabarTokenizer {
    pub fn new(kind: Kind) -> Self {
        KhabarTokenizer {
            kind,
            cache: HashMap::new(),
        }
    }

    fn terms(&mut self, word: &str, number: bool) -> Vec<String> {
        let kind = self.kind;
        let compute = || -> Vec<String> {
            match kind {
                Kind::Words => word_term(word).into_iter().collect(),
                Kind::Roman | Kind::Names if number => Vec::new(),
                Kind::Roman => {
                    let mut v: Vec<String> = roman_term(word).into_iter().collect();
                    if is_devanagari_word(word) {
                        v.extend(skeleton_term(word));
                        v.extend(vowel_skeleton_term(word));
                        v.extend(loose_term(word));
                    }
                    v
                }
                Kind::Names => roman_key(word).into_iter().collect(),
            }
        };
        if kind == Kind::Words && word.is_ascii() {
            return compute();
        }
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let t = compute();
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        self.cache.insert(word.to_string(), t.clone());
        t
    }
}

impl Tokenizer for KhabarTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        // A Latin word capitalised by its place (first of a sentence, a title in title case)
        // is not known to be a name: it gets no romanisation term, or Hindi queries would
        // reach English prose (बाढ़ "flood" reads `badh`, like the "Bad" of "Good And Bad").
        let roman = self.kind == Kind::Roman && text.bytes().any(|b| b.is_ascii_uppercase());
        let title_case = roman && is_title_case(text);
        let starts: Vec<usize> = if roman && !title_case {
            sentences(text).iter().map(|s| s.start).collect()
        } else {
            Vec::new()
        };
        let mut next_start = starts.iter().peekable();
        for t in word_iter(text) {
            let mut first_of_sentence = false;
            while next_start.next_if(|&&s| s <= t.span.start).is_some() {
                first_of_sentence = true;
            }
            if roman && (title_case || first_of_sentence) && is_capitalised_latin(t.text) {
                continue;
            }
            for term in self.terms(t.text, t.kind == TokenKind::Number) {
                tokens.push(Token {
                    offset_from: t.span.start,
                    offset_to: t.span.end,
                    position: tokens.len(),
                    text: term,
                    position_length: 1,
                });
            }
        }
        VecTokenStream::new(tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn terms(kind: Kind, text: &str) -> Vec<String> {
        let mut t = KhabarTokenizer::new(kind);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn latin_words_capitalised_by_their_place_are_not_names() {
        let roman = |t: &str| terms(Kind::Roman, t);
        // Mid-sentence capitals are names; the first word of a sentence is not known to be one.
        assert_eq!(roman("Bad weather. Then Modi came."), vec!["l:modi"]);
        assert_eq!(
            roman("\"Good news,\" said Modi.\nBad roads"),
            vec!["l:modi"]
        );
        // Abbreviations do not end sentences: Mr. Modi is still a name (`mr` is too short).
        assert_eq!(roman("He met Mr. Modi."), vec!["l:modi"]);
        assert_eq!(roman("He met Modi."), vec!["l:modi"]);
        // A title in title case gives no Latin romanisation terms; Devanagari words keep theirs.
        assert!(roman("A Free-For-All For Both The Good And Bad").is_empty());
        assert_eq!(
            roman("Flood Relief Camps Opened मोदी"),
            terms(Kind::Roman, "मोदी")
        );
        assert!(is_title_case("Good And Bad News Today"));
        assert!(!is_title_case("Good and bad news"));
        assert!(!is_title_case("Modi Visits"));
    }

    #[test]
    fn hindi_stems() {
        assert_eq!(stem(&search_key("लड़कियों")), stem(&search_key("लड़की")));
        assert_eq!(stem(&search_key("मोदीजी")), stem(&search_key("मोदी")));
        // Short words keep their endings.
        assert_eq!(stem(&search_key("ने")), search_key("ने"));
    }

    #[test]
    fn spelling_variants_share_word_terms() {
        assert_eq!(word_term("हज़ार"), word_term("हजार"));
        assert_eq!(word_term("कज़ाख़स्तान"), word_term("कजाखस्तान"));
        assert_eq!(word_term("गाँव"), word_term("गांव"));
        assert_eq!(word_term("मोदीजी"), word_term("मोदी"));
        assert_eq!(word_term("Floods"), word_term("flood"));
        assert_ne!(word_term("बाढ़"), word_term("बढ़"));
    }

    #[test]
    fn romanised_queries_reach_devanagari_words() {
        let deva = roman_term("मोदी").unwrap();
        assert_eq!(roman_query_term("modi").as_deref(), Some(deva.as_str()));
        assert_eq!(roman_query_term("Modi").as_deref(), Some(deva.as_str()));
        assert_eq!(
            roman_term("मोदीजी").as_deref(),
            roman_query_term("modi").as_deref()
        );
        // A Devanagari query reaches capitalised Latin words, not Devanagari ones.
        assert_eq!(roman_query_term("मोदी"), roman_term("Modi"));
        // Lowercase Latin words of a text are not romanisation terms.
        assert_eq!(roman_term("modi"), None);
    }

    #[test]
    fn romanised_hindi_without_inherent_vowels_reaches_skeletons() {
        // The query's romanisation may differ from the transliteration (schwas, vowels); the
        // skeleton term is shared.
        assert_eq!(skeleton_term("himskhalan"), skeleton_term("हिमस्खलन"));
        assert_eq!(skeleton_term("express"), skeleton_term("एक्सप्रेस"));
        let q = parse_query("himskhalan");
        assert!(q[0]
            .terms
            .iter()
            .any(|(f, t, w)| *f == TermField::Roman && t.starts_with("s:") && *w < ROMAN_WEIGHT));
        // Devanagari query words do not use skeletons (too coarse within one script).
        assert!(parse_query("हिमस्खलन")[0]
            .terms
            .iter()
            .all(|(_, t, _)| !t.starts_with("s:")));
        // Two-consonant skeletons are too ambiguous to index.
        assert_eq!(skeleton_term("titli"), None);
    }

    #[test]
    fn vowel_length_and_ai_a_variants_of_names_meet() {
        // Devanagari spellings: ai/e/a, long/short, au/o, nukta, nasals.
        let same = |a: &str, b: &str| {
            assert!(loose_term(a).is_some(), "{a}");
            assert_eq!(loose_term(a), loose_term(b), "{a} / {b}");
        };
        same("कटरीना", "कैटरीना");
        same("केटरिना", "कैटरीना");
        same("प्लेटफार्म", "प्लेटफॉर्म");
        same("हिन्दुस्तान", "हिंदुस्तान");
        same("चम्पारन", "चंपारन");
        same("फ़्लोरिडा", "फ्लोरीडा");
        same("मौरिशस", "मोरीशस");
        // i and u are kept apart from a, and short keys are not made (कम/काम stay apart).
        assert_ne!(loose_term("किरण"), loose_term("करण"));
        assert_eq!(loose_term("काम"), None);
        assert_eq!(loose_term("Katrina"), None);
        // A Devanagari query word looks its loose key up, at a lower weight.
        let q = parse_query("कटरीना");
        assert!(q[0]
            .terms
            .iter()
            .any(|(f, t, w)| *f == TermField::Roman && t.starts_with("h:") && *w < 1.0));
        // Romanised Hindi: vowel skeletons meet across ai/a, au/o, glides.
        let v = |w: &str| vowel_skeleton_term(w);
        assert_eq!(v("katrina"), v("कैटरीना"));
        assert_eq!(v("mount"), v("माउंट"));
        assert_eq!(v("sealdah"), v("सियालदह"));
        // Two-letter keys: `aag` reaches आग, but English two-letter words no Hindi word.
        assert_eq!(roman_query_term("aag"), roman_term("आग"));
        assert_eq!(roman_query_term("abu"), roman_term("आबू"));
        assert_eq!(roman_query_term("in"), None);
        assert_eq!(roman_query_term("to"), None);
    }

    #[test]
    fn short_romanised_words_keep_their_vowels() {
        // putin, पत्नी (wife) and पटना share the skeleton `ptn`: too short to match alone.
        assert_eq!(skeleton_term("putin"), None);
        assert_eq!(skeleton_term("पत्नी"), None);
        let v = vowel_skeleton_term("putin");
        assert!(v.is_some());
        assert_ne!(v, vowel_skeleton_term("पत्नी"));
        assert_ne!(v, vowel_skeleton_term("पटना"));
        assert_eq!(v, vowel_skeleton_term("पुतिन"));
        assert_ne!(roman_query_term("putin"), roman_term("पत्नी"));
        assert_ne!(roman_query_term("putin"), roman_term("पटना"));
        // Long skeletons still match alone (schwas typed or not).
        assert_eq!(skeleton_term("himskhalan"), skeleton_term("हिमस्खलन"));
    }

    #[test]
    fn tokenizer_keeps_words_whole() {
        // Virama and nukta stay inside words: one term per word.
        assert_eq!(terms(Kind::Words, "क्षेत्र में ज़मीन").len(), 3);
        assert_eq!(terms(Kind::Words, "दस हज़ार"), terms(Kind::Words, "दस हजार"));
        // Modi, ने (`ne`) and कहा (no skeleton: 2 consonants, no loose key: 2 letters);
        // lowercase Latin words and numbers give none.
        assert_eq!(terms(Kind::Roman, "said Modi ने 12 कहा").len(), 3);
        // A long Devanagari word: romanisation, skeleton, vowel skeleton and loose key.
        assert_eq!(terms(Kind::Roman, "हिमस्खलन").len(), 4);
        assert!(terms(Kind::Roman, "the flood").is_empty());
        assert_eq!(terms(Kind::Names, "Narendra Modi"), name_terms("नरेंद्र मोदी"));
    }

    #[test]
    fn queries() {
        let q = parse_query("मोदी मोदीजी  modi");
        // मोदी and मोदीजी give the same terms: one word.
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(parse_query("").is_empty());
        assert!(parse_query("  ,.;  ").is_empty());
        let long = "शब्द ".repeat(100);
        assert!(parse_query(&long).len() <= 1);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse_query(&many).len(), MAX_QUERY_WORDS);
    }

    /// Which words of a data set a romanised query word reaches through skeletons, under the
    /// old rule (any skeleton of 3+ letters) and the current one; prints them. Run with
    /// `cargo test -p khabar-search --lib skeleton_reach -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn skeleton_reach_on_the_disaster_set() {
        let path = "../../../shared/data/stories/hindi-disaster-dev.jsonl";
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("skipped: {path} is absent");
            return;
        };
        let mut vocab: Vec<&str> = word_iter(&text)
            .filter(|t| is_devanagari_word(t.text))
            .map(|t| t.text)
            .collect();
        vocab.sort_unstable();
        vocab.dedup();
        for q in [
            "putin", "patna", "modi", "mount", "katrina", "toofan", "sealdah", "kanpur",
        ] {
            let old_skel = skeleton(q);
            let old: Vec<&str> = vocab
                .iter()
                .filter(|w| {
                    roman_term(w) == roman_query_term(q)
                        || (old_skel.len() >= 3 && skeleton(w) == old_skel)
                })
                .copied()
                .collect();
            let (sk, vs, rq) = (
                skeleton_term(q),
                vowel_skeleton_term(q),
                roman_query_term(q),
            );
            let new: Vec<&str> = vocab
                .iter()
                .filter(|w| {
                    let some_eq = |a: &Option<String>, b: Option<String>| a.is_some() && *a == b;
                    some_eq(&rq, roman_term(w))
                        || some_eq(&sk, skeleton_term(w))
                        || some_eq(&vs, vowel_skeleton_term(w))
                })
                .copied()
                .collect();
            println!(
                "{q}\told {} {:?}\n\tnew {} {:?}",
                old.len(),
                old,
                new.len(),
                new
            );
        }
    }

    proptest! {
        #[test]
        fn tokens_lie_inside_the_text(text in "\\PC{0,200}") {
            for kind in [Kind::Words, Kind::Roman, Kind::Names] {
                let mut t = KhabarTokenizer::new(kind);
                let mut s = t.token_stream(&text);
                let mut last = 0;
                while s.advance() {
                    let tok = s.token();
                    prop_assert!(text.get(tok.offset_from..tok.offset_to).is_some());
                    // In text order (a word's terms share its offsets).
                    prop_assert!(tok.offset_from >= last);
                    prop_assert!(!tok.text.is_empty());
                    last = tok.offset_from;
                }
            }
        }

        #[test]
        fn query_parsing_never_panics(q in "\\PC{0,80}") {
            let words = parse_query(&q);
            prop_assert!(words.len() <= MAX_QUERY_WORDS);
            for w in words {
                prop_assert!(!w.terms.is_empty());
            }
        }
    }
}
