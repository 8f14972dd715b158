//! Display normalisation and search keys.
//!
//! [`normalize`] produces the display/storage form of a text: NFC, invisible characters removed,
//! every kind of space turned into a plain space, line breaks unified to `\n`, and the Devanagari
//! spellings that are the same letters typed differently made one (nukta letters in their NFC
//! form, split vowel signs such as `ा` + `े` composed to `ो`, doubled signs collapsed, an ASCII `|`
//! used as a danda turned into `।`, `।।` into `॥`). Nothing a reader would see as a different
//! spelling is changed.
//!
//! [`search_key`] folds, on top of that, what Hindi writers vary freely (in the spirit of Lucene's
//! Hindi normaliser): nukta, chandrabindu → anusvara, nasal consonant + virama → anusvara, candra
//! vowels, long → short vowels, virama; Devanagari digits become ASCII digits and letters are
//! lowercased. It is lossy and meant for matching only, never for display.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const NUKTA: char = '\u{093C}';
const VIRAMA: char = '\u{094D}';
const ANUSVARA: char = '\u{0902}';
const DANDA: char = '\u{0964}';
const DOUBLE_DANDA: char = '\u{0965}';

/// Invisible characters that are removed: zero-width space/joiners, bidi marks, word joiner and
/// other invisible operators, BOM, soft hyphen, combining grapheme joiner, Mongolian vowel
/// separator.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Horizontal spaces that become a plain space (tab, NBSP and the other Unicode spaces).
#[inline]
pub fn is_horizontal_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Line separators that become `\n` (`\r` is handled separately: `\r\n` → `\n`).
#[inline]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// True for the Devanagari block (U+0900–U+097F).
#[inline]
pub fn is_devanagari(c: char) -> bool {
    ('\u{0900}'..='\u{097F}').contains(&c)
}

/// Devanagari dependent signs (vowel signs, nukta, virama, anusvara, chandrabindu, visarga).
#[inline]
pub fn is_devanagari_sign(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0955}'..='\u{0957}' | '\u{0962}' | '\u{0963}')
}

/// Devanagari consonants, including the precomposed nukta forms.
#[inline]
pub fn is_devanagari_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{0958}'..='\u{095F}' | '\u{0978}'..='\u{097F}')
}

/// The base letter of a precomposed nukta letter that NFC decomposes (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़).
#[inline]
fn nukta_base(c: char) -> Option<char> {
    Some(match c {
        '\u{0958}' => 'क',
        '\u{0959}' => 'ख',
        '\u{095A}' => 'ग',
        '\u{095B}' => 'ज',
        '\u{095C}' => 'ड',
        '\u{095D}' => 'ढ',
        '\u{095E}' => 'फ',
        '\u{095F}' => 'य',
        _ => return None,
    })
}

/// NFC composition of a base with nukta (only ऩ ऱ ऴ compose).
#[inline]
fn compose_nukta(base: char) -> Option<char> {
    Some(match base {
        'न' => '\u{0929}',
        'र' => '\u{0931}',
        'ळ' => '\u{0934}',
        _ => return None,
    })
}

/// Two Devanagari characters typed for what is one letter or sign: `अ`+`ा` → `आ`, `ा`+`े` → `ो`,
/// `ए`+`े` → `ऐ`, and so on. Returns the single character.
#[inline]
pub fn compose_devanagari_pair(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('अ', 'ा') => 'आ',
        ('अ', 'ॉ') => 'ऑ',
        ('अ', 'ॅ') => 'ॲ',
        ('अ', 'ो') => 'ओ',
        ('अ', 'ौ') => 'औ',
        ('आ', 'ॅ') => 'ऑ',
        ('आ', 'े') => 'ओ',
        ('आ', 'ै') => 'औ',
        ('ए', 'ॅ') => 'ऍ',
        ('ए', 'े') => 'ऐ',
        ('उ', 'ु') => 'ऊ',
        ('ा', 'ॅ') => 'ॉ',
        ('ा', 'े') => 'ो',
        ('ा', 'ै') => 'ौ',
        _ => return None,
    })
}

