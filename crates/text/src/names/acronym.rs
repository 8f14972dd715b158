//! Acronyms written as Latin letter names in Devanagari (सीएसटीओ ↔ CSTO).

use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Latin letters and the ways Hindi writers spell their names; the first spelling is the one
/// [`acronym_devanagari`] writes.
const LETTERS: &[(char, &[&str])] = &[
    ('A', &["ए", "ऐ"]),
    ('B', &["बी", "बि"]),
    ('C', &["सी", "सि"]),
    ('D', &["डी", "डि"]),
    ('E', &["ई", "इ"]),
    ('F', &["एफ", "एफ़", "ऐफ", "ऐफ़"]),
    ('G', &["जी", "जि"]),
    ('H', &["एच", "ऐच", "एच्"]),
    ('I', &["आई", "आइ"]),
    ('J', &["जे"]),
    ('K', &["के"]),
    ('L', &["एल", "ऐल"]),
    ('M', &["एम", "ऐम"]),
    ('N', &["एन", "ऐन"]),
    ('O', &["ओ"]),
    ('P', &["पी", "पि"]),
    ('Q', &["क्यू", "क्यु"]),
    ('R', &["आर"]),
    ('S', &["एस", "ऐस"]),
    ('T', &["टी", "टि"]),
    ('U', &["यू", "यु"]),
    ('V', &["वी", "वि"]),
    ('W', &["डब्ल्यू", "डब्लू", "डबल्यू", "डब्ल्यु"]),
    ('X', &["एक्स", "ऐक्स"]),
    ('Y', &["वाई", "वाइ"]),
    ('Z', &["ज़ेड", "जेड", "ज़ी", "ज़ैड", "जैड"]),
];

/// Everyday Hindi words that happen to parse as letter names.
const NOT_ACRONYMS: &[&str] = &["बीबी", "सीटी", "बिजी", "जीजी", "दीदी", "टीका"];

fn table() -> &'static Vec<(Vec<char>, char)> {
    static TABLE: OnceLock<Vec<(Vec<char>, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(Vec<char>, char)> = LETTERS
            .iter()
            .flat_map(|(l, names)| names.iter().map(move |n| (n.nfc().collect(), *l)))
            .collect();
        // Longest spelling first so that एक्स wins over ए.
        t.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        t
    })
}

/// The characters that letter names are written with, as a set over the Devanagari block (all
/// of them are in it): a token with any other character cannot parse.
fn name_chars() -> &'static [bool; 0x80] {
    static CHARS: OnceLock<[bool; 0x80]> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut set = [false; 0x80];
        for c in table().iter().flat_map(|(name, _)| name.iter()) {
            if let Some(i) = (*c as u32).checked_sub(0x0900).filter(|&i| i < 0x80) {
                set[i as usize] = true;
            }
        }
        set
    })
}

/// Whether `c` occurs in some letter name (see [`name_chars`]).
fn in_letter_names(c: char) -> bool {
    (c as u32)
        .checked_sub(0x0900)
        .filter(|&i| i < 0x80)
        .is_some_and(|i| name_chars()[i as usize])
}

/// The characters of a token in NFC (skipping the recomposition when it already is).
pub(super) fn nfc_chars(token: &str) -> impl Iterator<Item = char> + '_ {
    let quick = crate::normalize::is_nfc_fast(token);
    let (a, b) = if quick {
        (Some(token.chars()), None)
    } else {
        (None, Some(token.nfc()))
    };
    a.into_iter().flatten().chain(b.into_iter().flatten())
}

