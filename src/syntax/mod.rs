//! Syntax: every word's universal part of speech, lemma, head and UD relation.
//!
//! Three learned parts, trained together on a UD treebank by `newsgraph train-parser`
//! ([`train`]) and stored in one model file (`data/models/syntax.bin`, built into the
//! binary):
//! - [`tagger`]: UPOS, a greedy averaged perceptron with a tag dictionary;
//! - [`lemma`]: lemmas from learned suffix rules and an exception table;
//! - [`parser`]: heads and labels, greedy arc-hybrid transitions with a dynamic oracle,
//!   each arc labelled as it is made.
//!
//! The tagger and the parser also read word clusters learned from unlabeled text
//! ([`crate::learn::clusters`], `data/models/clusters.bin`); the model file carries its
//! own copy.
//!
//! The labels are enums parsed once ([`Upos`], [`DepRel`]). [`Syntax::analyze`] runs all
//! three over one sentence's words, reusing a [`Scratch`], so nothing is allocated per
//! word once the buffers have grown.

mod labels;
pub mod lemma;
pub mod parser;
mod repair;
pub mod stage;
pub mod tagger;
pub mod train;
pub mod words;

pub use labels::{DepRel, Upos};

use crate::error::{Error, Result};
use crate::learn::clusters::Clusters;
use crate::learn::format;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tagger::NameWord;

const MAGIC: &[u8; 8] = b"NGSYNTX\x01";
const VERSION: u32 = 2;
const RETRAIN: &str = "newsgraph train-parser --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --out data/models/syntax.bin";

/// The tagger, lemmatizer and parser of one model file, with the word clusters their
/// features read.
#[derive(Debug, Clone)]
pub struct Syntax {
    pub clusters: Clusters,
    pub tagger: tagger::PosTagger,
    pub lemmatizer: lemma::Lemmatizer,
    pub parser: parser::Parser,
}

/// What the parse repairs ([`repair`]) ask of a word's form, as bits.
struct FormFlags;

impl FormFlags {
    const COMMA: u8 = 1;
    /// A subordinator of time ("after", "before", "since", "until").
    const SUBORDINATOR: u8 = 2;
    /// A closing quote mark.
    const QUOTE: u8 = 4;
    /// A verb of speech ([`crate::words::is_speech_verb`]).
    const SPEECH: u8 = 8;
    const BY: u8 = 16;

    fn of(f: &str) -> u8 {
        let mut flags = 0;
        if f == "," {
            flags |= Self::COMMA;
        }
        if ["after", "before", "since", "until"]
            .iter()
            .any(|w| f.eq_ignore_ascii_case(w))
        {
            flags |= Self::SUBORDINATOR;
        }
        if matches!(f, "\"" | "”" | "’" | "''") {
            flags |= Self::QUOTE;
        }
        if crate::words::is_speech_verb(f) {
            flags |= Self::SPEECH;
        }
        if f.eq_ignore_ascii_case("by") {
            flags |= Self::BY;
        }
        flags
    }
}

/// Buffers [`Syntax::analyze`] reuses from sentence to sentence.
#[derive(Debug, Default)]
pub struct Scratch {
    words: Vec<words::Word>,
    /// Per word: what the repairs ask of its form ([`FormFlags`]), found in one pass.
    forms: Vec<u8>,
    tag: tagger::TagScratch,
    parse: parser::ParseScratch,
}

/// One sentence's analysis: per word its UPOS, head (0 = root, else 1-based), relation
/// and lemma (`lemmas[lemma_ends[i-1]..lemma_ends[i]]`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: Vec<Upos>,
    pub heads: Vec<u32>,
    pub deprels: Vec<DepRel>,
    pub lemmas: String,
    pub lemma_ends: Vec<u32>,
}

impl Analysis {
    pub fn len(&self) -> usize {
        self.upos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }

    /// The lemma of word `i`.
    pub fn lemma(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.lemma_ends[i - 1] as usize
        };
        &self.lemmas[start..self.lemma_ends[i] as usize]
    }
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../../data/models/syntax.bin");

fn builtin_shared() -> &'static Arc<Syntax> {
    static BUILTIN: OnceLock<Arc<Syntax>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        Arc::new(Syntax::read(BUILTIN_BYTES, true).expect("the built-in syntax model is valid"))
    })
}

