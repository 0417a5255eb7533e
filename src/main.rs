//! The `newsgraph` command: parses flags with clap and hands each subcommand to
//! `cli::<command>::run`. Only this file chooses exit codes: 0 success, 1 when input
//! was skipped (or `diff` found a difference, or `eval` missed `--min-f1`), 2 on error.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn news articles into a knowledge graph"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and write the merged graph (graph.json, graph.graphml, graph.dot, ...).
    Build(cli::build::Args),
    /// Read articles and print one JSON line per article: mentions, entities, relations.
    Extract(cli::extract::Args),
    /// Merge extract records and graph.json files into one graph (exactly what build gives).
    Merge(cli::merge::Args),
    /// Tag, lemmatize and parse every sentence: CoNLL-U (offsets in MISC) or JSON.
    Parse(cli::parse::Args),
    /// Score extraction against gold annotations (or a tagger on CoNLL text).
    Eval(cli::eval::Args),
    /// Train the entity tagger on CoNLL-2003 style data.
    #[command(name = "train-ner")]
    TrainNer(cli::train_ner::Args),
    /// Train the syntax model (UPOS tagger, lemmatizer, dependency parser) on a CoNLL-U treebank.
    #[command(name = "train-parser")]
    TrainParser(cli::train_parser::Args),
    /// Learn word clusters from unlabeled text (shared by the syntax model and the entity tagger).
    #[command(name = "train-clusters")]
    TrainClusters(cli::train_clusters::Args),
    /// Ask a saved graph.json a question.
    Query(cli::query::Args),
    /// Convert a saved graph.json to another format.
    Export(cli::export::Args),
    /// Compare two graph.json files; exit 1 when they differ.
    Diff(cli::diff::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => cli::build::run(a),
        Command::Extract(a) => cli::extract::run(a),
        Command::Merge(a) => cli::merge::run(a),
        Command::Parse(a) => cli::parse::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::TrainNer(a) => cli::train_ner::run(a),
        Command::TrainParser(a) => cli::train_parser::run(a),
        Command::TrainClusters(a) => cli::train_clusters::run(a),
        Command::Query(a) => cli::query::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Diff(a) => cli::diff::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: error: {e}");
            ExitCode::from(2)
        }
    }
}
