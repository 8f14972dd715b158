//! The knowledge-base generator (a module of the `kb-build` binary, not of the library, which
//! only loads what it writes): merges the public gazetteers and the team's lists into
//! `data/kb/kb.jsonl`. Run it with `cargo run -p khabar-kb --features generator --bin kb-build` (see the binary for
//! options). The output depends only on the input files: same inputs, same bytes.
//!
//! Order of sources (earlier ones give the canonical names; later ones add aliases or new
//! entries): the team's lists (`data/lists/*.tsv`), CLDR territories (en, hi, hi-Latn),
//! iso-codes ISO 3166-1 (hi), Indian states and districts, iso-codes ISO 3166-2 (hi), CLDR
//! time-zone exemplar cities (en, hi), Wikidata labels (en, hi), and finally the demonym list.
//!
//! List format (TSV, UTF-8, `#` starts a comment line, first non-comment line is the header):
//! `id_hint type kind name_en name_hi aliases_en aliases_hi country role parent`, aliases
//! separated by `|`; `country` and `parent` are English names (or ids) of places, resolved to
//! ids. `demonyms.tsv` has `country_en demonyms_en demonyms_hi`.

use khabar_kb::Entry;
use khabar_model::EntityKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid JSON: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}, line {line}: {msg}")]
    Format {
        path: PathBuf,
        line: usize,
        msg: String,
    },
}

/// Counts for the report: entries by type and subtype, and by source.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stats {
    pub by_type: BTreeMap<String, usize>,
    pub by_source: BTreeMap<String, usize>,
    pub dropped: BTreeMap<String, usize>,
    pub unresolved: Vec<String>,
    /// The common words the build used (see [`common_words`]), for `data/kb/common-words.txt`.
    pub common_words: BTreeSet<String>,
}

/// Where the generator reads.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// `../shared/data/gazetteer`
    pub gazetteer: PathBuf,
    /// `data/lists`
    pub lists: PathBuf,
    /// A Hindi CoNLL file (`token<TAB>tag`, BIO; `../shared/data/ner/il-ner-hindi/train.txt`) whose
    /// counts tell which words are common words rather than names; see [`common_words`].
    pub common_words: Option<PathBuf>,
}

/// Hindi words that are common words far more often than names, counted in a NER-tagged CoNLL
/// text: seen at least `min_count` times and tagged as part of a name less than one time in five.
/// Gazetteer transliterations of foreign place names collide with such words (और, तक, किसी, गया
/// …); an alias in this set would link ordinary prose to a place.
pub fn common_words(conll: &str, min_count: usize) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in conll.lines() {
        let mut cols = line.split('\t');
        let (Some(word), Some(tag)) = (cols.next(), cols.next()) else {
            continue;
        };
        let word = clean(word);
        if word.is_empty() || !is_devanagari(&word) {
            continue;
        }
        let c = seen.entry(word).or_default();
        c.0 += 1;
        if tag.trim() != "O" {
            c.1 += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, (n, named))| *n >= min_count && named * 5 < *n)
        .map(|(w, _)| w)
        .collect()
}

/// Hindi weekday and month names in their common spellings (each checked against the text
/// core's date reader before use).
const CALENDAR_WORDS: &[&str] = &[
    "सोमवार",
    "मंगलवार",
    "बुधवार",
    "गुरुवार",
    "बृहस्पतिवार",
    "वीरवार",
    "शुक्रवार",
    "शनिवार",
    "रविवार",
    "इतवार",
    "जनवरी",
    "फरवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "अप्रेल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "सितम्बर",
    "अक्टूबर",
    "अक्तूबर",
    "नवंबर",
    "नवम्बर",
    "दिसंबर",
    "दिसम्बर",
];

/// Whether a one-word Hindi alias reads as ordinary prose: a common word or a date word
/// (weekday or month names: a gazetteer once translated the district Mon as सोमवार, Monday).
fn is_prose_word(alias: &str, common: &BTreeSet<String>) -> bool {
    if alias.contains(char::is_whitespace) {
        return false;
    }
    if common.contains(alias) || khabar_text::dates::month_number(alias).is_some() {
        return true;
    }
    let sample = format!("{alias} को");
    let day = chrono::NaiveDate::from_ymd_opt(2020, 6, 15);
    day.is_some_and(|d| !khabar_text::dates::find_dates(&sample, d).is_empty())
}

#[derive(Debug, Clone)]
struct Draft {
    id_hint: Option<String>,
    kind: EntityKind,
    subtype: Option<String>,
    name_en: String,
    name_hi: Option<String>,
    aliases_en: BTreeSet<String>,
    aliases_hi: BTreeSet<String>,
    demonyms: BTreeSet<String>,
    country: Option<String>,
    role: Option<String>,
    parent: Option<String>,
    wikidata: Option<String>,
    sources: BTreeSet<String>,
    /// Merge keys of every English and Hindi name, kept in step with the names.
    en_keys: BTreeSet<String>,
    hi_keys: BTreeSet<String>,
}

