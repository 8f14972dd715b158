//! Seed gold acceptance: every gold mention of the two seed articles is found, the mentions of one
//! gold entity end on one id across both articles, different gold entities on different ids, and
//! every linked entity carries the right English name.

use khabar_analyze::entities::EntityLinker;
use khabar_model::{EntityRef, Mention, MentionRelation, Sentence};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/seed-story.json"
);
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");

fn key(s: &str) -> String {
    khabar_kb::alias_key(s)
}

fn analyse(linker: &EntityLinker, text: &str) -> (Vec<Mention>, Vec<EntityRef>) {
    let sentences: Vec<Sentence> = khabar_text::sentences(text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect();
    linker.link(text, &sentences, "hi")
}

#[test]
fn seed_gold_entities() {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOLD).expect("gold file in the repo"))
            .expect("gold json");
    let seeds = Path::new(SEEDS);
    if !seeds.is_dir() {
        eprintln!("skipped: {} is absent", seeds.display());
        return;
    }
    let linker = EntityLinker::new().expect("linker");
    // Article number ("000") → its mentions and entities.
    let mut articles: BTreeMap<String, (Vec<Mention>, Vec<EntityRef>)> = BTreeMap::new();
    for name in gold["articles"].as_object().expect("articles").keys() {
        let path = seeds.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let num = name.split('_').next().unwrap_or_default().to_string();
        articles.insert(num, analyse(&linker, &text));
    }
    for (num, (ms, _)) in &articles {
        eprintln!("article {num}: {} mentions", ms.len());
        for m in ms {
            eprintln!(
                "  {:?} {} {:?} {:?}",
                m.text,
                m.kind.as_str(),
                m.relation,
                m.entity.as_ref().map(|e| e.as_str())
            );
        }
    }
    let (mut listed, mut found) = (0, 0);
    let mut failures: Vec<String> = Vec::new();
    let mut ids_of_entity: Vec<(String, BTreeSet<String>)> = Vec::new();
    let mut names_ok = 0;
    let entities = gold["entities"].as_array().expect("entities");
    for ent in entities {
        let gold_name = ent["name_en"].as_str().expect("name_en");
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut names: BTreeSet<String> = BTreeSet::new();
        for (num, list) in ent["mentions"].as_object().expect("mentions") {
            let Some((ms, es)) = articles.get(num) else {
                continue;
            };
            for m in list.as_array().expect("list") {
                let m = m.as_str().expect("mention");
                listed += 1;
                let hits: Vec<&Mention> = ms
                    .iter()
                    .filter(|x| x.text == m && x.relation == MentionRelation::Names)
                    .collect();
                if hits.is_empty() {
                    failures.push(format!("{num}: {m} ({gold_name}) not found"));
                    continue;
                }
                found += 1;
                for h in hits {
                    if let Some(id) = &h.entity {
                        ids.insert(id.0.clone());
                        if let Some(e) = es.iter().find(|e| &e.id == id) {
                            names.insert(e.name.clone());
                        }
                    }
                }
            }
        }
        // `Collective Security Treaty Organization (CSTO)`, `Astana (then Nur-Sultan)`.
        let want = key(gold_name.split(" (").next().unwrap_or(gold_name));
        if names.len() == 1 && names.iter().all(|n| key(n) == want) {
            names_ok += 1;
        } else {
            failures.push(format!("{gold_name}: names {names:?}"));
        }
        if ids.len() != 1 {
            failures.push(format!("{gold_name}: {} ids {ids:?}", ids.len()));
        }
        ids_of_entity.push((gold_name.to_string(), ids));
    }
    let mut grouped = 0;
    for (i, (name, ids)) in ids_of_entity.iter().enumerate() {
        let shared = ids_of_entity
            .iter()
            .enumerate()
            .filter(|(j, (_, other))| *j != i && !other.is_disjoint(ids))
            .map(|(_, (n, _))| n.as_str())
            .collect::<Vec<_>>();
        if !shared.is_empty() {
            failures.push(format!("{name} shares an id with {shared:?}"));
        } else if ids.len() == 1 {
            grouped += 1;
        }
    }
    eprintln!(
        "seed gold: mentions found {found}/{listed}, entities grouped on one own id {grouped}/{}, names right {names_ok}/{}",
        entities.len(),
        entities.len()
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}
