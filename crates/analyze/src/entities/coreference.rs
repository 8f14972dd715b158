//! Within one article: the chosen mentions linked, then joined (a surname to the full name it
//! belongs to, spelling variants to each other, never two people in one), each group given one
//! entity (its knowledge-base entry, else a new entity named by its longest mention), and the
//! mentions and entity list built.

use super::*;

/// Two mentions in one article are spellings of one name from this similarity on.
pub(super) const VARIANT_MIN: f32 = 0.88;

impl EntityLinker {
    /// Link the chosen mentions, join them within the article, and build the entity list.
    pub(super) fn resolve(
        &self,
        text: &str,
        toks: &[Tok],
        chosen: Vec<Cand>,
        sentences: &[Sentence],
        language: &str,
    ) -> (Vec<Mention>, Vec<EntityRef>) {
        let wh = self.whereabouts(&chosen, language);
        let n = chosen.len();
        // Last words of the people the article names in full: the same word alone, which the
        // English rules leave untyped (`Comey` after `James Comey`), is that person.
        let full_people: HashSet<&str> = chosen
            .iter()
            .filter(|c| {
                c.end - c.start > 1
                    && (c.kind == Some(EntityKind::Person)
                        || (!c.entries.is_empty()
                            && c.entries
                                .iter()
                                .all(|&e| self.entry(e).kind == EntityKind::Person)))
            })
            .map(|c| toks[c.end - 1].key)
            .collect();
        let mut chosen = chosen;
        for c in chosen.iter_mut() {
            if c.end - c.start == 1
                && c.source == Source::Ner
                && c.kind == Some(EntityKind::Other)
                && full_people.contains(toks[c.start].key)
            {
                c.kind = Some(EntityKind::Person);
            }
        }
        let mut links: Vec<Link> = Vec::with_capacity(n);
        let mut kinds: Vec<EntityKind> = Vec::with_capacity(n);
        let mut confs: Vec<f32> = Vec::with_capacity(n);
        let mut texts: Vec<&str> = Vec::with_capacity(n);
        type MemoKey<'t> = (&'t str, Option<String>, Source, Option<EntityKind>);
        let mut memo: HashMap<MemoKey, (Link, EntityKind, f32)> = HashMap::default();
        for c in &chosen {
            let span_text = &text[toks[c.start].span.start..toks[c.end - 1].span.end];
            texts.push(span_text);
            if c.source == Source::Demonym {
                let pi = c.entries[0];
                links.push(Link::Kb(pi));
                kinds.push(self.entry(pi).kind);
                confs.push(DEMONYM_CONFIDENCE);
                continue;
            }
            // a role title (`President`), else an honorific only people bear (`Mr.`, `श्री`)
            let title = self.title_before(toks, c.start).or_else(|| {
                let t = toks.get(c.start.checked_sub(1)?)?;
                personal_title(t.text).then(|| t.text.to_string())
            });
            let (link, kind, conf) = *memo
                .entry((span_text, title.clone(), c.source, c.kind))
                .or_insert_with(|| self.link_one(span_text, c, title.as_deref(), &wh));
            links.push(link);
            kinds.push(kind);
            confs.push(conf);
        }
        // Join within the article: surnames to full names, spelling variants to each other.
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        let ntok = |c: &Cand| c.end - c.start;
        let names: Vec<usize> = (0..n)
            .filter(|&i| chosen[i].source != Source::Demonym)
            .collect();
        let keys: Vec<String> = (0..n)
            .map(|i| {
                if chosen[i].source == Source::Demonym {
                    String::new()
                } else {
                    self.name_key(texts[i])
                }
            })
            .collect();
        let last_keys: Vec<Option<String>> = (0..n)
            .map(|i| (ntok(&chosen[i]) > 1).then(|| self.name_key(toks[chosen[i].end - 1].text)))
            .collect();
        // Given names that open exactly one person's full name in the article (`मनोज` of `मनोज
        // कुमार पांडे`): that word alone, a new name, is that person (Hindi reports call soldiers,
        // victims and film people by their given name).
        let first_keys: Vec<Option<String>> = (0..n)
            .map(|i| (ntok(&chosen[i]) > 1).then(|| self.name_key(toks[chosen[i].start].text)))
            .collect();
        let mut bearers: HashMap<&str, HashSet<&str>> = HashMap::default();
        for &i in &names {
            if let (Some(fk), EntityKind::Person) = (first_keys[i].as_deref(), kinds[i]) {
                bearers.entry(fk).or_default().insert(keys[i].as_str());
            }
        }
        // One name, one kind in an article: a new name the model tagged as a person here and a
        // place there (`यूलिया वंतूर`) takes the kind most of its mentions have (a tie goes to the
        // first mention's), so it is one entity, not two of the same name.
        {
            let mut votes: HashMap<&str, Vec<(EntityKind, usize, usize)>> = HashMap::default();
            for i in 0..n {
                if links[i] != Link::New || chosen[i].source == Source::Demonym {
                    continue;
                }
                let v = votes.entry(keys[i].as_str()).or_default();
                match v.iter_mut().find(|(k, _, _)| *k == kinds[i]) {
                    Some(x) => x.1 += 1,
                    None => v.push((kinds[i], 1, i)),
                }
            }
            for i in 0..n {
                if links[i] != Link::New || chosen[i].source == Source::Demonym {
                    continue;
                }
                if let Some(v) = votes.get(keys[i].as_str()) {
                    if let Some(&(k, _, _)) = v
                        .iter()
                        .max_by_key(|(_, c, first)| (*c, std::cmp::Reverse(*first)))
                    {
                        kinds[i] = k;
                    }
                }
            }
        }
        // Keys that could be spellings of each other: same first letter, similar length.
        let close = |x: &str, y: &str| {
            x.chars().next() == y.chars().next() && x.len().abs_diff(y.len()) <= 3
        };
        let mut sims: HashMap<(&str, &str), f32> = HashMap::default();
        // the full names (more than one word) of each group, by name key
        let mut fulls: HashMap<usize, Vec<&str>> = HashMap::default();
        for &i in &names {
            if ntok(&chosen[i]) > 1 {
                fulls.entry(i).or_default().push(keys[i].as_str());
            }
        }
        // knowledge-base people the article names in full (`Donald Trump`): their surname alone
        // is theirs, not a relative's named in full as well (`Melania Trump`)
        let named_in_full: HashSet<u32> = names
            .iter()
            .filter(|&&i| ntok(&chosen[i]) > 1)
            .filter_map(|&i| match links[i] {
                Link::Kb(e) => Some(e),
                Link::New => None,
            })
            .collect();
        for &i in &names {
            let Link::Kb(e) = links[i] else { continue };
            let c = &chosen[i];
            if ntok(c) != 1 || !matches!(c.source, Source::Exact | Source::Key) {
                continue;
            }
            let entry = self.entry(e);
            // (named by another mention: each of this entry's own counts for its parent too)
            let own = chosen
                .iter()
                .filter(|o| o.entries == [e] && !o.surname_only)
                .count() as u32;
            let parent_named = entry
                .parent
                .as_deref()
                .and_then(|p| self.by_id.get(p))
                .is_some_and(|p| wh.counts.get(p).is_some_and(|&n| n > own));
            // A given name alone (`प्रियंका`) is a famous bearer's only when the article names
            // that person in full or their state; else it is someone local, whose name it is.
            if entry.kind == EntityKind::Person
                && !c.surname_only
                && !named_in_full.contains(&e)
                && !parent_named
                && self.given_name_of(entry, texts[i])
            {
                links[i] = Link::New;
                kinds[i] = EntityKind::Person;
                confs[i] = confs[i].min(LONE_GUESS_CONFIDENCE);
            }
            // A place named by a word of prose, written as that word (`मुस्लिम आबादी वाली
            // बस्ती`, "settlement"; `इस बस्ती`): sure only with a place cue next to it (`बस्ती
            // जिले`, `जनपद बस्ती`) or its state named.
            // (districts and subdivisions: the level whose names are words of prose: बस्ती,
            // आनंद, हसन)
            let local = entry.kind == EntityKind::Place
                && matches!(entry.subtype.as_deref(), Some("district" | "subdivision"));
            let modified = c.start > 0 && noun_modifiers().contains(toks[c.start - 1].key);
            if local
                && modified
                && !is_latin(texts[i])
                && !parent_named
                && !self.place_cue_next_to(toks, c)
            {
                confs[i] = confs[i].min(LONE_GUESS_CONFIDENCE);
            }
        }
        for ai in 0..names.len() {
            for bi in ai + 1..names.len() {
                let (a, b) = (names[ai], names[bi]);
                if kinds[a] != kinds[b] || texts[a] == texts[b] {
                    continue;
                }
                if matches!((links[a], links[b]), (Link::Kb(_), Link::Kb(_))) {
                    continue;
                }
                let (short, long) = if ntok(&chosen[a]) <= ntok(&chosen[b]) {
                    (a, b)
                } else {
                    (b, a)
                };
                let surname = ntok(&chosen[short]) == 1
                    && kinds[a] == EntityKind::Person
                    && last_keys[long].as_deref().is_some_and(|lk| {
                        lk == keys[short]
                            || (close(lk, &keys[short]) && {
                                let last = toks[chosen[long].end - 1].text;
                                *sims
                                    .entry((texts[short], last))
                                    .or_insert_with(|| self.similarity(texts[short], last))
                                    >= VARIANT_MIN
                            })
                    });
                let given = !surname
                    && ntok(&chosen[short]) == 1
                    && kinds[a] == EntityKind::Person
                    && links[short] == Link::New
                    && first_keys[long].as_deref().is_some_and(|fk| {
                        fk == keys[short] && bearers.get(fk).is_some_and(|b| b.len() == 1)
                    });
                // The same person without a middle name (`सुशील मोदी`, `सुशील कुमार मोदी`): first
                // and last words agree, the longer name has more words.
                let middle_dropped = !surname
                    && !given
                    && kinds[a] == EntityKind::Person
                    && ntok(&chosen[short]) >= 2
                    && ntok(&chosen[long]) > ntok(&chosen[short])
                    && first_keys[short].is_some()
                    && first_keys[short] == first_keys[long]
                    && last_keys[short] == last_keys[long];
                if surname
                    && matches!(links[short], Link::Kb(e) if named_in_full.contains(&e)
                        && links[long] != Link::Kb(e))
                {
                    continue;
                }
                if surname {
                    // A surname linked on its own to an entry the full name does not fit
                    // belongs to the new person the full name names.
                    if let (Link::Kb(e), Link::New) = (links[short], links[long]) {
                        if self.similarity(texts[long], &self.entry(e).name_en) < KEY_MATCH_MIN {
                            links[short] = Link::New;
                        }
                    }
                }
                let variant = !surname
                    && (links[a] == Link::New || links[b] == Link::New)
                    && close(&keys[a], &keys[b])
                    && *sims
                        .entry((texts[a], texts[b]))
                        .or_insert_with(|| self.similarity(texts[a], texts[b]))
                        >= VARIANT_MIN;
                if surname || variant || given || middle_dropped {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    // a lone surname joins one full name: it never makes one person of two
                    // (`सिंह` between कबीर सिंह and शिवलेख सिंह)
                    let two_people = (surname || given)
                        && fulls.get(&ra).is_some_and(|x| {
                            fulls
                                .get(&rb)
                                .is_some_and(|y| x.iter().any(|k| !y.contains(k)))
                        });
                    if ra != rb && !two_people {
                        let (keep, gone) = (ra.min(rb), ra.max(rb));
                        parent[gone] = keep;
                        if let Some(moved) = fulls.remove(&gone) {
                            let into = fulls.entry(keep).or_default();
                            for k in moved {
                                if !into.contains(&k) {
                                    into.push(k);
                                }
                            }
                        }
                    }
                }
            }
        }
        // Each group takes one entity: its knowledge-base entry (only one may be present), else a
        // new entity named by its longest mention.
        let mut group_kb: HashMap<usize, u32> = HashMap::default();
        let mut group_rep: HashMap<usize, usize> = HashMap::default();
        let mut conflicted: HashSet<usize> = HashSet::default();
        for &i in &names {
            let r = find(&mut parent, i);
            if let Link::Kb(e) = links[i] {
                match group_kb.get(&r) {
                    Some(&x) if x != e => {
                        conflicted.insert(r);
                    }
                    _ => {
                        group_kb.insert(r, e);
                    }
                }
            }
            let rep = group_rep.entry(r).or_insert(i);
            let better = ntok(&chosen[i]) > ntok(&chosen[*rep])
                || (ntok(&chosen[i]) == ntok(&chosen[*rep]) && texts[i].len() > texts[*rep].len());
            if better {
                *rep = i;
            }
        }
        // Groups with a full name (more than one word) in them.
        let mut has_full: HashSet<usize> = HashSet::default();
        for &i in &names {
            if ntok(&chosen[i]) > 1 {
                has_full.insert(find(&mut parent, i));
            }
        }
        let mut mentions: Vec<Mention> = Vec::with_capacity(n);
        let mut entities: Vec<EntityRef> = Vec::new();
        let mut seen: HashMap<EntityId, usize> = HashMap::default();
        for i in 0..n {
            let c = &chosen[i];
            let span = Span::new(toks[c.start].span.start, toks[c.end - 1].span.end);
            let r = find(&mut parent, i);
            let (eref, relation) = if c.source == Source::Demonym {
                let Link::Kb(pi) = links[i] else { continue };
                (self.kb_ref(pi), MentionRelation::RelatedTo)
            } else {
                // A surname that fits several people and no full name in the article: whose it
                // is cannot be told, and it is often a common word (`कुमार`, `बॉस`).
                let lone = c.surname_only
                    && c.source != Source::Demonym
                    && !has_full.contains(&r)
                    && !group_kb.contains_key(&r);
                if lone {
                    continue;
                }
                let kb = if conflicted.contains(&r) {
                    match links[i] {
                        Link::Kb(e) => Some(e),
                        Link::New => None,
                    }
                } else {
                    group_kb.get(&r).copied()
                };
                let eref = match kb {
                    Some(e) => self.kb_ref(e),
                    None => {
                        let rep = if conflicted.contains(&r) {
                            i
                        } else {
                            group_rep.get(&r).copied().unwrap_or(i)
                        };
                        new_ref(texts[rep], kinds[i], self.name_key(texts[rep]))
                    }
                };
                (eref, MentionRelation::Names)
            };
            // A mention joined to a knowledge-base entry through its group (a surname, a
            // variant) is as sure as the join; one of a new entity as its own link. A new entity
            // the model found as one word and nothing else in the article names more fully
            // (`छलावा`, `Republican`, `Quiz`) is a guess: below the bar.
            // a place inside a body's name (`भारतीय मजदूर संघ`: the word after it, or the one
            // after that, heads a body's name) is no mention of the place
            let in_body_name = eref.kind == EntityKind::Place
                && (c.end..(c.end + 2).min(toks.len())).any(|k| body_heads().contains(toks[k].key));
            let confidence = match (links[i], eref.in_kb) {
                _ if in_body_name => confs[i].min(LONE_GUESS_CONFIDENCE),
                (Link::New, true) => confs[i].max(JOINED_CONFIDENCE),
                (Link::New, false)
                    if c.source == Source::Ner && ntok(c) == 1 && !has_full.contains(&r) =>
                {
                    confs[i].min(LONE_GUESS_CONFIDENCE)
                }
                _ => confs[i],
            };
            let sentence = sentences
                .partition_point(|s| s.span.end <= span.start)
                .min(sentences.len().saturating_sub(1));
            mentions.push(Mention {
                span,
                sentence,
                text: texts[i].to_string(),
                kind: eref.kind,
                entity: Some(eref.id.clone()),
                relation,
                confidence,
            });
            match seen.get(&eref.id) {
                Some(&k) => {
                    let e: &mut EntityRef = &mut entities[k];
                    e.confidence = e.confidence.max(confidence);
                }
                None => {
                    seen.insert(eref.id.clone(), entities.len());
                    entities.push(EntityRef { confidence, ..eref });
                }
            }
        }
        (mentions, entities)
    }
}

