//! `newsgraph merge` and `build --update` driven through the real binary on the sample
//! articles: every split and grouping gives `build`'s graph.json byte for byte; repeated
//! articles are kept once and reported at their file and line; filtered graphs and
//! graphs with fewer evidence than asked for are refused with a clear error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsgraph(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run newsgraph")
}

fn ok(o: &Output) -> &Output {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp dir holding `build data/articles` (whole.json) and the extract records split
/// into three uneven parts (p1: 1 article, p2: 4, p3: 6).
struct Work {
    dir: tempfile::TempDir,
}

impl Work {
    fn new() -> Work {
        let dir = tempfile::tempdir().unwrap();
        let articles = root().join("data/articles");
        let a = articles.to_str().unwrap();
        let d = dir.path();
        ok(&newsgraph(
            &["build", a, "-q", "--formats", "json", "--out", "whole"],
            d,
        ));
        ok(&newsgraph(&["extract", a, "-q", "-o", "all.jsonl"], d));
        let all = std::fs::read_to_string(d.join("all.jsonl")).unwrap();
        let lines: Vec<&str> = all.lines().collect();
        assert_eq!(lines.len(), 11);
        for (name, range) in [("p1", 0..1), ("p2", 1..5), ("p3", 5..11)] {
            let text: String = lines[range].iter().map(|l| format!("{l}\n")).collect();
            std::fs::write(d.join(format!("{name}.jsonl")), text).unwrap();
        }
        Work { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        newsgraph(args, self.path())
    }

    fn merge(&self, inputs: &[&str], out: &str) -> Output {
        let mut args = vec!["merge", "-q", "--formats", "json", "--out", out];
        args.extend(inputs);
        ok(&self.run(&args)).clone()
    }

    fn assert_whole(&self, out: &str) {
        let want = std::fs::read(self.path().join("whole/graph.json")).unwrap();
        let got = std::fs::read(self.path().join(out).join("graph.json")).unwrap();
        assert!(
            want == got,
            "{out}/graph.json differs from build's:\n{}",
            String::from_utf8_lossy(
                &self
                    .run(&["diff", "whole/graph.json", &format!("{out}/graph.json")])
                    .stdout
            )
        );
    }
}

#[test]
fn records_and_graphs_merged_in_any_grouping_equal_build() {
    let w = Work::new();
    w.merge(&["p1.jsonl", "p2.jsonl", "p3.jsonl"], "flat");
    w.assert_whole("flat");
    w.merge(&["p3.jsonl", "p1.jsonl", "p2.jsonl"], "reordered");
    w.assert_whole("reordered");
    // A tree: (p2 + p1) as a graph, p3 as a graph, then both graphs.
    w.merge(&["p2.jsonl", "p1.jsonl"], "g12");
    w.merge(&["p3.jsonl"], "g3");
    w.merge(&["g3/graph.json", "g12/graph.json"], "tree");
    w.assert_whole("tree");
    // A graph and records mixed, and records from stdin.
    w.merge(&["p3.jsonl", "g12/graph.json"], "mixed");
    w.assert_whole("mixed");
    let stdin = std::fs::File::open(w.path().join("p1.jsonl")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(w.path())
        .args([
            "merge",
            "-q",
            "--formats",
            "json",
            "--out",
            "piped",
            "-",
            "p2.jsonl",
            "p3.jsonl",
        ])
        .stdin(stdin)
        .output()
        .unwrap();
    ok(&o);
    w.assert_whole("piped");
}

#[test]
fn an_article_in_two_inputs_is_kept_once_and_reported_at_its_line() {
    let w = Work::new();
    // p2's 4 articles are in the graph already: each is reported, exit 1.
    w.merge(&["p1.jsonl", "p2.jsonl"], "g12");
    let o = w.run(&[
        "merge",
        "--formats",
        "json",
        "--out",
        "dup",
        "p2.jsonl",
        "p3.jsonl",
        "g12/graph.json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for line in 1..=4 {
        assert!(err.contains(&format!("p2.jsonl:{line}: article")), "{err}");
    }
    assert!(err.contains("4 skipped"), "{err}");
    w.assert_whole("dup");
    // The same graph twice: the second is skipped whole.
    let o = w.run(&[
        "merge",
        "-q",
        "--formats",
        "json",
        "--out",
        "twice",
        "whole/graph.json",
        "whole/graph.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already merged"), "{}", stderr(&o));
    w.assert_whole("twice");
    // Two graphs that share only part of their articles cannot be merged exactly.
    w.merge(&["p2.jsonl", "p3.jsonl"], "g23");
    let o = w.run(&[
        "merge",
        "-q",
        "--out",
        "bad",
        "g12/graph.json",
        "g23/graph.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("g23/graph.json: this graph shares 4 of its 10 articles"),
        "{}",
        stderr(&o)
    );
    assert!(!w.path().join("bad").exists(), "no output on error");
}

#[test]
fn filtered_graphs_and_smaller_caps_are_refused() {
    let w = Work::new();
    let a = root().join("data/articles");
    ok(&w.run(&[
        "build",
        a.to_str().unwrap(),
        "-q",
        "--min-weight",
        "2",
        "--types",
        "person",
        "--out",
        "cut",
    ]));
    let cut = std::fs::read_to_string(w.path().join("cut/graph.json")).unwrap();
    assert!(cut.contains("\"min_weight\": 2"), "the filter is recorded");
    let o = w.run(&["merge", "-q", "--out", "m", "cut/graph.json", "p1.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("cut/graph.json")
            && err.contains("--min-weight 2 --types person")
            && err.contains("cannot be merged"),
        "{err}"
    );
    // export with a filter records it too.
    ok(&w.run(&[
        "export",
        "whole/graph.json",
        "--format",
        "json",
        "--relations",
        "meets",
        "--out",
        "meets.json",
    ]));
    let o = w.run(&["merge", "-q", "--out", "m", "meets.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--relations meets"), "{}", stderr(&o));

    // A graph that kept 1 evidence per edge cannot give 5; without a cap asked for the
    // merge keeps 1, exactly as a build with --max-evidence 1.
    w.merge(&["p1.jsonl", "p2.jsonl", "--max-evidence", "1"], "one");
    let o = w.run(&[
        "merge",
        "-q",
        "--out",
        "m",
        "--max-evidence",
        "5",
        "one/graph.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--max-evidence 1 or less"),
        "{}",
        stderr(&o)
    );
    w.merge(&["one/graph.json", "p3.jsonl"], "one-all");
    ok(&w.run(&[
        "build",
        a.to_str().unwrap(),
        "-q",
        "--formats",
        "json",
        "--max-evidence",
        "1",
        "--out",
        "one-build",
    ]));
    let want = std::fs::read(w.path().join("one-build/graph.json")).unwrap();
    let got = std::fs::read(w.path().join("one-all/graph.json")).unwrap();
    assert!(want == got);
    let g: serde_json::Value = serde_json::from_slice(&got).unwrap();
    assert_eq!(g["max_evidence"], 1);
    let heavy = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["weight"].as_u64().unwrap() > 1)
        .unwrap();
    assert_eq!(
        heavy["evidence"].as_array().unwrap().len(),
        1,
        "capped, weight kept"
    );
}

#[test]
fn build_update_adds_new_articles_to_a_saved_graph() {
    let w = Work::new();
    let a = root().join("data/articles");
    let geneva = a.join("geneva-talks.txt");
    let wire = a.join("wire-stories.jsonl");
    ok(&w.run(&[
        "build",
        geneva.to_str().unwrap(),
        "-q",
        "--formats",
        "json",
        "--out",
        "graph",
    ]));
    ok(&w.run(&[
        "build",
        wire.to_str().unwrap(),
        "-q",
        "--formats",
        "json",
        "--update",
        "graph/graph.json",
        "--out",
        "graph",
    ]));
    w.assert_whole("graph");
    // Updating again with articles already in: each is reported and skipped, exit 1.
    let o = w.run(&[
        "build",
        wire.to_str().unwrap(),
        "--update",
        "graph/graph.json",
        "--formats",
        "json",
        "--out",
        "graph",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("wire-stories.jsonl:1: article 'wire-001' is already in graph/graph.json"),
        "{}",
        stderr(&o)
    );
    w.assert_whole("graph");
}
