//! Titles written before names (`राष्ट्रपति`, `विदेश मंत्री`, `President`) and whether an entry's
//! role fits them: context for linking a person mention to the right entry. The titles and
//! their English role words are the rows with roles of the per-language titles tables
//! (`data/lang/{hi,en}/titles.tsv`, [`khabar_text::titles`]).

use crate::Entry;

/// The English role words a title stands for (`विदेश मंत्री` → foreign minister, secretary of
/// state, ...), or `None` for a word that is not a known title. Matching ignores case and the
/// spacing of the title.
pub fn role_words(title: &str) -> Option<&'static [&'static str]> {
    // The titles' keys and role words, made once.
    type Keyed = Vec<(String, &'static [&'static str])>;
    static KEYS: std::sync::OnceLock<Keyed> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        khabar_text::titles::all()
            .filter(|t| !t.roles.is_empty())
            .map(|t| (crate::alias_key(t.title), t.roles))
            .collect()
    });
    let key = crate::alias_key(title);
    keys.iter()
        .find(|(k, _)| *k == key)
        .map(|&(_, roles)| roles)
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
