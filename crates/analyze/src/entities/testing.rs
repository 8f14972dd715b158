//! Helpers of the linker's tests: a shared linker with and without the NER model, and lookups
//! of mentions.

use super::*;
use std::sync::OnceLock;

pub(super) fn linker() -> &'static EntityLinker {
    static L: OnceLock<EntityLinker> = OnceLock::new();
    L.get_or_init(|| EntityLinker::without_ner().unwrap())
}

/// Links `text` in `lang` with the NER model (English rules, Hindi model) in use.
pub(super) fn link_with_ner(text: &str, lang: &str) -> Vec<Mention> {
    static L: OnceLock<EntityLinker> = OnceLock::new();
    let linker = L.get_or_init(|| EntityLinker::new().unwrap());
    let sentences: Vec<Sentence> = khabar_text::sentences(text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect();
    linker.link(text, &sentences, lang).0
}

pub(super) fn link(text: &str) -> (Vec<Mention>, Vec<EntityRef>) {
    let sentences: Vec<Sentence> = khabar_text::sentences(text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect();
    linker().link(text, &sentences, "hi")
}

pub(super) fn find<'a>(ms: &'a [Mention], text: &str) -> &'a Mention {
    ms.iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no mention {text:?} in {ms:#?}"))
}

pub(super) fn id(m: &Mention) -> &str {
    m.entity.as_ref().map(|e| e.as_str()).unwrap_or("")
}
