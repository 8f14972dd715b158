use super::*;
use proptest::prelude::*;

#[test]
fn skeleton_merges_writer_variation() {
    let groups: &[&[&str]] = &[
        &[
            "कज़ाख़स्तान",
            "कजाखस्तान",
            "कजाकिस्तान",
            "Kazakhstan",
            "Qazaqstan",
        ],
        &["पुतिन", "Putin", "Poutine"],
        &["टोकायव", "टोकायेव", "Tokayev", "Tokaev"],
        &["मोहम्मद", "Mohammad", "Muhammad", "Mohammed"],
        &["शाहनवाज़", "Shahnawaz", "Shanawaz"],
        &["वसीम", "Waseem", "Wasim"],
        &["अल्माटी", "अलमाटी", "अल्मा-अता", "Almaty", "Alma-Ata"],
        &["रूस", "Russ"],
        &["सिंह", "Singh"],
        &["चीन", "China", "Cheen"],
    ];
    for g in groups {
        let k = skeleton(&g[0].replace('-', ""));
        for s in g.iter() {
            assert_eq!(skeleton(&s.replace('-', "")), k, "{s} vs {}", g[0]);
        }
    }
    // Different names stay apart.
    assert_ne!(skeleton("Kazakhstan"), skeleton("Kyrgyzstan"));
    assert_ne!(skeleton("चीन"), skeleton("जीन"));
    assert_ne!(skeleton("Putin"), skeleton("Patel"));
}

#[test]
fn name_keys_across_scripts() {
    assert_eq!(name_key("व्लादिमीर पुतिन"), name_key("Vladimir Putin"));
    assert_eq!(
        name_key("कसीम-जोमार्ट टोकायव"),
        name_key("Kassym-Jomart Tokayev")
    );
    assert_eq!(name_key("सीएसटीओ"), "CSTO");
    assert_eq!(name_key("CSTO"), "CSTO");
    assert_eq!(name_key("बीजेपी"), name_key("BJP"));
    assert_eq!(name_key("आर गुरबाज़"), name_key("R. Gurbaz"));
    assert_eq!(name_key("Gurbaz, R"), name_key("R Gurbaz"));
    assert_eq!(name_key(""), "");
    assert!(token_keys("Kassym-Jomart Tokayev").contains(&name_key("टोकायव")));
    assert!(token_keys("NATO").contains(&"NATO".to_string()));
    assert!(token_keys("NATO").contains(&name_key("नाटो")));
}

#[test]
fn similarity_orders_names_sensibly() {
    let full = name_similarity("टोकायव", "Kassym-Jomart Tokayev");
    assert!(full >= 0.8, "{full}");
    assert!(name_similarity("पुतिन", "Vladimir Putin") >= 0.85);
    assert!(name_similarity("इमरान ख़ान", "Imran Khan") > name_similarity("सोहेल ख़ान", "Imran Khan"));
    assert!(name_similarity("Putin", "Lukashenko") < 0.5);
    assert!(name_similarity("de Kock, Q", "क्विंटन डिकॉक") > 0.8);
    assert!(token_overlap_similarity("पुतिन", "Vladimir Putin") > 0.95);
    assert_eq!(name_similarity("CSTO", "सीएसटीओ"), 1.0);
    assert_eq!(name_similarity("icc", "आईसीसी"), 1.0);
    assert!(name_similarity("aary", "आर्य") > name_similarity("aary", "यारी"));
    assert_eq!(skeleton("Ukraine"), skeleton("यूक्रेन"));
    assert_ne!(skeleton("Yadav"), skeleton("Adav"));
}

fn shared_path(rel: &str) -> String {
    format!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/{}"),
        rel
    )
}

/// Mentions that are translations, not spellings: no phonetic key can join them.
const TRANSLATIONS: &[&str] = &["सामूहिक सुरक्षा संधि संगठन"];

/// Two mentions of one entity are linked when their keys are equal, or when one is a single word
/// whose key is the key of the other's last word (पुतिन ~ व्लादिमीर पुतिन).
fn linked(a: &str, b: &str) -> bool {
    let (ka, kb) = (name_key(a), name_key(b));
    if ka == kb {
        return true;
    }
    let last = |k: &str| k.rsplit(' ').next().unwrap_or_default().to_string();
    (!ka.contains(' ') && last(&kb) == ka) || (!kb.contains(' ') && last(&ka) == kb)
}

