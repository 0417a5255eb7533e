//! The learned entity tagger: an averaged (structured) perceptron over hashed features
//! with BIO tags over PER, ORG, LOC and MISC (the CoNLL-2003 types). It decodes with
//! Viterbi over first-order tag features, or (an option at training time) greedily left
//! to right with the two previous tags as features.
//!
//! It reads words and per-word gazetteer flags (computed by the caller, so the tagger does
//! not depend on the lexicon) and returns token spans. The built-in model
//! (`data/models/ner.bin`) is trained on the CoNLL-2003 train split by
//! `newsgraph train-ner`; see [`train`] and `src/conll.rs` for scoring.
//!
//! ```
//! use newsgraph::recognize::tagger::{NerLabel, Tagger};
//! let tagger = Tagger::builtin().expect("built-in model");
//! let words = ["Olga", "Stefanishyna", "met", "officials", "in", "Brussels", "."];
//! let spans = tagger.tag(&words, &[0; 7]);
//! assert!(spans.iter().any(|s| s.label == NerLabel::Per && (s.start, s.end) == (0, 2)));
//! ```

mod features;
mod format;
mod train;

pub use train::{train, EpochCallback, EpochReport, TrainOptions};

use crate::learn::SparseTable;
use features::{Hashing, KeyMap, Neighbor, SentenceInfo, TokenInfo, WordStat};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// An entity type of the CoNLL-2003 scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerLabel {
    pub const ALL: [NerLabel; 4] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc];

    /// The CoNLL spelling: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn conll_name(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }

    pub fn from_conll(s: &str) -> Option<NerLabel> {
        match s {
            "PER" => Some(NerLabel::Per),
            "ORG" => Some(NerLabel::Org),
            "LOC" => Some(NerLabel::Loc),
            "MISC" => Some(NerLabel::Misc),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for NerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.conll_name())
    }
}

/// One BIO tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(NerLabel),
    I(NerLabel),
}

/// Number of BIO tags: O plus B and I of each label.
pub(crate) const NUM_TAGS: usize = 9;
/// The "previous tag" before the first token.
pub(crate) const START: usize = NUM_TAGS;

impl Tag {
    /// Dense index: O = 0, B-x = 1 + 2x, I-x = 2 + 2x.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(l) => 1 + 2 * l.index(),
            Tag::I(l) => 2 + 2 * l.index(),
        }
    }

    pub fn from_index(i: usize) -> Tag {
        match i {
            0 => Tag::O,
            i if i % 2 == 1 => Tag::B(NerLabel::ALL[(i - 1) / 2 % 4]),
            i => Tag::I(NerLabel::ALL[(i - 2) / 2 % 4]),
        }
    }

    /// Parses `O`, `B-PER`, `I-LOC`, ...
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, label) = s.split_once('-')?;
        let label = NerLabel::from_conll(label)?;
        match prefix {
            "B" => Some(Tag::B(label)),
            "I" => Some(Tag::I(label)),
            _ => None,
        }
    }

    pub fn label(self) -> Option<NerLabel> {
        match self {
            Tag::O => None,
            Tag::B(l) | Tag::I(l) => Some(l),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(l) => write!(f, "B-{l}"),
            Tag::I(l) => write!(f, "I-{l}"),
        }
    }
}

/// Stands for "any" second-previous tag: the Viterbi decoder's features are first-order.
pub(crate) const ANY: usize = NUM_TAGS + 1;

/// How a sentence's tags are chosen from the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoder {
    /// Left to right, each tag fixed before the next, with the two previous tags as
    /// features. About twice as fast as Viterbi, about one F1 point worse on CoNLL.
    Greedy,
    /// The best-scoring whole sequence under first-order tag features (Viterbi).
    #[default]
    Viterbi,
}

/// Whether tag `t` may follow tag `prev` (I-x only continues B-x or I-x).
#[inline]
pub(crate) fn allowed(prev: usize, t: usize) -> bool {
    t == 0 || t % 2 == 1 || prev == t || prev + 1 == t
}

/// A sentence of training or evaluation data: words, gold tags (IOB2) and the caller's
/// gazetteer flags (one byte per word; zeros when no lexicon is used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
    pub flags: Vec<u8>,
    /// Index of the document the sentence belongs to (training folds never split one).
    pub doc: usize,
}

impl Sentence {
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// A recognized entity: token indexes `start..end` (end-exclusive), its label, and a
/// confidence in (0, 1]: the mean over its tokens of the model's probability for the
/// chosen tag (a softmax of the perceptron scores with a temperature fitted on dev data).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TaggedSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
    pub score: f32,
}

