//! What changed between two graphs: articles, nodes and edges added, removed or changed,
//! keyed by id so that order in the files does not matter.
//!
//! Every field is compared (through its JSON form, so a field added to the graph model
//! later is compared too): a scalar change shows old and new values, a list of strings
//! (aliases, articles) shows the items removed (`old`) and added (`new`), a map
//! (attributes, modalities) one change per key, and an edge's evidence is matched by
//! (article, sentence, trigger and mention offsets) and reported as evidence removed,
//! added, or changed field by field. Two graphs are equal when nothing is reported.

use crate::graph::{Edge, Evidence, Graph, Node};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The differences between an old and a new graph.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Diff {
    pub articles: Section<String>,
    pub nodes: Section<NodeSummary>,
    pub edges: Section<EdgeSummary>,
}

/// Items added, removed and changed, each sorted by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
    pub changed: Vec<Changed>,
}

impl<T> Default for Section<T> {
    fn default() -> Self {
        Section {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<T> Section<T> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeSummary {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: crate::EntityKind,
    pub mentions: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EdgeSummary {
    pub id: String,
    pub source: String,
    pub relation: crate::RelationKind,
    pub target: String,
    pub weight: u64,
    pub modality: crate::Modality,
}

/// One item present in both graphs whose fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub id: String,
    pub changes: Vec<FieldChange>,
}

/// One field's change. For lists, `old` holds the items removed and `new` those added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Counts, for the summary line and for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub equal: bool,
    pub articles_added: usize,
    pub articles_removed: usize,
    pub articles_changed: usize,
    pub nodes_added: usize,
    pub nodes_removed: usize,
    pub nodes_changed: usize,
    pub edges_added: usize,
    pub edges_removed: usize,
    pub edges_changed: usize,
    /// Edges (among the changed ones) whose weight changed.
    pub edges_weight_changed: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.nodes.is_empty() && self.edges.is_empty()
    }

    pub fn summary(&self) -> Summary {
        Summary {
            equal: self.is_empty(),
            articles_added: self.articles.added.len(),
            articles_removed: self.articles.removed.len(),
            articles_changed: self.articles.changed.len(),
            nodes_added: self.nodes.added.len(),
            nodes_removed: self.nodes.removed.len(),
            nodes_changed: self.nodes.changed.len(),
            edges_added: self.edges.added.len(),
            edges_removed: self.edges.removed.len(),
            edges_changed: self.edges.changed.len(),
            edges_weight_changed: self
                .edges
                .changed
                .iter()
                .filter(|c| c.changes.iter().any(|f| f.field == "weight"))
                .count(),
        }
    }
}

impl Summary {
    /// "nodes +1 -0 ~2, edges +3 -1 ~1 (1 in weight), articles +1 -0 ~0", or "equal".
    pub fn line(&self) -> String {
        if self.equal {
            return "graphs are equal".to_string();
        }
        format!(
            "graphs differ: nodes +{} -{} ~{}, edges +{} -{} ~{} ({} in weight), articles +{} -{} ~{}",
            self.nodes_added,
            self.nodes_removed,
            self.nodes_changed,
            self.edges_added,
            self.edges_removed,
            self.edges_changed,
            self.edges_weight_changed,
            self.articles_added,
            self.articles_removed,
            self.articles_changed,
        )
    }
}

/// Compare two graphs.
pub fn diff(old: &Graph, new: &Graph) -> Diff {
    let (old_articles, new_articles): (Vec<_>, Vec<_>) =
        (old.articles.iter().collect(), new.articles.iter().collect());
    let articles = section(
        keyed(&old_articles, |a| a.id),
        keyed(&new_articles, |a| a.id),
        |a| a.id.to_string(),
        |_, a, b| fields_changed(&to_value(a), &to_value(b)),
    );
    let nodes = section(
        keyed(&old.nodes, |n| n.id.as_str()),
        keyed(&new.nodes, |n| n.id.as_str()),
        node_summary,
        |_, a, b| fields_changed(&to_value(a), &to_value(b)),
    );
    let edges = section(
        keyed(&old.edges, |e| e.id.as_str()),
        keyed(&new.edges, |e| e.id.as_str()),
        edge_summary,
        edge_changes,
    );
    Diff {
        articles,
        nodes,
        edges,
    }
}

fn keyed<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|x| (id(x), x)).collect()
}

