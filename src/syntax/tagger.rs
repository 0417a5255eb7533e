//! The UPOS tagger: a greedy left-to-right averaged perceptron over the word, its affixes
//! and shape, its ambiguity class (the tags it took in training), its neighbours two
//! either side (their forms, and for the nearest their word clusters and ambiguity
//! classes), and the two tags already chosen; words seen often in training with one tag
//! almost always (the tag dictionary) take it directly.
//!
//! Reads [`Word`]s, writes one [`Upos`] per word. Tagging allocates nothing per word: a
//! word's features are hashed into a fixed array.

use super::words::{Word, NO_CLUSTER};
use crate::hash::FastMap;
use crate::learn::clusters::LEVELS;
use crate::learn::{format, FeatureHasher, Perceptron, Rng, SparseTable};
use crate::syntax::Upos;

/// Tag index used for "before the sentence".
const START: u64 = Upos::COUNT as u64;

/// Out-of-sentence neighbour.
const NONE: Word = Word {
    folded: 0x6e6f_6e65,
    cluster: [NO_CLUSTER - 1; LEVELS],
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
            dict_min_count: 10,
            dict_min_share: 0.99,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PosTagger {
    hasher: FeatureHasher,
    table: SparseTable,
    /// Exact-form hash -> tag, for frequent unambiguous words.
    dict: FastMap<u64, u8>,
    /// Lowercased-form hash -> the tags it took in training (bit per tag).
    ambiguity: FastMap<u64, u32>,
}

#[inline]
fn word(ws: &[Word], i: isize) -> &Word {
    if i < 0 {
        &NONE
    } else {
        ws.get(i as usize).unwrap_or(&NONE)
    }
}

/// The ambiguity class of each word of the sentence (0 for a word unknown in training),
/// looked up once per word.
#[inline]
fn amb(xs: &[u64], i: isize) -> u64 {
    if i < 0 {
        1 << 40
    } else {
        xs.get(i as usize).copied().unwrap_or(1 << 40)
    }
}

#[inline]
fn cl(w: &Word, level: usize) -> u64 {
    w.cluster[level] as u64 | (level as u64) << 16
}

/// How many [`features`] a word has: 21 single values, 17 pairs, one triple.
const FEATURES: usize = 39;

/// The features of word `i` given the previous two tags.
///
/// A lean set, as for the parser: the ambiguity class of the word is the strongest
/// single feature (a point of UPOS when dropped); longer affixes, exact forms of the
/// neighbours, how the word and the sentence are capitalized, and a second pass reading
/// the first pass's tags to the right each changed UPOS by less than 0.1 point on EWT dev
/// and were left out.
#[inline]
fn features(
    h: FeatureHasher,
    ws: &[Word],
    xs: &[u64],
    i: usize,
    p1: u64,
    p2: u64,
) -> [u32; FEATURES] {
    let mut out = [0u32; FEATURES];
    let i = i as isize;
    let w = word(ws, i);
    let (wm1, wm2, wp1, wp2) = (
        word(ws, i - 1),
        word(ws, i - 2),
        word(ws, i + 1),
        word(ws, i + 2),
    );
    let initial = (i == 0) as u64;
    let (a, am1, ap1) = (amb(xs, i), amb(xs, i - 1), amb(xs, i + 1));
    let singles: [u64; 21] = [
        0,
        w.lower,
        w.exact,
        w.shape,
        w.prefix[0],
        w.prefix[1],
        w.prefix[2],
        w.suffix[0],
        w.suffix[1],
        w.suffix[2],
        wm1.lower,
        wm2.lower,
        wp1.lower,
        wp2.lower,
        wm1.suffix[2],
        wp1.suffix[2],
        wp1.shape,
        wm1.shape,
        p1,
        a,
        ap1,
    ];
    for (k, v) in singles.into_iter().enumerate() {
        out[k] = h.f1(k as u64, v);
    }
    let pairs: [(u64, u64); 17] = [
        (w.flags as u64, initial),
        (p1, p2),
        (p1, w.lower),
        (p1, w.suffix[2]),
        (w.lower, wp1.lower),
        (wm1.lower, w.lower),
        (p1, wp1.lower),
        (w.shape, initial),
        (w.suffix[1], wp1.suffix[1]),
        (p2, wm2.lower),
        (a, ap1),
        (am1, a),
        (cl(w, 2), 0),
        (cl(wp1, 1), 0),
        (cl(wm1, 1), 0),
        (p1, a),
        (a, w.suffix[2]),
    ];
    for (k, (x, y)) in pairs.into_iter().enumerate() {
        out[21 + k] = h.f2(40 + k as u64, x, y);
    }
    out[38] = h.f3(60, p1, w.shape, wp1.shape);
    out
}

/// Scratch space reused across sentences.
#[derive(Debug, Default)]
pub struct TagScratch {
    amb: Vec<u64>,
}

fn fill_amb(ambiguity: &FastMap<u64, u32>, words: &[Word], out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        words
            .iter()
            .map(|w| ambiguity.get(&w.lower).copied().unwrap_or(0) as u64),
    );
}

