//! The dependency parser: transition-based and greedy (arc-hybrid, Kuhlmann et al. 2011),
//! trained as an averaged perceptron with the dynamic oracle of Goldberg & Nivre (2013),
//! labelling each arc as it is made.
//!
//! **Transitions.** The words are followed in the buffer by a ROOT node. SHIFT pushes the
//! buffer's first word; LEFT makes it the head of the stack's top, which is popped; RIGHT
//! makes the word under the top its head, and pops the top. LEFT onto ROOT is allowed only
//! when the stack holds one word, so every parse is a tree: one root, every word headed,
//! no cycles, whatever the weights (a property test checks it on arbitrary input).
//!
//! **Non-projective trees.** Arc-hybrid builds projective trees only. 288 of the 12,544
//! EWT training trees (2.3%) are not; before training, each crossing arc is lifted to its
//! head's head until the tree is projective (357 arcs, 0.17%; the lifted word keeps its
//! label), and the oracle follows the lifted tree. At parse time such arcs are errors we
//! accept: 36 of the 25,147 EWT dev arcs (0.14%) would need lifting, so at most that much
//! attachment score is lost to them.
//!
//! **Labels.** When LEFT or RIGHT makes an arc, a second perceptron gives it its UD
//! relation at once, from the dependent (finished: arc-hybrid attaches a word only once
//! all its dependents are attached), the head, the labels of their dependents so far (an
//! `aux:pass` under the head makes `nsubj:pass`) and the nearest sibling's label. The
//! labels then feed the transition features (Zhang & Nivre 2011): the labels of the
//! leftmost and rightmost dependents of the stack's top words and of the buffer's first
//! word, and the sets of labels each has. The labeller learns on the same oracle-driven
//! run as the transitions, from every arc whose head is the gold head.
//!
//! **Features.** Hashed conjunctions over the stack's three top words, the buffer's first
//! three, the two leftmost and rightmost dependents of the top two and of the buffer's
//! first word: their lowercased forms, predicted UPOS tags, word clusters (learned from
//! unlabeled text, [`crate::learn::clusters`]) and labels; distance, valency and the
//! punctuation between the stack's top and the buffer. Each word's values are computed
//! once per sentence, so a feature is a few multiplications; the features of one word
//! alone in one position (the stack's top, its leftmost dependent, ...) have their weights
//! summed once per word and position, not once per parser state. The set is lean: each
//! template costs a table probe per state, and twice as many (Zhang & Nivre's full list)
//! ran at under half the speed for about 0.3 points of attachment score on EWT dev.
//!
//! Parsing reuses the caller's [`ParseScratch`]: no allocation per word once it has grown
//! to the longest sentence.

use super::tagger::argmax_i32;
use super::words::Word;
use crate::learn::{format, FeatureHasher, PackedTable, Perceptron, Rng, SparseTable};
use crate::syntax::{DepRel, Upos};

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const MOVES: usize = 3;
/// The label of a word not attached yet (and of the padding positions).
const NO_LABEL: u8 = 255;

const TAG_NONE: u64 = Upos::COUNT as u64;
const TAG_ROOT: u64 = Upos::COUNT as u64 + 1;
const WORD_NONE: u64 = 0x0bad_cafe;
const WORD_ROOT: u64 = 0x00c0_ffee;

/// Training options; the defaults are what `train-parser` uses.
#[derive(Debug, Clone, Copy)]
pub struct ParserOptions {
    /// The transition model's table has `2^bits` rows.
    pub bits: u32,
    /// The labeller's table has `2^label_bits` rows.
    pub label_bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// After the first epoch, follow the model's own (possibly wrong) move this often.
    pub explore: f64,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            bits: 22,
            label_bits: 20,
            epochs: 15,
            seed: 1,
            explore: 0.9,
        }
    }
}

/// A training tree: words, (predicted) tags, gold heads (0 = root, else 1-based) and labels.
#[derive(Debug, Clone)]
pub struct TrainTree {
    pub words: Vec<Word>,
    pub tags: Vec<Upos>,
    pub heads: Vec<u32>,
    pub labels: Vec<DepRel>,
}

