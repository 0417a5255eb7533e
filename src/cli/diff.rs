//! `newsgraph diff` (to be written).

use newsgraph::Result;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode> {
    Err(newsgraph::Error::Other("not implemented yet".into()))
}
