//! Feature extraction for the tagger: per-token facts (hashes of the word, its lowercase,
//! shape, prefixes and suffixes; gazetteer flags; word statistics from the training
//! split; what the other occurrences of a word in the same document show) and the hashed
//! feature templates built from them.
//!
//! Every feature is a 64-bit hash of a template id and its values, reduced to a bucket
//! of the weight table. Strings are hashed on the fly (no allocation per token), so the
//! same word always gives the same buckets on every platform.

use crate::learn::clusters::{self, Clusters, LEVELS};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Bumped whenever a template changes, so an old model file is refused, not misread.
pub(crate) const FEATURE_VERSION: u32 = 7;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

pub(crate) use crate::learn::mix;

#[inline]
fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// Typographic variants read as the ASCII the training data uses (CoNLL text has
/// straight quotes and hyphens; news pages have curly quotes and dashes).
#[inline]
fn normalize(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{00a0}' => ' ',
        c => c,
    }
}

fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

/// Hash of a string's lowercase form, the key of the word-statistics table.
pub(crate) fn lower_key(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in word.chars().map(normalize) {
        if c.is_ascii() {
            h = fnv_byte(h, c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                h = fnv_char(h, l);
            }
        }
    }
    mix(h)
}

/// A `HashMap` hasher for keys that are already good 64-bit hashes.
#[derive(Default)]
pub(crate) struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_byte(self.0, b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

/// Packed statistics of one lowercase word in the training split:
/// bits 0-2 capitalization class, bits 3-7 entity mask (PER, ORG, LOC, MISC, mostly-O),
/// bits 8-10 majority class (0 unseen, 1 O, 2 PER, 3 ORG, 4 LOC, 5 MISC).
pub(crate) type WordStat = u16;

/// Raw counts for one lowercase word, summed over training sentences.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordCounts {
    /// Occurrences not first in their sentence, in sentences that are not all capitals,
    /// starting with an uppercase letter / a lowercase letter.
    pub capitalized: u32,
    pub lowercase: u32,
    /// Occurrences inside a gold PER, ORG, LOC, MISC span, and outside any span.
    pub in_type: [u32; 4],
    pub outside: u32,
}

impl WordCounts {
    pub fn add(&mut self, o: &WordCounts) {
        self.capitalized += o.capitalized;
        self.lowercase += o.lowercase;
        for k in 0..4 {
            self.in_type[k] += o.in_type[k];
        }
        self.outside += o.outside;
    }
    pub fn sub(&mut self, o: &WordCounts) {
        self.capitalized -= o.capitalized;
        self.lowercase -= o.lowercase;
        for k in 0..4 {
            self.in_type[k] -= o.in_type[k];
        }
        self.outside -= o.outside;
    }
    pub fn is_empty(&self) -> bool {
        self.capitalized == 0
            && self.lowercase == 0
            && self.outside == 0
            && self.in_type.iter().all(|&c| c == 0)
    }
    pub fn pack(&self) -> WordStat {
        let (c, l) = (self.capitalized as f32, self.lowercase as f32);
        let cap_class: u16 = if c + l == 0.0 {
            0
        } else if c == 0.0 {
            1
        } else if l == 0.0 {
            5
        } else if c / (c + l) < 0.3 {
            2
        } else if c / (c + l) > 0.7 {
            4
        } else {
            3
        };
        let in_entity: u32 = self.in_type.iter().sum();
        let mut mask: u16 = 0;
        for k in 0..4 {
            if self.in_type[k] > 0 {
                mask |= 1 << k;
            }
        }
        if self.outside > in_entity {
            mask |= 1 << 4;
        }
        let total = in_entity + self.outside;
        let majority: u16 = if total == 0 {
            0
        } else if self.outside >= in_entity {
            1
        } else {
            let best = (0..4)
                .max_by_key(|&k| (self.in_type[k], 3 - k))
                .unwrap_or(0);
            2 + best as u16
        };
        cap_class | (mask << 3) | (majority << 8)
    }
}

fn cap_class(s: WordStat) -> u64 {
    (s & 7) as u64
}
fn ent_mask(s: WordStat) -> u64 {
    ((s >> 3) & 31) as u64
}
fn majority(s: WordStat) -> u64 {
    ((s >> 8) & 7) as u64
}

