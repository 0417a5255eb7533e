//! Questions about a saved [`Graph`], answered as rows: pure functions, no I/O.
//!
//! Every query takes [`Options`]. By default only evidence whose modality is `asserted`
//! counts: an edge's weight and dates are recomputed from its asserted evidence, and an
//! edge with none is hidden. With `all`, every piece of evidence counts and rows carry
//! the modality the visible evidence gives the edge (asserted if any is, else the most
//! frequent). Names are resolved with [`resolve_name`] (ids, labels, aliases, ignoring
//! case and dots); rows are plain [`Serialize`] structs, sorted deterministically.

mod measures;
mod names;

pub use measures::{betweenness, degree, pagerank, Link};
pub use names::{fold, levenshtein, resolve_name, Candidate, NameError};

use crate::doc::{EntityKind, Modality, RelationKind};
use crate::graph::{Edge, Evidence, Graph, Node};
use crate::hash::FastMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What every query shares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Count evidence of every modality, not only asserted.
    pub all: bool,
}

/// The relations `who_met` reports.
pub const MEETING_RELATIONS: [RelationKind; 4] = [
    RelationKind::Meets,
    RelationKind::NegotiatesWith,
    RelationKind::Phones,
    RelationKind::Visits,
];

/// One edge as a query sees it: endpoints (oriented as the query asked), relation, and
/// what its visible evidence says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRow {
    pub source: String,
    pub source_id: String,
    pub relation: RelationKind,
    pub target: String,
    pub target_id: String,
    /// True for symmetric relations (meets, negotiates-with, phones, cooperates-with).
    pub symmetric: bool,
    /// Number of visible evidence sentences.
    pub weight: u64,
    pub modality: Modality,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The first visible evidence sentence and its article.
    pub evidence: String,
    pub article: String,
}

/// One evidence sentence of an edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow {
    pub source: String,
    pub source_id: String,
    pub relation: RelationKind,
    pub target: String,
    pub target_id: String,
    pub article: String,
    pub sentence_index: usize,
    pub date: Option<String>,
    pub modality: Modality,
    /// Reported speech ("..., Ryabkov told Tass").
    pub reported: bool,
    /// Who reported it (a label), when the text says so.
    pub reported_by: Option<String>,
    pub trigger: String,
    pub sentence: String,
}

/// An entity's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityProfile {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub label: String,
    pub aliases: Vec<String>,
    pub attributes: BTreeMap<String, String>,
    pub mentions: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Positions it holds (its visible `holds-position` edges).
    pub positions: Vec<PositionRow>,
    /// Visible edges from it (without `holds-position`, listed in `positions`).
    pub relations_out: Vec<EdgeRow>,
    /// Visible edges to it. Symmetric relations appear in `relations_out` only.
    pub relations_in: Vec<EdgeRow>,
    /// How many articles mention it; `articles` lists the first of them by id (as many
    /// as the graph keeps).
    pub article_count: u64,
    pub articles: Vec<ArticleRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionRow {
    pub id: String,
    pub label: String,
    /// The position's `scope` attribute (country or organization id), if any.
    pub scope: Option<String>,
    pub weight: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub date: Option<String>,
    pub title: Option<String>,
}

/// How one step of a walk runs along its edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// From the earlier node to the later one (`->`).
    Forward,
    /// From the later node to the earlier one (`<-`).
    Backward,
    /// A symmetric relation (`--`).
    Both,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Forward => "->",
            Direction::Backward => "<-",
            Direction::Both => "--",
        }
    }
}

/// A node reached from the start of `neighbors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeighborRow {
    pub distance: usize,
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The node it was reached from (label and id).
    pub from: String,
    pub from_id: String,
    pub relation: RelationKind,
    pub direction: Direction,
    pub modality: Modality,
}

/// One step of a shortest path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    pub step: usize,
    pub from: String,
    pub from_id: String,
    pub relation: RelationKind,
    pub direction: Direction,
    pub to: String,
    pub to_id: String,
    pub modality: Modality,
    pub evidence: String,
    pub article: String,
}

