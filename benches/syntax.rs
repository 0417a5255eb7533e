//! Syntax throughput on one thread: `cargo bench --bench syntax`.
//!
//! Tags, lemmatizes and parses the words of the UD English EWT dev file when it is found
//! (`$NEWSGRAPH_SHARED/corpora/ud-english-ewt/en_ewt-ud-dev.conllu`, or a `shared/`
//! directory beside or above the checkout), else the project's own fixture
//! (`tests/fixtures/syntax-mini.conllu`), for at least two seconds after a warm-up, and
//! prints tokens per second, by the wall clock and by the process's CPU time (which a busy
//! machine inflates less), with the load average. A plain timed loop: no criterion needed.
//!
//! `NEWSGRAPH_SYNTAX_MODEL=PATH` benches a model file instead of the built-in one;
//! `NEWSGRAPH_BENCH_PASSES=N` runs exactly N passes (for `valgrind --tool=callgrind`,
//! whose instruction counts do not depend on the load).

use newsgraph::conllu;
use newsgraph::syntax::{Analysis, Scratch, Syntax};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut roots: Vec<PathBuf> = std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    roots.push(manifest.join("../shared"));
    roots.push(manifest.join("../../shared"));
    roots
        .into_iter()
        .map(|r| r.join("corpora/ud-english-ewt/en_ewt-ud-dev.conllu"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| manifest.join("tests/fixtures/syntax-mini.conllu"))
}

/// User + system CPU seconds of this process so far (Linux; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux the project builds for.
    Some(ticks / 100.0)
}

fn main() {
    let path = corpus();
    let sentences = conllu::read(&path).expect("corpus reads");
    let forms: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let started = Instant::now();
    let loaded;
    let model = match std::env::var_os("NEWSGRAPH_SYNTAX_MODEL") {
        Some(p) => {
            loaded = Syntax::load(std::path::Path::new(&p)).expect("model loads");
            &loaded
        }
        None => Syntax::builtin(),
    };
    println!(
        "model load: {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let fixed: Option<u32> = std::env::var("NEWSGRAPH_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let mut pass = || {
        for s in &forms {
            model.analyze(s.iter().map(String::as_str), &mut scratch, &mut out);
            black_box(&out);
        }
    };
    if let Some(n) = fixed {
        for _ in 0..n {
            pass();
        }
        println!("{n} passes over {tokens} tokens");
        return;
    }
    pass(); // warm-up
    let started = Instant::now();
    let cpu_start = cpu_seconds();
    let mut passes = 0u32;
    while started.elapsed() < Duration::from_secs(3) {
        pass();
        passes += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let words = tokens as f64 * passes as f64;
    println!(
        "syntax (tag + lemma + parse + label), one thread, {}: {} tokens x {passes} passes in {secs:.2} s = {:.0} tokens/s",
        path.display(),
        tokens,
        words / secs
    );
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!(
            "by CPU time: {:.2} s = {:.0} tokens/s",
            b - a,
            words / (b - a).max(1e-9)
        );
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "load average: {} (cores: {})",
            load.split(' ').take(3).collect::<Vec<_>>().join(" "),
            std::thread::available_parallelism().map_or(0, |n| n.get())
        );
    }
}
