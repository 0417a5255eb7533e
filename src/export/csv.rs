//! Node and edge tables in the columns Gephi's spreadsheet import expects, safe to open
//! in a spreadsheet.
//!
//! `nodes.csv`: `Id,Label,Type,Mentions,Articles,Aliases,FirstDate,LastDate`, then one
//! column per node attribute (sorted by name; named as in GraphML and GEXF). `Articles` is a count, `Aliases` is joined
//! by `; `. `edges.csv`: `Source,Target,Type,Weight,Label,Relation,Modality,Cameo,Plover,
//! FirstDate,LastDate,Evidence`, where `Type` is Gephi's `Directed`/`Undirected` (symmetric
//! relations are undirected), `Label` and `Relation` the relation name.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! apostrophe so a spreadsheet shows it as text instead of running it as a formula; the
//! same rule applies to ids everywhere, so edge endpoints still match node ids.

use super::{attribute_titles, evidence_summary, one_line, View};
use crate::graph::Graph;
use std::borrow::Cow;
use std::io::{self, Write};

const NODE_COLUMNS: &[&str] = &[
    "Id",
    "Label",
    "Type",
    "Mentions",
    "Articles",
    "Aliases",
    "FirstDate",
    "LastDate",
];

const EDGE_COLUMNS: &[&str] = &[
    "Source",
    "Target",
    "Type",
    "Weight",
    "Label",
    "Relation",
    "Modality",
    "Cameo",
    "Plover",
    "FirstDate",
    "LastDate",
    "Evidence",
];

/// A cell that a spreadsheet will not run as a formula.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn to_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn write_row<W: Write>(w: &mut ::csv::Writer<W>, cells: &[&str]) -> io::Result<()> {
    w.write_record(cells.iter().map(|c| safe_cell(c).into_owned()))
        .map_err(to_io)
}

/// Write `nodes.csv`.
pub fn write_nodes(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let attrs = view.attribute_names();
    let mut out = ::csv::Writer::from_writer(w);
    let mut header: Vec<String> = NODE_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(attribute_titles(&attrs, NODE_COLUMNS));
    write_row(
        &mut out,
        &header.iter().map(String::as_str).collect::<Vec<_>>(),
    )?;
    for n in &view.nodes {
        let aliases: Vec<_> = n.aliases.iter().map(|a| one_line(a)).collect();
        let mut row: Vec<String> = vec![
            view.id(&n.id).to_string(),
            one_line(&n.label).into_owned(),
            n.kind.as_str().to_string(),
            n.mentions.to_string(),
            n.article_count.to_string(),
            aliases.join("; "),
            n.first_date.clone().unwrap_or_default(),
            n.last_date.clone().unwrap_or_default(),
        ];
        for a in &attrs {
            row.push(n.attributes.get(*a).cloned().unwrap_or_default());
        }
        write_row(
            &mut out,
            &row.iter().map(String::as_str).collect::<Vec<_>>(),
        )?;
    }
    out.flush()
}

/// Write `edges.csv`.
pub fn write_edges(graph: &Graph, w: &mut dyn Write) -> io::Result<()> {
    let view = View::new(graph);
    let mut out = ::csv::Writer::from_writer(w);
    write_row(&mut out, EDGE_COLUMNS)?;
    for (e, _) in &view.edges {
        let relation = e.relation.as_str();
        let weight = e.weight.to_string();
        let evidence = evidence_summary(e);
        write_row(
            &mut out,
            &[
                view.id(&e.source),
                view.id(&e.target),
                if e.symmetric {
                    "Undirected"
                } else {
                    "Directed"
                },
                &weight,
                relation,
                relation,
                e.modality.as_str(),
                e.relation.cameo(),
                e.relation.plover(),
                e.first_date.as_deref().unwrap_or(""),
                e.last_date.as_deref().unwrap_or(""),
                &evidence,
            ],
        )?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_become_text() {
        for (cell, want) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(cell), want);
        }
    }
}
