//! English mentions by rule: runs of capitalised words (joined by `of`, `the`, `and`, `for`,
//! `&` inside a name), the sentence's first word only when it is not a common word, then a kind
//! from cue words (Ministry, Party, Bank … for organisations; River, City, Province … for
//! places), titles before the run (a person), prepositions of place before it (a place), all
//! capitals (an organisation's acronym), and the gazetteer when one is given. A run nothing
//! classifies is a person when it has two or three words, else `Other`.
//!
//! The word lists are data (`data/lang/en/`): the titles table's `rule` rows (`titles.tsv`),
//! `org-cues.txt`, `place-cues.txt`, `place-prepositions.txt`, `name-connectors.txt`, and as
//! common words the stopwords with `weekdays.txt`, `months.txt` and `not-names.txt`.

use super::features::Gazetteer;
use super::Tag;
use khabar_model::EntityKind;
use khabar_text::en;
use khabar_text::titles::{self, Use};

fn lower(w: &str) -> String {
    w.trim_end_matches('.').to_lowercase()
}

/// [`lower`] without a copy when the word is ASCII with no capital and no final dot (most
/// words of a sentence): the same string.
fn lower_cow(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() && !w.ends_with('.') && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(lower(w))
    }
}

/// The word lists as sets, built once (the lists are scanned for every word of every English
/// sentence otherwise).
struct Sets {
    titles: Set,
    org_cues: Set,
    place_cues: Set,
    place_preps: Set,
    connectors: Set,
    /// The English stopwords, weekdays, months and words that are never names
    /// ([`common_lists`]).
    common: Set,
}

type Set = rustc_hash::FxHashSet<&'static str>;

/// The lists of words that are never a name's word, though capitalised: the stopwords,
/// weekdays, months and `not-names.txt` (`I`, `While`).
fn common_lists() -> [&'static [&'static str]; 4] {
    [en::STOPWORDS, en::WEEKDAYS, en::MONTHS, en::NOT_NAMES]
}

fn sets() -> &'static Sets {
    static SETS: std::sync::OnceLock<Sets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let set = |l: &[&'static str]| l.iter().copied().collect::<Set>();
        Sets {
            titles: set(titles::words(Use::Rule)),
            org_cues: set(en::ORG_CUES),
            place_cues: set(en::PLACE_CUES),
            place_preps: set(en::PLACE_PREPOSITIONS),
            connectors: set(en::NAME_CONNECTORS),
            common: common_lists().into_iter().flatten().copied().collect(),
        }
    })
}

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some(c) if c.is_uppercase())
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
fn is_common(w: &str) -> bool {
    let l = lower(w);
    common_lists().iter().any(|list| list.contains(&l.as_str()))
}

/// Tags English tokens (words and punctuation) with BIO over the kinds.
pub fn tag(tokens: &[&str]) -> Vec<Tag> {
    tag_with(tokens, None)
}

