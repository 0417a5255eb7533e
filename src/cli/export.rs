//! `newsgraph export GRAPH.json --format F --out PATH [filters]`: convert a saved graph
//! to GraphML, GEXF, DOT, CSV, HTML or JSON without re-reading the articles.
//!
//! Single-file formats go to `--out FILE` (atomically), into `--out DIR` under their
//! usual name (`graph.graphml`, ...), or to stdout with `--out -` (the default). CSV is
//! two tables, so its `--out` is a directory that gets `nodes.csv` and `edges.csv`.
//! Without `--format`, the format is taken from the extension of `--out`.

use super::filter::FilterArgs;
use newsgraph::export::{self, Format};
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
    let graph = Graph::load(&args.graph)?.filtered(&filter);

    if to_stdout {
        output::to_stdout(|w| export::write(&graph, format, w))?;
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
        output::write_atomic(&path, |w| export::write(&graph, format, w))?;
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
