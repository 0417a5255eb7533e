//! Mention recognition (to be written)

pub mod tagger;
