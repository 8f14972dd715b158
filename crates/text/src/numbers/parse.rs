//! Reading one number at a lexeme: digits with grouping and decimals, Hindi and English number
//! words, multipliers, fractions, vague amounts, ranges and approximate markers. Shared by the
//! number finder ([`super::find_numbers_in`]) and the date finder (a day written in words,
//! `तीन अगस्त`; a count before `दिन पहले`), so neither imports the other.

use crate::lex::{tokens, Tok, TokKind};
use crate::normalize::fold_word as fold;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Hindi number words 0–99 (folded keys are compared, so nukta/anusvara variants need no entry).
const HI_SMALL: &[(u32, &[&str])] = &[
    (0, &["शून्य", "जीरो"]),
    (1, &["एक"]),
    (2, &["दो"]),
    (3, &["तीन"]),
    (4, &["चार"]),
    (5, &["पांच", "पाच"]),
    (6, &["छह", "छः", "छै"]),
    (7, &["सात"]),
    (8, &["आठ"]),
    (9, &["नौ"]),
    (10, &["दस"]),
    (11, &["ग्यारह"]),
    (12, &["बारह"]),
    (13, &["तेरह"]),
    (14, &["चौदह"]),
    (15, &["पंद्रह"]),
    (16, &["सोलह"]),
    (17, &["सत्रह"]),
    (18, &["अठारह", "अट्ठारह"]),
    (19, &["उन्नीस"]),
    (20, &["बीस"]),
    (21, &["इक्कीस"]),
    (22, &["बाईस", "बाइस"]),
    (23, &["तेईस", "तेइस"]),
    (24, &["चौबीस"]),
    (25, &["पच्चीस"]),
    (26, &["छब्बीस"]),
    (27, &["सत्ताईस", "सताईस", "सत्ताइस"]),
    (28, &["अट्ठाईस", "अठाईस", "अट्ठाइस"]),
    (29, &["उनतीस", "उंतीस"]),
    (30, &["तीस"]),
    (31, &["इकतीस", "इकत्तीस"]),
    (32, &["बत्तीस"]),
    (33, &["तैंतीस", "तेंतीस", "तैतीस", "तेतीस"]),
    (34, &["चौंतीस", "चौतीस"]),
    (35, &["पैंतीस", "पैतीस"]),
    (36, &["छत्तीस"]),
    (37, &["सैंतीस", "सैतीस"]),
    (38, &["अड़तीस"]),
    (39, &["उनतालीस", "उंतालीस", "उनतालिस"]),
    (40, &["चालीस"]),
    (41, &["इकतालीस", "इकतालिस"]),
    (42, &["बयालीस", "बियालीस"]),
    (43, &["तैंतालीस", "तैतालीस", "तेंतालीस", "तेतालीस"]),
    (44, &["चौवालीस", "चवालीस", "चौआलीस", "चौंवालीस"]),
    (45, &["पैंतालीस", "पैतालीस"]),
    (46, &["छियालीस", "छयालीस"]),
    (47, &["सैंतालीस", "सैतालीस"]),
    (48, &["अड़तालीस"]),
    (49, &["उनचास", "उंचास"]),
    (50, &["पचास"]),
    (51, &["इक्यावन", "इकावन"]),
    (52, &["बावन"]),
    (53, &["तिरेपन", "तिरपन"]),
    (54, &["चौवन", "चव्वन"]),
    (55, &["पचपन"]),
    (56, &["छप्पन"]),
    (57, &["सत्तावन", "सतावन"]),
    (58, &["अट्ठावन", "अठावन"]),
    (59, &["उनसठ"]),
    (60, &["साठ"]),
    (61, &["इकसठ"]),
    (62, &["बासठ"]),
    (63, &["तिरेसठ", "तिरसठ"]),
    (64, &["चौंसठ", "चौसठ"]),
    (65, &["पैंसठ", "पैसठ"]),
    (66, &["छियासठ"]),
    (67, &["सड़सठ", "सरसठ", "सैंसठ"]),
    (68, &["अड़सठ"]),
    (69, &["उनहत्तर"]),
    (70, &["सत्तर"]),
    (71, &["इकहत्तर"]),
    (72, &["बहत्तर", "बहात्तर"]),
    (73, &["तिहत्तर", "तिहात्तर"]),
    (74, &["चौहत्तर"]),
    (75, &["पचहत्तर"]),
    (76, &["छिहत्तर"]),
    (77, &["सतहत्तर"]),
    (78, &["अठहत्तर"]),
    (79, &["उनासी", "उन्यासी", "उनयासी"]),
    (80, &["अस्सी"]),
    (81, &["इक्यासी"]),
    (82, &["बयासी", "बियासी"]),
    (83, &["तिरासी", "तिरयासी"]),
    (84, &["चौरासी"]),
    (85, &["पचासी", "पिचासी"]),
    (86, &["छियासी"]),
    (87, &["सत्तासी", "सतासी"]),
    (88, &["अट्ठासी", "अठासी"]),
    (89, &["नवासी", "नवासी", "उननब्बे"]),
    (90, &["नब्बे"]),
    (91, &["इक्यानबे"]),
    (92, &["बानबे"]),
    (93, &["तिरानबे"]),
    (94, &["चौरानबे"]),
    (95, &["पंचानबे", "पचानबे", "पचान्बे"]),
    (96, &["छियानबे"]),
    (97, &["सत्तानबे"]),
    (98, &["अट्ठानबे", "अठानबे"]),
    (99, &["निन्यानबे", "निनानबे"]),
];

