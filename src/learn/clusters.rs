//! Word clusters learned from unlabeled text, shared by the UPOS tagger, the parser and the
//! entity tagger: words that occur in similar contexts ("Tuesday" and "Friday", "said"
//! and "added", "Moscow" and "Brussels") get the same cluster, so a model that saw one in
//! training knows something about the others.
//!
//! **Algorithm.** The exchange algorithm for a class-based bigram model (Kneser & Ney
//! 1993; Martin, Liermann & Ney 1998): every word sits in one of `C` classes and the
//! clustering maximizes the likelihood of the text under `p(w_i | w_{i-1}) =
//! p(c_i | c_{i-1}) p(w_i | c_i)`, which, up to terms that do not depend on the
//! clustering, is
//!
//! ```text
//! J = sum_{c,d} F(N(c,d)) - sum_c F(N(c,.)) - sum_d F(N(.,d)),   F(x) = x ln x
//! ```
//!
//! over the class bigram counts `N`. Each pass visits the words from the most frequent
//! down and moves each to the class that raises `J` most (computed exactly from the
//! word's neighbour counts, so a pass costs `C x` the number of (word, neighbour class)
//! pairs). The finest level has `levels[0]` classes; every coarser level clusters the
//! classes of the level below with the same algorithm over their bigram counts, so the
//! levels nest like the prefixes of Brown clusters (a word's level-2 class decides its
//! level-3 class).
//!
//! **Determinism.** Words are ordered by count, then by their bytes; ties between classes
//! go to the word's current class, then the lowest index; scores are summed in a fixed
//! order whatever the thread count. The same text and options give the same table.
//!
//! **What is stored.** A table from a 64-bit hash of each word (case kept, digits folded
//! to `0`: [`form_key`]) to its class at each level; no word text. Words seen fewer than
//! `min_count` times have no cluster. A lookup tries the form as written, then its
//! lowercase ([`Clusters::get`]). Beside it, from the same text, how each word is written
//! when it is not first in its sentence ([`Clusters::case`]: always lowercase, mostly
//! capitalized, all capitals, ...), keyed by a hash of its lowercase form.

use super::format;
use crate::hash::FastMap;
use rayon::prelude::*;

const MAGIC: &[u8; 8] = b"NGCLUST\x01";
const VERSION: u32 = 2;
const RETRAIN: &str =
    "newsgraph train-clusters --out data/models/clusters.bin (see data/models/PROVENANCE.md)";

/// Levels of the hierarchy (finest first).
pub const LEVELS: usize = 4;

/// FNV-1a step over one character (`syntax::words` hashes words with the same steps).
#[inline]
pub(crate) fn step(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The FNV-1a offset basis every word hash starts from.
pub(crate) const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Digits read as `0`, so that "1999" and "2004" share a key.
#[inline]
pub(crate) fn fold_digit(c: char) -> char {
    if c.is_ascii_digit() {
        '0'
    } else {
        c
    }
}

/// The key of a word as written (case kept, digits folded to `0`).
pub fn form_key(form: &str) -> u64 {
    form.chars().fold(SEED, |h, c| step(h, fold_digit(c)))
}

/// The key of a word's lowercase form (digits folded to `0`).
pub fn lower_key(form: &str) -> u64 {
    let mut h = SEED;
    for c in form.chars() {
        for l in c.to_lowercase() {
            h = step(h, fold_digit(l));
        }
    }
    h
}

/// A word's class at each level, finest first; `None` for a word without a cluster.
pub type Path = [u16; LEVELS];

/// The learned table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    /// Classes per level, finest first.
    sizes: [u16; LEVELS],
    map: FastMap<u64, Path>,
    /// Lowercase key -> how the word is written inside sentences ([`case`]).
    case: FastMap<u64, u8>,
}