impl Syntax {
    /// The model built into the binary (trained on UD English EWT; see
    /// `data/models/PROVENANCE.md`).
    pub fn builtin() -> &'static Syntax {
        builtin_shared()
    }

    /// The built-in model, shared (for pipelines that hold their models by `Arc`).
    pub fn builtin_arc() -> Arc<Syntax> {
        builtin_shared().clone()
    }

    /// Reads a model file written by [`Syntax::to_bytes`].
    pub fn load(path: &Path) -> Result<Syntax> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Syntax::from_bytes(&bytes)
            .map_err(|m| Error::parse(path, None, format!("syntax model: {m}")))
    }

    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Syntax, String> {
        Syntax::read(bytes, false)
    }

    /// Reads a model file; `builtin`: bytes compiled into the binary, whose checksum a
    /// test checks ([`format::Reader::open_builtin`]).
    fn read(bytes: &[u8], builtin: bool) -> std::result::Result<Syntax, String> {
        let open = if builtin {
            format::Reader::open_builtin
        } else {
            format::Reader::open
        };
        let mut r = open(bytes, MAGIC, VERSION, RETRAIN)?;
        let clusters = Clusters::read(&mut r)?;
        let tagger = tagger::PosTagger::read(&mut r)?;
        let lemmatizer = lemma::Lemmatizer::read(&mut r)?;
        let parser = parser::Parser::read(&mut r)?;
        r.end()?;
        Ok(Syntax {
            clusters,
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model file's bytes (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = format::Writer::new(MAGIC, VERSION);
        self.clusters.write(&mut w);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        w.finish()
    }

    /// Tags, lemmatizes and parses one sentence's words into `out`.
    pub fn analyze<'a, I>(&self, forms: I, scratch: &mut Scratch, out: &mut Analysis)
    where
        I: Iterator<Item = &'a str> + Clone,
    {
        self.analyze_names(forms, &[], scratch, out)
    }

    /// A present verb right after a person's name, read as a plural noun: "John Bolton
    /// meets Tony Blair", "Short attacks US" (the tagger learned from web text, where a
    /// name before a plural is mostly its modifier). A word in "-s" that took the verb tag
    /// in training, or whose stem did, is the verb after a person's name that no
    /// determiner opens ("the Bush cuts").
    fn verbs_after_persons<'a, I>(
        &self,
        forms: I,
        names: &[NameWord],
        words: &[words::Word],
        upos: &mut [Upos],
    ) where
        I: Iterator<Item = &'a str> + Clone,
    {
        let person = |i: usize| names.get(i) == Some(&NameWord::Person);
        for (i, form) in forms.clone().enumerate().skip(1) {
            if upos[i] != Upos::Noun || !person(i - 1) || person(i) {
                continue;
            }
            let plain_s = form.len() > 3
                && form.ends_with('s')
                && !form.ends_with("'s")
                && form.starts_with(|c: char| c.is_ascii_lowercase());
            // The word, or its stem ("meets" is rare in the treebank, "meet" is not).
            let verb = |w: &words::Word| self.tagger.may_be(w, Upos::Verb);
            let stem = |cut: usize| form.get(..form.len() - cut).map(words::Word::new);
            if !plain_s
                || !(verb(&words[i])
                    || stem(1).is_some_and(|w| verb(&w))
                    || form.ends_with("es") && stem(2).is_some_and(|w| verb(&w)))
            {
                continue;
            }
            let start = (0..i).rev().take_while(|&k| person(k)).last().unwrap_or(i);
            let determined = start > 0
                && forms.clone().nth(start - 1).is_some_and(|f| {
                    ["the", "a", "an", "this", "that"]
                        .iter()
                        .any(|d| f.eq_ignore_ascii_case(d))
                });
            if !determined {
                upos[i] = Upos::Verb;
            }
        }
    }

    /// [`Syntax::analyze`], knowing which words belong to names recognition found
    /// (`names[i]`): such a word is a proper noun when the tagger reads it as anything but
    /// a noun or an adjective, and a person's always ([`tagger::NameWord`]). The tagger
    /// learned from web text and misreads news names, most often first in a sentence
    /// ("Moscow on Wednesday rejected": an adverb; "Orlov, a Russian lawmaker, accused":
    /// an interjection; "Short attacks US": an adjective), and the parser follows its tags.
    pub fn analyze_names<'a, I>(
        &self,
        forms: I,
        names: &[NameWord],
        scratch: &mut Scratch,
        out: &mut Analysis,
    ) where
        I: Iterator<Item = &'a str> + Clone,
    {
        scratch.words.clear();
        scratch.words.extend(
            forms
                .clone()
                .map(|f| words::Word::with_clusters(f, &self.clusters)),
        );
        self.tagger
            .tag(&scratch.words, names, &mut scratch.tag, &mut out.upos);
        self.verbs_after_persons(forms.clone(), names, &scratch.words, &mut out.upos);
        self.parser.parse(
            &scratch.words,
            &out.upos,
            &mut scratch.parse,
            &mut out.heads,
            &mut out.deprels,
        );
        scratch.forms.clear();
        scratch.forms.extend(forms.clone().map(FormFlags::of));
        let is = |flag: u8| {
            let flags = &scratch.forms;
            move |i: usize| flags[i] & flag != 0
        };
        let (upos, heads, deprels) = (&out.upos, &mut out.heads, &mut out.deprels);
        repair::fronted_subject(upos, heads, deprels, is(FormFlags::COMMA));
        repair::nominal_conjunct_of_verb(upos, heads, deprels, is(FormFlags::COMMA));
        repair::title_domain_before_name(upos, heads, deprels);
        repair::verb_read_as_modifier(upos, heads, deprels);
        repair::adjective_under_copula(upos, heads, deprels);
        repair::copula_on_reporting_verb(upos, heads, deprels);
        repair::subject_after_subordinator(upos, heads, deprels, is(FormFlags::SUBORDINATOR));
        repair::agent_under_clause(upos, heads, deprels, is(FormFlags::BY));
        repair::subject_after_quote(
            upos,
            heads,
            deprels,
            is(FormFlags::QUOTE),
            is(FormFlags::SPEECH),
        );
        out.lemmas.clear();
        out.lemma_ends.clear();
        for ((form, &upos), w) in forms.zip(&out.upos).zip(&scratch.words) {
            self.lemmatizer
                .lemmatize_hashed_into(form, w.lower, upos, &mut out.lemmas);
            out.lemma_ends.push(out.lemmas.len() as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_passes_its_checksum() {
        // Syntax::builtin skips it (format::Reader::open_builtin).
        let checked = Syntax::from_bytes(BUILTIN_BYTES).expect("checksum and format");
        assert_eq!(checked.to_bytes(), Syntax::builtin().to_bytes());
    }
}