#[derive(Debug, Clone)]
pub struct Parser {
    hasher: FeatureHasher,
    table: SparseTable,
    label_hasher: FeatureHasher,
    labels: PackedTable,
    /// The weights of each role's tag feature ([`unigram_features`]) per tag value,
    /// summed once when the model is made ([`tag_scores`]).
    tag_scores: Vec<[i32; MOVES]>,
}

/// Reused buffers of the parser.
#[derive(Debug, Default)]
pub struct ParseScratch {
    state: State,
    toks: Toks,
    roles: RoleScores,
}

/// What the features read of each word, computed once per sentence. Index `n` is ROOT,
/// `n + 1` stands for "no word" (an empty stack slot, a missing dependent).
#[derive(Debug, Default)]
struct Toks {
    /// Lowercased form.
    w: Vec<u64>,
    /// Predicted UPOS.
    t: Vec<u64>,
    /// Form and tag together.
    wt: Vec<u64>,
    /// Word cluster (256 classes).
    c: Vec<u64>,
    /// Last three letters.
    suf: Vec<u64>,
    /// [`super::words::flag`] bits.
    flags: Vec<u64>,
    /// Punctuation words before each position.
    punct_before: Vec<u32>,
}

impl Toks {
    fn fill(&mut self, words: &[Word], tags: &[Upos]) {
        let n = words.len();
        for v in [
            &mut self.w,
            &mut self.t,
            &mut self.wt,
            &mut self.c,
            &mut self.suf,
            &mut self.flags,
        ] {
            v.clear();
        }
        self.punct_before.clear();
        let mut punct = 0u32;
        for (w, &t) in words.iter().zip(tags) {
            let t = t.index() as u64;
            self.w.push(w.lower);
            self.t.push(t);
            self.wt.push(w.lower.wrapping_mul(31) ^ t);
            self.c.push(w.cluster[1] as u64 | 1 << 16);
            self.suf.push(w.suffix[2]);
            self.flags.push(w.flags as u64);
            self.punct_before.push(punct);
            punct += (t == Upos::Punct.index() as u64) as u32;
        }
        for (w, t) in [(WORD_ROOT, TAG_ROOT), (WORD_NONE, TAG_NONE)] {
            self.w.push(w);
            self.t.push(t);
            self.wt.push(w.wrapping_mul(31) ^ t);
            self.c.push(w ^ 1);
            self.suf.push(w ^ 3);
            self.flags.push(1 << 8 | t);
            self.punct_before.push(punct);
        }
        debug_assert_eq!(self.w.len(), n + 2);
    }
}

