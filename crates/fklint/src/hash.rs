//! A fast hasher for the maps and sets of names and ids a check builds and probes thousands of times (a
//! constraint name per key, a column name per column in some rules).
//!
//! The standard library's SipHash resists hash flooding, which costs a few rounds per word; fklint hashes
//! names from the migrations it is given, once per run, so it uses the multiply-rotate hash rustc uses for
//! its own tables (FxHash). No output depends on the order of a hashed map: iteration order was already
//! random per process with SipHash.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A [`HashMap`] with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A [`HashSet`] with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// FxHash: each word is mixed in with a rotate, an xor and a multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
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
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_holds_and_tells_names_apart() {
        let mut set: FastSet<String> = FastSet::default();
        let names = [
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "users_pkey",
            "users_pkey1",
            "",
        ];
        for name in names {
            assert!(set.insert(name.to_string()));
        }
        for name in names {
            assert!(set.contains(name));
        }
        assert!(!set.contains("users_pkey2"));
        assert!(!set.contains("abcdefgh\0"));
        let mut map: FastMap<(usize, &str), usize> = FastMap::default();
        map.insert((1, "id"), 1);
        map.insert((2, "id"), 2);
        assert_eq!(map.get(&(2, "id")), Some(&2));
        assert_eq!(map.get(&(3, "id")), None);
    }
}
