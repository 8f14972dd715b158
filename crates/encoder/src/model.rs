//! The BERT encoder of multilingual-e5-small, with its weights from the model file.

use crate::file::{Config, Dtype, Tensor};
use crate::EncoderError;
use half::f16;

/// Values per Q4_0 block, and its bytes (a 16-bit scale, then 16 bytes of two 4-bit weights).
const BLOCK: usize = 32;
const BLOCK_BYTES: usize = 18;

/// Dequantise Q4_0 blocks: byte `j` of a block holds weight `j` (low nibble) and weight
/// `j + 16` (high nibble), each stored plus 8, times the block's scale.
fn dequantise(blocks: &[u8], out: &mut Vec<f32>) {
    for b in blocks.chunks_exact(BLOCK_BYTES) {
        let scale = f16::from_le_bytes([b[0], b[1]]).to_f32();
        let start = out.len();
        out.resize(start + BLOCK, 0.0);
        let o = &mut out[start..];
        for (j, q) in b[2..].iter().enumerate() {
            o[j] = (f32::from(q & 0x0f) - 8.0) * scale;
            o[j + 16] = (f32::from(q >> 4) - 8.0) * scale;
        }
    }
}

/// A dense layer `y = W x + b`, `W` stored by output row.
struct Dense {
    w: Vec<f32>,
    b: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl Dense {
    /// `x`: `tokens × inputs`, row by row; the result is `tokens × outputs`.
    fn apply(&self, x: &[f32]) -> Vec<f32> {
        let tokens = x.len() / self.inputs;
        let mut y = Vec::with_capacity(tokens * self.outputs);
        for row in x.chunks_exact(self.inputs) {
            for (w, b) in self.w.chunks_exact(self.inputs).zip(&self.b) {
                y.push(dot(w, row) + b);
            }
        }
        y
    }
}

/// Dot product in eight lanes (the compiler vectorises it).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ac, bc) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ac
        .remainder()
        .iter()
        .zip(bc.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ac.zip(bc) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

struct Norm {
    w: Vec<f32>,
    b: Vec<f32>,
}

impl Norm {
    /// Layer norm of every row of `x` in place.
    fn apply(&self, x: &mut [f32], eps: f32) {
        let h = self.w.len();
        for r in x.chunks_exact_mut(h) {
            let mean = r.iter().sum::<f32>() / h as f32;
            let var = r.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
            let inv = 1.0 / (var + eps).sqrt();
            for ((v, w), b) in r.iter_mut().zip(&self.w).zip(&self.b) {
                *v = (*v - mean) * inv * w + b;
            }
        }
    }
}

struct Layer {
    q: Dense,
    k: Dense,
    v: Dense,
    out: Dense,
    attention_norm: Norm,
    up: Dense,
    down: Dense,
    output_norm: Norm,
}

pub(crate) struct Model {
    hidden: usize,
    heads: usize,
    positions: usize,
    eps: f32,
    /// Word embeddings, still in Q4_0 blocks, one row per piece.
    words: Vec<u8>,
    word_rows: usize,
    position: Vec<f32>,
    token_type: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

/// The tensors by name, read as f32 or dequantised.
struct Tensors<'a> {
    dir: &'a [Tensor],
    bytes: &'a [u8],
}

impl Tensors<'_> {
    fn find(&self, name: &str) -> Result<&Tensor, EncoderError> {
        self.dir
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| EncoderError::Format(format!("missing tensor {name}")))
    }

    fn raw(&self, t: &Tensor) -> &[u8] {
        // Offsets and sizes were checked against the file when the directory was read.
        &self.bytes[t.offset..t.offset + t.bytes]
    }

