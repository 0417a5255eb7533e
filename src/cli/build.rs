//! `newsgraph build INPUT... --out DIR`: read articles, merge them into one graph and
//! write it (graph.json, graph.graphml, graph.dot by default).

use crate::cli::common::{InputArgs, Reporter};
use newsgraph::graph_build::Builder;
use newsgraph::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Directory to write the graph files into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = args.input.pipeline()?;
    let mut reporter = Reporter::new(&args.input);
    let mut builder = Builder::default();
    args.input.for_each_batch(&pipeline, &mut reporter, |docs| {
        for d in &docs {
            builder.add(d);
        }
        true
    });
    if reporter.fatal {
        return Ok(reporter.finish());
    }
    let graph = builder.finish();
    std::fs::create_dir_all(&args.out).map_err(|e| newsgraph::Error::io(&args.out, e))?;
    let json = graph.to_json();
    newsgraph::output::write_atomic(&args.out.join("graph.json"), |w| {
        w.write_all(json.as_bytes())
    })?;
    Ok(reporter.finish())
}