impl Draft {
    fn new(kind: EntityKind, subtype: Option<&str>, name_en: &str, source: &str) -> Draft {
        Draft {
            id_hint: None,
            kind,
            subtype: subtype.map(str::to_string),
            name_en: clean(name_en),
            name_hi: None,
            aliases_en: BTreeSet::new(),
            aliases_hi: BTreeSet::new(),
            demonyms: BTreeSet::new(),
            country: None,
            role: None,
            parent: None,
            wikidata: None,
            sources: [source.to_string()].into(),
            en_keys: [en_key(name_en)].into(),
            hi_keys: BTreeSet::new(),
        }
    }

    fn add_en(&mut self, s: &str) {
        let s = clean(s);
        if !s.is_empty() && s != self.name_en {
            self.en_keys.insert(en_key(&s));
            self.aliases_en.insert(s);
        }
    }

    fn add_hi(&mut self, s: &str) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        self.hi_keys.insert(hi_key(&s));
        match &self.name_hi {
            None => self.name_hi = Some(s),
            Some(h) if *h == s => {}
            Some(_) => {
                self.aliases_hi.insert(s);
            }
        }
    }

    /// Add a name to the alias list of the right script.
    fn add_any(&mut self, s: &str) {
        if is_devanagari(s) {
            self.add_hi(s)
        } else {
            self.add_en(s)
        }
    }

    fn en_names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name_en).chain(self.aliases_en.iter())
    }
}

fn is_devanagari(s: &str) -> bool {
    s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}

/// NFC, trimmed, inner whitespace collapsed.
fn clean(s: &str) -> String {
    let n: String = khabar_text::normalize::normalize(s).nfc().collect();
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merge key of an English name: ASCII-folded lowercase words.
fn en_key(s: &str) -> String {
    slug(s).replace('-', " ")
}

fn hi_key(s: &str) -> String {
    khabar_kb::alias_key(s)
}

/// ASCII slug: accents stripped, lowercase, runs of other characters become `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.nfd() {
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        let c = match c {
            'ø' | 'Ø' => 'o',
            'ł' | 'Ł' => 'l',
            'đ' | 'Đ' => 'd',
            'ß' => 's',
            'æ' | 'Æ' => 'a',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '&' {
            if !out.is_empty() {
                out.push_str("-and");
            }
            dash = true;
        } else {
            dash = true;
        }
    }
    out
}

struct Builder {
    drafts: Vec<Draft>,
    stats: Stats,
    index: std::cell::RefCell<KeyIndex>,
}

/// Drafts by merge key; brought up to date before every search (keys only ever grow, so a
/// draft whose key count changed is re-indexed).
#[derive(Default)]
struct KeyIndex {
    seen: Vec<usize>,
    en: HashMap<String, BTreeSet<usize>>,
    hi: HashMap<String, BTreeSet<usize>>,
}

impl Builder {
    fn refresh(&self) {
        let mut ix = self.index.borrow_mut();
        for (i, d) in self.drafts.iter().enumerate() {
            let n = d.en_keys.len() + d.hi_keys.len();
            if ix.seen.get(i) == Some(&n) {
                continue;
            }
            for k in &d.en_keys {
                ix.en.entry(k.clone()).or_default().insert(i);
            }
            for k in &d.hi_keys {
                ix.hi.entry(k.clone()).or_default().insert(i);
            }
            if i < ix.seen.len() {
                ix.seen[i] = n;
            } else {
                ix.seen.push(n);
            }
        }
    }

    /// Index of drafts of this kind whose English (or Hindi) names match.
    fn find(
        &self,
        kind: EntityKind,
        subtypes: &[&str],
        en: Option<&str>,
        hi: Option<&str>,
    ) -> Option<usize> {
        self.refresh();
        let ix = self.index.borrow();
        let ok = |i: usize, st: Option<&str>| {
            let d = &self.drafts[i];
            d.kind == kind
                && (subtypes.is_empty()
                    || d.subtype.as_deref().is_some_and(|s| subtypes.contains(&s)))
                && st.is_none_or(|st| d.subtype.as_deref() == Some(st))
        };
        let keyed = [(en.map(en_key), &ix.en), (hi.map(hi_key), &ix.hi)];
        for (key, map) in keyed {
            let Some(key) = key.filter(|k| !k.is_empty()) else {
                continue;
            };
            let Some(cands) = map.get(&key) else {
                continue;
            };
            for st in subtype_order(subtypes) {
                if let Some(&i) = cands.iter().find(|&&i| ok(i, st)) {
                    return Some(i);
                }
            }
        }
        None
    }
}

