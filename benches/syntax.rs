//! Syntax throughput on one thread: `cargo bench --bench syntax`.
//!
//! Tags, lemmatizes and parses the words of the UD English EWT dev file when it is found
//! (`$NEWSGRAPH_SHARED/corpora/ud-english-ewt/en_ewt-ud-dev.conllu`, or a `shared/`
//! directory beside or above the checkout), else the project's own fixture
//! (`tests/fixtures/syntax-mini.conllu`), for at least two seconds after a warm-up, and
//! prints tokens per second. A plain timed loop: no criterion needed.

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

fn main() {
    let path = corpus();
    let sentences = conllu::read(&path).expect("corpus reads");
    let forms: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let started = Instant::now();
    let model = Syntax::builtin();
    println!(
        "model load: {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let mut pass = || {
        for s in &forms {
            model.analyze(s.iter().map(String::as_str), &mut scratch, &mut out);
            black_box(&out);
        }
    };
    pass(); // warm-up
    let started = Instant::now();
    let mut passes = 0u32;
    while started.elapsed() < Duration::from_secs(2) {
        pass();
        passes += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "syntax (tag + lemma + parse + label), one thread, {}: {} tokens x {passes} passes in {secs:.2} s = {:.0} tokens/s",
        path.display(),
        tokens,
        tokens as f64 * passes as f64 / secs
    );
}
