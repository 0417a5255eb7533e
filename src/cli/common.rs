//! Flags and plumbing shared by the commands that read articles (build, extract, eval):
//! inputs, lexicon, reader options, batching through the pipeline, problem reporting
//! and the closing summary.

use newsgraph::article::{read_inputs, ReadOptions};
use newsgraph::extract::ExtractedDoc;
use newsgraph::lexicon::Lexicon;
use newsgraph::pipeline::Pipeline;
use newsgraph::recognize::tagger::Tagger;
use newsgraph::{Error, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// Files, directories (read recursively, sorted) or `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// A directory of lexicon files that add to or override the built-in tables.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Do not use the statistical entity tagger (tables and rules only).
    #[arg(long)]
    pub no_tagger: bool,
    /// Stop at the first unreadable or malformed input instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors (no summary).
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputArgs {
    pub fn pipeline(&self) -> Result<Pipeline> {
        let lexicon = match &self.lexicon {
            Some(dir) => Lexicon::with_overrides(dir)?,
            None => Lexicon::builtin().clone(),
        };
        let tagger = if self.no_tagger {
            None
        } else {
            Tagger::builtin()
        };
        Ok(Pipeline::new(Arc::new(lexicon), tagger))
    }

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions::default()
    }

    /// Read, extract in parallel batches (results in input order) and hand each batch to
    /// `f`; stops early when `f` returns false.
    pub fn for_each_batch(
        &self,
        pipeline: &Pipeline,
        reporter: &mut Reporter,
        mut f: impl FnMut(Vec<ExtractedDoc>) -> bool,
    ) {
        const BATCH_ARTICLES: usize = 256;
        const BATCH_BYTES: usize = 16 << 20;
        let opts = self.read_options();
        let mut batch = Vec::new();
        let mut bytes = 0;
        let mut flush = |batch: &mut Vec<newsgraph::Article>, reporter: &mut Reporter| -> bool {
            let docs = pipeline.extract_batch(std::mem::take(batch));
            for d in &docs {
                reporter.entities += d.entities.len();
                reporter.relations += d.relations.len();
            }
            f(docs)
        };
        for item in read_inputs(&self.inputs, &opts) {
            match item {
                Ok(input) => {
                    reporter.articles += 1;
                    bytes += input.article.text.len();
                    batch.push(input.article);
                    if batch.len() >= BATCH_ARTICLES || bytes >= BATCH_BYTES {
                        bytes = 0;
                        if !flush(&mut batch, reporter) {
                            return;
                        }
                    }
                }
                Err(e) => {
                    reporter.problem(&e);
                    if self.strict {
                        reporter.fatal = true;
                        return;
                    }
                }
            }
        }
        if !batch.is_empty() {
            flush(&mut batch, reporter);
        }
    }
}

/// Counts problems and results; prints the summary; chooses the exit code.
pub struct Reporter {
    pub articles: usize,
    pub skipped: usize,
    pub entities: usize,
    pub relations: usize,
    pub fatal: bool,
    quiet: bool,
    started: Instant,
}

impl Reporter {
    pub fn new(args: &InputArgs) -> Reporter {
        Reporter {
            articles: 0,
            skipped: 0,
            entities: 0,
            relations: 0,
            fatal: false,
            quiet: args.quiet,
            started: Instant::now(),
        }
    }

    pub fn problem(&mut self, e: &Error) {
        self.skipped += 1;
        eprintln!("newsgraph: warning: {e}");
    }

    /// Print the summary; exit 0 when clean, 1 when something was skipped, 2 when
    /// `--strict` stopped the run.
    pub fn finish(&self) -> ExitCode {
        if !self.quiet {
            eprintln!(
                "newsgraph: {} articles read, {} skipped, {} entity mentions, {} relation mentions in {:.2} s",
                self.articles,
                self.skipped,
                self.entities,
                self.relations,
                self.started.elapsed().as_secs_f64()
            );
        }
        if self.fatal {
            ExitCode::from(2)
        } else if self.skipped > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Turn an error into the `Error` type for a non-file context.
#[allow(dead_code)]
pub fn usage(msg: impl Into<String>) -> Error {
    Error::Usage(msg.into())
}
