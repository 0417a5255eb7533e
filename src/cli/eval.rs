//! `newsgraph eval`: score extraction against gold annotations (`--gold DIR INPUT...`),
//! or saved `extract` output against them (`--gold DIR --extracted FILE`), or the entity
//! tagger on CoNLL text (`--conll FILE`). Exit 1 when a `--min-*` threshold is missed or
//! an input could not be read (it is reported and skipped, as `extract` does; with
//! `--strict` the first problem ends the run, exit 2). Articles are read with the same
//! reader and flags as `build` and `extract` (`--max-article-bytes`, `--csv-*`, ...).
//!
//! Gold that names its articles by path (`data/bbc-dev`: no article text in the
//! repository) takes the corpus directory as its one INPUT and reads exactly the
//! annotated files from it, each refused unless its bytes have the gold's sha256.

use newsgraph::article::{self, read_inputs, InputArgs, Reporter};
use newsgraph::error::{Error, Result};
use newsgraph::eval::GoldDoc;
use newsgraph::eval::{self, EvalReport};
use newsgraph::extract::ExtractedDoc;
use newsgraph::lexicon::Lexicon;
use newsgraph::output;
use newsgraph::pipeline::Pipeline;
use newsgraph::recognize::tagger::Tagger;
use newsgraph::Article;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of gold annotations, one `<article id>.json` per article (`/` in ids as `__`).
    #[arg(long, value_name = "DIR", required_unless_present_any = ["conll", "conllu"])]
    gold: Option<PathBuf>,
    /// Articles to extract and score: files, directories (recursive) or `-` for stdin.
    /// When the gold names its articles by `path` (as data/bbc-dev does), the one corpus
    /// directory those paths are under: only the annotated files are read, and a file
    /// whose sha256 differs from the gold's is refused (error naming it, exit 2).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Score saved `newsgraph extract` output (JSON Lines) instead of extracting INPUT.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    extracted: Option<PathBuf>,
    /// Exit 1 when mention F1 or relation F1 (or CoNLL PER/ORG/LOC F1) is below this.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
    /// Exit 1 when mention F1 (exact span and type) is below this.
    #[arg(long, value_name = "X")]
    min_mention_f1: Option<f64>,
    /// Exit 1 when relation F1 (source, type, target, modality) is below this.
    #[arg(long, value_name = "X")]
    min_relation_f1: Option<f64>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// List every difference from the gold, per article.
    #[arg(short, long)]
    verbose: bool,
    /// Directory of lexicon entries that extend or override the built-in tables.
    #[arg(long, value_name = "DIR", conflicts_with = "extracted")]
    lexicon: Option<PathBuf>,
    /// Do not use the statistical entity tagger (tables and rules only).
    #[arg(long, conflicts_with = "extracted")]
    no_tagger: bool,
    /// Score the entity tagger on a CoNLL-2003 file instead of articles against gold.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["gold", "extracted", "inputs"])]
    conll: Option<PathBuf>,
    /// Model for `--conll` (entity tagger) or `--conllu` (syntax); default: the built-in one.
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// Score the syntax model (UPOS, lemma, UAS, LAS) on a CoNLL-U file's gold tokens.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["gold", "extracted", "inputs", "conll"])]
    conllu: Option<PathBuf>,
    /// With `--conllu`: exit 1 when LAS (base labels) is below this.
    #[arg(long, value_name = "X", requires = "conllu")]
    min_las: Option<f64>,
    /// With `--conllu`: `table` (default) or `json` (one object: sentences, words, upos,
    /// lemma, uas, las, las_full).
    #[arg(long, value_name = "FORMAT", requires = "conllu", value_parser = ["table", "json"])]
    format: Option<String>,
    /// With `--conll`: also score the whole recognizer (tables, rules, tagger), beside
    /// the tagger alone; `--min-f1` then checks the whole recognizer.
    #[arg(long, requires = "conll")]
    pipeline: bool,
    /// How INPUT is read: the reader flags of `build` and `extract`.
    #[command(flatten)]
    read: InputArgs,
}

/// Checked thresholds: `--min-mention-f1` and `--min-relation-f1` beat `--min-f1`.
struct Thresholds {
    mention: Option<f64>,
    relation: Option<f64>,
    any: Option<f64>,
}

fn check_threshold(flag: &str, value: Option<f64>) -> Result<Option<f64>> {
    match value {
        Some(x) if !(0.0..=1.0).contains(&x) => Err(Error::Usage(format!(
            "{flag} must be between 0 and 1, not {x}"
        ))),
        _ => Ok(value),
    }
}

