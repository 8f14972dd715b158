//! Devanagari → readable Latin, the way names are spelt in English (with schwa deletion).

/// What follows a consonant letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// No sign: the inherent `a` (schwa), which may be dropped.
    Inherent,
    /// Schwa that the deletion rules removed.
    Deleted,
    /// Virama: a cluster, no vowel.
    Virama,
    /// A vowel sign.
    Sign(&'static str),
}

#[derive(Debug, Clone)]
enum Seg {
    /// A consonant: its Devanagari base letter, its Latin spelling and its vowel.
    C {
        base: char,
        latin: &'static str,
        v: Vowel,
    },
    /// An independent vowel.
    V(&'static str),
    /// Anusvara or chandrabindu.
    Nasal,
    /// Visarga.
    Visarga,
    /// Anything that is not a Devanagari letter or sign (ends a word).
    Other(char),
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' => "n",
        'च' => "ch",
        'छ' => "chh",
        'ज' => "j",
        'झ' => "jh",
        'ञ' => "n",
        'ट' => "t",
        'ठ' => "th",
        'ड' => "d",
        'ढ' => "dh",
        'ण' => "n",
        'त' => "t",
        'थ' => "th",
        'द' => "d",
        'ध' => "dh",
        'न' | 'ऩ' => "n",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' | '\u{095F}' => "y",
        'र' | 'ऱ' => "r",
        'ल' | 'ळ' | 'ऴ' => "l",
        'व' => "v",
        'श' | 'ष' => "sh",
        'स' => "s",
        'ह' => "h",
        '\u{0958}' => "q",
        '\u{0959}' => "kh",
        '\u{095A}' => "gh",
        '\u{095B}' => "z",
        '\u{095C}' => "d",
        '\u{095D}' => "dh",
        '\u{095E}' => "f",
        _ => return None,
    })
}

/// The Latin spelling of a consonant followed by a nukta.
fn with_nukta(base: char) -> Option<&'static str> {
    Some(match base {
        'क' => "q",
        'ख' => "kh",
        'ग' => "gh",
        'ज' => "z",
        'झ' => "zh",
        'ड' => "d",
        'ढ' => "dh",
        'फ' => "f",
        _ => return None,
    })
}

fn vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "a",
        'ि' | 'ी' => "i",
        'ु' | 'ू' => "u",
        'ृ' | 'ॄ' => "ri",
        'ॢ' | 'ॣ' => "li",
        'े' | 'ॆ' | 'ॅ' => "e",
        'ै' => "ai",
        'ो' | 'ॊ' | 'ॉ' => "o",
        'ौ' => "au",
        _ => return None,
    })
}

fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' | 'आ' | 'ॲ' => "a",
        'इ' | 'ई' => "i",
        'उ' | 'ऊ' => "u",
        'ऋ' | 'ॠ' => "ri",
        'ऌ' | 'ॡ' => "li",
        'ए' | 'ऎ' | 'ऍ' => "e",
        'ऐ' => "ai",
        'ओ' | 'ऒ' | 'ऑ' => "o",
        'औ' => "au",
        _ => return None,
    })
}

fn digit(c: char) -> Option<char> {
    let d = (c as u32).checked_sub(0x0966)?;
    if d < 10 {
        char::from_digit(d, 10)
    } else {
        None
    }
}

fn parse(text: &str) -> Vec<Seg> {
    let mut segs: Vec<Seg> = Vec::new();
    for c in super::acronym::nfc_chars(text) {
        if let Some(latin) = consonant(c) {
            segs.push(Seg::C {
                base: c,
                latin,
                v: Vowel::Inherent,
            });
        } else if c == '\u{093C}' {
            // nukta
            if let Some(Seg::C { base, latin, .. }) = segs.last_mut() {
                if let Some(n) = with_nukta(*base) {
                    *latin = n;
                }
            }
        } else if c == '\u{094D}' {
            if let Some(Seg::C { v, .. }) = segs.last_mut() {
                *v = Vowel::Virama;
            }
        } else if let Some(s) = vowel_sign(c) {
            match segs.last_mut() {
                Some(Seg::C { v, .. }) if *v == Vowel::Inherent => *v = Vowel::Sign(s),
                _ => segs.push(Seg::V(s)),
            }
        } else if let Some(s) = independent_vowel(c) {
            segs.push(Seg::V(s));
        } else if c == 'ं' || c == 'ँ' {
            segs.push(Seg::Nasal);
        } else if c == 'ः' {
            segs.push(Seg::Visarga);
        } else if c == '\u{200C}' || c == '\u{200D}' || c == 'ऽ' {
            // joiners and avagraha: nothing to read
        } else if let Some(d) = digit(c) {
            segs.push(Seg::Other(d));
        } else {
            segs.push(Seg::Other(c));
        }
    }
    segs
}

fn has_vowel(s: &Seg) -> bool {
    match s {
        Seg::C { v, .. } => matches!(v, Vowel::Inherent | Vowel::Sign(_)),
        Seg::V(_) => true,
        _ => false,
    }
}

fn is_inherent(s: &Seg) -> bool {
    matches!(
        s,
        Seg::C {
            v: Vowel::Inherent,
            ..
        }
    )
}

