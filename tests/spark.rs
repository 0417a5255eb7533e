//! The Spark job (`scripts/spark/newsgraph_spark.py`) run for real with `--master
//! local[2]`: its graph.json equals `newsgraph build`'s over the same inputs byte for
//! byte. The inputs are data/articles plus a folder made here that holds what could make
//! the two differ: a text file in a subfolder, a record without an id (`FILE#LINE`), a
//! bad line, a record whose id is already in data/articles (kept once, reported), a
//! partition that opens with a line that is no record, and a file that is no article.
//! Partial graphs are merged two at a time, so the tree has levels. Needs Java 17 and
//! pyspark (`.ci/run` installs both); without them the test skips loudly, and fails in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn spark_available() -> bool {
    common::on_path("java") && common::python_has("pyspark")
}

/// A folder of awkward inputs built from data/articles (the project's own stories).
fn messy_inputs(dir: &Path) {
    let articles = root().join("data/articles");
    let wire = std::fs::read_to_string(articles.join("wire-stories.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = wire
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut lines = Vec::new();
    let mut no_id = records[0].clone();
    no_id.as_object_mut().unwrap().remove("id");
    no_id["title"] = "A story without an id".into();
    lines.push(no_id.to_string());
    lines.push("this line is no record".to_string());
    lines.push(String::new());
    // The same id as data/articles' second story, with another story's text.
    let mut repeated = records[1].clone();
    repeated["text"] = records[2]["text"].clone();
    lines.push(repeated.to_string());
    let mut renamed = records[3].clone();
    renamed["id"] = "messy-004".into();
    lines.push(renamed.to_string());
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("feed.jsonl"), lines.join("\n") + "\n").unwrap();
    let geneva = std::fs::read_to_string(articles.join("geneva-talks.txt")).unwrap();
    let half: String = geneva.chars().take(geneva.chars().count() / 2).collect();
    std::fs::write(dir.join("sub/first-half.txt"), half).unwrap();
    std::fs::write(dir.join("notes.md"), "not an article").unwrap();
}

#[test]
fn the_spark_job_writes_the_graph_build_writes() {
    if !common::consumer("Java and pyspark (the Spark job)", spark_available()) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let messy = tmp.path().join("messy");
    messy_inputs(&messy);
    let bin = env!("CARGO_BIN_EXE_newsgraph");
    let articles = root().join("data/articles");
    let build = Command::new(bin)
        .args(["build", "-q", "--no-progress", "--formats", "json", "--out"])
        .arg(tmp.path().join("build"))
        .arg(&articles)
        .arg(&messy)
        .output()
        .unwrap();
    assert_eq!(
        build.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let spark = Command::new("python3")
        .arg(root().join("scripts/spark/newsgraph_spark.py"))
        .args(["--master", "local[2]", "--partitions", "3", "--fan-in", "2"])
        .args(["--formats", "json", "--newsgraph", bin, "--input"])
        .arg(&articles)
        .arg("--input")
        .arg(&messy)
        .arg("--out")
        .arg(tmp.path().join("spark"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&spark.stderr);
    assert_eq!(spark.status.code(), Some(1), "{stderr}");
    for expected in [
        "feed.jsonl:2: invalid JSON",
        "feed.jsonl:4: duplicate article id 'wire-002'",
        "notes.md: not an article file",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(
        stderr.contains("tree levels") && !stderr.contains(" 0 tree levels"),
        "the partial graphs were merged in a tree:\n{stderr}"
    );

    let want = std::fs::read(tmp.path().join("build/graph.json")).unwrap();
    let got = std::fs::read(tmp.path().join("spark/graph.json")).unwrap();
    if want != got {
        let diff = Command::new(bin)
            .arg("diff")
            .arg(tmp.path().join("build/graph.json"))
            .arg(tmp.path().join("spark/graph.json"))
            .output()
            .unwrap();
        panic!(
            "the Spark job's graph.json differs from build's:\n{}",
            String::from_utf8_lossy(&diff.stdout)
        );
    }
    let g: serde_json::Value = serde_json::from_slice(&got).unwrap();
    let ids: Vec<&str> = g["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    for id in [
        "feed.jsonl#1",
        "sub/first-half.txt",
        "messy-004",
        "geneva-talks.txt",
    ] {
        assert!(ids.contains(&id), "{id} not among {ids:?}");
    }
}
