//! Candidate mentions and the choice among them: knowledge-base names matched exactly or by name
//! key, Devanagari acronyms, demonyms, names after titles, the NER model's spans (trimmed of
//! titles, common words and home states), surnames met again; then the longest
//! non-overlapping candidates ([`choose`]).

use super::*;

/// Minimum name similarity for a name-key (not exact) match of a knowledge-base name; one-word
/// names need the higher one.
pub(super) const KEY_MATCH_MIN: f32 = 0.8;

pub(super) const KEY_MATCH_ONE_WORD_MIN: f32 = 0.9;

/// Where a candidate mention came from; lower ranks win ties of length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Source {
    Exact = 0,
    Demonym = 1,
    Acronym = 2,
    Key = 3,
    Cue = 4,
    Ner = 5,
}

#[derive(Debug, Clone)]
pub(super) struct Cand {
    /// Token range.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) source: Source,
    pub(super) kind: Option<EntityKind>,
    /// Knowledge-base entries this span matched (exact or by key).
    pub(super) entries: Vec<u32>,
    /// Every match came from a person's surname alone.
    pub(super) surname_only: bool,
}

impl EntityLinker {
    pub(super) fn case_ok(&self, case: Case, tok: &Tok) -> bool {
        match case {
            Case::Any => true,
            Case::Capital => tok.text.chars().next().is_some_and(|c| c.is_uppercase()),
            Case::Upper => tok
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
        }
    }

    pub(super) fn match_exact(&self, text: &str, toks: &[Tok], i: usize, cands: &mut Vec<Cand>) {
        let Some(list) = self.exact.get(toks[i].key) else {
            return;
        };
        let mut best_len = 0;
        for &si in list {
            let s = &self.seqs[si as usize];
            let n = s.keys.len();
            if n < best_len || i + n > toks.len() {
                continue;
            }
            let ok = (0..n).all(|j| {
                toks[i + j].key == s.keys[j]
                    && self.case_ok(s.case, &toks[i + j])
                    && (j == 0 || joined(text, &toks[i + j - 1], &toks[i + j]))
            });
            if !ok || (n == 1 && self.common.contains(toks[i].key)) {
                continue;
            }
            // `Center for Immigration Studies`: a word heading a body's name is no place there
            let heads_body = n == 1
                && org_heads().contains(toks[i].key)
                && toks
                    .get(i + 1)
                    .is_some_and(|t| matches!(t.key, "for" | "of" | "on"));
            if heads_body {
                continue;
            }
            best_len = n;
            push_cand(cands, i, i + n, Source::Exact, s.entry, s.surname);
        }
    }

