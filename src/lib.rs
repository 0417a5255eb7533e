//! newsgraph: turn news articles into a knowledge graph.
//!
//! Articles are read ([`article`]), segmented ([`segment`]), their mentions of people,
//! countries, organizations, positions and places recognized ([`recognize`]) and resolved
//! to canonical entities ([`resolve`]), relations between them found ([`relate`]), and
//! all articles merged into one [`graph::Graph`] that [`export`] writes as GraphML, GEXF,
//! DOT, CSV or JSON and [`query`] answers questions about.
//!
//! ```
//! use newsgraph::{pipeline::Pipeline, Article, Graph, RelationKind};
//!
//! let pipeline = Pipeline::builtin(); // tables and tagger compiled in, built once
//! let doc = pipeline.extract(Article {
//!     id: "a1".into(),
//!     text: "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State \
//!            Antony Blinken in Geneva on Friday.".into(),
//!     ..Default::default()
//! });
//! assert!(doc.entities.iter().any(|m| m.entity == "person:sergei-lavrov"));
//! assert!(doc.entities.iter().any(|m| m.entity == "position:foreign-minister@RUS"));
//!
//! let graph = Graph::from_docs([&doc]);
//! let met = graph.edges.iter().find(|e| e.relation == RelationKind::Meets).unwrap();
//! assert_eq!((met.source.as_str(), met.target.as_str()), ("person:antony-blinken", "person:sergei-lavrov"));
//! assert_eq!(met.evidence.len(), 1); // every edge carries the sentence that proves it
//! ```

pub mod article;
pub mod conll;
pub mod conllu;
pub mod diff;
pub mod doc;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod graph_build;
pub mod hash;
pub mod learn;
pub mod lexicon;
pub mod merge;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod query;
pub mod recognize;
pub mod record;
pub mod relate;
pub mod resolve;
pub mod segment;
pub mod syntax;
pub mod words;

pub use doc::{Article, Doc, EntityKind, MentionForm, Modality, RelationKind, Span};
pub use error::{Error, Result};
pub use graph::Graph;