fn subtype_order<'a>(subtypes: &'a [&'a str]) -> Vec<Option<&'a str>> {
    if subtypes.is_empty() {
        vec![None]
    } else {
        subtypes.iter().map(|s| Some(*s)).collect()
    }
}

fn read(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn read_json(path: &Path) -> Result<Value, BuildError> {
    serde_json::from_str(&read(path)?).map_err(|source| BuildError::Json {
        path: path.to_path_buf(),
        source,
    })
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|').map(clean).filter(|x| !x.is_empty()).collect()
}

fn parse_kind(s: &str) -> Option<EntityKind> {
    EntityKind::parse(s)
}

/// Build the knowledge base: entries sorted by id, and counts.
pub fn build(inputs: &Inputs) -> Result<(Vec<Entry>, Stats), BuildError> {
    let mut b = Builder {
        drafts: Vec::new(),
        stats: Stats::default(),
        index: Default::default(),
    };
    let mut pending_refs: Vec<(usize, Option<String>, Option<String>)> = Vec::new();
    lists(&mut b, &inputs.lists, &mut pending_refs)?;
    cldr_territories(&mut b, &inputs.gazetteer)?;
    iso_countries(&mut b, &inputs.gazetteer)?;
    india(&mut b, &inputs.gazetteer)?;
    iso_subdivisions(&mut b, &inputs.gazetteer)?;
    cldr_cities(&mut b, &inputs.gazetteer)?;
    wikidata(&mut b, &inputs.gazetteer)?;
    demonyms(&mut b, &inputs.lists)?;
    // Resolve the country and parent names of the lists to `#<draft index>` references.
    for (i, country, parent) in pending_refs {
        if let Some(c) = country {
            match resolve_place(&b, &c, &["country"]) {
                Some(r) => b.drafts[i].country = Some(format!("#{r}")),
                None => b
                    .stats
                    .unresolved
                    .push(format!("country {c:?} of {}", b.drafts[i].name_en)),
            }
        }
        if let Some(p) = parent {
            let subs = [
                "state",
                "country",
                "region",
                "city",
                "subdivision",
                "district",
            ];
            match resolve_place(&b, &p, &subs) {
                Some(r) => b.drafts[i].parent = Some(format!("#{r}")),
                None => b
                    .stats
                    .unresolved
                    .push(format!("parent {p:?} of {}", b.drafts[i].name_en)),
            }
        }
    }
    let ids = assign_ids(&b.drafts);
    let fix = |r: &mut Option<String>| {
        if let Some(x) = r.as_deref().and_then(|x| x.strip_prefix('#')) {
            *r = x.parse::<usize>().ok().and_then(|i| ids.get(i).cloned());
        }
    };
    for d in &mut b.drafts {
        fix(&mut d.country);
        fix(&mut d.parent);
    }
    let mut common = match &inputs.common_words {
        Some(p) => common_words(&read(p)?, 3),
        None => BTreeSet::new(),
    };
    // Weekday and month names are prose too, however rarely a tagged text has them.
    common.extend(
        CALENDAR_WORDS
            .iter()
            .map(|w| clean(w))
            .filter(|w| is_prose_word(w, &BTreeSet::new())),
    );
    let mut prose_aliases = 0usize;
    let mut entries: Vec<Entry> = b
        .drafts
        .into_iter()
        .zip(ids)
        .map(|(mut d, id)| {
            // Names the team wrote into its lists are kept as written; names that came from
            // gazetteers lose one-word Hindi aliases that are ordinary words.
            if !d.sources.iter().any(|s| s.starts_with("lists/")) {
                let before = d.aliases_hi.len() + usize::from(d.name_hi.is_some());
                d.aliases_hi.retain(|a| !is_prose_word(a, &common));
                if d.name_hi
                    .as_deref()
                    .is_some_and(|n| is_prose_word(n, &common))
                {
                    d.name_hi = d.aliases_hi.iter().next().cloned();
                }
                prose_aliases += before - d.aliases_hi.len() - usize::from(d.name_hi.is_some());
            }
            let name_hi = d.name_hi;
            let aliases_hi = d
                .aliases_hi
                .into_iter()
                .filter(|a| Some(a) != name_hi.as_ref())
                .collect();
            Entry {
                id,
                kind: d.kind,
                subtype: d.subtype,
                aliases_en: d
                    .aliases_en
                    .into_iter()
                    .filter(|a| *a != d.name_en)
                    .collect(),
                name_en: d.name_en,
                name_hi,
                aliases_hi,
                demonyms: d.demonyms.into_iter().collect(),
                country: d.country,
                role: d.role,
                parent: d.parent,
                wikidata: d.wikidata,
                sources: d.sources.into_iter().collect(),
            }
        })
        .collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let mut stats = b.stats;
    stats.common_words = common;
    if prose_aliases > 0 {
        stats
            .dropped
            .insert("Hindi aliases that are common words".into(), prose_aliases);
    }
    for e in &entries {
        let t = match &e.subtype {
            Some(s) => format!("{}/{}", e.kind.as_str(), s),
            None => e.kind.as_str().to_string(),
        };
        *stats.by_type.entry(t).or_default() += 1;
        for s in &e.sources {
            let s = if s.starts_with("lists/") {
                "lists"
            } else {
                s.as_str()
            };
            *stats.by_source.entry(s.to_string()).or_default() += 1;
        }
    }
    stats.unresolved.sort();
    Ok((entries, stats))
}

/// The JSONL text of entries (one per line, fields in a fixed order).
pub fn to_jsonl(entries: &[Entry]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for e in entries {
        out.push_str(&serde_json::to_string(e)?);
        out.push('\n');
    }
    Ok(out)
}

fn resolve_place(b: &Builder, name: &str, subtypes: &[&str]) -> Option<usize> {
    b.find(EntityKind::Place, subtypes, Some(name), Some(name))
}

fn assign_ids(drafts: &[Draft]) -> Vec<String> {
    let base = |d: &Draft| -> String {
        if let Some(h) = &d.id_hint {
            if h.contains(':') {
                return h.clone();
            }
        }
        let s = d.id_hint.clone().unwrap_or_else(|| slug(&d.name_en));
        let s = if s.is_empty() {
            format!("h{}", khabar_model::stable_hex(d.name_en.as_bytes()))
        } else {
            s
        };
        match d.kind {
            EntityKind::Person => format!("person:{s}"),
            EntityKind::Organisation => format!("org:{s}"),
            EntityKind::Place => format!("place:{}:{s}", d.subtype.as_deref().unwrap_or("place")),
            EntityKind::Other => format!("other:{s}"),
        }
    };
    let bases: Vec<String> = drafts.iter().map(base).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(drafts.len());
    for (d, b) in drafts.iter().zip(&bases) {
        let mut id = b.clone();
        if count[b.as_str()] > 1 {
            let qual = d
                .parent
                .as_deref()
                .or(d.country.as_deref())
                .and_then(|p| p.strip_prefix('#'))
                .and_then(|x| x.parse::<usize>().ok())
                .and_then(|i| drafts.get(i))
                .map(|p| slug(&p.name_en))
                .filter(|s| !s.is_empty())
                .or_else(|| {
                    d.name_hi
                        .as_ref()
                        .map(|h| khabar_model::stable_hex(h.as_bytes())[..6].to_string())
                });
            if let Some(q) = qual {
                id = format!("{b}-{q}");
            }
        }
        let mut n = 2;
        let stem = id.clone();
        while used.contains(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        out.push(id);
    }
    out
}

const LIST_COLUMNS: [&str; 10] = [
    "id_hint",
    "type",
    "kind",
    "name_en",
    "name_hi",
    "aliases_en",
    "aliases_hi",
    "country",
    "role",
    "parent",
];

fn lists(
    b: &mut Builder,
    dir: &Path,
    pending: &mut Vec<(usize, Option<String>, Option<String>)>,
) -> Result<(), BuildError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| BuildError::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .filter(|p| p.file_name().is_some_and(|n| n != "demonyms.tsv"))
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let source = format!("lists/{name}");
        let text = read(&path)?;
        let mut header_seen = false;
        for (ln, line) in text.lines().enumerate() {
            let ln = ln + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                header_seen = true;
                if cols
                    .iter()
                    .map(|c| c.trim())
                    .ne(LIST_COLUMNS.iter().copied())
                {
                    return Err(BuildError::Format {
                        path,
                        line: ln,
                        msg: format!("header must be {}", LIST_COLUMNS.join("\\t")),
                    });
                }
                continue;
            }
            let col = |i: usize| cols.get(i).map(|c| c.trim()).filter(|c| !c.is_empty());
            let fmt_err = |msg: String| BuildError::Format {
                path: path.clone(),
                line: ln,
                msg,
            };
            if cols.len() > LIST_COLUMNS.len() {
                return Err(fmt_err(format!(
                    "{} columns, expected at most {}",
                    cols.len(),
                    LIST_COLUMNS.len()
                )));
            }
            let kind = col(1)
                .and_then(parse_kind)
                .ok_or_else(|| fmt_err(format!("bad type {:?}", col(1))))?;
            let name_en = col(3).ok_or_else(|| fmt_err("missing name_en".into()))?;
            let subtype = col(2);
            let hi = col(4);
            // Merge with an earlier list row of the same kind and subtype and name.
            let st: Vec<&str> = subtype.into_iter().collect();
            let i = match b.find(kind, &st, Some(name_en), None) {
                Some(i) if b.drafts[i].subtype.as_deref() == subtype => i,
                _ => {
                    b.drafts.push(Draft::new(kind, subtype, name_en, &source));
                    b.drafts.len() - 1
                }
            };
            let d = &mut b.drafts[i];
            d.sources.insert(source.clone());
            if let Some(h) = col(0) {
                d.id_hint = Some(h.to_string());
            }
            if let Some(h) = hi {
                d.add_hi(h);
            }
            for a in col(5).map(split_list).unwrap_or_default() {
                d.add_any(&a);
            }
            for a in col(6).map(split_list).unwrap_or_default() {
                d.add_any(&a);
            }
            if let Some(r) = col(8) {
                d.role = Some(r.to_string());
            }
            pending.push((i, col(7).map(str::to_string), col(9).map(str::to_string)));
        }
    }
    Ok(())
}