#[test]
fn gold_entities_get_one_key_group_each() {
    let path = shared_path("gold/seed-story.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {path} not readable");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut entities: Vec<(String, Vec<String>)> = Vec::new();
    for e in gold["entities"].as_array().unwrap() {
        let mut ms: Vec<String> = Vec::new();
        for list in e["mentions"].as_object().unwrap().values() {
            for m in list.as_array().unwrap() {
                let m = m.as_str().unwrap().to_string();
                if !ms.contains(&m) && !TRANSLATIONS.contains(&m.as_str()) {
                    ms.push(m);
                }
            }
        }
        entities.push((e["name_en"].as_str().unwrap().to_string(), ms));
    }
    assert!(entities.len() >= 10);
    for (name, ms) in &entities {
        // One connected group per entity.
        let mut group = vec![0usize];
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..ms.len() {
                if !group.contains(&i) && group.iter().any(|&g| linked(&ms[g], &ms[i])) {
                    group.push(i);
                    changed = true;
                }
            }
        }
        let keys: Vec<String> = ms.iter().map(|m| name_key(m)).collect();
        assert_eq!(group.len(), ms.len(), "{name}: {ms:?} keys {keys:?}");
    }
    // No two entities linked.
    for (i, (n1, m1)) in entities.iter().enumerate() {
        for (n2, m2) in entities.iter().skip(i + 1) {
            for a in m1 {
                for b in m2 {
                    assert!(!linked(a, b), "{n1} ({a}) and {n2} ({b}) share a key");
                }
            }
        }
    }
}

#[test]
fn kazakhstan_in_gazetteers_one_key() {
    let cldr = shared_path("data/gazetteer/cldr/hi/territories.json");
    let iso = shared_path("data/gazetteer/iso-codes/hi-iso3166-1.tsv");
    let (Ok(cldr), Ok(iso)) = (
        std::fs::read_to_string(&cldr),
        std::fs::read_to_string(&iso),
    ) else {
        println!("skipped: gazetteer files not readable");
        return;
    };
    let cldr: serde_json::Value = serde_json::from_str(&cldr).unwrap();
    let mut found: Vec<String> = Vec::new();
    fn find_kz(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if k == "KZ" {
                        if let Some(s) = v.as_str() {
                            out.push(s.to_string());
                        }
                    }
                    find_kz(v, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| find_kz(v, out)),
            _ => {}
        }
    }
    find_kz(&cldr, &mut found);
    for line in iso.lines() {
        if let Some((en, hi)) = line.split_once('\t') {
            if en == "Kazakhstan" {
                found.push(en.to_string());
                found.push(hi.to_string());
            }
        }
    }
    assert!(found.len() >= 3, "{found:?}");
    let k = name_key(&found[0]);
    for f in &found {
        assert_eq!(name_key(f), k, "{f}");
    }
    // And no other country of iso-codes shares it.
    for line in iso.lines() {
        if let Some((en, hi)) = line.split_once('\t') {
            if en != "Kazakhstan" {
                assert_ne!(name_key(en), k, "{en}");
                assert_ne!(name_key(hi), k, "{hi}");
            }
        }
    }
}

proptest! {
    #[test]
    fn never_panics_and_keys_are_stable(s in "\\PC{0,40}") {
        let k = name_key(&s);
        prop_assert_eq!(name_key(&k), k.clone());
        let _ = transliterate(&s);
        let _ = token_keys(&s);
        let _ = acronym_latin(&s);
        let _ = acronym_devanagari(&s);
    }

    #[test]
    fn keys_of_devanagari_and_latin_names_are_stable(s in "[\\u0900-\\u097F a-zA-Z-]{0,30}") {
        let k = name_key(&s);
        prop_assert_eq!(name_key(&k), k);
        prop_assert_eq!(skeleton(&skeleton(&s)), skeleton(&s));
    }

    #[test]
    fn similarity_is_symmetric_and_bounded(a in "[\\u0900-\\u097F a-zA-Z,.-]{0,25}", b in "[\\u0900-\\u097F a-zA-Z,.-]{0,25}") {
        let x = name_similarity(&a, &b);
        let y = name_similarity(&b, &a);
        prop_assert!((0.0..=1.0).contains(&x));
        prop_assert_eq!(x, y);
    }
}