/// Something that sums the weights of a set of features for each tag.
pub(crate) trait Scorer {
    fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]);

    /// The scores of token `i`'s static features (`features` is scratch space).
    fn static_scores(
        &self,
        hashing: Hashing,
        info: &SentenceInfo,
        i: usize,
        features: &mut Vec<u32>,
        out: &mut [f32; NUM_TAGS],
    ) {
        features.clear();
        hashing.static_features(info, i, features);
        self.score(features, out);
    }

    /// The scores of token `i`'s first-order dynamic features after each previous tag
    /// `p` whose bit is set in `prevs`, into `out[p]` (`features` is scratch space).
    fn dynamic_scores(
        &self,
        hashing: Hashing,
        info: &SentenceInfo,
        i: usize,
        prevs: u16,
        features: &mut Vec<u32>,
        out: &mut DynamicRows,
    ) {
        compute_dynamic(self, hashing, info, i, prevs, features, out);
    }
}

/// [`Scorer::dynamic_scores`] computed: `out[p]` for each bit `p` of `prevs`.
fn compute_dynamic<S: Scorer + ?Sized>(
    scorer: &S,
    hashing: Hashing,
    info: &SentenceInfo,
    i: usize,
    prevs: u16,
    features: &mut Vec<u32>,
    out: &mut DynamicRows,
) {
    for (p, row) in out.iter_mut().enumerate() {
        if prevs >> p & 1 == 1 {
            features.clear();
            hashing.dynamic_features(info, i, p, ANY, features);
            scorer.score(features, row);
        }
    }
}

/// Dynamic scores after each previous tag (START last).
pub(crate) type DynamicRows = [[f32; NUM_TAGS]; NUM_TAGS + 1];

/// Word types whose dynamic scores a thread keeps; the table starts afresh when full.
/// 7,168 entries fit a hash table of 8,192 buckets (7/8 full), about 3 MB per thread;
/// one more doubles it.
const DYNAMIC_CACHE_TYPES: usize = 7168;

/// The dynamic scores of one word type ([`Hashing::dynamic_key`]) after each previous
/// tag, filled as needed.
#[derive(Clone, Copy)]
struct DynamicScores {
    /// Bit p: `scores[p]` is filled.
    done: u16,
    scores: DynamicRows,
}

/// Per thread, the dynamic scores of the word types a model met: they depend on the word
/// type and the previous tag only, and Viterbi asks for them after up to nine tags per
/// token.
#[derive(Default)]
struct DynamicCache {
    /// The model ([`Tagger::id`]) and hashing the scores are of.
    model: Option<(u64, Hashing)>,
    types: crate::hash::FastMap<features::DynamicKey, DynamicScores>,
}

thread_local! {
    static DYNAMIC: std::cell::RefCell<DynamicCache> = std::cell::RefCell::default();
}

/// Word types (as written) whose facts and word-feature sums a thread keeps; the table
/// starts afresh, between documents, when it holds more. An entry is about 300 bytes.
const WORD_CACHE_TYPES: usize = 16384;

/// What a model makes of one word type as written: its facts (gazetteer flags aside) and,
/// filled as needed, the summed weights of its word features in each
/// [`SentenceInfo::word_variant`].
struct WordEntry {
    info: TokenInfo,
    /// Bit v: `sums[v]` is filled; bit 4 + n: `neighbor[n]` is.
    done: u8,
    sums: [[i32; NUM_TAGS]; 4],
    /// The summed weights of the features that read the word as each [`Neighbor`] of
    /// another token.
    neighbor: [[i32; NUM_TAGS]; 4],
}

/// Per thread, the word types a model met ([`WordEntry`]): a word's facts and word
/// features depend on its spelling only, and news repeats its words.
#[derive(Default)]
struct WordCache {
    /// The model ([`Tagger::id`]) and hashing the entries are of.
    model: Option<(u64, Hashing)>,
    slots: crate::hash::FastMap<Box<str>, u32>,
    words: Vec<WordEntry>,
    /// The padding before or after a sentence as each [`Neighbor`], once met.
    pads: [Option<[i32; NUM_TAGS]>; 4],
    /// Scratch: one sentence's slots, and features (a word's, its neighbours').
    sentence: Vec<u32>,
    features: Vec<u32>,
    neighbors: [Vec<u32>; 4],
}

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::default();
}

/// A number no other model of this process has (for [`DynamicCache`]).
fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The trained model: quantized weights of a hashed feature table, plus word statistics
/// from the training split. Immutable, so `Send + Sync`; `tag` allocates only per call.
#[derive(Clone)]
pub struct Tagger {
    /// The hashed weight table (`2^bits` rows of one weight per tag, mostly empty);
    /// a real weight is the stored i16 times `scale`.
    pub(crate) table: SparseTable,
    pub(crate) scale: f32,
    pub(crate) temperature: f32,
    pub(crate) decoder: Decoder,
    pub(crate) stats: KeyMap<WordStat>,
    /// Word clusters learned from unlabeled text (`train-ner --clusters`; empty without).
    pub(crate) clusters: crate::learn::clusters::Clusters,
    /// Distinct for every model made in this process (copies share it): the key of the
    /// per-thread cache of dynamic scores. Weights never change after a model is made.
    id: u64,
}

