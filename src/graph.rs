//! The merged knowledge graph: one node per canonical entity, one edge per
//! (source, relation, target), each edge carrying the sentences that support it.
//!
//! [`Graph`] is the serialized form (`graph.json`) that every later command reads
//! back; [`Graph::to_petgraph`] gives a petgraph `StableGraph` view for algorithms.
//! Nodes are sorted by id and edges by (source, relation, target), so the same input
//! gives byte-identical output whatever the thread count.
//!
//! A graph keeps what a later merge needs to give exactly the graph one build over all
//! the articles gives (DESIGN.md, "Graphs that merge"): the votes behind each label and
//! attribute, per-modality counts, every contributing article id and date, the days
//! of every node and edge, and the filters it was written with. Evidence per edge and
//! article ids per node are capped at [`Graph::max_evidence`] (the first N by article
//! id and offset); the totals (`weight`, `article_count`) count everything. Building
//! and merging live in [`crate::graph_build`] and [`crate::merge`]; this module only
//! defines the form and reads, views and filters it.

use crate::doc::{EntityKind, Modality, RelationKind};
use crate::error::{Error, Result};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use crate::record::{ArticleMeta, TextSpan};
pub use articles::{ArticleRef, Articles};

mod articles;

/// The graph file format version written into `graph.json`. Version 2 added the merge
/// statistics (votes, article counts, days, caps, filters).
pub const FORMAT_VERSION: u32 = 2;

/// How many evidence sentences per edge (and article ids per node) a graph keeps unless
/// told otherwise: enough to read, few enough that the file grows with the graph.
pub const DEFAULT_MAX_EVIDENCE: usize = 20;

/// The whole graph, as written to and read from `graph.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    pub format: u32,
    /// Evidence kept per edge and article ids kept per node (the first N by article id
    /// and offset); totals count all of them.
    pub max_evidence: usize,
    /// The filters this graph was written with; a filtered graph is not the whole graph
    /// of its articles and cannot be merged.
    #[serde(default, skip_serializing_if = "Filter::is_empty")]
    pub filter: Filter,
    /// Articles that contributed, sorted by id (packed: see [`Articles`]).
    pub articles: Articles,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by (source, relation, target).
    pub edges: Vec<Edge>,
}

impl Default for Graph {
    fn default() -> Graph {
        Graph {
            format: FORMAT_VERSION,
            max_evidence: DEFAULT_MAX_EVIDENCE,
            filter: Filter::default(),
            articles: Articles::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The most common of `labels` (ties: the longest, then the smallest text).
    pub label: String,
    /// How many articles gave each label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, u64>,
    /// Distinct surface forms seen, sorted.
    pub aliases: Vec<String>,
    /// Number of mentions over all articles.
    pub mentions: u64,
    /// Number of articles that mention it.
    pub article_count: u64,
    /// Ids of the articles that mention it, sorted: the first `max_evidence` of them.
    pub articles: Vec<String>,
    /// Typed attributes (iso2, capital, country, title, scope, kind, acronym,
    /// nationality): for each, the most common value of `attribute_votes`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// How many articles gave each value of each attribute.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attribute_votes: BTreeMap<String, BTreeMap<String, u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// The distinct valid days (`YYYY-MM-DD`) of the articles that mention it, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// `source|relation|target`, unique in the graph.
    pub id: String,
    pub source: String,
    pub target: String,
    pub relation: RelationKind,
    pub symmetric: bool,
    /// Number of asserted supporting mentions (DESIGN.md, "Relations": a "did not meet"
    /// never makes a "meets" edge heavier); the other modalities are counted beside it in
    /// `modalities`, so an edge only ever stated as future has weight 0. `evidence` keeps
    /// the first `max_evidence` mentions of every modality.
    pub weight: u64,
    /// Asserted if any evidence is asserted, else the most frequent modality.
    pub modality: Modality,
    /// Evidence count per modality.
    pub modalities: BTreeMap<Modality, u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// The distinct valid days (`YYYY-MM-DD`) of all its evidence, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<String>,
    /// Sorted by (article, sentence, trigger start, mention starts): the first
    /// `max_evidence` supporting mentions.
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

impl Evidence {
    /// The fixed order of evidence: article id, then offsets in the article. Never the
    /// order inputs came in, so a merge keeps the same first N as one build.
    pub fn order_key(&self) -> (&str, usize, usize, usize, usize) {
        (
            self.article.as_str(),
            self.sentence_index,
            self.trigger.start,
            self.source_mention.start,
            self.target_mention.start,
        )
    }
}

/// What to keep of a graph: shared by `build` and `export`, and recorded in a graph
/// written with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Drop edges whose weight (after the modality filter) is below this.
    #[serde(default, skip_serializing_if = "is_at_most_one")]
    pub min_weight: u64,
    /// Keep only nodes of these kinds (all when empty).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub types: BTreeSet<EntityKind>,
    /// Keep only edges of these relations (all when empty).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub relations: BTreeSet<RelationKind>,
    /// Keep only evidence of these modalities (all when empty).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub modalities: BTreeSet<Modality>,
}

fn is_at_most_one(n: &u64) -> bool {
    *n <= 1
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.min_weight <= 1
            && self.types.is_empty()
            && self.relations.is_empty()
            && self.modalities.is_empty()
    }

    /// This filter applied after `earlier`: what a graph filtered twice has kept.
    pub fn after(&self, earlier: &Filter) -> Filter {
        fn both<T: Ord + Copy>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> BTreeSet<T> {
            match (a.is_empty(), b.is_empty()) {
                (true, _) => b.clone(),
                (_, true) => a.clone(),
                // Disjoint sets keep nothing; recorded as the later one (still a filter).
                _ if a.is_disjoint(b) => a.clone(),
                _ => a.intersection(b).copied().collect(),
            }
        }
        Filter {
            min_weight: self.min_weight.max(earlier.min_weight),
            types: both(&self.types, &earlier.types),
            relations: both(&self.relations, &earlier.relations),
            modalities: both(&self.modalities, &earlier.modalities),
        }
    }

    /// The flags that give this filter (`--min-weight 2 --types person`), for messages.
    pub fn describe(&self) -> String {
        fn list<T: std::fmt::Display>(xs: &BTreeSet<T>) -> String {
            xs.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        }
        let mut parts = Vec::new();
        if self.min_weight > 1 {
            parts.push(format!("--min-weight {}", self.min_weight));
        }
        if !self.types.is_empty() {
            parts.push(format!("--types {}", list(&self.types)));
        }
        if !self.relations.is_empty() {
            parts.push(format!("--relations {}", list(&self.relations)));
        }
        if !self.modalities.is_empty() {
            parts.push(format!("--modality {}", list(&self.modalities)));
        }
        parts.join(" ")
    }
}

impl Graph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.nodes[i])
    }

    /// Read a `graph.json`. The file is parsed as it is read, never held whole: the
    /// peak is the graph itself.
    pub fn load(path: &Path) -> Result<Graph> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let reader = std::io::BufReader::with_capacity(1 << 16, file);
        let g: Graph = serde_json::from_reader(reader).map_err(|e| {
            if e.is_io() {
                return Error::io(path, std::io::Error::from(e));
            }
            Error::Parse {
                path: path.display().to_string(),
                line: Some(e.line()),
                message: format!("not a newsgraph graph.json: {e}"),
            }
        })?;
        if g.format != FORMAT_VERSION {
            return Err(Error::Parse {
                path: path.display().to_string(),
                line: None,
                message: format!(
                    "graph format {} is not supported (expected {FORMAT_VERSION}); \
                     rebuild it with this version of newsgraph",
                    g.format
                ),
            });
        }
        Ok(g)
    }

    /// The JSON form, pretty-printed, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut bytes = Vec::new();
        self.write_json(&mut bytes).expect("graph serializes");
        String::from_utf8(bytes).expect("serde_json writes UTF-8")
    }

    /// Write the bytes of [`Graph::to_json`] to `w` as they are made, without holding the
    /// whole file in memory (a large graph.json is as big as the graph in memory).
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self).map_err(std::io::Error::from)?;
        w.write_all(b"\n")
    }

    /// [`Graph::filtered`] taking the graph by value: no copy when the filter is empty.
    pub fn into_filtered(self, f: &Filter) -> Graph {
        if f.is_empty() {
            self
        } else {
            self.filtered(f)
        }
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
    /// unless a type or relation filter is set and they have no edges left. The result
    /// records the filter (with any the graph already had), so it is never merged as
    /// if it were whole.
    ///
    /// Weights and modalities come from the per-modality counts, so they are exact
    /// however much evidence was kept. Dates under a modality filter are exact when the
    /// edge kept all its evidence or has no modality the filter drops; otherwise they
    /// are those of the evidence kept.
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
            if let Some(kept) = edge_with_modalities(e, &f.modalities) {
                if kept.support() >= f.min_weight {
                    edges.push(kept);
                }
            }
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
            max_evidence: self.max_evidence,
            filter: f.after(&self.filter),
            articles: self.articles.clone(),
            nodes,
            edges,
        }
    }
}

