//! `newsgraph build INPUT... --out DIR`: read articles, merge them into one graph and
//! write it: graph.json (always: every later command reads it), and by default
//! graph.graphml and graph.dot; `--formats` chooses (json, graphml, gexf, dot, csv).
//! Filters (`--min-weight`, `--types`, `--relations`, `--modality`) cut the graph first.
//! `--update GRAPH.json` adds the new articles to a saved graph (only they are read and
//! extracted; one already in the graph is skipped and reported), the same as `merge`.
//! When no article at all was read, nothing is written and the exit code is 2.

use crate::cli::common::SourceArgs;
use crate::cli::filter::FilterArgs;
use crate::cli::merge::CapArgs;
use newsgraph::export::{self, Format};
use newsgraph::merge::Merge;
use newsgraph::{Error, Result};
use std::cell::RefCell;
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
    /// Add the articles to this graph.json (from `build` or `merge`, written without
    /// filters) instead of starting empty; `--out` may be the graph's own directory.
    #[arg(long, value_name = "GRAPH.json")]
    pub update: Option<PathBuf>,
    #[command(flatten)]
    pub cap: CapArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    // Check every flag before reading a single article.
    let mut formats = export::parse_formats(&args.formats)?;
    if !formats.contains(&Format::Json) {
        formats.insert(0, Format::Json);
    }
    let filter = args.filter.to_filter()?;
    let pipeline = args.input.pipeline()?;
    let merge = RefCell::new(Merge::new(args.cap.get()));
    if let Some(path) = &args.update {
        merge.borrow_mut().add_graph_file(path)?;
    }
    let already = |a: &newsgraph::Article| {
        let path = args.update.as_ref()?;
        merge.borrow().has_article(&a.id).then(|| {
            format!(
                "article '{}' is already in {}; skipped",
                a.id,
                path.display()
            )
        })
    };
    let outcome = args.input.run_except(&pipeline, already, |docs| {
        let mut m = merge.borrow_mut();
        for d in &docs {
            m.add_record(d, "", None);
        }
        true
    })?;
    if outcome.articles == 0 && args.update.is_none() {
        // Nothing at all was read (missing files, unreadable input, no article files):
        // an empty graph would only replace whatever the output directory held.
        outcome.finish(args.input.quiet, 0, 0);
        return Err(Error::Other(format!(
            "no article was read; nothing written to {}",
            args.out.display()
        )));
    }
    let graph = merge.into_inner().finish().into_filtered(&filter);
    crate::cli::merge::write_graph(&graph, &args.out, &formats)?;
    Ok(outcome.finish(
        args.input.quiet,
        graph.nodes.len() as u64,
        graph.edges.len() as u64,
    ))
}