impl fmt::Debug for Tagger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tagger")
            .field("bits", &self.table.bits())
            .field("nonzero_weights", &self.table.nonzero_weights())
            .field("words", &self.stats.len())
            .finish()
    }
}

impl Scorer for Tagger {
    #[inline]
    fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]) {
        let mut acc = [0i32; NUM_TAGS];
        // Rows of a width known here: eight of the nine additions in vector registers.
        self.table.accumulate_fixed(features, &mut acc);
        self.scaled(&acc, out);
    }

    /// As computed, but with the weights of the word features and the neighbours'
    /// features summed once per word type ([`SentenceInfo::word_scores`], when
    /// [`Tagger::document_infos`] filled them): the same integer sums, so the same numbers.
    fn static_scores(
        &self,
        hashing: Hashing,
        info: &SentenceInfo,
        i: usize,
        features: &mut Vec<u32>,
        out: &mut [f32; NUM_TAGS],
    ) {
        features.clear();
        let mut acc = match info.word_scores.get(i) {
            Some(&word) => {
                hashing.context_features(info, i, features);
                word
            }
            None => {
                hashing.static_features(info, i, features);
                [0; NUM_TAGS]
            }
        };
        self.table.accumulate_fixed(features, &mut acc);
        self.scaled(&acc, out);
    }

    /// As computed, but each (word type, previous tag) once per thread: the same
    /// numbers, from a table.
    fn dynamic_scores(
        &self,
        hashing: Hashing,
        info: &SentenceInfo,
        i: usize,
        prevs: u16,
        features: &mut Vec<u32>,
        out: &mut DynamicRows,
    ) {
        DYNAMIC.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            let key = Hashing::dynamic_key(info, i);
            if cache.model != Some((self.id, hashing))
                || (cache.types.len() >= DYNAMIC_CACHE_TYPES && !cache.types.contains_key(&key))
            {
                cache.model = Some((self.id, hashing));
                cache.types.clear();
            }
            let entry = cache.types.entry(key).or_insert(DynamicScores {
                done: 0,
                scores: [[0.0; NUM_TAGS]; NUM_TAGS + 1],
            });
            let missing = prevs & !entry.done;
            if missing != 0 {
                compute_dynamic(self, hashing, info, i, missing, features, &mut entry.scores);
                entry.done |= missing;
            }
            *out = entry.scores;
        })
    }
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../../data/models/ner.bin");

impl Tagger {
    /// Parses a model written by [`Tagger::to_bytes`]; a damaged or foreign file is an error.
    pub fn from_bytes(bytes: &[u8]) -> crate::Result<Tagger> {
        format::read(bytes, false).map_err(|m| crate::Error::Other(format!("NER model: {m}")))
    }