/// What the templates need to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    word: u64,
    pub lower: u64,
    pub shape: u64,
    short_shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    n_affix: usize,
    n_chars: usize,
    pub stat: WordStat,
    gaz: u8,
    capitalized: bool,
    /// Contains a lowercase letter; contains an uppercase letter.
    has_lower: bool,
    has_upper: bool,
    /// Every letter is Latin (the script of the training data).
    latin: bool,
    /// The word's class at each level of the word clusters (finest first), or
    /// [`NO_CLUSTER`]; and how the word is written inside sentences in the clusters'
    /// unlabeled text ([`clusters::case`]).
    cluster: [u16; LEVELS],
    case: u8,
}

/// The cluster of a word the clusters do not know (and of padding, `NO_CLUSTER - 1`).
const NO_CLUSTER: u16 = u16::MAX;

const PAD_BEFORE: u64 = 0x5eed_0000_0000_0001;
const PAD_AFTER: u64 = 0x5eed_0000_0000_0002;

impl TokenInfo {
    pub fn new(word: &str, gaz: u8, stats: &KeyMap<WordStat>, cl: &Clusters) -> TokenInfo {
        let mut word_h = FNV_OFFSET;
        let mut lower_h = FNV_OFFSET;
        let mut shape_h = FNV_OFFSET;
        let mut short_h = FNV_OFFSET;
        let mut prefix = [0u64; 4];
        let mut n_chars = 0usize;
        let mut last_class = '\0';
        let mut run = 0usize;
        let (mut has_lower, mut has_upper) = (false, false);
        let mut latin = true;
        let mut first_upper = false;
        for c in word.chars().map(normalize) {
            word_h = fnv_char(word_h, c);
            if c.is_ascii() {
                lower_h = fnv_byte(lower_h, c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    lower_h = fnv_char(lower_h, l);
                }
            }
            if n_chars < 4 {
                prefix[n_chars] = lower_h;
            }
            // Latin-1 and Latin Extended-A and -B end at U+024F.
            latin &= !c.is_alphabetic() || (c as u32) < 0x250;
            let class = if c.is_uppercase() {
                has_upper = true;
                'X'
            } else if c.is_lowercase() {
                has_lower = true;
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            };
            if n_chars == 0 {
                first_upper = class == 'X';
            }
            if class == last_class {
                run += 1;
            } else {
                run = 1;
                short_h = fnv_char(short_h, class);
                last_class = class;
            }
            if run <= 4 {
                shape_h = fnv_char(shape_h, class);
            }
            n_chars += 1;
        }
        let mut suffix = [0u64; 4];
        let mut h = FNV_OFFSET;
        for (k, c) in word.chars().rev().map(normalize).take(4).enumerate() {
            if c.is_ascii() {
                h = fnv_byte(h, c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    h = fnv_char(h, l);
                }
            }
            suffix[k] = h;
        }
        let lower = mix(lower_h);
        let (mut cluster, mut case) = ([NO_CLUSTER; LEVELS], clusters::case::UNKNOWN);
        if !cl.is_empty() {
            let lk = clusters::lower_key(word);
            if let Some(p) = cl.get_keys(clusters::form_key(word), lk) {
                cluster = p;
            }
            case = cl.case(lk);
        }
        TokenInfo {
            word: mix(word_h),
            lower,
            shape: mix(shape_h),
            short_shape: mix(short_h),
            prefix,
            suffix,
            n_affix: n_chars.min(4),
            n_chars,
            stat: stats.get(&lower).copied().unwrap_or(0),
            gaz,
            capitalized: first_upper,
            has_lower,
            has_upper,
            latin,
            cluster,
            case,
        }
    }

    /// The same word with other gazetteer flags.
    pub fn with_gaz(self, gaz: u8) -> TokenInfo {
        TokenInfo { gaz, ..self }
    }

    /// Capitalized with a lowercase letter too ("Kent", not "KENT" or "kent").
    fn in_name(&self) -> bool {
        self.capitalized && self.has_lower
    }

    fn pad(before: bool) -> TokenInfo {
        let v = if before { PAD_BEFORE } else { PAD_AFTER };
        TokenInfo {
            word: v,
            lower: v,
            shape: v,
            short_shape: v,
            cluster: [NO_CLUSTER - 1; LEVELS],
            ..TokenInfo::default()
        }
    }
}

