//! Small utilities of the NER: a map keyed by hashes that are used as they are, and a
//! deterministic random generator for shuffling and seeding (training, word clusters). Their own
//! module so that the features and clusters do not import the model for them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already hashes: the map passes them through.
#[derive(Default, Clone, Copy)]
pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type FastMap<V> = HashMap<u64, V, BuildHasherDefault<PassHasher>>;

/// A deterministic generator for shuffling and seeding (xorshift64*).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_hasher_keeps_u64_keys_and_rng_is_deterministic() {
        let mut m: FastMap<u8> = FastMap::default();
        m.insert(42, 1);
        assert_eq!(m.get(&42), Some(&1));
        let mut h = PassHasher::default();
        h.write_u64(7);
        assert_eq!(h.finish(), 7);
        let (mut a, mut b) = (Rng(9), Rng(9));
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        let mut v: Vec<u32> = (0..20).collect();
        Rng(3).shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<u32>>());
        assert_ne!(v, sorted);
    }
}
