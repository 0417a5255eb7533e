//! Hostile input through the real binary: a corpus of good and bad files generated in a
//! temporary directory, run through `build` and `extract`. The contract checked:
//! problems go to stderr as `newsgraph: warning: FILE[:LINE]: message` or
//! `newsgraph: error: ...`, the rest is processed, the exit code is 0 when clean, 1
//! when anything was skipped, 2 with `--strict` at the first problem, and a failed run
//! leaves earlier output files untouched.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsgraph(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsgraph");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn write(root: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

/// Articles written for these tests in wire-service style.
const GENEVA: &str =
    "Talks open in Geneva\n\nGENEVA (AP) — U.S. Deputy Secretary of State Wendy Sherman \
met Russian Deputy Foreign Minister Sergei Ryabkov in Geneva on Monday, officials said.\n";
const BRUSSELS: &str =
    "NATO Secretary-General Jens Stoltenberg met Ukrainian Deputy Prime Minister \
Olga Stefanishyna in Brussels on Tuesday.";

/// A corpus of good and bad files. Returns the directory, the ids of the articles that
/// must come out, and the problems (file name, words) that must be reported.
fn hostile_corpus(root: &Path) -> (PathBuf, BTreeSet<String>, Vec<(String, &'static str)>) {
    let dir = root.join("corpus");
    write(&dir, "a-geneva.txt", GENEVA);
    write(
        &dir,
        "b-feed.jsonl",
        format!(
            "{}\n{{\"id\":\"broken\",\"text\":\"no end\n{}\n{{\"id\":\"notext\"}}\n",
            serde_json::json!({"id": "feed-1", "text": BRUSSELS, "date": "2022-01-11"}),
            serde_json::json!({"id": "feed-2", "text": GENEVA}),
        ),
    );
    write(&dir, "c-binary.txt", b"GENEVA\0\0\0\x01\x02 binary junk");
    write(&dir, "d-empty.txt", "");
    write(
        &dir,
        "e-latin1.txt",
        b"Talks in Gen\xe8ve\nSherman met Ryabkov in Gen\xe8ve.",
    );
    write(
        &dir,
        "f-table.csv",
        format!("id,text,title\ncsv-1,\"{BRUSSELS}\",Brussels\ncsv-2,only two\n"),
    );
    write(&dir, "g-notext.csv", "id,body\nx,y\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(GENEVA.encode_utf16().flat_map(u16::to_le_bytes));
    write(&dir, "h-utf16.txt", utf16);
    write(
        &dir,
        "i-dup.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "feed-1", "text": "Again."})
        ),
    );
    write(&dir, "notes.md", "not an article: passed over with a note");
    let good: BTreeSet<String> = [
        "a-geneva.txt",
        "feed-1",
        "feed-2",
        "e-latin1.txt",
        "csv-1",
        "h-utf16.txt",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let p = |name: &str| dir.join(name).display().to_string();
    let problems = vec![
        (
            format!("newsgraph: error: {}:2: ", p("b-feed.jsonl")),
            "invalid JSON",
        ),
        (
            format!("newsgraph: error: {}:4: ", p("b-feed.jsonl")),
            "no `text` field",
        ),
        (
            format!("newsgraph: error: {}: ", p("c-binary.txt")),
            "binary",
        ),
        (
            format!("newsgraph: warning: {}: ", p("d-empty.txt")),
            "empty file",
        ),
        (
            format!("newsgraph: warning: {}: ", p("e-latin1.txt")),
            "invalid UTF-8",
        ),
        (
            format!("newsgraph: error: {}:3: ", p("f-table.csv")),
            "ragged row",
        ),
        (
            format!("newsgraph: error: {}:1: ", p("g-notext.csv")),
            "no `text` column",
        ),
        (
            format!("newsgraph: warning: {}:1: ", p("i-dup.jsonl")),
            "duplicate article id \"feed-1\"",
        ),
    ];
    (dir, good, problems)
}

fn assert_problems_reported(stderr: &str, problems: &[(String, &str)]) {
    for (prefix, words) in problems {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(prefix.as_str()) && l.contains(words)),
            "expected a line starting {prefix:?} containing {words:?} in stderr:\n{stderr}"
        );
    }
}

/// Every stderr line is a problem, a note or the summary, and nothing of a progress bar (carriage
/// returns, escape sequences) reaches a pipe.
fn assert_stderr_is_clean_text(stderr: &str) {
    assert!(
        !stderr.contains('\r') && !stderr.contains('\x1b'),
        "progress bar in a pipe:\n{stderr:?}"
    );
    for line in stderr.lines() {
        assert!(
            line.starts_with("newsgraph: warning: ")
                || line.starts_with("newsgraph: error: ")
                || line.starts_with("newsgraph: note: ")
                || is_summary(line),
            "unexpected stderr line: {line:?}"
        );
    }
}

