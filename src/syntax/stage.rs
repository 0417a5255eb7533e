//! The parse stage: tags, lemmatizes and parses a document's sentences.
//!
//! Reads `Doc::tokens` and `Doc::sentences` (the segmenter's tokens follow UD English
//! EWT's, the treebank the model learned from); assigns every token of a parsed sentence
//! its `upos`, `head` (a doc-wide token index, `None` for the root) and `deprel`, writes
//! every token's lemma into `Doc::lemma_text`/`lemma_spans`, and sets
//! `Sentence::parsed`. The words of the names recognition found are tagged as proper
//! nouns where the tagger reads them as anything but a noun or adjective
//! ([`Syntax::analyze_names`]; `newsgraph parse`, which recognizes nothing, shows the
//! tagger's own reading). In the pipeline the stage runs after recognition and parses only
//! the sentences that can hold a relation (two or more mentions, pronouns and short
//! nominals such as "the company" counted as mentions, [`ParseStage::only_with`]):
//! on the BBC corpus that keeps the stage's cost within budget; the other sentences keep
//! unparsed tokens and their lowercased text as lemmas. `newsgraph parse` parses them all.

use super::tagger::NameWord;
use super::{Analysis, Scratch, Syntax};
use crate::doc::{Doc, EntityKind, MentionForm, Span, Token};
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
        let names = name_words(doc);
        let mut counts = vec![0usize; doc.sentences.len()];
        if self.min_mentions > 0 {
            for m in &doc.mentions {
                if let Some(c) = counts.get_mut(m.sentence) {
                    *c += 1;
                }
            }
            // Pronouns and short nominals count too: coreference makes them mentions
            // later ("He criticised her."), and it needs the parse to link them.
            for (k, s) in doc.sentences.iter().enumerate() {
                if counts[k] >= self.min_mentions || doc.in_boilerplate(s.span) {
                    continue;
                }
                for i in s.tokens.clone() {
                    counts[k] += crate::relate::may_corefer(doc, i);
                    if counts[k] >= self.min_mentions {
                        break;
                    }
                }
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
        for (k, sentence) in sentences.iter_mut().enumerate() {
            let range = sentence.tokens.clone();
            if range.is_empty()
                || range.start < lemma_spans.len()
                || range.end > tokens.len()
                || (self.min_mentions > 0 && counts[k] < self.min_mentions)
            {
                continue;
            }
            lowercase_up_to(text, tokens, range.start, lemma_text, lemma_spans);
            let forms = tokens[range.clone()]
                .iter()
                .map(|t| &text[t.span.start..t.span.end]);
            self.model
                .analyze_names(forms, &names[range.clone()], scratch, out);
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
        lowercase_up_to(text, tokens, tokens.len(), lemma_text, lemma_spans);
    }
}

/// Per token: whether it is a capitalized word of a name recognition found (a person,
/// organization, country or place named, not a demonym, title, pronoun or short nominal),
/// other than the determiners and prepositions names hold ("The", "of", "Without"); see
/// [`Syntax::analyze_names`].
fn name_words(doc: &Doc) -> Vec<NameWord> {
    let mut out = vec![NameWord::None; doc.tokens.len()];
    for m in &doc.mentions {
        let named = matches!(
            m.form,
            MentionForm::Name
                | MentionForm::Alias
                | MentionForm::Acronym
                | MentionForm::Surname
                | MentionForm::Metonym
        ) && matches!(
            m.kind,
            EntityKind::Person
                | EntityKind::Organization
                | EntityKind::Country
                | EntityKind::Location
        );
        if !named {
            continue;
        }
        let n = out.len();
        for i in m.tokens.clone().filter(|&i| i < n) {
            let text = doc.token_text(i);
            if text.chars().next().is_some_and(char::is_uppercase)
                && !crate::words::is_function_word(text)
            {
                out[i] = if m.kind == EntityKind::Person {
                    NameWord::Person
                } else {
                    NameWord::Name
                };
            }
        }
    }
    out
}

/// Gives the tokens from `lemma_spans.len()` up to `end` (unparsed ones) their lowercased
/// text as lemma.
fn lowercase_up_to(
    text: &str,
    tokens: &[Token],
    end: usize,
    lemma_text: &mut String,
    lemma_spans: &mut Vec<Span>,
) {
    while lemma_spans.len() < end {
        let t = &tokens[lemma_spans.len()];
        let start = lemma_text.len();
        for c in text[t.span.start..t.span.end].chars() {
            lemma_text.extend(c.to_lowercase());
        }
        lemma_spans.push(Span::new(start, lemma_text.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Article, EntityKind, Mention, MentionForm, MentionSource};
    use crate::segment::Segmenter;

    fn mention(doc: &Doc, sentence: usize, token: usize) -> Mention {
        let i = doc.sentences[sentence].tokens.start + token;
        Mention {
            span: doc.tokens[i].span,
            tokens: i..i + 1,
            kind: EntityKind::Country,
            form: MentionForm::Name,
            entity: None,
            source: MentionSource::Gazetteer,
            sentence,
        }
    }

    /// A document of `text`, segmented.
    fn segmented(text: &str) -> Doc {
        let mut doc = Doc::new(Article {
            id: "t".into(),
            text: text.into(),
            ..Article::default()
        });
        Segmenter.apply(&mut doc);
        doc
    }

    #[test]
    fn the_words_of_a_recognized_name_are_never_tagged_as_adverbs() {
        let text = "Moscow on Wednesday rejected the offer of the Hague talks.";
        let mut doc = segmented(text);
        let hague = Mention {
            span: Span::new(
                text.find("the Hague").unwrap(),
                text.find(" talks").unwrap(),
            ),
            tokens: 7..9,
            kind: EntityKind::Location,
            form: MentionForm::Name,
            entity: None,
            source: MentionSource::Gazetteer,
            sentence: 0,
        };
        let mut demonym = mention(&doc, 0, 2);
        demonym.form = MentionForm::Demonym;
        doc.mentions = vec![mention(&doc, 0, 0), demonym, hague];
        // Capitalized name words only, not a demonym's nor a name's function words.
        let names = name_words(&doc);
        let (n, o) = (NameWord::Name, NameWord::None);
        assert_eq!(names, [n, o, o, o, o, o, o, o, n, o, o]);
        ParseStage::new(Syntax::builtin_arc()).apply(&mut doc);
        assert_eq!(doc.tokens[0].upos, crate::syntax::Upos::Propn);
        assert_eq!(doc.tokens[3].upos, crate::syntax::Upos::Verb);
    }

    #[test]
    fn a_persons_name_is_a_proper_noun_even_where_the_tagger_reads_an_adjective() {
        // "Short" (Clare Short) in a headline: read as an adjective, it made "attacks" a
        // noun; as a name, "attacks" is the verb.
        let mut doc = segmented("Short attacks US over tsunami aid");
        let mut short = mention(&doc, 0, 0);
        short.kind = EntityKind::Person;
        short.form = MentionForm::Surname;
        doc.mentions = vec![short, mention(&doc, 0, 2)];
        let names = name_words(&doc);
        assert_eq!(
            names[..3],
            [NameWord::Person, NameWord::None, NameWord::Name]
        );
        ParseStage::new(Syntax::builtin_arc()).apply(&mut doc);
        assert_eq!(doc.tokens[0].upos, crate::syntax::Upos::Propn);
        assert_eq!(doc.tokens[1].upos, crate::syntax::Upos::Verb);
        assert_eq!(doc.tokens[0].head, Some(1));
    }

    #[test]
    fn only_sentences_with_enough_mentions_are_parsed() {
        let mut doc =
            segmented("Russia and Ukraine met in Istanbul. The Talks Went on. France waited.");
        assert_eq!(doc.sentences.len(), 3);
        doc.mentions = vec![
            mention(&doc, 0, 0),
            mention(&doc, 0, 2),
            mention(&doc, 2, 0),
        ];
        let stage = ParseStage::new(Syntax::builtin_arc()).only_with(2);
        stage.apply(&mut doc);
        let parsed: Vec<bool> = doc.sentences.iter().map(|s| s.parsed).collect();
        assert_eq!(parsed, [true, false, false]);
        // The parsed sentence has one root and heads inside it.
        let first = doc.sentences[0].tokens.clone();
        let roots = first
            .clone()
            .filter(|&i| doc.tokens[i].head.is_none())
            .count();
        assert_eq!(roots, 1);
        assert_eq!(doc.lemma(first.start + 3), "meet");
        // The others keep unparsed tokens and lowercased text as lemmas.
        for i in doc.sentences[1].tokens.clone() {
            let t = &doc.tokens[i];
            assert!(t.head.is_none() && t.upos == crate::syntax::Upos::X);
            assert_eq!(doc.lemma(i), doc.token_text(i).to_lowercase());
        }
        assert_eq!(doc.lemma(doc.sentences[1].tokens.start + 1), "talks");
        assert_eq!(doc.lemma_spans.len(), doc.tokens.len());

        // Without the condition every sentence is parsed.
        ParseStage::new(Syntax::builtin_arc()).apply(&mut doc);
        assert!(doc.sentences.iter().all(|s| s.parsed));
        assert_eq!(doc.lemma_spans.len(), doc.tokens.len());
    }
}
