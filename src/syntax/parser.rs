//! The dependency parser: transition-based and greedy (arc-hybrid, Kuhlmann et al. 2011),
//! trained as an averaged perceptron with the dynamic oracle of Goldberg & Nivre (2013), and
//! a labeller that gives each arc of the finished tree its UD relation.
//!
//! **Transitions.** The words are followed in the buffer by a ROOT node. SHIFT pushes the
//! buffer's first word; LEFT makes it the head of the stack's top, which is popped; RIGHT
//! makes the word under the top its head, and pops the top. LEFT onto ROOT is allowed only
//! when the stack holds one word, so every parse is a tree: one root, every word headed,
//! no cycles, whatever the weights (a property test checks it on arbitrary input).
//!
//! **Non-projective trees.** Arc-hybrid builds projective trees only. About 2% of EWT
//! training trees are not; before training, each crossing arc is lifted to its head's head
//! until the tree is projective (the lifted word keeps its label). At parse time such arcs
//! are then errors we accept: they are about 0.5% of EWT dev arcs.
//!
//! **Labels.** Choosing the label with the transition would score 2 x 58 classes at every
//! step; instead a second perceptron labels each word once the tree is done, when its
//! dependents, its head's dependents (an `aux:pass` sibling makes `nsubj:pass`) and the
//! label of its previous sibling are known.
//!
//! Parsing reuses the caller's [`ParseScratch`]: no allocation per word once it has grown
//! to the longest sentence.

use super::tagger::argmax_i32;
use super::words::Word;
use crate::learn::{format, FeatureHasher, Perceptron, Rng, SparseTable};
use crate::syntax::{DepRel, Upos};

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const MOVES: usize = 3;
const NIL: u32 = u32::MAX;

const TAG_NONE: u64 = Upos::COUNT as u64;
const TAG_ROOT: u64 = Upos::COUNT as u64 + 1;
const WORD_NONE: u64 = 0x0bad_cafe;
const WORD_ROOT: u64 = 0x00c0_ffee;

/// Training options; the defaults are what `train-parser` uses.
#[derive(Debug, Clone, Copy)]
pub struct ParserOptions {
    pub bits: u32,
    pub label_bits: u32,
    pub epochs: usize,
    pub label_epochs: usize,
    pub seed: u64,
    /// After the first epoch, follow the model's own (possibly wrong) move this often.
    pub explore: f64,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            bits: 21,
            label_bits: 19,
            epochs: 15,
            label_epochs: 10,
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
    labels: SparseTable,
}

/// Reused buffers of the parser.
#[derive(Debug, Default)]
pub struct ParseScratch {
    state: State,
    children: Children,
    features: Vec<u32>,
    acc: Vec<i32>,
}