const EN_SMALL: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Multipliers: folded key, value, may stand alone (`सौ` = 100).
const MULTIPLIERS: &[(&str, f64, bool)] = &[
    ("सौ", 1e2, true),
    ("हजार", 1e3, true),
    ("लाख", 1e5, false),
    ("करोड", 1e7, false),
    ("करोर", 1e7, false),
    ("अरब", 1e9, false),
    ("खरब", 1e11, false),
    ("मिलियन", 1e6, false),
    ("बिलियन", 1e9, false),
    ("ट्रिलियन", 1e12, false),
    ("दर्जन", 12.0, true),
    ("hundred", 1e2, false),
    ("thousand", 1e3, false),
    ("lakh", 1e5, false),
    ("lakhs", 1e5, false),
    ("lac", 1e5, false),
    ("crore", 1e7, false),
    ("crores", 1e7, false),
    ("million", 1e6, false),
    ("billion", 1e9, false),
    ("trillion", 1e12, false),
    ("dozen", 12.0, false),
];

/// Vague amounts (folded).
const VAGUE: &[&str] = &[
    "सैकडों",
    "सैंकडों",
    "सैकडो",
    "हजारों",
    "हजारो",
    "लाखों",
    "करोडों",
    "अरबों",
    "दर्जनों",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "scores",
    "tens",
];

/// Approximate markers before a number, as folded word sequences.
const APPROX_BEFORE: &[&[&str]] = &[
    &["करीब"],
    &["लगभग"],
    &["तकरीबन"],
    &["कम", "से", "कम"],
    &["कम", "-", "से", "-", "कम"],
    &["about"],
    &["nearly"],
    &["around"],
    &["approximately"],
    &["approx"],
    &["almost"],
    &["roughly"],
    &["over"],
    &["more", "than"],
    &["at", "least"],
    &["some"],
];

/// Approximate markers after a number.
const APPROX_AFTER: &[&[&str]] = &[
    &["से", "अधिक"],
    &["से", "ज्यादा"],
    &["से", "ऊपर"],
    &["के", "करीब"],
    &["के", "आसपास"],
    &["के", "लगभग"],
    &["or", "so"],
    &["or", "more"],
];

/// Folded Hindi spelling → value, built once.
fn hi_small_table() -> &'static HashMap<String, u32> {
    static TABLE: OnceLock<HashMap<String, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::default();
        for (v, forms) in HI_SMALL {
            for f in *forms {
                m.insert(fold(f), *v);
                // -नबे / -नवे endings of the nineties (नब्बे itself stays)
                if *v > 90 {
                    m.insert(fold(&f.replace("बे", "वे")), *v);
                }
            }
        }
        m
    })
}

/// The Hindi spellings of 0–99 this module knows (for tests and generators).
pub fn hindi_spellings() -> Vec<(u32, String)> {
    let mut v: Vec<(u32, String)> = hi_small_table()
        .iter()
        .map(|(k, v)| (*v, k.clone()))
        .collect();
    v.sort();
    v
}

