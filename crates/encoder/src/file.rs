//! The model file's layout: header, vocabulary, normalisation map, tensor directory. Every
//! read is bounds-checked; a short or odd file is an error, never a panic.

use crate::EncoderError;

/// Sizes from the header.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub positions: usize,
    pub eps: f32,
}

/// The tokenizer's part of the file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    pub pieces: Vec<Vec<u8>>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// Character → its replacement (the normaliser, one character at a time).
    pub norm: Vec<(u32, Vec<u32>)>,
}

/// Kinds of tensor data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dtype {
    F32,
    Q4,
}

/// One entry of the tensor directory: where its bytes are in the file.
#[derive(Debug, Clone)]
pub(crate) struct Tensor {
    pub name: String,
    pub dtype: Dtype,
    /// Number of values.
    pub len: usize,
    pub offset: usize,
    pub bytes: usize,
}

pub(crate) struct Parsed {
    pub config: Config,
    pub vocab: Vocab,
    pub tensors: Vec<Tensor>,
}

fn bad(what: impl Into<String>) -> EncoderError {
    EncoderError::Format(what.into())
}

/// A bounds-checked little-endian reader.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EncoderError> {
        let end = self.at.checked_add(n).ok_or_else(|| bad("size overflow"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| bad(format!("truncated at byte {}", self.at)))?;
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], EncoderError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, EncoderError> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, EncoderError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, EncoderError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, EncoderError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, EncoderError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// A non-negative 32-bit count.
    fn count(&mut self) -> Result<usize, EncoderError> {
        let v = i32::from_le_bytes(self.array()?);
        usize::try_from(v).map_err(|_| bad(format!("negative size {v}")))
    }
    fn size64(&mut self) -> Result<usize, EncoderError> {
        usize::try_from(self.u64()?).map_err(|_| bad("size beyond memory"))
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, EncoderError> {
    let mut c = Cursor { bytes, at: 0 };
    if c.take(4)? != b"E5S1" {
        return Err(bad("no E5S1 magic"));
    }
    let _version = c.u32()?;
    let hidden = c.count()?;
    let layers = c.count()?;
    let heads = c.count()?;
    let ff = c.count()?;
    let vocab_rows = c.count()?;
    let positions = c.count()?;
    let _type_vocab = c.count()?;
    let eps = c.f32()?;
    let block = c.count()?;
    if block != 32
        || heads == 0
        || !hidden.is_multiple_of(heads)
        || !hidden.is_multiple_of(32)
        || !ff.is_multiple_of(32)
    {
        return Err(bad(format!(
            "unexpected sizes: hidden {hidden}, heads {heads}, ff {ff}, block {block}"
        )));
    }
    let n = c.count()?;
    let bos = c.u32()?;
    let eos = c.u32()?;
    let _pad = c.u32()?;
    let unk = c.u32()?;
    let blob_len = c.size64()?;
    let mut offsets = Vec::with_capacity(n + 1);
    for _ in 0..=n {
        offsets.push(c.u32()? as usize);
    }
    let mut scores = Vec::with_capacity(n);
    for _ in 0..n {
        scores.push(c.f32()?);
    }
    let blob = c.take(blob_len)?;
    let mut pieces = Vec::with_capacity(n);
    for w in offsets.windows(2) {
        let piece = blob
            .get(w[0]..w[1])
            .ok_or_else(|| bad("piece outside the vocabulary blob"))?;
        pieces.push(piece.to_vec());
    }
    let n_norm = c.count()?;
    let norm_bytes = c.u32()? as usize;
    let mut m = Cursor {
        bytes: c.take(norm_bytes)?,
        at: 0,
    };
    let mut norm = Vec::with_capacity(n_norm);
    for _ in 0..n_norm {
        let from = m.u32()?;
        let k = m.u8()?;
        let mut to = Vec::with_capacity(usize::from(k));
        for _ in 0..k {
            to.push(m.u32()?);
        }
        norm.push((from, to));
    }
    let n_tensors = c.count()?;
    let mut tensors = Vec::with_capacity(n_tensors);
    for _ in 0..n_tensors {
        let name_len = usize::from(c.u16()?);
        let name = String::from_utf8_lossy(c.take(name_len)?).into_owned();
        let dtype = match c.u8()? {
            0 => Dtype::F32,
            1 => Dtype::Q4,
            d => return Err(bad(format!("tensor {name}: unknown type {d}"))),
        };
        let len = c.u32()? as usize;
        let offset = c.size64()?;
        let nbytes = c.size64()?;
        let expected = match dtype {
            Dtype::F32 => len.checked_mul(4),
            Dtype::Q4 => len.is_multiple_of(32).then_some(len / 32 * 18),
        };
        if expected != Some(nbytes) || offset.checked_add(nbytes).is_none_or(|e| e > bytes.len()) {
            return Err(bad(format!("tensor {name}: bad size or offset")));
        }
        tensors.push(Tensor {
            name,
            dtype,
            len,
            offset,
            bytes: nbytes,
        });
    }
    Ok(Parsed {
        config: Config {
            hidden,
            layers,
            heads,
            ff,
            vocab: vocab_rows,
            positions,
            eps,
        },
        vocab: Vocab {
            pieces,
            scores,
            bos,
            eos,
            unk,
            norm,
        },
        tensors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_foreign_files_are_errors() {
        assert!(parse(b"").is_err());
        assert!(parse(b"GGUF0000").is_err());
        let mut head = b"E5S1".to_vec();
        head.extend_from_slice(&1u32.to_le_bytes());
        for v in [384i32, 12, 12, 1536, 10, 512, 2] {
            head.extend_from_slice(&v.to_le_bytes());
        }
        // Truncated right after the sizes.
        assert!(matches!(parse(&head), Err(EncoderError::Format(_))));
    }
}