impl EntityLinker {
    /// Whether `word` is the first word of a person's longer name (`प्रियंका` of `प्रियंका गांधी
    /// वाड्रा`), in either language: a given name many people bear.
    pub(super) fn given_name_of(&self, entry: &Entry, word: &str) -> bool {
        let key = search_key(word);
        [Some(entry.name_en.as_str()), entry.name_hi.as_deref()]
            .into_iter()
            .flatten()
            .any(|name| {
                let mut words = name.split_whitespace();
                words.next().is_some_and(|w| search_key(w) == key) && words.next().is_some()
            })
    }

    /// Whether a place cue or a place-bound office stands right before or after the mention
    /// (`बस्ती जिले`, `जनपद बस्ती`, `तहसील बड़कोट`).
    pub(super) fn place_cue_next_to(&self, toks: &[Tok], c: &Cand) -> bool {
        let next = toks
            .get(c.end)
            .is_some_and(|t| place_cues().contains(t.key));
        let before = c.start > 0
            && (place_cues().contains(toks[c.start - 1].key)
                || place_offices().contains(toks[c.start - 1].key));
        next || before
    }
}

/// A new entity named `name`, whose [`name_key`] is `key`.
pub(super) fn new_ref(name: &str, kind: EntityKind, key: String) -> EntityRef {
    // A name as written may hold a line break or two spaces between its words (`मनवीर  गुर्जर`):
    // its entity is named with one space.
    let spaced = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = spaced.as_str();
    let readable = if let Some(latin) = khabar_kb::acronym::devanagari_to_latin(name) {
        latin
    } else if name.chars().any(is_devanagari) {
        khabar_text::names::romanize_name(name)
    } else {
        name.to_string()
    };
    EntityRef {
        id: new_entity_id(kind, &key),
        kind,
        name: readable,
        name_hi: name.chars().any(is_devanagari).then(|| name.to_string()),
        in_kb: false,
        key,
        confidence: 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::*;

    /// A new entity is named with one space between its words, however the text spaced them.
    #[test]
    fn new_entities_are_named_with_single_spaces() {
        let e = new_ref("मनवीर  गुर्जर", EntityKind::Person, "mnvr grjr".into());
        assert_eq!(e.name_hi.as_deref(), Some("मनवीर गुर्जर"));
        assert!(!e.name.contains("  "), "{e:?}");
        let e = new_ref("Rancho\nMirage", EntityKind::Place, "rancho mirage".into());
        assert_eq!(e.name, "Rancho Mirage");
    }

    #[test]
    fn surnames_join_full_names_in_an_article() {
        let text =
            "कर्नल-जनरल अर्काडी वोल्कोनोव ने कहा कि सेना लौटेगी। बाद में वोल्कोनोव ने बताया कि काम पूरा हुआ।";
        let (ms, es) = link(text);
        let full = find(&ms, "अर्काडी वोल्कोनोव");
        let short = find(&ms, "वोल्कोनोव");
        assert_eq!(full.entity, short.entity);
        assert_eq!(es.len(), 1);
        assert!(!es[0].in_kb);
        assert_eq!(es[0].kind, EntityKind::Person);
        assert!(es[0].name.starts_with('A'), "{}", es[0].name);
        // Known people too, across spellings: टोकायव, टोकायेव.
        let (ms, _) = link("राष्ट्रपति कसीम-जोमार्ट टोकायव ने कहा। टोकायेव ने बताया। टोकायव बोले।");
        let ids: HashSet<&str> = ms.iter().map(id).collect();
        assert_eq!(ids.len(), 1, "{ms:#?}");
        assert!(ids.contains("person:kassym-jomart-tokayev"));
    }

    #[test]
    fn a_surname_stays_with_the_known_person_named_in_full() {
        // `Trump` alone is Donald Trump, named in full first, not a relative named later
        let ms = link_with_ner(
            "Donald Trump spoke on Monday. His wife Melania Trump smiled. Trump left early.",
            "en",
        );
        let last = ms.iter().rev().find(|m| m.text == "Trump").expect("Trump");
        assert_eq!(id(last), "person:donald-trump", "{ms:#?}");
        let melania = find(&ms, "Melania Trump");
        assert_ne!(id(melania), "person:donald-trump");
    }

    #[test]
    fn new_entities_share_ids_across_articles() {
        let (a, ea) = link("प्रधानमंत्री अर्काडी वोल्कोनोव ने कहा।");
        let (b, eb) = link("देश के मंत्री अर्काडी वोल्कोनोव से मिले।");
        let x = find(&a, "अर्काडी वोल्कोनोव");
        let y = find(&b, "अर्काडी वोल्कोनोव");
        assert_eq!(x.entity, y.entity);
        assert_eq!(ea[0].key, eb[0].key);
        assert_eq!(
            x.entity.as_ref().unwrap(),
            &new_entity_id(EntityKind::Person, &ea[0].key)
        );
        // A different name gets a different id.
        let (c, _) = link("प्रधानमंत्री बोरिस ग्रेचको ने कहा।");
        assert_ne!(find(&c, "बोरिस ग्रेचको").entity, x.entity);
    }

    /// A given name alone is the one person of the article whose full name it opens; with two
    /// such people it is neither's.
    #[test]
    fn a_given_name_joins_the_one_full_name_it_opens() {
        let text = "लेफ्टिनेंट मनोज कुमार पांडे ने बंकर तबाह किए। मनोज ने साथियों से कहा कि आगे बढ़ो।";
        let ms = link_with_ner(text, "hi");
        let full = find(&ms, "मनोज कुमार पांडे");
        let given = find(&ms, "मनोज");
        assert_eq!(full.entity, given.entity, "{ms:#?}");
        let text = "मनोज कुमार पांडे और मनोज सिंह बघेला ने बंकर तबाह किए। मनोज ने साथियों से कहा कि आगे बढ़ो।";
        let ms = link_with_ner(text, "hi");
        let given = ms.iter().find(|m| m.text == "मनोज");
        for full in ["मनोज कुमार पांडे", "मनोज सिंह बघेला"]
        {
            if let (Some(g), Some(f)) = (given, ms.iter().find(|m| m.text == full)) {
                assert_ne!(g.entity, f.entity, "{ms:#?}");
            }
        }
    }

    /// A full name without its middle name is the same person.
    #[test]
    fn a_name_without_its_middle_name_is_the_same_person() {
        let text = "उपमुख्यमंत्री सुशील कुमार मोदी ने बैठक की। उपमुख्यमंत्री सुशील मोदी ने कहा कि राहत जारी है।";
        let ms = link_with_ner(text, "hi");
        let full = find(&ms, "सुशील कुमार मोदी");
        let short = find(&ms, "सुशील मोदी");
        assert_eq!(full.entity, short.entity, "{ms:#?}");
    }

    /// A given name alone is a famous bearer's only when the article names them in full; a
    /// place named by a word of prose needs a place cue.
    #[test]
    fn given_names_and_prose_words_are_no_sure_links_alone() {
        let sure = khabar_model::CONFIDENT;
        let priyanka = "person:priyanka-gandhi-vadra";
        let ms = link_with_ner("गांव की प्रियंका ने परीक्षा में पहला स्थान पाया।", "hi");
        assert!(
            ms.iter()
                .all(|m| !(id(m) == priyanka && m.confidence >= sure)),
            "{ms:#?}"
        );
        let ms = link_with_ner(
            "प्रियंका गांधी वाड्रा ने रैली की। बाद में प्रियंका ने कहा कि सरकार विफल है।",
            "hi",
        );
        let alone = ms
            .iter()
            .rev()
            .find(|m| m.text == "प्रियंका")
            .expect("प्रियंका");
        assert_eq!(id(alone), priyanka, "{ms:#?}");
        assert!(alone.confidence >= sure, "{alone:?}");
        // `बस्ती` ("settlement") after a modifier is the word; after a place cue the district
        let basti = "place:district:basti";
        let ms = link_with_ner("मुस्लिम आबादी वाली बस्ती में देर रात आग लग गई।", "hi");
        assert!(
            ms.iter().all(|m| !(id(m) == basti && m.confidence >= sure)),
            "{ms:#?}"
        );
        let ms = link_with_ner("जनपद बस्ती में बाढ़ से कई गांव डूब गए।", "hi");
        assert!(
            ms.iter().any(|m| id(m) == basti && m.confidence >= sure),
            "{ms:#?}"
        );
    }
}