/// What `top` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Number of visible edges touching the node.
    #[default]
    Degree,
    /// PageRank over the visible edges (see [`pagerank`]).
    Pagerank,
    /// Normalized betweenness over the undirected visible edges (see [`betweenness`]).
    Betweenness,
}

impl Measure {
    pub fn parse(s: &str) -> Option<Measure> {
        match s.trim().to_ascii_lowercase().as_str() {
            "degree" => Some(Measure::Degree),
            "pagerank" | "page-rank" => Some(Measure::Pagerank),
            "betweenness" => Some(Measure::Betweenness),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Pagerank => "pagerank",
            Measure::Betweenness => "betweenness",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopRow {
    pub rank: usize,
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub measure: Measure,
    pub score: f64,
}

/// An edge with only the modalities a query counts: its weight and modality from the
/// counts of those modalities (exact, however much evidence the graph kept), and the
/// kept evidence of those modalities.
struct Visible<'g> {
    edge: &'g Edge,
    counts: BTreeMap<Modality, u64>,
    evidence: Vec<&'g Evidence>,
}

impl<'g> Visible<'g> {
    fn new(edge: &'g Edge, keep: &impl Fn(Modality) -> bool) -> Option<Visible<'g>> {
        let counts: BTreeMap<Modality, u64> = edge
            .modalities
            .iter()
            .filter(|(m, n)| keep(**m) && **n > 0)
            .map(|(m, n)| (*m, *n))
            .collect();
        if counts.is_empty() {
            return None;
        }
        let evidence = edge.evidence.iter().filter(|e| keep(e.modality)).collect();
        Some(Visible {
            edge,
            counts,
            evidence,
        })
    }

    fn weight(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Asserted if any visible mention is, else the most frequent (ties: earlier modality).
    fn modality(&self) -> Modality {
        crate::graph::shown_modality(&self.counts)
    }

    /// The edge's dates when every modality it has is visible; else those of the
    /// visible evidence the graph kept.
    fn dates(&self) -> (Option<String>, Option<String>) {
        if self.counts.len() == self.edge.modalities.values().filter(|n| **n > 0).count() {
            return (self.edge.first_date.clone(), self.edge.last_date.clone());
        }
        let dates: BTreeSet<&String> = self
            .evidence
            .iter()
            .filter_map(|e| e.date.as_ref())
            .collect();
        (
            dates.first().map(|d| d.to_string()),
            dates.last().map(|d| d.to_string()),
        )
    }

    /// The first visible evidence's sentence and article (empty when the graph kept
    /// none of the visible modalities).
    fn first_evidence(&self) -> (String, String) {
        self.evidence
            .first()
            .map(|e| (e.sentence.clone(), e.article.clone()))
            .unwrap_or_default()
    }
}

/// The graph as a query sees it: nodes by id and the visible edges.
struct View<'g> {
    graph: &'g Graph,
    nodes: FastMap<&'g str, &'g Node>,
    edges: Vec<Visible<'g>>,
    /// Per node id: (index into `edges`, other end, direction), see [`View::incident`].
    adjacency: FastMap<&'g str, Vec<(usize, &'g str, Direction)>>,
}

impl<'g> View<'g> {
    fn new(graph: &'g Graph, keep: impl Fn(Modality) -> bool) -> View<'g> {
        let nodes = graph.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let mut edges: Vec<Visible<'g>> = graph
            .edges
            .iter()
            .filter_map(|edge| Visible::new(edge, &keep))
            .collect();
        edges.sort_by(|a, b| a.edge.id.cmp(&b.edge.id));
        let mut adjacency: FastMap<&'g str, Vec<(usize, &'g str, Direction)>> = FastMap::default();
        for (i, v) in edges.iter().enumerate() {
            let e = v.edge;
            let (forward, backward) = if e.symmetric {
                (Direction::Both, Direction::Both)
            } else {
                (Direction::Forward, Direction::Backward)
            };
            adjacency
                .entry(e.source.as_str())
                .or_default()
                .push((i, e.target.as_str(), forward));
            if e.target != e.source {
                adjacency.entry(e.target.as_str()).or_default().push((
                    i,
                    e.source.as_str(),
                    backward,
                ));
            }
        }
        for list in adjacency.values_mut() {
            list.sort_by(|a, b| {
                (a.1, edges[a.0].edge.relation, &edges[a.0].edge.id).cmp(&(
                    b.1,
                    edges[b.0].edge.relation,
                    &edges[b.0].edge.id,
                ))
            });
        }
        View {
            graph,
            nodes,
            edges,
            adjacency,
        }
    }

    fn with(graph: &'g Graph, opts: &Options) -> View<'g> {
        let all = opts.all;
        View::new(graph, move |m| all || m == Modality::Asserted)
    }

    fn label(&self, id: &str) -> String {
        self.nodes
            .get(id)
            .map(|n| n.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// A row for an edge, `flip`ped to show its target first.
    fn edge_row(&self, v: &Visible<'_>, flip: bool) -> EdgeRow {
        let (s, t) = if flip {
            (&v.edge.target, &v.edge.source)
        } else {
            (&v.edge.source, &v.edge.target)
        };
        let (first_date, last_date) = v.dates();
        let (evidence, article) = v.first_evidence();
        EdgeRow {
            source: self.label(s),
            source_id: s.clone(),
            relation: v.edge.relation,
            target: self.label(t),
            target_id: t.clone(),
            symmetric: v.edge.symmetric,
            weight: v.weight(),
            modality: v.modality(),
            first_date,
            last_date,
            evidence,
            article,
        }
    }

    /// Visible edges touching `id`, as (edge index, the other end, direction seen from
    /// `id`), sorted by (other end, relation, edge id).
    fn incident(&self, id: &str) -> &[(usize, &'g str, Direction)] {
        self.adjacency.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Breadth-first search on the undirected view from `start`, up to `depth` steps.
    /// Each node reached keeps the first link found when expanding the previous level
    /// in id order, so ties go to the smallest predecessor id, then relation, then edge id.
    fn bfs(&self, start: &'g str, depth: usize) -> BTreeMap<&'g str, Reached<'g>> {
        let mut reached: BTreeMap<&'g str, Reached<'g>> = BTreeMap::new();
        let mut seen: BTreeSet<&'g str> = BTreeSet::from([start]);
        let mut level: Vec<&'g str> = vec![start];
        for d in 1..=depth {
            let mut next: BTreeSet<&'g str> = BTreeSet::new();
            for &v in &level {
                for &(edge_index, other, direction) in self.incident(v) {
                    if seen.contains(other) || next.contains(other) {
                        continue;
                    }
                    next.insert(other);
                    reached.insert(
                        other,
                        Reached {
                            distance: d,
                            from: v,
                            edge_index,
                            direction,
                        },
                    );
                }
            }
            if next.is_empty() {
                break;
            }
            seen.extend(next.iter().copied());
            level = next.into_iter().collect();
        }
        reached
    }

    /// Nodes as `0..n` (graph order) and the visible edges between them.
    fn links(&self) -> Vec<Link> {
        let index: FastMap<&str, usize> = self
            .graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        self.edges
            .iter()
            .filter_map(|v| {
                Some(Link {
                    source: *index.get(v.edge.source.as_str())?,
                    target: *index.get(v.edge.target.as_str())?,
                    symmetric: v.edge.symmetric,
                })
            })
            .collect()
    }
}

struct Reached<'g> {
    distance: usize,
    from: &'g str,
    edge_index: usize,
    direction: Direction,
}

/// Sort edge rows: heaviest first, then by source label, target label and relation.
fn sort_edge_rows(rows: &mut [EdgeRow]) {
    rows.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.target.cmp(&b.target))
            .then_with(|| a.relation.cmp(&b.relation))
            .then_with(|| a.source_id.cmp(&b.source_id))
            .then_with(|| a.target_id.cmp(&b.target_id))
    });
}

/// Pairs linked by meets, negotiates-with, phones or visits; with `name`, only that
/// entity's, shown first in each row. Heaviest first.
pub fn who_met(
    graph: &Graph,
    name: Option<&str>,
    opts: &Options,
) -> Result<Vec<EdgeRow>, NameError> {
    let who = name.map(|n| resolve_name(graph, n)).transpose()?;
    let view = View::with(graph, opts);
    let mut rows: Vec<EdgeRow> = view
        .edges
        .iter()
        .filter(|v| MEETING_RELATIONS.contains(&v.edge.relation))
        .filter_map(|v| match who {
            None => Some(view.edge_row(v, false)),
            Some(n) if v.edge.source == n.id => Some(view.edge_row(v, false)),
            Some(n) if v.edge.target == n.id => Some(view.edge_row(v, v.edge.symmetric)),
            Some(_) => None,
        })
        .collect();
    sort_edge_rows(&mut rows);
    Ok(rows)
}

/// What `relations` selects; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct RelationFilter<'a> {
    pub relation: Option<RelationKind>,
    pub source: Option<&'a str>,
    pub target: Option<&'a str>,
    /// Count only evidence of this modality (overrides the asserted-only default).
    pub modality: Option<Modality>,
}

/// Edges matching a filter. A symmetric edge matches `source`/`target` in either
/// orientation and is shown the way round the filter names it.
pub fn relations(
    graph: &Graph,
    filter: &RelationFilter<'_>,
    opts: &Options,
) -> Result<Vec<EdgeRow>, NameError> {
    let source = filter.source.map(|n| resolve_name(graph, n)).transpose()?;
    let target = filter.target.map(|n| resolve_name(graph, n)).transpose()?;
    let view = match filter.modality {
        Some(m) => View::new(graph, move |x| x == m),
        None => View::with(graph, opts),
    };
    let fits =
        |s: &str, t: &str| source.is_none_or(|n| n.id == s) && target.is_none_or(|n| n.id == t);
    let mut rows: Vec<EdgeRow> = view
        .edges
        .iter()
        .filter(|v| filter.relation.is_none_or(|r| v.edge.relation == r))
        .filter_map(|v| {
            let (s, t) = (v.edge.source.as_str(), v.edge.target.as_str());
            if fits(s, t) {
                Some(view.edge_row(v, false))
            } else if v.edge.symmetric && fits(t, s) {
                Some(view.edge_row(v, true))
            } else {
                None
            }
        })
        .collect();
    sort_edge_rows(&mut rows);
    Ok(rows)
}

/// One entity's profile: identity, aliases, attributes, positions, relations, articles.
pub fn entity(graph: &Graph, name: &str, opts: &Options) -> Result<EntityProfile, NameError> {
    let node = resolve_name(graph, name)?;
    let view = View::with(graph, opts);
    let mut positions = Vec::new();
    let mut relations_out = Vec::new();
    let mut relations_in = Vec::new();
    for v in &view.edges {
        let e = v.edge;
        if e.source == node.id && e.relation == RelationKind::HoldsPosition {
            let scope = view
                .nodes
                .get(e.target.as_str())
                .and_then(|p| p.attributes.get("scope").cloned());
            positions.push(PositionRow {
                id: e.target.clone(),
                label: view.label(&e.target),
                scope,
                weight: v.weight(),
            });
        } else if e.source == node.id {
            relations_out.push(view.edge_row(v, false));
        } else if e.target == node.id {
            if e.symmetric {
                relations_out.push(view.edge_row(v, true));
            } else {
                relations_in.push(view.edge_row(v, false));
            }
        }
    }
    positions.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
    sort_edge_rows(&mut relations_out);
    sort_edge_rows(&mut relations_in);
    let meta: FastMap<&str, _> = graph.articles.iter().map(|a| (a.id, a)).collect();
    let mut articles: Vec<ArticleRow> = node
        .articles
        .iter()
        .map(|id| {
            let m = meta.get(id.as_str());
            ArticleRow {
                id: id.clone(),
                date: m.and_then(|m| m.date.map(str::to_string)),
                title: m.and_then(|m| m.title.map(str::to_string)),
            }
        })
        .collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    articles.dedup();
    Ok(EntityProfile {
        id: node.id.clone(),
        kind: node.kind,
        label: node.label.clone(),
        aliases: node.aliases.clone(),
        attributes: node.attributes.clone(),
        mentions: node.mentions,
        first_date: node.first_date.clone(),
        last_date: node.last_date.clone(),
        positions,
        relations_out,
        relations_in,
        article_count: node.article_count,
        articles,
    })
}

/// Nodes within `depth` steps of `name` over visible edges, ignoring direction, nearest
/// first (then by id), each with the link that first reached it.
pub fn neighbors(
    graph: &Graph,
    name: &str,
    depth: usize,
    opts: &Options,
) -> Result<Vec<NeighborRow>, NameError> {
    let start = resolve_name(graph, name)?;
    let view = View::with(graph, opts);
    let reached = view.bfs(start.id.as_str(), depth);
    let mut rows: Vec<NeighborRow> = reached
        .iter()
        .map(|(&id, r)| {
            let v = &view.edges[r.edge_index];
            NeighborRow {
                distance: r.distance,
                id: id.to_string(),
                label: view.label(id),
                kind: view
                    .nodes
                    .get(id)
                    .map(|n| n.kind)
                    .or_else(|| EntityKind::of_id(id))
                    .unwrap_or(EntityKind::Location),
                from: view.label(r.from),
                from_id: r.from.to_string(),
                relation: v.edge.relation,
                direction: r.direction,
                modality: v.modality(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.distance.cmp(&b.distance).then_with(|| a.id.cmp(&b.id)));
    Ok(rows)
}

/// A shortest chain of visible edges from `a` to `b`, ignoring direction. Among several
/// shortest chains, each node's predecessor is the one with the smallest id (then
/// relation, then edge id). `Ok(None)` when no chain links them; `Ok(Some(vec![]))` when
/// `a` and `b` are the same entity.
pub fn path(
    graph: &Graph,
    a: &str,
    b: &str,
    opts: &Options,
) -> Result<Option<Vec<PathStep>>, NameError> {
    let from = resolve_name(graph, a)?;
    let to = resolve_name(graph, b)?;
    if from.id == to.id {
        return Ok(Some(Vec::new()));
    }
    let view = View::with(graph, opts);
    let reached = view.bfs(from.id.as_str(), usize::MAX);
    let Some(mut r) = reached.get(to.id.as_str()) else {
        return Ok(None);
    };
    let mut chain = vec![(to.id.as_str(), r)];
    while r.from != from.id {
        let prev = r.from;
        r = &reached[prev];
        chain.push((prev, r));
    }
    chain.reverse();
    let steps = chain
        .iter()
        .enumerate()
        .map(|(i, (id, r))| {
            let v = &view.edges[r.edge_index];
            let (evidence, article) = v.first_evidence();
            PathStep {
                step: i + 1,
                from: view.label(r.from),
                from_id: r.from.to_string(),
                relation: v.edge.relation,
                direction: r.direction,
                to: view.label(id),
                to_id: id.to_string(),
                modality: v.modality(),
                evidence,
                article,
            }
        })
        .collect();
    Ok(Some(steps))
}

/// The `limit` most central nodes (of `kind`, if given) by a measure computed on the
/// whole visible graph; ties by id.
pub fn top(
    graph: &Graph,
    kind: Option<EntityKind>,
    measure: Measure,
    limit: usize,
    opts: &Options,
) -> Vec<TopRow> {
    let view = View::with(graph, opts);
    let links = view.links();
    let n = graph.nodes.len();
    let scores = match measure {
        Measure::Degree => degree(n, &links),
        Measure::Pagerank => pagerank(n, &links),
        Measure::Betweenness => betweenness(n, &links),
    };
    // Rounded so that float noise between equal scores cannot reorder ties.
    let key = |s: f64| (s * 1e12).round();
    let mut ranked: Vec<(&Node, f64)> = graph
        .nodes
        .iter()
        .zip(scores)
        .filter(|(node, _)| kind.is_none_or(|k| node.kind == k))
        .collect();
    ranked.sort_by(|a, b| {
        key(b.1)
            .total_cmp(&key(a.1))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    ranked
        .into_iter()
        .take(limit)
        .enumerate()
        .map(|(i, (node, score))| TopRow {
            rank: i + 1,
            id: node.id.clone(),
            label: node.label.clone(),
            kind: node.kind,
            measure,
            score,
        })
        .collect()
}

/// Every visible evidence sentence of every edge between `a` and `b` (either direction),
/// by edge id, then in the edge's evidence order (article, sentence).
pub fn evidence(
    graph: &Graph,
    a: &str,
    b: &str,
    opts: &Options,
) -> Result<Vec<EvidenceRow>, NameError> {
    let x = resolve_name(graph, a)?;
    let y = resolve_name(graph, b)?;
    let view = View::with(graph, opts);
    let between =
        |e: &Edge| (e.source == x.id && e.target == y.id) || (e.source == y.id && e.target == x.id);
    let mut rows = Vec::new();
    for v in view.edges.iter().filter(|v| between(v.edge)) {
        let e = v.edge;
        for ev in &v.evidence {
            rows.push(EvidenceRow {
                source: view.label(&e.source),
                source_id: e.source.clone(),
                relation: e.relation,
                target: view.label(&e.target),
                target_id: e.target.clone(),
                article: ev.article.clone(),
                sentence_index: ev.sentence_index,
                date: ev.date.clone(),
                modality: ev.modality,
                reported: ev.reported,
                reported_by: ev.reported_by.as_deref().map(|r| view.label(r)),
                trigger: ev.trigger.text.clone(),
                sentence: ev.sentence.clone(),
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::TextSpan;
    use crate::graph_build::edge_from_evidence;

    fn node(id: &str) -> Node {
        let label = id.split_once(':').unwrap().1.to_uppercase();
        Node {
            id: id.into(),
            kind: EntityKind::of_id(id).unwrap(),
            label: label.clone(),
            aliases: vec![label],
            mentions: 1,
            labels: BTreeMap::new(),
            article_count: 1,
            articles: vec!["a".into()],
            attributes: BTreeMap::new(),
            attribute_votes: BTreeMap::new(),
            first_date: None,
            last_date: None,
            days: vec![],
        }
    }

    fn ev(article: &str, sentence: usize, modality: Modality, date: &str) -> Evidence {
        Evidence {
            article: article.into(),
            sentence_index: sentence,
            sentence: format!("{article} sentence {sentence}"),
            modality,
            reported: false,
            reported_by: None,
            trigger: TextSpan::default(),
            source_mention: TextSpan::default(),
            target_mention: TextSpan::default(),
            rule: "test".into(),
            confidence: 1.0,
            date: Some(date.into()),
        }
    }

    fn edge(s: &str, r: RelationKind, t: &str, evidence: Vec<Evidence>) -> Edge {
        let (s, t) = if r.is_symmetric() && t < s {
            (t, s)
        } else {
            (s, t)
        };
        edge_from_evidence(s, t, r, evidence)
    }

    fn graph(ids: &[&str], mut edges: Vec<Edge>) -> Graph {
        let mut nodes: Vec<Node> = ids.iter().map(|id| node(id)).collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        edges.sort_by(|a, b| a.id.cmp(&b.id));
        Graph {
            format: crate::graph::FORMAT_VERSION,
            max_evidence: crate::graph::DEFAULT_MAX_EVIDENCE,
            filter: Default::default(),
            articles: Default::default(),
            nodes,
            edges,
        }
    }

    use Modality::{Asserted, Future, Negated};
    use RelationKind::{Demands, Meets};

    #[test]
    fn weight_and_dates_count_only_visible_evidence() {
        let g = graph(
            &["person:a", "person:b", "person:c"],
            vec![
                edge(
                    "person:a",
                    Meets,
                    "person:b",
                    vec![
                        ev("x", 0, Asserted, "2022-01-02"),
                        ev("y", 1, Future, "2022-03-04"),
                    ],
                ),
                edge(
                    "person:a",
                    Meets,
                    "person:c",
                    vec![ev("x", 2, Negated, "2022-01-01")],
                ),
            ],
        );
        let rows = who_met(&g, None, &Options::default()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].weight, 1);
        assert_eq!(rows[0].last_date.as_deref(), Some("2022-01-02"));
        let rows = who_met(&g, None, &Options { all: true }).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].weight, rows[0].modality), (2, Asserted));
        assert_eq!(rows[0].last_date.as_deref(), Some("2022-03-04"));
        assert_eq!((rows[1].target.as_str(), rows[1].modality), ("C", Negated));
    }

    #[test]
    fn relations_match_symmetric_edges_either_way_round() {
        let g = graph(
            &["person:a", "person:b", "country:X"],
            vec![
                edge(
                    "person:b",
                    Meets,
                    "person:a",
                    vec![ev("x", 0, Asserted, "d")],
                ),
                edge(
                    "country:X",
                    Demands,
                    "person:a",
                    vec![ev("x", 1, Asserted, "d")],
                ),
            ],
        );
        let opts = Options::default();
        let f = RelationFilter {
            source: Some("b"),
            ..RelationFilter::default()
        };
        let rows = relations(&g, &f, &opts).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].source.as_str(), rows[0].target.as_str()),
            ("B", "A")
        );
        // A directed edge does not match the wrong way round.
        let f = RelationFilter {
            source: Some("a"),
            target: Some("x"),
            ..RelationFilter::default()
        };
        assert!(relations(&g, &f, &opts).unwrap().is_empty());
    }

    #[test]
    fn path_breaks_ties_by_smallest_id() {
        // a - b - d and a - c - d: both two steps; d's predecessor is b (smaller id).
        let m = |s, t| edge(s, Meets, t, vec![ev("x", 0, Asserted, "d")]);
        let g = graph(
            &["person:a", "person:b", "person:c", "person:d"],
            vec![
                m("person:a", "person:c"),
                m("person:c", "person:d"),
                m("person:a", "person:b"),
                m("person:b", "person:d"),
            ],
        );
        let steps = path(&g, "a", "d", &Options::default()).unwrap().unwrap();
        let via: Vec<&str> = steps.iter().map(|s| s.to_id.as_str()).collect();
        assert_eq!(via, ["person:b", "person:d"]);
        assert_eq!(path(&g, "a", "a", &Options::default()), Ok(Some(vec![])));
    }

    proptest::proptest! {
        /// On random graphs, `path` finds a chain exactly when one exists, of the
        /// shortest length, made of real edges, each step starting where the last ended.
        #[test]
        fn paths_are_shortest_chains_of_real_edges(
            pairs in proptest::collection::vec((0usize..7, 0usize..7, proptest::bool::ANY), 0..14),
            a in 0usize..7,
            b in 0usize..7,
        ) {
            let ids: Vec<String> = (0..7).map(|i| format!("person:n{i}")).collect();
            let edges: Vec<Edge> = pairs
                .iter()
                .map(|&(s, t, sym)| {
                    let r = if sym { Meets } else { Demands };
                    edge(&ids[s], r, &ids[t], vec![ev("x", s * 7 + t, Asserted, "d")])
                })
                .collect();
            let mut uniq: BTreeMap<String, Edge> = BTreeMap::new();
            for e in edges {
                uniq.insert(e.id.clone(), e);
            }
            let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let g = graph(&id_refs, uniq.into_values().collect());
            // Floyd-Warshall distances on the undirected view.
            let inf = usize::MAX / 2;
            let mut d = vec![vec![inf; 7]; 7];
            for (i, row) in d.iter_mut().enumerate() {
                row[i] = 0;
            }
            for &(s, t, _) in &pairs {
                if s != t {
                    d[s][t] = 1;
                    d[t][s] = 1;
                }
            }
            for k in 0..7 {
                for i in 0..7 {
                    for j in 0..7 {
                        d[i][j] = d[i][j].min(d[i][k] + d[k][j]);
                    }
                }
            }
            let found = path(&g, &ids[a], &ids[b], &Options::default()).unwrap();
            match found {
                None => proptest::prop_assert_eq!(d[a][b], inf),
                Some(steps) => {
                    proptest::prop_assert_eq!(steps.len(), d[a][b]);
                    let mut at = ids[a].as_str();
                    for s in &steps {
                        proptest::prop_assert_eq!(s.from_id.as_str(), at);
                        let exists = g.edges.iter().any(|e| {
                            e.relation == s.relation
                                && ((e.source == s.from_id && e.target == s.to_id)
                                    || (e.source == s.to_id && e.target == s.from_id))
                        });
                        proptest::prop_assert!(exists);
                        at = s.to_id.as_str();
                    }
                    proptest::prop_assert_eq!(at, ids[b].as_str());
                }
            }
        }
    }
}
