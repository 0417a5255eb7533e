//! The hash map and set used on hot paths: [`FastMap`] and [`FastSet`], std's
//! `HashMap`/`HashSet` with `rustc-hash`'s FxHash instead of SipHash.
//!
//! Why FxHash (`rustc-hash` 2) rather than foldhash or ahash: it is the hasher rustc itself
//! uses for short keys like ours (words, lexicon names, node ids, small integers); it has
//! no dependencies, no `unsafe` of its own and no per-process random seed, so a map's
//! internal layout is a function of its contents only; and it is already in our
//! dependency tree (through `sentencex`), so it costs no extra code in the binary. SipHash
//! was about 5% of `extract` in a profile (issue 15).
//!
//! FxHash is not collision-resistant. Use these types only for keys that are ours: the
//! built-in or user-given lexicon tables, trigger words, indices, node ids of a graph we
//! wrote, or per-article tables whose size the article bounds. A table keyed by something
//! an input corpus chooses wholesale (article ids across a whole run, in `article`) stays on
//! std's randomly seeded SipHash. Nothing may depend on the iteration order of these maps:
//! output order always comes from sorting or from a `BTreeMap`.
//!
//! Where std's `HashMap`/`HashSet` remain, on purpose (issue 15, checked with `perf` over
//! `extract` of the BBC corpus on one core: SipHash is 1 sample in 23,000, i.e. gone from
//! the hot path): `article`'s table of article ids seen in a run (keys the corpus picks,
//! one lookup per article); `article/walk`'s set of directories read (canonical paths,
//! one entry per directory); the tagger's `KeyMap`, whose keys are hashes already and
//! go through an identity hasher. `export`'s id tables moved to these types: SipHash was
//! 5.4% of `export -f graphml` on the BBC graph (13,109 nodes).

/// `HashMap` with FxHash; build one with `FastMap::default()`.
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// `HashSet` with FxHash; build one with `FastSet::default()`.
pub type FastSet<T> = std::collections::HashSet<T, rustc_hash::FxBuildHasher>;
