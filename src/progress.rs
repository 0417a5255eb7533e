//! Progress of long runs on stderr: a one-line bar (articles, MB, rate, time left when
//! the total is known) redrawn at most ten times a second, only when stderr is a
//! terminal, and cleared at the end; then one summary line, which is always printed:
//!
//! ```text
//! newsgraph: 2225 articles read, 0 skipped, 9876 entities, 5432 relations in 3.21 s
//! ```
//!
//! Nothing but that summary reaches stderr when it is a file or a pipe. [`Progress`] is
//! `Sync`: worker threads may call [`Progress::inc`] concurrently. Messages printed while
//! the bar is shown should go through [`Progress::println`] so the bar does not garble them.
//!
//! The bar is the `indicatif` crate's (issue 15). It replaced our own drawing (about 120
//! lines), which knew nothing of the terminal's width: its line (about 90 characters
//! with a large corpus) wraps on an 80-column terminal, and each redraw cleared only the
//! last row, leaving the rest behind. indicatif counts the rows a wrapped bar takes and
//! clears them all, hides itself when stderr is not a terminal, limits redraws and
//! clears the bar around messages. It costs 178 KB of a stripped
//! binary (measured on a test program: 344 -> 522 KB) and, with its default features
//! off, 4 crates (console, libc, portable-atomic, unit-prefix). The summary line stays
//! ours: its form is the command's contract.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Redraws of the bar per second, at most.
const REDRAWS_PER_SECOND: u8 = 10;
/// The bar when the size of the input is known, and when it is not.
const WITH_TOTAL: &str = "[{bar:24}] {percent:>3}% {msg} articles, \
                          {decimal_bytes}/{decimal_total_bytes}, {decimal_bytes_per_sec}, {eta} left";
const WITHOUT_TOTAL: &str = "{msg} articles, {decimal_bytes}, {decimal_bytes_per_sec}";

/// The counts a run reports at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: u64,
    pub skipped: u64,
    pub entities: u64,
    pub relations: u64,
}

impl Summary {
    /// `newsgraph: N articles read, K skipped, E entities, R relations in S.SS s`, each
    /// noun singular when its count is 1 ("1 article read").
    pub fn line(&self, elapsed: Duration) -> String {
        let n = |count: u64, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        format!(
            "newsgraph: {} read, {} skipped, {}, {} in {:.2} s",
            n(self.articles, "article", "articles"),
            self.skipped,
            n(self.entities, "entity", "entities"),
            n(self.relations, "relation", "relations"),
            elapsed.as_secs_f64()
        )
    }
}

/// A progress reporter; see the module documentation.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    articles: AtomicU64,
}

impl Progress {
    /// `total_bytes`: the size of all inputs when known (for the time left); `enabled`:
    /// whether the caller wants a bar at all (it is still shown only on a terminal).
    pub fn new(total_bytes: Option<u64>, enabled: bool) -> Progress {
        Progress::with_terminal(total_bytes, enabled && std::io::stderr().is_terminal())
    }

    /// As [`Progress::new`], with the terminal test made by the caller (for tests).
    pub fn with_terminal(total_bytes: Option<u64>, draw: bool) -> Progress {
        let target = if draw {
            ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND)
        } else {
            ProgressDrawTarget::hidden()
        };
        let (bar, template) = match total_bytes {
            Some(total) if total > 0 => (ProgressBar::new(total), WITH_TOTAL),
            _ => (ProgressBar::no_length(), WITHOUT_TOTAL),
        };
        let style = ProgressStyle::with_template(template)
            .expect("the bar templates are valid")
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_draw_target(target);
        bar.set_message("0");
        Progress {
            bar,
            start: Instant::now(),
            articles: AtomicU64::new(0),
        }
    }

    /// Whether a bar is drawn.
    pub fn is_drawing(&self) -> bool {
        !self.bar.is_hidden()
    }

    /// Counts `articles` more articles and `bytes` more input bytes; the bar redraws
    /// itself at most ten times a second.
    pub fn inc(&self, articles: u64, bytes: u64) {
        let n = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        self.bar.set_message(n.to_string());
        self.bar.inc(bytes);
    }

    /// Articles counted so far.
    pub fn articles(&self) -> u64 {
        self.articles.load(Ordering::Relaxed)
    }

    /// Prints a message on its own line on stderr, keeping the bar below it.
    pub fn println(&self, message: &str) {
        self.bar.suspend(|| eprintln!("{message}"));
    }

    /// Clears the bar and prints the summary line.
    pub fn finish(&self, summary: &Summary) {
        self.bar.finish_and_clear();
        eprintln!("{}", summary.line(self.start.elapsed()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_has_the_agreed_form() {
        let s = Summary {
            articles: 2225,
            skipped: 3,
            entities: 900,
            relations: 41,
        };
        assert_eq!(
            s.line(Duration::from_millis(3214)),
            "newsgraph: 2225 articles read, 3 skipped, 900 entities, 41 relations in 3.21 s"
        );
    }

    #[test]
    fn summary_line_says_1_article_read_in_the_singular() {
        let s = Summary {
            articles: 1,
            skipped: 0,
            entities: 1,
            relations: 1,
        };
        assert_eq!(
            s.line(Duration::from_millis(10)),
            "newsgraph: 1 article read, 0 skipped, 1 entity, 1 relation in 0.01 s"
        );
    }

    /// indicatif's templates are parsed when the bar is made: both must be valid, and a
    /// reporter with the bar hidden (stderr not a terminal, `--no-progress`, `-q`) still
    /// counts.
    #[test]
    fn a_disabled_reporter_counts_but_never_draws() {
        for total in [Some(100), None, Some(0)] {
            let p = Progress::with_terminal(total, false);
            p.inc(2, 50);
            p.inc(1, 10);
            assert!(!p.is_drawing());
            assert_eq!(p.articles(), 3);
            assert_eq!(p.bar.position(), 60);
            p.println("a note");
        }
    }
}
