//! Search on the Hindi disaster development set (`../shared/data/stories/hindi-disaster-dev.jsonl`):
//! 1. known item: each headline, respelt (nukta dropped, chandrabindu → anusvara, long ↔ short
//!    i/u), finds its own article: top-1 rate and mean reciprocal rank;
//! 2. romanised names: each knowledge-base entity linked in an article, searched by its English
//!    name, finds the articles that mention it: recall;
//! 3. story recall: each headline (any word) ranks the other articles of its hand-made story
//!    in the top 10: recall@10.
//!
//! `cargo test -p khabar-server --test search_eval -- --ignored --nocapture`

use khabar_server::search::{parse_query, SearchIndex};
use std::collections::{HashMap, HashSet};

fn respell(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '\u{093C}')
        .map(|c| match c {
            '\u{0901}' => '\u{0902}',
            '\u{0940}' => '\u{093F}',
            '\u{093F}' => '\u{0940}',
            '\u{0942}' => '\u{0941}',
            '\u{0941}' => '\u{0942}',
            c => c,
        })
        .collect()
}

#[test]
#[ignore = "slow in debug builds: analyses 200 articles"]
fn hindi_disaster_dev_search() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/stories/hindi-disaster-dev.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    let analyzer = khabar_analyze::Analyzer::new().unwrap();
    let mut index = SearchIndex::default();
    let mut docs = Vec::new();
    let mut story_of = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let story = v["story"].as_str().unwrap_or("").to_string();
        let Ok(raw) = khabar_ingest::jsonl::parse_line(line, "dev", i + 1) else {
            continue;
        };
        let Ok(doc) = khabar_ingest::build_document(raw) else {
            continue;
        };
        let a = analyzer.analyze(&doc);
        index.add(docs.len(), &doc, Some(&a));
        docs.push((doc, a));
        story_of.push(story);
    }
    index.finish();
    let n = docs.len();
    assert!(n > 100, "read only {n} articles");

    // 1. Known item, respelt headlines.
    let (mut top1, mut rr, mut asked, mut changed) = (0usize, 0f64, 0usize, 0usize);
    for (i, (d, _)) in docs.iter().enumerate() {
        let Some(title) = &d.title else { continue };
        let q = respell(title);
        if &q != title {
            changed += 1;
        }
        asked += 1;
        let hits = index.search(&parse_query(&q));
        if let Some(r) = hits.iter().position(|h| h.0 == i) {
            rr += 1.0 / (r + 1) as f64;
            if r == 0 {
                top1 += 1;
            }
        }
    }
    println!(
        "known item (respelt headlines, {changed} of {asked} respelt): top-1 {:.3}, MRR {:.3}",
        top1 as f64 / asked as f64,
        rr / asked as f64
    );

    // 2. Romanised names of KB entities.
    let mut mentioned: HashMap<String, (String, HashSet<usize>)> = HashMap::new();
    for (i, (_, a)) in docs.iter().enumerate() {
        for e in a.entities.iter().filter(|e| e.in_kb) {
            mentioned
                .entry(e.id.0.clone())
                .or_insert_with(|| (e.name.clone(), HashSet::new()))
                .1
                .insert(i);
        }
    }
    let (mut found, mut wanted) = (0usize, 0usize);
    for (name, want) in mentioned.values() {
        let hits: HashSet<usize> = index
            .search(&parse_query(&name.to_lowercase()))
            .into_iter()
            .map(|h| h.0)
            .collect();
        wanted += want.len();
        found += want.iter().filter(|i| hits.contains(i)).count();
    }
    println!(
        "romanised names ({} KB entities, lowercase English names): recall {:.3} ({found}/{wanted})",
        mentioned.len(),
        found as f64 / wanted.max(1) as f64
    );

    // 3. Story recall@10 from each headline.
    let mut by_story: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in story_of.iter().enumerate() {
        by_story.entry(s.as_str()).or_default().push(i);
    }
    let (mut got, mut total) = (0usize, 0usize);
    for (i, (d, _)) in docs.iter().enumerate() {
        let Some(title) = &d.title else { continue };
        let group = &by_story[story_of[i].as_str()];
        if group.len() < 2 || story_of[i].is_empty() {
            continue;
        }
        let top: HashSet<usize> = index
            .search_any(&parse_query(title))
            .into_iter()
            .filter(|h| h.0 != i)
            .take(10)
            .map(|h| h.0)
            .collect();
        for j in group.iter().filter(|&&j| j != i) {
            total += 1;
            if top.contains(j) {
                got += 1;
            }
        }
    }
    println!(
        "story recall@10 from headlines (any word): {:.3} ({got}/{total})",
        got as f64 / total.max(1) as f64
    );
    assert!(top1 as f64 / asked as f64 > 0.8);
}
