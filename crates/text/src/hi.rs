//! Hindi word lists (written for this project). The lists are data,
//! `data/lang/hi/*.txt`, compiled into plain slices by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/lang_hi.rs"));

/// Whether `word` is in `list`: as written, or by its [`crate::fold_word`] (the lists hold
/// folded spellings only, so `यहाँ` finds `यहां` and `फ़र` finds `फर`).
pub fn contains(list: &[&str], word: &str) -> bool {
    if list.contains(&word) {
        return true;
    }
    let key = crate::normalize::fold_word(word);
    key != word && list.contains(&key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: [&[&str]; 4] = [
        ABBREVIATIONS,
        LATIN_LETTER_NAMES,
        SHORT_SENTENCE_ENDINGS,
        STOPWORDS,
    ];

    #[test]
    fn entries_are_folded_and_distinct() {
        for list in LISTS {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert_eq!(crate::normalize::fold_word(w), *w, "{w:?} is not folded");
                assert!(seen.insert(*w), "{w:?} is listed twice");
            }
        }
    }

    #[test]
    fn spelling_variants_are_found_by_their_fold() {
        assert!(contains(STOPWORDS, "यहाँ"));
        assert!(contains(STOPWORDS, "यहां"));
        assert!(contains(ABBREVIATIONS, "फ़र"));
        assert!(contains(LATIN_LETTER_NAMES, "ज़ेड"));
        assert!(!contains(STOPWORDS, "भारत"));
    }

    #[test]
    fn lists_are_normalized() {
        for list in [
            ABBREVIATIONS,
            LATIN_LETTER_NAMES,
            SHORT_SENTENCE_ENDINGS,
            STOPWORDS,
        ] {
            for w in list {
                assert_eq!(
                    crate::normalize::normalize(w),
                    *w,
                    "{w:?} is not in normal form"
                );
            }
        }
    }
}