/// A parser configuration over `n` words; index `n` is ROOT, `n + 1` ([`State::nil`]) is
/// "none".
#[derive(Debug, Default)]
struct State {
    n: usize,
    nil: u32,
    stack: Vec<u32>,
    b: usize,
    heads: Vec<u32>,
    label: Vec<u8>,
    /// Leftmost and second-leftmost dependents.
    lefts: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost dependents.
    rights: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// The labels of each word's left and right dependents (bit per label).
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn reset(&mut self, n: usize) {
        let nil = n as u32 + 1;
        self.n = n;
        self.nil = nil;
        self.b = 0;
        self.stack.clear();
        self.heads.clear();
        self.heads.resize(n + 2, nil);
        self.label.clear();
        self.label.resize(n + 2, NO_LABEL);
        self.lefts.clear();
        self.lefts.resize(n + 2, [nil; 2]);
        self.rights.clear();
        self.rights.resize(n + 2, [nil; 2]);
        self.nl.clear();
        self.nl.resize(n + 2, 0);
        self.nr.clear();
        self.nr.resize(n + 2, 0);
        self.lset.clear();
        self.lset.resize(n + 2, 0);
        self.rset.clear();
        self.rset.resize(n + 2, 0);
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    #[inline]
    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            self.nil
        }
    }

    /// The move to make when it is the only valid one: SHIFT on an empty stack, and once
    /// the buffer holds only ROOT, RIGHT while two or more words are on the stack, then
    /// LEFT onto ROOT.
    #[inline]
    fn forced(&self) -> Option<usize> {
        if self.stack.is_empty() {
            Some(SHIFT)
        } else if self.b == self.n {
            Some(if self.stack.len() == 1 { LEFT } else { RIGHT })
        } else {
            None
        }
    }

    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The (head, dependent) of arc move `m` (LEFT or RIGHT), which must be valid.
    fn arc(&self, m: usize) -> (usize, usize) {
        let s0 = self.s(0) as usize;
        if m == LEFT {
            (self.b, s0)
        } else {
            (self.s(1) as usize, s0)
        }
    }

    fn add_arc(&mut self, head: usize, dep: u32, label: u8) {
        self.heads[dep as usize] = head as u32;
        self.label[dep as usize] = label;
        let bit = 1u64 << (label & 63);
        let nil = self.nil;
        if (dep as usize) < head {
            let l = &mut self.lefts[head];
            if l[0] == nil || dep < l[0] {
                *l = [dep, l[0]];
            } else if l[1] == nil || dep < l[1] {
                l[1] = dep;
            }
            self.nl[head] = self.nl[head].saturating_add(1);
            self.lset[head] |= bit;
        } else {
            let r = &mut self.rights[head];
            if r[0] == nil || dep > r[0] {
                *r = [dep, r[0]];
            } else if r[1] == nil || dep > r[1] {
                r[1] = dep;
            }
            self.nr[head] = self.nr[head].saturating_add(1);
            self.rset[head] |= bit;
        }
    }

    /// Applies move `m`; an arc gets `label`.
    fn apply(&mut self, m: usize, label: u8) {
        match m {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            LEFT => {
                let s0 = self.stack.pop().expect("valid LEFT");
                self.add_arc(self.b, s0, label);
            }
            _ => {
                let s0 = self.stack.pop().expect("valid RIGHT");
                let s1 = *self.stack.last().expect("valid RIGHT");
                self.add_arc(s1 as usize, s0, label);
            }
        }
    }

    /// Gold arcs each move makes unreachable (0 for a move on an optimal path), given gold
    /// heads in internal numbering (ROOT = n).
    fn costs(&self, gold: &[u32], out: &mut [usize; MOVES]) {
        let n = self.n;
        let s0 = self.s(0);
        let b = self.b;
        let in_buffer_children = |x: u32| (b..n).filter(|&k| gold[k] == x).count();
        out[SHIFT] = if self.valid(SHIFT) {
            let kids = self
                .stack
                .iter()
                .filter(|&&k| gold[k as usize] == b as u32)
                .count();
            let head = self.stack.iter().any(|&k| k != s0 && gold[b] == k) as usize;
            kids + head
        } else {
            usize::MAX
        };
        if s0 == self.nil {
            out[LEFT] = usize::MAX;
            out[RIGHT] = usize::MAX;
            return;
        }
        let kids = in_buffer_children(s0);
        let h = gold[s0 as usize];
        out[LEFT] = if self.valid(LEFT) {
            let s1 = self.s(1);
            let lost_head = h as usize != b && (h == s1 || (h as usize > b && h as usize <= n));
            kids + lost_head as usize
        } else {
            usize::MAX
        };
        out[RIGHT] = if self.valid(RIGHT) {
            kids + (h as usize >= b && h as usize <= n) as usize
        } else {
            usize::MAX
        };
    }
}

/// The positions whose words the transition features read, in this order: the stack's
/// top three, the buffer's first three, then the two leftmost and rightmost dependents of
/// the stack's top, the two leftmost of the buffer's first, the leftmost and rightmost of
/// the stack's second.
const ROLES: usize = 14;
const S0: usize = 0;
const S1: usize = 1;
const S2: usize = 2;
const N0: usize = 3;
const N1: usize = 4;
const N2: usize = 5;
const S0L: usize = 6;
const S0L2: usize = 7;
const S0R: usize = 8;
const S0R2: usize = 9;
const N0L: usize = 10;
const N0L2: usize = 11;
const S1L: usize = 12;
const S1R: usize = 13;