/// The token facts of one sentence, plus sentence-level facts.
pub(crate) struct SentenceInfo {
    pub tokens: Vec<TokenInfo>,
    /// Every token with a letter is in capitals (CoNLL headlines and datelines).
    pub all_caps: bool,
    /// Per Latin-script token with a capital letter: what the other occurrences of the
    /// same word in the document show ([`add_document_context`]); empty before it.
    pub elsewhere: Vec<Vec<u64>>,
    /// Per token, the summed weights of its word features and of its neighbours'
    /// features ([`Hashing::split_features`]), when the tagger keeps them per word type;
    /// empty otherwise.
    pub word_scores: Vec<[i32; super::NUM_TAGS]>,
}

impl SentenceInfo {
    pub fn new(
        words: &[&str],
        flags: &[u8],
        stats: &KeyMap<WordStat>,
        cl: &Clusters,
    ) -> SentenceInfo {
        let tokens: Vec<TokenInfo> = words
            .iter()
            .enumerate()
            .map(|(i, w)| TokenInfo::new(w, flags.get(i).copied().unwrap_or(0), stats, cl))
            .collect();
        SentenceInfo::from_tokens(tokens)
    }

    /// The sentence of these tokens.
    pub fn from_tokens(tokens: Vec<TokenInfo>) -> SentenceInfo {
        let all_caps = tokens.iter().any(|t| t.has_upper) && !tokens.iter().any(|t| t.has_lower);
        SentenceInfo {
            tokens,
            all_caps,
            elsewhere: Vec::new(),
            word_scores: Vec::new(),
        }
    }

    /// Which of the four versions of token `i`'s word features applies
    /// ([`Hashing::split_features`]): they also read whether the sentence is in capitals
    /// and whether the token is its first.
    pub fn word_variant(&self, i: usize) -> usize {
        (self.all_caps as usize) << 1 | (i == 0) as usize
    }

