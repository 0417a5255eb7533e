//! `newsgraph merge INPUT... --out DIR`: the reduce step. Merges any mix of `extract`
//! JSON Lines (files or `-`) and `graph.json` files into one graph, exactly the graph
//! `build` gives over the same articles (see [`newsgraph::merge`]), and writes it like
//! `build` does. Also home of `--max-evidence`, shared with `build`.

use crate::cli::filter::FilterArgs;
use newsgraph::article::Reporter;
use newsgraph::export::{self, Format};
use newsgraph::merge::merge_paths;
use newsgraph::Graph;
use newsgraph::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The evidence cap, shared by `build` and `merge`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CapArgs {
    /// Keep at most N evidence sentences per edge and N article ids per node: the first
    /// N by article id and offset (weights and counts still count all). Default 20; a
    /// merge without it keeps as many as the smallest graph it merges.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_evidence: Option<u64>,
}

impl CapArgs {
    pub fn get(&self) -> Option<usize> {
        self.max_evidence
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Extract records (`newsgraph extract` JSON Lines; `-` for stdin) and graph.json
    /// files, in any mix and order. Graphs are taken first; an article in more than one
    /// input is kept once and reported.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory to write the graph files into (created if missing). It may hold one of
    /// the inputs: files are replaced only once the merge is done.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Formats to write, comma-separated: json, graphml, gexf, dot, csv (json is always written).
    #[arg(long, value_name = "FORMAT,...", default_value = "json,graphml,dot")]
    pub formats: String,
    #[command(flatten)]
    pub cap: CapArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Stop at the first problem (a bad line, a repeated article) with exit code 2.
    #[arg(long)]
    pub strict: bool,
    /// Print no summary line at the end.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Write a built or merged graph into `dir`: graph.json streamed to its file (a large
/// graph is never held a second time as one string), then the other formats.
pub fn write_graph(graph: &Graph, dir: &Path, formats: &[Format]) -> Result<()> {
    let (json, others): (Vec<Format>, Vec<Format>) =
        formats.iter().partition(|f| **f == Format::Json);
    if !json.is_empty() {
        newsgraph::output::create_dir_all(dir)?;
        newsgraph::output::write_atomic(&dir.join("graph.json"), |w| graph.write_json(w))?;
    }
    export::write_files(graph, dir, &others)?;
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let mut formats = export::parse_formats(&args.formats)?;
    if !formats.contains(&Format::Json) {
        formats.insert(0, Format::Json);
    }
    let filter = args.filter.to_filter()?;
    let mut reporter = Reporter::new(args.strict);
    let merge = merge_paths(&args.inputs, args.cap.get(), |p| reporter.report(p, None))?;
    let records = merge.records();
    let graph = merge.finish().into_filtered(&filter);
    write_graph(&graph, &args.out, &formats)?;
    if !args.quiet {
        eprintln!(
            "newsgraph: merged {} inputs: {} articles ({records} from records), {} skipped, \
             {} entities, {} relations in {:.2} s",
            args.inputs.len(),
            graph.articles.len(),
            reporter.skipped(),
            graph.nodes.len(),
            graph.edges.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(reporter.exit_code())
}