    fn values(&self, name: &str, len: usize) -> Result<Vec<f32>, EncoderError> {
        let t = self.find(name)?;
        if t.len != len {
            return Err(EncoderError::Format(format!(
                "tensor {name}: {} values, expected {len}",
                t.len
            )));
        }
        let raw = self.raw(t);
        let mut out = Vec::with_capacity(len);
        match t.dtype {
            Dtype::F32 => out.extend(
                raw.chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            ),
            Dtype::Q4 => dequantise(raw, &mut out),
        }
        Ok(out)
    }

    fn dense(&self, prefix: &str, inputs: usize, outputs: usize) -> Result<Dense, EncoderError> {
        Ok(Dense {
            w: self.values(&format!("{prefix}.w"), inputs * outputs)?,
            b: self.values(&format!("{prefix}.b"), outputs)?,
            inputs,
            outputs,
        })
    }

    fn norm(&self, prefix: &str, h: usize) -> Result<Norm, EncoderError> {
        Ok(Norm {
            w: self.values(&format!("{prefix}.w"), h)?,
            b: self.values(&format!("{prefix}.b"), h)?,
        })
    }
}

impl Model {
    pub(crate) fn new(c: &Config, dir: &[Tensor], bytes: &[u8]) -> Result<Model, EncoderError> {
        let t = Tensors { dir, bytes };
        let h = c.hidden;
        let words = t.find("emb.word")?;
        if words.dtype != Dtype::Q4 || words.len != c.vocab * h {
            return Err(EncoderError::Format(
                "word embeddings of another shape".into(),
            ));
        }
        let layers = (0..c.layers)
            .map(|l| {
                let p = |s: &str| format!("l{l}.{s}");
                Ok(Layer {
                    q: t.dense(&p("q"), h, h)?,
                    k: t.dense(&p("k"), h, h)?,
                    v: t.dense(&p("v"), h, h)?,
                    out: t.dense(&p("ao"), h, h)?,
                    attention_norm: t.norm(&p("aln"), h)?,
                    up: t.dense(&p("fi"), h, c.ff)?,
                    down: t.dense(&p("fo"), c.ff, h)?,
                    output_norm: t.norm(&p("oln"), h)?,
                })
            })
            .collect::<Result<Vec<_>, EncoderError>>()?;
        Ok(Model {
            hidden: h,
            heads: c.heads,
            positions: c.positions,
            eps: c.eps,
            words: t.raw(words).to_vec(),
            word_rows: c.vocab,
            position: t.values("emb.pos", c.positions * h)?,
            token_type: t.values("emb.type", t.find("emb.type")?.len)?,
            embedding_norm: t.norm("emb.ln", h)?,
            layers,
        })
    }

    pub(crate) fn hidden(&self) -> usize {
        self.hidden
    }

    /// The unit vector of a text's piece ids: windows of at most `positions − 2` pieces, each
    /// run as `<s> pieces </s>`, their token means averaged (weighed by their pieces), scaled
    /// to length 1.
    pub(crate) fn embed(&self, ids: &[u32], bos: u32, eos: u32) -> Vec<f32> {
        let h = self.hidden;
        let width = self.positions.saturating_sub(2).max(1);
        let mut sum = vec![0.0f32; h];
        let mut weight = 0.0f32;
        let windows: Vec<&[u32]> = if ids.is_empty() {
            vec![&[]]
        } else {
            ids.chunks(width).collect()
        };
        for window in windows {
            let mut seq = Vec::with_capacity(window.len() + 2);
            seq.push(bos);
            seq.extend_from_slice(window);
            seq.push(eos);
            let states = self.forward(&seq);
            let w = window.len().max(1) as f32;
            let tokens = seq.len() as f32;
            for row in states.chunks_exact(h) {
                for (s, v) in sum.iter_mut().zip(row) {
                    *s += w * v / tokens;
                }
            }
            weight += w;
        }
        let norm = sum
            .iter()
            .map(|v| (v / weight).powi(2))
            .sum::<f32>()
            .sqrt()
            .max(1e-6);
        sum.iter().map(|v| v / weight / norm).collect()
    }

