//! Extraction evaluation on the two benchmark layouts in `../shared/data/extraction/`.
//!
//! * ScrapingHub (`ground-truth.json` + `html/<id>.html.gz`): body scored over word 4-gram
//!   shingles; each page's (tp, fp, fn) is normalised to sum 1 so long pages do not weigh more,
//!   then summed; precision, recall and F1 come from the sums.
//! * WCXB (`ground-truth/<n>.json` + `html/<n>.html.gz`): bag-of-words precision, recall and F1
//!   per page, averaged over pages; title, author and date accuracy where the gold has them.
//!
//! Words are Unicode words (UAX #29, lower-cased), so Devanagari is scored as words, not as
//! consonant fragments. Time per page covers charset decoding and extraction, not file reading.

use crate::charset::decode_html;
use crate::html::{DefaultExtractor, Extracted, Extractor};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{0}: neither ground-truth.json (ScrapingHub) nor ground-truth/ (WCXB) found")]
    UnknownLayout(PathBuf),
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("parsing {path}: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Scrapinghub,
    Wcxb,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_ok: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_ok: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_ok: Option<bool>,
    pub millis: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractReport {
    pub dataset: String,
    pub layout: Layout,
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pages_per_second: f64,
    pub ms_per_page: f64,
    /// Pages where the extractor returned no body.
    pub empty: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<PageScore>,
}

/// Evaluates [`DefaultExtractor`] on a benchmark folder.
pub fn eval_extract(dir: &Path) -> Result<ExtractReport, EvalError> {
    eval_extract_with(dir, &DefaultExtractor, false)
}

struct Gold {
    id: String,
    body: String,
    url: Option<String>,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
    move |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value, EvalError> {
    let s = std::fs::read_to_string(path).map_err(io_err(path))?;
    serde_json::from_str(&s).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })
}

fn nonempty(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn load(dir: &Path) -> Result<(Layout, Vec<Gold>), EvalError> {
    let sh = dir.join("ground-truth.json");
    let wc = dir.join("ground-truth");
    let mut golds = Vec::new();
    if sh.is_file() {
        let v = read_json(&sh)?;
        if let Some(o) = v.as_object() {
            for (id, g) in o {
                golds.push(Gold {
                    id: id.clone(),
                    body: g
                        .get("articleBody")
                        .and_then(|x| x.as_str())
                        .unwrap_or("")
                        .to_string(),
                    url: nonempty(g.get("url")),
                    title: None,
                    author: None,
                    date: None,
                });
            }
        }
        golds.sort_by(|a, b| a.id.cmp(&b.id));
        return Ok((Layout::Scrapinghub, golds));
    }
    if wc.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&wc)
            .map_err(io_err(&wc))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let v = read_json(&f)?;
            let g = v.get("ground_truth").cloned().unwrap_or_default();
            let id = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            golds.push(Gold {
                id,
                body: g
                    .get("main_content")
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_string(),
                url: nonempty(v.get("url")),
                title: nonempty(g.get("title")),
                author: nonempty(g.get("author")),
                date: nonempty(g.get("publish_date")),
            });
        }
        return Ok((Layout::Wcxb, golds));
    }
    Err(EvalError::UnknownLayout(dir.to_path_buf()))
}

fn read_page(dir: &Path, id: &str) -> Option<Vec<u8>> {
    for name in [format!("{id}.html.gz"), format!("{id}.html")] {
        let p = dir.join("html").join(&name);
        if let Ok(raw) = std::fs::read(&p) {
            if name.ends_with(".gz") {
                let mut out = Vec::new();
                let mut d = flate2::read::GzDecoder::new(&raw[..]).take(256 << 20);
                if d.read_to_end(&mut out).is_ok() {
                    return Some(out);
                }
                return None;
            }
            return Some(raw);
        }
    }
    None
}

/// Lower-cased Unicode words.
pub fn words(text: &str) -> Vec<String> {
    text.unicode_words().map(|w| w.to_lowercase()).collect()
}

fn counts<T: std::hash::Hash + Eq>(items: impl Iterator<Item = T>) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

