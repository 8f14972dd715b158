//! Evaluation on the PLOVER gold-standard records (`plover-gsr-cameo.txt`, English, one sentence
//! per record): event type accuracy and count (dead, injured, size) accuracy.
//!
//! Each record's text is read alone (no entity linking), its events mapped to PLOVER types with
//! [`plover_type`]. A record is right when one of its events has the gold type; every other
//! event is extra (the measure UniversalPetrarch's 315% extra events uses). Counts: `dead` is
//! right when a killed quantity has the gold value, `injured` an injured one, `size` any count of
//! people (protesters, troops, arrested or plain) — for a vague gold size (`Thousands`) a vague
//! quantity with that word.

use super::{plover_type, FactExtractor};
use khabar_model::{QuantityKind, Sentence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PloverError {
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("parsing {path}: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
}

/// Per gold type: records and how many were found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeScore {
    pub event: String,
    pub records: usize,
    pub found: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverReport {
    /// Gold event records (the DOCUMENT record excluded).
    pub records: usize,
    /// Records where an extracted event has the gold type.
    pub type_found: usize,
    /// Records where the first extracted event has the gold type.
    pub type_first: usize,
    /// Records with no extracted event at all.
    pub no_event: usize,
    /// Events extracted (PLOVER-typed ones; `statement`, `disaster` have no PLOVER type).
    pub predicted: usize,
    /// Extracted events whose type is not the record's gold type.
    pub extra: usize,
    pub per_type: Vec<TypeScore>,
    /// Gold dead/injured/size fields and how many were found with the right value.
    pub count_fields: usize,
    pub count_right: usize,
    /// Each count field: (record id, field, gold value, right?).
    pub counts: Vec<(String, String, String, bool)>,
    /// Each record: (id, gold type, extracted PLOVER types with their triggers).
    pub detail: Vec<(String, String, Vec<String>)>,
}

impl PloverReport {
    pub fn type_accuracy(&self) -> f64 {
        self.type_found as f64 / self.records.max(1) as f64
    }

    pub fn extra_rate(&self) -> f64 {
        self.extra as f64 / self.records.max(1) as f64
    }

    pub fn count_accuracy(&self) -> f64 {
        self.count_right as f64 / self.count_fields.max(1) as f64
    }
}

#[derive(Deserialize)]
struct Record {
    id: String,
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    dead: Option<String>,
    #[serde(default)]
    injured: Option<String>,
    #[serde(default)]
    size: Option<String>,
}

/// Score the fact extractor on the PLOVER gold records at `path`.
pub fn eval_plover(path: &Path) -> Result<PloverReport, PloverError> {
    let p = path.display().to_string();
    let data = std::fs::read_to_string(path).map_err(|source| PloverError::Io {
        path: p.clone(),
        source,
    })?;
    let records: Vec<Record> =
        serde_json::from_str(&data).map_err(|source| PloverError::Json { path: p, source })?;
    let fx = FactExtractor::new();
    let mut r = PloverReport {
        records: 0,
        type_found: 0,
        type_first: 0,
        no_event: 0,
        predicted: 0,
        extra: 0,
        per_type: Vec::new(),
        count_fields: 0,
        count_right: 0,
        counts: Vec::new(),
        detail: Vec::new(),
    };
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for rec in records
        .iter()
        .filter(|r| r.event != "DOCUMENT" && !r.text.is_empty())
    {
        r.records += 1;
        let sentences: Vec<Sentence> = khabar_text::sentences(&rec.text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        let facts = fx.extract(&rec.text, &sentences, &[], &[], &[], None, "en");
        let types: Vec<&str> = facts
            .events
            .iter()
            .filter_map(|e| plover_type(&e.kind))
            .collect();
        let entry = per.entry(rec.event.clone()).or_default();
        entry.0 += 1;
        if types.is_empty() {
            r.no_event += 1;
        }
        if types.contains(&rec.event.as_str()) {
            r.type_found += 1;
            entry.1 += 1;
        }
        if types.first() == Some(&rec.event.as_str()) {
            r.type_first += 1;
        }
        r.detail.push((
            rec.id.clone(),
            rec.event.clone(),
            facts
                .events
                .iter()
                .filter_map(|e| plover_type(&e.kind).map(|t| format!("{t}:{}", e.trigger_text)))
                .collect(),
        ));
        r.predicted += types.len();
        r.extra += types.iter().filter(|t| **t != rec.event).count();
        for (field, gold, kinds) in [
            ("dead", &rec.dead, &[QuantityKind::Killed][..]),
            ("injured", &rec.injured, &[QuantityKind::Injured][..]),
            (
                "size",
                &rec.size,
                &[
                    QuantityKind::Protesters,
                    QuantityKind::Troops,
                    QuantityKind::Arrested,
                    QuantityKind::Count,
                    QuantityKind::Killed,
                ][..],
            ),
        ] {
            let Some(gold) = gold.as_deref().map(str::trim).filter(|g| !g.is_empty()) else {
                continue;
            };
            r.count_fields += 1;
            let qs = facts.quantities.iter().filter(|q| kinds.contains(&q.kind));
            let right = match gold.parse::<f64>() {
                Ok(v) => qs.clone().any(|q| q.value == Some(v)),
                Err(_) => {
                    let last = gold.split_whitespace().last().unwrap_or("").to_lowercase();
                    qs.clone()
                        .any(|q| q.vague && q.text.to_lowercase().contains(&last))
                }
            };
            if right {
                r.count_right += 1;
            }
            r.counts
                .push((rec.id.clone(), field.to_string(), gold.to_string(), right));
        }
    }
    r.per_type = per
        .into_iter()
        .map(|(event, (records, found))| TypeScore {
            event,
            records,
            found,
        })
        .collect();
    Ok(r)
}
