//! GEXF 1.3 for Gephi, Gephi Lite and sigma.js: typed attributes, colours by entity
//! type, sizes by mentions, positions, and a timeline from article dates.
//!
//! The file validates against the GEXF 1.3 RELAX NG schema (`jing -c gexf.rnc`) and
//! loads as meant with networkx `read_gexf` and graphology-gexf (the parser of Gephi
//! Lite and sigma.js). Attribute ids equal their titles (`kind`, `mentions`, `relation`),
//! since graphology-gexf keys values by id and Gephi shows titles; the entity type is
//! `kind`, not `type`, because sigma.js reads a node's `type` as the program that draws
//! it. Every node has a `viz:position` from [`super::layout`] (sigma refuses nodes
//! without x/y) and a `viz:size` in [`super::NODE_SIZES`].
//!
//! The graph is `mode="dynamic" timeformat="date"`: a node's spells are the days of the
//! articles that mention it, an edge's the days of its evidence. A spell covers whole
//! days: `start` is its first day and `end` the day after its last, consecutive days are
//! merged into one spell, so spells are sorted and at least a day apart (GEXF intervals
//! are closed: they never overlap nor touch). Nodes and edges without a valid date have
//! no spells (always present). The edge `kind` is the relation, so parallel relations
//! between two entities stay apart in Gephi.
//!
//! Symmetric relations (meets, negotiates-with, fights, ...: [`RelationKind::is_symmetric`](crate::RelationKind::is_symmetric))
//! are one edge each, in a `defaultedgetype="directed"` graph, written as [`Symmetric`]
//! says. No one form suits every consumer:
//! - `type="mutual"` (the default): graphology-gexf (Gephi Lite, sigma.js) reads it as
//!   undirected, networkx 3.6 as the edge both ways, the GEXF schema allows it; but
//!   Gephi desktop's importer knows only `directed` and `undirected` per edge: it logs a
//!   SEVERE "edge type" issue for each and imports the edge directed.
//! - `type="undirected"` (DESIGN.md's rule): Gephi desktop, Gephi Lite and sigma.js read
//!   it as undirected, the schema allows it; networkx 3.6 refuses the whole file
//!   ("Undirected edge found in directed graph").
//!
//! graphology-gexf takes the graph's type from the first edge and cannot make a graph
//! of type "mutual", so directed edges are written first; a graph whose every edge is
//! symmetric is `defaultedgetype="undirected"` with no per-edge type (which every
//! consumer reads as meant).
//! `meta lastmodifieddate` is the newest article date (or 1970-01-01), never the clock.

use super::{
    attribute_titles, day_runs, edge_values, kind_color, next_day, node_size, one_line, xml_double,
    xml_escape, View,
};
use crate::graph::Graph;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Fixed node attributes: (id = title, type).
const NODE_ATTRS: &[(&str, &str)] = &[
    ("kind", "string"),
    ("mentions", "long"),
    ("articles", "integer"),
    ("aliases", "liststring"),
    ("first_date", "string"),
    ("last_date", "string"),
];

/// Edge attributes (id = title, type); [`edge_values`] keys without their `e_`.
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("symmetric", "boolean"),
    ("modality", "string"),
    ("modalities", "string"),
    ("cameo", "string"),
    ("plover", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("articles", "string"),
    ("evidence", "string"),
];

/// How a symmetric relation's edge is typed in a graph that also has directed ones (see
/// the module documentation for who reads which).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Symmetric {
    /// `type="mutual"`: for graphology-gexf (Gephi Lite, sigma.js) and networkx.
    #[default]
    Mutual,
    /// `type="undirected"`: for Gephi desktop, Gephi Lite and sigma.js (networkx
    /// refuses it).
    Undirected,
}

/// Write `graph` as GEXF 1.3, symmetric relations as [`Symmetric::Mutual`] edges.
/// The writer is buffered here, so `w` need not be.
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    write_with(graph, Symmetric::default(), w)
}

/// Write `graph` as GEXF 1.3, symmetric relations typed as `symmetric` says.
pub fn write_with(graph: &Graph, symmetric: Symmetric, w: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    write_unbuffered(graph, symmetric, &mut out)?;
    out.flush()
}

