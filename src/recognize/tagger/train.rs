//! Training: an averaged perceptron over the greedy decoder's own history (the previous
//! tags are the ones it predicted, as at run time), with a fixed-seed shuffle so the same
//! data and options give the same model bytes on every run.
//!
//! Word statistics (capitalization, which entity types a word appeared in) come from the
//! training split only. While training, each sentence sees statistics computed from the
//! *other* documents (k-fold jackknife), so the model learns how much to trust them on
//! words it has never seen, as it will have to on new text.

use super::features::{self, Hashing, KeyMap, SentenceInfo, WordCounts, WordStat};
use super::{
    allowed, best_allowed, decode, Decoder, Scorer, Sentence, Tag, Tagger, ANY, NUM_TAGS, START,
};
use crate::conll::ConllReport;
use crate::learn::clusters::Clusters;
use crate::learn::{self, Perceptron, Rng, SparseTable};

/// What one epoch achieved; passed to [`TrainOptions::on_epoch`].
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    /// Share of training tokens the perceptron got wrong during the epoch.
    pub train_error_rate: f64,
    /// The averaged model's score on the dev sentences, when given.
    pub dev: Option<ConllReport>,
}

/// What [`TrainOptions::on_epoch`] holds.
pub type EpochCallback = Box<dyn Fn(&EpochReport) + Send + Sync>;

/// Training settings. `Default` gives the settings the built-in model was trained with.
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// The weight table has `2^hash_bits` rows of one weight per tag.
    pub hash_bits: u32,
    /// Averaged weights with a smaller magnitude are dropped.
    pub prune_below: f32,
    /// Folds of the jackknife for word statistics (documents are never split).
    pub folds: usize,
    /// With dev data, keep the epoch whose averaged model scores best there
    /// (F1 with MISC); otherwise keep the last epoch.
    pub keep_best_epoch: bool,
    /// Viterbi (the default: about one F1 point better on CoNLL dev) or greedy decoding
    /// (about twice as fast), in training and in the model.
    pub decoder: Decoder,
    /// Word clusters learned from unlabeled text (`train-clusters`), read by the features
    /// and copied into the model; empty: no cluster features.
    pub clusters: Clusters,
    /// Called after every epoch (the CLI prints dev F1 from here).
    pub on_epoch: Option<EpochCallback>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            seed: 1,
            hash_bits: 20,
            prune_below: 0.05,
            folds: 5,
            keep_best_epoch: true,
            decoder: Decoder::Viterbi,
            clusters: Clusters::default(),
            on_epoch: None,
        }
    }
}

impl std::fmt::Debug for TrainOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrainOptions")
            .field("epochs", &self.epochs)
            .field("seed", &self.seed)
            .field("hash_bits", &self.hash_bits)
            .field("prune_below", &self.prune_below)
            .field("folds", &self.folds)
            .field("keep_best_epoch", &self.keep_best_epoch)
            .field("decoder", &self.decoder)
            .field("clusters", &self.clusters.len())
            .finish()
    }
}

/// Counts of each lowercase word, per fold of documents.
fn count_words(sentences: &[Sentence], folds: usize) -> Vec<KeyMap<WordCounts>> {
    let mut per_fold: Vec<KeyMap<WordCounts>> = (0..folds).map(|_| KeyMap::default()).collect();
    for s in sentences {
        let words = s.word_refs();
        let all_caps = features::all_caps(&words);
        let fold = &mut per_fold[s.doc % folds];
        for (i, w) in words.iter().enumerate() {
            let c = fold.entry(features::lower_key(w)).or_default();
            if i > 0 && !all_caps {
                match w.chars().next() {
                    Some(ch) if ch.is_uppercase() => c.capitalized += 1,
                    Some(ch) if ch.is_lowercase() => c.lowercase += 1,
                    _ => {}
                }
            }
            match s.tags.get(i).and_then(|t| t.label()) {
                Some(l) => c.in_type[l.index()] += 1,
                None => c.outside += 1,
            }
        }
    }
    per_fold
}

fn pack_all(counts: &KeyMap<WordCounts>) -> KeyMap<WordStat> {
    counts
        .iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(&k, c)| (k, c.pack()))
        .collect()
}

impl Scorer for Perceptron {
    fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]) {
        Perceptron::score(self, features, out)
    }
}

struct Dense<'a>(&'a [f32]);

impl Scorer for Dense<'_> {
    fn score(&self, features: &[u32], out: &mut [f32; NUM_TAGS]) {
        score_dense(self.0, features, out)
    }
}

fn score_dense(w: &[f32], features: &[u32], out: &mut [f32; NUM_TAGS]) {
    *out = [0.0; NUM_TAGS];
    for &f in features {
        let row = &w[f as usize * NUM_TAGS..f as usize * NUM_TAGS + NUM_TAGS];
        for k in 0..NUM_TAGS {
            out[k] += row[k];
        }
    }
}