/// A parser configuration over `n` words; index `n` is ROOT.
#[derive(Debug, Default)]
struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
    heads: Vec<u32>,
    /// Leftmost and second-leftmost dependents.
    lefts: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost dependents.
    rights: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    fn reset(&mut self, n: usize) {
        self.n = n;
        self.b = 0;
        self.stack.clear();
        self.heads.clear();
        self.heads.resize(n + 1, NIL);
        self.lefts.clear();
        self.lefts.resize(n + 1, [NIL; 2]);
        self.rights.clear();
        self.rights.resize(n + 1, [NIL; 2]);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NIL
        }
    }

    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    fn add_arc(&mut self, head: usize, dep: u32) {
        self.heads[dep as usize] = head as u32;
        if (dep as usize) < head {
            let l = &mut self.lefts[head];
            if l[0] == NIL || dep < l[0] {
                *l = [dep, l[0]];
            } else if l[1] == NIL || dep < l[1] {
                l[1] = dep;
            }
            self.nl[head] = self.nl[head].saturating_add(1);
        } else {
            let r = &mut self.rights[head];
            if r[0] == NIL || dep > r[0] {
                *r = [dep, r[0]];
            } else if r[1] == NIL || dep > r[1] {
                r[1] = dep;
            }
            self.nr[head] = self.nr[head].saturating_add(1);
        }
    }

    fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            LEFT => {
                let s0 = self.stack.pop().expect("valid LEFT");
                self.add_arc(self.b, s0);
            }
            _ => {
                let s0 = self.stack.pop().expect("valid RIGHT");
                let s1 = *self.stack.last().expect("valid RIGHT");
                self.add_arc(s1 as usize, s0);
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
        // SHIFT
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
        if s0 == NIL {
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

#[inline]
fn tok(words: &[Word], tags: &[Upos], n: usize, i: u32) -> (u64, u64) {
    if i == NIL {
        (WORD_NONE, TAG_NONE)
    } else if i as usize == n {
        (WORD_ROOT, TAG_ROOT)
    } else {
        (words[i as usize].lower, tags[i as usize].index() as u64)
    }
}

fn parse_features(h: FeatureHasher, st: &State, words: &[Word], tags: &[Upos], out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let t = |i: u32| tok(words, tags, n, i);
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b = st.b as u32;
    let n1 = if st.b < n { b + 1 } else { NIL };
    let n2 = if st.b + 1 < n { b + 2 } else { NIL };
    let kid = |x: u32, f: fn(&State, usize) -> u32| if x == NIL { NIL } else { f(st, x as usize) };
    let s0l = kid(s0, |s, i| s.lefts[i][0]);
    let s0l2 = kid(s0, |s, i| s.lefts[i][1]);
    let s0r = kid(s0, |s, i| s.rights[i][0]);
    let s0r2 = kid(s0, |s, i| s.rights[i][1]);
    let n0l = st.lefts[st.b][0];
    let n0l2 = st.lefts[st.b][1];
    let s1l = kid(s1, |s, i| s.lefts[i][0]);
    let s1r = kid(s1, |s, i| s.rights[i][0]);

    let (s0w, s0t) = t(s0);
    let (s1w, s1t) = t(s1);
    let (s2w, s2t) = t(s2);
    let (n0w, n0t) = t(b);
    let (n1w, n1t) = t(n1);
    let (n2w, n2t) = t(n2);
    let mut tpl = 0u64;
    let mut f1 = |out: &mut Vec<u32>, a: u64| {
        tpl += 1;
        out.push(h.f1(tpl, a));
    };
    for (w, tg) in [
        (s0w, s0t),
        (s1w, s1t),
        (s2w, s2t),
        (n0w, n0t),
        (n1w, n1t),
        (n2w, n2t),
    ] {
        f1(out, w);
        f1(out, tg);
        f1(out, w.wrapping_mul(31) ^ tg);
    }
    let kids = [s0l, s0l2, s0r, s0r2, n0l, n0l2, s1l, s1r];
    let mut kt = [0u64; 8];
    for (k, &x) in kids.iter().enumerate() {
        let (w, tg) = t(x);
        kt[k] = tg;
        f1(out, w);
        f1(out, tg);
    }
    let [s0lt, s0l2t, s0rt, s0r2t, n0lt, n0l2t, s1lt, s1rt] = kt;
    let dist = if s0 == NIL {
        0
    } else {
        (st.b - s0 as usize).min(6) as u64
    };
    let (vl0, vr0) = if s0 == NIL {
        (9, 9)
    } else {
        (st.nl[s0 as usize] as u64, st.nr[s0 as usize] as u64)
    };
    let vln = st.nl[st.b] as u64;
    let depth = st.stack.len().min(5) as u64;
    let at_root = (st.b == n) as u64;
    let pairs: [(u64, u64); 22] = [
        (s0w, n0w),
        (s0t, n0t),
        (n0t, n1t),
        (s1t, s0t),
        (s1w, s0w),
        (s0w ^ s0t.wrapping_mul(7), n0t),
        (s0t, n0w ^ n0t.wrapping_mul(7)),
        (s0w ^ s0t.wrapping_mul(7), n0w),
        (s0w, n0w ^ n0t.wrapping_mul(7)),
        (s0w, dist),
        (s0t, dist),
        (n0w, dist),
        (n0t, dist),
        (s0w, vr0),
        (s0t, vr0),
        (s0w, vl0),
        (s0t, vl0),
        (n0w, vln),
        (n0t, vln),
        (n0t, depth),
        (s0t, at_root),
        (s1t, depth),
    ];
    for (a, c) in pairs {
        tpl += 1;
        out.push(h.f2(tpl, a, c));
    }
    let triples: [(u64, u64, u64); 14] = [
        (n0t, n1t, n2t),
        (s0t, n0t, n1t),
        (s1t, s0t, n0t),
        (s0t, s0lt, n0t),
        (s0t, s0rt, n0t),
        (s0t, n0t, n0lt),
        (s0t, s0lt, s0l2t),
        (s0t, s0rt, s0r2t),
        (n0t, n0lt, n0l2t),
        (s1t, s1rt, s0t),
        (s1t, s1lt, s0t),
        (s0w, n0w, dist),
        (s0t, n0t, dist),
        (s2t, s1t, s0t),
    ];
    for (a, c, d) in triples {
        tpl += 1;
        out.push(h.f3(tpl, a, c, d));
    }
    tpl += 1;
    out.push(h.f4(tpl, s0w, s0t, n0w, n0t));
}

/// Each word's dependents, in order (compressed rows, rebuilt per sentence in place).
#[derive(Debug, Default)]
struct Children {
    start: Vec<u32>,
    list: Vec<u32>,
    fill: Vec<u32>,
}

impl Children {
    /// From internal heads (ROOT = n).
    fn build(&mut self, heads: &[u32]) {
        let n = heads.len();
        self.start.clear();
        self.start.resize(n + 2, 0);
        for &h in heads {
            self.start[h as usize + 1] += 1;
        }
        for i in 1..self.start.len() {
            self.start[i] += self.start[i - 1];
        }
        self.list.clear();
        self.list.resize(n, 0);
        self.fill.clear();
        self.fill.extend_from_slice(&self.start);
        for (d, &h) in heads.iter().enumerate() {
            self.list[self.fill[h as usize] as usize] = d as u32;
            self.fill[h as usize] += 1;
        }
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.list[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Features for labelling word `d` whose head is `hd` (neither is ROOT), in a finished tree.
#[allow(clippy::too_many_arguments)]
fn label_features(
    h: FeatureHasher,
    words: &[Word],
    tags: &[Upos],
    heads: &[u32],
    kids: &Children,
    prev_sibling_label: u64,
    d: usize,
    hd: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    let n = words.len();
    let tg = |i: usize| tags[i].index() as u64;
    let (wd, td) = (words[d].lower, tg(d));
    let (wh, th) = (words[hd].lower, tg(hd));
    let dir = (d < hd) as u64;
    let dist = (d.abs_diff(hd)).min(7) as u64;
    let tprev = if d > 0 { tg(d - 1) } else { TAG_NONE };
    let tnext = if d + 1 < n { tg(d + 1) } else { TAG_NONE };
    let hh = heads[hd] as usize;
    let tgp = if hh >= n { TAG_ROOT } else { tg(hh) };
    let mut tpl = 100u64;
    let mut f = |out: &mut Vec<u32>, a: u64, b: u64, c: u64| {
        tpl += 1;
        out.push(h.f3(tpl, a, b, c));
    };
    f(out, wd, 0, 0);
    f(out, td, 0, 0);
    f(out, wh, 0, 0);
    f(out, th, 0, 0);
    f(out, td, th, dir);
    f(out, td, th, dir ^ (dist << 1));
    f(out, wd, th, dir);
    f(out, td, wh, dir);
    f(out, wd, wh, 0);
    f(out, td, tprev, tnext);
    f(out, td, th, tgp);
    f(out, words[d].suffix[2], td, 0);
    f(out, prev_sibling_label, td, dir);
    f(out, prev_sibling_label, td, th);
    f(out, words[d].flags as u64, td, dir);
    f(out, words[hd].suffix[2], th, td);
    // The word's own dependents: function words among them ("of", "to", "that", "if"),
    // whether it has a subject-like left dependent, how many it has.
    let mut nominal_left = 0u64;
    let own = kids.of(d);
    for &c in own {
        let c = c as usize;
        match tags[c] {
            Upos::Aux | Upos::Part | Upos::Sconj | Upos::Adp => f(out, tg(c), words[c].lower, td),
            Upos::Noun | Upos::Pron | Upos::Propn if c < d => nominal_left = 1,
            _ => {}
        }
    }
    f(out, nominal_left, td, th);
    f(out, (own.len() as u64).min(4), td, 0);
    // The head's function-word dependents ("was" makes a passive), and how many of the
    // head's dependents lie between this word and the head.
    let mut between = 0u64;
    for &c in kids.of(hd) {
        let c = c as usize;
        if c == d {
            continue;
        }
        if matches!(tags[c], Upos::Aux | Upos::Part) {
            f(out, words[c].lower, td, dir);
        }
        if (c < d) == (d < hd) && c.abs_diff(hd) < d.abs_diff(hd) {
            between += 1;
        }
    }
    f(out, between.min(3), td, th ^ (dir << 8));
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

impl Parser {
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
        scratch.acc.clear();
        scratch.acc.resize(DepRel::COUNT.max(MOVES), 0);
        while !st.terminal() {
            parse_features(self.hasher, st, words, tags, &mut scratch.features);
            let acc = &mut scratch.acc[..MOVES];
            acc.iter_mut().for_each(|a| *a = 0);
            self.table.accumulate(&scratch.features, acc);
            let mut best = usize::MAX;
            for (m, &score) in acc.iter().enumerate() {
                if st.valid(m) && (best == usize::MAX || score > acc[best]) {
                    best = m;
                }
            }
            st.apply(best);
        }
        scratch.children.build(&st.heads[..n]);
        labels.clear();
        for d in 0..n {
            let hd = st.heads[d] as usize;
            if hd == n {
                labels.push(DepRel::Root);
                continue;
            }
            let prev = prev_sibling(&scratch.children, labels, hd, d);
            label_features(
                self.label_hasher,
                words,
                tags,
                &st.heads[..n],
                &scratch.children,
                prev,
                d,
                hd,
                &mut scratch.features,
            );
            let acc = &mut scratch.acc[..DepRel::COUNT];
            acc.iter_mut().for_each(|a| *a = 0);
            self.labels.accumulate(&scratch.features, acc);
            acc[DepRel::Root.index()] = i32::MIN;
            labels.push(DepRel::from_index(argmax_i32(acc)).unwrap_or(DepRel::Dep));
        }
        heads.clear();
        heads.extend(
            st.heads[..n]
                .iter()
                .map(|&h| if h as usize == n { 0 } else { h + 1 }),
        );
    }

    /// Trains the transition model (dynamic oracle) and the labeller; deterministic.
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
        let mut model = Perceptron::new(opts.bits, MOVES);
        let mut rng = Rng(opts.seed);
        let mut order: Vec<usize> = (0..trees.len()).collect();
        let mut st = State::default();
        let mut feats = Vec::new();
        let mut scores = [0f32; MOVES];
        let mut costs = [0usize; MOVES];
        for epoch in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let t = &trees[i];
                st.reset(t.words.len());
                while !st.terminal() {
                    parse_features(hasher, &st, &t.words, &t.tags, &mut feats);
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
                    st.apply(if follow { guess } else { best });
                }
            }
        }
        let (table, _) = model.averaged_table(0.0);

        let label_hasher = FeatureHasher::new(opts.label_bits);
        let mut lmodel = Perceptron::new(opts.label_bits, DepRel::COUNT);
        let mut children = Children::default();
        let mut lscores = vec![0f32; DepRel::COUNT];
        let mut labels: Vec<DepRel> = Vec::new();
        for _ in 0..opts.label_epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let t = &trees[i];
                let n = t.words.len();
                children.build(&t.heads);
                labels.clear();
                for d in 0..n {
                    let hd = t.heads[d] as usize;
                    if hd == n {
                        labels.push(DepRel::Root);
                        continue;
                    }
                    let prev = prev_sibling(&children, &labels, hd, d);
                    label_features(
                        label_hasher,
                        &t.words,
                        &t.tags,
                        &t.heads,
                        &children,
                        prev,
                        d,
                        hd,
                        &mut feats,
                    );
                    lmodel.score(&feats, &mut lscores);
                    lscores[DepRel::Root.index()] = f32::NEG_INFINITY;
                    let guess = crate::learn::argmax(&lscores);
                    let gold = t.labels[d].index();
                    if guess != gold && gold != DepRel::Root.index() {
                        lmodel.update(&feats, gold, guess);
                    }
                    lmodel.tick();
                    labels.push(DepRel::from_index(guess).unwrap_or(DepRel::Dep));
                }
            }
        }
        let (labels, _) = lmodel.averaged_table(0.0);
        Parser {
            hasher,
            table,
            label_hasher,
            labels,
        }
    }

    pub(super) fn write(&self, w: &mut format::Writer) {
        w.u32(self.hasher.bits());
        w.table(&self.table);
        w.u32(self.label_hasher.bits());
        w.table(&self.labels);
    }

    pub(super) fn read(r: &mut format::Reader) -> Result<Parser, String> {
        let bits = r.u32()?;
        let table = r.table(MOVES, 26)?;
        if table.bits() != bits {
            return Err("parser table size mismatch".into());
        }
        let label_bits = r.u32()?;
        let labels = r.table(DepRel::COUNT, 26)?;
        if labels.bits() != label_bits {
            return Err("labeller table size mismatch".into());
        }
        Ok(Parser {
            hasher: FeatureHasher::new(bits),
            table,
            label_hasher: FeatureHasher::new(label_bits),
            labels,
        })
    }

    /// Stored weight rows of the transition model and the labeller.
    pub fn stored_rows(&self) -> (usize, usize) {
        (self.table.stored_len(), self.labels.stored_len())
    }
}

/// The label of the nearest dependent of `hd` before `d` on the same side, or a marker.
fn prev_sibling(children: &Children, labels: &[DepRel], hd: usize, d: usize) -> u64 {
    let sib = children.of(hd);
    match sib.iter().position(|&c| c as usize == d) {
        Some(k) if k > 0 && ((sib[k - 1] as usize) < hd) == (d < hd) => labels
            .get(sib[k - 1] as usize)
            .map_or(200, |l| l.index() as u64),
        _ => 201,
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
            st.apply(m);
        }
        assert_eq!(st.heads[..6], gold[..]);
    }
}
