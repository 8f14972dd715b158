//! Silver training sentences: unlabelled Hindi news in which the knowledge base's unambiguous
//! names are marked, read in training as *partial* labels. Only the marked spans are known; the
//! other words may be anything (a name the knowledge base lacks is not taught to be `O`).
//!
//! A name is marked when it names one kind only, and
//! - a name of two words or more: not every word of it is a plain word (`आज तक`, the channel,
//!   is also "until today");
//! - a name of one word: at least three letters, not a plain word.
//!
//! A plain word is an ordinary word (`data/kb/common-words.txt`, stop words, postpositions) or
//! one tagged `O` in most of its occurrences in the labelled training text (when seen there
//! three times or more).
//! - it is not followed by an organisation cue (`उत्तर प्रदेश सरकार` is an organisation, not
//!   the place `उत्तर प्रदेश`).

use super::conll::{tag_type, Sentence};
use super::features::{
    class_of, kind_bit, name_keys, phrase_hash, word_hash, CLASS_ORG_CUE, CLASS_POSTPOSITION,
};
use super::tokens::tokenize_in;
use super::util::FastMap;
use khabar_model::EntityKind;

/// One silver sentence: its tokens and the names marked in it (`start..end` token ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SilverSentence {
    pub tokens: Vec<String>,
    pub spans: Vec<(usize, usize, EntityKind)>,
}

/// Longest sentence kept (tokens): longer "sentences" are menus and lists run together.
const MAX_TOKENS: usize = 80;
/// Longest name matched (words).
const MAX_NAME: usize = 6;

/// The names that may be marked, as a phrase table (phrase hash → kind bit).
struct Names {
    phrases: FastMap<u8>,
}

fn is_ordinary(key: &str) -> bool {
    khabar_kb::is_common_word(&khabar_kb::alias_key(key))
        || khabar_text::hi::contains(khabar_text::hi::STOPWORDS, key)
        || khabar_text::en::contains_ignore_case(khabar_text::en::STOPWORDS, key)
        || class_of(key) & CLASS_POSTPOSITION != 0
}

impl Names {
    fn new(
        names: &[(String, EntityKind)],
        gold: &[Sentence],
        kind_of: &dyn Fn(&str) -> Option<EntityKind>,
    ) -> Names {
        // How often each word of the labelled text is inside a name, and in all.
        let mut seen: FastMap<(u32, u32)> = FastMap::default();
        for s in gold {
            for (t, tag) in s.tokens.iter().zip(&s.tags) {
                let e = seen.entry(word_hash(t)).or_insert((0, 0));
                e.1 += 1;
                if tag_type(tag).and_then(kind_of).is_some() {
                    e.0 += 1;
                }
            }
        }
        let mut kinds: FastMap<u8> = FastMap::default();
        for (name, kind) in names {
            let bit = kind_bit(*kind);
            if bit == 0 {
                continue;
            }
            let keys = name_keys(name);
            if keys.is_empty() || keys.len() > MAX_NAME {
                continue;
            }
            // An ordinary word, or one the labelled text mostly leaves out of names.
            let plain = |k: &str| {
                let (named, total) = seen.get(&word_hash(k)).copied().unwrap_or((0, 0));
                is_ordinary(k) || (total >= 3 && 2 * named < total)
            };
            let ok = if keys.len() == 1 {
                keys[0].chars().count() >= 3 && !plain(&keys[0])
            } else {
                !keys.iter().all(|k| plain(k))
            };
            if ok {
                let hash = phrase_hash(keys.iter().map(|k| word_hash(k)));
                *kinds.entry(hash).or_insert(0) |= bit;
            }
        }
        // Names of more than one kind are left out.
        kinds.retain(|_, b| b.count_ones() == 1);
        Names { phrases: kinds }
    }

    fn kind(&self, hash: u64) -> Option<EntityKind> {
        match self.phrases.get(&hash)? {
            1 => Some(EntityKind::Person),
            2 => Some(EntityKind::Place),
            4 => Some(EntityKind::Organisation),
            _ => None,
        }
    }

    /// The names in one sentence's tokens: the longest match at each place, left to right.
    fn mark(&self, tokens: &[&str]) -> Vec<(usize, usize, EntityKind)> {
        let hashes: Vec<u64> = tokens.iter().map(|t| word_hash(t)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut step = 1;
            for len in (1..=MAX_NAME.min(tokens.len() - i)).rev() {
                let Some(kind) = self.kind(phrase_hash(hashes[i..i + len].iter().copied())) else {
                    continue;
                };
                let next_is_cue = tokens
                    .get(i + len)
                    .is_some_and(|t| class_of(&khabar_text::search_key(t)) & CLASS_ORG_CUE != 0);
                if !next_is_cue {
                    out.push((i, i + len, kind));
                }
                step = len;
                break;
            }
            i += step;
        }
        out
    }
}

