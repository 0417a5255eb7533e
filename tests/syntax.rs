//! The syntax layer end to end: training on a fixture written for the project, determinism,
//! the parser's tree guarantee on arbitrary input, `parse` output read back as CoNLL-U with
//! offsets that point at the tokens, and `eval --conllu`'s JSON contract and exit codes.

mod common;

use newsgraph::conllu::{self, ConlluSentence};
use newsgraph::learn::clusters::{ClusterOptions, Clusters};
use newsgraph::syntax::parser::ParserOptions;
use newsgraph::syntax::tagger::TaggerOptions;
use newsgraph::syntax::train::{self, TrainOptions};
use newsgraph::syntax::{Analysis, Scratch, Syntax};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/syntax-mini.conllu"
);

fn fixture() -> Vec<ConlluSentence> {
    conllu::read(Path::new(FIXTURE)).expect("fixture reads")
}

fn small_options() -> TrainOptions {
    TrainOptions {
        clusters: Default::default(),
        tagger: TaggerOptions {
            bits: 16,
            epochs: 8,
            ..TaggerOptions::default()
        },
        parser: ParserOptions {
            bits: 16,
            label_bits: 15,
            epochs: 8,
            ..ParserOptions::default()
        },
        folds: 3,
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

#[test]
fn a_model_trained_on_the_fixture_parses_its_held_out_sentences() {
    let all = fixture();
    assert_eq!(all.len(), 56);
    let (train_part, held) = all.split_at(42);
    let model = train::train(train_part, small_options(), &mut |_| {});
    let s = train::evaluate(&model, held);
    assert_eq!(s.sentences, 14);
    // The held-out sentences reuse the templates with other name pairs.
    assert!(s.upos >= 0.95, "UPOS {}", s.upos);
    assert!(s.lemma >= 0.95, "lemma {}", s.lemma);
    assert!(s.uas >= 0.90, "UAS {}", s.uas);
    assert!(s.las >= 0.85, "LAS {}", s.las);
    assert!(s.las_full <= s.las);
}

/// Word clusters learned from the fixture's own words.
fn fixture_clusters() -> Clusters {
    let text: Vec<Vec<String>> = fixture()
        .into_iter()
        .map(|s| s.words.into_iter().map(|w| w.form).collect())
        .collect();
    let opts = ClusterOptions {
        levels: [12, 8, 4, 2],
        min_count: 2,
        iterations: 5,
    };
    Clusters::train(&text, opts, &mut |_| {})
}

#[test]
fn training_is_deterministic_whatever_the_thread_count() {
    let data = fixture();
    let opts = || TrainOptions {
        clusters: fixture_clusters(),
        ..small_options()
    };
    let a = train::train(&data, opts(), &mut |_| {}).to_bytes();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let b = pool.install(|| train::train(&data, opts(), &mut |_| {}).to_bytes());
    assert_eq!(a, b);
    let back = Syntax::from_bytes(&a).expect("reads back");
    assert_eq!(back.to_bytes(), a);
    assert!(!back.clusters.is_empty());
    // The clusters themselves are deterministic too.
    assert_eq!(
        pool.install(fixture_clusters).to_bytes(),
        fixture_clusters().to_bytes()
    );
}

/// Counts the allocations made on the current thread (other tests run on other threads).
struct CountingAlloc;

thread_local! {
    static ALLOCATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

#[test]
fn analyzing_a_sentence_allocates_nothing_once_the_buffers_have_grown() {
    let model = Syntax::builtin();
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let sentences: Vec<Vec<&str>> = [
        "Russia and Ukraine met in Istanbul on Tuesday , officials said .",
        "The talks , which the U.S. had proposed , did n't end the war .",
        "Putin 's spokesman said Moscow would consider the proposal .",
    ]
    .iter()
    .map(|s| s.split(' ').collect())
    .collect();
    // Warm up: the buffers grow to the longest sentence (the counter sees that).
    let start = ALLOCATIONS.with(|c| c.get());
    for s in &sentences {
        model.analyze(s.iter().copied(), &mut scratch, &mut out);
    }
    let before = ALLOCATIONS.with(|c| c.get());
    assert!(before > start, "the warm-up allocates its buffers");
    for _ in 0..3 {
        for s in &sentences {
            model.analyze(s.iter().copied(), &mut scratch, &mut out);
            assert_eq!(out.len(), s.len());
        }
    }
    let after = ALLOCATIONS.with(|c| c.get());
    assert_eq!(after - before, 0, "allocations while analyzing");
}

#[test]
fn a_damaged_model_file_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Syntax::builtin().to_bytes();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let p = dir.path().join("bad.bin");
    std::fs::write(&p, &bytes).unwrap();
    let out = bin()
        .args(["eval", "--conllu", FIXTURE, "--model"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.bin") && err.contains("checksum"), "{err}");
}

/// One root, every word headed inside the sentence, no cycles.
fn assert_tree(a: &Analysis) {
    let n = a.len() as u32;
    assert_eq!(a.heads.len(), a.len());
    assert_eq!(
        a.heads.iter().filter(|&&h| h == 0).count(),
        1,
        "{:?}",
        a.heads
    );
    for (i, &h) in a.heads.iter().enumerate() {
        assert!(h <= n && h != i as u32 + 1, "{:?}", a.heads);
        let mut k = i as u32 + 1;
        for _ in 0..=n {
            if k == 0 {
                break;
            }
            k = a.heads[k as usize - 1];
        }
        assert_eq!(k, 0, "cycle through word {} in {:?}", i + 1, a.heads);
    }
    assert_eq!(a.deprels.iter().filter(|d| d.as_str() == "root").count(), 1);
}

proptest! {
    #![proptest_config(common::prop_config(200, file!()))]
    #[test]
    fn the_parser_always_produces_a_tree(words in proptest::collection::vec("\\PC{1,12}", 1..60)) {
        let model = Syntax::builtin();
        let mut scratch = Scratch::default();
        let mut out = Analysis::default();
        model.analyze(words.iter().map(String::as_str), &mut scratch, &mut out);
        assert_tree(&out);
        prop_assert_eq!(out.lemma_ends.len(), words.len());
    }
}

#[test]
fn parse_writes_conllu_whose_offsets_point_at_the_tokens() {
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/articles/geneva-talks.txt"
    );
    let out = bin().args(["parse", article]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences = conllu::parse(&text, Path::new("parse-output")).expect("valid CoNLL-U");
    assert!(sentences.len() > 10);
    let original: Vec<char> = std::fs::read_to_string(article).unwrap().chars().collect();
    for s in &sentences {
        let mut roots = 0;
        for w in &s.words {
            roots += (w.head == Some(0)) as usize;
            let range = w
                .misc
                .split('|')
                .find_map(|f| f.strip_prefix("TokenRange="))
                .expect("TokenRange in MISC");
            let (a, b) = range.split_once(':').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            let form: String = original[a..b].iter().collect();
            assert_eq!(form, w.form);
            assert!(w.upos.is_some() && w.deprel.is_some() && !w.lemma.is_empty());
        }
        assert_eq!(roots, 1);
    }
    let said = sentences
        .iter()
        .flat_map(|s| &s.words)
        .find(|w| w.form == "said")
        .expect("the story says said");
    assert_eq!(said.lemma, "say");
}

#[test]
fn parse_with_the_pipeline_names_each_tokens_entity() {
    use std::io::Write;
    let text = "Tony Blair met Jacques Chirac in Paris. He left.";
    let mut child = bin()
        .args(["parse", "--pipeline", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let conllu_text = String::from_utf8(out.stdout).unwrap();
    let sentences = conllu::parse(&conllu_text, Path::new("parse-output")).expect("valid CoNLL-U");
    // Every sentence is parsed, the one without two mentions too.
    assert_eq!(sentences.len(), 2);
    for s in &sentences {
        assert_eq!(s.words.iter().filter(|w| w.head == Some(0)).count(), 1);
    }
    let entity = |form: &str| {
        sentences[0]
            .words
            .iter()
            .find(|w| w.form == form)
            .and_then(|w| w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")))
            .map(str::to_string)
    };
    assert_eq!(entity("Blair").as_deref(), Some("person:tony-blair"));
    assert_eq!(entity("Chirac").as_deref(), Some("person:jacques-chirac"));
    assert_eq!(entity("met"), None);
    // The verb is the root.
    let met = sentences[0]
        .words
        .iter()
        .position(|w| w.form == "met")
        .unwrap();
    assert_eq!(sentences[0].words[met].head, Some(0));
    // Without --pipeline, no entities.
    let plain = bin()
        .args([
            "parse",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/articles/geneva-talks.txt"
            ),
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("Entity="));
}

#[test]
fn parse_json_gives_one_object_per_article() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let out = bin()
        .args(["parse", "--format", "json", dir])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 11);
    let t = &lines[0]["sentences"][0]["tokens"][0];
    for key in [
        "id", "form", "lemma", "upos", "head", "deprel", "start", "end",
    ] {
        assert!(t.get(key).is_some(), "{key} in {t}");
    }
}

#[test]
fn parse_of_a_missing_file_says_so_and_exits_1_after_the_rest() {
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/articles/geneva-talks.txt"
    );
    let out = bin()
        .args(["parse", "no-such-file.txt", article])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# newdoc id"));
}

#[test]
fn eval_conllu_json_has_the_contract_fields_and_min_las_decides_the_exit_code() {
    let out = bin()
        .args(["eval", "--conllu", FIXTURE, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "sentences",
        "words",
        "upos",
        "lemma",
        "uas",
        "las",
        "las_full",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["sentences"], 56);
    for key in ["upos", "lemma", "uas", "las", "las_full"] {
        let x = v[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x));
    }
    let high = bin()
        .args(["eval", "--conllu", FIXTURE, "--min-las", "1.0"])
        .output()
        .unwrap();
    let las = v["las"].as_f64().unwrap();
    assert_eq!(high.status.code(), Some(if las < 1.0 { 1 } else { 0 }));
    let low = bin()
        .args(["eval", "--conllu", FIXTURE, "--min-las", "0.0"])
        .output()
        .unwrap();
    assert_eq!(low.status.code(), Some(0));
    let bad = bin()
        .args(["eval", "--conllu", "nope.conllu"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nope.conllu"));
}

#[test]
fn event_relations_come_from_the_parse_and_no_parse_leaves_only_structural_ones() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let events = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let (mut events, mut structural) = (0, 0);
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            for r in v["relations"].as_array().unwrap() {
                match r["type"].as_str().unwrap() {
                    "holds-position" | "position-of" | "member-of" | "located-in" | "quoted-by" => {
                        structural += 1
                    }
                    _ => events += 1,
                }
            }
        }
        (events, structural)
    };
    let (with, s1) = events(&["extract", "-q", dir]);
    let (without, s2) = events(&["extract", "-q", "--no-parse", dir]);
    assert!(with >= 50, "only {with} event relations with the parse");
    assert_eq!(without, 0, "event relations without the parse stage");
    assert!(s2 > 0 && s1 >= s2);
}