/// The tokens of a name as the first version computed them (one step after another, with the
/// public acronym functions): the oracle for the fast [`tokens`].
fn tokens_oracle(name: &str) -> Vec<Tok> {
    let name = crate::normalize::normalize(name);
    let split = |part: &str| -> Vec<String> {
        part.split(|c: char| {
            !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’') || is_mark(c))
                || c == '।'
                || c == '॥'
        })
        .map(|t| {
            t.chars()
                .filter(|c| !matches!(c, '-' | '\'' | '’'))
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect()
    };
    let mut raw: Vec<(String, bool)> = Vec::new();
    if let Some((surname, given)) = name.split_once(',') {
        for t in split(given) {
            if t.chars().count() <= 4 && t.chars().all(|c| c.is_ascii_uppercase()) {
                raw.extend(t.chars().map(|c| (c.to_string(), true)));
            } else {
                raw.push((t, false));
            }
        }
        raw.extend(split(surname).into_iter().map(|t| (t, false)));
    } else {
        raw.extend(split(&name).into_iter().map(|t| (t, false)));
    }
    let n = raw.len();
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, (t, is_initial))| {
            let deva = has_devanagari(&t);
            let acronym = if deva {
                acronym_latin(&t)
            } else {
                latin_acronym(&t)
            };
            let initial = if is_initial || (t.chars().count() == 1 && t.is_ascii()) {
                t.bytes().next().map(|b| b.to_ascii_lowercase())
            } else if deva && n > 1 && i + 1 < n {
                letter_name(&t).map(|c| c.to_ascii_lowercase() as u8)
            } else {
                None
            };
            let latin = match initial {
                Some(b) => (b as char).to_string(),
                None if deva => transliterate(&t),
                None => t.clone(),
            };
            let folded = fold_latin(&latin);
            if folded.is_empty() && acronym.is_none() {
                return None;
            }
            let plain = match initial {
                Some(b) => (b as char).to_string(),
                None => {
                    let mut p = ascii_letters(&latin);
                    p.dedup();
                    String::from_utf8(p).unwrap_or_default()
                }
            };
            Some(Tok {
                skel: skeleton_of_fold(&folded),
                folded,
                plain,
                acronym,
                initial,
            })
        })
        .collect()
}

#[test]
fn fast_tokens_agree_with_the_oracle_on_names() {
    for name in [
        "कसीम-जोमार्ट टोकायव",
        "सीएसटीओ प्रमुख",
        "आर गुरबाज़",
        "Gurbaz, RR",
        "O'Brien, John",
        "बीबी सीटी एनडीए",
        "डब्ल्यूएचओ।आईएमएफ॥ एक्सवाईज़ेड",
        "Rossouw, R.",
        "ज़ेड",
        "",
    ] {
        assert_eq!(tokens(name), tokens_oracle(name), "{name}");
    }
}

proptest! {
    #[test]
    fn fast_tokens_agree_with_the_oracle(s in "[\\u0900-\\u097F a-zA-Z0-9,.'’|\\u200C\\u200D\\u00E9-]{0,30}") {
        prop_assert_eq!(tokens(&s), tokens_oracle(&s));
    }

    #[test]
    fn fast_tokens_agree_with_the_oracle_on_letter_names(
        parts in proptest::collection::vec(
            proptest::sample::select(vec!["ए", "ऐ", "बी", "सी", "डी", "ई", "एफ़", "जी", "एच", "आई", "जे", "के",
                "एल", "एम", "एन", "ओ", "पी", "क्यू", "आर", "एस", "टी", "यू", "वी", "डब्ल्यू", "एक्स",
                "वाई", "ज़ेड", "जेड", " ", "-", "ा", "न", ","]), 0..8)
    ) {
        let s: String = parts.concat();
        prop_assert_eq!(tokens(&s), tokens_oracle(&s));
    }

    #[test]
    fn prepared_names_give_name_similarity(a in "[\\u0900-\\u097F a-zA-Z,.-]{0,25}", b in "[\\u0900-\\u097F a-zA-Z,.-]{0,25}") {
        let (pa, pb) = (PreparedName::new(&a), PreparedName::new(&b));
        prop_assert_eq!(pa.name_similarity(&pb), name_similarity(&a, &b));
        prop_assert_eq!(pa.key(), name_key(&a));
    }
}

/// Levenshtein distance by its definition (recursion over the last bytes, memoised).
fn levenshtein_oracle(a: &[u8], b: &[u8]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let sub = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
        }
    }
    d[a.len()][b.len()]
}

proptest! {
    #[test]
    fn levenshtein_matches_its_definition(a in "[abc]{0,70}", b in "[abc]{0,70}") {
        prop_assert_eq!(levenshtein(a.as_bytes(), b.as_bytes()), levenshtein_oracle(a.as_bytes(), b.as_bytes()));
    }
}
