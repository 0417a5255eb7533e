//! The map step: a processed [`Doc`] (byte offsets) turned into its interchange record,
//! an [`ExtractedDoc`] (character offsets), one JSON line of `extract`. The record
//! types themselves live in [`crate::record`] (re-exported here), so that graph
//! building and merging never depend on this module or the NLP stages.

use crate::doc::Doc;
use crate::record::TextSpan;
pub use crate::record::{CorefOut, ExtractedDoc, MentionOut, NodeOut, RelationOut};

impl ExtractedDoc {
    /// Convert a processed [`Doc`] (byte offsets) to its output form (character offsets).
    pub fn from_doc(doc: &Doc) -> ExtractedDoc {
        let text = doc.text();
        let chars = CharIndex::new(text);
        let span = |s: crate::doc::Span| TextSpan {
            start: chars.of(s.start),
            end: chars.of(s.end),
            text: text[s.start..s.end].to_string(),
        };
        // Pronouns and nominals are kept only as relation arguments (with their
        // antecedents), not listed as entity mentions.
        let entities = doc
            .mentions
            .iter()
            .filter(|m| !m.form.is_coref())
            .filter_map(|m| {
                Some(MentionOut {
                    start: chars.of(m.span.start),
                    end: chars.of(m.span.end),
                    text: doc.slice(m.span).to_string(),
                    kind: m.kind,
                    form: m.form,
                    entity: m.entity.clone()?,
                })
            })
            .collect();
        // A pronoun or nominal end: its form and the antecedent coreference linked it to.
        let coref = |m: usize| {
            let mention = &doc.mentions[m];
            if !mention.form.is_coref() {
                return None;
            }
            let (_, a) = doc.antecedents.iter().find(|(x, _)| *x == m)?;
            Some(crate::record::CorefOut {
                form: mention.form,
                antecedent: span(doc.mentions[*a].span),
            })
        };
        // Each evidence sentence is cleaned once, however many relations it supports.
        let mut sentences: crate::hash::FastMap<usize, String> = Default::default();
        let relations = doc
            .relations
            .iter()
            .filter_map(|r| {
                let s = &doc.mentions[r.source];
                let t = &doc.mentions[r.target];
                let sentence = sentences
                    .entry(r.sentence)
                    .or_insert_with(|| clean_sentence(doc.slice(doc.sentences[r.sentence].span)))
                    .clone();
                Some(RelationOut {
                    kind: r.kind,
                    source: r.source_entity.clone().or_else(|| s.entity.clone())?,
                    target: r.target_entity.clone().or_else(|| t.entity.clone())?,
                    modality: r.modality,
                    reported: r.reported,
                    reported_by: r.reported_by.and_then(|i| doc.mentions[i].entity.clone()),
                    sentence_index: r.sentence,
                    sentence,
                    trigger: span(r.trigger),
                    source_mention: span(r.source_span.unwrap_or(s.span)),
                    target_mention: span(r.target_span.unwrap_or(t.span)),
                    rule: r.rule.to_string(),
                    confidence: r.confidence,
                    cameo: r.cameo.clone(),
                    source_coref: coref(r.source),
                    target_coref: coref(r.target),
                })
            })
            .collect();
        let nodes = doc
            .entities
            .values()
            .filter_map(|e| {
                Some(NodeOut {
                    id: e.id.clone(),
                    kind: e.kind?,
                    label: e.label.clone(),
                    attributes: e.attributes.clone(),
                })
            })
            .collect();
        ExtractedDoc {
            id: doc.article.id.clone(),
            title: doc.article.title.clone(),
            date: doc.article.date.clone(),
            url: doc.article.url.clone(),
            source: doc.article.source.clone(),
            entities,
            relations,
            nodes,
        }
    }
}

/// A sentence as evidence: whitespace runs (including newlines) collapsed to one space.
pub fn clean_sentence(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A leading list bullet is layout, not part of the sentence.
    let s = s
        .trim_start()
        .trim_start_matches(['•', '·', '▪', '◦'])
        .trim_start();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Byte offset -> character offset, in O(log n) after one pass over the text.
pub struct CharIndex {
    /// For each multi-byte char: (byte offset just past it, chars up to and including it).
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            for (ci, (bi, c)) in text.char_indices().enumerate() {
                if c.len_utf8() > 1 {
                    wide.push((bi + c.len_utf8(), ci + 1));
                }
            }
        }
        CharIndex { wide }
    }

    /// The char offset of a byte offset that lies on a char boundary.
    pub fn of(&self, byte: usize) -> usize {
        let i = self.wide.partition_point(|&(end, _)| end <= byte);
        if i == 0 {
            return byte;
        }
        let (end, chars) = self.wide[i - 1];
        chars + (byte - end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10 part 4: a relation whose end is a pronoun or nominal records its form and
    /// its antecedent's offsets; an event relation records its CAMEO code.
    #[test]
    fn coreference_ends_carry_their_antecedent_and_events_their_cameo_code() {
        let text = "Angela Merkel met Emmanuel Macron in Paris. She criticised him. \
                    The chancellor later phoned Joe Biden.";
        let a = crate::Article {
            id: "a".into(),
            text: text.into(),
            ..Default::default()
        };
        let out = crate::pipeline::Pipeline::builtin().extract(a);
        let find = |kind: crate::RelationKind| {
            out.relations
                .iter()
                .find(|r| r.kind == kind)
                .unwrap_or_else(|| panic!("no {kind:?} in {:?}", out.relations))
        };
        let c = find(crate::RelationKind::Criticizes);
        assert_eq!(c.cameo.as_deref(), Some("111"));
        let s = c.source_coref.as_ref().expect("she is a pronoun");
        assert_eq!(s.form, crate::MentionForm::Pronoun);
        assert_eq!(
            (s.antecedent.start, s.antecedent.text.as_str()),
            (0, "Angela Merkel")
        );
        let t = c.target_coref.as_ref().expect("him is a pronoun");
        assert_eq!(t.antecedent.text, "Emmanuel Macron");
        let p = find(crate::RelationKind::Phones);
        let s = p
            .source_coref
            .as_ref()
            .expect("the chancellor is a nominal");
        assert_eq!(s.form, crate::MentionForm::Nominal);
        assert_eq!(s.antecedent.text, "Angela Merkel");
        assert!(p.target_coref.is_none());
        // A name end has no coreference record.
        let m = find(crate::RelationKind::Meets);
        assert!(m.source_coref.is_none() && m.target_coref.is_none());
    }

    #[test]
    fn char_offsets_match_a_naive_count() {
        for text in [
            "plain ascii",
            "“Quoted” — text, Erdoğan’s",
            "ééé a ✓ b 🙂 c",
            "",
        ] {
            let idx = CharIndex::new(text);
            for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(idx.of(b), text[..b].chars().count(), "{text:?} at {b}");
            }
        }
    }
}
