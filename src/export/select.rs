//! What a drawing shows when the whole graph is too big to read: the N most central
//! entities (`export --top N`, ranked by degree or PageRank) and the relations among them.
//!
//! The scores are `query top`'s ([`crate::query::top`]) over every edge of the graph
//! given (all modalities: the export filters have already cut what is not wanted), as
//! `newsgraph query GRAPH top --by pagerank --all` lists them.

use crate::graph::Graph;
use crate::query::{self, Measure};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

/// What `--top` ranks entities by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum TopBy {
    /// Number of relations (edges) touching the entity: the most connected.
    #[default]
    Degree,
    /// PageRank over the relations (symmetric ones both ways): entities that
    /// well-connected entities point to.
    Pagerank,
}

impl TopBy {
    pub fn as_str(self) -> &'static str {
        match self {
            TopBy::Degree => "degree",
            TopBy::Pagerank => "pagerank",
        }
    }

    fn measure(self) -> Measure {
        match self {
            TopBy::Degree => Measure::Degree,
            TopBy::Pagerank => Measure::Pagerank,
        }
    }
}

impl fmt::Display for TopBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `n` highest-ranked entities of `graph` by `by`, and the edges among them (in
/// graph order); articles and the graph's own filter are kept as they are. Ties go to
/// the entity with more mentions, then to the smaller id.
///
/// With `isolated`, those are simply the first `n` of the ranking. Without it, every
/// entity kept has a relation to another one kept, as a drawing needs: the ranking is
/// walked in order and an entity is taken when it has an edge to one already taken
/// (one taken earlier without such an edge is kept waiting, and counts once something
/// links it), until `n` are linked; an entity whose taking would link more than are
/// still wanted is passed over. So at most `n` are kept, fewer only when no entity left
/// can be linked without overshooting (the tail of the ranking is all pairs, say).
pub fn top(graph: &Graph, n: usize, by: TopBy, isolated: bool) -> Graph {
    let rows = query::top(
        graph,
        None,
        by.measure(),
        graph.nodes.len(),
        &query::Options { all: true },
    );
    let mentions: HashMap<&str, u64> = graph
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.mentions))
        .collect();
    let mut ranked: Vec<(&str, f64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                (r.score * 1e12).round(),
                mentions[r.id.as_str()],
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));

    let keep: BTreeSet<&str> = if isolated {
        ranked.iter().take(n).map(|r| r.0).collect()
    } else {
        let mut neighbours: HashMap<&str, Vec<&str>> = HashMap::new();
        for e in graph.edges.iter().filter(|e| e.source != e.target) {
            neighbours.entry(&e.source).or_default().push(&e.target);
            neighbours.entry(&e.target).or_default().push(&e.source);
        }
        let mut taken: HashSet<&str> = HashSet::new();
        let mut linked: BTreeSet<&str> = BTreeSet::new();
        for &(id, _, _) in &ranked {
            if linked.len() >= n {
                break;
            }
            let mut gain: BTreeSet<&str> = BTreeSet::new();
            for &other in neighbours.get(id).into_iter().flatten() {
                if taken.contains(other) {
                    gain.insert(id);
                    if !linked.contains(other) {
                        gain.insert(other);
                    }
                }
            }
            if linked.len() + gain.len() > n {
                continue;
            }
            taken.insert(id);
            linked.extend(gain);
        }
        linked
    };
    Graph {
        format: graph.format,
        max_evidence: graph.max_evidence,
        filter: graph.filter.clone(),
        articles: graph.articles.clone(),
        nodes: graph
            .nodes
            .iter()
            .filter(|n| keep.contains(n.id.as_str()))
            .cloned()
            .collect(),
        edges: graph
            .edges
            .iter()
            .filter(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()))
            .cloned()
            .collect(),
    }
}

/// How many nodes of `graph` no edge touches (self-loops count as touching).
pub fn isolated_count(graph: &Graph) -> usize {
    let touched: BTreeSet<&str> = graph
        .edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    graph
        .nodes
        .iter()
        .filter(|n| !touched.contains(n.id.as_str()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{EntityKind, Modality, RelationKind};
    use crate::graph::{Edge, Node};

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            kind: EntityKind::Person,
            label: id.into(),
            labels: Default::default(),
            aliases: vec![],
            mentions: 1,
            article_count: 1,
            articles: Default::default(),
            attributes: Default::default(),
            attribute_votes: Default::default(),
            first_date: None,
            last_date: None,
            days: vec![],
        }
    }

    fn edge(s: &str, t: &str) -> Edge {
        Edge {
            id: format!("{s}|meets|{t}"),
            source: s.into(),
            target: t.into(),
            relation: RelationKind::Meets,
            symmetric: true,
            weight: 1,
            modality: Modality::Asserted,
            modalities: [(Modality::Asserted, 1)].into(),
            first_date: None,
            last_date: None,
            days: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn top_keeps_the_best_connected_and_the_edges_among_them() {
        // A star around "hub" (a, b, c), a pair x-y, a lone z; b and x are mentioned more.
        let mut nodes = ["a", "b", "c", "hub", "x", "y", "z"].map(node).to_vec();
        nodes[1].mentions = 5;
        nodes[4].mentions = 9;
        let g = Graph {
            nodes,
            edges: vec![
                edge("a", "hub"),
                edge("b", "hub"),
                edge("c", "hub"),
                edge("x", "y"),
            ],
            ..Graph::default()
        };
        let ids = |g: &Graph| -> Vec<String> { g.nodes.iter().map(|n| n.id.clone()).collect() };
        // Ranking: hub (3), then degree-1 ties by mentions: x (9), b (5), then a, c, y; z.
        assert_eq!(ids(&top(&g, 3, TopBy::Degree, true)), ["b", "hub", "x"]);
        // Linked only: hub and x are taken and wait; b links hub (2 linked), a links to
        // hub (3).
        let t = top(&g, 3, TopBy::Degree, false);
        assert_eq!(ids(&t), ["a", "b", "hub"]);
        assert_eq!(t.edges.len(), 2);
        assert_eq!(isolated_count(&t), 0);
        assert_eq!(
            ids(&top(&g, 4, TopBy::Degree, false)),
            ["a", "b", "c", "hub"]
        );
        // 5: after c, y would link itself and the waiting x: two where one is wanted, so
        // it is passed over, and nothing else is left to take.
        assert_eq!(
            ids(&top(&g, 5, TopBy::Degree, false)),
            ["a", "b", "c", "hub"]
        );
        assert_eq!(ids(&top(&g, 6, TopBy::Degree, false)).len(), 6);
        assert_eq!(isolated_count(&g), 1);
        assert_eq!(top(&g, 100, TopBy::Pagerank, true).nodes.len(), 7);
        assert_eq!(top(&g, 100, TopBy::Pagerank, false).nodes.len(), 6);
        assert!(top(&g, 0, TopBy::Degree, false).nodes.is_empty());
    }
}
