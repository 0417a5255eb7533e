//! What the tagger, lemmatizer and parser know of a word by itself: integer hashes of its
//! lowercased form (digits folded to `0`, so "1999" and "2004" share one), of its exact
//! form, of its shape ("Xxxx", "dd.dd") and of its first and last letters, and its word
//! clusters ([`crate::learn::clusters`]). They are computed once per word, from its
//! characters, without allocating; every feature after that is a few multiplications
//! over these integers.

use crate::learn::clusters::{fold_digit, step, Clusters, LEVELS, SEED};

/// The hash [`Word::lower`] holds for a string (for tables keyed by lowercased form): the
/// cluster table's [`crate::learn::clusters::lower_key`].
pub use crate::learn::clusters::lower_key as lower_hash;

/// The hash of a string exactly as given (no case or digit folding).
pub fn exact_hash(s: &str) -> u64 {
    s.chars().fold(SEED, step)
}

#[inline]
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Bit flags of [`Word::flags`].
pub mod flag {
    pub const UPPER_INITIAL: u8 = 1;
    pub const ALL_UPPER: u8 = 2;
    pub const HAS_DIGIT: u8 = 4;
    pub const HAS_HYPHEN: u8 = 8;
    pub const ALL_PUNCT: u8 = 16;
    pub const HAS_UPPER: u8 = 32;
}

/// A word's cluster at a level, as a feature value: `NO_CLUSTER` when it has none.
pub const NO_CLUSTER: u16 = u16::MAX;

/// A word's integer features.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Word {
    /// The form with case kept and digits folded (the key of the cluster table).
    pub folded: u64,
    /// Its class at each level of the cluster table, finest first ([`NO_CLUSTER`]
    /// when the word has none); set by [`Word::with_clusters`].
    pub cluster: [u16; LEVELS],
    /// Lowercased form, digits folded to `0`.
    pub lower: u64,
    /// The form exactly as written.
    pub exact: u64,
    /// Shape: character classes (`X`, `x`, `d`, others as themselves), runs capped at 3.
    pub shape: u64,
    /// Lowercased prefixes of 1, 2 and 3 characters.
    pub prefix: [u64; 3],
    /// Lowercased suffixes of 1 to 4 characters (`suffix[k]` has k + 1 characters).
    pub suffix: [u64; 4],
    /// [`flag`] bits.
    pub flags: u8,
    /// Length in characters, capped at 255.
    pub len: u8,
}

impl Word {
    /// The word's features and its clusters from `clusters`.
    pub fn with_clusters(form: &str, clusters: &Clusters) -> Word {
        let mut w = Word::new(form);
        if let Some(p) = clusters.get_keys(w.folded, w.lower) {
            w.cluster = p;
        }
        w
    }

    /// The word's features, without clusters.
    pub fn new(form: &str) -> Word {
        let mut w = Word {
            folded: SEED,
            cluster: [NO_CLUSTER; LEVELS],
            lower: SEED,
            exact: SEED,
            shape: SEED,
            prefix: [SEED; 3],
            suffix: [SEED; 4],
            flags: 0,
            len: 0,
        };
        let mut last = ['\0'; 4];
        let mut n = 0usize;
        let (mut upper, mut lower, mut punct) = (0usize, 0usize, 0usize);
        let (mut run_class, mut run) = ('\0', 0u8);
        for (i, c) in form.chars().enumerate() {
            w.exact = step(w.exact, c);
            w.folded = step(w.folded, fold_digit(c));
            let class = shape_class(c);
            if class == run_class {
                run = run.saturating_add(1);
            } else {
                run_class = class;
                run = 1;
            }
            if run <= 3 {
                w.shape = step(w.shape, class);
            }
            if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    w.flags |= flag::UPPER_INITIAL;
                }
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_numeric() {
                w.flags |= flag::HAS_DIGIT;
            } else if c == '-' {
                w.flags |= flag::HAS_HYPHEN;
            }
            if !c.is_alphanumeric() {
                punct += 1;
            }
            for l in c.to_lowercase() {
                let l = fold_digit(l);
                w.lower = step(w.lower, l);
                if n < 3 {
                    w.prefix[n] = w.lower;
                }
                last = [last[1], last[2], last[3], l];
                n += 1;
            }
        }
        for k in n..3 {
            w.prefix[k] = w.lower;
        }
        for (k, s) in w.suffix.iter_mut().enumerate() {
            let take = (k + 1).min(n);
            *s = last[4 - take..]
                .iter()
                .fold(SEED ^ 0x5a5a, |h, &c| step(h, c));
        }
        if upper > 0 {
            w.flags |= flag::HAS_UPPER;
            if lower == 0 {
                w.flags |= flag::ALL_UPPER;
            }
        }
        if n > 0 && punct == form.chars().count() {
            w.flags |= flag::ALL_PUNCT;
        }
        w.len = n.min(255) as u8;
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_digits_fold_in_lower_but_not_in_exact() {
        assert_eq!(Word::new("Russia").lower, Word::new("RUSSIA").lower);
        assert_ne!(Word::new("Russia").exact, Word::new("RUSSIA").exact);
        assert_eq!(Word::new("1999").lower, Word::new("2004").lower);
        assert_eq!(Word::new("Russia").lower, lower_hash("russia"));
        assert_eq!(Word::new("Xx").exact, exact_hash("Xx"));
        // The cluster table's keys are the same hashes.
        for f in ["Russia", "U.S.-led", "1999", "Ärger"] {
            assert_eq!(Word::new(f).folded, crate::learn::clusters::form_key(f));
            assert_eq!(Word::new(f).lower, crate::learn::clusters::lower_key(f));
        }
    }

    #[test]
    fn affixes_shapes_and_flags() {
        let a = Word::new("talking");
        let b = Word::new("walking");
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.prefix[0], b.prefix[0]);
        assert_eq!(Word::new("Putin").shape, Word::new("Biden").shape);
        assert_eq!(Word::new("Washington").shape, Word::new("Moscow").shape);
        assert_ne!(Word::new("NATO").shape, Word::new("Nato").shape);
        let f = Word::new("U.S.-led").flags;
        assert!(f & flag::HAS_HYPHEN != 0 && f & flag::UPPER_INITIAL != 0);
        assert!(Word::new("NATO").flags & flag::ALL_UPPER != 0);
        assert!(Word::new("--").flags & flag::ALL_PUNCT != 0);
        assert_eq!(Word::new("").len, 0);
        assert_eq!(Word::new("a").suffix[3], Word::new("a").suffix[0]);
    }
}
