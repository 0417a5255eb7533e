//! The UPOS tagger: a greedy left-to-right averaged perceptron over the word, its affixes
//! and shape, its neighbours two either side, and the two tags already chosen; words seen
//! often in training with one tag almost always (the tag dictionary) take it directly.
//!
//! Reads [`Word`]s, writes one [`Upos`] per word. Tagging allocates nothing per word: the
//! caller's feature buffer is reused.

use super::words::{flag, Word};
use crate::hash::FastMap;
use crate::learn::{format, FeatureHasher, Perceptron, Rng, SparseTable};
use crate::syntax::Upos;

/// Tag index used for "before the sentence".
const START: u64 = Upos::COUNT as u64;

/// Out-of-sentence neighbour.
const NONE: Word = Word {
    lower: 0x6e6f_6e65,
    exact: 0x6e6f_6e65,
    shape: 0x6e6f_6e65,
    prefix: [1, 2, 3],
    suffix: [4, 5, 6, 7],
    flags: 0,
    len: 0,
};

/// Training options; the defaults are what `train-parser` uses.
#[derive(Debug, Clone, Copy)]
pub struct TaggerOptions {
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// A word joins the tag dictionary when seen at least this often ...
    pub dict_min_count: u32,
    /// ... with one tag at least this share of the time.
    pub dict_min_share: f64,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            bits: 20,
            epochs: 15,
            seed: 1,
            dict_min_count: 20,
            dict_min_share: 0.995,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PosTagger {
    hasher: FeatureHasher,
    table: SparseTable,
    /// Exact-form hash -> tag, for frequent unambiguous words.
    dict: FastMap<u64, u8>,
}

#[inline]
fn word(ws: &[Word], i: isize) -> &Word {
    if i < 0 {
        &NONE
    } else {
        ws.get(i as usize).unwrap_or(&NONE)
    }
}

/// The features of word `i` given the previous two tags.
fn features(h: FeatureHasher, ws: &[Word], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    let i = i as isize;
    let w = word(ws, i);
    let (wm1, wm2, wp1, wp2) = (
        word(ws, i - 1),
        word(ws, i - 2),
        word(ws, i + 1),
        word(ws, i + 2),
    );
    let initial = (i == 0) as u64;
    out.push(h.f1(0, 0));
    out.push(h.f1(1, w.lower));
    out.push(h.f1(2, w.exact));
    out.push(h.f1(3, w.shape));
    for k in 0..3 {
        out.push(h.f1(4 + k as u64, w.prefix[k]));
    }
    for k in 0..4 {
        out.push(h.f1(7 + k as u64, w.suffix[k]));
    }
    out.push(h.f2(11, w.flags as u64, initial));
    out.push(h.f1(12, wm1.lower));
    out.push(h.f1(13, wm2.lower));
    out.push(h.f1(14, wp1.lower));
    out.push(h.f1(15, wp2.lower));
    out.push(h.f1(16, wm1.suffix[2]));
    out.push(h.f1(17, wp1.suffix[2]));
    out.push(h.f1(18, wp1.shape));
    out.push(h.f1(19, wm1.shape));
    out.push(h.f1(20, p1));
    out.push(h.f2(21, p1, p2));
    out.push(h.f2(22, p1, w.lower));
    out.push(h.f2(23, p1, w.suffix[2]));
    out.push(h.f2(24, w.lower, wp1.lower));
    out.push(h.f2(25, wm1.lower, w.lower));
    out.push(h.f2(26, p1, wp1.lower));
    out.push(h.f2(27, w.shape, initial));
    out.push(h.f2(28, w.suffix[1], wp1.suffix[1]));
    out.push(h.f3(29, p1, w.shape, wp1.shape));
    out.push(h.f2(
        30,
        w.len.min(12) as u64,
        w.flags as u64 & flag::HAS_UPPER as u64,
    ));
    out.push(h.f2(31, wp1.lower, wp2.lower));
    out.push(h.f2(32, p2, wm2.lower));
}

/// Scratch space reused across sentences.
#[derive(Debug, Default)]
pub struct TagScratch {
    features: Vec<u32>,
    acc: Vec<i32>,
}

impl PosTagger {
    /// Tags `words` into `out` (cleared first).
    pub fn tag(&self, words: &[Word], scratch: &mut TagScratch, out: &mut Vec<Upos>) {
        out.clear();
        scratch.acc.resize(Upos::COUNT, 0);
        let (mut p1, mut p2) = (START, START);
        for i in 0..words.len() {
            let t = match self.dict.get(&words[i].exact) {
                Some(&t) => t as usize,
                None => {
                    features(self.hasher, words, i, p1, p2, &mut scratch.features);
                    scratch.acc.iter_mut().for_each(|a| *a = 0);
                    self.table.accumulate(&scratch.features, &mut scratch.acc);
                    argmax_i32(&scratch.acc)
                }
            };
            let tag = Upos::from_index(t).unwrap_or(Upos::X);
            out.push(tag);
            (p2, p1) = (p1, t as u64);
        }
    }

