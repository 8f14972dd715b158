use super::*;
use khabar_model::{ArticleId, Span};
use khabar_model::{EntityId, EntityKind, MentionRelation, PubTime, QuantityKind};

fn doc(id: &str, title: &str, text: &str, date: &str) -> Document {
    Document {
        id: ArticleId::from(id),
        source: id.into(),
        url: None,
        outlet: Some(format!("outlet-{id}")),
        title: Some(title.into()),
        author: None,
        authors: vec![],
        published: PubTime::parse(date).ok(),
        updated: None,
        language: Some("hi".into()),
        dateline: None,
        paragraphs: vec![Span::new(0, text.len())],
        text: text.into(),
        captions: vec![],
        dropped: vec![],
        fingerprint: id.into(),
    }
}

fn corpus() -> Vec<Document> {
    vec![
        doc("a1", "पटना में बाढ़ से हजारों लोग बेघर", "बिहार की राजधानी पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई। हजारों लोग बेघर हो गए और राहत शिविरों में रह रहे हैं।", "2020-08-01"),
        doc("b1", "क्रिकेट: भारत ने ऑस्ट्रेलिया को हराया", "मेलबर्न में खेले गए टेस्ट मैच में भारत ने ऑस्ट्रेलिया को आठ विकेट से हराया। कप्तान ने टीम की तारीफ की।", "2020-08-01"),
        doc("a2", "पटना में गंगा उफान पर, बाढ़ से बेघर हुए लोग", "पटना में गंगा का जलस्तर खतरे के निशान से ऊपर है। बाढ़ के कारण लोग बेघर हुए, प्रशासन ने राहत शिविर खोले।", "2020-08-02"),
        doc("a3", "Patna floods", "पटना बाढ़ गंगा जलस्तर राहत शिविर बेघर", "2020-09-30"),
    ]
}

/// An analysis with nothing found for every document (the learned decision takes analysed
/// articles only).
fn empty_analyses(docs: &[Document]) -> Vec<Analysis> {
    docs.iter()
        .map(|d| Analysis::empty(d.id.clone(), "hi"))
        .collect()
}

fn story_of(stories: &[Story], id: &str) -> usize {
    stories
        .iter()
        .position(|s| s.articles.iter().any(|a| a.as_str() == id))
        .unwrap()
}

#[test]
fn same_event_together_others_apart_and_window_respected() {
    let c = corpus();
    let refs: Vec<&Document> = c.iter().collect();
    let stories = cluster(&refs, &[], &Config::default());
    let of = |id: &str| story_of(&stories, id);
    assert_eq!(of("a1"), of("a2"));
    assert_ne!(of("a1"), of("b1"));
    // Two months later: outside the window, a new story.
    assert_ne!(of("a1"), of("a3"));
    let s = &stories[of("a1")];
    assert_eq!(s.id, StoryId::from_key("a1"));
    assert_eq!(s.articles.len(), 2);
    assert!(
        s.shared_terms.iter().any(|t| t == "पटना"),
        "{:?}",
        s.shared_terms
    );
    assert_eq!(s.outlets.len(), 2);
}

#[test]
fn same_result_for_any_input_order() {
    let c = corpus();
    let fwd: Vec<&Document> = c.iter().collect();
    let rev: Vec<&Document> = c.iter().rev().collect();
    let mid: Vec<&Document> = vec![&c[2], &c[0], &c[3], &c[1]];
    let base = cluster(&fwd, &[], &Config::default());
    assert_eq!(base, cluster(&rev, &[], &Config::default()));
    assert_eq!(base, cluster(&mid, &[], &Config::default()));
}

#[test]
fn with_the_learned_decision_any_input_order_gives_the_same_stories() {
    let c = corpus();
    let analyses = empty_analyses(&c);
    let config = Config::default();
    assert!(config.linker.is_some_and(|l| l.start.is_some()));
    let orders = [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [2, 0, 3, 1],
        [1, 3, 0, 2],
        [0, 2, 1, 3],
    ];
    let pick = |o: &[usize; 4]| -> (Vec<&Document>, Vec<&Analysis>) {
        (
            o.iter().map(|&i| &c[i]).collect(),
            o.iter().rev().map(|&i| &analyses[i]).collect(),
        )
    };
    let (d0, a0) = pick(&orders[0]);
    let base = cluster(&d0, &a0, &config);
    // The flood reports of one week go together, the cricket report and the one two months
    // later apart.
    assert_eq!(story_of(&base, "a1"), story_of(&base, "a2"));
    assert_ne!(story_of(&base, "a1"), story_of(&base, "b1"));
    assert_ne!(story_of(&base, "a1"), story_of(&base, "a3"));
    for o in &orders {
        let (d, a) = pick(o);
        assert_eq!(cluster(&d, &a, &config), base);
        // The grouping alone is the stories' membership.
        let members: Vec<Vec<ArticleId>> = base.iter().map(|s| s.articles.clone()).collect();
        assert_eq!(groups(&d, &a, &config), members);
    }
}