fn territories(v: &Value, locale: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(m) = v
        .pointer(&format!("/main/{locale}/localeDisplayNames/territories"))
        .and_then(Value::as_object)
    {
        for (k, v) in m {
            if let Some(s) = v.as_str() {
                out.insert(k.clone(), s.to_string());
            }
        }
    }
    out
}

fn cldr_territories(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let en = territories(&read_json(&gaz.join("cldr/en/territories.json"))?, "en");
    let hi = territories(&read_json(&gaz.join("cldr/hi/territories.json"))?, "hi");
    let latn = territories(
        &read_json(&gaz.join("cldr/hi-Latn/territories.json"))?,
        "hi-Latn",
    );
    // Codes that are not places (pseudo-locales, unknown, groupings of currencies).
    const SKIP: &[&str] = &["XA", "XB", "ZZ", "QO", "EZ", "001"];
    for (code, name) in &en {
        let (base, alt) = match code.split_once("-alt-") {
            Some((b, a)) => (b, Some(a)),
            None => (code.as_str(), None),
        };
        if alt.is_some() || SKIP.contains(&base) {
            continue;
        }
        let (kind, sub) = if base == "EU" || base == "UN" {
            (EntityKind::Organisation, Some("international"))
        } else if base.chars().all(|c| c.is_ascii_digit()) {
            (EntityKind::Place, Some("region"))
        } else {
            (EntityKind::Place, Some("country"))
        };
        let subs: Vec<&str> = sub.into_iter().collect();
        let hi_name = hi.get(base);
        let i = match b.find(kind, &subs, Some(name), None) {
            Some(i) => i,
            None => {
                b.drafts.push(Draft::new(kind, sub, name, "cldr"));
                b.drafts.len() - 1
            }
        };
        let d = &mut b.drafts[i];
        d.sources.insert("cldr".into());
        if let Some(h) = hi_name {
            d.add_hi(h);
        }
        for (k, v) in en.iter().chain(hi.iter()).chain(latn.iter()) {
            if k == base || k.split_once("-alt-").is_some_and(|(kb, _)| kb == base) {
                d.add_any(v);
            }
        }
    }
    Ok(())
}