/// The word in each role of state `st` (`st.nil` where there is none).
#[inline]
fn roles(st: &State) -> [usize; ROLES] {
    let n = st.n;
    let nil = st.nil as usize;
    let mut at = [nil; ROLES];
    at[S0] = st.s(0) as usize;
    at[S1] = st.s(1) as usize;
    at[S2] = st.s(2) as usize;
    at[N0] = st.b;
    if st.b < n {
        at[N1] = st.b + 1;
    }
    if st.b + 1 < n {
        at[N2] = st.b + 2;
    }
    let kids = |i: usize, of: &[[u32; 2]]| of[i].map(|k| k as usize);
    [at[S0L], at[S0L2]] = kids(at[S0], &st.lefts);
    [at[S0R], at[S0R2]] = kids(at[S0], &st.rights);
    [at[N0L], at[N0L2]] = kids(at[N0], &st.lefts);
    at[S1L] = st.lefts[at[S1]][0] as usize;
    at[S1R] = st.rights[at[S1]][0] as usize;
    at
}

/// The features of word `i` alone in role `role`: they depend on nothing else in the
/// state, so at parse time their weights are summed once per word and role
/// ([`RoleScores`]) instead of once per state.
#[inline]
fn unigram_features(h: FeatureHasher, role: usize, i: usize, tk: &Toks, out: &mut Vec<u32>) {
    out.push(tag_feature(h, role, tk.t[i]));
    word_features(h, role, i, tk, out);
}

/// The feature of tag value `t` in role `role`, one of the [`unigram_features`].
#[inline]
fn tag_feature(h: FeatureHasher, role: usize, t: u64) -> u32 {
    h.f1(1000 + 8 * role as u64 + 1, t)
}

/// The tag values: the UPOS tags, [`TAG_NONE`] and [`TAG_ROOT`].
const TAG_VALUES: usize = Upos::COUNT + 2;

/// The weights of [`tag_feature`] for each role and tag value (index `role * TAG_VALUES +
/// t`): they depend on the model alone.
fn tag_scores(h: FeatureHasher, table: &SparseTable) -> Vec<[i32; MOVES]> {
    let mut scores = Vec::with_capacity(ROLES * TAG_VALUES);
    for role in 0..ROLES {
        for t in 0..TAG_VALUES {
            let mut acc = [0i32; MOVES];
            table.accumulate_fixed(&[tag_feature(h, role, t as u64)], &mut acc);
            scores.push(acc);
        }
    }
    scores
}

/// The [`unigram_features`] of word `i` in role `role` other than its tag's.
#[inline]
fn word_features(h: FeatureHasher, role: usize, i: usize, tk: &Toks, out: &mut Vec<u32>) {
    let tpl = 1000 + 8 * role as u64;
    match role {
        S0 | S1 | N0 | N1 => {
            out.push(h.f1(tpl, tk.w[i]));
            out.push(h.f1(tpl + 2, tk.wt[i]));
            out.push(h.f1(tpl + 3, tk.c[i]));
        }
        N2 => out.push(h.f1(tpl + 2, tk.wt[i])),
        S2 | S0R2 | S1R => {}
        _ => out.push(h.f1(tpl, tk.w[i])),
    }
}

/// Per word and role, the summed weights of its [`unigram_features`].
#[derive(Debug, Default)]
struct RoleScores {
    scores: Vec<[i32; MOVES]>,
    features: Vec<u32>,
}

impl RoleScores {
    /// Sums the unigram weights of every word in every role: the tag's from `tags`
    /// ([`tag_scores`]), the word's own from `table`.
    fn fill(&mut self, h: FeatureHasher, table: &SparseTable, tags: &[[i32; MOVES]], tk: &Toks) {
        let len = tk.w.len();
        self.scores.clear();
        self.scores.reserve(len * ROLES);
        for i in 0..len {
            let t = tk.t[i] as usize;
            for role in 0..ROLES {
                self.features.clear();
                word_features(h, role, i, tk, &mut self.features);
                let mut acc = tags.get(role * TAG_VALUES + t).copied().unwrap_or_default();
                table.accumulate_fixed(&self.features, &mut acc);
                self.scores.push(acc);
            }
        }
    }

    /// The unigram part of a state's scores.
    #[inline]
    fn sum(&self, at: &[usize; ROLES], acc: &mut [i32; MOVES]) {
        for (role, &i) in at.iter().enumerate() {
            let s = &self.scores[i * ROLES + role];
            for k in 0..MOVES {
                acc[k] += s[k];
            }
        }
    }
}