#[test]
fn records_decided_again_give_the_one_pass_stories() {
    // Two flood reports a day apart, a cricket report, a copy of the first flood report and a
    // flood report two months later.
    let mut c = corpus();
    let copy_text = c[0].text.clone();
    c.push(doc("a1c", "पटना में बाढ़", &copy_text, "2020-08-01T10:00:00Z"));
    let analyses = empty_analyses(&c);
    let refs: Vec<&Document> = c.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    for config in [
        Config::default(),
        Config {
            linker: None,
            ..Config::default()
        },
    ] {
        let (stories, recorded, _) = cluster_recording(&refs, &a, &config);
        let mut again = Clusterer::new(config);
        for (id, rec) in &recorded {
            again.push_redecided(id, rec);
        }
        let members: Vec<Vec<ArticleId>> = stories.iter().map(|s| s.articles.clone()).collect();
        let groups: Vec<Group> = again.finish();
        assert_eq!(
            groups
                .iter()
                .map(|g| g.articles.clone())
                .collect::<Vec<_>>(),
            members
        );
        // The copy is found again from its record.
        let flood = &groups[story_of(&stories, "a1")];
        assert!(flood.articles.iter().any(|x| x.as_str() == "a1c"));
        assert_eq!(flood.copies.len(), 1, "{flood:?}");
    }
}

#[test]
fn a_replayed_record_names_its_rivals_and_can_follow_another_article() {
    let c = corpus();
    let analyses = empty_analyses(&c);
    let refs: Vec<&Document> = c.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let config = Config::default();
    let (_, recorded, _) = cluster_recording(&refs, &a, &config);
    let rec = |id: &str| {
        recorded
            .iter()
            .find(|(a, _)| a.as_str() == id)
            .map(|(_, r)| r)
            .unwrap()
    };
    let (a1, b1, a2, a3) = (
        ArticleId::from("a1"),
        ArticleId::from("b1"),
        ArticleId::from("a2"),
        ArticleId::from("a3"),
    );
    let mut again = Clusterer::new(config);
    assert!(again.rivals(rec("a1")).is_empty(), "nothing open yet");
    again.push_recorded(&a1, rec("a1"), &StoryId("shown-flood".into()));
    again.push_recorded(&b1, rec("b1"), &StoryId("shown-cricket".into()));
    // The second flood report would be weighed against the flood story (named by its first
    // article), not the cricket one.
    let rivals = again.rivals(rec("a2"));
    assert!(rivals.contains(&a1), "{rivals:?}");
    assert!(!rivals.contains(&b1), "{rivals:?}");
    assert_eq!(again.anchor_of(&b1), Some(&b1));
    assert_eq!(again.anchor_of(&a2), None, "not pushed yet");
    // Replayed beside the cricket report it goes where that report is, with no decision.
    assert!(again.push_recorded_beside(&a2, rec("a2"), &b1));
    assert_eq!(again.anchor_of(&a2), Some(&b1));
    // Beside an article that is not here: nothing is pushed.
    assert!(!again.push_recorded_beside(&a3, rec("a3"), &ArticleId::from("elsewhere")));
    let groups = again.finish();
    let cricket = groups.iter().find(|g| g.id.0 == "shown-cricket").unwrap();
    assert_eq!(cricket.articles, vec![b1, a2]);
    assert_eq!(groups.iter().map(|g| g.articles.len()).sum::<usize>(), 3);
}

#[test]
fn appending_later_articles_never_renames_a_story() {
    let c = corpus();
    let first: Vec<&Document> = c[..3].iter().collect();
    let all: Vec<&Document> = c.iter().collect();
    let before = cluster(&first, &[], &Config::default());
    let after = cluster(&all, &[], &Config::default());
    for s in &before {
        let t = after
            .iter()
            .find(|t| t.id == s.id)
            .expect("story kept its id");
        assert!(s.articles.iter().all(|a| t.articles.contains(a)));
    }
}