fn tsv_pairs(path: &Path) -> Result<Vec<(String, String)>, BuildError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let mut it = line.split('\t');
        if let (Some(en), Some(hi)) = (it.next(), it.next()) {
            out.push((clean(en), clean(hi)));
        }
    }
    Ok(out)
}

/// `Tanzania, United Republic of` -> `Tanzania`; `A Coruña [La Coruña]` -> (`A Coruña`, [`La Coruña`]).
fn split_brackets(s: &str) -> (String, Vec<String>) {
    let mut main = s.to_string();
    let mut extra = Vec::new();
    while let (Some(a), Some(z)) = (main.find(['[', '(']), main.rfind([']', ')'])) {
        if z <= a {
            break;
        }
        extra.push(clean(&main[a + 1..z]));
        main = clean(&format!("{}{}", &main[..a], &main[z + 1..]));
    }
    (
        clean(&main),
        extra.into_iter().filter(|x| !x.is_empty()).collect(),
    )
}

fn iso_countries(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let rows = tsv_pairs(&gaz.join("iso-codes/hi-iso3166-1.tsv"))?;
    let mut dropped = 0;
    for (en, hi) in rows {
        let found = b
            .find(EntityKind::Place, &["country"], Some(&en), None)
            .or_else(|| b.find(EntityKind::Place, &["country"], None, Some(&hi)));
        let found = found.or_else(|| official_name_of(b, &en, &hi));
        match found {
            Some(i) => {
                let d = &mut b.drafts[i];
                d.sources.insert("iso-codes".into());
                d.add_en(&en);
                d.add_hi(&hi);
            }
            None => dropped += 1,
        }
    }
    b.stats
        .dropped
        .insert("iso-codes 3166-1 unmatched".into(), dropped);
    Ok(())
}

