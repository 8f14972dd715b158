//! Name keys across spellings and scripts.
//!
//! A name in Devanagari is first read into Latin ([`transliterate`], with schwa deletion), a
//! Latin name is taken as it is; both are then folded ([`fold`]) so that what varies between
//! writers merges (aspirates, z/j, v/w/b, sh/s, q/k, c by context, y/i, doubled letters, long
//! vowels), and reduced to a consonant skeleton ([`skeleton`]) that also ignores inserted or
//! dropped vowels. Acronyms written with Devanagari letter names (सीएसटीओ) become their Latin
//! letters (`CSTO`).
//!
//! Public API used by other crates (keep): [`name_key`], [`token_keys`], [`name_similarity`],
//! [`token_overlap_similarity`], [`transliterate`], [`skeleton`], [`acronym_latin`],
//! [`acronym_devanagari`], [`eval::eval_translit`].

mod acronym;
pub mod eval;
mod translit;

pub use acronym::{acronym_devanagari, acronym_latin, letter_name};
pub use eval::{eval_translit, TranslitReport};
pub use translit::transliterate;

use unicode_normalization::UnicodeNormalization;

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_devanagari(s: &str) -> bool {
    s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// Lowercase ASCII letters and digits of a Latin (or transliterated) token; diacritics removed.
fn ascii_letters(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        // ASCII is its own decomposition.
        return s
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .filter(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .collect();
    }
    s.nfd()
        .filter_map(|c| {
            let c = c.to_ascii_lowercase();
            (c.is_ascii_lowercase() || c.is_ascii_digit()).then_some(c as u8)
        })
        .collect()
}

/// One token folded for comparison: lowercase ASCII where spelling variation is merged but
/// vowels are kept (coarsely: `ee`/`y` → `i`, `oo`/`ou` → `u`, `ai`/`ay`/`ei` → `e`, `au` → `o`).
/// Devanagari is transliterated first. The letter `c` stands for the sound of च.
pub fn fold(token: &str) -> String {
    if has_devanagari(token) {
        fold_latin(&transliterate(token))
    } else {
        fold_latin(token)
    }
}

/// [`fold`] of a token already in Latin letters (as written or transliterated).
fn fold_latin(latin: &str) -> String {
    let s = ascii_letters(latin);
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let n = at(i + 1);
        let mut step = 1;
        match c {
            b'c' => {
                if n == b'h' {
                    out.push(b'c');
                    step = 2;
                } else if n == b'k' || n == b'q' {
                    // ck, cq: the k follows
                } else if matches!(n, b'e' | b'i' | b'y') {
                    out.push(b's');
                } else {
                    out.push(b'k');
                }
            }
            b'p' if n == b'h' => {
                out.push(b'f');
                step = 2;
            }
            b'h' => {
                // After a consonant h marks aspiration (kh, gh, th, dh, bh, sh, jh, rh): dropped.
                if out.last().is_none_or(|&p| is_vowel(p)) {
                    out.push(b'h');
                }
            }
            b'q' => {
                out.push(b'k');
                if n == b'u' && is_vowel(at(i + 2)) {
                    out.push(b'v');
                    step = 2;
                }
            }
            b'x' => out.extend_from_slice(b"ks"),
            b'w' | b'b' | b'v' => out.push(b'v'),
            b'z' | b'j' => out.push(b'j'),
            b'y' => {
                if out.is_empty() {
                    // Initial yu, yi read u, i (यूक्रेन ~ Ukraine, Yi ~ ई); otherwise y stays.
                    if !matches!(n, b'u' | b'i') {
                        out.push(b'y');
                    }
                } else if is_vowel(n) {
                    out.push(b'y');
                } else {
                    out.push(b'i');
                }
            }
            b'a' | b'e' | b'i' | b'o' | b'u' => {
                let (v, len) = match (c, n) {
                    (b'e', b'e') | (b'i', b'i') | (b'i', b'e') => (b'i', 2),
                    (b'o', b'o') | (b'o', b'u') | (b'u', b'u') => (b'u', 2),
                    (b'a', b'a') => (b'a', 2),
                    (b'a', b'i') | (b'e', b'i') | (b'a', b'e') => (b'e', 2),
                    (b'a', b'y') | (b'e', b'y') if !is_vowel(at(i + 2)) => (b'e', 2),
                    (b'a', b'u') => (b'o', 2),
                    (b'a', b'w') | (b'o', b'w') if !is_vowel(at(i + 2)) => (b'o', 2),
                    (b'e', b'w') | (b'u', b'w') if !is_vowel(at(i + 2)) => (b'u', 2),
                    (b'o', b'a') => (b'o', 2),
                    _ => (c, 1),
                };
                out.push(v);
                step = len;
            }
            _ => out.push(c),
        }
        i += step;
    }
    out.dedup();
    String::from_utf8(out).unwrap_or_default()
}

