//! The merged knowledge graph: one node per canonical entity, one edge per
//! (source, relation, target), each edge carrying every sentence that supports it.
//!
//! [`Graph`] is the serialized form (`graph.json`) that every later command reads
//! back; [`Graph::to_petgraph`] gives a petgraph `StableGraph` view for algorithms.
//! Nodes are sorted by id and edges by (source, relation, target), so the same input
//! gives byte-identical output whatever the thread count.

use crate::doc::{EntityKind, Modality, RelationKind};
use crate::error::{Error, Result};
use crate::extract::ExtractedDoc;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The graph file format version written into `graph.json`.
pub const FORMAT_VERSION: u32 = 1;

/// The whole graph, as written to and read from `graph.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Graph {
    pub format: u32,
    /// Articles that contributed, sorted by id.
    pub articles: Vec<ArticleMeta>,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by (source, relation, target).
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleMeta {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub label: String,
    /// Distinct surface forms seen, sorted.
    pub aliases: Vec<String>,
    /// Number of mentions over all articles.
    pub mentions: u64,
    /// Ids of the articles that mention it, sorted.
    pub articles: Vec<String>,
    /// Typed attributes (iso2, capital, country, title, scope, kind, acronym, nationality).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// `source|relation|target`, unique in the graph.
    pub id: String,
    pub source: String,
    pub target: String,
    pub relation: RelationKind,
    pub symmetric: bool,
    /// Number of supporting relation mentions (= evidence.len()).
    pub weight: u64,
    /// Asserted if any evidence is asserted, else the most frequent modality.
    pub modality: Modality,
    /// Evidence count per modality.
    pub modalities: BTreeMap<Modality, u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// Sorted by (article, sentence, trigger start).
    pub evidence: Vec<Evidence>,
}

/// One sentence supporting an edge (DESIGN.md, "Provenance").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub sentence_index: usize,
    pub sentence: String,
    pub modality: Modality,
    #[serde(default)]
    pub reported: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<String>,
    pub trigger: TextSpan,
    pub source_mention: TextSpan,
    pub target_mention: TextSpan,
    pub rule: String,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Character offsets (end-exclusive) into the article text, and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// What to keep of a graph: shared by `build` and `export`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Drop edges whose weight (after the modality filter) is below this.
    pub min_weight: u64,
    /// Keep only nodes of these kinds (all when empty).
    pub types: BTreeSet<EntityKind>,
    /// Keep only edges of these relations (all when empty).
    pub relations: BTreeSet<RelationKind>,
    /// Keep only evidence of these modalities (all when empty).
    pub modalities: BTreeSet<Modality>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.min_weight <= 1
            && self.types.is_empty()
            && self.relations.is_empty()
            && self.modalities.is_empty()
    }
}

