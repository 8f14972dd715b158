//! The linker's word tables (short strings and small integers) hash with rustc-hash's Fx hasher
//! in place of the standard library's SipHash, which showed as several percent of the analysis.
//!
//! Not keyed: table order is fixed (nothing in the output depends on it), and a text built to
//! collide would slow lookups down, not change results.

/// A hash map with the Fx hasher.
pub(crate) type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A hash set with the Fx hasher.
pub(crate) type HashSet<K> = rustc_hash::FxHashSet<K>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work() {
        let mut m: HashMap<String, u32> = HashMap::default();
        for i in 0..1000u32 {
            m.insert(format!("w{i}"), i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get("w517"), Some(&517));
        assert_eq!(m.get("w1000"), None);
        let s: HashSet<&str> = ["पुतिन", "पुतीन", "पुतिन"].into_iter().collect();
        assert_eq!(s.len(), 2);
    }
}
