//! GEXF 1.3 for Gephi: typed attributes, colours by entity type, sizes by mentions,
//! and a timeline from article dates.
//!
//! The file validates against the GEXF 1.3 RELAX NG schema (`jing -c gexf.rnc`) and
//! loads with networkx `read_gexf`. The graph is `mode="dynamic" timeformat="date"`: a
//! node's spells are the days of the articles that mention it, an edge's the days of its
//! evidence. A spell covers whole days: `start` is its first day and `end` the day after
//! its last, consecutive days are merged into one spell, so spells are sorted and at
//! least a day apart (GEXF intervals are closed: they never overlap nor touch). Nodes and edges without a valid date have no
//! spells (always present). The edge `kind` is the relation, so parallel relations
//! between two entities stay apart in Gephi; a symmetric relation is one directed edge
//! with `symmetric=true` (networkx refuses undirected edges in a directed graph).
//! `meta lastmodifieddate` is the newest article date (or 1970-01-01), never the clock.

use super::{
    attribute_titles, day_runs, edge_values, kind_color, next_day, one_line, xml_double,
    xml_escape, View,
};
use crate::graph::{Graph, Node};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Fixed node attributes: (id, title, type).
const NODE_ATTRS: &[(&str, &str, &str)] = &[
    ("n_type", "type", "string"),
    ("n_mentions", "mentions", "long"),
    ("n_articles", "articles", "integer"),
    ("n_aliases", "aliases", "liststring"),
    ("n_first_date", "first_date", "string"),
    ("n_last_date", "last_date", "string"),
];

const EDGE_ATTRS: &[(&str, &str, &str)] = &[
    ("e_relation", "relation", "string"),
    ("e_symmetric", "symmetric", "boolean"),
    ("e_modality", "modality", "string"),
    ("e_modalities", "modalities", "string"),
    ("e_cameo", "cameo", "string"),
    ("e_plover", "plover", "string"),
    ("e_first_date", "first_date", "string"),
    ("e_last_date", "last_date", "string"),
    ("e_articles", "articles", "string"),
    ("e_evidence", "evidence", "string"),
];

/// Write `graph` as GEXF 1.3.
/// The writer is buffered here, so `w` need not be.
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    write_unbuffered(graph, &mut out)?;
    out.flush()
}

fn write_unbuffered(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let attr_names = view.attribute_names();
    let taken: Vec<&str> = NODE_ATTRS.iter().map(|a| a.1).collect();
    let titles = attribute_titles(&attr_names, &taken);
    let attr_ids: Vec<String> = titles.iter().map(|t| format!("n_{t}")).collect();

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
        r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#
    )?;

    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    for (id, title, ty) in NODE_ATTRS {
        attribute(w, id, title, ty)?;
    }
    for (id, title) in attr_ids.iter().zip(&titles) {
        attribute(w, id, title, "string")?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    for (id, title, ty) in EDGE_ATTRS {
        attribute(w, id, title, ty)?;
    }
    writeln!(w, "    </attributes>")?;

    writeln!(w, r#"    <nodes count="{}">"#, view.nodes.len())?;
    for n in &view.nodes {
        writeln!(
            w,
            r#"      <node id="{}" label="{}">"#,
            xml_escape(view.id(&n.id)),
            xml_escape(&one_line(&n.label))
        )?;
        writeln!(w, "        <attvalues>")?;
        attvalue(w, "n_type", n.kind.as_str())?;
        attvalue(w, "n_mentions", &n.mentions.to_string())?;
        attvalue(w, "n_articles", &n.article_count.to_string())?;
        if !n.aliases.is_empty() {
            attvalue(w, "n_aliases", &list_string(&n.aliases))?;
        }
        if let Some(d) = &n.first_date {
            attvalue(w, "n_first_date", d)?;
        }
        if let Some(d) = &n.last_date {
            attvalue(w, "n_last_date", d)?;
        }
        for (id, name) in attr_ids.iter().zip(&attr_names) {
            if let Some(v) = n.attributes.get(*name) {
                attvalue(w, id, v)?;
            }
        }
        writeln!(w, "        </attvalues>")?;
        spells(w, &view.node_days(n))?;
        let (r, g, b) = kind_color(n.kind);
        writeln!(w, r#"        <viz:color r="{r}" g="{g}" b="{b}"/>"#)?;
        writeln!(w, r#"        <viz:size value="{}"/>"#, node_size(n))?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;

    writeln!(w, r#"    <edges count="{}">"#, view.edges.len())?;
    for (e, id) in &view.edges {
        let relation = e.relation.as_str();
        writeln!(
            w,
            r#"      <edge id="{}" source="{}" target="{}" label="{relation}" kind="{relation}" weight="{}">"#,
            xml_escape(id),
            xml_escape(view.id(&e.source)),
            xml_escape(view.id(&e.target)),
            xml_double(e.weight as f64),
        )?;
        writeln!(w, "        <attvalues>")?;
        attvalue(w, "e_relation", relation)?;
        for (key, value) in edge_values(e) {
            attvalue(w, key, &value)?;
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

/// Node size grows with the square root of the mention count: 10 for one mention.
fn node_size(n: &Node) -> String {
    format!("{:.2}", 5.0 + 5.0 * (n.mentions.max(1) as f64).sqrt())
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

fn attribute(w: &mut dyn Write, id: &str, title: &str, ty: &str) -> io::Result<()> {
    writeln!(
        w,
        r#"      <attribute id="{}" title="{}" type="{ty}"/>"#,
        xml_escape(id),
        xml_escape(title)
    )
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