/// Schwa deletion within one word `segs[start..end]` (no `Other` inside).
fn delete_schwas(segs: &mut [Seg]) {
    let n = segs.len();
    let vowels = segs.iter().filter(|s| has_vowel(s)).count();
    if n == 0 || vowels < 2 {
        return;
    }
    // Word-final schwa: dropped, except after a cluster ending in r, y, v, n (ण), m (नरेंद्र,
    // मिश्र, सूर्य, कृष्ण).
    if is_inherent(&segs[n - 1]) {
        let keep = match (&segs[n - 1], n >= 2) {
            (Seg::C { base, .. }, true) => {
                matches!(
                    segs[n - 2],
                    Seg::C {
                        v: Vowel::Virama,
                        ..
                    }
                ) && matches!(base, 'र' | 'य' | 'व' | 'ण' | 'म')
            }
            _ => false,
        };
        if !keep {
            if let Seg::C { v, .. } = &mut segs[n - 1] {
                *v = Vowel::Deleted;
            }
        }
    }
    // Medial schwa, left to right: V C(a) C V → V C C V; also before an independent vowel.
    for i in 1..n.saturating_sub(1) {
        if !is_inherent(&segs[i]) || !has_vowel(&segs[i - 1]) {
            continue;
        }
        let next = &segs[i + 1];
        let delete = match next {
            Seg::V(_) => true,
            Seg::C { .. } => has_vowel(next),
            _ => false,
        };
        if delete {
            if let Seg::C { v, .. } = &mut segs[i] {
                *v = Vowel::Deleted;
            }
        }
    }
}

fn is_labial(s: Option<&Seg>) -> bool {
    matches!(s, Some(Seg::C { base, .. }) if matches!(base, 'प' | 'फ' | 'ब' | 'भ' | 'म'))
}

/// Devanagari → Latin as names are spelt in English: schwa deletion (पुतिन → `putin`,
/// नरेंद्र → `narendra`), nukta letters (ज़ → `z`, फ़ → `f`, क़ → `q`; ड़, ढ़ → `d`, `dh` as
/// Indian romanisation mostly writes them), anusvara as `n` or `m`.
/// Other characters pass through unchanged. Output is lowercase for the Devanagari part.
pub fn transliterate(text: &str) -> String {
    let mut segs = parse(text);
    // Schwa deletion word by word.
    let mut start = 0;
    for i in 0..=segs.len() {
        if i == segs.len() || matches!(segs[i], Seg::Other(_)) {
            delete_schwas(&mut segs[start..i]);
            start = i + 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, s) in segs.iter().enumerate() {
        match s {
            Seg::C { base, latin, v } => {
                // ज्ञ reads gy.
                if *base == 'ञ' && i > 0 {
                    if let Seg::C {
                        base: 'ज',
                        v: Vowel::Virama,
                        ..
                    } = segs[i - 1]
                    {
                        out.pop();
                        out.push_str("gy");
                    } else {
                        out.push_str(latin);
                    }
                } else {
                    out.push_str(latin);
                }
                match v {
                    Vowel::Inherent => out.push('a'),
                    Vowel::Sign(s) => out.push_str(s),
                    Vowel::Deleted | Vowel::Virama => {}
                }
            }
            Seg::V(s) => out.push_str(s),
            Seg::Nasal => {
                let next = segs.get(i + 1);
                if is_labial(next) {
                    out.push('m');
                } else if matches!(next, Some(Seg::C { base: 'ह', .. })) {
                    out.push_str("ng");
                } else {
                    out.push('n');
                }
            }
            Seg::Visarga => out.push('h'),
            Seg::Other(c) => out.push(*c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_like_english_spelling() {
        let table = [
            ("पुतिन", "putin"),
            ("व्लादिमीर", "vladimir"),
            ("कज़ाख़स्तान", "kazakhastan"),
            ("नरेंद्र", "narendra"),
            ("दिल्ली", "dilli"),
            ("रहमानउल्लाह", "rahmanullah"),
            ("मोहम्मद", "mohammad"),
            ("शाहनवाज़", "shahnavaz"),
            ("अलमाटी", "almati"),
            ("कमला", "kamla"),
            ("मनमोहन", "manmohan"),
            ("टोकायेव", "tokayev"),
            ("सिंह", "singh"),
            ("गुप्त", "gupt"),
            ("मिश्र", "mishra"),
            ("ज्ञान", "gyan"),
            ("इक़बाल", "iqbal"),
            ("क्विंटन", "kvintan"),
            ("हेंड्रिक्स", "hendriks"),
            ("न", "na"),
            ("चंबल", "chambal"),
            ("२०२२ में", "2022 men"),
        ];
        for (hi, en) in table {
            assert_eq!(transliterate(hi), en, "{hi}");
        }
    }

    #[test]
    fn precomposed_and_decomposed_nukta_agree() {
        assert_eq!(transliterate("\u{095B}"), transliterate("ज\u{093C}"));
        assert_eq!(transliterate("फ़ारूक़"), "faruq");
    }

    #[test]
    fn latin_passes_through() {
        assert_eq!(transliterate("CSTO-प्रमुख"), "CSTO-pramukh");
    }
}
