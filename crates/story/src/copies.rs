//! Near-duplicate detection: the same wire text with small edits.
//!
//! Each article's body becomes a set of word 5-gram shingles (over search keys, function words
//! kept: copies share them too). A one-permutation MinHash signature of [`SIG`] bins estimates the Jaccard
//! similarity of two shingle sets, and locality-sensitive hashing over [`BANDS`] bands of
//! [`ROWS`] values finds the candidate pairs without comparing every pair.

use khabar_model::{stable_hash, Document};
use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// MinHash values per signature.
pub const SIG: usize = 64;
/// LSH bands and rows per band (`BANDS * ROWS == SIG`).
pub const BANDS: usize = 16;
pub const ROWS: usize = 4;

pub type Signature = [u32; SIG];

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a fixed, well-spread permutation of 64-bit values.
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Hash of one word's search key, as it enters the shingles.
pub fn key_hash(key: &str) -> u64 {
    stable_hash(key.as_bytes())
}

/// The MinHash signature of a document's body, or `None` when it has fewer than [`SHINGLE`]
/// words.
pub fn signature(doc: &Document) -> Option<Signature> {
    let keys: Vec<u64> = khabar_text::words(&doc.text)
        .into_iter()
        .map(|t| key_hash(&khabar_text::search_key(t.text)))
        .collect();
    signature_of_keys(&keys)
}

/// The MinHash signature of a text given as the [`key_hash`]es of its words in order.
pub fn signature_of_keys(keys: &[u64]) -> Option<Signature> {
    if keys.len() < SHINGLE {
        return None;
    }
    // One-permutation hashing: one hash per shingle, its low bits pick the bin, the high bits
    // compete for the bin's minimum. Empty bins stay at `u32::MAX`.
    let mut sig = [u32::MAX; SIG];
    for w in keys.windows(SHINGLE) {
        let h = mix(w
            .iter()
            .fold(0x0053_4849_4e47_4c45_u64, |acc, &k| mix(acc ^ k)));
        let bin = (h % SIG as u64) as usize;
        let v = (h >> 32) as u32;
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    Some(sig)
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn jaccard(a: &Signature, b: &Signature) -> f32 {
    let (mut same, mut used) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        if *x == u32::MAX && *y == u32::MAX {
            continue;
        }
        used += 1;
        same += u32::from(x == y);
    }
    if used == 0 {
        0.0
    } else {
        same as f32 / used as f32
    }
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let mut h = band as u64;
    for v in &sig[band * ROWS..(band + 1) * ROWS] {
        h = mix(h ^ u64::from(*v));
    }
    h
}

/// The most documents one band's bucket offers as candidates (the latest ones).
pub const BUCKET_CANDIDATES: usize = 64;

/// An LSH index over signatures of documents, by their position in the stream.
#[derive(Default)]
pub struct CopyIndex {
    buckets: HashMap<u64, Vec<usize>>,
}

impl CopyIndex {
    /// Documents already indexed whose signatures share a band with `sig`, in index order:
    /// from each band's bucket only its latest [`BUCKET_CANDIDATES`] documents, so that a text
    /// reprinted thousands of times costs a bounded number of comparisons per article (any
    /// recent copy is as good a source as an old one, and an old one is often outside the
    /// time window anyway).
    pub fn candidates(&self, sig: &Signature) -> Vec<usize> {
        let mut out: Vec<usize> = (0..BANDS)
            .filter_map(|b| self.buckets.get(&band_key(sig, b)))
            .flat_map(|docs| &docs[docs.len().saturating_sub(BUCKET_CANDIDATES)..])
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Keep only the documents for which `keep` holds (dropping buckets left empty).
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        self.buckets.retain(|_, docs| {
            docs.retain(|&d| keep(d));
            !docs.is_empty()
        });
    }

    pub fn insert(&mut self, doc: usize, sig: &Signature) {
        for b in 0..BANDS {
            self.buckets.entry(band_key(sig, b)).or_default().push(doc);
        }
    }
}

/// News agencies as they are credited, Latin acronyms matched with their case, others by
/// search key.
const AGENCIES: &[(&str, &str)] = &[
    ("PTI", "PTI"),
    ("ANI", "ANI"),
    ("IANS", "IANS"),
    ("UNI", "UNI"),
    ("AFP", "AFP"),
    ("AP", "AP"),
    ("Reuters", "Reuters"),
    ("reuters", "Reuters"),
    ("पीटीआई", "PTI"),
    ("पीटीआइ", "PTI"),
    ("भाषा", "PTI-Bhasha"),
    ("एएनआई", "ANI"),
    ("एएनआइ", "ANI"),
    ("आईएएनएस", "IANS"),
    ("आइएएनएस", "IANS"),
    ("यूएनआई", "UNI"),
    ("वार्ता", "UNI-Varta"),
    ("एएफपी", "AFP"),
    ("रायटर", "Reuters"),
    ("रॉयटर", "Reuters"),
    ("रॉयटर्स", "Reuters"),
    ("रायटर्स", "Reuters"),
];

fn agency_of_word(w: &str) -> Option<&'static str> {
    let ascii = w.is_ascii();
    AGENCIES.iter().find_map(|(form, name)| {
        let hit = if ascii {
            *form == w || (form.len() > 3 && form.eq_ignore_ascii_case(w))
        } else {
            khabar_text::search_key(form) == khabar_text::search_key(w)
        };
        hit.then_some(*name)
    })
}

