//! English word lists (written for this project). Plain slices; other modules may add lists here.

/// Abbreviations written with a full stop (listed lowercase, without it) after which a sentence
/// does not end: `Mr.`, `Dr.`, `Rs.`, `Jan.`, `etc.` (followed by a lowercase word).
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "rs", "re", "inc", "ltd", "co",
    "corp", "bros", "gen", "col", "lt", "maj", "capt", "cmdr", "sgt", "adm", "gov", "govt", "hon",
    "rev", "sen", "rep", "pres", "supt", "insp", "dept", "est", "approx", "vs", "viz", "cf", "al",
    "ie", "eg", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "smt", "sh", "shri",
    "km", "kg", "mln", "bn", "cr", "adv", "er", "pvt", "ft", "ave", "blvd", "rd",
];

/// Abbreviations that take a full stop only before a number (`No. 5`, `Vol. 2`, `p. 14`).
pub const ABBREVIATIONS_BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "p", "pp", "art", "fig", "sec", "ch", "para", "op", "ref", "ed",
];

/// Common English function words.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you",
    "i", "his", "her", "their", "our", "your", "my", "him", "them", "us", "me", "not", "no", "so",
    "than", "then", "there", "here", "who", "whom", "which", "what", "when", "where", "why", "how",
    "will", "would", "can", "could", "should", "may", "might", "must", "shall", "also", "about",
    "into", "over", "after", "before", "said", "says", "up", "out", "more", "most", "some", "all",
];

/// Whether `word` is in `list`, ignoring ASCII case.
pub fn contains_ignore_case(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}
