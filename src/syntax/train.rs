//! Training and scoring the syntax model on CoNLL-U treebanks.
//!
//! [`train`] learns the tagger and lemmatizer from the training file, then the parser on
//! the same trees with *predicted* tags, so that it learns to live with the tagger's
//! mistakes as it must at run time: the tags come from jackknifing (the training trees cut
//! into folds, each tagged by a tagger trained on the others). Everything is deterministic:
//! fixed seeds, folds by position, and parallel work joined in a fixed order.
//!
//! [`evaluate`] scores a model on a file's gold tokens: UPOS and lemma accuracy, UAS, LAS
//! on base labels (`nsubj:pass` counted as `nsubj`) and LAS on full labels, as the CoNLL
//! 2018 shared task counts them (every word, punctuation included).

use super::parser::{Parser, ParserOptions, TrainTree};
use super::tagger::{PosTagger, TagScratch, TaggerOptions};
use super::words::Word;
use super::{lemma::Lemmatizer, Analysis, DepRel, Scratch, Syntax, Upos};
use crate::conllu::ConlluSentence;
use crate::learn::clusters::Clusters;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Word clusters the features read (copied into the model; empty: none).
    pub clusters: Clusters,
    pub tagger: TaggerOptions,
    pub parser: ParserOptions,
    /// Folds for the parser's predicted training tags (1: gold tags).
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            clusters: Clusters::default(),
            tagger: TaggerOptions::default(),
            parser: ParserOptions::default(),
            folds: 10,
        }
    }
}

fn tagged(s: &ConlluSentence, clusters: &Clusters) -> Vec<(Word, Upos)> {
    s.words
        .iter()
        .map(|w| {
            (
                Word::with_clusters(&w.form, clusters),
                w.upos.unwrap_or(Upos::X),
            )
        })
        .collect()
}

/// Whether a sentence has a complete basic tree (every word headed and labelled).
fn has_tree(s: &ConlluSentence) -> bool {
    !s.words.is_empty()
        && s.words
            .iter()
            .all(|w| w.head.is_some() && w.deprel.is_some())
}

/// Trains the whole model. `log` receives one line per finished step.
pub fn train(
    sentences: &[ConlluSentence],
    opts: TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Syntax {
    let data: Vec<Vec<(Word, Upos)>> = sentences
        .iter()
        .map(|s| tagged(s, &opts.clusters))
        .collect();
    let folds = opts.folds.max(1);
    // Fold k holds the k-th of `folds` runs of consecutive sentences: a treebank keeps a
    // document's sentences together, so a fold's tagger has not seen the names and words
    // of the documents it tags (folds by position modulo `folds` leaked them: 96.7% UPOS
    // on train against 95.1% on dev, and a parser that trusted its tags too much).
    let n_sentences = data.len().max(1);
    let fold_of = |i: usize| i * folds / n_sentences;
    let predicted: Vec<Vec<Upos>> = if folds == 1 {
        data.iter()
            .map(|s| s.iter().map(|&(_, t)| t).collect())
            .collect()
    } else {
        let taggers: Vec<PosTagger> = (0..folds)
            .into_par_iter()
            .map(|k| {
                let rest: Vec<Vec<(Word, Upos)>> = data
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| fold_of(i) != k)
                    .map(|(_, s)| s.clone())
                    .collect();
                PosTagger::train(&rest, opts.tagger)
            })
            .collect();
        let mut scratch = TagScratch::default();
        let mut words = Vec::new();
        data.iter()
            .enumerate()
            .map(|(i, s)| {
                words.clear();
                words.extend(s.iter().map(|&(w, _)| w));
                let mut out = Vec::new();
                taggers[fold_of(i)].tag(&words, &[], &mut scratch, &mut out);
                out
            })
            .collect()
    };
    let right: usize = predicted
        .iter()
        .zip(&data)
        .map(|(p, g)| p.iter().zip(g).filter(|(a, (_, b))| *a == b).count())
        .sum();
    let total: usize = data.iter().map(Vec::len).sum();
    log(&format!(
        "jackknifed tags for the parser ({folds} folds): UPOS {:.4} on train",
        right as f64 / total.max(1) as f64
    ));
    let trees: Vec<TrainTree> = sentences
        .iter()
        .zip(&data)
        .zip(&predicted)
        .filter(|((s, _), _)| has_tree(s))
        .map(|((s, d), p)| TrainTree {
            words: d.iter().map(|&(w, _)| w).collect(),
            tags: p.clone(),
            heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
            labels: s
                .words
                .iter()
                .map(|w| w.deprel.unwrap_or(DepRel::Dep))
                .collect(),
        })
        .collect();
    let (tagger, parser) = rayon::join(
        || PosTagger::train(&data, opts.tagger),
        || Parser::train(&trees, opts.parser),
    );
    log(&format!(
        "tagger and parser trained on {} trees",
        trees.len()
    ));
    let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.upos.unwrap_or(Upos::X), w.lemma.as_str()))
    }));
    Syntax {
        clusters: opts.clusters,
        tagger,
        lemmatizer,
        parser,
    }
}