fn section<T, S>(
    old: BTreeMap<&str, &T>,
    new: BTreeMap<&str, &T>,
    summarize: impl Fn(&T) -> S,
    compare: impl Fn(&str, &T, &T) -> Vec<FieldChange>,
) -> Section<S> {
    let mut s = Section::default();
    for (id, a) in &old {
        match new.get(id) {
            None => s.removed.push(summarize(a)),
            Some(b) => {
                let changes = compare(id, a, b);
                if !changes.is_empty() {
                    s.changed.push(Changed {
                        id: id.to_string(),
                        changes,
                    });
                }
            }
        }
    }
    for (id, b) in &new {
        if !old.contains_key(id) {
            s.added.push(summarize(b));
        }
    }
    s
}

fn node_summary(n: &Node) -> NodeSummary {
    NodeSummary {
        id: n.id.clone(),
        label: n.label.clone(),
        kind: n.kind,
        mentions: n.mentions,
    }
}

fn edge_summary(e: &Edge) -> EdgeSummary {
    EdgeSummary {
        id: e.id.clone(),
        source: e.source.clone(),
        relation: e.relation,
        target: e.target.clone(),
        weight: e.weight,
        modality: e.modality,
    }
}

fn to_value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// Field-by-field changes between two JSON objects (`id` itself is the key, not compared).
fn fields_changed(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    compare_fields("", old, new, &mut out);
    out
}

fn compare_fields(prefix: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    let empty = serde_json::Map::new();
    let (a, b) = match (old, new) {
        (Value::Object(a), Value::Object(b)) => (a, b),
        (Value::Object(a), Value::Null) => (a, &empty),
        (Value::Null, Value::Object(b)) => (&empty, b),
        _ => {
            if old != new {
                out.push(scalar_change(prefix, old, new));
            }
            return;
        }
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        if prefix.is_empty() && k == "id" {
            continue;
        }
        let field = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let (x, y) = (
            a.get(k).unwrap_or(&Value::Null),
            b.get(k).unwrap_or(&Value::Null),
        );
        if x == y {
            continue;
        }
        match (x, y) {
            (Value::Object(_), _) | (_, Value::Object(_)) => compare_fields(&field, x, y, out),
            (Value::Array(_), _) | (_, Value::Array(_)) if is_list_of_scalars(x, y) => {
                out.push(list_change(&field, x, y))
            }
            _ => out.push(scalar_change(&field, x, y)),
        }
    }
}

fn is_list_of_scalars(x: &Value, y: &Value) -> bool {
    let scalars = |v: &Value| match v {
        Value::Array(items) => items
            .iter()
            .all(|i| !matches!(i, Value::Array(_) | Value::Object(_))),
        Value::Null => true,
        _ => false,
    };
    scalars(x) && scalars(y)
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn scalar_change(field: &str, old: &Value, new: &Value) -> FieldChange {
    FieldChange {
        field: field.to_string(),
        old: show(old),
        new: show(new),
    }
}

/// A list's change: items only in the old list, and items only in the new one.
fn list_change(field: &str, old: &Value, new: &Value) -> FieldChange {
    let items = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(xs) => xs.iter().map(show).collect(),
            _ => Vec::new(),
        }
    };
    let (a, b) = (items(old), items(new));
    let removed: Vec<&str> = a
        .iter()
        .filter(|x| !b.contains(x))
        .map(String::as_str)
        .collect();
    let added: Vec<&str> = b
        .iter()
        .filter(|x| !a.contains(x))
        .map(String::as_str)
        .collect();
    if removed.is_empty() && added.is_empty() {
        // Same items, different order or multiplicity.
        return FieldChange {
            field: format!("{field} (order)"),
            old: a.join(", "),
            new: b.join(", "),
        };
    }
    FieldChange {
        field: field.to_string(),
        old: removed.join(", "),
        new: added.join(", "),
    }
}

