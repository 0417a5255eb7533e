//! `newsgraph train-ner`: trains the entity tagger on CoNLL-2003 style files and writes the
//! model atomically. Same data and flags give the same model bytes on every run.

use newsgraph::conll;
use newsgraph::learn::clusters::Clusters;
use newsgraph::recognize::tagger::{self, Decoder, EpochReport, TrainOptions};
use newsgraph::{Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Training file (CoNLL-2003: `TOKEN POS CHUNK NER`, IOB1 or IOB2).
    #[arg(long)]
    train: PathBuf,
    /// Dev file: scored after each epoch; the best epoch is kept.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "data/models/ner.bin")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Seed of the shuffle between epochs.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// The weight table has 2^BITS rows (10..=24).
    #[arg(long, default_value_t = TrainOptions::default().hash_bits)]
    bits: u32,
    /// Decode greedily left to right instead of with Viterbi (faster, less accurate).
    #[arg(long)]
    greedy: bool,
    /// Word clusters the features read (written by `train-clusters`), copied into the model.
    #[arg(long, value_name = "PATH")]
    clusters: Option<PathBuf>,
    /// Drop averaged weights smaller than this in magnitude.
    #[arg(long, default_value_t = TrainOptions::default().prune_below)]
    prune: f32,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if !(10..=24).contains(&args.bits) {
        return Err(Error::Usage(format!(
            "--bits must be within 10..=24, got {}",
            args.bits
        )));
    }
    if args.epochs == 0 {
        return Err(Error::Usage("--epochs must be at least 1".into()));
    }
    let started = Instant::now();
    let mut train = conll::read(&args.train)?;
    conll::add_lexicon_flags(&mut train);
    let dev = match &args.dev {
        Some(p) => {
            let mut d = conll::read(p)?;
            conll::add_lexicon_flags(&mut d);
            Some(d)
        }
        None => None,
    };
    if train.is_empty() {
        return Err(Error::parse(&args.train, None, "no sentences"));
    }
    eprintln!(
        "train-ner: {} training sentences, {} dev sentences",
        train.len(),
        dev.as_ref().map_or(0, Vec::len)
    );
    let clusters = Clusters::load(args.clusters.as_deref())?;
    let epoch_start = std::sync::Mutex::new(Instant::now());
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        hash_bits: args.bits,
        prune_below: args.prune,
        clusters,
        decoder: if args.greedy {
            Decoder::Greedy
        } else {
            Decoder::Viterbi
        },
        on_epoch: Some(Box::new(move |r: &EpochReport| {
            let mut t = epoch_start.lock().unwrap_or_else(|e| e.into_inner());
            let secs = t.elapsed().as_secs_f64();
            *t = Instant::now();
            match &r.dev {
                Some(d) => eprintln!(
                    "epoch {:>2}: train error {:.4}, dev F1 {:.4} (PER/ORG/LOC {:.4}) [{secs:.1}s]",
                    r.epoch,
                    r.train_error_rate,
                    d.f1_all(),
                    d.f1_plo()
                ),
                None => eprintln!(
                    "epoch {:>2}: train error {:.4} [{secs:.1}s]",
                    r.epoch, r.train_error_rate
                ),
            }
        })),
        ..TrainOptions::default()
    };
    let model = tagger::train(&train, dev.as_deref(), &opts);
    let bytes = model.to_bytes();
    newsgraph::output::write_atomic(&args.out, |w| w.write_all(&bytes))?;
    if let Some(dev) = &dev {
        let report = conll::score(dev, &model);
        eprintln!("dev, saved model:\n{report}");
    }
    eprintln!(
        "train-ner: wrote {} ({} bytes, {} non-zero weights) in {:.1}s",
        args.out.display(),
        bytes.len(),
        model.nonzero_weights(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
