//! English word lists (written for this project). The lists are data,
//! `data/lang/en/*.txt`, compiled into plain slices by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/lang_en.rs"));

/// Whether `word` is in `list`, ignoring ASCII case.
pub fn contains_ignore_case(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_lowercase_and_distinct() {
        for list in [ABBREVIATIONS, ABBREVIATIONS_BEFORE_NUMBER, STOPWORDS] {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert_eq!(crate::normalize::fold_word(w), *w, "{w:?} is not folded");
                assert!(seen.insert(*w), "{w:?} is listed twice");
            }
        }
    }
}
