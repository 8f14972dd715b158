//! The word lists the linker reads (data files under `data/lang/{hi,en}/`, compiled into
//! [`khabar_text::hi`] and [`khabar_text::en`]; titles from [`khabar_text::titles`]), keyed as
//! the linker looks them up.

use super::*;

/// A function returning the words of word lists by [`search_key`], made once.
macro_rules! keyed_set {
    ($(#[$doc:meta])* $name:ident: [$($list:expr),+]) => {
        $(#[$doc])*
        pub(super) fn $name() -> &'static HashSet<String> {
            static KEYS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
            KEYS.get_or_init(|| keyed(&[$($list),+]))
        }
    };
}

keyed_set! {
    /// Head words of a body's name, by search key: a place right before one is part of that name,
    /// not the place (`भारतीय मजदूर संघ`, `George Washington Bridge`; `data/lang/{hi,en}/body-heads.txt`).
    body_heads: [hi::BODY_HEADS, en::BODY_HEADS]
}

keyed_set! {
    /// Compass words, by search key: a weak entry named by them alone (`उत्तर-पश्चिम`,
    /// "north-west") is a direction in prose, not the subdivision (`data/lang/{hi,en}/compass.txt`).
    compass: [hi::COMPASS, en::COMPASS]
}

keyed_set! {
    /// Offices and units bound to a place, by search key: one name word after one is the place
    /// (`एसडीएम गोला`, `थाना सैफई`; `data/lang/hi/place-offices.txt`).
    place_offices: [hi::PLACE_OFFICES]
}

keyed_set! {
    /// Words ending or heading a place's name, by search key (`जिले`, `नगर`; `data/lang/hi/place-cues.txt`).
    place_cues: [hi::PLACE_CUES]
}

keyed_set! {
    /// Words that modify a common noun right before it, by search key (`वाली`, `इस`, `एक`;
    /// `data/lang/hi/noun-modifiers.txt`).
    noun_modifiers: [hi::NOUN_MODIFIERS]
}

keyed_set! {
    /// Words heading an organisation's name before `for`/`of`/`on`, by search key (`Center for
    /// Immigration Studies`; `data/lang/en/org-heads.txt`).
    org_heads: [en::ORG_HEADS]
}

/// The lists' words by [`search_key`].
pub(super) fn keyed(lists: &[&[&str]]) -> HashSet<String> {
    lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|w| search_key(w))
        .collect()
}

/// Everyday words that gazetteers also list as names (`सोमवार` is a district's name in one of
/// them, `शहर` an alias of a city): never a one-word knowledge-base match, never a one-word NER
/// guess. Weekdays, months, everyday nouns and adjectives, and the words of a page's furniture.
pub(super) const EVERYDAY_WORDS: [&[&str]; 7] = [
    hi::WEEKDAYS,
    hi::MONTHS,
    hi::EVERYDAY_WORDS,
    en::WEEKDAYS,
    en::MONTHS,
    en::WEEKDAY_MONTH_ABBREVIATIONS,
    en::PAGE_WORDS,
];

pub(super) const NOT_PERSON_HEADS: &str =
    include_str!("../../../../data/lang/en/not-person-heads.tsv");

/// [`NOT_PERSON_HEADS`] parsed: `word<TAB>kind` rows after the header, comments skipped.
pub(super) fn not_person_heads() -> HashMap<String, EntityKind> {
    NOT_PERSON_HEADS
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(w, k)| Some((search_key(w.trim()), EntityKind::parse(k)?)))
        .collect()
}

/// Whether a title before a name is one only people bear (`Mr.`, `Sen.`, `श्रीमती`: the titles
/// tables' `personal` rows).
pub(super) fn personal_title(title: &str) -> bool {
    let key = title
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    title_table::is(&key, Use::Personal)
}