    /// Serializes the model (sparse, with a checksum); `from_bytes` reads it back exactly.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::write(self)
    }

    /// The model shipped in the binary, parsed on first use; `None` if it does not parse.
    pub fn builtin() -> Option<&'static Tagger> {
        static BUILTIN: OnceLock<Option<Tagger>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| format::read(BUILTIN_BYTES, true).ok())
            .as_ref()
    }

    /// Tags one sentence of CoNLL-style words (hyphenated words whole; see
    /// [`Tagger::tag_tokens`] for a tokenizer that splits them). `flags[i]` are the
    /// gazetteer bits of `words[i]` ([`Lexicon::word_flags`](crate::lexicon::Lexicon::word_flags);
    /// missing entries count as 0). Spans come out in order and never overlap. The
    /// sentence is its own document: see [`Tagger::tag_document`].
    pub fn tag(&self, words: &[&str], flags: &[u8]) -> Vec<TaggedSpan> {
        self.tag_document(&[(words, flags)])
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences (words and flags, as for [`Tagger::tag`]) of one document
    /// together: a capitalized (Latin-script) word also reads how up to four other
    /// occurrences of the same word in the document are written and what surrounds them,
    /// so "KENT" in a headline and "Kent" in the text are seen as one name. Spans per
    /// sentence.
    pub fn tag_document(&self, sentences: &[(&[&str], &[u8])]) -> Vec<Vec<TaggedSpan>> {
        let hashing = Hashing::new(self.table.bits());
        let mut tags = Vec::new();
        self.document_infos(sentences)
            .iter()
            .map(|info| {
                let mut probs = Vec::with_capacity(info.tokens.len());
                decode(
                    self.decoder,
                    hashing,
                    self,
                    info,
                    &mut tags,
                    Some((&mut probs, self.temperature)),
                );
                spans_of(&tags, &probs)
            })
            .collect()
    }

    /// The facts of a document's sentences, as [`SentenceInfo::new`] and
    /// [`features::add_document_context`] make them, with each token's word-feature sums
    /// ([`SentenceInfo::word_scores`]); word types come from the thread's [`WordCache`].
    fn document_infos(&self, sentences: &[(&[&str], &[u8])]) -> Vec<SentenceInfo> {
        let hashing = Hashing::new(self.table.bits());
        let mut infos = WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            if cache.model != Some((self.id, hashing)) || cache.words.len() >= WORD_CACHE_TYPES {
                cache.model = Some((self.id, hashing));
                cache.slots.clear();
                cache.words.clear();
                cache.pads = [None; 4];
            }
            let mut infos = Vec::with_capacity(sentences.len());
            for (words, flags) in sentences {
                cache.sentence.clear();
                let mut tokens = Vec::with_capacity(words.len());
                for (i, &word) in words.iter().enumerate() {
                    let slot = self.word_slot(cache, word);
                    cache.sentence.push(slot);
                    let gaz = flags.get(i).copied().unwrap_or(0);
                    tokens.push(cache.words[slot as usize].info.with_gaz(gaz));
                }
                let mut info = SentenceInfo::from_tokens(tokens);
                let mut word_scores = Vec::with_capacity(words.len());
                let WordCache {
                    words: entries,
                    pads,
                    sentence,
                    features,
                    neighbors,
                    ..
                } = &mut *cache;
                let sum = |features: &[u32]| {
                    let mut acc = [0i32; NUM_TAGS];
                    self.table.accumulate_fixed(features, &mut acc);
                    acc
                };
                for (i, &slot) in sentence.iter().enumerate() {
                    let v = info.word_variant(i);
                    // The word and the neighbours (slots; None: padding), and which of
                    // their sums are still to be made.
                    let around = Neighbor::ALL.map(|n| {
                        let j = i as isize + n.offset();
                        sentence.get(j as usize).filter(|_| j >= 0).copied()
                    });
                    let want_word = entries[slot as usize].done >> v & 1 == 0;
                    let want = Neighbor::ALL.map(|n| match around[n as usize] {
                        Some(other) => entries[other as usize].done >> (4 + n as usize) & 1 == 0,
                        None => pads[n as usize].is_none(),
                    });
                    if want_word || want.contains(&true) {
                        features.clear();
                        neighbors.iter_mut().for_each(Vec::clear);
                        hashing.split_features(&info, i, (want_word, want), features, neighbors);
                        if want_word {
                            let entry = &mut entries[slot as usize];
                            entry.sums[v] = sum(features);
                            entry.done |= 1 << v;
                        }
                        for n in Neighbor::ALL.into_iter().filter(|&n| want[n as usize]) {
                            let k = n as usize;
                            let part = sum(&neighbors[k]);
                            match around[k] {
                                Some(other) => {
                                    let e = &mut entries[other as usize];
                                    e.neighbor[k] = part;
                                    e.done |= 1 << (4 + k);
                                }
                                None => pads[k] = Some(part),
                            }
                        }
                    }
                    let mut acc = entries[slot as usize].sums[v];
                    for (k, other) in around.into_iter().enumerate() {
                        let part = match other {
                            Some(other) => &entries[other as usize].neighbor[k],
                            None => pads[k].as_ref().unwrap_or(&[0; NUM_TAGS]),
                        };
                        for t in 0..NUM_TAGS {
                            acc[t] += part[t];
                        }
                    }
                    word_scores.push(acc);
                }
                info.word_scores = word_scores;
                infos.push(info);
            }
            infos
        });
        features::add_document_context(&mut infos);
        infos
    }

    /// The slot of `word` in the thread's cache, made on first sight.
    fn word_slot(&self, cache: &mut WordCache, word: &str) -> u32 {
        if let Some(&slot) = cache.slots.get(word) {
            return slot;
        }
        let slot = cache.words.len() as u32;
        cache.words.push(WordEntry {
            info: TokenInfo::new(word, 0, &self.stats, &self.clusters),
            done: 0,
            sums: [[0; NUM_TAGS]; 4],
            neighbor: [[0; NUM_TAGS]; 4],
        });
        cache.slots.insert(word.into(), slot);
        slot
    }

    /// Integer sums of weights as scores.
    #[inline]
    fn scaled(&self, acc: &[i32; NUM_TAGS], out: &mut [f32; NUM_TAGS]) {
        for k in 0..NUM_TAGS {
            out[k] = acc[k] as f32 * self.scale;
        }
    }

    /// Tags one sentence given as token spans (byte offsets into `text`, as made by
    /// segmentation) and per-token flags; returned spans index `tokens`. The sentence is
    /// its own document: see [`Tagger::tag_tokens_document`].
    pub fn tag_tokens(&self, text: &str, tokens: &[crate::Span], flags: &[u8]) -> Vec<TaggedSpan> {
        self.tag_tokens_document(text, &[(tokens, flags)])
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document given as token spans and per-token flags (see
    /// [`Tagger::tag_tokens`] and [`Tagger::tag_document`]); spans per sentence, indexing
    /// that sentence's tokens.
    ///
    /// CoNLL text, which the model learned from, keeps hyphenated words whole
    /// ("Jean-Claude", "Al-Qaeda", "Rolls-Royce"), while a tokenizer may split them into
    /// word, `-`, word. Here such touching runs are joined into one word before tagging
    /// (their flags OR-ed), and spans are mapped back to the tokens, so an entity never
    /// ends or starts inside a hyphenated word.
    pub fn tag_tokens_document(
        &self,
        text: &str,
        sentences: &[(&[crate::Span], &[u8])],
    ) -> Vec<Vec<TaggedSpan>> {
        let mut all_groups = Vec::with_capacity(sentences.len());
        let mut joined: Vec<(Vec<&str>, Vec<u8>)> = Vec::with_capacity(sentences.len());
        for (tokens, flags) in sentences {
            let groups = hyphen_groups(text, tokens);
            let mut words: Vec<&str> = Vec::with_capacity(groups.len());
            let mut word_flags = Vec::with_capacity(groups.len());
            for g in &groups {
                let (a, b) = (tokens[g.start].start, tokens[g.end - 1].end);
                words.push(text.get(a..b).unwrap_or(""));
                word_flags.push(
                    flags
                        .get(g.clone())
                        .unwrap_or(&[])
                        .iter()
                        .fold(0, |x, f| x | f),
                );
            }
            all_groups.push(groups);
            joined.push((words, word_flags));
        }
        let refs: Vec<(&[&str], &[u8])> = joined.iter().map(|(w, f)| (&w[..], &f[..])).collect();
        self.tag_document(&refs)
            .into_iter()
            .zip(&all_groups)
            .map(|(spans, groups)| {
                spans
                    .into_iter()
                    .map(|s| TaggedSpan {
                        start: groups[s.start].start,
                        end: groups[s.end - 1].end,
                        ..s
                    })
                    .collect()
            })
            .collect()
    }

    /// The BIO tags of one sentence, its own document (for evaluation and debugging).
    pub fn tag_bio(&self, words: &[&str], flags: &[u8]) -> Vec<Tag> {
        self.tag_document_bio(&[(words, flags)])
            .pop()
            .unwrap_or_default()
    }

    /// The BIO tags of the sentences of one document, tagged together as by
    /// [`Tagger::tag_document`].
    pub fn tag_document_bio(&self, sentences: &[(&[&str], &[u8])]) -> Vec<Vec<Tag>> {
        let hashing = Hashing::new(self.table.bits());
        let mut tags = Vec::new();
        self.document_infos(sentences)
            .iter()
            .map(|info| {
                decode(self.decoder, hashing, self, info, &mut tags, None);
                tags.iter().map(|&t| Tag::from_index(t)).collect()
            })
            .collect()
    }

    /// How many weights survived pruning.
    pub fn nonzero_weights(&self) -> usize {
        self.table.nonzero_weights()
    }
}

/// Groups of token indexes to tag as one word: a run `word - word (- word ...)` whose
/// tokens touch (no space between), or `can` `not` from "cannot", else single tokens. Bad spans stay single tokens.
fn hyphen_groups(text: &str, tokens: &[crate::Span]) -> Vec<std::ops::Range<usize>> {
    let token = |i: usize| text.get(tokens[i].start..tokens[i].end);
    let is_word = |i: usize| token(i).is_some_and(|t| t.chars().any(char::is_alphanumeric));
    let is_hyphen =
        |i: usize| token(i).is_some_and(|t| t == "-" || t == "\u{2010}" || t == "\u{2011}");
    let touches = |i: usize| tokens[i].end == tokens[i + 1].start;
    let mut groups = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        if is_word(i) {
            while end + 1 < tokens.len()
                && is_hyphen(end)
                && is_word(end + 1)
                && touches(end - 1)
                && touches(end)
            {
                end += 2;
            }
            // "cannot" is one word in CoNLL; segmentation splits it as UD does (can + not).
            let not = |k: usize| token(k).is_some_and(|t| t.eq_ignore_ascii_case("not"));
            if end == i + 1 && end < tokens.len() && touches(i) && not(end) {
                end += 1;
            }
        }
        groups.push(i..end);
        i = end;
    }
    groups
}