/// Words of formal country names (`Republic of`, `Kingdom of`, `Federal Democratic Republic of`).
const FORMAL: &[&str] = &[
    "republic",
    "of",
    "the",
    "state",
    "kingdom",
    "federal",
    "democratic",
    "people",
    "people's",
    "peoples",
    "islamic",
    "socialist",
    "federation",
    "commonwealth",
    "sultanate",
    "principality",
    "grand",
    "duchy",
    "plurinational",
    "bolivarian",
    "arab",
    "united",
    "union",
    "cooperative",
    "independent",
    "hashemite",
    "oriental",
    "co-operative",
    "and",
    "s",
    "lao",
];

/// The country whose common name an official name (`Republic of Peru`, `पेरू गणराज्य`) is made
/// of, with only formal words around it in English and the Hindi name inside the Hindi one.
fn official_name_of(b: &Builder, en: &str, hi: &str) -> Option<usize> {
    let en_main = en.split(',').next().unwrap_or(en);
    let words: Vec<String> = en_key(en_main).split(' ').map(str::to_string).collect();
    let hk = format!(" {} ", hi_key(hi));
    let mut found = None;
    for (i, d) in b.drafts.iter().enumerate() {
        if d.subtype.as_deref() != Some("country") {
            continue;
        }
        let en_ok = d.en_keys.iter().any(|k| {
            let kw: Vec<&str> = k.split(' ').collect();
            words.windows(kw.len()).enumerate().any(|(at, w)| {
                w == kw.as_slice()
                    && words[..at]
                        .iter()
                        .chain(&words[at + kw.len()..])
                        .all(|x| FORMAL.contains(&x.as_str()))
            })
        });
        let hi_ok = d
            .hi_keys
            .iter()
            .any(|k| k.chars().count() >= 2 && hk.contains(&format!(" {k} ")));
        if en_ok && hi_ok {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

fn india(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let india = b.find(EntityKind::Place, &["country"], Some("India"), None);
    let states = read_json(&gaz.join("india/states.json"))?;
    let districts = read_json(&gaz.join("india/districts.json"))?;
    let mut state_idx: HashMap<i64, usize> = HashMap::new();
    for s in states.as_array().into_iter().flatten() {
        let (Some(id), Some(en)) = (s["id"].as_i64(), s["en_name"].as_str()) else {
            continue;
        };
        let hi = s["hi_name"].as_str();
        let i = match b.find(EntityKind::Place, &["state"], Some(en), hi) {
            Some(i) => i,
            None => {
                b.drafts
                    .push(Draft::new(EntityKind::Place, Some("state"), en, "india"));
                b.drafts.len() - 1
            }
        };
        let d = &mut b.drafts[i];
        d.sources.insert("india".into());
        if let Some(h) = hi {
            d.add_hi(h);
        }
        if d.country.is_none() {
            d.country = india.map(|x| format!("#{x}"));
        }
        state_idx.insert(id, i);
    }
    for s in districts.as_array().into_iter().flatten() {
        let (Some(en), Some(state)) = (s["en_name"].as_str(), s["state_id"].as_i64()) else {
            continue;
        };
        let hi = s["hi_name"].as_str();
        let parent = state_idx.get(&state).copied();
        // Districts of one state with one name are one district.
        let i = b.drafts.iter().position(|d| {
            d.subtype.as_deref() == Some("district")
                && d.parent == parent.map(|p| format!("#{p}"))
                && en_key(&d.name_en) == en_key(en)
        });
        let i = match i {
            Some(i) => i,
            None => {
                b.drafts
                    .push(Draft::new(EntityKind::Place, Some("district"), en, "india"));
                b.drafts.len() - 1
            }
        };
        let d = &mut b.drafts[i];
        if let Some(h) = hi {
            d.add_hi(h);
        }
        d.parent = parent.map(|p| format!("#{p}"));
        d.country = india.map(|x| format!("#{x}"));
    }
    Ok(())
}

fn iso_subdivisions(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let rows = tsv_pairs(&gaz.join("iso-codes/hi-iso3166-2.tsv"))?;
    for (en, hi) in rows {
        let (en_main, en_extra) = split_brackets(en.trim_start_matches(['\'', '/']));
        let (hi_main, hi_extra) = split_brackets(hi.trim_start_matches(['\'', '/']));
        if en_main.is_empty() {
            continue;
        }
        let i = b
            .find(
                EntityKind::Place,
                &["state", "region", "subdivision"],
                Some(&en_main),
                None,
            )
            .or_else(|| {
                b.find(
                    EntityKind::Place,
                    &["state", "region", "subdivision"],
                    None,
                    Some(&hi_main),
                )
                .filter(|&i| en_key(&b.drafts[i].name_en) == en_key(&en_main))
            });
        let i = match i {
            Some(i) => i,
            None => {
                b.drafts.push(Draft::new(
                    EntityKind::Place,
                    Some("subdivision"),
                    &en_main,
                    "iso-codes",
                ));
                b.drafts.len() - 1
            }
        };
        let d = &mut b.drafts[i];
        d.sources.insert("iso-codes".into());
        d.add_en(&en_main);
        for x in en_extra {
            d.add_en(&x);
        }
        if !hi_main.is_empty() {
            d.add_hi(&hi_main);
        }
        for x in hi_extra {
            d.add_hi(&x);
        }
    }
    Ok(())
}

fn zones<'a>(v: &'a Value, locale: &str) -> BTreeMap<String, &'a Value> {
    let mut out = BTreeMap::new();
    fn walk<'a>(prefix: &str, v: &'a Value, out: &mut BTreeMap<String, &'a Value>) {
        if let Some(m) = v.as_object() {
            if m.contains_key("_type") || m.contains_key("exemplarCity") {
                out.insert(prefix.to_string(), v);
                return;
            }
            for (k, c) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}/{k}")
                };
                walk(&p, c, out);
            }
        }
    }
    if let Some(z) = v.pointer(&format!("/main/{locale}/dates/timeZoneNames/zone")) {
        walk("", z, &mut out);
    }
    out
}

