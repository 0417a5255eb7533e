//! Flags and plumbing shared by the commands that read articles (build, extract):
//! inputs, lexicon and tagger choice, reader flags, batching through the pipeline in
//! input order, problem reporting, progress and the closing summary.

use newsgraph::article::{self, read_inputs, total_input_bytes};
use newsgraph::extract::ExtractedDoc;
use newsgraph::lexicon::Lexicon;
use newsgraph::pipeline::Pipeline;
use newsgraph::progress::{Progress, Summary};
use newsgraph::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Clone)]
pub struct SourceArgs {
    /// Files, directories (read recursively, sorted) or `-` for stdin. Directories yield
    /// .txt files (one article each), .jsonl/.ndjson (JSON Lines) and .csv files.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// A directory of lexicon files that add to or override the built-in tables
    /// (see data/lexicon/README.md).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Do not use the statistical entity tagger (tables and rules only).
    #[arg(long)]
    pub no_tagger: bool,
    /// Skip the parse stage (UPOS, lemma, UD tree): faster, but event relations (meets,
    /// demands, ...) are read from the parse, so only structural ones are found.
    #[arg(long)]
    pub no_parse: bool,
    /// Print no summary line at the end.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: article::InputArgs,
}

/// What a run read, for the summary and the exit code.
pub struct Outcome {
    pub progress: Progress,
    pub reporter: article::Reporter,
    pub articles: u64,
    pub mentions: u64,
    pub relations: u64,
}

impl Outcome {
    /// Print the summary line (unless quiet) and give the exit code: 0 clean, 1 when any
    /// input was skipped or repaired.
    pub fn finish(&self, quiet: bool, entities: u64, relations: u64) -> ExitCode {
        let summary = Summary {
            articles: self.articles,
            skipped: self.reporter.skipped(),
            entities,
            relations,
        };
        if !quiet {
            self.progress.finish(&summary);
        }
        self.reporter.exit_code()
    }
}

impl SourceArgs {
    pub fn pipeline(&self) -> Result<Pipeline> {
        let mut builder = Pipeline::builder();
        if let Some(dir) = &self.lexicon {
            builder = builder.lexicon(Arc::new(Lexicon::with_overrides(dir)?));
        }
        if self.no_tagger {
            builder = builder.tagger(None);
        }
        if self.no_parse {
            builder = builder.syntax(None);
        }
        Ok(builder.build())
    }

    /// Read, extract in parallel batches (results in input order) and hand each batch to
    /// `f`; stops early when `f` returns false. With `--strict` the first input problem
    /// is returned as the error.
    pub fn run(
        &self,
        pipeline: &Pipeline,
        f: impl FnMut(Vec<ExtractedDoc>) -> bool,
    ) -> Result<Outcome> {
        self.run_except(pipeline, |_| None, f)
    }

    /// [`SourceArgs::run`], skipping before extraction every article for which `except`
    /// gives a reason (reported as a warning at the article's file and line).
    pub fn run_except(
        &self,
        pipeline: &Pipeline,
        except: impl Fn(&newsgraph::Article) -> Option<String>,
        mut f: impl FnMut(Vec<ExtractedDoc>) -> bool,
    ) -> Result<Outcome> {
        const BATCH_ARTICLES: usize = 256;
        const BATCH_BYTES: u64 = 16 << 20;
        let opts = self.read.read_options();
        let total = total_input_bytes(&self.inputs, &opts);
        let mut out = Outcome {
            progress: Progress::new(total, !self.read.no_progress && !self.quiet),
            reporter: article::Reporter::new(self.read.strict),
            articles: 0,
            mentions: 0,
            relations: 0,
        };
        let mut batch = Vec::new();
        let mut bytes = 0;
        let mut flush =
            |batch: &mut Vec<newsgraph::Article>, bytes: &mut u64, out: &mut Outcome| -> bool {
                let n = batch.len() as u64;
                let docs = pipeline.extract_batch(std::mem::take(batch));
                for d in &docs {
                    out.mentions += d.entities.len() as u64;
                    out.relations += d.relations.len() as u64;
                }
                out.articles += n;
                out.progress.inc(n, *bytes);
                *bytes = 0;
                f(docs)
            };
        // Reading (file system, decoding, JSON/CSV parsing) runs on its own thread, a
        // bounded queue ahead of the extraction, so both overlap; order is kept.
        std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel(2 * BATCH_ARTICLES);
            let inputs = &self.inputs;
            let opts = &opts;
            scope.spawn(move || {
                for item in read_inputs(inputs, opts) {
                    if tx.send(item).is_err() {
                        break; // the consumer stopped (--strict, or a closed output)
                    }
                }
            });
            for item in rx {
                match item {
                    Ok(input) => {
                        if let Some(reason) = except(&input.article) {
                            let error = newsgraph::Error::refused(
                                &input.origin.path,
                                input.origin.line,
                                reason,
                            );
                            out.reporter
                                .report(article::Problem::warning(error), Some(&out.progress))?;
                            continue;
                        }
                        bytes += input.bytes;
                        batch.push(input.article);
                        if (batch.len() >= BATCH_ARTICLES || bytes >= BATCH_BYTES)
                            && !flush(&mut batch, &mut bytes, &mut out)
                        {
                            return Ok(());
                        }
                    }
                    Err(problem) => out.reporter.report(problem, Some(&out.progress))?,
                }
            }
            if !batch.is_empty() {
                flush(&mut batch, &mut bytes, &mut out);
            }
            Ok(())
        })?;
        Ok(out)
    }
}