    pub(super) fn match_keyed(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        nkeys: &mut [Option<Arc<str>>],
        cands: &mut Vec<Cand>,
    ) {
        if !self.name_like(&toks[i]) || self.demonyms.contains_key(toks[i].key) {
            return;
        }
        // an English word in lower case is no name found by its sound (`written` is not Britain)
        if toks[i]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
        {
            return;
        }
        let k0 = nkey(&self.nkey_cache, toks, nkeys, i);
        let Some(list) = self.keyed.get(k0) else {
            return;
        };
        for &si in list {
            let s = &self.seqs[si as usize];
            let n = s.keys.len();
            if i + n > toks.len() {
                continue;
            }
            let mut ok = true;
            for j in 0..n {
                if !(self.case_ok(s.case, &toks[i + j])
                    && (j == 0 || joined(text, &toks[i + j - 1], &toks[i + j]))
                    && self.name_like(&toks[i + j]))
                {
                    ok = false;
                    break;
                }
                if nkey(&self.nkey_cache, toks, nkeys, i + j) != &*s.keys[j] {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            let span_text = &text[toks[i].span.start..toks[i + n - 1].span.end];
            let min = if n == 1 {
                KEY_MATCH_ONE_WORD_MIN
            } else {
                KEY_MATCH_MIN
            };
            if n == 1
                && (self.common.contains(toks[i].key)
                    || hi::ends_with_any(hi::NOT_NAME_ENDINGS, span_text))
            {
                continue;
            }
            if self.similarity(span_text, &s.alias) < min {
                continue;
            }
            // One word alike by key: long words only (`कोचिंग` is not Kuching). A short word is
            // alike by key with too many everyday words to be a variant of a name on sound
            // alone (`कट्टर`, "hardline", is not Khattar): people and countries need four
            // letters of key, the rest five.
            if n == 1 {
                let e = self.entry(s.entry);
                let letters = s.keys[0].chars().count();
                let country = e.subtype.as_deref() == Some("country");
                let least = if e.kind == EntityKind::Person || country {
                    4
                } else {
                    5
                };
                if letters < least {
                    continue;
                }
            }
            push_cand(cands, i, i + n, Source::Key, s.entry, s.surname);
        }
    }

    /// Acronyms in Devanagari letters, demonyms, and names after titles.
    pub(super) fn match_other(&self, toks: &[Tok], i: usize, cands: &mut Vec<Cand>) {
        let t = &toks[i];
        if let Some(&pi) = self.demonyms.get(t.key) {
            let latin_ok = !is_latin(t.text) || self.case_ok(Case::Capital, t);
            if latin_ok {
                push_cand(cands, i, i + 1, Source::Demonym, pi, false);
            }
        }
        if !self.exact.contains_key(t.key) && t.text.chars().count() >= 2 {
            if let Some(latin_len) = self.acronym_len(t.text) {
                let before = cands.len();
                for c in self.kb.lookup_acronym(t.text).iter().take(3) {
                    if let Some(&ei) = self.by_id.get(c.id.as_str()) {
                        push_cand(cands, i, i + 1, Source::Acronym, ei, false);
                    }
                }
                // An acronym the knowledge base does not have names an organisation, most
                // often (`एनएसयूआई`); it waits behind everything else.
                if cands.len() == before && latin_len >= 3 {
                    cands.push(Cand {
                        start: i,
                        end: i + 1,
                        source: Source::Ner,
                        kind: Some(EntityKind::Organisation),
                        entries: Vec::new(),
                        surname_only: false,
                    });
                }
            }
        }
    }

    /// A title ending at token i: the name-like run after it is a person.
    pub(super) fn match_cue(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        stops: &[bool],
        cands: &mut Vec<Cand>,
    ) {
        let t = &toks[i];
        if let Some(list) = self.cues.get(t.key) {
            let is_cue = list.iter().any(|keys| {
                let n = keys.len();
                i + 1 >= n
                    && (0..n).all(|j| {
                        let ti = i + 1 - n + j;
                        toks[ti].key == keys[j]
                            && (j == 0 || joined(text, &toks[ti - 1], &toks[ti]))
                    })
            });
            if is_cue {
                let mut end = i + 1;
                while end < toks.len()
                    && end - i <= 3
                    && self.name_like(&toks[end])
                    && !self.cues.contains_key(toks[end].key)
                    && !self.title_words.contains(toks[end].key)
                    && !self.demonyms.contains_key(toks[end].key)
                    && !stops[end]
                    // `राष्ट्रपति डोनाल्ड ट्रंप तूफान …`: a common word after the name ends it
                    && !(end > i + 1 && self.common_word(&toks[end]))
                    // `President Barack Obama Monday defended`: a day ends it too
                    && !(end > i + 1 && en::WEEKDAYS.contains(&toks[end].key))
                    && (if end == i + 1 {
                        cue_gap(text, t, &toks[end])
                    } else {
                        joined(text, &toks[end - 1], &toks[end])
                    })
                    && (!is_latin(t.text) || self.case_ok(Case::Capital, &toks[end]))
                {
                    end += 1;
                }
                // A run of ordinary words (`राष्ट्रपति निवास`, `राष्ट्रपति चुनावों`) names nobody.
                // `एसडीएम गोला के`: one word after an office bound to a place is the place
                let kind = if end == i + 2 && place_offices().contains(t.key) {
                    EntityKind::Place
                } else {
                    EntityKind::Person
                };
                if end > i + 1 && !toks[i + 1..end].iter().all(|t| self.common_word(t)) {
                    cands.push(Cand {
                        start: i + 1,
                        end,
                        source: Source::Cue,
                        kind: Some(kind),
                        entries: Vec::new(),
                        surname_only: false,
                    });
                }
            }
        }
    }

    /// The last word of a person's full name, met again on its own in the article
    /// (`वोल्कोनोव` after `अर्काडी वोल्कोनोव`), is a mention of that person.
    pub(super) fn add_surnames(&self, text: &str, toks: &[Tok], chosen: &mut Vec<Cand>) {
        let mut last: HashSet<&str> = HashSet::default();
        for c in chosen.iter() {
            // NER guesses are not spread: a wrong one would multiply.
            let person = (c.source == Source::Cue && c.kind == Some(EntityKind::Person))
                || c.entries
                    .iter()
                    .any(|&e| self.entry(e).kind == EntityKind::Person);
            if person && c.end - c.start > 1 && c.source != Source::Demonym {
                let t = &toks[c.end - 1];
                if t.text.chars().count() >= 3 && self.name_like(t) {
                    last.insert(t.key);
                }
            }
        }
        if last.is_empty() {
            return;
        }
        let mut taken = vec![false; toks.len()];
        for c in chosen.iter() {
            for t in &mut taken[c.start..c.end] {
                *t = true;
            }
        }
        let before = chosen.len();
        for i in 0..toks.len() {
            if !taken[i]
                && last.contains(toks[i].key)
                && (!is_latin(toks[i].text) || self.case_ok(Case::Capital, &toks[i]))
                && !hyphen_before(text, toks, i)
                && !hyphen_before(text, toks, i + 1)
            {
                chosen.push(Cand {
                    start: i,
                    end: i + 1,
                    source: Source::Cue,
                    kind: Some(EntityKind::Person),
                    entries: Vec::new(),
                    surname_only: false,
                });
            }
        }
        if chosen.len() > before {
            chosen.sort_by_key(|c| c.start);
        }
    }

    /// Whether a token is a word of ordinary prose: the Hindi common words of the knowledge
    /// base and of [`EVERYDAY_WORDS`], or an English word written in lower case far more often
    /// than not ([`khabar_kb::is_common_en_word`]).
    pub(super) fn common_word(&self, t: &Tok) -> bool {
        if is_latin(t.text) {
            khabar_kb::is_common_en_word(t.text)
        } else {
            self.common.contains(t.key) || khabar_kb::is_common_word(t.key)
        }
    }

    /// Whether a token can be part of a name (see [`EntityLinker::word_is_name_like`]).
    pub(super) fn name_like(&self, t: &Tok) -> bool {
        t.name_like
    }

    /// Whether a word (with its search key) can be part of a name: letters, not a function
    /// word.
    pub(super) fn word_is_name_like(&self, text: &str, key: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| is_devanagari(c) || c.is_alphabetic())
            && !text.bytes().any(|b| b.is_ascii_digit())
            && !self.stop.contains(key)
    }

    pub(super) fn ner_cands(
        &self,
        doc: &Doc<'_>,
        toks: &[Tok],
        model: &ner::Model,
        cands: &mut Vec<Cand>,
    ) {
        let text = doc.text();
        for (span, kind) in model.spans_in(doc, None) {
            let start = toks.partition_point(|t| t.span.end <= span.start);
            let mut end = toks.partition_point(|t| t.span.start < span.end);
            let mut start = start;
            // Titles, demonyms and function words at the edges are not part of the name.
            while start < end
                && (!self.name_like(&toks[start])
                    || self.title_words.contains(toks[start].key)
                    || self.demonyms.contains_key(toks[start].key))
            {
                start += 1;
            }
            // (and a day after a name: `Obama Monday`)
            while end > start
                && (!self.name_like(&toks[end - 1])
                    || self.title_words.contains(toks[end - 1].key)
                    || end - start > 1 && en::WEEKDAYS.contains(&toks[end - 1].key))
            {
                end -= 1;
            }
            // A Hindi common word the model glued to a person's name is no part of it: after
            // it (`डोनाल्ड ट्रंप तूफान`, "storm"; `सीताराम निवासी`, "resident"), or before it when
            // two words stay (`अफसर सारिका जैन`, "officer").
            if kind == EntityKind::Person {
                // a person's name holds no function word: `राम औतार निवासी ब्रह्मनी` is a name
                // and a village
                if let Some(k) =
                    (start + 1..end).find(|&k| !is_latin(toks[k].text) && !self.name_like(&toks[k]))
                {
                    end = k;
                }
                let hindi_common = |t: &Tok| !is_latin(t.text) && self.common_word(t);
                while end > start + 1 && hindi_common(&toks[end - 1]) {
                    end -= 1;
                }
                while end > start + 2 && hindi_common(&toks[start]) {
                    start += 1;
                }
            }
            // `Harry Reid of Nevada`, `Gov. Jay Nixon of Missouri`, `Republican of Arizona`: a
            // person (or a party's member) and their place, not one name; a body's name keeps
            // its place (`University of Texas`)
            if let Some(k) = (start + 1..end.saturating_sub(1)).find(|&k| toks[k].key == "of") {
                if is_latin(toks[start].text) && self.person_of_place(text, toks, start, k, end) {
                    end = k;
                }
            }
            if start >= end || !(start + 1..end).all(|j| joined(text, &toks[j - 1], &toks[j])) {
                continue;
            }
            // A party and state tag after a US politician's name (`R-Fla`, `D-N.Y`) is no name.
            let party = |i: usize| matches!(toks[i].text, "R" | "D" | "I");
            if (party(start) && hyphen_before(text, toks, start + 1))
                || (start > 0 && party(start - 1) && hyphen_before(text, toks, start))
            {
                continue;
            }
            let all_caps = toks[start..end]
                .iter()
                .all(|t| is_latin(t.text) && !t.text.chars().any(|c| c.is_lowercase()));
            if all_caps {
                continue;
            }
            // Words of ordinary prose are a name only with more than the model's word for it:
            // one alone is dropped, and a run of them is no person (`मिली खबरों`; `Election
            // Day` and `First Amendment` are other things). Organisations and places are
            // often made of ordinary words (`आपदा प्रबंधन प्राधिकरण`).
            let mut kind = kind;
            if toks[start..end].iter().all(|t| self.common_word(t)) {
                let latin = is_latin(toks[start].text);
                if end - start == 1 || (kind == EntityKind::Person && !latin) {
                    continue;
                }
                if kind == EntityKind::Person {
                    kind = EntityKind::Other;
                }
            }
            // `Center for Immigration Studies`, `Council on Foreign Relations`: a body's head
            // word before `for`/`of`/`on` makes the run an organisation
            if kind != EntityKind::Organisation
                && (start..end.saturating_sub(2)).any(|k| {
                    org_heads().contains(toks[k].key)
                        && matches!(toks[k + 1].key, "for" | "of" | "on")
                })
            {
                kind = EntityKind::Organisation;
            }
            // `थाना सैफई`, `एसडीएम गोला`: one word after an office bound to a place is the place
            if kind == EntityKind::Person
                && end - start == 1
                && start > 0
                && place_offices().contains(toks[start - 1].key)
            {
                kind = EntityKind::Place;
            }
            // `First Amendment`, `Congressional Black Caucus`: the last word says what it is.
            if kind == EntityKind::Person && end - start > 1 {
                if let Some(&k) = self.not_person_heads.get(toks[end - 1].key) {
                    kind = k;
                }
            }
            if end - start == 1 {
                let w = toks[start].text;
                let latin = is_latin(w);
                let short_caps = latin && w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase());
                if w.chars().count() < 2
                    || short_caps
                    || (latin && !w.starts_with(|c: char| c.is_uppercase()))
                    || self.common.contains(toks[start].key)
                    || hi::ends_with_any(hi::NOT_NAME_ENDINGS, w)
                {
                    continue;
                }
            }
            cands.push(Cand {
                start,
                end,
                source: Source::Ner,
                kind: Some(kind),
                entries: Vec::new(),
                surname_only: false,
            });
        }
    }

