//! Acronyms spelled out in Devanagari letter names (`सीएसटीओ` = C S T O).

/// Devanagari spellings of the English letter names, longest first within a letter.
const LETTERS: &[(&str, char)] = &[
    ("डब्ल्यू", 'W'),
    ("डबल्यू", 'W'),
    ("डब्लू", 'W'),
    ("एक्स", 'X'),
    ("क्यू", 'Q'),
    ("ज़ेड", 'Z'),
    ("जेड", 'Z'),
    ("ज़ेट", 'Z'),
    ("वाई", 'Y'),
    ("आई", 'I'),
    ("एफ़", 'F'),
    ("एफ", 'F'),
    ("एच", 'H'),
    ("एल", 'L'),
    ("एम", 'M'),
    ("एन", 'N'),
    ("एस", 'S'),
    ("आर", 'R'),
    ("बी", 'B'),
    ("सी", 'C'),
    ("डी", 'D'),
    ("जी", 'G'),
    ("जे", 'J'),
    ("के", 'K'),
    ("पी", 'P'),
    ("टी", 'T'),
    ("यू", 'U'),
    ("वी", 'V'),
    ("ए", 'A'),
    ("ई", 'E'),
    ("ओ", 'O'),
];

/// The Latin letters of an acronym written as Devanagari letter names (`सीएसटीओ` → `CSTO`,
/// `एनएटीओ` → `NATO`), or `None` when the text is not entirely letter names. Spaces, dots and
/// hyphens between letters are allowed. At least two letters are required.
pub fn devanagari_to_latin(text: &str) -> Option<String> {
    // Every letter name is Devanagari: a text with any other character (most words met, Latin
    // ones all) is no acronym, found without trying each letter name at each place.
    if !text.chars().all(|c| {
        ('\u{0900}'..='\u{097F}').contains(&c)
            || matches!(c, ' ' | '.' | '-' | '॰' | '\u{200C}' | '\u{200D}')
    }) {
        return None;
    }
    let t: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '॰' | '\u{200C}' | '\u{200D}'))
        .collect();
    let mut rest = t.as_str();
    let mut out = String::new();
    while !rest.is_empty() {
        let (name, letter) = LETTERS.iter().find(|(n, _)| rest.starts_with(n))?;
        // A letter name must not be cut inside a syllable: the next char may not be a vowel
        // sign, virama or nukta that belongs to the matched text.
        let after = &rest[name.len()..];
        if let Some(c) = after.chars().next() {
            if is_dependent(c) {
                return None;
            }
        }
        out.push(*letter);
        rest = after;
    }
    (out.len() >= 2).then_some(out)
}

fn is_dependent(c: char) -> bool {
    matches!(c, '\u{093A}'..='\u{094F}' | '\u{0900}'..='\u{0903}' | '\u{0955}'..='\u{0957}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_names() {
        assert_eq!(devanagari_to_latin("सीएसटीओ").as_deref(), Some("CSTO"));
        assert_eq!(devanagari_to_latin("पीटीआई").as_deref(), Some("PTI"));
        assert_eq!(devanagari_to_latin("एएनआई").as_deref(), Some("ANI"));
        assert_eq!(devanagari_to_latin("आईएएनएस").as_deref(), Some("IANS"));
        assert_eq!(devanagari_to_latin("डब्ल्यूएचओ").as_deref(), Some("WHO"));
        assert_eq!(devanagari_to_latin("बी.जे.पी.").as_deref(), Some("BJP"));
        assert_eq!(devanagari_to_latin("एससीओ").as_deref(), Some("SCO"));
    }

    #[test]
    fn other_scripts_are_no_acronym() {
        for t in [
            "Trump",
            "सीTO",
            "CSTO",
            "सी-एस टी.ओ x",
            "१२",
            "",
            "सीएसटीओ🙂",
        ] {
            assert_eq!(devanagari_to_latin(t), None, "{t}");
        }
        assert_eq!(devanagari_to_latin("सी-एस टी.ओ").as_deref(), Some("CSTO"));
    }

    #[test]
    fn ordinary_words_are_not_acronyms() {
        assert_eq!(devanagari_to_latin("भाजपा"), None);
        assert_eq!(devanagari_to_latin("रूस"), None);
        assert_eq!(devanagari_to_latin("सी"), None);
        assert_eq!(devanagari_to_latin("नाटो"), None);
        assert_eq!(devanagari_to_latin(""), None);
    }
}
