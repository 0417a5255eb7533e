//! GraphML for Gephi, yEd and networkx.
//!
//! All `<key>`s come before `<graph>`, with ids prefixed by what they are for (`n_label`,
//! `e_weight`) so no two collide and none is one Gephi reads specially (`d3`, `d7`), each
//! with `for`, an XML-name `attr.name` and a type. Nodes carry `label`, `type`,
//! `mentions`, `articles` (a count), `aliases` (joined by `; `), first/last dates and one
//! string key per node attribute; edges carry `relation` (also as `label`), `weight` (a
//! double), `symmetric`, `modality`, CAMEO and PLOVER codes, the first few evidence
//! sentences and the article ids. `edgedefault="directed"`: a symmetric relation is one
//! edge from the smaller id to the larger one, marked `symmetric=true`.
//!
//! GraphML has no undirected edge that both networkx and Gephi read: its per-edge
//! `directed="false"` makes networkx 3.6 raise ("directed=false edge found in directed
//! graph"), and writing the relation both ways would double its weight in Gephi and
//! graphology. So the direction is the `symmetric` attribute; GEXF (`type="mutual"`),
//! CSV (`Undirected`) and DOT (no arrowhead) draw it undirected.

use super::{attribute_titles, edge_values, one_line, xml_double, xml_escape, View};
use crate::graph::Graph;
use std::io::{self, Write};

/// Node keys that every file declares: (id, attr.name, attr.type).
const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("n_label", "label", "string"),
    ("n_type", "type", "string"),
    ("n_mentions", "mentions", "long"),
    ("n_articles", "articles", "long"),
    ("n_aliases", "aliases", "string"),
    ("n_first_date", "first_date", "string"),
    ("n_last_date", "last_date", "string"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("e_label", "label", "string"),
    ("e_relation", "relation", "string"),
    ("e_weight", "weight", "double"),
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

/// A node attribute's key: its id, its XML-name-safe `attr.name`, and the attribute.
struct AttrKey<'a> {
    id: String,
    name: String,
    attr: &'a str,
}

fn attribute_keys<'a>(attrs: &[&'a str]) -> Vec<AttrKey<'a>> {
    let taken: Vec<&str> = NODE_KEYS.iter().map(|k| k.1).collect();
    attribute_titles(attrs, &taken)
        .into_iter()
        .zip(attrs)
        .map(|(name, &attr)| AttrKey {
            id: format!("n_{name}"),
            name,
            attr,
        })
        .collect()
}

/// Write `graph` as GraphML.
/// The writer is buffered here, so `w` need not be.
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    write_unbuffered(graph, &mut out)?;
    out.flush()
}

fn write_unbuffered(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let attr_names = view.attribute_names();
    let attr_keys = attribute_keys(&attr_names);

    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
    )?;
    for (id, name, ty) in NODE_KEYS {
        key(w, id, "node", name, ty)?;
    }
    for k in &attr_keys {
        key(w, &k.id, "node", &k.name, "string")?;
    }
    for (id, name, ty) in EDGE_KEYS {
        key(w, id, "edge", name, ty)?;
    }
    writeln!(w, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    for n in &view.nodes {
        writeln!(w, r#"    <node id="{}">"#, xml_escape(view.id(&n.id)))?;
        data(w, "n_label", &one_line(&n.label))?;
        data(w, "n_type", n.kind.as_str())?;
        data(w, "n_mentions", &n.mentions.to_string())?;
        data(w, "n_articles", &n.article_count.to_string())?;
        if !n.aliases.is_empty() {
            let aliases: Vec<_> = n.aliases.iter().map(|a| one_line(a)).collect();
            data(w, "n_aliases", &aliases.join("; "))?;
        }
        if let Some(d) = &n.first_date {
            data(w, "n_first_date", d)?;
        }
        if let Some(d) = &n.last_date {
            data(w, "n_last_date", d)?;
        }
        for k in &attr_keys {
            if let Some(v) = n.attributes.get(k.attr) {
                data(w, &k.id, v)?;
            }
        }
        writeln!(w, "    </node>")?;
    }
    for (e, id) in &view.edges {
        writeln!(
            w,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            xml_escape(id),
            xml_escape(view.id(&e.source)),
            xml_escape(view.id(&e.target))
        )?;
        let relation = e.relation.as_str();
        data(w, "e_label", relation)?;
        data(w, "e_relation", relation)?;
        data(w, "e_weight", &xml_double(e.weight as f64))?;
        for (key, value) in edge_values(e) {
            data(w, key, &value)?;
        }
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    Ok(())
}

fn key(w: &mut dyn Write, id: &str, what: &str, name: &str, ty: &str) -> io::Result<()> {
    writeln!(
        w,
        r#"  <key id="{id}" for="{what}" attr.name="{name}" attr.type="{ty}"/>"#
    )
}

fn data(w: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        w,
        r#"      <data key="{}">{}</data>"#,
        xml_escape(key),
        xml_escape(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_keys_are_xml_names_and_unique() {
        let keys = attribute_keys(&["iso2", "label", "home country", "home_country", "1st", "x"]);
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "iso2",
                "attr_label",
                "home_country",
                "home_country_2",
                "attr_1st",
                "attr_x"
            ]
        );
        assert!(keys.iter().all(|k| k.id == format!("n_{}", k.name)));
    }
}