/// The modality an edge shows: asserted if any mention is, else the most frequent
/// (ties go to the earlier modality in [`Modality`]'s order).
pub fn shown_modality(counts: &BTreeMap<Modality, u64>) -> Modality {
    if counts.get(&Modality::Asserted).is_some_and(|n| *n > 0) {
        return Modality::Asserted;
    }
    counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(m, _)| *m)
        .unwrap_or(Modality::Asserted)
}

/// An edge's weight: its asserted mentions.
pub fn asserted_weight(modalities: &BTreeMap<Modality, u64>) -> u64 {
    modalities.get(&Modality::Asserted).copied().unwrap_or(0)
}

impl Edge {
    /// Every supporting mention, whatever its modality (the sum of `modalities`).
    pub fn support(&self) -> u64 {
        self.modalities.values().sum()
    }
}

/// An edge cut to the evidence of some modalities (all when `keep` is empty); `None`
/// when nothing is left.
fn edge_with_modalities(e: &Edge, keep: &BTreeSet<Modality>) -> Option<Edge> {
    let kept = |m: &Modality| keep.is_empty() || keep.contains(m);
    if e.modalities.keys().all(kept) {
        return Some(e.clone());
    }
    let modalities: BTreeMap<Modality, u64> = e
        .modalities
        .iter()
        .filter(|(m, _)| kept(m))
        .map(|(m, n)| (*m, *n))
        .collect();
    if modalities.values().sum::<u64>() == 0 {
        return None;
    }
    let weight = asserted_weight(&modalities);
    let evidence: Vec<Evidence> = e
        .evidence
        .iter()
        .filter(|ev| kept(&ev.modality))
        .cloned()
        .collect();
    let dates: BTreeSet<&str> = evidence
        .iter()
        .filter_map(|ev| ev.date.as_deref())
        .collect();
    let days: BTreeSet<String> = dates
        .iter()
        .filter_map(|d| crate::record::iso_day(d))
        .collect();
    Some(Edge {
        modality: shown_modality(&modalities),
        weight,
        modalities,
        first_date: dates.first().map(|d| d.to_string()),
        last_date: dates.last().map(|d| d.to_string()),
        days: days.into_iter().collect(),
        evidence,
        ..e.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::MentionForm;
    use crate::record::{ExtractedDoc, MentionOut, RelationOut};

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
            cameo: None,
            source_coref: None,
            target_coref: None,
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