fn small_value(key: &str) -> Option<f64> {
    if let Some(v) = hi_small_table().get(key) {
        return Some(f64::from(*v));
    }
    if let Some(i) = EN_SMALL.iter().position(|w| *w == key) {
        return Some(i as f64);
    }
    if let Some(i) = EN_TENS.iter().position(|w| *w == key) {
        return Some(20.0 + 10.0 * i as f64);
    }
    None
}

fn multiplier(key: &str) -> Option<(f64, bool)> {
    MULTIPLIERS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, v, alone)| (*v, *alone))
}

/// Fraction words: (kind, value). `Add` applies to the following number (साढ़े तीन = 3.5).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Frac {
    /// Adds to the following number (साढ़े +0.5, सवा +0.25, पौने −0.25).
    Add(f64),
    /// A number of its own (डेढ़ 1.5, ढाई 2.5).
    Value(f64),
    /// `आधा` (half): only before a multiplier (`आधा दर्जन` = 6); `आधी आबादी` is no number.
    Half,
}

fn fraction(key: &str) -> Option<Frac> {
    match key {
        "साढे" | "साडे" => Some(Frac::Add(0.5)),
        "सवा" => Some(Frac::Add(0.25)),
        "पौने" | "पोने" => Some(Frac::Add(-0.25)),
        "डेढ" | "डेड" => Some(Frac::Value(1.5)),
        "आधा" | "आधे" | "आधी" => Some(Frac::Half),
        "ढाई" => Some(Frac::Value(2.5)),
        _ => None,
    }
}

/// One number parsed from tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
struct Parsed {
    end: usize,
    value: Option<f64>,
    vague: bool,
    /// The number ends in a multiplier (for ranges).
    tail_mult: Option<f64>,
    /// The first number written, before multipliers (`12` in `12 लाख करोड़`).
    leading: Option<f64>,
    first_is_digit: bool,
    /// Made of one word `एक`/`one` or one bare multiplier.
    weak: bool,
    /// Only one digit token without multipliers.
    plain_digits: bool,
}

pub(super) fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
    matches!((toks.get(a), toks.get(b)), (Some(x), Some(y)) if x.end == y.start)
}

/// Is the token at `i` usable as a number start (not glued to letters, not an ordinal)?
fn digit_usable(toks: &[Tok], i: usize) -> bool {
    if i > 0 && adjacent(toks, i - 1, i) && toks[i - 1].kind == TokKind::Word {
        return false;
    }
    // identifiers and names: HR-26, COVID-19, चंद्रयान-2, सेक्टर-11
    if i > 1
        && toks[i - 1].is_punct('-')
        && adjacent(toks, i - 1, i)
        && adjacent(toks, i - 2, i - 1)
        && toks[i - 2].kind == TokKind::Word
    {
        return false;
    }
    if adjacent(toks, i, i + 1) {
        let n = &toks[i + 1];
        if n.kind == TokKind::Word {
            return false;
        }
    }
    true
}