/// Decodes one sentence; writes one tag index per token and, when asked, the
/// probability of each chosen tag given the tag before it.
pub(crate) fn decode<S: Scorer>(
    decoder: Decoder,
    hashing: Hashing,
    scorer: &S,
    info: &SentenceInfo,
    tags: &mut Vec<usize>,
    probs: Option<(&mut Vec<f32>, f32)>,
) {
    match decoder {
        Decoder::Greedy => greedy(hashing, scorer, info, tags, probs),
        Decoder::Viterbi => viterbi(hashing, scorer, info, tags, probs),
    }
}

/// Greedy left-to-right decoding.
fn greedy<S: Scorer>(
    hashing: Hashing,
    scorer: &S,
    info: &SentenceInfo,
    tags: &mut Vec<usize>,
    mut probs: Option<(&mut Vec<f32>, f32)>,
) {
    tags.clear();
    let mut features = Vec::with_capacity(96);
    let mut scores = [0f32; NUM_TAGS];
    let (mut prev1, mut prev2) = (START, START);
    for i in 0..info.tokens.len() {
        features.clear();
        hashing.static_features(info, i, &mut features);
        hashing.dynamic_features(info, i, prev1, prev2, &mut features);
        scorer.score(&features, &mut scores);
        let best = best_allowed(&scores, prev1);
        if let Some((probs, temperature)) = probs.as_mut() {
            probs.push(probability(&scores, prev1, best, *temperature));
        }
        tags.push(best);
        prev2 = prev1;
        prev1 = best;
    }
}

