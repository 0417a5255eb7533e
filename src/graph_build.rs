//! Merging extracted articles into a [`Graph`]: node and edge aggregation.
//! Input order does not matter: everything is keyed and sorted.

use crate::doc::{EntityKind, Modality, RelationKind};
use crate::extract::ExtractedDoc;
use crate::graph::{ArticleMeta, Edge, Evidence, Graph, Node, FORMAT_VERSION};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct NodeAcc {
    kind: Option<EntityKind>,
    /// label -> how many articles gave it (the most common wins; ties by text).
    labels: BTreeMap<String, u64>,
    aliases: BTreeSet<String>,
    mentions: u64,
    articles: BTreeSet<String>,
    attributes: BTreeMap<String, BTreeMap<String, u64>>,
    dates: BTreeSet<String>,
}

/// Accumulates articles; [`Builder::finish`] gives the sorted graph.
#[derive(Default)]
pub struct Builder {
    articles: BTreeMap<String, ArticleMeta>,
    nodes: BTreeMap<String, NodeAcc>,
    edges: BTreeMap<(String, RelationKind, String), Vec<Evidence>>,
}

impl Builder {
    pub fn add(&mut self, d: &ExtractedDoc) {
        self.articles.insert(
            d.id.clone(),
            ArticleMeta {
                id: d.id.clone(),
                title: d.title.clone(),
                date: d.date.clone(),
                url: d.url.clone(),
                source: d.source.clone(),
            },
        );
        for n in &d.nodes {
            let acc = self.nodes.entry(n.id.clone()).or_default();
            acc.kind = Some(n.kind);
            *acc.labels.entry(n.label.clone()).or_default() += 1;
            for (k, v) in &n.attributes {
                *acc.attributes
                    .entry(k.clone())
                    .or_default()
                    .entry(v.clone())
                    .or_default() += 1;
            }
        }
        for m in &d.entities {
            let acc = self.nodes.entry(m.entity.clone()).or_default();
            acc.kind.get_or_insert(m.kind);
            acc.aliases
                .insert(m.text.split_whitespace().collect::<Vec<_>>().join(" "));
            acc.mentions += 1;
            acc.articles.insert(d.id.clone());
            if let Some(date) = &d.date {
                acc.dates.insert(date.clone());
            }
        }
        for r in &d.relations {
            let (mut s, mut t) = (r.source.clone(), r.target.clone());
            let (mut sm, mut tm) = (r.source_mention.clone(), r.target_mention.clone());
            if r.kind.is_symmetric() && t < s {
                std::mem::swap(&mut s, &mut t);
                std::mem::swap(&mut sm, &mut tm);
            }
            for id in [&s, &t] {
                // An edge endpoint is always a node, even if the mention list missed it.
                let acc = self.nodes.entry(id.clone()).or_default();
                if acc.kind.is_none() {
                    acc.kind = EntityKind::of_id(id);
                }
            }
            self.edges
                .entry((s, r.kind, t))
                .or_default()
                .push(Evidence {
                    article: d.id.clone(),
                    sentence_index: r.sentence_index,
                    sentence: r.sentence.clone(),
                    modality: r.modality,
                    reported: r.reported,
                    reported_by: r.reported_by.clone(),
                    trigger: r.trigger.clone(),
                    source_mention: sm,
                    target_mention: tm,
                    rule: r.rule.clone(),
                    confidence: r.confidence,
                    date: d.date.clone(),
                });
        }
    }

    pub fn finish(self) -> Graph {
        let nodes = self
            .nodes
            .into_iter()
            .filter_map(|(id, acc)| {
                let kind = acc.kind.or_else(|| EntityKind::of_id(&id))?;
                let label = best(&acc.labels).unwrap_or_else(|| fallback_label(&id));
                let attributes = acc
                    .attributes
                    .iter()
                    .filter_map(|(k, vs)| Some((k.clone(), best(vs)?)))
                    .collect();
                Some(Node {
                    id,
                    kind,
                    label,
                    aliases: acc.aliases.into_iter().collect(),
                    mentions: acc.mentions,
                    articles: acc.articles.into_iter().collect(),
                    attributes,
                    first_date: acc.dates.iter().next().cloned(),
                    last_date: acc.dates.iter().next_back().cloned(),
                })
            })
            .collect();
        let edges = self
            .edges
            .into_iter()
            .map(|((s, kind, t), ev)| edge_from_evidence(&s, &t, kind, ev))
            .collect();
        Graph {
            format: FORMAT_VERSION,
            articles: self.articles.into_values().collect(),
            nodes,
            edges,
        }
    }
}

/// Build an edge from its evidence: sorts the evidence, counts modalities, sets dates.
pub fn edge_from_evidence(
    source: &str,
    target: &str,
    relation: RelationKind,
    mut evidence: Vec<Evidence>,
) -> Edge {
    evidence.sort_by(|a, b| {
        (
            &a.article,
            a.sentence_index,
            a.trigger.start,
            a.source_mention.start,
            a.target_mention.start,
        )
            .cmp(&(
                &b.article,
                b.sentence_index,
                b.trigger.start,
                b.source_mention.start,
                b.target_mention.start,
            ))
    });
    evidence.dedup_by(|a, b| {
        a.article == b.article
            && a.sentence_index == b.sentence_index
            && a.trigger == b.trigger
            && a.source_mention == b.source_mention
            && a.target_mention == b.target_mention
    });
    let mut modalities: BTreeMap<Modality, u64> = BTreeMap::new();
    for e in &evidence {
        *modalities.entry(e.modality).or_default() += 1;
    }
    let modality = if modalities.contains_key(&Modality::Asserted) {
        Modality::Asserted
    } else {
        // Most frequent; ties go to the earlier modality in Modality's order.
        modalities
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(m, _)| *m)
            .unwrap_or(Modality::Asserted)
    };
    let dates: BTreeSet<&String> = evidence.iter().filter_map(|e| e.date.as_ref()).collect();
    Edge {
        id: format!("{source}|{}|{target}", relation.as_str()),
        source: source.to_string(),
        target: target.to_string(),
        relation,
        symmetric: relation.is_symmetric(),
        weight: evidence.len() as u64,
        modality,
        modalities,
        first_date: dates.iter().next().map(|d| d.to_string()),
        last_date: dates.iter().next_back().map(|d| d.to_string()),
        evidence,
    }
}

/// The most frequent value; ties go to the longest, then the smallest text.
fn best(counts: &BTreeMap<String, u64>) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
}

fn fallback_label(id: &str) -> String {
    id.split_once(':')
        .map(|(_, s)| s)
        .unwrap_or(id)
        .replace('-', " ")
}
