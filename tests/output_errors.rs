//! Write errors: a clear message and a non-zero exit, except a closed stdout pipe
//! (`newsgraph extract ... | head`), which ends quietly.

mod common;

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// `newsgraph extract -q INPUT` with a stdout whose reader closes at once (`| head -0`).
fn extract_to_a_closed_pipe(input: &std::path::Path) -> std::process::Output {
    let mut child = bin()
        .args(["extract", "-q"])
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn extract_into_a_closed_pipe_ends_quietly() {
    // Enough output to overflow the pipe buffer after the reader has gone.
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!("{{\"id\":\"a{i}\",\"text\":\"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken in Geneva.\"}}\n"));
    }
    let input = dir.path().join("many.jsonl");
    std::fs::write(&input, lines).unwrap();
    let out = extract_to_a_closed_pipe(&input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("error"), "stderr: {stderr}");
}

/// A closed stdout ends `extract` quietly but keeps the exit code it had decided: 1, an
/// input was skipped (it exited 0: the closed pipe became an error that `main` turned
/// into success).
#[test]
fn extract_keeps_exit_1_when_stdout_is_closed_early() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.jsonl");
    let good = "{\"id\":\"a\",\"text\":\"Sergei Lavrov met Antony Blinken in Geneva.\"}";
    std::fs::write(&input, format!("not json\n{good}\n")).unwrap();
    for _ in 0..5 {
        let out = extract_to_a_closed_pipe(&input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
        assert!(stderr.contains("mixed.jsonl:1: invalid JSON"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn build_into_an_impossible_directory_names_it_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = bin()
        .args(["build", "data/articles", "-q", "--out"])
        .arg(file.join("graph"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("not-a-dir"),
        "the message names the path: {stderr}"
    );
}

#[test]
fn extract_to_a_file_in_a_missing_directory_names_it_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing").join("out.jsonl");
    let out = bin()
        .args(["extract", "data/articles", "-q", "--out"])
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("out.jsonl"),
        "the message names the file: {stderr}"
    );
    assert!(!target.exists());
}

#[test]
fn extract_to_a_full_disk_fails_clearly() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full");
        return;
    }
    // stdout on /dev/full: every write fails with ENOSPC.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .args(["extract", "data/articles", "-q"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("No space left"), "stderr: {stderr}");
}

/// Issue 8 item 11: `extract`, `query` and `parse` wrote to stdout with their own
/// buffered writers and error mapping beside `output::to_stdout` (and `extract` and
/// `parse` each had their own way of carrying a library error out of `write_atomic`).
/// Now every command writes through `output::write_to`; no other source file opens
/// stdout or prints to it.
#[test]
fn stdout_is_written_only_through_output_rs() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for f in common::rust_files(&src)
        .iter()
        .filter(|f| !f.ends_with("output.rs"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let line = line.replace("eprintln!(", "").replace("eprint!(", "");
            if ["stdout()", "println!(", "print!("]
                .iter()
                .any(|m| line.contains(m))
            {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "stdout belongs to src/output.rs:\n{}",
        found.join("\n")
    );
    assert!(std::fs::read_to_string(src.join("output.rs"))
        .unwrap()
        .contains("io::stdout().lock()"));
}

#[test]
fn out_dash_is_stdout_not_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "Vladimir Putin met Joe Biden in Geneva.\n").unwrap();
    for command in [&["extract", "-q"][..], &["parse"]] {
        let out = bin()
            .current_dir(dir.path())
            .args(command)
            .args(["-o", "-"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command:?}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("Putin"), "{command:?}: {stdout}");
        assert!(
            !dir.path().join("-").exists(),
            "{command:?} wrote a file named -"
        );
    }
}