/// Latin letters of a token (as written or transliterated), lowercase, doubles collapsed.
fn plain_of_latin(latin: &str) -> String {
    let mut p = ascii_letters(latin);
    p.dedup();
    String::from_utf8(p).unwrap_or_default()
}

/// The consonant skeleton of one folded token: the first letter (any vowel → `a`), then the
/// consonants without `h` and `y`, doubles collapsed; च is written `ch`.
fn skeleton_of_fold(folded: &str) -> String {
    let mut keep: Vec<u8> = Vec::with_capacity(folded.len());
    for (i, b) in folded.bytes().enumerate() {
        if i == 0 {
            keep.push(if is_vowel(b) { b'a' } else { b });
        } else if !(is_vowel(b) || b == b'h' || b == b'y') {
            keep.push(b);
        }
    }
    keep.dedup();
    let mut out = String::with_capacity(keep.len() + 2);
    for b in keep {
        if b == b'c' {
            out.push_str("ch");
        } else {
            out.push(b as char);
        }
    }
    out
}

/// The phonetic skeleton of one token (Devanagari or Latin): कज़ाख़स्तान, कजाकिस्तान and
/// Kazakhstan all give `kjkstn`. Stable: the skeleton of a skeleton is itself.
pub fn skeleton(token: &str) -> String {
    skeleton_of_fold(&fold(token))
}

/// A token of a name, with what comparing it needs.
#[derive(Debug, Clone, PartialEq)]
struct Tok {
    folded: String,
    skel: String,
    /// The Latin letters as written or transliterated, doubles collapsed (breaks ties between
    /// spellings that fold alike: avi/abhi).
    plain: String,
    /// Latin letters if the token is an acronym (`CSTO`).
    acronym: Option<String>,
    /// A single letter standing for a word (`R` in "Rossouw, RR", आर in "आर गुरबाज़").
    initial: Option<u8>,
}

/// Is this Latin token written as an acronym (2 to 5 capitals, nothing else)?
fn latin_acronym(token: &str) -> Option<String> {
    let n = token.chars().count();
    ((2..=5).contains(&n) && token.chars().all(|c| c.is_ascii_uppercase())).then(|| token.into())
}