/// How a word is written when it is not the first of its sentence, in the unlabeled text:
/// [`Clusters::case`] gives one of these (a strong hint of a name: "Apple" is written with
/// a capital inside sentences, "apple" is not).
pub mod case {
    /// Not seen often enough to say.
    pub const UNKNOWN: u8 = 0;
    /// Never with a capital.
    pub const LOWER: u8 = 1;
    /// With a capital less than a quarter of the time.
    pub const MOSTLY_LOWER: u8 = 2;
    /// Either way.
    pub const MIXED: u8 = 3;
    /// With a capital more than three quarters of the time.
    pub const MOSTLY_CAPITALIZED: u8 = 4;
    /// Always with a capital.
    pub const CAPITALIZED: u8 = 5;
    /// All in capitals more than half the time ("NATO").
    pub const ALL_CAPS: u8 = 6;
}

/// Training options; the defaults are what `train-clusters` uses.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Classes per level, finest first; each at most the one before.
    pub levels: [usize; LEVELS],
    /// Words seen fewer times share one "rare word" class and get no cluster.
    pub min_count: u32,
    /// Passes of the exchange algorithm over the words (at the finest level; coarser
    /// levels, being small, take twice as many).
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            levels: [1024, 256, 64, 16],
            min_count: 3,
            iterations: 12,
        }
    }
}

impl Clusters {
    /// Words with a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Classes per level, finest first.
    pub fn sizes(&self) -> [u16; LEVELS] {
        self.sizes
    }

    /// The classes of a word given its keys ([`form_key`], [`lower_key`]): the form as
    /// written, else its lowercase.
    #[inline]
    pub fn get_keys(&self, form: u64, lower: u64) -> Option<Path> {
        if self.map.is_empty() {
            return None;
        }
        match self.map.get(&form) {
            Some(p) => Some(*p),
            None if lower != form => self.map.get(&lower).copied(),
            None => None,
        }
    }

    /// The classes of a word: the form as written, else its lowercase.
    pub fn get(&self, form: &str) -> Option<Path> {
        self.get_keys(form_key(form), lower_key(form))
    }

    /// How the word with this lowercase key ([`lower_key`]) is written inside sentences
    /// ([`case`]).
    #[inline]
    pub fn case(&self, lower: u64) -> u8 {
        if self.case.is_empty() {
            return case::UNKNOWN;
        }
        self.case.get(&lower).copied().unwrap_or(case::UNKNOWN)
    }