#[test]
fn the_window_is_a_hard_limit_even_for_identical_text() {
    let c = [
        doc(
            "x1",
            "पटना में बाढ़",
            "पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई, हजारों लोग बेघर।",
            "2020-08-01",
        ),
        doc(
            "x2",
            "पटना में बाढ़",
            "पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई, हजारों लोग बेघर।",
            "2020-08-02",
        ),
        doc(
            "x3",
            "पटना में बाढ़",
            "पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई, हजारों लोग बेघर।",
            "2020-08-20",
        ),
    ];
    let refs: Vec<&Document> = c.iter().collect();
    let config = Config {
        copy_jaccard: 1.1, // copies off: test the window alone
        ..Config::default()
    };
    let stories = cluster(&refs, &[], &config);
    assert_eq!(story_of(&stories, "x1"), story_of(&stories, "x2"));
    assert_ne!(story_of(&stories, "x1"), story_of(&stories, "x3"));
}

#[test]
fn wire_copies_are_grouped_with_their_agency() {
    let wire = "नई दिल्ली, (भाषा) केंद्र सरकार ने सोमवार को कहा कि देश के सभी राज्यों में अगले सप्ताह से टीकाकरण का नया चरण शुरू होगा और इसके लिए पर्याप्त खुराक भेज दी गई है। स्वास्थ्य मंत्रालय के अधिकारियों ने बताया कि पहले चरण में बुजुर्गों और स्वास्थ्य कर्मियों को प्राथमिकता दी जाएगी।";
    let edited = wire.replace("पर्याप्त", "जरूरी");
    let c = [
        doc(
            "w1",
            "टीकाकरण का नया चरण अगले सप्ताह से",
            wire,
            "2021-03-01T10:00:00+05:30",
        ),
        doc(
            "w2",
            "अगले हफ्ते से नया टीकाकरण चरण",
            &edited,
            "2021-03-01T11:00:00+05:30",
        ),
        doc(
            "w3",
            "टीकाकरण का नया चरण",
            wire,
            "2021-03-01T12:00:00+05:30",
        ),
        doc(
            "o1",
            "क्रिकेट: भारत ने ऑस्ट्रेलिया को हराया",
            "मेलबर्न में खेले गए टेस्ट मैच में भारत ने ऑस्ट्रेलिया को आठ विकेट से हराया। कप्तान ने टीम की तारीफ की।",
            "2021-03-01",
        ),
    ];
    let refs: Vec<&Document> = c.iter().collect();
    let stories = cluster(&refs, &[], &Config::default());
    let s = &stories[story_of(&stories, "w1")];
    assert_eq!(s.articles.len(), 3, "{s:?}");
    assert_eq!(s.copies.len(), 1, "{:?}", s.copies);
    let g = &s.copies[0];
    assert_eq!(g.original.as_str(), "w1");
    assert_eq!(
        g.copies.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        vec!["w2", "w3"]
    );
    assert_eq!(g.agency.as_deref(), Some("PTI-Bhasha"));
    assert!(stories[story_of(&stories, "o1")].copies.is_empty());
    // The same wire text re-run a month later is a new story, not a copy.
    let late = doc("w4", "टीकाकरण का नया चरण", wire, "2021-04-02");
    let mut refs = refs;
    refs.push(&late);
    let stories = cluster(&refs, &[], &Config::default());
    assert_ne!(story_of(&stories, "w1"), story_of(&stories, "w4"));
    assert_eq!(stories[story_of(&stories, "w1")].articles.len(), 3);
}

