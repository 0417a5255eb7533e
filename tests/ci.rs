//! `.ci/run` runs what reviewers check, not only the tests (issue 8 item 9).

#[test]
fn ci_runs_what_reviewers_check() {
    let run = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    for step in [
        "cargo fmt --check",
        "cargo clippy --all-targets --locked -q -- -D warnings",
        "RUSTDOCFLAGS='-D warnings' cargo doc --no-deps",
        "python3 scripts/check_lexicon.py",
        "python3 scripts/make_gold.py --check",
        "python3 data/heldout/make_gold.py --check",
        "cargo test --locked",
    ] {
        let line = run.lines().find(|l| l.trim_start().starts_with(step));
        assert!(line.is_some(), ".ci/run does not run `{step}`");
    }
}
