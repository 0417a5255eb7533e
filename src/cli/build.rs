//! `newsgraph build INPUT... --out DIR`: read articles, merge them into one graph and
//! write it: graph.json (always: every later command reads it), and by default
//! graph.graphml and graph.dot; `--formats` chooses (json, graphml, gexf, dot, csv).
//! Filters (`--min-weight`, `--types`, `--relations`, `--modality`) cut the graph first.

use crate::cli::common::SourceArgs;
use crate::cli::filter::FilterArgs;
use newsgraph::export::{self, Format};
use newsgraph::graph_build::Builder;
use newsgraph::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: SourceArgs,
    /// Directory to write the graph files into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Formats to write, comma-separated: json, graphml, gexf, dot, csv (json is always written).
    #[arg(long, value_name = "FORMAT,...", default_value = "json,graphml,dot")]
    pub formats: String,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    // Check every flag before reading a single article.
    let mut formats = export::parse_formats(&args.formats)?;
    if !formats.contains(&Format::Json) {
        formats.insert(0, Format::Json);
    }
    let filter = args.filter.to_filter()?;
    let pipeline = args.input.pipeline()?;
    let mut builder = Builder::default();
    let outcome = args.input.run(&pipeline, |docs| {
        for d in &docs {
            builder.add(d);
        }
        true
    })?;
    let graph = builder.finish().filtered(&filter);
    export::write_files(&graph, &args.out, &formats)?;
    Ok(outcome.finish(
        args.input.quiet,
        graph.nodes.len() as u64,
        graph.edges.len() as u64,
    ))
}
