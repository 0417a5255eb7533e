//! What the commands that read articles (`build`, `extract`, `eval`, `parse`) share:
//! the input flags (`InputArgs`, to `#[command(flatten)]` into a subcommand's `Args`;
//! only with the `cli` feature, the one part of the library that needs clap) and the
//! reporting of problems with `--strict` ([`Reporter`]).

#[cfg(feature = "cli")]
use super::{CsvColumns, ReadOptions};
use super::{Problem, Severity, DEFAULT_MAX_ARTICLE_BYTES};
use crate::error::Error;
use crate::progress::Progress;
use std::process::ExitCode;

/// Flags about reading the input.
#[cfg(feature = "cli")]
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct InputArgs {
    /// Stop at the first problem in the input (exit code 2) instead of reporting it,
    /// skipping what is wrong and exiting 1 at the end.
    #[arg(long)]
    pub strict: bool,
    /// Refuse articles (text files, JSON lines, CSV records) longer than SIZE bytes;
    /// K, M and G suffixes are powers of 1024.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_article_bytes: u64,
    /// CSV column holding the article id.
    #[arg(long, value_name = "COLUMN", default_value = "id")]
    pub csv_id: String,
    /// CSV column holding the article text.
    #[arg(long, value_name = "COLUMN", default_value = "text")]
    pub csv_text: String,
    /// CSV column holding the title.
    #[arg(long, value_name = "COLUMN", default_value = "title")]
    pub csv_title: String,
    /// CSV column holding the date.
    #[arg(long, value_name = "COLUMN", default_value = "date")]
    pub csv_date: String,
    /// CSV column holding the URL.
    #[arg(long, value_name = "COLUMN", default_value = "url")]
    pub csv_url: String,
    /// CSV column holding the source (publisher).
    #[arg(long, value_name = "COLUMN", default_value = "source")]
    pub csv_source: String,
    /// Do not follow symbolic links inside input directories.
    #[arg(long)]
    pub no_follow_symlinks: bool,
    /// Never show a progress bar (it is only shown when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

#[cfg(feature = "cli")]
impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_article_bytes: self.max_article_bytes,
            csv: CsvColumns {
                id: self.csv_id.clone(),
                text: self.csv_text.clone(),
                title: self.csv_title.clone(),
                date: self.csv_date.clone(),
                url: self.csv_url.clone(),
                source: self.csv_source.clone(),
            },
            follow_symlinks: !self.no_follow_symlinks,
        }
    }
}

/// A size in bytes: digits with an optional `K`, `M` or `G` suffix (powers of 1024,
/// an optional `iB` or `B` after it, any case): `1000000`, `64M`, `2GiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a size (digits, then K, M or G)"))?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(&unit);
    let factor: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return Err(format!("{s:?}: unknown size unit (use K, M or G)")),
    };
    let bytes = number
        .checked_mul(factor)
        .ok_or_else(|| format!("{s:?} is too large"))?;
    if bytes == 0 {
        return Err("the maximum article size must be at least 1 byte".into());
    }
    Ok(bytes)
}

const _: () = assert!(
    DEFAULT_MAX_ARTICLE_BYTES == 64 << 20,
    "keep the flag default in step"
);

/// Reports input problems on stderr as `newsgraph: warning: FILE:LINE: message` (or
/// `error:`), counts them, and with `--strict` turns the first into the run's error.
/// Notes (a file passed over) are printed only.
#[derive(Debug, Default)]
pub struct Reporter {
    strict: bool,
    problems: u64,
    skipped: u64,
}

impl Reporter {
    pub fn new(strict: bool) -> Reporter {
        Reporter {
            strict,
            ..Reporter::default()
        }
    }

    /// Reports one problem. With `--strict` it is returned as an error for the caller
    /// to end the run with (`main` prints it and exits 2); otherwise it is printed,
    /// above the progress bar when there is one, and counted.
    pub fn report(&mut self, problem: Problem, progress: Option<&Progress>) -> Result<(), Error> {
        if problem.severity == Severity::Note {
            let line = format!("newsgraph: {problem}");
            match progress {
                Some(p) => p.println(&line),
                None => eprintln!("{line}"),
            }
            return Ok(());
        }
        if self.strict {
            return Err(problem.error);
        }
        self.problems += 1;
        if problem.skipped {
            self.skipped += 1;
        }
        let line = format!("newsgraph: {problem}");
        match progress {
            Some(p) => p.println(&line),
            None => eprintln!("{line}"),
        }
        Ok(())
    }

    /// Problems reported so far.
    pub fn problems(&self) -> u64 {
        self.problems
    }

    /// Problems that left an article or a file out (the summary's "skipped").
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// 0 when the input was clean, 1 when any problem was reported (input skipped or
    /// repaired).
    pub fn exit_code(&self) -> ExitCode {
        if self.problems == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "cli")]
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        input: InputArgs,
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("10 kb"), Ok(10 << 10));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[cfg(feature = "cli")]
    #[test]
    fn flags_become_read_options() {
        use clap::Parser;
        let defaults = Cli::parse_from(["x"]).input;
        assert_eq!(defaults.read_options(), ReadOptions::default());
        assert!(!defaults.strict);
        let cli = Cli::parse_from([
            "x",
            "--strict",
            "--max-article-bytes",
            "1K",
            "--csv-text",
            "body",
            "--no-follow-symlinks",
        ]);
        let opts = cli.input.read_options();
        assert!(cli.input.strict);
        assert_eq!(opts.max_article_bytes, 1024);
        assert_eq!(opts.csv.text, "body");
        assert_eq!(opts.csv.id, "id");
        assert!(!opts.follow_symlinks);
    }

    #[test]
    fn strict_turns_the_first_problem_into_the_error() {
        let problem = || Problem::error(Error::parse("f.jsonl", Some(3), "invalid JSON"));
        let mut strict = Reporter::new(true);
        let err = strict.report(problem(), None).unwrap_err();
        assert_eq!(err.to_string(), "f.jsonl:3: invalid JSON");

        let mut lenient = Reporter::new(false);
        assert_eq!(lenient.exit_code(), ExitCode::SUCCESS);
        lenient.report(problem(), None).unwrap();
        let repaired = Problem::repaired(Error::parse("g.txt", None, "invalid UTF-8"));
        lenient.report(repaired, None).unwrap();
        assert_eq!((lenient.problems(), lenient.skipped()), (2, 1));
        assert_eq!(lenient.exit_code(), ExitCode::from(1));
    }
}
