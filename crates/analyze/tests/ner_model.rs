//! The NER model: learning, saving and loading, odd input, and the shipped model's score.

use khabar_analyze::ner::{
    eval_conll, eval_documents, il_ner_kind, read_conll, tokenize, Model, NerError, Tag,
    TrainConfig,
};
use khabar_model::EntityKind;
use proptest::prelude::*;
use std::path::Path;

/// A small synthetic corpus: names before postpositions, places after "in", organisations
/// ending in a cue word.
fn synthetic() -> String {
    let people = ["रामू", "श्यामू", "गोपाल", "मोहन", "सीता", "गीता"];
    let places = ["कानपुर", "लखनऊ", "पटना", "भोपाल"];
    let orgs = ["जनता", "किसान", "युवा"];
    let mut out = String::new();
    for (i, p) in people.iter().enumerate() {
        let pl = places[i % places.len()];
        let o = orgs[i % orgs.len()];
        out.push_str(&format!(
            "{p}\tB-NEP\nने\tO\n{pl}\tB-NEL\nमें\tO\n{o}\tB-NEO\nपार्टी\tI-NEO\nसे\tO\nबात\tO\nकी\tO\n।\tO\n\n"
        ));
    }
    out
}

#[test]
fn learns_a_tiny_corpus() {
    let sentences = read_conll(&synthetic());
    let model = Model::train(
        &sentences,
        &TrainConfig {
            epochs: 10,
            ..Default::default()
        },
    );
    for s in &sentences {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let tags = model.tag(&toks);
        assert_eq!(tags[0], Tag::B(EntityKind::Person), "{toks:?}");
        assert_eq!(tags[2], Tag::B(EntityKind::Place), "{toks:?}");
        assert_eq!(tags[4], Tag::B(EntityKind::Organisation), "{toks:?}");
        assert_eq!(tags[5], Tag::I(EntityKind::Organisation), "{toks:?}");
        assert_eq!(tags[1], Tag::O);
    }
    let report = eval_conll(&synthetic(), None, &model).unwrap();
    assert!((report.micro.f1 - 1.0).abs() < 1e-9, "{report:?}");
    // Spans over raw text.
    let text = "मोहन ने पटना में किसान पार्टी से बात की।";
    let spans = model.spans(text);
    let found: Vec<(&str, EntityKind)> = spans
        .iter()
        .map(|(s, k)| (&text[s.start..s.end], *k))
        .collect();
    assert_eq!(
        found,
        vec![
            ("मोहन", EntityKind::Person),
            ("पटना", EntityKind::Place),
            ("किसान पार्टी", EntityKind::Organisation)
        ]
    );
}

#[test]
fn silver_sentences_teach_their_names() {
    use khabar_analyze::ner::SilverSentence;
    let gold = read_conll(&synthetic());
    // A context the labelled sentences never show, with one name marked (the other words are
    // left unknown: partial labels teach the names, not that the rest is O).
    let silver: Vec<SilverSentence> = ["बलदेव", "सुखदेव", "हरदेव"]
        .iter()
        .map(|n| SilverSentence {
            tokens: ["कल", n, "आया", "और", "चला", "गया", "।"]
                .iter()
                .map(|t| t.to_string())
                .collect(),
            spans: vec![(1, 2, EntityKind::Person)],
        })
        .collect();
    let toks = ["कल", "बलदेव", "आया", "और", "चला", "गया", "।"];
    let plain = Model::train(
        &gold,
        &TrainConfig {
            epochs: 10,
            ..Default::default()
        },
    );
    assert_ne!(plain.tag(&toks)[1], Tag::B(EntityKind::Person));
    let cfg = TrainConfig {
        epochs: 10,
        silver,
        silver_weight: 1.0,
        ..Default::default()
    };
    let m = Model::train(&gold, &cfg);
    let tags = m.tag(&toks);
    assert_eq!(tags[1], Tag::B(EntityKind::Person), "{tags:?}");
    // The labelled sentences are still read as before, and training stays deterministic.
    for s in &gold {
        let t: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        assert_eq!(m.tag(&t)[0], Tag::B(EntityKind::Person), "{t:?}");
    }
    assert_eq!(m.to_bytes(), Model::train(&gold, &cfg).to_bytes());
}

