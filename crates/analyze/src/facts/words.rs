//! The fact extractors' function words and pronouns, per language, as data:
//! `data/lang/{hi,en}/fact-words.tsv` (`class <TAB> word`: auxiliaries, case markers,
//! prepositions, time and circumstance words, negations, age words, …; the file's header says
//! what each class is for) and `data/lang/{hi,en}/pronouns.tsv` (`word <TAB> person <TAB> number
//! <TAB> case`, English also `<TAB> sex`). Parsed once; every word is stored folded
//! ([`khabar_text::fold_word`]) and matched on the folded tokens of the article.

use super::lexicon::rows;
use khabar_text::fold_word as fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const FACT_WORDS: [(Lang, &str); 2] = [
    (
        Lang::Hi,
        include_str!("../../../../data/lang/hi/fact-words.tsv"),
    ),
    (
        Lang::En,
        include_str!("../../../../data/lang/en/fact-words.tsv"),
    ),
];
const PRONOUNS: [(Lang, &str, usize); 2] = [
    (
        Lang::Hi,
        include_str!("../../../../data/lang/hi/pronouns.tsv"),
        4,
    ),
    (
        Lang::En,
        include_str!("../../../../data/lang/en/pronouns.tsv"),
        5,
    ),
];

/// The language of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Lang {
    Hi,
    En,
}

/// A pronoun's grammatical case, as far as the extractors read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// `मैं`, `he`.
    Subject,
    /// `उन्होंने`: the doer of a past transitive verb (a speaker, an actor).
    Ergative,
    /// `उन्हों` of `उन्हों ने`, written apart from ने.
    ErgativeStem,
    /// `उनका`: the owner (`उनका कहना है`: the speaker).
    Genitive,
}

/// The sex an English pronoun gives the one it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
    /// `it`: a thing or a body, never a person.
    Neuter,
}

/// One pronoun of `pronouns.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pronoun {
    pub person: u8,
    pub plural: Option<bool>,
    pub case: Case,
    pub sex: Option<Sex>,
}

impl Pronoun {
    /// A third-person pronoun that stands for someone named before.
    pub fn third(&self) -> bool {
        self.person == 3
    }
}

/// The parsed lists.
#[derive(Debug, Default)]
pub(crate) struct Words {
    classes: HashMap<(Lang, String), HashSet<String>>,
    pronouns: HashMap<(Lang, String), Pronoun>,
}

/// A row of `pronouns.tsv` (word, person, number, case[, sex]), if it is well formed.
fn pronoun_row(f: &[&str]) -> Option<Pronoun> {
    let person = f
        .get(1)?
        .parse::<u8>()
        .ok()
        .filter(|p| (1..=3).contains(p))?;
    let plural = match *f.get(2)? {
        "sg" => Some(false),
        "pl" => Some(true),
        "any" => None,
        _ => return None,
    };
    let case = match *f.get(3)? {
        "subject" => Case::Subject,
        "ergative" => Case::Ergative,
        "ergative-stem" => Case::ErgativeStem,
        "genitive" => Case::Genitive,
        _ => return None,
    };
    let sex = match f.get(4).copied() {
        None | Some("-") => None,
        Some("m") => Some(Sex::Male),
        Some("f") => Some(Sex::Female),
        Some("n") => Some(Sex::Neuter),
        Some(_) => return None,
    };
    Some(Pronoun {
        person,
        plural,
        case,
        sex,
    })
}

