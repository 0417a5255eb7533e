//! `newsgraph extract INPUT... [--out FILE]`: one JSON line per article (DESIGN.md,
//! "Interfaces"), in input order.

use crate::cli::common::SourceArgs;
use newsgraph::{Error, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: SourceArgs,
    /// Write the JSON lines to this file (atomically) instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = args.input.pipeline()?;
    let write_all = |w: &mut dyn Write| -> Result<crate::cli::common::Outcome> {
        let mut err = None;
        let outcome = args.input.run(&pipeline, |docs| {
            for d in docs {
                let line = serde_json::to_string(&d).expect("extract output serializes");
                if let Err(e) = writeln!(w, "{line}") {
                    err = Some(e);
                    return false;
                }
            }
            true
        })?;
        let target = args
            .out
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdout>".into());
        if let Some(e) = err {
            return Err(Error::io(target, e));
        }
        w.flush().map_err(|e| Error::io(target, e))?;
        Ok(outcome)
    };
    let outcome = match &args.out {
        Some(path) => {
            let mut result = None;
            newsgraph::output::write_atomic(path, |w| {
                match write_all(w) {
                    Ok(o) => result = Some(Ok(o)),
                    Err(e) => {
                        let msg = e.to_string();
                        result = Some(Err(e));
                        return Err(std::io::Error::other(msg));
                    }
                }
                Ok(())
            })
            .map_err(|e| match result.take() {
                Some(Err(inner)) => inner,
                _ => e,
            })?;
            result.expect("writer ran")?
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write_all(&mut lock)?
        }
    };
    Ok(outcome.finish(args.input.quiet, outcome.mentions, outcome.relations))
}
