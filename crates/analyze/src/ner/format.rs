//! The model file: `KHNER\0\x02\0`, then a gzip body of the types, the transitions, the
//! feature rows (non-zero weights as the upper halves of `f32`), the lexicon's tables and the
//! bias against `O`. Reading checks every count against the bytes left, so a cut or corrupt
//! file is an error, never a panic or a short model.

use super::error::NerError;
use super::features::{InfoCache, Lexicon};
use super::model::{kind_from_name, Model};
use super::util::FastMap;
use khabar_model::EntityKind;
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"KHNER\x00\x02\x00";

impl Model {
    /// The model as bytes (the format [`Model::from_bytes`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_u32(&mut body, self.types.len() as u32);
        for t in &self.types {
            put_u32(&mut body, t.len() as u32);
            body.extend_from_slice(t.as_bytes());
        }
        for &x in &self.trans {
            body.extend_from_slice(&x.to_le_bytes());
        }
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        rows.sort_unstable();
        put_u32(&mut body, rows.len() as u32);
        let l = self.n_labels;
        for (f, r) in rows {
            body.extend_from_slice(&f.to_le_bytes());
            let row = &self.weights[r as usize * l..(r as usize + 1) * l];
            let nz: Vec<(usize, f32)> = row
                .iter()
                .copied()
                .enumerate()
                .filter(|x| x.1 != 0.0)
                .collect();
            body.push(nz.len() as u8);
            for (k, x) in nz {
                body.push(k as u8);
                // Weights are stored as f16-like halves of f32 (the low bits carry nothing).
                body.extend_from_slice(&((x.to_bits() >> 16) as u16).to_le_bytes());
            }
        }
        for table in [&self.lex.vocab, &self.lex.phrases, &self.lex.parts] {
            let mut v: Vec<(u64, u8)> = table.iter().map(|(&k, &b)| (k, b)).collect();
            v.sort_unstable();
            put_u32(&mut body, v.len() as u32);
            for (k, b) in v {
                body.extend_from_slice(&k.to_le_bytes());
                body.push(b);
            }
        }
        let mut v: Vec<(u64, u16)> = self.lex.clusters.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        put_u32(&mut body, v.len() as u32);
        for (k, c) in v {
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&c.to_le_bytes());
        }
        body.push(self.lex.max_phrase.min(255) as u8);
        body.extend_from_slice(&self.o_bias.to_le_bytes());
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::GzEncoder::new(&mut out, flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&body);
        let _ = enc.finish();
        out
    }

    /// Reads a model from bytes; `origin` names the file in errors.
    pub fn from_bytes(bytes: &[u8], origin: &Path) -> Result<Model, NerError> {
        let corrupt = |reason: &str| NerError::Corrupt {
            path: origin.to_path_buf(),
            reason: reason.to_string(),
        };
        let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
            return Err(corrupt("bad magic bytes"));
        };
        let mut body = Vec::new();
        flate2::read::GzDecoder::new(rest)
            .read_to_end(&mut body)
            .map_err(|e| corrupt(&format!("cannot decompress: {e}")))?;
        let mut r = Reader { b: &body, pos: 0 };
        let n_types = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
        if n_types == 0 || n_types > 100 {
            return Err(corrupt("bad number of types"));
        }
        let mut types = Vec::with_capacity(n_types);
        for _ in 0..n_types {
            let len = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
            let s = r.take(len).ok_or_else(|| corrupt("truncated"))?;
            types.push(
                std::str::from_utf8(s)
                    .map_err(|_| corrupt("type name is not UTF-8"))?
                    .to_string(),
            );
        }
        let kinds: Vec<Option<EntityKind>> = types.iter().map(|t| kind_from_name(t)).collect();
        let l = 1 + 2 * n_types;
        let mut trans = Vec::with_capacity((l + 1) * l);
        for _ in 0..(l + 1) * l {
            let b = r.take(4).ok_or_else(|| corrupt("truncated"))?;
            trans.push(f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        }
        let n_rows = r.u32().ok_or_else(|| corrupt("truncated"))? as usize;
        if n_rows > body.len() / 9 {
            return Err(corrupt("bad number of features"));
        }
        let mut index = FastMap::with_capacity_and_hasher(n_rows, Default::default());
        let mut weights = vec![0.0f32; n_rows * l];
        for row in 0..n_rows {
            let f = r.u64().ok_or_else(|| corrupt("truncated"))?;
            let nz = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
            for _ in 0..nz {
                let k = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
                if k >= l {
                    return Err(corrupt("label out of range"));
                }
                let b = r.take(2).ok_or_else(|| corrupt("truncated"))?;
                let bits = (u16::from_le_bytes([b[0], b[1]]) as u32) << 16;
                weights[row * l + k] = f32::from_bits(bits);
            }
            index.insert(f, row as u32);
        }
        let mut lex = Lexicon::default();
        let bad_table = || corrupt("truncated or bad table size");
        let byte = |b: &[u8]| b[0];
        r.table(&mut lex.vocab, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.phrases, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.parts, 1, byte).ok_or_else(bad_table)?;
        r.table(&mut lex.clusters, 2, |b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(bad_table)?;
        lex.max_phrase = r.u8().ok_or_else(|| corrupt("truncated"))? as usize;
        let b = r.take(4).ok_or_else(|| corrupt("truncated"))?;
        let o_bias = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if r.pos != body.len() {
            return Err(corrupt("trailing bytes"));
        }
        if trans
            .iter()
            .chain(&weights)
            .chain([&o_bias])
            .any(|x| !x.is_finite())
        {
            return Err(corrupt("non-finite weight"));
        }
        Ok(Model {
            types,
            kinds,
            n_labels: l,
            index,
            weights,
            trans,
            lex,
            o_bias,
            infos: InfoCache::default(),
        })
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| NerError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes, path)
    }

    /// The Hindi model shipped in `data/ner/hi-ner.bin`, compiled into the binary.
    pub fn embedded() -> Result<Model, NerError> {
        static BYTES: &[u8] = include_bytes!("../../../../data/ner/hi-ner.bin");
        Self::from_bytes(BYTES, Path::new("data/ner/hi-ner.bin (embedded)"))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
    /// A table into `into`: a `u32` count, then that many entries of a `u64` key and a value
    /// of `value_len` bytes (decoded by `value`). None when it is truncated or its count
    /// cannot fit in the bytes left.
    fn table<V>(
        &mut self,
        into: &mut FastMap<V>,
        value_len: usize,
        value: impl Fn(&[u8]) -> V,
    ) -> Option<()> {
        let n = self.u32()? as usize;
        if n > self.b.len().saturating_sub(self.pos) / (8 + value_len) {
            return None;
        }
        into.reserve(n);
        for _ in 0..n {
            let k = self.u64()?;
            let v = value(self.take(value_len)?);
            into.insert(k, v);
        }
        Some(())
    }
}

fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_round_trips_and_cut_copies_are_errors() {
        let m = Model::embedded().unwrap();
        let bytes = m.to_bytes();
        let again = Model::from_bytes(&bytes, Path::new("x")).unwrap();
        assert_eq!(again.to_bytes(), bytes);
        // Cut anywhere (the tables sit at the end): an error, never a panic or a short model.
        let n = bytes.len();
        for cut in [
            0,
            1,
            8,
            n / 3,
            n / 2,
            n - 9_000_usize.min(n - 1),
            n - 100,
            n - 5,
            n - 1,
        ] {
            assert!(
                Model::from_bytes(&bytes[..cut], Path::new("x")).is_err(),
                "{cut}"
            );
        }
    }
}
