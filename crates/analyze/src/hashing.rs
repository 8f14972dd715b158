//! A fast hasher for the linker's word tables (short strings and small integers), in place of
//! the standard library's SipHash, which showed as several percent of the analysis.
//!
//! Not keyed: table order is fixed (nothing in the output depends on it), and a text built to
//! collide would slow lookups down, not change results.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of the mixing steps (an odd constant with well-spread bits).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Eight bytes at a time: rotate, xor, multiply; finished with a splitmix64-style avalanche so
/// that the high bits (which the table uses for its control bytes) depend on every byte.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(26) ^ x).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }
}

/// Builds [`WordHasher`]s.
pub(crate) type FastState = BuildHasherDefault<WordHasher>;
/// A hash map with [`WordHasher`].
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, FastState>;
/// A hash set with [`WordHasher`].
pub(crate) type HashSet<K> = std::collections::HashSet<K, FastState>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn h(s: &str) -> u64 {
        FastState::default().hash_one(s)
    }

    #[test]
    fn strings_hash_apart_and_alike() {
        assert_eq!(h("पुतिन"), h("पुतिन"));
        let words = [
            "",
            "a",
            "a\0",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "पुतिन",
            "पुतीन",
        ];
        let hashes: HashSet<u64> = words.iter().map(|w| h(w)).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn maps_work() {
        let mut m: HashMap<String, u32> = HashMap::default();
        for i in 0..1000u32 {
            m.insert(format!("w{i}"), i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get("w517"), Some(&517));
        assert_eq!(m.get("w1000"), None);
    }
}