/// The transition features of state `st` whose words are `at` ([`roles`]); the
/// [`unigram_features`] too when `unigrams` (training), not when they come from
/// [`RoleScores`] (parsing). Those kept each cost accuracy when dropped from a trained
/// model with the full set (EWT dev).
fn parse_features(
    h: FeatureHasher,
    st: &State,
    at: &[usize; ROLES],
    tk: &Toks,
    unigrams: bool,
    out: &mut Vec<u32>,
) {
    out.clear();
    if unigrams {
        for (role, &i) in at.iter().enumerate() {
            unigram_features(h, role, i, tk, out);
        }
    }
    out.extend_from_slice(&state_features(h, st, at, tk));
}

/// The [`parse_features`] other than the unigrams: 16 pairs, then 11 triples.
#[inline]
fn state_features(h: FeatureHasher, st: &State, at: &[usize; ROLES], tk: &Toks) -> [u32; 27] {
    let mut out = [0u32; 27];
    let nil = st.nil as usize;
    let [s0, s1, s2, b, n1, n2, s0l, _, _, _, n0l, n0l2, s1l, _] = *at;
    let (w, t, wt, c) = (&tk.w, &tk.t, &tk.wt, &tk.c);
    let (s0w, s0t, n0w, n0t) = (w[s0], t[s0], w[b], t[b]);
    let (s1w, s1t, s2t, n1t, n2t) = (w[s1], t[s1], t[s2], t[n1], t[n2]);
    let (s0lt, n0lt, s1lt) = (t[s0l], t[n0l], t[s1l]);
    let dist = if s0 == nil { 0 } else { (b - s0).min(6) as u64 };
    let vln = st.nl[b] as u64;
    let punct = if s0 == nil {
        9
    } else {
        (tk.punct_before[b] - tk.punct_before[s0 + 1]).min(3) as u64
    };
    let l = |i: usize| st.label[i] as u64;
    let pairs: [(u64, u64); 16] = [
        (n0t, n1t),
        (s1w, s0w),
        (wt[s0], n0w),
        (s0w, dist),
        (s0t, dist),
        (n0w, vln),
        (c[s0], c[b]),
        (c[b], n1t),
        (c[s0l], s0t),
        (c[n0l], n0t),
        (s0t, l(at[S0R])),
        (l(n0l), l(n0l2)),
        (s1t, l(s1l)),
        (s0w, st.lset[s0]),
        (n0w, st.lset[b]),
        (s0t, wt[b]),
    ];
    for (k, (x, y)) in pairs.into_iter().enumerate() {
        out[k] = h.f2(1 + k as u64, x, y);
    }
    let triples: [(u64, u64, u64); 11] = [
        (n0t, n1t, n2t),
        (s0t, n0t, n1t),
        (s0t, s0lt, n0t),
        (s0t, n0t, n0lt),
        (s1t, s1lt, s0t),
        (s2t, s1t, s0t),
        (s0t, n0t, l(n0l)),
        (s1t, st.rset[s1], s0t),
        (s0t, st.lset[s0], n0t),
        (s0t, n0t, punct),
        (s1t, n0t, s0t ^ (dist << 8)),
    ];
    for (k, (x, y, z)) in triples.into_iter().enumerate() {
        out[16 + k] = h.f3(40 + k as u64, x, y, z);
    }
    out
}

/// The features for labelling the arc `head -> dep` (head is not ROOT), in state `st`
/// just before the arc is added.
#[inline]
fn label_features(h: FeatureHasher, st: &State, tk: &Toks, head: usize, dep: usize) -> [u32; 16] {
    let mut out = [0u32; 16];
    let (w, t) = (&tk.w, &tk.t);
    let (wd, td, wh, th) = (w[dep], t[dep], w[head], t[head]);
    let dir = (dep < head) as u64;
    let dist = dep.abs_diff(head).min(7) as u64;
    // The nearest sibling on the same side, attached before this word.
    let sib = if dep < head {
        st.lefts[head][0]
    } else {
        st.rights[head][0]
    } as usize;
    let prev = st.label[sib] as u64;
    let dl = st.lefts[dep][0] as usize;
    let dr = st.rights[dep][0] as usize;
    let features: [(u64, u64, u64); 16] = [
        (wd, 0, 0),
        (td, 0, 0),
        (wh, 0, 0),
        (th, 0, 0),
        (td, th, dir),
        (td, th, dir ^ (dist << 1)),
        (tk.suf[dep], td, 0),
        (prev, td, dir),
        (tk.flags[dep], td, dir),
        (tk.suf[head], th, td),
        // The dependent's own dependents (all attached by now) and the head's so far.
        (st.lset[dep], td, 0),
        (st.rset[dep], td, 0),
        (st.lset[dep], td, th),
        (w[dl], td, th),
        (w[dr], td, 0),
        (st.lset[head], td, dir),
    ];
    for (k, (x, y, z)) in features.into_iter().enumerate() {
        out[k] = h.f3(300 + k as u64, x, y, z);
    }
    out
}

