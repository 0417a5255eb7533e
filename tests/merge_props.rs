//! Merge equals build: random corpora of extract records, split at random, each part
//! kept as records or built into a graph (written to JSON and read back, as a file
//! would be), merged in a random grouping and order; the result is byte for byte the
//! graph one build over the whole corpus gives. With a small evidence cap, so the
//! first-N choice is exercised, and labels, attributes, kinds and dates that tie.

mod common;

use newsgraph::extract::{ExtractedDoc, MentionOut, NodeOut, RelationOut};
use newsgraph::graph::{Graph, TextSpan};
use newsgraph::graph_build::Builder;
use newsgraph::merge::Merge;
use newsgraph::{EntityKind, MentionForm, Modality, RelationKind};
use proptest::prelude::*;

/// Entities: a few with kind prefixes, one without (its kind comes from the records).
const ENTITIES: &[(&str, EntityKind)] = &[
    ("person:ann", EntityKind::Person),
    ("person:bob", EntityKind::Person),
    ("country:RUS", EntityKind::Country),
    ("org:nato", EntityKind::Organization),
    ("position:president@RUS", EntityKind::Position),
    ("odd-id", EntityKind::Location),
];
const LABELS: &[&str] = &["Ann", "Ann Lee", "Bo", "Russia", "NATO", "X"];
const TEXTS: &[&str] = &[
    "Ann",
    "Ann  Lee",
    "Russian",
    "Moscow",
    "NATO",
    "the alliance",
];
const DATES: &[Option<&str>] = &[
    None,
    Some("2022-01-10"),
    Some("2022-01-11T08:00:00Z"),
    Some("2021-12-31"),
    Some("yesterday"),
];
const KINDS: &[RelationKind] = &[
    RelationKind::Meets,
    RelationKind::Demands,
    RelationKind::HoldsPosition,
    RelationKind::NegotiatesWith,
];

type MentionSpec = (u8, u8);
type RelationSpec = (u8, u8, u8, u8, u8, u8);
type NodeSpec = (u8, u8, u8, bool);

#[derive(Debug, Clone)]
struct DocSpec {
    date: u8,
    mentions: Vec<MentionSpec>,
    relations: Vec<RelationSpec>,
    nodes: Vec<NodeSpec>,
}

fn pick<T: Copy>(xs: &[T], i: u8) -> T {
    xs[i as usize % xs.len()]
}

fn span(start: u8) -> TextSpan {
    TextSpan {
        start: start as usize,
        end: start as usize + 2,
        text: format!("t{start}"),
    }
}

/// A record from its spec; `i` makes the id (ids sort in another order than `i`).
fn record(i: usize, spec: &DocSpec) -> ExtractedDoc {
    let entities = spec
        .mentions
        .iter()
        .enumerate()
        .map(|(k, &(e, t))| {
            let (entity, kind) = pick(ENTITIES, e);
            MentionOut {
                start: k,
                end: k + 1,
                text: pick(TEXTS, t).into(),
                kind,
                form: MentionForm::Name,
                entity: entity.into(),
            }
        })
        .collect();
    let relations = spec
        .relations
        .iter()
        .map(|&(kind, s, t, modality, sentence, trigger)| RelationOut {
            kind: pick(KINDS, kind),
            source: pick(ENTITIES, s).0.into(),
            target: pick(ENTITIES, t).0.into(),
            modality: pick(&Modality::ALL, modality),
            reported: modality % 2 == 0,
            reported_by: None,
            sentence_index: (sentence % 3) as usize,
            sentence: format!("Sentence {} of {i}.", sentence % 3),
            trigger: span(trigger % 4),
            source_mention: span(s % 3),
            target_mention: span(t % 3),
            rule: "prop".into(),
            confidence: 0.5 + (trigger % 5) as f32 / 10.0,
            cameo: None,
            source_coref: None,
            target_coref: None,
        })
        .collect();
    let mut nodes: Vec<NodeOut> = spec
        .nodes
        .iter()
        .map(|&(e, label, attr, other_kind)| {
            let (id, kind) = pick(ENTITIES, e);
            let mut attributes = std::collections::BTreeMap::new();
            if attr % 3 != 0 {
                attributes.insert("capital".to_string(), pick(LABELS, attr).to_string());
            }
            NodeOut {
                id: id.into(),
                kind: if other_kind { EntityKind::Person } else { kind },
                label: pick(LABELS, label).into(),
                attributes,
            }
        })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.dedup_by(|a, b| a.id == b.id);
    ExtractedDoc {
        id: format!("{}-{i:03}", (i * 7) % 10),
        title: Some(format!("Article {i}")),
        date: pick(DATES, spec.date).map(String::from),
        entities,
        relations,
        nodes,
        ..ExtractedDoc::default()
    }
}

fn doc_spec() -> impl Strategy<Value = DocSpec> {
    (
        any::<u8>(),
        prop::collection::vec(any::<MentionSpec>(), 0..6),
        prop::collection::vec(any::<RelationSpec>(), 0..6),
        prop::collection::vec(any::<NodeSpec>(), 0..4),
    )
        .prop_map(|(date, mentions, relations, nodes)| DocSpec {
            date,
            mentions,
            relations,
            nodes,
        })
}