/// The agency a document credits: its dateline's agency, else a known agency name among the
/// first or last few words of the body (where credits stand).
pub fn agency(doc: &Document) -> Option<String> {
    if let Some(a) = doc.dateline.as_ref().and_then(|d| d.agency.clone()) {
        return Some(a);
    }
    const EDGE: usize = 12;
    let words = khabar_text::words(&doc.text);
    let n = words.len();
    let edge = words
        .iter()
        .take(EDGE)
        .chain(words.iter().skip(n.saturating_sub(EDGE).max(EDGE.min(n))));
    for t in edge {
        if let Some(name) = agency_of_word(t.text) {
            return Some(name.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_model::{ArticleId, Span};

    fn doc(text: &str) -> Document {
        Document {
            id: ArticleId::from("x"),
            source: String::new(),
            url: None,
            outlet: None,
            title: None,
            author: None,
            authors: vec![],
            published: None,
            updated: None,
            language: None,
            dateline: None,
            paragraphs: vec![Span::new(0, text.len())],
            text: text.into(),
            captions: vec![],
            dropped: vec![],
            fingerprint: String::new(),
        }
    }

    const WIRE: &str = "नई दिल्ली, (भाषा) केंद्र सरकार ने सोमवार को कहा कि देश के सभी राज्यों में अगले सप्ताह से टीकाकरण का नया चरण शुरू होगा और इसके लिए पर्याप्त खुराक भेज दी गई है। स्वास्थ्य मंत्रालय के अधिकारियों ने बताया कि पहले चरण में बुजुर्गों और स्वास्थ्य कर्मियों को प्राथमिकता दी जाएगी।";

    #[test]
    fn a_text_reprinted_many_times_offers_a_bounded_number_of_latest_candidates() {
        let a = signature(&doc(WIRE)).unwrap();
        let mut idx = CopyIndex::default();
        for d in 0..1_000 {
            idx.insert(d, &a);
        }
        let got = idx.candidates(&a);
        // Every band holds the same 1,000 documents: the latest 64 of them, once each.
        assert_eq!(got.len(), BUCKET_CANDIDATES);
        assert_eq!(got.first(), Some(&(1_000 - BUCKET_CANDIDATES)));
        assert_eq!(got.last(), Some(&999));
    }

    #[test]
    fn small_edits_keep_high_jaccard_and_share_a_band() {
        let a = signature(&doc(WIRE)).unwrap();
        let edited = WIRE.replace("सोमवार", "मंगलवार").replace("पर्याप्त", "जरूरी");
        let b = signature(&doc(&edited)).unwrap();
        assert!(jaccard(&a, &b) >= 0.5, "{}", jaccard(&a, &b));
        let mut idx = CopyIndex::default();
        idx.insert(7, &a);
        assert_eq!(idx.candidates(&b), vec![7]);
        let other = signature(&doc("पटना में गंगा नदी का जलस्तर बढ़ने से बाढ़ आ गई और हजारों लोग बेघर हो गए, प्रशासन ने राहत शिविर खोले हैं जहां भोजन बांटा जा रहा है।")).unwrap();
        assert!(jaccard(&a, &other) < 0.1);
        assert!(signature(&doc("चार शब्द ही हैं")).is_none());
    }

    #[test]
    fn agency_credit_found_at_the_edges() {
        assert_eq!(agency(&doc(WIRE)).as_deref(), Some("PTI-Bhasha"));
        assert_eq!(
            agency(&doc("WASHINGTON (AP) — The Senate voted on Tuesday.")).as_deref(),
            Some("AP")
        );
        assert_eq!(agency(&doc("The cap fits. Nothing else here.")), None);
    }
}