#[test]
fn shared_linked_entities_pull_reports_together() {
    use khabar_model::{EntityRef, Mention};
    // Two short reports that share few words but name the same linked person and place.
    let c = [
        doc(
            "e1",
            "राष्ट्रपति का दौरा",
            "मोदी आज कज़ाख़स्तान पहुंचे और वहां नेताओं से मिले।",
            "2022-01-05",
        ),
        doc(
            "e2",
            "यात्रा पर प्रधानमंत्री",
            "Modi arrived in Kazakhstan on a visit; नूर सुल्तान में स्वागत हुआ।",
            "2022-01-05",
        ),
    ];
    let analysis = |d: &Document, names: &[(&str, &str, EntityKind)]| {
        let mut a = Analysis::empty(d.id.clone(), "hi");
        for (text, id, kind) in names {
            let start = d.text.find(text).unwrap();
            a.mentions.push(Mention {
                span: Span::new(start, start + text.len()),
                sentence: 0,
                text: text.to_string(),
                kind: *kind,
                entity: Some(EntityId::from(*id)),
                relation: MentionRelation::Names,
                confidence: 1.0,
            });
            a.entities.push(EntityRef {
                id: EntityId::from(*id),
                kind: *kind,
                name: id.to_string(),
                name_hi: None,
                in_kb: true,
                key: id.to_string(),
                confidence: 1.0,
            });
        }
        a
    };
    let a1 = analysis(
        &c[0],
        &[
            ("मोदी", "kb:modi", EntityKind::Person),
            ("कज़ाख़स्तान", "kb:kz", EntityKind::Place),
        ],
    );
    let a2 = analysis(
        &c[1],
        &[
            ("Modi", "kb:modi", EntityKind::Person),
            ("Kazakhstan", "kb:kz", EntityKind::Place),
        ],
    );
    let refs: Vec<&Document> = c.iter().collect();
    // The hand-set score, its entity channel weighed up so that two names alone decide (the
    // default weighs it less).
    let config = Config {
        linker: None,
        entity_weight: 1.0,
        ..Config::default()
    };
    let without = cluster(&refs, &[], &config);
    assert_ne!(story_of(&without, "e1"), story_of(&without, "e2"));
    let with = cluster(&refs, &[&a1, &a2], &config);
    assert_eq!(story_of(&with, "e1"), story_of(&with, "e2"));
    let s = &with[story_of(&with, "e1")];
    assert_eq!(s.entities.len(), 2);
    assert_eq!(s.entities[0].articles, 2);
}