/// What recognition says of a word, for the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameWord {
    #[default]
    None,
    /// A word of a name: "Russian" in "Russian Foreign Ministry" may stay an adjective.
    Name,
    /// A word of a person's name, a proper noun however the model reads it: "Short" in
    /// "Short attacks US", "Brown" after "Mr".
    Person,
}

impl PosTagger {
    /// Tags `words` into `out` (cleared first). Where `names[i]` is not
    /// [`NameWord::None`], word `i` is a word of a name: a proper noun when the model reads
    /// it as anything but a noun or an adjective, and a person's always (the words after it
    /// then read that tag before them); `names` may be shorter than `words` (empty: no
    /// names known).
    pub fn tag(
        &self,
        words: &[Word],
        names: &[NameWord],
        scratch: &mut TagScratch,
        out: &mut Vec<Upos>,
    ) {
        out.clear();
        fill_amb(&self.ambiguity, words, &mut scratch.amb);
        let (mut p1, mut p2) = (START, START);
        for i in 0..words.len() {
            let mut t = match self.dict.get(&words[i].exact) {
                Some(&t) => t as usize,
                None => {
                    let f = features(self.hasher, words, &scratch.amb, i, p1, p2);
                    let mut acc = [0i32; Upos::COUNT];
                    self.table.accumulate_fixed(&f, &mut acc);
                    argmax_i32(&acc)
                }
            };
            let nominal = [Upos::Propn, Upos::Noun, Upos::Adj].map(Upos::index);
            match names.get(i).copied().unwrap_or(NameWord::None) {
                NameWord::None => {}
                NameWord::Name if nominal.contains(&t) => {}
                NameWord::Name | NameWord::Person => t = Upos::Propn.index(),
            }
            let tag = Upos::from_index(t).unwrap_or(Upos::X);
            out.push(tag);
            (p2, p1) = (p1, t as u64);
        }
    }

    /// Whether `w` took `tag` in training (at least 5% of its occurrences).
    pub fn may_be(&self, w: &Word, tag: Upos) -> bool {
        self.ambiguity
            .get(&w.lower)
            .is_some_and(|m| m & 1 << tag.index() != 0)
    }

    /// Trains on sentences of (word, gold tag); deterministic for given options.
    pub fn train(sentences: &[Vec<(Word, Upos)>], opts: TaggerOptions) -> PosTagger {
        let hasher = FeatureHasher::new(opts.bits);
        let dict = tag_dictionary(sentences, opts);
        let ambiguity = ambiguity_classes(sentences);
        let mut amb = Vec::new();
        let mut model = Perceptron::new(opts.bits, Upos::COUNT);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng(opts.seed);
        let mut scores = vec![0f32; Upos::COUNT];
        let mut words = Vec::new();
        for _ in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sent = &sentences[s];
                words.clear();
                words.extend(sent.iter().map(|(w, _)| *w));
                fill_amb(&ambiguity, &words, &mut amb);
                let (mut p1, mut p2) = (START, START);
                for (i, (w, gold)) in sent.iter().enumerate() {
                    let gold = gold.index();
                    let guess = match dict.get(&w.exact) {
                        Some(&t) => t as usize,
                        None => {
                            let feats = features(hasher, &words, &amb, i, p1, p2);
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
            ambiguity,
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
        let mut amb: Vec<(u64, u32)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        w.varint(amb.len() as u64);
        for (k, v) in amb {
            w.u64(k);
            w.u32(v);
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
        dict.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u8()?;
            if v as usize >= Upos::COUNT {
                return Err(format!("bad tag {v} in the tag dictionary"));
            }
            dict.insert(k, v);
        }
        let n = r.count(12)?;
        let mut ambiguity = FastMap::default();
        ambiguity.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u32()?;
            if v >> Upos::COUNT != 0 {
                return Err(format!("bad ambiguity class {v:#x}"));
            }
            ambiguity.insert(k, v);
        }
        let table = r.table(Upos::COUNT, bits)?;
        Ok(PosTagger {
            hasher: FeatureHasher::new(bits),
            table,
            dict,
            ambiguity,
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

/// Lowercased form -> the tags it took at least 5% of the time, for words seen at least
/// twice (a word seen once says little about its other uses).
fn ambiguity_classes(sentences: &[Vec<(Word, Upos)>]) -> FastMap<u64, u32> {
    let mut counts: FastMap<u64, [u32; Upos::COUNT]> = FastMap::default();
    for (w, t) in sentences.iter().flatten() {
        counts.entry(w.lower).or_insert([0; Upos::COUNT])[t.index()] += 1;
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            if total < 2 {
                return None;
            }
            let mask = c
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n as f64 >= 0.05 * total as f64)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            Some((k, mask))
        })
        .collect()
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