/// The sentences of a text as [`tokenize_in`] reads them, with whether each is mostly
/// Devanagari.
fn sentences_of(text: &str, f: &mut dyn FnMut(Vec<&str>, bool)) {
    let doc = khabar_text::doc::Doc::new(text);
    for &sent in doc.sentences() {
        let Some(s) = text.get(sent.start..sent.end) else {
            continue;
        };
        let counts = khabar_text::script::script_counts(s);
        let hindi = counts.get(khabar_text::script::Script::Latin)
            < counts.get(khabar_text::script::Script::Devanagari);
        f(
            tokenize_in(&doc, sent).into_iter().map(|t| t.1).collect(),
            hindi,
        );
    }
}

/// Silver sentences of Hindi texts (articles): every sentence, mostly in Devanagari, of at most
/// [`MAX_TOKENS`] tokens, with at least one name marked; a sentence met before is skipped
/// (pages repeat headlines and menus), and so is any sentence that also stands in one of the
/// `held` texts (held-back pages: their sidebars repeat those of the pages read here). `gold`
/// is the labelled training text (its words' tags decide which one-word names are too often
/// ordinary words), `kind_of` reads its tag types.
pub fn silver_sentences(
    texts: &[&str],
    held: &[&str],
    names: &[(String, EntityKind)],
    gold: &[Sentence],
    kind_of: &dyn Fn(&str) -> Option<EntityKind>,
) -> Vec<SilverSentence> {
    let table = Names::new(names, gold, kind_of);
    let mut seen = std::collections::HashSet::new();
    for text in held {
        sentences_of(text, &mut |toks, _| {
            seen.insert(toks.join(" "));
        });
    }
    let mut out = Vec::new();
    for text in texts {
        sentences_of(text, &mut |toks, hindi| {
            if !hindi || toks.is_empty() || toks.len() > MAX_TOKENS || !seen.insert(toks.join(" "))
            {
                return;
            }
            let spans = table.mark(&toks);
            if !spans.is_empty() {
                out.push(SilverSentence {
                    tokens: toks.iter().map(|t| t.to_string()).collect(),
                    spans,
                });
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::il_ner_kind;

    fn names() -> Vec<(String, EntityKind)> {
        [
            ("उत्तर प्रदेश", EntityKind::Place),
            ("लखनऊ", EntityKind::Place),
            ("आज तक", EntityKind::Organisation),
            ("नरेंद्र मोदी", EntityKind::Person),
            ("गंगा", EntityKind::Place),
            ("गंगा", EntityKind::Person),
            ("विकास", EntityKind::Person),
        ]
        .iter()
        .map(|(n, k)| (n.to_string(), *k))
        .collect()
    }

    #[test]
    fn marks_unambiguous_names_only() {
        // विकास and आज are tagged O in the labelled text three times out of three.
        let gold =
            crate::ner::read_conll("विकास\tO\nआज\tO\n\nविकास\tO\nआज\tO\n\nविकास\tO\nआज\tO\n\n");
        let text = "नरेंद्र मोदी आज तक लखनऊ में थे। गंगा में विकास हुआ। उत्तर प्रदेश सरकार ने कहा। कोई नाम नहीं।";
        let s = silver_sentences(&[text], &[], &names(), &gold, &il_ner_kind);
        assert_eq!(s.len(), 1, "{s:?}");
        let got: Vec<(String, EntityKind)> = s[0]
            .spans
            .iter()
            .map(|&(a, b, k)| (s[0].tokens[a..b].join(" "), k))
            .collect();
        assert_eq!(
            got,
            vec![
                ("नरेंद्र मोदी".to_string(), EntityKind::Person),
                ("लखनऊ".to_string(), EntityKind::Place)
            ]
        );
        // The same sentence twice is kept once.
        let twice = format!("{text} {text}");
        assert_eq!(
            silver_sentences(&[&twice], &[], &names(), &gold, &il_ner_kind).len(),
            1
        );
        // Nor is a sentence of a held-back text.
        let held = "कल वे लखनऊ में थे। नरेंद्र मोदी आज तक लखनऊ में थे।";
        assert!(silver_sentences(&[text], &[held], &names(), &gold, &il_ner_kind).is_empty());
    }
}