/// `newsgraph: N articles read, K skipped, E entities, R relations in S.SS s` (singular
/// nouns for a count of 1)
fn is_summary(line: &str) -> bool {
    summary_articles(line).is_some()
}

fn summary_articles(line: &str) -> Option<u64> {
    let rest = line.strip_prefix("newsgraph: ")?;
    let (n, rest) = rest
        .split_once(" articles read, ")
        .or_else(|| rest.split_once(" article read, "))?;
    let (_, rest) = rest.split_once(" skipped, ")?;
    let (_, rest) = rest
        .split_once(" entities, ")
        .or_else(|| rest.split_once(" entity, "))?;
    let (_, rest) = rest
        .split_once(" relations in ")
        .or_else(|| rest.split_once(" relation in "))?;
    rest.strip_suffix(" s")?.parse::<f64>().ok()?;
    n.parse().ok()
}

fn extracted_ids(stdout: &[u8]) -> BTreeSet<String> {
    String::from_utf8(stdout.to_vec())
        .expect("extract writes UTF-8")
        .lines()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}"));
            v["id"].as_str().expect("an id").to_string()
        })
        .collect()
}

fn graph_article_ids(graph_json: &Path) -> BTreeSet<String> {
    let v: Value = serde_json::from_slice(&fs::read(graph_json).unwrap()).unwrap();
    v["articles"]
        .as_array()
        .expect("graph.json lists its articles")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn extract_reports_each_bad_file_processes_the_rest_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, good, problems) = hostile_corpus(tmp.path());
    let out = newsgraph(&["extract", dir.to_str().unwrap()], None);
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "stderr:\n{stderr}");
    assert_eq!(extracted_ids(&out.stdout), good);
    assert_problems_reported(&stderr, &problems);
    assert_stderr_is_clean_text(&stderr);
    assert!(
        stderr.lines().any(|l| l.starts_with("newsgraph: note: ")
            && l.contains("notes.md")
            && l.contains("passed over")
            && l.contains(".txt, .text, .jsonl, .ndjson, .csv")),
        "a file of an unknown extension is named, with the extensions read:\n{stderr}"
    );
    let summary = stderr
        .lines()
        .find(|l| is_summary(l))
        .expect("a summary line");
    assert_eq!(
        summary_articles(summary),
        Some(good.len() as u64),
        "{summary}"
    );
}

#[test]
fn build_reports_each_bad_file_and_the_good_articles_reach_the_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, good, problems) = hostile_corpus(tmp.path());
    let graphs = tmp.path().join("graphs");
    let out = newsgraph(
        &[
            "build",
            dir.to_str().unwrap(),
            "--out",
            graphs.to_str().unwrap(),
        ],
        None,
    );
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "stderr:\n{stderr}");
    assert_eq!(graph_article_ids(&graphs.join("graph.json")), good);
    assert_problems_reported(&stderr, &problems);
    assert_stderr_is_clean_text(&stderr);
}

#[test]
fn a_clean_corpus_exits_0_with_only_the_summary_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("clean");
    write(&dir, "one.txt", GENEVA);
    write(&dir, "two.txt", BRUSSELS);
    let out = newsgraph(&["extract", dir.to_str().unwrap()], None);
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 0, "stderr:\n{stderr}");
    assert_eq!(
        extracted_ids(&out.stdout),
        BTreeSet::from(["one.txt".to_string(), "two.txt".to_string()])
    );
    assert_stderr_is_clean_text(&stderr);
    assert!(
        stderr.lines().all(is_summary),
        "clean input, yet:\n{stderr}"
    );
}