/// Whether a (non-ASCII, non-Devanagari) character can be copied without NFC looking at it.
#[inline]
fn nfc_inert(c: char) -> bool {
    // General punctuation, currency, letterlike: all NFC_QC=Yes with combining class 0.
    // Latin-1 and Latin Extended-A, Cyrillic letters, box drawing and shapes: the same.
    if matches!(
        c,
        '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{20A0}'..='\u{20C0}'
            | '\u{00A0}'..='\u{017F}'
            | '\u{0400}'..='\u{0482}'
            | '\u{048A}'..='\u{04FF}'
            | '\u{2500}'..='\u{25FF}'
    ) {
        return true;
    }
    unicode_normalization::char::canonical_combining_class(c) == 0
        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Canonical combining class of a Devanagari character (nukta 7, virama 9, the Vedic stress
/// signs 220 and 230; 0 for the rest of the block).
fn devanagari_ccc(c: char) -> u8 {
    match c {
        '\u{093C}' => 7,
        '\u{094D}' => 9,
        '\u{0952}' => 220,
        '\u{0951}' | '\u{0953}' | '\u{0954}' => 230,
        _ => 0,
    }
}

/// Whether `s` is in NFC, answered without the Unicode tables for ASCII and Devanagari: a
/// Devanagari string is in NFC unless it has a nukta letter of the composition exclusions
/// (क़ … य़ are written with a separate nukta), a nukta after न, र or ळ (they compose to ऩ ऱ ऴ),
/// or combining marks out of canonical order. Other scripts go to the quick check, which may
/// answer "maybe": then `false` (the caller normalises, which is never wrong).
pub fn is_nfc_fast(s: &str) -> bool {
    let mut prev = '\0';
    for c in s.chars() {
        if c.is_ascii() {
            prev = c;
            continue;
        }
        if !('\u{0900}'..='\u{097F}').contains(&c) {
            return is_nfc_quick(s.chars()) == IsNormalized::Yes;
        }
        if ('\u{0958}'..='\u{095F}').contains(&c) {
            return false;
        }
        if c == '\u{093C}' && matches!(prev, 'न' | 'र' | 'ळ') {
            return false;
        }
        let (p, k) = (devanagari_ccc(prev), devanagari_ccc(c));
        if k != 0 && p > k {
            return false;
        }
        prev = c;
    }
    true
}

/// Normalise text for display and storage.
///
/// NFC; zero-width characters, BOM, bidi marks and soft hyphens removed; tabs, NBSP and the other
/// Unicode spaces become plain spaces; `\r\n`, `\r` and the Unicode line separators become `\n`
/// (line and paragraph structure is kept); other control characters are removed. Devanagari:
/// nukta letters in NFC form, vowel sign sequences composed (`ा`+`े` → `ो`, `अ`+`ा` → `आ` …),
/// repeated identical signs collapsed (`देेंगे` → `देंगे`), an ASCII `|` after Devanagari text
/// becomes `।`, and two adjacent dandas become `॥`. Idempotent.
pub fn normalize(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// [`normalize`] without copying text that is already normal (most ASCII and clean Hindi text).
pub fn normalize_cow(text: &str) -> Cow<'_, str> {
    if is_plain_ascii(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let (needs_nfc, changed) = clean_into(text, &mut out);
    if !needs_nfc || (!changed && unicode_normalization::is_nfc(text)) {
        return if changed {
            Cow::Owned(out)
        } else {
            Cow::Borrowed(text)
        };
    }
    let composed: String = if changed {
        out.nfc().collect()
    } else {
        text.nfc().collect()
    };
    out.clear();
    if !clean_into(&composed, &mut out).1 {
        return Cow::Owned(composed);
    }
    Cow::Owned(out)
}

/// ASCII text with nothing to change: printable characters and `\n`, no `|`.
#[inline]
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| ((0x20..0x7F).contains(&b) && b != b'|') || b == b'\n')
}

/// The character-level cleanup. Appends the cleaned text to `out` and returns whether the result
/// still needs library NFC (characters outside ASCII and Devanagari that are not NFC-inert) and
/// whether anything changed; when nothing changed, `out` is left untouched.
fn clean_into(text: &str, out: &mut String) -> (bool, bool) {
    let mut needs_nfc = false;
    let out_start = out.len();
    let (mut flushes, mut kept_pipes) = (0usize, 0usize);
    let bytes = text.as_bytes();
    // Bytes of `text` from `run` up to `i` are copied unchanged later.
    let mut run = 0usize;
    // The last character of the output so far (including the pending run).
    let mut last: char = '\n';
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: printable ASCII other than `|`, and `\n`, are kept.
        if ((0x20..0x7F).contains(&b) && b != b'|') || b == b'\n' {
            last = b as char;
            i += 1;
            continue;
        }
        let Some(c) = decode_at(text, i) else {
            break;
        };
        let end = i + c.len_utf8();
        let keep = if b < 0x80 {
            false
        } else if is_devanagari(c) {
            match c {
                NUKTA => {
                    !matches!(last, NUKTA | VIRAMA | '\u{0929}' | '\u{0931}' | '\u{0934}')
                        && compose_nukta(last).is_none()
                }
                '\u{0958}'..='\u{095F}' => false,
                DANDA => last != DANDA,
                '\u{0951}'..='\u{0954}' => {
                    needs_nfc = true;
                    true
                }
                _ if is_devanagari_sign(c) => {
                    last != c && compose_devanagari_pair(last, c).is_none()
                }
                _ => true,
            }
        } else if is_invisible(c) || is_horizontal_space(c) || is_line_break(c) || c.is_control() {
            false
        } else {
            if !nfc_inert(c) {
                needs_nfc = true;
            }
            true
        };
        if keep {
            last = c;
            i = end;
            continue;
        }

        // Something changes here: flush the unchanged run, then act.
        flushes += 1;
        out.push_str(&text[run..i]);
        run = end;
        i = end;
        match c {
            // `\r\n` → `\n` (the `\n` is kept by the next step), lone `\r` → `\n`.
            '\r' if bytes.get(end) == Some(&b'\n') => {}
            '\r' => {
                out.push('\n');
                last = '\n';
            }
            '|' => {
                let trimmed = out.trim_end_matches(' ');
                let spaced = trimmed.len() < out.len();
                let last_nonspace = trimmed.chars().next_back().unwrap_or('\n');
                if last_nonspace == DANDA && !spaced {
                    replace_last_nonspace(out, DOUBLE_DANDA);
                    last = DOUBLE_DANDA;
                } else if is_devanagari(last_nonspace) && last_nonspace != DOUBLE_DANDA {
                    out.push(DANDA);
                    last = DANDA;
                } else {
                    out.push('|');
                    last = '|';
                    kept_pipes += 1;
                }
            }
            DANDA => {
                // Reached only for a danda right after a danda.
                replace_last_nonspace(out, DOUBLE_DANDA);
                last = DOUBLE_DANDA;
            }
            NUKTA => {
                push_nukta(out, last);
                last = out.chars().next_back().unwrap_or(NUKTA);
            }
            '\u{0958}'..='\u{095F}' => {
                if let Some(base) = nukta_base(c) {
                    out.push(base);
                }
                out.push(NUKTA);
                last = NUKTA;
            }
            _ if is_devanagari(c) && last != c => {
                // A sign composing with the previous one (`ा` + `े` → `ो`); the result is dropped
                // when it repeats the sign before it.
                if let Some(composed) = compose_devanagari_pair(last, c) {
                    out.pop();
                    if !(is_devanagari_sign(composed) && out.ends_with(composed)) {
                        out.push(composed);
                    }
                    last = composed;
                }
            }
            // A sign repeating the previous one is dropped.
            _ if is_devanagari(c) => {}
            _ if is_horizontal_space(c) => {
                out.push(' ');
                last = ' ';
            }
            _ if is_line_break(c) => {
                out.push('\n');
                last = '\n';
            }
            // Invisible characters and other controls are dropped.
            _ => {}
        }
    }
    if run == 0 {
        // nothing changed: `out` is untouched and the caller can use `text` as it is
        return (needs_nfc, false);
    }
    out.push_str(&text[run..]);
    if out.len() - out_start == text.len() && kept_pipes == flushes {
        // only pipes were looked at, and all stayed
        out.truncate(out_start);
        return (needs_nfc, false);
    }
    (needs_nfc, true)
}

