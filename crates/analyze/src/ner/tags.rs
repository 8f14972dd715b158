//! Labels of tokens (BIO over entity kinds), the mentions they spell (conlleval's rules), and
//! the tag names of labelled files (IL-NER's, or a tag map's).

use super::error::NerError;
use khabar_model::EntityKind;

/// One token's label: outside, beginning or inside a mention of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityKind),
    I(EntityKind),
}

impl Tag {
    /// The kind of entity, if the tag is inside a mention.
    pub fn kind(&self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(*k),
        }
    }
}
/// The kinds the IL-NER tags name (NEP, NEL, NEO), `None` for the others.
pub fn il_ner_kind(tag_type: &str) -> Option<EntityKind> {
    match tag_type {
        "NEP" => Some(EntityKind::Person),
        "NEL" => Some(EntityKind::Place),
        "NEO" => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// Parses a tag map: `file-tag<TAB>person|place|organisation` lines (blank lines and `#`
/// comments skipped). A file tag may be given with or without its `B-`/`I-` prefix.
pub fn parse_tagmap(text: &str) -> Result<std::collections::HashMap<String, EntityKind>, NerError> {
    let mut map = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t').map(str::trim).filter(|s| !s.is_empty());
        let (Some(tag), Some(kind)) = (parts.next(), parts.next()) else {
            return Err(NerError::TagMap(format!(
                "line {}: expected `file-tag<TAB>person|place|organisation`, got {line:?}",
                n + 1
            )));
        };
        let kind = match kind.to_ascii_lowercase().as_str() {
            "person" | "per" => EntityKind::Person,
            "place" | "location" | "loc" => EntityKind::Place,
            "organisation" | "organization" | "org" => EntityKind::Organisation,
            other => {
                return Err(NerError::TagMap(format!(
                    "line {}: unknown kind {other:?} (person, place or organisation)",
                    n + 1
                )))
            }
        };
        let tag = tag
            .strip_prefix("B-")
            .or_else(|| tag.strip_prefix("I-"))
            .unwrap_or(tag);
        map.insert(tag.to_string(), kind);
    }
    Ok(map)
}
/// Mentions (start token, end token exclusive, kind) in a tag sequence, by conlleval's rules:
/// a mention starts at `B`, or at an `I` that does not continue a mention of its kind.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if *k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s, i, k));
        }
        if let Some(k) = t.kind() {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_conlleval() {
        use EntityKind::*;
        let tags = [
            Tag::B(Person),
            Tag::I(Person),
            Tag::O,
            Tag::I(Place),
            Tag::I(Organisation),
            Tag::B(Place),
            Tag::B(Place),
        ];
        assert_eq!(
            chunks(&tags),
            vec![
                (0, 2, Person),
                (3, 4, Place),
                (4, 5, Organisation),
                (5, 6, Place),
                (6, 7, Place)
            ]
        );
    }
    #[test]
    fn tagmap_parses_and_rejects() {
        let m = parse_tagmap("B-PER\tperson\nLOC\tplace\n# c\n\nORG\torganization\n").unwrap();
        assert_eq!(m["PER"], EntityKind::Person);
        assert_eq!(m["LOC"], EntityKind::Place);
        assert_eq!(m["ORG"], EntityKind::Organisation);
        assert!(parse_tagmap("PER\tanimal\n").is_err());
        assert!(parse_tagmap("PER\n").is_err());
    }
}