impl Graph {
    /// Merge extracted articles into one graph. Order of `docs` does not matter.
    pub fn from_docs<'a>(docs: impl IntoIterator<Item = &'a ExtractedDoc>) -> Graph {
        let mut b = crate::graph_build::Builder::default();
        for d in docs {
            b.add(d);
        }
        b.finish()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.nodes[i])
    }

    /// Read a `graph.json`.
    pub fn load(path: &Path) -> Result<Graph> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let g: Graph = serde_json::from_slice(&bytes).map_err(|e| Error::Parse {
            path: path.display().to_string(),
            line: Some(e.line()),
            message: format!("not a newsgraph graph.json: {e}"),
        })?;
        if g.format != FORMAT_VERSION {
            return Err(Error::Parse {
                path: path.display().to_string(),
                line: None,
                message: format!(
                    "graph format {} is not supported (expected {FORMAT_VERSION})",
                    g.format
                ),
            });
        }
        Ok(g)
    }

    /// The JSON form, pretty-printed, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("graph serializes");
        s.push('\n');
        s
    }

    /// A petgraph view: node weights are indexes into `self.nodes`, edge weights into `self.edges`.
    pub fn to_petgraph(&self) -> (DiGraph<usize, usize>, BTreeMap<&str, NodeIndex>) {
        let mut g = DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        let mut index = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            index.insert(n.id.as_str(), g.add_node(i));
        }
        for (i, e) in self.edges.iter().enumerate() {
            if let (Some(&s), Some(&t)) =
                (index.get(e.source.as_str()), index.get(e.target.as_str()))
            {
                g.add_edge(s, t, i);
            }
        }
        (g, index)
    }

    /// Connected groups of nodes (edges taken both ways), largest first, each sorted by
    /// mentions (then id); ties between groups by their first member's id. Built on
    /// petgraph's union-find over the [`Graph::to_petgraph`] view.
    pub fn components(&self) -> Vec<Vec<&Node>> {
        let (g, _) = self.to_petgraph();
        let mut uf = petgraph::unionfind::UnionFind::<usize>::new(g.node_count());
        for e in g.edge_indices() {
            if let Some((a, b)) = g.edge_endpoints(e) {
                uf.union(a.index(), b.index());
            }
        }
        let mut groups: BTreeMap<usize, Vec<&Node>> = BTreeMap::new();
        for n in g.node_indices() {
            groups
                .entry(uf.find(n.index()))
                .or_default()
                .push(&self.nodes[g[n]]);
        }
        let mut out: Vec<Vec<&Node>> = groups.into_values().collect();
        for c in &mut out {
            c.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].id.cmp(&b[0].id)));
        out
    }

    /// Apply a [`Filter`]: evidence by modality, edges by relation and weight, nodes by
    /// type (edges touching a dropped node go too). Nodes left without edges are kept
    /// unless a type or relation filter is set and they have no edges left.
    pub fn filtered(&self, f: &Filter) -> Graph {
        if f.is_empty() {
            return self.clone();
        }
        let keep_node = |kind: EntityKind| f.types.is_empty() || f.types.contains(&kind);
        let kinds: BTreeMap<&str, EntityKind> =
            self.nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
        let mut edges = Vec::new();
        for e in &self.edges {
            if !f.relations.is_empty() && !f.relations.contains(&e.relation) {
                continue;
            }
            let ok = |id: &str| kinds.get(id).is_some_and(|k| keep_node(*k));
            if !ok(&e.source) || !ok(&e.target) {
                continue;
            }
            let evidence: Vec<Evidence> = e
                .evidence
                .iter()
                .filter(|ev| f.modalities.is_empty() || f.modalities.contains(&ev.modality))
                .cloned()
                .collect();
            if evidence.is_empty() || (evidence.len() as u64) < f.min_weight {
                continue;
            }
            edges.push(crate::graph_build::edge_from_evidence(
                &e.source, &e.target, e.relation, evidence,
            ));
        }
        let structural_cut =
            !f.relations.is_empty() || f.min_weight > 1 || !f.modalities.is_empty();
        let touched: BTreeSet<&str> = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        let nodes = self
            .nodes
            .iter()
            .filter(|n| keep_node(n.kind))
            .filter(|n| !structural_cut || touched.contains(n.id.as_str()))
            .cloned()
            .collect();
        Graph {
            format: self.format,
            articles: self.articles.clone(),
            nodes,
            edges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::MentionForm;
    use crate::extract::{ExtractedDoc, MentionOut, RelationOut};

    fn mention(entity: &str, kind: EntityKind) -> MentionOut {
        MentionOut {
            start: 0,
            end: 1,
            text: entity.into(),
            kind,
            form: MentionForm::Name,
            entity: entity.into(),
        }
    }

    #[test]
    fn components_group_linked_entities_largest_first() {
        let span = TextSpan {
            start: 0,
            end: 1,
            text: "x".into(),
        };
        let rel = |s: &str, t: &str| RelationOut {
            kind: RelationKind::Meets,
            source: s.into(),
            target: t.into(),
            modality: Modality::Asserted,
            reported: false,
            reported_by: None,
            sentence_index: 0,
            sentence: "x".into(),
            trigger: span.clone(),
            source_mention: span.clone(),
            target_mention: span.clone(),
            rule: "test".into(),
            confidence: 1.0,
        };
        let doc = ExtractedDoc {
            id: "a".into(),
            entities: ["person:a", "person:b", "person:c", "person:d", "person:e"]
                .iter()
                .map(|e| mention(e, EntityKind::Person))
                .collect(),
            relations: vec![
                rel("person:a", "person:b"),
                rel("person:b", "person:c"),
                rel("person:d", "person:e"),
            ],
            ..ExtractedDoc::default()
        };
        let g = Graph::from_docs([&doc]);
        let ids: Vec<Vec<&str>> = g
            .components()
            .iter()
            .map(|c| c.iter().map(|n| n.id.as_str()).collect())
            .collect();
        assert_eq!(
            ids,
            vec![
                vec!["person:a", "person:b", "person:c"],
                vec!["person:d", "person:e"]
            ]
        );
    }
}