fn cldr_cities(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let en_v = read_json(&gaz.join("cldr/en/timeZoneNames.json"))?;
    let hi_v = read_json(&gaz.join("cldr/hi/timeZoneNames.json"))?;
    let en = zones(&en_v, "en");
    let hi = zones(&hi_v, "hi");
    for (zone, hv) in &hi {
        if zone.starts_with("Etc/") {
            continue;
        }
        let Some(hi_name) = hv["exemplarCity"].as_str() else {
            continue;
        };
        let last = zone.rsplit('/').next().unwrap_or(zone).replace('_', " ");
        let en_name = en
            .get(zone)
            .and_then(|v| v["exemplarCity"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| last.clone());
        if en_name.starts_with("Unknown") {
            continue;
        }
        let i = b
            .find(EntityKind::Place, &["city"], Some(&en_name), None)
            .or_else(|| b.find(EntityKind::Place, &["city"], None, Some(hi_name)));
        let i = match i {
            Some(i) => i,
            None => {
                b.drafts.push(Draft::new(
                    EntityKind::Place,
                    Some("city"),
                    &en_name,
                    "cldr",
                ));
                b.drafts.len() - 1
            }
        };
        let d = &mut b.drafts[i];
        d.sources.insert("cldr".into());
        d.add_hi(hi_name);
        if last != en_name && !last.chars().any(|c| c.is_ascii_digit()) {
            // The zone id keeps the older name (`Calcutta`, `Rangoon`, `Saigon`).
            d.add_en(&last);
        }
    }
    Ok(())
}

fn wikidata(b: &mut Builder, gaz: &Path) -> Result<(), BuildError> {
    let text = read(&gaz.join("wikidata-names-en-hi-ur.tsv"))?;
    let mut dropped = 0usize;
    // English name key -> drafts, for fast matching.
    let mut by_en: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in b.drafts.iter().enumerate() {
        for n in d.en_names() {
            by_en.entry(en_key(n)).or_default().push(i);
        }
    }
    const SUFFIXES: &[&str] = &[
        " Province",
        " Emirate",
        " District",
        " Tehsil",
        " Region",
        " Governorate",
        " Oblast",
        " City",
        " Prefecture",
        " State",
    ];
    for (ln, line) in text.lines().enumerate() {
        if ln == 0 {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(q), Some(en), Some(hi)) = (cols.first(), cols.get(1), cols.get(2)) else {
            continue;
        };
        let (en, hi) = (clean(en), clean(hi));
        if en.is_empty() || hi.is_empty() || en.contains(':') {
            dropped += 1;
            continue;
        }
        let mut keys = vec![en_key(&en)];
        for s in SUFFIXES {
            if let Some(x) = en.strip_suffix(s) {
                keys.push(en_key(x));
            }
        }
        let best = keys
            .iter()
            .filter_map(|k| by_en.get(k))
            .flatten()
            .copied()
            .min_by_key(|&i| (wikidata_rank(&b.drafts[i]), i));
        match best {
            Some(i) => {
                let d = &mut b.drafts[i];
                d.sources.insert("wikidata".into());
                d.add_hi(&hi);
                d.add_en(&en);
                if d.wikidata.is_none() {
                    d.wikidata = Some(q.to_string());
                }
            }
            None => {
                // Only proper names (capitalised English label) become entries; common nouns
                // (`leather`, `hour`) would link ordinary words.
                if !en.chars().next().is_some_and(char::is_uppercase) {
                    dropped += 1;
                    continue;
                }
                let mut d = Draft::new(EntityKind::Other, Some("wikidata"), &en, "wikidata");
                d.add_hi(&hi);
                d.wikidata = Some(q.to_string());
                d.id_hint = Some(format!("{}-{}", slug(&en), q.to_ascii_lowercase()));
                b.drafts.push(d);
            }
        }
    }
    b.stats
        .dropped
        .insert("wikidata common nouns and categories".into(), dropped);
    Ok(())
}

fn wikidata_rank(d: &Draft) -> u8 {
    match (d.kind, d.subtype.as_deref()) {
        (EntityKind::Place, Some("country")) => 0,
        _ if d.sources.iter().any(|s| s.starts_with("lists/")) => 1,
        (EntityKind::Place, Some("city")) => 2,
        (EntityKind::Place, Some("state")) => 3,
        (EntityKind::Organisation, _) => 4,
        (EntityKind::Place, Some("district")) => 5,
        _ => 6,
    }
}

fn demonyms(b: &mut Builder, dir: &Path) -> Result<(), BuildError> {
    let path = dir.join("demonyms.tsv");
    if !path.exists() {
        return Ok(());
    }
    let text = read(&path)?;
    let mut header = false;
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header {
            header = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let name = cols.first().map(|s| s.trim()).unwrap_or_default();
        let i = b
            .find(
                EntityKind::Place,
                &["country", "region", "state", "city"],
                Some(name),
                None,
            )
            .ok_or_else(|| BuildError::Format {
                path: path.clone(),
                line: ln + 1,
                msg: format!("no place named {name:?}"),
            })?;
        let d = &mut b.drafts[i];
        for c in cols.iter().skip(1) {
            for x in split_list(c) {
                d.demonyms.insert(x);
            }
        }
        d.sources.insert("lists/demonyms.tsv".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMBEDDED: &str = include_str!("../../../../../data/kb/kb.jsonl");
    const COMMON_WORDS: &str = include_str!("../../../../../data/kb/common-words.txt");

    fn shared() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
    }

    /// The generator gives the same bytes on two runs, and the shipped `data/kb/kb.jsonl` is what
    /// it builds from the current inputs.
    #[test]
    fn generator_is_deterministic_and_shipped_kb_is_current() {
        let gazetteer = shared().join("data/gazetteer");
        if !gazetteer.exists() {
            eprintln!("skipped: {} is absent", gazetteer.display());
            return;
        }
        let inputs = Inputs {
            gazetteer,
            lists: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lists")),
            common_words: Some(shared().join("data/ner/il-ner-hindi/train.txt")),
        };
        let (a, stats) = build(&inputs).unwrap();
        let (b, _) = build(&inputs).unwrap();
        let (a, b) = (to_jsonl(&a).unwrap(), to_jsonl(&b).unwrap());
        assert!(a == b, "two runs differ");
        assert!(stats.unresolved.is_empty(), "{:?}", stats.unresolved);
        assert!(
            a == EMBEDDED,
            "data/kb/kb.jsonl is stale: run cargo run -p khabar-kb --features generator --bin kb-build"
        );
        let listed: std::collections::BTreeSet<String> = COMMON_WORDS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        assert!(
            listed == stats.common_words && listed.len() > 100,
            "data/kb/common-words.txt is stale: run cargo run -p khabar-kb --features generator --bin kb-build"
        );
    }

    #[test]
    fn common_words_are_counted_from_tagged_text() {
        let mut conll = String::new();
        for _ in 0..4 {
            conll.push_str("और\tO\nदिल्ली\tB-NEL\nकिसी\tO\n\n");
        }
        conll.push_str("दिल्ली\tO\nबार\tO\nबार\tO\nतक\t-\n");
        let common = common_words(&conll, 3);
        assert!(common.contains("और") && common.contains("किसी"));
        assert!(!common.contains("दिल्ली"), "mostly tagged as a name");
        assert!(!common.contains("बार"), "seen too few times");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Côte d’Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("São Tomé & Príncipe"), "sao-tome-and-principe");
        assert_eq!(slug("  Kassym-Jomart Tokayev "), "kassym-jomart-tokayev");
        assert_eq!(slug("कज़ाख़स्तान"), "");
    }

    #[test]
    fn brackets() {
        assert_eq!(
            split_brackets("A Coruña [La Coruña]"),
            ("A Coruña".to_string(), vec!["La Coruña".to_string()])
        );
        assert_eq!(split_brackets("Plain"), ("Plain".to_string(), vec![]));
    }
}