fn write_unbuffered(graph: &Graph, symmetric: Symmetric, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let attr_names = view.attribute_names();
    let taken: Vec<&str> = NODE_ATTRS.iter().map(|a| a.0).collect();
    let titles = attribute_titles(&attr_names, &taken);
    let positions = view.positions();
    let max_mentions = view.max_mentions();
    let any_directed = view.edges.iter().any(|(e, _)| !e.symmetric);
    let all_symmetric = !view.edges.is_empty() && !any_directed;

    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(
        w,
        r#"  <meta lastmodifieddate="{}">"#,
        view.newest_day().unwrap_or("1970-01-01")
    )?;
    writeln!(w, "    <creator>newsgraph</creator>")?;
    writeln!(
        w,
        "    <description>Knowledge graph of entities and relations extracted from news articles</description>"
    )?;
    writeln!(w, "  </meta>")?;
    writeln!(
        w,
        r#"  <graph defaultedgetype="{}" mode="dynamic" timeformat="date">"#,
        if all_symmetric {
            "undirected"
        } else {
            "directed"
        }
    )?;

    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    for (id, ty) in NODE_ATTRS {
        attribute(w, id, ty)?;
    }
    for title in &titles {
        attribute(w, title, "string")?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    for (id, ty) in EDGE_ATTRS {
        attribute(w, id, ty)?;
    }
    writeln!(w, "    </attributes>")?;

    writeln!(w, r#"    <nodes count="{}">"#, view.nodes.len())?;
    for (n, pos) in view.nodes.iter().zip(&positions) {
        writeln!(
            w,
            r#"      <node id="{}" label="{}">"#,
            xml_escape(view.id(&n.id)),
            xml_escape(&one_line(&n.label))
        )?;
        writeln!(w, "        <attvalues>")?;
        attvalue(w, "kind", n.kind.as_str())?;
        attvalue(w, "mentions", &n.mentions.to_string())?;
        attvalue(w, "articles", &n.article_count.to_string())?;
        if !n.aliases.is_empty() {
            attvalue(w, "aliases", &list_string(&n.aliases))?;
        }
        if let Some(d) = &n.first_date {
            attvalue(w, "first_date", d)?;
        }
        if let Some(d) = &n.last_date {
            attvalue(w, "last_date", d)?;
        }
        for (id, name) in titles.iter().zip(&attr_names) {
            if let Some(v) = n.attributes.get(*name) {
                attvalue(w, id, v)?;
            }
        }
        writeln!(w, "        </attvalues>")?;
        spells(w, &view.node_days(n))?;
        let (r, g, b) = kind_color(n.kind);
        writeln!(w, r#"        <viz:color r="{r}" g="{g}" b="{b}"/>"#)?;
        writeln!(
            w,
            r#"        <viz:size value="{}"/>"#,
            xml_double(node_size(n.mentions, max_mentions))
        )?;
        writeln!(
            w,
            r#"        <viz:position x="{}" y="{}" z="0.0"/>"#,
            xml_double(pos[0]),
            xml_double(pos[1])
        )?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;

    writeln!(w, r#"    <edges count="{}">"#, view.edges.len())?;
    // Directed edges first (see the module docs), each group in graph order.
    let ordered = view
        .edges
        .iter()
        .filter(|(e, _)| !e.symmetric)
        .chain(view.edges.iter().filter(|(e, _)| e.symmetric));
    // A mutual edge whose reverse is a directed edge already written is written from the
    // other end: networkx adds a mutual edge, then its reverse without looking, so the
    // reverse would silently replace the directed edge in its DiGraph; written this way,
    // its first half meets the directed edge and networkx reads a MultiDiGraph.
    let directed: BTreeSet<(&str, &str)> = view
        .edges
        .iter()
        .filter(|(e, _)| !e.symmetric)
        .map(|(e, _)| (e.source.as_str(), e.target.as_str()))
        .collect();
    for (e, id) in ordered {
        let relation = e.relation.as_str();
        let ty = match symmetric {
            _ if !e.symmetric || all_symmetric => "",
            Symmetric::Mutual => r#" type="mutual""#,
            Symmetric::Undirected => r#" type="undirected""#,
        };
        let (source, target) = (e.source.as_str(), e.target.as_str());
        let flip = !ty.is_empty()
            && directed.contains(&(target, source))
            && !directed.contains(&(source, target));
        let (source, target) = if flip {
            (target, source)
        } else {
            (source, target)
        };
        writeln!(
            w,
            r#"      <edge id="{}" source="{}" target="{}"{ty} label="{relation}" kind="{relation}" weight="{}">"#,
            xml_escape(id),
            xml_escape(view.id(source)),
            xml_escape(view.id(target)),
            xml_double(e.weight as f64),
        )?;
        writeln!(w, "        <attvalues>")?;
        attvalue(w, "relation", relation)?;
        for (key, value) in edge_values(e) {
            attvalue(w, key.trim_start_matches("e_"), &value)?;
        }
        writeln!(w, "        </attvalues>")?;
        spells(w, &view.edge_days(e))?;
        writeln!(w, "      </edge>")?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    Ok(())
}

/// A GEXF list value, as Gephi parses it: `["a", "b"]` with `"` and `\` backslash-escaped.
fn list_string(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| {
            let s = one_line(s);
            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
        })
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// An attribute whose id is its title.
fn attribute(w: &mut dyn Write, title: &str, ty: &str) -> io::Result<()> {
    let t = xml_escape(title);
    writeln!(w, r#"      <attribute id="{t}" title="{t}" type="{ty}"/>"#)
}

fn attvalue(w: &mut dyn Write, id: &str, value: &str) -> io::Result<()> {
    writeln!(
        w,
        r#"          <attvalue for="{}" value="{}"/>"#,
        xml_escape(id),
        xml_escape(value)
    )
}

fn spells(w: &mut dyn Write, days: &BTreeSet<String>) -> io::Result<()> {
    if days.is_empty() {
        return Ok(());
    }
    writeln!(w, "        <spells>")?;
    for (start, last) in day_runs(days) {
        let end = next_day(&last).unwrap_or(last);
        writeln!(w, r#"          <spell start="{start}" end="{end}"/>"#)?;
    }
    writeln!(w, "        </spells>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_values_escape_quotes_and_backslashes() {
        let items = vec!["U.S.".to_string(), "a \"b\"\\c".to_string()];
        assert_eq!(list_string(&items), r#"["U.S.", "a \"b\"\\c"]"#);
    }
}