/// Per-label attachment figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelScore {
    pub label: String,
    /// Gold words with this (base) label.
    pub gold: usize,
    /// Of those, how many got the right head and label.
    pub correct: usize,
    pub las: f64,
}

/// What `eval --conllu` reports; the field names are a contract.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub las_full: f64,
    #[serde(skip)]
    pub per_label: Vec<LabelScore>,
}

/// Scores `model` on the gold tokens of `sentences`.
pub fn evaluate(model: &Syntax, sentences: &[ConlluSentence]) -> Scores {
    #[derive(Default)]
    struct Counts {
        words: usize,
        upos: usize,
        lemma: usize,
        lemma_words: usize,
        uas: usize,
        las: usize,
        las_full: usize,
        tree_words: usize,
        labels: BTreeMap<&'static str, (usize, usize)>,
    }
    let counts = sentences
        .par_iter()
        .fold(
            || (Counts::default(), Scratch::default(), Analysis::default()),
            |(mut c, mut scratch, mut out), s| {
                model.analyze(
                    s.words.iter().map(|w| w.form.as_str()),
                    &mut scratch,
                    &mut out,
                );
                for (i, w) in s.words.iter().enumerate() {
                    c.words += 1;
                    c.upos += (w.upos == Some(out.upos[i])) as usize;
                    if w.lemma != "_" {
                        c.lemma_words += 1;
                        c.lemma += (w.lemma == out.lemma(i)) as usize;
                    }
                    if let (Some(h), Some(d)) = (w.head, w.deprel) {
                        c.tree_words += 1;
                        let head_ok = h == out.heads[i];
                        let base_ok = head_ok && d.base() == out.deprels[i].base();
                        c.uas += head_ok as usize;
                        c.las += base_ok as usize;
                        c.las_full += (head_ok && d == out.deprels[i]) as usize;
                        let e = c.labels.entry(d.base().as_str()).or_default();
                        e.0 += 1;
                        e.1 += base_ok as usize;
                    }
                }
                (c, scratch, out)
            },
        )
        .map(|(c, _, _)| c)
        .reduce(Counts::default, |mut a, b| {
            a.words += b.words;
            a.upos += b.upos;
            a.lemma += b.lemma;
            a.lemma_words += b.lemma_words;
            a.uas += b.uas;
            a.las += b.las;
            a.las_full += b.las_full;
            a.tree_words += b.tree_words;
            for (k, (g, r)) in b.labels {
                let e = a.labels.entry(k).or_default();
                e.0 += g;
                e.1 += r;
            }
            a
        });
    let frac = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut per_label: Vec<LabelScore> = counts
        .labels
        .iter()
        .map(|(&label, &(gold, correct))| LabelScore {
            label: label.to_string(),
            gold,
            correct,
            las: frac(correct, gold),
        })
        .collect();
    per_label.sort_by(|a, b| b.gold.cmp(&a.gold).then(a.label.cmp(&b.label)));
    Scores {
        sentences: sentences.len(),
        words: counts.words,
        upos: frac(counts.upos, counts.words),
        lemma: frac(counts.lemma, counts.lemma_words),
        uas: frac(counts.uas, counts.tree_words),
        las: frac(counts.las, counts.tree_words),
        las_full: frac(counts.las_full, counts.tree_words),
        per_label,
    }
}