#[test]
fn corrections_merge_and_split_keep_ids_stable() {
    let c = corpus();
    let refs: Vec<&Document> = c.iter().collect();
    let stories = cluster(&refs, &[], &Config::default());
    let flood = stories[story_of(&stories, "a1")].id.clone();
    let cricket = stories[story_of(&stories, "b1")].id.clone();
    let n = stories.len();
    // Merge the cricket story into the flood story: the flood id stays.
    let merged = apply_corrections(
        stories.clone(),
        &refs,
        &[Correction::Merge {
            into: flood.clone(),
            from: cricket.clone(),
        }],
    );
    assert_eq!(merged.len(), n - 1);
    let s = merged.iter().find(|s| s.id == flood).unwrap();
    let ids: Vec<&str> = s.articles.iter().map(|a| a.as_str()).collect();
    assert_eq!(ids, vec!["a1", "b1", "a2"], "oldest first, ties by id");
    assert_eq!(s.outlets.len(), 3);
    assert!(merged.iter().all(|s| s.id != cricket));
    // Split a2 out again: it founds its own story, with the id a2 would give.
    let split = apply_corrections(
        merged,
        &refs,
        &[Correction::Split {
            articles: vec![ArticleId::from("a2")],
        }],
    );
    let s = split
        .iter()
        .find(|s| s.articles.iter().any(|a| a.as_str() == "a2"))
        .unwrap();
    assert_eq!(s.id, StoryId::from_key("a2"));
    assert_eq!(s.articles.len(), 1);
    assert_eq!(
        split.iter().find(|s| s.id == flood).unwrap().articles.len(),
        2
    );
    // Unknown ids are skipped; the serialised form is tagged.
    let same = apply_corrections(
        split.clone(),
        &refs,
        &[Correction::Merge {
            into: StoryId::from("nope"),
            from: flood,
        }],
    );
    assert_eq!(same, split);
    let json = serde_json::to_string(&Correction::Split { articles: vec![] }).unwrap();
    assert_eq!(json, r#"{"op":"split","articles":[]}"#);
}

/// A stream of `rounds` repetitions of the corpus, each shifted by `gap_days`.
fn repeated(rounds: usize, gap_days: i64) -> Vec<Document> {
    let mut out = Vec::new();
    for r in 0..rounds {
        for d in corpus() {
            let ts = d.published.map(|p| p.timestamp()).unwrap_or(0) + r as i64 * gap_days * 86_400;
            let published =
                chrono::DateTime::from_timestamp(ts, 0).map(|t| PubTime::Zoned(t.fixed_offset()));
            out.push(Document {
                id: ArticleId(format!("{}-{r}", d.id.as_str())),
                published,
                ..d
            });
        }
    }
    out
}

#[test]
fn streaming_closes_old_stories_and_matches_the_batch() {
    let docs = repeated(6, 90);
    let mut sorted: Vec<&Document> = docs.iter().collect();
    sorted.sort_by_key(|d| (d.published.map(|p| p.timestamp()), d.id.clone()));
    let mut c = Clusterer::new(Config::default());
    let mut streamed: Vec<Group> = Vec::new();
    let mut most_open = 0;
    for d in &sorted {
        c.push(d, None);
        streamed.extend(c.finished());
        most_open = most_open.max(c.open_articles());
    }
    // Only the articles of the last few weeks are held, never the whole stream.
    assert!(most_open <= 4, "{most_open}");
    assert!(c.open_stories() < 4);
    streamed.extend(c.finish());
    // Same stories, with the same ids, as the batch clustering of the whole set.
    let batch = cluster(&sorted, &[], &Config::default());
    let mut a: Vec<(StoryId, Vec<ArticleId>)> =
        streamed.into_iter().map(|g| (g.id, g.articles)).collect();
    let mut b: Vec<(StoryId, Vec<ArticleId>)> =
        batch.into_iter().map(|s| (s.id, s.articles)).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert_eq!(a.len(), 6 * 3);
}

#[test]
fn closed_stories_leave_the_indexes() {
    let docs = repeated(3, 30);
    let mut c = Clusterer::new(Config::default());
    let mut sorted: Vec<&Document> = docs.iter().collect();
    sorted.sort_by_key(|d| (d.published.map(|p| p.timestamp()), d.id.clone()));
    for d in &sorted {
        c.push(d, None);
    }
    let before: usize = c.by_term.values().map(Vec::len).sum();
    let closed = c.finished();
    assert!(!closed.is_empty());
    let after: usize = c.by_term.values().map(Vec::len).sum();
    assert!(after < before, "{before} → {after}");
    for list in c.by_term.values().chain(c.by_entity.values()) {
        assert!(list.iter().all(|s| c.stories.contains_key(s)));
    }
    assert!(c.live.values().all(|a| c.stories.contains_key(&a.story)));
    // A story closed at the window's edge is not handed out twice.
    assert!(c.finished().is_empty());
}

#[test]
fn year_of_reads_four_digit_years_in_any_script() {
    assert_eq!(year_of("2019"), Some(2019));
    assert_eq!(year_of("२०२०"), Some(2020));
    assert_eq!(year_of("1850"), None);
    assert_eq!(year_of("20190"), None);
    assert_eq!(year_of("19a9"), None);
}

#[test]
fn cached_words_give_the_same_signature_as_the_document() {
    let d = &corpus()[0];
    let mut c = Clusterer::new(Config::default());
    let mut lex = Lexicon::default();
    let f = features(d, None, &mut lex, &mut c.terms, &mut c.ent_names);
    assert!(f.sig.is_some());
    assert_eq!(f.sig, copies::signature(d));
    // A second pass hits the cache and gives the same features.
    let g = features(d, None, &mut lex, &mut c.terms, &mut c.ent_names);
    assert_eq!((f.counts, f.title, f.sig), (g.counts, g.title, g.sig));
}

#[test]
fn a_copy_outside_the_window_of_its_original_starts_a_new_story() {
    // The original's story keeps going (a follow-up on day 6), but the re-run of the
    // original text on day 10 is more than the window after the original itself.
    let wire = "पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई और हजारों लोग बेघर हो गए, प्रशासन ने राहत शिविर खोले हैं जहां भोजन बांटा जा रहा है।";
    let c = [
        doc("w1", "पटना में बाढ़", wire, "2020-08-01"),
        doc(
            "w2",
            "पटना बाढ़: राहत शिविरों में भीड़",
            "पटना के राहत शिविरों में बाढ़ से बेघर लोगों की भीड़ बढ़ी, गंगा का जलस्तर अब भी ऊपर।",
            "2020-08-06",
        ),
        doc("w3", "पटना में बाढ़", wire, "2020-08-10"),
    ];
    let refs: Vec<&Document> = c.iter().collect();
    let stories = cluster(&refs, &[], &Config::default());
    let s = &stories[story_of(&stories, "w3")];
    assert!(
        s.copies.iter().all(|g| g.original.as_str() != "w1"),
        "{:?}",
        s.copies
    );
}

#[test]
fn a_story_fed_every_few_days_does_not_chain_for_ever() {
    // The same report every 5 days for 200 days: always inside the window of the latest
    // article, but the decay counts from the story's mean time, so the chain breaks up.
    let docs: Vec<Document> = (0..40)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Duration::days(5 * i);
            doc(
                &format!("c{i:02}"),
                "पटना में बाढ़ से हजारों लोग बेघर",
                "बिहार की राजधानी पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई। हजारों लोग बेघर हो गए।",
                &day.to_string(),
            )
        })
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let config = Config {
        copy_jaccard: 1.1, // copies off: the similarity alone
        ..Config::default()
    };
    let stories = cluster(&refs, &[], &config);
    assert!(stories.len() > 1);
    for s in &stories {
        let span = s.last_published.unwrap().timestamp() - s.first_published.unwrap().timestamp();
        assert!(span <= 120 * 86_400, "{} days", span / 86_400);
    }
}

