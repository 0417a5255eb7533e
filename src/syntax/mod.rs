//! Syntax: every word's universal part of speech, lemma, head and UD relation.
//!
//! For now it holds the labels, parsed once into enums: [`Upos`] and [`DepRel`] (UD v2,
//! with the subtypes UD English EWT uses). The UPOS tagger, lemmatizer and dependency
//! parser that will fill them are not built yet.

mod labels;

pub use labels::{DepRel, Upos};