    /// The file `train-clusters` writes (`data/models/clusters.bin`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = format::Writer::new(MAGIC, VERSION);
        self.write(&mut w);
        w.finish()
    }

    /// Reads the clusters file at `path`, or none (empty clusters) without a path; an
    /// unreadable or damaged file is an error naming it.
    pub fn load(path: Option<&std::path::Path>) -> crate::Result<Clusters> {
        let Some(p) = path else {
            return Ok(Clusters::default());
        };
        let bytes = std::fs::read(p).map_err(|e| crate::Error::io(p, e))?;
        Clusters::from_bytes(&bytes)
            .map_err(|m| crate::Error::parse(p, None, format!("word clusters: {m}")))
    }

    /// Reads a file written by [`Clusters::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, String> {
        let mut r = format::Reader::open(bytes, MAGIC, VERSION, RETRAIN)?;
        let c = Clusters::read(&mut r)?;
        r.end()?;
        Ok(c)
    }

    /// Writes the table into a model file (models carry their own copy).
    pub fn write(&self, w: &mut format::Writer) {
        for s in self.sizes {
            w.u16(s);
        }
        let mut rows: Vec<(u64, Path)> = self.map.iter().map(|(&k, &p)| (k, p)).collect();
        rows.sort_unstable();
        w.varint(rows.len() as u64);
        for (k, p) in rows {
            w.u64(k);
            for c in p {
                w.u16(c);
            }
        }
        let mut case: Vec<(u64, u8)> = self.case.iter().map(|(&k, &c)| (k, c)).collect();
        case.sort_unstable();
        w.varint(case.len() as u64);
        for (k, c) in case {
            w.u64(k);
            w.u8(c);
        }
    }

    pub fn read(r: &mut format::Reader) -> Result<Clusters, String> {
        let mut sizes = [0u16; LEVELS];
        for s in sizes.iter_mut() {
            *s = r.u16()?;
        }
        let n = r.count(8 + 2 * LEVELS)?;
        let mut map = FastMap::default();
        map.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut p = [0u16; LEVELS];
            for (l, c) in p.iter_mut().enumerate() {
                *c = r.u16()?;
                if *c >= sizes[l] {
                    return Err(format!("cluster {c} beyond the {} of level {l}", sizes[l]));
                }
            }
            map.insert(k, p);
        }
        let n = r.count(9)?;
        let mut case = FastMap::default();
        case.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.u8()?;
            if c == case::UNKNOWN || c > case::ALL_CAPS {
                return Err(format!("bad case class {c}"));
            }
            case.insert(k, c);
        }
        Ok(Clusters { sizes, map, case })
    }

    /// Learns clusters from sentences of tokens; deterministic. `log` gets one line per
    /// pass.
    pub fn train<S: AsRef<str>>(
        sentences: &[Vec<S>],
        opts: ClusterOptions,
        log: &mut dyn FnMut(&str),
    ) -> Clusters {
        // Vocabulary by count, then bytes. Id 0 is the sentence boundary, 1 the rare word.
        let mut counts: FastMap<&str, u32> = FastMap::default();
        for s in sentences {
            for w in s {
                *counts.entry(w.as_ref()).or_default() += 1;
            }
        }
        let mut vocab: Vec<(&str, u32)> = counts
            .into_iter()
            .filter(|&(_, c)| c >= opts.min_count)
            .collect();
        vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let ids: FastMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32 + 2))
            .collect();
        let n_words = vocab.len() + 2;
        // Word bigrams, boundaries included.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for s in sentences {
            let mut prev = 0u32;
            for w in s {
                let id = ids.get(w.as_ref()).copied().unwrap_or(1);
                pairs.push((prev, id));
                prev = id;
            }
            pairs.push((prev, 0));
        }
        let graph = Bigrams::from_pairs(n_words, pairs);
        log(&format!(
            "{} tokens, {} word types with a cluster (seen >= {} times)",
            graph.total,
            vocab.len(),
            opts.min_count
        ));
        let mut sizes = [0u16; LEVELS];
        let mut assign: Vec<Vec<u32>> = Vec::new(); // per level: word or class -> class
        let mut level_graph = graph;
        for (l, &c) in opts.levels.iter().enumerate() {
            // Class 0 holds the boundary alone; the others start round-robin by rank.
            let c = c.max(2).min(level_graph.len().max(2));
            let init: Vec<u32> = (0..level_graph.len())
                .map(|i| {
                    if i == 0 {
                        0
                    } else {
                        1 + (i as u32 - 1) % (c as u32 - 1)
                    }
                })
                .collect();
            let iterations = if l == 0 {
                opts.iterations
            } else {
                opts.iterations * 2
            };
            let classes = exchange(&level_graph, c, init, iterations, &mut |pass, j, moved| {
                log(&format!(
                    "level {l} ({c} classes) pass {pass}: objective {j:.1}, {moved} moved"
                ))
            });
            level_graph = level_graph.collapse(&classes, c);
            sizes[l] = c as u16;
            assign.push(classes);
        }
        let mut map = FastMap::default();
        for (i, &(w, _)) in vocab.iter().enumerate() {
            let mut x = i + 2;
            let mut p = [0u16; LEVELS];
            for (l, a) in assign.iter().enumerate() {
                x = a[x] as usize;
                p[l] = x as u16;
            }
            // Distinct forms may share a key (digits folded): the more frequent wins.
            map.entry(form_key(w)).or_insert(p);
        }
        let case = case_classes(sentences, opts.min_count);
        Clusters { sizes, map, case }
    }
}

