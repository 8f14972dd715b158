//! The whole fact chain on the two seed articles (raw text from `../shared/seeds`), with
//! mentions built from the gold entity spellings (a stand-in for entity linking): every gold
//! quantity, quote and timeline entry must be found with the right value, speaker or date.

use chrono::NaiveDate;
use khabar_analyze::facts::{FactExtractor, Facts};
use khabar_model::{EntityId, EntityKind, Mention, Sentence, Span};
use serde_json::Value;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn gold() -> Value {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/seed-story.json"
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Mentions of the gold entities' spellings, longest first, without overlaps.
fn fake_mentions(text: &str, sentences: &[Sentence], gold: &Value, article: &str) -> Vec<Mention> {
    let mut names: Vec<(String, EntityKind, EntityId)> = Vec::new();
    for e in gold["entities"].as_array().unwrap() {
        let id = EntityId::from_key(e["name_en"].as_str().unwrap());
        let kind = EntityKind::parse(e["type"].as_str().unwrap()).unwrap();
        for list in e["mentions"].as_object().unwrap().values() {
            for m in list.as_array().unwrap() {
                names.push((m.as_str().unwrap().to_string(), kind, id.clone()));
            }
        }
    }
    let _ = article;
    names.sort_by_key(|(n, _, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (name, kind, id) in names {
        for (start, _) in text.match_indices(&name) {
            let span = Span::new(start, start + name.len());
            // whole words only
            let before = text[..start].chars().next_back();
            let after = text[span.end..].chars().next();
            let letter = |c: Option<char>| c.is_some_and(khabar_text::segment::is_word_char);
            if letter(before) || letter(after) || out.iter().any(|m| m.span.overlaps(&span)) {
                continue;
            }
            let sentence = sentences.partition_point(|s| s.span.end <= start);
            if sentence >= sentences.len() {
                continue;
            }
            out.push(Mention {
                span,
                sentence,
                text: name.clone(),
                kind,
                entity: Some(id.clone()),
                relation: Default::default(),
                confidence: 1.0,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

fn run(file: &str, gold: &Value) -> Option<(String, Vec<Sentence>, Facts)> {
    let path = shared().join("seeds").join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return None;
    };
    let sentences: Vec<Sentence> = khabar_text::sentences(&text)
        .into_iter()
        .map(|span| Sentence { span })
        .collect();
    let mentions = fake_mentions(&text, &sentences, gold, file);
    let published = NaiveDate::from_ymd_opt(2022, 1, 10);
    let facts =
        FactExtractor::new().extract(&text, &sentences, &mentions, &[], &[], published, "hi");
    Some((text, sentences, facts))
}

fn article_file(short: &str) -> &'static str {
    if short == "000" {
        "000_857c5b371eabae9a.txt"
    } else {
        "002_f595c92444b82d99.txt"
    }
}

#[test]
fn seed_quantities() {
    let gold = gold();
    let mut missing = Vec::new();
    for g in gold["quantities"].as_array().unwrap() {
        let Some((text, _, facts)) = run(article_file(g["in"].as_str().unwrap()), &gold) else {
            return;
        };
        let gtext = g["text"].as_str().unwrap();
        let at = text.find(gtext).expect("gold text in article");
        let gspan = Span::new(at, at + gtext.len());
        let value = g["value"].as_f64().unwrap();
        let found = facts.quantities.iter().find(|q| {
            q.value == Some(value)
                && q.span.overlaps(&gspan)
                && g["unit"]
                    .as_str()
                    .is_none_or(|u| q.unit.as_deref() == Some(u))
                && (g["approximate"].as_bool() != Some(true) || q.approximate)
        });
        match found {
            Some(q) => eprintln!("found {gtext:?} -> {:?} {:?} {:?}", q.kind, q.text, q.what),
            None => missing.push(gtext.to_string()),
        }
    }
    assert!(missing.is_empty(), "gold quantities not found: {missing:?}");
}

#[test]
fn seed_quantity_kinds() {
    let gold = gold();
    let Some((_, _, facts)) = run(article_file("000"), &gold) else {
        return;
    };
    assert!(facts.quantities.iter().any(|q| q.value == Some(8000.0)
        && q.kind == khabar_model::QuantityKind::Arrested
        && q.approximate));
    let Some((_, _, facts)) = run(article_file("002"), &gold) else {
        return;
    };
    assert!(facts.quantities.iter().any(|q| q.value == Some(20.0)
        && q.kind == khabar_model::QuantityKind::Killed
        && q.what.as_deref() == Some("सुरक्षाकर्मी")));
    assert!(facts
        .quantities
        .iter()
        .any(|q| q.value == Some(2.0) && q.kind == khabar_model::QuantityKind::Duration));
    // the year of the Belarus election is not a count
    assert!(!facts.quantities.iter().any(|q| q.value == Some(2020.0)));
}

#[test]
fn seed_quotes() {
    let gold = gold();
    let mut missing = Vec::new();
    for g in gold["quotes"].as_array().unwrap() {
        let Some((text, _, facts)) = run(article_file(g["in"].as_str().unwrap()), &gold) else {
            return;
        };
        let starts = g["starts"].as_str().unwrap();
        let speaker = EntityId::from_key(g["speaker"].as_str().unwrap());
        let at = text.find(starts).expect("gold quote in article");
        let found = facts.quotes.iter().find(|q| q.span.start == at);
        match found {
            Some(q)
                if q.speaker.as_ref() == Some(&speaker) && q.cue == g["cue"].as_str().unwrap() =>
            {
                eprintln!("quote ok: {:?} by {:?}", &q.text, q.speaker_text)
            }
            Some(q) => missing.push(format!(
                "{starts:?}: speaker {:?} ({:?}), cue {:?}",
                q.speaker, q.speaker_text, q.cue
            )),
            None => missing.push(format!("{starts:?}: no quote starts there")),
        }
    }
    assert!(missing.is_empty(), "gold quotes not found: {missing:#?}");
}

#[test]
fn seed_timeline() {
    let gold = gold();
    let published = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
    let mut missing = Vec::new();
    for g in gold["timeline"].as_array().unwrap() {
        let Some((text, sentences, facts)) = run(article_file(g["in"].as_str().unwrap()), &gold)
        else {
            return;
        };
        let date: NaiveDate = g["date"].as_str().unwrap().parse().unwrap();
        let raw_cue = g["cue"].as_str().unwrap();
        // "(the conference is reported on the publication day)": an undated event that day
        let on_publication_day = raw_cue.contains("publication day");
        let cue = raw_cue.split(" (").next().unwrap();
        let cue_sentences: Vec<usize> = text
            .match_indices(cue)
            .filter_map(|(i, _)| {
                sentences
                    .iter()
                    .position(|s| s.span.start <= i && i < s.span.end)
            })
            .collect();
        let ok = facts.events.iter().any(|e| {
            let d = if on_publication_day {
                e.date.or(Some(published))
            } else {
                e.date
            };
            d == Some(date) && (on_publication_day || cue_sentences.contains(&e.sentence))
        });
        if !ok {
            missing.push(format!("{} {}", g["date"], g["event"]));
        }
    }
    assert!(
        missing.is_empty(),
        "timeline entries without a dated event: {missing:#?}"
    );
}

#[test]
fn seed_events_have_roles() {
    let gold = gold();
    let Some((_, _, facts)) = run(article_file("002"), &gold) else {
        return;
    };
    let tokayev = EntityId::from_key("Kassym-Jomart Tokayev");
    let putin = EntityId::from_key("Vladimir Putin");
    let call = facts
        .events
        .iter()
        .find(|e| e.kind == "consult" && e.trigger_text.starts_with("फोन"))
        .expect("the phone call");
    assert_eq!(call.actor.as_ref(), Some(&tokayev));
    assert_eq!(call.target.as_ref(), Some(&putin));
    assert_eq!(call.date, NaiveDate::from_ymd_opt(2022, 1, 8));
    let emergency = facts
        .events
        .iter()
        .find(|e| e.kind == "emergency")
        .expect("the emergency");
    assert_eq!(emergency.actor.as_ref(), Some(&tokayev));
    assert_eq!(emergency.date, NaiveDate::from_ymd_opt(2022, 1, 6));
    let q = emergency
        .quantity
        .map(|i| &facts.quantities[i])
        .expect("its length");
    assert_eq!((q.value, q.unit.as_deref()), (Some(2.0), Some("weeks")));
    let Some((_, _, facts)) = run(article_file("000"), &gold) else {
        return;
    };
    let wang = EntityId::from_key("Wang Yi");
    assert!(facts.events.iter().any(|e| e.kind == "condemn"
        && e.actor.as_ref() == Some(&wang)
        && e.confidence >= khabar_model::CONFIDENT));
    let arrest = facts
        .events
        .iter()
        .find(|e| e.kind == "arrest" && e.quantity.is_some())
        .expect("arrests");
    assert_eq!(
        facts.quantities[arrest.quantity.unwrap()].value,
        Some(8000.0)
    );
}

/// Prints everything extracted from the seeds (for the report: what else was found).
#[test]
fn seed_dump() {
    let gold = gold();
    for short in ["000", "002"] {
        let Some((_, _, facts)) = run(article_file(short), &gold) else {
            return;
        };
        for q in &facts.quantities {
            eprintln!(
                "{short} Q s{} {:?} {:?} {:?} {:?} {:?} approx={} vague={}",
                q.sentence, q.kind, q.value, q.unit, q.what, q.text, q.approximate, q.vague
            );
        }
        for q in &facts.quotes {
            eprintln!(
                "{short} QUOTE s{} direct={} cue={:?} speaker={:?} date={:?} {:?}",
                q.sentence,
                q.direct,
                q.cue,
                q.speaker_text,
                q.date,
                q.text.chars().take(60).collect::<String>()
            );
        }
        for e in &facts.events {
            eprintln!(
                "{short} EV s{} {} {:?} actor={:?} target={:?} place={:?} date={:?} q={:?}",
                e.sentence, e.kind, e.trigger_text, e.actor, e.target, e.place, e.date, e.quantity
            );
        }
    }
}