#[test]
fn strict_makes_the_first_problem_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _, problems) = hostile_corpus(tmp.path());
    let out = newsgraph(&["extract", "--strict", dir.to_str().unwrap()], None);
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 2, "stderr:\n{stderr}");
    // The first problem in reading order is the broken line of b-feed.jsonl.
    let first = &problems[0];
    assert!(
        stderr.contains(first.0.trim_start_matches("newsgraph: error: ")),
        "stderr:\n{stderr}"
    );
    assert!(
        !stderr.contains("c-binary.txt"),
        "reading went on after the first problem:\n{stderr}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_graph_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("clean");
    write(&clean, "one.txt", GENEVA);
    let graphs = tmp.path().join("graphs");
    let first = newsgraph(
        &[
            "build",
            clean.to_str().unwrap(),
            "--out",
            graphs.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&first), 0, "stderr:\n{}", stderr_of(&first));
    let before = fs::read(graphs.join("graph.json")).unwrap();
    let listing = |d: &Path| -> BTreeSet<String> {
        fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let files_before = listing(&graphs);

    let (bad, _, _) = hostile_corpus(tmp.path());
    let failed = newsgraph(
        &[
            "build",
            "--strict",
            bad.to_str().unwrap(),
            "--out",
            graphs.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&failed), 2, "stderr:\n{}", stderr_of(&failed));
    assert_eq!(
        fs::read(graphs.join("graph.json")).unwrap(),
        before,
        "graph.json was changed by a failed build"
    );
    assert_eq!(
        listing(&graphs),
        files_before,
        "a failed build left files behind"
    );
}

#[test]
fn a_failed_extract_leaves_the_previous_output_file_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("clean");
    write(&clean, "one.txt", GENEVA);
    let file = tmp.path().join("out.jsonl");
    let first = newsgraph(
        &[
            "extract",
            clean.to_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&first), 0, "stderr:\n{}", stderr_of(&first));
    let before = fs::read(&file).unwrap();
    assert_eq!(
        extracted_ids(&before),
        BTreeSet::from(["one.txt".to_string()])
    );

    let (bad, _, _) = hostile_corpus(tmp.path());
    let failed = newsgraph(
        &[
            "extract",
            "--strict",
            bad.to_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&failed), 2, "stderr:\n{}", stderr_of(&failed));
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the output file was changed by a failed run"
    );
}

#[test]
fn a_missing_path_is_named_and_the_other_inputs_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let good = write(tmp.path(), "one.txt", GENEVA);
    let missing = tmp.path().join("no-such-corpus");
    let out = newsgraph(
        &["extract", missing.to_str().unwrap(), good.to_str().unwrap()],
        None,
    );
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "stderr:\n{stderr}");
    assert_eq!(
        extracted_ids(&out.stdout),
        BTreeSet::from(["one.txt".to_string()])
    );
    let expected = format!(
        "newsgraph: error: {}: no such file or directory",
        missing.display()
    );
    assert!(
        stderr.lines().any(|l| l == expected),
        "expected {expected:?} in:\n{stderr}"
    );
}

#[test]
fn stdin_is_read_as_json_lines_or_as_one_text_article() {
    let lines = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "s1", "text": GENEVA}),
        serde_json::json!({"id": "s2", "text": BRUSSELS})
    );
    let out = newsgraph(&["extract", "-"], Some(lines.as_bytes()));
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "stderr:\n{stderr}");
    assert_eq!(
        extracted_ids(&out.stdout),
        BTreeSet::from(["s1".to_string(), "s2".to_string()])
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("newsgraph: error: <stdin>:2: invalid JSON")),
        "{stderr}"
    );

    let out = newsgraph(&["extract", "-"], Some(GENEVA.as_bytes()));
    assert_eq!(code(&out), 0, "stderr:\n{}", stderr_of(&out));
    assert_eq!(
        extracted_ids(&out.stdout),
        BTreeSet::from(["-".to_string()])
    );
}

/// Issue 8 item 1: a text article's first line is its title, and a line equal to the
/// title was boilerplate, so a one-line article gave 0 entities (as JSON Lines, 3).
#[test]
fn a_one_line_text_article_is_read_like_the_same_json_line() {
    let sentence = "Angela Merkel met Emmanuel Macron in Paris.";
    let dir = tempfile::tempdir().unwrap();
    let graph_of = |stdin: &str, name: &str| {
        let out_dir = dir.path().join(name);
        let out = newsgraph(
            &["build", "-", "--out", out_dir.to_str().unwrap()],
            Some(stdin.as_bytes()),
        );
        assert_eq!(code(&out), 0, "stderr:\n{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("3 entities, 1 relation"),
            "{}",
            stderr_of(&out)
        );
        let g: Value =
            serde_json::from_slice(&fs::read(out_dir.join("graph.json")).unwrap()).unwrap();
        let ids = |key: &str, field: &str| -> Vec<String> {
            g[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x[field].as_str().unwrap().to_string())
                .collect()
        };
        (ids("nodes", "id"), ids("edges", "relation"))
    };
    let text = graph_of(&format!("{sentence}\n"), "text");
    let line = serde_json::json!({"id": "-", "text": sentence}).to_string();
    assert_eq!(text, graph_of(&line, "jsonl"));
    assert_eq!(
        text.0,
        [
            "location:paris",
            "person:angela-merkel",
            "person:emmanuel-macron"
        ]
    );
    assert_eq!(text.1, ["meets"]);
}

