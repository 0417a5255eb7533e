//! `newsgraph export GRAPH.json --format F --out PATH [filters]`: convert a saved graph
//! to GraphML, GEXF, DOT, CSV, HTML or JSON without re-reading the articles.
//!
//! Single-file formats go to `--out FILE` (atomically), into `--out DIR` under their
//! usual name (`graph.graphml`, ...), or to stdout with `--out -` (the default). CSV is
//! two tables, so its `--out` is a directory that gets `nodes.csv` and `edges.csv`.
//! Without `--format`, the format is taken from the extension of `--out`.
//!
//! For drawings of big graphs: `--top N` keeps the N entities ranked highest by
//! `--top-by` (degree, the default, or pagerank) and the relations among them (any
//! format but json, which is the whole graph every command reads back); DOT leaves out
//! the entities no relation touches and the HTML page hides them until asked, unless
//! `--isolated` is given.

use super::filter::FilterArgs;
use newsgraph::export::gexf::Symmetric;
use newsgraph::export::select::{self, TopBy};
use newsgraph::export::{self, Format, Options};
use newsgraph::{output, Error, Graph, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The graph.json written by `newsgraph build`.
    #[arg(value_name = "GRAPH.json")]
    pub graph: PathBuf,
    /// Output format (default: from the extension of --out).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Output file, directory (csv, or a format's usual file name inside it), or `-` for stdout.
    #[arg(long, short = 'o', value_name = "PATH", default_value = "-")]
    pub out: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Keep only the N entities ranked highest by --top-by, and the relations among
    /// them (after the filters), e.g. `--format dot --top 150` for a drawing one can read.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,
    /// What --top ranks by: degree (the number of relations an entity has: the most
    /// connected) or pagerank (entities that well-connected ones point to).
    #[arg(long, value_enum, value_name = "MEASURE", default_value_t = TopBy::Degree, requires = "top")]
    pub top_by: TopBy,
    /// Draw the entities that no relation touches: DOT leaves them out and the HTML page
    /// hides them (behind a checkbox) unless this is given. Other formats keep them always.
    #[arg(long)]
    pub isolated: bool,
    /// How GEXF types a symmetric relation's edge: mutual (read as undirected by Gephi
    /// Lite and sigma.js, both ways by networkx; Gephi desktop reports an issue per edge
    /// and imports it directed) or undirected (for Gephi desktop; networkx refuses it).
    #[arg(long, value_enum, value_name = "TYPE", default_value_t = Symmetric::Mutual)]
    pub gexf_symmetric: Symmetric,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let to_stdout = args.out.as_os_str() == "-";
    let format = match args.format {
        Some(f) => f,
        None if to_stdout => {
            return Err(Error::Usage(
                "give --format (graphml, gexf, dot, csv, html or json) when writing to stdout".into(),
            ))
        }
        None => Format::from_extension(&args.out).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format from '{}': give --format (graphml, gexf, dot, csv, html or json)",
                args.out.display()
            ))
        })?,
    };
    let filter = args.filter.to_filter()?;
    if format == Format::Csv && to_stdout {
        return Err(Error::Usage(
            "csv writes two files (nodes.csv and edges.csv): give --out DIRECTORY".into(),
        ));
    }
    if args.top.is_some() && format == Format::Json {
        return Err(Error::Usage(
            "--top makes a drawing, and json is the whole graph that other commands read back: \
             use --top with graphml, gexf, dot, csv or html"
                .into(),
        ));
    }
    let mut graph = Graph::load(&args.graph)?.into_filtered(&filter);
    let top = args.top.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    if let Some(n) = top {
        graph = select::top(&graph, n, args.top_by, args.isolated);
    }
    let opts = Options {
        isolated: args.isolated,
        top: top.map(|n| (n, args.top_by)),
        gexf_symmetric: args.gexf_symmetric,
    };

    if to_stdout {
        output::to_stdout(|w| export::write_with(&graph, format, &opts, w))?;
    } else if format == Format::Csv {
        if args.out.is_file() {
            return Err(Error::Usage(format!(
                "{}: is a file; csv writes nodes.csv and edges.csv into a directory",
                args.out.display()
            )));
        }
        export::write_files(&graph, &args.out, &[Format::Csv])?;
    } else {
        let path = file_path(&args.out, format);
        output::write_atomic(&path, |w| export::write_with(&graph, format, &opts, w))?;
    }
    if format == Format::Dot && !args.isolated {
        let left_out = select::isolated_count(&graph);
        if left_out > 0 {
            eprintln!(
                "newsgraph: note: {left_out} of {} entities have no relation{} and are not drawn (--isolated draws them)",
                graph.nodes.len(),
                if args.top.is_some() { " among those kept" } else { "" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--out` itself, or the format's usual file inside it when it is a directory.
fn file_path(out: &Path, format: Format) -> PathBuf {
    if out.is_dir() {
        out.join(format.file_names()[0])
    } else {
        out.to_path_buf()
    }
}