/// Viterbi decoding over first-order tag features: the best sequence that obeys BIO.
fn viterbi<S: Scorer>(
    hashing: Hashing,
    scorer: &S,
    info: &SentenceInfo,
    tags: &mut Vec<usize>,
    probs: Option<(&mut Vec<f32>, f32)>,
) {
    const NONE: f32 = f32::NEG_INFINITY;
    let n = info.tokens.len();
    tags.clear();
    if n == 0 {
        return;
    }
    let mut features = Vec::with_capacity(96);
    let mut static_scores = [0f32; NUM_TAGS];
    let mut dynamic: DynamicRows = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
    // local[i][p][t]: score of tag t at i after tag p (p = START only at i = 0).
    let mut local = vec![[[NONE; NUM_TAGS]; NUM_TAGS + 1]; n];
    let mut best = vec![[NONE; NUM_TAGS]; n];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    for i in 0..n {
        scorer.static_scores(hashing, info, i, &mut features, &mut static_scores);
        // The previous tags a path reaches.
        let prevs: u16 = if i == 0 {
            1 << START
        } else {
            (0..NUM_TAGS)
                .filter(|&p| best[i - 1][p] != NONE)
                .fold(0, |m, p| m | 1 << p)
        };
        scorer.dynamic_scores(hashing, info, i, prevs, &mut features, &mut dynamic);
        for p in (0..=NUM_TAGS).filter(|&p| prevs >> p & 1 == 1) {
            let before = if i == 0 { 0.0 } else { best[i - 1][p] };
            for t in 0..NUM_TAGS {
                if allowed(p, t) {
                    let l = static_scores[t] + dynamic[p][t];
                    local[i][p][t] = l;
                    if before + l > best[i][t] {
                        best[i][t] = before + l;
                        back[i][t] = p as u8;
                    }
                }
            }
        }
    }
    let mut t = (0..NUM_TAGS).fold(0, |b, t| {
        if best[n - 1][t] > best[n - 1][b] {
            t
        } else {
            b
        }
    });
    tags.resize(n, 0);
    for i in (0..n).rev() {
        tags[i] = t;
        t = back[i][t] as usize;
    }
    if let Some((probs, temperature)) = probs {
        for i in 0..n {
            let prev = if i == 0 { START } else { tags[i - 1] };
            probs.push(probability(&local[i][prev], prev, tags[i], temperature));
        }
    }
}

#[inline]
pub(crate) fn best_allowed(scores: &[f32; NUM_TAGS], prev: usize) -> usize {
    let mut best = 0;
    for t in 1..NUM_TAGS {
        if allowed(prev, t) && scores[t] > scores[best] {
            best = t;
        }
    }
    best
}

fn probability(scores: &[f32; NUM_TAGS], prev: usize, chosen: usize, temperature: f32) -> f32 {
    let top = scores[chosen];
    let mut sum = 0f32;
    for (t, &score) in scores.iter().enumerate() {
        if allowed(prev, t) {
            sum += ((score - top) / temperature).exp();
        }
    }
    1.0 / sum
}