#[test]
fn a_shared_count_of_the_same_kind_raises_the_score() {
    use khabar_model::Quantity;
    let d = corpus();
    let with_count = |d: &Document, n: f64| {
        let mut a = Analysis::empty(d.id.clone(), "hi");
        a.quantities.push(Quantity {
            span: Span::new(0, 1),
            sentence: 0,
            text: n.to_string(),
            value: Some(n),
            approximate: false,
            vague: false,
            kind: QuantityKind::Count,
            unit: None,
            what: Some("लोग".into()),
            confidence: 1.0,
        });
        a
    };
    let config = Config {
        fact_bonus: 0.06,
        ..Config::default()
    };
    let mut c = Clusterer::new(config);
    c.push(&d[0], Some(&with_count(&d[0], 3000.0)));
    let score_with = |c: &mut Clusterer, a: &Analysis| {
        let f = features(
            &d[2],
            Some(a),
            &mut c.lexicon,
            &mut c.terms,
            &mut c.ent_names,
        );
        let body = weigh(&f.counts, &c.df, config.idf_prior, config.vector_terms);
        let title_counts: Vec<(u32, f32)> = f.title.iter().map(|&t| (t, 1.0)).collect();
        let title = weigh(&title_counts, &c.df, config.idf_prior, 0);
        let s = c.stories.values().next().unwrap();
        c.score(s, f.ts, &body, &title, &Vec::new(), &f)
    };
    let same = score_with(&mut c, &with_count(&d[2], 3000.0));
    let other = score_with(&mut c, &with_count(&d[2], 45.0));
    assert!(
        (same - other - 0.06 * (-1.0f32 / 15.0).exp()).abs() < 1e-4,
        "{same} {other}"
    );
    assert!(Config::default().fact_bonus > 0.0);
}

#[test]
fn the_linker_does_not_chain_a_story_fed_every_few_days() {
    // As above, with (empty) analyses so that the learned linker decides: a story is joined
    // only within two windows of its mean time.
    let docs: Vec<Document> = (0..40)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Duration::days(5 * i);
            doc(
                &format!("l{i:02}"),
                "पटना में बाढ़ से हजारों लोग बेघर",
                "बिहार की राजधानी पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई। हजारों लोग बेघर हो गए।",
                &day.to_string(),
            )
        })
        .collect();
    let analyses = empty_analyses(&docs);
    let refs: Vec<&Document> = docs.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let config = Config {
        copy_jaccard: 1.1,
        ..Config::default()
    };
    assert!(config.linker.is_some());
    let stories = cluster(&refs, &a, &config);
    assert!(stories.len() > 1);
    for s in &stories {
        let span = s.last_published.unwrap().timestamp() - s.first_published.unwrap().timestamp();
        assert!(span <= 60 * 86_400, "{} days", span / 86_400);
    }
}