    /// The facts one occurrence of token `i` lends the other occurrences of its word in
    /// the document: its neighbours (words within two, clusters, what the training split
    /// says of the next and previous word) and how it is written there. Each value is
    /// hashed with its kind.
    fn occurrence_facts(&self, i: usize, out: &mut Vec<u64>) {
        let ii = i as isize;
        let t = self.tokens[i];
        let (m1, p1) = (self.at(ii - 1), self.at(ii + 1));
        let kind = |k: u64, v: u64| mix(v ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        out.push(kind(1, m1.lower));
        out.push(kind(2, p1.lower));
        let written = if self.all_caps {
            3
        } else if i == 0 {
            2 + 4 * t.has_upper as u64
        } else if t.capitalized {
            1
        } else {
            0
        };
        out.push(kind(3, written));
        // Only what the model can know: not the cluster of a word the clusters lack, nor
        // the statistics of a word the training split lacks.
        if m1.cluster[2] != NO_CLUSTER {
            out.push(kind(4, u64::from(m1.cluster[2])));
        }
        if p1.cluster[2] != NO_CLUSTER {
            out.push(kind(5, u64::from(p1.cluster[2])));
        }
        let (m2, p2) = (self.at(ii - 2), self.at(ii + 2));
        out.push(kind(7, m2.lower));
        out.push(kind(8, p2.lower));
        if m1.stat != 0 || p1.stat != 0 {
            out.push(kind(9, majority(m1.stat) | majority(p1.stat) << 8));
        }
    }
}

/// Fills [`SentenceInfo::elsewhere`] for the sentences of one document: for each
/// Latin-script token with a capital letter, the facts of every other occurrence of its lowercase form
/// (context aggregation, after Ratinov and Roth 2009), deduplicated, plus how many
/// other occurrences there are. Looks at the first [`MAX_OCCURRENCES`] occurrences.
pub(crate) fn add_document_context(doc: &mut [SentenceInfo]) {
    let mut wanted: KeyMap<()> = KeyMap::default();
    for s in doc.iter() {
        for t in &s.tokens {
            if t.has_upper && t.latin {
                wanted.insert(t.lower, ());
            }
        }
    }
    // Per lowercase form: where it occurs, and its facts.
    let mut occurrences: KeyMap<Vec<Occurrence>> = KeyMap::default();
    for (si, s) in doc.iter().enumerate() {
        for (i, t) in s.tokens.iter().enumerate() {
            if wanted.contains_key(&t.lower) {
                let list = occurrences.entry(t.lower).or_default();
                if list.len() < MAX_OCCURRENCES {
                    // (At most eight facts: no growing.)
                    let mut facts = Vec::with_capacity(8);
                    s.occurrence_facts(i, &mut facts);
                    list.push(Occurrence {
                        at: (si, i),
                        word: t.word,
                        in_capitals: s.all_caps,
                        facts,
                    });
                }
            }
        }
    }
    for (si, s) in doc.iter_mut().enumerate() {
        let mut elsewhere = vec![Vec::new(); s.tokens.len()];
        for (i, t) in s.tokens.iter().enumerate() {
            // Words in other scripts stay as in a sentence alone: the model learned
            // from Latin text only, and their other occurrences (say, a Cyrillic name
            // met twice) show it nothing it knows but how often they repeat.
            if !t.has_upper || !t.latin {
                continue;
            }
            // A word in capitals inside ordinary text ("US", "WHO") is not the
            // lowercase word it spells ("us", "who"): it reads only occurrences written
            // the same way, or in all-capitals sentences.
            let acronym = !s.all_caps && !t.has_lower && t.n_chars >= 2;
            let others = occurrences.get(&t.lower).map_or(&[][..], |l| &l[..]);
            let room = others.iter().map(|o| o.facts.len()).sum::<usize>() + 1;
            let mut set: Vec<u64> = Vec::with_capacity(room);
            let mut count = 0u64;
            for o in others {
                if o.at != (si, i) && (!acronym || o.word == t.word || o.in_capitals) {
                    set.extend_from_slice(&o.facts);
                    count += 1;
                }
            }
            set.sort_unstable();
            set.dedup();
            set.push(mix(count.min(3) ^ 0xc0c0_c0c0));
            elsewhere[i] = set;
        }
        s.elsewhere = elsewhere;
    }
}

/// One occurrence of a word in a document, for [`add_document_context`].
struct Occurrence {
    /// Sentence and token index.
    at: (usize, usize),
    /// The hash of the word as written.
    word: u64,
    /// The sentence is in capitals.
    in_capitals: bool,
    facts: Vec<u64>,
}

/// Occurrences of one word a document's context reads (the first ones). Few: a word
/// repeated through a long article gathers many contexts, and with 16 "US" in BBC business
/// stories leaned to ORG (BBC dev country mentions 338 -> 314 found); with 4, CoNLL dev
/// was as good (PER/ORG/LOC F1 0.9457 against 0.9450, measured while these features were
/// being chosen).
const MAX_OCCURRENCES: usize = 4;

impl SentenceInfo {
    fn at(&self, i: isize) -> TokenInfo {
        if i < 0 {
            TokenInfo::pad(true)
        } else if i as usize >= self.tokens.len() {
            TokenInfo::pad(false)
        } else {
            self.tokens[i as usize]
        }
    }
}

/// Whether every word with a letter is in capitals and at least one has a letter
/// (CoNLL headlines and datelines: "BRUSSELS 1996-08-22").
pub(crate) fn all_caps(words: &[&str]) -> bool {
    let mut any_upper = false;
    for w in words {
        for c in w.chars() {
            if c.is_lowercase() {
                return false;
            }
            any_upper |= c.is_uppercase();
        }
    }
    any_upper
}

/// The key of a word type's cached dynamic scores: everything
/// [`Hashing::dynamic_features`] reads of the token (lowercased form, short shape, the
/// majority tag of its statistics, its two cluster levels).
pub(crate) type DynamicKey = (u64, u64, u64, u64);

/// Where [`Hashing::static_parts`] puts each static feature: the word features (see
/// [`Hashing::word_features`]) and the others. A part that is not wanted is not computed.
trait Sink {
    fn word(&mut self, f: impl FnOnce() -> u32);
    fn context(&mut self, f: impl FnOnce() -> u32);
    /// A feature that reads only one neighbour, in role `n`.
    fn neighbor(&mut self, n: Neighbor, f: impl FnOnce() -> u32);
}

/// A neighbour whose word alone some static features read: the word before, after, two
/// before, two after ([`Hashing::split_features`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Neighbor {
    M1,
    P1,
    M2,
    P2,
}

