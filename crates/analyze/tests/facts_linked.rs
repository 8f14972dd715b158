//! The fact chain on the seeds with the real entity linker (`EntityLinker`): gold quotes'
//! speakers and events' actors as the linker names them.

use chrono::NaiveDate;
use khabar_analyze::entities::EntityLinker;
use khabar_analyze::facts::FactExtractor;
use khabar_model::{EntityId, EntityRef, Sentence};
use serde_json::Value;
use std::path::PathBuf;

fn name_of<'a>(entities: &'a [EntityRef], id: &Option<EntityId>) -> Option<&'a str> {
    let id = id.as_ref()?;
    entities
        .iter()
        .find(|e| &e.id == id)
        .map(|e| e.name.as_str())
}

#[test]
fn seeds_with_real_linking() {
    let shared = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/seed-story.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let linker = EntityLinker::new().expect("linker");
    let fx = FactExtractor::new();
    let (mut right, mut total) = (0, 0);
    for (short, file) in [
        ("000", "000_857c5b371eabae9a.txt"),
        ("002", "002_f595c92444b82d99.txt"),
    ] {
        let Ok(text) = std::fs::read_to_string(shared.join("seeds").join(file)) else {
            eprintln!("skipping: seeds are absent");
            return;
        };
        let sentences: Vec<Sentence> = khabar_text::sentences(&text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        let (mentions, entities) = linker.link(&text, &sentences, "hi");
        let facts = fx.extract(
            &text,
            &sentences,
            &mentions,
            &entities,
            &[],
            NaiveDate::from_ymd_opt(2022, 1, 10),
            "hi",
        );
        for g in gold["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["in"] == short)
        {
            total += 1;
            let starts = g["starts"].as_str().unwrap();
            let at = text.find(starts).unwrap();
            let want = g["speaker"].as_str().unwrap();
            let q = facts.quotes.iter().find(|q| q.span.start == at);
            let got = q.and_then(|q| name_of(&entities, &q.speaker));
            let ok = got.is_some_and(|n| {
                n.eq_ignore_ascii_case(want) || want.contains(n) || n.contains(want)
            });
            right += ok as usize;
            eprintln!(
                "{short} quote {:?}: want {want}, got {got:?} ({:?}) {}",
                starts.chars().take(25).collect::<String>(),
                q.and_then(|q| q.speaker_text.clone()),
                if ok { "ok" } else { "WRONG" }
            );
        }
        for e in &facts.events {
            eprintln!(
                "{short} event s{} {} {:?} actor={:?} target={:?} place={:?} date={:?}",
                e.sentence,
                e.kind,
                e.trigger_text,
                name_of(&entities, &e.actor),
                name_of(&entities, &e.target),
                name_of(&entities, &e.place),
                e.date
            );
        }
    }
    eprintln!("quote speakers with real linking: {right}/{total}");
    assert!(right >= 4, "{right}/{total} gold quote speakers");
}