    /// Trains on sentences of (word, gold tag); deterministic for given options.
    pub fn train(sentences: &[Vec<(Word, Upos)>], opts: TaggerOptions) -> PosTagger {
        let hasher = FeatureHasher::new(opts.bits);
        let dict = tag_dictionary(sentences, opts);
        let mut model = Perceptron::new(opts.bits, Upos::COUNT);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng(opts.seed);
        let mut feats = Vec::new();
        let mut scores = vec![0f32; Upos::COUNT];
        let mut words = Vec::new();
        for _ in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sent = &sentences[s];
                words.clear();
                words.extend(sent.iter().map(|(w, _)| *w));
                let (mut p1, mut p2) = (START, START);
                for (i, (w, gold)) in sent.iter().enumerate() {
                    let gold = gold.index();
                    let guess = match dict.get(&w.exact) {
                        Some(&t) => t as usize,
                        None => {
                            features(hasher, &words, i, p1, p2, &mut feats);
                            model.score(&feats, &mut scores);
                            let guess = crate::learn::argmax(&scores);
                            if guess != gold {
                                model.update(&feats, gold, guess);
                            }
                            guess
                        }
                    };
                    model.tick();
                    (p2, p1) = (p1, guess as u64);
                }
            }
        }
        let (table, _) = model.averaged_table(0.0);
        PosTagger {
            hasher,
            table,
            dict,
        }
    }

    pub(super) fn write(&self, w: &mut format::Writer) {
        w.u32(self.hasher.bits());
        let mut dict: Vec<(u64, u8)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.varint(dict.len() as u64);
        for (k, v) in dict {
            w.u64(k);
            w.u8(v);
        }
        w.table(&self.table);
    }

    pub(super) fn read(r: &mut format::Reader) -> Result<PosTagger, String> {
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(format!("bad tagger size 2^{bits}"));
        }
        let n = r.count(9)?;
        let mut dict = FastMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u8()?;
            if v as usize >= Upos::COUNT {
                return Err(format!("bad tag {v} in the tag dictionary"));
            }
            dict.insert(k, v);
        }
        let table = r.table(Upos::COUNT, bits)?;
        Ok(PosTagger {
            hasher: FeatureHasher::new(bits),
            table,
            dict,
        })
    }

    /// Weight rows stored (for the provenance file).
    pub fn stored_rows(&self) -> usize {
        self.table.stored_len()
    }
}

fn tag_dictionary(sentences: &[Vec<(Word, Upos)>], opts: TaggerOptions) -> FastMap<u64, u8> {
    let mut counts: FastMap<u64, [u32; Upos::COUNT]> = FastMap::default();
    for (w, t) in sentences.iter().flatten() {
        counts.entry(w.exact).or_insert([0; Upos::COUNT])[t.index()] += 1;
    }
    let mut dict = FastMap::default();
    for (k, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &n) = c
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            .unwrap_or((0, &0));
        if total >= opts.dict_min_count && n as f64 >= opts.dict_min_share * total as f64 {
            dict.insert(k, best as u8);
        }
    }
    dict
}

/// Index of the largest score, the first on ties.
#[inline]
pub(super) fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = k;
        }
    }
    best
}
