//! Property tests for the number parser: Hindi number words generated from the CLDR
//! spell-out rules (when `../shared` is present) and from our own generator (always), parsed
//! back; and no panic / valid spans on arbitrary input.

use khabar_text::numbers::{find_numbers, hindi_spellings, parse_number};
use proptest::prelude::*;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// A tiny interpreter for the subset of ICU RBNF syntax that CLDR `hi` `%spellout-cardinal`
/// uses for non-negative integers: plain literals `X;`, `←← W[ →→];` (quotient, literal,
/// optional remainder), with the divisor the largest power of ten not above the rule's base.
struct Rbnf {
    rules: Vec<(u64, String)>,
}

impl Rbnf {
    fn load() -> Option<Rbnf> {
        let path = shared().join("data/gazetteer/cldr/rbnf/hi.json");
        let text = std::fs::read_to_string(path).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let list = v["rbnf"]["rbnf"]["SpelloutRules"]["%spellout-cardinal"].as_array()?;
        let mut rules = Vec::new();
        for r in list {
            let base = r[0].as_str()?;
            let body = r[1].as_str()?;
            if let Ok(b) = base.parse::<u64>() {
                rules.push((b, body.trim_end_matches(';').to_string()));
            }
        }
        rules.sort();
        Some(Rbnf { rules })
    }

    fn spell(&self, n: u64) -> String {
        let (base, body) = self
            .rules
            .iter()
            .rev()
            .find(|(b, _)| *b <= n)
            .expect("a rule for every non-negative number");
        if !body.contains('←') && !body.contains('→') {
            return body.clone();
        }
        let div = 10u64.pow(base.ilog10());
        let (q, r) = (n / div, n % div);
        let mut out = String::new();
        let mut rest = body.as_str();
        while !rest.is_empty() {
            if let Some(s) = rest.strip_prefix("←←") {
                out.push_str(&self.spell(q));
                rest = s;
            } else if let Some(s) = rest.strip_prefix("→→") {
                out.push_str(&self.spell(r));
                rest = s;
            } else if let Some(s) = rest.strip_prefix('[') {
                let close = s.find(']').expect("closed optional part");
                if r != 0 {
                    let inner = &s[..close];
                    out.push_str(&inner.replace("→→", &self.spell(r)));
                }
                rest = &s[close + 1..];
            } else {
                let c = rest.chars().next().expect("non-empty");
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }
}

#[test]
fn cldr_generator_sanity() {
    let Some(r) = Rbnf::load() else {
        println!("skipped: ../shared/data/gazetteer/cldr/rbnf/hi.json is absent");
        return;
    };
    assert_eq!(r.spell(0), "शून्य");
    assert_eq!(r.spell(8000), "आठ हज़ार");
    assert_eq!(r.spell(250_000), "दो लाख पचास हज़ार");
    assert_eq!(r.spell(100_000_000_000), "एक खरब");
    for n in 0..=100u64 {
        assert_eq!(parse_number(&r.spell(n)), Some(n as f64), "{}", r.spell(n));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(2000) })]

    #[test]
    fn cldr_words_parse_back(n in 0u64..=100_000_000_000u64) {
        let Some(r) = Rbnf::load() else {
            return Ok(());
        };
        let words = r.spell(n);
        prop_assert_eq!(parse_number(&words), Some(n as f64), "{}", words);
        if n > 1 {
            let found = find_numbers(&words);
            prop_assert_eq!(found.len(), 1, "{}: {:?}", words, found);
            prop_assert_eq!(found[0].span.len(), words.len());
            prop_assert_eq!(found[0].value, Some(n as f64));
        }
    }
}