/// Split a name into raw tokens: spaces and punctuation separate, hyphens and apostrophes join
/// (Alma-Ata, O'Brien). "Surname, Given" is turned round; capitals after the comma are initials.
fn raw_tokens(name: &str) -> Vec<(String, bool)> {
    let name = crate::normalize::normalize(name);
    let split = |part: &str| -> Vec<String> {
        part.split(|c: char| {
            !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’') || is_mark(c))
                || c == '।'
                || c == '॥'
        })
        .map(|t| {
            t.chars()
                .filter(|c| !matches!(c, '-' | '\'' | '’'))
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect()
    };
    let mut out: Vec<(String, bool)> = Vec::new();
    if let Some((surname, given)) = name.split_once(',') {
        for t in split(given) {
            let caps = t.chars().count() <= 4 && t.chars().all(|c| c.is_ascii_uppercase());
            if caps {
                out.extend(t.chars().map(|c| (c.to_string(), true)));
            } else {
                out.push((t, false));
            }
        }
        out.extend(split(surname).into_iter().map(|t| (t, false)));
    } else {
        out.extend(split(&name).into_iter().map(|t| (t, false)));
    }
    out
}

fn is_mark(c: char) -> bool {
    // Devanagari vowel signs, virama, nukta, anusvara: part of the word.
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}' | '\u{0963}')
}

fn tokens(name: &str) -> Vec<Tok> {
    let raw = raw_tokens(name);
    let n = raw.len();
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, (t, is_initial))| {
            let deva = has_devanagari(&t);
            let acronym = if deva {
                acronym_latin(&t)
            } else {
                latin_acronym(&t)
            };
            // A single letter: Latin `R`, or a Devanagari letter name before the last word.
            let initial = if is_initial || (t.chars().count() == 1 && t.is_ascii()) {
                t.bytes().next().map(|b| b.to_ascii_lowercase())
            } else if deva && n > 1 && i + 1 < n {
                letter_name(&t).map(|c| c.to_ascii_lowercase() as u8)
            } else {
                None
            };
            // The Latin letters of the token, transliterated once for fold and plain.
            let latin: std::borrow::Cow<str> = match initial {
                Some(b) => std::borrow::Cow::Owned((b as char).to_string()),
                None if deva => std::borrow::Cow::Owned(transliterate(&t)),
                None => std::borrow::Cow::Borrowed(t.as_str()),
            };
            let folded = fold_latin(&latin);
            if folded.is_empty() && acronym.is_none() {
                return None;
            }
            let skel = skeleton_of_fold(&folded);
            let plain = match initial {
                Some(b) => (b as char).to_string(),
                None => plain_of_latin(&latin),
            };
            Some(Tok {
                folded,
                skel,
                plain,
                acronym,
                initial,
            })
        })
        .collect()
}

fn token_key(t: &Tok) -> String {
    match &t.acronym {
        Some(a) => a.clone(),
        None => t.skel.clone(),
    }
}

