//! The parse stage: tags, lemmatizes and parses a document's sentences.
//!
//! Reads `Doc::tokens` and `Doc::sentences` (the segmenter's tokens follow UD English
//! EWT's, the treebank the model learned from); assigns every token of a parsed sentence
//! its `upos`, `head` (a doc-wide token index, `None` for the root) and `deprel`, writes
//! every token's lemma into `Doc::lemma_text`/`lemma_spans`, and sets
//! `Sentence::parsed`. In the pipeline the stage runs after recognition and parses only
//! the sentences that can hold a relation (two or more mentions, [`ParseStage::only_with`]):
//! on the BBC corpus that keeps the stage's cost within budget; the other sentences keep
//! unparsed tokens and their lowercased text as lemmas. `newsgraph parse` parses them all.

use super::{Analysis, Scratch, Syntax};
use crate::doc::{Doc, Span};
use std::cell::RefCell;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct ParseStage {
    model: Arc<Syntax>,
    min_mentions: usize,
}

thread_local! {
    static BUFFERS: RefCell<(Scratch, Analysis)> = RefCell::new(Default::default());
}

impl ParseStage {
    pub fn new(model: Arc<Syntax>) -> ParseStage {
        ParseStage {
            model,
            min_mentions: 0,
        }
    }

    /// Parse only sentences with at least `n` mentions (`Doc::mentions` must be filled).
    pub fn only_with(mut self, n: usize) -> ParseStage {
        self.min_mentions = n;
        self
    }

    pub fn apply(&self, doc: &mut Doc) {
        BUFFERS.with(|b| {
            let (scratch, out) = &mut *b.borrow_mut();
            self.apply_with(doc, scratch, out)
        })
    }

    fn apply_with(&self, doc: &mut Doc, scratch: &mut Scratch, out: &mut Analysis) {
        let mut counts = vec![
            0usize;
            if self.min_mentions > 0 {
                doc.sentences.len()
            } else {
                0
            }
        ];
        for m in &doc.mentions {
            if let Some(c) = counts.get_mut(m.sentence) {
                *c += 1;
            }
        }
        let Doc {
            article,
            sentences,
            tokens,
            lemma_text,
            lemma_spans,
            ..
        } = doc;
        let text = article.text.as_str();
        lemma_text.clear();
        lemma_spans.clear();
        lemma_text.reserve(text.len());
        lemma_spans.reserve(tokens.len());
        for sentence in sentences.iter_mut() {
            let range = sentence.tokens.clone();
            let forms = tokens[range.clone()]
                .iter()
                .map(|t| &text[t.span.start..t.span.end]);
            if range.is_empty() {
                continue;
            }
            self.model.analyze(forms, scratch, out);
            let base = lemma_text.len();
            lemma_text.push_str(&out.lemmas);
            for (k, i) in range.clone().enumerate() {
                let t = &mut tokens[i];
                t.upos = out.upos[k];
                t.deprel = out.deprels[k];
                t.head = match out.heads[k] {
                    0 => None,
                    h => Some((range.start + h as usize - 1) as u32),
                };
                let start = if k == 0 {
                    0
                } else {
                    out.lemma_ends[k - 1] as usize
                };
                lemma_spans.push(Span::new(base + start, base + out.lemma_ends[k] as usize));
            }
            sentence.parsed = true;
        }
    }
}
