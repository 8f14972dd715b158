//! The knowledge base's names as token sequences: every name and alias (and the surname of
//! every person) by the search key of its first token, exactly, and the well-known names also by
//! the name keys of their words (spelling variants); demonyms by search key.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// Devanagari or any case.
    Any,
    /// A Latin name: its first letter must be a capital in the text.
    Capital,
    /// A Latin acronym (`US`): all capitals in the text.
    Upper,
}

/// One knowledge-base name as a token sequence.
#[derive(Debug)]
pub(super) struct Seq {
    pub(super) keys: Box<[String]>,
    pub(super) entry: u32,
    pub(super) case: Case,
    /// For name-key sequences: the alias as written, for the similarity check.
    pub(super) alias: Box<str>,
    /// The last word of a person's name, indexed on its own.
    pub(super) surname: bool,
}

pub(super) fn only_wikidata(e: &Entry) -> bool {
    e.sources.iter().all(|s| s == "wikidata")
}

/// Entries whose one-word names are often common words: untyped Wikidata labels and
/// subdivisions known only from iso-codes' translations (`पश्चिमी` "Western", `अशांति` "Ashanti").
pub(super) fn weak(e: &Entry) -> bool {
    (e.kind == EntityKind::Other && only_wikidata(e))
        || (e.subtype.as_deref() == Some("subdivision")
            && e.sources.iter().all(|s| s == "iso-codes"))
}

impl EntityLinker {
    pub(super) fn index(&mut self) {
        let kb = self.kb;
        let mut seen: HashSet<(u32, bool, Vec<String>)> = HashSet::default();
        for (ei, e) in kb.entries().iter().enumerate() {
            let ei = ei as u32;
            self.by_id.insert(e.id.as_str(), ei);
            let listed = e.sources.iter().any(|s| s.starts_with("lists/"));
            let mut names: Vec<&str> = e.names().collect();
            // The surnames of people: `पुतिन`, `Tokayev`.
            let mut surnames: Vec<&str> = Vec::new();
            if e.kind == EntityKind::Person {
                for n in &names {
                    if let Some(t) = word_iter(n).last() {
                        if t.span.start > 0 && t.text.chars().count() >= 3 {
                            surnames.push(t.text);
                        }
                    }
                }
            }
            let full = names.len();
            names.extend(surnames);
            for (ni, name) in names.into_iter().enumerate() {
                let surname = ni >= full;
                let keys = token_keys_of(name);
                if keys.is_empty() {
                    continue;
                }
                let single = keys.len() == 1;
                if single && self.stop.contains(&keys[0]) {
                    continue;
                }
                // Weak entries' one-word names are often common words: only their longer names,
                // and not those made of common words alone (`दक्षिण-पश्चिम`, "south-west").
                if weak(e)
                    && (single
                        || keys.iter().all(|k| {
                            self.common.contains(k)
                                || khabar_kb::is_common_word(k)
                                || compass().contains(k)
                        }))
                {
                    continue;
                }
                // A one-word alias of a body or a person that is an ordinary word (the Hindi
                // Wikidata label of ICE is बर्फ़, "ice") names it only as its main name.
                let main = name == e.name_en || Some(name) == e.name_hi.as_deref();
                if single
                    && !main
                    && e.kind != EntityKind::Place
                    && (khabar_kb::is_common_word(&khabar_kb::alias_key(name))
                        || (name.chars().all(|c| !c.is_uppercase())
                            && khabar_kb::is_common_en_word(name)))
                {
                    continue;
                }
                let latin = is_latin(name);
                if single && !latin && keys[0].chars().count() < 2 {
                    continue;
                }
                let case = if !latin {
                    Case::Any
                } else if single
                    && name.chars().filter(|c| c.is_alphabetic()).count() <= 5
                    && name
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase())
                {
                    Case::Upper
                } else {
                    Case::Capital
                };
                if seen.insert((ei, false, keys.clone())) {
                    let si = self.seqs.len() as u32;
                    self.exact.entry(keys[0].clone()).or_default().push(si);
                    self.seqs.push(Seq {
                        keys: keys.into_boxed_slice(),
                        entry: ei,
                        case,
                        alias: name.into(),
                        surname,
                    });
                }
                // Name keys: spelling variants of well-known names.
                let strong = listed
                    || matches!(
                        (e.kind, e.subtype.as_deref()),
                        (EntityKind::Place, Some("country" | "city" | "state"))
                    );
                if !strong || (latin && e.kind != EntityKind::Person) {
                    continue;
                }
                let nkeys: Vec<String> = word_iter(name).map(|t| name_key(t.text)).collect();
                let letters: usize = nkeys.iter().map(|k| k.chars().count()).sum();
                if nkeys.iter().any(|k| k.is_empty()) || letters < 3 {
                    continue;
                }
                if seen.insert((ei, true, nkeys.clone())) {
                    let si = self.seqs.len() as u32;
                    self.keyed.entry(nkeys[0].clone()).or_default().push(si);
                    self.seqs.push(Seq {
                        keys: nkeys.into_boxed_slice(),
                        entry: ei,
                        case,
                        alias: name.into(),
                        surname,
                    });
                }
            }
            for d in &e.demonyms {
                let k = search_key(d);
                if k.contains(' ') || self.demonyms.contains_key(&k) {
                    continue;
                }
                if let Some(&pi) = kb
                    .demonym(d)
                    .and_then(|id| self.by_id_lookup(kb, id))
                    .as_ref()
                {
                    self.demonyms.insert(k, pi);
                }
            }
        }
        for v in self.exact.values_mut().chain(self.keyed.values_mut()) {
            let seqs = &self.seqs;
            v.sort_by_key(|&si| std::cmp::Reverse(seqs[si as usize].keys.len()));
        }
    }

    pub(super) fn by_id_lookup(&self, kb: &KnowledgeBase, id: &str) -> Option<u32> {
        self.by_id.get(id).copied().or_else(|| {
            kb.entries()
                .binary_search_by(|e| e.id.as_str().cmp(id))
                .ok()
                .map(|i| i as u32)
        })
    }
}
