//! `newsgraph diff OLD.json NEW.json`: what changed between two graphs, as a table (one
//! row per node, edge or article added or removed, and per field changed) followed by a
//! summary line, or as one JSON object. Exit 0 when the graphs are equal, 1 when they
//! differ, 2 on an error (a file that is missing or not a graph.json).

use crate::cli::query::Table;
use clap::ValueEnum;
use newsgraph::diff::{self, Diff, EdgeSummary, NodeSummary};
use newsgraph::graph::Graph;
use newsgraph::Result;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = "\
Nodes, edges and articles are matched by id; every field is compared. For list fields
(aliases, articles) `old` shows the items removed and `new` those added; an edge's evidence
is named article#sentence@trigger-offset. Exit status: 0 equal, 1 different, 2 error.")]
pub struct Args {
    /// The reference graph.json.
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The graph.json to compare with it.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct Report<'a> {
    summary: diff::Summary,
    #[serde(flatten)]
    diff: &'a Diff,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let old = Graph::load(&args.old)?;
    let new = Graph::load(&args.new)?;
    let d = diff::diff(&old, &new);
    let summary = d.summary();
    newsgraph::output::to_stdout(|w| match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut *w, &Report { summary, diff: &d })
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(w)),
        Format::Table => write_table(w, &d, &summary),
    })?;
    Ok(if summary.equal {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn node_text(n: &NodeSummary) -> String {
    format!("{} ({}, mentions {})", n.label, n.kind, n.mentions)
}

fn edge_text(e: &EdgeSummary) -> String {
    format!("weight {}, {}", e.weight, e.modality)
}

fn write_table(w: &mut dyn Write, d: &Diff, summary: &diff::Summary) -> std::io::Result<()> {
    if !summary.equal {
        let mut t = Table::new(&["change", "kind", "id", "field", "old", "new"]);
        let mut row =
            |change: &str, kind: &str, id: &str, field: &str, old: String, new: String| {
                t.push(vec![
                    change.into(),
                    kind.into(),
                    id.into(),
                    field.into(),
                    old,
                    new,
                ])
            };
        for a in &d.articles.removed {
            row("-", "article", a, "", String::new(), String::new());
        }
        for a in &d.articles.added {
            row("+", "article", a, "", String::new(), String::new());
        }
        for c in &d.articles.changed {
            for f in &c.changes {
                row(
                    "~",
                    "article",
                    &c.id,
                    &f.field,
                    f.old.clone(),
                    f.new.clone(),
                );
            }
        }
        for n in &d.nodes.removed {
            row("-", "node", &n.id, "", node_text(n), String::new());
        }
        for n in &d.nodes.added {
            row("+", "node", &n.id, "", String::new(), node_text(n));
        }
        for c in &d.nodes.changed {
            for f in &c.changes {
                row("~", "node", &c.id, &f.field, f.old.clone(), f.new.clone());
            }
        }
        for e in &d.edges.removed {
            row("-", "edge", &e.id, "", edge_text(e), String::new());
        }
        for e in &d.edges.added {
            row("+", "edge", &e.id, "", String::new(), edge_text(e));
        }
        for c in &d.edges.changed {
            for f in &c.changes {
                row("~", "edge", &c.id, &f.field, f.old.clone(), f.new.clone());
            }
        }
        t.write_aligned(w)?;
    }
    writeln!(w, "{}", summary.line())
}