/// The character at byte `i` (a character boundary), fast for ASCII and Devanagari.
#[inline(always)]
pub(crate) fn decode_at(text: &str, i: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some(b as char);
    }
    if b == 0xE0 {
        if let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
            if b1 == 0xA4 || b1 == 0xA5 {
                return char::from_u32(0x900 | ((u32::from(b1) & 1) << 6) | (u32::from(b2) & 0x3F));
            }
        }
    }
    text.get(i..).and_then(|s| s.chars().next())
}

/// Replace the last non-space character of `out` (a danda) by `c`, keeping the spaces after it.
fn replace_last_nonspace(out: &mut String, c: char) {
    let trimmed = out.trim_end_matches(' ').len();
    let spaces = out.len() - trimmed;
    out.truncate(trimmed);
    out.pop();
    out.push(c);
    for _ in 0..spaces {
        out.push(' ');
    }
}

/// Push a nukta after whatever `out` ends with, in NFC order: a repeated nukta is dropped, a
/// nukta after a virama goes before it, and न/र/ळ + nukta compose.
fn push_nukta(out: &mut String, last: char) {
    match last {
        NUKTA | '\u{0929}' | '\u{0931}' | '\u{0934}' => {}
        VIRAMA => {
            out.pop();
            let before = out.chars().next_back();
            match before.and_then(compose_nukta) {
                Some(composed) => {
                    out.pop();
                    out.push(composed);
                }
                None if matches!(before, Some(NUKTA | '\u{0929}' | '\u{0931}' | '\u{0934}')) => {}
                None => out.push(NUKTA),
            }
            out.push(VIRAMA);
        }
        _ => match compose_nukta(last) {
            Some(composed) => {
                out.pop();
                out.push(composed);
            }
            None => out.push(NUKTA),
        },
    }
}

/// A search key for a word (or a short phrase): what Hindi writers vary freely is folded,
/// letters are lowercased, runs of whitespace become one space. See the module documentation.
/// Idempotent, and `search_key(normalize(x)) == search_key(x)`.
pub fn search_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    search_key_into(word, &mut out);
    out
}

