//! `newsgraph extract INPUT... [--out FILE]`: one JSON line per article.

use crate::cli::common::{InputArgs, Reporter};
use newsgraph::extract::ExtractedDoc;
use newsgraph::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the JSON lines to this file (atomically) instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = args.input.pipeline()?;
    let mut reporter = Reporter::new(&args.input);
    let write_all = |w: &mut dyn Write, reporter: &mut Reporter| -> std::io::Result<()> {
        let mut err = None;
        args.input
            .for_each_batch(&pipeline, reporter, |docs: Vec<ExtractedDoc>| {
                for d in docs {
                    let line = serde_json::to_string(&d).expect("extract output serializes");
                    if let Err(e) = writeln!(w, "{line}") {
                        err = Some(e);
                        return false;
                    }
                }
                true
            });
        match err {
            Some(e) => Err(e),
            None => w.flush(),
        }
    };
    match &args.out {
        Some(path) => {
            newsgraph::output::write_atomic(path, |w| write_all(w, &mut reporter))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write_all(&mut lock, &mut reporter).map_err(|e| newsgraph::Error::io("<stdout>", e))?;
        }
    }
    Ok(reporter.finish())
}
