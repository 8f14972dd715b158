//! Hindi word lists (written for this project). The lists are data,
//! `data/lang/hi/*.txt`, compiled into plain slices by `build.rs`; the titles table
//! (`titles.tsv`) into [`TITLES`] (see [`crate::titles`]).

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

/// Whether `word` ends with one of the endings in `list`: as written, or by its
/// [`crate::fold_word`] (the list holds folded endings, so `ाएँ` finds `ाएं`).
pub fn ends_with_any(list: &[&str], word: &str) -> bool {
    if list.iter().any(|e| word.ends_with(e)) {
        return true;
    }
    let key = crate::normalize::fold_word_cow(word);
    key != word && list.iter().any(|e| key.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold_word, normalize, search_key};

    /// Lists their readers key by [`search_key`], which folds further than [`fold_word`].
    const BY_SEARCH_KEY: &[&str] = &[
        "body-heads",
        "compass",
        "everyday-words",
        "months",
        "not-names",
        "org-cues",
        "place-cues",
        "postpositions",
        "weekdays",
    ];

    #[test]
    fn entries_are_folded_and_distinct() {
        assert!(LISTS.len() >= 4);
        for (name, list) in LISTS {
            let mut seen = std::collections::HashSet::new();
            let mut keys = std::collections::HashSet::new();
            for w in *list {
                assert_eq!(fold_word(w), *w, "{name}: {w:?} is not folded");
                assert!(seen.insert(*w), "{name}: {w:?} is listed twice");
                if BY_SEARCH_KEY.contains(name) {
                    assert!(
                        keys.insert(search_key(w)),
                        "{name}: {w:?} keys like another"
                    );
                }
            }
        }
        for name in BY_SEARCH_KEY {
            assert!(LISTS.iter().any(|(n, _)| n == name), "no list {name}");
        }
    }

    #[test]
    fn spelling_variants_are_found_by_their_fold() {
        assert!(contains(STOPWORDS, "यहाँ"));
        assert!(contains(STOPWORDS, "यहां"));
        assert!(contains(ABBREVIATIONS, "फ़र"));
        assert!(contains(LATIN_LETTER_NAMES, "ज़ेड"));
        assert!(!contains(STOPWORDS, "भारत"));
        assert!(ends_with_any(NOT_NAME_ENDINGS, "जाएँ"));
        assert!(ends_with_any(NOT_NAME_ENDINGS, "जाएं"));
        assert!(ends_with_any(NOT_NAME_ENDINGS, "लोगों"));
        assert!(!ends_with_any(NOT_NAME_ENDINGS, "मोदी"));
    }

    #[test]
    fn lists_are_normalized() {
        for (name, list) in LISTS {
            for w in *list {
                assert_eq!(normalize(w), *w, "{name}: {w:?} is not in normal form");
            }
        }
    }

    proptest::proptest! {
        /// Matching the folded endings finds what the written ending finds, and the ending of
        /// every spelling that folds to it.
        #[test]
        fn endings_match_by_fold(stem in "[कखगचजटडतदनपबमयरलवसह]{1,4}", end in "(ों|ओं|ेंगे|ेगा|ेगी|ाएं|ाएँ|ियों|ी|ा)") {
            let w = format!("{stem}{end}");
            let by_list = NOT_NAME_ENDINGS.iter().any(|e| fold_word(&end) == *e);
            proptest::prop_assert_eq!(ends_with_any(NOT_NAME_ENDINGS, &w), by_list);
        }
    }
}
