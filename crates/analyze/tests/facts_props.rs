//! Property tests: fact extraction never panics on any text, and every span it returns lies on
//! character boundaries inside the text, inside its sentence's paragraph order.

use khabar_analyze::facts::FactExtractor;
use khabar_model::{EntityKind, Mention, Sentence, Span};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "पुतिन",
    " ने ",
    "कहा",
    " कि ",
    ", ",
    "\"",
    "“",
    "”",
    "। ",
    "उन्होंने",
    " के मुताबिक ",
    "20",
    " कज़ाख़ ",
    "सुरक्षाकर्मी",
    " मारे गए",
    "करीब आठ हजार लोग",
    " गिरफ्तार",
    " दो सप्ताह",
    " के आपातकाल की घोषणा",
    "said",
    " that ",
    "according to",
    " he ",
    "8,000 people were detained",
    " killed ",
    "%",
    "\u{a0}",
    "http://x_1.com",
    "{a:b}",
    "\n",
    "\n\n",
    " 30-year ",
    "₹",
    " सैकड़ों ",
    " प्रदर्शनकारियों",
    " को ",
    " फोन किया",
    " नहीं",
    "6 जनवरी को",
    " the minister ",
    "क",
    "ा",
    "़",
    " ",
    ".",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_string),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn spans_are_valid(text in text_strategy()) {
        let fx = FactExtractor::new();
        let sentences: Vec<Sentence> = khabar_text::sentences(&text).into_iter().map(|span| Sentence { span }).collect();
        // a mention on every occurrence of पुतिन, as entity linking would give
        let mentions: Vec<Mention> = text.match_indices("पुतिन").filter_map(|(i, m)| {
            let s = sentences.iter().position(|s| s.span.start <= i && i < s.span.end)?;
            Some(Mention { span: Span::new(i, i + m.len()), sentence: s, text: m.into(), kind: EntityKind::Person, entity: None, relation: Default::default(), confidence: 1.0 })
        }).collect();
        for lang in ["hi", "en"] {
            let f = fx.extract(&text, &sentences, &mentions, &[], &[], chrono::NaiveDate::from_ymd_opt(2022, 1, 10), lang);
            let ok = |s: &Span| s.slice(&text).is_some();
            for q in &f.quantities {
                prop_assert!(ok(&q.span));
                prop_assert!(q.sentence < sentences.len());
                prop_assert_eq!(q.span.slice(&text).unwrap(), q.text.as_str());
            }
            for q in &f.quotes {
                prop_assert!(ok(&q.span) && ok(&q.cue_span));
                prop_assert!(q.speaker_span.is_none_or(|s| ok(&s)));
                prop_assert!(!q.span.overlaps(&q.cue_span));
            }
            for e in &f.events {
                prop_assert!(ok(&e.trigger));
                prop_assert!(e.quantity.is_none_or(|i| i < f.quantities.len() && f.quantities[i].sentence == e.sentence));
            }
        }
    }
}
