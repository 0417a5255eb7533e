//! The pipeline: segment -> recognize -> parse -> resolve -> relate, over one article or
//! many. The parse stage is optional ([`Pipeline::with_syntax`]); the built-in pipelines
//! have it off until relations read the parse (issue 10): it parses the sentences with two
//! or more mentions and today costs about two thirds of `extract`'s throughput.
//!
//! A [`Pipeline`] compiles its tables once and is `Sync`; [`Pipeline::extract_batch`]
//! runs articles in parallel with rayon and returns results in input order, so output
//! never depends on the thread count.

use crate::doc::{Article, Doc};
use crate::extract::ExtractedDoc;
use crate::lexicon::Lexicon;
use crate::recognize::{tagger::Tagger, Recognizer};
use crate::relate::Relater;
use crate::resolve::Resolver;
use crate::segment::Segmenter;
use crate::syntax::{stage::ParseStage, Syntax};

/// The built-in syntax model, for [`Pipeline::with_syntax`].
pub fn builtin_syntax() -> Arc<Syntax> {
    Syntax::builtin_arc()
}
use rayon::prelude::*;
use std::sync::Arc;

pub struct Pipeline {
    segmenter: Segmenter,
    parser: Option<ParseStage>,
    recognizer: Recognizer,
    resolver: Resolver,
    relater: Relater,
}

impl Pipeline {
    /// A pipeline over the given tables, with the tagger if one is given, without the
    /// parse stage (add it with [`Pipeline::with_syntax`]).
    pub fn new(lexicon: Arc<Lexicon>, tagger: Option<&'static Tagger>) -> Pipeline {
        Pipeline {
            segmenter: Segmenter,
            parser: None,
            recognizer: Recognizer::new(lexicon.clone(), tagger),
            resolver: Resolver::new(lexicon.clone()),
            relater: Relater::new(lexicon),
        }
    }

    /// The built-in tables and the built-in tagger model.
    pub fn builtin() -> Pipeline {
        Pipeline::new(Arc::new(Lexicon::builtin().clone()), Tagger::builtin())
    }

    /// The same pipeline with another syntax model, or none (sentences stay unparsed).
    pub fn with_syntax(mut self, model: Option<Arc<Syntax>>) -> Pipeline {
        self.parser = model.map(|m| ParseStage::new(m).only_with(2));
        self
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
