//! XLM-RoBERTa's SentencePiece unigram tokenizer, from the model file's vocabulary.

use crate::file::Vocab;
use crate::EncoderError;
use rustc_hash::FxHashMap;

/// The metaspace that stands for a space in the pieces.
const METASPACE: char = '\u{2581}';

/// Pieces with their unigram log-probabilities, and the character normaliser.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    ids: FxHashMap<Vec<u8>, u32>,
    scores: Vec<f32>,
    norm: FxHashMap<char, Vec<char>>,
    bos: u32,
    eos: u32,
    unk: u32,
    /// Cost of one character no piece covers: ten below the rarest piece.
    unk_score: f32,
    /// Longest piece in bytes (no longer span is looked up).
    longest: usize,
}

impl Tokenizer {
    pub(crate) fn new(v: Vocab) -> Result<Tokenizer, EncoderError> {
        let n = v.pieces.len();
        if v.scores.len() != n || [v.bos, v.eos, v.unk].iter().any(|&i| i as usize >= n) {
            return Err(EncoderError::Format(
                "vocabulary and its specials disagree".into(),
            ));
        }
        let rarest = v.scores.iter().copied().fold(f32::INFINITY, f32::min);
        let longest = v.pieces.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut ids = FxHashMap::default();
        for (i, p) in v.pieces.into_iter().enumerate() {
            if !p.is_empty() {
                // The first of two equal pieces wins, as a lookup from the start would find it.
                ids.entry(p).or_insert(i as u32);
            }
        }
        let norm = v
            .norm
            .into_iter()
            .filter_map(|(from, to)| {
                let from = char::from_u32(from)?;
                let to: Option<Vec<char>> = to.into_iter().map(char::from_u32).collect();
                Some((from, to?))
            })
            .collect();
        Ok(Tokenizer {
            ids,
            scores: v.scores,
            norm,
            bos: v.bos,
            eos: v.eos,
            unk: v.unk,
            unk_score: rarest - 10.0,
            longest,
        })
    }

    /// Number of pieces.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    pub(crate) fn bos(&self) -> u32 {
        self.bos
    }

    pub(crate) fn eos(&self) -> u32 {
        self.eos
    }

    /// The text as SentencePiece sees it: normalised, one space for a run of spaces, spaces as
    /// metaspaces, a metaspace in front.
    pub fn normalise(&self, text: &str) -> String {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        for c in text.chars() {
            match self.norm.get(&c) {
                Some(to) => chars.extend(to),
                None => chars.push(c),
            }
        }
        chars.dedup_by(|b, a| *a == ' ' && *b == ' ');
        let mut out = String::with_capacity(text.len() + 3);
        if chars.first() != Some(&' ') {
            out.push(METASPACE);
        }
        out.extend(chars.iter().map(|&c| if c == ' ' { METASPACE } else { c }));
        out
    }

    /// The piece ids of a text (without `<s>` and `</s>`): the segmentation of the normalised
    /// text with the highest sum of piece scores; a character no piece covers is `<unk>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let s = self.normalise(text);
        let bytes = s.as_bytes();
        // Character starts (byte offsets), and the end.
        let starts: Vec<usize> = s
            .char_indices()
            .map(|(i, _)| i)
            .chain([bytes.len()])
            .collect();
        let n = starts.len() - 1;
        // best[e]: score of the best segmentation of the first e characters, with its last
        // piece (None: an unknown character) and where that piece starts.
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back: Vec<(Option<u32>, usize)> = vec![(None, 0); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let span = &bytes[starts[i]..starts[e]];
                if span.len() > self.longest {
                    break;
                }
                if let Some(&id) = self.ids.get(span) {
                    if id == self.unk {
                        continue;
                    }
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        back[e] = (Some(id), i);
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                best[i + 1] = score;
                back[i + 1] = (None, i);
            }
        }
        let mut out = Vec::new();
        let mut e = n;
        while e > 0 {
            let (id, from) = back[e];
            out.push(id.unwrap_or(self.unk));
            e = from;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toy() -> Tokenizer {
        let pieces = [
            "<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "b", "▁ab", "c", "▁भ", "ू",
        ];
        let scores = [0.0, 0.0, 0.0, 0.0, -2.0, -3.0, -4.0, -5.0, -6.0, -3.0, -4.0];
        Tokenizer::new(Vocab {
            pieces: pieces.iter().map(|p| p.as_bytes().to_vec()).collect(),
            scores: scores.to_vec(),
            bos: 0,
            eos: 2,
            unk: 3,
            norm: vec![('Ａ' as u32, vec!['a' as u32])],
        })
        .expect("toy vocabulary")
    }

    #[test]
    fn best_segmentation_under_the_unigram_scores() {
        let t = toy();
        assert_eq!(t.normalise("ab  c"), "▁ab▁c");
        // "▁ab" (−5) beats "▁a" + "b" (−7).
        assert_eq!(t.encode("ab"), vec![7]);
        // The normaliser maps the full-width letter first.
        assert_eq!(t.encode("Ａb"), vec![7]);
        // Runs of spaces are one metaspace; an unknown character is <unk>.
        assert_eq!(t.encode("ab  c"), vec![7, 4, 8]);
        assert_eq!(t.encode("abz"), vec![7, 3]);
        assert_eq!(t.encode("भू"), vec![9, 10]);
        assert_eq!(t.encode(""), vec![4]);
    }

    proptest! {
        #[test]
        fn every_character_is_covered_once(s in "\\PC{0,40}") {
            let t = toy();
            let ids = t.encode(&s);
            let norm = t.normalise(&s);
            // Rebuild the normalised text from the pieces; an <unk> stands for one character.
            let mut rebuilt = 0usize;
            for id in &ids {
                if *id == 3 {
                    rebuilt += 1;
                } else {
                    let piece = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "b", "▁ab", "c", "▁भ", "ू"][*id as usize];
                    rebuilt += piece.chars().count();
                }
            }
            prop_assert_eq!(rebuilt, norm.chars().count());
        }
    }
}