#[test]
fn a_huge_one_line_article_is_refused_by_the_size_limit_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    write(&dir, "a.txt", GENEVA);
    let huge = write(
        &dir,
        "huge.jsonl",
        format!(
            "{{\"id\":\"h\",\"text\":\"{}\"}}\n",
            "word ".repeat(400_000)
        ),
    );
    let out = newsgraph(
        &[
            "extract",
            "--max-article-bytes",
            "1000000",
            dir.to_str().unwrap(),
        ],
        None,
    );
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "stderr:\n{stderr}");
    assert_eq!(
        extracted_ids(&out.stdout),
        BTreeSet::from(["a.txt".to_string()])
    );
    let prefix = format!("newsgraph: error: {}:1: line of ", huge.display());
    assert!(
        stderr.lines().any(|l| l.starts_with(&prefix)),
        "expected {prefix:?} in:\n{stderr}"
    );
}

/// A folder of files no reader knows says which it passed over and which extensions are
/// read (it once said only "0 articles read, 0 skipped" and exited 0); one article read
/// is "1 article read".
#[test]
fn unsupported_files_are_named_with_the_extensions_read_and_counts_agree_in_number() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mixed");
    write(&dir, "readme.md", "# notes");
    write(&dir, "paper.pdf", "%PDF-1.4");
    write(&dir, "one.txt", GENEVA);
    let out = newsgraph(&["extract", dir.to_str().unwrap()], None);
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 0, "stderr:\n{stderr}");
    for name in ["readme.md", "paper.pdf"] {
        assert!(
            stderr.lines().any(|l| l.starts_with("newsgraph: note: ")
                && l.contains(name)
                && l.contains("extensions read are .txt, .text, .jsonl, .ndjson, .csv")),
            "{name} not named:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("newsgraph: 1 article read, 0 skipped, "),
        "{stderr}"
    );
}

/// Issue 8 item 6: an invalid date (`2023-02-30`) passed into first/last dates of every
/// export. It is now dropped on input with a warning naming the file and line; the
/// article is kept without its date, and the other article's date still counts.
#[test]
fn invalid_dates_are_dropped_on_input_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = write(
        tmp.path(),
        "dated.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "bad", "date": "2023-02-30", "text": BRUSSELS}),
            serde_json::json!({"id": "good", "date": "2023-02-27T08:00:00Z", "text": BRUSSELS}),
        ),
    );
    let csv = write(
        tmp.path(),
        "dated.csv",
        format!("id,date,text\ncsv,2023-13-01,\"{BRUSSELS}\"\n"),
    );
    let out_dir = tmp.path().join("out");
    let out = newsgraph(
        &[
            "build",
            jsonl.to_str().unwrap(),
            csv.to_str().unwrap(),
            "--formats",
            "json,graphml,gexf,csv",
            "--out",
            out_dir.to_str().unwrap(),
        ],
        None,
    );
    let stderr = stderr_of(&out);
    assert_eq!(code(&out), 1, "a repaired input exits 1: {stderr}");
    for at in [
        "dated.jsonl:1: invalid date \"2023-02-30\"",
        "dated.csv:2: invalid date \"2023-13-01\"",
    ] {
        assert!(stderr.contains(at), "no warning {at:?} in {stderr}");
    }
    assert!(stderr.contains("3 articles read, 0 skipped"), "{stderr}");
    for entry in fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        for bad in ["2023-02-30", "2023-13-01"] {
            assert!(!text.contains(bad), "{} carries {bad}", path.display());
        }
    }
    let graph: Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("graph.json")).unwrap()).unwrap();
    let dates: BTreeSet<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["last_date"].as_str())
        .collect();
    assert_eq!(dates, BTreeSet::from(["2023-02-27T08:00:00Z"]));
}

/// When nothing at all was read, build writes nothing and exits 2: `build some.pdf --out
/// x` (no such file) once exited 1 and replaced x's graph with an empty one.
#[test]
fn a_build_that_reads_nothing_writes_nothing_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let graphs = tmp.path().join("graphs");
    fs::create_dir_all(&graphs).unwrap();
    for name in ["graph.json", "graph.graphml", "graph.dot"] {
        fs::write(graphs.join(name), "previous").unwrap();
    }
    let empty = tmp.path().join("no-articles");
    write(&empty, "readme.md", "# notes");
    let missing = tmp.path().join("some.pdf");
    for input in [&missing, &empty] {
        let out = newsgraph(
            &[
                "build",
                input.to_str().unwrap(),
                "--out",
                graphs.to_str().unwrap(),
            ],
            None,
        );
        let stderr = stderr_of(&out);
        assert_eq!(code(&out), 2, "stderr:\n{stderr}");
        assert!(
            stderr.contains("no article was read; nothing written"),
            "{stderr}"
        );
        for name in ["graph.json", "graph.graphml", "graph.dot"] {
            assert_eq!(
                fs::read_to_string(graphs.join(name)).unwrap(),
                "previous",
                "{name}"
            );
        }
    }
}
