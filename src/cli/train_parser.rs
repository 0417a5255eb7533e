//! `newsgraph train-parser`: trains the syntax model (UPOS tagger, lemmatizer, dependency
//! parser) on a CoNLL-U treebank and writes it atomically; with `--dev`, scores it there.
//! The same files and flags give the same model bytes on every run and thread count.

use newsgraph::conllu;
use newsgraph::learn::clusters::Clusters;
use newsgraph::output;
use newsgraph::syntax::parser::ParserOptions;
use newsgraph::syntax::tagger::TaggerOptions;
use newsgraph::syntax::train::{self, TrainOptions};
use newsgraph::{Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    train: PathBuf,
    /// Dev treebank (CoNLL-U), scored once the model is written.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "data/models/syntax.bin")]
    out: PathBuf,
    /// Passes of the parser over the training trees.
    #[arg(long, default_value_t = ParserOptions::default().epochs)]
    epochs: usize,
    /// Word clusters the features read (written by `train-clusters`), copied into the model.
    #[arg(long, value_name = "PATH")]
    clusters: Option<PathBuf>,
    /// After the first epoch, the parser follows its own move this often (0..=1).
    #[arg(long, default_value_t = ParserOptions::default().explore)]
    explore: f64,
    /// Passes of the UPOS tagger.
    #[arg(long, default_value_t = TaggerOptions::default().epochs)]
    tagger_epochs: usize,
    /// The parser's weight table has 2^BITS rows (12..=24).
    #[arg(long, default_value_t = ParserOptions::default().bits)]
    bits: u32,
    /// The labeller's weight table has 2^BITS rows (12..=24).
    #[arg(long, default_value_t = ParserOptions::default().label_bits)]
    label_bits: u32,
    /// The tagger's weight table has 2^BITS rows (12..=24).
    #[arg(long, default_value_t = TaggerOptions::default().bits)]
    tagger_bits: u32,
    /// Folds for the parser's predicted training tags (1: train on gold tags).
    #[arg(long, default_value_t = TrainOptions::default().folds)]
    folds: usize,
    /// Seed of the shuffles and the oracle's exploration.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    for (flag, bits) in [
        ("--bits", args.bits),
        ("--label-bits", args.label_bits),
        ("--tagger-bits", args.tagger_bits),
    ] {
        if !(12..=24).contains(&bits) {
            return Err(Error::Usage(format!(
                "{flag} must be within 12..=24, got {bits}"
            )));
        }
    }
    if args.epochs == 0 || args.tagger_epochs == 0 || args.folds == 0 {
        return Err(Error::Usage("epochs and --folds must be at least 1".into()));
    }
    if !(0.0..=1.0).contains(&args.explore) {
        return Err(Error::Usage(format!(
            "--explore must be within 0..=1, got {}",
            args.explore
        )));
    }
    let started = Instant::now();
    let clusters = Clusters::load(args.clusters.as_deref())?;
    let sentences = conllu::read(&args.train)?;
    if sentences.is_empty() {
        return Err(Error::parse(&args.train, None, "no sentences"));
    }
    let dev = args.dev.as_deref().map(conllu::read).transpose()?;
    eprintln!(
        "train-parser: {} training sentences, {} dev sentences",
        sentences.len(),
        dev.as_ref().map_or(0, Vec::len)
    );
    let opts = TrainOptions {
        clusters,
        tagger: TaggerOptions {
            bits: args.tagger_bits,
            epochs: args.tagger_epochs,
            seed: args.seed,
            ..TaggerOptions::default()
        },
        parser: ParserOptions {
            bits: args.bits,
            label_bits: args.label_bits,
            epochs: args.epochs,
            seed: args.seed,
            explore: args.explore,
        },
        folds: args.folds,
    };
    let model = train::train(&sentences, opts, &mut |line| {
        eprintln!(
            "train-parser: {line} [{:.1}s]",
            started.elapsed().as_secs_f64()
        )
    });
    let bytes = model.to_bytes();
    output::write_atomic(&args.out, |w| w.write_all(&bytes))?;
    eprintln!(
        "train-parser: wrote {} ({} bytes) in {:.1}s",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(dev) = &dev {
        let s = train::evaluate(&model, dev);
        eprintln!(
            "dev: UPOS {:.4}  lemma {:.4}  UAS {:.4}  LAS {:.4}  LAS (full labels) {:.4}",
            s.upos, s.lemma, s.uas, s.las, s.las_full
        );
    }
    Ok(ExitCode::SUCCESS)
}
