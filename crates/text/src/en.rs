//! English word lists (written for this project). The lists are data,
//! `data/lang/en/*.txt`, compiled into plain slices by `build.rs`; the titles table
//! (`titles.tsv`) into [`TITLES`] (see [`crate::titles`]).

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
        assert!(LISTS.len() >= 3);
        for (name, list) in LISTS {
            let mut seen = std::collections::HashSet::new();
            let mut keys = std::collections::HashSet::new();
            for w in *list {
                assert_eq!(
                    crate::normalize::fold_word(w),
                    *w,
                    "{name}: {w:?} is not folded"
                );
                assert!(seen.insert(*w), "{name}: {w:?} is listed twice");
                assert!(
                    keys.insert(crate::normalize::search_key(w)),
                    "{name}: {w:?} keys like another"
                );
            }
        }
    }

    #[test]
    fn the_lists_of_one_reader_do_not_overlap() {
        // the English NER rules' common words and the linker's everyday words are unions of
        // these files: an entry in two of them would be one list's business twice
        for group in [
            &[WEEKDAYS, MONTHS, NOT_NAMES][..],
            &[WEEKDAYS, MONTHS, WEEKDAY_MONTH_ABBREVIATIONS, PAGE_WORDS][..],
        ] {
            let mut seen = std::collections::HashSet::new();
            for w in group.iter().flat_map(|l| l.iter()) {
                assert!(seen.insert(*w), "{w:?} is in two lists of one reader");
            }
        }
    }
}
