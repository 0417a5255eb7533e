//! DOT for Graphviz (`dot -Tsvg graph.dot`), written by hand so the output is
//! deterministic, any text is safe in it, and the drawing can be read.
//!
//! Safe: every id and value is a quoted string: `\` and `"` are escaped, newlines
//! written as `\n`, `&` as `&amp;` (Graphviz reads entities in labels, and copies
//! `&foo;` or `&#0;` into SVG, which then fails to parse), other control characters and
//! characters XML cannot hold dropped. Quoted strings stay far below Graphviz's 16 KB
//! limit: tooltips are cut at [`MAX_TOOLTIP_CHARS`] characters, and a node id too long
//! to quote becomes a shortened unique name. The legend is an HTML-like label, escaped
//! as XML.
//!
//! Readable: node labels are shortened to [`SHORT_LABEL_CHARS`] characters at a word
//! boundary (the whole name and the id are the node's tooltip); entities that no
//! relation touches are left out unless [`Options::isolated`] asks for them (most of a
//! news graph's entities are named once and related to nothing; `export --top N` keeps
//! the N most central). Each entity type has its shape and colour, each relation's edge
//! the colour of its [`Tone`] (cooperation, conflict, structural) and its name (with
//! the weight when above one) as label; symmetric relations are drawn without
//! arrowheads, non-asserted ones dashed. A legend node lists the types present, the
//! tones with the relations of each present, and what arrows, dashes and numbers mean.

use super::{hex, kind_color, one_line, truncate_chars, Options, Tone, View};
use crate::doc::{EntityKind, Modality, RelationKind};
use crate::graph::Graph;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// The longest node label drawn, in characters (the tooltip has the whole name).
pub const SHORT_LABEL_CHARS: usize = 24;
/// The longest tooltip (the name and id, or the first evidence sentence), in characters.
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

/// The fill of an entity type: its colour, light enough (alpha 0x70) for black text.
fn fill(kind: EntityKind) -> String {
    format!("{}70", hex(kind_color(kind)))
}

/// `s` shortened to `max` characters: cut at the last word boundary past half of
/// `max` when there is one, with `…` marking the cut.
pub fn short_label(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= max {
        return s.into_owned();
    }
    let head: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = head
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && head[..i].chars().count() >= max / 2)
        .map(|(i, _)| i);
    let kept = match cut {
        Some(i) => head[..i].trim_end(),
        None => head.trim_end(),
    };
    format!("{kept}…")
}

/// Text for an HTML-like label: XML-escaped, control characters dropped.
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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

/// Write `graph` as a DOT digraph with the default [`Options`] (entities without a
/// relation left out). The writer is buffered here, so `w` need not be.
pub fn write(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    write_with(graph, &Options::default(), w)
}

/// Write `graph` as a DOT digraph, drawn as `opts` says.
pub fn write_with(graph: &Graph, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, w);
    write_unbuffered(graph, opts, &mut out)?;
    out.flush()
}