/// A training sentence with its features precomputed (they do not change across epochs).
struct Prepared {
    info: SentenceInfo,
    /// Static features of token i are `features[offsets[i]..offsets[i + 1]]`.
    features: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

fn prepare(s: &Sentence, info: SentenceInfo, hashing: Hashing) -> Prepared {
    let n = s.words.len();
    let mut features = Vec::with_capacity(n * 64);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for i in 0..n {
        hashing.static_features(&info, i, &mut features);
        offsets.push(features.len());
    }
    Prepared {
        info,
        features,
        offsets,
        gold: s.tags.iter().map(|t| t.index()).collect(),
    }
}

/// The facts of each sentence, with the context of its document (sentences of one
/// document are consecutive); `stats_of` gives the word statistics a sentence sees.
fn infos_with_documents<'a>(
    sentences: &[&'a Sentence],
    stats_of: impl Fn(&Sentence) -> &'a KeyMap<WordStat>,
    cl: &Clusters,
) -> Vec<SentenceInfo> {
    let mut infos: Vec<SentenceInfo> = sentences
        .iter()
        .map(|s| SentenceInfo::new(&s.word_refs(), &s.flags, stats_of(s), cl))
        .collect();
    let mut start = 0;
    for doc in sentences.chunk_by(|a, b| a.doc == b.doc) {
        features::add_document_context(&mut infos[start..start + doc.len()]);
        start += doc.len();
    }
    infos
}

/// Trains a tagger on `train`; `dev`, when given, is scored after each epoch (and picks the
/// epoch kept, and the temperature of the confidence scores). Deterministic.
pub fn train(train: &[Sentence], dev: Option<&[Sentence]>, opts: &TrainOptions) -> Tagger {
    let folds = opts.folds.max(2);
    let bits = opts.hash_bits.clamp(10, 24);
    let hashing = Hashing::new(bits);

    let per_fold = count_words(train, folds);
    let mut total: KeyMap<WordCounts> = KeyMap::default();
    for fold in &per_fold {
        for (&k, c) in fold {
            total.entry(k).or_default().add(c);
        }
    }
    let fold_stats: Vec<KeyMap<WordStat>> = per_fold
        .iter()
        .map(|fold| {
            let mut rest = total.clone();
            for (k, c) in fold {
                if let Some(r) = rest.get_mut(k) {
                    r.sub(c);
                }
            }
            pack_all(&rest)
        })
        .collect();
    let stats = pack_all(&total);

    let usable = |s: &&Sentence| !s.words.is_empty() && s.words.len() == s.tags.len();
    let train: Vec<&Sentence> = train.iter().filter(usable).collect();
    let infos = infos_with_documents(&train, |s| &fold_stats[s.doc % folds], &opts.clusters);
    let prepared: Vec<Prepared> = train
        .iter()
        .zip(infos)
        .map(|(s, info)| prepare(s, info, hashing))
        .collect();
    let dev: Vec<&Sentence> = dev.unwrap_or(&[]).iter().filter(usable).collect();
    let dev_infos: Vec<(SentenceInfo, &Sentence)> =
        infos_with_documents(&dev, |_| &stats, &opts.clusters)
            .into_iter()
            .zip(dev.iter().copied())
            .collect();

    let mut p = Perceptron::new(bits, NUM_TAGS);
    let mut rng = Rng(opts.seed ^ 0x6e73_6772_6170_6821);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut best: Option<(f64, Vec<f32>)> = None;
    let mut features = Vec::with_capacity(96);
    let mut scores = [0f32; NUM_TAGS];
    let mut tags = Vec::new();

    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut errors, mut tokens) = (0usize, 0usize);
        for &si in &order {
            let s = &prepared[si];
            if opts.decoder == Decoder::Viterbi {
                let (e, n) = viterbi_step(&mut p, hashing, s, &mut features, &mut tags);
                errors += e;
                tokens += n;
                p.tick();
                continue;
            }
            let (mut prev1, mut prev2) = (START, START);
            for i in 0..s.gold.len() {
                features.clear();
                features.extend_from_slice(&s.features[s.offsets[i]..s.offsets[i + 1]]);
                hashing.dynamic_features(&s.info, i, prev1, prev2, &mut features);
                p.score(&features, &mut scores);
                // Unconstrained while learning: the gold tag may be "illegal" after a
                // wrong prediction, and the weights should still move towards it.
                let predicted = best_any(&scores);
                let gold = s.gold[i];
                if predicted != gold {
                    p.update(&features, gold, predicted);
                    errors += 1;
                }
                tokens += 1;
                p.tick();
                prev2 = prev1;
                prev1 = predicted;
            }
        }
        let dev_report = (!dev_infos.is_empty()).then(|| {
            let averaged = p.averaged_dense();
            let report = score_dev(&Dense(&averaged), opts.decoder, hashing, &dev_infos);
            if opts.keep_best_epoch && best.as_ref().is_none_or(|(f, _)| report.f1_all() > *f) {
                best = Some((report.f1_all(), averaged));
            }
            report
        });
        if let Some(cb) = &opts.on_epoch {
            cb(&EpochReport {
                epoch,
                train_error_rate: errors as f64 / tokens.max(1) as f64,
                dev: dev_report,
            });
        }
    }

    let weights = match best {
        Some((_, w)) if opts.keep_best_epoch => w,
        _ => p.averaged_dense(),
    };
    drop(p);
    let temperature = fit_temperature(&Dense(&weights), opts.decoder, hashing, &dev_infos);
    let (weights, scale) = learn::quantize(&weights, opts.prune_below);
    Tagger {
        table: SparseTable::from_dense(bits, NUM_TAGS, &weights),
        scale,
        temperature,
        decoder: opts.decoder,
        stats,
        clusters: opts.clusters.clone(),
        id: super::next_model_id(),
    }
}