/// A key for indexing a whole name: two spellings or scripts of one name give the same key
/// (व्लादिमीर पुतिन, Vladimir Putin → `vldmr ptn`; सीएसटीओ, CSTO → `CSTO`). Tokens are keyed
/// one by one ([`skeleton`], or the Latin letters of an acronym) and joined by a space.
/// Idempotent: the key of a key is the key.
pub fn name_key(name: &str) -> String {
    tokens(name)
        .iter()
        .map(token_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keys of the single tokens of a name, for an index that finds a full name from one of its
/// words (टोकायव → `tkv`, found among the keys of "Kassym-Jomart Tokayev"). Acronym tokens give
/// both their letters and their phonetic skeleton (NATO is also read नाटो). Initials are left out.
pub fn token_keys(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(name) {
        if t.initial.is_some() {
            continue;
        }
        if let Some(a) = &t.acronym {
            out.push(a.clone());
        }
        if !t.skel.is_empty() {
            out.push(t.skel.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|k| seen.insert(k.clone()));
    out
}

/// Levenshtein distance over bytes.
fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn lev_sim(a: &str, b: &str) -> f32 {
    let m = a.len().max(b.len());
    if m == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a.as_bytes(), b.as_bytes()) as f32 / m as f32
}

/// Similarity of two spelt-out tokens.
fn word_sim(a: &Tok, b: &Tok) -> f32 {
    let s = 0.45 * lev_sim(&a.folded, &b.folded)
        + 0.45 * lev_sim(&a.skel, &b.skel)
        + 0.1 * lev_sim(&a.plain, &b.plain);
    // An acronym against the same letters, in capitals or not (आईसीसी ~ ICC ~ icc).
    let letters = |x: &str| {
        let mut l = x.to_ascii_lowercase().into_bytes();
        l.dedup();
        l
    };
    let acr = match (&a.acronym, &b.acronym) {
        (Some(x), Some(y)) if x == y => 1.0,
        (Some(x), _) if letters(x) == b.plain.as_bytes() => 1.0,
        (_, Some(y)) if letters(y) == a.plain.as_bytes() => 1.0,
        _ => 0.0,
    };
    s.max(acr)
}

/// How well an initial stands for a word: 1 when the word starts with that letter (C for ch, k
/// or s; Y for y or i), 0.5 for a letter writers swap across scripts (G/j, K/c, P/f, any vowel
/// for a vowel), else 0.
fn initial_grade(initial: u8, word: &Tok) -> f32 {
    let Some(&first) = word.folded.as_bytes().first() else {
        return 0.0;
    };
    let folded_initial = fold(&(initial as char).to_string());
    let fi = folded_initial
        .as_bytes()
        .first()
        .copied()
        .unwrap_or(initial);
    let exact = first == fi
        || match initial {
            b'c' => matches!(first, b'c' | b'k' | b's'),
            b'y' => matches!(first, b'y' | b'i'),
            b'x' => matches!(first, b'k' | b'j'),
            _ => false,
        };
    if exact {
        return 1.0;
    }
    let class = |x: u8| match x {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => 1,
        b'g' | b'j' => 2,
        b'k' | b'c' => 3,
        b'p' | b'f' => 4,
        b't' | b'd' => 5,
        _ => 0,
    };
    if class(fi) != 0 && class(fi) == class(first) {
        0.5
    } else {
        0.0
    }
}

/// Initials of one side against the words of the other side left unmatched: the mean best grade,
/// and how the first initial fits the first unmatched word (the name the person is called by).
fn initials_score(inits: &[u8], words: &[&Tok], used: &[bool]) -> Option<f32> {
    let first_initial = *inits.first()?;
    let free: Vec<&Tok> = words
        .iter()
        .zip(used.iter())
        .filter(|(_, &u)| !u)
        .map(|(w, _)| *w)
        .collect();
    let Some(first_free) = free.first() else {
        return Some(0.0);
    };
    let mean = inits
        .iter()
        .map(|&i| free.iter().map(|w| initial_grade(i, w)).fold(0.0, f32::max))
        .sum::<f32>()
        / inits.len() as f32;
    let first = initial_grade(first_initial, first_free);
    Some(0.5 * mean + 0.5 * first)
}

/// Greedy one-to-one alignment of two token lists; returns the matched similarities and which
/// tokens of each side were used.
fn align(a: &[&Tok], b: &[&Tok]) -> (Vec<f32>, Vec<bool>, Vec<bool>) {
    let mut cells: Vec<(f32, usize, usize)> = Vec::with_capacity(a.len() * b.len());
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            cells.push((word_sim(x, y), i, j));
        }
    }
    cells.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut sims = Vec::new();
    for (s, i, j) in cells {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            sims.push(s);
        }
    }
    (sims, used_a, used_b)
}

fn joined(ws: &[&Tok]) -> Tok {
    let folded: String = ws.iter().map(|t| t.folded.as_str()).collect();
    let mut f = folded.into_bytes();
    f.dedup();
    let folded = String::from_utf8(f).unwrap_or_default();
    let mut p = ws
        .iter()
        .map(|t| t.plain.as_str())
        .collect::<String>()
        .into_bytes();
    p.dedup();
    Tok {
        plain: String::from_utf8(p).unwrap_or_default(),
        skel: skeleton_of_fold(&folded),
        folded,
        acronym: None,
        initial: None,
    }
}

fn score_words(wa: &[&Tok], wb: &[&Tok], ia: &[u8], ib: &[u8]) -> f32 {
    let (sims, used_a, used_b) = align(wa, wb);
    let total: f32 = sims.iter().sum();
    let shorter = wa.len().min(wb.len()).max(1) as f32;
    let longer = wa.len().max(wb.len()).max(1) as f32;
    let mut core = total / shorter;
    let mut coverage = total / longer;
    // Names run together (the whole name against the whole name).
    if wa.len() > 1 || wb.len() > 1 {
        let whole = word_sim(&joined(wa), &joined(wb));
        core = core.max(whole);
        coverage = coverage.max(whole);
    }
    let inits: Vec<f32> = [
        initials_score(ia, wb, &used_b),
        initials_score(ib, wa, &used_a),
    ]
    .into_iter()
    .flatten()
    .collect();
    let score = if inits.is_empty() {
        0.85 * core + 0.15 * coverage
    } else {
        let init = inits.iter().sum::<f32>() / inits.len() as f32;
        0.8 * core + 0.12 * coverage + 0.08 * init
    };
    score.clamp(0.0, 1.0)
}