/// Parse the longest number starting at token `i`.
fn parse_at(toks: &[Tok], i: usize) -> Option<Parsed> {
    let first = toks.get(i)?;
    // vague amounts, possibly followed by multipliers (हजारों करोड़, hundreds of thousands)
    if first.kind == TokKind::Word && VAGUE.contains(&first.key()) {
        let mut j = i + 1;
        loop {
            if toks.get(j).is_some_and(|t| multiplier(t.key()).is_some()) {
                j += 1;
            } else if toks.get(j).is_some_and(|t| t.is_word("of"))
                && toks
                    .get(j + 1)
                    .is_some_and(|t| VAGUE.contains(&t.key()) || multiplier(t.key()).is_some())
            {
                j += 2;
            } else {
                break;
            }
        }
        return Some(Parsed {
            end: j,
            value: None,
            vague: true,
            tail_mult: None,
            leading: None,
            first_is_digit: false,
            weak: false,
            plain_digits: false,
        });
    }

    let mut total = 0.0_f64;
    let mut hund: Option<f64> = None;
    let mut units: Option<f64> = None;
    let mut last_big = f64::INFINITY;
    let mut pending: Option<f64> = None; // fraction to add to the next number
    let mut j = i;
    let mut atoms = 0usize;
    let mut tail_mult = None;
    let mut only_digit = true;
    let mut weak_word = false;
    let mut units_from_digits = false;
    let mut leading: Option<f64> = None;
    let first_is_digit = first.kind == TokKind::Digits;
    while let Some(t) = toks.get(j) {
        match t.kind {
            TokKind::Digits => {
                let after_big = total > 0.0 && tail_mult.is_some();
                let after_hundred = hund.is_some() && tail_mult == Some(100.0);
                if units.is_some()
                    || (atoms > 0 && pending.is_none() && !after_big && !after_hundred)
                {
                    break;
                }
                if !digit_usable(toks, j) {
                    break;
                }
                let Some(v) = t.digit_value() else { break };
                units = Some(v + pending.take().unwrap_or(0.0));
                leading = leading.or(units);
                units_from_digits = true;
                atoms += 1;
                j += 1;
                tail_mult = None;
            }
            TokKind::Word => {
                let key = t.key();
                if let Some(f) = fraction(key) {
                    if units.is_some() || pending.is_some() {
                        break;
                    }
                    match f {
                        Frac::Add(a) => {
                            if atoms > 0 {
                                break;
                            }
                            pending = Some(a);
                        }
                        Frac::Half => {
                            let next_is_mult = toks
                                .get(j + 1)
                                .is_some_and(|n| multiplier(n.key()).is_some());
                            if atoms > 0 || !next_is_mult {
                                break;
                            }
                            pending = Some(-0.5);
                        }
                        Frac::Value(v) => {
                            units = Some(v);
                            leading = Some(v);
                        }
                    }
                    only_digit = false;
                    atoms += 1;
                    j += 1;
                    tail_mult = None;
                    continue;
                }
                if let Some(mut v) = small_value(key) {
                    if units.is_some() || (units_from_digits && hund.is_none()) {
                        break;
                    }
                    // English "twenty-five"
                    if (20.0..=90.0).contains(&v)
                        && EN_TENS.contains(&key)
                        && toks.get(j + 1).is_some_and(|t| t.is_punct('-'))
                        && adjacent(toks, j, j + 1)
                        && adjacent(toks, j + 1, j + 2)
                    {
                        if let Some(u) = toks.get(j + 2).and_then(|t| small_value(t.key())) {
                            if (1.0..=9.0).contains(&u) {
                                v += u;
                                j += 2;
                            }
                        }
                    }
                    weak_word = atoms == 0 && pending.is_none() && (key == "एक" || key == "one");
                    units = Some(v + pending.take().unwrap_or(0.0));
                    leading = leading.or(units);
                    only_digit = false;
                    atoms += 1;
                    j += 1;
                    tail_mult = None;
                    continue;
                }
                if let Some((m, alone)) = multiplier(key) {
                    let base = match (units.take(), pending.take()) {
                        (Some(u), _) => Some(u),
                        (None, Some(p)) => Some(1.0 + p),
                        (None, None) => None,
                    };
                    // a bare multiplier: "सौ लोग", "a million"
                    let bare_ok = atoms == 0 && (alone || (i > 0 && toks[i - 1].is_word("a")));
                    if m == 100.0 {
                        if hund.is_some() {
                            break;
                        }
                        let b = match base {
                            Some(b) => b,
                            None if bare_ok => 1.0,
                            None => break,
                        };
                        hund = Some(b * 100.0);
                        tail_mult = Some(100.0);
                    } else {
                        let c = match (base, hund.take()) {
                            (Some(b), h) => b + h.unwrap_or(0.0),
                            (None, Some(h)) => h,
                            (None, None) if bare_ok => 1.0,
                            (None, None) if tail_mult.is_some() && m > last_big => {
                                // stacked: "एक लाख करोड़" = 10^5 × 10^7
                                total *= m;
                                last_big = m;
                                tail_mult = Some(m);
                                atoms += 1;
                                j += 1;
                                continue;
                            }
                            (None, None) => break,
                        };
                        if m < last_big {
                            total += c * m;
                        } else {
                            total = (total + c) * m;
                        }
                        last_big = m;
                        tail_mult = Some(m);
                    }
                    if leading.is_none() {
                        leading = Some(1.0);
                    }
                    weak_word = false;
                    only_digit = false;
                    units_from_digits = false;
                    atoms += 1;
                    j += 1;
                    continue;
                }
                // "one hundred and five"
                if key == "and"
                    && hund.is_some()
                    && units.is_none()
                    && toks
                        .get(j + 1)
                        .is_some_and(|t| small_value(t.key()).is_some())
                {
                    j += 1;
                    continue;
                }
                break;
            }
            TokKind::Punct => break,
        }
    }
    if atoms == 0 || pending.is_some() {
        return None;
    }
    let value = total + hund.unwrap_or(0.0) + units.unwrap_or(0.0);
    let weak =
        atoms == 1 && (weak_word || toks.get(i).is_some_and(|t| multiplier(t.key()).is_some()));
    Some(Parsed {
        end: j,
        value: Some(value),
        vague: false,
        tail_mult,
        leading,
        first_is_digit,
        weak,
        plain_digits: only_digit && atoms == 1,
    })
}

