//! `.ci/run` runs what reviewers check, not only the tests (issue 8 item 9), and the
//! property tests it runs are reproducible (issue 8 item 7).

mod common;

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
        "cargo check --lib --no-default-features --locked",
        "cargo test --locked",
    ] {
        let line = run.lines().find(|l| l.trim_start().starts_with(step));
        assert!(line.is_some(), ".ci/run does not run `{step}`");
    }
}

/// Every property test takes its configuration from `common::prop_config`: under CI the
/// seed is fixed (the same cases each run), a failure is persisted to the committed
/// `tests/NAME.proptest-regressions`, and the seed is printed.
#[test]
fn property_tests_are_reproducible_with_fixed_seeds_in_ci() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{RngSeed, TestRunner};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut users = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "rs") || path.ends_with("ci.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in [
            "proptest_config(",
            "TestRunner::new(",
            "TestRunner::default(",
        ] {
            for (i, _) in text.match_indices(needle) {
                let line = &text[i..text[i..].find('\n').map_or(text.len(), |n| i + n)];
                assert!(
                    line.contains("prop_config("),
                    "{}: {line} does not use common::prop_config",
                    path.display()
                );
                users += 1;
            }
        }
    }
    assert!(
        users >= 7,
        "only {users} property test configurations found"
    );
    if std::env::var_os("CI").is_some() && std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        let config = common::prop_config(8, file!());
        assert_eq!(config.rng_seed, RngSeed::Fixed(common::CI_SEED));
        assert!(config.failure_persistence.is_some());
    }
    // The same configuration draws the same values.
    let draw = || {
        let mut runner = TestRunner::new(common::prop_config(8, file!()));
        let s = proptest::collection::vec(proptest::arbitrary::any::<u64>(), 4);
        (0..4)
            .map(|_| s.new_tree(&mut runner).unwrap().current())
            .collect::<Vec<_>>()
    };
    std::env::set_var("PROPTEST_RNG_SEED", "12345");
    assert_eq!(draw(), draw());
}

/// Issue 8 item 11: the library depended on clap (`export::Format` derived
/// `clap::ValueEnum`, `article::InputArgs` derived `clap::Args`). Both are behind the
/// `cli` feature now (default on, required by the binary), so without it nothing of ours
/// needs clap: `.ci/run` checks that the library compiles so (`cargo check --lib
/// --no-default-features`), and here the dependency graph says so. clap stays in the
/// graph only through sentencex 0.1.33, which lists it unconditionally for its own
/// command-line binary (its library does not use it).
#[test]
fn the_library_needs_clap_only_for_the_cli_feature() {
    let dependents = |features: &[&str]| -> Vec<String> {
        let out = std::process::Command::new(env!("CARGO"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "tree", "-e", "normal", "--invert", "clap", "--prefix", "depth",
            ])
            .args(["--locked", "--offline"])
            .args(features)
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.strip_prefix('1'))
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(dependents(&["--no-default-features"]), ["sentencex"]);
    assert_eq!(dependents(&[]), ["newsgraph", "sentencex"]);
}

/// Issue 8 item 10: the README's figures were typed by hand and went stale (relations
/// 0.929 where the code gave 0.947). `scripts/readme_figures.py` writes the accuracy
/// table, the held-out figures and the short session from the commands' output; this
/// fails when README.md differs from what it would write today (the CoNLL rows, which
/// need ../shared, are checked by `scripts/shared-checks.sh`).
#[test]
fn readme_figures_are_what_the_commands_give() {
    let out = std::process::Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scripts/readme_figures.py", "--check", "--bin"])
        .arg(env!("CARGO_BIN_EXE_newsgraph"))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
