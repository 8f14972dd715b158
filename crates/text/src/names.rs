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
mod romanize;
mod translit;

pub use acronym::{acronym_devanagari, acronym_latin, letter_name};
pub use eval::{eval_translit, TranslitReport};
pub use romanize::{romanize_name, romanize_word};
pub use translit::transliterate;

use std::borrow::Cow;
use std::sync::OnceLock;
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
    fold_letters(&ascii_letters(latin))
}

/// [`fold_latin`] of the [`ascii_letters`] of a token.
fn fold_letters(s: &[u8]) -> String {
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
/// `name` must be normalised ([`crate::normalize::normalize`]); tokens borrow from it unless a
/// hyphen or apostrophe was taken out.
fn raw_tokens(name: &str) -> Vec<(Cow<'_, str>, bool)> {
    let mut out: Vec<(Cow<str>, bool)> = Vec::new();
    if let Some((surname, given)) = name.split_once(',') {
        for t in split_name(given) {
            let caps = t.chars().count() <= 4 && t.chars().all(|c| c.is_ascii_uppercase());
            if caps {
                out.extend(t.chars().map(|c| (Cow::Owned(c.to_string()), true)));
            } else {
                out.push((t, false));
            }
        }
        out.extend(split_name(surname).map(|t| (t, false)));
    } else {
        out.extend(split_name(name).map(|t| (t, false)));
    }
    out
}

/// The non-empty tokens of one part of a name, hyphens and apostrophes taken out.
fn split_name(part: &str) -> impl Iterator<Item = Cow<'_, str>> {
    part.split(splits_name).filter_map(|t| {
        let t: Cow<str> = if t.contains(['-', '\'', '’']) {
            Cow::Owned(
                t.chars()
                    .filter(|c| !matches!(c, '-' | '\'' | '’'))
                    .collect(),
            )
        } else {
            Cow::Borrowed(t)
        };
        (!t.is_empty()).then_some(t)
    })
}

/// Whether a character separates the tokens of a name: anything but letters, digits, hyphens,
/// apostrophes and Devanagari signs; the dandas separate.
fn splits_name(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '-' || c == '\'');
    }
    if let Some(i) = (c as u32).checked_sub(0x0900).filter(|&i| i < 0x80) {
        // The Devanagari block, from a table (the Unicode property lookups are slow).
        static TABLE: OnceLock<[bool; 0x80]> = OnceLock::new();
        let table = TABLE.get_or_init(|| {
            let mut t = [false; 0x80];
            for (i, slot) in t.iter_mut().enumerate() {
                if let Some(c) = char::from_u32(0x0900 + i as u32) {
                    *slot = splits_name_slow(c);
                }
            }
            t
        });
        return table[i as usize];
    }
    splits_name_slow(c)
}

/// [`splits_name`] by its definition.
fn splits_name_slow(c: char) -> bool {
    !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’') || is_mark(c)) || c == '।' || c == '॥'
}

fn is_mark(c: char) -> bool {
    // Devanagari vowel signs, virama, nukta, anusvara: part of the word.
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}' | '\u{0963}')
}

fn tokens(name: &str) -> Vec<Tok> {
    let name = crate::normalize::normalize_cow(name);
    let raw = raw_tokens(&name);
    let n = raw.len();
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, (t, is_initial))| {
            let deva = has_devanagari(&t);
            // A Devanagari token read as Latin letter names, once for the acronym and the
            // initial (the token is normalised and has no spaces: what `acronym_latin` and
            // `letter_name` would look at).
            let letters = if deva {
                acronym::parse_letters(&t)
            } else {
                None
            };
            let acronym = if deva {
                letters
                    .as_deref()
                    .filter(|_| !t.bytes().any(|b| b.is_ascii()))
                    .and_then(|l| acronym::acronym_of_letters(&t, l))
            } else {
                latin_acronym(&t)
            };
            // A single letter: Latin `R`, or a Devanagari letter name before the last word.
            let initial = if is_initial || (t.chars().count() == 1 && t.is_ascii()) {
                t.bytes().next().map(|b| b.to_ascii_lowercase())
            } else if deva && n > 1 && i + 1 < n {
                letters
                    .as_deref()
                    .and_then(acronym::single_letter)
                    .map(|c| c.to_ascii_lowercase() as u8)
            } else {
                None
            };
            // The Latin letters of the token, transliterated once for fold and plain.
            let latin: Cow<str> = match initial {
                Some(b) => Cow::Owned((b as char).to_string()),
                None if deva => Cow::Owned(transliterate(&t)),
                None => Cow::Borrowed(&t),
            };
            let ascii = ascii_letters(&latin);
            let folded = fold_letters(&ascii);
            if folded.is_empty() && acronym.is_none() {
                return None;
            }
            let skel = skeleton_of_fold(&folded);
            let plain = match initial {
                Some(b) => (b as char).to_string(),
                None => {
                    let mut p = ascii;
                    p.dedup();
                    String::from_utf8(p).unwrap_or_default()
                }
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

/// A key for indexing a whole name: two spellings or scripts of one name give the same key
/// (व्लादिमीर पुतिन, Vladimir Putin → `vldmr ptn`; सीएसटीओ, CSTO → `CSTO`). Tokens are keyed
/// one by one ([`skeleton`], or the Latin letters of an acronym) and joined by a space.
/// Idempotent: the key of a key is the key.
pub fn name_key(name: &str) -> String {
    key_of_tokens(&tokens(name))
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
    // Name tokens are short: two rows of small distances on the stack.
    const STACK: usize = 64;
    if a.len() < STACK && b.len() < STACK {
        let (mut prev, mut cur) = ([0u8; STACK], [0u8; STACK]);
        for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
            *p = j as u8;
        }
        for (i, &ca) in a.iter().enumerate() {
            cur[0] = i as u8 + 1;
            for (j, &cb) in b.iter().enumerate() {
                let sub = prev[j] + u8::from(ca != cb);
                cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        return usize::from(prev[b.len()]);
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
    PreparedName::new(a).name_similarity(&PreparedName::new(b))
}

/// The name key of a token list (see [`name_key`]).
fn key_of_tokens(ts: &[Tok]) -> String {
    let mut out = String::new();
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(t.acronym.as_deref().unwrap_or(&t.skel));
    }
    out
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

/// A name prepared once for many comparisons: tokenised, transliterated and keyed once.
#[derive(Debug, Clone)]
pub struct PreparedName {
    name: Box<str>,
    toks: Vec<Tok>,
    key: String,
}

impl PreparedName {
    /// Prepare a name.
    pub fn new(name: &str) -> Self {
        let toks = tokens(name);
        let key = key_of_tokens(&toks);
        Self {
            name: name.into(),
            toks,
            key,
        }
    }

    /// The name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// [`name_key`] of the name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Same as [`name_similarity`] on the two original names, up to the exact order of ties.
    pub fn similarity(&self, other: &PreparedName) -> f32 {
        similarity_of_tokens(&self.toks, &other.toks)
    }

    /// Exactly [`name_similarity`] of the two original names (symmetric).
    pub fn name_similarity(&self, other: &PreparedName) -> f32 {
        // Compute in a fixed order so that the result is exactly symmetric.
        if (self.key.as_str(), &*self.name) <= (other.key.as_str(), &*other.name) {
            similarity_of_tokens(&self.toks, &other.toks)
        } else {
            similarity_of_tokens(&other.toks, &self.toks)
        }
    }
}

#[cfg(test)]
mod tests;
