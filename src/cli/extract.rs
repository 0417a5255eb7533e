//! `newsgraph extract INPUT... [--out FILE]`: one JSON line per article (DESIGN.md,
//! "Interfaces"), in input order.

use crate::cli::common::SourceArgs;
use newsgraph::{output, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: SourceArgs,
    /// Write the JSON lines to this file (atomically) instead of stdout (`-`: stdout).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = args.input.pipeline()?;
    let outcome = output::write_to(args.out.as_deref(), |w| {
        let mut failed = None;
        let outcome = args.input.run(&pipeline, |docs| {
            for d in docs {
                let line = serde_json::to_string(&d).expect("extract output serializes");
                if let Err(e) = writeln!(w, "{line}") {
                    failed = Some(e);
                    return false;
                }
            }
            true
        })?;
        if let Some(e) = failed {
            output::ok_if_pipe_closed(Err(w.error(e)))?;
        }
        Ok(outcome)
    })?;
    Ok(outcome.finish(args.input.quiet, outcome.mentions, outcome.relations))
}