/// Parse a whole Devanagari token as letter names. Returns the Latin letters.
pub(super) fn parse_letters(token: &str) -> Option<String> {
    let skipped = |c: &char| !matches!(c, '\u{200C}' | '\u{200D}' | '.' | '-');
    // A character that no letter name has: most words fail here, before anything is copied.
    if !nfc_chars(token).filter(skipped).all(in_letter_names) {
        return None;
    }
    let chars: Vec<char> = nfc_chars(token).filter(skipped).collect();
    if chars.is_empty() {
        return None;
    }
    // Dynamic programming over positions: the fewest letters wins, ties to the longest first
    // letter name (the table order).
    // Every letter name starts with one of a few letters: most words fail here.
    if !table()
        .iter()
        .any(|(name, _)| name.first() == chars.first())
    {
        return None;
    }
    let n = chars.len();
    let mut best: Vec<Option<String>> = vec![None; n + 1];
    best[0] = Some(String::new());
    // The furthest position a parse has reached: beyond it nothing can be parsed.
    let mut reach = 0;
    for i in 0..n {
        if i > reach {
            return None;
        }
        let Some(prefix) = best[i].clone() else {
            continue;
        };
        for (name, letter) in table() {
            if chars[i..].starts_with(name) {
                let j = i + name.len();
                let mut cand = prefix.clone();
                cand.push(*letter);
                let better = match &best[j] {
                    None => true,
                    Some(old) => cand.len() < old.len(),
                };
                if better {
                    best[j] = Some(cand);
                }
                reach = reach.max(j);
            }
        }
    }
    best[n].take()
}

/// The Latin letters of a Devanagari token written as a sequence of at least two letter names
/// (सीएसटीओ → `CSTO`, एनडीए → `NDA`, बीजेपी → `BJP`, यूएन → `UN`); `None` for anything else,
/// including ordinary words that happen to parse (बीबी).
pub fn acronym_latin(token: &str) -> Option<String> {
    let t = token.trim();
    if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c.is_ascii()) {
        return None;
    }
    let nfc: String = nfc_chars(t).collect();
    let letters = parse_letters(&nfc)?;
    acronym_of_letters(&nfc, &letters)
}

/// The acronym a token is, given the letters it parsed to ([`parse_letters`]): at least two
/// of them, and not an everyday word. `token` has no spaces and no ASCII characters.
pub(super) fn acronym_of_letters(token: &str, letters: &str) -> Option<String> {
    if NOT_ACRONYMS.iter().any(|w| w.nfc().eq(nfc_chars(token))) {
        return None;
    }
    (letters.chars().count() >= 2 && letters.len() <= 8).then(|| letters.to_string())
}

/// The one letter that parsed letters are, if they are one.
pub(super) fn single_letter(letters: &str) -> Option<char> {
    let mut it = letters.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// One Latin letter written as its Devanagari letter name, if the token is exactly one
/// (आर → `R`). For initials in names such as "आर गुरबाज़".
pub fn letter_name(token: &str) -> Option<char> {
    single_letter(&parse_letters(token.trim())?)
}

/// A Latin acronym written with Devanagari letter names (`CSTO` → सीएसटीओ); `None` unless the
/// input is 1 to 8 ASCII letters.
pub fn acronym_devanagari(latin: &str) -> Option<String> {
    let t = latin.trim();
    if t.is_empty() || t.len() > 8 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::new();
    for c in t.chars() {
        let up = c.to_ascii_uppercase();
        let (_, names) = LETTERS.iter().find(|(l, _)| *l == up)?;
        out.push_str(names.first()?);
    }
    Some(out.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_names_to_latin() {
        let table = [
            ("सीएसटीओ", Some("CSTO")),
            ("एनडीए", Some("NDA")),
            ("बीजेपी", Some("BJP")),
            ("यूएन", Some("UN")),
            ("डब्ल्यूएचओ", Some("WHO")),
            ("आईएमएफ", Some("IMF")),
            ("एक्सवाईज़ेड", Some("XYZ")),
            ("पुतिन", None),
            ("रूस", None),
            ("बीबी", None),
            ("सी", None),
            ("", None),
            ("CSTO", None),
        ];
        for (hi, want) in table {
            assert_eq!(acronym_latin(hi).as_deref(), want, "{hi}");
        }
    }

    #[test]
    fn latin_to_letter_names_and_back() {
        for acr in ["CSTO", "NDA", "BJP", "UN", "WHO", "IMF", "XYZ", "QAR"] {
            let hi = acronym_devanagari(acr).unwrap();
            assert_eq!(acronym_latin(&hi).as_deref(), Some(acr), "{acr} → {hi}");
        }
        assert_eq!(acronym_devanagari("csto").as_deref(), Some("सीएसटीओ"));
        assert_eq!(acronym_devanagari("C-STO"), None);
    }

    #[test]
    fn single_letter_names() {
        assert_eq!(letter_name("आर"), Some('R'));
        assert_eq!(letter_name("एस"), Some('S'));
        assert_eq!(letter_name("रूस"), None);
    }
}