    /// Whether the run `start..end` with `of` at `k` is a person or a party's member and their
    /// place: the words after `of` are exactly a knowledge-base place, the words before hold no
    /// body's head word, and they are two or more words, follow a title, or name a party.
    pub(super) fn person_of_place(
        &self,
        text: &str,
        toks: &[Tok],
        start: usize,
        k: usize,
        end: usize,
    ) -> bool {
        let mut found = Vec::new();
        self.match_exact(text, toks, k + 1, &mut found);
        let place = found.iter().any(|c| {
            c.end == end
                && c.entries
                    .iter()
                    .any(|&e| self.entry(e).kind == EntityKind::Place)
        });
        let party = k == start + 1 && en::PARTY_MEMBERS.contains(&toks[start].key);
        let titled = start > 0
            && (self.title_words.contains(toks[start - 1].key)
                || personal_title(toks[start - 1].text));
        place
            && (k - start >= 2 || titled || party)
            && !toks[start..k].iter().any(|t| body_heads().contains(t.key))
            && !self.not_person_heads.contains_key(toks[k - 1].key)
    }
}

pub(super) fn push_cand(
    cands: &mut Vec<Cand>,
    start: usize,
    end: usize,
    source: Source,
    entry: u32,
    surname: bool,
) {
    if let Some(c) = cands
        .iter_mut()
        .rev()
        .take(8)
        .find(|c| c.start == start && c.end == end && c.source == source)
    {
        if !c.entries.contains(&entry) {
            c.entries.push(entry);
        }
        c.surname_only &= surname;
        return;
    }
    cands.push(Cand {
        start,
        end,
        source,
        kind: None,
        entries: vec![entry],
        surname_only: surname,
    });
}