/// One merge input: records, or a graph (through its JSON form, as a file).
enum Part {
    Records(Vec<ExtractedDoc>),
    Graph(Graph),
}

fn graph_of(docs: &[ExtractedDoc], cap: usize) -> Graph {
    let mut b = Builder::new(cap);
    for d in docs {
        b.add(d);
    }
    round_trip(b.finish())
}

fn round_trip(g: Graph) -> Graph {
    serde_json::from_str(&g.to_json()).expect("graph.json reads back")
}

/// Merge two inputs into a graph, the way `newsgraph merge` does.
fn merge(a: Part, b: Part, cap: usize) -> Graph {
    let mut m = Merge::new(Some(cap));
    let mut records = Vec::new();
    for part in [a, b] {
        match part {
            Part::Graph(g) => m.add_graph(g, "part.json").expect("disjoint graphs merge"),
            Part::Records(r) => records.push(r),
        }
    }
    for r in records {
        for d in &r {
            assert!(m.add_record(d, "part.jsonl", None));
        }
    }
    assert!(m.take_problems().is_empty());
    round_trip(m.finish())
}

proptest! {
    #![proptest_config(common::prop_config(64, file!()))]

    #[test]
    fn merging_any_split_in_any_grouping_equals_one_build(
        specs in prop::collection::vec(doc_spec(), 1..24),
        order in any::<prop::sample::Index>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        as_graph in prop::collection::vec(any::<bool>(), 8),
        grouping in prop::collection::vec(any::<prop::sample::Index>(), 8),
        cap in 1usize..4,
    ) {
        let docs: Vec<ExtractedDoc> = specs.iter().enumerate().map(|(i, s)| record(i, s)).collect();
        let mut want = Builder::new(cap);
        for d in &docs {
            want.add(d);
        }
        let want = want.finish().to_json();

        // Any order: rotate the corpus, then cut it into parts at random places.
        let mut shuffled = docs.clone();
        shuffled.rotate_left(order.index(docs.len()));
        let mut at: Vec<usize> = cuts.iter().map(|c| c.index(docs.len() + 1)).collect();
        at.push(0);
        at.push(docs.len());
        at.sort();
        at.dedup();
        let mut parts: Vec<Part> = at
            .windows(2)
            .enumerate()
            .map(|(k, w)| {
                let slice = shuffled[w[0]..w[1]].to_vec();
                if as_graph[k % as_graph.len()] {
                    Part::Graph(graph_of(&slice, cap))
                } else {
                    Part::Records(slice)
                }
            })
            .collect();

        // Any grouping: merge two parts chosen at random until one is left.
        let mut step = 0;
        while parts.len() > 1 {
            let i = grouping[step % grouping.len()].index(parts.len() - 1);
            step += 1;
            let b = parts.remove(i + 1);
            let a = parts.remove(i);
            let merged = if step % 2 == 0 { merge(a, b, cap) } else { merge(b, a, cap) };
            parts.insert(i, Part::Graph(merged));
        }
        let got = match parts.pop().unwrap() {
            Part::Graph(g) => g,
            Part::Records(r) => graph_of(&r, cap),
        };
        prop_assert_eq!(got.to_json(), want);
    }

    #[test]
    fn a_graph_of_a_larger_cap_merges_down_exactly(
        specs in prop::collection::vec(doc_spec(), 2..16),
        cut in any::<prop::sample::Index>(),
        cap in 1usize..3,
    ) {
        let docs: Vec<ExtractedDoc> = specs.iter().enumerate().map(|(i, s)| record(i, s)).collect();
        let k = cut.index(docs.len());
        let mut m = Merge::new(None);
        m.add_graph(graph_of(&docs[..k], cap + 2), "big.json").unwrap();
        m.add_graph(graph_of(&docs[k..], cap), "small.json").unwrap();
        prop_assert_eq!(m.finish().to_json(), graph_of(&docs, cap).to_json());
    }
}

#[test]
fn a_duplicate_record_is_kept_once_whatever_input_holds_it() {
    let specs: Vec<DocSpec> = (0..6u8)
        .map(|i| DocSpec {
            date: i,
            mentions: vec![(i, i), (i + 1, 0)],
            relations: vec![(i, i, i + 1, 0, 0, i)],
            nodes: vec![(i, i, i, false)],
        })
        .collect();
    let docs: Vec<ExtractedDoc> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| record(i, s))
        .collect();
    let want = graph_of(&docs, 3).to_json();
    // docs[2] is in the graph and again first among the records; docs[4] twice (lines 3, 5).
    let mut m = Merge::new(Some(3));
    m.add_graph(graph_of(&docs[..3], 3), "g.json").unwrap();
    let mut records = docs[2..].to_vec();
    records.push(docs[4].clone());
    for (line, d) in records.iter().enumerate() {
        m.add_record(d, "r.jsonl", Some(line + 1));
    }
    let problems: Vec<String> = m.take_problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("r.jsonl:1"), "{problems:?}");
    assert!(problems[1].contains("r.jsonl:5"), "{problems:?}");
    assert_eq!(m.finish().to_json(), want);
}
