//! `newsgraph train-clusters`: learns word clusters from unlabeled text (articles, the
//! words of CoNLL-2003 and CoNLL-U files) and writes the table atomically
//! (`data/models/clusters.bin`). The models take a copy with `--clusters`. Same inputs and
//! flags give the same bytes on every run and thread count.

use newsgraph::article::{self, read_inputs};
use newsgraph::doc::Doc;
use newsgraph::learn::clusters::{ClusterOptions, Clusters};
use newsgraph::segment::Segmenter;
use newsgraph::{conll, conllu, output, Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Article files or directories (read and segmented as `extract` does).
    #[arg(long, num_args = 1.., value_name = "INPUT")]
    text: Vec<PathBuf>,
    /// CoNLL-2003 files (their words only; the tags are not read).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    conll: Vec<PathBuf>,
    /// CoNLL-U files (their word forms only).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    conllu: Vec<PathBuf>,
    /// Where to write the table.
    #[arg(long, default_value = "data/models/clusters.bin")]
    out: PathBuf,
    /// Classes at the finest level (the coarser levels have a quarter each time).
    #[arg(long, default_value_t = ClusterOptions::default().levels[0])]
    classes: usize,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = ClusterOptions::default().min_count)]
    min_count: u32,
    /// Passes of the exchange algorithm.
    #[arg(long, default_value_t = ClusterOptions::default().iterations)]
    iterations: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if !(16..=4096).contains(&args.classes) {
        return Err(Error::Usage(format!(
            "--classes must be within 16..=4096, got {}",
            args.classes
        )));
    }
    if args.iterations == 0 || args.min_count == 0 {
        return Err(Error::Usage(
            "--iterations and --min-count must be at least 1".into(),
        ));
    }
    let started = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let opts = article::ReadOptions::default();
    for item in read_inputs(&args.text, &opts) {
        // Notes and warnings (files passed over, repaired text) are said and read past;
        // an unreadable input is an error: the clusters would depend on what was missed.
        let input = match item {
            Ok(input) => input,
            Err(p) if p.severity != article::Severity::Error => {
                eprintln!("train-clusters: {p}");
                continue;
            }
            Err(p) => return Err(p.error),
        };
        let mut doc = Doc::new(input.article);
        Segmenter.apply(&mut doc);
        for s in &doc.sentences {
            if !s.tokens.is_empty() {
                sentences.push(
                    s.tokens
                        .clone()
                        .map(|i| doc.token_text(i).to_string())
                        .collect(),
                );
            }
        }
    }
    for path in &args.conll {
        sentences.extend(conll::read(path)?.into_iter().map(|s| s.words));
    }
    for path in &args.conllu {
        sentences.extend(
            conllu::read(path)?
                .into_iter()
                .map(|s| s.words.into_iter().map(|w| w.form).collect()),
        );
    }
    if sentences.is_empty() {
        return Err(Error::Usage(
            "no text: give --text, --conll or --conllu inputs".into(),
        ));
    }
    let c = args.classes;
    let options = ClusterOptions {
        levels: [c, (c / 4).max(2), (c / 16).max(2), (c / 64).max(2)],
        min_count: args.min_count,
        iterations: args.iterations,
    };
    eprintln!("train-clusters: {} sentences", sentences.len());
    let clusters = Clusters::train(&sentences, options, &mut |line| {
        eprintln!(
            "train-clusters: {line} [{:.1}s]",
            started.elapsed().as_secs_f64()
        )
    });
    let bytes = clusters.to_bytes();
    output::write_atomic(&args.out, |w| w.write_all(&bytes))?;
    eprintln!(
        "train-clusters: wrote {} ({} words, {} bytes) in {:.1}s",
        args.out.display(),
        clusters.len(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