/// How a piece of evidence is named in a change: `article#sentence@trigger`.
fn evidence_ref(e: &Evidence) -> String {
    format!("{}#{}@{}", e.article, e.sentence_index, e.trigger.start)
}

type EvidenceKey<'a> = (&'a str, usize, usize, usize, usize);

fn evidence_key(e: &Evidence) -> EvidenceKey<'_> {
    (
        e.article.as_str(),
        e.sentence_index,
        e.trigger.start,
        e.source_mention.start,
        e.target_mention.start,
    )
}

/// An edge's changes: its own fields, then its evidence matched by key.
fn edge_changes(_id: &str, old: &Edge, new: &Edge) -> Vec<FieldChange> {
    let strip = |e: &Edge| {
        let mut v = to_value(e);
        if let Value::Object(m) = &mut v {
            m.remove("evidence");
        }
        v
    };
    let mut out = fields_changed(&strip(old), &strip(new));
    let a: BTreeMap<EvidenceKey<'_>, &Evidence> =
        old.evidence.iter().map(|e| (evidence_key(e), e)).collect();
    let b: BTreeMap<EvidenceKey<'_>, &Evidence> =
        new.evidence.iter().map(|e| (evidence_key(e), e)).collect();
    let removed: Vec<String> = a
        .iter()
        .filter(|(k, _)| !b.contains_key(*k))
        .map(|(_, e)| evidence_ref(e))
        .collect();
    let added: Vec<String> = b
        .iter()
        .filter(|(k, _)| !a.contains_key(*k))
        .map(|(_, e)| evidence_ref(e))
        .collect();
    if !removed.is_empty() || !added.is_empty() {
        out.push(FieldChange {
            field: "evidence".into(),
            old: removed.join(", "),
            new: added.join(", "),
        });
    }
    for (k, x) in &a {
        if let Some(y) = b.get(k) {
            if x != y {
                let prefix = format!("evidence[{}]", evidence_ref(x));
                compare_fields(&prefix, &to_value(x), &to_value(y), &mut out);
            }
        }
    }
    if out.is_empty() && old != new {
        // Only the evidence order differs.
        out.push(FieldChange {
            field: "evidence (order)".into(),
            old: old
                .evidence
                .iter()
                .map(evidence_ref)
                .collect::<Vec<_>>()
                .join(", "),
            new: new
                .evidence
                .iter()
                .map(evidence_ref)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{EntityKind, Modality, RelationKind};
    use crate::graph::{ArticleMeta, TextSpan};

    fn node(id: &str, label: &str, mentions: u64) -> Node {
        Node {
            id: id.into(),
            kind: EntityKind::of_id(id).unwrap(),
            label: label.into(),
            aliases: vec![label.into()],
            mentions,
            labels: BTreeMap::new(),
            article_count: 1,
            articles: vec!["a1".into()],
            attributes: BTreeMap::new(),
            attribute_votes: BTreeMap::new(),
            first_date: None,
            last_date: None,
            days: vec![],
        }
    }

    fn evidence(article: &str, sentence: usize, modality: Modality) -> Evidence {
        Evidence {
            article: article.into(),
            sentence_index: sentence,
            sentence: format!("Sentence {sentence}."),
            modality,
            reported: false,
            reported_by: None,
            trigger: TextSpan {
                start: 0,
                end: 3,
                text: "met".into(),
            },
            source_mention: TextSpan::default(),
            target_mention: TextSpan::default(),
            rule: "test".into(),
            confidence: 1.0,
            date: None,
        }
    }

    fn graph() -> Graph {
        Graph {
            format: crate::graph::FORMAT_VERSION,
            max_evidence: crate::graph::DEFAULT_MAX_EVIDENCE,
            filter: Default::default(),
            articles: vec![ArticleMeta {
                id: "a1".into(),
                ..ArticleMeta::default()
            }]
            .into(),
            nodes: vec![node("person:a", "A", 2), node("person:b", "B", 1)],
            edges: vec![crate::graph_build::edge_from_evidence(
                "person:a",
                "person:b",
                RelationKind::Meets,
                vec![evidence("a1", 0, Modality::Asserted)],
            )],
        }
    }

    #[test]
    fn equal_graphs_have_no_differences_whatever_the_order() {
        let g = graph();
        assert!(diff(&g, &g).is_empty());
        let mut shuffled = g.clone();
        shuffled.nodes.reverse();
        let d = diff(&g, &shuffled);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.summary().line(), "graphs are equal");
    }

    #[test]
    fn node_changes_are_field_by_field() {
        let old = graph();
        let mut new = old.clone();
        new.nodes[0].mentions = 5;
        new.nodes[0].aliases = vec!["A".into(), "Mr A".into()];
        new.nodes[0]
            .attributes
            .insert("nationality".into(), "country:USA".into());
        new.nodes.push(node("person:c", "C", 1));
        new.nodes.remove(1);
        new.edges.clear();
        let d = diff(&old, &new);
        assert_eq!(d.nodes.added[0].id, "person:c");
        assert_eq!(d.nodes.removed[0].id, "person:b");
        assert_eq!(d.edges.removed[0].id, "person:a|meets|person:b");
        let c = &d.nodes.changed[0];
        assert_eq!(c.id, "person:a");
        let fields: Vec<(&str, &str, &str)> = c
            .changes
            .iter()
            .map(|f| (f.field.as_str(), f.old.as_str(), f.new.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("aliases", "", "Mr A"),
                ("attributes.nationality", "", "country:USA"),
                ("mentions", "2", "5"),
            ]
        );
        let s = d.summary();
        assert!(!s.equal);
        assert_eq!((s.nodes_added, s.nodes_removed, s.nodes_changed), (1, 1, 1));
    }

    /// DESIGN.md, "Relations": an edge's weight counts its asserted mentions; the other
    /// modalities are counted beside it (the evidence helper lives here).
    #[test]
    fn edge_weight_counts_asserted_mentions_only() {
        use crate::graph_build::edge_from_evidence;
        let ev = vec![
            evidence("a1", 0, Modality::Asserted),
            evidence("a1", 1, Modality::Future),
            evidence("a2", 0, Modality::Negated),
        ];
        let e = edge_from_evidence("x", "y", RelationKind::Meets, ev);
        assert_eq!((e.weight, e.support()), (1, 3));
        let e = edge_from_evidence(
            "x",
            "y",
            RelationKind::Meets,
            vec![evidence("a1", 0, Modality::Future)],
        );
        assert_eq!(
            (e.weight, e.support(), e.modality),
            (0, 1, Modality::Future)
        );
    }

    #[test]
    fn edge_weight_modality_and_evidence_changes() {
        let old = graph();
        let mut new = old.clone();
        let e = &old.edges[0];
        let mut ev = e.evidence.clone();
        ev[0].modality = Modality::Future;
        ev.push(evidence("a2", 3, Modality::Negated));
        new.edges[0] = crate::graph_build::edge_from_evidence(&e.source, &e.target, e.relation, ev);
        let d = diff(&old, &new);
        let fields: Vec<&str> = d.edges.changed[0]
            .changes
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "modalities.asserted",
                "modalities.future",
                "modalities.negated",
                "modality",
                "weight",
                "evidence",
                "evidence[a1#0@0].modality",
            ]
        );
        let weight = &d.edges.changed[0].changes[4];
        // The weight counts asserted mentions: the one asserted mention became future.
        assert_eq!((weight.old.as_str(), weight.new.as_str()), ("1", "0"));
        assert_eq!(d.summary().edges_weight_changed, 1);
        assert_eq!(d.edges.changed[0].changes[5].new, "a2#3@0");
    }
}
