//! Date tests on real text: a table of expressions with their publication dates
//! (`tests/data/dates.tsv`) and the seven timeline cues of the seed gold
//! (`../shared/gold/seed-story.json`, skipped when `../shared` is absent).

use chrono::NaiveDate;
use khabar_model::Granularity;
use khabar_text::dates::{find_dates, parse_timestamp};
use proptest::prelude::*;
use std::path::PathBuf;

const FLOOR: f64 = 0.95;
const HOLDOUT_FLOOR: f64 = 0.7;

fn granularity(s: &str) -> Granularity {
    match s {
        "day" => Granularity::Day,
        "week" => Granularity::Week,
        "month" => Granularity::Month,
        "year" => Granularity::Year,
        other => panic!("unknown granularity {other}"),
    }
}

/// Accuracy of one table: (correct rows, rows, misses).
fn evaluate(data: &str) -> (usize, usize, Vec<String>) {
    let (mut total, mut good) = (0, 0);
    let mut misses = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert_eq!(c.len(), 7, "bad row: {line}");
        let published = NaiveDate::parse_from_str(c[0], "%Y-%m-%d").expect("published");
        let (text, expr) = (c[1], c[2]);
        let want = NaiveDate::parse_from_str(c[3], "%Y-%m-%d").expect("date");
        let (gran, resolution) = (granularity(c[4]), c[5]);
        total += 1;
        let found = find_dates(text, published);
        let hit = found.iter().find(|f| f.span.slice(text) == Some(expr));
        let ok = hit
            .is_some_and(|f| f.date == want && f.granularity == gran && f.resolution == resolution);
        if ok {
            good += 1;
        } else {
            misses.push(format!(
                "{expr} (published {published}): want {want} {gran:?} {resolution}; got {:?}",
                hit.map(|f| (f.date, f.granularity, f.resolution))
            ));
        }
    }
    (good, total, misses)
}

#[test]
fn dates_table() {
    let (good, total, misses) = evaluate(include_str!("data/dates.tsv"));
    let acc = good as f64 / total as f64;
    println!("dates table: {good}/{total} = {:.1}%", acc * 100.0);
    for m in &misses {
        println!("MISS {m}");
    }
    assert!(total >= 60, "the table needs at least 60 rows");
    assert!(acc >= FLOOR, "accuracy {acc:.3} below {FLOOR}");
}

/// English expressions labelled blind: the honest figure for English.
#[test]
fn dates_holdout_english() {
    let (good, total, misses) = evaluate(include_str!("data/dates_holdout.tsv"));
    let acc = good as f64 / total as f64;
    println!(
        "dates held-out (English): {good}/{total} = {:.1}%",
        acc * 100.0
    );
    for m in &misses {
        println!("MISS {m}");
    }
    assert!(
        acc >= HOLDOUT_FLOOR,
        "accuracy {acc:.3} below {HOLDOUT_FLOOR}"
    );
}

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// Every timeline cue of the seed gold, found in its article and resolved against the
/// article's publication date (read from the article itself with `parse_timestamp`).
#[test]
fn seed_gold_timeline() {
    let gold_path = shared().join("gold/seed-story.json");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        println!("skipped: {} is absent", gold_path.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold json");
    let timeline = gold["timeline"].as_array().expect("timeline");
    let seeds = std::fs::read_dir(shared().join("seeds")).expect("seeds dir");
    let seeds: Vec<(String, String)> = seeds
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).expect("seed text"))
        })
        .collect();
    let mut ok = 0;
    for item in timeline {
        let cue = item["cue"].as_str().expect("cue");
        let cue = cue.split(" (").next().unwrap_or(cue);
        let core = cue.trim_end_matches(" को").trim_end_matches(',');
        let want = NaiveDate::parse_from_str(item["date"].as_str().expect("date"), "%Y-%m-%d")
            .expect("gold date");
        let art = item["in"].as_str().expect("in");
        let (_, text) = seeds
            .iter()
            .find(|(n, _)| n.starts_with(art))
            .expect("seed article");
        // the publication date as the ingest stage reads it: the first timestamp line
        let published = text
            .lines()
            .find_map(|l| parse_timestamp(l).map(|(t, _)| t.date()))
            .expect("a publication date in the article");
        assert_eq!(published, NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
        let found = find_dates(text, published);
        let at_cue: Vec<_> = found
            .iter()
            .filter(|f| f.span.slice(text) == Some(core))
            .collect();
        assert!(!at_cue.is_empty(), "cue {cue:?} not found in {art}");
        for f in &at_cue {
            assert_eq!(f.date, want, "cue {cue:?} in {art}: {f:?}");
        }
        ok += 1;
    }
    println!(
        "seed gold timeline: {ok}/{} cues resolve to the gold dates",
        timeline.len()
    );
    assert_eq!(ok, 7);
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(1000) })]

    #[test]
    fn no_panic_and_valid_spans(s in "[ a-zA-Z0-9,.:\\-/()|+]{0,30}( ?(सोमवार|जनवरी|मई|कल|आज|उसी दिन|पिछले सप्ताह|Jan|IST|PM|को|होगा|था) ?[ 0-9,:./-]{0,8}){0,6}") {
        let p = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
        let mut last = 0;
        for f in find_dates(&s, p) {
            prop_assert!(f.span.slice(&s).is_some());
            prop_assert!(f.span.start >= last, "spans in order");
            last = f.span.end;
        }
        if let Some((_, span)) = parse_timestamp(&s) {
            prop_assert!(span.slice(&s).is_some());
        }
    }

    #[test]
    fn no_panic_any_string(s in any::<String>()) {
        let p = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
        for f in find_dates(&s, p) {
            prop_assert!(f.span.slice(&s).is_some());
        }
        let _ = parse_timestamp(&s);
    }

    #[test]
    fn numeric_dates_round_trip(y in 1950i32..2090, m in 1u32..=12, d in 1u32..=28) {
        let want = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let iso = format!("{y:04}-{m:02}-{d:02}");
        let indian = format!("{d:02}/{m:02}/{y}");
        prop_assert_eq!(parse_timestamp(&iso).map(|(t, _)| t.date()), Some(want));
        prop_assert_eq!(parse_timestamp(&indian).map(|(t, _)| t.date()), Some(want));
        const HI: [&str; 12] = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितम्बर", "अक्तूबर", "नवंबर", "दिसंबर"];
        let hi = format!("{d} {} {y}", HI[(m - 1) as usize]);
        prop_assert_eq!(parse_timestamp(&hi).map(|(t, _)| t.date()), Some(want));
        let found = find_dates(&hi, NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].date, want);
    }
}
