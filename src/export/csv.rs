//! Node and edge tables in the columns Gephi's spreadsheet import expects, safe to open
//! in a spreadsheet.
//!
//! `nodes.csv`: `Id,Label,Type,Mentions,Articles,Aliases,FirstDate,LastDate,Time Interval`,
//! then one column per node attribute (sorted by name; named as in GraphML and GEXF).
//! `Articles` is a count, `Aliases` is joined by `; `. `edges.csv`: `Source,Target,Type,Id,
//! Kind,Weight,Label,Relation,Modality,Cameo,Plover,FirstDate,LastDate,Time Interval,
//! Evidence`, where `Type` is Gephi's `Directed`/`Undirected` (symmetric relations are
//! undirected), `Id` the edge id, `Kind` the relation (Gephi's edge kind: without it, its
//! import merges parallel relations between two entities into one edge), `Label` and
//! `Relation` the relation name too.
//!
//! `Time Interval` is Gephi's interval list, the same days as the GEXF spells:
//! `<[2022-01-10, 2022-01-12]; [2022-02-01, 2022-02-02]>`, each run of consecutive days
//! from its first day to the day after its last; empty when there is no valid date, so
//! Gephi's timeline can play the spreadsheet import.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! apostrophe so a spreadsheet shows it as text instead of running it as a formula; the
//! same rule applies to ids everywhere, so edge endpoints still match node ids.

use super::{attribute_titles, day_runs, evidence_summary, next_day, one_line, View};
use crate::graph::Graph;
use std::borrow::Cow;
use std::collections::BTreeSet;
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
    "Time Interval",
];

const EDGE_COLUMNS: &[&str] = &[
    "Source",
    "Target",
    "Type",
    "Id",
    "Kind",
    "Weight",
    "Label",
    "Relation",
    "Modality",
    "Cameo",
    "Plover",
    "FirstDate",
    "LastDate",
    "Time Interval",
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
            time_interval(&view.node_days(n)),
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
    for (e, id) in &view.edges {
        let relation = e.relation.as_str();
        let weight = e.weight.to_string();
        let evidence = evidence_summary(e);
        let interval = time_interval(&view.edge_days(e));
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
                id,
                relation,
                &weight,
                relation,
                relation,
                e.modality.as_str(),
                e.relation.cameo(),
                e.relation.plover(),
                e.first_date.as_deref().unwrap_or(""),
                e.last_date.as_deref().unwrap_or(""),
                &interval,
                &evidence,
            ],
        )?;
    }
    out.flush()
}

/// Gephi's interval list of `days`: `<[first, day after last]; ...>`, or empty.
fn time_interval(days: &BTreeSet<String>) -> String {
    if days.is_empty() {
        return String::new();
    }
    let spells: Vec<String> = day_runs(days)
        .into_iter()
        .map(|(start, last)| {
            let end = next_day(&last).unwrap_or(last);
            format!("[{start}, {end}]")
        })
        .collect();
    format!("<{}>", spells.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_intervals_merge_consecutive_days() {
        let days: BTreeSet<String> = ["2022-01-10", "2022-01-11", "2022-02-01"]
            .map(String::from)
            .into();
        assert_eq!(
            time_interval(&days),
            "<[2022-01-10, 2022-01-12]; [2022-02-01, 2022-02-02]>"
        );
        assert_eq!(time_interval(&BTreeSet::new()), "");
    }

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