    /// The last hidden states (`tokens × hidden`) of one sequence of at most `positions` ids.
    fn forward(&self, ids: &[u32]) -> Vec<f32> {
        let h = self.hidden;
        let row_bytes = h / BLOCK * BLOCK_BYTES;
        let mut x = Vec::with_capacity(ids.len() * h);
        for (p, &id) in ids.iter().enumerate() {
            let id = (id as usize).min(self.word_rows.saturating_sub(1));
            let start = x.len();
            dequantise(&self.words[id * row_bytes..(id + 1) * row_bytes], &mut x);
            let pos = &self.position[p.min(self.positions - 1) * h..][..h];
            for ((v, a), b) in x[start..].iter_mut().zip(pos).zip(&self.token_type) {
                *v += a + b;
            }
        }
        self.embedding_norm.apply(&mut x, self.eps);
        let n = ids.len();
        let heads = self.heads;
        let d = h / heads;
        let scale = 1.0 / (d as f32).sqrt();
        let mut probs = vec![0.0f32; n];
        for layer in &self.layers {
            let q = layer.q.apply(&x);
            let k = layer.k.apply(&x);
            let v = layer.v.apply(&x);
            let mut context = vec![0.0f32; n * h];
            for t in 0..n {
                for head in 0..heads {
                    let qh = &q[t * h + head * d..][..d];
                    let mut top = f32::NEG_INFINITY;
                    for (s, p) in probs.iter_mut().enumerate() {
                        *p = dot(qh, &k[s * h + head * d..][..d]) * scale;
                        top = top.max(*p);
                    }
                    let mut total = 0.0;
                    for p in probs.iter_mut() {
                        *p = (*p - top).exp();
                        total += *p;
                    }
                    let out = &mut context[t * h + head * d..][..d];
                    for (s, p) in probs.iter().enumerate() {
                        let p = p / total;
                        for (o, vv) in out.iter_mut().zip(&v[s * h + head * d..][..d]) {
                            *o += p * vv;
                        }
                    }
                }
            }
            let attended = layer.out.apply(&context);
            x.iter_mut().zip(&attended).for_each(|(a, b)| *a += b);
            layer.attention_norm.apply(&mut x, self.eps);
            let mut mid = layer.up.apply(&x);
            for m in mid.iter_mut() {
                *m = gelu(*m);
            }
            let down = layer.down.apply(&mid);
            x.iter_mut().zip(&down).for_each(|(a, b)| *a += b);
            layer.output_norm.apply(&mut x, self.eps);
        }
        x
    }
}

/// GELU with the error function (BERT's exact form).
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gelu_is_bert_s_exact_form() {
        assert_eq!(gelu(0.0), 0.0);
        assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-6);
        assert!((gelu(-1.0) + 0.158_655_3).abs() < 1e-6);
        assert!(gelu(-10.0).abs() < 1e-6 && (gelu(10.0) - 10.0).abs() < 1e-5);
    }

    #[test]
    fn q4_blocks_dequantise_low_nibbles_first() {
        let mut block = vec![0u8; BLOCK_BYTES];
        block[..2].copy_from_slice(&f16::from_f32(0.5).to_le_bytes());
        block[2] = 0x9a; // weight 0: 0xa − 8 = 2; weight 16: 0x9 − 8 = 1
        block[17] = 0x08; // weight 15: 0; weight 31: −8
        let mut out = Vec::new();
        dequantise(&block, &mut out);
        assert_eq!(out.len(), BLOCK);
        assert_eq!((out[0], out[16], out[15], out[31]), (1.0, 0.5, 0.0, -4.0));
        assert_eq!(out[1], -4.0);
    }

    #[test]
    fn dot_handles_tails() {
        let a: Vec<f32> = (0..11).map(|i| i as f32).collect();
        assert_eq!(dot(&a, &a), (0..11).map(|i| (i * i) as f32).sum::<f32>());
    }
}