/// How each word (by lowercase key) is written when not first in its sentence; words
/// seen fewer than `min_count` times there are left out.
fn case_classes<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> FastMap<u64, u8> {
    // (capitalized, all capitals, lowercase) counts.
    let mut counts: FastMap<u64, [u32; 3]> = FastMap::default();
    for s in sentences {
        let shouting = s
            .iter()
            .all(|w| !w.as_ref().chars().any(char::is_lowercase));
        if shouting {
            continue;
        }
        for w in s.iter().skip(1) {
            let w = w.as_ref();
            let Some(first) = w.chars().find(|c| c.is_alphabetic()) else {
                continue;
            };
            let c = counts.entry(lower_key(w)).or_default();
            if first.is_uppercase() {
                c[0] += 1;
                if w.chars().count() > 1 && !w.chars().any(char::is_lowercase) {
                    c[1] += 1;
                }
            } else {
                c[2] += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| c[0] + c[2] >= min_count)
        .map(|(k, [cap, caps, low])| {
            let share = cap as f64 / (cap + low) as f64;
            let class = if caps * 2 > cap + low {
                case::ALL_CAPS
            } else if cap == 0 {
                case::LOWER
            } else if low == 0 {
                case::CAPITALIZED
            } else if share < 0.25 {
                case::MOSTLY_LOWER
            } else if share > 0.75 {
                case::MOSTLY_CAPITALIZED
            } else {
                case::MIXED
            };
            (k, class)
        })
        .collect()
}

/// Bigram counts between items (words, or the classes of a finer level): each item's
/// successors and predecessors with counts.
struct Bigrams {
    succ: Vec<Vec<(u32, u64)>>,
    pred: Vec<Vec<(u32, u64)>>,
    total: u64,
}

impl Bigrams {
    fn len(&self) -> usize {
        self.succ.len()
    }

    fn from_pairs(n: usize, mut pairs: Vec<(u32, u32)>) -> Bigrams {
        pairs.sort_unstable();
        let mut succ = vec![Vec::new(); n];
        let mut pred = vec![Vec::new(); n];
        let total = pairs.len() as u64;
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i;
            while j < pairs.len() && pairs[j] == pairs[i] {
                j += 1;
            }
            let (a, b) = pairs[i];
            succ[a as usize].push((b, (j - i) as u64));
            i = j;
        }
        for (a, list) in succ.iter().enumerate() {
            for &(b, c) in list {
                pred[b as usize].push((a as u32, c));
            }
        }
        Bigrams { succ, pred, total }
    }

    /// The bigram counts between the classes of `classes` (`c` of them).
    fn collapse(&self, classes: &[u32], c: usize) -> Bigrams {
        let mut m = vec![0u64; c * c];
        for (a, list) in self.succ.iter().enumerate() {
            let ca = classes[a] as usize;
            for &(b, n) in list {
                m[ca * c + classes[b as usize] as usize] += n;
            }
        }
        let mut succ = vec![Vec::new(); c];
        let mut pred = vec![Vec::new(); c];
        for a in 0..c {
            for b in 0..c {
                let n = m[a * c + b];
                if n > 0 {
                    succ[a].push((b as u32, n));
                    pred[b].push((a as u32, n));
                }
            }
        }
        Bigrams {
            succ,
            pred,
            total: self.total,
        }
    }
}

/// `x ln x` with a table for small counts.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new(n: usize) -> XLogX {
        XLogX {
            table: (0..n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        }
    }
    #[inline]
    fn f(&self, x: u64) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// The exchange algorithm over `g`'s items with `c` classes; item 0 stays in class 0 and
/// no other item may join it. Returns each item's class.
fn exchange(
    g: &Bigrams,
    c: usize,
    mut class: Vec<u32>,
    iterations: usize,
    log: &mut dyn FnMut(usize, f64, usize),
) -> Vec<u32> {
    let n = g.len();
    let f = XLogX::new(1 << 20);
    // n_cd[a * c + b]: bigrams class a then class b; n_dc is its transpose.
    let mut n_cd = vec![0u64; c * c];
    let mut left = vec![0u64; c]; // N(a, .)
    let mut right = vec![0u64; c]; // N(., b)
    for (a, list) in g.succ.iter().enumerate() {
        for &(b, k) in list {
            let (ca, cb) = (class[a] as usize, class[b as usize] as usize);
            n_cd[ca * c + cb] += k;
            left[ca] += k;
            right[cb] += k;
        }
    }
    let mut n_dc = vec![0u64; c * c];
    for a in 0..c {
        for b in 0..c {
            n_dc[b * c + a] = n_cd[a * c + b];
        }
    }
    let out_count: Vec<u64> = g.succ.iter().map(|l| l.iter().map(|p| p.1).sum()).collect();
    let in_count: Vec<u64> = g.pred.iter().map(|l| l.iter().map(|p| p.1).sum()).collect();
    let objective = |n_cd: &[u64], left: &[u64], right: &[u64]| -> f64 {
        n_cd.iter().map(|&x| f.f(x)).sum::<f64>()
            - left.iter().map(|&x| f.f(x)).sum::<f64>()
            - right.iter().map(|&x| f.f(x)).sum::<f64>()
    };
    let mut o = vec![0u64; c]; // the item's bigrams into each class (item itself excluded)
    let mut i_ = vec![0u64; c]; // bigrams from each class into the item
    let mut touched_o: Vec<usize> = Vec::new();
    let mut touched_i: Vec<usize> = Vec::new();
    let mut gain = vec![0f64; c];
    for pass in 1..=iterations {
        let mut moved = 0usize;
        for w in 1..n {
            let a = class[w] as usize;
            let mut own = 0u64;
            for &(v, k) in &g.succ[w] {
                if v as usize == w {
                    own += k;
                    continue;
                }
                let d = class[v as usize] as usize;
                if o[d] == 0 {
                    touched_o.push(d);
                }
                o[d] += k;
            }
            for &(u, k) in &g.pred[w] {
                if u as usize == w {
                    continue;
                }
                let d = class[u as usize] as usize;
                if i_[d] == 0 {
                    touched_i.push(d);
                }
                i_[d] += k;
            }
            touched_o.sort_unstable();
            touched_i.sort_unstable();
            // Take the item out of its class.
            for &d in &touched_o {
                n_cd[a * c + d] -= o[d];
                n_dc[d * c + a] -= o[d];
            }
            for &d in &touched_i {
                n_cd[d * c + a] -= i_[d];
                n_dc[a * c + d] -= i_[d];
            }
            n_cd[a * c + a] -= own;
            n_dc[a * c + a] -= own;
            left[a] -= out_count[w];
            right[a] -= in_count[w];
            // The gain of putting it into each class k (k = 0 is never allowed).
            let work = (touched_o.len() + touched_i.len()) * c;
            let chunk = if work > 1 << 16 { 64 } else { c };
            let (n_cd_r, n_dc_r, left_r, right_r) = (&n_cd, &n_dc, &left, &right);
            let (o_r, i_r, to, ti) = (&o, &i_, &touched_o, &touched_i);
            let (ow, iw, fr) = (out_count[w], in_count[w], &f);
            gain.par_chunks_mut(chunk)
                .enumerate()
                .for_each(|(ci, out)| {
                    let k0 = ci * chunk;
                    for (j, g) in out.iter_mut().enumerate() {
                        let k = k0 + j;
                        *g = fr.f(left_r[k] + ow) - fr.f(left_r[k]) + fr.f(right_r[k] + iw)
                            - fr.f(right_r[k]);
                        *g = -*g;
                    }
                    for &d in to {
                        let col = &n_dc_r[d * c + k0..d * c + k0 + out.len()];
                        let x = o_r[d];
                        for (g, &m) in out.iter_mut().zip(col) {
                            *g += fr.f(m + x) - fr.f(m);
                        }
                    }
                    for &d in ti {
                        let row = &n_cd_r[d * c + k0..d * c + k0 + out.len()];
                        let x = i_r[d];
                        for (g, &m) in out.iter_mut().zip(row) {
                            *g += fr.f(m + x) - fr.f(m);
                        }
                    }
                });
            // The diagonal: N(k,k) gains o[k] + i[k] + own at once, not separately.
            for k in 1..c {
                let (ok, ik) = (o[k], i_[k]);
                if ok == 0 && ik == 0 && own == 0 {
                    continue;
                }
                let m = n_cd[k * c + k];
                gain[k] += f.f(m + ok + ik + own) - f.f(m);
                if ok > 0 {
                    gain[k] -= f.f(m + ok) - f.f(m);
                }
                if ik > 0 {
                    gain[k] -= f.f(m + ik) - f.f(m);
                }
            }
            let mut best = a;
            for k in 1..c {
                if gain[k] > gain[best] + 1e-9 {
                    best = k;
                }
            }
            // Put it into `best`.
            for &d in &touched_o {
                n_cd[best * c + d] += o[d];
                n_dc[d * c + best] += o[d];
                o[d] = 0;
            }
            for &d in &touched_i {
                n_cd[d * c + best] += i_[d];
                n_dc[best * c + d] += i_[d];
                i_[d] = 0;
            }
            n_cd[best * c + best] += own;
            n_dc[best * c + best] += own;
            left[best] += out_count[w];
            right[best] += in_count[w];
            touched_o.clear();
            touched_i.clear();
            if best != a {
                class[w] = best as u32;
                moved += 1;
            }
        }
        log(pass, objective(&n_cd, &left, &right), moved);
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences where days and cities are interchangeable, verbs likewise.
    fn toy() -> Vec<Vec<String>> {
        let days = ["Monday", "Tuesday", "Friday", "Sunday"];
        let cities = ["Moscow", "Paris", "Kyiv", "Berlin"];
        let verbs = ["met", "visited", "left", "toured"];
        let names = ["Putin", "Macron", "Scholz", "Biden"];
        let mut out = Vec::new();
        for i in 0..64usize {
            let s = format!(
                "{} {} {} on {} .",
                names[i % 4],
                verbs[(i / 4) % 4],
                cities[(i / 16) % 4],
                days[(i + i / 4) % 4]
            );
            out.push(s.split(' ').map(String::from).collect());
        }
        out
    }

    #[test]
    fn interchangeable_words_share_a_cluster_and_training_is_deterministic() {
        let opts = ClusterOptions {
            levels: [8, 6, 4, 2],
            min_count: 2,
            iterations: 10,
        };
        let data = toy();
        let a = Clusters::train(&data, opts, &mut |_| {});
        let b = Clusters::train(&data, opts, &mut |_| {});
        assert_eq!(a, b);
        let fine = |w: &str| a.get(w).expect("clustered")[0];
        assert_eq!(fine("Monday"), fine("Friday"));
        assert_eq!(fine("Moscow"), fine("Berlin"));
        assert_eq!(fine("met"), fine("toured"));
        assert_ne!(fine("Monday"), fine("Moscow"));
        assert_ne!(fine("met"), fine("Putin"));
        // Levels nest: the same fine class always has the same coarser classes.
        let p = a.get("Tuesday").unwrap();
        let q = a.get("Sunday").unwrap();
        assert_eq!(p, q);
        assert_eq!(a.get("nowhere"), None);
        // Lowercase fallback.
        assert_eq!(a.get("MONDAY"), None);
        assert_eq!(a.get("ON"), a.get("on"));
        // How words are written inside sentences.
        assert_eq!(a.case(lower_key("moscow")), case::CAPITALIZED);
        assert_eq!(a.case(lower_key("Met")), case::LOWER);
        assert_eq!(a.case(lower_key("Putin")), case::UNKNOWN); // always first
        let mut w = format::Writer::new(b"NGTESTCL", 1);
        a.write(&mut w);
        let bytes = w.finish();
        let mut r = format::Reader::open(&bytes, b"NGTESTCL", 1, "x").unwrap();
        let back = Clusters::read(&mut r).unwrap();
        r.end().unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn the_exchange_gain_matches_the_objective() {
        // Move every item to the class the algorithm picks and check J never drops.
        let data = toy();
        let mut pairs = Vec::new();
        let mut ids: FastMap<&str, u32> = FastMap::default();
        for s in &data {
            let mut prev = 0;
            for w in s {
                let n = ids.len() as u32 + 1;
                let id = *ids.entry(w.as_str()).or_insert(n);
                pairs.push((prev, id));
                prev = id;
            }
            pairs.push((prev, 0));
        }
        let g = Bigrams::from_pairs(ids.len() + 1, pairs);
        let init: Vec<u32> = (0..g.len())
            .map(|i| if i == 0 { 0 } else { 1 + (i as u32 - 1) % 4 })
            .collect();
        let mut js = Vec::new();
        exchange(&g, 5, init, 6, &mut |_, j, _| js.push(j));
        assert!(js.windows(2).all(|w| w[1] >= w[0] - 1e-6), "{js:?}");
    }
}