/// Variants of a word list with one short word run into its neighbour (de Kock ~ डिकॉक).
fn merge_variants(ws: &[&Tok]) -> Vec<Vec<Tok>> {
    let mut out = Vec::new();
    if ws.len() < 2 || ws.len() > 5 {
        return out;
    }
    for i in 0..ws.len() - 1 {
        if ws[i].folded.len() <= 3 || ws[i + 1].folded.len() <= 3 {
            let mut v: Vec<Tok> = Vec::with_capacity(ws.len() - 1);
            v.extend(ws[..i].iter().map(|t| (*t).clone()));
            v.push(joined(&ws[i..i + 2]));
            v.extend(ws[i + 2..].iter().map(|t| (*t).clone()));
            out.push(v);
        }
    }
    out
}

fn similarity_of_tokens(ta: &[Tok], tb: &[Tok]) -> f32 {
    let wa: Vec<&Tok> = ta.iter().filter(|t| t.initial.is_none()).collect();
    let wb: Vec<&Tok> = tb.iter().filter(|t| t.initial.is_none()).collect();
    if wa.is_empty() || wb.is_empty() {
        return if ta.is_empty() && tb.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let ia: Vec<u8> = ta.iter().filter_map(|t| t.initial).collect();
    let ib: Vec<u8> = tb.iter().filter_map(|t| t.initial).collect();
    let mut best = score_words(&wa, &wb, &ia, &ib);
    for v in merge_variants(&wa) {
        let r: Vec<&Tok> = v.iter().collect();
        best = best.max(score_words(&r, &wb, &ia, &ib));
    }
    for v in merge_variants(&wb) {
        let r: Vec<&Tok> = v.iter().collect();
        best = best.max(score_words(&wa, &r, &ia, &ib));
    }
    best
}

/// How alike two names are, 0 to 1, across spellings and scripts. A single word against a full
/// name scores high when it matches one of its words (टोकायव vs "Kassym-Jomart Tokayev" ≥ 0.9);
/// "Surname, Initials" is understood. Symmetric.
pub fn name_similarity(a: &str, b: &str) -> f32 {
    let ta = tokens(a);
    let tb = tokens(b);
    // Compute in a fixed order so that the result is exactly symmetric.
    let key = |ts: &[Tok]| ts.iter().map(token_key).collect::<Vec<_>>().join(" ");
    let (ka, kb) = (key(&ta), key(&tb));
    if (ka.as_str(), a) <= (kb.as_str(), b) {
        similarity_of_tokens(&ta, &tb)
    } else {
        similarity_of_tokens(&tb, &ta)
    }
}

/// How well the words of the shorter name are found in the longer one, 0 to 1 (order and extra
/// words ignored): "पुतिन" vs "Vladimir Putin" is near 1.
pub fn token_overlap_similarity(a: &str, b: &str) -> f32 {
    let ta = tokens(a);
    let tb = tokens(b);
    let wa: Vec<&Tok> = ta.iter().filter(|t| t.initial.is_none()).collect();
    let wb: Vec<&Tok> = tb.iter().filter(|t| t.initial.is_none()).collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let (x, y) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    let (sims, _, _) = align(&x, &y);
    (sims.iter().sum::<f32>() / x.len() as f32).clamp(0.0, 1.0)
}

/// A name prepared once for many comparisons (used by the evaluation).
#[derive(Debug, Clone)]
pub struct PreparedName {
    toks: Vec<Tok>,
}

impl PreparedName {
    /// Prepare a name.
    pub fn new(name: &str) -> Self {
        Self { toks: tokens(name) }
    }

    /// Same as [`name_similarity`] on the two original names, up to the exact order of ties.
    pub fn similarity(&self, other: &PreparedName) -> f32 {
        similarity_of_tokens(&self.toks, &other.toks)
    }
}

#[cfg(test)]
mod tests;