/// [`search_key`] appended to `out` (no allocation when `out` has room).
pub fn search_key_into(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    let plain_ascii = bytes.iter().enumerate().all(|(i, &b)| {
        ((0x21..0x7F).contains(&b) && b != b'|') || (b == b' ' && (i == 0 || bytes[i - 1] != b' '))
    });
    if plain_ascii {
        out.reserve(word.len());
        out.extend(bytes.iter().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    // One pass: are there invisible characters, and is everything ASCII, plain Devanagari or
    // NFC-inert (then the NFC step can be skipped)?
    let (mut invisible, mut simple) = (false, true);
    for c in word.chars() {
        if c.is_ascii() || (is_devanagari(c) && !matches!(c, '\u{0951}'..='\u{0954}')) {
            continue;
        }
        if is_invisible(c) {
            invisible = true;
        } else if !nfc_inert(c) {
            simple = false;
        }
    }
    if invisible {
        // Removing them can bring combining marks together: remove first, then fold.
        let visible: String = word.chars().filter(|&c| !is_invisible(c)).collect();
        return search_key_into(&visible, out);
    }
    if simple {
        fold_chars(word.chars(), out);
    } else {
        let start = out.len();
        fold_chars(word.nfc(), out);
        // Lowercasing can make a composable pair (H + ◌̱ → h + ◌̱ → ẖ).
        if is_nfc_quick(out[start..].chars()) != IsNormalized::Yes {
            let composed: String = out[start..].nfc().collect();
            out.truncate(start);
            out.push_str(&composed);
        }
    }
}

/// The search-key folding of one Devanagari character (after nukta letters are split).
#[inline]
fn fold_devanagari(c: char) -> Option<char> {
    Some(match c {
        NUKTA | VIRAMA => return None,
        '\u{0901}' => ANUSVARA,
        '\u{0929}' => 'न',
        '\u{0931}' => 'र',
        '\u{0934}' => 'ळ',
        // candra and short e/o → e/o
        'ऍ' | 'ऎ' => 'ए',
        'ऑ' | 'ऒ' => 'ओ',
        'ॲ' => 'अ',
        '\u{0945}' | '\u{0946}' => 'े',
        '\u{0949}' | '\u{094A}' => 'ो',
        // long → short
        'आ' => 'अ',
        'ई' => 'इ',
        'ऊ' => 'उ',
        'ॠ' => 'ऋ',
        'ॡ' => 'ऌ',
        'ऐ' => 'ए',
        'औ' => 'ओ',
        'ी' => 'ि',
        'ू' => 'ु',
        'ॄ' => 'ृ',
        'ॣ' => 'ॢ',
        'ै' => 'े',
        'ौ' => 'ो',
        DOUBLE_DANDA => DANDA,
        // abbreviation sign: यू॰के॰ and यू.के. are the same
        '\u{0970}' => '.',
        '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
        _ => c,
    })
}

/// The folding loop behind [`search_key_into`].
fn fold_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    // `last`: the last character written to `out` by this call; `last_raw`: the character
    // [`normalize`] would have as its last output at this point (pairs compose on it);
    // `nasal_virama`: the input so far ended with a nasal consonant and a virama.
    let start = out.len();
    let mut last: Option<char> = None;
    let mut last_raw: char = ' ';
    let mut nasal_virama = false;
    for c in chars {
        if is_invisible(c) {
            continue;
        }
        if !is_devanagari(c) {
            if c.is_control() && !c.is_whitespace() {
                continue;
            }
            nasal_virama = false;
            last_raw = c;
            let c = if c == '|' { DANDA } else { c };
            if c.is_whitespace() {
                if last != Some(' ') {
                    out.push(' ');
                    last = Some(' ');
                }
                last_raw = ' ';
            } else if c == DANDA {
                if last != Some(DANDA) {
                    out.push(DANDA);
                    last = Some(DANDA);
                }
            } else if c.is_ascii() {
                let l = c.to_ascii_lowercase();
                out.push(l);
                last = Some(l);
            } else {
                for l in c.to_lowercase() {
                    out.push(l);
                    last = Some(l);
                }
            }
            continue;
        }
        if c == VIRAMA {
            // only after a letter: a word-initial न्य stays न (न्यायालय)
            nasal_virama = match last {
                Some(n @ ('ङ' | 'ञ' | 'ण' | 'न' | 'म')) => out
                    .get(start..out.len().saturating_sub(n.len_utf8()))
                    .and_then(|before| before.chars().next_back())
                    .is_some_and(|p| is_devanagari(p) && !matches!(p, '\u{0964}'..='\u{0970}')),
                _ => false,
            };
            last_raw = c;
            continue;
        }
        let composed = compose_devanagari_pair(last_raw, c);
        let raw = composed.unwrap_or(c);
        last_raw = if c == NUKTA || nukta_base(c).is_some() {
            NUKTA
        } else {
            raw
        };
        let Some(mut f) = fold_devanagari(nukta_base(raw).unwrap_or(raw)) else {
            continue;
        };
        // Folding can bring together a pair that composes (आ + ॉ → अ + ो): compose it too, so
        // that the key is a fixed point.
        let folded_pair = last
            .and_then(|l| compose_devanagari_pair(l, f))
            .and_then(fold_devanagari);
        if let Some(p) = folded_pair {
            f = p;
        }
        if composed.is_some() || folded_pair.is_some() {
            out.pop();
            if !(is_devanagari_sign(f) && out[start..].ends_with(f)) {
                out.push(f);
            }
            last = Some(f);
            continue;
        }
        if nasal_virama && (is_devanagari_consonant(f) || f == ANUSVARA) {
            // A half nasal before a consonant or a nasal sign is one nasal sound: a run of
            // them (`ङ्ञ्द`, or `ङ्ं` as a word fold writes `ङ्ञ्द`) is one anusvara.
            out.pop();
            if !out[start..].ends_with(ANUSVARA) {
                out.push(ANUSVARA);
            }
            last = Some(ANUSVARA);
        }
        nasal_virama = false;
        if last == Some(f) && (is_devanagari_sign(f) || f == DANDA) {
            continue;
        }
        out.push(f);
        last = Some(f);
    }
}

/// A Devanagari plosive (क–घ, च–झ, ट–ढ, त–ध, प–भ, and the nukta forms of क ख ग ज ड ढ फ): the
/// consonants before which a nasal consonant + virama and an anusvara are the same sound
/// (`हिन्दी` = `हिंदी`). Not before a nasal, a semivowel, a sibilant or ह: `उन्होंने`, `अन्य`,
/// `सम्मान` are never written with an anusvara, and folding them would merge words.
fn is_plosive(c: char) -> bool {
    matches!(c,
        '\u{0915}'..='\u{0918}'
        | '\u{091A}'..='\u{091D}'
        | '\u{091F}'..='\u{0922}'
        | '\u{0924}'..='\u{0927}'
        | '\u{092A}'..='\u{092D}'
        | '\u{0958}'..='\u{095E}')
}

/// The word fold: the key of one word in every word list (numbers, dates, fact lexicons,
/// language tables). It folds the spellings a Hindi or English writer varies without changing
/// the word: NFC, lower case, nukta dropped (`हज़ार` = `हजार`), chandrabindu as anusvara
/// (`पाँच` = `पांच`), a nasal consonant + virama before a plosive as anusvara (`पन्द्रह` =
/// `पंद्रह`, `सितम्बर` = `सितंबर`), zero-width joiners dropped. Vowel length is kept (`की` and
/// `कि` are different words); [`search_key`], the key of names and search terms, folds that too
/// and refines this fold: `search_key(&fold_word(w)) == search_key(w)`.
pub fn fold_word(word: &str) -> String {
    fold_word_cow(word).into_owned()
}

/// [`fold_word`], borrowing the word when it is its own fold (most words are: lower case, no
/// nukta or other spelling to fold), so that a caller keying every word allocates only for the
/// few that change.
pub fn fold_word_cow(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        // Nothing below applies to ASCII but lowercasing.
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    // ASCII and Devanagari (caseless) in NFC, the common case: folded straight from the text,
    // or copied when nothing in it folds (no capital, nukta, candrabindu, nukta letter, or
    // nasal consonant + virama).
    let mut plain = true;
    let mut prev = '\0';
    let mut simple = true;
    for c in word.chars() {
        if c.is_ascii() {
            plain &= !c.is_ascii_uppercase();
        } else if ('\u{0900}'..='\u{097F}').contains(&c) {
            plain &= !(matches!(
                c,
                '\u{093C}' | '\u{0901}' | '\u{0929}' | '\u{0931}' | '\u{0934}' | '\u{0958}'
                    ..='\u{095F}'
            ) || (c == '\u{094D}' && matches!(prev, 'ङ' | 'ञ' | 'ण' | 'न' | 'म')));
        } else {
            simple = false;
            break;
        }
        prev = c;
    }
    if simple && crate::normalize::is_nfc_fast(word) {
        if plain {
            return Cow::Borrowed(word);
        }
        return Cow::Owned(fold_word_chars(
            word.chars().map(|c| c.to_ascii_lowercase()),
            word.len(),
        ));
    }
    // Lowercase: ASCII and Devanagari (caseless) without the Unicode tables.
    fn lower(c: char, out: &mut Vec<char>) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{0900}'..='\u{097F}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    let mut chars: Vec<char> = Vec::with_capacity(word.len());
    // Most words are already in NFC: the quick check spares the recomposition.
    if crate::normalize::is_nfc_fast(word) {
        word.chars().for_each(|c| lower(c, &mut chars));
    } else {
        word.nfc().for_each(|c| lower(c, &mut chars));
    }
    Cow::Owned(fold_word_chars(chars.iter().copied(), chars.len()))
}

/// The spelling folds of [`fold_word`] over the characters of a word already in NFC and lower case
/// (`capacity`: a guess of the output's length in bytes).
fn fold_word_chars<I: Iterator<Item = char> + Clone>(mut chars: I, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    while let Some(c) = chars.next() {
        match c {
            '\u{093C}' | '\u{200C}' | '\u{200D}' => {}
            '\u{0901}' => out.push('\u{0902}'),
            '\u{0929}' => out.push('न'),
            '\u{0931}' => out.push('र'),
            '\u{0934}' => out.push('ळ'),
            '\u{0958}' => out.push('क'),
            '\u{0959}' => out.push('ख'),
            '\u{095A}' => out.push('ग'),
            '\u{095B}' => out.push('ज'),
            '\u{095C}' => out.push('ड'),
            '\u{095D}' => out.push('ढ'),
            '\u{095E}' => out.push('फ'),
            '\u{095F}' => out.push('य'),
            // Only after a letter, as in [`search_key`]: a word-initial cluster stays.
            'ङ' | 'ञ' | 'ण' | 'न' | 'म'
                if nasal_cluster(chars.clone())
                    && out.chars().next_back().is_some_and(|p| {
                        is_devanagari(p) && !matches!(p, '\u{0964}'..='\u{0970}')
                    }) =>
            {
                out.push('\u{0902}');
                chars.next(); // skip the virama too
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether the characters after a nasal consonant are a virama and a plosive.
fn nasal_cluster(mut next: impl Iterator<Item = char>) -> bool {
    next.next() == Some('\u{094D}') && next.next().is_some_and(is_plosive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn fold_word_like_the_plain_definition() {
        // The fast paths (ASCII, NFC quick check, caseless Devanagari) change nothing.
        // The spelling map by index over a character array, as first written.
        fn fold_by_index(chars: &[char]) -> String {
            let mut out = String::new();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                match c {
                    '\u{093C}' | '\u{200C}' | '\u{200D}' => {}
                    '\u{0901}' => out.push('\u{0902}'),
                    '\u{0929}' => out.push('न'),
                    '\u{0931}' => out.push('र'),
                    '\u{0934}' => out.push('ळ'),
                    '\u{0958}' => out.push('क'),
                    '\u{0959}' => out.push('ख'),
                    '\u{095A}' => out.push('ग'),
                    '\u{095B}' => out.push('ज'),
                    '\u{095C}' => out.push('ड'),
                    '\u{095D}' => out.push('ढ'),
                    '\u{095E}' => out.push('फ'),
                    '\u{095F}' => out.push('य'),
                    'ङ' | 'ञ' | 'ण' | 'न' | 'म'
                        if chars.get(i + 1) == Some(&'\u{094D}')
                            && chars.get(i + 2).is_some_and(|&n| is_plosive(n))
                            && out.chars().next_back().is_some_and(|p| {
                                is_devanagari(p) && !('\u{0964}'..='\u{0970}').contains(&p)
                            }) =>
                    {
                        out.push('\u{0902}');
                        i += 1;
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            out
        }
        fn plain(word: &str) -> String {
            let chars: Vec<char> = word.nfc().flat_map(char::to_lowercase).collect();
            fold_by_index(&chars)
        }
        let mut runner = proptest::test_runner::TestRunner::default();
        for pattern in [
            "[\\u0900-\\u097FA-Za-zÀ-ÿ\\u0300-\\u036F\\u200C\\u200DΣσ]{0,12}",
            // Nasal clusters and nukta letters, often.
            "[नमङञणकतर\\u094D\\u093C\\u0901\\u0902ाि\\u0929\\u095BaZ]{0,12}",
        ] {
            runner
                .run(&pattern, |w| {
                    proptest::prop_assert_eq!(fold_word(&w), plain(&w));
                    Ok(())
                })
                .unwrap();
        }
    }

    #[test]
    fn fold_word_spelling_variants() {
        assert_eq!(fold_word("हज़ार"), fold_word("हजार"));
        assert_eq!(fold_word("पन्द्रह"), fold_word("पंद्रह"));
        assert_eq!(fold_word("सितम्बर"), fold_word("सितंबर"));
        assert_eq!(fold_word("पाँच"), fold_word("पांच"));
        assert_eq!(fold_word("करोड़"), "करोड");
        assert_eq!(fold_word("January"), "january");
        // Not before a non-plosive, and vowel length kept.
        assert_eq!(fold_word("उन्होंने"), "उन्होंने");
        assert_eq!(fold_word("अन्य"), "अन्य");
        assert_ne!(fold_word("की"), fold_word("कि"));
    }

    #[test]
    fn nasal_clusters_are_one_anusvara() {
        // Found by the property test below: `ङ्ञ्द` and its word fold `ङ्ंद` had two keys.
        assert_eq!(search_key("ब्ङ्ञ्द्"), "बंद");
        assert_eq!(search_key(&fold_word("ब्ङ्ञ्द्")), "बंद");
        assert_eq!(search_key("हँण्ब"), "हंब");
        assert_eq!(search_key("हिन्दी"), search_key("हिंदी"));
        // A nasal + virama that is not before a consonant or a nasal sign stays a letter.
        assert_eq!(search_key("सम्"), "सम");
    }

    #[test]
    fn search_key_refines_fold_word() {
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(
                // Syllables: a consonant (maybe with nukta), then a virama, a vowel sign or a
                // nasal sign; Latin letters.
                &"(([नमङञणकतरदबयह\\u095B]\\u093C?)(\\u094D|[ािीुंँ]?)|[aZ ]){0,8}",
                |w| {
                    proptest::prop_assert_eq!(search_key(&fold_word(&w)), search_key(&w));
                    let key = search_key(&w);
                    proptest::prop_assert_eq!(search_key(&key), key.clone());
                    Ok(())
                },
            )
            .unwrap();
    }

    #[test]
    fn fast_nfc_check_never_says_yes_wrongly() {
        // Every pair from the Devanagari block, a Latin letter and a combining acute, and
        // every such character followed by two signs: `is_nfc_fast` may only say yes when the
        // string is in NFC.
        let mut alphabet: Vec<char> = ('\u{0900}'..='\u{097F}').collect();
        alphabet.extend(['a', '\u{0301}']);
        let signs: Vec<char> = alphabet
            .iter()
            .copied()
            .filter(|&c| is_devanagari_sign(c) || !c.is_alphanumeric())
            .collect();
        let mut buf = String::new();
        let mut yes = 0;
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &signs {
                    let triple = [a, b, c];
                    let pair = [a, b];
                    let signed = [a, c, b];
                    for s in [&[a][..], &pair[..], &triple[..], &signed[..]] {
                        buf.clear();
                        buf.extend(s);
                        if is_nfc_fast(&buf) {
                            yes += 1;
                            assert!(is_nfc(&buf), "{:?}", buf.chars().collect::<Vec<_>>());
                        }
                    }
                }
            }
        }
        assert!(yes > 100_000);
        assert!(is_nfc_fast("पुतिन ने कहा"));
        assert!(!is_nfc_fast("\u{0958}"));
        assert!(is_nfc_fast("\u{0915}\u{093C}"));
        assert!(!is_nfc_fast("न\u{093C}"));
    }

    #[test]
    fn invisible_characters_and_spaces() {
        assert_eq!(normalize("a\u{00A0}b\u{200B}c\u{FEFF}"), "a bc");
        assert_eq!(normalize("x\r\ny\rz"), "x\ny\nz");
        assert_eq!(normalize("a\tb\u{2003}c\u{00AD}d"), "a b cd");
        assert_eq!(normalize("line\u{2028}next\u{0007}"), "line\nnext");
        assert_eq!(normalize("para one\n\npara two"), "para one\n\npara two");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn nukta_letters_in_one_form() {
        // precomposed क़ (U+0958) → क + nukta, like NFC
        assert_eq!(normalize("\u{0958}"), "क\u{093C}");
        assert_eq!(normalize("कज़ाख़स्तान"), normalize("कज\u{093C}ाख\u{093C}स्तान"));
        // न + nukta composes to ऩ, like NFC
        assert_eq!(normalize("न\u{093C}"), "\u{0929}");
        // nukta typed after the virama goes before it
        assert_eq!(normalize("ज\u{094D}\u{093C}"), "ज\u{093C}\u{094D}");
        assert_eq!(normalize("न\u{094D}\u{093C}"), "\u{0929}\u{094D}");
        // doubled nukta
        assert_eq!(normalize("ज\u{093C}\u{093C}"), "ज\u{093C}");
    }

    #[test]
    fn vowel_sign_sequences_composed() {
        assert_eq!(normalize("क\u{093E}\u{0947}"), "को");
        assert_eq!(normalize("अ\u{093E}ज"), "आज");
        assert_eq!(normalize("ए\u{0947}सा"), "ऐसा");
        assert_eq!(normalize("देेंगे"), "देंगे");
        assert_eq!(normalize("हैंं"), "हैं");
        // different signs in a row are kept as written
        assert_eq!(normalize("कि\u{0947}"), "कि\u{0947}");
    }

    #[test]
    fn danda() {
        assert_eq!(normalize("किया जायेगा | अब"), "किया जायेगा । अब");
        assert_eq!(normalize("किया|अब"), "किया।अब");
        assert_eq!(normalize("जय हो ||"), "जय हो ॥");
        assert_eq!(normalize("जय हो ।।"), "जय हो ॥");
        assert_eq!(normalize("जय हो।|"), "जय हो॥");
        // a pipe between Latin words or digits stays
        assert_eq!(normalize("News | Jagran"), "News | Jagran");
        assert_eq!(normalize("समाचार\n| x"), "समाचार\n| x");
        // two dandas separated by a space are two sentences' ends, not a double danda
        assert_eq!(normalize("है। । अब"), "है। । अब");
        // devanagari digits and abbreviation sign kept for display
        assert_eq!(normalize("१२ यू॰के॰"), "१२ यू॰के॰");
    }

    #[test]
    fn latin_nfc() {
        assert_eq!(normalize("cafe\u{0301}"), "café");
        assert_eq!(normalize("e\u{200D}\u{0301}"), "é");
        assert!(is_nfc(&normalize("a\u{0316}\u{0301}x\u{0301}\u{0316}")));
    }

    #[test]
    fn search_key_folds_hindi_variation() {
        let k = |s: &str| search_key(s);
        // nukta
        assert_eq!(k("हज़ार"), k("हजार"));
        assert_eq!(k("कज़ाख़स्तान"), k("कजाखस्तान"));
        assert_eq!(k("\u{095B}"), k("ज"));
        // chandrabindu / anusvara / nasal + virama
        assert_eq!(k("पाँच"), k("पांच"));
        assert_eq!(k("हिन्दी"), k("हिंदी"));
        assert_eq!(k("सम्बन्ध"), k("संबंध"));
        assert_eq!(k("अंग्रेजी"), k("अँग्रेज़ी"));
        assert_eq!(k("अन्ग्रेजी"), k("अंग्रेजी"));
        assert_eq!(k("न्यायालय"), "नयायालय");
        assert_eq!(k("मोहम्मद"), k("मोहंमद"));
        // candra vowels, long/short
        assert_eq!(k("डॉक्टर"), k("डोक्टर"));
        assert_eq!(k("पुतिन"), k("पूतिन"));
        assert_eq!(k("ईरान"), k("इरान"));
        // virama
        assert_eq!(k("अल्माटी"), k("अलमाटी"));
        // split vowel signs
        assert_eq!(k("क\u{093E}\u{0947}"), k("को"));
        // digits and latin
        assert_eq!(k("२०१८"), "2018");
        assert_eq!(k("Putin"), "putin");
        assert_eq!(k("ÉCOLE"), "école");
        // things that do differ stay apart
        assert_ne!(k("काम"), k("कम"));
        assert_ne!(k("कजाकिस्तान"), k("कजाखस्तान"));
        assert_ne!(k("अमन"), k("अमान"));
    }

    #[test]
    fn abbreviation_sign_and_long_input() {
        assert_eq!(search_key("यू॰के"), search_key("यू.के"));
        let long = "क\u{093C}ा\u{0947}".repeat(100_000) + &"x".repeat(200_000);
        let n = normalize(&long);
        assert!(n.starts_with("क\u{093C}ो"));
        assert_eq!(normalize(&n), n);
        let k = search_key(&long);
        assert_eq!(search_key(&k), k);
        for s in [
            "\u{093C}", "\u{094D}", "\u{0301}", "ा", "|", "।", "\u{200D}", "\r",
        ] {
            let _ = (normalize(s), search_key(s));
        }
    }

    #[test]
    fn seed_article_with_nbsp() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
        let Ok(entries) = std::fs::read_dir(path) else {
            eprintln!("skipped: {path} is absent");
            return;
        };
        let mut seen = 0;
        for e in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let n = normalize(&text);
            assert!(!n.contains(['\u{00A0}', '\u{200B}', '\u{FEFF}', '\r']));
            assert_eq!(normalize(&n), n);
            // paragraphs survive
            assert_eq!(
                n.matches("\n\n").count(),
                text.replace("\r\n", "\n").matches("\n\n").count()
            );
            seen += 1;
        }
        eprintln!("checked {seen} seed files");
    }

    #[test]
    fn search_key_into_appends() {
        let mut s = String::from("x ");
        search_key_into("हिन्दी", &mut s);
        assert_eq!(s, format!("x {}", search_key("हिंदी")));
    }

    #[test]
    fn fixed_points_found_by_property_tests() {
        for s in [
            "ॉा\u{945}",
            "आॉ",
            "\u{951}\u{200b}\u{31b}",
            "H\u{331}",
            "अाा",
            "ऐे",
            "न\u{94D}\u{93C}",
        ] {
            let n = normalize(s);
            assert_eq!(normalize(&n), n, "normalize {s:?}");
            assert!(is_nfc(&n));
            let k = search_key(s);
            assert_eq!(search_key(&k), k, "search_key {s:?}");
            assert_eq!(search_key(&n), k, "search_key of normalized {s:?}");
        }
    }

    fn hindi_ish() -> impl Strategy<Value = String> {
        let chars = prop_oneof![
            8 => proptest::char::range('\u{0900}', '\u{097F}'),
            2 => proptest::char::range(' ', '~'),
            1 => Just('\n'),
            1 => Just('\r'),
            1 => Just('|'),
            1 => Just('\u{200D}'),
            1 => Just('\u{00A0}'),
            1 => proptest::char::range('\u{0300}', '\u{036F}'),
            1 => any::<char>(),
        ];
        proptest::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent_and_nfc(s in hindi_ish()) {
            let n = normalize(&s);
            let cow = normalize_cow(&s);
            prop_assert_eq!(cow.as_ref(), n.as_str());
            prop_assert!(matches!(normalize_cow(&n), Cow::Borrowed(_)), "normal text is copied");
            prop_assert!(is_nfc(&n), "not NFC: {:?} -> {:?}", s, n);
            prop_assert_eq!(normalize(&n), n.clone());
            prop_assert!(!n.contains('\r'), "carriage return left");
            prop_assert!(!n.contains(is_invisible), "invisible character left");
        }

        #[test]
        fn normalize_any_string(s in any::<String>()) {
            let n = normalize(&s);
            prop_assert!(is_nfc(&n));
            prop_assert_eq!(normalize(&n), n);
        }

        #[test]
        fn search_key_is_idempotent(s in hindi_ish()) {
            let k = search_key(&s);
            prop_assert_eq!(search_key(&k), k.clone(), "input {:?}", s);
            prop_assert_eq!(search_key(&normalize(&s)), k, "input {:?}", s);
        }

        #[test]
        fn search_key_any_string(s in any::<String>()) {
            let k = search_key(&s);
            prop_assert_eq!(search_key(&k), k);
        }
    }
}