fn overlap<T: std::hash::Hash + Eq>(a: &HashMap<T, usize>, b: &HashMap<T, usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

fn shingles(w: &[String], n: usize) -> HashMap<Vec<String>, usize> {
    if w.is_empty() {
        return HashMap::new();
    }
    if w.len() < n {
        return counts(std::iter::once(w.to_vec()));
    }
    counts(w.windows(n).map(|s| s.to_vec()))
}

/// Normalised (tp, fp, fn) of word 4-gram shingles, summing to 1 (or all 0 when both empty).
pub fn shingle_counts(gold: &str, pred: &str) -> (f64, f64, f64) {
    let g = shingles(&words(gold), 4);
    let p = shingles(&words(pred), 4);
    let tp = overlap(&g, &p) as f64;
    let fp = p.values().sum::<usize>() as f64 - tp;
    let fneg = g.values().sum::<usize>() as f64 - tp;
    let s = tp + fp + fneg;
    if s > 0.0 {
        (tp / s, fp / s, fneg / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Bag-of-words precision, recall and F1.
pub fn word_prf(gold: &str, pred: &str) -> (f64, f64, f64) {
    let g = counts(words(gold).into_iter());
    let p = counts(words(pred).into_iter());
    let (ng, np) = (g.values().sum::<usize>(), p.values().sum::<usize>());
    if ng == 0 && np == 0 {
        return (1.0, 1.0, 1.0);
    }
    if ng == 0 || np == 0 {
        return (0.0, 0.0, 0.0);
    }
    let o = overlap(&g, &p) as f64;
    let (pr, rc) = (o / np as f64, o / ng as f64);
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

fn title_ok(gold: &str, got: Option<&str>) -> bool {
    got.is_some_and(|t| key(t) == key(gold))
}

fn author_ok(gold: &str, got: &[String]) -> bool {
    let mut g: Vec<String> = gold
        .split([',', '&', ';'])
        .flat_map(|p| p.split(" and "))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let mut o: Vec<String> = got
        .iter()
        .map(|a| key(a))
        .filter(|k| !k.is_empty())
        .collect();
    g.sort();
    g.dedup();
    o.sort();
    o.dedup();
    !g.is_empty() && g == o
}

fn date_ok(gold: &str, ex: &Extracted) -> bool {
    let g = gold.trim();
    let g = g.get(..10).unwrap_or(g);
    ex.published
        .is_some_and(|p| p.date().format("%Y-%m-%d").to_string() == g)
}

fn ratio(hits: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| hits as f64 / n as f64)
}

/// Running sums of body scores over pages, for either layout.
#[derive(Debug, Default)]
struct BodyScores {
    stp: f64,
    sfp: f64,
    sfn: f64,
    sp: f64,
    sr: f64,
    sf: f64,
    n: usize,
}

fn prf_of(tp: f64, fp: f64, fneg: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl BodyScores {
    /// Scores one page and returns its own (precision, recall, F1).
    fn add(&mut self, layout: Layout, gold: &str, text: &str) -> (f64, f64, f64) {
        let prf = match layout {
            Layout::Scrapinghub => {
                let (tp, fp, fneg) = shingle_counts(gold, text);
                self.stp += tp;
                self.sfp += fp;
                self.sfn += fneg;
                prf_of(tp, fp, fneg)
            }
            Layout::Wcxb => word_prf(gold, text),
        };
        self.sp += prf.0;
        self.sr += prf.1;
        self.sf += prf.2;
        self.n += 1;
        prf
    }

    /// ScrapingHub: from the summed normalised counts; WCXB: mean of the pages.
    fn total(&self, layout: Layout) -> (f64, f64, f64) {
        match layout {
            Layout::Scrapinghub => prf_of(self.stp, self.sfp, self.sfn),
            Layout::Wcxb => {
                let nf = self.n.max(1) as f64;
                (self.sp / nf, self.sr / nf, self.sf / nf)
            }
        }
    }
}

/// Body scores of texts extracted by anything (another tool, an older run), with the same
/// metric as [`eval_extract_with`]: `texts` maps page id (file name without `.html.gz`) to the
/// extracted text; a page missing from `texts` counts as empty.
#[derive(Debug, Clone, Serialize)]
pub struct TextScores {
    pub layout: Layout,
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Page ids with their F1, worst first.
    pub per_page: Vec<(String, f64)>,
}

/// Scores extracted `texts` against the gold of the benchmark folder `dir`.
pub fn score_texts(dir: &Path, texts: &HashMap<String, String>) -> Result<TextScores, EvalError> {
    let (layout, golds) = load(dir)?;
    let mut acc = BodyScores::default();
    let mut per_page = Vec::new();
    for g in &golds {
        if !page_exists(dir, &g.id) {
            continue;
        }
        let text = texts.get(&g.id).map(String::as_str).unwrap_or("");
        let (_, _, f) = acc.add(layout, &g.body, text);
        per_page.push((g.id.clone(), f));
    }
    per_page.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (precision, recall, f1) = acc.total(layout);
    Ok(TextScores {
        layout,
        pages: acc.n,
        precision,
        recall,
        f1,
        per_page,
    })
}

fn page_exists(dir: &Path, id: &str) -> bool {
    [format!("{id}.html.gz"), format!("{id}.html")]
        .iter()
        .any(|n| dir.join("html").join(n).is_file())
}

/// One benchmark page: id, gold URL, raw bytes (gzip undone).
pub type BenchPage = (String, Option<String>, Vec<u8>);

/// Every page of a benchmark folder as raw bytes (gzip undone), with its id and gold URL.
pub fn load_pages(dir: &Path) -> Result<Vec<BenchPage>, EvalError> {
    let (_, golds) = load(dir)?;
    Ok(golds
        .into_iter()
        .filter_map(|g| read_page(dir, &g.id).map(|b| (g.id, g.url, b)))
        .collect())
}

/// Evaluates any [`Extractor`]; `details` keeps per-page scores in the report.
pub fn eval_extract_with(
    dir: &Path,
    ex: &dyn Extractor,
    details: bool,
) -> Result<ExtractReport, EvalError> {
    let (layout, golds) = load(dir)?;
    let mut per = Vec::new();
    let mut total = Duration::ZERO;
    let mut acc = BodyScores::default();
    let (mut t_hit, mut t_n, mut a_hit, mut a_n, mut d_hit, mut d_n) = (0, 0, 0, 0, 0, 0);
    let mut empty = 0;
    for g in &golds {
        let Some(bytes) = read_page(dir, &g.id) else {
            continue;
        };
        let t0 = Instant::now();
        let html = decode_html(&bytes, None);
        let out = ex.extract(&html, g.url.as_deref());
        let dt = t0.elapsed();
        total += dt;
        let text = out.text();
        if text.trim().is_empty() {
            empty += 1;
        }
        let (p, r, f) = acc.add(layout, &g.body, &text);
        let title = g
            .title
            .as_deref()
            .map(|t| title_ok(t, out.title.as_deref()));
        let author = g.author.as_deref().map(|a| author_ok(a, &out.authors));
        let date = g.date.as_deref().map(|d| date_ok(d, &out));
        for (v, hit, n) in [
            (title, &mut t_hit, &mut t_n),
            (author, &mut a_hit, &mut a_n),
            (date, &mut d_hit, &mut d_n),
        ] {
            if let Some(ok) = v {
                *n += 1;
                *hit += ok as usize;
            }
        }
        per.push(PageScore {
            id: g.id.clone(),
            precision: p,
            recall: r,
            f1: f,
            title_ok: title,
            author_ok: author,
            date_ok: date,
            millis: dt.as_secs_f64() * 1000.0,
        });
    }
    let n = per.len();
    let nf = n.max(1) as f64;
    let (precision, recall, f1) = acc.total(layout);
    let secs = total.as_secs_f64();
    Ok(ExtractReport {
        dataset: dir
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        layout,
        pages: n,
        precision,
        recall,
        f1,
        pages_per_second: if secs > 0.0 { n as f64 / secs } else { 0.0 },
        ms_per_page: secs * 1000.0 / nf,
        empty,
        title_accuracy: ratio(t_hit, t_n),
        author_accuracy: ratio(a_hit, a_n),
        date_accuracy: ratio(d_hit, d_n),
        details: if details { per } else { Vec::new() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_are_whole() {
        assert_eq!(
            words("राम मंदिर प्राण प्रतिष्ठा"),
            vec!["राम", "मंदिर", "प्राण", "प्रतिष्ठा"]
        );
    }

    #[test]
    fn scores() {
        let (tp, fp, fneg) = shingle_counts("a b c d e", "a b c d e");
        assert_eq!((tp, fp, fneg), (1.0, 0.0, 0.0));
        let (tp, _, fneg) = shingle_counts("a b c d e f", "x y z w");
        assert_eq!(tp, 0.0);
        assert!(fneg > 0.0);
        let (p, r, f) = word_prf("the cat sat", "the cat");
        assert_eq!(p, 1.0);
        assert!((r - 2.0 / 3.0).abs() < 1e-9);
        assert!(f > 0.79 && f < 0.81);
        assert!(author_ok(
            "Jane Doe and John Roe",
            &["John Roe".into(), "Jane Doe".into()]
        ));
        assert!(!author_ok("Jane Doe", &[]));
    }
}
