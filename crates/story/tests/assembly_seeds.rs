//! Story assembly on the seed articles (`examples/seeds/`): the real ingest and analysis
//! pipeline, then clustering, timeline and comparison across outlets.

use khabar_model::{Analysis, Document};
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seeds");

fn seeds() -> Option<(Vec<Document>, Vec<Analysis>)> {
    let dir = Path::new(SEEDS);
    let Ok(rd) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {SEEDS} is absent");
        return None;
    };
    let mut paths: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in &paths {
        khabar_ingest::read_file(p, &mut |r| {
            let raw = r.expect("seed reads");
            docs.push(khabar_ingest::build_document(raw).expect("seed builds"));
        });
    }
    let analyzer = khabar_analyze::Analyzer::new().expect("analyzer");
    let analyses = docs.iter().map(|d| analyzer.analyze(d)).collect();
    Some((docs, analyses))
}

fn values(f: &khabar_model::ComparedFact) -> Vec<String> {
    f.claims
        .iter()
        .map(|c| {
            let v: String = c.value.chars().take(70).collect();
            format!("{}: {v}", c.outlet)
        })
        .collect()
}

#[test]
fn seed_story_timeline_and_comparison() {
    let Some((docs, analyses)) = seeds() else {
        return;
    };
    let d: Vec<&Document> = docs.iter().collect();
    let a: Vec<&Analysis> = analyses.iter().collect();
    let stories = khabar_story::cluster(&d, &a, &khabar_story::Config::default());
    assert_eq!(stories.len(), 1, "the seeds are one story");
    let s = &stories[0];
    println!("TIMELINE");
    for e in &s.timeline {
        let src: Vec<String> = e
            .sources
            .iter()
            .map(|p| format!("{}#{}", &p.article.as_str()[..6], p.sentence))
            .collect();
        let text: String = e.text.chars().take(90).collect();
        println!("  {} {:?} {:?} {text}", e.date, e.kind, src);
    }
    let c = &s.comparison;
    println!("AGREE");
    for f in &c.agree {
        println!("  {}: {}", f.topic, values(f).join(" | "));
    }
    println!("CONFLICT");
    for f in &c.conflict {
        println!("  {}: {}", f.topic, values(f).join(" | "));
    }
    println!("ONLY IN");
    for f in &c.only_in {
        println!("  {}: {}", f.topic, values(f).join(" | "));
    }

    // The timeline is in date order and every source points at a member article.
    assert!(s.timeline.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(s
        .timeline
        .iter()
        .flat_map(|e| &e.sources)
        .all(|p| s.articles.contains(&p.article)));
    assert!(
        s.timeline
            .iter()
            .any(|e| e.date.to_string() == "2022-01-06" && e.kind.as_deref() == Some("emergency")),
        "the emergency of 6 January"
    );
    assert!(
        s.timeline
            .iter()
            .any(|e| e.date.to_string() == "2022-01-08" && e.kind.as_deref() == Some("consult")),
        "Tokayev's call on Saturday"
    );

    // Agreement on the 30-year mark (one outlet gives it in a photo caption).
    let thirty = c
        .agree
        .iter()
        .find(|f| f.topic == "duration (years)")
        .expect("agreement on the 30 years");
    assert_eq!(thirty.claims.len(), 2);
    assert!(thirty
        .claims
        .iter()
        .all(|x| x.value.starts_with("30 years")));
    // Capital against largest city about Almaty.
    let almaty = c
        .conflict
        .iter()
        .find(|f| f.topic == "Almaty is")
        .expect("conflict about Almaty");
    let mut roles: Vec<String> = almaty.claims.iter().map(|x| x.value.clone()).collect();
    roles.sort();
    assert_eq!(roles, ["capital", "largest city"]);
    // Facts one outlet alone reports.
    let only = |outlet: &str, topic: &str, value: &str| {
        c.only_in.iter().any(|f| {
            f.topic == topic
                && f.claims
                    .iter()
                    .any(|x| x.outlet.contains(outlet) && x.value == value)
        })
    };
    assert!(only("Jagran", "arrested", "8000"), "8,000 arrests");
    assert!(only("Statecraft", "killed", "20"), "20 killed");
    // Two outlets quoting one speaker is not an agreement.
    assert!(c.agree.iter().all(|f| !f.topic.ends_with(" says")));
}