#[test]
fn embedding_text_is_headline_and_lead_cut_at_a_word() {
    let body = format!("पहला पैराग्राफ {}\n\nदूसरा", "शब्द ".repeat(200));
    let d = doc("e1", " दिल्ली में भूकंप ", &body, "2020-08-01");
    let t = linker::embedding_text(&d);
    assert!(t.starts_with("दिल्ली में भूकंप. पहला पैराग्राफ शब्द"), "{t}");
    let lead = t.chars().count() - "दिल्ली में भूकंप. ".chars().count();
    assert!((280..=300).contains(&lead), "{lead}");
    assert!(t.ends_with("शब्द"), "{t}");
    let mut bare = doc("e2", "", "", "2020-08-01");
    bare.title = None;
    assert_eq!(linker::embedding_text(&bare), "");
}

/// A sentence encoder that answers from a table.
struct Table(HashMap<String, Vec<f32>>);

impl linker::Embedder for Table {
    fn embed(&mut self, doc: &Document) -> Option<Vec<f32>> {
        self.0.get(doc.id.as_str()).cloned()
    }
}

#[test]
fn encoder_columns_come_from_the_embedder_only() {
    let docs = corpus();
    let analyses = empty_analyses(&docs);
    let d: Vec<&Document> = docs.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let labels: HashMap<String, String> = [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let embed = linker::FEATURES
        .iter()
        .position(|f| *f == "embed")
        .expect("embed");
    let config = Config::default();
    let plain = linker::training_rows(&d, &a, &labels, &config, None);
    assert!(plain
        .iter()
        .flatten()
        .all(|(r, _)| r[embed] == 0.0 && r[embed + 1] == 0.0));
    // a1 and a2 read alike to the encoder, b1 not at all; a3 has no vector.
    let table = Table(
        [
            ("a1", vec![1.0, 0.0]),
            ("a2", vec![1.0, 0.0]),
            ("b1", vec![0.0, 1.0]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    );
    let rows = linker::training_rows(&d, &a, &labels, &config, Some(Box::new(table)));
    let own: Vec<f32> = rows
        .iter()
        .flatten()
        .filter(|(_, same)| *same)
        .map(|(r, _)| r[embed])
        .collect();
    // a2 against a1's story: the same vector (a3 is out of the window: no row).
    assert_eq!(own.len(), 1, "{own:?}");
    assert!((own[0] - 1.0).abs() < 1e-6, "{own:?}");
    assert!(rows
        .iter()
        .flatten()
        .filter(|(_, same)| !*same)
        .all(|(r, _)| r[embed] == 0.0));
}

#[test]
fn records_carry_the_encoder_vector_only_when_there_is_one() {
    let docs = corpus();
    let analyses = empty_analyses(&docs);
    let table = Table(
        [("a1", vec![1.0, 0.0]), ("a2", vec![1.0, 0.0])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    );
    let mut with = Clusterer::with_embedder(Config::default(), Box::new(table));
    let mut without = Clusterer::new(Config::default());
    let (_, rec) = with.push_recording(&docs[0], Some(&analyses[0]));
    let (_, plain) = without.push_recording(&docs[0], Some(&analyses[0]));
    let json = serde_json::to_string(&rec).expect("serialises");
    let plain_json = serde_json::to_string(&plain).expect("serialises");
    assert!(json.contains("\"embedding\":[1.0,0.0]"), "{json}");
    // Without an encoder the stored record is as before.
    assert!(!plain_json.contains("embedding"), "{plain_json}");
    // A replay compares with the stored vector: a2 (same vector) sees the replayed story at 1.
    let mut replay = Clusterer::with_embedder(
        Config::default(),
        Box::new(Table(
            [("a2".to_string(), vec![1.0, 0.0])].into_iter().collect(),
        )),
    );
    let back: live::Recorded = serde_json::from_str(&json).expect("reads back");
    replay.push_recorded(&docs[0].id, &back, &StoryId::from_key("a1"));
    let p = replay.prepare(&docs[2], Some(&analyses[2]));
    let rows = replay.scored(&p);
    let embed = linker::FEATURES
        .iter()
        .position(|f| *f == "embed")
        .expect("embed");
    assert_eq!(rows.len(), 1);
    assert!((rows[0].2[embed] - 1.0).abs() < 1e-6, "{:?}", rows[0].2);
}

#[test]
fn articles_extracted_apart_and_out_of_order_give_the_stream_s_stories_records_and_ids() {
    use khabar_model::{EntityRef, Mention};
    let mut docs = corpus();
    docs.push(doc(
        "w1",
        "पटना बाढ़: राहत",
        "http://www.example.com/patna/flood-relief\nपटना में राहत शिविर, बाढ़ से बेघर लोगों को भोजन। Patna flood relief camps opened.",
        "2020-08-02",
    ));
    docs.push(doc(
        "u1",
        "पटना राहत",
        "पटना में राहत शिविर और बाढ़।",
        "not a date",
    ));
    // Linked names, one entity under two spellings, in more than one article.
    let analyses: Vec<Analysis> = docs
        .iter()
        .map(|d| {
            let mut a = Analysis::empty(d.id.clone(), "hi");
            for (text, id) in [
                ("पटना", "kb:patna"),
                ("Patna", "kb:patna"),
                ("गंगा", "kb:ganga"),
            ] {
                for (start, _) in d.text.match_indices(text) {
                    a.mentions.push(Mention {
                        span: Span::new(start, start + text.len()),
                        sentence: 0,
                        text: text.to_string(),
                        kind: EntityKind::Place,
                        entity: Some(EntityId::from(id)),
                        relation: MentionRelation::Names,
                        confidence: 1.0,
                    });
                }
                if d.text.contains(text) && !a.entities.iter().any(|e| e.id.0 == id) {
                    a.entities.push(EntityRef {
                        id: EntityId::from(id),
                        kind: EntityKind::Place,
                        name: id.to_string(),
                        name_hi: None,
                        in_kb: true,
                        key: id.to_string(),
                        confidence: 1.0,
                    });
                }
            }
            a
        })
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let arefs: Vec<&Analysis> = analyses.iter().collect();
    let config = Config::default();
    let one_pass = cluster_recording(&refs, &arefs, &config);
    assert!(one_pass.2.entities.len() == 2 && !one_pass.2.terms.is_empty());
    // Extracted last to first through one cache (as a thread that read other articles first
    // would), then each with a cache of its own.
    let mut lexicon = Lexicon::default();
    let mut backwards: Vec<Extracted> = refs
        .iter()
        .zip(&analyses)
        .rev()
        .map(|(d, a)| extract(d, Some(a), &mut lexicon))
        .collect();
    backwards.reverse();
    assert_eq!(
        cluster_recording_extracted(&refs, &arefs, backwards, &config),
        one_pass
    );
    let apart: Vec<Extracted> = refs
        .iter()
        .zip(&analyses)
        .map(|(d, a)| extract(d, Some(a), &mut Lexicon::default()))
        .collect();
    assert_eq!(
        cluster_recording_extracted(&refs, &arefs, apart, &config),
        one_pass
    );
    // The vocabulary keys read from an extraction are those a stream interns for the article.
    let (t, e) = vocabulary_keys(&docs[4], Some(&analyses[4]));
    assert!(t.iter().any(|k| k == &khabar_text::search_key("राहत")));
    assert_eq!(e, vec!["kb:patna".to_string()]);
}

#[test]
fn the_headline_is_in_the_language_most_members_are_in_hindi_on_a_tie() {
    use crate::assembly::title_source;
    let lang = |id: &str, language: &str, title: Option<&str>| {
        let mut d = doc(id, title.unwrap_or(""), "x", "2022-01-10");
        d.language = Some(language.into());
        d.title = title.map(String::from);
        d
    };
    let wire = lang("en1", "en", Some("Putin to discuss unrest"));
    let hi1 = lang("hi1", "hi", Some("पुतिन चर्चा करेंगे"));
    let hi2 = lang("hi2", "hi", Some("पुतिन बोले"));
    let en2 = lang("en2", "en", Some("Putin says"));
    // Two Hindi reports, one English wire that came first: a Hindi headline (the first).
    let t = title_source(&[&wire, &hi1, &hi2]).expect("a member");
    assert_eq!(t.id.as_str(), "hi1");
    // Two and two: Hindi.
    let t = title_source(&[&wire, &hi1, &hi2, &en2]).expect("a member");
    assert_eq!(t.id.as_str(), "hi1");
    // Mostly English: the first English report.
    let t = title_source(&[&hi1, &wire, &en2]).expect("a member");
    assert_eq!(t.id.as_str(), "en1");
    // A member without a headline is passed over; none at all: the founder.
    let untitled = lang("hi0", "hi", None);
    let t = title_source(&[&untitled, &hi1]).expect("a member");
    assert_eq!(t.id.as_str(), "hi1");
    let t = title_source(&[&untitled]).expect("a member");
    assert_eq!(t.id.as_str(), "hi0");
}