impl Thresholds {
    fn from_args(args: &Args) -> Result<Thresholds> {
        let any = check_threshold("--min-f1", args.min_f1)?;
        Ok(Thresholds {
            mention: check_threshold("--min-mention-f1", args.min_mention_f1)?.or(any),
            relation: check_threshold("--min-relation-f1", args.min_relation_f1)?.or(any),
            any,
        })
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let thresholds = Thresholds::from_args(&args)?;
    if let Some(conllu) = &args.conllu {
        return run_conllu(conllu, &args);
    }
    if args.model.is_some() && args.conll.is_none() {
        return Err(Error::Usage("--model goes with --conll or --conllu".into()));
    }
    if let Some(conll) = &args.conll {
        if args.pipeline {
            return run_conll_pipeline(conll, &args, thresholds.any);
        }
        return run_conll(conll, args.model.as_deref(), args.json, thresholds.any);
    }
    let gold_dir = args
        .gold
        .as_deref()
        .ok_or_else(|| Error::Usage("--gold DIR is required".into()))?;
    let mut gold = eval::load_gold_dir(gold_dir)?;
    let (predicted, skipped) = predictions(&args, &mut gold, gold_dir)?;
    let report = eval::evaluate(&gold, &predicted);
    for w in &report.warnings {
        eprintln!("newsgraph: warning: {w}");
    }
    if report.articles.is_empty() {
        return Err(Error::Usage(format!(
            "no input article has gold in {}; nothing to score",
            gold_dir.display()
        )));
    }
    print_report(&report, args.json, args.verbose)?;
    let shortfalls = report.shortfalls(thresholds.mention, thresholds.relation);
    for s in &shortfalls {
        eprintln!("newsgraph: eval: {s}");
    }
    Ok(if shortfalls.is_empty() && skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What to score: saved extract output, or the pipeline run on INPUT (whose articles the
/// gold's spans are checked against first). Also returns how many input problems were
/// reported (articles or files skipped or repaired).
fn predictions(
    args: &Args,
    gold: &mut [GoldDoc],
    gold_dir: &Path,
) -> Result<(Vec<ExtractedDoc>, u64)> {
    if let Some(file) = &args.extracted {
        return Ok((read_extracted(file)?, 0));
    }
    if args.inputs.is_empty() {
        return Err(Error::Usage(
            "give the articles to score (INPUT...) or saved extract output (--extracted FILE)"
                .into(),
        ));
    }
    let by_path = gold.iter().filter(|g| g.path.is_some()).count();
    let (articles, problems) = if by_path == 0 {
        read_articles(
            read_inputs(&args.inputs, &args.read.read_options()),
            &args.read,
        )?
    } else {
        if by_path < gold.len() {
            return Err(Error::Usage(format!(
                "{}: some gold files name their article by path and some do not; \
                 keep the two kinds in separate directories",
                gold_dir.display()
            )));
        }
        read_corpus(&args.inputs, gold, &args.read)?
    };
    let x = extract(articles, args.lexicon.as_deref(), args.no_tagger)?;
    let problems_found = eval::gold_text_problems(gold, &x.articles);
    if !problems_found.is_empty() {
        return Err(Error::Usage(format!(
            "the gold in {} no longer fits its articles (regenerate it with \
             scripts/make_gold.py or scripts/bbc_gold.py):\n  {}",
            gold_dir.display(),
            problems_found.join("\n  ")
        )));
    }
    eval::fill_mention_texts(gold, &x.articles);
    Ok((x.docs, problems))
}

/// Reads articles as `build` and `extract` do: problems are reported on stderr and
/// counted (the first is the error with `--strict`). Returns the articles, in input
/// order, and how many problems were reported.
fn read_articles(
    items: impl Iterator<Item = article::Item>,
    read: &InputArgs,
) -> Result<(Vec<Article>, u64)> {
    let mut reporter = Reporter::new(read.strict);
    let mut articles = Vec::new();
    for item in items {
        match item {
            Ok(input) => articles.push(input.article),
            Err(problem) => reporter.report(problem, None)?,
        }
    }
    Ok((articles, reporter.problems()))
}

/// The articles of gold that names them by path: `CORPUS/<path>` for each gold file,
/// read by the same reader (and flags) as any text file, with the gold's id, after its
/// bytes were checked against the gold's sha256.
fn read_corpus(
    inputs: &[PathBuf],
    gold: &[GoldDoc],
    read: &InputArgs,
) -> Result<(Vec<Article>, u64)> {
    let [corpus] = inputs else {
        return Err(Error::Usage(format!(
            "this gold names its articles by path: give the one corpus directory they are \
             under as INPUT, not {} inputs",
            inputs.len()
        )));
    };
    if !corpus.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a directory; this gold names its articles by path under a corpus directory",
            corpus.display()
        )));
    }
    let opts = read.read_options();
    // What the reader would refuse unread (see `article`): left to it, not hashed.
    let readable = opts.max_article_bytes.saturating_mul(2).saturating_add(4);
    let mut files = Vec::with_capacity(gold.len());
    for g in gold {
        let file = eval::corpus_file(corpus, g).expect("every gold file has a path here");
        match std::fs::metadata(&file) {
            Ok(m) if m.is_file() && m.len() <= readable => eval::check_checksum(g, &file)?,
            _ => {} // missing, a directory or too big: the reader reports it
        }
        files.push((file, g.id.clone()));
    }
    // Each file is read as if named on the command line; only its id is the gold's
    // (the path under the corpus, as a directory walk would give it).
    let items = files.into_iter().flat_map(move |(file, id)| {
        read_inputs(std::slice::from_ref(&file), &opts).map(move |item| {
            item.map(|mut input| {
                input.article.id = id.clone();
                input
            })
        })
    });
    read_articles(items, read)
}
fn print_report(report: &EvalReport, json: bool, verbose: bool) -> Result<()> {
    output::to_stdout(|out| {
        if json {
            serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::from)?;
            writeln!(out)
        } else {
            write!(out, "{report}")?;
            if verbose {
                writeln!(out)?;
                report.write_misses(&mut &mut *out)?;
            }
            Ok(())
        }
    })
}