#[test]
fn training_is_deterministic_and_roundtrips() {
    let sentences = read_conll(&synthetic());
    let cfg = TrainConfig {
        epochs: 3,
        ..Default::default()
    };
    let a = Model::train(&sentences, &cfg).to_bytes();
    let b = Model::train(&sentences, &cfg).to_bytes();
    assert_eq!(a, b);
    let dir = tempfile_dir();
    let path = dir.join("m.bin");
    let m = Model::train(&sentences, &cfg);
    m.save(&path).unwrap();
    let back = Model::load(&path).unwrap();
    assert_eq!(back.to_bytes(), a);
    let toks = ["सीता", "ने", "भोपाल", "में"];
    assert_eq!(back.tag(&toks), m.tag(&toks));
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("khabar-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn load_errors_name_the_file() {
    let missing = Path::new("/nonexistent/dir/hi-ner.bin");
    let e = Model::load(missing).unwrap_err();
    assert!(matches!(e, NerError::Read { .. }));
    assert!(e.to_string().contains("/nonexistent/dir/hi-ner.bin"), "{e}");

    let dir = tempfile_dir();
    let junk = dir.join("junk.bin");
    std::fs::write(&junk, b"not a model at all").unwrap();
    let e = Model::load(&junk).unwrap_err();
    assert!(matches!(e, NerError::Corrupt { .. }));
    assert!(e.to_string().contains("junk.bin"), "{e}");

    // A real model cut short.
    let sentences = read_conll(&synthetic());
    let bytes = Model::train(
        &sentences,
        &TrainConfig {
            epochs: 1,
            ..Default::default()
        },
    )
    .to_bytes();
    for cut in [9, bytes.len() / 2, bytes.len() - 1] {
        let p = dir.join("cut.bin");
        std::fs::write(&p, &bytes[..cut]).unwrap();
        let e = Model::load(&p).unwrap_err();
        assert!(matches!(e, NerError::Corrupt { .. }), "cut {cut}: {e}");
    }
}

#[test]
fn embedded_model_reads_hindi_and_english() {
    let m = shipped();
    assert!(m.spans("").is_empty());
    assert!(m.tag(&[]).is_empty());
    let text = "प्रधानमंत्री नरेंद्र मोदी ने नई दिल्ली में कहा कि भारत और चीन के बीच बातचीत जारी रहेगी।";
    let spans = m.spans(text);
    let found: Vec<(&str, EntityKind)> = spans
        .iter()
        .map(|(s, k)| (&text[s.start..s.end], *k))
        .collect();
    assert!(found.contains(&("भारत", EntityKind::Place)), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(s, k)| s.contains("मोदी") && *k == EntityKind::Person),
        "{found:?}"
    );
    let en = "On Monday the Reserve Bank of India said Finance Minister Nirmala Sitharaman would visit Mumbai.";
    let spans = m.spans(en);
    let found: Vec<(&str, EntityKind)> = spans
        .iter()
        .map(|(s, k)| (&en[s.start..s.end], *k))
        .collect();
    assert!(
        found.contains(&("Reserve Bank of India", EntityKind::Organisation)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Nirmala Sitharaman", EntityKind::Person)),
        "{found:?}"
    );
    assert!(found.contains(&("Mumbai", EntityKind::Place)), "{found:?}");
}

#[test]
fn il_ner_test_score() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ner/il-ner-hindi/test.txt"
    ));
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let m = shipped();
    let r = eval_conll(&text, None, m).unwrap();
    eprintln!("IL-NER test: {:?}", r.micro);
    // Measured 0.757 for the shipped model (0.769 before the silver sentences of session 9;
    // see data/ner/README.md).
    assert!(r.micro.f1 >= MIN_TEST_F1, "{r:?}");
    for k in ["person", "place", "organisation"] {
        assert!(r.per_type[k].gold > 0);
        eprintln!("  {k}: {:?}", r.per_type[k]);
    }
    // Runs of 20 consecutive sentences read as one document (mentions made consistent).
    let sentences = read_conll(&text);
    let d = eval_documents(&sentences, &il_ner_kind, m, 20);
    eprintln!("IL-NER test, documents of 20 sentences: {:?}", d.micro);
    for k in ["person", "place", "organisation"] {
        eprintln!("  {k}: {:?}", d.per_type[k]);
    }
    assert!(d.micro.f1 >= MIN_TEST_F1, "{d:?}");
}

fn shipped() -> &'static Model {
    static M: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    M.get_or_init(|| Model::embedded().unwrap())
}

const MIN_TEST_F1: f64 = 0.75;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn spans_never_panic_and_stay_in_bounds(text in "\\PC{0,200}") {
        let m = shipped();
        for (s, _) in m.spans(&text) {
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for (s, w) in tokenize(&text) {
            prop_assert_eq!(&text[s.start..s.end], w);
        }
    }

    #[test]
    fn mixed_scripts_never_panic(words in proptest::collection::vec("[a-zA-Z]{1,8}|[क-ह]{1,4}|[।,.\"]|[0-9]{1,3}", 0..60)) {
        let m = shipped();
        let toks: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags = m.tag(&toks);
        prop_assert_eq!(tags.len(), toks.len());
        let text = words.join(" ");
        let _ = m.spans(&text);
    }
}

#[test]
fn very_long_input() {
    let m = shipped();
    let text = "राम ने दिल्ली में कहा ".repeat(5000);
    let spans = m.spans(&text);
    assert!(!spans.is_empty());
    let latin = "Word ".repeat(20000);
    let _ = m.spans(&latin);
}

#[test]
fn common_nouns_named_like_provinces_are_not_places() {
    // अशांति ("unrest") is also the Hindi name of Ghana's Ashanti region (ISO 3166-2).
    let m = shipped();
    for text in [
        "शहर में अशांति फैल गई और पुलिस ने लोगों को घरों में रहने को कहा।",
        "हिंसा और अशांति के बाद सरकार ने इंटरनेट बंद कर दिया।",
    ] {
        let spans = m.spans(text);
        assert!(
            !spans
                .iter()
                .any(|(s, _)| text[s.start..s.end].contains("अशांति")),
            "{text}: {spans:?}"
        );
    }
}