impl Words {
    pub fn get() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut w = Words::default();
            for (lang, text) in FACT_WORDS {
                // the first row is the header `class word`
                for f in rows(text, 2).skip(1) {
                    w.classes
                        .entry((lang, f[0].to_string()))
                        .or_default()
                        .insert(fold(f[1]));
                }
            }
            for (lang, text, n) in PRONOUNS {
                for f in rows(text, n).skip(1) {
                    if let Some(p) = pronoun_row(&f) {
                        w.pronouns.insert((lang, fold(f[0])), p);
                    }
                }
            }
            w
        })
    }

    /// Whether the folded word `key` is in `class` of `lang`'s list.
    pub fn is(&self, lang: Lang, class: &str, key: &str) -> bool {
        self.classes
            .get(&(lang, class.to_string()))
            .is_some_and(|s| s.contains(key))
    }

    /// Whether `key` is in `class` of either language's list.
    pub fn any(&self, class: &str, key: &str) -> bool {
        self.is(Lang::Hi, class, key) || self.is(Lang::En, class, key)
    }

    /// The pronoun the folded word `key` is in `lang`, if it is one.
    pub fn pronoun(&self, lang: Lang, key: &str) -> Option<Pronoun> {
        self.pronouns.get(&(lang, key.to_string())).copied()
    }

    /// A Hindi third-person ergative pronoun (`उन्होंने`); with `stem`, also one written apart
    /// from its ने (`उन्हों ने`).
    pub fn hi_ergative(&self, key: &str, stem: bool) -> bool {
        self.pronoun(Lang::Hi, key).is_some_and(|p| {
            p.third() && (p.case == Case::Ergative || stem && p.case == Case::ErgativeStem)
        })
    }

    /// A Hindi third-person genitive pronoun (`उनका`).
    pub fn hi_genitive(&self, key: &str) -> bool {
        self.pronoun(Lang::Hi, key)
            .is_some_and(|p| p.third() && p.case == Case::Genitive)
    }

    /// An English third-person subject pronoun (`he`, `she`, `it`, `they`).
    pub fn en_third(&self, key: &str) -> bool {
        self.pronoun(Lang::En, key)
            .is_some_and(|p| p.third() && p.case == Case::Subject)
    }

    /// A first- or second-person pronoun of `lang` (`मैंने`, `हम`, `I`, `you`): the words are
    /// the speaker's own, or a question to the reader, never a quote with a speaker named.
    pub fn not_third(&self, lang: Lang, key: &str) -> bool {
        self.pronoun(lang, key).is_some_and(|p| !p.third())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of both lists parses; every word is stored folded and listed once in its class
    /// (two spellings that fold alike are one entry); every class the extractors read exists.
    #[test]
    fn lists_are_typed_folded_and_free_of_duplicates() {
        for (lang, text) in FACT_WORDS {
            let mut seen = HashSet::new();
            for (i, f) in rows(text, 2).enumerate() {
                if i == 0 {
                    assert_eq!(f, ["class", "word"], "header of {lang:?} fact-words");
                    continue;
                }
                assert_eq!(fold(f[1]), f[1], "{lang:?} {:?} is not folded", f[1]);
                assert!(seen.insert((f[0], f[1])), "{lang:?} {f:?} listed twice");
            }
            // every data line is a row of two fields
            let lines = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(
                lines,
                seen.len() + 1,
                "{lang:?} fact-words: a malformed row"
            );
        }
        for (lang, text, n) in PRONOUNS {
            let mut seen = HashSet::new();
            for (i, f) in rows(text, n).enumerate() {
                if i == 0 {
                    assert_eq!(f[..2], ["word", "person"], "header of {lang:?} pronouns");
                    continue;
                }
                assert!(pronoun_row(&f).is_some(), "{lang:?} pronoun row {f:?}");
                assert_eq!(fold(f[0]), f[0], "{lang:?} {:?} is not folded", f[0]);
                assert!(seen.insert(f[0]), "{lang:?} pronoun {:?} twice", f[0]);
            }
            let lines = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(lines, seen.len() + 1, "{lang:?} pronouns: a malformed row");
        }
        let w = Words::get();
        for (lang, class) in [
            (Lang::Hi, "aux"),
            (Lang::Hi, "passive"),
            (Lang::Hi, "speaker-stop"),
            (Lang::Hi, "case"),
            (Lang::Hi, "negation-after"),
            (Lang::Hi, "irrealis-noun"),
            (Lang::Hi, "function"),
            (Lang::Hi, "age-noun"),
            (Lang::Hi, "age-suffix"),
            (Lang::Hi, "age-before"),
            (Lang::Hi, "clock-or-era"),
            (Lang::Hi, "conjunction"),
            (Lang::En, "speaker-stop"),
            (Lang::En, "subject-gap"),
            (Lang::En, "time"),
            (Lang::En, "circumstance"),
            (Lang::En, "clause-opener"),
            (Lang::En, "prep"),
            (Lang::En, "negation-before"),
            (Lang::En, "object-stop"),
            (Lang::En, "function"),
            (Lang::En, "age-after-unit"),
            (Lang::En, "age-before"),
            (Lang::En, "clock-or-era"),
            (Lang::En, "conjunction"),
            (Lang::En, "clause-verb"),
        ] {
            assert!(
                w.classes.contains_key(&(lang, class.to_string())),
                "{lang:?} class {class} is empty"
            );
        }
    }

    #[test]
    fn pronouns_are_read_by_person_case_and_sex() {
        let w = Words::get();
        assert!(w.hi_ergative("उन्होंने", false));
        assert!(!w.hi_ergative("उन्हों", false) && w.hi_ergative("उन्हों", true));
        assert!(w.hi_genitive("उनका") && !w.hi_genitive("उन्होंने"));
        assert!(w.not_third(Lang::Hi, "मैंने") && !w.not_third(Lang::Hi, "उसने"));
        assert!(w.en_third("she") && w.en_third("they") && !w.en_third("you"));
        assert!(w.not_third(Lang::En, "you") && w.not_third(Lang::En, "i"));
        assert_eq!(
            w.pronoun(Lang::En, "she").and_then(|p| p.sex),
            Some(Sex::Female)
        );
        assert_eq!(
            w.pronoun(Lang::En, "they").map(|p| p.plural),
            Some(Some(true))
        );
        // a spelling variant is found by its fold
        assert!(w.is(Lang::Hi, "age-noun", &fold("लड़की")));
        assert!(w.any("function", "के") && w.any("function", "the"));
    }
}