/// Reads `newsgraph extract` output: one [`ExtractedDoc`] per non-blank line.
fn read_extracted(path: &Path) -> Result<Vec<ExtractedDoc>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut docs = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: ExtractedDoc = serde_json::from_str(&line)
            .map_err(|e| Error::parse(path, Some(i + 1), format!("not an extract record: {e}")))?;
        docs.push(doc);
    }
    Ok(docs)
}

/// The articles read and what the pipeline extracted from them (same order).
struct Extraction {
    articles: Vec<Article>,
    docs: Vec<ExtractedDoc>,
}

/// Runs the extraction pipeline over the articles, in order.
fn extract(articles: Vec<Article>, lexicon: Option<&Path>, no_tagger: bool) -> Result<Extraction> {
    let lexicon = match lexicon {
        Some(dir) => Lexicon::with_overrides(dir)?,
        None => Lexicon::builtin().clone(),
    };
    let tagger = if no_tagger { None } else { Tagger::builtin() };
    let pipeline = Pipeline::new(Arc::new(lexicon), tagger);
    let docs = pipeline.extract_batch(articles.clone());
    Ok(Extraction { articles, docs })
}

/// What `--conll` produced: the printed report, its JSON, and the figure `--min-f1` checks.
struct ConllOutcome {
    text: String,
    json: serde_json::Value,
    f1_plo: f64,
}