impl Neighbor {
    pub const ALL: [Neighbor; 4] = [Neighbor::M1, Neighbor::P1, Neighbor::M2, Neighbor::P2];

    /// Where the neighbour is, from the token.
    pub fn offset(self) -> isize {
        match self {
            Neighbor::M1 => -1,
            Neighbor::P1 => 1,
            Neighbor::M2 => -2,
            Neighbor::P2 => 2,
        }
    }
}

/// Every static feature.
struct All<'a>(&'a mut Vec<u32>);
/// The word features and the features of each neighbour role, each into its own list
/// when wanted (the others are not computed).
struct Split<'a> {
    want_word: bool,
    want: [bool; 4],
    word: &'a mut Vec<u32>,
    neighbors: &'a mut [Vec<u32>; 4],
}
/// The context features only.
struct ContextPart<'a>(&'a mut Vec<u32>);

impl Sink for All<'_> {
    #[inline(always)]
    fn word(&mut self, f: impl FnOnce() -> u32) {
        self.0.push(f());
    }
    #[inline(always)]
    fn context(&mut self, f: impl FnOnce() -> u32) {
        self.0.push(f());
    }
    #[inline(always)]
    fn neighbor(&mut self, _: Neighbor, f: impl FnOnce() -> u32) {
        self.0.push(f());
    }
}

impl Sink for Split<'_> {
    #[inline(always)]
    fn word(&mut self, f: impl FnOnce() -> u32) {
        if self.want_word {
            self.word.push(f());
        }
    }
    #[inline(always)]
    fn context(&mut self, _: impl FnOnce() -> u32) {}
    #[inline(always)]
    fn neighbor(&mut self, n: Neighbor, f: impl FnOnce() -> u32) {
        if self.want[n as usize] {
            self.neighbors[n as usize].push(f());
        }
    }
}

impl Sink for ContextPart<'_> {
    #[inline(always)]
    fn word(&mut self, _: impl FnOnce() -> u32) {}
    #[inline(always)]
    fn context(&mut self, f: impl FnOnce() -> u32) {
        self.0.push(f());
    }
    #[inline(always)]
    fn neighbor(&mut self, _: Neighbor, _: impl FnOnce() -> u32) {}
}

/// Turns feature hashes into weight-table buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hashing {
    shift: u32,
}