/// Turns tag indexes into spans (a lone I-x opens a span, as conlleval does).
fn spans_of(tags: &[usize], probs: &[f32]) -> Vec<TaggedSpan> {
    let mut spans: Vec<TaggedSpan> = Vec::new();
    let mut open: Option<(usize, NerLabel, f32)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let tag = Tag::from_index(t);
        let continues = matches!((tag, open), (Tag::I(l), Some((_, o, _))) if l == o);
        if !continues {
            if let Some((start, label, sum)) = open.take() {
                spans.push(TaggedSpan {
                    start,
                    end: i,
                    label,
                    score: sum / (i - start) as f32,
                });
            }
            if let Some(label) = tag.label() {
                open = Some((i, label, 0.0));
            }
        }
        if let Some((_, _, sum)) = open.as_mut() {
            *sum += probs.get(i).copied().unwrap_or(1.0);
        }
    }
    if let Some((start, label, sum)) = open {
        let end = tags.len();
        spans.push(TaggedSpan {
            start,
            end,
            label,
            score: sum / (end - start) as f32,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_indexes_round_trip() {
        for i in 0..NUM_TAGS {
            assert_eq!(Tag::from_index(i).index(), i);
            assert_eq!(
                Tag::parse(&Tag::from_index(i).to_string()),
                Some(Tag::from_index(i))
            );
        }
    }

    #[test]
    fn inside_tag_only_continues_its_own_type() {
        let i_per = Tag::I(NerLabel::Per).index();
        assert!(allowed(Tag::B(NerLabel::Per).index(), i_per));
        assert!(allowed(i_per, i_per));
        assert!(!allowed(Tag::O.index(), i_per));
        assert!(!allowed(START, i_per));
        assert!(!allowed(Tag::B(NerLabel::Org).index(), i_per));
    }

    /// Scores from the feature ids alone: arbitrary but fixed.
    struct HashScorer;
    impl Scorer for HashScorer {
        fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]) {
            *out = [0.0; NUM_TAGS];
            for &f in features {
                for (k, o) in out.iter_mut().enumerate() {
                    let h = features::mix(f as u64 * 31 + k as u64);
                    *o += (h % 1000) as f32 / 100.0 - 5.0;
                }
            }
        }
    }

    fn path_score(hashing: Hashing, info: &SentenceInfo, tags: &[usize]) -> f32 {
        let mut total = 0.0;
        let mut scores = [0f32; NUM_TAGS];
        for i in 0..tags.len() {
            let prev = if i == 0 { START } else { tags[i - 1] };
            let mut f = Vec::new();
            hashing.static_features(info, i, &mut f);
            hashing.dynamic_features(info, i, prev, ANY, &mut f);
            HashScorer.score(&f, &mut scores);
            total += scores[tags[i]];
        }
        total
    }

    #[test]
    fn viterbi_finds_the_best_legal_path() {
        let hashing = Hashing::new(12);
        for words in [
            &["Olga", "Stefanishyna", "met", "Ryabkov"][..],
            &["NATO", "in", "Brussels"],
            &["a"],
        ] {
            let info = SentenceInfo::new(words, &[], &KeyMap::default(), &Default::default());
            let mut tags = Vec::new();
            decode(
                Decoder::Viterbi,
                hashing,
                &HashScorer,
                &info,
                &mut tags,
                None,
            );
            let n = words.len();
            let mut best = f32::NEG_INFINITY;
            for code in 0..NUM_TAGS.pow(n as u32) {
                let path: Vec<usize> = (0..n)
                    .map(|i| code / NUM_TAGS.pow(i as u32) % NUM_TAGS)
                    .collect();
                let legal =
                    (0..n).all(|i| allowed(if i == 0 { START } else { path[i - 1] }, path[i]));
                if legal {
                    best = best.max(path_score(hashing, &info, &path));
                }
            }
            let legal = (0..n).all(|i| allowed(if i == 0 { START } else { tags[i - 1] }, tags[i]));
            assert!(legal, "{tags:?}");
            assert!(
                (path_score(hashing, &info, &tags) - best).abs() < 1e-3,
                "{words:?}"
            );
        }
    }

    /// The built-in tagger without its cache of dynamic scores.
    struct Uncached<'a>(&'a Tagger);
    impl Scorer for Uncached<'_> {
        fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]) {
            self.0.score(features, out);
        }
    }

    #[test]
    fn cached_dynamic_scores_decode_as_computed_ones() {
        let Some(tagger) = Tagger::builtin() else {
            return;
        };
        let hashing = Hashing::new(tagger.table.bits());
        let sentences: [&[&str]; 3] = [
            &[
                "Tony", "Blair", "met", "the", "EU", "chief", "in", "Brussels", ".",
            ],
            &[
                "The", "chief", "of", "the", "EU", "said", "Blair", "met", "him", ".",
            ],
            &["BRUSSELS", "-", "Blair", "and", "the", "EU"],
        ];
        // Twice: the second round reads word types the first one stored.
        for _ in 0..2 {
            for words in sentences {
                let info = SentenceInfo::new(words, &[], &tagger.stats, &tagger.clusters);
                let (mut cached, mut computed) = (Vec::new(), Vec::new());
                let (mut p_cached, mut p_computed) = (Vec::new(), Vec::new());
                let t = tagger.temperature;
                let v = Decoder::Viterbi;
                decode(
                    v,
                    hashing,
                    tagger,
                    &info,
                    &mut cached,
                    Some((&mut p_cached, t)),
                );
                let plain = Uncached(tagger);
                decode(
                    v,
                    hashing,
                    &plain,
                    &info,
                    &mut computed,
                    Some((&mut p_computed, t)),
                );
                assert_eq!(cached, computed, "{words:?}");
                let bits = |p: &[f32]| p.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&p_cached), bits(&p_computed), "{words:?}");
                // Rows asked for a few previous tags first, then for all of them.
                for i in 0..words.len() {
                    for prevs in [1 << START, 0b1_0101_0101, 0b11_1111_1111] {
                        let (mut a, mut b) = (DynamicRows::default(), DynamicRows::default());
                        let mut f = Vec::new();
                        tagger.dynamic_scores(hashing, &info, i, prevs, &mut f, &mut a);
                        plain.dynamic_scores(hashing, &info, i, prevs, &mut f, &mut b);
                        for p in (0..=NUM_TAGS).filter(|&p| prevs >> p & 1 == 1) {
                            assert_eq!(bits(&a[p]), bits(&b[p]), "{words:?} {i} {p}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_builtin_model_passes_its_checksum() {
        // Tagger::builtin skips it (format::Reader::open_builtin).
        let checked = Tagger::from_bytes(BUILTIN_BYTES).expect("checksum and format");
        assert_eq!(checked.to_bytes(), Tagger::builtin().unwrap().to_bytes());
    }

    #[test]
    fn word_type_sums_decode_as_computed_features() {
        let Some(tagger) = Tagger::builtin() else {
            return;
        };
        let hashing = Hashing::new(tagger.table.bits());
        let doc: [&[&str]; 4] = [
            &["BLAIR", "MEETS", "EU", "CHIEF"],
            &["Blair", "met", "the", "EU", "chief", "in", "Brussels", "."],
            &[
                "The", "chief", "said", "\u{201c}", "Blair", "\u{201d}", "met", "him", ".",
            ],
            &["Blair"],
        ];
        let flags: Vec<Vec<u8>> = doc.iter().map(|w| (0..w.len() as u8).collect()).collect();
        let sentences: Vec<(&[&str], &[u8])> =
            doc.iter().zip(&flags).map(|(w, f)| (*w, &f[..])).collect();
        // Twice: the second round reads word types (and sums) the first one stored.
        for _ in 0..2 {
            let cached = tagger.document_infos(&sentences);
            let mut computed: Vec<SentenceInfo> = sentences
                .iter()
                .map(|(w, f)| SentenceInfo::new(w, f, &tagger.stats, &tagger.clusters))
                .collect();
            features::add_document_context(&mut computed);
            for (a, b) in cached.iter().zip(&computed) {
                assert_eq!(a.word_scores.len(), a.tokens.len());
                assert!(b.word_scores.is_empty());
                let (mut ta, mut tb, mut pa, mut pb) =
                    (Vec::new(), Vec::new(), Vec::new(), Vec::new());
                let t = tagger.temperature;
                decode(
                    Decoder::Viterbi,
                    hashing,
                    tagger,
                    a,
                    &mut ta,
                    Some((&mut pa, t)),
                );
                decode(
                    Decoder::Viterbi,
                    hashing,
                    &Uncached(tagger),
                    b,
                    &mut tb,
                    Some((&mut pb, t)),
                );
                assert_eq!(ta, tb);
                let bits = |p: &[f32]| p.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&pa), bits(&pb));
                for i in 0..a.tokens.len() {
                    let (mut fa, mut fb) = (Vec::new(), Vec::new());
                    let mut parts: [Vec<u32>; 4] = Default::default();
                    hashing.split_features(a, i, (true, [true; 4]), &mut fa, &mut parts);
                    hashing.context_features(a, i, &mut fa);
                    fa.extend(parts.concat());
                    hashing.static_features(b, i, &mut fb);
                    fa.sort_unstable();
                    fb.sort_unstable();
                    assert_eq!(fa, fb, "the two parts are the static features");
                }
            }
        }
    }

    #[test]
    fn hyphenated_words_are_tagged_whole() {
        let text = "Jean-Claude Juncker - the EU chief - met Rolls-Royce";
        let tokens: Vec<crate::Span> = crate::segment::tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|s| &text[s.start..s.end]).collect();
        let groups: Vec<String> = hyphen_groups(text, &tokens)
            .into_iter()
            .map(|g| words[g].concat())
            .collect();
        assert_eq!(
            groups,
            [
                "Jean-Claude",
                "Juncker",
                "-",
                "the",
                "EU",
                "chief",
                "-",
                "met",
                "Rolls-Royce"
            ]
        );
    }

    #[test]
    fn spans_of_reads_bio() {
        let tags = [
            Tag::B(NerLabel::Per),
            Tag::I(NerLabel::Per),
            Tag::O,
            Tag::I(NerLabel::Loc),
            Tag::B(NerLabel::Loc),
        ]
        .map(Tag::index);
        let spans: Vec<_> = spans_of(&tags, &[1.0; 5])
            .iter()
            .map(|s| (s.start, s.end, s.label))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 2, NerLabel::Per),
                (3, 4, NerLabel::Loc),
                (4, 5, NerLabel::Loc)
            ]
        );
    }
}
