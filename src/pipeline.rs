//! The pipeline: segment -> recognize -> parse -> resolve -> relate, over one article or
//! many.
//!
//! A [`Pipeline`] holds its tables and models by `Arc` and is `Sync`;
//! [`Pipeline::extract_batch`] runs articles in parallel with rayon and returns results in
//! input order, so output never depends on the thread count. Build one with
//! [`Pipeline::builtin`] (every table and model compiled into the binary) or
//! [`Pipeline::builder`], which lets a caller give other tables, another syntax model
//! (loaded from a path with [`Syntax::load`]) or none: without the parse stage event
//! relations are not found (they are read from the parse), and structural ones still are.
//!
//! The parse stage parses only the sentences that can hold a relation: those with two or
//! more mentions (pronouns included).

use crate::doc::{Article, Doc};
use crate::extract::ExtractedDoc;
use crate::lexicon::Lexicon;
use crate::recognize::{tagger::Tagger, Recognizer};
use crate::relate::Relater;
use crate::resolve::Resolver;
use crate::segment::Segmenter;
use crate::syntax::{stage::ParseStage, Syntax};
use rayon::prelude::*;
use std::sync::Arc;

/// The built-in syntax model, for [`PipelineBuilder::syntax`].
pub fn builtin_syntax() -> Arc<Syntax> {
    Syntax::builtin_arc()
}

/// Chooses a pipeline's tables and models; [`PipelineBuilder::build`] compiles them once.
/// A built-in table or model is loaded only when the pipeline is built with it: a
/// builder told `.syntax(None)` never reads the syntax model.
#[derive(Clone)]
pub struct PipelineBuilder {
    /// `None`: the built-in tables.
    lexicon: Option<Arc<Lexicon>>,
    /// `None`: the built-in tagger; `Some(None)`: tables and rules only.
    tagger: Option<Option<&'static Tagger>>,
    /// `None`: the built-in model; `Some(None)`: no parse stage.
    syntax: Option<Option<Arc<Syntax>>>,
    /// Parse every sentence, not only those that can hold a relation.
    parse_every_sentence: bool,
}

impl PipelineBuilder {
    /// Other tables (e.g. [`Lexicon::with_overrides`]).
    pub fn lexicon(mut self, lexicon: Arc<Lexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }
    /// Another entity tagger, or none (tables and rules only).
    pub fn tagger(mut self, tagger: Option<&'static Tagger>) -> Self {
        self.tagger = Some(tagger);
        self
    }
    /// Another syntax model, or none (no parse stage, no event relations).
    pub fn syntax(mut self, syntax: Option<Arc<Syntax>>) -> Self {
        self.syntax = Some(syntax);
        self
    }
    /// Parse every sentence (`newsgraph parse --pipeline`), not only those with two or
    /// more mentions, where relations can be ([`ParseStage::only_with`]).
    pub fn parse_every_sentence(mut self) -> Self {
        self.parse_every_sentence = true;
        self
    }
    pub fn build(self) -> Pipeline {
        let lexicon = self.lexicon.unwrap_or_else(Lexicon::builtin_arc);
        let tagger = self.tagger.unwrap_or_else(Tagger::builtin);
        let syntax = self.syntax.unwrap_or_else(|| Some(builtin_syntax()));
        Pipeline {
            segmenter: Segmenter,
            parser: syntax.map(|m| {
                ParseStage::new(m).only_with(if self.parse_every_sentence { 0 } else { 2 })
            }),
            recognizer: Recognizer::new(lexicon.clone(), tagger),
            resolver: Resolver::new(lexicon.clone()),
            relater: Relater::new(lexicon),
        }
    }
}

pub struct Pipeline {
    segmenter: Segmenter,
    parser: Option<ParseStage>,
    recognizer: Recognizer,
    resolver: Resolver,
    relater: Relater,
}

impl Pipeline {
    /// A builder starting from the built-in tables, tagger and syntax model (none of
    /// them loaded until [`PipelineBuilder::build`], and only those still chosen then).
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            lexicon: None,
            tagger: None,
            syntax: None,
            parse_every_sentence: false,
        }
    }

    /// A pipeline over the given tables, with the tagger if one is given, and the
    /// built-in syntax model.
    pub fn new(lexicon: Arc<Lexicon>, tagger: Option<&'static Tagger>) -> Pipeline {
        Pipeline::builder().lexicon(lexicon).tagger(tagger).build()
    }

    /// The built-in tables and models.
    pub fn builtin() -> Pipeline {
        Pipeline::builder().build()
    }

    /// Run every stage on one article.
    pub fn process(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        self.segmenter.apply(&mut doc);
        self.recognizer.apply(&mut doc);
        if let Some(p) = &self.parser {
            p.apply(&mut doc);
        }
        self.resolver.apply(&mut doc);
        self.relater.apply(&mut doc);
        doc
    }

    pub fn extract(&self, article: Article) -> ExtractedDoc {
        ExtractedDoc::from_doc(&self.process(article))
    }

    /// Extract many articles in parallel; results in input order.
    pub fn extract_batch(&self, articles: Vec<Article>) -> Vec<ExtractedDoc> {
        articles.into_par_iter().map(|a| self.extract(a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Pipeline>();
    }
}
