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

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The least time between two redraws of the bar.
const REDRAW_EVERY: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 24;

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
    total_bytes: Option<u64>,
    /// The bar is drawn only when asked for and stderr is a terminal.
    draw: bool,
    start: Instant,
    articles: AtomicU64,
    bytes: AtomicU64,
    /// When the bar was last drawn, and whether it is on screen.
    screen: Mutex<Screen>,
}

struct Screen {
    last_draw: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// `total_bytes`: the size of all inputs when known (for the time left); `enabled`:
    /// whether the caller wants a bar at all (it is still shown only on a terminal).
    pub fn new(total_bytes: Option<u64>, enabled: bool) -> Progress {
        Progress::with_terminal(total_bytes, enabled && std::io::stderr().is_terminal())
    }

    /// As [`Progress::new`], with the terminal test made by the caller (for tests).
    pub fn with_terminal(total_bytes: Option<u64>, draw: bool) -> Progress {
        Progress {
            total_bytes,
            draw,
            start: Instant::now(),
            articles: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            screen: Mutex::new(Screen {
                last_draw: None,
                shown: false,
            }),
        }
    }

    /// Whether a bar is drawn.
    pub fn is_drawing(&self) -> bool {
        self.draw
    }

    /// Counts `articles` more articles and `bytes` more input bytes, and redraws the
    /// bar when it was last drawn long enough ago.
    pub fn inc(&self, articles: u64, bytes: u64) {
        self.articles.fetch_add(articles, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        if !self.draw {
            return;
        }
        let now = Instant::now();
        // Never wait for the lock: a busy bar just skips a frame.
        let Ok(mut screen) = self.screen.try_lock() else {
            return;
        };
        if screen
            .last_draw
            .is_some_and(|t| now.duration_since(t) < REDRAW_EVERY)
        {
            return;
        }
        screen.last_draw = Some(now);
        screen.shown = true;
        let line = self.bar_line(now.duration_since(self.start));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Prints a message on its own line on stderr, keeping the bar below it.
    pub fn println(&self, message: &str) {
        let mut screen = self.screen.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        if screen.shown {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "{message}");
        if screen.shown {
            let line = self.bar_line(self.start.elapsed());
            let _ = write!(err, "{line}");
            screen.last_draw = Some(Instant::now());
        }
        let _ = err.flush();
    }

    /// Clears the bar and prints the summary line.
    pub fn finish(&self, summary: &Summary) {
        let elapsed = self.start.elapsed();
        let mut screen = self.screen.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        if screen.shown {
            let _ = write!(err, "\r\x1b[2K");
            screen.shown = false;
        }
        let _ = writeln!(err, "{}", summary.line(elapsed));
        let _ = err.flush();
    }

    /// The bar as it reads after `elapsed`.
    pub fn bar_line(&self, elapsed: Duration) -> String {
        render(
            self.articles.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
            self.total_bytes,
            elapsed,
        )
    }
}

/// One frame of the bar: `[=====>     ]  40% 812 articles, 1.9/4.8 MB, 2.3 MB/s, 0:01 left`
/// when the total is known, `812 articles, 1.9 MB, 2.3 MB/s` when not.
pub fn render(articles: u64, bytes: u64, total: Option<u64>, elapsed: Duration) -> String {
    let mb = |b: u64| b as f64 / 1e6;
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { mb(bytes) / secs } else { 0.0 };
    match total {
        Some(total) if total > 0 => {
            let fraction = (bytes as f64 / total as f64).clamp(0.0, 1.0);
            let filled = (fraction * BAR_WIDTH as f64).round() as usize;
            let mut bar = "=".repeat(filled);
            if filled < BAR_WIDTH {
                bar.push('>');
                bar.push_str(&" ".repeat(BAR_WIDTH - filled - 1));
            }
            let left = if bytes > 0 && secs > 0.0 {
                let remaining = secs * (total.saturating_sub(bytes)) as f64 / bytes as f64;
                format!(", {} left", clock(remaining))
            } else {
                String::new()
            };
            format!(
                "[{bar}] {:>3.0}% {articles} articles, {:.1}/{:.1} MB, {rate:.1} MB/s{left}",
                fraction * 100.0,
                mb(bytes),
                mb(total)
            )
        }
        _ => format!("{articles} articles, {:.1} MB, {rate:.1} MB/s", mb(bytes)),
    }
}

/// `m:ss`, or `h:mm:ss` from an hour on.
fn clock(seconds: f64) -> String {
    let s = seconds.round().clamp(0.0, 1e9) as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
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

    #[test]
    fn bar_with_a_known_total_shows_share_rate_and_time_left() {
        let line = render(10, 2_000_000, Some(4_000_000), Duration::from_secs(2));
        assert_eq!(
            line,
            "[============>           ]  50% 10 articles, 2.0/4.0 MB, 1.0 MB/s, 0:02 left"
        );
        let done = render(20, 4_000_000, Some(4_000_000), Duration::from_secs(4));
        assert!(
            done.starts_with("[========================] 100%"),
            "{done}"
        );
    }

    #[test]
    fn bar_without_a_total_shows_counts_and_rate() {
        assert_eq!(
            render(5, 3_000_000, None, Duration::from_secs(2)),
            "5 articles, 3.0 MB, 1.5 MB/s"
        );
        assert_eq!(
            render(0, 0, Some(10), Duration::ZERO),
            "[>                       ]   0% 0 articles, 0.0/0.0 MB, 0.0 MB/s"
        );
    }

    #[test]
    fn long_runs_show_hours() {
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(clock(59.6), "1:00");
    }

    #[test]
    fn a_disabled_reporter_counts_but_never_draws() {
        let p = Progress::with_terminal(Some(100), false);
        p.inc(2, 50);
        assert!(!p.is_drawing());
        assert!(!p.screen.lock().unwrap().shown);
        assert!(p.bar_line(Duration::from_secs(1)).contains("2 articles"));
    }
}
