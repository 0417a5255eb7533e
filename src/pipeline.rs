//! The pipeline: segment -> recognize -> resolve -> relate, over one article or many.
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
use rayon::prelude::*;
use std::sync::Arc;

pub struct Pipeline {
    segmenter: Segmenter,
    recognizer: Recognizer,
    resolver: Resolver,
    relater: Relater,
}

impl Pipeline {
    /// A pipeline over the given tables, with the tagger if one is given.
    pub fn new(lexicon: Arc<Lexicon>, tagger: Option<&'static Tagger>) -> Pipeline {
        Pipeline {
            segmenter: Segmenter,
            recognizer: Recognizer::new(lexicon.clone(), tagger),
            resolver: Resolver::new(lexicon.clone()),
            relater: Relater::new(lexicon),
        }
    }

    /// The built-in tables and the built-in tagger model.
    pub fn builtin() -> Pipeline {
        Pipeline::new(Arc::new(Lexicon::builtin().clone()), Tagger::builtin())
    }

    /// Run every stage on one article.
    pub fn process(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        self.segmenter.apply(&mut doc);
        self.recognizer.apply(&mut doc);
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
