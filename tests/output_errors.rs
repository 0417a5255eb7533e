//! Write errors: a clear message and a non-zero exit, except a closed stdout pipe
//! (`newsgraph extract ... | head`), which ends quietly.

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
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
    let mut child = bin()
        .args(["extract", "-q"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader closes at once, like `| head -0`
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("error"), "stderr: {stderr}");
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
