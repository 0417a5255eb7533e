//! What the integration tests that call real consumers share: finding the tools, and
//! the rule that a missing consumer fails in CI (which installs it) and skips loudly
//! elsewhere.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
}

pub fn python_has(module: &str) -> bool {
    on_path("python3")
        && Command::new("python3")
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// True when the consumer can run; otherwise fails in CI and skips loudly elsewhere.
pub fn consumer(what: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not installed, and CI is set: .ci/run must install it");
    }
    eprintln!(
        "\n!!!!!!!! SKIPPED: {what} is not installed; this consumer check did NOT run !!!!!!!!\n"
    );
    false
}

/// The GEXF 1.3 RELAX NG schema: `$GEXF_RNC` if set, else the copy committed under
/// `tests/fixtures/gexf-1.3/` (the published GEXF 1.3 schema, CC BY 4.0; see its
/// SOURCE.md). Always a path that exists, so a schema check can never skip for want of
/// the schema.
pub fn gexf_schema() -> PathBuf {
    if let Some(p) = std::env::var_os("GEXF_RNC") {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "GEXF_RNC={} is not a file", p.display());
        return p;
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gexf-1.3/gexf.rnc");
    assert!(
        p.is_file(),
        "the committed GEXF schema {} is missing",
        p.display()
    );
    p
}

/// `web/` of the crate, where `npm ci` installs graphology, sigma and playwright-core.
pub fn web_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web")
}

/// True when node runs and `npm ci` has filled `web/node_modules` with `package`.
pub fn node_has(package: &str) -> bool {
    on_path("node") && web_dir().join("node_modules").join(package).is_dir()
}

/// The proptest configuration every property test uses, so that a failure can be
/// replayed: `cases` cases (`PROPTEST_CASES` overrides), failures persisted next to the
/// test source (`tests/NAME.proptest-regressions`, committed and replayed first), and a
/// fixed RNG seed, printed on stderr (shown with a failure): `PROPTEST_RNG_SEED` if set,
/// else [`CI_SEED`] when `CI` is set, else a fresh seed per run for local hunting.
pub fn prop_config(cases: u32, source_file: &'static str) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("PROPTEST_RNG_SEED={v:?} is not a u64")),
        Err(_) if std::env::var_os("CI").is_some() => CI_SEED,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(CI_SEED, |d| d.as_nanos() as u64),
    };
    let config = proptest::test_runner::contextualize_config(Config {
        cases,
        source_file: Some(source_file),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    });
    let config = Config {
        rng_seed: RngSeed::Fixed(seed),
        ..config
    };
    eprintln!(
        "proptest {source_file}: {} cases, seed {seed} (replay with PROPTEST_RNG_SEED={seed})",
        config.cases
    );
    config
}

/// The seed of property tests under CI: the same cases on every CI run.
pub const CI_SEED: u64 = 0x6e65_7773_6772_6170;