/// [`tag`] with a gazetteer consulted on each run's text (its kind wins over cue words).
pub fn tag_with(tokens: &[&str], gaz: Option<Gazetteer>) -> Vec<Tag> {
    let n = tokens.len();
    let mut out = vec![Tag::O; n];
    let sets = sets();
    // Each token lowered once; `common[i]`: a stopword or a word that is no name.
    let lows: Vec<std::borrow::Cow<str>> = tokens.iter().map(|w| lower_cow(w)).collect();
    let common: Vec<bool> = lows.iter().map(|l| sets.common.contains(&**l)).collect();
    // The first word of a sentence (after opening punctuation) is capitalised anyway.
    let first_word = tokens
        .iter()
        .position(|t| t.chars().any(char::is_alphanumeric))
        .unwrap_or(0);
    let mut i = 0;
    while i < n {
        let w = tokens[i];
        let title = sets.titles.contains(&*lows[i]);
        if !is_cap(w) || common[i] || (title && i + 1 < n && is_cap(tokens[i + 1])) {
            i += 1;
            continue;
        }
        // Extend the run.
        let start = i;
        let mut end = i + 1;
        loop {
            if end < n && is_cap(tokens[end]) && !common[end] {
                end += 1;
            } else if end + 1 < n
                && sets.connectors.contains(&*lows[end])
                && is_cap(tokens[end + 1])
                && !common[end + 1]
            {
                end += 2;
            } else if end + 1 < n
                && tokens[end] == "."
                && is_cap(tokens[end + 1])
                && tokens[end - 1].chars().count() == 1
            {
                // Initials: "J. K. Rowling" (the tokenizer keeps "J.K." as one word).
                end += 2;
            } else {
                break;
            }
        }
        i = end;
        // "Finance Minister Nirmala Sitharaman": the name is what follows the last title.
        let mut start = start;
        let mut after_title = false;
        if let Some(j) = (start..end - 1)
            .rev()
            .find(|&j| sets.titles.contains(&*lows[j]))
        {
            start = j + 1;
            after_title = true;
        }
        // "Clinton and Obama", "Long and Bosma": two names, unless the whole run is one
        // (an organisation's cue word or a gazetteer name: "Bosnia and Herzegovina")
        if let Some(k) = (start + 1..end).find(|&k| lower(tokens[k]) == "and") {
            let whole = tokens[start..end].join(" ");
            let one_name = gaz.and_then(|g| g(&whole)).is_some()
                || tokens[start..end]
                    .iter()
                    .any(|w| sets.org_cues.contains(lower(w).as_str()));
            if !one_name {
                end = k;
                i = k + 1;
            }
        }
        let words = &tokens[start..end];
        let lowered = &lows[start..end];
        let first_l = &*lowered[0];
        let last_l = &*lowered[lowered.len() - 1];
        let prev = start.checked_sub(1).map(|p| &*lows[p]);
        let prev_title = after_title || prev.is_some_and(|p| sets.titles.contains(p));
        let has = |list: &Set| lowered.iter().any(|w| list.contains(&**w));
        let at_start = start == first_word;
        if at_start && words.len() == 1 && !prev_title {
            // A lone capitalised first word: a name only when it looks like one.
            let next_cap = tokens.get(end).is_some_and(|t| is_cap(t));
            if !is_acronym(words[0]) && !next_cap && gaz.and_then(|g| g(words[0])).is_none() {
                continue;
            }
        }
        let text = words.join(" ");
        let kind = if let Some(k) = gaz.and_then(|g| g(&text)) {
            k
        } else if !after_title && has(&sets.org_cues) {
            EntityKind::Organisation
        } else if !after_title
            && (sets.place_cues.contains(last_l) || sets.place_cues.contains(first_l))
        {
            EntityKind::Place
        } else if prev_title {
            EntityKind::Person
        } else if words.len() == 1 && is_acronym(words[0]) {
            EntityKind::Organisation
        } else if prev.is_some_and(|p| sets.place_preps.contains(p)) {
            EntityKind::Place
        } else if (2..=3).contains(
            // `Mark D. Sheridan`: the initial's full stop is no word
            &words
                .iter()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count(),
        ) {
            EntityKind::Person
        } else {
            EntityKind::Other
        };
        out[start] = Tag::B(kind);
        for t in out.iter_mut().take(end).skip(start + 1) {
            *t = Tag::I(kind);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(s: &str) -> Vec<(String, EntityKind)> {
        let toks = super::super::tokenize(s);
        let words: Vec<&str> = toks.iter().map(|t| t.1).collect();
        let tags = tag(&words);
        super::super::chunks(&tags)
            .into_iter()
            .map(|(a, b, k)| (s[toks[a].0.start..toks[b - 1].0.end].to_string(), k))
            .collect()
    }

    #[test]
    fn kinds_from_cues_and_context() {
        let m = mentions(
            "The Ministry of External Affairs said President Vladimir Putin met officials in Astana on Monday.",
        );
        assert!(m.contains(&(
            "Ministry of External Affairs".into(),
            EntityKind::Organisation
        )));
        assert!(m.contains(&("Vladimir Putin".into(), EntityKind::Person)));
        assert!(m.contains(&("Astana".into(), EntityKind::Place)));
        assert!(!m.iter().any(|x| x.0 == "Monday" || x.0 == "The"));
    }

    #[test]
    fn acronyms_and_sentence_start() {
        let m = mentions("Officials said the CSTO would meet.");
        assert_eq!(m, vec![("CSTO".to_string(), EntityKind::Organisation)]);
    }

    proptest::proptest! {
        /// The sets and the borrowed lower case give what the lists and [`lower`] give.
        #[test]
        fn sets_equal_the_lists(w in "[A-Za-z.ÀÉßİΣǅक]{0,8}|(The|Minister|OF|Of|River|in|Ministry)\\.?") {
            let l = lower(&w);
            proptest::prop_assert_eq!(&*lower_cow(&w), l.as_str());
            proptest::prop_assert_eq!(sets().common.contains(l.as_str()), is_common(&w));
            proptest::prop_assert_eq!(sets().titles.contains(l.as_str()), titles::is(&l, Use::Rule));
            proptest::prop_assert_eq!(sets().connectors.contains(l.as_str()), en::NAME_CONNECTORS.contains(&l.as_str()));
        }
    }

    #[test]
    fn two_names_joined_by_and_are_two() {
        let m =
            mentions("The video was released after Senator Bernie Sanders and Barack Obama met.");
        assert!(m.iter().any(|x| x.0 == "Bernie Sanders"), "{m:?}");
        assert!(m.iter().any(|x| x.0 == "Barack Obama"), "{m:?}");
        let m = mentions("He spoke to the Gay and Lesbian Alliance Against Defamation on Monday.");
        assert!(
            m.iter()
                .any(|x| x.0 == "Gay and Lesbian Alliance Against Defamation"),
            "{m:?}"
        );
    }

    #[test]
    fn gazetteer_wins() {
        let g = |s: &str| (s == "Russia").then_some(EntityKind::Place);
        let toks = ["Russia", "said", "Russia", "won"];
        let tags = tag_with(&toks, Some(&g));
        assert_eq!(tags[0], Tag::B(EntityKind::Place));
        assert_eq!(tags[2], Tag::B(EntityKind::Place));
    }
}