/// The longest non-overlapping candidates (ties: exact names before keys, demonyms, title cues
/// and NER), never cutting a hyphenated word; the entries of equal spans are merged.
pub(super) fn choose(
    mut cands: Vec<Cand>,
    toks: &[Tok],
    text: &str,
    kinds_of: impl Fn(u32) -> EntityKind,
) -> Vec<Cand> {
    // Spans from cues and NER grow over hyphens; knowledge-base matches that cut a hyphenated
    // word are dropped.
    cands.retain_mut(|c| {
        let cuts = hyphen_before(text, toks, c.start) || hyphen_before(text, toks, c.end);
        let grows = matches!(c.source, Source::Cue | Source::Ner);
        if !cuts && !grows {
            return true;
        }
        if grows {
            while hyphen_before(text, toks, c.start) {
                c.start -= 1;
            }
            while c.end < toks.len() && hyphen_before(text, toks, c.end) {
                c.end += 1;
            }
            // `Republican-led`, `Saudi-backed`: a compound ending in a lower-case word is an
            // adjective, no name
            let last = &toks[c.end - 1];
            let adjective = c.end - c.start > 1
                && hyphen_before(text, toks, c.end - 1)
                && last.text.chars().count() >= 3
                && last.text.chars().all(|ch| ch.is_ascii_lowercase());
            !adjective
        } else {
            false
        }
    });
    // Knowledge-base matches first; a person's name found inside a longer name after a title
    // (`सिंह` in `अमित कुमार सिंह`) waits with the title cues and NER spans, which only fill
    // what is left.
    let tier = |c: &Cand, cands: &[Cand]| -> u8 {
        // One word naming a person, at the end of a longer NER person (`जगबंधु मांझी`), or at
        // the start of a Hindi one (`प्रियंका सिंह` is not Priyanka Gandhi; the English model's
        // runs are too loose for it: `Trump Tower`, `Obama Willing`).
        let one_word_person = c.end - c.start == 1
            && !c.entries.is_empty()
            && c.entries.iter().all(|&e| kinds_of(e) == EntityKind::Person);
        match c.source {
            Source::Cue | Source::Ner => 1,
            _ => {
                // (A surname alone also waits for a longer NER person: `अनिल अंबानी` is not
                // the Ambani the knowledge base lists.)
                // (a demonym ending a longer NER person is a surname: `मनु पंजाबी`)
                let demonym_surname = c.source == Source::Demonym
                    && cands.iter().any(|o| {
                        o.source == Source::Ner
                            && o.kind == Some(EntityKind::Person)
                            && o.end == c.end
                            && o.start < c.start
                    });
                let inside_cue = demonym_surname
                    || cands.iter().any(|o| {
                        (o.source == Source::Cue
                            || (o.source == Source::Ner
                                && o.kind == Some(EntityKind::Person)
                                && (c.surname_only
                                    || one_word_person
                                        && (o.end == c.end
                                            || o.start == c.start
                                                && !is_latin(toks[c.start].text))
                                        && o.end - o.start <= 3)))
                            && o.start <= c.start
                            && c.end <= o.end
                            && o.end - o.start > c.end - c.start
                    });
                // A one-word place or organisation that ends a longer capitalised run
                // (`Center` in `Woodstock Theological Center`) is the run's head word, not the
                // place.
                let head_of_run = c.end - c.start == 1
                    && !c.entries.is_empty()
                    && c.entries.iter().all(|&e| kinds_of(e) != EntityKind::Person)
                    && is_latin(toks[c.start].text)
                    && cands
                        .iter()
                        .any(|o| o.source == Source::Ner && o.end == c.end && o.end - o.start > 1);
                u8::from(inside_cue || head_of_run)
            }
        }
    };
    let tiers: Vec<u8> = cands.iter().map(|c| tier(c, &cands)).collect();
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&cands[x], &cands[y]);
        tiers[x]
            .cmp(&tiers[y])
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.source.cmp(&b.source))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; toks.len()];
    let mut out: Vec<Cand> = Vec::new();
    for i in order {
        let c = std::mem::replace(
            &mut cands[i],
            Cand {
                start: 0,
                end: 0,
                source: Source::Ner,
                kind: None,
                entries: Vec::new(),
                surname_only: false,
            },
        );
        if (c.start..c.end).any(|i| taken[i]) {
            // The same span from another source lends its kind or entries.
            if let Some(o) = out
                .iter_mut()
                .find(|o| o.start == c.start && o.end == c.end)
            {
                if o.kind.is_none() && o.source != Source::Demonym {
                    o.kind = c.kind;
                }
                if matches!(o.source, Source::Exact | Source::Key | Source::Acronym)
                    && matches!(c.source, Source::Exact | Source::Key | Source::Acronym)
                {
                    o.surname_only &= c.surname_only;
                    for e in c.entries {
                        if !o.entries.contains(&e) {
                            o.entries.push(e);
                        }
                    }
                }
            }
            continue;
        }
        for t in &mut taken[c.start..c.end] {
            *t = true;
        }
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::*;

    #[test]
    fn common_words_after_titles_are_not_names() {
        let (ms, es) = link(
            "अल्माटी में राष्ट्रपति निवास पर धावा बोला गया। राष्ट्रपति चुनावों से पहले उप रक्षा मंत्री, \
             लेफ्टिनेंट-जनरल सुल्तान गामालेटदीनोव ने कहा।",
        );
        for bad in ["निवास", "चुनावों", "लेफ्टिनेंट-जनरल", "लेफ्टिनेंट"]
        {
            assert!(ms.iter().all(|m| m.text != bad), "{bad}: {ms:#?}");
        }
        assert!(es.iter().all(|e| (0.0..=1.0).contains(&e.confidence)));
    }

    #[test]
    fn demonyms_are_related_to_their_place() {
        let (ms, es) = link("रूसी राष्ट्रपति और बेलारूसी नेता मिले। Russian troops left.");
        for (word, place) in [
            ("रूसी", "place:country:russia"),
            ("बेलारूसी", "place:country:belarus"),
            ("Russian", "place:country:russia"),
        ] {
            let m = find(&ms, word);
            assert_eq!(m.relation, MentionRelation::RelatedTo, "{word}");
            assert_eq!(id(m), place);
        }
        assert!(es
            .iter()
            .any(|e| e.id.as_str() == "place:country:russia" && e.in_kb));
        // The place itself is a naming mention.
        let (ms, _) = link("रूस ने कहा");
        assert_eq!(find(&ms, "रूस").relation, MentionRelation::Names);
    }

    #[test]
    fn devanagari_acronyms_resolve_through_latin_letters() {
        let (ms, es) = link("सीएसटीओ की बैठक में एनएटीओ पर चर्चा हुई।");
        let csto = find(&ms, "सीएसटीओ");
        assert_eq!(id(csto), "org:collective-security-treaty-organization");
        let e = es.iter().find(|e| e.id.as_str() == id(csto)).unwrap();
        assert_eq!(e.name, "Collective Security Treaty Organization");
        assert!(e.name_hi.is_some());
        let nato = find(&ms, "एनएटीओ");
        assert!(id(nato).starts_with("org:"), "{nato:?}");
        // An acronym nobody listed is a new entity named by its letters.
        let (ms, es) = link("सम्मेलन में क्यूज़ेडएक्सवी के नेता आए।");
        let m = find(&ms, "क्यूज़ेडएक्सवी");
        let e = es
            .iter()
            .find(|e| Some(&e.id) == m.entity.as_ref())
            .unwrap();
        assert!(!e.in_kb);
        assert_eq!(e.name, "QZXV");
    }

    #[test]
    fn hyphenated_names_are_one_mention() {
        let (ms, _) = link("कासिम-जोमार्ट टोकायेव ने अल्मा-अता में कहा।");
        assert_eq!(
            id(find(&ms, "कासिम-जोमार्ट टोकायेव")),
            "person:kassym-jomart-tokayev"
        );
        assert_eq!(id(find(&ms, "अल्मा-अता")), "place:city:almaty");
        assert_eq!(ms.len(), 2, "{ms:#?}");
        // A name nobody listed, after a title.
        let (ms, es) = link("राष्ट्रपति मारी-लुईज़ डुबोआ ने कहा।");
        let m = find(&ms, "मारी-लुईज़ डुबोआ");
        assert_eq!(m.kind, EntityKind::Person);
        assert!(!es[0].in_kb);
    }

    #[test]
    fn titles_and_home_states_are_no_part_of_a_person() {
        let run = link_with_ner;
        // `Mr. Jordan` is a person, never the country
        let ms = run(
            "Was he sure, Mr. Jordan asked, that it never happened?",
            "en",
        );
        assert!(
            ms.iter().all(|m| id(m) != "place:country:jordan"),
            "{ms:#?}"
        );
        // `Harry Reid of Nevada`: the person and his state
        let ms = run(
            "The majority leader, Senator Harry Reid of Nevada, spoke on Monday.",
            "en",
        );
        assert!(ms.iter().any(|m| m.text == "Harry Reid"), "{ms:#?}");
        assert!(ms.iter().all(|m| !m.text.contains(" of ")), "{ms:#?}");
        // … but a body keeps its place (`University of Texas`)
        let ms = run("She studied at the University of Texas in Austin.", "en");
        assert!(ms.iter().all(|m| m.text != "University"), "{ms:#?}");
        // a loose title before a Hindi name is no part of it
        let ms = run(
            "कड़ी सुरक्षा में सीबीआई अफसर सारिका जैन की अगुवाई में टीम पहुंची।",
            "hi",
        );
        assert!(ms.iter().all(|m| !m.text.starts_with("अफसर")), "{ms:#?}");
    }

    #[test]
    fn titles_pick_people_and_latin_needs_capitals() {
        let (ms, _) = link("President Vladimir Putin met the putin fans in Moscow.");
        assert_eq!(id(find(&ms, "Vladimir Putin")), "person:vladimir-putin");
        assert!(ms.iter().all(|m| m.text != "putin"));
        assert_eq!(id(find(&ms, "Moscow")), "place:city:moscow");
        // Common words that gazetteers list as names are not places.
        let (ms, _) = link("सोमवार को शहर में पूरी तैयारी थी।");
        assert!(ms.is_empty(), "{ms:#?}");
    }

    /// `X-led` compounds are no names, a body's head word before `for` is no town, and one
    /// word after an office bound to a place is the place.
    #[test]
    fn compounds_body_heads_and_place_offices() {
        let ms = link_with_ner(
            "The Republican-led House passed a Saudi-backed plan, said Mark Krikorian of the \
             Center for Immigration Studies.",
            "en",
        );
        assert!(
            ms.iter()
                .all(|m| !m.text.contains("-led") && !m.text.contains("-backed")),
            "{ms:#?}"
        );
        assert!(
            ms.iter().all(|m| id(m) != "place:city:center-north-dakota"),
            "{ms:#?}"
        );
        let ms = link_with_ner("एसडीएम गोला के निर्देश पर राहत दल गांव पहुंचा।", "hi");
        assert!(
            ms.iter()
                .all(|m| !(m.text == "गोला" && m.kind == EntityKind::Person)),
            "{ms:#?}"
        );
        // a loose title is no part of the name; a demonym ending a person's name is a surname
        let ms = link_with_ner(
            "युवक कांग्रेस जिलाध्यक्ष एजाज खान ने कहा कि मनु पंजाबी ने शो छोड़ दिया है।",
            "hi",
        );
        assert!(ms.iter().all(|m| !m.text.contains("जिलाध्यक्ष")), "{ms:#?}");
        assert!(ms.iter().all(|m| id(m) != "place:state:punjab"), "{ms:#?}");
        // a place in a site's name (`पल-पल इंडिया डॉट कॉम`) is no sure mention of the place
        let ms = link_with_ner("यह खबर पल-पल इंडिया डॉट कॉम पर छपी है।", "hi");
        assert!(
            ms.iter()
                .all(|m| !(id(m) == "place:country:india"
                    && m.confidence >= khabar_model::CONFIDENT)),
            "{ms:#?}"
        );
        // a day after a name is no part of it
        let ms = link_with_ner(
            "Speaking at the mosque, President Barack Obama Monday defended the plan.",
            "en",
        );
        assert!(ms.iter().all(|m| !m.text.ends_with("Monday")), "{ms:#?}");
        // a full name after the office stays a person
        let ms = link_with_ner("एसडीएम आबिद हुसैन ने राहत शिविर का निरीक्षण किया।", "hi");
        assert_eq!(find(&ms, "आबिद हुसैन").kind, EntityKind::Person, "{ms:#?}");
    }
}
