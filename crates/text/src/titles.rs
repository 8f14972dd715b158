//! Titles, ranks and honorifics written before a name, one typed table per language
//! (`data/lang/hi/titles.tsv`, `data/lang/en/titles.tsv`, compiled by `build.rs` into
//! [`crate::hi::TITLES`] and [`crate::en::TITLES`]).
//!
//! Each row says what the title is ([`TitleKind`]), which readers take it ([`Use`]) and the
//! English role words of the knowledge-base entries it fits. The readers: the knowledge base's
//! title fit (rows with roles), the entity linker (cues, loose titles, honorifics only people
//! bear, the last words of titles), the Hindi NER features, the English NER rules and the quote
//! reader. [`words`] lists the titles of one use from both tables, made once.

/// What a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleKind {
    /// A form of address: `Mr.`, `Dr.`, `श्री`, `जी`.
    Honorific,
    /// A military or police rank: `General`, `लेफ्टिनेंट-जनरल`.
    Rank,
    /// A post: `president`, `प्रधानमंत्री`, `डीएम`, `spokesman`.
    Office,
    /// A ruler or a member of a ruling house: `king`, `राजा`.
    Royal,
    /// A religious title: `pope`, `स्वामी`.
    Religious,
    /// A job or calling: `actor`, `पत्रकार`.
    Occupation,
}

/// A reader of the titles tables (the `uses` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Use {
    /// The entity linker: a run of name-like words after the title is a person.
    Cue = 1,
    /// The entity linker: no part of a name written after it, but too loose to make the words
    /// after it a name.
    Loose = 2,
    /// The Hindi NER model's title feature class (fixed by the trained model).
    Ner = 4,
    /// The English NER rules: a capitalised run after it is a person.
    Rule = 8,
    /// Only people bear it: a name after it is a person, never a place or a body.
    Personal = 16,
    /// The quote reader's abbreviated English titles before a name (`Rep. Steve Israel`).
    Quote = 32,
}

impl Use {
    /// Every use, in the order of their bits.
    pub const ALL: [Use; 6] = [
        Use::Cue,
        Use::Loose,
        Use::Ner,
        Use::Rule,
        Use::Personal,
        Use::Quote,
    ];
}

/// One row of a titles table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    /// The title as written before a name: lower case, Hindi folded ([`crate::fold_word`]);
    /// several words or a hyphenated rank are one title (`उप रक्षा मंत्री`, `कर्नल-जनरल`).
    pub title: &'static str,
    pub kind: TitleKind,
    /// The [`Use`]s, as bits.
    pub uses: u8,
    /// English role words of the knowledge-base entries the title fits (`विदेश मंत्री` →
    /// `secretary of state`, …); empty for a title the knowledge base knows no role for.
    pub roles: &'static [&'static str],
}

impl Title {
    /// Whether a reader takes this title.
    pub fn has(&self, use_: Use) -> bool {
        self.uses & use_ as u8 != 0
    }
}

/// Every title of both languages, Hindi first.
pub fn all() -> impl Iterator<Item = &'static Title> {
    crate::hi::TITLES.iter().chain(crate::en::TITLES)
}

/// The titles of one use from both tables (Hindi first), as written in the tables; made once.
/// A reader that keyed a word list by exact lower-case words calls `words(use).contains(&w)`.
pub fn words(use_: Use) -> &'static [&'static str] {
    static LISTS: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        Use::ALL
            .iter()
            .map(|&u| all().filter(|t| t.has(u)).map(|t| t.title).collect())
            .collect()
    });
    let i = Use::ALL.iter().position(|&u| u == use_).unwrap_or(0);
    lists.get(i).map(Vec::as_slice).unwrap_or(&[])
}

/// Whether `word` (in lower case, without a final full stop) is a title of this use:
/// [`words`]`(use_).contains(&word)`.
pub fn is(word: &str, use_: Use) -> bool {
    words(use_).contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold_word, search_key};
    use std::collections::HashSet;

    #[test]
    fn rows_are_folded_and_distinct_by_every_key_their_readers_use() {
        for table in [crate::hi::TITLES, crate::en::TITLES] {
            let mut folded = HashSet::new();
            // the knowledge base keys titles by search key with separators as one space
            let mut spaced = HashSet::new();
            for t in table {
                assert_eq!(fold_word(t.title), t.title, "{:?} is not folded", t.title);
                assert!(folded.insert(t.title), "{:?} is listed twice", t.title);
                let key = search_key(t.title).replace(['-', '‐'], " ");
                assert!(spaced.insert(key), "{:?} keys like another row", t.title);
                assert!(
                    t.uses != 0 || !t.roles.is_empty(),
                    "{:?} has no reader",
                    t.title
                );
            }
        }
        // each use's titles are distinct by the search key the linker and NER read them with
        for u in Use::ALL {
            let mut keys = HashSet::new();
            for w in words(u) {
                assert!(
                    keys.insert(search_key(w)),
                    "{w:?} ({u:?}) keys like another"
                );
            }
        }
    }

    #[test]
    fn the_tables_say_what_each_title_is_and_who_reads_it() {
        let find = |w: &str| all().find(|t| t.title == w).copied();
        let shri = find("श्री").expect("श्री");
        assert_eq!(shri.kind, TitleKind::Honorific);
        assert!(shri.has(Use::Personal) && shri.has(Use::Cue) && !shri.has(Use::Rule));
        let fm = find("विदेश मंत्री").expect("विदेश मंत्री");
        assert!(fm.roles.contains(&"secretary of state"));
        assert_eq!(find("लेफ्टिनेंट-जनरल").map(|t| t.kind), Some(TitleKind::Rank));
        assert!(is("mr", Use::Quote) && is("rev", Use::Quote) && !is("rev", Use::Rule));
        assert!(is("president", Use::Rule) && !is("president", Use::Personal));
        assert!(!is("Mr", Use::Quote), "the lists are in lower case");
    }
}
