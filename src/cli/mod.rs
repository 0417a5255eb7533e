//! One module per subcommand; each has `Args` (clap) and `run(Args) -> Result<ExitCode>`.

pub mod build;
pub mod common;
pub mod diff;
pub mod eval;
pub mod export;
pub mod extract;
pub mod filter;
pub mod merge;
pub mod parse;
pub mod query;
pub mod train_clusters;
pub mod train_ner;
pub mod train_parser;
