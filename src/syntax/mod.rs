//! Syntax: every word's universal part of speech, lemma, head and UD relation.
//!
//! Labels are the enums of [`labels`]; the model ([`SyntaxModel`]) is a greedy UPOS tagger,
//! a lemmatizer and a transition-based dependency parser, all trained on UD English EWT.

mod labels;

pub use labels::{DepRel, Upos};