fn run_conll(
    path: &Path,
    model: Option<&Path>,
    json: bool,
    min_f1: Option<f64>,
) -> Result<ExitCode> {
    let outcome = conll_evaluate(path, model)?;
    output::to_stdout(|out| {
        if json {
            writeln!(out, "{}", outcome.json)
        } else {
            writeln!(out, "{}", outcome.text.trim_end())
        }
    })?;
    match min_f1 {
        Some(min) if outcome.f1_plo < min => {
            eprintln!(
                "newsgraph: eval: CoNLL PER/ORG/LOC F1 {:.4} is below the minimum {min:.4}",
                outcome.f1_plo
            );
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Scores the tagger (`model`, or the built-in one) on a CoNLL file.
fn conll_evaluate(path: &Path, model: Option<&Path>) -> Result<ConllOutcome> {
    use newsgraph::recognize::tagger::Tagger;
    let loaded;
    let tagger = match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            loaded = Tagger::from_bytes(&bytes)?;
            &loaded
        }
        None => Tagger::builtin()
            .ok_or_else(|| Error::Usage("no built-in tagger model; give --model PATH".into()))?,
    };
    let report = newsgraph::conll::evaluate(path, tagger)?;
    Ok(ConllOutcome {
        text: report.to_string(),
        json: serde_json::to_value(&report).map_err(|e| Error::Other(e.to_string()))?,
        f1_plo: report.f1_plo(),
    })
}

/// `--conll FILE --pipeline`: the tagger alone and the whole recognizer, side by side
/// (see [`newsgraph::conll::evaluate_pipeline`] for how types are mapped).
fn run_conll_pipeline(path: &Path, args: &Args, min_f1: Option<f64>) -> Result<ExitCode> {
    let tagger_alone = conll_evaluate(path, args.model.as_deref())?;
    let lexicon = match args.lexicon.as_deref() {
        Some(dir) => Lexicon::with_overrides(dir)?,
        None => Lexicon::builtin().clone(),
    };
    let tagger = match args.model.as_deref() {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            Some(&*Box::leak(Box::new(Tagger::from_bytes(&bytes)?)))
        }
        None if args.no_tagger => None,
        None => Tagger::builtin(),
    };
    let recognizer = newsgraph::recognize::Recognizer::new(Arc::new(lexicon), tagger);
    let whole = newsgraph::conll::evaluate_pipeline(path, &recognizer)?;
    let pipeline_json =
        serde_json::to_value(&whole.report).map_err(|e| Error::Other(e.to_string()))?;
    output::to_stdout(|out| {
        if args.json {
            let json = serde_json::json!({
                "tagger": tagger_alone.json,
                "pipeline": pipeline_json,
            });
            writeln!(out, "{json}")?;
        } else {
            writeln!(out, "tagger alone\n{}\n", tagger_alone.text.trim_end())?;
            writeln!(
            out,
            "whole recognizer (person -> PER, organization -> ORG, country and location -> LOC, \
             country demonym -> MISC; positions and pronouns not scored)\n{}",
            whole.report
        )?;
            if args.verbose {
                for m in &whole.misses {
                    writeln!(out, "{m}")?;
                }
            }
        }
        Ok(())
    })?;
    let f1 = whole.report.f1_plo();
    match min_f1 {
        Some(min) if f1 < min => {
            eprintln!(
                "newsgraph: eval: whole-recognizer CoNLL PER/ORG/LOC F1 {f1:.4} is below the minimum {min:.4}"
            );
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `eval --conllu FILE`: the syntax model on the file's gold tokens.
fn run_conllu(path: &Path, args: &Args) -> Result<ExitCode> {
    let min_las = check_threshold("--min-las", args.min_las)?;
    let loaded;
    let model = match &args.model {
        Some(p) => {
            loaded = newsgraph::syntax::Syntax::load(p)?;
            &loaded
        }
        None => newsgraph::syntax::Syntax::builtin(),
    };
    let sentences = newsgraph::conllu::read(path)?;
    if sentences.is_empty() {
        return Err(Error::parse(path, None, "no sentences"));
    }
    let s = newsgraph::syntax::train::evaluate(model, &sentences);
    let json = args.json || args.format.as_deref() == Some("json");
    output::to_stdout(|out| {
        if json {
            serde_json::to_writer(&mut *out, &s).map_err(std::io::Error::from)?;
            return writeln!(out);
        }
        writeln!(
            out,
            "{} sentences, {} words (gold tokens)",
            s.sentences, s.words
        )?;
        writeln!(out, "UPOS              {:.4}", s.upos)?;
        writeln!(out, "lemma             {:.4}", s.lemma)?;
        writeln!(out, "UAS               {:.4}", s.uas)?;
        writeln!(
            out,
            "LAS               {:.4}  (labels without subtypes)",
            s.las
        )?;
        writeln!(out, "LAS, full labels  {:.4}", s.las_full)?;
        if args.verbose {
            writeln!(out, "\nLAS by gold label (base), most frequent first:")?;
            for l in &s.per_label {
                writeln!(
                    out,
                    "  {:<12} {:>6} words  LAS {:.4}",
                    l.label, l.gold, l.las
                )?;
            }
        }
        Ok(())
    })?;
    match min_las {
        Some(x) if s.las < x => {
            eprintln!("newsgraph: eval: LAS {:.4} is below --min-las {x}", s.las);
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_must_lie_between_zero_and_one() {
        let t = |x| check_threshold("--min-f1", x);
        assert!(t(Some(1.5)).is_err());
        assert!(t(Some(-0.1)).is_err());
        assert!(t(Some(f64::NAN)).is_err());
        assert_eq!(t(Some(0.5)).unwrap(), Some(0.5));
        assert_eq!(t(None).unwrap(), None);
    }
}
