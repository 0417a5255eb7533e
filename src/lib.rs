//! newsgraph: turn news articles into a knowledge graph.
//!
//! Articles are read ([`article`]), segmented ([`segment`]), their mentions of people,
//! countries, organizations, positions and places recognized ([`recognize`]) and resolved
//! to canonical entities ([`resolve`]), relations between them found ([`relate`]), and
//! all articles merged into one [`graph::Graph`] that [`export`] writes as GraphML, GEXF,
//! DOT, CSV or JSON and [`query`] answers questions about.

pub mod article;
pub mod conll;
pub mod diff;
pub mod doc;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod graph_build;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod query;
pub mod recognize;
pub mod relate;
pub mod resolve;
pub mod segment;

pub use doc::{Article, Doc, EntityKind, MentionForm, Modality, RelationKind, Span};
pub use error::{Error, Result};
pub use graph::Graph;
