//! What the integration tests that call real consumers share: finding the tools, and
//! the rule that a missing consumer fails in CI (which installs it) and skips loudly
//! elsewhere.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// `jing -c SCHEMA FILE...` with the GEXF schema ([`gexf_schema`]), each file given to
/// jing as a copy whose characters outside the Basic Multilingual Plane are written as
/// character references (`🙂` as `&#x1F642;`): the same document to any XML parser.
/// jing's messages name the original files.
///
/// Why (issue 8 item 7, "Invalid byte 2 of 4-byte UTF-8 sequence" once in ten CI runs on
/// a GEXF that networkx read): the validator is at fault, not the file. Debian's jing
/// parses with Xerces-J 2.12 (libxerces2-java), whose `UTF8Reader.read(char[], int,
/// int)` misdecodes valid UTF-8: when a 4-byte character starts on the last byte of a
/// chunk that was otherwise ASCII, its low surrogate does not fit and is kept for the
/// next call; that call counts the kept character among the bytes it has read, so it
/// decodes one byte more than it read, the stale lead byte left in its buffer, and takes
/// the next byte of the stream for its continuation. (Read from the installed class
/// with `javap -c`; `tests/exports.rs`,
/// `jing_invalid_byte_2_of_4_byte_sequence_is_xerces_misreading_valid_utf8`, reproduces
/// it on our own GEXF.) With no 4-byte sequence in its input the reader never keeps a
/// surrogate, so the references avoid the bug whatever the buffer size; jing has no flag
/// for a larger buffer or another reader, and a larger buffer would only move the
/// boundary.
///
/// The copy hides nothing of ours: a file that is not UTF-8 fails here, and in our GEXF a
/// character outside the BMP can only stand in attribute values and text (names are
/// ASCII, and the file has no comment, CDATA section or processing instruction other
/// than the XML declaration, which is asserted), where a reference means the same
/// character.
pub fn jing(files: &[PathBuf]) -> Output {
    let copies = tempfile::tempdir().unwrap();
    let mut renames = Vec::new();
    let mut args = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let xml = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{}: not UTF-8 text: {e}", file.display()));
        let body = xml.strip_prefix("<?xml ").map_or(&*xml, |rest| {
            &rest[rest.find("?>").expect("the XML declaration ends")..]
        });
        for markup in ["<!--", "<![CDATA[", "<?"] {
            assert!(!body.contains(markup), "{}: has {markup}", file.display());
        }
        let copy = copies.path().join(format!("{i}.xml"));
        std::fs::write(&copy, non_bmp_as_references(&xml)).unwrap();
        renames.push((copy.display().to_string(), file.display().to_string()));
        args.push(copy);
    }
    let mut out = Command::new("jing")
        .arg("-c")
        .arg(gexf_schema())
        .args(&args)
        .output()
        .expect("jing runs");
    let mut stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    for (copy, file) in &renames {
        stdout = stdout.replace(copy, file);
    }
    out.stdout = stdout.into_bytes();
    out
}

/// `xml` with every character above U+FFFF written as a hexadecimal character reference.
pub fn non_bmp_as_references(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    for c in xml.chars() {
        if u32::from(c) > 0xFFFF {
            out.push_str(&format!("&#x{:X};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Every `.rs` file under `dir`, recursively (for tests that read the sources).
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
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
