//! The shared learning core of every model newsgraph trains (the entity tagger, the UPOS
//! tagger, the dependency parser and its labeller): hashed integer features
//! ([`FeatureHasher`]), the averaged perceptron ([`Perceptron`]), the compact run-time
//! weight table ([`SparseTable`]), the checksummed model file format ([`mod@format`]) and
//! word clusters learned from unlabeled text ([`clusters`]).
//!
//! Everything here is deterministic: the same data, seed and options give the same model
//! bytes on every run and platform (no randomized hashing, no thread-dependent order).

pub mod clusters;
pub mod format;
mod perceptron;
mod table;

pub use perceptron::{quantize, Perceptron};
pub(crate) use table::{FillRows, SparseFill};
pub use table::{PackedTable, SparseTable};

/// The splitmix64 finalizer: spreads every input bit over the whole word.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small deterministic generator (splitmix64) for shuffles and exploration.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Turns a template id and its integer values into a bucket of a `2^bits`-row weight
/// table. Values are integers computed once per token (word hashes, tags, distances), so
/// building a feature is a few multiplications, never a string: each value is multiplied
/// by its own odd constant, the products are XOR-ed with the template's, and one
/// multiply-shift finalizer picks the bucket.
#[derive(Debug, Clone, Copy)]
pub struct FeatureHasher {
    bits: u32,
}

const K_TEMPLATE: u64 = 0x9e37_79b9_7f4a_7c15;
const K_B: u64 = 0xc2b2_ae3d_27d4_eb4f;
const K_C: u64 = 0x1656_67b1_9e37_79f9;
const K_D: u64 = 0xd6e8_feb8_6659_fd93;

impl FeatureHasher {
    pub fn new(bits: u32) -> FeatureHasher {
        FeatureHasher { bits }
    }

    pub fn bits(self) -> u32 {
        self.bits
    }

    /// The bucket of an already combined hash.
    #[inline]
    pub fn bucket(self, h: u64) -> u32 {
        let x = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        ((x ^ (x >> 32)).wrapping_mul(K_TEMPLATE) >> (64 - self.bits)) as u32
    }

    #[inline]
    pub fn f1(self, template: u64, a: u64) -> u32 {
        self.bucket(template.wrapping_mul(K_TEMPLATE) ^ a)
    }

    #[inline]
    pub fn f2(self, template: u64, a: u64, b: u64) -> u32 {
        self.bucket(template.wrapping_mul(K_TEMPLATE) ^ a ^ b.wrapping_mul(K_B))
    }

    #[inline]
    pub fn f3(self, template: u64, a: u64, b: u64, c: u64) -> u32 {
        self.bucket(
            template.wrapping_mul(K_TEMPLATE) ^ a ^ b.wrapping_mul(K_B) ^ c.wrapping_mul(K_C),
        )
    }

    #[inline]
    pub fn f4(self, template: u64, a: u64, b: u64, c: u64, d: u64) -> u32 {
        self.bucket(
            template.wrapping_mul(K_TEMPLATE)
                ^ a
                ^ b.wrapping_mul(K_B)
                ^ c.wrapping_mul(K_C)
                ^ d.wrapping_mul(K_D),
        )
    }
}

/// Index of the largest score (the first one on ties).
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_and_hasher_are_fixed_functions() {
        let mut a = Rng(7);
        let mut b = Rng(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        let h = FeatureHasher::new(12);
        assert!(h.f2(1, 2, 3) < 1 << 12);
        assert_ne!(h.f2(1, 2, 3), h.f2(1, 3, 2));
        // Small integer values (tags, distances) spread over the table.
        let mut seen = std::collections::BTreeSet::new();
        for t in 0..20u64 {
            for a in 0..20u64 {
                for b in 0..8u64 {
                    seen.insert(FeatureHasher::new(20).f3(t, a, b, 1));
                }
            }
        }
        assert!(seen.len() > 3150, "{} buckets of 3200", seen.len());
        assert_eq!(argmax(&[1.0, 3.0, 3.0, 2.0]), 1);
    }
}
