//! Tagger throughput on one thread: `cargo bench --bench tagger`.
//!
//! Tags the CoNLL-2003 dev file when it is found (`$NEWSGRAPH_SHARED/corpora/...`, or a
//! `shared/` directory beside or above the checkout), else a generated text, for at least
//! two seconds after a warm-up, and prints tokens per second. Also times the parse of the
//! built-in model. No criterion: a plain timed loop is all this needs.

use newsgraph::conll;
use newsgraph::recognize::tagger::Tagger;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn dev_file() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut roots: Vec<PathBuf> = std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    roots.push(manifest.join("../shared"));
    roots.push(manifest.join("../../shared"));
    roots
        .into_iter()
        .map(|r| r.join("corpora/conll2003/valid.txt"))
        .find(|p| p.is_file())
}

/// A deterministic stand-in text when the CoNLL file is absent.
fn generated() -> Vec<Vec<String>> {
    let names = [
        "Olga",
        "Stefanishyna",
        "Jens",
        "Stoltenberg",
        "Wendy",
        "Sherman",
    ];
    let places = ["Brussels", "Geneva", "Vienna", "Moscow", "Kyiv"];
    let orgs = ["NATO", "OSCE", "Reuters", "European", "Commission"];
    let filler = [
        "said",
        "the",
        "talks",
        "on",
        "with",
        "officials",
        "in",
        "met",
        "after",
        "a",
    ];
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    (0..5000)
        .map(|_| {
            let len = 8 + next(20);
            let mut s: Vec<String> = (0..len)
                .map(|_| match next(6) {
                    0 => names[next(names.len())].to_string(),
                    1 => places[next(places.len())].to_string(),
                    2 => orgs[next(orgs.len())].to_string(),
                    _ => filler[next(filler.len())].to_string(),
                })
                .collect();
            s.push(".".into());
            s
        })
        .collect()
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), so that a loaded machine
/// does not count other processes' turns as tagging time.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let t = Instant::now();
    let bytes_model = Tagger::builtin().expect("the built-in model parses");
    let load = t.elapsed();
    println!(
        "built-in model parsed in {:.1} ms",
        load.as_secs_f64() * 1e3
    );

    let (source, sentences) = match dev_file() {
        Some(p) => {
            let s = conll::read(&p).expect("read CoNLL dev file");
            let words = s.into_iter().map(|s| s.words).collect::<Vec<_>>();
            (p.display().to_string(), words)
        }
        None => ("generated text".to_string(), generated()),
    };
    let refs: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let flags: Vec<Vec<u8>> = refs.iter().map(|s| conll::lexicon_flags(s)).collect();
    let tokens_per_pass: usize = refs.iter().map(Vec::len).sum();

    for (s, f) in refs.iter().zip(&flags) {
        black_box(bytes_model.tag(s, f));
    }
    let start = Instant::now();
    let cpu_start = thread_cpu_ns();
    let mut passes = 0usize;
    let mut spans = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for (s, f) in refs.iter().zip(&flags) {
            spans += black_box(bytes_model.tag(black_box(s), f)).len();
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu_secs = cpu_start
        .zip(thread_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e9);
    let tokens = tokens_per_pass * passes;
    println!(
        "tagged {source}: {tokens} tokens ({} spans per pass) on one thread",
        spans / passes.max(1)
    );
    println!("  wall: {secs:.2} s = {:.0} tokens/s", tokens as f64 / secs);
    if let Some(cpu) = cpu_secs.filter(|&c| c > 0.0) {
        println!("  cpu:  {cpu:.2} s = {:.0} tokens/s", tokens as f64 / cpu);
    }
}
