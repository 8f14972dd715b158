//! Devanagari names as an English reader expects them spelt: each word from the romanisation
//! lexicon (`data/lang/hi/romanized.tsv`, generated from Dakshina; hand-written exceptions in
//! `romanized-overrides.tsv`) when it lists the word, else by the rule [`transliterate`]; then
//! capitalised as a name (initials and acronyms written as letter names in capitals: `डीके सिंह` →
//! `DK Singh`), English function words (`of`, `and`, `for`, `the`) kept lowercase
//! inside it (`इंडियन इंस्टीट्यूट ऑफ एडवांस स्टडीज` → `Indian Institute of Advance Studies`).

use super::{acronym_latin, letter_name, transliterate};
use std::collections::HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../../../data/lang/hi/romanized.tsv");
const OVERRIDES: &str = include_str!("../../../../data/lang/hi/romanized-overrides.tsv");

/// Words of a name that stay lowercase after its first word.
const LOWER: &[&str] = &["of", "and", "for", "the"];

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        // Overrides last, so that they win.
        for text in [LEXICON, OVERRIDES] {
            for line in text.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                if let Some((deva, latin)) = line.split_once('\t') {
                    t.insert(deva.trim(), latin.trim());
                }
            }
        }
        t
    })
}

/// The Latin spelling of one Devanagari word, lowercase: the lexicon's, else the rules'.
pub fn romanize_word(word: &str) -> String {
    match table().get(word) {
        Some(latin) => (*latin).to_string(),
        None => transliterate(word),
    }
}

/// A Devanagari (or mixed) name as a display name in Latin letters: words split at spaces and
/// hyphens, each romanised ([`romanize_word`]; Latin words kept as written) and capitalised,
/// English function words after the first word kept lowercase.
pub fn romanize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    let mut first = true;
    for (i, part) in name.split_inclusive([' ', '-']).enumerate() {
        let (word, sep) = match part.char_indices().last() {
            Some((j, c)) if c == ' ' || c == '-' => (&part[..j], &part[j..]),
            _ => (part, ""),
        };
        let devanagari = word.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
        // Initials and acronyms written as letter names (डीके सिंह, दिल्ली-एनसीआर) are capitals.
        let letters = devanagari
            .then(|| acronym_latin(word).or_else(|| letter_name(word).map(String::from)))
            .flatten();
        if let Some(letters) = letters {
            out.push_str(&letters);
            out.push_str(sep);
            first = false;
            continue;
        }
        let latin = if devanagari {
            romanize_word(word)
        } else {
            word.to_string()
        };
        if !first && LOWER.contains(&latin.as_str()) {
            out.push_str(&latin);
        } else {
            let mut chars = latin.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
        if !word.is_empty() || i > 0 {
            first = false;
        }
        out.push_str(sep);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loanwords_read_as_the_english_words_they_spell() {
        assert_eq!(
            romanize_name("इंडियन इंस्टीट्यूट ऑफ एडवांस स्टडीज"),
            "Indian Institute of Advance Studies"
        );
        assert_eq!(romanize_name("प्रणव सिंह चैंपियन"), "Pranav Singh Champion");
    }

    #[test]
    fn words_the_lexicon_lacks_keep_the_rules() {
        // Not in the lexicon: the rule reading, capitalised.
        assert_eq!(romanize_name("टोकायेव"), "Tokayev");
        assert_eq!(
            romanize_name("पुतिन-समर्थक"),
            format!("Putin-{}", {
                let w = romanize_word("समर्थक");
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
        );
    }

    #[test]
    fn initials_and_acronyms_are_capitals() {
        assert_eq!(romanize_name("डीके सिंह"), "DK Singh");
        assert_eq!(romanize_name("दिल्ली-एनसीआर"), "Delhi-NCR");
        assert_eq!(romanize_name("पी चिदंबरम").split(' ').next(), Some("P"));
    }

    #[test]
    fn a_function_word_first_is_capitalised() {
        assert!(romanize_name("ऑफ").starts_with('O'));
        assert_eq!(romanize_name("CSTO प्रमुख").split(' ').next(), Some("CSTO"));
    }

    #[test]
    fn every_lexicon_row_is_a_devanagari_word_and_lowercase_latin() {
        for text in [LEXICON, OVERRIDES] {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let (deva, latin) = line.split_once('\t').expect("two columns");
                assert!(
                    deva.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c)
                        || c == '\u{200D}'
                        || c == '\u{200C}'),
                    "{line}"
                );
                assert!(
                    !latin.is_empty() && latin.bytes().all(|b| b.is_ascii_lowercase()),
                    "{line}"
                );
            }
        }
    }
}