/// Our own generator: Indian grouping, every known spelling of 0–99, multipliers with and
/// without nukta, groups randomly in digits (`45 हजार`).
fn own_words(n: u64, choice: &[usize]) -> String {
    let spellings = hindi_spellings();
    let mut c = choice.iter().cycle();
    let mut pick = |v: u64| -> String {
        let forms: Vec<&String> = spellings
            .iter()
            .filter(|(k, _)| u64::from(*k) == v)
            .map(|(_, s)| s)
            .collect();
        let k = *c.next().unwrap_or(&0);
        if k % 5 == 4 {
            v.to_string()
        } else {
            forms[k % forms.len()].clone()
        }
    };
    if n == 0 {
        return pick(0);
    }
    let groups: [(u64, &[&str]); 6] = [
        (100_000_000_000, &["खरब"]),
        (1_000_000_000, &["अरब"]),
        (10_000_000, &["करोड़", "करोड"]),
        (100_000, &["लाख"]),
        (1_000, &["हज़ार", "हजार"]),
        (100, &["सौ"]),
    ];
    let mut parts = Vec::new();
    let mut rest = n;
    for (unit, names) in groups {
        let q = rest / unit;
        rest %= unit;
        if q > 0 {
            // above 99 only for खरब; spell those with the same function
            let head = if q > 99 {
                own_words(q, choice)
            } else {
                pick(q)
            };
            parts.push(head);
            parts.push(names[(q as usize) % names.len()].to_string());
        }
    }
    if rest > 0 {
        parts.push(pick(rest));
    }
    parts.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(2000) })]

    #[test]
    fn own_words_parse_back(n in 0u64..=100_000_000_000u64, choice in prop::collection::vec(0usize..20, 1..8)) {
        let words = own_words(n, &choice);
        prop_assert_eq!(parse_number(&words), Some(n as f64), "{}", words);
    }

    #[test]
    fn fractions(k in 1u64..=99, mult in 0usize..4) {
        let (m, name) = [(1.0, ""), (100.0, " सौ"), (1000.0, " हज़ार"), (100000.0, " लाख")][mult];
        let k_words = own_words(k, &[0]);
        let half = parse_number(&format!("साढ़े {k_words}{name}"));
        prop_assert_eq!(half, Some((k as f64 + 0.5) * m));
        let quarter = parse_number(&format!("सवा {k_words}{name}"));
        prop_assert_eq!(quarter, Some((k as f64 + 0.25) * m));
        let less = parse_number(&format!("पौने {k_words}{name}"));
        prop_assert_eq!(less, Some((k as f64 - 0.25) * m));
    }

    #[test]
    fn digits_with_grouping(n in 0u64..=10_000_000_000u64) {
        let plain = n.to_string();
        // Indian grouping: last three digits, then pairs
        let mut indian = String::new();
        let (head, tail) = plain.split_at(plain.len().saturating_sub(3));
        let hb = head.as_bytes();
        for (i, ch) in hb.iter().enumerate() {
            indian.push(*ch as char);
            if (hb.len() - i - 1) % 2 == 0 {
                indian.push(',');
            }
        }
        indian.push_str(tail);
        let deva: String = plain.chars().map(|c| char::from_u32(c as u32 - 0x30 + 0x0966).unwrap()).collect();
        prop_assert_eq!(parse_number(&plain), Some(n as f64));
        prop_assert_eq!(parse_number(&indian), Some(n as f64), "{}", indian);
        prop_assert_eq!(parse_number(&deva), Some(n as f64));
    }

    #[test]
    fn no_panic_and_valid_spans(s in "[ a-zA-Z0-9,.:\\-/()%₹०-९ऀ-ॿ]{0,60}") {
        for m in find_numbers(&s) {
            prop_assert!(m.span.start <= m.number_span.start && m.number_span.end <= m.span.end);
            prop_assert!(m.span.slice(&s).is_some());
            prop_assert!(m.number_span.slice(&s).is_some());
            prop_assert!(m.vague == m.value.is_none());
        }
        let _ = parse_number(&s);
    }

    #[test]
    fn no_panic_any_string(s in any::<String>()) {
        for m in find_numbers(&s) {
            prop_assert!(m.span.slice(&s).is_some());
        }
    }
}