/// Index of the best valid move.
#[inline]
fn best_valid(st: &State, acc: &[i32; MOVES]) -> usize {
    let mut best = usize::MAX;
    for (m, &score) in acc.iter().enumerate() {
        if st.valid(m) && (best == usize::MAX || score > acc[best]) {
            best = m;
        }
    }
    best
}

/// Lifts crossing arcs to the head's head until the tree (internal heads, ROOT = n) is
/// projective. Returns how many arcs were lifted.
pub(super) fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len();
    let mut lifted = 0;
    loop {
        // The shortest non-projective arc first, so lifting one fixes the most.
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = heads[d] as usize;
            if h == n {
                continue;
            }
            let (lo, hi) = if d < h { (d, h) } else { (h, d) };
            let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k));
            if crossing && worst.is_none_or(|(_, len)| hi - lo < len) {
                worst = Some((d, hi - lo));
            }
        }
        let Some((d, _)) = worst else {
            return lifted;
        };
        heads[d] = heads[heads[d] as usize];
        lifted += 1;
    }
}

/// Whether `h` is an ancestor of `k` (internal heads, ROOT = n).
fn dominates(heads: &[u32], h: usize, mut k: usize) -> bool {
    let n = heads.len();
    for _ in 0..=n {
        if k == h {
            return true;
        }
        if k >= n {
            return false;
        }
        k = heads[k] as usize;
    }
    false
}

/// Rows of the labeller with at least this many non-zero weights are also kept whole
/// ([`PackedTable::densify`]).
const DENSE_LABEL_ROWS: usize = 16;

impl Parser {
    fn new(
        hasher: FeatureHasher,
        table: SparseTable,
        label_hasher: FeatureHasher,
        labels: PackedTable,
    ) -> Parser {
        let mut labels = labels;
        labels.densify(DENSE_LABEL_ROWS);
        Parser {
            tag_scores: tag_scores(hasher, &table),
            hasher,
            table,
            label_hasher,
            labels,
        }
    }

    /// Parses `words` tagged `tags`: `heads[i]` is 0 for the root, else the 1-based head;
    /// `labels[i]` the UD relation. Both cleared first.
    pub fn parse(
        &self,
        words: &[Word],
        tags: &[Upos],
        scratch: &mut ParseScratch,
        heads: &mut Vec<u32>,
        labels: &mut Vec<DepRel>,
    ) {
        let n = words.len();
        let st = &mut scratch.state;
        st.reset(n);
        scratch.toks.fill(words, tags);
        let tk = &scratch.toks;
        scratch
            .roles
            .fill(self.hasher, &self.table, &self.tag_scores, tk);
        while !st.terminal() {
            // A move that is the only valid one needs no scores.
            let m = match st.forced() {
                Some(m) => m,
                None => {
                    let at = roles(st);
                    let features = state_features(self.hasher, st, &at, tk);
                    let mut acc = [0i32; MOVES];
                    scratch.roles.sum(&at, &mut acc);
                    self.table.accumulate_fixed(&features, &mut acc);
                    best_valid(st, &acc)
                }
            };
            let label = if m == SHIFT {
                NO_LABEL
            } else {
                self.label(st, tk, m)
            };
            st.apply(m, label);
        }
        heads.clear();
        labels.clear();
        for d in 0..n {
            let h = st.heads[d] as usize;
            heads.push(if h == n { 0 } else { h as u32 + 1 });
            labels.push(DepRel::from_index(st.label[d] as usize).unwrap_or(DepRel::Dep));
        }
    }