impl Hashing {
    pub fn new(bits: u32) -> Hashing {
        Hashing { shift: 64 - bits }
    }
    #[inline]
    fn bucket(&self, h: u64) -> u32 {
        (mix(h) >> self.shift) as u32
    }
    #[inline]
    fn f1(&self, template: u64, a: u64) -> u32 {
        self.bucket(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a)
    }
    #[inline]
    fn f2(&self, template: u64, a: u64, b: u64) -> u32 {
        self.bucket(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a) ^ b.rotate_left(23))
    }
    #[inline]
    fn f3(&self, template: u64, a: u64, b: u64, c: u64) -> u32 {
        self.bucket(
            mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a) ^ b.rotate_left(23))
                ^ c.rotate_left(41),
        )
    }

    /// Features of token `i` that do not depend on earlier decisions.
    pub fn static_features(&self, s: &SentenceInfo, i: usize, out: &mut Vec<u32>) {
        self.static_parts(s, i, &mut All(out));
    }

    /// The static features of token `i` that read only its word (the word type as
    /// written, and gazetteer-free), whether the sentence is in capitals and whether `i`
    /// is 0 ([`SentenceInfo::word_variant`]), into `word` when `want_word`; and those that
    /// read only its neighbour `n` (the word type as written, or the padding beyond the
    /// sentence), into `neighbors[n]` when `want[n]`. Their weights can be summed once per
    /// word type and variant or role.
    pub fn split_features(
        &self,
        s: &SentenceInfo,
        i: usize,
        (want_word, want): (bool, [bool; 4]),
        word: &mut Vec<u32>,
        neighbors: &mut [Vec<u32>; 4],
    ) {
        let mut sink = Split {
            want_word,
            want,
            word,
            neighbors,
        };
        self.static_parts(s, i, &mut sink);
    }

    /// The static features of token `i` that [`Hashing::split_features`] does not list.
    pub fn context_features(&self, s: &SentenceInfo, i: usize, out: &mut Vec<u32>) {
        self.static_parts(s, i, &mut ContextPart(out));
    }

    /// The static features, each handed to `out` as a word feature or a context feature
    /// (in the order [`Hashing::static_features`] lists them).
    #[inline(always)]
    fn static_parts(&self, s: &SentenceInfo, i: usize, out: &mut impl Sink) {
        let ii = i as isize;
        let t = s.tokens[i];
        let (m2, m1, p1, p2) = (s.at(ii - 2), s.at(ii - 1), s.at(ii + 1), s.at(ii + 2));
        let n = s.tokens.len();
        out.word(|| self.f1(1, 0));
        out.word(|| self.f1(2, t.word));
        out.word(|| self.f1(3, t.lower));
        out.word(|| self.f1(4, t.shape));
        out.word(|| self.f1(5, t.short_shape));
        for k in 0..t.n_affix {
            out.word(|| self.f1(6 + k as u64, t.prefix[k]));
            out.word(|| self.f1(10 + k as u64, t.suffix[k]));
        }
        out.neighbor(Neighbor::M1, || self.f1(14, m1.lower));
        out.neighbor(Neighbor::P1, || self.f1(15, p1.lower));
        out.neighbor(Neighbor::M2, || self.f1(16, m2.lower));
        out.neighbor(Neighbor::P2, || self.f1(17, p2.lower));
        out.neighbor(Neighbor::M1, || self.f1(18, m1.shape));
        out.neighbor(Neighbor::P1, || self.f1(19, p1.shape));
        out.neighbor(Neighbor::M2, || self.f1(20, m2.short_shape));
        out.neighbor(Neighbor::P2, || self.f1(21, p2.short_shape));
        out.context(|| self.f2(22, m1.lower, t.lower));
        out.context(|| self.f2(23, t.lower, p1.lower));
        out.context(|| self.f2(24, m1.short_shape, t.short_shape));
        out.context(|| self.f2(25, t.short_shape, p1.short_shape));
        out.context(|| self.f3(26, m1.short_shape, t.short_shape, p1.short_shape));
        out.context(|| self.f2(27, m1.lower, t.short_shape));
        out.context(|| self.f2(28, t.short_shape, p1.lower));
        let position = match (i, n - 1 - i) {
            (0, 0) => 1,
            (0, _) => 2,
            (_, 0) => 3,
            (1, _) => 4,
            _ => 5,
        };
        out.context(|| self.f2(29, position, t.short_shape));
        if s.all_caps {
            out.word(|| self.f1(30, 0));
            out.word(|| self.f1(31, t.lower));
            out.word(|| self.f1(32, cap_class(t.stat)));
            out.context(|| self.f2(33, cap_class(m1.stat), cap_class(p1.stat)));
        } else {
            out.word(|| self.f2(34, cap_class(t.stat), t.short_shape));
            out.word(|| self.f3(35, cap_class(t.stat), t.short_shape, (i == 0) as u64));
        }
        let st = t.stat;
        out.word(|| self.f1(36, ent_mask(st)));
        out.word(|| self.f1(37, majority(st)));
        out.word(|| {
            self.f2(
                38,
                majority(st),
                t.capitalized as u64 | (s.all_caps as u64) << 1,
            )
        });
        out.context(|| self.f2(39, majority(m1.stat), majority(p1.stat)));
        out.context(|| self.f2(40, ent_mask(m1.stat), majority(st)));
        out.context(|| self.f2(41, majority(st), ent_mask(p1.stat)));
        out.context(|| self.f2(46, m1.lower, p1.lower));
        out.context(|| self.f2(47, t.lower, p1.short_shape));
        out.context(|| self.f2(48, m1.short_shape, t.lower));
        out.word(|| self.f2(49, t.n_chars.min(12) as u64, t.short_shape));
        // Word clusters (all levels for the word, two for its neighbours) and how the
        // word is written inside sentences of unlabeled text.
        for k in 0..LEVELS {
            out.word(|| self.f1(60 + k as u64, t.cluster[k] as u64));
        }
        out.neighbor(Neighbor::M1, || self.f1(64, m1.cluster[0] as u64));
        out.neighbor(Neighbor::P1, || self.f1(65, p1.cluster[0] as u64));
        out.neighbor(Neighbor::M1, || self.f1(66, m1.cluster[2] as u64));
        out.neighbor(Neighbor::P1, || self.f1(67, p1.cluster[2] as u64));
        out.word(|| self.f2(68, t.cluster[1] as u64, t.short_shape));
        out.word(|| {
            self.f2(
                69,
                t.case as u64,
                t.capitalized as u64 | (s.all_caps as u64) << 1 | ((i == 0) as u64) << 2,
            )
        });
        out.context(|| self.f2(70, t.cluster[1] as u64, p1.cluster[2] as u64));
        out.context(|| self.f2(71, m1.cluster[2] as u64, t.cluster[1] as u64));
        out.neighbor(Neighbor::M2, || self.f1(72, m2.cluster[1] as u64));
        out.neighbor(Neighbor::P2, || self.f1(73, p2.cluster[1] as u64));
        out.word(|| self.f2(74, t.cluster[2] as u64, majority(t.stat)));
        out.context(|| self.f2(75, p1.case as u64, m1.case as u64));
        // What the other occurrences of the word in the document show, alone and with
        // whether this sentence is in capitals (a headline's "KENT" reads the text's "Kent").
        if let Some(elsewhere) = s.elsewhere.get(i) {
            for &h in elsewhere {
                out.context(|| self.f2(90, h, s.all_caps as u64));
                out.context(|| self.f1(91, h));
            }
        }
        // The run of capitalized words the token is in (outside all-capitals sentences;
        // the sentence's first word joins it only as the token itself): its length, and
        // how far the token is from either end.
        if !s.all_caps && t.in_name() {
            let (mut a, mut b) = (ii, ii);
            while a > 1 && s.at(a - 1).in_name() {
                a -= 1;
            }
            while s.at(b + 1).in_name() {
                b += 1;
            }
            let len = (b - a + 1).min(5) as u64;
            let pos = ((ii - a).min(2) as u64) | ((b - ii).min(2) as u64) << 2;
            out.context(|| self.f2(82, len, pos));
            out.context(|| self.f3(83, len, pos, t.cluster[2] as u64));
        }
        for bit in 0..8 {
            if t.gaz & (1 << bit) != 0 {
                out.context(|| self.f1(42, bit));
                out.context(|| self.f2(43, bit, t.capitalized as u64));
            }
            if m1.gaz & (1 << bit) != 0 {
                out.context(|| self.f1(44, bit));
            }
            if p1.gaz & (1 << bit) != 0 {
                out.context(|| self.f1(45, bit));
            }
        }
    }

    /// What [`Hashing::dynamic_features`] reads of token `i` under first-order decoding
    /// (`prev2` = ANY): with the previous tag it decides those features, so their scores
    /// can be kept per word type.
    pub fn dynamic_key(s: &SentenceInfo, i: usize) -> DynamicKey {
        let t = s.tokens[i];
        (
            t.lower,
            t.short_shape,
            majority(t.stat),
            (u64::from(t.cluster[1]) << 32) | u64::from(t.cluster[0]),
        )
    }

    /// Features of token `i` given the two previous decisions (tag indexes; START = 9,
    /// and `prev2` = ANY under first-order decoding).
    pub fn dynamic_features(
        &self,
        s: &SentenceInfo,
        i: usize,
        prev1: usize,
        prev2: usize,
        out: &mut Vec<u32>,
    ) {
        let t = s.tokens[i];
        let (p1, p2) = (prev1 as u64, prev2 as u64);
        out.push(self.f1(50, p1));
        if prev2 != super::ANY {
            out.push(self.f2(51, p1, p2));
        }
        out.push(self.f2(52, p1, t.lower));
        out.push(self.f2(53, p1, t.short_shape));
        out.push(self.f2(54, p1, majority(t.stat)));
        out.push(self.f2(55, p1, t.cluster[1] as u64));
        out.push(self.f2(56, p1, t.cluster[0] as u64));
    }
}