fn best_any(scores: &[f32; NUM_TAGS]) -> usize {
    let mut best = 0;
    for t in 1..NUM_TAGS {
        if scores[t] > scores[best] {
            best = t;
        }
    }
    best
}

/// One structured-perceptron step: decode the whole sentence, and where the best path
/// differs from the gold one, move the weights towards gold. Returns (wrong tags, tags).
fn viterbi_step(
    p: &mut Perceptron,
    hashing: Hashing,
    s: &Prepared,
    features: &mut Vec<u32>,
    tags: &mut Vec<usize>,
) -> (usize, usize) {
    decode(Decoder::Viterbi, hashing, p, &s.info, tags, None);
    let n = s.gold.len();
    let mut errors = 0;
    for i in 0..n {
        let (gold, predicted) = (s.gold[i], tags[i]);
        let gold_prev = if i == 0 { START } else { s.gold[i - 1] };
        let predicted_prev = if i == 0 { START } else { tags[i - 1] };
        errors += (gold != predicted) as usize;
        if gold == predicted && gold_prev == predicted_prev {
            continue;
        }
        let statics = &s.features[s.offsets[i]..s.offsets[i + 1]];
        features.clear();
        features.extend_from_slice(statics);
        hashing.dynamic_features(&s.info, i, gold_prev, ANY, features);
        p.add(features, gold, 1.0);
        features.clear();
        features.extend_from_slice(statics);
        hashing.dynamic_features(&s.info, i, predicted_prev, ANY, features);
        p.add(features, predicted, -1.0);
    }
    (errors, n)
}

fn score_dev<S: Scorer>(
    scorer: &S,
    decoder: Decoder,
    hashing: Hashing,
    dev: &[(SentenceInfo, &Sentence)],
) -> ConllReport {
    let mut report = ConllReport::default();
    let mut tags = Vec::new();
    for (info, s) in dev {
        decode(decoder, hashing, scorer, info, &mut tags, None);
        let predicted: Vec<Tag> = tags.iter().map(|&t| Tag::from_index(t)).collect();
        report.add_sentence(&s.tags, &predicted);
    }
    report
}

/// The softmax temperature that best predicts the gold dev tags (least log-loss), from a
/// fixed grid so the result is reproducible; 1.0 without dev data.
fn fit_temperature<S: Scorer>(
    scorer: &S,
    decoder: Decoder,
    hashing: Hashing,
    dev: &[(SentenceInfo, &Sentence)],
) -> f32 {
    let mut cases: Vec<([f32; NUM_TAGS], usize, usize)> = Vec::new();
    let mut tags = Vec::new();
    let mut features = Vec::new();
    for (info, s) in dev {
        decode(decoder, hashing, scorer, info, &mut tags, None);
        for i in 0..tags.len() {
            let prev1 = if i == 0 { START } else { tags[i - 1] };
            let prev2 = match decoder {
                Decoder::Viterbi => ANY,
                Decoder::Greedy if i < 2 => START,
                Decoder::Greedy => tags[i - 2],
            };
            features.clear();
            hashing.static_features(info, i, &mut features);
            hashing.dynamic_features(info, i, prev1, prev2, &mut features);
            let mut scores = [0f32; NUM_TAGS];
            scorer.score(&features, &mut scores);
            let gold = s.tags[i].index();
            if allowed(prev1, gold) {
                cases.push((scores, gold, prev1));
            }
        }
    }
    if cases.is_empty() {
        return 1.0;
    }
    let loss = |t: f32| -> f64 {
        cases
            .iter()
            .map(|(scores, gold, prev)| {
                let top = scores[best_allowed(scores, *prev)];
                let z: f32 = (0..NUM_TAGS)
                    .filter(|&k| allowed(*prev, k))
                    .map(|k| ((scores[k] - top) / t).exp())
                    .sum();
                (z.ln() - (scores[*gold] - top) / t) as f64
            })
            .sum()
    };
    (-8..=24)
        .map(|k| 2f32.powf(k as f32 / 2.0))
        .map(|t| (loss(t), t))
        .fold((f64::INFINITY, 1.0), |a, b| if b.0 < a.0 { b } else { a })
        .1
}
