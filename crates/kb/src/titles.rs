//! Titles written before names (`राष्ट्रपति`, `विदेश मंत्री`, `President`) and whether an entry's
//! role fits them: context for linking a person mention to the right entry.

use crate::Entry;

/// A title in Hindi or English and the English role words it stands for. Longer titles first,
/// so that `उपराष्ट्रपति` is read before `राष्ट्रपति` would be.
const TITLES: &[(&str, &[&str])] = &[
    ("उपमुख्यमंत्री", &["deputy chief minister"]),
    ("उप मुख्यमंत्री", &["deputy chief minister"]),
    ("मुख्यमंत्री", &["chief minister"]),
    ("सीएम", &["chief minister"]),
    ("उपराष्ट्रपति", &["vice president"]),
    ("उप राष्ट्रपति", &["vice president"]),
    ("राष्ट्रपति", &["president of"]),
    ("उप प्रधानमंत्री", &["deputy prime minister"]),
    (
        "प्रधानमंत्री",
        &["prime minister", "premier of", "chancellor of"],
    ),
    (
        "प्रधान मंत्री",
        &["prime minister", "premier of", "chancellor of"],
    ),
    ("पीएम", &["prime minister"]),
    ("चांसलर", &["chancellor of"]),
    (
        "विदेश मंत्री",
        &[
            "foreign minister",
            "external affairs minister",
            "secretary of state",
            "foreign secretary",
            "high representative for foreign affairs",
        ],
    ),
    ("विदेश सचिव", &["foreign secretary", "secretary of state"]),
    ("रक्षा मंत्री", &["defence minister", "secretary of defense"]),
    ("उप रक्षा मंत्री", &["deputy defence minister"]),
    ("गृह मंत्री", &["home minister"]),
    ("वित्त मंत्री", &["finance minister"]),
    (
        "महासचिव",
        &[
            "secretary-general",
            "secretary general",
            "general secretary",
        ],
    ),
    ("प्रवक्ता", &["spokesman", "spokeswoman", "spokesperson"]),
    ("राजा", &["king of"]),
    ("महारानी", &["queen of"]),
    ("अमीर", &["emir of"]),
    ("युवराज", &["crown prince"]),
    ("क्राउन प्रिंस", &["crown prince"]),
    ("सर्वोच्च नेता", &["supreme leader"]),
    ("राज्यपाल", &["governor of", "lieutenant governor"]),
    ("उपराज्यपाल", &["lieutenant governor"]),
    ("मुख्य न्यायाधीश", &["chief justice"]),
    ("कमांडर", &["commander"]),
    (
        "सेना प्रमुख",
        &[
            "chief of the army staff",
            "chief of army staff",
            "chief of the general staff",
        ],
    ),
    ("पोप", &["pope"]),
    ("deputy chief minister", &["deputy chief minister"]),
    ("chief minister", &["chief minister"]),
    ("vice president", &["vice president"]),
    ("president", &["president of"]),
    ("prime minister", &["prime minister", "premier of"]),
    ("premier", &["premier of", "prime minister"]),
    ("chancellor", &["chancellor of"]),
    (
        "foreign minister",
        &[
            "foreign minister",
            "external affairs minister",
            "secretary of state",
            "foreign secretary",
        ],
    ),
    (
        "external affairs minister",
        &["external affairs minister", "foreign minister"],
    ),
    ("secretary of state", &["secretary of state"]),
    (
        "defence minister",
        &["defence minister", "secretary of defense"],
    ),
    (
        "defense minister",
        &["defence minister", "secretary of defense"],
    ),
    ("home minister", &["home minister"]),
    ("finance minister", &["finance minister"]),
    (
        "secretary-general",
        &["secretary-general", "secretary general"],
    ),
    (
        "secretary general",
        &["secretary-general", "secretary general"],
    ),
    ("spokesman", &["spokesman", "spokeswoman", "spokesperson"]),
    (
        "spokesperson",
        &["spokesman", "spokeswoman", "spokesperson"],
    ),
    ("king", &["king of"]),
    ("queen", &["queen of"]),
    ("emir", &["emir of"]),
    ("crown prince", &["crown prince"]),
    ("governor", &["governor of"]),
    ("chief justice", &["chief justice"]),
    ("commander", &["commander"]),
    ("pope", &["pope"]),
];

/// The English role words a title stands for (`विदेश मंत्री` → foreign minister, secretary of
/// state, ...), or `None` for a word that is not a known title. Matching ignores case and the
/// spacing of the title.
pub fn role_words(title: &str) -> Option<&'static [&'static str]> {
    // The titles' keys, made once.
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| TITLES.iter().map(|(t, _)| crate::alias_key(t)).collect());
    let key = crate::alias_key(title);
    keys.iter().position(|k| *k == key).map(|i| TITLES[i].1)
}

/// Whether an entry's role fits a title: `Some(true)` when it does, `Some(false)` when the
/// entry has a role that does not fit, `None` when the title is unknown or the entry has no
/// role (no evidence either way).
pub fn title_fits(entry: &Entry, title: &str) -> Option<bool> {
    let words = role_words(title)?;
    let role = entry.role.as_deref()?.to_lowercase();
    let fits = words.iter().any(|w| {
        role.match_indices(w).any(|(at, _)| {
            // "president of" must not match inside "vice president of", nor "prime minister"
            // inside "deputy prime minister".
            let before = &role[..at];
            let qualified = before.ends_with("vice ") || before.ends_with("deputy ");
            let title_is_qualified = w.starts_with("vice ") || w.starts_with("deputy ");
            !qualified || title_is_qualified
        })
    });
    Some(fits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::EntityKind;

    fn person(role: &str) -> Entry {
        Entry {
            id: "person:x".into(),
            kind: EntityKind::Person,
            subtype: None,
            name_en: "X".into(),
            name_hi: None,
            aliases_en: vec![],
            aliases_hi: vec![],
            demonyms: vec![],
            country: None,
            role: Some(role.into()),
            parent: None,
            wikidata: None,
            sources: vec![],
        }
    }

    #[test]
    fn titles_fit_roles() {
        let p = person("President of Kazakhstan");
        assert_eq!(title_fits(&p, "राष्ट्रपति"), Some(true));
        assert_eq!(title_fits(&p, "President"), Some(true));
        assert_eq!(title_fits(&p, "प्रधानमंत्री"), Some(false));
        assert_eq!(title_fits(&p, "बहुत"), None);
        let vp = person("Vice President of the United States (2021-2025)");
        assert_eq!(title_fits(&vp, "राष्ट्रपति"), Some(false));
        assert_eq!(title_fits(&vp, "उपराष्ट्रपति"), Some(true));
        let fm = person("Secretary of State of the United States (2025-)");
        assert_eq!(title_fits(&fm, "विदेश मंत्री"), Some(true));
        let dm = person("Deputy Defence Minister of Kazakhstan");
        assert_eq!(title_fits(&dm, "रक्षा मंत्री"), Some(false));
        assert_eq!(title_fits(&dm, "उप रक्षा मंत्री"), Some(true));
        let mut none = person("");
        none.role = None;
        assert_eq!(title_fits(&none, "राष्ट्रपति"), None);
    }
}