fn write_unbuffered(graph: &Graph, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let mut view = View::new(graph);
    let all_nodes = view.nodes.len();
    if !opts.isolated {
        let touched: HashSet<&str> = view
            .edges
            .iter()
            .flat_map(|(e, _)| [e.source.as_str(), e.target.as_str()])
            .collect();
        view.nodes.retain(|n| touched.contains(n.id.as_str()));
    }
    let names = node_names(&view);
    let used: HashSet<&str> = names.values().map(String::as_str).collect();

    writeln!(w, "digraph newsgraph {{")?;
    writeln!(
        w,
        r#"  graph [charset="UTF-8", rankdir="LR", fontname="Helvetica", fontsize="10", nodesep="0.08", ranksep="0.35", margin="0.1"];"#
    )?;
    writeln!(
        w,
        r#"  node [style="filled", fontname="Helvetica", fontsize="10", height="0.25", margin="0.06,0.02", penwidth="0.6"];"#
    )?;
    writeln!(
        w,
        r#"  edge [fontname="Helvetica", fontsize="8", arrowsize="0.6"];"#
    )?;

    let mut name = quote("legend");
    while used.contains(name.as_str()) {
        name = quote(&format!("_{}", &name[1..name.len() - 1]));
    }
    let legend = legend(&view, opts, all_nodes - view.nodes.len());
    writeln!(
        w,
        r#"  {name} [shape="plaintext", style="", margin="0", label=<{legend}>];"#
    )?;

    for n in &view.nodes {
        let tip = format!("{} ({})", one_line(&n.label), n.id);
        writeln!(
            w,
            r#"  {} [label={}, shape="{}", fillcolor="{}", tooltip={}];"#,
            names[&n.id],
            quote(&short_label(&n.label, SHORT_LABEL_CHARS)),
            shape(n.kind),
            fill(n.kind),
            quote(&truncate_chars(&tip, MAX_TOOLTIP_CHARS)),
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
        let color = hex(Tone::of(e.relation).color());
        let mut attrs = vec![
            format!("label={}", quote(&label)),
            format!(r#"color="{color}", fontcolor="{color}""#),
        ];
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

/// The legend, an HTML-like table: what is drawn, the entity types present with their
/// shapes and colours, the tones of the relations present with those relations, and
/// what arrows, dashes and numbers mean.
fn legend(view: &View, opts: &Options, left_out: usize) -> String {
    let mut rows = Vec::new();
    let mut title = format!(
        "<B>newsgraph</B>: {} entities, {} relations",
        view.nodes.len(),
        view.edges.len()
    );
    if let Some((n, by)) = opts.top {
        title.push_str(&format!("<BR/>the {n} entities of highest {by}"));
    }
    if left_out > 0 {
        title.push_str(&format!(
            "<BR/>{left_out} entities without a relation not drawn"
        ));
    }
    rows.push(format!(r#"<TR><TD COLSPAN="2">{title}</TD></TR>"#));
    let kinds: BTreeSet<EntityKind> = view.nodes.iter().map(|n| n.kind).collect();
    for kind in kinds {
        rows.push(format!(
            r#"<TR><TD BGCOLOR="{}"> </TD><TD ALIGN="LEFT">{} ({})</TD></TR>"#,
            fill(kind),
            kind,
            shape(kind)
        ));
    }
    let mut tones: BTreeMap<Tone, BTreeSet<RelationKind>> = BTreeMap::new();
    for (e, _) in &view.edges {
        tones
            .entry(Tone::of(e.relation))
            .or_default()
            .insert(e.relation);
    }
    for (tone, relations) in &tones {
        let names: Vec<&str> = relations.iter().map(|r| r.as_str()).collect();
        rows.push(format!(
            r#"<TR><TD><FONT COLOR="{0}">&#8594;</FONT></TD><TD ALIGN="LEFT"><FONT COLOR="{0}">{1}</FONT>: {2}</TD></TR>"#,
            hex(tone.color()),
            html_text(tone.describe()),
            html_text(&names.join(", "))
        ));
    }
    if !view.edges.is_empty() {
        for (sign, meaning) in [
            ("&#8594;", "directed relation: source to target"),
            ("&#8212;", "symmetric relation (no arrowhead)"),
            ("- - -", "not asserted: negated, future or hypothetical"),
            ("(n)", "weight: the relation's number of mentions"),
        ] {
            rows.push(format!(
                r#"<TR><TD>{sign}</TD><TD ALIGN="LEFT">{meaning}</TD></TR>"#
            ));
        }
    }
    format!(
        r##"<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3" COLOR="#bbbbbb">{}</TABLE>"##,
        rows.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_at_a_word_boundary() {
        assert_eq!(short_label("Vladimir Putin", 24), "Vladimir Putin");
        assert_eq!(
            short_label(
                "deputy prime minister for European and Euro-Atlantic Integration",
                24
            ),
            "deputy prime minister…"
        );
        assert_eq!(
            short_label("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10),
            "Aaaaaaaaa…"
        );
        assert_eq!(short_label("a\nb  c", 24), "a b c");
        assert_eq!(
            html_text("AT&T <x> \"q\""),
            "AT&amp;T &lt;x&gt; &quot;q&quot;"
        );
    }

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