    /// The label of the arc that move `m` would make.
    fn label(&self, st: &State, tk: &Toks, m: usize) -> u8 {
        let (head, dep) = st.arc(m);
        if head == st.n {
            return DepRel::Root.index() as u8;
        }
        let feats = label_features(self.label_hasher, st, tk, head, dep);
        // Room for 64 classes, so that a class index needs no bounds check.
        let mut acc = [0i32; 64];
        self.labels.accumulate(&feats, &mut acc);
        let acc = &mut acc[..DepRel::COUNT];
        acc[DepRel::Root.index()] = i32::MIN;
        argmax_i32(acc) as u8
    }

    /// Trains the transitions (dynamic oracle) and the labeller together; deterministic.
    pub fn train(trees: &[TrainTree], opts: ParserOptions) -> Parser {
        let trees: Vec<TrainTree> = trees
            .iter()
            .map(|t| {
                let n = t.words.len();
                let mut g = t.clone();
                for h in g.heads.iter_mut() {
                    *h = if *h == 0 { n as u32 } else { *h - 1 };
                }
                projectivize(&mut g.heads);
                g
            })
            .collect();
        let hasher = FeatureHasher::new(opts.bits);
        let label_hasher = FeatureHasher::new(opts.label_bits);
        let mut model = Perceptron::new(opts.bits, MOVES);
        let mut lmodel = Perceptron::new(opts.label_bits, DepRel::COUNT);
        let mut rng = Rng(opts.seed);
        let mut order: Vec<usize> = (0..trees.len()).collect();
        let mut st = State::default();
        let mut tk = Toks::default();
        let mut feats = Vec::new();
        let mut scores = [0f32; MOVES];
        let mut lscores = vec![0f32; DepRel::COUNT];
        let mut costs = [0usize; MOVES];
        for epoch in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let t = &trees[i];
                st.reset(t.words.len());
                tk.fill(&t.words, &t.tags);
                while !st.terminal() {
                    let at = roles(&st);
                    parse_features(hasher, &st, &at, &tk, true, &mut feats);
                    model.score(&feats, &mut scores);
                    st.costs(&t.heads, &mut costs);
                    let min_cost = *costs.iter().min().expect("three moves");
                    let pick = |ok: &dyn Fn(usize) -> bool| {
                        (0..MOVES)
                            .filter(|&m| ok(m))
                            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                    };
                    let guess = pick(&|m| costs[m] != usize::MAX).expect("a valid move");
                    let best = pick(&|m| costs[m] == min_cost).expect("a cheapest move");
                    if costs[guess] > min_cost {
                        model.update(&feats, best, guess);
                    }
                    model.tick();
                    let follow = epoch > 0 && rng.unit() < opts.explore;
                    let m = if follow { guess } else { best };
                    let mut label = NO_LABEL;
                    if m != SHIFT {
                        let (head, dep) = st.arc(m);
                        label = if head == st.n {
                            DepRel::Root.index() as u8
                        } else {
                            let lfeats = label_features(label_hasher, &st, &tk, head, dep);
                            lmodel.score(&lfeats, &mut lscores);
                            lscores[DepRel::Root.index()] = f32::NEG_INFINITY;
                            let guess = crate::learn::argmax(&lscores);
                            let gold = t.labels[dep].index();
                            if t.heads[dep] as usize == head
                                && guess != gold
                                && gold != DepRel::Root.index()
                            {
                                lmodel.update(&lfeats, gold, guess);
                            }
                            lmodel.tick();
                            guess as u8
                        };
                    }
                    st.apply(m, label);
                }
            }
        }
        let (table, _) = model.averaged_table(0.0);
        let labels = PackedTable::from_table(&lmodel.averaged_table(0.0).0);
        Parser::new(hasher, table, label_hasher, labels)
    }

    pub(super) fn write(&self, w: &mut format::Writer) {
        w.u32(self.hasher.bits());
        w.table(&self.table);
        w.u32(self.label_hasher.bits());
        w.packed_table(&self.labels);
    }

    pub(super) fn read(r: &mut format::Reader) -> Result<Parser, String> {
        let bits = r.u32()?;
        let table = r.table(MOVES, 26)?;
        if table.bits() != bits {
            return Err("parser table size mismatch".into());
        }
        let label_bits = r.u32()?;
        let labels = r.packed_table(DepRel::COUNT, 26)?;
        if labels.bits() != label_bits {
            return Err("labeller table size mismatch".into());
        }
        Ok(Parser::new(
            FeatureHasher::new(bits),
            table,
            FeatureHasher::new(label_bits),
            labels,
        ))
    }

    /// Stored weight rows of the transition model and the labeller.
    pub fn stored_rows(&self) -> (usize, usize) {
        (self.table.stored_len(), self.labels.stored_len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_a_crossing_tree_projective() {
        // 0 -> 2, 1 -> 3 cross; ROOT = 4 heads 3... build: heads: 0:2, 1:3, 2:4(root), 3:2
        let mut heads = vec![2, 3, 4, 2];
        assert!(projectivize(&mut heads) >= 1);
        for d in 0..4 {
            let h = heads[d] as usize;
            if h == 4 {
                continue;
            }
            let (lo, hi) = if d < h { (d, h) } else { (h, d) };
            assert!((lo + 1..hi).all(|k| dominates(&heads, h, k)), "{heads:?}");
        }
        let mut proj = vec![1, 3, 1];
        assert_eq!(projectivize(&mut proj), 0);
    }

    #[test]
    fn role_scores_add_up_to_the_unigram_features() {
        let bits = 12;
        let h = FeatureHasher::new(bits);
        let mut rng = Rng(3);
        let dense: Vec<i16> = (0..(1 << bits) * MOVES)
            .map(|_| rng.below(200) as i16 - 100)
            .collect();
        let table = SparseTable::from_dense(bits, MOVES, &dense);
        let forms = ["Russia", "and", "Ukraine", "met", "in", "Istanbul", "."];
        let words: Vec<Word> = forms.iter().map(|f| Word::new(f)).collect();
        let tags = [
            Upos::Propn,
            Upos::Cconj,
            Upos::Propn,
            Upos::Verb,
            Upos::Adp,
            Upos::Propn,
            Upos::Punct,
        ];
        let mut tk = Toks::default();
        tk.fill(&words, &tags);
        let mut rs = RoleScores::default();
        rs.fill(h, &table, &tag_scores(h, &table), &tk);
        let mut st = State::default();
        st.reset(words.len());
        let (mut all, mut dynamic) = (Vec::new(), Vec::new());
        let moves = [SHIFT, SHIFT, LEFT, SHIFT, RIGHT, SHIFT, LEFT, SHIFT, SHIFT];
        for (k, &m) in moves.iter().enumerate() {
            let at = roles(&st);
            parse_features(h, &st, &at, &tk, true, &mut all);
            parse_features(h, &st, &at, &tk, false, &mut dynamic);
            let mut want = [0i32; MOVES];
            table.accumulate_fixed(&all, &mut want);
            let mut got = [0i32; MOVES];
            rs.sum(&at, &mut got);
            table.accumulate_fixed(&dynamic, &mut got);
            assert_eq!(got, want, "state {k}");
            assert!(st.valid(m));
            st.apply(m, k as u8);
        }
    }

    #[test]
    fn a_forced_move_is_the_only_valid_one() {
        let mut rng = Rng(5);
        for n in 0..8 {
            for _ in 0..20 {
                let mut st = State::default();
                st.reset(n);
                while !st.terminal() {
                    let valid: Vec<usize> = (0..MOVES).filter(|&m| st.valid(m)).collect();
                    match st.forced() {
                        Some(m) => assert_eq!(valid, [m]),
                        None => assert!(valid.len() > 1),
                    }
                    st.apply(valid[rng.below(valid.len())], 0);
                }
            }
        }
    }

    #[test]
    fn the_oracle_finds_a_zero_cost_path_to_the_gold_tree() {
        // "Russia and Ukraine met in Istanbul": heads in internal numbering, ROOT = 6.
        let gold = vec![3, 2, 0, 6, 5, 3];
        let mut st = State::default();
        st.reset(gold.len());
        let mut costs = [0; MOVES];
        while !st.terminal() {
            st.costs(&gold, &mut costs);
            let m = (0..MOVES)
                .find(|&m| costs[m] == 0)
                .expect("a zero-cost move");
            st.apply(m, 0);
        }
        assert_eq!(st.heads[..6], gold[..]);
    }
}
