//! DOT for Graphviz (`dot -Tsvg graph.dot`), written by hand so the output is
//! deterministic and any text is safe in it.
//!
//! Every id and value is a quoted string: `\` and `"` are escaped, newlines written as
//! `\n`, `&` as `&amp;` (Graphviz reads entities in labels, and copies `&foo;` or
//! `&#0;` into SVG, which then fails to parse), other control characters and characters
//! XML cannot hold dropped. Quoted strings stay far below Graphviz's
//! 16 KB limit: labels are cut at [`MAX_LABEL_CHARS`] characters, tooltips at
//! [`MAX_TOOLTIP_CHARS`], and a node id too long to quote becomes a shortened unique
//! name. Each entity type has its shape and colour (a legend cluster lists those
//! present); edges are labelled with their relation (and weight when above one),
//! symmetric relations drawn without arrowheads, non-asserted ones dashed.

use super::{kind_color, one_line, truncate_chars, View};
use crate::doc::{EntityKind, Modality};
use crate::graph::Graph;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// The longest node or edge label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// The longest tooltip (the node id, or the first evidence sentence), in characters.
pub const MAX_TOOLTIP_CHARS: usize = 300;
/// Node ids whose quoted form is longer than this are replaced by a shortened name.
const MAX_ID_BYTES: usize = 1024;

fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "ellipse",
        EntityKind::Country => "box",
        EntityKind::Organization => "hexagon",
        EntityKind::Position => "note",
        EntityKind::Location => "house",
    }
}

fn fill(kind: EntityKind) -> String {
    let (r, g, b) = kind_color(kind);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `s` as a DOT quoted string (with the quotes).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // Graphviz decodes entities in labels and passes `&name;` through to SVG
            // untouched in ids; `&amp;` is a literal `&` in both.
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() || !super::is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// DOT node names: the entity id when it is short enough, else a cut id with its
/// position appended; unique in the file.
fn node_names(view: &View) -> HashMap<String, String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut names = HashMap::new();
    for (i, n) in view.nodes.iter().enumerate() {
        let mut name = quote(&n.id);
        if name.len() > MAX_ID_BYTES || used.contains(&name) {
            name = quote(&format!("{}~{i}", truncate_chars(&n.id, 100)));
        }
        let mut k = 1;
        while used.contains(&name) {
            k += 1;
            name = quote(&format!("{}~{i}~{k}", truncate_chars(&n.id, 100)));
        }
        used.insert(name.clone());
        names.insert(n.id.clone(), name);
    }
    names
}

/// Write `graph` as a DOT digraph.
/// The writer is buffered here, so `w` need not be.
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    write_unbuffered(graph, &mut out)?;
    out.flush()
}

fn write_unbuffered(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let names = node_names(&view);
    let used: HashSet<&str> = names.values().map(String::as_str).collect();

    writeln!(w, "digraph newsgraph {{")?;
    writeln!(
        w,
        r#"  graph [charset="UTF-8", rankdir="LR", fontname="Helvetica", fontsize="10"];"#
    )?;
    writeln!(
        w,
        r#"  node [style="filled", fontname="Helvetica", fontsize="10"];"#
    )?;
    writeln!(w, r#"  edge [fontname="Helvetica", fontsize="8"];"#)?;

    let kinds: BTreeSet<EntityKind> = view.nodes.iter().map(|n| n.kind).collect();
    if !kinds.is_empty() {
        writeln!(w, r#"  subgraph "cluster_legend" {{"#)?;
        writeln!(
            w,
            r##"    graph [label="entity types", style="rounded", color="#bbbbbb"];"##
        )?;
        for kind in &kinds {
            let mut name = quote(&format!("legend:{kind}"));
            while used.contains(name.as_str()) {
                name = quote(&format!("_{}", &name[1..name.len() - 1]));
            }
            writeln!(
                w,
                r#"    {name} [label="{kind}", shape="{}", fillcolor="{}"];"#,
                shape(*kind),
                fill(*kind)
            )?;
        }
        writeln!(w, "  }}")?;
    }

    for n in &view.nodes {
        writeln!(
            w,
            r#"  {} [label={}, shape="{}", fillcolor="{}", tooltip={}];"#,
            names[&n.id],
            quote(&truncate_chars(&one_line(&n.label), MAX_LABEL_CHARS)),
            shape(n.kind),
            fill(n.kind),
            quote(&truncate_chars(&n.id, MAX_TOOLTIP_CHARS)),
        )?;
    }

    for (e, _) in &view.edges {
        let mut label = e.relation.as_str().to_string();
        if e.weight > 1 {
            label.push_str(&format!(" ({})", e.weight));
        }
        if e.modality != Modality::Asserted {
            label.push_str(&format!(" [{}]", e.modality));
        }
        let mut attrs = vec![format!("label={}", quote(&label))];
        if e.symmetric {
            attrs.push(r#"dir="none""#.into());
        }
        if e.modality != Modality::Asserted {
            attrs.push(r#"style="dashed""#.into());
        }
        if e.weight > 1 {
            attrs.push(format!(
                r#"penwidth="{:.2}""#,
                1.0 + (e.weight as f64).ln().min(5.0)
            ));
        }
        if let Some(ev) = e.evidence.iter().find(|ev| !ev.sentence.trim().is_empty()) {
            let tip = truncate_chars(&one_line(&ev.sentence), MAX_TOOLTIP_CHARS).into_owned();
            attrs.push(format!("tooltip={}", quote(&tip)));
        }
        writeln!(
            w,
            "  {} -> {} [{}];",
            names[&e.source],
            names[&e.target],
            attrs.join(", ")
        )?;
    }
    writeln!(w, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_and_drops_what_breaks_graphviz() {
        assert_eq!(quote(r#"a "b" \N"#), r#""a \"b\" \\N""#);
        assert_eq!(
            quote("line\nnext\r\u{0}\u{7}\u{FFFE}\tend"),
            r#""line\nnext end""#
        );
        assert_eq!(quote("graph"), r#""graph""#);
        assert_eq!(quote("AT&T &#0; &foo;"), r#""AT&amp;T &amp;#0; &amp;foo;""#);
        // A trailing backslash must not escape the closing quote.
        assert_eq!(quote("x\\"), r#""x\\""#);
    }
}