fn match_seq(toks: &[Tok], at: usize, seq: &[&str]) -> bool {
    seq.iter()
        .enumerate()
        .all(|(k, w)| toks.get(at + k).is_some_and(|t| t.key() == *w))
}

/// Marker before `i`: returns its first token.
pub(super) fn marker_before(toks: &[Tok], i: usize) -> Option<usize> {
    APPROX_BEFORE.iter().find_map(|seq| {
        let n = seq.len();
        if i >= n && match_seq(toks, i - n, seq) {
            Some(i - n)
        } else {
            None
        }
    })
}

pub(super) fn marker_after(toks: &[Tok], j: usize) -> Option<usize> {
    APPROX_AFTER
        .iter()
        .find(|seq| match_seq(toks, j, seq))
        .map(|seq| j + seq.len())
}

/// A full number match starting at token `i` (markers not yet considered).
pub(super) struct Core {
    pub(super) end: usize,
    pub(super) value: Option<f64>,
    pub(super) range_end: Option<f64>,
    pub(super) approximate: bool,
    pub(super) vague: bool,
    pub(super) weak: bool,
    pub(super) plain_digits: bool,
}

pub(super) fn core_at(toks: &[Tok], i: usize) -> Option<Core> {
    let p = parse_at(toks, i)?;
    let mut core = Core {
        end: p.end,
        value: p.value,
        range_end: None,
        approximate: false,
        vague: p.vague,
        weak: p.weak,
        plain_digits: p.plain_digits,
    };
    if p.vague {
        return Some(core);
    }
    // ranges: "दो-तीन", "10-12 हजार", "20 to 25", "दो से तीन"
    let sep_len = usize::from(toks.get(p.end).is_some_and(|t| {
        t.is_punct('-') || t.is_punct('–') || t.is_word("to") || t.is_word("या") || t.is_word("से")
    }));
    if sep_len > 0 && p.tail_mult.is_none() {
        if let Some(q) = parse_at(toks, p.end + sep_len) {
            if let (Some(a), Some(b), Some(lead)) = (p.value, q.value, q.leading) {
                let scale = if lead > 0.0 { b / lead } else { 1.0 };
                let a_scaled = a * scale;
                let same_kind = p.first_is_digit == q.first_is_digit;
                if (a_scaled - b).abs() < f64::EPSILON && same_kind {
                    core.value = Some(b);
                    core.end = q.end;
                    core.weak = false;
                    core.plain_digits = false;
                } else if a_scaled < b && same_kind && !q.vague {
                    core.value = Some(a_scaled);
                    core.range_end = Some(b);
                    core.approximate = true;
                    core.end = q.end;
                    core.weak = false;
                    core.plain_digits = false;
                }
            }
        }
    }
    Some(core)
}

/// The value of a whole phrase that is one number (`साढ़े तीन हज़ार`, `1,00,000`, `2.5 लाख`,
/// `eight thousand`, `करीब आठ हजार`). `None` when the phrase is not exactly one number, or is
/// vague (`सैकड़ों`). Unlike [`super::find_numbers`], a lone `एक` is 1.
pub fn parse_number(phrase: &str) -> Option<f64> {
    let toks = tokens(phrase);
    let mut i = 0;
    // skip leading markers
    for seq in APPROX_BEFORE {
        if match_seq(&toks, i, seq) {
            i += seq.len();
            break;
        }
    }
    let core = core_at(&toks, i)?;
    let mut end = core.end;
    if let Some(e) = marker_after(&toks, end) {
        end = e;
    }
    if end != toks.len() || core.vague {
        return None;
    }
    core.value
}
